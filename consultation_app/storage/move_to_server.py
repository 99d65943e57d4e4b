"""Moving a central office's SQLite store onto a PostgreSQL server (`central move-to`).

Every table the schema steps make (records, revision history, merge log, merged exports,
devices and their keys, conflicts, receipts, implementation status and history, catalogs,
settings) is copied row for row, ids included, in one transaction on the server; then each
table is read back on both sides and compared by row count and a SHA-256 over its rows in a
fixed order (the primary key's, read as a stream on both sides: a million rows move in
bounded memory). The SQLite file is opened with ``query_only`` (SQLite refuses every write),
through the store's own way of opening a file, an encrypted one included: nothing of it changes.
The server's database must be new or empty of data: a move never merges two stores.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path
from typing import Any, Iterable, Iterator

from consultation_app.storage import encryption, errors
from consultation_app.storage.dialect import to_postgresql
from consultation_app.storage.errors import StorageError
from consultation_app.storage.migrations import MIGRATIONS_TABLE, STEP_NAMES, schema_steps
from consultation_app.storage.pg_connection import open_postgresql, shown
from consultation_app.storage.store import Store

_BATCH = 5_000


def _open_read_only(path: Path) -> sqlite3.Connection:
    if not path.is_file():
        raise StorageError(f"{path}: no central database here to move")
    try:
        # Through the store's one way of opening a file (storage/encryption.py): an encrypted
        # store opens with the key it was unlocked with (--passphrase-env), a locked one says so.
        # query_only rather than mode=ro: a read-only connection cannot remove the -wal and -shm
        # files it makes, so it would leave them beside the database; this one writes nothing.
        conn = encryption.open_connection(path, isolation_level=None, timeout=5)
        conn.execute("PRAGMA query_only = ON")
        applied = schema_steps(conn)
    except errors.DATABASE_ERRORS as error:
        raise StorageError(f"{path}: cannot be read as the app's database ({error}); nothing was moved") from None
    if applied != list(STEP_NAMES):
        conn.close()
        # Not migrated here: the app migrates a store after a verified pre-migration backup,
        # with the checks of storage/connection.open_database; the move copies only what that made.
        raise StorageError(f"{path}: its schema is an older version's (open it once with this version of the app, "
                           f"which updates it after a verified backup, then move it again), or a newer one's "
                           f"(install that version); nothing was moved")
    return conn


# The dashboard's aggregates are derived from the records: not copied; the server builds its own
# at the first dashboard read (its schema step marked everything to be built).
DERIVED_TABLES = frozenset({"dashboard_aggregates", "dashboard_dirty", "dashboard_aggregate_state", "dashboard_sums",
                            "dashboard_seen_feedback", "dashboard_seen_consultations"})


def _tables(conn: sqlite3.Connection) -> list[str]:
    """The tables to copy, each after the tables its foreign keys refer to."""
    names = [name for (name,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND name NOT LIKE '%fts%' AND name <> ? ORDER BY name", [MIGRATIONS_TABLE]) if name not in DERIVED_TABLES]
    refers = {name: {row[2] for row in conn.execute(f"PRAGMA foreign_key_list({name})")} - {name} for name in names}
    ordered: list[str] = []
    while len(ordered) < len(names):
        ready = [name for name in names if name not in ordered and refers[name] <= set(ordered)]
        if not ready:  # a cycle (the schema has none): keep the rest as they are
            ready = [name for name in names if name not in ordered]
        ordered += ready
    return ordered


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]


def _key_columns(conn: sqlite3.Connection, table: str) -> list[str]:
    """The table's primary key columns in key order; every column for a table without one."""
    info = conn.execute(f"PRAGMA table_info({table})").fetchall()
    keyed = sorted((row[5], row[1]) for row in info if row[5])
    return [name for _, name in keyed] or [row[1] for row in info]


