"""Verified backups of the database, and putting one back.

Backups are made with SQLite's online backup API, never by copying the file: in WAL mode
committed rows can still be in the ``-wal`` file, and a copy of the main file alone misses
them (tests/test_backup.py shows it). Each backup is written to a temporary file beside its
target, checked with ``PRAGMA integrity_check``, synced and only then renamed into place, so
a file under a backup's name is always complete and verified.

Backups live in the ``backups`` folder beside the database they copy; for the app's own
database that is ``paths.backups_dir()``. Their names carry the local time and the reason:
``consultations-YYYYMMDD-HHMMSS-<reason>.sqlite3``. A backup file is a single-file database
(rollback journal, not WAL), so it can be opened, copied or mailed on its own.

Every file is opened through ``encryption.open_connection``: the backup of an encrypted
database is made between two sqlcipher3 connections and is encrypted with the same key and
salt, so it opens with the same passphrase; no plaintext copy is ever written. Checking or
restoring an encrypted backup needs its passphrase (``encryption.unlock``).
"""

from __future__ import annotations

import errno
import os
import re
import sqlite3
import time
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Callable

from consultation_app import paths
from consultation_app.errors import InputError, NotFoundError
from consultation_app.storage import encryption, errors, restore_checks, settings_store
from consultation_app.storage.durable import SIDE_FILES, fsync_file, fsync_folder, refuse_link, remove_with_side_files
from consultation_app.storage.errors import (
    DatabaseCorruptError,
    StorageError,
    WrongPassphraseError,
    classify,
)
from consultation_app.storage.restore_checks import restore_size_limit  # noqa: F401 (part of this module's API)
from consultation_app.storage.store import Store
from consultation_app.targets import check_output_file, create_new

PREFIX = "consultations"
PRE_MIGRATION = "pre-migration"
DAILY = "daily"
MANUAL = "manual"
AFTER_MERGE = "after-merge"  # after a merge run that changed something (exchange/merge_guard.py)
LAST_BACKUP_AT = "last_backup_at"  # settings key: local time of the last backup into the folder
DUE_AFTER = timedelta(hours=24)
KEEP_PRE_MIGRATION = timedelta(days=30)
STALE_TEMPORARY_SECONDS = 3600  # a temporary file this old was left by a killed backup

_STAMP = "%Y%m%d-%H%M%S"
_REASON = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_NAME = re.compile(rf"^{PREFIX}-(\d{{8}}-\d{{6}})-([a-z0-9]+(?:-[a-z0-9]+)*)\.sqlite3$")
_TEMPORARY = re.compile(rf"^\.{PREFIX}-.*\.tmp$")

Clock = Callable[[], datetime]


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created_at: datetime  # local time, from the file name
    reason: str
    size: int
    verified: bool | None = None  # None: not checked yet (list_backups checks lazily)

    @property
    def date_text(self) -> str:
        return self.created_at.strftime("%Y-%m-%d %H:%M")

    def checked(self) -> "BackupInfo":
        """The same backup with ``verified`` set by a quick check."""
        try:
            ok = self.size > 0 and quick_check(self.path) and not restore_checks.schema_problems(self.path)
        except StorageError:
            ok = False
        return replace(self, verified=ok)


@dataclass(frozen=True)
class RestoreResult:
    database: Path
    backup: Path
    moved_aside: Path | None  # where the previous database went (None: there was none)
    encrypted: bool = False  # the restored database is protected by a passphrase


# -- names and folders ---------------------------------------------------------------

def backup_name(created_at: datetime, reason: str) -> str:
    if not _REASON.match(reason):
        raise ValueError(f"a backup reason is lower-case letters, digits and dashes, not {reason!r}")
    return f"{PREFIX}-{created_at.strftime(_STAMP)}-{reason}.sqlite3"


def parse_name(path: str | os.PathLike) -> tuple[datetime, str] | None:
    """(created_at, reason) from a backup's file name, or None when it is not one."""
    match = _NAME.match(Path(path).name)
    if not match:
        return None
    try:
        return datetime.strptime(match.group(1), _STAMP), match.group(2)
    except ValueError:
        return None


