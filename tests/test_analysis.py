"""The database side: rebuild, incremental update, decisions, JSON views, and the seed articles."""

import hashlib
import json
import random

import pytest

from quotecheck.library import Library, LibraryError
from quotecheck.matching import analysis, regroup, report, units
from quotecheck.matching.stored import StoredIndex
from quotecheck.progress import Cancelled, Progress
from quotecheck.project import store

FULL = (
    "The harbour authority will close the northern pier for repairs in March, and ferries will dock at "
    "the old grain terminal until the work is finished"
)


def add_article(db, text, path, **meta):
    row = {
        "path": path,
        "content_hash": hashlib.sha256((path + text).encode()).hexdigest(),
        "text": text,
        "paragraphs": "[]",
        "ingested_at": "2026-11-22T00:00:00",
        **meta,
    }
    return db["articles"].insert(row).last_pk


def add_quote(db, article_id, text, speaker, *, article_text=None, kind="direct", confidence=0.9, **extra):
    start = article_text.index(text) if article_text and text in article_text else 0
    row = {
        "article_id": article_id,
        "start": start,
        "end": start + len(text),
        "text": text,
        "speaker": speaker,
        "kind": kind,
        "confidence": confidence,
        **extra,
    }
    return db["quotes"].insert(row).last_pk


@pytest.fixture
def harbour():
    db = store.memory_db()
    a = add_article(db, f"Ms Ana Vidal said: “{FULL}.”", "a.txt", outlet="Valley Post", date="2026-03-02")
    b = add_article(db, "Vidal: the pier shuts", "b.txt", outlet="Hill Times", date="2026-03-01")
    c = add_article(db, "Ferries move", "c.txt", outlet="Coast News", date="2026-03-04", translated_from="es")
    ids = {
        "full": add_quote(db, a, FULL, "Ana Vidal"),
        "frag": add_quote(db, b, "close the northern pier for repairs in March", "Mayor Ana Vidal"),
        "drift": add_quote(db, c, FULL.replace("March", "April").replace("old grain", "former grain"), "Ana Vidaal"),
        "other": add_quote(db, b, "The budget for schools rises by a tenth next year", "Ana Vidal"),
        "anon": add_quote(db, b, "Nobody told the ferry crews anything", None, confidence=0.7),
    }
    return db, ids


def flag_kinds(db):
    return sorted(f["kind"] for f in report.flags_json(db))


def test_rebuild_groups_speakers_clusters_and_flags(harbour):
    db, ids = harbour
    counts = analysis.rebuild(db)
    assert counts["speakers"] == 1 and counts["clusters"] == 1
    speakers = report.speakers_json(db)
    assert speakers[0]["name"] == "Ana Vidal" and speakers[0]["quotes"] == 4
    assert {e["alias"] for e in speakers[0]["evidence"]} == {"Mayor Ana Vidal", "Ana Vidaal"}
    (cluster,) = report.clusters_json(db)
    roles = {m["quote_id"]: m["role"] for m in cluster["members"]}
    assert roles == {ids["full"]: "root", ids["frag"]: "fragment", ids["drift"]: "variant"}
    member = next(m for m in cluster["members"] if m["quote_id"] == ids["drift"])
    assert member["article"] == "c.txt" and any(op["tag"] != "equal" for op in member["alignment"])
    kinds = sorted(f["kind"] for f in cluster["flags"])
    # the drifted report against the fullest wording, and against the first appearance (the fragment)
    assert kinds == ["first_appearance", "fragment", "wording_drift", "wording_drift"]
    drift = next(f for f in cluster["flags"] if f["kind"] == "wording_drift" and "Valley Post" in f["explanation"])
    assert "March" in drift["explanation"] and "April" in drift["explanation"]
    assert "translation" in drift["explanation"] and drift["severity"] == "severe"  # a changed month name stays severe
    first = next(f for f in cluster["flags"] if f["kind"] == "first_appearance")
    assert first["details"]["date"] == "2026-03-01"
    assert "unattributed" in flag_kinds(db)


