"""Flag rules as pure functions: drift, conflicting speakers, fragments, primary source, unattributed."""

from dataclasses import replace

import pytest

from quotecheck.matching.align import align
from quotecheck.matching.flags import (
    ArticleInfo,
    QuoteInfo,
    cluster_flags,
    first_appearance,
    is_translation,
    primary_check,
    primary_source_flags,
    unattributed_flags,
)
from quotecheck.model import ArticleMeta

ROOT = "We will not reopen the northern mine before 2027, whatever the company says"


def arts():
    base = {
        1: ArticleInfo(1, "", "a.txt", ArticleMeta(title="Mine stays shut", outlet="Valley Post", date="2026-03-01")),
        2: ArticleInfo(2, "", "b.txt", ArticleMeta(title="Mine row", outlet="Hill Times", date="2026-03-03")),
        3: ArticleInfo(3, "", "c.txt", ArticleMeta(title="Mine", outlet="Coast News", date="2026-02-27")),
    }
    return base


def kinds(flags):
    return sorted(f.kind for f in flags)


def test_wording_drift_names_words_and_severity():
    q1 = QuoteInfo(1, 1, ROOT, speaker="Ola Brant", speaker_id=5)
    q2 = QuoteInfo(
        2, 2, ROOT.replace("not reopen", "reopen").replace("2027", "2028"), speaker="Ola Brant", speaker_id=5
    )
    flags = cluster_flags(
        1, [q1, q2], {1: "root", 2: "variant"}, {2: align(q1.text, q2.text)}, arts(), {5: "Ola Brant"}
    )
    drift = [f for f in flags if f.kind == "wording_drift"][0]
    assert drift.severity == "severe"
    assert "not" in drift.explanation and "2027" in drift.explanation and "2028" in drift.explanation
    assert set(drift.quote_ids) == {1, 2}


def test_translation_lowers_drift():
    a = "The talks were very useful for both sides and for the whole region"
    b = "The talks were very productive for both sides and for the whole region"
    q1, q2 = QuoteInfo(1, 1, a, speaker_id=5), QuoteInfo(2, 2, b, speaker_id=5)
    articles = arts()
    articles[2] = ArticleInfo(2, "", "b.txt", ArticleMeta(date="2026-03-02", translated_from="ru"))
    plain = cluster_flags(1, [q1, q2], {2: "variant"}, {2: align(a, b)}, arts(), {})
    moved = cluster_flags(1, [q1, q2], {2: "variant"}, {2: align(a, b, translated=True)}, articles, {})
    assert [f.severity for f in plain if f.kind == "wording_drift"] == ["moderate"]
    translated = [f for f in moved if f.kind == "wording_drift"][0]
    assert translated.severity == "minor" and "translation" in translated.explanation


def test_quote_after_foreign_original_counts_as_translation():
    text = "Трамвай пришёл вовремя, сказал мэр города вчера вечером.\nThe tram came on time, the mayor said."
    start = text.index("The tram")
    assert is_translation(QuoteInfo(1, 1, "The tram came on time", start=start), ArticleInfo(1, text))
    assert not is_translation(QuoteInfo(1, 1, "x", start=5), ArticleInfo(1, "plain English text here"))


def test_conflicting_speakers_and_first_appearance():
    q1 = QuoteInfo(1, 1, ROOT, speaker="Ola Brant", speaker_id=5)
    q2 = QuoteInfo(2, 3, ROOT, speaker="Per Lund", speaker_id=6)
    flags = cluster_flags(1, [q1, q2], {2: "copy"}, {}, arts(), {5: "Ola Brant", 6: "Per Lund"})
    assert kinds(flags) == ["conflicting_speaker", "first_appearance"]
    conflict = flags[0]
    assert conflict.severity == "severe" and "Ola Brant" in conflict.explanation and "Per Lund" in conflict.explanation
    assert first_appearance([q1, q2], arts()) == 2  # Coast News is two days earlier
    said = QuoteInfo(1, 1, ROOT, said_on="2026-02-20")  # said earlier, published later: not first in print
    assert first_appearance([said, q2], arts()) == 2


