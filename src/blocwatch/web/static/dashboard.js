// The dyad dashboard: fetches /api/dyad/{A}/{B} and draws plain SVG (no libraries,
// so the page works offline).
"use strict";
const SVG_NS = "http://www.w3.org/2000/svg";
const QUAD_COLOURS = { 1: "#6baed6", 2: "#2171b5", 3: "#fc9272", 4: "#cb181d" };

function el(name, attrs, text) {
  const node = document.createElementNS(SVG_NS, name);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

function drawAgreement(svg, votes, shifts, sourceBreak) {
  clear(svg);
  const W = +svg.getAttribute("width"), H = +svg.getAttribute("height"), P = 36;
  if (!votes.length) { svg.appendChild(el("text", { x: P, y: H / 2 }, "no shared votes")); return; }
  const s0 = votes[0].session, s1 = votes[votes.length - 1].session;
  const x = s => P + (s1 === s0 ? 0.5 : (s - s0) / (s1 - s0)) * (W - 2 * P);
  const y = v => H - P - v * (H - 2 * P);
  svg.appendChild(el("line", { x1: P, y1: y(0), x2: W - P, y2: y(0), stroke: "#999" }));
  for (const t of [0, 0.5, 1]) svg.appendChild(el("text", { x: 4, y: y(t) + 4, "font-size": 10 }, t.toFixed(1)));
  if (sourceBreak >= s0 && sourceBreak <= s1) {
    svg.appendChild(el("line", { class: "source-break", x1: x(sourceBreak), y1: P / 2, x2: x(sourceBreak), y2: H - P,
      stroke: "#555", "stroke-dasharray": "4 3" }));
    svg.appendChild(el("text", { x: x(sourceBreak) + 3, y: P / 2 + 8, "font-size": 10 }, "source change"));
  }
  const pts = votes.filter(r => r.agree !== null).map(r => `${x(r.session)},${y(r.agree)}`).join(" ");
  svg.appendChild(el("polyline", { class: "agreement", points: pts, fill: "none", stroke: "#2171b5", "stroke-width": 2 }));
  for (const r of votes) {
    if (r.agree === null) continue;
    const c = el("circle", { class: "session-point", cx: x(r.session), cy: y(r.agree), r: 2.5, fill: "#2171b5" });
    c.appendChild(el("title", {}, `session ${r.session} (${r.year}): agree ${r.agree.toFixed(3)}, ${r.n_votes} votes`));
    svg.appendChild(c);
  }
  for (const s of shifts) {
    if (s.session === sourceBreak) continue;
    svg.appendChild(el("line", { class: "shift", x1: x(s.session), y1: P / 2, x2: x(s.session), y2: H - P, stroke: "#cb181d" }));
  }
  for (const s of [s0, s1]) svg.appendChild(el("text", { x: x(s) - 8, y: H - 8, "font-size": 10 }, String(s)));
}

function drawEvents(svg, months) {
  clear(svg);
  const W = +svg.getAttribute("width"), H = +svg.getAttribute("height"), P = 30;
  if (!months.length) { svg.appendChild(el("text", { x: P, y: H / 2 }, "no stored events")); return; }
  const total = r => [1, 2, 3, 4].reduce((s, q) => s + (r["quad" + q] || 0), 0);
  const max = Math.max(...months.map(total), 1);
  const bw = (W - 2 * P) / months.length;
  months.forEach((r, i) => {
    let top = H - P;
    for (const q of [1, 2, 3, 4]) {
      const n = r["quad" + q] || 0;
      if (!n) continue;
      const h = (n / max) * (H - 2 * P);
      const bar = el("rect", { class: "event-bar", x: P + i * bw, y: top - h, width: Math.max(bw - 1, 1), height: h, fill: QUAD_COLOURS[q] });
      bar.appendChild(el("title", {}, `${r.month}: ${n} events of quad class ${q}`));
      svg.appendChild(bar);
      top -= h;
    }
  });
  svg.appendChild(el("text", { x: P, y: H - 8, "font-size": 10 }, months[0].month));
  svg.appendChild(el("text", { x: W - P - 40, y: H - 8, "font-size": 10 }, months[months.length - 1].month));
}

function fillEvidence(tbody, evidence) {
  tbody.replaceChildren();
  for (const ev of evidence) {
    const tr = document.createElement("tr");
    const cells = [ev.date || "undated", ev.actor, ev.event + (ev.negated ? " (not)" : ""), ev.recipient, ev.text, ev.doc];
    cells.forEach((value, i) => {
      const td = document.createElement("td");
      td.textContent = value === null || value === undefined ? "" : String(value);
      if (i === 2 && ev.negated) td.className = "negated";
      tr.appendChild(td);
    });
    tbody.appendChild(tr);
  }
}

async function show(event) {
  if (event) event.preventDefault();
  const a = document.getElementById("country-a").value.trim();
  const b = document.getElementById("country-b").value.trim();
  const status = document.getElementById("status");
  const params = new URLSearchParams();
  const from = document.getElementById("year-from").value.trim();
  const to = document.getElementById("year-to").value.trim();
  if (from) params.set("from", from);
  if (to) params.set("to", to);
  status.className = ""; status.textContent = "loading…";
  const resp = await fetch(`/api/dyad/${encodeURIComponent(a)}/${encodeURIComponent(b)}?${params}`);
  const data = await resp.json();
  if (!resp.ok) { status.className = "error"; status.textContent = data.detail || resp.statusText; return; }
  status.textContent = "";
  document.getElementById("assessment").hidden = false;
  document.getElementById("headline").textContent = data.headline;
  document.getElementById("vote-summary").textContent = data.vote_summary;
  document.getElementById("event-summary").textContent = data.event_summary;
  drawAgreement(document.getElementById("agreement-chart"), data.votes, data.shifts, data.source_break_session);
  drawEvents(document.getElementById("events-chart"), data.events_per_month);
  fillEvidence(document.querySelector("#evidence tbody"), data.evidence);
  history.replaceState(null, "", `?a=${a}&b=${b}`);
}

async function loadCountries() {
  try {
    const resp = await fetch("/api/countries");
    if (!resp.ok) return;
    const list = document.getElementById("countries");
    for (const c of await resp.json()) {
      const opt = document.createElement("option");
      opt.value = c.iso3; opt.label = c.name || c.iso3;
      list.appendChild(opt);
    }
  } catch (e) { /* the datalist is a convenience only */ }
}

document.getElementById("dyad-form").addEventListener("submit", show);
const query = new URLSearchParams(location.search);
if (query.get("a")) document.getElementById("country-a").value = query.get("a");
if (query.get("b")) document.getElementById("country-b").value = query.get("b");
loadCountries();
if (query.get("a") && query.get("b")) show();
