"""`votes fetch` against a real HTTP server on 127.0.0.1 serving files the test writes."""

from __future__ import annotations

import functools
import gzip
import hashlib
import json
import socket
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from blocwatch.analyze.fetch import download, fetch_votes, parse_checksums
from blocwatch.cli.main import main
from blocwatch.errors import FetchError
from blocwatch.store.db import connect

ROLL_CALLS = "rcid,source,session,session_label,date,year,unres\n1,t,76,ES-11,2022-03-02,2022,A/RES/ES-11/1\n"
VOTES = "rcid,country_iso3,country,vote\n1,USA,United States,yes\n1,RUS,Russia,no\n1,PAK,Pakistan,abstain\n"


class Server:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.requests: list[str] = []
        log = self.requests

        class Handler(SimpleHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                log.append(self.path)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(root)))
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture()
def server(tmp_path: Path) -> Iterator[Server]:
    root = tmp_path / "www"
    (root / "unga").mkdir(parents=True)
    running = Server(root)
    yield running
    running.close()


def _publish(folder: Path, checksum_file: str = "SHA256SUMS") -> dict[str, str]:
    sums = {}
    for name, text in (("roll_calls.csv.gz", ROLL_CALLS), ("votes.csv.gz", VOTES)):
        data = gzip.compress(text.encode(), mtime=0)
        (folder / name).write_bytes(data)
        sums[name] = hashlib.sha256(data).hexdigest()
    if checksum_file == "SHA256SUMS":
        (folder / "SHA256SUMS").write_text("".join(f"{h}  {n}\n" for n, h in sums.items()))
    elif checksum_file == "manifest.json":
        files = {n: {"sha256": h, "size": (folder / n).stat().st_size} for n, h in sums.items()}
        (folder / "manifest.json").write_text(json.dumps({"files": files}))
    return sums


def _votes(db_path: Path) -> list[tuple]:
    with connect(str(db_path)) as db:
        return sorted(db.query("SELECT rcid, iso3, vote FROM votes"))


def test_fetch_http_downloads_verifies_caches_imports(server: Server, tmp_path: Path) -> None:
    _publish(server.root / "unga")
    data, db = tmp_path / "data", tmp_path / "db.duckdb"
    summary = fetch_votes(url=f"{server.url}/unga", data_dir=str(data), db=str(db))
    assert summary.ok
    assert _votes(db) == [(1, "PAK", 2), (1, "RUS", 3), (1, "USA", 1)]
    manifest = json.loads((data / "manifest.json").read_text())
    for name in ("roll_calls.csv.gz", "votes.csv.gz"):
        assert manifest["files"][name]["sha256"] == hashlib.sha256((data / name).read_bytes()).hexdigest()
    fetched = [p for p in server.requests if p.endswith(".csv.gz")]
    assert sorted(fetched) == ["/unga/roll_calls.csv.gz", "/unga/votes.csv.gz"]
    # Second run: checksums match, nothing downloaded again, import changes nothing.
    server.requests.clear()
    again = fetch_votes(url=f"{server.url}/unga", data_dir=str(data), db=str(db))
    assert again.ok and again.stored("votes") == 0
    assert not [p for p in server.requests if p.endswith(".csv.gz")]
    assert _votes(db) == [(1, "PAK", 2), (1, "RUS", 3), (1, "USA", 1)]


