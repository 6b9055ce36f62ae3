"""Golden file: every actor mention in the shared commentary khan-moscow-2022.txt (read
through ingest's text repair, publication date 2022-03-08).

Regenerate after a deliberate change with

    BLOCWATCH_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_actors_golden.py

and review the diff of tests/golden/actors/ before committing it."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from blocwatch.extract.actors import describe, find_mentions
from blocwatch.extract.nlp import load_pipeline
from blocwatch.ingest import read_document
from skips import NO_SHARED

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
GOLDEN = Path(__file__).parent / "golden" / "actors"
DOCUMENTS = [("khan-moscow-2022", SHARED / "corpus" / "khan-moscow-2022.txt", "2022-03-08")]


@pytest.mark.parametrize(("name", "path", "date"), DOCUMENTS)
def test_actors_golden_mentions(name: str, path: Path, date: str) -> None:
    if not path.exists():
        pytest.skip(NO_SHARED)
    document = read_document(path, date=date)
    found = describe(find_mentions(load_pipeline()(document.text), document))
    golden = GOLDEN / f"{name}.jsonl"
    lines = [json.dumps(record, ensure_ascii=False) for record in found]
    if os.environ.get("BLOCWATCH_UPDATE_GOLDEN") == "1":
        golden.write_text("\n".join(lines) + "\n", encoding="utf-8")
    expected = golden.read_text(encoding="utf-8").splitlines()
    missing = sorted(set(expected) - set(lines))
    extra = sorted(set(lines) - set(expected))
    assert not missing and not extra, (
        f"mentions differ from {golden} (BLOCWATCH_UPDATE_GOLDEN=1 to regenerate after review)\n"
        + "".join(f"- {line}\n" for line in missing) + "".join(f"+ {line}\n" for line in extra))
    assert lines == expected


@pytest.mark.parametrize(("name", "path", "date"), DOCUMENTS)
def test_actors_golden_offsets_match_the_text(name: str, path: Path, date: str) -> None:
    if not path.exists():
        pytest.skip(NO_SHARED)
    document = read_document(path, date=date)
    for mention in find_mentions(load_pipeline()(document.text), document):
        assert document.text[mention.start:mention.end] == mention.text
        assert mention.codes
