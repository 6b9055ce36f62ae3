"""Arguments of a trigger: the syntactic slots (subject, object, "to"-phrase, possessor ...)
and the actor Mentions they name. A slot's actor is the mention on its head token, else the
shallowest mentions below it (an apposition before a modifier before a possessor)."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

from spacy.tokens import Token

from blocwatch.extract.rules import modality as modal
from blocwatch.records import Mention

SUBJECT_DEPS = ("nsubj", "csubj")
OBJECT_DEPS = ("dobj", "obj")
COMPLEMENT_DEPS = ("xcomp", "ccomp", "pcomp")
#: children never searched for an argument's actor: clauses and loose attachments
SKIP_CHILD_DEPS = frozenset({"relcl", "acl", "advcl", "punct", "cc", "conj", "ccomp", "xcomp", "pcomp",
                             "parataxis", "mark", "det", "case", "appos", "npadvmod"})
#: mention kinds that name a location, never a subject ("arrived in Moscow")
PLACE_KINDS = frozenset({"place"})



@functools.cache
def role_nouns() -> frozenset[str]:
    """Nouns that name a person acting for a state ("his Pakistani counterpart")."""
    return frozenset(modal.triggers_data()["role_nouns"])



class MentionIndex:
    """Mentions by token index, for one parsed document."""

    def __init__(self, doc: Any, mentions: Sequence[Mention]) -> None:
        self.by_token: dict[int, Mention] = {}
        for mention in mentions:
            if not mention.codes:
                continue
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None:
                continue
            for token in span:
                self.by_token.setdefault(token.i, mention)

    def at(self, token: Token) -> Mention | None:
        return self.by_token.get(token.i)


# ---------------------------------------------------------------- arguments

def argument_mentions(token: Token | None, index: MentionIndex, *, allow_place: bool = True) -> list[Mention]:
    """The actors an argument names: its head's mention, else the shallowest mentions below it;
    conjuncts ("Russia and Pakistan") each add theirs."""
    if token is None:
        return []
    found: list[Mention] = []
    for head in [token, *_conjuncts(token)]:
        for mention in _shallowest(head, index):
            if not allow_place and mention.kind in PLACE_KINDS:
                continue
            if mention not in found:
                found.append(mention)
    return found


def _conjuncts(token: Token) -> list[Token]:
    out = []
    for child in token.children:
        if child.dep_ == "conj" and child.pos_ not in ("VERB", "AUX"):
            out.append(child)
            out.extend(_conjuncts(child))
    return out


#: prepositions an argument's actor may hide behind ("envoys of European countries",
#: "exports to Turkey", "leaders in both capitals"); others attach circumstances
DESCEND_PREPS = frozenset({"of", "to", "in", "from", "between"})

RELATIONAL_NOUNS = frozenset({"host", "counterpart", "partner", "ally", "rival", "neighbour", "neighbor",
                              "enemy", "guest", "interlocutor", "adversary", "opponent", "visitor"})

#: at one depth, an apposition names the head itself, a modifier its nationality, a
#: possessor only its owner: "his host President Putin", "his Ukrainian counterpart"
DEP_RANK = {"appos": 0, "compound": 1, "amod": 1, "nmod": 1, "npadvmod": 1}


def _shallowest(head: Token, index: MentionIndex) -> list[Mention]:
    level = [head]
    for _depth in range(5):
        hits = [(DEP_RANK.get(tok.dep_, 2) if tok is not head else 0, index.at(tok)) for tok in level]
        hits = [(rank, m) for rank, m in hits if m is not None]
        if hits:
            best = min(rank for rank, _ in hits)
            unique: list[Mention] = []
            for rank, hit in hits:
                if rank == best and hit is not None and hit not in unique:
                    unique.append(hit)
            return unique
        nxt: list[Token] = []
        for tok in level:
            for child in tok.children:
                if (child.dep_ in SKIP_CHILD_DEPS and child.dep_ != "appos") or child.lemma_ == "base":
                    continue
                if child.dep_ == "prep" and child.lower_ not in DESCEND_PREPS:
                    continue
                if child.dep_ == "poss" and tok.lemma_.lower() in RELATIONAL_NOUNS:
                    continue   # "his host", "his counterpart": the possessor is the other side
                nxt.append(child)
        if not nxt:
            return []
        level = nxt
    return []


def is_passive_participle(verb: Token) -> bool:
    return not any(child.dep_ in OBJECT_DEPS for child in verb.children)


def is_passive(verb: Token) -> bool:
    return any(child.dep_ in ("nsubjpass", "auxpass") for child in verb.children)


def subject_of(verb: Token, *, depth: int = 0) -> Token | None:
    """The verb's acting subject: nsubj, the 'by' agent of a passive, or inherited from a
    coordinated verb, a governing verb (xcomp) or the noun a relative clause modifies."""
    subjects = [child for child in verb.children if child.dep_ in SUBJECT_DEPS]
    if subjects:
        # "WARSAW, 14 March - Poland expelled ...": the subject nearest the verb
        before = [child for child in subjects if child.i < verb.i]
        subj = before[-1] if before else subjects[0]
        if subj.lower_ in ("which", "who", "that") and verb.dep_ == "relcl":
            head = verb.head   # "Egypt, which signed a peace treaty with Israel"
            if head.lemma_.lower() in DOCUMENT_NOUNS and head.dep_ in OBJECT_DEPS and depth < 3:
                return subject_of(head.head, depth=depth + 1)   # "adopted a resolution that deplores"
            return head
        return subj
    for child in verb.children:
        if child.dep_ == "agent":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    if depth > 3 or is_passive(verb):
        return None
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        return subject_of(verb.head, depth=depth + 1)
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in CAUSATIVE_VERBS:
        caused = next((c for c in verb.head.children if c.dep_ == "dobj"), None)
        if caused is not None:
            return caused    # "prompting Seoul to suspend the accord": Seoul suspends
    if verb.dep_ in ("xcomp", "advcl") and verb.head.pos_ in ("VERB", "AUX"):
        return subject_of(verb.head, depth=depth + 1)
    if verb.dep_ == "xcomp" and verb.head.pos_ == "ADJ" and verb.head.dep_ == "acomp":
        return subject_of(verb.head.head, depth=depth + 1)   # "was ready to hold talks"
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.pos_ in ("VERB", "AUX"):
        return subject_of(verb.head.head, depth=depth + 1)
    if verb.dep_ == "relcl":
        head = verb.head
        if head.lemma_.lower() in DOCUMENT_NOUNS and head.dep_ in OBJECT_DEPS:
            return subject_of(head.head, depth=depth + 1)   # "adopted a resolution that deplores ..."
        return head
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.dep_ in OBJECT_DEPS:
        return subject_of(verb.head.head, depth=depth + 1)  # "signed a decree imposing sanctions"
    return _subject_before_relative(verb) or _appositive_subject(verb)


def _appositive_subject(verb: Token) -> Token | None:
    """"In January 2021, in the last days of the Trump administration, Washington and Abu
    Dhabi signed ...": after a long opening phrase the parser hangs the subject on the
    phrase's last noun as an apposition; a finite verb with no subject takes the
    apposition that ends right before it."""
    if verb.i == 0 or verb.tag_ not in ("VBD", "VBZ", "VBP") or verb.dep_ not in ("ROOT", "conj"):
        return None
    prev = verb.doc[verb.i - 1]
    for tok in (prev, *prev.ancestors):
        if tok.i >= verb.i or tok.right_edge.i != verb.i - 1:
            return None
        if tok.dep_ == "appos" and tok.pos_ in ("PROPN", "NOUN") and tok.left_edge.i > 0 \
                and verb.doc[tok.left_edge.i - 1].text == "," and verb in tok.head.ancestors:
            return tok
    return None


def _subject_before_relative(verb: Token) -> Token | None:
    """"Sudan, which lies between the two countries, called on both sides ...": the parser
    makes the name the sentence's root and hangs the main verb (after the comma closing the
    relative clause) on a noun inside it; the name is the subject."""
    root = verb.sent.root
    if verb.tag_ not in ("VBD", "VBN") or verb.i == 0 or verb.doc[verb.i - 1].lower_ != "," \
            or root.pos_ not in ("PROPN", "NOUN") or root.i > verb.i:
        return None
    relative = any(child.dep_ == "relcl" and child.i < verb.i for child in root.children)
    return root if relative and verb.dep_ in ("acl", "conj", "ccomp", "advcl") else None


#: verbs whose object carries out the infinitive after them ("forced Russia to withdraw")
CAUSATIVE_VERBS = frozenset({"prompt", "force", "compel", "lead", "cause", "oblige"})


#: nouns for texts issued by an actor, who is then the actor of what the text does
DOCUMENT_NOUNS = frozenset({"resolution", "statement", "decree", "communique", "communiqué", "declaration",
                            "letter", "note", "order", "law", "bill", "directive"})


QUANTIFIERS = frozenset({"some", "part", "most", "all", "many", "several", "half", "much", "one", "dozens",
                         "hundreds", "thousands", "rest", "majority", "number", "share", "any", "each", "none",
                         # amounts: "froze 6.3 billion euros of EU funds"
                         "euro", "dollar", "pound", "yuan", "rouble", "ruble", "rupee", "worth", "billion", "million"})


def object_of(verb: Token) -> Token | None:
    """The verb's object; through a quantifier ("paused some of its programmes")."""
    obj = _object_of(verb)
    if obj is not None and obj.lemma_.lower() in QUANTIFIERS:
        inner = next((g for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"
                      for g in c.children if g.dep_ == "pobj"), None)
        if inner is not None:
            return inner
    return obj


