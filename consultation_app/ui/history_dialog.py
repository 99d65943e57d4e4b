"""The audit trail of one record: every revision, what was done, on which device, by which
officer and when (in this computer's local time). It shows who changed a record, never
what it said: the history keeps no text, so a withdrawn record's history holds no words."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from consultation_app.domain.records import CONSULTATION, FEEDBACK, NOTE, RecordKind
from consultation_app.storage import merge_store

COLUMNS = ("revision", "action", "device", "officer", "time")


def local_time(utc_text: str) -> str:
    """'2024-03-05T02:15:00.000Z' as this computer's local time, to the minute."""
    try:
        moment = dt.datetime.fromisoformat(utc_text.replace("Z", "+00:00"))
    except (TypeError, ValueError):
        return utc_text or ""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def _text(item: QTableWidgetItem | None) -> str:
    return item.text() if item is not None else ""  # an empty cell has no item


class HistoryDialog(QDialog):
    def __init__(self, workspace, kind: RecordKind, uuid: str, parent=None):
        super().__init__(parent)
        self.workspace = workspace
        self.kind = kind
        self.uuid = uuid
        self.setObjectName("history_dialog")
        titles = {FEEDBACK.table: self.tr("History of this feedback entry"),
                  NOTE.table: self.tr("History of this note"),
                  CONSULTATION.table: self.tr("History of this consultation")}
        self.setWindowTitle(titles.get(kind.table, self.tr("History")))
        explain = QLabel(self.tr("Every change to this record: who made it, on which device and when "
                                 "(local time). The history keeps no words, only that a change was made."))
        explain.setWordWrap(True)

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("history_table")
        self.table.setAccessibleName(self.tr("Revisions"))
        self.table.setHorizontalHeaderLabels([self.tr("Revision"), self.tr("Action"), self.tr("Device"),
                                              self.tr("Officer"), self.tr("Time")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(640, 320)
        self.reload()

    def action_label(self, action: str) -> str:
        labels = {
            "create": self.tr("Created"),
            "update": self.tr("Edited"),
            "delete": self.tr("Deleted"),
            "restore": self.tr("Restored"),
            "withdraw": self.tr("Withdrawn: the words were wiped"),
            "merged": self.tr("Arrived in an export"),
            "migrated": self.tr("Made before the history was kept"),
        }
        return labels.get(action, action)

    def device_label(self, device_id: str) -> str:
        if device_id == self.workspace.device_id:
            name = self.workspace.device_name
            return (self.tr("%1 (this computer)").replace("%1", name) if name
                    else self.tr("this computer"))
        return merge_store.device_name(self.workspace.db, device_id) or device_id[:8]

    def reload(self) -> None:
        self.rows = self.workspace.records.history(self.kind, self.uuid)
        self.table.setRowCount(len(self.rows))
        for index, row in enumerate(self.rows):
            cells = (str(row["revision"]), self.action_label(row["action"]), self.device_label(row["device_id"]),
                     row["officer"] or "—", local_time(row["changed_at"]))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 0:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if column == 2:
                    item.setToolTip(row["device_id"])
                self.table.setItem(index, column, item)

    def cell_texts(self) -> list[list[str]]:
        """What the table shows, row by row (for tests and screen readers' sake)."""
        return [[_text(self.table.item(r, c)) for c in range(self.table.columnCount())]
                for r in range(self.table.rowCount())]
