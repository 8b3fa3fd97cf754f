"""Negating prefixes: which words one turns around ("unlikely"), which only look so ("discover"), and
the vocabulary the rule reads, rebuilt from the spaCy pipeline the project installs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from quotecheck.matching.prefixes import negated_stem, turned

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "build_prefixed.py"


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("unlikely", "likely"),
        ("illegal", "legal"),
        ("impossible", "possible"),
        ("irresponsible", "responsible"),
        ("unable", "able"),
        ("incorrectly", "correctly"),
        ("disagreed", "agree"),
        ("disapproves", "approve"),
        ("dishonesty", "honesty"),
        ("nonviolent", "violent"),
        ("non-binding", "binding"),
        ("atypical", "typical"),
    ],
)
def test_a_prefix_negates_a_word_of_a_part_of_speech_it_negates(word, stem):
    assert negated_stem(word) == stem


@pytest.mark.parametrize(
    "word",
    # verbs in in-/im-, a noun beside a verb, no part of speech in common, no word, no prefix; a
    # participle ("informed": that "in" is a place); a- on a short native word; false friends read off
    ["impress", "inform", "disease", "dissent", "idear", "table", "informed", "incoming", "alive", "acute"]
    + ["discover", "discovered", "invaluable", "inflammable", "intense", "dispose", "unionized"],
)
def test_a_word_that_only_looks_prefixed_negates_nothing(word):
    assert negated_stem(word) is None


def test_a_comparative_of_a_negated_adjective_negates_it_and_an_agent_noun_does_not():
    """Found by a hostile trial: "likelier" / "unlikelier" was no negation (nor, then, anything worse
    than a spelling). Degrees are read off adjectives and adverbs only: a "disclaimer" is one who
    disclaims, "unsolder" is a verb of its own."""
    got = {w: negated_stem(w) for w in ("unlikelier", "unhappiest", "unkinder", "unsafer", "unfitter")}
    assert got == {
        "unlikelier": "likely",
        "unhappiest": "happy",
        "unkinder": "kind",
        "unsafer": "safe",
        "unfitter": "fit",
    }
    assert [negated_stem(w) for w in ("disclaimer", "disinterest", "unsolder", "likelier")] == [None] * 4
    assert turned(["likelier"], ["unlikelier"]) == [("likelier", "unlikelier")]


def test_non_written_solid_negates_any_word_but_a_word_that_only_starts_with_non():
    """Found by a hostile trial: AP writes "nonbinding", which WordNet does not list, and so it was no
    negation of "binding" ("non-binding" was). ``non-`` makes new words freely."""
    assert [negated_stem(w) for w in ("nonbinding", "nonissue", "nonvoters", "nonprofits")] == [
        "binding",
        "issue",
        "voters",
        "profit",
    ]
    only_look = ("none", "nones", "nonce", "nonchalant", "nondescript", "nonetheless", "nonplussed", "nonage")
    assert [negated_stem(w) for w in only_look] == [None] * len(only_look)
    assert turned(["it", "is", "binding"], ["it", "is", "nonbinding"]) == [("binding", "nonbinding")]


def test_turned_pairs_a_negated_word_with_the_plain_one_in_the_other_text():
    assert turned(["they", "agree"], ["they", "disagreed"]) == [("agree", "disagreed")]
    assert turned(["it", "is", "illegal"], ["it", "is", "legal"]) == [("illegal", "legal")]
    assert turned(["unlikely"], ["improbable"]) == []  # both negated: no change
    assert turned(["unlikely", "likely"], ["unlikely", "likely"]) == []
    assert turned(["we", "agreed"], ["we", "disagree"]) == [("agreed", "disagree")]


def test_the_shipped_vocabulary_is_what_the_installed_pipeline_gives():
    done = subprocess.run([sys.executable, str(SCRIPT), "--check"], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
