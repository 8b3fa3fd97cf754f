"""The ``quotecheck`` command's entry point.

Python needs a few seconds to load the program (spaCy, SQLite helpers, the matching code) before
:func:`quotecheck.cli.main` can catch anything: Ctrl+C in those seconds ends it here with the same
line as later, never a traceback.
"""

from __future__ import annotations

import logging
import sys

log = logging.getLogger(__name__)


def main() -> int:
    try:
        from .cli import main as run

        return run()
    except KeyboardInterrupt:
        log.debug("interrupted while loading")
        sys.stderr.write("interrupted; nothing was changed\n")
        return 130
