"""One speaker across articles: a name in other capitals, a body and its acronym, a name written with a
description in apposition, a party's plural name; and what must stay apart."""

import json
import re

import pytest

from quotecheck import cli
from quotecheck.library import Library
from quotecheck.matching import analysis, units
from quotecheck.matching.speakers import Mention, group, normalise
from tests.test_analysis import add_article, add_quote, same_as_rebuild


def people(*mentions: tuple[str, int]) -> list[list[str]]:
    """The speakers grouped from ``(name, article_id)`` mentions, each as its sorted spellings."""
    return sorted(sorted(s.aliases) for s in group([Mention(n, a) for n, a in mentions]))


def test_one_word_name_in_other_capitals_across_articles_is_one_speaker():
    found = people(("FactLedger", 1), ("Factledger", 2), ("FactLedger", 3))
    assert found == [["FactLedger", "Factledger"]]


def test_a_description_in_other_capitals_across_articles_stays_apart():
    assert len(people(("the bank", 1), ("The bank", 2))) == 2


@pytest.mark.parametrize(
    ("acronym", "full"),
    [
        ("NWA", "Norland Water Agency"),
        ("ARWS", "Alliance to Restore Western Schools"),
        ("B.O.F.", "Bank of the Orvel Fund"),
        ("VPA", "Velmora Port Authority"),
    ],
)
def test_a_body_and_its_initials_are_one_speaker(acronym, full):
    assert people((acronym, 1), (full, 2), ("Ana Varga", 3)) == sorted([["Ana Varga"], sorted([acronym, full])])


def test_a_persons_initials_never_make_a_body():
    assert len(people(("AH", 1), ("Anton Holloway", 2))) == 2


def test_an_acronym_joins_the_name_it_abbreviates_not_a_part_of_it():
    found = people(("NWJ", 1), ("Norland Weekly Journal", 2), ("Norland Weekly Journal editorial board", 3))
    assert found == [["NWJ", "Norland Weekly Journal"], ["Norland Weekly Journal editorial board"]]


def test_an_acronym_is_no_persons_first_name():
    """'ROSE' of another article (a body's initials) is not the only Rose the project names; a caps
    surname in the article that names the person still is."""
    assert people(("Rose Delacroix", 1), ("ROSE", 2)) == [["ROSE"], ["Rose Delacroix"]]
    assert people(("Ada Brandt", 1), ("BRANDT", 1)) == [["Ada Brandt", "BRANDT"]]


def test_an_acronym_two_bodies_fit_joins_only_the_one_its_article_writes():
    found = people(("NWA", 1), ("Norland Water Agency", 1), ("Northern Wren Association", 2))
    assert found == [["NWA", "Norland Water Agency"], ["Northern Wren Association"]]
    assert len(people(("NWA", 3), ("Norland Water Agency", 1), ("Northern Wren Association", 2))) == 3


@pytest.mark.parametrize(
    "written",
    ["one of the family's lawyers, Ivo Brandt", "Ivo Brandt, a lawyer for the family"],
)
def test_a_name_written_with_a_description_is_that_person(written):
    [speaker] = group([Mention("Ivo Brandt", 1, 2), Mention(written, 2)])
    assert set(speaker.aliases) == {"Ivo Brandt", written}
    assert speaker.name == "Ivo Brandt"
    assert "lawyer" in speaker.aliases[written]
    assert not normalise(written).is_role


def test_a_suffix_after_a_comma_is_no_description():
    assert normalise("Ronald Brisk, Jr.").suffix == "jr"
    assert normalise("Ronald Brisk, Jr.").described_as == ""


def test_a_party_plural_name_is_one_speaker_but_a_description_stays_per_article():
    found = people(("Democrats", 1), ("Democrats", 2), ("the Democrats", 3), ("a senior official", 1))
    found += people(("a senior official", 2))
    assert sorted(found) == [
        ["Democrats", "the Democrats"],
        ["a senior official"],
        ["a senior official"],
    ]


