"""The one service object the CLI and the window use to reach a project.

A :class:`Library` wraps one project file. Everything a person can do — import, re-extract, correct
metadata, query quotes, group speakers and statements, review, export — is a method here, so the CLI
and the window stay thin and behave the same. Each thread opens its own ``Library`` on the same file
(SQLite connections are not shared between threads; WAL lets readers and one writer overlap).

Example:
    >>> with Library("election.qcproj") as lib:  # doctest: +SKIP
    ...     report = lib.ingest(["articles/"])
    ...     ids = lib.quote_ids(QuoteFilter(flag_kinds=("wording_drift",)))

Queries answer with the typed records of :mod:`quotecheck.records`; every failure a person can cause
(an unknown id, a bad value, a file that is not a project) is a :class:`LibraryError`. The window
imports this module and the records only, so what else it needs is importable from here: ``QuoteFilter``,
``Progress`` (what a long operation reports to and is cancelled through) and ``Cancelled``,
``ARTICLE_SUFFIXES``, ``IMPORT_FILTER``, ``default_sample_project`` and ``__version__``.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import json
import logging
import os
import re
import textwrap
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import __version__
from .engine.extract import DEFAULT_MODELS, engine_fingerprint
from .engine.languages import article_language
from .io.formats import dialog_filter, import_suffixes, read_articles, unread_line, without_traceback
from .io.ingest import (
    IngestError,
    display_path,
    empty_folders,
    iter_article_paths,
    meta_from_mapping,
    no_articles_there,
)
from .matching import analysis, identities, regroup, report, units
from .matching.flags import KINDS as FLAG_KINDS
from .model import META_FIELDS, Article, Quote
from .progress import Cancelled, Progress
from .project import decisions, removals, store, versions
from .project.checkpoint import Checkpointer
from .project.query import FROM, QuoteFilter, select_ids
from .project.store import StoreError
from .records import ArticleRow, Decision, Flag, Provenance, QuoteRow, ReextractReport, SpeakerRow, Statement
from .samples import default_sample_project, sample_dir

log = logging.getLogger(__name__)

VERDICTS = ("verified", "misquoted", "misattributed", "unverifiable")
REVIEW_KINDS = ("speaker", "confirm", "verdict", "note")
REMOVAL_KINDS = ("dismiss", "delete_article")
"""Decisions that take a quote or an article out of the project (:mod:`quotecheck.project.removals`)."""
ARTICLE_SUFFIXES = import_suffixes()
IMPORT_FILTER = dialog_filter()
"""The Import dialog's filter list: every format quotecheck reads (one list, in :mod:`quotecheck.io.formats`)."""
"""The file name endings an import reads (a folder is searched for these)."""


@dataclass
class IngestReport:
    """What one import did. ``errors`` hold one line per file that failed, naming it and the problem."""

    added: list[int] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what was skipped on purpose (a web archive's images)
    quotes: int = 0
    cancelled: bool = False
    updated: list[int] = field(default_factory=list)
    """Articles whose file changed on disk: stored as a new version, review decisions carried over."""
    decisions_left: int = 0
    """Review decisions of updated articles whose quote is no longer in the new text (kept on the old)."""
    meta_updated: list[int] = field(default_factory=list)
    """Articles whose text is unchanged but whose file now gives other metadata (front matter, sidecar)."""
    changes: list[str] = field(default_factory=list)
    """One line per article whose metadata a re-import changed ("updated metadata of …: date …")."""
    reworded: list[str] = field(default_factory=list)
    """One line per quote whose verdict or note was carried over to other words (see ``QuoteRow.wording_was``)."""

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        """What the import did, in one line, for the command line and the window alike.

        >>> IngestReport(updated=[4], quotes=5, duplicates=["a.txt"]).summary()
        '0 articles added, 1 updated (5 quotations); 1 already there; 0 failed'
        """
        line = _count(len(self.added), "article") + " added"
        if self.updated:
            line += f", {len(self.updated)} updated"
        line += f" ({_count(self.quotes, 'quotation')})"
        if self.meta_updated:
            line += f"; {len(self.meta_updated)} with new metadata"
        return line + f"; {len(self.duplicates)} already there; {len(self.errors)} failed"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def around_change(now: str, was: str, width: int = 60) -> tuple[str, str]:
    """Two wordings of a quote, each cut to about ``width`` characters around the first word in which
    they differ, with "…" where cut: the words that changed are the ones a person must see.

    Example:
        >>> now = "we said one two three four five six seven eight nine ten eleven twelve"
        >>> around_change(now, now.replace("six", "6"), 24)
        ('… four five six seven…', '… four five 6 seven eight…')
    """
    a, b = now.split(), was.split()
    k = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    return _excerpt(a, k, width), _excerpt(b, k, width)


def _excerpt(words: list[str], k: int, width: int) -> str:
    """``words`` joined, cut to about ``width`` characters with word ``k`` near the middle."""
    if len(" ".join(words)) <= width:
        return " ".join(words)
    start = k
    while start > 0 and len(" ".join(words[start - 1 : k])) <= width // 2:  # the same words in both
        start -= 1
    end = max(k + 1, start + 1)
    while end < len(words) and len(" ".join(words[start : end + 1])) <= width:
        end += 1
    while start > 0 and len(" ".join(words[start - 1 : end])) <= width:  # near the end: more before it
        start -= 1
    return ("… " if start else "") + " ".join(words[start:end]) + ("…" if end < len(words) else "")


def verdicts_left_out(quotes: list[tuple[int, str]]) -> str:
    """The line that says a ClaimReview export left these quotes' verdicts out (given on earlier words,
    see :meth:`Library.verdicts_on_earlier_words`), naming each by its id and the start of its words,
    for the command line and the window alike.

    Example:
        >>> verdicts_left_out([(5, "a clear and early warning to the operators about the winter timetable")])
        '1 verdict(s) left out: given on earlier words than the quote has now (quote 5 “a clear and early warning to the…”); give the verdict again to publish it'
    """
    named = [f"quote {qid} “{textwrap.shorten(' '.join(text.split()), 40, placeholder='…')}”" for qid, text in quotes]
    shown = ", ".join(named[:5]) + (f", and {len(named) - 5} more" if len(named) > 5 else "")
    return (
        f"{len(quotes)} verdict(s) left out: given on earlier words than the quote has now ({shown});"
        " give the verdict again to publish it"
    )


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
"""Control characters other than tab and line breaks: never kept in a note."""
_ESCAPE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]")
r"""A terminal's escape sequence (ESC [ … final byte: ``\x1b[31m`` colours red), pasted with the text it
coloured: taken out whole, so that no "[31m" is left behind when the ESC goes with :data:`_CONTROL`."""
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
"""A soft hyphen and the zero-width marks (space, non-joiner, joiner, word joiner, byte-order mark):
nothing a person sees in a name they typed or pasted, yet with one in it "Ana Lind" is another name."""


def _typed_name(typed: str) -> str:
    r"""A name as typed or pasted, made one line of words: no control character, escape sequence or
    invisible mark, and a line break or a tab in it a space.

    Example:
        >>> _typed_name("\x1b[31mAna\u200b Lind\x1b[0m\n")
        'Ana Lind'
    """
    return " ".join(_INVISIBLE.sub("", _CONTROL.sub("", _ESCAPE.sub("", typed))).split())


def _same_name(typed: str, name: str | None) -> bool:
    """Whether a name typed in is ``name`` but for case and spacing."""
    return bool(name) and " ".join(typed.split()).casefold() == " ".join(name.split()).casefold()


class LibraryError(Exception):
    """A request the project cannot carry out (unknown article or quote, bad value, not a project file)."""


class NothingToExport(LibraryError):
    """An export whose filters match no quote: nothing is written, and a file already at the path stays
    as it was (an empty list written over it would lose an earlier export for nothing)."""


class NothingToPublish(NothingToExport):
    """A ClaimReview export with no review in it (no verdict yet, or every verdict left out): nothing
    is written, as for an export whose filters match no quote. ``left_out`` lists the quotes, ``(id,
    words now)``, whose verdicts were left out (given on earlier words)."""

    def __init__(self, message: str, left_out: list[tuple[int, str]] | None = None):
        super().__init__(message)
        self.left_out = left_out or []


