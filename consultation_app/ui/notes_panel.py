"""Notes on issues raised that no recommendation covers, tagged by theme."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from consultation_app.ui.binder import FieldBinder, fill_combo, name_from_labels
from consultation_app.ui.models.record_list_model import RecordListModel
from consultation_app.ui.record_editor import RecordEditor


class NotesPanel(RecordEditor):
    def __init__(self, themes: list[tuple[str, str]], parent=None):
        super().__init__(parent)
        theme_labels = dict((key, label) for label, key in themes)
        self.model = RecordListModel([
            (self.tr("Theme"), lambda r: theme_labels.get(r["theme"], r["theme"])),
            (self.tr("Title"), lambda r: r["title"]),
            (self.tr("Note"), lambda r: r["text"]),
        ], self)
        self.list = self.table = QTableView()
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
        text.setObjectName("note_text")
        # Notes are the officer's own observations: consent (domain/consent.py) governs quotes,
        # which live in a feedback entry's quote field; a note has no quote and no attribution.
        text.setPlaceholderText(self.tr("Your own observations. Put a person's words in a feedback entry's "
                                        "quote, where their consent governs them."))
        form.addRow(self.tr("Note &text"), self.binder.bind("text", text))  # Alt+N is the Notes tab
        form.addRow("", self.binder.bind("sensitive", QCheckBox(self.tr("Sensitive"))))
        name_from_labels(form)
        self.new_button = QPushButton(self.tr("New note"))
        self.new_button.clicked.connect(self.new_requested.emit)
        self.delete_button = QPushButton(self.tr("Delete note"))
        self.delete_button.clicked.connect(self._delete_clicked)
        self.history_button = QPushButton(self.tr("History…"))
        self.history_button.clicked.connect(self._history_clicked)
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
        self.set_records(rows, select_uuid)

    def start_new_note(self) -> None:
        self.start_new("text")

    note_saved = RecordEditor.record_saved

    def _withdraw_clicked(self) -> None:
        self._confirm_withdraw(
            self.tr("Withdraw this note"),
            self.tr("The people this note speaks for take it back. Wipe the note for good?\n\n"
                    "Its title and text are erased from this laptop now, and from the central office's database "
                    "once your next export is merged there. This cannot be undone.\n\n"
                    "It is NOT erased from backups made before now, nor from export files already written or "
                    "given away: find and delete those by hand."))
