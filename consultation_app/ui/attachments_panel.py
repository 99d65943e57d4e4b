"""A consultation's photos, scans and recordings, on its Details tab: thumbnails (images) or
an icon, each with its caption, kind and sensitivity; added with "Add files…" or by dropping
files on the panel (services/attachments.py checks each one; a refused file is named with the
reason and nothing of it is stored). With the window's Background, files are added off the GUI
thread, on a connection of their own, behind a progress window whose Cancel rolls the file
being added back (a 300 MB recording must not freeze the window)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QIcon, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from consultation_app.domain import attachments as rules
from consultation_app.errors import AppError
from consultation_app.services import attachments as service
from consultation_app.storage import attachment_store
from consultation_app.storage.connection import connect
from consultation_app.storage.records_store import RecordStore
from consultation_app.ui.background import Background, Cancelled, Task
from consultation_app.ui.binder import fill_combo
from consultation_app.ui.error_text import error_text

ICON_PIXELS = 96


class AttachmentsPanel(QGroupBox):
    changed = Signal()  # an attachment was added or changed

    def __init__(self, records: Any, language: str = "en", parent: QWidget | None = None,
                 background: Background | None = None, database_path: str | Path | None = None):
        super().__init__(parent)
        self.background, self.database_path = background, database_path
        self.task: Task | None = None  # the running addition's handle
        self.setTitle(self.tr("Photos, scans and recordings"))
        self.setObjectName("attachments_panel")
        self.setAcceptDrops(True)
        self.records = records
        self.consultation: dict[str, Any] | None = None
        self.kind_names = {"photo": self.tr("Photo (flip chart, meeting)"), "consent": self.tr("Signed consent form"),
                           "attendance": self.tr("Attendance sheet"), "audio": self.tr("Audio recording"),
                           "other": self.tr("Other")}

        self.items = QListWidget()
        self.items.setObjectName("attachments_list")
        self.items.setViewMode(QListWidget.ViewMode.IconMode)
        self.items.setIconSize(QSize(ICON_PIXELS, ICON_PIXELS))
        self.items.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.items.setWordWrap(True)
        self.items.setGridSize(QSize(ICON_PIXELS + 60, ICON_PIXELS + 56))
        self.items.setMinimumHeight(ICON_PIXELS + 70)
        self.items.currentItemChanged.connect(self._selected)

        self.new_kind = fill_combo(QComboBox(), [(self.kind_names[k], k) for k in rules.KINDS], blank=None)
        self.new_kind.setObjectName("attachment_new_kind")
        self.new_kind.setMinimumContentsLength(22)  # "Photo (flip chart, meeting)" whole, in Khmer too
        self.new_sensitive = QCheckBox(self.tr("Sensitive"))
        self.new_sensitive.setObjectName("attachment_new_sensitive")
        self.add_button = QPushButton(self.tr("Add files…"))
        self.add_button.setObjectName("attachment_add")
        self.add_button.clicked.connect(self._add_clicked)
        adding = QHBoxLayout()
        adding.addWidget(QLabel(self.tr("New files are")))
        adding.addWidget(self.new_kind)
        adding.addWidget(self.new_sensitive)
        adding.addWidget(self.add_button)
        adding.addStretch()
        hint = QLabel(self.tr("Or drop files here. Images, PDF scans and audio files are checked by their content; "
                              "limits: images 25 MB, PDF 50 MB, audio 300 MB, 1 GB per consultation."))
        hint.setWordWrap(True)

        self.caption = QLineEdit()
        self.caption.setObjectName("attachment_caption")
        self.caption.editingFinished.connect(lambda: self._change("caption", self.caption.text()))
        self.kind = fill_combo(QComboBox(), [(self.kind_names[k], k) for k in rules.KINDS], blank=None)
        self.kind.setObjectName("attachment_kind")
        self.kind.activated.connect(lambda _index: self._change("kind", self.kind.currentData()))
        self.sensitive = QCheckBox(self.tr("Sensitive: stays on this laptop unless an export includes it"))
        self.sensitive.setObjectName("attachment_sensitive")
        self.sensitive.clicked.connect(lambda checked: self._change("sensitive", checked))
        details = QFormLayout()
        details.addRow(self.tr("Caption"), self.caption)
        details.addRow(self.tr("Kind"), self.kind)
        details.addRow("", self.sensitive)
        self.details = QWidget()
        self.details.setLayout(details)

        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #a01010;")
        self.problem.setObjectName("attachment_problem")
        self.problem.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.items)
        layout.addLayout(adding)
        layout.addWidget(hint)
        layout.addWidget(self.details)
        layout.addWidget(self.problem)
        self.load(None)

    # -- showing -------------------------------------------------------------------
    def load(self, consultation: dict[str, Any] | None) -> None:
        self.consultation = consultation
        final = bool(consultation and consultation.get("status") == "final")
        for widget in (self.add_button, self.new_kind, self.new_sensitive):
            widget.setEnabled(consultation is not None and not final)
        self.details.setEnabled(not final)
        self.setAcceptDrops(consultation is not None and not final)
        self.problem.hide()
        self._fill()

    def _icon(self, row: dict[str, Any]) -> QIcon:
        data = attachment_store.thumbnail(self.records.db, row["uuid"])
        if data:
            pixmap = QPixmap()
            # The format named: guessed, it failed once Khmer was installed (a 160-pixel PNG
            # "over the allocation limit"), seen under Xvfb and offscreen.
            if pixmap.loadFromData(data, "PNG"):
                return QIcon(pixmap)
        family = rules.MEDIA.get(row["media_type"], (rules.DOCUMENT,))[0]
        standard = {rules.AUDIO: QStyle.StandardPixmap.SP_MediaVolume}.get(family, QStyle.StandardPixmap.SP_FileIcon)
        return self.style().standardIcon(standard)

    def _fill(self, select: str | None = None) -> None:
        self.items.clear()
        rows = attachment_store.listing(self.records.db, self.consultation["uuid"]) if self.consultation else []
        for row in rows:
            label = row["caption"] or row["file_name"]
            text = f"{label}\n{self.kind_names.get(row['kind'], row['kind'])}"
            if row["sensitive"]:
                text += " · " + self.tr("sensitive")
            item = QListWidgetItem(self._icon(row), text)
            item.setData(Qt.ItemDataRole.UserRole, row)
            item.setToolTip(f"{row['file_name']} ({row['size']:,} bytes)")
            self.items.addItem(item)
            if row["uuid"] == select:
                self.items.setCurrentItem(item)
        self._selected(self.items.currentItem())

    def _selected(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None = None) -> None:
        row = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        self.details.setVisible(row is not None)
        if row is not None:
            self.caption.setText(row["caption"])
            self.kind.setCurrentIndex(self.kind.findData(row["kind"]))
            self.sensitive.setChecked(row["sensitive"])

    # -- adding and changing -------------------------------------------------------
    def add_paths(self, paths: list[str]) -> int:
        """Attach each file; refused ones are listed with their reason. Returns how many were
        added, or (in the background) how many files were handed to the task."""
        if not self.consultation:
            return 0
        consultation_uuid, kind = self.consultation["uuid"], self.new_kind.currentData()
        sensitive = self.new_sensitive.isChecked()
        if self.background is None or self.database_path is None:
            outcome = _add_all(self.records, consultation_uuid, list(paths), kind, sensitive, None, None)
            return self._added(outcome)
        if self.task is not None and not self.task.finished:
            return 0  # one addition at a time
        records, database_path = self.records, self.database_path

        def work(progress, cancelled) -> tuple[list[str], list[AppError]]:
            with connect(database_path) as db:
                own = RecordStore(db, records.device_id, records.reference, officer=records.officer)
                return _add_all(own, consultation_uuid, list(paths), kind, sensitive, progress, cancelled)

        self.add_button.setEnabled(False)
        self.task = self.background.run_with_progress(
            self, self.tr("Adding %n file(s)…", "", len(paths)), work, on_result=self._added,
            on_error=self._add_failed, on_cancelled=self._add_cancelled, cancellable=True)
        return len(paths)

    def _after_task(self) -> None:
        self.add_button.setEnabled(self.consultation is not None and self.consultation.get("status") != "final")

    def _added(self, outcome: tuple[list[str], list[AppError]]) -> int:
        added, problems = outcome
        self._after_task()
        self._fill(select=added[-1] if added else None)
        self.problem.setText("\n".join(self.tr("Not added: %1").replace("%1", error_text(problem))
                                       for problem in problems))
        self.problem.setVisible(bool(problems))
        if added:
            self.changed.emit()
        return len(added)

    def _add_failed(self, error: Exception) -> None:
        self._after_task()
        self._fill()
        self.problem.setText(self.tr("Not added: %1").replace("%1", error_text(error)))
        self.problem.show()

    def _add_cancelled(self) -> None:
        self._after_task()
        self._fill()
        self.problem.setText(self.tr("Cancelled: the file being added was not stored."))
        self.problem.show()

    def _add_clicked(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Add photos, scans or recordings"), str(Path.home()),
            self.tr("Images, PDF scans and audio (%1);;All files (*)").replace(
                "%1", " ".join(f"*{ext}" for _, exts in rules.MEDIA.values() for ext in exts)))
        if paths:
            self.add_paths(paths)

    def _change(self, field: str, value: Any) -> None:
        item = self.items.currentItem()
        row = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if row is None or row.get(field) == value:
            return
        try:
            updated = service.update(self.records, row["uuid"], {field: value})
        except AppError as error:
            self.problem.setText(self.tr("Not changed: %1").replace("%1", error_text(error)))
            self.problem.show()
            self._selected(item)
            return
        self.problem.hide()
        self._fill(select=updated["uuid"])
        self.changed.emit()

    # -- drag and drop -------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt's name
        urls = event.mimeData().urls()
        if self.consultation and urls and all(url.isLocalFile() for url in urls):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt's name
        paths = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.add_paths(paths)


def _add_all(records: Any, consultation_uuid: str, paths: list[str], kind: str, sensitive: bool,
             progress: Any, cancelled: Any) -> tuple[list[str], list[AppError]]:
    """Add each file (services/attachments.py): the uuids added and the refusals (said on the GUI thread).
    Raises Cancelled once cancelled (the file being added rolled back)."""
    added: list[str] = []
    problems: list[AppError] = []
    for path in paths:
        try:
            row = service.add_file(records, consultation_uuid, path, kind, sensitive=sensitive,
                                   progress=progress, cancelled=cancelled)
        except service.AddCancelled:
            raise Cancelled() from None
        except AppError as error:
            problems.append(error)
        else:
            added.append(row["uuid"])
    return added, problems
