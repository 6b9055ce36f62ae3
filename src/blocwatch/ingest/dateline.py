"""The publication date from a document's dateline or header.

Only the header area counts: the first ``HEADER_PARAGRAPHS`` paragraphs of the normalised
text. A date deeper in the body is about an event, not about the document.

* dateline: a place in capitals (optionally "(Reuters)") and a full date before a dash
  or colon: "MOSCOW, 10 July 2024 -", "ISLAMABAD (Reuters), March 3, 2022 —",
  "Moscow, 10 July 2024:", "WASHINGTON (Reuters) - Jan. 5, 2023 --".
* header: a labelled date ("Published: 2024-07-10", "Posted on July 10, 2024",
  "Updated 3 March 2022", "Date: 10/07/2024" is refused as ambiguous), a short
  paragraph that is a date ("10 July 2024", "Wednesday, July 10, 2024 10:32 AM") or a
  byline and a date ("By Jane Roe" / "January 5, 2023" on the next line).
  "Published"/"Posted" beat "Updated" when both are there.

Dates without a year ("Moscow, July 10 (Reuters)") give nothing: no date is guessed.
"""

from __future__ import annotations

import datetime as dt
import re

HEADER_PARAGRAPHS = 8
_SEPARATORS = re.compile(r"\s+[|·•]\s+|\s+[–—]\s+(?=\D)")
_HEADER_CHARS = 160

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9,
    "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11,
    "dec": 12, "december": 12,
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_DATE_FORMS = (
    rf"{_WEEKDAY}{_DAY}\s+{_MONTH},?\s+{_YEAR}",           # 10 July 2024
    rf"{_WEEKDAY}{_MONTH}\s+{_DAY},?\s+{_YEAR}",           # July 10, 2024
    r"(?P<iyear>(?:19|20)\d\d)-(?P<imonth>[01]\d)-(?P<iday>[0-3]\d)(?:[T ][\d:.+Z-]*)?",  # 2024-07-10
)


def _compile_forms(prefix: str, suffix: str) -> list[re.Pattern[str]]:
    return [re.compile(prefix + f"(?:{form})" + suffix, re.IGNORECASE) for form in _DATE_FORMS]


_PLACE = r"(?-i:[A-Z][A-Za-z.'’-]*(?:[ /][A-Z][A-Za-z.'’-]*){0,3})"
_AGENCY = r"(?:\s*\([^()]{1,40}\))?"
_DATELINE = _compile_forms(rf"^\s*{_PLACE}{_AGENCY}\s*(?:,|\s[-–—]{{1,2}})\s*",
                           r"\s*(?:\([^()]{1,40}\)\s*)?(?:[-–—:]|\s-\s)")
_LABEL = (
    r"^\s*(?:(?P<label>first\s+published|published|posted|date(?:d)?|updated|last\s+updated|"
    r"released|issued)\b\s*(?:on|at)?\s*:?\s*)"
)
_LABELLED = _compile_forms(_LABEL, r"\b")
#: After a date that is a header line of its own: an optional time ("10:32 AM GMT") and the end.
_TIME_TAIL = r"(?:\s*(?:,|at|-|\|)?\s*\d{1,2}[:.]\d\d(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?)?\s*\.?\s*$"
_BARE = _compile_forms(r"^\s*", _TIME_TAIL)
# A byline and then the date, once text repair has joined their lines: "By Jane Roe January 5, 2023".
_BYLINE = _compile_forms(r"^\s*by\s+(?-i:[A-Z][A-Za-z.'’-]*(?:\s+(?:and\s+)?[A-Z][A-Za-z.'’-]*){0,5})\s*[,|·•–—-]?\s*",
                         _TIME_TAIL)


def parse_date(match: re.Match[str]) -> str | None:
    """YYYY-MM-DD from a match of one of the date forms, or None when not a real date."""
    groups = match.groupdict()
    try:
        if groups.get("iyear"):
            day = dt.date(int(groups["iyear"]), int(groups["imonth"]), int(groups["iday"]))
        else:
            month = MONTHS[groups["month"].lower().rstrip(".")]
            day = dt.date(int(groups["year"]), month, int(groups["day"]))
    except (ValueError, KeyError, TypeError):
        return None
    return day.isoformat()


def _first(patterns: list[re.Pattern[str]], text: str) -> tuple[str, re.Match[str]] | None:
    for pattern in patterns:
        match = pattern.search(text)
        if match:
            value = parse_date(match)
            if value:
                return value, match
    return None


def dateline_end(paragraph: str) -> int | None:
    """Offset just after a dated dateline that opens the paragraph ("Islamabad, 14 Feb 2022
    (APP):"), else None: its date is the document's, not an event's."""
    found = _first(_DATELINE, paragraph[:_HEADER_CHARS])
    return found[1].end() if found else None


def find_dateline(paragraphs: list[str]) -> tuple[str, str] | None:
    """(YYYY-MM-DD, "dateline" | "header") from the header paragraphs, or None."""
    head = paragraphs[:HEADER_PARAGRAPHS]
    for paragraph in head:
        found = _first(_DATELINE, paragraph[:_HEADER_CHARS])
        if found:
            return found[0], "dateline"
    updated: str | None = None
    for paragraph in head:
        if len(paragraph) > _HEADER_CHARS:
            continue
        # A header line may hold several fields: "By Jane Roe | July 10, 2024 | 5 min read".
        for segment in _SEPARATORS.split(paragraph):
            labelled = _first(_LABELLED, segment)
            if labelled:
                label = (labelled[1].group("label") or "").lower()
                if "updated" in label:
                    updated = updated or labelled[0]
                    continue
                return labelled[0], "header"
            bare = _first(_BARE, segment) or _first(_BYLINE, segment)
            if bare:
                return bare[0], "header"
    if updated:
        return updated, "header"
    return None


def valid_iso_date(value: str) -> bool:
    try:
        dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        return False
    return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", value))
