"""Time full quote extraction against a raw spaCy parse of the same text, in the same run.

    .venv/bin/python bench/extract.py [--kb 400] [--jobs 2] [--synthetic]

The text is the PolNeAR dev articles in ../shared/eval when they are there, else articles this script
builds from sentence templates; either way about ``--kb`` kilobytes. Printed: seconds for the raw
``nlp.pipe`` (one process, then ``--jobs`` processes) and for ``Extractor.extract_many`` (quotes and
reported speech, as ingest runs it) with the same process counts, and the ratios extraction / raw parse (target: at most 1.25).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from quotecheck.engine.extract import Extractor, load_nlp, model_name  # noqa: E402
from quotecheck.model import Article, ArticleMeta  # noqa: E402

SHARED = ROOT.parent / "shared" / "eval" / "polnear-dev"

_PEOPLE = ["Helena Marsh", "Tobias Wren", "Ilse Varga", "Anton Brandt", "Rosa Ekdal", "Irena Tolvik", "Mark Ellery"]
_ROLES = ["the mayor", "the minister", "the expert", "the spokesman", "the councillor"]
_TEMPLATES = [
    "“{claim},” {name} told reporters on Tuesday.",
    "{role_cap} said the plan was “{frag}” and would be reviewed.",
    "“{claim},” said {name}. “{claim2}.”",
    "According to {name}, the budget is “{frag}.”",
    "{name} added: “{claim}.”",
    "The council met again on Monday to discuss the harbour, the tram line and the new school.",
    "Residents have complained about the noise for years, and the debate has split the town.",
]
_CLAIMS = [
    "We will not accept a plan that leaves the old town without buses",
    "The numbers do not add up, and everyone in this room knows it",
    "This is the most important decision of the decade",
    "Nobody expected the vote to pass so quickly",
]
_FRAGS = ["a fantasy", "well over budget", "the right choice", "dead on arrival"]


def synthetic(kb: int, seed: int = 7) -> list[str]:
    """Articles of 3–6 KB from the templates, ``kb`` kilobytes in all."""
    rng = random.Random(seed)
    texts, total = [], 0
    while total < kb * 1024:
        paras, size = [], rng.randint(3000, 6000)
        while sum(map(len, paras)) < size:
            name = rng.choice(_PEOPLE)
            paras.append(
                rng.choice(_TEMPLATES).format(
                    name=name,
                    role_cap=rng.choice(_ROLES).capitalize(),
                    claim=rng.choice(_CLAIMS),
                    claim2=rng.choice(_CLAIMS),
                    frag=rng.choice(_FRAGS),
                )
            )
        text = "\n\n".join(paras)
        texts.append(text)
        total += len(text)
    return texts


def corpus(kb: int, synthetic_only: bool = False) -> tuple[list[str], str]:
    if SHARED.is_dir() and not synthetic_only:
        texts = [p.read_text(encoding="utf-8") for p in sorted(SHARED.glob("*.txt"))]
        out, total = [], 0
        while total < kb * 1024:
            for t in texts:
                out.append(t)
                total += len(t)
                if total >= kb * 1024:
                    break
        return out, f"PolNeAR dev articles ({SHARED})"
    return synthetic(kb), "synthetic articles built by this script"


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kb", type=int, default=400)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--synthetic", action="store_true", help="use generated articles even if ../shared is there")
    args = ap.parse_args(argv)

    import spacy

    texts, source = corpus(args.kb, args.synthetic)
    articles = [
        Article(path=f"bench{i}.txt", text=t, meta=ArticleMeta(), content_hash=str(i)) for i, t in enumerate(texts)
    ]
    size = sum(map(len, texts)) / 1024
    print(f"text: {len(texts)} articles, {size:.0f} KB, {source}")
    print(f"model: {model_name()}")

    raw = spacy.load(model_name())  # the full pipeline as installed: the baseline
    extractor = Extractor(reported=True)  # as ingest and `extract` run it: quotes and reported speech
    print(f"raw pipeline: {raw.pipe_names}; extraction pipeline: {load_nlp().pipe_names}")
    list(raw.pipe(texts[:2]))  # warm up both; the extractor keeps its worker processes
    list(extractor.extract_many(articles[:2]))
    if args.jobs > 1:
        list(extractor.extract_many(articles[: args.jobs * 2], n_process=args.jobs, batch_size=1))

    rows = []
    for jobs in sorted({1, args.jobs}):
        t_raw = timed(lambda jobs=jobs: list(raw.pipe(texts, n_process=jobs, batch_size=8)))
        t_ext = timed(lambda jobs=jobs: list(extractor.extract_many(articles, n_process=jobs)))
        rows.append((jobs, t_raw, t_ext))
        print(f"n_process={jobs}: raw nlp.pipe {t_raw:6.2f}s  extraction {t_ext:6.2f}s  ratio {t_ext / t_raw:.2f}")
    t_raw1 = rows[0][1]
    best = min(t for _, _, t in rows)
    print(f"best extraction vs single-process raw parse: ratio {best / t_raw1:.2f} (target <= 1.25)")
    extractor.close()


if __name__ == "__main__":
    main()
