"""GDELT 2.0 import (plain and zipped, malformed rows) and GDELT / PLOVER export."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

from blocwatch.store import open_store
from blocwatch.store.interchange import GDELT_COLUMNS, PLOVER_FIELDS, import_gdelt


def gdelt_row(event_id: int, day: str, actor1: str, actor2: str, code: str, quad: str, goldstein: str,
              url: str) -> str:
    cells = [""] * 61
    cells[0], cells[1], cells[2], cells[3] = str(event_id), day, day[:6], day[:4]
    cells[5], cells[6], cells[7], cells[12] = actor1, f"{actor1} NAME", actor1, "GOV"
    cells[15], cells[16], cells[17] = actor2, f"{actor2} NAME", actor2
    cells[25], cells[26], cells[27], cells[28] = "1", code, code[:3], code[:2]
    cells[29], cells[30], cells[31], cells[32] = quad, goldstein, "10", "2"
    cells[59], cells[60] = day + "120000", url
    return "\t".join(cells)


ROWS = [
    gdelt_row(1001, "20220224", "PAK", "RUS", "042", "1", "1.9", "https://a.example/visit"),
    gdelt_row(1002, "20220225", "RUS", "PAK", "042", "1", "1.9", "https://b.example/visit"),
    gdelt_row(1003, "20220303", "RUS", "UKR", "112", "3", "-2.0", "https://c.example/accuse"),
    gdelt_row(1004, "20220303", "RUS", "UKR", "010", "1", "0.0", "https://d.example/statement"),  # no PLOVER type
    "1005\t20220303\ttoo few columns",                                                                # malformed
    gdelt_row(1006, "2022-03-03", "RUS", "UKR", "112", "3", "-2.0", "https://e.example/"),           # bad date
    gdelt_row(1007, "20220303", "RUS", "UKR", "999", "3", "-2.0", "https://f.example/"),             # bad code
    gdelt_row(1008, "20220310", "USA", "RUS", "163", "4", "-8.0", ""),                               # no URL
]


def _write(tmp_path: Path) -> Path:
    path = tmp_path / "20220303.export.CSV"
    path.write_text("\n".join(ROWS) + "\n", encoding="utf-8")
    return path


def test_store_interchange_gdelt_import_reports_malformed_lines(tmp_path: Path) -> None:
    source = _write(tmp_path)
    with open_store(str(tmp_path / "g.duckdb")) as store:
        summary = import_gdelt(store, [str(source)])
        assert (summary.rows, summary.imported, summary.unmapped) == (8, 4, 1)
        assert [(line, reason.split()[0]) for _, line, reason in summary.malformed] == \
            [(5, "expected"), (6, "SQLDATE"), (7, "EventCode")]
        events = store.events(as_="records")
        again = import_gdelt(store, [str(source)])
        assert again.already == 1 and store.counts()["reports"] == 4
    visit = next(e for e in events if e["event"] == "CONSULT")
    assert (visit["mentions"], visit["sources"], visit["mode"], visit["cameo"]) == (2, 2, "visit", "042")
    accuse = next(e for e in events if e["event"] == "ACCUSE")
    assert (accuse["actor"], accuse["recipient"], accuse["quad"], accuse["goldstein"]) == ("RUS", "UKR", 3, -2.0)
    assert accuse["doc"] == "https://c.example/accuse" and accuse["date"] == "2022-03-03"
    sanction = next(e for e in events if e["actor"] == "USA")
    assert sanction["doc"].endswith("20220303.export.CSV:8")


def test_store_interchange_gdelt_zip_and_cli(tmp_path: Path) -> None:
    plain = _write(tmp_path)
    archive = tmp_path / "20220303.export.CSV.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(plain, plain.name)
    db = str(tmp_path / "z.duckdb")
    result = subprocess.run([sys.executable, "-m", "blocwatch", "gdelt", "import", str(archive), "--db", db],
                            capture_output=True, text=True, env=dict(os.environ))
    assert result.returncode == 1  # some rows were malformed
    assert f"{archive}!{plain.name}:5: expected 61 tab-separated columns, found 3" in result.stderr
    assert "imported 4" in result.stderr


def test_store_interchange_export_gdelt_and_plover_round_trip(tmp_path: Path) -> None:
    db = str(tmp_path / "g.duckdb")
    with open_store(db) as store:
        import_gdelt(store, [str(_write(tmp_path))])
        original = store.events(as_="records")
    exported = tmp_path / "out.tsv"
    run = [sys.executable, "-m", "blocwatch", "export", "--db", db, "--output"]
    assert subprocess.run([*run, str(exported), "--format", "gdelt"], capture_output=True).returncode == 0
    lines = exported.read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(original) and all(len(line.split("\t")) == len(GDELT_COLUMNS) for line in lines)
    visit = next(line.split("\t") for line in lines if line.split("\t")[26] == "042")
    assert visit[31:33] == ["2", "2"]  # NumMentions, NumSources of the linked happening
    with open_store(str(tmp_path / "again.duckdb")) as store:
        summary = import_gdelt(store, [str(exported)])
        assert summary.malformed == []
        again = store.events(as_="records")
    key = ("actor", "recipient", "event", "date", "cameo", "quad")
    assert sorted(tuple(e[k] for k in key) for e in again) == sorted(tuple(e[k] for k in key) for e in original)
    plover = tmp_path / "out.jsonl"
    assert subprocess.run([*run, str(plover), "--format", "plover"], capture_output=True).returncode == 0
    objects = [json.loads(line) for line in plover.read_text(encoding="utf-8").splitlines()]
    assert [tuple(o) for o in objects] == [PLOVER_FIELDS] * len(original)
    assert {(o["event_type"], o["actor_country"], o["recipient_country"]) for o in objects} == \
        {(e["event"], e["actor"], e["recipient"]) for e in original}


def test_store_interchange_export_filters_take_names_and_codes_in_any_case(tmp_path: Path) -> None:
    db = str(tmp_path / "g.duckdb")
    with open_store(db) as store:
        import_gdelt(store, [str(_write(tmp_path))])
        pair = sorted({tuple(sorted((e["actor"], e["recipient"]))) for e in store.events(as_="records")
                       if e["actor"] and e["recipient"]})[0]
    run = [sys.executable, "-m", "blocwatch", "export", "--db", db, "--format", "plover", "--dyad"]
    by_code = subprocess.run([*run, ",".join(pair)], capture_output=True, text=True)
    assert by_code.returncode == 0 and by_code.stdout
    lower = subprocess.run([*run, ",".join(pair).lower()], capture_output=True, text=True)
    assert lower.stdout == by_code.stdout
    unknown = subprocess.run([*run, f"{pair[0]},Atlantis"], capture_output=True, text=True)
    assert unknown.returncode == 2 and unknown.stderr.count("\n") == 1 and "'Atlantis'" in unknown.stderr


def test_store_interchange_gdelt_not_gdelt_files_fail_whole_and_others_still_import(tmp_path: Path) -> None:
    junk = tmp_path / "junk.zip"
    junk.write_bytes(bytes(range(256)) * 20)
    page = tmp_path / "page.CSV"
    page.write_text("<html><body>not events</body></html>\n", encoding="utf-8")
    good = _write(tmp_path)
    db = str(tmp_path / "j.duckdb")
    command = [sys.executable, "-m", "blocwatch", "gdelt", "import", str(tmp_path / "missing.CSV"), str(junk),
               str(page), str(good), "--db", db]
    for _ in range(2):  # the failed files are not stored as imported: the second run says so again
        result = subprocess.run(command, capture_output=True, text=True)
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert f"{junk}: not a GDELT 2.0 event file" in result.stderr
        assert f"{page}: not a GDELT 2.0 event file" in result.stderr and "missing.CSV: " in result.stderr
        assert f"{junk}:1:" not in result.stderr  # one line for the file, not one per line of junk
    with open_store(db) as store:
        assert store.counts()["reports"] == 4


def test_store_interchange_gdelt_month_year_and_undated_rows_round_trip(tmp_path: Path) -> None:
    rows = [gdelt_row(2001, "20220224", "PAK", "RUS", "042", "1", "1.9", "https://a.example/"),
            gdelt_row(2002, "20220301", "RUS", "UKR", "112", "3", "-2.0", "https://b.example/").split("\t"),
            gdelt_row(2003, "20220301", "USA", "RUS", "163", "4", "-8.0", "https://c.example/").split("\t"),
            gdelt_row(2004, "20220301", "CHN", "IND", "112", "3", "-2.0", "https://d.example/").split("\t")]
    rows[1][1] = ""                               # month: MonthYear 202203
    rows[2][1] = rows[2][2] = ""                  # year: Year 2022
    rows[3][1] = rows[3][2] = rows[3][3] = ""     # undated
    source = tmp_path / "dates.CSV"
    source.write_text("\n".join([rows[0], *("\t".join(r) for r in rows[1:])]) + "\n", encoding="utf-8")
    with open_store(str(tmp_path / "d.duckdb")) as store:
        summary = import_gdelt(store, [str(source)])
        assert summary.malformed == [] and summary.imported == 4
        dates = {e["actor"]: (e["date"], e["date_precision"]) for e in store.events(as_="records")}
    assert dates == {"PAK": ("2022-02-24", "day"), "RUS": ("2022-03", "month"), "USA": ("2022", "year"),
                     "CHN": (None, None)}