def test_rebuild_is_repeatable_and_keeps_speaker_ids(harbour):
    db, _ = harbour
    analysis.rebuild(db)
    before = report.speakers_json(db)
    again = analysis.rebuild(db)
    assert report.speakers_json(db) == before and again["clusters"] == 1


def test_cancel_leaves_previous_results(harbour):
    db, _ = harbour
    analysis.rebuild(db)
    progress = Progress()
    progress.on_change = lambda p: p.cancel() if p.done >= 2 else None
    with pytest.raises(Cancelled):
        analysis.rebuild(db, progress)
    assert len(report.clusters_json(db)) == 1


def test_decisions_win_on_rerun(harbour):
    db, ids = harbour
    analysis.rebuild(db)
    now = "2026-11-22T09:00:00"
    db["decisions"].insert(
        {
            "kind": "split",
            "value": json.dumps({"alias": "Ana Vidaal", "from": "Ana Vidal"}),
            "created_at": now,
            "active": 1,
        }
    )
    add_quote(db, 1, "Ports need money", "A. Fontaine")
    add_quote(db, 1, "Ports need more money", "Luc Garnier")
    db["decisions"].insert(
        {
            "kind": "merge",
            "value": json.dumps({"names": ["A. Fontaine", "Luc Garnier"]}),
            "created_at": now,
            "active": 1,
        }
    )
    analysis.rebuild(db)
    names = {s["name"]: s["aliases"] for s in report.speakers_json(db)}
    assert names["Ana Vidaal"] == ["Ana Vidaal"]
    assert "Ana Vidaal" not in names["Ana Vidal"]
    merged = [a for a in names.values() if "Luc Garnier" in a]
    assert merged and "A. Fontaine" in merged[0]
    sid = db.execute("SELECT speaker_id FROM quotes WHERE id = ?", [ids["drift"]]).fetchone()[0]
    assert sid != db.execute("SELECT speaker_id FROM quotes WHERE id = ?", [ids["full"]]).fetchone()[0]
    cluster = report.clusters_json(db)[0]
    assert "conflicting_speaker" in [f["kind"] for f in cluster["flags"]]  # the split makes two speakers


def test_conflicting_speakers_and_primary_source():
    db = store.memory_db()
    transcript = "Transcript of the press conference.\nWe have ordered twelve new trains for the coastal line, and they arrive in May."
    t = add_article(
        db, transcript, "t.txt", title="Ministry transcript", primary_source_of="Rosa Quint", date="2026-01-10"
    )
    a = add_article(db, "x", "a.txt", date="2026-01-11")
    b = add_article(db, "y", "b.txt", date="2026-01-12")
    ok = add_quote(db, a, "We have ordered twelve new trains for the coastal line", "Rosa Quint")
    changed = add_quote(db, b, "We have ordered fifteen new trains for the coastal line", "Minister Rosa Quint")
    absent = add_quote(db, b, "The old trains will be sold to a museum in the north", "Rosa Quint")
    wrong = add_quote(
        db, b, "We have ordered twelve new trains for the coastal line, and they arrive in May", "Olaf Berg"
    )
    analysis.rebuild(db)
    flags = report.flags_json(db)
    missing = {f["quotes"][0]["quote_id"]: f for f in flags if f["kind"] == "missing_from_primary"}
    assert set(missing) == {changed, absent}
    assert "twelve" in missing[changed]["explanation"] and missing[absent]["details"]["verdict"] == "absent"
    conflict = [f for f in flags if f["kind"] == "conflicting_speaker"]
    assert conflict and {q["quote_id"] for q in conflict[0]["quotes"]} >= {ok, wrong}
    prov = report.provenance(db, ok)
    assert prov["primary_source"]["status"] == "verbatim"
    assert report.provenance(db, absent)["primary_source"]["status"] == "missing"
    del t


