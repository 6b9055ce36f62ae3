"""Agreement between countries in UN General Assembly votes.

Votes are coded 1 yes, 2 abstain, 3 no. For two countries, on the roll calls where both
cast one of these votes:

* ``agree``      Voeten's half-credit index: mean of 1 - |a - b| / 2 (an abstention against
                 a yes or a no counts as half agreement);
* ``s_score``    unweighted Signorino-Ritter S with absolute distances, 1 - 2·mean|a-b|/2,
                 which equals 2·agree - 1;
* ``kappa``      Cohen's kappa on the three categories, each country's own marginal
                 distribution taken over the same common roll calls; undefined (NaN) when
                 chance agreement is 1 (both always cast the same single vote);
* ``identical``  share of identical votes.

Everything is computed with matrix products over one-hot country × roll-call matrices, so
one session's full dyad matrix costs a handful of small BLAS calls."""

from __future__ import annotations

import contextlib
import importlib
import math
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import pandas as pd

from blocwatch.analyze.votes import ISSUE_CODES, country_names, load_votes
from blocwatch.errors import AnalysisError, UnknownCountryError, UsageError
from blocwatch.store.db import Database

MEASURES = ("agree", "s_score", "kappa", "identical")
ROW_COLUMNS = ["session", "year", "n_votes", "agree", "s_score", "kappa", "identical"]
#: The session from which the data come from the UN DGACM extract (adopted resolutions only).
SOURCE_BREAK_SESSION = 75


def session_year(session: int) -> int:
    """Calendar year in which regular session ``session`` opened (session 1: 1946)."""
    return 1945 + int(session)


@dataclass
class PairMatrices:
    """Dyad measures for the countries ``codes`` (square arrays, NaN where n_votes is 0)."""

    codes: list[str]
    n_votes: np.ndarray
    agree: np.ndarray
    s_score: np.ndarray
    kappa: np.ndarray
    identical: np.ndarray


