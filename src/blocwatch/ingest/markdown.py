"""Light removal of Markdown markup: the words stay, the markup goes.

Headings lose their '#' and stand as their own paragraphs (``HARD_BREAK`` around them); emphasis, inline code and
strike-through lose their marks; links keep their text, images (and so their captions)
go; list items become paragraphs; a YAML front matter block is read for ``title`` and
``date`` and removed."""

from __future__ import annotations

import re
from dataclasses import dataclass

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.*?)[ \t]*#*[ \t]*$", re.MULTILINE)
_SETEXT = re.compile(r"^([^\n]+)\n[ \t]*(?:=+|-+)[ \t]*$", re.MULTILINE)
_FENCE = re.compile(r"^[ \t]*(?:```|~~~).*$", re.MULTILINE)
_RULE = re.compile(r"^[ \t]*([-*_])(?:[ \t]*\1){2,}[ \t]*$", re.MULTILINE)
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)|!\[[^\]]*\]\[[^\]]*\]")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)|\[([^\]]+)\]\[[^\]]*\]")
_REF_DEFINITION = re.compile(r"^[ \t]{0,3}\[[^\]]+\]:[ \t]*\S+.*$", re.MULTILINE)
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_HTML_TAG = re.compile(r"</?[A-Za-z][^>\n]*>")
_BOLD = re.compile(r"(?<!\w)(\*\*|__)(?=\S)(.+?)(?<=\S)\1(?!\w)")
_ITALIC_STAR = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_ITALIC_UNDERSCORE = re.compile(r"(?<![\w_])_(?=\S)([^_\n]+?)(?<=\S)_(?![\w_])")
_STRIKE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
_CODE = re.compile(r"`([^`\n]+)`")
_QUOTE_MARK = re.compile(r"^[ \t]*(?:>[ \t]?)+", re.MULTILINE)
_LIST_ITEM = re.compile(r"^[ \t]*(?:[-*+]|\d{1,3}[.)])[ \t]+", re.MULTILINE)
_TABLE_RULE = re.compile(r"^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$", re.MULTILINE)


#: Marks a paragraph boundary that text repair must not join across (headings, list
#: items); the document builder repairs the pieces between marks separately.
HARD_BREAK = "\x1e"


@dataclass(frozen=True)
class Markdown:
    text: str
    title: str | None
    date: str | None


def _front_matter(text: str) -> tuple[str, dict[str, str]]:
    match = _FRONT_MATTER.match(text)
    if not match:
        return text, {}
    fields = {}
    for line in match.group(1).splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip():
            fields[key.strip().lower()] = value.strip().strip("'\"")
    return text[match.end():], fields


def strip_markdown(text: str) -> Markdown:
    """Markdown source -> plain text with blank lines around headings and list items."""
    text, fields = _front_matter(text.replace("\r\n", "\n").replace("\r", "\n"))
    title: str | None = fields.get("title") or None
    headings: list[str] = []

    def heading(match: re.Match[str]) -> str:
        headings.append(match.group(1).strip())
        return f"\n{HARD_BREAK}{match.group(1).strip()}{HARD_BREAK}\n"

    text = _FENCE.sub("", text)
    text = _HEADING.sub(heading, text)
    text = _SETEXT.sub(heading, text)
    text = _RULE.sub("\n", text)
    text = _TABLE_RULE.sub("", text)
    text = _REF_DEFINITION.sub("", text)
    text = _IMAGE.sub("", text)
    text = _LINK.sub(lambda m: m.group(1) or m.group(2), text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _HTML_TAG.sub("", text)
    text = _QUOTE_MARK.sub("", text)
    text = _LIST_ITEM.sub(f"\n{HARD_BREAK}", text)
    for pattern in (_BOLD, _STRIKE):
        text = pattern.sub(lambda m: m.group(2), text)
    for pattern in (_ITALIC_STAR, _ITALIC_UNDERSCORE, _CODE):
        text = pattern.sub(r"\1", text)
    if title is None and headings:
        title = _clean_inline(headings[0])
    date = fields.get("date") or fields.get("published") or None
    return Markdown(text=text, title=title, date=date)


def _clean_inline(text: str) -> str:
    text = _LINK.sub(lambda m: m.group(1) or m.group(2), text)
    for pattern in (_BOLD, _STRIKE):
        text = pattern.sub(lambda m: m.group(2), text)
    for pattern in (_ITALIC_STAR, _ITALIC_UNDERSCORE, _CODE):
        text = pattern.sub(r"\1", text)
    return text.strip()
