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


# -- two merges at once ---------------------------------------------------------------------

@pytest.fixture
def field_exports(tmp_path):
    """Two field laptops' exports (each its own device, key and records)."""
    exports = []
    for number in (1, 2):
        laptop = tmp_path / f"laptop{number}"
        for args in (("demo-data", "--consultations", "12", "--seed", str(number)),
                     ("export", "--out", str(tmp_path / f"laptop{number}.xlsx"))):
            done = cli(laptop, *args)
            assert done.returncode == 0, done.stderr
        exports.append(tmp_path / f"laptop{number}.xlsx")
    return exports


def merged_exports(central: Path) -> list[tuple]:
    from tests.conftest import query

    return query(central / DATABASE_NAME, "SELECT path, status FROM merge_log ORDER BY path")


def test_two_merges_at_once_both_merge(tmp_path, field_exports):
    central = tmp_path / "central"
    assert cli(central, "summary").returncode == 0
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=REPO_ROOT)
    env[paths.DATA_DIR_ENV] = str(central)
    runs = [subprocess.Popen([sys.executable, "-m", "consultation_app", "merge", str(export), "--json"], env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for export in field_exports]
    outputs = [run.communicate(timeout=300) for run in runs]
    for run, (out, err) in zip(runs, outputs):
        assert run.returncode == 0, err
        assert "Traceback" not in err and "internal error" not in err
        assert [f["status"] for f in json.loads(out)["files"]] == ["merged"]
    assert sorted(status for _, status in merged_exports(central)) == ["merged", "merged"]
    summary = json.loads(cli(central, "summary", "--json").stdout)
    assert summary["consultations"] == 24


def test_a_merge_waits_for_the_one_running_then_merges(tmp_path, field_exports):
    from consultation_app.exchange import merge_guard

    central = tmp_path / "central"
    assert cli(central, "summary").returncode == 0
    held, release = threading.Event(), threading.Event()

    def hold() -> None:
        with merge_guard.one_merge_at_a_time(central / DATABASE_NAME):
            held.set()
            release.wait(60)

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert held.wait(30)
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=REPO_ROOT)
        env[paths.DATA_DIR_ENV] = str(central)
        run = subprocess.Popen([sys.executable, "-m", "consultation_app", "merge", str(field_exports[0])],
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = run.stderr.readline()
        assert "another merge into this data folder is running; waiting" in line
        assert run.poll() is None and merged_exports(central) == [], "it merged while the other merge ran"
    finally:
        release.set()
        holder.join()
    out, err = run.communicate(timeout=120)
    assert run.returncode == 0, err
    assert "merged" in out and merged_exports(central)[0][1] == "merged"


def test_a_merge_that_cannot_wait_longer_says_so_and_writes_nothing(tmp_path, field_exports):
    from consultation_app.exchange import merge_guard
    from consultation_app.exchange.merge import merge_paths
    from consultation_app.services.reference_lists import default_reference
    from tests.conftest import dump

    central = tmp_path / "central"
    assert cli(central, "summary").returncode == 0
    before = dump(central / DATABASE_NAME, exclude=())
    with merge_guard.one_merge_at_a_time(central / DATABASE_NAME):
        worker_error: list[BaseException] = []

        def second() -> None:  # another thread: QLockFile refuses a lock its own thread holds
            try:
                merge_paths(central / DATABASE_NAME, [field_exports[0]], default_reference(),
                            cancelled=lambda: True)
            except BaseException as error:
                worker_error.append(error)

        thread = threading.Thread(target=second)
        thread.start()
        thread.join(60)
    assert isinstance(worker_error[0], merge_guard.MergeBusyError)
    assert "nothing was merged" in str(worker_error[0])
    assert dump(central / DATABASE_NAME, exclude=()) == before


def test_a_write_waits_for_another_writer_instead_of_failing(tmp_path):
    """atomic() takes the write lock up front (BEGIN IMMEDIATE): a block that reads, then
    writes, while another connection is writing, waits and then succeeds. With a deferred BEGIN
    it failed at once ("database is locked") once the other writer had committed."""
    database = tmp_path / DATABASE_NAME
    first, second = open_database(database), open_database(database)
    try:
        first.execute("BEGIN IMMEDIATE")
        settings_store.put(first, "writer", "first")  # a savepoint inside the open transaction
        errors: list[BaseException] = []

        def read_then_write() -> None:
            try:
                with second.atomic():
                    settings_store.get(second, "writer")
                    settings_store.put(second, "writer", "second")
            except BaseException as error:
                errors.append(error)

        thread = threading.Thread(target=read_then_write)
        thread.start()
        thread.join(0.5)
        first.execute("COMMIT")
        thread.join(30)
        assert not errors, errors
        assert settings_store.get(first, "writer") == "second"
    finally:
        first.conn.close()
        second.conn.close()
