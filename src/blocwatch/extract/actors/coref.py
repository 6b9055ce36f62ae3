"""Pronouns and descriptions, resolved within one paragraph.

* he/him/his/she/her -> the most recent person or personal role ("PM Khan", "the Pakistani
  ambassador") earlier in the paragraph, skipping one coordinated with the pronoun or the
  subject of its own clause ("President Putin and him", "Putin met him" are not Putin); a
  subject "he" opening a sentence takes the previous sentence's subject ("Putin hosted
  Modi. He said ..."), one inside a later clause its own sentence's subject ("Erdogan met
  Putin ... before he travels"); with no one earlier, the first person later in the same sentence
  ("Defending his trip, PM Khan ...").
* its -> the subject of its own verb, or the object controlling an infinitive ("urged
  Pakistan to condemn its ..."); else the most recent state or organisation: a subject in
  the same sentence first, then anything in the sentence, then the previous sentence, then
  earlier in the paragraph. "it" only as the subject of a verb that is not expletive-prone
  ("it is", "made it clear", "it was disclosed that" are skipped), and only a subject of the
  same or the previous sentence; a subject "it" of a clause coordinated with an earlier one
  takes that clause's subject ("X recalled its envoy after Y backed the plan, and later it
  suspended ..."). Adjectives ("the Russian invasion") are never antecedents.
* they/them/their -> the most recent compound, pair, group or plural role ("Russian
  diplomats") in the same or previous sentence (kind "pair" for two or more codes, else
  "pronoun"); a single state is never "they".
* "the three countries" -> the last mention of exactly three states together, here or up to
  three paragraphs back; "either side", "each side" are "the two sides"; "the North", "the
  South" are North and South Korea in a text that named either before; "the former", "the
  latter" the first or second of the last two states named in the paragraph.
* "the two countries", "both countries", "the two sides", "both sides" -> a compound or pair
  earlier in the paragraph (the parties, not a mediator named later), else the last two
  distinct states (sides: or organisations) before it in the paragraph, then later in the
  same sentence, then a place of the paragraph ("Xi was received in Riyadh. The two sides
  ..."; a place earlier in the description's own sentence ranks with the names before it
  by recency: "he travelled to Beijing, where the two governments ..."), then - when that still gives fewer than two - the nearest of the three previous
  paragraphs that names two (kind "pair"). Subjects of
  mediating verbs ("Oman hosted talks between the two sides", "Qatar offered to mediate")
  are not sides (roles.json "third_party_verbs"), nor is the subject of the description's
  own clause ("The US and China urged both countries"). "the two leaders" -> the last two
  people (with one person in the sentence, that person's state and the place he visited:
  "When Xi visited Belgrade, the two leaders ..."), "both armies" -> two states with sector MIL, by the same steps. "the alliance",
  "the bloc" -> the last organisation or group, here or up to three paragraphs back. "the country" -> the last state named as such (name, capital, place; not
  "Russian diplomats"), kind "description"; "the junta", "the regime" likewise (sector GOV),
  also from later in the sentence or the three paragraphs before.
* a role with a possessive pronoun ("his foreign minister") takes the pronoun's referent;
  "his counterpart" without a nationality is dropped (the counterpart is the other side).
* "Interior Minister X" with no nationality in reach takes the paragraph's state when the
  paragraph names exactly one, not counting states named after it in its own sentence ("The
  foreign minister visited Moscow").

Never across paragraphs except the look-back for "the two countries" described above
(a deliberate extension of "one paragraph back": in wire reports the parties are often
named two or three short paragraphs earlier)."""

from __future__ import annotations

import bisect
from collections.abc import Iterable

from blocwatch.extract.actors import descriptions
from blocwatch.extract.actors.lexicon import Lexicon
from blocwatch.extract.actors.spans import Draft, SpacyDoc, Token, covered_map, sort_and_dedupe

