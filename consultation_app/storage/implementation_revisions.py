"""The revisions of implementation records as a graph (schema step m_implementation_exchange_v1;
domain/implementation_exchange.py says why), the current version of each record, the exchange
files merged from other central copies and the devices known here as central copies."""

from __future__ import annotations

import json
from typing import Any, Iterable, Iterator

from consultation_app.domain import implementation_exchange as graph
from consultation_app.domain.implementation import IMPLEMENTATION
from consultation_app.errors import said_as_json
from consultation_app.storage.store import Store

_COLUMNS = ("revision_id", "record_uuid", "origin", "parents", "seq", "changed_at", "officer", "catalog_id",
            "recommendation_code", "status", "measures", "institutions", "indicator", "indicator_due", "deleted",
            "content_hash", "merged_from")
_CHUNK = 500


def _stored(revision: dict[str, Any], merged_from: str) -> list[Any]:
    row = {**revision, "parents": json.dumps(sorted(revision.get("parents") or ())),
           "institutions": json.dumps(list(revision.get("institutions") or ()), ensure_ascii=False),
           "deleted": int(bool(revision.get("deleted"))), "merged_from": merged_from}
    return [row.get(name) for name in _COLUMNS]


def _revision(values: dict[str, Any]) -> dict[str, Any]:
    values["parents"] = json.loads(values.get("parents") or "[]")
    values["institutions"] = tuple(json.loads(values.get("institutions") or "[]"))
    values["deleted"] = bool(values.get("deleted"))
    return values


def _dicts(cursor: Any) -> list[dict[str, Any]]:
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, values)) for values in cursor]


def new_revision(record_uuid: str, origin: str, officer: str, changed_at: str, parents: list[str], seq: int,
                 content: dict[str, Any], deleted: bool = False) -> dict[str, Any]:
    """A revision made here, with its id and content hash."""
    revision: dict[str, Any] = {"record_uuid": record_uuid, "origin": origin, "parents": sorted(parents), "seq": seq,
                "changed_at": changed_at, "officer": officer, "deleted": deleted,
                **{name: content.get(name) for name in graph.CONTENT_FIELDS}}
    revision["institutions"] = tuple(revision.get("institutions") or ())
    revision["content_hash"] = graph.content_hash(revision)
    revision["revision_id"] = graph.revision_id(revision)
    return revision


def insert(db: Store, revisions: Iterable[dict[str, Any]], merged_from: str = "") -> int:
    """Store revisions not held yet (by id); how many were new."""
    before = db.conn.total_changes if db.engine == "sqlite" else 0
    cursor = db.conn.executemany(f"INSERT OR IGNORE INTO implementation_revisions ({', '.join(_COLUMNS)}) "
                                 f"VALUES ({', '.join('?' * len(_COLUMNS))})",
                                 (_stored(revision, merged_from) for revision in revisions))
    if db.engine == "sqlite":
        return int(db.conn.total_changes - before)
    return max(int(cursor.rowcount), 0)  # psycopg: the rows inserted, summed over the batch


