"""A source's words read as a person, a body or a description as written, never a fragment of the sentence.

Invented articles. Some parses are set by hand where the tagger's slip is the point (a surname tagged a
verb, a headline surname run into the next capitalised word): the reader must take them as it finds them.
"""

from __future__ import annotations

import pytest
from spacy.tokens import Span

from quotecheck.engine.attribute import Attributor
from quotecheck.engine.extract import extract_text, load_nlp
from quotecheck.engine.quotes import scan
from quotecheck.engine.resolve import clean_name


def _reported(text: str) -> list[tuple[str | None, str | None]]:
    return [(q.speaker, q.mention) for q in extract_text(text, reported=True) if q.kind == "indirect"]


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def test_a_time_between_the_source_and_its_clause_is_no_part_of_it():
    found = _reported(
        "Orvel pollster Ann Brandt released data Monday morning that suggest moderate voters — nearly a third "
        "of the base — are being ignored by their candidates.\n"
    )
    assert found, "the reported claim is found"
    for speaker, mention in found:
        for words in (speaker or "", mention or ""):
            assert "Monday" not in words and "morning" not in words
            assert not words.endswith((" a", "—"))


def test_voters_going_to_the_polls_are_the_voters_not_a_cut_phrase():
    found = _reported(
        "Large majorities of Liberal primary voters in six states going to the polls on Super Tuesday said they "
        "support a plan to widen the harbour.\n"
    )
    assert [s for s, _ in found] == ["large majorities of Liberal primary voters in six states"]


def test_a_body_named_before_a_spaced_dash_ends_at_the_dash():
    found = _reported(
        "Ferry fares will rise, according to the Harbour Policy Center - half of the riders pay full fare.\n"
    )
    assert [s for s, _ in found] == ["Harbour Policy Center"]


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("the Harbour Policy Center - half", "the Harbour Policy Center"),
        ("Wren Institute -- which", "Wren Institute"),
        ("Anne-Marie Orvel", "Anne-Marie Orvel"),
        ("Harbour Board — Ann Roe", "Harbour Board — Ann Roe"),
    ],
)
def test_clean_name_drops_a_lower_case_tail_after_a_spaced_dash(written, name):
    assert clean_name(written) == name


def test_a_description_keeps_its_of_whom_antecedent_across_a_dash():
    found = _reported(
        "Calloway unveiled a list of endorsements from 95 retired captains and pilots -- most of whom said the "
        "harbour plan was sound.\n"
    )
    assert [s for s, _ in found] == ["95 retired captains and pilots"]


def test_a_surname_tagged_as_a_verb_with_a_time_after_it_is_the_person(nlp):
    doc = nlp("Tom Bolt spent the week in Dunmore.\n\nBolt this week also said he would name Pia Marsh to the board.\n")
    bolt = next(t for t in doc if t.text == "Bolt" and t.i > 3)
    week = doc[bolt.i + 2]
    assert week.text == "week"
    bolt.pos_, bolt.tag_ = "VERB", "VB"  # the tagger's slip: a surname read as the verb it spells
    week.head = bolt  # and the time hung on it, as the parser hangs it
    doc.ents = [e for e in doc.ents if not e.start <= bolt.i < e.end]
    att = Attributor(doc, scan(doc.text))
    span, said, res = att.mentions.read(bolt)
    assert said == "Bolt"
    assert res.speaker == "Tom Bolt"


def _headline_read(nlp, body: str):
    """What the reader makes of "May" in the title-case headline "Varga May Not Back A Harbour Levy, …",
    parsed as the tagger slips on it (one name "Varga May", the headline's words untagged), over ``body``."""
    doc = nlp(f"Varga May Not Back A Harbour Levy, But He Fully Supports One\n\n{body}\n")
    varga, may = doc[0], doc[1]
    varga.pos_, varga.tag_, varga.dep_, varga.head = "PROPN", "NNP", "compound", may
    may.pos_, may.tag_, may.dep_, may.head = "PROPN", "NNP", "nsubj", doc[3]
    doc.ents = [e for e in doc.ents if e.start > 12]
    _, said, res = Attributor(doc, scan(doc.text)).mentions.read(may)
    return said, res.speaker


def test_a_headline_surname_run_into_the_next_word_is_the_person_named_below(nlp):
    body = "Tomas Varga, who is running for mayor, said on Friday he had never backed the levy."
    assert _headline_read(nlp, body) == ("Varga", "Tomas Varga")


