"""What an import says about what it read and left out: zip archives, files of kinds quotecheck does
not read, a progress count that never passes its total, an update-only import, and the review and load
commands' lines.

Faults found by a hostile trial: a zip was "binary file, not text"; a folder's .rtf and .csv files
vanished without a word; a two-message mailbox made the counter say 23/22; a re-import that only
updated an article said "0 article(s) added with 5 quotation(s)"; ``review --confirm`` printed
"verdict None, note None" and never said it confirmed.
"""

from __future__ import annotations

import re
import zipfile
from email.message import EmailMessage

import pytest
from format_files import email_message, write_docx, write_mbox

from quotecheck import cli
from quotecheck.library import Library

VARGA = "Council vote\n\n“We will not build the road this year,” said Anna Varga, the mayor.\n"
HOLLOWAY = "# Harbour\n\n“The harbour stays open all winter,” Tom Holloway said on Monday.\n"
BRANDT = "Pier closes\n\n“The pier closes for repairs,” Ada Brandt said.\n"


def run(capsys, *args) -> tuple[int, str, str]:
    rc = cli.main([str(a) for a in args])
    out, err = capsys.readouterr()
    return rc, out, err


def counts(err: str) -> list[tuple[int, int]]:
    """Every ``done/total`` the progress line showed."""
    return [(int(a), int(b)) for a, b in re.findall(r"\] (\d+)/(\d+) ", err)]


def test_a_zip_is_read_member_by_member_and_says_what_it_left_out(tmp_path, capsys):
    docx = tmp_path / "orvel.docx"
    write_docx(docx, ["“The ferry will run again in May,” Justin Orvel said."])
    bundle = tmp_path / "bundle.zip"
    with zipfile.ZipFile(bundle, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("varga.txt", VARGA)
        z.writestr("desk/holloway.md", HOLLOWAY)
        z.writestr("two\nlines.txt", BRANDT)
        z.write(docx, "desk/orvel.docx")
        z.writestr("notes.rtf", "{\\rtf1 a note}")
        z.writestr("inner.zip", b"PK\x05\x06" + bytes(18))
        z.writestr("__MACOSX/._varga.txt", b"\x00\x05\x16\x07")
        z.writestr(".DS_Store", b"\x00\x00\x00\x01Bud1")
    rc, _, err = run(capsys, "ingest", tmp_path / "p.qcproj", bundle)
    assert rc == 0, err
    assert "binary file" not in err
    assert f"note: {bundle}: skipped 1 file quotecheck does not read: notes.rtf" in err
    assert f"note: {bundle}: a zip inside a zip is not opened (inner.zip)" in err
    assert "4 articles added (4 quotations); 0 already there; 0 failed" in err
    with Library(tmp_path / "p.qcproj") as lib:
        assert sorted(a.path for a in lib.articles()) == [
            f"{bundle}/desk/holloway.md",
            f"{bundle}/desk/orvel.docx",
            f"{bundle}/two\\nlines.txt",
            f"{bundle}/varga.txt",
        ]
    rc, _, err = run(capsys, "ingest", tmp_path / "p.qcproj", bundle)  # a second import finds them there
    assert rc == 0 and "0 articles added (0 quotations); 4 already there; 0 failed" in err


def test_a_zip_bomb_and_a_broken_zip_are_one_line_each(tmp_path, capsys, monkeypatch):
    from quotecheck.io.formats import archive

    monkeypatch.setattr(archive, "MAX_UNPACKED", 1024 * 1024)
    monkeypatch.setattr(archive, "MAX_MEMBERS", 50)
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("a.txt", "x" * (2 * 1024 * 1024))  # 2 MB of one letter packs into a few KB
    many = tmp_path / "many.zip"
    with zipfile.ZipFile(many, "w") as z:
        for i in range(60):
            z.writestr(f"n{i}.txt", BRANDT)
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"PK\x03\x04 this is no archive")
    (tmp_path / "brandt.txt").write_text(BRANDT, encoding="utf-8")
    rc, _, err = run(capsys, "ingest", tmp_path / "p.qcproj", bomb, many, broken, tmp_path / "brandt.txt")
    assert rc == 1
    errors = [line for line in err.splitlines() if line.startswith("error:")]
    assert errors == [
        f"error: {bomb}: unpacks to 2 MB (the limit is 1 MB); unpack it and import the folder",
        f"error: {many}: a zip archive of 60 entries (the limit is 50); unpack it",
        f"error: {broken}: not a readable zip archive (File is not a zip file)",
    ]
    assert "1 article added (1 quotation); 0 already there; 3 failed" in err


