"""The Library service and the CLI around it: import, dedupe, transactions, metadata, review, re-extraction."""

import json
import shutil
from pathlib import Path

import pytest
from conftest import SAMPLES

from quotecheck import cli
from quotecheck.library import Library, LibraryError
from quotecheck.progress import Progress
from quotecheck.project.query import QuoteFilter

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def sample_project(tmp_path_factory):
    """The sample corpus imported once; tests that change it work on a copy."""
    path = tmp_path_factory.mktemp("proj") / "sample.qcproj"
    with Library(path) as lib:
        report = lib.ingest([SAMPLES])
    assert report.ok, report.errors
    return path


@pytest.fixture
def project(sample_project, tmp_path):
    path = tmp_path / "copy.qcproj"
    with Library(sample_project) as lib:  # checkpoint the WAL so one file holds everything
        lib.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copy(sample_project, path)
    lib = Library(path)
    yield lib
    lib.close()


def test_ingest_stores_every_sample_with_metadata_and_quotes(project):
    articles = project.articles()
    assert len(articles) == len(list(SAMPLES.glob("*.md")))
    assert all(a.meta.outlet and a.meta.date and a.meta.url and a.meta.title for a in articles)
    assert sum(a.quotes for a in articles) >= 30
    quote = project.quote(project.quote_ids()[0])
    article = project.article(quote.article_id)
    assert article.text[quote.start : quote.end] == quote.text
    start, end = article.paragraphs[quote.paragraph]
    assert start <= quote.start < end


def test_reimporting_the_same_articles_adds_nothing(project):
    before = project.count_quotes()
    report = project.ingest([SAMPLES])
    assert report.added == [] and len(report.duplicates) == len(project.articles())
    assert project.count_quotes() == before


def test_bad_files_are_reported_and_the_rest_of_the_batch_goes_on(tmp_path):
    (tmp_path / "good.txt").write_text("Harbour news\n“We will rebuild the wall,” Mayor Ana Lind said.\n")
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 20)
    with Library(tmp_path / "p.qcproj") as lib:
        report = lib.ingest(
            [tmp_path / "empty.txt", tmp_path / "binary.txt", tmp_path / "good.txt", tmp_path / "missing.txt"]
        )
        assert len(report.added) == 1 and report.quotes == 1
        assert [e.split(":")[0] for e in report.errors] == [
            str(tmp_path / n) for n in ("empty.txt", "binary.txt", "missing.txt")
        ]
        assert lib.quote_rows(lib.quote_ids()).popitem()[1].speaker == "Ana Lind"


def test_a_crash_while_storing_leaves_no_half_written_article(tmp_path, monkeypatch):
    for i in range(3):
        (tmp_path / f"a{i}.txt").write_text(f"Story {i}\n“Quote number {i} is here,” said Ana Lind.\n")
    lib = Library(tmp_path / "p.qcproj")
    calls = {"n": 0}
    original = Library._insert_quotes

    def crash_on_second(self, *args):
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError("disk full")
        return original(self, *args)

    monkeypatch.setattr(Library, "_insert_quotes", crash_on_second)
    with pytest.raises(OSError):
        lib.ingest([tmp_path])
    assert [a.path.rsplit("/", 1)[1] for a in lib.articles()] == ["a0.txt"]
    assert lib.count_quotes() == 1
    monkeypatch.setattr(Library, "_insert_quotes", original)
    report = lib.ingest([tmp_path])  # the rest imports cleanly afterwards
    assert len(report.added) == 2 and len(report.duplicates) == 1
    lib.close()


def test_cancel_keeps_what_was_finished(tmp_path):
    for i in range(4):
        (tmp_path / f"a{i}.txt").write_text(f"Story {i}\n“Quote number {i} is here,” said Ana Lind.\n")
    progress = Progress()
    progress.on_change = lambda p: p.cancel() if p.message.endswith("a1.txt") else None
    with Library(tmp_path / "p.qcproj") as lib:
        report = lib.ingest([tmp_path], progress=progress)
        assert report.cancelled
        assert len(lib.articles()) == 2 == len(report.added)


