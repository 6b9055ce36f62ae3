"""`assess_dyad` on a real database: the real UNGA votes plus a few ingested news documents.

Every figure the assessment states is checked against a second computation: vote agreement
from the gzip CSV read with plain Python (votes_testdata), event counts from `blocwatch
events` output, evidence sentences against the documents themselves."""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from blocwatch.analyze.assessment import (
    SOURCE_BREAK_SESSION,
    Shift,
    UnknownCountryError,
    assess_dyad,
    build_assessment,
)
from blocwatch.analyze.changepoints import MIN_COUNT, detect
from blocwatch.cli.main import main
from blocwatch.errors import UsageError
from votes_testdata import needs_unga, plain_dyad_by_session, real_duckdb

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "samples" / "ankara-moscow-2024.txt"] + [
    ROOT / "tests" / "gold" / "docs" / name
    for name in ("ankara-moscow-2015.txt", "moscow-delhi-2024.txt", "islamabad-kabul-2025.txt",
                 "newyork-unga-2022.txt")
]

pytestmark = needs_unga


def build_corpus(folder: Path, with_votes: bool = True) -> str:
    """The real votes (imported once per test process, then copied) plus the documents."""
    db = folder / "corpus.duckdb"
    if with_votes:
        shutil.copy(real_duckdb(), db)
    assert main(["ingest", *map(str, DOCS), "--db", str(db)]) == 0
    return str(db)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> str:
    return build_corpus(tmp_path_factory.mktemp("assess"))


def stored_events(db: str, a: str, b: str, capsys: pytest.CaptureFixture[str]) -> list[dict]:
    """The dyad's events in both directions, as `blocwatch events` prints them."""
    out = []
    for actor, recipient in ((a, b), (b, a)):
        assert main(["events", "--db", db, "--actor", actor, "--recipient", recipient]) == 0
        out += [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.strip()]
    return out


def test_assessment_votes_match_csv(corpus: str) -> None:
    result = assess_dyad(corpus, "Pakistan", "Russia")
    assert (result.a, result.b, result.name_a, result.name_b) == ("PAK", "RUS", "Pakistan", "Russia")
    plain = plain_dyad_by_session("PAK", "RUS")
    assert [r["session"] for r in result.votes] == sorted(plain)
    for row in result.votes:
        want = plain[row["session"]]
        assert row["n_votes"] == want["n_votes"]
        assert row["agree"] == pytest.approx(want["agree"], abs=1e-9)
        assert row["year"] == 1945 + row["session"]
    latest = max(plain)
    assert latest == 80
    agree, n = plain[latest]["agree"], plain[latest]["n_votes"]
    assert f"vote agreement {agree:.2f} in session {latest} ({1945 + latest})" in result.headline
    assert f"session {latest} ({1945 + latest}), agreement {agree:.2f} on {n} common votes" in result.vote_summary


def test_assessment_shifts_recomputed_from_rows(corpus: str) -> None:
    result = assess_dyad(corpus, "PAK", "RUS")
    plain = plain_dyad_by_session("PAK", "RUS")
    sessions = sorted(s for s in plain if plain[s]["n_votes"] >= MIN_COUNT)
    values = [plain[s]["agree"] for s in sessions]
    points = detect(values, sessions, breaks=(SOURCE_BREAK_SESSION,))
    assert any(p.kind == "source-break" and p.session == SOURCE_BREAK_SESSION for p in points)
    want = [p for p in points if p.kind == "shift"]
    assert want, "the PAK-RUS series has known shifts"
    assert [s.session for s in result.shifts] == [p.session for p in want]
    assert all(s.session != SOURCE_BREAK_SESSION for s in result.shifts)
    for shift, point in zip(result.shifts, want, strict=True):
        before = [plain[s]["agree"] for s in sessions if shift.before_from <= s <= shift.before_to]
        after = [plain[s]["agree"] for s in sessions if shift.session <= s <= shift.after_to]
        assert shift.before == pytest.approx(sum(before) / len(before))
        assert shift.after == pytest.approx(sum(after) / len(after))
        # the same segments PELT used: its means agree with ours
        assert (shift.before, shift.after) == pytest.approx((point.before_mean, point.after_mean))
        assert shift.direction == ("closer" if shift.after > shift.before else "further apart")
        # segments never straddle the source break
        assert not shift.before_from < SOURCE_BREAK_SESSION <= shift.before_to
        assert not shift.session < SOURCE_BREAK_SESSION <= shift.after_to
        line = (f"- session {shift.session} ({1945 + shift.session}): {shift.direction}, {shift.before:.2f} in "
                f"sessions {shift.before_from}-{shift.before_to} -> {shift.after:.2f} in "
                f"sessions {shift.session}-{shift.after_to}")
        assert line in result.vote_summary
    last = result.shifts[-1]
    assert f": {last.direction} since session {last.session} ({1945 + last.session});" in result.headline
    assert f"Session {SOURCE_BREAK_SESSION}: the vote data change source" in result.vote_summary


