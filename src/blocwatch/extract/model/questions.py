"""What the model is asked about one sentence: its word pieces and every ordered pair of
actor mentions in it ("does mention a act on mention r?").

Training (`examples.py`) and extraction (`detector.py`) build their inputs here, so the
two see sentences the same way.

    sentence_question(text, start, mentions) -> Question | None
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from blocwatch.extract.model.wordpiece import special, tokenize
from blocwatch.records import Mention

#: pieces per sentence (with [CLS] and [SEP]); longer sentences are cut, their later
#: mentions are not asked about
MAX_PIECES = 128
#: mentions per sentence asked about (a list of 20 states is not 380 questions)
MAX_MENTIONS = 10
#: mention kinds that never act (a venue is asked about as a recipient only)
RECIPIENT_ONLY = frozenset({"place"})


@dataclass(frozen=True, slots=True)
class Question:
    ids: list[int]                        # [CLS] pieces [SEP]
    starts: list[int]                     # character offset of each piece in the document
    mentions: list[Mention]
    spans: list[tuple[int, int]]          # piece range [first, last) of each mention
    pairs: list[tuple[int, int]]          # (actor mention, recipient mention) indexes
    features: list[list[float]]           # per pair: where the two stand in the parse (pair_features)


def sentence_question(text: str, start: int, mentions: Sequence[Mention], sdoc: Doc) -> Question | None:
    """The question for the sentence ``text`` found at ``start`` in its document, with the
    document's ``mentions`` (those inside the sentence are used); None without a pair."""
    end = start + len(text)
    inside = [m for m in mentions if m.codes and start <= m.start and m.end <= end]
    if len({code for m in inside for code in m.codes}) < 2:
        return None
    pieces = tokenize(text)
    keep = min(len(pieces.ids), MAX_PIECES - 2)
    ids = [special("CLS")] + pieces.ids[:keep] + [special("SEP")]
    starts = [start] + [start + s for s in pieces.starts[:keep]] + [end]
    ends = [start] + [start + e for e in pieces.ends[:keep]] + [end]
    chosen: list[Mention] = []
    spans: list[tuple[int, int]] = []
    for mention in inside:
        covered = [i for i in range(1, keep + 1) if starts[i] < mention.end and ends[i] > mention.start]
        if covered and len(chosen) < MAX_MENTIONS:
            chosen.append(mention)
            spans.append((covered[0], covered[-1] + 1))
    pairs = [(a, r) for a, actor in enumerate(chosen) for r, recipient in enumerate(chosen)
             if a != r and actor.kind not in RECIPIENT_ONLY and not set(actor.codes) & set(recipient.codes)]
    if not pairs:
        return None
    heads = [_head(sdoc, m) for m in chosen]
    features = [pair_features(heads[a], heads[r]) for a, r in pairs]
    return Question(ids, starts, chosen, spans, pairs, features)


#: the syntactic roles a mention's head can have, and the prepositions that govern it:
#: what tells "A accused B" from "A accused C of helping B" once the words are known
DEPS = ("nsubj", "nsubjpass", "dobj", "pobj", "poss", "compound", "amod", "conj", "appos", "attr", "dative",
        "npadvmod", "ROOT")
PREPS = ("to", "with", "against", "on", "from", "by", "in", "for", "of")
PATHS = (1, 2, 3, 4, 6)
PAIR_FEATURES = 2 * (len(DEPS) + 1) + 2 * (len(PREPS) + 1) + len(PATHS) + 1 + 1
#: what the head reads beside the vectors: the order of the two, then the pair features
FEATURES = 1 + PAIR_FEATURES


def _head(sdoc: Doc, mention: Mention) -> Token | None:
    span = sdoc.char_span(mention.start, mention.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _one_hot(value: str | None, names: tuple[str, ...]) -> list[float]:
    row = [0.0] * (len(names) + 1)
    row[names.index(value) if value in names else len(names)] = 1.0
    return row


def _path_length(a: Token, b: Token) -> int:
    up = {tok.i: n for n, tok in enumerate([a, *a.ancestors])}
    for n, tok in enumerate([b, *b.ancestors]):
        if tok.i in up:
            return up[tok.i] + n
    return 99


def _preposition(token: Token) -> str | None:
    return token.head.lower_ if token.dep_ == "pobj" else None


def pair_features(actor: Token | None, recipient: Token | None) -> list[float]:
    if actor is None or recipient is None:
        return [0.0] * PAIR_FEATURES
    length = _path_length(actor, recipient)
    paths = [1.0 if length <= limit and (k == 0 or length > PATHS[k - 1]) else 0.0 for k, limit in enumerate(PATHS)]
    paths.append(1.0 if length > PATHS[-1] else 0.0)
    subject_of_governor = float(any(child.i == actor.i or actor.i in {t.i for t in child.subtree}
                                    for child in recipient.head.children if child.dep_ in ("nsubj", "nsubjpass")))
    return (_one_hot(actor.dep_, DEPS) + _one_hot(recipient.dep_, DEPS) + _one_hot(_preposition(actor), PREPS)
            + _one_hot(_preposition(recipient), PREPS) + paths + [subject_of_governor])


def pair_inputs(question: Question) -> list[list[float]]:
    """The head's inputs beside the vectors: the pair's order in the text and its parse features."""
    return [[1.0 if question.spans[a][0] < question.spans[r][0] else -1.0] + features
            for (a, r), features in zip(question.pairs, question.features, strict=True)]
