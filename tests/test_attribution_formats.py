"""Shapes of news a hostile trial wrote fresh (interviews in Markdown, a live blog, a statement quoted
after its issuer), on invented articles: each statement goes to who made it."""

from __future__ import annotations

from quotecheck.engine.extract import extract_text
from tests.test_attribution_people import said_in


def test_an_interviews_bold_speaker_labels_name_each_turn():
    """ "**Amara Brandt:** …" in Markdown marks a turn as "Amara Brandt: …" does in plain text."""
    said = said_in(
        "# The Wrong Thing: An Interview\n\n"
        "Dr. Amara Brandt directs the coastal programme at the Orvel Institute. She spoke to the Marsh Gazette.\n\n"
        "**Marsh Gazette:** Your report has been called alarmist. How do you respond?\n\n"
        "**Amara Brandt:** Every number in it comes from the authority's own tide gauges.\n\n"
        "**Marsh Gazette**: Are you hopeful?\n\n"
        "**Amara Brandt**: I am stubborn, which is more useful.\n"
    )
    assert said["Every number in it comes from the authority's own tide gauges"] == "Amara Brandt"
    assert said["I am stubborn, which is more useful"] == "Amara Brandt"
    assert said["Your report has been called alarmist. How do you respond?"] == "Marsh Gazette"


def test_a_live_blogs_time_stamp_is_no_part_of_the_speaker_or_the_words():
    said = said_in(
        "Budget night in Kastren: live.\n\n"
        '22:30 - Varga: "This is not the budget I wanted. It is the budget we could afford."\n\n'
        "20:58 - Some context: according to the council's budget papers, the deficit is forecast at 4.2"
        " million.\n"
    )
    assert said["This is not the budget I wanted. It is the budget we could afford."] == "Varga"
    assert said["the deficit is forecast at 4.2 million"] == "the council's budget papers"


def test_the_statement_speaks_for_who_gave_it_just_before():
    """ "The statement said …" after "Roe said in a statement that …" is Roe's; "a statement" alone is
    nobody named."""
    said = said_in(
        "The county's education director, Priya Nandakumar, said in a statement that enrolment had fallen"
        ' over eight years. The statement said the board would "consider all options, including the status'
        ' quo."\n\n'
        'The Varga Foundation said in a statement that the grant would be conditional. "Endre Varga was born'
        ' on Outer Skerry," the statement said.\n'
    )
    assert said["consider all options, including the status quo."] == "Priya Nandakumar"
    assert said["Endre Varga was born on Outer Skerry,"] == "Varga Foundation"


def test_the_articles_credit_line_names_nobody_who_speaks():
    """ "By Joanna Pike, Marsh Gazette" wrote the article: "She says …" never stands for her (nobody else
    is named before it, so the report keeps no speaker rather than the reporter's name)."""
    for credit in ("By Joanna Pike, Marsh Gazette political correspondent", "Marsh Gazette live team: Joanna Pike"):
        got = extract_text(
            f"Budget night in Kastren\n\n{credit}\n\n"
            "The mayor is speaking to reporters outside the chamber. She says the fare increase will be"
            ' reviewed "within six months."\n',
            reported=True,
        )
        assert got and all(q.speaker != "Joanna Pike" for q in got), [(q.text, q.speaker) for q in got]


def test_a_markdown_headings_marks_are_no_part_of_a_name():
    got = extract_text(
        "# Corvel Foundation Announces New Fund\n\nThe Corvel Foundation said on Monday it would fund three posts.\n",
        reported=True,
    )
    assert got and all(not (q.speaker or "").startswith("#") for q in got), [(q.text, q.speaker) for q in got]


def test_a_topic_before_a_headlines_colon_is_nobody_speaking():
    """ "Ferry fares: harbour board defends increase" is a topic and its news, not Ferry speaking; "Clinton
    camp: …" and "Varga to voters: …" still give the source."""
    assert not [
        q for q in extract_text("Ferry fares: harbour board defends increase\n\nThe board met.\n", reported=True)
    ]
    said = said_in("Varga camp: the levy threatens the harbour\n\nIlse Varga spoke on Monday.\n")
    assert said["the levy threatens the harbour"] == "Ilse Varga"


