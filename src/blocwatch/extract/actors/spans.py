"""Working state shared by the actor passes (actors, roles, coref): a draft
mention over spaCy token indices, and small token tests."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from blocwatch.extract.actors.lexicon import Lexicon, term_on
from blocwatch.records import Mention

Token = Any
SpacyDoc = Any

NAME_PARTICLES = frozenset({"bin", "bint", "ibn", "al", "el", "de", "da", "van", "von", "der", "du", "la", "le"})
POSSESSIVE_MARKS = frozenset({"'s", "’s", "'", "’"})
POSSESSIVE_PRONOUNS = frozenset({"his", "her", "its", "their"})
#: what follows a state fused into one token with its hyphen ("U.S.-backed", "U.K.-led")
FUSED_SUFFIXES = frozenset({"backed", "led", "brokered", "funded", "sponsored", "supported", "based", "made",
                            "trained", "armed", "allied", "aligned", "imposed", "mediated"})
DETERMINERS = frozenset({"the", "a", "an", "his", "her", "its", "their", "this", "that", "these", "those"})

#: kinds that name an actor (subjects and objects may use them)
ACTOR_KINDS = frozenset({
    "name", "adjective", "demonym", "capital", "seat", "organisation", "group", "nonstate",
    "person", "role", "pronoun", "description", "pair", "compound",
})
#: kinds that name a state through its name or seat (anchors for compounds and roles)
NAMING_KINDS = frozenset({"name", "capital", "seat", "organisation", "group", "nonstate", "person", "role"})


@dataclass(slots=True)
class Draft:
    """A mention under construction: token span [start, end)."""

    start: int
    end: int
    codes: tuple[str, ...]
    kind: str
    sector: str | None = None
    person: str | None = None
    office: str | None = None
    personal: bool = False          # a single person (antecedent of "he"/"she")
    pending_pronoun: int | None = None  # token index of "his"/"her"/... whose referent gives codes
    needs_context: bool = False     # "Interior Minister X": the paragraph's one state gives codes
    repeats: bool = False           # "the spokesperson": only an earlier one of the same post gives codes

    def to_mention(self, sdoc: SpacyDoc, text: str) -> Mention:
        start = sdoc[self.start].idx
        last = sdoc[self.end - 1]
        end = last.idx + len(last.text)
        return Mention(start=start, end=end, text=text[start:end], codes=self.codes,
                       sector=self.sector, kind=self.kind, person=self.person)


def is_titlecase_word(token: Token) -> bool:
    """A capitalised word ("Putin", "VIadimir", "McCain"), not an all-caps acronym."""
    text = token.text
    return len(text) >= 2 and text[0].isupper() and any(ch.islower() for ch in text) \
        and text.replace("-", "").replace("'", "").isalpha()


def covered_map(drafts: list[Draft], n_tokens: int) -> list[int]:
    """token index -> index of the draft covering it, or -1."""
    owner = [-1] * n_tokens
    for number, draft in enumerate(drafts):
        for i in range(draft.start, draft.end):
            owner[i] = number
    return owner


def sort_and_dedupe(drafts: list[Draft]) -> list[Draft]:
    """Sorted by start; where drafts overlap the longer one wins."""
    chosen: list[Draft] = []
    taken: set[int] = set()
    for draft in sorted(drafts, key=lambda d: (-(d.end - d.start), d.start)):
        span = range(draft.start, draft.end)
        if any(i in taken for i in span):
            continue
        taken.update(span)
        chosen.append(draft)
    return sorted(chosen, key=lambda d: d.start)


def person_draft(start: int, end: int, person: str, lexicon: Lexicon, on: str | None) -> Draft:
    """A person span with the country and sector of the office held on the date."""
    term = term_on(lexicon.persons.get(person, []), on)
    if term is None:
        return Draft(start, end, (), "person", person=person, personal=True)
    return Draft(start, end, (term.iso3,), "person", term.sector, person, term.office, personal=True)
