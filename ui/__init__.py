"""The PySide6 window over the quotecheck core. It reaches data only through :class:`quotecheck.library.Library`."""
