"""Schema steps, applied in order by sqlite-utils' Migrations, each in its own transaction.

Never edit a step that has shipped: add a new one (and list it in STEPS). Tests build every
earlier schema (``connection.apply_steps(db, stop_before=...)``) and migrate it to the newest.
sqlite-utils is loaded only when a step is to be applied: a database already at the newest
step is recognised by reading the table where Migrations records the steps it applied.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from consultation_app.storage.migrations_followup import (
    m_attachments_v1,
    m_consent_v1,
    m_implementation_exchange_v1,
    m_implementation_v1,
)
from consultation_app.storage.sync_columns import SYNC_COLUMNS

if TYPE_CHECKING:
    import sqlite3

    from sqlite_utils import Database, Migrations

    from consultation_app.storage.store import Store

MIGRATION_SET = "consultation_app"
MIGRATIONS_TABLE = "_sqlite_migrations"  # sqlite-utils' Migrations.migrations_table (a test holds them equal)



def m001_initial(db: Database) -> None:
    db.execute("CREATE TABLE settings (key TEXT PRIMARY KEY NOT NULL, value TEXT)")
    db.execute(
        """CREATE TABLE catalogs (
            catalog_id TEXT PRIMARY KEY NOT NULL,
            version TEXT NOT NULL,
            title TEXT NOT NULL,
            title_km TEXT NOT NULL DEFAULT '',
            source TEXT NOT NULL,
            date TEXT NOT NULL DEFAULT '',
            country TEXT NOT NULL DEFAULT '',
            cycle INTEGER,
            translation_note TEXT NOT NULL DEFAULT '',
            loaded_at TEXT NOT NULL
        )"""
    )
    db.execute(
        """CREATE TABLE catalog_headings (
            catalog_id TEXT NOT NULL REFERENCES catalogs(catalog_id) ON DELETE CASCADE,
            key TEXT NOT NULL,
            parent_key TEXT,
            position INTEGER NOT NULL,
            title TEXT NOT NULL,
            title_km TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (catalog_id, key)
        )"""
    )
    # An explicit integer key so the full-text index's rowids survive VACUUM.
    db.execute(
        """CREATE TABLE recommendations (
            id INTEGER PRIMARY KEY,
            catalog_id TEXT NOT NULL REFERENCES catalogs(catalog_id) ON DELETE CASCADE,
            code TEXT NOT NULL,
            heading_key TEXT NOT NULL,
            part_key TEXT NOT NULL,
            section_key TEXT,
            theme_key TEXT NOT NULL,
            position INTEGER NOT NULL,
            text TEXT NOT NULL,
            text_km TEXT NOT NULL DEFAULT '',
            sdgs TEXT NOT NULL DEFAULT '[]',
            groups TEXT NOT NULL DEFAULT '[]',
            retired INTEGER NOT NULL DEFAULT 0,
            UNIQUE (catalog_id, code)
        )"""
    )
    # Trigram finds a Khmer word inside a Khmer sentence (Khmer writes no spaces);
    # the indexed text is a search key: NFC, case-folded, zero-width hints removed.
    db.execute(
        "CREATE VIRTUAL TABLE recommendations_fts USING fts5(search_text, tokenize = 'trigram')"
    )
    db.execute(
        f"""CREATE TABLE consultations ({SYNC_COLUMNS},
            title TEXT NOT NULL DEFAULT '',
            catalog_id TEXT NOT NULL DEFAULT '',
            stakeholder_group TEXT,
            stakeholder_group_detail TEXT NOT NULL DEFAULT '',
            province TEXT,
            district TEXT NOT NULL DEFAULT '',
            commune TEXT NOT NULL DEFAULT '',
            venue TEXT NOT NULL DEFAULT '',
            start_date TEXT,
            end_date TEXT,
            facilitator TEXT NOT NULL DEFAULT '',
            note_taker TEXT NOT NULL DEFAULT '',
            languages TEXT NOT NULL DEFAULT '[]',
            interpretation TEXT NOT NULL DEFAULT '',
            participants_women INTEGER NOT NULL DEFAULT 0,
            participants_men INTEGER NOT NULL DEFAULT 0,
            participants_other INTEGER NOT NULL DEFAULT 0,
            participants_youth INTEGER NOT NULL DEFAULT 0,
            participants_disabilities INTEGER NOT NULL DEFAULT 0,
            participants_indigenous INTEGER NOT NULL DEFAULT 0,
            organisations TEXT NOT NULL DEFAULT '',
            consent_policy TEXT,
            summary TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'draft'
        )"""
    )
    # No foreign key to consultations: merges must accept feedback that arrives before
    # its consultation (exports of one device applied in any order).
    db.execute(
        f"""CREATE TABLE feedback ({SYNC_COLUMNS},
            consultation_uuid TEXT NOT NULL,
            catalog_id TEXT NOT NULL DEFAULT '',
            recommendation_code TEXT NOT NULL,
            priority TEXT,
            implementation_assessment TEXT,
            comment TEXT NOT NULL DEFAULT '',
            quote TEXT NOT NULL DEFAULT '',
            quote_translation TEXT NOT NULL DEFAULT '',
            suggested_actions TEXT NOT NULL DEFAULT '',
            responsible_institutions TEXT NOT NULL DEFAULT '',
            attribution TEXT NOT NULL DEFAULT 'anonymous',
            attributed_to TEXT NOT NULL DEFAULT '',
            sensitive INTEGER NOT NULL DEFAULT 0
        )"""
    )
    db.execute(
        f"""CREATE TABLE notes ({SYNC_COLUMNS},
            consultation_uuid TEXT NOT NULL,
            theme TEXT NOT NULL DEFAULT '',
            title TEXT NOT NULL DEFAULT '',
            text TEXT NOT NULL DEFAULT '',
            sensitive INTEGER NOT NULL DEFAULT 0
        )"""
    )
    db.execute("CREATE INDEX feedback_by_consultation ON feedback (consultation_uuid, recommendation_code)")
    db.execute("CREATE INDEX notes_by_consultation ON notes (consultation_uuid)")
    for table in ("consultations", "feedback", "notes"):
        db.execute(f"CREATE INDEX {table}_by_local_seq ON {table} (local_seq)")
    db.execute("CREATE INDEX consultations_by_date ON consultations (start_date)")


def m002_revision_history(db: Database) -> None:
    """Every revision of every field record: who changed it, on which device, when.

    The audit trail, and what a merge compares when the same revision differs.
    """
    db.execute(
        """CREATE TABLE record_revisions (
            id INTEGER PRIMARY KEY,
            record_table TEXT NOT NULL,
            record_uuid TEXT NOT NULL,
            revision INTEGER NOT NULL,
            device_id TEXT NOT NULL,
            officer TEXT NOT NULL DEFAULT '',
            changed_at TEXT NOT NULL,
            action TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            UNIQUE (record_table, record_uuid, revision)
        )"""
    )
    # Records made before this step get their current revision on file.
    for table in ("consultations", "feedback", "notes"):
        db.execute(
            f"""INSERT INTO record_revisions
                (record_table, record_uuid, revision, device_id, changed_at, action, content_hash)
                SELECT '{table}', uuid, revision, device_id, updated_at, 'migrated', content_hash
                FROM {table}"""
        )


def m003_export_log(db: Database) -> None:
    """Each successful export: what it held, so 'since last export' and the status bar know."""
    db.execute(
        """CREATE TABLE exports (
            export_id TEXT PRIMARY KEY NOT NULL,
            export_seq INTEGER NOT NULL UNIQUE,
            created_at TEXT NOT NULL,
            file_name TEXT NOT NULL,
            scope TEXT NOT NULL CHECK (scope IN ('full', 'since_last')),
            since_seq INTEGER NOT NULL,
            until_seq INTEGER NOT NULL,
            counts TEXT NOT NULL,
            left_out TEXT NOT NULL,
            content_sha256 TEXT NOT NULL,
            include_sensitive INTEGER NOT NULL,
            password_protected INTEGER NOT NULL
        )"""
    )


def m004_covering_count_indexes(db: Database) -> None:
    """Live entries per consultation straight from an index: the consultations list counts
    50,000 feedback entries at every start."""
    db.execute("CREATE INDEX feedback_live_by_consultation ON feedback (consultation_uuid, deleted, "
               "recommendation_code)")
    db.execute("CREATE INDEX notes_live_by_consultation ON notes (consultation_uuid, deleted)")
    db.execute("DROP INDEX feedback_by_consultation")
    db.execute("DROP INDEX notes_by_consultation")


def m005_central_merge(db: Database) -> None:
    """The central office's account of every workbook it was given, every export it merged,
    every device it heard from, and every conflict waiting for a person to decide."""
    db.execute(
        """CREATE TABLE devices (
            device_id TEXT PRIMARY KEY NOT NULL,
            device_name TEXT NOT NULL DEFAULT '',
            first_seen_at TEXT NOT NULL,
            last_seen_at TEXT NOT NULL,
            public_key TEXT
        )"""
    )
    db.execute(
        """CREATE TABLE merged_exports (
            export_id TEXT PRIMARY KEY NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('export', 'template')),
            device_id TEXT NOT NULL,
            export_seq INTEGER,
            scope TEXT NOT NULL DEFAULT '',
            content_sha256 TEXT NOT NULL,
            file_name TEXT NOT NULL,
            merged_at TEXT NOT NULL,
            modified INTEGER NOT NULL DEFAULT 0
        )"""
    )
    db.execute("CREATE INDEX merged_exports_by_device ON merged_exports (device_id, export_seq)")
    db.execute(
        """CREATE TABLE merge_log (
            id INTEGER PRIMARY KEY,
            merged_at TEXT NOT NULL,
            path TEXT NOT NULL,
            file_sha256 TEXT NOT NULL DEFAULT '',
            export_id TEXT,
            device_id TEXT,
            export_seq INTEGER,
            status TEXT NOT NULL CHECK (status IN ('merged', 'already_merged', 'rejected', 'needs_review')),
            message TEXT NOT NULL DEFAULT '',
            counts TEXT NOT NULL DEFAULT '{}',
            warnings TEXT NOT NULL DEFAULT '[]'
        )"""
    )
    db.execute(
        """CREATE TABLE merge_conflicts (
            id INTEGER PRIMARY KEY,
            record_table TEXT NOT NULL,
            record_uuid TEXT NOT NULL,
            revision INTEGER NOT NULL,
            current_hash TEXT NOT NULL,
            incoming_hash TEXT NOT NULL,
            incoming TEXT NOT NULL,
            export_id TEXT NOT NULL,
            device_id TEXT NOT NULL,
            detected_at TEXT NOT NULL,
            resolved_at TEXT,
            resolution TEXT CHECK (resolution IN ('kept_current', 'took_incoming')),
            UNIQUE (record_table, record_uuid, revision, incoming_hash)
        )"""
    )


def m006_merge_receipts(db: Database) -> None:
    """Field side: what the central office confirmed holding (from its merge receipts), so a
    laptop knows which of its changes are safe elsewhere and which exist only on it.

    One row per record of this laptop: the highest revision a receipt confirmed. Imports are
    logged by the receipt's own id, so the same receipt twice changes nothing."""
    db.execute(
        """CREATE TABLE receipts_received (
            device_id TEXT NOT NULL,
            record_table TEXT NOT NULL,
            record_uuid TEXT NOT NULL,
            revision_received INTEGER NOT NULL CHECK (revision_received >= 1),
            received_at TEXT NOT NULL,
            PRIMARY KEY (device_id, record_table, record_uuid)
        ) WITHOUT ROWID"""
    )
    db.execute(
        """CREATE TABLE receipt_imports (
            receipt_id TEXT PRIMARY KEY NOT NULL,
            imported_at TEXT NOT NULL,
            central_generated_at TEXT NOT NULL
        )"""
    )