def test_first_appearance_names_the_date_once():
    def first(q1, articles):
        q2 = QuoteInfo(2, 2, ROOT)
        flags = cluster_flags(1, [q1, q2], {2: "copy"}, {}, articles, {})
        return next(f.explanation for f in flags if f.kind == "first_appearance")

    assert first(QuoteInfo(1, 1, ROOT), arts()) == "First appearance of this statement: Valley Post 2026-03-01."
    said = QuoteInfo(1, 1, ROOT, said_on="2026-02-20")
    assert first(said, arts()) == (
        "First appearance of this statement: Valley Post, said on 2026-02-20, published 2026-03-01."
    )
    same_day = QuoteInfo(1, 1, ROOT, said_on="2026-03-01")
    assert first(same_day, arts()) == "First appearance of this statement: Valley Post 2026-03-01."
    untitled = {**arts(), 1: ArticleInfo(1, "", "dir/a.txt", ArticleMeta(date="2026-02-01"))}
    assert first(QuoteInfo(1, 1, ROOT), untitled) == "First appearance of this statement: a.txt, 2026-02-01."
    undated = {**arts(), 1: ArticleInfo(1, "", "a.txt", ArticleMeta(title="Mine", outlet="Valley Post"))}
    assert first(said, undated) == (
        "First appearance of this statement: Hill Times 2026-03-03; Valley Post says it was said on 2026-02-20."
    )


def test_fragment_shows_what_was_left_out():
    frag = "reopen the northern mine"
    q1, q2 = QuoteInfo(1, 1, ROOT, speaker_id=5), QuoteInfo(2, 2, frag, speaker_id=5)
    flags = cluster_flags(1, [q1, q2], {2: "fragment"}, {2: align(ROOT, frag)}, arts(), {})
    assert kinds(flags) == ["first_appearance", "fragment"]
    fragment = [f for f in flags if f.kind == "fragment"][0]
    assert "We will not" in fragment.explanation and "whatever the company says" in fragment.explanation
    assert fragment.severity == "moderate"  # the cut drops a "not"


def test_unattributed_needs_a_claimed_quote():
    quotes = [QuoteInfo(1, 1, "x y z", speaker=None, confidence=0.8), QuoteInfo(2, 1, "a b", confidence=0.2)]
    assert [f.quote_ids for f in unattributed_flags(quotes)] == [(1,)]
    vague = [QuoteInfo(3, 1, "x y z", speaker="one man", speaker_id=8, confidence=0.4)]
    assert [(f.quote_ids, f.severity) for f in unattributed_flags(vague, described={8})] == [((3,), "minor")]


def test_primary_check_forgives_print_artefacts():
    source = "Transcript.\nWe will not re-\nopen the north\u00adern mine before 2027; the ﬁnal word is “ours”.\n"
    assert primary_check("we will not reopen the northern mine before 2027", source)[0] == "verbatim"
    assert primary_check('The final word is "ours".', source)[0] == "verbatim"
    verdict, start, end, ops = primary_check("We will not reopen the southern mine before 2027", source)
    assert verdict == "changed" and "southern" in " ".join(op.why for op in ops)
    assert source[start:end].startswith("We will")
    assert primary_check("Nothing like this was ever said by anyone here", source)[0] == "absent"


def test_primary_source_flags_skip_verbatim_and_the_source_itself():
    source = ArticleInfo(
        9, "We will not reopen the northern mine before 2027.", "t.txt", ArticleMeta(title="Transcript")
    )
    quotes = [
        QuoteInfo(1, 1, "We will not reopen the northern mine before 2027", speaker_id=5),
        QuoteInfo(2, 2, "We will reopen the northern mine before 2027", speaker_id=5),
        QuoteInfo(3, 2, "The tunnels are flooded and unsafe", speaker_id=5),
        QuoteInfo(4, 9, "anything", speaker_id=5),
    ]
    flags = primary_source_flags(quotes, {5: [source]}, {5: "Ola Brant"})
    assert [(f.quote_ids, f.severity, f.details["verdict"]) for f in flags] == [
        ((2,), "severe", "changed"),
        ((3,), "severe", "absent"),
    ]
    assert all(f.kind == "missing_from_primary" for f in flags)


def test_a_primary_source_checks_only_quotes_of_its_occasion():
    """A transcript of one day's news conference says nothing of words said a week later, or on another day
    the article names: those are not "missing from the primary source". Without dates, every quote is checked."""
    source = ArticleInfo(
        9,
        "We will not reopen the northern mine before 2027.",
        "t.txt",
        ArticleMeta(title="Transcript", date="2026-06-04"),
    )
    words = "The tunnels are flooded and unsafe"
    quotes = [
        QuoteInfo(1, 1, words, speaker_id=5, published="2026-06-05"),  # the next day's paper
        QuoteInfo(2, 2, words, speaker_id=5, published="2026-06-10"),  # a week later: another occasion
        QuoteInfo(3, 3, words, speaker_id=5, said_on="2026-06-02", published="2026-06-05"),  # said before it
        QuoteInfo(4, 4, words, speaker_id=5),  # no date known
    ]
    flags = primary_source_flags(quotes, {5: [source]}, {5: "Ola Brant"})
    assert [f.quote_ids for f in flags] == [(1,), (4,)]


