"""The server's defences (issue 9): Host check, bounded error texts, no write endpoint, no
database path in errors, `from > to`, static files kept in their folder, `serve --db` typo."""

from __future__ import annotations

import http.client
import os
import re
import subprocess
import sys
import time
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from assessment_testdata import corpus_db
from votes_testdata import needs_unga

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

pytestmark = needs_unga


@pytest.fixture(scope="module")
def app_db() -> str:
    return corpus_db()


@pytest.fixture(scope="module")
def client(app_db: str) -> TestClient:
    from blocwatch.web.app import create_app

    return TestClient(create_app(app_db), base_url="http://127.0.0.1:8000")


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.1:8000", "localhost:8000", "LOCALHOST", "[::1]:8000"])
def test_web_security_loopback_hosts_answer(client: TestClient, host: str) -> None:
    assert client.get("/api/health", headers={"host": host}).status_code == 200


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8000", "127.0.0.1.evil.example", "", "[::2]:80",
                                  "localhost.evil.example:8000"])
def test_web_security_foreign_host_refused(client: TestClient, host: str) -> None:
    """DNS rebinding: a foreign name pointed at 127.0.0.1 must not read the dashboard."""
    for path in ("/", "/api/dyad/PAK/RUS", "/api/countries", "/openapi.json"):
        resp = client.get(path, headers={"host": host})
        assert resp.status_code == 400, (host, path)
        assert "not this server's address" in resp.json()["detail"] and "--allow-host" in resp.json()["detail"]


def test_web_security_allowed_host_by_option(app_db: str) -> None:
    from blocwatch.web.app import create_app

    client = TestClient(create_app(app_db, allowed_hosts=["dash.lan", "0.0.0.0"]), base_url="http://dash.lan")
    assert client.get("/api/health").status_code == 200
    assert client.get("/api/health", headers={"host": "0.0.0.0:8000"}).status_code == 400, \
        "a wildcard bind address is not a name a browser sends"


def test_web_security_errors_never_echo_long_input(client: TestClient) -> None:
    long = "A" * 60_000
    for path in (f"/api/dyad/PAK/{long}", f"/api/assess/{long}/RUS", f"/{long}", f"/static/{long}",
                 f"/api/dyad/PAK/RUS?from={long}", f"/api/assess/PAK/RUS?versus={long}", f"/doc/{long}"):
        resp = client.get(path)
        assert resp.status_code in (400, 404), (path[:40], resp.status_code)
        assert len(resp.content) < 400, (path[:40], len(resp.content))
        assert resp.json()["detail"] and "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" not in resp.text
    host = client.get("/api/health", headers={"host": "h" * 5000})
    assert host.status_code == 400 and len(host.content) < 400


def test_web_security_from_after_to_is_400(client: TestClient) -> None:
    for path in ("/api/dyad/PAK/RUS", "/api/assess/PAK/RUS", "/report/PAK/RUS"):
        resp = client.get(path, params={"from": 2024, "to": 2016})
        assert resp.status_code == 400 and resp.json()["detail"] == \
            "from 2024 is after to 2016: give the earlier year first"
    bad = client.get("/api/dyad/PAK/RUS", params={"from": "last year"})
    assert bad.status_code == 400 and bad.json()["detail"].startswith("from: expected a year")
    assert "Unprocessable" not in bad.text


def test_web_security_no_write_endpoint(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    methods = {m for ops in spec["paths"].values() for m in ops}
    assert methods == {"get"}, methods
    for method in ("POST", "PUT", "PATCH", "DELETE"):
        for path in ("/", "/api/dyad/PAK/RUS", "/api/assess/PAK/RUS", "/doc/1"):
            resp = client.request(method, path)
            assert resp.status_code == 405 and resp.json()["detail"] == "this server only reads: use GET"


def test_web_security_database_path_not_in_errors(tmp_path: Path) -> None:
    from blocwatch.web.app import create_app

    folder = tmp_path / "private-folder-name"
    folder.mkdir()
    broken = folder / "broken.duckdb"
    broken.write_bytes(b"this is not a database" * 100)
    client = TestClient(create_app(str(broken)), base_url="http://127.0.0.1")
    for path in ("/api/dyad/PAK/RUS", "/api/countries", "/doc/1"):
        resp = client.get(path)
        assert resp.status_code == 503, (path, resp.status_code, resp.text)
        assert "private-folder-name" not in resp.text and str(tmp_path) not in resp.text, resp.text
        assert "broken.duckdb" in resp.json()["detail"]


@pytest.fixture(scope="module")
def server(app_db: str) -> Iterator[int]:
    proc = subprocess.Popen([sys.executable, "-m", "blocwatch", "serve", "--db", app_db, "--port", "0"],
                            stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stderr is not None
        found = re.search(r"http://127\.0\.0\.1:(\d+)/", proc.stderr.readline())
        assert found, "no address line"
        yield int(found.group(1))
    finally:
        proc.terminate()
        proc.wait(timeout=30)


TRAVERSALS = ["/static/../pyproject.toml", "/static/../app.py", "/static/%2e%2e/app.py", "/static/%2E%2E/app.py",
              "/static/%2e%2e%2fapp.py", "/static/..%2fapp.py", "/static/..%5capp.py", "/static/%252e%252e/app.py",
              "/static/....//app.py", "/static/.%2e/app.py", "/static//etc/passwd", "/static/%2fetc%2fpasswd",
              "/static/..;/app.py", "/static/%c0%ae%c0%ae/app.py", "/static/..\\app.py",
              "/static/../../../../../../etc/passwd", "/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
              "/static/dashboard.js/../../app.py", "/static/./../app.py", "/static/%00../app.py"]


@pytest.mark.parametrize("path", TRAVERSALS)
def test_web_security_static_files_stay_in_their_folder(server: int, path: str) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", server, timeout=30)
    try:
        connection.request("GET", path, headers={"Host": "127.0.0.1"})  # sent as written, not normalised
        resp = connection.getresponse()
        body = resp.read()
    finally:
        connection.close()
    assert resp.status in (400, 404), (path, resp.status)
    assert b"create_app" not in body and b"root:" not in body and b"[project]" not in body
    good = http.client.HTTPConnection("127.0.0.1", server, timeout=30)
    good.request("GET", "/static/dashboard.js", headers={"Host": "127.0.0.1"})
    assert good.getresponse().status == 200
    good.close()


def test_web_security_serve_mistyped_db_fails_at_start(tmp_path: Path) -> None:
    typo = tmp_path / "no-such-folder" / "typo.duckdb"
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "blocwatch", "serve", "--db", str(typo), "--port", "0"],
                            capture_output=True, text=True, timeout=60, env={**os.environ})
    assert result.returncode == 1 and result.stderr.count("\n") == 1, result.stderr
    assert "no such database file" in result.stderr and "Traceback" not in result.stderr
    assert not typo.parent.exists(), "no folder created"
    assert time.monotonic() - started < 30
    folder = tmp_path / "a-folder.duckdb"
    folder.mkdir()
    result = subprocess.run([sys.executable, "-m", "blocwatch", "serve", "--db", str(folder), "--port", "0"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and "not a database file" in result.stderr


def test_web_security_serve_help_says_what_0000_exposes() -> None:
    result = subprocess.run([sys.executable, "-m", "blocwatch", "serve", "--help"], capture_output=True, text=True)
    text = " ".join(result.stdout.split())
    assert "--host 0.0.0.0" in text and "exposes" in text and "every machine" in text
    assert "--allow-host" in text and "DNS rebinding" in text
