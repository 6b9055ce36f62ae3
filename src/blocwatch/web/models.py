"""The API's response shapes (documented in /openapi.json)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


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
    doc: str | None = Field(None, description="the document's title or file name")
    doc_id: int | None = Field(None, description="GET /doc/{doc_id}?start=&end= shows it with the span marked")
    start: int | None = None
    end: int | None = None


class EvidenceRow(BaseModel):
    """One stored event with where its reports stand (at most five listed; ``mentions`` counts all)."""

    id: str | None = None
    date: str | None = None
    date_precision: str | None = None
    actor: str | None = None
    recipient: str | None = None
    event: str | None = None
    cameo: str | None = None
    quad: int | None = None
    goldstein: float | None = None
    negated: bool = False
    modality: str | None = None
    text: str | None = Field(None, description="the evidence sentence")
    start: int | None = None
    end: int | None = None
    confidence: float | None = None
    doc: str | None = Field(None, description="the first document's title or file name")
    doc_id: int | None = None
    mentions: int = 1
    sources: int | None = None
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


class AssessResponse(BaseModel):
    """`blocwatch assess X Y --format json` (CONTRACT section 6); more fields than listed here."""

    model_config = ConfigDict(extra="allow")
    x: str
    y: str
    versus: str | None = None
    verdict: str = Field(description="toward, away, no clear change or insufficient data")
    confidence: float | None = None
    change_year: int | None = None
    mover: str | None = None


class Country(BaseModel):
    iso3: str
    name: str


class ErrorResponse(BaseModel):
    detail: str = Field(description="what went wrong, in one sentence")
