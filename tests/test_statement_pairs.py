"""Hand-labelled statement pairs across invented articles (``tests/data/pairs``), through the whole
pipeline (real extraction, then speaker and statement grouping): at least 90% of the pairs that report
one statement (verbatim, translated, reordered, cut short, split around "he said", with an ellipsis)
share a cluster, and at least 90% of the pairs of different statements that share words (a campaign
slogan, official boilerplate, one topic, a question and its answer) do not."""

import json

import pytest
from conftest import DATA

from quotecheck.library import Library

pytestmark = pytest.mark.slow

PAIRS = DATA / "pairs"
TARGET = 0.9


@pytest.fixture(scope="module")
def grouped(tmp_path_factory):
    """``(key, cluster_of, quote_of)``: the answer key, quote id -> cluster id, (article, words) -> quote."""
    key = json.loads((PAIRS / "pairs.json").read_text(encoding="utf-8"))
    lib = Library(tmp_path_factory.mktemp("pairs") / "pairs.qcproj")
    report = lib.ingest([PAIRS])
    assert report.ok, report.errors
    article_of = {a.id: a.path.rsplit("/", 1)[-1] for a in lib.articles()}
    rows = lib.quote_rows(lib.quote_ids()).values()
    quote_of = {}
    for article, words in {tuple(q) for kind in ("same", "different") for pair in key[kind] for q in pair}:
        found = [r for r in rows if article_of[r.article_id] == article and words in r.text]
        assert len(found) == 1, f"{article}: {len(found)} stored quotes hold {words!r}"
        quote_of[article, words] = found[0]
    cluster_of = {m.quote_id: c.id for c in lib.clusters() for m in c.members}
    yield key, cluster_of, quote_of
    lib.close()


def together(cluster_of, a, b) -> bool:
    ca, cb = cluster_of.get(a.id), cluster_of.get(b.id)
    return ca is not None and ca == cb


def rates(grouped):
    key, cluster_of, quote_of = grouped
    misses = {"same": [], "different": []}
    for kind in misses:
        for a, b in key[kind]:
            qa, qb = quote_of[tuple(a)], quote_of[tuple(b)]
            if together(cluster_of, qa, qb) != (kind == "same"):
                misses[kind].append(f"{a[0]} {qa.text!r} / {b[0]} {qb.text!r}")
    rate = {kind: 1 - len(misses[kind]) / len(key[kind]) for kind in misses}
    return rate, misses


def test_key_is_large_enough(grouped):
    key = grouped[0]
    assert len(key["same"]) >= 40 and len(key["different"]) >= 40


def test_same_statement_pairs_share_a_cluster_and_different_ones_do_not(grouped):
    rate, misses = rates(grouped)
    figures = f"same together {rate['same']:.3f}, different apart {rate['different']:.3f}"
    print(figures)
    failing = "\n".join(f"{kind}: {m}" for kind in misses for m in misses[kind])
    assert rate["same"] >= TARGET and rate["different"] >= TARGET, f"{figures}\n{failing}"
