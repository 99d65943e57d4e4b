"""A flat list of field records (feedback entries, notes) shown as a table."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QModelIndex, Qt

from consultation_app.ui.models.rows_model import UUID_ROLE, RowsModel

__all__ = ["UUID_ROLE", "RecordListModel"]


class RecordListModel(RowsModel):
    """``columns`` is a list of (header, function of the row giving the cell text)."""

    def __init__(self, columns: list[tuple[str, Callable[[dict], str]]], parent=None):
        super().__init__(parent)
        self._columns = columns

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section][0]
        return None

    def cell_data(self, row: dict, column: int, role):
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            text = self._columns[column][1](row)
            return text.replace("\n", " ")[:200] if isinstance(text, str) else text
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._columns[column][1](row)
        return None
