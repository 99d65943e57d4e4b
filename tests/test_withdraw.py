"""Withdrawal: a person takes back what they said. Their words must leave no trace in the
laptop's database files, travel to the central office only as an empty tombstone, leave no
trace there either (conflict copies included), and never come back. Plus the audit trail
dialog and the feedback panel's buttons.

Every check of "no trace" reads the database's files as raw bytes, as someone who seized the
laptop would, not through SQL."""

from __future__ import annotations

import re
import shutil
import time
import zipfile
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from consultation_app.domain.records import CONSULTATION, FEEDBACK, NOTE, content_hash
from consultation_app.errors import AppError, NotFoundError
from consultation_app.exchange.export import export_package
from consultation_app.exchange.merge import MERGED, NEEDS_REVIEW, merge_paths
from consultation_app.exchange.workbook_format import FEEDBACK_SHEET, NOTES
from consultation_app.exchange.workbook_reader import read_export
from consultation_app.paths import DATABASE_NAME
from consultation_app.services.reference_lists import default_reference
from consultation_app.services.workspace import Workspace
from consultation_app.storage import merge_store, settings_store
from consultation_app.storage.errors import RecordLockedError
from consultation_app.storage.records_store import WITHDRAWN_TEXT, RecordWithdrawnError, is_withdrawal_tombstone

CATALOG = "khm-upr3-ohchr-2019"
REFERENCE = default_reference()
# Distinctive enough that finding it in a file can only mean the words are still there.
MARKER = "Qx7Vannak-Phal-saw-the-boundary-posts-moved-4410"
NAME = "Qx7Sokha-Chan-Thy-defender-8821"
NOTE_MARKER = "Qx7note-riverbank-eviction-list-5526"
# Longer than a page: stored partly on overflow pages.
LONG_DRAFT = " ".join(f"{MARKER} paragraph {i}: the commune chief came with soldiers at night." for i in range(80))
# Pieces of what was typed, as autosave stored it on the way (drafts of the same words).
FRAGMENTS = ("Qx7Vannak", "boundary-posts", "Qx7Sokha", "defender-8821", "Qx7note", "eviction-list")
SIDE_FILES = ("", "-wal", "-shm", "-journal")


# -- helpers -------------------------------------------------------------------------------

def database_bytes(db_path: Path) -> dict[str, bytes]:
    """The database and every side file SQLite keeps beside it, read raw."""
    found = {}
    for suffix in SIDE_FILES:
        path = Path(str(db_path) + suffix)
        if path.exists():
            found[path.name] = path.read_bytes()
    return found


def traces(db_path: Path, needles=(MARKER, NAME, NOTE_MARKER) + FRAGMENTS) -> list[str]:
    """'file: needle' for each needle found in the database's files (UTF-8, as SQLite stores text)."""
    return [f"{name}: {needle}" for name, data in database_bytes(db_path).items()
            for needle in needles if needle.encode("utf-8") in data]


def open_device(folder: Path, device_name: str) -> Workspace:
    folder.mkdir(parents=True, exist_ok=True)
    ws = Workspace(folder / DATABASE_NAME, REFERENCE)
    settings_store.put(ws.db, settings_store.DEVICE_NAME, device_name)
    return ws


def consultation(ws, **values):
    base = {"title": "Land consultation", "catalog_id": CATALOG, "stakeholder_group": "civil_society",
            "province": "kep", "start_date": "2024-03-05", "participants_women": 4, "participants_men": 3}
    base.update(values)
    return ws.records.create(CONSULTATION, base)


