"""The ``quotecheck`` command: every library operation, one subcommand each.

Conventions for every command: with ``--json`` standard output carries only JSON (one object per line
for lists); progress and messages go to standard error; the exit status is 0 when everything worked,
1 when some input failed (the rest was still processed and stored), 2 for a usage error.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import signal
import sqlite3
import sys
import textwrap
from collections.abc import Callable, Sequence

from .io.formats import is_link, read_articles
from .io.ingest import IngestError, display_path, empty_folders, iter_article_paths, no_articles_there
from .library import (
    MAX_ID,
    VERDICTS,
    Library,
    LibraryError,
    NothingToExport,
    NothingToPublish,
    QuoteFilter,
    around_change,
    by_section,
    read_only_line,
    verdicts_left_out,
)
from .logs import show_on_stderr
from .matching.flags import KINDS as FLAG_KINDS
from .model import META_FIELDS
from .progress import Cancelled, terminal_progress
from .project import store
from .project.search import SearchError
from .project.store import StoreError
from .records import EXPORT_FORMATS, format_of_extension

log = logging.getLogger(__name__)
KIND_NAMES = {"quoted": ("direct", "partial"), "reported": ("indirect",)}
"""The window's names for the kinds of record (its Kind filter), as ``--kind`` takes them too."""

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _say(*parts: object) -> None:
    print(*parts, file=sys.stderr)


def _note(line: str) -> None:
    _say(f"note: {line}")


def _print_json_lines(rows: Sequence[dict]) -> None:
    for row in rows:
        print(json.dumps(row, ensure_ascii=False))


def _open(args, *, create: bool = False, matched: bool = False, edits: bool = False) -> Library:
    """The project; with ``matched`` an import that stopped before matching is finished first. One this
    user may not write opens read-only, said in one note line; a command that ``edits`` it is refused
    in one error line instead."""
    lib = Library(args.project, create=create)
    if lib.read_only:
        if edits:
            lib.close()
            raise LibraryError(read_only_line(args.project, edit=True))
        _note(read_only_line(args.project))
        if matched and lib.needs_matching():
            _note(f"{display_path(args.project)}: matching is not up to date; shown as it was last matched")
        return lib
    if matched and lib.needs_matching():
        _say(
            f"{args.project}: matching is not up to date (an import stopped before it, or an update of quotecheck)"
            "; matching now…"
        )
        try:
            lib.match(progress=None if getattr(args, "quiet", False) else terminal_progress())
        except BaseException:
            lib.close()
            raise
    return lib


def _check_search(args) -> None:
    if getattr(args, "search", None) is not None and not args.search.strip():
        raise UsageError("the search is empty; give a word to look for")


class UsageError(Exception):
    """A request that makes no sense as given (exit status 2)."""


def _default_jobs() -> int:
    return max(1, min(2, os.cpu_count() or 1))


# -- commands ---------------------------------------------------------------------------------


def cmd_extract(args) -> int:
    """Find the quotations in article files and say who said them (no project needed)."""
    from .engine.extract import Extractor

    paths = list(iter_article_paths(args.files))
    failed = 0

    def articles():  # read as extraction asks, so results flow out while later files are still read
        nonlocal failed
        for path in paths:
            errors: list = []
            try:  # a mailbox or web archive gives several articles
                yield from read_articles(path, on_error=errors.append, on_note=_note)
            except IngestError as exc:
                errors.append(exc)
            for error in errors:
                _say(f"error: {error}")
                failed += 1

    progress = terminal_progress() if not args.quiet and paths else None
    if progress:
        progress.start(len(paths), "extracting")
    extractor = Extractor(reported=True)
    jobs = args.jobs if args.jobs else (_default_jobs() if len(paths) > 8 else 1)

    for article, quotes in extractor.extract_many(
        articles(), n_process=jobs, progress=progress, on_section=by_section(progress)
    ):
        if args.json:
            _print_json_lines([q.as_json(article.path) for q in quotes])
        else:
            print(f"== {article.path} ({len(quotes)} quotations)")
            for q in quotes:
                speaker = q.speaker or "(no speaker)"
                text = textwrap.shorten(q.text.replace("\n", " "), 70, placeholder="…")
                shown = text if q.kind == "indirect" else f"“{text}”"  # reported speech is no quotation
                print(f"  {q.start:>6}-{q.end:<6} {speaker[:28]:<28} {q.confidence:4.2f} {q.kind:<8} {shown}")
        sys.stdout.flush()
    extractor.close()
    return EXIT_FAILED if failed else EXIT_OK


