"""Turning one database file encrypted, plain again, or onto a new key, in place.

SQLCipher cannot encrypt or decrypt a file in place (its pages need room for an IV and a MAC),
so ``encrypt_file`` and ``decrypt_file`` write a converted copy beside the file with
``ATTACH ... KEY`` and ``sqlcipher_export``, check it (row counts of every table, then
``PRAGMA integrity_check``), sync it and rename it over the original in one step. If anything
fails, the original is left as it was.

First the file is taken out of WAL mode (``PRAGMA journal_mode = DELETE``), which SQLite allows
only when no other connection has it open: that is the check that nobody else is using it, and
it folds the -wal file into the database and removes the -wal/-shm files (a plain -wal left
beside an encrypted file would be read into it). The check is made with the library that opens
that kind of file (sqlite3 for a plain one): a process holding two SQLite libraries must not let
one of them open a file the other has open, since POSIX locks do not tell them apart.

Renaming over a file removes its name, not its bytes: the blocks a plain database occupied
stay on the disk until they are reused (on an SSD, maybe for a long time). Full-disk encryption
is what protects those; see docs/database-encryption.md.

``rekey_file`` changes the key of an encrypted file the same way (a copy with the new key and
the same salt), not with ``PRAGMA rekey`` in place: a kill during a rekey leaves a hot journal
that only the old key can roll back. Every function needs the file closed by the app: another
connection open on it is refused, never waited for.

``prepare`` makes the checked, synced copy without renaming it: storage/conversion.py renames
the copies of a database and its backups together, so a kill cannot leave them half converted.
"""

from __future__ import annotations

import glob
import os
import sqlite3
from pathlib import Path

from consultation_app.storage import encryption, errors
from consultation_app.storage.backup import integrity_problems
from consultation_app.storage.durable import (
    SIDE_FILES,
    fsync_file,
    fsync_folder,
    release,
    remove_with_side_files,
    replace,
)
from consultation_app.storage.errors import DatabaseCorruptError, DatabaseLockedError, StorageError, classify

_ATTACHED = "converted"
CONVERTING = ".converting"  # the ending of a converted copy's name


def encrypt_file(path: str | os.PathLike, key: bytes, salt: bytes) -> None:
    """Replace the plain database at ``path`` by an encrypted copy (raw ``key``, ``salt``)."""
    path = Path(path)
    _put_in_place(prepare(path, None, (key, salt)), path, (key, salt))


def decrypt_file(path: str | os.PathLike) -> None:
    """Replace the encrypted database at ``path`` (its family unlocked) by a plain copy."""
    path = Path(path)
    keyed = encryption.key_for(path)
    if keyed is None:
        raise errors.PassphraseRequiredError(path)
    _put_in_place(prepare(path, keyed[0], None), path, None)


def rekey_file(path: str | os.PathLike, old_key: bytes, new_key: bytes) -> None:
    """Change the key of the encrypted file at ``path`` from ``old_key`` to ``new_key`` (the salt
    stays). A converted copy renamed over the file, like the other two, not ``PRAGMA rekey`` in
    place: a kill during a rekey leaves a rollback journal whose pages only the old key reads."""
    path = Path(path)
    salt = encryption.read_salt(path)
    if salt is None:
        raise StorageError(f"{path}: no database here")
    _put_in_place(prepare(path, old_key, (new_key, salt)), path, (new_key, salt))


def _put_in_place(temporary: Path, path: Path, registers: tuple[bytes, bytes] | None) -> None:
    try:
        check_not_in_use(path)
        remove_side_files(path)
        if registers is not None:
            encryption.remember(salt=registers[1], key=registers[0])  # found by a connection opened right after
        replace(temporary, path)
        fsync_folder(path.parent)
    except OSError as error:
        remove_with_side_files(temporary)
        raise StorageError(f"{path}: cannot convert the database ({error.strerror or error}); "
                           f"nothing was changed") from error
    except BaseException:
        remove_with_side_files(temporary)
        raise


def _in_use(path: Path) -> StorageError:
    return StorageError(f"{path}: the database is in use (by another program, or by an export, merge or "
                        f"dashboard still running); close it and try again; nothing was changed")


