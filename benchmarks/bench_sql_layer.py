"""How to share SQL between SQLite and PostgreSQL: the small dialect layer (storage/dialect.py)
against SQLAlchemy Core, measured on the merge's hot path (docs/central-postgresql.md).

Two jobs, each on SQLite and (when PostgreSQL binaries are installed: tests/pg_server.py starts
a throwaway server) on PostgreSQL, in a database the app's own schema steps made:

- insert: N feedback records in one transaction, as a merge inserts them (merge_store's
  INSERT ... ON CONFLICT (uuid) DO NOTHING, rows bound from the columns with ``zip``); with
  SQLAlchemy Core, ``insert(table).on_conflict_do_nothing()`` executed with the rows as
  dictionaries (what Core's executemany takes).
- lookup: N/10 single-record reads by uuid (the shape of a conflict's current record), each
  statement built and run: the per-statement cost of Core's compile (with its cache) against
  a cached string translation.

SQLAlchemy is not a dependency of the app: install it in .venv to run this
(.venv/bin/pip install sqlalchemy). Run: .venv/bin/python benchmarks/bench_sql_layer.py [--rows N]
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from consultation_app.domain.records import RECORD_KINDS  # noqa: E402
from consultation_app.storage import merge_store  # noqa: E402

FEEDBACK = RECORD_KINDS["feedback"]


def make_rows(count: int) -> tuple[tuple[str, ...], list[list[Any]]]:
    """Columns of ``count`` feedback records, stored form (as merge_store binds them)."""
    columns = merge_store._table_columns(FEEDBACK)[0]
    values: dict[str, list[Any]] = {
        "uuid": [str(uuid.uuid4()) for _ in range(count)], "device_id": ["device-1"] * count,
        "revision": [1] * count, "created_at": ["2026-11-01T10:00:00Z"] * count,
        "updated_at": ["2026-11-01T10:00:00Z"] * count, "deleted": [0] * count,
        "content_hash": ["ab" * 32] * count, "consultation_uuid": [str(uuid.uuid4()) for _ in range(count)],
        "catalog_id": ["upr-kh-4"] * count, "recommendation_code": [f"{115 + i % 200}.{i % 40}" for i in range(count)],
        "priority": ["high"] * count, "implementation_assessment": ["partial"] * count,
        "comment": ["សហគមន៍បានលើកឡើងពីកង្វល់អំពីសិទ្ធិដីធ្លី និងការផ្លាស់ទីលំនៅ " * 4] * count,
        "attribution": ["anonymous"] * count, "sensitive": [0] * count,
    }
    for name in columns:
        values.setdefault(name, [""] * count)
    return columns, [values[name] for name in columns]


def _best(fn: Callable[[], None], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def _dialect_jobs(db: Any, columns: tuple[str, ...], data: list[list[Any]]) -> dict[str, Callable[[], None]]:
    sql = merge_store._insert_sql(FEEDBACK) + " ON CONFLICT (uuid) DO NOTHING"
    uuids = data[0][: len(data[0]) // 10]

    def insert() -> None:
        db.execute("DELETE FROM feedback")
        with db.atomic():
            db.conn.executemany(sql, zip(*data, itertools.repeat(0)))

    def lookup() -> None:
        for key in uuids:
            db.execute("SELECT revision, content_hash FROM feedback WHERE uuid = ?", [key]).fetchone()
    return {"insert": insert, "lookup": lookup}


def _core_jobs(engine: Any, dialect_insert: Any, columns: tuple[str, ...],
               data: list[list[Any]]) -> dict[str, Callable[[], None]]:
    import sqlalchemy as sa

    table = sa.Table("feedback", sa.MetaData(), autoload_with=engine)
    uuids = data[0][: len(data[0]) // 10]
    names = (*columns, "local_seq")

    def insert() -> None:
        with engine.begin() as conn:
            conn.execute(table.delete())
            rows = [dict(zip(names, values)) for values in zip(*data, itertools.repeat(0))]
            conn.execute(dialect_insert(table).on_conflict_do_nothing(index_elements=["uuid"]), rows)

    def lookup() -> None:
        with engine.connect() as conn:
            for key in uuids:
                conn.execute(sa.select(table.c.revision, table.c.content_hash).where(table.c.uuid == key)).fetchone()
    return {"insert": insert, "lookup": lookup}


def run(rows: int = 100_000, repeat: int = 3) -> list[dict[str, Any]]:
    import sqlalchemy as sa
    from sqlalchemy.dialects.postgresql import insert as pg_insert
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    from consultation_app.storage.connection import open_database

    columns, data = make_rows(rows)
    results = []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "central.db"
        db = open_database(path)
        ours = _dialect_jobs(db, columns, data)
        engine = sa.create_engine(f"sqlite:///{path}")
        core = _core_jobs(engine, sqlite_insert, columns, data)
        for job in ("insert", "lookup"):
            results.append({"engine": "sqlite", "job": job, "dialect_layer_s": _best(ours[job], repeat),
                            "sqlalchemy_core_s": _best(core[job], repeat)})
        engine.dispose()
        db.close()
    try:
        from tests.pg_server import start_server

        server, stop = start_server()
    except (FileNotFoundError, RuntimeError) as missing:
        print(f"PostgreSQL figures left out: {missing}", file=sys.stderr)
        return results
    try:
        from consultation_app.storage.pg_connection import open_postgresql

        url = server.url()
        db = open_postgresql(url)
        ours = _dialect_jobs(db, columns, data)
        import psycopg

        # The socket folder in the URL's host is percent-encoded, which SQLAlchemy's URL parser
        # does not decode: psycopg opens the connection itself.
        engine = sa.create_engine("postgresql+psycopg://", creator=lambda: psycopg.connect(url))
        core = _core_jobs(engine, pg_insert, columns, data)
        for job in ("insert", "lookup"):
            results.append({"engine": "postgresql", "job": job, "dialect_layer_s": _best(ours[job], repeat),
                            "sqlalchemy_core_s": _best(core[job], repeat)})
        engine.dispose()
        db.close()
    finally:
        stop()
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    for row in run(args.rows, args.repeat):
        row["core_over_layer"] = round(row["sqlalchemy_core_s"] / row["dialect_layer_s"], 2)
        print(json.dumps({key: round(value, 3) if isinstance(value, float) else value for key, value in row.items()}))


if __name__ == "__main__":
    main()
