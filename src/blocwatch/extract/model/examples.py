"""Training examples from the project's coded data: each sentence's question
(questions.py) with, for every ordered pair of mentions, the event types it reports and
the pieces of its trigger.

Three sources, all under the package or the tests' gold (never the held-out stories):

* `extract/data/training/synthetic/*.jsonl`: single sentences written for the project;
* `extract/data/training/voa/*.jsonl`: gold for real news stories, whose text is read
  from a folder the caller names (the stories themselves are not the project's);
* `tests/gold/gold` with `tests/gold/docs`: the project's own gold documents.

    synthetic_examples() / gold_examples(gold_dir, docs_dir, source) -> list[Example]
    split(examples) -> (train, dev)      a fixed part by document for calibration
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from blocwatch.extract.model.questions import Question, sentence_question

__all__ = ["TYPES", "Example", "Question", "gold_examples", "parse_texts", "sentence_question", "split",
           "synthetic_examples"]
from blocwatch.records import Mention

TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
         "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
#: one document in this many is kept out of training, to calibrate and choose the threshold
DEV_SHARE = 6


@dataclass(slots=True)
class Example:
    group: str                                    # document (or synthetic sentence) it came from
    question: Question
    labels: list[set[int]] = field(default_factory=list)        # per pair: type indexes
    triggers: list[set[int]] = field(default_factory=list)      # per pair: piece indexes
    weight: float = 1.0


@dataclass(frozen=True, slots=True)
class GoldEvent:
    actors: frozenset[str]
    recipients: frozenset[str]
    types: tuple[str, ...]
    symmetric: bool
    trigger: str | None
    start: int                                    # evidence span in the document text
    end: int


def _training_dir() -> Any:
    return resources.files("blocwatch.extract").joinpath("data/training")


def _lines(text: str) -> Iterator[dict[str, Any]]:
    for line in text.splitlines():
        if line.strip():
            yield json.loads(line)


def parse_texts(texts: list[str]) -> list[Any]:
    from blocwatch.extract.nlp import load_pipeline
    from blocwatch.extract.parsing import parse_stream

    return list(parse_stream(load_pipeline(), texts, threaded=False))


def synthetic_examples(limit: int | None = None) -> list[Example]:
    from blocwatch.extract.actors import find_mentions
    from blocwatch.ingest import document_from_text

    rows: list[dict[str, Any]] = []
    folder = _training_dir().joinpath("synthetic")
    for item in sorted(folder.iterdir(), key=lambda p: p.name):
        if item.name.endswith(".jsonl"):
            rows.extend(_lines(item.read_text(encoding="utf-8")))
    rows = rows[:limit] if limit else rows
    documents = [document_from_text(row["text"], row["id"], row.get("pub_date")) for row in rows]
    out = []
    for row, document, sdoc in zip(rows, documents, parse_texts([d.text for d in documents]), strict=True):
        mentions = find_mentions(sdoc, document)
        events = [_synthetic_event(document.text, raw) for raw in row.get("events", [])
                  if raw.get("modality", "asserted") != "hypothetical"]
        question = sentence_question(document.text, 0, mentions, sdoc)
        if question is not None:
            out.append(_label(f"syn:{row['id']}", document.text, question, [e for e in events if e is not None], 1.0))
    return out


def _synthetic_event(text: str, raw: dict[str, Any]) -> GoldEvent | None:
    if not raw.get("actor") or not raw.get("recipient") or raw.get("event") not in TYPES:
        return None
    from blocwatch.extract.coding import is_symmetric

    return GoldEvent(frozenset([raw["actor"]]), frozenset([raw["recipient"]]), (raw["event"],),
                     is_symmetric(raw["event"]), raw.get("trigger"), 0, len(text))


def gold_examples(gold_dir: Path | Any, docs_dir: Path, source: str, weight: float = 3.0,
                  names: Iterable[str] | None = None) -> list[Example]:
    """Every sentence of every document the gold folder codes: those with gold events are
    positives for their pairs, the rest teach what reports no event."""
    from blocwatch.extract.actors import find_mentions
    from blocwatch.ingest import read_document

    by_doc: dict[str, list[dict[str, Any]]] = {}
    for item in sorted(gold_dir.iterdir(), key=lambda p: p.name):
        if item.name.endswith(".jsonl"):
            for row in _lines(item.read_text(encoding="utf-8")):
                by_doc.setdefault(row["doc"], []).append(row)
    wanted = set(names) if names is not None else None
    docs = [name for name in sorted(by_doc) if (docs_dir / name).is_file() and (wanted is None or name in wanted)]
    documents = [read_document(docs_dir / name) for name in docs]
    out = []
    for name, document, sdoc in zip(docs, documents, parse_texts([d.text for d in documents]), strict=True):
        mentions = find_mentions(sdoc, document)
        events = [e for e in (_gold_event(document.text, row) for row in by_doc[name]) if e is not None]
        for sent in sdoc.sents:
            start, end = sent.start_char, sent.end_char
            inside = [e for e in events if start <= e.start < end]
            end = max([end] + [_sentence_end(sdoc, e.end) for e in inside])
            question = sentence_question(document.text[start:end].rstrip(), start, mentions, sdoc)
            if question is not None:
                out.append(_label(f"{source}:{name}", document.text, question, inside, weight))
    return out


def _sentence_end(sdoc: Any, offset: int) -> int:
    for sent in sdoc.sents:
        if sent.start_char <= max(offset - 1, 0) < sent.end_char:
            return int(sent.end_char)
    return offset


def _gold_event(text: str, row: dict[str, Any]) -> GoldEvent | None:
    if row.get("hypothetical") or not row.get("actor") or not row.get("recipient"):
        return None
    found = _find(text, row.get("evidence") or "")
    if found is None:
        return None
    types = tuple(t for t in row["event"] if t in TYPES)
    if not types:
        return None
    return GoldEvent(frozenset(row["actor"]), frozenset(row["recipient"]), types,
                     bool(row.get("symmetric")), row.get("trigger"), found[0], found[1])


def _find(text: str, evidence: str) -> tuple[int, int] | None:
    """The evidence's span in the text, allowing for differences of white space."""
    if not evidence.strip():
        return None
    index = text.find(evidence)
    if index >= 0:
        return index, index + len(evidence)
    pattern = r"\s+".join(re.escape(word) for word in evidence.split())
    match = re.search(pattern, text)
    return (match.start(), match.end()) if match else None


