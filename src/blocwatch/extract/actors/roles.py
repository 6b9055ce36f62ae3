"""Role phrases: a post or body of a state tied to that state in the text.

    "Pakistan's foreign minister"   possessive name + role     -> PAK GOV
    "the Pakistani ambassador"      adjective + role           -> PAK GOV
    "Russian military forces"       adjective + role           -> RUS MIL
    "Moscow's foreign ministry"     capital possessive + role  -> RUS GOV
    "High Representative of the EU" role + of + actor          -> EUU GOV
    "Prime Minister Narendra Modi"  title + known person       -> IND GOV (person)
    "Interior Minister X"           title + unknown name       -> the anchor's state, else the
                                                                  paragraph's only state (coref)
    "his foreign minister"          possessive pronoun + role  -> the pronoun's referent (coref)

    "Chinese and Russian companies" coordinated nationalities    -> (CHN, RUS) BUS

A definite singular title ("the Russian president", "India's prime minister") also names
the office holder on the date in Mention.person; "a"/"former"/"then" ones do not.
A role with nothing tying it to a state ("a government source") is not a mention.
The role words, their offices and sectors are data: extract/data/roles.json."""

from __future__ import annotations

from blocwatch.extract.actors.lexicon import Lexicon, Role, holder_on
from blocwatch.extract.actors.spans import (
    DETERMINERS,
    FUSED_SUFFIXES,
    NAME_PARTICLES,
    NAMING_KINDS,
    POSSESSIVE_MARKS,
    POSSESSIVE_PRONOUNS,
    Draft,
    SpacyDoc,
    covered_map,
    is_titlecase_word,
    sort_and_dedupe,
)

ANCHOR_KINDS = NAMING_KINDS | {"adjective", "demonym", "pair", "compound"}
PERSONAL_ROLE_WORDS = frozenset({"leader", "head", "counterpart"})


def role_at(sdoc: SpacyDoc, i: int, lexicon: Lexicon) -> tuple[int, Role] | None:
    """Longest role words starting at token i: (end, role)."""
    for pattern, role in lexicon.roles.get(sdoc[i].lower_, ()):
        size = len(pattern)
        if i + size <= len(sdoc) and all(sdoc[i + k].lower_ == pattern[k] for k in range(1, size)):
            return i + size, role
    return None


def find_roles(sdoc: SpacyDoc, lexicon: Lexicon, on: str | None, drafts: list[Draft]) -> list[Draft]:
    """Role phrases and titled names; anchors they absorb are replaced by them."""
    n = len(sdoc)
    owner = covered_map(drafts, n)
    absorbed: set[int] = set()
    found: list[Draft] = []
    i = 0
    while i < n:
        if owner[i] != -1:
            i += 1
            continue
        match = role_at(sdoc, i, lexicon)
        if match is None:
            i += 1
            continue
        end, role = match
        # "government communique", "counterpart Prime Minister": the last role word heads the phrase
        while end < n and owner[end] == -1 and (following := role_at(sdoc, end, lexicon)) is not None:
            end, role = following
        draft = _role_phrase(sdoc, lexicon, on, drafts, owner, i, end, role, absorbed)
        if draft is not None:
            found.append(draft)
            i = draft.end
        else:
            i = end
    kept = [d for number, d in enumerate(drafts) if number not in absorbed]
    return sort_and_dedupe(kept + found)


