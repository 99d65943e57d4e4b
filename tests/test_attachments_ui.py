"""Attachments on the Details tab: added by the file list the dialog returns and by dropping
files, shown as thumbnails with caption, kind and sensitivity; a refused file is named with
its reason and nothing of it is stored."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog

from consultation_app.domain.records import CONSULTATION
from consultation_app.storage import attachment_store
from consultation_app.ui.main_window import MainWindow
from tests.test_attachments import jpeg_bytes, wav_bytes, write


@pytest.fixture
def window(qtbot, workspace):
    win = MainWindow(workspace)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    c = workspace.records.create(CONSULTATION, {"title": "Kampot meeting", "province": "kampot",
                                                "start_date": "2024-03-06", "stakeholder_group": "civil_society",
                                                "participants_women": 3})
    win.open_consultation(c["uuid"])
    yield win, c["uuid"]
    win.autosaver.flush()


def test_add_files_shows_thumbnails_and_edits_caption_kind_and_sensitivity(window, workspace, tmp_path,
                                                                          monkeypatch):
    win, c = window
    panel = win.attachments_panel
    photo = write(tmp_path, "chart.jpg", jpeg_bytes((300, 200)))
    fake = write(tmp_path, "fake.jpg", b"this is no photo")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *args, **kw: ([str(photo), str(fake)], ""))

    panel.add_button.click()

    assert panel.items.count() == 1
    item = panel.items.item(0)
    assert not item.icon().isNull() and "chart.jpg" in item.text()
    assert panel.problem.isVisibleTo(panel) and "fake.jpg" in panel.problem.text()
    assert [row["file_name"] for row in attachment_store.listing(workspace.db, c)] == ["chart.jpg"]

    panel.caption.setText("Flip chart, land group")
    panel.caption.editingFinished.emit()
    panel.sensitive.click()
    [row] = attachment_store.listing(workspace.db, c)
    assert row["caption"] == "Flip chart, land group" and row["sensitive"]
    assert "Flip chart, land group" in panel.items.item(0).text()

    panel.kind.setCurrentIndex(panel.kind.findData("audio"))  # a JPEG cannot be a recording
    panel.kind.activated.emit(panel.kind.currentIndex())
    assert attachment_store.listing(workspace.db, c)[0]["kind"] == "photo"
    assert "cannot be" in panel.problem.text()


def test_dropping_files_adds_them(window, workspace, tmp_path):
    win, c = window
    panel = win.attachments_panel
    panel.new_kind.setCurrentIndex(panel.new_kind.findData("audio"))
    audio = write(tmp_path, "talk.wav", wav_bytes())
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(audio))])
    enter = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    panel.dragEnterEvent(enter)
    assert enter.isAccepted()
    # Qt delivers a drop only during a real drag (none offscreen): the panel's handler is called as Qt would.
    event = QDropEvent(QPoint(10, 10), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    panel.dropEvent(event)
    [row] = attachment_store.listing(workspace.db, c)
    assert row["kind"] == "audio" and row["file_name"] == "talk.wav"
    assert panel.items.count() == 1 and not panel.items.item(0).icon().isNull()

    web = QMimeData()
    web.setUrls([QUrl("https://example.org/a.jpg")])
    refused = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, web, Qt.MouseButton.LeftButton,
                              Qt.KeyboardModifier.NoModifier)
    panel.dragEnterEvent(refused)
    assert not refused.isAccepted()


def test_a_final_consultation_takes_no_new_files(window, workspace):
    win, c = window
    workspace.records.update(CONSULTATION, c, {"status": "final"})
    win.open_consultation(c)
    assert not win.attachments_panel.add_button.isEnabled()
    assert not win.attachments_panel.acceptDrops()
