"""This installation's identity as a device: its machine fingerprint, and becoming a new
device (services/identity.py says when and why)."""

from __future__ import annotations

import json
import uuid

from consultation_app.storage import settings_store
from consultation_app.storage.export_queries import EXPORT_SEQ
from consultation_app.storage.keys_store import SIGNING_PRIVATE_KEY, SIGNING_PUBLIC_KEY
from consultation_app.storage.store import Store

MACHINE_FINGERPRINT = "machine_fingerprint"
PREVIOUS_DEVICE_IDS = "previous_device_ids"


def fingerprint(db: Store) -> str | None:
    return settings_store.get(db, MACHINE_FINGERPRINT)


def record_fingerprint(db: Store, value: str) -> None:
    settings_store.put(db, MACHINE_FINGERPRINT, value)


def previous_device_ids(db: Store) -> list[str]:
    try:
        return list(json.loads(settings_store.get(db, PREVIOUS_DEVICE_IDS) or "[]"))
    except ValueError:
        return []


def start_new_identity(db: Store, machine_fingerprint: str | None) -> tuple[str, str]:
    """In one transaction: a new device id, no signing key (a new pair is made at the next
    export), export numbers from 1 again, the former id remembered, the fingerprint of this
    machine recorded. Records, their history and their origin device ids are left as they
    are. Returns (former id, new id)."""
    former = settings_store.get(db, settings_store.DEVICE_ID, "") or ""
    new = str(uuid.uuid4())
    with db.atomic():
        upsert = ("INSERT INTO settings (key, value) VALUES (?, ?) "
                  "ON CONFLICT(key) DO UPDATE SET value = excluded.value")
        db.execute(upsert, [settings_store.DEVICE_ID, new])
        db.execute("DELETE FROM settings WHERE key IN (?, ?)", [SIGNING_PRIVATE_KEY, SIGNING_PUBLIC_KEY])
        db.execute(upsert, [EXPORT_SEQ, "0"])
        db.execute(upsert, [PREVIOUS_DEVICE_IDS, json.dumps([*previous_device_ids(db), former])])
        if machine_fingerprint:
            db.execute(upsert, [MACHINE_FINGERPRINT, machine_fingerprint])
    return former, new
