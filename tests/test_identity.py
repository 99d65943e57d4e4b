"""Cloned laptops, field side (issue 16): a data folder copied to another computer is noticed
at start, and the copy can become a new device that keeps its records and their history; the
central office then sees a new device, and what the copy changes in the original laptop's
records waits there for review."""

from __future__ import annotations

import json
import shutil

from consultation_app import paths
from consultation_app.cli.main import EXIT_FAILED, EXIT_OK, main
from consultation_app.domain.records import CONSULTATION, FEEDBACK
from consultation_app.domain.reference import default_reference
from consultation_app.exchange.export import export_package
from consultation_app.exchange.merge import MERGED, NEEDS_REVIEW, merge_paths
from consultation_app.services import identity
from consultation_app.storage import export_queries, identity_store, keys_store, merge_store
from tests.conftest import open_device, query

CATALOG = "khm-upr3-ohchr-2019"
REFERENCE = default_reference()


def record_some(ws) -> dict:
    c = ws.records.create(CONSULTATION, {"title": "Kep consultation", "catalog_id": CATALOG, "province": "kep",
                                         "stakeholder_group": "civil_society", "start_date": "2024-03-05",
                                         "participants_women": 4, "participants_men": 3, "languages": ["km"]})
    f = ws.records.create(FEEDBACK, {"consultation_uuid": c["uuid"], "catalog_id": CATALOG,
                                     "recommendation_code": "KH3-01", "priority": "high", "comment": "schools"})
    return {"c": c, "f": f}


def export(ws, out, **options):
    return export_package(ws.database_path, out, ws.reference, **options)


def merge_file(central, path):
    (result,) = merge_paths(central.database_path, [path], REFERENCE)
    return result


def another_computer(monkeypatch, tmp_path, name: str):
    """From here on the tests run 'on' another computer: its own per-user machine marker."""
    monkeypatch.setenv(paths.MACHINE_DIR_ENV, str(tmp_path / f"machine-{name}"))


def test_a_data_folder_copied_to_another_computer_is_noticed_and_the_original_is_not(tmp_path, monkeypatch):
    another_computer(monkeypatch, tmp_path, "a")
    original = open_device(tmp_path / "laptop")
    assert original.copied_from_another_computer is False  # first run: the fingerprint is recorded
    assert identity_store.fingerprint(original.db) == identity.machine_fingerprint()
    original.close()
    marker = paths.machine_marker_path()
    assert marker.is_file() and tmp_path / "laptop" not in marker.parents  # outside the data folder

    shutil.copytree(tmp_path / "laptop", tmp_path / "copy")
    reopened = open_device(tmp_path / "laptop")
    assert reopened.copied_from_another_computer is False
    reopened.close()

    another_computer(monkeypatch, tmp_path, "b")
    copy = open_device(tmp_path / "copy")
    assert copy.copied_from_another_computer is True
    copy.confirm_same_computer()  # "this is the same computer": asked once, not at every start
    copy.close()
    assert open_device(tmp_path / "copy").copied_from_another_computer is False


