"""The project's gold set is well formed: every document has gold, every line follows the
shared gold format with known codes and types, and every evidence quote is in the
document's normalised text."""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
from collections import Counter
from pathlib import Path

import pypdf
import pytest

from blocwatch.extract.evaluation.scoring import DOCUMENT_SUFFIXES, load_dates, load_gold
from blocwatch.ingest import read_document
from gold_lines import check_gold_line, gold_rows, known_codes, plover_types

GOLD_ROOT = Path(__file__).resolve().parent / "gold"
DOCS = GOLD_ROOT / "docs"
GOLD = GOLD_ROOT / "gold"
DOC_FILES = sorted(p for p in DOCS.iterdir() if p.suffix in DOCUMENT_SUFFIXES)


def test_evaluation_gold_set_size_and_forms() -> None:
    kinds = Counter(p.suffix for p in DOC_FILES)
    assert len(DOC_FILES) >= 24
    assert kinds[".html"] >= 2 and kinds[".pdf"] >= 2
    gold = load_gold(GOLD)
    assert sorted(gold) == sorted(p.name for p in DOC_FILES)
    for path in DOCS.glob("*.pdf"):
        assert len(pypdf.PdfReader(path).pages) >= 2, f"{path.name} should run over pages"


@pytest.mark.parametrize("path", sorted(GOLD.glob("*.jsonl")), ids=lambda p: p.stem)
def test_evaluation_gold_lines_are_well_formed(path: Path) -> None:
    codes, types = known_codes(), plover_types()
    ids = []
    for where, row in gold_rows(path):
        ids.append(row["id"])
        assert row["doc"] == path.stem + Path(row["doc"]).suffix, where
        check_gold_line(row, where, codes, types)
    assert len(ids) == len(set(ids)), f"{path.name}: duplicate ids"


@pytest.mark.parametrize("path", DOC_FILES, ids=lambda p: p.name)
def test_evaluation_gold_evidence_is_in_document(path: Path) -> None:
    document = read_document(path)
    text = re.sub(r"\s+", " ", document.text)
    lines = load_gold(GOLD / f"{path.stem}.jsonl")[path.name]
    assert 150 <= len(text.split()) <= 700
    for line in lines:
        assert line.evidence in text, f"{path.name} {line.id}: {line.evidence!r}"


def test_evaluation_gold_dates_cover_undated_documents() -> None:
    dates = load_dates(GOLD_ROOT)
    for path in DOC_FILES:
        document = read_document(path)
        if document.pub_date is None:
            assert path.name in dates, f"{path.name} has no dateline and no entry in dates.json"
        dt.date.fromisoformat(dates.get(path.name, document.pub_date))


def test_evaluation_gold_pdfs_are_rebuilt_identically(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    spec = importlib.util.spec_from_file_location("make_pdfs", GOLD_ROOT / "make_pdfs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "DOCS", tmp_path)
    module.main()
    for built in tmp_path.glob("*.pdf"):
        assert built.read_bytes() == (DOCS / built.name).read_bytes(), built.name
