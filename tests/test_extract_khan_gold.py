"""Quality floor on the shared khan-moscow-2022 gold (../shared/eval): the extractor may not
fall below the level it reached, and it makes no polarity error."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from blocwatch.extract import extract_events
from blocwatch.records import Event
from skips import NO_SHARED

SHARED = Path(__file__).resolve().parents[2] / "shared"
TEXT = SHARED / "corpus" / "khan-moscow-2022.txt"
GOLD = SHARED / "eval" / "gold" / "khan-moscow-2022.jsonl"
#: the level reached, the one floor of tests/gold/floors.json (its "_about" says when and why it moved)
F1_FLOOR = json.loads((Path(__file__).resolve().parent / "gold" / "floors.json").read_text(encoding="utf-8"))["khan"]["f1"]

pytestmark = pytest.mark.skipif(not GOLD.exists(), reason=NO_SHARED)


def _day(text: str) -> dt.date:
    parts = [int(p) for p in text.split("-")] + [1, 1]
    return dt.date(parts[0], parts[1], parts[2])


def _date_fits(event: Event, gold: dict[str, Any]) -> bool:
    if not gold.get("date"):
        return True
    if not event.date:
        return False
    want, have = _day(gold["date"]), _day(event.date)
    order = {"day": 0, "month": 1, "year": 2}
    if order[event.date_precision or "year"] > order[gold["precision"]]:
        return False
    if gold["precision"] == "day":
        return abs((want - have).days) <= 1
    if gold["precision"] == "month":
        return (want.year, want.month) == (have.year, have.month)
    return want.year == have.year


def _fits(event: Event, gold: dict[str, Any], *, polarity: bool = True) -> bool:
    if event.event not in gold["event"]:
        return False
    forward = event.actor in gold["actor"] and event.recipient in gold["recipient"]
    backward = gold.get("symmetric") and event.actor in gold["recipient"] and event.recipient in gold["actor"]
    if not (forward or backward):
        return False
    if polarity and event.negated != gold.get("negated", False):
        return False
    if (gold.get("modality") == "hypothetical") != (event.modality == "hypothetical"):
        return False
    return _date_fits(event, gold)


def _matching(events: list[Event], golds: list[dict[str, Any]]) -> dict[int, int]:
    """Maximum bipartite matching (augmenting paths), core gold lines first."""
    owner: dict[int, int] = {}

    def augment(g: int, seen: set[int]) -> bool:
        for i, event in enumerate(events):
            if i in seen or not _fits(event, golds[g]):
                continue
            seen.add(i)
            if i not in owner or augment(owner[i], seen):
                owner[i] = g
                return True
        return False

    for g in sorted(range(len(golds)), key=lambda g: not golds[g].get("core", True)):
        augment(g, set())
    return owner


@pytest.fixture(scope="module")
def scored() -> tuple[list[Event], list[dict[str, Any]], dict[int, int]]:
    events = extract_events(str(TEXT), date="2022-03-08")
    golds = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    return events, golds, _matching(events, golds)


def test_extract_khan_f1_floor(scored: tuple[list[Event], list[dict[str, Any]], dict[int, int]]) -> None:
    events, golds, owner = scored
    core = [g for g, gold in enumerate(golds) if gold.get("core", True)]
    tp = sum(1 for g in owner.values() if g in core)
    fp = sum(1 for i in range(len(events)) if i not in owner)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / len(core)
    f1 = 2 * precision * recall / (precision + recall) if tp else 0.0
    assert f1 >= F1_FLOOR, f"F1 {f1:.3f} (P {precision:.3f} R {recall:.3f}) below {F1_FLOOR}"


def test_extract_khan_zero_polarity_errors(scored: tuple[list[Event], list[dict[str, Any]], dict[int, int]]) -> None:
    events, golds, owner = scored
    wrong = [e for i, e in enumerate(events) if i not in owner
             and any(_fits(e, gold, polarity=False) for gold in golds)]
    assert wrong == []