def cmd_ingest(args) -> int:
    """Import article files and folders into a project (created when missing). A file imported before is
    skipped, or updated when edited; the same text from another outlet (outlet, date or URL differ) is an
    article of its own."""
    empty = empty_folders(args.paths)
    missing = [p for p in args.paths if not is_link(p) and not os.path.exists(p)]
    if len(empty) + len(missing) == len(args.paths):  # nothing to read at all: no project is made (or touched)
        for folder in empty:
            _say(f"error: {no_articles_there(folder)}")
        for path in missing:
            _say(f"error: no such file or folder: {display_path(path)}")
        where = "left as it was" if os.path.exists(args.project) else "not created"
        _say(f"nothing imported; {display_path(args.project)} {where}")
        return EXIT_FAILED
    with _open(args, create=True, edits=True) as lib:
        progress = terminal_progress() if not args.quiet else None
        report = lib.ingest(args.paths, progress=progress, n_process=args.jobs or 1)
        for line in report.errors:
            _say(f"error: {line}")
        for line in report.notes:
            _note(line)
        for path in report.duplicates:
            _say(f"skipped (already in the project): {path}")
        for line in report.changes:
            _say(line)
        for line in report.reworded:
            _say(f"check: {line}")
        summary = {
            "added": len(report.added),
            "updated": len(report.updated),
            "metadata_updated": len(report.meta_updated),
            "duplicates": len(report.duplicates),
            "failed": len(report.errors),
            "quotes": report.quotes,
            "cancelled": report.cancelled,
            "reworded": len(report.reworded),
        }
        if report.updated:
            n = len(report.updated)
            _say(
                f"{n} article{'s' if n > 1 else ''} updated: new version"
                + (
                    f" ({report.decisions_left} review decision(s) stay with the old text)"
                    if report.decisions_left
                    else ""
                )
            )
        if args.json:
            print(json.dumps(summary))
        else:
            _say(report.summary())
    return EXIT_OK if report.ok else EXIT_FAILED


def cmd_articles(args) -> int:
    """List the articles stored in a project."""
    with _open(args) as lib:
        rows = lib.articles()
    if args.json:
        _print_json_lines([r.as_json() for r in rows])
    else:
        width = max([len(r.meta.outlet or "-") for r in rows] + [6])
        print(f"{'id':>4}  {'date':<10}  {'outlet':<{width}}  quotes  title  [path]")
        for r in rows:
            title = textwrap.shorten(r.meta.title or "", 60, placeholder="…")
            print(
                f"{r.id:>4}  {r.meta.date or '-':<10}  {r.meta.outlet or '-':<{width}}  {r.quotes:>6}  {title}  [{r.path}]"
            )
    return EXIT_OK


MARK_OPEN, MARK_CLOSE = "⟦{id}:", "⟧"
"""How ``article --marks`` shows a quote in the text: ``⟦17:the words⟧``."""


def cmd_article(args) -> int:
    """Show one stored article: its metadata and its text as read (front matter cut off, decoded)."""
    with _open(args) as lib:
        row = lib.article(lib.find_article(args.article))
        quotes = lib.article_quotes(row.id)
    text = row.text or ""
    if args.json:
        out = {**row.as_json(), "text": text, "quotes": [q.as_json(("id", "start", "end", "kind")) for q in quotes]}
        print(json.dumps(out, ensure_ascii=False))
        return EXIT_OK
    print(f"article {row.id}: {row.path}")
    for name in META_FIELDS:
        value = getattr(row.meta, name)
        if value:
            print(f"{name.replace('_', ' ')}: {value}")
    print(f"quotes: {row.quotes}")
    print()
    print(marked(text, [(q.start, q.end, q.id) for q in quotes]) if args.marks else text, end="")
    if not text.endswith("\n"):
        print()
    return EXIT_OK


def marked(text: str, spans: Sequence[tuple[int, int, int]]) -> str:
    """``text`` with each span ``(start, end, id)`` shown as ``⟦id:…⟧`` (nested spans nest)."""
    at: dict[int, list[str]] = {}
    for start, _end, quote_id in sorted(spans, key=lambda s: (s[0], -s[1])):
        at.setdefault(start, []).append(MARK_OPEN.format(id=quote_id))
    closing: dict[int, list[str]] = {}
    for _start, end, _ in spans:
        closing.setdefault(end, []).append(MARK_CLOSE)
    out, last = [], 0
    for pos in sorted(set(at) | set(closing)):
        out.append(text[last:pos])
        out.extend(closing.get(pos, []))
        out.extend(at.get(pos, []))
        last = pos
    out.append(text[last:])
    return "".join(out)


def cmd_set_meta(args) -> int:
    """Set or correct an article's metadata ("" clears a field)."""
    values = {name: getattr(args, name) for name in META_FIELDS if getattr(args, name) is not None}
    if not values:
        _say(
            "error: nothing to set; give at least one of " + ", ".join(f"--{n.replace('_', '-')}" for n in META_FIELDS)
        )
        return EXIT_USAGE
    with _open(args, edits=True) as lib:
        rows = lib.set_meta_many(args.article, **values)
    for row in rows:
        if args.json:
            print(json.dumps(row.as_json(("id", "path", *META_FIELDS)), ensure_ascii=False))
        else:
            shown = [f"{k}={v!r}" if (v := getattr(row.meta, k)) is not None else f"{k} cleared" for k in values]
            _say(f"updated article {row.id}: " + ", ".join(shown))
    return EXIT_OK


_NO_BATCH = "error: batch and load need the optional batch extra: pip install 'quotecheck-desktop[batch]'"


