"""One quoted person's own consent, in the feedback editor's scrolling part: shown when the
entry names the person it quotes ("attributed to" filled, or "named with consent"); how it
was given, what it covers, who may see it, how far what they said may be attributed. The consent model and
rules are the consultation's (domain/consent.py, services/consent.py); the subject is the entry."""

from __future__ import annotations

from typing import Any, Mapping

from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QWidget

from consultation_app.domain import consent as rules
from consultation_app.domain.records import FEEDBACK
from consultation_app.errors import AppError
from consultation_app.services import consent as consent_service
from consultation_app.storage import consent_store
from consultation_app.ui.binder import FieldBinder, fill_combo, name_from_labels
from consultation_app.ui.error_text import error_text


class PersonConsentBox(QGroupBox):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle(self.tr("This person's own consent"))
        self.setObjectName("person_consent")
        self.records: Any = None  # a RecordStore, given by the window
        self.entry_uuid: str | None = None
        self.consultation_uuid: str | None = None
        self.binder = FieldBinder(self._edited, self)
        bind = self.binder.bind
        given = {"verbal": self.tr("Verbal"), "written": self.tr("Written (signed form)"),
                 "none": self.tr("No consent given")}
        attribution = {"none": self.tr("Nobody: quotes are anonymous"), "group": self.tr("The stakeholder group"),
                       "organisation": self.tr("The organisation"), "name": self.tr("The person, by name")}
        form = QFormLayout(self)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(self.tr("How consent was given"),
                    bind("given", fill_combo(QComboBox(), [(given[key], key) for key in rules.GIVEN])))
        scope = QHBoxLayout()
        for field, label in (("quotes", self.tr("Quotes")), ("photos", self.tr("Photos")),
                             ("recordings", self.tr("Recordings"))):
            scope.addWidget(bind(field, QCheckBox(label)))
        scope.addStretch()
        form.addRow(self.tr("Agreed to"), scope)
        form.addRow(self.tr("What is said may be attributed to"),
                    bind("attribution", fill_combo(QComboBox(),
                                                   [(attribution[key], key) for key in rules.ATTRIBUTION_LEVELS])))
        visibility = {"field_team": self.tr("The field team only (stays on this laptop)"),
                      "central_office": self.tr("The central office"),
                      "public": self.tr("The public (reports may print it)")}
        form.addRow(self.tr("Who may see it"),
                    bind("visibility", fill_combo(QComboBox(), [(visibility[key], key) for key in rules.VISIBILITIES])))
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #a01010;")
        self.problem.setObjectName("person_consent_problem")
        form.addRow(self.problem)
        name_from_labels(form)
        self.hide()

    def show_for(self, entry_uuid: str | None, values: Mapping[str, Any]) -> None:
        """Show the person's consent when the entry (its shown ``values``) names the person."""
        names_person = rules.attribution_needed(values) == rules.ATTRIBUTE_NAME
        if self.records is None or not entry_uuid or not names_person:
            self.entry_uuid = None
            self.hide()
            return
        if entry_uuid != self.entry_uuid:
            entry = self.records.get(FEEDBACK, entry_uuid) or {}
            self.entry_uuid, self.consultation_uuid = entry_uuid, entry.get("consultation_uuid")
            held = consent_store.get(self.records.db, self.consultation_uuid, entry_uuid) \
                if self.consultation_uuid else None
            blank = {"given": "none", "attribution": "none", "visibility": "field_team"}
            self.binder.load(held.as_row() if held else blank)
            self.binder.set_read_only(bool(held and held.withdrawn))
            self.problem.hide()
        self.show()

    def values(self) -> dict[str, Any]:
        values = {field: self.binder.value(field) for field in self.binder.widgets}
        # How long it is kept is the consultation's (one retention per meeting).
        held = consent_store.get(self.records.db, self.consultation_uuid) if self.consultation_uuid else None
        return {"retain_until": held.retain_until if held else None, **values,
                "consultation_uuid": self.consultation_uuid, "subject": self.entry_uuid}

    def _edited(self, field: str, value: Any) -> None:
        if not self.entry_uuid or not self.consultation_uuid:
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
