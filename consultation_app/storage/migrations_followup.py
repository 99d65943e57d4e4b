"""Schema steps for the central office's follow-up (implementation records and their exchange
between central copies) and for the evidence of a consultation (consent, attachments).
storage/migrations.py lists them in STEPS after the earlier steps; the same rules hold: never
edit a step that has shipped, add a new one."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from consultation_app.storage.sync_columns import SYNC_COLUMNS

if TYPE_CHECKING:
    from sqlite_utils import Database


def m_implementation_v1(db: Database) -> None:
    """The central office's record of implementation per recommendation (domain/implementation.py):
    the current record (sync columns, so it travels and merges like field records), every
    revision of it kept whole (what the status was, and who said so when), and the office's
    editable list of responsible institutions with their Khmer names."""
    db.execute(
        f"""CREATE TABLE implementation_status ({SYNC_COLUMNS},
            catalog_id TEXT NOT NULL DEFAULT '',
            recommendation_code TEXT NOT NULL,
            status TEXT,
            measures TEXT NOT NULL DEFAULT '',
            institutions TEXT NOT NULL DEFAULT '[]',
            indicator TEXT NOT NULL DEFAULT '',
            indicator_due TEXT,
            UNIQUE (catalog_id, recommendation_code)
        )"""
    )
    db.execute("CREATE INDEX implementation_status_by_local_seq ON implementation_status (local_seq)")
    db.execute(
        """CREATE TABLE implementation_history (
            record_uuid TEXT NOT NULL,
            revision INTEGER NOT NULL,
            changed_at TEXT NOT NULL,
            officer TEXT NOT NULL DEFAULT '',
            device_id TEXT NOT NULL,
            status TEXT,
            measures TEXT NOT NULL DEFAULT '',
            institutions TEXT NOT NULL DEFAULT '[]',
            indicator TEXT NOT NULL DEFAULT '',
            indicator_due TEXT,
            deleted INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (record_uuid, revision)
        ) WITHOUT ROWID"""
    )
    db.execute(
        """CREATE TABLE institutions (
            key TEXT PRIMARY KEY NOT NULL,
            name TEXT NOT NULL,
            name_km TEXT NOT NULL DEFAULT '',
            kind TEXT NOT NULL DEFAULT 'institution',
            retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
            updated_at TEXT NOT NULL
        )"""
    )


def m_implementation_exchange_v1(db: Database) -> None:
    """Implementation records that merge between central copies (domain/implementation_exchange.py):
    every revision under an id made from its content, with the central copy that made it and the
    revisions it was based on (``implementation_revisions``); the record's current revision
    (``implementation_status.head_revision``); the exchange files merged (``central_exchanges``)
    and the devices known here as central copies (``central_copies``). The history kept so far
    (``implementation_history``, one line of revisions per record) becomes revisions, each based
    on the one before it."""
    from consultation_app.domain.implementation_exchange import content_hash, revision_id

    db.execute(
        """CREATE TABLE implementation_revisions (
            revision_id TEXT PRIMARY KEY NOT NULL,
            record_uuid TEXT NOT NULL,
            origin TEXT NOT NULL,
            parents TEXT NOT NULL DEFAULT '[]',
            seq INTEGER NOT NULL CHECK (seq >= 1),
            changed_at TEXT NOT NULL,
            officer TEXT NOT NULL DEFAULT '',
            catalog_id TEXT NOT NULL DEFAULT '',
            recommendation_code TEXT NOT NULL,
            status TEXT,
            measures TEXT NOT NULL DEFAULT '',
            institutions TEXT NOT NULL DEFAULT '[]',
            indicator TEXT NOT NULL DEFAULT '',
            indicator_due TEXT,
            deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
            content_hash TEXT NOT NULL,
            merged_from TEXT NOT NULL DEFAULT ''
        ) WITHOUT ROWID"""
    )
    db.execute("CREATE INDEX implementation_revisions_by_record ON implementation_revisions (record_uuid)")
    db.execute("ALTER TABLE implementation_status ADD COLUMN head_revision TEXT NOT NULL DEFAULT ''")
    db.execute(
        """CREATE TABLE central_exchanges (
            exchange_id TEXT NOT NULL,
            device_id TEXT NOT NULL,
            content_sha256 TEXT NOT NULL,
            file_name TEXT NOT NULL,
            merged_at TEXT NOT NULL,
            PRIMARY KEY (device_id, exchange_id)
        )"""
    )
    db.execute("CREATE TABLE central_copies (device_id TEXT PRIMARY KEY NOT NULL, first_seen_at TEXT NOT NULL)")
    history = db.execute(
        """SELECT h.record_uuid, h.revision, h.changed_at, h.officer, h.device_id, h.status, h.measures,
                  h.institutions, h.indicator, h.indicator_due, h.deleted, s.catalog_id, s.recommendation_code
           FROM implementation_history h JOIN implementation_status s ON s.uuid = h.record_uuid
           ORDER BY h.record_uuid, h.revision""").fetchall()
    previous: tuple[str, str] | None = None
    for (uuid, revision, changed_at, officer, device_id, status, measures, institutions, indicator, due, deleted,
         catalog_id, code) in history:
        parents = [previous[1]] if previous and previous[0] == uuid else []
        values = {"record_uuid": uuid, "origin": device_id, "parents": parents, "seq": revision,
                  "changed_at": changed_at, "officer": officer, "deleted": bool(deleted), "catalog_id": catalog_id,
                  "recommendation_code": code, "status": status, "measures": measures,
                  "institutions": json.loads(institutions or "[]"), "indicator": indicator, "indicator_due": due}
        rid = revision_id(values)
        db.execute(
            """INSERT INTO implementation_revisions (revision_id, record_uuid, origin, parents, seq, changed_at,
                   officer, catalog_id, recommendation_code, status, measures, institutions, indicator, indicator_due,
                   deleted, content_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [rid, uuid, device_id, json.dumps(parents), revision, changed_at, officer, catalog_id, code, status,
             measures, institutions or "[]", indicator, due, int(bool(deleted)), content_hash(values)])
        db.execute("UPDATE implementation_status SET head_revision = ? WHERE uuid = ? AND revision = ?",
                   [rid, uuid, revision])
        previous = (uuid, rid)


