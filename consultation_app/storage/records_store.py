"""Field records (consultations, feedback, notes): every change bumps the revision,
restamps the content hash, takes a fresh local sequence number and is written to the
revision history in the same transaction.

A withdrawal (``RecordStore.withdraw``) is the one change that cannot be undone: when a
person takes back what they said, their words are wiped from this database and the record
stays only as an empty tombstone that exports carry to the central office."""

from __future__ import annotations

import json
import logging
from typing import Any, Iterable

from consultation_app.domain import records as rules
from consultation_app.domain.records import (
    BOOL,
    CONSULTATION,
    ENUM_LIST,
    FEEDBACK,
    NOTE,
    RECORD_KINDS,
    RecordKind,
    ValidationError,
)
from consultation_app.domain.reference import ReferenceLists
from consultation_app.errors import AppError, NotFoundError
from consultation_app.storage import errors, settings_store
from consultation_app.storage.errors import RecordLockedError
from consultation_app.storage.store import Store

log = logging.getLogger(__name__)

# What a person said, per kind of record that can be withdrawn: every free-text field. The
# rest of a tombstone (ids, consultation, recommendation code, note theme, times) says only
# that something was said there and then taken back.
WITHDRAWN_TEXT: dict[str, tuple[str, ...]] = {
    FEEDBACK.table: ("comment", "quote", "quote_translation", "suggested_actions", "responsible_institutions",
                     "attributed_to"),
    NOTE.table: ("title", "text"),
}
# Also reset by a withdrawal: the person's view of the recommendation, and who said it.
WITHDRAWN_VALUES: dict[str, dict[str, Any]] = {
    FEEDBACK.table: {"priority": None, "implementation_assessment": None, "attribution": "anonymous",
                     "sensitive": False},
    NOTE.table: {"sensitive": False},
}


class RecordWithdrawnError(RecordLockedError):
    """A change to a withdrawn record: its words were wiped at the person's request for good."""


def is_withdrawal_tombstone(kind: RecordKind, row: dict[str, Any]) -> bool:
    """A deleted record whose every free-text field is empty: what a withdrawal leaves (a blank
    entry that was deleted looks the same, and holds no words either)."""
    fields = WITHDRAWN_TEXT.get(kind.table, ())
    return bool(fields) and bool(row.get("deleted")) and not any((row.get(name) or "").strip() for name in fields)


def wipe_free_space(db: Store) -> bool:
    """Leave no copy of deleted or replaced content in the database's files; True when done.

    secure_delete zeroes what is deleted from now on, but a database written before it was
    on still holds old versions of edited text (autosave rewrites a record as it is typed) in
    its free space: VACUUM rebuilds the file from live content only. The write-ahead log keeps
    page images of earlier commits until it is reset: a TRUNCATE checkpoint copies it into the
    database and cuts the -wal file to zero bytes. That checkpoint cannot finish while another
    connection is reading (an export running); it is then logged, and the -wal file is cut when
    the next checkpoint finishes or removed when the app closes. VACUUM rewrites the whole
    file: a quarter of a second for 50,000 entries (50 MB) on the development machine, a few
    seconds on a slow laptop disk; for withdrawals, never for everyday writes.
    """
    if db.conn.in_transaction:
        raise RuntimeError("wipe_free_space cannot run inside a transaction")
    if db.engine == "postgresql":
        return _vacuum_server(db)
    db.execute("PRAGMA secure_delete = ON")
    try:
        db.execute("VACUUM")
    except errors.DATABASE_ERRORS as error:  # another connection is writing: the checkpoint still helps
        log.warning("VACUUM after a withdrawal did not run (%s); free space may hold older text", error)
        vacuumed = False
    else:
        vacuumed = True
    busy, _, _ = db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    if busy:
        log.warning("the write-ahead log could not be reset after a withdrawal (another connection is reading); "
                    "it will be at the next checkpoint or when the app closes")
    return vacuumed and not busy


# Where a withdrawal or a keep-until sweep leaves replaced versions behind on a server.
_WIPED_TABLES = ("feedback", "notes", "record_revisions", "merge_conflicts", "attachments", "attachment_chunks")


def _vacuum_server(db: Store) -> bool:
    """PostgreSQL keeps a replaced row's old version in the table (a dead tuple) until VACUUM
    marks its space free for new rows, which then overwrite it. A plain VACUUM of the tables a
    withdrawal touches does that now rather than at autovacuum's next turn; it takes no lock
    that stops readers or writers. Out of reach, and said in docs/consent-and-attachments.md:
    the server's write-ahead log and its archive, base backups and pg_dump files, and the
    bytes of a freed space until something overwrites them (VACUUM FULL, the administrator's
    to run, rewrites the tables). True when the VACUUM ran."""
    try:
        for table in _WIPED_TABLES:
            db.execute(f"VACUUM {table}")
    except errors.DATABASE_ERRORS as error:
        log.warning("VACUUM after a withdrawal did not run on the server (%s)", error)
        return False
    return True


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


