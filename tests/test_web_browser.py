"""End to end: `blocwatch serve` in a subprocess, the dashboard in headless Chromium."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from blocwatch.cli.main import main
from votes_testdata import needs_unga, plain_dyad_by_session, real_duckdb

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("BLOCWATCH_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]

pytestmark = [
    needs_unga,
    pytest.mark.browser,
    pytest.mark.skipif(not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)),
                       reason=f"Chromium not found at {CHROMIUM} (set BLOCWATCH_CHROMIUM)"),
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("serve")
    db = folder / "corpus.duckdb"
    shutil.copy(real_duckdb(), db)
    docs = [ROOT / "samples" / "ankara-moscow-2024.txt", ROOT / "tests" / "gold" / "docs" / "ankara-moscow-2015.txt"]
    assert main(["ingest", *map(str, docs), "--db", str(db)]) == 0
    port = free_port()
    log = (folder / "serve.log").open("w")
    proc = subprocess.Popen([sys.executable, "-m", "blocwatch", "serve", "--db", str(db), "--port", str(port)],
                            stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/api/health", timeout=2) as resp:
                    if resp.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"blocwatch serve did not start: {(folder / 'serve.log').read_text()}")
            time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def test_web_browser_dashboard(server: str, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    plain = plain_dyad_by_session("PAK", "RUS")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1000, "height": 1400})
            errors: list[str] = []
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            page.goto(server + "/")
            page.fill("#country-a", "PAK")
            page.fill("#country-b", "Russia")
            page.click("#show")
            page.wait_for_selector('body[data-loaded="PAK-RUS"]', timeout=30_000)

            headline = page.text_content("#headline") or ""
            assert headline.startswith("Pakistan-Russia (PAK-RUS)")
            assert f"vote agreement {plain[80]['agree']:.2f} in session 80" in headline
            # the chart: one point per session, the source break, one marker per change point
            assert page.locator("#agreement-chart circle.session-point").count() == len(plain)
            assert page.locator("#agreement-chart line.source-break").count() == 1
            shifts = page.locator("#agreement-chart line.shift")
            assert shifts.count() >= 1
            shift_sessions = {int(shifts.nth(i).get_attribute("data-session") or 0) for i in range(shifts.count())}
            assert 75 not in shift_sessions
            # the per-session table, newest first, with the figures of the CSV
            rows = page.locator("#votes-table tbody tr")
            assert rows.count() == len(plain)
            for i, session in enumerate(sorted(plain, reverse=True)[:6]):
                cells = rows.nth(i).locator("td").all_text_contents()
                assert int(cells[0]) == session
                assert int(cells[2]) == plain[session]["n_votes"]
                assert cells[3] == f"{plain[session]['agree']:.3f}"
            assert "vote source changes" in (page.text_content('#votes-table tr[data-session="75"]') or "")
            for session in shift_sessions:
                assert "change point" in (page.text_content(f'#votes-table tr[data-session="{session}"]') or "")
            assert "no stored events" in (page.text_content("#evidence tbody") or "")

            # another dyad, with events and evidence
            page.fill("#country-a", "TUR")
            page.fill("#country-b", "RUS")
            page.click("#show")
            page.wait_for_selector('body[data-loaded="TUR-RUS"]', timeout=30_000)
            with urllib.request.urlopen(f"{server}/api/dyad/TUR/RUS?evidence=20") as resp:
                import json

                api = json.load(resp)
            evidence = page.locator("#evidence tbody tr.evidence-row")
            assert evidence.count() == len(api["evidence"]) > 0
            first = evidence.nth(0).locator("td").all_text_contents()
            ev = api["evidence"][0]
            assert first[0] == (ev["date"] or "undated") and first[1] == ev["actor"] and first[3] == ev["recipient"]
            assert first[2].startswith(ev["event"]) and first[5] == ev["text"] and ev["doc"] in first[6]
            flags = [row.locator("td").nth(4).text_content() or "" for row in evidence.all()]
            assert ["negated" in f for f in flags] == [e["negated"] for e in api["evidence"]]
            assert [f.endswith(e["modality"]) for f, e in zip(flags, api["evidence"], strict=True)] == [True] * len(flags)
            bars = page.locator("#events-chart rect.event-bar")
            bar_total = sum(int((bars.nth(i).text_content() or "").split(": ")[1].split()[0])
                            for i in range(bars.count()))
            assert bar_total == api["event_totals"]["charted"] > 0
            for q in (1, 2, 3, 4):
                shown = page.text_content(f'#event-legend b[data-quad="{q}"]')
                assert shown == str(api["event_totals"][f"quad{q}"])
            assert "?a=TUR&b=RUS" in page.url
            assert errors == []
            page.screenshot(path=str(tmp_path / "dashboard.png"), full_page=True)
        finally:
            browser.close()
    assert (tmp_path / "dashboard.png").stat().st_size > 10_000
    if os.environ.get("BLOCWATCH_KEEP_SCREENSHOT"):
        shutil.copy(tmp_path / "dashboard.png", os.environ["BLOCWATCH_KEEP_SCREENSHOT"])
