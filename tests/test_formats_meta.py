"""Metadata for many files at once: a manifest beside them, dates in file names, set-meta on several ids."""

from __future__ import annotations

import json

import pytest

from quotecheck.cli import main
from quotecheck.io.formats import read_articles
from quotecheck.io.formats.manifest import date_from_name
from quotecheck.io.ingest import IngestError
from quotecheck.library import Library, LibraryError

STORY = "Quay repairs begin\n\n“The quay will be open again by spring,” said Ines Falk, the harbour engineer.\n"


def write(path, text=STORY):
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("name", "day"),
    [
        ("courier-2016-10-12-debate.txt", "2016-10-12"),
        ("AP_20161012_0800.pdf", "2016-10-12"),
        ("2016_10_12 notes.md", "2016-10-12"),
        ("scan 2016-13-40 then 2016.10.03.txt", "2016-10-03"),  # the first real date
        ("report-123456789.txt", None),
        ("phone-0161012345.txt", None),
        ("story.txt", None),
    ],
)
def test_date_from_file_name(name, day):
    assert date_from_name(name) == day


def test_csv_manifest_fills_a_folder_and_the_sidecar_wins(tmp_path):
    write(tmp_path / "a.txt")
    write(tmp_path / "b-2016-10-12.txt", STORY.replace("spring", "summer"))
    write(tmp_path / "c.txt", "---\ntitle: Own title\ndate: 2015-01-02\n---\n" + STORY.replace("spring", "autumn"))
    (tmp_path / "c.txt.meta.json").write_text(json.dumps({"outlet": "Sidecar Post"}))
    (tmp_path / "articles.csv").write_text(
        "file,title,outlet,author,date,url,language,primary_source_of\n"
        "a.txt,Quay repairs,Harbour Courier,Ana Berg,12 Oct 2016,https://courier.example/quay,en,\n"
        "b-2016-10-12.txt,,Harbour Courier,,,,,\n"
        "c.txt,Manifest title,Harbour Courier,,,,,Ines Falk\n",
        encoding="utf-8",
    )
    got = {a.path.rsplit("/", 1)[1]: a.meta for path in sorted(tmp_path.glob("*.txt")) for a in read_articles(path)}
    assert got["a.txt"].as_dict() == {
        "title": "Quay repairs",
        "outlet": "Harbour Courier",
        "author": "Ana Berg",
        "date": "2016-10-12",
        "url": "https://courier.example/quay",
        "language": "en",
    }
    assert (got["b-2016-10-12.txt"].outlet, got["b-2016-10-12.txt"].date) == ("Harbour Courier", "2016-10-12")
    assert got["b-2016-10-12.txt"].title == "Quay repairs begin"  # the file's own, the manifest left it empty
    c = got["c.txt"]
    assert (c.title, c.outlet, c.date, c.primary_source_of) == (
        "Manifest title",
        "Sidecar Post",
        "2015-01-02",
        "Ines Falk",
    )


def test_json_manifest_and_a_bad_row_fails_only_its_file(tmp_path):
    write(tmp_path / "a.txt")
    write(tmp_path / "b.txt", STORY.replace("spring", "summer"))
    (tmp_path / "articles.json").write_text(
        json.dumps([{"file": "a.txt", "outlet": "Quay Weekly"}, {"file": "b.txt", "date": "not a date"}])
    )
    [a] = read_articles(tmp_path / "a.txt")
    assert a.meta.outlet == "Quay Weekly"
    with pytest.raises(IngestError) as caught:
        list(read_articles(tmp_path / "b.txt"))
    assert str(caught.value) == f"{tmp_path / 'articles.json'} entry 2: cannot read the date 'not a date' (for b.txt)"


def test_unreadable_manifest_is_one_line_per_file(tmp_path):
    write(tmp_path / "a.txt")
    (tmp_path / "articles.csv").write_text("name,title\na.txt,Nope\n")
    with pytest.raises(IngestError) as caught:
        list(read_articles(tmp_path / "a.txt"))
    assert str(caught.value) == f"{tmp_path / 'articles.csv'}: manifest has no 'file' column"


@pytest.mark.parametrize(
    ("rows", "problem"),
    [
        ('a.txt,"Quay repairs,2016-10-12\n', "unreadable manifest (a quoted value is never closed)"),
        ("a.txt,Quay repairs,2016,10\n", "line 2 has more values than the header has columns"),
    ],
)
def test_a_malformed_manifest_is_said_not_read_wrongly(tmp_path, rows, problem):
    """An unclosed quotation mark would make the title swallow the date; a stray comma shift a column."""
    write(tmp_path / "a.txt")
    (tmp_path / "articles.csv").write_text("file,title,date\n" + rows)
    with pytest.raises(IngestError) as caught:
        list(read_articles(tmp_path / "a.txt"))
    assert str(caught.value) == f"{tmp_path / 'articles.csv'}: {problem}"


def test_manifest_fills_only_gaps_inside_a_container(tmp_path):
    from format_files import email_message, write_mbox

    write_mbox(tmp_path / "desk.mbox", [email_message("Quay", "Ines Falk <i@h.example>", STORY)])
    (tmp_path / "articles.csv").write_text("file,title,outlet\ndesk.mbox,Not the subject,Harbour desk\n")
    [msg] = read_articles(tmp_path / "desk.mbox")
    assert (msg.meta.title, msg.meta.outlet, msg.meta.author) == ("Quay", "Harbour desk", "Ines Falk")


def test_set_meta_on_several_articles_at_once(tmp_path, capsys):
    project = tmp_path / "p.qcproj"
    for n, season in enumerate(("spring", "summer", "autumn")):
        write(tmp_path / f"s{n}.txt", STORY.replace("spring", season))
    assert main(["ingest", "-q", str(project), str(tmp_path)]) == 0
    assert (
        main(["set-meta", "--json", str(project), "1", "s2.txt", "--outlet", "Harbour Courier", "--date", "2016-10-12"])
        == 0
    )
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["id"], r["outlet"], r["date"]) for r in rows] == [
        (1, "Harbour Courier", "2016-10-12"),
        (3, "Harbour Courier", "2016-10-12"),
    ]
    with Library(project) as lib:
        assert [a.meta.outlet for a in lib.articles()] == ["Harbour Courier", None, "Harbour Courier"]
        with pytest.raises(LibraryError):  # one unknown id: nothing changes
            lib.set_meta_many([2, 99], outlet="Nope")
        assert lib.articles()[1].meta.outlet is None
    assert main(["set-meta", str(project), "2", "77", "--outlet", "X"]) != 0
    assert "no article '77'" in capsys.readouterr().err


def test_ingest_of_a_link_offline_is_one_line(tmp_path, capsys):
    project = tmp_path / "p.qcproj"
    assert main(["ingest", "-q", str(project), "https://quotecheck-test.invalid/story"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert (
        err[0]
        == "error: https://quotecheck-test.invalid/story: cannot reach the site (no network, or unknown host name)"
    )
    assert err[1].startswith("0 articles added") and len(err) == 2
    with Library(project) as lib:
        assert lib.articles() == []
