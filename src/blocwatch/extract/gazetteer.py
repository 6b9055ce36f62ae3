"""Reference data for extraction: countries, organisations, groups, office-holders and the
CAMEO/PLOVER coding tables, read from the files in extract/data/ (see docs/codes.md).

Every loader is cached: the files are read once per process and the records are frozen.
Lookups by name are case-insensitive and ignore a leading "the"."""

from __future__ import annotations

import csv
import datetime as dt
import functools
import json
from collections import defaultdict
from dataclasses import dataclass
from importlib import resources
from typing import Any

from blocwatch.errors import BlocwatchError

#: the last day the office table is complete for: an empty end date means "in office then"
OFFICES_VALID_TO = dt.date(2026, 11, 28)


class ReferenceDataError(BlocwatchError):
    """A reference data file of the package is missing or malformed."""


@dataclass(frozen=True, slots=True)
class Seat:
    text: str
    sector: str
    ambiguous: bool = False


@dataclass(frozen=True, slots=True)
class Country:
    iso3: str
    name: str
    names: tuple[str, ...]
    adjectives: tuple[str, ...]
    demonyms: tuple[str, ...]
    capitals: tuple[str, ...]
    seats: tuple[Seat, ...]
    prefixes: tuple[str, ...]
    ambiguous: tuple[str, ...]   # names here that are also common words or other places


