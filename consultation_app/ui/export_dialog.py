"""File > Export for central office: choose a file and what goes in, then the export runs
off the GUI thread with a progress bar and can be cancelled."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
)

from consultation_app.errors import AppError
from consultation_app.exchange.export import ExportResult, export_package
from consultation_app.storage import export_queries, settings_store
from consultation_app.ui.background import Background, Task
from consultation_app.ui.error_text import error_text

LAST_EXPORT_FOLDER = "ui.last_export_folder"


def default_export_path(workspace) -> Path:
    folder = settings_store.get(workspace.db, LAST_EXPORT_FOLDER) or QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
    device = re.sub(r"[^A-Za-z0-9_-]+", "-", workspace.device_name).strip("-") or "device"
    seq = export_queries.next_export_seq(workspace.db)
    return Path(folder) / f"{device}-export-{seq:03d}-{dt.date.today().isoformat()}.xlsx"


class ExportDialog(QDialog):
    def __init__(self, workspace, background: Background, parent=None):
        super().__init__(parent)
        self.workspace = workspace
        self.background = background
        self.task: Task | None = None
        self.export_result: ExportResult | None = None  # not "result": that is QDialog.result()
        self.setWindowTitle(self.tr("Export for the central office"))
        self.path = QLineEdit(str(default_export_path(workspace)))
        self.path.setAccessibleName(self.tr("Export file"))
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.since_last = QCheckBox(self.tr("Only changes since the last export (small e-mail attachment)"))
        self.include_sensitive = QCheckBox(self.tr("Include sensitive content and named attributions"))
        self.include_sensitive.toggled.connect(self._sensitive_toggled)
        self.warning = QLabel(self.tr("This file will hold what people asked to keep confidential. Protect it "
                                      "with a password and hand it over in person."))
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #a01010;")
        self.warning.hide()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(self.tr("Password (optional)"))
        self.password_again = QLineEdit()
        self.password_again.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_again.setAccessibleName(self.tr("Password again"))
        form = QFormLayout()
        form.addRow(self.tr("File"), row)
        form.addRow("", self.since_last)
        form.addRow("", self.include_sensitive)
        form.addRow("", self.warning)
        form.addRow(self.tr("Password (optional)"), self.password)
        form.addRow(self.tr("Password again"), self.password_again)
        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Export progress"))
        self.progress.hide()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setObjectName("export_message")
        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton(self.tr("Export"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.export_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self._cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Everything on this laptop is exported unless you choose otherwise: "
                                        "importing twice at the central office never doubles anything.")))
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(640, 0)

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export to"), self.path.text(),
                                              self.tr("Excel workbook (*.xlsx)"))
        if path:
            self.path.setText(path if path.lower().endswith(".xlsx") else path + ".xlsx")

    def _sensitive_toggled(self, on: bool) -> None:
        self.warning.setVisible(on)

    def _show(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet("color: #a01010;" if error else "")
        self.message.setText(text)

    def start(self) -> None:
        if self.task is not None:
            return
        if self.password.text() != self.password_again.text():
            self._show(self.tr("The two passwords differ."), error=True)
            return
        out = Path(self.path.text().strip())
        password = self.password.text() or None
        database, reference = self.workspace.database_path, self.workspace.reference
        since_last, include_sensitive = self.since_last.isChecked(), self.include_sensitive.isChecked()
        self.export_button.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.show()
        self._show(self.tr("Exporting…"))
        task = self.background.start(
            lambda progress, cancelled: export_package(
                database, out, reference, since_last=since_last, include_sensitive=include_sensitive,
                password=password, progress=progress, cancelled=cancelled),
            on_result=self._finished, on_error=self._failed, on_progress=self._progress)
        self.task = None if task.finished else task  # run inline (tests), it is over already

    def _progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()
        else:
            self.reject()

    def _finished(self, result) -> None:
        self.task = None
        self.export_result = result
        self.progress.hide()
        settings_store.put(self.workspace.db, LAST_EXPORT_FOLDER, str(result.path.parent))
        counts, left = result.counts, sum(result.left_out.values())
        text = self.tr("Exported %1 consultations, %2 feedback entries and %3 notes to %4.").replace(
            "%1", str(counts["consultations"])).replace("%2", str(counts["feedback"])).replace(
            "%3", str(counts["notes"])).replace("%4", str(result.path))
        if left:
            text += " " + self.tr("%1 sensitive or named record(s) stayed on this laptop.").replace("%1", str(left))
        self._show(text)
        self.cancel_button.setText(self.tr("Close"))
        self.export_button.hide()

    def _failed(self, error: Exception) -> None:
        self.task = None
        self.progress.hide()
        self.export_button.setEnabled(True)
        message = error_text(error) if isinstance(error, AppError) else self.tr("The export failed: %1").replace(
            "%1", f"{type(error).__name__}: {error}")
        self._show(message, error=True)

    def done(self, code: int) -> None:  # closing while an export runs would orphan it
        if self.task is not None:
            self.task.cancel()
            self.background.wait()
        super().done(code)
