"""The assessment as a report a person reads: Markdown, or one self-contained HTML file.

Both are pure functions of ``Assessment.to_dict()`` (the shape is in the assess interface:
verdict, measures, series, key votes, events, evidence). They are total: any field may be
missing or null (an "insufficient data" verdict, no events, no ideal points) and the report
then says so instead of failing. The HTML needs no network and no script: inline CSS, inline
SVG charts, values on hover through SVG ``<title>``; every text from the data is escaped."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any

from blocwatch.present.svg import QUAD_COLOURS, QUAD_NAMES, Line, event_bars, line_chart, number

#: Order and wording of the measures table; {x} {y} {z} become the country names.
MEASURES = (
    ("agreement_xy", "vote agreement {x}–{y}"),
    ("agreement_xz", "vote agreement {x}–{z}"),
    ("relative_agreement_xy", "agreement {x}–{y} relative to the Assembly's with {y}"),
    ("relative_agreement_xz", "agreement {x}–{z} relative to the Assembly's with {z}"),
    ("idealpoint_distance_xy", "ideal-point distance {x}–{y}"),
    ("idealpoint_distance_xz", "ideal-point distance {x}–{z}"),
    ("idealpoint_x", "ideal point of {x}"),
    ("idealpoint_y", "ideal point of {y}"),
    ("idealpoint_z", "ideal point of {z}"),
    ("events_xy", "Goldstein sum of events {x}–{y}"),
    ("events_xz", "Goldstein sum of events {x}–{z}"),
)
COLOURS = {"x": "#333333", "y": "#c2410c", "z": "#1d4ed8"}
MOVER = {"x": "{x} moved", "y": "{y} moved", "both": "both moved"}


def _names(d: dict[str, Any]) -> dict[str, str]:
    names = _dict(d.get("names"))
    out = {}
    for key, code_key in (("x", "x"), ("y", "y"), ("z", "versus")):
        code = d.get(code_key)
        out[key] = str(names.get("versus" if key == "z" else key) or code or key.upper())
    return out


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _fmt(value: Any, digits: int = 2, signed: bool = False) -> str:
    num = number(value)
    if num is None:
        return "–"
    return f"{num:+.{digits}f}" if signed else f"{num:.{digits}f}"


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _title(d: dict[str, Any], names: dict[str, str]) -> str:
    return f"Is {names['x']} realigning toward {names['y']}?"


def _subtitle(d: dict[str, Any], names: dict[str, str]) -> str:
    parts = []
    if d.get("from") is not None or d.get("to") is not None:
        parts.append(f"{_text(d.get('from')) or '…'}–{_text(d.get('to')) or '…'}")
    if d.get("versus"):
        parts.append(f"against {names['z']} as the other pole")
    return ", ".join(parts)


def _verdict_line(d: dict[str, Any], names: dict[str, str]) -> str:
    verdict = _text(d.get("verdict")) or "no verdict"
    parts = [f"{names['x']}: {verdict} {names['y']}" if verdict in ("toward", "away")
             else f"Verdict: {verdict}"]
    confidence = number(d.get("confidence"))
    if confidence is not None:
        parts.append(f"confidence {confidence:.2f}")
    if d.get("change_year") is not None:
        parts.append(f"change around {d['change_year']}")
    mover = MOVER.get(_text(d.get("mover")))
    if mover:
        parts.append(mover.format(**names))
    return "; ".join(parts)


def _measure_rows(d: dict[str, Any], names: dict[str, str]) -> list[dict[str, Any]]:
    measures = _dict(d.get("measures"))
    rows, seen = [], set()
    for key, label in MEASURES:
        if isinstance(measures.get(key), dict):
            rows.append({"key": key, "label": label.format(**names), **measures[key]})
            seen.add(key)
    for key, value in measures.items():  # measures added later by the assessment: shown, not dropped
        if key not in seen and isinstance(value, dict):
            rows.append({"key": key, "label": str(value.get("description") or key), **value})
    return rows


def _interval(row: dict[str, Any]) -> str:
    lo, hi = number(row.get("lo")), number(row.get("hi"))
    return f"{lo:.2f} to {hi:.2f}" if lo is not None and hi is not None else "–"


def _doc_label(doc: dict[str, Any]) -> str:
    """A document by its title or file name, never a long absolute path."""
    title = _text(doc.get("title")).strip()
    if title:
        return title
    path = _text(doc.get("doc")).replace("\\", "/").rstrip("/")
    return path.rsplit("/", 1)[-1] or "document"


def _sources(ev: dict[str, Any]) -> list[dict[str, Any]]:
    docs = [doc for doc in _list(ev.get("documents")) if isinstance(doc, dict)]
    if not docs and ev.get("doc"):
        docs = [{"doc": ev.get("doc"), "start": ev.get("start"), "end": ev.get("end")}]
    return docs


def _event_head(ev: dict[str, Any]) -> str:
    flags = []
    if ev.get("negated"):
        flags.append("negated")
    if ev.get("modality") and ev.get("modality") != "asserted":
        flags.append(str(ev["modality"]))
    head = f"{_text(ev.get('date')) or 'undated'} · {_text(ev.get('actor'))} → {_text(ev.get('recipient'))} · " \
           f"{_text(ev.get('event'))}"
    if ev.get("cameo"):
        head += f" (CAMEO {ev['cameo']}"
        head += f", Goldstein {_fmt(ev.get('goldstein'), 1, signed=True)})" if number(ev.get("goldstein")) is not None \
            else ")"
    if flags:
        head += f" [{', '.join(flags)}]"
    return head


# --- Markdown -----------------------------------------------------------------------------------

_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>#|"})


def _md(value: Any) -> str:
    """Text safe inside Markdown (and inside a table cell): specials escaped, one line."""
    return " ".join(_text(value).split()).translate(_MD_SPECIAL)


def _md_table(head: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    out = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    out += ["| " + " | ".join(row) + " |" for row in rows]
    return out


def render_markdown(assessment: dict[str, Any]) -> str:
    d = _dict(assessment)
    names = _names(d)
    out = [f"# {_md(_title(d, names))}", ""]
    if _subtitle(d, names):
        out += [_md(_subtitle(d, names)), ""]
    out += [f"**{_md(_verdict_line(d, names))}**", ""]
    if d.get("summary"):
        out += [_md(d["summary"]), ""]
    rows = _measure_rows(d, names)
    if rows:
        out += ["## Measures", ""]
        out += _md_table(
            ("measure", "start", "end", "change", "95% interval of the change", "n (start, end)"),
            [(_md(r["label"]), _fmt(r.get("start")), _fmt(r.get("end")), _fmt(r.get("change"), signed=True),
              _interval(r), f"{_text(r.get('n_start')) or '–'}, {_text(r.get('n_end')) or '–'}") for r in rows])
        out.append("")
    agreement = [r for r in _list(_dict(d.get("series")).get("agreement")) if isinstance(r, dict)]
    if agreement:
        out += ["## Vote agreement by year", ""]
        out += _md_table(
            ("year", "session", f"{_md(names['x'])}–{_md(names['y'])}", "interval",
             f"{_md(names['x'])}–{_md(names['z'])}", "interval", "votes"),
            [(_text(r.get("year")), _text(r.get("session")), _fmt(r.get("xy")),
              f"{_fmt(r.get('xy_lo'))}–{_fmt(r.get('xy_hi'))}", _fmt(r.get("xz")),
              f"{_fmt(r.get('xz_lo'))}–{_fmt(r.get('xz_hi'))}", _text(r.get("n_xy")) or "–") for r in agreement])
        out.append("")
    votes = [v for v in _list(d.get("key_votes")) if isinstance(v, dict)]
    out += ["## Key votes", ""]
    if votes:
        out += _md_table(
            ("date", "resolution", "title", _md(names["x"]), _md(names["y"]), _md(names["z"]), "why"),
            [(_md(v.get("date")), _md(v.get("unres")), _md(v.get("title")), _md(v.get("x_vote")),
              _md(v.get("y_vote")), _md(v.get("versus_vote")), _md(v.get("why"))) for v in votes])
    else:
        out.append("No roll call in the period separates them.")
    out += ["", "## Events", ""]
    verdict = _dict(d.get("events_verdict"))
    if verdict.get("text"):
        out.append(_md(verdict["text"]))
    if verdict.get("caveat"):
        out.append(f"*Caveat: {_md(verdict['caveat'])}*")
    events = [e for e in _list(_dict(d.get("series")).get("events")) if isinstance(e, dict)]
    if events:
        out += [""] + _md_table(
            ("year", "pair", *(QUAD_NAMES[q] for q in (1, 2, 3, 4)), "Goldstein sum", "events", "documents"),
            [(_text(e.get("year")), _md(_pair_label(e.get("pair"), names)),
              *(_text(e.get(f"quad{q}")) or "0" for q in (1, 2, 3, 4)), _fmt(e.get("goldstein"), 1, signed=True),
              _text(e.get("n_events")) or "–", _text(e.get("n_documents")) or "–") for e in events])
    elif not verdict.get("text"):
        out.append("No stored events between these countries in the period.")
    for heading, key in (("Evidence", "evidence"), ("Undated evidence", "undated_evidence")):
        items = [e for e in _list(d.get(key)) if isinstance(e, dict)]
        if not items and key == "undated_evidence":
            continue
        out += ["", f"## {heading}", ""]
        if not items:
            out.append("No stored event bears on the verdict.")
        for i, ev in enumerate(items, 1):
            out.append(f"{i}. {_md(_event_head(ev))}: “{_md(ev.get('text'))}”")
            sources = ", ".join(_md(_doc_label(doc)) for doc in _sources(ev))
            extra = f"{_md(ev.get('why'))}; " if ev.get("why") else ""
            out.append(f"   {extra}sources: {sources or 'none recorded'}"
                       + (f" ({ev['mentions']} reports)" if (number(ev.get("mentions")) or 1) > 1 else ""))
    out += ["", "## Method", ""]
    out.append(_md(d.get("method")) or "Not stated.")
    notes = [n for n in _list(d.get("notes")) if n]
    if notes:
        out += ["", "Notes:", ""] + [f"- {_md(n)}" for n in notes]
    source = _dict(d.get("data_source"))
    if source:
        out += ["", "Data: " + "; ".join(f"{_md(k)}: {_md(v)}" for k, v in source.items())]
    return "\n".join(out).rstrip() + "\n"


def _pair_label(pair: Any, names: dict[str, str]) -> str:
    return {"xy": f"{names['x']}–{names['y']}", "xz": f"{names['x']}–{names['z']}"}.get(_text(pair), _text(pair))


# --- HTML ---------------------------------------------------------------------------------------

CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;max-width:980px;padding:0 1em 2em;
color:#1f2328;line-height:1.45}
h1{font-size:1.5em;margin:.8em 0 .2em}h2{font-size:1.15em;margin-top:1.6em;border-bottom:1px solid #ddd}
.verdict{font-size:1.25em;font-weight:600;padding:.5em .7em;border-radius:4px;background:#f1f5f9}
.verdict.toward{background:#fff1e6}.verdict.away{background:#e8f0fe}
.summary{font-size:1.02em}
table{border-collapse:collapse;width:100%;font-size:.9em;margin:.4em 0}
td,th{border-bottom:1px solid #e5e7eb;padding:.3em .4em;text-align:left;vertical-align:top}
th{background:#f6f8fa}td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.scroll{overflow-x:auto}
svg.chart{width:100%;height:auto;max-width:760px;background:#fcfcfc;border:1px solid #e5e7eb}
svg .grid{stroke:#e8e8e8}svg .axis-line{stroke:#888}svg text{font-size:11px;fill:#444}
svg .axis{font-size:12px;fill:#222}svg .source-break line{stroke:#666;stroke-dasharray:5 4}
svg .empty{font-size:14px}svg .point:hover{r:6}
.legend-html span{margin-right:1em;white-space:nowrap}.swatch{display:inline-block;width:.8em;height:.8em;
margin-right:.3em;vertical-align:-.05em}
.evidence li{margin-bottom:.8em}.sentence{display:block;margin:.2em 0;font-style:italic}
.meta,.note{color:#555;font-size:.9em}.flag{color:#a00;font-weight:600}.subtitle{margin:0 0 .6em;color:#444}
.chart-wrap{overflow-x:auto}
@media (max-width:560px){svg.chart{min-width:540px}svg text{font-size:13px}
table.stack thead{display:none}table.stack tr{display:block;border-bottom:1px solid #d0d7de;padding:.35em 0}
table.stack td{display:flex;gap:.6em;border:0;padding:.1em .2em;text-align:left;white-space:normal}
table.stack td::before{content:attr(data-label);flex:0 0 6.5em;font-weight:600;color:#555}}
"""


