"""Language codes stored one way, as BCP 47 writes them, by set-meta, front matter and sidecars.

Fault found by a hostile trial: ``--language en_GB`` was stored as ``en-GB`` but ``en-gb`` and ``de-de``
as given, and front matter ``language: en-gb`` as ``en-gb``.
"""

from __future__ import annotations

import pytest

from quotecheck import cli
from quotecheck.library import Library

VARGA = "Council vote\n\n“We will not build the road this year,” said Anna Varga, the mayor.\n"
BRANDT = "Pier closes\n\n“The pier closes for repairs,” Ada Brandt said.\n"


def run(capsys, *args) -> tuple[int, str, str]:
    rc = cli.main([str(a) for a in args])
    out, err = capsys.readouterr()
    return rc, out, err


def languages(project) -> dict[str, str | None]:
    with Library(project) as lib:
        return {a.path.rsplit("/", 1)[1]: a.meta.language for a in lib.articles()}


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("en-gb", "en-GB"),
        ("de_de", "de-DE"),
        ("EN-us", "en-US"),
        ("pt-BR", "pt-BR"),
        ("es-419", "es-419"),
        ("zh-hant-tw", "zh-Hant-TW"),
        ("fr", "fr"),
    ],
)
def test_set_meta_stores_a_region_in_upper_case(tmp_path, capsys, given, stored):
    (tmp_path / "varga.txt").write_text(VARGA, encoding="utf-8")
    assert run(capsys, "ingest", tmp_path / "p.qcproj", tmp_path / "varga.txt")[0] == 0
    rc, _, err = run(capsys, "set-meta", tmp_path / "p.qcproj", 1, "--language", given)
    assert rc == 0, err
    assert list(languages(tmp_path / "p.qcproj").values()) == [stored]


@pytest.mark.parametrize("given", ["en-GBR", "en-12", "en-G1", "zz-ZZ"])
def test_set_meta_refuses_a_region_of_another_shape_in_one_line(tmp_path, capsys, given):
    (tmp_path / "varga.txt").write_text(VARGA, encoding="utf-8")
    assert run(capsys, "ingest", tmp_path / "p.qcproj", tmp_path / "varga.txt")[0] == 0
    rc, _, err = run(capsys, "set-meta", tmp_path / "p.qcproj", 1, "--language", given)
    assert rc == 1
    [line] = err.strip().splitlines()
    assert line.startswith("error: ") and repr(given) in line


def test_front_matter_and_a_sidecar_store_the_region_in_upper_case(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "varga.md").write_text("---\nlanguage: en-gb\n---\n" + VARGA, encoding="utf-8")
    (folder / "brandt.txt").write_text(BRANDT, encoding="utf-8")
    (folder / "brandt.meta.json").write_text('{"lang": "pt_br"}', encoding="utf-8")
    rc, _, err = run(capsys, "ingest", tmp_path / "p.qcproj", folder)
    assert rc == 0, err
    assert languages(tmp_path / "p.qcproj") == {
        "varga.md": "en-GB",
        "brandt.txt": "pt-BR",
    }