def m007_dashboard_indexes(db: Database) -> None:
    """The central office's dashboard reads 100,000 feedback entries from two covering indexes
    instead of the table: entries per consultation and code in one streaming pass, and per
    code, priority and assessment in another (storage/dashboard_queries.py). Measured on
    98,867 entries: the whole dashboard in about 0.17 s against 0.35 s without them
    (benchmarks/bench_dashboard.py)."""
    db.execute("CREATE INDEX feedback_dashboard ON feedback (deleted, consultation_uuid, catalog_id, "
               "recommendation_code)")
    db.execute("CREATE INDEX feedback_distribution ON feedback (deleted, catalog_id, recommendation_code, priority, "
               "implementation_assessment, consultation_uuid)")

def m_catalog_sources_v1(db: Database) -> None:
    """Catalogs from real sources (UHRI, UPR Info, a catalog workbook) and several side by side:
    per recommendation its UPR position, recommending states, paragraph, source key (the UHRI
    annotation id: what a re-import matches on), several themes, SDG targets, affected persons,
    document symbol, session, and whether its Khmer text is a working translation; per catalog
    the recommending body, a content hash (a re-import of the same rows changes nothing) and
    the key that signed it; and links between recommendations of two catalogs (cycles)."""
    for column in ("upr_position", "paragraph", "source_key", "document_symbol", "session", "km_status"):
        db.execute(f"ALTER TABLE recommendations ADD COLUMN {column} TEXT NOT NULL DEFAULT ''")
    for column in ("recommending_states", "themes", "sdg_targets", "affected_persons"):
        db.execute(f"ALTER TABLE recommendations ADD COLUMN {column} TEXT NOT NULL DEFAULT '[]'")
    for column in ("body", "content_sha256", "signed_by"):
        db.execute(f"ALTER TABLE catalogs ADD COLUMN {column} TEXT NOT NULL DEFAULT ''")
    # No new indexes: source keys are read per catalog through UNIQUE (catalog_id, code), and
    # a database page is 16 KB (a fresh database stays under 1 MB).
    db.execute(
        """CREATE TABLE recommendation_links (
            from_catalog TEXT NOT NULL,
            from_code TEXT NOT NULL,
            to_catalog TEXT NOT NULL,
            to_code TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('confirmed', 'rejected')),
            score REAL,
            decided_at TEXT NOT NULL,
            PRIMARY KEY (from_catalog, from_code, to_catalog, to_code)
        ) WITHOUT ROWID"""
    )