def _h(value: Any) -> str:
    return escape(_text(value))


def _html_table(head: Sequence[str], rows: Sequence[Sequence[tuple[str, str]]], css: str = "") -> str:
    """``rows``: cells as (escaped html, css class)."""
    out = [f'<div class="scroll"><table class="stack {css}"><thead><tr>']
    out += [f"<th>{escape(h)}</th>" for h in head]
    out.append("</tr></thead><tbody>")
    labels = [escape(h, quote=True) for h in head]  # shown beside each cell on a narrow screen
    for row in rows:
        out.append("<tr>" + "".join(f'<td class="{c}" data-label="{label}">{v}</td>'
                                    for (v, c), label in zip(row, labels, strict=False)) + "</tr>")
    out.append("</tbody></table></div>")
    return "".join(out)


def agreement_chart(d: dict[str, Any]) -> str:
    names = _names(d)
    rows = [r for r in _list(_dict(d.get("series")).get("agreement")) if isinstance(r, dict)]
    return line_chart(rows, [
        Line("xy", f"{names['x']}–{names['y']}", COLOURS["y"], "xy_lo", "xy_hi", "n_xy"),
        Line("xz", f"{names['x']}–{names['z']}", COLOURS["z"], "xz_lo", "xz_hi", "n_xz"),
    ], title=f"UN vote agreement of {names['x']} with {names['y']} and with {names['z']}, with 95% bands",
        y_label="vote agreement (0 = always opposite, 1 = always the same)", y_range=(0.0, 1.0),
        css_class="agreement")