def _order_by(conn: sqlite3.Connection, table: str, postgresql: bool) -> str:
    """ORDER BY the primary key, the same order on both engines: PostgreSQL compares text
    bytewise under COLLATE "C" (SQLite's BINARY), and puts NULLs first as SQLite does."""
    types = {row[1]: (row[2] or "").upper() for row in conn.execute(f"PRAGMA table_info({table})")}
    terms = []
    for name in _key_columns(conn, table):
        text = any(kind in types.get(name, "") for kind in ("TEXT", "CHAR", "CLOB"))  # SQLite's text affinity
        terms.append(f'{name} COLLATE "C" NULLS FIRST' if postgresql and text else
                     f"{name} NULLS FIRST" if postgresql else name)
    return "ORDER BY " + ", ".join(terms)


def table_digest(rows: Iterable[Iterable[Any]]) -> tuple[int, str]:
    """Row count and SHA-256 of the rows in the order given (both sides read them ordered by
    primary key), each row written as JSON (so an integer, a text and a missing value never
    hash alike). Streams: one row in memory at a time."""
    digest = hashlib.sha256()
    count = 0
    for row in rows:
        digest.update(json.dumps(list(row), ensure_ascii=False, default=str).encode("utf-8") + b"\n")
        count += 1
    return count, digest.hexdigest()


def _server_rows(target: Store, sql: str) -> Iterator[tuple[Any, ...]]:
    """The rows of ``sql`` from a server-side cursor, a batch at a time: psycopg's ordinary
    cursor would hold the whole result in memory."""
    with target.conn.raw.cursor(name="move_to_verify") as cursor:
        cursor.itersize = _BATCH
        cursor.execute(to_postgresql(sql))
        yield from cursor


def move_to_server(path: Path, url: str) -> dict[str, dict[str, Any]]:
    """Copy the store at ``path`` into the server at ``url``; per table its rows and SHA-256,
    verified equal on both sides. Raises StorageError (one line, no password) when the server
    already holds data, or when the copy does not verify (then nothing stays on the server)."""
    source = _open_read_only(path)
    try:
        target = open_postgresql(url)
        try:
            return _copy_and_verify(source, target, url)
        finally:
            target.close()
    finally:
        source.close()


def _copy_and_verify(source: sqlite3.Connection, target: Store, url: str) -> dict[str, dict[str, Any]]:
    tables = _tables(source)
    held = [table for table in tables if target.execute(f"SELECT count(*) FROM {table}").fetchone()[0]]
    if held:
        raise StorageError(f"{shown(url)}: this database already holds data ({', '.join(held[:5])}); move into a "
                           f"new, empty database; nothing was moved")
    report: dict[str, dict[str, Any]] = {}
    with target.atomic():
        for table in tables:
            columns = _columns(source, table)
            names = ", ".join(columns)
            insert = f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' * len(columns))})"
            cursor = source.execute(f"SELECT {names} FROM {table}")
            while True:
                rows = cursor.fetchmany(_BATCH)
                if not rows:
                    break
                try:
                    target.conn.executemany(insert, rows)
                except Exception as error:  # a value the server's column type refuses (SQLite is lax)
                    if not getattr(error, "sqlstate", None):
                        raise
                    reason = " ".join(str(error).split())[:200]
                    raise StorageError(f"{shown(url)}: table {table} cannot be stored on the server ({reason}); "
                                       f"nothing was moved") from None
            _advance_identity(target, table)
            expected = table_digest(source.execute(f"SELECT {names} FROM {table} {_order_by(source, table, False)}"))
            found = table_digest(_server_rows(target, f"SELECT {names} FROM {table} {_order_by(source, table, True)}"))
            if found != expected:
                raise StorageError(f"{shown(url)}: table {table} did not copy exactly ({expected[0]} rows here, "
                                   f"{found[0]} there, or their contents differ); nothing was moved")
            report[table] = {"rows": expected[0], "sha256": expected[1]}
    return report


def _advance_identity(target: Store, table: str) -> None:
    """An identity column filled with the store's own ids: its sequence continues after them."""
    for (column,) in target.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
            "AND table_name = ? AND is_identity = 'YES'", [table]).fetchall():
        target.execute(f"SELECT setval(pg_get_serial_sequence(?, ?), coalesce(max({column}), 0) + 1, false) "
                       f"FROM {table}", [table, column])

