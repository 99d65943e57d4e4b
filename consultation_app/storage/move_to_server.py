"""Moving a central office's SQLite store onto a PostgreSQL server (`central move-to`).

Every table the schema steps make (records, revision history, merge log, merged exports,
devices and their keys, conflicts, receipts, implementation status and history, catalogs,
settings) is copied row for row, ids included, in one transaction on the server; then each
table is read back on both sides and compared by row count and a SHA-256 over its rows in a
fixed order. The SQLite file is opened with ``query_only`` (SQLite refuses every write): nothing of it changes.
The server's database must be new or empty of data: a move never merges two stores.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path
from typing import Any, Iterable

from consultation_app.storage import errors
from consultation_app.storage.errors import StorageError
from consultation_app.storage.migrations import MIGRATIONS_TABLE, STEP_NAMES, schema_steps
from consultation_app.storage.pg_connection import open_postgresql, shown
from consultation_app.storage.store import Store

_BATCH = 5_000


def _open_read_only(path: Path) -> sqlite3.Connection:
    if not path.is_file():
        raise StorageError(f"{path}: no central database here to move")
    try:
        # query_only rather than mode=ro: a read-only connection cannot remove the -wal and -shm
        # files it makes, so it would leave them beside the database; this one writes nothing.
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute("PRAGMA query_only = ON")
        applied = schema_steps(conn)
    except errors.DATABASE_ERRORS as error:
        raise StorageError(f"{path}: cannot be read as the app's database ({error}); if it is protected by a "
                           f"passphrase, moving it is not supported yet") from None
    if applied != list(STEP_NAMES):
        conn.close()
        raise StorageError(f"{path}: its schema is not this version's (open it once with this version of the app "
                           f"first, or install the version that wrote it); nothing was moved")
    return conn


# The dashboard's aggregates are derived from the records: not copied; the server builds its own
# at the first dashboard read (its schema step marked everything to be built).
DERIVED_TABLES = frozenset({"dashboard_aggregates", "dashboard_dirty", "dashboard_aggregate_state"})


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


def table_digest(rows: Iterable[tuple[Any, ...]]) -> tuple[int, str]:
    """Row count and SHA-256 of the rows in sorted order, each row written as JSON (so an
    integer, a text and a missing value never hash alike)."""
    encoded = sorted(json.dumps(list(row), ensure_ascii=False, default=str) for row in rows)
    digest = hashlib.sha256()
    for line in encoded:
        digest.update(line.encode("utf-8") + b"\n")
    return len(encoded), digest.hexdigest()


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
            expected = table_digest(source.execute(f"SELECT {names} FROM {table}"))
            found = table_digest(target.execute(f"SELECT {names} FROM {table}").fetchall())
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

