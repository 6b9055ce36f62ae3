"""The store's Python API on DuckDB and PostgreSQL: atomic writes, idempotence, queries, dyads."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import polars as pl
import pytest

import blocwatch
from blocwatch.store import open_store
from store_testdata import db_target, document, event  # noqa: F401 - fixture


def _fill(store) -> None:  # type: ignore[no-untyped-def]
    store.add_document(document("a.txt", "Pakistan and Russia talked."), [
        event("a.txt", date="2022-02-24", text="Khan met Putin in Moscow."),
        event("a.txt", "RUS", "UKR", "ACCUSE", date="2022-03-03", text="Russia accused Ukraine of shelling."),
    ])
    store.add_document(document("b.txt", "More on the visit."), [
        event("b.txt", "RUS", "PAK", date="2022-02-25", text="Putin received Khan."),
        event("b.txt", "PAK", "RUS", "AGREE", date="2022-04", precision="month", text="They agreed on gas."),
        event("b.txt", "RUS", "PAK", "THREATEN", date="2022-04-02", negated=True, text="Russia did not threaten."),
    ])


def test_store_api_add_document_idempotent(db_target: str) -> None:  # noqa: F811
    with blocwatch.open(db_target) as store:
        doc = document("a.txt", "Same words.")
        assert store.add_document(doc, [event("a.txt")]) is True
        assert store.add_document(document("copy.txt", "Same words."), [event("copy.txt")]) is False
        assert store.has_document(doc.content_hash)
        assert store.counts()["documents"] == 1 and store.counts()["reports"] == 1


def test_store_api_add_document_all_or_nothing(db_target: str) -> None:  # noqa: F811
    with open_store(db_target) as store:
        bad = event("a.txt")
        bad.event = None  # type: ignore[assignment]  # violates NOT NULL after the first report is written
        with pytest.raises(Exception):  # noqa: B017 - the backend's own constraint error
            store.add_document(document("a.txt"), [event("a.txt"), bad])
        assert store.counts() == {"documents": 0, "reports": 0, "happenings": 0, "failures": 0}
        assert store.add_document(document("a.txt"), [event("a.txt")]) is True


def test_store_api_events_filters(db_target: str) -> None:  # noqa: F811
    with open_store(db_target) as store:
        _fill(store)
        all_events = store.events(as_="records")
        assert len(all_events) == 4  # the two CONSULT reports are one happening
        consult = next(e for e in all_events if e["event"] == "CONSULT")
        assert (consult["mentions"], consult["sources"]) == (2, 2)
        assert {e["event"] for e in store.events(actor="RUS", as_="records")} >= {"ACCUSE"}
        assert [e["event"] for e in store.events(recipient="UKR", as_="records")] == ["ACCUSE"]
        assert {e["event"] for e in store.events(dyad=("RUS", "PAK"), as_="records")} == {"CONSULT", "AGREE",
                                                                                           "THREATEN"}
        assert [e["event"] for e in store.events(quad=3, event="ACCUSE", as_="records")] == ["ACCUSE"]
        assert [e["event"] for e in store.events(date_from="2022-03", date_to="2022-03-31", as_="records")] == \
            ["ACCUSE"]
        assert sorted(e["event"] for e in store.events(date_from="2022-04", as_="records")) == ["AGREE", "THREATEN"]
        assert [e["event"] for e in store.events(text="received khan", as_="records")] == ["CONSULT"]
        page = store.events(limit=2, offset=1, as_="records")
        assert [e["id"] for e in page] == [e["id"] for e in all_events[1:3]]


def test_store_api_events_frames(db_target: str) -> None:  # noqa: F811
    with open_store(db_target) as store:
        _fill(store)
        frame = store.events()
        assert isinstance(frame, pd.DataFrame) and len(frame) == 4
        assert {"doc", "actor", "event", "date", "id", "mentions", "sources", "evidence"} <= set(frame.columns)
        polars_frame = store.events(as_="polars")
        assert isinstance(polars_frame, pl.DataFrame) and polars_frame.height == 4
        assert sorted(polars_frame["mentions"].to_list()) == sorted(frame["mentions"].tolist())


def test_store_api_dyad_monthly_series(db_target: str) -> None:  # noqa: F811
    with open_store(db_target) as store:
        _fill(store)
        series = store.dyad("pak", "rus")
    rows = {(r.month, r.direction): r for r in series.itertuples()}
    # CONSULT (Feb, one happening of two reports), AGREE (April, month precision); the negated
    # THREATEN does not count; ACCUSE is another dyad.
    # (the CONSULT's representative is the earlier report, a.txt's PAK->RUS)
    assert set(rows) == {("2022-02", "PAK->RUS"), ("2022-04", "PAK->RUS")}
    feb = rows[("2022-02", "PAK->RUS")]
    assert (feb.events, feb.quad1, feb.quad3, feb.goldstein) == (1, 1, 0, 1.0)
    assert int(series["events"].sum()) == 2
    with open_store(db_target) as store:
        assert list(store.dyad("PAK", "RUS", date_from="2022-03")["month"]) == ["2022-04"]
        assert list(store.dyad("PAK", "RUS", freq="year")["year"]) == ["2022"]


def test_store_api_failures_recorded(db_target: str) -> None:  # noqa: F811
    with open_store(db_target) as store:
        store.record_failure("x.pdf", "encrypted PDF")
        store.record_failure("x.pdf", "encrypted PDF")
        assert [(f["path"], f["reason"], f["retried"]) for f in store.failures()] == [("x.pdf", "encrypted PDF", 1)]
        store.clear_failure("x.pdf")
        assert store.failures() == []


def test_store_api_readme_python_example_extract_callable_after_any_import(tmp_path: Path) -> None:
    # A fresh interpreter: importing the blocwatch.extract subpackage (as extract() itself,
    # the store's ingest and the CLI do) once left `blocwatch.extract` a module, not callable.
    import subprocess
    import sys

    sample = Path(__file__).resolve().parents[1] / "samples" / "ankara-moscow-2024.txt"
    script = f"""
import blocwatch
first = blocwatch.extract({str(sample)!r})
again = blocwatch.extract({str(sample)!r})
store = blocwatch.open({str(tmp_path / "corpus.duckdb")!r}); store.ingest([{str(sample.parent)!r}], progress=False)
after = blocwatch.extract({str(sample)!r}, date="2024-07-05")
import blocwatch.extract.gazetteer as gazetteer
print(len(first), len(again), len(after), len(store.dyad("TUR", "RUS")) > 0, gazetteer.country_by_name("Turkey"))
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    first, again, after, dyad, code = done.stdout.split()
    assert first == again == after and int(first) > 0 and dyad == "True" and code == "TUR"


def test_api_extract_missing_file_is_an_input_error_not_an_empty_text(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-report.pdf"
    for name in ("no-such-report.pdf", str(missing)):
        with pytest.raises(blocwatch.InputError, match="no such file"):
            blocwatch.extract(name)
    # a sentence is text, even one that ends like a file name
    assert blocwatch.extract("Russia visited China.", date="2024-07-05")
