"""Date expressions and their resolution (extract.dates.expressions), without spaCy."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from blocwatch.extract.dates.expressions import DateValue, compatible, find_date_expressions, resolve

PUB = dt.date(2022, 3, 8)  # a Tuesday


def _one(text: str, pub: dt.date | None = PUB, anchor: DateValue | None = None) -> str | None:
    found = find_date_expressions(text)
    assert found, f"no date expression in {text!r}"
    value = resolve(found[0], pub, anchor)
    return None if value is None else f"{value.iso()}/{value.precision}"


@pytest.mark.parametrize(("text", "expected"), [
    ("ON the night of 23 February 2022, he arrived", "2022-02-23/day"),
    ("on February 23, 2022 the talks", "2022-02-23/day"),
    ("a visit on 23-25 February 2022", "2022-02-23/day"),
    ("an agreement was signed in November 2021.", "2021-11/month"),
    ("In 2015, Russia and Pakistan agreed", "2015/year"),
    ("on 27 February", "2022-02-27/day"),
    ("on 1 March", "2022-03-01/day"),
    ("in March", "2022-03/month"),
    ("in 2019-04-02 filings", "2019-04-02/day"),
])
def test_dates_explicit_expressions(text: str, expected: str) -> None:
    assert _one(text) == expected


def test_dates_day_month_after_publication_is_previous_year() -> None:
    assert _one("on 27 December") == "2021-12-27/day"
    assert _one("in November") == "2021-11/month"


def test_dates_weekdays_count_back_from_publication() -> None:
    assert _one("on Sunday") == "2022-03-06/day"
    assert _one("on Wednesday") == "2022-03-02/day"
    assert _one("on Tuesday") == "2022-03-08/day"  # the report's own weekday: that day


def test_dates_publication_relative_expressions() -> None:
    assert _one("yesterday") == "2022-03-07/day"
    assert _one("last week") == "2022-03/month"
    assert _one("last year") == "2021/year"
    assert _one("earlier this month") == "2022-03/month"
    assert _one("two years ago") == "2020/year"


def test_dates_relative_need_their_anchor() -> None:
    assert _one("on Monday", pub=None) is None
    assert _one("last year", pub=None) is None
    assert _one("on 27 February", pub=None) is None
    assert _one("two days later") is None
    assert _one("In 2015, they agreed", pub=None) == "2015/year"


def test_dates_event_relative_expressions() -> None:
    anchor = DateValue(dt.date(2022, 2, 23), "day")
    assert _one("Two days later, they met", anchor=anchor) == "2022-02-25/day"
    assert _one("a day earlier", anchor=anchor) == "2022-02-22/day"
    assert _one("on the same day", anchor=anchor) == "2022-02-23/day"
    assert _one("the next day", anchor=anchor) == "2022-02-24/day"
    assert _one("twelve days after", anchor=anchor) == "2022-03-07/day"


def test_dates_day_offset_from_coarse_anchor_is_unresolved() -> None:
    assert _one("two days later", anchor=DateValue(dt.date(2021, 4, 1), "month")) is None


def test_dates_since_is_no_event_date() -> None:
    assert _one("the first visit since 2012") is None


def test_dates_modal_may_is_not_a_month() -> None:
    assert find_date_expressions("Russia may supply gas in may") == []
    assert [e.text for e in find_date_expressions("They met on 4 May")] == ["4 May"]


def test_dates_quantities_are_not_years() -> None:
    assert find_date_expressions("exports rose by 2000 tonnes") == []
    assert find_date_expressions("in 2015 tonnes of wheat") == []


@given(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2090, 12, 31)),
       st.sampled_from(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]))
def test_dates_weekday_is_within_the_week_before(pub: dt.date, weekday: str) -> None:
    value = resolve(find_date_expressions(f"on {weekday}")[0], pub)
    assert value is not None and value.precision == "day"
    assert 0 <= (pub - value.day).days <= 6
    assert value.day.strftime("%A") == weekday


@given(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2090, 12, 31)))
def test_dates_day_month_never_far_after_publication(pub: dt.date) -> None:
    text = f"on {pub.day} {pub.strftime('%B')}"
    value = resolve(find_date_expressions(text)[0], pub)
    assert value is not None and value.day == pub


def test_dates_compatibility_by_precision() -> None:
    day = DateValue(dt.date(2022, 2, 23), "day")
    assert compatible(day, DateValue(dt.date(2022, 2, 24), "day"))
    assert not compatible(day, DateValue(dt.date(2022, 2, 26), "day"))
    assert compatible(day, DateValue(dt.date(2022, 2, 1), "month"))
    assert compatible(day, None)
    assert not compatible(DateValue(dt.date(2015, 1, 1), "year"), DateValue(dt.date(2014, 1, 1), "year"))


def test_dates_sentence_final_full_stop_is_not_part_of_a_month() -> None:
    found = find_date_expressions("The leader was killed near Vancouver in June.")
    assert [e.text for e in found] == ["in June"]
    found = find_date_expressions("They met in Sept. 2021 in Rome.")
    assert found[0].text.startswith("Sept.")


def test_dates_month_day_with_may_or_march_when_capitalised() -> None:
    assert _one("Chile recalled its envoy on March 2.") == "2022-03-02/day"
    assert _one("The ministers met on May 14.", pub=dt.date(2023, 6, 1)) == "2023-05-14/day"
    assert find_date_expressions("Talks may 3 times fail.") == []
    assert find_date_expressions("March 4 miles north.") == []


def test_dates_month_of_that_year_takes_the_anchor_year() -> None:
    anchor = DateValue(dt.date(2023, 3, 1), "month")
    assert _one("In August of that year the group met", anchor=anchor) == "2023-08/month"
    assert _one("in May that year", anchor=DateValue(dt.date(2019, 1, 1), "year")) == "2019-05/month"
    assert _one("In August of that year", anchor=None) is None   # never the publication year


def test_dates_next_and_later_this_look_forward_from_publication() -> None:
    # A planned event's date ("will host Iran next month"); December's next month is January.
    assert _one("next month") == "2022-04/month"
    assert _one("next year") == "2023/year"
    assert _one("later this year") == "2022/year"
    assert _one("next month", pub=dt.date(2022, 12, 20)) == "2023-01/month"
    assert _one("next month", pub=None) is None


def test_dates_that_year_and_that_month_take_the_anchor() -> None:
    april = DateValue(dt.date(2017, 4, 12), "day")
    assert _one("later that year", anchor=april) == "2017/year"
    assert _one("That month", anchor=april) == "2017-04/month"
    assert _one("that month", anchor=DateValue(dt.date(2017, 1, 1), "year")) is None   # finer than the anchor
    assert _one("later that year") is None                                              # no anchor, no date
    assert not find_date_expressions("that year's summit")
