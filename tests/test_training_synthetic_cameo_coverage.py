"""Coverage of the CAMEO code book by the per-code synthetic sentences.

``cameo_<root>.jsonl`` holds sentences written for every CAMEO code under one two-digit root
(``cameo_04.jsonl``: 040 ... 046) whose PLOVER type is set in ``cameo.csv``, three or more per
code, so that a learned extractor sees each kind of event that event-coding manuals list;
``cameo_none.jsonl`` holds sentences that report no event between parties. The shape of every
line is checked by ``test_training_synthetic_shape.py``; this file checks what the set covers.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

from blocwatch.extract import gazetteer

ROOT = Path(__file__).resolve().parents[1]
SYNTHETIC = ROOT / "src" / "blocwatch" / "extract" / "data" / "training" / "synthetic"
ROOT_FILE = re.compile(r"cameo_(\d\d)\.jsonl")
PER_CODE = 3


def _records(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _root_files() -> list[tuple[str, Path]]:
    out = []
    for path in sorted(SYNTHETIC.glob("cameo_*.jsonl")):
        match = ROOT_FILE.fullmatch(path.name)
        if match:
            out.append((match.group(1), path))
    return out


def test_training_synthetic_covers_every_cameo_code() -> None:
    # The two-digit roots ("04") are headings that repeat their "not specified" code ("040"),
    # so only three- and four-digit codes need sentences of their own.
    wanted = sorted(code for code, info in gazetteer.load_cameo().items()
                    if info.plover_event and len(code) > 2)
    # a code counts once per sentence, by the sentence's first (main) event
    counts = Counter(rec["events"][0]["cameo"] for _, path in _root_files()
                     for rec in _records(path) if rec["events"])
    thin = {code: counts[code] for code in wanted if counts[code] < PER_CODE}
    assert not thin, f"CAMEO codes with fewer than {PER_CODE} sentences: {thin}"


def test_training_synthetic_cameo_files_hold_their_root() -> None:
    files = _root_files()
    assert files, f"no cameo_<root>.jsonl files in {SYNTHETIC}"
    for root, path in files:
        for number, rec in enumerate(_records(path), 1):
            assert rec["id"].startswith(f"sc-{root}-"), f"{path.name}:{number}: id {rec['id']}"
            assert rec["events"], f"{path.name}:{number}: a sentence of a code file has no event"
            main = rec["events"][0]["cameo"]
            assert main[:2] == root, f"{path.name}:{number}: main event {main} is not under root {root}"


def test_training_synthetic_cameo_none_reports_no_event() -> None:
    path = SYNTHETIC / "cameo_none.jsonl"
    records = _records(path)
    assert len(records) >= 100, f"{path.name}: only {len(records)} no-event sentences"
    for number, rec in enumerate(records, 1):
        assert rec["events"] == [], f"{path.name}:{number}: has events"
        assert rec["id"].startswith("sc-none-"), f"{path.name}:{number}: id {rec['id']}"
