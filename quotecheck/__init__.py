"""quotecheck: find, attribute, match and check quotations across news articles.

The core library never imports Qt; the window lives in :mod:`quotecheck.ui`.
"""

__version__ = "0.1.0"
