"""Forged and broken "backups": restore puts back only a database this app wrote.

An adversary can hand the office a file named like a backup. A database with a trigger that
clears the sensitive flag on every new entry and copies withdrawn words to a shadow table
passes every integrity check; only its schema gives it away. The schema a backup must hold is
the one this app's migrations make for the steps the backup records (an older backup is an
older schema, migrated after the restore). Random bytes are called damaged, not "protected by
a passphrase"; a file too large to be a backup of this database is refused before it is read.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

from consultation_app.cli.main import main
from consultation_app.domain.records import CONSULTATION, FEEDBACK
from consultation_app.errors import InputError
from consultation_app.services import passphrase
from consultation_app.services.workspace import Workspace
from consultation_app.storage import backup, encryption, schema_check
from consultation_app.storage.connection import apply_steps, connect, open_database, schema_steps
from consultation_app.storage.errors import (
    DamagedDatabaseError,
    DatabaseCorruptError,
    DiskFullError,
    PassphraseRequiredError,
)
from consultation_app.storage.migrations import STEP_NAMES
from tests.conftest import dump

PASS = "mekong river at dawn"

# What a forger adds to a genuine backup: every feedback entry typed after the restore loses its
# sensitive mark, and its words are copied where a later export could carry them.
TRIGGER = """CREATE TRIGGER keep_words AFTER INSERT ON feedback BEGIN
    UPDATE feedback SET sensitive = 0 WHERE uuid = new.uuid;
    INSERT INTO shadow (words) VALUES (new.comment);
END"""
FORGERIES = {
    "trigger": ["CREATE TABLE shadow (words TEXT)", TRIGGER],
    "trigger_alone": ["CREATE TRIGGER quiet AFTER UPDATE ON notes BEGIN SELECT 1; END"],
    "view": ["CREATE VIEW everything AS SELECT comment FROM feedback"],
    "table": ["CREATE TABLE shadow (words TEXT)"],
    "index": ["CREATE INDEX feedback_by_comment ON feedback (comment)"],
    "virtual_table": ["CREATE VIRTUAL TABLE words_fts USING fts5(words)"],
    "altered_table": ["ALTER TABLE feedback ADD COLUMN copied TEXT"],
    "missing_index": ["DROP INDEX feedback_dashboard"],
    "replaced_table": ["DROP TABLE receipt_imports",
                       "CREATE TABLE receipt_imports (receipt_id TEXT PRIMARY KEY ON CONFLICT REPLACE, "
                       "imported_at TEXT NOT NULL, central_generated_at TEXT NOT NULL)"],
}


@pytest.fixture(autouse=True)
def no_keys_between_tests():
    encryption.forget()
    yield
    encryption.forget()


# -- helpers ---------------------------------------------------------------------------------

def add_sensitive_feedback(ws, comment="The land was taken at night"):
    consultation = ws.records.create(CONSULTATION, {"title": "Ratanakiri", "stakeholder_group": "civil_society",
                                                    "province": "ratanakiri", "start_date": "2024-03-05"})
    return ws.records.create(FEEDBACK, {"consultation_uuid": consultation["uuid"], "recommendation_code": "KH3-30",
                                        "comment": comment, "sensitive": True})


def forge(genuine: Path, target: Path, statements: list[str]) -> Path:
    shutil.copyfile(genuine, target)
    conn = sqlite3.connect(target)
    try:
        for sql in statements:
            conn.execute(sql)
        conn.commit()
    finally:
        conn.close()
    return target


def folder_state(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def cli(capsys, data_dir, *args):
    code = main(["--data-dir", str(data_dir), *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def genuine(workspace):
    """The data folder's database with one sensitive entry, and a genuine backup of it."""
    add_sensitive_feedback(workspace)
    info = backup.make_backup(workspace.database_path, backup.MANUAL)
    workspace.close()
    return workspace.database_path, info.path


