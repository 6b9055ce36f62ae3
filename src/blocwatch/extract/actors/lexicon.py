"""The actor lexicon: every name, adjective, capital, seat, organisation, group,
office-holder and role word that blocwatch.extract.actors looks up, indexed by
spaCy token texts. Built once per process from the data files in extract/data.

Names are matched on the tokens spaCy produces, so each pattern is tokenised with
the same tokenizer. Matching is case-sensitive ("US" is not "us", "Chad" is not
"chad"); an ALL-CAPS variant is added for names of five letters or more so that
headlines ("PAKISTAN-RUSSIA TIES") still match. A leading "the" is stripped from
patterns; the matcher absorbs a "the" before any match instead."""

from __future__ import annotations

import csv
import functools
import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from importlib import resources
from typing import Any


@dataclass(frozen=True, slots=True)
class Entry:
    """What a lexicon pattern resolves to."""

    codes: tuple[str, ...]
    kind: str                      # name, adjective, demonym, capital, seat, organisation, group,
    #                                person, combining (a "Sino-" form), nonstate
    sector: str | None = None
    person: str | None = None      # canonical person name for kind "person"
    until: str | None = None       # nonstate: date after which after_sector applies
    after_sector: str | None = None
    ambiguous: bool = False        # also an ordinary word or another place ("Turkey", "Jordan")
    needs_the: bool = False        # only with its article ("the Diet", "the Alliance")
    adjective: bool = False        # a collective's adjective ("Western sanctions"): no article of its own


@dataclass(frozen=True, slots=True)
class Term:
    iso3: str
    office: str
    start: str
    end: str                       # "" = still in office
    sector: str


@dataclass(frozen=True, slots=True)
class Role:
    office: str
    sector: str
    title: bool


@dataclass(slots=True)
class Lexicon:
    #: first token text -> patterns (token tuple, entry), longest first
    names: dict[str, list[tuple[tuple[str, ...], Entry]]] = field(default_factory=dict)
    #: first lower-case token -> role patterns (token tuple, role), longest first
    roles: dict[str, list[tuple[tuple[str, ...], Role]]] = field(default_factory=dict)
    modifiers: frozenset[str] = frozenset()
    persons: dict[str, list[Term]] = field(default_factory=dict)
    #: surname token -> persons with that surname
    surnames: dict[str, frozenset[str]] = field(default_factory=dict)
    #: the persons whose aliases list the single word itself ("Guterres" for António Guterres,
    #: not for Francisco Guterres, called Lú Olo): preferred where a bare word is shared
    called: dict[str, frozenset[str]] = field(default_factory=dict)
    #: full-name token tuples -> person (for "named in full earlier")
    full_names: dict[str, str] = field(default_factory=dict)
    #: normalised full name, and each of its one-character deletions -> persons
    fuzzy: dict[str, frozenset[str]] = field(default_factory=dict)
    #: (iso3, office) -> (person, term) for every term, to name "the Russian president"
    holders: dict[tuple[str, str], list[tuple[str, Term]]] = field(default_factory=dict)
    #: person -> normalised keys of each full-name alias
    person_keys: dict[str, tuple[str, ...]] = field(default_factory=dict)
    country_codes: frozenset[str] = frozenset()
    organisation_codes: frozenset[str] = frozenset()
    group_codes: frozenset[str] = frozenset()
    #: lower-case token tuples ("the", "two", "countries") -> what they point back to
    descriptions: dict[tuple[str, ...], str] = field(default_factory=dict)
    #: verbs whose subject stands between two sides ("Qatar mediated", "Oman hosted talks")
    third_party_verbs: frozenset[str] = frozenset()
    #: lower-case pronoun -> person, thing or plural
    pronouns: dict[str, str] = field(default_factory=dict)


def _data_text(name: str) -> str | None:
    path = resources.files("blocwatch.extract") / "data" / name
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None


DataReader = Callable[[str], "str | None"]


def _json(read: DataReader, name: str) -> Any:
    text = read(name)
    return json.loads(text) if text else None


def _records(data: Any) -> list[dict[str, Any]]:
    """A list of records, also when the file wraps it ({"countries": [...]})."""
    if isinstance(data, dict):
        lists = [value for value in data.values() if isinstance(value, list)]
        return lists[0] if len(lists) == 1 else []
    return list(data or [])


def _strip_the(text: str) -> str:
    text = text.strip()
    return text[4:].strip() if text[:4].lower() == "the " else text


