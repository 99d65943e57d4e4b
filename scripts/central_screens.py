"""Screenshots of the central window on a PostgreSQL server (``--database``) and its menus, as
central staff see them: the whole X screen is grabbed (what is off-screen is missing), for
docs/screens/central-window-*.png and for checking fit by eye.

  xvfb-run -a -s "-screen 0 1024x600x24" .venv/bin/python scripts/central_screens.py --language km
  QT_SCALE_FACTOR=1.5 xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python scripts/central_screens.py

Without ``--database URL`` a throwaway server is started (tests/pg_server.py: Debian's
postgresql binaries) and two demo laptops' exports are merged into it. One PNG per view:
the window alone, with its File, Reports and View > Language menus open, and after a report
failed because the server went away (the status line and the message box it shows then).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # tests.pg_server, when the script is run from anywhere

from consultation_app import paths  # noqa: E402

VIEWS = ("window", "file", "reports", "language", "failure")


def _demo_server(folder: Path):
    """A throwaway server holding two merged demo exports: its URL and the function that stops it."""
    import uuid

    import psycopg

    from consultation_app.exchange.export import export_package
    from consultation_app.exchange.merge import merge_paths
    from consultation_app.services.demo import add_demo_data
    from consultation_app.services.reference_lists import default_reference
    from consultation_app.services.workspace import Workspace
    from tests.pg_server import start_server

    server, stop = start_server()
    name = f"screens_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(server.url(), autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    url = server.url(name)
    files = []
    for device, seed in (("kampot-laptop-1", 11), ("ratanakiri-laptop-3", 12)):
        with Workspace(database_path=folder / f"{device}.sqlite3") as laptop:
            add_demo_data(laptop, 6, seed, feedback_mean=8)
            files.append(export_package(laptop.database_path, folder / f"{device}.xlsx", laptop.reference).path)
    merge_paths(url, files, default_reference())
    return url, stop


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", help="a postgresql:// address (default: a throwaway demo server)")
    parser.add_argument("--language", default="en")
    parser.add_argument("--views", nargs="*", choices=VIEWS, default=list(VIEWS))
    parser.add_argument("--out", default=str(ROOT / "docs" / "screens"),
                        help="folder for central-window-<view>-<lang>-<screen>.png")
    args = parser.parse_args()

    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtTest import QTest

    from consultation_app.services.central_database import CentralDatabase
    from consultation_app.ui.app import ensure_app, load_fonts
    from consultation_app.ui.central_window import CentralWindow
    from consultation_app.ui.i18n import compile_translations, install_language
    from consultation_app.ui.window_fit import show_placed

    with tempfile.TemporaryDirectory() as folder:
        paths.set_data_dir(Path(folder) / "data")
        app = ensure_app()
        load_fonts()
        compile_translations()
        install_language(args.language)
        url, stop = (args.database, None) if args.database else _demo_server(Path(folder))
        central = CentralDatabase(url)
        try:
            screen = app.primaryScreen()
            size = screen.size()
            scale = app.devicePixelRatio()
            tag = f"{size.width()}x{size.height()}" + (f"@{scale:g}x" if scale != 1 else "")
            window = CentralWindow(central, args.language)
            show_placed(window)
            views = list(args.views)
            written = []

            def open_menu(view: str) -> None:
                bar = window.menuBar()
                for menu in (action.menu() for action in bar.actions()):
                    menu.hide()
                if window.central_office.failure_box is not None:
                    window.central_office.failure_box.close()
                if view == "failure":  # what a server lost midway shows (tests/test_pg_central_menus.py)
                    from consultation_app.storage.errors import StorageError

                    lost = f"{central.label}: the connection to the PostgreSQL server was lost"
                    window.central_office._failed(StorageError(lost).keyed("server_lost", server=central.label))
                    return
                index = {"file": 0, "reports": 1, "language": 2}.get(view)
                if index is None:
                    return
                action = bar.actions()[index]
                bar.setActiveAction(action)
                if view == "language":
                    view_menu = action.menu()
                    languages = next(a for a in view_menu.actions() if a.menu() is not None)
                    view_menu.setActiveAction(languages)
                    QTest.keyClick(view_menu, Qt.Key.Key_Right)

            def next_view() -> None:
                if not views:
                    app.quit()
                    return
                view = views.pop(0)
                open_menu(view)

                def shoot() -> None:
                    out = Path(args.out) / f"central-window-{view}-{args.language}-{tag}.png"
                    screen.grabWindow(0).save(str(out))
                    written.append(out)
                    print(out)
                    next_view()

                QTimer.singleShot(900, shoot)  # after the window manager (if any), layouts and menus settle

            QTimer.singleShot(300, next_view)
            app.exec()
            window.close()
            app.processEvents()
        finally:
            central.close()
            if stop is not None:
                stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
