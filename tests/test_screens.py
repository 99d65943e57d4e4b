"""Issue 18: the app on the screens field officers have (1024x600, 1366x768, 150% scaling),
and capture without friction (typed dates, Ctrl+Return, delete and undo, finalise)."""

import datetime as dt

import pytest
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import QFormLayout, QMessageBox

from consultation_app.domain.records import CONSULTATION, FEEDBACK
from consultation_app.storage import settings_store
from consultation_app.ui.date_field import DateField, parse_typed_date
from consultation_app.ui.main_window import LIST_SHOWN, MainWindow
from consultation_app.ui.window_fit import fitted_rect, opens_maximised, parse_saved, place_window, remember_window

CTRL = Qt.KeyboardModifier.ControlModifier
SMALL = QRect(0, 0, 1024, 600)          # a netbook
SCALED = QRect(0, 0, 911, 512)          # 1366x768 at 150%, in Qt's logical pixels
LAPTOP = QRect(0, 24, 1366, 744)        # 1366x768 under a top panel


@pytest.mark.parametrize("available", [SMALL, SCALED, LAPTOP])
def test_a_big_window_opens_inside_the_screen(available):
    rect = fitted_rect(QSize(1400, 860), available)
    assert available.contains(rect), (rect, available)
    assert opens_maximised(QSize(1400, 860), available, None)


def test_a_small_window_opens_centred_at_its_size():
    rect = fitted_rect(QSize(640, 320), LAPTOP)
    assert rect.size() == QSize(640, 320) and LAPTOP.contains(rect)
    assert abs(rect.center().x() - LAPTOP.center().x()) <= 1
    assert not opens_maximised(QSize(640, 320), LAPTOP, None)


def test_a_saved_place_is_kept_and_pulled_back_onto_a_smaller_screen():
    saved = QRect(100, 80, 900, 500)
    assert fitted_rect(QSize(1400, 860), LAPTOP, saved) == saved
    # Saved on a big monitor, opened on the netbook: inside it, never off its edge.
    moved = fitted_rect(QSize(1400, 860), SMALL, QRect(1500, 700, 1200, 800))
    assert SMALL.contains(moved)
    assert opens_maximised(QSize(640, 320), LAPTOP, True)  # maximised as the user left it
    assert parse_saved("garbage") == (None, None)


def test_the_main_window_remembers_its_size_and_fits_a_small_screen(qtbot, workspace):
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    place_window(window, workspace.db, "ui.main_window", QSize(1400, 860), SMALL)
    assert SMALL.contains(window.geometry())
    window.setGeometry(QRect(40, 50, 800, 500))
    remember_window(window, workspace.db, "ui.main_window")
    again = MainWindow(workspace)
    qtbot.addWidget(again)
    place_window(again, workspace.db, "ui.main_window", QSize(1400, 860), LAPTOP)
    assert again.geometry() == QRect(40, 50, 800, 500)


def test_the_consultations_list_collapses_when_narrow_and_keeps_the_officers_choice(qtbot, workspace):
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    window.resize(900, 560)
    window.show()
    assert not window.browser.isVisible()  # room for the capture panes on a small screen
    window.resize(1300, 700)
    assert window.browser.isVisible()
    window.resize(900, 560)
    window.toggle_list.trigger()  # the officer wants it back, even though narrow
    assert window.browser.isVisible()
    assert settings_store.get(workspace.db, LIST_SHOWN) == "1"
    replacement = window.switch_language("km")
    qtbot.addWidget(replacement)
    replacement.resize(900, 560)
    assert replacement.browser.isVisible() and replacement.toggle_list.isChecked()
    replacement.switch_language("en").close()


