"""What the two central-office windows' menu bars share: the SQLite main window on a data folder
(ui/main_menus.py) and the central window on a PostgreSQL server (ui/central_window.py) offer
the same central commands, with the same object names (tests find actions by name), texts and
translations, built here once."""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QMenuBar, QProxyStyle, QStyle

from consultation_app.ui.central_office import CentralOffice
from consultation_app.ui.i18n import LANGUAGES

translate = QCoreApplication.translate  # the main window's context: its translations serve both windows
AddAction = Callable[[QMenu, str, Any, Callable[..., Any], str], QAction]


def add_action(window: QMainWindow, menu: QMenu, text: str, shortcut: Any, slot: Callable[..., Any],
               name: str) -> QAction:
    action = QAction(text, window)
    action.setObjectName(name)
    action.setShortcut(QKeySequence(shortcut))
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    action.triggered.connect(slot)
    menu.addAction(action)
    return action


def adder(window: QMainWindow) -> AddAction:
    """``add_action`` bound to ``window``: act(menu, text, shortcut, slot, object name)."""
    def act(menu: QMenu, text: str, shortcut: Any, slot: Callable[..., Any], name: str) -> QAction:
        return add_action(window, menu, text, shortcut, slot, name)
    return act


def add_central_windows(window: Any, menu: QMenu, act: AddAction) -> None:
    """Import, conflict review and implementation status: the window's own slots open them."""
    act(menu, translate("MainWindow", "&Import field workbooks (central office)…"), "Ctrl+I",
        window.open_import_window, "action_import")
    act(menu, translate("MainWindow", "Review merge &conflicts…"), "", window.review_conflicts,
        "action_review_conflicts")
    act(menu, translate("MainWindow", "Implementation &status…"), "", window.open_implementation,
        "action_implementation")


def add_central_files(window: Any, menu: QMenu, act: AddAction) -> CentralOffice:
    """The files the central office writes (report, master export, matrix, mid-term draft,
    merge receipt, central exchange), in the background with progress (ui/central_office.py)."""
    office = CentralOffice(window)
    office.add_actions(menu, act)
    return office


def add_language_menu(window: Any, view: QMenu) -> QMenu:
    """View > Language: English or Khmer; the window rebuilds itself (its switch_language)."""
    languages = view.addMenu(translate("MainWindow", "&Language"))
    group = QActionGroup(window)
    for code, name in LANGUAGES.items():
        action = languages.addAction(name)
        action.setObjectName(f"action_language_{code}")
        action.setCheckable(True)
        action.setChecked(code == window.language)
        action.triggered.connect(lambda checked=False, code=code: window.switch_language(code))
        group.addAction(action)
    return languages


class _RoomForTheMnemonic(QProxyStyle):
    """Qt sizes a menu line without its "&" but, drawing it, shortens ("…" in the middle) any text
    wider than the room measured with it: the widest line of a Khmer menu lost a word
    ("ពីមូល...ន") at 1024x600 and 150%. Each line gets the "&"'s width back."""

    def sizeFromContents(self, kind, option, size, widget=None):  # noqa: N802 - Qt's name
        size = super().sizeFromContents(kind, option, size, widget)
        if kind == QStyle.ContentsType.CT_MenuItem and "&" in getattr(option, "text", ""):
            size.setWidth(size.width() + option.fontMetrics.horizontalAdvance("&"))
        return size


_menu_style: list[_RoomForTheMnemonic] = []  # one for the process, kept (a widget does not own its style)


def fit_menu_texts(bar: QMenuBar) -> None:
    """Every menu of ``bar`` (submenus too) draws its lines whole (_RoomForTheMnemonic)."""
    if not _menu_style:
        _menu_style.append(_RoomForTheMnemonic())
    menus = [menu for menu in (action.menu() for action in bar.actions()) if isinstance(menu, QMenu)]
    while menus:
        menu = menus.pop()
        menu.setStyle(_menu_style[0])
        menus += [sub for sub in (action.menu() for action in menu.actions()) if isinstance(sub, QMenu)]
