"""Score extracted events against hand-coded gold files.

The rules are those of ``shared/eval/README.md``: a system event matches a gold line when
its type is one of the accepted types, its actor and recipient are among the gold codes (in
either direction where the line is ``symmetric``), ``negated`` is equal, hypothetical goes
only with hypothetical, and the date agrees at the gold line's precision. Each gold line is
matched at most once by a maximum bipartite matching that serves core lines first;
non-core lines earn and cost nothing. Unmatched system events are false positives.

    load_gold(path) -> dict[doc name, list[GoldEvent]]      a .jsonl file or a directory
    load_system(path) -> list[SystemEvent]                  `blocwatch extract` JSON Lines
    score(gold, events) -> EvaluationResult                 pure matching, no extraction
    evaluate(gold_path, system=None, docs_dir=None, dates=None) -> EvaluationResult
        runs the extractor over each gold document when no system file is given

Per-type counts: a true positive and a miss count under the gold line's first listed type
(its primary coding), a false positive under the system event's type.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from blocwatch.errors import DataError, InputError, UsageError

#: finer precision ranks higher; a system date must be at least as fine as the gold's
PRECISION_RANK = {"year": 1, "month": 2, "day": 3}
DOCUMENT_SUFFIXES = (".txt", ".md", ".html", ".htm", ".pdf")
DATES_FILE = "dates.json"


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """One hand-coded gold line."""

    id: str
    doc: str                        # document file name (basename)
    core: bool
    actors: tuple[str, ...]
    recipients: tuple[str, ...]
    events: tuple[str, ...]         # accepted PLOVER types, primary first
    date: str | None
    precision: str | None
    negated: bool
    symmetric: bool = False
    hypothetical: bool = False
    date_alts: tuple[str, ...] = ()
    evidence: str = ""
    doc_path: str | None = None     # the "doc" field as written, when it names a path

    @property
    def primary_type(self) -> str:
        return self.events[0] if self.events else "?"

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "doc": self.doc, "core": self.core, "actor": list(self.actors),
                "recipient": list(self.recipients), "event": list(self.events), "date": self.date,
                "precision": self.precision, "negated": self.negated, "symmetric": self.symmetric,
                "hypothetical": self.hypothetical, "evidence": self.evidence}


@dataclass(frozen=True, slots=True)
class SystemEvent:
    """One actor-recipient pair of a system line (a line naming several is expanded)."""

    doc: str
    actor: str
    recipient: str
    event: str
    date: str | None
    precision: str | None
    negated: bool
    modality: str
    text: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"doc": self.doc, "actor": self.actor, "recipient": self.recipient,
                "event": self.event, "date": self.date, "precision": self.precision,
                "negated": self.negated, "modality": self.modality, "text": self.text}


@dataclass(slots=True)
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass(frozen=True, slots=True)
class Miss:
    """A core gold line nothing matched; ``reason`` names the nearest system event's flaw."""

    gold: GoldEvent
    reason: str                     # "not found", "date", "negated", "modality", "type", "direction"

    def to_dict(self) -> dict[str, Any]:
        return {**self.gold.to_dict(), "reason": self.reason}


@dataclass(frozen=True, slots=True)
class FalsePositive:
    """An unmatched system event; ``kind`` is dup, polarity, date, modality or other."""

    event: SystemEvent
    kind: str
    gold_id: str | None = None      # the gold line it would have matched, where there is one

    def to_dict(self) -> dict[str, Any]:
        return {**self.event.to_dict(), "kind": self.kind, "gold_id": self.gold_id}


@dataclass(slots=True)
class DocumentScore:
    doc: str
    counts: Counts = field(default_factory=Counts)
    matched: list[tuple[str, SystemEvent]] = field(default_factory=list)   # (gold id, event)
    misses: list[Miss] = field(default_factory=list)
    false_positives: list[FalsePositive] = field(default_factory=list)
    error: str | None = None        # the document could not be read or extracted

    def count(self, kind: str) -> int:
        return sum(1 for fp in self.false_positives if fp.kind == kind)

    def to_dict(self) -> dict[str, Any]:
        return {"doc": self.doc, **self.counts.to_dict(), "dup": self.count("dup"),
                "polarity": self.count("polarity"), "date_errors": self.count("date"),
                "modality_errors": self.count("modality"), "error": self.error,
                "misses": [m.to_dict() for m in self.misses],
                "false_positives": [f.to_dict() for f in self.false_positives]}


