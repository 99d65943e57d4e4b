"""The attachments of one consultation (or of all), as the central office browses them from
the dashboard's entries: kind, caption, file name, size and a thumbnail (the laptop's, or one
made from the hash-checked bytes), with "Open", "Save as…" and "Export to folder…"
(exchange/attachment_folder.py: safe names, an index, nothing half-written)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QIcon, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from consultation_app.domain import attachments as rules
from consultation_app.domain.records import CONSULTATION
from consultation_app.errors import AppError
from consultation_app.exchange import attachment_folder
from consultation_app.services import attachments as service
from consultation_app.storage import attachment_store
from consultation_app.storage.connection import connect
from consultation_app.ui.background import Background
from consultation_app.ui.error_text import error_text

ICON_PIXELS = 64
log = logging.getLogger(__name__)


class AttachmentsDialog(QDialog):
    def __init__(self, records: Any, consultation_uuid: str | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("attachments_dialog")
        self.records = records
        self.consultation_uuid = consultation_uuid
        consultation = records.get(CONSULTATION, consultation_uuid) if consultation_uuid else None
        title = str((consultation or {}).get("title") or "")
        self.setWindowTitle(self.tr("Attachments: %1").replace("%1", title) if consultation_uuid
                            else self.tr("Attachments of every consultation"))
        self.kind_names = {"photo": self.tr("Photo (flip chart, meeting)"), "consent": self.tr("Signed consent form"),
                           "attendance": self.tr("Attendance sheet"), "audio": self.tr("Audio recording"),
                           "other": self.tr("Other")}
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("attachments_table")
        self.table.setHorizontalHeaderLabels([self.tr("Kind"), self.tr("Caption"), self.tr("File"), self.tr("Size"),
                                              self.tr("Sensitive")])
        self.table.setIconSize(QSize(ICON_PIXELS, ICON_PIXELS))
        self.table.verticalHeader().setDefaultSectionSize(ICON_PIXELS + 8)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.setColumnWidth(0, 220)
        self.table.setColumnWidth(1, 320)
        self.table.setColumnWidth(2, 220)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.itemActivated.connect(lambda _item: self.open_selected())

        self.open_button = QPushButton(self.tr("&Open"))
        self.open_button.setObjectName("attachment_open")
        self.open_button.clicked.connect(self.open_selected)
        self.save_button = QPushButton(self.tr("&Save as…"))
        self.save_button.setObjectName("attachment_save")
        self.save_button.clicked.connect(self._save_clicked)
        self.include_sensitive = QCheckBox(self.tr("Include sensitive ones and those outside consent"))
        self.include_sensitive.setObjectName("attachment_include_sensitive")
        self.export_button = QPushButton(self.tr("&Export to folder…"))
        self.export_button.setObjectName("attachment_export")
        self.export_button.clicked.connect(self._export_clicked)
        actions = QHBoxLayout()
        for widget in (self.open_button, self.save_button):
            actions.addWidget(widget)
        actions.addStretch()
        actions.addWidget(self.include_sensitive)
        actions.addWidget(self.export_button)
        self.message = QLabel()
        self.message.setObjectName("attachment_message")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(960, 520)
        self.rows: list[dict[str, Any]] = []
        self.background = Background(self)
        self.thumbnails_done = False
        self._fill()

    def _icon(self, row: dict[str, Any], thumbnail: bytes | None = None) -> QIcon:
        if thumbnail:
            pixmap = QPixmap()
            if pixmap.loadFromData(thumbnail, "PNG"):
                return QIcon(pixmap)
        family = rules.MEDIA.get(row["media_type"], (rules.DOCUMENT,))[0]
        standard = {rules.AUDIO: QStyle.StandardPixmap.SP_MediaVolume}.get(family, QStyle.StandardPixmap.SP_FileIcon)
        return self.style().standardIcon(standard)

    def _load_thumbnails(self) -> None:
        """Thumbnails made off the GUI thread (a merged photo has none yet: it is decoded from
        its stored bytes, checked as when added); the table shows file icons meanwhile."""
        rows, database = list(self.rows), self.records.db.file()

        def work(_progress, cancelled) -> dict[str, bytes]:
            made: dict[str, bytes] = {}
            with connect(database) as db:
                for row in rows:
                    if cancelled():
                        break
                    data = service.thumbnail_of(db, row)
                    if data:
                        made[row["uuid"]] = data
            return made

        self.thumbnails_done = False
        self.background.start(work, on_result=self._show_thumbnails, on_error=self._thumbnails_failed,
                              on_done=self._thumbnails_finished)

    def _thumbnails_failed(self, error: Exception) -> None:
        log.warning("thumbnails not made: %r", error)  # the file icons stay; the files still open

    def _thumbnails_finished(self) -> None:
        self.thumbnails_done = True

    def _show_thumbnails(self, made: dict[str, bytes]) -> None:
        for index, row in enumerate(self.rows):
            item = self.table.item(index, 0)
            if row["uuid"] in made and item is not None:
                item.setIcon(self._icon(row, made[row["uuid"]]))

    def done(self, result: int) -> None:
        self.background.cancel()  # no thumbnail arrives after the dialog is gone
        self.background.wait(5000)
        super().done(result)

    def _fill(self) -> None:
        self.rows = attachment_store.listing(self.records.db, self.consultation_uuid)
        self.table.setRowCount(len(self.rows))
        for index, row in enumerate(self.rows):
            kind = QTableWidgetItem(self._icon(row), self.kind_names.get(row["kind"], row["kind"]))
            cells = [kind, QTableWidgetItem(row["caption"]), QTableWidgetItem(row["file_name"]),
                     QTableWidgetItem(f"{row['size']:,}"),
                     QTableWidgetItem(self.tr("sensitive") if row["sensitive"] else "")]
            cells[3].setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            for column, cell in enumerate(cells):
                cell.setToolTip(f"{row['file_name']} · sha256 {row['sha256']}")
                self.table.setItem(index, column, cell)
        if not self.rows:
            self.message.setText(self.tr("No attachments."))
        self._load_thumbnails()
        self.export_button.setEnabled(bool(self.rows))
        self._selection_changed()

    def selected(self) -> dict[str, Any] | None:
        rows = self.table.selectionModel().selectedRows()
        return self.rows[rows[0].row()] if rows else None

    def _selection_changed(self) -> None:
        chosen = self.selected() is not None
        self.open_button.setEnabled(chosen)
        self.save_button.setEnabled(chosen)

    def _say(self, text: str, problem: bool = False) -> None:
        self.message.setStyleSheet("color: #a01010;" if problem else "")
        self.message.setText(text)

    def save_selected(self, target: str | Path) -> Path | None:
        row = self.selected()
        if row is None:
            return None
        try:
            saved = service.save_copy(self.records.db, row, target)
        except AppError as error:
            self._say(self.tr("Not saved: %1").replace("%1", error_text(error)), problem=True)
            return None
        self._say(self.tr("Saved as %1").replace("%1", str(saved)))
        return saved

    def _save_clicked(self) -> None:
        row = self.selected()
        if row is None:
            return
        suggested = attachment_folder.safe_name(row["file_name"], set())
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the attachment as"), str(Path.home() / suggested))
        if path:
            self.save_selected(path)

    def open_selected(self) -> Path | None:
        """A hash-checked copy inside the data folder, opened by the system's viewer and removed
        when the app closes (services/attachments.write_opened_copy)."""
        row = self.selected()
        if row is None:
            return None
        try:
            saved = service.write_opened_copy(self.records.db, row)
        except AppError as error:
            self._say(self.tr("Not saved: %1").replace("%1", error_text(error)), problem=True)
            return None
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(saved)))
        return saved

    def export_to(self, folder: str | Path) -> dict[str, Any] | None:
        try:
            result = attachment_folder.export_folder(self.records, folder, self.consultation_uuid,
                                                     self.include_sensitive.isChecked())
        except AppError as error:
            self._say(self.tr("Not exported: %1").replace("%1", error_text(error)), problem=True)
            return None
        except OSError as error:
            self._say(self.tr("Not exported: %1").replace("%1", f"{folder}: {error.strerror or error}"), problem=True)
            return None
        self._say(self.tr("%1 files and index.json written into %2; %3 left out (sensitive or outside consent)")
                  .replace("%1", str(result["written"])).replace("%2", result["folder"])
                  .replace("%3", str(result["left_out"])))
        return result

    def _export_clicked(self) -> None:
        parent = QFileDialog.getExistingDirectory(self, self.tr("Where to create the attachments folder"),
                                                  str(Path.home()))
        if not parent:
            return
        stem = "attachments"
        if self.consultation_uuid:
            stem += "-" + self.consultation_uuid[:8]
        target, number = Path(parent) / stem, 1
        while target.exists():
            number += 1
            target = Path(parent) / f"{stem}-{number}"
        self.export_to(target)
