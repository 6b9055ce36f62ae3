"""The sentence encoder and the pair head, in numpy: what `train.py` fits in torch, run here.

A six-layer BERT-style encoder (MiniLM, 384 wide) turns a sentence's word pieces into
vectors; the pair head reads a question of two mentions, "does the first act on the
second, and how?", off those vectors (see `pair_logits`). Weights are one `.npz` of
float16 arrays; arithmetic is float32.

    Weights.load(path) -> Weights
    encode(weights, batch_ids) -> hidden states [batch, length, 384]
    pair_logits(weights, states, cls, actor_spans, recipient_spans, order) -> logits, attention
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

HEADS = 12
EPS = 1e-12


@dataclass(frozen=True)
class Weights:
    arrays: dict[str, np.ndarray]
    layers: int

    @staticmethod
    def load(path: Path) -> Weights:
        with np.load(path) as data:
            arrays = {key: data[key].astype(np.float32) for key in data.files}
        layers = sum(1 for key in arrays if key.endswith(".qkv.w"))
        return Weights(arrays, layers)

    def __getitem__(self, key: str) -> np.ndarray:
        return self.arrays[key]


def _layer_norm(x: np.ndarray, gain: np.ndarray, bias: np.ndarray) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + EPS) * gain + bias


def gelu(x: np.ndarray) -> np.ndarray:
    """The tanh form of GELU: within 1e-3 of the exact (erf) form training used, at a
    fraction of its cost in numpy."""
    return 0.5 * x * (1.0 + np.tanh(0.7978845608 * (x + 0.044715 * x * x * x)))


def _softmax(x: np.ndarray, axis: int = -1) -> np.ndarray:
    x = x - x.max(axis=axis, keepdims=True)
    e = np.exp(x)
    return e / e.sum(axis=axis, keepdims=True)


def encode(w: Weights, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Final hidden states for padded piece ids [batch, length] (mask 1 for real pieces)."""
    batch, length = ids.shape
    x = w["emb.word"][ids] + w["emb.pos"][:length][None, :, :] + w["emb.type"][0][None, None, :]
    x = _layer_norm(x, w["emb.ln.g"], w["emb.ln.b"]).astype(np.float32)
    width = x.shape[-1]
    size = width // HEADS
    blocked = (1.0 - mask[:, None, None, :].astype(np.float32)) * -1e9
    x = x.reshape(batch * length, width)          # the linear layers as one matrix product each
    for n in range(w.layers):
        p = f"l{n}"
        qkv = (x @ w[f"{p}.qkv.w"] + w[f"{p}.qkv.b"]).reshape(batch, length, 3, HEADS, size).transpose(2, 0, 3, 1, 4)
        q, k, v = qkv[0], qkv[1], qkv[2]                                  # [b, h, t, s]
        scores = np.einsum("bhts,bhus->bhtu", q, k, optimize=True) / np.sqrt(size) + blocked
        attended = np.einsum("bhtu,bhus->bths", _softmax(scores), v, optimize=True).reshape(batch * length, width)
        x = _layer_norm(x + attended @ w[f"{p}.out.w"] + w[f"{p}.out.b"], w[f"{p}.ln1.g"], w[f"{p}.ln1.b"])
        inner = gelu(x @ w[f"{p}.ff1.w"] + w[f"{p}.ff1.b"])
        x = _layer_norm(x + inner @ w[f"{p}.ff2.w"] + w[f"{p}.ff2.b"], w[f"{p}.ln2.g"], w[f"{p}.ln2.b"])
    x = x.reshape(batch, length, width)
    return x


def pair_logits(w: Weights, states: np.ndarray, mask: np.ndarray, actor: np.ndarray, recipient: np.ndarray,
                extra: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Type logits and the attention over pieces for each (actor, recipient) question.

    ``states`` [t, w] is one sentence; ``actor``/``recipient`` [pairs, w] are the mean
    vectors of each mention's pieces; ``extra`` [pairs, k] says where the two stand in the
    sentence and its parse (order, questions.pair_features).
    The query built from the two mentions looks for the words that relate them (the
    trigger); the type is read from the sentence, the two mentions and those words."""
    query = np.tanh(np.concatenate([actor, recipient], axis=1) @ w["head.query.w"] + w["head.query.b"])
    scores = query @ states.T / np.sqrt(states.shape[1])                  # [pairs, t]
    scores = scores + (1.0 - mask[None, :]) * -1e9
    attention = _softmax(scores)
    context = attention @ states
    cls = np.broadcast_to(states[0], actor.shape)
    features = np.concatenate([cls, actor, recipient, context, extra], axis=1)
    hidden = gelu(features @ w["head.hidden.w"] + w["head.hidden.b"])
    return hidden @ w["head.out.w"] + w["head.out.b"], attention
