"""The assessment report renderers (present/report.py) on an assessment computed from real data."""

from __future__ import annotations

import copy
import re
from html.parser import HTMLParser
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessment_testdata import realistic_assessment
from blocwatch.present.report import render_html, render_markdown
from votes_testdata import needs_unga

pytestmark = needs_unga


@pytest.fixture(scope="module")
def assessment() -> dict[str, Any]:
    return realistic_assessment()


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text inside <title> elements."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.titles: list[str] = []
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_title = tag == "title"

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.titles.append(data)


def parse(html: str) -> Tags:
    tags = Tags()
    tags.feed(html)
    return tags


def test_report_html_is_self_contained_with_charts_of_the_data(assessment: dict[str, Any]) -> None:
    html = render_html(assessment)
    assert html.startswith("<!doctype html>")
    assert "http://" not in html and "https://" not in html
    tags = parse(html)
    names = {t for t, _ in tags.tags}
    assert "script" not in names and "link" not in names and "img" not in names, "no script, no external file"
    assert not [a for _, a in tags.tags for v in a.values() if v and re.match(r"(https?:)?//", v)]
    svgs = [a.get("class", "") for t, a in tags.tags if t == "svg"]
    assert any("agreement" in c for c in svgs) and any("idealpoints" in c for c in svgs)
    assert any("events" in c for c in svgs)
    # one point per session and pair, each with its value on hover
    rows = assessment["series"]["agreement"]
    for pair in ("xy", "xz"):
        expected = [r for r in rows if r[pair] is not None]
        tips = [t for t in tags.titles if t.startswith("Pakistan–Russia, year " if pair == "xy" else
                                                        "Pakistan–United States, year ")]
        assert len(tips) == len(expected) > 5
        for row in expected:
            assert f"year {row['year']}: {row[pair]:.3f} (interval {row[pair + '_lo']:.3f} to " \
                   f"{row[pair + '_hi']:.3f}), {row['n_' + pair]} votes" in " ".join(tips)
    assert sum(1 for t, a in tags.tags if t == "polygon" and "band" in (a.get("class") or "")) >= 5
    ideal = [r for r in assessment["series"]["idealpoints"] if r["x"] is not None]
    assert len(ideal) >= 3
    assert any(f"Pakistan, year {ideal[0]['year']}: {ideal[0]['x']:.3f}" in t for t in tags.titles)
    # the event bars add up to the series
    bars = [a for t, a in tags.tags if t == "rect" and a.get("class") == "event-bar"]
    charted = sum(int(e[f"quad{q}"]) for e in assessment["series"]["events"] for q in (1, 2, 3, 4))
    bar_tips = [t for t in tags.titles if re.search(r", \d{4}: \d+ (verbal|material) ", t)]
    assert len(bars) == len(bar_tips) and sum(int(t.split(": ")[1].split()[0]) for t in bar_tips) == charted > 0
    assert "source-break" in html, "the 2020 source change is drawn on the vote charts"


def test_report_html_shows_verdict_key_votes_and_evidence_sources(assessment: dict[str, Any]) -> None:
    html = render_html(assessment, doc_href=lambda doc: f"/doc/{doc['doc_id']}?start={doc['start']}")
    assert f"Pakistan: {assessment['verdict']}" in html or f"Verdict: {assessment['verdict']}" in html
    assert f"confidence {assessment['confidence']:.2f}" in html
    for vote in assessment["key_votes"]:
        assert f'data-label="resolution">{vote["unres"]}</td>' in html
    for ev in assessment["evidence"]:
        for doc in ev["documents"]:
            assert f'href="/doc/{doc["doc_id"]}?start={doc["start"]}"' in html
            assert f">{doc['title']}</a>" in html
    assert "/work/" not in html.split("Data:")[0] and "/tmp/" not in html.split("Data:")[0], \
        "documents by title, not by absolute path"
    assert assessment["undated_evidence"], "the fixture's documents have undated events"
    assert "Undated evidence" in html