def cmd_batch(args) -> int:
    """Extract and match a whole collection on a Dask cluster; results as Parquet in an output folder."""
    try:
        from .batch.run import BatchError, run_batch
    except ImportError:
        _say(_NO_BATCH)
        return EXIT_FAILED

    progress = terminal_progress() if not args.quiet else None
    try:
        report = run_batch(args.sources, args.out, workers=args.workers, scheduler=args.scheduler, progress=progress)
    except BatchError as exc:
        lines = str(exc).splitlines()
        for line in lines:
            _say(f"error: {line}")
        if args.json:
            print(json.dumps({"extracted": 0, "errors": lines}))
        return EXIT_FAILED
    for line in report.errors:
        _say(f"error: {line}")
    for line in report.notes:
        _note(line)
    summary = {
        "extracted": report.extracted,
        "skipped": report.skipped,
        "changed": report.changed,
        "retried": report.retried,
        "quotes": report.quotes,
        "failed": len(report.errors),
        "still_failed": report.still_failed,
        "statements": report.statements,
        "quotes_in_statements": report.quotes_in_statements,
        "vanished": report.vanished,
        "errors": report.errors,
        "notes": report.notes,
    }
    if args.json:
        print(json.dumps(summary))
    else:
        _say(
            f"{report.extracted} article(s) extracted with {report.quotes} quotation(s); {report.skipped} file(s) done"
            f" before; {report.changed} changed since and read again; {report.retried} failed before and retried;"
            f" {len(report.errors)} failed ({report.still_failed} of them failed before too);"
            f" {report.statements} statement(s) of 2+ quotes in {args.out}"
            + (f"; {report.vanished} file(s) read before no longer exist (their rows stay)" if report.vanished else "")
        )
    return EXIT_FAILED if report.errors else EXIT_OK


def cmd_load(args) -> int:
    """Pull a slice of a batch result into a project, matched as if its articles had been ingested."""
    try:
        from .batch.load import load
        from .batch.run import BatchError
    except ImportError:
        _say(_NO_BATCH)
        return EXIT_FAILED

    slice_ = {"outlet": args.outlet, "since": args.since, "speaker": args.speaker, "search": args.search}
    if args.since is not None:
        from .batch.load import since_date

        try:
            since_date(args.since)
        except BatchError as exc:
            raise UsageError(str(exc)) from exc
    try:
        report = load(args.project, args.dir, progress=None if args.quiet else terminal_progress(), **slice_)
    except BatchError as exc:
        _say(f"error: {exc}")
        return EXIT_FAILED
    summary = {"added": len(report.added), "duplicates": len(report.duplicates), "quotes": report.quotes}
    if args.json:
        print(json.dumps(summary))
    else:
        _say(
            f"{summary['added']} article(s) loaded with {report.quotes} quotation(s); {summary['duplicates']} already there"
        )
    return EXIT_OK


def _meta_flag(name: str) -> str:
    return "--primary-source" if name == "primary_source_of" else "--" + name.replace("_", "-")


def cmd_reextract(args) -> int:
    """Run extraction again over the stored articles, keeping review decisions."""
    with _open(args, edits=True) as lib:
        counts = lib.reextract(progress=None if args.quiet else terminal_progress(), n_process=args.jobs or 1)
    if args.json:
        print(json.dumps(counts.as_json()))
    else:
        _say(
            f"{counts.articles} article(s): {counts.kept} quotes kept, {counts.added} new, "
            f"{counts.removed} gone; review decisions applied again"
        )
    for line in counts.reworded:
        _say(f"check: {line}")
    return EXIT_OK


def _filter_from(args) -> QuoteFilter:
    return QuoteFilter(
        quote_ids=tuple(args.quote or ()),
        speaker=args.speaker,
        article_ids=tuple(args._article_ids),
        flag_kinds=tuple(args.flag or ()),
        min_confidence=args.min_confidence,
        reviewed_only=args.reviewed,
        search=args.search,
        kinds=tuple(dict.fromkeys(k for one in args.kind or () for k in KIND_NAMES.get(one, (one,)))),
    )


def _resolve_articles(lib: Library, args) -> None:
    args._article_ids = [lib.find_article(a) for a in (args.article or ())]


def cmd_quotes(args) -> int:
    """List quotes, filtered like the window's quote table."""
    _check_search(args)
    with _open(args, matched=True) as lib:
        _resolve_articles(lib, args)
        ids = lib.quote_ids(_filter_from(args), sort=args.sort)
        rows = lib.quote_rows(ids)
        unknown = [q for q in args.quote or () if q not in rows and not _is_quote(lib, q)]
    if unknown:
        _say(f"error: no quote {', '.join(map(str, unknown))} in {args.project}")
        return EXIT_FAILED
    out = [rows[i] for i in ids]
    if args.json:
        keys = (
            "id",
            "path",
            "start",
            "end",
            "text",
            "speaker",
            "extracted_speaker",
            "mention",
            "cue",
            "kind",
            "confidence",
            "outlet",
            "date",
            "flags",
            "confirmed",
            "verdict",
            "note",
            "wording_was",
        )
        _print_json_lines([r.as_json(keys) for r in out])
    else:
        for r in out:
            text = textwrap.shorten(r.text.replace("\n", " "), 60, placeholder="…")
            if r.wording_was:  # both wordings shown at the words that changed
                text = around_change(r.text, r.wording_was)[0]
            print(
                f"{r.id:>5}  {(r.speaker or '(none)')[:24]:<24} {(r.outlet or '-')[:14]:<14} "
                f"{r.confidence or 0:4.2f}  {text if r.kind == 'indirect' else f'“{text}”'} {','.join(r.flags)}"
                + (f"  ({r.review_marks})" if r.review_marks else "")
                + (f"  [{reworded(r)}]" if r.wording_was else "")
            )
    return EXIT_OK


