"""Test projects for the window, written straight into a project file.

The window's tests must not wait for the extraction engine or the matching: these helpers store
articles, quotes, speakers, statement clusters and flags as rows, so every view has something real
to show. Only tests touch the database like this; the window goes through ``Library``.
"""

from __future__ import annotations

import hashlib
import json
import random
from pathlib import Path

from quotecheck.io.ingest import paragraph_spans
from quotecheck.model import Quote
from quotecheck.project import store

# (paragraph, quote words, speaker, mention, cue, confidence, reason)
ARTICLES = [
    {
        "path": "kallpress.md",
        "title": "Kallmark, Ostrevia agree to raise dam releases",
        "outlet": "Kallpress",
        "author": "Jonah Vell",
        "date": "2025-03-12",
        "url": "https://kallpress.example/dam",
        "quotes": [
            (
                "“Releases from the Zoryan dam will rise by 40 percent from the first of April,” Minister Ilse "
                "Brannoch told a news conference.",
                "Releases from the Zoryan dam will rise by 40 percent from the first of April,",
                "Ilse Brannoch",
                "Minister Ilse Brannoch",
                "told",
                0.93,
                "named speaker after the quote with 'told'",
            ),
            (
                "“We are ready to discuss a longer arrangement,” Deputy Foreign Minister Afanasiy Zarubkin said.",
                "We are ready to discuss a longer arrangement,",
                "Afanasiy Zarubkin",
                "Afanasiy Zarubkin",
                "said",
                0.9,
                "named speaker with 'said'",
            ),
            (
                "“Water belongs to the river before it belongs to any state,” she said.",
                "Water belongs to the river before it belongs to any state,",
                "Ilse Brannoch",
                "she",
                "said",
                0.72,
                "pronoun 'she' resolved to the last named woman",
            ),
        ],
    },
    {
        "path": "courier.md",
        "title": "Valley doubts over water deal",
        "outlet": "Brennick Courier",
        "author": "Mara Koss",
        "date": "2025-03-13",
        "url": "https://courier.example/valley",
        "quotes": [
            (
                "Minister Ilsa Brannoch promised that “releases will rise by 14 percent from April,” the "
                "Courier was told.",
                "releases will rise by 14 percent from April,",
                "Ilsa Brannoch",
                "Minister Ilsa Brannoch",
                "promised",
                0.81,
                "named speaker before the quote",
            ),
            (
                "“We never agreed to a longer arrangement,” Afanasy Zarubkin said.",
                "We never agreed to a longer arrangement,",
                "Afanasy Zarubkin",
                "Afanasy Zarubkin",
                "said",
                0.88,
                "named speaker with 'said'",
            ),
            (
                "“The farmers will judge it by the water,” a spokesman said.",
                "The farmers will judge it by the water,",
                None,
                None,
                "said",
                0.2,
                "no named speaker: 'a spokesman'",
            ),
        ],
    },
    {
        "path": "ledger.md",
        "title": "Analysis: a fragile truce on the Dravenka",
        "outlet": "Continental Ledger",
        "author": None,
        "date": "2025-03-15",
        "url": None,
        "quotes": [
            (
                "Zarubkin insisted that Ostrevia had “always honoured its obligations” on the river.",
                "always honoured its obligations",
                "Afanasiy Zarubkin",
                "Zarubkin",
                "insisted",
                0.66,
                "surname matches an earlier full name",
            ),
            (
                "“Water belongs to the river,” Zarubkin said, echoing the minister.",
                "Water belongs to the river,",
                "Afanasiy Zarubkin",
                "Zarubkin",
                "said",
                0.61,
                "named speaker with 'said'",
            ),
        ],
    },
]

SPEAKERS = {
    "Ilse Brannoch": ["Ilse Brannoch", "Brannoch"],
    "Ilsa Brannoch": ["Ilsa Brannoch"],
    "Afanasiy Zarubkin": ["Afanasiy Zarubkin", "Zarubkin"],
    "Afanasy Zarubkin": ["Afanasy Zarubkin"],
}

# statements: [(article index, quote index), ...] with flags (kind, severity, explanation)
CLUSTERS = [
    ([(0, 0), (1, 0)], [("wording_drift", "severe", "The number differs: 40 percent against 14 percent.")]),
    ([(0, 1), (1, 1)], [("wording_drift", "severe", "A negator was added: 'never agreed'.")]),
    (
        [(0, 2), (2, 1)],
        [
            (
                "conflicting_speaker",
                "severe",
                "Kallpress gives these words to Ilse Brannoch, the Ledger to Afanasiy Zarubkin.",
            )
        ],
    ),
]
SINGLE_FLAGS = [
    ((1, 2), ("unattributed", "moderate", "No speaker was found for this quote.")),
    ((2, 0), ("fragment", "minor", "A fragment of a longer statement.")),
]


def article_text(spec: dict) -> str:
    return spec["title"] + "\n\n" + "\n\n".join(p for p, *_rest in spec["quotes"]) + "\n"