def spoken_feedback(ws, consultation_uuid, code="KH3-44", typed_by_an_older_version=False):
    """An entry with the marker in every free-text field, typed the way autosave stores it:
    created at the first keystroke, then rewritten draft after draft."""
    if typed_by_an_older_version:
        ws.db.execute("PRAGMA secure_delete = OFF")  # as versions before secure_delete wrote it
    row = ws.records.create(FEEDBACK, {"consultation_uuid": consultation_uuid, "catalog_id": CATALOG,
                                       "recommendation_code": code, "comment": MARKER[:9]})
    for end in range(12, len(MARKER) + 1, 7):
        ws.records.update(FEEDBACK, row["uuid"], {"comment": MARKER[:end]})
    # A long draft (pasted, then cut down): it spills onto overflow pages that the shorter
    # text frees again; the app closing or an automatic checkpoint puts those pages in the
    # main file.
    ws.records.update(FEEDBACK, row["uuid"], {"suggested_actions": LONG_DRAFT})
    ws.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    row = ws.records.update(FEEDBACK, row["uuid"], {
        "priority": "high", "implementation_assessment": "not_implemented",
        "comment": f"{MARKER} and nobody was paid", "quote": f"“{MARKER}”", "quote_translation": f"{MARKER} (km)",
        "suggested_actions": f"stop {MARKER}", "responsible_institutions": f"{MARKER} cadastral office",
        "attribution": "named_with_consent", "attributed_to": NAME, "sensitive": True})
    ws.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    if typed_by_an_older_version:
        ws.db.execute("PRAGMA secure_delete = ON")
    return row


def spoken_note(ws, consultation_uuid):
    row = ws.records.create(NOTE, {"consultation_uuid": consultation_uuid, "title": NOTE_MARKER[:10]})
    return ws.records.update(NOTE, row["uuid"], {"title": NOTE_MARKER, "text": f"{NOTE_MARKER} {NAME}",
                                                 "sensitive": True})


def export(ws, out: Path, **options):
    return export_package(ws.database_path, out, ws.reference, **options)


def merge_one(central: Workspace, path: Path):
    results = merge_paths(central.database_path, [path], REFERENCE)
    assert len(results) == 1
    return results[0]


def workbook_texts(path: Path) -> bytes:
    """Every part of an .xlsx (a zip of XML files), uncompressed."""
    with zipfile.ZipFile(path) as archive:
        return b"".join(archive.read(name) for name in archive.namelist())


def assert_tombstone(kind, row, revision_before: int) -> None:
    assert row["deleted"] is True
    assert row["revision"] > revision_before
    for name in WITHDRAWN_TEXT[kind.table]:
        assert row[name] == "", name
    assert row["sensitive"] is False
    if kind is FEEDBACK:
        assert row["attribution"] == "anonymous"
        assert row["priority"] is None and row["implementation_assessment"] is None
    assert row["content_hash"] == content_hash(kind, row, True)
    assert is_withdrawal_tombstone(kind, row)


# -- on the laptop ---------------------------------------------------------------------------

@pytest.mark.parametrize("older_database", [False, True], ids=["secure-delete-from-the-start",
                                                                "typed-before-secure-delete"])
