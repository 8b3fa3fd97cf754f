"""An import into a project gives the statements and flags a full rebuild gives (matching/restate.py).

New quotes link to old ones either way, an imported full name can change an old quote's speaker (and
with it whether two old quotes are one statement), and new quotes change how many quotes hold a 3-gram,
which decides which old pairs a full index compares at all. Word rarity (the idf weights, the share of
rare words) is the one thing an import cannot follow without comparing every pair again: every new
quote moves every comparison's bar a little. These tests hold it at the whole project's values, so what
they compare is everything else.
"""

import math
import random
from collections import Counter

import pytest
from test_analysis import add_article, add_quote, random_wording, same_as_rebuild

from quotecheck.matching import analysis, statements
from quotecheck.project import store

WORDS = [f"w{i}" for i in range(300)]
PEOPLE = ["Ana Vidal", "Ana Vidaal", "Luc Garnier", "L. Garnier", "Rosa Quint", "Olaf Berg", "the spokeswoman"]


def project(seed: int, words: list[str], people: list[str]):
    """Twelve articles of reworded copies, cuts and new statements; the last three not matched yet."""
    rnd = random.Random(seed)
    db = store.memory_db()
    said: list[str] = []
    articles = []
    for a in range(11):
        if a == 8:
            analysis.rebuild(db)
        art = add_article(db, f"article {a}", f"{a}.txt", date=f"2026-02-{a + 1:02d}", outlet=f"Outlet {a % 4}")
        articles.append(art)
        for _ in range(20):
            add_quote(db, art, random_wording(rnd, said, words), rnd.choice([*people, None]))
    return db, articles[8:]


@pytest.fixture
def rarity_of_the_whole(monkeypatch):
    """Word rarity fixed at the whole project's: ``fix(db)`` reads it from every quote of ``db``."""
    fixed: dict = {"df": Counter(), "n": 1}

    def fix(db):
        seen = {tuple(statements.words(t)) for (t,) in db.execute("SELECT text FROM quotes")}
        fixed["n"] = len(seen)
        fixed["df"] = Counter(w for ws in seen for w in set(ws))

    def word(index, word_id):
        if len(getattr(index, "names", ())) != len(index.vocab):
            index.names = {i: w for w, i in index.vocab.items()}
        return index.names[word_id]

    def idf(index, word_id):
        return 1.0 + math.log((fixed["n"] + 1) / (fixed["df"][word(index, word_id)] + 0.5))

    def rare(index, word_id):
        return fixed["df"][word(index, word_id)] <= max(5, 0.002 * fixed["n"])

    def specific(index, content):
        return sum(index.idf(w) - 1.0 for w in content) / math.log(min(fixed["n"], statements.SPECIFIC_SCALE) + 2)

    monkeypatch.setattr(statements.Index, "idf", idf)
    monkeypatch.setattr(statements.Index, "rare", rare)
    monkeypatch.setattr(statements, "_specific", specific)
    return fix


@pytest.mark.parametrize(
    ("seed", "cap", "common", "vocabulary", "one_word"),
    [
        (2, 40, 5, 300, False),  # new quotes bridge and reorder statements
        (8, 40, 5, 300, False),
        (27, 40, 5, 14, True),  # "Vidal" named in full by a new article: old quotes change speaker
        (20, 6, 2, 14, False),  # 3-grams pass the cap and the rarest 3-grams of old quotes change
        (7, 8, 3, 40, True),
    ],
)
def test_an_import_groups_statements_like_a_rebuild(
    rarity_of_the_whole, monkeypatch, seed, cap, common, vocabulary, one_word
):
    monkeypatch.setattr(statements.Index.__init__, "__kwdefaults__", {"cap": cap, "common": common})
    words = (
        WORDS[:vocabulary]
        if vocabulary != 14
        else "harbour pier ferry grain terminal council budget school tram repairs march april bridge toll".split()
    )
    people = [*PEOPLE, "Vidal", "Garnier", "Quint"] if one_word else PEOPLE
    whole, _ = project(seed, words, people)
    rarity_of_the_whole(whole)
    db, new = project(seed, words, people)
    assert analysis.update(db, new, small=0).get("incremental")
    same_as_rebuild(db)


def test_a_new_fuller_quote_takes_over_a_statement_and_a_new_cut_joins_it():
    db = store.memory_db()
    full = "The harbour authority will close the northern pier for repairs in March"
    for a in range(30):  # past the size an import simply rebuilds at (small=0 below): filler statements
        art = add_article(db, f"filler {a}", f"f{a}.txt", date="2026-01-01")
        add_quote(db, art, f"the tram line {a} gets new rails and longer platforms before winter", "Luc Garnier")
    a = add_article(db, "x", "a.txt", date="2026-03-01")
    first = add_quote(db, a, full, "Ana Vidal")
    cut = add_quote(db, a, "close the northern pier for repairs in March", "Ana Vidal")
    analysis.rebuild(db)
    b = add_article(db, "y", "b.txt", date="2026-03-02")
    longer = add_quote(db, b, f"{full}, the mayor said after the council meeting on Tuesday night", "Ana Vidal")
    other = add_quote(db, b, "the mayor said after the council meeting on Tuesday night", "Ana Vidal")
    assert analysis.update(db, [b], small=0).get("incremental")
    (root,) = {
        r
        for (r,) in db.execute(
            f"SELECT c.root_quote_id FROM clusters c JOIN cluster_members m ON m.cluster_id = c.id WHERE m.quote_id IN ({first}, {cut}, {other})"
        )
    }
    assert root == longer
    same_as_rebuild(db)
