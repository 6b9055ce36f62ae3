"""End to end: `blocwatch serve` in a subprocess, the dashboard in headless Chromium (Playwright).

Where this build has `blocwatch.assess`, the page shows the server's own assessment. Before
that lands, the two assessment requests (/api/assess, /report) are answered in the browser
with an assessment computed from the real votes and the documents in the same database
(assessment_testdata), rendered by the same report code; everything else (the page, the
document pages, the country list, the error answers) comes from the real server."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from assessment_testdata import corpus_db, realistic_assessment
from votes_testdata import needs_unga

CHROMIUM = os.environ.get("BLOCWATCH_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
SHOTS = Path(os.environ.get("BLOCWATCH_SCREENSHOTS", "/tmp"))

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


def has_assess() -> bool:
    import blocwatch

    return callable(getattr(blocwatch, "assess", None))


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("serve")
    db = corpus_db()
    port = free_port()
    log = (folder / "serve.log").open("w")
    proc = subprocess.Popen([sys.executable, "-m", "blocwatch", "serve", "--db", db, "--port", str(port)],
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


@pytest.fixture(scope="module")
def expected(server: str) -> dict[str, Any]:
    """The assessment the page must show: the server's, or the one computed from real data."""
    if has_assess():
        with urllib.request.urlopen(f"{server}/api/assess/PAK/RUS?versus=USA", timeout=600) as resp:
            return dict(json.load(resp))
    return realistic_assessment()


def _answer_assessment(page: Any, assessment: dict[str, Any]) -> None:
    """Before blocwatch.assess lands: answer the PAK-RUS-USA assessment requests with ``assessment``."""
    from blocwatch.present.report import render_html_body
    from blocwatch.web.app import _doc_href

    def handle(route: Any) -> None:
        url = urllib.parse.urlparse(route.request.url)
        query = urllib.parse.parse_qs(url.query)
        if not url.path.endswith("/PAK/RUS") or query.get("versus", ["USA"]) != ["USA"] or "from" in query:
            route.continue_()
        elif url.path.startswith("/api/assess/"):
            route.fulfill(status=200, content_type="application/json", body=json.dumps(assessment))
        else:
            route.fulfill(status=200, content_type="text/html", body=render_html_body(assessment, _doc_href))
    page.route(re.compile(r".*/(api/assess|report)/.*"), handle)


def _open(browser: Any, server: str, expected: dict[str, Any], width: int) -> tuple[Any, list[str]]:
    page = browser.new_page(viewport={"width": width, "height": 900})
    problems: list[str] = []
    page.on("pageerror", lambda exc: problems.append(f"page error {exc}"))
    page.on("response", lambda r: problems.append(f"{r.status} {r.url}") if r.status == 404 else None)
    if not has_assess():
        _answer_assessment(page, expected)
    page.goto(server + "/")
    page.wait_for_selector('body[data-loaded="PAK-RUS-USA"]', timeout=180_000)  # nothing pressed
    return page, problems


