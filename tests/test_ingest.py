"""Reading article files: formats, encodings, metadata and every kind of bad input."""

import codecs
import json
from pathlib import Path

import pytest

from quotecheck.io.ingest import IngestError, decode, iter_article_paths, paragraph_spans, read_article

RUSSIAN = "Пресс-секретарь заявил: «Мы готовы к переговорам», — сообщает агентство.\nВторой абзац.\n"


def write(path, data):
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def test_plain_text_keeps_text_unchanged_and_takes_first_line_as_title(tmp_path):
    text = "Mayor opens bridge\n\n“It is a great day,” Mayor Ana Lind said.\r\nSecond line.\n"
    article = read_article(write(tmp_path / "bridge.txt", text))
    assert article.text == text
    assert article.meta.title == "Mayor opens bridge"
    assert [text[s:e] for s, e in article.paragraphs] == [
        "Mayor opens bridge",
        "“It is a great day,” Mayor Ana Lind said.",
        "Second line.",
    ]
    assert len(article.content_hash) == 64


def test_markdown_front_matter_is_metadata_and_cut_from_the_text(tmp_path):
    md = (
        '---\ntitle: "Council votes: yes"\noutlet: The Harbour Courier\nauthor: Jo Pike\n'
        "date: March 4, 2025\nurl: https://courier.example/vote\ntranslated-from: ru\n"
        "primary_source_of: Ana Lind\n---\nBody starts here.\n"
    )
    article = read_article(write(tmp_path / "vote.md", md))
    assert article.text == "Body starts here.\n"
    m = article.meta
    assert (m.title, m.outlet, m.author, m.date, m.url) == (
        "Council votes: yes",
        "The Harbour Courier",
        "Jo Pike",
        "2025-03-04",
        "https://courier.example/vote",
    )
    assert (m.translated_from, m.primary_source_of) == ("ru", "Ana Lind")


def test_sidecar_metadata_overrides_the_file(tmp_path):
    write(tmp_path / "a.txt", "Headline\nBody.\n")
    (tmp_path / "a.meta.json").write_text(json.dumps({"outlet": "Northwire", "date": "2024-12-01"}))
    meta = read_article(tmp_path / "a.txt").meta
    assert (meta.title, meta.outlet, meta.date) == ("Headline", "Northwire", "2024-12-01")


@pytest.mark.parametrize(
    "encoded",
    [
        RUSSIAN.encode("utf-8"),
        codecs.BOM_UTF8 + RUSSIAN.encode("utf-8"),
        RUSSIAN.encode("utf-16"),  # with BOM
        RUSSIAN.encode("utf-16-le"),
        RUSSIAN.encode("cp1251"),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "utf16le-nobom", "cp1251"],
)
def test_encodings_come_out_right(encoded):
    assert decode(encoded) == RUSSIAN


def test_latin1_article_decodes():
    text = "Le ministre a déclaré : « Nous sommes prêts », a-t-il ajouté à Genève. " * 3
    assert decode(text.encode("cp1252")) == text


@pytest.mark.parametrize(
    "name, data, problem",
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\n\t ", "empty file"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary file"),
        ("exe.html", b"MZ\x90\x00\x03\x00\x00\x00" + bytes(200), "binary file"),
        ("frontonly.md", b"---\ntitle: x\n---\n", "no article text"),
        ("broken.html", b"<html><body><div></div></body></html>", "no article text"),
        ("baddate.md", b"---\ndate: the day after tomorrow-ish\n---\nBody\n", "cannot read the date"),
    ],
)
def test_bad_input_names_the_file_and_the_problem(tmp_path, name, data, problem):
    path = write(tmp_path / name, data)
    with pytest.raises(IngestError) as err:
        read_article(path)
    assert str(path) in str(err.value)
    assert problem in str(err.value)


BODY = "“We will rebuild the harbour wall,” Mayor Ana Lind said.\n"
BROKEN_FRONT_MATTER = [
    ("nocolon.md", "---\ntitle: Bridge vote\ndate 2024-03-01\n---\n", "line 3 'date 2024-03-01' is not 'key: value'"),
    ("unclosed.md", "---\ntitle: Bridge vote\ndate: 2024-03-01\n\n", "line 1 opens a block that no '---' line closes"),
    ("tab.md", "---\ntitle: Bridge vote\n\tdate: 2024-03-01\n---\n", "line 3 is indented with a tab"),
    (
        "grouped.md",
        "---\ntitle: Bridge vote\nmeta:\n  date: 2024-03-01\n---\n",
        "line 4 puts 'date' under 'meta', where it is not read",
    ),
    (
        "nested.md",
        "---\nauthor:\n  name: Jo Pike\n---\n",
        "line 3 puts nested keys under 'author', not one value",
    ),
    (
        "flow.md",
        "---\ntitle: Bridge vote\ndate: [2024-03-01\n---\n",
        "line 3 gives 'date' a YAML list, not one value; quote it",
    ),
    (
        "quote.md",
        '---\ntitle: "Bridge vote\ndate: 2024-03-01\n---\n',
        "line 2 opens a quote in 'title' that is never closed",
    ),
    (
        "under.md",
        "---\ntitle: Bridge vote\n  date: 2024-03-01\n---\n",
        "line 3 puts nested keys under 'title', which has a value",
    ),
]