def _make_exclusive(path: Path, key: bytes | None) -> None:
    """Out of WAL mode, or refuse: SQLite switches only when no other connection has the file open."""
    if key is None:
        conn = sqlite3.connect(str(path), isolation_level=None, timeout=0.5)
    else:
        conn = _open(path, key, timeout=0.5)
    try:
        mode = conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
    except errors.DATABASE_ERRORS as error:
        if isinstance(classify(error, path), DatabaseLockedError):
            raise _in_use(path) from None
        raise
    finally:
        conn.close()
    if str(mode).lower() != "delete":
        raise _in_use(path)


def _open(path: Path, key: bytes | None, timeout: float = 5) -> sqlite3.Connection:
    """A sqlcipher3 connection on ``path`` in autocommit: plain when ``key`` is None."""
    return encryption.open_cipher(path, key, what="this file", isolation_level=None, timeout=timeout)


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def temporaries(path: Path) -> list[Path]:
    """The converted copies of ``path`` that conversions made beside it and did not rename."""
    return sorted(path.parent.glob(f".{glob.escape(path.name)}.*{CONVERTING}"))


def prepare(path: Path, source_key: bytes | None, target: tuple[bytes, bytes] | None) -> Path:
    """A converted copy of the database at ``path`` beside it, checked and synced; ``path`` is
    left as it was (out of WAL mode). ``source_key``: the key that opens ``path`` (None: plain);
    ``target``: (key, salt) of the copy (None: plain). Returns the copy's path."""
    path = Path(path)
    target_key = encryption.key_literal(*target) if target is not None else ""
    if not path.is_file():
        raise StorageError(f"{path}: no database here")
    for stale in temporaries(path):  # left by a killed conversion
        remove_with_side_files(stale)
    temporary = path.with_name(f".{path.name}.{os.getpid()}{CONVERTING}")
    try:
        _make_exclusive(path, source_key)
        conn = _open(path, source_key)
        try:
            conn.execute(f"ATTACH DATABASE ? AS {_ATTACHED} KEY ?", [str(temporary), target_key])
            conn.execute(f"SELECT sqlcipher_export('{_ATTACHED}')")
            for pragma in ("user_version", "application_id"):  # sqlcipher_export leaves these out
                value = int(conn.execute(f"PRAGMA main.{pragma}").fetchone()[0])
                conn.execute(f"PRAGMA {_ATTACHED}.{pragma} = {value}")
            # virtual tables are counted through their shadow tables (this connection cannot
            # see the attached copy's virtual tables until it is opened again)
            tables = [name for (name,) in conn.execute(
                "SELECT name FROM main.sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'")]
            for table in tables:
                counts = [conn.execute(f"SELECT count(*) FROM {schema}.{_quote(table)}").fetchone()[0]
                          for schema in ("main", _ATTACHED)]
                if counts[0] != counts[1]:
                    raise StorageError(f"{path}: the converted copy lost rows of {table} "
                                       f"({counts[1]} of {counts[0]}); nothing was changed")
            conn.execute(f"DETACH DATABASE {_ATTACHED}")
        finally:
            conn.close()
        check = _open(temporary, target[0] if target else None)
        try:
            problems = integrity_problems(check)
        finally:
            check.close()
        if problems:
            raise DatabaseCorruptError(f"{path}: the converted copy failed its integrity check ({problems[0]}); "
                                       f"nothing was changed")
        fsync_file(temporary)
        fsync_folder(path.parent)  # the copy's name survives a power cut before a record names it
        return temporary
    except errors.DATABASE_ERRORS as error:
        remove_with_side_files(temporary)
        raise classify(error, path) or StorageError(f"{path}: cannot convert the database ({error}); "
                                                    f"nothing was changed") from error
    except OSError as error:
        remove_with_side_files(temporary)
        raise StorageError(f"{path}: cannot convert the database ({error.strerror or error}); "
                           f"nothing was changed") from error
    except BaseException:
        remove_with_side_files(temporary)
        raise


def check_not_in_use(path: Path) -> None:
    """No -wal may be left before the converted file takes the name: one that appeared after the
    switch out of WAL mode means another connection opened the file meanwhile."""
    if Path(f"{path}-wal").exists():
        raise _in_use(path)


def remove_side_files(path: Path) -> None:
    """The -wal/-shm/-journal of the file a converted copy replaces: they belong to the old one."""
    for suffix in SIDE_FILES:
        release(f"{path}{suffix}")
        try:
            Path(f"{path}{suffix}").unlink()
        except FileNotFoundError:
            pass
