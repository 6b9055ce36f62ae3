"""``assess(x, y, versus, ...)``: gather the data, compute the triangle, compose the report.

Votes: the database's (``--db``, else the default database) when it holds any, from the
data-folder cache when unchanged; otherwise the built-in copy. Events: the database's;
without ``--db`` and with no events in the default database, the built-in sample corpus."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np

from blocwatch.analyze.assessment import eventflows, evidence, keyvotes, measures, verdict
from blocwatch.analyze.assessment.result import Assessment
from blocwatch.analyze.assessment.votedata import VoteData, builtin_votes, database_votes
from blocwatch.analyze.dyad_assessment import UnknownCountryError
from blocwatch.errors import UsageError
from blocwatch.store.db import is_postgres_url

Progress = Callable[[str], None]
WINDOW_YEARS = 10


# --- data sources ------------------------------------------------------------------------------


@contextlib.contextmanager
def _open_existing(db: str | None) -> Iterator[Any]:
    """The store at ``db`` (given) or the default database if it exists; None otherwise
    (a missing default database is not created just to find it empty)."""
    from blocwatch import config
    from blocwatch.store import open_store

    target = db or config.default_db()
    if db is None and not is_postgres_url(target) and not Path(target).expanduser().exists():
        yield None
        return
    with open_store(target, must_exist=True) as store:
        yield store


def _votes(store: Any, progress: Progress | None) -> tuple[VoteData, str | None]:
    if store is not None:
        data = database_votes(store.db, progress=progress, description=f"database {store.db.target}")
        if data is not None:
            return data, None
    data = builtin_votes()
    note = (f"no UN votes in {store.db.target}: the built-in copy is used (`blocwatch votes import DIR` "
            "replaces it)") if store is not None else None
    return data, note


def _has_events(store: Any) -> bool:
    return bool(store is not None and store.db.query("SELECT 1 FROM happenings LIMIT 1"))


def resolve_code(data: VoteData, text: str) -> str:
    """ISO3 with UN votes for a code or a name (gazetteer aliases, the vote data's names)."""
    query = (text or "").strip()
    if not query:
        raise UnknownCountryError("empty country name")
    if len(query) == 3 and data.has(query.upper()):
        return query.upper()
    try:
        from blocwatch.extract.gazetteer import country_by_name

        code = country_by_name(query)
    except ImportError:  # pragma: no cover - the gazetteer ships with the package
        code = None
    code = getattr(code, "iso3", code)
    if isinstance(code, str) and data.has(code.upper()):
        return code.upper()
    folded = query.casefold()
    for iso3, name in data.names_by_code().items():
        if name.casefold() == folded:
            return iso3
    raise UnknownCountryError(f"unknown country {text!r}: not an ISO3 code or country name with UN votes")


def default_versus(x: str, y: str) -> str:
    for candidate in ("USA", "RUS", "CHN"):
        if candidate not in (x, y):
            return candidate
    raise UsageError("no default --versus for this pair")  # pragma: no cover - three candidates, two taken


# --- the assessment -----------------------------------------------------------------------------


def assess(x: str, y: str, versus: str | None = None, year_from: int | None = None, year_to: int | None = None,
           db: str | None = None, n_evidence: int = 10, progress: Progress | None = None) -> Assessment:
    """Did X move toward Y, away from it, or neither, relative to ``versus`` (default the United
    States, or Russia when Y is the United States), between ``year_from`` and ``year_to``
    (default the last ten years of vote data)? See CONTRACT section 6."""
    if n_evidence < 0:
        raise UsageError(f"n_evidence {n_evidence}: must not be negative")
    if year_from is not None and year_to is not None and year_from > year_to:
        raise UsageError(f"--from {year_from} is after --to {year_to}")
    with _open_existing(db) as store:
        data, vote_note = _votes(store, progress)
        cx, cy = resolve_code(data, x), resolve_code(data, y)
        cz = resolve_code(data, versus) if versus else default_versus(cx, cy)
        if len({cx, cy, cz}) < 3:
            raise UsageError(f"{cx}, {cy} and {cz}: give three different countries")
        events_store = store if (db is not None or _has_events(store)) else None
        key = (data.meta.get("fingerprint", "built-in"), cx, cy, cz, year_from, year_to, n_evidence,
               _events_signature(events_store))
        if key in _RESULTS:
            return _RESULTS[key]
        if events_store is not None:
            pairs = {"xy": eventflows.gather(events_store, cx, cy), "xz": eventflows.gather(events_store, cx, cz)}
            events_source = f"database {events_store.db.target}"
        else:
            pairs, events_source = _sample_events(cx, cy, cz, progress)
    result = compose(data, cx, cy, cz, year_from, year_to, pairs, n_evidence,
                     {"votes": data.meta.get("description") or "votes", "events": events_source},
                     [vote_note] if vote_note else [])
    while len(_RESULTS) >= 64:
        _RESULTS.pop(next(iter(_RESULTS)))
    _RESULTS[key] = result
    return result


#: Assessments already made in this process (the dashboard asks for the same triangle again),
#: keyed by the votes' fingerprint, the question and the events' signature. Callers must not
#: change the returned object.
_RESULTS: dict[tuple[Any, ...], Assessment] = {}


def _events_signature(store: Any) -> tuple[Any, ...]:
    if store is None:
        return ("sample",)
    count, last = store.db.query("SELECT COUNT(*), MAX(id) FROM happenings")[0]
    return (store.db.target, int(count), last)


def _sample_events(x: str, y: str, z: str, progress: Progress | None) -> tuple[dict[str, list[dict[str, Any]]], str]:
    from blocwatch.analyze.assessment.sample_corpus import corpus_folder, sample_store_path
    from blocwatch.store import open_store

    path = sample_store_path(progress)
    if path is None:
        return {"xy": [], "xz": []}, "none: no sample corpus in this installation and no events in the database"
    root = str(corpus_folder())
    with open_store(str(path), must_exist=True) as store:
        pairs = {"xy": eventflows.gather(store, x, y, root), "xz": eventflows.gather(store, x, z, root)}
        documents = int(store.db.query("SELECT COUNT(*) FROM documents")[0][0])
    return pairs, (f"built-in sample corpus ({documents} short reports written for the project on Pakistan, "
                   "India, Turkey, Russia, China and the United States, 2021-2025)")


def compose(data: VoteData, x: str, y: str, z: str, year_from: int | None, year_to: int | None,
            pairs: dict[str, list[dict[str, Any]]], n_evidence: int, data_source: dict[str, str],
            notes: list[str]) -> Assessment:
    """The assessment from the vote data and the two pairs' event records (no database)."""
    names = {"x": data.name(x), "y": data.name(y), "versus": data.name(z)}
    short = {"x": names["x"], "y": names["y"], "z": names["versus"]}
    last_year = measures.session_year(data.last_session)
    to = year_to if year_to is not None else last_year
    start = year_from if year_from is not None else to - WINDOW_YEARS + 1
    rows = [data.index(x), data.index(y), data.index(z)]
    ix, iy, iz = rows
    s0 = max(measures.year_session(start), data.first_session)
    s1 = min(measures.year_session(to), data.last_session)
    spans = s0 < measures.SOURCE_BREAK_SESSION <= s1
    columns = measures.like_with_like(data, measures.window_columns(data, s0, s1), spans)
    sessions = measures.voting_sessions(data, columns, rows) if len(columns) else []
    periods = measures.split_periods(data, columns, sessions)
    series_agree = measures.session_series(data, columns, *rows) if len(columns) else []
    series_ideal = measures.ideal_series(data, sessions, *rows)
    flows = eventflows.yearly_flows(pairs, start, to)
    base: dict[str, Any] = dict(x=x, y=y, versus=z, names=names, year_from=start, year_to=to, data_source=data_source,
                series={"agreement": series_agree, "idealpoints": series_ideal, "events": flows})
    notes = list(notes) + _source_notes(data, s0, s1, spans, columns)
    if periods is None:
        return _insufficient(base, pairs, flows, notes, n_evidence, short,
                             f"{names['x']}, {names['y']} and {names['versus']} all voted in "
                             f"{len(sessions)} session(s) of {start}-{to}; at least two are needed")
    first, last = (measures.period_figures(data, p, *rows) for p in periods)
    thin = min(first.n_xy, first.n_xz, last.n_xy, last.n_xz)
    if thin < measures.MIN_PERIOD_VOTES:
        return _insufficient(base, pairs, flows, notes, n_evidence, short,
                             f"a period has only {thin} common roll calls (at least "
                             f"{measures.MIN_PERIOD_VOTES} are needed in each)")
    if len(periods[0].sessions) < measures.PERIOD_SESSIONS:
        notes.append(f"The window holds {len(sessions)} sessions with votes by all three, so each period "
                     f"pools {len(periods[0].sessions)} session(s) instead of {measures.PERIOD_SESSIONS}; a "
                     "longer window gives a firmer verdict.")
    tri = verdict.triangle(first, last, short)
    c = tri.classification
    years = {k: [measures.session_year(s) for s in p.sessions] for k, p in zip(("start", "end"), periods,
                                                                                  strict=True)}
    change = None
    if c.verdict in ("toward", "away"):
        session = verdict.change_session(series_agree, series_ideal, 1 if c.verdict == "toward" else -1)
        change = measures.session_year(session) if session is not None else None
    m = dict(tri.measures)
    for pair in ("xy", "xz"):
        g0, n0 = eventflows.period_sum(flows, pair, years["start"][0], years["start"][-1])
        g1, n1 = eventflows.period_sum(flows, pair, years["end"][0], to)
        other = names["y"] if pair == "xy" else names["versus"]
        m[f"events_{pair}"] = {"start": round(g0, 2), "end": round(g1, 2), "change": round(g1 - g0, 2),
                               "se": None, "lo": None, "hi": None, "n_start": n0, "n_end": n1,
                               "unit": "Goldstein sum",
                               "description": f"sum of Goldstein values of asserted {names['x']}-{other} events "
                                              "dated in the period (either direction)"}
    n_docs = eventflows.documents_in(pairs, start, to)
    ev_verdict = eventflows.events_verdict(flows, c.verdict, short, n_docs)
    shown, undated, counts = evidence.rank(pairs, short, c.verdict, start, to, n_evidence)
    split = {k: keyvotes.split_side(data, p.columns, *rows) for k, p in zip(("start", "end"), periods, strict=True)}
    period_info = {k: {"sessions": p.sessions, "years": years[k], "roll_calls": len(p.columns)}
                   for k, p in zip(("start", "end"), periods, strict=True)}
    return Assessment(
        **base, verdict=c.verdict, confidence=round(c.confidence, 3), change_year=change, mover=tri.mover,
        summary=_summary(names, c, m, years, change, tri.mover, split),
        method=_method(first.draws, m), notes=notes + _ideal_notes(m, names),
        measures=m, key_votes=keyvotes.key_votes(data, columns, ix, iy, iz, short),
        events_verdict=ev_verdict, evidence=shown, undated_evidence=undated, periods=period_info,
        evidence_counts=counts, split_votes=split,
    )


def _insufficient(base: dict[str, Any], pairs: dict[str, list[dict[str, Any]]], flows: list[dict[str, Any]],
                  notes: list[str], n_evidence: int, short: dict[str, str], reason: str) -> Assessment:
    shown, undated, counts = evidence.rank(pairs, short, "insufficient data", base["year_from"],
                                           base["year_to"], n_evidence)
    n_docs = eventflows.documents_in(pairs, base["year_from"], base["year_to"])
    return Assessment(
        **base, verdict="insufficient data", confidence=0.0, change_year=None, mover=None,
        summary=f"Not enough UN votes for a verdict on {short['x']} and {short['y']} against {short['z']} in "
                f"{base['year_from']}-{base['year_to']}: {reason}.",
        method=_method({}, {}), notes=notes, measures={}, key_votes=[],
        events_verdict=eventflows.events_verdict(flows, "insufficient data", short, n_docs),
        evidence=shown, undated_evidence=undated, evidence_counts=counts,
    )


# --- words --------------------------------------------------------------------------------------


def _span(years: list[int]) -> str:
    return str(years[0]) if len(years) == 1 else f"{years[0]}-{years[-1]}"


_THE_WORDS = ("United ", " Republic", "Islands", "Federation", "Emirates")
_THE_NAMES = {"Netherlands", "Philippines", "Bahamas", "Gambia", "Maldives", "Comoros", "Seychelles"}


def with_article(name: str) -> str:
    """'the United States', 'the Philippines'; other names as they are."""
    if name in _THE_NAMES or any(word in name or name.startswith(word) for word in _THE_WORDS):
        return f"the {name}"
    return name


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _summary(names: dict[str, str], c: verdict.Classification, m: dict[str, dict[str, Any]],
             years: dict[str, list[int]], change: int | None, mover: str | None,
             split: dict[str, dict[str, Any]]) -> str:
    x, y, z = (with_article(names[k]) for k in ("x", "y", "versus"))
    head = {"toward": f"{x} moved toward {y}, relative to {z}",
            "away": f"{x} moved away from {y}, relative to {z}",
            "no clear change": f"{x} did not move clearly toward or away from {y}, relative to {z}"}[c.verdict]
    parts = [f"Between {_span(years['start'])} and {_span(years['end'])}, {head} "
             f"(confidence {c.confidence:.2f}" + (f"; the move came around {change}" if change else "") + ")."]
    rxy, rxz = m["relative_agreement_xy"], m["relative_agreement_xz"]
    parts.append(f"Compared with the Assembly's mean, {x}'s agreement with {y} went from {rxy['start']:+.2f} "
                 f"to {rxy['end']:+.2f} and with {z} from {rxz['start']:+.2f} to {rxz['end']:+.2f} "
                 f"(raw agreement {m['agreement_xy']['start']:.2f} to {m['agreement_xy']['end']:.2f} with {y}, "
                 f"{m['agreement_xz']['start']:.2f} to {m['agreement_xz']['end']:.2f} with {z}).")
    s0, s1 = split["start"], split["end"]
    if s0["n"] and s1["n"]:
        parts.append(f"When {y} and {z} voted differently, {x} sided with {y} on {s0['with_y']} of {s0['n']} "
                     f"roll calls at the start and {s1['with_y']} of {s1['n']} at the end (with {z}: "
                     f"{s0['with_z']} and {s1['with_z']}).")
    if "idealpoint_x" in m:
        ix, iy, iz = m["idealpoint_x"], m["idealpoint_y"], m["idealpoint_z"]
        parts.append(f"Ideal points: {x} {ix['start']:+.2f} to {ix['end']:+.2f}, {y} {iy['start']:+.2f} to "
                     f"{iy['end']:+.2f}, {z} {iz['start']:+.2f} to {iz['end']:+.2f}.")
        pair = f"{names['x']}-{names['y']}"
        who = {"x": f"{x}'s own votes changed the {pair} distance",
               "y": f"the change in the {pair} distance came from {y} moving, not {x}",
               "both": f"both {x} and {y} moved"}.get(mover or "")
        if who:
            parts.append(_cap(who) + ".")
        if iz.get("lo") is not None and (iz["lo"] > 0 or iz["hi"] < 0) and abs(iz["change"]) >= verdict.MOVER_STEP:
            parts.append(_cap(f"{z} itself moved by {iz['change']:+.2f} on the scale; the verdict counts only "
                              f"{x}'s own part of the change."))
    return " ".join(parts)


def _method(draws: dict[str, np.ndarray], m: dict[str, dict[str, Any]]) -> str:
    n = len(next(iter(draws.values()))) if draws else measures.N_BOOT
    return (
        f"The first and last sessions of the window (up to {measures.PERIOD_SESSIONS} each) are pooled into a "
        "start and an end period. Votes: X's agreement with Y and with Z (half-credit index) minus the "
        "Assembly's mean agreement with each, so a move of the whole Assembly or of Y alone is taken out; "
        "the pull toward Y is the first minus the second. Ideal points (a dynamic ordinal model fitted to "
        "every session, analyze.idealpoints): X's own part of the change in its distances to Z and Y "
        "(who-moved split), so Y or Z moving alone does not count. Each change is scaled by a material step "
        f"({verdict.PULL_STEP} agreement, {verdict.MOVE_STEP} ideal-point units) and the two are averaged; "
        "a resample at +1 or more, with neither measure pointing the other way, reads as toward (-1 or less "
        "as away), so a change in one line of evidence only is not a realignment. Uncertainty: a bootstrap over roll "
        f"calls within each session ({n} resamples) for the votes and draws from the ideal-point model's "
        f"standard errors; the verdict needs {verdict.DECISIVE:.0%} of the resamples, and confidence is "
        "the share that agree with it. The change year is the best single split of the per-session pull; "
        f"the mover, whose own move of at least {verdict.MOVER_STEP} changed the X-Y distance."
    )


def _source_notes(data: VoteData, s0: int, s1: int, spans: bool, columns: np.ndarray) -> list[str]:
    notes = []
    if spans:
        dropped = int(((data.session >= s0) & (data.session < measures.SOURCE_BREAK_SESSION)
                       & ((data.amend == 1) | (data.para == 1))).sum())
        notes.append(
            f"The vote data change source at session {measures.SOURCE_BREAK_SESSION} (2020): Voeten's data "
            "before it include votes on amendments, paragraphs and failed drafts, the UN DGACM extract from it "
            f"lists adopted resolutions only. {dropped} amendment and paragraph votes of the earlier sessions "
            "are left out so that like is compared with like, and the verdict rests on agreement relative to "
            "the Assembly's, which the change of source moves for every member alike.")
    last = data.last_session
    latest = max((str(d) for d in data.date[data.session == last] if d), default="")
    closes = f"{measures.session_year(last) + 1}-09-01"  # a session runs to the next one's opening
    if s1 >= last and latest and latest < closes:
        notes.append(f"Session {last} ({measures.session_year(last)}-{(measures.session_year(last) + 1) % 100:02d}) "
                     f"was still running when the vote data end ({latest}): its figures rest on the roll calls "
                     "recorded so far.")
    if not len(columns):
        notes.append("No roll calls in the selected years.")
    return notes


def _ideal_notes(m: dict[str, dict[str, Any]], names: dict[str, str]) -> list[str]:
    move = m.get("x_own_move")
    if move is not None and move.get("end") is None:
        return [f"On the ideal-point scale {names['x']} lies outside the segment between {names['y']} and "
                f"{names['versus']} in both periods, so its own move cannot tell one from the other; the "
                "verdict rests on the votes' relative agreement alone."]
    return []