@pytest.mark.parametrize("name, head, problem", BROKEN_FRONT_MATTER, ids=[case[0] for case in BROKEN_FRONT_MATTER])
def test_a_front_matter_that_cannot_be_read_names_its_line_not_a_bad_date(tmp_path, name, head, problem):
    """A syntax error in the block was read as a bad date, or its metadata was dropped without a word."""
    path = write(tmp_path / name, head + BODY)
    with pytest.raises(IngestError) as err:
        read_article(path)
    assert (
        str(err.value) == f"{path}: cannot read the front matter ({problem}); the article is left out until it is fixed"
    )


def test_a_front_matter_keeps_what_yaml_allows_and_passes_over_keys_it_does_not_read(tmp_path):
    head = (
        "---\n# from the CMS\ntitle: 'Council votes: ''yes'''\ntags:\n  - harbour\n  - council\n"
        "images:\n  - src: wall.jpg\n    url: https://courier.example/wall.jpg\n"
        "outlet: The Harbour\n  Courier\ndate:2025-03-04\nlink: https://courier.example/vote\n---\n"
    )
    meta = read_article(write(tmp_path / "cms.md", head + BODY)).meta
    assert (meta.title, meta.outlet, meta.date, meta.url) == (
        "Council votes: 'yes'",
        "The Harbour Courier",
        "2025-03-04",
        "https://courier.example/vote",
    )


@pytest.mark.parametrize(
    "head",
    ["---\nauthor:\n  - Jo Pike\n  - 'Ed Holm'\n---\n", '---\nauthor: [Jo Pike, "Ed Holm"]\n---\n'],
    ids=["indented", "brackets"],
)
def test_a_list_of_authors_is_one_value_joined(tmp_path, head):
    """Co-authors listed as YAML does: the article keeps them all, not left out for a list."""
    assert read_article(write(tmp_path / "authors.md", head + BODY)).meta.author == "Jo Pike, Ed Holm"


def test_a_title_that_opens_with_a_bracket_is_text(tmp_path):
    meta = read_article(write(tmp_path / "updated.md", "---\ntitle: [Updated] Bridge vote\n---\n" + BODY)).meta
    assert meta.title == "[Updated] Bridge vote"


def test_an_article_under_a_rule_is_not_a_front_matter(tmp_path):
    article = read_article(write(tmp_path / "rule.md", "---\n\n" + BODY))
    assert article.text == "---\n\n" + BODY


def test_missing_file_and_folder_and_huge_file(tmp_path):
    with pytest.raises(IngestError, match="no such file"):
        read_article(tmp_path / "nope.txt")
    with pytest.raises(IngestError, match="folder"):
        read_article(tmp_path)
    big = write(tmp_path / "big.txt", "word " * 1000)
    with pytest.raises(IngestError, match="too large"):
        read_article(big, max_bytes=1000)


def test_html_page_through_trafilatura(tmp_path):
    html = """<!DOCTYPE html><html><head><title>Port strike ends - Harbour Courier</title>
    <meta name="author" content="Jo Pike"><meta property="og:site_name" content="Harbour Courier">
    <meta property="article:published_time" content="2025-02-03T10:00:00Z">
    <link rel="canonical" href="https://courier.example/strike"></head><body>
    <nav>Home | News | Sport</nav><article><h1>Port strike ends</h1>
    <p>“We got what we asked for,” union leader Mara Voss told reporters on Monday after the vote.</p>
    <p>The dockworkers return to work on Tuesday morning, the port authority said in a statement.</p>
    </article><footer>© Harbour Courier</footer></body></html>"""
    article = read_article(write(tmp_path / "strike.html", html))
    assert "“We got what we asked for,” union leader Mara Voss" in article.text
    assert "Home | News" not in article.text
    m = article.meta
    assert (m.author, m.outlet, m.date, m.url) == (
        "Jo Pike",
        "Harbour Courier",
        "2025-02-03",
        "https://courier.example/strike",
    )
    assert m.title.startswith("Port strike ends")


def test_folders_are_walked_recursively_skipping_sidecars_and_hidden(tmp_path):
    write(tmp_path / "b.txt", "B\n")
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub" / "a.md", "A\n")
    write(tmp_path / "sub" / "a.meta.json", "{}")
    write(tmp_path / "sub" / ".hidden.txt", "H\n")
    write(tmp_path / "notes.xlsx", "PK")  # not a format quotecheck reads
    found = [p.replace(str(tmp_path), "") for p in iter_article_paths([tmp_path])]
    assert found == ["/b.txt", "/sub/a.md"]


