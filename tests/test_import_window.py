"""The central office's Import window: files chosen or dropped are merged off the GUI thread,
each file's outcome is shown, cancel stops between files, the event loop never stalls, and
conflicts are reviewed side by side."""

import shutil
import time
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QAction, QColor, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QMessageBox

from consultation_app.domain.records import CONSULTATION
from consultation_app.exchange.export import export_package
from consultation_app.exchange.merge import ALREADY_MERGED, MERGED, NEEDS_REVIEW, REJECTED
from consultation_app.services.demo import add_demo_data
from consultation_app.services.workspace import Workspace
from consultation_app.storage import keys_store, merge_store
from consultation_app.ui.background import Background
from consultation_app.ui.import_window import STATUS, STATUS_COLOURS, STATUS_ROLE, ImportWindow
from consultation_app.ui.main_window import MainWindow

MANY = 20


def field_export(folder: Path, name: str, seed: int, count: int = 2, feedback_mean: int = 6) -> Path:
    """A field laptop of its own (own data folder, own device id) with demo data, exported once."""
    folder.mkdir(parents=True, exist_ok=True)
    with Workspace(database_path=folder / f"{name}.sqlite3") as ws:
        add_demo_data(ws, count, seed, feedback_mean=feedback_mean)
        return export_package(ws.database_path, folder / f"{name}.xlsx", ws.reference).path


@pytest.fixture(scope="module")
def exports(tmp_path_factory):
    root = tmp_path_factory.mktemp("field")
    return [field_export(root / "laptops", f"laptop-{i + 1:02d}", seed=100 + i) for i in range(2)]


@pytest.fixture(scope="module")
def many_exports(tmp_path_factory):
    root = tmp_path_factory.mktemp("many")
    return [field_export(root / "laptops", f"laptop-{i + 1:02d}", seed=500 + i, count=4, feedback_mean=40)
            for i in range(MANY)]


@pytest.fixture
def inline(monkeypatch):
    monkeypatch.setattr(Background, "synchronous", True)


@pytest.fixture
def window(qtbot, workspace):
    win = ImportWindow(workspace, Background())
    qtbot.addWidget(win)
    win.show()
    yield win
    win.background.wait(10000)


def statuses(win) -> list[str]:
    return [win.model.index(row, STATUS).data(STATUS_ROLE) for row in range(win.model.rowCount())]


def merge_and_wait(qtbot, win) -> None:
    win.merge_button.click()
    qtbot.waitUntil(lambda: not win.is_running(), timeout=30000)


def broken_workbook(folder: Path) -> Path:
    path = folder / "x.xlsx"
    path.write_text("this is a text file, not a workbook", encoding="utf-8")
    return path


# -- merging -------------------------------------------------------------------------

def test_both_field_files_merge_then_merging_again_changes_nothing(qtbot, window, exports, workspace, inline):
    emitted = []
    window.merged.connect(lambda: emitted.append(True))
    window.add_paths(exports)
    window.merge_button.click()  # inline: done when click() returns
    assert not window.is_running() and emitted == [True]
    assert statuses(window) == [MERGED, MERGED]
    assert window.summary.text() == "2 merged, 0 already merged, 0 need review, 0 rejected"
    status = window.model.index(0, STATUS)
    assert status.data() == "Merged"
    assert status.data(Qt.ItemDataRole.BackgroundRole).color() == QColor(STATUS_COLOURS[MERGED][0])
    assert int(window.model.index(0, 2).data()) > 0  # new records
    assert {r["status"] for r in merge_store.merge_log(workspace.db)} == {MERGED}

    window.merge_button.click()
    assert statuses(window) == [ALREADY_MERGED, ALREADY_MERGED]
    assert window.summary.text() == "0 merged, 2 already merged, 0 need review, 0 rejected"
    assert window.model.index(0, STATUS).data() == "Already merged"
    assert window.model.index(0, 2).data() == ""  # nothing applied, no counts shown
    assert not window.review_button.isEnabled()