TRANSCRIPT = (
    "Transcript of the news conference of Minister Ilse Brannoch at the port authority, 11 March 2025.\n"
    "Question on the budget. Brannoch: We will not raise port fees this year. We are reviewing the tariffs."
)


def test_primary_check_lands_on_whole_words_with_the_right_start():
    verdict, start, end, ops = primary_check("We will raise port fees this year,", TRANSCRIPT)
    assert verdict == "changed"
    assert (start, TRANSCRIPT[start:end]) == (TRANSCRIPT.index("We will not"), "We will not raise port fees this year")
    assert [(op.tag, op.severity, op.label) for op in ops if op.tag != "equal"] == [
        ("delete", "severe", "negation changed")
    ]


def passage(quote, source):
    verdict, start, end, _ = primary_check(quote, source)
    return verdict, source[start:end]


def test_primary_check_passage_at_the_edges_across_lines_marks_and_case():
    source = (
        "We will not sell the harbour.\nThe new pier opens in\nJune, said the mayor; it is \u201cfinished\u201d"
        " and the old one will be re-\nbuilt by the state"
    )
    assert passage("We will sell the harbour", source) == ("changed", "We will not sell the harbour")
    assert passage("the old one will be rebuilt by the city", source) == (
        "changed",
        "the old one will be re-\nbuilt by the state",
    )
    assert passage("THE NEW PIER OPENS IN JULY", source) == ("changed", "The new pier opens in\nJune")
    assert passage("it is 'finished' and the old one", source)[0] == "verbatim"
    assert passage('the mayor; it is "done" and the old one will', source) == (
        "changed",
        "the mayor; it is \u201cfinished\u201d and the old one will",
    )
    assert passage("the new pier opens in june", source) == ("verbatim", "The new pier opens in\nJune")


def test_primary_source_flag_says_what_each_side_has():
    source = ArticleInfo(9, TRANSCRIPT, "t.txt", ArticleMeta(title="Transcript: news conference, 11 March 2025"))
    quote = QuoteInfo(1, 1, "We will raise port fees this year,", speaker_id=5)
    absent = QuoteInfo(2, 1, "Fishing boats will pay nothing at all for mooring", speaker_id=5)
    changed, missing = primary_source_flags([quote, absent], {5: [source]}, {5: "Ilse Brannoch"})
    assert changed.explanation == (
        "Differs from Ilse Brannoch's primary source (Transcript: news conference, 11 March 2025): "
        "negation changed: the transcript says “will not raise”, the article “will raise”."
    )
    assert missing.explanation.startswith("Not in Ilse Brannoch's primary source (Transcript: news conference")


def test_a_quote_of_nothing_but_an_elision_mark_is_absent_not_an_error():
    from quotecheck.matching.flags import primary_check

    for quote in ("[...]", "…", " ... "):
        assert primary_check(quote, "We will not raise port fees this year.")[0] == "absent"


def test_first_appearance_says_when_two_reports_share_the_earliest_date():
    q1, q2, q3 = QuoteInfo(1, 1, ROOT), QuoteInfo(2, 2, ROOT), QuoteInfo(3, 3, ROOT)
    same_day = {
        **arts(),
        2: replace(arts()[2], meta=replace(arts()[2].meta, date="2026-02-27")),
    }  # Hill Times on Coast News's day
    flags = cluster_flags(1, [q1, q2, q3], {2: "copy", 3: "copy"}, {}, same_day, {})
    first = next(f for f in flags if f.kind == "first_appearance")
    assert first.quote_ids == (2,) and first.details["tie"] == [3]
    assert first.explanation == (
        "First appearance of this statement: Hill Times 2026-02-27 — a tie: Coast News also published it on 2026-02-27."
    )
    alone = next(f for f in cluster_flags(1, [q1, q2], {2: "copy"}, {}, arts(), {}) if f.kind == "first_appearance")
    assert "tie" not in alone.explanation and "tie" not in alone.details