def test_assessment_text_numbers_come_from_data(corpus: str) -> None:
    """Every decimal figure in the vote text is a row's measure or a segment mean."""
    result = assess_dyad(corpus, "PAK", "RUS")
    allowed = set()
    for row in result.votes:
        allowed |= {f"{row[m]:.2f}" for m in ("agree", "kappa") if row[m] is not None}
    for s in result.shifts:
        allowed |= {f"{s.before:.2f}", f"{s.after:.2f}"}
    text = result.headline + "\n" + result.vote_summary
    found = re.findall(r"-?\d+\.\d+", text)
    assert found and set(found) <= allowed


def test_assessment_event_counts_match_events_command(corpus: str, capsys: pytest.CaptureFixture[str]) -> None:
    result = assess_dyad(corpus, "TUR", "RUS", n_evidence=3)
    events = stored_events(corpus, "TUR", "RUS", capsys)
    assert events and len({e["actor"] for e in events}) == 2, "both directions are in the sample"
    quads = Counter(e["quad"] for e in events)
    assert result.event_totals == {**{f"quad{q}": quads[q] for q in (1, 2, 3, 4)}, "total": len(events),
                                   "charted": result.event_totals["charted"]}
    assert (f"{quads[1]} verbal cooperation, {quads[2]} material cooperation, {quads[3]} verbal conflict, "
            f"{quads[4]} material conflict") in result.event_summary
    directions = Counter(f"{e['actor']}->{e['recipient']}" for e in events)
    assert f"RUS->TUR {directions['RUS->TUR']}, TUR->RUS {directions['TUR->RUS']}" in result.event_summary
    # per month: asserted, not negated, dated to the month or day; both directions summed in one row
    monthly: dict[str, Counter] = defaultdict(Counter)
    senders: dict[str, set[str]] = defaultdict(set)
    for e in events:
        if e["modality"] == "asserted" and not e["negated"] and e["date_precision"] in ("day", "month"):
            monthly[e["date"][:7]][e["quad"]] += 1
            senders[e["date"][:7]].add(e["actor"])
    assert [r["month"] for r in result.events_per_month] == sorted(monthly)
    for row in result.events_per_month:
        assert [row[f"quad{q}"] for q in (1, 2, 3, 4)] == [monthly[row["month"]][q] for q in (1, 2, 3, 4)]
        assert row["events"] == sum(monthly[row["month"]].values())
    assert any(len(actors) == 2 for actors in senders.values()), "a month with both directions (one row)"
    charted = sum(sum(c.values()) for c in monthly.values())
    assert result.event_totals["charted"] == charted
    assert f"{charted} of them are asserted, not negated" in result.event_summary


