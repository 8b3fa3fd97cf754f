"""The speakers a project lists are people, bodies or descriptions as the article words them.

Invented articles: a labelled box, an abstract noun, a name cut at an initial, a party-and-place tag,
a signature after a dash and two places that differ in one word. Each must come out as a named
speaker or as no speaker, never as the common noun or the fragment.
"""

from __future__ import annotations

import pytest

from quotecheck.engine.extract import extract_text
from quotecheck.engine.ranker import speaker_shape
from quotecheck.engine.resolve import EntityTable


@pytest.mark.parametrize(
    "words",
    [
        "a box",
        "bias",
        "softer wording",
        "Tomas K",
        "D-Millbrook Falls",
        "his ledger just",
        "a crate labelled",
        "Harbour Gov.",
        "Coast Guard 2nd",
    ],
)
def test_words_that_name_nobody_are_no_speaker(words):
    assert speaker_shape(words) is None


@pytest.mark.parametrize(
    "words",
    [
        "a person close to the mayor",
        "an Ohio Republican",
        "the harbour workers' union",
        "several fishermen",
        "the 46-year-old",
        "one of her aides",
        "a spokeswoman for the port",
        "Kim Jong Un",
        "the ferry operator",
        "Gov. Ann Roe",
        "Martin Dale Jr.",
        "a pilot who flew the route",
    ],
)
def test_descriptions_and_names_stay_as_written(words):
    assert speaker_shape(words) == words


def test_edge_marks_are_not_part_of_a_name():
    assert speaker_shape("― Mira Okonjo") == "Mira Okonjo"


def _speakers(text: str) -> set[str]:
    return {q.speaker for q in extract_text(text) if q.speaker}


def test_a_labelled_object_is_not_a_speaker():
    found = _speakers(
        "Inspectors at the Dunmore depot opened crates on Tuesday.\n"
        "In one corner stood a box labeled “fragile, keep upright” that nobody had touched.\n"
        "“We found nothing missing from the inventory,” inspector Ruth Calloway said.\n"
    )
    assert "a box" not in found
    assert "Ruth Calloway" in found


def test_a_sea_is_no_speaker_unless_it_says_something():
    """A place the tagger calls a location speaks only as the subject of a verb of saying."""
    found = _speakers(
        "Across the region, the Kastren Sea has become a “flashpoint” for the navies.\n"
        "“No ship will be stopped,” Admiral Tomas Brandt said.\n"
    )
    assert found == {"Tomas Brandt"}


def test_two_places_sharing_a_word_stay_two():
    table = EntityTable()
    north = table.add_name("North Valdoria", "GPE", 0)
    south = table.add_name("South Valdoria", "GPE", 40)
    assert north is not south
    assert south.name == "South Valdoria"


def test_a_person_still_joins_a_close_spelling():
    table = EntityTable()
    first = table.add_name("Yelena Marsh", "PERSON", 0)
    assert table.add_name("Jelena Marsh", "PERSON", 40) is first


def test_initials_join_the_forenames_they_open():
    """ "L.H. Brandt" (a firm named after its founder) beside "Laurence Brandt": one person, so "Mr.
    Brandt" after both is him, not a second speaker; initials of other forenames stay apart."""
    table = EntityTable()
    first = table.add_name("Laurence Brandt", "PERSON", 0)
    assert table.add_name("L.H. Brandt", "PERSON", 40) is first
    assert table.add_name("K. Brandt", "PERSON", 80) is not first
    quotes = extract_text(
        "Laurence Brandt, a former bank governor, spoke on Monday.\n\n"
        "“We do not care about other banks at all,” said Mr. Brandt, who runs L.H. Brandt, a research firm.\n"
    )
    assert [q.speaker for q in quotes] == ["Laurence Brandt"]


def test_one_of_a_group_speaks_under_the_name_that_closes_it():
    """A subject the tagger reads as a number ("One of …", "Two of …") is a member of a group; set off by
    commas, a full name closing it is the speaker, even when the parser hangs it inside the phrase."""
    quotes = extract_text(
        "The family met the press on Tuesday.\n\n"
        "One of the family's lawyers, Justin Orvel, said “the police have not released the video.”\n\n"
        "One of her former supporters who still backs Holloway, former state Rep. Ada Marsh, lives in "
        "the district and wrote in an email that the campaign was “tragic in a year like this.”\n\n"
        "Two of the officers said “we saw nothing at all.”\n",
        reported=True,
    )
    by_text = {q.text.split()[0]: q.speaker for q in quotes}
    assert by_text == {"the": "Justin Orvel", "tragic": "Ada Marsh", "we": "Two of the officers"}
    # the name followed by where the person is from
    for where in ("Fenwick", "Fenwick, Calloway"):
        said = extract_text(
            f"Outside, about 200 protesters marched. One of them, Dolores Whitaker of {where}, said she would"
            " write in another name in November.",
            reported=True,
        )
        assert [q.speaker for q in said] == ["Dolores Whitaker"], where


