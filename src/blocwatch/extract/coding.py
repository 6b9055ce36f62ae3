"""PLOVER event type, mode and context -> CAMEO code, quad class and Goldstein value, read
from the reference tables data/plover_cameo.csv (event,mode,cameo,context), data/cameo.csv
(code,label,goldstein,quad,...) and data/plover.json (the modes of each type)."""

from __future__ import annotations

import csv
import functools
import io
import json
from dataclasses import dataclass
from importlib import resources

#: types whose two parties can be read either way round (talks, agreements, trade)
SYMMETRIC_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE"})


@dataclass(frozen=True, slots=True)
class Coding:
    cameo: str | None
    quad: int | None
    goldstein: float | None


def is_symmetric(event: str) -> bool:
    return event in SYMMETRIC_TYPES


def _data(name: str) -> str:
    return resources.files("blocwatch.extract").joinpath(f"data/{name}").read_text(encoding="utf-8")


@functools.cache
def _known_modes() -> dict[str, frozenset[str]]:
    plover = json.loads(_data("plover.json"))
    return {entry["event"]: frozenset(m["mode"] for m in entry.get("modes", [])) for entry in plover["events"]}


@functools.cache
def _plover_rows() -> dict[tuple[str, str, str], str]:
    """(event, mode, context) -> CAMEO code; mode and context '' for the defaults."""
    rows = csv.DictReader(io.StringIO(_data("plover_cameo.csv")))
    table: dict[tuple[str, str, str], str] = {}
    for row in rows:
        key = (row["event"], row["mode"] or "", row.get("context") or "")
        table.setdefault(key, row["cameo"])
    return table


@functools.cache
def _cameo() -> dict[str, tuple[float, int]]:
    rows = csv.DictReader(io.StringIO(_data("cameo.csv")))
    return {row["code"]: (float(row["goldstein"]), int(row["quad"])) for row in rows}


def plover_mode(event: str, mode: str | None) -> str | None:
    """The mode if PLOVER (or the project's documented additions) lists it for the type."""
    if mode is None:
        return None
    return mode if mode in _known_modes().get(event, frozenset()) else None


def code_event(event: str, mode: str | None, contexts: tuple[str, ...] = (), future: bool = False) -> Coding:
    """The closest CAMEO code for a PLOVER event: the (mode) row, else the future-intent row
    of the context for announced events, else the type's row for the context, else the type's."""
    table = _plover_rows()
    keys: list[tuple[str, str, str]] = []
    if mode and plover_mode(event, mode):
        keys.append((event, mode, ""))
    if future:
        keys += [(event, "future", context) for context in contexts] + [(event, "future", "")]
    keys += [(event, "", context) for context in contexts] + [(event, "", "")]
    for key in keys:
        code = table.get(key)
        if code is not None and code in _cameo():
            goldstein, quad = _cameo()[code]
            return Coding(code, quad, goldstein)
    return Coding(None, None, None)
