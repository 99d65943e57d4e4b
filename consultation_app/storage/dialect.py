"""The SQL the app writes once, for SQLite and for a central office's PostgreSQL.

The app's statements are written for SQLite (``?`` placeholders, ``INSERT OR IGNORE``,
``BEGIN IMMEDIATE``). On SQLite they run as written: this module is not on the field laptop's
path at all. On PostgreSQL each statement is translated once (cached) by ``to_postgresql`` and
run by psycopg 3 through ``PgConnection``, which offers the part of ``sqlite3.Connection`` the
storage modules use (``execute``, ``executemany``, ``in_transaction``, ``rollback``, ``close``).
Why a small dialect layer and not SQLAlchemy Core: docs/central-postgresql.md (measured with
benchmarks/bench_sql_layer.py).

What cannot be translated statement by statement (PRAGMAs, ``sqlite_master``, ``rowid``) is
asked for by name through the store's ``engine`` where it is used, never guessed here.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import re
from typing import Any, Iterable, Iterator, Sequence

SQLITE = "sqlite"
POSTGRESQL = "postgresql"

_LITERAL = re.compile(r"('(?:[^']|'')*')")
_INSERT_OR_IGNORE = re.compile(r"^\s*INSERT\s+OR\s+IGNORE\s+INTO\b", re.IGNORECASE)
_NAMED = re.compile(r"(?<![:\w]):([A-Za-z_]\w*)")  # sqlite3's :name placeholder (not a ::cast)
_BEGIN_IMMEDIATE = re.compile(r"^\s*BEGIN\s+IMMEDIATE\s*$", re.IGNORECASE)
_STREAMS = itertools.count(1)  # names of server-side cursors, unique on a connection


class UntranslatableError(ValueError):
    """A statement with SQLite-only syntax this layer does not translate (a bug, found by tests)."""


@functools.lru_cache(maxsize=2048)
def to_postgresql(sql: str) -> str:
    """One SQLite-flavoured statement as PostgreSQL runs it through psycopg.

    ``?`` becomes ``%s`` and ``:name`` ``%(name)s`` outside string literals, and ``%`` becomes
    ``%%`` everywhere (psycopg reads ``%`` as the start of a placeholder); ``INSERT OR IGNORE``
    becomes ``INSERT ... ON CONFLICT DO NOTHING``; ``BEGIN IMMEDIATE`` becomes ``BEGIN`` (PostgreSQL writers wait on
    the rows they touch, not on one database lock)."""
    if _BEGIN_IMMEDIATE.match(sql):
        return "BEGIN"
    if re.match(r"^\s*PRAGMA\b", sql, re.IGNORECASE) or "sqlite_master" in sql:
        raise UntranslatableError(f"SQLite-only statement on PostgreSQL: {sql.strip()[:80]}")
    parts = _LITERAL.split(sql)
    for index, part in enumerate(parts):
        part = part.replace("%", "%%")
        parts[index] = part if index % 2 else _NAMED.sub(r"%(\1)s", part.replace("?", "%s"))
    translated = "".join(parts)
    if _INSERT_OR_IGNORE.match(translated):
        translated = _INSERT_OR_IGNORE.sub("INSERT INTO", translated, count=1).rstrip().rstrip(";")
        translated += " ON CONFLICT DO NOTHING"
    return translated


class PgConnection:
    """A psycopg 3 connection in autocommit mode, offering what the storage modules use of a
    ``sqlite3.Connection``: statements are SQLite-flavoured and translated (``to_postgresql``);
    transactions are the explicit BEGIN/SAVEPOINT/COMMIT statements of ``Store.atomic``."""

    engine = POSTGRESQL

    def __init__(self, conn: Any, label: str = "the PostgreSQL server") -> None:
        self.raw = conn
        self.label = label  # the server as messages name it (no password): pg_connection.shown
        self._types: dict[str, dict[str, str]] = {}  # table -> column -> type, for ``unnest``

    def execute(self, sql: str, parameters: Sequence[Any] | dict[str, Any] | None = None) -> Any:
        with self.said():
            return self.raw.execute(to_postgresql(sql), [] if parameters is None else parameters)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> Any:
        with self.said():
            cursor = self.raw.cursor()
            cursor.executemany(to_postgresql(sql), rows)
            return cursor

    @contextlib.contextmanager
    def said(self) -> Iterator[None]:
        """A connection lost midway (the server stopped, the network went down) is a StorageError
        naming the server, keyed for the interface: not a driver exception that reads as a bug.
        The server rolls back what the lost session had not committed."""
        try:
            yield
        except Exception as error:
            import psycopg

            if isinstance(error, psycopg.OperationalError) and (self.raw.broken or self.raw.closed):
                raise server_lost(self.label) from None
            raise

    def stream(self, sql: str, parameters: Sequence[Any], rows_at_a_time: int = 2000) -> Any:
        """A server-side cursor inside the open transaction: the rows come ``rows_at_a_time``
        per round trip, so a million of them never sit in this process at once (a plain
        ``execute`` holds the whole result)."""
        with self.said():
            cursor = self.raw.cursor(name=f"stream_{next(_STREAMS)}")
            cursor.itersize = rows_at_a_time
            cursor.execute(to_postgresql(sql), parameters)
        return _Stream(cursor, self)

    def execute_native(self, sql: str, parameters: Sequence[Any]) -> Any:
        """A statement written for PostgreSQL (``%s`` placeholders), run as it is."""
        with self.said():
            return self.raw.execute(sql, parameters)

    def unnest(self, table: str, columns: Sequence[str]) -> str:
        """A FROM item for ``execute_native``: rows made of array parameters, one ``%b`` per
        column (binary: no quoting of every element, as the text format needs), each cast to
        an array of that column's type in ``table``. Many rows go in one statement and one
        round trip, with no staging table to make and empty per file (COPY needs one)."""
        types = self._types.get(table)
        if types is None:
            with self.said():
                types = self._types[table] = dict(self.raw.execute(
                    "SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute "
                    "WHERE attrelid = %s::regclass AND attnum > 0 AND NOT attisdropped", [table]).fetchall())
        return (f"unnest({', '.join(f'%b::{types[name]}[]' for name in columns)}) "
                f"AS incoming ({', '.join(columns)})")

    @property
    def in_transaction(self) -> bool:
        from psycopg.pq import TransactionStatus

        return bool(self.raw.info.transaction_status != TransactionStatus.IDLE)

    def rollback(self) -> None:
        with self.said():
            self.raw.execute("ROLLBACK")

    def close(self) -> None:
        self.raw.close()


def server_lost(label: str) -> Exception:
    """The StorageError of a connection to the server ``label`` (no password) lost midway."""
    from consultation_app.storage.errors import StorageError

    return StorageError(f"{label}: the connection to the PostgreSQL server was lost (the server stopped, or the "
                        f"network went down); what was under way was not finished").keyed("server_lost", server=label)


class _Stream:
    """A server-side cursor whose rows come in batches as they are read: a lost connection
    while reading is said as in PgConnection.said."""

    def __init__(self, cursor: Any, connection: PgConnection) -> None:
        self.cursor, self.connection = cursor, connection

    @property
    def description(self) -> Any:
        return self.cursor.description

    def __iter__(self) -> Iterator[Any]:
        rows = iter(self.cursor)
        while True:
            with self.connection.said():
                row = next(rows, _END)
            if row is _END:
                return
            yield row

    def fetchone(self) -> Any:
        with self.connection.said():
            return self.cursor.fetchone()

    def fetchall(self) -> Any:
        with self.connection.said():
            return self.cursor.fetchall()

    def close(self) -> None:
        if not (self.connection.raw.broken or self.connection.raw.closed):
            self.cursor.close()


_END = object()


def engine_of(conn: Any) -> str:
    """SQLITE or POSTGRESQL, for a connection a Store holds."""
    return str(getattr(conn, "engine", SQLITE))
