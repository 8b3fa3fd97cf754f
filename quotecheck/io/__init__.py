"""File formats: articles in, citation lists out.

:mod:`.ingest` reads files and folders into :class:`~quotecheck.model.Article` records (text and
HTML, encodings, metadata; :mod:`.front_matter` reads a Markdown file's metadata block); :mod:`.formats` is the one registry of import formats with the readers of
PDF, Word, e-mail, web archives and links, and the metadata beside the files (manifests, dates in
names); :mod:`.export_entries` gathers what a citation needs from a project and :mod:`.export` writes
the formats.

May import: :mod:`quotecheck.model`, :mod:`quotecheck.project` (export reads the project) and the
engine's text conventions (:mod:`quotecheck.engine.quotes` line breaks). Never matching internals,
the library or Qt.
"""
