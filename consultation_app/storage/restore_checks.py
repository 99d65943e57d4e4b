"""What a file must be before a restore puts it in place of the database (storage/backup.py's
``restore`` calls these in order): small enough to be a backup of it, readable (random bytes
are called damaged, not "protected by a passphrase"), a database this app wrote (exactly the
schema its steps make, storage/schema_check.py), and the data folder able to take it."""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path
from typing import Any

from consultation_app.errors import InputError, NotFoundError
from consultation_app.storage import encryption, errors
from consultation_app.storage.errors import (
    DatabaseCorruptError,
    DatabaseTooNewError,
    PassphraseRequiredError,
    StorageError,
)
from consultation_app.targets import create_new

# No backup of a database is larger than this: 20 times the database's file, plus 2 GB (a
# database that was cut short, or is new, still takes any genuine backup). A larger file is
# refused before it is read (an integrity check of it would run for hours).
RESTORE_SIZE_FACTOR = 20
RESTORE_SIZE_MARGIN = 2 * 1024 ** 3
PROBE_PREFIX = ".consultations-restore-probe"


def _open_read_only(path: Path) -> Any:  # a sqlite3 or sqlcipher3 connection
    return encryption.open_connection(path, read_only=True, timeout=5)


def restore_size_limit(database_path: str | os.PathLike) -> int:
    """The largest file taken for a backup of this database: ``RESTORE_SIZE_FACTOR`` times its
    file, plus ``RESTORE_SIZE_MARGIN`` (just the margin when there is no database)."""
    try:
        size = Path(database_path).stat().st_size
    except OSError:
        size = 0
    return RESTORE_SIZE_FACTOR * size + RESTORE_SIZE_MARGIN


def _megabytes(size: int) -> str:
    return f"{size / 1024 ** 2:,.0f} MB"


def read_size(backup_path: Path) -> int:
    """The bytes SQLite reads as the backup: its file and a -wal file beside it (a file copied
    from a live folder, or a forger's, can ship one; SQLite reads it as part of the database)."""
    size = backup_path.stat().st_size
    try:
        size += Path(f"{backup_path}-wal").stat().st_size
    except OSError:
        pass
    return size


def check_size(backup_path: Path, database_path: Path) -> None:
    """Refuse, before reading it, a file too large to be a backup of this database."""
    size = read_size(backup_path)
    limit = restore_size_limit(database_path)
    if size > limit:
        raise InputError(f"{backup_path}: this file ({_megabytes(size)}) is larger than any backup of this database "
                         f"can be ({_megabytes(limit)}: {RESTORE_SIZE_FACTOR} times the database plus "
                         f"{_megabytes(RESTORE_SIZE_MARGIN)}); nothing was changed"
                         ).keyed("restore_too_large", path=backup_path, size=_megabytes(size), limit=_megabytes(limit))


def check_room(backup_path: Path, folder: Path) -> None:
    """The data folder can take the staged copy: it exists, is writable and has room for it."""
    if not folder.is_dir():
        raise NotFoundError(f"{folder}: no such folder; nothing was changed").keyed("restore_no_folder", path=folder)
    size = read_size(backup_path)
    probe = folder / f"{PROBE_PREFIX}-{os.getpid()}.tmp"
    try:
        create_new(probe)
        probe.unlink()
        free = shutil.disk_usage(folder).free
    except FileExistsError:
        return  # a probe of this process left behind: the folder was writable then
    except OSError as error:
        if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            raise StorageError(f"{folder}: the data folder is read-only ({error.strerror}); the backup cannot be put "
                               f"in place; nothing was changed").keyed("restore_read_only", path=folder) from None
        raise StorageError(f"{folder}: cannot write in the data folder ({error.strerror or error}); "
                           f"nothing was changed").keyed("restore_cannot_write", path=folder,
                                                         error=error.strerror or error) from None
    if free < size:  # the staged copy is as large as the backup
        raise errors.disk_full_error(folder, size)


def check_opens(backup_path: Path, database_path: Path) -> None:
    """A file that looks encrypted and whose key is not known: of the database's own family it
    needs the passphrase (PassphraseRequiredError); otherwise nothing says it is a database at
    all, and it is called damaged (random bytes look exactly like encrypted pages)."""
    if not encryption.is_encrypted(backup_path) or encryption.key_for(backup_path) is not None:
        return
    if encryption.same_family(backup_path, database_path):
        raise PassphraseRequiredError(backup_path)
    raise DatabaseCorruptError(f"{backup_path}: this backup is damaged: it is not a database, nor protected by the "
                               f"database's passphrase (a backup made under an earlier passphrase opens only with "
                               f"that one); nothing was changed").keyed("backup_not_a_database", path=backup_path)


# SQLite's lock bytes (os_unix.c): every connection to a WAL database holds a read lock on
# this range for as long as it is open, idle or not.
_SHARED_FIRST = 0x40000000 + 2
_SHARED_SIZE = 510