def test_set_meta_corrects_and_clears_fields_and_rejects_bad_dates(project):
    article_id = project.articles()[0].id
    row = project.set_meta(article_id, outlet="Northwire", date="12 March 2025", author="")
    assert (row.meta.outlet, row.meta.date, row.meta.author) == ("Northwire", "2025-03-12", None)
    with pytest.raises(LibraryError, match="date"):
        project.set_meta(article_id, date="someday")
    with pytest.raises(LibraryError, match="no article"):
        project.set_meta("nope.md", outlet="x")


def test_review_decisions_survive_reextraction_and_can_be_undone(project):
    quote_id = project.quote_ids(QuoteFilter(min_confidence=0.5))[0]
    before = project.quote(quote_id)
    decisions = project.review(quote_id, speaker="Somebody Else", verdict="misattributed", note="checked")
    row = project.quote_rows([quote_id])[quote_id]
    assert (row.reviewed_speaker, row.verdict, row.note) == ("Somebody Else", "misattributed", "checked")

    project.reextract()
    again = project.quote_ids(QuoteFilter(article_ids=(before.article_id,)))
    same = [q for q in again if project.quote(q).start == before.start]
    assert same == [quote_id]  # the quote keeps its id
    row = project.quote_rows([quote_id])[quote_id]
    assert (row.reviewed_speaker, row.verdict, row.note) == ("Somebody Else", "misattributed", "checked")
    assert project.quote_ids(QuoteFilter(reviewed_only=True)) == [quote_id]

    project.set_decisions_active(decisions[:1], False)  # undo the speaker correction only
    row = project.quote_rows([quote_id])[quote_id]
    assert row.reviewed_speaker is None and row.verdict == "misattributed"


def test_the_speaker_a_quote_has_typed_again_confirms_it(project):
    """Typing the speaker shown (case and spacing aside) confirms it; it corrects nothing."""
    quote_id = project.quote_ids(QuoteFilter(min_confidence=0.5))[2]
    shown = project.quote_rows([quote_id])[quote_id].speaker
    project.review(quote_id, speaker=f"  {shown.upper()} ")
    row = project.quote_rows([quote_id])[quote_id]
    assert (row.reviewed_speaker, row.confirmed, row.speaker) == (None, True, shown)


def test_decisions_follow_a_quote_whose_offsets_changed(project):
    quote_id = project.quote_ids(QuoteFilter(min_confidence=0.5))[1]
    quote = project.quote(quote_id)
    project.review(quote_id, note="moved")
    # An engine change that trims the first word off the quote: neither place nor words match exactly,
    # most of the span does.
    cut = quote.text.index(" ") + 1
    project.db["quotes"].update(quote_id, {"start": quote.start + cut, "text": quote.text[cut:]})
    project._apply_decisions(quote.article_id)
    assert project.quote_rows([quote_id])[quote_id].note == "moved"
    # A quote elsewhere in the article does not inherit it.
    others = project.quote_ids(QuoteFilter(article_ids=(quote.article_id,)))
    assert [q for q in others if project.quote_rows([q])[q].note] == [quote_id]


def test_a_confirmation_is_withdrawn_from_the_cli_and_stays_withdrawn_over_reextraction(project, capsys):
    quote_id = project.quote_ids(QuoteFilter(min_confidence=0.5))[0]
    path = project.path
    assert run_cli(capsys, "review", path, quote_id, "--confirm")[0] == 0
    assert project.quote_rows([quote_id])[quote_id].confirmed
    assert run_cli(capsys, "review", path, quote_id, "--unconfirm")[0] == 0
    assert not project.quote_rows([quote_id])[quote_id].confirmed
    project.reextract()
    assert not project.quote_rows([quote_id])[quote_id].confirmed
    with pytest.raises(SystemExit) as refused:
        run_cli(capsys, "review", path, quote_id, "--confirm", "--unconfirm")
    assert refused.value.code == 2


