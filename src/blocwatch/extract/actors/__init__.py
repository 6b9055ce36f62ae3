"""Step 1 of extraction: the actor mentions of a parsed document.

    mentions.py     find_mentions, actors_for_span, describe: the entry point and name matching
    lexicon.py      the term lexicon built from the data tables (names, posts, office-holders)
    spans.py        the draft mention and token tests every pass below shares
    roles.py        role phrases ("Pakistan's foreign minister")
    compounds.py    pairs, places and coordinated actors
    introduced.py   people introduced by a post and later named by surname
    quotes.py       first-person words inside quotations
    coref.py        pronouns and descriptions pointing back
    descriptions.py numbered descriptions and posts named again

The entry names are imported lazily so that importing one submodule (lexicon, spans) does
not load the others."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from blocwatch.extract.actors.mentions import ACTOR_KINDS, actors_for_span, describe, find_mentions

__all__ = ["ACTOR_KINDS", "actors_for_span", "describe", "find_mentions"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from blocwatch.extract.actors import mentions

        return getattr(mentions, name)
    raise AttributeError(f"module 'blocwatch.extract.actors' has no attribute {name!r}")