def idealpoint_chart(d: dict[str, Any]) -> str:
    names = _names(d)
    rows = [r for r in _list(_dict(d.get("series")).get("idealpoints")) if isinstance(r, dict)]
    return line_chart(rows, [Line(k, names[k], COLOURS[k], f"{k}_lo", f"{k}_hi") for k in ("x", "y", "z")],
                      title=f"UN ideal points of {names['x']}, {names['y']} and {names['z']}, with 95% bands",
                      y_label="ideal point (higher = closer to the US-led position)", css_class="idealpoints")


def events_chart(d: dict[str, Any]) -> str:
    names = _names(d)
    rows = [r for r in _list(_dict(d.get("series")).get("events")) if isinstance(r, dict)]
    return event_bars(rows, [("xy", _pair_label("xy", names)), ("xz", _pair_label("xz", names))],
                      title=f"Events per year between {names['x']} and {names['y']}, and {names['x']} and "
                            f"{names['z']}, by quad class")


def _wrap(svg: str) -> str:
    return f'<div class="chart-wrap">{svg}</div>'


def quad_legend() -> str:
    return '<p class="legend-html note">' + "".join(
        f'<span><i class="swatch" style="background:{QUAD_COLOURS[q]}"></i>{QUAD_NAMES[q]}</span>'
        for q in (1, 2, 3, 4)) + "</p>"


