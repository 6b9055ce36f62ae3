"""Golden files: the full JSON Lines output of `blocwatch extract` for project documents.

A change in extraction shows up as a diff here; when it is an improvement, regenerate with
BLOCWATCH_UPDATE_GOLDEN=1 and review the diff of tests/golden/extract/."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from blocwatch.extract import extract_events

ROOT = Path(__file__).resolve().parent
DOCS = ROOT / "gold" / "docs"
GOLDEN = ROOT / "golden" / "extract"
NAMES = ["sofia-moscow-2023", "islamabad-kabul-2025", "moscow-delhi-2024", "pyongyang-moscow-2024"]


def _output(name: str) -> str:
    path = DOCS / f"{name}.txt"
    events = extract_events(str(path.relative_to(ROOT.parent)))
    return "".join(json.dumps(e.to_dict(), ensure_ascii=False) + "\n" for e in events)


@pytest.mark.parametrize("name", NAMES)
def test_extract_golden_output(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    if not (DOCS / f"{name}.txt").exists():
        pytest.skip(f"project document {name}.txt not present")
    monkeypatch.chdir(ROOT.parent)
    actual = _output(name)
    golden = GOLDEN / f"{name}.jsonl"
    if os.environ.get("BLOCWATCH_UPDATE_GOLDEN") == "1":
        GOLDEN.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
    assert golden.exists(), f"no golden file {golden}; run with BLOCWATCH_UPDATE_GOLDEN=1"
    expected = golden.read_text(encoding="utf-8")
    assert actual.splitlines() == expected.splitlines()
