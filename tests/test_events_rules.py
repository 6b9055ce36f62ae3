"""Per-rule behaviour of the event extractor on short texts, with the real pipeline
(spaCy, actors, reference tables)."""

from __future__ import annotations

import pytest

from blocwatch.extract import extract_events
from blocwatch.records import Event

PUB = "2022-03-08"  # a Tuesday


def _events(text: str, date: str | None = PUB) -> list[Event]:
    return extract_events(text, date=date)


def _triples(events: list[Event]) -> set[tuple[str | None, str, str | None]]:
    return {(e.actor, e.event, e.recipient) for e in events}


@pytest.mark.parametrize(("text", "triple"), [
    ("Russian Foreign Minister Sergey Lavrov visited Pakistan in April 2021.", ("RUS", "CONSULT", "PAK")),
    ("Pakistan's Prime Minister Imran Khan arrived in Moscow for a two-day visit.", ("PAK", "CONSULT", "RUS")),
    ("In 2011, Russia officially supported Pakistan's bid to join the organisation.", ("RUS", "SUPPORT", "PAK")),
    ("In 2014, Russia lifted its arms embargo on Pakistan.", ("RUS", "CONCEDE", "PAK")),
    ("The United States imposed sanctions on Iran on Monday.", ("USA", "SANCTION", "IRN")),
    ("Poland expelled five Russian diplomats on Friday.", ("POL", "SANCTION", "RUS")),
    ("Germany accused Russia of spying.", ("DEU", "ACCUSE", "RUS")),
    ("France urged Turkey to show restraint.", ("FRA", "REQUEST", "TUR")),
    ("Russia invaded Ukraine on 24 February.", ("RUS", "ASSAULT", "UKR")),
    ("Pakistan had also granted Russia access to its Gwadar port.", ("PAK", "COOPERATE", "RUS")),
])
def test_events_verb_triggers(text: str, triple: tuple[str, str, str]) -> None:
    assert triple in _triples(_events(text))


def test_events_reported_accusation_content_is_not_asserted() -> None:
    triples = _triples(_events("Germany accused Russia of attacking Ukraine."))
    assert ("DEU", "ACCUSE", "RUS") in triples
    assert not any(event == "ASSAULT" for _, event, _ in triples)


def test_events_negation_keeps_the_type() -> None:
    events = _events("Pakistan did not condemn Russia's invasion of Ukraine.")
    accuse = [e for e in events if e.event == "ACCUSE"]
    assert accuse and accuse[0].negated and (accuse[0].actor, accuse[0].recipient) == ("PAK", "RUS")
    assert not any(e.event == "SUPPORT" for e in events)


def test_events_request_complement_is_not_an_event() -> None:
    events = _events("The European Union urged Pakistan to condemn the Russian invasion of Ukraine.")
    assert not any(e.event == "ACCUSE" for e in events)


def test_events_compound_actors_expand_to_pairs() -> None:
    triples = _triples(_events("The United States and China urged India and Pakistan to exercise restraint."))
    assert {("USA", "REQUEST", "IND"), ("USA", "REQUEST", "PAK"),
            ("CHN", "REQUEST", "IND"), ("CHN", "REQUEST", "PAK")} <= triples


def test_events_symmetric_subject_gives_one_event_per_pair() -> None:
    events = [e for e in _events("In 2015, Russia and Pakistan agreed to build a gas pipeline.") if e.event == "AGREE"]
    assert len(events) == 1
    assert {events[0].actor, events[0].recipient} == {"RUS", "PAK"} and events[0].date == "2015"


def test_events_questions_and_speculation_are_not_events() -> None:
    assert _events("Is Pakistan moving towards Russia? Will India sanction Russia?") == []
    assert not [e for e in _events("Russia could attack Ukraine.") if e.modality == "asserted"]


def test_events_conditional_is_hypothetical() -> None:
    events = _events("If Russia attacks Ukraine, the United States will impose sanctions on Russia.")
    assert all(e.modality == "hypothetical" for e in events)


def test_events_no_event_acts_on_itself() -> None:
    assert all(e.actor != e.recipient for e in _events("Pakistani officials met Pakistani generals in Islamabad."))


def test_events_merge_repeated_mentions() -> None:
    text = ("Prime Minister Imran Khan's visit to Moscow surprised Washington. "
            "On 23 February 2022, Imran Khan arrived in Moscow for a two-day visit.")
    visits = [e for e in _events(text) if e.event == "CONSULT" and e.actor == "PAK"]
    assert len(visits) == 1
    assert visits[0].date == "2022-02-23" and len(visits[0].evidence) == 2


def test_events_dates_relative_and_carried() -> None:
    text = ("On 23 February 2022, Imran Khan arrived in Moscow. Two days later, Putin and Khan held talks. "
            "Russian Foreign Minister Sergey Lavrov visited Pakistan in April 2021. "
            "Both countries agreed during the Lavrov visit on joint military exercises.")
    events = _events(text)
    talks = [e for e in events if e.event == "CONSULT" and {e.actor, e.recipient} == {"RUS", "PAK"} and e.date == "2022-02-25"]
    assert talks
    agree = [e for e in events if e.event == "AGREE"]
    assert agree and agree[0].date == "2021-04"


def test_events_no_date_is_invented() -> None:
    events = _events("Russia supported Pakistan's bid to join the organisation.")
    assert events and all(e.date is None for e in events)


def test_events_weekday_counts_back_from_publication() -> None:
    events = _events("Poland expelled five Russian diplomats on Friday.")
    assert events[0].date == "2022-03-04" and events[0].date_precision == "day"