VISIT_VERBS = frozenset({"visit", "tour"})
EXPLETIVE_VERBS = frozenset({
    "be", "seem", "appear", "happen", "start", "begin", "coincide", "remain", "take", "become",
    "matter", "mean", "follow", "look", "rain", "cost", "help",
})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
NOT_ANTECEDENT_KINDS = frozenset({"place"})
#: how many paragraphs "the two sides" may look back when its own paragraph names no one
LOOK_BACK_PARAGRAPHS = 3
#: how many sentences back "he"/"she" (and "its") may find what it stands for
PERSON_REACH_SENTENCES = 3


class _Context:
    def __init__(self, sdoc: SpacyDoc, lexicon: Lexicon, drafts: list[Draft], paragraphs: list[int]) -> None:
        self.sdoc = sdoc
        self.lexicon = lexicon
        self.drafts = drafts
        self.starts = [d.start for d in drafts]
        self.paragraphs = paragraphs
        self.all_starts: list[int] = []
        self.sentences = [0] * len(sdoc)
        for number, sentence in enumerate(sdoc.sents):
            for i in range(sentence.start, sentence.end):
                self.sentences[i] = number

    def is_state(self, code: str) -> bool:
        codes = self.lexicon.country_codes
        return code in codes if codes else len(code) == 3 and code.isalpha()

    def before(self, i: int, paragraph: int) -> Iterable[Draft]:
        """Resolved drafts before token i in the given paragraph, most recent first."""
        for number in range(bisect.bisect_left(self.starts, i) - 1, -1, -1):
            draft = self.drafts[number]
            if self.paragraphs[draft.start] < paragraph:
                return
            if self.paragraphs[draft.start] == paragraph and draft.codes and draft.kind not in NOT_ANTECEDENT_KINDS:
                yield draft

    def after_in_sentence(self, i: int, everything: list[Draft]) -> Iterable[Draft]:
        """Drafts (resolved or not) after token i in its sentence, in text order."""
        sentence = self.sentences[i]
        for number in range(bisect.bisect_right(self.all_starts, i), len(everything)):
            draft = everything[number]
            if self.sentences[draft.start] != sentence:
                return
            if draft.codes and draft.kind not in NOT_ANTECEDENT_KINDS:
                yield draft


def resolve(sdoc: SpacyDoc, lexicon: Lexicon, drafts: list[Draft], paragraphs: list[int]) -> list[Draft]:
    """Add pronoun and description drafts; fill drafts waiting for a referent."""
    owner = covered_map(drafts, len(sdoc))
    first_words = {words[0] for words in lexicon.descriptions}
    found: list[Draft] = []
    absorbed: set[int] = set()
    swallowed: dict[int, list[Draft]] = {}      # a numbered description -> the mentions inside it
    # descriptions first: "the two countries" must not leave "the" to anything else
    i = 0
    while i < len(sdoc):
        if owner[i] == -1:
            size = _description_at(sdoc, i, lexicon) if sdoc[i].lower_ in first_words else 0
            if size and all(owner[j] == -1 for j in range(i, i + size)):   # not "the North Korean"
                found.append(Draft(i, i + size, (), "description"))
                i += size
                continue
            size, inside = descriptions.numbered_at(sdoc, i, drafts, owner)
            if size:                # "the three Gulf states", "the two nuclear-armed neighbours"
                absorbed.update(inside)
                numbered = Draft(i, i + size, (), "description")
                swallowed[id(numbered)] = [drafts[k] for k in sorted(inside)]
                found.append(numbered)
                i += size
                continue
            if sdoc[i].lower_ in lexicon.pronouns:
                found.append(Draft(i, i + 1, (), "pronoun"))
        i += 1
    work = sort_and_dedupe([d for number, d in enumerate(drafts) if number not in absorbed] + found)
    context = _Context(sdoc, lexicon, [], paragraphs)
    context.all_starts = [d.start for d in work]
    for draft in work:
        outcome = _resolve_one(context, draft, work)
        outcomes = [outcome] if outcome is not None and outcome.codes else \
            swallowed.get(id(draft), [])      # an unresolved "the three Gulf states" keeps "Gulf states"
        for resolved in outcomes:
            # context.drafts holds what is resolved so far, in text order
            context.drafts.append(resolved)
            context.starts.append(resolved.start)
    return context.drafts


