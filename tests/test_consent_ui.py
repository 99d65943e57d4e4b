"""The consultation's consent on its Details tab: shown, saved as edited, locked when final,
withdrawn after a confirmation that defaults to Cancel."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from consultation_app.domain.records import CONSULTATION, FEEDBACK
from consultation_app.storage import consent_store
from consultation_app.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, workspace):
    win = MainWindow(workspace)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.autosaver.flush()


def new_consultation(ws, **values):
    return ws.records.create(CONSULTATION, {"title": "Kampot meeting", "province": "kampot",
                                            "stakeholder_group": "civil_society", "start_date": "2024-03-06",
                                            "participants_women": 4, **values})


def test_the_details_tab_shows_and_saves_consent(window, workspace):
    c = new_consultation(workspace)
    window.open_consultation(c["uuid"])
    panel = window.consent_panel
    assert panel.isVisibleTo(window) and panel.parent() is not None
    assert "No consent recorded yet" in panel.status.text()

    widgets = panel.binder.widgets
    widgets["given"].setCurrentIndex(widgets["given"].findData("written"))
    widgets["quotes"].setChecked(True)
    widgets["attribution"].setCurrentIndex(widgets["attribution"].findData("group"))
    widgets["visibility"].setCurrentIndex(widgets["visibility"].findData("central_office"))
    widgets["text_version"].setText("form v2")
    widgets["text_version"].textEdited.emit("form v2")

    held = consent_store.get(workspace.db, c["uuid"])
    assert (held.given, held.quotes, held.attribution, held.visibility, held.text_version) == \
        ("written", True, "group", "central_office", "form v2")
    assert not held.photos

    window.open_consultation(None)
    window.open_consultation(c["uuid"])
    assert widgets["attribution"].currentData() == "group" and widgets["quotes"].isChecked()


def test_a_final_consultations_consent_is_read_only_but_can_be_withdrawn(window, workspace):
    c = new_consultation(workspace, status="final")
    window.open_consultation(c["uuid"])
    panel = window.consent_panel
    assert not panel.binder.widgets["given"].isEnabled()
    assert panel.withdraw_button.isEnabled()


def test_withdraw_asks_defaults_to_cancel_and_wipes_what_consent_covered(window, workspace, monkeypatch):
    c = new_consultation(workspace)
    quoted = workspace.records.create(FEEDBACK, {"consultation_uuid": c["uuid"], "catalog_id": "khm-upr3-ohchr-2019",
                                                 "recommendation_code": "KH3-01", "quote": "Qz9 words"})
    window.open_consultation(c["uuid"])
    asked = []

    def cancel(parent, title, text, buttons, default):
        asked.append(default)
        return QMessageBox.StandardButton.Cancel
    monkeypatch.setattr(QMessageBox, "question", cancel)
    window.consent_panel.withdraw_button.click()
    assert asked == [QMessageBox.StandardButton.Cancel]
    assert workspace.records.get(FEEDBACK, quoted["uuid"])["quote"] == "Qz9 words"

    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.Yes)
    window.consent_panel.withdraw_button.click()

    assert workspace.records.is_withdrawn(FEEDBACK, quoted["uuid"])
    assert consent_store.get(workspace.db, c["uuid"]).withdrawn
    assert "withdrawn" in window.consent_panel.status.text()
    assert not window.consent_panel.withdraw_button.isEnabled()
    assert not window.consent_panel.binder.widgets["quotes"].isEnabled()