def fuzzy_key(name: str) -> str:
    """Lower case, single spaces, PDF 'I' for 'l' confusions folded."""
    return " ".join(name.replace("’", "'").split()).lower()


def deletions(key: str) -> set[str]:
    return {key[:i] + key[i + 1:] for i in range(len(key))}


def edit_distance_at_most_one(a: str, b: str) -> bool:
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diffs = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diffs) == 1:
            return True
        # one transposition of neighbours counts as one slip
        return len(diffs) == 2 and diffs[1] == diffs[0] + 1 and a[diffs[0]] == b[diffs[1]] \
            and a[diffs[1]] == b[diffs[0]]
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


class _Builder:
    def __init__(self, tokenize: Callable[[str], list[str]]) -> None:
        self.tokenize = tokenize
        self.names: dict[str, dict[tuple[str, ...], Entry]] = defaultdict(dict)
        self.roles: dict[str, dict[tuple[str, ...], Role]] = defaultdict(dict)

    def add_name(self, text: str, entry: Entry, *, caps_variant: bool = True, ambiguous: bool = False,
                 override: bool = False) -> None:
        had_article = text.strip()[:4].lower() == "the "
        text = _strip_the(text)
        if not text:
            return
        tokens = tuple(self.tokenize(text))
        if not tokens:
            return
        # "the West" is not "West Bank": a name given only with its article keeps it
        entry = replace(entry, ambiguous=ambiguous, needs_the=had_article)
        variants = [tokens]
        letters = sum(ch.isalpha() for ch in text)
        if caps_variant and not ambiguous and letters >= 5 and text.upper() != text:
            variants.append(tuple(t.upper() for t in tokens))
        for variant in variants:
            patterns = self.names[variant[0]]
            known = patterns.get(variant)
            if override or known is None:
                patterns[variant] = entry
            elif known.needs_the and not had_article and known.codes == entry.codes:
                patterns[variant] = replace(known, needs_the=False)   # also listed without "the"

    def add_role(self, words: str, role: Role) -> None:
        tokens = tuple(t.lower() for t in self.tokenize(words))
        if tokens:
            self.roles[tokens[0]].setdefault(tokens, role)


def _sorted_index(raw: dict[str, dict[tuple[str, ...], Any]]) -> dict[str, list[tuple[tuple[str, ...], Any]]]:
    return {first: sorted(patterns.items(), key=lambda item: -len(item[0])) for first, patterns in raw.items()}


def _add_countries(builder: _Builder, countries: Iterable[dict[str, Any]]) -> set[str]:
    codes = set()
    for country in countries:
        iso3 = country["iso3"]
        codes.add(iso3)
        code = (iso3,)
        unclear = set(country.get("ambiguous") or [])
        for name in [country.get("name", ""), *country.get("names", [])]:
            builder.add_name(name, Entry(code, "name"), ambiguous=name in unclear)
        for adjective in country.get("adjectives", []):
            builder.add_name(adjective, Entry(code, "adjective"), ambiguous=adjective in unclear)
        for demonym in country.get("demonyms", []):
            builder.add_name(demonym, Entry(code, "demonym"), ambiguous=demonym in unclear)
        for capital in country.get("capitals", []):
            builder.add_name(capital, Entry(code, "capital", "GOV"), ambiguous=capital in unclear)
        for seat in country.get("seats", []):
            if isinstance(seat, str):
                builder.add_name(seat, Entry(code, "seat", "GOV"), ambiguous=seat in unclear)
            else:
                builder.add_name(seat["text"], Entry(code, "seat", seat.get("sector") or "GOV"),
                                 ambiguous=bool(seat.get("ambiguous")))
        for prefix in country.get("prefixes", []):
            builder.add_name(prefix, Entry(code, "combining"), caps_variant=False)
    return codes


def _add_regions(builder: _Builder, records: Iterable[dict[str, Any]]) -> None:
    """Provinces and regions stand for their state ("Ontario", "Xinjiang", "the West Bank")."""
    for record in records:
        unclear = set(record.get("ambiguous") or [])
        for name in record.get("names", []):
            builder.add_name(name, Entry((record["iso3"],), "name"), ambiguous=name in unclear)