def test_a_review_from_the_cli_says_the_ids_undo_takes_and_refuses_an_empty_speaker(project, capsys):
    """The README says a decision is taken back "by the id it printed": review prints its ids too."""
    quote_id = project.quote_ids(QuoteFilter(min_confidence=0.5))[0]
    code, _, err = run_cli(capsys, "review", project.path, quote_id, "--verdict", "verified", "--note", "seen")
    assert code == 0
    ids = [int(n) for n in err.rsplit("(decisions ", 1)[1].rstrip(")\n").split(", ")]
    assert len(ids) == 2
    assert run_cli(capsys, "undo", project.path, *ids)[0] == 0
    row = project.quote_rows([quote_id])[quote_id]
    assert row.verdict is None and row.note is None
    code, _, err = run_cli(capsys, "review", project.path, quote_id, "--speaker", "  ")
    assert code == 2 and "--speaker needs a name" in err
    assert project.quote_rows([quote_id])[quote_id].reviewed_speaker is None


def run_cli(capsys, *argv):
    code = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_conventions_json_only_on_stdout_and_exit_codes(tmp_path, capsys):
    project = tmp_path / "p.qcproj"
    (tmp_path / "ok.txt").write_text("Title\n“Fine words here,” said Ana Lind.\n")
    (tmp_path / "bad.txt").write_bytes(b"")
    code, out, err = run_cli(capsys, "ingest", project, tmp_path / "ok.txt", tmp_path / "bad.txt", "--json")
    assert code == 1 and json.loads(out)["added"] == 1
    assert "bad.txt: empty file" in err
    code, out, _ = run_cli(capsys, "articles", project, "--json")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and rows[0]["quotes"] == 1 and rows[0]["path"].endswith("ok.txt")
    code, out, _ = run_cli(capsys, "extract", "--json", tmp_path / "ok.txt")
    record = json.loads(out.splitlines()[0])
    assert code == 0 and record["speaker"] == "Ana Lind" and record["text"] == "Fine words here,"
    with pytest.raises(SystemExit) as usage:
        cli.main(["review", str(project), "not-a-number"])
    assert usage.value.code == 2
    code, _, err = run_cli(capsys, "set-meta", project, "ok.txt", "--date", "someday")
    assert code == 1 and "date" in err


@pytest.mark.parametrize(
    "size, problem",
    [
        ("0x0", "is out of range: each side from 320 to 8192 pixels"),
        ("1280x0", "is out of range"),
        ("-1280x800", "is not WIDTHxHEIGHT"),
        ("100000x100000", "is out of range"),
        ("1280", "is not WIDTHxHEIGHT"),
        ("wide", "is not WIDTHxHEIGHT"),
        ("1280x800x2", "is not WIDTHxHEIGHT"),
        ("１２８０x800", "is not WIDTHxHEIGHT"),  # digits, but not ones a size is written in
    ],
)
def test_gui_refuses_a_size_it_cannot_render_in_one_line_before_any_window(
    tmp_path, capsys, monkeypatch, size, problem
):
    windows = []
    monkeypatch.setattr(cli, "cmd_gui", lambda args: windows.append(args) or 0)
    with pytest.raises(SystemExit) as refused:
        cli.main(["gui", "--screenshot", str(tmp_path / "shot.png"), f"--size={size}"])
    assert refused.value.code == 2 and windows == []
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith(f"quotecheck gui: error: argument --size: {size!r} {problem}")
    assert "Traceback" not in "".join(err) and not (tmp_path / "shot.png").exists()


