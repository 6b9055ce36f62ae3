"""Progress on standard error: a bar on a terminal, a line now and then otherwise, and a
time estimate only once there is something to estimate from."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pandas as pd

from blocwatch.progress import FitProgress, Progress
from votes_testdata import UNGA, needs_unga


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_progress_estimates_first_estimate_is_sane_on_a_terminal() -> None:
    clock, screen = Clock(), Terminal()
    bar = Progress(35, stream=screen, clock=clock)
    clock.now = 20.0          # loading the model: no document done yet
    estimates = []
    for _ in range(35):
        clock.now += 1.0      # then one document a second: a 35 s job
        bar.step()
        estimates.append(bar.left())
    assert estimates[:2] == [None, None]            # nothing said before a few documents are done
    assert all(left is not None and left <= 35 for left in estimates[3:])
    assert estimates[3] is not None and abs(estimates[3] - 31) <= 2
    last = screen.getvalue().split("\r")[-1]
    assert "35/35 docs" in last and "0:00 left" in last


def test_progress_estimates_rate_follows_the_recent_pace() -> None:
    clock = Clock()
    bar = Progress(1000, stream=io.StringIO(), clock=clock)
    for _ in range(100):      # slow at first ...
        clock.now += 2.0
        bar.step()
    for _ in range(400):      # ... then ten times faster: after a minute the rate is the new one
        clock.now += 0.2
        bar.step()
    rate = bar.rate()
    assert rate is not None and 4.8 <= rate <= 5.2


def test_progress_estimates_plain_lines_off_a_terminal() -> None:
    clock, log = Clock(), io.StringIO()
    bar = Progress(100, unit="docs", label="blocwatch ingest", stream=log, clock=clock, interval=10.0)
    for _ in range(100):
        clock.now += 0.5
        bar.step()
    bar.finish()
    lines = log.getvalue().splitlines()
    assert len(lines) == 4 and "\r" not in log.getvalue()   # every 10 s of a 50 s job
    assert lines[0].startswith("blocwatch ingest: 20/100 docs (20%), 2.0 docs/s, about 0:40 left")


def test_progress_estimates_fit_says_what_it_fits() -> None:
    clock, log = Clock(), io.StringIO()
    fit = FitProgress("blocwatch idealpoints", "fitting ideal points", stream=log, clock=clock)
    for iteration in range(1, 41):
        clock.now += 0.25
        fit(iteration, 150, 0.1)
    fit.finish()
    lines = log.getvalue().splitlines()
    assert lines[0] == "blocwatch idealpoints: fitting ideal points"
    assert lines[1].startswith("blocwatch idealpoints: 21/150 iterations (14%), 4.0 iterations/s, about 0:32 left")
    assert lines[-1] == "blocwatch idealpoints: fitted in 9.8 s (40 iterations)"


@needs_unga
def test_progress_estimates_idealpoints_reports_its_fit_on_stderr(tmp_path: Path) -> None:
    from blocwatch.analyze.votes import import_votes
    from blocwatch.store.db import connect

    folder = tmp_path / "unga"
    folder.mkdir()
    roll_calls = pd.read_csv(UNGA / "roll_calls.csv.gz", low_memory=False)
    part = roll_calls[roll_calls["session"].between(71, 72)]
    part.to_csv(folder / "roll_calls.csv.gz", index=False)
    votes = pd.read_csv(UNGA / "votes.csv.gz", low_memory=False)
    votes[votes["rcid"].isin(part["rcid"])].to_csv(folder / "votes.csv.gz", index=False)
    db = str(tmp_path / "ip.duckdb")
    with connect(db) as database:
        import_votes(database, folder)
    command = [sys.executable, "-m", "blocwatch", "idealpoints", "--db", db, "--country", "PAK"]
    first = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert first.returncode == 0, first.stderr
    assert first.stderr.startswith("blocwatch idealpoints: fitting ideal points on all sessions")
    assert "fitted in" in first.stderr
    again = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert again.stderr == ""     # stored: nothing to fit, nothing to say
