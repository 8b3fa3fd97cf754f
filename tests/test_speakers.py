"""Speaker names: normalisation, the variant test, grouping with evidence, reviewer decisions."""

import json

import pytest

from quotecheck.matching.speakers import Mention, group, normalise, resolve, same_person


@pytest.mark.parametrize(
    ("raw", "tokens", "suffix"),
    [
        ("Chairman Kim Jong-un's", ("kim", "jongun"), ""),
        ("Mr. Kelly", ("kelly",), ""),
        ("Donald Trump, Jr.", ("donald", "trump"), "jr"),
        ("Deputy Foreign Minister Choi Son Hi", ("choi", "son", "hi"), ""),
        ("Юрий Варнов", ("iurii", "varnov"), ""),
    ],
)
def test_normalise(raw, tokens, suffix):
    name = normalise(raw)
    assert name.tokens[-1] == tokens[-1] and len(name.tokens) == len(tokens)
    assert name.suffix == suffix


def test_organisations_are_recognised():
    assert normalise("Kremlin press service").is_org
    assert not normalise("Dana Wilcox").is_org


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Yuri Varnov", "Yury Varnov"),
        ("Choe Min Hui", "Choi Min Hi"),
        ("Pak Sang Un", "Pak Sang-un"),
        ("Pak Sang Un", "Pak Sang-en"),
        ("Senator Ada Quill", "Ada Quill"),
        ("@Harbour_Wire", "Harbourwire"),
    ],
)
def test_spelling_variants_are_one_person(a, b):
    verdict = same_person(normalise(a), normalise(b))
    assert verdict is not None and verdict[0] == "strong"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Pak Sang Un", "Pak Sang Il"),  # father and son
        ("Pak Sang Un", "Pak Yo Sang"),
        ("Pak Sang Un", "Yevgen Pak"),  # shares only the surname
        ("Ronald Brisk", "Ronald Brisk Jr."),
        ("Ronald Brisk", "Melinda Brisk"),
        ("Lu Vang", "Lu Vahn"),  # too far apart to be sure
        ("Erin Wren", "Aaron Wren"),  # related names the nickname list pairs, not one a short form of the other
        ("Lisa Wren", "Elizabeth Wren"),
        ("Sandra Wren", "Alexandra Wren"),
        ("Anne Frank", "Anne Francis"),  # a surname is no short form of another
        ("John Ray", "John Raymond"),
        ("Mr. Sam Roe", "Mrs. Samantha Roe"),  # a short form, but the titles say a man and a woman
    ],
)
def test_different_people_stay_apart(a, b):
    assert same_person(normalise(a), normalise(b)) is None


def test_initials_are_weak_and_need_a_single_fit():
    assert same_person(normalise("R. Brisk"), normalise("Ronald Brisk"))[0] == "weak-a"
    one = group([Mention("R. Brisk", 1), Mention("Ronald Brisk", 2)])
    assert len(one) == 1
    two = group([Mention("R. Brisk", 1), Mention("Ronald Brisk", 2), Mention("Rita Brisk", 3)])
    assert len(two) == 3


@pytest.mark.parametrize(
    ("short", "full"),
    [
        ("Len Holloway", "Leonard E. Holloway"),
        ("Mike Calloway", "Michael Allen Calloway"),
        ("Steve Marsh", "Steven M. Marsh"),
    ],
)
def test_a_short_given_name_is_a_weak_link(short, full):
    strength, evidence = same_person(normalise(short), normalise(full))
    assert strength == "weak-a" and "is a short form of" in evidence
    assert same_person(normalise(full), normalise(short))[0] == "weak-b"


def test_a_short_given_name_joins_the_one_person_it_fits():
    """ "Chris Marsh" is Christopher Marsh when the project knows no other Marsh it could be; with a
    Christine Marsh beside him it is left to a reviewer."""
    one = group([Mention("Chris Marsh", 1, 2), Mention("Christopher Marsh", 2), Mention("Hal Marsh", 3)])
    names = {p.name: p for p in one}
    assert set(names) == {"Chris Marsh", "Hal Marsh"}
    assert "short form of 'Christopher'" in names["Chris Marsh"].aliases["Christopher Marsh"]
    two = group([Mention("Chris Marsh", 1), Mention("Christopher Marsh", 2), Mention("Christine Marsh", 3)])
    assert len(two) == 3


