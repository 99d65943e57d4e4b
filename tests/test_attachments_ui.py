"""Attachments on the Details tab: added by the file list the dialog returns and by dropping
files, shown as thumbnails with caption, kind and sensitivity; a refused file is named with
its reason and nothing of it is stored. Files are added in the background: a 50 MB recording
leaves the event loop ticking, and a cancel stores nothing of it."""

from __future__ import annotations

import struct
import time

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QTimer, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog, QPushButton

from consultation_app.domain.records import CONSULTATION
from consultation_app.storage import attachment_store
from consultation_app.ui.background import Background
from consultation_app.ui.main_window import MainWindow
from tests.test_attachments import jpeg_bytes, wav_bytes, write


def open_window(qtbot, workspace):
    win = MainWindow(workspace)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    c = workspace.records.create(CONSULTATION, {"title": "Kampot meeting", "province": "kampot",
                                                "start_date": "2024-03-06", "stakeholder_group": "civil_society",
                                                "participants_women": 3})
    win.open_consultation(c["uuid"])
    return win, c["uuid"]


@pytest.fixture
def window(qtbot, workspace, monkeypatch):
    monkeypatch.setattr(Background, "synchronous", True)  # added inline: deterministic
    win, c = open_window(qtbot, workspace)
    yield win, c
    win.autosaver.flush()


@pytest.fixture
def threaded(qtbot, workspace):
    win, c = open_window(qtbot, workspace)
    yield win, c
    win.background.cancel()
    win.background.wait()
    win.autosaver.flush()


def big_wav(folder, megabytes: int = 50):
    """A WAV header announcing ``megabytes`` of 16-bit silence, and that silence."""
    size = megabytes * 1024 * 1024
    path = folder / "long-meeting.wav"
    header = b"RIFF" + struct.pack("<I", size + 36) + b"WAVEfmt " + struct.pack("<IHHIIHH", 16, 1, 1, 16000,
                                                                               32000, 2, 16)
    with open(path, "wb") as out:
        out.write(header + b"data" + struct.pack("<I", size))
        chunk = b"\x00" * (1024 * 1024)
        for _ in range(megabytes):
            out.write(chunk)
    return path


def test_a_large_file_is_added_without_freezing_the_window(threaded, workspace, tmp_path, qtbot, capsys):
    win, c = threaded
    panel = win.attachments_panel
    panel.new_kind.setCurrentIndex(panel.new_kind.findData("audio"))
    path = big_wav(tmp_path)
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    qtbot.wait(50)
    started = time.perf_counter()
    assert panel.add_paths([str(path)]) == 1
    qtbot.waitUntil(lambda: panel.task is not None and panel.task.finished, timeout=120_000)
    took = time.perf_counter() - started
    qtbot.wait(50)
    timer.stop()
    [row] = attachment_store.listing(workspace.db, c)
    assert row["size"] == path.stat().st_size and row["media_type"] == "audio/wav"
    assert panel.items.count() == 1
    gaps = [b - a for a, b in zip(ticks, ticks[1:]) if a >= started]
    max_gap_ms = max(gaps) * 1000
    with capsys.disabled():
        print(f"\n[responsiveness] 50 MB WAV added in {took * 1000:.0f} ms; max gap between ticks {max_gap_ms:.1f} ms")
    assert took > 0.1, "too little work to say anything about responsiveness"
    assert max_gap_ms < 150, f"the event loop stalled for {max_gap_ms:.0f} ms"


def test_cancelling_an_addition_stores_nothing(threaded, workspace, tmp_path, qtbot):
    win, c = threaded
    panel = win.attachments_panel
    panel.new_kind.setCurrentIndex(panel.new_kind.findData("audio"))
    path = big_wav(tmp_path)
    assert panel.add_paths([str(path)]) == 1
    progress = win.background.progress
    assert progress is not None and progress.isVisible()
    qtbot.waitUntil(lambda: progress.value() > 0, timeout=60_000)  # bytes already streaming in
    qtbot.mouseClick(progress.findChild(QPushButton), Qt.MouseButton.LeftButton)  # its Cancel, mid-stream
    qtbot.waitUntil(lambda: panel.task.finished, timeout=60_000)
    qtbot.wait(20)
    assert attachment_store.listing(workspace.db, c, include_deleted=True) == []
    assert workspace.db.execute("SELECT count(*) FROM attachment_chunks").fetchone()[0] == 0
    assert "Cancelled" in panel.problem.text() and panel.add_button.isEnabled()


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
