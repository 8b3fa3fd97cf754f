"""Features the reported-speech filter weighs, on invented sentences."""

from __future__ import annotations

from quotecheck.engine import reported_model
from quotecheck.engine.attribute import Attributor
from quotecheck.engine.extract import engine_text, load_nlp
from quotecheck.engine.quotes import scan
from quotecheck.engine.reported import ReportedSpeech


def _features(text: str) -> dict[str, dict[str, float]]:
    """Each candidate's words mapped to its features."""
    plain = engine_text(text)
    doc = load_nlp()(plain)
    runs = scan(plain)
    rs = ReportedSpeech(doc, runs, plain, Attributor(doc, runs, None, plain))
    return {plain[slice(*c.span)]: reported_model.features(rs, c) for c in rs.candidates()}


def test_the_word_a_content_opens_with_is_weighed():
    """What kind of word opens the content: a clause on its own subject ("he would …") reads apart
    from words opening on an auxiliary or a verb, which the cue's other features do not tell. A
    leading "But" is passed over: the words after it say what the content is."""
    feats = _features(
        "Tomas Varga said he would close the harbour. Ilse Brandt said that the ferry was late. "
        "But the pier, Anton Marsh said, was safe."
    )
    opens = {words: sorted(k for k in f if k.startswith("opens with ")) for words, f in feats.items()}
    assert opens == {
        "he would close the harbour": ["opens with PRON"],
        "that the ferry was late": ["opens with SCONJ"],
        "But the pier, Anton Marsh said, was safe": ["opens with DET"],
    }


def test_where_the_sentence_quotes_is_weighed():
    """A sentence that quotes someone holds reported words less often, but a report that comes after
    the quote and its own cue ("“…,” said Roe, though he added that …") is apart from it: the filter
    tells the two readings by features of where the quoted run lies."""
    feats = _features(
        "“The ferry will run,” said Tom Holloway, though he added that he expected the strike to end soon. "
        "Lena Calloway said the strike would end on Friday, adding: “We are close to a deal.”"
    )
    quoted = {words: sorted(k for k in f if "quote" in k) for words, f in feats.items()}
    assert quoted["that he expected the strike to end soon"] == [
        "sentence quotes",
        "sentence quotes apart from the content",
        "sentence quotes before the report",
    ]
    assert quoted["the strike would end on Friday"] == ["sentence quotes", "sentence quotes apart from the content"]