def test_group_keeps_family_apart_and_records_evidence():
    people = group(
        [
            Mention("Pak Sang Un", 1, 3),
            Mention("Pak Sang-un", 2),
            Mention("Pak Sang-en", 3),
            Mention("Pak Sang Il", 4),
            Mention("Yevgen Pak", 2),
        ]
    )
    names = {p.name: p for p in people}
    assert set(names) == {"Pak Sang Un", "Pak Sang Il", "Yevgen Pak"}
    assert set(names["Pak Sang Un"].aliases) == {"Pak Sang Un", "Pak Sang-un", "Pak Sang-en"}
    assert "transliteration" in names["Pak Sang Un"].aliases["Pak Sang-en"]
    assert names["Pak Sang Un"].quotes == 5


def test_one_word_names_resolve_in_their_article():
    people = group(
        [
            Mention("Pak Sang Un", 1),
            Mention("Pak", 1),
            Mention("Yevgen Pak", 2),
            Mention("Pak", 2),
            Mention("Pak Sang-un", 2),
            Mention("Mr. Quill", 3),
            Mention("Ada Quill", 4),
        ]
    )
    where = resolve(people)
    by_unit = {key: people[i].name for key, i in where.items()}
    assert by_unit[("Pak", 1)] == "Pak Sang Un"
    assert by_unit[("Pak", 2)] == "Pak"  # two Paks in article 2: left to a reviewer
    assert by_unit[("Mr. Quill", 3)] == "Ada Quill"


def test_context_words_break_a_tie_for_one_word_names():
    people = group(
        [
            Mention("Pak Sang Un", 1, context={"chairman", "council"}),
            Mention("Yevgen Pak", 2, context={"expert", "interview"}),
            Mention("Chairman Pak", 3),
        ]
    )
    by_unit = {key: people[i].name for key, i in resolve(people).items()}
    assert by_unit[("Chairman Pak", 3)] == "Pak Sang Un"


def test_a_title_of_one_gender_picks_the_one_person_it_fits():
    """A couple in the project: "Mr. Roe" in an article naming neither is the husband, "Mrs. Roe" the
    wife, when other articles say which is which ("the first lady", "her husband")."""
    people = group(
        [
            Mention("Barrett Roe", 1, context={"president"}),
            Mention("Odile Roe", 2, context={"first", "lady"}),
            Mention("Mr. Roe", 3),
            Mention("Mrs. Roe", 4),
            Mention("Roe", 5),
        ]
    )
    by_unit = {key: people[i].name for key, i in resolve(people).items()}
    assert by_unit[("Mr. Roe", 3)] == "Barrett Roe"
    assert by_unit[("Mrs. Roe", 4)] == "Odile Roe"
    assert by_unit[("Roe", 5)] == "Roe"  # no title, nothing to tell them apart
    (husband,) = [p for p in people if p.name == "Barrett Roe"]
    assert "only man named" in json.dumps(husband.aliases)


def test_a_title_of_one_gender_never_joins_the_other_in_its_own_article():
    """ "Mr. Roe" in an article that also names "the first lady, Odile Roe" is not her: he joins the
    one man named Roe in the project."""
    people = group(
        [
            Mention("Barrett Roe", 1, context={"president"}),
            Mention("Odile Roe", 2, context={"first", "lady"}),
            Mention("Mr. Roe", 2),
        ]
    )
    by_unit = {key: people[i].name for key, i in resolve(people).items()}
    assert by_unit[("Mr. Roe", 2)] == "Barrett Roe"


def test_decisions_win():
    mentions = [Mention("Yuri Varnov", 1), Mention("Yury Varnov", 2), Mention("Tom Hale", 3), Mention("T. H. Ridge", 4)]
    auto = group(mentions)
    assert len(auto) == 3
    decided = group(
        mentions,
        [("split", {"alias": "Yury Varnov", "from": "Yuri Varnov"}), ("merge", {"names": ["Tom Hale", "T. H. Ridge"]})],
    )
    names = sorted(sorted(p.aliases) for p in decided)
    assert names == [["T. H. Ridge", "Tom Hale"], ["Yuri Varnov"], ["Yury Varnov"]]
    merged = next(p for p in decided if "Tom Hale" in p.aliases)
    assert "reviewer" in " ".join(merged.aliases.values())


def test_descriptions_are_not_names():
    assert normalise("the expert").is_role and normalise("a senior official").is_role
    assert not normalise("Ada Quill").is_role
    people = group([Mention("the expert", 1), Mention("the expert", 2), Mention("Expert", 3)])
    assert len(people) == 3  # three articles, three possibly different experts


