"""The learned event detector: for each sentence, which ordered pairs of its actor mentions
report an event, of which PLOVER type, with what probability, carried by which word.

    detector() -> Detector | None         the shipped model (None when its weights are absent)
    Detector.predict(sdoc, text, mentions) -> list[Prediction]

Probabilities are calibrated on data the model did not train on (one temperature, see
train.py); `threshold` is the level chosen there. Per pair of codes in a sentence the
most probable type is kept; a symmetric type (talks, agreements) is one event, read in
the direction the model finds more probable.
"""

from __future__ import annotations

import bisect
import functools
import json
import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
from spacy.tokens import Doc

from blocwatch.extract.model.encoder import Weights, encode, pair_logits
from blocwatch.extract.model.questions import Question, pair_inputs, sentence_question
from blocwatch.records import Mention

BATCH = 32
#: BLOCWATCH_MODEL=off turns the detector off (the rules alone); a path names other weights
MODEL_VARIABLE = "BLOCWATCH_MODEL"


@dataclass(frozen=True, slots=True)
class Prediction:
    sentence: tuple[int, int]        # character span of the sentence
    actor: Mention
    recipient: Mention
    actor_code: str
    recipient_code: str
    event: str
    probability: float
    trigger_offset: int              # character offset of the word the model attends to most


class Detector:
    def __init__(self, folder: Path) -> None:
        self.weights = Weights.load(folder / "weights.npz")
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        self.types: list[str] = meta["types"]
        self.temperature = float(meta["temperature"])
        self.threshold = float(meta["threshold"])
        self.meta = meta

    def probabilities(self, questions: list[Question]) -> list[tuple[np.ndarray, np.ndarray]]:
        """(type probabilities [pairs, types], attention [pairs, pieces]) per question."""
        out: list[tuple[np.ndarray, np.ndarray] | None] = [None] * len(questions)
        order = sorted(range(len(questions)), key=lambda i: len(questions[i].ids))
        for first in range(0, len(order), BATCH):
            chunk = order[first:first + BATCH]
            length = max(len(questions[i].ids) for i in chunk)
            ids = np.zeros((len(chunk), length), dtype=np.int64)
            mask = np.zeros((len(chunk), length), dtype=np.float32)
            for row, i in enumerate(chunk):
                ids[row, :len(questions[i].ids)] = questions[i].ids
                mask[row, :len(questions[i].ids)] = 1
            states = encode(self.weights, ids, mask)
            for row, i in enumerate(chunk):
                q = questions[i]
                means = np.stack([states[row, a:b].mean(0) for a, b in q.spans])
                actor = means[[a for a, _ in q.pairs]]
                recipient = means[[r for _, r in q.pairs]]
                extra = np.array(pair_inputs(q), dtype=np.float32)
                logits, attention = pair_logits(self.weights, states[row], mask[row], actor, recipient, extra)
                out[i] = (1.0 / (1.0 + np.exp(-logits / self.temperature)), attention)
        return [item for item in out if item is not None]

    def predict(self, sdoc: Doc, sentences: list[tuple[int, int]], text: str, mentions: list[Mention],
                minimum: float | None = None) -> list[Prediction]:
        """Events the model finds in the given sentence spans of ``text``."""
        floor = self.threshold if minimum is None else minimum
        starts = [m.start for m in mentions]
        asked: list[tuple[tuple[int, int], Question]] = []
        for start, end in sentences:
            lo, hi = bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)
            question = sentence_question(text[start:end], start, mentions[lo:hi], sdoc)
            if question is not None:
                asked.append(((start, end), question))
        found: dict[tuple[tuple[int, int], str, str], Prediction] = {}
        for (span, question), (probs, attention) in zip(asked, self.probabilities([q for _, q in asked]),
                                                         strict=True):
            for k, (a, r) in enumerate(question.pairs):
                best = int(probs[k].argmax())
                probability = float(probs[k, best])
                if probability < floor:
                    continue
                piece = int(attention[k, 1:-1].argmax()) + 1 if len(question.ids) > 2 else 0
                actor, recipient = question.mentions[a], question.mentions[r]
                for actor_code in actor.codes:
                    for recipient_code in recipient.codes:
                        key = (span, actor_code, recipient_code)
                        if key not in found or found[key].probability < probability:
                            found[key] = Prediction(span, actor, recipient, actor_code, recipient_code,
                                                    self.types[best], probability, question.starts[piece])
        return _one_per_pair_and_type(list(found.values()))


def _one_per_pair_and_type(predictions: list[Prediction]) -> list[Prediction]:
    """One event of a type per pair of parties in a sentence: "A sanctioned B" is not also
    B sanctioning A, and talks are one event either way; the more probable direction stays."""
    kept: dict[tuple[Any, ...], Prediction] = {}
    for p in predictions:
        key = (p.sentence, p.event, frozenset((p.actor_code, p.recipient_code)))
        if key not in kept or kept[key].probability < p.probability:
            kept[key] = p
    return sorted(kept.values(), key=lambda p: (p.sentence, p.actor.start, p.recipient.start))


def _shipped() -> Path:
    return Path(str(resources.files("blocwatch.extract.model").joinpath("data")))


@functools.cache
def _load(folder: str) -> Detector | None:
    path = Path(folder)
    if not (path / "weights.npz").is_file() or not (path / "meta.json").is_file():
        return None
    return Detector(path)


def detector() -> Detector | None:
    choice = os.environ.get(MODEL_VARIABLE, "").strip()
    if choice.lower() in ("off", "0", "none", "rules"):
        return None
    return _load(choice or str(_shipped()))