def check_not_open_elsewhere(database_path: Path) -> None:
    """InputError when another process has the database open (the desktop app, a command
    line run, a script): replaced under it, its later writes would go into the file moved
    aside while it reports them done. Asked of the lock SQLite holds, by trying to take the
    range for a moment, without opening the database (a connection's close would checkpoint
    and change the file a restore must keep as it was). POSIX only: Windows is not asked.
    The caller must hold no connection to the database in this process (closing this
    descriptor would drop that connection's locks, see docs/developing.md)."""
    try:
        import fcntl
    except ImportError:
        return
    try:
        descriptor = os.open(database_path, os.O_RDWR)
    except OSError:  # absent or not writable: the restore's own steps say so
        return
    try:
        try:
            fcntl.lockf(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB, _SHARED_SIZE, _SHARED_FIRST)
        except OSError as error:
            if error.errno in (errno.EAGAIN, errno.EACCES):
                raise InputError(f"{database_path}: the database is open in another process (the desktop app, or "
                                 f"a command or script using this data folder); close it, then restore; nothing "
                                 f"was changed").keyed("restore_in_use", path=database_path) from None
            return
        fcntl.lockf(descriptor, fcntl.LOCK_UN, _SHARED_SIZE, _SHARED_FIRST)
    finally:
        os.close(descriptor)


def check_app_database(path: Path, shown: Path | None = None) -> None:
    """A database of this app, of this version or an older one, holding exactly the schema its
    steps make. ``shown``: the path the messages name (the backup, when ``path`` is its copy)."""
    from consultation_app.storage.migrations import STEP_NAMES, schema_steps

    shown = shown or path

    conn = _open_read_only(path)
    try:
        try:
            names = schema_steps(conn)
        except errors.DATABASE_ERRORS:
            names = []
    finally:
        conn.close()
    if not names:
        raise InputError(f"{shown}: this is not a backup of this app's database; nothing was changed").keyed(
            "restore_not_app_backup", path=shown)
    unknown = [name for name in names if name not in STEP_NAMES]
    if unknown:
        raise DatabaseTooNewError(f"{shown}: this backup was written by a newer version of the app "
                                  f"(schema step {unknown[-1]!r}); nothing was changed").keyed(
            "restore_newer_backup", path=shown)
    found = schema_problems(path)
    if found:
        from consultation_app.storage.schema_check import listed

        raise InputError(f"{shown}: this is not a database this app wrote: it holds {listed(found)}; "
                         f"nothing was changed").keyed("restore_foreign_database", path=shown, found=listed(found))
    found = value_problems(path)
    if found:
        from consultation_app.storage.schema_check import listed

        raise InputError(f"{shown}: this is not a database this app wrote: {listed(found)}; nothing was changed"
                         ).keyed("restore_foreign_values", path=shown, found=listed(found))


# The kinds of value each declared column type may hold (SQLite's affinity rules: a type naming
# INT is an integer column, CHAR, CLOB or TEXT a text one, REAL, FLOA or DOUB a real one). The app
# writes nothing else; a forger can (a title as bytes stopped every export with an internal error).
_ALLOWED = (("INT", ("integer", "null")), ("CHAR", ("text", "null")), ("CLOB", ("text", "null")),
            ("TEXT", ("text", "null")), ("REAL", ("real", "integer", "null")),
            ("FLOA", ("real", "integer", "null")), ("DOUB", ("real", "integer", "null")))


def _allowed_kinds(declared: str) -> tuple[str, ...] | None:
    declared = declared.upper()
    for fragment, kinds in _ALLOWED:
        if fragment in declared:
            return kinds
    return None  # BLOB, NUMERIC or no type: any value


def value_problems(path: str | os.PathLike) -> list[str]:
    """Columns of the app's tables holding a kind of value their declared type never gets from
    the app (bytes in a text column, text in an integer one), one phrase each. One scan of
    each table (FTS5's own tables too: their typed columns hold integers). Reads only."""
    conn = _open_read_only(Path(path))
    try:
        tables = [name for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' "
            "AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        found = []
        for table in tables:
            checked = [(column, kinds) for _, column, declared, *_ in conn.execute(f'PRAGMA table_info("{table}")')
                       if (kinds := _allowed_kinds(declared or "")) is not None]
            if not checked:
                continue
            counts = conn.execute("SELECT " + ", ".join(
                f"""total(typeof("{column}") NOT IN ({", ".join(f"'{k}'" for k in kinds)}))"""
                for column, kinds in checked) + f' FROM "{table}"').fetchone()
            found += [f"table '{table}', column '{column}' holds {int(count):,} value(s) of a kind the app never "
                      f"writes there" for (column, _), count in zip(checked, counts) if count]
        return found
    except errors.DATABASE_ERRORS as error:
        return [f"values that cannot be read ({error})"]
    finally:
        conn.close()


def schema_problems(path: str | os.PathLike) -> list[str]:
    """What the file's schema holds that this app's steps do not make (storage/schema_check.py);
    [] for a database this app wrote. Reads only."""
    from consultation_app.storage import schema_check

    try:
        conn = _open_read_only(Path(path))
        try:
            return schema_check.differences(conn)
        finally:
            conn.close()
    except errors.DATABASE_ERRORS as error:
        return [f"a schema that cannot be read ({error})"]


def distrust_kept_figures(staged: Path, shown: Path) -> None:
    """Mark the dashboard's aggregates of a staged backup to be rebuilt from its entries at the
    first read (storage/dashboard_aggregates.py). They are derived figures that no check above
    compares with the entries: a forged backup could carry any, with nothing marked to recompute."""
    from consultation_app.storage.dashboard_triggers import ALL, DIRTY

    try:
        conn = encryption.open_connection(staged, isolation_level=None)
        try:
            if conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [DIRTY]).fetchone():
                conn.execute(f"INSERT OR IGNORE INTO {DIRTY} (kind, key) VALUES (?, '')", [ALL])
        finally:
            conn.close()
    except errors.DATABASE_ERRORS as error:
        raise errors.classify(error, staged) or StorageError(
            f"{shown}: cannot prepare the backup's copy ({error}); nothing was changed") from error
