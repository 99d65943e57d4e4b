"""Storage failures sorted into those a person can act on; anything else is a bug."""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
from pathlib import Path

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
        self.keyed("passphrase_required", path=path)


class WrongPassphraseError(StorageError):
    """The passphrase does not open this encrypted file. Never a reason to offer a backup."""

    def __init__(self, path: object, what: str = "the database"):
        super().__init__(f"{path}: wrong passphrase: it does not open {what}; nothing was changed")
        self.path = path
        self.keyed("wrong_passphrase", path=path)


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


# Below this much free space, an I/O failure is taken for a full disk: SQLite reports a -shm file
# it cannot create, or a -wal it cannot grow, as "disk I/O error" or "unable to open", not "full".
NEARLY_FULL_BYTES = 4 * 1024 * 1024
_MARGIN_BYTES = 16 * 1024 * 1024  # room asked for beyond what the files themselves need
DISK_FULL_ERRNOS = (errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC))


def free_bytes(path: object) -> int | None:
    """Free space on the file system holding ``path`` (a file or a folder), None if unknown."""
    where = Path(str(path))
    while not where.exists() and where != where.parent:
        where = where.parent
    try:
        return shutil.disk_usage(where).free
    except OSError:
        return None


def _megabytes(count: int) -> str:
    return f"{max(1, round(count / 1_048_576)):,} MB"


def database_room(path: object) -> int:
    """Room a database needs to go on: its write-ahead log may grow to the size of what a
    transaction changes, a backup or VACUUM to its own size; with a margin."""
    size = 0
    for suffix in ("", "-wal"):
        try:
            size += os.stat(f"{path}{suffix}").st_size
        except OSError:
            pass
    return size + _MARGIN_BYTES


def disk_full_error(path: object, needed: int | None = None) -> "DiskFullError":
    """The one way the app says the disk is full: where, how much is free, how much to free."""
    free = free_bytes(path)
    room = needed if needed is not None else database_room(path)
    free_text = f" ({_megabytes(free)} free)" if free is not None and free >= 1_048_576 else " (nothing free)"
    return DiskFullError(f"{path}: the disk is full{free_text}; free at least {_megabytes(room)} on it and "
                         f"try again; nothing was changed").keyed("disk_full", path=path, room=_megabytes(room))


def is_disk_full(error: BaseException, path: object | None = None) -> bool:
    """Whether ``error`` (an OSError, or a sqlite3/sqlcipher3 error) means the disk is full."""
    if isinstance(error, DiskFullError):
        return True
    if isinstance(error, OSError):
        if error.errno in DISK_FULL_ERRNOS:
            return True
    message = str(error).lower()
    if "disk is full" in message or getattr(error, "sqlite_errorname", "") == "SQLITE_FULL":
        return True
    if path is not None and ("disk i/o error" in message or "unable to open" in message
                             or isinstance(error, OSError)):
        free = free_bytes(path)
        return free is not None and free < NEARLY_FULL_BYTES
    return False


def classify(error: BaseException, path: object) -> StorageError | None:
    """Map a sqlite3 or sqlcipher3 error (the same SQLite messages) to one a user can act on,
    or None when it is a bug. A full disk is said before anything else: SQLite's "disk I/O
    error" on a full disk is not a damaged file, and must never lead to a restore."""
    message = str(error).lower()
    if is_disk_full(error, path):
        return disk_full_error(path)
    if "database is locked" in message or "database is busy" in message:
        return DatabaseLockedError(f"{path}: the database is busy in another program; close it and try "
                                   f"again").keyed("database_locked", path=path)
    if "malformed" in message or "not a database" in message or "disk i/o error" in message:
        return DatabaseCorruptError(f"{path}: the database file is damaged ({error})").keyed("database_damaged",
                                                                                             path=path)
    if "unable to open" in message or "readonly" in message:
        return StorageError(f"{path}: the database cannot be opened for writing ({error})").keyed(
            "database_read_only", path=path)
    return None


def is_constraint_violation(error: BaseException) -> bool:
    """A write refused by a constraint (NOT NULL, CHECK, UNIQUE...): the data's fault, not the
    database's. SQLite undoes the statement and keeps the transaction."""
    if str(getattr(error, "sqlstate", "") or "").startswith("23"):  # PostgreSQL: integrity constraint violation
        return True
    return isinstance(error, DATABASE_ERRORS) and "constraint failed" in str(error).lower()
