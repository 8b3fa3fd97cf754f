"""Reading files a hostile trial threw at ingest: pipes, odd names, control characters, odd encodings."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
import threading

import pytest

from quotecheck.engine.quotes import scan
from quotecheck.io.ingest import IngestError, decode, iter_article_paths, read_article
from quotecheck.library import Library

STORY = "Harbour opens\n“We are ready,” said Mayor Ana Lind on Monday.\n"


def write(path, data):
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def within(seconds: float, fn, *, unblock=None):
    """``fn()``'s result, or a test failure if it takes longer than ``seconds`` (then ``unblock()``)."""
    box: dict = {}

    def run() -> None:
        try:
            box["value"] = fn()
        except BaseException as exc:  # noqa: BLE001 - handed to the test thread
            box["error"] = exc

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        if unblock:
            unblock()
        pytest.fail(f"still running after {seconds} s")
    if "error" in box:
        raise box["error"]
    return box["value"]


def _open_writer(path):
    def unblock() -> None:
        try:
            os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))
        except OSError:
            pass

    return unblock


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_is_refused_at_once_not_read(tmp_path):
    fifo = tmp_path / "b.txt"
    os.mkfifo(fifo)
    with pytest.raises(IngestError, match="not a regular file"):
        within(10, lambda: read_article(fifo), unblock=_open_writer(fifo))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_inside_a_folder_does_not_stop_the_cli_batch(tmp_path):
    folder = tmp_path / "d"
    folder.mkdir()
    write(folder / "a.txt", STORY)
    os.mkfifo(folder / "b.txt")
    write(folder / "c.txt", STORY.replace("ready", "willing"))
    try:
        run = subprocess.run(
            [sys.executable, "-m", "quotecheck.cli", "ingest", "-q", str(tmp_path / "p.qcproj"), str(folder)],
            capture_output=True,
            text=True,
            timeout=240,
        )
    except subprocess.TimeoutExpired:
        _open_writer(folder / "b.txt")()
        pytest.fail("ingest hung on a named pipe")
    assert run.returncode == 1
    assert "b.txt: not a regular file (a named pipe)" in run.stderr
    assert "Traceback" not in run.stderr
    assert "2 articles added" in run.stderr


def test_a_name_that_is_not_utf8_is_kept_and_shown_readably(tmp_path):
    raw = os.fsencode(tmp_path) + b"/bad\xff\xfename.txt"
    with open(raw, "wb") as f:
        f.write(STORY.encode())
    [path] = list(iter_article_paths([tmp_path]))
    article = read_article(path)
    assert article.path.endswith("bad\\xff\\xfename.txt")
    article.path.encode("utf-8")  # storable, printable, JSON-able
    assert json.loads(json.dumps(article.path, ensure_ascii=False)) == article.path


def test_a_name_with_a_newline_stays_on_one_line(tmp_path):
    path = write(tmp_path / "two\nlines.txt", b"")
    with pytest.raises(IngestError) as err:
        read_article(path)
    assert "\n" not in str(err.value) and "two\\nlines.txt" in str(err.value)
    from quotecheck.io.ingest import display_path

    assert display_path("a\rb\u2028c.txt") == "a\\rb\\u2028c.txt"


def test_control_characters_after_the_binary_check_are_removed(tmp_path):
    body = "Filler line.\n" * 700 + "“Stay\x00 calm,” said \x00Ana\x1b Lind\x07.\n"
    article = read_article(write(tmp_path / "nul.txt", "Title\n" + body))
    assert not any(c in article.text for c in "\x00\x1b\x07")
    assert "“Stay calm,” said Ana Lind." in article.text


def test_a_stray_nul_near_the_top_is_removed_not_taken_for_binary(tmp_path):
    body = "Harbour vote\n\nFiller line.\n" * 20 + "“The pier\x00 is safe,” said Ana Lind.\n"
    article = read_article(write(tmp_path / "stray.txt", body))
    assert "“The pier is safe,” said Ana Lind." in article.text and "\x00" not in article.text


def test_control_characters_in_metadata_are_removed(tmp_path):
    path = write(tmp_path / "m.md", "---\noutlet: Harbour\x7f Courier\x1b\n---\nBody of the article, long enough.\n")
    assert read_article(path).meta.outlet == "Harbour Courier"


