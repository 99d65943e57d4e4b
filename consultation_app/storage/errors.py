"""Storage failures sorted into those a person can act on; anything else is a bug."""

from __future__ import annotations

import sqlite3

from consultation_app.errors import AppError


class StorageError(AppError):
    pass


class DatabaseTooNewError(StorageError):
    pass


class DatabaseLockedError(StorageError):
    pass


class DiskFullError(StorageError):
    pass


class DatabaseCorruptError(StorageError):
    pass


class DamagedDatabaseError(StorageError):
    """The database file failed its check at start-up. Carries the file's path and the newest
    good backup (a ``storage.backup.BackupInfo``, or None) so the app can offer to restore it."""

    def __init__(self, message: str, path: object, backup: object | None = None):
        super().__init__(message)
        self.path = path
        self.backup = backup


class RecordLockedError(AppError):
    """A change to a finalised consultation, which must be reopened first."""


def classify(error: sqlite3.Error, path: object) -> StorageError | None:
    """Map a sqlite3 error to one a user can act on, or None when it is a bug."""
    message = str(error).lower()
    if "database is locked" in message or "database is busy" in message:
        return DatabaseLockedError(f"{path}: the database is busy in another program; close it and try again")
    if "disk is full" in message or "database or disk is full" in message:
        return DiskFullError(f"{path}: the disk is full; free some space and try again")
    if "malformed" in message or "not a database" in message or "disk i/o error" in message:
        return DatabaseCorruptError(f"{path}: the database file is damaged ({error})")
    if "unable to open" in message or "readonly" in message:
        return StorageError(f"{path}: the database cannot be opened for writing ({error})")
    return None
