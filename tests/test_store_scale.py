"""Extraction in worker processes and on a real Dask cluster, written through one writer:
the stored corpus equals a single-process run."""

from __future__ import annotations

from pathlib import Path

import pytest

from blocwatch.store import open_store
from store_testdata import pg_target, write_corpus  # noqa: F401 - fixture


def _run(db: Path, paths: list[str], **options: object) -> tuple[dict, list]:
    with open_store(str(db)) as store:
        summary = store.ingest(paths, progress=False, **options)  # type: ignore[arg-type]
        assert summary.stored == len(paths) and not summary.failed
        return store.counts(), store.events(as_="records")


@pytest.mark.slow
def test_store_scale_workers_and_dask_cluster_match_one_process(tmp_path: Path) -> None:
    from distributed import LocalCluster

    paths = [str(p) for p in write_corpus(tmp_path / "corpus", 4)]
    single = _run(tmp_path / "one.duckdb", paths)
    assert _run(tmp_path / "two.duckdb", paths, workers=2) == single
    with LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None) as cluster:
        assert _run(tmp_path / "dask.duckdb", paths, cluster=cluster.scheduler_address) == single


@pytest.mark.slow
@pytest.mark.postgres
def test_store_scale_two_writers_on_postgres(tmp_path: Path, pg_target: str) -> None:  # noqa: F811
    """Several writers need PostgreSQL (DuckDB allows one writer: see the lock test)."""
    import os
    import subprocess
    import sys

    db_target = pg_target
    paths = [str(p) for p in write_corpus(tmp_path / "corpus", 12)]
    halves = [paths[:8], paths[4:]]  # overlapping on purpose: four documents offered by both
    writers = [subprocess.Popen([sys.executable, "-m", "blocwatch", "ingest", *half, "--db", db_target],
                                stderr=subprocess.PIPE, text=True, env=dict(os.environ)) for half in halves]
    for writer in writers:
        assert writer.wait(timeout=300) == 0, writer.stderr.read() if writer.stderr else ""
    concurrent = open_store(db_target)
    try:
        counts, events = concurrent.counts(), concurrent.events(as_="records")
    finally:
        concurrent.close()
    assert (counts, events) == _run(tmp_path / "single.duckdb", paths)
