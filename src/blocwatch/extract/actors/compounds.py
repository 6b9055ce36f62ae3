"""Pairs, places and compounds of actor mentions (a pass of blocwatch.extract.actors):

* "Pakistan-Russia", "Sino-Indian" -> one pair; "Islamabad-based" -> a place;
* a capital or state after a preposition of place ("in Moscow"), or a dateline capital -> a place;
* "The United States and China", "US, Japan, India and Australia" -> one compound;
* "European and other Western countries" -> the named part."""

from __future__ import annotations

from blocwatch.extract.actors.spans import Draft, SpacyDoc, Token

HYPHENS = frozenset({"-", "–", "‑"})
#: prepositions after which a capital is a location, not the government acting
CAPITAL_PLACE_PREPOSITIONS = frozenset({
    "in", "at", "to", "from", "into", "near", "inside", "outside", "across", "throughout",
    "within", "via", "around",
})
#: after "to" or "from" a state is usually a party ("sold weapons to Pakistan", "bought gas
#: from Russia", "an envoy from Pakistan"), so those are not places for states
COUNTRY_PLACE_PREPOSITIONS = CAPITAL_PLACE_PREPOSITIONS - {"to", "from", "via"}

PAIRABLE_KINDS = frozenset({"name", "adjective", "demonym", "combining", "capital", "pair", "group"})


def merge_hyphen_pairs(sdoc: SpacyDoc, drafts: list[Draft]) -> list[Draft]:
    """"Pakistan-Russia", "Pak-Russia", "Sino-Indian" -> one pair; "Islamabad-based" -> place."""
    merged: list[Draft] = []
    k = 0
    while k < len(drafts):
        draft = drafts[k]
        while k + 1 < len(drafts) and _hyphen_joined(sdoc, draft, drafts[k + 1]) \
                and draft.kind in PAIRABLE_KINDS and drafts[k + 1].kind in PAIRABLE_KINDS:
            following = drafts[k + 1]
            codes = tuple(dict.fromkeys(draft.codes + following.codes))
            # "the Russia-Pakistan dialogue": the article belongs to the noun, not the pair
            start = draft.start + 1 if sdoc[draft.start].lower_ == "the" else draft.start
            draft = Draft(start, following.end, codes, "pair" if len(codes) > 1 else "name")
            k += 1
        if draft.end + 1 < len(sdoc) and sdoc[draft.end].text in HYPHENS \
                and not sdoc[draft.end - 1].whitespace_ and sdoc[draft.end + 1].lower_ == "based":
            draft = Draft(draft.start, draft.end, draft.codes, "place")
        if draft.kind != "combining":
            merged.append(draft)
        k += 1
    return merged


def _hyphen_joined(sdoc: SpacyDoc, left: Draft, right: Draft) -> bool:
    hyphen = left.end
    return right.start == hyphen + 1 and sdoc[hyphen].text in HYPHENS \
        and not sdoc[hyphen - 1].whitespace_ and not sdoc[hyphen].whitespace_


def mark_places(sdoc: SpacyDoc, drafts: list[Draft]) -> None:
    """Capitals and countries that are the object of a preposition of place, and the
    capital of a dateline ("MOSCOW, 10 July 2024 -")."""
    for draft in drafts:
        if draft.kind == "capital" and _dateline(sdoc, draft):
            draft.kind = "place"
            draft.sector = None
            continue
        if draft.kind == "capital":
            prepositions = CAPITAL_PLACE_PREPOSITIONS
        elif draft.kind in {"name", "group"} and len(draft.codes) == 1:
            # states and regions ("in Pakistan", "in Europe", "in Western countries")
            prepositions = COUNTRY_PLACE_PREPOSITIONS
        else:
            continue
        head = _phrase_head(sdoc, draft)
        while head.dep_ == "conj" and head.head.i < head.i:
            head = head.head
        if head.dep_ == "pobj" and head.head.lower_ in prepositions:
            draft.kind = "place"
            draft.sector = None


def _dateline(sdoc: SpacyDoc, draft: Draft) -> bool:
    first = sdoc[draft.start]
    # the previous token, not sdoc.text: building the whole text per mention is quadratic
    at_line_start = first.i == 0 or sdoc[first.i - 1].text_with_ws.endswith("\n")
    following = sdoc[draft.end].text if draft.end < len(sdoc) else ""
    return at_line_start and first.text.isupper() and following in {",", "-", "–", "—", "("}


