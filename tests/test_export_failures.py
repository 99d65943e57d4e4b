"""Exports that go wrong: a full disk or USB stick, a killed process, an exception or a cancel
half-way. The final file name holds either a complete export or what was there before, and
the database only counts exports that really reached their final name."""

import errno
import gc
import os
import resource
import signal
import subprocess
import sys
import time
import warnings
import zipfile
from pathlib import Path

import pytest

from consultation_app import paths
from consultation_app.domain.reference import default_reference
from consultation_app.errors import AppError
from consultation_app.exchange.export import ExportCancelled, export_package
from consultation_app.exchange.sheet_writer import DataSheet
from consultation_app.exchange.workbook_reader import read_export
from consultation_app.services.demo import add_demo_data
from consultation_app.services.workspace import Workspace
from consultation_app.storage import consultation_queries, export_queries, settings_store
from consultation_app.storage.connection import open_database

ROOT = Path(__file__).resolve().parents[1]
ERROR_PREFIX = "consultation-app: error: "
OLD_BYTES = b"PK\x03\x04 the export written last week, which must survive a failed export"

# A failed export leaves XlsxWriter's temporary files open (a known bug, see
# test_a_failed_export_leaves_no_temporary_files_and_no_open_files); each test below collects them
# itself, so their ResourceWarnings cannot surface in an unrelated test.
pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning")


# -- helpers -------------------------------------------------------------------------

def db_state(database_path):
    """Everything an export may change in the database."""
    db = open_database(database_path)
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return {
            "log": export_queries.export_log(db),
            "unexported": consultation_queries.unexported_changes(db),
            "export_seq": settings_store.get(db, export_queries.EXPORT_SEQ),
            "last_export_seq": settings_store.get(db, consultation_queries.LAST_EXPORT_SEQ),
            "last_export_at": settings_store.get(db, consultation_queries.LAST_EXPORT_AT),
        }
    finally:
        db.conn.close()


def leftovers(folder: Path, keep=()):
    return sorted(path.name for path in folder.iterdir() if path.name not in keep)


def part_files(folder: Path):
    return sorted(path.name for path in folder.iterdir() if path.name.endswith((".part", ".enc")))


def failing_export(database_path, out, reference, **options):
    """Run an export that must fail; return (exception type, message, type of its cause). The
    exception is dropped here, so the half-built workbook it references is freed here too."""
    outcome = None
    try:
        export_package(database_path, out, reference, **options)
    except Exception as error:  # noqa: BLE001 - the type is what the tests check
        outcome = (type(error), str(error), type(error.__cause__) if error.__cause__ else None)
    gc.collect()
    if outcome is None:
        pytest.fail("the export did not fail")
    return outcome


def fail_after(monkeypatch, rows: int, error: BaseException):
    """DataSheet.write_row raises ``error`` once ``rows`` rows have been written."""
    original = DataSheet.write_row
    written = []

    def write_row(self, values):
        if len(written) >= rows:
            raise error
        written.append(values)
        original(self, values)

    monkeypatch.setattr(DataSheet, "write_row", write_row)
    return written