def test_provenance_gives_variants_diff_and_first(harbour):
    db, ids = harbour
    analysis.rebuild(db)
    prov = report.provenance(db, ids["drift"])
    assert prov["statement"] == FULL and len(prov["variants"]) == 3
    full = next(v for v in prov["variants"] if v["quote_id"] == ids["full"])
    assert full["outlet"] == "Valley Post" and full["canonical"] == "Ana Vidal"
    marked = [full["text"][m["start"] : m["end"]] for m in full["marks"]]
    assert "March" in marked
    assert prov["first_appearance"]["quote_id"] == ids["frag"]
    assert any(f["kind"] == "wording_drift" for f in prov["flags"])
    alone = report.provenance(db, ids["other"])
    assert alone["cluster_id"] is None and len(alone["variants"]) == 1


def test_incremental_update_matches_rebuild(harbour):
    db, ids = harbour
    analysis.rebuild(db)
    longer = FULL + ", the harbour master said after the council meeting on Tuesday"
    d = add_article(db, "new", "d.txt", date="2026-03-05")
    new_full = add_quote(db, d, longer, "Ana Vidal")
    copy = add_quote(db, d, "The budget for schools rises by a tenth next year", "Ana Vidal")
    fresh = add_quote(db, d, "A brand new statement about tram timetables in the old town", "Ana Vidal")
    result = analysis.update(db, [d], small=0)
    assert result.get("incremental")
    clusters = report.clusters_json(db)
    by_root = {c["root_quote_id"]: {m["quote_id"] for m in c["members"]} for c in clusters}
    assert by_root[new_full] == {new_full, ids["full"], ids["frag"], ids["drift"]}
    assert by_root[ids["other"]] == {ids["other"], copy}
    assert all(fresh not in members for members in by_root.values())
    e = add_article(db, "later", "e.txt", date="2026-03-06")
    tail = add_quote(db, e, "ferries will dock at the old grain terminal until the work is finished", "Ana Vidal")
    analysis.update(db, [e], small=0)
    by_root = {c["root_quote_id"]: {m["quote_id"] for m in c["members"]} for c in report.clusters_json(db)}
    assert len(by_root) == 2 and tail in by_root[new_full]
    incremental = sorted(sorted(m) for m in by_root.values())
    analysis.rebuild(db)
    rebuilt = sorted(sorted(m["quote_id"] for m in c["members"]) for c in report.clusters_json(db))
    assert incremental == rebuilt


# --- the two real seed articles ---------------------------------------------------------------------


@pytest.fixture
def seeds(shared_dir):
    gold = json.loads((shared_dir / "seeds" / "gold.json").read_text(encoding="utf-8"))
    db = store.memory_db()
    articles, texts = {}, {}
    for n, name in enumerate(gold["articles"]):
        text = (shared_dir / "seeds" / name).read_text(encoding="utf-8")
        texts[name] = text
        articles[name] = add_article(db, text, name, date=f"2019-04-2{3 + n}")
    ids = {}
    for q in gold["quotes"]:
        text = texts[q["article"]]
        spelled = _as_written(q, gold["aliases"].get(q["speaker"], [q["speaker"]]), text)
        ids[q["id"]] = (
            db["quotes"]
            .insert(
                {
                    "article_id": articles[q["article"]],
                    "start": q["start"],
                    "end": q["end"],
                    "text": q["text"],
                    "speaker": spelled,
                    "cue": q["cue"],
                    "kind": q["kind"],
                    "confidence": 0.9,
                }
            )
            .last_pk
        )
    # an invented quote by the father, so three people share the family name
    add_quote(
        db, articles[gold["articles"][1]], "The river crossing must be finished before the harvest", "Kim Jong Il"
    )
    analysis.rebuild(db)
    return db, gold, ids


def _as_written(q, aliases, text):
    """The spelling an extractor would take: the one in the cue, else the nearest in the article."""
    for alias in aliases:
        if alias in (q["cue"] or ""):
            return alias
    near = [(min(abs(i - q["start"]) for i in _positions(text, a)), a) for a in aliases if a in text]
    return min(near)[1] if near else q["speaker"]


def _positions(text, word):
    i = text.find(word)
    while i >= 0:
        yield i
        i = text.find(word, i + 1)


