"""The one base of the app's table models: plain dict rows, each with a "uuid", and one
UUID_ROLE through which views and proxies ask a row for its record."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

UUID_ROLE = Qt.ItemDataRole.UserRole + 1


class RowsModel(QAbstractTableModel):
    """Rows in, cells out: subclasses give ``columnCount``, ``headerData`` and ``cell_data``."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[dict] = []

    def set_rows(self, rows: list[dict]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def update_row(self, row: dict) -> None:
        """Replace the row with the same uuid in place (an edit saved), if it is shown."""
        for i, existing in enumerate(self._rows):
            if existing["uuid"] == row["uuid"]:
                self._rows[i] = row
                self.dataChanged.emit(self.index(i, 0), self.index(i, self.columnCount() - 1))
                return

    def row_data(self, row: int) -> dict:
        return self._rows[row]

    def row_for_uuid(self, uuid: str | None) -> int:
        return next((i for i, row in enumerate(self._rows) if row["uuid"] == uuid), -1)

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt's name
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == UUID_ROLE:
            return row["uuid"]
        return self.cell_data(row, index.column(), role)

    def cell_data(self, row: dict, column: int, role):
        raise NotImplementedError