def make_data(folder: Path, consultations: int, feedback_mean: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    workspace = Workspace(folder / paths.DATABASE_NAME)
    try:
        add_demo_data(workspace, consultations, seed=7, feedback_mean=feedback_mean)
    finally:
        workspace.close()
    return folder / paths.DATABASE_NAME


def cli_env():
    env = dict(os.environ)
    env.pop(paths.DATA_DIR_ENV, None)
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


@pytest.fixture
def demo(workspace):
    """About 800 feedback entries: more than the 500 rows between two cancel checks."""
    add_demo_data(workspace, 20, seed=3, feedback_mean=40)
    return workspace


@pytest.fixture
def out_dir(tmp_path):
    folder = tmp_path / "usb"
    folder.mkdir()
    return folder


# -- disk full -----------------------------------------------------------------------

@pytest.fixture(scope="module")
def disk_full(tmp_path_factory):
    """One export of ~30 consultations with the file size limited to 96 KiB (what a nearly
    full USB stick allows): the kernel refuses writes past it with EFBIG."""
    base = tmp_path_factory.mktemp("disk-full")
    database = make_data(base / "data", 30, 50)
    out_dir = base / "usb"
    out_dir.mkdir()
    before = db_state(database)
    limit = 96 * 1024

    def limit_file_size():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG instead of being killed
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    completed = subprocess.run(
        [sys.executable, "-m", "consultation_app", "--data-dir", str(database.parent), "export",
         "--out", str(out_dir / "export.xlsx")],
        cwd=ROOT, env=cli_env(), capture_output=True, text=True, encoding="utf-8", timeout=120,
        preexec_fn=limit_file_size)
    return completed, out_dir, database, before


def test_a_full_disk_fails_cleanly_with_one_line(disk_full):
    completed, out_dir, database, before = disk_full
    assert completed.returncode == 1, completed.stderr
    assert completed.stdout == ""
    lines = completed.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in completed.stderr, completed.stderr
    assert lines[0].startswith(ERROR_PREFIX + str(out_dir / "export.xlsx"))
    assert "not enough space" in lines[0] and "nothing was saved" in lines[0]
    assert not (out_dir / "export.xlsx").exists()
    assert part_files(out_dir) == []
    after = db_state(database)
    assert after == before
    assert after["log"] == [] and after["export_seq"] is None and after["unexported"] > 1000


def test_a_full_disk_leaves_no_temporary_files_on_the_stick(disk_full):
    completed, out_dir, database, before = disk_full
    assert completed.returncode == 1
    assert leftovers(out_dir) == []


# -- killed -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def big_data(tmp_path_factory):
    """300 consultations with about 50 feedback entries each: an export of a few seconds."""
    return make_data(tmp_path_factory.mktemp("big") / "data", 300, 50)


def start_export(database: Path, out: Path):
    """The export's own scratch files (XlsxWriter's row files) go to the data folder's scratch
    folder (paths.scratch_dir_for), where the test sees when rows are being written."""
    return subprocess.Popen(
        [sys.executable, "-m", "consultation_app", "--data-dir", str(database.parent), "export", "--out", str(out)],
        cwd=ROOT, env=cli_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def wait_for(process, condition, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        if process.poll() is not None:
            return False
        time.sleep(0.002)
    return False


@pytest.mark.parametrize("moment", ["while_writing_rows", "while_zipping"])
def test_a_killed_export_leaves_no_file_and_no_log_entry(big_data, tmp_path, moment):
    out_dir = tmp_path / "usb"
    out_dir.mkdir()
    out = out_dir / "export.xlsx"
    before = db_state(big_data)
    scratch = paths.scratch_dir_for(big_data)
    process = start_export(big_data, out)
    try:
        if moment == "while_writing_rows":
            # XlsxWriter's row files appear as the sheets are added; rows stream for about two seconds.
            started = wait_for(process, lambda: any(path.is_file() and path.parent != scratch
                                                    for path in scratch.rglob("*")))
            time.sleep(0.4)
        else:
            # The .part file appears when the finished sheets are zipped, just before the rename.
            started = wait_for(process, lambda: any(name.endswith(".part") for name in os.listdir(out_dir)))
        still_running = process.poll() is None
        process.send_signal(signal.SIGKILL)
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=30)
    assert started and still_running, "the export finished before it could be killed; the test proves nothing"
    assert process.returncode == -signal.SIGKILL
    assert not out.exists()
    after = db_state(big_data)
    assert after == before
    assert after["log"] == [] and after["export_seq"] is None

    if moment == "while_zipping":
        # What the kill left behind does not stop the next export.
        result = export_package(big_data, out, default_reference())
        assert result.export_seq == 1
        with zipfile.ZipFile(out) as archive:
            assert archive.testzip() is None
        assert len(db_state(big_data)["log"]) == 1


# -- exceptions and cancel ------------------------------------------------------------------

@pytest.mark.parametrize("rows, error, expected, fragment", [
    (0, RuntimeError("boom"), RuntimeError, "boom"),
    (300, RuntimeError("boom"), RuntimeError, "boom"),
    (700, OSError(errno.ENOSPC, "No space left on device"), AppError, "not enough space"),
    (40, OSError(errno.EIO, "Input/output error"), AppError, "the drive stopped answering"),
    (10, OSError(errno.EROFS, "Read-only file system"), AppError, "no permission to write here"),
])
def test_an_error_while_writing_leaves_nothing_behind(demo, out_dir, monkeypatch, rows, error, expected, fragment):
    before = db_state(demo.database_path)
    written = fail_after(monkeypatch, rows, error)
    out = out_dir / "export.xlsx"
    kind, message, cause = failing_export(demo.database_path, out, demo.reference)
    assert kind is expected and fragment in message
    if expected is AppError:
        assert message.startswith(str(out)) and "nothing was saved" in message
        assert cause is OSError
    assert len(written) == rows, "the failure happened where it was meant to"
    assert not out.exists()
    assert part_files(out_dir) == []
    assert db_state(demo.database_path) == before


def test_a_cancel_leaves_nothing_behind(demo, out_dir):
    before = db_state(demo.database_path)
    asked, progress = [], []

    def cancelled():
        asked.append(True)
        return True

    kind, message, _ = failing_export(demo.database_path, out_dir / "export.xlsx", demo.reference,
                                      cancelled=cancelled, progress=lambda done, total: progress.append(done))
    assert kind is ExportCancelled and issubclass(kind, AppError)
    assert message == "export cancelled; no file was written"
    assert asked == [True] and progress == []
    assert not (out_dir / "export.xlsx").exists()
    assert part_files(out_dir) == []
    assert db_state(demo.database_path) == before


def test_an_export_that_is_not_cancelled_reports_its_progress(demo, out_dir):
    progress = []
    result = export_package(demo.database_path, out_dir / "export.xlsx", demo.reference,
                            cancelled=lambda: False, progress=lambda done, total: progress.append((done, total)))
    total = sum(result.counts.values())
    assert progress[0] == (100, total) and progress[-1] == (total, total)
    assert len(db_state(demo.database_path)["log"]) == 1


@pytest.mark.parametrize("how", ["exception", "cancel"])
def test_a_failed_export_leaves_no_temporary_files_and_no_open_files(demo, out_dir, monkeypatch, how):
    options = {}
    if how == "exception":
        fail_after(monkeypatch, 5, RuntimeError("boom"))
    else:
        options["cancelled"] = lambda: True
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ResourceWarning)
        failing_export(demo.database_path, out_dir / "export.xlsx", demo.reference, **options)
        gc.collect()
    unclosed = [str(w.message) for w in caught if issubclass(w.category, ResourceWarning)]
    assert leftovers(out_dir) == [], "temporary files left in the export folder"
    assert unclosed == []


# -- an existing file at the target ------------------------------------------------------------

def break_encryption(monkeypatch, error):
    """Fail after the workbook is complete under its .part name, half-way through encrypting it."""
    import msoffcrypto.format.ooxml

    def encrypt(self, password, out):
        out.write(b"half an encrypted file")
        raise error

    monkeypatch.setattr(msoffcrypto.format.ooxml.OOXMLFile, "encrypt", encrypt)


def test_an_existing_file_is_replaced_only_on_success(demo, out_dir, monkeypatch):
    target = out_dir / "export.xlsx"
    target.write_bytes(OLD_BYTES)
    before = db_state(demo.database_path)

    with monkeypatch.context() as patch:
        fail_after(patch, 100, RuntimeError("boom"))
        assert failing_export(demo.database_path, target, demo.reference)[0] is RuntimeError
    assert target.read_bytes() == OLD_BYTES

    with monkeypatch.context() as patch:
        fail_after(patch, 600, OSError(errno.ENOSPC, "No space left on device"))
        assert failing_export(demo.database_path, target, demo.reference)[0] is AppError
    assert target.read_bytes() == OLD_BYTES

    kind, _, _ = failing_export(demo.database_path, target, demo.reference, cancelled=lambda: True)
    assert kind is ExportCancelled
    assert target.read_bytes() == OLD_BYTES

    with monkeypatch.context() as patch:
        break_encryption(patch, OSError(errno.ENOSPC, "No space left on device"))
        kind, message, _ = failing_export(demo.database_path, target, demo.reference, password="pw")
        assert kind is AppError and "not enough space" in message
    assert target.read_bytes() == OLD_BYTES
    assert part_files(out_dir) == []

    with monkeypatch.context() as patch:
        break_encryption(patch, ValueError("a bug in the encryption library"))
        assert failing_export(demo.database_path, target, demo.reference, password="pw")[0] is ValueError
    assert target.read_bytes() == OLD_BYTES
    assert part_files(out_dir) == []
    assert db_state(demo.database_path) == before

    result = export_package(demo.database_path, target, demo.reference)
    assert target.read_bytes() != OLD_BYTES
    package = read_export(target, demo.reference)
    assert package.checksum_matches and package.manifest["export_id"] == result.export_id
    assert part_files(out_dir) == []
    assert [entry["export_seq"] for entry in db_state(demo.database_path)["log"]] == [1]


def test_a_full_disk_while_zipping_gives_the_friendly_message(demo, out_dir, monkeypatch):
    target = out_dir / "export.xlsx"
    target.write_bytes(OLD_BYTES)

    def write(self, filename, arcname=None, *args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(zipfile.ZipFile, "write", write)
    kind, message, _ = failing_export(demo.database_path, target, demo.reference)
    assert target.read_bytes() == OLD_BYTES
    assert part_files(out_dir) == []
    assert kind is AppError and "not enough space" in message