def test_a_columnists_name_before_a_headlines_colon_keeps_its_capital():
    """ "Millward: Council Waving The Flag Of Surrender To Brandt" gives the column to Millward, written
    as the name it is although the tagger reads the word as a noun; "Poll: …" stays a description."""
    said = said_in(
        "Millward: Council Waving The Flag Of Surrender To Brandt.\n\n"
        "That soft sound you hear is the council giving up on the harbour levy.\n"
    )
    assert said["Council Waving The Flag Of Surrender To Brandt"] == "Millward"
    said = said_in("Poll: Varga and Brandt in dead heat before the harbour vote\n\nThe poll closed on Monday.\n")
    assert said["Varga and Brandt in dead heat before the harbour vote"] == "poll"


def test_a_dateline_in_title_case_with_its_agency_is_a_place():
    """ "Kastren (AFP) – …" opens a wire story with where it was filed, as "KASTREN (AFP) —" does."""
    said = said_in("Kastren (AFP) – Mayor Ilse Varga has taken a swipe at the harbour levy as “reckless and cruel.”\n")
    assert said["reckless and cruel."] == "Ilse Varga"
    # a person and an affiliation in brackets is no dateline
    said = said_in(
        "Panel transcript\n\nMarisa Feldkamp (Acme) – We will not support this. “It is a bad bill,” she said.\n"
    )
    assert said["It is a bad bill,"] == "Marisa Feldkamp"


def test_a_quote_that_is_a_sentence_of_its_own_is_direct_after_an_abbreviation():
    """ "… told reporters shortly after 1 a.m. “By midnight, …”": the parser keeps "a.m." and the quote in
    one sentence, but the quote opens after a full stop and ends as a sentence does."""
    found = extract_text(
        "“We shook hands on this at 6 o'clock,” Rhonda Gilchrist told reporters in a Capitol hallway shortly"
        " after 1 a.m. “By midnight, they were pretending it never happened.”\n"
    )
    assert [(q.kind, q.speaker) for q in found] == [("direct", "Rhonda Gilchrist")] * 2


def test_shot_back_is_a_verb_of_saying():
    """ "“…,” Ilse Marchetti shot back" / "fired back that …": a retort, not the last source's words."""
    said = said_in(
        'Tomas Brandt called the plan reckless. "That is simply false," Ilse Marchetti shot back.\n\n'
        "Tomas Brandt called the budget a fantasy. Ilse Marchetti fired back that the budget was sound.\n"
    )
    assert said["That is simply false,"] == "Ilse Marchetti"
    assert said["that the budget was sound"] == "Ilse Marchetti"


def test_an_interjection_after_a_report_is_the_interrupter_s():
    """ "She said that …, to which Marchetti interjected: “…”": the quote after the colon is the words
    of the one who interjected, not of the subject of the sentence's main verb (it went to her)."""
    said = said_in(
        "Councillor Vera Lindqvist defended the harbour budget on Tuesday. She said that auditors had found"
        ' the plan sound and affordable, to which Ilse Marchetti interjected: "That is simply not true."\n'
    )
    assert said["That is simply not true."] == "Ilse Marchetti"


def test_an_interjection_by_someone_unnamed_is_theirs_as_described():
    """ "…, to which a councillor interjected: “…”": the cue that opens the quote with a colon has its own
    subject, so the quote is that source's even when the article names nobody (it went to the mayor, the
    named subject of the sentence's main verb, because an unnamed source was not weighed there)."""
    got = [
        (q.text, q.speaker, q.kind)
        for q in extract_text(
            "Budget row\n\nMayor Dana Whitlock defended the budget on Monday. She said the cuts were fair, to which"
            ' a councillor interjected: "These cuts fall on the poorest streets."\n',
            reported=True,
        )
    ]
    assert ("These cuts fall on the poorest streets.", "a councillor", "direct") in got


def test_an_interjection_told_to_someone_is_the_one_who_told():
    """ "…, to which one opposition member told him: “…”": a pronoun the cue is told to stands between the
    verb and the colon; the quote is still the cue's own (a hostile review: it went to the council leader,
    the man rebuked)."""
    said = said_in(
        "Parking charges\n\nCouncil leader Ivo Petrak told the meeting that the charges were needed, to which"
        ' one opposition member told him: "You are balancing it on the backs of shopkeepers."\n'
    )
    assert said["You are balancing it on the backs of shopkeepers."] == "one opposition member"