@pytest.mark.parametrize(
    "written",
    [
        "Several harbour pilots",  # capitalised only because it opens the sentence
        "Fishermen and traders",
        "Port officials",
        "Her aides",
        "Another 12 percent",
        "Varga's relatives",
        "Former Palace Doctor",  # a headline's title case: the head word is a role
        "Senator from Norland",
        "Member of Harbour panel",
        "Orvel Gazette database",
        "Varga's Son",  # a headline's kinship description
        "42% of Harbour Voters",
        "Half of Orvel Democrats",
        "Leaked Documents",
        "Former Varga Pollster",
    ],
)
def test_a_description_written_with_capitals_is_no_person(written):
    """The speaker list shows these as descriptions (kind "role"), which never join another article's
    speaker, not as people."""
    name = normalise(written)
    assert name.is_role and not name.is_org


@pytest.mark.parametrize(
    "written, kind",
    [
        ("Attorney General Ana Wren", "person"),
        ("Ana de la Vargo", "person"),
        ("Abu Bakr al-Brandti", "person"),
        ("@orvelwatch", "person"),
        ("习近平", "person"),  # no capitals in the script: not a lower-case description
        ("Holloway campaign", "org"),
        ("Varga's team", "org"),
        ("Commission on Harbour Safety", "org"),
        ("Kastren Policy Center", "org"),
        ("42", "role"),
        ("Jae-il Son", "person"),
        ("Bill Study", "person"),
        ("Lawyer da Vargo", "person"),  # a name particle does not end the name's first phrase
        ("National Academies of Harbours", "org"),
    ],
)
def test_names_and_bodies_stay_what_they_are(written, kind):
    name = normalise(written)
    assert kind == ("role" if name.is_role else "org" if name.is_org else "person")


def test_weak_forms_join_their_single_fit():
    people = group(
        [
            Mention("Ilse Varno", 1),
            Mention("Agriculture Ilse Varno", 2),  # an extractor's stray word in front
            Mention("Teodor Varno", 3),
            Mention("Ministry of Water and Fisheries", 4),
            Mention("the Ministry of Water and Fisheries of Kallmark", 5),
            Mention("Kallmark's Minister of Water", 6),
        ]
    )
    groups = sorted(sorted(p.aliases) for p in people)
    assert ["Agriculture Ilse Varno", "Ilse Varno"] in groups
    assert ["Ministry of Water and Fisheries", "the Ministry of Water and Fisheries of Kallmark"] in groups
    assert ["Teodor Varno"] in groups and ["Kallmark's Minister of Water"] in groups
    assert normalise("Kallmark's Minister of Water").is_role and normalise("farmer").is_role


def test_the_latest_decision_between_the_same_names_wins():
    mentions = [Mention("Afanasy Zarubkin", 1), Mention("Afanasiy Zarubkin", 2), Mention("Tom Hale", 3)]

    def together(*decisions):
        people = group(mentions, decisions)
        return any({"Afanasy Zarubkin", "Afanasiy Zarubkin"} <= set(p.aliases) for p in people)

    merge = ("merge", {"names": ["Afanasy Zarubkin", "Afanasiy Zarubkin"]})
    split = ("split", {"alias": "Afanasiy Zarubkin", "from": "Afanasy Zarubkin"})
    assert together() and together(merge)
    assert not together(merge, split)  # a split undoes the person's own merge
    assert together(merge, split, merge)  # and a merge after it merges again
    assert not together(split, merge, split)
    three = ("merge", {"names": ["Tom Hale", "Afanasy Zarubkin", "Afanasiy Zarubkin"]})
    people = group(mentions, [three, split])
    assert sorted(sorted(p.aliases) for p in people) == [["Afanasiy Zarubkin"], ["Afanasy Zarubkin", "Tom Hale"]]
    other = ("split", {"alias": "Tom Hale", "from": "Afanasy Zarubkin"})
    assert together(merge, other) and together(split, ("merge", {"names": ["Afanasiy Zarubkin", "Tom Hale"]}), merge)


def test_a_full_name_in_many_articles_is_one_speaker_with_every_unit():
    mentions = [Mention("Ana Vidal", a, 2, {"mayor"}) for a in range(50)] + [Mention("Vidal", 7), Mention("Vidal", 99)]
    mentions += [Mention("Ana Vidal", 3, 1, {"harbour"}), Mention("the expert", 1), Mention("the expert", 2)]
    (vidal, *rest) = group(mentions)
    assert vidal.name == "Ana Vidal" and vidal.quotes == 50 * 2 + 1 + 2
    assert vidal.members == sorted({("Ana Vidal", a) for a in range(50)} | {("Vidal", 7), ("Vidal", 99)})
    assert vidal.context == {"mayor", "harbour"} and mentions[3].quotes == 2 and mentions[3].context == {"mayor"}
    assert [p.members for p in rest] == [[("the expert", 1)], [("the expert", 2)]]