def test_an_article_quoting_the_statement_twice_is_no_tie_with_itself():
    again = QuoteInfo(4, 1, ROOT)  # Valley Post quotes the words a second time further down
    flags = cluster_flags(
        1, [QuoteInfo(1, 1, ROOT), again, QuoteInfo(2, 2, ROOT)], {2: "copy", 4: "copy"}, {}, arts(), {}
    )
    first = next(f for f in flags if f.kind == "first_appearance")
    assert first.quote_ids == (1,) and "tie" not in first.details
    assert first.explanation == "First appearance of this statement: Valley Post 2026-03-01."
    same_day = {**arts(), 2: replace(arts()[2], meta=replace(arts()[2].meta, date="2026-03-01"))}
    flags = cluster_flags(
        1, [QuoteInfo(1, 1, ROOT), again, QuoteInfo(2, 2, ROOT)], {2: "copy", 4: "copy"}, {}, same_day, {}
    )
    first = next(f for f in flags if f.kind == "first_appearance")
    assert first.details["tie"] == [2] and first.explanation.endswith(
        "a tie: Hill Times also published it on 2026-03-01."
    )


@pytest.mark.parametrize("root_first", [True, False])
def test_drift_reads_from_the_report_published_first_to_the_later_one(root_first):
    early = QuoteInfo(1, 1, "Fares on the Wren ferry have doubled since the spring, and that is not fair", speaker_id=5)
    late = QuoteInfo(2, 2, "Fares on the Wren ferry have tripled since the spring, and that is not fair", speaker_id=5)
    top, other = (early, late) if root_first else (late, early)  # Valley Post 03-01, Hill Times 03-03
    ops = align(top.text, other.text)
    flags = cluster_flags(top.id, [top, other], {other.id: "variant"}, {other.id: ops}, arts(), {5: "Ida Roe"})
    drift = next(f for f in flags if f.kind == "wording_drift")
    assert drift.explanation.startswith("Both Valley Post 2026-03-01 and Hill Times 2026-03-03 present")
    assert "number changed: “doubled” → “tripled”" in drift.explanation
    assert drift.quote_ids == (1, 2) and drift.cluster == top.id


def test_drift_names_an_article_without_an_outlet_as_first_appearance_does():
    untitled = {
        1: ArticleInfo(1, "", "in/pier.txt", ArticleMeta(title="Pier news", date="2025-06-01")),
        2: ArticleInfo(2, "", "in/later.txt", ArticleMeta(date="2025-06-02")),
    }
    early = QuoteInfo(1, 1, "The pier will be finished before the storms, and not a day later", speaker_id=5)
    late = QuoteInfo(2, 2, "The pier will be finished before the storms, and not a week later", speaker_id=5)
    flags = cluster_flags(1, [early, late], {2: "variant"}, {2: align(early.text, late.text)}, untitled, {})
    drift = next(f for f in flags if f.kind == "wording_drift")
    first = next(f for f in flags if f.kind == "first_appearance")
    assert drift.explanation.startswith("Both “Pier news”, 2025-06-01 and later.txt, 2025-06-02 present")
    assert first.explanation == "First appearance of this statement: “Pier news”, 2025-06-01."


@pytest.mark.parametrize(
    ("said", "misquoted"),
    [
        ("doubled", "tripled"),
        ("doubled", "halved"),
        ("doubled", "quadrupled"),
        ("twice", "three times"),
        ("risen twice", "tripled"),
        ("doubled", "grown threefold"),
        ("halved", "risen two-fold"),
        ("risen 2-fold", "risen 3-fold"),
        ("twice", "3 times"),
    ],
)
def test_a_factor_said_in_words_that_changes_is_a_severe_number_change(said, misquoted):
    text = "The cost of the crossing has {} since the spring, and families feel it"
    q1, q2 = QuoteInfo(1, 1, text.format(said), speaker_id=5), QuoteInfo(2, 2, text.format(misquoted), speaker_id=5)
    flags = cluster_flags(1, [q1, q2], {2: "variant"}, {2: align(q1.text, q2.text)}, arts(), {5: "Mara Holloway"})
    drift = next(f for f in flags if f.kind == "wording_drift")
    assert drift.severity == "severe" and "number changed" in drift.explanation


@pytest.mark.parametrize(
    ("a", "b"), [("doubled", "risen twice"), ("twice", "two times"), ("tripled", "risen three times")]
)
def test_the_same_factor_in_other_words_is_no_number_change(a, b):
    ops = align(f"The cost has {a} since May", f"The cost has {b} since May")
    assert not any(op.why.startswith("number") for op in ops)