def column_conversions(kind: RecordKind) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(fields stored as JSON lists, fields stored as 0/1): what ``row_to_db`` converts."""
    return _CONVERSIONS[kind.table]


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

    def __init__(self, db: Store, device_id: str, reference: ReferenceLists | None,
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

    def in_consultation(self, kind: RecordKind, consultation_uuid: str,
                        code: str | None = None) -> list[dict[str, Any]]:
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
               action: str, force: bool = False) -> dict[str, Any]:
        new_hash = rules.content_hash(kind, content, deleted)
        if new_hash == current["content_hash"] and not force:
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
        current = self.get(kind, uuid, include_deleted=True)
        if current is None or current["deleted"]:
            if current is not None:
                self._check_not_withdrawn(kind, current)
            raise NotFoundError(f"no {kind.table} record {uuid}")
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
        self._check_not_withdrawn(kind, current)
        self._check_not_locked(kind, current, {"deleted": False})
        return self._write(kind, current, self._content(kind, current), False, "restore")

    def is_withdrawn(self, kind: RecordKind, uuid: str) -> bool:
        """True when the record's latest revision is a withdrawal."""
        row = self.db.execute(
            "SELECT action FROM record_revisions WHERE record_table = ? AND record_uuid = ? "
            "ORDER BY revision DESC LIMIT 1", [kind.table, uuid]).fetchone()
        return bool(row) and row[0] == "withdraw"

    def _check_not_withdrawn(self, kind: RecordKind, current: dict[str, Any]) -> None:
        if kind.table in WITHDRAWN_TEXT and current["deleted"] and self.is_withdrawn(kind, current["uuid"]):
            raise RecordWithdrawnError(
                "what this person said was withdrawn at their request and wiped; it cannot be restored or "
                "edited. Record anything new they say as a new entry")

    def withdraw(self, kind: RecordKind, uuid: str, wipe_now: bool = True) -> dict[str, Any]:
        """Wipe what a person said, for good, and leave a tombstone that reaches the central office.

        In one transaction every free-text field becomes "", the priority and assessment are
        cleared, the attribution becomes anonymous and the record not sensitive (so a standard
        export carries the tombstone), and the record is deleted at a new revision recorded in
        its history as 'withdraw'. secure_delete (on for every connection) zeroes the replaced
        text; then ``wipe_free_space`` removes older copies from free space and the -wal file.

        Allowed in a final consultation too: a person's withdrawal does not wait for a reopen.
        A withdrawn record can never be edited or restored again (``RecordWithdrawnError``);
        a second withdraw changes nothing.

        The central office's merge applies the tombstone as the newer revision and drops any
        conflict copy it kept of the record (``merge_store.write_rows``).

        Out of the app's reach, and said so in the confirmation the officer sees:
        - backups and copies of this database made before the withdrawal (a copied data
          folder, a cloned laptop, a synced or backed-up Documents folder);
        - export files already written or given away (on this laptop, a USB stick, e-mail,
          the central office's folders), and master exports or reports made from them;
        - the central office's copy until an export made after the withdrawal is merged;
        - the same words typed elsewhere (the consultation's summary, another entry or note);
        - the storage medium itself: an SSD or a journaling file system may keep blocks the
          database once used; only full-disk encryption (BitLocker) protects those.
        """
        if kind.table not in WITHDRAWN_TEXT:
            raise AppError(f"only feedback entries and notes can be withdrawn, not {kind.table}")
        if self.db.conn.in_transaction:
            raise RuntimeError("withdraw runs its own transaction and then wipes the files: call it outside one")
        current = self.require(kind, uuid, include_deleted=True)
        content = self._content(kind, current)
        content.update({name: "" for name in WITHDRAWN_TEXT[kind.table]})
        content.update(WITHDRAWN_VALUES[kind.table])
        if self.db.engine == "sqlite":  # connect() sets it; a connection made elsewhere may not
            self.db.execute("PRAGMA secure_delete = ON")
        if current["deleted"] and self.is_withdrawn(kind, uuid):
            row = current
        else:
            row = self._write(kind, current, content, True, "withdraw", force=True)
        if wipe_now:  # else the caller wipes once after withdrawing many (a consent's entries)
            wipe_free_space(self.db)
        return row

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
        columns: list[str] = []  # those of the first row; every row has the same
        batch: list[list[Any]] = []
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
