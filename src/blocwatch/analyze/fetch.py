"""Download UN General Assembly vote data into the user's data folder, verify, then import.

Sources (``--url`` or ``$BLOCWATCH_UNGA_URL``; ``file://`` and local paths work too):

* **A folder of files** (the layout of ``shared/data/unga``: ``roll_calls.csv.gz``,
  ``votes.csv.gz``, ``issues.csv.gz``, ``subjects_unbis.csv.gz``) served with a checksum list
  beside them: ``SHA256SUMS`` (``sha256sum`` output) or ``manifest.json``
  (``{"files": {"votes.csv.gz": {"sha256": "...", "size": 123}}}``). Without either, each file
  needs ``--sha256 NAME=HEX``; over http(s) nothing unverified is imported.
* **A Dataverse dataset** (any URL containing ``/api/datasets/``, or a ``doi:`` id): the
  dataset's metadata lists its files with their checksums (MD5 or SHA); the files whose names
  match ``match`` are downloaded in their original format. The default source is Erik
  Voeten's "United Nations General Assembly Voting Data", doi:10.7910/DVN/LEJUQZ, on Harvard
  Dataverse (:data:`DEFAULT_URL`).

The cache is ``<data dir>/unga/manifest.json`` (name -> sha256, md5, size, url): a file whose
local checksum matches the expected one is not downloaded again."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from blocwatch import config
from blocwatch.errors import FetchError, UsageError

DATAVERSE_SERVER = "https://dataverse.harvard.edu"
DEFAULT_DOI = "doi:10.7910/DVN/LEJUQZ"
DEFAULT_URL = f"{DATAVERSE_SERVER}/api/datasets/:persistentId/?persistentId={DEFAULT_DOI}"
#: Files taken from a Dataverse dataset: Voeten's country-vote file(s), in CSV or TAB form.
DEFAULT_MATCH = r"(?i)^unvotes[^/]*\.(csv|tab)(\.gz)?$"
#: Files looked for at a plain base URL that serves no checksum list.
DEFAULT_FILES = ("roll_calls.csv.gz", "votes.csv.gz", "issues.csv.gz", "subjects_unbis.csv.gz")
OPTIONAL_FILES = frozenset({"issues.csv.gz", "subjects_unbis.csv.gz"})
MANIFEST = "manifest.json"
TIMEOUT_SECONDS = 30.0
_CHUNK = 1 << 20


@dataclass
class RemoteFile:
    name: str
    url: str
    algorithm: str | None = None   # hashlib name: sha256, md5, sha1, sha512
    digest: str | None = None
    size: int | None = None
    optional: bool = False
    #: False when ``digest`` was computed from the local source itself: a copy can be checked
    #: against it, but nothing says the source is the file it should be.
    expected: bool = True


def source_url(url: str | None = None) -> str:
    """The data source: ``url``, else $BLOCWATCH_UNGA_URL, else Voeten's Dataverse dataset."""
    chosen = url or os.environ.get("BLOCWATCH_UNGA_URL") or DEFAULT_URL
    if chosen.startswith("doi:"):
        return f"{DATAVERSE_SERVER}/api/datasets/:persistentId/?persistentId={chosen}"
    if "://" not in chosen:
        return Path(chosen).expanduser().resolve().as_uri()
    return chosen


def _one_line(exc: BaseException) -> str:
    if isinstance(exc, urllib.error.HTTPError):
        return f"HTTP {exc.code} {exc.reason}"
    if isinstance(exc, urllib.error.URLError):
        reason = exc.reason
        return str(getattr(reason, "strerror", None) or reason).strip().splitlines()[0]
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _open(url: str) -> Any:
    request = urllib.request.Request(url, headers={"User-Agent": "blocwatch (UN vote data fetch)"})
    try:
        return urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS)  # noqa: S310 (http/file only)
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise FetchError(f"cannot download {url}: {_one_line(exc)}") from None


def _read_small(url: str) -> bytes | None:
    """A small file (checksum list, metadata), or None where the server has none (404)."""
    try:
        with _open(url) as response:
            return bytes(response.read(16 << 20))
    except FetchError as exc:
        if "HTTP 404" in str(exc) or (url.startswith("file:") and "No such file" in str(exc)):
            return None
        raise


def _join(base: str, name: str) -> str:
    return base.rstrip("/") + "/" + urllib.parse.quote(name)


def parse_checksums(text: str) -> dict[str, str]:
    """``sha256sum`` output: ``<hex>  <name>`` (``*name`` in binary mode) per line."""
    sums = {}
    for line in text.splitlines():
        m = re.match(r"^\s*([0-9a-fA-F]{64})\s+\*?(\S.*?)\s*$", line)
        if m:
            sums[Path(m.group(2)).name] = m.group(1).lower()
    return sums


def _given_checksums(given: list[str]) -> dict[str, str]:
    out = {}
    for item in given:
        name, _, digest = item.partition("=")
        if not re.fullmatch(r"[0-9a-fA-F]{64}", digest.strip()):
            raise UsageError(f"--sha256 {item!r}: expected NAME=<64 hex digits>")
        out[name.strip()] = digest.strip().lower()
    return out


