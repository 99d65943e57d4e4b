"""Merge receipts: field exports, central merge, a receipt back to the laptop, and what the
laptop then knows the central office holds."""

import json

import pytest

from consultation_app.domain.records import CONSULTATION, FEEDBACK, NOTE
from consultation_app.errors import AppError, InputError
from consultation_app.exchange.export import export_package
from consultation_app.exchange.merge import merge_paths
from consultation_app.exchange.receipt import import_receipt, read_receipt, write_receipt
from consultation_app.services.workspace import Workspace
from consultation_app.storage import settings_store
from consultation_app.storage.receipt_queries import unconfirmed_changes

CATALOG = "khm-upr3-ohchr-2019"


def laptop(path, name):
    ws = Workspace(path)
    settings_store.put(ws.db, settings_store.DEVICE_NAME, name)
    return ws


def some_records(ws, sensitive=False):
    c = ws.records.create(CONSULTATION, {"title": "Kep", "catalog_id": CATALOG, "stakeholder_group": "civil_society",
                                         "province": "kep", "start_date": "2024-03-05"})["uuid"]
    entries = [ws.records.create(FEEDBACK, {"consultation_uuid": c, "catalog_id": CATALOG,
                                            "recommendation_code": code, "priority": "high"})["uuid"]
               for code in ("KH3-01", "KH3-02")]
    if sensitive:
        entries.append(ws.records.create(FEEDBACK, {"consultation_uuid": c, "catalog_id": CATALOG,
                                                    "recommendation_code": "KH3-03", "sensitive": True})["uuid"])
    note = ws.records.create(NOTE, {"consultation_uuid": c, "title": "Land", "text": "Evictions"})["uuid"]
    return c, entries, note


def merge(central, *files):
    results = merge_paths(central.database_path, list(files), central.reference)
    assert all(r.status == "merged" for r in results), [r.message for r in results]


def stored_confirmations(ws):
    return ws.db.execute("SELECT * FROM receipts_received ORDER BY record_table, record_uuid").fetchall()


@pytest.fixture
def offices(data_dir, tmp_path):
    """Laptops A and B each export once; the central office merges both."""
    a, b = laptop(tmp_path / "a.sqlite3", "laptop-a"), laptop(tmp_path / "b.sqlite3", "laptop-b")
    records_a = some_records(a)
    some_records(b)
    export_package(a.database_path, tmp_path / "a1.xlsx", a.reference)
    export_package(b.database_path, tmp_path / "b1.xlsx", b.reference)
    central = Workspace(tmp_path / "central.sqlite3")
    merge(central, tmp_path / "a1.xlsx", tmp_path / "b1.xlsx")
    yield a, b, central, records_a, tmp_path
    for ws in (a, b, central):
        ws.close()


def test_round_trip_confirms_everything_then_an_edit_is_unconfirmed(offices):
    a, _, central, (consultation, entries, note), tmp_path = offices
    assert unconfirmed_changes(a.db) == 4  # nothing confirmed yet
    receipt = write_receipt(central.database_path, a.device_id, tmp_path / "receipt-a.json")
    assert receipt.records == {"consultations": 1, "feedback": 2, "notes": 1}
    assert receipt.export_seqs == [1] and receipt.device_name == "laptop-a"

    result = import_receipt(a.database_path, receipt.path)
    assert not result.already_imported
    assert (result.records_in_receipt, result.advanced, result.unconfirmed_changes) == (4, 4, 0)
    assert result.exports_received == [1] and result.exports_not_received == []
    assert unconfirmed_changes(a.db) == 0

    a.records.update(FEEDBACK, entries[0], {"comment": "Added after the meeting"})
    assert unconfirmed_changes(a.db) == 1
    a.records.delete(NOTE, note)  # a deletion is a change too
    assert unconfirmed_changes(a.db) == 2


