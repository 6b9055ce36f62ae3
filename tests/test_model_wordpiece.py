"""The encoder's tokeniser: pieces from the vocabulary, offsets into the text as given."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from blocwatch.extract.model.wordpiece import special, tokenize, vocabulary


def test_wordpiece_vocabulary_is_the_encoders():
    vocab = vocabulary()
    assert len(vocab) == 30522
    assert special("PAD") == 0 and special("CLS") == 101 and special("SEP") == 102


def test_wordpiece_splits_words_into_known_pieces():
    pieces = tokenize("Ouagadougou summoned the envoy.")
    words = {i: w for w, i in vocabulary().items()}
    text = [words[i] for i in pieces.ids]
    assert text[-4:] == ["summoned", "the", "envoy", "."]
    assert len(text) > 5 and all(t.startswith("##") for t in text[1:-4])   # a rare name is cut
    assert "".join(t.removeprefix("##") for t in text[:-4]) == "ouagadougou"
    assert pieces.starts[1] > 0 and pieces.ends[len(text) - 5] == len("Ouagadougou")


def test_wordpiece_folds_case_and_accents_but_keeps_offsets():
    text = "Président Macron's visit"
    pieces = tokenize(text)
    words = {i: w for w, i in vocabulary().items()}
    assert words[pieces.ids[0]].startswith("pr")
    assert text[pieces.starts[0]:pieces.ends[-1]] == text
    assert words[pieces.ids[0]] == "president" and pieces.ends[0] == len("Président")
    assert text[pieces.starts[1]:].startswith("Macron")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_wordpiece_offsets_are_ordered_and_inside_the_text(text):
    pieces = tokenize(text)
    assert len(pieces.ids) == len(pieces.starts) == len(pieces.ends)
    for start, end in zip(pieces.starts, pieces.ends, strict=True):
        assert 0 <= start <= end <= len(text)
    assert pieces.starts == sorted(pieces.starts)
    assert all(not text[s].isspace() for s in pieces.starts if s < len(text))
