"""Start the desktop app on a central office's PostgreSQL server (``--database URL`` or
CONSULTATION_APP_DATABASE; docs/central-postgresql.md). A server that is down, or refuses the
user name or password: one message in the interface language (a dialog, and a line on
stderr), and the app does not open at all."""

from __future__ import annotations

import os
import time

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from consultation_app import PROCESS_START, paths
from consultation_app.errors import AppError
from consultation_app.ui.app import PSEUDO_ENV, _route_qt_messages, _tell, ensure_app, load_fonts
from consultation_app.ui.error_text import error_text
from consultation_app.ui.i18n import install_language


def run_central_app(url: str, smoke_test: bool = False) -> int:
    from consultation_app.services.central_database import CentralDatabase
    from consultation_app.ui import startup_messages as say

    app = ensure_app()
    _route_qt_messages()
    load_fonts()
    # The person's language: the one set in this computer's data folder, else the system's.
    language = say.use_officer_language(paths.database_path())
    if os.environ.get(PSEUDO_ENV) == "1":
        install_language(language, pseudo=True)
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # a server far away can take seconds
    try:
        central = CentralDatabase(url)
    except AppError as error:
        QApplication.restoreOverrideCursor()
        _tell(app, error_text(error))
        return 1
    from consultation_app.ui import retention_notice

    expired, retention_failure = retention_notice.apply_at_start(central)  # as a data folder's app does
    QApplication.restoreOverrideCursor()
    try:
        from consultation_app.ui.central_window import CentralWindow
        from consultation_app.ui.window_fit import show_placed

        chosen = CentralWindow.remembered_language(central, language)  # View > Language, on this computer
        if chosen != language:
            install_language(chosen, pseudo=os.environ.get(PSEUDO_ENV) == "1")
        window = CentralWindow(central, chosen)
        show_placed(window)
        retention_notice.show(window, expired, retention_failure)
        if smoke_test:
            def report() -> None:
                print(f"{(time.perf_counter() - PROCESS_START) * 1000:.0f}", flush=True)
                window.close()
                app.quit()

            QTimer.singleShot(0, report)
        return app.exec()
    finally:
        central.close()
