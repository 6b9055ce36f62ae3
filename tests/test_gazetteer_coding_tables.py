"""Completeness and consistency of cameo.csv, plover.json and plover_cameo.csv."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from blocwatch.extract import gazetteer

PLOVER_TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"]


def _root_quad(code: str) -> int:
    root = int(code[:2])
    return 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4


def test_gazetteer_cameo_codes_complete() -> None:
    cameo = gazetteer.load_cameo()
    roots = {c for c in cameo if len(c) == 2}
    assert roots == {f"{n:02d}" for n in range(1, 21)}
    assert all(re.fullmatch(r"\d{2,4}", c) for c in cameo)
    for code in cameo:
        # every 3- or 4-digit code sits under a listed parent
        assert code[:len(code) - 1] in cameo or len(code) == 2 or (len(code) == 3 and code[:2] in cameo), code
        if len(code) == 3:
            assert code[:2] in cameo
    # every root has its "not specified" 3-digit code (010, 020, ... 200)
    assert all(f"{root}0" in cameo for root in roots)
    assert len(cameo) >= 300


def test_gazetteer_cameo_values_consistent() -> None:
    plover_modes = {e["event"]: {m["mode"] for m in e["modes"]} for e in gazetteer.load_plover()["events"]}
    contexts = {c["context"] for c in gazetteer.load_plover()["contexts"]}
    for info in gazetteer.load_cameo().values():
        assert -10.0 <= info.goldstein <= 10.0, info.code
        assert info.quad == _root_quad(info.code), info.code
        assert info.label.strip()
        if info.plover_event is not None:
            assert info.plover_event in PLOVER_TYPES, info.code
            assert info.plover_mode is None or info.plover_mode in plover_modes[info.plover_event], info.code
        else:
            assert info.plover_mode is None
        assert info.plover_context is None or info.plover_context in contexts, info.code


@pytest.mark.parametrize(("code", "goldstein"), [
    ("010", 0.0), ("020", 3.0), ("030", 4.0), ("036", 4.0), ("040", 1.0), ("042", 1.9), ("043", 2.8),
    ("046", 7.0), ("051", 3.4), ("057", 8.0), ("061", 6.4), ("062", 7.4), ("070", 7.0), ("071", 7.4),
    ("072", 8.3), ("081", 5.0), ("085", 7.0), ("111", -2.0), ("112", -2.0), ("120", -4.0), ("130", -4.4),
    ("160", -4.0), ("163", -8.0), ("172", -5.0), ("173", -5.0), ("174", -5.0), ("180", -9.0),
    ("190", -10.0), ("193", -10.0), ("195", -10.0), ("0874", 10.0),
])
def test_gazetteer_cameo_goldstein_spot_checks(code: str, goldstein: float) -> None:
    info = gazetteer.cameo_info(code)
    assert info is not None and info.goldstein == goldstein


def test_gazetteer_cameo_polarity_matches_plover_type() -> None:
    """Cooperative PLOVER types map to codes with Goldstein >= 0 (except statements of intent that
    CAMEO scores slightly negative), conflictual ones to codes below 0."""
    cooperative = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"}
    for info in gazetteer.load_cameo().values():
        if info.plover_event in cooperative:
            assert info.goldstein >= 0, info.code
        elif info.plover_event in set(PLOVER_TYPES) - cooperative - {"REQUEST"}:
            assert info.goldstein < 0, info.code


def test_gazetteer_plover_types_and_modes() -> None:
    plover = gazetteer.load_plover()
    events = {e["event"]: e for e in plover["events"]}
    assert tuple(events) == tuple(PLOVER_TYPES)
    for name, event in events.items():
        assert event["quad"] in (1, 2, 3, 4) and event["description"]
        modes = [m["mode"] for m in event["modes"]]
        assert len(modes) == len(set(modes)), name
        for mode in event["modes"]:
            assert mode["source"] in ("PLOVER", "blocwatch")
    assert {"visit", "phone", "third-party", "multilateral"} <= {m["mode"] for m in events["CONSULT"]["modes"]}
    assert {"expel", "break-relations"} <= {m["mode"] for m in events["SANCTION"]["modes"]}
    assert "aerial" in {m["mode"] for m in events["ASSAULT"]["modes"]}
    assert {"GOV", "MIL", "LEG", "JUD", "COP", "SPY", "BUS", "CVL", "OPP", "MED", "REB", "IGO"} <= {
        s["sector"] for s in plover["sectors"]}


def test_gazetteer_plover_cameo_table_consistent() -> None:
    cameo = gazetteer.load_cameo()
    plover = gazetteer.load_plover()
    modes = {e["event"]: {m["mode"] for m in e["modes"]} for e in plover["events"]}
    contexts = {c["context"] for c in plover["contexts"]}
    rows = gazetteer.load_plover_cameo()
    keys = [(r.event, r.mode, r.context) for r in rows]
    assert len(keys) == len(set(keys)), "duplicate (event, mode, context) row"
    for row in rows:
        assert row.cameo in cameo, row
        assert row.event in PLOVER_TYPES, row
        assert row.mode in modes[row.event] or row.mode in ("", "future"), row
        assert row.context == "" or row.context in contexts, row
    defaults = {r.event for r in rows if r.mode == "" and r.context == ""}
    assert defaults == set(PLOVER_TYPES), "every PLOVER type needs a default row"
    # every mode listed in plover.json has a row, and the row agrees with plover.json
    for event in plover["events"]:
        for mode in event["modes"]:
            row = next(r for r in rows if r.event == event["event"] and r.mode == mode["mode"] and not r.context)
            assert row.cameo == mode["cameo"], (event["event"], mode["mode"])
        assert gazetteer.plover_to_cameo(event["event"]).code == event["cameo"]


def test_gazetteer_plover_to_cameo_examples() -> None:
    assert gazetteer.plover_to_cameo("CONSULT", "visit").code == "042"
    assert gazetteer.plover_to_cameo("CONSULT", "phone").code == "041"
    assert gazetteer.plover_to_cameo("CONSULT", "third-party").code == "045"
    assert gazetteer.plover_to_cameo("CONSULT", None).code == "040"
    assert gazetteer.plover_to_cameo("AID", None, "military").code == "072"
    assert gazetteer.plover_to_cameo("COOPERATE", None, "military").code == "062"
    assert gazetteer.plover_to_cameo("ASSAULT", "aerial") == gazetteer.CameoCode("195", -10.0, 4)
    assert gazetteer.plover_to_cameo("AGREE", "future").code == "030"
    # an unknown mode falls back to the type's default
    assert gazetteer.plover_to_cameo("REJECT", "no-such-mode").code == "120"
    with pytest.raises(KeyError):
        gazetteer.plover_to_cameo("DANCE")


CONTEXTS = [c["context"] for c in gazetteer.load_plover()["contexts"]]


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(PLOVER_TYPES), st.one_of(st.none(), st.text(max_size=12)),
       st.one_of(st.none(), st.sampled_from(CONTEXTS)))
def test_gazetteer_plover_to_cameo_always_gives_a_listed_code(event: str, mode: str | None,
                                                             context: str | None) -> None:
    """Whatever mode or context the extractor passes, the answer is a code of cameo.csv whose
    Goldstein value and quad are those of the table, and an unknown mode never changes the code
    chosen for the type and context alone."""
    code = gazetteer.plover_to_cameo(event, mode, context)
    info = gazetteer.cameo_info(code.code)
    assert info is not None and (info.goldstein, info.quad) == (code.goldstein, code.quad)
    known = {r.mode for r in gazetteer.load_plover_cameo() if r.event == event}
    if mode not in known:
        assert code == gazetteer.plover_to_cameo(event, None, context)
