"""The matching rules of shared/eval/README.md on small hand-made gold/system pairs, and a
cross-check of the counts against the shared scorer run as a separate program."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from blocwatch.extract.evaluation.scoring import (
    gold_from_row,
    load_gold,
    maximum_matching,
    score,
    system_from_row,
)
from skips import NO_SHARED

SHARED_SCORER = Path(__file__).resolve().parents[2] / "shared" / "eval" / "score.py"


def gold(**fields: Any) -> dict[str, Any]:
    row: dict[str, Any] = {"id": "G1", "doc": "d.txt", "core": True, "actor": ["PAK"],
                           "recipient": ["RUS"], "event": ["CONSULT"], "date": None,
                           "precision": None, "negated": False}
    row.update(fields)
    return row


def system(**fields: Any) -> dict[str, Any]:
    row: dict[str, Any] = {"doc": "d.txt", "actor": "PAK", "recipient": "RUS", "event": "CONSULT",
                           "date": None, "date_precision": None, "negated": False,
                           "modality": "asserted", "text": "..."}
    row.update(fields)
    return row


def run(golds: list[dict[str, Any]], systems: list[dict[str, Any]]):  # type: ignore[no-untyped-def]
    gold_lines = [gold_from_row(g, "d.txt", f"line {n}") for n, g in enumerate(golds, 1)]
    by_doc: dict[str, list[Any]] = {}
    for line in gold_lines:
        by_doc.setdefault(line.doc, []).append(line)
    events = [e for s in systems for e in system_from_row(s)]
    return score(by_doc, events)


def tp_fp_fn(result) -> tuple[int, int, int]:  # type: ignore[no-untyped-def]
    c = result.counts
    return c.tp, c.fp, c.fn


def test_evaluation_symmetric_accepts_either_direction() -> None:
    swapped = system(actor="RUS", recipient="PAK")
    assert tp_fp_fn(run([gold(symmetric=True)], [swapped])) == (1, 0, 0)
    assert tp_fp_fn(run([gold()], [swapped])) == (0, 1, 1)


def test_evaluation_hypothetical_matches_only_hypothetical() -> None:
    hypo_gold = gold(modality="hypothetical")
    assert tp_fp_fn(run([hypo_gold], [system(modality="hypothetical")])) == (1, 0, 0)
    assert tp_fp_fn(run([hypo_gold], [system()])) == (0, 1, 1)
    result = run([gold()], [system(modality="hypothetical")])
    assert tp_fp_fn(result) == (0, 1, 1)
    assert result.modality_errors == 1
    # an announced (future) event still matches an ordinary gold line
    assert tp_fp_fn(run([gold()], [system(modality="future")])) == (1, 0, 0)


@pytest.mark.parametrize(("gold_date", "precision", "sys_date", "sys_precision", "ok"), [
    ("2022-02-25", "day", "2022-02-25", "day", True),
    ("2022-02-25", "day", "2022-02-26", "day", True),       # within one day
    ("2022-02-25", "day", "2022-02-24", "day", True),
    ("2022-02-25", "day", "2022-02-27", "day", False),
    ("2022-02-25", "day", "2022-02", "month", False),       # coarser than the gold
    ("2022-02", "month", "2022-02-03", "day", True),
    ("2022-02", "month", "2022-03-01", "day", False),
    ("2022-02", "month", "2022", "year", False),
    ("2021", "year", "2021-12-31", "day", True),
    ("2021", "year", "2021-04", "month", True),
    ("2021", "year", "2022-01-01", "day", False),
    ("2021", "year", None, None, False),                    # a dated gold needs a date
    (None, None, None, None, True),                         # no gold date: anything goes
    (None, None, "1999", "year", True),
])
def test_evaluation_date_precision_rules(gold_date: str | None, precision: str | None,
                                         sys_date: str | None, sys_precision: str | None,
                                         ok: bool) -> None:
    result = run([gold(date=gold_date, precision=precision)],
                 [system(date=sys_date, date_precision=sys_precision)])
    assert tp_fp_fn(result) == ((1, 0, 0) if ok else (0, 1, 1))
    assert result.date_errors == (0 if ok else 1)


def test_evaluation_date_alternatives() -> None:
    line = gold(date="2021", precision="year", date_alts=["2022"])
    assert tp_fp_fn(run([line], [system(date="2022-05", date_precision="month")])) == (1, 0, 0)
    assert tp_fp_fn(run([line], [system(date="2023", date_precision="year")])) == (0, 1, 1)


def test_evaluation_negation_mismatch_is_a_polarity_error() -> None:
    result = run([gold(event=["ACCUSE"], negated=True)], [system(event="ACCUSE")])
    assert tp_fp_fn(result) == (0, 1, 1)
    assert result.polarity_errors == 1
    assert result.misses[0].reason == "negated"
    assert tp_fp_fn(run([gold(event=["ACCUSE"], negated=True)],
                        [system(event="ACCUSE", negated=True)])) == (1, 0, 0)


def test_evaluation_maximum_matching_beats_greedy() -> None:
    # G1 accepts both events, G2 only the first: a greedy pass that gives G1 the first
    # event leaves G2 unmatched; the maximum matching matches both.
    golds = [gold(id="G1", event=["AGREE", "COOPERATE"]), gold(id="G2", event=["AGREE"])]
    systems = [system(event="AGREE"), system(event="COOPERATE")]
    assert tp_fp_fn(run(golds, systems)) == (2, 0, 0)


def test_evaluation_core_lines_are_served_first() -> None:
    golds = [gold(id="N1", core=False), gold(id="C1")]
    lines = [gold_from_row(g, "d.txt") for g in golds]
    events = system_from_row(system())
    owner = maximum_matching(events, lines)
    assert owner == {0: 1}
    assert tp_fp_fn(run(golds, [system()])) == (1, 0, 0)
    # a non-core line earns and costs nothing
    assert tp_fp_fn(run([gold(core=False)], [system()])) == (0, 0, 0)
    assert tp_fp_fn(run([gold(core=False)], [])) == (0, 0, 0)


def test_evaluation_miss_reasons_name_the_failing_condition() -> None:
    # two happenings extracted as one event: the second line is "merged"
    golds = [gold(id="G1", date="2022-02-23", precision="day"), gold(id="G2")]
    result = run(golds, [system(date="2022-02-23", date_precision="day")])
    assert [(m.gold.id, m.reason) for m in result.misses] == [("G2", "merged")]
    result = run([gold(date="2022-02", precision="month", negated=True)],
                 [system(date="2021", date_precision="year")])
    assert result.misses[0].reason == "date+negated"
    assert run([gold()], [system(actor="RUS", recipient="PAK")]).misses[0].reason == "direction"
    assert run([gold()], [system(event="ACCUSE")]).misses[0].reason == "type"
    assert run([gold()], [system(actor="IND")]).misses[0].reason == "not found"


def test_evaluation_duplicate_of_a_matched_event_is_counted() -> None:
    result = run([gold()], [system(), system(text="second mention")])
    assert tp_fp_fn(result) == (1, 1, 0)
    assert result.duplicates == 1
    assert result.false_positives[0].kind == "dup"


def test_evaluation_compound_system_line_expands_to_pairs() -> None:
    golds = [gold(id=f"G{n}", actor=[a], recipient=[r], event=["REQUEST"])
             for n, (a, r) in enumerate([("USA", "IND"), ("USA", "PAK"), ("CHN", "IND"), ("CHN", "PAK")])]
    result = run(golds, [system(actor=["USA", "CHN"], recipient=["IND", "PAK"], event="REQUEST")])
    assert tp_fp_fn(result) == (4, 0, 0)


def test_evaluation_per_type_counts() -> None:
    golds = [gold(id="G1", event=["SANCTION", "COERCE"]), gold(id="G2", event=["ACCUSE"]),
             gold(id="G3", event=["THREATEN"])]
    systems = [system(event="COERCE"), system(event="ACCUSE"), system(event="ASSAULT")]
    result = run(golds, systems)
    by_type = {name: (c.tp, c.fp, c.fn) for name, c in result.by_type.items()}
    # tp and misses under the gold line's primary type, false positives under the system's
    assert by_type == {"SANCTION": (1, 0, 0), "ACCUSE": (1, 0, 0), "THREATEN": (0, 0, 1),
                       "ASSAULT": (0, 1, 0)}
    assert result.to_dict()["by_type"]["SANCTION"]["f1"] == 1.0


def test_evaluation_documents_are_scored_separately() -> None:
    result = run([gold(doc="a.txt")], [system(doc="/some/dir/b.txt")])
    assert tp_fp_fn(result) == (0, 1, 1)
    assert tp_fp_fn(run([gold(doc="a.txt")], [system(doc="/some/dir/a.txt")])) == (1, 0, 0)


def test_evaluation_load_gold_uses_file_stem_without_doc_field(tmp_path: Path) -> None:
    row = gold()
    del row["doc"]
    (tmp_path / "report-1.jsonl").write_text(json.dumps(row) + "\n\n", encoding="utf-8")
    loaded = load_gold(tmp_path)
    assert list(loaded) == ["report-1"]
    assert loaded["report-1"][0].actors == ("PAK",)


# --- cross-check against the shared scorer --------------------------------------------

CODES = ["PAK", "RUS", "IND"]
TYPES = ["CONSULT", "AGREE", "ACCUSE"]
DATES = [None, "2022", "2022-02", "2022-02-24", "2022-02-25", "2022-03-01"]

gold_lines = st.fixed_dictionaries({
    "core": st.booleans(), "actor": st.lists(st.sampled_from(CODES), min_size=1, max_size=2),
    "recipient": st.lists(st.sampled_from(CODES), min_size=1, max_size=2),
    "event": st.lists(st.sampled_from(TYPES), min_size=1, max_size=2),
    "date": st.sampled_from(DATES), "negated": st.booleans(), "symmetric": st.booleans(),
    "hypothetical": st.booleans(),
})
system_lines = st.fixed_dictionaries({
    "actor": st.sampled_from(CODES), "recipient": st.sampled_from(CODES),
    "event": st.sampled_from(TYPES), "date": st.sampled_from(DATES), "negated": st.booleans(),
    "modality": st.sampled_from(["asserted", "future", "hypothetical"]),
})


def _gold_row(n: int, spec: dict[str, Any]) -> dict[str, Any]:
    date = spec["date"]
    row = gold(id=f"G{n}", core=spec["core"], actor=spec["actor"], recipient=spec["recipient"],
               event=spec["event"], date=date, negated=spec["negated"], symmetric=spec["symmetric"],
               precision={None: None, 4: "year", 7: "month", 10: "day"}[len(date) if date else None])
    if spec["hypothetical"]:
        row["modality"] = "hypothetical"
    return row


@pytest.mark.skipif(not SHARED_SCORER.is_file(), reason=NO_SHARED)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(golds=st.lists(gold_lines, max_size=6), systems=st.lists(system_lines, max_size=8))
def test_evaluation_agrees_with_shared_scorer(tmp_path_factory: pytest.TempPathFactory,
                                              golds: list[dict[str, Any]],
                                              systems: list[dict[str, Any]]) -> None:
    directory = tmp_path_factory.mktemp("cross")
    gold_rows = [_gold_row(n, spec) for n, spec in enumerate(golds)]
    system_rows = [system(date=s["date"], actor=s["actor"], recipient=s["recipient"],
                          event=s["event"], negated=s["negated"], modality=s["modality"])
                   for s in systems]
    (directory / "gold.jsonl").write_text("".join(json.dumps(r) + "\n" for r in gold_rows))
    (directory / "system.jsonl").write_text("".join(json.dumps(r) + "\n" for r in system_rows))
    shared = subprocess.run([sys.executable, str(SHARED_SCORER), str(directory / "gold.jsonl"),
                             str(directory / "system.jsonl")], capture_output=True, text=True,
                            check=True).stdout
    theirs = {k: int(v) for k, v in re.findall(r"(tp|fp|fn|dup|polarity)=(\d+)", shared)}
    result = run(gold_rows, system_rows)
    ours = {"tp": result.counts.tp, "fp": result.counts.fp, "fn": result.counts.fn,
            "dup": result.duplicates, "polarity": result.polarity_errors}
    assert ours == theirs


@settings(max_examples=150, deadline=None)
@given(golds=st.lists(gold_lines, max_size=7), systems=st.lists(system_lines, max_size=8),
       extra=system_lines)
def test_evaluation_counts_are_consistent(golds: list[dict[str, Any]],
                                          systems: list[dict[str, Any]],
                                          extra: dict[str, Any]) -> None:
    gold_rows = [_gold_row(n, spec) for n, spec in enumerate(golds)]
    system_rows = [system(**s) for s in systems]
    result = run(gold_rows, system_rows)
    c = result.counts
    assert c.tp + c.fn == sum(1 for g in gold_rows if g["core"])
    matched_non_core = sum(1 for doc in result.documents for gid, _ in doc.matched
                           if not next(g for g in gold_rows if g["id"] == gid)["core"])
    assert c.tp + c.fp + matched_non_core == len(system_rows)
    assert result.duplicates + result.polarity_errors + result.date_errors \
        + result.modality_errors <= c.fp
    assert sum(t.tp for t in result.by_type.values()) == c.tp
    assert sum(t.fp for t in result.by_type.values()) == c.fp
    # one more system event never loses a true positive (the matching is maximum)
    assert run(gold_rows, [*system_rows, system(**extra)]).counts.tp >= c.tp


def test_evaluation_empty_gold_file_scores_its_document(tmp_path: Path) -> None:
    # a story coded as reporting no event still counts what the extractor wrongly finds there
    from blocwatch.extract.evaluation.scoring import evaluate

    gold_dir, docs = tmp_path / "gold", tmp_path / "docs"
    gold_dir.mkdir()
    docs.mkdir()
    (gold_dir / "quiet.jsonl").write_text("", encoding="utf-8")
    (docs / "quiet.txt").write_text("MOSCOW, 3 May 2024 - Russia attacked Ukraine on Monday.\n", encoding="utf-8")
    result = evaluate(gold_dir, docs_dir=docs)
    assert result.counts.fp >= 1 and result.counts.tp == 0
