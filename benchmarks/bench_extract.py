"""Speed and memory of `blocwatch extract` against bare spaCy on the same text, same run.

Builds at least --words words (default 50,000) by repeating the project's gold documents
and the bundled sample, then times, each in its own process with the model load included:

  bare      spaCy nlp.pipe over the document texts (blocwatch.extract.nlp.load_pipeline)
  bare-one  spaCy on BIG.txt, all the text as one document
  single    `blocwatch extract BIG.txt`              (compared with bare-one)
  files-w1  `blocwatch extract F1.txt F2.txt ...`    (the same text as separate documents)
  files-w2  `blocwatch extract --workers 2 F1.txt ...`

  files-t0  as files-w1 with BLOCWATCH_PARSE_THREAD=0: spaCy in the main thread, no overlap
  rules-w1  as files-w1 with BLOCWATCH_MODEL=off: the rules alone, without the learned model

The model's share of the time is files-w1 less rules-w1, printed as a share of files-w1.

and prints wall and CPU seconds, words/s, the ratio to bare spaCy and peak memory: the
largest single process (getrusage RUSAGE_CHILDREN of a launcher) and, with psutil, the
sampled peak of the whole process tree. Issue targets: >= 3,000 words/s, >= 0.5 of bare
spaCy, peak < 1.5 GB (issue 7, with the model).

    .venv/bin/python benchmarks/bench_extract.py [--words 50000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted((ROOT / "tests" / "gold" / "docs").glob("*.txt")) + [ROOT / "samples" / "ankara-moscow-2024.txt"]

#: runs a command as its child and writes that child's peak RSS (kB on Linux) and CPU
#: seconds (user + system, its own workers included) to a file: the launcher's
#: RUSAGE_CHILDREN covers only this one measurement
LAUNCHER = (
    "import resource, subprocess, sys\n"
    "code = subprocess.call(sys.argv[2:], stdout=subprocess.DEVNULL)\n"
    "usage = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "open(sys.argv[1], 'w').write(f'{usage.ru_maxrss} {usage.ru_utime + usage.ru_stime}')\n"
    "sys.exit(code)\n"
)

BARE_SPACY = (
    "import sys\n"
    "from pathlib import Path\n"
    "from blocwatch.extract.nlp import load_pipeline\n"
    "nlp = load_pipeline()\n"
    "texts = [Path(p).read_text(encoding='utf-8') for p in sys.argv[1:]]\n"
    "tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=8))\n"
    "print(tokens)\n"
)


@dataclass
class Run:
    baseline: str
    name: str
    seconds: float
    max_process_mb: float
    tree_peak_mb: float | None
    status: int
    cpu_seconds: float = 0.0


def build_corpus(directory: Path, words: int) -> tuple[Path, list[Path], int]:
    """One big file and the same text as separate files; returns (big, files, word count)."""
    texts = [p.read_text(encoding="utf-8").strip() for p in SOURCES]
    files: list[Path] = []
    chunks: list[str] = []
    total = 0
    while total < words:
        for text in texts:
            path = directory / f"doc{len(files):04d}.txt"
            path.write_text(text + "\n", encoding="utf-8")
            files.append(path)
            chunks.append(text)
            total += len(text.split())
            if total >= words:
                break
    big = directory / "big.txt"
    big.write_text("\n\n".join(chunks) + "\n", encoding="utf-8")
    return big, files, total


def measure(name: str, command: list[str], workdir: Path, baseline: str = "bare",
            env: dict[str, str] | None = None) -> Run:
    rss_file = workdir / f"{name}.maxrss"
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", LAUNCHER, str(rss_file), *command],
                               env={**os.environ, **(env or {})})
    tree_peak, single_peak, tree_cpu = _sample_tree(process)
    status = process.wait()
    seconds = time.perf_counter() - started
    max_kb, cpu = (float(x) for x in rss_file.read_text().split()) if rss_file.exists() else (0.0, 0.0)
    # worker processes are grandchildren (of a forkserver) whose rusage may not reach the
    # launcher: take the larger of getrusage and the sampled figures
    return Run(baseline, name, seconds, max(max_kb / 1024, single_peak), tree_peak, status, max(cpu, tree_cpu))


def _sample_tree(process: subprocess.Popen[bytes]) -> tuple[float | None, float, float]:
    """(peak summed RSS of the launcher's process tree, peak RSS of its largest single
    process) in MB, and the CPU seconds of the tree's processes when last seen, sampled
    every 50 ms; (None, 0, 0) without psutil."""
    try:
        import psutil
    except ImportError:
        return None, 0.0, 0.0
    peak = single = 0
    cpu: dict[int, float] = {}
    try:
        root = psutil.Process(process.pid)
        while process.poll() is None:
            total = 0
            for proc in [root, *root.children(recursive=True)]:
                try:
                    rss = proc.memory_info().rss
                    times = proc.cpu_times()
                except psutil.Error:
                    continue
                cpu[proc.pid] = times.user + times.system
                total += rss
                single = max(single, rss)
            peak = max(peak, total)
            time.sleep(0.05)
    except psutil.Error:
        pass
    return peak / 2**20, single / 2**20, sum(cpu.values())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--words", type=int, default=50_000)
    parser.add_argument("--keep", type=Path, help="build the corpus here and keep it")
    args = parser.parse_args()
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="bench-extract-"))
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        big, files, words = build_corpus(workdir, args.words)
        blocwatch = [sys.executable, "-m", "blocwatch", "extract"]
        names = [str(f) for f in files]
        print(f"corpus: {words} words, {len(files)} documents (and one file of all of them)")
        runs = [
            measure("bare", [sys.executable, "-c", BARE_SPACY, *names], workdir),
            measure("bare-one", [sys.executable, "-c", BARE_SPACY, str(big)], workdir, "bare-one"),
            measure("single", [*blocwatch, str(big)], workdir, "bare-one"),
            measure("files-w1", [*blocwatch, *names], workdir),
            measure("files-w2", [*blocwatch, "--workers", "2", *names], workdir),
            measure("files-t0", [*blocwatch, *names], workdir, env={"BLOCWATCH_PARSE_THREAD": "0"}),
            measure("rules-w1", [*blocwatch, *names], workdir, env={"BLOCWATCH_MODEL": "off"}),
        ]
        report(runs, words)
        return 0 if all(r.status == 0 for r in runs) else 1
    finally:
        if args.keep is None:
            shutil.rmtree(workdir, ignore_errors=True)


def report(runs: list[Run], words: int) -> None:
    seconds = {run.name: run.seconds for run in runs}
    print(f"{'run':<10} {'seconds':>8} {'cpu s':>6} {'words/s':>9} {'x bare':>7} {'max proc MB':>12} {'tree MB':>8} status")
    figures = {}
    for run in runs:
        rate = words / run.seconds
        ratio = seconds[run.baseline] / run.seconds
        tree = f"{run.tree_peak_mb:8.0f}" if run.tree_peak_mb is not None else f"{'-':>8}"
        print(f"{run.name:<10} {run.seconds:8.1f} {run.cpu_seconds:6.1f} {rate:9.0f} {ratio:7.2f} "
              f"{run.max_process_mb:12.0f} {tree} {run.status}")
        figures[run.name] = {"seconds": round(run.seconds, 2), "cpu_seconds": round(run.cpu_seconds, 2),
                             "words_per_s": round(rate),
                             "ratio_to_bare": round(ratio, 3), "max_process_mb": round(run.max_process_mb),
                             "tree_peak_mb": None if run.tree_peak_mb is None else round(run.tree_peak_mb)}
    print("x bare: against bare spaCy on the same documents (bare-one for the single file); cpu s: user +")
    print("system time of the run and its workers (one blocwatch process parses in a second thread)")
    if "rules-w1" in seconds and "files-w1" in seconds:
        share = max(seconds["files-w1"] - seconds["rules-w1"], 0.0) / seconds["files-w1"]
        print(f"the learned model's share of files-w1: {share:.0%} "
              f"({seconds['files-w1'] - seconds['rules-w1']:.1f} s of {seconds['files-w1']:.1f} s)")
    print("targets: >= 3000 words/s, >= 0.5 x bare spaCy, peak < 1536 MB (one process, model load included)")
    print(json.dumps({"words": words, "cpus": os.cpu_count(), "runs": figures}))


if __name__ == "__main__":
    sys.exit(main())