def _object_of(verb: Token) -> Token | None:
    obj = _direct_object(verb)
    if obj is None and verb.lemma_.lower() in LETTING_VERBS:   # "allowed five commanders to return"
        obj = next((g for c in verb.children if c.dep_ == "ccomp" for g in c.children if g.dep_ in SUBJECT_DEPS), None)
    if obj is not None and obj.lower_ in ("re", "co", "pre") and obj.i + 2 < len(obj.doc) \
            and obj.doc[obj.i + 1].text == "-" and obj.doc[obj.i + 2].head.i == verb.i:
        return obj.doc[obj.i + 2]   # "restricted the re-export of ...", split by the tokenizer
    return obj


def _direct_object(verb: Token) -> Token | None:
    if verb.dep_ == "acl" and verb.tag_ == "VBN" and is_passive_participle(verb):
        return verb.head   # "talks hosted by China"
    for child in verb.children:
        if child.dep_ in OBJECT_DEPS or child.dep_ == "nsubjpass":
            return child
        if child.dep_ == "attr" and verb.lemma_.lower() == "become":
            return child   # "became a full member of BRICS"
    if verb.dep_ == "conj":
        for child in verb.head.children:
            if child.dep_ in OBJECT_DEPS and child.i > verb.i:
                return child
        if is_passive(verb):   # "Modi arrived ... and was received by Putin"
            return next((c for c in verb.head.children if c.dep_ in SUBJECT_DEPS), None)
    # a common misparse: "supported Pakistan's bid ... emphasising" makes the object the
    # subject of the participle that follows; a participle has no subject of its own
    for child in verb.children:
        if child.dep_ == "advcl" and child.tag_ == "VBG":
            subj = next((g for g in child.children if g.dep_ == "nsubj" and verb.i < g.i < child.i), None)
            if subj is not None:
                return subj
    return None


