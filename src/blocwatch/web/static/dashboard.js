// The dyad dashboard: fetches /api/dyad/{A}/{B} and draws plain SVG and tables
// (no libraries, no network beyond this server, so the page works offline).
"use strict";
const SVG_NS = "http://www.w3.org/2000/svg";
const QUAD_COLOURS = { 1: "#6baed6", 2: "#2171b5", 3: "#fc9272", 4: "#cb181d" };
const QUAD_NAMES = { 1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict" };

function svgEl(name, attrs, text) {
  const node = document.createElementNS(SVG_NS, name);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

function cell(tr, value, className) {
  const td = document.createElement("td");
  td.textContent = value === null || value === undefined ? "" : String(value);
  if (className) td.className = className;
  tr.appendChild(td);
  return td;
}

function fmt(value, digits) {
  return value === null || value === undefined ? "" : Number(value).toFixed(digits);
}

function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

// --- vote agreement -----------------------------------------------------------------------

function drawAgreement(svg, votes, shifts, sourceBreak) {
  clear(svg);
  const W = +svg.getAttribute("width"), H = +svg.getAttribute("height");
  const L = 40, R = 20, T = 24, B = 40;
  const rows = votes.filter(r => r.agree !== null);
  if (!rows.length) {
    svg.appendChild(svgEl("text", { x: L, y: H / 2 }, "no UN votes shared by both countries"));
    return;
  }
  const s0 = rows[0].session, s1 = rows[rows.length - 1].session;
  const x = s => L + (s1 === s0 ? 0.5 : (s - s0) / (s1 - s0)) * (W - L - R);
  const y = v => H - B - v * (H - T - B);
  for (const t of [0, 0.25, 0.5, 0.75, 1]) {
    svg.appendChild(svgEl("line", { x1: L, y1: y(t), x2: W - R, y2: y(t), stroke: t === 0 ? "#999" : "#e4e4e4" }));
    svg.appendChild(svgEl("text", { x: 6, y: y(t) + 4 }, t.toFixed(2)));
  }
  const year = s => { const r = votes.find(v => v.session === s); return r && r.year ? r.year : 1945 + s; };
  const step = s1 - s0 > 40 ? 10 : s1 - s0 > 15 ? 5 : 1;
  for (let s = Math.ceil(s0 / step) * step; s <= s1; s += step) {
    svg.appendChild(svgEl("line", { x1: x(s), y1: H - B, x2: x(s), y2: H - B + 4, stroke: "#999" }));
    svg.appendChild(svgEl("text", { x: x(s), y: H - B + 16, "text-anchor": "middle" }, String(s)));
    svg.appendChild(svgEl("text", { x: x(s), y: H - B + 29, "text-anchor": "middle", "font-size": 9 }, String(year(s))));
  }
  if (sourceBreak > s0 && sourceBreak <= s1) {
    const bx = x(sourceBreak - 0.5);
    svg.appendChild(svgEl("line", { class: "source-break", x1: bx, y1: T - 10, x2: bx, y2: H - B,
      stroke: "#555", "stroke-dasharray": "5 4", "stroke-width": 1.5 }));
    const nearRight = bx > W - 200;
    svg.appendChild(svgEl("text", { x: nearRight ? bx - 4 : bx + 4, y: T - 2, "text-anchor": nearRight ? "end" : "start" },
      `source change (session ${sourceBreak})`));
  }
  for (const s of shifts) {
    const after = svgEl("line", { class: "segment-mean", x1: x(s.session), y1: y(s.after), x2: x(s.after_to), y2: y(s.after),
      stroke: "#555", "stroke-dasharray": "2 3", "stroke-width": 2 });
    const before = svgEl("line", { class: "segment-mean", x1: x(s.before_from), y1: y(s.before), x2: x(s.before_to), y2: y(s.before),
      stroke: "#555", "stroke-dasharray": "2 3", "stroke-width": 2 });
    svg.appendChild(before); svg.appendChild(after);
    const sx = x(s.session - 0.5);
    const line = svgEl("line", { class: "shift", "data-session": s.session, x1: sx, y1: T, x2: sx, y2: H - B,
      stroke: "#cb181d", "stroke-width": 1.5 });
    line.appendChild(svgEl("title", {}, `session ${s.session} (${s.year}): ${s.direction}, mean ${s.before.toFixed(2)} ` +
      `(sessions ${s.before_from}-${s.before_to}) -> ${s.after.toFixed(2)} (sessions ${s.session}-${s.after_to})`));
    svg.appendChild(line);
    svg.appendChild(svgEl("text", { x: sx + 3, y: T + 10, fill: "#cb181d" }, `${s.session} ${s.direction === "closer" ? "↑" : "↓"}`));
  }
  // The line breaks where sessions are missing (e.g. session 19 had no recorded votes).
  let pts = [];
  const flush = () => {
    if (pts.length) svg.appendChild(svgEl("polyline", { class: "agreement", points: pts.join(" "), fill: "none", stroke: "#2171b5", "stroke-width": 2 }));
    pts = [];
  };
  rows.forEach((r, i) => {
    if (i && r.session !== rows[i - 1].session + 1) flush();
    pts.push(`${x(r.session)},${y(r.agree)}`);
  });
  flush();
  for (const r of rows) {
    const c = svgEl("circle", { class: "session-point", "data-session": r.session, cx: x(r.session), cy: y(r.agree), r: 2.5, fill: "#2171b5" });
    c.appendChild(svgEl("title", {}, `session ${r.session} (${r.year}): agreement ${r.agree.toFixed(3)} on ${r.n_votes} common votes`));
    svg.appendChild(c);
  }
}

function fillVotes(tbody, votes, shifts, sourceBreak) {
  tbody.replaceChildren();
  const shiftAt = new Map(shifts.map(s => [s.session, s]));
  for (const r of [...votes].reverse()) {
    const tr = document.createElement("tr");
    tr.dataset.session = r.session;
    cell(tr, r.session, "num"); cell(tr, r.year, "num"); cell(tr, r.n_votes, "num");
    cell(tr, fmt(r.agree, 3), "num agree"); cell(tr, fmt(r.kappa, 3), "num"); cell(tr, fmt(r.identical, 3), "num");
    const notes = [];
    const s = shiftAt.get(r.session);
    if (s) { notes.push(`change point: ${s.direction}`); tr.className = "shift-row"; }
    if (r.session === sourceBreak) { notes.push("vote source changes"); tr.className = "break-row"; }
    cell(tr, notes.join("; "));
    tbody.appendChild(tr);
  }
  document.getElementById("votes-count").textContent = String(votes.length);
}

// --- events -------------------------------------------------------------------------------

function monthIndex(month) { const [yy, mm] = month.split("-").map(Number); return yy * 12 + (mm - 1); }

function drawEvents(svg, months) {
  clear(svg);
  const W = +svg.getAttribute("width"), H = +svg.getAttribute("height");
  const L = 36, R = 20, T = 14, B = 30;
  if (!months.length) {
    svg.appendChild(svgEl("text", { x: L, y: H / 2 }, "no asserted events dated to the month"));
    return;
  }
  const m0 = monthIndex(months[0].month), m1 = monthIndex(months[months.length - 1].month);
  const slots = m1 - m0 + 1;
  const bw = (W - L - R) / slots;
  const total = r => [1, 2, 3, 4].reduce((s, q) => s + (r["quad" + q] || 0), 0);
  const max = Math.max(...months.map(total), 1);
  const y = n => H - B - (n / max) * (H - T - B);
  for (const t of [0, Math.ceil(max / 2), max]) {
    svg.appendChild(svgEl("line", { x1: L, y1: y(t), x2: W - R, y2: y(t), stroke: t ? "#e4e4e4" : "#999" }));
    svg.appendChild(svgEl("text", { x: 8, y: y(t) + 4 }, String(t)));
  }
  // Year labels at each January in range; the first month is labelled too unless a January is close.
  const firstYear = Math.ceil(m0 / 12), lastYear = Math.floor(m1 / 12);
  const yearStep = Math.max(1, Math.ceil((lastYear - firstYear + 1) / 12));
  const ticks = [];
  for (let yr = firstYear; yr <= lastYear; yr += yearStep) ticks.push([L + (yr * 12 - m0) * bw, String(yr)]);
  if (!ticks.length || ticks[0][0] - L > 60) ticks.unshift([L, months[0].month]);
  for (const [xi, label] of ticks) {
    svg.appendChild(svgEl("line", { x1: xi, y1: H - B, x2: xi, y2: H - B + 4, stroke: "#999" }));
    svg.appendChild(svgEl("text", { x: xi, y: H - B + 16 }, label));
  }
  for (const r of months) {
    const i = monthIndex(r.month) - m0;
    let n = 0;
    for (const q of [1, 2, 3, 4]) {
      const k = r["quad" + q] || 0;
      if (!k) continue;
      const bar = svgEl("rect", { class: "event-bar", "data-month": r.month, "data-quad": q, x: L + i * bw + 0.5,
        y: y(n + k), width: Math.max(bw - 1, 4), height: y(n) - y(n + k), fill: QUAD_COLOURS[q] });
      bar.appendChild(svgEl("title", {}, `${r.month}: ${k} ${QUAD_NAMES[q]}`));
      svg.appendChild(bar);
      n += k;
    }
  }
}

function fillEvidence(tbody, evidence) {
  tbody.replaceChildren();
  if (!evidence.length) {
    const tr = document.createElement("tr");
    const td = cell(tr, "no stored events between these two");
    td.colSpan = 7;
    tbody.appendChild(tr);
    return;
  }
  for (const ev of evidence) {
    const tr = document.createElement("tr");
    tr.className = "evidence-row";
    cell(tr, ev.date || "undated");
    cell(tr, ev.actor);
    cell(tr, `${ev.event} (quad ${ev.quad})`);
    cell(tr, ev.recipient);
    const flags = [];
    if (ev.negated) flags.push("negated");
    flags.push(ev.modality || "asserted");
    cell(tr, flags.join(", "), ev.negated ? "negated" : (ev.modality && ev.modality !== "asserted" ? "tentative" : ""));
    cell(tr, ev.text, "sentence");
    const docs = [...new Set((ev.evidence || []).map(r => r.doc).filter(Boolean))];
    cell(tr, (docs.length ? docs : [ev.doc]).join("\n") + (ev.mentions > 1 ? `\n(${ev.mentions} reports)` : ""), "doc");
    tbody.appendChild(tr);
  }
}

// --- page ---------------------------------------------------------------------------------

function setStatus(text, isError) {
  const status = document.getElementById("status");
  status.className = isError ? "error" : "";
  status.textContent = text;
}

function codeOf(text) {
  // The datalist offers "PAK", labelled with the name; accept "PAK — Pakistan" too.
  return text.split("—")[0].trim();
}

async function show(event) {
  if (event) event.preventDefault();
  const a = codeOf(document.getElementById("country-a").value);
  const b = codeOf(document.getElementById("country-b").value);
  if (!a || !b) { setStatus("give two countries", true); return; }
  const params = new URLSearchParams();
  const from = document.getElementById("year-from").value.trim();
  const to = document.getElementById("year-to").value.trim();
  if (from) params.set("from", from);
  if (to) params.set("to", to);
  params.set("evidence", "20");
  setStatus("loading…", false);
  let resp, data;
  try {
    resp = await fetch(`/api/dyad/${encodeURIComponent(a)}/${encodeURIComponent(b)}?${params}`);
    data = await resp.json();
  } catch (e) {
    setStatus(`cannot reach the server: ${e}`, true);
    return;
  }
  if (!resp.ok) {
    setStatus(typeof data.detail === "string" ? data.detail : resp.statusText, true);
    return;
  }
  setStatus("", false);
  for (const id of ["assessment", "votes-section", "events-section", "evidence-section"]) {
    document.getElementById(id).hidden = false;
  }
  document.getElementById("headline").textContent = data.headline;
  document.getElementById("vote-summary").textContent = data.vote_summary;
  document.getElementById("event-summary").textContent = data.event_summary;
  drawAgreement(document.getElementById("agreement-chart"), data.votes, data.shifts, data.source_break_session);
  fillVotes(document.querySelector("#votes-table tbody"), data.votes, data.shifts, data.source_break_session);
  drawEvents(document.getElementById("events-chart"), data.events_per_month);
  for (const q of [1, 2, 3, 4]) {
    document.querySelector(`#event-legend b[data-quad="${q}"]`).textContent = String(data.event_totals["quad" + q] || 0);
  }
  fillEvidence(document.querySelector("#evidence tbody"), data.evidence);
  const query = new URLSearchParams({ a: data.a, b: data.b });
  if (from) query.set("from", from);
  if (to) query.set("to", to);
  history.replaceState(null, "", `?${query}`);
  document.body.dataset.loaded = `${data.a}-${data.b}`;
}

async function loadCountries() {
  try {
    const resp = await fetch("/api/countries");
    if (!resp.ok) return;
    const list = document.getElementById("countries");
    for (const c of await resp.json()) {
      const opt = document.createElement("option");
      opt.value = c.iso3;
      opt.label = c.name || c.iso3;
      opt.textContent = c.name || c.iso3;
      list.appendChild(opt);
    }
  } catch (e) { /* the datalist is a convenience only */ }
}

document.getElementById("dyad-form").addEventListener("submit", show);
const initial = new URLSearchParams(location.search);
for (const [param, id] of [["a", "country-a"], ["b", "country-b"], ["from", "year-from"], ["to", "year-to"]]) {
  if (initial.get(param)) document.getElementById(id).value = initial.get(param);
}
loadCountries();
if (initial.get("a") && initial.get("b")) show();
