"""Backups: made with SQLite's backup API (never a file copy), verified, rotated, taken before
every migration, and put back when the database is found damaged at start-up."""

import argparse
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from consultation_app import paths
from consultation_app.domain.records import CONSULTATION, FEEDBACK
from consultation_app.errors import AppError, InputError, NotFoundError
from consultation_app.services.workspace import StartupCheck, Workspace
from consultation_app.storage import backup, migrations, settings_store
from consultation_app.storage.connection import apply_steps, connect, open_database, schema_steps
from consultation_app.storage.errors import DamagedDatabaseError, DatabaseCorruptError, StorageError

STEP_NAMES = list(migrations.STEP_NAMES)

ROOT = Path(__file__).resolve().parents[1]


# -- helpers -------------------------------------------------------------------------

def add_consultation(ws, title="Ratanakiri indigenous consultation", **values):
    base = {"title": title, "stakeholder_group": "indigenous_communities", "province": "ratanakiri",
            "start_date": "2024-03-05", "participants_women": 12, "participants_men": 9}
    base.update(values)
    return ws.records.create(CONSULTATION, base)


def add_feedback(ws, consultation, comment):
    return ws.records.create(FEEDBACK, {"consultation_uuid": consultation["uuid"],
                                        "recommendation_code": "KH3-30", "comment": comment})


def rows(path, sql, params=()):
    conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute(sql, list(params)).fetchall()
    finally:
        conn.close()


def titles(path):
    return {title for (title,) in rows(path, "SELECT title FROM consultations")}


def at(*args):
    when = datetime(*args)
    return lambda: when


