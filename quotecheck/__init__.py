"""quotecheck: find, attribute, match and check quotations across news articles.

The core library never imports Qt; the window lives in :mod:`quotecheck.ui`.
"""

import logging

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())  # silent until quotecheck.logs says where