@dataclass(slots=True)
class EvaluationResult:
    documents: list[DocumentScore]
    by_type: dict[str, Counts]

    @property
    def counts(self) -> Counts:
        total = Counts()
        for doc in self.documents:
            total.tp += doc.counts.tp
            total.fp += doc.counts.fp
            total.fn += doc.counts.fn
        return total

    @property
    def precision(self) -> float:
        return self.counts.precision

    @property
    def recall(self) -> float:
        return self.counts.recall

    @property
    def f1(self) -> float:
        return self.counts.f1

    def _total(self, kind: str) -> int:
        return sum(doc.count(kind) for doc in self.documents)

    @property
    def duplicates(self) -> int:
        return self._total("dup")

    @property
    def polarity_errors(self) -> int:
        return self._total("polarity")

    @property
    def date_errors(self) -> int:
        return self._total("date")

    @property
    def modality_errors(self) -> int:
        return self._total("modality")

    @property
    def misses(self) -> list[Miss]:
        return [m for doc in self.documents for m in doc.misses]

    @property
    def false_positives(self) -> list[FalsePositive]:
        return [f for doc in self.documents for f in doc.false_positives]

    @property
    def errors(self) -> list[str]:
        return [f"{doc.doc}: {doc.error}" for doc in self.documents if doc.error]

    def to_dict(self) -> dict[str, Any]:
        return {**self.counts.to_dict(), "dup": self.duplicates, "polarity": self.polarity_errors,
                "date_errors": self.date_errors, "modality_errors": self.modality_errors,
                "errors": self.errors,
                "by_type": {t: c.to_dict() for t, c in sorted(self.by_type.items())},
                "documents": [d.to_dict() for d in self.documents]}


# --- reading --------------------------------------------------------------------------

def _codes(value: Any) -> tuple[str, ...]:
    if value is None or value == "":
        return ()
    if isinstance(value, (list, tuple)):
        return tuple(str(v).strip().upper() for v in value if v not in (None, ""))
    return (str(value).strip().upper(),)


def read_jsonl(path: Path) -> list[tuple[int, dict[str, Any]]]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(path, exc.strerror or "cannot be read") from None
    rows = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DataError(f"{path}:{number}: not a JSON object ({exc.msg})") from None
        if not isinstance(row, dict):
            raise DataError(f"{path}:{number}: not a JSON object")
        rows.append((number, row))
    return rows


def gold_from_row(row: Mapping[str, Any], default_doc: str, where: str = "") -> GoldEvent:
    """A GoldEvent from one parsed gold line (``where`` names it in error messages)."""
    missing = [key for key in ("actor", "recipient", "event") if key not in row]
    if missing:
        raise DataError(f"{where}: gold line lacks {', '.join(missing)}")
    doc_field = row.get("doc")
    doc = Path(str(doc_field)).name if doc_field else default_doc
    date = str(row["date"]) if row.get("date") else None
    precision = row.get("precision") or (_precision_of(date) if date else None)
    if date and (_parse_date(date) is None or precision not in PRECISION_RANK):
        raise DataError(f"{where}: bad date {date!r} / precision {precision!r}")
    return GoldEvent(
        id=str(row.get("id") or where), doc=doc, core=bool(row.get("core", True)),
        actors=_codes(row["actor"]), recipients=_codes(row["recipient"]),
        events=_codes(row["event"]), date=date, precision=precision,
        negated=bool(row.get("negated", False)), symmetric=bool(row.get("symmetric", False)),
        hypothetical=str(row.get("modality") or "").lower() == "hypothetical",
        date_alts=tuple(str(d) for d in row.get("date_alts") or ()),
        evidence=str(row.get("evidence") or ""),
        doc_path=str(doc_field) if doc_field and ("/" in str(doc_field)) else None)