def test_a_copy_made_a_new_device_keeps_its_records_and_the_office_sees_a_new_device(tmp_path, monkeypatch, capsys):
    another_computer(monkeypatch, tmp_path, "a")
    laptop = open_device(tmp_path / "laptop")
    made = record_some(laptop)
    first = export(laptop, tmp_path / "first.xlsx")
    original_id, original_key = laptop.device_id, keys_store.signing_public_key(laptop.db)
    laptop.close()
    shutil.copytree(tmp_path / "laptop", tmp_path / "copy")

    another_computer(monkeypatch, tmp_path, "b")
    assert main(["--data-dir", str(tmp_path / "copy"), "summary"]) == EXIT_OK
    assert "copied from another computer" in capsys.readouterr().err
    assert main(["--data-dir", str(tmp_path / "copy"), "device", "new-identity"]) == EXIT_OK
    said = capsys.readouterr().out
    assert original_id in said and "numbered 1" in said

    copy = open_device(tmp_path / "copy")
    assert copy.copied_from_another_computer is False
    assert copy.device_id != original_id and copy.device_id in said
    assert identity_store.previous_device_ids(copy.db) == [original_id]
    # The records and their history stay; they still belong to the laptop that made them.
    held = copy.records.get(FEEDBACK, made["f"]["uuid"])
    assert held["device_id"] == original_id and held["comment"] == "schools"
    assert [r["device_id"] for r in copy.records.history(FEEDBACK, made["f"]["uuid"])] == [original_id]
    # Later edits carry the new id in the history; new records carry it as their origin.
    copy.records.update(FEEDBACK, made["f"]["uuid"], {"comment": "schools, as the copy heard it"})
    assert [r["device_id"] for r in copy.records.history(FEEDBACK, made["f"]["uuid"])] == [original_id, copy.device_id]
    added = copy.records.create(FEEDBACK, {"consultation_uuid": made["c"]["uuid"], "catalog_id": CATALOG,
                                           "recommendation_code": "KH3-02", "comment": "new on the copy"})
    assert added["device_id"] == copy.device_id
    from_copy = export(copy, tmp_path / "from-copy.xlsx")
    assert from_copy.export_seq == 1 and from_copy.manifest["device_id"] == copy.device_id
    assert from_copy.manifest["public_key"] != original_key
    assert [e["export_seq"] for e in export_queries.export_log(copy.db)] == [1]

    central = open_device(tmp_path / "central")
    assert merge_file(central, first.path).status == MERGED
    result = merge_file(central, from_copy.path)
    assert result.status == NEEDS_REVIEW, result.message
    assert result.counts["new"] == 1  # its own new entry
    assert made["f"]["uuid"] in result.message and original_id in result.message
    assert central.records.get(FEEDBACK, made["f"]["uuid"])["comment"] == "schools"
    (kept,) = merge_store.open_conflicts(central.db)
    assert kept["incoming"]["comment"] == "schools, as the copy heard it"
    assert central.records.get(FEEDBACK, added["uuid"])["comment"] == "new on the copy"
    assert query(central.database_path, "SELECT count(*) FROM devices")[0][0] == 2
    assert not any("not received" in warning for warning in result.warnings)
    for ws in (copy, central):
        ws.close()


def test_device_show_and_trusting_another_office(tmp_path, capsys):
    laptop = open_device(tmp_path / "laptop")
    record_some(laptop)
    first = export(laptop, tmp_path / "first.xlsx")
    laptop.close()
    assert main(["--data-dir", str(tmp_path / "laptop"), "device", "show", "--json"]) == EXIT_OK
    shown = json.loads(capsys.readouterr().out)
    assert shown["device_id"] == first.manifest["device_id"] and shown["copied_from_another_computer"] is False
    central = tmp_path / "central"
    assert main(["--data-dir", str(central), "device", "trust-office", shown["device_id"]]) == EXIT_FAILED
    assert "no signed export" in capsys.readouterr().err
    office = open_device(central)
    merge_file(office, first.path)
    office.close()
    assert main(["--data-dir", str(central), "device", "trust-office", shown["device_id"]]) == EXIT_OK
    office = open_device(central)
    assert keys_store.is_trusted_office(office.db, shown["device_id"])
    office.close()


def test_the_start_dialog_acts_on_either_answer(qtbot, tmp_path, monkeypatch):
    from consultation_app.ui.identity_dialog import CloneQuestion

    another_computer(monkeypatch, tmp_path, "a")
    open_device(tmp_path / "laptop").close()
    shutil.copytree(tmp_path / "laptop", tmp_path / "copy")
    another_computer(monkeypatch, tmp_path, "b")
    for answer in ("same", "new"):
        ws = open_device(tmp_path / "copy")
        if answer == "new":
            identity_store.record_fingerprint(ws.db, "another machine's")
            ws.copied_from_another_computer = True
        former = ws.device_id
        dialog = CloneQuestion(ws)
        qtbot.addWidget(dialog)
        dialog.show()
        button = dialog.new_device_button if answer == "new" else dialog.same_computer_button
        button.click()
        assert ws.copied_from_another_computer is False
        assert (ws.device_id != former) is (answer == "new")
        assert (ws.records.device_id == ws.device_id)
        ws.close()
        reopened = open_device(tmp_path / "copy")
        assert reopened.copied_from_another_computer is False
        reopened.close()