def _codes(mention: Mention) -> set[str]:
    return set(mention.codes)


def _label(group: str, text: str, question: Question, events: list[GoldEvent], weight: float) -> Example:
    example = Example(group, question, weight=weight)
    for a, r in question.pairs:
        actor, recipient = _codes(question.mentions[a]), _codes(question.mentions[r])
        labels: set[int] = set()
        triggers: set[int] = set()
        for event in events:
            forward = actor & event.actors and recipient & event.recipients
            backward = event.symmetric and actor & event.recipients and recipient & event.actors
            if not (forward or backward):
                continue
            labels.add(TYPES.index(event.types[0]))
            triggers |= _trigger_pieces(text, question, event)
        example.labels.append(labels)
        example.triggers.append(triggers)
    return example


def _trigger_pieces(text: str, question: Question, event: GoldEvent) -> set[int]:
    """Pieces of the trigger's first occurrence in the event's evidence (else its sentence)."""
    if not event.trigger:
        return set()
    low, high = question.starts[0], question.starts[-1]
    found = -1
    for begin, finish in ((max(event.start, low), min(event.end, high)), (low, high)):
        found = text.lower().find(event.trigger.lower(), begin, finish)
        if found >= 0:
            break
    if found < 0:
        return set()
    stop = found + len(event.trigger)
    return {i for i in range(1, len(question.ids) - 1) if found <= question.starts[i] < stop}


def split(examples: list[Example]) -> tuple[list[Example], list[Example]]:
    """(train, dev): whole documents go to one side, by a hash of their name."""
    train: list[Example] = []
    dev: list[Example] = []
    for example in examples:
        digest = int(hashlib.sha1(example.group.encode()).hexdigest(), 16)
        (dev if digest % DEV_SHARE == 0 else train).append(example)
    return train, dev