def test_paragraph_spans_strip_edges():
    text = "  one  \n\n two\r\nthree"
    assert [text[s:e] for s, e in paragraph_spans(text)] == ["one", "two", "three"]


def test_text_too_long_to_parse_is_refused_not_cut(tmp_path):
    from quotecheck.io.ingest import MAX_CHARS

    path = write(tmp_path / "long.txt", "Ab. " * (MAX_CHARS // 4 + 10))
    with pytest.raises(IngestError, match="too long"):
        read_article(path)


def test_readme_states_the_size_limits_the_code_applies():
    from quotecheck.io.ingest import MAX_BYTES, MAX_CHARS

    readme = " ".join((Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8").split())
    assert f"file over {MAX_BYTES // 2**20} MB" in readme
    assert f"text runs over {MAX_CHARS:,} characters" in readme


@pytest.mark.parametrize("brk", ["\n", "\r\n", "\r", "\u2029", "\u2028", "\x0b", "\x0c", "\x85"])
def test_every_line_break_ends_a_paragraph(brk):
    text = f"One.{brk}Two.{brk}{brk}Three."
    assert [text[s:e] for s, e in paragraph_spans(text)] == ["One.", "Two.", "Three."]


@pytest.mark.parametrize(
    "given, problem",
    [
        ("2025", "is not a whole date"),
        ("March 2025", "is not a whole date"),
        ("2025-03", "is not a whole date"),
        ("Mar 3", "is not a whole date"),
        ("Tuesday", "is not a whole date"),
        ("03/04/2025", "could be read day first or month first"),
    ],
)
def test_a_date_missing_a_part_or_ambiguous_is_refused_not_completed_from_today(tmp_path, given, problem):
    """ "2025" was stored as 2025-<today's month and day>, "Tuesday" as a day to come, "03/04/2025" in
    the American order: a first-appearance flag then rests on an invented day."""
    with pytest.raises(IngestError, match=problem):
        read_article(write(tmp_path / "d.md", f"---\ntitle: Bridge vote\ndate: {given}\n---\n" + BODY))


@pytest.mark.parametrize(
    "given, stored",
    [
        ("2025-03-04", "2025-03-04"),
        ("4 March 2025", "2025-03-04"),
        ("March 4, 2025", "2025-03-04"),
        ("04.03.2025", "2025-03-04"),  # dotted: day first
        ("13/03/2025", "2025-03-13"),
        ("03/13/2025", "2025-03-13"),
        ("2025-03-04T10:00:00Z", "2025-03-04"),
    ],
)
def test_a_whole_date_in_any_common_form_is_stored_as_iso(tmp_path, given, stored):
    meta = read_article(write(tmp_path / "d.md", f"---\ntitle: Bridge vote\ndate: {given}\n---\n" + BODY)).meta
    assert meta.date == stored


@pytest.mark.parametrize(
    "head, field, value",
    [
        ("---\nauthor:\n- Ada Varga\n- Tom Holloway\n---\n", "author", "Ada Varga, Tom Holloway"),
        ("---\ndate: 2025-05-01 # from the CMS\n---\n", "date", "2025-05-01"),
        ("---\ntitle: >\n  Folded title\n  over lines\n---\n", "title", "Folded title over lines"),
        ("---\ntitle: 'A # kept in quotes'\n---\n", "title", "A # kept in quotes"),
        ("---\n\nThe council approved the sea wall.\n\n---\n\n", "title", "The council approved the sea wall."),
        ("---\n\n", "title", "“We will rebuild the harbour wall,” Mayor Ana Lind said."),
    ],
    ids=["list-at-margin", "comment", "folded", "hash-in-quotes", "rules-around-text", "rule-on-top"],
)
def test_front_matter_as_yaml_writes_it_and_rules_that_are_no_front_matter(tmp_path, head, field, value):
    """Valid YAML that was refused or misread (a list at the margin, a comment, a folded title), and an
    article under a rule, which is no front matter and no title."""
    meta = read_article(write(tmp_path / "a.md", head + BODY)).meta
    assert getattr(meta, field) == value


def test_a_bad_date_in_the_front_matter_names_its_line_and_says_the_article_is_left_out(tmp_path):
    path = write(tmp_path / "d.md", "---\ntitle: Bridge vote\ndate: last Tuesday\n---\n" + BODY)
    with pytest.raises(IngestError) as err:
        read_article(path)
    assert str(err.value) == (
        f"{path}: line 3: cannot read the date 'last Tuesday'; the article is left out until it is fixed"
    )


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("url: courier.example/strike", "url 'courier.example/strike' is not a web address"),
        ("link: file:///home/orvel/a.txt", "url 'file:///home/orvel/a.txt' is not a web address"),
        ("language: klingon", "language 'klingon' is not a language code: give a two-letter ISO 639-1 code"),
    ],
)
def test_a_url_or_language_in_the_front_matter_that_is_none_names_its_line(tmp_path, line, problem):
    path = write(tmp_path / "u.md", f"---\ntitle: Bridge vote\nauthor: Ada Varga\n{line}\n---\n" + BODY)
    with pytest.raises(IngestError) as err:
        read_article(path)
    assert str(err.value).startswith(f"{path}: line 4: {problem}")
    assert str(err.value).endswith("; the article is left out until it is fixed")


def test_a_sidecar_url_that_is_none_is_refused_and_good_ones_are_kept(tmp_path):
    path = write(tmp_path / "b.txt", BODY)
    write(tmp_path / "b.txt.meta.json", json.dumps({"url": "www.orvel.example", "language": "Spanish"}))
    with pytest.raises(IngestError, match="url 'www.orvel.example' is not a web address"):
        read_article(path)
    write(tmp_path / "b.txt.meta.json", json.dumps({"url": "HTTPS://orvel.example/b", "language": "Spanish"}))
    meta = read_article(path).meta
    assert (meta.url, meta.language) == ("HTTPS://orvel.example/b", "es")


def test_a_pages_own_link_that_is_no_web_address_is_left_out_not_fatal(tmp_path):
    html = """<html><head><title>Pier closes</title><link rel="canonical" href="/news/pier"></head><body>
    <article><h1>Pier closes</h1><p>“The pier is closed until spring,” harbour master Tom Brandt said on Monday.</p>
    <p>Repairs will start next week, the council said in a statement on its website.</p></article></body></html>"""
    article = read_article(write(tmp_path / "pier.html", html))
    assert "The pier is closed" in article.text and article.meta.url is None


# an invented wire story, one paragraph per line; WRAPPED is the same story wrapped at 72 columns
PARAGRAPHS = [
    "HARBOURTON (Wire) - The port authority will keep the northern pier closed for at least another year, its director said on Tuesday.",
    '"We will not reopen the pier before the tunnels under it are dry and safe," said Ilse Varga, who has run the authority since 2019.',
    "Varga said repairs would cost more than the city had set aside, and that fishing boats would moor at the southern quay meanwhile.",
    '"The boats lose an hour every morning," said Tomas Brandt, who speaks for the fishermen\'s cooperative. "Nobody asked us."',
    "The council meets on Friday to vote on the budget for the repairs, which it had put at four million crowns last spring.",
]


def _wrapped(paragraphs: list[str], width: int = 72) -> str:
    import textwrap

    return "\n\n".join(textwrap.fill(p, width) for p in paragraphs) + "\n"


def test_a_story_wrapped_at_a_fixed_width_reads_as_its_paragraphs(tmp_path):
    """Wire copy and mail saved as text break their lines at ~72 columns: each break inside a paragraph
    is a space, so a quote broken over two lines keeps its cue and speaker, as in the story written a
    paragraph per line."""
    from quotecheck.engine.extract import Extractor

    flat, wrapped = tmp_path / "flat.txt", tmp_path / "wrapped.txt"
    flat.write_text("\n\n".join(PARAGRAPHS) + "\n", encoding="utf-8")
    wrapped.write_text(_wrapped(PARAGRAPHS), encoding="utf-8")
    assert wrapped.read_text().count("\n") > 2 * len(PARAGRAPHS)  # it is wrapped
    read = read_article(wrapped)
    assert read.text.strip().split("\n\n") == PARAGRAPHS
    assert len(read.paragraphs) == len(PARAGRAPHS)
    extractor = Extractor()

    def found(path):
        return [(q.text, q.speaker) for q in extractor.extract(read_article(path))]

    quotes = found(wrapped)
    assert quotes == found(flat)
    assert ("We will not reopen the pier before the tunnels under it are dry and safe,", "Ilse Varga") in quotes
    assert ("The boats lose an hour every morning,", "Tomas Brandt") in quotes


@pytest.mark.parametrize(
    "text",
    [
        "\n".join(PARAGRAPHS),  # a paragraph per line: news files
        "Shopping list\n\n"
        + "\n".join(f"- item number {n} of the things to buy this week at the market" for n in range(9)),
        "\n".join(["A short line of a poem,", "and another one here;", "a third, and a fourth.", "Then it ends."] * 3),
        "```\n"
        + "\n".join(f"code line {n} that is quite long and fills most of the width of the line" for n in range(8))
        + "\n```",
    ],
)
def test_text_whose_lines_are_not_wrapped_paragraphs_is_kept_as_it_is(text):
    from quotecheck.io.ingest import join_soft_breaks

    assert join_soft_breaks(text) == text
