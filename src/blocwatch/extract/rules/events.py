"""Event candidates from one parsed sentence: triggers, their actor and recipient, polarity.

A trigger is a verb or noun whose lemma is in data/triggers.json. Each verb has frames tried
in order; a frame's ``requires`` (a preposition, an object lemma, the kind of actor the
object names ...) selects it. Arguments are syntactic slots (subject, object, "to"-phrase,
possessor ...) mapped to actor Mentions: the mention on the slot's head token, else the
nearest mentions below it in the tree. Dates are attached later (pipeline)."""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Span, Token

from blocwatch.extract.rules import modality as modal
from blocwatch.extract.rules.arguments import (
    CAUSATIVE_VERBS,
    PLACE_KINDS,
    MentionIndex,
    actor_like,
    argument_mentions,
    complement_of,
    definite_description,
    infinitive,
    inside_reported_content,
    is_passive,
    no_implicit_partner,
    object_of,
    role_nouns,
    slot_tokens,
    subject_of,
    vague_subject,
)
from blocwatch.extract.rules.pairing import codes_of as _codes
from blocwatch.extract.rules.pairing import pairs
from blocwatch.extract.rules.references import (
    antecedent,
    earlier_doer,
    event_noun,
    known_invader,
    object_reference,
    reaction_events,
    reference_verbs,
    relative_owner,
)
from blocwatch.records import Mention


@dataclass(frozen=True, slots=True)
class Frame:
    lemma: str
    pos: str                            # "verb" or "noun"
    event: str
    mode: str | None
    context: tuple[str, ...]
    actor: tuple[str, ...]
    recipient: tuple[str, ...]
    requires: dict[str, Any]
    symmetric: bool = False
    consumes_object: bool = False
    absorbs_complement: bool = False
    recipient_kinds: frozenset[str] | None = None
    plural_only: bool = False
    pair_only: bool = False
    optional: bool = False
    context_recipient: bool = False     # no recipient named: the partner in the last two-party event
    references_object: bool = False     # "joined the ban": the object names an earlier event


@dataclass(slots=True)
class Candidate:
    """One trigger with its resolved arguments, before dating and coding."""

    trigger: Token
    frame: Frame
    actors: list[Mention]
    recipients: list[Mention]
    negated: bool
    modality: str
    confidence: float
    symmetric: bool = False
    needs_context: bool = False         # parties to be taken from the paragraph's last dyad
    object_mode: str | None = None      # mode of a consumed event noun ("launched an invasion")
    reference: str | None = None        # event type of an object noun naming an earlier event
    vague_recipient: bool = False       # "both countries" left unresolved: the last dyad
    consumed: set[int] = field(default_factory=set)


@functools.cache
def lexicon() -> tuple[dict[str, list[Frame]], dict[str, Frame], dict[str, frozenset[str]], frozenset[str]]:
    """(verb frames, noun frames, complement governors, unasserted reporting verbs)."""
    data = modal.triggers_data()
    verbs = {lemma: [_frame(lemma, "verb", raw) for raw in frames] for lemma, frames in data["verbs"].items()}
    nouns = {lemma: _frame(lemma, "noun", raw) for lemma, raw in data["nouns"].items()}
    governors = {key: frozenset(value) for key, value in data["complement_governors"].items() if key != "_doc"}
    return verbs, nouns, governors, frozenset(data["reporting"]["unasserted"])


def _frame(lemma: str, pos: str, raw: dict[str, Any]) -> Frame:
    kinds = raw.get("recipient_kinds")
    return Frame(
        lemma=lemma, pos=pos, event=raw["event"], mode=raw.get("mode"),
        context=tuple(raw.get("context", ())),
        actor=tuple(raw.get("actor", ("subj",))), recipient=tuple(raw.get("recipient", ())),
        requires=dict(raw.get("requires", {})), symmetric=bool(raw.get("symmetric")),
        consumes_object=bool(raw.get("consumes_object")),
        absorbs_complement=bool(raw.get("absorbs_complement")),
        recipient_kinds=frozenset(kinds) if kinds else None,
        plural_only=bool(raw.get("plural_only")), pair_only=bool(raw.get("pair_only")),
        optional=bool(raw.get("optional")),
        context_recipient=bool(raw.get("context_recipient")),
        references_object=bool(raw.get("references_object")),
    )


