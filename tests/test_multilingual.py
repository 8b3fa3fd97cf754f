"""Quotes in Russian, French, German and Spanish articles, embedded posts and their translations.

The golden articles in ``tests/data/lang`` were written for these tests (an invented ferry, port,
railway, water plant, school, museum, clinic and harbour); ``expected.json`` lists their quotes.
"""

import json
from pathlib import Path

import pytest

from quotecheck.engine import languages
from quotecheck.engine.extract import Extractor, extract_text
from quotecheck.engine.multilingual import name_key, nominative
from quotecheck.io.ingest import read_article

LANG = Path(__file__).resolve().parent / "data" / "lang"
EXPECTED = json.loads((LANG / "expected.json").read_text("utf-8"))["articles"]


@pytest.fixture(scope="module")
def extracted():
    ex = Extractor()
    out = {}
    for name in EXPECTED:
        article = read_article(LANG / name)
        out[name] = (article, ex.extract(article))
    return out


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_golden_article(extracted, name):
    article, quotes = extracted[name]
    got = [
        {
            "text": q.text[:30],
            "speaker": q.speaker,
            "language": q.language,
            **(
                {"translation_of": article.text[q.translation_of : q.translation_of + 30]}
                if q.translation_of is not None
                else {}
            ),
        }
        for q in quotes
    ]
    assert got == EXPECTED[name]


def test_scores_per_language(extracted):
    """Quote recall and speaker accuracy per language over the golden articles (floors of the README table)."""
    for lang in ("ru", "fr", "de", "es"):
        want = [(n, e) for n, es in EXPECTED.items() for e in es if e["language"] == lang]
        found = right = 0
        for name, e in want:
            quotes = extracted[name][1]
            hit = next((q for q in quotes if q.text.startswith(e["text"])), None)
            found += hit is not None
            right += hit is not None and hit.speaker == e["speaker"]
        assert found == len(want), lang
        assert right / len(want) >= 0.9, lang


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("«Мы построим мост к осени», — сказал мэр города.", "ru"),
        ("« Nous ne fermerons pas l'usine », a déclaré la ministre devant les élus.", "fr"),
        ("„Die Brücke ist sicher“, sagte der Bürgermeister am Montag.", "de"),
        ("«No habrá nuevos impuestos», señaló el alcalde durante la sesión.", "es"),
        ("“We will not close the plant,” the minister said on Monday.", "en"),
        ("Дорогу відкриють у червні, заявив мер.", "uk"),
    ],
)
def test_paragraph_language(text, lang):
    assert languages.paragraph_language(text) == lang


def test_short_paragraph_takes_the_article_language():
    main, paragraphs = languages.paragraph_languages("Le maire a parlé.\nOK\nIl a dit que le pont est sûr.")
    assert main == "fr"
    assert [p[2] for p in paragraphs] == ["fr", "fr", "fr"]


def test_english_article_never_loads_the_rule_layer(monkeypatch):
    """The multilingual rules load only when a paragraph is not English."""
    import sys

    monkeypatch.delitem(sys.modules, "quotecheck.engine.multilingual", raising=False)
    quotes = extract_text("“We will build the bridge by autumn,” the mayor, Ana Lind, said on Monday.")
    assert quotes and quotes[0].language == "en"
    assert "quotecheck.engine.multilingual" not in sys.modules
    assert not languages.has_foreign_paragraph("The mayor said the bridge is safe and that it will open in May.")


def test_russian_names_lose_their_case_endings():
    assert name_key("Журавлёва") == name_key("Журавлёв")
    assert [nominative(t) for t in ("Юлии", "Соколовой", "Олега", "Сазонова", "Сергея")] == [
        "Юлия",
        "Соколова",
        "Олег",
        "Сазонов",
        "Сергей",
    ]


def test_embedded_post_and_its_translation():
    text = (
        "The city confirmed the date on Monday.\n"
        "Мост через Каменку откроют 3 июня, движение будет бесплатным pic.twitter.com/abc123\n"
        "— Мэрия Каменска (@kamensk_city) June 1, 2026\n"
        "“The bridge over the Kamenka will open on June 3, traffic will be free.”\n"
        "Officials did not say how much the bridge cost."
    )
    post, translation = extract_text(text)
    assert post.language == "ru" and translation.language == "en"
    assert post.text.startswith("Мост через") and post.text.endswith("бесплатным")
    assert post.speaker == translation.speaker == "Мэрия Каменска"
    assert post.said_on == "2026-06-01"
    assert translation.translation_of == post.start


