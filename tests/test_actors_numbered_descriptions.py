"""Numbered descriptions with modifiers ("the three Gulf states"), state agencies and
the Arabic article before a surname."""

from __future__ import annotations

from typing import Any

import pytest

from actors_testdata import codes_of, mentions
from blocwatch.extract.nlp import load_pipeline


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_pipeline()


def test_actors_numbered_three_with_a_modifier(nlp: Any) -> None:
    text = "Chad, Niger and Togo left the bloc. The three landlocked nations accused it of bias."
    assert codes_of(nlp, text)["The three landlocked nations"] == ("TCD", "NER", "TGO")


def test_actors_numbered_three_swallows_a_group_word(nlp: Any) -> None:
    text = ("Kuwait, Oman and Bahrain issued a statement. The three Gulf states asked for calm.")
    found = codes_of(nlp, text)
    assert found["The three Gulf states"] == ("KWT", "OMN", "BHR")
    assert "Gulf states" not in found


def test_actors_numbered_unresolved_keeps_the_group(nlp: Any) -> None:
    text = "The three Gulf states asked for calm."
    found = codes_of(nlp, text)
    assert "The three Gulf states" not in found
    assert "Gulf states" in found


def test_actors_numbered_two_with_a_hyphenated_modifier(nlp: Any) -> None:
    text = "Peru and Chile argued over the border. The two long-feuding neighbours later met."
    assert set(codes_of(nlp, text)["The two long-feuding neighbours"]) == {"PER", "CHL"}


def test_actors_numbered_needs_a_state_noun(nlp: Any) -> None:
    text = "Peru and Chile argued. The two long-feuding teams later met."
    assert all(m.text != "The two long-feuding teams" for m in mentions(nlp, text))


def test_actors_state_agency_by_acronym(nlp: Any) -> None:
    found = {m.text: m for m in mentions(nlp, "ICE deported forty people to Guatemala on Monday.")}
    assert found["ICE"].codes == ("USA",)


def test_actors_surname_with_a_capitalised_article(nlp: Any) -> None:
    found = codes_of(nlp, "Al-Sharaa's government signed the decree. Al-Sharaa spoke later.", date="2025-03-20")
    assert found["Al-Sharaa's government"] == ("SYR",)
    assert found["Al-Sharaa"] == ("SYR",)


def test_actors_both_leaders_named_together_in_an_earlier_paragraph(nlp: Any) -> None:
    text = ("Peruvian President Ana Torres and Chilean President Luis Vidal met at the border.\n\n"
            "The Brazilian foreign minister phoned both leaders on Sunday.")
    assert set(codes_of(nlp, text, date=None)["both leaders"]) == {"PER", "CHL"}


def test_actors_two_people_of_one_state_are_no_he(nlp: Any) -> None:
    text = ("The envoy met Peruvian President Ana Torres and Peruvian Foreign Minister Luis Vidal. "
            "He said the talks went well.")
    assert "He" not in codes_of(nlp, text, date=None)