def test_web_browser_dashboard_opens_on_the_default_triangle(server: str, expected: dict[str, Any]) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        try:
            page, problems = _open(browser, server, expected, 1000)
            assert page.evaluate("document.documentElement.scrollWidth") <= 1000, "no sideways scrolling"
            verdict = page.text_content("#report .verdict") or ""
            assert expected["verdict"] in verdict
            if expected.get("confidence") is not None:
                assert f"confidence {expected['confidence']:.2f}" in verdict
            # charts: one point per year and pair, each with its value in a <title> (shown on hover)
            rows = expected["series"]["agreement"]
            points = page.locator("#report svg.agreement circle.point")
            assert points.count() == sum(r[p] is not None for r in rows for p in ("xy", "xz")) > 0
            first = next(r for r in rows if r["xy"] is not None)
            tip = points.nth(0).locator("title").text_content() or ""
            assert f"year {first['year']}: {first['xy']:.3f}" in tip
            page.hover("#report svg.agreement circle.point >> nth=0")  # the chart reacts, the page does not break
            assert page.locator("#report svg.idealpoints polyline.line").count() >= 1
            assert page.locator("#report svg.agreement polygon.band").count() >= 1
            # key votes: one row each, with the three votes
            key_rows = page.locator("#report table.key-votes tbody tr")
            assert key_rows.count() == len(expected["key_votes"])
            if expected["key_votes"]:
                cells = key_rows.nth(0).locator("td").all_text_contents()
                vote = expected["key_votes"][0]
                assert cells[1] == vote["unres"] and cells[3:6] == [vote["x_vote"], vote["y_vote"], vote["versus_vote"]]
            # evidence: documents by title or file name, linked to the text with the sentence marked
            links = page.locator("#report ol.evidence a")
            assert links.count() >= 1
            labels = links.all_text_contents()
            assert not [label for label in labels if label.startswith("/") or "/tmp/" in label]
            with_doc = next(ev for ev in expected["evidence"] if ev["documents"] and ev["documents"][0]["doc_id"])
            doc = with_doc["documents"][0]
            link = page.locator(f'#report ol.evidence a[href^="/doc/{doc["doc_id"]}?start={doc["start"]}&"]').first
            link.click()
            page.wait_for_selector("mark#evidence")
            marked = page.text_content("mark#evidence") or ""
            assert " ".join(marked.split()) == " ".join((with_doc["text"] or "").split())
            assert page.locator("h1").text_content() == (doc["title"] or Path(doc["doc"]).name)
            assert page.locator("mark#evidence").is_visible()
            page.screenshot(path=str(SHOTS / "blocwatch-doc-1000.png"))
            page.go_back()
            page.wait_for_selector('body[data-loaded="PAK-RUS-USA"]')
            page.screenshot(path=str(SHOTS / "blocwatch-dashboard-1000.png"), full_page=True)
            favicon = page.request.get(server + "/favicon.ico")
            assert favicon.status == 200 and "svg" in favicon.headers["content-type"]
            assert problems == [], problems
        finally:
            browser.close()


def test_web_browser_errors_are_sentences(server: str, expected: dict[str, Any]) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        try:
            page, _ = _open(browser, server, expected, 1000)
            page.fill("#year-from", "2025")
            page.fill("#year-to", "2016")
            page.click("#show")
            assert page.text_content("#status") == "From 2025 is after to 2016: give the earlier year first."
            page.fill("#year-from", "20x6")
            page.click("#show")
            assert (page.text_content("#status") or "").startswith("From year: give four digits")
            page.fill("#year-from", "")
            page.fill("#year-to", "")
            page.fill("#country-y", "Atlantis")
            page.click("#show")
            page.wait_for_selector("body[data-failed]")
            status = page.text_content("#status") or ""
            with urllib.request.urlopen(urllib.request.Request(f"{server}/api/health")) as resp:
                assert resp.status == 200
            try:
                urllib.request.urlopen(f"{server}/api/assess/PAK/Atlantis?versus=USA")
                raise AssertionError("Atlantis is not a country")
            except urllib.error.HTTPError as exc:
                detail = json.load(exc)["detail"]
            assert status == detail and "Unprocessable" not in status and "Entity" not in status
            assert page.locator("#status.error").count() == 1
        finally:
            browser.close()


def test_web_browser_phone_width(server: str, expected: dict[str, Any]) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        try:
            page, problems = _open(browser, server, expected, 375)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 375, f"the page scrolls sideways at 375 px ({width} px wide)"
            # a chart keeps a legible size and scrolls inside its own box, not the page
            frame = page.locator("#report .chart-wrap:has(svg.agreement)").bounding_box()
            chart = page.locator("#report svg.agreement").bounding_box()
            assert frame and chart and frame["width"] <= 375 and chart["width"] >= 500 and chart["height"] > 150
            button = page.locator("#show").bounding_box()
            assert button and button["width"] > 200, "a button a thumb can hit"
            page.screenshot(path=str(SHOTS / "blocwatch-dashboard-375.png"), full_page=True)
            assert problems == [], problems
        finally:
            browser.close()