def _object_lemma(trigger: Token) -> str | None:
    obj = object_of(trigger)
    return obj.lemma_.lower() if obj is not None else None


def _requirements_hold(frame: Frame, trigger: Token, index: MentionIndex) -> bool:
    req = frame.requires
    if "prep" in req and not any(
            child.dep_ in ("prep", "agent", "dative") and child.lower_ in req["prep"] for child in trigger.children):
        return False
    if "prep_object" in req and not any(
            child.dep_ == "prep" and any(g.dep_ == "pobj" and (g.lemma_.lower() in req["prep_object"]
                                                            or g.text in req["prep_object"]) for g in child.children)
            for child in trigger.children):
        return False   # "took Ecuador to the International Court of Justice": the court names the act
    if "particle" in req and not any(
            child.dep_ in ("prt", "prep", "advmod") and child.lower_ in req["particle"] for child in trigger.children):
        return False
    if "object" in req:
        obj = object_of(trigger)
        if obj is None or (obj.lemma_.lower() not in req["object"] and obj.lower_ not in req["object"]):
            return False
    if "object_modifier" in req and not any(  # "issued a joint statement"
            c.lower_ in req["object_modifier"] for c in getattr(object_of(trigger), "children", ())):
        return False
    if req.get("object_any") and object_of(trigger) is None:
        return False
    if "subject" in req:
        subj = subject_of(trigger)
        # "Kyrgyz and Tajik troops fought": the noun may head a later conjunct of the subject
        heads = [subj, *(tok for tok in subj.conjuncts if tok.i > subj.i)] if subj is not None else []
        if not any(tok.lemma_.lower() in req["subject"] for tok in heads):
            return False
    if "subject_kinds" in req:   # "Orban landed in Moscow" visits; "troops landed" do not
        subj = subject_of(trigger)
        mention = index.at(subj) if subj is not None else None
        if mention is None or mention.kind not in req["subject_kinds"]:
            return False
    if "object_kinds" in req:
        obj = object_of(trigger)
        if obj is None:
            return False
        mention = index.at(obj)
        if mention is None and obj.lemma_.lower() in role_nouns():
            mention = next(iter(argument_mentions(obj, index)), None)
            return mention is not None
        if mention is None or mention.kind not in req["object_kinds"] \
                or mention.sector in req.get("object_not_sectors", ()):   # "hosts Russian tourists"
            return False
    if "complement_lemma" in req:
        comp = complement_of(trigger)
        if comp is None or comp.lemma_.lower() not in req["complement_lemma"]:
            return False
    if req.get("intransitive") and (object_of(trigger) is not None or any(
            c.dep_ in ("xcomp", "ccomp", "dative", "agent", "auxpass") for c in trigger.children)):
        return False   # "the Emirates accepted": the partner is the one who asked
    if "predicate" in req and not any(child.dep_ in ("oprd", "xcomp", "attr", "ccomp") and any(
            tok.lemma_.lower() in req["predicate"] for tok in child.subtree) for child in trigger.children):
        return False   # "named India a major defence partner"
    if req.get("no_predicate") and any(c.dep_ in ("oprd", "xcomp", "ccomp", "attr") for c in trigger.children):
        return False   # "called Moldova a frontline state" names, it does not phone
    if req.get("hostile_predicate") and not hostile_predicate(trigger):
        return False
    if req.get("future_aux") and not modal.future_auxiliary(trigger):
        return False   # "Moscow would respond" threatens; "Moscow responded by ..." reports
    return not (req.get("complement") and complement_of(trigger) is None)


