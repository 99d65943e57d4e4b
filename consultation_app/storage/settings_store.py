"""Small key-value settings kept in the database: the installation's identity and counters."""

from __future__ import annotations

import os
import platform
import uuid

from consultation_app.storage.errors import StorageError
from consultation_app.storage.store import Store

DEVICE_ID = "device_id"
DEVICE_NAME = "device_name"
OFFICER_NAME = "officer_name"
DEFAULT_PROVINCE = "default_province"
INTERFACE_LANGUAGE = "interface_language"
LOCAL_SEQ = "local_seq"


def has_settings(db: Store) -> bool:
    """Whether this database has the app's settings table (an app database, migrated)."""
    return db.has_table("settings")


def get(db: Store, key: str, default: str | None = None) -> str | None:
    row = db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    return row[0] if row else default


def put(db: Store, key: str, value: str | None) -> None:
    with db.atomic():
        db.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [key, value],
        )


def ensure_installation(db: Store) -> str:
    """Give this installation its own id (once, forever) and a readable default name."""
    device_id = get(db, DEVICE_ID)
    if device_id:
        return device_id
    device_id = str(uuid.uuid4())
    with db.atomic():
        db.execute("INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)", [DEVICE_ID, device_id])
        db.execute(
            "INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)",
            [DEVICE_NAME, platform.node() or "field-laptop"],  # the computer's name
        )
    stored = get(db, DEVICE_ID)  # ours, or another process's that got there first
    if not stored:
        raise StorageError(f"{db.file()}: the settings table did not keep the installation's id")
    return stored


def next_local_seq(db: Store) -> int:
    """A per-installation counter stamped on each change: 'changed since the last export'."""
    row = db.execute(
        "INSERT INTO settings (key, value) VALUES (?, '1') "
        "ON CONFLICT(key) DO UPDATE SET value = CAST(settings.value AS INTEGER) + 1 RETURNING value",
        [LOCAL_SEQ],
    ).fetchone()
    return int(row[0])


def peek(database_path: str | os.PathLike, key: str) -> str | None:
    """One setting read from a database file without opening it for the app: read-only, no
    migration. None when the file cannot say (missing, damaged, encrypted and still locked,
    busy): used for the language of what the app says before its window exists."""
    from pathlib import Path

    from consultation_app.storage import encryption, errors

    if not Path(database_path).is_file():
        return None
    try:
        conn = encryption.open_connection(database_path, read_only=True, timeout=1)
        try:
            row = conn.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        finally:
            conn.close()
    except errors.DATABASE_ERRORS:
        return None
    except (errors.StorageError, OSError):
        return None
    return row[0] if row else None
