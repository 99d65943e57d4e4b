"""The menus of both windows on the field laptop's screen (issue 18): 1024x600 at 150% scaling,
in English and in Khmer. Every menu opens in one column inside the screen, the menu bar fits
its width, and no two entries of a menu (nor two menu titles of a bar) share an Alt letter.

The sizes are measured in a process started as on that screen: the offscreen platform given a
1024x600 screen (its configfile) and QT_SCALE_FACTOR=1.5, i.e. 683x400 logical pixels. Found
here: a menu's size hint in logical pixels is the same at 100% and 150%, but on a screen too
short for it Qt does not cut it, it wraps it into a second column as tall as the screen; so a
menu "fits" only when its height is within the screen *and* it has one column."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from tests.conftest import REPO_ROOT

NETBOOK = {"screens": [{"name": "netbook", "x": 0, "y": 0, "width": 1024, "height": 600,
                        "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}


@pytest.fixture(scope="module")
def netbook_config(tmp_path_factory):
    path = tmp_path_factory.mktemp("screen") / "netbook.json"
    path.write_text(json.dumps(NETBOOK))
    return path


def measured(language: str, config, url: str | None) -> dict:
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}", "QT_SCALE_FACTOR": "1.5",
           "PYTHONPATH": REPO_ROOT}
    run = subprocess.run([sys.executable, "-m", "tests.menu_probe", language, *([url] if url else [])],
                         cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("language", ["en", "km"])
def test_every_menu_of_both_windows_fits_a_1024x600_screen_at_150_percent(language, netbook_config, pg_url):
    sizes = measured(language, netbook_config, pg_url)
    width, height = sizes["screen"]
    assert (width, height) == (683, 400)  # 1024x600 / 1.5: the process really had that screen
    assert set(sizes["windows"]) == {"main", "central"}
    for name, window in sizes["windows"].items():
        assert window["bar"] <= width, (name, window["bar"])  # the titles in one row, no ">>" button
        for menu in window["menus"]:
            where = (name, " > ".join(menu["path"]), menu["entries"])
            assert menu["columns"] == 1, where + (f"{menu['columns']} columns",)
            assert menu["height"] <= height, where + (menu["height"],)
            assert menu["width"] <= width, where + (menu["width"],)


def alt_letter(text: str) -> str | None:
    """The letter Alt reaches: the one after a single "&" ("&&" is a literal ampersand)."""
    match = re.search(r"&([^&\s])", text.replace("&&", ""))
    return match.group(1).lower() if match else None


def clashes(texts: list[str]) -> list[tuple[str, str]]:
    seen: dict[str, str] = {}
    found = []
    for text in texts:
        letter = alt_letter(text)
        if letter is None:
            continue
        if letter in seen:
            found.append((seen[letter], text))
        seen[letter] = text
    return found


def every_menu(window):
    todo = [action.menu() for action in window.menuBar().actions()]
    while todo:
        menu = todo.pop(0)
        yield menu
        todo += [a.menu() for a in menu.actions() if a.menu() is not None]


@pytest.mark.parametrize("language", ["en", "km"])
def test_no_two_entries_of_a_menu_and_no_two_menu_titles_share_an_alt_letter(qtbot, workspace, pg_url, language):
    from consultation_app.services.central_database import CentralDatabase
    from consultation_app.ui import i18n
    from consultation_app.ui.central_window import CentralWindow
    from consultation_app.ui.main_window import MainWindow

    i18n.compile_translations()
    i18n.install_language(language)
    central = CentralDatabase(pg_url)
    try:
        windows = [MainWindow(workspace, language), CentralWindow(central, language)]
        for window in windows:
            qtbot.addWidget(window)
            titles = [action.text() for action in window.menuBar().actions()]
            assert not clashes(titles), (type(window).__name__, clashes(titles))
            assert all(alt_letter(title) for title in titles), titles
            for menu in every_menu(window):
                entries = [a.text() for a in menu.actions() if not a.isSeparator()]
                assert not clashes(entries), (type(window).__name__, menu.title(), clashes(entries))
                if language == "km":  # the Khmer entries carry their letter as a "(&X)" suffix
                    assert all(re.search(r"\(&[A-Za-z0-9]\)", text) for text in entries
                               if alt_letter(text)), entries
    finally:
        i18n.install_language("en")
        central.close()


def started(url: str, data_dir, **env: str) -> dict:
    """The app started on the server in a process of its own (tests/menu_probe.py start)."""
    from consultation_app import paths

    run = subprocess.run([sys.executable, "-m", "tests.menu_probe", "--start", url], cwd=REPO_ROOT,
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": REPO_ROOT,
                              paths.DATA_DIR_ENV: str(data_dir), **env},
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout.strip().splitlines()[-1])


def test_the_central_window_opens_in_the_language_last_chosen_in_it_on_this_computer(qtbot, data_dir, pg_url):
    """View > Language in the central window is kept (on the server, for this computer and
    login, as the main window keeps its own in the data folder): the app's next start opens in
    it; another login on the same server keeps its own (here: none chosen, English)."""
    import getpass

    from consultation_app.services.central_database import CentralDatabase
    from consultation_app.ui import i18n
    from consultation_app.ui.central_window import CentralWindow

    i18n.compile_translations()
    assert started(pg_url, data_dir)["language"] == "en"  # nothing chosen yet: the data folder's, English
    try:
        central = CentralDatabase(pg_url)
        window = CentralWindow(central, "en")  # replaced and deleted by the switch: not qtbot's to close
        window.findChild(type(window.menuBar().actions()[0]), "action_language_km").trigger()
        khmer = CentralWindow.current
        qtbot.addWidget(khmer)
        assert khmer.language == "km"
        khmer.close()
        central.close()
    finally:
        i18n.install_language("en")
    reopened = started(pg_url, data_dir)
    assert (reopened["code"], reopened["language"]) == (0, "km")
    assert re.search(r"[\u1780-\u17ff]", reopened["file"]), reopened
    someone_else = f"not-{getpass.getuser()}"
    assert started(pg_url, data_dir, USER=someone_else, LOGNAME=someone_else)["language"] == "en"


@pytest.mark.parametrize("language", ["en", "km"])
def test_the_central_windows_buttons_stay_whole_on_a_1024x600_screen_at_150_percent(qtbot, pg_url, language):
    """Its six buttons keep their height and do not overlap when the window is as small as that
    screen (683x400 logical pixels, less a title bar): the page scrolls instead (seen in the
    screenshots: rows of buttons squeezed over each other, the last cut by its frame)."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QPushButton, QScrollArea

    from consultation_app.services.central_database import CentralDatabase
    from consultation_app.ui import i18n
    from consultation_app.ui.central_window import CentralWindow

    i18n.compile_translations()
    i18n.install_language(language)
    central = CentralDatabase(pg_url)
    try:
        window = CentralWindow(central, language)
        qtbot.addWidget(window)
        window.show()
        window.resize(683, 370)
        QCoreApplication.processEvents()
        buttons = [b for b in window.findChildren(QPushButton) if b.objectName().startswith("button_")]
        assert len(buttons) == 6
        rects = {b.objectName(): b.geometry() for b in buttons}
        for name, rect in rects.items():
            assert rect.height() >= buttons[0].minimumHeight(), (name, rect)
            assert rect.height() >= buttons[0].minimumSizeHint().height(), (name, rect)
            for other, other_rect in rects.items():
                assert other == name or not rect.intersects(other_rect), (name, other, rect, other_rect)
        group = buttons[0].parentWidget()
        for name, rect in rects.items():
            assert group.contentsRect().contains(rect), (name, rect, group.contentsRect())
        page = window.findChild(QScrollArea, "central_page")
        assert page.widget().minimumSizeHint().width() <= page.viewport().width()  # it never scrolls sideways
        assert window.button_columns == (1 if language == "km" else 2)  # Khmer's longer texts: one column
        window.resize(1366, 700)
        QCoreApplication.processEvents()
        assert window.button_columns == 2  # room again: side by side
    finally:
        i18n.install_language("en")
        central.close()


