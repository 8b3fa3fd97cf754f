"""Statement matching: tokens, verification, clustering into trees, incremental placement, scale."""

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotecheck.matching import statements as match

FULL = (
    "The harbour authority will close the northern pier for repairs in March, and ferries will dock at "
    "the old grain terminal until the work is finished"
)


def index_of(rows):
    idx = match.Index()
    for qid, text, speaker in rows:
        idx.add(qid, text, speaker)
    return idx


def roots_of(rows):
    idx = index_of(rows)
    return match.cluster(idx, match.links(idx))


def test_words_fold_and_offsets():
    assert match.words("Harbour’s 1,200 long-standing ÉCLAT") == ["harbour's", "1200", "long", "standing", "eclat"]
    text = "Ça va, 2.6 million"
    for w, start, end in match.tokens(text):
        assert match.fold(text[start:end]).replace(",", "") == w


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab1,.'’ _-ÉçЖ\u00a0")), max_size=40))
def test_words_are_the_words_of_tokens(text):
    """words() skips the offsets that tokens() keeps; the words themselves are the same."""
    assert match.words(text) == [w for w, _, _ in match.tokens(text)]


def test_verbatim_copy_variant_fragment_cluster_together():
    rows = [
        (1, FULL, 7),
        (2, FULL.upper(), 7),
        (3, FULL.replace("close", "shut").replace("finished", "done"), 7),
        (4, "close the northern pier for repairs in March", 7),
        (5, "dock at the old grain terminal", None),
    ]
    roots = roots_of(rows)
    assert {q: roots.get(q) for q in range(1, 6)} == {1: 1, 2: 1, 3: 1, 4: 1, 5: 1}


def test_reordered_variant_is_found():
    a = "we will rebuild the stadium by next summer, whatever the cost to the city budget"
    b = "whatever the cost to the city budget, we will rebuild the stadium by next summer"
    # One statement, rooted at the earlier id (both are equally full), whichever wording came first.
    roots = roots_of([(1, a, 3), (2, b, 3)])
    assert roots.get(1) == roots.get(2) is not None
    assert roots_of([(1, b, 3), (2, a, 3)]) == {1: 1, 2: 1}
    assert roots_of([(2, b, 3), (1, a, 3)]) == {1: 1, 2: 1}


def test_short_fragment_needs_speaker_and_rare_words():
    full = "Talks will begin in a narrow circle and then continue with the delegations"
    frag = "in a narrow circle"
    assert roots_of([(1, full, 5), (2, frag, 5)]).get(2) == 1
    assert roots_of([(1, full, 5), (2, frag, 6)]).get(2) is None  # somebody else's words
    stock = [(1, "we will do what is right for the people of this town", 5), (2, "what is right", 5)]
    assert roots_of(stock).get(2) is None


def test_shared_slogan_does_not_join_speeches():
    slogan = "make the valley proud again"
    a = f"Our plan brings new clinics to every district and {slogan} with better roads for farmers"
    b = f"The tax cut is for families who work hard, {slogan}, and we will balance the budget in two years"
    roots = roots_of([(1, a, 9), (2, b, 9)])
    assert roots.get(1) != roots.get(2) or not roots


def test_different_speakers_need_near_verbatim():
    q = "the reservoir is at its lowest level in forty years and rationing starts on monday"
    assert roots_of([(1, q, 1), (2, q, 2)]).get(2) == 1  # same words, two speakers: flagged later
    changed = q.replace("forty", "thirty").replace("monday", "friday")
    assert roots_of([(1, q, 1), (2, changed, 2)]).get(2) is None


def test_clusters_are_trees_without_chaining():
    long_a = "alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima"
    long_b = "mike november oscar papa quebec romeo foxtrot golf hotel india sierra tango"
    part = "foxtrot golf hotel india"
    roots = roots_of([(1, long_a, 4), (2, long_b, 4), (3, part, 4)])
    assert roots.get(1) != roots.get(2) or roots.get(1) is None
    assert roots.get(3) in (1, 2)


def test_index_recall_matches_exhaustive_on_random_corpus():
    rng = random.Random(3)
    vocab = [f"w{i}" for i in range(3000)]
    rows = []
    for i in range(300):
        rows.append((i, " ".join(rng.choices(vocab, k=rng.randint(8, 30))), rng.randrange(20)))
    for i in range(300, 400):
        _, text, spk = rows[rng.randrange(300)]
        words = text.split()
        if rng.random() < 0.5:
            k = rng.randint(4, len(words))
            at = rng.randint(0, len(words) - k)
            words = words[at : at + k]
        else:
            words[rng.randrange(len(words))] = rng.choice(vocab)
        rows.append((i, " ".join(words), spk))
    idx = index_of(rows)
    indexed = {(min(lk.short, lk.long), max(lk.short, lk.long)) for lk in match.links(idx)}
    truth = set()
    reps = [q for q in idx.seq if idx.rep[q] == q]
    for i, a in enumerate(reps):
        for b in reps[i + 1 :]:
            lk = idx.compare(a, b)
            if lk:
                truth.add((min(a, b), max(a, b)))
    assert truth and len(indexed & truth) >= 0.99 * len(truth)


