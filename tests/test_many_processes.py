"""Many processes and connections on one data folder: the desktop app's long-lived connection,
in-process opens (imports, reports, backups open and close their own), CLI commands in other
processes, and two merges at once. None of them may lose or damage anything.

The failure these guard against: on POSIX, closing *any* descriptor of a database file in a
process releases every advisory lock the process holds on it (SQLite's "How To Corrupt An
SQLite Database File", 2.2). A header read with ``open()`` while the app's connection was open
let a CLI process believe it was the last user: it checkpointed and deleted the -wal and -shm
files under the app, whose next writes failed with "disk I/O error"."""

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from consultation_app import paths
from consultation_app.paths import DATABASE_NAME
from consultation_app.storage import durable, encryption, settings_store
from consultation_app.storage.connection import open_database
from tests.conftest import REPO_ROOT

pytestmark = pytest.mark.skipif(os.name == "nt", reason="POSIX advisory locks")


def cli(data_dir: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=REPO_ROOT)
    env[paths.DATA_DIR_ENV] = str(data_dir)
    return subprocess.run([sys.executable, "-m", "consultation_app", *args], env=env, capture_output=True,
                          text=True, encoding="utf-8", timeout=120)


def wal_files(database: Path) -> tuple[bool, bool]:
    return Path(f"{database}-wal").exists(), Path(f"{database}-shm").exists()


@pytest.fixture
def folder(tmp_path):
    """A data folder with a migrated database and some consultations (written by the CLI)."""
    data = tmp_path / "data"
    done = cli(data, "demo-data", "--consultations", "3", "--seed", "7")
    assert done.returncode == 0, done.stderr
    return data


def test_the_reported_reproduction_keeps_the_wal_of_an_open_connection(folder):
    database = folder / DATABASE_NAME
    app = open_database(database)  # the desktop app's long-lived connection
    try:
        app.execute("SELECT count(*) FROM feedback").fetchall()
        other = open_database(database)  # an import, a report or a backup opens and closes its own
        other.conn.close()
        done = cli(folder, "summary", "--json")
        assert done.returncode == 0, done.stderr
        assert wal_files(database) == (True, True), "the CLI deleted the -wal/-shm under an open connection"
        with app.atomic():
            settings_store.put(app, "after_cli", "still writing")
        assert app.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        app.conn.close()
    check = open_database(database)
    try:
        assert settings_store.get(check, "after_cli") == "still writing"
    finally:
        check.conn.close()


@pytest.mark.parametrize("probe", ["is_encrypted", "read_salt", "peek", "fsync_file", "quick_check", "backup"])
def test_no_header_read_or_sync_releases_the_locks_of_an_open_connection(folder, probe):
    """Each way this app's code touches the database file from Python, done while the app's
    connection is open; then another process closes its own connection."""
    from consultation_app.storage import backup

    database = folder / DATABASE_NAME
    app = open_database(database)
    try:
        app.execute("SELECT count(*) FROM consultations").fetchall()
        {"is_encrypted": lambda: encryption.is_encrypted(database),
         "read_salt": lambda: encryption.read_salt(database),
         "peek": lambda: settings_store.peek(database, settings_store.DEVICE_ID),
         "fsync_file": lambda: durable.fsync_file(database),
         "quick_check": lambda: backup.quick_check(database),
         "backup": lambda: backup.make_backup(database, backup.DAILY)}[probe]()
        done = cli(folder, "summary", "--json")
        assert done.returncode == 0, done.stderr
        assert wal_files(database) == (True, True), f"{probe} released the app's locks"
        settings_store.put(app, "after", probe)
    finally:
        app.conn.close()


def test_stress_app_connection_in_process_cycles_and_cli_commands(folder):
    """The app's connection held throughout; 200 in-process open/close cycles (with header reads
    and writes) interleaved with CLI commands that read and write. Every committed change is
    there at the end, the WAL was never taken from under the app, and the file is sound."""
    database = folder / DATABASE_NAME
    app = open_database(database)
    committed: dict[str, str] = {}
    failures: list[str] = []

    def run_cli_commands() -> None:
        for turn in range(12):
            command = [("summary", "--json"), ("catalog", "search", "land", "--json"),
                       ("demo-data", "--consultations", "1", "--seed", str(100 + turn)), ("backup",)][turn % 4]
            done = cli(folder, *command)
            if done.returncode != 0:
                failures.append(f"{command}: {done.stderr.strip()}")

    worker = threading.Thread(target=run_cli_commands)
    worker.start()
    cycle = 0
    try:
        while cycle < 200 or worker.is_alive():  # every CLI command runs among the cycles
            other = open_database(database)
            encryption.is_encrypted(database)
            settings_store.peek(database, settings_store.DEVICE_ID)
            if cycle % 3 == 0:
                settings_store.put(other, f"stress_other_{cycle}", str(cycle))
                committed[f"stress_other_{cycle}"] = str(cycle)
            other.conn.close()
            settings_store.put(app, f"stress_app_{cycle}", str(cycle))
            committed[f"stress_app_{cycle}"] = str(cycle)
            assert wal_files(database) == (True, True), f"cycle {cycle}: the WAL went from under the app"
            cycle += 1
    finally:
        worker.join()
        problems = app.execute("PRAGMA integrity_check").fetchall()
        app.conn.close()
    assert not failures, failures
    assert problems == [("ok",)]
    check = open_database(database)
    try:
        missing = {key for key, value in committed.items() if settings_store.get(check, key) != value}
        counts = json.loads(cli(folder, "summary", "--json").stdout)
    finally:
        check.conn.close()
    assert not missing, f"{len(missing)} committed changes are gone"
    assert counts["consultations"] >= 3
