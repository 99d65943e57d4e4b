"""Open the app's SQLite database with the pragmas field laptops need, then migrate it."""

from __future__ import annotations

from pathlib import Path

from consultation_app.storage import backup, encryption, errors, schema_check
from consultation_app.storage.errors import DatabaseTooNewError, StorageError, classify
from consultation_app.storage.migrations import STEP_NAMES, migrations, schema_steps
from consultation_app.storage.store import Store

BUSY_TIMEOUT_MS = 5_000
# Pages of a new database. A feedback row with its Khmer text is about a kilobyte, so 4 KiB
# pages (SQLite's default) hold three or four: a central merge of 100,000 entries spent a
# quarter less time in SQLite with 16 KiB pages (benchmarks/README.md), while an autosave
# writes a few pages more bytes. Set before the first table; an existing file keeps its own.
PAGE_SIZE = 16_384


def connect(path: str | Path) -> Store:
    """The store (storage/store.py) over a connection configured for durability.

    WAL lets the UI read while a write commits; synchronous=FULL makes every commit
    survive a power cut (field laptops lose power); transactions are explicit
    (isolation_level=None) and owned by the store's ``atomic()``. secure_delete
    overwrites deleted and replaced content with zeros instead of leaving it in free space,
    so words changed, deleted or withdrawn cannot be read back out of the file (it is
    per connection, so every connection sets it; the cost is writing the zeros).

    An encrypted database is opened with sqlcipher3 and the key it was unlocked with
    (``storage.encryption``); its -wal file is encrypted too. Everything else is the same.
    """
    try:
        conn = encryption.open_connection(path, isolation_level=None, check_same_thread=False,
                                          timeout=BUSY_TIMEOUT_MS / 1000)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if conn.execute("PRAGMA page_count").fetchone()[0] == 0:  # nothing written yet: a new database
            conn.execute(f"PRAGMA page_size = {PAGE_SIZE}")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA secure_delete = ON")
    except errors.DATABASE_ERRORS as error:
        raise classify(error, path) or StorageError(f"{path}: cannot open the database ({error})") from error
    return Store(conn)


def check_not_newer(applied: list[str], path: object) -> None:
    """Refuse a database written by a newer version of the app (``applied``: its schema steps,
    ``schema_steps``): migrating down loses data."""
    unknown = [name for name in applied if name not in STEP_NAMES]
    if unknown:
        raise DatabaseTooNewError(
            f"{path}: this database was written by a newer version of the app "
            f"(schema step {unknown[-1]!r}); install that version or newer to open it"
        )


def open_database(path: str | Path) -> Store:
    """Connect, refuse a newer schema, apply pending migrations (each in its own transaction).

    A database holding a trigger or a view (the app makes none) was changed outside the app
    and is refused (schema_check.ForeignSchemaError, a DatabaseCorruptError) before anything
    writes to it; one about to be migrated is compared whole with the schema its steps make.

    Before migrating a database that already holds data (an earlier version's schema), a
    verified 'pre-migration' backup is written to the backups folder beside it; if that
    backup cannot be made, nothing is migrated. A new database takes no backup."""
    existed = _holds_a_database(path)
    db = connect(path)
    try:
        applied = schema_steps(db)
        check_not_newer(applied, path)
        schema_check.refuse_foreign_code(db.conn, path)
        if set(STEP_NAMES) - set(applied):  # a step to apply: only now is sqlite-utils loaded
            if existed and applied:
                found = schema_check.differences(db.conn)
                if found:
                    raise schema_check.ForeignSchemaError(path, found)
                backup.make_backup(db, backup.PRE_MIGRATION)
            apply_steps(db)
    except errors.DATABASE_ERRORS as error:
        db.close()
        failure = classify(error, path)
        if failure is None:
            raise
        raise failure from error
    except Exception:
        db.close()
        raise
    return db


def open_source(source: str | Path) -> Store:
    """The store of a command's database: a SQLite file (opened and migrated as above) or a
    central office's ``postgresql://`` address (already migrated by services.central_database
    when the command started; this is a connection of the exporter's own)."""
    from consultation_app.storage.pg_connection import connect_postgresql, is_postgresql_url

    if isinstance(source, str) and is_postgresql_url(source):
        return connect_postgresql(source)
    return open_database(source)


def local_anchor(source: str | Path) -> Path:
    """The database file beside which an export keeps its scratch files: the SQLite file, or
    for a server the data folder's (plain temporary files never leave this computer's data folder)."""
    from consultation_app.storage.pg_connection import is_postgresql_url

    if isinstance(source, str) and is_postgresql_url(source):
        from consultation_app import paths

        return paths.database_path()
    return Path(source)


def source_label(source: str | Path) -> str:
    """The source as a message may name it (a server address without its password)."""
    from consultation_app.storage.pg_connection import is_postgresql_url, shown

    return shown(source) if isinstance(source, str) and is_postgresql_url(source) else str(source)


def apply_steps(db: Store, stop_before: str | None = None) -> None:
    """Apply the pending schema steps with sqlite-utils' Migrations (each step and its record
    in one transaction); ``stop_before`` (tests) leaves that step and the later ones pending."""
    from sqlite_utils import Database

    migrations().apply(Database(db.conn, execute_plugins=False), stop_before=stop_before)


def _holds_a_database(path: str | Path) -> bool:
    if str(path) == ":memory:" or str(path).startswith("file:"):
        return False
    try:
        return Path(path).stat().st_size > 0
    except OSError:
        return False