def test_the_next_export_and_receipt_confirm_the_edit(offices):
    a, _, central, (_, entries, _), tmp_path = offices
    import_receipt(a.database_path, write_receipt(central.database_path, a.device_id, tmp_path / "r1.json").path)
    a.records.update(FEEDBACK, entries[1], {"comment": "Later"})
    export_package(a.database_path, tmp_path / "a2.xlsx", a.reference, since_last=True)
    assert unconfirmed_changes(a.db) == 1  # exported is not received
    merge(central, tmp_path / "a2.xlsx")
    result = import_receipt(a.database_path,
                            write_receipt(central.database_path, a.device_id, tmp_path / "r2.json").path)
    assert result.advanced == 1 and result.unconfirmed_changes == 0
    assert result.exports_received == [1, 2]
    revision = a.db.execute("SELECT revision_received FROM receipts_received WHERE record_uuid = ?",
                            [entries[1]]).fetchone()[0]
    assert revision == 2


def test_a_receipt_for_another_device_is_refused(offices):
    a, b, central, _, tmp_path = offices
    receipt_b = write_receipt(central.database_path, b.device_id, tmp_path / "receipt-b.json")
    before = (unconfirmed_changes(a.db), stored_confirmations(a))
    with pytest.raises(InputError) as refused:
        import_receipt(a.database_path, receipt_b.path)
    message = str(refused.value)
    assert "receipt-b.json" in message and "another device" in message
    assert "laptop-b" in message and "laptop-a" in message and "nothing was recorded" in message
    assert (unconfirmed_changes(a.db), stored_confirmations(a)) == before
    assert a.db.execute("SELECT count(*) FROM receipt_imports").fetchone()[0] == 0
    # B takes it.
    assert import_receipt(b.database_path, receipt_b.path).unconfirmed_changes == 0


def test_importing_twice_changes_nothing(offices):
    a, _, central, _, tmp_path = offices
    path = write_receipt(central.database_path, a.device_id, tmp_path / "receipt-a.json").path
    first = import_receipt(a.database_path, path)
    state = (stored_confirmations(a), a.db.execute("SELECT * FROM receipt_imports").fetchall())
    again = import_receipt(a.database_path, path)
    assert again.already_imported and again.advanced == 0 and "imported before" in again.message
    assert again.unconfirmed_changes == first.unconfirmed_changes == 0
    assert (stored_confirmations(a), a.db.execute("SELECT * FROM receipt_imports").fetchall()) == state


def test_an_older_receipt_after_a_newer_one_lowers_nothing(offices):
    a, _, central, (_, entries, _), tmp_path = offices
    old = write_receipt(central.database_path, a.device_id, tmp_path / "old.json").path
    a.records.update(FEEDBACK, entries[0], {"comment": "Second revision"})
    export_package(a.database_path, tmp_path / "a2.xlsx", a.reference, since_last=True)
    merge(central, tmp_path / "a2.xlsx")
    new = write_receipt(central.database_path, a.device_id, tmp_path / "new.json").path
    assert import_receipt(a.database_path, new).unconfirmed_changes == 0
    late = import_receipt(a.database_path, old)
    assert not late.already_imported and late.advanced == 0 and late.unconfirmed_changes == 0


def test_records_kept_on_the_laptop_stay_unconfirmed(data_dir, tmp_path):
    """A standard export leaves sensitive records on the laptop: the central office cannot
    confirm them, and the count says so."""
    a = laptop(tmp_path / "a.sqlite3", "laptop-a")
    some_records(a, sensitive=True)
    export_package(a.database_path, tmp_path / "a1.xlsx", a.reference)
    central = Workspace(tmp_path / "central.sqlite3")
    merge(central, tmp_path / "a1.xlsx")
    result = import_receipt(a.database_path,
                            write_receipt(central.database_path, a.device_id, tmp_path / "r.json").path)
    assert result.records_in_receipt == 4 and result.unconfirmed_changes == 1
    a.close()
    central.close()


