"""Shape of the built-in sample corpus (src/blocwatch/data/corpus)."""

from __future__ import annotations

import json
import re
from importlib import resources

import pytest

from blocwatch.ingest.dateline import find_dateline

CORPUS = resources.files("blocwatch").joinpath("data/corpus")
_NAME = re.compile(r"(?P<first>[a-z]+)-(?P<second>[a-z]+)-(?P<month>\d{4}-\d\d)\.txt")
_CAPITALS = {"islamabad": "PAK", "moscow": "RUS", "washington": "USA", "beijing": "CHN",
             "newdelhi": "IND", "ankara": "TUR"}
# The dyads an assessment of these six states compares; each needs reports across the years.
_DYADS = ["PAK-RUS", "PAK-USA", "PAK-CHN", "IND-RUS", "IND-USA", "TUR-RUS", "TUR-USA", "CHN-RUS", "CHN-USA"]


def _index() -> dict[str, dict[str, str]]:
    return json.loads(CORPUS.joinpath("index.json").read_text("utf-8"))


def _reports() -> list[str]:
    return sorted(entry.name for entry in CORPUS.iterdir() if entry.name.endswith(".txt"))


def test_sample_corpus_index_matches_files() -> None:
    index = _index()
    assert 30 <= len(index) <= 40
    assert set(index) == set(_reports())
    titles = [entry["title"] for entry in index.values()]
    assert all(title.strip() for title in titles) and len(set(titles)) == len(titles)
    for entry in index.values():
        assert set(entry) == {"published", "title"}
        assert "2021-01-01" <= entry["published"] <= "2025-12-31"


@pytest.mark.parametrize("name", _reports())
def test_sample_corpus_report_shape(name: str) -> None:
    published = _index()[name]["published"]
    match = _NAME.fullmatch(name)
    assert match, f"{name}: not <capital>-<capital>-<yyyy-mm>.txt"
    assert match["first"] in _CAPITALS and match["second"] in _CAPITALS and match["first"] != match["second"]
    assert match["month"] == published[:7], f"{name}: month differs from published {published}"
    text = CORPUS.joinpath(name).read_text("utf-8")
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
    # The project's own dateline reader must find the same date in the first paragraph.
    assert find_dateline(paragraphs[:1]) == (published, "dateline"), name
    assert 100 <= len(text.split()) <= 300, f"{name}: {len(text.split())} words"
    assert len(paragraphs) >= 4


def test_sample_corpus_dyads_span_years() -> None:
    years: dict[frozenset[str], set[str]] = {frozenset(dyad.split("-")): set() for dyad in _DYADS}
    for name in _reports():
        match = _NAME.fullmatch(name)
        assert match
        pair = frozenset((_CAPITALS[match["first"]], _CAPITALS[match["second"]]))
        if pair in years:
            years[pair].add(match["month"][:4])
    for pair, seen in years.items():
        assert len(seen) >= 3, f"{sorted(pair)}: reports only in {sorted(seen)}"
    every_year = {str(year) for year in range(2021, 2026)}
    assert years[frozenset({"PAK", "RUS"})] == years[frozenset({"PAK", "USA"})] == every_year
