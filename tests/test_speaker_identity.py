"""Speaker decisions reach the speakers a person chose, not every speaker written the same way."""

import pytest

from quotecheck import cli
from quotecheck.library import Library, LibraryError
from quotecheck.matching import analysis
from tests.test_analysis import add_article, add_quote, same_as_rebuild


@pytest.fixture
def quells():
    """Two full names share a surname; three articles write only the surname: three separate "Quell" rows."""
    lib = Library.in_memory()
    db = lib.db
    for n, name in enumerate(["Dara Quell", "Mira Quell"]):
        art = add_article(db, f"article {n}", f"full{n}.txt")
        add_quote(db, art, f"The tram line {n} opens next spring as planned", name)
    for n in range(3):
        art = add_article(db, f"short {n}", f"short{n}.txt")
        add_quote(db, art, f"We never promised a bridge over river {n}", "Quell")
    analysis.rebuild(db)
    return lib


def rows_named(lib, name):
    return [s for s in lib.speakers() if s.name == name]


def test_merge_folds_in_only_the_chosen_row_of_a_shared_name(quells):
    lib = quells
    shorts = rows_named(lib, "Quell")
    assert len(shorts) == 3
    (dara,) = rows_named(lib, "Dara Quell")
    chosen = shorts[1]
    merge = lib.merge_speakers([dara.id, chosen.id])
    assert len(rows_named(lib, "Quell")) == 2
    (dara,) = rows_named(lib, "Dara Quell")
    assert dara.quotes == 2 and "Quell" in dara.aliases
    same_as_rebuild(lib.db)
    lib.set_decisions_active([merge], False)
    assert len(rows_named(lib, "Quell")) == 3
    lib.set_decisions_active([merge], True)
    assert len(rows_named(lib, "Quell")) == 2
    # the merge names that article's "Quell", so re-running the matching keeps it
    lib.match()
    assert len(rows_named(lib, "Quell")) == 2 and rows_named(lib, "Dara Quell")[0].quotes == 2


def test_split_parts_only_this_speakers_uses_of_a_shared_spelling(quells):
    lib = quells
    dara = rows_named(lib, "Dara Quell")[0]
    first, second, third = rows_named(lib, "Quell")
    lib.merge_speakers([dara.id, first.id, second.id])
    assert rows_named(lib, "Dara Quell")[0].quotes == 3
    lib.split_speaker(rows_named(lib, "Dara Quell")[0].id, "Quell")
    assert rows_named(lib, "Dara Quell")[0].quotes == 1
    assert len(rows_named(lib, "Quell")) == 3  # parted, and still three people: not made one
    same_as_rebuild(lib.db)


def test_an_ambiguous_name_is_refused_with_the_candidates_ids(quells):
    ids = sorted(s.id for s in rows_named(quells, "Quell"))
    with pytest.raises(LibraryError) as refused:
        quells.merge_speakers(["Dara Quell", "Quell"])
    assert str(refused.value) == f"'Quell' names 3 speakers (ids {', '.join(map(str, ids))}); give the id instead"
    with pytest.raises(LibraryError, match="no speaker is called 'Nobody'"):
        quells.merge_speakers(["Dara Quell", "Nobody"])
    with pytest.raises(LibraryError, match="already one speaker"):
        quells.merge_speakers(["Dara Quell", "dara quell"])
    with pytest.raises(LibraryError, match="two different speakers"):
        quells.merge_speakers(["Dara Quell"])


def test_cli_merges_by_id_and_names_the_candidates_of_an_ambiguous_name(tmp_path, quells, capsys):
    path = tmp_path / "q.qcproj"
    quells.db.conn.execute("VACUUM INTO ?", [str(path)])
    shorts = sorted(s.id for s in rows_named(quells, "Quell"))
    assert cli.main(["merge-speakers", str(path), "Dara Quell", "Quell"]) != 0
    err = capsys.readouterr().err
    assert f"ids {', '.join(map(str, shorts))}" in err and "Traceback" not in err and len(err.splitlines()) == 1
    assert cli.main(["merge-speakers", str(path), "Dara Quell", str(shorts[0])]) == 0
    capsys.readouterr()
    with Library(path) as lib:
        assert len(rows_named(lib, "Quell")) == 2
        dara = rows_named(lib, "Dara Quell")[0]
    assert cli.main(["split-speaker", str(path), str(dara.id), "Quell"]) == 0
    with Library(path) as lib:
        assert len(rows_named(lib, "Quell")) == 3


