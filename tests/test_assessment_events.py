"""Event flows and evidence in the assessment: per year and pair, by source (news corpus and
GDELT imports), with the events verdict, relevance ranking and undated events listed."""

from __future__ import annotations

from pathlib import Path

import pytest

import blocwatch
from blocwatch.store import open_store
from blocwatch.store.interchange import import_gdelt


def gdelt_row(event_id: int, day: str, actor1: str, actor2: str, code: str, quad: str, goldstein: str,
              url: str) -> str:
    cells = [""] * 61
    cells[0], cells[1], cells[2], cells[3] = str(event_id), day, day[:6], day[:4]
    cells[5], cells[6], cells[7], cells[12] = actor1, f"{actor1} NAME", actor1, "GOV"
    cells[15], cells[16], cells[17] = actor2, f"{actor2} NAME", actor2
    cells[25], cells[26], cells[27], cells[28] = "1", code, code[:3], code[:2]
    cells[29], cells[30], cells[31], cells[32] = quad, goldstein, "10", "2"
    cells[59], cells[60] = day + "120000", url
    return "\t".join(cells)


NEWS = ("ISLAMABAD - Pakistan and Russia signed an agreement on Friday on the supply of Russian crude oil "
        "to Pakistan. Pakistan's prime minister met Russia's energy minister in Islamabad.\n")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("assess-events")
    db = str(folder / "events.duckdb")
    (folder / "oil.txt").write_text(NEWS, encoding="utf-8")
    rows = [gdelt_row(1, "20220224", "PAK", "RUS", "042", "1", "1.9", "https://a.example/visit"),
            gdelt_row(2, "20230115", "RUS", "PAK", "057", "1", "8.0", "https://b.example/deal"),
            gdelt_row(3, "20240310", "USA", "PAK", "163", "4", "-8.0", "https://c.example/sanction"),
            gdelt_row(4, "20120310", "USA", "PAK", "163", "4", "-8.0", "https://d.example/old")]
    (folder / "events.CSV").write_text("\n".join(rows) + "\n", encoding="utf-8")
    with open_store(db) as store:
        store.ingest([str(folder / "oil.txt")], date="2023-01-20", progress=False)
        summary = import_gdelt(store, [str(folder / "events.CSV")])
        assert summary.imported == 4
    return db


def test_assessment_events_by_year_pair_and_source(corpus: str) -> None:
    data = blocwatch.assess("PAK", "RUS", db=corpus).to_dict()
    flows = data["series"]["events"]
    assert {(r["year"], r["pair"]) for r in flows} >= {(2022, "xy"), (2023, "xy"), (2024, "xz")}
    assert all(2016 <= r["year"] <= 2025 for r in flows)  # the 2012 event is outside the window
    y2023 = next(r for r in flows if r["year"] == 2023 and r["pair"] == "xy")
    assert y2023["by_source"]["gdelt"] >= 1 and y2023["by_source"]["corpus"] >= 1
    assert y2023["n_events"] == sum(y2023[f"quad{q}"] for q in (1, 2, 3, 4))
    xz = next(r for r in flows if r["pair"] == "xz")
    assert xz["quad4"] == 1 and xz["goldstein"] == -8.0
    assert data["data_source"]["events"].startswith("database ")
    assert data["data_source"]["votes"].startswith("built-in copy")  # no votes in this database
    assert any("no UN votes in" in note for note in data["notes"])
    ev = data["events_verdict"]
    assert ev["agrees_with_votes"] in (True, False) and "rests on only" in ev["caveat"]


def test_assessment_events_evidence_ranked_and_counted(corpus: str) -> None:
    data = blocwatch.assess("PAK", "RUS", db=corpus, n_evidence=3).to_dict()
    evidence, counts = data["evidence"], data["evidence_counts"]
    assert len(evidence) == counts["shown"] <= 3
    assert counts["outside_window"] == 1  # the 2012 GDELT row: counted, not shown
    assert [e["relevance"] for e in evidence] == sorted((e["relevance"] for e in evidence), reverse=True)
    assert all(e["documents"] and e["why"] and e["pair"] in ("xy", "xz") for e in evidence)
    texts = [e["text"] for e in evidence + data["undated_evidence"] if e["text"]]
    assert len(texts) == len(set(texts))
    assert counts["undated"] == len(data["undated_evidence"]) or counts["undated_shown"] == 3
    # A later window leaves the earlier events out and says so in the counts.
    later = blocwatch.assess("PAK", "RUS", db=corpus, year_from=2024, year_to=2025).to_dict()
    assert all(e["date"] >= "2024" for e in later["evidence"])
    assert later["evidence_counts"]["outside_window"] > counts["outside_window"]


def test_assessment_events_missing_database_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(blocwatch.StoreError, match="no blocwatch database there"):
        blocwatch.assess("PAK", "RUS", db=str(tmp_path / "nowhere.duckdb"))