def _preps(token: Token, lemma: str) -> list[Token]:
    out: list[Token] = []
    for child in token.children:
        if child.dep_ in ("prep", "agent", "dative") and child.lower_ == lemma:
            out.extend(g for g in child.children if g.dep_ in ("pobj", "pcomp"))
        elif child.dep_ == "prep" and child.lower_ == "as" and lemma == "as":
            out.extend(child.children)
        elif child.dep_ == "conj" and child.pos_ == "ADP" and child.lower_ == lemma:
            out.extend(g for g in child.children if g.dep_ == "pobj")
    return out


def complement_of(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("xcomp", "ccomp"):
            return child
        if child.dep_ == "prep":
            for grand in child.children:
                if grand.dep_ == "pcomp":
                    return grand
    obj = object_of(verb)   # "gave the ambassador 72 hours to leave"
    if obj is not None and obj.head.i == verb.i:
        return next((t for t in obj.subtree if t.pos_ == "VERB" and t.i != obj.i and infinitive(t)), None)
    return None


def slot_tokens(slot: str, trigger: Token, index: MentionIndex) -> list[Token]:
    """Head tokens that fill ``slot`` for ``trigger``."""
    if slot == "subj":
        subj = subject_of(trigger)
        return [subj] if subj is not None else []
    if slot == "dobj":
        obj = object_of(trigger)
        return [obj] if obj is not None else []
    if slot == "dobj_if_actor":
        obj = object_of(trigger)
        return [obj] if obj is not None and index.at(obj) is not None else []
    if slot == "dative":
        out = []
        for child in trigger.children:
            if child.dep_ == "dative":
                pobj = [g for g in child.children if g.dep_ == "pobj"]
                out.extend(pobj if pobj else [child])
        return out
    if slot.startswith("prep:"):
        return _preps(trigger, slot[5:])
    if slot == "passive_goods":   # "Turkish drones were sold to Ukraine": the goods' maker
        if not is_passive(trigger) or any(c.dep_ == "agent" for c in trigger.children):
            return []
        return [g for c in trigger.children if c.dep_ == "nsubjpass"
                for g in c.children if g.dep_ in ("amod", "compound") and g.i < c.i]
    if slot == "ccomp_subj":   # "demanded that Denmark withdraw ..."
        return [g for c in trigger.children if c.dep_ == "ccomp" for g in c.children if g.dep_ in SUBJECT_DEPS]
    if slot == "obj_mention":   # "buy American jets": whoever the object phrase names
        obj = object_of(trigger)
        return [obj] if obj is not None else []
    if slot.startswith("obj_deep_prep:"):
        obj = object_of(trigger)
        if obj is None:
            return []
        lemma = slot.split(":", 1)[1]
        return [g for tok in obj.subtree if tok.lower_ == lemma
                and (tok.dep_ == "prep" or (tok.dep_ == "agent" and tok.i > obj.i))   # "meetings hosted by Budapest"
                for g in tok.children if g.dep_ == "pobj"]
    if slot.startswith("obj_"):
        obj = object_of(trigger)
        if obj is None:
            return []
        rest = slot[4:]
        heads = [obj, *_conjuncts(obj)]
        if rest.startswith("prep:"):
            return [tok for head in heads for tok in _preps(head, rest[5:])]
        return [child for head in heads for child in head.children if child.dep_ == rest]
    if slot.startswith("xcomp_"):
        comp = complement_of(trigger)
        if comp is None:
            return []
        rest = slot[6:]
        if rest.startswith("obj_prep:"):   # "threatened to suspend relations with the UAE"
            inner = object_of(comp)
            if inner is None and comp.lemma_.lower() in LETTING_VERBS:   # "refused to let arms for Kyiv cross"
                inner = next((g for c in comp.children if c.dep_ == "ccomp" for g in c.children
                              if g.dep_ in SUBJECT_DEPS), None)
            return _preps(inner, rest[9:]) if inner is not None else []
        if rest == "dobj":
            obj = object_of(comp)
            return [obj] if obj is not None else []
        return _preps(comp, rest[5:]) if rest.startswith("prep:") else []
    if slot in ("poss", "amod", "compound", "nmod"):
        return [child for child in trigger.children if child.dep_ == slot]
    if slot == "between":
        return _preps(trigger, "between")
    if slot == "governor":
        return _governor(trigger)
    return []


def _governor(noun: Token) -> list[Token]:
    """For a noun trigger inside a phrase ("in a call to ...", "paid a visit to ..."): the
    actor of the phrase it hangs on."""
    head = noun.head
    if noun.dep_ == "pobj" and head.dep_ == "prep":
        attached = head.head
        if attached.pos_ in ("VERB", "AUX"):
            subj = subject_of(attached)
            return [subj] if subj is not None else []
        if attached.pos_ in ("NOUN", "PROPN") and attached.dep_ in ("nsubj", "ROOT", "appos"):
            return [attached]
    if noun.dep_ in OBJECT_DEPS and head.lemma_ in ("pay", "make", "undertake", "begin", "start", "conclude"):
        subj = subject_of(head)
        return [subj] if subj is not None else []
    return []


# ---------------------------------------------------------------- frames


def infinitive(verb: Token) -> bool:
    return any(child.dep_ == "aux" and child.lower_ == "to" for child in verb.children)



ORGANISATION_NOUNS = ("organisation", "organization", "alliance", "bloc", "union", "body", "grouping")
DEFINITE_NOUNS = ("country", "nation", "state", "government", "neighbour", "neighbor", "kingdom", "republic",
                  "emirate", "regime", *ORGANISATION_NOUNS)


def definite_description(slots: Sequence[str], trigger: Token, index: MentionIndex,
                          actor_codes: list[str]) -> list[Mention]:
    """'... lifted its embargo on Pakistan and started to sell weapons to the country': a
    definite 'the country' is the last state named before it in the sentence, other than
    the actor."""
    for slot in slots:
        for tok in slot_tokens(slot, trigger, index):
            if tok.lemma_.lower() not in DEFINITE_NOUNS or index.at(tok) is not None:
                continue
            relational = tok.lemma_.lower() in RELATIONAL_NOUNS
            if not any((child.dep_ == "det" and child.lower_ in ("the", "this"))
                       or (relational and child.dep_ == "poss" and child.lower_ in ("its", "their"))
                       for child in tok.children):
                continue
            doc = tok.doc
            first = max(0, tok.sent.start - 80)
            for i in range(tok.i - 1, first - 1, -1):
                if doc[i].is_space and "\n" in doc[i].text:
                    break   # not across a paragraph
                mention = index.at(doc[i])
                kinds = ("organisation",) if tok.lemma_.lower() in ORGANISATION_NOUNS else ("name", "capital")
                if mention is not None and mention.kind in kinds and len(mention.codes) == 1 \
                        and mention.codes[0] not in actor_codes:
                    return [mention]
    return []



def actor_like(token: Token) -> bool:
    return token.pos_ == "PROPN" or token.lemma_.lower() in role_nouns() or vague_subject(token)


def vague_subject(subj: Token) -> bool:
    return subj.lemma_.lower() in ("country", "side", "party", "nation", "government", "agreement", "deal",
                                   "neighbour", "neighbor", "capital", "leader", "rival")


#: verbs of letting: "refused to let Kazakhstan become a hub" is about the actor itself
LETTING_VERBS = frozenset({"let", "allow", "permit"})


def no_implicit_partner(verb: Token, event: str, index: MentionIndex) -> bool:
    """A trigger whose partner would come from an earlier event ("refused", "boycotted")
    that names no partner of its own: "a step it has so far refused to take" (a refusal in
    a relative clause), "would boycott the meetings hosted by Budapest" (a participle
    describing an object), "refusing to be owned by either" (a passive complement), "refused
    to let Kazakhstan become a hub" (letting the actor itself)."""
    if (event == "REJECT" and verb.dep_ == "relcl") or (verb.dep_ == "acl" and verb.head.dep_ == "dobj"):
        return True
    if event != "REJECT":
        return False
    comp = next((c for c in verb.children if c.dep_ in ("xcomp", "ccomp")), None)
    if comp is None:
        return False
    if is_passive(comp):
        return True
    if comp.lemma_.lower() in LETTING_VERBS:
        let = next((c for c in comp.children if c.dep_ in ("dobj", "nsubj", "ccomp")), None)
        if let is not None and let.dep_ == "ccomp":
            let = next((g for g in let.children if g.dep_ == "nsubj"), None)
        own = {code for m in argument_mentions(subject_of(verb), index) for code in m.codes}
        let_codes = {code for m in argument_mentions(let, index) for code in m.codes}
        return bool(own) and bool(let_codes) and let_codes <= own
    return False


def inside_reported_content(token: Token, verbs: frozenset[str]) -> bool:
    """'accused Turkey of breaking the terms of an exchange it had mediated': a trigger deep
    inside what an accusation or claim says (its "of"-phrase or clause), not only its head."""
    node = token
    while node.head.i != node.i:
        head = node.head
        if node.dep_ == "pcomp" and head.dep_ == "prep" and head.head.lemma_.lower() in verbs:
            return node is not token
        if node.dep_ in ("ccomp", "xcomp") and head.lemma_.lower() in verbs:
            return node is not token
        node = head
    return False