def build_project(path: str | Path, *, extra_quotes: int = 0, seed: int = 7) -> dict:
    """Write the fixture project; returns ids: ``quotes[(article, quote)]``, ``articles``, ``speakers``.

    ``extra_quotes`` adds that many filler quotes over filler articles, for scale.
    """
    db = store.open_db(path)
    ids: dict = {"articles": [], "quotes": {}, "speakers": {}}
    with store.transaction(db):
        for name in SPEAKERS:
            sid = db["speakers"].insert({"name": name, "kind": "person"}).last_pk
            ids["speakers"][name] = sid
            for alias in SPEAKERS[name]:
                db["speaker_aliases"].insert({"speaker_id": sid, "alias": alias, "evidence": "fixture"})
        for a_index, spec in enumerate(ARTICLES):
            text = article_text(spec)
            article_id = _insert_article(db, spec, text)
            ids["articles"].append(article_id)
            offset = len(spec["title"]) + 2
            for q_index, (para, words, speaker, mention, cue, conf, reason) in enumerate(spec["quotes"]):
                start = offset + para.index(words)
                s_start = offset + para.index(mention) if mention else None
                row = {
                    "article_id": article_id,
                    "start": start,
                    "end": start + len(words),
                    "text": words,
                    "paragraph": q_index + 1,
                    "speaker": speaker,
                    "mention": mention,
                    "speaker_start": s_start,
                    "speaker_end": s_start + len(mention) if mention else None,
                    "cue": cue,
                    "kind": "direct",
                    "confidence": conf,
                    "reason": reason,
                    "speaker_id": ids["speakers"].get(speaker),
                }
                ids["quotes"][(a_index, q_index)] = db["quotes"].insert(row).last_pk
                offset += len(para) + 2
        for members, flags in CLUSTERS:
            quote_ids = [ids["quotes"][m] for m in members]
            cid = (
                db["clusters"]
                .insert({"kind": "statement", "root_quote_id": quote_ids[0], "first_quote_id": quote_ids[0]})
                .last_pk
            )
            for qid in quote_ids:
                db["cluster_members"].insert({"cluster_id": cid, "quote_id": qid, "role": "member", "score": 0.9})
            for kind, severity, explanation in flags:
                fid = (
                    db["flags"]
                    .insert({"kind": kind, "severity": severity, "explanation": explanation, "cluster_id": cid})
                    .last_pk
                )
                for qid in quote_ids:
                    db["flag_quotes"].insert({"flag_id": fid, "quote_id": qid})
        for member, (kind, severity, explanation) in SINGLE_FLAGS:
            fid = db["flags"].insert({"kind": kind, "severity": severity, "explanation": explanation}).last_pk
            db["flag_quotes"].insert({"flag_id": fid, "quote_id": ids["quotes"][member]})
        if extra_quotes:
            _filler(db, extra_quotes, seed, list(ids["speakers"].values()))
    db.close()
    return ids


def _insert_article(db, spec: dict, text: str) -> int:
    return (
        db["articles"]
        .insert(
            {
                "path": spec["path"],
                "content_hash": hashlib.sha256(text.encode()).hexdigest(),
                "text": text,
                "paragraphs": json.dumps(paragraph_spans(text)),
                "ingested_at": "2026-11-22T00:00:00+00:00",
                **{k: spec.get(k) for k in ("title", "outlet", "author", "date", "url")},
            }
        )
        .last_pk
    )


WORDS = (
    "water dam river farmers minister agreement talks border release flow percent season summer "
    "engineers commission rationing valley trial data obligations delegation reservoir"
).split()


def _filler(db, n: int, seed: int, speaker_ids: list[int]) -> None:
    rng = random.Random(seed)
    per_article = 20
    flag_id = db["flags"].insert({"kind": "wording_drift", "severity": "minor", "explanation": "filler"}).last_pk
    for a in range(0, n, per_article):
        sentences = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 16))) for _ in range(per_article)]
        paras = [f"“{s},” an official said." for s in sentences[: min(per_article, n - a)]]
        text = f"Filler {a}\n\n" + "\n\n".join(paras) + "\n"
        spec = {
            "path": f"filler/{a}.txt",
            "title": f"Filler article {a}",
            "outlet": rng.choice(["Kallpress", "Osta Wire", "Valley Gazette", "Brennick Courier"]),
            "date": f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        }
        article_id = _insert_article(db, spec, text)
        rows, pos = [], len(f"Filler {a}") + 2
        for p in paras:
            words = p[1 : p.index(",”") + 1]
            rows.append(
                {
                    "article_id": article_id,
                    "start": pos + 1,
                    "end": pos + 1 + len(words),
                    "text": words,
                    "speaker": "an official",
                    "mention": "an official",
                    "cue": "said",
                    "kind": "direct",
                    "confidence": round(rng.random(), 2),
                    "reason": "filler",
                    "speaker_id": rng.choice(speaker_ids),
                }
            )
            pos += len(p) + 2
        db["quotes"].insert_all(rows)
    for qid in [r[0] for r in db.execute("SELECT id FROM quotes ORDER BY random() LIMIT ?", [max(1, n // 50)])]:
        db.execute("INSERT OR IGNORE INTO flag_quotes (flag_id, quote_id) VALUES (?, ?)", [flag_id, qid])


class FakeExtractor:
    """Stands in for the extraction engine in import tests: every quote-mark run, no speaker."""

    def __init__(self, delay: float = 0.0):
        self.delay = delay

    def extract(self, article, on_section=None) -> list[Quote]:
        import time

        from quotecheck.engine.quotes import scan

        if self.delay:
            time.sleep(self.delay)
        return [
            Quote(start=r.start, end=r.end, text=article.text[r.start : r.end], confidence=0.1, reason="fake extractor")
            for r in scan(article.text)
        ]

    def extract_many(self, articles, **_options):  # the engine's options (processes, batches, sections)
        for article in articles:
            yield article, self.extract(article)


def drop_event(window, paths):
    """A drop of these files on the middle of ``window``, as the desktop sends it (QTest cannot drag)."""
    from PySide6.QtCore import QMimeData, Qt, QUrl
    from PySide6.QtGui import QDropEvent

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(
        window.rect().center().toPointF(),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    event.mime = mime  # the event does not own its data: keep it alive as long as the event
    return event