def _role_phrase(sdoc: SpacyDoc, lexicon: Lexicon, on: str | None, drafts: list[Draft], owner: list[int],
                 start: int, end: int, role: Role, absorbed: set[int]) -> Draft | None:
    n = len(sdoc)
    anchor = _anchor_before(sdoc, start, drafts, owner, lexicon)
    span_start = start
    codes: tuple[str, ...] = ()
    pending: int | None = None
    anchor_number: int | None = None
    if isinstance(anchor, Draft):
        anchor_number = owner[anchor.start]
        codes = anchor.codes
        span_start = anchor.start
        if anchor.kind == "adjective":
            # "Chinese and Russian companies": coordinated nationality words share the role
            for number in _coordinated_adjectives(sdoc, drafts, owner, anchor):
                absorbed.add(number)
                codes = tuple(dict.fromkeys(drafts[number].codes + codes))
                span_start = drafts[number].start
    elif isinstance(anchor, int):
        pending = anchor
        span_start = anchor
    if span_start > 0 and sdoc[span_start - 1].lower_ in DETERMINERS and owner[span_start - 1] == -1 \
            and pending is None:
        span_start -= 1
        if sdoc[span_start].lower_ in POSSESSIVE_PRONOUNS and not codes:
            pending = span_start
    # one person ("the ambassador"), not a body or several people ("diplomats")
    personal = (role.title or role.office == "counterpart" or sdoc[end - 1].lower_ in PERSONAL_ROLE_WORDS) \
        and sdoc[end - 1].tag_ not in {"NNS", "NNPS"}
    # title + name
    if role.title and end < n:
        named = owner[end]
        if named != -1 and drafts[named].kind == "person" and drafts[named].start == end:
            person = drafts[named]
            absorbed.add(named)
            if anchor_number is not None:
                absorbed.add(anchor_number)
            if codes and person.codes and codes != person.codes:
                person_codes = codes      # the text's own nationality word outranks the table
            else:
                person_codes = person.codes or codes
            return Draft(span_start, person.end, person_codes, "person", person.sector or role.sector,
                         person.person, person.office or role.office or None, True,
                         pending if not person_codes else None)
        name_end = _unknown_name_end(sdoc, end, owner)
        if name_end > end:
            if anchor_number is not None:
                absorbed.add(anchor_number)
            name = " ".join(sdoc[j].text for j in range(end, name_end))
            if not codes and pending is None:
                # a person the office table does not know resolves only by the phrase itself
                # ("King Hassan of Morocco"), never by which state the paragraph names
                of_state = _of_anchor(sdoc, drafts, owner, name_end)
                if of_state is not None:
                    absorbed.add(owner[name_end + 1])
                    return Draft(span_start, of_state.end, of_state.codes, "person", role.sector, name,
                                 role.office or None, True)
            return Draft(span_start, name_end, codes, "person", role.sector, name, role.office or None, True,
                         pending)
    if not _heads_its_phrase(sdoc, end):
        return None
    if not codes and pending is None:
        # "the foreign minister of Pakistan", "High Representative of the EU"
        target = _of_anchor(sdoc, drafts, owner, end)
        if target is not None:
            absorbed.add(owner[end + 1])
            return Draft(span_start, target.end, target.codes, "role", role.sector, None,
                         role.office or None, personal)
        appositive = end + 1 < n and sdoc[end].text == "," and owner[end + 1] != -1
        if role.office and personal and span_start < start and sdoc[span_start].lower_ == "the" \
                and not appositive:   # "The secretary of state, Antony Blinken,": the name says who
            # "The foreign minister visited Moscow": the state of the paragraph (coref)
            return Draft(span_start, end, (), "role", role.sector, None, role.office, True, None,
                         needs_context=True)
        if personal or sdoc[end - 1].tag_ == "NN":
            phrase = tuple(sdoc[j].lower_ for j in range(span_start, end))
            if span_start < start and phrase[0] == "the" and not appositive and phrase not in lexicon.descriptions:
                # "A State Department spokesperson said ... the spokesperson added": the same one
                return Draft(span_start, end, (), "role", role.sector, None, role.office or None, personal,
                             None, needs_context=True, repeats=True)
        return None
    if anchor_number is not None:
        absorbed.add(anchor_number)
    end = _coordinated_roles_end(sdoc, lexicon, owner, end)
    # "the Russian president" on 2022-03-08 is Vladimir Putin
    words = {sdoc[j].lower_ for j in range(span_start, end)}
    definite = not words & {"a", "an", "former", "then", "late", "previous", "next", "future", "every"}
    holder = holder_on(lexicon, codes[0], role.office, on) if len(codes) == 1 and role.title and definite else None
    return Draft(span_start, end, codes, "role", role.sector, holder, role.office or None, personal, pending)


