// The dashboard: asks /api/assess/X/Y for the assessment and shows /report/X/Y (part=body), the
// same report `blocwatch assess --format html` writes. No libraries, nothing from other servers.
"use strict";

const DEFAULTS = { x: "PAK", y: "RUS", versus: "USA" };
const $ = id => document.getElementById(id);

function setStatus(text, kind) {
  const status = $("status");
  status.className = kind || "";
  status.textContent = text;
}

function codeOf(text) {
  // The list offers "PAK" labelled with the name; accept "PAK — Pakistan" as well.
  return (text || "").split("—")[0].trim();
}

// A sentence for every way a request can fail: never a bare status text.
function sentenceFor(resp, data) {
  if (data && typeof data.detail === "string" && data.detail) return data.detail;
  const byStatus = {
    400: "The request was not understood: check the countries and the years.",
    404: "One of the countries is not known to blocwatch: give an ISO3 code (PAK) or a name (Pakistan).",
    501: "This blocwatch has no assessment yet.",
    503: "The database cannot be read at the moment (an ingest may be writing it): try again shortly.",
  };
  return byStatus[resp.status] || `The server could not answer (status ${resp.status}).`;
}

function checkYears(from, to) {
  for (const [name, value] of [["From", from], ["To", to]]) {
    if (value && !/^\d{4}$/.test(value)) return `${name} year: give four digits, such as 2016 (not “${value.slice(0, 20)}”).`;
  }
  if (from && to && +from > +to) return `From ${from} is after to ${to}: give the earlier year first.`;
  return null;
}

async function getJSON(url) {
  const resp = await fetch(url, { headers: { Accept: "application/json" } });
  let data = null;
  try { data = await resp.json(); } catch (e) { data = null; }
  return { resp, data };
}

let current = 0;

async function show(event) {
  if (event) event.preventDefault();
  const x = codeOf($("country-x").value), y = codeOf($("country-y").value), versus = codeOf($("country-z").value);
  const from = $("year-from").value.trim(), to = $("year-to").value.trim();
  if (!x || !y) { setStatus("Give two countries: X and the country Y it may be moving toward.", "error"); return; }
  const bad = checkYears(from, to);
  if (bad) { setStatus(bad, "error"); return; }
  const params = new URLSearchParams();
  if (versus) params.set("versus", versus);
  if (from) params.set("from", from);
  if (to) params.set("to", to);
  const path = `${encodeURIComponent(x)}/${encodeURIComponent(y)}?${params}`;
  const ticket = ++current;
  setStatus("Assessing…", "");
  $("report").setAttribute("aria-busy", "true");
  $("show").disabled = true;
  try {
    const { resp, data } = await getJSON(`/api/assess/${path}`);
    if (ticket !== current) return;
    if (!resp.ok) {
      setStatus(sentenceFor(resp, data), "error");
      $("report").replaceChildren();
      delete document.body.dataset.loaded;
      document.body.dataset.failed = String(resp.status);
      return;
    }
    const body = await fetch(`/report/${path}${params.toString() ? "&" : ""}part=body`);
    if (ticket !== current) return;
    if (!body.ok) { setStatus(sentenceFor(body, null), "error"); return; }
    // The report is rendered by this server with every text escaped.
    $("report").innerHTML = await body.text();
    const stale = resp.headers.get("X-Blocwatch-Stale") === "true";
    setStatus(stale ? "The database is being written (an ingest is running): this is the answer from before it started."
                    : "", stale ? "stale" : "");
    const query = new URLSearchParams({ x: data.x, y: data.y });
    if (data.versus) query.set("versus", data.versus);
    if (from) query.set("from", from);
    if (to) query.set("to", to);
    history.replaceState(null, "", `?${query}`);
    $("report-link").href = `/report/${path}`;
    delete document.body.dataset.failed;
    document.body.dataset.loaded = `${data.x}-${data.y}-${data.versus || ""}`;
  } catch (e) {
    if (ticket === current) setStatus("Cannot reach the blocwatch server: is `blocwatch serve` still running?", "error");
  } finally {
    if (ticket === current) { $("report").setAttribute("aria-busy", "false"); $("show").disabled = false; }
  }
}

async function loadCountries() {
  try {
    const { resp, data } = await getJSON("/api/countries");
    if (!resp.ok || !Array.isArray(data)) return;
    const list = $("countries");
    for (const c of data) {
      const opt = document.createElement("option");
      opt.value = c.iso3;
      opt.label = c.name || c.iso3;
      list.appendChild(opt);
    }
  } catch (e) { /* the list is a convenience only */ }
}

$("assess-form").addEventListener("submit", show);
const initial = new URLSearchParams(location.search);
for (const [param, id] of [["x", "country-x"], ["y", "country-y"], ["versus", "country-z"], ["from", "year-from"], ["to", "year-to"]]) {
  const value = initial.get(param) || (param === "x" || param === "y" || param === "versus" ? DEFAULTS[param] : "");
  $(id).value = value;
}
loadCountries();
show();