def test_fetch_http_manifest_json_and_env_url(server: Server, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    _publish(server.root / "unga", "manifest.json")
    monkeypatch.setenv("BLOCWATCH_UNGA_URL", f"{server.url}/unga")
    monkeypatch.setenv("BLOCWATCH_HOME", str(tmp_path / "home"))
    result = download()
    assert result.folder == tmp_path / "home" / "unga"
    assert sorted(result.downloaded) == ["roll_calls.csv.gz", "votes.csv.gz"]


def test_fetch_http_checksum_mismatch_discards_file(server: Server, tmp_path: Path) -> None:
    _publish(server.root / "unga")
    (server.root / "unga" / "votes.csv.gz").write_bytes(gzip.compress(VOTES.replace("no", "yes").encode()))
    data, db = tmp_path / "data", tmp_path / "db.duckdb"
    with pytest.raises(FetchError, match=r"votes\.csv\.gz: checksum mismatch"):
        fetch_votes(url=f"{server.url}/unga", data_dir=str(data), db=str(db))
    assert not (data / "votes.csv.gz").exists() and not (data / "votes.csv.gz.part").exists()
    assert not db.exists()


def test_fetch_http_without_checksums_needs_sha256(server: Server, tmp_path: Path) -> None:
    sums = _publish(server.root / "unga", checksum_file="")
    with pytest.raises(FetchError, match="no checksum for roll_calls.csv.gz, votes.csv.gz"):
        download(f"{server.url}/unga", tmp_path / "data")
    given = [f"{name}={digest}" for name, digest in sums.items()]
    result = download(f"{server.url}/unga", tmp_path / "data", checksums=given)
    assert sorted(result.downloaded) == ["roll_calls.csv.gz", "votes.csv.gz"]


def test_fetch_http_dataverse_dataset(server: Server, tmp_path: Path) -> None:
    """A Dataverse-shaped dataset description with MD5 checksums, as Harvard Dataverse serves."""
    body = (b"rcid,ccode,vote,session,year,date,unres\n"
            b"9001,2,1,76,2022,2022-03-02,A/RES/ES-11/1\n9001,365,3,76,2022,2022-03-02,A/RES/ES-11/1\n")
    files = server.root / "api" / "access" / "datafile"
    files.mkdir(parents=True)
    (files / "42").write_bytes(body)
    (files / "43").write_bytes(b"ignored")
    meta = server.root / "api" / "datasets" / "doi"
    meta.mkdir(parents=True)
    (meta / "index.html").write_text(json.dumps({"status": "OK", "data": {"latestVersion": {"files": [
        {"label": "UNVotes.csv", "dataFile": {"id": 42, "filename": "UNVotes.csv", "filesize": len(body),
                                               "checksum": {"type": "MD5", "value": hashlib.md5(body).hexdigest()}}},
        {"label": "Codebook.pdf", "dataFile": {"id": 43, "filename": "Codebook.pdf", "md5": "0" * 32}},
    ]}}}))
    db = tmp_path / "db.duckdb"
    summary = fetch_votes(url=f"{server.url}/api/datasets/doi/", data_dir=str(tmp_path / "data"), db=str(db))
    assert summary.ok and _votes(db) == [(9001, "RUS", 3), (9001, "USA", 1)]
    assert "/api/access/datafile/43" not in server.requests


def test_fetch_http_no_network_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as sock:  # a port that was free a moment ago: nothing listens there
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    for url in (f"http://127.0.0.1:{port}/unga", "http://blocwatch-no-such-host.invalid/unga"):
        status = main(["votes", "fetch", "--url", url, "--dir", str(tmp_path / "d"), "--db", str(tmp_path / "x.duckdb")])
        err = capsys.readouterr().err
        assert status == 1
        assert err.count("\n") == 1 and err.startswith("blocwatch votes: cannot download ") and "Traceback" not in err


def test_fetch_local_folder_file_url_and_from_file(tmp_path: Path) -> None:
    source = tmp_path / "src"
    source.mkdir()
    _publish(source, checksum_file="")
    db = tmp_path / "db.duckdb"
    summary = fetch_votes(from_file=str(source), data_dir=str(tmp_path / "data"), db=str(db))
    assert summary.ok and len(_votes(db)) == 3
    again = download(source.as_uri(), tmp_path / "data")
    assert again.downloaded == [] and sorted(again.cached) == ["roll_calls.csv.gz", "votes.csv.gz"]
    with pytest.raises(FetchError, match="no such file or folder"):
        download((tmp_path / "nowhere").as_uri(), tmp_path / "data")


def test_fetch_parse_checksums_formats() -> None:
    text = f"{'a' * 64}  votes.csv.gz\n{'B' * 64} *dir/roll_calls.csv.gz\nnot a line\n"
    assert parse_checksums(text) == {"votes.csv.gz": "a" * 64, "roll_calls.csv.gz": "b" * 64}
