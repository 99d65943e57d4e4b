"""A consultation's details: every field of the model, saved as it is typed."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from consultation_app.domain.records import PARTICIPANT_SUBSETS, PARTICIPANT_TOTAL_PARTS, participant_total
from consultation_app.domain.reference import ReferenceLists
from consultation_app.ui.binder import (
    FieldBinder,
    check_list,
    collated,
    date_edit,
    fill_combo,
    name_from_labels,
    wrap_when_narrow,
)
from consultation_app.ui.messages import describe_problems


class ConsultationForm(QWidget):
    edited = Signal(str, object)  # field, value
    finalise_requested = Signal()
    reopen_requested = Signal()

    def __init__(self, reference: ReferenceLists, language: str = "en", parent=None):
        super().__init__(parent)
        self.reference = reference
        self.language = language
        self.binder = FieldBinder(self._field_edited, self)
        bind = self.binder.bind

        def enum(name: str, field: str) -> QComboBox:
            items = [(item.label(language), item.key) for item in reference.items(name)]
            if name == "provinces":  # no order of its own: alphabetical in the reader's language
                items = collated(items, language)
            return bind(field, fill_combo(QComboBox(), items))

        def line(field: str) -> QLineEdit:
            return bind(field, QLineEdit())

        def text(field: str, height: int = 70) -> QPlainTextEdit:
            edit = QPlainTextEdit()
            edit.setTabChangesFocus(True)  # Tab moves on: speed of entry
            edit.setMinimumHeight(height)
            return bind(field, edit)

        def count(field: str) -> QSpinBox:
            spin = QSpinBox()
            spin.setRange(0, 100_000)
            return bind(field, spin)

        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setObjectName("consultation_banner")
        self.banner.hide()
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color: #a01010;")
        self.problems.setObjectName("consultation_problems")

        where = QFormLayout()
        self.form = where
        where.addRow(self.tr("&Title"), line("title"))
        where.addRow(self.tr("Stakeholder &group"), enum("stakeholder_groups", "stakeholder_group"))
        where.addRow(self.tr("Group detail"), line("stakeholder_group_detail"))
        where.addRow(self.tr("&Province"), enum("provinces", "province"))
        where.addRow(self.tr("District"), line("district"))
        where.addRow(self.tr("Commune"), line("commune"))
        where.addRow(self.tr("Venue"), line("venue"))
        dates = QHBoxLayout()
        dates.addWidget(bind("start_date", date_edit()))
        dates.addWidget(QLabel(self.tr("to")))
        dates.addWidget(bind("end_date", date_edit()))
        self.binder.widgets["start_date"].setAccessibleName(self.tr("Start date"))
        self.binder.widgets["end_date"].setAccessibleName(self.tr("End date"))
        dates.addStretch()
        where.addRow(self.tr("Dates"), dates)
        where.addRow(self.tr("Facilitator"), line("facilitator"))
        where.addRow(self.tr("Note-taker"), line("note_taker"))
        where.addRow(self.tr("Languages used"), bind("languages", check_list(
            [(item.label(language), item.key) for item in reference.items("languages")])))
        where.addRow(self.tr("Interpretation"), line("interpretation"))
        where.addRow(self.tr("Organisations represented"), text("organisations", 50))
        where.addRow(self.tr("Consent and attribution"), enum("consent_policies", "consent_policy"))
        where.addRow(self.tr("Summary"), text("summary"))
        where.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        # Long labels (Khmer, 150% scaling) go above their field rather than widen the form.
        where.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        name_from_labels(where)

        counts = QGroupBox(self.tr("Participants (counts only, never names)"))
        grid = QGridLayout(counts)
        labels = {
            "participants_women": self.tr("Women"), "participants_men": self.tr("Men"),
            "participants_other": self.tr("Other or undisclosed"), "participants_youth": self.tr("of whom youth"),
            "participants_disabilities": self.tr("of whom persons with disabilities"),
            "participants_indigenous": self.tr("of whom indigenous"),
        }
        for i, field in enumerate(PARTICIPANT_TOTAL_PARTS + PARTICIPANT_SUBSETS):
            label = QLabel(labels[field])
            spin = count(field)
            spin.setAccessibleName(labels[field])
            label.setBuddy(spin)
            grid.addWidget(label, i % 3, (i // 3) * 2)
            grid.addWidget(spin, i % 3, (i // 3) * 2 + 1)
        self.total_label = QLabel()
        self.total_label.setObjectName("participants_total")
        grid.addWidget(self.total_label, 3, 0, 1, 4)

        # Alt+S and Alt+O: Alt+F opens the File menu, Alt+R the Recommendations tab.
        self.finalise_button = QPushButton(self.tr("Finali&se consultation…"))
        self.finalise_button.setObjectName("finalise_consultation")
        self.finalise_button.clicked.connect(self._finalise_clicked)
        self.reopen_button = QPushButton(self.tr("Re&open for editing"))
        self.reopen_button.setObjectName("reopen_consultation")
        self.reopen_button.clicked.connect(self.reopen_requested.emit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.finalise_button)
        buttons.addStretch()
        # A final consultation says so at the top, Reopen beside it: never below the edge of a small screen.
        top = QHBoxLayout()
        top.addWidget(self.banner, 1)
        top.addWidget(self.reopen_button)

        inner = QWidget()
        layout = QVBoxLayout(inner)
        self.sections = layout  # other parts of the Details tab (consent) are inserted here
        layout.addLayout(where)
        layout.addWidget(counts)
        layout.addWidget(self.problems)
        layout.addLayout(buttons)
        layout.addStretch()
        scroll = QScrollArea()
        scroll.setWidget(inner)
        scroll.setWidgetResizable(True)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(top)
        outer.addWidget(scroll)
        self.load(None)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        wrap_when_narrow(self.form, self.width(), 600)

    def _field_edited(self, field: str, value) -> None:
        self._update_total()
        self.edited.emit(field, value)

    def _update_total(self) -> None:
        values = {field: self.binder.value(field) for field in PARTICIPANT_TOTAL_PARTS + PARTICIPANT_SUBSETS}
        total = participant_total(values)
        too_many = [field for field in PARTICIPANT_SUBSETS if values[field] > total]
        self.total_label.setText(self.tr("Total participants: %n", "", total))
        self.total_label.setStyleSheet("color: #a01010;" if too_many else "")
        if too_many:
            self.total_label.setText(self.total_label.text() + " — " + self.tr(
                "youth, persons with disabilities and indigenous participants are part of this total"))

    def load(self, row: dict | None) -> None:
        self.binder.load(row)
        self._update_total()
        final = bool(row and row["status"] == "final")
        self.binder.set_read_only(row is None or final)
        self.finalise_button.setVisible(bool(row) and not final)
        self.reopen_button.setVisible(final)
        self.banner.setVisible(final)
        self.banner.setText(self.tr("This consultation is final and locked against edits. "
                                    "Reopen it to change anything."))
        self.show_problems({})

    def label(self, field: str) -> str:
        """A field's visible label, as the officer reads it."""
        widget = self.binder.widgets.get(field)
        return (widget.accessibleName() if widget is not None else "") or field

    def show_problems(self, problems: dict[str, str]) -> None:
        self.problems.setText("\n".join(describe_problems(problems, self.label)))
        self.problems.setVisible(bool(problems))

    def _finalise_clicked(self) -> None:
        answer = QMessageBox.question(
            self, self.tr("Finalise consultation"),
            self.tr("Finalise this consultation? It is then locked against edits until someone reopens it."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel)
        if answer == QMessageBox.StandardButton.Yes:
            self.finalise_requested.emit()