READ_ONLY = "read-only here (this user may not write the file or its folder)"
"""What a project opened read-only is (see :attr:`Library.read_only`), said after its path."""


def read_only_line(path: str | os.PathLike, *, edit: bool = False) -> str:
    """The one line that says a project was opened read-only and what can be done with it; with
    ``edit``, the line that refuses a change to it."""
    what = "nothing was changed" if edit else "it can be read, searched and exported, not changed"
    return f"{display_path(path)}: {READ_ONLY}: {what}"


def _edits(method):
    """A method that changes the project: refused, naming the project, when it was opened read-only."""

    @functools.wraps(method)
    def edit(self, *args, **kwargs):
        if self.read_only:
            raise LibraryError(read_only_line(self.path, edit=True))
        return method(self, *args, **kwargs)

    return edit


class Library:
    """A project file opened for reading and writing.

    Attributes:
        path: the project file.
        db: the sqlite-utils database (core modules only; the window never touches it).
        read_only: opened for reading only, as a project this user may not write is (a read-only
            share, ``chmod a-w``): queries, searches and exports work; every change raises
            :class:`LibraryError` naming the project.
    """

    def __init__(self, path: str | os.PathLike, *, create: bool = True):
        self.path = Path(path)
        try:
            self.db = store.open_db(self.path, create=create)
        except StoreError as exc:
            raise LibraryError(str(exc)) from exc
        self.read_only = store.is_read_only(self.db)
        # the write-ahead log is folded into the file on a thread of its own, not in a decision's commit
        self._checkpoints: Checkpointer | None = None if self.read_only else Checkpointer(self.path)
        if self._checkpoints is not None:
            self._checkpoints.attach(self.db)
        self._extractor = None
        self._primary_moved = False  # an import changed an article's primary_source_of: match all again

    @classmethod
    def build_sample(cls, path: str | os.PathLike | None = None, *, progress: Progress | None = None) -> Path:
        """Create (or complete) a project holding the bundled sample articles; returns its path.

        ``path`` defaults to :func:`default_sample_project` (the user's data folder, created when
        missing). Importing is idempotent: articles already in the project are skipped.
        """
        if path is None:
            path = default_sample_project()
            path.parent.mkdir(parents=True, exist_ok=True)
        path = Path(path)
        with cls(path) as lib:
            names = {p.name for p in sample_dir().iterdir()}
            stored = [r[0] for r in lib.db.execute("SELECT path FROM articles")]
            own = [p for p in stored if Path(p).name not in names]
            if own:
                raise LibraryError(
                    f"{display_path(path)}: already holds {len(own)} article(s) of its own; the sample articles"
                    " go into a project of their own (give a new file name; to read a project's articles again"
                    " with this version, use 'quotecheck reextract')"
                )
            row = lib.db.execute("SELECT value FROM meta WHERE key = 'sample_engine'").fetchone()
            current = engine_fingerprint()
            lib.ingest([sample_dir()], progress=progress)
            if stored and (row is None or row[0] != current):
                # built by another install (another clone, an older version): its records are not the ones
                # this engine gives, so the articles are read again; the person's decisions stay
                log.info("the sample project was extracted by another engine: extracting it again")
                if progress is not None:
                    progress.start(
                        0,
                        "this sample project was extracted by another install of quotecheck: reading its"
                        f" {len(stored)} articles again (review decisions are kept)",
                    )
                lib.reextract(progress=progress)
            with store.transaction(lib.db):
                lib.db["meta"].upsert({"key": "sample_engine", "value": current}, pk="key")
        return path

    @classmethod
    def in_memory(cls) -> Library:
        """A throwaway project, for tests and for ``extract`` without a project."""
        lib = cls.__new__(cls)
        lib.path = Path(":memory:")
        lib.db = store.memory_db()
        lib.read_only = False
        lib._checkpoints = None
        lib._extractor = None
        lib._primary_moved = False
        return lib

    def close(self) -> None:
        if self._extractor is not None:
            self._extractor.close(wait=False)
        if self._checkpoints is not None:
            self._checkpoints.close()
        self.db.close()

    def interrupt(self) -> None:
        """Stop the query running on this project's connection; called from another thread, to cancel a
        long read (the query raises ``sqlite3.OperationalError`` in the thread that runs it)."""
        self.db.conn.interrupt()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- extraction ---------------------------------------------------------------------------

    @property
    def extractor(self):
        """The extraction engine, loaded on first use (the spaCy model loads once per process)."""
        if self._extractor is None:
            from .engine.extract import Extractor

            self._extractor = Extractor(reported=True)
        return self._extractor

    @_edits
    def ingest(
        self,
        paths: Iterable[str | os.PathLike],
        *,
        progress: Progress | None = None,
        n_process: int = 1,
        analyse: bool = True,
    ) -> IngestReport:
        """Import article files and folders: read, extract quotes, store, then update the matching.

        Files stream through: each article is stored in its own transaction as soon as it is read and
        extracted, so memory stays bounded on any folder and a crash, a kill or a Cancel loses at most
        the articles in flight. An article already in the project (same text, and the same outlet, date and URL
        or the same file: the same text from another outlet is an article of its own) is skipped, also when
        another process stored it a moment ago, unless its file now gives other metadata, which is taken
        (``report.meta_updated``; fields a person set stay); a file imported before whose text changed
        becomes a new version of its article (``report.updated``). Files that fail are named in ``report.errors`` and
        the rest go on. Matching left unfinished by an earlier import is finished here.
        """
        progress = progress or Progress()
        report = IngestReport()
        self._primary_moved = False
        paths = list(paths)
        named = {os.fspath(p) for p in paths if not os.path.isdir(p)}  # a file named, not found in a folder
        report.errors += [no_articles_there(folder) for folder in empty_folders(paths)]
        unread: list[str] = []
        paths = list(iter_article_paths(paths, unread=unread))
        if unread:
            report.notes.append(unread_line(unread))
        progress.start(len(paths), "importing")
        fresh = self._read_new(paths, report, progress, named)
        try:
            for article, quotes in self._extract_all(fresh, report, progress, n_process):
                self._store_article(article, quotes, report)
                progress.advance(message=article.path)
        except Cancelled:
            report.cancelled = True
        finally:
            fresh.close()
        changed = report.added + report.meta_updated
        if analyse and not report.cancelled and (changed or report.updated or self.needs_matching()):
            progress.start(0, "matching speakers and statements")
            try:
                if report.updated or self._primary_moved:  # a primary source checks other articles' quotes
                    self.match(progress=progress)
                else:
                    self._analysis_update(changed, progress)
            except Cancelled:  # the articles stay; the next command that opens the project matches them
                report.cancelled = True
        return report

    def _read_new(
        self, paths: list[str], report: IngestReport, progress: Progress, named: Iterable[str] = ()
    ) -> Iterator[Article]:
        """The articles of ``paths`` not yet in the project, read one at a time as extraction asks.

        An article a person deleted is skipped unless its file is among ``named`` (imported by itself)."""
        seen = {row[0] for row in self.db.execute("SELECT content_hash FROM articles")}
        earlier_texts = {row[0] for row in self.db.execute("SELECT content_hash FROM article_versions")}
        deleted = removals.deleted_hashes(self.db)
        stored = seen | earlier_texts | deleted.keys()  # as the project held them before this import
        reading: dict[str, tuple] = {}  # the publication of each text this import read (a copy is told by it)
        named = set(named)
        for path in paths:
            progress.check()
            errors: list = []
            # A container (mailbox, web archive, zip, e-mail with attachments) gives several articles and
            # failed parts: each counts once in the progress, so the total grows past the first.
            units = 0

            def counted() -> None:
                nonlocal units
                if units:
                    progress.total += 1
                units += 1

            try:
                failed = functools.partial(_keep_bare, errors)
                for article in read_articles(path, on_error=failed, on_note=report.notes.append):
                    counted()
                    article = versions.as_read_before(self.db, article, stored)
                    if article.content_hash in seen:  # the same text: this file again, or another outlet's copy
                        article = versions.as_stored(self.db, article, reading.get(article.content_hash))
                    if article.content_hash in seen and self._update_meta(article, report):
                        progress.advance(message=f"metadata updated: {article.path}")
                        continue
                    if article.content_hash in seen or (
                        article.content_hash in earlier_texts and versions.duplicate(self.db, article)
                    ):  # an earlier text of this same file is not: back on disk, it is the current version again
                        report.duplicates.append(article.path)
                        progress.advance(message=f"already in the project: {article.path}")
                        continue
                    if article.content_hash in deleted and path not in named:
                        report.notes.append(
                            f"{article.path}: deleted from the project earlier; import the file by itself to bring it back"
                        )
                        progress.advance(message=f"deleted earlier: {article.path}")
                        continue
                    if article.content_hash in deleted:  # brought back on purpose: the deletion is lifted
                        with store.transaction(self.db):
                            self.db.execute(
                                "UPDATE decisions SET active = 0 WHERE id = ?", [deleted[article.content_hash]]
                            )
                    seen.add(article.content_hash)
                    reading.setdefault(article.content_hash, versions.publication(article))
                    yield article
            except IngestError as exc:
                errors.append(exc)
            except Exception as exc:  # a reader's bug must cost one file, never the batch
                log.warning("%s could not be read", path, exc_info=True)
                errors.append(f"{path}: could not be read ({type(exc).__name__}: {exc})")
            for error in errors:
                counted()
                report.errors.append(str(error))
                progress.advance(message=f"failed: {getattr(error, 'path', path)}")
            if not units:  # nothing came of it (every part skipped on purpose): its one step is done
                progress.advance(message=display_path(path))

    def _update_meta(self, article: Article, report: IngestReport) -> bool:
        """The text of this file is stored already: take the metadata it gives now (a front matter or a
        sidecar edited since), but for the fields a person set by hand. True when something changed."""
        found = self.db.execute("SELECT id FROM articles WHERE content_hash = ?", [article.content_hash]).fetchone()
        if found is None or versions.earlier(self.db, article) != found[0]:
            return (
                False  # the same text and publication from another file: a copy, whose metadata is not this article's
            )
        new = self._article_fields(article)
        if not versions.file_meta(self._meta_row(found[0]), new)[0]:
            return False  # the usual case, answered without taking the write lock
        with store.transaction(self.db):  # read again under the lock: another process may have done it
            old = self._meta_row(found[0])
            changes, kept = versions.file_meta(old, new)
            if not changes:
                return False
            self.db["articles"].update(found[0], changes)
            store.mark_unmatched(self.db)
        self._primary_moved |= "primary_source_of" in changes
        report.meta_updated.append(found[0])
        report.changes.append(
            f"updated metadata of {article.path}: {versions.describe_meta_changes(old, changes, kept, new)}"
        )
        return True

    def _meta_row(self, article_id: int) -> dict:
        """An article's metadata columns and which of them a person set (no text)."""
        cols = ", ".join((*META_FIELDS, "meta_by_hand"))
        return next(self.db.query(f"SELECT {cols} FROM articles WHERE id = ?", [article_id]))

    def _article_fields(self, article: Article) -> dict:
        """The metadata columns of an article's row as its file gives them (a language found in the text)."""
        fields = {name: getattr(article.meta, name) for name in META_FIELDS}
        fields["language"] = fields["language"] or article_language(article.text)
        return fields

    @_edits
    def add_extracted(
        self, items: Iterable[tuple[Article, list[Quote]]], *, progress: Progress | None = None
    ) -> IngestReport:
        """Store articles whose quotes were extracted elsewhere (a ``quotecheck batch`` run), then match
        speakers, statements and flags exactly as :meth:`ingest` does. Articles already here are skipped."""
        progress = progress or Progress()
        report = IngestReport()
        items = list(items)
        seen = {row[0] for row in self.db.execute("SELECT content_hash FROM articles")}
        progress.start(len(items), "storing articles")
        for article, quotes in items:
            if versions.as_read_before(self.db, article, seen).content_hash in seen:
                report.duplicates.append(article.path)
            else:
                seen.add(article.content_hash)
                self._store_article(article, quotes, report)
            progress.advance(message=article.path)
        if report.added:
            progress.start(0, "matching speakers and statements")
            self._analysis_update(report.added, progress)
        return report

    def _extract_all(self, articles: Iterator[Article], report, progress, n_process):
        """Quotes for each article, in order; an article the engine chokes on is reported, not fatal.

        The engine reads ``articles`` lazily; the ones handed to it and not yet returned are kept, so
        when a batch breaks they and the rest are done one by one."""
        source = iter(articles)
        pending: deque[Article] = deque()

        def feed() -> Iterator[Article]:
            for article in source:
                pending.append(article)
                yield article

        try:
            # One article at a time in one process: each is stored before the next file is read.
            batch = 1 if n_process <= 1 else 4
            for article, quotes in self.extractor.extract_many(
                feed(),
                n_process=n_process,
                progress=None,
                batch_size=batch,
                on_section=by_section(progress),
                check=progress.check,
            ):
                pending.popleft()
                progress.check()
                yield article, quotes
            return
        except Cancelled:
            raise
        except Exception:  # one bad article broke the batch: the rest one by one, to find it
            log.warning("batch extraction failed; extracting article by article to find the one", exc_info=True)
        for article in itertools.chain(list(pending), source):
            progress.check()
            try:
                quotes = self.extractor.extract(
                    article, functools.partial(by_section(progress), article), progress.check
                )
            except Exception as exc:
                log.warning("%s: quote extraction failed", article.path, exc_info=True)
                report.errors.append(f"{article.path}: quote extraction failed ({type(exc).__name__}: {exc})")
                progress.advance(message=f"failed: {article.path}")
                continue
            yield article, quotes

    def _store_article(self, article: Article, quotes: list[Quote], report: IngestReport | None = None) -> int | None:
        """Store one article and its quotes in one transaction; None when it turned out to be there
        already (another process stored it while we read it). A file stored before whose text changed
        becomes a new version of that article."""
        report = report if report is not None else IngestReport()
        row = {
            "path": article.path,
            "source": versions.source_of(article.path),
            "content_hash": article.content_hash,
            "text": article.text,
            "paragraphs": json.dumps(article.paragraphs),
            "ingested_at": store.timestamp(),
            "extracted_with": __version__,
            **self._article_fields(article),
            "meta_by_hand": "[]",
        }
        starts = [p[0] for p in article.paragraphs]
        with store.transaction(self.db):
            if versions.duplicate(self.db, article):
                report.duplicates.append(article.path)
                return None
            previous = versions.earlier(self.db, article)
            if previous is not None:
                rows = [self._quote_row(previous, starts, q) for q in quotes]
                before = self._reworded_now(previous)
                primary = self._meta_row(previous)["primary_source_of"]
                left, meta = versions.replace(self.db, previous, article, row, rows, self._delete_quote)
                report.decisions_left += left
                if meta:
                    report.changes.append(f"updated metadata of {article.path}: {meta}")
                article_id = previous
                report.updated.append(article_id)
                self._apply_decisions(article_id)
                report.reworded += self._reworded_lines(article_id, before)
                self._primary_moved |= self._meta_row(article_id)["primary_source_of"] != primary
            else:
                (article_id,) = store.insert_fresh(self.db, "articles", [row])
                self._insert_quotes(article_id, article.paragraphs, quotes)
                report.added.append(article_id)
                self._apply_decisions(article_id)
            store.mark_unmatched(self.db)
        report.quotes += len(quotes)
        return article_id

    def _reworded_now(self, article_id: int) -> tuple[set[tuple[str, str]], dict[int, tuple[str, str | None]]]:
        """Before a change: (words now, words judged) of the article's quotes marked as reworded since their
        verdict or note, and each quote with a verdict or note in force, ``id: (words, words judged)``."""
        judged = {
            qid: (text, was)
            for qid, text, was in self.db.execute(
                "SELECT id, text, wording_was FROM quotes"
                " WHERE article_id = ? AND (verdict IS NOT NULL OR note IS NOT NULL)",
                [article_id],
            )
        }
        return {(now, was) for _, now, was, _ in decisions.reworded(self.db, article_id)}, judged

    def _reworded_lines(
        self, article_id: int, before: tuple[set[tuple[str, str]], dict[int, tuple[str, str | None]]]
    ) -> list[str]:
        """One line per quote of this article newly marked as reworded since a person's verdict or note,
        naming the number the quote had when it was judged if it has another now ("quote 16 (was 7)")."""
        path = self.db.execute("SELECT path FROM articles WHERE id = ?", [article_id]).fetchone()[0]
        marked, judged = before
        now_ids = {qid for (qid,) in self.db.execute("SELECT id FROM quotes WHERE article_id = ?", [article_id])}
        lines = []
        for qid, now, was, what in decisions.reworded(self.db, article_id):
            if (now, was) not in marked:
                # the quote that read the judged words before, gone now: its number was the person's
                earlier = [old for old, words in judged.items() if was in words and old not in now_ids]
                number = f"{qid} (was {earlier[0]})" if qid not in judged and earlier else str(qid)
                shown_now, shown_was = around_change(now, was, 80)
                lines.append(
                    f"{path}: quote {number} now reads “{shown_now}”, but your {what}"
                    f" {'were' if ' and ' in what else 'was'} given on “{shown_was}”"
                    " (kept, and marked: check it)"
                )
        return lines

    def _insert_quotes(self, article_id: int, paragraphs, quotes: list[Quote]) -> None:
        starts = [p[0] for p in paragraphs]
        store.insert_fresh(self.db, "quotes", [self._quote_row(article_id, starts, q) for q in quotes])

    @staticmethod
    def _quote_row(article_id: int, paragraph_starts: list[int], q: Quote) -> dict:
        return {
            "article_id": article_id,
            "start": q.start,
            "end": q.end,
            "text": q.text,
            "paragraph": max(0, bisect.bisect_right(paragraph_starts, q.start) - 1),
            "speaker": q.speaker,
            "mention": q.mention,
            "speaker_start": q.speaker_start,
            "speaker_end": q.speaker_end,
            "cue": q.cue,
            "kind": q.kind,
            "confidence": round(q.confidence, 3),
            "reported_by": q.reported_by,
            "said_on": q.said_on,
            "reason": q.reason,
            "language": q.language,
            "translation_of": q.translation_of,
            "speaker_kind": q.speaker_kind,
        }

    @_edits
    def reextract(self, *, progress: Progress | None = None, n_process: int = 1) -> ReextractReport:
        """Run extraction again over every stored article, keeping every review decision.

        A quote found at the same place keeps its id; review decisions are anchored to the article's
        text and the quote's words, so they are applied again to the new quotes.
        """
        progress = progress or Progress()
        rows = list(self.db.query("SELECT id, path, text, paragraphs, content_hash FROM articles ORDER BY id"))
        articles = []
        for row in rows:
            meta = self.article_meta(row["id"])
            articles.append(
                Article(
                    path=row["path"],
                    text=row["text"],
                    meta=meta,
                    content_hash=row["content_hash"],
                    paragraphs=tuple(tuple(p) for p in json.loads(row["paragraphs"])),
                )
            )
        by_hash = {row["content_hash"]: row["id"] for row in rows}
        progress.start(len(articles), "extracting quotes again")
        counts: dict = {"articles": 0, "kept": 0, "added": 0, "removed": 0, "cancelled": False, "reworded": []}
        try:
            for article, quotes in self.extractor.extract_many(
                articles, n_process=n_process, on_section=by_section(progress), check=progress.check
            ):
                progress.check()
                article_id = by_hash[article.content_hash]
                before = self._reworded_now(article_id)
                kept, added, removed = self._replace_quotes(article_id, article.paragraphs, quotes)
                counts["reworded"] += self._reworded_lines(article_id, before)
                counts["articles"] += 1
                counts["kept"] += kept
                counts["added"] += added
                counts["removed"] += removed
                progress.advance(message=article.path)
        except Cancelled:
            counts["cancelled"] = True
        self.match()
        counts["reworded"] = tuple(counts["reworded"])
        return ReextractReport(**counts)

    def _replace_quotes(self, article_id: int, paragraphs, quotes: list[Quote]) -> tuple[int, int, int]:
        old = {
            (r["start"], r["end"]): r["id"]
            for r in self.db.query("SELECT id, start, end FROM quotes WHERE article_id = ?", [article_id])
        }
        starts = [p[0] for p in paragraphs]
        kept = added = 0
        with store.transaction(self.db):
            fresh = []
            for q in quotes:
                row = self._quote_row(article_id, starts, q)
                quote_id = old.pop((q.start, q.end), None)
                if quote_id is None:
                    fresh.append(row)
                    added += 1
                else:
                    self.db["quotes"].update(quote_id, row)
                    kept += 1
            for quote_id in old.values():
                self._delete_quote(quote_id)
            if fresh:
                store.insert_fresh(self.db, "quotes", fresh)
            self.db["articles"].update(article_id, {"extracted_with": __version__})
            added -= self._apply_decisions(article_id)  # a dismissed quote found again: dismissed again, not new
            store.mark_unmatched(self.db)
        return kept, added, len(old)

    def _delete_quote(self, quote_id: int) -> None:
        self.db.execute("DELETE FROM flag_quotes WHERE quote_id = ?", [quote_id])
        self.db.execute("DELETE FROM cluster_members WHERE quote_id = ?", [quote_id])
        self.db.execute("DELETE FROM quotes WHERE id = ?", [quote_id])

    # -- articles -----------------------------------------------------------------------------

    def articles(self) -> list[ArticleRow]:
        """Every stored article: id, path as ingested, metadata and its number of quotes (no text)."""
        return [
            ArticleRow.from_row(row)
            for row in self.db.query(
                "SELECT a.id, a.path, a.title, a.outlet, a.author, a.date, a.url, a.language,"
                " a.translated_from, a.primary_source_of, a.content_hash,"
                " (SELECT COUNT(*) FROM quotes q WHERE q.article_id = a.id) AS quotes"
                " FROM articles a ORDER BY a.id"
            )
        ]

    def find_article(self, ref: str | int) -> int:
        """An article id from an id, the path as ingested, or the file name; LibraryError otherwise."""
        text = display_path(str(ref))  # paths are stored as shown: odd bytes of a name escaped
        if (
            text.isdigit()
            and int(text) <= MAX_ID
            and self.db.execute("SELECT 1 FROM articles WHERE id = ?", [int(text)]).fetchone()
        ):
            return int(text)
        paths = self.db.execute("SELECT id, path FROM articles").fetchall()
        matches = [
            lambda path: path == text,
            lambda path: os.path.normpath(path) == os.path.normpath(text),
            lambda path: os.path.abspath(path) == os.path.abspath(text),
        ]
        if os.path.basename(text) == text:  # a bare file name; a path names that file, never another folder's
            matches.append(lambda path: os.path.basename(path) == text)
        for same in matches:
            ids = [article_id for article_id, path in paths if same(path)]
            if len(ids) == 1:
                return ids[0]
            if len(ids) > 1:
                raise LibraryError(f"{ref!r} names {len(ids)} articles; give the article id instead")
        raise LibraryError(f"no article {ref!r} in {self.path}")

    def article(self, article_id: int) -> ArticleRow:
        """One article with its metadata, text and paragraph spans."""
        row = self._article_row(article_id)
        row["quotes"] = self.db.execute("SELECT COUNT(*) FROM quotes WHERE article_id = ?", [article_id]).fetchone()[0]
        return ArticleRow.from_row(row)

    def _article_row(self, article_id: int) -> dict:
        rows = list(self.db.query("SELECT * FROM articles WHERE id = ?", [article_id]))
        if not rows:
            raise LibraryError(f"no article {article_id} in {self.path}")
        row = rows[0]
        row["paragraphs"] = [tuple(p) for p in json.loads(row["paragraphs"])]
        return row

    def _articles_quoting(self, names: set[str | None]) -> list[int]:
        """Ids of the articles quoting the speakers known by any of these names."""
        names = [n for n in names if n]
        marks = ", ".join("?" * len(names))
        sql = (
            "SELECT DISTINCT article_id FROM quotes WHERE speaker_id IN"
            f" (SELECT speaker_id FROM speaker_aliases WHERE alias IN ({marks}))"
        )
        return [r[0] for r in self.db.execute(sql, names)] if names else []

    def article_meta(self, article_id: int):
        row = self._article_row(article_id)
        return meta_from_mapping({name: row.get(name) for name in META_FIELDS})

    @_edits
    def set_meta(self, article: str | int, **values: str | None) -> ArticleRow:
        """Correct an article's metadata; a value of ``""`` clears a field. Returns the article row."""
        return self.set_meta_many([article], **values)[0]

    @_edits
    def set_meta_many(self, articles: Iterable[str | int], **values: str | None) -> list[ArticleRow]:
        """Give several articles the same metadata (an outlet, a date) at once; returns their rows.

        Every reference is resolved and every value checked before anything changes, and the
        articles are updated in one transaction with one matching update.
        """
        article_ids = list(dict.fromkeys(self.find_article(a) for a in articles))
        unknown = set(values) - set(META_FIELDS)
        if unknown:
            raise LibraryError(f"unknown metadata field(s): {', '.join(sorted(unknown))}")
        update = {}
        for name, value in values.items():
            if value is None:
                continue
            if value == "":
                update[name] = None
            elif not value.strip():
                raise LibraryError(f"the {name.replace('_', ' ')} given is blank; give a value, or '' to clear it")
            elif name in ("date", "url", "language"):
                try:
                    update[name] = getattr(meta_from_mapping({name: value}), name)
                except IngestError as exc:
                    raise LibraryError(exc.problem) from exc
            else:
                update[name] = value.strip()
        if update and article_ids:
            before = {self._article_row(a)["primary_source_of"] for a in article_ids}
            with store.transaction(self.db):
                for article_id in article_ids:
                    by_hand = versions.hand_set(self._article_row(article_id))
                    # a field set here is the person's: a re-import of the file leaves it (versions.file_meta)
                    hand = {} if by_hand is None else {"meta_by_hand": json.dumps(sorted(by_hand | set(update)))}
                    self.db["articles"].update(article_id, {**update, **hand})
                if "primary_source_of" in update:  # other articles' quotes are checked against these
                    quoting = self._articles_quoting(before | {update["primary_source_of"]})
                    self._refresh_speakers(list(dict.fromkeys([*article_ids, *quoting])))
            self._analysis_update(article_ids)
        return [self.article(a) for a in article_ids]

    # -- quotes -------------------------------------------------------------------------------

    def quote_ids(
        self, flt: QuoteFilter | None = None, sort: str = "article", descending: bool = False, limit: int | None = None
    ) -> list[int]:
        """Ids of the quotes a filter selects, sorted in SQL; with ``limit``, only the first ones."""
        return select_ids(self.db, flt, sort, descending, limit)

    def successor(self, article_id: int, start: int, end: int, text: str, speaker: str | None = None) -> int | None:
        """The quote of the article now where a quote with these place, words and extracted speaker was (a
        new version of the article renumbers a quote it edits), found exactly as a person's decisions are
        carried to a new version (``project.versions``): the same place or words,
        else a quote over its place by the same speaker reading at least half the same; None when there
        is none."""
        quotes = list(
            self.db.query("SELECT id, start, end, text, speaker FROM quotes WHERE article_id = ?", [article_id])
        )
        found = decisions.anchor_quote(quotes, start, end, text, other_text=True)
        if found is None and speaker is not None:
            found = versions.successor(quotes, {"start": start, "end": end, "text": text, "speaker": speaker})
        return found

    def quote_rows(self, ids: Iterable[int]) -> dict[int, QuoteRow]:
        """Display rows for these quotes, keyed by id: quote, speaker, article, flags, decisions."""
        ids = list(ids)
        rows: dict[int, QuoteRow] = {}
        for chunk in range(0, len(ids), 500):
            part = ids[chunk : chunk + 500]
            for row in self._quote_records(f"q.id IN ({', '.join('?' * len(part))})", part):
                rows[row.id] = row
        return rows

    def quote(self, quote_id: int) -> QuoteRow:
        """Everything about one quote, including the attribution reason."""
        rows = self._quote_records("q.id = ?", [quote_id])
        if not rows:
            raise LibraryError(f"no quote {quote_id} in {self.path}")
        return rows[0]

    def article_quotes(self, article_id: int) -> list[QuoteRow]:
        """The quotes of one article in text order, for highlighting them in place."""
        return self._quote_records("q.article_id = ?", [article_id], order="q.start")

    _QUOTE_SQL = (
        "SELECT q.id, q.article_id, q.start, q.end, q.text, q.kind, q.confidence, q.cue, q.mention,"
        " q.speaker AS extracted_speaker, q.reviewed_speaker, q.confirmed, q.verdict, q.note, q.reason,"
        " q.speaker_start, q.speaker_end, q.said_on, q.reported_by, q.paragraph, q.wording_was, q.reworded_for,"
        " q.speaker_id, COALESCE(s.name, q.reviewed_speaker, q.speaker) AS speaker,"
        " a.outlet, a.date, a.title, a.path, a.url,"
        " (SELECT group_concat(DISTINCT f.kind) FROM flag_quotes fq JOIN flags f ON f.id = fq.flag_id"
        "  WHERE fq.quote_id = q.id) AS flags"
        f" FROM {FROM}"
    )

    def _quote_records(self, where: str, params: list, order: str | None = None) -> list[QuoteRow]:
        sql = f"{self._QUOTE_SQL} WHERE {where}" + (f" ORDER BY {order}" if order else "")
        out = []
        for row in self.db.query(sql, params):
            row["flags"] = tuple(sorted(row["flags"].split(","))) if row["flags"] else ()
            row["confirmed"] = bool(row["confirmed"])
            out.append(QuoteRow(**row))
        return out

    def count_quotes(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM quotes").fetchone()[0]

    # -- speakers, statements, flags --------------------------------------------------------------

    def _analysis_update(self, article_ids: list[int], progress: Progress | None = None) -> None:
        with store.transaction(self.db):  # the flag is cleared with the matching it stands for
            analysis.update(self.db, article_ids, progress)
            store.clear_unmatched(self.db)

    @_edits
    def match(self, *, progress: Progress | None = None) -> dict[str, int]:
        """Group speakers and statements again over the whole project and recompute every flag.

        Returns what was found, counted by name (speakers, statements, flags).
        """
        with store.transaction(self.db):
            counts = analysis.rebuild(self.db, progress)
            store.clear_unmatched(self.db)
        return counts

    def needs_matching(self) -> bool:
        """Whether quotes were stored and never matched (an import or re-extraction killed or cancelled
        before matching): :meth:`match` finishes the job; ``ingest`` does it by itself."""
        return store.is_unmatched(self.db)

    @_edits
    def prepare_decisions(self, progress: Progress | None = None) -> bool:
        """Read ahead, on this library's connection, what a speaker decision reads the first time on one:
        every quote's speaker units, the articles' labels and the pairs already checked (~2 s at 10^5
        quotes; each decision after it on the same connection ~0.1 s). A window runs it in the background
        once a project is open. It writes only what a decision would put right anyway (nothing, in a
        project as its last grouping left it). False, having done nothing: the project's matching is
        unfinished or its match index incomplete (the matching does it), or another process is writing
        to it (reading ahead never waits for one).
        """
        if self.needs_matching() or units.unindexed(self.db):
            return False
        try:
            with self._deciding(wait=0):
                regroup.refresh_speakers(self.db, progress)
        except store.LockTimeout:
            return False
        return True

    def _deciding(self, *, removing: bool = False, wait: float | None = None):
        """The transaction of a person's decision: SQLite's check of each written reference is left out
        (see ``store.transaction``), since a decision only rewrites speaker ids it has just worked out
        and drops the speakers it left without quotes; a removal deletes rows others refer to, and keeps
        the checks."""
        return store.transaction(self.db, foreign_keys=removing, wait=wait)

    def _refresh_speakers(self, article_ids: Iterable[int] = ()) -> None:
        """Speakers and what depends on them again after a speaker decision (``regroup.refresh_speakers``)."""
        regroup.refresh_speakers(self.db, article_ids=article_ids)

    def speakers(self) -> list[SpeakerRow]:
        """Canonical speakers with their spellings, quote counts and the evidence for each merge; the
        ones a person hid (:meth:`hide_speakers`) are marked ``hidden``."""
        hidden = self._hidden_speakers()
        return [SpeakerRow.from_dict({**row, "hidden": row["id"] in hidden}) for row in report.speakers_json(self.db)]

    def _hide_decisions(self) -> dict[int, set[int]]:
        """Active hide decision id -> the speaker ids it stands for now."""
        rows = self.db.execute("SELECT id, value FROM decisions WHERE kind = 'hide_speaker' AND active = 1").fetchall()
        return {d: identities.speakers_of(self.db, json.loads(value).get("members", [])) for d, value in rows}

    def _hidden_speakers(self) -> set[int]:
        return {s for speakers in self._hide_decisions().values() for s in speakers}

    @_edits
    def hide_speakers(self, speakers: Iterable[str | int]) -> list[int]:
        """Hide noisy entries from the speaker list (ids or names); returns the decision ids (for undo).

        A hidden speaker stays hidden over re-extraction and re-matching (it is recorded by its members,
        like a merge); its quotes keep their speaker. :meth:`unhide_speakers` shows it again.
        """
        ids = list(dict.fromkeys(self._speaker_id(s) for s in speakers))
        if not ids:
            raise LibraryError("give the speakers to hide")
        with store.transaction(self.db):
            return [
                self._add_decision(
                    "hide_speaker", {"name": self._speaker_name(i), "members": identities.members(self.db, i)}
                )
                for i in ids
            ]

    @_edits
    def unhide_speakers(self, speakers: Iterable[str | int]) -> list[int]:
        """List hidden speakers again; returns the hide decisions lifted (``set_decisions_active`` redoes them)."""
        ids = {self._speaker_id(s) for s in speakers}
        lifted = [d for d, hidden in self._hide_decisions().items() if hidden & ids]
        if lifted:
            self.set_decisions_active(lifted, False)
        return lifted

    def clusters(self) -> list[Statement]:
        """Statements reported by more than one quote, with each member's alignment and the flags."""
        return [Statement.from_dict(c) for c in report.clusters_json(self.db)]

    def statement_ids(self, quote_ids: Iterable[int]) -> dict[int, int]:
        """The statement (cluster id) each of these quotes reports; a quote reported once is left out."""
        ids = list(quote_ids)
        found: dict[int, int] = {}
        for chunk in range(0, len(ids), 500):
            part = ids[chunk : chunk + 500]
            found.update(
                self.db.execute(
                    f"SELECT quote_id, cluster_id FROM cluster_members WHERE quote_id IN ({', '.join('?' * len(part))})",
                    part,
                )
            )
        return found

    def flags(self) -> list[Flag]:
        """Every flag with the quotes it concerns."""
        return [Flag.from_dict(f) for f in report.flags_json(self.db)]

    @staticmethod
    def flag_kinds() -> tuple[str, ...]:
        """Every kind of flag, in the order a person would look at them."""
        return FLAG_KINDS

    def provenance(self, quote_id: int) -> Provenance:
        """The variants of this quote's statement side by side, with differing words and flags.

        Each flag carries the reports it concerns, so the window never has to guess whose flag it is.
        """
        prov = report.provenance(self.db, quote_id)
        if not prov:
            raise LibraryError(f"no quote {quote_id} in {self.path}")
        flag_ids = [f["id"] for f in prov["flags"]]
        concerns: dict[int, list[int]] = {}
        if flag_ids:
            marks = ", ".join("?" * len(flag_ids))
            for fid, qid in self.db.execute(
                f"SELECT flag_id, quote_id FROM flag_quotes WHERE flag_id IN ({marks}) ORDER BY quote_id", flag_ids
            ):
                concerns.setdefault(fid, []).append(qid)
        # the words each article uses for the speaker ("she", "the minister"), beside the resolved name
        ids = [v["quote_id"] for v in prov["variants"]]
        mentions = dict(
            self.db.execute(f"SELECT id, mention FROM quotes WHERE id IN ({', '.join('?' * len(ids))})", ids)
        )
        result = Provenance.from_dict(prov, concerns)
        return replace(result, variants=tuple(replace(v, mention=mentions.get(v.quote_id)) for v in result.variants))

    def speaker_names(self) -> list[str]:
        """Every canonical speaker name and alias, for completion when correcting a speaker."""
        names = {r[0] for r in self.db.execute("SELECT name FROM speakers")}
        names |= {r[0] for r in self.db.execute("SELECT alias FROM speaker_aliases")}
        names |= {  # the names quotes carry as given or corrected (the quotes_named index answers this)
            r[0]
            for r in self.db.execute(
                "SELECT DISTINCT COALESCE(reviewed_speaker, speaker) FROM quotes"
                " WHERE COALESCE(reviewed_speaker, speaker) IS NOT NULL"
            )
        }
        return sorted(names, key=str.casefold)

    # -- review -------------------------------------------------------------------------------

    @_edits
    def review(
        self,
        quote_id: int,
        *,
        speaker: str | None = None,
        confirm: bool | None = None,
        verdict: str | None = None,
        note: str | None = None,
    ) -> list[int]:
        """Record a person's decisions on one quote; returns the new decision ids (for undo).

        ``speaker`` corrects the speaker, ``confirm=True`` confirms the current one and ``confirm=False``
        withdraws a confirmation, ``verdict`` judges the statement (one of :data:`VERDICTS`, ``""`` to
        clear), ``note`` annotates it. Decisions are anchored to the article text and the quote's words,
        so re-extraction keeps them.
        """
        if verdict and verdict not in VERDICTS:
            raise LibraryError(f"unknown verdict {verdict!r}; use one of {', '.join(VERDICTS)}")
        q = self.quote(quote_id)
        anchor = {
            "article_hash": self.db.execute(
                "SELECT content_hash FROM articles WHERE id = ?", [q.article_id]
            ).fetchone()[0],
            "quote_start": q.start,
            "quote_end": q.end,
            "quote_text": q.text,
        }
        wanted = []
        if speaker is not None:
            speaker = _typed_name(speaker)
        if speaker is not None and q.reviewed_speaker is None and _same_name(speaker, q.speaker):
            speaker, confirm = None, True  # the speaker it has, typed again: confirmed, nothing corrected
        if speaker is not None:
            wanted.append(("speaker", {"name": speaker.strip() or None}))
        if confirm:
            wanted.append(("confirm", {"speaker": q.speaker, "extracted": q.extracted_speaker}))
        elif confirm is False:
            wanted.append(("confirm", {"speaker": q.speaker, "withdrawn": True}))
        if verdict is not None:
            wanted.append(("verdict", {"verdict": verdict or None}))
        if note is not None:  # blank is no note: it clears one, as "" does
            note = _CONTROL.sub("", _ESCAPE.sub("", note))  # a pasted NUL or escape sequence is no note
            wanted.append(("note", {"note": note if note.strip() else None}))
        if not wanted:
            raise LibraryError("nothing to record: give a speaker, confirm, a verdict or a note")
        ids = []
        with self._deciding():
            for kind, value in wanted:
                ids.append(self._add_decision(kind, value, anchor))
            self._apply_decisions(q.article_id)
            if speaker is not None:
                self._refresh_speakers([q.article_id])
        return ids

    def _article_at(self, path: Path) -> bool:
        """Whether an article of this project was imported from the file at ``path``, or from a container
        there (``bundle.zip/story.md``, ``desk.mbox#2``): a stored path as typed at the import (relative to
        where it ran, so tried from here and from the project's folder) or absolute, matched as files."""
        target = os.path.realpath(path)
        name = os.path.basename(target)
        if not name:
            return False
        bases = [os.getcwd()]
        if str(self.path) != ":memory:":
            bases.append(os.path.dirname(os.path.abspath(self.path)))
        for (stored,) in self.db.execute("SELECT path FROM articles WHERE instr(path, ?) > 0", [name]):
            k = stored.find(name)
            while k >= 0:
                end = k + len(name)
                if end == len(stored) or stored[end] in "/#":
                    part = stored[:end]
                    if any(os.path.realpath(os.path.join(base, part)) == target for base in bases):
                        return True
                k = stored.find(name, k + 1)
        return False

    def _add_decision(self, kind: str, value: dict, anchor: dict | None = None) -> int:
        return decisions.record(self.db, kind, value, anchor)

    @_edits
    def merge_speakers(self, speakers: list[str | int]) -> int:
        """Record that these speakers are one person; returns the decision id.

        Each is a speaker id, a canonical name or a spelling; a name several speakers share is refused
        with their ids, so a merge reaches the speakers the person chose and no other of the same name
        (see :mod:`quotecheck.matching.identities`). The first speaker gives the merged person its name.
        """
        refs = [s for s in speakers if str(s).strip()]
        ids = list(dict.fromkeys(self._speaker_id(s) for s in refs))
        if len(ids) == 1 and len(set(map(str, refs))) > 1:
            raise LibraryError(f"{', '.join(map(repr, refs))} are already one speaker (id {ids[0]}); nothing to merge")
        if len(ids) < 2:
            raise LibraryError("merging needs two different speakers")
        names = [self._speaker_name(i) for i in ids]
        chosen = [m for i in ids for m in identities.members(self.db, i)]
        with self._deciding():
            decision = self._add_decision("merge", {"names": names, "members": chosen, "speakers": ids})
            self._refresh_speakers()
        return decision

    def _speaker_id(self, ref: str | int) -> int:
        try:
            return identities.find_speaker(self.db, ref)
        except identities.SpeakerChoiceError as exc:
            raise LibraryError(str(exc)) from exc

    def _speaker_name(self, speaker_id: int) -> str:
        return self.db.execute("SELECT name FROM speakers WHERE id = ?", [speaker_id]).fetchone()[0]

    @_edits
    def split_speaker(self, speaker: str | int, alias: str) -> int:
        """Record that the spelling ``alias`` of this speaker (an id, a name or a spelling) is somebody else;
        returns the decision id. Where others are written the same way, only this speaker's uses part."""
        if not alias.strip():
            raise LibraryError("give the spelling to split off")
        speaker_id = self._speaker_id(speaker)
        name, alias = self._speaker_name(speaker_id), alias.strip()
        spellings = {
            r[0].casefold(): r[0]
            for r in self.db.execute("SELECT alias FROM speaker_aliases WHERE speaker_id = ?", [speaker_id])
        }
        if alias.casefold() not in spellings:
            raise LibraryError(f"{name!r} (speaker {speaker_id}) is never written {alias!r}")
        if len(spellings) == 1:  # nothing would part: the decision would change nothing and stay in the list
            raise LibraryError(f"{name!r} (speaker {speaker_id}) is only ever written {alias!r}: nothing to split off")
        alias = spellings[alias.casefold()]
        value: dict = {"alias": alias, "from": name, "speaker": speaker_id}
        written_in = [m for m in identities.members(self.db, speaker_id, alias) if isinstance(m, list)]
        if written_in:
            value["units"] = written_in
        with self._deciding():
            decision = self._add_decision("split", value)
            self._refresh_speakers()
        return decision

    @_edits
    def set_decisions_active(self, ids: Iterable[int], active: bool) -> None:
        """Undo (``active=False``) or redo decisions by id, and bring the quotes in line."""
        ids = list(ids)
        if not ids:
            return
        marks = ", ".join("?" * len(ids))
        rows = list(self.db.query(f"SELECT * FROM decisions WHERE id IN ({marks})", ids))
        if not active:
            self._check_undo(rows)
        removing = [r for r in rows if r["kind"] in REMOVAL_KINDS]
        with self._deciding(removing=bool(removing)):
            self.db.execute(f"UPDATE decisions SET active = ? WHERE id IN ({marks})", [int(active), *ids])
            for r in removing:
                self._set_removal(r["kind"], r["article_hash"], json.loads(r["value"]), active, r)
            hashes = {r["article_hash"] for r in rows if r["article_hash"]}
            article_ids = [
                r[0] for h in hashes for r in self.db.execute("SELECT id FROM articles WHERE content_hash = ?", [h])
            ]
            for article_id in article_ids:
                self._apply_decisions(article_id)
            if any(r["kind"] in ("merge", "split", "speaker") for r in rows) and not removing:
                self._refresh_speakers(article_ids)
        if removing:  # quotes came or went: statements and flags again
            self.match()

    # -- taking out what should not be there --------------------------------------------------

    @_edits
    def dismiss_quotes(self, quote_ids: Iterable[int]) -> list[int]:
        """Dismiss false quotes (a headline, a scare quote); returns the decision ids (for undo).

        A dismissed quote leaves the table, the statements, the flags and the exports, and stays
        dismissed when extraction finds it again (see :mod:`quotecheck.project.removals`).
        """
        rows = [self.quote(q) for q in dict.fromkeys(quote_ids)]
        if not rows:
            raise LibraryError("give the quotes to dismiss")
        ids = []
        with store.transaction(self.db):
            for q in rows:
                content_hash = self._article_row(q.article_id)["content_hash"]
                anchor = {
                    "article_hash": content_hash,
                    "quote_start": q.start,
                    "quote_end": q.end,
                    "quote_text": q.text,
                }
                ids.append(self._add_decision("dismiss", {"quote": removals.quote_row(self.db, q.id)}, anchor))
            for article_id in dict.fromkeys(q.article_id for q in rows):
                self._apply_decisions(article_id)
        self.match()
        return ids

    @_edits
    def delete_articles(self, articles: Iterable[str | int]) -> list[int]:
        """Delete articles imported by mistake (ids, paths or file names); returns the decision ids.

        Undo brings each back whole. Importing its folder again skips it; importing the file itself
        brings it back (see :mod:`quotecheck.project.removals`).
        """
        article_ids = list(dict.fromkeys(self.find_article(a) for a in articles))
        if not article_ids:
            raise LibraryError("give the articles to delete")
        ids = []
        with store.transaction(self.db):
            for article_id in article_ids:
                stash = removals.article_stash(self.db, article_id)
                value = {"path": stash["article"]["path"], "stash": stash}
                ids.append(
                    self._add_decision("delete_article", value, {"article_hash": stash["article"]["content_hash"]})
                )
                removals.remove_article(self.db, article_id)
        self.match()
        return ids

    def _check_undo(self, rows: list[dict]) -> None:
        """Refuse an undo that would change nothing shown: a quote decision (a review step, a dismissal)
        left with an earlier text of its article, because a new version has not its quote."""
        for r in rows:
            if r["kind"] not in decisions.QUOTE_KINDS or not r["active"]:
                continue
            old = versions.dormant(self.db, r["article_hash"])
            if old is None:
                continue
            words = " ".join((r["quote_text"] or "").split())
            raise LibraryError(
                f"decision {r['id']} was made on an earlier text of {old[1]} and its quote ({words[:60]!r}) is not"
                " in the current one: undoing it would change nothing, so nothing was undone"
            )

    def _set_removal(
        self, kind: str, content_hash: str, value: dict, active: bool, decision: dict | None = None
    ) -> None:
        """Carry out (``active``) or take back a dismissal or a deletion; matching is redone by the caller."""
        if kind == "delete_article" and active:
            for (article_id,) in self.db.execute(
                "SELECT id FROM articles WHERE content_hash = ?", [content_hash]
            ).fetchall():
                removals.remove_article(self.db, article_id)
        elif kind == "delete_article":
            removals.restore_article(self.db, value["stash"])
        elif not active and value.get("quote"):  # a dismissal taken back; its redo is done by apply
            row = removals.placed(self.db, value["quote"], (decision or {}).get("quote_start"))
            if row is None:  # its words are no longer in the article: nothing comes back at the wrong place
                raise LibraryError(
                    f"the quote decision {(decision or {}).get('id')} dismissed is no longer in its article's text:"
                    " it cannot come back, so nothing was undone"
                )
            removals.restore_quote(self.db, row)

    def decisions(self, *, active_only: bool = True) -> list[Decision]:
        """The decisions a person took, oldest first (undone ones too unless ``active_only``)."""
        sql = "SELECT * FROM decisions" + (" WHERE active = 1" if active_only else "") + " ORDER BY id"
        out = []
        for row in self.db.query(sql):
            row["value"] = json.loads(row["value"]) if row["value"] else None
            row["active"] = bool(row["active"])
            out.append(Decision(**row))
        return out

    def _apply_decisions(self, article_id: int) -> int:
        return decisions.apply(self.db, article_id)

    # -- export -------------------------------------------------------------------------------

    def check_export_target(self, path: str) -> None:
        """Raise :class:`LibraryError` in one line when ``path`` cannot take an export: a place that cannot
        be written, this project's own file, another database, or an article of this project."""
        _check_writable(path)
        refuse_overwriting(path, self.path, self._article_at)

    def export(self, fmt: str, flt: QuoteFilter | None = None, path: str | None = None, **options) -> str:
        """Citation list of the selected quotes in one of :data:`quotecheck.io.export.FORMATS`.

        With ``path`` the file is written (an existing file replaced atomically); a place that cannot
        be written — a missing folder, a folder, no permission — raises :class:`LibraryError` in one line.
        Filters that match no quote raise :class:`NothingToExport`, and a ClaimReview with nothing to
        publish :class:`NothingToPublish` (both ``LibraryError`` naming why), and nothing is written.
        """
        from .io import export

        if path is not None:
            self.check_export_target(path)
        where = f"nothing written to {display_path(path)}" if path is not None else "nothing exported"
        if not self.quote_ids(flt, limit=1):
            what = "the filter" if self.quote_ids(limit=1) else "anything: the project holds no quotes"
            raise NothingToExport(f"no quote matches {what}; {where}")
        try:
            return export.export(self.db, fmt, flt, path, **options)
        except export.NothingToPublish as exc:
            earlier = self.verdicts_on_earlier_words(flt)
            why = verdicts_left_out(earlier) if earlier else "no statement among these quotes has a verdict yet"
            raise NothingToPublish(f"nothing to publish in ClaimReview: {why}; {where}", earlier) from exc
        except OSError as exc:
            raise LibraryError(f"{display_path(path or '')}: cannot write the export ({exc.strerror or exc})") from exc

    def verdicts_on_earlier_words(self, flt: QuoteFilter | None = None) -> list[tuple[int, str]]:
        """The selected quotes, ``(id, words now)``, whose verdict was given on earlier words than they
        have now (an edited article imported again): a ClaimReview export leaves these verdicts out
        until given again."""
        from .io.export_entries import given_on

        stale = {
            quote_id: text
            for quote_id, text, *decided in self.db.execute(
                "SELECT id, text, verdict, wording_was, reworded_for FROM quotes"
                " WHERE verdict IS NOT NULL AND wording_was IS NOT NULL"
            )
            if given_on(*decided)
        }
        return [(i, stale[i]) for i in self.quote_ids(flt) if i in stale] if stale else []

    # -- citations to copy ---------------------------------------------------------------------

    def citation(self, quote_ids: Iterable[int], fmt: str = "text") -> str:
        """Citations of these quotes to paste elsewhere: ``text`` (one line each, what Ctrl+C copies in the
        window) or any export format but ``claimreview`` (see :data:`CITATION_FORMATS`).

        Example:
            >>> lib.citation([12])  # doctest: +SKIP
            '“We will not pay.” — Ilse Brannoch, in “Dam deal”, Kallpress, 2025-03-12, https://…'
        """
        ids = list(quote_ids)
        if fmt == "text":
            rows = self.quote_rows(ids)
            return "\n".join(citation_line(rows[i]) for i in ids if i in rows)
        if fmt not in CITATION_FORMATS:
            raise LibraryError(f"unknown citation format {fmt!r}; use one of: {', '.join(CITATION_FORMATS)}")
        out = self.export(fmt, QuoteFilter(quote_ids=tuple(ids)))
        from .io.export import EXPORT_MARK

        return out.removeprefix(EXPORT_MARK + "\n\n")  # a pasted citation needs no file mark

    @staticmethod
    def versions() -> dict[str, str]:
        """The versions a bug report needs: quotecheck, Python, SQLite, spaCy and its English model."""
        import platform
        import sqlite3
        from importlib import metadata

        found = {"quotecheck": __version__, "Python": platform.python_version(), "SQLite": sqlite3.sqlite_version}
        try:
            found["spaCy"] = metadata.version("spacy")
        except metadata.PackageNotFoundError:
            found["spaCy"] = "not installed"
        for package in DEFAULT_MODELS:  # the English models the engine may load
            try:
                found[package] = metadata.version(package)
            except metadata.PackageNotFoundError:
                continue
        return found

    def data_version(self) -> int:
        """SQLite's ``PRAGMA data_version`` on this connection: it changes when another connection (the
        CLI, another window, a background job) has committed to the project since the last call, never
        for this connection's own writes. Costs no file read; the window polls it to notice outside
        changes and read the project again."""
        return self.db.execute("PRAGMA data_version").fetchone()[0]


CITATION_FORMATS = ("text", "markdown", "bibtex", "ris", "csl-json", "csv", "json")
"""What :meth:`Library.citation` writes: one line of text, or an export format (a single quote's entry)."""


MAX_ID = 2**63 - 1
"""The largest id SQLite stores: a longer number names nothing in a project."""


def by_section(progress: Progress | None):
    """``on_section`` for the engine (see ``engine.extract.parse``): a long article says which part of it
    is being read, and Cancel stops it between parts; None without a progress to tell."""
    if progress is None:
        return None

    def on_section(article: Article, done: int, total: int) -> None:
        progress.check()
        if done < total:
            message = f"{article.path}: parsed part {done} of {total}"
        else:
            message = f"{article.path}: all {total} parts parsed; finding and attributing quotes"
        progress.advance(0, message=message)

    return on_section


def citation_line(row: QuoteRow) -> str:
    """One quote as a line of text: its words, who said them, and where and when they were published."""
    words = " ".join(row.text.split()).rstrip(" ,;:")
    who = row.reviewed_speaker or row.speaker or "unattributed"
    where = [f"in “{row.title}”" if row.title else "", row.outlet or "", row.date or "", row.url or ""]
    if not row.title and not row.outlet:
        where[0] = f"in {row.path}" if row.path else ""
    return f"“{words}” — {who}" + "".join(f", {part}" for part in where if part)


SQLITE_HEADER = b"SQLite format 3\x00"
PNG_HEADER = b"\x89PNG\r\n\x1a\n"


def refuse_overwriting(path: str | os.PathLike, project: str | os.PathLike | None = None, is_article=None) -> None:
    """Refuse, in one line, to write an export or a picture over the project itself (its file or the
    files beside it), over another database (a project), or over an article the project was imported
    from (``is_article(path)``): a person's decisions and sources are never written over by an output."""
    shown = display_path(path)
    target = Path(os.fsdecode(path))
    if project is not None and str(project) != ":memory:":
        own = Path(project).resolve()
        if target.resolve() in {own, *(own.with_name(own.name + end) for end in ("-wal", "-shm", "-journal"))}:
            raise LibraryError(f"{shown}: is this project's own file; give another file name")
    head = _file_head(target)
    if head == SQLITE_HEADER:
        raise LibraryError(f"{shown}: is a quotecheck project or another database; it is not written over")
    if head is not None and is_article is not None and is_article(target):
        raise LibraryError(f"{shown}: is an article of this project; it is not written over")


def check_screenshot_target(png: str | os.PathLike, project: str | os.PathLike | None = None) -> None:
    """Refuse a screenshot target that is the project, a database or an existing file that is no PNG."""
    refuse_overwriting(png, project)
    head = _file_head(Path(os.fsdecode(png)))
    if head is not None and not head.startswith(PNG_HEADER):
        raise LibraryError(f"{display_path(png)}: exists and is no PNG picture; it is not written over")


def _file_head(target: Path) -> bytes | None:
    """The first 16 bytes of an existing file (b"" when it cannot be read); None when no file is there."""
    if not target.is_file():
        return None
    try:
        with open(target, "rb") as fh:
            return fh.read(16)
    except OSError:
        return b""


def _check_writable(path: str | os.PathLike) -> None:
    """Refuse an export target that cannot be written, before any work, with one line saying why."""
    shown = display_path(path)
    target = Path(os.fsdecode(path))
    folder = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise LibraryError(f"{shown}: is a folder; give a file name to export to")
    from .io.export import own_stream, writes_in_place

    if writes_in_place(path):  # a device, a pipe, /dev/stdout: written into, no file made in the folder
        if not os.access(target, os.W_OK) and not own_stream(path):
            raise LibraryError(f"{shown}: no permission to write to it")
        return
    if folder.exists() and not folder.is_dir():
        raise LibraryError(f"{shown}: {display_path(folder)} is not a folder")
    if not folder.is_dir():
        raise LibraryError(f"{shown}: the folder {display_path(folder)} does not exist")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise LibraryError(f"{shown}: no permission to write in the folder {display_path(folder)}")
    if target.exists() and not os.access(target, os.W_OK):
        raise LibraryError(f"{shown}: the file is read-only")


def _keep_bare(errors: list, error) -> None:
    """Keep an error of one part of a container as :func:`~.io.formats.without_traceback` leaves it."""
    errors.append(without_traceback(error))
