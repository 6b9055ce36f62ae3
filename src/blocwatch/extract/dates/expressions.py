"""Date expressions in a sentence and their resolution to a calendar date with precision.

Three kinds of expression, resolved against different anchors:

* absolute: "23 February 2022", "November 2021", "in 2015", "27 February" (year from the
  publication date; a day-month later than the publication date means the year before);
* publication-relative: "on Tuesday", "yesterday", "last week", "last year", "earlier this
  month" (counted back from the publication date; unresolved without one), and "next
  month" for a planned event (counted forward);
* event-relative: "two days later", "a day earlier", "the same day", "the next day",
  "later that year", "in August of that year"
  (counted from ``anchor``: the date of the event the sentence names - "two days after the
  vote" - else the date the text last mentioned; extract/dates/attachment.py chooses it).

A weekday equal to the publication weekday is the publication day itself (a report of
Thursday saying "on Thursday" means that day). Nothing is resolved without its anchor:
no date is ever invented."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

Precision = Literal["day", "month", "year"]
Kind = Literal["absolute", "pub", "anchor", "since"]

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "twenty": 20, "thirty": 30,
}

_MONTH = r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_NUM = r"(?P<num>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|twenty|thirty)"
_UNIT = r"(?P<unit>day|week|month|year)s?"

#: (name, compiled pattern); earlier patterns win where matches overlap.
PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<day>[0-3]\d)\b")),
    ("dmy", re.compile(rf"\b{_DAY}(?:\s*[-–]\s*[0-3]?\d)?\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.I)),
    ("mdy", re.compile(rf"\b{_MONTH}\s+{_DAY}(?:\s*[-–]\s*[0-3]?\d)?,?\s+{_YEAR}\b", re.I)),
    ("my", re.compile(rf"\b(?:(?P<part>early|mid|late|end of|beginning of|the end of)[\s-]+)?{_MONTH},?\s+{_YEAR}\b", re.I)),
    ("dm", re.compile(rf"\b{_DAY}(?:\s*[-–]\s*[0-3]?\d)?\s+(?:of\s+)?{_MONTH}(?![\w-])", re.I)),
    ("md", re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?!\s*(?:%|billion|million|per))", re.I)),
    ("since", re.compile(rf"\b(?:since|until|till|by|before)\s+(?:(?:the\s+)?(?:early|mid|late)[\s-]+)?{_YEAR}s?\b", re.I)),
    ("year", re.compile(rf"\b(?P<prep>in|during|of|early|late|mid|throughout)[\s-]+(?:(?:early|late|mid)[\s-]+)?{_YEAR}(?!s|\s*[-–]\s*\d)\b", re.I)),
    ("month_that_year", re.compile(rf"\b{_MONTH}\s+(?:of\s+)?(?:that|the\s+same)\s+year\b", re.I)),
    ("that_unit", re.compile(r"\b(?:(?:later|earlier)\s+(?:in\s+)?)?that\s+(?P<unit>year|month)\b(?!'s)", re.I)),
    ("in_month", re.compile(rf"\b(?:in|during|since|early|late|mid|last|this|of)[\s-]+(?P<pre>last\s+|this\s+)?{_MONTH}(?!\s*\d)(?![\w-])", re.I)),
    ("weekday", re.compile(r"\b(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I)),
    ("yesterday", re.compile(r"\b(?:yesterday|the day before yesterday)\b", re.I)),
    ("today", re.compile(r"\b(?:today|this morning|this afternoon|this evening|tonight)\b", re.I)),
    ("last_unit", re.compile(r"\b(?P<which>last|past|this|earlier this|later this|previous|next|earlier in the|later in the)\s+(?P<unit>week|month|year)\b", re.I)),
    ("ago", re.compile(rf"\b{_NUM}\s+{_UNIT}\s+ago\b", re.I)),
    ("offset", re.compile(rf"\b{_NUM}\s+{_UNIT}\s+(?P<dir>later|earlier|before|after|afterwards)\b", re.I)),
    ("same_day", re.compile(r"\b(?:on\s+)?the\s+(?P<which>same|next|following|previous|preceding)\s+(?P<unit>day|week|month|year)\b", re.I)),
    ("at_the_time", re.compile(r"\bat (?:the|that) time\b", re.I)),
    ("day_before", re.compile(r"\bthe\s+day\s+(?P<dir>before|after)\b(?!\s+(?:the|a|an|his|her|its|their)\b)", re.I)),
]


BOUND_BEFORE = re.compile(r"\b(?:from|until|till|through|by|before|since|starting|effective)\s+(?:the\s+)?$", re.I)


@dataclass(frozen=True, slots=True)
class DateValue:
    day: dt.date
    precision: Precision

    def iso(self) -> str:
        if self.precision == "day":
            return self.day.isoformat()
        if self.precision == "month":
            return f"{self.day.year:04d}-{self.day.month:02d}"
        return f"{self.day.year:04d}"


@dataclass(frozen=True, slots=True)
class DateExpression:
    start: int          # character offsets in the text that was searched
    end: int
    text: str
    pattern: str
    kind: Kind
    groups: dict[str, str | None]


def parse_iso(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def find_date_expressions(text: str) -> list[DateExpression]:
    """Date expressions in ``text``, left to right, without overlaps."""
    found: list[DateExpression] = []
    taken: list[tuple[int, int]] = []
    for name, pattern in PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            end = _without_full_stop(match, end)
            if any(start < b and a < end for a, b in taken):
                continue
            if name in ("year", "since") and _looks_like_quantity(text, end):
                continue
            if name in ("dm", "md") and not _valid_day(match.group("day")):
                continue
            if name in ("in_month",) and match.group("month") == "may" and not match.group("pre"):
                continue  # lower-case "may" is the modal
            if name == "md" and match.group("month").lower() in ("may", "mar", "march") \
                    and (not match.group("month").istitle() or start == 0):
                continue  # "may 3", "march 5 miles", a capital only at the sentence start: the verbs
            taken.append((start, end))
            kind = _kind(name)
            if kind == "absolute" and BOUND_BEFORE.search(text[max(0, start - 12):start]):
                kind = "since"   # "from 1 January", "until 3 July": a limit, not an event date
            found.append(DateExpression(start, end, text[start:end], name, kind, match.groupdict()))
    found.sort(key=lambda e: e.start)
    return found


FULL_MONTHS = frozenset(name.lower() for name in calendar.month_name if name)


def _without_full_stop(match: re.Match[str], end: int) -> int:
    """'in June.' at a sentence end: the full stop ends the sentence, it is no abbreviation
    dot ("Sept.") and no part of the expression (whose last token would be the stop)."""
    groups = match.groupdict()
    if groups.get("month") and match.end("month") == end - 1 and match.group(0).endswith(".") \
            and groups["month"].lower() in FULL_MONTHS:
        return end - 1
    return end


def _looks_like_quantity(text: str, end: int) -> bool:
    """'in 2015 tonnes' is not a year."""
    return bool(re.match(r"\s*(?:%|tonnes|tons|km|people|troops|billion|million|dollars)", text[end:end + 12]))


def _valid_day(day: str | None) -> bool:
    return day is not None and 1 <= int(day) <= 31


def _kind(name: str) -> Kind:
    if name in ("iso", "dmy", "mdy", "my", "year", "dm", "md", "in_month"):
        return "absolute"
    if name in ("weekday", "yesterday", "today", "last_unit", "ago"):
        return "pub"
    if name == "since":
        return "since"
    return "anchor"


def resolve(expr: DateExpression, pub: dt.date | None, anchor: DateValue | None = None) -> DateValue | None:
    """The date ``expr`` denotes, or None when its anchor is missing or it is no event date."""
    g = expr.groups
    name = expr.pattern
    if expr.kind == "since":
        return None
    try:
        if name == "iso":
            return DateValue(dt.date(int(g["year"] or 0), int(g["m"] or 0), int(g["day"] or 0)), "day")
        if name in ("dmy", "mdy"):
            return DateValue(dt.date(int(g["year"] or 0), _month(g), int(g["day"] or 0)), "day")
        if name == "my":
            return DateValue(dt.date(int(g["year"] or 0), _month(g), 1), "month")
        if name in ("year", "since"):
            return DateValue(dt.date(int(g["year"] or 0), 1, 1), "year")
        if name in ("dm", "md"):
            if pub is None:
                return None
            day = dt.date(pub.year, _month(g), int(g["day"] or 0))
            if day > pub + dt.timedelta(days=1):
                day = day.replace(year=pub.year - 1)
            return DateValue(day, "day")
        if name == "in_month":
            if pub is None:
                return None
            month = _month(g)
            year = pub.year if month <= pub.month else pub.year - 1
            if (g.get("pre") or "").strip().lower() == "last" and month >= pub.month:
                year = pub.year - 1
            return DateValue(dt.date(year, month, 1), "month")
    except ValueError:
        return None
    if expr.kind == "since":
        return None
    if expr.kind == "pub":
        return None if pub is None else _resolve_pub(name, g, expr.text.lower(), pub)
    if anchor is None:
        return None
    return _resolve_anchor(name, g, anchor)


def _month(groups: dict[str, str | None]) -> int:
    key = (groups["month"] or "").lower().rstrip(".")
    return MONTHS.get(key) or MONTHS[key[:3]]


def _resolve_pub(name: str, g: dict[str, str | None], text: str, pub: dt.date) -> DateValue | None:
    if name == "weekday":
        back = (pub.weekday() - WEEKDAYS[(g["wd"] or "").lower()]) % 7
        return DateValue(pub - dt.timedelta(days=back), "day")
    if name == "yesterday":
        return DateValue(pub - dt.timedelta(days=2 if "before" in text else 1), "day")
    if name == "today":
        return DateValue(pub, "day")
    if name == "last_unit":
        which = (g["which"] or "").lower()
        unit = (g["unit"] or "").lower()
        if which == "next":   # a planned event's date: "will host Iran next month"
            return _shift(pub, unit, 1)
        step = 0 if which in ("this", "earlier this", "earlier in the", "later this", "later in the") else 1
        return _shift(pub, unit, -step)
    if name == "ago":
        return _shift(pub, (g["unit"] or "").lower(), -_number(g["num"]))
    return None


def _resolve_anchor(name: str, g: dict[str, str | None], anchor: DateValue) -> DateValue | None:
    if name == "offset":
        unit = (g["unit"] or "").lower()
        sign = -1 if (g["dir"] or "").lower() in ("earlier", "before") else 1
        return shift_offset(anchor, unit, sign * _number(g["num"]))
    if name == "same_day":
        which = (g["which"] or "").lower()
        unit = (g["unit"] or "").lower()
        sign = 0 if which == "same" else (1 if which in ("next", "following") else -1)
        return _shift_value(anchor, unit, sign)
    if name == "that_unit":        # "later that year": the year (month) last mentioned
        return _shift_value(anchor, (g["unit"] or "").lower(), 0)
    if name == "at_the_time":
        return anchor
    if name == "month_that_year":   # "in August of that year": the year last mentioned
        return DateValue(dt.date(anchor.day.year, _month(g), 1), "month")
    if name == "day_before":
        return _shift_value(anchor, "day", -1 if (g["dir"] or "").lower() == "before" else 1)
    return None


def _number(text: str | None) -> int:
    text = (text or "1").lower()
    return int(text) if text.isdigit() else NUMBERS.get(text, 1)


def _shift(day: dt.date, unit: str, amount: int) -> DateValue:
    """``amount`` units from ``day``; the precision follows the unit (a week has month precision)."""
    if unit == "day":
        return DateValue(day + dt.timedelta(days=amount), "day")
    if unit == "week":
        return DateValue(day + dt.timedelta(days=7 * amount), "month")
    if unit == "month":
        month_index = day.year * 12 + day.month - 1 + amount
        return DateValue(dt.date(month_index // 12, month_index % 12 + 1, 1), "month")
    return DateValue(dt.date(day.year + amount, 1, 1), "year")


def _shift_value(anchor: DateValue, unit: str, amount: int) -> DateValue | None:
    """Shift an anchor; a shift finer than the anchor's precision is unresolved."""
    order = {"day": 0, "week": 0, "month": 1, "year": 2}
    if order[unit] < order[anchor.precision] or (unit == "week" and anchor.precision != "day"):
        return None
    shifted = _shift(anchor.day, unit, amount)
    if unit in ("day",) or shifted.precision == anchor.precision:
        return shifted
    coarser = max(anchor.precision, shifted.precision, key=lambda p: order[p])
    return DateValue(shifted.day, coarser)


def shift_offset(anchor: DateValue, unit: str, amount: int) -> DateValue | None:
    """'a week after the clash', 'two weeks later': counted weeks from a day are days (seven
    each, day precision), unlike 'the following week' or 'last week' (month precision)."""
    if unit == "week" and anchor.precision == "day":
        return DateValue(anchor.day + dt.timedelta(days=7 * amount), "day")
    return _shift_value(anchor, unit, amount)


def compatible(a: DateValue | None, b: DateValue | None, days: int = 1) -> bool:
    """Can two dates denote the same happening? (None is compatible with anything.)"""
    if a is None or b is None:
        return True
    if a.precision == "day" and b.precision == "day":
        return abs((a.day - b.day).days) <= days
    if "year" in (a.precision, b.precision):
        return a.day.year == b.day.year
    return (a.day.year, a.day.month) == (b.day.year, b.day.month)
