"""Build the built-in copy of the UN General Assembly votes shipped with blocwatch.

Reads the vote files of ``../shared/data/unga`` (or the folder given), imports them with
blocwatch's own importer into a temporary DuckDB, fits the dynamic ideal points of every
session and writes ``src/blocwatch/analyze/data/unga_builtin.npz``: an int8 country x
roll-call vote matrix, the roll calls' metadata and the ideal points with their standard
errors (layout: ``blocwatch.analyze.assessment.votedata``). About a minute.

    .venv/bin/python scripts/build_builtin_votes.py [FOLDER] [--out PATH]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from blocwatch.analyze.assessment.votedata import BUILTIN_NAME, build_builtin

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default=str(ROOT.parent / "shared" / "data" / "unga"))
    parser.add_argument("--out", default=str(ROOT / "src" / "blocwatch" / "analyze" / "data" / BUILTIN_NAME))
    args = parser.parse_args()
    started = time.perf_counter()
    data = build_builtin(Path(args.folder), Path(args.out), progress=lambda line: print(line, file=sys.stderr))
    size = Path(args.out).stat().st_size
    print(f"{args.out}: {len(data.codes)} countries, {len(data.rcid)} roll calls, sessions "
          f"{data.first_session}-{data.last_session}, {size / 1e6:.2f} MB, {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