def _is_quote(lib: Library, quote_id: int) -> bool:
    try:
        lib.quote(quote_id)
    except LibraryError:
        return False
    return True


def reworded(row) -> str:
    """A quote whose verdict or note was given on other words, in a few words for a person."""
    was = around_change(row.text, row.wording_was or "")[1]
    return f"wording changed since your {row.reworded_for or 'review'}: was “{was}”"


def cmd_match(args) -> int:
    """Group speakers and statements again and recompute the flags."""
    with _open(args, edits=True) as lib:
        counts = lib.match(progress=None if args.quiet else terminal_progress())
        reported = len(lib.quote_ids(QuoteFilter(kinds=("indirect",)))) if counts else 0
    if args.json:
        print(json.dumps(counts))
    else:
        words = {"quotes": "quotations (reported speech apart)"}  # the statements group quotations
        said = [f"{v} {words.get(k, k)}" for k, v in counts.items()]
        _say(", ".join(said + ([f"{reported} reported speech"] if reported else [])) or "nothing to match")
    return EXIT_OK


def _listing(method: str, doc: str, describe: Callable) -> Callable:
    def command(args) -> int:
        with _open(args, matched=True) as lib:
            rows = getattr(lib, method)()
        if args.json:
            _print_json_lines([row.as_json() for row in rows])
        else:
            for row in rows:
                print(describe(row))
        return EXIT_OK

    command.__doc__ = doc
    return command


cmd_speakers = _listing(
    "speakers",
    "List speakers: one person under all the spellings the articles use.",
    lambda r: (
        f"{r.id:>4}  {r.quotes:>4} {'quote ' if r.quotes == 1 else 'quotes'}  {r.name}"
        + (f"  (in {r.where})" if r.where else "")
        + (f"  also: {', '.join(a for a in r.aliases if a != r.name)}" if len(r.aliases) > 1 else "")
        + ("  (hidden)" if r.hidden else "")
    ),
)
cmd_clusters = _listing(
    "clusters",
    "List statements reported by more than one quote, with their variants and flags.",
    lambda r: (
        f"cluster {r.id} ({r.kind}, {len(r.members)} quotes)"
        + "".join(
            f"\n    [{m.quote_id}] {m.attributed_speaker or '(none)'}: "
            + (
                f"{textwrap.shorten(m.text, 70)} (paraphrase)"
                if m.role == "paraphrase"
                else f"“{textwrap.shorten(m.text, 70)}”"
            )
            for m in r.members
        )
        + "".join(f"\n    ! {f.severity} {f.kind}: {f.explanation}" for f in r.flags)
    ),
)
cmd_flags = _listing(
    "flags",
    "List what looks wrong: wording drift, conflicting speakers, fragments, quotes missing from the primary source,"
    " paraphrases that change the meaning of the quote they report.",
    lambda r: (
        f"{r.severity:<8} {r.kind:<20} {r.explanation}"
        + "".join(f"\n{'':29}quote {q.quote_id} in {q.article or '?'}" for q in r.quotes)
    ),
)


def cmd_review(args) -> int:
    """Confirm or correct a quote's speaker, give its statement a verdict, or add a note."""
    if args.note_file is not None:
        args.note = _read_note(args.note_file)
        if args.note is None:
            return EXIT_USAGE
    if args.speaker is None and args.confirm is None and args.verdict is None and args.note is None:
        _say("error: nothing to record; give --speaker, --confirm, --unconfirm, --verdict, --note or --note-file")
        return EXIT_USAGE
    if args.speaker is not None and not args.speaker.strip():
        _say("error: --speaker needs a name (to take a correction back, 'quotecheck undo' its decision)")
        return EXIT_USAGE
    if args.note and not args.note.strip():
        _say("error: --note is blank; give the note's words, or --note '' to clear the note")
        return EXIT_USAGE
    with _open(args, edits=True) as lib:
        ids = lib.review(
            args.quote_id, speaker=args.speaker, confirm=args.confirm, verdict=args.verdict, note=args.note
        )
        row = lib.quote_rows([args.quote_id])[args.quote_id]
    if args.json:
        print(
            json.dumps(
                {"decisions": ids, "quote": row.as_json(("id", "speaker", "verdict", "note", "wording_was"))},
                ensure_ascii=False,
            )
        )
    else:
        said = f"decision{'s' if len(ids) > 1 else ''} {', '.join(map(str, ids))}" if ids else "no change"
        _say(
            f"quote {args.quote_id} {_review_done(args)}: {_review_state(row)} ({said})"
            + (f"; {reworded(row)}" if row.wording_was else "")
        )
    return EXIT_OK


