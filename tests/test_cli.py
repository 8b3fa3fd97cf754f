"""The ``quotecheck`` command's answers to input a person gets wrong: one clear line, nothing half-done.

Faults found by a hostile trial of a fresh clone: a lock wait that is no number, a blank note, a URL or
a language that is none, an import of an empty folder, an export whose filters match nothing; and the
stored text of an article, which the command line could not show.
"""

from __future__ import annotations

import io
import json

import pytest

from quotecheck import cli
from quotecheck.library import Library


def run(capsys, *args) -> tuple[int, str, str]:
    rc = cli.main([str(a) for a in args])
    out, err = capsys.readouterr()
    return rc, out, err


@pytest.mark.parametrize("value", ["abc", "-5", "nan"])
def test_a_lock_wait_that_is_no_number_of_seconds_is_named_with_the_wait_used_instead(
    project, capsys, monkeypatch, value
):
    path, _ = project
    monkeypatch.setenv("QUOTECHECK_LOCK_WAIT", value)
    rc, out, err = run(capsys, "articles", path)
    assert rc == 0 and out  # the command still runs, with the default wait
    [line] = [x for x in err.splitlines() if "QUOTECHECK_LOCK_WAIT" in x]
    assert f"QUOTECHECK_LOCK_WAIT={value!r}" in line and "default 600 s" in line
    from quotecheck.project import store

    assert store.lock_wait() == 600.0


def test_a_good_lock_wait_says_nothing(project, capsys, monkeypatch):
    path, _ = project
    monkeypatch.setenv("QUOTECHECK_LOCK_WAIT", "2.5")
    rc, _, err = run(capsys, "articles", path)
    assert rc == 0 and "QUOTECHECK_LOCK_WAIT" not in err
    from quotecheck.project import store

    assert store.lock_wait() == 2.5


def test_a_blank_note_is_refused_in_one_line_and_nothing_is_recorded(project, capsys):
    path, ids = project
    quote_id = next(iter(ids["quotes"].values()))
    assert run(capsys, "review", path, quote_id, "--note", "keep")[0] == 0
    rc, _, err = run(capsys, "review", path, quote_id, "--note", "   ")
    assert rc == 2
    [line] = err.strip().splitlines()
    assert line.startswith("error: --note is blank") and "--note ''" in line
    with Library(path) as lib:
        assert lib.quote(quote_id).note == "keep" and len(lib.decisions()) == 1
    assert run(capsys, "review", path, quote_id, "--note", "")[0] == 0  # '' still clears
    with Library(path) as lib:
        assert lib.quote(quote_id).note is None


@pytest.mark.parametrize(
    ("option", "value", "said"),
    [
        ("--url", "ftp://files.example/a", "not a web address"),
        ("--url", "https://", "not a web address"),
        ("--url", "kallpress dam story", "not a web address"),
        ("--language", "klingon", "such as en, ru, fr, de, es"),
        ("--language", "e", "ISO 639-1"),
        ("--language", "xx", "ISO 639-1"),  # two letters, but no language
        ("--language", "qq-GB", "ISO 639-1"),
        ("--outlet", "   ", "blank"),
    ],
)
def test_set_meta_refuses_a_value_that_is_none_in_one_line(project, capsys, option, value, said):
    path, ids = project
    article = ids["articles"][0]
    with Library(path) as lib:
        before = lib.article(article).meta
    rc, _, err = run(capsys, "set-meta", path, article, option, value)
    assert rc == 1
    [line] = err.strip().splitlines()
    assert line.startswith("error: ") and said in line
    if option != "--outlet":
        assert repr(value) in line
    with Library(path) as lib:
        assert lib.article(article).meta == before


def test_set_meta_takes_a_language_code_or_name_and_a_web_address(project, capsys):
    path, ids = project
    article = ids["articles"][0]
    rc, _, err = run(capsys, "set-meta", path, article, "--language", "German", "--url", "http://orvel.example/a?b=1")
    assert rc == 0, err
    assert run(capsys, "set-meta", path, ids["articles"][1], "--language", "en-GB")[0] == 0
    with Library(path) as lib:
        assert (lib.article(article).meta.language, lib.article(article).meta.url) == (
            "de",
            "http://orvel.example/a?b=1",
        )
        assert lib.article(ids["articles"][1]).meta.language == "en-GB"


