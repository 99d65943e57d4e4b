"""Run in a process of its own (tests/test_menus_fit.py). ``LANGUAGE [URL]``: every menu of the main window (on a
fresh data folder) and, given a postgresql:// URL, of the central window, in one language, on
the screen the process was started with (QT_QPA_PLATFORM=offscreen:configfile=... gives the
offscreen platform a 1024x600 screen; QT_SCALE_FACTOR=1.5 scales it). Prints one JSON object:
the screen's available geometry in Qt's logical pixels and, per menu, its path of titles, its
size hint and the number of columns Qt lays its entries out in (a menu taller than the screen
is not cut: Qt wraps it into more columns, each as tall as the screen, so its height alone
would always "fit"). ``--start URL``: see ``start``."""

from __future__ import annotations

import json
import sys
import tempfile


def menus_of(window) -> list[dict]:
    from PySide6.QtWidgets import QMenu

    found = []
    todo = [([action.text()], action.menu()) for action in window.menuBar().actions()]
    while todo:
        path, menu = todo.pop(0)
        assert isinstance(menu, QMenu)
        hint = menu.sizeHint()
        lefts = {menu.actionGeometry(a).left() for a in menu.actions() if a.isVisible()}
        found.append({"path": path, "width": hint.width(), "height": hint.height(), "columns": len(lefts),
                      "entries": len(menu.actions())})
        todo += [([*path, a.text()], a.menu()) for a in menu.actions() if a.menu() is not None]
    return found


def main(language: str, url: str | None) -> None:
    from consultation_app import paths
    from consultation_app.services.workspace import Workspace
    from consultation_app.ui.app import ensure_app, load_fonts
    from consultation_app.ui.i18n import install_language

    with tempfile.TemporaryDirectory() as folder:
        paths.set_data_dir(folder)
        app = ensure_app()
        load_fonts()
        install_language(language)
        available = app.primaryScreen().availableGeometry()
        out: dict = {"screen": [available.width(), available.height()], "windows": {}}
        from consultation_app.ui.main_window import MainWindow

        workspace = Workspace()
        window = MainWindow(workspace, language)
        out["windows"]["main"] = {"bar": window.menuBar().sizeHint().width(), "menus": menus_of(window)}
        window.close()
        if url:
            from consultation_app.services.central_database import CentralDatabase
            from consultation_app.ui.central_window import CentralWindow

            central = CentralDatabase(url)
            other = CentralWindow(central, language)
            out["windows"]["central"] = {"bar": other.menuBar().sizeHint().width(), "menus": menus_of(other)}
            other.close()
            central.close()
        workspace.close()
        print(json.dumps(out, ensure_ascii=False))


def start(url: str) -> None:
    """The desktop app's own start on a central office's server (its smoke test quits at once):
    the language its window opened in, and its first menu's title. In a process of its own: a
    QApplication.exec() that has returned leaves pytest-qt's process unable to deliver the
    background threads' signals (seen here: every later Background test timed out)."""
    from consultation_app.ui.central_app import run_central_app
    from consultation_app.ui.central_window import CentralWindow

    code = run_central_app(url, smoke_test=True)
    window = CentralWindow.current
    assert window is not None
    print(json.dumps({"code": code, "language": window.language, "file": window.menuBar().actions()[0].text()},
                     ensure_ascii=False))


if __name__ == "__main__":
    if sys.argv[1] == "--start":
        start(sys.argv[2])
    else:
        main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None)
