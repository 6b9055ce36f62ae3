"""Shape of extract/data/roles.json and the lexicon helpers built on it."""

from __future__ import annotations

import json
from importlib import resources

from blocwatch.extract.actors.lexicon import Term, edit_distance_at_most_one, term_on

SECTORS = {"GOV", "MIL", "LEG", "JUD", "COP", "SPY", "BUS", "CVL", "OPP", "MED", "REB", "IGO", "NGO", "REL"}


def _roles() -> dict:
    return json.loads((resources.files("blocwatch.extract") / "data" / "roles.json").read_text("utf-8"))


def test_actors_roles_data_shape() -> None:
    data = _roles()
    seen: set[str] = set()
    for group in data["roles"]:
        assert group["sector"] in SECTORS
        assert isinstance(group["office"], str) and isinstance(group["title"], bool)
        assert group["words"]
        for words in group["words"]:
            assert words == words.lower().strip() and words, words
            assert words not in seen, f"role words listed twice: {words}"
            seen.add(words)
    assert all(m == m.lower() for m in data["modifiers"])
    for form, code in data["combining_forms"].items():
        assert form.startswith("_") or (form[0].isupper() and (code == "" or code.isupper()))
    assert all(verb == verb.lower() and " " not in verb for verb in data["third_party_verbs"])
    for actor in data["non_state"]:
        assert actor["names"] and len(actor["iso3"]) == 3 and actor["sector"] in SECTORS
        assert actor["after_sector"] == "" or actor["after_sector"] in SECTORS
    targets = {v for k, v in data["descriptions"].items() if not k.startswith("_")}
    assert targets <= {"states", "sides", "leaders", "country", "government", "armies", "organisation",
                       "three", "north", "south", "former", "latter"}
    assert {v for k, v in data["pronouns"].items() if not k.startswith("_")} <= {"person", "thing", "plural"}


def test_actors_edit_distance_one() -> None:
    assert edit_distance_at_most_one("josep borell", "josep borrell")
    assert edit_distance_at_most_one("viadimir putin", "vladimir putin")
    assert edit_distance_at_most_one("sergey lavrov", "sergey lavorv")
    assert not edit_distance_at_most_one("sergey lavrov", "sergei lavrova")
    assert not edit_distance_at_most_one("imran khan", "imran khanzada")


def test_actors_term_on_picks_the_office_held_that_day() -> None:
    terms = [Term("PAK", "head_of_government", "2013-06-05", "2017-07-28", "GOV"),
             Term("PAK", "head_of_government", "2022-04-11", "2023-08-14", "GOV")]
    assert term_on(terms, "2015-01-01") == terms[0]
    assert term_on(terms, "2023-01-01") == terms[1]
    assert term_on(terms, "2019-01-01") == terms[0]      # nearest term when out of office
    assert term_on(terms, None) == terms[1]              # latest without a date
