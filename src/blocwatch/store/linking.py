"""One happening, one event: linking reports of the same happening across documents.

Reports are candidates for one happening only when they share the *link key*: actor,
recipient, PLOVER type, negation and modality. For the types where both sides act
together (CONSULT, AGREE, COOPERATE: "Xi met Biden" = "Biden met Xi") the pair is
unordered; for every other type direction matters.

Linking is done in *blocks*: the link key plus the month of the report's date (day and
month precision), its year (year precision), or for an undated report the month it was
published (an undated report without a publication date is a block of its own). A new
document relinks only the blocks of its reports, which stay small however large the
corpus grows, so storing a document costs the same at a thousand stored events and at a
million. The price: a happening never spans two months (reports of 31 January and of
1 February are two happenings), and a year-dated report joins only other reports dated
to that year. Within one block:

1. day-precision reports: in date order, a report joins the open cluster when it lies
   within ``DAY_WINDOW`` days of the cluster's first day, else it opens a new cluster;
2. a month-precision report joins the one cluster with a day in that month; with none
   or several (ambiguous) it joins the other month reports of that month instead;
3. a year-precision report does the same with the clusters of that year;
4. undated reports never join dated ones; they join each other only when their
   documents were published within ``DAY_WINDOW`` days (the same news cycle).

The result depends only on the set of reports, never on the order they were stored: the
clusters are recomputed for every key a new document touches, from a canonical order.
The representative of a cluster is its report with the finest date, then the highest
confidence, then the smallest report key; the happening's id derives from that key."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field

DAY_WINDOW = 2
SYMMETRIC_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE"})
_PRECISION_RANK = {"day": 0, "month": 1, "year": 2}


def link_key(actor: str | None, recipient: str | None, event: str, negated: bool, modality: str) -> str:
    pair = [actor or "-", recipient or "-"]
    if event in SYMMETRIC_TYPES:
        pair.sort()
    return "|".join([*pair, event, "neg" if negated else "pos", modality])


def link_block(key: str, date: str | None, precision: str | None, pub_date: str | None, report_key: str) -> str:
    """The block a report is linked in (see the module's doc)."""
    if date and precision in ("day", "month"):
        period = date[:7]
    elif date and precision == "year":
        period = date[:4]
    elif pub_date:
        period = f"undated {pub_date[:7]}"
    else:
        period = f"undated {report_key}"
    return f"{key}|{period}"


def date_bounds(date: str | None, precision: str | None) -> tuple[str | None, str | None]:
    """The first and last day a date can mean, as ISO strings."""
    if not date:
        return None, None
    try:
        if precision == "year" or len(date) == 4:
            return f"{date[:4]}-01-01", f"{date[:4]}-12-31"
        if precision == "month" or len(date) == 7:
            first = dt.date(int(date[:4]), int(date[5:7]), 1)
            nxt = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return first.isoformat(), (nxt - dt.timedelta(days=1)).isoformat()
        day = dt.date.fromisoformat(date[:10])
    except ValueError:
        return None, None
    return day.isoformat(), day.isoformat()


@dataclass(slots=True)
class Report:
    """What linking needs to know of one stored report."""

    id: int
    report_key: str
    doc_id: int
    date: str | None
    precision: str | None
    confidence: float
    pub_date: str | None


@dataclass(slots=True)
class Cluster:
    members: list[tuple[Report, str]] = field(default_factory=list)  # (report, why it joined)

    @property
    def reports(self) -> list[Report]:
        return [r for r, _ in self.members]

    def representative(self) -> Report:
        return min(self.reports, key=lambda r: (_PRECISION_RANK.get(r.precision or "", 3), -r.confidence,
                                               r.date or "", r.report_key))

    def happening_id(self) -> str:
        return hashlib.sha256(self.representative().report_key.encode()).hexdigest()[:16]


def _day(text: str) -> dt.date:
    return dt.date.fromisoformat(text[:10])


def cluster_reports(reports: Sequence[Report]) -> list[Cluster]:
    """Clusters of one link key, in a canonical order (see the module's rules)."""
    ordered = sorted(reports, key=lambda r: (r.date or "", r.report_key))
    by_precision: dict[str, list[Report]] = {"day": [], "month": [], "year": [], "none": []}
    for report in ordered:
        precision = report.precision if report.date and report.precision in _PRECISION_RANK else "none"
        by_precision[precision].append(report)

    clusters: list[Cluster] = []
    current: Cluster | None = None
    start: dt.date | None = None
    for report in by_precision["day"]:
        day = _day(report.date or "")
        if current is not None and start is not None and (day - start).days <= DAY_WINDOW:
            current.members.append((report, f"day {report.date} within {DAY_WINDOW} days of {start.isoformat()}"))
        else:
            current, start = Cluster([(report, f"day {report.date} opens the happening")]), day
            clusters.append(current)

    for precision, width in (("month", 7), ("year", 4)):
        coarse: dict[str, Cluster] = {}
        for report in by_precision[precision]:
            period = (report.date or "")[:width]
            matching = [c for c in clusters if any((r.date or "")[:width] == period for r in c.reports
                                                   if _PRECISION_RANK.get(r.precision or "", 3)
                                                   < _PRECISION_RANK[precision])]
            if len(matching) == 1:
                matching[0].members.append((report, f"{precision} {period} contains the only finer-dated happening"))
                continue
            why = "several happenings in that period: kept apart" if matching else "no finer-dated happening"
            if period in coarse:
                coarse[period].members.append((report, f"same {precision} {period} ({why})"))
            else:
                coarse[period] = Cluster([(report, f"{precision} {period} opens the happening ({why})")])
        clusters.extend(coarse[p] for p in sorted(coarse))

    undated = sorted(by_precision["none"], key=lambda r: (r.pub_date or "~", r.report_key))
    current, start = None, None
    for report in undated:
        if report.pub_date and current is not None and start is not None \
                and (_day(report.pub_date) - start).days <= DAY_WINDOW:
            current.members.append((report, f"undated; published {report.pub_date} within {DAY_WINDOW} days "
                                            f"of {start.isoformat()}"))
        else:
            current = Cluster([(report, "undated; opens the happening")])
            start = _day(report.pub_date) if report.pub_date else None
            clusters.append(current)
            if start is None:
                current = None
    return clusters
