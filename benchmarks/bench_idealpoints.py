"""Benchmark: dynamic ordinal ideal points for all UNGA sessions.

Prints wall time and peak memory of one full fit, the per-session Pearson r
against the published Bailey-Strezhnev-Voeten estimates (median over sessions
30-78, minimum, the worst five), and, side by side, R's pscl::ideal (binary IRT,
yes = 1, no = 0, abstain = NA) fitted per session on every 5th session 30-78 with
modest MCMC: its time and correlation on the same sessions.

    .venv/bin/python benchmarks/bench_idealpoints.py [--pscl-every 5] [--maxiter 2000]
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import numpy as np
import pandas as pd

from blocwatch.analyze.idealpoints import FitInfo, estimate_ideal_points

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "unga"
HERE = Path(__file__).resolve().parent


def load() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    roll_calls = pd.read_csv(DATA / "roll_calls.csv.gz", low_memory=False)
    votes = pd.read_csv(DATA / "votes.csv.gz", usecols=["rcid", "country_iso3", "vote"])
    votes = votes.merge(roll_calls[["rcid", "session"]], on="rcid")
    published = pd.read_csv(DATA / "idealpoints.csv.gz")[["iso3c", "session", "IdealPointAll"]]
    return votes, roll_calls, published.rename(columns={"iso3c": "iso3"})


def per_session_r(estimates: pd.DataFrame, published: pd.DataFrame) -> pd.Series:
    both = estimates.merge(published, on=["iso3", "session"]).dropna(subset=["IdealPointAll"])
    return both.groupby("session")[["ideal_point", "IdealPointAll"]].apply(
        lambda g: float(np.corrcoef(g["ideal_point"], g["IdealPointAll"])[0, 1]) if len(g) > 2 else np.nan)


def run_pscl(votes: pd.DataFrame, sessions: list[int], maxiter: int, burnin: int, thin: int) -> pd.DataFrame | None:
    rscript = shutil.which("Rscript")
    if not rscript:
        print("Rscript not found: pscl::ideal comparison skipped (apt-get install r-base-core r-cran-pscl)")
        return None
    with tempfile.TemporaryDirectory() as tmp:
        for session in sessions:
            v = votes[votes["session"] == session]
            wide = v.pivot_table(index="country_iso3", columns="rcid", values="vote", aggfunc="first")
            coded = wide.replace({"yes": 1, "no": 0, "abstain": np.nan}).astype(float)
            # Roll calls without both a yes and a no carry no information for a binary model.
            keep = (coded.eq(1).sum() > 0) & (coded.eq(0).sum() > 0)
            coded = coded.loc[:, keep]
            coded = coded[coded.notna().sum(axis=1) >= 5]
            coded.index.name = "iso3"
            coded.to_csv(Path(tmp) / f"session_{session}.csv", na_rep="NA")
        out = Path(tmp) / "pscl.csv"
        started = time.perf_counter()
        proc = subprocess.run([rscript, str(HERE / "pscl_ideal.R"), tmp, str(out), str(maxiter), str(burnin),
                               str(thin)], capture_output=True, text=True)
        wall = time.perf_counter() - started
        if proc.returncode != 0 or not out.exists():
            print(f"pscl::ideal failed: {proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else proc.returncode}")
            return None
        fitted = pd.read_csv(out)
    # pscl's sign is arbitrary per session: orient each session so the US is above the mean.
    for _session, group in fitted.groupby("session"):
        us = group.loc[group["iso3"] == "USA", "ideal_point"]
        if len(us) and us.iloc[0] < group["ideal_point"].mean():
            fitted.loc[group.index, "ideal_point"] *= -1
    fitted.attrs["wall"] = wall
    return fitted


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pscl-every", type=int, default=5, help="pscl on every k-th session 30-78 (0: skip)")
    parser.add_argument("--maxiter", type=int, default=2000, help="pscl MCMC iterations")
    parser.add_argument("--burnin", type=int, default=500)
    parser.add_argument("--thin", type=int, default=10)
    args = parser.parse_args()

    votes, roll_calls, published = load()
    print(f"data: {len(votes):,} votes, {votes['rcid'].nunique():,} roll calls, "
          f"sessions {votes['session'].min()}-{votes['session'].max()}")
    info: list[FitInfo] = []
    tracemalloc.start()
    started = time.perf_counter()
    estimates = estimate_ideal_points(votes, roll_calls, info=info)
    seconds = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    fit = info[0]
    print(f"blocwatch fit: {seconds:.1f} s wall (target <= 60 s), peak traced memory {peak / 2**20:.0f} MiB, "
          f"max RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB; "
          f"{fit.iterations} EM iterations (last max change {fit.last_change:.1e}), {fit.n_items:,} contested "
          f"roll calls, {fit.n_bridged:,} of them in {fit.n_families:,} repeated-resolution families")
    r = per_session_r(estimates, published)
    window = r.loc[30:78].dropna()
    print(f"Pearson r vs Bailey-Strezhnev-Voeten IdealPointAll, sessions 30-78: median {window.median():.4f} "
          f"(target >= 0.95), min {window.min():.4f} (session {int(window.idxmin())})")
    worst = window.sort_values().head(5)
    print("worst 5: " + ", ".join(f"{int(s)}: {v:.3f}" for s, v in worst.items()))
    early = r.loc[1:29].dropna()
    both = estimates.merge(published, on=["iso3", "session"]).dropna(subset=["IdealPointAll"])
    late = both[both["session"].between(30, 78)]
    # Pooled over all country-sessions: do values compare across sessions (the bridge)?
    print(f"pooled r over country-sessions: 1-78 {np.corrcoef(both['ideal_point'], both['IdealPointAll'])[0, 1]:.4f}, "
          f"30-78 {np.corrcoef(late['ideal_point'], late['IdealPointAll'])[0, 1]:.4f}")
    print(f"sessions 1-29: median {early.median():.4f}, min {early.min():.4f}")

    if args.pscl_every > 0:
        sessions = list(range(30, 79, args.pscl_every))
        fitted = run_pscl(votes, sessions, args.maxiter, args.burnin, args.thin)
        if fitted is not None:
            r_pscl = per_session_r(fitted, published)
            print(f"\npscl::ideal (binary, abstain = NA; maxiter {args.maxiter}, burnin {args.burnin}, "
                  f"thin {args.thin}) on {len(sessions)} sessions, one fit each; "
                  f"R total wall {fitted.attrs['wall']:.1f} s")
            print(f"{'session':>7} {'pscl s':>8} {'pscl r':>8} {'blocwatch r':>12}")
            total = 0.0
            for session in sessions:
                t = float(fitted.loc[fitted["session"] == session, "seconds"].iloc[0])
                total += t
                print(f"{session:>7} {t:>8.1f} {r_pscl.get(session, np.nan):>8.3f} {r.get(session, np.nan):>12.3f}")
            print(f"pscl: {total:.1f} s for {len(sessions)} sessions (~{total / len(sessions) * 77:.0f} s if "
                  f"run on all 77); median r {r_pscl.median():.4f}. blocwatch: {seconds:.1f} s for all "
                  f"sessions jointly; median r on the same sessions {r.loc[sessions].median():.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
