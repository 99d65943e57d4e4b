"""Screenshot of the main window with a realistic consultation, for docs/ and the README.

Run under Xvfb for a real X11 window:  xvfb-run -s "-screen 0 1600x1000x24" .venv/bin/python scripts/screenshot.py
(offscreen works too: QT_QPA_PLATFORM=offscreen). Writes docs/main-window-en.png by default; --language km --out docs/main-window-km.png for Khmer.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from consultation_app import paths


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default=str(Path(__file__).resolve().parents[1] / "docs" / "main-window-en.png"))
    parser.add_argument("--language", default="en")
    parser.add_argument("--recommendation", default="KH3-44")
    parser.add_argument("--size", type=int, nargs=2, default=(1500, 900), help="window size in logical pixels")
    args = parser.parse_args()

    from PySide6.QtCore import QTimer

    from consultation_app.services.demo import add_demo_data
    from consultation_app.services.workspace import Workspace
    from consultation_app.storage import settings_store
    from consultation_app.ui.app import ensure_app, load_fonts
    from consultation_app.ui.main_window import MainWindow

    with tempfile.TemporaryDirectory() as folder:
        paths.set_data_dir(folder)
        app = ensure_app()
        load_fonts()
        from consultation_app.ui.i18n import compile_translations, install_language

        compile_translations()
        install_language(args.language)
        workspace = Workspace()
        settings_store.put(workspace.db, settings_store.DEVICE_NAME, "ratanakiri-laptop-2")
        add_demo_data(workspace, 24, seed=7, feedback_mean=12)
        window = MainWindow(workspace, args.language)
        window.resize(*args.size)
        window.show()
        # An indigenous community consultation, on the recommendations tab.
        rows = [window.browser.model.row_data(i) for i in range(window.browser.model.rowCount())]
        chosen = next((r for r in rows if r["stakeholder_group"] == "indigenous_communities"), rows[0])
        if chosen["status"] == "final":
            window.browser.select(chosen["uuid"])
            window.set_status("draft")
        window.browser.select(chosen["uuid"])
        window.tabs.setCurrentIndex(1)
        window.recs.select(args.recommendation)

        def shoot() -> None:
            window.grab().save(args.out)
            print(args.out)
            app.quit()

        QTimer.singleShot(300, shoot)
        app.exec()
        window.close()
        window.deleteLater()  # destroy Qt objects before the interpreter finalises
        app.processEvents()
        workspace.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
