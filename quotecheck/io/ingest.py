"""Files to :class:`~quotecheck.model.Article`: decoding, formats, metadata, paragraphs.

Plain text and Markdown keep their decoded text unchanged (quote offsets point into it); a
front-matter block, when present, is cut off and read as metadata. Saved HTML pages go through
trafilatura. A sidecar ``NAME.meta.json`` beside a file overrides what the file says about itself.

Every problem is raised as :class:`IngestError` naming the file, so a batch can report it in one line
and go on with the next file.
"""

from __future__ import annotations

import codecs
import functools
import json
import logging
import os
import posixpath
import re
import stat
import unicodedata
from collections.abc import Iterable, Iterator
from datetime import date
from importlib import resources
from pathlib import Path

from ..engine.quotes import LINE_BREAKS
from ..model import MAX_CHARS, META_FIELDS, Article, ArticleMeta, text_hash
from . import front_matter
from .lines import SENTENCE_END

log = logging.getLogger(__name__)

MAX_BYTES = 2 * 1024 * 1024
"""Files larger than this are refused: a long feature is 100 KB, and parsing 2 MB already takes a minute."""

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES

LEGACY_ENCODINGS = (
    "cp1252",
    "cp1251",
    "cp1250",
    "cp1253",
    "cp1254",
    "cp1255",
    "cp1256",
    "cp1257",
    "koi8_r",
    "koi8_u",
    "iso8859_2",
    "iso8859_5",
    "iso8859_7",
    "cp866",
    "mac_cyrillic",
    "mac_roman",
    "gb18030",
    "big5",
    "shift_jis",
    "euc_jp",
    "euc_kr",
    "cp949",
)
"""Code pages news text is written in; limiting detection to these keeps rare ones (Celtic, Baltic
ISO variants) from winning on short articles."""

_KEY_ALIASES = {
    "source": "outlet",
    "publication": "outlet",
    "publisher": "outlet",
    "site_name": "outlet",
    "sitename": "outlet",
    "byline": "author",
    "published": "date",
    "lang": "language",
    "link": "url",
    "primary_source": "primary_source_of",
}


_NAME_CONTROLS = re.compile(f"[\x00-\x1f\x7f-\x9f{LINE_BREAKS}]")
_TEXT_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
"""C0 and C1 control characters but tab and the line breaks (\\n, \\r, \\x0b, \\x0c, \\x85)."""


def display_path(path: str | bytes | os.PathLike) -> str:
    """A path as a person can read it and every program can store it: valid UTF-8, one line.

    File names are bytes on Linux; a name that is not UTF-8 reaches Python with its bad bytes
    surrogate-escaped, which SQLite, JSON and a UTF-8 terminal all refuse. Such bytes are shown as
    ``\\xff``, and control characters (a newline in a name) as their escape, so no name breaks a line.

        >>> display_path(b"bad\\xff\\xfename.txt".decode("utf-8", "surrogateescape"))
        'bad\\\\xff\\\\xfename.txt'
    """
    raw = os.fsencode(path)
    text = raw.decode("utf-8", "backslashreplace")
    return _NAME_CONTROLS.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


_LONE_CR = re.compile(r"\r(?!\n)")


def clean_text(text: str) -> str:
    """``text`` without control characters (NUL, escape, backspace, C1 codes), which no article means
    and which would pass into records, speaker names and every export format. Tab and the line
    breaks stay; an old Mac line break (a carriage return alone) is read as ``\\n``, one character for
    one, so front matter and wrapped lines are read as in the same file saved with ``\\n``."""
    return _LONE_CR.sub("\n", _TEXT_CONTROLS.sub("", text))


class IngestError(Exception):
    """A file that cannot be read as an article. ``str()`` names the file and the problem; ``field`` the
    metadata field at fault, when it is one."""

    def __init__(self, path: str | os.PathLike, problem: str, *, field: str | None = None):
        self.path = display_path(path)
        self.problem = problem
        self.field = field
        super().__init__(f"{self.path}: {problem}")


