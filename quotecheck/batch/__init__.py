"""The Dask path: extraction and statement matching over collections too large for one desktop.

Owns ``quotecheck batch`` (:func:`run.run_batch`: articles read and extracted per partition on Dask
workers, quotes to Parquet, statements matched across the whole collection by shuffling 3-gram keys)
and ``quotecheck load`` (:func:`load.load`: a slice of a batch result into a desktop project, matched
there as if ingested).

May import :mod:`quotecheck.engine`, :mod:`quotecheck.io`, :mod:`quotecheck.matching`,
:mod:`quotecheck.project`, :mod:`quotecheck.model`, :mod:`quotecheck.progress` and, for ``load`` only,
:mod:`quotecheck.library`. ``dask.distributed`` and ``pyarrow`` come from the optional ``batch`` extra
and are imported inside this package only, never by the rest of the core; never Qt.
"""
