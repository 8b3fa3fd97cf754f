"""Starting the window: ``quotecheck gui [PROJECT] [--screenshot PNG]``."""

from __future__ import annotations

import logging
import logging.handlers
import multiprocessing
import os
import sys
import tempfile
import time
from pathlib import Path

LOG_NAME = "quotecheck.log"
LOG_BYTES = 1_000_000
"""The log file is rotated at this size, keeping two older files: it never grows without bound."""

log = logging.getLogger(__name__)

PREFERRED_SCREENSHOT_FLAGS = ("wording_drift", "conflicting_speaker", "missing_from_primary", "any")


def use_spawn() -> None:
    """Child processes start fresh instead of forking this one.

    A running Qt application has threads; a forked child can inherit a lock held by one of them and
    hang (spaCy's ``n_process`` builds processes from the default context, which forks on Linux).
    """
    try:
        multiprocessing.set_start_method("spawn")
    except RuntimeError:
        if multiprocessing.get_start_method(allow_none=True) != "spawn":
            multiprocessing.set_start_method("spawn", force=True)


def make_app(argv: list[str] | None = None):
    """The QApplication, set up the same way every time (Fusion, explicit font, English locale)."""
    from PySide6.QtCore import QCoreApplication, QLocale
    from PySide6.QtWidgets import QApplication

    from .style import apply_app_style

    QCoreApplication.setOrganizationName("quotecheck")
    QCoreApplication.setApplicationName("quotecheck")
    app = QApplication.instance() or QApplication(argv or [sys.argv[0]])
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    apply_app_style(app)
    return app


def log_to_file(folder: str | os.PathLike | None = None) -> Path | None:
    """Write the window's and the core's log (the ``quotecheck`` loggers, INFO and up) to a file.

    The file is ``quotecheck.log`` in ``folder``, by default the user's data folder for the
    application (``QStandardPaths.AppDataLocation``, after :func:`make_app` named it). Returns the
    file's path, or None when the folder cannot be written (the window then runs without a log).
    Called once per process; a second call adds no second handler.
    """
    from PySide6.QtCore import QStandardPaths

    if folder is None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    path = Path(folder) / LOG_NAME
    logger = logging.getLogger("quotecheck")
    for handler in logger.handlers:
        if isinstance(handler, logging.FileHandler) and Path(handler.baseFilename) == path.resolve():
            return path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=LOG_BYTES, backupCount=2, encoding="utf-8")
    except OSError as exc:
        print(f"warning: no log file ({path}: {exc})", file=sys.stderr)
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger.addHandler(handler)
    if logger.level == logging.NOTSET or logger.level > logging.INFO:
        logger.setLevel(logging.INFO)
    return path


def select_flagged_quote(window) -> int | None:
    """Select the first quote with the most telling flag (for screenshots and demos)."""
    from quotecheck.library import QuoteFilter

    lib = window.lib
    if lib is None:
        return None
    severe = [f for f in lib.flags() if f.severity == "severe" and f.quotes]
    for kind in PREFERRED_SCREENSHOT_FLAGS:
        for f in severe:
            if f.kind == kind:
                quote_id = f.quotes[-1].quote_id
                window.select_quote(quote_id)
                return quote_id
    for kind in PREFERRED_SCREENSHOT_FLAGS:
        ids = lib.quote_ids(QuoteFilter(flag_kinds=(kind,)))
        if ids:
            window.select_quote(ids[0])
            return ids[0]
    if window.model.rowCount():
        window.select_row(0)
        return window.model.quote_id(0)
    return None


def take_screenshot(window, png: str | os.PathLike, size: tuple[int, int] = (1280, 800)) -> bool:
    """Render the window at ``size`` with a flagged quote selected and save it as PNG."""
    from PySide6.QtWidgets import QApplication

    window.resize(*size)
    window.show()
    # the lists and the rest of the ids come from background reads started after the first paint
    started = time.monotonic()
    while time.monotonic() - started < 60:
        QApplication.processEvents()
        if time.monotonic() - started > 0.5 and not window.reads.is_running():
            break
        time.sleep(0.01)
    select_flagged_quote(window)
    window.table.clearFocus()
    window.setFocus()
    for _ in range(5):
        QApplication.processEvents()
    image = window.grab()
    return image.save(str(png), "PNG")