def load_gold(path: str | Path) -> dict[str, list[GoldEvent]]:
    """Gold lines by document name, from one .jsonl file or a directory of them.

    A line's ``doc`` field names its document; without one the file's stem stands for it."""
    root = Path(path)
    if root.is_dir():
        files = sorted(root.glob("*.jsonl"))
        if not files:
            raise UsageError(f"{root}: no .jsonl gold files in this directory")
    elif root.is_file():
        files = [root]
    else:
        raise UsageError(f"{root}: no such gold file or directory")
    gold: dict[str, list[GoldEvent]] = defaultdict(list)
    for file in files:
        rows = read_jsonl(file)
        if not rows:
            # a document coded as reporting no event: everything extracted from it is a false positive
            gold[file.stem] = []
        for number, row in rows:
            line = gold_from_row(row, file.stem, f"{file}:{number}")
            gold[line.doc].append(line)
    return dict(gold)


def system_from_row(row: Mapping[str, Any], default_doc: str = "") -> list[SystemEvent]:
    """The actor-recipient pairs of one system line (CONTRACT.md section 1)."""
    doc = Path(str(row.get("doc") or default_doc)).name
    date = str(row["date"])[:10] if row.get("date") else None
    precision = row.get("date_precision") or (_precision_of(date) if date else None)
    actors = _codes(row.get("actor")) or ("",)
    recipients = _codes(row.get("recipient")) or ("",)
    return [SystemEvent(doc=doc, actor=a, recipient=r, event=str(row.get("event") or "").upper(),
                        date=date, precision=precision, negated=bool(row.get("negated", False)),
                        modality=str(row.get("modality") or "asserted").lower(),
                        text=str(row.get("text") or ""))
            for a in actors for r in recipients]


def load_system(path: str | Path, default_doc: str = "") -> list[SystemEvent]:
    return [event for _, row in read_jsonl(Path(path)) for event in system_from_row(row, default_doc)]


def load_dates(*candidates: Path | None) -> dict[str, str]:
    """The first ``dates.json`` ({document name: publication date}) among the directories."""
    for directory in candidates:
        if directory is None:
            continue
        file = directory / DATES_FILE
        if file.is_file():
            try:
                data = json.loads(file.read_text(encoding="utf-8"))
            except (OSError, json.JSONDecodeError) as exc:
                raise DataError(f"{file}: not a JSON object of dates ({exc})") from None
            if not isinstance(data, dict):
                raise DataError(f"{file}: not a JSON object of dates")
            return {Path(str(k)).name: str(v) for k, v in data.items()}
    return {}


# --- matching -------------------------------------------------------------------------

def _precision_of(date: str) -> str | None:
    return {4: "year", 7: "month", 10: "day"}.get(len(date))


def _parse_date(text: str) -> dt.date | None:
    parts = text[:10].split("-")
    try:
        numbers = [int(p) for p in parts]
        if len(numbers) == 1:
            return dt.date(numbers[0], 1, 1)
        if len(numbers) == 2:
            return dt.date(numbers[0], numbers[1], 1)
        if len(numbers) == 3:
            return dt.date(numbers[0], numbers[1], numbers[2])
    except ValueError:
        return None
    return None


def date_agrees(event: SystemEvent, gold: GoldEvent) -> bool:
    """True when the system date agrees with the gold date (or an alternative) at its precision."""
    if not gold.date:
        return True
    if not event.date:
        return False
    system_day = _parse_date(event.date)
    system_rank = PRECISION_RANK.get(event.precision or "", 0)
    if system_day is None:
        return False
    wanted = [(gold.date, gold.precision)] + [(alt, _precision_of(alt)) for alt in gold.date_alts]
    for text, precision in wanted:
        gold_day = _parse_date(text)
        if gold_day is None or precision is None or system_rank < PRECISION_RANK[precision]:
            continue
        if precision == "day" and abs((system_day - gold_day).days) <= 1:
            return True
        if precision == "month" and (system_day.year, system_day.month) == (gold_day.year, gold_day.month):
            return True
        if precision == "year" and system_day.year == gold_day.year:
            return True
    return False


