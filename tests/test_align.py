"""Word alignment with character offsets, and the severity of each differing block."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotecheck.matching.align import align, differs, worst


def changes(a, b, **kw):
    return [
        (op.tag, a[op.a_start : op.a_end], b[op.b_start : op.b_end], op.severity)
        for op in align(a, b, **kw)
        if op.tag != "equal"
    ]


def test_identical_text_is_one_equal_op():
    ops = align("We will open the bridge.", "We will open the bridge.")
    assert [op.tag for op in ops] == ["equal"] and not differs(ops)


def test_case_and_curly_marks_are_not_differences():
    assert not differs(align("The mayor’s plan is final", "the mayor's plan is final"))


def test_offsets_point_at_the_printed_words():
    a, b = "Costs rose by 2.6 million this year", "Costs rose by 3 million this year"
    assert changes(a, b) == [("replace", "2.6", "3", "severe")]


def test_negation_modal_and_name_are_severe():
    assert changes("We will not raise taxes", "We will raise taxes") == [("delete", "not", "", "severe")]
    assert changes("We must act now", "We might act now")[0][3] == "severe"
    assert changes("I spoke with Minister Harlan today", "I spoke with Minister Dorsey today")[0][3] == "severe"


def test_minor_differences():
    assert changes("the new rules, which apply today", "the new rules which apply today")[0][3] == "minor"
    assert changes("the agreement was signed", "the agreements was signed")[0][3] == "minor"
    assert changes("we don't know yet", "we do not know yet")[0][3] == "minor"
    assert changes("although it rained", "though it rained")[0][3] == "minor"


def test_a_word_with_letters_added_at_its_start_is_another_word_not_a_spelling():
    """Found by a hostile trial: "press" / "impress" looks alike enough to pass for one word spelt two
    ways, and drift graded it minor. Real spelling variants stay minor."""
    said = "The wardens said they would {} it this week"
    for plain, prefixed in [("press", "impress"), ("cover", "uncover"), ("formed", "informed")] + [
        ("informed", "misinformed"),
        ("famous", "infamous"),
        ("moral", "amoral"),
        ("place", "replace"),
    ]:
        [(_, _, _, severity)] = changes(said.format(plain), said.format(prefixed))
        assert severity == "moderate", (plain, prefixed)
    [op] = [op for op in align(said.format("likelier"), said.format("unlikelier")) if op.tag != "equal"]
    assert op.severity == "severe" and op.why.startswith("negation changed")
    for one, other in [("colour", "color"), ("judgment", "judgement"), ("theatre", "theater")]:
        assert changes(said.format(one), said.format(other))[0][3] == "minor", (one, other)


def test_reordered_words_are_minor():
    ops = align("road builders and road owners met", "road owners and road builders met")
    assert worst(ops) == "minor"


def test_content_change_is_moderate_and_named():
    ops = [op for op in align("the plan helps poor families", "the plan helps rural families") if op.tag != "equal"]
    assert ops[0].severity == "moderate" and "poor" in ops[0].why and "rural" in ops[0].why


def test_fragment_is_shortened_not_drift():
    full = "The programme is, in principle, typical: talks in a tight circle, and then a reception"
    ops = align(full, "talks in a tight circle")
    assert not differs(ops)
    cut = [full[op.a_start : op.a_end] for op in ops if op.tag == "delete"]
    assert cut[0].startswith("The programme") and cut[-1].endswith("reception")


def test_cut_that_drops_a_condition_is_severe():
    assert worst(align("we will sign the deal unless they attack", "we will sign the deal")) == "severe"


def test_translation_lowers_content_changes():
    a, b = "the talks were very useful", "the talks were very productive"
    assert worst(align(a, b)) == "moderate"
    ops = align(a, b, translated=True)
    assert worst(ops) == "minor"
    assert "translation" in " ".join(op.why for op in ops)
    assert worst(align("we sent 12 ships", "we sent 15 ships", translated=True)) == "severe"


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=60), st.text(max_size=60))
def test_ops_cover_both_texts_in_order(a, b):
    ops = align(a, b)
    for op in ops:
        assert 0 <= op.a_start <= op.a_end <= len(a)
        assert 0 <= op.b_start <= op.b_end <= len(b)
    assert [op.a_start for op in ops] == sorted(op.a_start for op in ops)
    assert [op.b_start for op in ops] == sorted(op.b_start for op in ops)


def test_cut_after_a_sentence_end_is_only_shortened():
    full = "Ninety days is not a season. If releases fall in July, the farms gain nothing."
    assert worst(align(full, "Ninety days is not a season,")) == "info"


def test_part_of_a_name_dropped_is_minor():
    assert worst(align("its duties on the Dravenka River,", "its duties on the Dravenka,")) == "minor"


NEGATING_PREFIXES = [
    ("legal", "illegal"),
    ("possible", "impossible"),
    ("responsible", "irresponsible"),
    ("able", "unable"),
    ("likely", "unlikely"),
    ("aware", "unaware"),
    ("acceptable", "unacceptable"),
    ("constitutional", "unconstitutional"),
    ("honest", "dishonest"),
    ("interesting", "uninteresting"),
    ("typical", "atypical"),
    ("binding", "non-binding"),
]


@pytest.mark.parametrize(("plain", "negated"), NEGATING_PREFIXES)
def test_a_negating_prefix_is_a_severe_negation_either_way(plain, negated):
    """Found by a hostile trial: "likely" → "unlikely" was a minor spelling change, "legal" → "illegal"
    a moderate wording one; a prefix that negates turns the statement around as "not" does."""
    said = "The new mooring levy is {} under the port charter, and the wardens know it"
    for a, b in ((plain, negated), (negated, plain)):
        [op] = [op for op in align(said.format(a), said.format(b)) if op.tag != "equal"]
        assert (op.severity, op.label) == ("severe", "negation changed"), (a, b, op.why)


@pytest.mark.parametrize(("plain", "negated"), [("agree", "disagree"), ("approve", "disapprove")])
def test_a_verb_negated_by_its_prefix_is_severe_in_any_form(plain, negated):
    ops = align(f"The wardens {plain} with the mooring levy", f"The wardens {negated}d with the mooring levy")
    assert worst(ops) == "severe" and "negation changed" in ops[1].why


def test_a_word_that_only_looks_prefixed_is_no_negation():
    said = "The wardens said they {} the costs today"
    assert worst(align(said.format("agree on"), said.format("disagree on"))) == "severe"
    for a, b in [("cover", "discover"), ("press", "impress"), ("ease", "disease"), ("sent", "dissent")]:
        ops = align(said.format(a), said.format(b))
        assert "negation" not in " ".join(op.why for op in ops), (a, b)


@pytest.mark.parametrize(
    ("a", "b"), [("his", "her"), ("he", "she"), ("him", "her"), ("they", "we"), ("our", "their"), ("my", "your")]
)
def test_a_pronoun_of_another_person_is_at_least_moderate(a, b):
    """Found by a hostile trial: "his" → "her" was a minor function-word swap; someone else is meant."""
    [op] = [op for op in align(f"So {a} berth goes first", f"So {b} berth goes first") if op.tag != "equal"]
    assert (op.severity, op.label) == ("moderate", "a different person")
    assert worst(align("He said he would go", "He said he'd go")) == "minor"  # the same person
