"""One meaning for ``--from`` and ``--to`` in every command.

A period is written as a year (``2022``), a month (``2022-03``), a day (``2022-03-08``) or
a UN General Assembly session (``session:77``). Each command takes what it needs from it:

* days (``events``, ``export``): from the first day of ``--from`` to the last day of ``--to``;
  session N runs from 1 September of 1945 + N to 31 August of the next year;
* sessions (``align``, ``idealpoints``): a year is the session that opened in it (session N
  opens in September of 1945 + N: ``2022`` is session 77), a month or day the session in
  progress then, ``session:N`` itself;
* calendar years (``align --by year``): the years the period touches.

    first, last = parse_range(args.date_from, args.date_to)   # UsageError on bad forms or order
    first.first_day, last.last_day, first.sessions, last.years
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from blocwatch.errors import UsageError

#: The first year of session 1 (session N opens in September of FIRST_YEAR + N).
FIRST_YEAR = 1945
FORMS = "a year (2022), a month (2022-03), a day (2022-03-08) or a session (session:77)"
_FORM = re.compile(r"^(?:(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?|session:(?P<session>\d{1,3}))$")


@dataclass(frozen=True, slots=True)
class Period:
    text: str
    kind: str            # year, month, day or session
    first_day: dt.date
    last_day: dt.date
    sessions: tuple[int, int]   # first and last UNGA session it stands for
    years: tuple[int, int]      # first and last calendar year it touches


def session_in_progress(day: dt.date) -> int:
    return day.year - FIRST_YEAR if day.month >= 9 else day.year - FIRST_YEAR - 1


def parse_period(text: str, option: str = "--from") -> Period:
    """``text`` as a Period; a UsageError naming ``option`` and the accepted forms otherwise."""
    value = (text or "").strip().lower().replace("session ", "session:")
    match = _FORM.match(value)
    if not match:
        hint = ""
        if value.isdigit() and len(value) <= 3:
            hint = f" (a session number? write session:{value})"
        raise UsageError(f"{option} {text!r}: expected {FORMS}{hint}")
    try:
        if match.group("session"):
            session = int(match.group("session"))
            if session < 1:
                raise ValueError
            first = dt.date(FIRST_YEAR + session, 9, 1)
            last = dt.date(FIRST_YEAR + session + 1, 8, 31)
            return Period(text, "session", first, last, (session, session), (first.year, last.year))
        year = int(match.group("year"))
        if match.group("day"):
            day = dt.date(year, int(match.group("month")), int(match.group("day")))
            return Period(text, "day", day, day, (session_in_progress(day),) * 2, (year, year))
        if match.group("month"):
            first = dt.date(year, int(match.group("month")), 1)
            following = dt.date(year + first.month // 12, first.month % 12 + 1, 1)
            last = following - dt.timedelta(days=1)
            return Period(text, "month", first, last, (session_in_progress(first),) * 2, (year, year))
        if year < 1000:
            raise ValueError
        first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
        return Period(text, "year", first, last, (year - FIRST_YEAR, year - FIRST_YEAR), (year, year))
    except ValueError:
        raise UsageError(f"{option} {text!r}: not a real year, month, day or session ({FORMS})") from None


def parse_range(first: str | None, last: str | None) -> tuple[Period | None, Period | None]:
    """``--from`` and ``--to`` parsed and checked to be in order."""
    start = parse_period(first, "--from") if first is not None else None
    end = parse_period(last, "--to") if last is not None else None
    if start is not None and end is not None and start.first_day > end.last_day:
        raise UsageError(f"--from {first} is after --to {last}")
    return start, end


def describe_range(first: Period | None, last: Period | None) -> str:
    """Words for a range in messages: "from 2020", "up to session:77", "from 2020 to 2022"."""
    if first is not None and last is not None:
        return f"from {first.text} to {last.text}"
    if first is not None:
        return f"from {first.text} on"
    if last is not None:
        return f"up to {last.text}"
    return "in any period"