def m008_export_claims_by_device(db: Database) -> None:
    """Trust in what is merged (issue 16): an export id is one device's claim, not a global key
    (a forged file reusing a genuine id no longer swallows the genuine one), kept with the
    checksum its device signed; a record kept for review says why; and a central office can
    trust another office's exports to speak for many devices.

    ``merged_exports`` is rebuilt with the key (device_id, export_id); its rows are kept."""
    db.execute(
        """CREATE TABLE merged_exports_rebuilt (
            export_id TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('export', 'template')),
            device_id TEXT NOT NULL,
            export_seq INTEGER,
            scope TEXT NOT NULL DEFAULT '',
            content_sha256 TEXT NOT NULL,
            file_name TEXT NOT NULL,
            merged_at TEXT NOT NULL,
            modified INTEGER NOT NULL DEFAULT 0,
            signed_sha256 TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (device_id, export_id)
        )"""
    )
    db.execute(
        """INSERT INTO merged_exports_rebuilt (export_id, kind, device_id, export_seq, scope, content_sha256,
               file_name, merged_at, modified)
           SELECT export_id, kind, device_id, export_seq, scope, content_sha256, file_name, merged_at, modified
           FROM merged_exports"""
    )
    db.execute("DROP TABLE merged_exports")
    db.execute("ALTER TABLE merged_exports_rebuilt RENAME TO merged_exports")
    db.execute("CREATE INDEX merged_exports_by_device ON merged_exports (device_id, export_seq)")
    db.execute("CREATE INDEX merged_exports_by_id ON merged_exports (export_id)")
    # Field side: the export log says which identity made each export, and numbers restart for a
    # new identity (a cloned laptop made a new device, services/identity.py).
    db.execute(
        """CREATE TABLE exports_rebuilt (
            export_id TEXT PRIMARY KEY NOT NULL,
            device_id TEXT NOT NULL DEFAULT '',
            export_seq INTEGER NOT NULL,
            created_at TEXT NOT NULL,
            file_name TEXT NOT NULL,
            scope TEXT NOT NULL CHECK (scope IN ('full', 'since_last')),
            since_seq INTEGER NOT NULL,
            until_seq INTEGER NOT NULL,
            counts TEXT NOT NULL,
            left_out TEXT NOT NULL,
            content_sha256 TEXT NOT NULL,
            include_sensitive INTEGER NOT NULL,
            password_protected INTEGER NOT NULL,
            UNIQUE (device_id, export_seq)
        )"""
    )
    db.execute(
        """INSERT INTO exports_rebuilt (export_id, device_id, export_seq, created_at, file_name, scope, since_seq,
               until_seq, counts, left_out, content_sha256, include_sensitive, password_protected)
           SELECT export_id, coalesce((SELECT value FROM settings WHERE key = 'device_id'), ''), export_seq,
               created_at, file_name, scope, since_seq, until_seq, counts, left_out, content_sha256,
               include_sensitive, password_protected
           FROM exports"""
    )
    db.execute("DROP TABLE exports")
    db.execute("ALTER TABLE exports_rebuilt RENAME TO exports")
    db.execute("ALTER TABLE merge_conflicts ADD COLUMN reason TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE devices ADD COLUMN trusted_office INTEGER NOT NULL DEFAULT 0")