def _read_note(name: str) -> str | None:
    """The note in a file (``-``: standard input), UTF-8 with or without a byte-order mark, its line ends
    made ``\n`` and trailing blank space dropped; None once one line has said why it cannot be."""
    where = "standard input" if name == "-" else name
    try:
        if name == "-":
            data = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read().encode()
        else:
            with open(name, "rb") as f:
                data = f.read()
    except FileNotFoundError:
        _say(f"error: note file {where}: no such file")
        return None
    except IsADirectoryError:
        _say(f"error: note file {where}: is a folder, not a file")
        return None
    except OSError as exc:
        _say(f"error: note file {where}: cannot be read ({exc.strerror or exc})")
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        _say(f"error: note file {where}: not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start:,})")
        return None
    note = text.replace("\r\n", "\n").replace("\r", "\n").rstrip()
    if not note:
        _say(f"error: note file {where}: is blank; to clear the note, give --note ''")
        return None
    return note


NOTE_ECHOED = 80
"""Characters of a note's first line that ``review`` repeats back (the note itself is stored whole)."""


def _note_excerpt(note: str) -> str:
    """A note as ``review`` repeats it: whole when one short line, else its first line cut, with its size."""
    lines = note.split("\n")
    if len(lines) == 1 and len(note) <= NOTE_ECHOED:
        return repr(note)
    first = next((line.strip() for line in lines if line.strip()), "")[:NOTE_ECHOED]
    size = f"{len(note):,} characters" + (f", {len(lines):,} lines" if len(lines) > 1 else "")
    return f"{first + '…'!r} ({size})"


def _review_done(args) -> str:
    """What ``review`` was asked to do, in words: "confirmed", "speaker corrected, verdict given"."""
    done = []
    if args.speaker is not None:
        done.append("speaker corrected")
    if args.confirm is not None:
        done.append("confirmed" if args.confirm else "confirmation withdrawn")
    if args.verdict is not None:
        done.append("verdict given" if args.verdict else "verdict cleared")
    if args.note is not None:
        done.append("note written" if args.note else "note cleared")
    return ", ".join(done)


def _review_state(row) -> str:
    """A quote's speaker, verdict and note as a person reads them (never Python's None)."""
    speaker = f"speaker {row.speaker!r}" if row.speaker else "no speaker"
    if row.confirmed:
        speaker += " (confirmed)"
    verdict = f"verdict {row.verdict}" if row.verdict else "no verdict"
    note = f"note {_note_excerpt(row.note)}" if row.note else "no note"
    return f"{speaker}; {verdict}; {note}"


def _recorded(args, decision: int, what: str) -> int:
    _say(f"{what} (decision {decision})")
    if args.json:
        print(json.dumps({"decision": decision}))
    return EXIT_OK


def cmd_merge_speakers(args) -> int:
    """Record that two or more speakers (ids or names) are one person."""
    if len(set(args.names)) < 2:
        _say("error: give two or more different speakers")
        return EXIT_USAGE
    with _open(args, edits=True) as lib:
        decision = lib.merge_speakers(args.names)
    return _recorded(args, decision, f"merged {', '.join(args.names)}")


def cmd_split_speaker(args) -> int:
    """Record that a spelling of a speaker (id or name) is not that person."""
    with _open(args, edits=True) as lib:
        decision = lib.split_speaker(args.speaker, args.alias)
    return _recorded(args, decision, f"split {args.alias!r} off {args.speaker!r}")


def cmd_dismiss(args) -> int:
    """Dismiss false quotes (a headline, a scare quote): they leave statements, flags and exports."""
    with _open(args, edits=True) as lib:
        ids = lib.dismiss_quotes(args.quote_ids)
    return _removed(args, ids, "dismissed", "quote")


def cmd_delete_article(args) -> int:
    """Delete articles imported by mistake; importing the file itself again brings one back."""
    with _open(args, edits=True) as lib:
        ids = lib.delete_articles(args.article)
    return _removed(args, ids, "deleted", "article")


def _removed(args, ids: list[int], done: str, what: str) -> int:
    """Say what a removal recorded (and print its decision ids with ``--json``)."""
    _say(f"{done} {len(ids)} {what}(s) (decision {', '.join(map(str, ids))}; 'quotecheck undo' takes it back)")
    if args.json:
        print(json.dumps({"decisions": ids}))
    return EXIT_OK


def cmd_undo(args) -> int:
    """Take back decisions by id (a merge, a dismissal, a deletion, a review step)."""
    with _open(args, edits=True) as lib:
        known = {d.id for d in lib.decisions()}
        unknown = [d for d in args.decision_ids if d not in known]
        if unknown:
            _say(f"error: no decision in force with id {', '.join(map(str, unknown))} in {args.project}")
            return EXIT_FAILED
        lib.set_decisions_active(args.decision_ids, False)
    _say(f"undone: decision {', '.join(map(str, args.decision_ids))}")
    return EXIT_OK


def cmd_hide_speaker(args) -> int:
    """Hide noisy entries (not a speaker) from the speaker list; --show lists them again."""
    with _open(args, edits=True) as lib:
        ids = lib.unhide_speakers(args.speakers) if args.show else lib.hide_speakers(args.speakers)
    _say(
        f"{'shown again' if args.show else 'hidden'}: {', '.join(args.speakers)} (decision {', '.join(map(str, ids)) or '-'})"
    )
    if args.json:
        print(json.dumps({"decisions": ids}))
    return EXIT_OK