def test_the_feedback_editor_puts_labels_above_fields_when_narrow(qtbot, workspace):
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    window.show()
    window.tabs.setCurrentIndex(1)
    panel = window.feedback
    window.resize(800, 560)
    qtbot.waitUntil(lambda: panel.form.rowWrapPolicy() == QFormLayout.RowWrapPolicy.WrapAllRows, timeout=2000)
    window.resize(1800, 900)
    qtbot.waitUntil(lambda: panel.form.rowWrapPolicy() == QFormLayout.RowWrapPolicy.WrapLongRows, timeout=2000)
    comment = panel.binder.widgets["comment"]
    assert comment.minimumHeight() >= 4 * comment.fontMetrics().lineSpacing()
    window.recs.resize(400, 400)
    assert window.recs.tree.isColumnHidden(1)  # SDGs give way to the code and text
    window.recs.resize(700, 400)
    assert not window.recs.tree.isColumnHidden(1)


@pytest.mark.parametrize("typed", ["2026-12-04", "04/12/2026", "20261204", "4.12.2026", "២០២៦-១២-០៤",
                                   " 2026/12/4 "])
def test_dates_are_typed_as_people_write_them(typed):
    assert parse_typed_date(typed) == dt.date(2026, 12, 4)


@pytest.mark.parametrize("typed", ["31/02/2026", "12/2026", "tomorrow", "2026-13-01"])
def test_a_typed_non_date_is_refused(typed):
    with pytest.raises(ValueError):
        parse_typed_date(typed)


def test_an_empty_date_accepts_typing_and_the_calendar_opens_at_today(qtbot):
    field = DateField()
    qtbot.addWidget(field)
    changes = []
    field.changed.connect(changes.append)
    assert field.iso() is None
    field.open_calendar()
    assert field.calendar.selectedDate().toPython() == dt.date.today()
    field._menu.hide()
    qtbot.keyClicks(field.edit, "04/12/2026")
    qtbot.keyClick(field.edit, Qt.Key.Key_Return)
    assert field.iso() == "2026-12-04" and changes[-1] == "2026-12-04"
    assert field.edit.text() == "2026-12-04"
    field.edit.clear()
    qtbot.keyClicks(field.edit, "31/02/2026")
    qtbot.keyClick(field.edit, Qt.Key.Key_Return)
    assert field.iso() == "2026-12-04"  # a non-date is never stored
    assert "Not a date" in field.edit.toolTip()


def test_the_consultation_end_date_is_typed_and_stored(qtbot, workspace):
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    window.show()
    window.new_consultation()
    end = window.form.binder.widgets["end_date"]
    start = window.form.binder.widgets["start_date"]
    start.edit.clear()
    qtbot.keyClicks(start.edit, "01/12/2026")
    qtbot.keyClicks(end.edit, "20261204")
    window.autosaver.flush()
    assert workspace.records.get(CONSULTATION, window.consultation["uuid"])["end_date"] == "2026-12-04"


@pytest.fixture
def capture(qtbot, workspace):
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    window.new_consultation()
    window.recs.select("KH3-44")
    window.tabs.setCurrentIndex(1)
    yield window
    window.autosaver.flush()


def test_ctrl_return_scrolls_the_editor_to_its_top_and_focuses_priority(qtbot, capture):
    capture.resize(1000, 560)
    capture.feedback.editor_scroll.verticalScrollBar().setValue(capture.feedback.editor_scroll.verticalScrollBar().maximum())
    capture.feedback.binder.widgets["attributed_to"].setFocus()
    qtbot.keyClick(capture, Qt.Key.Key_Return, CTRL)
    assert capture.recs.current_code() == "KH3-45"
    assert capture.feedback.editor_scroll.verticalScrollBar().value() == 0
    assert capture.feedback.binder.widgets["priority"].hasFocus()


def test_a_new_entry_is_deleted_at_once_and_ctrl_z_brings_it_back_from_the_text_box(qtbot, capture, workspace):
    comment = capture.feedback.binder.widgets["comment"]
    capture.new_feedback()
    qtbot.keyClicks(comment, "Land titles take years")
    uuid = capture.feedback.current_uuid
    assert uuid and capture.feedback.delete_button.isEnabled()  # at once, not after reselecting it
    capture.feedback.delete_button.click()
    assert workspace.records.get(FEEDBACK, uuid, include_deleted=True)["deleted"] is True
    assert "deleted" in capture.save_label.text() and "Land titles take years" in capture.save_label.text()
    comment.setFocus()  # the box the officer was typing in: nothing of its own left to undo
    qtbot.keyClick(comment, Qt.Key.Key_Z, CTRL)
    assert workspace.records.get(FEEDBACK, uuid, include_deleted=True)["deleted"] is False
    assert "restored" in capture.save_label.text()
    # A box with typing of its own keeps Ctrl+Z for it: the entry is not deleted again or touched.
    qtbot.keyClicks(comment, " x")
    qtbot.keyClick(comment, Qt.Key.Key_Z, CTRL)
    assert workspace.records.get(FEEDBACK, uuid, include_deleted=True)["deleted"] is False


