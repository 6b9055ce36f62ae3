"""Merging the mentions of one happening into one event.

    merge(events, paragraph_of=None) -> list[Event]
"""

from __future__ import annotations

import datetime as dt

from blocwatch.extract import coding
from blocwatch.extract.dates import expressions as datemod
from blocwatch.extract.dates.expressions import DateValue
from blocwatch.records import Event

#: verbal events: repeated wording is rarely one happening unless the dates say so
SPEECH_ACTS = frozenset({"ACCUSE", "REQUEST", "SUPPORT", "REJECT", "THREATEN", "PROTEST"})


def _value_of(event: Event) -> DateValue | None:
    if not event.date or not event.date_precision:
        return None
    parts = [int(p) for p in event.date.split("-")] + [1, 1]
    return DateValue(dt.date(parts[0], parts[1], parts[2]), event.date_precision)


def merge(events: list[Event], paragraph_of: dict[int, int] | None = None) -> list[Event]:
    """One happening mentioned several times is one event: same type, parties (either way
    round for symmetric types), polarity, and compatible dates."""
    merged: list[Event] = []
    # only events of one type and polarity can merge: compare within those (in the order
    # kept, so the first match is the same as in the whole list), not with every event
    kept_by_kind: dict[tuple[str, bool], list[Event]] = {}
    for event in events:
        kind = kept_by_kind.setdefault((event.event, event.negated), [])
        target = next((kept for kept in kind if _same_happening(kept, event, paragraph_of or {})), None)
        if target is None:
            merged.append(event)
            kind.append(event)
            continue
        if event.evidence[0] not in target.evidence:
            target.evidence.append(event.evidence[0])
        target.confidence = round(min(0.95, max(target.confidence, event.confidence) + 0.05), 2)
        new, old = _value_of(event), _value_of(target)
        if new is not None and (old is None or _finer(new, old)):
            target.date, target.date_precision = event.date, event.date_precision
        if target.modality != "asserted" and event.modality == "asserted":
            target.modality = "asserted"
        if target.mode is None and event.mode is not None:
            target.mode = event.mode
    return merged


def _finer(a: DateValue, b: DateValue) -> bool:
    order = {"day": 0, "month": 1, "year": 2}
    return order[a.precision] < order[b.precision]


def _same_happening(a: Event, b: Event, paragraph_of: dict[int, int]) -> bool:
    if a.event != b.event or a.negated != b.negated:
        return False
    if (a.modality == "hypothetical") != (b.modality == "hypothetical"):
        return False
    dated_a, dated_b = _value_of(a), _value_of(b)
    if a.mode != b.mode and a.start != b.start:
        return False   # a visit and later talks during it are two events; one sentence, one
    if (dated_a is None or dated_b is None) and a.start != b.start:
        if a.event in SPEECH_ACTS:
            return False   # two undated accusations are usually two, unless in one sentence
        if a.mode is None and _TRIGGERS.get(id(a)) != _TRIGGERS.get(id(b)):
            return False   # undated: only the same kind of happening ("visit" and "visited")
        if a.mode is None and paragraph_of.get(id(a)) != paragraph_of.get(id(b)):
            return False   # "agreed" here and "agreed" three paragraphs on: two agreements
    same = (a.actor, a.recipient) == (b.actor, b.recipient)
    swapped = (a.actor, a.recipient) == (b.recipient, b.actor) and coding.is_symmetric(a.event)
    if not (same or swapped):
        return False
    return datemod.compatible(dated_a, dated_b, days=1)


#: id(event) -> trigger lemma, for events not yet merged
_TRIGGERS: dict[int, str] = {}
