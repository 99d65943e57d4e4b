"""Link recommendations across cycles: the suggester's proposals for two catalogs, each with
its score, for a person to confirm or reject (the same decisions as `catalog link|unlink`)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from consultation_app.domain.linking import LinkSuggestion, suggest_links
from consultation_app.storage import catalog_store, link_store

LATER_CODE, LATER_TEXT, EARLIER_CODE, EARLIER_TEXT, SCORE, STATUS = range(6)


class LinksDialog(QDialog):
    def __init__(self, workspace, language: str = "en", parent=None):
        super().__init__(parent)
        self.workspace = workspace
        self.language = language
        self.suggestions: list[LinkSuggestion] = []
        self.setObjectName("links_dialog")
        self.setWindowTitle(self.tr("Link recommendations across cycles"))
        catalogs = sorted(catalog_store.list_catalogs(workspace.db), key=lambda c: (c["cycle"] or 0, c["catalog_id"]))
        self.earlier, self.later = QComboBox(), QComboBox()
        for combo in (self.earlier, self.later):
            for row in catalogs:
                title = row["title_km"] if language == "km" and row["title_km"] else row["title"]
                combo.addItem(f"{title} ({row['catalog_id']})", row["catalog_id"])
        self.later.setCurrentIndex(max(0, len(catalogs) - 1))
        self.earlier.setAccessibleName(self.tr("Earlier catalog"))
        self.later.setAccessibleName(self.tr("Later catalog"))
        form = QFormLayout()
        form.addRow(self.tr("Earlier cycle"), self.earlier)
        form.addRow(self.tr("Later cycle"), self.later)
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels([self.tr("Later"), self.tr("Recommendation"), self.tr("Earlier"),
                                              self.tr("Continues"), self.tr("Score"), self.tr("Status")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        for col in (LATER_TEXT, EARLIER_TEXT):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
        self.note = QLabel(self.tr("Proposals by similarity of the English and Khmer texts and shared SDGs and "
                                   "themes. Confirm a link when the later recommendation continues the earlier "
                                   "one: the feedback gathered on the earlier one then follows it."))
        self.note.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.suggest_button = buttons.addButton(self.tr("&Suggest"), QDialogButtonBox.ButtonRole.ActionRole)
        self.confirm_button = buttons.addButton(self.tr("&Confirm link"), QDialogButtonBox.ButtonRole.ActionRole)
        self.reject_button = buttons.addButton(self.tr("&Reject"), QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setText(self.tr("Close"))
        buttons.rejected.connect(self.reject)
        self.suggest_button.clicked.connect(self.suggest)
        self.confirm_button.clicked.connect(lambda: self.decide(link_store.CONFIRMED))
        self.reject_button.clicked.connect(lambda: self.decide(link_store.REJECTED))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(1000, 620)

    def _texts(self, catalog_id: str) -> dict[str, dict]:
        return {r["code"]: r for r in catalog_store.list_recommendations(self.workspace.db, catalog_id)}

    def _text(self, rec: dict) -> str:
        return rec["text_km"] if self.language == "km" and rec["text_km"] else rec["text"]

    def _status(self, status: str) -> str:
        return {"confirmed": self.tr("confirmed"), "rejected": self.tr("rejected")}.get(status, self.tr("proposed"))

    def suggest(self) -> None:
        earlier_id, later_id = self.earlier.currentData(), self.later.currentData()
        earlier, later = self._texts(earlier_id), self._texts(later_id)
        self.suggestions = suggest_links(list(earlier.values()), list(later.values()), top=3,
                                         same_catalog=earlier_id == later_id)
        decided = link_store.decided(self.workspace.db, earlier_id, later_id)
        self.table.setRowCount(len(self.suggestions))
        for row, s in enumerate(self.suggestions):
            values = (s.to_code, self._text(later[s.to_code]), s.from_code, self._text(earlier[s.from_code]),
                      f"{s.score:.2f}", self._status(decided.get((s.from_code, s.to_code), "")))
            for col, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.ToolTipRole, value)
                self.table.setItem(row, col, item)
        self.table.resizeRowsToContents()

    def decide(self, status: str) -> None:
        rows = sorted({index.row() for index in self.table.selectedIndexes()})
        for row in rows:
            s = self.suggestions[row]
            link_store.decide(self.workspace.db, self.earlier.currentData(), s.from_code, self.later.currentData(),
                              s.to_code, status, s.score)
            item = self.table.item(row, STATUS)
            if item is not None:
                item.setText(self._status(status))