def corrupt(path: Path) -> None:
    """Overwrite 64 KB in the middle of the file, as a failing disk or a pulled USB cable might,
    past the schema's own pages (the officer's language is read from the settings through the
    schema: where the schema itself is lost, the messages speak the system's language)."""
    size = path.stat().st_size
    assert size > 256 * 1024, "the database is too small for the damage to land in its tables"
    with closing(sqlite3.connect(path)) as conn:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        schema = {page for (page,) in conn.execute("SELECT pageno FROM dbstat WHERE name = 'sqlite_schema'")}
    start = (size // 2) // page_size * page_size
    while any(start <= (page - 1) * page_size < start + 65536 for page in schema):
        start += page_size
    assert start + 65536 <= size
    with open(path, "r+b") as handle:
        handle.seek(start)
        handle.write(b"\xa5" * 65536)


# -- the backup itself ----------------------------------------------------------------

def test_backup_holds_every_committed_row_and_none_uncommitted(workspace):
    committed = [add_consultation(workspace, f"Committed {i}") for i in range(3)]
    add_feedback(workspace, committed[0], "Land titles are not given to the village")
    writer = sqlite3.connect(workspace.database_path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # a second connection holds an open write transaction
    writer.execute("UPDATE consultations SET title = 'Uncommitted rename' WHERE uuid = ?", [committed[1]["uuid"]])
    writer.execute("INSERT INTO consultations (uuid, device_id, created_at, updated_at, content_hash, title) "
                   "VALUES ('uncommitted-1', 'dev', '2024-01-01', '2024-01-01', 'h', 'Uncommitted new')")
    try:
        info = backup.make_backup(workspace.database_path, backup.MANUAL)
        from_object = backup.make_backup(workspace.db, "manual-object", folder=info.path.parent)
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    for copy in (info.path, from_object.path):
        assert titles(copy) == {"Committed 0", "Committed 1", "Committed 2"}
        assert rows(copy, "SELECT comment FROM feedback") == [("Land titles are not given to the village",)]
    # The whole database, schema and every table, equals the committed state.
    live = list(sqlite3.connect(workspace.database_path).iterdump())
    assert list(sqlite3.connect(info.path).iterdump()) == live


def test_backup_after_the_other_writer_commits_has_its_rows(workspace):
    add_consultation(workspace, "Before")
    other = Workspace(workspace.database_path)
    add_consultation(other, "From the other connection")
    other.close()
    info = backup.make_backup(workspace.database_path, backup.MANUAL)
    assert titles(info.path) == {"Before", "From the other connection"}


def test_a_file_copy_of_a_wal_database_misses_committed_rows_the_backup_api_does_not(workspace, tmp_path):
    workspace.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the schema is in the main file
    for i in range(5):
        add_consultation(workspace, f"Committed {i}")  # committed, still in the -wal file
    assert Path(f"{workspace.database_path}-wal").stat().st_size > 0
    copied = tmp_path / "copied.sqlite3"
    shutil.copyfile(workspace.database_path, copied)  # what a naive backup does
    assert rows(copied, "SELECT count(*) FROM consultations") == [(0,)], "the copy misses the committed rows"
    info = backup.make_backup(workspace.database_path, backup.MANUAL)
    assert rows(info.path, "SELECT count(*) FROM consultations") == [(5,)]


def test_a_backup_is_a_verified_single_file_with_a_telling_name(workspace):
    add_consultation(workspace)
    info = backup.make_backup(workspace.database_path, backup.MANUAL, clock=at(2024, 5, 15, 9, 30, 5))
    assert info.verified is True
    assert info.path.name == "consultations-20240515-093005-manual.sqlite3"
    assert info.path.parent == paths.backups_dir()
    assert (info.created_at, info.reason, info.size) == (datetime(2024, 5, 15, 9, 30, 5), "manual",
                                                         info.path.stat().st_size)
    assert rows(info.path, "PRAGMA integrity_check") == [("ok",)]
    assert rows(info.path, "PRAGMA journal_mode") == [("delete",)], "no -wal file belongs to a backup"
    assert sorted(p.name for p in info.path.parent.iterdir()) == [info.path.name], "no temporary file left"
    assert backup.quick_check(info.path)
    listed = backup.list_backups()
    assert [b.path for b in listed] == [info.path] and listed[0].verified is None  # checked lazily
    assert listed[0].checked().verified is True


def test_a_damaged_database_gives_no_backup(workspace):
    add_consultation(workspace)
    workspace.close()
    corrupt(workspace.database_path)
    with pytest.raises(DatabaseCorruptError):
        backup.make_backup(workspace.database_path, backup.MANUAL)
    assert list(paths.backups_dir().iterdir()) == [], "neither a backup nor a temporary file"


def test_quick_check_tells_good_damaged_and_non_databases(workspace, tmp_path):
    add_consultation(workspace)
    assert backup.quick_check(workspace.database_path)
    text = tmp_path / "notes.sqlite3"
    text.write_text("minutes of the meeting, not a database " * 200)
    assert not backup.quick_check(text)
    assert not backup.quick_check(tmp_path / "missing.sqlite3")
    assert not (tmp_path / "missing.sqlite3").exists(), "checking creates nothing"
    workspace.close()
    corrupt(workspace.database_path)
    assert not backup.quick_check(workspace.database_path)


# -- rotation and the daily backup ---------------------------------------------------

def test_rotation_keeps_dailies_weeklies_and_recent_pre_migration(workspace):
    now = datetime(2024, 5, 15, 12, 0)  # a Wednesday, ISO week 20
    made = [
        (2024, 5, 15, 8), (2024, 5, 15, 11),    # today: the newest stays
        (2024, 5, 14, 9),
        (2024, 5, 13, 9), (2024, 5, 13, 20),    # Monday of week 20: the newest stays
        (2024, 5, 12, 9), (2024, 5, 11, 9), (2024, 5, 10, 9), (2024, 5, 9, 9),  # the 7th day back is 9 May
        (2024, 5, 8, 9),                         # older than 7 days, week 19 already has 12 May
        (2024, 5, 1, 9), (2024, 5, 3, 9),        # week 18: 3 May stays
        (2024, 4, 24, 9),                        # week 17: stays (4 weeks: 20, 19, 18, 17)
        (2024, 4, 17, 9),                        # week 16: goes
    ]
    for when in made:
        backup.make_backup(workspace.db, backup.DAILY, clock=at(*when))
    backup.make_backup(workspace.db, backup.PRE_MIGRATION, clock=at(2024, 4, 20, 10))  # 25 days: stays
    backup.make_backup(workspace.db, backup.PRE_MIGRATION, clock=at(2024, 4, 10, 10))  # 35 days: goes
    folder = paths.backups_dir()
    (folder / "notes.txt").write_text("not a backup")
    (folder / "consultations-garbage.sqlite3").write_text("not named like a backup")
    deleted = backup.rotate(now=now)
    kept = sorted(p.name for p in folder.iterdir())
    assert kept == sorted([
        "consultations-20240515-110000-daily.sqlite3",
        "consultations-20240514-090000-daily.sqlite3",
        "consultations-20240513-200000-daily.sqlite3",
        "consultations-20240512-090000-daily.sqlite3",
        "consultations-20240511-090000-daily.sqlite3",
        "consultations-20240510-090000-daily.sqlite3",
        "consultations-20240509-090000-daily.sqlite3",
        "consultations-20240503-090000-daily.sqlite3",
        "consultations-20240424-090000-daily.sqlite3",
        "consultations-20240420-100000-pre-migration.sqlite3",
        "consultations-garbage.sqlite3", "notes.txt",
    ])
    assert sorted(p.name for p in deleted) == sorted([
        "consultations-20240515-080000-daily.sqlite3",
        "consultations-20240513-090000-daily.sqlite3",
        "consultations-20240508-090000-daily.sqlite3",
        "consultations-20240501-090000-daily.sqlite3",
        "consultations-20240417-090000-daily.sqlite3",
        "consultations-20240410-100000-pre-migration.sqlite3",
    ])
    assert backup.rotate(now=now) == [], "rotating twice deletes nothing more"


def test_rotation_with_a_wrong_clock_keeps_the_newest_and_anything_from_the_future(workspace):
    for day in (1, 2, 3):
        backup.make_backup(workspace.db, backup.DAILY, clock=at(2024, 3, day, 9))
    # A month later only the newest is left, never none.
    assert len(backup.rotate(now=datetime(2024, 6, 1))) == 2
    assert [b.created_at.day for b in backup.list_backups()] == [3]
    # The clock was put back to 2000: the backup "from the future" is not deleted.
    assert backup.rotate(now=datetime(2000, 1, 1)) == []
    assert len(backup.list_backups()) == 1


def test_temporaries_a_backup_left_go_when_stale_or_when_no_backup_can_be_running(workspace):
    backup.make_backup(workspace.db, backup.DAILY)
    folder = paths.backups_dir()
    stale, recent = folder / ".consultations-stale.123.tmp", folder / ".consultations-recent.456.tmp"
    for path in (stale, Path(f"{stale}-journal"), recent, Path(f"{recent}-journal")):
        path.write_bytes(b"half a copy")
    old = backup.STALE_TEMPORARY_SECONDS + 60
    for path in (stale, Path(f"{stale}-journal")):
        os.utime(path, (path.stat().st_atime - old, path.stat().st_mtime - old))
    backup.rotate()
    left = sorted(p.name for p in folder.iterdir() if p.name.startswith("."))
    assert left == [recent.name, f"{recent.name}-journal"], "a recent one may be a backup being written"
    backup.remove_temporaries(folder)  # setting a passphrase: no backup is running
    assert [p.name for p in folder.iterdir() if p.name.startswith(".")] == []
    assert len(backup.list_backups()) == 1


def test_a_backup_is_due_once_a_day(workspace):
    now = datetime(2024, 5, 15, 9, 0)
    assert backup.due(workspace.db, now)
    info = workspace.backup_if_due(now)
    assert info is not None and info.reason == backup.DAILY and info.verified
    assert info.path.name == "consultations-20240515-090000-daily.sqlite3"
    assert not backup.due(workspace.db, now + timedelta(hours=23))
    assert workspace.backup_if_due(now + timedelta(hours=23)) is None
    assert backup.due(workspace.db, now + timedelta(hours=24, minutes=1))
    assert backup.due(workspace.db, now - timedelta(hours=1)), "a clock put back cannot prove a recent backup"
    later = workspace.backup_if_due(now + timedelta(days=1, hours=1))
    assert [b.path for b in backup.list_backups()] == [later.path, info.path]


def test_a_daily_backup_rotates_the_folder(workspace):
    for day in range(1, 29):
        backup.make_backup(workspace.db, backup.DAILY, clock=at(2024, 2, day, 9))
    workspace.backup_if_due(datetime(2024, 3, 1, 9))
    days = [b.created_at.date().isoformat() for b in backup.list_backups()]
    # The last 7 days are 24 Feb–1 Mar (2024 is a leap year: 29 Feb has none); ISO weeks 9 and
    # 8 are among them; weeks 7 and 6 keep their newest (18 and 11 Feb).
    assert days == ["2024-03-01", "2024-02-28", "2024-02-27", "2024-02-26", "2024-02-25", "2024-02-24",
                    "2024-02-18", "2024-02-11"]


# -- before every migration -----------------------------------------------------------

def older_database(path: Path, stop_before: str) -> None:
    old = connect(path)
    apply_steps(old, stop_before=stop_before)
    old.execute(
        "INSERT INTO consultations (uuid, device_id, revision, created_at, updated_at, content_hash, title) "
        "VALUES ('c-1', 'dev-1', 3, '2024-01-01T00:00:00Z', '2024-01-02T00:00:00Z', 'h', 'Old one')")
    old.conn.close()


@pytest.mark.parametrize("stop_before", [STEP_NAMES[1], STEP_NAMES[-1]])
def test_migrating_an_older_database_takes_a_pre_migration_backup_first(tmp_path, stop_before):
    path = tmp_path / "old.sqlite3"
    older_database(path, stop_before)
    old_steps = STEP_NAMES[:STEP_NAMES.index(stop_before)]
    db = open_database(path)
    assert schema_steps(db) == STEP_NAMES
    db.conn.close()
    found = backup.list_backups(tmp_path / "backups")
    assert [b.reason for b in found] == [backup.PRE_MIGRATION]
    copy = found[0].path
    assert rows(copy, "PRAGMA integrity_check") == [("ok",)]
    assert rows(copy, "SELECT title, revision FROM consultations") == [("Old one", 3)]
    assert [name for (name,) in rows(copy, "SELECT name FROM _sqlite_migrations ORDER BY id")] == old_steps
    # Opened again: nothing pending, no second backup.
    open_database(path).conn.close()
    assert len(backup.list_backups(tmp_path / "backups")) == 1


def test_a_new_database_takes_no_backup(data_dir):
    with Workspace():
        pass
    with Workspace():
        pass
    assert backup.list_backups() == []


def test_no_migration_without_its_backup(tmp_path):
    path = tmp_path / "old.sqlite3"
    older_database(path, STEP_NAMES[-1])
    (tmp_path / "backups").write_text("a file where the backups folder should be")
    with pytest.raises(StorageError, match="backups folder"):
        open_database(path)
    assert schema_steps(connect(path)) == STEP_NAMES[:-1], "not migrated"


# -- a damaged database at start-up ----------------------------------------------------

def damaged_folder_with_backups(data_dir, language: str | None = None):
    """A data folder whose database is damaged; an older good backup and a newer damaged one."""
    ws = Workspace()
    if language:
        settings_store.put(ws.db, settings_store.INTERFACE_LANGUAGE, language)
    first = add_consultation(ws, "Backed up")
    for i in range(300):
        add_feedback(ws, first, f"Entry {i}: the commune council never answered the letter. " * 3)
    good = ws.backup_if_due(datetime(2024, 5, 14, 18, 0))
    add_consultation(ws, "After the backup")
    bad = backup.make_backup(ws.db, backup.MANUAL, clock=at(2024, 5, 15, 8, 0))
    ws.close()
    corrupt(bad.path)
    corrupt(ws.database_path)
    return ws.database_path, good, bad


def test_a_damaged_database_is_refused_naming_the_newest_good_backup(data_dir):
    database, good, bad = damaged_folder_with_backups(data_dir)
    assert not backup.quick_check(database)
    damaged_bytes = database.read_bytes()
    with pytest.raises(DamagedDatabaseError) as raised:
        Workspace()
    error = raised.value
    assert Path(error.path) == database
    assert error.backup.path == good.path, "the newer backup is damaged too: the good one is offered"
    assert "damaged" in str(error) and "2024-05-14 18:00" in str(error) and "\n" not in str(error)
    assert database.read_bytes() == damaged_bytes, "checking changed nothing"

    result = backup.restore(error.backup.path, database, clock=at(2024, 5, 16, 7, 45))
    aside = database.parent / "damaged-20240516-074500.sqlite3"
    assert result.moved_aside == aside
    assert aside.read_bytes() == damaged_bytes, "the damaged file is kept, byte for byte"
    with Workspace() as ws:
        assert ws.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert {r["title"] for r in ws.records.query(CONSULTATION)} == {"Backed up"}
        assert len(ws.records.query(FEEDBACK)) == 300
    assert good.path.exists(), "the backup itself stays"


def test_restore_moves_the_wal_aside_with_the_database(workspace):
    add_consultation(workspace, "In the backup")
    info = backup.make_backup(workspace.database_path, backup.MANUAL)
    workspace.close()
    # A later change that a killed app left in the -wal file only (no checkpoint at exit).
    script = ("import os, sys; from consultation_app.storage.connection import connect; "
              "db = connect(sys.argv[1]); "
              "db.execute(\"UPDATE consultations SET title = 'Only in the -wal'\"); os._exit(0)")
    subprocess.run([sys.executable, "-c", script, str(workspace.database_path)], cwd=ROOT, check=True)
    wal = Path(f"{workspace.database_path}-wal")
    wal_bytes = wal.read_bytes()
    assert wal_bytes
    result = backup.restore(info.path, workspace.database_path)
    assert Path(f"{result.moved_aside}-wal").read_bytes() == wal_bytes
    assert not wal.exists()
    assert titles(result.moved_aside) == {"Only in the -wal"}, "the database kept aside has its -wal"
    assert titles(workspace.database_path) == {"In the backup"}


def test_restore_refuses_a_damaged_backup_and_changes_nothing(workspace):
    add_consultation(workspace)
    info = backup.make_backup(workspace.database_path, backup.MANUAL)
    workspace.close()
    corrupt(info.path)
    before = workspace.database_path.read_bytes()
    with pytest.raises(DatabaseCorruptError, match="this backup is damaged"):
        backup.restore(info.path, workspace.database_path)
    assert workspace.database_path.read_bytes() == before
    assert not list(workspace.database_path.parent.glob("damaged-*"))


def test_restore_refuses_a_file_that_is_not_a_backup_of_this_app(workspace, tmp_path):
    other = tmp_path / "other.sqlite3"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    with pytest.raises(InputError, match="not a backup"):
        backup.restore(other, workspace.database_path)
    with pytest.raises(NotFoundError):
        backup.restore(tmp_path / "missing.sqlite3", workspace.database_path)


# -- the desktop app ---------------------------------------------------------------------

def start_app(data_dir: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("CONSULTATION_APP_DATA_DIR", None)
    return subprocess.run([sys.executable, "-m", "consultation_app", "--data-dir", str(data_dir), *args],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)


def test_the_app_offers_the_backup_and_offscreen_nobody_accepts(data_dir):
    database, good, _ = damaged_folder_with_backups(data_dir)
    damaged_bytes = database.read_bytes()
    result = start_app(data_dir, "--smoke-test")
    assert result.returncode == 1
    assert "is damaged" in result.stderr and "moved aside and kept" in result.stderr
    assert "2024-05-14 18:00" in result.stderr
    assert "Traceback" not in result.stderr
    assert database.read_bytes() == damaged_bytes, "refused: nothing changed"
    assert not list(data_dir.glob("damaged-*"))


def test_accepting_the_offer_restores_and_opens(qapp, data_dir, monkeypatch, capsys):
    from consultation_app.ui import app as app_module

    database, good, _ = damaged_folder_with_backups(data_dir)
    damaged_bytes = database.read_bytes()
    with pytest.raises(DamagedDatabaseError) as raised:
        Workspace()
    asked = []
    monkeypatch.setattr(app_module, "_ask", lambda app, question, yes, no: asked.append(question) or True)
    workspace = app_module.recover_damaged_database(qapp, raised.value)
    try:
        assert workspace is not None
        assert "2024-05-14 18:00" in asked[0] and "moved aside and kept" in asked[0]
        assert {r["title"] for r in workspace.records.query(CONSULTATION)} == {"Backed up"}
    finally:
        workspace.close()
    [aside] = data_dir.glob("damaged-*.sqlite3")
    assert aside.read_bytes() == damaged_bytes
    assert str(aside) in capsys.readouterr().err


def test_refusing_the_offer_changes_nothing(qapp, data_dir, monkeypatch):
    from consultation_app.ui import app as app_module

    database, good, _ = damaged_folder_with_backups(data_dir)
    damaged_bytes = database.read_bytes()
    with pytest.raises(DamagedDatabaseError) as raised:
        Workspace()
    monkeypatch.setattr(app_module, "_ask", lambda *args: False)
    assert app_module.recover_damaged_database(qapp, raised.value) is None
    assert database.read_bytes() == damaged_bytes
    assert not list(data_dir.glob("damaged-*"))


def test_without_a_good_backup_the_app_says_so_and_stops(qapp, data_dir, capsys):
    from consultation_app.ui import app as app_module

    ws = Workspace()
    for i in range(400):
        add_consultation(ws, f"Consultation {i} " + "x" * 300)
    ws.close()
    corrupt(ws.database_path)
    with pytest.raises(DamagedDatabaseError) as raised:
        Workspace()
    assert raised.value.backup is None and "no good backup" in str(raised.value)
    assert app_module.recover_damaged_database(qapp, raised.value) is None
    assert "no good backup was found" in capsys.readouterr().err


def test_the_smoke_test_makes_no_backup(tmp_path):
    result = start_app(tmp_path / "data", "--smoke-test")
    assert result.returncode == 0, result.stderr
    assert backup.list_backups(tmp_path / "data" / "backups") == []


def test_a_failed_daily_backup_is_reported_not_raised(qapp, workspace, capsys, monkeypatch):
    from consultation_app.ui import app as app_module

    def disk_full(*args, **kwargs):
        raise StorageError("the disk is full; free some space and try again")

    monkeypatch.setattr(backup, "make_backup", disk_full)
    app_module.backup_if_due(workspace)
    assert "no backup was made: the disk is full" in capsys.readouterr().err
    monkeypatch.undo()
    app_module.backup_if_due(workspace)
    assert [b.reason for b in backup.list_backups()] == [backup.DAILY]


# -- the command line --------------------------------------------------------------------

def cli(capsys, *argv):
    """The two commands as main() will run them: one line and exit 1 on an AppError."""
    from consultation_app.cli import backup_commands

    parser = argparse.ArgumentParser(prog="consultation-app")
    commands = parser.add_subparsers(dest="command")
    backup_commands.add_parsers(commands)
    args = parser.parse_args(argv)
    try:
        code = backup_commands.run(args)
    except AppError as error:
        print(f"consultation-app: error: {error}", file=sys.stderr)
        code = 1
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_backup_into_the_backups_folder(capsys, workspace):
    add_consultation(workspace, "Kept safe")
    code, out, err = cli(capsys, "backup")
    assert (code, err) == (0, "")
    [made] = backup.list_backups()
    assert made.reason == backup.MANUAL
    from consultation_app.cli.backup_commands import _size

    assert out.strip() == f"wrote backup {made.path} ({_size(made.size)}, verified)"
    assert titles(made.path) == {"Kept safe"}
    assert not backup.due(workspace.db), "a manual backup counts as the day's backup"


def test_cli_backup_to_a_chosen_file(capsys, workspace, tmp_path):
    add_consultation(workspace, "On the USB stick")
    out_file = tmp_path / "usb" / "laptop-3.sqlite3"
    out_file.parent.mkdir()
    code, out, err = cli(capsys, "backup", "--out", str(out_file))
    assert (code, err) == (0, "")
    assert str(out_file) in out and "verified" in out and ("KB" in out or "MB" in out)
    assert titles(out_file) == {"On the USB stick"}
    assert backup.list_backups() == []
    code, out, err = cli(capsys, "backup", "--out", str(workspace.database_path))
    assert code == 1 and "the database itself" in err and len(err.splitlines()) == 1


def test_cli_backup_without_a_database(capsys, data_dir):
    code, out, err = cli(capsys, "backup")
    assert code == 1 and "nothing to back up" in err and out == ""
    assert len(err.splitlines()) == 1


def test_cli_restore_says_where_the_previous_database_went(capsys, workspace):
    add_consultation(workspace, "In the backup")
    info = backup.make_backup(workspace.database_path, backup.MANUAL, clock=at(2024, 5, 14, 18, 0))
    add_consultation(workspace, "Later")
    workspace.close()
    code, out, err = cli(capsys, "restore", str(info.path))
    assert (code, err) == (0, "")
    # A healthy database set aside is not called damaged (issue 18): its name says when and why.
    assert not list(workspace.database_path.parent.glob("damaged-*"))
    [aside] = workspace.database_path.parent.glob("before-restore-*.sqlite3")
    assert "made 2024-05-14 18:00" in out
    assert f"the previous database was moved to {aside}" in out and "damaged" not in out
    assert titles(workspace.database_path) == {"In the backup"}
    assert titles(aside) == {"In the backup", "Later"}


def test_cli_restore_refuses_a_damaged_backup_in_one_line(capsys, workspace):
    add_consultation(workspace)
    info = backup.make_backup(workspace.database_path, backup.MANUAL)
    workspace.close()
    corrupt(info.path)
    before = workspace.database_path.read_bytes()
    code, out, err = cli(capsys, "restore", str(info.path))
    assert code == 1 and out == ""
    assert len(err.splitlines()) == 1 and "this backup is damaged" in err
    assert workspace.database_path.read_bytes() == before


def test_cli_restore_refuses_while_the_app_has_the_folder(capsys, workspace):
    from PySide6.QtCore import QLockFile

    info = backup.make_backup(workspace.database_path, backup.MANUAL)
    lock = QLockFile(str(paths.lock_file_path()))
    assert lock.tryLock(0)
    try:
        code, out, err = cli(capsys, "restore", str(info.path))
    finally:
        lock.unlock()
    assert code == 1 and "close it" in err
    assert not list(workspace.database_path.parent.glob("damaged-*"))


def test_the_daily_backup_runs_off_the_gui_thread(qtbot, workspace):
    """Copied and verified on the background helper, recorded once it is done."""
    from consultation_app.ui import app as app_module
    from consultation_app.ui.background import Background

    background = Background()
    app_module.backup_if_due(workspace, background)
    qtbot.waitUntil(lambda: not background.busy(), timeout=10_000)
    assert [b.reason for b in backup.list_backups()] == [backup.DAILY]
    assert not backup.due(workspace.db), "the backup time is recorded"


def test_the_early_startup_check_refuses_a_damaged_database_before_opening_it(data_dir):
    database, good, bad = damaged_folder_with_backups(data_dir)
    damaged_bytes = database.read_bytes()
    check = StartupCheck(database)  # begun on its thread, as the desktop app begins it
    with pytest.raises(DamagedDatabaseError) as raised:
        Workspace(check=check)
    assert raised.value.backup.path == good.path
    assert database.read_bytes() == damaged_bytes, "nothing was written to the damaged file"


def test_the_desktop_app_started_on_a_damaged_database_says_so_and_writes_nothing(data_dir):
    database, good, bad = damaged_folder_with_backups(data_dir)
    damaged_bytes = database.read_bytes()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("CONSULTATION_APP_DATA_DIR", None)
    result = subprocess.run([sys.executable, "-m", "consultation_app", "--data-dir", str(data_dir), "--smoke-test"],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "is damaged" in result.stderr and "Traceback" not in result.stderr
    assert database.read_bytes() == damaged_bytes


def test_the_damaged_database_offer_speaks_the_officers_language(qapp, data_dir, monkeypatch):
    from consultation_app.ui import app as app_module
    from consultation_app.ui import i18n

    database, good, _ = damaged_folder_with_backups(data_dir, language="km")
    with pytest.raises(DamagedDatabaseError) as raised:
        Workspace()
    asked = []
    monkeypatch.setattr(app_module, "_ask", lambda app, question, yes, no: asked.append((question, yes, no)))
    try:
        assert app_module.recover_damaged_database(qapp, raised.value) is None
    finally:
        i18n.install_language("en")
    question, yes, no = asked[0]
    khmer = re.compile("[\u1780-\u17ff]")
    assert all(khmer.search(text) for text in (question, yes, no)), asked
    assert str(database) in question and "2024-05-14 18:00" in question and "2024-05-14 18:00" in yes