def _screenshot(window_class, project, png, scratch: Path, size: tuple[int, int] = (1280, 800)) -> int:
    from PySide6.QtCore import QSettings

    from quotecheck.library import LibraryError, check_screenshot_target

    try:
        check_screenshot_target(png, project)
    except LibraryError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1

    window = window_class(QSettings(str(scratch / "settings.ini"), QSettings.Format.IniFormat))
    if project is None:
        from quotecheck.library import Library

        project = Library.build_sample(scratch / "sample.qcproj")
    if not Path(project).exists():
        print(f"error: cannot open {project}: no such file", file=sys.stderr)
        return 1
    if not window.open_project(project):
        why = window.last_error.removeprefix(f"Cannot open {project}: ")
        print(f"error: cannot open {project}: {why}", file=sys.stderr)
        return 1
    ok = take_screenshot(window, png, size)
    shown = (window.width(), window.height())
    window.close()
    window.close_project()  # release the project file before its folder goes
    if not ok:
        folder = Path(png).resolve().parent
        why = (
            f"no folder {folder}"
            if not folder.is_dir()
            else f"the folder {folder} cannot be written"
            if not os.access(folder, os.W_OK)
            else "Qt could not save the picture there"
        )
        print(f"error: could not write {png}: {why}", file=sys.stderr)
        return 1
    print(f"wrote {png}", file=sys.stderr)
    if shown != tuple(size):  # smaller than the window's layout allows, or larger than the screen
        print(f"note: the window would not take {size[0]}x{size[1]}; the PNG is {shown[0]}x{shown[1]}", file=sys.stderr)
    return 0


def _quiet_platform_noise(mode, context, message) -> None:
    """Qt's own messages, less the offscreen plugin's note that it cannot resize a window to hints."""
    if "propagateSizeHints" in message:
        return
    sys.stderr.write(message + "\n")


def run(
    project: str | os.PathLike | None = None,
    *,
    screenshot: str | os.PathLike | None = None,
    size: tuple[int, int] = (1280, 800),
) -> int:
    """Open the window on ``project`` (or the welcome page); with ``screenshot``, save a PNG of the
    window at ``size`` (width, height; the CLI checks what a person typed) and exit."""
    use_spawn()
    if screenshot:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import qInstallMessageHandler

    from .main_window import MainWindow

    qInstallMessageHandler(_quiet_platform_noise)
    app = make_app()
    if screenshot:
        # fresh settings: a screenshot must not depend on the layout someone saved
        with tempfile.TemporaryDirectory(prefix="quotecheck-shot-") as scratch:
            return _screenshot(MainWindow, project, screenshot, Path(scratch), size)
    log_path = log_to_file()
    log = logging.getLogger(__name__)
    log.info("window started (log: %s)", log_path)
    previous_hook = sys.excepthook

    def log_uncaught(kind, value, tb):  # an error in a slot reaches the log file, not only stderr
        log.error("uncaught exception", exc_info=(kind, value, tb))
        previous_hook(kind, value, tb)

    sys.excepthook = log_uncaught
    window = MainWindow(log_path=log_path)
    _close_on_signals(window)  # before the project opens: a signal meanwhile closes the window once it is up
    window.show()
    if project is not None:
        window.open_project(project, create=not Path(project).exists())
    return app.exec()


def _close_on_signals(window) -> None:
    """Ctrl+C in the terminal or SIGTERM closes the window as its close button does (the layout saved, a
    background job stopped, the project closed) instead of raising inside a Qt call, where Python can
    only print a traceback and carry on. Python runs signal handlers only when it has control: a timer
    gives it control four times a second."""
    import signal

    from PySide6.QtCore import QTimer

    def close(signum, frame) -> None:
        log.info("signal %s: closing the window", signum)
        QTimer.singleShot(0, window.close)

    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, close)
    tick = QTimer(window)
    tick.timeout.connect(lambda: None)
    tick.start(250)
