"""Shape, consistency and spot checks of the office tables (lexicon.OFFICE_FILES: offices.csv and
the earlier decades beside it), read together as gazetteer.load_offices() does."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict

import pytest

from blocwatch.extract import gazetteer

OFFICES_REQUIRED = {"head_of_state", "head_of_government", "foreign_minister", "defence_minister"}


def test_gazetteer_offices_shape() -> None:
    terms = gazetteer.load_offices()
    assert len(terms) > 500
    known = {c.iso3 for c in gazetteer.load_countries()} | {o.code for o in gazetteer.load_organisations()}
    for term in terms:
        assert term.iso3 in known, term
        assert re.fullmatch(r"[a-z_]+", term.office), term
        assert term.person.strip() == term.person and term.person, term
        assert term.sector in {"GOV", "MIL"}, term
        assert term.sector == ("MIL" if term.office in {"defence_minister", "military_chief"} else "GOV"), term
        assert term.end is None or term.start <= term.end, term
        assert term.end is None or term.end <= gazetteer.OFFICES_VALID_TO, term
        assert term.start <= gazetteer.OFFICES_VALID_TO, term
        assert term.person not in term.aliases, term
        # the single-word surname form, where given, comes last
        single = [i for i, alias in enumerate(term.aliases) if len(alias.split()) == 1]
        assert not single or single[-1] == len(term.aliases) - 1 and single == list(
            range(len(term.aliases) - len(single), len(term.aliases))), term
    assert {t.office for t in terms} >= OFFICES_REQUIRED


def test_gazetteer_offices_terms_do_not_overlap() -> None:
    """Two terms of one office in one country overlap only where a note says why (acting holders,
    a chief executive beside the president). A handover day may be both terms' last and first day."""
    by_office: dict[tuple[str, str], list[gazetteer.OfficeTerm]] = defaultdict(list)
    for term in gazetteer.load_offices():
        by_office[(term.iso3, term.office)].append(term)
    far = dt.date(9999, 1, 1)
    for key, terms in by_office.items():
        terms.sort(key=lambda t: t.start)
        for before, after in zip(terms, terms[1:], strict=False):
            if after.start < (before.end or far):
                notes = before.note + " " + after.note
                assert "overlap" in notes or "acting" in notes, (key, before.person, after.person)


def test_gazetteer_offices_same_person_same_aliases() -> None:
    """Every term of one person carries the same aliases, so a name resolves the same way whatever
    the date, and no alias is the full name of a different person."""
    aliases: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    for term in gazetteer.load_offices():
        aliases[term.person].add(term.aliases)
    assert {person for person, forms in aliases.items() if len(forms) > 1} == set()
    people = set(aliases)
    for person, forms in aliases.items():
        for alias in next(iter(forms)):
            assert alias not in people - {person}, (person, alias)


def _holder(iso3: str, office: str, day: str) -> list[str]:
    return [t.person for t in gazetteer.office_holders(iso3, office, day)]


@pytest.mark.parametrize(("iso3", "office", "day", "person"), [
    ("PAK", "head_of_government", "2022-02-24", "Imran Khan"),
    ("RUS", "foreign_minister", "2022-02-24", "Sergey Lavrov"),
    ("PAK", "head_of_government", "2023-06-01", "Shehbaz Sharif"),
    ("IND", "head_of_government", "2010-01-01", "Manmohan Singh"),
    ("RUS", "head_of_state", "2022-02-24", "Vladimir Putin"),
    ("RUS", "head_of_state", "2010-06-01", "Dmitry Medvedev"),
    ("USA", "head_of_state", "2022-02-24", "Joe Biden"),
    ("USA", "head_of_government", "2019-03-01", "Donald Trump"),
    ("USA", "foreign_minister", "2015-01-01", "John Kerry"),
    ("USA", "defence_minister", "2003-03-20", "Donald Rumsfeld"),
    ("CHN", "head_of_state", "2020-01-01", "Xi Jinping"),
    ("CHN", "foreign_minister", "2023-03-01", "Qin Gang"),
    ("IND", "foreign_minister", "2022-02-24", "S. Jaishankar"),
    ("GBR", "head_of_government", "2022-10-01", "Liz Truss"),
    ("DEU", "head_of_government", "2015-01-01", "Angela Merkel"),
    ("FRA", "head_of_state", "2022-02-24", "Emmanuel Macron"),
    ("TUR", "head_of_state", "2024-07-10", "Recep Tayyip Erdoğan"),
    ("TUR", "head_of_government", "2017-01-01", "Binali Yıldırım"),
    ("JPN", "head_of_government", "2022-02-24", "Fumio Kishida"),
    ("SAU", "crown_prince", "2020-01-01", "Mohammed bin Salman"),
    ("PAK", "foreign_minister", "2022-02-24", "Shah Mehmood Qureshi"),
    ("PAK", "military_chief", "2022-02-24", "Qamar Javed Bajwa"),
    ("EUU", "high_representative", "2022-02-24", "Josep Borrell"),
    ("UNO", "secretary_general", "2022-02-24", "António Guterres"),
    ("NATO", "secretary_general", "2022-02-24", "Jens Stoltenberg"),
])
def test_gazetteer_office_holder_spot_checks(iso3: str, office: str, day: str, person: str) -> None:
    assert _holder(iso3, office, day) == [person]


