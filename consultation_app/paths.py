"""Every location the app reads or writes, in one place.

Order of precedence for the data folder: an explicit override (``--data-dir``,
tests), then the ``CONSULTATION_APP_DATA_DIR`` environment variable, then the
platform's per-user data folder from ``QStandardPaths``. Nothing is resolved at
import time, so tests and portable installs can redirect everything.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from consultation_app import APP_NAME, ORGANISATION

DATA_DIR_ENV = "CONSULTATION_APP_DATA_DIR"
RESOURCES_ENV = "CONSULTATION_APP_RESOURCES"
MACHINE_DIR_ENV = "CONSULTATION_APP_MACHINE_DIR"  # where the machine marker lives (tests)
MACHINE_MARKER_NAME = f"{APP_NAME}-machine-id"
DATABASE_NAME = "consultations.sqlite3"
LOCK_NAME = "app.lock"
SCRATCH_NAME = "scratch"

_data_dir_override: Path | None = None


def set_data_dir(path: str | os.PathLike | None) -> None:
    """Point every data location at ``path`` (``None`` restores the default)."""
    global _data_dir_override
    _data_dir_override = Path(path).expanduser().resolve() if path else None


def _platform_data_dir() -> Path:
    # QtCore only (no widgets): cheap enough for the headless CLI.
    from PySide6.QtCore import QCoreApplication, QStandardPaths

    QCoreApplication.setOrganizationName(ORGANISATION)
    QCoreApplication.setApplicationName(APP_NAME)
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppLocalDataLocation)
    if not location:
        location = str(Path.home() / f".{APP_NAME}")
    return Path(location)


def data_dir(create: bool = True) -> Path:
    if _data_dir_override is not None:
        path = _data_dir_override
    elif os.environ.get(DATA_DIR_ENV):
        path = Path(os.environ[DATA_DIR_ENV]).expanduser().resolve()
    else:
        path = _platform_data_dir()
    if create:
        _make_folder(path)
    return path


def _make_folder(path: Path) -> None:
    from consultation_app.errors import AppError

    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise AppError(f"{path}: cannot create this folder ({error.strerror or error})") from None


def machine_marker_path() -> Path:
    """A per-user file OUTSIDE the data folder holding a random id made on this computer
    (services/identity.py): a data folder copied to another computer or account does not
    bring it along. ``CONSULTATION_APP_MACHINE_DIR`` overrides the folder (tests)."""
    if os.environ.get(MACHINE_DIR_ENV):
        return Path(os.environ[MACHINE_DIR_ENV]).expanduser().resolve() / MACHINE_MARKER_NAME
    from PySide6.QtCore import QStandardPaths

    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericConfigLocation)
    return Path(location or Path.home()) / ORGANISATION / MACHINE_MARKER_NAME


def database_path() -> Path:
    return data_dir() / DATABASE_NAME


def backups_dir() -> Path:
    path = data_dir() / "backups"
    _make_folder(path)
    return path


def logs_dir() -> Path:
    path = data_dir() / "logs"
    _make_folder(path)
    return path


def lock_file_path() -> Path:
    return data_dir() / LOCK_NAME


def lock_file_for(database: str | os.PathLike) -> Path:
    """The lock of the data folder holding ``database`` (``lock_file_path()`` for the app's own)."""
    return Path(database).parent / LOCK_NAME


def scratch_dir_for(database: str | os.PathLike) -> Path:
    """Where exports write their plain temporary files (XlsxWriter's sheets, a workbook before it
    is encrypted): inside the data folder of ``database``, never the target folder (a USB stick)
    nor the system's temporary folder; what a killed export left there goes at the next start.
    Not created here."""
    return Path(database).parent / SCRATCH_NAME


def resources_dir() -> Path:
    """Bundled resources: beside the executable when frozen, the repo's resources/ from source."""
    if os.environ.get(RESOURCES_ENV):
        return Path(os.environ[RESOURCES_ENV])
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def catalogs_dir() -> Path:
    return resources_dir() / "catalogs"


def reference_file() -> Path:
    return resources_dir() / "reference" / "reference.json"
