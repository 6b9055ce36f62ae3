"""People the office table does not know, introduced once by what they are and later
named by surname alone.

* apposition: a personal role followed by a name between commas ("Kenya's government
  spokeswoman, Amina Odhiambo, said ...") - the name is that person, with the role's state;
* title, then "for"/"to" + a state, then a name ("the UN envoy for Yemen Lars Eklund") - the
  person acts for the title's state or organisation, not the one after "for";
* later, the bare surname ("Odhiambo added ...", "Eklund's office") is the person introduced,
  when the document introduced exactly one person under that surname with one set of codes.

A person of the office table needs none of this: actors.match_people already remembers a
name given in full. Nothing here ever resolves by which state a paragraph names."""

from __future__ import annotations

from blocwatch.extract.actors.spans import (
    NAME_PARTICLES,
    POSSESSIVE_MARKS,
    Draft,
    SpacyDoc,
    Token,
    covered_map,
    is_titlecase_word,
    sort_and_dedupe,
)

#: words between a title and the state it serves in ("envoy for Syria", "ambassador to Iran")
SERVING_PREPOSITIONS = frozenset({"for", "to", "on"})
NAME_DEPS = frozenset({"appos", "compound", "npadvmod", "nsubj", "conj", "dobj", "pobj", "ROOT", "attr"})


def add_introduced(sdoc: SpacyDoc, drafts: list[Draft]) -> list[Draft]:
    """Drafts with appositive and titled names added, then their later bare surnames."""
    owner = covered_map(drafts, len(sdoc))
    found: list[Draft] = []
    for draft in drafts:
        if draft.kind != "role" or not draft.personal or not draft.codes:
            continue
        start = _name_start_after(sdoc, draft, drafts, owner)
        if start is None:
            continue
        end = _name_end(sdoc, start, owner)
        if end - start < 2:
            continue
        if draft.end < start and sdoc[draft.end].text == "," and not _closes_apposition(sdoc, end):
            continue
        name = " ".join(sdoc[j].text for j in range(start, end))
        found.append(Draft(start, end, draft.codes, "person", draft.sector, name, draft.office, True))
    for draft in drafts:
        if draft.kind == "role" and draft.personal and draft.codes:
            before = _name_before(sdoc, draft, owner)
            if before is not None:
                found.append(before)
    drafts = sort_and_dedupe(drafts + found)
    return sort_and_dedupe(_surnames(sdoc, drafts))


#: words before a name that are no part of it ("Professor Ana Lima, a Chilean adviser")
NAME_PREFIXES = frozenset({"professor", "prof.", "dr", "dr.", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "sir"})


def _name_before(sdoc: SpacyDoc, role: Draft, owner: list[int]) -> Draft | None:
    """"Ana Lima, a Chilean presidential adviser, said": the name before a post in apposition."""
    comma = role.start - 1
    if comma < 2 or sdoc[comma].text != "," or sdoc[role.start].lower_ not in {"a", "an", "the"}:
        return None
    if role.end < len(sdoc) and not _closes_apposition(sdoc, role.end):
        return None
    start = comma
    while start > 0 and comma - start < 4 and owner[start - 1] == -1 and sdoc[start - 1].pos_ == "PROPN" \
            and is_titlecase_word(sdoc[start - 1]):
        start -= 1
    if start > 0 and (owner[start - 1] != -1 or (is_titlecase_word(sdoc[start - 1]) and sdoc[start - 1].pos_ == "PROPN")) \
            and sdoc[start - 1].lower_ not in NAME_PREFIXES:
        return None                 # part of something longer, or another mention's words
    while start < comma and sdoc[start].lower_ in NAME_PREFIXES:
        start += 1
    if comma - start < 2 or not any(sdoc[j].ent_type_ == "PERSON" for j in range(start, comma)):
        return None
    name = " ".join(sdoc[j].text for j in range(start, comma))
    return Draft(start, comma, role.codes, "person", role.sector, name, role.office, True)


