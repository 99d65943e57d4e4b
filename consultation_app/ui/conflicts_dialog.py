"""Review merge conflicts: the same record at the same revision arrived with different
content. Both versions are shown side by side, field by field; a person keeps one."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from consultation_app.domain.conflicts import CONFLICT_KINDS
from consultation_app.domain.implementation import IMPLEMENTATION, status_label
from consultation_app.domain.records import (
    BOOL,
    CONSULTATION,
    ENUM,
    ENUM_LIST,
    FEEDBACK,
    RecordKind,
    canonical_value,
    utc_now,
)
from consultation_app.domain.text import printable
from consultation_app.errors import AppError
from consultation_app.exchange.implementation_sheets import IMPLEMENTATION_COLUMNS
from consultation_app.exchange.workbook_format import record_columns
from consultation_app.storage import errors, merge_store
from consultation_app.ui.error_text import error_text, said_text
from consultation_app.ui.window_fit import place_window, remember_window

CONFLICT_ROLE = Qt.ItemDataRole.UserRole + 1
FIELD_ROLE = Qt.ItemDataRole.UserRole + 2
DIFFER_BACKGROUND, DIFFER_TEXT = "#ffe3a3", "#4d3200"


def differing_fields(kind: RecordKind, current: dict | None, incoming: dict) -> list[str]:
    current = current or {}
    names = [name for name in kind.field_names
             if canonical_value(current.get(name)) != canonical_value(incoming.get(name))]
    if bool(current.get("deleted")) != bool(incoming.get("deleted")):
        names.append("deleted")
    return names


PLACE = "ui.conflicts_dialog"  # window_fit


class ConflictsDialog(QDialog):
    resolved = Signal()  # a conflict was decided: the held records may have changed

    def __init__(self, workspace, language: str = "en", parent=None):
        super().__init__(parent)
        self.workspace = workspace
        self.language = language
        self.conflicts: list[dict] = []
        self.differing: list[str] = []
        self.resolved_count = 0
        self.setWindowTitle(self.tr("Review merge conflicts"))
        self.counts = QLabel()
        self.counts.setObjectName("conflict_counts")
        font = self.counts.font()
        font.setBold(True)
        self.counts.setFont(font)
        explain = QLabel(self.tr("The same record came back from two places at the same revision with different "
                                 "content. Both versions were kept; choose the one that stays."))
        explain.setWordWrap(True)

        self.list = QListWidget()
        self.list.setWordWrap(True)  # a consultation's title whole, not cut at the list's edge
        self.list.setAccessibleName(self.tr("Open conflicts"))
        self.list.currentRowChanged.connect(lambda row: self._show_conflict())
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.PlainText)  # titles and reasons come from files: never markup
        self.heading.setWordWrap(True)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.only_differing = QCheckBox(self.tr("Show only the fields that differ"))
        self.only_differing.toggled.connect(lambda on: self._show_conflict())
        self.fields = QTableWidget(0, 3)
        self.fields.setAccessibleName(self.tr("Current and incoming versions, field by field"))
        self.fields.setHorizontalHeaderLabels([self.tr("Field"), self.tr("Current (kept here)"),
                                               self.tr("Incoming (from the file)")])
        self.fields.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.fields.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.fields.setWordWrap(True)
        self.fields.verticalHeader().hide()
        header = self.fields.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.message = QLabel()
        self.message.setObjectName("conflict_message")
        self.message.setWordWrap(True)
        self.message.hide()

        self.keep_button = QPushButton(self.tr("&Keep current"))
        self.keep_button.setToolTip(self.tr("The version held here stays; the incoming one is set aside"))
        self.keep_button.clicked.connect(lambda: self.resolve(False))
        self.take_button = QPushButton(self.tr("&Take incoming"))
        self.take_button.setToolTip(self.tr("The version from the file replaces the one held here"))
        self.take_button.clicked.connect(lambda: self.resolve(True))
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.keep_button)
        buttons.addWidget(self.take_button)
        buttons.addStretch()
        buttons.addWidget(close)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.heading)
        right_layout.addWidget(self.only_differing)
        right_layout.addWidget(self.fields, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.list)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([280, 820])
        layout = QVBoxLayout(self)
        layout.addWidget(self.counts)
        layout.addWidget(explain)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        place_window(self, workspace.db, PLACE, QSize(1100, 680))
        self.reload()

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt's name
        remember_window(self, self.workspace.db, PLACE)
        super().hideEvent(event)

    # -- the list --------------------------------------------------------------------
    def reload(self, select_row: int = 0) -> None:
        self.conflicts = merge_store.open_conflicts(self.workspace.db)
        self.list.blockSignals(True)
        self.list.clear()
        for conflict in self.conflicts:
            item = QListWidgetItem(self._list_label(conflict))
            item.setData(CONFLICT_ROLE, conflict["id"])
            self.list.addItem(item)
        self.list.blockSignals(False)
        if self.conflicts:
            self.list.setCurrentRow(min(select_row, len(self.conflicts) - 1))
        self._show_conflict()
        self._update_counts()

    def _update_counts(self) -> None:
        count = len(self.conflicts)
        text = (self.tr("%1 conflict(s) to review").replace("%1", str(count)) if count
                else self.tr("No conflicts left to review."))
        if self.resolved_count:
            text += " " + self.tr("(%1 resolved now)").replace("%1", str(self.resolved_count))
        self.counts.setText(text)

    def _kind(self, conflict: dict) -> RecordKind:
        return CONFLICT_KINDS[conflict["record_table"]]

    def _kind_label(self, kind: RecordKind) -> str:
        return {CONSULTATION.table: self.tr("Consultation"), FEEDBACK.table: self.tr("Feedback"),
                IMPLEMENTATION.table: self.tr("Implementation status")}.get(kind.table, self.tr("Note"))

    def _record_name(self, kind: RecordKind, record: dict) -> str:
        """What central staff recognise: the consultation's title, then the entry itself."""
        if kind is CONSULTATION:
            return record.get("title") or self.tr("(untitled)")
        if kind is IMPLEMENTATION:  # two central copies' versions of one recommendation's record
            return f"{record.get('catalog_id') or ''} {record.get('recommendation_code') or ''}".strip()
        consultation = merge_store.current_record(self.workspace.db, CONSULTATION,
                                                  record.get("consultation_uuid") or "") or {}
        where = consultation.get("title") or self.tr("(untitled)")
        if kind is FEEDBACK:
            comment = record.get("comment") or ""
            return (f"{where} — {record.get('recommendation_code') or ''} · "
                    f"{comment[:40]}{'…' if len(comment) > 40 else ''}")
        return f"{where} — {record.get('title') or self.tr('(untitled)')}"

    def _list_label(self, conflict: dict) -> str:
        kind = self._kind(conflict)
        record = merge_store.current_record(self.workspace.db, kind, conflict["record_uuid"]) or conflict["incoming"]
        return f"{self._kind_label(kind)}: {self._record_name(kind, record)}\n" + self.tr(
            "revision %1 · found %2").replace("%1", str(conflict["revision"])).replace(
            "%2", conflict["detected_at"][:16].replace("T", " "))

    def current_conflict(self) -> dict | None:
        row = self.list.currentRow()
        return self.conflicts[row] if 0 <= row < len(self.conflicts) else None

    # -- the comparison --------------------------------------------------------------
    def _format(self, kind: RecordKind, name: str, value) -> str:
        if name == "deleted":
            return self.tr("deleted") if value else self.tr("not deleted")
        field = kind.field(name)
        if value is None or value == "" or value == () or value == []:
            return "—"
        if name == "consultation_uuid":  # the consultation by its title, not by its id
            consultation = merge_store.current_record(self.workspace.db, CONSULTATION, str(value))
            if consultation is not None:
                return consultation.get("title") or self.tr("(untitled)")
        if field.kind == BOOL:
            return self.tr("Yes") if value else self.tr("No")
        if kind is IMPLEMENTATION and name == "status":
            return status_label(value, self.language)
        if field.kind == ENUM:
            return self.workspace.reference.label(field.reference, value, self.language)
        if field.kind == ENUM_LIST:
            return ", ".join(self.workspace.reference.label(field.reference, item, self.language) for item in value)
        return str(value)

    def _show_conflict(self) -> None:
        conflict = self.current_conflict()
        self.fields.setRowCount(0)
        self.differing = []
        self.keep_button.setEnabled(conflict is not None)
        self.take_button.setEnabled(conflict is not None)
        if conflict is None:
            self.heading.setText(self.tr("Nothing to review: every merged record agrees."))
            return
        kind = self._kind(conflict)
        incoming = conflict["incoming"]
        current = merge_store.current_record(self.workspace.db, kind, conflict["record_uuid"])
        self.differing = differing_fields(kind, current, incoming)
        device_name = merge_store.device_name(self.workspace.db, conflict["device_id"])
        self.heading.setText(self.tr("%1 “%2”, revision %3. The incoming version came from %4 (export %5); "
                                     "fields that differ: %6.").replace(
            "%1", self._kind_label(kind)).replace("%2", self._record_name(kind, current or incoming)).replace(
            "%3", str(conflict["revision"])).replace("%4", device_name or conflict["device_id"]).replace(
            "%5", conflict["export_id"][:8]).replace("%6", str(len(self.differing))))
        if conflict.get("reason"):  # not a plain conflict: a record its file may not speak for, or a clone
            # in the interface language when stored with its key; an older row says its English text
            # (a restored database may hold any text there: direction controls written out, and
            # cut to what a person reads, so two million characters never reach the layout)
            self.heading.setText(self.heading.text() + "\n" + self.tr("Why it waits for you: %1").replace(
                "%1", _readable(said_text(conflict["reason"]))))
        self.heading.setToolTip(self.tr("Record id %1").replace("%1", conflict["record_uuid"]))
        labels = {column.key: (column.label_km if self.language == "km" and column.label_km else column.label_en)
                  for column in (IMPLEMENTATION_COLUMNS if kind is IMPLEMENTATION else record_columns(kind))}
        if kind is IMPLEMENTATION:  # the status shown by its label, as the matrix says it
            labels["status"] = labels["status_label"]
        names = list(kind.field_names)
        if "deleted" in self.differing or (current or {}).get("deleted") or incoming.get("deleted"):
            names.append("deleted")
        if self.only_differing.isChecked():
            names = [name for name in names if name in self.differing]
        bold = QFont(self.fields.font())
        bold.setBold(True)
        for name in names:
            row = self.fields.rowCount()
            self.fields.insertRow(row)
            values = (labels.get(name, name),
                      self._format(kind, name, (current or {}).get(name)) if current else self.tr("(not held)"),
                      self._format(kind, name, incoming.get(name)))
            for column, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setData(FIELD_ROLE, name)
                item.setToolTip(text)
                if name in self.differing:
                    item.setBackground(QBrush(QColor(DIFFER_BACKGROUND)))
                    item.setForeground(QBrush(QColor(DIFFER_TEXT)))
                    item.setFont(bold)
                self.fields.setItem(row, column, item)
        self.fields.resizeRowsToContents()
        self._scroll_to_difference()

    def _scroll_to_difference(self) -> None:
        """The first field that differs at the top: on a short screen it may lie below the fold."""
        items = (self.fields.item(row, 0) for row in range(self.fields.rowCount()))
        first = next((item for item in items if item is not None and item.data(FIELD_ROLE) in self.differing), None)
        if first is not None:
            self.fields.scrollToItem(first, QAbstractItemView.ScrollHint.PositionAtTop)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        QTimer.singleShot(0, self._scroll_to_difference)  # once the table has its height

    def is_highlighted(self, name: str) -> bool:
        """Whether a field's row is shown highlighted (for tests and accessibility checks)."""
        for row in range(self.fields.rowCount()):
            item = self.fields.item(row, 1)
            if item is not None and item.data(FIELD_ROLE) == name:
                return item.background().color() == QColor(DIFFER_BACKGROUND)
        return False

    # -- deciding --------------------------------------------------------------------
    def resolve(self, take_incoming: bool) -> None:
        conflict = self.current_conflict()
        if conflict is None:
            return
        db = self.workspace.db
        row = self.list.currentRow()
        try:
            decided = merge_store.resolve_conflict(db, self._kind(conflict), conflict["id"], take_incoming,
                                                   utc_now())
        except Exception as error:
            if not isinstance(error, AppError) and not isinstance(error, errors.DATABASE_ERRORS):
                raise
            self.message.setStyleSheet("color: #a01010;")
            self.message.setText(error_text(error))
            self.message.show()
            return
        if not decided:
            self.message.setStyleSheet("color: #a01010;")
            self.message.setText(self.tr("Someone else decided this conflict meanwhile; the list is up to date "
                                         "again."))
            self.message.show()
            self.reload(row)
            return
        self.resolved_count += 1
        self.message.setStyleSheet("")
        self.message.setText(self.tr("Took the incoming version.") if take_incoming
                             else self.tr("Kept the current version."))
        self.message.show()
        self.reload(row)
        self.resolved.emit()


REASON_SHOWN = 2000  # characters of a stored reason the heading shows (the whole one is in `conflicts list --json`)


def _readable(reason: str) -> str:
    reason = printable(reason)
    return reason if len(reason) <= REASON_SHOWN else reason[:REASON_SHOWN] + "…"
