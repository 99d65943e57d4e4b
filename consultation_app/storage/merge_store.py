"""Central-office storage: applying incoming records, and the accounts of files, exports,
devices and conflicts."""

from __future__ import annotations

import functools
import itertools
import json
from typing import Any, Iterable

from consultation_app.domain.column_rows import ColumnRows
from consultation_app.domain.records import RecordKind, tombstone
from consultation_app.errors import said_as_json, said_from_json
from consultation_app.storage import settings_store
from consultation_app.storage.records_store import column_conversions, is_withdrawal_tombstone, row_from_db
from consultation_app.storage.rows import dict_rows
from consultation_app.storage.store import Store

_CHUNK = 500
# Indexes whose keys land at random places for incoming records (not grouped by consultation
# as the others are): kept up row by row they cost a large merge more than all its other
# writes. A bulk merge drops them inside its transaction and builds them again, sorted, before
# it commits, so no committed state ever lacks them.
BULK_DEFERRED_INDEXES = ("feedback_distribution",)
# A merge connection's page cache: the uuid and revision indexes take random inserts too.
MERGE_CACHE_KIB = 64 * 1024


def tune_for_merge(db: Store) -> None:
    if db.engine != "sqlite":  # a server's memory is its administrator's
        return
    db.conn.execute(f"PRAGMA cache_size = -{MERGE_CACHE_KIB}")


def feedback_count(db: Store) -> int:
    return db.conn.execute("SELECT count(*) FROM feedback").fetchone()[0]


def defer_indexes(db: Store) -> dict[str, str]:
    """Inside an open transaction: drop the deferred indexes; returns their DDL for restore."""
    ddl = {}
    for name in BULK_DEFERRED_INDEXES:
        row = db.conn.execute("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?", [name]).fetchone()
        if row and row[0]:
            ddl[name] = row[0]
            db.conn.execute(f"DROP INDEX {name}")
    return ddl


def restore_indexes(db: Store, ddl: dict[str, str]) -> None:
    """Inside the same transaction, before it commits: build the dropped indexes again."""
    for sql in ddl.values():
        db.conn.execute(sql)


Held = dict[str, tuple[int, str, str, bool]]


def existing_versions(db: Store, kind: RecordKind, uuids: list[str],
                      through_rowid: int | Held | None = None) -> Held:
    """uuid -> (revision, content hash, device id, deleted) for the records already held (with
    ``through_rowid``: held before ``insert_absent`` added rows past it). The device id is the
    record's origin: the device the central office first heard it from (see merge.py)."""
    if isinstance(through_rowid, dict):  # PostgreSQL: looked up before the insert (insert_absent)
        return {uuid: through_rowid[uuid] for uuid in uuids if uuid in through_rowid}
    found: dict[str, tuple[int, str, str, bool]] = {}
    before = "" if through_rowid is None else f" AND rowid <= {int(through_rowid)}"
    for start in range(0, len(uuids), _CHUNK):
        chunk = uuids[start:start + _CHUNK]
        cursor = db.conn.execute(
            f"SELECT uuid, revision, content_hash, device_id, deleted FROM {kind.table} "
            f"WHERE uuid IN ({', '.join('?' * len(chunk))}){before}", chunk)
        found.update({uuid: (revision, digest, device_id, bool(deleted))
                      for uuid, revision, digest, device_id, deleted in cursor})
    return found


def known_revision_hashes(db: Store, kind: RecordKind, uuids: list[str]) -> set[tuple[str, int, str]]:
    """(uuid, revision, content hash) of every revision of these records the history holds."""
    found: set[tuple[str, int, str]] = set()
    for start in range(0, len(uuids), _CHUNK):
        chunk = uuids[start:start + _CHUNK]
        found.update(db.conn.execute(
            f"SELECT record_uuid, revision, content_hash FROM record_revisions WHERE record_table = ? "
            f"AND record_uuid IN ({', '.join('?' * len(chunk))})", [kind.table, *chunk]))
    return found


_RECORD_COLUMNS = ("uuid", "device_id", "revision", "created_at", "updated_at", "deleted", "content_hash")