# -- the schema of what is restored --------------------------------------------------------------

@pytest.mark.parametrize("forgery", sorted(FORGERIES))
def test_restore_refuses_a_backup_whose_schema_this_app_did_not_make(genuine, tmp_path, forgery):
    database, good = genuine
    forged = forge(good, tmp_path / "consultations-20240514-180000-manual.sqlite3", FORGERIES[forgery])
    assert backup.quick_check(forged), "the forgery is a sound database: only its schema gives it away"
    before = folder_state(database.parent)
    with pytest.raises(InputError, match="not a database this app wrote") as raised:
        backup.restore(forged, database)
    assert "nothing was changed" in str(raised.value) and "\n" not in str(raised.value)
    assert folder_state(database.parent) == before, "nothing was staged, moved or replaced"


def test_the_message_names_what_was_added(genuine, tmp_path, capsys):
    database, good = genuine
    forged = forge(good, tmp_path / "forged.sqlite3", FORGERIES["trigger"])
    code, out, err = cli(capsys, database.parent, "restore", str(forged))
    assert code == 1 and out == "" and len(err.splitlines()) == 1
    assert "trigger 'keep_words' on feedback" in err and "table 'shadow'" in err and str(forged) in err


def test_a_backup_changed_after_its_check_is_refused_from_its_copy(genuine, tmp_path, monkeypatch):
    """A second program rewrites the backup (on a shared folder or stick) between the checks and
    the copy: the staged copy is checked again before it takes the database's place."""
    from consultation_app.storage import restore_checks

    database, good = genuine
    candidate = shutil.copyfile(good, tmp_path / "candidate.sqlite3")
    forged = forge(good, tmp_path / "forged.sqlite3", FORGERIES["trigger"])
    check_room = restore_checks.check_room

    def swap_then_check_room(backup_path, folder):
        os.replace(forged, candidate)  # after every check of the candidate, before its copy
        check_room(backup_path, folder)

    monkeypatch.setattr(restore_checks, "check_room", swap_then_check_room)
    before = folder_state(database.parent)
    with pytest.raises(InputError, match="trigger 'keep_words' on feedback"):
        backup.restore(candidate, database)
    assert folder_state(database.parent) == before, "the staged copy is gone, the database untouched"


def test_the_forged_trigger_would_have_cleared_the_sensitive_mark(genuine, tmp_path):
    """Why the check exists: the same file, put in place by a plain copy, does what it was made for."""
    database, good = genuine
    forged = forge(good, tmp_path / "forged.sqlite3", FORGERIES["trigger"])
    shutil.copyfile(forged, database)
    db = connect(database)  # past every check the app makes
    try:
        db.execute("INSERT INTO feedback (uuid, device_id, created_at, updated_at, content_hash, consultation_uuid, "
                   "recommendation_code, comment, sensitive) VALUES ('u', 'd', 't', 't', 'h', 'c', 'KH3-30', "
                   "'A defender named the officer', 1)")
        assert db.execute("SELECT sensitive FROM feedback WHERE uuid = 'u'").fetchone() == (0,)
        assert db.execute("SELECT words FROM shadow").fetchall() == [("A defender named the officer",)]
    finally:
        db.conn.close()


def test_a_genuine_older_backup_restores_and_is_migrated_after(data_dir, tmp_path):
    """An older backup is legitimately an older schema: compared with what the steps it records make."""
    older = tmp_path / "older.sqlite3"
    db = connect(older)
    apply_steps(db, stop_before="m005_central_merge")
    db.conn.close()
    with Workspace() as ws:
        add_sensitive_feedback(ws)
    result = backup.restore(older, data_dir / "consultations.sqlite3")
    assert result.moved_aside is not None
    db = open_database(result.database)
    try:
        assert "m005_central_merge" in schema_steps(db)
        assert schema_check.differences(db.conn) == []
    finally:
        db.conn.close()


