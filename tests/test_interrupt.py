"""Stopping quotecheck and opening what is no project: one line for the person, never a traceback, and
the file left as it was."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from quotecheck import cli
from quotecheck.library import Library
from quotecheck.project import store

LAUNCH = "import sys; from quotecheck.launch import main; sys.exit(main())"


def _quotecheck(*args: str, env: dict | None = None) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", LAUNCH, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
    )


def test_ctrl_c_while_the_program_loads_is_one_line(monkeypatch, capsys):
    """Loading takes seconds on a busy laptop (spaCy, the matching code): Ctrl+C then arrives inside an
    import, which the entry point catches. The import is made to raise it, as a timed signal would."""
    import builtins

    from quotecheck import launch

    real_import = builtins.__import__

    def interrupted(name, globals=None, locals=None, fromlist=(), level=0):
        if name == "cli" and level == 1:
            raise KeyboardInterrupt
        return real_import(name, globals, locals, fromlist, level)

    monkeypatch.setattr(builtins, "__import__", interrupted)
    try:
        code = launch.main()
    except KeyboardInterrupt:
        pytest.fail("Ctrl+C while loading escaped the entry point (a traceback for the person)")
    assert code == 130
    err = capsys.readouterr().err
    assert err == "interrupted; nothing was changed\n"


@pytest.mark.slow
def test_ctrl_c_or_sigterm_closes_the_window(tmp_path):
    """One window per signal, both started at once (each waits seconds for its event loop)."""
    windows = {}
    for signum in (signal.SIGINT, signal.SIGTERM):
        path = tmp_path / f"p{signum}.qcproj"
        home = tmp_path / f"home{int(signum)}"  # a settings folder each
        home.mkdir()
        windows[signum] = path, _quotecheck("gui", str(path), env={"QT_QPA_PLATFORM": "offscreen", "HOME": str(home)})
    try:
        deadline = time.monotonic() + 60
        while not all(path.exists() for path, _ in windows.values()) and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(3)  # the event loops run
        for signum, (_, proc) in windows.items():
            proc.send_signal(signum)
        for path, proc in windows.values():
            out, err = proc.communicate(timeout=30)
            assert proc.returncode == 0, err
            assert "Traceback" not in err, err
            assert store.schema_version(store.open_db(path)) == store.SCHEMA_VERSION
    finally:
        for _, proc in windows.values():
            if proc.poll() is None:
                proc.kill()


def test_another_programs_sqlite_file_is_refused_and_left_alone(tmp_path, capsys):
    path = tmp_path / "notes.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (body TEXT)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    assert cli.main(["quotes", str(path)]) == cli.EXIT_FAILED
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"{path}: not a quotecheck project" in err
    assert path.read_bytes() == before


def test_a_damaged_or_newer_schema_names_the_file(tmp_path, capsys):
    path = tmp_path / "p.qcproj"
    Library(path).close()
    for value, words in (("abc", "damaged project"), ("999", "newer than this quotecheck")):
        conn = sqlite3.connect(path)
        conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [value])
        conn.commit()
        conn.close()
        assert cli.main(["quotes", str(path)]) == cli.EXIT_FAILED
        err = capsys.readouterr().err
        assert err.startswith(f"error: {path}: ") and words in err and err.count("\n") == 1, err


def test_a_read_only_project_says_so_for_a_decision(tmp_path, capsys, monkeypatch):
    """Root writes anywhere, so the refusal SQLite gives a read-only file is raised where the note is written."""
    path = tmp_path / "p.qcproj"
    Library(path).close()

    def refuse(self, *args, **kwargs):
        raise sqlite3.OperationalError("attempt to write a readonly database")

    monkeypatch.setattr(Library, "review", refuse)
    monkeypatch.setattr(Library, "quote", lambda self, i: None)
    assert cli.main(["review", str(path), "1", "--note", "seen"]) == cli.EXIT_FAILED
    err = capsys.readouterr().err
    assert err.startswith(f"error: {path}: read-only") and "Traceback" not in err and err.count("\n") == 1, err