@functools.cache  # one plan per record kind, made at its first merge
def _table_columns(kind: RecordKind) -> tuple[tuple[str, ...], frozenset[str], frozenset[str]]:
    """The record table's columns an incoming row fills, and those stored as JSON lists and as
    0/1 (as ``row_to_db`` stores them)."""
    lists, booleans = column_conversions(kind)
    return (*_RECORD_COLUMNS, *kind.field_names), frozenset(lists), frozenset(("deleted", *booleans))


def _stored_column(name: str, values: list[Any], lists: frozenset[str], booleans: frozenset[str]) -> list[Any]:
    if name in booleans:
        return [1 if value else 0 for value in values]
    if name in lists:
        return [json.dumps(list(value or ()), ensure_ascii=False) for value in values]
    return values


def write_rows(db: Store, kind: RecordKind, rows: ColumnRows | list[dict[str, Any]], local_seq: int,
               replace: bool) -> None:
    """Insert new records, or overwrite held ones with a higher revision (caller decides).

    Rows come column by column (a merge's 100,000 records: each column converted in one
    comprehension, each row bound from ``zip``), or as dictionaries (a conflict resolved).

    A withdrawal tombstone (deleted, every free-text field empty: see ``RecordStore.withdraw``)
    overwrites the held words like any newer revision, and also drops every conflict copy of
    the record kept for review, resolved or not: those may hold the old words, and taking one
    would bring them back. secure_delete, on for every connection (``connection.connect``),
    zeroes what is overwritten and deleted. Out of reach here: copies of the words in the
    -wal file until its next checkpoint (or until every connection closes), in free space
    written before secure_delete was on (VACUUM, as ``records_store.wipe_free_space`` does,
    removes both), in backups of this database, and in master exports and reports already made.
    """
    columns, lists, booleans = _table_columns(kind)
    if not isinstance(rows, ColumnRows):
        rows = ColumnRows.from_dicts(columns, rows)
    if not rows:
        return
    drop_withdrawn_conflicts(db, kind, rows)
    stored = [_stored_column(name, rows.column(name), lists, booleans) for name in columns]
    seq = itertools.repeat(local_seq)
    if replace:  # uuid (first) moves to the WHERE clause
        sql = f"UPDATE {kind.table} SET {', '.join(f'{c} = ?' for c in (*columns[1:], 'local_seq'))} WHERE uuid = ?"
        db.conn.executemany(sql, zip(*stored[1:], seq, stored[0]))
    else:
        db.conn.executemany(_insert_sql(kind), zip(*stored, seq))
    add_revisions(db, kind, rows)


def insert_absent(db: Store, kind: RecordKind, rows: ColumnRows, local_seq: int) -> tuple[int, int | Held]:
    """Insert the rows whose uuid is not held, in one pass that leaves the held ones as they
    are (the uuid index finds them as it inserts: no lookup beforehand), each inserted row's
    revision recorded in the history with it. Returns how many went in, and the table's last
    rowid before: the rows past it are the ones inserted (on PostgreSQL, which has no rowid:
    the held versions of the rows that did not go in). Withdrawn conflicts are the caller's,
    once it knows which rows went in (all of them, when the count says so: a first merge, a
    device's first export)."""
    columns, lists, booleans = _table_columns(kind)
    stored = [_stored_column(name, rows.column(name), lists, booleans) for name in columns]
    if db.engine != "sqlite":
        # One statement: the rows go as one array per column (no staging table to create and
        # empty per file), the insert says which uuids went in (RETURNING) and records their
        # history in the same round trip; only the held ones are looked up (none in a first merge).
        names = ", ".join((*columns, "local_seq"))
        went_in = {uuid for (uuid,) in db.conn.execute_native(
            f"WITH added AS (INSERT INTO {kind.table} ({names}) SELECT {names} FROM "
            f"{db.conn.unnest(kind.table, (*columns, 'local_seq'))} ON CONFLICT (uuid) DO NOTHING "
            f"RETURNING uuid, revision, device_id, updated_at, content_hash), "
            f"history AS (INSERT INTO record_revisions ({', '.join(_REVISION_COLUMNS)}) "
            f"SELECT %s, uuid, revision, device_id, '', updated_at, 'merged', content_hash FROM added "
            f"ON CONFLICT DO NOTHING) SELECT uuid FROM added",
            [*stored, [local_seq] * len(rows), kind.table])}
        if len(went_in) == len(rows):
            return len(went_in), {}
        return len(went_in), existing_versions(db, kind, [uuid for uuid in rows.column("uuid")
                                                          if uuid not in went_in])
    last = db.conn.execute(f"SELECT max(rowid) FROM {kind.table}").fetchone()[0] or 0
    cursor = db.conn.executemany(_insert_sql(kind) + " ON CONFLICT (uuid) DO NOTHING",
                                 zip(*stored, itertools.repeat(local_seq)))
    count = cursor.rowcount
    if count:  # the rows past ``last`` are the ones just inserted, in their order
        db.conn.execute(f"INSERT OR IGNORE INTO record_revisions ({', '.join(_REVISION_COLUMNS)}) "
                        f"SELECT ?, uuid, revision, device_id, '', updated_at, 'merged', content_hash "
                        f"FROM {kind.table} WHERE rowid > ? ORDER BY rowid", [kind.table, last])
    return count, last


