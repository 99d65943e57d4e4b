"""The dashboard's pieces that hold figures: table models over the coverage matrices and the
drill-down, and the labels and colours they share (the chart: ui/dashboard_chart.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from consultation_app.storage.dashboard_queries import (
    ASSESSMENTS,
    GROUPS,
    NOT_RECORDED,
    PRIORITIES,
    PROVINCES,
    UNKNOWN_THEME,
    Cell,
)

DRILL_ROLE = Qt.ItemDataRole.UserRole + 1   # the drill-down arguments of a cell (dict), or None
COUNT_ROLE = Qt.ItemDataRole.UserRole + 2   # the number shown, as an int
ZERO_ROLE = Qt.ItemDataRole.UserRole + 3    # True for an empty cell that should stand out

ENTRIES, CONSULTATIONS = "entries", "consultations"
ZERO_BACKGROUND, ZERO_TEXT = QColor("#F5B7B1"), QColor("#7B241C")
TOTAL_BACKGROUND = QColor("#EAEDED")
HEAT_LOW, HEAT_HIGH = QColor("#EBF5FB"), QColor("#5DADE2")


def not_recorded_label() -> str:
    return QCoreApplication.translate("Dashboard", "Not recorded")


def value_label(reference, list_name: str, key: str, language: str) -> str:
    return not_recorded_label() if key == NOT_RECORDED else reference.label(list_name, key, language)


def theme_title(theme: dict, language: str) -> str:
    if not theme.get("in_catalog", True) or theme["key"] == UNKNOWN_THEME:
        return QCoreApplication.translate("Dashboard", "Codes not in the catalog")
    return theme["title_km"] if language == "km" and theme.get("title_km") else theme["title"]


# -- models ------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Header:
    """A row or column: its key, what a person reads, a tooltip, and its part of a drill-down."""
    key: Any
    label: str
    tooltip: str = ""
    drill: dict = field(default_factory=dict)


class FigureTableModel(QAbstractTableModel):
    """A table of counts: column 0 names the row, then one column per value, then a total
    column; a last row of totals. Cells hold a Cell (entries and consultations); ``show``
    chooses which one is displayed. With ``zero_alert``, empty cells get a red tint."""

    def __init__(self, corner: str, parent=None, zero_alert: bool = True):
        super().__init__(parent)
        self.corner = corner
        self.zero_alert = zero_alert
        self.show = ENTRIES
        self.rows: list[Header] = []
        self.columns: list[Header] = []
        self.cells: dict[tuple[Any, Any], Cell] = {}
        self.row_totals: dict[Any, Cell] = {}
        self.column_totals: dict[Any, Cell] = {}
        self.grand = Cell()
        self._max = 1

    def set_figures(self, rows: list[Header], columns: list[Header], cells: dict[tuple[Any, Any], Cell],
                    row_totals: dict[Any, Cell], column_totals: dict[Any, Cell], grand: Cell) -> None:
        self.beginResetModel()
        self.rows, self.columns, self.cells = list(rows), list(columns), dict(cells)
        self.row_totals, self.column_totals, self.grand = dict(row_totals), dict(column_totals), grand
        self._update_max()
        self.endResetModel()

    def set_show(self, show: str) -> None:
        if show != self.show:
            self.show = show
            self._update_max()
            if self.rowCount() and self.columnCount():
                self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))

    def _value(self, cell: Cell | None) -> int:
        cell = cell or Cell()
        return cell.consultations if self.show == CONSULTATIONS else cell.entries

    def _update_max(self) -> None:
        self._max = max([self._value(cell) for cell in self.cells.values()] or [0]) or 1

    # shape
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() or not self.columns else len(self.rows) + 1

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() or not self.columns else len(self.columns) + 2

    def _is_total_row(self, row: int) -> bool:
        return row == len(self.rows)

    def _is_total_column(self, column: int) -> bool:
        return column == len(self.columns) + 1

    def cell(self, row: int, column: int) -> Cell | None:
        """The figures at a position, or None for the label column."""
        if column == 0:
            return None
        total_row, total_column = self._is_total_row(row), self._is_total_column(column)
        if total_row and total_column:
            return self.grand
        if total_row:
            return self.column_totals.get(self.columns[column - 1].key, Cell())
        if total_column:
            return self.row_totals.get(self.rows[row].key, Cell())
        return self.cells.get((self.rows[row].key, self.columns[column - 1].key), Cell())

    def drill(self, row: int, column: int) -> dict | None:
        drill: dict = {}
        if not self._is_total_row(row):
            drill.update(self.rows[row].drill)
        if column and not self._is_total_column(column):
            drill.update(self.columns[column - 1].drill)
        return drill

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or section >= self.columnCount():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if section == 0:
                return self.corner
            if self._is_total_column(section):
                return QCoreApplication.translate("Dashboard", "Total")
            return self.columns[section - 1].label
        if role == Qt.ItemDataRole.ToolTipRole and 0 < section <= len(self.columns):
            return self.columns[section - 1].tooltip or self.columns[section - 1].label
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        total_row = self._is_total_row(row)
        if column == 0:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return QCoreApplication.translate("Dashboard", "Total") if total_row else self.rows[row].label
            if role == Qt.ItemDataRole.ToolTipRole and not total_row:
                return self.rows[row].tooltip or self.rows[row].label
            if role == Qt.ItemDataRole.FontRole and total_row:
                return _bold()
            if role == Qt.ItemDataRole.BackgroundRole and total_row:
                return QBrush(TOTAL_BACKGROUND)
            if role == DRILL_ROLE:
                return self.drill(row, 0)
            return None
        cell = self.cell(row, column)
        value = self._value(cell)
        is_total = total_row or self._is_total_column(column)
        zero = self.zero_alert and not is_total and value == 0
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{value:,}"
        if role == COUNT_ROLE:
            return value
        if role == ZERO_ROLE:
            return zero
        if role == DRILL_ROLE:
            return self.drill(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.FontRole and (is_total or zero):
            return _bold()
        if role == Qt.ItemDataRole.BackgroundRole:
            if is_total:
                return QBrush(TOTAL_BACKGROUND)
            if zero:
                return QBrush(ZERO_BACKGROUND)
            return QBrush(_heat(value / self._max)) if value else None
        if role == Qt.ItemDataRole.ForegroundRole and zero:
            return QBrush(ZERO_TEXT)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            where = " · ".join(part for part in (
                "" if total_row else self.rows[row].label,
                "" if self._is_total_column(column) else self.columns[column - 1].label) if part)
            if zero:
                text = QCoreApplication.translate("Dashboard", "No feedback: nobody here spoke about this")
            elif self.zero_alert and cell is not None:
                text = QCoreApplication.translate("Dashboard", "%1 feedback entries from %2 consultations")
                text = text.replace("%1", f"{cell.entries:,}").replace("%2", f"{cell.consultations:,}")
            else:
                text = QCoreApplication.translate("Dashboard", "%1 feedback entries").replace("%1", f"{value:,}")
            return f"{where}\n{text}" if where else text
        return None


def _bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


def _heat(share: float) -> QColor:
    share = max(0.0, min(1.0, share)) ** 0.6  # small counts still visible against white
    return QColor(round(HEAT_LOW.red() + (HEAT_HIGH.red() - HEAT_LOW.red()) * share),
                  round(HEAT_LOW.green() + (HEAT_HIGH.green() - HEAT_LOW.green()) * share),
                  round(HEAT_LOW.blue() + (HEAT_HIGH.blue() - HEAT_LOW.blue()) * share))


class DrillDownModel(QAbstractTableModel):
    """The feedback entries behind one figure."""

    COLUMNS = ("start_date", "consultation_title", "stakeholder_group", "province", "recommendation_code",
               "priority", "implementation_assessment", "excerpt", "uuid")

    def __init__(self, reference, language: str = "en", parent=None):
        super().__init__(parent)
        self.reference = reference
        self.language = language
        self.entries: list[dict] = []

    def set_entries(self, entries: list[dict]) -> None:
        self.beginResetModel()
        self.entries = list(entries)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self.COLUMNS):
            return (QCoreApplication.translate("Dashboard", "Date"),
                    QCoreApplication.translate("Dashboard", "Consultation"),
                    QCoreApplication.translate("Dashboard", "Group"),
                    QCoreApplication.translate("Dashboard", "Province"),
                    QCoreApplication.translate("Dashboard", "Recommendation"),
                    QCoreApplication.translate("Dashboard", "Priority"),
                    QCoreApplication.translate("Dashboard", "Implementation"),
                    QCoreApplication.translate("Dashboard", "Comment"),
                    QCoreApplication.translate("Dashboard", "Entry id"))[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        entry = self.entries[index.row()]
        key = self.COLUMNS[index.column()]
        withheld = key == "excerpt" and entry.get("withheld") == "sensitive"
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if withheld:
                return QCoreApplication.translate("Dashboard", "(marked sensitive: not shown)")
            value = entry.get(key)
            lists = {"stakeholder_group": GROUPS, "province": PROVINCES, "priority": PRIORITIES,
                     "implementation_assessment": ASSESSMENTS}
            if key in lists:
                return value_label(self.reference, lists[key], value or NOT_RECORDED, self.language) \
                    if value in self.reference.keys(lists[key]) or not value else value
            return value or ""
        if role == Qt.ItemDataRole.ForegroundRole and withheld:
            return QBrush(QColor("#7F8C8D"))
        if role == Qt.ItemDataRole.FontRole and withheld:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.UserRole:
            return entry["uuid"]
        return None
