"""What an export reads (one consistent snapshot) and how a finished export is logged."""

from __future__ import annotations

import json
from contextlib import contextmanager
from typing import Any, Iterator

from consultation_app.domain.records import RecordKind
from consultation_app.storage import settings_store
from consultation_app.storage.consultation_queries import LAST_EXPORT_AT, LAST_EXPORT_SEQ
from consultation_app.storage.records_store import row_from_db
from consultation_app.storage.rows import dict_rows
from consultation_app.storage.store import Store

EXPORT_SEQ = "export_seq"


@contextmanager
def snapshot(db: Store) -> Iterator[int]:
    """A read transaction: every query inside sees the same state, however the app writes
    meanwhile (WAL). Yields the highest change number the snapshot holds.

    On PostgreSQL a plain BEGIN is READ COMMITTED: each statement sees what was committed when
    it started, so a report's counts and its quotes could come from before and after a merge
    committed between them. REPEATABLE READ gives the whole transaction one snapshot, taken at
    its first query: what SQLite's WAL read transaction gives. A reader never blocks a writer
    and is never refused for serialisation (only writers are), so nothing else changes."""
    db.execute("BEGIN ISOLATION LEVEL REPEATABLE READ" if db.engine == "postgresql" else "BEGIN")
    try:
        yield int(settings_store.get(db, settings_store.LOCAL_SEQ, "0") or 0)
    finally:
        db.execute("COMMIT")


def last_export_seq(db: Store) -> int:
    return int(settings_store.get(db, LAST_EXPORT_SEQ, "0") or 0)


def last_export_at(db: Store) -> str:
    """When this laptop last exported (UTC, as records' ``created_at``), "" never: a record made
    before it may have reached the central office."""
    return str(settings_store.get(db, LAST_EXPORT_AT, "") or "")


def count_changed(db: Store, kind: RecordKind, since_seq: int, until_seq: int) -> int:
    return db.execute(f"SELECT count(*) FROM {kind.table} WHERE local_seq > ? AND local_seq <= ?",
                      [since_seq, until_seq]).fetchone()[0]


def iter_changed(db: Store, kind: RecordKind, since_seq: int, until_seq: int) -> Iterator[dict[str, Any]]:
    """Rows changed in (since_seq, until_seq], tombstones included, streamed in uuid order."""
    cursor = db.conn.execute(f"SELECT * FROM {kind.table} WHERE local_seq > ? AND local_seq <= ? ORDER BY uuid",
                             [since_seq, until_seq])
    names = [d[0] for d in cursor.description]
    for values in cursor:
        yield row_from_db(kind, dict(zip(names, values)))


def iter_changed_columns(db: Store, kind: RecordKind, columns: list[str], since_seq: int,
                         until_seq: int) -> Iterator[dict[str, Any]]:
    """Only some columns of the same rows: a cheap first look (what an export will leave out)."""
    wanted = [c for c in columns if c in kind.field_names or c in ("uuid", "deleted", "created_at")]
    cursor = db.conn.execute(f"SELECT {', '.join(wanted) or 'uuid'} FROM {kind.table} "
                             "WHERE local_seq > ? AND local_seq <= ? ORDER BY uuid", [since_seq, until_seq])
    for values in cursor:
        yield dict(zip(wanted, values))


def catalog_version(db: Store, catalog_id: str) -> str:
    row = db.execute("SELECT version FROM catalogs WHERE catalog_id = ?", [catalog_id]).fetchone()
    return row[0] if row else ""


def next_export_seq(db: Store) -> int:
    return int(settings_store.get(db, EXPORT_SEQ, "0") or 0) + 1


def log_export(db: Store, entry: dict[str, Any]) -> None:
    """Record a finished export and reset the 'changes not yet exported' counter, at once."""
    with db.atomic():
        db.execute(
            """INSERT INTO exports (export_id, device_id, export_seq, created_at, file_name, scope, since_seq,
                   until_seq, counts, left_out, content_sha256, include_sensitive, password_protected)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [entry["export_id"], settings_store.get(db, settings_store.DEVICE_ID, "") or "", entry["export_seq"],
             entry["created_at"], entry["file_name"], entry["scope"],
             entry["since_seq"], entry["until_seq"], json.dumps(entry["counts"]), json.dumps(entry["left_out"]),
             entry["content_sha256"], int(entry["include_sensitive"]), int(entry["password_protected"])])
        for key, value in ((EXPORT_SEQ, entry["export_seq"]), (LAST_EXPORT_AT, entry["created_at"])):
            db.execute("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET "
                       "value = excluded.value", [key, str(value)])
        # Never move the counter backwards (an older snapshot finishing late).
        db.execute("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET "
                   "value = max(CAST(value AS INTEGER), CAST(excluded.value AS INTEGER))",
                   [LAST_EXPORT_SEQ, str(entry["until_seq"])])


def export_log(db: Store) -> list[dict[str, Any]]:
    """This installation's exports under its present identity (a laptop made a new device keeps
    those of its former identity in the table, not here)."""
    device_id = settings_store.get(db, settings_store.DEVICE_ID, "") or ""
    return dict_rows(db.execute("SELECT * FROM exports WHERE device_id = ? ORDER BY export_seq", [device_id]),
                     ("counts", "left_out"))


def consultation_context(db: Store) -> dict[str, dict[str, Any]]:
    """Every live consultation's title, start date, group and province, by uuid: what an
    export repeats on the rows of its feedback entries and notes, for people."""
    cursor = db.conn.execute("SELECT uuid, title, start_date, stakeholder_group, province FROM consultations "
                             "WHERE deleted = 0")
    return {uuid: {"title": title, "start_date": start_date, "stakeholder_group": group, "province": province}
            for uuid, title, start_date, group, province in cursor}
