"""`consultation-app backup` and `consultation-app restore`.

Wired into cli/main.py with ``add_parsers(commands)`` (beside the other commands) and
``run(args)`` (when ``args.command`` is "backup" or "restore"). Failures are AppErrors:
main() prints their one line and exits with 1. The backup of a database protected by a
passphrase is encrypted with it; restoring such a backup needs ``--passphrase-env``.
"""

from __future__ import annotations

import argparse
from contextlib import contextmanager

from consultation_app import paths
from consultation_app.domain.text import printable as shown
from consultation_app.errors import AppError, NotFoundError

COMMANDS = ("backup", "restore")
EXIT_OK = 0


def add_parsers(commands) -> None:
    backup = commands.add_parser(
        "backup", help="write a verified copy of the database (default: into the backups folder)")
    backup.add_argument("--out", metavar="FILE",
                        help="the backup file to write (default: backups/consultations-DATE-TIME-manual.sqlite3 "
                             "in the data folder)")
    restore = commands.add_parser(
        "restore", help="put a backup in place of the database; the current database is moved aside and kept")
    restore.add_argument("file", metavar="FILE", help="the backup file (see the backups folder)")
    # Before any Workspace: a damaged database must still be backed up or restored, and a
    # restore needs the database closed.
    backup.set_defaults(func=_backup)
    restore.set_defaults(func=_restore)


def run(args: argparse.Namespace) -> int:
    if args.command == "backup":
        return _backup(args)
    if args.command == "restore":
        return _restore(args)
    raise ValueError(f"not a backup command: {args.command!r}")


def _refuse_a_server(args: argparse.Namespace) -> None:
    """A central office's PostgreSQL server is backed up with its own tools: backing up (or
    overwriting) the data folder's file instead would look like a backup of the server."""
    from consultation_app.services.central_database import database_address

    if database_address(getattr(args, "database", None)) is not None:
        raise AppError(f"'{args.command}' works on a data folder's database; a PostgreSQL server is backed up and "
                       f"restored with pg_dump and pg_restore (docs/central-postgresql.md); run it without "
                       f"--database and CONSULTATION_APP_DATABASE for the data folder")


def _size(size: int) -> str:
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def _backup(args: argparse.Namespace) -> int:
    from consultation_app.storage import backup

    _refuse_a_server(args)
    database = paths.database_path()
    if not database.is_file():
        raise NotFoundError(f"{database}: there is no database in this data folder yet; nothing to back up")
    out = getattr(args, "out", None)
    info = backup.make_backup(database, backup.MANUAL, out=out)
    if out is None:
        _record(database, info)
        backup.rotate(folder=info.path.parent)
    from consultation_app.storage import encryption

    encrypted = ", encrypted: it opens with the database's passphrase" if encryption.is_encrypted(info.path) else ""
    print(f"wrote backup {shown(info.path)} ({_size(info.size)}, verified{encrypted})")
    return EXIT_OK


def _record(database, info) -> None:
    """A backup into the backups folder counts as the day's backup. Only a note: the backup
    itself is made, so a database that is busy or of an older schema just is not noted."""
    from consultation_app.storage import backup, errors, settings_store
    from consultation_app.storage.connection import connect
    from consultation_app.storage.errors import StorageError

    try:
        db = connect(database)
        try:
            if settings_store.has_settings(db):
                backup.record_backup(db, info)
        finally:
            db.close()
    except StorageError:
        pass
    except errors.DATABASE_ERRORS:
        pass


@contextmanager
def locked_data_folder(then: str):
    """Hold the data folder's lock (the desktop app's) while the database file is replaced."""
    from PySide6.QtCore import QLockFile

    lock = QLockFile(str(paths.lock_file_path()))
    lock.setStaleLockTime(0)
    if not lock.tryLock(200):
        if lock.error() == QLockFile.LockError.LockFailedError:
            raise AppError(f"the desktop app is using the data folder {paths.data_dir()}; close it, then {then}")
        # the lock file cannot be made: a read-only folder (or drive), or one this user may not write
        raise AppError(f"{paths.data_dir()}: the data folder is read-only (its lock file cannot be made); "
                       f"nothing was changed")
    try:
        with _no_merge_running(then):
            yield
    finally:
        lock.unlock()


@contextmanager
def _no_merge_running(then: str):
    """Hold the database's merge lock too: a merge run in another process (the command line)
    holds only that one, and a database replaced under it would take its merged rows into
    the file moved aside."""
    from PySide6.QtCore import QLockFile

    from consultation_app.exchange.merge_guard import lock_path

    lock = QLockFile(str(lock_path(paths.database_path())))
    lock.setStaleLockTime(0)
    if not lock.tryLock(200):
        if lock.error() == QLockFile.LockError.LockFailedError:
            raise AppError(f"a merge into {paths.database_path()} is running; wait for it to finish, then {then}; "
                           f"nothing was changed")
        raise AppError(f"{paths.data_dir()}: the data folder is read-only (the merge lock file cannot be made); "
                       f"nothing was changed")
    try:
        yield
    finally:
        lock.unlock()


def _restore(args: argparse.Namespace) -> int:
    from consultation_app.storage import backup, encryption

    _refuse_a_server(args)
    passphrase = getattr(args, "passphrase", None)
    if passphrase and encryption.key_for(args.file) is None:
        # the backup may be encrypted when the database is not (or no longer), or under an
        # earlier passphrase: a key that does not open it cannot tell which, or damage
        from consultation_app.storage.errors import WrongPassphraseError

        try:
            encryption.unlock(args.file, passphrase, what="this backup")
        except WrongPassphraseError:
            raise AppError(f"{args.file}: the passphrase does not open this backup: it was made under another "
                           f"passphrase, or it is damaged; nothing was changed") from None
    was_encrypted = encryption.is_encrypted(paths.database_path())
    with locked_data_folder("restore"):
        result = backup.restore(args.file, paths.database_path())
    parsed = backup.parse_name(result.backup)
    made = f" (made {parsed[0]:%Y-%m-%d %H:%M})" if parsed else ""
    print(f"restored {shown(result.backup)}{made} to {shown(result.database)}")
    if result.moved_aside:
        print(f"the previous database was moved to {shown(result.moved_aside)} (kept, not deleted)")
    else:
        print("there was no previous database")
    if result.encrypted:
        print("the restored database is protected by the passphrase the backup was made with")
    elif was_encrypted:
        print("note: the restored database is not protected by a passphrase (the backup was made before one was "
              "set); set it again with: passphrase set --new-env VAR")
    return EXIT_OK
