"""Files to :class:`~quotecheck.model.Article`: decoding, formats, metadata, paragraphs.

Plain text and Markdown keep their decoded text unchanged (quote offsets point into it); a
front-matter block, when present, is cut off and read as metadata. Saved HTML pages go through
trafilatura. A sidecar ``NAME.meta.json`` beside a file overrides what the file says about itself.

Every problem is raised as :class:`IngestError` naming the file, so a batch can report it in one line
and go on with the next file.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import logging
import os
import re
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from ..engine.quotes import LINE_BREAKS
from ..model import MAX_CHARS, META_FIELDS, Article, ArticleMeta

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
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)


class IngestError(Exception):
    """A file that cannot be read as an article. ``str()`` names the file and the problem."""

    def __init__(self, path: str | os.PathLike, problem: str):
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


def iter_article_paths(paths: Iterable[str | os.PathLike]) -> Iterator[str]:
    """Every article file under ``paths``: files as given, folders walked recursively in name order.

    Inside folders only known article suffixes are taken, and hidden files and ``.meta.json``
    sidecars are skipped. A path that does not exist is yielded as given, so that reading it reports
    the problem in its place in the batch.
    """
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.startswith(".") or name.endswith(".meta.json"):
                        continue
                    if _importable(name):
                        yield os.path.join(root, name)
        else:
            yield str(raw)


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
    path_str = str(path)
    p = Path(path)
    if not p.exists():
        raise IngestError(path_str, "no such file")
    if p.is_dir():
        raise IngestError(path_str, "is a folder, not a file")
    from .formats import format_for, read_one

    fmt = format_for(path_str)
    if fmt is not None and fmt.reader:  # PDF, Word, e-mail, web archives: read by the registry's readers
        return read_one(path_str, fmt)
    try:
        size = p.stat().st_size
        if size > max_bytes:
            raise IngestError(path_str, f"too large ({size / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.0f} MB)")
        data = p.read_bytes()
    except OSError as exc:
        raise IngestError(path_str, f"cannot be read ({exc.strerror or exc})") from exc
    return parse_article(data, path_str, sidecar=read_sidecar(p))


def parse_article(data: bytes, path: str, *, sidecar: ArticleMeta | None = None) -> Article:
    """Parse the bytes of an article file; ``path`` names it in errors and picks the format."""
    if not data.strip():
        raise IngestError(path, "empty file")
    text = decode(data, path)
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
        path=path,
        text=body,
        meta=meta,
        content_hash=hashlib.sha256(body.encode("utf-8")).hexdigest(),
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
    if b"\x00" in data[:8192] or _control_share(data[:8192]) > 0.05:
        raise IngestError(path, "binary file, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    matches = from_bytes(data[:200_000], cp_isolation=list(LEGACY_ENCODINGS))
    # Equally good readings (cp1250 and cp1252 agree on most French) go to the more common code page.
    best = min(matches, key=lambda m: (m.chaos, -m.coherence, LEGACY_ENCODINGS.index(m.encoding)), default=None)
    if best is None:
        raise IngestError(path, "unknown text encoding (not UTF-8, UTF-16 or a legacy code page)")
    try:
        return data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise IngestError(path, f"cannot decode as {best.encoding}") from exc


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: NUL bytes, and the high byte of each unit drawn from very few values
    (one script block plus zero for spaces and punctuation)."""
    sample = data[:4096]
    if len(sample) < 4 or b"\x00" not in sample:
        return None
    sample = sample[: len(sample) // 2 * 2]
    for high, codec in ((sample[1::2], "utf-16-le"), (sample[0::2], "utf-16-be")):
        counts = sorted((high.count(b) for b in set(high)), reverse=True)
        if high.count(0) >= 0.1 * len(high) and sum(counts[:2]) >= 0.9 * len(high):
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
    meta = ArticleMeta()
    match = _FRONT_MATTER.match(text)
    if match:
        meta = meta_from_mapping(_parse_front_matter(match.group(1)), path)
        text = text[match.end() :]
    if not meta.title:
        first = next((line.strip() for line in text.splitlines() if line.strip()), "")
        title = first.lstrip("#").strip()
        if title and len(title) <= 200:
            meta = ArticleMeta(title=title).merged(meta)
        else:
            meta = ArticleMeta(title=Path(path).stem).merged(meta)
    return text, meta


def _parse_front_matter(block: str) -> dict[str, str]:
    """The ``key: value`` lines of a YAML front-matter block (flat keys only, which is all we read)."""
    values = {}
    for line in block.splitlines():
        if ":" not in line or line.startswith((" ", "\t", "#")):
            continue
        key, _, value = line.partition(":")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        values[key.strip()] = value
    return values


def meta_from_mapping(values: dict, path: str = "<metadata>") -> ArticleMeta:
    """Build metadata from loosely named keys (front matter, sidecar JSON, CLI options)."""
    known = {}
    for key, value in values.items():
        name = str(key).strip().lower().replace("-", "_").replace(" ", "_")
        name = _KEY_ALIASES.get(name, name)
        if name in META_FIELDS and value not in (None, ""):
            known[name] = str(value).strip()
    if "date" in known:
        known["date"] = normalise_date(known["date"], path)
    return ArticleMeta(**known)


def normalise_date(value: str, path: str = "<metadata>") -> str:
    """Any common way of writing a date to ``YYYY-MM-DD``; IngestError when it is no date at all."""
    value = value.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return date.fromisoformat(value).isoformat()
        except ValueError as exc:
            raise IngestError(path, f"date {value!r} is not a real date") from exc
    from dateutil import parser

    try:
        return parser.parse(value, dayfirst=False, fuzzy=False).date().isoformat()
    except (ValueError, OverflowError) as exc:
        raise IngestError(path, f"cannot read the date {value!r}") from exc


def read_sidecar(path: Path) -> ArticleMeta | None:
    for candidate in (path.with_name(path.name + ".meta.json"), path.with_suffix(".meta.json")):
        if candidate.is_file():
            try:
                values = json.loads(candidate.read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise IngestError(str(candidate), f"unreadable metadata sidecar ({exc})") from exc
            if not isinstance(values, dict):
                raise IngestError(str(candidate), "metadata sidecar must hold a JSON object")
            return meta_from_mapping(values, str(candidate))
    return None


def parse_html(html: str, path: str) -> tuple[str, ArticleMeta]:
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False)
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
    meta = meta_from_mapping({k: v for k, v in fields.items() if v}, path)
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