def _resolve_one(context: _Context, draft: Draft, everything: list[Draft]) -> Draft | None:
    sdoc = context.sdoc
    if draft.kind == "description" and not draft.codes:
        words = tuple(sdoc[j].lower_ for j in range(draft.start, draft.end))
        target = context.lexicon.descriptions.get(words, "") or descriptions.numbered_target(words)
        return _description(context, draft, target, everything)
    if draft.kind == "pronoun" and not draft.codes:
        return _pronoun(context, draft, sdoc[draft.start], everything)
    if draft.pending_pronoun is not None and not draft.codes:
        if draft.office == "counterpart":
            return None
        token = sdoc[draft.pending_pronoun]
        referent = _referent_for(context, token, everything)
        if referent is not None:
            draft.codes = referent.codes
        return draft
    if draft.needs_context and not draft.codes:
        if draft.repeats:
            draft.codes = descriptions.same_post_before(context, draft)
            return draft
        paragraph = context.paragraphs[draft.start]
        states = {code for d in _paragraph_drafts(context, everything, draft.start, paragraph) for code in d.codes
                  if context.is_state(code) and d is not draft}
        # "Pakistan's ties with Russia grew. The foreign minister visited Moscow": not the
        # state the role acts upon later in its own sentence
        sentence = context.sentences[draft.start]
        later = {code for d in everything if d.start >= draft.end and context.sentences[d.start] == sentence
                 for code in d.codes}
        if len(states) > 1 and len(states - later) == 1:
            states -= later
        if len(states) == 1:
            draft.codes = (states.pop(),)
        return draft
    return draft


def _paragraph_drafts(context: _Context, everything: list[Draft], i: int, paragraph: int) -> Iterable[Draft]:
    """Drafts with codes in the paragraph of token i, walking out from i both ways."""
    middle = bisect.bisect_left(context.all_starts, i)
    for number in range(middle - 1, -1, -1):
        if context.paragraphs[everything[number].start] != paragraph:
            break
        yield everything[number]
    for number in range(middle, len(everything)):
        if context.paragraphs[everything[number].start] != paragraph:
            break
        yield everything[number]


def _referent_for(context: _Context, token: Token, everything: list[Draft]) -> Draft | None:
    target = context.lexicon.pronouns.get(token.lower_, "")
    if target == "person":
        return _person_referent(context, token, everything)
    if target == "thing":
        return _thing_referent(context, token)
    if target == "plural":
        codes = _plural_codes(context, token)
        return Draft(token.i, token.i + 1, codes, "pronoun") if codes else None
    return None


def _pronoun(context: _Context, draft: Draft, token: Token, everything: list[Draft]) -> Draft | None:
    target = context.lexicon.pronouns.get(token.lower_, "")
    if target == "person":
        referent = _person_referent(context, token, everything)
        if referent is None:
            return None
        return Draft(draft.start, draft.end, referent.codes, "pronoun", referent.sector, referent.person,
                     referent.office, True)
    if target == "thing":
        if token.lower_ == "it" and not _referring_it(token):
            return None
        referent = _thing_referent(context, token)
        if referent is None:
            return None
        return Draft(draft.start, draft.end, referent.codes, "pronoun", referent.sector)
    if target == "plural":
        codes = _plural_codes(context, token)
        if not codes:
            return None
        return Draft(draft.start, draft.end, codes, "pair" if len(codes) > 1 else "pronoun")
    return None


def _coordinated_with(sdoc: SpacyDoc, token: Token, draft: Draft) -> bool:
    """The candidate cannot be the referent: coordinated with the pronoun ("Putin and him")
    or the subject of the pronoun's own clause ("Putin met him", "X and Y urged both
    countries")."""
    span = range(draft.start, draft.end)
    if token.dep_ == "conj" and token.head.i in span:
        return True
    if any(sdoc[k].dep_ == "conj" and sdoc[k].head.i == token.i for k in span):
        return True
    return _clause_subject_of(sdoc, token, draft)