def backups_folder_for(database_path: str | os.PathLike, create: bool = True) -> Path:
    """The ``backups`` folder beside a database (``paths.backups_dir()`` for the app's own)."""
    folder = Path(database_path).expanduser().resolve().parent / "backups"
    refuse_link(folder)  # never written, listed or rotated through a link planted in the data folder
    if create:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StorageError(f"{folder}: cannot create the backups folder ({error.strerror or error})").keyed(
                "backups_folder", path=folder) from None
    return folder


def _default_folder(folder: str | os.PathLike | None) -> Path:
    if folder is not None:
        return Path(folder)
    refuse_link(paths.data_dir() / "backups")
    return paths.backups_dir()


# -- making a backup ------------------------------------------------------------------

def make_backup(db_or_path: Store | object | str | os.PathLike, reason: str, *,
                out: str | os.PathLike | None = None, folder: str | os.PathLike | None = None,
                clock: Clock | None = None) -> BackupInfo:
    """Copy the database with the backup API into ``folder`` (default: the backups folder
    beside it) or to the file ``out``; verified, synced and renamed into place.

    Given a path, the copy is read through its own read-only connection: it holds every row
    committed when the copy starts and nothing a writer has not committed yet. Given an open
    connection, that connection must not be inside a transaction."""
    created_at = (clock or datetime.now)().replace(microsecond=0)
    name = backup_name(created_at, reason)
    source_file = _source_file(db_or_path)
    if out is not None:
        target = check_output_file(out).absolute()  # never resolved: a link is refused, not followed
        if _same_file(target, source_file) or any(_same_file(target, Path(f"{source_file}{s}"))
                                                   for s in SIDE_FILES):
            raise InputError(f"{target}: this is the database itself; choose another file for the backup")
    else:
        folder = Path(folder) if folder is not None else backups_folder_for(source_file)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StorageError(f"{folder}: cannot create the backups folder ({error.strerror or error})").keyed(
                "backups_folder", path=folder) from None
        target = folder / name
    size = _copy_verified(db_or_path, source_file, target)
    return BackupInfo(target, created_at, reason, size, True)


def record_backup(db: Store, info: BackupInfo) -> None:
    """Remember when the last backup into the backups folder was made (see ``due``)."""
    settings_store.put(db, LAST_BACKUP_AT, info.created_at.isoformat(timespec="seconds"))


def due(db: Store, now: datetime | None = None) -> bool:
    """True when no backup was recorded in the last 24 hours. A recorded time in the future
    (the laptop's clock was wrong, or was put back) also makes one due."""
    value = settings_store.get(db, LAST_BACKUP_AT)
    if not value:
        return True
    try:
        last = datetime.fromisoformat(value)
    except ValueError:
        return True
    now = now or datetime.now()
    if last.tzinfo is not None:
        last = last.astimezone().replace(tzinfo=None)
    return last > now or now - last >= DUE_AFTER


def _open_connection(source: object) -> Any:
    """The DB-API connection (sqlite3 or sqlcipher3) of a Store or connection; None for a path."""
    if isinstance(source, Store):
        return source.conn
    if isinstance(source, (str, os.PathLike)):
        return None
    return source


def _source_file(source: object) -> Path:
    if isinstance(source, (str, os.PathLike)):
        path = Path(source).expanduser().resolve()
        if not path.is_file():
            raise NotFoundError(f"{path}: no database here to back up")
        return path
    conn = _open_connection(source)
    for _, name, file in conn.execute("PRAGMA database_list").fetchall():
        if name == "main":
            if not file:
                raise StorageError("an in-memory database cannot be backed up")
            return Path(file)
    raise StorageError("this connection has no main database")


