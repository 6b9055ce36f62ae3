"""`blocwatch text`: run as a real process, standard input included."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from ingest_testdata import COMMENTARY_PAGES, draw_pdf, news_page

ROOT = Path(__file__).resolve().parents[1]
PYTHON = ROOT / ".venv" / "bin" / "python"
PYTHON_EXE = str(PYTHON) if PYTHON.exists() else sys.executable


def blocwatch(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([PYTHON_EXE, "-m", "blocwatch", *args], input=stdin, capture_output=True,
                          timeout=120, cwd=ROOT)


def test_cli_text_stdin() -> None:
    raw = "MOSCOW, 10 July 2024 - Russia expelled two\nBulgarian diplomats, the minis-\ntry said.\n"
    result = blocwatch("text", "-", stdin=raw.encode("cp1252"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode() == "MOSCOW, 10 July 2024 - Russia expelled two Bulgarian diplomats, the ministry said.\n"
    assert result.stderr == b""


def test_cli_text_json(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(news_page(), "utf-8")
    result = blocwatch("text", str(page), "--json", "--date", "2024-07-12")
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert set(record) == {"path", "title", "pub_date", "pub_date_source", "format", "paragraphs", "text"}
    assert (record["path"], record["format"], record["pub_date"], record["pub_date_source"]) == \
        (str(page), "html", "2024-07-12", "option")
    text = record["text"]
    assert [text[s:e] for s, e in record["paragraphs"]] == text.split("\n\n")


def test_cli_text_bad_files_reported_and_others_printed(tmp_path: Path) -> None:
    good = draw_pdf(tmp_path / "good.pdf", COMMENTARY_PAGES)
    fake = tmp_path / "fake.pdf"
    fake.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = blocwatch("text", str(fake), str(good), str(empty), str(tmp_path / "missing.md"))
    assert result.returncode == 1
    errors = result.stderr.decode().splitlines()
    assert errors == [
        f"blocwatch text: {fake}: not a PDF file (no PDF header; binary data named .pdf?)",
        f"blocwatch text: {empty}: empty file",
        f"blocwatch text: {tmp_path / 'missing.md'}: no such file",
    ]
    assert "envoys of European and other Western countries" in result.stdout.decode()
    assert "Traceback" not in result.stderr.decode()


def test_cli_text_bad_date_is_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Russia and China met.", "utf-8")
    result = blocwatch("text", str(path), "--date", "2024-02-30")
    assert result.returncode == 2
    assert result.stderr.decode().strip() == "blocwatch text: --date: '2024-02-30' is not a date in the form YYYY-MM-DD"


def test_cli_text_folder(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("Second document.", "utf-8")
    (tmp_path / "a.md").write_text("# First\n\nFirst document.", "utf-8")
    result = blocwatch("text", str(tmp_path), "--json")
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [(r["format"], r["text"]) for r in records] == [("md", "First\n\nFirst document."), ("txt", "Second document.")]