@pytest.mark.shared
def test_seed_clusters_are_found(seeds):
    db, gold, ids = seeds
    clusters = report.clusters_json(db)
    found = [{m["quote_id"] for m in c["members"]} for c in clusters]
    expected = {}
    for q in gold["quotes"]:
        if q["cluster"]:
            expected.setdefault(q["cluster"], set()).add(ids[q["id"]])
    for name, members in expected.items():
        assert members in found, name
        articles = {m["article"] for c in clusters for m in c["members"] if m["quote_id"] in members}
        assert len(articles) == 2
    assert len(found) == len(expected)  # no other statements were joined


@pytest.mark.shared
def test_seed_peskov_pair_is_wording_drift(seeds):
    db, gold, ids = seeds
    pair = {ids[q["id"]] for q in gold["quotes"] if q["cluster"] == "peskov-no-doubt"}
    cluster = next(c for c in report.clusters_json(db) if {m["quote_id"] for m in c["members"]} == pair)
    drift = [f for f in cluster["flags"] if f["kind"] == "wording_drift"]
    assert drift and "process" in drift[0]["explanation"] and "abilit" in drift[0]["explanation"]
    fragment = next(c for c in report.clusters_json(db) if c["kind"] == "fragments")
    assert any(f["kind"] == "fragment" for f in fragment["flags"])


@pytest.mark.shared
def test_seed_speakers(seeds):
    db, gold, _ = seeds
    people = {s["name"]: set(s["aliases"]) for s in report.speakers_json(db)}

    def person(alias):
        return [name for name, aliases in people.items() if alias in aliases]

    assert len(person("Yuri Ushakov")) == 1 and person("Yuri Ushakov") == person("Yury Ushakov")
    assert len(person("Kim Jong Un")) == 1 and person("Kim Jong Un") == person("Kim Jong-un")
    three = {p for alias in ("Kim Jong Un", "Kim Jong Il", "Yevgeny Kim") for p in person(alias)}
    assert len(three) == 3
    canonical = {}
    for truth, spellings in gold["aliases"].items():
        for s in spellings:
            canonical[s] = truth
    for _name, aliases in people.items():
        truths = {canonical.get(a, a) for a in aliases}
        assert len(truths) == 1, f"false merge: {aliases}"


def test_vague_speakers_count_as_unknown_not_as_other_people():
    db = store.memory_db()
    a = add_article(db, "x", "a.txt", date="2026-05-01")
    b = add_article(db, "y", "b.txt", date="2026-05-02")
    text = "The new bridge over the river will open to traffic in the second week of September"
    named = add_quote(db, a, text, "Ines Moreau")
    vague = add_quote(db, b, text.replace("traffic", "cars"), "the spokeswoman")
    analysis.rebuild(db)
    (cluster,) = report.clusters_json(db)
    assert {m["quote_id"] for m in cluster["members"]} == {named, vague}
    assert "conflicting_speaker" not in [f["kind"] for f in cluster["flags"]]
    kinds = {s["name"]: s["kind"] for s in report.speakers_json(db)}
    assert kinds == {"Ines Moreau": "person", "the spokeswoman": "role"}


def test_update_survives_deleted_quotes(harbour):
    db, ids = harbour
    analysis.rebuild(db)
    for table, column in (("flag_quotes", "quote_id"), ("cluster_members", "quote_id")):
        db.execute(f"DELETE FROM {table} WHERE {column} = ?", [ids["full"]])
    db.execute("DELETE FROM quotes WHERE id = ?", [ids["full"]])
    d = add_article(db, "new", "d.txt", date="2026-03-05")
    again = add_quote(db, d, FULL.replace("the work is finished", "the repairs are done"), "Ana Vidal")
    analysis.update(db, [d], small=0)
    members = [{m["quote_id"] for m in c["members"]} for c in report.clusters_json(db)]
    assert any(again in m and ids["drift"] in m for m in members)
    assert all(ids["full"] not in m for m in members)


# --- a person's speaker decisions: only what depends on speakers is redone, with a rebuild's result ------


