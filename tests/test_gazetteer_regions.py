"""Provinces and regional governments stand for their state; organisations news names are known."""

from __future__ import annotations

import json
from collections import Counter
from importlib import resources
from typing import Any

import pytest

from blocwatch.extract.actors import find_mentions
from blocwatch.extract.nlp import load_pipeline
from blocwatch.records import Document


def _data(name: str) -> Any:
    return json.loads((resources.files("blocwatch.extract") / "data" / name).read_text(encoding="utf-8"))


def test_gazetteer_regions_file_shape() -> None:
    data = _data("regions.json")
    countries = {c["iso3"] for c in _data("countries.json")}
    country_names = {n for c in _data("countries.json") for n in [c["name"], *c.get("names", []), *c.get("capitals", [])]}
    names = Counter()
    for record in data["regions"]:
        assert set(record) == {"iso3", "names", "ambiguous"}
        assert record["iso3"] in countries, record["iso3"]
        assert set(record["ambiguous"]) <= set(record["names"])
        names.update(record["names"])
    assert not [n for n, k in names.items() if k > 1], "a region listed under two states"
    assert not set(names) & country_names, "a region that is also a country or capital name"


def _codes(text: str, date: str = "2024-05-02") -> dict[str, tuple[str, ...]]:
    sdoc = load_pipeline()(text)
    document = Document("<t>", text, None, date, "option", "txt", [(0, len(text))])
    return {m.text: m.codes for m in find_mentions(sdoc, document)}


@pytest.mark.parametrize(("text", "span", "codes"), [
    ("Ontario signed a trade pact with Japan.", "Ontario", ("CAN",)),
    ("The Kurdistan Regional Government sold oil to Turkey.", "The Kurdistan Regional Government", ("IRQ",)),
    ("Israel closed the West Bank crossings.", "the West Bank", ("PSE",)),
    ("The European Community imposed sanctions on South Africa.", "The European Community", ("EUU",)),
    ("The International Committee of the Red Cross visited prisoners.",
     "The International Committee of the Red Cross", ("ICRC",)),
    ("Amnesty International accused Egypt of torture.", "Amnesty International", ("AMN",)),
    ("Human Rights Watch criticised Qatar.", "Human Rights Watch", ("HRW",)),
    ("The ILO urged Qatar to reform labour laws.", "The ILO", ("ILO",)),
])
def test_gazetteer_regions_and_organisations_resolve(text: str, span: str, codes: tuple[str, ...]) -> None:
    assert _codes(text).get(span) == codes


def test_gazetteer_regions_after_a_place_preposition_are_locations() -> None:
    sdoc = load_pipeline()("Chinese troops held drills in Xinjiang.")
    text = sdoc.text
    document = Document("<t>", text, None, "2024-05-02", "option", "txt", [(0, len(text))])
    kinds = {m.text: m.kind for m in find_mentions(sdoc, document)}
    assert kinds.get("Xinjiang") in {"place", None}