def test_gui_takes_a_size_as_width_and_height(tmp_path, monkeypatch):
    windows = []
    monkeypatch.setattr(cli, "cmd_gui", lambda args: windows.append(args.size) or 0)
    assert cli.main(["gui", "--screenshot", str(tmp_path / "a.png"), "--size", "1400×900"]) == 0
    assert cli.main(["gui", "--screenshot", str(tmp_path / "b.png")]) == 0
    assert windows == [(1400, 900), (1280, 800)]


def test_every_command_has_help_and_is_in_the_readme():
    from pathlib import Path

    readme = (Path(__file__).parent.parent / "README.md").read_text()
    parser = cli.build_parser()
    commands = parser._subparsers._group_actions[0].choices
    for name, sub in commands.items():
        assert sub.description, f"{name} has no help"
        assert f"quotecheck {name}" in readme, f"{name} is not in the README"


def test_speaker_decisions_refuse_names_no_speaker_has(project):
    with pytest.raises(LibraryError, match="no speaker is called 'Nobody Known'"):
        project.merge_speakers([project.speakers()[0].name, "Nobody Known"])
    with pytest.raises(LibraryError, match="no speaker"):
        project.split_speaker("Nobody Known", project.speakers()[0].name)
    assert project.decisions() == []


def test_a_file_name_finds_only_the_article_of_that_name(project):
    name = project.articles()[0].path.rsplit("/", 1)[-1]
    assert project.find_article(name) == project.articles()[0].id
    with pytest.raises(LibraryError, match="no article"):
        project.find_article(name[4:])  # the end of a name is not a name


def test_changing_the_primary_source_on_a_large_project_drops_its_old_flags(project, monkeypatch):
    import functools

    from quotecheck.matching import analysis, report

    monkeypatch.setattr(analysis, "update", functools.partial(analysis.update, small=0))  # the incremental path
    source = next(a for a in project.articles() if a.meta.primary_source_of)
    assert any(f.kind == "missing_from_primary" for f in project.flags())
    project.set_meta(source.id, primary_source_of="")
    assert not any(f.kind == "missing_from_primary" for f in project.flags())
    incremental = report.snapshot(project.db)
    project.match()
    assert report.snapshot(project.db) == incremental


def test_an_export_is_never_written_over_the_project_a_database_or_an_article(project, tmp_path, capsys):
    """`export -o` named the project itself and wrote JSON over it (every decision gone), or over an
    article it was imported from: refused in one line, the file left as it was; a previous export is
    replaced as before."""
    quote_id = project.quote_ids()[0]
    project.review(quote_id, note="checked by phone")
    project.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    path = project.path
    article = Path(project.articles()[0].path)
    other = tmp_path / "other.qcproj"
    Library(other).close()
    before = {p: p.read_bytes() for p in (path, article, other)}
    for target, problem in [
        (path, "is this project's own file"),
        (Path(f"{path}-wal"), "is this project's own file"),
        (other, "is a quotecheck project or another database"),
        (article, "is an article of this project"),
    ]:
        code, out, err = run_cli(capsys, "export", path, "-f", "json", "-o", target)
        assert code != 0 and problem in err and "Traceback" not in err, err
    assert {p: p.read_bytes() for p in before} == before
    with Library(path) as again:
        assert again.quote(quote_id).note == "checked by phone"
    done = tmp_path / "list.json"
    assert run_cli(capsys, "export", path, "-f", "json", "-o", done)[0] == 0
    assert run_cli(capsys, "export", path, "-f", "csl-json", "-o", done)[0] == 0  # an export replaced by another


@pytest.mark.parametrize("name", ["", "shot.jpg", ".png"])
def test_a_screenshot_needs_a_png_name(tmp_path, capsys, monkeypatch, name):
    windows = []
    monkeypatch.setattr(cli, "cmd_gui", lambda args: windows.append(args) or 0)
    with pytest.raises(SystemExit) as refused:
        cli.main(["gui", "--screenshot", name])
    err = capsys.readouterr().err
    assert refused.value.code == 2 and windows == [] and "give a file name ending in .png" in err


