"""Score the extractor on single-sentence reference examples (issue 7, target a).

A reference file is JSON Lines, one example a line:

    {"id": "R001", "text": "...", "event": ["AGREE"], "actor": ["EGY"], "recipient": ["SDN"],
     "symmetric": true, "negated": false}

``event``, ``actor`` and ``recipient`` list the accepted types and codes. Each text is run
through the extractor on its own (``blocwatch.extract.pipeline.extract_events``); an
example counts

* for the type when any extracted event has an accepted type (and the example's polarity),
* for type and parties when one such event also has an accepted actor and an accepted
  recipient (either way round where the example is ``symmetric``).

    score_reference(path) -> {"examples", "type", "type_parties", "no_event", ...}
    python -m blocwatch.extract.evaluation.reference PATH [--format json]

Only totals are reported (overall and per primary type): the reference set is held out,
and per-sentence results are not meant to guide changes to the extractor.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from blocwatch.errors import DataError, InputError
from blocwatch.extract.evaluation.scoring import read_jsonl

#: (event type, actor, recipient, negated) of one extracted event
Triple = tuple[str, str, str, bool]
Extractor = Callable[[str], Iterable[Triple]]


@dataclass(frozen=True, slots=True)
class Example:
    id: str
    text: str
    events: tuple[str, ...]
    actors: tuple[str, ...]
    recipients: tuple[str, ...]
    symmetric: bool = False
    negated: bool = False


def _codes(value: Any, where: str, key: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v for v in value):
        raise DataError(f"{where}: {key!r} must be a non-empty list of strings")
    return tuple(v.strip().upper() for v in value)


def example_from_row(row: Any, where: str) -> Example:
    """One Example from a parsed reference line (``where`` names it in error messages)."""
    if not isinstance(row, dict):
        raise DataError(f"{where}: not a JSON object")
    missing = [key for key in ("id", "text", "event", "actor", "recipient") if key not in row]
    if missing:
        raise DataError(f"{where}: reference line lacks {', '.join(missing)}")
    if not isinstance(row["text"], str) or not row["text"].strip():
        raise DataError(f"{where}: 'text' must be a non-empty string")
    return Example(id=str(row["id"]), text=row["text"],
                   events=_codes(row["event"], where, "event"),
                   actors=_codes(row["actor"], where, "actor"),
                   recipients=_codes(row["recipient"], where, "recipient"),
                   symmetric=bool(row.get("symmetric", False)),
                   negated=bool(row.get("negated", False)))


def load_reference(path: str | Path) -> list[Example]:
    """The examples of a reference JSON Lines file, in file order; ids must be unique."""
    file = Path(path)
    examples = [example_from_row(row, f"{file}:{number}") for number, row in read_jsonl(file)]
    duplicates = sorted(i for i, n in Counter(e.id for e in examples).items() if n > 1)
    if duplicates:
        raise DataError(f"{file}: duplicate ids {', '.join(duplicates)}")
    return examples


def _pipeline_extractor(text: str) -> list[Triple]:
    from blocwatch.extract.pipeline import extract_events

    return [(e.event, e.actor or "", e.recipient or "", e.negated) for e in extract_events(text)]


def _type_right(example: Example, event: Triple) -> bool:
    return event[0].upper() in example.events and event[3] == example.negated


def _parties_right(example: Example, event: Triple) -> bool:
    actor, recipient = event[1].upper(), event[2].upper()
    if actor in example.actors and recipient in example.recipients:
        return True
    return example.symmetric and recipient in example.actors and actor in example.recipients


def judge(example: Example, events: Sequence[Triple]) -> tuple[bool, bool]:
    """(some event has the right type, some event has the right type and parties)."""
    typed = [e for e in events if _type_right(example, e)]
    return bool(typed), any(_parties_right(example, e) for e in typed)


def _share(hits: int, total: int) -> float:
    return hits / total if total else 0.0


def score_examples(examples: Sequence[Example], extract: Extractor | None = None) -> dict[str, Any]:
    """Totals over the examples; ``extract`` (text -> event triples) defaults to the pipeline."""
    run = extract or _pipeline_extractor
    counts: dict[str, Counter[str]] = {}
    type_hits = full_hits = no_event = 0
    for example in examples:
        events = list(run(example.text))
        typed, full = judge(example, events)
        no_event += not events
        type_hits += typed
        full_hits += full
        tally = counts.setdefault(example.events[0], Counter())
        tally.update(examples=1, type=int(typed), type_parties=int(full))
    by_type = {kind: {"examples": c["examples"],
                      "type": round(_share(c["type"], c["examples"]), 4),
                      "type_parties": round(_share(c["type_parties"], c["examples"]), 4)}
               for kind, c in sorted(counts.items())}
    total = len(examples)
    return {"examples": total, "type": round(_share(type_hits, total), 4),
            "type_parties": round(_share(full_hits, total), 4), "no_event": no_event,
            "type_hits": type_hits, "type_parties_hits": full_hits, "by_type": by_type}


def score_reference(path: str | Path, extract: Extractor | None = None) -> dict[str, Any]:
    """Run the extractor on every sentence of a reference file and report the totals:
    ``type`` (share with an accepted type among the extracted events), ``type_parties``
    (share with type, actor and recipient right) and ``no_event`` (sentences with none)."""
    return score_examples(load_reference(path), extract)


def format_table(result: dict[str, Any]) -> str:
    lines = [f"examples      {result['examples']}",
             f"type          {result['type']:.3f}  ({result['type_hits']})",
             f"type+parties  {result['type_parties']:.3f}  ({result['type_parties_hits']})",
             f"no event      {result['no_event']}",
             "", f"{'type':<10} {'n':>3} {'type':>6} {'+parties':>9}"]
    for kind, row in result["by_type"].items():
        lines.append(f"{kind:<10} {row['examples']:>3} {row['type']:>6.2f} {row['type_parties']:>9.2f}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m blocwatch.extract.evaluation.reference",
                                     description="Score the extractor on single-sentence reference examples.")
    parser.add_argument("path", help="a reference JSON Lines file (tests/gold/reference/sentences.jsonl)")
    parser.add_argument("--format", choices=("table", "json"), default="table")
    args = parser.parse_args(argv)
    try:
        result = score_reference(args.path)
    except (DataError, InputError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        print(json.dumps(result, indent=1) if args.format == "json" else format_table(result), flush=True)
    except BrokenPipeError:     # "| head": the reader left early
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - keep the interpreter quiet at exit
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