@pytest.mark.parametrize(
    ("said", "reported"),
    [
        ("doubled", "risen two-fold"),
        ("doubled", "climbed 2-fold"),
        ("tripled", "grown threefold"),
        ("halved", "been cut in half"),
        ("halved", "fallen by half"),
        ("twice what it was", "double what it was"),
        ("become twice what it was", "become two times what it was"),
    ],
)
def test_one_factor_in_other_words_is_a_minor_drift_saying_so(said, reported):
    text = "The rent on the Marsh Lane flats has {} in spring, Orvel tenants say"
    q1, q2 = QuoteInfo(1, 1, text.format(said), speaker_id=5), QuoteInfo(2, 2, text.format(reported), speaker_id=5)
    flags = cluster_flags(1, [q1, q2], {2: "variant"}, {2: align(q1.text, q2.text)}, arts(), {5: "Ida Wren"})
    drift = next(f for f in flags if f.kind == "wording_drift")
    assert drift.severity == "minor" and "same factor in other words" in drift.explanation, drift.explanation


def test_a_factor_said_as_a_rise_is_not_the_same_as_one_said_as_a_fall():
    ops = align("Fares have risen two-fold since May", "Fares have fallen two-fold since May")
    assert [op.severity for op in ops if op.tag != "equal"] == ["moderate"]


def test_a_report_published_a_day_later_is_no_tie_though_it_dates_the_words_to_that_day():
    q2 = QuoteInfo(2, 2, ROOT, said_on="2026-02-27")  # Hill Times, published 2026-03-03
    q3 = QuoteInfo(3, 3, ROOT)  # Coast News, published 2026-02-27
    flags = cluster_flags(2, [q2, q3], {3: "copy"}, {}, arts(), {})
    first = next(f for f in flags if f.kind == "first_appearance")
    assert first.quote_ids == (3,) and "tie" not in first.details
    assert first.explanation == "First appearance of this statement: Coast News 2026-02-27."
    q1, q2 = QuoteInfo(1, 1, ROOT), QuoteInfo(2, 2, ROOT, said_on="2026-03-01")  # Valley Post, published 2026-03-01
    first = next(f for f in cluster_flags(1, [q1, q2], {2: "copy"}, {}, arts(), {}) if f.kind == "first_appearance")
    assert (
        first.explanation == "First appearance of this statement: Valley Post 2026-03-01."
        and "tie" not in first.details
    )


def test_every_report_is_compared_with_the_first_appearance_not_only_with_the_fullest_wording():
    text = "The Holloway bridge toll will be {} before the summer, and no driver will pay more"
    four = {
        1: ArticleInfo(1, "", "a.txt", ArticleMeta(outlet="Varga Times", date="2026-04-03")),
        2: ArticleInfo(2, "", "b.txt", ArticleMeta(outlet="Brandt Herald", date="2026-04-02")),
        3: ArticleInfo(3, "", "c.txt", ArticleMeta(outlet="Orvel Review", date="2026-04-04")),
        4: ArticleInfo(4, "", "d.txt", ArticleMeta(outlet="Wren Wire")),
    }
    said = {1: "halved", 2: "cut in half", 3: "cut by a third", 4: "halved"}
    quotes = [QuoteInfo(i, i, text.format(w), speaker_id=5) for i, w in said.items()]
    root = quotes[2]  # the fullest wording; the first appearance is Brandt Herald's "cut in half"
    others = [q for q in quotes if q is not root]
    flags = cluster_flags(
        root.id, quotes, {q.id: "variant" for q in others}, {q.id: align(root.text, q.text) for q in others}, four, {}
    )
    drift = {f.quote_ids: f for f in flags if f.kind == "wording_drift"}
    assert set(drift) == {(2, 1), (2, 3), (2, 4), (1, 3), (3, 4)}  # earlier report first; each pair once
    assert drift[(2, 1)].severity == drift[(2, 4)].severity == "minor"
    assert "same factor in other words" in drift[(2, 1)].explanation
    assert drift[(2, 1)].explanation.startswith("Both Brandt Herald 2026-04-02 and Varga Times 2026-04-03 present")
    assert drift[(2, 3)].severity == "severe"


def test_reports_of_different_stretches_of_a_statement_are_not_compared_word_by_word():
    whole = "The Orvel ferry will run every hour from May, and the old pier will be rebuilt by the autumn"
    first = QuoteInfo(1, 3, "The Orvel ferry will run every hour from May", speaker_id=5)  # Coast News, first
    later = QuoteInfo(2, 2, "the old pier will be rebuilt by the autumn", speaker_id=5)  # Hill Times
    root = QuoteInfo(3, 1, whole, speaker_id=5)  # Valley Post
    roles = {1: "fragment", 2: "fragment"}
    flags = cluster_flags(
        3, [first, later, root], roles, {q.id: align(whole, q.text) for q in (first, later)}, arts(), {}
    )
    assert not [f for f in flags if f.kind == "wording_drift"]