def test_a_pair_turned_down_at_one_bar_is_turned_down_at_every_higher_one():
    """A speaker decision that changes how two quotes' speakers relate asks the lower bar first and the
    higher one only for a pair that passes it (match.BARS): that holds only while verification is
    monotone in the bar and a link's figures do not depend on it."""
    rng = random.Random(11)
    common = [f"c{i}" for i in range(40)]  # words in many quotes: short cuts of them are no statement
    rare = [f"r{i}" for i in range(4000)]
    rows = []
    for i in range(400):
        rows.append(
            (i, " ".join(rng.choice(common if rng.random() < 0.5 else rare) for _ in range(rng.randint(4, 30))))
        )
    for i in range(400, 800):
        words = rows[rng.randrange(400)][1].split()
        roll = rng.random()
        if roll < 0.3 and len(words) > 3:  # a cut
            k = rng.randint(3, len(words) - 1)
            at = rng.randint(0, len(words) - k)
            words = words[at : at + k]
        elif roll < 0.6:  # some words changed
            for _ in range(rng.randint(1, 1 + len(words) // 4)):
                words[rng.randrange(len(words))] = rng.choice(common + rare)
        elif roll < 0.8:  # halves swapped, a word more
            half = len(words) // 2
            words = words[half:] + words[:half] + [rng.choice(rare)]
        else:  # a stretch shared with other words around it
            words = [rng.choice(rare) for _ in range(rng.randint(0, 8))] + words + [rng.choice(common)]
        rows.append((i, " ".join(words)))
    idx = index_of([(q, text, None) for q, text in rows])
    speakers = {"same": (1, 1), "unknown": (1, None), "different": (1, 2)}
    passed = {bar: 0 for bar in match.BARS}
    for a, b in idx.candidate_pairs():
        links = []
        for bar in match.BARS:
            idx.speaker[a], idx.speaker[b] = speakers[bar]
            links.append(idx.compare(a, b))
            passed[bar] += links[-1] is not None
        for lower, higher in zip(links, links[1:], strict=False):
            assert higher is None or higher == lower, (a, b, links)
    assert passed["same"] > passed["unknown"] > passed["different"] > 50


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=0, max_size=80), st.text(min_size=0, max_size=80))
def test_compare_never_raises(a, b):
    idx = index_of([(1, a, 1), (2, b, None)])
    idx.compare(1, 2)
    match.cluster(idx, match.links(idx))


def test_overlapping_cuts_of_one_statement_join():
    speech = (
        "We have agreed on the terms of the new fishing treaty after two years of talks, and the fleets of both "
        "countries will share the northern waters from the first day of June onwards"
    )
    words = speech.split()
    first, second = " ".join(words[:22]), " ".join(words[12:])
    assert roots_of([(1, first, 4), (2, second, 4)]) != {}
    assert roots_of([(1, first, 4), (2, second, 5)]) == {}  # two people: not the same statement


def test_short_boilerplate_of_two_officials_stays_apart():
    line = "We will not comment on ongoing investigations"
    assert roots_of([(1, line, 1), (2, line, 2)]) == {}  # two officials, two inquiries
    assert roots_of([(1, line, 1), (2, line, 1)]) == {1: 1, 2: 1}  # one official, two reports


def test_slogan_opening_two_speeches_of_one_speaker_stays_apart():
    slogan = "every family in this county deserves a doctor they can see within a week"
    a = f"{slogan}, and that is why we will build four new surgeries in the eastern villages"
    b = f"{slogan}. That is why I am asking the hospital trust to keep the night clinic open"
    assert roots_of([(1, a, 3), (2, b, 3)]) == {}  # both go on past the slogan, differently


def test_slogan_recurring_in_several_speeches_is_no_overlap():
    slogan = "we are going to put the river towns back to work and keep them working"
    debate = f"I said it last week and I will say it again tonight: {slogan}"
    mill = f"{slogan}, and it starts with reopening the paper mill at Stonebridge"
    quay = f"{slogan}, starting with a new ferry terminal at Lockhaven"
    roots = roots_of([(1, debate, 3), (2, mill, 3), (3, quay, 3)])
    assert len({roots.get(q, q) for q in (1, 2, 3)}) == 3


