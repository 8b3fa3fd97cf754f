"""Flags redone from what they depend on: ``analysis.reflag`` and the flag-kind registry."""

from pathlib import Path

import pytest
from test_analysis import FULL, add_article, add_quote

from quotecheck.matching import analysis, report
from quotecheck.matching.flags import CAUSES, KINDS, REGISTRY, depending_on
from quotecheck.project import store


@pytest.fixture
def every_kind():
    """A small project with at least one flag of every kind after a rebuild."""
    db = store.memory_db()
    a = add_article(db, f"Ms Ana Vidal said: “{FULL}.”", "a.txt", outlet="Valley Post", date="2026-03-02")
    b = add_article(db, "Vidal: the pier shuts", "b.txt", outlet="Hill Times", date="2026-03-01")
    c = add_article(db, "Ferries move", "c.txt", outlet="Coast News", date="2026-03-04", translated_from="es")
    d = add_article(db, "Lund speaks", "d.txt", outlet="Bay Courier", date="2026-03-05")
    add_article(
        db,
        "Statement. The harbour authority will close the southern pier in May. Questions followed.",
        "statement.txt",
        outlet="Harbour Authority",
        date="2026-03-01",
        primary_source_of="Ana Vidal",
    )
    add_quote(db, a, FULL, "Ana Vidal")
    add_quote(db, b, "close the northern pier for repairs in March", "Mayor Ana Vidal")
    add_quote(db, c, FULL.replace("March", "April").replace("old grain", "former grain"), "Ana Vidaal")
    add_quote(db, d, FULL, "Per Lund")
    add_quote(db, b, "Nobody told the ferry crews anything", None, confidence=0.7)
    analysis.rebuild(db)
    return db


def kinds_of(db) -> set[str]:
    return {f["kind"] for f in report.flags_json(db)}


def drop_flags(db) -> None:
    db.execute("DELETE FROM flag_quotes")
    db.execute("DELETE FROM flags")


def test_reflag_of_everything_gives_what_a_rebuild_gave(every_kind):
    db = every_kind
    assert kinds_of(db) == set(REGISTRY)  # the kinds written by rules; LINK_KINDS come with their links
    before = report.snapshot(db)
    drop_flags(db)
    statements = [r[0] for r in db.execute("SELECT id FROM clusters")]
    assert analysis.reflag(db, statements=statements, quotes=None) == len(before["flags"])
    assert report.snapshot(db) == before


def test_reflag_redoes_only_the_kinds_that_depend_on_the_cause(every_kind):
    db = every_kind
    before = report.snapshot(db)
    statements = [r[0] for r in db.execute("SELECT id FROM clusters")]
    for cause in sorted(CAUSES):
        drop_flags(db)
        analysis.reflag(db, statements=statements, quotes=None, because={cause})
        assert kinds_of(db) == {k.name for k in REGISTRY.values() if cause in k.depends_on}
    drop_flags(db)
    analysis.reflag(db, statements=statements, quotes=None, because={"speakers"})
    analysis.reflag(db, statements=statements, quotes=None, because={"wording"})
    assert report.snapshot(db) == before  # together the causes cover every kind, each flag once


def test_a_reflag_of_some_quotes_leaves_the_others_alone(every_kind):
    db = every_kind
    before = report.flags_json(db)
    unattributed = next(f for f in before if f["kind"] == "unattributed")
    others = [f["id"] for f in before if f["kind"] != "unattributed"]
    analysis.reflag(db, quotes=[q["quote_id"] for q in unattributed["quotes"]], because={"speakers"})
    after = report.flags_json(db)
    assert [f["id"] for f in after if f["kind"] != "unattributed"] == others
    assert [(f["kind"], f["quotes"]) for f in after if f["kind"] == "unattributed"] == [
        ("unattributed", unattributed["quotes"])
    ]


def test_every_kind_declares_its_causes_and_has_a_style_in_the_window():
    style = (Path(__file__).resolve().parent.parent / "ui" / "style.py").read_text(encoding="utf-8")
    for kind in REGISTRY.values():
        assert kind.depends_on and kind.depends_on <= CAUSES, kind.name
        assert kind.scope in ("member", "statement", "quote"), kind.name
        assert f'"{kind.name}"' in style, f"{kind.name} has no style in ui/style.py"
    assert {k.name for k in depending_on(CAUSES)} == set(REGISTRY)
    for name in set(KINDS) - set(REGISTRY):
        assert f'"{name}"' in style, f"{name} has no style in ui/style.py"
    with pytest.raises(ValueError, match="unknown flag causes"):
        depending_on({"weather"})