def choose_frame(trigger: Token, index: MentionIndex) -> Frame | None:
    verbs, nouns, _, _ = lexicon()
    lemma = trigger.lemma_.lower()
    if trigger.pos_ in ("VERB", "AUX") and lemma in verbs:
        if trigger.dep_ in ("amod", "compound"):
            return None     # a participle used as an adjective: "a negotiated settlement"
        for frame in verbs[lemma]:
            if _requirements_hold(frame, trigger, index):
                return frame
        return None
    if trigger.pos_ in ("NOUN", "PROPN") and lemma in nouns:
        frame = nouns[lemma]
        if frame.plural_only and trigger.tag_ not in ("NNS", "NNPS"):
            return None
        if "requires_prep" in frame.requires and not _preps_any(trigger, frame.requires["requires_prep"]):
            return None
        if lemma == "call" and not _preps_any(trigger, ("to", "with")):
            return None
        return frame
    return None


@functools.cache
def hostile_words() -> frozenset[str]:
    return frozenset(modal.triggers_data()["hostile_predicates"])


def hostile_predicate(verb: Token) -> bool:
    """'called the junta illegitimate', 'called the decision an unfriendly step': a naming
    verb whose predicate (oprd/xcomp/attr) carries a hostile word."""
    words = hostile_words()
    for child in verb.children:
        if child.dep_ in ("oprd", "xcomp", "attr") and any(
                tok.lemma_.lower() in words or tok.lower_ in words for tok in child.subtree):
            return True
    return False


def _preps_any(token: Token, lemmas: Iterable[str]) -> bool:
    return any(child.dep_ == "prep" and child.lower_ in lemmas for child in token.children)


# ---------------------------------------------------------------- candidates

def sentence_candidates(sent: Span, index: MentionIndex) -> list[Candidate]:
    """Every event candidate in one sentence (before dating)."""
    if sent.text.rstrip().rstrip("\"'”’)").endswith("?"):
        return []
    frames: dict[int, Frame] = {}
    for token in sent:
        frame = choose_frame(token, index)
        if frame is not None:
            frames[token.i] = frame
    consumed: set[int] = set()
    for i, frame in frames.items():
        if frame.consumes_object:
            obj = object_of(sent.doc[i])
            if obj is not None:
                consumed.add(obj.i)
    for i, frame in frames.items():
        # "the Pakistan-Russia committee has met": the noun is the meeting's own subject
        token = sent.doc[i]
        if frame.pos == "noun" and token.dep_ in ("nsubj", "nsubjpass", "dobj") and \
                token.head.i in frames and frames[token.head.i].event == frame.event:
            consumed.add(i)
    for i, frame in frames.items():
        # "has not condemned Russia's invasion": the invasion is what is reacted to,
        # background rather than an event reported here
        if frame.pos == "verb" and frame.event in reaction_events():
            obj = object_of(sent.doc[i])
            for tok in (obj.subtree if obj is not None and obj.head.i == i else ()):
                if tok.i in frames and frames[tok.i].pos == "noun":
                    consumed.add(tok.i)
    candidates = []
    for i, frame in frames.items():
        if i in consumed:
            continue
        token = sent.doc[i]
        status = complement_status(token, frames)
        if status == "skip":
            continue
        cand = (_verb_candidate if frame.pos == "verb" else _noun_candidate)(token, frame, index)
        if cand is None:
            continue
        deferred = _deferred_complement(cand, frames, index)
        if deferred is not None:
            cand = deferred
        if status == "negate":
            cand.negated = True
        elif status == "future" and cand.modality == "asserted":
            cand.modality = "future"
        candidates.append(cand)
    return candidates


