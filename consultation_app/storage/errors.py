"""Storage failures sorted into those a person can act on; anything else is a bug."""

from __future__ import annotations

import sqlite3

from consultation_app.errors import AppError

# The exceptions a database driver raises. Plain databases use Python's sqlite3; an encrypted
# one uses sqlcipher3, whose exceptions are NOT sqlite3.Error subclasses. sqlcipher3 is loaded
# only when an encrypted database is opened (start-up time), and storage.encryption then adds
# its Error class here (add_driver_errors). We chose this growing tuple over translating
# sqlcipher3's exceptions at the connection: translating would need a Python proxy around every
# connection and cursor (a call per fetched row on the scans), and the backup API refuses
# anything but a real sqlcipher3 connection. So: catch with ``except errors.DATABASE_ERRORS``,
# reading the module attribute when the exception is matched, and never bind it with
# ``from ...errors import DATABASE_ERRORS`` (that copy would miss sqlcipher3's errors;
# tests/test_encryption.py checks the code for both mistakes). sqlite-utils' own few
# ``except sqlite3.OperationalError`` (Table.drop(ignore=True), the savepoint fallback of
# query() for INSERT ... RETURNING) still miss them: the app does not use those calls.
DATABASE_ERRORS: tuple[type[Exception], ...] = (sqlite3.Error,)


def add_driver_errors(error_class: type[Exception]) -> None:
    global DATABASE_ERRORS
    if error_class not in DATABASE_ERRORS:
        DATABASE_ERRORS = (*DATABASE_ERRORS, error_class)


class StorageError(AppError):
    pass


class PassphraseRequiredError(StorageError):
    """The database (or a backup of it) is encrypted and no passphrase was given for it."""

    def __init__(self, path: object):
        super().__init__(f"{path}: the database is protected by a passphrase, and it was not given")
        self.path = path


class WrongPassphraseError(StorageError):
    """The passphrase does not open this encrypted file. Never a reason to offer a backup."""

    def __init__(self, path: object, what: str = "the database"):
        super().__init__(f"{path}: wrong passphrase: it does not open {what}; nothing was changed")
        self.path = path


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


def classify(error: BaseException, path: object) -> StorageError | None:
    """Map a sqlite3 or sqlcipher3 error (the same SQLite messages) to one a user can act on,
    or None when it is a bug."""
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


def is_constraint_violation(error: BaseException) -> bool:
    """A write refused by a constraint (NOT NULL, CHECK, UNIQUE...): the data's fault, not the
    database's. SQLite undoes the statement and keeps the transaction."""
    return isinstance(error, DATABASE_ERRORS) and "constraint failed" in str(error).lower()