def test_a_changed_or_foreign_file_is_refused(offices):
    a, _, central, _, tmp_path = offices
    path = write_receipt(central.database_path, a.device_id, tmp_path / "receipt-a.json").path
    payload = json.loads(path.read_text(encoding="utf-8"))
    payload["records"]["feedback"][0][1] = 99  # claim a revision the central office does not hold
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(payload), encoding="utf-8")
    with pytest.raises(InputError, match="checksum does not match"):
        import_receipt(a.database_path, edited)
    (tmp_path / "other.json").write_text('{"format": "something-else"}', encoding="utf-8")
    with pytest.raises(InputError, match="not a merge receipt"):
        read_receipt(tmp_path / "other.json")
    (tmp_path / "cut.json").write_text(path.read_text(encoding="utf-8")[:100], encoding="utf-8")
    with pytest.raises(InputError, match="not readable JSON"):
        import_receipt(a.database_path, tmp_path / "cut.json")
    assert stored_confirmations(a) == []


def test_the_central_side_refuses_what_it_cannot_write(offices):
    _, _, central, _, tmp_path = offices
    with pytest.raises(AppError, match="nothing to confirm"):
        write_receipt(central.database_path, "no-such-device", tmp_path / "r.json")
    with pytest.raises(AppError, match=".json ending"):
        write_receipt(central.database_path, "no-such-device", tmp_path / "r.xlsx")
    assert not (tmp_path / "r.json").exists()


def test_the_field_window_imports_a_receipt_and_shows_what_is_unconfirmed(qtbot, offices, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from consultation_app.ui.main_window import MainWindow

    a, _, central, (_, entries, _), tmp_path = offices
    window = MainWindow(a)
    qtbot.addWidget(window)
    assert window.confirm_label.isHidden(), "nothing to say before any receipt"
    receipt = write_receipt(central.database_path, a.device_id, tmp_path / "receipt-a.json")
    a.records.update(FEEDBACK, entries[0], {"comment": "Changed after the export"})
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(receipt.path), ""))
    window.import_receipt()
    assert not window.confirm_label.isHidden()
    assert window.confirm_label.text().endswith(": 1")
    assert "4 records" in window.save_label.text()


def test_central_staff_write_report_master_export_and_receipt_from_the_menus(qtbot, offices, monkeypatch):
    """No terminal: the File menu writes the three files in the background, names the device by
    its name and officer (not its id), and the next file dialog opens in the folder just used."""
    import openpyxl
    from PySide6.QtWidgets import QFileDialog, QInputDialog

    from consultation_app.storage import receipt_queries
    from consultation_app.ui.background import Background
    from consultation_app.ui.central_office import LAST_FOLDER
    from consultation_app.ui.main_window import MainWindow

    a, _, central, _, tmp_path = offices
    monkeypatch.setattr(Background, "synchronous", True)
    window = MainWindow(central)
    qtbot.addWidget(window)
    out = tmp_path / "out"
    out.mkdir()
    asked_in = []

    def save_as(name):
        def dialog(parent, title, start, filters):
            asked_in.append(start)
            return str(out / name), filters.split(";;")[0]
        return dialog

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as("report.xlsx"))
    window.findChild(type(window.toggle_list), "action_report").trigger()
    assert (out / "report.xlsx").exists() and "report.xlsx" in window.save_label.text()
    assert openpyxl.load_workbook(out / "report.xlsx").sheetnames[0] == "cover"
    assert settings_store.get(central.db, LAST_FOLDER) == str(out)

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as("master.xlsx"))
    window.findChild(type(window.toggle_list), "action_master_export").trigger()
    assert (out / "master.xlsx").exists() and "master.xlsx" in window.save_label.text()
    assert asked_in[-1].startswith(str(out))  # the folder last used

    offered = []

    def choose(parent, title, label, items, current, editable):
        offered.extend(items)
        return next(item for item in items if item.startswith("laptop-a")), True

    monkeypatch.setattr(QInputDialog, "getItem", choose)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as("receipt-a.json"))
    window.findChild(type(window.toggle_list), "action_receipt").trigger()
    assert sorted(item.split(" ")[0] for item in offered) == ["laptop-a", "laptop-b"]
    assert not any(a.device_id in item for item in offered)  # names, not UUIDs
    assert read_receipt(out / "receipt-a.json")["device_id"] == a.device_id
    assert receipt_queries.device_label(central.db, a.device_id).startswith("laptop-a")
