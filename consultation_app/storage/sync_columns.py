"""The columns every field record's table carries, written into the schema steps that make them."""

# Columns every field record carries so it can be merged at the central office.
SYNC_COLUMNS = """
    uuid TEXT PRIMARY KEY NOT NULL,
    device_id TEXT NOT NULL,
    revision INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    content_hash TEXT NOT NULL,
    local_seq INTEGER NOT NULL DEFAULT 0
"""
