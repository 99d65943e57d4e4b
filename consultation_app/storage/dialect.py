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
import select
from contextlib import contextmanager, suppress
from typing import Any, Callable, Iterable, Iterator, Sequence

from consultation_app.storage.errors import StorageError

SQLITE = "sqlite"
POSTGRESQL = "postgresql"

_LITERAL = re.compile(r"('(?:[^']|'')*')")
_INSERT_OR_IGNORE = re.compile(r"^\s*INSERT\s+OR\s+IGNORE\s+INTO\b", re.IGNORECASE)
_NAMED = re.compile(r"(?<![:\w]):([A-Za-z_]\w*)")  # sqlite3's :name placeholder (not a ::cast)
_BEGIN_IMMEDIATE = re.compile(r"^\s*BEGIN\s+IMMEDIATE\s*$", re.IGNORECASE)
_BEGIN = re.compile(r"^\s*(BEGIN|START\s+TRANSACTION)\b", re.IGNORECASE)
_COMMIT = re.compile(r"^\s*(COMMIT|END)\b", re.IGNORECASE)
_ENDS = re.compile(r"^\s*(ROLLBACK|ABORT)\s*$", re.IGNORECASE)  # not ROLLBACK TO SAVEPOINT
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

    def __init__(self, conn: Any, server: str = "the PostgreSQL server",
                 reconnect: Callable[[], Any] | None = None) -> None:
        self.raw = conn
        self.server = server  # as messages show it: no password (pg_connection.shown)
        self._reconnect = reconnect  # a new psycopg connection (pg_connection), or StorageError
        self._began = False  # inside a transaction this object began (what a lost session took)
        self._shut = False  # closed by its owner: never reopened
        self._types: dict[str, dict[str, str]] = {}  # table -> column -> type, for ``unnest``

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
        return server_lost(self.server, f" ({reason})")

    def _ready(self, statement: str) -> bool:
        """After a lost session, the next statement runs on a new one (a window left open
        works again once the server is back), unless it belongs to the transaction the lost
        session took: that one fails, and its ROLLBACK is already done by the server (skipped:
        False). A statement in the middle of a transaction never runs on a new session."""
        ends = _ENDS.match(statement) is not None
        if self._reconnect is not None and not self._began and not self._dead() and self._spoke_while_idle():
            self.raw.close()  # a session ended while idle (a server restart): its next statement would fail
            self.raw = self._reconnect()
        if self._dead() and self._reconnect is not None:
            if ends:
                self._began = False
                return False
            if self._began:
                raise server_lost(self.server)
            self.raw = self._reconnect()
        if ends or _COMMIT.match(statement):
            self._began = False  # ended, whether or not the statement gets through
        return True

    def _dead(self) -> bool:
        """The session is gone, and not because its owner closed it (``close``)."""
        return bool(self.raw.broken or (self.raw.closed and not self._shut))

    def _spoke_while_idle(self) -> bool:
        """The server has sent something to an idle session, outside any statement: the notice
        of its end (terminated, server shut down) or a closed socket. The app listens to no
        notifications, so an idle session is only spoken to when it is being ended."""
        from psycopg.pq import TransactionStatus

        try:
            readable, _, _ = select.select([self.raw.pgconn.socket], [], [], 0)
            return bool(readable) and self.raw.info.transaction_status == TransactionStatus.IDLE
        except Exception:  # a closed connection has no socket
            return False

    def execute(self, sql: str, parameters: Sequence[Any] | dict[str, Any] | None = None) -> Any:
        statement = to_postgresql(sql)
        with self.said_when_lost():
            if not self._ready(statement):
                return None
            cursor = self.raw.execute(statement, [] if parameters is None else parameters)
        if _BEGIN.match(statement):
            self._began = True  # begun on the server (a BEGIN the lost session failed begins nothing)
        return cursor

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> Any:
        with self.said_when_lost():
            self._ready("")
            cursor = self.raw.cursor()
            cursor.executemany(to_postgresql(sql), rows)
            return cursor

    def stream(self, sql: str, parameters: Sequence[Any], rows_at_a_time: int = 2000) -> Any:
        """A server-side cursor inside the open transaction: the rows come ``rows_at_a_time``
        per round trip, so a million of them never sit in this process at once (a plain
        ``execute`` holds the whole result)."""
        with self.said_when_lost():
            self._ready("")
            cursor = self.raw.cursor(name=f"stream_{next(_STREAMS)}")
            cursor.itersize = rows_at_a_time
            try:
                cursor.execute(to_postgresql(sql), parameters)
            except BaseException:
                with suppress(Exception):  # (a lost session: nothing left to close on the server)
                    cursor.close()
                raise
        return _StreamedRows(cursor, self)

    def execute_native(self, sql: str, parameters: Sequence[Any]) -> Any:
        """A statement written for PostgreSQL (``%s`` placeholders), run as it is."""
        with self.said_when_lost():
            self._ready("")
            return self.raw.execute(sql, parameters)

    def unnest(self, table: str, columns: Sequence[str], alias: str = "incoming") -> str:
        """A FROM item for ``execute_native``, named ``alias``: rows made of array parameters,
        one ``%b`` per column (binary: no quoting of every element, as the text format needs),
        each cast to an array of that column's type in ``table``. Many rows go in one statement
        and one round trip, with no staging table to make and empty per file (COPY needs one)."""
        types = self._types.get(table)
        if types is None:
            with self.said_when_lost():
                self._ready("")
                types = self._types[table] = dict(self.raw.execute(
                    "SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute "
                    "WHERE attrelid = %s::regclass AND attnum > 0 AND NOT attisdropped", [table]).fetchall())
        return (f"unnest({', '.join(f'%b::{types[name]}[]' for name in columns)}) "
                f"AS {alias} ({', '.join(columns)})")

    @property
    def in_transaction(self) -> bool:
        from psycopg.pq import TransactionStatus

        if self._dead():  # the server dropped the session and its transaction with it
            return self._began
        return bool(self.raw.info.transaction_status != TransactionStatus.IDLE)

    def rollback(self) -> None:
        self.execute("ROLLBACK")

    def close(self) -> None:
        self._shut = True
        self.raw.close()


def server_lost(server: str, reason: str = "") -> StorageError:
    """The one line of a connection to ``server`` (shown without password) lost midway."""
    return StorageError(f"{server}: the connection to the PostgreSQL server was lost{reason}; what was not "
                        f"finished was not kept; try again when the server is back").keyed("server_lost", server=server)


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
