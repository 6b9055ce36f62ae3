"""The sample-corpus loader: extracted once with the project's extractor, cached by a hash of
the extractor and the documents, rebuilt when a document changes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from blocwatch.analyze.assessment.sample_corpus import corpus_key, sample_store_path
from blocwatch.errors import InputError
from blocwatch.store import open_store

DOCS = {
    "islamabad-moscow.txt": ("2023-01-20", "Pakistan and Russia agree on oil",
                             "ISLAMABAD - Pakistan and Russia signed an agreement on Friday on the supply of "
                             "Russian crude oil to Pakistan. Russia's energy minister met Pakistan's prime "
                             "minister in Islamabad."),
    "ankara-washington.txt": ("2024-01-26", "US approves F-16 sale to Turkey",
                              "ANKARA - The United States on Friday approved the sale of F-16 fighter jets to "
                              "Turkey. Turkey welcomed the decision."),
    "delhi-beijing.txt": ("2022-06-10", "India accuses China",
                          "NEW DELHI - India accused China on Friday of sending troops across the border."),
}


def write_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    index = {}
    for name, (date, title, text) in DOCS.items():
        (folder / name).write_text(text + "\n", encoding="utf-8")
        index[name] = {"published": date, "title": title}
    (folder / "index.json").write_text(json.dumps(index), encoding="utf-8")
    return folder


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("BLOCWATCH_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def test_assessment_sample_corpus_extracted_once_and_cached(tmp_path: Path, home: Path) -> None:
    folder = write_corpus(tmp_path / "corpus")
    lines: list[str] = []
    path = sample_store_path(lines.append, folder=folder)
    assert path is not None and path.parent == home / "cache" and path.exists()
    assert any("extracting the sample corpus" in line for line in lines)
    with open_store(str(path), must_exist=True) as store:
        assert store.counts()["documents"] == 3
        events = list(store.events(dyad=("PAK", "RUS"), as_="records"))
        titles = {r[0] for r in store.db.query("SELECT title FROM documents")}
    assert events and all(str(e["date"]).startswith("2023") for e in events if e["date"])
    assert "Pakistan and Russia agree on oil" in titles
    stamp = path.stat().st_mtime_ns
    lines.clear()
    assert sample_store_path(lines.append, folder=folder) == path  # warm: no extraction
    assert lines == [] and path.stat().st_mtime_ns == stamp
    assert not list(path.parent.glob("*.building*"))


def test_assessment_sample_corpus_key_follows_documents(tmp_path: Path, home: Path) -> None:
    folder = write_corpus(tmp_path / "corpus")
    before = corpus_key(folder)
    assert corpus_key(folder) == before
    (folder / "delhi-beijing.txt").write_text("NEW DELHI - India praised China on Friday.\n", encoding="utf-8")
    assert corpus_key(folder) != before


def test_assessment_sample_corpus_bad_index_is_one_error(tmp_path: Path, home: Path) -> None:
    folder = write_corpus(tmp_path / "corpus")
    (folder / "index.json").write_text("[not json", encoding="utf-8")
    with pytest.raises(InputError, match="index.json"):
        sample_store_path(folder=folder)