def same_as_rebuild(db):
    """The project now is what a full rebuild gives (statement and flag row ids aside), and every stored
    reference holds (a person's decision runs without SQLite's per-row checks: store.transaction)."""
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    now = report.snapshot(db)
    units.forget(db)  # the rebuild reads every quote afresh, not what the decisions kept
    analysis.rebuild(db)
    again = report.snapshot(db)
    assert now["speakers"] == again["speakers"]
    assert now["clusters"] == again["clusters"]
    assert now["flags"] == again["flags"]


@pytest.fixture
def harbour_lib(harbour):
    db, ids = harbour
    lib = Library.in_memory()
    lib.db = db
    ids["pier"] = add_quote(db, 3, "close the northern pier for repairs", "Luc Garnier")
    ids["budget"] = add_quote(db, 3, "The budget for schools rises by a tenth next year", "Luc Garnier")
    analysis.rebuild(db)
    return lib, ids


def cluster_of(db, quote_id):
    return next(
        (
            {m["quote_id"] for m in c["members"]}
            for c in report.clusters_json(db)
            for m in c["members"]
            if m["quote_id"] == quote_id
        ),
        set(),
    )


def test_merge_and_undo_regroup_statements_like_a_rebuild(harbour_lib):
    lib, ids = harbour_lib
    db = lib.db
    assert ids["pier"] not in cluster_of(db, ids["full"])  # a short cut from another speaker: no fragment
    conflict = [f for f in report.flags_json(db) if f["kind"] == "conflicting_speaker"]
    assert {ids["other"], ids["budget"]} <= {q["quote_id"] for f in conflict for q in f["quotes"]}
    merge = lib.merge_speakers(["Ana Vidal", "Luc Garnier"])
    assert ids["pier"] in cluster_of(db, ids["full"])  # one speaker now: the cut is a fragment of the statement
    assert not [f for f in report.flags_json(db) if f["kind"] == "conflicting_speaker"]
    same_as_rebuild(db)
    lib.set_decisions_active([merge], False)
    assert ids["pier"] not in cluster_of(db, ids["full"])
    same_as_rebuild(db)
    lib.set_decisions_active([merge], True)
    same_as_rebuild(db)


def test_split_and_correction_like_a_rebuild(harbour_lib):
    lib, ids = harbour_lib
    db = lib.db
    split = lib.split_speaker("Ana Vidal", "Ana Vidaal")
    assert "conflicting_speaker" in [f["kind"] for f in report.flags_json(db)]
    same_as_rebuild(db)
    lib.set_decisions_active([split], False)
    same_as_rebuild(db)
    (fix,) = lib.review(ids["pier"], speaker="Ana Vidal")
    assert ids["pier"] in cluster_of(db, ids["full"])
    same_as_rebuild(db)
    lib.review(ids["anon"], speaker="a harbour worker")  # described only: unattributed (minor), not a person
    same_as_rebuild(db)
    lib.set_decisions_active([fix], False)
    same_as_rebuild(db)


def test_a_split_undoes_a_merge_and_a_merge_redoes_it(harbour_lib):
    lib, ids = harbour_lib
    db = lib.db
    ids["zarubkin"] = add_quote(db, 1, "The harbour dues stay as they are this year", "Afanasy Zarubkin")
    ids["zarubkin2"] = add_quote(db, 2, "The harbour dues stay as they are this year", "Afanasiy Zarubkin")
    analysis.rebuild(db)

    def together():
        sids = dict(db.execute("SELECT id, speaker_id FROM quotes"))
        return sids[ids["zarubkin"]] == sids[ids["zarubkin2"]]

    names = ["Afanasy Zarubkin", "Afanasiy Zarubkin"]
    assert together()  # one person already: a merge is refused as saying nothing
    with pytest.raises(LibraryError, match="already one speaker"):
        lib.merge_speakers(names)
    lib.split_speaker(*names)
    assert not together()
    assert any(s.name == "Afanasiy Zarubkin" for s in lib.speakers())
    assert "conflicting_speaker" in [f["kind"] for f in report.flags_json(db)]
    same_as_rebuild(db)
    lib.merge_speakers(names)
    assert together()
    same_as_rebuild(db)
    lib.split_speaker(*names)
    assert not together()
    same_as_rebuild(db)


