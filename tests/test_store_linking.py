"""One happening, one event: linking reports across documents, whatever the order."""

from __future__ import annotations

import random
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from blocwatch.store import open_store
from blocwatch.store.linking import Report, cluster_reports, date_bounds, link_key
from store_testdata import document, event


def _report(i: int, date: str | None, precision: str | None, pub: str | None = "2022-03-01") -> Report:
    return Report(i, f"k{i:04d}", i, date, precision, 0.5, pub)


def _partition(clusters: list) -> set[frozenset[int]]:
    return {frozenset(r.id for r in c.reports) for c in clusters}


def test_store_linking_day_window_and_precision() -> None:
    reports = [_report(1, "2022-02-24", "day"), _report(2, "2022-02-25", "day"), _report(3, "2022-03-10", "day"),
               _report(4, "2022-02", "month"), _report(5, "2021", "year"), _report(6, "2022", "year")]
    parts = _partition(cluster_reports(reports))
    # days 24 and 25 are one happening; the February report joins it (the only one that month);
    # 2022 has two day-happenings (ambiguous), so the 2022 report stays apart, as does 2021.
    assert parts == {frozenset({1, 2, 4}), frozenset({3}), frozenset({5}), frozenset({6})}


def test_store_linking_ambiguous_month_kept_apart() -> None:
    reports = [_report(1, "2022-03-01", "day"), _report(2, "2022-03-20", "day"), _report(3, "2022-03", "month"),
               _report(4, "2022-03", "month")]
    assert _partition(cluster_reports(reports)) == {frozenset({1}), frozenset({2}), frozenset({3, 4})}


def test_store_linking_undated_only_with_undated_of_same_news_cycle() -> None:
    reports = [_report(1, None, None, "2022-03-01"), _report(2, None, None, "2022-03-02"),
               _report(3, None, None, "2022-06-01"), _report(4, None, None, None), _report(5, None, None, None),
               _report(6, "2022-03-01", "day")]
    assert _partition(cluster_reports(reports)) == {frozenset({1, 2}), frozenset({3}), frozenset({4}),
                                                    frozenset({5}), frozenset({6})}


def test_store_linking_key_direction_rules() -> None:
    assert link_key("USA", "CHN", "CONSULT", False, "asserted") == link_key("CHN", "USA", "CONSULT", False, "asserted")
    assert link_key("USA", "CHN", "ACCUSE", False, "asserted") != link_key("CHN", "USA", "ACCUSE", False, "asserted")
    assert link_key("USA", "CHN", "ACCUSE", False, "asserted") != link_key("USA", "CHN", "ACCUSE", True, "asserted")
    assert link_key("USA", "CHN", "AGREE", False, "asserted") != link_key("USA", "CHN", "AGREE", False, "future")


def test_store_linking_date_bounds() -> None:
    assert date_bounds("2024-02", "month") == ("2024-02-01", "2024-02-29")
    assert date_bounds("2023", "year") == ("2023-01-01", "2023-12-31")
    assert date_bounds("2023-12-31", "day") == ("2023-12-31", "2023-12-31")
    assert date_bounds(None, None) == (None, None)


dates = st.one_of(
    st.dates(min_value=__import__("datetime").date(2022, 1, 1), max_value=__import__("datetime").date(2022, 4, 30))
    .map(lambda d: (d.isoformat(), "day")),
    st.sampled_from([("2022-01", "month"), ("2022-02", "month"), ("2022-03", "month"), ("2022", "year"),
                     (None, None)]),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(dates, min_size=1, max_size=25), st.randoms(use_true_random=False))
def test_store_linking_independent_of_order(items: list, rng: random.Random) -> None:
    reports = [_report(i, d, p, f"2022-0{1 + i % 4}-1{i % 9}") for i, (d, p) in enumerate(items)]
    shuffled = list(reports)
    rng.shuffle(shuffled)
    first, second = cluster_reports(reports), cluster_reports(shuffled)
    assert _partition(first) == _partition(second)
    assert {c.happening_id() for c in first} == {c.happening_id() for c in second}
    assert sorted(r.id for c in first for r in c.reports) == [r.id for r in reports]  # each report once


def _store_three(path: Path, order: list[int]) -> list[dict]:
    docs = [
        (document("a.txt", "Report A."), [event("a.txt", date="2022-02-24")]),
        (document("b.txt", "Report B."), [event("b.txt", "RUS", "PAK", date="2022-02-25", confidence=0.9)]),
        (document("c.txt", "Report C."), [event("c.txt", date="2022-02", precision="month"),
                                          event("c.txt", "RUS", "UKR", "ACCUSE", date="2022-02-24")]),
    ]
    with open_store(str(path)) as store:
        for i in order:
            store.add_document(*docs[i])
        return store.events(as_="records")


def test_store_linking_same_events_whatever_ingest_order(tmp_path: Path) -> None:
    first = _store_three(tmp_path / "one.duckdb", [0, 1, 2])
    second = _store_three(tmp_path / "two.duckdb", [2, 1, 0])
    assert first == second
    consult = next(e for e in first if e["event"] == "CONSULT")
    assert (consult["mentions"], consult["sources"]) == (3, 3)
    # the representative: a day date (finest), then the highest confidence
    assert consult["doc"] == "b.txt" and consult["date"] == "2022-02-25"
    assert sorted(e["doc"] for e in consult["evidence"]) == ["a.txt", "b.txt", "c.txt"]
    accuse = next(e for e in first if e["event"] == "ACCUSE")
    assert (accuse["mentions"], accuse["sources"]) == (1, 1)


def test_store_linking_explain_lists_reports_and_reasons(tmp_path: Path) -> None:
    records = _store_three(tmp_path / "x.duckdb", [0, 1, 2])
    consult = next(e for e in records if e["event"] == "CONSULT")
    with open_store(str(tmp_path / "x.duckdb")) as store:
        info = store.explain(consult["id"])
    assert sorted(r["doc"] for r in info["reports"]) == ["a.txt", "b.txt", "c.txt"]
    reasons = {r["doc"]: r["reason"] for r in info["reports"]}
    assert "within 2 days" in reasons["b.txt"]
    assert "month 2022-02" in reasons["c.txt"]
    assert reasons["b.txt"].startswith("representative")
    assert "either direction" in info["rule"]


def test_store_linking_incremental_equals_any_order(tmp_path: Path) -> None:
    dated = [("2022-02-24", "day"), ("2022-02-26", "day"), ("2022-02-27", "day"), ("2022-02", "month"),
             ("2022-03-10", "day"), ("2022-03", "month"), ("2022", "year"), (None, None), ("2022-03-11", "day"),
             ("2022-02-25", "day"), ("2023-01", "month"), ("2022-03-13", "day")]
    docs = [(document(f"d{i}.txt", f"Report {i}.", pub_date=f"2022-03-{10 + i % 3}"),
             [event(f"d{i}.txt", date=d, precision=p)]) for i, (d, p) in enumerate(dated)]
    results = []
    for name, order in (("fwd", docs), ("rev", docs[::-1]), ("mix", docs[1::2] + docs[::2])):
        with open_store(str(tmp_path / f"{name}.duckdb")) as store:
            for doc, events in order:
                store.add_document(doc, events)
            results.append(store.events(as_="records"))
            assert store.counts()["reports"] == len(dated)
    assert results[0] == results[1] == results[2]
    assert sum(e["mentions"] for e in results[0]) == len(dated)
