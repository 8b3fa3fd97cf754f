"""Regression floors on the shared answer keys, scored by the shared scorer itself.

The keys live outside the repository (``../shared`` next to it) and are read only at run time; the
tests skip when they are absent. Floors sit a little below the figures reached, so a change that
makes extraction worse fails here.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import io
import json
import re
from pathlib import Path

import pytest

from quotecheck.engine.extract import Extractor, _quotes_for, engine_text
from quotecheck.io.ingest import read_article
from quotecheck.model import MAX_CHARS

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "eval" / "score_quotes.py"

pytestmark = pytest.mark.shared
EXTRA_F1, EXTRA_SPEAKER = 0.932, 0.94  # reached: 0.939, 0.946
# reported speech (kind "indirect"), scored by the reported-speech golds of the same articles
REPORTED_DEV_F1, REPORTED_DEV_SPEAKER = 0.79, 0.95  # reached: 0.805, 0.976
REPORTED_EXTRA_F1, REPORTED_EXTRA_SPEAKER = 0.803, 0.93  # reached: 0.815, 0.946


def _scorer():
    if not SCORER.exists():
        pytest.skip("shared scorer not present")
    spec = importlib.util.spec_from_file_location("score_quotes", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_PREDICTIONS: dict[tuple[str, ...], str] = {}


def _shared_sets():
    spec = importlib.util.spec_from_file_location("shared_sets", ROOT / "scripts" / "shared_sets.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _extracted(gold: Path, articles: list, n_process: int, cache: Path | None):
    """(article, records) as ``Extractor(reported=True).extract_many`` gives them. A shared set of many
    articles is read from the parses the training scripts cache (``scripts/shared_sets.py``, in
    ``cache``: conftest's ``parse_cache``), so the suite parses each set once for the floors here and
    the check of the shipped models; an article whose text differs from the cached one is parsed
    again. The engine runs on each parse as ``extract_many`` runs it."""
    extractor = Extractor(reported=True)
    if cache is None:
        yield from extractor.extract_many(articles, n_process=n_process)
        return
    folder = str(gold.parent.relative_to(SHARED))
    _, _, _, docs, _ = _shared_sets().parsed(SHARED, folder, cache, n_process=n_process)
    for article, doc in zip(articles, docs, strict=True):
        text = article.text[:MAX_CHARS]
        if doc.text != engine_text(text):
            doc = extractor.nlp(engine_text(text))
        yield (
            article,
            _quotes_for(doc, text, article.meta.date, extractor._reported(article)),
        )


def _predictions(gold: Path, n_process: int, cache: Path | None) -> str:
    """``extract --json`` lines for the articles a gold lists, quotes and reported speech together;
    kept for the session, so the quote and the reported-speech golds of one set extract it once."""
    names = json.loads(gold.read_text(encoding="utf-8"))["articles"]
    key = tuple(hashlib.sha1((gold.parent / n).read_bytes()).hexdigest() for n in names)  # same texts, any folder
    if key not in _PREDICTIONS:
        articles = [read_article(gold.parent / n) for n in names]
        lines = []
        for article, quotes in _extracted(gold, articles, n_process, cache):
            for q in quotes:
                if q.reason.startswith("embedded post"):
                    continue  # the keys mark quotation-marked words; a post's own text carries no marks
                lines.append(json.dumps(q.as_json(article.path), ensure_ascii=False) + "\n")
        _PREDICTIONS[key] = "".join(lines)
    return _PREDICTIONS[key]


def _score(gold: Path, tmp_path: Path, n_process: int = 1, cache: Path | None = None) -> dict:
    if not gold.exists():
        pytest.skip(f"{gold} not present")
    scorer = _scorer()
    pred = tmp_path / "pred.jsonl"
    pred.write_text(_predictions(gold, n_process, cache), encoding="utf-8")
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        f1, acc, e2e = scorer.main(["score_quotes.py", str(gold), str(pred)])
    kinds = re.search(r"kind agrees (\d+)/(\d+)", out.getvalue())
    conf = re.search(r"mean confidence right ([\d.]+) vs wrong ([\d.]+)", out.getvalue())
    return {
        "predictions": pred.read_text(encoding="utf-8"),
        "confidence": (float(conf[1]), float(conf[2])) if conf else None,
        "f1": f1,
        "speaker": acc,
        "e2e": e2e,
        "kind": int(kinds[1]) / int(kinds[2]) if kinds else None,
        "report": out.getvalue(),
    }


def test_seed_articles(tmp_path):
    s = _score(SHARED / "seeds" / "gold.json", tmp_path)
    assert s["f1"] >= 0.99, s["report"]
    assert s["speaker"] >= 0.99, s["report"]
    assert s["kind"] >= 0.99, s["report"]


def _confidence_separates(s: dict) -> None:
    """Confidence is the ranker's calibrated probability: a right speaker must come with clearly
    more of it than a wrong one (one constant confidence for every quote fails here)."""
    right, wrong = s["confidence"]
    assert round(right - wrong, 2) >= 0.10, s["report"]  # the scorer prints two decimals: 0.94 - 0.84 is 0.10


@pytest.mark.parses("eval/polnear-dev")
def test_polnear_dev(tmp_path, parse_cache):
    s = _score(SHARED / "eval" / "polnear-dev" / "gold.json", tmp_path, n_process=2, cache=parse_cache)
    assert s["f1"] >= 0.948, s["report"]
    assert s["speaker"] >= 0.955, s["report"]
    _confidence_separates(s)


@pytest.mark.slow
@pytest.mark.parses("eval/polnear-extra")
def test_polnear_extra(tmp_path, parse_cache):
    """416 articles the speaker ranker was trained on; the rules were never tuned on them."""
    s = _score(SHARED / "eval" / "polnear-extra" / "gold.json", tmp_path, n_process=2, cache=parse_cache)
    assert s["f1"] >= EXTRA_F1, s["report"]
    assert s["speaker"] >= EXTRA_SPEAKER, s["report"]
    _confidence_separates(s)


def _reports_separate(gold: Path, s: dict) -> None:
    """A reported-speech record's confidence says how likely the record is right: records whose content
    the gold holds come with clearly more of it than records it holds nowhere (the source's confidence
    alone, which records carried before, gave both the same: 0.73 and 0.74 on dev)."""
    scorer = _scorer()
    key = json.loads(gold.read_text(encoding="utf-8"))
    spans: dict[str, list] = {}
    texts: dict[str, str] = {}
    for q in key["quotes"]:
        text = texts.setdefault(q["article"], (gold.parent / q["article"]).read_text(encoding="utf-8"))
        spans.setdefault(q["article"], []).append(scorer.trim(text, q["start"], q["end"]))
    held, not_held = [], []
    for line in s["predictions"].splitlines():
        r = json.loads(line)
        if r["kind"] != "indirect" or not scorer.claimed(r):
            continue
        name = Path(r["article"]).name
        text = texts.get(name) or (gold.parent / name).read_text(encoding="utf-8")
        p = scorer.trim(text, r["start"], r["end"])
        found = any(scorer.overlap(p, g) >= 0.5 for g in spans.get(name, []))
        (held if found else not_held).append(r["confidence"])
    right, wrong = sum(held) / len(held), sum(not_held) / len(not_held)
    assert right - wrong >= 0.05, f"held {right:.3f} vs not held {wrong:.3f}"


@pytest.mark.parses("eval/reported-dev")
def test_reported_dev(tmp_path, parse_cache):
    """Reported speech of the 84 dev articles (the filter never saw them)."""
    gold = SHARED / "eval" / "reported-dev" / "gold.json"
    s = _score(gold, tmp_path, n_process=2, cache=parse_cache)
    assert s["f1"] >= REPORTED_DEV_F1, s["report"]
    assert s["speaker"] >= REPORTED_DEV_SPEAKER, s["report"]
    _reports_separate(gold, s)


@pytest.mark.slow
@pytest.mark.parses("eval/reported-extra")
def test_reported_extra(tmp_path, parse_cache):
    """Reported speech of the 416 extra articles (the filter's training set)."""
    s = _score(SHARED / "eval" / "reported-extra" / "gold.json", tmp_path, n_process=2, cache=parse_cache)
    assert s["f1"] >= REPORTED_EXTRA_F1, s["report"]
    assert s["speaker"] >= REPORTED_EXTRA_SPEAKER, s["report"]