_REVISION_COLUMNS = ("record_table", "record_uuid", "revision", "device_id", "officer", "changed_at", "action",
                     "content_hash")


@functools.cache
def _insert_sql(kind: RecordKind) -> str:
    columns = _table_columns(kind)[0]
    return (f"INSERT INTO {kind.table} ({', '.join(columns)}, local_seq) "
            f"VALUES ({', '.join('?' * (len(columns) + 1))})")


def drop_withdrawn_conflicts(db: Store, kind: RecordKind, rows: ColumnRows) -> None:
    """The conflict copies of records these rows withdraw (see ``write_rows``)."""
    uuids = rows.column("uuid")
    deleted = list(itertools.compress(range(len(rows)), rows.column("deleted")))  # a few, if any
    withdrawn = [uuids[index] for index in deleted if is_withdrawal_tombstone(kind, rows[index])]
    if withdrawn:
        if db.engine == "sqlite":
            db.conn.execute("PRAGMA secure_delete = ON")  # connect() sets it; a connection made elsewhere may not
        for start in range(0, len(withdrawn), _CHUNK):
            chunk = withdrawn[start:start + _CHUNK]
            db.conn.execute(f"DELETE FROM merge_conflicts WHERE record_table = ? AND record_uuid IN "
                            f"({', '.join('?' * len(chunk))})", [kind.table, *chunk])


def add_revisions(db: Store, kind: RecordKind, rows: ColumnRows) -> None:
    """Each row's revision in the history, as merged."""
    if db.engine != "sqlite":  # one statement, one array per column (dialect.PgConnection.unnest)
        columns = ("record_uuid", "revision", "device_id", "changed_at", "content_hash")
        db.conn.execute_native(
            f"INSERT INTO record_revisions ({', '.join(_REVISION_COLUMNS)}) SELECT %s, record_uuid, revision, "
            f"device_id, '', changed_at, 'merged', content_hash FROM {db.conn.unnest('record_revisions', columns)} "
            f"ON CONFLICT DO NOTHING",
            [kind.table, *(rows.column(name) for name in ("uuid", "revision", "device_id", "updated_at",
                                                          "content_hash"))])
        return
    db.conn.executemany(
        """INSERT OR IGNORE INTO record_revisions (record_table, record_uuid, revision, device_id, officer,
               changed_at, action, content_hash) VALUES (?, ?, ?, ?, '', ?, 'merged', ?)""",
        zip(itertools.repeat(kind.table), *(rows.column(name) for name in
                                            ("uuid", "revision", "device_id", "updated_at", "content_hash"))))


