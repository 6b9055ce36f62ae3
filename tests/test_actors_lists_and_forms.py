"""Lists of states ("A, B and C"), states fused with a hyphen in one token ("U.S.-backed"),
and the descriptions "both capitals" and "the trio"."""

from __future__ import annotations

from typing import Any

import pytest

from actors_testdata import codes_of, mentions
from blocwatch.extract.nlp import load_pipeline


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_pipeline()


def test_actors_lists_three_states_with_commas_are_one_compound(nlp: Any) -> None:
    text = "Chad, Burkina Faso and Togo signed the accord on Friday."
    assert codes_of(nlp, text)["Chad, Burkina Faso and Togo"] == ("TCD", "BFA", "TGO")


def test_actors_lists_an_organisation_opens_the_list(nlp: Any) -> None:
    text = "The EU, Austria, Poland and Spain protested against the decision."
    assert codes_of(nlp, text)["The EU, Austria, Poland and Spain"] == ("EUU", "AUT", "POL", "ESP")


def test_actors_lists_apposition_with_the_same_state_is_no_list(nlp: Any) -> None:
    text = ("The accord was signed by Iran's deputy foreign minister, Reza Karimi, and the "
            "Omani foreign minister.")
    assert codes_of(nlp, text)["Iran's deputy foreign minister"] == ("IRN",)


def test_actors_lists_a_place_before_a_pair_is_not_joined(nlp: Any) -> None:
    text = "In Paris, Norway and Chile agreed to cooperate."
    found = codes_of(nlp, text)
    assert found["Norway and Chile"] == ("NOR", "CHL")


def test_actors_the_trio_is_the_three_states_named_before(nlp: Any) -> None:
    text = "Chad, Burkina Faso and Togo left the bloc. The bloc said it would keep trading with the trio."
    assert codes_of(nlp, text)["the trio"] == ("TCD", "BFA", "TGO")


def test_actors_both_capitals_are_the_two_states(nlp: Any) -> None:
    text = "Armenia and Azerbaijan traded fire. Officials in both capitals blamed each other."
    assert set(codes_of(nlp, text)["both capitals"]) == {"ARM", "AZE"}


@pytest.mark.parametrize(("text", "words", "codes", "kind"), [
    ("The U.S.-backed forces advanced.", "U.S.-backed", ("USA",), "name"),
    ("Rebels fought U.K.-trained soldiers.", "U.K.-trained", ("GBR",), "name"),
    ("A U.N.-brokered truce held.", "U.N.-brokered", ("UNO",), "organisation"),
    ("A U.S.-based group criticised the law.", "U.S.-based", ("USA",), "place"),
])
def test_actors_fused_hyphen_state(nlp: Any, text: str, words: str, codes: tuple[str, ...], kind: str) -> None:
    found = {m.text: m for m in mentions(nlp, text)}
    assert found[words].codes == codes
    assert found[words].kind == kind


def test_actors_military_rulers_are_the_government(nlp: Any) -> None:
    found = {m.text: m for m in mentions(nlp, "Guinea's military rulers dissolved the assembly.")}
    assert found["Guinea's military rulers"].codes == ("GIN",)
    assert found["Guinea's military rulers"].sector == "GOV"


def test_actors_introduced_name_before_an_adviser_in_apposition(nlp: Any) -> None:
    text = ("Professor Kemal Arslan, a Turkish presidential adviser, spoke on Monday. "
            "Arslan said Ankara would wait.")
    found = codes_of(nlp, text)
    assert found["Kemal Arslan"] == ("TUR",)
    assert found["Arslan"] == ("TUR",)


def test_actors_hong_kong_authorities_are_china(nlp: Any) -> None:
    found = {m.text: m for m in mentions(nlp, "Hong Kong authorities rejected the criticism.")}
    assert found["Hong Kong authorities"].codes == ("CHN",)


def test_actors_press_watchdog_by_its_home_state(nlp: Any) -> None:
    found = {m.text: m for m in mentions(nlp, "Reporters Without Borders condemned the arrest.")}
    assert found["Reporters Without Borders"].codes == ("FRA",)
    assert found["Reporters Without Borders"].sector == "CVL"
