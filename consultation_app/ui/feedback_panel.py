"""Feedback on the selected recommendation: its entries in the open consultation and an
editor. An entry is created by the first keystroke in a blank editor, then saved as typed."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from consultation_app.domain.reference import ReferenceLists
from consultation_app.ui.binder import FieldBinder, fill_combo, name_from_labels, wrap_when_narrow
from consultation_app.ui.khmer_breaks import with_word_breaks
from consultation_app.ui.models.record_list_model import UUID_ROLE, RecordListModel
from consultation_app.ui.record_editor import RecordEditor

NARROW_EDITOR = 560  # narrower than this, labels sit above their fields (full-width Khmer combo boxes)
TALL_EDITOR = 470  # lower than this, priority and assessment keep their labels beside them


def _form() -> QFormLayout:
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    # Long labels (Khmer, 150% scaling) go above their field rather than widen the form.
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
    return form


class FeedbackPanel(RecordEditor):
    entry_selected = Signal(object)   # uuid or None (blank editor for a new entry)

    def __init__(self, reference: ReferenceLists, language: str = "en", parent=None):
        super().__init__(parent)
        self.reference = reference
        self.title = QLabel(self.tr("Select a recommendation"))
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.title.setObjectName("recommendation_text")

        self.model = RecordListModel([
            (self.tr("Priority"), lambda r: reference.label("priorities", r["priority"], language)),
            (self.tr("Assessment"), lambda r: reference.label("implementation_assessments",
                                                              r["implementation_assessment"], language)),
            (self.tr("Comment"), lambda r: r["comment"]),
            (self.tr("Sensitive"), lambda r: self.tr("yes") if r["sensitive"] else ""),
        ], self)
        self.entries = self.table = QTableView()
        self.entries.setObjectName("feedback_entries")
        self.entries.setAccessibleName(self.tr("Feedback entries"))
        self.entries.setModel(self.model)
        self.entries.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.entries.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.entries.horizontalHeader().setStretchLastSection(False)
        self.entries.horizontalHeader().setSectionResizeMode(2, self.entries.horizontalHeader().ResizeMode.Stretch)
        self.entries.verticalHeader().hide()
        self.entries.selectionModel().currentRowChanged.connect(self._row_changed)

        self.binder = FieldBinder(self.edited.emit, self)
        bind = self.binder.bind

        def enum(name: str, field: str) -> QComboBox:
            combo = fill_combo(QComboBox(), [(i.label(language), i.key) for i in reference.items(name)])
            bind(field, combo)
            return combo

        def text(field: str, lines: int = 3) -> QPlainTextEdit:
            edit = QPlainTextEdit()
            edit.setTabChangesFocus(True)
            # In lines of the font, not pixels: never a one-line strip (Khmer is tall, 150% scales it).
            edit.setMinimumHeight(edit.fontMetrics().lineSpacing() * lines + 12)
            bind(field, edit)
            return edit

        # What is written at every entry (priority, assessment, the comment) sits in a pane of its
        # own whose comment box takes the room; the rarer fields scroll below it. A scrolling
        # editor with the comment at its bottom showed one line at 1366x768 and 150% in Khmer.
        top_form = self.top_form = _form()
        top_form.addRow(self.tr("Pr&iority"), enum("priorities", "priority"))
        top_form.addRow(self.tr("Implementation &assessment"), enum("implementation_assessments",
                                                                    "implementation_assessment"))
        comment = text("comment", 5)
        comment.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        top_form.addRow(self.tr("Co&mment"), comment)  # Alt+C opens the Capture menu
        name_from_labels(top_form)
        form = self.form = _form()
        form.addRow(self.tr("Verbatim &quote"), text("quote"))
        form.addRow(self.tr("Quote translation"), text("quote_translation"))
        form.addRow(self.tr("Suggested actions"), text("suggested_actions"))
        form.addRow(self.tr("Responsible institutions"), bind("responsible_institutions", QLineEdit()))
        form.addRow(self.tr("Attribution"), enum("attribution", "attribution"))
        form.addRow(self.tr("Attributed to (only with consent)"), bind("attributed_to", QLineEdit()))
        sensitive = QCheckBox(self.tr("&Sensitive: leave out of exports unless chosen"))
        form.addRow(bind("sensitive", sensitive))
        name_from_labels(form)
        sensitive.setAccessibleName(self.tr("Sensitive"))
        self.status = QLabel()
        self.status.setObjectName("feedback_status")
        self.status.setWordWrap(True)

        self.new_button = QPushButton(self.tr("New entry"))
        self.new_button.setToolTip(self.tr("Ctrl+E"))
        self.new_button.clicked.connect(self.new_requested.emit)
        self.delete_button = QPushButton(self.tr("Delete entry"))
        self.delete_button.setToolTip(self.tr("Ctrl+Delete; undo with Ctrl+Z"))
        self.delete_button.clicked.connect(self._delete_clicked)
        self.history_button = QPushButton(self.tr("History…"))
        self.history_button.setObjectName("feedback_history")
        self.history_button.setToolTip(self.tr("Who changed this entry, on which device and when"))
        self.history_button.clicked.connect(self._history_clicked)
        # Rare and destructive: apart from the everyday buttons, and it asks first.
        self.withdraw_button = QPushButton(self.tr("Withdraw what this person said…"))
        self.withdraw_button.setObjectName("feedback_withdraw")
        self.withdraw_button.setToolTip(self.tr("The person takes back what they said: the words are wiped for "
                                                "good, here and at the central office"))
        self.withdraw_button.clicked.connect(self._withdraw_clicked)

        entries_pane = QWidget()  # the entries and the everyday buttons that act on them
        entries_layout = QVBoxLayout(entries_pane)
        entries_layout.setContentsMargins(0, 0, 0, 0)
        entries_layout.addWidget(self.entries, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.delete_button)
        buttons.addWidget(self.history_button)
        buttons.addStretch()
        entries_layout.addLayout(buttons)
        self.entries.setMinimumHeight(self.entries.verticalHeader().defaultSectionSize() * 2 + 4)

        writing = QWidget()
        writing_layout = QVBoxLayout(writing)
        writing_layout.setContentsMargins(0, 0, 0, 0)
        writing_layout.addLayout(top_form, 1)
        writing_layout.addWidget(self.status)

        rest = QWidget()
        rest_layout = QVBoxLayout(rest)
        rest_layout.setContentsMargins(0, 0, 0, 0)
        rest_layout.addLayout(form)
        rare = QHBoxLayout()  # on its own line: long (longer in Khmer), and not an everyday button
        rare.addWidget(self.withdraw_button)
        rare.addStretch()
        rest_layout.addLayout(rare)
        rest_layout.addStretch()
        scroll = QScrollArea()  # the rarer fields scroll rather than force a tall window
        self.editor_scroll = scroll
        scroll.setWidget(rest)
        scroll.setWidgetResizable(True)
        scroll.setMinimumHeight(1)  # it gives way first (a set minimum: the splitter ignores the hint)

        split = self.split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(entries_pane)
        split.addWidget(writing)
        split.addWidget(scroll)
        split.setCollapsible(0, False)
        split.setCollapsible(1, False)
        split.setStretchFactor(0, 0)
        split.setStretchFactor(1, 3)
        split.setStretchFactor(2, 2)
        split.setSizes([110, 260, 200])  # the comment, where the typing happens, gets the room
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(split, 1)
        self.set_editable(False)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        wrap_when_narrow(self.form, self.width(), NARROW_EDITOR)
        # Labels above priority and assessment cost two lines: only where the height allows,
        # else the comment box would lose them.
        wrap_when_narrow(self.top_form, self.width() if self.height() >= TALL_EDITOR else NARROW_EDITOR,
                         NARROW_EDITOR)

    # -- what the window tells the panel ------------------------------------------
    def show_recommendation(self, rec: dict | None, language: str = "en") -> None:
        if rec is None:
            self.title.setText(self.tr("Select a recommendation"))
            return
        text = rec["text_km"] if language == "km" and rec.get("text_km") else rec["text"]
        sdgs = ", ".join(str(goal) for goal in rec["sdgs"])
        theme = rec["theme_km"] if language == "km" and rec.get("theme_km") else rec["theme"]
        text, theme = with_word_breaks(text), with_word_breaks(theme)  # wrapped between Khmer words
        self.title.setText(f"<b>{rec['code']}</b> — {text}<br><small>{theme} · SDG {sdgs}</small>")

    def set_entries(self, rows: list[dict], select_uuid: str | None = None) -> None:
        self.set_records(rows, select_uuid)

    def start_new_entry(self, first_field: str = "comment") -> None:
        """A blank editor, scrolled to its top, the cursor in ``first_field``: nobody types
        blind into a box below the edge of the screen."""
        self.start_new(first_field)
        self.editor_scroll.verticalScrollBar().setValue(0)
        widget = self.binder.widgets[first_field]
        widget.setFocus()
        self.editor_scroll.ensureWidgetVisible(widget)

    entry_saved = RecordEditor.record_saved

    def show_status(self, message: str) -> None:
        self.status.setText(message)

    # -- internals -----------------------------------------------------------------
    def blank(self) -> dict:
        return {"attribution": "anonymous"}

    def _load(self, row: dict | None) -> None:
        super()._load(row)
        self.entry_selected.emit(self.current_uuid)

    def _withdraw_clicked(self) -> None:
        self._confirm_withdraw(
            self.tr("Withdraw what this person said"),
            self.tr("The person who said this takes it back. Wipe this entry for good?\n\n"
                    "Everything written in it (comment, quote, translation, suggested actions, institutions and "
                    "the name it is attributed to) is erased from this laptop now, and from the central office's "
                    "database once your next export is merged there. This cannot be undone.\n\n"
                    "It is NOT erased from backups or copies of the database made before now (the app's own "
                    "backups folder included), nor from export files already written or given away (on this "
                    "laptop, USB sticks, e-mail, the central office's folders): find and delete those by hand."))

    def selected_uuid(self) -> str | None:
        index = self.entries.currentIndex()
        return index.data(UUID_ROLE) if index.isValid() else None