class UnreadableFolder(str):
    """A folder (or a folder inside one) that could not be listed, in the place its files would have
    had: reading it raises the :class:`IngestError` saying why, so it counts as one failed file."""

    problem: str

    def __new__(cls, path: str, problem: str) -> UnreadableFolder:
        self = super().__new__(cls, path)
        self.problem = problem
        return self

    def __reduce__(self):  # a batch sends paths to other processes
        return type(self), (str(self), self.problem)


def iter_article_paths(paths: Iterable[str | os.PathLike], *, unread: list[str] | None = None) -> Iterator[str]:
    """Every article file under ``paths``: files as given, folders walked recursively in name order.

    Inside folders only known article suffixes are taken, and hidden files and ``.meta.json``
    sidecars are skipped in silence; the other files passed over (``notes.rtf``, ``data.csv``) are
    appended to ``unread``, named from the folder given, so an import can say what it left out. A path that does not exist is yielded as given, and a folder that cannot be
    listed (no permission) as an :class:`UnreadableFolder`, so that reading it reports the problem in
    its place in the batch. Names are yielded as the file system gives them (a name that is not UTF-8
    keeps its bytes surrogate-escaped, so it can still be opened); show them with :func:`display_path`.
    """
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from _walk(os.fspath(path), unread)
        else:
            yield str(raw)


def empty_folders(paths: Iterable[str | os.PathLike]) -> list[str]:
    """The folders among ``paths`` holding no article file quotecheck reads (at any depth): an import of
    one says so rather than reporting nothing, or creating an empty project."""
    return [os.fspath(p) for p in paths if Path(p).is_dir() and next(_walk(os.fspath(p)), None) is None]


def no_articles_there(folder: str | os.PathLike) -> str:
    """The line for a folder :func:`empty_folders` found: it names the file endings looked for."""
    from .formats import import_suffixes

    return f"{display_path(folder)}: no article files found there ({', '.join(import_suffixes())})"


def _walk(folder: str, unread: list[str] | None = None) -> Iterator[str]:
    from .formats import PROJECT_SUFFIXES
    from .formats.manifest import MANIFEST_NAMES

    unreadable: list[OSError] = []
    for root, dirs, files in os.walk(folder, onerror=unreadable.append):
        yield from _unreadable(unreadable, root)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith(".") or name.endswith(".meta.json"):
                continue
            if _importable(name):
                yield os.path.join(root, name)
            elif unread is not None and name not in MANIFEST_NAMES and not name.endswith(PROJECT_SUFFIXES):
                unread.append(display_path(os.path.relpath(os.path.join(root, name), folder)))
    yield from _unreadable(unreadable, folder)


def _unreadable(errors: list[OSError], fallback: str) -> Iterator[UnreadableFolder]:
    """The folders os.walk could not list since the last call (it reports them through ``onerror``)."""
    for exc in errors:
        yield UnreadableFolder(os.fsdecode(exc.filename or fallback), f"cannot be read ({exc.strerror or exc})")
    errors.clear()


def _importable(name: str) -> bool:
    """Whether a file in a folder is an article: the one registry of formats decides."""
    from .formats import format_for

    return format_for(name) is not None


def read_article(path: str | os.PathLike, *, max_bytes: int = MAX_BYTES) -> Article:
    """Read one article file.

    Example:
        >>> article = read_article("story.txt")  # doctest: +SKIP
        >>> article.meta.title, article.text[:40]  # doctest: +SKIP
    """
    if isinstance(path, UnreadableFolder):
        raise IngestError(path, path.problem)
    p = Path(os.fsdecode(path))
    from .formats import format_for, read_one

    fmt = format_for(str(p))
    if fmt is not None and fmt.reader:  # PDF, Word, e-mail, web archives: read by the registry's readers
        _check_regular(p)
        return read_one(str(p), fmt)
    data = _read_regular_file(p, max_bytes)
    return parse_article(data, display_path(p), sidecar=read_sidecar(p))