def test_withdraw_leaves_no_trace_in_the_database_files(tmp_path, older_database):
    folder = tmp_path / "laptop"
    ws = open_device(folder, "Kep laptop 1")
    db_path = ws.database_path
    c = consultation(ws)
    fb = spoken_feedback(ws, c["uuid"], typed_by_an_older_version=older_database)
    nt = spoken_note(ws, c["uuid"])
    kept = ws.records.create(FEEDBACK, {"consultation_uuid": c["uuid"], "catalog_id": CATALOG,
                                        "recommendation_code": "KH3-01", "comment": "Schools are far away"})
    assert traces(db_path), "the words must be in the files before the withdrawal, or the test proves nothing"

    tomb = ws.records.withdraw(FEEDBACK, fb["uuid"])
    note_tomb = ws.records.withdraw(NOTE, nt["uuid"])

    assert_tombstone(FEEDBACK, tomb, fb["revision"])
    assert_tombstone(NOTE, note_tomb, nt["revision"])
    assert tomb["consultation_uuid"] == c["uuid"] and tomb["recommendation_code"] == "KH3-44"
    history = ws.records.history(FEEDBACK, fb["uuid"])
    assert history[-1]["action"] == "withdraw" and history[-1]["revision"] == tomb["revision"]
    assert history[-1]["content_hash"] == tomb["content_hash"]
    assert [h["revision"] for h in history] == list(range(1, tomb["revision"] + 1))
    assert ws.records.history(NOTE, nt["uuid"])[-1]["action"] == "withdraw"
    assert ws.records.get(FEEDBACK, fb["uuid"]) is None  # gone from every list and count
    assert ws.records.get(FEEDBACK, kept["uuid"])["comment"] == "Schools are far away"

    # While the app is still open: the write-ahead log was reset, the files hold no trace.
    wal = Path(str(db_path) + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    assert traces(db_path) == []
    ws.close()
    assert traces(db_path) == []
    assert b"Schools are far away" in b"".join(database_bytes(db_path).values()), "other words are kept"

    again = Workspace(db_path, REFERENCE)
    try:
        assert again.records.get(FEEDBACK, fb["uuid"], include_deleted=True)["revision"] == tomb["revision"]
        assert again.records.is_withdrawn(FEEDBACK, fb["uuid"])
    finally:
        again.close()


def test_withdraw_cannot_be_undone(workspace):
    records = workspace.records
    c = consultation(workspace)
    fb = spoken_feedback(workspace, c["uuid"])
    tomb = records.withdraw(FEEDBACK, fb["uuid"])

    with pytest.raises(RecordWithdrawnError, match="withdrawn") as error:
        records.restore(FEEDBACK, fb["uuid"])
    assert isinstance(error.value, (RecordLockedError, AppError))
    with pytest.raises(RecordWithdrawnError):
        records.update(FEEDBACK, fb["uuid"], {"comment": "typed back in"})
    with pytest.raises(NotFoundError):
        records.delete(FEEDBACK, fb["uuid"])
    # A second withdrawal changes nothing; the record stays exactly the tombstone it was.
    assert records.withdraw(FEEDBACK, fb["uuid"]) == tomb
    assert records.get(FEEDBACK, fb["uuid"], include_deleted=True) == tomb
    assert len(records.history(FEEDBACK, fb["uuid"])) == tomb["revision"]
    # An ordinary delete can still be undone: only withdrawal is for good.
    other = records.create(FEEDBACK, {"consultation_uuid": c["uuid"], "recommendation_code": "KH3-01",
                                      "comment": "kept for undo"})
    records.delete(FEEDBACK, other["uuid"])
    assert records.restore(FEEDBACK, other["uuid"])["comment"] == "kept for undo"
    # Only what people said can be withdrawn, not a consultation's record.
    with pytest.raises(AppError, match="only feedback entries and notes"):
        records.withdraw(CONSULTATION, c["uuid"])


def test_withdraw_works_in_a_final_consultation_and_on_a_deleted_entry(workspace):
    records = workspace.records
    c = consultation(workspace)
    final_entry = spoken_feedback(workspace, c["uuid"])
    deleted_entry = records.create(FEEDBACK, {"consultation_uuid": c["uuid"], "recommendation_code": "KH3-01",
                                              "comment": MARKER})
    deleted = records.delete(FEEDBACK, deleted_entry["uuid"])
    records.update(CONSULTATION, c["uuid"], {"status": "final"})
    # A person's withdrawal does not wait for the consultation to be reopened.
    assert_tombstone(FEEDBACK, records.withdraw(FEEDBACK, final_entry["uuid"]), final_entry["revision"])
    assert_tombstone(FEEDBACK, records.withdraw(FEEDBACK, deleted_entry["uuid"]), deleted["revision"])
    assert records.get(CONSULTATION, c["uuid"])["status"] == "final"
    workspace.close()
    assert traces(workspace.database_path) == []


# -- export and the central office -----------------------------------------------------------

def test_an_export_carries_the_tombstone_and_not_the_words(tmp_path):
    ws = open_device(tmp_path / "laptop", "Kep laptop 1")
    try:
        c = consultation(ws)
        fb = spoken_feedback(ws, c["uuid"])
        nt = spoken_note(ws, c["uuid"])
        first = export(ws, tmp_path / "first.xlsx", include_sensitive=True)
        assert MARKER.encode() in workbook_texts(first.path), "the words did travel once"

        ws.records.withdraw(FEEDBACK, fb["uuid"])
        ws.records.withdraw(NOTE, nt["uuid"])
        # A standard export (sensitive and named records left out) carries both tombstones.
        for name, options in (("since-last.xlsx", {"since_last": True}), ("full.xlsx", {})):
            result = export(ws, tmp_path / name, **options)
            assert result.left_out["feedback_named"] == 0 and result.left_out["feedback_sensitive"] == 0
            package = read_export(result.path, REFERENCE)
            [row] = [r for r in package.sheets[FEEDBACK_SHEET] if r["uuid"] == fb["uuid"]]
            assert row["deleted"] and row["revision"] > fb["revision"]
            assert is_withdrawal_tombstone(FEEDBACK, row)
            [note_row] = [r for r in package.sheets[NOTES] if r["uuid"] == nt["uuid"]]
            assert is_withdrawal_tombstone(NOTE, note_row)
            data = workbook_texts(result.path)
            assert not [needle for needle in (MARKER, NAME, NOTE_MARKER) + FRAGMENTS if needle.encode() in data]
    finally:
        ws.close()


def test_the_central_office_keeps_no_trace_once_the_tombstone_is_merged(tmp_path):
    # Laptop A records the entry and sends it (sensitive content chosen), then its data folder
    # is cloned to laptop B; both edit the entry, so the central office keeps B's version as a
    # conflict copy beside A's: two copies of the words at the central office.
    laptop_a = open_device(tmp_path / "laptop-a", "Kep laptop 1")
    c = consultation(laptop_a)
    fb = spoken_feedback(laptop_a, c["uuid"])
    base = export(laptop_a, tmp_path / "base.xlsx", include_sensitive=True)
    laptop_a.close()
    shutil.copytree(tmp_path / "laptop-a", tmp_path / "laptop-b")
    laptop_a = Workspace(tmp_path / "laptop-a" / DATABASE_NAME, REFERENCE)
    laptop_b = Workspace(tmp_path / "laptop-b" / DATABASE_NAME, REFERENCE)
    central = open_device(tmp_path / "central", "Central office")
    try:
        laptop_a.records.update(FEEDBACK, fb["uuid"], {"comment": f"as laptop A heard it: {MARKER}"})
        laptop_b.records.update(FEEDBACK, fb["uuid"], {"comment": f"as laptop B heard it: {MARKER}"})
        from_a = export(laptop_a, tmp_path / "from-a.xlsx", since_last=True, include_sensitive=True)
        from_b = export(laptop_b, tmp_path / "from-b.xlsx", since_last=True, include_sensitive=True)
        assert merge_one(central, base.path).status == MERGED
        assert merge_one(central, from_a.path).status == MERGED
        assert merge_one(central, from_b.path).status == NEEDS_REVIEW
        [conflict] = merge_store.open_conflicts(central.db)
        assert MARKER in conflict["incoming"]["comment"]
        # Laptop A sends a long version, then a shorter one: the central office replaces the
        # long one (overflow pages freed, zeroed by secure_delete on every connection).
        for n, text in enumerate((LONG_DRAFT, f"cut down: {MARKER}")):
            laptop_a.records.update(FEEDBACK, fb["uuid"], {"suggested_actions": text})
            assert merge_one(central, export(laptop_a, tmp_path / f"a-{n}.xlsx", since_last=True,
                                             include_sensitive=True).path).status == MERGED
        assert traces(central.database_path), "the words are at the central office, or the test proves nothing"

        tomb = laptop_a.records.withdraw(FEEDBACK, fb["uuid"])
        withdrawal = export(laptop_a, tmp_path / "withdrawal.xlsx", since_last=True)
        result = merge_one(central, withdrawal.path)
        assert result.status == MERGED and result.counts["updated"] == 1

        held = central.records.get(FEEDBACK, fb["uuid"], include_deleted=True)
        assert_tombstone(FEEDBACK, held, 4)
        assert held["revision"] == tomb["revision"] and held["content_hash"] == tomb["content_hash"]
        assert central.db.execute("SELECT count(*) FROM merge_conflicts WHERE record_uuid = ?",
                                  [fb["uuid"]]).fetchone()[0] == 0
        assert central.records.history(FEEDBACK, fb["uuid"])[-1]["revision"] == tomb["revision"]
    finally:
        for ws in (laptop_a, laptop_b, central):
            ws.close()
    assert traces(central.database_path) == []
    assert traces(laptop_a.database_path) == []
    # Out of reach, as the confirmation says: the clone and the files already given away.
    assert traces(laptop_b.database_path)
    assert MARKER.encode() in workbook_texts(from_b.path)


def test_only_a_withdrawal_tombstone_drops_conflict_copies(tmp_path):
    central = open_device(tmp_path / "central", "Central office")
    try:
        c = consultation(central)
        fb = central.records.create(FEEDBACK, {"consultation_uuid": c["uuid"], "recommendation_code": "KH3-01",
                                               "comment": "said once"})
        incoming = {**fb, "revision": 1, "comment": "said differently", "content_hash": "other"}
        merge_store.record_conflict(central.db, FEEDBACK, incoming, fb["content_hash"], "export-1", "2024-01-01")
        deleted = {**fb, "revision": 2, "deleted": True}  # an ordinary delete keeps its words
        merge_store.write_rows(central.db, FEEDBACK, [deleted], 0, replace=True)
        assert len(merge_store.open_conflicts(central.db)) == 1
        emptied = {**deleted, "revision": 3, "comment": ""}
        merge_store.write_rows(central.db, FEEDBACK, [emptied], 0, replace=True)
        assert merge_store.open_conflicts(central.db) == []
    finally:
        central.close()


# -- the audit trail dialog and the feedback panel -------------------------------------------

@pytest.fixture
def phnom_penh_time(monkeypatch):
    monkeypatch.setenv("TZ", "Asia/Phnom_Penh")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_history_times_are_local(phnom_penh_time):
    from consultation_app.ui.history_dialog import local_time

    assert local_time("2024-03-05T20:15:00.000Z") == "2024-03-06 03:15"  # UTC+7
    assert local_time("not a time") == "not a time"


def test_the_history_dialog_lists_every_revision(qtbot, workspace, phnom_penh_time):
    from consultation_app.ui.history_dialog import HistoryDialog, local_time

    settings_store.put(workspace.db, settings_store.DEVICE_NAME, "Kep laptop 1")
    workspace.records.officer = "Dara"
    c = consultation(workspace)
    fb = spoken_feedback(workspace, c["uuid"])
    workspace.records.delete(FEEDBACK, fb["uuid"])
    workspace.records.restore(FEEDBACK, fb["uuid"])
    tomb = workspace.records.withdraw(FEEDBACK, fb["uuid"])
    history = workspace.records.history(FEEDBACK, fb["uuid"])

    dialog = HistoryDialog(workspace, FEEDBACK, fb["uuid"])
    qtbot.addWidget(dialog)
    rows = dialog.cell_texts()
    assert [int(r[0]) for r in rows] == list(range(1, tomb["revision"] + 1))
    assert rows[0][1] == "Created" and rows[1][1] == "Edited"
    assert [r[1] for r in rows[-3:]] == ["Deleted", "Restored", "Withdrawn: the words were wiped"]
    assert {r[2] for r in rows} == {"Kep laptop 1 (this computer)"}
    assert {r[3] for r in rows} == {"Dara"}
    for row, revision in zip(rows, history):
        assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", row[4])
        assert row[4] == local_time(revision["changed_at"])
    assert dialog.windowTitle() == "History of this feedback entry"
    shown = " ".join(" ".join(r) for r in rows)
    assert MARKER not in shown and NAME not in shown

    # A consultation and a record merged from another device.
    assert HistoryDialog(workspace, CONSULTATION, c["uuid"]).cell_texts()[0][1] == "Created"
    merge_store.upsert_device(workspace.db, "device-from-afar", "Ratanakiri laptop 3", "2024-03-01T00:00:00Z")
    merge_store.write_rows(workspace.db, FEEDBACK, [{**fb, "uuid": "0000-merged", "device_id": "device-from-afar",
                                                     "revision": 4}], 0, replace=False)
    merged = HistoryDialog(workspace, FEEDBACK, "0000-merged").cell_texts()
    assert merged == [["4", "Arrived in an export", "Ratanakiri laptop 3", "—", merged[0][4]]]


@pytest.fixture
def window(qtbot, workspace):
    from consultation_app.ui.main_window import RECOMMENDATIONS_TAB, MainWindow

    c = consultation(workspace)
    fb = spoken_feedback(workspace, c["uuid"])
    other = workspace.records.create(FEEDBACK, {"consultation_uuid": c["uuid"], "catalog_id": CATALOG,
                                                "recommendation_code": "KH3-44", "comment": "Titles take years"})
    win = MainWindow(workspace)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.browser.select(c["uuid"])
    win.open_consultation(c["uuid"])
    win.tabs.setCurrentIndex(RECOMMENDATIONS_TAB)
    win.recs.select("KH3-44")
    win.feedback.set_entries(workspace.records.in_consultation(FEEDBACK, c["uuid"], "KH3-44"), fb["uuid"])
    assert win.feedback.current_uuid == fb["uuid"]
    win.test_entries = (fb, other)
    yield win
    win.autosaver.flush()


def test_the_panel_withdraws_after_the_officer_confirms(qtbot, window, workspace, monkeypatch):
    fb, other = window.test_entries
    asked = []

    def confirm(parent, title, text, buttons, default):
        asked.append((title, text, default))
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", confirm)
    assert window.feedback.withdraw_button.isEnabled()
    # Words typed into the entry just before: they must not survive either.
    window.feedback.binder.widgets["comment"].setPlainText(f"{MARKER} typed at the last moment")
    qtbot.mouseClick(window.feedback.withdraw_button, Qt.MouseButton.LeftButton)

    [(title, text, default)] = asked
    assert title == "Withdraw what this person said"
    assert "cannot be undone" in text and "NOT erased from backups" in text and "export files" in text
    assert default == QMessageBox.StandardButton.Cancel, "the safe answer is the default"
    assert workspace.records.is_withdrawn(FEEDBACK, fb["uuid"])
    assert_tombstone(FEEDBACK, workspace.records.get(FEEDBACK, fb["uuid"], include_deleted=True), fb["revision"])
    assert window.feedback.model.row_for_uuid(fb["uuid"]) < 0, "gone from the list"
    assert window.feedback.current_uuid == other["uuid"]
    assert MARKER not in window.feedback.binder.widgets["comment"].toPlainText()
    assert "wiped" in window.save_label.text()
    assert window.undo_stack.count() == 0
    window.autosaver.flush()
    assert workspace.records.is_withdrawn(FEEDBACK, fb["uuid"])
    window.close()
    workspace.close()
    assert traces(workspace.database_path) == []


def test_the_panel_withdraws_nothing_when_the_officer_cancels(qtbot, window, workspace, monkeypatch):
    fb, _ = window.test_entries
    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.Cancel)
    qtbot.mouseClick(window.feedback.withdraw_button, Qt.MouseButton.LeftButton)
    row = workspace.records.get(FEEDBACK, fb["uuid"])
    assert row is not None and MARKER in row["comment"]
    assert not workspace.records.is_withdrawn(FEEDBACK, fb["uuid"])


