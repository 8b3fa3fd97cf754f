"""The engine: one article's text in, its quotations with speakers out.

Owns quote-mark scanning over raw text (:mod:`.quotes`, no spaCy), the parse and everything read from
it — reporting cues (:mod:`.cues`), mentions and entities (:mod:`.mentions`, :mod:`.entities`), speaker
resolution (:mod:`.resolve`), attribution (:mod:`.attribute`), reported speech without quotation marks
(:mod:`.reported`) and dates (:mod:`.dates`) — and the entry
point that loads spaCy once per process (:mod:`.extract`). Word lists live in ``data/``.

May import: :mod:`quotecheck.model` and the standard library, spaCy, anyascii. Never the project file,
matching across articles, file formats or Qt: the engine works on one article and knows nothing else.
"""
