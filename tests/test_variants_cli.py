"""What the command line says about one statement reported in several wordings, on articles written
for these tests: a ClaimReview's appearances, the first report's date, changed wording shown at the
change, and which quotes a left-out verdict belongs to."""

from __future__ import annotations

import json

from quotecheck import cli
from quotecheck.library import Library

SAID = "The cost of the crossing has doubled since the spring and families cannot keep paying it"


def article(folder, name, outlet, date, quote, said_on=None):
    said = f"said_on: {said_on}\n" if said_on else ""
    text = f"---\ntitle: Fares {name}\noutlet: {outlet}\ndate: {date}\n{said}---\nFares {name}\n\n“{quote},” said Mara Holloway, the port director.\n"
    (folder / f"{name}.txt").write_text(text, encoding="utf-8")


def run(capsys, *args) -> tuple[int, str, str]:
    rc = cli.main([str(a) for a in args])
    out, err = capsys.readouterr()
    return rc, out, err


def quote_ids(capsys, path) -> dict[str, int]:
    """Each quote's id by its outlet."""
    rc, out, _ = run(capsys, "quotes", path, "--json")
    assert rc == 0
    return {row["outlet"]: row["id"] for row in map(json.loads, out.splitlines())}


def ingest(tmp_path, capsys, *articles) -> tuple[str, dict[str, int]]:
    folder = tmp_path / "articles"
    folder.mkdir()
    for a in articles:
        article(folder, *a)
    path = tmp_path / "case.qcproj"
    assert run(capsys, "ingest", path, folder, "-q")[0] == 0
    return str(path), quote_ids(capsys, path)


def appearances(capsys, path, claim_start):
    rc, out, _ = run(capsys, "export", path, "-f", "claimreview")
    assert rc == 0
    [review] = [r for r in json.loads(out) if r["claimReviewed"].startswith(claim_start)]
    return [a["publisher"]["name"] for a in review["itemReviewed"]["appearance"]]


def test_a_claimreview_of_a_misquote_appears_only_where_the_misquoted_words_are(tmp_path, capsys):
    path, ids = ingest(
        tmp_path,
        capsys,
        ("a", "Orvel Gazette", "2025-03-04", SAID),
        ("b", "Wren Herald", "2025-03-04", SAID),
        ("c", "Calloway Post", "2025-03-05", SAID.replace("the crossing", "the ferry crossing")),
    )
    assert run(capsys, "review", path, ids["Calloway Post"], "--verdict", "misquoted")[0] == 0
    assert run(capsys, "review", path, ids["Orvel Gazette"], "--verdict", "verified")[0] == 0
    assert appearances(capsys, path, "The cost of the ferry crossing") == ["Calloway Post"]
    assert appearances(capsys, path, "The cost of the crossing") == ["Orvel Gazette", "Wren Herald"]


def test_quotes_shows_changed_wording_at_the_word_that_changed(tmp_path, capsys):
    long = "The board gave the operators a warning about the winter timetable, the harbour fees and the moorings for small boats"
    path, ids = ingest(tmp_path, capsys, ("a", "Orvel Gazette", "2025-03-04", long))
    quote = ids["Orvel Gazette"]
    assert run(capsys, "review", path, quote, "--verdict", "verified")[0] == 0
    article(tmp_path / "articles", "a", "Orvel Gazette", "2025-03-04", long.replace("small boats", "fishing boats"))
    rc, _, err = run(capsys, "ingest", path, tmp_path / "articles", "-q")
    assert rc == 0
    [check] = [line for line in err.splitlines() if line.startswith("check:")]
    assert "for fishing boats," in check and "for small boats," in check
    rc, out, _ = run(capsys, "quotes", path)
    [line] = out.splitlines()
    assert "moorings for fishing boats," in line and "was “… " in line and "moorings for small boats," in line


def test_an_export_that_leaves_a_verdict_out_names_the_quote_by_its_words(tmp_path, capsys):
    said = "She said the board had given a clear warning to the operators about the winter timetable"
    path, ids = ingest(tmp_path, capsys, ("a", "Orvel Gazette", "2025-03-04", said))
    assert run(capsys, "review", path, ids["Orvel Gazette"], "--verdict", "verified")[0] == 0
    edited = said.replace("a clear warning", "a clear and early warning")
    article(tmp_path / "articles", "a", "Orvel Gazette", "2025-03-04", edited)
    assert run(capsys, "ingest", path, tmp_path / "articles", "-q")[0] == 0
    quote = quote_ids(capsys, path)["Orvel Gazette"]
    rc, out, err = run(capsys, "export", path, "-f", "claimreview")
    assert rc == 1 and out == ""  # nothing left to publish: nothing written
    [line] = err.splitlines()
    assert line.startswith(
        "error: nothing to publish in ClaimReview: 1 verdict(s) left out: given on earlier words than the quote has now"
    )
    assert f"(quote {quote} “She said the board had given a clear…”)" in line


