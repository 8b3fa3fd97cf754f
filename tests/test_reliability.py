"""Nothing hangs, nothing is lost, no traceback: imports that stream, stop, race, wait and update."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from quotecheck import cli
from quotecheck.library import Library, LibraryError
from quotecheck.project import store
from quotecheck.project.query import QuoteFilter

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent

FIRST = (
    "Bridge vote\n"
    "“We will rebuild the harbour wall before the winter storms,” Mayor Ana Lind said on Monday.\n"
    "The council agreed. “Nobody will lose their home,” said councillor Tom Berg.\n"
)
SECOND = (
    "Harbour wall\n"
    "Mayor Ana Lind promised: “We will rebuild the harbour wall before the winter storms.”\n"
    "Residents were sceptical.\n"
)


def story(i: int) -> str:
    return f"Story {i}\n“Item {i} is ready for the market,” trader Ola Dahl said on day {i}.\n"


def cli_run(*args: str, timeout: float = 240, env: dict | None = None, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "quotecheck.cli", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
        **kw,
    )


# -- 1. articles are stored as they are read ------------------------------------------------------


def test_each_article_is_stored_before_the_next_file_is_read(tmp_path, monkeypatch):
    from quotecheck import library

    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(5):
        (folder / f"{i}.txt").write_text(story(i))
    project = tmp_path / "p.qcproj"
    stored_when_read = []
    real = library.read_articles

    def watching(path, **options):
        with Library(project) as other:
            stored_when_read.append(len(other.articles()))
        return real(path, **options)

    monkeypatch.setattr(library, "read_articles", watching)
    with Library(project) as lib:
        report = lib.ingest([folder])
    assert len(report.added) == 5
    assert stored_when_read == [0, 1, 2, 3, 4]


# -- 2. names that are not UTF-8 --------------------------------------------------------------------


def test_a_non_utf8_name_is_stored_listed_and_extracted_as_valid_utf8(tmp_path):
    folder = os.fsencode(tmp_path / "in")
    os.mkdir(folder)
    with open(folder + b"/bad\xff\xfename.txt", "wb") as f:
        f.write(FIRST.encode())
    with open(folder + b"/new\nline.txt", "wb") as f:
        f.write(SECOND.encode())
    project = tmp_path / "p.qcproj"
    run = cli_run("ingest", "-q", str(project), os.fsdecode(folder))
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr
    with Library(project) as lib:
        paths = sorted(a.path for a in lib.articles())
        assert lib.find_article(os.fsdecode(folder + b"/bad\xff\xfename.txt")) == lib.find_article(paths[0])
    assert paths[0].endswith("bad\\xff\\xfename.txt") and paths[1].endswith("new\\nline.txt")
    out = subprocess.run(
        [sys.executable, "-m", "quotecheck.cli", "extract", "--json", "-q", os.fsdecode(folder)],
        capture_output=True,
        timeout=240,
    )
    assert out.returncode == 0, out.stderr
    rows = [json.loads(line) for line in out.stdout.decode("utf-8").splitlines()]
    assert {r["article"].rsplit("/", 1)[1] for r in rows} == {"bad\\xff\\xfename.txt", "new\\nline.txt"}


# -- 3. matching interrupted ------------------------------------------------------------------------


def test_an_import_killed_before_matching_is_matched_by_the_next_command(tmp_path, monkeypatch):
    for name, text in (("a.txt", FIRST), ("b.txt", SECOND)):
        (tmp_path / name).write_text(text)
    project = tmp_path / "p.qcproj"

    def killed(self, *args, **kwargs):
        raise SystemExit("killed during matching")

    with monkeypatch.context() as m:
        m.setattr(Library, "_analysis_update", killed)
        with Library(project) as lib, pytest.raises(SystemExit):
            lib.ingest([tmp_path / "a.txt", tmp_path / "b.txt"])
    with Library(project) as lib:
        assert len(lib.articles()) == 2 and lib.clusters() == []
        assert lib.needs_matching()
        report = lib.ingest([tmp_path / "a.txt"])  # adds nothing, yet finishes the matching
        assert report.added == [] and not lib.needs_matching()
        assert len(lib.clusters()) == 1
    with Library(project) as lib:
        store.mark_unmatched(lib.db)  # as if killed again
    assert cli.main(["flags", "-q", str(project)]) == 0
    with Library(project) as lib:
        assert not lib.needs_matching()


# -- 4. worker processes end with their parent --------------------------------------------------------


def _children(pid: int) -> set[int]:
    found = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.add(int(entry))
    return found


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc")
@pytest.mark.parametrize("how", ["SIGKILL", "SIGTERM"])
def test_stopping_a_parallel_ingest_ends_its_workers(tmp_path, how):
    import signal

    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(400):
        (folder / f"{i:03}.txt").write_text(story(i) * 30)
    proc = subprocess.Popen(
        [sys.executable, "-m", "quotecheck.cli", "ingest", "-j", "2", str(tmp_path / "p.qcproj"), str(folder)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 180
        workers: set[int] = set()
        while time.monotonic() < deadline and len(workers) < 2:
            time.sleep(0.5)
            assert proc.poll() is None, proc.communicate()[1]
            # the pool's workers are spawned processes (the resource tracker is another child)
            workers = {
                p for p in _children(proc.pid) if "spawn_main" in _cmdline(p) and "resource_tracker" not in _cmdline(p)
            }
        assert len(workers) >= 2, "the workers never started"
        time.sleep(8)  # let them load the model and take work
        proc.send_signal(getattr(signal, how))
        _, err = proc.communicate(timeout=60)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and any(_alive(p) for p in workers):
            time.sleep(0.5)
        assert not any(_alive(p) for p in workers), f"workers outlived the parent ({how})"
        assert "Traceback" not in err
    finally:
        if proc.poll() is None:
            proc.kill()


def _cmdline(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return f.read().replace(b"\0", b" ").decode("utf-8", "replace")
    except OSError:
        return ""


# -- 5. two imports at once ------------------------------------------------------------------------------


def test_an_article_another_process_stored_meanwhile_is_a_duplicate(tmp_path):
    from quotecheck.io.ingest import read_article

    path = tmp_path / "a.txt"
    path.write_text(FIRST)
    project = tmp_path / "p.qcproj"
    article = read_article(path)
    with Library(project) as first, Library(project) as second:
        quotes = first.extractor.extract(article)
        assert first._store_article(article, quotes) is not None
        from quotecheck.library import IngestReport

        report = IngestReport()
        assert second._store_article(article, quotes, report) is None
        assert report.duplicates == [article.path] and report.added == []
        assert len(second.articles()) == 1


def test_many_processes_creating_one_new_project_at_once_all_succeed(tmp_path):
    project = tmp_path / "new.qcproj"
    code = "import sys; from quotecheck.project import store; store.open_db(sys.argv[1]).close()"
    procs = [
        subprocess.Popen([sys.executable, "-c", code, str(project)], stderr=subprocess.PIPE, text=True)
        for _ in range(8)
    ]
    errors = [p.communicate(timeout=120)[1] for p in procs]
    assert [p.returncode for p in procs] == [0] * 8, errors
    db = store.open_db(project)
    assert store.schema_version(db) == store.SCHEMA_VERSION
    db.close()


# -- 6. a write lock held by another process ----------------------------------------------------------

HOLD = """
import select, sys
from quotecheck.project import store
db = store.open_db(sys.argv[1])
with store.transaction(db):
    print("holding", flush=True)
    select.select([sys.stdin], [], [], float(sys.argv[2]))  # until its stdin is closed, or the time is up
