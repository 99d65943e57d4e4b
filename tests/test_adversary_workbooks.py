"""Adversary: numbers too large for the database in a workbook. A whole-number cell (a
participant count, a revision) or a manifest number of 2**63 or more, or 1e308, passed every
check of the reader (it is a whole number of 0 or more) and reached SQLite, which cannot hold
it: "internal error: OverflowError: Python int too large to convert to SQLite INTEGER", exit 3,
no JSON, and the files after it in the run never merged. 1e309 in the manifest (read as
infinity) failed the same way inside the reader.
"""

from __future__ import annotations

import pytest

from consultation_app.exchange.merge import MERGED, REJECTED
from consultation_app.paths import DATABASE_NAME
from tests.bad_workbooks import locate, set_cell, set_manifest
from tests.conftest import dump, edit_copy
from tests.test_hostile_merge import laptop_export, run_merge

HUGE = {"2**63": 2 ** 63, "1e308": 1e308}


@pytest.mark.parametrize("sheet, key", [("consultations", "participants_women"), ("feedback", "revision")])
@pytest.mark.parametrize("size", sorted(HUGE))
def test_a_whole_number_too_large_for_the_database_is_refused_by_cell(capsys, data_dir, open_ws, tmp_path,
                                                                      sheet, key, size):
    good = laptop_export(open_ws, tmp_path, "laptop-a")
    later = laptop_export(open_ws, tmp_path, "laptop-b")
    huge = edit_copy(good, tmp_path / "a-huge.xlsx", set_cell(sheet, key, HUGE[size], 0))
    row, letter, _ = locate(good, sheet, key, 0)
    code, result, err = run_merge(capsys, data_dir, huge, later, "--accept-modified")
    assert err == "" and code == 1 and result is not None, err
    first, second = result["files"]
    assert first["status"] == REJECTED
    assert first["message"].startswith(f"a-huge.xlsx, sheet '{sheet}', row {row}, column {letter} ({key}): "), \
        first["message"]
    assert second["status"] == MERGED and second["counts"]["new"] == 4


@pytest.mark.parametrize("value", [2 ** 63, 1e308, 1e309, "1e309"])
def test_a_manifest_number_too_large_is_refused_by_key(capsys, data_dir, open_ws, tmp_path, value):
    good = laptop_export(open_ws, tmp_path, "laptop-a")
    later = laptop_export(open_ws, tmp_path, "laptop-b")
    huge = edit_copy(good, tmp_path / "a-huge.xlsx", set_manifest("export_seq", value))
    code, result, err = run_merge(capsys, data_dir, huge, later, "--accept-modified")
    assert err == "" and code == 1 and result is not None, err
    first, second = result["files"]
    assert first["status"] == REJECTED and "export_seq" in first["message"], first["message"]
    assert second["status"] == MERGED
    assert (data_dir / DATABASE_NAME).exists() and dump(data_dir / DATABASE_NAME)["consultations"]
