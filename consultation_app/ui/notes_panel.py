"""Notes on issues raised that no recommendation covers, tagged by theme."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QFormLayout, QHBoxLayout, QLineEdit,
                               QMessageBox, QPlainTextEdit, QPushButton, QScrollArea, QSplitter, QTableView,
                               QVBoxLayout, QWidget)

from consultation_app.ui.binder import FieldBinder, fill_combo, name_from_labels
from consultation_app.ui.models.record_list_model import RecordListModel
from consultation_app.ui.views import select_row


class NotesPanel(QWidget):
    edited = Signal(str, object)
    focus_left = Signal()
    new_requested = Signal()
    delete_requested = Signal(str)
    history_requested = Signal(str)   # uuid: show the note's audit trail
    withdraw_requested = Signal(str)  # uuid, after the officer confirmed: wipe what was written

    def __init__(self, themes: list[tuple[str, str]], parent=None):
        super().__init__(parent)
        self.current_uuid: str | None = None
        theme_labels = dict((key, label) for label, key in themes)
        self.model = RecordListModel([
            (self.tr("Theme"), lambda r: theme_labels.get(r["theme"], r["theme"])),
            (self.tr("Title"), lambda r: r["title"]),
            (self.tr("Note"), lambda r: r["text"]),
        ], self)
        self.list = QTableView()
        self.list.setObjectName("notes_list")
        self.list.setAccessibleName(self.tr("Notes"))
        self.list.setModel(self.model)
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.horizontalHeader().setStretchLastSection(True)
        self.list.verticalHeader().hide()
        self.list.selectionModel().currentRowChanged.connect(self._row_changed)

        self.binder = FieldBinder(self.edited.emit, self)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        # Long labels (Khmer, 150% scaling) go above their field rather than widen the form.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(self.tr("T&heme"), self.binder.bind("theme", fill_combo(QComboBox(), themes)))
        form.addRow(self.tr("Title"), self.binder.bind("title", QLineEdit()))
        text = QPlainTextEdit()
        text.setTabChangesFocus(True)
        form.addRow(self.tr("Note &text"), self.binder.bind("text", text))  # Alt+N is the Notes tab
        form.addRow("", self.binder.bind("sensitive", QCheckBox(self.tr("Sensitive"))))
        name_from_labels(form)
        self.new_button = QPushButton(self.tr("New note"))
        self.new_button.clicked.connect(self.new_requested.emit)
        self.delete_button = QPushButton(self.tr("Delete note"))
        self.delete_button.clicked.connect(lambda: self.current_uuid and self.delete_requested.emit(self.current_uuid))
        self.history_button = QPushButton(self.tr("History…"))
        self.history_button.clicked.connect(
            lambda: self.current_uuid and self.history_requested.emit(self.current_uuid))
        self.withdraw_button = QPushButton(self.tr("Withdraw this note…"))
        self.withdraw_button.clicked.connect(self._withdraw_clicked)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.delete_button)
        buttons.addWidget(self.history_button)
        buttons.addWidget(self.withdraw_button)
        buttons.addStretch()
        editor = QWidget()
        editor_layout = QVBoxLayout(editor)
        editor_layout.addLayout(form)
        editor_layout.addLayout(buttons)
        scroll = QScrollArea()
        scroll.setWidget(editor)
        scroll.setWidgetResizable(True)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.list)
        split.addWidget(scroll)
        layout = QVBoxLayout(self)
        layout.addWidget(split)
        self.set_editable(False)

    def set_notes(self, rows: list[dict], select_uuid: str | None = None) -> None:
        self.model.set_rows(rows)
        row = self.model.row_for_uuid(select_uuid) if select_uuid else (0 if rows else -1)
        if row >= 0:
            select_row(self.list, self.model.index(row, 0))
        self._load(self.model.row_data(row) if row >= 0 else None)

    def start_new_note(self) -> None:
        self.list.clearSelection()
        self._load(None)
        self.binder.widgets["text"].setFocus()

    def note_saved(self, row: dict) -> None:
        if self.model.row_for_uuid(row["uuid"]) < 0:
            self.current_uuid = row["uuid"]
            rows = [self.model.row_data(i) for i in range(self.model.rowCount())] + [row]
            self.model.set_rows(rows)
            self.history_button.setEnabled(True)  # it exists now
            self.withdraw_button.setEnabled(True)
        else:
            self.model.update_row(row)

    def set_editable(self, editable: bool) -> None:
        self.binder.set_read_only(not editable)
        self.new_button.setEnabled(editable)
        self.delete_button.setEnabled(editable)

    def _load(self, row: dict | None) -> None:
        self.current_uuid = row["uuid"] if row else None
        self.binder.load(row)
        # Also in a final consultation: history can be read, and a withdrawal must not wait.
        self.history_button.setEnabled(self.current_uuid is not None)
        self.withdraw_button.setEnabled(self.current_uuid is not None)

    def _withdraw_clicked(self) -> None:
        uuid = self.current_uuid
        if not uuid:
            return
        answer = QMessageBox.question(
            self, self.tr("Withdraw this note"),
            self.tr("The people this note speaks for take it back. Wipe the note for good?\n\n"
                    "Its title and text are erased from this laptop now, and from the central office's database "
                    "once your next export is merged there. This cannot be undone.\n\n"
                    "It is NOT erased from backups made before now, nor from export files already written or "
                    "given away: find and delete those by hand."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        if answer == QMessageBox.StandardButton.Yes and uuid == self.current_uuid:
            self.withdraw_requested.emit(uuid)

    def _row_changed(self, current, previous) -> None:
        if current.isValid():
            self.focus_left.emit()
            self._load(self.model.row_data(current.row()))