def _check_regular(p: Path) -> None:
    """Refuse what is not a regular file before a format reader opens it (a pipe would hang it)."""
    try:
        info = os.stat(p)
    except FileNotFoundError as exc:
        raise IngestError(p, "no such file") from exc
    except OSError as exc:
        raise IngestError(p, f"cannot be read ({exc.strerror or exc})") from exc
    if stat.S_ISDIR(info.st_mode):
        raise IngestError(p, "is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise IngestError(p, f"not a regular file ({_file_kind(info.st_mode)})")


def _read_regular_file(p: Path, max_bytes: int) -> bytes:
    """The bytes of a regular file. Anything else — a named pipe (whose reader waits for a writer
    forever), a device, a socket — is refused: it is opened without blocking and checked on the open
    descriptor, so a file swapped for a pipe after a check cannot hang the batch either."""
    try:
        fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError as exc:
        raise IngestError(p, "no such file") from exc
    except IsADirectoryError as exc:
        raise IngestError(p, "is a folder, not a file") from exc
    except OSError as exc:
        raise IngestError(p, f"cannot be read ({exc.strerror or exc})") from exc
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise IngestError(p, "is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise IngestError(p, f"not a regular file ({_file_kind(info.st_mode)})")
        if info.st_size > max_bytes:
            raise IngestError(p, f"too large ({info.st_size / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.0f} MB)")
        with os.fdopen(fd, "rb", closefd=False) as stream:
            data = stream.read(max_bytes + 1)
    except OSError as exc:
        raise IngestError(p, f"cannot be read ({exc.strerror or exc})") from exc
    finally:
        os.close(fd)
    if len(data) > max_bytes:  # it grew while we read it
        raise IngestError(p, f"too large (over {max_bytes / 1e6:.0f} MB)")
    return data


def _file_kind(mode: int) -> str:
    for test, name in (
        (stat.S_ISFIFO, "a named pipe"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return name
    return "not a file with contents"


def parse_article(data: bytes, path: str, *, sidecar: ArticleMeta | None = None) -> Article:
    """Parse the bytes of an article file; ``path`` names it in errors and picks the format."""
    if not data.strip():
        raise IngestError(path, "empty file")
    text = clean_text(decode(data, path))
    if not text.strip():
        raise IngestError(path, "empty file (only white space)")
    suffix = Path(path).suffix.lower()
    if suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES and _looks_like_html(text)):
        body, meta = parse_html(text, path)
    else:
        body, meta = _parse_text(text, path)
    if sidecar:
        meta = meta.merged(sidecar)
    if not body.strip():
        raise IngestError(path, "no article text after the metadata block")
    if len(body) > MAX_CHARS:
        raise IngestError(path, f"too long ({len(body):,} characters; the limit is {MAX_CHARS:,})")
    return Article(
        path=display_path(path),
        text=body,
        meta=meta,
        content_hash=text_hash(body),
        paragraphs=paragraph_spans(body),
    )


def decode(data: bytes, path: str = "<bytes>") -> str:
    """Bytes to text: a BOM wins, then strict UTF-8, then charset detection for legacy encodings.

    Raises IngestError for binary data (images, archives, executables) and text no detector can read.
    """
    for bom, codec in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as exc:
                raise IngestError(path, f"broken {codec} text ({exc.reason} at byte {exc.start})") from exc
    utf16 = _bomless_utf16(data)
    if utf16 is not None:
        return utf16
    head = data[:8192]
    # a stray NUL or two is a text's damage (removed below); binary data holds them by the dozen
    if head.count(0) > STRAY_NULS or _control_share(head) > 0.05:
        raise IngestError(path, "binary file, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    matches = from_bytes(data[:200_000], cp_isolation=list(LEGACY_ENCODINGS))
    # Equally good readings (cp1250 and cp1252 agree on most French) go to the more common code page.
    best = min(matches, key=lambda m: (m.chaos, -m.coherence, LEGACY_ENCODINGS.index(m.encoding)), default=None)
    encoding = best.encoding if best is not None else None
    if len(data) < SHORT_TEXT:
        encoding = _wordiest_encoding(data, encoding)
    if encoding is None:
        raise IngestError(path, "unknown text encoding (not UTF-8, UTF-16 or a legacy code page)")
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise IngestError(path, f"cannot decode as {encoding}") from exc


STRAY_NULS = 4
"""NUL bytes the first 8 KB of a text may hold (a paste or an export gone wrong); more is binary data."""

SHORT_TEXT = 2000
"""Below this many bytes charset statistics have too little to go on, and words decide (see below)."""


def _wordiest_encoding(data: bytes, detected: str | None) -> str | None:
    """For a short text, the code page whose reading makes the most words look like words; the
    detector's choice unless another reading is strictly better. A word looks like a word when its
    letters are of one script and case (``Пресс``, ``пресс``, ``ПРЕСС``, not ``пРЕСС``), and a Latin
    word is mostly plain ASCII letters (Cyrillic read as cp1250 gives ``Ďđĺńń``: no language is
    written like that)."""
    scores = {}
    for encoding in LEGACY_ENCODINGS:
        try:
            scores[encoding] = _word_score(data.decode(encoding))
        except UnicodeDecodeError:
            continue
    if not scores:
        return detected
    best = max(scores, key=lambda e: (scores[e], -LEGACY_ENCODINGS.index(e)))
    if detected in scores and scores[detected] >= scores[best]:
        return detected
    return best


def _word_score(text: str) -> int:
    """Letters in plausible minus letters in implausible words, among the space-separated words that
    hold a non-ASCII letter (a reading that turns a capital into a quote mark loses a letter)."""
    score = 0
    for token in text.split():
        word = token.strip(_EDGE_PUNCTUATION)
        if token.isascii() or not word:
            continue
        if word.isascii():  # „Wir → Wir: the reading that makes the odd byte a mark gains the word
            score += len(word) if word.isalpha() else 0
        else:
            score += len(word) if _plausible_word(word) else -len(word)
            score -= 2 * sum(1 for c in word if c in _RARE_CYRILLIC)
    return score


_RARE_CYRILLIC = frozenset(chr(c) for c in range(0x400, 0x460)) - frozenset(
    "АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдежзийклмнопрстуфхцчшщъыьэюяЁёІіЇїЄєЎў"
)
"""Cyrillic letters of Serbian, Macedonian and old orthography (Ђ, ћ, ѕ, …): where they turn up in a
short text read as a Russian or Ukrainian code page, the code page is the wrong one (mac_cyrillic
turns cp1251's « into Ђ)."""


_EDGE_PUNCTUATION = "\"'«»„“”‘’‚‹›()[]{}<>.,;:!?…—–-*/"


_KANJI_KANA = {"CJK", "HIRAGANA", "KATAKANA"}


def _plausible_word(word: str) -> bool:
    if not all(c.isalpha() or c in "-'’" for c in word):
        return False  # a sign inside a word (``за€вил``, ``Я№хёё``): a wrong code page
    word = re.sub("[-'’]", "", word)
    if not word:
        return False
    cased = any(c.isupper() or c.islower() for c in word)
    if cased and not (word.islower() or word.isupper() or (word[0].isupper() and word[1:].islower())):
        return False
    scripts = {unicodedata.name(c, "?").split(" ")[0] for c in word}
    if len(scripts) > 1 and not scripts <= _KANJI_KANA:
        return False
    if scripts == {"LATIN"}:
        return sum(c.isascii() for c in word) >= len(word) / 2
    return True


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: NUL bytes, and the high byte of each unit drawn from very few values
    (one script block plus zero for spaces and punctuation)."""
    sample = data[:4096]
    if len(sample) < 4 or b"\x00" not in sample:
        return None
    sample = sample[: len(sample) // 2 * 2]
    for high, low, codec in ((sample[1::2], sample[0::2], "utf-16-le"), (sample[0::2], sample[1::2], "utf-16-be")):
        counts = sorted((high.count(b) for b in set(high)), reverse=True)
        one_script = sum(counts[:2]) >= 0.9 * len(high)
        # Chinese or Japanese mixed with English spreads the high bytes over hundreds of values, but
        # the NULs (of the Latin letters and spaces) still all fall on one side of each unit.
        one_sided = high.count(0) >= 0.2 * len(high) and low.count(0) * 4 <= high.count(0)
        if high.count(0) >= 0.1 * len(high) and (one_script or one_sided):
            try:
                text = data[: len(data) // 2 * 2].decode(codec)
            except UnicodeDecodeError:
                return None
            shown = sum(1 for c in text[:2048] if c.isprintable() or c in "\r\n\t")
            return text if "\x00" not in text and shown >= 0.97 * len(text[:2048]) else None
    return None


def _control_share(sample: bytes) -> float:
    if not sample:
        return 0.0
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls / len(sample)


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:200].lower()
    return head.startswith("<!doctype html") or head.startswith("<html")


def _parse_text(text: str, path: str) -> tuple[str, ArticleMeta]:
    from .export import EXPORT_MARK

    if text.lstrip().startswith(EXPORT_MARK):
        raise IngestError(path, "a citation list quotecheck wrote (Markdown export), not an article")
    meta = ArticleMeta()
    try:
        block, text = front_matter.split(text)
        values = None if block is None else front_matter.parse(block, reads=lambda key: _field_name(key) in META_FIELDS)
    except front_matter.FrontMatterError as exc:
        # Left out rather than stored without its metadata: stored, the article would be "already there"
        # when the fixed file is imported again, and its title, date and outlet would never arrive.
        raise IngestError(
            path, f"cannot read the front matter ({exc}); the article is left out until it is fixed"
        ) from None
    if values is not None:
        try:
            meta = meta_from_mapping(values, path)
        except IngestError as exc:  # a bad date, url or language: said as the front matter's other faults are
            field = exc.field or "date"
            keys = [field, *(alias for alias, name in _KEY_ALIASES.items() if name == field)]
            lines = [front_matter.line_of(block, key) for key in keys] if block is not None else []
            line = next((n for n in lines if n), None)
            where = f"line {line}: " if line else ""
            raise IngestError(path, f"{where}{exc.problem}; the article is left out until it is fixed") from None
    if not meta.title:
        # the first line with words: a rule ("---", "***") above the article is no title
        first = next((line.strip() for line in text.splitlines() if any(c.isalnum() for c in line)), "")
        title = first.lstrip("#").strip()
        if title and len(title) <= 200:
            meta = ArticleMeta(title=title).merged(meta)
        else:
            meta = ArticleMeta(title=Path(path).stem).merged(meta)
    return join_soft_breaks(text), meta


WRAPPED_AT_MOST = 100
"""Lines of a text wrapped at a fixed width are at most this long (72-80 columns in wire copy and mail)."""
_FENCES = ("```", "~~~")
_BLOCK_START = re.compile(r"\s*(?:[-*+•]\s|\d{1,3}[.)]\s|#|>|\|)")  # a list item, heading, quote or table row


def join_soft_breaks(text: str) -> str:
    """Plain text wrapped at a fixed width (wire copy, a mail saved as text, Markdown written at 72
    columns), its paragraphs blocks of lines: each break inside a paragraph becomes a space, so that a
    paragraph is one line, as quotes, cues and speakers are read (a quote broken over two lines kept
    neither its cue nor its speaker). Text whose lines are paragraphs, as news files have them, is
    returned as it is.

    Wrapped means: no line longer than :data:`WRAPPED_AT_MOST`, and most lines followed by another
    line of the same block reach three quarters of the widest. As in mail (``formats.mail``), a short
    line that ends a sentence ends its paragraph, and a list item, heading or quoted line starts one.

    Example:
        >>> join_soft_breaks("A long line that was wrapped by the\nwriter's editor, and more.\n")  # doctest: +SKIP
    """
    lines = text.split("\n")
    bare = [line.strip() for line in lines]
    widths = [len(b) for b in bare if b]
    if len(widths) < 6 or not 50 <= max(widths) <= WRAPPED_AT_MOST:
        return text
    widest = max(widths)
    inner = [len(b) for b, after in zip(bare, bare[1:], strict=False) if b and after]
    if len(inner) < 4 or sum(1 for n in inner if n >= 0.75 * widest) < 0.6 * len(inner):
        return text
    out = [lines[0]]
    fenced = bare[0].startswith(_FENCES)  # inside a Markdown code block every line stays
    for line, prev, now in zip(lines[1:], bare, bare[1:], strict=False):
        fence = now.startswith(_FENCES)
        soft = (
            prev
            and now
            and not fenced
            and not fence
            and not prev.startswith(_FENCES)
            and not _BLOCK_START.match(line)
            and not (len(prev) < 0.7 * widest and SENTENCE_END.search(prev))
        )
        fenced ^= fence
        if soft:
            out[-1] = out[-1].rstrip(" \t\r")
            out.append(" " + line.lstrip(" \t"))
        else:
            out.append("\n" + line)
    return "".join(out)


def _field_name(key: object) -> str:
    """A metadata key as we name it: ``Translated-from`` and ``lang`` are ``translated_from`` and ``language``."""
    name = str(key).strip().lower().replace("-", "_").replace(" ", "_")
    return _KEY_ALIASES.get(name, name)


def meta_from_mapping(values: dict, path: str = "<metadata>", *, strict: bool = True) -> ArticleMeta:
    """Build metadata from loosely named keys (front matter, sidecar JSON, a manifest, CLI options).

    A date that is no whole date raises :class:`IngestError`; so do, with ``strict`` (what a person
    wrote), a URL that is no web address and a language that is no language code. A document's own
    fields (``strict=False``: an HTML page's canonical link, a Word file's language) are dropped instead.
    """
    known = {}
    for key, value in values.items():
        name = _field_name(key)
        if name in META_FIELDS and value not in (None, ""):
            known[name] = clean_text(str(value)).strip()
    if "date" in known:
        known["date"] = normalise_date(known["date"], path)
    for name, check in (("url", check_url), ("language", normalise_language)):
        if name in known:
            try:
                known[name] = check(known[name], path)
            except IngestError:
                if strict:
                    raise
                log.info("%s: %s %r left out (not valid)", path, name, known[name])
                del known[name]
    return ArticleMeta(**known)


def check_url(value: str, path: str = "<metadata>") -> str:
    """``value`` if it is a web address (http or https, with a host); IngestError naming it otherwise."""
    from urllib.parse import urlsplit

    value = value.strip()
    try:
        parts = urlsplit(value)
        host = parts.hostname
    except ValueError:
        parts, host = None, None
    if parts is None or parts.scheme.lower() not in ("http", "https") or not host or any(c.isspace() for c in value):
        raise IngestError(
            path, f"url {value!r} is not a web address (http:// or https:// and a host name)", field="url"
        )
    return value


LANGUAGE_NAMES = {
    "english": "en",
    "russian": "ru",
    "french": "fr",
    "german": "de",
    "spanish": "es",
    "ukrainian": "uk",
    "italian": "it",
    "portuguese": "pt",
}
"""Languages quotecheck tells apart (``engine/languages.py``), by their English names."""

_LANGUAGE_TAG = re.compile(
    r"(?P<code>[a-z]{2})(?:[-_](?P<script>[a-z]{4}))?(?:[-_](?P<region>[a-z0-9]+))?", re.I | re.A
)
_REGION = re.compile(r"[A-Z]{2}|[0-9]{3}", re.A)


def normalise_language(value: str, path: str = "<metadata>") -> str:
    """A language as quotecheck stores it, the way BCP 47 writes it: a two-letter ISO 639-1 code in
    lower case (``en``), then a script in title case and a region in upper case when given (``en-GB``,
    ``pt-br`` → ``pt-BR``, ``en_gb`` → ``en-GB``, ``zh-hant-tw`` → ``zh-Hant-TW``, ``es-419``); an English
    name of a language it reads is taken as its code (``German`` → ``de``). A region is two letters or
    three digits (its shape is checked, not a list of countries). IngestError saying what is accepted
    otherwise ("klingon", ``en-GBR``).

    Example:
        >>> normalise_language("en_gb"), normalise_language("DE-de"), normalise_language("es-419")
        ('en-GB', 'de-DE', 'es-419')
    """
    text = value.strip()
    if text.casefold() in LANGUAGE_NAMES:
        return LANGUAGE_NAMES[text.casefold()]
    match = _LANGUAGE_TAG.fullmatch(text)
    if not match or match["code"].lower() not in iso_639_1():
        raise IngestError(
            path,
            f"language {value!r} is not a language code: give a two-letter ISO 639-1 code such as "
            f"{', '.join(LANGUAGE_NAMES.values())} (a region may follow: en-GB, es-419)",
            field="language",
        )
    region = (match["region"] or "").upper()
    if match["region"] and not _REGION.fullmatch(region):
        raise IngestError(
            path,
            f"language {value!r}: the region after the language code must be two letters or three digits"
            " (en-GB, pt-BR, es-419)",
            field="language",
        )
    parts = (match["code"].lower(), (match["script"] or "").title(), region)
    return "-".join(part for part in parts if part)


@functools.cache
def iso_639_1() -> frozenset[str]:
    """The 184 two-letter language codes of ISO 639-1 (``data/iso639-1.txt``, which names its source)."""
    lines = resources.files("quotecheck.io").joinpath("data/iso639-1.txt").read_text("utf-8").splitlines()
    return frozenset(line.split("\t")[0] for line in lines if line and not line.startswith("#"))


def normalise_date(value: str, path: str = "<metadata>") -> str:
    """Any common way of writing a date to ``YYYY-MM-DD``; IngestError when it is no date at all."""
    value = value.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return date.fromisoformat(value).isoformat()
        except ValueError as exc:
            raise IngestError(path, f"date {value!r} is not a real date") from exc
    from datetime import datetime

    from dateutil import parser

    numeric = NUMERIC_DATE.fullmatch(value)
    dayfirst = False
    if numeric:
        first, second = int(numeric["a"]), int(numeric["b"])
        if numeric["sep"] == ".":
            dayfirst = True  # "12.03.2025": the dotted dates of Europe put the day first
        elif first <= 12 and second <= 12 and first != second:
            raise IngestError(
                path,
                f"date {value!r} could be read day first or month first; write it as YYYY-MM-DD"
                " (or with the month in words)",
            )
        else:
            dayfirst = first > 12
    try:
        # read twice against two different days: a part the value does not give would come from them
        read = [
            parser.parse(value, default=d, dayfirst=dayfirst, fuzzy=False).date()
            for d in (datetime(2000, 1, 1), datetime(2001, 2, 2))
        ]
    except (ValueError, OverflowError) as exc:
        raise IngestError(path, f"cannot read the date {value!r}") from exc
    if read[0] != read[1]:
        raise IngestError(path, f"date {value!r} is not a whole date (year, month and day); write it as YYYY-MM-DD")
    return read[0].isoformat()


NUMERIC_DATE = re.compile(r"(?P<a>\d{1,2})(?P<sep>[./-])(?P<b>\d{1,2})(?P=sep)\d{2,4}")
"""A date in figures only, day and month in either order ("03/04/2025", "12.03.2025")."""


def read_sidecar(path: Path) -> ArticleMeta | None:
    """The metadata of the sidecar beside ``path`` (``story.txt.meta.json`` or ``story.meta.json``)."""
    for candidate in sidecar_names(str(path)):
        if os.path.isfile(candidate):
            try:
                data = Path(candidate).read_bytes()
            except OSError as exc:
                raise IngestError(candidate, f"unreadable metadata sidecar ({exc})") from exc
            return sidecar_meta(data, candidate)
    return None


def sidecar_names(name: str, *, in_zip: bool = False) -> tuple[str, ...]:
    """Where a sidecar of the file ``name`` may be, the more specific first (``a.txt.meta.json``,
    ``a.meta.json``); the same rule for a folder on disk and a folder inside a zip archive."""
    paths = posixpath if in_zip else os.path
    head, base = paths.split(name)
    stem = base.rsplit(".", 1)[0] if "." in base.lstrip(".") else base
    return (name + ".meta.json", paths.join(head, stem + ".meta.json"))


def sidecar_meta(data: bytes, where: str) -> ArticleMeta:
    """The metadata in a sidecar's bytes; IngestError naming ``where`` when it is not a JSON object."""
    try:
        values = json.loads(data.decode("utf-8-sig"))
    except ValueError as exc:
        raise IngestError(where, f"unreadable metadata sidecar ({exc})") from exc
    if not isinstance(values, dict):
        raise IngestError(where, "metadata sidecar must hold a JSON object")
    return meta_from_mapping(values, where)


_TITLE_OPEN = re.compile(r"<title\b[^>]*>", re.I)
_TITLE_CLOSE = re.compile(r"</title\s*>", re.I)


def _close_title(html: str) -> str:
    """A ``<title>`` left open swallows the whole page (the parser reads everything after it as the
    title's text, body included): close it where the next tag starts."""
    opened = _TITLE_OPEN.search(html)
    if opened is None or _TITLE_CLOSE.search(html, opened.end()):
        return html
    end = html.find("<", opened.end())
    end = len(html) if end < 0 else end
    return html[:end] + "</title>" + html[end:]


def parse_html(html: str, path: str, *, guess_date: bool = True) -> tuple[str, ArticleMeta]:
    """A saved page's article text and metadata, through trafilatura.

    With ``guess_date=False`` the date comes only from what the page states about itself (its metadata,
    its byline or time elements, a full date), never from a year met in the text ("the 1998
    convention"): a caller with a better date (a web archive's capture date) passes that.
    """
    import trafilatura
    from trafilatura.settings import set_date_params

    html = _close_title(html)

    try:
        doc = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            date_extraction_params=None if guess_date else set_date_params(extensive=False),
        )
    except Exception as exc:  # trafilatura raises from deep inside lxml on broken markup
        log.info("%s: trafilatura failed on the HTML", path, exc_info=True)
        raise IngestError(path, f"malformed HTML ({type(exc).__name__}: {exc})") from exc
    if doc is None:
        raise IngestError(path, "no article text found in the HTML page")
    values = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    body = values.get("text") or ""
    if not body.strip():
        raise IngestError(path, "no article text found in the HTML page")
    fields = {
        "title": values.get("title"),
        "author": values.get("author"),
        "outlet": values.get("sitename") or values.get("hostname"),
        "url": values.get("url"),
        "language": values.get("language"),
    }
    meta = meta_from_mapping({k: v for k, v in fields.items() if v}, path, strict=False)
    raw_date = values.get("date")
    if raw_date:
        try:
            meta = meta.merged(ArticleMeta(date=normalise_date(str(raw_date), path)))
        except IngestError:
            pass  # a page's own date field is often junk; leave it out rather than fail the page
    return body, meta


def paragraph_spans(text: str) -> tuple[tuple[int, int], ...]:
    """``(start, end)`` of every non-blank line; a news article's paragraph is one line.

    Every line break Python's ``str.splitlines`` knows ends a line, as in the quote scanner.
    """
    spans = []
    for match in re.finditer(f"[^{LINE_BREAKS}]+", text):
        line = match.group()
        if line.strip():
            lead = len(line) - len(line.lstrip())
            trail = len(line) - len(line.rstrip())
            spans.append((match.start() + lead, match.end() - trail))
    return tuple(spans)
