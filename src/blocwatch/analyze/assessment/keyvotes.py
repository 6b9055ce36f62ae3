"""Key votes: the roll calls of the window that separate X from Y or from Z most.

A roll call separates the triangle when Y and Z voted differently; it weighs more when they
voted opposite (yes against no), when it was an emergency special session or a vote the
US State Department marked important, when X voted with the Assembly's minority (a choice
that cost something), and when it is recent. Repeats of one resolution keep only the
latest roll call (same title), so the list shows different questions."""

from __future__ import annotations

import re
from typing import Any

import numpy as np

from blocwatch.analyze.assessment.votedata import VoteData

VOTE_WORDS = {1: "yes", 2: "abstain", 3: "no"}


def _title_key(title: str, unres: str) -> str:
    key = re.sub(r"[^a-z0-9]+", " ", title.lower()).strip()[:50]
    return key or unres


def key_votes(data: VoteData, columns: np.ndarray, x: int, y: int, z: int, names: dict[str, str],
              limit: int = 10) -> list[dict[str, Any]]:
    votes = data.votes[:, columns]
    vx, vy, vz = votes[x], votes[y], votes[z]
    voted = (vx > 0) & (vy > 0) & (vz > 0)
    split = voted & (vy != vz)
    if not split.any():
        return []
    # The Assembly's majority vote on each roll call (the most frequent of yes/abstain/no).
    counts = np.stack([(votes == k).sum(axis=0) for k in (1, 2, 3)])
    majority = counts.argmax(axis=0) + 1
    opposite = np.abs(vy.astype(int) - vz.astype(int)) == 2
    emergency = np.char.startswith(data.label[columns].astype(str), "ES-")
    important = data.important[columns] == 1
    minority = vx != majority
    order = np.argsort(data.rcid[columns])
    recency = np.empty(len(columns))
    recency[order] = np.linspace(0.0, 1.0, len(columns)) if len(columns) > 1 else 1.0
    score = 2.0 * opposite + 1.5 * (emergency | important) + 1.0 * minority + recency
    picked: list[dict[str, Any]] = []
    seen: set[str] = set()
    for j in np.argsort(-score[split], kind="stable"):
        col = int(np.flatnonzero(split)[j])
        c = int(columns[col])
        title, unres = str(data.title[c]), str(data.unres[c])
        key = _title_key(title, unres)
        if key in seen:
            continue
        seen.add(key)
        picked.append({
            "rcid": int(data.rcid[c]), "date": str(data.date[c]) or None, "session": int(data.session[c]),
            "unres": unres or None, "title": title or None,
            "x_vote": VOTE_WORDS[int(vx[col])], "y_vote": VOTE_WORDS[int(vy[col])],
            "versus_vote": VOTE_WORDS[int(vz[col])],
            "why": _why(int(vx[col]), int(vy[col]), int(vz[col]), names, bool(emergency[col]),
                        bool(important[col]), bool(minority[col]), counts[:, col]),
            "score": round(float(score[col]), 3),
        })
        if len(picked) >= limit:
            break
    return picked


def _why(vx: int, vy: int, vz: int, names: dict[str, str], emergency: bool, important: bool,
         minority: bool, counts: np.ndarray) -> str:
    x, y, z = names["x"], names["y"], names["z"]
    if vx == vy:
        side = f"{x} voted with {y}"
    elif vx == vz:
        side = f"{x} voted with {z}"
    else:
        side = f"{x} voted {VOTE_WORDS[vx]}, between them"
    parts = [f"{y} {VOTE_WORDS[vy]}, {z} {VOTE_WORDS[vz]}: {side}"]
    parts.append(f"tally {int(counts[0])}-{int(counts[2])}-{int(counts[1])} (yes-no-abstain)")
    if minority:
        parts.append(f"{x} with the minority")
    if emergency:
        parts.append("emergency special session")
    if important:
        parts.append("marked important by the US State Department")
    return "; ".join(parts)


def split_side(data: VoteData, columns: np.ndarray, x: int, y: int, z: int) -> dict[str, Any]:
    """On the roll calls where Y and Z voted differently: how often X's vote was closer to
    Y's, to Z's, or equally far (an abstention between a yes and a no)."""
    votes = data.votes[:, columns].astype(int)
    vx, vy, vz = votes[x], votes[y], votes[z]
    split = (vx > 0) & (vy > 0) & (vz > 0) & (vy != vz)
    dy, dz = np.abs(vx - vy)[split], np.abs(vx - vz)[split]
    return {"n": int(split.sum()), "with_y": int((dy < dz).sum()), "with_z": int((dz < dy).sum()),
            "between": int((dy == dz).sum())}