# The main window's actions and their shortcuts as they were before the menus were regrouped
# (dde71b3): the regrouping moved entries, it removed none and changed no key.
SHORTCUTS = {
    "action_new_consultation": "Ctrl+N", "action_export": "Ctrl+Shift+E", "action_template": "",
    "action_import_receipt": "", "action_import": "Ctrl+I", "action_review_conflicts": "",
    "action_implementation": "", "action_report": "", "action_master_export": "", "action_matrix": "",
    "action_midterm_draft": "", "action_receipt": "", "action_central_exchange": "", "action_import_catalog": "",
    "action_link_catalogs": "", "action_passphrase": "", "action_undo": "Ctrl+Z",
    "action_delete_feedback": "Ctrl+Del", "action_find": "Ctrl+F", "action_new_feedback": "Ctrl+E",
    "action_save_next": "Ctrl+Return", "action_new_note": "Ctrl+Shift+N", "action_tab_0": "Ctrl+1",
    "action_tab_1": "Ctrl+2", "action_tab_2": "Ctrl+3", "action_toggle_list": "Ctrl+L", "action_dashboard": "",
    "action_language_en": "", "action_language_km": "",
}


def test_every_action_keeps_its_name_and_shortcut_and_sits_in_a_menu(qtbot, workspace):
    from PySide6.QtGui import QAction, QKeySequence

    from consultation_app.ui.main_window import MainWindow

    window = MainWindow(workspace, "en")
    qtbot.addWidget(window)
    actions = {a.objectName(): a for a in window.findChildren(QAction) if a.objectName().startswith("action_")}
    assert set(actions) == set(SHORTCUTS) | {"action_quit"}
    for name, keys in SHORTCUTS.items():
        assert actions[name].shortcut().toString() == keys, name
    assert actions["action_quit"].shortcut() == QKeySequence(QKeySequence.StandardKey.Quit)
    in_menus = {a.objectName() for menu in every_menu(window) for a in menu.actions()}
    assert set(actions) <= in_menus, set(actions) - in_menus
