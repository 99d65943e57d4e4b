"""The central office's implementation-status window and the File menu's mid-term exports,
driven as a person would: choose a recommendation, set its status, type the measures (Khmer),
tick an institution added on the spot, save; the history shows each revision; a bad due date
is refused with a message and nothing stored changes."""

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from consultation_app.storage import implementation_store as store
from tests.test_dashboard import CATALOG
from tests.ui_helpers import type_text


@pytest.fixture
def window(qtbot, workspace, monkeypatch):
    from consultation_app.ui.background import Background
    from consultation_app.ui.main_window import MainWindow

    monkeypatch.setattr(Background, "synchronous", True)
    win = MainWindow(workspace)
    qtbot.addWidget(win)
    return win


def action(window, name):
    found = window.findChild(type(window.menuBar().actions()[0]), name)
    assert found is not None, name
    return found


def test_edit_status_with_history(window, workspace, qtbot):
    action(window, "action_implementation").trigger()
    editor = window.implementation_window
    qtbot.addWidget(editor)
    editor.recommendation.setCurrentIndex(editor.recommendation.findData("KH3-44"))
    type_text(editor.new_key, "moi")
    type_text(editor.new_name, "Ministry of Interior")
    type_text(editor.new_name_km, "ក្រសួងមហាផ្ទៃ")
    from PySide6.QtWidgets import QPushButton

    qtbot.mouseClick(editor.findChild(QPushButton, "institution_add"), Qt.MouseButton.LeftButton)
    assert editor.institutions.count() == 1
    editor.institutions.item(0).setCheckState(Qt.CheckState.Checked)
    editor.status.setCurrentIndex(editor.status.findData("ongoing"))
    type_text(editor.measures, "ច្បាប់ថ្មីត្រូវបានដាក់ជូន")
    qtbot.mouseClick(editor.findChild(QPushButton, "implementation_save"), Qt.MouseButton.LeftButton)
    record = store.get(workspace.db, CATALOG, "KH3-44")
    assert (record["status"], record["measures"], record["institutions"]) == ("ongoing", "ច្បាប់ថ្មីត្រូវបានដាក់ជូន",
                                                                          ("moi",))
    assert "revision 1" in editor.message.text()
    editor.status.setCurrentIndex(editor.status.findData("completed"))
    editor.save()
    assert editor.history.rowCount() == 2 and editor.history.item(0, 3).text() == "Completed"
    type_text(editor.due, "next June")
    editor.save()
    # the field named by its label, never its key (issue 18)
    assert editor.message.text() == "Not saved: Due is not a date: type it as 2026-12-04, 04/12/2026 or 20261204"
    assert store.get(workspace.db, CATALOG, "KH3-44")["revision"] == 2
    editor.close()


def test_file_menu_writes_the_matrix_and_the_draft(window, workspace, tmp_path, monkeypatch):
    targets = iter([str(tmp_path / "m.xlsx"), str(tmp_path / "d.docx")])
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (next(targets), ""))
    action(window, "action_matrix").trigger()
    assert "Written" in window.save_label.text()
    assert openpyxl.load_workbook(tmp_path / "m.xlsx")["matrix"].max_row == 48
    action(window, "action_midterm_draft").trigger()
    assert (tmp_path / "d.docx").exists() and "Written" in window.save_label.text()


def test_file_menu_writes_a_central_exchange_another_copy_merges(window, workspace, tmp_path, monkeypatch,
                                                                 open_ws):
    from consultation_app.exchange.merge import merge_paths

    store.put_institution(workspace.db, "moi", "Ministry of Interior", "ក្រសួងមហាផ្ទៃ", "ministry")
    store.record(workspace.db, workspace.device_id, "Dara", CATALOG, "KH3-44",
                 {"status": "ongoing", "institutions": ["moi"], "measures": "ច្បាប់ត្រូវបានដាក់ជូន"})
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "c.xlsx"), ""))
    action(window, "action_central_exchange").trigger()
    assert "Written" in window.save_label.text()
    other = open_ws("other-office", "Regional office")
    [result] = merge_paths(other.database_path, [tmp_path / "c.xlsx"], other.reference)
    assert result.status == "merged", result.message
    assert store.get(other.db, CATALOG, "KH3-44")["measures"] == "ច្បាប់ត្រូវបានដាក់ជូន"


def test_refusals_name_the_fields_by_their_labels_in_khmer(window, workspace, qtbot):
    """Issue 18: "names fields by their labels, never by internal keys": a bad institution key,
    a missing name and an indicator too long are said in Khmer with the window's labels."""
    from PySide6.QtWidgets import QPushButton

    from consultation_app.ui import i18n

    action(window, "action_implementation").trigger()
    editor = window.implementation_window
    qtbot.addWidget(editor)
    assert i18n.install_language("km")
    try:
        type_text(editor.new_key, "Bad Key!")
        qtbot.mouseClick(editor.findChild(QPushButton, "institution_add"), Qt.MouseButton.LeftButton)
        shown = editor.message.text().replace("\u200b", "")
        assert editor.institutions.count() == 0
        assert "'Bad Key!'" in shown and "ឈ្មោះជាភាសាអង់គ្លេស" in shown, shown
        for key_word in ("key:", "name:", "is required", "lower-case"):
            assert key_word not in shown, shown
        editor.new_key.clear()
        editor.recommendation.setCurrentIndex(editor.recommendation.findData("KH3-44"))
        type_text(editor.indicator, "x" * 501)
        editor.save()
        shown = editor.message.text().replace("\u200b", "")
        assert "501" not in shown and "500" in shown and "indicator" not in shown.lower(), shown
        assert store.get(workspace.db, CATALOG, "KH3-44") is None
    finally:
        i18n.install_language("en")
    editor.close()
