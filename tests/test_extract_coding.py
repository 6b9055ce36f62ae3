"""PLOVER -> CAMEO coding from the reference tables."""

from __future__ import annotations

import pytest

from blocwatch.extract import coding
from blocwatch.extract.rules.events import lexicon


@pytest.mark.parametrize(("event", "mode", "contexts", "future", "cameo", "quad"), [
    ("CONSULT", "visit", ("diplomatic",), False, "042", 1),
    ("CONSULT", None, ("diplomatic",), False, "040", 1),
    ("SANCTION", "expel", ("diplomatic",), False, "161", 4),
    ("ASSAULT", "aerial", ("military",), False, "195", 4),
    ("AGREE", None, ("economic",), True, "0311", 1),
    ("ACCUSE", None, ("diplomatic",), False, "112", 3),
])
def test_extract_coding_known_codes(event: str, mode: str | None, contexts: tuple[str, ...], future: bool,
                                    cameo: str, quad: int) -> None:
    code = coding.code_event(event, mode, contexts, future)
    assert (code.cameo, code.quad) == (cameo, quad)
    assert code.goldstein is not None and -10 <= code.goldstein <= 10


def test_extract_coding_every_trigger_frame_has_a_code() -> None:
    verbs, nouns, _, _ = lexicon()
    for frame in [f for group in verbs.values() for f in group] + list(nouns.values()):
        code = coding.code_event(frame.event, frame.mode, frame.context)
        assert code.cameo and code.quad in (1, 2, 3, 4), frame
        if frame.mode is not None and frame.lemma not in ("launch",):
            assert coding.plover_mode(frame.event, frame.mode) == frame.mode, frame


def test_extract_coding_unknown_mode_is_dropped() -> None:
    assert coding.plover_mode("CONSULT", "no-such-mode") is None
