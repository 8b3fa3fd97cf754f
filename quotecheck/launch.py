"""The ``quotecheck`` command's entry point.

Python needs a few seconds to load the program (spaCy, SQLite helpers, the matching code) before
:func:`quotecheck.cli.main` can catch anything: Ctrl+C in those seconds ends it here with the same
line as later, never a traceback.
"""

from __future__ import annotations

import sys


def main() -> int:
    try:
        from .cli import main as run

        return run()
    except KeyboardInterrupt:
        sys.stderr.write("interrupted; nothing was changed\n")
        return 130