def test_an_older_backup_with_a_trigger_is_refused_too(data_dir, tmp_path):
    older = tmp_path / "older.sqlite3"
    db = connect(older)
    apply_steps(db, stop_before="m005_central_merge")
    db.execute("CREATE TRIGGER quiet AFTER INSERT ON notes BEGIN SELECT 1; END")
    db.conn.close()
    with pytest.raises(InputError, match="trigger 'quiet' on notes"):
        backup.restore(older, data_dir / "consultations.sqlite3")


def test_every_schema_the_steps_make_passes_its_own_check(tmp_path):
    for stop in (*STEP_NAMES[1:], None):
        path = tmp_path / f"{stop}.sqlite3"
        db = connect(path)
        apply_steps(db, stop_before=stop)
        try:
            assert schema_check.differences(db.conn) == [], stop
        finally:
            db.conn.close()


def test_the_opening_check_allows_exactly_the_triggers_and_views_the_steps_make():
    made = {name for kind, name, _, _ in schema_check.expected_entries(STEP_NAMES) if kind in ("trigger", "view")}
    assert made == set(schema_check.TRIGGERS_AND_VIEWS)


def test_an_older_database_changed_outside_the_app_is_not_migrated(data_dir):
    """Before a migration the whole schema is compared (sqlite-utils is loaded for it anyway)."""
    database = data_dir / "consultations.sqlite3"
    data_dir.mkdir()
    db = connect(database)
    apply_steps(db, stop_before="m005_central_merge")
    db.execute("CREATE TABLE shadow (words TEXT)")
    db.conn.close()
    with pytest.raises(DatabaseCorruptError, match="changed outside the app: it holds a table 'shadow'"):
        open_database(database)
    db = connect(database)
    try:
        assert "m005_central_merge" not in schema_steps(db), "nothing was migrated"
    finally:
        db.conn.close()
    assert backup.list_backups(data_dir / "backups") == [], "and no pre-migration backup was taken of it"


