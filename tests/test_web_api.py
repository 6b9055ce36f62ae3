"""The FastAPI app (CONTRACT section 4) on a real database, through fastapi.testclient."""

from __future__ import annotations

import shutil
import warnings
from pathlib import Path

import pytest

from blocwatch.cli.main import main
from votes_testdata import needs_unga, plain_dyad_by_session, real_duckdb

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette: "install httpx2" (not our concern)
    from fastapi.testclient import TestClient

ROOT = Path(__file__).resolve().parents[1]
pytestmark = needs_unga


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    from blocwatch.web.app import create_app

    db = tmp_path_factory.mktemp("web") / "corpus.duckdb"
    shutil.copy(real_duckdb(), db)
    docs = [ROOT / "samples" / "ankara-moscow-2024.txt", ROOT / "tests" / "gold" / "docs" / "ankara-moscow-2015.txt"]
    assert main(["ingest", *map(str, docs), "--db", str(db)]) == 0
    return TestClient(create_app(str(db)), base_url="http://127.0.0.1")


def test_web_dashboard_page(client: TestClient) -> None:
    resp = client.get("/")
    assert resp.status_code == 200 and resp.headers["content-type"].startswith("text/html")
    page = resp.text
    for needle in ('id="assess-form"', 'id="country-x"', 'id="country-y"', 'id="country-z"', 'id="report"',
                   "/static/dashboard.js", "/static/dashboard.css", "/report.css", "/static/favicon.svg"):
        assert needle in page
    assert "http://" not in page and "https://" not in page, "no CDN: the page must work offline"
    for asset in ("/static/dashboard.js", "/static/dashboard.css", "/report.css", "/favicon.ico"):
        got = client.get(asset)
        assert got.status_code == 200 and "https://" not in got.text and "http://" not in got.text.replace(
            "http://www.w3.org/2000/svg", "")


def test_web_dyad_votes_match_csv(client: TestClient) -> None:
    resp = client.get("/api/dyad/PAK/RUS")
    assert resp.status_code == 200
    data = resp.json()
    assert (data["a"], data["b"], data["name_a"], data["name_b"]) == ("PAK", "RUS", "Pakistan", "Russia")
    plain = plain_dyad_by_session("PAK", "RUS")
    assert {r["session"]: r["n_votes"] for r in data["votes"]} == {s: v["n_votes"] for s, v in plain.items()}
    for row in data["votes"]:
        assert row["agree"] == pytest.approx(plain[row["session"]]["agree"], abs=1e-9)
        assert row["identical"] == pytest.approx(plain[row["session"]]["identical"], abs=1e-9)
    assert data["source_break_session"] == 75
    assert data["shifts"] and all(s["session"] != 75 for s in data["shifts"])
    assert all(s["direction"] in ("closer", "further apart") for s in data["shifts"])
    assert f"vote agreement {plain[80]['agree']:.2f} in session 80" in data["headline"]
    assert data["events_per_month"] == [] and data["evidence"] == []
    assert data["text"].startswith(data["headline"])


def test_web_dyad_events_and_evidence(client: TestClient) -> None:
    data = client.get("/api/dyad/Turkey/Russia", params={"evidence": 3}).json()
    assert (data["a"], data["b"]) == ("TUR", "RUS")
    assert len(data["evidence"]) == 3
    for ev in data["evidence"]:
        assert {ev["actor"], ev["recipient"]} == {"TUR", "RUS"}
        assert ev["text"] and ev["doc"] and ev["evidence"][0]["doc"] == ev["doc"]
        assert str(ROOT) not in ev["doc"] and not ev["doc"].startswith("/"), "a title or file name, not a path"
        assert isinstance(ev["doc_id"], int) and ev["evidence"][0]["doc_id"] == ev["doc_id"]
        assert ev["modality"] in ("asserted", "future", "hypothetical") and isinstance(ev["negated"], bool)
    months = data["events_per_month"]
    assert [m["month"] for m in months] == sorted({m["month"] for m in months}), "one row per month"
    assert data["event_totals"]["charted"] == sum(m["events"] for m in months)
    assert data["event_totals"]["total"] == sum(data["event_totals"][f"quad{q}"] for q in (1, 2, 3, 4))
    limited = client.get("/api/dyad/TUR/RUS", params={"from": 2024, "to": 2024}).json()
    assert [r["session"] for r in limited["votes"]] == [79]
    assert all(m["month"].startswith("2024") for m in limited["events_per_month"])


