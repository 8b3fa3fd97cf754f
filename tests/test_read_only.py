"""A project this user may not write (a colleague's on a read-only share, or after ``chmod -R a-w``) opens
read-only: it can be read, searched and exported; every change is refused in one line naming it.

The tests run as root, whom file modes do not stop, so most of them make the project unwritable where
quotecheck asks (``os.access`` in ``project.store``): SQLite itself could still write, so a write getting
through would change the file, which they check it does not. The last test mounts the project's folder
read-only for real, in a user namespace, where the system allows one.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from quotecheck import cli
from quotecheck.library import Library, LibraryError
from quotecheck.project import store

ROOT = Path(__file__).resolve().parent.parent


def run(capsys, *args) -> tuple[int, str, str]:
    rc = cli.main([str(a) for a in args])
    out, err = capsys.readouterr()
    return rc, out, err


@pytest.fixture
def unwritable(project, monkeypatch):
    """The test project, its file and folder not writable for this user; ``(path, ids, digest)``."""
    path, ids = project
    Library(path).close()  # the write-ahead log folded into the file: a colleague's project at rest
    shut = {str(path), str(path.parent)}
    access = os.access

    def denied(name, mode, **kwargs):
        return False if mode & os.W_OK and str(name) in shut else access(name, mode, **kwargs)

    monkeypatch.setattr(store.os, "access", denied)
    return path, ids, hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_command_line_reads_searches_and_exports_it_and_refuses_a_change_in_one_line(unwritable, capsys):
    path, ids, digest = unwritable
    note = f"note: {path}: read-only here (this user may not write the file or its folder): it can be read, searched and exported, not changed\n"
    rc, out, err = run(capsys, "quotes", path)
    assert (rc, err) == (cli.EXIT_OK, note)
    assert len(out.splitlines()) == 8
    rc, out, err = run(capsys, "quotes", path, "--search", "dam", "--json")
    assert (rc, err) == (cli.EXIT_OK, note) and out.strip()
    rc, out, err = run(capsys, "export", path, "-f", "csv")
    assert (rc, err) == (cli.EXIT_OK, note) and out.startswith("quote_id,")
    refused = f"error: {path}: read-only here (this user may not write the file or its folder): nothing was changed\n"
    quote = ids["quotes"][(1, 0)]
    for args in (
        ("review", path, quote, "--note", "Holloway checked"),
        ("ingest", path, ROOT / "tests" / "data" / "engine" / "genders.txt"),
        ("undo", path, 1),
        ("match", path),
    ):
        rc, out, err = run(capsys, *args)
        assert (rc, out, err) == (cli.EXIT_FAILED, "", refused), args
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest
    wal = Path(f"{path}-wal")
    assert not wal.exists() or wal.stat().st_size == 0  # nothing logged to be written either


def test_the_library_opens_it_read_only_and_refuses_every_change(unwritable):
    path, ids, digest = unwritable
    quote = ids["quotes"][(1, 0)]
    with Library(path, create=False) as lib:
        assert lib.read_only
        assert lib.quote(quote).note is None and lib.count_quotes() == 8
        for change in (
            lambda: lib.review(quote, note="Varga called back"),
            lambda: lib.set_meta(ids["articles"][0], outlet="Roe Post"),
            lambda: lib.dismiss_quotes([quote]),
        ):
            with pytest.raises(LibraryError, match=r"read-only here .*: nothing was changed"):
                change()
        with pytest.raises(store.sqlite3.OperationalError):  # the connection itself refuses too
            lib.db.execute("UPDATE quotes SET text = 'x'")
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest


def test_the_window_shows_it_read_only_and_refuses_a_decision_with_a_message(qtbot, window, unwritable):
    path, ids, digest = unwritable
    with qtbot.waitSignal(window.lists_reloaded):
        assert window.open_project(path)
    assert window.model.rowCount() == 8
    assert window.windowTitle() == "fixture.qcproj (read-only) — quotecheck"
    assert window.statusBar().currentMessage() == (
        f"{path}: read-only here (this user may not write the file or its folder): it can be read, searched"
        " and exported, not changed"
    )
    panel = window.review_panel
    assert not panel.confirm.isEnabled() and not panel.save_note.isEnabled() and not panel.verdict.isEnabled()
    assert panel.note_edit.isReadOnly()
    assert not any(a.isEnabled() for a in window.menus.edit_actions)
    assert window.menus.export_action.isEnabled() and window.menus.find_action.isEnabled()
    quote = ids["quotes"][(1, 0)]
    window.select_quote(quote)
    assert panel.note_edit.isEnabled()  # the note can be read and scrolled, not changed
    window.review(quote, {"verdict": "misquoted"})  # as Ctrl+2 would ask, were it not disabled
    refused = f"{path}: read-only here (this user may not write the file or its folder): nothing was changed"
    assert window.last_error == f"Verdict: misquoted failed: {refused}"
    window.merge_speakers([s.id for s in window.lib.speakers()[:2]])  # a speaker dropped on another
    assert window.last_error.endswith(refused) and window.last_error.startswith("Merge")
    assert not window.start_import([str(ROOT / "tests" / "data" / "engine" / "genders.txt")])
    assert window.lib.quote(quote).verdict is None
    window.filter_bar.search.setText("dam")
    qtbot.waitUntil(lambda: window.model.rowCount() < 8)
    assert window.model.index(0, 0).data(Qt.ItemDataRole.DisplayRole) is not None
    window.close_project()
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest


def test_a_new_project_in_a_folder_this_user_may_not_write_names_the_folder(tmp_path, capsys, monkeypatch):
    folder = tmp_path / "share"
    folder.mkdir()
    access = os.access
    monkeypatch.setattr(
        store.os,
        "access",
        lambda name, mode, **kw: False if mode & os.W_OK and str(name) == str(folder) else access(name, mode, **kw),
    )
    new = folder / "new.qcproj"
    rc, out, err = run(capsys, "ingest", new, ROOT / "tests" / "data" / "engine" / "genders.txt")
    assert (rc, out) == (cli.EXIT_FAILED, "")
    assert err == (f"error: {new}: cannot create the project: this user may not write in its folder {folder}\n")
    assert list(folder.iterdir()) == []  # nothing was created there (root could have)

    absent = tmp_path / "absent" / "new.qcproj"
    rc, out, err = run(capsys, "ingest", absent, ROOT / "tests" / "data" / "engine" / "genders.txt")
    assert (rc, err) == (cli.EXIT_FAILED, f"error: {absent}: cannot create the project: no folder {absent.parent}\n")


def test_the_article_panes_details_button_is_disabled_read_only_and_open_again_when_writable(
    qtbot, window, unwritable, monkeypatch
):
    path, ids, digest = unwritable
    with qtbot.waitSignal(window.lists_reloaded):
        assert window.open_project(path)
    window.select_quote(ids["quotes"][(0, 0)])
    button = window.article_view.edit_button
    assert window.article_view.article_id is not None
    assert not button.isEnabled()  # as Quote ▸ Article Details… is: no form whose Save fails after typing
    assert "read-only" in button.toolTip()
    opened = []
    monkeypatch.setattr("quotecheck.ui.main_window.MetadataDialog", lambda *a, **k: opened.append(a))
    window.edit_current_article_details()  # however it is asked for, no form opens
    assert opened == []
    assert window.statusBar().currentMessage() == (
        f"Article details not opened: {path}: read-only here (this user may not write the file or its folder):"
        " nothing was changed"
    )
    window.close_project()
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest

    monkeypatch.undo()  # the same project where it may be written: the button is back
    with qtbot.waitSignal(window.lists_reloaded):
        assert window.open_project(path)
    window.select_quote(ids["quotes"][(0, 0)])
    assert button.isEnabled() and "correct" in button.toolTip()
    window.close_project()


def _read_only_mount_works() -> bool:
    if not sys.platform.startswith("linux") or shutil.which("unshare") is None:
        return False
    probe = subprocess.run(["unshare", "-rm", "mount", "-t", "tmpfs", "none", "/mnt"], capture_output=True)
    return probe.returncode == 0


@pytest.mark.skipif(not _read_only_mount_works(), reason="no user namespace to mount a folder read-only in")
def test_a_project_on_a_read_only_mount_opens_for_reading(project, tmp_path):
    """For real: the folder mounted read-only (no -shm there, so SQLite reads it as immutable)."""
    path, _ = project
    Library(path).close()
    shown = tmp_path / "share"
    shown.mkdir()
    script = (
        f"mount --bind {path.parent} {shown} && mount -o remount,ro,bind {shown} && "
        f"{sys.executable} -m quotecheck.cli quotes {shown / path.name} --json && "
        f"{sys.executable} -m quotecheck.cli review {shown / path.name} 1 --note seen"
    )
    done = subprocess.run(["unshare", "-rm", "sh", "-c", script], capture_output=True, text=True, env=os.environ)
    assert done.returncode == cli.EXIT_FAILED
    assert len(done.stdout.splitlines()) == 8
    assert done.stderr.splitlines() == [
        f"note: {shown / path.name}: read-only here (this user may not write the file or its folder): it can be"
        " read, searched and exported, not changed",
        f"error: {shown / path.name}: read-only here (this user may not write the file or its folder): nothing was"
        " changed",
    ]
