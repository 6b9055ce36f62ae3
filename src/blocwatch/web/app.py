"""The web dashboard and JSON API (CONTRACT.md section 4).

Every request opens the database for its own duration and closes it again, so `blocwatch
ingest` can run between requests: the server holds no lock while idle. Requests are served
one at a time (a lock), since a DuckDB file takes one writer-capable connection."""

from __future__ import annotations

import threading
from importlib import resources
from typing import Any

from fastapi import FastAPI, HTTPException, Query
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field

from blocwatch import __version__
from blocwatch.errors import BlocwatchError, UsageError


class VoteRow(BaseModel):
    session: int
    year: int | None = Field(None, description="year the session opened (1945 + session)")
    n_votes: int = Field(description="roll calls on which both countries voted yes, abstain or no")
    agree: float | None = Field(None, description="Voeten's half-credit agreement, 0 … 1")
    s_score: float | None = None
    kappa: float | None = None
    identical: float | None = None


class MonthRow(BaseModel):
    month: str = Field(description="YYYY-MM")
    events: int = Field(0, description="asserted, not negated events dated to the month or day")
    quad1: int = 0
    quad2: int = 0
    quad3: int = 0
    quad4: int = 0
    goldstein: float = Field(0.0, description="sum of the events' Goldstein values")


class ShiftRow(BaseModel):
    session: int = Field(description="first session of the new level")
    year: int | None = None
    before: float = Field(description="mean agreement over sessions before_from … before_to")
    after: float = Field(description="mean agreement over sessions session … after_to")
    before_from: int
    before_to: int
    after_to: int
    direction: str = Field(description="closer or further apart")


class Report(BaseModel):
    doc: str | None = None
    text: str | None = None
    start: int | None = None
    end: int | None = None


class EvidenceRow(BaseModel):
    """One stored event (as `blocwatch events` prints it) with every report behind it."""

    model_config = ConfigDict(extra="allow")
    id: str | None = None
    date: str | None = None
    actor: str | None = None
    recipient: str | None = None
    event: str | None = None
    quad: int | None = None
    goldstein: float | None = None
    negated: bool = False
    modality: str | None = None
    text: str | None = None
    doc: str | None = None
    mentions: int = 1
    evidence: list[Report] = Field(default_factory=list)


class DyadResponse(BaseModel):
    a: str
    b: str
    name_a: str
    name_b: str
    headline: str
    vote_summary: str
    event_summary: str
    source_break_session: int = Field(description="the vote data change source here; not a shift")
    votes: list[VoteRow]
    shifts: list[ShiftRow]
    events_per_month: list[MonthRow]
    event_totals: dict[str, int] = Field(description="quad1..quad4 and total over all stored events of "
                                                     "the dyad; charted: those in events_per_month")
    evidence: list[EvidenceRow]
    text: str = Field(description="the assessment as `blocwatch assess` prints it")


class Country(BaseModel):
    iso3: str
    name: str


def create_app(db: str | None = None) -> FastAPI:
    """The application for one database (a DuckDB path or postgresql:// URL)."""
    from blocwatch import config

    target = db or config.default_db()
    lock = threading.Lock()
    app = FastAPI(
        title="blocwatch",
        version=__version__,
        description="UN vote alignment, events and evidence for pairs of countries.",
        # Swagger UI and ReDoc load their scripts from a CDN; the server must work offline.
        docs_url=None,
        redoc_url=None,
    )
    static_dir = resources.files("blocwatch.web") / "static"
    app.mount("/static", StaticFiles(directory=str(static_dir)), name="static")

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def dashboard() -> str:
        return (static_dir / "index.html").read_text(encoding="utf-8")

    @app.get("/api/dyad/{a}/{b}", response_model=DyadResponse, summary="A dyad's alignment and evidence",
             responses={404: {"description": "unknown country"}, 400: {"description": "bad request"}})
    def dyad(
        a: str,
        b: str,
        year_from: int | None = Query(None, alias="from", description="first year"),
        year_to: int | None = Query(None, alias="to", description="last year"),
        evidence: int = Query(10, ge=0, le=100, description="how many evidence events"),
    ) -> dict[str, Any]:
        from blocwatch.analyze.assessment import UnknownCountryError, assess_dyad

        try:
            with lock:
                result = assess_dyad(target, a, b, year_from=year_from, year_to=year_to, n_evidence=evidence)
        except UnknownCountryError as exc:
            raise HTTPException(status_code=404, detail=str(exc)) from None
        except UsageError as exc:
            raise HTTPException(status_code=400, detail=str(exc)) from None
        except BlocwatchError as exc:
            raise HTTPException(status_code=503, detail=str(exc)) from None
        data = result.to_dict()
        data["text"] = result.to_text()
        return data

    @app.get("/api/countries", response_model=list[Country],
             summary="Countries with UN votes or stored events in the database")
    def countries() -> list[dict[str, Any]]:
        from blocwatch.analyze.assessment import list_countries

        try:
            with lock:
                return list_countries(target)
        except BlocwatchError as exc:
            raise HTTPException(status_code=503, detail=str(exc)) from None

    @app.get("/api/health", summary="Liveness")
    def health() -> dict[str, str]:
        return {"status": "ok", "version": __version__}

    return app