def test_hiding_one_noisy_row_keeps_it_hidden_over_rematching_and_can_be_undone(quells, tmp_path, capsys):
    lib = quells
    chosen = rows_named(lib, "Quell")[2]
    (its_quote,) = [q.id for q in lib.quote_rows(lib.quote_ids()).values() if q.speaker_id == chosen.id]
    (decision,) = lib.hide_speakers([chosen.id])
    assert [s.hidden for s in rows_named(lib, "Quell")].count(True) == 1
    lib.match()
    (hidden,) = [s for s in lib.speakers() if s.hidden]
    assert lib.quote(its_quote).speaker_id == hidden.id  # that row, and its quote keeps its speaker
    lib.set_decisions_active([decision], False)
    assert not any(s.hidden for s in lib.speakers())
    lib.set_decisions_active([decision], True)
    assert lib.unhide_speakers([hidden.id]) == [decision] and not any(s.hidden for s in lib.speakers())
    path = tmp_path / "q.qcproj"
    lib.db.conn.execute("VACUUM INTO ?", [str(path)])
    assert cli.main(["hide-speaker", str(path), "Mira Quell"]) == 0
    assert cli.main(["speakers", str(path)]) == 0
    assert "Mira Quell  (hidden)" in capsys.readouterr().out
    assert cli.main(["hide-speaker", str(path), "Mira Quell", "--show"]) == 0
    with Library(path) as reopened:
        assert not any(s.hidden for s in reopened.speakers())


def test_a_name_its_articles_tag_as_a_body_is_an_organisation_not_a_person():
    """The articles' say (``quotes.speaker_kind``) decides what a two-word name is, by majority of its
    quotes: a shipping firm is an organisation, a person the tagger once took for a firm stays a person."""
    lib = Library.in_memory()
    db = lib.db
    votes = {"Orvel Shipping": ["body", "body"], "Lena Brandt": ["body", "person", "person"], "Ivo Kastren": [None]}
    for n, (name, kinds) in enumerate(votes.items()):
        for k, kind in enumerate(kinds):
            art = add_article(db, f"article {n} {k}", f"a{n}{k}.txt")
            add_quote(db, art, f"The ferry to the islands runs again from week {n}{k}", name, speaker_kind=kind)
    lib.match()
    kinds = {s.name: s.kind for s in lib.speakers()}
    assert kinds == {"Orvel Shipping": "organisation", "Lena Brandt": "person", "Ivo Kastren": "person"}
    same_as_rebuild(db)


def test_imported_articles_give_a_firm_as_an_organisation(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "one.txt").write_text(
        "Ferry fine upheld\n\nNorland Freight said on Tuesday that it would pay the fine in full.\n\n"
        "“We regret the delay,” Anna Varga said at the harbour.\n",
        encoding="utf-8",
    )
    (folder / "two.txt").write_text(
        "Harbour dispute goes on\n\n“The fine is unjust and we will appeal,” Norland Freight said in a statement.\n",
        encoding="utf-8",
    )
    with Library(tmp_path / "p.qcproj") as lib:
        assert lib.ingest([folder]).ok
        kinds = {s.name: s.kind for s in lib.speakers()}
    assert kinds["Norland Freight"] == "organisation"
    assert kinds["Anna Varga"] == "person"


def test_the_bodies_are_read_again_only_when_a_quote_s_name_or_kind_changes(monkeypatch):
    lib = Library.in_memory()
    db = lib.db
    art = add_article(db, "article", "a.txt")
    qid = add_quote(db, art, "The ferry to the islands runs again next week", "Orvel Shipping", speaker_kind="body")
    lib.match()
    reads = []
    real = analysis._bodies_read
    monkeypatch.setattr(analysis, "_bodies_read", lambda db: reads.append(1) or real(db))
    assert analysis._bodies(db) == {"Orvel Shipping": 1} and reads == []  # kept since the match
    db.execute("UPDATE quotes SET speaker_id = speaker_id WHERE id = ?", [qid])  # what a merge writes
    assert analysis._bodies(db) == {"Orvel Shipping": 1} and reads == []
    db.execute("UPDATE quotes SET speaker_kind = 'person' WHERE id = ?", [qid])
    assert analysis._bodies(db) == {} and reads == [1]