def _deferred_complement(cand: Candidate, frames: dict[int, Frame], index: MentionIndex) -> Candidate | None:
    """'offered to mediate', 'agreed to meet again', 'committed investing': when the
    complement is an event of its own with both sides resolved, it is the (future) event."""
    governors = lexicon()[2]
    if cand.frame.lemma in ("decline", "refuse") and cand.frame.pos == "verb":
        # "declined to criticise Moscow" reports a criticism that did not happen
        comp = complement_of(cand.trigger)
        if comp is not None and comp.i in frames and frames[comp.i].event == "ACCUSE":
            inner = _verb_candidate(comp, frames[comp.i], index)
            if inner is not None and (pairs(inner) or (inner.reference and inner.actors)):
                inner.negated = True   # "declined to criticise the pact": the pact's parties
                return inner
        return None
    if cand.frame.lemma not in governors.get("defer", ()) or cand.frame.pos != "verb":
        return None
    comp = complement_of(cand.trigger)
    if comp is None or comp.i not in frames or comp.head.i != cand.trigger.i or comp.i < cand.trigger.i:
        return None   # "Modi held talks ...; the two leaders agreed to ...": no complement before its verb
    inner = _verb_candidate(comp, frames[comp.i], index)
    if inner is None or not (pairs(inner) or (inner.frame.context_recipient and inner.actors)):
        return None
    inner.negated = inner.negated or cand.negated
    if inner.modality == "asserted":
        inner.modality = "future"
    return inner


#: nouns whose "that"-clause is a claim or a fear, not a reported fact
CONTENT_NOUNS = frozenset({
    "claim", "report", "allegation", "accusation", "suggestion", "rumour", "rumor", "speculation",
    "charge", "assertion", "fear", "concern", "worry", "suspicion", "possibility", "prospect", "threat",
})


#: verbs of travel whose purpose clause ("flew to Sochi to meet Putin") reports the meeting
TRAVEL_VERBS = frozenset({"travel", "fly", "go", "come", "head", "arrive", "land", "journey", "return"})


def _first_of_kind(noun: Token) -> bool:
    return any(g.lower_ in ("first", "last", "only") for g in noun.children)


def complement_status(token: Token, frames: dict[int, Frame]) -> str:
    """How a governing verb affects a trigger in its complement: keep/future/negate/skip."""
    _, _, governors, unasserted = lexicon()
    if token.pos_ not in ("VERB", "AUX"):
        return "keep"
    if inside_reported_content(token, unasserted):
        return "skip"
    node, status = token, "keep"
    for _hop in range(4):
        dep = node.dep_
        head = node.head
        if dep == "relcl" and head.dep_ == "pobj" and head.head.head.pos_ in ("VERB", "AUX") and any(
                c.lower_ == "that" and c.dep_ in ("advmod", "mark") for c in node.children):
            # "warned at the time that consumers could boycott ...": a "that"-clause with no
            # gap is the verb's complement, parsed as a relative clause of the nearer noun
            dep, head = "ccomp", head.head.head
        if dep == "ccomp" and node.i < head.i and any(t.text == ";" for t in node.doc[node.i:head.i]):
            return status            # "X held talks with Y; the two agreed to ...": a clause of its own
        if dep in ("acl", "ccomp") and head.pos_ == "NOUN" and head.lemma_.lower() in CONTENT_NOUNS:
            return "skip"            # "rejected claims that it supplied weapons": content, not fact
        if dep == "acl" and head.head.i in frames and frames[head.head.i].event == "REJECT" \
                and head.i != head.head.i:
            return "skip"            # "blocked a resolution condemning Russia": never adopted
        if dep == "pcomp" and (head.lower_ == "without" or (head.lower_ == "of" and head.head.lower_ == "short")):
            return "negate"          # "abstained without criticising", "stopped short of condemning"
        if dep in ("xcomp", "ccomp") or (dep == "pcomp" and head.dep_ == "prep"):
            governor = head if dep != "pcomp" else head.head
            if dep == "pcomp" and head.lower_ == "for" and governor.i in frames \
                    and any(c.dep_ == "dobj" for c in governor.children):
                return "skip"        # "sanctioned three firms for supplying ...": the firms' act, a reason
            if governor.lemma_.lower() == "rule" and any(c.dep_ == "prt" and c.lower_ == "out"
                                                          for c in governor.children):
                return "negate"      # "ruled out sending missiles"
        elif dep == "advcl" and infinitive(node) and head.lemma_.lower() in governors["aspect"]:
            governor = head          # "voted ... to deplore": a complement, parsed as purpose
        elif dep == "advcl" and infinitive(node) and head.lemma_.lower() in (*TRAVEL_VERBS, "visit") \
                and frames.get(token.i) is not None and frames[token.i].event in ("CONSULT", "REQUEST"):
            return status            # "travelled to Sochi to meet Putin", "visited Belgrade to press Vucic to ..."
        elif dep in ("acl", "relcl") and infinitive(node) and head.dep_ == "attr" and _first_of_kind(head):
            return status            # "became the first Saudi monarch to visit Russia"
        elif dep in ("advcl", "acl", "relcl") and infinitive(node):
            return "skip"            # purpose clause "to supply power plants", "a bid to join"
        elif dep == "conj" and head.pos_ in ("VERB", "AUX"):
            node = head
            continue
        else:
            return status
        if governor.i in frames and frames[governor.i].absorbs_complement:
            return "skip"
        lemma = governor.lemma_.lower()
        if lemma in ("have", "be") and any(c.dep_ == "advmod" and c.lower_ == "yet" for c in governor.children):
            return "negate"          # "has yet to impose", "is yet to sign": not done so far
        if governor.i in frames and frames[governor.i].pos == "verb":
            return "skip" if infinitive(node) and lemma not in governors["aspect"] else status
        if lemma in ("become", "be") and dep == "xcomp" and any(
                c.dep_ == "attr" and _first_of_kind(c) for c in governor.children):
            return status            # "became the first EU government to buy China's vaccine"
        if lemma in unasserted or lemma in governors["skip"]:
            return "skip"
        if lemma in governors["negate"]:
            return "negate" if not modal.is_negated(governor) else "keep"
        if lemma in governors["future"] and dep != "ccomp":   # "announced that X had frozen" is past
            status = "future"
        elif lemma in governors["aspect"]:
            pass
        elif lemma in CAUSATIVE_VERBS and dep == "xcomp" and any(c.dep_ == "dobj" for c in governor.children):
            if modal.is_negated(governor) or modal.verb_modality(governor) != "asserted":
                return "skip"        # "did not force Hanoi to withdraw", "could prompt X to"
            # "prompting Seoul to suspend": the suspension happened
        elif infinitive(node):
            return "skip"
        node = governor
    return status


