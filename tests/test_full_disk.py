"""A full disk is a full disk: with the data folder on a full file system every command says
that the disk is full and how much room it needs, never that the database is damaged, never
offers a backup over a healthy database, and changes nothing already stored.

The data folder lives on a small tmpfs mounted for the test (root only, as CI runs), filled
to the last byte with a file of its own."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from consultation_app import paths
from consultation_app.domain.records import FEEDBACK
from consultation_app.paths import DATABASE_NAME
from consultation_app.storage.errors import DiskFullError
from tests.conftest import REPO_ROOT, dump, open_device

DISK_BYTES = 24 * 1024 * 1024


def _mount(folder: Path) -> bool:
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return False
    folder.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={DISK_BYTES}", "tmpfs", str(folder)],
                          capture_output=True)
    return done.returncode == 0


def fill(folder: Path) -> None:
    """Take every free byte of the file system holding ``folder``."""
    fd = os.open(folder / "filler.bin", os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    try:
        for size in (1 << 20, 65536, 4096, 512, 1):
            try:
                while True:
                    os.write(fd, b"\0" * size)
            except OSError:
                pass
    finally:
        os.close(fd)


@pytest.fixture
def small_disk(tmp_path):
    disk = tmp_path / "disk"
    if not _mount(disk):
        pytest.skip("mounting a small tmpfs needs root (CI runs as root)")
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], capture_output=True)


@pytest.fixture(params=["closed", "app open"])
def full_folder(small_disk, request):
    """A data folder with consultations and feedback, then the disk filled: with the database
    closed (opening it must create its -wal and -shm files), or held open as the desktop app
    holds it (they exist, so a command gets as far as writing)."""
    from consultation_app.services import demo
    from consultation_app.storage.connection import open_database

    data = small_disk / "data"
    ws = open_device(data, "laptop")
    try:
        demo.add_demo_data(ws, 4, seed=3)
    finally:
        ws.close()
    held = open_database(data / DATABASE_NAME) if request.param == "app open" else None
    before = dump(data / DATABASE_NAME, exclude=())
    fill(small_disk)
    try:
        yield FullFolder(data, before)
    finally:
        if held is not None:
            held.conn.close()


class FullFolder:
    def __init__(self, data: Path, before: dict):
        self.data, self.before = data, before

    def unchanged(self) -> bool:
        """Room made again (the filler removed), then every row compared with before."""
        (self.data.parent / "filler.bin").unlink(missing_ok=True)
        return dump(self.data / DATABASE_NAME, exclude=()) == self.before


def cli(data: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=REPO_ROOT)
    env[paths.DATA_DIR_ENV] = str(data)
    env.pop("CONSULTATION_APP_PASSPHRASE", None)
    return subprocess.run([sys.executable, "-m", "consultation_app", *args], env=env, capture_output=True,
                          text=True, encoding="utf-8", timeout=120)


def assert_says_disk_full(done: subprocess.CompletedProcess) -> None:
    assert done.returncode == 1, (done.returncode, done.stderr)
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr
    text = done.stderr.lower()
    assert "disk" in text and "full" in text, done.stderr
    assert "damaged" not in text and "restore" not in text and "backup from" not in text, done.stderr
    assert "free at least" in text, done.stderr  # how much room it needs


@pytest.mark.parametrize("command", [
    ("demo-data", "--consultations", "3", "--seed", "8"),
    ("backup",),
    ("export", "--out", "{data}/../export.xlsx"),
    ("template", "--out", "{data}/../template.xlsx"),
    ("report", "--out", "{data}/../report.pdf"),
])
def test_every_writing_command_says_the_disk_is_full_and_changes_nothing(full_folder, command):
    done = cli(full_folder.data, *[part.format(data=full_folder.data) for part in command])
    assert_says_disk_full(done)
    assert full_folder.unchanged()
    leftovers = [p.name for p in full_folder.data.parent.iterdir() if p.name not in ("data", "filler.bin")]
    assert not leftovers, f"a half-written file was left: {leftovers}"


def test_reading_commands_still_work_on_a_full_disk(full_folder):
    done = cli(full_folder.data, "summary", "--json")
    if done.returncode != 0:  # opening may need room for the -wal/-shm files: then it says so
        assert_says_disk_full(done)
    else:
        assert '"consultations": 4' in done.stdout


def test_the_app_start_on_a_full_disk_is_not_a_damaged_database(full_folder):
    from consultation_app.services.workspace import Workspace

    try:
        ws = Workspace(full_folder.data / DATABASE_NAME)
    except DiskFullError as error:
        assert "free at least" in str(error) and "damaged" not in str(error)
    else:  # the -wal and -shm files were there already (the app open): it may open
        ws.close()
    assert full_folder.unchanged()


def test_a_withdrawal_on_a_full_disk_says_so_and_keeps_the_words_for_a_retry(small_disk):
    from consultation_app.services import demo

    data = small_disk / "data"
    ws = open_device(data, "laptop")
    try:
        demo.add_demo_data(ws, 2, seed=4)
        entry = ws.db.execute("SELECT uuid, comment FROM feedback WHERE comment != '' LIMIT 1").fetchone()
        fill(small_disk)
        with pytest.raises(DiskFullError) as raised:
            ws.records.withdraw(FEEDBACK, entry[0])
        assert "free at least" in str(raised.value)
        kept = ws.db.execute("SELECT comment, deleted FROM feedback WHERE uuid = ?", [entry[0]]).fetchone()
        assert kept == (entry[1], 0), "the words must stay until the withdrawal can be done whole"
        (small_disk / "filler.bin").unlink()
        ws.records.withdraw(FEEDBACK, entry[0])  # the retry, with room again
        assert ws.db.execute("SELECT comment, deleted FROM feedback WHERE uuid = ?", [entry[0]]).fetchone() == \
            ("", 1)
    finally:
        ws.close()


def test_a_merge_on_a_full_disk_says_so(full_folder, tmp_path):  # the export is on another disk
    from consultation_app.exchange.export import export_package
    from consultation_app.services import demo

    laptop = open_device(tmp_path / "laptop", "field")
    try:
        demo.add_demo_data(laptop, 6, seed=12)
        out = tmp_path / "field.xlsx"
        export_package(laptop.database_path, out, laptop.reference)
    finally:
        laptop.close()
    done = cli(full_folder.data, "merge", str(out))
    assert_says_disk_full(done)
    assert full_folder.unchanged()
