"""The web dashboard and JSON API (CONTRACT.md section 4).

Every request opens the database read-only for its own duration, so `blocwatch
ingest` can run between requests and the server never holds a write lock."""

from __future__ import annotations

from importlib import resources
from typing import Any

from fastapi import FastAPI, HTTPException, Query
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel

from blocwatch import __version__
from blocwatch.errors import AnalysisError, BlocwatchError


class VoteRow(BaseModel):
    session: int
    year: int | None = None
    n_votes: int
    agree: float | None = None
    s_score: float | None = None
    kappa: float | None = None
    identical: float | None = None


class MonthRow(BaseModel):
    month: str
    quad1: int = 0
    quad2: int = 0
    quad3: int = 0
    quad4: int = 0
    goldstein: float = 0.0


class ShiftRow(BaseModel):
    session: int
    year: int | None = None
    before: float
    after: float
    direction: str


class DyadResponse(BaseModel):
    a: str
    b: str
    headline: str
    vote_summary: str
    event_summary: str
    source_break_session: int
    votes: list[VoteRow]
    shifts: list[ShiftRow]
    events_per_month: list[MonthRow]
    evidence: list[dict[str, Any]]


def create_app(db: str | None = None) -> FastAPI:
    """The application for one database (a DuckDB path or postgresql:// URL)."""
    from blocwatch import config

    target = db or config.default_db()
    app = FastAPI(
        title="blocwatch",
        version=__version__,
        description="UN vote alignment, events and evidence for pairs of countries.",
    )
    static_dir = resources.files("blocwatch.web") / "static"
    app.mount("/static", StaticFiles(directory=str(static_dir)), name="static")

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def dashboard() -> str:
        return (static_dir / "index.html").read_text(encoding="utf-8")

    @app.get("/api/dyad/{a}/{b}", response_model=DyadResponse, summary="A dyad's alignment and evidence")
    def dyad(
        a: str,
        b: str,
        year_from: int | None = Query(None, alias="from", description="first year"),
        year_to: int | None = Query(None, alias="to", description="last year"),
        evidence: int = Query(10, ge=0, le=100, description="how many evidence events"),
    ) -> dict[str, Any]:
        from blocwatch.analyze.assessment import SOURCE_BREAK_SESSION, assess_dyad

        try:
            result = assess_dyad(target, a, b, year_from=year_from, year_to=year_to, n_evidence=evidence)
        except AnalysisError as exc:
            raise HTTPException(status_code=404, detail=str(exc)) from None
        except BlocwatchError as exc:
            raise HTTPException(status_code=503, detail=str(exc)) from None
        data = result.to_dict()
        data["source_break_session"] = SOURCE_BREAK_SESSION
        return data

    @app.get("/api/countries", summary="Countries with UN votes in the database")
    def countries() -> list[dict[str, Any]]:
        from blocwatch.analyze.assessment import list_countries

        try:
            return list_countries(target)
        except BlocwatchError as exc:
            raise HTTPException(status_code=503, detail=str(exc)) from None

    @app.get("/api/health", summary="Liveness and the database in use")
    def health() -> dict[str, str]:
        return {"status": "ok", "version": __version__}

    return app