def test_finalise_asks_first_and_a_final_consultation_looks_locked(qtbot, capture, workspace, monkeypatch):
    form = capture.form
    capture.tabs.setCurrentIndex(0)
    form.binder.widgets["province"].setCurrentIndex(form.binder.widgets["province"].findData("mondulkiri"))
    form.binder.widgets["stakeholder_group"].setCurrentIndex(1)
    form.binder.widgets["participants_women"].setValue(8)
    capture.autosaver.flush()
    uuid = capture.consultation["uuid"]
    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.Cancel)
    form.finalise_button.click()
    assert workspace.records.get(CONSULTATION, uuid)["status"] == "draft"
    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.Yes)
    form.finalise_button.click()
    assert workspace.records.get(CONSULTATION, uuid)["status"] == "final"
    title = form.binder.widgets["title"]
    assert title.isReadOnly() and "palette(window)" in title.styleSheet()
    # Reopen sits at the top, outside the scrolled form: visible on a 600-pixel screen.
    capture.resize(1000, 560)
    assert form.reopen_button.isVisible()
    assert form.reopen_button.mapTo(form, form.reopen_button.rect().bottomLeft()).y() < 120


def test_problems_name_fields_by_their_labels(qtbot, capture, workspace):
    form = capture.form
    capture.tabs.setCurrentIndex(0)
    form.binder.widgets["participants_women"].setValue(2)
    form.binder.widgets["participants_indigenous"].setValue(5)
    capture.autosaver.flush()
    text = capture.save_label.text()
    assert "participants_indigenous" not in text
    assert "of whom indigenous is more than the 2 participants" in text


def test_the_first_run_dialog_speaks_the_language_chosen_in_it_and_proposes_a_device_name(qtbot, workspace):
    import platform

    from consultation_app.ui import i18n
    from consultation_app.ui.first_run import FirstRunDialog, proposed_device_name

    i18n.compile_translations()
    dialog = FirstRunDialog(workspace.reference, platform.node())
    qtbot.addWidget(dialog)
    assert dialog.device_name.text() != platform.node()
    qtbot.keyClicks(dialog.officer_name, "Sophea Chan")
    dialog.province.setCurrentIndex(dialog.province.findData("ratanakiri"))
    assert dialog.device_name.text() == "ratanakiri-sophea-chan"
    assert proposed_device_name("preah_vihear", "សុភា") == "preah-vihear-laptop"
    try:
        dialog.language.setCurrentIndex(dialog.language.findData("km"))
        assert dialog.windowTitle() != "Welcome" and "\u1780" <= dialog.windowTitle()[0] <= "\u17ff"
        assert any("\u1780" <= ch <= "\u17ff" for ch in dialog.province.currentText())
        assert dialog.province.currentData() == "ratanakiri"  # the choice survives the switch
        assert dialog.start_button.text() == dialog.tr("Start") != "Start"
        dialog.device_name.clear()
        qtbot.keyClicks(dialog.device_name, "rk-office-2")
        qtbot.keyClicks(dialog.officer_name, "x")
        assert dialog.device_name.text() == "rk-office-2"  # typed by the officer: never replaced
    finally:
        i18n.install_language("en")


def test_a_search_with_no_results_says_so(qtbot, capture):
    capture.find_recommendation()
    qtbot.keyClicks(capture.recs.search, "zzqqxx")
    assert capture.recs.no_results.isVisible()
    capture.recs.search.clear()
    assert not capture.recs.no_results.isVisible()
    capture.browser.show()
    qtbot.keyClicks(capture.browser.search, "zzqqxx")
    assert "No consultation matches" in capture.browser.count_label.text()


