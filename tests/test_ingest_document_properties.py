"""Properties of documents built from any text: paragraph offsets cover the text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from blocwatch.errors import EmptyDocumentError
from blocwatch.ingest import document_from_text

PIECES = st.sampled_from([
    "Russia", "and", "Pakistan", "agreed", "to", "build", "a", "pipe-", "line.", "VIadimir", "Khan'’s",
    "# Heading", "**bold**", "[link](http://x.org)", "- item", "1. item", "Photo: AP", "12",
    "MOSCOW, 10 July 2024 -", "\n", "\n\n", "\n\n\n\n", "\f", "“quoted”", "—", "é", "\t",
])


@settings(max_examples=200, deadline=None)
@given(st.lists(PIECES, max_size=60), st.sampled_from(["txt", "md", "pdf"]))
def test_document_paragraph_offsets(pieces: list[str], fmt: str) -> None:
    raw = " ".join(pieces)
    try:
        document = document_from_text(raw, format=fmt)
    except EmptyDocumentError as exc:
        # Only input whose every word is furniture (page numbers, captions, markup) is empty.
        assert str(exc).startswith("<text>: ")
        if "Photo: AP" not in pieces:  # a caption may swallow the words of its block
            assert "Russia" not in raw and "agreed" not in raw
        return
    text = document.text
    assert text and text == text.strip()
    previous_end = -2
    for start, end in document.paragraphs:
        assert 0 <= start < end <= len(text)
        assert start == previous_end + 2 and text[previous_end:start] in ("\n\n", "")
        assert "\n" not in text[start:end]
        previous_end = end
    assert previous_end == len(text)
    assert "\n\n\n" not in text


@pytest.mark.parametrize("fmt", ["txt", "md"])
def test_document_from_text_empty(fmt: str) -> None:
    with pytest.raises(EmptyDocumentError, match="^<text>: "):
        document_from_text("  \n\f ", format=fmt)