def _parties_agree(event: SystemEvent, gold: GoldEvent) -> bool:
    if event.actor in gold.actors and event.recipient in gold.recipients:
        return True
    return gold.symmetric and event.actor in gold.recipients and event.recipient in gold.actors


def compatible(event: SystemEvent, gold: GoldEvent, *, ignore: str = "") -> bool:
    """The matching rule; ``ignore`` may name one condition to leave out
    ("negated", "date" or "modality") to find near misses."""
    if event.event not in gold.events or not _parties_agree(event, gold):
        return False
    if ignore != "negated" and event.negated != gold.negated:
        return False
    if ignore != "modality" and gold.hypothetical != (event.modality == "hypothetical"):
        return False
    return ignore == "date" or date_agrees(event, gold)


def maximum_matching(events: Sequence[SystemEvent], golds: Sequence[GoldEvent]) -> dict[int, int]:
    """{event index: gold index}: a maximum bipartite matching (augmenting paths).

    Core lines are offered first; an augmenting path never unmatches a gold line, so the
    number of matched core lines is maximal before any non-core line takes an event."""
    order = sorted(range(len(golds)), key=lambda g: not golds[g].core)
    edges = {g: [i for i, e in enumerate(events) if compatible(e, golds[g])] for g in order}
    owner: dict[int, int] = {}

    def augment(g: int, seen: set[int]) -> bool:
        for i in edges[g]:
            if i in seen:
                continue
            seen.add(i)
            if i not in owner or augment(owner[i], seen):
                owner[i] = g
                return True
        return False

    for g in order:
        augment(g, set())
    return owner


def _failed_conditions(event: SystemEvent, gold: GoldEvent) -> list[str]:
    """The conditions besides type and parties that keep ``event`` from matching ``gold``."""
    failed = []
    if not date_agrees(event, gold):
        failed.append("date")
    if event.negated != gold.negated:
        failed.append("negated")
    if gold.hypothetical != (event.modality == "hypothetical"):
        failed.append("modality")
    return failed


def _miss_reason(gold: GoldEvent, events: Sequence[SystemEvent]) -> str:
    """Why a core line went unmatched: "merged" (a fitting event served another line: two
    happenings extracted as one), the failing conditions of the nearest event ("date",
    "negated", "modality", joined by "+"), "direction", "type" or "not found"."""
    if any(compatible(e, gold) for e in events):
        return "merged"
    failures = [_failed_conditions(e, gold) for e in events
                if e.event in gold.events and _parties_agree(e, gold)]
    if failures:
        nearest: list[str] = min(failures, key=len)
        return "+".join(nearest)
    swapped = [e for e in events if e.actor in gold.recipients and e.recipient in gold.actors]
    if any(e.event in gold.events for e in swapped):
        return "direction"
    if any(_parties_agree(e, gold) for e in events):
        return "type"
    return "not found"


def score_document(doc: str, golds: Sequence[GoldEvent], events: Sequence[SystemEvent],
                   by_type: dict[str, Counts] | None = None) -> DocumentScore:
    result = DocumentScore(doc)
    by_type = by_type if by_type is not None else defaultdict(Counts)
    owner = maximum_matching(events, golds)
    matched_golds = set(owner.values())
    for i, g in sorted(owner.items()):
        result.matched.append((golds[g].id, events[i]))
        if golds[g].core:
            result.counts.tp += 1
            by_type[golds[g].primary_type].tp += 1
    for g, gold in enumerate(golds):
        if gold.core and g not in matched_golds:
            result.counts.fn += 1
            by_type[gold.primary_type].fn += 1
            result.misses.append(Miss(gold, _miss_reason(gold, events)))
    for i, event in enumerate(events):
        if i in owner:
            continue
        result.counts.fp += 1
        by_type[event.event].fp += 1
        result.false_positives.append(_classify(event, golds, matched_golds))
    return result