def test_speakers_cli_lists_the_joined_speakers(tmp_path, capsys):
    """Through the project and the CLI: each join lists every spelling the articles use."""
    path = tmp_path / "case.qcproj"
    lib = Library(path)
    spoken = [
        "FactLedger",
        "Factledger",
        "NWA",
        "Norland Water Agency",
        "an aide to the mayor, Ivo Brandt",
        "Ivo Brandt",
        "Republicans",
        "Republicans",
        "a senior official",
        "a senior official",
    ]
    for n, speaker in enumerate(spoken):
        art = add_article(lib.db, f"article {n}", f"a{n}.txt")
        add_quote(lib.db, art, f"The tram line {n} opens next spring as planned", speaker)
    analysis.rebuild(lib.db)
    lib.close()
    assert cli.main(["speakers", str(path), "--json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.strip()]
    spellings = sorted(sorted(r["aliases"]) for r in rows)
    assert spellings == [
        ["FactLedger", "Factledger"],
        ["Ivo Brandt", "an aide to the mayor, Ivo Brandt"],
        ["NWA", "Norland Water Agency"],
        ["Republicans"],
        ["a senior official"],
        ["a senior official"],
    ]
    assert next(r for r in rows if r["name"] == "Republicans")["quotes"] == 2


def test_an_import_joins_an_acronym_as_a_rebuild_does():
    """An import into a grouped project reads only what grouping the new article needs: the article
    that writes an acronym and one of two bodies it fits is still asked which body it writes."""
    lib = Library.in_memory()
    db = lib.db
    for n, name in enumerate(["Norland Water Agency", "Northern Wren Association"]):
        art = add_article(db, f"article {n}", f"full{n}.txt")
        add_quote(db, art, f"The tram line {n} opens next spring as planned", name)
    analysis.rebuild(db)
    units.forget(db)  # as a new session importing into the project
    art = add_article(db, "both", "both.txt")
    add_quote(db, art, "Water bills rise by a tenth next year", "Norland Water Agency")
    add_quote(db, art, "We never promised a new reservoir", "NWA")
    assert analysis.update(db, [art], small=0).get("incremental")
    joined = [s for s in lib.speakers() if "NWA" in s.aliases]
    assert [sorted(s.aliases) for s in joined] == [["NWA", "Norland Water Agency"]]
    same_as_rebuild(db)


@pytest.fixture
def two_officials(tmp_path):
    """Two articles quote "a senior official" (two people, maybe); a third names a person."""
    path = tmp_path / "officials.qcproj"
    with Library(path) as lib:
        for n, (outlet, date) in enumerate([("The Ledger", "2026-03-02"), ("Orvel Post", "2026-03-05")]):
            art = add_article(lib.db, f"article {n}", f"a{n}.txt", outlet=outlet, date=date)
            add_quote(lib.db, art, f"The tram line {n} opens next spring as planned", "a senior official")
        art = add_article(lib.db, "named", "named.txt", title="Orvel council votes on the tram")
        add_quote(lib.db, art, "We never promised a bridge", "Ivo Brandt")
        analysis.rebuild(lib.db)
    return path


def test_speakers_written_alike_say_where_they_are_quoted(two_officials, capsys):
    assert cli.main(["speakers", str(two_officials)]) == 0
    listed = sorted(re.sub(r"^\s*\d+\s+\d+ quotes?\s+", "", line) for line in capsys.readouterr().out.splitlines())
    assert listed == [
        "Ivo Brandt",
        "a senior official  (in Orvel Post, 2026-03-05)",
        "a senior official  (in The Ledger, 2026-03-02)",
    ]


def test_the_speaker_list_shows_where_rows_written_alike_are_quoted(qtbot, two_officials):
    from quotecheck.ui.models import SpeakerModel

    model = SpeakerModel()
    with Library(two_officials) as lib:
        model.set_speakers(lib.speakers())
    shown = sorted(model.data(model.index(row, 0)) for row in range(model.rowCount()))
    assert shown == [
        "Ivo Brandt",
        "a senior official (Orvel Post, 2026-03-05)",
        "a senior official (The Ledger, 2026-03-02)",
    ]