def _clause_subject_of(sdoc: SpacyDoc, token: Token, draft: Draft) -> bool:
    if token.dep_ in SUBJECT_DEPS or token.dep_ == "poss":
        return False
    governor = token.head
    while governor.dep_ in {"prep", "pobj", "dobj", "dative", "attr"} and governor.head.i != governor.i:
        if governor.pos_ in {"VERB", "AUX"}:
            break
        governor = governor.head
    return any(sdoc[k].dep_ in SUBJECT_DEPS and sdoc[k].head.i == governor.i for k in range(draft.start, draft.end))


def _person_referent(context: _Context, token: Token, everything: list[Draft]) -> Draft | None:
    paragraph = context.paragraphs[token.i]
    sentence = context.sentences[token.i]
    # a long paragraph (a story without paragraph breaks) does not carry "he" indefinitely
    people = [d for d in context.before(token.i, paragraph)
              if d.personal and len(d.codes) == 1 and not _coordinated_with(context.sdoc, token, d)
              and sentence - context.sentences[d.start] <= PERSON_REACH_SENTENCES]
    if token.dep_ in SUBJECT_DEPS and people and context.sentences[people[0].start] < sentence:
        # a subject "he" opening a new sentence continues the last sentence's subject
        # ("Putin hosted Modi. He said ..."), not its object
        last = context.sentences[people[0].start]
        for draft in people:
            if context.sentences[draft.start] != last:
                break
            if _is_subject(context, draft):
                return draft
    if token.dep_ in SUBJECT_DEPS and people and context.sentences[people[0].start] == sentence:
        # a subject "he" in a clause of the same sentence continues that sentence's subject
        # ("Erdogan met Putin ... a week before he travels to Washington"), not its object
        for draft in people:
            if context.sentences[draft.start] != sentence:
                break
            if _is_subject(context, draft):
                return draft
    if people:
        return people[0]
    # cataphora: "Defending his trip, PM Khan maintained ..."
    for draft in context.after_in_sentence(token.i, everything):
        if draft.personal and len(draft.codes) == 1:
            return draft
    return None


def _referring_it(token: Token) -> bool:
    if token.dep_ not in SUBJECT_DEPS:
        return False
    verb = token.head
    if verb.pos_ == "ADJ" or (token.i + 1 < len(token.doc) and token.doc[token.i + 1].pos_ == "ADJ"):
        return False                # "made it clear", "found it hard"
    if verb.lemma_ in EXPLETIVE_VERBS:
        return False
    return not any(child.dep_ in {"ccomp", "xcomp", "csubj"} for child in verb.children) \
        or token.dep_ == "nsubj"


def _is_subject(context: _Context, draft: Draft) -> bool:
    """A subject, or a conjunct of one ("Putin and him had lunch")."""
    for k in range(draft.start, draft.end):
        token = context.sdoc[k]
        if token.dep_ in SUBJECT_DEPS or (token.dep_ == "conj" and token.head.dep_ in SUBJECT_DEPS):
            return True
    return False


def _thing_referent(context: _Context, token: Token) -> Draft | None:
    """its/it: a state or organisation; subjects first, the same sentence before the previous
    one ("Turkey remains inside the Western alliance. It supplied Ukraine ...")."""
    paragraph = context.paragraphs[token.i]
    sentence = context.sentences[token.i]
    candidates = [d for d in context.before(token.i, paragraph)
                  if len(d.codes) == 1 and not d.personal and d.kind not in {"person", "pronoun"}
                  and context.sdoc[d.end - 1].pos_ != "ADJ"       # "the Russian invasion ... it"
                  or (d.kind == "pronoun" and not d.personal and len(d.codes) == 1)]
    controller = _local_subject(token) or _conjunct_subject(token)
    if controller is not None:
        for draft in candidates:
            if draft.start <= controller.i < draft.end:
                return draft
    reach = (sentence, sentence - 1) if token.lower_ == "it" else (sentence, sentence - 1, None)
    for level in reach:
        in_reach = [d for d in candidates if context.sentences[d.start] == level
                    or (level is None and sentence - context.sentences[d.start] <= PERSON_REACH_SENTENCES)]
        for draft in in_reach:
            if _is_subject(context, draft):
                return draft
        # a subject "it" continues a subject; anything else is too often an event or a fact
        if in_reach and token.lower_ != "it":
            return in_reach[0]
    return None


