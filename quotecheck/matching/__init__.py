"""Matching across articles: one person under many spellings, one statement under many wordings.

Pure parts: :mod:`.speakers` (name spellings), :mod:`.statements` (n-gram index, candidate pairs,
clusters; no all-pairs comparison), :mod:`.align` (word diffs with severity), :mod:`.flags` (the findings).
The project side runs them over a stored project: :mod:`.analysis` (full and incremental, and
``reflag``, the one way flags are redone), :mod:`.regroup` (after a person's speaker decisions),
:mod:`.report` (read-only views), all reading through :mod:`.stored` (the shared readers and
``StoredIndex``, the one owner of the stored match index). What a pass read is kept beside an open
connection for the next decision by :mod:`.units` (who said what) and :mod:`.watch` (whether anything
a pass read has changed since).

May import: :mod:`quotecheck.model`, :mod:`quotecheck.progress`, :mod:`quotecheck.project`. Never the
engine (matching reads stored quotes, not parses), file formats, the library or Qt.
"""
