"""The app's handle on its SQLite database: the connection, ``execute`` and ``atomic``.

sqlite-utils' ``Database`` offers these three, and the app used nothing else of it; but
loading sqlite-utils (it brings click, dateutil and pluggy) took about 35 ms of every start
of the desktop app and of every command: a third of the start-up allowance of the field
capture issue (benchmarks/README.md). So the store is this class, and sqlite-utils stays the
project's schema tool: its ``Migrations`` run the schema steps, loaded only when a step is
pending (storage/migrations.py). The semantics are sqlite-utils' own for a connection in
autocommit mode (``isolation_level=None``), which is how the app opens every connection.
"""

from __future__ import annotations

import contextlib
import itertools
from typing import Any, Iterator, Sequence

_SAVEPOINTS = itertools.count(1)  # names for nested atomic() blocks, unique in this process


class Store:
    """A DB-API connection (sqlite3, or sqlcipher3 for an encrypted database) in autocommit
    mode: each statement outside ``atomic()`` commits on its own."""

    __slots__ = ("conn",)

    def __init__(self, conn: Any) -> None:
        self.conn = conn

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.conn.close()

    def execute(self, sql: str, parameters: Sequence[Any] | dict[str, Any] | None = None) -> Any:
        """Run one statement; the cursor, as ``sqlite3.Connection.execute`` gives it."""
        if parameters is None:
            return self.conn.execute(sql)
        return self.conn.execute(sql, parameters)

    def stream(self, sql: str, parameters: Sequence[Any] = ()) -> Any:
        """Like ``execute`` for a large result read row by row, inside a transaction: SQLite
        steps through it anyway; on PostgreSQL a server-side cursor (dialect.PgConnection.stream)."""
        if self.engine == "postgresql":
            return self.conn.stream(sql, parameters)
        return self.conn.execute(sql, parameters)

    @property
    def engine(self) -> str:
        """'sqlite', or 'postgresql' for a central office's server (storage/dialect.py)."""
        return str(getattr(self.conn, "engine", "sqlite"))

    def has_table(self, name: str) -> bool:
        if self.engine == "postgresql":
            return self.execute("SELECT to_regclass(?) IS NOT NULL", [name]).fetchone()[0] is True
        return self.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [name]).fetchone() \
            is not None

    @contextlib.contextmanager
    def atomic(self) -> Iterator["Store"]:
        """All of the block or none of it: a transaction, or inside one a savepoint."""
        if self.conn.in_transaction:
            savepoint = f"store_{next(_SAVEPOINTS)}"
            self.conn.execute(f"SAVEPOINT {savepoint}")
            try:
                yield self
            except BaseException:
                # A failure such as a RAISE(ROLLBACK) can end the whole transaction, savepoint
                # and all: rolling back to it then would hide the first error behind another.
                if self.conn.in_transaction:
                    self.conn.execute(f"ROLLBACK TO SAVEPOINT {savepoint}")
                    self.conn.execute(f"RELEASE SAVEPOINT {savepoint}")
                raise
            self.conn.execute(f"RELEASE SAVEPOINT {savepoint}")
            return
        # IMMEDIATE: take the write lock now, waiting (busy timeout) for another writer. A
        # deferred BEGIN that reads first fails at its first write, without waiting, when another
        # connection wrote meanwhile; every atomic() block here writes.
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self
            self.conn.execute("COMMIT")
        except BaseException as error:
            self._rollback()
            full = self._disk_full(error)
            if full is not None:
                raise full from error
            raise

    def file(self) -> str:
        """The main database's file name ('' for an in-memory database)."""
        for _, name, file in self.conn.execute("PRAGMA database_list").fetchall():
            if name == "main":
                return file or ""
        return ""

    def _disk_full(self, error: BaseException) -> Exception | None:
        """A DiskFullError (where, how much to free) for a transaction a full disk ended."""
        from consultation_app.storage import errors  # errors imports nothing of the store

        if not isinstance(error, (*errors.DATABASE_ERRORS, OSError)):
            return None
        try:
            file = self.file()
        except errors.DATABASE_ERRORS:
            return None
        return errors.disk_full_error(file) if file and errors.is_disk_full(error, file) else None

    def _rollback(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")
