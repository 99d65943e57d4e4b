"""Schema: from an empty database and from every earlier schema to the newest."""

import sqlite3

import pytest
from sqlite_utils import Database

from consultation_app.storage.connection import apply_steps, connect, open_database, schema_steps
from consultation_app.storage.errors import DatabaseTooNewError
from consultation_app.storage.migrations import MIGRATION_SET, MIGRATIONS_TABLE, migrations

STEP_NAMES = [m.name for m in migrations()._migrations]


def table_names(db) -> set[str]:
    return {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def test_empty_database_gets_every_step(tmp_path):
    db = open_database(tmp_path / "new.sqlite3")
    assert schema_steps(db) == STEP_NAMES
    tables = table_names(db)
    assert {"settings", "catalogs", "recommendations", "consultations", "feedback", "notes",
            "record_revisions"} <= tables


def test_connection_pragmas(tmp_path):
    db = open_database(tmp_path / "p.sqlite3")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000


@pytest.mark.parametrize("stop_before", STEP_NAMES[1:])
def test_every_earlier_schema_migrates_keeping_its_data(tmp_path, stop_before):
    path = tmp_path / "old.sqlite3"
    old = connect(path)
    apply_steps(old, stop_before=stop_before)
    applied_before = schema_steps(old)
    assert stop_before not in applied_before
    old.execute(
        "INSERT INTO consultations (uuid, device_id, revision, created_at, updated_at, content_hash, title) "
        "VALUES ('c-1', 'dev-1', 3, '2024-01-01T00:00:00Z', '2024-01-02T00:00:00Z', 'h', 'Old one')"
    )
    old.conn.close()

    db = open_database(path)
    assert schema_steps(db) == STEP_NAMES
    row = db.execute("SELECT title, revision FROM consultations WHERE uuid = 'c-1'").fetchone()
    assert row == ("Old one", 3)
    if stop_before == "m002_revision_history":
        # records made before the history existed get their current revision on file
        assert db.execute("SELECT revision, action FROM record_revisions WHERE record_uuid = 'c-1'").fetchall() \
            == [(3, "migrated")]


def test_reopening_applies_nothing_twice(tmp_path):
    path = tmp_path / "twice.sqlite3"
    open_database(path).conn.close()
    db = open_database(path)
    assert db.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0] == len(STEP_NAMES)


def test_database_from_a_newer_app_is_refused_untouched(tmp_path):
    path = tmp_path / "newer.sqlite3"
    db = open_database(path)
    db.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
               "VALUES ('consultation_app', 'm999_from_the_future', '2030-01-01')")
    db.conn.close()
    before = path.read_bytes()
    with pytest.raises(DatabaseTooNewError, match="newer version of the app"):
        open_database(path)
    assert sqlite3.connect(path).execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0] == \
        len(STEP_NAMES) + 1
    assert path.read_bytes() == before


def test_a_failing_step_leaves_no_half_schema(tmp_path):
    from sqlite_utils import Migrations

    broken = Migrations("broken-test")

    @broken()
    def step(db: Database):
        db.execute("CREATE TABLE half (x)")
        raise RuntimeError("boom")

    db = connect(tmp_path / "b.sqlite3")
    with pytest.raises(RuntimeError):
        broken.apply(Database(db.conn))
    assert "half" not in table_names(db)


def test_the_steps_are_read_as_sqlite_utils_migrations_reads_them(tmp_path):
    """The store reads the applied steps itself (so a start loads no sqlite-utils): the same
    table, set and order as sqlite-utils' Migrations, at every stage of a database's life."""
    from sqlite_utils import Migrations

    assert (MIGRATIONS_TABLE, MIGRATION_SET) == (Migrations.migrations_table, migrations().name)
    db = connect(tmp_path / "stages.sqlite3")
    assert schema_steps(db) == [m.name for m in migrations().applied(Database(db.conn))] == []
    for stop_before in STEP_NAMES[1:]:
        apply_steps(db, stop_before=stop_before)
        assert schema_steps(db) == [m.name for m in migrations().applied(Database(db.conn))] \
            == STEP_NAMES[:STEP_NAMES.index(stop_before)]
    apply_steps(db)
    assert schema_steps(db) == [m.name for m in migrations().applied(Database(db.conn))] == STEP_NAMES


def test_opening_a_current_database_loads_no_sqlite_utils(tmp_path):
    """What every start does: sqlite-utils (40 ms with what it imports) is not loaded when no
    schema step is pending; it is when one is."""
    import subprocess
    import sys

    open_database(tmp_path / "current.sqlite3").conn.close()
    probe = ("import sys; from consultation_app.storage.connection import open_database; "
             "open_database(sys.argv[1]).conn.close(); print('sqlite_utils' in sys.modules)")
    current = subprocess.run([sys.executable, "-c", probe, str(tmp_path / "current.sqlite3")],
                             capture_output=True, text=True, check=True)
    fresh = subprocess.run([sys.executable, "-c", probe, str(tmp_path / "fresh.sqlite3")],
                           capture_output=True, text=True, check=True)
    assert (current.stdout.strip(), fresh.stdout.strip()) == ("False", "True")


def test_export_accounts_keep_their_rows_when_keyed_by_device(tmp_path):
    """m008: merged exports keyed by (device, export id), the export log by (device, number)."""
    path = tmp_path / "old.sqlite3"
    old = connect(path)
    apply_steps(old, stop_before="m008_export_claims_by_device")
    old.execute("INSERT INTO settings (key, value) VALUES ('device_id', 'laptop-1')")
    old.execute("INSERT INTO merged_exports (export_id, kind, device_id, export_seq, scope, content_sha256, "
                "file_name, merged_at, modified) VALUES ('e-1', 'export', 'dev-9', 4, 'full', 'abc', 'kep.xlsx', "
                "'2024-01-01T00:00:00Z', 1)")
    old.execute("INSERT INTO exports (export_id, export_seq, created_at, file_name, scope, since_seq, until_seq, "
                "counts, left_out, content_sha256, include_sensitive, password_protected) VALUES ('x-1', 1, "
                "'2024-01-01T00:00:00Z', 'mine.xlsx', 'full', 0, 7, '{}', '{}', 'def', 0, 0)")
    old.conn.close()

    db = open_database(path)
    assert db.execute("SELECT export_id, device_id, export_seq, content_sha256, modified, signed_sha256 "
                      "FROM merged_exports").fetchall() == [("e-1", "dev-9", 4, "abc", 1, "")]
    assert db.execute("SELECT export_id, device_id, export_seq FROM exports").fetchall() == [("x-1", "laptop-1", 1)]
    # Another device may now claim the same export id; one device cannot claim it twice.
    db.execute("INSERT INTO merged_exports (export_id, kind, device_id, content_sha256, file_name, merged_at) "
               "VALUES ('e-1', 'export', 'dev-2', 'x', 'forged.xlsx', '2024-01-02T00:00:00Z')")
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO merged_exports (export_id, kind, device_id, content_sha256, file_name, merged_at) "
                   "VALUES ('e-1', 'export', 'dev-9', 'y', 'again.xlsx', '2024-01-03T00:00:00Z')")
    assert db.execute("SELECT reason FROM merge_conflicts").fetchall() == []
    assert db.execute("SELECT trusted_office FROM devices").fetchall() == []