def _add_collectives(builder: _Builder, records: Iterable[dict[str, Any]], kind: str) -> set[str]:
    codes = set()
    for record in records:
        code = record["code"]
        codes.add(code)
        entry = Entry((code,), kind)
        unclear = set(record.get("ambiguous") or [])
        names = [record.get("name", ""), *record.get("names", [])]
        if kind == "organisation":
            names.append(code)      # the acronym itself ("SCO", "NATO")
        for name in names:
            builder.add_name(name, entry, ambiguous=name in unclear)
        for adjective in record.get("adjectives", []):
            builder.add_name(adjective, Entry((code,), kind, adjective=True), ambiguous=adjective in unclear)
        for seat in record.get("seats") or []:
            text = seat if isinstance(seat, str) else seat["text"]
            sector = None if isinstance(seat, str) else seat.get("sector")
            # a city that is a capital and an organisation's seat ("Brussels") stands for the
            # organisation in international news
            builder.add_name(text, Entry((code,), "seat", sector), override=True,
                             ambiguous=isinstance(seat, dict) and bool(seat.get("ambiguous")))
    return codes


def _add_role_data(builder: _Builder, data: dict[str, Any]) -> None:
    for group in data.get("roles", []):
        role = Role(group.get("office", ""), group["sector"], bool(group.get("title")))
        for words in group["words"]:
            builder.add_role(words, role)
    for form, code in data.get("combining_forms", {}).items():
        if code and not form.startswith("_"):
            builder.add_name(form, Entry((code,), "combining"), caps_variant=False)
    for actor in data.get("non_state", []):
        entry = Entry((actor["iso3"],), "nonstate", actor["sector"], until=actor.get("until") or None,
                      after_sector=actor.get("after_sector") or None)
        for name in actor["names"]:
            builder.add_name(name, entry)
    for old in data.get("historical_names", []):
        for name in old.get("names", []):
            builder.add_name(name, Entry((old["iso3"],), "name"))
        for adjective in old.get("adjectives", []):
            builder.add_name(adjective, Entry((old["iso3"],), "adjective"))


#: the office-holder tables, one layout: the main table and the earlier decades beside it
OFFICE_FILES = ("offices.csv", "offices_1946.csv", "offices_1990.csv")


def _read_offices(read: DataReader) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for name in OFFICE_FILES:
        text = read(name)
        if text:
            rows += [row for row in csv.DictReader(text.splitlines()) if row.get("person")]
    return rows


HONORIFICS = frozenset({
    "king", "queen", "prince", "princess", "crown", "emir", "amir", "sheikh", "sultan", "mullah",
    "ayatollah", "imam", "president", "general", "marshal", "mr", "mrs", "ms", "dr", "sir", "lord",
})


#: military ranks that are also surnames of the office table ("John Major")
RANKS = frozenset({"major", "captain", "colonel", "admiral", "sergeant", "lieutenant", "commander"})


def _add_persons(builder: _Builder, lexicon: Lexicon, rows: list[dict[str, str]]) -> None:
    persons: dict[str, list[Term]] = defaultdict(list)
    surnames: dict[str, set[str]] = defaultdict(set)
    called: dict[str, set[str]] = defaultdict(set)
    fuzzy: dict[str, set[str]] = defaultdict(set)
    keys: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        person = row["person"].strip()
        persons[person].append(Term(row["iso3"].strip(), row.get("office", "").strip(),
                                    row.get("start", "").strip(), row.get("end", "").strip(),
                                    row.get("sector", "").strip() or "GOV"))
        aliases = {person, *(a.strip() for a in (row.get("aliases") or "").split(";"))}
        for alias in aliases:
            if not alias:
                continue
            tokens = builder.tokenize(alias)
            if len(tokens) == 1:
                surnames[tokens[0]].add(person)
                called[tokens[0]].add(person)
                continue
            builder.add_name(alias, Entry((), "person", person=person), caps_variant=False)
            lexicon.full_names[" ".join(tokens)] = person
            # "King Salman", "Crown Prince Mohammed": after a title the last word is a given name;
            # "Moon Jae-in", "Charles III", "Jr.": the last token is no surname either
            # a title word is no surname alone: "Mackenzie King" or "John Major" by their last
            # word would turn every "King" or "Major" of their time into them
            last = tokens[-1]
            if tokens[0].lower() not in HONORIFICS and tokens[-2] not in {"-", "‑"} and len(last) >= 3 \
                    and last.lower() not in HONORIFICS and last.lower() not in RANKS \
                    and last[0].isupper() and any(ch.islower() for ch in last) and last.isalpha():
                surnames[last].add(person)
            key = fuzzy_key(alias)
            if len(key) >= 8:
                keys[person].add(key)
                fuzzy[key].add(person)
                for deleted in deletions(key):
                    fuzzy[deleted].add(person)
    lexicon.persons = dict(persons)
    lexicon.surnames = {k: frozenset(v) for k, v in surnames.items()}
    lexicon.called = {k: frozenset(v) for k, v in called.items()}
    lexicon.fuzzy = {k: frozenset(v) for k, v in fuzzy.items()}
    lexicon.person_keys = {k: tuple(sorted(v)) for k, v in keys.items()}
    holders: dict[tuple[str, str], list[tuple[str, Term]]] = defaultdict(list)
    for person, terms in persons.items():
        for term in terms:
            holders[(term.iso3, term.office)].append((person, term))
    lexicon.holders = dict(holders)