def _mentions_for(slots: Sequence[str], trigger: Token, index: MentionIndex, *, actor: bool,
                  kinds: frozenset[str] | None = None, other: Sequence[Mention] = ()) -> list[Mention]:
    """The mentions of the first slot that names any; a slot naming only ``other`` (the
    actor, for a recipient: "froze EU funds for Hungary") gives way to the next one."""
    own = set(_codes(other))
    for slot in slots:
        found: list[Mention] = []
        for tok in slot_tokens(slot, trigger, index):
            # "criticism from Washington": a capital after "from" is a place, yet here the actor
            place = not actor or slot.endswith("prep:from")
            found.extend(m for m in argument_mentions(tok, index, allow_place=place) if m not in found)
        if kinds is not None:
            found = [m for m in found if m.kind in kinds or m.kind not in PLACE_KINDS]
        if found and not (own and slot.startswith("obj_") and set(_codes(found)) <= own):
            return found
    return []


def _verb_candidate(token: Token, frame: Frame, index: MentionIndex) -> Candidate | None:
    if modal.is_condition(token):
        return None
    if frame.mode == "visit" and token.dep_ == "xcomp" and token.head.lemma_.lower() in ("keep", "continue"):
        return None   # "Air Serbia kept flying to Russian cities": a habit, not a visit
    if frame.context_recipient and no_implicit_partner(token, frame.event, index):
        frame = dataclasses.replace(frame, context_recipient=False)
    actors = _mentions_for(frame.actor, token, index, actor=True)
    recipients = _mentions_for(frame.recipient, token, index, actor=False, kinds=frame.recipient_kinds, other=actors)
    if _reporter_acts(token, actors, recipients):
        actors = argument_mentions(subject_of(token.head.head), index, allow_place=False)
    negated = modal.is_negated(token) or (token.dep_ == "conj" and modal.is_negated(token.head)
                                          and _shares_aux(token))
    modality = modal.verb_modality(token)
    if modality == "normative" or (modality != "asserted" and modal.observer_speculation(token)):
        return None   # a wish ("should be resolved"), or an analyst's forecast: no event
    if frame.event in ("AID", "COOPERATE") and modal.no_longer(token):
        frame = dataclasses.replace(frame, event="SANCTION", mode="withdraw-aid")
        negated = False
    if not recipients:
        recipients = definite_description(frame.recipient, token, index, _codes(actors))
    if not recipients and frame.context_recipient:
        recipients = _echoed_recipients(token, frame, index, actors)
    if not recipients and frame.event == "THREATEN":
        recipients = [m for m in _threatened(token, index) if not set(m.codes) & set(_codes(actors))]
    if frame.symmetric and not recipients and len(_codes(actors)) < 2 and frame.consumes_object:
        obj = object_of(token)
        pair = [m for m in _mentions_for(("compound", "nmod", "amod", "poss"), obj, index, actor=True)
                if len(m.codes) > 1] if obj is not None else []
        if pair and not actors:
            actors = pair
    if frame.requires.get("future_aux") and modality == "future":
        modality = "asserted"   # "said Russia would respond": the threat itself is made now
    confidence = 0.5 if modality == "hypothetical" else 0.75
    vague = False
    if not recipients:
        heads = [t for slot in frame.recipient for t in slot_tokens(slot, token, index)]
        vague = bool(heads) and (_vague_plural(heads[0]) or _them_for_vague_plural(heads[0]))
    if frame.mode == "host" and actors and recipients:
        # "Riyadh hosted Zelensky": the coded event is the guest's visit to the host
        frame = dataclasses.replace(frame, mode="visit")
        actors, recipients = recipients, actors
    cand = Candidate(token, frame, actors, recipients, negated, modality, confidence, frame.symmetric)
    cand.vague_recipient = vague
    if frame.consumes_object:
        obj = object_of(token)
        noun_frame = lexicon()[1].get(obj.lemma_.lower()) if obj is not None else None
        cand.object_mode = noun_frame.mode if noun_frame is not None else None
    if frame.event in reaction_events() or frame.references_object:
        obj = antecedent(object_of(token))
        noun = event_noun(obj)
        if noun is not None and obj is not None and frame.event in reaction_events() \
                and ("dobj" in frame.recipient or not recipients):   # "drew criticism from X": no reaction
            # "condemned the invasion of Ukraine": the one reacted to is who invaded
            cand.recipients = _mentions_for(("poss", "amod", "compound", "prep:by"), obj, index, actor=False)
            if not cand.recipients:
                cand.reference = noun
                cand.recipients = relative_owner(object_of(token), index) or known_invader(obj, index)
        elif not recipients and obj is not None and frame.event in reaction_events() \
                and obj.lower_ in reference_verbs():
            cand.recipients = [m for m in earlier_doer(obj, index) if not set(m.codes) & set(_codes(actors))]
        elif not recipients:
            cand.reference = object_reference(obj, index)
    named = any(actor_like(t) for slot in frame.recipient if slot in ("prep:with", "prep:to", "dobj")
                for t in slot_tokens(slot, token, index))
    if frame.symmetric and not recipients and named:
        cand.symmetric = False   # "spoke to leaders in both capitals": a partner named but not resolved
        recipient = next(t for slot in frame.recipient if slot.startswith(("prep:", "dobj"))
                         for t in slot_tokens(slot, token, index))
        cand.vague_recipient = vague_subject(recipient)
    if frame.symmetric and not recipients and len(_codes(actors)) < 2:
        subj = subject_of(token)
        vague = (subj is None and is_passive(token)) or (subj is not None and vague_subject(subj))
        if vague:
            cand.needs_context = True
            cand.confidence = 0.55
    return cand


