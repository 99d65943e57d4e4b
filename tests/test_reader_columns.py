"""The merge's faster reading keeps the exact results of the straightforward code it replaced:
cells converted column by column (against a cell-by-cell oracle, property-tested), the
checksum's bytes (against the format's own description), the row checks' messages; and new
databases get 16 KiB pages while existing ones keep theirs."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from consultation_app.domain.column_rows import ColumnRows
from consultation_app.domain.reference import default_reference
from consultation_app.errors import InputError
from consultation_app.exchange import merge_read
from consultation_app.exchange.workbook_format import (BOOL, DATA_SHEETS, DATE, ENUM, ENUM_LIST, INT, SHEET_COLUMNS,
                                                       SHEET_ROW_KEY, TEXT, TIMESTAMP, ContentHasher)
from consultation_app.domain.text import clean_text
from consultation_app.exchange.workbook_reader import (MAX_PROBLEMS, REQUIRED_ENUMS, ExportPackage, Problem,
                                                       column_letter, convert, read_rows)
from consultation_app.storage.connection import PAGE_SIZE, open_database

REFERENCE = default_reference()
_YES_NO = {"yes": True, "no": False}


def cell_by_cell(path: Path, sheet: str, rows: list[list[Any]], columns, reference, problems: list[Problem]):
    """The reader as it was before it went column by column: the oracle (header found alike)."""
    required = {column.key for column in columns}
    header = next(i for i, row in enumerate(rows[:10])
                  if required <= {str(c).strip() for c in row if isinstance(c, str)})
    positions = {}
    for index, cell in enumerate(rows[header]):
        key = str(cell).strip() if isinstance(cell, str) else ""
        if key in required and key not in positions:
            positions[key] = index
    out = []
    for row_index in range(header + 1, len(rows)):
        row = rows[row_index]
        if all(cell is None or cell == "" for cell in row):
            continue
        values = {}
        for column in columns:
            position, kind = positions[column.key], column.kind
            allowed = set(reference.keys(column.reference)) if kind == ENUM else None
            cell = row[position] if position < len(row) else None
            if type(cell) is str and (kind == TEXT or (allowed is not None and cell in allowed)
                                      or (kind == TIMESTAMP and cell == cell.strip())):
                # Text is cleaned as typing cleans it (issue 16): identity on clean text.
                values[column.key] = clean_text(cell) if kind in (TEXT, TIMESTAMP) else cell
            elif type(cell) is str and kind == BOOL and cell in _YES_NO:
                values[column.key] = _YES_NO[cell]
            elif cell is None and kind == TEXT:
                values[column.key] = ""
            elif cell is None and kind in (ENUM, DATE):
                values[column.key] = None
            elif type(cell) is float and kind == INT and cell >= 0 and cell.is_integer():
                values[column.key] = int(cell)
            else:
                try:
                    values[column.key] = convert(column, cell, reference)
                    if kind in (TEXT, TIMESTAMP) and isinstance(values[column.key], str):
                        values[column.key] = clean_text(values[column.key])
                except ValueError as error:
                    if len(problems) < MAX_PROBLEMS:
                        problems.append(Problem(path.name, sheet, row_index + 1,
                                                f"{column_letter(position)} ({column.key})", str(error)))
            # An enumeration the database requires, left blank (issue 16): refused, named.
            if (column.key in REQUIRED_ENUMS.get(sheet, ()) and values.get(column.key, "") is None
                    and (cell is None or str(cell).strip() == "") and len(problems) < MAX_PROBLEMS):
                problems.append(Problem(path.name, sheet, row_index + 1, f"{column_letter(position)} ({column.key})",
                                        f"is empty; expected one of {', '.join(reference.keys(column.reference))} "
                                        f"(see the 'lists' sheet)"))
        out.append(values)
    return out


def _cells(column) -> st.SearchStrategy:
    keys = sorted(REFERENCE.keys(column.reference)) if column.kind == ENUM and column.reference else ["x"]
    return st.one_of(
        st.none(), st.just(""), st.sampled_from([" ", "yes", "no", "maybe", "2024-05-16", " 2024-05-16 ", "12"]),
        st.sampled_from(keys), st.sampled_from([f" {keys[0]}", "a, b", "ពិគ្រោះ"]),
        st.text(max_size=6), st.booleans(), st.integers(-3, 50_000),
        st.floats(allow_nan=False, allow_infinity=False, min_value=-5, max_value=50_000),
        st.sampled_from([0.0, 3.0, 2.5, 45_000.0]),
        st.just(dt.datetime(2024, 5, 16, 9, 30)), st.just(dt.date(2024, 5, 16)))


@st.composite
def sheets(draw):
    sheet = draw(st.sampled_from(["consultations", "feedback", "notes"]))
    columns = SHEET_COLUMNS[sheet]
    order = draw(st.permutations(range(len(columns))))
    extra = draw(st.integers(0, 2))  # columns a person added
    header = [columns[i].key for i in order] + [f"added {n}" for n in range(extra)]
    rows = [["title row"], header]
    for _ in range(draw(st.integers(0, 6))):
        if draw(st.booleans()) and draw(st.booleans()):
            rows.append([None] * len(header) if draw(st.booleans()) else [""] * len(header))  # empty rows
            continue
        cells = [draw(_cells(columns[i])) for i in order] + [draw(st.text(max_size=3)) for _ in range(extra)]
        if draw(st.integers(0, 5)) == 0:
            cells = cells[:draw(st.integers(1, len(cells)))]  # a short row: its last cells missing
        rows.append(cells)
    return sheet, rows


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sheets())
def test_column_by_column_reading_gives_the_cell_by_cell_results(drawn):
    sheet, rows = drawn
    columns, path = SHEET_COLUMNS[sheet], Path("field.xlsx")
    expected_problems, problems = [], []
    expected = cell_by_cell(path, sheet, rows, columns, REFERENCE, expected_problems)
    got = read_rows(path, sheet, rows, columns, REFERENCE, problems)
    assert problems == expected_problems  # the same messages, row by row, in the same order
    assert len(got) == len(expected)
    for got_row, expected_row in zip(got, expected):
        # A cell that failed has no value in the oracle's row and None in the new one: its file
        # is refused either way (problems), so only the cells that converted are compared.
        assert {key: got_row[key] for key in expected_row} == expected_row
        assert all(got_row[key] is None for key in set(got_row) - set(expected_row))


def test_problems_stop_at_the_cap_in_reading_order():
    columns = SHEET_COLUMNS["feedback"]
    header = [column.key for column in columns]
    revision = header.index("revision")
    bad = [["" for _ in header] for _ in range(MAX_PROBLEMS + 20)]
    for row in bad:
        row[header.index("uuid")] = "u"
        row[revision] = "two"
        row[header.index("deleted")] = "perhaps"
        row[header.index("attribution")] = "anonymous"  # blank, it would be a third problem per row
    problems: list[Problem] = []
    read_rows(Path("many.xlsx"), "feedback", [header, *bad], columns, REFERENCE, problems)
    assert len(problems) == MAX_PROBLEMS
    assert [p.row for p in problems[:4]] == [2, 2, 3, 3], "row by row, each row's columns left to right"
    assert [p.column.split()[-1] for p in problems[:2]] == ["(revision)", "(deleted)"]


@pytest.mark.parametrize("c_encoder", [True, False], ids=["C JSON encoder", "Python's json where C is missing"])
def test_the_checksum_is_the_one_the_format_describes(c_encoder, monkeypatch):
    """docs/workbook-format.md: per sheet in order the line '#sheet', then each row sorted by its
    key as a compact JSON array of its values in the order of the sorted machine keys."""
    if not c_encoder:
        from consultation_app.exchange import workbook_format

        monkeypatch.setattr(workbook_format, "_C_ENCODE", None)
    rows = {
        "consultations": [{c.key: None for c in SHEET_COLUMNS["consultations"]}],
        "feedback": [{c.key: None for c in SHEET_COLUMNS["feedback"]} for _ in range(3)],
    }
    for index, row in enumerate(rows["feedback"]):
        row.update(uuid=f"f{2 - index}", comment="ការពិគ្រោះ \"quoted\"\nline", revision=index + 1,
                   sensitive=bool(index % 2))
    rows["consultations"][0].update(uuid="c1", title="Ratanakiri", participants_women=7)
    for sheet in rows:
        for row in rows[sheet]:
            for column in SHEET_COLUMNS[sheet]:
                if row[column.key] is None and column.kind in (TEXT, TIMESTAMP):
                    row[column.key] = ""
                elif row[column.key] is None and column.kind == INT:
                    row[column.key] = 0
                elif row[column.key] is None and column.kind == BOOL:
                    row[column.key] = False
                elif row[column.key] is None and column.kind == ENUM_LIST:
                    row[column.key] = []
    hasher = ContentHasher()
    for sheet in ("feedback", "consultations"):  # any order of adding
        hasher.add_columns(sheet, ColumnRows.from_dicts([c.key for c in SHEET_COLUMNS[sheet]], rows[sheet]))
    text = ""
    for sheet in DATA_SHEETS:
        text += f"#{sheet}\n"
        keys = sorted(column.key for column in SHEET_COLUMNS[sheet])
        for row in sorted(rows.get(sheet, []), key=lambda r: r[SHEET_ROW_KEY[sheet]]):
            text += json.dumps([row[key] for key in keys], ensure_ascii=False, separators=(",", ":")) + "\n"
    assert hasher.hexdigest() == hashlib.sha256(text.encode("utf-8")).hexdigest()


def test_the_row_checks_name_what_is_missing_in_the_same_order():
    good = {c.key: "x" for c in SHEET_COLUMNS["feedback"]} | {"revision": 1}
    bad = dict(good, device_id="", revision=0, recommendation_code="", uuid="f-2")
    keys = list(good)
    package = ExportPackage(Path("edited.xlsx"), {}, {"feedback": ColumnRows.from_dicts(
        keys, [good, bad, dict(bad, uuid="f-3")])})
    with pytest.raises(InputError) as raised:
        merge_read.check_rows(package)
    assert str(raised.value) == ("edited.xlsx: sheet 'feedback', record f-2 (data row 2): device_id, revision, "
                                 "recommendation_code missing (and 1 more)")
    merge_read.check_rows(ExportPackage(Path("fine.xlsx"), {}, {"feedback": ColumnRows.from_dicts(keys, [good, good])}))


def test_a_new_database_has_16_kib_pages_and_an_old_one_keeps_its_own(tmp_path):
    new = open_database(tmp_path / "new.sqlite3")
    try:
        assert new.execute("PRAGMA page_size").fetchone()[0] == PAGE_SIZE == 16_384
    finally:
        new.conn.close()
    old_path = tmp_path / "old.sqlite3"
    plain = sqlite3.connect(old_path)
    plain.execute("CREATE TABLE kept (x)")  # a file written by an earlier version, 4 KiB pages
    plain.execute("INSERT INTO kept VALUES (1)")
    plain.commit()
    plain.close()
    old = open_database(old_path)
    try:
        assert old.execute("PRAGMA page_size").fetchone()[0] == 4096
        assert old.execute("SELECT x FROM kept").fetchall() == [(1,)]
    finally:
        old.conn.close()
