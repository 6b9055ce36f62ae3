"""The hand-coded VOA gold is well formed and kept to its split: the held-out stories' gold
lives only under tests/gold/voa/heldout (never beside the training data in the package), the
training stories' gold only under src/blocwatch/extract/data/training/voa, every line follows
the gold format with known codes and PLOVER types, and every evidence quote is a verbatim
piece of its story in ../shared/corpus/voa."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from blocwatch.extract.evaluation.scoring import load_gold
from gold_lines import known_codes, plover_types
from skips import NO_SHARED

ROOT = Path(__file__).resolve().parents[1]
SPLIT_FILE = ROOT / "tests" / "gold" / "voa" / "split.json"
HELDOUT_DIR = ROOT / "tests" / "gold" / "voa" / "heldout"
TRAINING_DIR = ROOT / "src" / "blocwatch" / "extract" / "data" / "training" / "voa"
CORPUS = ROOT.parent / "shared" / "corpus" / "voa"

SPLIT: dict[str, list[str]] = json.loads(SPLIT_FILE.read_text(encoding="utf-8"))
FOLDER_OF_SPLIT = {"heldout": HELDOUT_DIR, "train": TRAINING_DIR}
GOLD_FILES = sorted([*HELDOUT_DIR.glob("*.jsonl"), *TRAINING_DIR.glob("*.jsonl")])

REQUIRED = {"id", "doc", "core", "actor", "recipient", "event", "date", "precision",
            "negated", "evidence", "trigger", "actor_text", "recipient_text"}
OPTIONAL = {"symmetric", "hypothetical", "modality", "note", "date_alts"}
PRECISION_OF_LENGTH = {4: "year", 7: "month", 10: "day"}


def _id(path: Path) -> str:
    return f"{'heldout' if path.parent == HELDOUT_DIR else 'train'}/{path.stem}"


def _split_of(doc: str) -> str | None:
    return next((name for name in FOLDER_OF_SPLIT if doc in SPLIT[name]), None)



def _rows(path: Path) -> list[tuple[str, dict[str, Any]]]:
    """(where, row) for every line; a line that is not a JSON object fails here."""
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        where = f"{path.relative_to(ROOT)}:{number}"
        row = json.loads(line)
        assert isinstance(row, dict), f"{where}: not a JSON object"
        rows.append((where, row))
    return rows


def _check_date(where: str, date: Any, precision: Any) -> None:
    if date is None:
        assert precision is None, f"{where}: precision {precision!r} without a date"
        return
    assert isinstance(date, str) and len(date) in PRECISION_OF_LENGTH, f"{where}: date {date!r}"
    assert precision == PRECISION_OF_LENGTH[len(date)], f"{where}: {date!r} is not {precision!r}"
    dt.date.fromisoformat(date + {4: "-01-01", 7: "-01", 10: ""}[len(date)])


def test_evaluation_voa_gold_split_is_disjoint_and_covers_corpus_names() -> None:
    heldout, train = set(SPLIT["heldout"]), set(SPLIT["train"])
    assert heldout and train and not heldout & train
    assert len(SPLIT["heldout"]) == len(heldout) and len(SPLIT["train"]) == len(train)
    assert all(name.startswith("voa-") and name.endswith(".txt") for name in heldout | train)


def test_evaluation_voa_gold_every_heldout_story_has_its_file() -> None:
    missing = [doc for doc in SPLIT["heldout"] if not (HELDOUT_DIR / f"{Path(doc).stem}.jsonl").is_file()]
    assert not missing, f"held-out stories without a gold file: {missing}"


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: _id(p))
def test_evaluation_voa_gold_lines_are_well_formed(path: Path) -> None:
    codes, types = known_codes(), plover_types()
    ids: list[str] = []
    for where, row in _rows(path):
        assert row.keys() >= REQUIRED, f"{where}: lacks {sorted(REQUIRED - row.keys())}"
        assert row.keys() <= REQUIRED | OPTIONAL, f"{where}: unknown {sorted(row.keys() - REQUIRED - OPTIONAL)}"
        ids.append(row["id"])
        assert row["doc"] == f"{path.stem}.txt", f"{where}: doc {row['doc']!r} in {path.name}"
        for flag in ("core", "negated", "symmetric", "hypothetical"):
            assert isinstance(row.get(flag, False), bool), f"{where}: {flag} is not a bool"
        for field, known in (("actor", codes), ("recipient", codes), ("event", types)):
            values = row[field]
            assert isinstance(values, list) and values, f"{where}: {field} is not a non-empty list"
            assert set(values) <= known, f"{where}: unknown {field} {sorted(set(values) - known)}"
        assert row.get("modality") in (None, "future", "hypothetical"), f"{where}: modality"
        assert row.get("hypothetical", False) == (row.get("modality") == "hypothetical"), \
            f"{where}: 'hypothetical' and 'modality' disagree (the scorers read modality)"
        _check_date(where, row["date"], row["precision"])
        evidence, trigger = row["evidence"], row["trigger"]
        assert isinstance(evidence, str) and evidence.strip() == evidence != "", f"{where}: evidence"
        assert isinstance(trigger, str) and trigger and trigger in evidence, \
            f"{where}: trigger {trigger!r} is not in its evidence"
        for field in ("actor_text", "recipient_text"):
            assert isinstance(row[field], str), f"{where}: {field} is not a string"
    assert len(ids) == len(set(ids)), f"{path.name}: duplicate ids"


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: _id(p))
def test_evaluation_voa_gold_file_lies_in_the_folder_of_its_split(path: Path) -> None:
    doc = f"{path.stem}.txt"
    split = _split_of(doc)
    assert split is not None, f"{path.relative_to(ROOT)}: {doc} is not a story in split.json"
    assert path.parent == FOLDER_OF_SPLIT[split], \
        f"{path.relative_to(ROOT)}: a {split} story belongs under {FOLDER_OF_SPLIT[split].relative_to(ROOT)}"


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: _id(p))
def test_evaluation_voa_gold_evidence_is_verbatim_in_story(path: Path) -> None:
    story = CORPUS / f"{path.stem}.txt"
    if not CORPUS.is_dir():
        pytest.skip(NO_SHARED)
    text = story.read_text(encoding="utf-8")
    for where, row in _rows(path):
        assert row["evidence"] in text, f"{where}: evidence not in {story.name}: {row['evidence']!r}"
        for field in ("actor_text", "recipient_text"):
            if row[field]:
                assert row[field] in text, f"{where}: {field} {row[field]!r} not in {story.name}"


def test_evaluation_voa_gold_loads_with_the_project_loader() -> None:
    # The evaluator must read these files as they are (extra fields ignored, dates parsed).
    for folder in FOLDER_OF_SPLIT.values():
        if any(folder.glob("*.jsonl")) and any(p.stat().st_size for p in folder.glob("*.jsonl")):
            gold = load_gold(folder)
            # an empty file (a story with no event) is named by its stem
            stems = {Path(name).stem for name in [*SPLIT["heldout"], *SPLIT["train"]]}
            assert {Path(name).stem for name in gold} <= stems


def test_evaluation_voa_gold_heldout_stories_are_not_named_in_the_package() -> None:
    # A held-out story named anywhere in the package (training data, rules, lexicons) would
    # mean it leaked into what the extractor learns from.
    package = ROOT / "src" / "blocwatch"
    leaks = []
    for path in package.rglob("*"):
        if path.is_file() and path.suffix in {".py", ".json", ".jsonl", ".csv", ".txt", ".md"}:
            text = path.read_text(encoding="utf-8", errors="replace")
            leaks += [f"{path.relative_to(ROOT)}: {Path(doc).stem}" for doc in SPLIT["heldout"]
                      if Path(doc).stem in text]
    assert not leaks, f"held-out stories named in the package: {leaks}"


def test_evaluation_voa_gold_heldout_dates_match_the_corpus_index() -> None:
    # dates.json lets `blocwatch evaluate tests/gold/voa/heldout --docs ../shared/corpus/voa`
    # anchor relative dates ("on Tuesday") at each story's publication date.
    dates = json.loads((HELDOUT_DIR / "dates.json").read_text(encoding="utf-8"))
    assert sorted(dates) == sorted(SPLIT["heldout"])
    for value in dates.values():
        dt.date.fromisoformat(value)
    index_file = CORPUS / "index.json"
    if not index_file.is_file():
        pytest.skip(NO_SHARED)
    index = json.loads(index_file.read_text(encoding="utf-8"))
    assert dates == {doc: index[doc]["published"] for doc in SPLIT["heldout"]}
