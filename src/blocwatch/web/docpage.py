"""The document page: a stored document's text with one evidence sentence marked.

The offsets are those of the events (CONTRACT section 1: character offsets in the document's
normalised text, which is what the store keeps), so the marked span is exactly the sentence
an event was read from. Out-of-range offsets mark nothing and say so."""

from __future__ import annotations

from html import escape
from typing import Any

from blocwatch.web.dyad import doc_label
from blocwatch.web.readpath import ReadOnlyStore

PAGE_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;max-width:820px;padding:0 1em 3em;
color:#1f2328;line-height:1.6}
.meta{color:#555;font-size:.9em}.text{white-space:pre-wrap;overflow-wrap:anywhere}
mark{background:#fde68a;padding:.1em 0;scroll-margin-top:40vh}a{color:#1d4ed8}
"""


def document_row(store: ReadOnlyStore, doc_id: int) -> dict[str, Any] | None:
    rows = store.db.query("SELECT id, path, title, pub_date, format, source, text, n_words FROM documents "
                          "WHERE id = ?", [doc_id])
    if not rows:
        return None
    names = ("id", "path", "title", "pub_date", "format", "source", "text", "n_words")
    return dict(zip(names, rows[0], strict=True))


def render_document(doc: dict[str, Any], start: int | None, end: int | None) -> str:
    text = str(doc.get("text") or "")
    label = doc_label(doc.get("path"), doc.get("title"))
    meta = [f"file {escape(doc_label(doc.get('path')))}"]
    if doc.get("pub_date"):
        meta.append(f"published {escape(str(doc['pub_date']))}")
    if doc.get("n_words"):
        meta.append(f"{int(doc['n_words']):,} words")
    note = ""
    if start is not None and end is not None and 0 <= start < end <= len(text):
        body = (escape(text[:start]) + f'<mark id="evidence">{escape(text[start:end])}</mark>'
                + escape(text[end:]))
        note = '<p class="meta">The evidence sentence is <a href="#evidence">marked</a>.</p>'
    else:
        body = escape(text)
        if start is not None or end is not None:
            note = (f'<p class="meta">Characters {escape(str(start))}–{escape(str(end))} are not in this '
                    f"document ({len(text):,} characters): nothing is marked.</p>")
    return ('<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">'
            f"<title>{escape(label)}</title><style>{PAGE_CSS}</style></head><body>"
            f'<p><a href="/">← dashboard</a></p><h1>{escape(label)}</h1>'
            f'<p class="meta">{" · ".join(meta)}</p>{note}<div class="text">{body}</div>'
            "</body></html>\n")
