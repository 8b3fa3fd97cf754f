"""Quote-mark scanning: golden tables for each mark case, and a fuzz test that it never breaks."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotecheck.engine.quotes import MARKS, scan


def texts(text: str) -> list[str]:
    return [text[r.start : r.end] for r in scan(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“We will win,” she said.", ["We will win,"]),
        ('"We will win," she said.', ["We will win,"]),
        ("He said: «Nous gagnerons» and left.", ["Nous gagnerons"]),
        ("Er sagte: „Wir gewinnen“ und ging.", ["Wir gewinnen"]),
        ("Powiedział: „Wygramy” i wyszedł.", ["Wygramy"]),
        ("Han sa: »Vi vinner« och gick.", ["Vi vinner"]),
        # nested single marks stay inside the outer run
        ("“He told me ‘never again’ twice,” she said.", ["He told me ‘never again’ twice,"]),
        # mixed curly and straight marks in one article
        ('"First one," he said. Then “second one,” she said.', ["First one,", "second one,"]),
        # a closing glyph written with the space on the wrong side still closes
        ("“The plan turned upside down, ”the analyst said.", ["The plan turned upside down,"]),
        # a curly quote nested in a straight one does not end it
        (
            '"The office is not about “Equal Justice” anymore. It is politics," she said.',
            ["The office is not about “Equal Justice” anymore. It is politics,"],
        ),
        # a straight pair typed inside curly marks is nested too (it ended the quote at "the")
        (
            '“The levy will triple the "cost" for fishing boats,” said the mayor.',
            ['The levy will triple the "cost" for fishing boats,'],
        ),
        # an opening mark never closed before whole quotes of its paragraph is a stray one: an article on
        # one line was a single quote of everything after it
        (
            "“We will close the pier, said the mayor. “Berth one holds,” said Roe. “Berth two holds,” Roe added.",
            ["Berth one holds,", "Berth two holds,"],
        ),
        # apostrophes are not quotes
        ("The Farmers’ Union met. Roe’s statement was read. “Yes,” he said.", ["Yes,"]),
        ("It's the workers' party's day, isn't it?", []),
        # markup attribute values are runs too, but never cross a line
        ("no marks at all", []),
        ("“”", []),
    ],
)
def test_mark_pairs(text, expected):
    assert texts(text) == expected


def test_singles_throughout_count_as_quotes():
    text = "‘We will win,’ she said. The party’s leader agreed: ‘It is time.’"
    assert texts(text) == ["We will win,", "It is time."]


def test_british_singles_outside_and_doubles_inside_or_for_a_term():
    """Single marks outside, doubles for a quote inside one or a scare term: the singles are the
    quotation marks; an American article's singles (a headline's, a quote nested in doubles) are not."""
    uk = "Roe called the claim “misleading”. ‘To quote half a sentence is wrong,’ she said. ‘Read it all.’"
    assert texts(uk) == ["misleading", "To quote half a sentence is wrong,", "Read it all."]
    nested = "Roe said: ‘The chief has said, and I quote, “there is no failure.” That is the view.’"
    assert texts(nested) == ["The chief has said, and I quote, “there is no failure.” That is the view."]
    us = "Roe: ‘We will win’\n\n“She told me, ‘We will win,’ and she did,” Lee said. “It is time,” he added."
    assert texts(us) == ["She told me, ‘We will win,’ and she did,", "It is time,"]


def test_doubled_apostrophe_marks_leave_single_quotes_nested():
    """An archive writing ''…'' for double marks: the '…' inside is part of that quote, never a
    quotation of its own (the doubled marks go to the reported-speech reader)."""
    text = "''If I had said, 'Trust us,' it would have failed,'' Ms. Roe said. 'A tough call.'"
    assert texts(text) == []
    assert texts("‘We will win,’ she said.") == ["We will win,"]
    # a stray pair of apostrophes with nothing closed by one does not turn single quotes off
    assert texts("‘We will win,’ she said, a ''draft note aside.") == ["We will win,"]


def test_reopened_paragraphs_give_one_run_each_linked_as_continuations():
    text = "“First paragraph of the statement.\n“Second paragraph.\n“Third and last,” she said."
    runs = scan(text)
    assert [text[r.start : r.end] for r in runs] == [
        "First paragraph of the statement.",
        "Second paragraph.",
        "Third and last,",
    ]
    assert [r.continues for r in runs] == [False, True, True]


def test_blank_lines_between_reopened_paragraphs_keep_the_link():
    text = "“One.\n\n“Two,” she said."
    assert [r.continues for r in scan(text)] == [False, True]


def test_unclosed_paragraph_running_on_to_a_closer_is_one_run():
    text = "“It conforms with the interests of both peoples\nI am ready to cooperate with you,” the statement read."
    runs = scan(text)
    assert len(runs) == 1
    assert text[runs[0].start : runs[0].end].endswith("cooperate with you,")
    assert "\n" in text[runs[0].start : runs[0].end]


def test_stray_opener_never_swallows_the_rest_of_the_article():
    text = "He said “this never closes.\nNext paragraph with no marks.\nA third one with “a real quote” in it."
    got = texts(text)
    assert got[0] == "this never closes."
    assert got[-1] == "a real quote"
    assert all("Next paragraph" not in g for g in got)
    assert scan(text)[0].unclosed


def test_offsets_exclude_marks_and_edge_spaces():
    text = "She said “  spaced out  ” today."
    (run,) = scan(text)
    assert text[run.start : run.end] == "spaced out"
    assert text[run.open_at] == "“" and text[run.close_at] == "”"


def test_non_english_lines_do_not_break_scanning():
    text = "Министр сказал: «Мы готовы».\n“We are ready,” he said."
    assert texts(text) == ["Мы готовы", "We are ready,"]


# Every line break the scanner knows (\r\n is one break), with readable test ids.
BREAKS = {
    "LF": "\n",
    "CRLF": "\r\n",
    "CR": "\r",
    "PS": "\u2029",
    "LS": "\u2028",
    "VT": "\x0b",
    "FF": "\x0c",
    "NEL": "\x85",
}


@pytest.mark.parametrize("br", BREAKS.values(), ids=BREAKS.keys())
def test_every_line_break_ends_a_paragraph_so_a_stray_mark_cannot_swallow_the_next_one(br):
    text = f'He said "we will win and left.{br}"It is fine," said Ana Lind.{br}No marks here.'
    runs = scan(text)
    assert [text[r.start : r.end] for r in runs] == ["we will win and left.", "It is fine,"]
    assert runs[0].close_at is None and runs[0].end == text.index(br)  # cut at the line end
    assert runs[1].open_at == text.index(br) + len(br) and runs[1].close_at == text.index('," said') + 1


@pytest.mark.parametrize("br", BREAKS.values(), ids=BREAKS.keys())
def test_every_line_break_stops_an_unclosed_run_and_lets_a_closer_carry_it_on(br):
    stray = f"He said “this never closes.{br}Next paragraph with no marks.{br}A third one with “a real quote” in it."
    assert texts(stray) == ["this never closes.", "a real quote"]
    assert scan(stray)[0].unclosed
    run_on = (
        f"“It conforms with the interests of both peoples{br}I am ready to cooperate with you,” the statement read."
    )
    (run,) = scan(run_on)
    assert (
        run_on[run.start : run.end]
        == f"It conforms with the interests of both peoples{br}I am ready to cooperate with you,"
    )


_alphabet = st.sampled_from(
    list(MARKS) + list("ab c.,\n:’'-—") + ["word ", "Ы", " “", "” ", "\n\n"] + list(BREAKS.values()) + ["\u2029\u2029"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_alphabet, max_size=80).map("".join))
def test_fuzz_runs_stay_inside_the_text_and_never_overlap(text):
    runs = scan(text)
    last_end = -1
    for r in runs:
        assert 0 <= r.open_at < r.start <= r.end <= len(text)
        assert r.close_at is None or r.end <= r.close_at < len(text)
        assert r.open_at >= last_end
        last_end = r.outer_end
        assert text[r.start : r.end] == text[r.start : r.end].strip()


@settings(max_examples=300, deadline=None)
@given(st.lists(_alphabet, max_size=80).map("".join))
def test_fuzz_every_line_break_scans_like_a_newline(text):
    # The same text with each lone \r and Unicode break written as \n (same length, same offsets).
    as_newlines = re.sub("\r(?!\n)|[\x0b\x0c\x85\u2028\u2029]", "\n", text)
    assert scan(text) == scan(as_newlines)
