"""Where a quotation starts and ends, and whether it is claimed: marks written the wrong way round,
quotes introduced by a colon, and a cue after a quote that ends in ! or ?."""

from __future__ import annotations

import pytest

from quotecheck.engine.extract import extract_text
from quotecheck.engine.quotes import scan


def texts(text: str) -> list[str]:
    return [text[r.start : r.end] for r in scan(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an opening glyph where only a closer can stand closes the quote, so the cue stays outside it
        ("“It is unusual,“ said Roe. “It is a hard thing to do.”", ["It is unusual,", "It is a hard thing to do."]),
        ('"It is unusual,“ said Roe.', ["It is unusual,"]),
        ("She blasted the film “Orvel Nights“ and called the books too “soft,” Roe said.", ["Orvel Nights", "soft,"]),
        ("The panel rated the claim “Mostly False.“", ["Mostly False."]),
        # the same glyph opening a nested quote (before a word) still nests, and then closes it
        ("“He calls “hell“ a place,” Roe said.", ["He calls “hell“ a place,"]),
        # German quotes close with “ as always
        ("Er sagte: „Wir gewinnen“ und ging.", ["Wir gewinnen"]),
    ],
)
def test_misused_opening_mark_closes(text, expected):
    assert texts(text) == expected


def test_misused_closing_mark_keeps_the_cue_out_of_the_quote():
    quotes = extract_text("“The harbour plan is unusual,“ said Ilse Brandt, a lawyer in Orvel. “It is hard to do.”")
    assert [(q.text, q.speaker) for q in quotes] == [
        ("The harbour plan is unusual,", "Ilse Brandt"),
        ("It is hard to do.", "Ilse Brandt"),
    ]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Holloway was blunt: “We will not sign this contract.”", "Holloway"),
        (
            "Asked about the case, the Orvel Harbour Board was conclusive in its findings: “Further talks are not needed.”",
            "Orvel Harbour Board",
        ),
    ],
)
def test_quoted_sentence_after_a_colon_is_the_clause_subjects(text, speaker):
    (quote,) = extract_text(text)
    assert quote.speaker == speaker
    assert quote.kind == "direct"


def test_a_colon_with_no_subject_before_it_claims_nothing():
    (quote,) = extract_text("Here is the list: “Water, power and roads.”")
    assert quote.speaker is None and quote.confidence < 0.5


def test_cue_after_an_exclaimed_quote_in_a_long_sentence():
    text = (
        "Mara Wren lifted a sign of her own.\n\n"
        '"All the way!" Wren shouted, a nod to taking the fight all the way to the convention floor in the summer.'
    )
    (quote,) = extract_text(text)
    assert (quote.text, quote.speaker) == ("All the way!", "Mara Wren")


def test_a_long_sentence_after_a_full_stop_is_no_cue_of_the_quote():
    text = (
        "Senator Pell Orvel spoke first.\n\n"
        '"It shows a lack of character." Jon Marsh said both plans would fail before the end of the long session.'
    )
    (quote,) = extract_text(text)
    assert "after the quote" not in quote.reason  # "Marsh said" starts a sentence of its own