@dataclass(frozen=True, slots=True)
class Collective:
    """An organisation (organisations.json) or a group of states (groups.json)."""

    code: str
    name: str
    names: tuple[str, ...]
    adjectives: tuple[str, ...]
    members: tuple[str, ...] | None
    ambiguous: tuple[str, ...]
    note: str
    seats: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class OfficeTerm:
    iso3: str
    office: str
    person: str
    aliases: tuple[str, ...]
    start: dt.date
    end: dt.date | None          # None: still in office on OFFICES_VALID_TO
    sector: str
    note: str

    def held_on(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class CameoCode:
    code: str
    goldstein: float
    quad: int


@dataclass(frozen=True, slots=True)
class CameoInfo:
    code: str
    label: str
    goldstein: float
    quad: int
    plover_event: str | None
    plover_mode: str | None
    plover_context: str | None


@dataclass(frozen=True, slots=True)
class PloverMapping:
    event: str
    mode: str
    cameo: str
    context: str


def _read(name: str) -> str:
    path = resources.files("blocwatch.extract") / "data" / name
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ReferenceDataError(f"extract/data/{name}: reference data file missing") from exc


def _json(name: str) -> Any:
    try:
        return json.loads(_read(name))
    except json.JSONDecodeError as exc:
        raise ReferenceDataError(f"extract/data/{name}: not valid JSON ({exc})") from exc


def _exists(name: str) -> bool:
    return (resources.files("blocwatch.extract") / "data" / name).is_file()


def _csv(name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(_read(name).splitlines()))


def _key(text: str) -> str:
    """Lookup key: lower case, single spaces, curly apostrophes straightened, no leading 'the'."""
    key = " ".join(text.replace("’", "'").split()).lower()
    return key[4:] if key.startswith("the ") else key


def _date(text: str, where: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise ReferenceDataError(f"extract/data/{where}: bad date {text!r}") from exc


def _day(on: dt.date | str) -> dt.date:
    return on if isinstance(on, dt.date) else dt.date.fromisoformat(on)


@functools.cache
def load_countries() -> tuple[Country, ...]:
    return tuple(
        Country(iso3=rec["iso3"], name=rec["name"], names=tuple(rec.get("names", [])),
                adjectives=tuple(rec.get("adjectives", [])), demonyms=tuple(rec.get("demonyms", [])),
                capitals=tuple(rec.get("capitals", [])),
                seats=tuple(Seat(s["text"], s.get("sector", "GOV"), bool(s.get("ambiguous")))
                            for s in rec.get("seats", [])),
                prefixes=tuple(rec.get("prefixes", [])), ambiguous=tuple(rec.get("ambiguous", [])))
        for rec in _json("countries.json"))


def _collectives(name: str) -> tuple[Collective, ...]:
    return tuple(
        Collective(code=rec["code"], name=rec["name"], names=tuple(rec.get("names", [])),
                   adjectives=tuple(rec.get("adjectives", [])),
                   members=None if rec.get("members") is None else tuple(rec["members"]),
                   ambiguous=tuple(rec.get("ambiguous", [])), note=rec.get("note", ""),
                   seats=tuple(s["text"] for s in rec.get("seats", [])))
        for rec in _json(name))


@functools.cache
def load_organisations() -> tuple[Collective, ...]:
    return _collectives("organisations.json")


@functools.cache
def load_groups() -> tuple[Collective, ...]:
    return _collectives("groups.json")


@functools.cache
def load_offices() -> tuple[OfficeTerm, ...]:
    from blocwatch.extract.actors.lexicon import OFFICE_FILES

    terms = []
    rows = [(name, line, row) for name in OFFICE_FILES if _exists(name)
            for line, row in enumerate(_csv(name), start=2)]
    for name, line, row in rows:
        where = f"{name} line {line}"
        end = row.get("end", "").strip()
        terms.append(OfficeTerm(
            iso3=row["iso3"].strip(), office=row["office"].strip(), person=row["person"].strip(),
            aliases=tuple(a.strip() for a in (row.get("aliases") or "").split(";") if a.strip()),
            start=_date(row["start"].strip(), where), end=_date(end, where) if end else None,
            sector=row.get("sector", "").strip() or "GOV", note=(row.get("note") or "").strip()))
    return tuple(terms)


@functools.cache
def load_cameo() -> dict[str, CameoInfo]:
    return {row["code"]: CameoInfo(code=row["code"], label=row["label"], goldstein=float(row["goldstein"]),
                                   quad=int(row["quad"]), plover_event=row["plover_event"] or None,
                                   plover_mode=row["plover_mode"] or None,
                                   plover_context=row.get("plover_context") or None)
            for row in _csv("cameo.csv")}


@functools.cache
def load_plover() -> dict[str, Any]:
    """plover.json as read: {"events": [...], "contexts": [...], "sectors": [...]}."""
    data: dict[str, Any] = _json("plover.json")
    return data


@functools.cache
def load_plover_cameo() -> tuple[PloverMapping, ...]:
    return tuple(PloverMapping(row["event"], row["mode"], row["cameo"], row.get("context") or "")
                 for row in _csv("plover_cameo.csv"))


def cameo_info(code: str) -> CameoInfo | None:
    return load_cameo().get(code)


def plover_to_cameo(event: str, mode: str | None = None, context: str | None = None) -> CameoCode:
    """The closest CAMEO code for a PLOVER (event, mode[, context]), with its Goldstein value and
    quad. Preference: the mode's row, then the context's row, then the type's default row.
    mode "future" gives the CAMEO 03 (intent) code for AGREE. Raises KeyError for an unknown type."""
    rows = [r for r in load_plover_cameo() if r.event == event]
    if not rows:
        raise KeyError(f"unknown PLOVER event type {event!r}")
    mode = mode or ""
    context = context or ""
    candidates = [r for r in rows if r.mode == mode and r.context == context]
    candidates += [r for r in rows if r.mode == mode and not r.context]
    candidates += [r for r in rows if not r.mode and r.context == context]
    candidates += [r for r in rows if not r.mode and not r.context]
    info = load_cameo()[candidates[0].cameo]
    return CameoCode(info.code, info.goldstein, info.quad)


@functools.cache
def _country_names() -> dict[str, str]:
    index: dict[str, str] = {}
    for country in load_countries():
        forms = [country.name, *country.names, *country.adjectives, *country.demonyms,
                 *country.capitals, *(seat.text for seat in country.seats)]
        for form in forms:
            index.setdefault(_key(form), country.iso3)
    return index


def country_by_name(text: str) -> str | None:
    """ISO3 for a country name, short form, ISO3 code, adjective, demonym, capital or seat
    ("the U.S.", "Pakistani", "the Kremlin"); None when unknown. An ISO3 code counts only in
    upper case ("AND" is Andorra, "and" is nothing)."""
    stripped = text.strip()
    if stripped in _iso3_codes():
        return stripped
    return _country_names().get(_key(text))


@functools.cache
def _iso3_codes() -> frozenset[str]:
    return frozenset(country.iso3 for country in load_countries())


def office_holders(iso3: str | None = None, office: str | None = None,
                   on: dt.date | str | None = None) -> list[OfficeTerm]:
    """Terms matching the filters; ``on`` (a date or YYYY-MM-DD) keeps the terms held that day."""
    day = _day(on) if on is not None else None
    return [t for t in load_offices()
            if (iso3 is None or t.iso3 == iso3) and (office is None or t.office == office)
            and (day is None or t.held_on(day))]


@functools.cache
def person_index() -> dict[str, tuple[OfficeTerm, ...]]:
    """Lower-case person name or alias -> every term of the people it names."""
    index: dict[str, list[OfficeTerm]] = defaultdict(list)
    for term in load_offices():
        for name in {term.person, *term.aliases}:
            index[_key(name)].append(term)
    return {name: tuple(terms) for name, terms in index.items()}
