"""Signing keys: this installation's own key pair (field side) and the public key each device
signed with (central side).

The key pair lives in the settings table, made on first use: ``signing_private_key`` is the
raw 32-byte Ed25519 private key in base64, ``signing_public_key`` its public key. The private
key never leaves the database: no export, report or receipt writes it, only the signature it
makes. The central office keeps, per device, the public key it trusted on first use in the
devices table (``public_key``).
"""

from __future__ import annotations

import base64
import binascii

from consultation_app.domain import signing
from consultation_app.domain.records import utc_now
from consultation_app.storage import settings_store
from consultation_app.storage.errors import StorageError
from consultation_app.storage.store import Store

SIGNING_PRIVATE_KEY = "signing_private_key"
SIGNING_PUBLIC_KEY = "signing_public_key"


def _stored_private(db: Store) -> bytes | None:
    text = settings_store.get(db, SIGNING_PRIVATE_KEY)
    if not text:
        return None
    try:
        raw = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return None
    return raw if len(raw) == signing.PRIVATE_KEY_BYTES else None


def ensure_signing_key(db: Store) -> tuple[bytes, str]:
    """This installation's key pair, made (once) on first use: (private key bytes, public key
    in base64). Safe with two connections at once: the first key written wins.

    A stored private key that is no longer a key (damaged by hand) is replaced by a new pair:
    exports go on, and the central office sees the device's key change and reviews it."""
    private = _stored_private(db)
    if private is None:
        # One statement each, so two connections making a key at once cannot both win.
        fresh = base64.b64encode(signing.new_private_key()).decode("ascii")
        damaged = settings_store.get(db, SIGNING_PRIVATE_KEY)
        if damaged is None:
            db.execute("INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)", [SIGNING_PRIVATE_KEY, fresh])
        else:
            db.execute("UPDATE settings SET value = ? WHERE key = ? AND value = ?",
                       [fresh, SIGNING_PRIVATE_KEY, damaged])
        private = _stored_private(db)
        if private is None:
            raise StorageError("the signing key could not be stored in the settings table")
    public = signing.public_key_b64(private)
    if settings_store.get(db, SIGNING_PUBLIC_KEY) != public:  # first use, or repaired: derived, never trusted
        settings_store.put(db, SIGNING_PUBLIC_KEY, public)
    return private, public


def signing_public_key(db: Store) -> str | None:
    """This installation's public key, if it has made one (shown to people; nothing secret)."""
    private = _stored_private(db)
    return signing.public_key_b64(private) if private else None


def device_public_key(db: Store, device_id: str) -> str | None:
    """The public key the central office holds for a device, or None (unknown device, or no
    signed export merged from it yet)."""
    row = db.execute("SELECT public_key FROM devices WHERE device_id = ?", [device_id]).fetchone()
    return row[0] if row and row[0] else None


def record_device_key(db: Store, device_id: str, key: str) -> None:
    """Remember (or replace) a device's public key; the device row is made if need be."""
    now = utc_now()
    db.execute(
        """INSERT INTO devices (device_id, device_name, first_seen_at, last_seen_at, public_key)
           VALUES (?, '', ?, ?, ?)
           ON CONFLICT(device_id) DO UPDATE SET public_key = excluded.public_key""",
        [device_id, now, now, key])


def is_trusted_office(db: Store, device_id: str) -> bool:
    """Whether this office trusts the device as another central office: its exports may carry
    records of any device (see exchange/merge_trust.py)."""
    row = db.execute("SELECT trusted_office FROM devices WHERE device_id = ?", [device_id]).fetchone()
    return bool(row and row[0])


def set_trusted_office(db: Store, device_id: str, trusted: bool) -> bool:
    """Trust (or stop trusting) a device as a central office; only a device whose key is on
    record (an export of it merged here) can be trusted. False when there is none."""
    with db.atomic():
        cursor = db.execute("UPDATE devices SET trusted_office = ? WHERE device_id = ? AND public_key IS NOT NULL",
                            [int(trusted), device_id])
    return cursor.rowcount > 0