def test_the_first_appearance_is_the_earliest_published_report_in_the_flag_the_window_and_claimreview(tmp_path, capsys):
    said = "The new footbridge over the Marsh canal will open before the autumn fair"
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "early.md").write_text(
        f"---\ntitle: Footbridge news\noutlet: Orvel Gazette\ndate: 2025-07-01\n---\nFootbridge news\n\n"
        f"“{said},” said Ida Calloway, the canal engineer.\n",
        encoding="utf-8",
    )
    (folder / "later.md").write_text(
        f"---\ntitle: Footbridge later\noutlet: Brandt Times\ndate: 2025-07-02\n---\nFootbridge later\n\n"
        f"On 30 June 2025, Ida Calloway, the canal engineer, said: “{said}.”\n",
        encoding="utf-8",
    )
    path = tmp_path / "case.qcproj"
    assert run(capsys, "ingest", path, folder, "-q")[0] == 0
    ids = quote_ids(capsys, path)
    rc, out, _ = run(capsys, "flags", path, "--json")
    [first] = [f for f in map(json.loads, out.splitlines()) if f["kind"] == "first_appearance"]
    assert [q["quote_id"] for q in first["quotes"]] == [ids["Orvel Gazette"]]
    assert first["explanation"] == (
        "First appearance of this statement: Orvel Gazette 2025-07-01; Brandt Times says it was said on 2025-06-30."
    )
    with Library(path) as lib:  # the window's provenance heading reads this
        assert lib.provenance(ids["Brandt Times"]).first_appearance.quote_id == ids["Orvel Gazette"]
    assert run(capsys, "review", path, ids["Brandt Times"], "--verdict", "verified")[0] == 0
    rc, out, _ = run(capsys, "export", path, "-f", "claimreview")
    [review] = json.loads(out)
    assert review["itemReviewed"]["firstAppearance"]["publisher"]["name"] == "Orvel Gazette"


def test_claimreview_breaks_a_same_day_tie_for_first_as_the_flag_does(tmp_path, capsys):
    path, ids = ingest(
        tmp_path,
        capsys,
        ("a", "Orvel Gazette", "2025-03-04", SAID),
        ("b", "Wren Herald", "2025-03-04", SAID),
    )
    rc, out, _ = run(capsys, "flags", path, "--json")
    [first] = [f for f in map(json.loads, out.splitlines()) if f["kind"] == "first_appearance"]
    assert [q["quote_id"] for q in first["quotes"]] == [ids["Orvel Gazette"]]
    assert run(capsys, "review", path, ids["Wren Herald"], "--verdict", "verified")[0] == 0
    rc, out, _ = run(capsys, "export", path, "-f", "claimreview")
    [review] = json.loads(out)
    assert review["itemReviewed"]["firstAppearance"]["publisher"]["name"] == "Orvel Gazette"


def test_a_claimreview_with_nothing_to_publish_writes_nothing_as_an_empty_filter_does(tmp_path, capsys):
    path, ids = ingest(tmp_path, capsys, ("a", "Orvel Gazette", "2025-03-04", SAID))
    target = tmp_path / "reviews.json"
    target.write_text("kept\n", encoding="utf-8")
    empty_filter = run(capsys, "export", path, "-f", "claimreview", "-o", target, "--speaker", "Nobody Roe")
    rc, out, err = run(capsys, "export", path, "-f", "claimreview", "-o", target)
    assert rc == empty_filter[0] == 1 and out == ""
    assert err == (
        f"error: nothing to publish in ClaimReview: no statement among these quotes has a verdict yet; nothing written"
        f" to {target} (give one with 'quotecheck review PROJECT QUOTE_ID --verdict …')\n"
    )
    assert target.read_text(encoding="utf-8") == "kept\n"
    target.unlink()
    assert run(capsys, "export", path, "-f", "claimreview", "-o", target)[0] == 1 and not target.exists()
    assert run(capsys, "export", path, "-f", "claimreview")[1] == ""  # nothing on standard output either
    assert run(capsys, "review", path, ids["Orvel Gazette"], "--verdict", "verified")[0] == 0
    rc, _, err = run(capsys, "export", path, "-f", "claimreview", "-o", target)
    assert rc == 0 and len(json.loads(target.read_text(encoding="utf-8"))) == 1