def test_the_panel_opens_the_history_of_the_selected_entry(qtbot, window, workspace):
    from consultation_app.ui.history_dialog import HistoryDialog

    fb, _ = window.test_entries
    assert window.feedback.history_button.isEnabled()
    qtbot.mouseClick(window.feedback.history_button, Qt.MouseButton.LeftButton)
    dialog = window.findChild(HistoryDialog, "history_dialog")
    assert dialog is not None and dialog.isVisible()
    assert dialog.uuid == fb["uuid"]
    assert len(dialog.cell_texts()) == fb["revision"]
    dialog.close()


def test_history_and_withdraw_stay_available_in_a_final_consultation(qtbot, window, workspace):
    workspace.records.update(CONSULTATION, window.consultation["uuid"], {"status": "final"})
    window.open_consultation(window.consultation["uuid"])
    assert not window.feedback.delete_button.isEnabled()
    assert window.feedback.current_uuid is not None
    assert window.feedback.history_button.isEnabled() and window.feedback.withdraw_button.isEnabled()
    window.feedback.set_entries([])
    assert not window.feedback.history_button.isEnabled() and not window.feedback.withdraw_button.isEnabled()


def test_a_note_can_be_withdrawn_and_its_history_read_from_the_notes_tab(qtbot, workspace, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from consultation_app.domain.records import NOTE
    from consultation_app.ui.main_window import MainWindow

    window = MainWindow(workspace)
    qtbot.addWidget(window)
    window.new_consultation()
    note = workspace.records.create(NOTE, {"consultation_uuid": window.consultation["uuid"],
                                           "text": "Names of the land activists who spoke: MARKER-NOTE-77"})
    window.notes.set_notes(workspace.records.in_consultation(NOTE, window.consultation["uuid"]), note["uuid"])
    assert window.notes.history_button.isEnabled()
    dialog = window.show_history(NOTE, note["uuid"])
    qtbot.addWidget(dialog)
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kwargs: QMessageBox.StandardButton.Yes)
    window.notes.withdraw_button.click()
    stored = workspace.records.get(NOTE, note["uuid"], include_deleted=True)
    assert stored["deleted"] and stored["text"] == ""
    assert [h["action"] for h in workspace.records.history(NOTE, note["uuid"])][-1] == "withdraw"