def _anchor_before(sdoc: SpacyDoc, start: int, drafts: list[Draft], owner: list[int],
                   lexicon: Lexicon) -> Draft | int | None:
    """The state a role belongs to: a draft (adjective, possessive name) or the token index
    of a possessive pronoun whose referent coref will supply."""
    j = start - 1
    skipped = 0
    while j >= 0 and skipped < 3 and owner[j] == -1 and (
            sdoc[j].lower_ in lexicon.modifiers
            or (sdoc[j].pos_ in {"ADJ", "NOUN"} and sdoc[j].text.islower() and sdoc[j].dep_ in {"amod", "compound"})):
        j -= 1
        skipped += 1
    if j < 0:
        return None
    token = sdoc[j]
    if token.text in POSSESSIVE_MARKS:
        k = j - 1
        while k >= 0 and sdoc[k].text in POSSESSIVE_MARKS:
            k -= 1
        if k >= 0 and owner[k] != -1 and drafts[owner[k]].kind in ANCHOR_KINDS and drafts[owner[k]].codes:
            return drafts[owner[k]]
        return None
    if owner[j] != -1:
        draft = drafts[owner[j]]
        if draft.end != j + 1 or not draft.codes:
            return None
        if token.text.partition("-")[2].lower() in FUSED_SUFFIXES:
            return None             # "the U.S.-backed forces" are not the United States' forces
        if draft.kind in {"adjective", "demonym", "pair"}:
            return draft
        # "US officials", "the Pakistan government": a name used as a modifier
        if draft.kind in {"name", "capital", "seat", "organisation", "group", "compound"} \
                and token.dep_ in {"compound", "nmod", "amod"}:
            return draft
        return None
    if token.lower_ in POSSESSIVE_PRONOUNS:
        return j
    return None


def _coordinated_adjectives(sdoc: SpacyDoc, drafts: list[Draft], owner: list[int], anchor: Draft) -> list[int]:
    found: list[int] = []
    start = anchor.start
    while start >= 2 and sdoc[start - 1].lower_ in {"and", "or", ","}:
        number = owner[start - 2]
        if number == -1 or drafts[number].kind != "adjective" or drafts[number].end != start - 1:
            break
        found.append(number)
        start = drafts[number].start
    return found


def _unknown_name_end(sdoc: SpacyDoc, start: int, owner: list[int]) -> int:
    """End of a run of 1-3 capitalised words after a title that spaCy sees as a person."""
    end = start
    while end < len(sdoc) and end - start < 5 and owner[end] == -1 and (
            (sdoc[end].pos_ == "PROPN" and (is_titlecase_word(sdoc[end]) or _initial(sdoc[end].text)))
            or (end > start and _particle(sdoc[end].lower_))):
        end += 1
    while end > start and (_initial(sdoc[end - 1].text) or _particle(sdoc[end - 1].lower_)):
        end -= 1                    # a name does not end in an initial or "bin"
    if end > start and any(sdoc[j].ent_type_ == "PERSON" for j in range(start, end)):
        return end
    return start


def _particle(word: str) -> bool:
    """"bin" in "Mohammed bin Zayed", "al-Sabah"."""
    return word in NAME_PARTICLES or word.startswith(("al-", "el-"))


def _initial(text: str) -> bool:
    """"W." in "George W. Bush", "S." in "S. Jaishankar"."""
    return len(text) == 2 and text[0].isupper() and text[1] == "."


def _heads_its_phrase(sdoc: SpacyDoc, end: int) -> bool:
    """False where the role words only modify a following noun ("defence technology ties")."""
    if end >= len(sdoc):
        return True
    last = sdoc[end - 1]
    following = sdoc[end]
    return not (last.dep_ in {"compound", "amod", "nmod"} and last.head.i >= end
                and following.text.islower() and following.pos_ in {"NOUN", "PROPN", "ADJ"})


def _coordinated_roles_end(sdoc: SpacyDoc, lexicon: Lexicon, owner: list[int], end: int) -> int:
    """"Russian companies and banks": one role phrase over both nouns."""
    while end + 1 < len(sdoc) and sdoc[end].lower_ in {"and", "or", ","} and owner[end + 1] == -1:
        following = role_at(sdoc, end + 1, lexicon)
        if following is None:
            break
        end = following[0]
    return end


__all__ = ["find_roles", "role_at"]


def _of_anchor(sdoc: SpacyDoc, drafts: list[Draft], owner: list[int], end: int) -> Draft | None:
    """The state or organisation right after "of" at token ``end`` ("... of Pakistan")."""
    if end + 1 >= len(sdoc) or sdoc[end].lower_ != "of" or owner[end + 1] == -1:
        return None
    target = drafts[owner[end + 1]]
    return target if target.kind in ANCHOR_KINDS and target.start == end + 1 else None