def known_ids(db: Store, ids: list[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start:start + _CHUNK]
        found.update(rid for (rid,) in db.execute(
            f"SELECT revision_id FROM implementation_revisions WHERE revision_id IN ({', '.join('?' * len(chunk))})",
            chunk))
    return found


def of_record(db: Store, record_uuid: str) -> dict[str, dict[str, Any]]:
    """Every revision of one record, by id."""
    return {row["revision_id"]: _revision(row) for row in _dicts(db.execute(
        "SELECT * FROM implementation_revisions WHERE record_uuid = ?", [record_uuid]))}


def iter_all(db: Store) -> Iterator[dict[str, Any]]:
    """Every revision held, record by record, oldest first (what an exchange file carries)."""
    cursor = db.conn.execute("SELECT * FROM implementation_revisions ORDER BY catalog_id, recommendation_code, seq, "
                             "revision_id")
    names = [d[0] for d in cursor.description]
    for values in cursor:
        yield _revision(dict(zip(names, values)))


def count(db: Store) -> int:
    return int(db.execute("SELECT count(*) FROM implementation_revisions").fetchone()[0])


def heads_like(db: Store, record_uuid: str, content_hashes: set[str]) -> list[str]:
    """The record's heads (revisions nothing is based on yet) whose content is one of these: what
    a change made here is based on. Two copies that made the same change hold two such heads."""
    known = of_record(db, record_uuid)
    return sorted(rid for rid in graph.heads({rid: r["parents"] for rid, r in known.items()})
                  if known[rid]["content_hash"] in content_hashes)


def held_heads(db: Store, record_uuids: list[str]) -> dict[str, tuple[str, str, str]]:
    """record uuid -> (current revision id, content hash, created_at) of the records held."""
    found: dict[str, tuple[str, str, str]] = {}
    for start in range(0, len(record_uuids), _CHUNK):
        chunk = record_uuids[start:start + _CHUNK]
        for uuid, head, digest, created in db.execute(
                f"SELECT uuid, head_revision, content_hash, created_at FROM implementation_status "
                f"WHERE uuid IN ({', '.join('?' * len(chunk))})", chunk):
            found[uuid] = (head, digest, created)
    return found


def set_current(db: Store, revision: dict[str, Any], created_at: str, local_seq: int) -> None:
    """Make a revision the record's current version (the record made if need be)."""
    row = {"uuid": revision["record_uuid"], "device_id": revision["origin"], "revision": revision["seq"],
           "created_at": created_at, "updated_at": revision["changed_at"], "deleted": int(bool(revision["deleted"])),
           "content_hash": revision["content_hash"], "local_seq": local_seq,
           **{name: revision.get(name) for name in graph.CONTENT_FIELDS},
           "institutions": json.dumps(list(revision.get("institutions") or ()), ensure_ascii=False),
           "head_revision": revision["revision_id"]}
    if db.engine == "sqlite":
        db.execute(f"INSERT OR REPLACE INTO implementation_status ({', '.join(row)}) "
                   f"VALUES ({', '.join('?' * len(row))})", list(row.values()))
        return
    # What SQLite's REPLACE does, in SQL both engines run: the rows the new one collides with on
    # either unique key (its uuid; its catalog and code) go first. Callers hold lock_record.
    db.execute("DELETE FROM implementation_status WHERE uuid = ? OR (catalog_id = ? AND recommendation_code = ?)",
               [row["uuid"], row["catalog_id"], row["recommendation_code"]])
    db.execute(f"INSERT INTO implementation_status ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
               list(row.values()))


# pg_advisory_xact_lock keys ("CAPI"): one for all implementation records, then one per record.
IMPLEMENTATION_LOCK = 0x43415049


def lock_record(db: Store, record_uuid: str) -> None:
    """Inside a transaction: wait for, then hold until it ends, the right to change this record.
    SQLite's writers already take turns (BEGIN IMMEDIATE: one database lock). PostgreSQL's do not:
    two people recording the same recommendation at once would both read revision N and both
    write N+1 (or both make a new record and one fail on its key). With these transaction-level
    advisory locks the second waits for the first to commit, then reads it and builds on it. The
    shared lock on all records lets a central exchange merge (lock_all_records) go alone."""
    if db.engine == "postgresql":
        db.execute("SELECT pg_advisory_xact_lock_shared(?)", [IMPLEMENTATION_LOCK])
        db.execute("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", [f"implementation:{record_uuid}"])


def lock_all_records(db: Store) -> None:
    """Inside a transaction: lock_record for every record at once (a central exchange merge may
    touch thousands; one lock, not one each, which would fill the server's lock table)."""
    if db.engine == "postgresql":
        db.execute("SELECT pg_advisory_xact_lock(?)", [IMPLEMENTATION_LOCK])


def note_revision(db: Store, revision: dict[str, Any], action: str) -> None:
    """The revision in the shared list of revisions (record_revisions), as the field records are."""
    db.execute("""INSERT OR IGNORE INTO record_revisions (record_table, record_uuid, revision, device_id, officer,
                      changed_at, action, content_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
               [IMPLEMENTATION.table, revision["record_uuid"], revision["seq"], revision["origin"],
                revision["officer"], revision["changed_at"], action, revision["content_hash"]])


# -- conflicts between central copies (kept in merge_conflicts, as the field records' are) ---------

def conflict_row(revision: dict[str, Any]) -> dict[str, Any]:
    """A revision as merge_conflicts keeps an incoming version: the record's fields, with the
    revision's id so that a decision can name it."""
    return {"uuid": revision["record_uuid"], "device_id": revision["origin"], "revision": revision["seq"],
            "created_at": revision["changed_at"], "updated_at": revision["changed_at"],
            "deleted": bool(revision["deleted"]), "content_hash": revision["content_hash"],
            **{name: revision.get(name) for name in graph.CONTENT_FIELDS},
            "institutions": list(revision.get("institutions") or ()),
            "revision_id": revision["revision_id"], "officer": revision.get("officer", "")}


def keep_conflict(db: Store, revision: dict[str, Any], current_hash: str, exchange_id: str, detected_at: str,
                  reason: str) -> bool:
    """Keep a head whose content differs from the version held for review (merge_conflicts, as the
    field records' conflicts); a conflict decided before with the same revision number and
    content is opened again with this revision. False when it waits already."""
    row = conflict_row(revision)
    values = [json.dumps(row, ensure_ascii=False, default=list), exchange_id, revision["origin"], detected_at,
              str(reason), *said_as_json(reason), current_hash]  # the reason with its message key, if any
    cursor = db.conn.execute(
        """INSERT OR IGNORE INTO merge_conflicts (record_table, record_uuid, revision, current_hash, incoming_hash,
               incoming, export_id, device_id, detected_at, reason, reason_key, reason_params)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        [IMPLEMENTATION.table, row["uuid"], row["revision"], current_hash, row["content_hash"], *values[:7]])
    if cursor.rowcount:
        return True
    cursor = db.conn.execute(
        """UPDATE merge_conflicts SET incoming = ?, export_id = ?, device_id = ?, detected_at = ?, reason = ?,
               reason_key = ?, reason_params = ?, current_hash = ?, resolved_at = NULL, resolution = NULL
           WHERE record_table = ? AND record_uuid = ? AND revision = ? AND incoming_hash = ?
             AND resolved_at IS NOT NULL""",
        [*values, IMPLEMENTATION.table, row["uuid"], row["revision"], row["content_hash"]])
    return cursor.rowcount > 0


def open_conflict_hashes(db: Store, record_uuid: str) -> list[tuple[int, str]]:
    """(conflict id, incoming content hash) of the record's conflicts waiting for review."""
    return [(conflict_id, digest) for conflict_id, digest in db.execute(
        "SELECT id, incoming_hash FROM merge_conflicts WHERE record_table = ? AND record_uuid = ? "
        "AND resolved_at IS NULL", [IMPLEMENTATION.table, record_uuid])]


def close_conflict(db: Store, conflict_id: int, resolved_at: str, took_incoming: bool) -> None:
    db.execute("UPDATE merge_conflicts SET resolved_at = ?, resolution = ? WHERE id = ? AND resolved_at IS NULL",
               [resolved_at, "took_incoming" if took_incoming else "kept_current", conflict_id])


def claim_conflict(db: Store, conflict_id: int, resolved_at: str,
                   took_incoming: bool) -> tuple[str, dict[str, Any]] | None:
    """Inside a transaction: mark an open conflict decided and give its (record uuid, incoming
    version), or None when it is decided already. One statement reads and writes: of two people
    deciding at once on PostgreSQL (row locks, READ COMMITTED), the second UPDATE waits for the
    first to commit, then finds the conflict decided and claims nothing."""
    row = db.execute("UPDATE merge_conflicts SET resolved_at = ?, resolution = ? WHERE id = ? AND resolved_at IS NULL "
                     "RETURNING record_uuid, incoming",
                     [resolved_at, "took_incoming" if took_incoming else "kept_current", conflict_id]).fetchone()
    return (row[0], json.loads(row[1])) if row else None


# -- institutions, central copies, exchange files ----------------------------------------------------

def institutions_by_key(db: Store) -> dict[str, dict[str, Any]]:
    return {row["key"]: row for row in _dicts(db.execute(
        "SELECT key, name, name_km, kind, retired, updated_at FROM institutions"))}


def write_institution(db: Store, row: dict[str, Any]) -> None:
    db.execute("""INSERT INTO institutions (key, name, name_km, kind, retired, updated_at) VALUES (?, ?, ?, ?, ?, ?)
                  ON CONFLICT(key) DO UPDATE SET name = excluded.name, name_km = excluded.name_km,
                      kind = excluded.kind, retired = excluded.retired, updated_at = excluded.updated_at""",
               [row["key"], row["name"], row["name_km"], row["kind"], int(bool(row["retired"])), row["updated_at"]])


def merged_exchange(db: Store, device_id: str, exchange_id: str) -> dict[str, Any] | None:
    rows = _dicts(db.execute("SELECT * FROM central_exchanges WHERE device_id = ? AND exchange_id = ?",
                             [device_id, exchange_id]))
    return rows[0] if rows else None


def record_exchange(db: Store, exchange_id: str, device_id: str, content_sha256: str, file_name: str,
                    merged_at: str) -> None:
    db.execute("INSERT INTO central_exchanges (exchange_id, device_id, content_sha256, file_name, merged_at) "
               "VALUES (?, ?, ?, ?, ?) ON CONFLICT (device_id, exchange_id) DO UPDATE SET "
               "content_sha256 = excluded.content_sha256, file_name = excluded.file_name, "
               "merged_at = excluded.merged_at", [exchange_id, device_id, content_sha256, file_name, merged_at])
    db.execute("INSERT OR IGNORE INTO central_copies (device_id, first_seen_at) VALUES (?, ?)",
               [device_id, merged_at])


def field_devices(db: Store, device_ids: Iterable[str]) -> set[str]:
    """Of these devices, those known here as field laptops: their field exports were merged."""
    ids = sorted(set(device_ids))
    found: set[str] = set()
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start:start + _CHUNK]
        found.update(device for (device,) in db.execute(
            f"SELECT DISTINCT device_id FROM merged_exports WHERE kind = 'export' AND device_id IN "
            f"({', '.join('?' * len(chunk))})", chunk))
    return found


def field_device_with_key(db: Store, public_keys: Iterable[str]) -> str | None:
    """A field laptop (its exports merged here) whose key on record is one of these, if any."""
    keys = [key for key in public_keys if key]
    if not keys:
        return None
    row = db.execute(
        f"""SELECT d.device_id FROM devices d
            WHERE d.public_key IN ({', '.join('?' * len(keys))})
              AND EXISTS (SELECT 1 FROM merged_exports m WHERE m.device_id = d.device_id AND m.kind = 'export')""",
        keys).fetchone()
    return row[0] if row else None
