"""The shipped event model: its files, that numpy computes what training computed, and
what it adds to extraction."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from blocwatch.extract.model import detector as det
from blocwatch.extract.model.examples import TYPES
from blocwatch.extract.model.train import check_question
from blocwatch.extract.pipeline import extract_events

DATA = Path(det.__file__).parent / "data"
#: the size the weights may add to the installed package (issue 7: under 100 MB)
BUDGET_MB = 100


def test_detector_ships_weights_and_meta_within_budget():
    meta = json.loads((DATA / "meta.json").read_text())
    assert meta["types"] == list(TYPES)
    assert 0.0 < meta["threshold"] < 1.0 and meta["temperature"] > 0
    assert meta["train_sentences"] > 3000 and meta["dev_sentences"] > 300
    size = sum(p.stat().st_size for p in DATA.iterdir()) / 1e6
    assert size < BUDGET_MB


def test_detector_numpy_encoder_reproduces_the_trained_logits():
    model = det.detector()
    assert model is not None
    check = model.meta["check"]
    question = check_question(check["text"])
    assert [list(p) for p in question.pairs] == check["pairs"]
    probs, _ = model.probabilities([question])[0]
    logits = np.log(probs / (1 - probs)) * model.temperature
    assert np.allclose(logits, np.array(check["logits"]), atol=0.05)


def test_detector_off_by_environment(monkeypatch):
    monkeypatch.setenv(det.MODEL_VARIABLE, "off")
    assert det.detector() is None


def test_detector_probabilities_are_probabilities():
    model = det.detector()
    assert model is not None
    probs, attention = model.probabilities([check_question()])[0]
    assert probs.shape[1] == len(TYPES) and ((probs > 0) & (probs < 1)).all()
    assert np.allclose(attention.sum(1), 1.0, atol=1e-4)


def _events(text: str, monkeypatch: pytest.MonkeyPatch, model: str = "") -> set[tuple[str | None, str | None, str]]:
    monkeypatch.setenv(det.MODEL_VARIABLE, model)
    return {(e.actor, e.recipient, e.event) for e in extract_events(text, date="2024-05-06")}


@pytest.mark.parametrize(("text", "expected"), [
    ("Ghana deported forty Nigerian traders on Friday after a dispute over market permits.",
     ("GHA", "NGA")),
    ("Norway levied tariffs of 25 percent on imports from Chile last week.", ("NOR", "CHL")),
])
def test_detector_finds_events_the_rules_do_not_know(text, expected, monkeypatch):
    with_model = _events(text, monkeypatch)
    rules = _events(text, monkeypatch, "off")
    assert any((a, r) == expected for a, r, _ in with_model)
    assert not any((a, r) == expected for a, r, _ in rules)


def test_detector_reports_no_event_for_an_opinion(monkeypatch):
    text = "Many economists in Lagos think Ghana and Nigeria will trade more in the coming decade."
    assert not _events(text, monkeypatch)


def test_detector_never_asserts_what_the_text_negates(monkeypatch):
    monkeypatch.setenv(det.MODEL_VARIABLE, "")
    events = extract_events("Hungary has not deported any Ukrainian citizens this year, officials said.",
                            date="2024-05-06")
    # the lexicon does not know "deport": the model may see the pair, but never as a deportation that happened
    assert not [e for e in events if (e.actor, e.recipient) == ("HUN", "UKR") and not e.negated]


def test_extract_min_confidence_filters_and_checks_its_value(tmp_path):
    doc = tmp_path / "report.txt"
    doc.write_text("Ghana deported forty Nigerian traders on Friday. Ghana and Nigeria held talks in Accra "
                   "on Saturday.\n")
    def run(*extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "blocwatch", "extract", str(doc), "--date", "2024-05-06",
                               *extra], capture_output=True, text=True)
    everything = [json.loads(line) for line in run().stdout.splitlines()]
    confident = [json.loads(line) for line in run("--min-confidence", "0.9").stdout.splitlines()]
    assert everything and len(confident) <= len(everything)
    assert all(e["confidence"] >= 0.9 for e in confident)
    bad = run("--min-confidence", "1.5")
    assert bad.returncode == 2 and "--min-confidence" in bad.stderr
