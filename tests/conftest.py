"""Shared test setup: Qt runs offscreen, the answer keys in ../shared are found when present, and
the shared sets are parsed in the background while the other tests run."""

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import warnings
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DATA = Path(__file__).resolve().parent / "data"
SAMPLES = ROOT / "resources" / "samples"
# where scripts/shared_sets.py caches the parses of the shared sets, for the tests and the training scripts
PARSE_CACHE = Path(os.environ.get("QUOTECHECK_PARSE_CACHE") or tempfile.gettempdir())
PARSE_CACHE.mkdir(parents=True, exist_ok=True)  # a folder named in the variable may not exist yet


# Run by the background process: the parse, then each training script's --check, one after the other,
# naming on stdout each set once it is cached and each check once it has ended ("checked SCRIPT CODE").
_BACKGROUND_PLAN = """
import json, subprocess, sys
plan = json.loads(sys.argv[1])
if subprocess.call(plan["parse"]) != 0:
    sys.exit(1)
for script, command, log in plan["checks"]:
    with open(log, "w") as out:
        code = subprocess.call(command, stdout=out, stderr=subprocess.STDOUT)
    print("checked", script, code, flush=True)
"""


class BackgroundParse:
    """``scripts/shared_sets.py`` parsing shared sets into :data:`PARSE_CACHE` in a process group of
    its own, at the lowest priority, then the ``--check`` of the training scripts the ``checks`` mark
    names, from those parses: on a fresh machine the parse (minutes of both cores) and the checks
    (a minute of one) fill the time the other tests leave idle instead of adding to it, and the
    tests that read them run last."""

    def __init__(self, folders: list[str], checks: list[str]):
        self.log = tempfile.TemporaryFile(mode="w+")
        self.check_logs = Path(tempfile.mkdtemp(prefix="quotecheck-checks-"))
        nice = [shutil.which("nice"), "-n", "19"] if shutil.which("nice") else []
        script = [sys.executable, str(ROOT / "scripts" / "shared_sets.py"), "--shared", str(SHARED)]
        plan = {
            "parse": [*script, "--cache", str(PARSE_CACHE), "--n-process", "2", *folders],
            "checks": [[name, check_command(name), str(self.check_logs / f"{Path(name).stem}.log")] for name in checks],
        }
        self.proc = subprocess.Popen(
            [*nice, sys.executable, "-c", _BACKGROUND_PLAN, json.dumps(plan)],
            stdout=subprocess.PIPE,
            stderr=self.log,
            text=True,
            start_new_session=True,
        )
        self.ready: set[str] = set()
        self.checked: dict[str, int] = {}

    def wait_for(self, folders: tuple[str, ...]) -> None:
        """Return once ``folders`` are cached, or once the process has ended without them (then the
        test parses what is missing itself, as it would with no background parse)."""
        while not self.ready.issuperset(folders):
            if not self._read():
                return

    def check_result(self, script: str) -> tuple[int, str] | None:
        """(exit code, output) of ``script --check`` once the background has run it; None when the
        background ended without running it (then the test runs it itself)."""
        while script not in self.checked:
            if not self._read():
                return None
        return self.checked[script], (self.check_logs / f"{Path(script).stem}.log").read_text(encoding="utf-8")

    def _read(self) -> bool:
        line = self.proc.stdout.readline()
        if not line:
            self._report()
            return False
        if line.startswith("checked "):
            _, script, code = line.split()
            self.checked[script] = int(code)
        else:
            self.ready.add(line.strip())
        return True

    def stop(self) -> None:
        if self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGTERM)  # the spaCy workers too
        self.proc.wait()
        self.proc.stdout.close()
        self.log.close()
        shutil.rmtree(self.check_logs, ignore_errors=True)

    def _report(self) -> None:
        if self.proc.wait() != 0:
            self.log.seek(0)
            tail = "".join(self.log.readlines()[-5:])
            warnings.warn(
                f"the background parse failed ({self.proc.returncode}); parsing in the test:\n{tail}", stacklevel=1
            )


