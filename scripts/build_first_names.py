#!/usr/bin/env python3
"""Build ``quotecheck/engine/data/first_names.json``: first names nearly always given to one sex.

    .venv/bin/python scripts/build_first_names.py --source names.zip [--out FILE] [--check]

The source is the US Social Security Administration's national baby-names data (public domain, a work of
the US government): ``https://www.ssa.gov/oact/babynames/names.zip``, one ``yobYYYY.txt`` per year with
lines ``Name,F|M,count``. ``--source`` takes that zip or a folder of its ``yob*.txt`` files; the script
never downloads anything. A name is kept when at least ``MIN_BIRTHS`` babies were given it in all the
years together and at least ``MIN_SHARE`` of them were of one sex, so "Kelly", "Lindsey" or "Robin" stay
out. The file holds names and nothing else; the resolver reads it as a weak hint only (a person's own
pronouns and titles in the article always decide first; see ``EntityTable._resolve_pronoun``).
``--check`` writes nothing and exits 1 when the shipped file differs from what it would write.
"""

from __future__ import annotations

import argparse
import collections
import io
import json
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "quotecheck" / "engine" / "data" / "first_names.json"
MIN_BIRTHS = 200
MIN_SHARE = 0.97
ABOUT = (
    "First names given to one sex at least 97% of the time among at least 200 US births, 1880 onward: "
    "from the US Social Security Administration's national baby-names data (public domain), built by "
    "scripts/build_first_names.py. A weak hint for he/she when the article itself says nothing of a person."
)


def _year_files(source: Path):
    """(name, text) of each yobYYYY.txt in a zip or a folder."""
    if source.is_dir():
        for path in sorted(source.glob("yob*.txt")):
            yield path.name, path.read_text(encoding="latin-1")
        return
    with zipfile.ZipFile(source) as zf:
        for name in sorted(n for n in zf.namelist() if Path(n).name.startswith("yob") and n.endswith(".txt")):
            yield name, io.TextIOWrapper(zf.open(name), encoding="latin-1").read()


def build(source: Path) -> dict:
    counts: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0])
    files = 0
    for _, text in _year_files(source):
        files += 1
        for line in text.splitlines():
            parts = line.strip().split(",")
            if len(parts) == 3 and parts[1] in ("F", "M") and parts[2].isdigit():
                counts[parts[0]][parts[1] == "F"] += int(parts[2])
    if not files:
        raise SystemExit(f"{source}: no yobYYYY.txt files in it")
    female, male = [], []
    for name, (m, f) in counts.items():
        total = m + f
        if total >= MIN_BIRTHS and max(m, f) >= MIN_SHARE * total:
            (female if f > m else male).append(name)
    return {"_about": ABOUT, "female": sorted(female), "male": sorted(male)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--source", type=Path, required=True, help="the SSA names.zip, or a folder of its yob*.txt")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--check", action="store_true", help="exit 1 when the shipped file differs")
    args = ap.parse_args(argv)
    data = build(args.source)
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
    print(f"{len(data['female'])} female and {len(data['male'])} male first names")
    if args.check:
        same = args.out.exists() and args.out.read_text(encoding="utf-8") == text
        print("shipped file matches" if same else f"{args.out} differs from what the data gives")
        return 0 if same else 1
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out} ({len(text.encode()) // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
