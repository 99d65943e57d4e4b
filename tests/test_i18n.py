"""Khmer and English throughout: a complete Khmer translation, a language switch that keeps
the officer's place, a bundled Khmer font, Khmer sorting, and a pseudo-translation."""

import re
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFontDatabase

from consultation_app.ui import i18n

ROOT = Path(__file__).resolve().parents[1]
KHMER = re.compile("[\u1780-\u17ff]")
SHORTCUT = re.compile(r"[A-Z][a-z]*(\+[A-Za-z0-9]+)+|[A-Z]{2,}s?")  # key names, acronyms (SDGs)
LUPDATE = Path(sys.executable).with_name("pyside6-lupdate")


def messages(ts: Path) -> dict[tuple[str, str], ElementTree.Element]:
    tree = ElementTree.parse(ts)
    found = {}
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            found[(name, message.findtext("source"))] = message
    return found


@pytest.fixture(scope="module")
def current_sources(tmp_path_factory) -> dict:
    """Every translatable string in the code as it is now, extracted afresh by lupdate."""
    out = tmp_path_factory.mktemp("ts") / "fresh.ts"
    sources = sorted(str(p) for p in (ROOT / "consultation_app" / "ui").rglob("*.py"))
    subprocess.run([str(LUPDATE), *sources, "-ts", str(out)], check=True, capture_output=True)
    return messages(out)


@pytest.fixture(scope="module")
def khmer_qm():
    i18n.compile_translations()
    assert i18n.qm_path("km").exists()
    yield
    i18n.install_language("en")


def test_every_source_string_has_a_finished_khmer_translation(current_sources):
    translated = messages(i18n.ts_path("km"))
    assert current_sources, "lupdate found no strings: the extraction itself is broken"
    missing = [key for key in current_sources if key not in translated]
    assert not missing, f"strings with no Khmer entry (run pyside6-lupdate, then translate): {missing[:10]}"
    for key in current_sources:
        message = translated[key]
        translation = message.find("translation")
        assert translation.get("type") not in ("unfinished", "vanished", "obsolete"), f"unfinished: {key}"
        text = "".join(translation.itertext()).strip()
        assert text, f"empty translation for {key}"
        if not SHORTCUT.fullmatch(key[1]):  # a key name such as Ctrl+E stays as it is
            assert KHMER.search(text), f"no Khmer in the translation of {key}"


def test_translations_keep_placeholders_and_mnemonics():
    for (context, source), message in messages(i18n.ts_path("km")).items():
        translation = "".join(message.find("translation").itertext())
        for placeholder in set(re.findall(r"%(?:\d|n)", source)):
            assert placeholder in translation, (context, source, translation)
        if re.search(r"&[^&\s]", source.replace("&&", "")):
            assert len(re.findall(r"&[^&\s]", translation.replace("&&", ""))) == 1, (context, source, translation)


def test_the_interface_speaks_khmer_and_switching_keeps_the_place(qtbot, workspace, khmer_qm):
    from consultation_app.domain.records import CONSULTATION
    from consultation_app.storage import settings_store
    from consultation_app.ui.main_window import RECOMMENDATIONS_TAB, MainWindow

    assert i18n.install_language("en")
    window = MainWindow(workspace, "en")
    qtbot.addWidget(window)
    row = workspace.records.create(CONSULTATION, {"title": "ឃុំ ១", "province": "ratanakiri"})
    window.reload_consultations()
    window.browser.select(row["uuid"])
    window.tabs.setCurrentIndex(RECOMMENDATIONS_TAB)
    window.recs.select("KH3-44")
    assert window.menuBar().actions()[0].text() == "&File"
    khmer = window.switch_language("km")
    qtbot.addWidget(khmer)
    assert MainWindow.current is khmer and not window.isVisible()
    assert KHMER.search(khmer.menuBar().actions()[0].text())
    assert KHMER.search(khmer.tabs.tabText(0))
    assert khmer.consultation["uuid"] == row["uuid"]
    assert khmer.recs.current_code() == "KH3-44"
    assert khmer.tabs.currentIndex() == RECOMMENDATIONS_TAB
    assert settings_store.get(workspace.db, settings_store.INTERFACE_LANGUAGE) == "km"
    # Reference data and the catalog follow the interface language.
    province = khmer.form.binder.widgets["province"]
    assert province.currentText() == "រតនគិរី"
    assert KHMER.search(khmer.tree_model.data(khmer.tree_model.index_for_code("KH3-44")))
    back = khmer.switch_language("en")
    qtbot.addWidget(back)
    assert back.menuBar().actions()[0].text() == "&File"


def test_khmer_font_is_bundled_and_loaded(qtbot):
    from consultation_app.ui.app import load_fonts

    load_fonts()
    assert i18n.KHMER_FONT in QFontDatabase.families()