def _phrase_head(sdoc: SpacyDoc, draft: Draft) -> Token:
    """The token of the span whose syntactic head lies outside it."""
    for i in range(draft.end - 1, draft.start - 1, -1):
        token = sdoc[i]
        if not draft.start <= token.head.i < draft.end or token.head.i == token.i:
            return token
    return sdoc[draft.end - 1]


COMPOUND_KINDS = frozenset({"name", "capital", "seat", "organisation", "nonstate", "person", "role", "group"})
CONJUNCTIONS = frozenset({",", "and", "&"})


def merge_compounds(sdoc: SpacyDoc, drafts: list[Draft]) -> list[Draft]:
    """"The United States and China", "US, Japan, India and Australia" -> one compound."""
    merged: list[Draft] = []
    listed = _listed(sdoc, drafts)
    for number, draft in enumerate(drafts):
        if merged and (_coordinated(sdoc, merged[-1], draft) or number in listed):
            previous = merged.pop()
            codes = tuple(dict.fromkeys(previous.codes + draft.codes))
            sector = previous.sector if previous.sector == draft.sector else None
            start = previous.start
            if previous.kind != "compound" and start > 0 and sdoc[start - 1].lower_ == "both":
                start -= 1
            # "President A and President B" are people together: "the two leaders" may mean them
            # (never a "he": a compound of one state's two people is not personal either)
            personal = previous.personal and draft.personal and len(codes) > 1
            merged.append(Draft(start, draft.end, codes, "compound", sector, personal=personal))
        else:
            merged.append(draft)
    return merged


def _gap(sdoc: SpacyDoc, left: Draft, right: Draft) -> list[str]:
    return [sdoc[i].lower_ for i in range(left.end, right.start)]


def _listed(sdoc: SpacyDoc, drafts: list[Draft]) -> set[int]:
    """Indices of drafts that continue a list "A, B and C" / "A, B, C and D" (commas, then
    "and" before the last): the parser often hangs the middle items elsewhere."""
    listed: set[int] = set()
    k = 0
    while k < len(drafts):
        j = k
        # the same codes on both sides of a comma are an apposition ("Iran's envoy, Ali Rezaei,")
        while j + 1 < len(drafts) and _gap(sdoc, drafts[j], drafts[j + 1]) == [","] \
                and drafts[j].codes != drafts[j + 1].codes \
                and all(d.kind in COMPOUND_KINDS and d.codes for d in (drafts[j], drafts[j + 1])):
            j += 1
        if j > k and j + 1 < len(drafts) and _gap(sdoc, drafts[j], drafts[j + 1]) in (["and"], [",", "and"]) \
                and drafts[j + 1].kind in COMPOUND_KINDS and drafts[j + 1].codes:
            listed.update(range(k + 1, j + 2))
        k = max(j, k + 1)
    return listed


def merge_and_other(sdoc: SpacyDoc, drafts: list[Draft]) -> list[Draft]:
    """"European and other Western countries" -> the named part (EUR): the others are
    not named, and the wider group would add a party the text does not single out."""
    merged: list[Draft] = []
    for draft in drafts:
        if merged and _and_other(sdoc, merged[-1], draft):
            previous = merged.pop()
            merged.append(Draft(previous.start, draft.end, previous.codes, "group", previous.sector))
        else:
            merged.append(draft)
    return merged


def _and_other(sdoc: SpacyDoc, left: Draft, right: Draft) -> bool:
    if left.kind not in {"group", "adjective"} or right.kind != "group" or right.start != left.end + 2:
        return False
    return sdoc[left.end].lower_ == "and" and sdoc[left.end + 1].lower_ == "other"


def _coordinated(sdoc: SpacyDoc, left: Draft, right: Draft) -> bool:
    if left.kind not in COMPOUND_KINDS | {"compound"} or right.kind not in COMPOUND_KINDS:
        return False
    if not left.codes or not right.codes:
        return False
    gap = [sdoc[i].lower_ for i in range(left.end, right.start)]
    if not gap or any(word not in CONJUNCTIONS for word in gap):
        return False
    # coordination, not an apposition ("India, Pakistan's enemy") nor two clauses ("... with
    # Washington, and India's leaders see ..."): the right part hangs on the left as a conjunct
    head = _phrase_head(sdoc, right)
    if head.dep_ == "conj" and left.start <= head.head.i < right.start:
        return True
    # the small model misparses headlines; a bare "A and B" still coordinates unless B
    # visibly starts something else ("A and B's leaders", "A and B said")
    return gap in (["and"], ["&"]) and head.dep_ not in {"poss", "nsubj", "nsubjpass"}


