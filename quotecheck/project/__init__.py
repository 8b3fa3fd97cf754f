"""The project file: one SQLite database per investigation.

Owns the schema and its migrations, transactions and full-text indexes (:mod:`.store`), the quote filter
shared by the table, the CLI and export (:mod:`.query`), and a person's review decisions, anchored to
article text so re-extraction keeps them (:mod:`.decisions`).

May import: :mod:`quotecheck.model` and sqlite-utils. Never the engine, matching, file formats or Qt.
"""
