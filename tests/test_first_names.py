"""The first-name table the resolver reads as a hint for he/she: what ships, and the script that builds it
from the Social Security Administration's files (here a few invented years of them, in a real zip)."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "build_first_names.py"
SHIPPED = ROOT / "quotecheck" / "engine" / "data" / "first_names.json"


def test_the_shipped_table_holds_names_of_one_sex_each():
    data = json.loads(SHIPPED.read_text(encoding="utf-8"))
    female, male = set(data["female"]), set(data["male"])
    assert not female & male
    assert {"Nadia", "Ruth", "Priya"} <= female and {"Derek", "Tomas", "Jonah"} <= male
    assert not {"Kelly", "Jordan", "Robin"} & (female | male)  # given to both
    assert "Social Security" in data["_about"]


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True)


def test_the_script_keeps_names_given_to_one_sex_among_enough_births(tmp_path):
    source = tmp_path / "names.zip"
    with zipfile.ZipFile(source, "w") as zf:
        zf.writestr("yob1990.txt", "Ilse,F,150\nTomas,M,300\nKelly,F,200\nKelly,M,150\nWren,F,50\n")
        zf.writestr("yob1991.txt", "Ilse,F,100\nTomas,F,4\nKelly,M,100\nWren,F,40\n")
        zf.writestr("NationalReadMe.pdf", "not a year")
    out = tmp_path / "first_names.json"
    done = _run("--source", str(source), "--out", str(out))
    assert done.returncode == 0, done.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["female"] == ["Ilse"]  # 250 births, all girls; Wren: only 90 births
    assert data["male"] == ["Tomas"]  # 300 of 304
    assert _run("--source", str(source), "--out", str(out), "--check").returncode == 0
    out.write_text("{}", encoding="utf-8")
    assert _run("--source", str(source), "--out", str(out), "--check").returncode == 1


def test_the_script_says_what_is_wrong_with_a_source_without_years(tmp_path):
    done = _run("--source", str(tmp_path), "--out", str(tmp_path / "x.json"))
    assert done.returncode != 0
    assert "no yobYYYY.txt" in done.stderr and "Traceback" not in done.stderr
