"""A zip archive read as the folder it was sent as.

Faults found by a hostile trial: a zip's ``NAME.meta.json`` sidecars and ``articles.csv`` manifest were
dropped without a word (the same files in a folder gave their outlet and date); an encrypted member
printed Python's RuntimeError; a member named ``../escape.txt`` vanished silently; a zip of large
members held every refused member's text until the archive was done (1.16 GB for 240 members, a
folder 393 MB).
"""

from __future__ import annotations

import shutil
import subprocess
import zipfile

from quotecheck import cli
from quotecheck.io.formats import archive
from quotecheck.library import Library

VARGA = "Council vote\n\n“We will not build the road this year,” said Anna Varga, the mayor.\n"
HOLLOWAY = "Harbour\n\n“The harbour stays open all winter,” Tom Holloway said on Monday.\n"
BRANDT = "Pier closes\n\n“The pier closes for repairs,” Ada Brandt said.\n"
WREN = "Ferry\n\n“The ferry runs again in May,” said Lee Wren.\n"


def run(capsys, *args) -> tuple[int, str, str]:
    rc = cli.main([str(a) for a in args])
    out, err = capsys.readouterr()
    return rc, out, err


def metas(project) -> dict[str, tuple]:
    with Library(project) as lib:
        return {a.path: (a.meta.outlet, a.meta.date, a.meta.author, a.meta.language) for a in lib.articles()}


