"""The main window's menu bar and status bar: which actions there are, their shortcuts and
object names (tests find actions by name)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLabel

from consultation_app.domain.records import FEEDBACK
from consultation_app.ui.menus import add_central_files, add_central_windows, add_language_menu, adder, fit_menu_texts

if TYPE_CHECKING:
    from consultation_app.ui.main_window import MainWindow

translate = QCoreApplication.translate  # the context is the main window's, for lupdate and at run time
New, Quit, Undo, Find = (QKeySequence.StandardKey.New, QKeySequence.StandardKey.Quit, QKeySequence.StandardKey.Undo,
                         QKeySequence.StandardKey.Find)


def build_menus(window: MainWindow) -> None:
    """File (the officer's own work and exchange), Edit, Capture, View, Reports (the central
    office's files, as in the central window) and Tools (the rarely used set-up): each short
    enough to open whole on a 1024x600 screen at 150% in Khmer (tests/test_menus_fit.py)."""
    act = adder(window)
    w = window
    file_menu = w.menuBar().addMenu(translate("MainWindow", "&File"))
    act(file_menu, translate("MainWindow", "&New consultation"), New, w.new_consultation, "action_new_consultation")
    file_menu.addSeparator()
    act(file_menu, translate("MainWindow", "&Export for central office…"), "Ctrl+Shift+E", w.export, "action_export")
    act(file_menu, translate("MainWindow", "Save capture &template…"), "", w.save_template, "action_template")
    act(file_menu, translate("MainWindow", "Import a merge &receipt from the central office…"), "",
        w.import_receipt, "action_import_receipt")
    file_menu.addSeparator()
    add_central_windows(w, file_menu, act)  # the same central commands as the central window's (ui/menus.py)
    file_menu.addSeparator()
    act(file_menu, translate("MainWindow", "&Quit"), Quit, w.close, "action_quit")

    edit_menu = w.menuBar().addMenu(translate("MainWindow", "&Edit"))
    undo = w.undo_stack.createUndoAction(w, translate("MainWindow", "&Undo"))
    undo.setShortcut(Undo)
    undo.setObjectName("action_undo")
    edit_menu.addAction(undo)
    def delete_feedback() -> None:
        if w.feedback.current_uuid:
            w.delete_record(FEEDBACK, w.feedback.current_uuid)

    act(edit_menu, translate("MainWindow", "&Delete feedback entry"), "Ctrl+Delete", delete_feedback,
        "action_delete_feedback")

    go = w.menuBar().addMenu(translate("MainWindow", "&Capture"))
    act(go, translate("MainWindow", "&Find recommendation"), Find, w.find_recommendation, "action_find")
    act(go, translate("MainWindow", "New feedback &entry"), "Ctrl+E", w.new_feedback, "action_new_feedback")
    act(go, translate("MainWindow", "&Save and next recommendation"), "Ctrl+Return", w.save_and_next,
        "action_save_next")
    act(go, translate("MainWindow", "New &note"), "Ctrl+Shift+N", w.new_note, "action_new_note")

    view = w.menuBar().addMenu(translate("MainWindow", "&View"))
    w.toggle_list = act(view, translate("MainWindow", "&Consultations list"), "Ctrl+L", w._list_toggled,
                        "action_toggle_list")
    w.toggle_list.setCheckable(True)
    w.toggle_list.setChecked(True)
    add_language_menu(w, view)
    tabs = (translate("MainWindow", "Details"), translate("MainWindow", "Recommendations"),
            translate("MainWindow", "Notes"))
    for i, name in enumerate(tabs):
        act(go, name, f"Ctrl+{i + 1}", lambda checked=False, i=i: w.tabs.setCurrentIndex(i), f"action_tab_{i}")
    act(view, translate("MainWindow", "&Dashboard…"), "", w.open_dashboard, "action_dashboard")

    # Alt+R, P, O, S and T belong to the tabs and the fields on them (tests/test_screens.py).
    reports = w.menuBar().addMenu(translate("MainWindow", "Reports and e&xports"))
    w.central_office = add_central_files(w, reports, act)

    tools = w.menuBar().addMenu(translate("MainWindow", "Too&ls"))
    act(tools, translate("MainWindow", "Import &catalog…"), "", w.import_catalog, "action_import_catalog")
    act(tools, translate("MainWindow", "&Link recommendations across cycles…"), "", w.link_catalogs,
        "action_link_catalogs")
    tools.addSeparator()
    act(tools, translate("MainWindow", "Database &passphrase…"), "", w.passphrase_settings, "action_passphrase")
    fit_menu_texts(w.menuBar())


def build_status_bar(window: MainWindow) -> None:
    window.device_label = QLabel()
    window.unexported_label = QLabel()
    window.unexported_label.setObjectName("unexported_changes")
    window.export_label = QLabel()
    window.save_label = QLabel()
    window.save_label.setObjectName("save_state")
    window.confirm_label = QLabel()
    window.confirm_label.setObjectName("unconfirmed_changes")
    for label in (window.device_label, window.unexported_label, window.export_label, window.confirm_label):
        window.statusBar().addPermanentWidget(label)
    window.refresh_confirmations()
    window.statusBar().addWidget(window.save_label, 1)
    _warn_if_unsafe_folder(window)
    window.refresh_status_bar()


def _warn_if_unsafe_folder(window: MainWindow) -> None:
    """A data folder on a network share or in a cloud-synced folder (services/network_folder.py)."""
    from consultation_app.services.network_folder import data_folder_warning

    details = data_folder_warning(window.workspace.database_path.parent)
    if details is None:
        return
    label = QLabel(translate("MainWindow", "Warning: the data folder is on a network drive or in a cloud-synced "
                                           "folder, where its database can be damaged. Keep it on a local disk; an "
                                           "office that shares its data should use a PostgreSQL server."))
    label.setObjectName("unsafe_folder_warning")
    label.setStyleSheet("color: #a01010;")
    label.setToolTip(details)
    window.statusBar().insertWidget(0, label)