def list_files(base: str, given: dict[str, str], match: str = DEFAULT_MATCH) -> list[RemoteFile]:
    """What to download from ``base`` and the checksum each file must have."""
    if "/api/datasets/" in base:
        return _dataverse_files(base, match)
    manifest = _read_small(_join(base, MANIFEST))
    if manifest is not None:
        try:
            listed = json.loads(manifest.decode("utf-8")).get("files", {})
        except (ValueError, AttributeError) as exc:
            raise FetchError(f"{_join(base, MANIFEST)}: not a manifest: {_one_line(exc)}") from None
        items = listed.items() if isinstance(listed, dict) else ((f.get("name"), f) for f in listed)
        return [RemoteFile(str(name), _join(base, str(name)), "sha256", str(info.get("sha256", "")).lower() or None,
                           info.get("size")) for name, info in items if name]
    sums_text = _read_small(_join(base, "SHA256SUMS"))
    if sums_text is not None:
        sums = parse_checksums(sums_text.decode("utf-8", "replace"))
        return [RemoteFile(name, _join(base, name), "sha256", digest) for name, digest in sorted(sums.items())]
    names = list(given) or list(DEFAULT_FILES)
    return [RemoteFile(n, _join(base, n), "sha256" if n in given else None, given.get(n),
                       optional=n in OPTIONAL_FILES and n not in given) for n in names]


def _dataverse_files(url: str, match: str) -> list[RemoteFile]:
    raw = _read_small(url)
    if raw is None:
        raise FetchError(f"{url}: no such Dataverse dataset (HTTP 404)")
    try:
        files = json.loads(raw.decode("utf-8"))["data"]["latestVersion"]["files"]
    except (ValueError, KeyError, TypeError) as exc:
        raise FetchError(f"{url}: not a Dataverse dataset description: {_one_line(exc)}") from None
    parts = urllib.parse.urlsplit(url)
    server = f"{parts.scheme}://{parts.netloc}"
    chosen = []
    for entry in files:
        data = entry.get("dataFile", {})
        original = data.get("originalFileName")
        name = original or data.get("filename") or entry.get("label", "")
        if not re.search(match, name):
            continue
        checksum = data.get("checksum") or ({"type": "MD5", "value": data["md5"]} if data.get("md5") else {})
        algorithm = str(checksum.get("type", "")).lower().replace("-", "") or None
        link = f"{server}/api/access/datafile/{data['id']}" + ("?format=original" if original else "")
        chosen.append(RemoteFile(name, link, algorithm, str(checksum.get("value", "")).lower() or None,
                                 data.get("originalFileSize") if original else data.get("filesize")))
    if not chosen:
        raise FetchError(f"{url}: no file in the dataset matches {match!r}")
    return chosen


