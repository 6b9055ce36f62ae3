"""Shape of the synthetic training sentences in ``extract/data/training/synthetic/``.

Each ``*.jsonl`` file there holds one JSON object per line, written for the project:

    {"id": "sa-agree-0001", "text": "...", "pub_date": "2024-03-12" (optional),
     "events": [{"event": "AGREE", "cameo": "057", "trigger": "signed",
                 "actor": "IND", "actor_text": "New Delhi", "recipient": "RUS", "recipient_text": "Moscow",
                 "negated": false, "modality": "asserted"}]}

``events`` is empty for a sentence that reports no event between parties. ``trigger``,
``actor_text`` and ``recipient_text`` are exact substrings of ``text`` so that a trainer can
find their character spans. Every helper's file in the folder is checked, not only one set.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest

from blocwatch.extract import gazetteer

ROOT = Path(__file__).resolve().parents[1]
SYNTHETIC = ROOT / "src" / "blocwatch" / "extract" / "data" / "training" / "synthetic"
CODES_DOC = ROOT / "docs" / "codes.md"

RECORD_KEYS = {"id", "text", "events"}
OPTIONAL_RECORD_KEYS = {"pub_date"}
EVENT_KEYS = {"event", "cameo", "trigger", "actor", "actor_text", "recipient", "recipient_text",
              "negated", "modality"}
MODALITIES = {"asserted", "future", "hypothetical"}

Line = tuple[str, dict[str, Any]]  # ("file.jsonl:12", record)


def _files() -> list[Path]:
    return sorted(SYNTHETIC.glob("*.jsonl"))


def _lines() -> list[Line]:
    """Every line of every file, parsed; a line that is not JSON fails here with its place."""
    out: list[Line] = []
    for path in _files():
        for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            where = f"{path.name}:{number}"
            if not raw.strip():
                pytest.fail(f"{where}: blank line")
            try:
                record = json.loads(raw)
            except json.JSONDecodeError as exc:
                pytest.fail(f"{where}: not JSON ({exc.msg})")
            if not isinstance(record, dict):
                pytest.fail(f"{where}: not a JSON object")
            out.append((where, record))
    return out


def _events(lines: list[Line]) -> list[tuple[str, dict[str, Any]]]:
    return [(f"{where} event {i}", ev) for where, rec in lines for i, ev in enumerate(rec["events"])]


def _documented_codes() -> set[str]:
    """Codes in the first column of the tables in docs/codes.md (a code may be documented there
    before its record reaches the JSON files)."""
    codes = set()
    for line in CODES_DOC.read_text(encoding="utf-8").splitlines():
        match = re.match(r"\|\s*`([A-Z][A-Z0-9]+)`\s*\|", line)
        if match:
            codes.add(match.group(1))
    return codes


def _known_party_codes() -> set[str]:
    codes = {c.iso3 for c in gazetteer.load_countries()}
    codes |= {o.code for o in gazetteer.load_organisations()}
    codes |= {g.code for g in gazetteer.load_groups()}
    return codes | _documented_codes()


def test_training_synthetic_folder_has_data() -> None:
    files = _files()
    assert files, f"no .jsonl files in {SYNTHETIC}"
    for path in files:
        assert path.read_text(encoding="utf-8").strip(), f"{path.name}: empty file"


def test_training_synthetic_records_have_the_keys() -> None:
    for where, rec in _lines():
        keys = set(rec)
        assert keys >= RECORD_KEYS, f"{where}: missing {sorted(RECORD_KEYS - keys)}"
        assert keys <= RECORD_KEYS | OPTIONAL_RECORD_KEYS, f"{where}: unknown {sorted(keys - RECORD_KEYS - OPTIONAL_RECORD_KEYS)}"
        assert isinstance(rec["id"], str) and rec["id"].strip(), f"{where}: id"
        assert isinstance(rec["text"], str) and rec["text"].strip() == rec["text"] != "", f"{where}: text"
        assert isinstance(rec["events"], list), f"{where}: events is not a list"
        for i, ev in enumerate(rec["events"]):
            assert isinstance(ev, dict), f"{where} event {i}: not an object"
            assert set(ev) == EVENT_KEYS, f"{where} event {i}: keys {sorted(set(ev) ^ EVENT_KEYS)}"
            for key in EVENT_KEYS - {"negated"}:
                assert isinstance(ev[key], str) and ev[key] != "", f"{where} event {i}: {key}"
            assert isinstance(ev["negated"], bool), f"{where} event {i}: negated must be true or false"


def test_training_synthetic_ids_and_texts_unique() -> None:
    ids: dict[str, str] = {}
    texts: dict[str, str] = {}
    for where, rec in _lines():
        assert rec["id"] not in ids, f"{where}: id {rec['id']} also at {ids.get(rec['id'])}"
        ids[rec["id"]] = where
        # the same sentence twice would leak between a training and a held-out split
        assert rec["text"] not in texts, f"{where}: same text as {texts.get(rec['text'])}"
        texts[rec["text"]] = where


def test_training_synthetic_pub_dates_are_dates() -> None:
    for where, rec in _lines():
        if "pub_date" in rec:
            try:
                dt.date.fromisoformat(rec["pub_date"])
            except (TypeError, ValueError):
                pytest.fail(f"{where}: pub_date {rec['pub_date']!r} is not YYYY-MM-DD")


def test_training_synthetic_event_types_and_cameo_codes_known() -> None:
    types = {e["event"] for e in gazetteer.load_plover()["events"]}
    cameo = gazetteer.load_cameo()
    for where, ev in _events(_lines()):
        assert ev["event"] in types, f"{where}: unknown PLOVER type {ev['event']}"
        info = cameo.get(ev["cameo"])
        assert info is not None, f"{where}: CAMEO {ev['cameo']} not in cameo.csv"
        # the code must belong to the type, or the two labels of one event contradict each other
        assert info.plover_event == ev["event"], (
            f"{where}: CAMEO {ev['cameo']} is {info.plover_event}, labelled {ev['event']}")


def test_training_synthetic_parties_known_and_distinct() -> None:
    known = _known_party_codes()
    for where, ev in _events(_lines()):
        for role in ("actor", "recipient"):
            assert ev[role] in known, f"{where}: {role} code {ev[role]} not in the project's codes"
        assert ev["actor"] != ev["recipient"], f"{where}: actor and recipient are both {ev['actor']}"


def test_training_synthetic_spans_are_in_the_text() -> None:
    for where, rec in _lines():
        for i, ev in enumerate(rec["events"]):
            for key in ("trigger", "actor_text", "recipient_text"):
                assert ev[key] in rec["text"], f"{where} event {i}: {key} {ev[key]!r} not in the text"


def test_training_synthetic_modality_values() -> None:
    for where, ev in _events(_lines()):
        assert ev["modality"] in MODALITIES, f"{where}: modality {ev['modality']!r}"


def test_training_synthetic_events_not_repeated_in_a_sentence() -> None:
    for where, rec in _lines():
        keys = [(e["event"], e["actor"], e["recipient"], e["trigger"], e["actor_text"], e["recipient_text"])
                for e in rec["events"]]
        assert len(keys) == len(set(keys)), f"{where}: the same event is listed twice"


def test_training_synthetic_sd_ids_follow_their_file() -> None:
    # the fourth set: sd_<topic>.jsonl holds ids sd-<topic>-NNNN, numbered from 0001 in order
    for path in _files():
        if not path.name.startswith("sd_"):
            continue
        topic = path.stem[len("sd_"):]
        for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            rec_id = json.loads(raw)["id"]
            assert rec_id == f"sd-{topic}-{number:04d}", f"{path.name}:{number}: id {rec_id}"