def _copy_verified(source: object, source_file: Path, target: Path) -> int:
    """Backup API into a temporary file beside ``target``, integrity check, fsync, rename."""
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    owned = None
    try:
        conn = _open_connection(source)
        if conn is not None:
            if conn.in_transaction:
                raise StorageError(f"{source_file}: cannot back up from inside a transaction")
        else:
            conn = owned = _open_read_only(source_file)
        remove_with_side_files(temporary)
        create_new(temporary)  # O_EXCL | O_NOFOLLOW: never a file or link already there
        # the same kind of file as the source: encrypted with its key and salt when it is
        copy = encryption.new_connection(temporary, conn, source_file, isolation_level=None)
        try:
            conn.backup(copy)  # one step: a consistent snapshot of what is committed
            copy.execute("PRAGMA journal_mode = DELETE")  # a single self-contained file
            problems = integrity_problems(copy)
        finally:
            copy.close()
        if problems:
            raise DatabaseCorruptError(f"{source_file}: the database is damaged; its copy failed the integrity "
                                       f"check ({problems[0]}); no backup was written")
        fsync_file(temporary)
        check_output_file(target)  # what has the name now is what the rename replaces
        os.replace(temporary, target)
        fsync_folder(target.parent)
        return target.stat().st_size
    except errors.DATABASE_ERRORS as error:
        remove_with_side_files(temporary)
        raise classify(error, source_file) or StorageError(
            f"{target}: cannot write the backup ({error})") from error
    except OSError as error:
        remove_with_side_files(temporary)
        raise _os_error(error, target, source_file) from error
    except BaseException:
        remove_with_side_files(temporary)
        raise
    finally:
        if owned is not None:
            owned.close()


def _os_error(error: OSError, path: Path, source_file: Path) -> StorageError:
    if errors.is_disk_full(error, path):
        return errors.disk_full_error(path.parent, errors.database_room(source_file))
    if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return StorageError(f"{path.parent}: the folder is read-only ({error.strerror}); no backup was written")
    return StorageError(f"{path}: cannot write the backup ({error.strerror or error})")


# -- listing, checking, rotating ------------------------------------------------------

def list_backups(folder: str | os.PathLike | None = None) -> list[BackupInfo]:
    """The backups in ``folder`` (default ``paths.backups_dir()``), newest first, from their
    names; not checked yet (``verified`` is None; see ``BackupInfo.checked``)."""
    folder = _default_folder(folder)
    if not folder.is_dir():
        return []
    found = []
    for entry in folder.iterdir():
        parsed = parse_name(entry)
        if parsed is None:
            continue
        try:
            if not entry.is_file():
                continue
            size = entry.stat().st_size
        except OSError:
            continue
        found.append(BackupInfo(entry, parsed[0], parsed[1], size))
    found.sort(key=lambda info: (info.created_at, info.path.name), reverse=True)
    return found


def newest_good_backup(folder: str | os.PathLike | None = None) -> BackupInfo | None:
    """The newest backup that passes a quick check, or None."""
    for info in list_backups(folder):
        checked = info.checked()
        if checked.verified:
            return checked
    return None


def quick_check(path: str | os.PathLike) -> bool:
    """``PRAGMA quick_check`` is 'ok'. False when the file is missing, damaged or not a
    database at all; a busy or unreadable file raises the StorageError that says so (it is
    not damaged, and must not be treated as damaged). So does an encrypted file whose passphrase
    was not given (PassphraseRequiredError) or does not open it (WrongPassphraseError). Reads
    only: nothing is changed."""
    path = Path(path)
    if not path.is_file():
        return False
    try:
        conn = _open_read_only(path)
        try:
            rows = conn.execute("PRAGMA quick_check").fetchall()
        finally:
            conn.close()
    except errors.DATABASE_ERRORS as error:
        failure = classify(error, path)
        if failure is None or isinstance(failure, DatabaseCorruptError):
            return False
        raise failure from error
    return rows == [("ok",)]


