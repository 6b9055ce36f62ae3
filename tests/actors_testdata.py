"""Helpers for the per-mechanism actor tests: mentions of a short text, by text."""

from __future__ import annotations

from typing import Any

from blocwatch.extract.actors import find_mentions
from blocwatch.records import Document, Mention


def mentions(nlp: Any, text: str, date: str | None = "2021-06-15") -> list[Mention]:
    document = Document(path="<test>", text=text, pub_date=date)
    return find_mentions(nlp(text), document)


def codes_of(nlp: Any, text: str, date: str | None = "2021-06-15") -> dict[str, tuple[str, ...]]:
    """{mention text: codes}; a text found twice keeps its last codes."""
    return {m.text: m.codes for m in mentions(nlp, text, date)}


def all_codes_of(nlp: Any, text: str, words: str, date: str | None = "2021-06-15") -> list[tuple[str, ...]]:
    return [m.codes for m in mentions(nlp, text, date) if m.text == words]
