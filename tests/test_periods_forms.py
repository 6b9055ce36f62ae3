"""--from/--to: one parser, the same forms in every command (analyze/periods.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from blocwatch.analyze.periods import parse_period, parse_range, session_in_progress
from blocwatch.errors import UsageError


def test_periods_forms_year_month_day_session() -> None:
    year = parse_period("2022")
    assert (year.first_day, year.last_day, year.sessions) == (dt.date(2022, 1, 1), dt.date(2022, 12, 31), (77, 77))
    month = parse_period("2024-02")
    assert (month.first_day, month.last_day, month.sessions) == (dt.date(2024, 2, 1), dt.date(2024, 2, 29), (78, 78))
    day = parse_period("2022-09-20")
    assert (day.first_day, day.sessions, day.years) == (dt.date(2022, 9, 20), (77, 77), (2022, 2022))
    session = parse_period("session:77")
    assert (session.first_day, session.last_day, session.years) == (dt.date(2022, 9, 1), dt.date(2023, 8, 31),
                                                                    (2022, 2023))
    assert parse_period("Session 77").sessions == (77, 77)


@pytest.mark.parametrize("text, words", [("77", "write session:77"), ("2022-13", "not a real"),
                                         ("March 2022", "expected a year"), ("session:0", "not a real"),
                                         ("2022-02-30", "not a real")])
def test_periods_forms_bad_forms_name_the_option(text: str, words: str) -> None:
    with pytest.raises(UsageError, match=f"^--to {text!r}: .*{words}"):
        parse_period(text, "--to")


def test_periods_forms_range_in_order() -> None:
    with pytest.raises(UsageError, match="--from 2023 is after --to 2022-06"):
        parse_range("2023", "2022-06")
    first, last = parse_range("session:77", "2023-03")
    assert first is not None and last is not None and first.first_day < last.last_day


@given(st.dates(min_value=dt.date(1946, 9, 1), max_value=dt.date(2100, 12, 31)))  # session 1 on
def test_periods_forms_a_day_lies_in_its_session(day: dt.date) -> None:
    session = parse_period(f"session:{session_in_progress(day)}")
    assert session.first_day <= day <= session.last_day
    assert parse_period(day.isoformat()).sessions == session.sessions