def test_an_empty_folder_is_named_and_no_project_is_created(tmp_path, capsys):
    empty = tmp_path / "empty"
    (empty / "sub").mkdir(parents=True)
    (empty / "notes.csv.bak").write_text("not an article")
    project = tmp_path / "new.qcproj"
    rc, out, err = run(capsys, "ingest", project, empty)
    assert rc == 1 and not out
    lines = err.strip().splitlines()
    assert lines[0].startswith(f"error: {empty}: no article files found there (.txt")
    assert lines[1] == f"nothing imported; {project} not created"
    assert not project.exists() and list(tmp_path.iterdir()) == [empty]


def test_a_missing_path_is_named_and_no_project_is_created(tmp_path, capsys):
    project = tmp_path / "new.qcproj"
    rc, out, err = run(capsys, "ingest", project, tmp_path / "gone.md")
    assert rc == 1 and not out
    assert err.strip().splitlines() == [
        f"error: no such file or folder: {tmp_path / 'gone.md'}",
        f"nothing imported; {project} not created",
    ]
    assert not project.exists()


def test_an_empty_folder_leaves_an_existing_project_as_it_was(project, tmp_path, capsys):
    path, _ = project
    (tmp_path / "empty").mkdir()
    before = path.read_bytes()
    rc, _, err = run(capsys, "ingest", path, tmp_path / "empty")
    assert rc == 1 and err.strip().splitlines()[-1] == f"nothing imported; {path} left as it was"
    assert path.read_bytes() == before