def test_refresh_speakers_is_incremental_and_rebuilds_without_an_index(harbour):
    db, _ = harbour
    assert "moved" not in regroup.refresh_speakers(db)  # nothing indexed yet: a full rebuild
    assert "moved" in regroup.refresh_speakers(db)


def random_wording(rnd, said: list[str], words: list[str]) -> str:
    """A quote's words for a random project: one said before, it with a word changed, a fragment of it,
    or new words (kept in ``said``)."""
    roll = rnd.random()
    if said and roll < 0.3:
        return rnd.choice(said)
    if said and roll < 0.55:
        ws = rnd.choice(said).split()
        ws[rnd.randrange(len(ws))] = rnd.choice(words)
        return " ".join(ws)
    if said and roll < 0.7:
        ws = rnd.choice(said).split()
        k = rnd.randrange(len(ws) - 6)
        return " ".join(ws[k : k + rnd.randint(5, 7)])
    text = " ".join(rnd.choice(words) for _ in range(rnd.randint(8, 14)))
    said.append(text)
    return text


@pytest.mark.parametrize("seed", [5, 118785, 229651])  # the last two have equally good links to tell apart
def test_speaker_decisions_like_a_rebuild_on_a_bigger_project(seed):
    """Reworded copies, short cuts and spelling variants of a few people; every decision checked."""
    rnd = random.Random(seed)
    words = "harbour pier ferry grain terminal council budget school tram repairs march april bridge toll".split()
    people = ["Ana Vidal", "Ana Vidaal", "Luc Garnier", "L. Garnier", "Rosa Quint", "Olaf Berg", "the spokeswoman"]
    lib = Library.in_memory()
    db = lib.db
    statements = []
    for a in range(12):
        art = add_article(db, f"article {a}", f"{a}.txt", date=f"2026-02-{a + 1:02d}", outlet=f"Outlet {a % 4}")
        for _ in range(20):
            add_quote(db, art, random_wording(rnd, statements, words), rnd.choice(people + [None]))
    analysis.rebuild(db)
    assert len(report.clusters_json(db)) > 20
    quote_ids = [r[0] for r in db.execute("SELECT id FROM quotes")]
    merge = lib.merge_speakers(["Ana Vidal", "Luc Garnier"])
    same_as_rebuild(db)
    split = lib.split_speaker("Luc Garnier", "L. Garnier")
    same_as_rebuild(db)
    lib.set_decisions_active([merge], False)
    same_as_rebuild(db)
    for q in rnd.sample(quote_ids, 6):
        lib.review(q, speaker=rnd.choice(people + [""]))
        same_as_rebuild(db)
    spokeswomen = [s.id for s in lib.speakers() if s.name == "the spokeswoman"]  # one per article
    lib.merge_speakers(["Rosa Quint", "Olaf Berg", *spokeswomen])
    same_as_rebuild(db)
    lib.set_decisions_active([split], False)
    same_as_rebuild(db)


def test_pairs_between_two_speakers_from_stored_keys_are_those_the_postings_give():
    """A decision finds the candidate pairs between two speakers' quotes from each quote's stored 3-gram
    keys (``pairs_among``): every 3-gram of every quote counts, as it does when the postings of the
    quotes' own words are read (``pairs``)."""
    rnd = random.Random(7)
    words = "harbour pier ferry grain terminal council budget school tram repairs march april bridge toll".split()
    people = ["Ana Vidal", "Luc Garnier", "Rosa Quint"]
    db = store.memory_db()
    said: list[str] = []
    for a in range(10):
        art = add_article(db, f"article {a}", f"{a}.txt", date=f"2026-02-{a + 1:02d}")
        for _ in range(20):
            add_quote(db, art, random_wording(rnd, said, words), rnd.choice(people))
    analysis.rebuild(db)
    by_speaker = {
        name: {r[0] for r in db.execute("SELECT id FROM quotes WHERE speaker = ?", [name])} for name in people
    }
    near = StoredIndex(db)
    near.load(set().union(*by_speaker.values()))
    for one, other in [("Ana Vidal", "Luc Garnier"), ("Luc Garnier", "Rosa Quint")]:
        ids, among = by_speaker[one], by_speaker[one] | by_speaker[other]
        through_postings = {
            (a, b) for a, b in near.pairs(ids) if (a in ids and b in among) or (b in ids and a in among)
        }
        assert len(through_postings) > 50
        assert near.pairs_among(ids, among) == through_postings