#: how many sentences back an action told again ("urged Rwanda to withdraw its troops from
#: Congo ... Rwanda has not withdrawn any forces") is looked for
ECHO_SENTENCES = 2


def _echoed_recipients(token: Token, frame: Frame, index: MentionIndex, actors: list[Mention]) -> list[Mention]:
    """The same verb a sentence or two before, with the same object noun, names the partner
    the repetition leaves out: "called on Rwanda to withdraw its troops from Congolese
    territory. Rwanda has not withdrawn any forces" -> from Congo."""
    obj = object_of(token)
    kinds = {"troop", "troops", "force", "forces"}
    doc, own = token.doc, set(_codes(actors))
    start = token.sent.start
    for _ in range(ECHO_SENTENCES):
        if start == 0:
            break
        start = doc[start - 1].sent.start
    for earlier in doc[start:token.sent.start]:
        if earlier.lemma_ != token.lemma_ or earlier.pos_ != "VERB":
            continue
        other = object_of(earlier)
        if obj is None or other is None or not ({obj.lemma_.lower(), other.lemma_.lower()} <= kinds
                                                 or obj.lemma_ == other.lemma_):
            continue
        found = [m for m in _mentions_for(frame.recipient, earlier, index, actor=False, kinds=frame.recipient_kinds)
                 if not set(m.codes) & own]
        if found:
            return found
    return []


