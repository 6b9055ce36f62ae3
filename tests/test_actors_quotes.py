"""First-person words in quotations take the speaker's codes (blocwatch.extract.actors.quotes)."""

from __future__ import annotations

from typing import Any

import pytest

from actors_testdata import all_codes_of, codes_of, mentions
from blocwatch.extract.nlp import load_pipeline


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_pipeline()


def test_actors_quotes_we_after_the_quotation(nlp: Any) -> None:
    text = '"We will not accept these tariffs," the Canadian trade minister said on Tuesday.'
    assert codes_of(nlp, text)["We"] == ("CAN",)


def test_actors_quotes_our_with_the_speaker_before(nlp: Any) -> None:
    text = 'The Mexican foreign minister said: "Our position has not changed."'
    assert codes_of(nlp, text)["Our"] == ("MEX",)


def test_actors_quotes_said_before_the_name(nlp: Any) -> None:
    text = '"We ask Brazil to reconsider," said the Argentine ambassador.'
    found = codes_of(nlp, text)
    assert found["We"] == ("ARG",)
    assert found["Brazil"] == ("BRA",)


def test_actors_quotes_curly_marks_over_two_sentences(nlp: Any) -> None:
    text = "“The talks went well. We expect a deal soon,” the Chilean foreign minister told reporters."
    assert codes_of(nlp, text)["We"] == ("CHL",)


def test_actors_quotes_i_only_for_a_single_person(nlp: Any) -> None:
    text = '"I urge restraint," the Peruvian president said. "I am worried," Peru said.'
    assert all_codes_of(nlp, text, "I") == [("PER",)]


def test_actors_quotes_speaker_the_text_does_not_tie_to_a_state(nlp: Any) -> None:
    text = 'The Bolivian minister spoke first. "We are tired of waiting," a farmer said.'
    assert "We" not in codes_of(nlp, text)


def test_actors_quotes_pronoun_speaker_is_not_used(nlp: Any) -> None:
    text = 'The Bolivian minister arrived. "We are tired of waiting," he said.'
    assert "We" not in codes_of(nlp, text)


def test_actors_quotes_first_person_outside_quotes_is_left_alone(nlp: Any) -> None:
    text = "We learned that the Ecuadorian foreign minister said the talks failed."
    assert all(m.text != "We" for m in mentions(nlp, text))
