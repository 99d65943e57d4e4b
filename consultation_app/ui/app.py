"""Start the desktop app: one instance per data folder, fonts, first run, main window."""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import QLockFile, QtMsgType, QTimer, qInstallMessageHandler
from PySide6.QtGui import QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from consultation_app import APP_NAME, ORGANISATION, PROCESS_START, __version__, paths
from consultation_app.errors import AppError
from consultation_app.ui.i18n import install_language

PSEUDO_ENV = "CONSULTATION_APP_PSEUDO"  # 1: lengthened, accented strings, to test layouts


def load_fonts() -> None:
    """Bundled fonts (Noto Sans Khmer) so Khmer renders on laptops that have no Khmer font."""
    fonts = paths.resources_dir() / "fonts"
    if fonts.is_dir():
        for font in sorted(fonts.glob("*.ttf")):
            QFontDatabase.addApplicationFont(str(font))


def _route_qt_messages() -> None:
    """Qt's warnings go to the log file, not to a console the officer never sees; only
    critical and fatal messages also reach standard error."""
    log_path = paths.logs_dir() / "qt.log"

    def handler(kind, context, message: str) -> None:
        try:
            with open(log_path, "a", encoding="utf-8") as log:
                log.write(f"{kind.name}: {message}\n")
        except OSError:
            pass
        if kind in (QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):
            print(f"consultation-app: Qt: {message}", file=sys.stderr)

    qInstallMessageHandler(handler)


def _tell(app: QApplication, message: str) -> None:
    print(f"consultation-app: {message}", file=sys.stderr)
    if os.environ.get("QT_QPA_PLATFORM", "") not in ("offscreen", "minimal"):
        QMessageBox.warning(None, app.applicationName(), message)


def ensure_app() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(QIcon(str(paths.resources_dir() / "icons" / "app.png")))
    return app


def apply_first_run(workspace, values: dict) -> None:
    from consultation_app.storage import settings_store

    for key in ("device_name", "officer_name", "default_province", "interface_language"):
        settings_store.put(workspace.db, key, values.get(key))
    workspace.records.officer = values.get("officer_name") or ""


def run_app(smoke_test: bool = False) -> int:
    app = ensure_app()
    _route_qt_messages()
    load_fonts()
    lock = QLockFile(str(paths.lock_file_path()))
    lock.setStaleLockTime(0)  # only a live process holds the folder; a crash leaves a stale lock
    if not lock.tryLock(200):
        _tell(app, f"another copy of the app is already using the data folder {paths.data_dir()}; "
                   f"switch to that window")
        return 1
    try:
        from consultation_app.services.workspace import Workspace
        from consultation_app.storage import settings_store
        from consultation_app.ui.main_window import MainWindow

        try:
            workspace = Workspace()
        except AppError as error:
            _tell(app, str(error))
            return 1
        if not smoke_test and not settings_store.get(workspace.db, settings_store.OFFICER_NAME):
            from consultation_app.ui.first_run import FirstRunDialog

            dialog = FirstRunDialog(workspace.reference, workspace.device_name)
            if dialog.exec() != FirstRunDialog.DialogCode.Accepted:
                return 0
            apply_first_run(workspace, dialog.values())
        language = settings_store.get(workspace.db, settings_store.INTERFACE_LANGUAGE, "en") or "en"
        install_language(language, pseudo=os.environ.get(PSEUDO_ENV) == "1")
        window = MainWindow(workspace, language)
        # The language switch replaces the window: flush whichever one is current at quit.
        app.aboutToQuit.connect(lambda: MainWindow.current.autosaver.flush())
        window.show()
        if smoke_test:
            def report() -> None:
                print(f"{(time.perf_counter() - PROCESS_START) * 1000:.0f}")
                window.close()
                app.quit()

            QTimer.singleShot(0, report)  # runs once the event loop is idle after showing
        code = app.exec()
        MainWindow.current.autosaver.flush()
        workspace.close()
        return code
    finally:
        lock.unlock()