def test_a_title_of_the_other_gender_is_not_the_spouse():
    """A couple sharing a surname: the wife is named in full with a family role, the husband only as
    "Mr. Roe". His quotes must not go to her (a wrong speaker shown with a reason looks convincing)."""
    quotes = extract_text(
        "Campaign turns to a famous couple\n\n"
        "Mr. Holloway spoke at a dinner in Norvale on Saturday night.\n"
        "“Our progress is on the ballot this year,” Mr. Holloway said.\n"
        "The campaign plans to use Mr. Holloway and the first lady, Margaret Holloway, in the coming weeks.\n"
        "“We will travel to every county,” Margaret Holloway said.\n"
    )
    by_text = {q.text.split()[0]: q.speaker for q in quotes}
    assert by_text["Our"] != "Margaret Holloway"
    assert by_text["We"] == "Margaret Holloway"


def test_a_head_run_into_the_body_he_heads_is_the_person():
    """The tagger reads "the head of Latvian Railways Pavel Sorokin" as one body; the article names him
    apart later. He is "Pavel Sorokin", never a person called "Railways Pavel Sorokin", and the body's
    short name ("the Railways reported") is the body, not him."""
    quotes = extract_text(
        "Talks on rail link resume\n\n"
        "The delegation included Foreign Minister Tom Wren, Transport Minister Jan Marsh and the head of "
        "Latvian Railways Pavel Sorokin. A statement has not been scheduled.\n\n"
        "Earlier the Railways reported that both sides are ready to study the terms of the project.\n\n"
        "According to Pavel Sorokin, general director of Latvian Railways, the link will cost $2 billion "
        "and can be built in four years.\n",
        reported=True,
    )
    by_text = {q.text.split()[0]: q.speaker for q in quotes}
    assert by_text["the"] == "Pavel Sorokin"
    assert by_text["that"] == "Latvian Railways"


@pytest.mark.parametrize("name, later", [("Marieke in 't Hout", "In 't Hout"), ("Kees ter Horst", "Ter Horst")])
def test_a_name_with_particles_stays_whole(name, later):
    """The tagger cuts "Kees ter Horst" into "Kees" and "Horst" (and "Marieke in 't Hout" into a person
    and a body): the speaker is the whole name, also where the article writes the surname alone."""
    quotes = extract_text(
        "Talks stall in the assembly\n\n"
        f"“Europe is coming apart as we speak,” said {name}, a Dutch member of the assembly. "
        "“It is a risk everywhere.”\n\n"
        f"{later} sees parallels with the vote. “We should worry,” {later} said.\n"
    )
    assert [q.speaker for q in quotes] == [name] * 3


def test_they_placed_in_a_capital_are_its_officials():
    """ "In Oslo they said …" credits the capital, not the last plural noun before it ("the parties")."""
    quotes = extract_text(
        "Summit ends without a deal\n\n"
        "The two leaders met in Hanoi in February. The parties could not agree on anything. "
        "Even in Oslo they said they were disappointed with the results of the summit.\n",
        reported=True,
    )
    said = [q for q in quotes if q.text.startswith("they were disappointed")]
    assert [q.speaker for q in said] == ["Oslo"]


def test_a_reader_is_a_role_not_part_of_the_name():
    """ "Reader Ida Marsh wrote:" after a sentence about something else: Ida Marsh speaks, "reader" is her
    role, as "Resident Ida Marsh" or "Councillor Ida Marsh" is."""
    quotes = extract_text(
        "Letters\n\n"
        "The pier was closed again on Monday, the third time this month.\n\n"
        "Reader Ida Marsh wrote: “The pier is always closed and nobody at the harbour office seems to care.” "
        "Another reader, Tom Wren, said he had stopped going there.\n"
    )
    assert [q.speaker for q in quotes] == ["Ida Marsh"]
