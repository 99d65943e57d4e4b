"""The Reports menu's long writes, from the window (issue 18): the progress window's bar moves
as the report, the master export, the matrix and the mid-term draft are written, and its Cancel
button stops them, the status bar saying so and the file already at the target unchanged."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QProgressDialog, QPushButton

from consultation_app.services.demo import add_demo_data
from consultation_app.ui.background import Background

ACTIONS = {"action_report": "report.pdf", "action_master_export": "master.xlsx", "action_matrix": "matrix.xlsx",
           "action_midterm_draft": "draft.docx"}


@pytest.fixture
def window(qtbot, workspace, monkeypatch):
    from consultation_app.ui.main_window import MainWindow

    add_demo_data(workspace, 10, seed=3, feedback_mean=8)
    monkeypatch.setattr(Background, "synchronous", True)
    shown = MainWindow(workspace, "en")
    qtbot.addWidget(shown)
    shown.show()
    return shown


def answer_save(monkeypatch, path) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(path), ""))


def watch_the_bar(monkeypatch, then=None) -> list[tuple[int, int]]:
    """Every value the progress window's bar is set to, with its maximum then; ``then(dialog,
    values)`` after each (a person pressing Cancel mid-way)."""
    seen: list[tuple[int, int]] = []
    original = QProgressDialog.setValue

    def set_value(dialog, value):
        original(dialog, value)
        seen.append((value, dialog.maximum()))
        if then is not None:
            then(dialog, seen)

    monkeypatch.setattr(QProgressDialog, "setValue", set_value)
    return seen


@pytest.mark.parametrize("name", list(ACTIONS))
def test_the_progress_bar_moves_to_its_end(window, tmp_path, monkeypatch, name):
    target = tmp_path / ACTIONS[name]
    answer_save(monkeypatch, target)
    seen = watch_the_bar(monkeypatch)
    window.findChild(QAction, name).trigger()
    assert target.exists(), window.save_label.text()
    values = [value for value, _ in seen]
    assert len(set(values)) >= 3 and values == sorted(values), seen  # it moves, forwards
    assert seen[-1][0] == seen[-1][1] > 1, seen  # a real bar that ends full, not a busy indicator


@pytest.mark.parametrize("name", list(ACTIONS))
def test_cancel_stops_the_write_and_leaves_the_file_that_was_there(window, tmp_path, monkeypatch, name):
    target = tmp_path / ACTIONS[name]
    target.write_bytes(b"last month's file")
    answer_save(monkeypatch, target)

    def press_cancel(dialog, seen):
        if len(seen) == 2:
            button = dialog.findChild(QPushButton)
            assert button is not None  # a Cancel button to press
            button.click()

    watch_the_bar(monkeypatch, press_cancel)
    window.findChild(QAction, name).trigger()
    assert target.read_bytes() == b"last month's file"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "data") == [target.name]
    assert window.save_label.text().startswith("Cancelled: nothing was written"), window.save_label.text()
    assert window.central_office.failure_box is None  # a cancel is no failure