def _export_format(args) -> str | None:
    """The format to write: ``--format``, else the one ``-o``'s extension names; None (said why) when
    neither gives one, or when they disagree (a CSV file named x.json misleads whoever opens it)."""
    named = format_of_extension(args.output) if args.output else None
    if args.format is None:
        if named is None:
            keys = ", ".join(f.key for f in EXPORT_FORMATS)
            _say(f"error: give --format ({keys}), or -o a file whose extension names one (.csv, .md, .bib…)")
        return named.key if named else None
    own = next(f for f in EXPORT_FORMATS if f.key == args.format)
    if named is not None and named.extension != own.extension:
        stem = os.path.splitext(args.output)[0]
        _say(
            f"error: {args.output}: the extension says {named.label} but --format is {args.format};"
            f" give -o {stem}.{own.extension} or --format {named.key}"
        )
        return None
    return args.format


def cmd_export(args) -> int:
    """Export quotes as a citation list."""
    _check_search(args)
    with _open(args, matched=True) as lib:
        if args.output:  # a file never to be written over is said first, whatever its extension
            lib.check_export_target(args.output)
        args.format = _export_format(args)
        if args.format is None:
            return EXIT_USAGE
        _resolve_articles(lib, args)
        flt = _filter_from(args)
        try:
            text = lib.export(args.format, flt, args.output, group_by=args.group_by, reviewer=args.reviewer)
        except NothingToPublish as exc:  # written as nothing, like a filter that matches no quote
            hint = "" if exc.left_out else " (give one with 'quotecheck review PROJECT QUOTE_ID --verdict …')"
            _say(f"error: {exc}{hint}")
            return EXIT_FAILED
        except NothingToExport:  # the window is refused by the same check; here the filters are named as typed
            given = _filters_given(args)
            _say(
                f"error: no quote matches {'the filters ' + given if given else 'anything: the project holds no quotes'}"
                f"; {'nothing written to ' + display_path(args.output) if args.output else 'nothing exported'}"
            )
            return EXIT_FAILED
        earlier = lib.verdicts_on_earlier_words(flt) if args.format == "claimreview" else []
    if earlier:
        _say(verdicts_left_out(earlier))
    if args.output:
        _say(f"wrote {args.output}")
    else:
        sys.stdout.write(text)
        if not text.endswith("\n"):
            sys.stdout.write("\n")
    return EXIT_OK


def _filters_given(args) -> str:
    """The filter options given on the command line, as typed ("--speaker 'Varga' --flag any")."""
    given = []
    for name, flag in (
        ("speaker", "--speaker"),
        ("article", "--article"),
        ("flag", "--flag"),
        ("min_confidence", "--min-confidence"),
        ("search", "--search"),
        ("quote", "--quote"),
        ("kind", "--kind"),
    ):
        value = getattr(args, name, None)
        for one in value if isinstance(value, list) else [value]:
            if one is not None:
                given.append(f"{flag} {str(one)!r}")
    if getattr(args, "reviewed", False):
        given.append("--reviewed")
    return " ".join(given)


def cmd_sample(args) -> int:
    """Create a project from the bundled sample articles."""
    from .samples import build_sample_project

    path = build_sample_project(args.project, progress=None if args.quiet else terminal_progress())
    _say(f"sample project ready: {path}")
    return EXIT_OK


def cmd_gui(args) -> int:
    """Open the window (on PROJECT, or offer the bundled sample project)."""
    try:
        from quotecheck.ui.app import run
    except ImportError as exc:
        _say(f"error: the window needs PySide6 ({exc})")
        return EXIT_FAILED
    return run(args.project, screenshot=args.screenshot, size=args.size)


# -- parser -----------------------------------------------------------------------------------

WINDOW_SIDES = (320, 8192)
"""Pixels a side of ``gui --size`` may have: a window smaller than a phone's screen shows nothing useful,
and a larger one is gigabytes of image."""


def png_name(text: str) -> str:
    """``gui --screenshot``'s file: a name ending in .png (the picture is PNG whatever the name says)."""
    if not text.strip() or not text.lower().endswith(".png") or text.lower() == ".png":
        raise argparse.ArgumentTypeError(f"{text!r}: the screenshot is a PNG picture; give a file name ending in .png")
    return text


