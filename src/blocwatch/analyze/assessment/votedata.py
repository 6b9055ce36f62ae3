"""The UN votes an assessment works on: one compact in-memory copy with its ideal points.

A :class:`VoteData` holds every roll call (id, session, date, symbol, title, flags, source)
and an int8 country x roll-call matrix (0 = no vote, 1 yes, 2 abstain, 3 no), plus the
dynamic ideal points (analyze.idealpoints) of every country and session with their
standard errors. The same ``.npz`` layout serves two purposes:

* the built-in copy shipped in ``analyze/data/unga_builtin.npz`` (built from the shared
  UNGA files by ``scripts/build_builtin_votes.py``), used when no votes are imported;
* the cache of a database's votes in the data folder, keyed by a cheap SQL fingerprint of
  the vote tables, so that a warm ``assess`` neither reloads a million rows nor refits.

Only plain arrays are stored (no pickles), so loading needs no trust in the file."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from blocwatch.errors import AnalysisError
from blocwatch.store.db import Database

#: Bump when the layout or the way ideal points are fitted changes: old caches are ignored.
FORMAT_VERSION = 1
BUILTIN_NAME = "unga_builtin.npz"
_STRING_FIELDS = ("codes", "names", "date", "unres", "title", "label", "source")
_ARRAY_FIELDS = ("rcid", "session", "amend", "para", "important", "votes",
                 "ip_sessions", "ideal", "ideal_se", "ip_n")

Progress = Callable[[str], None]


@dataclass
class VoteData:
    codes: np.ndarray            # ISO3, sorted (str)
    names: np.ndarray            # display name per code (str)
    rcid: np.ndarray             # int64, ascending
    session: np.ndarray          # int16, regular session of the roll call's date
    date: np.ndarray             # ISO date (str, "" unknown)
    unres: np.ndarray            # resolution symbol (str)
    title: np.ndarray            # short title (str)
    label: np.ndarray            # session label as in the source: "77", "ES-11" (str)
    source: np.ndarray           # source of the roll call (str)
    amend: np.ndarray            # int8: 1 amendment vote, 0 not, -1 unknown
    para: np.ndarray             # int8: 1 separate-paragraph vote, 0 not, -1 unknown
    important: np.ndarray        # int8: 1 marked important by the US State Department, 0/-1
    votes: np.ndarray            # int8 (countries x roll calls): 0 none, 1 yes, 2 abstain, 3 no
    ip_sessions: np.ndarray      # int16: the sessions of the ideal-point columns
    ideal: np.ndarray            # float32 (countries x ip_sessions), NaN without votes
    ideal_se: np.ndarray         # float32, same shape
    ip_n: np.ndarray             # int16 votes behind each ideal point
    meta: dict[str, Any] = field(default_factory=dict)

    # --- lookups ---------------------------------------------------------------------------

    def index(self, code: str) -> int:
        i = int(np.searchsorted(self.codes, code))
        if i >= len(self.codes) or self.codes[i] != code:
            raise AnalysisError(f"{code}: no UN votes in the data")
        return i

    def has(self, code: str) -> bool:
        i = int(np.searchsorted(self.codes, code))
        return i < len(self.codes) and self.codes[i] == code

    def name(self, code: str) -> str:
        return str(self.names[self.index(code)]) if self.has(code) else code

    def names_by_code(self) -> dict[str, str]:
        return {str(c): str(n) for c, n in zip(self.codes, self.names, strict=True)}

    @property
    def first_session(self) -> int:
        return int(self.session.min())

    @property
    def last_session(self) -> int:
        return int(self.session.max())

    # --- files -------------------------------------------------------------------------------

    def save(self, path: Path, compress: bool = True) -> None:
        """Write atomically (a temporary file renamed), so a reader never sees half a file.
        ``compress=False`` for the data-folder cache: larger, but read without inflating."""
        arrays: dict[str, np.ndarray] = {name: np.asarray(getattr(self, name)) for name in _ARRAY_FIELDS}
        for name in _STRING_FIELDS:
            arrays[name] = np.asarray(getattr(self, name)).astype(str)
        arrays["meta"] = np.array(json.dumps(dict(self.meta, format=FORMAT_VERSION), sort_keys=True))
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                (np.savez_compressed if compress else np.savez)(handle, **arrays)  # type: ignore[arg-type]
            os.chmod(tmp, 0o644)  # mkstemp makes it private; the data are not
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)

    @classmethod
    def load(cls, path: Path | Any) -> VoteData:
        with np.load(path, allow_pickle=False) as data:
            meta = json.loads(str(data["meta"]))
            if meta.get("format") != FORMAT_VERSION:
                raise AnalysisError(f"{path}: vote data in format {meta.get('format')}, expected {FORMAT_VERSION}")
            values = {name: data[name] for name in _ARRAY_FIELDS + _STRING_FIELDS}
        return cls(**values, meta=meta)


# --- building from a database ------------------------------------------------------------------


def _flag(series: Any) -> np.ndarray:
    import pandas as pd

    values = pd.to_numeric(series.astype("object"), errors="coerce")
    return np.where(values.isna(), -1, (values.fillna(0) > 0).astype(int)).astype(np.int8)


def from_database(db: Database, *, progress: Progress | None = None, description: str = "") -> VoteData:
    """Every vote and roll call in ``db`` with ideal points (the stored fit when it matches the
    votes, else a new fit of all sessions, stored in the database for next time)."""
    import pandas as pd

    from blocwatch.analyze.idealpoints import ideal_points
    from blocwatch.analyze.votes import country_names, load_votes

    say = progress or (lambda _line: None)
    votes = load_votes(db)
    if votes.empty:
        raise AnalysisError(f"{db.target}: no UN votes stored")
    calls = db.query_df(
        "SELECT rcid, session, session_label, date, unres, important, amend, para, short, source "
        "FROM roll_calls ORDER BY rcid")
    calls = calls[calls["rcid"].isin(votes["rcid"].unique())].reset_index(drop=True)
    calls["rcid"] = calls["rcid"].astype("int64")
    codes = np.array(sorted(votes["iso3"].unique()), dtype=str)
    names = country_names(db)
    matrix = np.zeros((len(codes), len(calls)), dtype=np.int8)
    rows = np.searchsorted(codes, votes["iso3"].to_numpy(dtype=str))
    cols = np.searchsorted(calls["rcid"].to_numpy(), votes["rcid"].to_numpy())
    matrix[rows, cols] = votes["vote"].to_numpy(dtype=np.int8)
    def fit_progress(iteration: int, max_iter: int, change: float) -> None:
        if iteration == 1:
            say("ideal points: no stored fit for these votes; fitting every session (about 40 s)")
        if iteration % 10 == 0:
            say(f"ideal points: EM iteration {iteration} of at most {max_iter}, largest change {change:.2g}")

    points = ideal_points(db, progress=fit_progress)
    sessions = np.arange(int(points["session"].min()), int(points["session"].max()) + 1, dtype=np.int16)
    ideal = np.full((len(codes), len(sessions)), np.nan, dtype=np.float32)
    se = np.full_like(ideal, np.nan)
    n = np.zeros(ideal.shape, dtype=np.int16)
    known = points[points["iso3"].isin(set(codes))]
    r = np.searchsorted(codes, known["iso3"].to_numpy(dtype=str))
    c = known["session"].to_numpy() - sessions[0]
    ideal[r, c] = known["ideal_point"].to_numpy()
    se[r, c] = known["se"].to_numpy()
    n[r, c] = known["n_votes"].to_numpy()

    def text(column: str) -> np.ndarray:
        return calls[column].astype("object").where(calls[column].notna(), "").astype(str).to_numpy()

    dates = pd.to_datetime(calls["date"], errors="coerce").dt.strftime("%Y-%m-%d").fillna("").to_numpy(dtype=str)
    return VoteData(
        codes=codes, names=np.array([names.get(str(code), str(code)) for code in codes], dtype=str),
        rcid=calls["rcid"].to_numpy(dtype=np.int64), session=calls["session"].to_numpy(dtype=np.int16),
        date=dates, unres=text("unres"), title=text("short"), label=text("session_label"), source=text("source"),
        amend=_flag(calls["amend"]), para=_flag(calls["para"]), important=_flag(calls["important"]),
        votes=matrix, ip_sessions=sessions, ideal=ideal, ideal_se=se, ip_n=n,
        meta={"description": description},
    )


def database_fingerprint(db: Database) -> str | None:
    """A cheap fingerprint of the vote tables (per-country counts and weighted sums, roll-call
    count and titles' length): changes whenever a vote is added, removed or changed. None
    when there are no votes."""
    try:
        rows = db.query("SELECT iso3, COUNT(*), SUM(vote), SUM(CAST(vote AS BIGINT) * rcid) FROM votes "
                        "GROUP BY iso3 ORDER BY iso3")
        calls = db.query("SELECT COUNT(*), SUM(CAST(rcid AS BIGINT) * session), "
                         "SUM(LENGTH(COALESCE(short, ''))) FROM roll_calls")
    except Exception:  # noqa: BLE001 - no vote tables in this database
        return None
    if not rows:
        return None
    digest = hashlib.sha256(repr((FORMAT_VERSION, rows, calls)).encode())
    return digest.hexdigest()[:24]


def cache_path(fingerprint: str) -> Path:
    from blocwatch import config

    return config.data_dir() / "cache" / f"votes-{fingerprint}.npz"


def database_votes(db: Database, *, progress: Progress | None = None, description: str = "") -> VoteData | None:
    """The database's votes from the data-folder cache when they are unchanged, else read and
    cached. None when the database holds no votes."""
    fingerprint = database_fingerprint(db)
    if fingerprint is None:
        return None
    if fingerprint in _LOADED:  # a long-running process (the web server) reads the file once
        _LOADED[fingerprint].meta["description"] = description
        return _LOADED[fingerprint]
    path = cache_path(fingerprint)
    if path.exists():
        try:
            data = VoteData.load(path)
            data.meta["description"] = description
            return _remember(fingerprint, data)
        except (OSError, ValueError, KeyError, AnalysisError):
            pass  # a damaged or older cache: rebuilt below
    if progress:
        progress(f"reading the votes of {db.target} (first use of these votes; cached in {path})")
    data = from_database(db, progress=progress, description=description)
    with contextlib.suppress(OSError):  # a read-only data folder: works, only slower next time
        data.save(path, compress=False)
    return _remember(fingerprint, data)


#: Vote data already read in this process, by database fingerprint (the last two).
_LOADED: dict[str, VoteData] = {}


def _remember(fingerprint: str, data: VoteData) -> VoteData:
    data.meta["fingerprint"] = fingerprint
    while len(_LOADED) >= 2:
        _LOADED.pop(next(iter(_LOADED)))
    _LOADED[fingerprint] = data
    return data


@functools.cache
def builtin_votes() -> VoteData:
    """The copy of the UNGA votes shipped with the package (read once per process)."""
    source = resources.files("blocwatch.analyze").joinpath(f"data/{BUILTIN_NAME}")
    if not source.is_file():
        raise AnalysisError(f"the built-in vote data ({BUILTIN_NAME}) is missing from this installation; "
                            "run scripts/build_builtin_votes.py or import votes with `blocwatch votes import DIR`")
    with source.open("rb") as handle:
        return VoteData.load(handle)


def build_builtin(folder: Path, out: Path, progress: Progress | None = None) -> VoteData:
    """Import the vote files under ``folder`` into a temporary DuckDB, fit the ideal points and
    write the compact copy to ``out`` (what ``scripts/build_builtin_votes.py`` runs)."""
    from blocwatch.analyze.votes import import_votes
    from blocwatch.store.db import connect

    say = progress or (lambda _line: None)
    with tempfile.TemporaryDirectory(prefix="blocwatch-builtin-") as tmp, connect(str(Path(tmp) / "v.duckdb")) as db:
        say(f"importing {folder}")
        summary = import_votes(db, folder, report=say)
        if not summary.ok:
            raise AnalysisError(f"{folder}: the vote files did not import cleanly")
        data = from_database(db, progress=say)
    first, last = data.first_session, data.last_session
    dated = sorted(d for d in data.date if d)
    data.meta = {
        "description": (f"built-in copy of the UNGA votes, sessions {first}-{last} "
                        f"({dated[0]} to {dated[-1]}; {len(data.rcid):,} roll calls, "
                        f"{int((data.votes > 0).sum()):,} votes; Voeten's data to session 74, "
                        "UN DGACM from session 75)"),
        "files": {p.name: hashlib.sha256(p.read_bytes()).hexdigest()[:16]
                  for p in sorted(folder.glob("*.csv.gz"))},
    }
    data.save(out)
    return data