def _mnemonic(text: str) -> str | None:
    import re

    match = re.search(r"&([^&\s])", text.replace("&&", ""))
    return match.group(1).lower() if match else None


@pytest.mark.parametrize("language", ["en", "km"])
def test_alt_letters_on_each_tab_do_not_clash_with_the_menu_bar_or_the_tabs(qtbot, workspace, language):
    from PySide6.QtWidgets import QAbstractButton, QLabel

    from consultation_app.ui import i18n

    i18n.compile_translations()
    i18n.install_language(language)
    try:
        window = MainWindow(workspace, language)
        qtbot.addWidget(window)
        window.show()
        taken = {_mnemonic(action.text()): action.text() for action in window.menuBar().actions()}
        for i in range(window.tabs.count()):
            letter = _mnemonic(window.tabs.tabText(i))
            assert letter not in taken, (window.tabs.tabText(i), taken.get(letter))
            taken[letter] = window.tabs.tabText(i)
        for i in range(window.tabs.count()):
            window.tabs.setCurrentIndex(i)
            on_page = dict(taken)
            page = window.tabs.widget(i)
            for widget in page.findChildren(QLabel) + page.findChildren(QAbstractButton):
                letter = _mnemonic(widget.text())
                if letter is None:
                    continue
                assert letter not in on_page, (widget.text(), on_page.get(letter))
                on_page[letter] = widget.text()
    finally:
        i18n.install_language("en")


def _line_ends(text: str, width: int, font) -> list[int]:
    from PySide6.QtGui import QTextLayout, QTextOption

    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)  # as QTextEdit wraps
    layout.setTextOption(option)
    layout.beginLayout()
    ends = []
    while (line := layout.createLine()).isValid():
        line.setLineWidth(width)
        ends.append(line.textStart() + line.textLength())
    layout.endLayout()
    return ends[:-1]


def test_khmer_lines_break_between_words_never_inside_one(qtbot):
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QFont

    from consultation_app.ui import i18n
    from consultation_app.ui.khmer_breaks import ZWSP, with_word_breaks

    sentence = "ការពិគ្រោះយោបល់នេះត្រូវបានកំណត់ជាចុងក្រោយហើយត្រូវបានចាក់សោមិនឱ្យកែសម្រួល"
    broken = with_word_breaks(sentence)
    assert broken.replace(ZWSP, "") == sentence and broken.count(ZWSP) >= 8
    assert "ការពិគ្រោះ" + ZWSP in broken  # whole words: "consultation" is not cut
    font = QFont("Noto Sans Khmer", 12)
    for text in (broken,):
        for end in _line_ends(text, 160, font):
            assert text[end - 1] in (ZWSP, " ") or text[end] in (ZWSP, " "), (text[:end], text[end:])
    # Without the hints Qt cuts inside words (the fault this guards against).
    assert any(sentence[end - 1] != " " for end in _line_ends(sentence, 160, font))
    # The Khmer interface carries the hints in its translations.
    i18n.compile_translations()
    i18n.install_language("km")
    try:
        banner = QCoreApplication.translate(
            "ConsultationForm", "This consultation is final and locked against edits. Reopen it to change anything.")
        assert ZWSP in banner
    finally:
        i18n.install_language("en")


@pytest.mark.parametrize("part, said", [("word/document.xml", "minutes.docx: a Word document, not an export workbook"),
                                        ("ppt/presentation.xml", "a PowerPoint presentation, not an export workbook")])
def test_an_office_file_given_to_the_merge_is_named_for_what_it_is(tmp_path, part, said):
    """Central staff read "a Word document", not "no xl/workbook.xml inside"."""
    import io
    import zipfile

    from consultation_app.errors import InputError
    from consultation_app.exchange.safety import check_zip

    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(part, "<document/>")
    with pytest.raises(InputError) as refused:
        check_zip(tmp_path / "minutes.docx", data.getvalue())
    assert said in str(refused.value) and "xl/workbook.xml" not in str(refused.value)
