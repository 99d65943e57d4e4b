"""A flat list of field records (feedback entries, notes) shown as a table."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

UUID_ROLE = Qt.ItemDataRole.UserRole + 1


class RecordListModel(QAbstractTableModel):
    """``columns`` is a list of (header, function of the row giving the cell text)."""

    def __init__(self, columns: list[tuple[str, Callable[[dict], str]]], parent=None):
        super().__init__(parent)
        self._columns = columns
        self._rows: list[dict] = []

    def set_rows(self, rows: list[dict]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def update_row(self, row: dict) -> None:
        for i, existing in enumerate(self._rows):
            if existing["uuid"] == row["uuid"]:
                self._rows[i] = row
                self.dataChanged.emit(self.index(i, 0), self.index(i, len(self._columns) - 1))
                return

    def row_data(self, row: int) -> dict:
        return self._rows[row]

    def row_for_uuid(self, uuid: str | None) -> int:
        return next((i for i, row in enumerate(self._rows) if row["uuid"] == uuid), -1)

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section][0]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == UUID_ROLE:
            return row["uuid"]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            text = self._columns[index.column()][1](row)
            return text.replace("\n", " ")[:200] if isinstance(text, str) else text
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._columns[index.column()][1](row)
        return None
