"""Negation and modality of a trigger, read from its dependency neighbourhood.

Negation never changes the event type: "did not condemn" is ACCUSE with negated=True.
Modality is ``asserted``, ``future`` (will, would in reported future, plans to, is set to,
agreed to ...) or ``hypothetical`` (a conditional clause, or a speculative modal such as
could/may/might). The word lists are in data/triggers.json ("modality")."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources
from typing import Any

from spacy.tokens import Token

Modality = str

#: auxiliaries of obligation: "disputes should be resolved" asserts nothing
NORMATIVE_AUX = frozenset({"should", "must", "ought"})


@dataclass(frozen=True, slots=True)
class ModalityWords:
    future_aux: frozenset[str]
    hypothetical_aux: frozenset[str]
    conditional_marks: frozenset[str]
    future_noun_modifiers: frozenset[str]
    negators: frozenset[str]


@functools.cache
def triggers_data() -> dict[str, Any]:
    text = resources.files("blocwatch.extract").joinpath("data/triggers.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@functools.cache
def modality_words() -> ModalityWords:
    raw = triggers_data()["modality"]
    return ModalityWords(*(frozenset(raw[key]) for key in (
        "future_aux", "hypothetical_aux", "conditional_marks", "future_noun_modifiers", "negators")))


def is_negated(token: Token) -> bool:
    """A negator attached to the verb ("did not condemn", "never visited", "no longer supports")."""
    words = modality_words()
    if token.dep_ == "conj" and any(c.dep_ == "cc" and c.lower_ == "nor" for c in token.head.children):
        return True                 # "neither condemned nor endorsed": the second verb too
    for child in token.children:
        if child.dep_ == "neg" or (child.dep_ == "advmod" and child.lower_ in ("never",)):
            return True
        if child.lower_ in ("nor", "neither") and child.i < token.i \
                and any(c.dep_ in ("aux", "auxpass") and c.i > child.i for c in token.children):
            return True             # "Nor has Delhi criticised Moscow", "Neither did Ankara join"
        if child.dep_ in ("nsubj", "nsubjpass") and any(
                g.lower_ == "neither" or (g.dep_ == "cc" and g.lower_ == "nor") for g in child.children):
            return True             # "Neither Hanoi nor Jakarta has condemned Russia"
        if child.dep_ == "preconj" and child.lower_ == "neither":
            return True
        if child.dep_ == "advmod" and child.lower_ == "longer" and any(
                grand.lower_ == "no" for grand in child.children):
            return True
        if child.dep_ in ("aux", "auxpass") and any(g.dep_ == "neg" for g in child.children):
            return True
    if token.pos_ == "NOUN":
        return any(child.dep_ == "det" and child.lower_ == "no" for child in token.children)
    return token.lower_ in words.negators and False


def no_longer(token: Token) -> bool:
    """'would no longer transfer weapons': an end of cooperation, not a denial of it."""
    return any(child.dep_ == "advmod" and child.lower_ == "longer"
               and any(grand.lower_ == "no" for grand in child.children) for child in token.children)


def aux_words(token: Token) -> list[str]:
    return [child.lower_ for child in token.children if child.dep_ in ("aux", "auxpass")]


def future_auxiliary(token: Token) -> bool:
    """'will respond', 'would retaliate' (not 'could', not in a conditional clause)."""
    return not conditional(token) and any(word in modality_words().future_aux for word in aux_words(token))


def is_condition(token: Token) -> bool:
    """Is the verb the condition itself ("... if India refused to cooperate")? A condition
    states no event of its own: it is what the hypothetical main clause depends on. So is
    an open question ("whether Ankara will buy more weapons")."""
    marks = modality_words().conditional_marks
    node = token
    for _hop in range(4):
        if _inverted(node):
            return True             # "Had India condemned Russia, ...": a condition, and counterfactual
        if any(child.dep_ == "mark" and child.lower_ == "whether" for child in node.children):
            return True             # "whether Ankara will buy more weapons remains unclear": a question
        if any(child.dep_ == "mark" and child.lower_ in marks for child in node.children):
            return node.dep_ == "advcl"
        if node.dep_ not in ("xcomp", "conj") or node.head.i == node.i:
            return False
        node = node.head
    return False


def conditional(token: Token) -> bool:
    """Is the token inside an if/unless clause (its own or one of its verb ancestors')?"""
    marks = modality_words().conditional_marks
    if _contrasted_clause(token):
        return False   # "if X, they could ..., but they will not cut ties": the 'but' clause stands alone
    main = token.head if token.dep_ == "conj" else token
    for child in main.children:   # "If Russia attacks, the US will impose sanctions"
        if child.dep_ == "advcl" and ((any(g.dep_ == "mark" and g.lower_ in marks for g in child.children)
                                       and not _whether_or_not(child)) or _inverted(child)):
            return True
    node: Token | None = token
    while node is not None:
        if any(child.dep_ == "mark" and child.lower_ in marks for child in node.children):
            return True
        if node.dep_ == "ROOT" or node.head is node:
            return False
        if node.dep_ in ("conj",) and node.head.pos_ in ("VERB", "AUX"):
            node = node.head
            continue
        if node.pos_ in ("VERB", "AUX") and node.dep_ not in ("xcomp", "ccomp", "pcomp", "acl"):
            return False
        node = node.head
    return False


def _inverted(verb: Token) -> bool:
    """'Had India condemned Russia', 'Should Washington impose sanctions': an auxiliary before
    the subject in a statement is a condition."""
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subject is not None and any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("had", "were", "should")
                                       and c.i < subject.i for c in verb.children)


