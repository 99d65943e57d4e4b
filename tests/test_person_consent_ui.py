"""A quoted person's own consent in the feedback editor: shown only when the entry names the
person, saved as that entry's consent (subject = the entry) with the same rules as the
consultation's, and then governing that entry over the consultation's."""

from __future__ import annotations

import pytest

from consultation_app.domain import consent as rules
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


def test_a_named_quote_gets_its_persons_own_consent(window, workspace, qtbot):
    c = workspace.records.create(CONSULTATION, {"title": "Kampot meeting", "province": "kampot",
                                                "stakeholder_group": "civil_society", "start_date": "2024-03-06"})
    window.open_consultation(c["uuid"])
    window.tabs.setCurrentIndex(1)
    window.recs.select("KH3-44")
    anonymous = workspace.records.create(FEEDBACK, {"consultation_uuid": c["uuid"], "catalog_id": window.catalog_id,
                                                    "recommendation_code": "KH3-44", "comment": "summary"})
    window.after_structure_change(FEEDBACK, anonymous["uuid"])
    box = window.feedback.person_consent
    assert window.feedback.current_uuid == anonymous["uuid"] and not box.isVisibleTo(window)

    named = workspace.records.create(FEEDBACK, {"consultation_uuid": c["uuid"], "catalog_id": window.catalog_id,
                                                "recommendation_code": "KH3-44", "quote": "We were never asked",
                                                "attributed_to": "Ms Chan Sophea"})
    window.after_structure_change(FEEDBACK, named["uuid"])
    assert window.feedback.current_uuid == named["uuid"] and box.isVisibleTo(window)
    widgets = box.binder.widgets
    widgets["given"].setCurrentIndex(widgets["given"].findData("verbal"))
    widgets["quotes"].setChecked(True)
    widgets["attribution"].setCurrentIndex(widgets["attribution"].findData("name"))
    held = consent_store.get(workspace.db, c["uuid"], named["uuid"])
    assert held is not None and (held.subject, held.given, held.quotes, held.attribution, held.visibility) == \
        (named["uuid"], "verbal", True, "name", "field_team")
    in_force = consent_store.consents_in_force(workspace.db)[c["uuid"]]
    assert not rules.entry_may_leave(rules.governing(in_force, named["uuid"]), named, rules.today_iso())
    widgets["visibility"].setCurrentIndex(widgets["visibility"].findData("central_office"))
    assert consent_store.get(workspace.db, c["uuid"]) is None  # the consultation's is untouched
    # The person's consent governs the entry: it may leave (quotes and the name covered).
    in_force = consent_store.consents_in_force(workspace.db)[c["uuid"]]
    assert rules.entry_may_leave(rules.governing(in_force, named["uuid"]), named, rules.today_iso())

    # Emptying "attributed to" hides it again.
    name_field = window.feedback.binder.widgets["attributed_to"]
    name_field.setText("")
    name_field.textEdited.emit("")
    assert not box.isVisibleTo(window)
