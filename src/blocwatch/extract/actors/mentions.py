"""Actor mentions: every span of a document that names a state, an organisation,
a group, a person acting for a state, or points back to one of them.

    mentions = find_mentions(sdoc, document)           # sdoc = nlp(document.text)
    actors_for_span(mentions, start, end)              # mentions overlapping [start, end)

Mention.kind says how a span was resolved:

=============  ==========================================================================
name           a state, organisation or non-state actor by name ("Pakistan", "the US")
adjective      a nationality adjective ("Russian invasion", "Pakistani foreign policy")
demonym        a people ("Pakistanis")
capital        a capital standing for its state ("Islamabad supports ...") - sector GOV
seat           a seat of government ("the Kremlin", "the White House") - sector GOV
organisation   an organisation by name or acronym ("the EU", "SCO")
group          several states that are not one ("the West", "European countries"): a group code
nonstate       an armed or political movement tied to one state ("the Taliban", sector REB)
person         a person: full name, surname, fuzzy name, or title + name ("PM Khan")
role           a post or body of a state ("Pakistan's foreign minister", "Russian companies")
pronoun        he/him/his/she/her/it/its resolved within the paragraph
description    "the country": the last state named in the paragraph
pair           two states at once: "Pakistan-Russia", "Sino-Indian", "they", "both countries",
               "the two sides", "the two leaders" (codes (A, B); events treat them as symmetric)
compound       coordinated actors: "The United States and China" -> codes ("USA", "CHN"), one
               Mention; the event extractor makes one event per code
place          a capital or country used as a location, not an actor: after a preposition of
               place ("in Moscow", "visit to Moscow", "from Karachi") or as "Islamabad-based";
               events may use it as a destination but never as a subject
=============  ==========================================================================

Rules for pronouns and descriptions are in blocwatch.extract.actors.coref (numbered descriptions
and posts named again in blocwatch.extract.actors.descriptions), role phrases in
blocwatch.extract.actors.roles, pairs, places and compounds in blocwatch.extract.actors.compounds,
people introduced by a post and later named by surname in blocwatch.extract.actors.introduced,
first-person words of quotations in blocwatch.extract.actors.quotes. Mentions never overlap:
where two readings overlap the longer span wins. Every mention has at least one code."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from blocwatch.extract.actors import coref, introduced, quotes, roles
from blocwatch.extract.actors.compounds import (
    HYPHENS,
    mark_places,
    merge_and_other,
    merge_compounds,
    merge_hyphen_pairs,
)
from blocwatch.extract.actors.lexicon import (
    HONORIFICS,
    Entry,
    Lexicon,
    Term,
    date_days,
    default_lexicon,
    deletions,
    edit_distance_at_most_one,
    fuzzy_key,
    in_office_around,
    term_on,
)
from blocwatch.extract.actors.spans import (
    ACTOR_KINDS,
    FUSED_SUFFIXES,
    NAME_PARTICLES,
    POSSESSIVE_MARKS,
    Draft,
    SpacyDoc,
    Token,
    is_titlecase_word,
    person_draft,
    sort_and_dedupe,
)
from blocwatch.extract.dates.expressions import MONTHS, WEEKDAYS
from blocwatch.records import Document, Mention

__all__ = ["find_mentions", "actors_for_span", "ACTOR_KINDS"]

#: entity labels under which a capital followed by another capitalised word is part of
#: a name ("Washington Post", "Minsk Agreement"), not the state
NAME_ENTITY_LABELS = frozenset({"ORG", "FAC", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT", "PERSON"})
PLACE_ENTITY_LABELS = frozenset({"GPE", "LOC", "NORP", "ORG", "FAC"})
SURNAME_BLOCKING_ENTITIES = frozenset({
    "DATE", "TIME", "MONEY", "CARDINAL", "PERCENT", "QUANTITY", "NORP", "LANGUAGE", "LAW", "EVENT", "WORK_OF_ART",
})


def find_mentions(sdoc: SpacyDoc, document: Document, *, date: str | None = None) -> list[Mention]:
    """Resolved actor mentions of a parsed document, sorted by start, non-overlapping.

    ``date`` (YYYY-MM-DD) selects which office a named person held; it defaults to the
    document's publication date, and without either a person's latest term is used (a
    person's country rarely depends on the date; their office does)."""
    lexicon = default_lexicon()
    on = date or document.pub_date
    drafts = match_names(sdoc, lexicon, on)
    drafts = sort_and_dedupe(drafts + match_people(sdoc, lexicon, on, drafts))
    drafts = merge_hyphen_pairs(sdoc, drafts)
    drafts = settle_namesakes(sdoc, drafts)
    mark_places(sdoc, drafts)
    drafts = merge_and_other(sdoc, drafts)
    drafts = roles.find_roles(sdoc, lexicon, on, drafts)
    drafts = _without_former_officials(sdoc, lexicon, drafts, on)
    drafts = introduced.add_introduced(sdoc, drafts)
    drafts = merge_compounds(sdoc, drafts)
    paragraphs = paragraph_numbers(sdoc, document)
    drafts = coref.resolve(sdoc, lexicon, drafts, paragraphs)
    drafts = quotes.resolve_quotes(sdoc, drafts, paragraphs)
    return [d.to_mention(sdoc, document.text) for d in drafts if d.codes]


#: words before a person or post that say they no longer act for the state
OUT_OF_OFFICE = frozenset({"former", "ex", "ex-", "retired", "erstwhile"})


def _out_of_office(sdoc: SpacyDoc, draft: Draft) -> bool:
    """A former official speaks for no state ("Former foreign minister Kasuri criticised
    India" is an opinion, not Pakistan's act): such a person or post is no actor."""
    if draft.kind not in ("person", "role"):
        return False
    first = max(draft.start - 2, 0)
    words = [sdoc[j].lower_ for j in range(first, min(draft.start + 3, draft.end))]
    return any(w in OUT_OF_OFFICE or w.startswith("ex-") for w in words)


def _without_former_officials(sdoc: SpacyDoc, lexicon: Lexicon, drafts: list[Draft], on: str | None) -> list[Draft]:
    """Drafts without former officials: "former NATO chief Anders Rasmussen" and, unless he
    holds an office on the document's date, every later "Rasmussen" too."""
    former = {d.person for d in drafts if _out_of_office(sdoc, d) and d.person}
    # without a date the text's own "former" says he holds no office now
    idle = {p for p in former if not on or not any(
        (not t.start or t.start[:len(on)] <= on) and (not t.end or on <= t.end) for t in lexicon.persons.get(p, []))}
    return [d for d in drafts if not _out_of_office(sdoc, d)
            and not (d.kind == "person" and d.person in idle)]


def actors_for_span(mentions: Sequence[Mention], start: int, end: int) -> list[Mention]:
    """Mentions that overlap the character span [start, end) (a token, a phrase or a
    syntactic subtree), in text order. A mention larger than the span is included, so
    the head token "Khan" finds the mention "PM Khan"."""
    starts = [m.start for m in mentions]
    last = bisect.bisect_left(starts, end)
    return [m for m in mentions[:last] if m.end > start]


# --- names ---------------------------------------------------------------------------

#: states that share a short name: the bare word ("Congo", "Congolese") is read as the
#: first, unless the document names only the second unambiguously ("Democratic Republic
#: of Congo", "Kinshasa"), when every bare word means the second
NAMESAKES: dict[str, tuple[str, frozenset[str]]] = {
    "COG": ("COD", frozenset({"congo", "congolese", "congolese people"})),
}


def settle_namesakes(sdoc: SpacyDoc, drafts: list[Draft]) -> list[Draft]:
    """Re-code a shared short name by what else the document names without doubt."""
    def bare(draft: Draft, words: frozenset[str]) -> bool:
        return sdoc[draft.start:draft.end].text.lower() in words

    out = drafts
    for default, (other, words) in NAMESAKES.items():
        named = {code for d in drafts if not bare(d, words) for code in d.codes}
        if other in named and default not in named:
            out = [replace(d, codes=(other,)) if d.codes == (default,) and bare(d, words) else d for d in out]
    return out

def match_names(sdoc: SpacyDoc, lexicon: Lexicon, on: str | None) -> list[Draft]:
    """Longest lexicon match at each token, left to right."""
    drafts: list[Draft] = []
    n = len(sdoc)
    i = 0
    while i < n:
        match: tuple[int, Entry] | None = None
        text = sdoc[i].text
        # PDF text misreads a capital I as a small l: "lndia", "lran", "lmran Khan"
        misread = text[:1] == "l" and len(text) > 3 and text not in lexicon.names
        entries = lexicon.names.get("I" + text[1:], ()) if misread else lexicon.names.get(text, ())
        for pattern, entry in entries:
            size = len(pattern)
            if i + size <= n and all(sdoc[i + k].text == pattern[k] for k in range(1, size)) \
                    and not (_misread_false(sdoc, i + size, entry, lexicon) if misread
                             else _false_name(sdoc, i, i + size, entry, lexicon)):
                match = (size, entry)
                break
        if match is None:
            fused = _fused_hyphen_name(sdoc[i], lexicon)
            if fused is not None:
                based = sdoc[i].lower_.endswith("-based")
                drafts.append(Draft(i, i + 1, fused.codes, "place" if based else fused.kind,
                                    None if based else fused.sector))
            i += 1
            continue
        size, entry = match
        drafts.append(_draft_for_entry(sdoc, i, i + size, entry, lexicon, on))
        i += size
    return drafts


def _fused_hyphen_name(token: Token, lexicon: Lexicon) -> Entry | None:
    """The tokenizer keeps "U.S.-backed" whole (it splits "Russia-backed"): the state
    before the hyphen, when a name of one token, is the state."""
    head, hyphen, tail = token.text.partition("-")
    if not hyphen or tail.lower() not in FUSED_SUFFIXES:
        return None
    for pattern, entry in lexicon.names.get(head, ()):
        if len(pattern) == 1 and entry.kind in {"name", "organisation"} and not entry.ambiguous:
            return entry
    return None


def _draft_for_entry(sdoc: SpacyDoc, start: int, end: int, entry: Entry, lexicon: Lexicon,
                     on: str | None) -> Draft:
    if entry.kind == "person":
        return person_draft(start, end, entry.person or "", lexicon, on)
    hyphenated = end < len(sdoc) and not sdoc[end - 1].whitespace_ and sdoc[end].text in HYPHENS
    # "the US", but not "the Russia-led bloc": there the article belongs to the noun
    if entry.kind in {"name", "organisation", "group", "seat", "nonstate", "capital"} and start > 0 \
            and sdoc[start - 1].lower_ == "the" and not hyphenated and not entry.adjective:
        start -= 1
    sector = entry.sector
    if entry.kind == "nonstate" and entry.until and on and on >= entry.until:
        sector = entry.after_sector or sector
    return Draft(start, end, entry.codes, entry.kind, sector)


def continues_a_name(sdoc: SpacyDoc, end: int, lexicon: Lexicon) -> bool:
    """More of a personal name follows ("Crown Prince Mohammed | bin Zayed", "Khan | Academy"):
    the match is the start of someone else's name."""
    if end >= len(sdoc) or not sdoc[end - 1].whitespace_:
        return False
    following = sdoc[end]
    if following.lower_ in NAME_PARTICLES or following.lower_.startswith(("al-", "el-")):
        return True
    return is_titlecase_word(following) and following.pos_ == "PROPN" and not _single_name(lexicon, following.text) \
        and following.lower_ not in lexicon.roles


def _misread_false(sdoc: SpacyDoc, end: int, entry: Entry, lexicon: Lexicon) -> bool:
    return entry.kind not in {"name", "capital", "person"} or entry.ambiguous or continues_a_name(sdoc, end, lexicon)


def _false_name(sdoc: SpacyDoc, start: int, end: int, entry: Entry, lexicon: Lexicon) -> bool:
    """A match that is part of something else: "George Washington", "Washington Post",
    "LET US KNOW", "Chad Smith", "the Indian Ocean"."""
    if entry.kind == "person":
        return continues_a_name(sdoc, end, lexicon)
    first, last = sdoc[start], sdoc[end - 1]
    if start >= 2 and sdoc[start - 1].text in HYPHENS and sdoc[start - 2].lower_ in {"pro", "anti", "non", "ex"} \
            and not sdoc[start - 2].whitespace_:
        return True                 # "pro-Russian separatists" are not Russia
    if entry.needs_the and (start == 0 or sdoc[start - 1].lower_ != "the"):
        return True
    if (first.text == "US" or (entry.ambiguous and first.text.isupper())) \
            and _next_to_caps_word(sdoc, start, lexicon):
        return True
    if entry.ambiguous and end - start == 1 and not first.text.isupper() \
            and _ambiguous_word_out_of_place(sdoc, start, entry, lexicon):
        return True
    if entry.kind == "group" and end < len(sdoc) and _group_word_misread(sdoc, start, end, lexicon):
        return True
    if entry.kind == "organisation" and start >= 1 and sdoc[start - 1].text in {"National", "Supreme"}:
        return True                 # "the US National Security Council" is a state's body, not the UN's
    if entry.kind in {"organisation", "group", "seat", "nonstate"}:
        return False
    if end - start == 1 and entry.kind in {"name", "capital"} and first.pos_ != "PROPN" \
            and first.ent_type_ not in PLACE_ENTITY_LABELS and not first.text.isupper() \
            and (entry.kind == "capital" or entry.ambiguous or not first.text.istitle()):
        return True                 # "Male voters", "Victoria said": ordinary words, not Male or Seychelles
    #                                 (a state's own name, capitalised, stays: "Bahrain normalised ...")
    if end - start == 1 and entry.kind in {"name", "capital"} and first.ent_type_ == "PERSON":
        # the neighbour belongs to the same PERSON entity when the later token continues it
        neighbours = [(start - 1, first), (end, sdoc[end] if end < len(sdoc) else None)]
        for j, continuing in neighbours:
            if continuing is None or j < 0 or continuing.ent_iob_ != "I":
                continue
            other = sdoc[j]
            if is_titlecase_word(other) and not _single_name(lexicon, other.text):
                return True
    if entry.kind == "capital" and end < len(sdoc) and last.whitespace_:
        following = sdoc[end]
        if following.ent_type_ in NAME_ENTITY_LABELS and following.ent_iob_ == "I" \
                and is_titlecase_word(following) and not _single_name(lexicon, following.text) \
                and following.lower_ not in lexicon.roles:
            return True
    return False


SINGULAR_STATE_NOUNS = frozenset({"country", "nation", "state", "republic", "kingdom", "monarchy", "government"})


def _group_word_misread(sdoc: SpacyDoc, start: int, end: int, lexicon: Lexicon) -> bool:
    """"the West African bloc", "the West Bank", "the Nordic country" (one state): not the group."""
    following = sdoc[end]
    if following.lower_ in SINGULAR_STATE_NOUNS:
        return True
    return end - start == 1 and bool(sdoc[start].whitespace_) and is_titlecase_word(following) \
        and not _single_name(lexicon, following.text) and following.lower_ not in lexicon.roles


def _ambiguous_word_out_of_place(sdoc: SpacyDoc, i: int, entry: Entry, lexicon: Lexicon) -> bool:
    """A name the data marks as ambiguous ("Jordan", "Indian", "Washington", "Western") is
    not read as an actor inside a longer proper name: a capitalised neighbour that is not
    itself a known name or a title ("Michael Jordan", "Indian Ocean", "Washington Post")."""
    token = sdoc[i]
    if entry.kind == "group" and i + 1 < len(sdoc) and any(
            e.kind == "name" for _, e in lexicon.names.get(sdoc[i + 1].text, ())):
        return True                 # "Western Ukraine" is a part of Ukraine
    if entry.kind not in {"adjective", "demonym", "group"} and token.pos_ != "PROPN" \
            and token.ent_type_ not in PLACE_ENTITY_LABELS:
        return True
    if token.whitespace_ and i + 1 < len(sdoc) and _foreign_proper_word(sdoc[i + 1], lexicon):
        return True
    return i > 0 and bool(sdoc[i - 1].whitespace_) and _foreign_proper_word(sdoc[i - 1], lexicon)


def _foreign_proper_word(token: Token, lexicon: Lexicon) -> bool:
    return is_titlecase_word(token) and token.pos_ == "PROPN" and not _single_name(lexicon, token.text) \
        and token.lower_ not in lexicon.roles


def _single_name(lexicon: Lexicon, text: str) -> bool:
    """A one-word state, organisation or group name ("Pakistan", "NATO"), not a first name."""
    return any(len(pattern) == 1 and entry.kind != "person" for pattern, entry in lexicon.names.get(text, ()))


def _next_to_caps_word(sdoc: SpacyDoc, index: int, lexicon: Lexicon) -> bool:
    for j in (index - 1, index + 1):
        if 0 <= j < len(sdoc):
            text = sdoc[j].text
            if len(text) >= 2 and text.isalpha() and text.isupper() and not _single_name(lexicon, text):
                return True
    return False


# --- people by surname or a slightly misspelt name ------------------------------------

def match_people(sdoc: SpacyDoc, lexicon: Lexicon, on: str | None, drafts: list[Draft]) -> list[Draft]:
    """Surnames and misspelt full names on tokens no other match covers."""
    n = len(sdoc)
    covered = [False] * n
    full_persons = sorted((d for d in drafts if d.kind == "person" and d.person), key=lambda d: d.start)
    for draft in drafts:
        for i in range(draft.start, draft.end):
            covered[i] = True
    named: dict[str, str] = {}      # surname -> person named in full so far
    found: list[Draft] = []
    pointer = 0
    i = 0
    while i < n:
        while pointer < len(full_persons) and full_persons[pointer].start <= i:
            _remember(named, sdoc, full_persons[pointer], lexicon)
            pointer += 1
        if covered[i] or not is_titlecase_word(sdoc[i]):
            i += 1
            continue
        fuzzy = _fuzzy_person(sdoc, i, covered, lexicon, on)
        if fuzzy is not None:
            found.append(fuzzy)
            _remember(named, sdoc, fuzzy, lexicon)
            i = fuzzy.end
            continue
        surname = _surname_person(sdoc, i, lexicon, on, named)
        if surname is not None:
            found.append(_with_honorific(sdoc, surname))
        i += 1
    return found


def _remember(named: dict[str, str], sdoc: SpacyDoc, draft: Draft, lexicon: Lexicon) -> None:
    """After "Kim Jong Un" or "Imran Khan" in full, "Kim" and "Khan" alone mean that person
    in this document; a word two named people share ("Mohammed") means neither."""
    person = draft.person or ""
    for k in range(draft.start, draft.end):
        word = sdoc[k].text
        if not is_titlecase_word(sdoc[k]) or len(word) < 3 or word.lower() in NAME_PARTICLES \
                or word.lower() in lexicon.roles or word.lower() in HONORIFICS:
            continue
        named[word] = person if named.get(word, person) == person else ""


def _fuzzy_person(sdoc: SpacyDoc, i: int, covered: list[bool], lexicon: Lexicon,
                  on: str | None) -> Draft | None:
    for size in (3, 2):
        end = i + size
        if end > len(sdoc):
            continue
        tokens = [sdoc[j] for j in range(i, end)]
        if any(covered[t.i] or not is_titlecase_word(t) for t in tokens) \
                or any(not t.whitespace_ for t in tokens[:-1]) or continues_a_name(sdoc, end, lexicon):
            continue
        key = fuzzy_key(" ".join(t.text for t in tokens))
        candidates: set[str] = set(lexicon.fuzzy.get(key, ()))
        for deleted in deletions(key):
            candidates.update(lexicon.fuzzy.get(deleted, ()))
        people = {p for p in candidates
                  if any(edit_distance_at_most_one(key, alias) for alias in lexicon.person_keys.get(p, ()))}
        # a misspelling is read as a person only in their time: "Francois Mitterand" in 1988
        # is no namesake who held office decades later
        people = {p for p in people if in_office_around(lexicon.persons.get(p, []), on)}
        if len(people) == 1:
            return person_draft(i, end, people.pop(), lexicon, on)
    return None


def _surname_person(sdoc: SpacyDoc, i: int, lexicon: Lexicon, on: str | None,
                    named: dict[str, str]) -> Draft | None:
    token = sdoc[i]
    candidates = lexicon.surnames.get(token.text, frozenset())
    if named.get(token.text):
        candidates = candidates | {named[token.text]}
    # the entity recogniser often mislabels a foreign surname ("8 July Orbán" as a DATE,
    # "Orbán" as NORP); one the document has named in full is that person all the same
    blocked = token.ent_type_ in SURNAME_BLOCKING_ENTITIES and not named.get(token.text)
    if not candidates or len(token.text) < 2 or blocked or continues_a_name(sdoc, i + 1, lexicon):
        return None
    if i > 0 and sdoc[i - 1].text in HYPHENS and not sdoc[i - 1].whitespace_ and not _article_hyphen(sdoc, i):
        return None                 # "Jaish-e-Mohammed": part of a hyphenated name
    if i > 0 and _unknown_first_name(sdoc[i - 1], lexicon):
        return None                 # "Abiy Ahmed" is not the Ahmed of the office table
    if token.pos_ != "PROPN" and token.ent_type_ != "PERSON" and not _surname_as_noun(sdoc, i, named):
        return None
    if named.get(token.text) in candidates:
        return person_draft(i, i + 1, named[token.text], lexicon, on)
    if token.ent_type_ != "PERSON" and _modifies_a_thing(sdoc, i, lexicon):
        return None
    active = [p for p in candidates if in_office_around(lexicon.persons.get(p, []), on)]
    title_office = _title_office_before(sdoc, i, lexicon)
    if not active and (title_office or _titled(sdoc, i, lexicon)):
        # a former leader in a later text ("former President Musharraf" in 2022); without a
        # title a bare "Johnson" or "Smith" years later is more likely someone else, and a
        # person who took office after the text ("Bhutto" in 1988 is not Bilawal) never is
        active = sorted(p for p in candidates if _took_office_by(lexicon.persons.get(p, []), on))
    if title_office:
        with_office = [p for p in active if any(t.office == title_office for t in lexicon.persons.get(p, []))]
        if with_office:
            active = with_office
    if len(active) > 1 and not _someone_elses_surname(sdoc, i, lexicon):
        # "Guterres" in 2020: the UN chief, whose name it is, not Timor-Leste's Lú Olo
        called = [p for p in active if p in lexicon.called.get(token.text, frozenset())]
        if len(called) == 1:
            active = called
    if len(active) == 1:
        return person_draft(i, i + 1, active[0], lexicon, on)
    countries = {t.iso3 for p in active for t in lexicon.persons.get(p, [])}
    if len(countries) == 1:
        # "Sharif": Nawaz or Shehbaz, Pakistan either way; the one nearest the date is named
        nearest = min(active, key=lambda p: _distance_in_days(lexicon.persons.get(p, []), on))
        return person_draft(i, i + 1, nearest, lexicon, on)
    return None


def _surname_as_noun(sdoc: SpacyDoc, i: int, named: dict[str, str]) -> bool:
    """The tagger reads some surnames as common nouns ("Trump blocked ...", "Guterres'
    spokesman"): still the person when the document named them in full before, or when a
    possessive follows the capitalised word."""
    token = sdoc[i]
    if token.pos_ != "NOUN" or not is_titlecase_word(token):
        return False
    possessive = i + 1 < len(sdoc) and sdoc[i + 1].text in POSSESSIVE_MARKS
    return bool(named.get(token.text)) or possessive


def _someone_elses_surname(sdoc: SpacyDoc, i: int, lexicon: Lexicon) -> bool:
    """The document used the word before as the surname of someone the table does not
    know ("Ilyas Ali Hassan ... Hassan said"): the bare word is more likely them."""
    word = sdoc[i].text
    return any(sdoc[j].text == word and _unknown_first_name(sdoc[j - 1], lexicon) for j in range(1, i))


#: sectors of the bodies that speak for a state: "the Bush administration" names its state
STATE_SECTORS = frozenset({"GOV", "MIL"})


def _modifies_a_thing(sdoc: SpacyDoc, i: int, lexicon: Lexicon) -> bool:
    """A bare word before a common noun names a group or a thing, not a person of the office
    table: "Moro rebels", "the Green party", "Ford workers"; a state's body after a leader's
    surname ("the Bush administration", "the Putin government") still stands for the state."""
    token = sdoc[i]
    head = token.head
    if token.dep_ != "compound" or head.i <= i or head.pos_ != "NOUN":
        return False
    return not any(pattern == (head.lower_,) and role.sector in STATE_SECTORS
                   for pattern, role in lexicon.roles.get(head.lower_, ()))


def _took_office_by(terms: list[Term], on: str | None) -> bool:
    """Whether a person's first term began on or before the date (true without a date)."""
    if not on:
        return True
    return any(not t.start or t.start[:len(on)] <= on for t in terms)


def _distance_in_days(terms: list[Term], on: str | None) -> int:
    term = term_on(terms, on)
    if term is None or not on:
        return 0
    day = date_days(on)
    start, end = date_days(term.start or on), date_days(term.end or "2999-12-31")
    return 0 if start <= day <= end else min(abs(day - start), abs(day - end))


def _article_hyphen(sdoc: SpacyDoc, i: int) -> bool:
    """"al-Sharaa", "Al-Sisi": the Arabic article and hyphen before token i."""
    return i >= 2 and sdoc[i - 2].lower_ in {"al", "el"} and not sdoc[i - 2].whitespace_


def _with_honorific(sdoc: SpacyDoc, draft: Draft) -> Draft:
    """"Mr Khan": the honorific belongs to the name; so does the article of "Al-Sharaa"."""
    if _article_hyphen(sdoc, draft.start) and sdoc[draft.start - 1].text in HYPHENS:
        draft.start -= 2
        return draft
    if draft.start > 0 and sdoc[draft.start - 1].lower_.rstrip(".") in {"mr", "mrs", "ms", "dr", "sir"}:
        draft.start -= 1
    return draft


def _unknown_first_name(token: Token, lexicon: Lexicon) -> bool:
    """"Abiy Ahmed": an unknown given name before a surname; "On 8 July Orban" has none."""
    return is_titlecase_word(token) and token.pos_ == "PROPN" and bool(token.whitespace_) \
        and token.lower_ not in MONTHS and token.lower_ not in WEEKDAYS \
        and token.lower_ not in lexicon.roles and token.lower_.rstrip(".") not in HONORIFICS \
        and not _single_name(lexicon, token.text)


def _titled(sdoc: SpacyDoc, i: int, lexicon: Lexicon) -> bool:
    """A title or honorific right before token i ("President", "General", "Mr")."""
    if i == 0:
        return False
    previous = sdoc[i - 1].lower_.rstrip(".")
    return previous in HONORIFICS or any(role.title for pattern, role in lexicon.roles.get(previous, ())
                                         if len(pattern) == 1)


def _title_office_before(sdoc: SpacyDoc, i: int, lexicon: Lexicon) -> str | None:
    for size in (3, 2, 1):
        if i - size < 0:
            continue
        words = tuple(sdoc[j].lower_ for j in range(i - size, i))
        for pattern, role in lexicon.roles.get(words[0], ()):
            if pattern == words and role.title:
                return role.office or None
    return None


# --- paragraphs -------------------------------------------------------------------------

def paragraph_numbers(sdoc: SpacyDoc, document: Document) -> list[int]:
    """token index -> paragraph number (Document.paragraphs, else blank-line blocks)."""
    text = document.text
    if document.paragraphs:
        starts = [start for start, _ in document.paragraphs]
    else:
        starts = [0]
        position = text.find("\n\n")
        while position != -1:
            starts.append(position + 2)
            position = text.find("\n\n", position + 2)
    numbers: list[int] = []
    current = 0
    for token in sdoc:
        while current + 1 < len(starts) and token.idx >= starts[current + 1]:
            current += 1
        numbers.append(current)
    return numbers


def describe(mentions: Sequence[Mention]) -> list[dict[str, Any]]:
    """Mentions as plain dicts (golden files, debugging)."""
    return [{"start": m.start, "end": m.end, "text": m.text, "codes": list(m.codes), "sector": m.sector,
             "kind": m.kind, "person": m.person} for m in mentions]
