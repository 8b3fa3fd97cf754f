"""The window's log file: in the user's data folder, named in Help ▸ About, holding what went wrong."""

from __future__ import annotations

import logging

import pytest
from quotecheck.ui.app import LOG_NAME, log_to_file
from quotecheck.ui.jobs import BackgroundJob
from quotecheck.ui.main_window import MainWindow

pytestmark = pytest.mark.gui


@pytest.fixture
def log_file(tmp_path):
    path = log_to_file(tmp_path / "data")
    yield path
    logger = logging.getLogger("quotecheck")
    for handler in [h for h in logger.handlers if getattr(h, "baseFilename", None) == str(path.resolve())]:
        logger.removeHandler(handler)
        handler.close()


def test_a_failed_background_job_is_written_to_the_log_file(qtbot, log_file):
    assert log_file.name == LOG_NAME and log_file.parent.is_dir()
    assert log_to_file(log_file.parent) == log_file  # a second call adds no second handler

    def fail(_progress):
        raise RuntimeError("the disk went away")

    job = BackgroundJob(fail, "failing")
    with qtbot.waitSignal(job.finished, timeout=10_000):
        job.start()
    text = log_file.read_text(encoding="utf-8")
    assert "background job failed" in text and "RuntimeError: the disk went away" in text


def test_help_about_names_the_log_file(qtbot, settings, log_file):
    window = MainWindow(settings, log_path=log_file)
    qtbot.addWidget(window)
    assert str(log_file) in window.about_text()
    help_menu = window.menuBar().actions()[-1].menu()
    assert help_menu.title() == "&Help" and window.menus.about_action in help_menu.actions()
    plain = MainWindow(settings)
    qtbot.addWidget(plain)
    assert "no log file" in plain.about_text()