def m_dashboard_aggregates_v1(db: Database) -> None:
    """The dashboard's figures kept as aggregates by triggers on every write (issue 21.5: a
    million entries answer in milliseconds, not seconds): storage/dashboard_aggregates.py. The
    step makes the tables and triggers and marks everything to be built; the first dashboard
    read builds them."""
    from consultation_app.storage import dashboard_aggregates

    target_store = getattr(db, "db", None)  # on PostgreSQL: pg_connection's DDL target, holding the Store
    dashboard_aggregates.create_schema(db, str(getattr(target_store, "engine", "sqlite")))


def m_conflict_reason_keys_v1(db: Database) -> None:
    """Issue 18: why a conflict waits for review, as a message key and its arguments (JSON)
    beside the English ``reason`` (which the command line and older rows keep), so that the
    review window says it in the interface language. Rows stored before keep '' and show
    their English text."""
    db.execute("ALTER TABLE merge_conflicts ADD COLUMN reason_key TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE merge_conflicts ADD COLUMN reason_params TEXT NOT NULL DEFAULT '{}'")


def m_dashboard_sums_aggc_v1(db: Database) -> None:
    """The dashboard's aggregates kept up to date by differences per consultation written, with
    running totals over months (issue 21.5: every filter and the first read after a write within
    200 ms at a million entries): storage/dashboard_aggregates.py. Rebuilt at the next read."""
    from consultation_app.storage import dashboard_aggregates

    dashboard_aggregates.create_sums_schema(db)


