"""The PySide6 window over the quotecheck core. It imports only :mod:`quotecheck.library` and the typed
records of :mod:`quotecheck.records` (an import-linter contract in ``pyproject.toml`` holds it)."""