def test_an_english_post_pasted_without_quote_marks_is_its_signers():
    """A post pasted as text under "She followed up on X:" with the embed's sign line ("— Name (@handle)
    date") is the signer's words in an English article too: a direct record, dated by the sign line,
    the link at its end left out; the article's own sentences around it stay nobody's quote."""
    text = (
        "Teachers Strike Enters Second Week\n\n"
        "Gov. Helen Ostrand called the remark disgusting. She followed up on X a few hours later:\n\n"
        "My mom taught fourth grade for 31 years. Teachers are the reason this country works."
        " pic.twitter.com/x7Qa2Lm9Pz\n"
        "— Helen Ostrand (@HelenOstrand) October 5, 2044\n\n"
        "The union said talks would resume on Monday."
    )
    post = [q for q in extract_text(text) if q.kind != "indirect"]
    assert [(q.text, q.speaker, q.kind, q.said_on) for q in post] == [
        (
            "My mom taught fourth grade for 31 years. Teachers are the reason this country works.",
            "Helen Ostrand",
            "direct",
            "2044-10-05",
        )
    ]
    assert post[0].language == "en"


def test_unsupported_language_keeps_its_quotes_without_speakers():
    text = "Il sindaco ha parlato a lungo della nuova strada per il porto.\n«La strada sarà pronta a maggio», ha detto il sindaco della città."
    quotes = extract_text(text)
    assert [q.text for q in quotes] == ["La strada sarà pronta a maggio"]
    assert quotes[0].language == "it" and quotes[0].speaker is None


def test_german_description_before_an_apposed_name_is_no_speaker():
    """A capitalised word after its article with a genitive phrase, then the name between commas: the
    name speaks, whether the word is a listed role (Sprecher) or a nominalised adjective no list holds
    (Vorsitzende, Abgeordnete)."""
    text = (
        "Der Hafenrat tagte am Montag in Kallberg.\n\n"
        "„Wir fahren nicht mehr“, sagte der Vorsitzende des Hafenrates, Lars Orvel.\n\n"
        "„Wir fahren bald wieder“, sagte die stellvertretende Vorsitzende des Rates der Stadt Kallberg, Ida Brandt.\n\n"
        "„Das kostet zu viel“, sagte der Abgeordnete des Landtages, Tom Wren.\n\n"
        "„Es bleibt dabei“, sagte der Sprecher des Hafenrates, Jan Roe.\n"
    )
    quotes = extract_text(text)
    assert [q.language for q in quotes] == ["de"] * 4
    assert [q.speaker for q in quotes] == ["Lars Orvel", "Ida Brandt", "Tom Wren", "Jan Roe"]


def test_a_translation_citing_the_post_above_is_its_authors():
    """ "…," the chair's post read in translation: the post cited is the one just above, so its author
    speaks, not "council's chair"; a cue naming a person the article names keeps that person."""
    text = (
        "Island ferry\n\n"
        "The harbour council's chair answered critics on Sunday in Russian, the language of most islanders.\n\n"
        "Мы не бросим остров. Паром будет ходить каждый день.\n\n"
        "— Ларс Орвел (@orvel_l) 15 марта 2025\n\n"
        "“We will not abandon the island. The ferry will run every day,” the chair's post read in translation.\n"
    )
    post, translation = extract_text(text)
    assert post.speaker == translation.speaker == "Ларс Орвел"
    assert translation.translation_of == post.start


def test_a_name_after_slova_is_put_back_in_the_nominative():
    """ "Слова X: «…»" and "«…», — приводит слова X газета" cite X in the genitive, as "По словам X" does:
    the speaker is X in the nominative, one spelling with the X who "сказала" elsewhere."""
    text = (
        "Паром\n\n"
        "«Мы купим новое судно», — приводит слова Иды Брандт газета.\n\n"
        "Слова Иды Брандт: «Билеты подешевеют».\n\n"
        "«Расписание изменится в мае», — сказала Ида Брандт.\n"
    )
    assert [q.speaker for q in extract_text(text)] == ["Ида Брандт"] * 3


def test_german_description_without_a_name_is_kept_as_written():
    """ "sagte der Vorsitzende des Hafenrates." names nobody: the speaker is that description (a minor
    unattributed quote), not a person called "Vorsitzende" nor "Ministeriums" out of "der Sprecher des
    Ministeriums"; a name after the description still speaks."""
    text = (
        "Der Hafenrat tagte am Montag in Kallberg.\n\n"
        "„Wir fahren nicht mehr“, sagte der Vorsitzende des Hafenrates.\n\n"
        "„Es wird teuer“, sagte der Sprecher des Ministeriums am Montag.\n\n"
        "„Es bleibt dabei“, sagte der Vorsitzende Lars Orvel.\n"
    )
    assert [q.speaker for q in extract_text(text)] == [
        "der Vorsitzende des Hafenrates",
        "der Sprecher des Ministeriums",
        "Lars Orvel",
    ]
