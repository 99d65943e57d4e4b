"""The central merge, point by point: all or nothing per file, edited files held for review,
Excel/LibreOffice re-saves recognised as the same export, idempotent and order-free merging,
no silent conflicts, nothing dropped, convergence (a property test) and the command line."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
import shutil
import sqlite3
import tempfile
import time
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from consultation_app.cli.main import EXIT_FAILED, EXIT_OK, main
from consultation_app.domain.records import (CONSULTATION, FEEDBACK, NOTE, RECORD_KINDS, content_hash, defaults,
                                             tombstone, utc_now)
from consultation_app.storage.records_store import row_from_db
from consultation_app.domain.reference import default_reference
from consultation_app.errors import AppError
from consultation_app.exchange.export import export_package
from consultation_app.exchange.merge import ALREADY_MERGED, MERGED, NEEDS_REVIEW, REJECTED, merge_paths
from consultation_app.exchange.workbook_format import CONSULTATIONS, FEEDBACK_SHEET, NOTES, RECORD_SHEETS
from consultation_app.exchange.workbook_reader import read_export
from consultation_app.paths import DATABASE_NAME
from consultation_app.services.workspace import Workspace
from tests.conftest import dump, edit_copy, open_device, query
from tests.office import libreoffice_resave
from consultation_app.storage import merge_store, settings_store

CATALOG = "khm-upr3-ohchr-2019"
REFERENCE = default_reference()
RECORD_TABLES = ("consultations", "feedback", "notes")
RESULT_KEYS = {"path", "status", "message", "counts", "warnings", "export_id", "device_id", "export_seq"}
COUNT_KEYS = {"new", "updated", "stale", "unchanged", "conflicts"}


# -- helpers -------------------------------------------------------------------------------

def consultation(ws, **values):
    base = {"title": "Kep civil society consultation", "catalog_id": CATALOG, "stakeholder_group": "civil_society",
            "province": "kep", "start_date": "2024-03-05", "end_date": "2024-03-06", "participants_women": 4,
            "participants_men": 3, "languages": ["km", "en"]}
    base.update(values)
    return ws.records.create(CONSULTATION, base)


def feedback(ws, consultation_uuid, **values):
    base = {"consultation_uuid": consultation_uuid, "catalog_id": CATALOG, "recommendation_code": "KH3-01",
            "priority": "high", "comment": "ការអប់រំ: more schools"}
    base.update(values)
    return ws.records.create(FEEDBACK, base)


def note(ws, consultation_uuid, **values):
    return ws.records.create(NOTE, {"consultation_uuid": consultation_uuid, "text": "a note", **values})


def export(ws, out: Path, **options):
    return export_package(ws.database_path, out, ws.reference, **options)


def merge(central: Workspace, *paths, **options):
    return merge_paths(central.database_path, list(paths), REFERENCE, **options)


def merge_one_file(central: Workspace, path, **options):
    results = merge(central, path, **options)
    assert len(results) == 1
    return results[0]


def record_state(db_path: Path) -> dict[str, dict[str, tuple]]:
    """uuid -> (revision, content_hash, deleted) for every record table; a deleted record by the
    hash of its tombstone, as the central office holds it (without its content: issue 16)."""
    state = {}
    for table in RECORD_TABLES:
        kind = RECORD_KINDS[table]
        conn = sqlite3.connect(db_path)
        try:
            cursor = conn.execute(f"SELECT * FROM {table}")
            names = [d[0] for d in cursor.description]
            rows = [row_from_db(kind, dict(zip(names, values))) for values in cursor]
        finally:
            conn.close()
        state[table] = {row["uuid"]: (row["revision"], tombstone(kind, row)["content_hash"] if row["deleted"]
                                      else row["content_hash"], row["deleted"]) for row in rows}
    return state


def record_rows(db_path: Path) -> dict[str, list[tuple]]:
    """Every column of every record, sorted: what 'the same central state' means byte for byte."""
    return {table: sorted(query(db_path, f"SELECT * FROM {table}"), key=repr) for table in RECORD_TABLES}


def merge_log(db_path: Path) -> list[tuple]:
    return query(db_path, "SELECT path, status, message FROM merge_log ORDER BY id")


def data_cell(book, sheet: str, key: str, uuid: str | None = None):
    """The openpyxl cell of a key on the row of ``uuid`` (default: the last data row)."""
    ws = book[sheet]
    keys = [cell.value for cell in ws[2]]
    rows = [row for row in range(3, ws.max_row + 1) if ws.cell(row, keys.index("uuid") + 1).value]
    row = rows[-1] if uuid is None else next(r for r in rows if ws.cell(r, keys.index("uuid") + 1).value == uuid)
    return ws.cell(row, keys.index(key) + 1)


def export_rows(path: Path) -> dict[str, dict[str, dict]]:
    package = read_export(path, REFERENCE)
    assert package.checksum_matches
    return {sheet: {row["uuid"]: row for row in package.sheets[sheet]} for sheet in RECORD_SHEETS}


def sample_device(ws) -> dict[str, dict]:
    c = consultation(ws)
    made = {"c": c,
            "f1": feedback(ws, c["uuid"], recommendation_code="KH3-01", comment="first"),
            "f2": feedback(ws, c["uuid"], recommendation_code="KH3-02", priority="low", comment="second"),
            "f3": feedback(ws, c["uuid"], recommendation_code="KH3-03", priority=None, comment="third"),
            "n": note(ws, c["uuid"], title="Land", text="Land titles\nsecond line")}
    return made


# -- 1. all or nothing per file ---------------------------------------------------------------------

def test_one_bad_cell_deep_inside_rejects_the_whole_file_and_writes_nothing(open_ws, tmp_path):
    device, central = open_ws("laptop", "Kep laptop"), open_ws("central")
    made = sample_device(device)
    first = export(device, tmp_path / "first.xlsx")
    assert merge_one_file(central, first.path).status == MERGED

    device.records.update(FEEDBACK, made["f1"]["uuid"], {"comment": "first, corrected"})
    added = feedback(device, made["c"]["uuid"], recommendation_code="KH3-09", comment="added later")
    second = export(device, tmp_path / "second.xlsx")
    assert second.counts[FEEDBACK_SHEET] == 4

    bad = tmp_path / "bad-priority.xlsx"
    holder = {}

    def change(book):
        cell = data_cell(book, FEEDBACK_SHEET, "priority")  # the last feedback row
        holder["row"], holder["column"] = cell.row, cell.column_letter
        assert cell.row == 2 + 4
        cell.value = "urgent"
    edit_copy(second.path, bad, change)

    before, log_before = dump(central.database_path), merge_log(central.database_path)
    result = merge_one_file(central, bad)
    assert result.status == REJECTED
    assert result.counts == dict.fromkeys(COUNT_KEYS, 0)
    assert "\n" not in result.message
    for fragment in ("bad-priority.xlsx", "sheet 'feedback'", f"row {holder['row']}",
                     f"column {holder['column']} (priority)", "'urgent'"):
        assert fragment in result.message, (fragment, result.message)

    assert dump(central.database_path) == before, "a rejected file changed the central database"
    log = merge_log(central.database_path)
    assert log[:-1] == log_before and len(log) == len(log_before) + 1
    assert log[-1] == (str(bad), REJECTED, result.message)
    assert central.records.get(FEEDBACK, added["uuid"]) is None, "no valid row of a rejected file is kept"

    # The file as exported merges whole.
    good = merge_one_file(central, second.path)
    assert good.status == MERGED and good.counts["new"] == 1 and good.counts["updated"] == 1
    assert central.records.get(FEEDBACK, added["uuid"])["comment"] == "added later"


# -- 2. checksum mismatch ------------------------------------------------------------------------------

def test_a_value_edited_after_export_needs_review_unless_accepted_as_modified(open_ws, tmp_path):
    device, central = open_ws("laptop"), open_ws("central")
    made = sample_device(device)
    result = export(device, tmp_path / "export.xlsx")
    edited = edit_copy(result.path, tmp_path / "edited.xlsx", lambda book: setattr(
        data_cell(book, FEEDBACK_SHEET, "comment", made["f2"]["uuid"]), "value", "changed at the district office"))
    assert not read_export(edited, REFERENCE).checksum_matches

    before = dump(central.database_path)
    review = merge_one_file(central, edited)
    assert review.status == NEEDS_REVIEW
    assert "checksum does not match" in review.message and "nothing was merged" in review.message
    assert dump(central.database_path) == before
    assert merge_log(central.database_path)[-1][1] == NEEDS_REVIEW
    assert merge_store.merged_export(central.db, result.export_id) is None

    accepted = merge_one_file(central, edited, accept_modified=True)
    assert accepted.status == MERGED, accepted.message
    assert accepted.counts["new"] == 5
    assert any("recorded as modified" in warning for warning in accepted.warnings), accepted.warnings
    held = merge_store.merged_export(central.db, result.export_id)
    assert held["modified"] == 1 and held["file_name"] == "edited.xlsx"
    assert central.records.get(FEEDBACK, made["f2"]["uuid"])["comment"] == "changed at the district office"

    # The untouched original is reported as the original, held for a person (issue 16): other
    # values under the same export id are never "already merged".
    original = merge_one_file(central, result.path)
    assert original.status == NEEDS_REVIEW
    assert "the original of export" in original.message and "edited.xlsx" in original.message


# -- 3. survives Excel-like re-saves ---------------------------------------------------------------------

def rich_device(ws) -> dict[str, dict]:
    made = sample_device(ws)
    made["khmer"] = consultation(ws, title="ការពិគ្រោះយោបល់ ក្រុមយុវជន", summary="line one\nline two  ",
                                 start_date="2023-12-31", end_date=None, languages=["km"])
    made["f3"] = ws.records.update(FEEDBACK, made["f1"]["uuid"], {"comment": "second revision"})
    made["f3"] = ws.records.update(FEEDBACK, made["f1"]["uuid"], {"comment": "third revision"})
    assert made["f3"]["revision"] == 3
    ws.records.delete(FEEDBACK, made["f2"]["uuid"])
    return made


def test_a_libreoffice_resave_merges_as_the_same_export(open_ws, tmp_path):
    device = open_ws("laptop")
    rich_device(device)
    result = export(device, tmp_path / "export.xlsx")
    resaved = libreoffice_resave(result.path, tmp_path / "libreoffice", tmp_path / "lo-profile")

    central = open_ws("central")
    assert merge_one_file(central, result.path).status == MERGED
    before = dump(central.database_path)
    again = merge_one_file(central, resaved)
    assert again.status == ALREADY_MERGED, again.message
    assert again.export_id == result.export_id and again.warnings == []
    assert dump(central.database_path) == before

    alone = open_ws("central-alone")
    merged = merge_one_file(alone, resaved)
    assert merged.status == MERGED and merged.warnings == [], (merged.message, merged.warnings)
    assert record_rows(alone.database_path) == record_rows(central.database_path)


def _move_comment_to_the_end(book):
    ws = book[FEEDBACK_SHEET]
    keys = [cell.value for cell in ws[2]]
    column = keys.index("comment") + 1
    values = [ws.cell(row, column).value for row in range(1, ws.max_row + 1)]
    for name in list(ws.tables):
        del ws.tables[name]  # the table's column list no longer matches; Excel would rebuild it
    ws.delete_cols(column)
    last = ws.max_column + 1
    for row, value in enumerate(values, start=1):
        ws.cell(row, last).value = value


def _check_moved(book):
    keys = [cell.value for cell in book[FEEDBACK_SHEET][2]]
    assert keys[-1] == "comment" and keys.count("comment") == 1


def _add_a_column_and_a_sheet(book):
    for sheet in (CONSULTATIONS, FEEDBACK_SHEET):
        ws = book[sheet]
        column = ws.max_column + 1
        ws.cell(1, column).value = "Checked by"
        ws.cell(2, column).value = "checked_by"
        for row in range(3, ws.max_row + 1):
            ws.cell(row, column).value = "Sokha"
    book.create_sheet("pivot", 0)["A1"] = "my own summary"


def _check_added(book):
    assert book.sheetnames[0] == "pivot"
    assert book[FEEDBACK_SHEET].cell(2, book[FEEDBACK_SHEET].max_column).value == "checked_by"


def _numbers_as_text(book):
    for sheet in RECORD_SHEETS:
        ws = book[sheet]
        keys = [cell.value for cell in ws[2]]
        for key in ("revision", "participants_women", "participants_men"):
            if key in keys:
                for row in range(3, ws.max_row + 1):
                    cell = ws.cell(row, keys.index(key) + 1)
                    if cell.value is not None:
                        cell.value = str(cell.value)


def _check_text(book):
    ws = book[FEEDBACK_SHEET]
    keys = [cell.value for cell in ws[2]]
    cells = [ws.cell(row, keys.index("revision") + 1) for row in range(3, ws.max_row + 1)]
    assert "3" in [cell.value for cell in cells] and all(cell.data_type == "s" for cell in cells)


def _dates_as_serials(book):
    ws = book[CONSULTATIONS]
    keys = [cell.value for cell in ws[2]]
    for key in ("start_date", "end_date"):
        for row in range(3, ws.max_row + 1):
            cell = ws.cell(row, keys.index(key) + 1)
            if isinstance(cell.value, dt.datetime):
                cell.value = (cell.value - dt.datetime(1899, 12, 30)).days
                cell.number_format = "General"


def _check_serials(book):
    ws = book[CONSULTATIONS]
    keys = [cell.value for cell in ws[2]]
    values = [ws.cell(row, keys.index("start_date") + 1).value for row in range(3, ws.max_row + 1)]
    assert 45356 in values and all(isinstance(value, int) for value in values)  # 2024-03-05


@pytest.mark.parametrize("change, check", [(_move_comment_to_the_end, _check_moved),
                                           (_add_a_column_and_a_sheet, _check_added),
                                           (_numbers_as_text, _check_text),
                                           (_dates_as_serials, _check_serials)],
                         ids=["column-reordered", "column-and-sheet-added", "numbers-as-text", "dates-as-serials"])
def test_edits_that_change_no_values_keep_the_export(open_ws, tmp_path, change, check):
    device = open_ws("laptop")
    rich_device(device)
    result = export(device, tmp_path / "export.xlsx")
    edited = edit_copy(result.path, tmp_path / "resaved.xlsx", change)
    book = openpyxl.load_workbook(edited)
    check(book)
    book.close()
    package = read_export(edited, REFERENCE)
    assert package.checksum_matches
    assert export_rows(edited) == export_rows(result.path)

    central = open_ws("central")
    assert merge_one_file(central, result.path).status == MERGED
    before = dump(central.database_path)
    again = merge_one_file(central, edited)
    assert (again.status, again.warnings) == (ALREADY_MERGED, []), (again.message, again.warnings)
    assert dump(central.database_path) == before

    alone = open_ws("central-alone")
    merged = merge_one_file(alone, edited)
    assert (merged.status, merged.warnings) == (MERGED, []), (merged.message, merged.warnings)
    assert record_rows(alone.database_path) == record_rows(central.database_path)


# -- 4. idempotent and order-free ----------------------------------------------------------------------

def test_the_same_export_under_another_name_changes_nothing(open_ws, tmp_path):
    device, central = open_ws("laptop"), open_ws("central")
    sample_device(device)
    result = export(device, tmp_path / "kep-2024-03.xlsx")
    assert merge_one_file(central, result.path).status == MERGED
    before = dump(central.database_path)
    copy = tmp_path / "copied from e-mail" / "Copy of kep (2).xlsx"
    copy.parent.mkdir()
    shutil.copyfile(result.path, copy)
    again = merge_one_file(central, copy)
    assert again.status == ALREADY_MERGED
    assert "kep-2024-03.xlsx" in again.message and again.warnings == []
    assert again.counts == dict.fromkeys(COUNT_KEYS, 0)
    assert dump(central.database_path) == before
    assert merge_log(central.database_path)[-1][:2] == (str(copy), ALREADY_MERGED)


@pytest.fixture
def one_device_history(open_ws, tmp_path):
    """A full export, edits, a since-last export, more edits, a full export."""
    device = open_ws("laptop", "Takeo laptop")
    made = sample_device(device)
    e1 = export(device, tmp_path / "e1.xlsx")
    device.records.update(FEEDBACK, made["f1"]["uuid"], {"comment": "first, corrected"})
    device.records.delete(FEEDBACK, made["f2"]["uuid"])
    feedback(device, made["c"]["uuid"], recommendation_code="KH3-04", comment="new")
    e2 = export(device, tmp_path / "e2.xlsx", since_last=True)
    device.records.update(FEEDBACK, made["f1"]["uuid"], {"comment": "first, corrected again", "priority": "medium"})
    device.records.update(CONSULTATION, made["c"]["uuid"], {"participants_men": 5})
    device.records.delete(NOTE, made["n"]["uuid"])
    feedback(device, made["c"]["uuid"], recommendation_code="KH3-05", comment="newer")
    e3 = export(device, tmp_path / "e3.xlsx")
    assert [e.export_seq for e in (e1, e2, e3)] == [1, 2, 3]
    assert (e2.scope, e3.scope) == ("since_last", "full")
    return device, [e1.path, e2.path, e3.path]


def test_exports_of_one_device_merge_to_the_same_state_in_every_order(one_device_history, tmp_path):
    device, files = one_device_history
    final = record_state(device.database_path)
    for index, order in enumerate(itertools.permutations(files)):
        central = open_device(tmp_path / f"central-{index}")
        try:
            results = merge(central, *order)
            assert [r.status for r in results] == [MERGED] * 3, [r.message for r in results]
            assert sum(r.counts["conflicts"] for r in results) == 0
            assert record_state(central.database_path) == final, [p.name for p in order]
        finally:
            central.close()


def test_an_older_revision_arriving_later_is_stale(one_device_history, open_ws):
    device, (e1, e2, e3) = one_device_history
    final = record_state(device.database_path)
    older = export_rows(e1)
    expected_stale = sum(final[sheet][uuid][0] > row["revision"] for sheet in RECORD_SHEETS
                         for uuid, row in older[sheet].items())
    assert expected_stale == 4  # the consultation, two feedback entries and the note changed since
    central = open_ws("central")
    assert merge_one_file(central, e3).status == MERGED
    late = merge_one_file(central, e1)
    assert late.status == MERGED
    assert late.counts == {"new": 0, "updated": 0, "stale": expected_stale,
                           "unchanged": len(older[CONSULTATIONS]) + len(older[FEEDBACK_SHEET])
                           + len(older[NOTES]) - expected_stale, "conflicts": 0}
    assert f"{expected_stale} stale" in late.message
    assert record_state(central.database_path) == final


def test_a_gap_in_export_numbers_is_reported_until_it_is_filled(one_device_history, open_ws):
    device, (e1, e2, e3) = one_device_history
    central = open_ws("central")
    assert merge_one_file(central, e1).warnings == []
    third = merge_one_file(central, e3)
    assert third.status == MERGED
    gaps = [warning for warning in third.warnings if "not received" in warning]
    assert len(gaps) == 1 and re.search(r"export\(s\) 2 not received yet", gaps[0]), third.warnings
    assert "Takeo laptop" in gaps[0]
    second = merge_one_file(central, e2)
    assert second.status == MERGED
    assert not any("not received" in warning for warning in second.warnings), second.warnings


# -- 5. no silent conflicts ---------------------------------------------------------------------------

def test_cloned_laptops_editing_the_same_record_raise_a_conflict_that_keeps_both(open_ws, tmp_path):
    original = open_device(tmp_path / "laptop-a")
    made = sample_device(original)
    base = export(original, tmp_path / "base.xlsx")
    original.close()
    shutil.copytree(tmp_path / "laptop-a", tmp_path / "laptop-b")  # the data folder copied to a second laptop
    a, b = open_ws("laptop-a"), open_ws("laptop-b")
    assert a.device_id == b.device_id
    target = made["f2"]["uuid"]
    mine = a.records.update(FEEDBACK, target, {"comment": "as laptop A heard it"})
    theirs = b.records.update(FEEDBACK, target, {"comment": "as laptop B heard it", "priority": "medium"})
    assert mine["revision"] == theirs["revision"] == 2 and mine["content_hash"] != theirs["content_hash"]
    from_a = export(a, tmp_path / "from-a.xlsx", since_last=True)
    from_b = export(b, tmp_path / "from-b.xlsx", since_last=True)

    central = open_ws("central")
    assert merge_one_file(central, base.path).status == MERGED
    first = merge_one_file(central, from_a.path)
    assert first.status == MERGED and first.counts["updated"] == 1
    second = merge_one_file(central, from_b.path)
    assert second.status == NEEDS_REVIEW
    assert second.counts["conflicts"] == 1 and "1 conflict(s) to review" in second.message

    held = central.records.get(FEEDBACK, target)
    assert held["comment"] == "as laptop A heard it" and held["content_hash"] == mine["content_hash"]
    conflicts = merge_store.open_conflicts(central.db)
    assert len(conflicts) == 1
    conflict = conflicts[0]
    assert (conflict["record_table"], conflict["record_uuid"], conflict["revision"]) == ("feedback", target, 2)
    assert conflict["current_hash"] == mine["content_hash"]
    assert conflict["incoming_hash"] == theirs["content_hash"]
    assert conflict["incoming"]["comment"] == "as laptop B heard it"
    assert conflict["export_id"] == from_b.export_id

    # The same file again raises no second conflict.
    assert merge_one_file(central, from_b.path).status == ALREADY_MERGED
    assert len(merge_store.open_conflicts(central.db)) == 1

    seq_before = int(settings_store.get(central.db, settings_store.LOCAL_SEQ) or 0)
    assert merge_store.resolve_conflict(central.db, FEEDBACK, conflict["id"], take_incoming=True,
                                        resolved_at=utc_now())
    resolved = central.records.get(FEEDBACK, target)
    assert resolved["local_seq"] == seq_before + 1, "the decision is a local change, numbered in its transaction"
    # A second person deciding the same conflict (another window, a colleague) decides nothing.
    assert not merge_store.resolve_conflict(central.db, FEEDBACK, conflict["id"], take_incoming=False,
                                            resolved_at=utc_now())
    assert central.records.get(FEEDBACK, target)["comment"] == "as laptop B heard it"
    assert (resolved["comment"], resolved["priority"]) == ("as laptop B heard it", "medium")
    assert resolved["content_hash"] == theirs["content_hash"] == content_hash(FEEDBACK, resolved, False)
    assert merge_store.open_conflicts(central.db) == []


# -- 6. nothing dropped ----------------------------------------------------------------------------

def test_feedback_on_a_recommendation_the_central_catalog_lacks_is_kept_and_flagged(open_ws, tmp_path):
    device, central = open_ws("laptop"), open_ws("central")
    c = consultation(device)
    feedback(device, c["uuid"])
    uuid = "6f1c3d0e-0000-4000-8000-00000000abcd"
    content = {**defaults(FEEDBACK), "consultation_uuid": c["uuid"], "catalog_id": CATALOG,
               "recommendation_code": "KH9-99", "comment": "a recommendation from a newer catalog"}
    conn = sqlite3.connect(device.database_path)  # written straight into the laptop's database
    try:
        with conn:
            (seq,) = conn.execute("UPDATE settings SET value = CAST(value AS INTEGER) + 1 WHERE key = 'local_seq' "
                                  "RETURNING value").fetchone()
            now = utc_now()
            row = {"uuid": uuid, "device_id": device.device_id, "revision": 1, "created_at": now,
                   "updated_at": now, "deleted": 0, "content_hash": content_hash(FEEDBACK, content, False),
                   "local_seq": int(seq), **{k: int(v) if isinstance(v, bool) else v for k, v in content.items()}}
            conn.execute(f"INSERT INTO feedback ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                         list(row.values()))
    finally:
        conn.close()
    result = export(device, tmp_path / "export.xlsx")
    assert result.counts[FEEDBACK_SHEET] == 2

    merged = merge_one_file(central, result.path)
    assert merged.status == MERGED and merged.counts["new"] == 3
    flagged = [warning for warning in merged.warnings if "KH9-99" in warning]
    assert len(flagged) == 1 and "kept and flagged" in flagged[0], merged.warnings
    kept = central.records.get(FEEDBACK, uuid)
    assert kept is not None and kept["recommendation_code"] == "KH9-99"
    assert kept["comment"] == "a recommendation from a newer catalog"
    assert merge_store.unknown_code_feedback(central.db) == 1


# -- 7. convergence: a property test ------------------------------------------------------------------

# Pieces of text that have tripped spreadsheets before: formula triggers, OOXML escapes, combining
# Khmer signs, zero-width spaces, emoji sequences, XML metacharacters, leading and trailing spaces.
TEXT = st.lists(st.sampled_from(["a", "Z", " ", "\n", "=", "-", "@", "0", "_x0041_", "ក", "ុ", "ំ", "\u200b",
                                 "é", "👩🏽‍🌾", "<", "&", '"', "TRUE", "1e3"]), max_size=6).map("".join)
PRIORITY = st.sampled_from([None, *REFERENCE.keys("priorities")])
OP = st.one_of(
    st.tuples(st.just("consultation"), TEXT),
    st.tuples(st.just("feedback"), st.integers(0, 99), PRIORITY, TEXT),
    st.tuples(st.just("update"), st.integers(0, 99), PRIORITY, TEXT),
    st.tuples(st.just("delete"), st.integers(0, 99)),
    st.tuples(st.just("export"), st.booleans()),
)
DEVICE_PLAN = st.tuples(st.lists(OP, min_size=1, max_size=10), st.booleans())


def _play(ws, plan, final_export, folder: Path, label: str, exported: dict) -> list[Path]:
    """Run one device's operations; after each export remember what it carried (uuid -> version)."""
    made, live, files = [], [], []

    def do_export(since_last):
        path = folder / f"{label}-{len(files) + 1}.xlsx"
        result = export(ws, path, since_last=since_last)
        assert sum(result.left_out.values()) == 0
        files.append(path)
        held = record_state(ws.database_path)
        for sheet, rows in export_rows(path).items():
            for uuid in rows:
                exported[sheet][uuid] = held[sheet][uuid]

    for op in plan:
        if op[0] == "consultation":
            record = consultation(ws, title=op[1])
            made.append((CONSULTATION, record["uuid"]))
            live.append((CONSULTATION, record["uuid"]))
        elif op[0] == "feedback":
            parents = [uuid for kind, uuid in made if kind is CONSULTATION]
            if parents:
                record = feedback(ws, parents[op[1] % len(parents)], priority=op[2], comment=op[3],
                                  recommendation_code=f"KH3-{op[1] % 40 + 1:02d}")
                made.append((FEEDBACK, record["uuid"]))
                live.append((FEEDBACK, record["uuid"]))
        elif op[0] == "update" and live:
            kind, uuid = live[op[1] % len(live)]
            changes = {"title": op[3]} if kind is CONSULTATION else {"comment": op[3], "priority": op[2]}
            ws.records.update(kind, uuid, changes)
        elif op[0] == "delete" and live:
            kind, uuid = live.pop(op[1] % len(live))
            ws.records.delete(kind, uuid)
        elif op[0] == "export":
            do_export(op[1])
    if final_export:
        do_export(False)
    return files


