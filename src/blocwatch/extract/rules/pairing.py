"""Pairs of codes an event candidate asserts (actor code, recipient code), with the rules
that keep a party from acting on itself or on its own side."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import TYPE_CHECKING

from blocwatch.extract import gazetteer
from blocwatch.records import Mention

if TYPE_CHECKING:
    from blocwatch.extract.rules.events import Candidate


def codes_of(mentions: Iterable[Mention]) -> list[str]:
    out: list[str] = []
    for mention in mentions:
        for code in mention.codes:
            if code not in out:
                out.append(code)
    return out


@functools.cache
def _group_members() -> dict[str, frozenset[str]]:
    return {g.code: frozenset(g.members or ()) for g in gazetteer.load_groups()}


def _own_group(actor: str, recipient: str, mention: Mention) -> bool:
    """"Tokayev attended the China-Central Asia summit": the side of a pair that is a group
    the actor belongs to is the actor's own side."""
    return mention.kind == "pair" and actor in _group_members().get(recipient, ())


def pairs(cand: Candidate) -> list[tuple[str, Mention, str, Mention]]:
    """(actor code, actor mention, recipient code, recipient mention) for every pair the
    candidate asserts: compounds expand, a symmetric event with only a subject pairs its
    conjuncts once, and nobody acts on itself."""
    out: list[tuple[str, Mention, str, Mention]] = []
    seen: set[frozenset[str] | tuple[str, str]] = set()
    actor_codes = [(code, m) for m in cand.actors for code in m.codes]
    own = {code for code, _ in actor_codes}
    # "Brazil and Uruguay offered to mediate between the two neighbours": a plural
    # description that resolved to the actors themselves names someone else
    recipients = [m for m in cand.recipients if not (len(m.codes) > 1 and set(m.codes) <= own)]
    if cand.recipients and not recipients:
        return out
    if recipients:
        recipient_codes = [(code, m) for m in recipients for code in m.codes]
        for a_code, a_m in actor_codes:
            for r_code, r_m in recipient_codes:
                key: frozenset[str] | tuple[str, str] = (
                    frozenset((a_code, r_code)) if cand.symmetric else (a_code, r_code))
                if a_code != r_code and key not in seen and not _own_group(a_code, r_code, r_m):
                    seen.add(key)
                    out.append((a_code, a_m, r_code, r_m))
        return out
    if cand.symmetric:
        for i, (a_code, a_m) in enumerate(actor_codes):
            for r_code, r_m in actor_codes[i + 1:]:
                key = frozenset((a_code, r_code))
                if a_code != r_code and key not in seen:
                    seen.add(key)
                    out.append((a_code, a_m, r_code, r_m))
    return out
