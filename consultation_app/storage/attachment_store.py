"""Attachments in the database (step m_attachments_v1): rows in ``attachments``, bytes in
``attachment_chunks`` keyed by their SHA-256. Every write is one transaction: a file is
stored whole or not at all."""

from __future__ import annotations

import hashlib
from typing import Any, Callable, Iterable, Iterator

from consultation_app.domain.attachments import merge_metadata
from consultation_app.domain.records import utc_now
from consultation_app.storage import settings_store
from consultation_app.storage.store import Store

CHUNK_BYTES = 1024 * 1024
COLUMNS = ("uuid", "consultation_uuid", "kind", "file_name", "media_type", "size", "sha256", "caption",
           "sensitive", "device_id", "created_at", "updated_at", "revision", "deleted")


def _rows(cursor: Any) -> list[dict[str, Any]]:
    names = [d[0] for d in cursor.description]
    rows = []
    for values in cursor:
        row = dict(zip(names, values))
        for flag in ("sensitive", "deleted"):
            if flag in row:
                row[flag] = bool(row[flag])
        rows.append(row)
    return rows


class ContentMismatch(ValueError):
    """The bytes stored under an expected SHA-256 do not hash to it (nothing was kept)."""


def add(db: Store, meta: dict[str, Any], chunks: Iterable[bytes], check_size: Callable[[int], None],
        thumbnail: bytes | None = None, expected_sha256: str | None = None) -> dict[str, Any]:
    """Store one file: ``meta`` (uuid, consultation_uuid, kind, file_name, media_type, caption,
    sensitive, device_id), its bytes as they are read (``check_size`` is called with the running
    total and raises to stop), an optional thumbnail. All in one transaction: an error on the
    way leaves nothing behind. Returns the stored row.

    ``expected_sha256`` (a merge: the archive member's name, from the signed list) stores the
    chunks under that key at once, and ContentMismatch undoes everything when the bytes do not
    hash to it. Without it the chunks go under a pending key renamed at the end, which rewrites
    every chunk (the merge's time was half that rename: benchmarks/README.md)."""
    direct = bool(expected_sha256) and not has_content(db, str(expected_sha256))
    key = str(expected_sha256) if direct else "pending:" + meta["uuid"]
    digest, size = hashlib.sha256(), 0
    with db.atomic():
        for seq, chunk in enumerate(chunks):
            size += len(chunk)
            check_size(size)
            digest.update(chunk)
            db.execute("INSERT INTO attachment_chunks (sha256, seq, data) VALUES (?, ?, ?)", [key, seq, chunk])
        sha256 = digest.hexdigest()
        if expected_sha256 and sha256 != expected_sha256:
            raise ContentMismatch(f"the bytes hash to {sha256[:12]}…, not the expected {expected_sha256[:12]}…")
        if direct:
            pass  # stored under their own hash already
        elif db.execute("SELECT 1 FROM attachment_chunks WHERE sha256 = ? LIMIT 1", [sha256]).fetchone():
            db.execute("DELETE FROM attachment_chunks WHERE sha256 = ?", [key])  # held already: kept once
        else:
            db.execute("UPDATE attachment_chunks SET sha256 = ? WHERE sha256 = ?", [sha256, key])
        now = utc_now()
        row = {**{key: meta[key] for key in ("uuid", "consultation_uuid", "kind", "file_name", "media_type",
                                             "caption", "device_id")},
               "sensitive": int(bool(meta.get("sensitive"))), "size": size, "sha256": sha256,
               "thumbnail": thumbnail, "created_at": meta.get("created_at") or now, "updated_at": now,
               "revision": int(meta.get("revision") or 1), "deleted": 0,
               # a merged attachment is not this installation's own change: 0 (as merged records)
               "local_seq": meta["local_seq"] if "local_seq" in meta else settings_store.next_local_seq(db)}
        db.execute(f"INSERT INTO attachments ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                   list(row.values()))
    found = get(db, meta["uuid"])
    assert found is not None
    return found


def get(db: Store, uuid: str) -> dict[str, Any] | None:
    rows = _rows(db.execute(f"SELECT {', '.join(COLUMNS)} FROM attachments WHERE uuid = ?", [uuid]))
    return rows[0] if rows else None


def listing(db: Store, consultation_uuid: str | None = None, include_deleted: bool = False) -> list[dict[str, Any]]:
    """Attachments (without bytes or thumbnail), oldest first; of one consultation or all."""
    where, params = ["1 = 1"], []
    if consultation_uuid is not None:
        where.append("consultation_uuid = ?")
        params.append(consultation_uuid)
    if not include_deleted:
        where.append("deleted = 0")
    return _rows(db.execute(f"SELECT {', '.join(COLUMNS)} FROM attachments WHERE {' AND '.join(where)} "
                            # a server has no rowid (the order rows were added in): uuid breaks ties there
                            f"ORDER BY created_at, {'uuid' if db.engine == 'postgresql' else 'rowid'}", params))


def thumbnail(db: Store, uuid: str) -> bytes | None:
    row = db.execute("SELECT thumbnail FROM attachments WHERE uuid = ?", [uuid]).fetchone()
    return row[0] if row else None


def held_bytes(db: Store, consultation_uuid: str) -> int:
    return int(db.execute("SELECT coalesce(sum(size), 0) FROM attachments WHERE consultation_uuid = ? "
                          "AND deleted = 0", [consultation_uuid]).fetchone()[0])


def has_content(db: Store, sha256: str) -> bool:
    return db.execute("SELECT 1 FROM attachment_chunks WHERE sha256 = ? LIMIT 1", [sha256]).fetchone() is not None


def content_held_for(db: Store, sha256: str, device_id: str) -> bool:
    """Whether these bytes are held for a live attachment of a consultation of ``device_id``:
    what lets a merge link a listed attachment to them without reading its archive."""
    return db.execute("SELECT 1 FROM attachments a JOIN consultations c ON c.uuid = a.consultation_uuid "
                      "WHERE a.sha256 = ? AND a.deleted = 0 AND c.device_id = ? LIMIT 1",
                      [sha256, device_id]).fetchone() is not None


def iter_content(db: Store, sha256: str) -> Iterator[bytes]:
    """The stored bytes, a chunk at a time (bounded memory for a 300 MB recording)."""
    seq = 0
    while True:
        row = db.execute("SELECT data FROM attachment_chunks WHERE sha256 = ? AND seq = ?", [sha256, seq]).fetchone()
        if row is None:
            return
        yield bytes(row[0])
        seq += 1


def update(db: Store, uuid: str, changes: dict[str, Any]) -> dict[str, Any] | None:
    """Change caption, kind or sensitivity (a new revision and change number)."""
    allowed = {key: (int(bool(value)) if key == "sensitive" else value) for key, value in changes.items()
               if key in ("caption", "kind", "sensitive")}
    if allowed:
        with db.atomic():
            allowed.update(updated_at=utc_now(), local_seq=settings_store.next_local_seq(db))
            db.execute(f"UPDATE attachments SET {', '.join(f'{k} = ?' for k in allowed)}, revision = revision + 1 "
                       "WHERE uuid = ? AND deleted = 0", [*allowed.values(), uuid])
    return get(db, uuid)


def wipe(db: Store, uuids: Iterable[str]) -> int:
    """Delete attachments for good: each row becomes a tombstone (no name, caption, thumbnail)
    and bytes no live attachment still uses are deleted. The caller then clears free space
    (records_store.wipe_free_space). Returns how many were wiped."""
    count = 0
    with db.atomic():
        for uuid in uuids:
            row = get(db, uuid)
            if row is None or row["deleted"]:
                continue
            db.execute("UPDATE attachments SET deleted = 1, file_name = '', caption = '', thumbnail = NULL, "
                       "revision = revision + 1, updated_at = ?, local_seq = ? WHERE uuid = ?",
                       [utc_now(), settings_store.next_local_seq(db), uuid])
            if not db.execute("SELECT 1 FROM attachments WHERE sha256 = ? AND deleted = 0 LIMIT 1",
                              [row["sha256"]]).fetchone():
                db.execute("DELETE FROM attachment_chunks WHERE sha256 = ?", [row["sha256"]])
            count += 1
    return count


def iter_changed(db: Store, since_seq: int, until_seq: int) -> Iterator[dict[str, Any]]:
    """Attachments (tombstones too) changed in (since_seq, until_seq], without bytes, in uuid order."""
    cursor = db.execute(f"SELECT {', '.join(COLUMNS)} FROM attachments WHERE local_seq > ? AND local_seq <= ? "
                        "ORDER BY uuid", [since_seq, until_seq])
    yield from _rows(cursor)


def link(db: Store, row: dict[str, Any]) -> None:
    """Record an attachment whose bytes are held already (same SHA-256), as merged: change
    number 0. The caller holds the transaction."""
    values = {key: row[key] for key in COLUMNS}
    values["sensitive"], values["deleted"] = int(bool(values["sensitive"])), int(bool(values["deleted"]))
    values["local_seq"] = 0
    db.execute(f"INSERT INTO attachments ({', '.join(values)}) VALUES ({', '.join('?' * len(values))})",
               list(values.values()))


def apply_newer(db: Store, row: dict[str, Any]) -> tuple[bool, bool]:
    """Another installation's version of a held attachment, by domain/attachments.merge_metadata
    (a deletion wins; else the higher revision; the same revision edited on two laptops: the
    later caption and kind, the stricter sensitivity). Returns (changed, diverged)."""
    held = get(db, row["uuid"])
    if held is None:
        return False, False
    decision = merge_metadata(held, row)
    if decision.wipe:
        wipe(db, [row["uuid"]])
        # CASE, not SQLite's two-argument max(): PostgreSQL has no such max (GREATEST there).
        db.execute("UPDATE attachments SET revision = CASE WHEN revision < ? THEN ? ELSE revision END, "
                   "local_seq = 0 WHERE uuid = ?", [row["revision"], row["revision"], row["uuid"]])
        return True, decision.diverged
    if decision.values is None:
        return False, decision.diverged
    values = {**decision.values, "sensitive": int(bool(decision.values["sensitive"])), "local_seq": 0}
    db.execute(f"UPDATE attachments SET {', '.join(f'{key} = ?' for key in values)} WHERE uuid = ?",
               [*values.values(), row["uuid"]])
    return True, decision.diverged
