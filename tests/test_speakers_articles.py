"""Joins the names alone cannot make but one article can: a suffix written on one spelling only, and a
description in other capitals. Invented people."""

from __future__ import annotations

from quotecheck.matching.speakers import Grouping, Mention, group


def _people(mentions: list[Mention]) -> dict[str, set[str]]:
    return {p.name: set(p.aliases) for p in group(mentions)}


def test_a_suffix_on_one_spelling_joins_where_an_article_writes_both():
    people = _people([Mention("Joseph R. Varga Jr.", 1), Mention("Joe Varga", 1)])
    assert list(people.values()) == [{"Joseph R. Varga Jr.", "Joe Varga"}]
    evidence = group([Mention("Joseph R. Varga Jr.", 1), Mention("Joe Varga", 1)])[0].aliases
    assert "in the article that writes both" in " ".join(evidence.values())


def test_a_suffix_on_one_spelling_stays_apart_on_the_names_alone():
    people = _people([Mention("Joseph R. Varga Jr.", 1), Mention("Joe Varga", 2)])
    assert len(people) == 2  # "Joe Varga" of article 2 may be the father


def test_father_and_son_stay_apart():
    # both suffixes in the article: "Joe Varga" could be either
    people = _people([Mention("Joseph R. Varga Jr.", 1), Mention("Joe Varga", 1), Mention("Joseph R. Varga Sr.", 1)])
    assert len(people) == 3
    # the very same name without the suffix, beside it: as likely the father
    assert len(_people([Mention("Ronald Holloway Jr.", 1), Mention("Ronald Holloway", 1)])) == 2
    # a suffix differing on both sides never joins
    assert len(_people([Mention("Ronald Holloway Jr.", 1), Mention("Ron Holloway Sr.", 1)])) == 2


def test_a_description_in_other_capitals_is_one_speaker_in_its_article():
    people = _people(
        [
            Mention("The Bank", 1, 2),
            Mention("the bank", 1),
            Mention("the bank", 2),
            Mention("The spokesman", 3),
            Mention("the spokesman", 3),
            Mention("the spokesman", 4),
        ]
    )
    assert people["The Bank"] == {"The Bank", "the bank"}
    assert people["the bank"] == {"the bank"}  # another article's bank may be any bank
    assert {"The spokesman", "the spokesman"} in people.values()
    assert sum(1 for aliases in people.values() if aliases == {"the spokesman"}) == 1


def test_a_reviewer_split_keeps_the_cased_description_apart():
    grouping = Grouping([Mention("The Bank", 1), Mention("the bank", 1)])
    assert len(grouping.people()) == 1
    split = grouping.people([("split", {"alias": "the bank", "from": "The Bank"})])
    assert len(split) == 2