def test_a_merge_into_a_speaker_with_a_primary_source_checks_the_moved_quotes_against_it():
    """The quotes a merge moves to a speaker whose own statement is in the project are checked against
    it, and lose that check when the merge is undone; quotes that move between speakers alike keep theirs."""
    lib = Library.in_memory()
    db = lib.db
    transcript = "Transcript.\nWe have ordered twelve new trains for the coastal line, and they arrive in May."
    add_article(db, transcript, "t.txt", primary_source_of="Rosa Quint", date="2026-01-10")
    a = add_article(db, "x", "a.txt", date="2026-01-11", outlet="Valley Post")
    b = add_article(db, "y", "b.txt", date="2026-01-12", outlet="Hill Times")
    add_quote(db, a, "We have ordered twelve new trains for the coastal line", "Rosa Quint")
    olaf = add_quote(db, b, "The old trains will be sold to a museum in the north", "Olaf Berg")
    add_quote(db, a, "Nobody here has seen the new timetable for the ferries yet", "Ida Lund")
    add_quote(db, b, "Nobody here has seen the new timetable for the ferries yet", "Per Holm")
    analysis.rebuild(db)

    def missing():
        return {f["quotes"][0]["quote_id"] for f in report.flags_json(db) if f["kind"] == "missing_from_primary"}

    assert missing() == set()
    merge = lib.merge_speakers(["Rosa Quint", "Olaf Berg"])
    assert missing() == {olaf}
    same_as_rebuild(db)
    lib.set_decisions_active([merge], False)
    assert missing() == set()
    same_as_rebuild(db)
    lib.merge_speakers(["Ida Lund", "Per Holm"])  # no conflict any more: the flag goes
    assert "conflicting_speaker" not in flag_kinds(db)
    same_as_rebuild(db)


def test_a_decision_rewrites_a_changed_flag_in_place_and_leaves_the_others(harbour_lib):
    """A merge that renames one of the two speakers of a statement changes the words of its
    conflicting-speaker flag, not the quotes it concerns: the flag keeps its row (a decision writes few
    pages), every other flag is untouched, and the result is a rebuild's."""
    lib, ids = harbour_lib
    db = lib.db
    ids["rosa"] = add_quote(db, 3, "Nobody here has seen the new timetable for the ferries yet", "Rosa Quint")
    ids["olaf"] = add_quote(db, 2, "Nobody here has seen the new timetable for the ferries yet", "Olaf Berg")
    add_quote(db, 1, "The tram line to the harbour opens in the autumn of next year", "Ida Lund")
    add_quote(db, 2, "The new bridge toll will be reviewed by the council in spring", "Ida Lund")
    analysis.rebuild(db)
    before = {r[0]: r[1:] for r in db.execute("SELECT id, kind, explanation FROM flags")}
    (conflict,) = [f["id"] for f in report.flags_json(db) if ids["rosa"] in {q["quote_id"] for q in f["quotes"]}]
    assert "Olaf Berg" in before[conflict][1]
    lib.merge_speakers(["Ida Lund", "Olaf Berg"])
    assert "Ida Lund" in {s.name for s in lib.speakers()}
    after = {r[0]: r[1:] for r in db.execute("SELECT id, kind, explanation FROM flags")}
    assert "Ida Lund" in after[conflict][1] and "Olaf Berg" not in after[conflict][1]
    assert {k: v for k, v in after.items() if k != conflict} == {k: v for k, v in before.items() if k != conflict}
    same_as_rebuild(db)
