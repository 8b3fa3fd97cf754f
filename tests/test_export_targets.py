"""An export never replaces an article the project was imported from, however its path is written: a
relative import and an absolute -o, an import run elsewhere, a container the article came from."""

import zipfile

from quotecheck import cli


def run(capsys, *args) -> tuple[int, str]:
    rc = cli.main([str(a) for a in args])
    out, err = capsys.readouterr()
    return rc, out + err


def test_an_article_imported_by_a_relative_path_is_not_written_over(tmp_path, capsys, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    story = folder / "island.md"
    story.write_text('Island ferry\n\n"The ferry will run," said Ada Wren.\n', encoding="utf-8")
    with zipfile.ZipFile(folder / "bundle.zip", "w") as bundle:
        bundle.writestr("desk/harbour.txt", 'Harbour\n\n"The harbour stays open," said Tom Marsh.\n')
    before = {p: p.read_bytes() for p in folder.iterdir()}
    monkeypatch.chdir(tmp_path)
    assert run(capsys, "ingest", "p.qcproj", "in/island.md", "in/bundle.zip")[0] == 0
    for target in (story, "in/island.md", folder / "bundle.zip"):
        rc, out = run(capsys, "export", "p.qcproj", "-f", "markdown", "-o", target)
        assert rc != 0 and "is an article of this project" in out, out
    monkeypatch.chdir(folder)  # run from another folder: the project's folder still tells
    rc, out = run(capsys, "export", tmp_path / "p.qcproj", "-f", "markdown", "-o", "island.md")
    assert rc != 0 and "is an article of this project" in out, out
    assert {p: p.read_bytes() for p in folder.iterdir()} == before
    assert run(capsys, "export", tmp_path / "p.qcproj", "-f", "markdown", "-o", tmp_path / "list.md")[0] == 0
