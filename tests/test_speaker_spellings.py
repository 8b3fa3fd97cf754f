"""Every spelling an article uses for a person is among that person's names in the speaker list."""

import hashlib

from quotecheck.matching import analysis, report
from quotecheck.project import store


def _article(db, text, path):
    digest = hashlib.sha256((path + text).encode()).hexdigest()
    row = {"path": path, "content_hash": digest, "text": text, "paragraphs": "[]", "ingested_at": "2026-11-22T00:00"}
    return db["articles"].insert(row).last_pk


def _quote(db, article_id, text, speaker, mention, **extra):
    row = {"article_id": article_id, "start": 0, "end": len(text), "text": text, "speaker": speaker}
    row.update(mention=mention, kind="direct", confidence=0.9, **extra)
    return db["quotes"].insert(row).last_pk


def test_a_spelling_folded_into_another_in_the_same_article_is_kept_as_a_name():
    db = store.memory_db()
    a = _article(db, "Yuri Varnov said one thing. Later Yury Varnov said another.", "a.txt")
    _quote(db, a, "one thing", "Yuri Varnov", "Yuri Varnov")
    _quote(db, a, "another", "Yuri Varnov", "Yury Varnov")
    _quote(db, a, "a third", "Yuri Varnov", "the Kremlin aide")
    _quote(db, a, "a fifth", "Yuri Varnov", "Minister Yuri Varnov")
    _quote(db, a, "a fourth", "Yuri Varnov", "Yuriy Varnov", reviewed_speaker="Ivan Petrov")
    analysis.assign_speakers(db)
    people = {s["name"]: set(s["aliases"]) for s in report.speakers_json(db)}
    assert people["Yuri Varnov"] >= {"Yuri Varnov", "Yury Varnov"}
    assert "the Kremlin aide" not in people["Yuri Varnov"]  # a description is no spelling of the name
    assert "Minister Yuri Varnov" not in people["Yuri Varnov"]  # nor is the name with a title
    assert "Yuriy Varnov" not in people["Yuri Varnov"]  # a person's correction outranks the engine's reading
    assert len(people) == 2
