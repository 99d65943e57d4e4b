"""The capture loop driven by keyboard, offscreen, against a real database."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester

from consultation_app.domain.records import CONSULTATION, FEEDBACK, NOTE
from consultation_app.ui.main_window import RECOMMENDATIONS_TAB, MainWindow
from tests.ui_helpers import type_text

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def window(qtbot, workspace):
    win = MainWindow(workspace)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    yield win
    win.autosaver.flush()


def stored(workspace, kind, uuid):
    return workspace.records.get(kind, uuid, include_deleted=True)


def test_capture_loop_by_keyboard(qtbot, window, workspace, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.Yes)  # finalise: yes
    # New consultation (Ctrl+N) lands in the title field, selected, ready to type over.
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    consultation = window.consultation
    assert consultation is not None
    title = window.form.binder.widgets["title"]
    assert title.hasFocus()
    qtbot.keyClicks(title, "Kreung community meeting")
    qtbot.waitUntil(lambda: stored(workspace, CONSULTATION, consultation["uuid"])["title"]
                    == "Kreung community meeting", timeout=3000)
    # Tab to the stakeholder group and choose by keyboard.
    qtbot.keyClick(title, Qt.Key.Key_Tab)
    group = window.form.binder.widgets["stakeholder_group"]
    assert group.hasFocus()
    qtbot.keyClick(group, Qt.Key.Key_Down)
    qtbot.keyClick(group, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: stored(workspace, CONSULTATION, consultation["uuid"])["stakeholder_group"]
                    == "indigenous_communities", timeout=3000)

    # Find a recommendation by typing (Ctrl+F), Enter moves to the feedback editor.
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
    assert window.tabs.currentIndex() == RECOMMENDATIONS_TAB
    assert window.recs.search.hasFocus()
    qtbot.keyClicks(window.recs.search, "communal land titling")
    assert window.tree_model.codes_in_order() == ["KH3-44"]
    qtbot.keyClick(window.recs.search, Qt.Key.Key_Return)
    assert window.recs.current_code() == "KH3-44"
    priority = window.feedback.binder.widgets["priority"]
    assert priority.hasFocus()
    qtbot.keyClick(priority, Qt.Key.Key_Down)  # High
    qtbot.keyClick(priority, Qt.Key.Key_Tab)
    qtbot.keyClick(window.feedback.binder.widgets["implementation_assessment"], Qt.Key.Key_Tab)
    comment = window.feedback.binder.widgets["comment"]
    assert comment.hasFocus()
    qtbot.keyClicks(comment, "Titles take years")
    entries = lambda: workspace.records.query(FEEDBACK, "consultation_uuid = ?", [consultation["uuid"]])  # noqa
    qtbot.waitUntil(lambda: len(entries()) == 1 and entries()[0]["comment"] == "Titles take years", timeout=3000)
    first = entries()[0]
    assert first["priority"] == "high" and first["recommendation_code"] == "KH3-44"
    assert window.tree_model.data(window.tree_model.index_for_code("KH3-44").siblingAtColumn(2)) == "1"

    # Edit the entry: each save bumps the revision.
    qtbot.keyClicks(comment, " and cost money")
    qtbot.waitUntil(lambda: entries()[0]["comment"] == "Titles take years and cost money", timeout=3000)
    assert entries()[0]["revision"] > first["revision"]

    # A second entry on the same recommendation (Ctrl+E), then delete it and undo (Ctrl+Z).
    qtbot.keyClick(window, Qt.Key.Key_E, CTRL)
    assert window.feedback.current_uuid is None and comment.hasFocus()
    qtbot.keyClicks(comment, "Second voice")
    qtbot.waitUntil(lambda: len(entries()) == 2, timeout=3000)
    second_uuid = window.feedback.current_uuid
    qtbot.keyClick(window, Qt.Key.Key_Delete, CTRL)
    assert stored(workspace, FEEDBACK, second_uuid)["deleted"] is True
    assert len(entries()) == 1
    window.feedback.entries.setFocus()  # Ctrl+Z in a text box undoes typing; here it undoes the delete
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    assert stored(workspace, FEEDBACK, second_uuid)["deleted"] is False
    assert len(entries()) == 2

    # Save and next (Ctrl+Return) moves to the following recommendation with a blank entry.
    qtbot.keyClick(window, Qt.Key.Key_Return, CTRL)
    assert window.recs.current_code() == "KH3-45"
    assert window.feedback.current_uuid is None

    # Finalise: refused with a reason until the essentials are there, then locks everything.
    window.form.finalise_button.click()
    assert "Province must be filled in before finalising" in window.form.problems.text()
    assert stored(workspace, CONSULTATION, consultation["uuid"])["status"] == "draft"
    window.tabs.setCurrentIndex(0)
    province = window.form.binder.widgets["province"]
    province.setFocus()
    province.setCurrentIndex(province.findData("mondulkiri"))
    window.form.binder.widgets["participants_women"].setValue(8)
    window.autosaver.flush()
    window.form.finalise_button.click()
    assert stored(workspace, CONSULTATION, consultation["uuid"])["status"] == "final"
    assert window.form.binder.widgets["title"].isReadOnly()
    assert not window.feedback.new_button.isEnabled()
    assert window.form.reopen_button.isVisible()
    window.form.reopen_button.click()
    assert stored(workspace, CONSULTATION, consultation["uuid"])["status"] == "draft"
    assert not window.form.binder.widgets["title"].isReadOnly()


def test_khmer_typed_through_an_input_method_is_stored_and_found(qtbot, window, workspace):
    window.new_consultation()
    window.find_recommendation()
    type_text(window.recs.search, "ជនជាតិដើមភាគតិច")  # "indigenous peoples", inside Khmer sentences
    assert "KH3-44" in window.tree_model.codes_in_order()
    window.recs.select("KH3-44")
    window.new_feedback()
    comment = window.feedback.binder.widgets["comment"]
    type_text(comment, "សហគមន៍\u200bរបស់យើង")
    qtbot.waitUntil(lambda: len(workspace.records.query(FEEDBACK)) == 1, timeout=3000)
    window.autosaver.flush()
    assert workspace.records.query(FEEDBACK)[0]["comment"] == "សហគមន៍\u200bរបស់យើង"


def test_no_text_is_lost_on_close(qtbot, workspace):
    win = MainWindow(workspace)
    qtbot.addWidget(win)
    win.show()
    win.new_consultation()
    uuid = win.consultation["uuid"]
    venue = win.form.binder.widgets["venue"]
    qtbot.keyClicks(venue, "Pagoda hall")
    assert win.autosaver.has_pending()
    win.close()  # before the autosave timer fires
    assert stored(workspace, CONSULTATION, uuid)["venue"] == "Pagoda hall"


def test_focus_change_saves_at_once(qtbot, window, workspace):
    window.new_consultation()
    uuid = window.consultation["uuid"]
    venue = window.form.binder.widgets["venue"]
    venue.setFocus()
    qtbot.keyClicks(venue, "Commune hall")
    qtbot.keyClick(venue, Qt.Key.Key_Tab)
    assert stored(workspace, CONSULTATION, uuid)["venue"] == "Commune hall"


def test_reopens_where_the_officer_was(qtbot, workspace):
    first = MainWindow(workspace)
    qtbot.addWidget(first)
    first.new_consultation()
    uuid = first.consultation["uuid"]
    first.new_consultation()  # a second one, so the first is not simply the newest
    first.browser.select(uuid)
    first.tabs.setCurrentIndex(RECOMMENDATIONS_TAB)
    first.recs.select("KH3-30")
    first.close()
    second = MainWindow(workspace)
    qtbot.addWidget(second)
    assert second.consultation["uuid"] == uuid
    assert second.recs.current_code() == "KH3-30"
    assert second.tabs.currentIndex() == RECOMMENDATIONS_TAB


def test_the_capture_tabs_are_built_when_first_needed_and_show_the_remembered_place(qtbot, workspace):
    """A start on the Details tab builds neither the Recommendations nor the Notes tab (start-up
    time); the first look at them, or a shortcut that needs them, builds both, showing the open
    consultation and the recommendation remembered from the last session."""
    first = MainWindow(workspace)
    qtbot.addWidget(first)
    first.new_consultation()
    uuid = first.consultation["uuid"]
    first.tabs.setCurrentIndex(RECOMMENDATIONS_TAB)
    first.recs.select("KH3-12")
    first.new_feedback()
    type_text(first.feedback.binder.widgets["comment"], "Schools are far")
    first.tabs.setCurrentIndex(0)  # the Details tab in front at the end of the session
    first.close()

    second = MainWindow(workspace)
    qtbot.addWidget(second)
    assert second._capture is None and second.consultation["uuid"] == uuid
    type_text(second.form.binder.widgets["venue"], "Pagoda hall")  # an autosave on the Details tab
    assert second._capture is None, "writing the consultation does not build the capture tabs"
    second.tabs.setCurrentIndex(RECOMMENDATIONS_TAB)
    assert second._capture is not None
    assert second.recs.current_code() == "KH3-12"
    feedback = second.feedback.model
    assert [feedback.row_data(row)["comment"] for row in range(feedback.rowCount())] == ["Schools are far"]
    assert second.tree_model.data(second.tree_model.index_for_code("KH3-12").siblingAtColumn(2)) == "1"
    assert second.notes.isVisibleTo(second.tabs.widget(2))

    third = MainWindow(workspace)
    qtbot.addWidget(third)
    qtbot.keyClick(third, Qt.Key.Key_F, CTRL)  # a shortcut that needs them builds them
    assert third._capture is not None and third.tabs.currentIndex() == RECOMMENDATIONS_TAB


def test_status_bar_counts_unexported_changes(qtbot, window, workspace):
    before = int(window.unexported_label.text().rsplit(" ", 1)[1])
    window.new_consultation()
    window.tabs.setCurrentIndex(2)
    window.new_note()
    type_text(window.notes.binder.widgets["text"], "Floods cut the road for two months")
    assert len(workspace.records.query(NOTE)) == 1
    after = int(window.unexported_label.text().rsplit(" ", 1)[1])
    assert after == before + 2
    assert workspace.device_name in window.device_label.text()
    assert "never" in window.export_label.text()


def test_consultation_filters(qtbot, window, workspace):
    from consultation_app.services.demo import add_demo_data

    add_demo_data(workspace, 30, seed=3, feedback_mean=2)
    window.reload_consultations()
    rows = [window.browser.model.row_data(i) for i in range(window.browser.model.rowCount())]
    browser = window.browser
    browser.province.setCurrentIndex(browser.province.findData(rows[0]["province"]))
    expected = sum(1 for r in rows if r["province"] == rows[0]["province"])
    assert browser.proxy.rowCount() == expected
    browser.status.setCurrentIndex(browser.status.findData("final"))
    assert browser.proxy.rowCount() == sum(1 for r in rows if r["province"] == rows[0]["province"]
                                           and r["status"] == "final")
    browser.province.setCurrentIndex(0)
    browser.status.setCurrentIndex(0)
    type_text(browser.search, "ពោធិ៍សាត់")  # Pursat, in Khmer: labels in both languages match
    assert browser.proxy.rowCount() == sum(1 for r in rows if r["province"] == "pursat")


def test_models_pass_qt_model_tester(qtbot, window, workspace):
    from consultation_app.services.demo import add_demo_data

    add_demo_data(workspace, 5, seed=2, feedback_mean=4)
    window.reload_consultations()
    for model in (window.tree_model, window.browser.model, window.browser.proxy, window.feedback.model,
                  window.notes.model):
        QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    window.recs.search.setText("health")
    window.recs.search.setText("")
    window.browser.select(window.browser.model.row_data(0)["uuid"])
