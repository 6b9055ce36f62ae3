"""Publication dates from datelines and header lines, and only from the header area."""

from __future__ import annotations

import pytest

from blocwatch.errors import UsageError
from blocwatch.ingest import document_from_text
from blocwatch.ingest.dateline import find_dateline

BODY = "Russia and Pakistan agreed to build a pipeline, officials said on Tuesday."


@pytest.mark.parametrize(
    ("header", "date", "source"),
    [
        ("MOSCOW, 10 July 2024 - " + BODY, "2024-07-10", "dateline"),
        ("MOSCOW, 10 July 2024 – " + BODY, "2024-07-10", "dateline"),
        ("ISLAMABAD (Reuters), March 3, 2022 — " + BODY, "2022-03-03", "dateline"),
        ("NEW DELHI, Feb. 3rd, 2023: " + BODY, "2023-02-03", "dateline"),
        ("Ankara, 1 Sept 2024 - " + BODY, "2024-09-01", "dateline"),
        ("Published: 2024-07-10\n\n" + BODY, "2024-07-10", "header"),
        ("Posted on July 10, 2024 by Jane Roe\n\n" + BODY, "2024-07-10", "header"),
        ("Updated 3 March 2022\n\n" + BODY, "2022-03-03", "header"),
        ("Wednesday, July 10, 2024 10:32 AM\n\n" + BODY, "2024-07-10", "header"),
        ("Russia and Pakistan Draw Closer\n\n10 July 2024\n\n" + BODY, "2024-07-10", "header"),
        ("Updated 5 March 2022\n\nFirst published 3 March 2022\n\n" + BODY, "2022-03-03", "header"),
        ("By Jane Roe | July 10, 2024 | 5 min read\n\n" + BODY, "2024-07-10", "header"),
        ("Analysis · 10 July 2024 · Updated 11 July 2024\n\n" + BODY, "2024-07-10", "header"),
        ("WASHINGTON (Reuters) - Jan. 5, 2023 -- " + BODY, "2023-01-05", "dateline"),
        ("KYIV — 24 February 2022 — " + BODY, "2022-02-24", "dateline"),
        ("By Jane Roe\nJanuary 5, 2023\n\n" + BODY, "2023-01-05", "header"),
        ("By Jane Roe and John Doe, 5 January 2023 10:30 GMT\n\n" + BODY, "2023-01-05", "header"),
    ],
)
def test_dateline_found(header: str, date: str, source: str) -> None:
    document = document_from_text(header)
    assert (document.pub_date, document.pub_date_source) == (date, source)


@pytest.mark.parametrize(
    "text",
    [
        "Moscow, July 10 (Reuters) - " + BODY,                       # no year: nothing guessed
        "ON THE night of 23 February 2022, Pakistan's Prime Minister arrived in Moscow.",
        "MOSCOW, 31 February 2024 - " + BODY,                         # not a real day
        "In 2015, Russia and Pakistan agreed to build a pipeline.",
        "Published: 10/07/2024\n\n" + BODY,                          # day/month order unknown
        "By Jane Roe\n\nJanuary 5, 2023 was the day " + BODY,         # a sentence, not a header line
        "Russia said - 10 July 2024 - that " + BODY,                 # not a place in capitals
    ],
)
def test_dateline_not_found(text: str) -> None:
    document = document_from_text(text)
    assert document.pub_date is None and document.pub_date_source is None


def test_dateline_deep_in_body_is_not_a_dateline() -> None:
    paragraphs = [f"Paragraph {n} says something about the talks." for n in range(12)]
    paragraphs.append("MOSCOW, 10 July 2024 - this is a quoted old report.")
    paragraphs.append("10 July 2024")
    assert find_dateline(paragraphs) is None
    assert document_from_text("\n\n".join(paragraphs)).pub_date is None


def test_dateline_date_option_wins() -> None:
    document = document_from_text("MOSCOW, 10 July 2024 - " + BODY, date="2024-07-12")
    assert (document.pub_date, document.pub_date_source) == ("2024-07-12", "option")


@pytest.mark.parametrize("bad", ["2024-13-01", "10 July 2024", "2024-7-1", "tomorrow"])
def test_dateline_bad_date_option_is_a_usage_error(bad: str) -> None:
    with pytest.raises(UsageError, match="YYYY-MM-DD"):
        document_from_text(BODY, date=bad)
