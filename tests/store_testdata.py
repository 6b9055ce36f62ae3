"""Shared helpers of the store tests: backends (DuckDB file, PostgreSQL schema), events, documents."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from blocwatch.records import Document, Event
from skips import NO_POSTGRES

PG = os.environ.get("BLOCWATCH_TEST_PG")
ROOT = Path(__file__).resolve().parents[1]
SAMPLE_SENTENCES = (
    "Pakistan's Prime Minister Imran Khan met Russian President Vladimir Putin in Moscow on {day} February 2022.",
    "Russia accused Ukraine of shelling civilians on {day} March 2022.",
    "China and India held talks in Beijing on {day} May 2023.",
    "Indian officials criticised Pakistan on {day} June 2023.",
)


@pytest.fixture(params=["duckdb", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_target(request: Any, tmp_path: Path) -> Iterator[str]:
    """A fresh database on each backend: a DuckDB file, or a private PostgreSQL schema."""
    if request.param == "duckdb":
        yield str(tmp_path / "corpus.duckdb")
        return
    yield from _pg_schema()


@pytest.fixture()
def pg_target() -> Iterator[str]:
    """A private PostgreSQL schema (skipped, with the reason, without BLOCWATCH_TEST_PG)."""
    yield from _pg_schema()


def _pg_schema() -> Iterator[str]:
    if not PG:
        pytest.skip(NO_POSTGRES)
    import psycopg

    schema = f"store_test_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(PG, autocommit=True) as admin:
        admin.execute(f"CREATE SCHEMA {schema}")
    sep = "&" if "?" in PG else "?"
    yield f"{PG}{sep}options=-csearch_path%3D{schema}"
    with psycopg.connect(PG, autocommit=True) as admin:
        admin.execute(f"DROP SCHEMA {schema} CASCADE")


def document(name: str, text: str | None = None, pub_date: str | None = "2022-03-08") -> Document:
    return Document(path=name, text=text or f"Text of {name}. It reports events.", pub_date=pub_date)


def event(doc: str, actor: str | None = "PAK", recipient: str | None = "RUS", kind: str = "CONSULT",
          date: str | None = "2022-02-24", precision: str | None = "day", **extra: Any) -> Event:
    quads = {"CONSULT": 1, "AGREE": 1, "COOPERATE": 2, "ACCUSE": 3, "THREATEN": 3, "ASSAULT": 4, "SANCTION": 4}
    text = extra.pop("text", f"{actor} {kind} {recipient} on {date} ({doc}).")
    values: dict[str, Any] = dict(doc=doc, actor=actor, recipient=recipient, event=kind, text=text, start=0,
                                  end=len(text), quad=quads.get(kind, 1), goldstein=1.0 if quads.get(kind, 1) < 3
                                  else -5.0, cameo="040", date=date, date_precision=precision if date else None,
                                  confidence=0.7)
    values.update(extra)
    return Event(**values)


def write_corpus(folder: Path, n: int) -> list[Path]:
    """``n`` small news documents built from sample sentences, each with its own wording."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        sentence = SAMPLE_SENTENCES[i % len(SAMPLE_SENTENCES)].format(day=1 + (i // len(SAMPLE_SENTENCES)) % 27)
        path = folder / f"doc{i:04d}.txt"
        path.write_text(f"{sentence}\n\nThis is report number {i} in the test corpus.\n", encoding="utf-8")
        paths.append(path)
    return paths