def file_digest(path: Path, algorithm: str = "sha256") -> str:
    digest = hashlib.new(algorithm)
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(_CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()


def _download(remote: RemoteFile, target: Path) -> tuple[str, str, int] | None:
    """Stream ``remote`` to ``target`` via a .part file; verify; return (sha256, md5, size)."""
    part = target.with_name(target.name + ".part")
    sha, md5 = hashlib.sha256(), hashlib.md5()  # noqa: S324 (Dataverse publishes MD5)
    other = hashlib.new(remote.algorithm) if remote.algorithm not in (None, "sha256", "md5") else None
    size = 0
    try:
        response = _open(remote.url)
    except FetchError as exc:
        if remote.optional and "HTTP 404" in str(exc):
            return None
        raise
    try:
        with response, open(part, "wb") as out:
            for block in iter(lambda: response.read(_CHUNK), b""):
                out.write(block)
                sha.update(block)
                md5.update(block)
                if other:
                    other.update(block)
                size += len(block)
    except OSError as exc:
        part.unlink(missing_ok=True)
        raise FetchError(f"download of {remote.url} broke off: {_one_line(exc)}") from None
    got = {"sha256": sha.hexdigest(), "md5": md5.hexdigest()}
    if other is not None:
        got[other.name.replace("-", "")] = other.hexdigest()
    if remote.digest and got.get(remote.algorithm or "") != remote.digest:
        part.unlink(missing_ok=True)
        raise FetchError(f"{remote.name}: checksum mismatch ({remote.algorithm} expected {remote.digest[:12]}…, "
                         f"got {got.get(remote.algorithm or '', '?')[:12]}…); file discarded")
    if remote.size is not None and int(remote.size) != size:
        part.unlink(missing_ok=True)
        raise FetchError(f"{remote.name}: expected {remote.size} bytes, got {size}; file discarded")
    os.replace(part, target)
    return got["sha256"], got["md5"], size


def _cached(target: Path, remote: RemoteFile, entry: dict[str, Any] | None) -> bool:
    if not target.is_file() or not remote.digest or not remote.algorithm:
        return False
    if entry and entry.get(remote.algorithm) == remote.digest and entry.get("size") == target.stat().st_size:
        return file_digest(target, "sha256") == entry.get("sha256")
    return file_digest(target, remote.algorithm) == remote.digest


@dataclass
class FetchResult:
    folder: Path
    downloaded: list[str]
    cached: list[str]


def download(url: str | None = None, data_dir: str | Path | None = None, checksums: list[str] | None = None,
             match: str = DEFAULT_MATCH, report: Callable[[str], None] | None = None) -> FetchResult:
    """Bring the source's files into ``data_dir`` (default ``<data dir>/unga``), verified."""
    say = report or (lambda _line: None)
    base = source_url(url)
    local_source = base.startswith("file:")
    folder = Path(data_dir).expanduser() if data_dir else config.data_dir() / "unga"
    given = _given_checksums(checksums or [])
    if local_source:
        source_path = Path(urllib.request.url2pathname(urllib.parse.urlsplit(base).path))
        if source_path.is_file():
            base = source_path.parent.as_uri()
            given = given or {}
            remotes = [RemoteFile(source_path.name, source_path.as_uri(), "sha256", given.get(source_path.name))]
        elif source_path.is_dir():
            remotes = list_files(base, given, match)
            names = {r.name for r in remotes}
            # A local folder without a checksum list: take every data file in it as it is.
            if all(r.digest is None for r in remotes):
                remotes = [RemoteFile(p.name, p.as_uri()) for p in sorted(source_path.iterdir())
                           if p.is_file() and p.name.endswith((".csv", ".csv.gz", ".tab", ".tsv", ".gz"))
                           and (p.name in names or not given)]
        else:
            raise FetchError(f"{source_path}: no such file or folder")
        # A local copy is its own reference: its checksum decides whether the cache is current.
        for remote in remotes:
            if remote.digest is None:
                path = Path(urllib.request.url2pathname(urllib.parse.urlsplit(remote.url).path))
                if path.is_file():
                    remote.algorithm, remote.digest = "sha256", file_digest(path)
                    remote.expected = False
    else:
        remotes = list_files(base, given, match)
        unverified = [r.name for r in remotes if not r.digest and not r.optional]
        if unverified:
            raise FetchError(f"{base}: no checksum for {', '.join(unverified)} (the source serves no SHA256SUMS "
                             "or manifest.json); pass --sha256 NAME=HEX")
        remotes = [r for r in remotes if r.digest or r.optional]
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise FetchError(f"{folder}: cannot create the data folder: {_one_line(exc)}") from None
    manifest_path = folder / MANIFEST
    manifest = _load_manifest(manifest_path)
    downloaded, cached = [], []
    for remote in remotes:
        target = folder / Path(remote.name).name
        entry = manifest["files"].get(target.name)
        if _cached(target, remote, entry):
            cached.append(target.name)
            say(f"{target.name}: up to date (checksum matches), not downloaded")
            continue
        got = _download(remote, target)
        if got is None:
            say(f"{target.name}: not at the source (optional), skipped")
            continue
        sha, md5, size = got
        manifest["files"][target.name] = {"sha256": sha, "md5": md5, "size": size, "url": remote.url,
                                          "fetched": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}
        downloaded.append(target.name)
        if remote.digest and remote.expected:
            check = f"{remote.algorithm} checksum verified against the expected value"
        else:
            check = "no expected checksum to compare with (sha256 recorded for next time)"
        say(f"{target.name}: {'copied' if local_source else 'downloaded'} {size} bytes, {check}")
    manifest["source"] = base
    tmp = manifest_path.with_name(MANIFEST + ".part")
    tmp.write_text(json.dumps(manifest, indent=1, sort_keys=True), encoding="utf-8")
    os.replace(tmp, manifest_path)
    return FetchResult(folder, downloaded, cached)


def _load_manifest(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and isinstance(data.get("files"), dict):
            return data
    except (OSError, ValueError):
        pass
    return {"files": {}}


def fetch_votes(url: str | None = None, from_file: str | None = None, data_dir: str | None = None,
                db: str | None = None, checksums: list[str] | None = None, do_import: bool = True,
                match: str = DEFAULT_MATCH, report: Callable[[str], None] | None = None,
                wait: float = 30.0) -> Any:
    """Download (or copy) the vote files, then import them into ``db`` (waiting up to
    ``wait`` seconds for a DuckDB file another process holds); returns the ImportSummary
    (None with ``do_import=False``)."""
    if url and from_file:
        raise UsageError("give --url or --from-file, not both")
    source = Path(from_file).expanduser().resolve().as_uri() if from_file else url
    result = download(source, data_dir, checksums, match, report)
    if not do_import:
        return None
    from blocwatch.analyze.votes import import_votes
    from blocwatch.store.db import connect

    keep = set(result.downloaded) | set(result.cached)
    staging = result.folder / ".import"
    # Import exactly the files of this source, not leftovers from another one.
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    try:
        for name in sorted(keep):
            try:
                os.link(result.folder / name, staging / name)
            except OSError:
                shutil.copy2(result.folder / name, staging / name)
        with connect(db, wait=wait) as database:
            return import_votes(database, staging, report=report)
    finally:
        shutil.rmtree(staging, ignore_errors=True)