def test_gazetteer_office_holders_filters_and_dates() -> None:
    every_lavrov_term = [t for t in gazetteer.office_holders(iso3="RUS") if t.person == "Sergey Lavrov"]
    assert len(every_lavrov_term) == 1 and every_lavrov_term[0].end is None
    assert gazetteer.office_holders("PAK", "head_of_government", dt.date(2022, 2, 24)) == \
        gazetteer.office_holders("PAK", "head_of_government", "2022-02-24")
    # nobody is listed as Pakistan's prime minister on the day after Imran Khan's removal
    assert _holder("PAK", "head_of_government", "2022-04-10") == ["Imran Khan"]
    assert gazetteer.office_holders("XXX") == []


def test_gazetteer_person_index_aliases() -> None:
    index = gazetteer.person_index()
    assert {t.iso3 for t in index["lavrov"]} == {"RUS"}
    assert {t.person for t in index["sergei lavrov"]} == {"Sergey Lavrov"}
    assert {t.person for t in index["zelenskyy"]} == {"Volodymyr Zelensky"}
    assert "Imran Khan" in {t.person for t in index["khan"]}
    assert {t.person for t in index["josep borrell"]} == {"Josep Borrell"}


G20 = ["ARG", "AUS", "BRA", "CAN", "CHN", "FRA", "DEU", "IND", "IDN", "ITA", "JPN", "KOR", "MEX", "RUS", "SAU", "ZAF", "TUR", "GBR", "USA"]
REGIONS = ["PAK", "AFG", "BGD", "LKA", "NPL", "IRN", "IRQ", "ISR", "ARE", "QAT", "KWT", "OMN", "BHR", "YEM", "EGY", "JOR", "SYR", "UKR", "BLR", "POL", "MDA", "ROU", "HUN", "SVK", "GEO", "ARM", "AZE", "KAZ", "LTU", "LVA", "EST", "FIN", "PRK", "TWN", "MNG", "VNM", "PHL"]


@pytest.mark.parametrize("day", ["2016-06-01", "2019-06-01", "2022-02-24", "2024-01-01"])
def test_gazetteer_offices_cover_g20(day: str) -> None:
    """Every G20 member has its four offices filled on these days (the head of state of Australia
    and Canada is the British monarch, listed once under GBR)."""
    missing = [(iso3, office) for iso3 in G20 for office in sorted(OFFICES_REQUIRED)
               if not gazetteer.office_holders(iso3, office, day)
               and not (iso3 in {"AUS", "CAN"} and office == "head_of_state")]
    assert missing == []


@pytest.mark.parametrize("day", ["2016-06-01", "2022-02-24", "2024-06-01"])
def test_gazetteer_offices_cover_regions(day: str) -> None:
    missing = [(iso3, office) for iso3 in REGIONS for office in ("head_of_state", "head_of_government")
               if not gazetteer.office_holders(iso3, office, day)]
    assert missing == []


def test_gazetteer_missing_file_names_the_file() -> None:
    with pytest.raises(gazetteer.ReferenceDataError, match=r"extract/data/no-such-table\.csv"):
        gazetteer._read("no-such-table.csv")


def test_gazetteer_person_serves_one_state_at_a_time() -> None:
    """People who moved to an international post (Borrell, Rutte, Kallas, von der Leyen) hold the
    national and the international office at different times, so the date picks one code."""
    far = dt.date(9999, 1, 1)
    by_person: dict[str, list[gazetteer.OfficeTerm]] = defaultdict(list)
    for term in gazetteer.load_offices():
        by_person[term.person].append(term)
    for person, terms in by_person.items():
        for a in terms:
            for b in terms:
                if a.iso3 < b.iso3:
                    assert (a.end or far) <= b.start or (b.end or far) <= a.start, (person, a.iso3, b.iso3)


P5_G20 = set(G20) | {"SAU"}


def test_gazetteer_offices_1990_keeps_to_its_span() -> None:
    """offices_1990.csv holds terms running on or after 1990-01-01, with the header of offices.csv;
    for the P5 and G20 only terms begun in 1990 or later (the earlier ones are offices_1946.csv's)."""
    assert gazetteer._read("offices_1990.csv").splitlines()[0] == gazetteer._read("offices.csv").splitlines()[0]
    for row in gazetteer._csv("offices_1990.csv"):
        assert not row["end"] or row["end"] >= "1990-01-01", row
        assert row["iso3"] not in P5_G20 or row["start"] >= "1990-01-01", row


@pytest.mark.parametrize(("iso3", "office", "day", "person"), [
    ("GBR", "head_of_government", "1995-01-01", "John Major"),
    ("RUS", "head_of_state", "1995-01-01", "Boris Yeltsin"),
    ("ZAF", "head_of_state", "1996-01-01", "Nelson Mandela"),
    ("ISR", "head_of_government", "1994-01-01", "Yitzhak Rabin"),
    ("CHE", "head_of_state", "2011-06-01", "Micheline Calmy-Rey"),
    ("NGA", "head_of_state", "1995-01-01", "Sani Abacha"),
    ("SRB", "head_of_state", "1991-06-01", "Slobodan Milošević"),
    ("LBY", "head_of_state", "2005-01-01", "Muammar Gaddafi"),
    ("DEU", "foreign_minister", "1995-01-01", "Klaus Kinkel"),
    ("USA", "defence_minister", "1995-01-01", "William Perry"),
])
def test_gazetteer_offices_1990_spot_checks(iso3: str, office: str, day: str, person: str) -> None:
    assert _holder(iso3, office, day) == [person]