def _vague_plural(token: Token) -> bool:
    """'both countries', 'the two sides'."""
    return vague_subject(token) and any(c.lower_ in ("both", "two") for c in token.subtree)


def _them_for_vague_plural(token: Token) -> bool:
    """'phoned both leaders and urged them to ...': an unresolved "them" after 'both
    leaders' in its sentence stands for the same two parties."""
    return token.lower_ == "them" and any(tok.i < token.i and _vague_plural(tok) for tok in token.sent)


def _threatened(token: Token, index: MentionIndex) -> list[Mention]:
    """'warned that it would cut gas supplies to Moldova if ...': the target of the hostile act
    the warning announces."""
    for comp in token.children:
        if comp.dep_ not in ("ccomp", "xcomp"):
            continue
        frame = choose_frame(comp, index)
        if frame is not None and frame.event in ("SANCTION", "ASSAULT", "COERCE", "MOBILIZE"):
            inner = _verb_candidate(comp, frame, index)
            return inner.recipients if inner is not None else []
    return []


def _reporter_acts(token: Token, actors: list[Mention], recipients: list[Mention]) -> bool:
    """'China's foreign ministry said the vessel had intruded ... and urged Manila to stop':
    a speech act parsed as coordinated with the reported clause belongs to the reporter when
    the reported clause's subject names no actor or names the recipient itself."""
    head = token.head
    if token.dep_ != "conj" or head.dep_ != "ccomp" or any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children):
        return False
    if token.lemma_.lower() not in lexicon()[0] or not _frames_speech(token.lemma_.lower()):
        return False
    own = set(_codes(actors))
    return not own or own <= set(_codes(recipients))


def _frames_speech(lemma: str) -> bool:
    return any(frame.event in ("REQUEST", "ACCUSE", "THREATEN", "SUPPORT", "REJECT") for frame in lexicon()[0][lemma])


def _shares_aux(verb: Token) -> bool:
    """'did not condemn or criticise': the second verb has no auxiliary of its own and is
    joined by or/nor ("has not condemned X and abstained" negates only the first)."""
    joined_by_or = any(child.dep_ == "cc" and child.lower_ in ("or", "nor") for child in verb.head.children)
    return joined_by_or and not any(child.dep_ in ("aux", "nsubj") for child in verb.children)


def _noun_candidate(token: Token, frame: Frame, index: MentionIndex) -> Candidate | None:
    named = index.at(token)
    if named is not None and token.text[:1].isupper() and named.kind not in ("pair", "adjective"):
        return None   # "the European Commission and Serbia signed": part of a name, no event
    actors = _mentions_for(frame.actor, token, index, actor=True)
    recipients = _mentions_for(frame.recipient, token, index, actor=False, kinds=frame.recipient_kinds)
    if frame.pair_only and len(_codes(actors)) < 2:
        return None
    modality = modal.noun_modality(token)
    if modality == "hypothetical" or modal.conditional(token.head):
        return None
    return Candidate(token, frame, actors, recipients, modal.is_negated(token), modality, 0.65, frame.symmetric)