def record_conflict(db: Store, kind: RecordKind, row: dict[str, Any], current_hash: str, export_id: str,
                    detected_at: str, reason: str = "", sender: str | None = None) -> bool:
    """Keep the incoming version beside the held one (``current_hash`` empty when none is held);
    False when this exact pair is known. ``reason``: why it waits for a person, when it is not
    a plain conflict (a record its file may not speak for, two laptops sharing one identity).
    ``sender``: the device whose file brought it, when not the record's own (kept as device_id).
    A reason that carries a message key (errors.Said) is stored with its key and arguments too."""
    cursor = db.conn.execute(
        """INSERT OR IGNORE INTO merge_conflicts (record_table, record_uuid, revision, current_hash, incoming_hash,
               incoming, export_id, device_id, detected_at, reason, reason_key, reason_params)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        [kind.table, row["uuid"], row["revision"], current_hash, row["content_hash"],
         json.dumps(row, ensure_ascii=False, default=list), export_id, sender or row["device_id"], detected_at,
         str(reason), *said_as_json(reason)])
    return cursor.rowcount > 0


def open_conflicts(db: Store) -> list[dict[str, Any]]:
    """Every conflict waiting for review, oldest first; its ``reason`` (English text) an
    errors.Said when it was stored with a message key."""
    conflicts = dict_rows(db.execute("SELECT * FROM merge_conflicts WHERE resolved_at IS NULL ORDER BY id"),
                          ("incoming",))
    for conflict in conflicts:
        conflict["reason"] = said_from_json(conflict["reason"], conflict.pop("reason_key", ""),
                                            conflict.pop("reason_params", "{}"))
    return conflicts


def current_record(db: Store, kind: RecordKind, uuid: str) -> dict[str, Any] | None:
    cursor = db.execute(f"SELECT * FROM {kind.table} WHERE uuid = ?", [uuid])
    values = cursor.fetchone()
    return row_from_db(kind, dict(zip([d[0] for d in cursor.description], values))) if values else None


def resolve_conflict(db: Store, kind: RecordKind, conflict_id: int, take_incoming: bool, resolved_at: str) -> bool:
    """Decide one held conflict: take the incoming version (written as a new local change) or keep
    the current one. One transaction takes the write lock, the change's local sequence number
    and the decision, so of two people deciding the same conflict at once exactly one decides:
    False when it was already decided (by someone else), and nothing is changed."""
    if kind.table == "implementation_status":  # two central copies' versions: a decision is a revision
        from consultation_app.storage.implementation_store import decide_conflict

        return decide_conflict(db, conflict_id, take_incoming, resolved_at)
    with db.atomic():
        # The decision is claimed first, by the one statement that can tell: on PostgreSQL two
        # transactions both read the conflict as open (row locks, not a database lock), and the
        # second UPDATE waits for the first to commit, then finds it decided and changes nothing.
        row = db.execute("UPDATE merge_conflicts SET resolved_at = ?, resolution = ? "
                         "WHERE id = ? AND resolved_at IS NULL RETURNING incoming, record_uuid",
                         [resolved_at, "took_incoming" if take_incoming else "kept_current", conflict_id]).fetchone()
        if row is None:
            return False
        if take_incoming:  # a record kept aside before any version was held is written anew
            held = db.execute(f"SELECT 1 FROM {kind.table} WHERE uuid = ?", [row[1]]).fetchone()
            write_rows(db, kind, [json.loads(row[0])], settings_store.next_local_seq(db), replace=held is not None)
    return True


def merged_export(db: Store, export_id: str, device_id: str | None = None) -> dict[str, Any] | None:
    """The export merged under this id (from this device, when given)."""
    claims = export_claims(db, export_id)
    return next((claim for claim in claims if device_id is None or claim["device_id"] == device_id), None)


def export_claims(db: Store, export_id: str) -> list[dict[str, Any]]:
    """Every merged export that claimed this export id, oldest first (one, unless a file reused
    another's id)."""
    cursor = db.execute("SELECT * FROM merged_exports WHERE export_id = ? ORDER BY merged_at", [export_id])
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, values)) for values in cursor]


def same_seq_exports(db: Store, device_id: str, export_seq: int | None, export_id: str) -> list[dict[str, Any]]:
    """Other exports merged from this device under the same export number: two laptops sharing
    one identity (a cloned disk or data folder), or a forgery with the device's key."""
    if export_seq is None:
        return []
    cursor = db.execute("SELECT * FROM merged_exports WHERE device_id = ? AND export_seq = ? AND export_id <> ? "
                        "AND kind = 'export' ORDER BY merged_at", [device_id, export_seq, export_id])
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, values)) for values in cursor]