def m_consent_v1(db: Database) -> None:
    """Consent records (domain/consent.py): one per consultation (subject '') and one per quoted
    person who gave their own (subject: the feedback entry's uuid). A revision and the local
    change number let an export carry those changed since the last one and a merge keep the
    newer; a withdrawal is a record with ``withdrawn`` set, kept so it travels."""
    db.execute(
        """CREATE TABLE consents (
            consultation_uuid TEXT NOT NULL,
            subject TEXT NOT NULL DEFAULT '',
            given TEXT NOT NULL DEFAULT 'none',
            text_version TEXT NOT NULL DEFAULT '',
            quotes INTEGER NOT NULL DEFAULT 0 CHECK (quotes IN (0, 1)),
            attribution TEXT NOT NULL DEFAULT 'none',
            photos INTEGER NOT NULL DEFAULT 0 CHECK (photos IN (0, 1)),
            recordings INTEGER NOT NULL DEFAULT 0 CHECK (recordings IN (0, 1)),
            visibility TEXT NOT NULL DEFAULT 'field_team',
            retain_until TEXT,
            withdrawn INTEGER NOT NULL DEFAULT 0 CHECK (withdrawn IN (0, 1)),
            device_id TEXT NOT NULL DEFAULT '',
            revision INTEGER NOT NULL DEFAULT 1,
            updated_at TEXT NOT NULL,
            local_seq INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (consultation_uuid, subject)
        ) WITHOUT ROWID"""
    )
    db.execute("CREATE INDEX consents_by_local_seq ON consents (local_seq)")


def m_attachments_v1(db: Database) -> None:
    """Attachments of a consultation (domain/attachments.py): one row each (what, whose, its
    hash, caption, kind, sensitivity, a small thumbnail), and the bytes in chunks of at most
    1 MiB keyed by the content's SHA-256 (the same file attached twice is kept once). Inside
    the database, so they are encrypted with it, copied by its backups, and written or not
    at all in one transaction."""
    db.execute(
        """CREATE TABLE attachments (
            uuid TEXT PRIMARY KEY NOT NULL,
            consultation_uuid TEXT NOT NULL,
            kind TEXT NOT NULL,
            file_name TEXT NOT NULL,
            media_type TEXT NOT NULL,
            size INTEGER NOT NULL CHECK (size >= 0),
            sha256 TEXT NOT NULL,
            caption TEXT NOT NULL DEFAULT '',
            sensitive INTEGER NOT NULL DEFAULT 0 CHECK (sensitive IN (0, 1)),
            thumbnail BLOB,
            device_id TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            revision INTEGER NOT NULL DEFAULT 1,
            deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
            local_seq INTEGER NOT NULL DEFAULT 0
        )"""
    )
    db.execute("CREATE INDEX attachments_by_consultation ON attachments (consultation_uuid)")
    db.execute("CREATE INDEX attachments_by_local_seq ON attachments (local_seq)")
    db.execute("CREATE INDEX attachments_by_sha256 ON attachments (sha256)")
    db.execute(
        """CREATE TABLE attachment_chunks (
            sha256 TEXT NOT NULL,
            seq INTEGER NOT NULL,
            data BLOB NOT NULL,
            UNIQUE (sha256, seq)
        )"""
    )
