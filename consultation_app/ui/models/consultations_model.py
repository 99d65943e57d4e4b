"""The consultations list: a table model over summary rows and a proxy that filters by
group, province, status, dates and a search text."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex, QSortFilterProxyModel, Qt

from consultation_app.domain.reference import ReferenceLists
from consultation_app.domain.text import search_key
from consultation_app.ui.models.rows_model import UUID_ROLE, RowsModel

__all__ = ["UUID_ROLE", "ConsultationsModel", "ConsultationFilter"]
TITLE, GROUP, PROVINCE, DATE, STATUS, FEEDBACK = range(6)



class ConsultationsModel(RowsModel):
    def __init__(self, reference: ReferenceLists, parent=None):
        super().__init__(parent)
        self._reference = reference
        self._language = "en"

    def search_text(self, row: dict) -> str:
        """What the search box matches against: made on the first search, not at start-up."""
        if "_search" not in row:
            row["_search"] = search_key(" ".join(str(row.get(k) or "") for k in (
                "title", "district", "facilitator", "province", "stakeholder_group", "start_date")) + " " +
                " ".join(self._reference.label(n, row.get(k), lang) for n, k in (
                    ("provinces", "province"), ("stakeholder_groups", "stakeholder_group"))
                    for lang in ("en", "km")))
        return row["_search"]

    def set_language(self, language: str) -> None:
        self.beginResetModel()
        self._language = language
        self.endResetModel()

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else 6

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            headers = (QCoreApplication.translate("ConsultationsModel", "Consultation"),
                       QCoreApplication.translate("ConsultationsModel", "Group"),
                       QCoreApplication.translate("ConsultationsModel", "Province"),
                       QCoreApplication.translate("ConsultationsModel", "Date"),
                       QCoreApplication.translate("ConsultationsModel", "Status"),
                       QCoreApplication.translate("ConsultationsModel", "Feedback"))
            return headers[section]
        return None

    def cell_data(self, row: dict, column: int, role):
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == TITLE:
                return row["title"] or QCoreApplication.translate("ConsultationsModel", "(untitled)")
            if column == GROUP:
                return self._reference.label("stakeholder_groups", row["stakeholder_group"], self._language)
            if column == PROVINCE:
                return self._reference.label("provinces", row["province"], self._language)
            if column == DATE:
                return row["start_date"] or ""
            if column == STATUS:
                return self._reference.label("consultation_status", row["status"], self._language)
            if column == FEEDBACK:
                return row["feedback_count"]
        if role == Qt.ItemDataRole.ToolTipRole and column == TITLE:
            return row["title"]
        return None


class ConsultationFilter(QSortFilterProxyModel):
    """Filters on the source rows' stored values (not on display text), so labels in any
    language filter alike."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.group: str | None = None
        self.province: str | None = None
        self.status: str | None = None
        self.date_from: str | None = None
        self.date_to: str | None = None
        self._terms: list[str] = []
        self.content_matches: set[str] = set()  # consultations whose feedback or notes hold the text

    def set_criteria(self, *, group=None, province=None, status=None, date_from=None, date_to=None,
                     text: str = "") -> None:
        self.beginFilterChange()
        self.group, self.province, self.status = group, province, status
        self.date_from, self.date_to = date_from, date_to
        self._terms = search_key(text).split()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def _consultations(self) -> ConsultationsModel:
        source = self.sourceModel()
        if not isinstance(source, ConsultationsModel):
            raise TypeError(f"a ConsultationFilter filters a ConsultationsModel, not {type(source).__name__}")
        return source

    def filterAcceptsRow(self, source_row: int, source_parent) -> bool:
        row = self._consultations().row_data(source_row)
        if self.group and row["stakeholder_group"] != self.group:
            return False
        if self.province and row["province"] != self.province:
            return False
        if self.status and row["status"] != self.status:
            return False
        date = row["start_date"] or ""
        if self.date_from and (not date or date < self.date_from):
            return False
        if self.date_to and (not date or date > self.date_to):
            return False
        if not self._terms or row["uuid"] in self.content_matches:
            return True
        text = self._consultations().search_text(row)
        return all(term in text for term in self._terms)
