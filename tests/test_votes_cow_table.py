"""Shape of analyze/data/cow_iso3.csv and agreement with the COW codes in ../shared."""

from __future__ import annotations

import csv
import gzip
import re
from collections import defaultdict

import pytest

from blocwatch.analyze.vote_files import cow_countries, cow_to_iso3, known_iso3
from skips import NO_SHARED
from votes_testdata import UNGA


def test_votes_cow_table_shape() -> None:
    rows = cow_countries()
    assert len(rows) >= 195
    spans = defaultdict(list)
    for row in rows:
        assert row.iso3 == "" or re.fullmatch(r"[A-Z]{3}", row.iso3), row
        assert row.name
        spans[row.ccode].append((row.from_year or 0, row.to_year or 9999))
    for ccode, ranges in spans.items():  # a reused code never maps two ways in one year
        ranges.sort()
        for (_, end), (start, _) in zip(ranges, ranges[1:], strict=False):
            assert end < start, ccode
    assert cow_to_iso3(345, 1990).iso3 == "YUG" and cow_to_iso3(345, 2010).iso3 == "SRB"
    assert cow_to_iso3(365).iso3 == "RUS" and cow_to_iso3(2).iso3 == "USA" and cow_to_iso3(770).iso3 == "PAK"
    assert cow_to_iso3(999) is None


@pytest.mark.skipif(not (UNGA / "idealpoints.csv.gz").exists(), reason=NO_SHARED)
def test_votes_cow_table_matches_published_codes() -> None:
    """The Bailey-Strezhnev-Voeten file pairs each COW code with an ISO3 code; ours agree
    (their 678/680 carry a YAR label for the two Yemens, which the vote data call YEM/YMD)."""
    with gzip.open(UNGA / "idealpoints.csv.gz", "rt", encoding="utf-8", newline="") as handle:
        pairs = {(int(r["ccode"]), r["iso3c"], int(r["session"]) + 1945) for r in csv.DictReader(handle)}
    for ccode, iso3, year in pairs:
        if iso3 == "YAR":
            continue
        assert cow_to_iso3(ccode, year).iso3 == iso3 or (ccode == 345 and iso3 in ("YUG", "SRB")), (ccode, iso3)
    with gzip.open(UNGA / "votes.csv.gz", "rt", encoding="utf-8", newline="") as handle:
        codes = {r["country_iso3"] for r in csv.DictReader(handle)} - {""}
    assert codes <= known_iso3()
