"""Attack (adversary5, point 2): hostile cell values through the merge's PostgreSQL write path
(storage/dialect.py ``execute_native``/``unnest``, binary arrays, used by merge_store): NUL bytes
(a cell written ``_x0000_``, which python-calamine decodes to U+0000, and PostgreSQL text cannot
hold), surrogates, text near the limit, numbers as text and numbers too big for a column,
values that look like SQL or array literals ('{a,b}', 'NULL', '\\N'). Each file comes from a new
laptop's own key (a first contact: trusted on first use), so it reaches the write path. It is
stored exactly as SQLite stores it, or refused with its place named, and then nothing of it is
on the server; never an internal error (exit 3)."""

from __future__ import annotations

import json

import psycopg
import pytest

from consultation_app.cli.main import EXIT_FAILED, EXIT_OK, main
from consultation_app.domain import signing
from consultation_app.domain.records import CONSULTATION, FEEDBACK
from consultation_app.exchange.export import export_package
from consultation_app.exchange.workbook_format import FEEDBACK_SHEET
from consultation_app.exchange.workbook_reader import WorkbookError
from tests.forgery import resign, set_cells

CATALOG = "khm-upr3-ohchr-2019"


def forged(open_ws, tmp_path, values: dict) -> tuple:
    """A new laptop's export whose one feedback row has ``values`` (by machine key), signed by
    that laptop's own (new) key."""
    laptop = open_ws("hostile", "Hostile laptop")
    c = laptop.records.create(CONSULTATION, {"title": "hostile consultation", "catalog_id": CATALOG})
    entry = laptop.records.create(FEEDBACK, {"consultation_uuid": c["uuid"], "catalog_id": CATALOG,
                                             "recommendation_code": "KH3-01", "priority": "high",
                                             "comment": "placeholder"})
    genuine = export_package(laptop.database_path, tmp_path / "genuine.xlsx", laptop.reference).path
    path = resign(genuine, tmp_path / "hostile.xlsx", signing.new_private_key(),
                  set_cells(FEEDBACK_SHEET, entry["uuid"], values))
    return path, entry["uuid"]


def merged(capsys, data_dir, path, *engine) -> tuple[int, dict, str]:
    capsys.readouterr()
    code = main(["--data-dir", str(data_dir), *engine, "merge", "--json", str(path)])
    out, err = capsys.readouterr()
    return code, (json.loads(out) if out.strip() else {}), err


def server_rows(url: str, uuid: str) -> dict:
    with psycopg.connect(url) as conn:
        cursor = conn.execute("SELECT * FROM feedback WHERE uuid = %s", [uuid])
        row = cursor.fetchone()
        names = [column.name for column in cursor.description]
        counts = {table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                  for table in ("consultations", "feedback", "record_revisions", "merged_exports")}
    return {"row": dict(zip(names, row)) if row else None, "counts": counts}


def sqlite_row(data_dir, uuid: str) -> dict | None:
    import sqlite3

    from consultation_app.paths import DATABASE_NAME
    conn = sqlite3.connect(data_dir / DATABASE_NAME)
    conn.row_factory = sqlite3.Row
    try:
        row = conn.execute("SELECT * FROM feedback WHERE uuid = ?", [uuid]).fetchone()
        return dict(row) if row else None
    finally:
        conn.close()


HOSTILE = {
    "NUL in the comment": {"comment": "before_x0000_after"},
    "NUL in the quote": {"quote": "_x0000_"},
    "a lone surrogate's escape": {"comment": "x_xD800_y"},
    "array literal": {"comment": "{a,b}"},
    "NULL as text": {"comment": "NULL"},
    "copy's null marker": {"comment": "\\N"},
    "SQL": {"comment": "'); DROP TABLE feedback; --"},
    "a percent placeholder": {"comment": "%s %(x)s %b"},
    "number as text in a text column": {"comment": "12345678901234567890"},
    "32,000 Khmer characters": {"comment": "ក" * 32_000 + "x"},  # (openpyxl cuts longer ones; the reader refuses them)
    "NUL in the recommendation code": {"recommendation_code": "KH3-01_x0000_"},
    "NUL in the priority": {"priority": "high_x0000_"},
    "revision as text": {"revision": "7"},
    "revision beyond bigint": {"revision": 10 ** 20},
    "revision as an array literal": {"revision": "{1,2}"},
    "NUL in the date": {"updated_at": "2026-01-01T00:00:00_x0000_"},
    "NULL as the date": {"updated_at": "NULL"},
    "NUL in the content hash": {"content_hash": "_x0000_"},
}


@pytest.mark.parametrize("case", list(HOSTILE))
def test_a_hostile_value_is_stored_exactly_or_refused_by_its_place(capsys, data_dir, pg_url, open_ws, tmp_path,
                                                                   case):
    try:
        path, uuid = forged(open_ws, tmp_path, HOSTILE[case])
    except WorkbookError as refused:  # the reader refuses it already when the forger signs it: so does the merge
        assert f"sheet '{FEEDBACK_SHEET}', row 3, column" in str(refused), refused
        return
    assert main(["--data-dir", str(data_dir), "--database", pg_url, "conflicts", "list"]) == EXIT_OK  # the schema
    before = server_rows(pg_url, uuid)
    code, result, err = merged(capsys, data_dir, path, "--database", pg_url)
    assert code in (EXIT_OK, EXIT_FAILED), err
    assert "Traceback" not in err and "internal error" not in err.lower(), err
    after = server_rows(pg_url, uuid)
    lite_code, lite, lite_err = merged(capsys, data_dir, path)
    if code == EXIT_FAILED:
        [file] = result["files"]
        assert file["status"] == "rejected", file
        assert FEEDBACK_SHEET in file["message"] and "row" in file["message"], file["message"]
        assert "\n" not in file["message"]
        assert after == before  # nothing half-merged
        assert lite_code == EXIT_FAILED, lite  # refused on SQLite too
        return
    assert lite_code == EXIT_OK, lite_err
    stored = sqlite_row(data_dir, uuid)
    assert after["row"] is not None and stored is not None
    assert {name: after["row"][name] for name in stored if name != "local_seq"} == \
        {name: value for name, value in stored.items() if name != "local_seq"}
