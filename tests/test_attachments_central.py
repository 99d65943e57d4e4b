"""The central office's view of attachments: from an entry in the dashboard's drill-down, its
consultation's files with kind, caption, size and a thumbnail (made from the stored bytes when
the laptop sent none, and none from a damaged image); "Save as" hash-checked; "Export to
folder" as `attachments export` does it."""

from __future__ import annotations

import hashlib
import io
import json

import pytest
from PIL import Image

from consultation_app.domain.records import CONSULTATION, FEEDBACK
from consultation_app.services import attachments as service
from consultation_app.storage import attachment_store
from tests.test_attachments import pdf_bytes, write


def png(size=(300, 200)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (10, 120, 40)).save(out, "PNG")
    return out.getvalue()


def merged(ws, c_uuid: str, name: str, data: bytes, media_type: str, kind: str = "other") -> dict:
    """As a merge stores a laptop's file: the bytes, no thumbnail."""
    meta = {"uuid": hashlib.md5(name.encode()).hexdigest()[:8] + "-0000-4000-8000-000000000000",
            "consultation_uuid": c_uuid, "kind": kind, "file_name": name, "media_type": media_type,
            "caption": f"caption of {name}", "sensitive": False, "device_id": "laptop-7", "local_seq": 0}
    return attachment_store.add(ws.db, meta, [data], lambda _total: None, None)


@pytest.fixture
def central(qtbot, workspace, monkeypatch):
    from consultation_app.ui.background import Background
    from consultation_app.ui.dashboard import DashboardWindow

    monkeypatch.setattr(Background, "synchronous", True)
    c = workspace.records.create(CONSULTATION, {"title": "Kampot meeting", "province": "kampot",
                                                "stakeholder_group": "civil_society", "start_date": "2024-03-06"})
    other = workspace.records.create(CONSULTATION, {"title": "Other meeting", "start_date": "2024-01-01"})
    workspace.records.create(FEEDBACK, {"consultation_uuid": c["uuid"], "recommendation_code": "KH3-44",
                                        "comment": "land"})
    dashboard = DashboardWindow(workspace, "en")
    qtbot.addWidget(dashboard)
    dashboard.show()
    dashboard.wait()
    return dashboard, workspace, c["uuid"], other["uuid"]


def test_thumbnails_are_made_from_stored_bytes_and_never_from_a_damaged_image(central):
    _dashboard, ws, c, _other = central
    good = merged(ws, c, "chart.png", png(), "image/png", "photo")
    damaged = merged(ws, c, "broken.png", png()[:300], "image/png", "photo")
    audio = merged(ws, c, "talk.wav", b"RIFF\x00\x00\x00\x00WAVEfmt " + b"\x00" * 100, "audio/wav", "audio")
    thumb = service.thumbnail_of(ws.db, good)
    assert thumb and Image.open(io.BytesIO(thumb)).size == (160, 107)
    assert service.thumbnail_of(ws.db, damaged) is None
    assert service.thumbnail_of(ws.db, audio) is None


def test_an_entrys_consultation_attachments_open_from_the_drill_down(central, qtbot, tmp_path):
    dashboard, ws, c, other = central
    merged(ws, c, "chart.png", png(), "image/png", "photo")
    service.add_file(ws.records, c, write(tmp_path, "form.pdf", pdf_bytes()), "consent", "Signed form")
    merged(ws, other, "elsewhere.pdf", pdf_bytes() + b"2", "application/pdf")
    dashboard.drill_down()
    assert dashboard.drill_model.rowCount() == 1
    assert dashboard.open_attachments() is None  # nothing chosen yet
    dashboard.drill_view.selectRow(0)
    dialog = dashboard.open_attachments()
    qtbot.addWidget(dialog)
    table = dialog.table
    assert table.rowCount() == 2  # not the other consultation's
    assert [table.item(r, 2).text() for r in range(2)] == ["chart.png", "form.pdf"]
    assert table.item(0, 0).text() == "Photo (flip chart, meeting)" and table.item(1, 1).text() == "Signed form"
    assert table.item(1, 3).text() == f"{len(pdf_bytes()):,}"
    assert not table.item(0, 0).icon().isNull()
    assert not dialog.save_button.isEnabled()
    table.selectRow(1)
    assert dialog.save_button.isEnabled()
    saved = dialog.save_selected(tmp_path / "copy.pdf")
    assert saved is not None and saved.read_bytes() == pdf_bytes()

    result = dialog.export_to(tmp_path / "folder")
    assert result is not None and result["written"] == 1 and result["left_out"] == 1  # a photo outside consent
    assert [row["file"] for row in json.loads((tmp_path / "folder" / "index.json").read_text("utf-8"))] == ["form.pdf"]
    assert dialog.export_to(tmp_path / "folder") is None
    assert "not empty" in dialog.message.text()
    dialog.include_sensitive.setChecked(True)
    assert dialog.export_to(tmp_path / "every")["written"] == 2

    everything = dashboard.open_attachments(every=True)
    qtbot.addWidget(everything)
    assert everything.table.rowCount() == 3


