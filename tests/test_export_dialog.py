"""File > Export for central office: runs off the GUI thread, resets the status counter."""

from consultation_app.domain.records import CONSULTATION, FEEDBACK
from consultation_app.exchange.workbook_reader import read_export
from consultation_app.storage import consultation_queries
from consultation_app.ui.export_dialog import ExportDialog
from consultation_app.ui.main_window import MainWindow


def make_data(workspace):
    consultation = workspace.records.create(CONSULTATION, {"title": "Kratie civil society", "province": "kratie"})
    workspace.records.create(FEEDBACK, {"consultation_uuid": consultation["uuid"], "recommendation_code": "KH3-30",
                                        "comment": "Water"})
    workspace.records.create(FEEDBACK, {"consultation_uuid": consultation["uuid"], "recommendation_code": "KH3-21",
                                        "comment": "Named defender at risk", "sensitive": True})


def test_export_from_the_window(qtbot, workspace, tmp_path):
    make_data(workspace)
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    assert consultation_queries.unexported_changes(workspace.db) == 3
    dialog = ExportDialog(workspace, window.background, window)
    qtbot.addWidget(dialog)
    target = tmp_path / "out.xlsx"
    dialog.path.setText(str(target))
    dialog.export_button.click()
    qtbot.waitUntil(lambda: dialog.export_result is not None or "failed" in dialog.message.text(), timeout=20000)
    assert dialog.export_result is not None, dialog.message.text()
    assert target.exists()
    assert "1 sensitive or named record" in dialog.message.text()
    package = read_export(target, workspace.reference)
    assert package.checksum_matches
    assert [row["comment"] for row in package.sheets["feedback"]] == ["Water"]
    window.refresh_status_bar()
    assert window.unexported_label.text().endswith(": 0")
    assert "never" not in window.export_label.text()


def test_mismatched_passwords_are_refused_before_anything_runs(qtbot, workspace, tmp_path):
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    dialog = ExportDialog(workspace, window.background, window)
    qtbot.addWidget(dialog)
    dialog.path.setText(str(tmp_path / "p.xlsx"))
    dialog.password.setText("one")
    dialog.password_again.setText("two")
    dialog.export_button.click()
    assert "differ" in dialog.message.text()
    assert dialog.task is None and not (tmp_path / "p.xlsx").exists()


def test_a_failed_export_says_why_and_changes_nothing(qtbot, workspace, tmp_path):
    make_data(workspace)
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    dialog = ExportDialog(workspace, window.background, window)
    qtbot.addWidget(dialog)
    dialog.path.setText(str(tmp_path / "missing-folder" / "x.xlsx"))
    dialog.export_button.click()
    qtbot.waitUntil(lambda: "no such folder" in dialog.message.text(), timeout=20000)
    assert dialog.export_button.isEnabled()
    assert consultation_queries.unexported_changes(workspace.db) == 3
