"""Issue 16, point 6: what central staff see of merge conflicts without the desktop app:
`summary --json` counts them, `conflicts list [--json]` lists each (record, fields that differ,
both values, both devices), the master workbook carries them on a sheet of its own."""

from __future__ import annotations

import json

import pytest
from python_calamine import CalamineWorkbook

from consultation_app.cli.main import EXIT_OK, main
from consultation_app.domain.records import CONSULTATION, FEEDBACK, content_hash, utc_now
from consultation_app.exchange.export import export_package
from consultation_app.exchange.master_export import write_master_export
from consultation_app.exchange.merge import MERGED, REJECTED, merge_paths
from consultation_app.paths import DATABASE_NAME
from consultation_app.services.workspace import Workspace
from consultation_app.storage import merge_store

CATALOG = "khm-upr3-ohchr-2019"


def run(capsys, data_dir, *args):
    code = main(["--data-dir", str(data_dir), *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def central_with_a_conflict(capsys, data_dir, open_ws, tmp_path):
    """A laptop's export merged centrally; then the same feedback entry at the same revision
    arrives from another device with another comment (and marked sensitive), as a merge records
    a conflict."""
    laptop = open_ws("laptop", "Takeo laptop")
    c = laptop.records.create(CONSULTATION, {"title": "Takeo", "catalog_id": CATALOG})
    entry = laptop.records.create(FEEDBACK, {"consultation_uuid": c["uuid"], "catalog_id": CATALOG,
                                             "recommendation_code": "KH3-01", "comment": "the comment held",
                                             "priority": "high"})
    export = export_package(laptop.database_path, tmp_path / "takeo.xlsx", laptop.reference).path
    code, out, err = run(capsys, data_dir, "summary", "--json")
    assert code == EXIT_OK and json.loads(out)["conflicts"] == 0
    central = Workspace(data_dir / DATABASE_NAME)
    try:
        [result] = merge_paths(central.database_path, [export], central.reference)
        assert result.status == MERGED
        held = merge_store.current_record(central.db, FEEDBACK, entry["uuid"])
        incoming = {**held, "comment": "another comment\x1b[2J", "sensitive": True, "priority": "low",
                    "device_id": "22222222-2222-4222-8222-222222222222"}
        incoming["content_hash"] = content_hash(FEEDBACK, incoming, False)
        with central.db.atomic():
            merge_store.upsert_device(central.db, incoming["device_id"], "Kampot laptop", utc_now())
            assert merge_store.record_conflict(central.db, FEEDBACK, incoming, held["content_hash"],
                                               "export-from-kampot", utc_now())
    finally:
        central.close()
    return entry, laptop.device_id


def test_summary_counts_the_conflicts_waiting_for_review(capsys, data_dir, central_with_a_conflict):
    code, out, err = run(capsys, data_dir, "summary", "--json")
    assert (code, err) == (EXIT_OK, "")
    assert json.loads(out)["conflicts"] == 1
    code, out, err = run(capsys, data_dir, "summary")
    assert "conflicts: 1" in out.splitlines()


def test_conflicts_list_json_gives_record_fields_values_and_devices(capsys, data_dir, central_with_a_conflict):
    entry, laptop_device = central_with_a_conflict
    code, out, err = run(capsys, data_dir, "conflicts", "list", "--json")
    assert (code, err) == (EXIT_OK, "")
    [conflict] = json.loads(out)["conflicts"]
    assert conflict["record_table"] == "feedback" and conflict["record_uuid"] == entry["uuid"]
    assert conflict["revision"] == 1 and conflict["export_id"] == "export-from-kampot"
    assert conflict["current"]["device_id"] == laptop_device
    assert conflict["current"]["device_name"] == "Takeo laptop"
    assert conflict["incoming"] == {**conflict["incoming"], "device_id": "22222222-2222-4222-8222-222222222222",
                                    "device_name": "Kampot laptop"}
    assert conflict["fields"] == [
        {"field": "priority", "current": "high", "incoming": "low"},
        {"field": "comment", "current": "the comment held", "incoming": "another comment\x1b[2J"},
        {"field": "sensitive", "current": False, "incoming": True},
    ]


def test_conflicts_list_text_names_both_devices_and_escapes_values(capsys, data_dir, central_with_a_conflict):
    code, out, err = run(capsys, data_dir, "conflicts", "list")
    assert (code, err) == (EXIT_OK, "")
    assert "\x1b" not in out
    assert "1 conflict(s) waiting for review" in out
    assert "device Takeo laptop (" in out and "device Kampot laptop (" in out
    assert "current:  the comment held" in out and "incoming: another comment\\x1b[2J" in out


def test_conflicts_list_when_there_are_none(capsys, data_dir):
    code, out, err = run(capsys, data_dir, "conflicts", "list")
    assert (code, out, err) == (EXIT_OK, "no conflicts waiting for review\n", "")
    code, out, err = run(capsys, data_dir, "conflicts", "list", "--json")
    assert json.loads(out) == {"conflicts": []}


def test_the_master_export_carries_the_conflicts_on_a_sheet_of_their_own(data_dir, central_with_a_conflict,
                                                                       tmp_path):
    entry, laptop_device = central_with_a_conflict
    central = Workspace(data_dir / DATABASE_NAME)
    try:
        out = tmp_path / "master.xlsx"
        result = write_master_export(central.database_path, out, central.reference)
        assert result.counts["conflicts"] == 3
        rows = CalamineWorkbook.from_path(str(out)).get_sheet_by_name("conflicts").to_python()
        keys = rows[1]
        body = [dict(zip(keys, row)) for row in rows[2:]]
        assert [(row["field"], row["current_value"], row["incoming_value"]) for row in body] == [
            ("priority", "high", "low"), ("comment", "the comment held", "another comment[2J"),
            ("sensitive", "no", "yes")]
        assert {row["sensitive"] for row in body} == {"yes"}  # the waiting version is sensitive
        assert {(row["current_device_name"], row["incoming_device_name"]) for row in body} == {
            ("Takeo laptop", "Kampot laptop")}
        assert {row["record_uuid"] for row in body} == {entry["uuid"]}
        # The master workbook is a report: given to a merge, it is refused as not an export.
        [merged] = merge_paths(central.database_path, [out], central.reference)
        assert merged.status == REJECTED and "not an export of this app" in merged.message
    finally:
        central.close()