def _classify(event: SystemEvent, golds: Sequence[GoldEvent], matched: set[int]) -> FalsePositive:
    for g in sorted(matched):
        if compatible(event, golds[g]):
            return FalsePositive(event, "dup", golds[g].id)
    for kind, condition in (("polarity", "negated"), ("date", "date"), ("modality", "modality")):
        for gold in golds:
            if compatible(event, gold, ignore=condition):
                return FalsePositive(event, kind, gold.id)
    return FalsePositive(event, "other")


def score(gold: Mapping[str, Sequence[GoldEvent]], events: Iterable[SystemEvent],
          errors: Mapping[str, str] | None = None) -> EvaluationResult:
    """Match system events to gold lines document by document (names compared by file
    name, falling back to the stem so "x.txt" and "x.pdf" sources pair up)."""
    by_stem = {Path(name).stem: name for name in gold}
    events_by_doc: dict[str, list[SystemEvent]] = defaultdict(list)
    for event in events:
        name = event.doc if event.doc in gold else by_stem.get(Path(event.doc).stem, event.doc)
        events_by_doc[name].append(event)
    by_type: dict[str, Counts] = defaultdict(Counts)
    documents = []
    for name in sorted(set(gold) | set(events_by_doc)):
        doc_score = score_document(name, gold.get(name, []), events_by_doc.get(name, []), by_type)
        doc_score.error = (errors or {}).get(name)
        documents.append(doc_score)
    return EvaluationResult(documents, dict(by_type))


# --- running the extractor --------------------------------------------------------------

def find_document(name: str, golds: Sequence[GoldEvent], docs_dir: Path | None,
                  gold_dir: Path | None = None) -> Path | None:
    """The document file of a gold document: a path in its "doc" field, else NAME in
    docs_dir, else a file in docs_dir with the same stem and a readable suffix."""
    for gold in golds:
        if gold.doc_path:
            for base in (Path.cwd(), gold_dir):
                if base is not None and (base / gold.doc_path).is_file():
                    return base / gold.doc_path
    if docs_dir is None:
        return None
    if (docs_dir / name).is_file():
        return docs_dir / name
    for suffix in DOCUMENT_SUFFIXES:
        candidate = docs_dir / (Path(name).stem + suffix)
        if candidate.is_file():
            return candidate
    return None


def system_events_from_extractor(path: Path, name: str, date: str | None) -> list[SystemEvent]:
    from blocwatch.extract import extract_events

    events = []
    for event in extract_events(path, date=date):
        events.extend(system_from_row(event.to_dict(), name))
    # the extractor reports the path as given; the score pairs documents by gold name
    return [SystemEvent(name, e.actor, e.recipient, e.event, e.date, e.precision, e.negated,
                        e.modality, e.text) for e in events]


def evaluate(gold_path: str | Path, *, system: str | Path | None = None,
             docs_dir: str | Path | None = None, dates: Mapping[str, str] | None = None) -> EvaluationResult:
    """Score a system JSONL file, or (without one) the extractor run on each gold document.

    Documents are looked up in ``docs_dir`` (default: ``GOLD_DIR/../docs``); publication
    dates come from ``dates`` or a dates.json next to the gold or the documents, else from
    the document's own dateline. A document that cannot be read is reported, not fatal:
    its gold lines count as misses."""
    gold_path = Path(gold_path)
    gold = load_gold(gold_path)
    gold_dir = gold_path if gold_path.is_dir() else gold_path.parent
    if system is not None:
        return score(gold, load_system(system))
    docs = Path(docs_dir) if docs_dir is not None else gold_dir.parent / "docs"
    if dates is None:
        dates = load_dates(gold_dir, gold_dir.parent, docs)
    events: list[SystemEvent] = []
    errors: dict[str, str] = {}
    for name, golds in sorted(gold.items()):
        path = find_document(name, golds, docs if docs.is_dir() else None, gold_dir)
        if path is None:
            errors[name] = f"document not found (looked in {docs})"
            continue
        try:
            date = dates.get(name) or dates.get(path.name) or dates.get(Path(name).stem)
            events.extend(system_events_from_extractor(path, name, date))
        except InputError as exc:
            errors[name] = str(exc)
    return score(gold, events, errors)
