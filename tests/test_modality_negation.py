"""Negation and modality of triggers, read from real spaCy parses."""

from __future__ import annotations

from typing import Any

import pytest

from blocwatch.extract.nlp import load_pipeline
from blocwatch.extract.rules import modality


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_pipeline()


def _token(nlp: Any, text: str, lemma: str) -> Any:
    doc = nlp(text)
    return next(tok for tok in doc if tok.lemma_.lower() == lemma)


@pytest.mark.parametrize(("text", "lemma"), [
    ("PM Khan did not condemn Russia's invasion of Ukraine.", "condemn"),
    ("India has not criticised Moscow.", "criticise"),
    ("Turkey never joined the sanctions.", "join"),
    ("The minister didn't visit Beijing.", "visit"),
])
def test_modality_negated_verbs(nlp: Any, text: str, lemma: str) -> None:
    assert modality.is_negated(_token(nlp, text, lemma))


@pytest.mark.parametrize(("text", "lemma"), [
    ("PM Khan condemned Russia's invasion of Ukraine.", "condemn"),
    ("Not only did India buy oil, it also sold arms.", "sell"),
])
def test_modality_plain_verbs_are_not_negated(nlp: Any, text: str, lemma: str) -> None:
    assert not modality.is_negated(_token(nlp, text, lemma))


@pytest.mark.parametrize(("text", "lemma", "expected"), [
    ("Pakistan would purchase two million tonnes of wheat from Russia.", "purchase", "future"),
    ("China will visit Russia next month.", "visit", "future"),
    ("Russia is going to supply gas to Pakistan.", "supply", "future"),
    ("If Russia can assist with gas, it will help both.", "assist", "hypothetical"),
    ("Western sanctions could affect this bilateral project.", "affect", "hypothetical"),
    ("Moscow might recognise the region.", "recognise", "hypothetical"),
    ("Russia lifted its arms embargo on Pakistan.", "lift", "asserted"),
])
def test_modality_of_verbs(nlp: Any, text: str, lemma: str, expected: str) -> None:
    assert modality.verb_modality(_token(nlp, text, lemma)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The planned visit to Moscow was cancelled.", "future"),
    ("A possible visit to Moscow was discussed.", "hypothetical"),
    ("The visit to Moscow was a success.", "asserted"),
])
def test_modality_of_nouns(nlp: Any, text: str, expected: str) -> None:
    assert modality.noun_modality(_token(nlp, text, "visit")) == expected


def test_modality_negation_condition_clause_is_detected() -> None:
    from blocwatch.extract.nlp import load_pipeline
    from blocwatch.extract.rules.modality import is_condition

    doc = load_pipeline()("Ottawa could take measures if India refused to cooperate.")
    verbs = {t.lower_: t for t in doc if t.pos_ == "VERB"}
    assert is_condition(verbs["refused"])
    assert not is_condition(verbs["take"])


@pytest.mark.parametrize(("text", "lemma", "expected"), [
    ("Modi met Albanese in Sydney on Monday, two days before he flies to Tokyo.", "fly", "future"),
    ("The envoy arrived in Doha last week and will stay until the talks end.", "end", "asserted"),
    ("Lula spoke to Xi on Friday before he left for Moscow.", "leave", "asserted"),
    ("The minister always calls Ankara before she travels abroad.", "travel", "asserted"),
])
def test_modality_present_clause_under_past_verb_is_still_ahead(nlp: Any, text: str, lemma: str,
                                                                  expected: str) -> None:
    assert modality.verb_modality(_token(nlp, text, lemma)) == expected


@pytest.mark.parametrize(("text", "lemma"), [
    ("Turkey neither condemned the strikes nor joined the sanctions.", "condemn"),
    ("Turkey neither condemned the strikes nor joined the sanctions.", "join"),
])
def test_modality_neither_nor_negates_both_verbs(nlp: Any, text: str, lemma: str) -> None:
    assert modality.is_negated(_token(nlp, text, lemma))


@pytest.mark.parametrize(("text", "lemma"), [
    ("Nor has Delhi criticised Moscow.", "criticise"),
    ("Neither did Ankara join the sanctions against Russia.", "join"),
    ("Neither Hanoi nor Jakarta has condemned Russia.", "condemn"),
])
def test_modality_nor_and_neither_before_the_verb_negate_it(nlp: Any, text: str, lemma: str) -> None:
    assert modality.is_negated(_token(nlp, text, lemma))


def test_modality_whether_clause_is_a_question_and_whether_or_not_a_concession(nlp: Any) -> None:
    assert modality.is_condition(_token(nlp, "Whether Ankara will buy more Russian weapons remains unclear.", "buy"))
    assert modality.verb_modality(_token(nlp, "India bought Russian oil, whether Washington liked it or not.",
                                         "buy")) == "asserted"


def test_modality_but_clause_with_own_subject_and_auxiliary_leaves_the_condition(nlp: Any) -> None:
    text = "If Washington revives the sale, the Emirates could scale back purchases, but they will not cut ties."
    assert modality.verb_modality(_token(nlp, text, "cut")) == "future"


def test_modality_inverted_condition_is_a_condition(nlp: Any) -> None:
    assert modality.is_condition(_token(nlp, "Had India condemned Russia, it would have lost access to cheap oil.",
                                        "condemn"))
    assert modality.is_condition(_token(nlp, "Should Washington impose sanctions, Ankara would have to choose.",
                                        "impose"))
    assert not modality.is_condition(_token(nlp, "India had condemned Russia before the vote.", "condemn"))


def test_modality_observer_forecast_is_no_event() -> None:
    from blocwatch.extract import extract_events

    events = extract_events("An analyst said Russia could invade Finland. Critics warned that Iran would attack "
                            "Israel. Analysts said Russia attacked Ukraine on Monday. Pakistan said it would "
                            "buy wheat from Russia.", date="2024-05-03")
    found = {(e.actor, e.event, e.recipient, e.modality) for e in events}
    assert ("RUS", "ASSAULT", "UKR", "asserted") in found        # reported fact stays
    assert ("PAK", "COOPERATE", "RUS", "future") in found        # a state's own plan stays
    assert not {f for f in found if f[:3] in {("RUS", "ASSAULT", "FIN"), ("IRN", "ASSAULT", "ISR")}}
