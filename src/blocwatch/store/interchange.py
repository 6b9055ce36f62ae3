"""GDELT 2.0 event files in and out; PLOVER JSON out.

Import: the 61-column tab-separated GDELT 2.0 event export (``*.export.CSV``, plain or
zipped). Each row becomes a report with source ``gdelt`` and doc = its SOURCEURL (or
``FILE:LINE``); its CAMEO EventCode (else EventBaseCode, else EventRootCode) gives the
PLOVER type, mode and context through ``extract/data/cameo.csv``. Rows whose CAMEO code has
no PLOVER type (public statements, 01) are skipped and counted; malformed rows are
reported with their line number and the rest of the file is imported. One file is stored
like one document (by content hash), so importing it twice adds nothing; a file with no
valid row at all (not a GDELT file) is reported as failed and not stored. Rows without
SQLDATE keep MonthYear or Year as a month or year date (``gdelt_rows`` writes them so).

Export: ``gdelt_rows`` fills the 61 columns where the store knows them (see
GDELT_COLUMNS); ``plover_records`` gives PLOVER-style JSON objects (see PLOVER_FIELDS)."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from blocwatch.errors import InputError
from blocwatch.records import Document, Event, Precision
from blocwatch.store.corpus import Store

GDELT_COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code", "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code", "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code", "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
)
_COL = {name: i for i, name in enumerate(GDELT_COLUMNS)}

#: PLOVER JSON fields written by ``plover_records`` (event-level, one object per happening).
PLOVER_FIELDS = ("id", "date", "date_precision", "event_type", "mode", "context", "quad_code", "goldstein",
                 "actor", "actor_name", "actor_country", "actor_sector", "recipient", "recipient_name",
                 "recipient_country", "recipient_sector", "negated", "modality", "text", "source",
                 "mentions", "sources", "confidence")


@dataclass(slots=True)
class GdeltSummary:
    files: int = 0
    already: int = 0
    rows: int = 0
    imported: int = 0
    unmapped: int = 0
    malformed: list[tuple[str, int, str]] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # whole files: (name, reason)

    def line(self) -> str:
        return (f"{self.files} file(s) ({self.already} already imported, {len(self.failed)} failed), {self.rows} "
                f"rows: imported {self.imported}, skipped {self.unmapped} without a PLOVER type, malformed "
                f"{len(self.malformed)}")


def _members(path: Path) -> Iterator[tuple[str, bytes]]:
    try:
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                for name in sorted(archive.namelist()):
                    if not name.endswith("/"):
                        yield f"{path}!{name}", archive.read(name)
        else:
            yield str(path), path.read_bytes()
    except (OSError, zipfile.BadZipFile) as exc:
        raise InputError(path, f"cannot read GDELT file: {exc}") from None


def _code(text: str) -> str | None:
    text = text.strip()
    return text[:3] if len(text) >= 3 and text[:3].isalpha() and text[:3].isupper() else None


def parse_row(cells: list[str], where: str) -> Event | None:
    """One GDELT row as an Event; None when its CAMEO code has no PLOVER type.
    Raises ValueError with the reason for a malformed row."""
    from blocwatch.extract.gazetteer import cameo_info

    if len(cells) != len(GDELT_COLUMNS):
        raise ValueError(f"expected {len(GDELT_COLUMNS)} tab-separated columns, found {len(cells)}")
    if not cells[_COL["GLOBALEVENTID"]].strip().isdigit():
        raise ValueError(f"GLOBALEVENTID {cells[0]!r} is not a number")
    date, precision = _row_date(cells)
    codes = [cells[_COL[c]].strip() for c in ("EventCode", "EventBaseCode", "EventRootCode")]
    infos = [cameo_info(c) for c in codes if c]
    if not infos or infos[0] is None:
        raise ValueError(f"EventCode {codes[0]!r} is not a CAMEO code")
    info = next((i for i in infos if i is not None and i.plover_event), None)
    if info is None or not info.plover_event:
        return None

    def number(name: str, kind: type) -> Any:
        text = cells[_COL[name]].strip()
        try:
            return kind(text) if text else None
        except ValueError:
            raise ValueError(f"{name} {text!r} is not a number") from None

    quad = number("QuadClass", int) or infos[0].quad
    goldstein = number("GoldsteinScale", float)
    url = cells[_COL["SOURCEURL"]].strip()
    return Event(
        doc=url or where, actor=_code(cells[_COL["Actor1CountryCode"]]) or _code(cells[_COL["Actor1Code"]]),
        recipient=_code(cells[_COL["Actor2CountryCode"]]) or _code(cells[_COL["Actor2Code"]]),
        event=info.plover_event, text="", start=0, end=0,
        actor_name=cells[_COL["Actor1Name"]].strip() or None, recipient_name=cells[_COL["Actor2Name"]].strip() or None,
        actor_sector=cells[_COL["Actor1Type1Code"]].strip() or None,
        recipient_sector=cells[_COL["Actor2Type1Code"]].strip() or None,
        mode=info.plover_mode, context=[info.plover_context] if info.plover_context else [],
        cameo=infos[0].code, quad=quad, goldstein=goldstein if goldstein is not None else infos[0].goldstein,
        date=date, date_precision=precision, confidence=0.5,
    )


def _row_date(cells: list[str]) -> tuple[str | None, Precision | None]:
    """SQLDATE as a day; without it (as ``gdelt_rows`` writes month, year and undated
    events) MonthYear as a month, Year as a year, or no date at all."""
    raw_date = cells[_COL["SQLDATE"]].strip()
    month, year = cells[_COL["MonthYear"]].strip(), cells[_COL["Year"]].strip()
    if not (raw_date or month or year):
        return None, None
    try:
        if raw_date:
            return dt.datetime.strptime(raw_date, "%Y%m%d").date().isoformat(), "day"
        if month:
            return dt.datetime.strptime(month, "%Y%m").strftime("%Y-%m"), "month"
        return dt.datetime.strptime(year, "%Y").strftime("%Y"), "year"
    except ValueError:
        shown = raw_date or month or year
        raise ValueError(f"SQLDATE {shown!r} is not a date YYYYMMDD (nor MonthYear YYYYMM or Year YYYY)") from None


def import_gdelt(store: Store, paths: list[str]) -> GdeltSummary:
    summary = GdeltSummary()
    for given in paths:
        try:
            members = list(_members(Path(given)))
        except InputError as exc:
            summary.files += 1
            summary.failed.append((given, exc.reason))
            continue
        for name, data in members:
            summary.files += 1
            digest = "gdelt:" + hashlib.sha256(data).hexdigest()
            if store.has_document(digest):
                summary.already += 1
                continue
            events, keys = [], []
            malformed: list[tuple[str, int, str]] = []
            rows = 0
            text = data.decode("utf-8", errors="replace")
            for number, line in enumerate(io.StringIO(text), start=1):
                line = line.rstrip("\r\n")
                if not line.strip():
                    continue
                rows += 1
                try:
                    event = parse_row(line.split("\t"), f"{name}:{number}")
                except ValueError as exc:
                    malformed.append((name, number, str(exc)))
                    continue
                if event is None:
                    summary.unmapped += 1
                    continue
                events.append(event)
                keys.append(hashlib.sha256(f"gdelt|{line.split(chr(9))[0].strip()}".encode()).hexdigest()[:24])
            if rows == 0 or len(malformed) == rows:
                # Nothing in it is a GDELT row: not stored, so a later run reports it again.
                why = "empty file" if rows == 0 else (
                    f"not a GDELT 2.0 event file (no line has {len(GDELT_COLUMNS)} tab-separated columns)"
                    if all("tab-separated columns" in reason for _, _, reason in malformed)
                    else f"no valid GDELT row ({malformed[0][2]} on line {malformed[0][1]}, ...)")
                summary.failed.append((name, why))
                continue
            summary.rows += rows
            summary.malformed += malformed
            document = Document(path=name, text="", format="gdelt")
            store.add_document(document, events, source="gdelt", content_hash=digest, report_keys=keys)
            summary.imported += len(events)
    return summary


def _countries() -> frozenset[str]:
    from blocwatch.extract.gazetteer import load_countries

    return frozenset(c.iso3 for c in load_countries())


def certainty(record: dict[str, Any]) -> str:
    """``asserted`` for an event stated as having happened, else ``negated`` (it did not),
    ``future`` or ``hypothetical``: what a GDELT row, which states facts, must not pass off
    as one."""
    if record.get("negated"):
        return "negated"
    return str(record.get("modality") or "asserted")


def gdelt_rows(records: list[dict[str, Any]]) -> Iterator[list[str]]:
    """Stored events as GDELT 2.0 rows. GLOBALEVENTID is the event id read as a number;
    SQLDATE/FractionDate only for day dates, MonthYear for day and month dates; country
    codes only for states (organisations stay in Actor1Code); geography and tone empty."""
    countries = _countries()
    for record in records:
        row = [""] * len(GDELT_COLUMNS)
        date, precision = record.get("date"), record.get("date_precision")

        def put(name: str, value: Any, row: list[str] = row) -> None:
            row[_COL[name]] = "" if value is None else str(value)

        put("GLOBALEVENTID", int(record["id"][:15], 16))
        if date:
            put("Year", date[:4])
            if precision in ("day", "month"):
                put("MonthYear", date[:4] + date[5:7])
            if precision == "day":
                day = dt.date.fromisoformat(date)
                put("SQLDATE", day.strftime("%Y%m%d"))
                put("FractionDate", f"{day.year + (day.timetuple().tm_yday - 1) / 365:.4f}")
        for side, prefix in (("actor", "Actor1"), ("recipient", "Actor2")):
            code = record.get(side)
            put(f"{prefix}Code", code)
            put(f"{prefix}Name", record.get(f"{side}_name"))
            put(f"{prefix}CountryCode", code if code in countries else None)
            put(f"{prefix}Type1Code", record.get(f"{side}_sector"))
        cameo = record.get("cameo")
        put("IsRootEvent", 1)
        put("EventCode", cameo)
        put("EventBaseCode", cameo[:3] if cameo else None)
        put("EventRootCode", cameo[:2] if cameo else None)
        put("QuadClass", record.get("quad"))
        put("GoldsteinScale", record.get("goldstein"))
        put("NumMentions", record.get("mentions"))
        put("NumSources", record.get("sources"))
        put("NumArticles", record.get("mentions"))
        put("SOURCEURL", record.get("doc"))
        yield row


def plover_records(records: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Stored events as PLOVER JSON objects (fields: PLOVER_FIELDS)."""
    countries = _countries()
    for record in records:
        yield {
            "id": record["id"], "date": record["date"], "date_precision": record["date_precision"],
            "event_type": record["event"], "mode": record["mode"], "context": list(record["context"] or []),
            "quad_code": record["quad"], "goldstein": record["goldstein"],
            "actor": record["actor"], "actor_name": record["actor_name"],
            "actor_country": record["actor"] if record["actor"] in countries else None,
            "actor_sector": record["actor_sector"],
            "recipient": record["recipient"], "recipient_name": record["recipient_name"],
            "recipient_country": record["recipient"] if record["recipient"] in countries else None,
            "recipient_sector": record["recipient_sector"],
            "negated": record["negated"], "modality": record["modality"], "text": record["text"],
            "source": record["doc"], "mentions": record["mentions"], "sources": record["sources"],
            "confidence": record["confidence"],
        }
