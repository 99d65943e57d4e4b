"""A central office's PostgreSQL database: connect by URL, and apply the app's schema steps.

The schema steps are the ones SQLite runs (storage/migrations.py ``STEPS``, in the same order
and under the same names), so a step added for SQLite reaches PostgreSQL without a second
list to keep in step. sqlite-utils' ``Migrations`` is SQLite only; here each step runs against
``_DdlTarget``, which offers the one method the steps use (``execute``) and translates their
SQLite DDL (``translate_ddl``); the applied steps are recorded in ``consultation_app_migrations``.
Each step and its record commit together; a transaction-level advisory lock makes two
processes that start on a new database at once apply each step exactly once.

A URL's password is never shown: every error names the server as ``user@host:port/db``.
"""

from __future__ import annotations

import re
import time
from contextlib import contextmanager, suppress
from typing import Any, Callable, Iterator
from urllib.parse import urlsplit

from consultation_app.storage.dialect import PgConnection, to_postgresql
from consultation_app.storage.errors import DatabaseTooNewError, StorageError
from consultation_app.storage.migrations import MIGRATION_SET, STEP_NAMES, STEPS
from consultation_app.storage.store import Store

MIGRATIONS_TABLE = "consultation_app_migrations"
# pg_advisory_xact_lock key: any constant the office's other software does not use ("CAPP").
MIGRATION_LOCK = 0x43415050
CONNECT_TIMEOUT_SECONDS = 10
# SQLite-only tables with no PostgreSQL counterpart yet (catalog search on the central server:
# see docs/central-postgresql.md, what is left).
SKIPPED_VIRTUAL_TABLES = re.compile(r"^\s*CREATE\s+VIRTUAL\s+TABLE\b", re.IGNORECASE)


def is_postgresql_url(database: str) -> bool:
    return database.startswith(("postgresql://", "postgres://"))