def record_merged_export(db: Store, entry: dict[str, Any]) -> None:
    db.execute(
        """INSERT INTO merged_exports (export_id, kind, device_id, export_seq, scope, content_sha256, file_name,
               merged_at, modified, signed_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        [entry["export_id"], entry["kind"], entry["device_id"], entry.get("export_seq"), entry.get("scope", ""),
         entry["content_sha256"], entry["file_name"], entry["merged_at"], int(entry.get("modified", False)),
         entry.get("signed_sha256", "")])


def upsert_device(db: Store, device_id: str, device_name: str, seen_at: str) -> None:
    db.execute(
        """INSERT INTO devices (device_id, device_name, first_seen_at, last_seen_at) VALUES (?, ?, ?, ?)
           ON CONFLICT(device_id) DO UPDATE SET device_name = excluded.device_name,
               last_seen_at = excluded.last_seen_at""",
        [device_id, device_name, seen_at, seen_at])


def device_name(db: Store, device_id: str) -> str:
    row = db.execute("SELECT device_name FROM devices WHERE device_id = ?", [device_id]).fetchone()
    return row[0] if row and row[0] else ""


def device_names(db: Store, device_ids: Iterable[str]) -> dict[str, str]:
    """device id -> the name it was last seen under ('' when unknown)."""
    return {device_id: device_name(db, device_id) for device_id in set(device_ids)}


def device_export_seqs(db: Store, device_id: str) -> list[int]:
    return [seq for (seq,) in db.execute(
        "SELECT export_seq FROM merged_exports WHERE device_id = ? AND kind = 'export' ORDER BY export_seq",
        [device_id])]


def known_codes(db: Store) -> set[tuple[str, str]]:
    return {(catalog_id, code) for catalog_id, code in db.execute("SELECT catalog_id, code FROM recommendations")}


def log_file(db: Store, entry: dict[str, Any]) -> None:
    db.execute(
        """INSERT INTO merge_log (merged_at, path, file_sha256, export_id, device_id, export_seq, status, message,
               counts, warnings) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        [entry["merged_at"], entry["path"], entry.get("file_sha256", ""), entry.get("export_id"),
         entry.get("device_id"), entry.get("export_seq"), entry["status"], entry.get("message", ""),
         json.dumps(entry.get("counts", {})), json.dumps(entry.get("warnings", []), ensure_ascii=False)])


def merge_log(db: Store) -> list[dict[str, Any]]:
    return dict_rows(db.execute("SELECT * FROM merge_log ORDER BY id"), ("counts", "warnings"))


def unknown_code_feedback(db: Store) -> int:
    """Feedback whose recommendation is in no loaded catalog: kept, and counted for review."""
    return db.execute(
        """SELECT count(*) FROM feedback f WHERE f.deleted = 0 AND NOT EXISTS (
               SELECT 1 FROM recommendations r WHERE r.code = f.recommendation_code
               AND (r.catalog_id = f.catalog_id OR f.catalog_id = ''))""").fetchone()[0]


def catalog_headings(db: Store, catalog_ids: list[str]) -> list[tuple[str, str, str]]:
    """(key, title, title_km) of the catalogs' headings (all catalogs' when none is named): what
    the field app offers as the theme of a note."""
    if catalog_ids:
        cursor = db.execute(f"SELECT key, title, title_km FROM catalog_headings WHERE catalog_id IN "
                            f"({', '.join('?' * len(catalog_ids))}) ORDER BY catalog_id, position", catalog_ids)
    else:
        cursor = db.execute("SELECT key, title, title_km FROM catalog_headings ORDER BY catalog_id, position")
    return [(key, title or "", title_km or "") for key, title, title_km in cursor]


def earlier_fillings(db: Store, kind: str, device_id: str) -> list[tuple[str, str]]:
    """(file name, merged at) of the files of this kind merged before from ``device_id``."""
    return list(db.execute("SELECT file_name, merged_at FROM merged_exports WHERE device_id = ? AND kind = ? "
                           "ORDER BY merged_at", [device_id, kind]))