def build_lexicon(tokenize: Callable[[str], list[str]], read: DataReader = _data_text) -> Lexicon:
    """Build the lexicon with the given tokenizer (text -> token texts) from the data
    files that ``read`` returns by name (default: the package's extract/data)."""
    builder = _Builder(tokenize)
    lexicon = Lexicon()
    role_data = _json(read, "roles.json") or {}
    lexicon.country_codes = frozenset(_add_countries(builder, _records(_json(read, "countries.json"))))
    lexicon.organisation_codes = frozenset(_add_collectives(builder, _records(_json(read, "organisations.json")),
                                                            "organisation"))
    lexicon.group_codes = frozenset(_add_collectives(builder, _records(_json(read, "groups.json")), "group"))
    _add_regions(builder, _records(_json(read, "regions.json")))
    _add_role_data(builder, role_data)
    _add_persons(builder, lexicon, _read_offices(read))
    lexicon.names = _sorted_index(builder.names)
    lexicon.roles = _sorted_index(builder.roles)
    lexicon.modifiers = frozenset(m.lower() for m in role_data.get("modifiers", []))
    lexicon.descriptions = {tuple(t.lower() for t in tokenize(words)): target
                            for words, target in role_data.get("descriptions", {}).items()
                            if not words.startswith("_")}
    lexicon.third_party_verbs = frozenset(role_data.get("third_party_verbs", []))
    lexicon.pronouns = {word: target for word, target in role_data.get("pronouns", {}).items()
                        if not word.startswith("_")}
    return lexicon


@functools.cache
def default_lexicon() -> Lexicon:
    """The lexicon tokenised with the project's spaCy pipeline (once per process)."""
    from blocwatch.extract.nlp import load_pipeline

    tokenizer = load_pipeline().tokenizer
    return build_lexicon(lambda text: [t.text for t in tokenizer(text)])


OFFICE_RANK = {office: rank for rank, office in enumerate((
    "head_of_state", "head_of_government", "crown_prince", "high_representative", "secretary_general",
    "commission_president", "council_president", "foreign_minister", "defence_minister"))}


def term_on(terms: list[Term], on: str | None) -> Term | None:
    """The term held on a date (YYYY-MM-DD, or a prefix), else the nearest one."""
    if not terms:
        return None
    if on:
        held = [t for t in terms if (not t.start or t.start[:len(on)] <= on) and (not t.end or on <= t.end)]
        if held:
            # several posts at once (a crown prince who is also defence minister): the higher one
            return min(held, key=lambda t: OFFICE_RANK.get(t.office, len(OFFICE_RANK)))
        # not in office that day: the term closest in time still gives the right country
        return min(terms, key=lambda t: min(abs(date_days(t.start) - date_days(on)),
                                            abs(date_days(t.end or "2999-12-31") - date_days(on))))
    return max(terms, key=lambda t: t.end or "9999")


def holder_on(lexicon: Lexicon, iso3: str, office: str, on: str | None) -> str | None:
    """Who held an office of a state on a date (None without a date or a record)."""
    if not on or not office:
        return None
    for person, term in lexicon.holders.get((iso3, office), ()):
        if (not term.start or term.start <= on) and (not term.end or on <= term.end):
            return person
    return None


def date_days(date: str) -> int:
    """A date as a day number good for comparing distances (months of 31 days)."""
    parts = (date + "-01-01").split("-")
    try:
        return int(parts[0]) * 372 + int(parts[1]) * 31 + int(parts[2])
    except ValueError:
        return 0


def in_office_around(terms: list[Term], on: str | None, slack_days: int = 372) -> bool:
    """Whether any term is within about a year of the date (always true without a date)."""
    if not on:
        return True
    day = date_days(on)
    return any(date_days(t.start or "1900-01-01") - slack_days <= day <= date_days(t.end or "2999-12-31") + slack_days
               for t in terms)