def shown(url: str) -> str:
    """The URL as messages may show it: no password, no query string (it may hold one too)."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or "localhost"
        port = f":{parts.port}" if parts.port else ""
        user = f"{parts.username}@" if parts.username else ""
    except ValueError:
        return "postgresql://(unreadable URL)"
    return f"postgresql://{user}{host}{port}{parts.path}"


def connect_postgresql(url: str) -> Store:
    """The store over a psycopg 3 connection in autocommit mode (transactions are the store's).
    A server that is down, a wrong password or a missing database: one StorageError line
    naming the server without the password."""
    return Store(PgConnection(_connect(url), shown(url), reconnect=lambda: _connect(url)))


def _connect(url: str) -> Any:
    """A psycopg connection in autocommit mode, or one StorageError line without the password."""
    import psycopg

    try:
        return psycopg.connect(url, autocommit=True, connect_timeout=CONNECT_TIMEOUT_SECONDS)
    except psycopg.Error as error:
        reason = _reason(error, url)
        failure = StorageError(f"{shown(url)}: cannot connect to the PostgreSQL server: {reason}")
        raise failure.keyed(_connect_failure_key(reason), server=shown(url), reason=reason) \
            from None  # the driver's own message and chain may carry the URL
    except ValueError:  # an unreadable URL (psycopg's conninfo parser)
        raise StorageError(f"{shown(url)}: not a usable postgresql:// address").keyed(
            "server_address", server=shown(url)) from None


def _reason(error: Exception, url: str) -> str:
    """The driver's message in one line, stripped of anything of the URL's password."""
    text = " ".join(str(error).split()) or type(error).__name__
    for secret in sorted(_secrets(url), key=len, reverse=True):
        text = text.replace(secret, "***")
    if "password authentication failed" in text:
        return "password authentication failed (wrong user name or password)"
    return text[:300]


def _secrets(url: str) -> set[str]:
    """The URL's passwords as libpq may quote them (raw and decoded): the user part's, and any
    ``password=`` in the query string (libpq takes one there too, and names a malformed one)."""
    from urllib.parse import parse_qsl, unquote

    try:
        parts = urlsplit(url)
        found = [parts.password or ""]
    except ValueError:
        return set()
    for pair in parts.query.split("&"):
        name, _, value = pair.partition("=")
        if unquote(name).strip().lower() == "password":
            found.append(value)
    found += [value for name, value in parse_qsl(parts.query, keep_blank_values=True) if name.lower() == "password"]
    return {form for secret in found if secret for form in (secret, unquote(secret))}


# What went wrong when connecting, from libpq's message: the desktop app says it in the
# interface language (ui/error_text.py) and the person knows whom to ask.
_UNREACHABLE = ("connection refused", "no such file or directory", "timeout expired", "could not translate host",
                "name or service not known", "no route to host", "network is unreachable", "connection reset",
                "server closed the connection", "the database system is starting up",
                "the database system is shutting down")


def _connect_failure_key(reason: str) -> str:
    text = reason.lower()
    if "password authentication failed" in text or "no password supplied" in text:
        return "server_password"
    if "does not exist" in text and "database" in text:
        return "server_no_database"
    if any(sign in text for sign in _UNREACHABLE):
        return "server_unreachable"
    return "server_connect"


def open_postgresql(url: str) -> Store:
    """Connect, refuse a schema written by a newer app, apply the pending schema steps."""
    db = connect_postgresql(url)
    try:
        apply_pg_steps(db, url)
    except BaseException:
        db.close()
        raise
    return db


def pg_schema_steps(db: Store) -> list[str]:
    if db.execute("SELECT to_regclass(?)", [MIGRATIONS_TABLE]).fetchone()[0] is None:
        return []
    return [name for (name,) in db.execute(
        f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ? ORDER BY id", [MIGRATION_SET])]


def apply_pg_steps(db: Store, url: str = "", stop_before: str | None = None) -> None:
    """Apply each pending step in its own transaction, with its record (``stop_before``: tests)."""
    applied = pg_schema_steps(db)
    _refuse_newer(applied, url)
    if set(STEP_NAMES) <= set(applied):
        return
    for step in STEPS:
        if step.__name__ == stop_before:
            return
        with db.atomic():
            db.execute("SELECT pg_advisory_xact_lock(?)", [MIGRATION_LOCK])
            db.execute(f"""CREATE TABLE IF NOT EXISTS {MIGRATIONS_TABLE} (
                id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
                migration_set TEXT NOT NULL, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now(),
                UNIQUE (migration_set, name))""")
            applied = pg_schema_steps(db)  # again, under the lock: another process may have gone first
            _refuse_newer(applied, url)
            if step.__name__ in applied:
                continue
            step(_DdlTarget(db))  # type: ignore[arg-type]  # the steps use only execute()
            db.execute(f"INSERT INTO {MIGRATIONS_TABLE} (migration_set, name) VALUES (?, ?)",
                       [MIGRATION_SET, step.__name__])


def _refuse_newer(applied: list[str], url: str) -> None:
    unknown = [name for name in applied if name not in STEP_NAMES]
    if unknown:
        raise DatabaseTooNewError(f"{shown(url)}: this database was written by a newer version of the app "
                                  f"(schema step {unknown[-1]!r}); install that version or newer to use it")


def translate_ddl(sql: str) -> str | None:
    """A schema step's SQLite statement for PostgreSQL (None: nothing to run there).

    INTEGER is 64-bit in SQLite: BIGINT; an ``INTEGER PRIMARY KEY`` (SQLite's rowid alias)
    is an identity column; REAL is DOUBLE PRECISION; BLOB is BYTEA; WITHOUT ROWID is SQLite's
    storage choice."""
    if SKIPPED_VIRTUAL_TABLES.match(sql):
        return None
    sql = re.sub(r"\bINTEGER\s+PRIMARY\s+KEY\b", "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", sql,
                 flags=re.IGNORECASE)
    sql = re.sub(r"\bINTEGER\b", "BIGINT", sql, flags=re.IGNORECASE)
    sql = re.sub(r"\bREAL\b", "DOUBLE PRECISION", sql, flags=re.IGNORECASE)
    sql = re.sub(r"\bBLOB\b", "BYTEA", sql, flags=re.IGNORECASE)
    sql = re.sub(r"\)\s*WITHOUT\s+ROWID\s*$", ")", sql.rstrip(), flags=re.IGNORECASE)
    return sql


class _DdlTarget:
    """What a schema step is handed on PostgreSQL in place of sqlite-utils' Database."""

    def __init__(self, db: Store) -> None:
        self.db = db

    def execute(self, sql: str, parameters: Any = None) -> Any:
        translated = translate_ddl(sql)
        if translated is None:
            return None
        to_postgresql(translated)  # refuses PRAGMA / sqlite_master: a step that needs a PostgreSQL form
        return self.db.execute(translated, parameters)


# pg_try_advisory_lock key of the one merge run at a time per database ("CAPM").
MERGE_LOCK = 0x4341504D


class MergeLockLost(StorageError):
    """The session holding the merge's lock was ended: what the merge has not committed must not be."""


@contextmanager
def one_merge_at_a_time(url: str, *, waiting: Callable[[], None] | None = None,
                        cancelled: Callable[[], bool] | None = None, wait_seconds: float = 1800.0,
                        poll_seconds: float = 0.25) -> Iterator[Callable[[], None]]:
    """The server's counterpart of exchange/merge_guard's lock file: a session-level advisory
    lock on a connection of its own, held for the block. A merge killed midway loses its
    session, and the server releases the lock with it. Raises StorageError after the wait (or
    when cancelled); ``waiting`` is called once if another merge holds it.

    Yields ``still_held``, for the merge to call before each commit: MergeLockLost when the
    lock's session was ended meanwhile (a restart, an administrator, idle_session_timeout),
    since another merge may have taken the lock since. The holder never reconnects: a new
    session would not hold the lock."""
    holder = Store(PgConnection(_connect(url), shown(url)))

    def still_held() -> None:
        try:
            holder.execute("SELECT 1")
        except StorageError:
            raise MergeLockLost(f"{shown(url)}: the connection to the PostgreSQL server was lost (the merge's "
                                f"lock went with it); what was not finished was not kept; try again when the "
                                f"server is back").keyed("server_lost", server=shown(url)) from None
    try:
        deadline = time.monotonic() + wait_seconds
        told = False
        while not holder.execute("SELECT pg_try_advisory_lock(?)", [MERGE_LOCK]).fetchone()[0]:
            if cancelled and cancelled():
                raise StorageError(f"{shown(url)}: another merge is running; this one was cancelled while waiting")
            if time.monotonic() > deadline:
                raise StorageError(f"{shown(url)}: another merge kept the database busy for {wait_seconds / 60:.0f} "
                                   f"minutes; nothing of this run was merged; try again later")
            if waiting and not told:
                waiting()
                told = True
            time.sleep(poll_seconds)
        try:
            yield still_held
        finally:
            with suppress(StorageError):  # a lost session took the lock with it
                holder.execute("SELECT pg_advisory_unlock(?)", [MERGE_LOCK])
    finally:
        holder.close()