def _evidence_html(items: list[dict[str, Any]], doc_href: Any = None) -> str:
    if not items:
        return '<p class="note">No stored event bears on the verdict.</p>'
    out = ['<ol class="evidence">']
    for ev in items:
        flag = ' <span class="flag">negated</span>' if ev.get("negated") else ""
        sources = []
        for doc in _sources(ev):
            label = _h(_doc_label(doc))
            href = doc_href(doc) if doc_href else None
            sources.append(f'<a href="{escape(href)}">{label}</a>' if href else label)
        why = f"{_h(ev.get('why'))} · " if ev.get("why") else ""
        mentions = int(number(ev.get("mentions")) or 1)
        out.append(f"<li><b>{_h(_event_head(ev))}</b>{flag}"
                   f'<span class="sentence">“{_h(ev.get("text"))}”</span>'
                   f'<span class="meta">{why}sources: {", ".join(sources) or "none recorded"}'
                   f'{f" ({mentions} reports)" if mentions > 1 else ""}</span></li>')
    out.append("</ol>")
    return "".join(out)


def render_html(assessment: dict[str, Any], doc_href: Any = None) -> str:
    """The report as one HTML file. ``doc_href(document) -> str | None`` links the evidence
    to its documents (the dashboard's document page); without it sources are plain text."""
    d = _dict(assessment)
    return ('<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(_title(d, _names(d)))}</title><style>{CSS}</style></head><body>"
            + render_html_body(d, doc_href) + "</body></html>\n")