def test_html_with_an_unclosed_title_keeps_its_body(tmp_path):
    body = "".join(f"<p>“Point number {i} stands,” Mara Voss told the council on Monday evening.</p>" for i in range(6))
    page = "<html><head><title>Council meets</head><body><article>{}</article></body></html>"
    closed = read_article(write(tmp_path / "closed.html", page.replace("meets", "meets</title>").format(body)))
    unclosed = read_article(write(tmp_path / "unclosed.html", page.format(body)))
    assert unclosed.text == closed.text
    assert len(scan(unclosed.text)) == 6


@pytest.mark.parametrize(
    "text",
    [
        "Мы готовы к переговорам, сказал министр.",  # read as mac_cyrillic before
        "Мы не поддержим этот закон, заявил депутат.",  # read as koi8_r before
        "Министр заявил, что бюджет принят.",
        "«Бюджет принят», — заявил глава города.",
    ],
)
def test_short_cp1251_text_decodes_as_russian(text):
    data = text.encode("cp1251")
    assert len(data) < 60
    assert decode(data) == text


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        ("Der Minister sagte: „Wir sind bereit“.", "cp1252"),
        ("Le ministre a déclaré : « Nous sommes prêts ».", "cp1252"),
        ("Minister powiedział: „Jesteśmy gotowi”.", "cp1250"),
        ("Ο υπουργός είπε ότι είμαστε έτοιμοι.", "cp1253"),
    ],
)
def test_short_texts_in_other_code_pages_still_decode(text, codec):
    assert decode(text.encode(codec)) == text


def test_utf16_without_bom_mixing_chinese_and_english_is_text():
    text = "市长说：“我们准备好了。” The mayor said the bridge opens on Monday. 新桥周一开放。\n" * 4
    for codec in ("utf-16-le", "utf-16-be"):
        assert decode(text.encode(codec)) == text


def test_binary_with_nul_bytes_is_still_binary():
    data = bytes(range(256)) * 20
    with pytest.raises(IngestError, match="binary"):
        decode(data)


def test_a_file_of_only_quote_marks_gives_no_quotes():
    assert scan('"' * 500) == []
    assert scan("“”„«»‹›" * 100 + "\n" + '" " "' * 50) == []
    assert [r.start for r in scan("“” “Yes,” she said. «»")] == [4]


@pytest.fixture
def unreadable(tmp_path, monkeypatch):
    """A batch of ``noperm`` (a folder that cannot be listed) and ``outer`` (a story, and a subfolder
    ``sub`` that cannot be listed). Root may list any folder, so the listing is refused by a stand-in."""
    for folder in ("noperm", "outer/sub", "outer/ok"):
        (tmp_path / folder).mkdir(parents=True)
    write(tmp_path / "noperm" / "a.txt", STORY)
    write(tmp_path / "outer" / "sub" / "b.txt", STORY)
    write(tmp_path / "outer" / "ok" / "c.txt", STORY)
    refused = {str(tmp_path / "noperm"), str(tmp_path / "outer" / "sub")}
    listing = os.scandir

    def scandir(path="."):
        if os.fspath(path) in refused:
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return listing(path)

    monkeypatch.setattr(os, "scandir", scandir)
    return tmp_path


def test_a_folder_that_cannot_be_listed_is_one_failure_in_its_place(unreadable):
    paths = list(iter_article_paths([unreadable / "noperm", unreadable / "outer"]))
    assert paths == [str(unreadable / "noperm"), str(unreadable / "outer/ok/c.txt"), str(unreadable / "outer/sub")]
    from quotecheck.io.formats import read_articles

    for folder in (paths[0], paths[2]):
        with pytest.raises(IngestError) as caught:
            list(read_articles(folder))
        assert str(caught.value) == f"{folder}: cannot be read (Permission denied)"
        with pytest.raises(IngestError, match="cannot be read"):
            read_article(pickle.loads(pickle.dumps(folder)))  # as a batch worker gets it


