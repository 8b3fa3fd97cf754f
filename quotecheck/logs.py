"""Where quotecheck's log goes: standard error for the CLI's ``-v``, a file in the user's data folder for
the window.

Every module logs to ``logging.getLogger(__name__)``, below the ``quotecheck`` logger. Nothing is shown
until one of these functions is called (the package installs a ``NullHandler``), so a library user's own
logging setup decides, and no traceback reaches a person who did not ask for one.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
from pathlib import Path

log = logging.getLogger(__name__)

ROOT = "quotecheck"
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def show_on_stderr(verbosity: int) -> None:
    """Show the log on standard error: ``1`` what happens (INFO), ``2`` or more the details (DEBUG).

    ``0`` changes nothing. Example: ``quotecheck match project.qcproj -v``.
    """
    if verbosity <= 0:
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    logger = logging.getLogger(ROOT)
    logger.addHandler(handler)
    logger.setLevel(logging.INFO if verbosity == 1 else logging.DEBUG)


def default_log_folder() -> Path:
    """The user's data folder for quotecheck (``$XDG_DATA_HOME/quotecheck``, else ``~/.local/share/quotecheck``)."""
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return Path(base) / "quotecheck"


def log_to_file(folder: Path | None = None, *, level: int = logging.INFO) -> Path:
    """Write the log (with tracebacks) to ``quotecheck.log`` in ``folder`` (default: the user's data folder)
    and return that file's path, for the window to show in Help.

    The file rotates at 1 MB, keeping three old ones. Calling it again for the same file adds nothing.

    Example:
        >>> path = log_to_file()  # doctest: +SKIP
        >>> path.name
        'quotecheck.log'
    """
    folder = Path(folder) if folder is not None else default_log_folder()
    folder.mkdir(parents=True, exist_ok=True)
    path = (folder / "quotecheck.log").resolve()
    logger = logging.getLogger(ROOT)
    for handler in logger.handlers:
        if isinstance(handler, logging.FileHandler) and Path(handler.baseFilename) == path:
            return path
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter(FORMAT))
    handler.setLevel(level)
    logger.addHandler(handler)
    if logger.level == logging.NOTSET or logger.level > level:
        logger.setLevel(level)
    log.info("logging to %s", path)
    return path
