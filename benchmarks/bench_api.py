"""The JSON API under load: `blocwatch serve` (a real uvicorn server on 127.0.0.1) asked by 20
concurrent clients, on a corpus of a few hundred documents and all UN votes.

Builds the database once (the real votes from ../shared/data/unga, the 73 VOA stories of
../shared/corpus/voa and generated documents made of the project's gold paragraphs, as in
bench_ingest.py, to --docs in all), starts the server, then for each endpoint sends a bounded
number of requests from --clients threads (one keep-alive connection each) and prints p50, p90,
p99 and requests/s, with GET /api/health in the same run as the baseline of the ratios. The
dyad questions rotate over --dyads pairs, so the first request of each is a cold one (computed
on a read-only connection); cold requests are reported separately too. Last, the same load
runs while `blocwatch ingest` writes more documents into the file: every answer counted by
status, stale ones (served from before the write, header X-Blocwatch-Stale) apart.

    .venv/bin/python benchmarks/bench_api.py [--docs 300] [--clients 20] [--requests 2000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import http.client
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "benchmarks"))
from bench_ingest import build_corpus  # noqa: E402

DYADS = [("PAK", "RUS"), ("TUR", "RUS"), ("IND", "USA"), ("CHN", "USA"), ("PAK", "USA"), ("IND", "RUS"),
         ("TUR", "USA"), ("CHN", "RUS"), ("IRN", "USA"), ("UKR", "RUS"), ("SAU", "USA"), ("BRA", "CHN")]


def build(work: Path, docs: int) -> Path:
    db = work / "api.duckdb"
    if db.exists():
        return db
    from blocwatch.analyze.votes import import_votes
    from blocwatch.store.db import connect

    with connect(str(db)) as conn:
        import_votes(conn, SHARED / "data" / "unga")
    voa = sorted((SHARED / "corpus" / "voa").glob("*.txt"))
    corpus = work / "generated"
    build_corpus(corpus, max(docs - len(voa), 0))
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "blocwatch", "ingest", *map(str, voa), str(corpus), "--db", str(db)],
                   check=True, stderr=subprocess.DEVNULL)
    print(f"built {db.name}: {len(voa)} VOA stories + {max(docs - len(voa), 0)} generated documents in "
          f"{time.perf_counter() - started:.0f} s")
    return db


def start_server(db: Path) -> tuple[subprocess.Popen[str], int]:
    proc = subprocess.Popen([sys.executable, "-m", "blocwatch", "serve", "--db", str(db), "--port", "0"],
                            stderr=subprocess.PIPE, text=True)
    assert proc.stderr is not None
    found = re.search(r"http://127\.0\.0\.1:(\d+)/", proc.stderr.readline())
    if not found:
        proc.kill()
        raise SystemExit("the server did not start")
    port = int(found.group(1))
    started = time.perf_counter()
    while time.perf_counter() - started < 300:  # the server computes the dashboard's first questions at start
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        conn.request("GET", "/api/health", headers={"Host": "127.0.0.1"})
        body = conn.getresponse().read()
        if b'"warm":true' in body or b'"warm"' not in body:  # an older server has no warm-up
            break
        conn.close()
        time.sleep(0.2)
    print(f"server warm (default questions answered, votes in memory) {time.perf_counter() - started:.1f} s "
          "after it started listening")
    return proc, port


def load(port: int, paths: list[str], clients: int) -> dict[str, object]:
    """Send ``paths`` (in order, shared by the clients); latency of each and the status counts."""
    lock = threading.Lock()
    queue = list(reversed(paths))
    latencies: list[tuple[str, float]] = []
    statuses: Counter[str] = Counter()

    def client() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        while True:
            with lock:
                if not queue:
                    break
                path = queue.pop()
            started = time.perf_counter()
            try:
                conn.request("GET", path, headers={"Host": "127.0.0.1"})
                resp = conn.getresponse()
                resp.read()
                status = f"{resp.status}{' stale' if resp.getheader('X-Blocwatch-Stale') else ''}"
            except (OSError, http.client.HTTPException) as exc:
                status = type(exc).__name__
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append((path, elapsed))
                statuses[status] += 1
        conn.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    return {"latencies": latencies, "statuses": statuses, "wall": wall}


def percentiles(values: list[float]) -> tuple[float, float, float]:
    if len(values) < 2:
        return (values[0],) * 3 if values else (float("nan"),) * 3
    q = statistics.quantiles(values, n=100, method="inclusive")
    return q[49], q[89], q[98]


def report(name: str, result: dict[str, object]) -> tuple[float, float]:
    latencies = [t for _, t in result["latencies"]]  # type: ignore[attr-defined]
    p50, p90, p99 = percentiles(latencies)
    rate = len(latencies) / float(result["wall"])  # type: ignore[arg-type]
    statuses = ", ".join(f"{k}: {v}" for k, v in sorted(result["statuses"].items()))  # type: ignore[attr-defined]
    print(f"{name:<34} n={len(latencies):5d}  p50 {p50 * 1000:7.1f} ms  p90 {p90 * 1000:7.1f} ms  "
          f"p99 {p99 * 1000:7.1f} ms  {rate:7.0f} req/s  [{statuses}]")
    return p99, rate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=300)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=2000, help="requests per endpoint")
    parser.add_argument("--dyads", type=int, default=len(DYADS))
    parser.add_argument("--keep", type=Path, help="build the database here and keep it (reused when present)")
    parser.add_argument("--skip-ingest", action="store_true", help="leave out the load run during an ingest")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-api-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        db = build(work, args.docs)
        proc, port = start_server(db)
        try:
            dyads = DYADS[:args.dyads]
            dyad_paths = [f"/api/dyad/{a}/{b}" for a, b in dyads]
            rounds = [dyad_paths[i % len(dyad_paths)] for i in range(args.requests)]
            health = report("GET /api/health", load(port, ["/api/health"] * args.requests, args.clients))
            result = load(port, rounds, args.clients)
            seen: set[str] = set()
            cold = []
            for path, seconds in result["latencies"]:  # type: ignore[attr-defined]
                if path not in seen:
                    seen.add(path)
                    cold.append(seconds)
            dyad = report(f"GET /api/dyad ({len(dyads)} dyads, cold+warm)", result)
            print(f"{'  of them first (cold) requests':<34} n={len(cold):5d}  median {statistics.median(cold) * 1000:.0f} ms,"
                  f" max {max(cold) * 1000:.0f} ms (computed on a read-only connection)")
            warm = report("GET /api/dyad (warm)", load(port, rounds, args.clients))
            sizes = []
            for path in dyad_paths:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                conn.request("GET", path, headers={"Host": "127.0.0.1"})
                sizes.append(len(conn.getresponse().read()))
                conn.close()
            print(f"dyad response size: median {statistics.median(sizes) / 1000:.1f} kB, max {max(sizes) / 1000:.1f} kB")
            print(f"ratios to /api/health: p99 {dyad[0] / health[0]:.1f}x (cold+warm), {warm[0] / health[0]:.1f}x "
                  f"(warm); requests/s {dyad[1] / health[1]:.2f} (cold+warm), {warm[1] / health[1]:.2f} (warm)")
            assess = load(port, [f"/api/assess/{a}/{b}" for a, b in dyads[:1]], 1)
            if "501" in str(assess["statuses"]):
                print("GET /api/assess: not in this build (501)")
            else:
                report("GET /api/assess (cold, 1 client)", assess)
                report("GET /api/assess (warm)", load(port, [f"/api/assess/{a}/{b}" for a, b in dyads[:1]]
                                                      * args.requests, args.clients))
            if args.skip_ingest:
                return
            # the same load while an ingest writes the file
            more = work / "more"
            shutil.rmtree(more, ignore_errors=True)
            build_corpus(more, 60)
            for i, path in enumerate(sorted(more.iterdir())):  # new content, not already stored
                path.write_text(path.read_text(encoding="utf-8") + f"\nAppended for the load run {random.random()} {i}.\n",
                                encoding="utf-8")
            ingest = subprocess.Popen([sys.executable, "-m", "blocwatch", "ingest", str(more), "--db", str(db),
                                       "--wait", "600"], stderr=subprocess.DEVNULL)
            during: Counter[str] = Counter()
            slow: list[float] = []
            while ingest.poll() is None:
                result = load(port, rounds[:400], args.clients)
                during.update(result["statuses"])  # type: ignore[arg-type]
                slow += [t for _, t in result["latencies"]]  # type: ignore[attr-defined]
            p50, p90, p99 = percentiles(slow)
            print(f"during an ingest of 60 documents ({ingest.returncode=}): {sum(during.values())} requests, "
                  f"{dict(during)}; p50 {p50 * 1000:.1f} ms, p99 {p99 * 1000:.1f} ms, max {max(slow) * 1000:.0f} ms")
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