def test_a_headline_name_the_article_gives_whole_stays_whole(nlp):
    body = "Varga May, who is running for mayor, said on Friday she had never backed the levy."
    assert _headline_read(nlp, body)[0] == "Varga May"


@pytest.mark.parametrize(
    ("text", "word", "said"),
    [
        (  # the people "most of whom" counts, without the dash that sets the clause off
            "Calloway thanked 95 retired captains and pilots -- most of whom had backed her early -- for their "
            "support.\n",
            "most",
            "95 retired captains and pilots",
        ),
        (  # a speech verb's clause with what was said is the statement, not part of who said it
            "The mayor went out of his way to say that fares would rise.\n",
            "way",
            "his way",
        ),
        (  # a phrase cut before its next clause ends on no conjunction (nor the space after it)
            "Fares will rise, according to three harbour inspectors who spoke to the Orvel Courier but\u00a0declined "
            "to be named.\n",
            "inspectors",
            "three harbour inspectors who spoke to the Orvel Courier",
        ),
    ],
)
def test_a_description_is_cut_where_its_words_end(nlp, text, word, said):
    doc = nlp(text)
    att = Attributor(doc, scan(doc.text))
    head = next(t for t in doc if t.text == word)
    assert att.mentions.read(head)[1] == said


def test_a_time_hung_on_the_source_is_when_they_spoke_not_who_they_are(nlp):
    doc = nlp(
        "The harbour levy passed in 1994.\n\nVarga defenders today argue that the levy was the best anyone could do.\n"
    )
    head = next(t for t in doc if t.text == "defenders")
    assert any(c.text == "today" and c.dep_ == "npadvmod" for c in head.children)  # the parse this is about
    assert Attributor(doc, scan(doc.text)).mentions.read(head)[1] == "Varga defenders"


def test_a_clause_as_the_subject_of_say_is_nobody():
    found = extract_text(
        "Mayor Ann Wren spoke on the radio.\n\nBut hearing her say it in a harbour accent gives it a certain charm.\n",
        reported=True,
    )
    assert all(q.speaker is None or "hearing" not in q.speaker for q in found)
    assert all(q.confidence < 0.5 for q in found if q.speaker is None)


def test_she_after_a_quote_of_a_surname_the_tagger_called_a_body_is_that_person(nlp):
    """“…,” Holloway said. She said …: she is Holloway, cited in this paragraph, though the tagger called
    the lone surname a body; not a person cited a paragraph before."""
    text = "Levy row at the harbour\n\nWren said the pier is closed.\n\n“We will decide in May,” Holloway said. She said the council had not decided.\n"
    tagged = {e.text: e.label_ for e in nlp(text).ents}
    if tagged.get("Holloway") == "PERSON":
        pytest.skip("the tagger reads Holloway right here: nothing to guard")
    found = {q.text: q.speaker for q in extract_text(text, reported=True)}
    assert found["We will decide in May,"] == "Holloway"
    assert found["the council had not decided"] == "Holloway"
    assert found["the pier is closed"] == "Wren"


@pytest.mark.parametrize(
    ("text", "first", "last", "label", "said", "kind"),
    [
        # the tagger's slip seen in real news: "the United" a place, "States" left out
        (
            "Years ago, the United States pledged that it would lift the limits on Norland trucks.\n",
            "United",
            "States",
            "GPE",
            "United States",
            "GPE",
        ),
        # a first name the tagger took for a place is still a person's
        (
            "Years ago, Georgia Brandt pledged that she would lift the limits on Norland trucks.\n",
            "Georgia",
            "Brandt",
            "GPE",
            "Georgia Brandt",
            "PERSON",
        ),
    ],
)
def test_a_name_the_tagger_marked_in_part_as_a_place_is_the_place(nlp, text, first, last, label, said, kind):
    doc = nlp(text)
    head = next(t for t in doc if t.text == last)
    start = next(t for t in doc if t.text == first).i
    head.ent_type_ = ""  # the tagger's mark left the last word out
    doc.ents = [e for e in doc.ents if not e.start <= head.i < e.end and not e.start <= start < e.end] + [
        Span(doc, start, head.i, label=label)
    ]
    span, words, res = Attributor(doc, scan(doc.text)).mentions.read(head)
    assert words == said
    assert res.entity is not None and res.entity.label == kind
