"""The sample corpus shipped with the package, extracted once and cached.

``blocwatch/data/corpus/*.txt`` are short reports written for the project (Pakistan, India,
Turkey, Russia, China and the United States, 2021-2025); ``index.json`` gives each file's
publication date and title: ``{"file.txt": {"published": "YYYY-MM-DD", "title": "..."}}``.

On first use every document is read and extracted with the project's own extractor
(``blocwatch.read`` + ``blocwatch.extract``) into a DuckDB corpus in the data folder, named
by a hash of the extractor's code and data and of the corpus files: a later run with the
same extractor and documents opens that file (fast), a changed extractor or corpus builds a
new one. The build writes to a temporary file that is renamed at the end, so two processes
never see half a corpus."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

from blocwatch.errors import BlocwatchError, InputError

#: Packages whose code and data decide what the extractor returns.
_EXTRACTOR_PACKAGES = ("blocwatch.ingest", "blocwatch.extract", "blocwatch.store")


def corpus_folder() -> Path | None:
    try:
        folder = Path(str(resources.files("blocwatch").joinpath("data/corpus")))
    except (ModuleNotFoundError, FileNotFoundError):
        return None
    return folder if (folder / "index.json").is_file() else None


def load_index(folder: Path) -> dict[str, dict[str, Any]]:
    try:
        index = json.loads((folder / "index.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(folder / "index.json", f"not a readable JSON index ({exc})") from None
    if not isinstance(index, dict):
        raise InputError(folder / "index.json", "expected an object of file -> {published, title}")
    return index


def _tree_digest(digest: Any, root: Path) -> None:
    for path in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())


def corpus_key(folder: Path) -> str:
    """Hash of the extractor (code and data of ingest, extract, store) and of the corpus."""
    digest = hashlib.sha256()
    for package in _EXTRACTOR_PACKAGES:
        _tree_digest(digest, Path(str(resources.files(package))))
    _tree_digest(digest, folder)
    digest.update(os.environ.get("BLOCWATCH_MODEL", "").encode())   # the model on, off or another one
    return digest.hexdigest()[:20]


def build(folder: Path, out: Path, progress: Callable[[str], None] | None = None) -> dict[str, int]:
    """Extract every document of the index into a new DuckDB corpus at ``out``."""
    from blocwatch import extract, read
    from blocwatch.store import open_store

    say = progress or (lambda _line: None)
    index = load_index(folder)
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=out.stem, suffix=".building.duckdb")
    os.close(fd)
    os.unlink(tmp)  # DuckDB creates the file itself
    stored = failed = 0
    try:
        with open_store(tmp) as store:
            for number, (name, meta) in enumerate(sorted(index.items()), start=1):
                path = folder / name
                date = (meta or {}).get("published") if isinstance(meta, dict) else None
                try:
                    document = read(str(path), date=date)
                    if isinstance(meta, dict) and meta.get("title") and not document.title:
                        document = dataclasses.replace(document, title=str(meta["title"]))
                    store.add_document(document, extract(document), source="sample")
                    stored += 1
                except BlocwatchError as exc:
                    store.record_failure(str(path), str(exc))
                    failed += 1
                if number % 10 == 0 or number == len(index):
                    say(f"sample corpus: {number} of {len(index)} documents extracted")
        os.replace(tmp, out)
    finally:
        for leftover in (tmp, tmp + ".wal"):
            if os.path.exists(leftover):
                os.unlink(leftover)
    return {"stored": stored, "failed": failed}


def sample_store_path(progress: Callable[[str], None] | None = None, folder: Path | None = None) -> Path | None:
    """The cached corpus of the sample documents (built on first use); None when the package
    ships no sample corpus."""
    from blocwatch import config

    folder = folder or corpus_folder()
    if folder is None:
        return None
    name = f"sample-corpus-{corpus_key(folder)}.duckdb"
    places = [config.data_dir() / "cache", Path(tempfile.gettempdir()) / f"blocwatch-{os.getuid()}"]
    for place in places:
        if (place / name).exists():
            return place / name
    for place in places:
        try:
            place.mkdir(parents=True, exist_ok=True)
        except OSError:
            continue  # a data folder that cannot be written: the temporary folder instead
        if progress:
            progress(f"extracting the sample corpus ({folder}) once; cached in {place / name}")
        build(folder, place / name, progress)
        return place / name
    raise InputError(places[0], "cannot create a folder for the sample corpus cache")