def render_html_body(assessment: dict[str, Any], doc_href: Any = None) -> str:
    """The report's content without the page around it (the dashboard shows it in its own page)."""
    d = _dict(assessment)
    names = _names(d)
    title = _title(d, names)
    verdict = _text(d.get("verdict")).replace(" ", "-")
    body = [f"<h1>{escape(title)}</h1>"]
    if _subtitle(d, names):
        body.append(f'<p class="subtitle">{escape(_subtitle(d, names))}</p>')
    body += [
            f'<p class="verdict {escape(verdict)}">{escape(_verdict_line(d, names))}</p>']
    if d.get("summary"):
        body.append(f'<p class="summary">{_h(d["summary"])}</p>')
    rows = _measure_rows(d, names)
    if rows:
        body.append("<h2>Measures</h2>")
        body.append(_html_table(
            ("measure", "start", "end", "change", "95% interval of the change", "n (start, end)"),
            [[(_h(r["label"]), ""), (_fmt(r.get("start")), "num"), (_fmt(r.get("end")), "num"),
              (_fmt(r.get("change"), signed=True), "num"), (escape(_interval(r)), "num"),
              (f"{_h(r.get('n_start')) or '–'}, {_h(r.get('n_end')) or '–'}", "num")] for r in rows],
            "measures"))
    body += ["<h2>Vote agreement over time</h2>", _wrap(agreement_chart(d)),
             "<h2>Ideal points over time</h2>", _wrap(idealpoint_chart(d))]
    body.append("<h2>Key votes</h2>")
    votes = [v for v in _list(d.get("key_votes")) if isinstance(v, dict)]
    if votes:
        body.append(_html_table(
            ("date", "resolution", "title", names["x"], names["y"], names["z"], "why"),
            [[(_h(v.get("date")), "num"), (_h(v.get("unres")), ""), (_h(v.get("title")), ""),
              (_h(v.get("x_vote")), ""), (_h(v.get("y_vote")), ""), (_h(v.get("versus_vote")), ""),
              (_h(v.get("why")), "")] for v in votes], "key-votes"))
    else:
        body.append('<p class="note">No roll call in the period separates them.</p>')
    body.append("<h2>Events</h2>")
    verdict_events = _dict(d.get("events_verdict"))
    if verdict_events.get("text"):
        body.append(f"<p>{_h(verdict_events['text'])}</p>")
    if verdict_events.get("caveat"):
        body.append(f'<p class="note">Caveat: {_h(verdict_events["caveat"])}</p>')
    body += [_wrap(events_chart(d)), quad_legend()]
    body.append("<h2>Evidence</h2>")
    body.append(_evidence_html([e for e in _list(d.get("evidence")) if isinstance(e, dict)], doc_href))
    undated = [e for e in _list(d.get("undated_evidence")) if isinstance(e, dict)]
    if undated:
        body += ["<h2>Undated evidence</h2>", '<p class="note">Events whose date the text does not give: '
                 'listed, not counted in the yearly figures.</p>', _evidence_html(undated, doc_href)]
    body.append("<h2>Method</h2>")
    body.append(f"<p>{_h(d.get('method')) or 'Not stated.'}</p>")
    notes = [n for n in _list(d.get("notes")) if n]
    if notes:
        body.append("<ul>" + "".join(f"<li>{_h(n)}</li>" for n in notes) + "</ul>")
    source = _dict(d.get("data_source"))
    if source:
        body.append('<p class="note">Data: ' + "; ".join(f"{_h(k)}: {_h(v)}" for k, v in source.items()) + "</p>")
    return "\n".join(body)
