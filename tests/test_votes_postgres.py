"""The vote tables, import and agreement on PostgreSQL (BLOCWATCH_TEST_PG), in a private schema."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest

from blocwatch.analyze.agreement import agreement_matrix, align
from blocwatch.analyze.votes import import_votes, load_votes
from blocwatch.store.db import connect
from skips import NO_POSTGRES
from votes_testdata import needs_unga, plain_dyad_by_session

PG = os.environ.get("BLOCWATCH_TEST_PG")
pytestmark = [pytest.mark.postgres,
              pytest.mark.skipif(not PG, reason=NO_POSTGRES)]


@pytest.fixture()
def pg_url():
    import psycopg

    schema = f"votes_test_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(PG, autocommit=True) as admin:
        admin.execute(f"CREATE SCHEMA {schema}")
    sep = "&" if "?" in PG else "?"
    yield f"{PG}{sep}options=-csearch_path%3D{schema}"
    with psycopg.connect(PG, autocommit=True) as admin:
        admin.execute(f"DROP SCHEMA {schema} CASCADE")


@needs_unga
def test_votes_postgres_real_import_idempotent_and_exact(pg_url: str) -> None:
    from votes_testdata import UNGA

    with connect(pg_url) as db:
        first = import_votes(db, UNGA)
        second = import_votes(db, UNGA)
        assert first.ok and second.ok
        assert first.stored("votes") == 982_332 and second.stored("votes") == 0 and second.stored("roll_calls") == 0
        assert dict(db.query("SELECT iso3, vote FROM votes WHERE rcid = 100177 AND iso3 IN ('USA','RUS','PAK')")) == {
            "USA": 1, "RUS": 3, "PAK": 2}
        frame = align(db, "PAK", "RUS")
        want = plain_dyad_by_session("PAK", "RUS")
        for row in frame.itertuples(index=False):
            assert row.n_votes == want[row.session]["n_votes"]
            assert abs(row.agree - want[row.session]["agree"]) < 1e-12
        matrix = agreement_matrix(db, 80, 80)
        got = matrix[(matrix["a"] == "PAK") & (matrix["b"] == "USA")].iloc[0]
        assert abs(got["agree"] - plain_dyad_by_session("PAK", "USA")[80]["agree"]) < 1e-12


def test_votes_postgres_bad_file_stores_nothing(pg_url: str, tmp_path: Path) -> None:
    (tmp_path / "roll_calls.csv").write_text("rcid,session,date\n1,76,2022-03-02\n")
    (tmp_path / "votes.csv").write_text("rcid,country_iso3,vote\n1,USA,yes\n1,RUS,nein\n")
    reported: list[str] = []
    with connect(pg_url) as db:
        assert not import_votes(db, tmp_path, report=reported.append).ok
        assert db.query("SELECT count(*) FROM votes")[0][0] == 0
        assert db.query("SELECT rcid, session FROM roll_calls") == [(1, 76)]
        (tmp_path / "votes.csv").write_text("rcid,country_iso3,vote\n1,USA,yes\n1,RUS,no\n")
        assert import_votes(db, tmp_path).ok
        assert sorted(load_votes(db)[["iso3", "vote"]].itertuples(index=False, name=None)) == [("RUS", 3), ("USA", 1)]
    assert "votes.csv:3: unknown vote code 'nein'" in reported
