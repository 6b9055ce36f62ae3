"""Reactions to an earlier event: which event or actor an object noun points back to
("condemned the pact", "denied the accusations", "condemned the raid" after "police stormed
the embassy"). Word lists in data/triggers.json ("reference_nouns", "reaction_events",
"reference_verbs")."""

from __future__ import annotations

import functools

from spacy.tokens import Token

from blocwatch.extract.rules import modality as modal
from blocwatch.extract.rules.arguments import (
    OBJECT_DEPS,
    MentionIndex,
    argument_mentions,
    is_passive,
    subject_of,
)
from blocwatch.records import Mention


@functools.cache
def reference_nouns() -> dict[str, str]:
    """noun -> the event type it names, for reactions to an earlier event."""
    raw = modal.triggers_data()["reference_nouns"]
    return {noun: event for event, nouns in raw.items() if event != "_doc" for noun in nouns}


@functools.cache
def reaction_events() -> frozenset[str]:
    return frozenset(modal.triggers_data()["reaction_events"])


@functools.cache
def reference_verbs() -> dict[str, frozenset[str]]:
    """noun -> lemmas of the verbs that tell the action the noun names ("raid": storm, force)."""
    raw = modal.triggers_data()["reference_verbs"]
    return {noun: frozenset(verbs) for noun, verbs in raw.items() if noun != "_doc"}


#: how many sentences back "condemned the raid" looks for the verb that told the raid
REFERENCE_SENTENCES = 6


def earlier_doer(noun: Token, index: MentionIndex) -> list[Mention]:
    """'Ecuadorian police forced their way into the embassy ... Brazil condemned the raid':
    for a definite action noun that names no actor, the subject of the nearest earlier verb
    telling that action (triggers.json "reference_verbs"), a few sentences back at most."""
    if not any(child.dep_ == "det" and child.lower_ in ("the", "this", "that", "these", "those")
               for child in noun.children) or argument_mentions(noun, index):
        return []
    verbs = reference_verbs()[noun.lower_]
    doc, sentences = noun.doc, -1
    # from the noun back: its own sentence too ("X sanctioned Y, and Z condemned the decision")
    for i in range(noun.i - 1, -1, -1):
        token = doc[i]
        if token.is_sent_start:
            sentences += 1
            if sentences > REFERENCE_SENTENCES:
                return []
        if token.pos_ == "VERB" and token.lemma_.lower() in verbs and not is_passive(token):
            doers = argument_mentions(subject_of(token), index, allow_place=False)
            if doers:
                return doers
    return []


def event_noun(obj: Token | None) -> str | None:
    if obj is None or obj.pos_ not in ("NOUN", "PROPN", "PRON"):
        return None
    return reference_nouns().get(obj.lower_) or reference_nouns().get(obj.lemma_.lower())


def antecedent(obj: Token | None) -> Token | None:
    """'a ceasefire, which the Kremlin rejected': the relative pronoun's noun."""
    if obj is not None and obj.lower_ in ("which", "that") and obj.head.dep_ == "relcl":
        noun = obj.head.head
        outer = noun.head.head if noun.dep_ == "pobj" else None
        if outer is not None and outer.pos_ in ("VERB", "AUX"):   # "with Gazprom" hung on "signed"
            outer = next((c for c in outer.children if c.dep_ in OBJECT_DEPS), None)
        if outer is not None and outer.dep_ in OBJECT_DEPS and event_noun(outer) and not event_noun(noun):
            return outer   # "signed a contract with Gazprom, which Kyiv denounced": the contract
        return noun
    return obj


def relative_owner(obj: Token | None, index: MentionIndex) -> list[Mention]:
    """'He offered a ceasefire, which the Kremlin rejected': the offerer is the one rejected."""
    noun = antecedent(obj)
    if noun is None or noun is obj or noun.dep_ not in OBJECT_DEPS:
        return []
    subj = subject_of(noun.head)
    return argument_mentions(subj, index, allow_place=False) if subj is not None else []


def object_reference(obj: Token | None, index: MentionIndex) -> str | None:
    """'condemned the pact': the event type the object names, when it names no actor itself."""
    if obj is None or argument_mentions(obj, index):
        return None
    lemma = obj.lemma_.lower()
    return reference_nouns().get(obj.lower_) or reference_nouns().get(lemma)


#: the one state that has invaded each of these since 2000: "condemned the invasion of
#: Ukraine" (no invader named) is aimed at Russia
KNOWN_INVADERS = {"UKR": "RUS"}
INVASION_NOUNS = frozenset({"invasion", "war", "aggression", "annexation", "occupation", "offensive"})


def known_invader(noun: Token | None, index: MentionIndex) -> list[Mention]:
    if noun is None or noun.lemma_.lower() not in INVASION_NOUNS:
        return []
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ in ("of", "against", "in", "on"):
            for target in argument_mentions(next((g for g in prep.children if g.dep_ == "pobj"), None), index):
                invader = next((KNOWN_INVADERS[c] for c in target.codes if c in KNOWN_INVADERS), None)
                if invader is not None:
                    return [Mention(noun.idx, noun.idx + len(noun.text), noun.text, (invader,), None, "context")]
    return []
