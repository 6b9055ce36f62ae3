"""Shape and consistency of countries.json, organisations.json and groups.json."""

from __future__ import annotations

import re
from collections import defaultdict

from hypothesis import given, settings
from hypothesis import strategies as st

from blocwatch.extract import gazetteer

SECTORS = {s["sector"] for s in gazetteer.load_plover()["sectors"]}
ISO3 = re.compile(r"^[A-Z]{3}$")
CODE = re.compile(r"^[A-Z][A-Z0-9]{1,9}$")


def _key(text: str) -> str:
    key = " ".join(text.replace("’", "'").split()).lower()
    return key[4:] if key.startswith("the ") else key


def _country_forms(country: gazetteer.Country) -> list[str]:
    return [country.name, *country.names, *country.adjectives, *country.demonyms, *country.capitals,
            *(seat.text for seat in country.seats)]


def test_gazetteer_countries_cover_un_members_observers_and_extras() -> None:
    codes = [c.iso3 for c in gazetteer.load_countries()]
    assert len(codes) == len(set(codes)), "an iso3 appears twice"
    assert all(ISO3.match(code) for code in codes)
    # 193 UN members, 2 observers (VAT, PSE), Taiwan and Kosovo
    assert len(codes) == 197
    assert {"VAT", "PSE", "TWN", "XKX", "USA", "PAK", "SSD", "TLS", "MNE"} <= set(codes)


def test_gazetteer_countries_have_required_fields() -> None:
    for country in gazetteer.load_countries():
        assert country.name.strip(), country.iso3
        assert country.capitals, f"{country.iso3} has no capital"
        for seat in country.seats:
            assert seat.sector in SECTORS, (country.iso3, seat)
        forms = {_key(form) for form in _country_forms(country)}
        for name in country.ambiguous:
            assert _key(name) in forms, f"{country.iso3}: ambiguous {name!r} is not one of its names"


def test_gazetteer_names_resolve_to_one_code_unless_marked_ambiguous() -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    ambiguous: set[str] = set()
    for country in gazetteer.load_countries():
        for form in _country_forms(country):
            owners[_key(form)].add(country.iso3)
        ambiguous |= {_key(n) for n in country.ambiguous}
        ambiguous |= {_key(s.text) for s in country.seats if s.ambiguous}
    for collective in (*gazetteer.load_organisations(), *gazetteer.load_groups()):
        for form in (collective.name, *collective.names, *collective.adjectives):
            owners[_key(form)].add(collective.code)
        ambiguous |= {_key(n) for n in collective.ambiguous}
    clashes = {name: codes for name, codes in owners.items() if len(codes) > 1 and name not in ambiguous}
    assert not clashes


def test_gazetteer_collective_codes_and_members() -> None:
    countries = {c.iso3 for c in gazetteer.load_countries()}
    organisations = gazetteer.load_organisations()
    groups = gazetteer.load_groups()
    codes = [c.code for c in (*organisations, *groups)]
    assert len(codes) == len(set(codes))
    assert not set(codes) & countries, "an organisation or group code is also a country code"
    for collective in (*organisations, *groups):
        assert CODE.match(collective.code), collective.code
        assert collective.names, collective.code
        if collective.members is not None:
            assert set(collective.members) <= countries, collective.code
    contract = {"UNO", "EUU", "NATO", "SCO", "BRICS", "ASEAN", "AFU", "QUAD", "ICC", "IMF", "WBK", "OPEC", "GCC", "OIC"}
    assert contract <= {o.code for o in organisations}
    assert {"WST", "EUR"} <= {g.code for g in groups}


def test_gazetteer_codes_are_documented() -> None:
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[1] / "docs" / "codes.md").read_text(encoding="utf-8")
    for collective in (*gazetteer.load_organisations(), *gazetteer.load_groups()):
        assert f"`{collective.code}`" in doc, f"{collective.code} missing from docs/codes.md"


def test_gazetteer_member_facts() -> None:
    members = {o.code: set(o.members or ()) for o in gazetteer.load_organisations()}
    assert members["QUAD"] == {"USA", "JPN", "IND", "AUS"}
    assert members["GCC"] == {"SAU", "ARE", "QAT", "KWT", "BHR", "OMN"}
    assert len(members["EUU"]) == 27 and "GBR" not in members["EUU"]
    assert len(members["NATO"]) == 32 and {"FIN", "SWE"} <= members["NATO"]
    assert {"IRN", "BLR", "IND", "PAK"} <= members["SCO"]
    assert len(members["OIC"]) == 57 and len(members["ARL"]) == 22
    assert len(members["UNO"]) == 193


def test_gazetteer_country_by_name_examples() -> None:
    expected = {
        "US": "USA", "the U.S.": "USA", "United States of America": "USA", "American": "USA",
        "Americans": "USA", "Washington": "USA", "the White House": "USA", "the Pentagon": "USA",
        "UK": "GBR", "Britain": "GBR", "British": "GBR", "Downing Street": "GBR",
        "Russian Federation": "RUS", "the Kremlin": "RUS", "Moscow": "RUS",
        "South Korea": "KOR", "ROK": "KOR", "DPRK": "PRK", "North Korea": "PRK",
        "Islamic Republic of Iran": "IRN", "Tehran": "IRN", "Türkiye": "TUR", "Turkiye": "TUR",
        "Turkey": "TUR", "Ankara": "TUR", "Czechia": "CZE", "Ivory Coast": "CIV", "Burma": "MMR",
        "the Netherlands": "NLD", "Pakistani": "PAK", "Pakistanis": "PAK", "Islamabad": "PAK",
        "Rawalpindi": "PAK", "New Delhi": "IND", "South Block": "IND", "Beijing": "CHN",
        "Zhongnanhai": "CHN", "Riyadh": "SAU", "Emirati": "ARE", "Canberra": "AUS", "Kyiv": "UKR",
        "Kiev": "UKR", "Bankova": "UKR", "the Knesset": "ISR", "the Élysée": "FRA", "Quai d'Orsay": "FRA",
        "Quai d’Orsay": "FRA", "Kosovo": "XKX", "Taipei": "TWN", "Palestine": "PSE", "Holy See": "VAT",
    }
    for text, iso3 in expected.items():
        assert gazetteer.country_by_name(text) == iso3, text
    assert gazetteer.country_by_name("Atlantis") is None


NAMES = sorted({(form, c.iso3) for c in gazetteer.load_countries() for form in (c.name, *c.names)})


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(NAMES), st.sampled_from(["", "the ", "The ", "THE "]), st.booleans())
def test_gazetteer_country_by_name_ignores_case_and_article(entry: tuple[str, str], article: str,
                                                           upper: bool) -> None:
    name, iso3 = entry
    bare = name[4:] if name.lower().startswith("the ") else name
    text = article + (bare.upper() if upper else bare.lower())
    found = gazetteer.country_by_name(text)
    # a name may be shared with another record only if marked ambiguous; then any owner is fine
    assert found == iso3 or name in {n for c in gazetteer.load_countries() for n in c.ambiguous}
