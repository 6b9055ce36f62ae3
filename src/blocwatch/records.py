"""Typed records that flow one way through the stages:
ingest -> Document/Sentence; extract -> Mention/Event; analyze -> Vote/RollCall."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Precision = Literal["day", "month", "year"]
Modality = Literal["asserted", "future", "hypothetical"]

#: The order of fields in the CONTRACT's event JSON line.
EVENT_FIELDS = (
    "doc", "actor", "recipient", "actor_name", "recipient_name", "actor_sector",
    "recipient_sector", "event", "mode", "context", "cameo", "quad", "goldstein", "date",
    "date_precision", "negated", "modality", "text", "start", "end", "confidence",
)


@dataclass(frozen=True, slots=True)
class Document:
    """One input document after reading and text repair.

    ``text`` is the normalised text: every offset elsewhere refers to it."""

    path: str                      # as given by the user ("-" for stdin)
    text: str
    title: str | None = None
    pub_date: str | None = None    # YYYY-MM-DD, from --date or a dateline/header
    pub_date_source: str | None = None  # "option", "dateline", "header" or None
    format: str = "txt"            # txt, md, html, pdf
    paragraphs: tuple[tuple[int, int], ...] = ()  # (start, end) offsets into text

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Sentence:
    doc: str
    start: int
    end: int
    text: str
    paragraph: int = 0


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of text that names one or more actors.

    ``codes`` has several entries for compounds and groups ("the two sides",
    "the United States and China"); ``kind`` says how it was resolved."""

    start: int                     # character offsets into Document.text
    end: int
    text: str
    codes: tuple[str, ...]         # ISO3 or organisation/group codes
    sector: str | None = None      # PLOVER sector: GOV, MIL, ...
    kind: str = "name"             # name, adjective, capital, seat, person, role, pronoun, group, ...
    person: str | None = None      # canonical person name where a person was resolved


@dataclass(slots=True)
class Event:
    """One who-did-what-to-whom-when event (CONTRACT.md section 1)."""

    doc: str
    actor: str | None
    recipient: str | None
    event: str
    text: str
    start: int
    end: int
    actor_name: str | None = None
    recipient_name: str | None = None
    actor_sector: str | None = None
    recipient_sector: str | None = None
    mode: str | None = None
    context: list[str] = field(default_factory=list)
    cameo: str | None = None
    quad: int | None = None
    goldstein: float | None = None
    date: str | None = None
    date_precision: Precision | None = None
    negated: bool = False
    modality: Modality = "asserted"
    confidence: float = 0.5
    #: every evidence sentence for this happening in the document: (start, end, text)
    evidence: list[tuple[int, int, str]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The CONTRACT's JSON object: every field present, in contract order."""
        data = asdict(self)
        out = {key: data[key] for key in EVENT_FIELDS}
        out["context"] = list(self.context or [])
        return out


@dataclass(frozen=True, slots=True)
class RollCall:
    rcid: int
    session: int
    date: str | None
    year: int | None
    unres: str | None = None
    important: bool = False
    amend: bool | None = None
    para: bool | None = None
    short: str | None = None
    descr: str | None = None
    source: str | None = None
    session_label: str | None = None


@dataclass(frozen=True, slots=True)
class Vote:
    rcid: int
    iso3: str
    vote: int                      # 1 yes, 2 abstain, 3 no
