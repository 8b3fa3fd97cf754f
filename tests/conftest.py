"""Shared test setup: Qt runs offscreen, the answer keys in ../shared are found when present, and
the shared sets are parsed in the background while the other tests run."""

import contextlib
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


class BackgroundParse:
    """``scripts/shared_sets.py`` parsing shared sets into :data:`PARSE_CACHE` in a process group of
    its own, at the lowest priority: on a fresh machine the parse (minutes of both cores) fills the
    time the other tests leave idle instead of adding to it, and the tests that read it run last."""

    def __init__(self, folders: list[str]):
        self.log = tempfile.TemporaryFile(mode="w+")
        nice = [shutil.which("nice"), "-n", "19"] if shutil.which("nice") else []
        script = [sys.executable, str(ROOT / "scripts" / "shared_sets.py"), "--shared", str(SHARED)]
        self.proc = subprocess.Popen(
            [*nice, *script, "--cache", str(PARSE_CACHE), "--n-process", "2", *folders],
            stdout=subprocess.PIPE,
            stderr=self.log,
            text=True,
            start_new_session=True,
        )
        self.ready: set[str] = set()

    def wait_for(self, folders: tuple[str, ...]) -> None:
        """Return once ``folders`` are cached, or once the process has ended without them (then the
        test parses what is missing itself, as it would with no background parse)."""
        while not self.ready.issuperset(folders):
            line = self.proc.stdout.readline()
            if not line:
                self._report()
                return
            self.ready.add(line.strip())

    def stop(self) -> None:
        if self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGTERM)  # the spaCy workers too
        self.proc.wait()
        self.proc.stdout.close()
        self.log.close()

    def _report(self) -> None:
        if self.proc.wait() != 0:
            self.log.seek(0)
            tail = "".join(self.log.readlines()[-5:])
            warnings.warn(
                f"the background parse failed ({self.proc.returncode}); parsing in the test:\n{tail}", stacklevel=1
            )


_BACKGROUND = pytest.StashKey[BackgroundParse]()


def _parsed_sets(item: pytest.Item) -> tuple[str, ...]:
    marker = item.get_closest_marker("parses")
    return marker.args if marker else ()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The tests that read parses of the shared sets run last, when the background parse is done."""
    items.sort(key=lambda item: bool(_parsed_sets(item)))


def pytest_collection_finish(session: pytest.Session) -> None:
    named = dict.fromkeys(f for item in session.items for f in _parsed_sets(item))
    folders = [f for f in named if (SHARED / f / "gold.json").is_file()]
    if folders and not session.config.option.collectonly:
        session.config.stash[_BACKGROUND] = BackgroundParse(folders)


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
def settings(tmp_path):
    """Window settings in a throwaway INI file, so tests never touch the user's."""
    from PySide6.QtCore import QSettings

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