def rotate(keep_daily: int = 7, keep_weekly: int = 4, *, folder: str | os.PathLike | None = None,
           now: datetime | None = None) -> list[Path]:
    """Keep the newest backup of each of the last ``keep_daily`` days and of each of the last
    ``keep_weekly`` ISO weeks, plus every pre-migration backup of the last 30 days; delete the
    rest. Returns the deleted files.

    Two guards for laptops whose clock is wrong: the newest backup is always kept, and a
    backup dated after ``now`` is never deleted (the clock was put back; its age is unknown)."""
    folder = _default_folder(folder)
    now = now or datetime.now()
    backups = list_backups(folder)
    if not backups:
        return []
    today = now.date()
    days = {today - timedelta(days=k) for k in range(keep_daily)}
    monday = today - timedelta(days=today.weekday())
    weeks = {tuple((monday - timedelta(weeks=k)).isocalendar())[:2] for k in range(keep_weekly)}
    keep = {backups[0].path}
    seen_days: set = set()
    seen_weeks: set = set()
    for info in backups:  # newest first: the first seen of a day or week is its newest
        # A day's after-merge backups and its other ones are kept apart: the newest of each, so
        # the state before the day's merges can still be restored as well as the state after.
        day = (info.created_at.date(), info.reason == AFTER_MERGE)
        week = tuple(day[0].isocalendar())[:2]
        if info.created_at > now:
            keep.add(info.path)
        if day[0] in days and day not in seen_days:
            seen_days.add(day)
            keep.add(info.path)
        if week in weeks and week not in seen_weeks:
            seen_weeks.add(week)
            keep.add(info.path)
        if info.reason == PRE_MIGRATION and now - info.created_at <= KEEP_PRE_MIGRATION:
            keep.add(info.path)
    deleted = []
    for info in backups:
        if info.path not in keep:
            remove_with_side_files(info.path)  # what cannot be removed is tried at the next rotation
            if not info.path.exists():
                deleted.append(info.path)
    remove_temporaries(folder, older_than_seconds=STALE_TEMPORARY_SECONDS)
    return deleted


def remove_temporaries(folder: str | os.PathLike, older_than_seconds: float | None = None) -> None:
    """Remove the temporary files (and their side files) a backup left in ``folder``: those
    older than ``older_than_seconds`` (a backup may be writing a newer one), or, with None,
    every one however recent (only while no backup can be running: the passphrase is being set
    and the data folder is locked)."""
    folder = Path(folder)
    if not folder.is_dir():
        return
    limit = None if older_than_seconds is None else time.time() - older_than_seconds
    for entry in folder.iterdir():
        if _TEMPORARY.match(entry.name):
            try:
                if limit is None or entry.stat().st_mtime < limit:
                    remove_with_side_files(entry)
            except OSError:
                pass


# -- restoring --------------------------------------------------------------------------