def check_command(script: str) -> list[str]:
    """``script --check`` (a path under the checkout) on ../shared and :data:`PARSE_CACHE`."""
    return [sys.executable, str(ROOT / script), "--shared", str(SHARED), "--cache", str(PARSE_CACHE), "--check"]


_BACKGROUND = pytest.StashKey[BackgroundParse]()


def _parsed_sets(item: pytest.Item) -> tuple[str, ...]:
    marker = item.get_closest_marker("parses")
    return marker.args if marker else ()


def _checked_script(item: pytest.Item) -> str | None:
    marker = item.get_closest_marker("checks")
    return marker.args[0] if marker else None


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The tests that read parses of the shared sets run last, when the background parse is done, and
    of those the ones reading a check last of all, so the checks run beside the others."""
    items.sort(key=lambda item: (bool(_parsed_sets(item)), bool(_checked_script(item))))


def pytest_collection_finish(session: pytest.Session) -> None:
    named = dict.fromkeys(f for item in session.items for f in _parsed_sets(item))
    folders = [f for f in named if (SHARED / f / "gold.json").is_file()]
    checks = list(dict.fromkeys(s for item in session.items if (s := _checked_script(item))))
    if folders and not session.config.option.collectonly:
        session.config.stash[_BACKGROUND] = BackgroundParse(folders, checks)


def pytest_sessionfinish(session: pytest.Session) -> None:
    background = session.config.stash.get(_BACKGROUND, None)
    if background is not None:
        background.stop()


@pytest.fixture
def parse_cache(request) -> Path:
    """:data:`PARSE_CACHE`, once the shared sets the test's ``parses`` mark names are cached there."""
    marker = request.node.get_closest_marker("parses")
    assert marker is not None, "a test reading the parse cache names its sets with @pytest.mark.parses(...)"
    background = request.config.stash.get(_BACKGROUND, None)
    if background is not None:
        background.wait_for(marker.args)
    return PARSE_CACHE


@pytest.fixture
def script_check(request, parse_cache) -> tuple[int, str]:
    """(exit code, output) of ``SCRIPT --check`` for a test marked ``@pytest.mark.checks(SCRIPT)``
    (and ``parses`` with the sets it reads): run in the background after the parse, or here when
    there was no background run of it."""
    script = _checked_script(request.node)
    assert script is not None, "a test reading a script's check names it with @pytest.mark.checks(...)"
    background = request.config.stash.get(_BACKGROUND, None)
    result = background.check_result(script) if background is not None else None
    if result is None:
        run = subprocess.run(check_command(script), capture_output=True, text=True)
        result = run.returncode, run.stdout + run.stderr
    return result


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared beside the checkout (answer keys for measuring); tests using it skip without it."""
    if not (SHARED / "seeds" / "gold.json").is_file():
        pytest.skip("../shared is not beside this checkout")
    return SHARED


@pytest.fixture
def data_dir() -> Path:
    return DATA


@pytest.fixture
def settings(tmp_path, monkeypatch):
    """Window settings in a throwaway INI file, so tests never touch the user's. A window closed with a
    note typed and not saved discards it instead of waiting on the question (tests of that question
    answer it themselves)."""
    from PySide6.QtCore import QSettings
    from quotecheck.ui.main_window import MainWindow

    monkeypatch.setattr(MainWindow, "ask_about_unsaved_notes", lambda _self, _count: "discard")
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot, settings):
    """The main window at 1280×800, offscreen, with no search debounce; any job is stopped at the end."""
    from quotecheck.ui.app import make_app
    from quotecheck.ui.main_window import MainWindow

    make_app()
    w = MainWindow(settings, search_delay_ms=0)
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.show()
    yield w
    if w.job is not None:
        w.job.cancel()
        w.job.wait()
    w.close()


@pytest.fixture
def project(tmp_path):
    """A small project written straight into a project file (tests/ui_helpers.py): its path and ids."""
    from tests.ui_helpers import build_project

    path = tmp_path / "fixture.qcproj"
    return path, build_project(path)


@pytest.fixture
def opened(qtbot, window, project):
    """The window with :func:`project` open and its lists filled: ``(window, ids)``."""
    path, ids = project
    with qtbot.waitSignal(window.lists_reloaded):
        assert window.open_project(path)
    return window, ids