def test_assessment_evidence_is_in_the_documents(corpus: str) -> None:
    result = assess_dyad(corpus, "TUR", "RUS", n_evidence=4)
    assert len(result.evidence) == 4
    for ev in result.evidence:
        assert {ev["actor"], ev["recipient"]} == {"TUR", "RUS"}
        source = " ".join(Path(ev["doc"]).read_text(encoding="utf-8").split())
        assert " ".join(ev["text"].split()) in source
    text = result.to_text()
    assert "Evidence (strongest first):" in text
    first = result.evidence[0]
    assert f"{first['date'] or 'undated'} {first['actor']}->{first['recipient']} {first['event']}" in text
    assert Path(first["doc"]).name in text
    # firm (asserted, not negated) evidence comes before negated or hypothetical events
    firm = [not e["negated"] and e["modality"] == "asserted" for e in result.evidence]
    assert firm == sorted(firm, reverse=True)


def test_assessment_without_events_says_so(corpus: str) -> None:
    result = assess_dyad(corpus, "PAK", "RUS")
    assert result.evidence == [] and result.events_per_month == []
    assert result.event_totals["total"] == 0
    assert "Events: none stored between PAK and RUS" in result.event_summary
    assert "none stored" in result.to_text()


def test_assessment_without_votes_says_so(tmp_path: Path) -> None:
    db = build_corpus(tmp_path, with_votes=False)
    result = assess_dyad(db, "Turkey", "RUS")
    assert result.votes == [] and result.shifts == []
    assert "no UN General Assembly votes shared" in result.headline
    assert "none shared by both countries" in result.vote_summary
    assert result.event_totals["total"] > 0 and result.evidence
    with pytest.raises(UnknownCountryError, match="Atlantis"):
        assess_dyad(db, "TUR", "Atlantis")


def test_assessment_year_range_limits_votes_and_events(corpus: str) -> None:
    result = assess_dyad(corpus, "TUR", "RUS", year_from=2020, year_to=2030)
    assert [r["session"] for r in result.votes] == [75, 76, 77, 78, 79, 80]
    assert all(r["month"] >= "2020-01" for r in result.events_per_month)
    assert "no significant change" in result.headline or result.shifts


def test_assessment_rejects_unknown_and_same_country(corpus: str) -> None:
    with pytest.raises(UnknownCountryError, match="unknown country 'Atlantis'"):
        assess_dyad(corpus, "PAK", "Atlantis")
    with pytest.raises(UsageError, match="against itself"):
        assess_dyad(corpus, "PAK", "Pakistan")


def test_assessment_build_sums_directions_and_ignores_source_break() -> None:
    votes = [{"session": s, "year": 1945 + s, "n_votes": 10, "agree": 0.5 if s < 70 else 0.9}
             for s in range(60, 80)]
    months = [
        {"month": "2024-01", "direction": "A->B", "events": 2, "quad1": 1, "quad2": 1, "quad3": 0, "quad4": 0,
         "goldstein": 4.0},
        {"month": "2024-01", "direction": "B->A", "events": 1, "quad1": 0, "quad2": 0, "quad3": 0, "quad4": 1,
         "goldstein": -9.0},
    ]
    shifts = [Shift(70, 2015, 0.0, 0.0), Shift(SOURCE_BREAK_SESSION, 2020, 0.9, 0.9)]
    out = build_assessment("AAA", "BBB", votes, shifts, months, [])
    assert out.events_per_month == [{"month": "2024-01", "events": 3, "quad1": 1, "quad2": 1, "quad3": 0,
                                     "quad4": 1, "goldstein": -5.0}]
    assert [s.session for s in out.shifts] == [70]
    assert (out.shifts[0].before, out.shifts[0].after) == (0.5, 0.9)
    assert (out.shifts[0].before_from, out.shifts[0].before_to, out.shifts[0].after_to) == (60, 69, 74)
    assert out.headline == "AAA-BBB: closer since session 70 (2015); vote agreement 0.90 in session 79 (2024)"
    empty = build_assessment("AAA", "BBB", [], [], [], [])
    assert "no UN General Assembly votes" in empty.headline and "none stored" in empty.event_summary
