"""The consultations list with its filters (group, province, status, dates, search)."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from consultation_app.domain.reference import ReferenceLists
from consultation_app.ui.binder import collated, date_edit, fill_combo
from consultation_app.ui.models.consultations_model import UUID_ROLE, ConsultationFilter, ConsultationsModel
from consultation_app.ui.views import select_row


class ConsultationsBrowser(QWidget):
    consultation_chosen = Signal(object)  # uuid or None

    def __init__(self, reference: ReferenceLists, language: str = "en", parent=None,
                 find_in_content: Callable[[str], set[str]] | None = None):
        """``find_in_content(text)`` gives the consultations whose feedback or notes hold the
        text: the search box finds what people said, not only titles and places."""
        super().__init__(parent)
        self._find_in_content = find_in_content
        self._content_timer = QTimer(self)
        self._content_timer.setSingleShot(True)
        self._content_timer.setInterval(300)  # after a pause in typing: it scans every entry
        self._content_timer.timeout.connect(self._search_content)
        self.model = ConsultationsModel(reference, self)
        self.model.set_language(language)
        self.proxy = ConsultationFilter(self)
        self.proxy.setSourceModel(self.model)

        def enum(name: str, accessible: str) -> QComboBox:
            items = [(i.label(language), i.key) for i in reference.items(name)]
            if name == "provinces":
                items = collated(items, language)
            combo = fill_combo(QComboBox(), items, blank=self.tr("All"))
            combo.setAccessibleName(accessible)
            combo.currentIndexChanged.connect(self._apply_filters)
            return combo

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search consultations"))
        self.search.setAccessibleName(self.tr("Search consultations"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._apply_filters)
        self.search.textChanged.connect(lambda: self._content_timer.start())
        self.group = enum("stakeholder_groups", self.tr("Filter by group"))
        self.province = enum("provinces", self.tr("Filter by province"))
        self.status = enum("consultation_status", self.tr("Filter by status"))
        self.date_from, self.date_to = date_edit(), date_edit()
        self.date_from.setAccessibleName(self.tr("From date"))
        self.date_to.setAccessibleName(self.tr("To date"))
        for edit in (self.date_from, self.date_to):
            edit.changed.connect(self._apply_filters)

        filters = QGridLayout()
        filters.addWidget(self.search, 0, 0, 1, 4)
        filters.addWidget(QLabel(self.tr("Group")), 1, 0)
        filters.addWidget(self.group, 1, 1)
        filters.addWidget(QLabel(self.tr("Province")), 1, 2)
        filters.addWidget(self.province, 1, 3)
        filters.addWidget(QLabel(self.tr("Status")), 2, 0)
        filters.addWidget(self.status, 2, 1)
        filters.addWidget(QLabel(self.tr("From")), 3, 0)
        filters.addWidget(self.date_from, 3, 1)
        filters.addWidget(QLabel(self.tr("To")), 3, 2)
        filters.addWidget(self.date_to, 3, 3)

        self.view = QTableView()
        self.view.setObjectName("consultations_list")
        self.view.setAccessibleName(self.tr("Consultations"))
        self.view.setModel(self.proxy)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setSortingEnabled(False)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setStretchLastSection(False)
        # Fixed widths from the font, not ResizeToContents: that reads every row of a long
        # list on each show and whenever the scroll bar comes and goes (200 ms for 1,000).
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(header.ResizeMode.Interactive)
        header.setSectionResizeMode(0, header.ResizeMode.Stretch)
        chars = self.fontMetrics().averageCharWidth()
        for column, width in ((2, 14), (3, 11), (4, 7), (5, 7)):
            header.resizeSection(column, chars * width)
        self.view.setColumnHidden(1, True)  # the group is in the title and in the filter
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        self.count_label = QLabel()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(self.view)
        layout.addWidget(self.count_label)

    def set_rows(self, rows: list[dict], select_uuid: str | None = None) -> None:
        self.view.selectionModel().blockSignals(True)
        self.model.set_rows(rows)
        self.view.selectionModel().blockSignals(False)
        self._update_count()
        if select_uuid:
            self.select(select_uuid, notify=False)

    def select(self, uuid: str, notify: bool = True) -> bool:
        source_row = self.model.row_for_uuid(uuid)
        if source_row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(source_row, 0))
        if not index.isValid():
            return False
        select_row(self.view, index, notify)
        return True

    def _apply_filters(self, *_) -> None:
        def date(edit) -> str | None:
            return edit.iso()

        # Filtering only changes what the list shows: the open consultation stays open even
        # when the filter hides it, and no other one is opened behind the officer's back.
        current = self.view.currentIndex().data(UUID_ROLE)
        selection = self.view.selectionModel()
        selection.blockSignals(True)
        try:
            self.proxy.set_criteria(group=self.group.currentData(), province=self.province.currentData(),
                                    status=self.status.currentData(), date_from=date(self.date_from),
                                    date_to=date(self.date_to), text=self.search.text())
            if not (current and self.select(current, notify=False)):
                selection.clear()
        finally:
            selection.blockSignals(False)
        self.view.viewport().update()
        self._update_count()

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self.stop()
        super().hideEvent(event)

    def stop(self) -> None:
        """No pending search: a closing window must not search a database being closed."""
        self._content_timer.stop()

    def _search_content(self) -> None:
        text = self.search.text().strip()
        matches = self._find_in_content(text) if self._find_in_content and len(text) >= 2 else set()
        if matches != self.proxy.content_matches:
            self.proxy.content_matches = matches
            self._apply_filters()

    def _update_count(self) -> None:
        if self.proxy.rowCount() == 0 and self.model.rowCount() > 0:
            self.count_label.setText(self.tr("No consultation matches the search and filters.")
                                     if self.search.text().strip() else
                                     self.tr("No consultation matches the filters."))
            return
        self.count_label.setText(self.tr("%1 of %2 consultations").replace(
            "%1", str(self.proxy.rowCount())).replace("%2", str(self.model.rowCount())))

    def _current_changed(self, current, previous) -> None:
        self.consultation_chosen.emit(current.data(UUID_ROLE) if current.isValid() else None)