def test_provinces_sort_in_khmer_order(qtbot, workspace):
    from consultation_app.ui.consultation_form import ConsultationForm

    form = ConsultationForm(workspace.reference, "km")
    qtbot.addWidget(form)
    combo = form.binder.widgets["province"]
    labels = [combo.itemText(i) for i in range(1, combo.count())]
    assert len(labels) == 25 and all(KHMER.search(label) for label in labels)
    # Khmer collation: consonant order (ក ខ គ ... ស ហ អ), not English order of the keys
    assert labels.index("កំពង់ចាម") < labels.index("បាត់ដំបង") < labels.index("ស្វាយរៀង")
    english = ConsultationForm(workspace.reference, "en")
    qtbot.addWidget(english)
    combo = english.binder.widgets["province"]
    english_labels = [combo.itemText(i) for i in range(1, combo.count())]
    assert english_labels == sorted(english_labels)


def test_pseudo_translation_lengthens_and_keeps_placeholders(qtbot):
    translator = i18n.PseudoTranslator()
    out = translator.translate("MainWindow", "Changes not yet exported: %1")
    assert "%1" in out and len(out) > len("Changes not yet exported: %1") * 1.3
    out = translator.translate("MainWindow", "&New consultation")
    assert "&N" in out and out.startswith("[")
    i18n.install_language("en", pseudo=True)
    try:
        assert QCoreApplication.translate("MainWindow", "&File").startswith("[")
    finally:
        i18n.install_language("en")


def test_khmer_typed_in_feedback_is_found_by_search_and_in_an_export(qtbot, workspace, tmp_path):
    """Typed through an input method (with the zero-width spaces Khmer typists use as word
    hints), found by a search without them, and intact in an export."""
    from consultation_app.exchange.export import export_package
    from consultation_app.exchange.workbook_reader import read_export
    from consultation_app.ui.main_window import MainWindow
    from tests.ui_helpers import type_text

    window = MainWindow(workspace)
    qtbot.addWidget(window)
    window.new_consultation()
    mine = window.consultation["uuid"]
    window.new_consultation()  # another one, that must not match
    window.browser.select(mine)
    window.recs.select("KH3-44")
    window.new_feedback()
    typed = "សហគមន៍\u200bជនជាតិ\u200bដើម\u200bភាគតិច មិនទាន់\u200bទទួលបាន\u200bប័ណ្ណ\u200bកម្មសិទ្ធិ\u200bដី"
    type_text(window.feedback.binder.widgets["comment"], typed)
    window.autosaver.flush()
    window.browser.search.setText("ប័ណ្ណកម្មសិទ្ធិ")  # "title deed", typed without the hints
    qtbot.waitUntil(lambda: window.browser.proxy.rowCount() == 1, timeout=3000)
    found = window.browser.proxy.index(0, 0).data(Qt.ItemDataRole.UserRole + 1)
    assert found == mine
    out = export_package(workspace.database_path, tmp_path / "km.xlsx", workspace.reference)
    comments = [row["comment"] for row in read_export(out.path, workspace.reference).sheets["feedback"]]
    assert comments == [typed]


def test_qt_standard_buttons_speak_khmer_too(qtbot, khmer_qm):
    from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

    assert i18n.install_language("km")
    try:
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel | QDialogButtonBox.StandardButton.Close)
        qtbot.addWidget(box)
        message = QMessageBox(QMessageBox.Icon.Question, "", "",
                              QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        qtbot.addWidget(message)
        texts = [button.text() for button in (*box.buttons(), *message.buttons())]
        assert len(texts) == 4 and all(KHMER.search(text) for text in texts), texts
    finally:
        i18n.install_language("en")


def test_no_khmer_translation_puts_its_mnemonic_on_a_khmer_letter():
    """An underlined Khmer letter splits its cluster when drawn (a dotted circle in the menu) and
    cannot be typed with Alt on a Latin keyboard: the Khmer text carries the Latin key, "(&M)"."""
    on_khmer = [(context, source) for (context, source), message in messages(i18n.ts_path("km")).items()
                if re.search("&[\u1780-\u17ff]", "".join(message.find("translation").itertext()).replace("&&", ""))]
    assert not on_khmer, on_khmer


def test_in_khmer_a_string_without_a_translation_stays_itself_and_shortcuts_keep_their_keys(qtbot, khmer_qm):
    """A string the .qm does not hold (Qt's own "Ctrl" of a menu's shortcut column, a new text
    not yet translated) is shown as it is, never as nothing: the menus showed "I" for Ctrl+I."""
    from PySide6.QtGui import QKeySequence

    assert i18n.install_language("km")
    assert QCoreApplication.translate("NoSuchContext", "Not in the catalogue") == "Not in the catalogue"
    assert QKeySequence("Ctrl+I").toString(QKeySequence.SequenceFormat.NativeText) == "Ctrl+I"
    assert QCoreApplication.translate("MainWindow", "&File") != "&File"  # the catalogue itself still answers