def _local_subject(token: Token) -> Token | None:
    """The subject of the verb the pronoun belongs to, or for an infinitive without one the
    object that controls it: "urged Pakistan to condemn its ...", "called on Russia to
    withdraw its forces"."""
    if token.lower_ != "its":
        return None
    verb = token.head
    while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
        verb = verb.head
    if verb.pos_ not in {"VERB", "AUX"}:
        return None
    subjects = [child for child in verb.children if child.dep_ in SUBJECT_DEPS]
    if subjects:
        return subjects[0]
    if verb.dep_ == "xcomp":
        for child in verb.head.children:
            if child.dep_ in {"dobj", "dative"}:
                return child
            if child.dep_ == "prep":
                objects = [grandchild for grandchild in child.children if grandchild.dep_ == "pobj"]
                if objects:
                    return objects[0]
    return None


def _conjunct_subject(token: Token) -> Token | None:
    """A subject "it" of a clause coordinated with an earlier one continues that clause's
    subject ("Algeria recalled its envoy after Spain backed the plan, and later it
    suspended a treaty"), not the subject of a subordinate clause in between."""
    verb = token.head
    if token.lower_ != "it" or token.dep_ not in SUBJECT_DEPS or verb.dep_ != "conj" \
            or verb.head.pos_ not in {"VERB", "AUX"}:
        return None
    return next((child for child in verb.head.children if child.dep_ in SUBJECT_DEPS), None)


PLURAL_KINDS = frozenset({"compound", "pair", "group", "demonym"})


def _plural_codes(context: _Context, token: Token) -> tuple[str, ...]:
    """they/them/their: the most recent compound, pair, group or plural role ("Russian
    diplomats") in this or the previous sentence; a single state is never "they", unless its
    name is a plural ("the Emirates", "the Philippines")."""
    paragraph = context.paragraphs[token.i]
    sentence = context.sentences[token.i]
    for draft in context.before(token.i, paragraph):
        if context.sentences[draft.start] < sentence - 1:
            break
        last = context.sdoc[draft.end - 1]
        plural = draft.kind in PLURAL_KINDS or len(draft.codes) >= 2 \
            or (draft.kind == "role" and not draft.personal) \
            or (draft.kind == "name" and last.tag_ == "NNPS" and last.lower_ != "states")   # "the Emirates"
        if plural and not _coordinated_with(context.sdoc, token, draft):
            return draft.codes
    return ()


#: what "the country" can point back to: the state itself, not its people or posts
COUNTRY_KINDS = frozenset({"name", "capital", "seat", "place", "description"})


