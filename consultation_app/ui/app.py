"""Start the desktop app: one instance per data folder, fonts, first run, main window."""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import QLockFile, QTimer, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication

from consultation_app import APP_NAME, ORGANISATION, PROCESS_START, __version__, paths
from consultation_app.errors import AppError
from consultation_app.ui.error_text import error_text
from consultation_app.ui.i18n import install_language

PSEUDO_ENV = "CONSULTATION_APP_PSEUDO"  # 1: lengthened, accented strings, to test layouts
BACKUP_DELAY_MS = 1_500  # the daily backup runs this long after the window is shown


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
        from PySide6.QtWidgets import QMessageBox  # here: only a start that fails shows one

        QMessageBox.warning(None, app.applicationName(), message)


def _ask(app: QApplication, question: str, yes: str, no: str) -> bool:
    """Ask the person; offscreen (tests, headless) nobody can answer: say it, and refuse."""
    print(f"consultation-app: {question}", file=sys.stderr)
    if os.environ.get("QT_QPA_PLATFORM", "") in ("offscreen", "minimal"):
        return False
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Warning, app.applicationName(), question)
    accept = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(no, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(accept)
    box.exec()
    return box.clickedButton() is accept


def recover_damaged_database(app: QApplication, error):
    """The database failed its check: offer the newest good backup. On yes, the damaged file
    is moved aside (kept) and the backup put in its place; returns the opened Workspace, or
    None when the person refused or nothing could be restored (the caller exits with 1)."""
    from consultation_app.services.workspace import Workspace
    from consultation_app.storage import backup
    from consultation_app.ui import startup_messages as say

    path = error.path
    say.use_officer_language(path)
    if error.backup is None:
        _tell(app, say.damaged_without_backup(path))
        return None
    date = error.backup.date_text
    if not _ask(app, say.damaged_question(path, date), say.restore_button(date), say.quit_button()):
        return None
    try:
        result = backup.restore(error.backup.path, path)
        workspace = Workspace(path)
    except AppError as failure:
        _tell(app, error_text(failure))
        return None
    print(f"consultation-app: restored {result.backup.name}; the damaged database was kept as "
          f"{result.moved_aside}", file=sys.stderr)
    return workspace


def backup_if_due(workspace, background=None) -> None:
    """The daily backup (services.workspace.backup_if_due), run once the window is shown, on
    the background helper: it must not freeze typing. A failure must not stop the officer's
    work: it is reported, and the backup is tried again at the next start. Without
    ``background`` it runs inline (tests)."""
    from consultation_app.services.workspace import backup_if_due as daily_backup

    def report(error: Exception) -> None:
        message = f"no backup was made: {error}"
        print(f"consultation-app: {message}", file=sys.stderr)
        from consultation_app.ui.main_window import MainWindow

        current = MainWindow.current
        if current is None:  # no window
            return
        try:
            current.statusBar().showMessage(message[:1].upper() + message[1:], 30_000)
        except RuntimeError:  # the window is already gone
            pass

    path = workspace.database_path
    if background is None:
        try:
            daily_backup(path)
        except Exception as error:
            report(error)
        return
    background.start(lambda progress, cancelled: daily_backup(path), on_error=report)


def ensure_app() -> QApplication:
    existing = QApplication.instance()
    if existing is not None and not isinstance(existing, QApplication):
        raise RuntimeError("a Qt application without widgets is already running in this process")
    app = existing if existing is not None else QApplication(sys.argv[:1])
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


def run_app(smoke_test: bool = False, check=None) -> int:
    """``check``: the database's start-up quick check, already begun (see cli.main)."""
    app = ensure_app()
    _route_qt_messages()
    load_fonts()
    lock = QLockFile(str(paths.lock_file_path()))
    lock.setStaleLockTime(0)  # only a live process holds the folder; a crash leaves a stale lock
    if not lock.tryLock(200):
        from consultation_app.ui import startup_messages as say

        say.use_officer_language(paths.database_path())
        held = lock.error() == QLockFile.LockError.LockFailedError  # else its lock file cannot be made
        _tell(app, say.already_running(paths.data_dir()) if held else say.read_only_folder(paths.data_dir()))
        return 1
    try:
        from consultation_app.services.workspace import StartupCheck, Workspace
        from consultation_app.storage import encryption, settings_store
        from consultation_app.storage.errors import DamagedDatabaseError

        database = paths.database_path()
        if encryption.is_encrypted(database) and not encryption.is_unlocked(database):
            from consultation_app.ui.passphrase_dialog import unlock_at_start

            code = unlock_at_start(database)  # before anything opens it: the quick check needs the key
            if code is not None:
                return code
            check = StartupCheck(database)  # decrypting every page: runs while the window's modules load
        from consultation_app.ui.main_window import MainWindow

        try:
            workspace = Workspace(check=check)
        except DamagedDatabaseError as error:
            workspace = recover_damaged_database(app, error)
            if workspace is None:
                return 1
        except AppError as error:
            _tell(app, error_text(error))
            return 1
        if not smoke_test:
            from consultation_app.ui.identity_dialog import ask_if_copied

            ask_if_copied(workspace)  # a cloned disk or data folder: a new device, or the same computer
        if not smoke_test and not settings_store.get(workspace.db, settings_store.OFFICER_NAME):
            from consultation_app.ui.first_run import FirstRunDialog

            dialog = FirstRunDialog(workspace.reference, workspace.device_name)
            if dialog.exec() != FirstRunDialog.DialogCode.Accepted:
                return 0
            apply_first_run(workspace, dialog.values())
        language = settings_store.get(workspace.db, settings_store.INTERFACE_LANGUAGE, "en") or "en"
        install_language(language, pseudo=os.environ.get(PSEUDO_ENV) == "1")
        from consultation_app.ui import retention_notice
        from consultation_app.ui.window_fit import show_placed

        expired, retention_failure = retention_notice.apply_at_start(workspace)  # before anything is shown
        window = MainWindow(workspace, language)

        def flush_current() -> None:
            # The language switch replaces the window: flush whichever one is current.
            if MainWindow.current is not None:
                MainWindow.current.autosaver.flush()

        def back_up_later() -> None:
            if MainWindow.current is not None:
                backup_if_due(workspace, MainWindow.current.background)

        app.aboutToQuit.connect(flush_current)
        show_placed(window)
        retention_notice.show(window, expired, retention_failure)
        if not smoke_test:
            # After the window is up: the officer sees the app at once, the backup follows.
            QTimer.singleShot(BACKUP_DELAY_MS, back_up_later)
        if smoke_test:
            def report() -> None:
                print(f"{(time.perf_counter() - PROCESS_START) * 1000:.0f}", flush=True)  # read as it comes
                window.close()
                app.quit()

            QTimer.singleShot(0, report)  # runs once the event loop is idle after showing
        code = app.exec()
        flush_current()
        from consultation_app.services.attachments import remove_opened_copies

        remove_opened_copies()  # decrypted copies handed to a viewer do not outlive the app
        workspace.close()
        return code
    finally:
        lock.unlock()
