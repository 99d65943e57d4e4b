"""Adversary: a restore run by a second process while a merge writes, and a backup that ships
more than its own file. Each attack is a test that failed before its fix.

A merge holds the database's merge lock (exchange/merge_guard.py) for minutes, not the
desktop app's lock. A restore that checks only the desktop app's lock replaces the database
under the running merge: the merge goes on writing into the file moved aside as
damaged-*.sqlite3, reports its files merged, and the live database never holds them.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from consultation_app.cli.main import EXIT_FAILED, main
from consultation_app.domain.records import CONSULTATION, FEEDBACK
from consultation_app.exchange.merge_guard import lock_path
from consultation_app.storage import backup, encryption, restore_checks

HOLD_MERGE_LOCK = """
import sys, time
from pathlib import Path
from consultation_app.exchange.merge_guard import one_merge_at_a_time
with one_merge_at_a_time(Path(sys.argv[1]), wait_seconds=5):
    print("holding", flush=True)
    sys.stdin.read()  # until the test closes our stdin
"""


@pytest.fixture(autouse=True)
def no_keys_between_tests():
    encryption.forget()
    yield
    encryption.forget()


@pytest.fixture
def with_backup(workspace):
    consultation = workspace.records.create(CONSULTATION, {"title": "Koh Kong", "stakeholder_group": "civil_society",
                                                           "province": "koh_kong"})
    workspace.records.create(FEEDBACK, {"consultation_uuid": consultation["uuid"], "recommendation_code": "KH3-30",
                                        "comment": "The land was taken at night", "sensitive": True})
    info = backup.make_backup(workspace.database_path, backup.MANUAL)
    workspace.close()
    return workspace.database_path, info.path


def test_restore_refuses_while_another_process_merges(with_backup, capsys):
    database, good = with_backup
    holder = subprocess.Popen([sys.executable, "-c", HOLD_MERGE_LOCK, str(database)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    try:
        assert holder.stdout.readline().strip() == b"holding"
        inode = database.stat().st_ino
        code = main(["--data-dir", str(database.parent), "restore", str(good)])
        out, err = capsys.readouterr()
        assert code == EXIT_FAILED, out
        assert len(err.strip().splitlines()) == 1 and "merge" in err
        assert database.stat().st_ino == inode, "the database under the running merge was not replaced"
        assert not list(database.parent.glob("damaged-*")), "nothing was moved aside"
    finally:
        holder.stdin.close()
        holder.stdout.close()
        holder.wait(timeout=30)
    assert not lock_path(database).exists() or holder.returncode == 0


def _wal_backup(source: Path, target: Path, extra_rows: int) -> Path:
    """A copy of a genuine backup switched to WAL, with committed rows left in its -wal file
    (as a file copied from a live folder would be): the -wal is shipped beside it."""
    import shutil

    shutil.copyfile(source, target)
    conn = sqlite3.connect(target, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO settings (key, value) VALUES (?, ?)",
                     ((f"padding-{n}", "x" * 4000) for n in range(extra_rows)))
    conn.execute("COMMIT")
    # copy the pair while the writer is still open: its -wal is not checkpointed away on close
    shipped = target.with_name("shipped.sqlite3")
    shutil.copyfile(target, shipped)
    shutil.copyfile(f"{target}-wal", f"{shipped}-wal")
    conn.close()
    return shipped


def test_the_size_limit_counts_a_wal_file_shipped_beside_the_backup(with_backup, tmp_path, monkeypatch):
    """The limit is checked on the main file only; SQLite reads the -wal beside it too, so a
    small file with a large -wal passed the limit and was read, checked and copied whole."""
    database, good = with_backup
    shipped = _wal_backup(good, tmp_path / "made.sqlite3", extra_rows=2000)  # ~8 MB in the -wal
    main_size = shipped.stat().st_size
    wal_size = Path(f"{shipped}-wal").stat().st_size
    assert wal_size > 4 * main_size, (wal_size, main_size)
    # a limit between the main file's size and the pair's: what the real limit is for a real disk
    monkeypatch.setattr(restore_checks, "RESTORE_SIZE_FACTOR", 0)
    monkeypatch.setattr(restore_checks, "RESTORE_SIZE_MARGIN", main_size + wal_size // 2)
    inode = database.stat().st_ino
    with pytest.raises(Exception, match="larger than any backup"):
        backup.restore(shipped, database)
    assert database.stat().st_ino == inode


# -- a backup with this app's schema whose values no version of the app writes -------------------

VALUE_FORGERIES = {
    # a title as bytes: 'export' and 'master-export' then stopped with an internal error (exit 3)
    "blob_title": ("UPDATE consultations SET title = x'00ff00ff'", "consultations", "title"),
    # text in an INTEGER flag: what reads it as true or false is up to whoever reads it
    "text_flag": ("UPDATE feedback SET sensitive = 'no'", "feedback", "sensitive"),
}


@pytest.mark.parametrize("forgery", sorted(VALUE_FORGERIES))
def test_restore_refuses_values_of_a_kind_the_app_never_writes(with_backup, tmp_path, forgery, capsys):
    import shutil

    database, good = with_backup
    statement, table, column = VALUE_FORGERIES[forgery]
    forged = shutil.copyfile(good, tmp_path / "consultations-20240514-180000-manual.sqlite3")
    conn = sqlite3.connect(forged)
    conn.execute(statement)
    conn.commit()
    conn.close()
    assert backup.quick_check(forged) and not restore_checks.schema_problems(forged)
    inode = database.stat().st_ino
    code = main(["--data-dir", str(database.parent), "restore", str(forged)])
    out, err = capsys.readouterr()
    assert code == EXIT_FAILED and out == "" and len(err.strip().splitlines()) == 1
    assert f"'{table}'" in err and f"'{column}'" in err and str(forged) in err and "nothing was changed" in err
    assert database.stat().st_ino == inode