"""


def _hold_lock(tmp_path, project, seconds: float) -> subprocess.Popen:
    """A process holding ``project``'s write lock for ``seconds``, or until its stdin is closed."""
    script = tmp_path / "rebuild_holder.py"
    script.write_text(HOLD)
    holder = subprocess.Popen(
        [sys.executable, str(script), str(project), str(seconds)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "holding"
    return holder


@pytest.fixture
def small_project(tmp_path):
    (tmp_path / "a.txt").write_text(FIRST)
    project = tmp_path / "p.qcproj"
    with Library(project) as lib:
        lib.ingest([tmp_path / "a.txt"])
        quote_id = lib.quote_ids()[0]
    return project, quote_id


def test_a_write_waits_then_fails_with_one_line_naming_project_and_holder(tmp_path, small_project):
    project, quote_id = small_project
    holder = _hold_lock(tmp_path, project, 30)
    try:
        run = cli_run("review", str(project), str(quote_id), "--verdict", "verified", env={"QUOTECHECK_LOCK_WAIT": "3"})
    finally:
        holder.kill()
        holder.wait()
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    lines = run.stderr.strip().splitlines()
    assert lines[0].startswith(f"waiting for {project}")
    assert lines[-1].startswith(f"error: {project}: rebuild_holder.py (process {holder.pid}")
    assert "gave up after waiting 3 s" in lines[-1]
    assert "try again" in lines[-1]
    with Library(project) as lib:  # reads went on, nothing was written
        assert lib.quote(quote_id).verdict is None


def test_a_write_gives_up_when_the_configured_wait_runs_out_and_says_that_wait(tmp_path, small_project, monkeypatch):
    # 1 s is shorter than one attempt inside SQLite (BUSY_SECONDS): the wait must still end at 1 s, and the
    # line must state the 1 s that ran out, not a rounded-up measurement of a longer wait.
    project, _ = small_project
    monkeypatch.setenv("QUOTECHECK_LOCK_WAIT", "1")
    holder = _hold_lock(tmp_path, project, 30)
    db = store.open_db(project)
    try:
        started = time.monotonic()
        with pytest.raises(store.LockTimeout) as caught:
            with store.transaction(db):
                pass
        elapsed = time.monotonic() - started
    finally:
        holder.kill()
        holder.wait()
        db.close()
    assert f"{project}: rebuild_holder.py (process {holder.pid}" in str(caught.value)
    assert "gave up after waiting 1 s (QUOTECHECK_LOCK_WAIT)" in str(caught.value)
    assert 1.0 <= elapsed < 1.8


def test_a_write_waits_its_turn_and_then_succeeds(tmp_path, small_project):
    """The holder lets go once the write has said it waits (not after a fixed time a slow start could outlast)."""
    project, quote_id = small_project
    holder = _hold_lock(tmp_path, project, 120)
    run = None
    try:
        run = subprocess.Popen(
            [sys.executable, "-m", "quotecheck.cli", "review", str(project), str(quote_id), "--verdict", "verified"],
            stderr=subprocess.PIPE,
            text=True,
        )
        said = []
        for line in run.stderr:
            said.append(line)
            if line.startswith("waiting for"):
                break
        assert holder.poll() is None, "the holder let go before the write said it waits"
        holder.stdin.close()  # the holder commits and ends
        said.append(run.communicate(timeout=240)[1])
    finally:
        if run is not None and run.poll() is None:
            run.kill()
        holder.kill()
        holder.wait()
    assert run.returncode == 0, "".join(said)
    assert any(line.startswith("waiting for") for line in said), "".join(said)
    with Library(project) as lib:
        assert lib.quote(quote_id).verdict == "verified"


# -- 7. export to places that cannot be written --------------------------------------------------------


def test_export_to_a_bad_place_is_one_clear_line(tmp_path, small_project, capsys):
    project, _ = small_project
    (tmp_path / "afile").write_text("x")
    cases = {
        str(tmp_path / "missing" / "out.csv"): "does not exist",
        str(tmp_path): "is a folder",
        str(tmp_path / "afile" / "out.csv"): "is not a folder",
    }
    with Library(project) as lib:
        for target, problem in cases.items():
            with pytest.raises(LibraryError, match=problem):
                lib.export("csv", path=target)
    for target, problem in cases.items():
        assert cli.main(["export", str(project), "-f", "csv", "-o", target]) == 1
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and problem in err[0] and "Traceback" not in err[0]


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_export_to_a_read_only_folder_is_one_clear_line(tmp_path, small_project):
    project, _ = small_project
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        with Library(project) as lib, pytest.raises(LibraryError, match="no permission"):
            lib.export("csv", path=str(locked / "out.csv"))
    finally:
        locked.chmod(0o700)


# -- 10. a file edited on disk and imported again ------------------------------------------------------


def test_an_edited_file_is_a_new_version_with_decisions_carried_over(tmp_path, capsys):
    path = tmp_path / "a.txt"
    path.write_text(FIRST)
    project = tmp_path / "p.qcproj"
    with Library(project) as lib:
        lib.ingest([path])
        [berg] = [q for q in map(lib.quote, lib.quote_ids()) if "lose their home" in q.text]
        lib.review(berg.id, verdict="misquoted", note="check the minutes")
    path.write_text(
        FIRST.replace("Bridge vote\n", "Bridge vote\nUpdated on Tuesday with the council's answer.\n").replace(
            "before the winter storms", "before the spring"
        )
    )
    assert cli.main(["ingest", "-q", str(project), str(path)]) == 0
    assert "1 article updated: new version" in capsys.readouterr().err
    with Library(project) as lib:
        [article] = lib.articles()
        assert "Updated on Tuesday" in lib.article(article.id).text
        assert lib.find_article(str(path)) == article.id
        quotes = [lib.quote(i) for i in lib.quote_ids()]
        assert any("before the spring" in q.text for q in quotes)
        assert not any("winter" in q.text for q in quotes)
        [moved] = [q for q in quotes if "lose their home" in q.text]
        assert (moved.verdict, moved.note) == ("misquoted", "check the minutes")
        assert moved.start != berg.start
        old = list(lib.db.query("SELECT version, text FROM article_versions"))
        assert [v["version"] for v in old] == [1] and "winter storms" in old[0]["text"]
    path.write_text(FIRST)  # the old text back on disk: no new article, the current version again
    with Library(project) as lib:
        report = lib.ingest([path])
        assert report.added == [] and report.updated == [article.id] and report.duplicates == []
        assert "Updated on Tuesday" not in lib.article(article.id).text
        [back] = [q for q in map(lib.quote, lib.quote_ids()) if "lose their home" in q.text]
        assert (back.start, back.verdict, back.note) == (berg.start, "misquoted", "check the minutes")
        report = lib.ingest([path])  # and the same text once more adds nothing
        assert report.added == [] and report.updated == [] and len(report.duplicates) == 1


def test_a_confirmed_speaker_stays_when_a_new_version_names_another(tmp_path):
    """Confirmed as Signe Ruud, and the outlet's corrected article now gives the words to Lina Ost: the
    person's confirmation is of Ruud, never shown as one of Ost; the article's new name stays to see."""
    path = tmp_path / "port.txt"
    path.write_text('Port fees\n\n"The fees must go up to pay for the new quay," said harbour director Signe Ruud.\n')
    project = tmp_path / "p.qcproj"
    with Library(project) as lib:
        lib.ingest([path])
        [quote] = [lib.quote(i) for i in lib.quote_ids()]
        assert quote.speaker == "Signe Ruud"
        lib.review(quote.id, confirm=True)
    path.write_text(path.read_text().replace("harbour director Signe Ruud", "deputy mayor Lina Ost"))
    with Library(project) as lib:
        assert lib.ingest([path]).updated
        [quote] = [lib.quote(i) for i in lib.quote_ids()]
        assert (quote.reviewed_speaker, quote.confirmed) == ("Signe Ruud", True)
        assert quote.extracted_speaker == "Lina Ost"  # the article's own reading, kept beside the decision


# -- 11. an empty search ----------------------------------------------------------------------------------


def test_a_search_for_only_quote_marks_or_spaces_finds_nothing(small_project, capsys):
    from quotecheck.project.search import SearchError

    project, _ = small_project
    with Library(project) as lib:
        for wordless in ('"', '" "'):
            with pytest.raises(SearchError):  # never read as "everything"
                lib.quote_ids(QuoteFilter(search=wordless))
        assert lib.quote_ids(QuoteFilter(search="harbour")) != []
    assert cli.main(["quotes", str(project), "--search", '"']) == 2
    assert capsys.readouterr().out == ""
    assert cli.main(["quotes", str(project), "--search", "   "]) == 2
    assert "the search is empty" in capsys.readouterr().err


# -- a bug is one line too ------------------------------------------------------------------------------


def test_an_unexpected_error_is_one_line_with_the_traceback_in_the_log(small_project, capsys, monkeypatch):
    """Whatever goes wrong inside a command, the person sees one line naming the command, not a traceback."""
    project, _ = small_project

    def broken(self, *args, **kwargs):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(Library, "speakers", broken)
    assert cli.main(["speakers", str(project)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1, err
    assert "speakers failed unexpectedly" in err[0] and "ZeroDivisionError" in err[0]


# -- a book-length article is parsed in sections ----------------------------------------------------

PEOPLE = ["Anna Varga", "Tomas Brandt", "Ilse Wren", "Oskar Holloway", "Mira Calloway"]


def long_article(paragraphs: int) -> str:
    """An invented report of many paragraphs: quotes, reported speech, pronouns and surnames that point
    back to a paragraph or two before, so a parse cut in the wrong place would read them otherwise."""
    out = ["Harbour inquiry, day by day\n"]
    for i in range(paragraphs):
        name = PEOPLE[i % len(PEOPLE)]
        surname = name.split()[-1]
        out.append(
            f"On day {i}, {name}, who chairs panel {i % 7}, spoke to reporters in Orvel.\n\n"
            f"“The wall at berth {i} will hold until the spring tides,” {surname} said. "
            f"She added that the budget for section {i} had risen by {i % 9 + 2} percent.\n\n"
            f"According to the harbour office, repairs at berth {i} will take {i % 5 + 3} weeks.\n\n"
        )
    return "".join(out)


def _records(text: str) -> list[dict]:
    from quotecheck.engine.extract import extract_text

    return [q.as_json("long.txt") for q in extract_text(text, reported=True)]


def test_a_long_article_parsed_in_sections_gives_the_records_of_one_parse(monkeypatch):
    from quotecheck.engine import extract

    text = long_article(60)
    whole = _records(text)
    monkeypatch.setattr(extract, "SECTION", 1_000)
    assert len(extract.sections(text)) > 10 and "".join(extract.sections(text)) == text
    cut = _records(text)
    assert len(whole) > 100
    assert cut == whole


def test_a_sentence_of_many_quote_marks_costs_in_step_with_their_number(monkeypatch):
    """A data export saved as text (one line, every value in straight quotes) is one sentence of a
    thousand quotes. Each quote's look-back walks the words since the quote before it and each sentence
    is read once for whom it is about, not the whole sentence for every quote: 39 KB of it took 93 s.
    Counted in look-ups of the parse, so the test measures the work, not the machine."""
    from quotecheck.engine import entities, layout

    calls = [0]
    ignored, lost_subject = layout.Layout.ignored, entities._lost_subject

    def count(fn):
        def counted(*args):
            calls[0] += 1
            return fn(*args)

        return counted

    monkeypatch.setattr(layout.Layout, "ignored", count(ignored))
    monkeypatch.setattr(entities, "_lost_subject", count(lost_subject))

    def export(rows: int) -> str:
        return "[" + ", ".join(f'{{"user": "user{i}", "text": "no way", "likes": {i}}}' for i in range(rows)) + "]"

    work = []
    for rows in (60, 120):
        calls[0] = 0
        records = _records(export(rows))
        assert len(records) >= 4 * rows
        work.append(calls[0])
    assert work[1] < 2.5 * work[0], work


def test_a_person_named_at_every_quote_costs_in_step_with_the_quotes(monkeypatch):
    """One person named at each of a thousand quotes of an article on one line: each quote finds where the
    person was named last by bisection in their mentions, kept in order, instead of walking all of them
    (364 KB took 103 s, four times the time for each doubling). Counted in mentions walked, so the test
    measures the work, not the machine."""
    from quotecheck.engine import resolve

    walked = [0]

    def counted(self):
        for pos in list.__iter__(self):
            walked[0] += 1
            yield pos

    monkeypatch.setattr(resolve.Offsets, "__iter__", counted)

    def article(quotes: int) -> str:
        return " ".join(f"“Berth {i} will hold,” said Vera Lund, “until the tides of year {i}.”" for i in range(quotes))

    work = []
    for quotes in (60, 120):
        walked[0] = 0
        records = _records(article(quotes))
        assert sum(r["speaker"] == "Vera Lund" for r in records) >= 2 * quotes
        work.append(walked[0])
    assert work[1] < 2.5 * max(work[0], 1), work


def test_cancel_stops_the_attribution_of_a_long_article_within_a_few_dozen_quotes(tmp_path, monkeypatch):
    """Cancel pressed once a long article is parsed, while its quotes are attributed (seconds for a text of
    thousands): the engine stops within :data:`~quotecheck.engine.attribute.CHECK_EVERY` quotes, not
    at the end of the article, and nothing of it is stored."""
    from quotecheck.engine import attribute, extract
    from quotecheck.progress import Progress

    monkeypatch.setattr(extract, "SECTION", 2_000)
    attributed = [0]
    real = attribute.Attributor._attribute

    def counted(self, k, done):
        attributed[0] += 1
        return real(self, k, done)

    monkeypatch.setattr(attribute.Attributor, "_attribute", counted)
    article = tmp_path / "export.txt"
    article.write_text("".join(f"“Berth {i} will hold,” Anna Varga said on day {i}.\n" for i in range(400)), "utf-8")

    def cancel_once_parsed(p: Progress) -> None:
        if p.message.endswith("finding and attributing quotes"):
            p.cancel()

    lib = Library(tmp_path / "p.qcproj")
    report = lib.ingest([article], progress=Progress(on_change=cancel_once_parsed))
    assert report.cancelled and not report.added
    assert 0 < attributed[0] <= attribute.CHECK_EVERY
    assert lib.count_quotes() == 0


def test_a_long_import_says_which_part_it_reads_and_cancel_stops_it_between_parts(tmp_path, monkeypatch):
    from quotecheck.engine import extract
    from quotecheck.progress import Progress

    monkeypatch.setattr(extract, "SECTION", 1_000)
    article = tmp_path / "inquiry.txt"
    article.write_text(long_article(30), encoding="utf-8")
    seen: list[str] = []
    progress = Progress(on_change=lambda p: seen.append(p.message))
    lib = Library(tmp_path / "p.qcproj")
    lib.ingest([article], progress=progress)
    parts = [m for m in seen if m.startswith(f"{article}: ") and " part" in m]
    assert len(parts) == len(extract.sections(article.read_text(encoding="utf-8"))) > 5
    assert lib.count_quotes() > 30

    second = tmp_path / "inquiry2.txt"
    second.write_text(long_article(31), encoding="utf-8")
    total = len(extract.sections(second.read_text(encoding="utf-8")))
    said: list[str] = []

    def cancel_at_part_three(p: Progress) -> None:
        said.append(p.message)
        if p.message == f"{second}: parsed part 3 of {total}":
            p.cancel()

    lib2 = Library(tmp_path / "other.qcproj")
    report = lib2.ingest([second], progress=Progress(on_change=cancel_at_part_three))
    assert report.cancelled and not report.added
    assert f"{second}: parsed part 3 of {total}" in said and f"{second}: parsed part 4 of {total}" not in said
    assert lib2.articles() == [] and lib2.count_quotes() == 0


OUTSIDE = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
print("holding", flush=True)
time.sleep(float(sys.argv[2]))
"""


@pytest.mark.skipif(not os.path.exists("/proc/locks"), reason="the system lists no locks")
def test_a_write_lock_held_by_another_sqlite_program_names_that_program(tmp_path, small_project, monkeypatch):
    """Not quotecheck (no note beside the project): a DB browser or the sqlite3 shell holding a write
    transaction is named by its program and process, found by its lock."""
    project, _ = small_project
    script = tmp_path / "db_browser.py"
    script.write_text(OUTSIDE)
    holder = subprocess.Popen([sys.executable, str(script), str(project), "30"], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "holding"
    monkeypatch.setenv("QUOTECHECK_LOCK_WAIT", "1")
    db = store.open_db(project)
    try:
        with pytest.raises(store.LockTimeout) as caught:
            with store.transaction(db):
                pass
    finally:
        holder.kill()
        holder.wait()
        db.close()
    python = os.path.basename(sys.executable)
    assert f"{project}: another program, {python} db_browser.py (process {holder.pid}) is writing" in str(caught.value)


def test_a_long_article_on_one_line_is_still_parsed_in_parts_cut_after_sentences(tmp_path, monkeypatch):
    """Text pasted from a page or exported on one line has no line break to cut at: the parts end after
    a sentence instead, so memory stays a part's and the import still says which part it reads."""
    from quotecheck.engine import extract
    from quotecheck.progress import Progress

    monkeypatch.setattr(extract, "SECTION", 1_000)
    text = " ".join(long_article(30).split())
    parts = extract.sections(text)
    assert len(parts) > 5 and "".join(parts) == text
    assert all(p.rstrip()[-1] in '.!?”"' for p in parts[:-1])
    article = tmp_path / "oneline.txt"
    article.write_text(text, encoding="utf-8")
    seen: list[str] = []
    with Library(tmp_path / "p.qcproj") as lib:
        lib.ingest([article], progress=Progress(on_change=lambda p: seen.append(p.message)))
        assert f"{article}: parsed part 3 of {len(parts)}" in seen
        quotes = [q for q in lib.quote_rows(lib.quote_ids()).values() if q.text.startswith("The wall at berth")]
    assert len(quotes) == 30 and all(q.speaker in PEOPLE for q in quotes), [q.speaker for q in quotes]
