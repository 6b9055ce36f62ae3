"""Property: every event's evidence is exactly the document text at its offsets."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from blocwatch.extract import extract_document
from blocwatch.ingest import document_from_text

SENTENCES = [
    "Russian Foreign Minister Sergey Lavrov visited Pakistan in April 2021.",
    "Two days later, the United States imposed sanctions on Russian banks.",
    "PM Khan did not condemn Russia's invasion of Ukraine.",
    "India and China held talks on Monday.",
    "Is Pakistan moving towards Russia?",
    "Germany accused Russia of spying, and Poland expelled five Russian diplomats.",
    "The weather was fine.",
    "In 2014, Russia lifted its arms embargo on Pakistan and started to sell weapons to the country.",
]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=3), min_size=1, max_size=4),
       st.sampled_from(["\n\n", "\n\n\n", "\n  \n"]))
def test_extract_offsets_evidence_is_document_text(paragraphs: list[list[str]], gap: str) -> None:
    text = gap.join(" ".join(p) for p in paragraphs)
    document = document_from_text(text, "<prop>", "2022-03-08")
    for event in extract_document(document):
        assert 0 <= event.start < event.end <= len(document.text)
        assert event.text == document.text[event.start:event.end]
        assert all(document.text[s:e] == t for s, e, t in event.evidence)
        assert event.actor != event.recipient