def test_a_forged_stored_file_is_not_saved(central, tmp_path):
    dashboard, ws, c, _other = central
    merged(ws, c, "form.pdf", pdf_bytes(), "application/pdf")
    ws.db.execute("UPDATE attachment_chunks SET data = ?", [b"%PDF-forged"])
    from consultation_app.ui.attachments_dialog import AttachmentsDialog

    dialog = AttachmentsDialog(ws.records, c)
    dialog.table.selectRow(0)
    out = tmp_path / "out"
    out.mkdir()
    assert dialog.save_selected(out / "copy.pdf") is None
    assert "do not match their SHA-256" in dialog.message.text()
    assert not list(out.iterdir())  # no copy, no temporary
    dialog.deleteLater()


def test_open_writes_its_copy_inside_the_data_folder_and_the_copy_goes_when_the_app_closes(central, monkeypatch):
    from PySide6.QtGui import QDesktopServices

    from consultation_app.ui.attachments_dialog import AttachmentsDialog

    _dashboard, ws, c, _other = central
    merged(ws, c, "form.pdf", pdf_bytes(), "application/pdf")
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    dialog = AttachmentsDialog(ws.records, c)
    dialog.table.selectRow(0)

    copy = dialog.open_selected()

    assert copy is not None and opened == [str(copy)] and copy.read_bytes() == pdf_bytes()
    assert ws.database_path.parent in copy.parents, "a decrypted copy stays in the data folder, not /tmp"
    dialog.deleteLater()
    assert service.remove_opened_copies() == 1  # what the app does when it closes
    assert not copy.exists() and not copy.parent.exists()


def test_a_copy_left_by_a_killed_app_is_removed_at_the_next_start(workspace, tmp_path):
    import os
    import subprocess
    import sys
    from pathlib import Path

    from consultation_app.services.recovery import recover_at_start

    c = workspace.records.create(CONSULTATION, {"title": "Kampot meeting", "start_date": "2024-03-06"})
    merged(workspace, c["uuid"], "form.pdf", pdf_bytes(), "application/pdf")
    database = workspace.database_path
    workspace.close()
    script = (
        "import os, sys\n"
        "from consultation_app.services.workspace import Workspace\n"
        "from consultation_app.services import attachments\n"
        "from consultation_app.storage import attachment_store\n"
        f"ws = Workspace({str(database)!r})\n"
        "row = attachment_store.listing(ws.db, None)[0]\n"
        "print(attachments.write_opened_copy(ws.db, row), flush=True)\n"
        "os._exit(9)\n")
    env = dict(os.environ)
    env.pop("CONSULTATION_APP_DATA_DIR", None)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60,
                            cwd=Path(__file__).resolve().parents[1], env=env)
    copy = Path(result.stdout.strip())
    assert result.returncode == 9 and copy.read_bytes() == pdf_bytes(), result.stderr

    recover_at_start(database)

    assert not copy.exists()


def test_the_office_dialog_decodes_thumbnails_off_the_gui_thread(central, qtbot, monkeypatch):
    import threading

    from consultation_app.ui.attachments_dialog import AttachmentsDialog
    from consultation_app.ui.background import Background

    _dashboard, ws, c, _other = central
    monkeypatch.setattr(Background, "synchronous", False)
    merged(ws, c, "chart.png", png(), "image/png", "photo")
    merged(ws, c, "form.pdf", pdf_bytes(), "application/pdf")
    decoded_on = []
    real = service.thumbnail_of

    def recording(db, row):
        decoded_on.append(threading.current_thread() is threading.main_thread())
        return real(db, row)

    monkeypatch.setattr(service, "thumbnail_of", recording)
    dialog = AttachmentsDialog(ws.records, c)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 2  # listed at once, before any thumbnail
    qtbot.waitUntil(lambda: dialog.thumbnails_done, timeout=10_000)

    assert decoded_on and not any(decoded_on), "no image decoded on the GUI thread"
    chart = dialog.table.item(0, 0).icon().pixmap(64, 64)
    assert not chart.isNull() and chart.toImage().pixelColor(32, 20).green() > 100  # the picture, not a file icon
    dialog.reject()
