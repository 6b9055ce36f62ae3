"""Properties of actor mentions on arbitrary sentences built from the lexicon's own
names: offsets in range, text equal to the slice, sorted, never overlapping, never empty."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from blocwatch.extract.actors import ACTOR_KINDS, find_mentions
from blocwatch.extract.actors.lexicon import default_lexicon
from blocwatch.extract.nlp import load_pipeline
from blocwatch.records import Document

FILLERS = ["said", "and", "the", "in", "visited", "met", "urged", "his", "her", "its", "their", "he",
           "they", "both countries", "the two sides", "the country", "foreign minister", "President",
           "Prime Minister", "'s", ",", ".", "-", "-based", "envoy", "of", "to", "from", "and other",
           "\n\n", "Interior Minister", "counterpart", "companies", "military forces"]


def _names() -> list[str]:
    lexicon = default_lexicon()
    names = sorted({" ".join(pattern) for patterns in lexicon.names.values() for pattern, _ in patterns})
    return names or ["Pakistan"]


NAMES = _names()
PIECES = st.one_of(st.sampled_from(NAMES), st.sampled_from(FILLERS))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pieces=st.lists(PIECES, min_size=1, max_size=14), glue=st.lists(st.sampled_from([" ", "", "-"]),
                                                                        min_size=14, max_size=14))
def test_actors_mentions_are_well_formed(pieces: list[str], glue: list[str]) -> None:
    text = "".join(piece + glue[i] for i, piece in enumerate(pieces)).strip() or "x"
    nlp: Any = load_pipeline()
    found = find_mentions(nlp(text), Document(path="<h>", text=text, pub_date="2020-01-01"))
    previous_end = 0
    for mention in found:
        assert 0 <= mention.start < mention.end <= len(text)
        assert text[mention.start:mention.end] == mention.text
        assert mention.start >= previous_end
        assert mention.codes and all(mention.codes)
        assert mention.kind in ACTOR_KINDS or mention.kind == "place"
        previous_end = mention.end
