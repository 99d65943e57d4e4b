"""The consultation's consent, on its Details tab: how it was given, which text, its scope,
who may see what it covers, until when; saved as it is edited (services/consent.py); and
"Withdraw consent…", which wipes everything the consent covered."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from consultation_app.domain import consent as rules
from consultation_app.errors import AppError
from consultation_app.services import consent as consent_service
from consultation_app.storage import consent_store
from consultation_app.ui.binder import FieldBinder, date_edit, fill_combo, name_from_labels
from consultation_app.ui.error_text import error_text


class ConsentPanel(QGroupBox):
    """Bound to one consultation at a time (``load``); writes through ``records`` (a
    RecordStore)."""

    withdrawn = Signal(str)  # consultation uuid, after its consent was withdrawn and what it covered wiped

    def __init__(self, records: Any, language: str = "en", parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle(self.tr("Consent: what the people consulted agreed to"))
        self.setObjectName("consent_panel")
        self.records = records
        self.language = language
        self.consultation_uuid: str | None = None
        self.binder = FieldBinder(self._edited, self)
        bind = self.binder.bind
        given = {"verbal": self.tr("Verbal"), "written": self.tr("Written (signed form)"),
                 "none": self.tr("No consent given")}
        attribution = {"none": self.tr("Nobody: quotes are anonymous"), "group": self.tr("The stakeholder group"),
                       "organisation": self.tr("The organisation"), "name": self.tr("The person, by name")}
        visibility = {"field_team": self.tr("The field team only (stays on this laptop)"),
                      "central_office": self.tr("The central office"),
                      "public": self.tr("The public (reports may print it)")}
        form = QFormLayout()
        self.form = form
        form.addRow(self.tr("How consent was given"),
                    bind("given", fill_combo(QComboBox(), [(given[key], key) for key in rules.GIVEN])))
        version = QLineEdit()
        version.setPlaceholderText(self.tr("e.g. consent form v2, 2024"))
        form.addRow(self.tr("Consent text or its version"), bind("text_version", version))
        scope = QHBoxLayout()
        for field, label in (("quotes", self.tr("Quotes")), ("photos", self.tr("Photos")),
                             ("recordings", self.tr("Recordings"))):
            scope.addWidget(bind(field, QCheckBox(label)))
        scope.addStretch()
        form.addRow(self.tr("Agreed to"), scope)
        form.addRow(self.tr("What is said may be attributed to"),
                    bind("attribution", fill_combo(QComboBox(),
                                                   [(attribution[key], key) for key in rules.ATTRIBUTION_LEVELS])))
        form.addRow(self.tr("Who may see it"),
                    bind("visibility", fill_combo(QComboBox(), [(visibility[key], key) for key in rules.VISIBILITIES])))
        form.addRow(self.tr("Keep until"), bind("retain_until", date_edit()))
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        name_from_labels(form)

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setObjectName("consent_status")
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #a01010;")
        self.problem.setObjectName("consent_problem")
        self.withdraw_button = QPushButton(self.tr("Withdraw consent…"))
        self.withdraw_button.setObjectName("consent_withdraw")
        self.withdraw_button.setToolTip(self.tr("The people consulted take their consent back: every quote and "
                                                "attributed entry of this consultation is wiped for good"))
        self.withdraw_button.clicked.connect(self._withdraw_clicked)
        buttons = QHBoxLayout()
        buttons.addWidget(self.withdraw_button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(self.problem)
        layout.addLayout(buttons)
        self.load(None)

    # -- showing -------------------------------------------------------------------
    def load(self, consultation: dict[str, Any] | None) -> None:
        """Show the consent of this consultation (or blanks); final consultations are read only,
        yet consent can still be withdrawn."""
        self.consultation_uuid = consultation["uuid"] if consultation else None
        held = consent_store.get(self.records.db, self.consultation_uuid) if self.consultation_uuid else None
        self.binder.load(held.as_row() if held else None)
        final = bool(consultation and consultation.get("status") == "final")
        withdrawn = bool(held and held.withdrawn)
        self.binder.set_read_only(consultation is None or final or withdrawn)
        self.withdraw_button.setEnabled(consultation is not None and not withdrawn)
        self.problem.hide()
        if withdrawn:
            self.status.setText(self.tr("Consent was withdrawn: what it covered was wiped and cannot come back."))
        elif consultation is not None and held is None:
            self.status.setText(self.tr("No consent recorded yet: until it is, the old \"Consent and attribution\" "
                                        "choice above is read strictly (no photos, no recordings, no attribution "
                                        "beyond what it says)."))
        else:
            self.status.setText("")
        self.status.setVisible(bool(self.status.text()))

    # -- editing -------------------------------------------------------------------
    def values(self) -> dict[str, Any]:
        values = {field: self.binder.value(field) for field in self.binder.widgets}
        return {"consultation_uuid": self.consultation_uuid, "subject": "", **values}

    def _edited(self, field: str, value: Any) -> None:
        if not self.consultation_uuid:
            return
        try:
            consent_service.record(self.records, self.values())
        except AppError as error:
            # a keyed refusal says "consent not saved" itself, in the interface language
            self.problem.setText(error_text(error) if error.key else
                                 self.tr("Consent not saved: %1").replace("%1", str(error)))
            self.problem.show()
            return
        self.problem.hide()
        self.status.hide()

    def _withdraw_clicked(self) -> None:
        uuid = self.consultation_uuid
        if not uuid:
            return
        answer = QMessageBox.question(
            self, self.tr("Withdraw consent"),
            self.tr("The people consulted take their consent back. Every quote and every attributed entry of this "
                    "consultation will be wiped for good, here and, with the next export, at the central office. "
                    "Copies already given away (exports, reports, backups) are out of the app's reach.\n\n"
                    "Withdraw consent?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel)
        if answer != QMessageBox.StandardButton.Yes or uuid != self.consultation_uuid:
            return
        try:
            consent_service.withdraw(self.records, uuid)
        except AppError as error:
            self.problem.setText(self.tr("Consent not withdrawn: %1").replace("%1", error_text(error)))
            self.problem.show()
            return
        self.withdrawn.emit(uuid)