def test_the_start_up_offer_skips_a_forged_backup(data_dir, tmp_path):
    """A damaged database: the newest backup in the folder is forged, so the older genuine one is offered."""
    ws = Workspace()
    add_sensitive_feedback(ws)
    for i in range(300):
        add_sensitive_feedback(ws, f"Entry {i}: the commune council never answered the letter. " * 3)
    good = backup.make_backup(ws.database_path, backup.MANUAL, clock=lambda: datetime(2024, 5, 14, 18, 0))
    ws.close()
    forge(good.path, good.path.parent / backup.backup_name(datetime(2024, 5, 15, 8, 0), backup.MANUAL),
          FORGERIES["trigger"])
    with open(ws.database_path, "r+b") as handle:
        handle.seek(ws.database_path.stat().st_size // 2 // 4096 * 4096)
        handle.write(b"\xa5" * 65536)
    with pytest.raises(DamagedDatabaseError) as raised:
        Workspace()
    assert raised.value.backup is not None and raised.value.backup.path == good.path


def test_opening_a_database_with_a_trigger_refuses_it_and_offers_the_backup(genuine):
    """A forged file copied into the data folder by hand: the app does not write through it."""
    database, good = genuine
    forge(good, database.parent / "forged", FORGERIES["trigger"])
    os.replace(database.parent / "forged", database)
    for side in ("-wal", "-shm"):
        Path(f"{database}{side}").unlink(missing_ok=True)
    before = dump(database, exclude=())
    with pytest.raises(DamagedDatabaseError) as raised:
        Workspace()
    assert "changed outside the app" in str(raised.value) and "trigger 'keep_words' on feedback" in str(raised.value)
    assert raised.value.backup is not None and raised.value.backup.path == good
    assert dump(database, exclude=()) == before, "no row written, none changed"


# -- random bytes, size ----------------------------------------------------------------------------

@pytest.mark.parametrize("size", [8192, 10_000, 4096 * 7])
def test_random_bytes_are_damaged_not_protected_by_a_passphrase(genuine, tmp_path, capsys, size):
    database, _ = genuine
    noise = tmp_path / "consultations-20240514-180000-manual.sqlite3"
    noise.write_bytes(os.urandom(size))
    before = folder_state(database.parent)
    with pytest.raises(DatabaseCorruptError, match="damaged"):
        backup.restore(noise, database)
    code, out, err = cli(capsys, database.parent, "restore", str(noise))
    assert code == 1 and len(err.splitlines()) == 1
    assert "this backup is damaged" in err and "the database is protected by a passphrase" not in err
    assert folder_state(database.parent) == before


def test_random_bytes_beside_an_encrypted_database(data_dir, tmp_path, capsys, monkeypatch):
    with Workspace() as ws:
        add_sensitive_feedback(ws)
    database = ws.database_path
    passphrase.set_passphrase(database, PASS)
    encryption.forget()
    salt = encryption.read_salt(database)
    other_family = tmp_path / "other.sqlite3"
    other_family.write_bytes(os.urandom(8192))
    same_family = tmp_path / "same.sqlite3"
    same_family.write_bytes(salt + os.urandom(8192 - len(salt)))
    before = folder_state(data_dir)

    # no passphrase known: another family's noise is damaged; the database's own family needs it
    with pytest.raises(DatabaseCorruptError, match="this backup is damaged"):
        backup.restore(other_family, database)
    with pytest.raises(PassphraseRequiredError):
        backup.restore(same_family, database)
    # the database's passphrase known: noise with its salt does not open with its key, so it is damaged
    monkeypatch.setenv("PP", PASS)
    code, out, err = cli(capsys, data_dir, "--passphrase-env", "PP", "restore", str(same_family))
    assert code == 1 and "this backup is damaged" in err and "wrong passphrase" not in err, err
    code, out, err = cli(capsys, data_dir, "--passphrase-env", "PP", "restore", str(other_family))
    assert code == 1 and len(err.splitlines()) == 1
    assert "does not open this backup" in err and "damaged" in err, err
    assert folder_state(data_dir) == before


def test_a_file_larger_than_any_backup_of_the_database_is_refused_unread(genuine, tmp_path):
    database, _ = genuine
    huge = tmp_path / "huge.sqlite3"
    with open(huge, "wb") as handle:  # sparse: no disk used
        handle.truncate(backup.restore_size_limit(database) + 1)
    before = folder_state(database.parent)
    # read, its zeros would be "damaged": the size message shows it was refused before that
    with pytest.raises(InputError, match="larger than any backup of this database") as raised:
        backup.restore(huge, database)
    assert "nothing was changed" in str(raised.value)
    assert folder_state(database.parent) == before


def test_the_size_limit_is_twenty_times_the_database_plus_two_gigabytes(genuine, tmp_path):
    database, _ = genuine
    assert backup.restore_size_limit(database) == 20 * database.stat().st_size + 2 * 1024 ** 3
    assert backup.restore_size_limit(tmp_path / "none.sqlite3") == 2 * 1024 ** 3


def test_a_restore_that_would_fill_the_disk_is_refused_before_it_starts(genuine, tmp_path):
    """A real small file system: a tmpfs with room for the database and half the backup (root only)."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small file system needs root")
    import subprocess

    database, good = genuine
    small = tmp_path / "small"
    small.mkdir()
    room = database.stat().st_size + good.stat().st_size // 2  # the database fits, the backup's copy not
    if subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={room}", "tmpfs", str(small)],
                      capture_output=True).returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    try:
        shutil.copyfile(database, small / database.name)
        before = folder_state(small)
        with pytest.raises(DiskFullError, match="the disk is full") as raised:
            backup.restore(good, small / database.name)
        assert "nothing was changed" in str(raised.value)
        assert folder_state(small) == before
    finally:
        subprocess.run(["umount", str(small)], check=True)
