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
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

#: Kinds of lexicon entries that name an actor directly (not a place or a role).
ACTOR_KINDS = frozenset({"name", "adjective", "demonym", "capital", "seat", "organisation", "group"})


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
    #: full-name token tuples -> person (for "named in full earlier")
    full_names: dict[str, str] = field(default_factory=dict)
    #: normalised full name, and each of its one-character deletions -> persons
    fuzzy: dict[str, frozenset[str]] = field(default_factory=dict)
    country_codes: frozenset[str] = frozenset()
    organisation_codes: frozenset[str] = frozenset()
    group_codes: frozenset[str] = frozenset()


def _data_text(name: str) -> str | None:
    path = resources.files("blocwatch.extract") / "data" / name
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None


def _json(name: str) -> Any:
    text = _data_text(name)
    return json.loads(text) if text else None


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

    def add_name(self, text: str, entry: Entry, *, caps_variant: bool = True) -> None:
        text = _strip_the(text)
        if not text:
            return
        tokens = tuple(self.tokenize(text))
        if not tokens:
            return
        # the first entry for a pattern wins: countries load before groups and nonstate actors
        self.names[tokens[0]].setdefault(tokens, entry)
        letters = sum(ch.isalpha() for ch in text)
        if caps_variant and letters >= 5 and text.upper() != text:
            upper = tuple(t.upper() for t in tokens)
            self.names[upper[0]].setdefault(upper, entry)

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
        for name in [country.get("name", ""), *country.get("names", [])]:
            builder.add_name(name, Entry(code, "name"))
        for adjective in country.get("adjectives", []):
            builder.add_name(adjective, Entry(code, "adjective"))
        for demonym in country.get("demonyms", []):
            builder.add_name(demonym, Entry(code, "demonym"))
        for capital in country.get("capitals", []):
            builder.add_name(capital, Entry(code, "capital", "GOV"))
        for seat in country.get("seats", []):
            if isinstance(seat, str):
                builder.add_name(seat, Entry(code, "seat", "GOV"))
            else:
                builder.add_name(seat["text"], Entry(code, "seat", seat.get("sector") or "GOV"))
    return codes


def _add_collectives(builder: _Builder, records: Iterable[dict[str, Any]], kind: str) -> set[str]:
    codes = set()
    for record in records:
        code = record["code"]
        codes.add(code)
        entry = Entry((code,), kind)
        names = [record.get("name", ""), *record.get("names", [])]
        if kind == "organisation":
            names.append(code)      # the acronym itself ("SCO", "NATO")
        for name in names:
            builder.add_name(name, entry)
        for adjective in record.get("adjectives", []):
            builder.add_name(adjective, Entry((code,), kind))
    return codes


def _add_role_data(builder: _Builder, data: dict[str, Any]) -> None:
    for group in data.get("roles", []):
        role = Role(group.get("office", ""), group["sector"], bool(group.get("title")))
        for words in group["words"]:
            builder.add_role(words, role)
    for form, code in data.get("combining_forms", {}).items():
        if code:
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


def _read_offices() -> list[dict[str, str]]:
    text = _data_text("offices.csv")
    if not text:
        return []
    return [row for row in csv.DictReader(text.splitlines()) if row.get("person")]


def _add_persons(builder: _Builder, lexicon: Lexicon, rows: list[dict[str, str]]) -> None:
    persons: dict[str, list[Term]] = defaultdict(list)
    surnames: dict[str, set[str]] = defaultdict(set)
    fuzzy: dict[str, set[str]] = defaultdict(set)
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
                continue
            builder.add_name(alias, Entry((), "person", person=person), caps_variant=False)
            lexicon.full_names[" ".join(tokens)] = person
            surnames[tokens[-1]].add(person)
            key = fuzzy_key(alias)
            if len(key) >= 8:
                fuzzy[key].add(person)
                for deleted in deletions(key):
                    fuzzy[deleted].add(person)
    lexicon.persons = dict(persons)
    lexicon.surnames = {k: frozenset(v) for k, v in surnames.items()}
    lexicon.fuzzy = {k: frozenset(v) for k, v in fuzzy.items()}


def build_lexicon(tokenize: Callable[[str], list[str]]) -> Lexicon:
    """Build the lexicon with the given tokenizer (text -> token texts)."""
    builder = _Builder(tokenize)
    lexicon = Lexicon()
    role_data = _json("roles.json") or {}
    lexicon.country_codes = frozenset(_add_countries(builder, _json("countries.json") or []))
    lexicon.organisation_codes = frozenset(_add_collectives(builder, _json("organisations.json") or [],
                                                            "organisation"))
    lexicon.group_codes = frozenset(_add_collectives(builder, _json("groups.json") or [], "group"))
    _add_role_data(builder, role_data)
    _add_persons(builder, lexicon, _read_offices())
    lexicon.names = _sorted_index(builder.names)
    lexicon.roles = _sorted_index(builder.roles)
    lexicon.modifiers = frozenset(m.lower() for m in role_data.get("modifiers", []))
    return lexicon


@functools.cache
def default_lexicon() -> Lexicon:
    """The lexicon tokenised with the project's spaCy pipeline (once per process)."""
    from blocwatch.extract.nlp import load_pipeline

    tokenizer = load_pipeline().tokenizer
    return build_lexicon(lambda text: [t.text for t in tokenizer(text)])


def term_on(terms: list[Term], on: str | None) -> Term | None:
    """The term held on a date (YYYY-MM-DD, or a prefix), else the nearest one."""
    if not terms:
        return None
    if on:
        for term in terms:
            if (not term.start or term.start[:len(on)] <= on) and (not term.end or on <= term.end):
                return term
        # not in office that day: the term closest in time still gives the right country
        return min(terms, key=lambda t: min(abs(_days(t.start) - _days(on)),
                                            abs(_days(t.end or "2999-12-31") - _days(on))))
    return max(terms, key=lambda t: t.end or "9999")


def _days(date: str) -> int:
    parts = (date + "-01-01").split("-")
    try:
        return int(parts[0]) * 372 + int(parts[1]) * 31 + int(parts[2])
    except ValueError:
        return 0


def in_office_around(terms: list[Term], on: str | None, slack_days: int = 372) -> bool:
    """Whether any term is within about a year of the date (always true without a date)."""
    if not on:
        return True
    day = _days(on)
    return any(_days(t.start or "1900-01-01") - slack_days <= day <= _days(t.end or "2999-12-31") + slack_days
               for t in terms)