def restore(backup_path: str | os.PathLike, database_path: str | os.PathLike | None = None, *,
            clock: Clock | None = None) -> RestoreResult:
    """Put a backup in place of the database.

    The backup must be no larger than ``restore_size_limit``, fit on the disk, open, pass a
    full integrity check and hold exactly the schema this app makes for the steps it records
    (storage/schema_check.py: nothing added, such as a trigger, nothing altered; not a newer
    version's), and the data folder must be writable, or nothing changes. A verified copy is
    staged beside the database first; then the current database and its -wal/-shm are moved
    aside to ``before-restore-YYYYMMDD-HHMMSS.sqlite3`` (``damaged-…`` when it fails its check;
    kept, never deleted: it may hold changes made after the backup) and the copy renamed into
    place. The database must not be open."""
    backup_path = Path(backup_path).expanduser().resolve()
    database_path = Path(database_path or paths.database_path()).expanduser().resolve()
    if not backup_path.is_file():
        raise NotFoundError(f"{backup_path}: no such backup file").keyed("backup_not_found", path=backup_path)
    if _same_file(backup_path, database_path):
        raise InputError(f"{backup_path}: this is the database itself, not a backup of it").keyed(
            "restore_database_itself", path=backup_path)
    restore_checks.check_size(backup_path, database_path)
    restore_checks.check_opens(backup_path, database_path)
    problems = _integrity_problems(backup_path)
    if problems:
        raise DatabaseCorruptError(f"{backup_path}: this backup is damaged ({problems[0]}); "
                                   f"choose another one; nothing was changed").keyed("backup_damaged",
                                                                                    path=backup_path)
    restore_checks.check_app_database(backup_path)
    restore_checks.check_room(backup_path, database_path.parent)
    stamp = (clock or datetime.now)().strftime(_STAMP)
    staged = database_path.with_name(f".{PREFIX}-restore-{stamp}-{os.getpid()}.sqlite3")
    _copy_verified(backup_path, backup_path, staged)
    try:  # again on the copy itself: the backup may have been changed since it was checked
        restore_checks.check_app_database(staged, shown=backup_path)
        restore_checks.distrust_kept_figures(staged, backup_path)
    except BaseException:
        remove_with_side_files(staged)
        raise
    try:
        restore_checks.check_not_open_elsewhere(database_path)
    except BaseException:
        remove_with_side_files(staged)
        raise
    moved: list[tuple[Path, Path]] = []
    try:
        aside = _free_name(database_path.parent, f"{_aside_prefix(database_path)}-{stamp}", ".sqlite3")
        for suffix in ("", *SIDE_FILES):
            current = Path(f"{database_path}{suffix}")
            if current.exists():
                os.replace(current, Path(f"{aside}{suffix}"))
                moved.append((current, Path(f"{aside}{suffix}")))
        os.replace(staged, database_path)
        fsync_folder(database_path.parent)
    except OSError as error:
        for original, kept in reversed(moved):  # put everything back as it was
            try:
                os.replace(kept, original)
            except OSError:
                pass
        remove_with_side_files(staged)
        raise StorageError(f"{database_path}: cannot put the backup in place ({error.strerror or error}); "
                           f"the database was left as it was").keyed("restore_not_in_place",
                                                                     path=database_path) from error
    return RestoreResult(database_path, backup_path, aside if moved else None, encryption.is_encrypted(database_path))


ASIDE_PATTERNS = ("before-restore-*.sqlite3", "damaged-*.sqlite3")  # what a restore sets aside


def _aside_prefix(database_path: Path) -> str:
    """A healthy database moved aside by a restore is not called damaged."""
    try:
        return "before-restore" if not database_path.exists() or quick_check(database_path) else "damaged"
    except StorageError:  # busy, locked or encrypted without its key: not known to be damaged
        return "before-restore"


def _integrity_problems(path: Path) -> list[str]:
    """[] when ``PRAGMA integrity_check`` is 'ok', otherwise what it (or opening) reported."""
    try:
        conn = _open_read_only(path)
        try:
            return integrity_problems(conn)
        finally:
            conn.close()
    except WrongPassphraseError:  # the key of its family, checked on another file, does not open it
        return ["it does not open with the passphrase of the file it is a backup of"]
    except errors.DATABASE_ERRORS as error:
        failure = classify(error, path)
        if failure is not None and not isinstance(failure, DatabaseCorruptError):
            raise failure from error
        return [str(error)]


def integrity_problems(conn: sqlite3.Connection) -> list[str]:
    """[] when ``PRAGMA integrity_check`` on an open connection says 'ok', otherwise its lines."""
    rows = [row[0] for row in conn.execute("PRAGMA integrity_check").fetchall()]
    return [] if rows == ["ok"] else rows


# -- files --------------------------------------------------------------------------------

def _open_read_only(path: Path) -> sqlite3.Connection:
    """sqlite3, or sqlcipher3 with the key of its family for an encrypted file."""
    return encryption.open_connection(path, read_only=True, timeout=5)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def _free_name(folder: Path, stem: str, suffix: str) -> Path:
    candidate = folder / f"{stem}{suffix}"
    number = 2
    while any(Path(f"{candidate}{s}").exists() for s in ("", *SIDE_FILES)):
        candidate = folder / f"{stem}-{number}{suffix}"
        number += 1
    return candidate
