"""Dismissing a false quote and deleting an article imported by mistake: undoable, kept over
re-extraction and re-import, with statements and flags following (issue 12, item 10)."""

import re

import pytest

from quotecheck import cli
from quotecheck.engine.quotes import scan
from quotecheck.library import Library, LibraryError
from quotecheck.model import Quote

SAID = re.compile(r"”,? ([A-Z]\w+ [A-Z]\w+) said")


class Extractor:
    """Every quote-mark run, claimed with confidence; the speaker is the name before "said" right after it."""

    def extract(self, article, on_section=None) -> list[Quote]:
        out = []
        for r in scan(article.text):
            said = SAID.match(article.text, r.end)
            out.append(
                Quote(
                    start=r.start,
                    end=r.end,
                    text=article.text[r.start : r.end],
                    speaker=said.group(1) if said else None,
                    confidence=0.9,
                    reason="test extractor",
                )
            )
        return out

    def close(self, wait: bool = True) -> None:
        pass

    def extract_many(self, articles, **_options):
        for article in articles:
            yield article, self.extract(article)


@pytest.fixture
def folder_lib(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Harbour dues rise\n\n“The dues rise in May,” Ana Lind said.\n\nA “temporary” fix, critics say.\n"
    )
    (folder / "b.txt").write_text(
        "Ferries\n\n“The ferries keep their timetable,” Olaf Berg said.\n\n“The dues rise in May,” Ana Lind said.\n"
    )
    lib = Library(tmp_path / "p.qcproj")
    lib._extractor = Extractor()
    report = lib.ingest([folder])
    assert len(report.added) == 2
    yield lib, folder
    lib.close()


def quote_with(lib, words):
    (row,) = [r for r in lib.quote_rows(lib.quote_ids()).values() if r.text == words]
    return row


def flagged(lib, quote_id):
    return {f.kind for f in lib.flags() for q in f.quotes if q.quote_id == quote_id}


def test_a_dismissed_quote_leaves_flags_and_stays_dismissed_over_reextraction(folder_lib):
    lib, _ = folder_lib
    scare = quote_with(lib, "temporary")
    assert flagged(lib, scare.id)  # the fake extractor gives no speaker: unattributed
    (decision,) = lib.dismiss_quotes([scare.id])
    assert scare.id not in lib.quote_ids()
    assert not flagged(lib, scare.id)
    assert "temporary" not in lib.export("csv")
    report = lib.reextract()
    assert report.added == 0  # found again and dismissed again: nothing new to report
    assert [r.text for r in lib.quote_rows(lib.quote_ids()).values()].count("temporary") == 0
    lib.set_decisions_active([decision], False)
    back = quote_with(lib, "temporary")
    assert back.id == scare.id and flagged(lib, back.id)
    lib.set_decisions_active([decision], True)
    assert scare.id not in lib.quote_ids()
    with pytest.raises(LibraryError, match="no quote"):
        lib.dismiss_quotes([scare.id])


def test_a_deleted_article_comes_back_by_undo_or_by_importing_the_file_itself(folder_lib):
    lib, folder = folder_lib
    (b,) = [a for a in lib.articles() if a.path.endswith("b.txt")]
    quotes_before = lib.count_quotes()
    ferry = quote_with(lib, "The ferries keep their timetable,")
    lib.review(ferry.id, verdict="verified")
    assert any(len(c.members) == 2 for c in lib.clusters())  # "The dues rise in May" in both articles
    (decision,) = lib.delete_articles([b.id])
    assert not lib.clusters()
    assert [a.id for a in lib.articles()] != [] and b.id not in [a.id for a in lib.articles()]
    assert lib.count_quotes() < quotes_before and not flagged(lib, ferry.id)
    lib.set_decisions_active([decision], False)
    assert b.id in [a.id for a in lib.articles()] and lib.count_quotes() == quotes_before
    assert lib.quote(ferry.id).verdict == "verified" and lib.clusters()
    lib.set_decisions_active([decision], True)
    again = lib.ingest([folder])  # the folder again: deleted on purpose, so skipped, and said so
    assert not again.added and any("deleted from the project earlier" in n for n in again.notes)
    back = lib.ingest([folder / "b.txt"])  # the file itself: the person wants it back
    assert len(back.added) == 1
    assert quote_with(lib, "The ferries keep their timetable,").verdict == "verified"
    assert decision not in [d.id for d in lib.decisions()]


def test_cli_dismiss_delete_and_undo(folder_lib, capsys):
    lib, _ = folder_lib
    path = str(lib.path)
    scare = quote_with(lib, "temporary")
    lib.close()
    assert cli.main(["dismiss", path, str(scare.id), "--json"]) == 0
    decision = int(capsys.readouterr().out.split(":")[1].strip(" []}\n"))
    assert cli.main(["delete-article", path, "b.txt"]) == 0
    with Library(path) as reopened:
        assert scare.id not in reopened.quote_ids() and len(reopened.articles()) == 1
    assert cli.main(["undo", path, str(decision)]) == 0
    assert cli.main(["undo", path, "9999"]) == 1
    assert "no decision in force with id 9999" in capsys.readouterr().err
    with Library(path) as reopened:
        assert scare.id in reopened.quote_ids()