def last_merged_at(db: Store) -> str | None:
    """When a file was last merged (UTC, as merge_log holds it); None when none ever was."""
    return db.execute("SELECT max(merged_at) FROM merge_log WHERE status = 'merged'").fetchone()[0]


def entries_of(db: Store, consultation_uuids: Iterable[str]) -> list[dict[str, Any]]:
    """The feedback entries held for these consultations (tombstones too), with what consent
    decides on: uuid, consultation, quote, attribution, deleted."""
    uuids, found = sorted(set(consultation_uuids)), []
    for start in range(0, len(uuids), _CHUNK):
        chunk = uuids[start:start + _CHUNK]
        cursor = db.execute("SELECT uuid, consultation_uuid, quote, attribution, attributed_to, deleted FROM feedback "
                            f"WHERE consultation_uuid IN ({', '.join('?' * len(chunk))})", chunk)
        names = [d[0] for d in cursor.description]
        found += [dict(zip(names, values)) for values in cursor]
    return found


def conflict_copies(db: Store, kind: RecordKind, record_uuids: list[str]) -> list[tuple[int, dict[str, Any]]]:
    """The versions kept for review of these records, decided or not: (id, the version)."""
    found: list[tuple[int, dict[str, Any]]] = []
    if not db.execute("SELECT 1 FROM merge_conflicts WHERE record_table = ? LIMIT 1", [kind.table]).fetchone():
        return found  # the usual case: nothing kept for review, no lookup per record
    for start in range(0, len(record_uuids), _CHUNK):
        chunk = record_uuids[start:start + _CHUNK]
        found += [(conflict_id, json.loads(incoming)) for conflict_id, incoming in db.execute(
            f"SELECT id, incoming FROM merge_conflicts WHERE record_table = ? AND record_uuid IN "
            f"({', '.join('?' * len(chunk))})", [kind.table, *chunk])]
    return found


def consultations_of_copies(db: Store, kind: RecordKind, record_uuids: list[str]) -> set[str]:
    """The consultations the office holds these records under, for those with a version kept for
    review (whatever consultation that version names)."""
    found: set[str] = set()
    if not db.execute("SELECT 1 FROM merge_conflicts WHERE record_table = ? LIMIT 1", [kind.table]).fetchone():
        return found
    for start in range(0, len(record_uuids), _CHUNK):
        chunk = record_uuids[start:start + _CHUNK]
        found.update(uuid for (uuid,) in db.execute(
            f"SELECT DISTINCT r.consultation_uuid FROM merge_conflicts m JOIN {kind.table} r ON r.uuid = m.record_uuid "
            f"WHERE m.record_table = ? AND m.record_uuid IN ({', '.join('?' * len(chunk))})", [kind.table, *chunk]))
    return found


def drop_conflicts(db: Store, ids: list[int]) -> None:
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start:start + _CHUNK]
        db.execute(f"DELETE FROM merge_conflicts WHERE id IN ({', '.join('?' * len(chunk))})", chunk)


def wipe_held(db: Store, kind: RecordKind, uuids: list[str]) -> int:
    """Records the office may no longer hold (their consent no longer lets them leave the
    laptop): each becomes the tombstone of its held revision (the same revision, so the laptop's
    next one still wins) and its copies kept for review go, as for a withdrawal. Returns how many."""
    rows = [tombstone(kind, row) for row in (current_record(db, kind, uuid) for uuid in uuids)
            if row is not None and not row["deleted"]]
    if not rows:
        return 0
    columns, lists, booleans = _table_columns(kind)
    tombstones = ColumnRows.from_dicts(columns, rows)
    drop_withdrawn_conflicts(db, kind, tombstones)
    stored = [_stored_column(name, tombstones.column(name), lists, booleans) for name in columns]
    sql = f"UPDATE {kind.table} SET {', '.join(f'{c} = ?' for c in columns[1:])} WHERE uuid = ?"
    db.conn.executemany(sql, zip(*stored[1:], stored[0]))
    return len(rows)
