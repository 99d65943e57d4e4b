"""Schema: from an empty database and from every earlier schema to the newest."""

import sqlite3

import pytest
from sqlite_utils import Database

from consultation_app.storage.connection import connect, open_database, schema_steps
from consultation_app.storage.errors import DatabaseTooNewError
from consultation_app.storage.migrations import MIGRATIONS

STEP_NAMES = [m.name for m in MIGRATIONS._migrations]


def test_empty_database_gets_every_step(tmp_path):
    db = open_database(tmp_path / "new.sqlite3")
    assert schema_steps(db) == STEP_NAMES
    tables = set(db.table_names())
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
    MIGRATIONS.apply(old, stop_before=stop_before)
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
        broken.apply(db)
    assert "half" not in db.table_names()