def test_a_folder_names_the_files_it_does_not_read(tmp_path, capsys):
    folder = tmp_path / "incoming"
    (folder / "deep").mkdir(parents=True)
    (folder / "varga.txt").write_text(VARGA, encoding="utf-8")
    for name in ("notes.rtf", "data.csv", "data.json", "photo.jpg", "deep/scan.png", "sheet.xlsx", "old.doc"):
        (folder / name).write_bytes(b"\x89 not an article")
    (folder / ".hidden.rtf").write_text("a dotfile stays silent")
    (folder / "varga.txt.meta.json").write_text('{"outlet": "Harbour Post"}')
    (folder / "here.qcproj").write_bytes(b"")  # a project kept beside its articles is no news
    rc, _, err = run(capsys, "ingest", tmp_path / "p.qcproj", folder)
    assert rc == 0, err
    [line] = [x for x in err.splitlines() if "does not read" in x]
    assert line == (
        "note: skipped 7 files quotecheck does not read: data.csv, data.json, notes.rtf, old.doc, photo.jpg and 2 more"
    )
    assert "1 article added (1 quotation)" in err


def test_the_progress_count_never_passes_its_total(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    nobody = EmailMessage()  # no From, Subject or Date: not a message quotecheck reads
    nobody["To"] = "desk@example.org"
    nobody.set_content("Some text without any headers of its own.")
    write_mbox(folder / "box.mbox", [email_message("Pier closes", "Ada Brandt <ada@example.org>", BRANDT), nobody])
    write_mbox(
        folder / "two.mbox",
        [
            email_message("Vote", "Anna Varga <av@example.org>", VARGA),
            email_message("Harbour", "Tom Holloway <th@example.org>", HOLLOWAY),
        ],
    )
    (folder / "varga.txt").write_text("Road\n\n“The road waits,” Anna Varga said.\n", encoding="utf-8")
    rc, _, err = run(capsys, "ingest", tmp_path / "p.qcproj", folder)
    assert rc == 1 and "box.mbox#2: not an e-mail message" in err
    shown = counts(err)
    assert shown and all(done <= total for done, total in shown), shown
    assert (5, 5) in shown  # 3 files: 4 articles and the failed message, each counted once
    assert "4 articles added (4 quotations); 0 already there; 1 failed" in err


def test_an_update_only_import_says_it_updated(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "varga.txt").write_text(VARGA, encoding="utf-8")
    (folder / "brandt.txt").write_text(BRANDT, encoding="utf-8")
    assert run(capsys, "ingest", tmp_path / "p.qcproj", folder)[0] == 0
    (folder / "varga.txt").write_text(VARGA + "\n“And not next year either,” Varga added.\n", encoding="utf-8")
    rc, _, err = run(capsys, "ingest", tmp_path / "p.qcproj", folder)
    assert rc == 0
    assert err.splitlines()[-1] == "0 articles added, 1 updated (2 quotations); 1 already there; 0 failed"


def test_review_says_what_it_did_in_words(project, capsys):
    path, ids = project
    quote_id = next(iter(ids["quotes"].values()))
    rc, _, err = run(capsys, "review", path, quote_id, "--confirm")
    assert rc == 0
    [line] = err.splitlines()
    assert re.fullmatch(
        rf"quote {quote_id} confirmed: speaker '[^']+' \(confirmed\); no verdict; no note \(decision \d+\)", line
    ), line
    _, _, err = run(capsys, "review", path, quote_id, "--verdict", "misquoted", "--note", "ask the council")
    assert re.search(
        rf"quote {quote_id} verdict given, note written: .*; verdict misquoted; note 'ask the council'", err
    )
    _, _, err = run(capsys, "review", path, quote_id, "--unconfirm", "--verdict", "", "--note", "")
    assert f"quote {quote_id} confirmation withdrawn, verdict cleared, note cleared:" in err
    assert "; no verdict; no note (" in err and "None" not in err and "(confirmed)" not in err


def test_load_help_says_what_speaker_matches(capsys):
    with pytest.raises(SystemExit):
        cli.main(["load", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "as the batch extracted it" in out and "other spellings of the person are not grouped" in out


def test_the_window_shows_what_an_import_left_out(qtbot, opened, tmp_path):
    window, _ids = opened
    folder = tmp_path / "incoming"
    folder.mkdir()
    (folder / "brandt.txt").write_text(BRANDT, encoding="utf-8")
    (folder / "notes.rtf").write_text("{\\rtf1 a note}")
    with qtbot.waitSignal(window.job_done, timeout=60000):
        assert window.start_import([str(folder)])
    panel = window.import_panel
    lines = [panel.errors.item(i).text() for i in range(panel.errors.count())]
    assert lines == ["skipped 1 file quotecheck does not read: notes.rtf"] and panel.errors.isVisible()
    assert panel.status.full_text == "Imported: 1 article added (1 quotation); 0 already there; 0 failed"
