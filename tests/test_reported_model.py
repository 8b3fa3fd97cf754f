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