def _name_start_after(sdoc: SpacyDoc, role: Draft, drafts: list[Draft], owner: list[int]) -> int | None:
    """Where a name begins after a role: ", Name" or "for X Name"."""
    i = role.end
    if i + 1 >= len(sdoc):
        return None
    if sdoc[i].text == ",":
        return i + 1
    if sdoc[i].lower_ in SERVING_PREPOSITIONS and owner[i + 1] != -1:
        served = drafts[owner[i + 1]]
        if served.start == i + 1 and served.codes and served.kind in {"name", "place", "capital", "organisation"}:
            return served.end
    return None


def _name_end(sdoc: SpacyDoc, start: int, owner: list[int]) -> int:
    """End of a run of two to four capitalised words no other mention holds."""
    end = start
    while end < len(sdoc) and end - start < 4 and owner[end] == -1 and sdoc[end].pos_ == "PROPN" and (
            is_titlecase_word(sdoc[end]) or (end > start and sdoc[end].lower_ in NAME_PARTICLES)):
        end += 1
    while end > start and sdoc[end - 1].lower_ in NAME_PARTICLES:
        end -= 1
    if end < len(sdoc) and sdoc[end].pos_ == "PROPN" and is_titlecase_word(sdoc[end]):
        return start                # longer than a name: an organisation or a title
    return end


def _closes_apposition(sdoc: SpacyDoc, end: int) -> bool:
    """An apposition ends with a comma, a full stop or the verb of the sentence."""
    if end >= len(sdoc):
        return True
    following = sdoc[end]
    return following.text in {",", ".", ";", ")"} or following.pos_ in {"VERB", "AUX"}


def _surnames(sdoc: SpacyDoc, drafts: list[Draft]) -> list[Draft]:
    """The drafts with later bare surnames of introduced people added."""
    introduced: dict[str, Draft | None] = {}
    for draft in drafts:
        if draft.kind != "person" or not draft.codes or not draft.person or draft.end - draft.start < 2:
            continue
        last = sdoc[draft.end - 1]
        if not is_titlecase_word(last) or len(last.text) < 3 or last.text != draft.person.split()[-1]:
            continue
        earlier = introduced.get(last.text, draft)
        same = earlier is not None and earlier.codes == draft.codes and earlier.person == draft.person
        introduced[last.text] = draft if same else None
    if not introduced:
        return drafts
    owner = covered_map(drafts, len(sdoc))
    found: list[Draft] = []
    replaced: set[int] = set()
    for token in sdoc:
        intro = introduced.get(token.text)
        if intro is None or token.i < intro.end or not _bare_surname(sdoc, token):
            continue
        number = owner[token.i]
        if number != -1:
            # "Ana Sousa, a Chilean diplomat ... Sousa said": not the office table's Sousa
            held = drafts[number]
            if held.kind != "person" or held.end - held.start != 1 or held.person == intro.person:
                continue
            replaced.add(number)
        found.append(Draft(token.i, token.i + 1, intro.codes, "person", intro.sector, intro.person,
                           intro.office, True))
    return [d for number, d in enumerate(drafts) if number not in replaced] + found


def _bare_surname(sdoc: SpacyDoc, token: Token) -> bool:
    """The surname alone, not part of another name ("Maria Odhiambo", "Odhiambo Street")."""
    i = token.i
    if i > 0 and sdoc[i - 1].whitespace_ and is_titlecase_word(sdoc[i - 1]) and sdoc[i - 1].pos_ == "PROPN":
        return False
    if i + 1 < len(sdoc) and token.whitespace_ and is_titlecase_word(sdoc[i + 1]) and sdoc[i + 1].pos_ == "PROPN":
        return False
    possessive = i + 1 < len(sdoc) and sdoc[i + 1].text in POSSESSIVE_MARKS
    return token.pos_ == "PROPN" or token.ent_type_ == "PERSON" or possessive or token.dep_ in {"nsubj", "poss"}
