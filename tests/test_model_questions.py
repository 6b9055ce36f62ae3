"""What the pair model is asked about a sentence."""

from __future__ import annotations

from blocwatch.extract.actors import find_mentions
from blocwatch.extract.model.examples import _find, split
from blocwatch.extract.model.questions import FEATURES, MAX_PIECES, pair_inputs, sentence_question
from blocwatch.extract.nlp import load_pipeline
from blocwatch.ingest import document_from_text


def _question(text: str):
    document = document_from_text(text, "<t>", "2024-05-06")
    sdoc = load_pipeline()(document.text)
    return sentence_question(document.text, 0, find_mentions(sdoc, document), sdoc)


def test_questions_ask_every_ordered_pair_of_different_parties():
    q = _question("Chile and Peru signed a fisheries pact with Ecuador on Monday.")
    assert q is not None
    codes = [m.codes for m in q.mentions]
    asked = {(codes[a], codes[r]) for a, r in q.pairs}
    assert all(not set(x) & set(y) for x, y in asked)
    assert len(q.pairs) == len(q.mentions) * (len(q.mentions) - 1) or any(len(c) > 1 for c in codes)
    assert all(len(row) == FEATURES for row in pair_inputs(q))
    for first, last in q.spans:   # each mention's pieces lie inside it
        assert 0 < first < last < len(q.ids)


def test_questions_none_without_two_parties():
    assert _question("Chile held elections on Sunday.") is None
    assert _question("The weather was fine in the capital.") is None


def test_questions_cut_long_sentences_to_the_encoders_length():
    text = "Chile protested to Peru about " + "the very long list of grievances and " * 60 + "more."
    q = _question(text)
    assert q is not None and len(q.ids) <= MAX_PIECES


def test_questions_dev_split_keeps_documents_whole():
    from blocwatch.extract.model.examples import Example

    q = _question("Chile protested to Peru about fishing.")
    items = [Example(f"doc{i % 7}", q) for i in range(70)]
    train, dev = split(items)
    assert train and dev and not {e.group for e in train} & {e.group for e in dev}


def test_questions_evidence_found_across_line_breaks():
    text = "Chile protested\n to Peru on Monday."
    assert _find(text, "Chile protested to Peru") == (0, len("Chile protested\n to Peru"))
    assert _find(text, "absent words") is None
