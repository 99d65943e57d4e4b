"""Field records (consultations, feedback, notes): every change bumps the revision,
restamps the content hash, takes a fresh local sequence number and is written to the
revision history in the same transaction."""

from __future__ import annotations

import json
from typing import Any, Iterable

from sqlite_utils import Database

from consultation_app.domain import records as rules
from consultation_app.domain.records import BOOL, CONSULTATION, ENUM_LIST, RECORD_KINDS, RecordKind, ValidationError
from consultation_app.domain.reference import ReferenceLists
from consultation_app.errors import NotFoundError
from consultation_app.storage import settings_store
from consultation_app.storage.errors import RecordLockedError


def row_to_db(kind: RecordKind, values: dict[str, Any]) -> dict[str, Any]:
    """Python values to column values: lists as JSON text, booleans as 0/1."""
    lists, booleans = _CONVERSIONS[kind.table]
    out = dict(values)
    for name in lists:
        if name in out:
            out[name] = json.dumps(list(out[name] or ()), ensure_ascii=False)
    for name in booleans:
        if name in out:
            out[name] = int(bool(out[name]))
    return out


def row_from_db(kind: RecordKind, row: dict[str, Any]) -> dict[str, Any]:
    for field in kind.fields:
        if field.kind == ENUM_LIST:
            row[field.name] = tuple(json.loads(row[field.name] or "[]"))
        elif field.kind == BOOL:
            row[field.name] = bool(row[field.name])
    row["deleted"] = bool(row["deleted"])
    return row


# Per record kind, decided once: which fields are stored as JSON lists and which as 0/1.
_CONVERSIONS = {
    kind.table: (tuple(f.name for f in kind.fields if f.kind == ENUM_LIST),
                 tuple(f.name for f in kind.fields if f.kind == BOOL))
    for kind in RECORD_KINDS.values()
}


