"""The model's predictions as event candidates, so that they are dated, negated and coded
by the same rules as the candidates of the trigger lexicon (pipeline.py).

    model_candidates(sent, predictions, rule_candidates) -> list[Candidate]

A prediction becomes a candidate at the word the model attended to most, with the
modality the rules read off that word; one whose word the rules read as negated is left
out (a negated event is kept only when the lexicon itself reads it: a polarity read off the
wrong word is worse than a missing event). The rules' own candidates come first: a sentence
the lexicon reads is left to it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from spacy.tokens import Span, Token

from blocwatch.extract.coding import is_symmetric
from blocwatch.extract.model.detector import Prediction
from blocwatch.extract.rules import modality as modal
from blocwatch.extract.rules.events import Candidate, Frame
from blocwatch.records import Mention

#: parts of speech of a word that can carry an event; the model's attention can rest on a
#: name or a preposition, and then the sentence's verb governing it is the trigger
EVENT_POS = frozenset({"VERB", "NOUN", "AUX", "ADJ"})
#: a sentence the lexicon reads is left to it: the model speaks where the rules found nothing
#: (the pipeline does not ask the model about those sentences); when False, the model adds
#: what the rules' candidates leave out (`_covered`)
RULES_FIRST = True


def _covered(rule_candidates: Iterable[Candidate]) -> set[tuple[str, str]]:
    pairs: set[tuple[str, str]] = set()
    for cand in rule_candidates:
        for actor in cand.actors:
            for recipient in cand.recipients:
                for a in actor.codes:
                    for r in recipient.codes:
                        pairs.add((a, r))
                        if cand.symmetric or is_symmetric(cand.frame.event):
                            pairs.add((r, a))
    return pairs


def _token_at(sent: Span, offset: int) -> Token | None:
    for token in sent:
        if token.idx <= offset < token.idx + max(len(token.text), 1):
            return token
    return None


def _event_word(token: Token) -> Token:
    """The word that carries the event: the attended word, or the verb above it."""
    word = token
    for _ in range(4):
        if word.pos_ in EVENT_POS and word.ent_type_ not in ("GPE", "NORP", "ORG", "PERSON"):
            return word
        if word.head.i == word.i:
            break
        word = word.head
    return token.sent.root


def _under_negation(sent: Span, prediction: Prediction) -> bool:
    """Is one of the two parties inside the clause of a negated word ("He did not name
    Poland, but ...")? Then what the sentence says of them is not for the model to assert."""
    parties = [(prediction.actor.start, prediction.actor.end), (prediction.recipient.start, prediction.recipient.end)]
    for token in sent:
        if not modal.is_negated(token):
            continue
        for word in token.subtree:
            if any(start <= word.idx < end for start, end in parties):
                return True
    return False


def model_candidates(sent: Span, predictions: list[Prediction], rule_candidates: list[Candidate]) -> list[Candidate]:
    if sent.text.rstrip().rstrip("\"'”’)").endswith("?"):
        return []
    covered = _covered(rule_candidates)
    out = []
    for prediction in predictions:
        pair = (prediction.actor_code, prediction.recipient_code)
        if pair in covered or (is_symmetric(prediction.event) and pair[::-1] in covered):
            continue
        attended = _token_at(sent, prediction.trigger_offset)
        if attended is None:
            continue
        trigger = _event_word(attended)
        if trigger.pos_ in ("VERB", "AUX") and modal.is_condition(trigger):
            continue
        is_verb = trigger.pos_ in ("VERB", "AUX", "ADJ")
        modality = modal.verb_modality(trigger) if is_verb else modal.noun_modality(trigger)
        if modality == "normative" or (modality != "asserted" and modal.observer_speculation(trigger)):
            continue
        if modal.is_negated(trigger) or _under_negation(sent, prediction):
            continue   # the model's trigger is its best guess: a negation read off a wrong word is a wrong polarity
        frame = Frame(lemma=trigger.lemma_.lower(), pos="verb" if is_verb else "noun", event=prediction.event,
                      mode=None, context=(), actor=(), recipient=(), requires={},
                      symmetric=is_symmetric(prediction.event))
        actor = prediction.actor if prediction.actor.codes == (pair[0],) else _narrowed(prediction.actor, pair[0])
        recipient = prediction.recipient if prediction.recipient.codes == (pair[1],) \
            else _narrowed(prediction.recipient, pair[1])
        out.append(Candidate(trigger, frame, [actor], [recipient], False, str(modality),
                             round(prediction.probability, 2), frame.symmetric))
        covered.add(pair)
    return out


def _narrowed(mention: Mention, code: str) -> Mention:
    """One party of a compound mention ("the United States and China"): one event each."""
    return dataclasses.replace(mention, codes=(code,))
