"""The held-out evaluation sets of issue 7 are well formed and the extractor does not fall
below the level it reached on them.

* tests/gold/reference/sentences.jsonl: single-sentence reference examples, scored by
  blocwatch.extract.evaluation.reference (type share, type + parties share);
* tests/gold/wire: short dated wire reports with gold in the format of tests/gold/gold,
  scored by `blocwatch evaluate`.

Floors: the "reference" and "wire" entries of tests/gold/floors.json. Both sets are held
out: never tune the extractor on them (see their READMEs)."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from blocwatch.errors import DataError
from blocwatch.extract import gazetteer
from blocwatch.extract.evaluation.reference import (
    Example,
    judge,
    load_reference,
    score_examples,
    score_reference,
)
from blocwatch.extract.evaluation.scoring import load_dates, load_gold
from blocwatch.ingest import read_document
from gold_lines import check_gold_line, gold_rows, known_codes, plover_types

ROOT = Path(__file__).resolve().parent
GOLD_ROOT = ROOT / "gold"
REFERENCE = GOLD_ROOT / "reference" / "sentences.jsonl"
WIRE = GOLD_ROOT / "wire"
WIRE_DOCS = sorted((WIRE / "docs").glob("*.txt"))
FLOORS = json.loads((GOLD_ROOT / "floors.json").read_text(encoding="utf-8"))
TRAINING = ROOT.parent / "src" / "blocwatch" / "extract" / "data" / "training"
REFERENCE_KEYS = {"id", "text", "event", "actor", "recipient", "symmetric", "negated"}



def _normalised(path: Path) -> str:
    return re.sub(r"\s+", " ", read_document(path).text)


# --- the reference sentences -------------------------------------------------------------

def test_evaluation_heldout_reference_lines_are_well_formed() -> None:
    codes, types = known_codes(), plover_types()
    rows = [json.loads(line) for line in REFERENCE.read_text(encoding="utf-8").splitlines()]
    assert len(rows) >= 150
    for number, row in enumerate(rows, 1):
        where = f"sentences.jsonl:{number}"
        assert set(row) == REFERENCE_KEYS, where
        assert isinstance(row["text"], str) and row["text"].strip() == row["text"], where
        assert row["text"][-1] in ".\"", where
        assert 4 <= len(row["text"].split()) <= 30, where
        assert row["event"] and set(row["event"]) <= types, where
        assert len(row["event"]) == len(set(row["event"])), where
        assert row["actor"] and set(row["actor"]) <= codes, where
        assert row["recipient"] and set(row["recipient"]) <= codes, where
        assert not set(row["actor"]) & set(row["recipient"]), where
        assert isinstance(row["symmetric"], bool) and row["negated"] is False, where
    assert len({r["id"] for r in rows}) == len(rows), "duplicate ids"
    assert len({r["text"] for r in rows}) == len(rows), "duplicate sentences"
    assert len(load_reference(REFERENCE)) == len(rows)


def test_evaluation_heldout_reference_covers_every_type_and_many_parties() -> None:
    examples = load_reference(REFERENCE)
    primary = Counter(e.events[0] for e in examples)
    assert set(primary) == plover_types()
    assert min(primary.values()) >= 8, primary
    parties = {code for e in examples for code in e.actors + e.recipients}
    assert len(parties) >= 80
    organisations = {o.code for o in gazetteer.load_organisations()}
    assert len(parties & organisations) >= 10


def _training_text() -> str:
    return "\n".join(p.read_text(encoding="utf-8", errors="replace")
                     for p in sorted(TRAINING.rglob("*")) if p.is_file() and p.suffix in (".json", ".jsonl", ".txt", ".csv"))


def test_evaluation_heldout_sets_are_not_in_the_training_data() -> None:
    training = re.sub(r"\s+", " ", _training_text()).lower()
    for example in load_reference(REFERENCE):
        assert example.text.rstrip(".").lower() not in training, example.id
    for path in WIRE_DOCS:
        for sentence in re.split(r"(?<=[.!?])\s+", _normalised(path)):
            if len(sentence.split()) >= 8:
                assert sentence.rstrip(".").lower() not in training, f"{path.name}: {sentence[:60]}"


def test_evaluation_heldout_reference_judges_type_parties_and_reversal() -> None:
    meeting = Example("x", "t", ("CONSULT",), ("PER",), ("ECU",), symmetric=True)
    visit = Example("y", "t", ("CONSULT",), ("VNM",), ("BRA",))
    assert judge(meeting, [("CONSULT", "ECU", "PER", False)]) == (True, True)
    assert judge(visit, [("CONSULT", "BRA", "VNM", False)]) == (True, False)
    assert judge(visit, [("AGREE", "VNM", "BRA", False)]) == (False, False)
    assert judge(visit, [("CONSULT", "VNM", "BRA", True)]) == (False, False)   # polarity counts
    assert judge(visit, [("CONSULT", "VNM", "USA", False), ("CONSULT", "VNM", "BRA", False)]) == (True, True)
    result = score_examples([meeting, visit], lambda text: [])
    assert (result["type"], result["type_parties"], result["no_event"]) == (0.0, 0.0, 2)


def test_evaluation_heldout_reference_rejects_bad_lines(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "text": "x", "event": ["AGREE"], "actor": ["USA"], "recipient": ["CHN"]}\n'
                   '{"id": "a", "text": "y", "event": ["AGREE"], "actor": ["USA"], "recipient": ["CHN"]}\n',
                   encoding="utf-8")
    with pytest.raises(DataError, match="duplicate"):
        load_reference(bad)
    bad.write_text('{"id": "a", "text": "x", "event": [], "actor": ["USA"], "recipient": ["CHN"]}\n',
                   encoding="utf-8")
    with pytest.raises(DataError, match="event"):
        load_reference(bad)


# --- the wire reports --------------------------------------------------------------------

def test_evaluation_heldout_wire_lines_are_well_formed() -> None:
    codes, types = known_codes(), plover_types()
    files = sorted((WIRE / "gold").glob("*.jsonl"))
    assert len(files) >= 12
    assert [p.stem for p in files] == [p.stem for p in WIRE_DOCS]
    ids = []
    for path in files:
        for where, row in gold_rows(path):
            ids.append(row["id"])
            assert row["doc"] == path.stem + ".txt", where
            check_gold_line(row, where, codes, types)
    assert len(ids) == len(set(ids)), "duplicate ids"
    assert sum(len(lines) for lines in load_gold(WIRE / "gold").values()) == len(ids)


@pytest.mark.parametrize("path", WIRE_DOCS, ids=lambda p: p.name)
def test_evaluation_heldout_wire_evidence_is_in_dated_document(path: Path) -> None:
    document = read_document(path)
    text = _normalised(path)
    assert 150 <= len(text.split()) <= 350
    assert document.pub_date is not None, "a wire report is dated by its dateline"
    assert "2019" <= document.pub_date[:4] <= "2026"
    lines = load_gold(WIRE / "gold" / f"{path.stem}.jsonl")[path.name]
    assert sum(line.core for line in lines) >= 6
    for line in lines:
        assert line.evidence in text, f"{path.name} {line.id}: {line.evidence!r}"
    assert not load_dates(WIRE / "gold", WIRE, WIRE / "docs")


# --- quality floors ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def _extractor() -> None:
    pytest.importorskip("blocwatch.extract.pipeline", reason="the extractor is not written yet")


@pytest.mark.usefixtures("_extractor")
def test_evaluation_heldout_reference_quality_floor() -> None:
    result = score_reference(REFERENCE)
    floors = FLOORS["reference"]
    summary = (f"type={result['type']:.3f} type+parties={result['type_parties']:.3f} "
               f"no event={result['no_event']}/{result['examples']}")
    for measure in ("type", "type_parties"):
        assert result[measure] >= floors[measure] - 1e-9, f"{measure} fell below {floors[measure]}: {summary}"


@pytest.mark.usefixtures("_extractor")
def test_evaluation_heldout_wire_quality_floor() -> None:
    from blocwatch.extract.evaluation.scoring import evaluate

    result = evaluate(WIRE / "gold", docs_dir=WIRE / "docs")
    floors = FLOORS["wire"]
    summary = (f"P={result.precision:.3f} R={result.recall:.3f} F1={result.f1:.3f} "
               f"polarity={result.polarity_errors}")
    assert not result.errors, result.errors
    assert result.polarity_errors == 0, summary
    for measure in ("f1", "precision", "recall"):
        assert getattr(result, measure) >= floors[measure] - 1e-9, \
            f"{measure} fell below the floor {floors[measure]}: {summary}"
