"""Merge receipts: what the central office holds of one device (central side), and what a
laptop has been told the central office holds (field side, tables of m006_merge_receipts).

A record counts as confirmed when a receipt names it at a revision at least as high as the
laptop's own; every later edit, deletion or restore raises the local revision and makes it
unconfirmed again until the next receipt.
"""

from __future__ import annotations

from typing import Any, Iterable, Iterator

from consultation_app.storage import settings_store
from consultation_app.storage.store import Store

RECORD_TABLES = ("consultations", "feedback", "notes")


# -- central side --------------------------------------------------------------------------
def device_records(db: Store, table: str, device_id: str) -> Iterator[tuple[str, int]]:
    """(uuid, revision) of every record the device made that this database holds, tombstones
    included (a deletion is a change the laptop wants confirmed), in uuid order."""
    if table not in RECORD_TABLES:
        raise ValueError(table)
    yield from db.conn.execute(f"SELECT uuid, revision FROM {table} WHERE device_id = ? ORDER BY uuid", [device_id])


def device_exports(db: Store, device_id: str) -> list[dict[str, Any]]:
    """The device's exports merged here, by export number."""
    cursor = db.execute(
        """SELECT export_id, export_seq, merged_at, file_name, modified FROM merged_exports
           WHERE device_id = ? AND kind = 'export' ORDER BY export_seq, merged_at""", [device_id])
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, values)) for values in cursor]


def central_device(db: Store, device_id: str) -> dict[str, Any] | None:
    cursor = db.execute("SELECT device_id, device_name, first_seen_at, last_seen_at FROM devices "
                        "WHERE device_id = ?", [device_id])
    values = cursor.fetchone()
    return dict(zip([d[0] for d in cursor.description], values)) if values else None


def merged_devices(db: Store) -> list[dict[str, Any]]:
    """Every field device whose exports were merged here, with the officer who last wrote on it
    and how many records it made: what central staff recognise a laptop by (not its UUID)."""
    cursor = db.execute(
        """SELECT d.device_id, d.device_name, d.last_seen_at,
                  coalesce((SELECT r.officer FROM record_revisions r
                            WHERE r.device_id = d.device_id AND r.officer <> ''
                            ORDER BY r.changed_at DESC LIMIT 1), '') AS officer,
                  (SELECT count(*) FROM merged_exports m WHERE m.device_id = d.device_id AND m.kind = 'export')
                      AS exports
           FROM devices d ORDER BY lower(d.device_name), d.device_id""")  # lower(): NOCASE is SQLite's
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, values)) for values in cursor if values[names.index("exports")]]


def device_label(db: Store, device_id: str) -> str:
    """"name (officer)" of a device merged here, or its id when it is unknown."""
    for device in merged_devices(db):
        if device["device_id"] == device_id:
            name = device["device_name"] or device_id
            return f"{name} ({device['officer']})" if device["officer"] else name
    return device_id


# -- field side ----------------------------------------------------------------------------
def receipt_import(db: Store, receipt_id: str) -> dict[str, Any] | None:
    cursor = db.execute("SELECT * FROM receipt_imports WHERE receipt_id = ?", [receipt_id])
    values = cursor.fetchone()
    return dict(zip([d[0] for d in cursor.description], values)) if values else None


def record_receipt(db: Store, receipt_id: str, central_generated_at: str, imported_at: str, device_id: str,
                   records: Iterable[tuple[str, str, int]]) -> int | None:
    """Store one receipt in one transaction: the import, and per record the highest revision
    confirmed so far (an older receipt imported late never lowers it). Returns how many
    records' confirmation advanced, or None when this receipt was imported before."""
    with db.atomic():
        inserted = db.conn.execute(
            "INSERT OR IGNORE INTO receipt_imports (receipt_id, imported_at, central_generated_at) VALUES (?, ?, ?)",
            [receipt_id, imported_at, central_generated_at])
        if inserted.rowcount == 0:
            return None
        before = db.conn.total_changes
        db.conn.executemany(
            """INSERT INTO receipts_received (device_id, record_table, record_uuid, revision_received, received_at)
               VALUES (?, ?, ?, ?, ?)
               ON CONFLICT (device_id, record_table, record_uuid) DO UPDATE SET
                   revision_received = excluded.revision_received, received_at = excluded.received_at
               WHERE excluded.revision_received > receipts_received.revision_received""",
            ((device_id, table, uuid, revision, central_generated_at) for table, uuid, revision in records))
        return db.conn.total_changes - before


def receipts_imported(db: Store) -> int:
    return db.execute("SELECT count(*) FROM receipt_imports").fetchone()[0]


def unconfirmed_changes(db: Store) -> int:
    """This laptop's records whose local revision is higher than the central office confirmed
    (never confirmed counts as revision 0): changes that exist only here. Records withheld
    from standard exports (sensitive, named) count too: the central office does not hold them."""
    device_id = settings_store.get(db, settings_store.DEVICE_ID, "") or ""
    parts = " UNION ALL ".join(
        f"""SELECT count(*) AS n FROM {table} t LEFT JOIN receipts_received r
                ON r.device_id = t.device_id AND r.record_table = '{table}' AND r.record_uuid = t.uuid
            WHERE t.device_id = :device AND t.revision > coalesce(r.revision_received, 0)"""
        for table in RECORD_TABLES)
    return db.execute(f"SELECT sum(n) FROM ({parts})", {"device": device_id}).fetchone()[0] or 0


def local_export_seqs(db: Store) -> list[int]:
    """This laptop's own export numbers, to compare with those a receipt lists."""
    device_id = settings_store.get(db, settings_store.DEVICE_ID, "") or ""
    return [seq for (seq,) in db.execute("SELECT export_seq FROM exports WHERE device_id = ? ORDER BY export_seq",
                                         [device_id])]