def _whether_or_not(clause: Token) -> bool:
    """"whether Washington liked it or not": a concession, the main clause stands."""
    return any(g.dep_ == "mark" and g.lower_ == "whether" for g in clause.children) \
        and any(t.lower_ == "or" for t in clause.subtree)


def _contrasted_clause(token: Token) -> bool:
    """A clause after 'but'/'yet' with its own subject and auxiliary."""
    if token.dep_ != "conj" or token.head.pos_ not in ("VERB", "AUX"):
        return False
    own = {child.dep_ for child in token.children}
    contrast = any(c.dep_ == "cc" and c.lower_ in ("but", "yet") and token.head.i < c.i < token.i
                   for c in token.head.children)
    return contrast and bool(own & {"nsubj", "nsubjpass"}) and "aux" in own


def verb_modality(token: Token) -> Modality:
    """asserted / future / hypothetical from the verb's auxiliaries and a conditional clause;
    ``normative`` (should, must) marks a verb that is no event."""
    words = modality_words()
    if conditional(token):
        return "hypothetical"
    auxes = aux_words(token)
    if not auxes and token.dep_ == "conj":
        auxes = aux_words(token.head)
    if any(word in NORMATIVE_AUX for word in auxes):
        return "normative"     # "should be resolved": a wish, no event at all
    if any(word in words.hypothetical_aux for word in auxes):
        # "can assist" asserts an ability, "could affect" speculates: both not asserted
        return "hypothetical"
    if any(word in words.future_aux for word in auxes):
        return "future"
    if _going_to(token) or _still_ahead(token):
        return "future"
    return "asserted"


#: temporal conjunctions whose present-tense clause, under a past main clause, is still to come
AHEAD_MARKS = frozenset({"before", "until", "till", "once"})


def _still_ahead(token: Token) -> bool:
    """'met Putin on Wednesday, a week before he travels to Washington': a present-tense
    clause under a past-tense verb had not happened when the report was written."""
    if token.dep_ not in ("advcl", "relcl") or token.tag_ not in ("VBZ", "VBP"):
        return False
    if not any(child.dep_ == "mark" and child.lower_ in AHEAD_MARKS for child in token.children):
        return False
    governor = token.head      # "a week before he travels" hangs on "week", under "met"
    for _hop in range(3):
        if governor.pos_ in ("VERB", "AUX") or governor.head.i == governor.i:
            break
        governor = governor.head
    return governor.tag_ in ("VBD", "VBN")


def _going_to(token: Token) -> bool:
    head = token.head
    return token.dep_ == "xcomp" and head.lemma_ == "go" and head.tag_ == "VBG" and any(
        child.lemma_ == "be" for child in head.children)


def noun_modality(token: Token) -> Modality:
    """A noun trigger is asserted unless marked as planned or possible ("the planned visit")."""
    words = modality_words()
    for child in token.children:
        text = child.lower_
        if child.dep_ in ("amod", "compound") and text in words.future_noun_modifiers:
            return "hypothetical" if text in ("possible", "potential") else "future"
        if child.dep_ == "amod" and any(part in words.future_noun_modifiers for part in text.split("-")):
            return "future"
    return "asserted"


@functools.cache
def observer_words() -> frozenset[str]:
    return frozenset(triggers_data()["reporting"].get("observers", []))


def observer_speculation(token: Token) -> bool:
    """The clause of ``token`` is what an analyst, expert or critic said or expects ("An
    analyst said Russia could invade Finland"): the words of no state. Walks up through
    clausal complements to the first verb with a subject."""
    observers = observer_words()
    clause = token
    for _ in range(4):
        if clause.dep_ not in ("ccomp", "xcomp", "advcl", "conj") or clause.head is clause:
            return False
        clause = clause.head
        subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects:
            return any(s.lower_ in observers for s in subjects)
    return False