def test_web_dyad_unknown_country_404(client: TestClient) -> None:
    resp = client.get("/api/dyad/PAK/Atlantis")
    assert resp.status_code == 404
    assert resp.json() == {"detail": "unknown country 'Atlantis': not an ISO3 code or country name known to blocwatch"}
    same = client.get("/api/dyad/PAK/Pakistan")
    assert same.status_code == 400 and "against itself" in same.json()["detail"]
    too_many = client.get("/api/dyad/PAK/RUS", params={"evidence": 1000})
    assert too_many.status_code == 400 and too_many.json()["detail"].startswith("evidence: "), too_many.text


def test_web_openapi_lists_dyad_path(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert "/api/dyad/{a}/{b}" in spec["paths"]
    op = spec["paths"]["/api/dyad/{a}/{b}"]["get"]
    assert {p["name"] for p in op["parameters"]} >= {"a", "b", "from", "to", "evidence"}
    assert "404" in op["responses"]
    assert client.get("/docs").status_code == 404, "Swagger UI needs a CDN: switched off"
    schema = spec["components"]["schemas"]["DyadResponse"]
    assert {"votes", "events_per_month", "evidence", "shifts", "source_break_session"} <= set(schema["properties"])


def test_web_countries_list(client: TestClient) -> None:
    countries = client.get("/api/countries").json()
    by_code = {c["iso3"]: c["name"] for c in countries}
    assert by_code["PAK"] == "Pakistan" and by_code["RUS"] == "Russia" and by_code["TUR"] == "Turkey"
    assert len(by_code) == len(countries) > 150


def test_web_serve_real_server_on_a_free_port_and_clear_listen_errors(tmp_path: Path) -> None:
    import json
    import os
    import re
    import subprocess
    import sys
    import urllib.request

    db = tmp_path / "votes.duckdb"
    shutil.copy(real_duckdb(), db)
    command = [sys.executable, "-m", "blocwatch", "serve", "--db", str(db)]
    server = subprocess.Popen([*command, "--port", "0"], stderr=subprocess.PIPE, text=True,
                              env={**os.environ, "NO_PROXY": "127.0.0.1", "no_proxy": "127.0.0.1"})
    try:
        assert server.stderr is not None
        found = re.search(r"http://127\.0\.0\.1:(\d+)/", server.stderr.readline())
        assert found, "no address line"
        base = f"http://127.0.0.1:{found.group(1)}"
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        page = opener.open(base + "/", timeout=30)  # the socket is listening before the line is printed
        assert page.status == 200 and "text/html" in page.headers["content-type"]
        dyad = json.load(opener.open(base + "/api/dyad/pak/rus", timeout=60))
        assert (dyad["a"], dyad["b"]) == ("PAK", "RUS") and dyad["votes"]
        assert "/api/dyad/{a}/{b}" in json.load(opener.open(base + "/openapi.json", timeout=10))["paths"]
        # The address is taken now: a second server says so in one line.
        busy = subprocess.run([*command, "--port", found.group(1)], capture_output=True, text=True, timeout=60)
        assert busy.returncode == 1 and busy.stderr.count("\n") == 1, busy.stderr
        assert "cannot listen on 127.0.0.1:" in busy.stderr and "Traceback" not in busy.stderr
    finally:
        server.terminate()
        server.wait(timeout=30)
    for args, status in ((["--port", "99999"], 2), (["--host", "no.such.host.invalid", "--port", "0"], 1)):
        result = subprocess.run([*command, *args], capture_output=True, text=True, timeout=60)
        assert result.returncode == status and result.stderr.count("\n") == 1, result.stderr


def test_web_assess_is_the_python_assessment(client: TestClient) -> None:
    import json

    import blocwatch
    from blocwatch.web.app import encode

    resp = client.get("/api/assess/PAK/RUS", params={"versus": "USA", "from": 2016, "to": 2025})
    if not callable(getattr(blocwatch, "assess", None)):
        assert resp.status_code == 501 and "no assessment yet" in resp.json()["detail"]
        return
    assert resp.status_code == 200, resp.text
    db = str(client.app.state.read_path.target)  # type: ignore[attr-defined]
    direct = blocwatch.assess("PAK", "RUS", versus="USA", year_from=2016, year_to=2025, db=db).to_dict()
    assert resp.json() == json.loads(encode(direct))
    page = client.get("/report/PAK/RUS", params={"versus": "USA", "from": 2016, "to": 2025})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert direct["verdict"] in page.text and "<svg" in page.text and "<script" not in page.text
    assert str(Path(db).parent) not in page.text, "the database file by name, not its folder"
    body = client.get("/report/PAK/RUS", params={"versus": "USA", "from": 2016, "to": 2025, "part": "body"})
    assert body.text.startswith("<h1>") and "<html" not in body.text