@settings(max_examples=15, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(plans=st.lists(DEVICE_PLAN, min_size=3, max_size=3), data=st.data())
def test_merging_every_export_in_any_order_converges_to_the_union_of_the_devices(plans, data):
    with tempfile.TemporaryDirectory(prefix="merge-property-") as scratch:
        folder = Path(scratch)
        exported = {sheet: {} for sheet in RECORD_SHEETS}
        files, devices = [], []
        try:
            for index, (plan, final_export) in enumerate(plans):
                ws = open_device(folder / f"device-{index}", f"laptop {index}")
                devices.append(ws)
                files += _play(ws, plan, final_export or index == 0, folder, f"device{index}", exported)
            finals = [record_state(ws.database_path) for ws in devices]
        finally:
            for ws in devices:
                ws.close()
        expected = {RECORD_SHEETS[sheet].table: versions for sheet, versions in exported.items()}

        orders = [files, list(reversed(files))] + [data.draw(st.permutations(files), label=f"order {n}")
                                                    for n in range(2)]
        states = []
        for number, order in enumerate(orders):
            central = open_device(folder / f"central-{number}")
            try:
                results = merge(central, *order)
            finally:
                central.close()
            assert all(r.status == MERGED for r in results), [(r.path, r.status, r.message) for r in results]
            assert sum(r.counts["conflicts"] for r in results) == 0
            states.append(record_state(folder / f"central-{number}" / DATABASE_NAME))
        assert all(state == states[0] for state in states[1:]), "the merge order changed the central state"
        assert states[0] == expected, "the central state is not the latest exported version of every record"
        # ... which is each device's final state for every record whose last change was exported.
        for table in RECORD_TABLES:
            for final in finals:
                for uuid, version in final[table].items():
                    if uuid in expected[table]:
                        assert expected[table][uuid][0] <= version[0]
                        if expected[table][uuid][0] == version[0]:
                            assert states[0][table][uuid] == version


# -- the command line ----------------------------------------------------------------------------------

def run_merge(capsys, data_dir, *args):
    code = main(["--data-dir", str(data_dir), "merge", *map(str, args), "--json"])
    out, err = capsys.readouterr()
    return code, json.loads(out) if out.strip() else None, err


def test_cli_merge_json_keys_and_exit_codes(data_dir, open_ws, tmp_path, capsys):
    one, two = open_ws("laptop-1", "Kampot 1"), open_ws("laptop-2", "Kampot 2")
    first = export(one, tmp_path / "one.xlsx")  # nothing recorded yet: an empty export merges too
    sample_device(one)
    second_made = sample_device(two)
    one_full = export(one, tmp_path / "one-full.xlsx")
    two_full = export(two, tmp_path / "two.xlsx")
    garbage = tmp_path / "not-an-export.xlsx"
    garbage.write_text("hello", encoding="utf-8")
    feedback(two, second_made["c"]["uuid"], recommendation_code="KH3-07", comment="written later")
    two_again = export(two, tmp_path / "two-again.xlsx", since_last=True)  # only the new entry
    edited = edit_copy(two_again.path, tmp_path / "edited.xlsx", lambda book: setattr(
        data_cell(book, FEEDBACK_SHEET, "comment"), "value", "edited in the office"))

    code, result, err = run_merge(capsys, data_dir, first.path, one_full.path)
    assert (code, err) == (EXIT_OK, "")
    assert set(result) == {"files", "backup", "backup_problem"} and len(result["files"]) == 2
    assert result["backup"].endswith("-after-merge.sqlite3") and result["backup_problem"] is None
    for entry in result["files"]:
        assert set(entry) == RESULT_KEYS and set(entry["counts"]) == COUNT_KEYS
        assert entry["status"] == MERGED and entry["device_id"] == one.device_id
    assert [entry["export_seq"] for entry in result["files"]] == [1, 2]
    assert result["files"][1]["path"] == str(one_full.path) and result["files"][1]["counts"]["new"] == 5
    assert result["files"][1]["export_id"] == one_full.export_id

    code, result, err = run_merge(capsys, data_dir, one_full.path)
    assert (code, err) == (EXIT_OK, "") and result["files"][0]["status"] == ALREADY_MERGED

    # A rejected file fails the run, and the good file beside it is still merged.
    code, result, err = run_merge(capsys, data_dir, garbage, two_full.path)
    assert code == EXIT_FAILED and err == ""
    statuses = {Path(entry["path"]).name: entry for entry in result["files"]}
    assert statuses["not-an-export.xlsx"]["status"] == REJECTED
    assert "not-an-export.xlsx" in statuses["not-an-export.xlsx"]["message"]
    assert statuses["two.xlsx"]["status"] == MERGED and statuses["two.xlsx"]["counts"]["new"] == 5
    central_db = data_dir / DATABASE_NAME
    assert query(central_db, "SELECT count(*) FROM feedback WHERE uuid = ?", [second_made["f1"]["uuid"]]) == [(1,)]

    # A file that needs review fails the run too; nothing of it is written.
    before = dump(central_db)
    code, result, err = run_merge(capsys, data_dir, edited)
    assert code == EXIT_FAILED and result["files"][0]["status"] == NEEDS_REVIEW
    assert dump(central_db) == before
    code, result, err = run_merge(capsys, data_dir, edited, "--accept-modified")
    assert code == EXIT_OK and result["files"][0]["status"] == MERGED
    assert any("recorded as modified" in warning for warning in result["files"][0]["warnings"])
    assert query(central_db, "SELECT modified FROM merged_exports WHERE export_id = ?",
                 [two_again.export_id]) == [(1,)]


def test_cli_merge_scans_folders_and_skips_lock_files(data_dir, open_ws, tmp_path, capsys):
    one, two = open_ws("laptop-1"), open_ws("laptop-2")
    sample_device(one)
    sample_device(two)
    inbox = tmp_path / "inbox"
    (inbox / "kampot" / "march").mkdir(parents=True)
    (inbox / "takeo").mkdir()
    first = export(one, inbox / "kampot" / "march" / "kampot.xlsx")
    second = export(two, inbox / "takeo" / "takeo.XLSX")
    (inbox / "kampot" / "march" / "~$kampot.xlsx").write_bytes(b"\x08Sokha   " + b"\0" * 150)  # Excel's lock file
    (inbox / "takeo" / ".~lock.takeo.XLSX#").write_text("LibreOffice lock", encoding="utf-8")
    (inbox / "readme.txt").write_text("exports from March", encoding="utf-8")

    code, result, err = run_merge(capsys, data_dir, inbox)
    assert (code, err) == (EXIT_OK, ""), result
    paths = [entry["path"] for entry in result["files"]]
    assert sorted(paths) == sorted([str(first.path), str(second.path)])
    assert all(entry["status"] == MERGED for entry in result["files"])

    code, result, err = run_merge(capsys, data_dir, inbox)
    assert code == EXIT_OK and {entry["status"] for entry in result["files"]} == {ALREADY_MERGED}

    empty = tmp_path / "empty"
    empty.mkdir()
    code = main(["--data-dir", str(data_dir), "merge", str(empty), "--json"])
    out, err = capsys.readouterr()
    assert code == EXIT_FAILED and out == "" and "no workbooks found" in err and len(err.strip().splitlines()) == 1


# -- bulk merges: the deferred index is dropped and rebuilt inside each batch -------------------

def _index_sql(db_path: Path) -> list[tuple]:
    return query(db_path, "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name")


def test_a_bulk_merge_gives_the_same_state_and_keeps_every_index(one_device_history, tmp_path, monkeypatch):
    import consultation_app.exchange.merge as merge_module

    device, files = one_device_history
    plain = open_device(tmp_path / "central-plain")
    bulk = open_device(tmp_path / "central-bulk")
    try:
        assert not merge_module._is_bulk(plain.db, [Path(f) for f in files]), "three small files: row by row"
        merge(plain, *files)
        monkeypatch.setattr(merge_module, "BULK_FROM_RECORDS", 0)
        monkeypatch.setattr(merge_module, "BULK_COMMIT_EVERY_SECONDS", -1.0)  # a batch per file: three rebuilds
        assert merge_module._is_bulk(bulk.db, [Path(f) for f in files])
        results = merge(bulk, *files)
        assert [r.status for r in results] == [MERGED] * 3
        assert record_rows(bulk.database_path) == record_rows(plain.database_path)
        assert _index_sql(bulk.database_path) == _index_sql(plain.database_path)
        assert "feedback_distribution" in {name for name, _ in _index_sql(bulk.database_path)}
        assert query(bulk.database_path, "PRAGMA integrity_check") == [("ok",)]
    finally:
        plain.close()
        bulk.close()


def test_a_bulk_merge_that_fails_midway_keeps_the_files_before_and_the_index(one_device_history, tmp_path,
                                                                             monkeypatch):
    import consultation_app.exchange.merge as merge_module

    device, files = one_device_history
    central = open_device(tmp_path / "central")
    monkeypatch.setattr(merge_module, "BULK_FROM_RECORDS", 0)
    real = merge_module.merge_prepared
    calls = []

    def failing_third(*args, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise OSError("the USB stick was pulled out")
        return real(*args, **kwargs)

    monkeypatch.setattr(merge_module, "merge_prepared", failing_third)
    try:
        with pytest.raises(OSError):
            merge(central, *files)
        assert "feedback_distribution" in {name for name, _ in _index_sql(central.database_path)}
        assert query(central.database_path, "PRAGMA integrity_check") == [("ok",)]
        merged = query(central.database_path, "SELECT count(*) FROM merged_exports")[0][0]
        assert merged == 2, "the two files finished before the failure are kept"
    finally:
        central.close()


@pytest.mark.parametrize("group_files", [16, 2], ids=["failure inside a group", "failure opening a group"])
def test_a_file_that_fails_half_way_leaves_nothing_and_the_files_before_stay(one_device_history, tmp_path,
                                                                             monkeypatch, group_files):
    """Files are written in groups under one savepoint (storage/merge_transaction.py): a failure after a file's
    records are written undoes the group, and its finished files are written again."""
    import consultation_app.exchange.merge as merge_module
    from consultation_app.storage import merge_store

    device, files = one_device_history
    monkeypatch.setattr(merge_module, "GROUP_FILES", group_files)
    expected = open_device(tmp_path / "central-two-files")
    central = open_device(tmp_path / "central")
    real = merge_store.record_merged_export
    calls = []

    def failing_on_the_third(db, entry):
        calls.append(entry["file_name"])
        if len(calls) == 3:  # the third file's records are written by now
            raise sqlite3.OperationalError("database or disk is full")
        return real(db, entry)

    try:
        merge(expected, *files[:2])
        monkeypatch.setattr(merge_store, "record_merged_export", failing_on_the_third)
        with pytest.raises(sqlite3.OperationalError):
            merge(central, *files)
        assert calls[:3] == [Path(f).name for f in files], "the third failed after writing its records"
        assert record_rows(central.database_path) == record_rows(expected.database_path)
        assert query(central.database_path, "SELECT file_name FROM merged_exports ORDER BY export_seq") == \
            [(Path(f).name,) for f in files[:2]]
        assert query(central.database_path, "PRAGMA integrity_check") == [("ok",)]
        monkeypatch.setattr(merge_store, "record_merged_export", real)
        again = merge(central, *files)
        assert [r.status for r in again] == [ALREADY_MERGED, ALREADY_MERGED, MERGED]
    finally:
        expected.close()
        central.close()


def test_a_bulk_merge_keeps_the_index_up_for_its_last_files(one_device_history, tmp_path, monkeypatch):
    """Past BULK_UNTIL_SHARE of the files the deferred index is built again and committed, and
    the files after go in with it kept up: what is committed then already has every index."""
    import consultation_app.exchange.merge as merge_module

    device, files = one_device_history
    central = open_device(tmp_path / "central")
    monkeypatch.setattr(merge_module, "BULK_FROM_RECORDS", 0)
    monkeypatch.setattr(merge_module, "BULK_UNTIL_SHARE", 0.5)  # three files: bulk ends after the second
    seen = {}

    def progress(done: int, total: int) -> None:  # a second connection sees only what is committed
        seen[done] = (query(central.database_path, "SELECT count(*) FROM merged_exports")[0][0],
                      "feedback_distribution" in {name for name, _ in _index_sql(central.database_path)})

    try:
        results = merge(central, *files, progress=progress)
        assert [r.status for r in results] == [MERGED] * 3
        assert seen[3] == (2, True), "the first two files were committed with the index built again"
        assert "feedback_distribution" in {name for name, _ in _index_sql(central.database_path)}
        assert query(central.database_path, "PRAGMA integrity_check") == [("ok",)]
    finally:
        central.close()


def test_reading_in_worker_processes_gives_the_serial_results_in_file_order(one_device_history, tmp_path,
                                                                             monkeypatch):
    """Reader processes and the writer reading files itself when the next is not back yet
    change neither the results, nor their order, nor the central state."""
    import consultation_app.exchange.merge_read as merge_module

    device, exports = one_device_history
    folder = tmp_path / "inbox"
    folder.mkdir()
    for copy in range(4):  # twelve files: each export four times under other names
        for index, path in enumerate(exports):
            shutil.copy(path, folder / f"{copy}-{index}-{Path(path).name}")
    outcomes = {}
    for mode, (parallel_from, workers) in {"serial": (1_000, 1), "two readers": (2, 2)}.items():
        monkeypatch.setattr(merge_module, "PARALLEL_FROM", parallel_from)
        monkeypatch.setattr(merge_module, "WORKERS", workers)
        central = open_device(tmp_path / f"central-{workers}")
        try:
            results = merge(central, folder)
            outcomes[mode] = ([(Path(r.path).name, r.status, r.counts) for r in results],
                              record_rows(central.database_path))
        finally:
            central.close()
    assert outcomes["two readers"] == outcomes["serial"]
    names = [name for name, _, _ in outcomes["serial"][0]]
    assert names == sorted(names) and len(names) == 12
    assert [status for _, status, _ in outcomes["serial"][0]].count(MERGED) == 3


def _inbox(exports, folder: Path, copies: int) -> list[Path]:
    folder.mkdir()
    for copy in range(copies):
        for index, path in enumerate(exports):
            shutil.copy(path, folder / f"{copy:03}-{index}-{Path(path).name}")
    return sorted(folder.iterdir())


def test_a_merge_stopped_early_leaves_no_reader_process_behind(one_device_history, tmp_path, monkeypatch):
    import multiprocessing

    import consultation_app.exchange.merge_read as merge_read

    device, exports = one_device_history
    files = _inbox(exports, tmp_path / "inbox", 10)
    monkeypatch.setattr(merge_read, "PARALLEL_FROM", 2)
    reading = merge_read.prepared_in_order(files, REFERENCE, None)
    first = next(reading)
    assert first.path == files[0] and first.package is not None
    assert multiprocessing.active_children(), "a reader process is at work"
    reading.close()  # what cancelling the merge does
    assert multiprocessing.active_children() == []


def test_a_reader_process_that_dies_is_reported_not_waited_for(one_device_history, tmp_path, monkeypatch):
    """A reader killed mid-merge (out of memory, a bug in a library): the file it had taken is
    read by nobody. The writer says so instead of waiting for ever."""
    import multiprocessing

    import consultation_app.exchange.merge_read as merge_read

    device, exports = one_device_history
    files = _inbox(exports, tmp_path / "inbox", 20)
    monkeypatch.setattr(merge_read, "PARALLEL_FROM", 2)
    reading = merge_read.prepared_in_order(files, REFERENCE, None)
    next(reading)
    claimed = reading.gi_frame.f_locals["claimed"]  # the writer waits at its yield: only the reader takes files
    deadline = time.monotonic() + 30
    while claimed.value < 4 and time.monotonic() < deadline:
        time.sleep(0.02)
    assert claimed.value >= 4, "the reader process began taking files"
    for reader in multiprocessing.active_children():
        reader.kill()  # it holds a file it has taken and not handed back
    with pytest.raises(AppError, match="reader process stopped unexpectedly.*run the merge again"):
        list(reading)
    assert multiprocessing.active_children() == []


_ABANDONED_MERGE = """import multiprocessing, sys, time
from pathlib import Path
if __name__ == "__main__":
    import consultation_app.exchange.merge_read as merge_read
    from consultation_app.domain.reference import default_reference
    reading = merge_read.prepared_in_order(sorted(Path(sys.argv[1]).iterdir()), default_reference(), None)
    next(reading)
    print(" ".join(str(child.pid) for child in multiprocessing.active_children()), flush=True)
    time.sleep(600)  # never writes another file: the readers fill their slots and wait
"""


def _gone(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return True
    return "\nState:\tZ" in state  # exited; only its parent (now init) has yet to reap it


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc to see the reader go")
def test_readers_leave_when_the_merging_process_is_killed(one_device_history, tmp_path):
    """Killed while its readers wait for a free slot (a crash, a power button, the task
    manager), the merging process leaves no reader process behind for ever."""
    import signal
    import subprocess
    import sys

    device, exports = one_device_history
    inbox = tmp_path / "inbox"
    _inbox(exports, inbox, 20)
    script = tmp_path / "abandoned_merge.py"
    script.write_text(_ABANDONED_MERGE, encoding="utf-8")
    with subprocess.Popen([sys.executable, str(script), str(inbox)], stdout=subprocess.PIPE, text=True) as merging:
        try:
            readers = [int(pid) for pid in merging.stdout.readline().split()]
            assert readers, "the merge started its reader processes"
            time.sleep(1.0)  # the readers read ahead until every slot is taken
            merging.send_signal(signal.SIGKILL)
            merging.wait()
            deadline = time.monotonic() + 15
            while not all(_gone(pid) for pid in readers) and time.monotonic() < deadline:
                time.sleep(0.1)
            assert all(_gone(pid) for pid in readers), "every reader left after the merging process died"
        finally:
            if merging.poll() is None:
                merging.kill()
