"""Central office: the implementation status of each recommendation, edited and kept over time
(storage/implementation_store.py), with its history, and the list of responsible institutions.
(The mid-term files, the follow-up matrix and the Word draft, are written by ui/central_office.py.)"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from consultation_app.domain.implementation import STATUSES, status_label
from consultation_app.domain.records import ValidationError
from consultation_app.errors import AppError
from consultation_app.storage import catalog_store
from consultation_app.storage import implementation_store as store
from consultation_app.ui.error_text import error_text
from consultation_app.ui.messages import describe_problems


def _named(widget, name: str):
    """The widget, with an object name tests and style sheets find it by."""
    widget.setObjectName(name)
    return widget


class ImplementationWindow(QWidget):
    """One recommendation at a time: status, measures, institutions, indicator; Save makes a
    new revision (dated, attributed to the officer set for this installation)."""

    def __init__(self, workspace, catalog_id: str, language: str = "en", parent=None):
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("implementation_window")
        self.workspace, self.catalog_id, self.language = workspace, catalog_id, language
        self.setWindowTitle(self.tr("Implementation status"))
        self.recommendation = _named(QComboBox(), "implementation_recommendation")
        for rec in catalog_store.list_recommendations(workspace.db, catalog_id):
            text = rec["text_km"] if language == "km" and rec["text_km"] else rec["text"]
            self.recommendation.addItem(f"{rec['code']}  {text[:90]}", rec["code"])
        self.status = _named(QComboBox(), "implementation_status")
        self.status.addItem(self.tr("(not recorded)"), None)
        for key in STATUSES:
            self.status.addItem(status_label(key, language), key)
        self.measures = _named(QPlainTextEdit(), "implementation_measures")
        self.institutions = _named(QListWidget(), "implementation_institutions")
        self.indicator = _named(QLineEdit(), "implementation_indicator")
        self.due = _named(QLineEdit(), "implementation_due")
        self.due.setPlaceholderText(self.tr("YYYY-MM-DD (optional)"))
        self.message = _named(QLabel(), "implementation_message")
        self.message.setWordWrap(True)
        save = _named(QPushButton(self.tr("&Save")), "implementation_save")
        save.clicked.connect(self.save)
        self.history = _named(QTableWidget(0, 4), "implementation_history")
        self.history.setHorizontalHeaderLabels([self.tr("Revision"), self.tr("Changed (UTC)"), self.tr("By"),
                                                self.tr("Status")])
        self.history.horizontalHeader().setStretchLastSection(True)
        self.new_key = _named(QLineEdit(), "institution_key")
        self.new_key.setPlaceholderText(self.tr("key, e.g. moj"))
        self.new_name = _named(QLineEdit(), "institution_name")
        self.new_name.setPlaceholderText(self.tr("Name in English"))
        self.new_name_km = _named(QLineEdit(), "institution_name_km")
        self.new_name_km.setPlaceholderText(self.tr("Name in Khmer"))
        add = _named(QPushButton(self.tr("&Add institution")), "institution_add")
        add.clicked.connect(self.add_institution)
        form = QFormLayout()
        form.addRow(self.tr("Recommendation"), self.recommendation)
        form.addRow(self.tr("Status"), self.status)
        form.addRow(self.tr("Measures taken"), self.measures)
        form.addRow(self.tr("Responsible institutions"), self.institutions)
        adding = QHBoxLayout()
        for widget in (self.new_key, self.new_name, self.new_name_km, add):
            adding.addWidget(widget)
        form.addRow("", adding)
        form.addRow(self.tr("Indicator"), self.indicator)
        form.addRow(self.tr("Due"), self.due)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(save, alignment=Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.message)
        layout.addWidget(QLabel(self.tr("History")))
        layout.addWidget(self.history)
        self.resize(820, 720)
        self.recommendation.currentIndexChanged.connect(self.load)
        self.load()

    def code(self) -> str:
        return self.recommendation.currentData() or ""

    def _fill_institutions(self, chosen: tuple[str, ...]) -> None:
        self.institutions.clear()
        for row in store.list_institutions(self.workspace.db, include_retired=True):
            if row["retired"] and row["key"] not in chosen:
                continue
            name = row["name_km"] if self.language == "km" and row["name_km"] else row["name"]
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, row["key"])
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if row["key"] in chosen else Qt.CheckState.Unchecked)
            self.institutions.addItem(item)

    def load(self) -> None:
        record = store.get(self.workspace.db, self.catalog_id, self.code()) or {}
        self.status.setCurrentIndex(max(0, self.status.findData(record.get("status"))))
        self.measures.setPlainText(record.get("measures", ""))
        self.indicator.setText(record.get("indicator", ""))
        self.due.setText(record.get("indicator_due") or "")
        self._fill_institutions(tuple(record.get("institutions") or ()))
        history = store.history(self.workspace.db, self.catalog_id, self.code())
        self.history.setRowCount(len(history))
        for index, revision in enumerate(reversed(history)):
            for column, value in enumerate((str(revision["revision"]), revision["changed_at"][:16].replace("T", " "),
                                            revision["officer"], status_label(revision["status"], self.language))):
                self.history.setItem(index, column, QTableWidgetItem(value))
        self.message.clear()

    def save(self) -> None:
        chosen = [self.institutions.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.institutions.count())
                  if self.institutions.item(i).checkState() == Qt.CheckState.Checked]
        changes = {"status": self.status.currentData(), "measures": self.measures.toPlainText(),
                   "institutions": chosen, "indicator": self.indicator.text(), "indicator_due": self.due.text()}
        try:
            row = store.record(self.workspace.db, self.workspace.device_id, self.workspace.officer,
                               self.catalog_id, self.code(), changes)
        except (ValidationError, AppError) as error:
            self.message.setText(self.tr("Not saved: %1").replace("%1", self._problem_text(error)))
            return
        self.load()
        self.message.setText(self.tr("Saved as revision %1.").replace("%1", str(row["revision"])))

    def _problem_text(self, error: Exception) -> str:
        """The refusal in the interface language, fields named by the labels of this window."""
        if isinstance(error, ValidationError):
            labels = {"status": self.tr("Status"), "measures": self.tr("Measures taken"),
                      "institutions": self.tr("Responsible institutions"), "indicator": self.tr("Indicator"),
                      "indicator_due": self.tr("Due"), "key": self.tr("Key of the institution"),
                      "name": self.tr("Name in English"), "name_km": self.tr("Name in Khmer"),
                      "kind": self.tr("Kind of institution")}
            return " ".join(describe_problems(error.problems, lambda field: labels.get(field, field)))
        return error_text(error)

    def add_institution(self) -> None:
        try:
            store.put_institution(self.workspace.db, self.new_key.text(), self.new_name.text(),
                                  self.new_name_km.text())
        except (ValidationError, AppError) as error:
            self.message.setText(self.tr("Not added: %1").replace("%1", self._problem_text(error)))
            return
        chosen = tuple(self.institutions.item(i).data(Qt.ItemDataRole.UserRole)
                       for i in range(self.institutions.count())
                       if self.institutions.item(i).checkState() == Qt.CheckState.Checked)
        self._fill_institutions(chosen)
        for widget in (self.new_key, self.new_name, self.new_name_km):
            widget.clear()

