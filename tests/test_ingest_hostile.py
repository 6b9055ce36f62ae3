"""Hostile inputs: special files, odd file names, oversized and run-on text, encrypted
PDFs. Each gives one line naming the file and the reason, in bounded time, and the rest of
the work goes on."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from blocwatch.errors import DocumentDecodeError, DocumentTooLargeError, InputError
from blocwatch.ingest import read_document
from blocwatch.store import open_store
from ingest_testdata import ARTICLE_PARAGRAPHS, draw_pdf, encrypt_pdf
from store_testdata import db_target  # noqa: F401 - fixture: a DuckDB file, and a PostgreSQL schema

CLI = [sys.executable, "-m", "blocwatch"]
ARTICLE = "\n\n".join(ARTICLE_PARAGRAPHS) + "\n"


def blocwatch(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=timeout)


def _fifo(path: Path) -> Path:
    if not hasattr(os, "mkfifo"):
        pytest.skip("named pipes need os.mkfifo (POSIX)")
    os.mkfifo(path)
    return path


def test_ingest_hostile_fifo_named_or_in_a_folder_is_skipped_unopened(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    pipe = _fifo(folder / "pipe.txt")
    (folder / "story.txt").write_text(ARTICLE, encoding="utf-8")
    with pytest.raises(InputError, match="named pipe"):
        read_document(pipe)
    db = str(tmp_path / "c.duckdb")
    for args in (["ingest", str(folder), "--db", db], ["ingest", str(pipe), "--db", str(tmp_path / "d.duckdb")],
                 ["extract", str(pipe)], ["extract", str(folder)], ["text", str(folder)]):
        result = blocwatch(*args, timeout=120)  # a pipe opened for reading would block for ever
        lines = [line for line in result.stderr.splitlines() if "pipe.txt" in line]
        assert len(lines) == 1 and "named pipe (FIFO), not a regular file" in lines[0], (args, result.stderr)
        assert result.returncode == 1, args
    with open_store(db) as store:
        assert store.counts()["documents"] == 1


def test_ingest_hostile_non_utf8_and_newline_file_names(tmp_path: Path, db_target: str) -> None:  # noqa: F811
    folder = tmp_path / "news"
    folder.mkdir()
    latin = os.fsdecode(bytes(folder) + b"/caf\xe9.txt")
    Path(latin).write_text(ARTICLE, encoding="utf-8")
    broken = folder / "two\nlines.txt"
    broken.write_text(ARTICLE.replace("Bulgarian", "Romanian"), encoding="utf-8")
    db = db_target
    first = blocwatch("ingest", str(folder), "--db", db)
    assert first.returncode == 0 and "Traceback" not in first.stderr, first.stderr
    again = blocwatch("ingest", str(folder), "--db", db)  # re-runs go past the same files
    assert again.returncode == 0 and "already stored 2" in again.stderr, again.stderr
    with open_store(db) as store:
        paths = sorted(row[0] for row in store.db.query("SELECT path FROM documents"))
    assert paths == sorted([str(folder) + "/caf\\xe9.txt", str(folder) + "/two\\nlines.txt"])
    out = subprocess.run([*CLI, "extract", latin, str(broken)], capture_output=True, timeout=300)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.decode("utf-8").splitlines()   # valid UTF-8 ...
    docs = {json.loads(line)["doc"] for line in lines}  # ... and JSON on every line
    assert docs == {str(folder) + "/caf\\xe9.txt", str(folder) + "/two\\nlines.txt"}
    assert read_document(broken).text.startswith("MOSCOW")   # a name with a newline is a file


def test_ingest_hostile_missing_path_is_said_and_nothing_stored(tmp_path: Path) -> None:
    db = str(tmp_path / "c.duckdb")
    result = blocwatch("ingest", str(tmp_path / "nope") + "/", "--db", db)
    assert result.returncode == 1
    assert f"{tmp_path / 'nope'}/: no such file or folder" in result.stderr
    with open_store(db) as store:
        assert store.counts() == {"documents": 0, "reports": 0, "happenings": 0, "failures": 0}


def _one_line_html(size: int) -> str:
    words = ["Pakistan", "Russia", "minister", "talks", "trade", "said", "officials", "meeting", "the", "of", "and", "to", "in", "on"]
    body = " ".join(words[i % len(words)] for i in range(size // 6))
    return f"<html><head><title>Run on</title></head><body><article><p>{body}</p></article></body></html>"


def test_ingest_hostile_huge_one_line_html_fails_fast_past_a_limit(tmp_path: Path) -> None:
    page = tmp_path / "huge.html"
    page.write_text(_one_line_html(20_000_000), encoding="utf-8")
    started = time.monotonic()
    with pytest.raises(DocumentTooLargeError, match="HTML page too large to parse .* BLOCWATCH_MAX_HTML_BYTES"):
        read_document(page)
    assert time.monotonic() - started < 10
    smaller = tmp_path / "run-on.html"
    smaller.write_text(_one_line_html(2_000_000), encoding="utf-8")
    started = time.monotonic()
    with pytest.raises(DocumentTooLargeError, match="without a sentence end or line break"):
        read_document(smaller)
    assert time.monotonic() - started < 30
    text = tmp_path / "huge.txt"
    text.write_text("Pakistan and Russia held talks. " * 100_000, encoding="utf-8")
    with pytest.raises(DocumentTooLargeError, match="text too long .* BLOCWATCH_MAX_TEXT_CHARS"):
        read_document(text)
    result = blocwatch("extract", str(page), str(smaller), timeout=120)
    assert result.returncode == 1 and result.stderr.count("\n") == 2, result.stderr


@pytest.mark.parametrize("algorithm", ["AES-128", "AES-256"])
def test_ingest_hostile_aes_encrypted_pdfs(tmp_path: Path, algorithm: str) -> None:
    plain = draw_pdf(tmp_path / "plain.pdf", [ARTICLE_PARAGRAPHS[0].split(", in ")], header=None)
    readable = encrypt_pdf(plain, tmp_path / "owner-only.pdf", user_password="", algorithm=algorithm)
    assert "Russia expelled two Bulgarian diplomats" in read_document(readable).text
    locked = encrypt_pdf(plain, tmp_path / "locked.pdf", user_password="secret", algorithm=algorithm)
    with pytest.raises(DocumentDecodeError, match="password-protected"):
        read_document(locked)
