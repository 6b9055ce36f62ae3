"""Parsing in pieces and the replacement attribute ruler (extract/parsing.py) change
neither the text nor the annotations the rules read."""

from __future__ import annotations

from pathlib import Path

import pytest

from blocwatch.extract.parsing import FastAttributeRuler, FastLemmatizer, parse_stream, split_text

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = (ROOT / "samples" / "ankara-moscow-2024.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def nlp():
    from blocwatch.extract.nlp import load_pipeline

    return load_pipeline()


def test_split_text_pieces_join_to_the_text():
    text = "\n\n".join([SAMPLE] * 12)
    pieces = split_text(text, limit=5_000, piece=2_000)
    assert len(pieces) > 5
    assert "".join(pieces) == text
    assert all(piece.endswith("\n") or piece is pieces[-1] for piece in pieces)
    assert split_text(SAMPLE, limit=len(SAMPLE)) == [SAMPLE]
    one_line = "Talks went on. " * 2_000
    assert "".join(split_text(one_line, limit=5_000, piece=2_000)) == one_line


def test_long_text_parsed_in_pieces_keeps_offsets(nlp, monkeypatch):
    from blocwatch.extract import parsing

    text = "\n\n".join([SAMPLE] * 3)
    whole = next(parse_stream(nlp, [text], threaded=False))
    monkeypatch.setattr(parsing, "CHUNK_CHARS", 2_000)
    monkeypatch.setattr(parsing, "PIECE_CHARS", 1_000)
    docs = list(parse_stream(nlp, [text, SAMPLE], threaded=True, batch_size=2))
    assert [doc.text for doc in docs] == [text, SAMPLE]
    pieced = docs[0]
    assert [(t.idx, t.text) for t in pieced] == [(t.idx, t.text) for t in whole]
    assert all(text[s.start_char:s.end_char] == s.text for s in pieced.sents)
    assert all(t.dep_ and t.lemma_ for t in pieced if not t.is_space)


def test_fast_attribute_ruler_matches_spacy(nlp):
    ruler = nlp.get_pipe("attribute_ruler")
    fast = FastAttributeRuler.wrap(ruler)
    assert fast is not None
    before = nlp.pipe_names[:nlp.pipe_names.index("attribute_ruler")]
    text = SAMPLE + "\n\nThere is a cat. There are dogs.  \n\n She'd have had, that which did.\t\tx"
    with nlp.select_pipes(enable=before):
        expected, got = nlp(text), nlp(text)
    ruler(expected)
    fast(got)
    attrs = ("tag_", "pos_", "dep_", "lemma_")
    assert [[getattr(t, a) for a in attrs] + [str(t.morph)] for t in got] == \
        [[getattr(t, a) for a in attrs] + [str(t.morph)] for t in expected]


def test_fast_lemmatizer_matches_spacy(nlp):
    lemmatizer = nlp.get_pipe("lemmatizer")
    fast = FastLemmatizer.wrap(lemmatizer)
    assert fast is not None
    before = nlp.pipe_names[:nlp.pipe_names.index("lemmatizer")]
    with nlp.select_pipes(enable=before):
        expected, got = nlp(SAMPLE), nlp(SAMPLE)
    lemmatizer(expected)
    fast(got)
    fast(got)   # a second pass changes nothing
    assert [t.lemma_ for t in got] == [t.lemma_ for t in expected]


def test_parsing_footnote_marker_after_a_full_stop_ends_the_sentence(nlp) -> None:
    text = ("Stockholm applied to join after Russia's invasion of Ukraine.1 President Erdogan "
            "accused Sweden of sheltering militants.2")
    doc = next(parse_stream(nlp, [text], threaded=False))
    assert doc.text == text
    assert "Ukraine" in [t.text for t in doc]
    # the number is a sentence of its own, so the sentence before still ends with its stop
    assert [s.text for s in doc.sents] == [
        "Stockholm applied to join after Russia's invasion of Ukraine.", "1",
        "President Erdogan accused Sweden of sheltering militants.", "2"]


@pytest.mark.parametrize(("text", "sentences"), [
    ('Moscow would "respond".12 Two days later it did.', ['Moscow would "respond".', "12", "Two days later it did."]),
    ("Turkey bought it from Russia,5 and sanctions followed in 2020.6 Then",
     ["Turkey bought it from Russia,5 and sanctions followed in 2020.", "6", "Then"]),
    ("The F16 and the G7 met in 2019. It froze 6.3 billion euros.",
     ["The F16 and the G7 met in 2019.", "It froze 6.3 billion euros."]),
])
def test_parsing_footnote_markers_after_quotes_commas_and_years(nlp, text: str, sentences: list[str]) -> None:
    doc = next(parse_stream(nlp, [text], threaded=False))
    assert doc.text == text
    assert [s.text for s in doc.sents] == sentences
