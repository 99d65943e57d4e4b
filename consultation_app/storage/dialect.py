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

import functools
import itertools
import re
from contextlib import contextmanager
from typing import Any, Iterable, Iterator, Sequence

from consultation_app.storage.errors import StorageError

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

    def __init__(self, conn: Any, server: str = "the PostgreSQL server") -> None:
        self.raw = conn
        self.server = server  # as messages show it: no password (pg_connection.shown)

    @contextmanager
    def said_when_lost(self) -> Iterator[None]:
        """A connection the server ended (stopped, restarted, the session terminated, the
        network gone) is the person's to act on, not a bug: one StorageError line naming the
        server. The server rolls back what the lost session had not committed."""
        try:
            yield
        except Exception as error:
            failure = self.lost(error)
            if failure is None:
                raise
            raise failure from None

    def lost(self, error: BaseException) -> StorageError | None:
        import psycopg

        if not isinstance(error, (psycopg.OperationalError, psycopg.InterfaceError)):
            return None
        state = str(getattr(getattr(error, "diag", None), "sqlstate", None) or "")
        if not (self.raw.broken or self.raw.closed or state.startswith(("08", "57P"))):
            return None  # a serialization failure, a lock timeout...: the caller's to handle
        reason = " ".join(str(error).split())[:200] or type(error).__name__
        return StorageError(f"{self.server}: the connection to the PostgreSQL server was lost ({reason}); "
                            f"what was not finished was not kept; try again when the server is back").keyed(
            "server_lost", server=self.server)

    def execute(self, sql: str, parameters: Sequence[Any] | dict[str, Any] | None = None) -> Any:
        with self.said_when_lost():
            return self.raw.execute(to_postgresql(sql), [] if parameters is None else parameters)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> Any:
        with self.said_when_lost():
            cursor = self.raw.cursor()
            cursor.executemany(to_postgresql(sql), rows)
            return cursor

    def stream(self, sql: str, parameters: Sequence[Any], rows_at_a_time: int = 2000) -> Any:
        """A server-side cursor inside the open transaction: the rows come ``rows_at_a_time``
        per round trip, so a million of them never sit in this process at once (a plain
        ``execute`` holds the whole result)."""
        with self.said_when_lost():
            cursor = self.raw.cursor(name=f"stream_{next(_STREAMS)}")
            cursor.itersize = rows_at_a_time
            cursor.execute(to_postgresql(sql), parameters)
        return _StreamedRows(cursor, self)

    def copy_insert(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]], on_conflict: str,
                    returning: str | None = None) -> tuple[int, list[Any]]:
        """``INSERT INTO table ... ON CONFLICT on_conflict DO NOTHING`` of many rows through COPY
        into a temporary staging table of this session: one round trip of data instead of one
        statement per row. Inside the caller's transaction (a savepoint undoes it like any
        insert). Returns how many rows went in and, with ``returning``, that column of each."""
        stage, names = f"stage_{table}", ", ".join(columns)
        with self.said_when_lost():
            cursor = self.raw.cursor()
            cursor.execute(f"CREATE TEMP TABLE IF NOT EXISTS {stage} AS SELECT {names} FROM {table} WITH NO DATA")
            with cursor.copy(f"COPY {stage} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            cursor.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM {stage} ON CONFLICT {on_conflict} "
                           f"DO NOTHING{f' RETURNING {returning}' if returning else ''}")
            count, returned = cursor.rowcount, [row[0] for row in cursor.fetchall()] if returning else []
            cursor.execute(f"TRUNCATE {stage}")
        return max(count, 0), returned

    @property
    def in_transaction(self) -> bool:
        from psycopg.pq import TransactionStatus

        return bool(self.raw.info.transaction_status != TransactionStatus.IDLE)

    def rollback(self) -> None:
        with self.said_when_lost():
            self.raw.execute("ROLLBACK")

    def close(self) -> None:
        self.raw.close()


class _StreamedRows:
    """A server-side cursor whose rows, fetched as they are read, say a lost connection as
    ``PgConnection.said_when_lost`` does."""

    def __init__(self, cursor: Any, owner: PgConnection) -> None:
        self.cursor, self.owner = cursor, owner

    def __iter__(self) -> Iterator[Any]:
        with self.owner.said_when_lost():
            yield from self.cursor

    def __getattr__(self, name: str) -> Any:  # description, close, ...
        return getattr(self.cursor, name)


def engine_of(conn: Any) -> str:
    """SQLITE or POSTGRESQL, for a connection a Store holds."""
    return str(getattr(conn, "engine", SQLITE))
