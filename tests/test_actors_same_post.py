"""A definite post without a state ("the spokesperson", "the official") is the one of that
post named shortly before; a surname the tagger reads as a noun is still the person."""

from __future__ import annotations

from typing import Any

import pytest

from actors_testdata import all_codes_of, codes_of
from blocwatch.extract.nlp import load_pipeline


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_pipeline()


def test_actors_same_post_spokesperson_named_before(nlp: Any) -> None:
    text = ("A Norwegian foreign ministry spokesperson condemned the attack. The spokesperson "
            "added that Oslo would send aid.")
    assert codes_of(nlp, text)["The spokesperson"] == ("NOR",)


def test_actors_same_post_official_named_before(nlp: Any) -> None:
    text = "A senior Danish official met the delegation. The official said talks would go on."
    assert codes_of(nlp, text)["The official"] == ("DNK",)


def test_actors_same_post_two_states_disagree_so_none(nlp: Any) -> None:
    text = ("A Norwegian official met a Swedish official in Bergen. The official said talks "
            "would go on.")
    assert "The official" not in codes_of(nlp, text)


def test_actors_same_post_nothing_before_so_none(nlp: Any) -> None:
    text = "The spokesperson said the meeting was postponed."
    assert "The spokesperson" not in codes_of(nlp, text)


def test_actors_same_post_too_far_back_so_none(nlp: Any) -> None:
    filler = " ".join(f"Rain fell on day {n}." for n in range(1, 9))
    text = f"A Norwegian official spoke. {filler} The official said talks would go on."
    assert "The official" not in codes_of(nlp, text)


def test_actors_same_post_the_government_stays_a_description(nlp: Any) -> None:
    text = "Finland closed its border. The government said the measure was temporary."
    assert codes_of(nlp, text)["The government"] == ("FIN",)


def test_actors_surname_read_as_noun_after_the_full_name(nlp: Any) -> None:
    text = ("President Donald Trump spoke on Monday. Later in the week Trump blocked the sale "
            "of the jets.")
    assert all_codes_of(nlp, text, "Trump", date="2019-12-10") == [("USA",)]


def test_actors_surname_the_person_is_called_preferred(nlp: Any) -> None:
    text = "Guterres' spokesman said the convoy had been stopped."
    assert codes_of(nlp, text, date="2021-03-05")["Guterres' spokesman"] == ("UNO",)


def test_actors_former_official_stays_former_by_surname(nlp: Any) -> None:
    text = ("The forum, led by former NATO Secretary General Anders Fogh Rasmussen, met in May. "
            "Rasmussen said China was the main concern.")
    assert all_codes_of(nlp, text, "Rasmussen", date="2021-05-12") == []
    assert all_codes_of(nlp, text, "Rasmussen", date=None) == []


def test_actors_former_post_but_in_office_on_the_date(nlp: Any) -> None:
    text = ("Vladimir Putin, a former KGB officer, spoke in Moscow. Putin said the talks would go on.")
    assert all_codes_of(nlp, text, "Putin", date="2021-05-12") == [("RUS",)]


def test_actors_he_does_not_reach_far_back_in_a_long_paragraph(nlp: Any) -> None:
    filler = " ".join(f"Prices rose on day {n}." for n in range(1, 6))
    text = f"President Donald Trump spoke on Monday. {filler} He said he was happy."
    assert all_codes_of(nlp, text, "He", date="2019-12-10") == []


def test_actors_he_within_reach_is_resolved(nlp: Any) -> None:
    text = "President Donald Trump spoke on Monday. Prices rose. He said he was happy."
    assert all_codes_of(nlp, text, "He", date="2019-12-10") == [("USA",)]


def test_actors_its_does_not_reach_far_back_in_a_long_paragraph(nlp: Any) -> None:
    filler = " ".join(f"Prices rose on day {n}." for n in range(1, 6))
    text = f"Zimbabwe held an election. {filler} A watchdog said in its report that media suffered."
    assert all_codes_of(nlp, text, "its", date="2024-01-10") == []
