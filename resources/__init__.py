"""Files quotecheck ships: the sample corpus (``samples/``), icons and word lists."""