def test_translated_statement_with_synonyms_joins():
    a = (
        "We will not let a small band of landlords decide the rents of an entire city. The new law will pass "
        "in April, with or without their support, and every tenant will see the cap on the next bill"
    )
    b = (
        "We would not let a little group of property owners decide the rents of the whole city. The new law "
        "will pass in April, with or without their backing, and all tenants will see the cap on the next bill"
    )
    roots = roots_of([(1, a, 3), (2, b, 3)])
    assert roots.get(1) == roots.get(2) is not None


def test_question_and_the_answer_repeating_its_words_stay_apart():
    question = "Will you close the Eastgate library if the council cuts your budget again next spring?"
    answer = "If the council cuts our budget again next spring, we will close the Eastgate library, yes"
    assert roots_of([(1, question, None), (2, answer, 4)]) == {}
    cut = "if the council cuts your budget again next spring"
    assert roots_of([(1, question, None), (2, cut, None)]) == {1: 1, 2: 1}  # a cut of the question is one


def _reference_pairs(idx, rows):
    """Candidate pairs in the documented order, from a Python list per 3-gram (the index before numpy):
    a 3-gram in more than ``idx.common`` quotes pairs only the quotes for which it is among their
    ``PREFIX`` rarest shared 3-grams with the others holding it."""
    first, more, keys = {}, {}, {}
    for qid, _, _ in rows:
        if idx.rep[qid] != qid:
            continue
        keys[qid] = match.shingles([idx.vocab_hash[i] for i in idx.seq[qid]])
        for h in keys[qid]:
            other = first.setdefault(h, qid)
            if other != qid:
                more.setdefault(h, [other]).append(qid)
    prefix = {
        q: set(
            sorted((h for h in ks if 2 <= len(more.get(h, ())) <= idx.cap), key=lambda h: (len(more[h]), h))[
                : match.PREFIX
            ]
        )
        for q, ks in keys.items()
    }
    out, seen = [], set()
    for h, lst in more.items():
        if len(lst) <= idx.cap:
            for i, a in enumerate(lst):
                for b in lst[i + 1 :]:
                    pair = (min(a, b), max(a, b))
                    if len(lst) > idx.common and h not in prefix[a] and h not in prefix[b]:
                        continue
                    if pair not in seen:
                        seen.add(pair)
                        out.append(pair)
    return out


def test_candidate_pairs_keep_their_order_when_quotes_come_after_a_lookup():
    rng = random.Random(7)
    vocab = [f"w{k}" for k in range(300)]
    base = [rng.choices(vocab, k=rng.randint(8, 16)) for _ in range(150)]
    for ws in base[:60]:  # a slogan in more quotes than the cap: its 3-grams give no pairs
        ws[2:2] = ["alpha", "beta", "gamma", "delta"]
    rows = []
    for q in range(400):
        ws = list(base[q]) if q < 150 else list(rng.choice(base))
        if q >= 150:
            ws[rng.randrange(len(ws))] = rng.choice(vocab)
        rows.append((q, " ".join(ws), None))
    rows = [(q * 3 + 1, text, s) for q, text, s in rows]
    whole = index_of(rows)
    expected = _reference_pairs(whole, rows)
    assert len(expected) > 400
    whole.common = whole.cap  # every 3-gram under the cap pairs all its quotes: more pairs
    assert len(_reference_pairs(whole, rows)) > len(expected) and list(whole.candidate_pairs()) == _reference_pairs(
        whole, rows
    )
    whole.common = match.COMMON
    assert list(whole.candidate_pairs()) == expected
    halves = index_of(rows[:200])
    assert list(halves.candidate_pairs()) == _reference_pairs(halves, rows[:200])
    for qid, text, speaker in rows[200:]:
        halves.add(qid, text, speaker)  # merged into the sorted postings at the next lookup
    assert list(halves.candidate_pairs()) == expected
    run = whole.seq[rows[5][0]][:4]
    assert set(halves.holding(run)) == set(whole.holding(run)) and rows[5][0] in whole.holding(run)


@pytest.mark.parametrize("size", [100_000, 1_000_000, 5_000_000])
def test_a_short_cut_is_recognised_alike_in_a_project_ten_times_larger(size):
    """Words as frequent, in share of the quotes, count as much in a larger project (SPECIFIC_SCALE):
    a three-word cut with two rare words and one common one is found at every size."""
    index = match.Index()
    index.add(1, "alpha bravo charlie delta echo foxtrot golf hotel")
    index.add(2, "charlie delta echo")
    index.extra_docs = size
    for word, share in (("charlie", 1e-4), ("delta", 1e-4), ("echo", 3e-3)):
        index.extra_terms[index.intern([word])[0]] = int(share * size)
    assert index.compare(1, 2) is not None