def m_dashboard_days_v1(db: Database) -> None:
    """The dashboard's aggregates gain week buckets and running totals per year and within a
    year (issue 21.5: date ranges ending mid-month within 200 ms at a million entries, and a
    write changing fewer running totals): storage/dashboard_aggregates.py. No table changes;
    everything is marked, so the next read rebuilds the aggregates with the new buckets. The consultations'
    triggers no longer leave the group, province and month marks no refresh read."""
    from consultation_app.storage import dashboard_aggregates

    target_store = getattr(db, "db", None)  # on PostgreSQL: pg_connection's DDL target, holding the Store
    dashboard_aggregates.mark_for_rebuild(db, str(getattr(target_store, "engine", "sqlite")))


def m_dashboard_sums_cover_aggday_v1(db: Database) -> None:
    """On PostgreSQL the dashboard's bucket table keeps entries and consultations in its primary
    key (INCLUDE): a date range sums its buckets by an index-only scan instead of reading a heap
    page per row (issue 21.5). Nothing on SQLite, whose WITHOUT ROWID table is that index."""
    from consultation_app.storage import dashboard_aggregates

    target_store = getattr(db, "db", None)  # on PostgreSQL: pg_connection's DDL target, holding the Store
    if str(getattr(target_store, "engine", "sqlite")) == "postgresql":
        dashboard_aggregates.cover_sums_key(db)


def schema_steps(db: Store | sqlite3.Connection) -> list[str]:
    """The schema steps applied to a database (a Store, or a bare connection), in order, read
    where sqlite-utils' Migrations records them, without loading sqlite-utils: a database at
    the newest step, as at almost every start, needs nothing else of it."""
    known = db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [MIGRATIONS_TABLE])
    if known.fetchone() is None:
        return []
    return [name for (name,) in db.execute(
        f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ? ORDER BY rowid", [MIGRATION_SET])]


STEPS = (m001_initial, m002_revision_history, m003_export_log, m004_covering_count_indexes, m005_central_merge,
         m006_merge_receipts, m007_dashboard_indexes, m008_export_claims_by_device, m_catalog_sources_v1,
         m_implementation_v1, m_implementation_exchange_v1, m_consent_v1, m_attachments_v1,
         m_dashboard_aggregates_v1, m_conflict_reason_keys_v1, m_dashboard_sums_aggc_v1,
         m_dashboard_days_v1, m_dashboard_sums_cover_aggday_v1)
STEP_NAMES = tuple(step.__name__ for step in STEPS)


@functools.cache
def migrations() -> "Migrations":
    """sqlite-utils' Migrations holding every step, in order; made (and sqlite-utils loaded)
    when first needed."""
    from sqlite_utils import Migrations

    steps = Migrations(MIGRATION_SET)
    for step in STEPS:
        steps()(step)
    return steps