def test_a_screenshot_is_never_written_over_the_project_or_a_file_that_is_no_png(project, tmp_path, capsys):
    path = project.path
    project.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    kept = path.read_bytes()
    notes = tmp_path / "notes.png"
    notes.write_text("my notes, misnamed", encoding="utf-8")
    pretend = tmp_path / "project.png"
    shutil.copy(path, pretend)
    for target, problem in [(notes, "is no PNG picture"), (pretend, "is a quotecheck project")]:
        code, _, err = run_cli(capsys, "gui", path, "--screenshot", target)
        assert code != 0 and problem in err and "Traceback" not in err, err
    assert path.read_bytes() == kept and notes.read_text(encoding="utf-8") == "my notes, misnamed"


def test_the_sample_goes_into_no_project_with_articles_of_its_own(tmp_path, capsys):
    own = tmp_path / "case.qcproj"
    write = tmp_path / "story.txt"
    write.write_text("Harbour vote\n\n“We will rebuild the wall,” said Ilse Varga.\n", encoding="utf-8")
    with Library(own) as lib:
        lib.ingest([write])
    code, _, err = run_cli(capsys, "sample", own)
    assert code != 0 and "already holds 1 article(s) of its own" in err
    with Library(own) as lib:
        assert len(lib.articles()) == 1
    fresh = tmp_path / "sample.qcproj"
    assert run_cli(capsys, "sample", fresh)[0] == 0
    assert run_cli(capsys, "sample", fresh)[0] == 0  # completing a sample project again is fine


def test_a_sample_built_by_another_install_is_extracted_again_keeping_decisions(tmp_path, capsys):
    """``make run`` reuses the sample project in the user's data folder: one another clone or an older
    version built holds that engine's records, which this install must not show as its own."""
    sample = tmp_path / "sample.qcproj"
    assert run_cli(capsys, "sample", sample)[0] == 0
    with Library(sample) as lib:
        ids = lib.quote_ids()
        rows = lib.quote_rows(ids)
        judged = min(ids)
        lib.review(judged, verdict="verified", note="checked against the recording")
        text = rows[judged].text
        # what another engine left: a record this one never gives, and one it gives missing
        lost = max(i for i in ids if i != judged)
        lib.db.execute("UPDATE quotes SET speaker = 'Nobody Atall' WHERE id = ?", [lost])
        lib.db.execute("UPDATE meta SET value = 'another engine' WHERE key = 'sample_engine'")
        lib.db.conn.commit()
    assert run_cli(capsys, "sample", sample)[0] == 0
    with Library(sample) as lib:
        rows = lib.quote_rows(lib.quote_ids())
        assert "Nobody Atall" not in {r.speaker for r in rows.values()}
        assert len(rows) == len(ids)
        again = [r for r in rows.values() if r.text == text]
        assert again and again[0].verdict == "verified" and again[0].note == "checked against the recording"
        # the same install again: nothing is read anew
        before = lib.db.execute("SELECT value FROM meta WHERE key = 'sample_engine'").fetchone()[0]
    assert run_cli(capsys, "sample", sample)[0] == 0
    with Library(sample) as lib:
        assert (
            lib.db.execute("SELECT value FROM meta WHERE key = 'sample_engine'").fetchone()[0]
            == before
            != ("another engine")
        )


@pytest.mark.parametrize("value", ["2", "-0.1", "high"])
def test_a_confidence_filter_is_a_number_from_0_to_1(project, capsys, value):
    with pytest.raises(SystemExit) as refused:
        cli.main(["quotes", str(project.path), f"--min-confidence={value}"])
    err = capsys.readouterr().err
    assert refused.value.code == 2, err
    assert "a number from 0 to 1" in err or "a confidence is from 0 to 1" in err, err