def test_a_zip_takes_the_sidecars_and_manifests_inside_it_as_a_folder_does(tmp_path, capsys):
    bundle = tmp_path / "bundle.zip"
    with zipfile.ZipFile(bundle, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("d.txt", VARGA)
        z.writestr("d.meta.json", '{"outlet": "Side Outlet", "language": "de"}')
        z.writestr("e.txt", HOLLOWAY)
        z.writestr("articles.csv", "file,outlet,date\ne.txt,Manifest Outlet,2025-01-02\nd.txt,Row Outlet,2025-03-04\n")
        z.writestr("desk/f.txt", BRANDT)
        z.writestr("desk/articles.json", '{"f.txt": {"author": "Mia Calloway", "outlet": "Desk Outlet"}}')
        z.writestr("desk/f.txt.meta.json", '{"outlet": "Sidecar Wins"}')
        z.writestr("desk/wren-2024-05-06.txt", WREN)
    rc, _, err = run(capsys, "ingest", tmp_path / "p.qcproj", bundle)
    assert rc == 0, err
    assert "4 articles added" in err
    assert metas(tmp_path / "p.qcproj") == {
        f"{bundle}/d.txt": ("Side Outlet", "2025-03-04", None, "de"),  # the sidecar wins over the manifest
        f"{bundle}/e.txt": ("Manifest Outlet", "2025-01-02", None, "en"),
        f"{bundle}/desk/f.txt": ("Sidecar Wins", None, "Mia Calloway", "en"),
        f"{bundle}/desk/wren-2024-05-06.txt": (None, "2024-05-06", None, "en"),  # the root manifest is not its folder's
    }


def test_a_bad_sidecar_or_manifest_in_a_zip_is_one_line_naming_it(tmp_path, capsys):
    bundle = tmp_path / "bundle.zip"
    with zipfile.ZipFile(bundle, "w") as z:
        z.writestr("d.txt", VARGA)
        z.writestr("d.meta.json", '{"outlet": ')
        z.writestr("desk/e.txt", HOLLOWAY)
        z.writestr("desk/articles.csv", 'file,outlet\ne.txt,"Manifest Outlet\n')
        z.writestr("desk/g.txt", BRANDT)
        z.writestr("desk/g.meta.json", '{"date": "someday"}')
        z.writestr("h.txt", WREN)
    rc, _, err = run(capsys, "ingest", tmp_path / "p.qcproj", bundle)
    assert rc == 1
    errors = [line for line in err.splitlines() if line.startswith("error: ")]
    assert errors == [  # in the archive's order, a sidecar's problem before its folder's manifest's
        f"error: {bundle}/d.meta.json: unreadable metadata sidecar (Expecting value: line 1 column 12 (char 11))",
        f"error: {bundle}/desk/articles.csv: unreadable manifest (a quoted value is never closed)",
        f"error: {bundle}/desk/g.meta.json: cannot read the date 'someday'",
    ]
    assert "1 article added" in err and "3 failed" in err
    assert "Traceback" not in err


def _encrypted_zip(tmp_path, name: str, members: dict[str, str], password: dict[str, bool]) -> str:
    """A zip whose members marked in ``password`` are encrypted: written by Info-ZIP's ``zip -P`` when
    it is installed, else with the encryption flag set in its headers (what zipfile checks)."""
    bundle = tmp_path / name
    if shutil.which("zip"):
        for member, text in members.items():
            (tmp_path / member).write_text(text, encoding="utf-8")
            secret = ["-P", "Marsh"] if password[member] else []
            subprocess.run(["zip", "-q", *secret, str(bundle), member], cwd=tmp_path, check=True)
        return str(bundle)
    with zipfile.ZipFile(bundle, "w") as z:
        for member, text in members.items():
            z.writestr(member, text)
    data = bytearray(bundle.read_bytes())
    with zipfile.ZipFile(bundle) as z:
        infos = z.infolist()
    for info in infos:
        if password[info.filename]:
            data[info.header_offset + 6] |= 1  # the local header's flags
    for start in [i for i in range(len(data)) if data[i : i + 4] == b"PK\x01\x02"]:
        name_len = int.from_bytes(data[start + 28 : start + 30], "little")
        if password[data[start + 46 : start + 46 + name_len].decode()]:
            data[start + 8] |= 1  # the central directory's flags
    bundle.write_bytes(bytes(data))
    return str(bundle)


def test_an_encrypted_member_is_one_plain_line_and_the_others_are_read(tmp_path, capsys):
    bundle = _encrypted_zip(
        tmp_path, "encz.zip", {"enc.txt": VARGA, "open.txt": BRANDT}, {"enc.txt": True, "open.txt": False}
    )
    rc, _, err = run(capsys, "ingest", tmp_path / "p.qcproj", bundle)
    assert rc == 1
    assert (
        f"error: {bundle}/enc.txt: encrypted with a password; unpack it with its password and import the folder"
        in err.splitlines()
    )
    assert "RuntimeError" not in err and "ZipInfo" not in err
    assert "1 article added" in err and "1 failed" in err


def test_a_wholly_encrypted_zip_is_one_line_for_the_archive(tmp_path, capsys):
    bundle = _encrypted_zip(
        tmp_path,
        "all.zip",
        {"a.txt": VARGA, "b.txt": BRANDT, "c.txt": WREN},
        dict.fromkeys(("a.txt", "b.txt", "c.txt"), True),
    )
    rc, _, err = run(capsys, "ingest", tmp_path / "p.qcproj", bundle)
    assert rc == 1
    assert [line for line in err.splitlines() if line.startswith("error: ")] == [
        f"error: {bundle}: encrypted with a password; unpack it with its password and import the folder"
    ]


def test_a_member_named_outside_the_archive_is_read_under_its_name(tmp_path, capsys):
    bundle = tmp_path / "bundle.zip"
    with zipfile.ZipFile(bundle, "w") as z:
        z.writestr("../escape.txt", VARGA)
        z.writestr("desk/../../up.txt", BRANDT)
    rc, _, err = run(capsys, "ingest", tmp_path / "p.qcproj", bundle)
    assert rc == 0, err
    assert sorted(metas(tmp_path / "p.qcproj")) == [f"{bundle}/../escape.txt", f"{bundle}/desk/../../up.txt"]
    assert not (tmp_path.parent / "escape.txt").exists()


def test_an_error_for_one_member_keeps_nothing_of_its_text(tmp_path):
    """A batch keeps an archive's errors until the archive is done: an error holding its traceback kept
    each refused member's bytes and text alive with it (1.16 GB for 240 members of 2 MB)."""
    bundle = tmp_path / "big.zip"
    line = "“The ferry will run,” said Anna Varga. " * 40 + "\n"
    with zipfile.ZipFile(bundle, "w", zipfile.ZIP_DEFLATED) as z:
        for n in range(3):
            z.writestr(f"long{n}.txt", "Long\n" + line * 700)  # over the 900,000 characters an article may have
    with open(bundle, "rb") as stream:
        found = list(archive.read(stream, str(bundle)))
    assert [str(e).split(": ", 1)[1].split(" (")[0] for e in found] == ["too long"] * 3
    for error in found:
        assert error.__traceback__ is None and error.__context__ is None and error.__cause__ is None


def test_a_manifest_row_that_gives_no_member_its_metadata_is_one_note(tmp_path, capsys):
    """A hostile trial's zip had an ``articles.csv`` row for a file not beside it: the row was dropped
    without a word. Each such row is now one note naming the manifest, its line and why."""
    bundle = tmp_path / "bundle.zip"
    with zipfile.ZipFile(bundle, "w") as z:
        z.writestr("a.txt", VARGA)
        z.writestr("b.txt", HOLLOWAY)
        z.writestr(
            "articles.csv",
            "file,outlet,date\n"
            "a.txt,Harbour Courier,2025-13-45\n"  # a bad date for a member: that member is refused, as before
            "b.txt,Old Outlet,2025-01-02\n"
            "missing.txt,Harbour Courier,2025-01-03\n"
            ",Nobody's Outlet,2025-01-04\n"
            "b.txt,Bay Herald,2025-01-05\n",
        )
        z.writestr("desk/articles.json", '[{"file": "a.txt", "outlet": "Desk Outlet"}]')  # no member in desk/
        z.writestr("desk/articles.csv", "file,outlet\nb.txt,Desk Outlet\n")
        z.writestr("old/articles.csv", "title,outlet\nA title,An outlet\n")  # no 'file' column, nothing beside it
    rc, _, err = run(capsys, "ingest", tmp_path / "p.qcproj", bundle)
    lines = [line for line in err.splitlines() if line.startswith(("error: ", "note: "))]
    assert lines == [
        f"error: {bundle}/articles.csv line 2: date '2025-13-45' is not a real date (for a.txt)",
        f"error: {bundle}/old/articles.csv: manifest has no 'file' column",
        f"note: {bundle}/articles.csv line 3: 'b.txt' is named again on line 6, which is used; this row is not",
        f"note: {bundle}/articles.csv line 4: no article file 'missing.txt' beside this manifest in the zip;"
        " the row is not used",
        f"note: {bundle}/articles.csv line 5: the row names no file; it is not used",
        f"note: {bundle}/desk/articles.json: not read; the articles.csv beside it gives this folder's metadata",
        f"note: {bundle}/desk/articles.csv line 2: no article file 'b.txt' beside this manifest in the zip;"
        " the row is not used",
    ]
    assert "1 article added (1 quotation); 0 already there; 2 failed" in err
    assert metas(tmp_path / "p.qcproj") == {f"{bundle}/b.txt": ("Bay Herald", "2025-01-05", None, "en")}
