"""Running one of the dashboard's statements on either engine: named parameters bound by
position (storage/dialect.py translates ``?`` for PostgreSQL), the planner settings the
statements need (sort memory on SQLite, no JIT on PostgreSQL), sums back as ints."""

from __future__ import annotations

import re
from contextlib import contextmanager
from decimal import Decimal
from typing import Any, Iterator

from consultation_app.storage.dialect import _LITERAL
from consultation_app.storage.store import Store

_NAMED = re.compile(r"(?<![:\w]):([A-Za-z_]\w*)")


def positional(sql: str, params: dict[str, Any]) -> tuple[str, list[Any]]:
    """A statement with ``:name`` parameters as one with ``?`` (what both engines' layers take:
    storage/dialect.py translates ``?`` for PostgreSQL), outside string literals."""
    values: list[Any] = []

    def bind(match: re.Match[str]) -> str:
        values.append(params[match.group(1)])
        return "?"

    parts = _LITERAL.split(sql)
    for index in range(0, len(parts), 2):
        parts[index] = _NAMED.sub(bind, parts[index])
    return "".join(parts), values


def run(db: Store, sql: str, params: dict[str, Any]) -> tuple[list[str], list[tuple]]:
    """A statement with named parameters (``:name``) run on either engine, with the planner
    settings it needs (``_planner_settings``): its column names and all its rows; sums come back
    as ints (PostgreSQL's sum of a bigint is a numeric)."""
    sql, values = positional(sql, params)
    with _planner_settings(db):
        cursor = db.execute(sql, values)
        names = [d[0] for d in cursor.description]
        rows = cursor.fetchall()
    if db.engine != "sqlite":
        rows = [tuple(int(v) if isinstance(v, Decimal) else v for v in row) for row in rows]
    return names, rows


def run_rows(db: Store, sql: str, params: dict[str, Any]) -> list[tuple]:
    """Rows of a dashboard statement on either engine (``run`` without the names)."""
    return run(db, sql, params)[1]


SORT_MEMORY_KIB = 16_000


@contextmanager
def _planner_settings(db: Store) -> Iterator[None]:
    """What the dashboard's statements need of the connection, put back as it was afterwards.

    SQLite sorts in memory up to the connection's cache size (2 MB by default) and spills to
    temporary files beyond: the statement's sorts of ~50,000 rows fit in 16 MB. PostgreSQL
    compiles a statement whose estimated cost is high with LLVM (JIT): for this one, with its
    dozens of expressions, compiling took 13 of the 16 s of a 200,000-entry recompute
    (docs/central-postgresql.md, "A million entries"), so JIT is off while it runs."""
    if db.engine != "sqlite":
        previous_jit = db.execute("SELECT current_setting('jit')").fetchone()[0]
        db.execute("SELECT set_config('jit', 'off', false)")
        try:
            yield
        finally:
            if not _failed_transaction(db):  # a rollback puts the setting back by itself
                db.execute("SELECT set_config('jit', ?, false)", [previous_jit])
        return
    previous = db.execute("PRAGMA cache_size").fetchone()[0]
    if previous < 0 and -previous >= SORT_MEMORY_KIB:
        yield
        return
    db.execute(f"PRAGMA cache_size = -{SORT_MEMORY_KIB}")
    try:
        yield
    finally:
        db.execute(f"PRAGMA cache_size = {int(previous)}")


def _failed_transaction(db: Store) -> bool:
    from psycopg.pq import TransactionStatus

    return bool(db.conn.raw.info.transaction_status == TransactionStatus.INERROR)


def run_write(db: Store, sql: str, params: dict[str, Any]) -> None:
    """A writing statement with named parameters (an INSERT ... SELECT of the aggregates), with
    the same planner settings as ``run``."""
    sql, values = positional(sql, params)
    with _planner_settings(db):
        db.execute(sql, values)