def confidence_value(text: str) -> float:
    """A confidence as a person may type it: a number from 0 to 1."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number from 0 to 1") from None
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"{text!r} is out of range: a confidence is from 0 to 1")
    return value


def window_size(text: str) -> tuple[int, int]:
    """``--size``: ``"1280x800"`` as ``(1280, 800)``; the refusal argparse prints says what is wrong."""
    match = re.fullmatch(r"\s*(\d+)\s*[x×]\s*(\d+)\s*", text, re.I | re.A)
    if not match:
        raise argparse.ArgumentTypeError(f"{text!r} is not WIDTHxHEIGHT (for example 1280x800)")
    width, height = int(match.group(1)), int(match.group(2))
    low, high = WINDOW_SIDES
    if not (low <= width <= high and low <= height <= high):
        raise argparse.ArgumentTypeError(
            f"{text!r} is out of range: each side from {low} to {high} pixels (for example 1280x800)"
        )
    return width, height


def _add_filters(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("filters")
    g.add_argument("--speaker", help="speaker name (canonical, alias or as extracted) contains this")
    g.add_argument("--article", action="append", help="article id, path or file name (repeatable)")
    g.add_argument(
        "--flag",
        action="append",
        choices=[*FLAG_KINDS, "any"],
        metavar="KIND",
        help=f"flag kind: {', '.join(FLAG_KINDS)} or any (repeatable)",
    )
    g.add_argument("--min-confidence", type=confidence_value, help="attribution confidence at least this (0 to 1)")
    g.add_argument("--reviewed", action="store_true", help="only quotes a person reviewed")
    g.add_argument("--search", help='words in the quote or speaker: "a phrase", word* for a prefix, OR, NOT or -word')
    g.add_argument("--quote", type=int, action="append", help="this quote id (repeatable)")
    g.add_argument(
        "--kind",
        action="append",
        choices=["direct", "partial", "indirect", *KIND_NAMES],
        help="direct or partial quotation, or indirect (reported speech, no quotation marks); 'quoted' and"
        " 'reported', as the window's filter says, for the first two and the third (repeatable)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="quotecheck",
        description="Find quotations in news articles, attribute them, match them across articles and check them.",
    )
    parser.add_argument("--version", action="version", version=f"quotecheck {__import__('quotecheck').__version__}")
    parser.add_argument(
        "-v", "--verbose", action="count", default=0, help="show the log on standard error (-vv: with details)"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def command(name: str, func: Callable, *, project: bool = True, json_flag: bool = True):
        doc = func.__doc__ or name
        p = sub.add_parser(name, help=doc.splitlines()[0], description=doc)
        if project:
            p.add_argument("project", metavar="PROJECT", help="project file (.qcproj)")
        if json_flag:
            p.add_argument("--json", action="store_true", help="JSON on standard output (one object per line)")
        p.add_argument("-q", "--quiet", action="store_true", help="no progress line")
        p.add_argument(
            "-v",
            "--verbose",
            action="count",
            default=argparse.SUPPRESS,
            help="show the log on standard error (-vv: with details)",
        )
        p.set_defaults(func=func)
        return p

    p = command("extract", cmd_extract, project=False)
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("-j", "--jobs", type=int, help="processes for parsing (default: 2 for large batches)")

    p = command("ingest", cmd_ingest)
    p.add_argument("paths", nargs="+", metavar="PATH", help="article files, folders, or http(s) links to fetch")
    p.add_argument("-j", "--jobs", type=int, help="processes for parsing")

    command("articles", cmd_articles)

    p = command("article", cmd_article)
    p.add_argument("article", metavar="ARTICLE", help="article id, path as ingested, or file name")
    p.add_argument("--marks", action="store_true", help="mark each quote in the text as ⟦ID:…⟧")

    p = command("set-meta", cmd_set_meta)
    p.add_argument("article", nargs="+", metavar="ARTICLE", help="article ids, paths as ingested, or file names")
    for name in META_FIELDS:
        p.add_argument(_meta_flag(name), dest=name, metavar="SPEAKER" if name == "primary_source_of" else "VALUE")

    p = command("reextract", cmd_reextract)
    p.add_argument("-j", "--jobs", type=int)

    p = command("quotes", cmd_quotes)
    _add_filters(p)
    p.add_argument(
        "--sort",
        default="article",
        choices=["article", "speaker", "outlet", "date", "confidence", "flags", "text", "review"],
    )

    command("match", cmd_match)
    command("speakers", cmd_speakers)
    command("clusters", cmd_clusters)
    command("flags", cmd_flags)

    p = command("review", cmd_review)
    p.add_argument("quote_id", type=int, metavar="QUOTE_ID")
    p.add_argument("--speaker", help="the right speaker")
    confirm = p.add_mutually_exclusive_group()
    confirm.add_argument("--confirm", action="store_true", default=None, help="confirm the current speaker")
    confirm.add_argument(
        "--unconfirm", dest="confirm", action="store_false", help="withdraw a confirmation of the speaker"
    )
    p.add_argument(
        "--verdict",
        choices=[*VERDICTS, ""],
        metavar="VERDICT",
        help=f"verdict on the statement: {', '.join(VERDICTS)} ('' clears)",
    )
    note = p.add_mutually_exclusive_group()
    note.add_argument("--note", help="a note ('' clears)")
    note.add_argument(
        "--note-file",
        metavar="PATH",
        help="read the note from a UTF-8 text file ('-': standard input), for a note too long to pass as an argument",
    )

    p = command("merge-speakers", cmd_merge_speakers)
    p.add_argument(
        "names",
        nargs="+",
        metavar="SPEAKER",
        help="two or more speaker ids or names of one person (a name several speakers share is refused: give ids)",
    )

    p = command("split-speaker", cmd_split_speaker)
    p.add_argument("speaker", metavar="SPEAKER", help="the speaker's id or canonical name")
    p.add_argument("alias", metavar="ALIAS", help="the spelling that is someone else")

    p = command("hide-speaker", cmd_hide_speaker)
    p.add_argument("speakers", nargs="+", metavar="SPEAKER", help="speaker ids or names")
    p.add_argument("--show", action="store_true", help="list these hidden speakers again")

    p = command("dismiss", cmd_dismiss)
    p.add_argument("quote_ids", nargs="+", type=int, metavar="QUOTE_ID")

    p = command("delete-article", cmd_delete_article)
    p.add_argument("article", nargs="+", metavar="ARTICLE", help="article ids, paths as ingested, or file names")

    p = command("undo", cmd_undo, json_flag=False)
    p.add_argument("decision_ids", nargs="+", type=int, metavar="DECISION_ID", help="as printed when it was taken")

    p = command("export", cmd_export, json_flag=False)
    p.add_argument(
        "--format",
        "-f",
        choices=[f.key for f in EXPORT_FORMATS],
        help="default: the one -o's extension names (.json: json); required without -o",
    )
    p.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output")
    p.add_argument("--group-by", choices=["speaker", "statement"], default="speaker", help="Markdown grouping")
    p.add_argument("--reviewer", metavar="ORG", help="ClaimReview: the organisation publishing the fact-checks")
    _add_filters(p)

    p = command("batch", cmd_batch, project=False)
    p.add_argument("sources", nargs="+", metavar="SOURCE", help="article files or folders")
    p.add_argument(
        "--out",
        required=True,
        metavar="DIR",
        help="output folder (Parquet); a re-run reads new, changed and failed files",
    )
    where = p.add_mutually_exclusive_group()
    where.add_argument("--workers", type=int, metavar="N", help="processes of a local Dask cluster (default: cores)")
    where.add_argument("--scheduler", metavar="ADDRESS", help="an existing Dask scheduler, e.g. tcp://host:8786")

    p = command("load", cmd_load)
    p.add_argument("dir", metavar="DIR", help="a folder written by quotecheck batch")
    p.add_argument("--outlet", help="articles of this outlet")
    p.add_argument("--since", metavar="YYYY-MM-DD", help="articles of this date or later")
    p.add_argument(
        "--speaker",
        help="articles quoting a speaker whose name, as the batch extracted it, contains this (any case); "
        "other spellings of the person are not grouped here: give a part they share, or load each",
    )
    p.add_argument("--search", help="articles with a quote holding all these words")

    command("sample", cmd_sample, json_flag=False)

    p = command("gui", cmd_gui, project=False, json_flag=False)
    p.add_argument("project", nargs="?", metavar="PROJECT", help="project file to open")
    p.add_argument("--screenshot", metavar="PNG", type=png_name, help="render the window to this PNG and exit")
    p.add_argument(
        "--size",
        metavar="WxH",
        type=window_size,
        default="1280x800",
        help=f"the window's size for --screenshot, each side {WINDOW_SIDES[0]} to {WINDOW_SIDES[1]} pixels",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    show_on_stderr(args.verbose)
    log.debug("quotecheck %s", " ".join(sys.argv[1:] if argv is None else argv))
    store.set_wait_notice(_say)
    if (problem := store.lock_wait_problem()) is not None:
        _note(problem)
    previous = signal.signal(signal.SIGTERM, _terminate) if _main_thread() else None
    try:
        return args.func(args)
    except UsageError as exc:
        _say(f"error: {exc}")
        return EXIT_USAGE
    except (LibraryError, StoreError) as exc:
        log.debug("%s failed", args.command, exc_info=True)
        _say(f"error: {exc}")
        return EXIT_FAILED
    except SearchError as exc:
        _say(f"error: --search: {exc}")
        return EXIT_USAGE
    except Cancelled:
        _say("cancelled; what was finished is kept")
        return EXIT_FAILED
    except KeyboardInterrupt:
        _say("interrupted; what was finished is kept")
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:
        if isinstance(exc, sqlite3.OperationalError) and "readonly" in str(exc):  # a file the person may not write
            log.debug("%s failed", args.command, exc_info=True)
            _say(f"error: {getattr(args, 'project', None) or 'the project'}: read-only, nothing was saved ({exc})")
            return EXIT_FAILED
        if isinstance(exc, OverflowError) and "SQLite INTEGER" in str(exc):  # an id no project can hold
            log.debug("%s failed", args.command, exc_info=True)
            _say(f"error: a number too large to be an id in a project (the largest is {MAX_ID})")
            return EXIT_FAILED
        # a bug: one line for the person, the traceback for the log (-vv shows it)
        log.error("%s failed unexpectedly", args.command, exc_info=True)
        _say(
            f"error: {args.command} failed unexpectedly ({type(exc).__name__}: {exc}); run it again with -vv for details"
        )
        return EXIT_FAILED
    finally:
        store.set_wait_notice(None)
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _terminate(signum, frame) -> None:
    """SIGTERM ends the command like Ctrl+C: the article in flight is rolled back, workers are stopped."""
    raise KeyboardInterrupt


def _main_thread() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()


if __name__ == "__main__":
    sys.exit(main())
