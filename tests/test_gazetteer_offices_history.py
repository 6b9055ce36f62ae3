"""The office table back to 1946 (offices_1946.csv beside offices.csv): who held an office on a
day of the Cold War, and how a historical text's people resolve to their states."""

from __future__ import annotations

import csv
from collections import defaultdict
from importlib import resources
from typing import Any

import pytest

from blocwatch.extract import gazetteer
from blocwatch.extract.actors import find_mentions
from blocwatch.extract.actors.lexicon import OFFICE_FILES, default_lexicon, holder_on
from blocwatch.extract.nlp import load_pipeline
from blocwatch.records import Document, Mention

HISTORY = "offices_1946.csv"
PERMANENT_FIVE_AND_G20 = ["USA", "GBR", "FRA", "RUS", "CHN", "ARG", "AUS", "BRA", "CAN", "DEU", "IND", "IDN",
                          "ITA", "JPN", "KOR", "MEX", "SAU", "ZAF", "TUR"]


def _rows(name: str) -> list[dict[str, str]]:
    text = (resources.files("blocwatch.extract") / "data" / name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


def test_gazetteer_offices_history_is_read_with_the_main_table() -> None:
    assert HISTORY in OFFICE_FILES
    history = _rows(HISTORY)
    assert list(history[0]) == list(_rows("offices.csv")[0])
    people = {t.person for t in gazetteer.load_offices()}
    assert {row["person"] for row in history} <= people


def test_gazetteer_offices_history_ends_where_the_main_table_begins() -> None:
    """The earlier table never repeats a term of offices.csv: each of its terms of an office of a
    state ends on or before the first term offices.csv has for that office and state."""
    first: dict[tuple[str, str], str] = defaultdict(lambda: "9999-12-31")
    for row in _rows("offices.csv"):
        key = (row["iso3"], row["office"])
        first[key] = min(first[key], row["start"])
    late = [(row["iso3"], row["office"], row["person"]) for row in _rows(HISTORY)
            if (row["end"] or "9999-12-31") > first[(row["iso3"], row["office"])]]
    assert late == []


def test_gazetteer_offices_history_covers_heads_since_1946() -> None:
    """Every permanent member and G20 state has a head of government on these Cold War days
    (West Germany from 1949, India from independence, South Korea from 1948, the People's
    Republic of China from 1949); the days fall in no interregnum."""
    days = {"1950-06-25", "1956-10-29", "1962-10-22", "1968-08-21", "1973-10-06", "1979-12-27", "1985-03-11"}
    missing = [(iso3, day) for iso3 in PERMANENT_FIVE_AND_G20 for day in sorted(days)
               if not gazetteer.office_holders(iso3, "head_of_government", day)
               and not (iso3 == "KOR" and day == "1962-10-22")]    # the junta before Park's presidency
    assert missing == []


def test_gazetteer_offices_history_surnames_are_no_place_names() -> None:
    """A single-word alias is a surname the resolver reads alone, so it is never the name,
    capital or demonym of a state ("Bourges", "Tunis" or "Madrid" stay places)."""
    places = {word.lower() for country in gazetteer.load_countries()
              for word in (*country.names, *country.capitals, *country.adjectives, *country.demonyms)}
    surnames = {alias for row in _rows(HISTORY) for alias in row["aliases"].split(";") if len(alias.split()) == 1}
    assert sorted(alias for alias in surnames if alias.lower() in places) == []


def _holder(iso3: str, office: str, day: str) -> list[str]:
    return [t.person for t in gazetteer.office_holders(iso3, office, day)]


@pytest.mark.parametrize(("iso3", "office", "day", "person"), [
    ("USA", "head_of_state", "1962-10-22", "John F. Kennedy"),
    ("USA", "head_of_state", "1974-08-09", "Richard Nixon"),          # the handover day is both terms'
    ("USA", "head_of_state", "1974-08-10", "Gerald Ford"),
    ("GBR", "head_of_state", "1950-01-01", "George VI"),
    ("GBR", "head_of_government", "1956-11-01", "Anthony Eden"),
    ("GBR", "head_of_government", "1982-04-02", "Margaret Thatcher"),
    ("FRA", "head_of_state", "1988-05-01", "François Mitterrand"),
    ("FRA", "head_of_government", "1987-01-01", "Jacques Chirac"),
    ("RUS", "head_of_state", "1970-01-01", "Nikolai Podgorny"),
    ("RUS", "head_of_government", "1962-10-22", "Nikita Khrushchev"),
    ("RUS", "party_leader", "1975-01-01", "Leonid Brezhnev"),
    ("RUS", "head_of_government", "1995-01-01", "Viktor Chernomyrdin"),
    ("CHN", "head_of_government", "1972-02-21", "Zhou Enlai"),
    ("CHN", "party_leader", "1972-02-21", "Mao Zedong"),
    ("DEU", "head_of_government", "1955-01-01", "Konrad Adenauer"),
    ("IND", "head_of_government", "1955-01-01", "Jawaharlal Nehru"),
    ("IND", "head_of_government", "1971-12-03", "Indira Gandhi"),
    ("JPN", "head_of_state", "1960-01-01", "Hirohito"),
    ("JPN", "head_of_government", "1985-01-01", "Yasuhiro Nakasone"),
    ("SAU", "head_of_state", "1973-10-20", "Faisal bin Abdulaziz"),
    ("ZAF", "head_of_government", "1960-03-21", "Hendrik Verwoerd"),
    ("TUR", "head_of_government", "1974-07-20", "Bülent Ecevit"),
    ("ARG", "head_of_state", "1982-04-02", "Leopoldo Galtieri"),
    ("KOR", "head_of_state", "1980-10-01", "Chun Doo-hwan"),
    ("USA", "foreign_minister", "1962-10-22", "Dean Rusk"),
    ("GBR", "foreign_minister", "1956-11-01", "Selwyn Lloyd"),
    ("RUS", "foreign_minister", "1962-10-22", "Andrei Gromyko"),
    ("CHN", "foreign_minister", "1955-04-18", "Zhou Enlai"),
    ("FRA", "foreign_minister", "1950-05-09", "Robert Schuman"),
    ("DEU", "foreign_minister", "1963-01-22", "Gerhard Schröder"),     # the CDU namesake of the chancellor
    ("IND", "foreign_minister", "1962-10-20", "Jawaharlal Nehru"),
    ("JPN", "foreign_minister", "1972-09-29", "Masayoshi Ohira"),
    ("CAN", "foreign_minister", "1956-11-01", "Lester B. Pearson"),
    ("AUS", "foreign_minister", "1950-01-09", "Percy Spender"),
    ("USA", "defence_minister", "1962-10-22", "Robert McNamara"),
    ("USA", "defence_minister", "1990-08-02", "Dick Cheney"),
    ("GBR", "defence_minister", "1982-04-02", "John Nott"),
    ("RUS", "defence_minister", "1962-10-22", "Rodion Malinovsky"),
    ("DEU", "defence_minister", "1960-01-01", "Franz Josef Strauss"),
    ("FRA", "defence_minister", "1985-07-10", "Charles Hernu"),
    ("ITA", "defence_minister", "1962-01-01", "Giulio Andreotti"),
    ("IND", "defence_minister", "1960-01-01", "V. K. Krishna Menon"),
])
def test_gazetteer_offices_history_spot_checks(iso3: str, office: str, day: str, person: str) -> None:
    assert person in _holder(iso3, office, day)


def test_gazetteer_offices_history_holder_on() -> None:
    lexicon = default_lexicon()
    assert holder_on(lexicon, "GBR", "head_of_government", "1964-10-16") in {"Alec Douglas-Home", "Harold Wilson"}
    assert holder_on(lexicon, "DEU", "head_of_government", "1948-01-01") is None    # before the Federal Republic
    assert holder_on(lexicon, "CHN", "head_of_state", "1949-09-30") is None         # before the People's Republic


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_pipeline()


def _person(nlp: Any, text: str, words: str, date: str) -> Mention | None:
    document = Document(path="<test>", text=text, pub_date=date)
    found = {m.text: m for m in find_mentions(nlp(text), document)}
    return next((m for text_, m in found.items() if text_.endswith(words)), None)


@pytest.mark.parametrize(("text", "words", "date", "iso3", "person"), [
    ("Prime Minister Nehru arrived in Peking on Tuesday.", "Nehru", "1954-10-19", "IND", "Jawaharlal Nehru"),
    ("President Mitterrand met the delegation in Paris.", "Mitterrand", "1988-06-01", "FRA", "François Mitterrand"),
    ("Chancellor Adenauer flew to Moscow.", "Adenauer", "1955-09-08", "DEU", "Konrad Adenauer"),
    ("Secretary of State Dulles warned Peking.", "Dulles", "1955-01-20", "USA", "John Foster Dulles"),
    ("Foreign Minister Gromyko met Mr Kissinger in Geneva.", "Gromyko", "1974-01-20", "RUS", "Andrei Gromyko"),
    ("Foreign Minister Gromyko met Mr Kissinger in Geneva.", "Kissinger", "1974-01-20", "USA", "Henry Kissinger"),
    ("Foreign Minister Genscher flew to Washington.", "Genscher", "1989-11-20", "DEU", "Hans-Dietrich Genscher"),
    ("Mr Khrushchev said the missiles would be removed.", "Khrushchev", "1962-10-28", "RUS", "Nikita Khrushchev"),
    ("President Sukarno addressed the conference in Bandung.", "Sukarno", "1955-04-18", "IDN", "Sukarno"),
    ("Prime Minister Thatcher telephoned President Reagan.", "Thatcher", "1983-10-25", "GBR",
     "Margaret Thatcher"),
    ("Prime Minister Thatcher telephoned President Reagan.", "Reagan", "1983-10-25", "USA", "Ronald Reagan"),
    ("President Galtieri ordered the landing.", "Galtieri", "1982-04-02", "ARG", "Leopoldo Galtieri"),
    ("Prime Minister Ecevit ordered the landing.", "Ecevit", "1974-07-20", "TUR", "Bülent Ecevit"),
])
def test_gazetteer_offices_history_resolves_people_of_their_time(
        nlp: Any, text: str, words: str, date: str, iso3: str, person: str) -> None:
    mention = _person(nlp, text, words, date)
    assert mention is not None, f"{words!r} not found in {text!r}"
    assert mention.codes == (iso3,)
    assert mention.person == person


@pytest.mark.parametrize(("text", "words", "date", "iso3"), [
    ("The talks resumed in Madrid on Monday.", "Madrid", "1985-01-14", "ESP"),
    ("The delegates met in Colombo.", "Colombo", "1981-01-14", "LKA"),
])
def test_gazetteer_offices_history_places_stay_places(nlp: Any, text: str, words: str, date: str,
                                                      iso3: str) -> None:
    """Miguel de la Madrid and Emilio Colombo held office then; the capitals are still capitals."""
    document = Document(path="<test>", text=text, pub_date=date)
    found = {m.text: m for m in find_mentions(nlp(text), document)}
    assert found[words].codes == (iso3,) and found[words].person is None


def test_gazetteer_offices_history_no_later_namesake(nlp: Any) -> None:
    """A surname never resolves to someone who took office after the text: "Johnson" in 1955 is
    neither Lyndon Johnson (1963) nor Boris Johnson (2019)."""
    mention = _person(nlp, "Prime Minister Johnson spoke to reporters.", "Johnson", "1955-06-01")
    assert mention is None or mention.person not in {"Lyndon B. Johnson", "Boris Johnson"}


def test_gazetteer_offices_history_title_words_are_no_surnames(nlp: Any) -> None:
    """ "Mackenzie King" and "John Major" are named in full; their last words alone are titles."""
    lexicon = default_lexicon()
    assert "King" not in lexicon.surnames and "Major" not in lexicon.surnames
    mention = _person(nlp, "Major Smith led the patrol.", "Major", "1992-01-01")
    assert mention is None or mention.person != "John Major"


@pytest.mark.parametrize(("text", "date", "words", "iso3"), [
    ("Moro rebels attacked a town in Mindanao.", "1975-03-01", "Moro", None),       # Aldo Moro held office
    ("Sharp criticism came from Green party leaders.", "1960-05-01", "Green", None),  # so did Howard Green
    ("The Bush administration imposed sanctions on Iraq.", "1990-08-07", "Bush", "USA"),
    ("Mr Green said Canada would help.", "1960-05-01", "Mr Green", "CAN"),
])
def test_gazetteer_offices_history_surname_before_a_noun(nlp: Any, text: str, date: str, words: str,
                                                         iso3: str | None) -> None:
    """A bare surname before a common noun names a group or a thing ("Moro rebels"), unless the
    noun is a body of the state ("the Bush administration")."""
    document = Document(path="<test>", text=text, pub_date=date)
    found = {m.text: m for m in find_mentions(nlp(text), document)}
    if iso3 is None:
        assert words not in found
    else:
        assert found[words].codes == (iso3,)