def test_an_empty_folder_beside_articles_is_one_line_and_the_rest_is_imported(tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    (tmp_path / "arts").mkdir()
    (tmp_path / "arts" / "brandt.txt").write_text("Pier closes\n\nThe pier closed on Monday, Ada Brandt said.\n")
    rc, _, err = run(capsys, "ingest", tmp_path / "p.qcproj", tmp_path / "empty", tmp_path / "arts")
    assert rc == 1
    assert [x for x in err.splitlines() if x.startswith("error:")] == [
        f"error: {tmp_path / 'empty'}: no article files found there (.txt, .text, .md, .markdown, .html, .htm,"
        " .xhtml, .pdf, .docx, .eml, .mbox, .warc, .warc.gz, .zip)"
    ]
    assert "1 article added" in err
    with Library(tmp_path / "p.qcproj") as lib:
        assert len(lib.articles()) == 1


def test_an_export_matching_nothing_names_the_filters_and_writes_nothing(project, tmp_path, capsys):
    path, _ = project
    target = tmp_path / "out.csv"
    target.write_text("an earlier export\n")
    rc, out, err = run(capsys, "export", path, "-f", "csv", "--speaker", "Varga", "--kind", "indirect", "-o", target)
    assert rc == 1 and not out
    [line] = err.strip().splitlines()
    assert (
        line == f"error: no quote matches the filters --speaker 'Varga' --kind 'indirect'; nothing written to {target}"
    )
    assert target.read_text() == "an earlier export\n"
    rc, out, err = run(capsys, "export", path, "-f", "json", "--search", "nosuchwordanywhere")
    assert rc == 1 and not out and "--search 'nosuchwordanywhere'; nothing exported" in err
    rc, out, _ = run(capsys, "export", path, "-f", "csv", "--speaker", "Brannoch")  # a match still exports
    assert rc == 0 and "Brannoch" in out


def test_quotes_of_an_unknown_id_say_so_in_one_line(project, capsys):
    path, _ = project
    rc, out, _ = run(capsys, "quotes", path, "--json")
    known = json.loads(out.splitlines()[0])["id"]
    rc, out, err = run(capsys, "quotes", path, "--quote", "99999", "--quote", str(known))
    assert rc == 1 and not out
    assert err.strip().splitlines() == [f"error: no quote 99999 in {path}"]
    rc, out, err = run(capsys, "quotes", path, "--quote", str(known), "--kind", "indirect")  # known, filtered out
    assert rc == 0 and not err.strip()


def test_a_confirmed_speaker_shows_in_quotes_json(project, capsys):
    path, _ = project
    rc, out, _ = run(capsys, "quotes", path, "--json")
    first = json.loads(out.splitlines()[0])
    assert first["confirmed"] is False
    assert run(capsys, "review", path, str(first["id"]), "--confirm")[0] == 0
    rc, out, _ = run(capsys, "quotes", path, "--json", "--quote", str(first["id"]))
    assert json.loads(out)["confirmed"] is True


def test_an_export_of_a_project_without_quotes_says_so(tmp_path, capsys):
    Library(tmp_path / "none.qcproj").close()
    rc, _, err = run(capsys, "export", tmp_path / "none.qcproj", "-f", "csv", "-o", tmp_path / "o.csv")
    assert rc == 1 and "the project holds no quotes" in err and not (tmp_path / "o.csv").exists()


def test_article_shows_the_stored_text_with_metadata_and_marks_the_quotes(project, capsys):
    path, ids = project
    article = ids["articles"][0]
    with Library(path) as lib:
        row = lib.article(article)
        quotes = lib.article_quotes(article)
    rc, out, err = run(capsys, "article", path, "kallpress.md")
    assert rc == 0 and not err
    head, text = out.split("\n\n", 1)
    assert head.splitlines()[:3] == [
        f"article {article}: kallpress.md",
        f"title: {row.meta.title}",
        "outlet: Kallpress",
    ]
    assert text == row.text
    rc, out, _ = run(capsys, "article", path, article, "--marks")
    first = quotes[0]
    assert f"⟦{first.id}:{first.text}⟧" in out
    rc, out, _ = run(capsys, "article", path, article, "--json")
    data = json.loads(out)
    assert data["text"] == row.text and data["outlet"] == "Kallpress"
    assert [(q["id"], q["start"], q["end"]) for q in data["quotes"]] == [(q.id, q.start, q.end) for q in quotes]
    rc, _, err = run(capsys, "article", path, "nope.md")
    assert rc == 1 and err.strip() == f"error: no article 'nope.md' in {path}"


def test_marks_nest_and_keep_the_text_between_them():
    assert cli.marked("ab cd ef", [(3, 5, 2), (0, 8, 1)]) == "⟦1:ab ⟦2:cd⟧ ef⟧"
    assert cli.marked("abc", []) == "abc"


def test_an_export_file_named_for_another_format_is_refused_and_a_named_one_chooses_the_format(
    project, tmp_path, capsys
):
    path, _ = project
    target = tmp_path / "x.json"
    rc, out, err = run(capsys, "export", path, "--format", "csv", "-o", target)
    assert rc == 2 and not out and not target.exists()
    [line] = err.strip().splitlines()
    stem = tmp_path / "x"
    assert line == f"error: {target}: the extension says JSON but --format is csv; give -o {stem}.csv or --format json"
    rc, _, err = run(capsys, "export", path, "-f", "csl-json", "-o", target)  # also written as .json
    assert rc == 0 and json.loads(target.read_text(encoding="utf-8"))[0]["type"] == "article-newspaper"
    rc, _, _ = run(capsys, "export", path, "-f", "markdown", "-o", tmp_path / "notes.txt")  # no format's extension
    assert rc == 0
    rc, _, _ = run(capsys, "export", path, "-o", tmp_path / "list.bib")  # no --format: the extension says
    assert rc == 0 and (tmp_path / "list.bib").read_text(encoding="utf-8").lstrip().startswith("@")
    rc, _, _ = run(capsys, "export", path, "-o", target)
    assert rc == 0 and isinstance(json.loads(target.read_text(encoding="utf-8")), list)
    rc, out, err = run(capsys, "export", path, "-o", tmp_path / "quotes.txt")
    assert rc == 2 and not out and len(err.strip().splitlines()) == 1 and "give --format" in err
    rc, out, err = run(capsys, "export", path)
    assert rc == 2 and not out and "give --format" in err


MARSH = """Harbour works

"The quay wall will hold through the winter," said engineer Rolf Varga.

"Nobody asked the fishermen," said Wren Marsh.

"We start dredging in April," said Tomas Brandt.

"The budget is spent," said Ida Calloway.
"""


def test_quotes_lines_end_with_the_review_marks_of_the_window(tmp_path, capsys):
    project, article = tmp_path / "p.qcproj", tmp_path / "harbour.txt"
    article.write_text(MARSH, encoding="utf-8")
    assert run(capsys, "ingest", project, article)[0] == 0
    with Library(project) as lib:
        ids = {lib.quote(i).text.split()[1]: i for i in lib.quote_ids()}
    wall, asked, dredging, budget = ids["quay"], ids["asked"], ids["start"], ids["budget"]
    assert run(capsys, "review", project, wall, "--verdict", "misquoted", "--confirm", "--note", "call")[0] == 0
    assert run(capsys, "review", project, asked, "--speaker", "Wren Marsh-Orvel")[0] == 0
    assert run(capsys, "review", project, dredging, "--note", "ask the port")[0] == 0
    rc, out, _ = run(capsys, "quotes", project)
    assert rc == 0
    lines = {int(line.split()[0]): line for line in out.splitlines()}
    assert lines[wall].endswith("  (misquoted ✓ ¶)")
    assert lines[asked].endswith("  (speaker fixed)")
    assert lines[dredging].endswith("  (note)")
    assert lines[budget].rstrip().endswith("”")  # nobody reviewed it: no mark


def test_a_long_note_is_echoed_as_an_excerpt_with_its_length(project, capsys):
    path, ids = project
    quote_id = next(iter(ids["quotes"].values()))
    note = "The Holloway transcript differs from the Varga report. " + "x" * 120_000 + "\nsecond line"
    rc, _, err = run(capsys, "review", path, quote_id, "--note", note)
    assert rc == 0
    [line] = err.strip().splitlines()
    assert len(line) < 300
    assert "note 'The Holloway transcript differs from the Varga report. xxx" in line
    assert "…' (120,067 characters, 2 lines) (decision" in line
    with Library(path) as lib:
        assert lib.quote(quote_id).note == note  # recorded whole
    rc, _, err = run(capsys, "review", path, quote_id, "--note", "Brandt called back")
    assert "note 'Brandt called back' (decision" in err  # a short one is echoed as it is


def test_a_note_is_read_from_a_file_or_stdin(project, capsys, tmp_path, monkeypatch):
    path, ids = project
    quote_id = next(iter(ids["quotes"].values()))
    big = "Orvel's notes on the harbour hearing.\r\n" + "Marsh said it twice. " * 10_000 + "\n\n"
    note_file = tmp_path / "note.txt"
    note_file.write_bytes(b"\xef\xbb\xbf" + big.encode())  # a byte-order mark, Windows line ends
    rc, _, err = run(capsys, "review", path, quote_id, "--note-file", note_file, "--verdict", "misquoted")
    assert rc == 0 and "verdict given, note written" in err and len(err) < 300
    with Library(path) as lib:
        assert lib.quote(quote_id).note == big.replace("\r\n", "\n").rstrip()

    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"Wren: from the stdin\n")))
    rc, _, err = run(capsys, "review", path, quote_id, "--note-file", "-")
    assert rc == 0
    with Library(path) as lib:
        assert lib.quote(quote_id).note == "Wren: from the stdin"