class RecordStore:
    """Writes and reads field records on behalf of one installation (its device id)."""

    def __init__(self, db: Database, device_id: str, reference: ReferenceLists | None,
                 officer: str = ""):
        self.db = db
        self.device_id = device_id
        self.reference = reference
        self.officer = officer

    # -- reading -------------------------------------------------------------------
    def get(self, kind: RecordKind, uuid: str, include_deleted: bool = False) -> dict[str, Any] | None:
        cursor = self.db.execute(f"SELECT * FROM {kind.table} WHERE uuid = ?", [uuid])
        values = cursor.fetchone()
        if values is None:
            return None
        row = row_from_db(kind, dict(zip([d[0] for d in cursor.description], values)))
        if row["deleted"] and not include_deleted:
            return None
        return row

    def require(self, kind: RecordKind, uuid: str, include_deleted: bool = False) -> dict[str, Any]:
        row = self.get(kind, uuid, include_deleted)
        if row is None:
            raise NotFoundError(f"no {kind.table} record {uuid}")
        return row

    def query(self, kind: RecordKind, where: str = "1", params: Iterable[Any] = (),
              order_by: str = "rowid", include_deleted: bool = False) -> list[dict[str, Any]]:
        if not include_deleted:
            where = f"({where}) AND deleted = 0"
        cursor = self.db.execute(f"SELECT * FROM {kind.table} WHERE {where} ORDER BY {order_by}", list(params))
        names = [d[0] for d in cursor.description]
        return [row_from_db(kind, dict(zip(names, values))) for values in cursor]

    def in_consultation(self, kind: RecordKind, consultation_uuid: str, code: str | None = None) -> list[dict[str, Any]]:
        """Live feedback or notes of one consultation (feedback optionally of one recommendation),
        oldest first."""
        if code is None:
            return self.query(kind, "consultation_uuid = ?", [consultation_uuid], order_by="created_at")
        return self.query(kind, "consultation_uuid = ? AND recommendation_code = ?", [consultation_uuid, code],
                          order_by="created_at")

    # -- writing -------------------------------------------------------------------
    def _check_not_locked(self, kind: RecordKind, values: dict[str, Any], changes: dict[str, Any]) -> None:
        if kind is CONSULTATION:
            if values.get("status") == "final" and set(changes) - {"status"}:
                raise RecordLockedError("this consultation is final; reopen it before changing it")
            return
        parent = self.get(CONSULTATION, values.get("consultation_uuid") or "")
        if parent is not None and parent["status"] == "final":
            raise RecordLockedError("this consultation is final; reopen it before changing its records")

    def _check_rules(self, kind: RecordKind, merged: dict[str, Any]) -> None:
        if kind is not CONSULTATION:
            return
        problems = (rules.check_ready_to_finalise(merged) if merged.get("status") == "final"
                    else rules.check_consultation(merged))
        if problems:
            raise ValidationError(problems)

    def _record_revision(self, kind: RecordKind, row: dict[str, Any], action: str) -> None:
        self.db.execute(
            """INSERT INTO record_revisions (record_table, record_uuid, revision, device_id, officer,
                   changed_at, action, content_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
            [kind.table, row["uuid"], row["revision"], self.device_id, self.officer, row["updated_at"],
             action, row["content_hash"]],
        )

    def create(self, kind: RecordKind, values: dict[str, Any], uuid: str | None = None) -> dict[str, Any]:
        content = rules.defaults(kind)
        content.update(rules.normalise(kind, values, self.reference))
        for required in ("consultation_uuid", "recommendation_code"):
            if required in kind.field_names and not content.get(required):
                raise ValidationError({required: "is required"})
        self._check_rules(kind, content)
        if kind is not CONSULTATION:
            self._check_not_locked(kind, content, content)
        now = rules.utc_now()
        with self.db.atomic():
            row = {
                "uuid": uuid or rules.new_uuid(),
                "device_id": self.device_id,
                "revision": 1,
                "created_at": now,
                "updated_at": now,
                "deleted": 0,
                "content_hash": rules.content_hash(kind, content, False),
                "local_seq": settings_store.next_local_seq(self.db),
                **row_to_db(kind, content),
            }
            columns = ", ".join(row)
            self.db.execute(f"INSERT INTO {kind.table} ({columns}) VALUES ({', '.join('?' * len(row))})",
                            list(row.values()))
            self._record_revision(kind, row, "create")
        return self.require(kind, row["uuid"])

    def _write(self, kind: RecordKind, current: dict[str, Any], content: dict[str, Any], deleted: bool,
               action: str) -> dict[str, Any]:
        new_hash = rules.content_hash(kind, content, deleted)
        if new_hash == current["content_hash"]:
            return current  # nothing changed: no new revision
        with self.db.atomic():
            update = {
                "revision": current["revision"] + 1,
                "updated_at": rules.utc_now(),
                "deleted": int(deleted),
                "content_hash": new_hash,
                "local_seq": settings_store.next_local_seq(self.db),
                **row_to_db(kind, content),
            }
            assignments = ", ".join(f"{name} = ?" for name in update)
            self.db.execute(f"UPDATE {kind.table} SET {assignments} WHERE uuid = ?",
                            [*update.values(), current["uuid"]])
            self._record_revision(kind, {"uuid": current["uuid"], **update}, action)
        return self.require(kind, current["uuid"], include_deleted=True)

    def _content(self, kind: RecordKind, row: dict[str, Any]) -> dict[str, Any]:
        return {name: row[name] for name in kind.field_names}

    def update(self, kind: RecordKind, uuid: str, changes: dict[str, Any]) -> dict[str, Any]:
        current = self.require(kind, uuid)
        changes = rules.normalise(kind, changes, self.reference)
        self._check_not_locked(kind, current, changes)
        content = self._content(kind, current)
        content.update(changes)
        self._check_rules(kind, content)
        return self._write(kind, current, content, False, "update")

    def delete(self, kind: RecordKind, uuid: str) -> dict[str, Any]:
        """Soft delete: the row stays as a tombstone that exports carry to the central office."""
        current = self.require(kind, uuid)
        self._check_not_locked(kind, current, {"deleted": True})
        return self._write(kind, current, self._content(kind, current), True, "delete")

    def restore(self, kind: RecordKind, uuid: str) -> dict[str, Any]:
        current = self.require(kind, uuid, include_deleted=True)
        if not current["deleted"]:
            return current
        self._check_not_locked(kind, current, {"deleted": False})
        return self._write(kind, current, self._content(kind, current), False, "restore")

    def history(self, kind: RecordKind, uuid: str) -> list[dict[str, Any]]:
        cursor = self.db.execute(
            "SELECT revision, device_id, officer, changed_at, action, content_hash FROM record_revisions "
            "WHERE record_table = ? AND record_uuid = ? ORDER BY revision", [kind.table, uuid])
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, values)) for values in cursor]

    def create_many(self, kind: RecordKind, items: Iterable[dict[str, Any]]) -> int:
        """Insert many new records in one transaction (demo data, imports): one fsync, not thousands.
        An item may carry its own "uuid" (reproducible demo data)."""
        now = rules.utc_now()
        columns = None
        batch = []
        count = 0
        with self.db.atomic():
            for values in items:
                values = dict(values)
                uuid = values.pop("uuid", None) or rules.new_uuid()
                content = rules.defaults(kind)
                content.update(rules.normalise(kind, values, self.reference))
                self._check_rules(kind, content)
                row = {
                    "uuid": uuid,
                    "device_id": self.device_id, "revision": 1, "created_at": now, "updated_at": now,
                    "deleted": 0, "content_hash": rules.content_hash(kind, content, False),
                    "local_seq": settings_store.next_local_seq(self.db), **row_to_db(kind, content),
                }
                columns = columns or list(row)
                batch.append([row[c] for c in columns])
                count += 1
            if batch:
                self.db.conn.executemany(
                    f"INSERT INTO {kind.table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                    batch)
                uuid_at, hash_at = columns.index("uuid"), columns.index("content_hash")
                self.db.conn.executemany(
                    """INSERT INTO record_revisions (record_table, record_uuid, revision, device_id, officer,
                           changed_at, action, content_hash) VALUES (?, ?, 1, ?, ?, ?, 'create', ?)""",
                    [(kind.table, r[uuid_at], self.device_id, self.officer, now, r[hash_at]) for r in batch])
        return count
