"""What the training scripts share: the scorer of ../shared and the parsed articles of a shared set.

Used by ``train_attribution.py`` and ``train_reported.py``; reads ``../shared`` only (never shipped).
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import sys
from pathlib import Path

from quotecheck.engine.extract import engine_text, load_nlp
from quotecheck.model import MAX_CHARS


def scorer(shared: Path):
    """The scorer module ``../shared/eval/score_quotes.py``."""
    spec = importlib.util.spec_from_file_location("score_quotes", shared / "eval" / "score_quotes.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def golds_by_article(gold: dict) -> dict[str, list]:
    """The answer key's quotes grouped by article file name."""
    out: dict[str, list] = {}
    for q in gold["quotes"]:
        out.setdefault(q["article"], []).append(q)
    return out


def _texts(shared: Path, folder: str) -> tuple[dict, list[str], list[str]]:
    """(gold, article names, texts) of the set in ``shared / folder``, each text cut as the engine cuts it."""
    where = shared / folder
    gold = json.loads((where / "gold.json").read_text(encoding="utf-8"))
    names = gold["articles"]
    return gold, names, [(where / n).read_text(encoding="utf-8")[:MAX_CHARS] for n in names]


def _cached(folder: str, texts: list[str], cache: Path, n_process: int) -> tuple[Path, str]:
    """The DocBin of ``texts`` under ``cache`` and the digest naming it, parsing them first when absent."""
    from spacy.tokens import DocBin

    nlp = load_nlp()
    digest = hashlib.sha256("".join(map(engine_text, texts)).encode()).hexdigest()[:12]
    path = cache / f"quotecheck-parse-{nlp.meta['name']}-{nlp.meta['version']}-{digest}.spacy"
    if not path.exists():
        print(f"parsing {folder} ({len(texts)} articles) ...", file=sys.stderr)
        db = DocBin(store_user_data=True)
        for doc in nlp.pipe((engine_text(t) for t in texts), batch_size=8, n_process=n_process):
            db.add(doc)
        part = path.with_name(f"{path.name}.{os.getpid()}.part")
        db.to_disk(part)
        os.replace(part, path)  # whole or not at all: a run stopped half-way leaves no broken cache
    return path, digest


def parsed(shared: Path, folder: str, cache: Path, n_process: int = 1):
    """(gold, article names, texts, docs, digest) of the set in ``shared / folder``; parses cached in a
    DocBin under ``cache`` named by a digest of the texts (and the spaCy model), so that both training
    scripts, which read the same articles, parse them once (and the regression floors of the test suite,
    which parse with ``n_process`` processes). The quote and the reported-speech sets of one split hold
    the same articles, so they share one parse."""
    from spacy.tokens import DocBin

    gold, names, texts = _texts(shared, folder)
    path, digest = _cached(folder, texts, cache, n_process)
    docs = list(DocBin().from_disk(path).get_docs(load_nlp().vocab))
    return gold, names, texts, docs, digest


def main(argv=None) -> int:
    """Parse the named sets into the cache ahead of their use, naming each on stdout once it is there.

        .venv/bin/python scripts/shared_sets.py [--shared ../shared] [--cache DIR] [--n-process 2] SET...

    The test suite runs this in the background at low priority while its other tests run
    (``tests/conftest.py``); a set already cached is named at once.
    """
    import argparse
    import tempfile

    ap = argparse.ArgumentParser(description=main.__doc__.split("\n\n")[0])
    ap.add_argument("sets", nargs="+", help="folders under --shared, such as eval/polnear-dev")
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[2] / "shared"))
    ap.add_argument("--cache", default=tempfile.gettempdir())
    ap.add_argument("--n-process", type=int, default=1)
    args = ap.parse_args(argv)
    for folder in args.sets:
        _cached(folder, _texts(Path(args.shared), folder)[2], Path(args.cache), args.n_process)
        print(folder, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
