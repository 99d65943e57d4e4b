"""What central staff see of merge conflicts: the versions waiting for review, each beside the
version held, with the devices both came from (for `summary`, `conflicts list` and the master
workbook's conflicts sheet)."""

from __future__ import annotations

import json
from typing import Any

from consultation_app.domain.conflicts import CONFLICT_KINDS
from consultation_app.errors import said_from_json
from consultation_app.storage import settings_store
from consultation_app.storage.records_store import row_from_db
from consultation_app.storage.store import Store


def open_conflict_count(db: Store) -> int:
    return db.execute("SELECT count(*) FROM merge_conflicts WHERE resolved_at IS NULL").fetchone()[0]


def open_conflict_table(db: Store, conflict_id: int) -> str | None:
    """The record table of a conflict waiting for review, or None (no such conflict, or decided)."""
    row = db.execute("SELECT record_table FROM merge_conflicts WHERE id = ? AND resolved_at IS NULL",
                     [conflict_id]).fetchone()
    return row[0] if row else None


def open_conflicts_with_held(db: Store) -> list[dict[str, Any]]:
    """Every conflict waiting for review, oldest first: its record, the incoming version (as it
    arrived) and the current one, as held (None if the record has gone since), with both devices' names."""
    names = dict(db.execute("SELECT device_id, device_name FROM devices"))
    own = settings_store.get(db, settings_store.DEVICE_ID)
    if own:  # records made here: this installation's own name
        names.setdefault(own, settings_store.get(db, settings_store.DEVICE_NAME) or "")
    conflicts = []
    for (conflict_id, table, uuid, revision, incoming, export_id, device_id, detected_at, reason, reason_key,
         reason_params) in db.execute(
            "SELECT id, record_table, record_uuid, revision, incoming, export_id, device_id, detected_at, reason, "
            "reason_key, reason_params FROM merge_conflicts WHERE resolved_at IS NULL ORDER BY id").fetchall():
        kind = CONFLICT_KINDS[table]
        cursor = db.execute(f"SELECT * FROM {kind.table} WHERE uuid = ?", [uuid])
        values = cursor.fetchone()
        held = row_from_db(kind, dict(zip([d[0] for d in cursor.description], values))) if values else None
        incoming = json.loads(incoming)
        conflicts.append({
            "id": conflict_id, "record_table": table, "record_uuid": uuid, "revision": revision,
            "detected_at": detected_at, "export_id": export_id,
            "reason": said_from_json(reason, reason_key, reason_params),  # why it waits ('' for a plain conflict)
            "current": held, "current_device_id": held["device_id"] if held else None,
            "current_device_name": names.get(held["device_id"], "") if held else "",
            "incoming": incoming, "incoming_device_id": device_id, "incoming_device_name": names.get(device_id, ""),
        })
    return conflicts