def _description(context: _Context, draft: Draft, target: str, everything: list[Draft]) -> Draft | None:
    i = draft.start
    paragraph = context.paragraphs[i]
    if target in {"country", "government"}:
        return _one_state(context, draft, target, everything)
    if target == "organisation":
        return _organisation(context, draft, everything)
    if target == "three":
        return _three_states(context, draft)
    if target in ("north", "south"):
        return descriptions.korean_half(context, draft, target)
    if target in ("former", "latter"):
        return descriptions.former_latter(context, draft, target)
    leaders = target == "leaders"

    def accept(code: str) -> bool:
        return leaders or context.is_state(code) or (target == "sides" and code.isupper())

    def several(candidate: Draft) -> bool:
        return not leaders and len(candidate.codes) >= 2 and all(accept(c) for c in candidate.codes)

    def eligible(candidate: Draft) -> bool:
        return (candidate.personal if leaders else True) and not _third_party(context, candidate) \
            and not _clause_subject_of(context.sdoc, anchor_token, candidate)

    anchor_token = context.sdoc[draft.end - 1]
    sector = {"leaders": "GOV", "armies": "MIL"}.get(target)
    pool = [d for d in context.before(i, paragraph) if eligible(d)]
    # a host named as a place earlier in the same sentence is a side before anyone named in
    # an earlier sentence: "Muizzu visited Turkey. He then travelled to Beijing, where the
    # two governments signed ..."
    sentence = context.sentences[i]
    hosts = [d for d in context.drafts if d.kind == "place" and d.start < i and context.sentences[d.start] == sentence]
    if hosts and not leaders:
        pool = sorted(pool + [d for d in hosts if eligible(d)], key=lambda d: -d.start)
    # a compound or pair in the paragraph outranks single names nearer by: "Pakistan and
    # Afghanistan met in Doha. Qatar's foreign ministry said the two sides agreed"
    for candidate in pool:
        if several(candidate):
            return Draft(draft.start, draft.end, candidate.codes[:2], "pair", sector)
    pool += [d for d in context.after_in_sentence(i, everything) if d.start >= draft.end and eligible(d)]
    codes = _two_codes(pool, accept)
    if len(codes) < 2 and leaders:
        # the visitor and the place visited: "When Xi visited Belgrade, the two leaders signed ..."
        named = [d for d in context.drafts if d.start < i and d.codes and context.sentences[d.start] == sentence
                 and not _third_party(context, d) and not _clause_subject_of(context.sdoc, anchor_token, d)]
        people = [d for d in named if d.personal]
        visited = [d for d in named if not d.personal and context.sdoc[d.end - 1].dep_ == "dobj"
                   and context.sdoc[d.end - 1].head.lemma_ in VISIT_VERBS]
        if len(people) == 1 and visited:
            codes = _two_codes(people + visited, context.is_state)
    if len(codes) < 2 and not leaders:
        # a host named as a place still is a side: "Xi was received in Riyadh. The two sides ..."
        places = [d for d in context.drafts if d.kind == "place" and d.start < i
                  and context.paragraphs[d.start] == paragraph]
        codes = _two_codes(pool + places[::-1], accept)
    back = 1
    while len(codes) < 2 and back <= LOOK_BACK_PARAGRAPHS and paragraph - back >= 0:
        # too few here: the parties of the nearest earlier paragraph that names two ("Saudi
        # Arabia cut ties with Iran. || ... || Oman hosted talks between the two sides")
        earlier = [d for d in _earlier_paragraph_drafts(context, i, paragraph - back) if eligible(d)]
        for candidate in earlier:
            if several(candidate):
                return Draft(draft.start, draft.end, candidate.codes[:2], "pair", sector)
        found = _two_codes(earlier, accept)
        if len(found) == 2:
            codes = found
        back += 1
    if len(codes) < 2:
        return None
    return Draft(draft.start, draft.end, codes, "pair", sector)


def _organisation(context: _Context, draft: Draft, everything: list[Draft]) -> Draft | None:
    """"the alliance", "the bloc": the last organisation or group named in this paragraph or
    the three before ("Yerevan asked the CSTO for help. || The alliance refused")."""
    i = draft.start
    paragraph = context.paragraphs[i]
    for back in range(0, LOOK_BACK_PARAGRAPHS + 1):
        for candidate in _earlier_paragraph_drafts(context, i, paragraph - back):
            if candidate.kind in {"organisation", "group"} and len(candidate.codes) == 1:
                return Draft(draft.start, draft.end, candidate.codes, "description")
    return None


def _three_states(context: _Context, draft: Draft) -> Draft | None:
    """"the three countries": the last mention of exactly three states together ("South
    Korea, Japan and the United States condemned ... The three countries began ..."), here or
    up to three paragraphs back."""
    i = draft.start
    paragraph = context.paragraphs[i]
    for back in range(0, LOOK_BACK_PARAGRAPHS + 1):
        for candidate in _earlier_paragraph_drafts(context, i, paragraph - back):
            if len(set(candidate.codes)) == 3 and all(context.is_state(code) for code in candidate.codes):
                return Draft(draft.start, draft.end, candidate.codes, "pair")
    return None