def test_a_notes_control_characters_are_not_kept(project, capsys, tmp_path):
    """A NUL or a terminal escape in a note file (a pasted log) is no part of the note, a colour sequence
    whole ("[31m" was left behind); tabs and lines stay."""
    path, ids = project
    quote_id = next(iter(ids["quotes"].values()))
    note_file = tmp_path / "note.txt"
    note_file.write_text("Orvel\x00 said\tit\x1b[31m twice\nthen left")
    rc, _, _ = run(capsys, "review", path, quote_id, "--note-file", note_file)
    assert rc == 0
    with Library(path) as lib:
        assert lib.quote(quote_id).note == "Orvel said\tit twice\nthen left"


@pytest.mark.parametrize(
    ("make", "said"),
    [
        (lambda d: d / "absent.txt", "no such file"),
        (lambda d: d, "is a folder"),
        (lambda d: (d / "latin.txt").write_bytes(b"Calloway caf\xe9 notes") and d / "latin.txt", "not UTF-8 text"),
        (lambda d: (d / "blank.txt").write_text(" \n\n") and d / "blank.txt", "is blank"),
    ],
)
def test_a_bad_note_file_is_refused_in_one_line_naming_it(project, capsys, tmp_path, make, said):
    path, ids = project
    quote_id = next(iter(ids["quotes"].values()))
    folder = tmp_path / "notes"
    folder.mkdir()
    note_file = make(folder)
    rc, out, err = run(capsys, "review", path, quote_id, "--note-file", note_file)
    assert rc == cli.EXIT_USAGE and out == ""
    [line] = err.splitlines()
    assert line.startswith(f"error: note file {note_file}: ") and said in line, line
    with Library(path) as lib:
        assert lib.quote(quote_id).note is None and lib.decisions() == []


def test_a_note_file_this_user_may_not_read_is_refused_in_one_line(project, capsys, tmp_path, monkeypatch):
    path, ids = project
    note_file = tmp_path / "locked.txt"
    note_file.write_text("Calloway")  # root reads any file: refuse the opening as the system would

    def refuse(name, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(name))

    monkeypatch.setattr(cli, "open", refuse, raising=False)
    rc, _, err = run(capsys, "review", path, 1, "--note-file", note_file)
    assert (rc, err) == (cli.EXIT_USAGE, f"error: note file {note_file}: cannot be read (Permission denied)\n")


def test_note_and_note_file_are_not_given_together(project, capsys, tmp_path):
    path, ids = project
    note_file = tmp_path / "n.txt"
    note_file.write_text("Roe")
    with pytest.raises(SystemExit) as exit_:
        cli.main(["review", str(path), "1", "--note", "a", "--note-file", str(note_file)])
    assert exit_.value.code == cli.EXIT_USAGE
    assert "not allowed with argument" in capsys.readouterr().err