def test_a_real_background_merge_of_a_folder(qtbot, window, exports, workspace):
    window.add_paths([exports[0].parent])  # a folder: every workbook in it
    window.merge_button.click()
    assert window.is_running()  # the click returned while the work goes on off the GUI thread
    assert not window.merge_button.isEnabled() and window.cancel_button.isEnabled()
    with qtbot.waitSignal(window.merged, timeout=30000):
        pass
    assert statuses(window) == [MERGED, MERGED]
    assert window.progress.isHidden() and window.merge_button.isEnabled()
    assert workspace.db.execute("SELECT count(*) FROM consultations").fetchone()[0] == 4


def test_a_broken_file_is_rejected_with_its_reason(qtbot, window, exports, tmp_path, inline):
    window.add_paths([exports[0], broken_workbook(tmp_path)])
    window.merge_button.click()
    assert statuses(window) == [MERGED, REJECTED]
    rejected = window.model.result(1)
    assert "not an Excel workbook" in rejected.message
    assert window.model.index(1, 6).data() == rejected.message
    assert window.model.index(1, STATUS).data() == "Rejected"
    assert window.model.index(1, STATUS).data(Qt.ItemDataRole.BackgroundRole).color() == QColor(
        STATUS_COLOURS[REJECTED][0])
    assert "not an Excel workbook" in window.model.index(1, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert window.table.currentIndex().row() == 1  # the problem is selected and explained below
    assert "not an Excel workbook" in window.details.toPlainText()
    assert "Traceback" not in window.details.toPlainText()
    assert window.summary.text() == "1 merged, 0 already merged, 0 need review, 1 rejected"


def test_nothing_to_merge_is_said_inline(qtbot, window, tmp_path, inline):
    empty = tmp_path / "empty"
    empty.mkdir()
    window.add_paths([empty])
    window.merge_button.click()
    assert "no workbooks found" in window.message.text()
    assert "color: #a01010" in window.message.styleSheet()
    assert window.merge_button.isEnabled()


def test_a_file_edited_after_export_waits_until_accepted(qtbot, window, exports, tmp_path, inline):
    edited = tmp_path / "edited.xlsx"
    shutil.copy(exports[0], edited)
    book = openpyxl.load_workbook(edited)
    sheet = book["consultations"]
    keys = [cell.value for cell in sheet[2]]
    sheet.cell(row=3, column=keys.index("venue") + 1).value = "Changed at the office"
    book.save(edited)
    window.add_paths([edited])
    window.merge_button.click()
    assert statuses(window) == [NEEDS_REVIEW]
    assert "Accept files edited after export" in window.details.toPlainText()
    assert "recorded as modified" in window.accept_modified.toolTip()

    window.accept_modified.setChecked(True)
    window.merge_button.click()
    assert statuses(window) == [MERGED]
    assert "recorded as modified" in window.model.result(0).warnings[0]
    assert window.model.index(0, 0).data(Qt.ItemDataRole.DecorationRole) is not None  # a warning icon


# -- drag and drop -------------------------------------------------------------------

def drop(win, paths) -> bool:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path)) for path in paths])
    actions = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(QPoint(20, 20), actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(win, enter)
    if not enter.isAccepted():
        return False
    event = QDropEvent(QPointF(20, 20), actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(win, event)
    return event.isAccepted()


def test_dropped_files_and_folders_are_merged(qtbot, window, exports, tmp_path, inline):
    notes = tmp_path / "notes.txt"
    notes.write_text("not a workbook", encoding="utf-8")
    assert not drop(window, [notes])  # nothing usable: the drop is refused
    assert window.files.count() == 0
    assert drop(window, [exports[0], notes])
    assert "notes.txt" in window.message.text()  # said, not silently lost
    assert drop(window, [exports[1].parent])  # the folder holds exports[0] again: merged once
    assert window.paths() == [str(exports[0]), str(exports[1].parent)]
    window.merge_button.click()
    assert statuses(window) == [MERGED, ALREADY_MERGED, MERGED]


# -- cancel --------------------------------------------------------------------------

def test_cancel_stops_before_all_files_are_processed(qtbot, window, many_exports, workspace, inline):
    window.add_paths(many_exports[:4])
    seen = []

    def progressed(done):
        seen.append(done)
        if done == 1:
            window.cancel_button.click()  # the cancelled flag is set from the progress callback

    window.progress.valueChanged.connect(progressed)
    window.merge_button.click()
    assert statuses(window) == [MERGED]
    assert 1 in seen and 4 not in seen
    assert "Cancelled: 1 of 4 files" in window.message.text()
    assert len(merge_store.merge_log(workspace.db)) == 1
    assert window.merge_button.isEnabled() and not window.cancel_button.isEnabled()


# -- responsiveness ------------------------------------------------------------------

def test_the_event_loop_never_stalls_while_many_files_merge(qtbot, window, many_exports, capsys):
    ticks = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    window.add_paths(many_exports)
    timer.start()
    qtbot.wait(50)  # the timer is ticking before the work starts
    started = time.perf_counter()
    window.merge_button.click()
    qtbot.waitUntil(lambda: not window.is_running(), timeout=60000)
    took = time.perf_counter() - started
    qtbot.wait(50)  # and after the results were shown
    timer.stop()
    assert statuses(window) == [MERGED] * MANY
    gaps = [b - a for a, b in zip(ticks, ticks[1:])]
    max_gap_ms = max(gaps) * 1000
    with capsys.disabled():
        print(f"\n[responsiveness] {MANY} files merged in {took * 1000:.0f} ms; {len(ticks)} timer ticks; "
              f"max gap between ticks {max_gap_ms:.1f} ms")
    assert took > 0.05, "too little work to say anything about responsiveness"
    assert max_gap_ms < 100, f"the event loop stalled for {max_gap_ms:.0f} ms"


# -- conflicts -----------------------------------------------------------------------

def cloned_field_exports(root: Path) -> tuple[Path, Path, str]:
    """A field data folder copied to a second laptop; the same consultation edited on both to
    revision 2 with different venues."""
    root.mkdir()
    with Workspace(database_path=root / "laptop.sqlite3") as ws:
        uuid = ws.records.create(CONSULTATION, {"title": "Kep youth consultation", "province": "kep",
                                                "venue": "Commune hall"})["uuid"]
        keys_store.ensure_signing_key(ws.db)  # the laptop had its signing key before it was copied
    shutil.copy(root / "laptop.sqlite3", root / "clone.sqlite3")  # closed: nothing left in the WAL
    out = []
    for name, venue in (("laptop", "Pagoda hall"), ("clone", "School yard")):
        with Workspace(database_path=root / f"{name}.sqlite3") as ws:
            ws.records.update(CONSULTATION, uuid, {"venue": venue})
            out.append(export_package(ws.database_path, root / f"{name}.xlsx", ws.reference).path)
    return out[0], out[1], uuid


def test_a_conflict_is_reviewed_side_by_side_and_resolved(qtbot, window, workspace, tmp_path, inline):
    first, second, uuid = cloned_field_exports(tmp_path / "cloned")
    window.add_paths([first])
    window.merge_button.click()
    assert statuses(window) == [MERGED] and not window.review_button.isEnabled()
    window.clear_files()
    window.add_paths([second])
    window.merge_button.click()
    assert statuses(window) == [NEEDS_REVIEW]
    assert window.model.index(0, 5).data() == "1"
    assert window.model.index(0, STATUS).data(Qt.ItemDataRole.BackgroundRole).color() == QColor(
        STATUS_COLOURS[NEEDS_REVIEW][0])
    assert window.review_button.isEnabled() and "(1)" in window.review_button.text()

    window.review_button.click()
    dialog = window.conflicts_dialog
    assert dialog.isVisible()
    assert dialog.list.count() == 1
    assert "1 conflict" in dialog.counts.text()
    assert dialog.differing == ["venue"]
    assert dialog.is_highlighted("venue") and not dialog.is_highlighted("title")
    row = next(r for r in range(dialog.fields.rowCount()) if dialog.fields.item(r, 0).text() == "Venue")
    assert (dialog.fields.item(row, 1).text(), dialog.fields.item(row, 2).text()) == ("Pagoda hall", "School yard")
    dialog.only_differing.setChecked(True)
    assert dialog.fields.rowCount() == 1

    changed = []
    window.merged.connect(lambda: changed.append(True))
    dialog.take_button.click()
    assert dialog.list.count() == 0
    assert "No conflicts left" in dialog.counts.text() and "1 resolved" in dialog.counts.text()
    assert not dialog.take_button.isEnabled()
    assert merge_store.current_record(workspace.db, CONSULTATION, uuid)["venue"] == "School yard"
    assert merge_store.open_conflicts(workspace.db) == []
    assert changed and not window.review_button.isEnabled()
    # The file that waited for review shows as merged once its conflicts are resolved.
    assert statuses(window) == [MERGED]
    assert "reviewed" in window.model.index(0, 6).data()


# -- the main window -----------------------------------------------------------------

def test_the_main_window_opens_the_import_window_and_reloads_after_a_merge(qtbot, workspace, exports, inline):
    main = MainWindow(workspace)
    qtbot.addWidget(main)
    action = main.findChild(QAction, "action_import")
    assert action.shortcut() == QKeySequence("Ctrl+I")
    assert main.browser.model.rowCount() == 0
    action.trigger()
    win = main.import_window
    assert win.isVisible() and win.isWindow()
    win.add_paths(exports)
    win.merge_button.click()
    assert main.browser.model.rowCount() == 4  # the consultations list reloaded
    main.findChild(QAction, "action_review_conflicts").trigger()
    assert win.conflicts_dialog.isVisible() and win.conflicts_dialog.list.count() == 0


def test_a_merged_consent_past_its_keep_until_date_is_applied_after_the_merge(qtbot, window, workspace, tmp_path,
                                                                              inline, monkeypatch):
    from consultation_app.domain import consent as rules
    from consultation_app.domain.records import FEEDBACK
    from consultation_app.services import consent as consent_service
    from consultation_app.storage import consent_store

    monkeypatch.setattr(rules, "today_iso", lambda: "2027-01-10")
    (tmp_path / "laptop").mkdir()
    with Workspace(database_path=tmp_path / "laptop" / "laptop.sqlite3") as laptop:
        c_uuid = laptop.records.create(CONSULTATION, {"title": "Kampot meeting", "start_date": "2024-03-06"})["uuid"]
        entry = laptop.records.create(FEEDBACK, {"consultation_uuid": c_uuid, "recommendation_code": "KH3-01",
                                                 "quote": "Qz9 words kept until January"})["uuid"]
        consent_service.record(laptop.records, {"consultation_uuid": c_uuid, "given": "written", "quotes": True,
                                                "visibility": "central_office", "retain_until": "2027-01-31"})
        path = export_package(laptop.database_path, tmp_path / "laptop.xlsx", laptop.reference).path
    monkeypatch.setattr(rules, "today_iso", lambda: "2027-02-01")  # merged after the date

    window.add_paths([str(path)])
    window.merge_button.click()

    assert statuses(window) == [MERGED]
    assert workspace.db.execute("SELECT quote, deleted FROM feedback WHERE uuid = ?", [entry]).fetchone() == ("", 1)
    assert consent_store.get(workspace.db, c_uuid).withdrawn
    notice = window.findChild(QMessageBox, "retention_notice")
    assert notice is not None and notice.isVisible() and "Kampot meeting" in notice.text()
    notice.close()
