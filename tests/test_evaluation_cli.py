"""`blocwatch evaluate` as a user runs it: scores, JSON, --min-f1 exit status, bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

GOLD_LINES = [
    {"id": "G1", "doc": "r.txt", "core": True, "actor": ["PAK"], "recipient": ["RUS"],
     "event": ["CONSULT"], "date": "2022-02-23", "precision": "day", "negated": False,
     "evidence": "arrived in Moscow"},
    {"id": "G2", "doc": "r.txt", "core": True, "actor": ["PAK"], "recipient": ["RUS"],
     "event": ["ACCUSE"], "date": None, "precision": None, "negated": True,
     "evidence": "did not condemn"},
]
SYSTEM_LINES = [
    {"doc": "/elsewhere/r.txt", "actor": "PAK", "recipient": "RUS", "event": "CONSULT",
     "date": "2022-02-23", "date_precision": "day", "negated": False, "modality": "asserted",
     "text": "Khan arrived in Moscow."},
    {"doc": "/elsewhere/r.txt", "actor": "PAK", "recipient": "RUS", "event": "ACCUSE",
     "date": None, "date_precision": None, "negated": False, "modality": "asserted",
     "text": "Khan did not condemn the invasion."},
]


def blocwatch(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "blocwatch", "evaluate", *args],
                          capture_output=True, text=True, timeout=300)


def write_set(root: Path) -> tuple[Path, Path]:
    gold_dir = root / "gold"
    gold_dir.mkdir()
    (gold_dir / "r.jsonl").write_text("".join(json.dumps(g) + "\n" for g in GOLD_LINES))
    system = root / "system.jsonl"
    system.write_text("".join(json.dumps(s) + "\n" for s in SYSTEM_LINES))
    return gold_dir, system


def test_evaluation_cli_table_lists_scores_and_misses(tmp_path: Path) -> None:
    gold_dir, system = write_set(tmp_path)
    done = blocwatch(str(gold_dir), "--system", str(system))
    assert done.returncode == 0, done.stderr
    assert "P=0.500 R=0.500 F1=0.500 tp=1 fp=1 fn=1" in done.stdout
    assert "polarity=1" in done.stdout
    assert "missed G2" in done.stdout and "[negated]" in done.stdout
    assert "CONSULT" in done.stdout.split("\n\n")[1]   # the per-type table


def test_evaluation_cli_json_and_min_f1(tmp_path: Path) -> None:
    gold_dir, system = write_set(tmp_path)
    done = blocwatch(str(gold_dir), "--system", str(system), "--format", "json", "--min-f1", "0.6")
    assert done.returncode == 1
    assert "below --min-f1" in done.stderr
    data = json.loads(done.stdout)
    assert (data["tp"], data["fp"], data["fn"], data["polarity"]) == (1, 1, 1, 1)
    assert data["by_type"]["ACCUSE"]["fn"] == 1
    assert data["documents"][0]["misses"][0]["id"] == "G2"
    assert blocwatch(str(gold_dir), "--system", str(system), "--min-f1", "0.5").returncode == 0


def test_evaluation_cli_runs_extractor_on_documents(tmp_path: Path) -> None:
    gold_dir, _ = write_set(tmp_path)
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "r.txt").write_text(
        "ISLAMABAD, 25 February 2022 (BWN) - Pakistan's Prime Minister Imran Khan arrived in "
        "Moscow on Wednesday for a two-day visit. Khan did not condemn the Russian invasion.\n")
    done = blocwatch(str(gold_dir), "--format", "json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["errors"] == []
    assert data["tp"] + data["fn"] == 2


def test_evaluation_cli_bad_input_is_one_line(tmp_path: Path) -> None:
    done = blocwatch(str(tmp_path / "missing"))
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "missing" in done.stderr
    gold_dir, _ = write_set(tmp_path)
    (gold_dir / "broken.jsonl").write_text("{not json\n")
    done = blocwatch(str(gold_dir), "--system", str(tmp_path / "system.jsonl"))
    assert done.returncode == 1
    assert "broken.jsonl:1" in done.stderr and "Traceback" not in done.stderr
    (gold_dir / "broken.jsonl").unlink()
    done = blocwatch(str(gold_dir))           # no docs directory: reported, lines count as misses
    assert done.returncode == 1
    assert "r.txt: document not found" in done.stderr
    assert "fn=2" in done.stdout


def test_evaluation_dates_mapping_reaches_undated_documents(tmp_path: Path) -> None:
    from blocwatch.extract.evaluation.scoring import evaluate

    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    line = {key: value for key, value in GOLD_LINES[0].items() if key != "doc"}
    (gold_dir / "r.jsonl").write_text(json.dumps(line) + "\n")   # named by the file stem
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "r.txt").write_text("Pakistan's Prime Minister Imran Khan arrived in Moscow on "
                                "Wednesday for a two-day visit to Russia.\n")
    undated = evaluate(gold_dir)
    assert (undated.counts.tp, undated.counts.fn) == (0, 1)          # no anchor: no date
    (gold_dir / "dates.json").write_text(json.dumps({"r.txt": "2022-02-25"}))
    dated = evaluate(gold_dir)
    assert (dated.counts.tp, dated.counts.fn) == (1, 0), dated.to_dict()
