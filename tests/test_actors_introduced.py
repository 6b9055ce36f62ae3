"""People the office table does not know: introduced by a post in apposition or after a
title with "for"/"to", and later named by surname alone (blocwatch.extract.actors.introduced)."""

from __future__ import annotations

from typing import Any

import pytest

from actors_testdata import all_codes_of, codes_of
from blocwatch.extract.nlp import load_pipeline


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_pipeline()


def test_actors_introduced_apposition_name_takes_the_posts_state(nlp: Any) -> None:
    text = "Kenya's government spokeswoman, Amina Odhiambo, said the border would stay open."
    assert codes_of(nlp, text)["Amina Odhiambo"] == ("KEN",)


def test_actors_introduced_surname_later_is_the_same_person(nlp: Any) -> None:
    text = ("Kenya's government spokeswoman, Amina Odhiambo, said the border would stay open. "
            "Odhiambo added that talks with Uganda would resume.")
    found = codes_of(nlp, text)
    assert found["Odhiambo"] == ("KEN",)
    assert found["Uganda"] == ("UGA",)


def test_actors_introduced_title_for_a_place_then_a_name(nlp: Any) -> None:
    text = ("The UN special envoy for Yemen Lars Eklund met both delegations on Monday. "
            "Eklund said the truce was holding.")
    found = codes_of(nlp, text)
    assert found["Lars Eklund"] == ("UNO",)
    assert found["Eklund"] == ("UNO",)


def test_actors_introduced_titled_unknown_name_recalled_by_surname(nlp: Any) -> None:
    text = ("Ghanaian Interior Minister Kwame Asante announced new checks at the border. "
            "Asante said they would last a month.")
    assert codes_of(nlp, text)["Asante"] == ("GHA",)


def test_actors_introduced_shared_surname_of_two_states_is_no_one(nlp: Any) -> None:
    text = ("Kenya's government spokeswoman, Amina Odhiambo, spoke first. Uganda's government "
            "spokesman, Peter Odhiambo, replied. Odhiambo later left the room.")
    found = all_codes_of(nlp, text, "Odhiambo")
    assert found == []


def test_actors_introduced_surname_before_the_introduction_is_not_resolved(nlp: Any) -> None:
    text = ("Odhiambo spoke first. Kenya's government spokeswoman, Amina Odhiambo, said the border "
            "would stay open.")
    assert all_codes_of(nlp, text, "Odhiambo") == []


def test_actors_introduced_a_longer_name_is_someone_else(nlp: Any) -> None:
    text = ("Kenya's government spokeswoman, Amina Odhiambo, spoke. Later Grace Odhiambo, a "
            "teacher, said she disagreed.")
    assert "Grace Odhiambo" not in codes_of(nlp, text)
    assert all_codes_of(nlp, text, "Odhiambo") == []
