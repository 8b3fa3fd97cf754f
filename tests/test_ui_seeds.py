"""The window on the two real seed articles: import them with the progress bar to the end, select the
statement that two outlets word differently, and find the differing words marked side by side."""

from __future__ import annotations

import pytest

from quotecheck.project.query import QuoteFilter

pytestmark = [pytest.mark.gui, pytest.mark.shared, pytest.mark.slow]


def test_import_seeds_then_see_the_reworded_statement_side_by_side(qtbot, window, tmp_path, shared_dir):
    assert window.open_project(tmp_path / "seeds.qcproj", create=True)
    seeds = sorted(str(p) for p in (shared_dir / "seeds").glob("*.txt"))
    with qtbot.waitSignal(window.job_done, timeout=120_000) as done:
        assert window.start_import(seeds)
    report = done.args[0]
    assert len(report.added) == 2 and not report.errors
    bar = window.import_panel.bar
    assert bar.maximum() > 0 and bar.value() == bar.maximum()  # the last stage (matching) ran to its end
    assert window.model.rowCount() == report.quotes

    quote_id = window.lib.quote_ids(QuoteFilter(search="no doubt"))[0]
    window.select_quote(quote_id)
    qtbot.waitUntil(lambda: window.current_quote_id == quote_id)
    shown = window.provenance_view.data["variants"]
    variants = [v for v in shown if v["kind"] != "indirect"]
    assert len(variants) == 2 and len({v["title"] for v in variants}) == 2  # one from each article
    # a report of the same words without quotation marks joins them as a paraphrase
    assert all(v["link"] == "reported as paraphrase" for v in shown if v["kind"] == "indirect")
    marked = {v["text"][s:e].lower() for v in variants for s, e, _sev in v["marks"]}
    assert any("abilit" in word for word in marked), marked
    html = window.provenance_view.toHtml()
    assert "abilities" in html and "wording drift" in html.lower()
