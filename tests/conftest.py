"""Shared test setup: Qt runs offscreen, and the answer keys in ../shared are found when present."""

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DATA = Path(__file__).resolve().parent / "data"
SAMPLES = ROOT / "resources" / "samples"


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