def test_report_markdown_has_every_section(assessment: dict[str, Any]) -> None:
    md = render_markdown(assessment)
    assert md.startswith("# Is Pakistan realigning toward Russia?\n\n2016–2025, against United States as the other pole")
    for heading in ("## Measures", "## Vote agreement by year", "## Key votes", "## Events", "## Evidence",
                    "## Method"):
        assert f"\n{heading}\n" in md
    first = assessment["series"]["agreement"][0]
    assert f"| {first['year']} | {first['session']} | {first['xy']:.2f} |" in md
    assert f"{assessment['measures']['agreement_xy']['start']:.2f}" in md
    assert len([line for line in md.splitlines() if line.startswith("| 20")]) >= len(assessment["series"]["agreement"])


def test_report_escapes_every_text(assessment: dict[str, Any]) -> None:
    evil = '<script>alert("x")</script> & | *bold* [link](http://e.x)'
    bad = copy.deepcopy(assessment)
    bad["names"]["y"] = evil
    bad["summary"] = evil
    bad["key_votes"][0]["title"] = evil
    bad["evidence"][0]["text"] = evil
    bad["evidence"][0]["documents"][0]["title"] = evil
    bad["notes"] = [evil]
    html = render_html(bad)
    assert "<script" not in html and "&lt;script&gt;" in html
    md = render_markdown(bad)
    assert "<script>" not in md and "\\<script\\>" in md
    table_rows = [line for line in md.splitlines() if line.startswith("| ") and "script" in line]
    assert table_rows and all("\\|" in row for row in table_rows), "a | in a cell cannot split the table"


def test_report_insufficient_data_and_no_events() -> None:
    d = {"x": "PAK", "y": "RUS", "versus": "USA", "from": 2024, "to": 2025, "verdict": "insufficient data",
         "confidence": None, "change_year": None, "mover": None, "measures": {"agreement_xy": {"start": None}},
         "series": {"agreement": [{"year": 2024, "xy": None, "xz": float("nan")}], "idealpoints": [], "events": []},
         "key_votes": [], "evidence": [], "undated_evidence": None, "events_verdict": None}
    html = render_html(d)
    assert "Verdict: insufficient data" in html and "no data for this chart" in html
    assert "no dated events between these countries" in html and "No roll call in the period" in html
    md = render_markdown(d)
    assert "**Verdict: insufficient data**" in md and "No stored event bears on the verdict." in md
    assert render_html({}) and render_markdown({}).startswith("# Is X realigning toward Y?")


JSON = st.recursive(st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.floats(allow_nan=True)
                    | st.text(max_size=20), lambda inner: st.lists(inner, max_size=4)
                    | st.dictionaries(st.text(max_size=8), inner, max_size=4), max_leaves=12)
KEYS = ("x", "y", "versus", "names", "from", "to", "verdict", "confidence", "change_year", "mover", "summary",
        "method", "notes", "data_source", "measures", "series", "key_votes", "events_verdict", "evidence",
        "undated_evidence")
ROW = st.dictionaries(st.sampled_from(["year", "session", "xy", "xy_lo", "xy_hi", "x", "x_lo", "x_hi", "pair",
                                       "quad1", "quad3", "goldstein", "n_events", "documents", "date", "text",
                                       "doc", "title", "start"]), JSON, max_size=8)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(KEYS), JSON | st.lists(ROW, max_size=3), max_size=10),
       st.dictionaries(st.sampled_from(["agreement", "idealpoints", "events"]), st.lists(ROW, max_size=4)))
def test_report_total_over_any_shape(d: dict[str, Any], series: dict[str, Any]) -> None:
    d = dict(d, series=series) if series else d
    html, md = render_html(d), render_markdown(d)
    assert html.endswith("</html>\n") and md.endswith("\n")
    assert "<script" not in html