@contextlib.contextmanager
def single_threaded_blas() -> Iterator[None]:
    """Run BLAS on one thread: the products here are small (a few hundred rows), and on a
    busy two-core machine multi-threaded BLAS spends more time waiting than computing
    (measured: 6x slower for the all-session matrix)."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # optional: without it the figures are the same, only slower
        yield
        return
    with threadpool_limits(limits=1, user_api="blas"):
        yield


def pair_matrices(votes: pd.DataFrame) -> PairMatrices:
    """All-dyad measures over the roll calls in ``votes`` (columns rcid, iso3, vote)."""
    codes = sorted(votes["iso3"].unique().tolist())
    rcids = np.sort(votes["rcid"].unique())
    rows = np.searchsorted(np.array(codes, dtype=object), votes["iso3"].to_numpy(dtype=object))
    cols = np.searchsorted(rcids, votes["rcid"].to_numpy())
    value = votes["vote"].to_numpy().astype(np.int64)
    size = len(codes)
    onehot = np.zeros((3 * size, len(rcids)), dtype=np.float64)
    onehot[(value - 1) * size + rows, cols] = 1.0
    # One Gram product gives every block K_i · K_j^T (K = yes, abstain, no indicators): a
    # single BLAS call per session instead of a dozen small ones, which matters when other
    # processes compete for the cores.
    with single_threaded_blas():
        gram = onehot @ onehot.T
    block = [[gram[i * size:(i + 1) * size, j * size:(j + 1) * size] for j in range(3)] for i in range(3)]
    n: np.ndarray = np.add.reduce([block[i][j] for i in range(3) for j in range(3)])
    same = block[0][0] + block[1][1] + block[2][2]
    # |a - b| is 1 for yes/abstain and abstain/no pairs, 2 for yes/no pairs.
    distance = block[0][1] + block[1][0] + block[1][2] + block[2][1] + 2.0 * (block[0][2] + block[2][0])
    with np.errstate(invalid="ignore", divide="ignore"):
        agree = 1.0 - distance / (2.0 * n)
        identical = same / n
        # Each country's marginals over the roll calls both voted on: the row country's count
        # of category k where the column country voted, times the column country's count.
        row_counts = [sum(block[k][j] for j in range(3)) for k in range(3)]
        col_counts = [sum(block[i][k] for i in range(3)) for k in range(3)]
        chance = sum(row_counts[k] * col_counts[k] for k in range(3)) / (n * n)
        kappa = (identical - chance) / (1.0 - chance)
    kappa[np.isclose(chance, 1.0)] = np.nan
    empty = n == 0
    for array in (agree, identical, kappa):
        array[empty] = np.nan
    return PairMatrices(codes, n.astype(np.int64), agree, 2.0 * agree - 1.0, kappa, identical)


def dyad_measures(a: np.ndarray, b: np.ndarray) -> dict[str, float]:
    """The four measures for two aligned vote vectors (roll calls where both voted)."""
    n = len(a)
    if n == 0:
        return {"n_votes": 0, "agree": math.nan, "s_score": math.nan, "kappa": math.nan, "identical": math.nan}
    agree = float(np.mean(1.0 - np.abs(a - b) / 2.0))
    identical = float(np.mean(a == b))
    chance = float(sum(np.mean(a == k) * np.mean(b == k) for k in (1, 2, 3)))
    kappa = math.nan if math.isclose(chance, 1.0) else (identical - chance) / (1.0 - chance)
    return {"n_votes": n, "agree": agree, "s_score": 2.0 * agree - 1.0, "kappa": kappa, "identical": identical}


# --- countries --------------------------------------------------------------------------------


def resolve_country(db: Database, text: str) -> str:
    """ISO3 for ``text``: an ISO3 code with votes, a gazetteer name, or a name in the vote data."""
    query = text.strip()
    if not query:
        raise AnalysisError("empty country name")
    names = country_names(db)
    with_votes = {str(r[0]) for r in db.query("SELECT DISTINCT iso3 FROM votes")}
    if not with_votes:
        raise AnalysisError(f"{db.target}: no UN votes stored yet, so no country can be looked up: "
                            "import the vote data first (blocwatch votes import DIR, or blocwatch votes fetch)")
    if query.upper() in with_votes and len(query) == 3:
        return query.upper()
    try:
        # The gazetteer (refdata stage) knows aliases such as "US"; optional here.
        gazetteer = importlib.import_module("blocwatch.extract.gazetteer")
        found = gazetteer.country_by_name(query)
    except (ImportError, AttributeError):
        found = None
    code = getattr(found, "iso3", found)
    if isinstance(code, str) and code.upper() in with_votes:
        return code.upper()
    folded = query.casefold()
    for iso3, name in names.items():
        if name.casefold() == folded and iso3 in with_votes:
            return iso3
    raise UnknownCountryError(f"unknown country {text!r}: not an ISO3 code or a name of a country with UN "
                              "votes in this database")


# --- one dyad over time -----------------------------------------------------------------------


def _check_filters(by: str, issue: str | None) -> None:
    if by not in ("session", "year"):
        raise UsageError(f"--by must be session or year, not {by!r}")
    if issue and issue.lower() not in ISSUE_CODES:
        raise UsageError(f"unknown issue {issue!r}; use one of {', '.join(ISSUE_CODES)}")


def align(db: Database, a: str, b: str, from_year: int | None = None, to_year: int | None = None,
          by: str = "session", issue: str | None = None, important: bool = False,
          contested: bool = False) -> pd.DataFrame:
    """One row per session (or calendar year) with the dyad's measures.

    ``by="session"``: whole sessions whose opening year (1945 + session) lies in
    [from_year, to_year]; ``year`` is that opening year. ``by="year"``: roll calls dated in
    each calendar year; ``session`` names the session(s) they belong to ("76" or "76/77").
    ``contested`` drops unanimous roll calls (Voeten's convention for his published scores)."""
    _check_filters(by, issue)
    code_a, code_b = resolve_country(db, a), resolve_country(db, b)
    if code_a == code_b:
        raise AnalysisError(f"{code_a} against itself: give two different countries")
    votes = load_votes(db, issue=issue, important=important, countries=[code_a, code_b], contested=contested)
    wide = votes.pivot_table(index=["rcid", "session", "year"], columns="iso3", values="vote",
                             aggfunc="first").dropna().reset_index()
    if code_a not in wide.columns or code_b not in wide.columns or wide.empty:
        raise AnalysisError(f"{code_a} and {code_b} never both voted on the selected roll calls")
    wide["opened"] = wide["session"].map(session_year)
    period = "opened" if by == "session" else "year"
    if from_year is not None:
        wide = wide[wide[period] >= from_year]
    if to_year is not None:
        wide = wide[wide[period] <= to_year]
    if wide.empty:
        unit = "sessions opening" if by == "session" else "roll calls"
        if from_year is not None and to_year is not None:
            span = f"{from_year} to {to_year}" if from_year != to_year else f"{from_year}"
            span = f"in {span}"
        elif from_year is not None:
            span = f"in {from_year} or later"
        else:
            span = f"in {to_year} or earlier"
        raise AnalysisError(f"{code_a} and {code_b}: no common votes on {unit} {span}")
    rows = []
    for key, group in wide.groupby("session" if by == "session" else "year", sort=True):
        measures = dyad_measures(group[code_a].to_numpy(float), group[code_b].to_numpy(float))
        if by == "session":
            label: object = int(key)
            year = session_year(int(key))
        else:
            label = "/".join(str(s) for s in sorted(group["session"].unique()))
            year = int(key)
        rows.append({"session": label, "year": year, **measures})
    frame = pd.DataFrame(rows, columns=ROW_COLUMNS)
    frame.attrs.update({"a": code_a, "b": code_b, "by": by})
    return frame


# --- one country against all others -----------------------------------------------------------


def top_partners(db: Database, a: str, session: int, k: int = 10, compare: int | None = None,
                 min_votes: int | None = 10, floor: float = 0.3) -> pd.DataFrame:
    """The ``k`` countries closest to and farthest from ``a`` in ``session`` by ``agree``
    (ties broken by name), with their agreement in the ``compare`` session (default 10
    sessions earlier) and the change. Countries with fewer than ``min_votes`` common votes
    are left out (a handful of votes says little); ``min_votes=None`` takes ``floor`` of
    the roll calls ``a`` voted on in the session (at least 10). The frame's attrs say
    which floor was used (``min_votes``) and of how many roll calls (``roll_calls``)."""
    code = resolve_country(db, a)
    compare = session - 10 if compare is None else compare
    names = country_names(db)
    in_session = load_votes(db, from_session=session, to_session=session, countries=[code])
    roll_calls = int(in_session["rcid"].nunique()) if not in_session.empty else 0
    if min_votes is None:
        min_votes = max(10, math.ceil(floor * roll_calls))
    now = _row_for(db, code, session, min_votes)
    if now.empty:
        raise AnalysisError(f"{code} has no common votes with anyone in session {session}")
    before = _row_for(db, code, compare, min_votes)
    now["name"] = now["iso3"].map(lambda c: names.get(c, c))
    merged = now.merge(before[["iso3", "agree", "n_votes"]].rename(
        columns={"agree": "agree_compare", "n_votes": "n_votes_compare"}), on="iso3", how="left")
    merged["n_votes_compare"] = merged["n_votes_compare"].astype("Int64")
    merged["change"] = merged["agree"] - merged["agree_compare"]
    closest = merged.sort_values(["agree", "name"], ascending=[False, True]).head(k).assign(side="closest")
    farthest = merged.sort_values(["agree", "name"], ascending=[True, True]).head(k).assign(side="farthest")
    out = pd.concat([closest, farthest], ignore_index=True)
    out["rank"] = out.groupby("side").cumcount() + 1
    out["session"], out["compare_session"] = session, compare
    out = out[["side", "rank", "iso3", "name", "session", "n_votes", "agree", "compare_session",
                "n_votes_compare", "agree_compare", "change"]].reset_index(drop=True)
    out.attrs.update({"a": code, "min_votes": min_votes, "roll_calls": roll_calls})
    return out


def _row_for(db: Database, code: str, session: int, min_votes: int) -> pd.DataFrame:
    votes = load_votes(db, from_session=session, to_session=session)
    if votes.empty or code not in set(votes["iso3"]):
        return pd.DataFrame(columns=["iso3", "n_votes", "agree"])
    mats = pair_matrices(votes)
    i = mats.codes.index(code)
    frame = pd.DataFrame({"iso3": mats.codes, "n_votes": mats.n_votes[i], "agree": mats.agree[i]})
    return frame[(frame["iso3"] != code) & (frame["n_votes"] >= max(min_votes, 1))].reset_index(drop=True)


# --- every dyad -------------------------------------------------------------------------------


def agreement_matrix(db: Database, from_session: int | None = None, to_session: int | None = None,
                     issue: str | None = None, important: bool = False,
                     votes: pd.DataFrame | None = None, contested: bool = False) -> pd.DataFrame:
    """Every dyad in every session of the range, long format: a, b, session, n_votes, agree,
    s_score, kappa, identical. One row per unordered pair (a < b) with at least one common vote."""
    _check_filters("session", issue)
    if votes is None:
        votes = load_votes(db, from_session, to_session, issue=issue, important=important, contested=contested)
    parts = []
    for session, group in votes.groupby("session", sort=True):
        mats = pair_matrices(group)
        upper_a, upper_b = np.triu_indices(len(mats.codes), k=1)
        keep = mats.n_votes[upper_a, upper_b] > 0
        ia, ib = upper_a[keep], upper_b[keep]
        codes = np.array(mats.codes, dtype=object)
        parts.append(pd.DataFrame({
            "a": codes[ia], "b": codes[ib], "session": int(session),
            "n_votes": mats.n_votes[ia, ib],
            "agree": mats.agree[ia, ib], "s_score": mats.s_score[ia, ib],
            "kappa": mats.kappa[ia, ib], "identical": mats.identical[ia, ib],
        }))
    if not parts:
        if not db.query("SELECT 1 FROM votes LIMIT 1"):
            raise AnalysisError(f"{db.target}: no UN votes stored yet: import the vote data first "
                                "(blocwatch votes import DIR, or blocwatch votes fetch)")
        raise AnalysisError("no votes in the selected sessions")
    return pd.concat(parts, ignore_index=True)


def wide_matrix(long: pd.DataFrame, measure: str = "agree") -> pd.DataFrame:
    """One row per dyad (a, b), one column per session holding ``measure``."""
    if measure not in MEASURES + ("n_votes",):
        raise UsageError(f"unknown measure {measure!r}; use one of {', '.join(MEASURES)}")
    wide = long.pivot(index=["a", "b"], columns="session", values=measure)
    wide.columns = [f"{measure}_{int(s)}" for s in wide.columns]
    return wide.reset_index()
