"""``quotecheck batch`` on a local Dask cluster of two processes, against the one-machine commands.

One batch run over the sample articles and the statement-pair articles (plus a copy of one article
and an empty file) must give the quotes ``extract --json`` gives and the statements ``ingest`` +
``match`` give; a failed article is a row, a re-run reads only new, changed and failed files, ``load`` makes a project.
"""

from __future__ import annotations

import importlib.util
import io
import itertools
import json
import os
import shutil
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

pytest.importorskip("dask.distributed")
pq = pytest.importorskip("pyarrow.parquet")

from quotecheck import cli  # noqa: E402
from quotecheck.batch import load, run  # noqa: E402
from quotecheck.library import Library  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
FIELDS = ("article", "start", "end", "text", "speaker", "speaker_start", "speaker_end", "cue", "kind", "confidence")
FIELDS += ("reported_by", "said_on", "reason", "mention")


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """Articles: the samples, the statement pairs, one article twice, one empty file."""
    root = tmp_path_factory.mktemp("articles")
    shutil.copytree(ROOT / "resources" / "samples", root / "samples")
    shutil.copytree(ROOT / "tests" / "data" / "pairs", root / "pairs", ignore=shutil.ignore_patterns("*.json"))
    shutil.copy(root / "pairs" / "01_gazette_port.md", root / "pairs" / "01b_gazette_port_again.md")
    (root / "pairs" / "99_empty.md").write_text("  \n", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def client():
    client, cluster = run.connect(workers=2)
    yield client
    client.close()
    cluster.close()


@pytest.fixture(scope="module")
def batch(folder, client, tmp_path_factory):
    out = tmp_path_factory.mktemp("batch") / "out"
    report = run.run_batch([folder], out, client=client)
    return out, report


@pytest.fixture(scope="module")
def ingested(folder, tmp_path_factory):
    lib = Library(tmp_path_factory.mktemp("project") / "p.qcproj")
    lib.ingest([folder])
    yield lib
    lib.close()


def _statements_of_project(lib: Library, *, translations: bool = False) -> set[frozenset]:
    """Statements as sets of quote places; quotes joined as translations only when ``translations``.
    Paraphrases are left out: the batch path does not join them to statements yet (the README says so)."""
    joined = (
        " WHERE c.kind != 'paraphrases' AND cm.role != 'paraphrase'"
        if translations
        else " WHERE c.kind NOT IN ('translations', 'paraphrases')"
        " AND cm.role NOT IN ('translation', 'possible translation', 'paraphrase')"
    )
    rows = lib.db.execute(
        'SELECT cm.cluster_id, a.path, q.start, q."end" FROM cluster_members cm'
        " JOIN quotes q ON q.id = cm.quote_id JOIN articles a ON a.id = q.article_id"
        " JOIN clusters c ON c.id = cm.cluster_id" + joined
    ).fetchall()
    groups: dict[int, set] = {}
    for cid, path, start, end in rows:
        groups.setdefault(cid, set()).add((path, start, end))
    return {frozenset(g) for g in groups.values() if translations or len(g) > 1}


def _places(out: Path) -> dict[int, tuple]:
    quotes = pq.read_table(out / "quotes", columns=["quote_id", "article", "start", "end"]).to_pylist()
    return {q["quote_id"]: (q["article"], q["start"], q["end"]) for q in quotes}


def _statements_of_batch(out: Path, *, translations: bool = False) -> set[frozenset]:
    where = _places(out)
    groups: dict[int, set] = {}
    for row in pq.read_table(out / "statements").to_pylist():
        if translations or row["role"] is None:
            groups.setdefault(row["statement"], set()).add(where[row["quote_id"]])
    return {frozenset(g) for g in groups.values() if translations or len(g) > 1}


def test_batch_gives_the_quotes_of_extract_json(folder, batch):
    out, report = batch
    stdout = io.StringIO()
    with redirect_stdout(stdout):
        cli.main(["extract", "--json", "-q", "-j", "1", str(folder)])
    expected = sorted(json.dumps([r[f] for f in FIELDS]) for r in map(json.loads, stdout.getvalue().splitlines()))
    rows = pq.read_table(out / "quotes").to_pylist()
    assert sorted(json.dumps([r[f] for f in FIELDS]) for r in rows) == expected
    assert report.quotes == len(expected) > 50
    assert all(r["content_hash"] and r["outlet"] for r in rows)


def test_batch_gives_the_statements_of_ingest_and_match(batch, ingested):
    out, report = batch
    expected = _statements_of_project(ingested)
    assert len(expected) >= 10
    assert _statements_of_batch(out) == expected
    with_translations = _statements_of_project(ingested, translations=True)
    assert _statements_of_batch(out, translations=True) == with_translations
    assert report.statements == len(with_translations) > len(expected)  # a sample's post and its translation


def test_a_failed_article_is_a_row_and_a_rerun_skips_what_is_done(folder, batch, client):
    out, report = batch
    errors = pq.read_table(out / "errors").to_pylist()
    assert [Path(e["path"]).name for e in errors] == ["99_empty.md"]
    assert "99_empty.md" in errors[0]["error"] and "empty" in errors[0]["error"]
    assert report.errors == [errors[0]["error"]]
    before = _statements_of_batch(out)
    again = run.run_batch([folder], out, client=client)  # the failed file is retried and still fails
    assert (again.extracted, again.skipped, again.changed, again.retried) == (0, report.extracted, 0, 1)
    assert (again.errors, again.still_failed) == (report.errors, 1)
    assert _statements_of_batch(out) == before


def test_load_makes_the_project_an_ingest_makes(batch, ingested, tmp_path):
    out, _ = batch
    project = tmp_path / "loaded.qcproj"
    report = load.load(project, out)
    assert len(report.duplicates) == 1  # the article stored twice in the folder
    with Library(project) as lib:
        assert _statements_of_project(lib) == _statements_of_project(ingested)
        flags = (
            "SELECT kind, severity, COUNT(*) FROM flags WHERE details NOT LIKE '%translation_check%'"
            " GROUP BY kind, severity ORDER BY kind, severity"
        )
        assert lib.db.execute(flags).fetchall() == ingested.db.execute(flags).fetchall()
        assert lib.count_quotes() == ingested.count_quotes()


def test_load_takes_a_slice_by_outlet_and_speaker(batch, tmp_path):
    out, _ = batch
    outlets = {r["outlet"] for r in pq.read_table(out / "articles", columns=["outlet"]).to_pylist()}
    outlet = sorted(o for o in outlets if o)[0]
    with Library(tmp_path / "slice.qcproj") as lib:
        lib.add_extracted(load.select(out, outlet=outlet.upper()))
        assert {a.meta.outlet for a in lib.articles()} == {outlet}
    quotes = pq.read_table(out / "quotes", columns=["speaker", "article"]).to_pylist()
    name = next(q["speaker"] for q in quotes if q["speaker"])
    chosen = load.select(out, speaker=name.split()[-1].lower())
    assert chosen and all(any(name.split()[-1] in (q.speaker or "") for q in quotes) for _, quotes in chosen)
    assert len(chosen) < len({q["article"] for q in quotes})


def test_load_since_compares_dates_and_accepts_a_date_without_leading_zeros(batch):
    out, _ = batch
    dates = [r["date"] for r in pq.read_table(out / "articles", columns=["date"]).to_pylist()]
    later = sorted(d for d in dates if d and d >= "2026-09-20")
    assert later and any(d.startswith("2026-1") for d in later)  # October onwards: "2026-10" < "2026-9" as text
    for since in ("2026-9-20", "2026-09-20", " 2026-09-20 "):
        assert sorted(a.meta.date for a, _ in load.select(out, since=since)) == later


@pytest.mark.parametrize("since", ["yesterday", "2025-13-45", "2025-02-30", "2025/03/01", ""])
def test_load_since_that_is_no_date_is_one_line(batch, tmp_path, capsys, since):
    out, _ = batch
    project = tmp_path / "p.qcproj"
    assert cli.main(["load", "-q", str(project), str(out), "--since", since]) == cli.EXIT_USAGE
    assert capsys.readouterr().err == f"error: --since {since!r} is not a date; give one as YYYY-MM-DD (2025-03-01)\n"
    assert not project.exists()


LANG = ROOT / "tests" / "data" / "lang"
FERRY = ["ru_ferry.txt", "en_ferry_post.txt", "en_ferry_wire.txt", "en_ferry_wrong.txt", "de_faehre.txt"]


@pytest.fixture(scope="module")
def ferry(tmp_path_factory, client):
    """One governor's statements reported in Russian, German and English: a batch and a project of them."""
    folder = tmp_path_factory.mktemp("ferry")
    for name in FERRY:
        shutil.copy(LANG / name, folder / name)
    out = tmp_path_factory.mktemp("ferry_batch") / "out"
    report = run.run_batch([folder], out, client=client)
    lib = Library(tmp_path_factory.mktemp("ferry_project") / "f.qcproj")
    lib.ingest([folder])
    yield out, report, lib
    lib.close()


def test_batch_links_translations_as_a_project_does(ferry):
    out, report, lib = ferry
    where = {
        qid: (Path(path).name, start, end)
        for qid, path, start, end in lib.db.execute(
            'SELECT q.id, a.path, q.start, q."end" FROM quotes q JOIN articles a ON a.id = q.article_id'
        )
    }
    expected = {
        (where[q], where[o], kind)
        for q, o, kind in lib.db.execute("SELECT quote_id, original_id, kind FROM translation_links")
    }
    assert len(expected) >= 3
    places = {q: (Path(a).name, s, e) for q, (a, s, e) in _places(out).items()}
    links = pq.read_table(out / "translations").to_pylist()
    assert {(places[r["quote_id"]], places[r["original_id"]], r["kind"]) for r in links} == expected
    assert report.translations == len(expected)
    assert _statements_of_batch(out, translations=True) == _statements_of_project(lib, translations=True)


def _worded_articles(seed: int = 21, n_articles: int = 30, per_article: int = 10):
    """Invented articles whose quotes reuse a vocabulary of 30 made-up words, a third of them reworded or
    cut copies of earlier ones: many 3-grams are in more than a handful of quotes, so which pairs are
    candidates depends on each quote's rarest 3-grams (:meth:`statements.Index.candidate_pairs`)."""
    import hashlib
    import random

    from quotecheck.model import Article, ArticleMeta, Quote

    rnd = random.Random(seed)
    vocab = [c + v + e for c in "bdfgklmnprstvz" for v in "aeiou" for e in "lmnrst"]
    vocab = rnd.sample(vocab, 30)
    people = ["Ana Lind", "Bo Sund", "Cara Voss", "Dan Pike"]
    said: list[list[str]] = []
    out = []
    for a in range(n_articles):
        text, paragraphs, quotes = "", [], []
        for _ in range(per_article):
            if said and rnd.random() < 0.4:
                words = list(rnd.choice(said))
                words[rnd.randrange(len(words))] = rnd.choice(vocab)
                if rnd.random() < 0.5:
                    words = words[rnd.randrange(3) :]
            else:
                words = [rnd.choice(vocab) for _ in range(rnd.randint(8, 16))]
            said.append(words)
            sentence, speaker = " ".join(words), rnd.choice(people)
            line = f"“{sentence},” {speaker} said."
            start = len(text) + 1
            quotes.append(Quote(start, start + len(sentence) + 1, sentence + ",", speaker, cue="said", confidence=0.9))
            paragraphs.append((len(text), len(text) + len(line)))
            text += line + "\n\n"
        meta = ArticleMeta(title=f"Article {a}", outlet="The Worded Post", date="2026-01-01", language="en")
        digest = hashlib.sha256(text.encode()).hexdigest()
        out.append((Article(f"worded-{a:02d}.txt", text, meta, digest, tuple(paragraphs)), quotes))
    return out


def test_batch_pairs_quotes_by_their_rarest_3_grams_as_a_project_does(client, tmp_path):
    """The batch path's candidates follow the desktop's rule (a 3-gram in more than a few quotes pairs a
    quote only through its rarest ones), so its statements are a project's on a corpus where that rule
    changes which quotes are one statement."""
    import pyarrow as pa

    from quotecheck import __version__
    from quotecheck.batch import extract
    from quotecheck.matching import statements

    items = _worded_articles()
    index, everything = statements.Index(), statements.Index(common=statements.DF_CAP)
    for n, quote in enumerate(q for _, quotes in items for q in quotes):
        index.add(n, quote.text)
        everything.add(n, quote.text)
    assert statements.cluster(index, statements.links(index)) != statements.cluster(
        everything, statements.links(everything)
    ), "the corpus no longer exercises the rarest-3-grams rule"

    out = tmp_path / "out"
    for first in range(0, len(items), 10):  # three partitions, as an earlier batch run would leave them
        chunk = list(enumerate(items[first : first + 10], start=first))
        name = f"s{first:012d}"
        rows = [row for seq, (article, quotes) in chunk for row in extract.quote_rows_of(seq, article, quotes)]
        (out / "quotes").mkdir(parents=True, exist_ok=True)
        pq.write_table(pa.Table.from_pylist(rows, schema=extract.QUOTES), out / "quotes" / f"{name}.parquet")
        articles = [
            {
                "article_seq": seq,
                "path": article.path,
                "content_hash": article.content_hash,
                "text": article.text,
                "paragraphs": json.dumps(article.paragraphs),
                "extracted_with": __version__,
                "quotes": len(quotes),
                "language": "en",
                "title": article.meta.title,
                "outlet": article.meta.outlet,
                "date": article.meta.date,
            }
            for seq, (article, quotes) in chunk
        ]
        (out / "articles").mkdir(parents=True, exist_ok=True)
        pq.write_table(pa.Table.from_pylist(articles, schema=extract.ARTICLES), out / "articles" / f"{name}.parquet")
    report = run.run_batch([], out, client=client)  # nothing left to extract: matches what is there
    with Library(tmp_path / "p.qcproj") as lib:
        lib.add_extracted(items)
        expected = _statements_of_project(lib)
    assert len(expected) >= 20
    assert _statements_of_batch(out) == expected
    assert report.statements >= len(expected)


# -- containers: a zip, a mailbox, a web archive and an e-mail with an attachment ------------------------

VARGA = "Council vote\n\n“We will not build the new road this year, whatever the council says,” said Anna Varga.\n"
HOLLOWAY = "# Harbour\n\n“The harbour stays open all winter for the fishing boats,” Tom Holloway said on Monday.\n"
ROAD = (
    "Road plans\n\nThe mayor repeated her pledge at the meeting. “We will not build the new road this year,"
    " whatever the council says,” Anna Varga told the council on Tuesday.\n"
)


class _Kept:
    """The module's client, lent to ``quotecheck batch`` (which closes the client it is given by connect)."""

    def __init__(self, client) -> None:
        self._client = client

    def __getattr__(self, name):
        return getattr(self._client, name)

    def close(self) -> None:
        pass


def _batch_cli(client, *args) -> tuple[int, str]:
    err = io.StringIO()
    with pytest.MonkeyPatch.context() as mp, redirect_stderr(err):
        mp.setattr(run, "connect", lambda *a, **k: (_Kept(client), None))
        rc = cli.main(["batch", "-q", *map(str, args)])
    return rc, err.getvalue()


@pytest.fixture(scope="module")
def boxes(tmp_path_factory, client):
    """A folder of containers written by zipfile, mailbox, warcio and email, a plain article repeating
    one quote, and two files quotecheck does not read; its batch through ``quotecheck batch``."""
    import zipfile

    from format_files import email_message, html_page, write_mbox, write_warc

    folder = tmp_path_factory.mktemp("boxes")
    with zipfile.ZipFile(folder / "bundle.zip", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("varga.txt", VARGA)
        z.writestr("desk/holloway.md", HOLLOWAY)
        z.writestr("notes.rtf", "{\\rtf1 a note}")
    write_mbox(
        folder / "desk.mbox",
        [
            email_message(
                "Ferry", "Justin Orvel <o@ferry.example>", "“The ferry runs again in May,” Justin Orvel said."
            ),
            email_message(
                "Harbour",
                "Wren Marsh <w@port.example>",
                "Port news\n\n“The harbour stays open all winter for the fishing boats,” Tom Holloway told us.",
            ),
        ],
    )
    with open(folder / "desk.mbox", "ab") as out:  # one message whose Date header is nonsense
        out.write(b"From bad@x Thu Oct 13 10:00:00 2016\nFrom: x@y.example\nSubject: Bad\nDate: soon-ish\n\nText.\n\n")
    files = ["bundle.zip", "desk.mbox", "note.eml", "story.txt"]
    if importlib.util.find_spec("warcio"):
        page = html_page("Bridge", ["“The bridge opens in June,” Ida Calloway said on the radio."], byline="Roe")
        write_warc(folder / "crawl.warc.gz", [("https://news.example/bridge", "text/html", page.encode())])
        files.append("crawl.warc.gz")
    attachment = "Statement\n\n“Our crews start on the pier next week,” said Lena Brandt.\n"
    mail = email_message(
        "Pier",
        "Lena Brandt <l@pier.example>",
        "“The pier is safe for now,” Lena Brandt wrote.",
        attachments=[("statement.txt", attachment.encode(), "text/plain")],
    )
    (folder / "note.eml").write_bytes(bytes(mail))
    (folder / "story.txt").write_text(ROAD, encoding="utf-8")
    (folder / "a.rtf").write_text("{\\rtf1 x}", encoding="utf-8")
    (folder / "b.csv").write_text("x,y\n", encoding="utf-8")
    out = tmp_path_factory.mktemp("boxes_batch") / "out.qcbatch"
    rc, err = _batch_cli(client, folder, "--out", out)
    return folder, out, rc, err, sorted(files)


def test_batch_reads_each_article_of_a_container_and_a_bad_message_is_one_row(boxes, tmp_path):
    folder, out, rc, err, files = boxes
    with Library(tmp_path / "ingested.qcproj") as lib:
        lib.ingest([folder])
        expected = sorted(a.path for a in lib.articles())
    arts = pq.read_table(out / "articles").to_pylist()
    assert sorted(a["path"] for a in arts) == expected
    assert f"{folder}/bundle.zip/desk/holloway.md" in expected and f"{folder}/desk.mbox#2" in expected
    assert len(expected) >= len(files) + 3  # the zip's two, the mailbox's two, the e-mail and its attachment
    assert len({a["article_seq"] for a in arts}) == len(arts)
    assert {a["file"] for a in arts} == {f"{folder}/{name}" for name in files}
    speakers = {q["speaker"] for q in pq.read_table(out / "quotes", columns=["speaker"]).to_pylist()}
    assert {"Anna Varga", "Tom Holloway", "Justin Orvel", "Lena Brandt"} <= speakers
    [error] = pq.read_table(out / "errors").to_pylist()
    assert (error["path"], error["file"]) == (f"{folder}/desk.mbox#3", f"{folder}/desk.mbox")
    assert error["error"] == f"{folder}/desk.mbox#3: cannot read the date 'soon-ish'"
    assert rc == cli.EXIT_FAILED
    assert f"error: {folder}/desk.mbox#3: cannot read the date 'soon-ish'\n" in err
    assert "note: skipped 2 files quotecheck does not read: a.rtf, b.csv\n" in err
    assert f"note: {folder}/bundle.zip: skipped 1 file quotecheck does not read: notes.rtf\n" in err


def test_batch_json_carries_the_failed_parts_and_the_skipped_files(boxes, client, tmp_path):
    folder = boxes[0]
    stdout = io.StringIO()
    with redirect_stdout(stdout):
        rc, err = _batch_cli(client, folder, "--json", "--out", tmp_path / "again.qcbatch")
    assert rc == cli.EXIT_FAILED
    [summary] = map(json.loads, stdout.getvalue().splitlines())
    assert summary["failed"] == 1
    assert summary["errors"] == [f"{folder}/desk.mbox#3: cannot read the date 'soon-ish'"]
    assert summary["notes"] == [
        "skipped 2 files quotecheck does not read: a.rtf, b.csv",
        f"{folder}/bundle.zip: skipped 1 file quotecheck does not read: notes.rtf",
    ]
    assert all(f"note: {line}\n" in err for line in summary["notes"])  # standard error says them as before


def test_a_rerun_skips_a_container_by_its_file(boxes, client):
    folder, out, _, _, files = boxes
    before = pq.read_table(out / "articles", columns=["article_seq", "path"]).to_pylist()
    assert len(before) > len(files)
    rc, err = _batch_cli(client, folder, "--out", out)
    assert rc == cli.EXIT_FAILED, err  # its bad message still stands, and is said again
    assert f"error: {folder}/desk.mbox#3: cannot read the date 'soon-ish'\n" in err
    assert (
        f"0 article(s) extracted with 0 quotation(s); {len(files)} file(s) done before; 0 changed since and read"
        " again; 0 failed before and retried; 1 failed (1 of them failed before too)"
    ) in err
    assert pq.read_table(out / "articles", columns=["article_seq", "path"]).to_pylist() == before


def test_load_brings_a_containers_articles_and_their_statements(boxes, tmp_path):
    folder, out, *_ = boxes
    with Library(tmp_path / "ingested.qcproj") as ingested:
        ingested.ingest([folder])
        statements_ingested = _statements_of_project(ingested)
        report = load.load(tmp_path / "loaded.qcproj", out)
        with Library(tmp_path / "loaded.qcproj") as lib:
            assert sorted(a.path for a in lib.articles()) == sorted(a.path for a in ingested.articles())
            assert lib.count_quotes() == ingested.count_quotes() == report.quotes
            assert _statements_of_project(lib) == statements_ingested
    # one statement runs from a zip's member to a plain file, one from the zip to a mailbox's message
    members = {frozenset(path for path, _, _ in g) for g in statements_ingested}
    assert frozenset({f"{folder}/bundle.zip/varga.txt", f"{folder}/story.txt"}) in members
    assert frozenset({f"{folder}/bundle.zip/desk/holloway.md", f"{folder}/desk.mbox#2"}) in members
    assert _statements_of_batch(out) == statements_ingested


def test_a_container_with_more_articles_than_its_numbers_stops_with_one_row(boxes):
    """A container's articles are numbered from a range its size bounds; past it, one row says so."""
    from quotecheck.batch import extract

    folder = boxes[0]
    errors: list[dict] = []
    read = list(extract._read_file(str(folder / "desk.mbox"), range(7, 8), errors, []))
    assert [(seq, a.path) for seq, _, a in read] == [(7, f"{folder}/desk.mbox#1")]
    assert errors == [
        {
            "article_seq": 7,
            "path": f"{folder}/desk.mbox",
            "error": f"{folder}/desk.mbox: holds more articles than a file of its size can; the rest were not read",
            "file": f"{folder}/desk.mbox",
        }
    ]
    assert extract.seqs_for(str(folder / "desk.mbox")) > 3 and extract.seqs_for(str(folder / "story.txt")) == 1


def test_small_containers_share_partitions_and_a_large_one_has_its_own(tmp_path):
    names = ["a.eml", "b.txt", "c.eml", "d.mbox", "e.txt", "f.zip"]
    for name in names:
        (tmp_path / name).write_bytes(b"x" * 400)
    with open(tmp_path / "d.mbox", "r+b") as big:
        big.truncate(run.ALONE_BYTES + 1)  # sparse: its size is all that counts
    chunks = run._chunks([str(tmp_path / n) for n in names], 10, size=2)
    assert [[Path(p).name for _, p, _ in c] for c in chunks] == [
        ["a.eml", "b.txt"],
        ["c.eml"],
        ["d.mbox"],
        ["e.txt", "f.zip"],
    ]
    seqs = [(seq, room) for c in chunks for seq, _, room in c]
    assert seqs[0] == (10, 101) and seqs[1] == (111, 1)  # 400 bytes hold at most 100 articles
    assert all(seq + room == nxt for (seq, room), (nxt, _) in itertools.pairwise(seqs))


def _batch_json(client, *args) -> tuple[int, dict, str]:
    stdout = io.StringIO()
    with redirect_stdout(stdout):
        rc, err = _batch_cli(client, *args, "--json")
    return rc, json.loads(stdout.getvalue()), err


def _article(title: str, day: str, *quotes: str) -> str:
    return f"---\ntitle: {title}\noutlet: Orvel Gazette\ndate: {day}\n---\n" + "\n\n".join(quotes) + "\n"


def test_a_rerun_reads_again_a_changed_file_and_retries_failures(client, tmp_path):
    folder = tmp_path / "desk"
    folder.mkdir()
    pier = "“The pier stays shut until the spring storms are over,” Lena Brandt said."
    (folder / "pier.md").write_text(_article("Pier", "2025-03-02", pier), encoding="utf-8")
    (folder / "road.md").write_text(
        _article("Road", "March 2025", "“We will not build the new road this year,” Anna Varga said."), encoding="utf-8"
    )
    ferry = "“The ferry runs again in May, weather permitting,” Justin Orvel told the council."
    (folder / "ferry.md").write_text(_article("Ferry", "2025-03-03", ferry), encoding="utf-8")
    (folder / "empty.md").write_text("  \n", encoding="utf-8")
    out = tmp_path / "desk.qcbatch"
    first = run.run_batch([folder], out, client=client, partition=8)  # one partition: a re-run must rewrite it
    assert (first.extracted, len(first.errors)) == (2, 2)

    (folder / "road.md").write_text(  # the date fixed
        _article("Road", "2025-03-04", "“We will not build the new road this year,” Anna Varga said."), encoding="utf-8"
    )
    edited = "“The ferry is late again,” Tom Holloway said."
    (folder / "ferry.md").write_text(_article("Ferry", "2025-03-03", ferry, edited), encoding="utf-8")
    (folder / "pier.md").write_bytes((folder / "pier.md").read_bytes())  # written again, same words: no change
    later = (folder / "pier.md").stat().st_mtime_ns + 5_000_000_000
    os.utime(folder / "pier.md", ns=(later, later))
    rc, summary, err = _batch_json(client, folder, "--out", out)
    empty = f"{folder}/empty.md: empty file"
    assert (summary["extracted"], summary["skipped"], summary["changed"], summary["retried"]) == (2, 1, 2, 1)
    assert (summary["failed"], summary["still_failed"], summary["errors"]) == (1, 1, [empty])
    assert rc == cli.EXIT_FAILED and f"error: {empty}\n" in err
    arts = pq.read_table(out / "articles", columns=["path", "article_seq"]).to_pylist()
    assert sorted(Path(a["path"]).name for a in arts) == ["ferry.md", "pier.md", "road.md"]  # each once
    texts = {q["text"] for q in pq.read_table(out / "quotes", columns=["text"]).to_pylist()}
    assert any("ferry is late again" in t for t in texts) and any("new road" in t for t in texts)
    quotes = pq.read_table(out / "quotes", columns=["article_seq"]).to_pylist()
    assert {q["article_seq"] for q in quotes} <= {a["article_seq"] for a in arts}  # no quote of a dropped row
    assert len(quotes) == 4
    assert [Path(e["path"]).name for e in pq.read_table(out / "errors").to_pylist()] == ["empty.md"]

    (folder / "empty.md").write_text(_article("Empty no more", "2025-03-05", pier), encoding="utf-8")
    rc, err = _batch_cli(client, folder, "--out", out)
    assert rc == cli.EXIT_OK, err
    assert (
        "1 article(s) extracted with 1 quotation(s); 3 file(s) done before; 1 changed since and read again;"
        " 0 failed before and retried; 0 failed (0 of them failed before too)"
    ) in err
    assert not pq.read_table(out / "errors").num_rows


def _desk(tmp_path: Path) -> Path:
    folder = tmp_path / "desk"
    folder.mkdir()
    (folder / "pier.md").write_text(
        _article("Pier", "2025-03-02", "“The pier stays shut until the spring,” Lena Brandt said."), encoding="utf-8"
    )
    (folder / "road.md").write_text(
        _article("Road", "2025-03-04", "“We will not build the new road this year,” Anna Varga said."), encoding="utf-8"
    )
    return folder


def test_a_file_is_the_same_however_its_path_is_typed(client, tmp_path, monkeypatch):
    folder = _desk(tmp_path)
    out = tmp_path / "desk.qcbatch"
    rc, first, _ = _batch_json(client, folder, "--out", out)
    assert (rc, first["extracted"]) == (cli.EXIT_OK, 2)
    monkeypatch.chdir(tmp_path)
    rc, again, _ = _batch_json(client, "desk", "--out", out)
    assert (rc, again["extracted"], again["skipped"]) == (cli.EXIT_OK, 0, 2)
    monkeypatch.chdir(folder)
    (tmp_path / "link").symlink_to(folder)
    rc, again, _ = _batch_json(client, ".", "../link/pier.md", "--out", out)
    assert (rc, again["extracted"], again["skipped"]) == (cli.EXIT_OK, 0, 2)
    arts = pq.read_table(out / "articles", columns=["path"]).to_pylist()
    assert sorted(a["path"] for a in arts) == [f"{folder.resolve()}/pier.md", f"{folder.resolve()}/road.md"]


def test_rows_an_earlier_version_wrote_under_other_spellings_are_kept_once(client, tmp_path, monkeypatch):
    folder = _desk(tmp_path)
    out = tmp_path / "desk.qcbatch"
    (tmp_path / "link").symlink_to(folder)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(run, "_resolved", lambda p: p, raising=False)  # paths kept as typed, as an earlier version kept them
        mp.setattr(run, "_key", lambda p: p, raising=False)
        _batch_cli(client, tmp_path / "link", "--out", out)
        _batch_cli(client, folder / ".." / "desk", "--out", out)
    assert pq.read_table(out / "articles").num_rows == 4
    rc, summary, err = _batch_json(client, folder, "--out", out)
    assert (rc, summary["extracted"], summary["skipped"]) == (cli.EXIT_OK, 2, 0)
    assert "2 file(s) recorded more than once" in err
    assert pq.read_table(out / "articles").num_rows == 2
    assert pq.read_table(out / "quotes").num_rows == 2
    rc, summary, _ = _batch_json(client, folder, "--out", out)
    assert (rc, summary["extracted"], summary["skipped"]) == (cli.EXIT_OK, 0, 2)


def test_a_source_that_is_missing_or_holds_no_article_is_one_line_and_no_folder(client, tmp_path):
    (tmp_path / "blank").mkdir()
    (tmp_path / "sheets").mkdir()
    (tmp_path / "sheets" / "budget.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    out = tmp_path / "new.qcbatch"
    rc, summary, err = _batch_json(client, tmp_path / "nowhere", "--out", out)
    assert rc == cli.EXIT_FAILED and not out.exists()
    lines = [f"no such file or folder: {tmp_path}/nowhere", f"nothing extracted; {out} not created"]
    assert err == "".join(f"error: {line}\n" for line in lines)
    assert summary == {"extracted": 0, "errors": lines}
    for folder in ("blank", "sheets"):
        rc, err = _batch_cli(client, tmp_path / folder, "--out", out)
        assert rc == cli.EXIT_FAILED and not out.exists()
        assert err.startswith(f"error: {tmp_path}/{folder}: no article files found there (")
        assert err.endswith(f"error: nothing extracted; {out} not created\n") and err.count("\n") == 2


def test_a_batch_whose_every_file_fails_says_so_and_matches_nothing(client, tmp_path):
    folder = tmp_path / "desk"
    folder.mkdir()
    (folder / "empty.md").write_text("  \n", encoding="utf-8")
    out = tmp_path / "desk.qcbatch"
    rc, summary, err = _batch_json(client, folder, "--out", out)
    assert rc == cli.EXIT_FAILED and "Traceback" not in err and "unexpectedly" not in err
    assert (summary["extracted"], summary["statements"], summary["errors"]) == (
        0,
        0,
        [f"{folder}/empty.md: empty file"],
    )
    assert not pq.read_table(out / "statements").num_rows and not pq.read_table(out / "translations").num_rows


def test_a_second_batch_on_the_same_folder_at_once_stops_with_one_line(client, tmp_path):
    import fcntl

    folder = _desk(tmp_path)
    out = tmp_path / "desk.qcbatch"
    out.mkdir()
    with open(out / ".lock", "w") as held:  # a run under way, as another process would hold it
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        held.write("4242\n")
        held.flush()
        rc, err = _batch_cli(client, folder, "--out", out)
    assert rc == cli.EXIT_FAILED
    assert err == (
        f"error: {out}: another quotecheck batch (process 4242) is writing to it; run this one again when it has"
        " finished\n"
    )
    assert not (out / "articles").exists()
    rc, err = _batch_cli(client, folder, "--out", out)  # the lock released: a killed run leaves none behind
    assert rc == cli.EXIT_OK, err
    assert pq.read_table(out / "articles").num_rows == 2


def test_the_summary_counts_recorded_files_that_no_longer_exist(client, tmp_path):
    folder = _desk(tmp_path)
    out = tmp_path / "desk.qcbatch"
    rc, summary, _ = _batch_json(client, folder, "--out", out)
    assert (rc, summary["vanished"]) == (cli.EXIT_OK, 0)
    (folder / "pier.md").rename(folder / "quay.md")
    (folder / "road.md").unlink()
    rc, summary, _ = _batch_json(client, folder, "--out", out)
    assert (rc, summary["extracted"], summary["vanished"]) == (cli.EXIT_OK, 1, 2)
    rc, err = _batch_cli(client, folder / "quay.md", "--out", out)
    assert rc == cli.EXIT_OK and err.endswith("; 2 file(s) read before no longer exist (their rows stay)\n")
