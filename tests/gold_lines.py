"""What every gold file of the project is checked against (tests of tests/gold, the VOA gold
and the held-out sets): the codes and types the project knows, and the shape of one line."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from blocwatch.extract import gazetteer

PRECISION_OF_LENGTH = {4: "year", 7: "month", 10: "day"}


def known_codes() -> set[str]:
    return ({c.iso3 for c in gazetteer.load_countries()}
            | {o.code for o in gazetteer.load_organisations()}
            | {g.code for g in gazetteer.load_groups()})


def plover_types() -> set[str]:
    return {entry["event"] for entry in gazetteer.load_plover()["events"]}


def gold_rows(path: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    """('file:line', row) for every line of a gold file."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        yield f"{path.name}:{number}", json.loads(line)


def check_gold_line(row: dict[str, Any], where: str, codes: set[str], types: set[str]) -> None:
    """The fields every gold line shares: flags, known codes and types, modality, a date
    whose precision matches its length, and some evidence."""
    assert isinstance(row["core"], bool) and isinstance(row["negated"], bool), where
    assert row["actor"] and set(row["actor"]) <= codes, where
    assert row["recipient"] and set(row["recipient"]) <= codes, where
    assert row["event"] and set(row["event"]) <= types, where
    assert row.get("modality") in (None, "future", "hypothetical"), where
    date, precision = row["date"], row["precision"]
    if date is None:
        assert precision is None, where
    else:
        assert precision == PRECISION_OF_LENGTH[len(date)], where
        dt.date.fromisoformat(date + {4: "-01-01", 7: "-01", 10: ""}[len(date)])
    assert row["evidence"].strip(), where
