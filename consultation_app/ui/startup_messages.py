"""What the app says before its main window exists (another copy is running, the database is
damaged), in the officer's language: the interface language stored in the database while it
can still be read there, else the system's."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale

from consultation_app.ui.i18n import install_language


def use_officer_language(database_path: Path) -> str:
    from consultation_app.storage import settings_store

    language = settings_store.peek(database_path, settings_store.INTERFACE_LANGUAGE)
    if language not in ("en", "km"):
        language = "km" if QLocale.system().language() == QLocale.Language.Khmer else "en"
    install_language(language)
    return language


def already_running(folder: Path) -> str:
    text = QCoreApplication.translate(
        "Startup", "Another copy of the app is already using the data folder %1; switch to that window.")
    return text.replace("%1", str(folder))


def read_only_folder(folder: Path) -> str:
    text = QCoreApplication.translate(
        "Startup", "The data folder %1 is read-only: the app cannot save anything there. Make it writable or "
                   "copy it to a folder you can write to, then start the app again.")
    return text.replace("%1", str(folder))


def damaged_without_backup(path: Path) -> str:
    text = QCoreApplication.translate(
        "Startup", "The database %1 is damaged and no good backup was found. It was left as it is; copy the "
                   "folder %2 and ask for help before changing anything.")
    return text.replace("%1", str(path)).replace("%2", str(path.parent))


def damaged_question(path: Path, backup_date: str) -> str:
    text = QCoreApplication.translate(
        "Startup", "The database %1 is damaged.\n\nIt will be moved aside and kept (never deleted) as a "
                   "damaged-….sqlite3 file in %2, and the newest good backup, from %3, will be put in its "
                   "place. Changes made after %3 stay only in the damaged file.\n\nRestore the backup from %3?")
    return text.replace("%1", str(path)).replace("%2", str(path.parent)).replace("%3", backup_date)


def restore_button(backup_date: str) -> str:
    return QCoreApplication.translate("Startup", "Restore the backup from %1").replace("%1", backup_date)


def quit_button() -> str:
    return QCoreApplication.translate("Startup", "Quit")
