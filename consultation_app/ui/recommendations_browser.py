"""The catalog tree with search-as-you-type over codes, texts and themes (Khmer too)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QLineEdit, QTreeView, QVBoxLayout, QWidget

from consultation_app.ui.models.recommendation_tree import CODE_ROLE, RecommendationTreeModel
from consultation_app.ui.views import select_row


class RecommendationsBrowser(QWidget):
    recommendation_chosen = Signal(object)  # code or None
    search_accepted = Signal()

    def __init__(self, model: RecommendationTreeModel, search, parent=None):
        """``search(text)`` returns the matching codes (the storage layer's full-text search)."""
        super().__init__(parent)
        self.model = model
        self._search = search
        self.search = QLineEdit()
        self.search.setObjectName("recommendation_search")
        self.search.setPlaceholderText(self.tr("Find a recommendation: code, words, theme (Ctrl+F)"))
        self.search.setAccessibleName(self.tr("Find a recommendation"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        self.search.returnPressed.connect(self._accept)
        self.tree = QTreeView()
        self.tree.setObjectName("recommendation_tree")
        self.tree.setAccessibleName(self.tr("Recommendations"))
        self.tree.setModel(model)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setWordWrap(False)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # Fixed widths: ResizeToContents re-measures the whole tree on every count change.
        chars = self.fontMetrics().averageCharWidth()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, chars * 10)
        header.resizeSection(2, chars * 9)
        self.tree.expandAll()
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.no_results = QLabel(self.tr("No recommendation matches this search."))
        self.no_results.setObjectName("recommendation_no_results")
        self.no_results.setWordWrap(True)
        self.no_results.hide()
        layout.addWidget(self.search)
        layout.addWidget(self.no_results)
        layout.addWidget(self.tree)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        # Narrow (small screen, 150%): the SDG column gives its room to the code and text.
        narrow = self.width() < 520
        if self.tree.isColumnHidden(1) != narrow:
            self.tree.setColumnHidden(1, narrow)

    def current_code(self) -> str | None:
        index = self.tree.currentIndex()
        return index.data(CODE_ROLE) if index.isValid() else None

    def select(self, code: str | None, notify: bool = True) -> bool:
        index = self.model.index_for_code(code) if code else None
        if index is None or not index.isValid():
            return False
        select_row(self.tree, index, notify)
        return True

    def select_next(self) -> str | None:
        """Move to the next recommendation: within the search results while there are more,
        then on in the annex's order (clearing the search)."""
        current = self.current_code()
        codes = self.model.codes_in_order()
        if current in codes and codes.index(current) + 1 < len(codes):
            following = codes[codes.index(current) + 1]
        else:
            all_codes = [rec["code"] for rec in self.model.all_recommendations()]
            if current not in all_codes or all_codes.index(current) + 1 >= len(all_codes):
                return None
            following = all_codes[all_codes.index(current) + 1]
            self.search.clear()
        self.select(following)
        return following

    def _filter(self, text: str) -> None:
        current = self.current_code()
        self.model.set_filter(self._search(text) if text.strip() else None)
        self.tree.expandAll()
        codes = self.model.codes_in_order()
        self.no_results.setVisible(bool(text.strip()) and not codes)
        if current in codes:
            self.select(current, notify=False)
        elif codes:
            self.select(codes[0])

    def _accept(self) -> None:
        if self.current_code() is None and self.model.codes_in_order():
            self.select(self.model.codes_in_order()[0])
        self.search_accepted.emit()

    def _current_changed(self, current, previous) -> None:
        self.recommendation_chosen.emit(current.data(CODE_ROLE) if current.isValid() else None)
