"""top_partners on a small hand-made session: ties broken by name, min_votes, default compare."""

from __future__ import annotations

from pathlib import Path

import pytest

from blocwatch.analyze.agreement import top_partners
from blocwatch.analyze.votes import import_votes, load_votes
from blocwatch.errors import AnalysisError
from blocwatch.store.db import connect


@pytest.fixture()
def db(tmp_path: Path):
    calls = ["rcid,session,date"] + [f"{r},{77 if r <= 12 else 67},2022-12-0{1 + r % 9}" for r in range(1, 25)]
    (tmp_path / "roll_calls.csv").write_text("\n".join(calls) + "\n")
    rows = ["rcid,country_iso3,country,vote"]
    for r in range(1, 25):
        rows += [f"{r},PAK,Pakistan,yes", f"{r},CHN,China,yes", f"{r},IND,India,yes",  # CHN and IND tie at 1.0
                 f"{r},USA,United States,{'no' if r <= 12 else 'abstain'}", f"{r},FRA,France,abstain"]
        if r <= 3:
            rows.append(f"{r},NRU,Nauru,yes")  # too few votes to rank
    (tmp_path / "votes.csv").write_text("\n".join(rows) + "\n")
    database = connect(str(tmp_path / "db.duckdb"))
    assert import_votes(database, tmp_path).ok
    yield database
    database.close()


def test_agreement_top_ties_by_name_and_min_votes(db) -> None:
    top = top_partners(db, "Pakistan", 77, k=2)
    closest = top[top["side"] == "closest"]
    assert list(closest["iso3"]) == ["CHN", "IND"]  # equal agree: China before India
    farthest = top[top["side"] == "farthest"]
    assert list(farthest["iso3"]) == ["USA", "FRA"] and list(farthest["agree"]) == [0.0, 0.5]
    assert "NRU" not in set(top["iso3"])
    assert set(top["compare_session"]) == {67}  # default: 10 sessions earlier
    usa = farthest.set_index("iso3").loc["USA"]
    assert usa["agree_compare"] == 0.5 and usa["change"] == -0.5
    with_nauru = top_partners(db, "PAK", 77, k=5, min_votes=3)
    assert with_nauru[with_nauru["side"] == "closest"]["iso3"].tolist()[:3] == ["CHN", "IND", "NRU"]


def test_agreement_top_session_without_votes(db) -> None:
    with pytest.raises(AnalysisError, match="no common votes"):
        top_partners(db, "PAK", 50)


def test_agreement_load_votes_filters(db) -> None:
    votes = load_votes(db, from_session=77, to_session=77, countries=["PAK", "USA"])
    assert set(votes["session"]) == {77} and set(votes["iso3"]) == {"PAK", "USA"} and len(votes) == 24
    # Every roll call here is contested (USA or FRA differ), so nothing is dropped.
    assert len(load_votes(db, contested=True)) == len(load_votes(db))