def test_a_path_never_imported_names_no_other_folder_s_file_of_that_name(tmp_path, capsys):
    """Newsrooms get folders of files with one name ("statement.txt"): a path names that file, and
    a bare name the only article of that name; a huge number is no id, said in one line."""
    for folder, who in (("harbour", "Ilse Varga"), ("ferry", "Tomas Brandt")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "statement.txt").write_text(
            f"Statement\n\n“We will keep the pier open,” said {who}.\n", encoding="utf-8"
        )
    (tmp_path / "harbour" / "note.txt").write_text("Note\n\n“The wall holds,” said Anna Wren.\n", encoding="utf-8")
    project = tmp_path / "p.qcproj"
    with Library(project) as lib:
        lib.ingest([tmp_path / "harbour" / "note.txt", tmp_path / "ferry" / "statement.txt"])
    for ref in (tmp_path / "harbour" / "statement.txt", "elsewhere/note.txt"):
        code, _, err = run_cli(capsys, "delete-article", project, ref)
        assert code != 0 and "no article" in err, err
    with Library(project) as lib:
        assert len(lib.articles()) == 2
        assert lib.find_article("note.txt") == lib.find_article(tmp_path / "harbour" / "note.txt")
    code, _, err = run_cli(capsys, "article", project, "99999999999999999999999")
    assert code != 0 and "no article" in err and "unexpectedly" not in err, err
    code, _, err = run_cli(capsys, "review", project, "99999999999999999999999", "--verdict", "verified")
    assert code != 0 and "too large to be an id" in err and "unexpectedly" not in err, err


def test_set_meta_says_a_cleared_field_is_cleared(tmp_path, capsys):
    story = tmp_path / "story.txt"
    story.write_text("Harbour vote\n\n“We will rebuild the wall,” said Ilse Varga.\n", encoding="utf-8")
    project = tmp_path / "p.qcproj"
    with Library(project) as lib:
        lib.ingest([story])
    code, _, err = run_cli(capsys, "set-meta", project, "1", "--outlet", "Orvel Times", "--date", "")
    assert code == 0 and "outlet='Orvel Times', date cleared" in err, err


def test_a_typed_speaker_is_one_line_of_words(project):
    """A name pasted with a line break, a tab or a control character in it is stored as one line: the
    speaker list, the table and every export show one name, not two lines."""
    quote_id = project.quote_ids(QuoteFilter(min_confidence=0.5))[0]
    project.review(quote_id, speaker="  Hedda\n Marlowe\t\x07 ")
    assert project.quote_rows([quote_id])[quote_id].reviewed_speaker == "Hedda Marlowe"
    assert "Hedda Marlowe" in [s.name for s in project.speakers()]


def test_a_typed_speaker_loses_a_pasted_colour_sequence_and_invisible_marks_whole(project):
    """Found by a hostile trial: a name pasted from a terminal kept "[31m" when its ESC was taken out,
    and a zero-width space (or joiner, word joiner, byte-order mark) stayed inside the name, making it
    another name than the one shown. A note keeps what was typed but the escape sequence."""
    quote_id = project.quote_ids(QuoteFilter(min_confidence=0.5))[0]
    typed = "\x1b[31mHed\u200bda\u200c \u2060Mar\u200dlowe\ufeff\x1b[0m"
    project.review(quote_id, speaker=typed, note="\x1b[1;31mcheck\x1b[0m the tape: Hed\u200bda")
    row = project.quote_rows([quote_id])[quote_id]
    assert row.reviewed_speaker == "Hedda Marlowe"
    assert "Hedda Marlowe" in [s.name for s in project.speakers()]
    assert row.note == "check the tape: Hed\u200bda"


def test_splitting_off_the_only_spelling_of_a_speaker_is_refused(project):
    """A speaker only ever written one way has nothing to split off: the decision would change nothing
    and stand in the decision list as if it had."""
    one = next(s for s in project.speakers() if len(s.aliases) == 1)
    with pytest.raises(LibraryError, match="only ever written"):
        project.split_speaker(one.name, one.name)
    assert project.decisions() == []
