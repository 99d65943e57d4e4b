"""The crash-safety proof: a process writing without pause is killed with SIGKILL at random
moments, 50 times in a row on the same data folder. After every kill the database must pass
its integrity check and hold every change the writer reported as committed, at that revision
or a later one.

(SIGKILL stops the process, not the machine: the operating system still writes out what the
process handed it. It proves the app's transactions and WAL recovery; power cuts rely on
synchronous=FULL as well.)"""

import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from consultation_app.paths import DATABASE_NAME
from consultation_app.storage.connection import connect

ROOT = Path(__file__).resolve().parents[1]
KILLS = 50
DELAY = (0.05, 0.6)  # seconds of writing before each kill
TABLES = ("consultations", "feedback")

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")


def run_and_kill(data_dir: Path, delay: float, stderr_path: Path) -> list[tuple[str, str, int]]:
    """Start the writer, let it write for ``delay`` seconds once its workspace is open, kill it.
    Returns the changes it reported (complete lines only: a line cut by the kill is not a report)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("CONSULTATION_APP_DATA_DIR", None)
    with open(stderr_path, "w") as stderr:
        proc = subprocess.Popen([sys.executable, "-m", "tests.crash_writer", str(data_dir)], cwd=ROOT, env=env,
                                stdout=subprocess.PIPE, stderr=stderr, text=True)
    lines: list[str] = []
    ready = threading.Event()

    def read() -> None:  # drain the pipe all the time, so the writer never waits on it
        for line in proc.stdout:
            if line == "ready\n":
                ready.set()
            else:
                lines.append(line)
        ready.set()  # ended before it was ready: the check below tells

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        assert ready.wait(30) and proc.poll() is None, \
            f"the writer did not start: {stderr_path.read_text()[-2000:]}"
        time.sleep(delay)
        assert proc.poll() is None, f"the writer stopped by itself: {stderr_path.read_text()[-2000:]}"
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        reader.join(10)
        proc.stdout.close()
    assert proc.returncode == -signal.SIGKILL
    changes = []
    for line in lines:
        if line.endswith("\n"):
            table, uuid, revision = line.split()
            changes.append((table, uuid, int(revision)))
    return changes


def check_database(path: Path, latest: dict[tuple[str, str], int], reported: set[tuple[str, str, int]]) -> None:
    db = connect(path)  # as the app reopens it: recovers the WAL a kill left behind
    try:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        for table in TABLES:
            on_disk = dict(db.execute(f"SELECT uuid, revision FROM {table}").fetchall())
            for (kind, uuid), revision in latest.items():
                if kind == table:
                    assert on_disk.get(uuid, 0) >= revision, f"{table} {uuid}: revision {revision} was lost"
        history = set(db.execute("SELECT record_table, record_uuid, revision FROM record_revisions").fetchall())
        missing = reported - history
        assert not missing, f"committed changes missing from the history: {sorted(missing)[:5]}"
    finally:
        db.conn.close()


def test_fifty_sigkills_in_a_row_lose_no_committed_change(tmp_path, capsys):
    data_dir = tmp_path / "data"
    rng = random.Random(20240515)
    latest: dict[tuple[str, str], int] = {}
    reported: set[tuple[str, str, int]] = set()
    checks = 0
    started = time.monotonic()
    for _ in range(KILLS):
        changes = run_and_kill(data_dir, rng.uniform(*DELAY), tmp_path / "writer-stderr.txt")
        for table, uuid, revision in changes:
            latest[(table, uuid)] = max(latest.get((table, uuid), 0), revision)
            reported.add((table, uuid, revision))
        check_database(data_dir / DATABASE_NAME, latest, reported)
        checks += len(reported)
    elapsed = time.monotonic() - started
    assert len(reported) > 20 * KILLS, "the writer wrote too little for the test to mean anything"
    with capsys.disabled():
        print(f"\n{KILLS} SIGKILLs survived in {elapsed:.1f} s: {len(reported)} committed changes "
              f"({len(latest)} records) reported, every one present after each later kill "
              f"({checks} change checks); integrity_check ok after every kill")