def _third_party(context: _Context, draft: Draft) -> bool:
    """The subject of a mediating verb ("Iraq and Oman hosted talks between the two sides",
    "Qatar and Turkey offered to mediate") is not one of the sides."""
    verbs = context.lexicon.third_party_verbs
    for k in range(draft.start, draft.end):
        token = context.sdoc[k]
        if token.dep_ in SUBJECT_DEPS:
            verb = token.head
            if verb.lemma_ in verbs or any(c.dep_ == "xcomp" and c.lemma_ in verbs for c in verb.children):
                return True
    return False


def _one_state(context: _Context, draft: Draft, target: str, everything: list[Draft]) -> Draft | None:
    """"the country": the last state named as such in the paragraph. "the junta", "the
    regime", "the government" (target "government", sector GOV): the junta named before in
    this or the three previous paragraphs (a document's junta stays the same actor), else
    the paragraph's state - a subject first -, else a state named later in the sentence
    ("... accused the junta, which Bamako denies") or in the three paragraphs before.
    Never the subject of its own clause ("Russia invaded the country")."""
    i = draft.start
    paragraph = context.paragraphs[i]
    anchor_token = context.sdoc[draft.end - 1]
    government = target == "government"
    sector = "GOV" if government else None

    def usable(candidate: Draft, kinds: frozenset[str] = COUNTRY_KINDS) -> bool:
        return candidate.kind in kinds and len(candidate.codes) == 1 and context.is_state(candidate.codes[0]) \
            and not _clause_subject_of(context.sdoc, anchor_token, candidate)

    def found(candidate: Draft) -> Draft:
        return Draft(draft.start, draft.end, candidate.codes, "description", sector)

    in_paragraph = list(context.before(i, paragraph))
    if government:
        for back in range(0, LOOK_BACK_PARAGRAPHS + 1):
            for candidate in _earlier_paragraph_drafts(context, i, paragraph - back):
                if candidate.kind == "description" and candidate.sector == "GOV" and len(candidate.codes) == 1:
                    return found(candidate)
        for candidate in in_paragraph:
            if usable(candidate) and _is_subject(context, candidate):
                return found(candidate)
    for candidate in in_paragraph:
        if usable(candidate):
            return found(candidate)
    for candidate in in_paragraph:
        # no state named as such: a government body of one ("Mali's military government")
        if usable(candidate, frozenset({"role"})) and candidate.sector == "GOV" and not candidate.personal:
            return found(candidate)
    if not government:
        return None
    for candidate in context.after_in_sentence(i, everything):
        if candidate.start >= draft.end and usable(candidate):
            return found(candidate)
    for back in range(1, LOOK_BACK_PARAGRAPHS + 1):
        for candidate in _earlier_paragraph_drafts(context, i, paragraph - back):
            if usable(candidate):
                return found(candidate)
    return None


def _earlier_paragraph_drafts(context: _Context, i: int, paragraph: int) -> Iterable[Draft]:
    """Resolved drafts of a paragraph (up to token i), most recent first."""
    for number in range(bisect.bisect_left(context.starts, i) - 1, -1, -1):
        draft = context.drafts[number]
        if context.paragraphs[draft.start] < paragraph:
            return
        if context.paragraphs[draft.start] == paragraph and draft.codes \
                and draft.kind not in NOT_ANTECEDENT_KINDS:
            yield draft


def _two_codes(pool: Iterable[Draft], accept: object) -> tuple[str, ...]:
    codes: list[str] = []
    for draft in pool:
        for code in draft.codes:
            if callable(accept) and accept(code) and code not in codes:
                codes.append(code)
            if len(codes) == 2:
                return tuple(codes)
    return tuple(codes)


def _description_at(sdoc: SpacyDoc, i: int, lexicon: Lexicon) -> int:
    best = 0
    for words in lexicon.descriptions:
        size = len(words)
        if size > best and i + size <= len(sdoc) and all(sdoc[i + k].lower_ == words[k] for k in range(size)):
            best = size
    if best and sdoc[i + best - 1].lower_ in ("former", "latter") and sdoc[i + best - 1].dep_ in ("amod", "compound"):
        return 0   # "the former president" is no description of its own
    return best
