"""Descriptions built from a number and a state noun, and posts named again without their
state; both are resolved by blocwatch.extract.actors.coref.

* "the three Gulf states", "the three military-led nations", "the two nuclear-armed
  neighbours": "the", "two" or "three", up to four modifying words, a plural state noun -
  read as "the two countries" / "the three countries". Nationality or group words inside
  ("Gulf states") belong to the description, not to a mention of their own.
* "the spokesperson", "the official", "the embassy" with no state of its own: the mention
  of the same post (same head word) in the last six sentences, when every such mention
  there agrees on the codes.
* "the North", "the South" (the Koreas) and "the former", "the latter" (of two states)."""

from __future__ import annotations

import bisect
from typing import Any

from blocwatch.extract.actors.spans import Draft, SpacyDoc

NUMBERS = {"two": "states", "three": "three"}
STATE_NOUNS = frozenset({"countries", "states", "nations", "governments", "neighbours", "neighbors"})
#: kinds of mentions a numbered description may swallow ("the three Gulf states")
SWALLOWED_KINDS = frozenset({"adjective", "group"})
MODIFIER_POS = frozenset({"ADJ", "ADV", "NOUN", "PROPN", "VERB", "PUNCT"})
#: how many sentences back "the spokesperson" may find the spokesperson named before
SAME_POST_SENTENCES = 6
LOOK_BACK_PARAGRAPHS = 3


def numbered_target(words: tuple[str, ...]) -> str:
    """The coref target of a numbered description ("states", "three"), or ""."""
    if len(words) >= 4 and words[0] == "the" and words[1] in NUMBERS and words[-1] in STATE_NOUNS:
        return NUMBERS[words[1]]
    return ""


def numbered_at(sdoc: SpacyDoc, i: int, drafts: list[Draft], owner: list[int]) -> tuple[int, set[int]]:
    """(size, numbers of the drafts it swallows) of a numbered description at token i, or (0, set())."""
    n = len(sdoc)
    if i + 3 >= n or sdoc[i].lower_ != "the" or sdoc[i + 1].lower_ not in NUMBERS \
            or owner[i] != -1 or owner[i + 1] != -1:
        return 0, set()
    for end in range(i + 4, min(i + 7, n) + 1):
        if sdoc[end - 1].lower_ not in STATE_NOUNS:
            continue
        middle = range(i + 2, end - 1)
        if any(sdoc[j].pos_ not in MODIFIER_POS or (sdoc[j].pos_ == "PUNCT" and sdoc[j].text not in "-‑")
               for j in middle):
            return 0, set()
        inside = {owner[j] for j in range(i + 2, end) if owner[j] != -1}
        if any(drafts[k].kind not in SWALLOWED_KINDS or drafts[k].start < i + 2 or drafts[k].end > end
               for k in inside):
            return 0, set()
        return end - i, inside
    return 0, set()


def same_post_before(context: Any, draft: Draft) -> tuple[str, ...]:
    """A definite post without a state ("the spokesperson", "the official", "the embassy")
    is the one of that post named shortly before: its codes when every such mention in the
    last sentences and paragraphs agrees, else none. ``context`` is coref's working state."""
    sdoc = context.sdoc
    head = sdoc[draft.end - 1].lemma_.lower()
    paragraph = context.paragraphs[draft.start]
    sentence = context.sentences[draft.start]
    found: set[tuple[str, ...]] = set()
    for number in range(bisect.bisect_left(context.starts, draft.start) - 1, -1, -1):
        earlier = context.drafts[number]
        if context.paragraphs[earlier.start] < paragraph - LOOK_BACK_PARAGRAPHS \
                or context.sentences[earlier.start] < sentence - SAME_POST_SENTENCES:
            break
        if earlier.kind not in {"role", "person"} or not earlier.codes:
            continue
        if any(sdoc[k].lemma_.lower() == head for k in range(earlier.start, earlier.end)):
            found.add(earlier.codes)
    return found.pop() if len(found) == 1 else ()


KOREAS = {"north": "PRK", "south": "KOR"}


def korean_half(context: Any, draft: Draft, target: str) -> Draft | None:
    """"the North", "the South": the two Koreas, in a text that has named either before."""
    if not context.sdoc[draft.end - 1].text.istitle():
        return None
    if any(code in ("PRK", "KOR") for d in context.drafts if d.start < draft.start for code in d.codes):
        return Draft(draft.start, draft.end, (KOREAS[target],), "description")
    return None


def former_latter(context: Any, draft: Draft, target: str) -> Draft | None:
    """"the former", "the latter": of the last two states named before in the paragraph (a
    pair counts as both), the first or the second in text order."""
    named: list[tuple[int, str]] = []
    for candidate in context.before(draft.start, context.paragraphs[draft.start]):
        for offset, code in enumerate(reversed(candidate.codes)):
            if context.is_state(code) and code not in {c for _, c in named}:
                named.append((candidate.start * 10 - offset, code))
        if len(named) >= 2:
            break
    if len(named) < 2:
        return None
    first, second = sorted(named[:2])
    return Draft(draft.start, draft.end, (first[1] if target == "former" else second[1],), "description")