@pytest.mark.parametrize("command", ["ingest", "extract"])
def test_cli_reports_each_unreadable_folder_and_goes_on(unreadable, capsys, command):
    from quotecheck.cli import main

    project = [str(unreadable / "p.qcproj")] if command == "ingest" else []
    folders = [str(unreadable / "noperm"), str(unreadable / "outer")]
    assert main([command, "-q", *project, *folders]) == 1
    captured = capsys.readouterr()
    errors = [line for line in captured.err.splitlines() if line.startswith("error:")]
    assert errors == [f"error: {f}: cannot be read (Permission denied)" for f in (folders[0], f"{folders[1]}/sub")]
    if command == "ingest":
        assert "1 article added (1 quotation); 0 already there; 2 failed" in captured.err
    else:
        assert captured.out.startswith(f"== {folders[1]}/ok/c.txt (1 quotations)")


def test_a_project_given_as_an_article_is_named_as_one_and_never_opened(tmp_path, capsys, monkeypatch):
    """Reading and closing a project this process has open would drop SQLite's locks on it (POSIX locks
    belong to the process): the project file is refused by its name, before anything opens it."""
    from quotecheck.cli import main

    story = tmp_path / "a.txt"
    story.write_text("Ferry stops\n\n“We will stop the ferry,” said Ilse Varga.\n", encoding="utf-8")
    project = tmp_path / "p.qcproj"
    assert main(["ingest", "-q", str(project), str(story)]) == 0
    capsys.readouterr()
    opened = []
    real_open = open

    def spy(file, *args, **kwargs):
        opened.append(str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", spy)
    assert main(["extract", str(project)]) == 1
    assert f"{project}: a quotecheck project, not an article" in capsys.readouterr().err
    assert str(project) not in opened


def test_a_folder_holding_a_markdown_export_is_imported_without_it(tmp_path, capsys):
    """A citation list exported into the articles' folder was read back as an article ("Quotations")."""
    from quotecheck.cli import main

    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "a.txt").write_text("Ferry stops\n\n“We will stop the ferry,” said Ilse Varga.\n", encoding="utf-8")
    first = tmp_path / "first.qcproj"
    assert main(["ingest", "-q", str(first), str(folder)]) == 0
    assert main(["export", str(first), "--format", "markdown", "-o", str(folder / "list.markdown")]) == 0
    capsys.readouterr()
    second = tmp_path / "second.qcproj"
    assert main(["ingest", "-q", str(second), str(folder)]) == 1
    err = capsys.readouterr().err
    assert f"{folder / 'list.markdown'}: a citation list quotecheck wrote" in err
    assert "1 article added" in err
    with Library(first) as lib:  # a pasted citation carries no file mark
        assert lib.citation(lib.quote_ids(), "markdown").startswith("# Quotations")


@pytest.fixture
def broken_front_matter(tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    story = "“We will stop the ferry,” said Ilse Varga.\n"
    (folder / "good.md").write_text("---\ntitle: Ferry stops\ndate: 2025-03-04\n---\n" + story, encoding="utf-8")
    (folder / "bad.md").write_text("---\ntitle: Ferry stops\n\tdate: 2025-03-04\n---\n" + story, encoding="utf-8")
    line = f"{folder / 'bad.md'}: cannot read the front matter (line 3 is indented with a tab); the article is left out until it is fixed"
    return folder, line


@pytest.mark.parametrize("command", ["ingest", "extract"])
def test_cli_names_the_front_matter_line_it_cannot_read_and_goes_on(broken_front_matter, capsys, command):
    from quotecheck.cli import main

    folder, line = broken_front_matter
    project = [str(folder.parent / "p.qcproj")] if command == "ingest" else []
    assert main([command, "-q", *project, str(folder)]) == 1
    captured = capsys.readouterr()
    assert [out for out in captured.err.splitlines() if out.startswith("error:")] == [f"error: {line}"]
    assert "Traceback" not in captured.err
    if command == "ingest":
        assert "1 article added (1 quotation); 0 already there; 1 failed" in captured.err
    else:
        assert captured.out.startswith(f"== {folder / 'good.md'} (1 quotations)")


def test_library_ingest_reports_the_front_matter_line_and_stores_nothing_of_that_file(broken_front_matter):
    folder, line = broken_front_matter
    with Library(folder.parent / "p.qcproj") as lib:
        report = lib.ingest([folder])
        assert report.errors == [line]
        assert [(a.path, a.meta.date) for a in lib.articles()] == [(str(folder / "good.md"), "2025-03-04")]
