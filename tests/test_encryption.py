"""The optional database passphrase (SQLCipher): only the right passphrase opens the data,
what people said is in no file as plain text (database, -wal, backups: read as raw bytes, as
someone who seized the laptop would), a wrong passphrase is never taken for damage, backups
stay encrypted and restore, background exports and merges find the key, and the passphrase
can be changed and removed, through the CLI, the services and the desktop app.

The real key derivation (PBKDF2, 256,000 rounds, ~0.1 s) runs in every test: no test hook."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from consultation_app.cli.main import main
from consultation_app.domain.records import CONSULTATION, FEEDBACK
from consultation_app.errors import InputError
from consultation_app.paths import DATABASE_NAME
from consultation_app.services import passphrase
from consultation_app.services.workspace import Workspace
from consultation_app.storage import backup, encryption, errors
from consultation_app.storage.errors import (
    DamagedDatabaseError,
    DatabaseLockedError,
    PassphraseRequiredError,
    StorageError,
    WrongPassphraseError,
)

ROOT = Path(__file__).resolve().parents[1]
PASS = "mekong river at dawn"
NEW_PASS = "ស្ទឹងសែន-2024-monsoon"  # Khmer and Latin: the passphrase is NFC-normalised UTF-8
WRONG = "mekong river at dusk"
MARKER = "Qx7Dara-Kim-defender-said-the-land-was-taken-6612"
LATER_MARKER = "Qx7typed-after-the-passphrase-was-set-9034"
SIDE_FILES = ("", "-wal", "-shm", "-journal")


@pytest.fixture(autouse=True)
def no_keys_between_tests():
    """The key registry is process-wide: every test starts and ends with no key known."""
    encryption.forget()
    yield
    encryption.forget()


# -- helpers ---------------------------------------------------------------------------------

def add_consultation(ws, title: str = "Stung Treng fisheries consultation") -> dict:
    return ws.records.create(CONSULTATION, {
        "title": title, "stakeholder_group": "civil_society", "province": "stung_treng",
        "start_date": "2024-03-05", "participants_women": 6, "participants_men": 5})


def add_marked_feedback(ws, comment: str = MARKER) -> dict:
    consultation = add_consultation(ws)
    return ws.records.create(FEEDBACK, {"consultation_uuid": consultation["uuid"], "recommendation_code": "KH3-30",
                                        "comment": comment})


def encrypted_folder(data_dir: Path, *, backups: int = 1) -> Path:
    """A data folder with marked feedback and ``backups`` plain backups, then a passphrase set."""
    ws = Workspace()
    add_marked_feedback(ws)
    for _ in range(backups):
        backup.make_backup(ws.database_path, backup.MANUAL, folder=data_dir / "backups")
    ws.close()
    passphrase.set_passphrase(ws.database_path, PASS)
    encryption.forget()
    return ws.database_path


def files_holding(folder: Path, *needles: str) -> list[str]:
    """'file: needle' for every file under ``folder`` whose raw bytes hold a needle."""
    found = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        data = path.read_bytes()
        found += [f"{path.name}: {needle}" for needle in needles if needle.encode("utf-8") in data]
    return found


def plain_sqlite(path: Path, sql: str):
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchone()
    finally:
        conn.close()


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def cli(capsys, data_dir, *args):
    code = main(["--data-dir", str(data_dir), *args])
    out, err = capsys.readouterr()
    return code, out, err


def start_app(data_dir: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen", **(env or {}))
    environment.pop("CONSULTATION_APP_DATA_DIR", None)
    if not (env or {}).get("CONSULTATION_APP_PASSPHRASE"):
        environment.pop("CONSULTATION_APP_PASSPHRASE", None)
    return subprocess.run([sys.executable, "-m", "consultation_app", "--data-dir", str(data_dir), *args],
                          cwd=ROOT, env=environment, capture_output=True, text=True, encoding="utf-8", timeout=60)


# -- only the right passphrase opens it -------------------------------------------------------

def test_cli_set_then_only_the_right_passphrase_opens(capsys, data_dir, monkeypatch):
    ws = Workspace()
    add_marked_feedback(ws)
    ws.close()
    monkeypatch.setenv("NEW_PP", PASS)
    code, out, err = cli(capsys, data_dir, "passphrase", "set", "--new-env", "NEW_PP")
    assert code == 0, err
    assert "is now protected by a passphrase" in out and "cannot be recovered" in out and "full-disk" in out
    assert encryption.is_encrypted(data_dir / DATABASE_NAME)
    encryption.forget()

    code, out, err = cli(capsys, data_dir, "summary")
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and str(data_dir / DATABASE_NAME) in err
    assert "protected by a passphrase" in err and "--passphrase-env VAR" in err

    monkeypatch.setenv("PP", WRONG)
    code, out, err = cli(capsys, data_dir, "--passphrase-env", "PP", "summary")
    assert code == 1 and "wrong passphrase" in err and "damaged" not in err and "backup" not in err

    monkeypatch.setenv("PP", PASS)
    code, out, err = cli(capsys, data_dir, "--passphrase-env", "PP", "summary", "--json")
    assert code == 0, err
    assert '"feedback": 1' in out

    with pytest.raises(sqlite3.DatabaseError, match="not a database"):  # plain SQLite sees no database
        plain_sqlite(data_dir / DATABASE_NAME, "SELECT count(*) FROM sqlite_master")


def test_service_set_leaves_no_plain_text_in_the_database_its_wal_or_any_backup(data_dir):
    ws = Workspace()
    add_marked_feedback(ws)
    before = backup.make_backup(ws.database_path, backup.MANUAL)
    ws.close()
    assert files_holding(data_dir, MARKER), "the check itself works: the plain files hold the marker"

    result = passphrase.set_passphrase(ws.database_path, PASS)
    assert result.backups == [before.path] and not result.plain_left
    assert not ws.database_path.read_bytes().startswith(encryption.PLAIN_HEADER)
    assert encryption.is_encrypted(before.path)
    assert files_holding(data_dir, MARKER) == []

    encryption.forget()
    with pytest.raises(PassphraseRequiredError):
        Workspace()
    assert encryption.unlock(ws.database_path, PASS)
    ws = Workspace()
    try:
        add_marked_feedback(ws, LATER_MARKER)  # committed: in the -wal file until a checkpoint
        assert Path(f"{ws.database_path}-wal").stat().st_size > 0
        daily = backup.make_backup(ws.database_path, backup.DAILY)  # from the open, encrypted database
        assert encryption.is_encrypted(daily.path)
        assert daily.path.read_bytes()[:16] == ws.database_path.read_bytes()[:16], "same salt: same passphrase"
        assert files_holding(data_dir, MARKER, LATER_MARKER) == []
        assert {r["comment"] for r in ws.records.query(FEEDBACK)} == {MARKER, LATER_MARKER}
    finally:
        ws.close()
    assert files_holding(data_dir, MARKER, LATER_MARKER) == []


# -- a wrong passphrase is not damage ------------------------------------------------------------

def test_a_wrong_passphrase_is_said_so_offers_no_backup_and_changes_nothing(data_dir):
    database = encrypted_folder(data_dir)
    before = snapshot(data_dir)
    with pytest.raises(WrongPassphraseError, match="wrong passphrase") as raised:
        encryption.unlock(database, WRONG)
    assert str(database) in str(raised.value) and "damaged" not in str(raised.value)
    with pytest.raises(PassphraseRequiredError):  # never DamagedDatabaseError: no backup offered
        Workspace()
    with pytest.raises(PassphraseRequiredError):
        backup.quick_check(database)
    assert snapshot(data_dir) == before
    assert not list(data_dir.glob("damaged-*"))


def test_a_damaged_encrypted_database_offers_its_encrypted_backup(data_dir):
    database = encrypted_folder(data_dir)
    encryption.unlock(database, PASS)
    ws = Workspace()
    for i in range(300):
        add_consultation(ws, f"Consultation {i} " + "x" * 300)
    ws.close()
    with open(database, "r+b") as handle:  # damage in the middle, header and salt intact
        handle.seek(database.stat().st_size // 2 // 4096 * 4096)
        handle.write(b"\xa5" * 65536)
    with pytest.raises(DamagedDatabaseError) as raised:
        Workspace()
    assert raised.value.backup is not None and encryption.is_encrypted(raised.value.backup.path)
    result = backup.restore(raised.value.backup.path, database)
    assert result.encrypted
    with Workspace() as ws:
        assert [r["comment"] for r in ws.records.query(FEEDBACK)] == [MARKER]


# -- backups -----------------------------------------------------------------------------------

def test_backups_are_encrypted_and_restore_with_the_passphrase(capsys, data_dir, monkeypatch):
    database = encrypted_folder(data_dir, backups=0)
    monkeypatch.setenv("PP", PASS)
    code, out, err = cli(capsys, data_dir, "--passphrase-env", "PP", "backup", "--out", str(data_dir / "copy.db"))
    assert code == 0 and "encrypted" in out, err
    copy = data_dir / "copy.db"
    assert encryption.is_encrypted(copy) and files_holding(data_dir, MARKER) == []
    with pytest.raises(sqlite3.DatabaseError):
        plain_sqlite(copy, "SELECT count(*) FROM sqlite_master")

    encryption.forget()
    info = backup.BackupInfo(copy, None, "manual", copy.stat().st_size)
    assert info.checked().verified is False, "without the passphrase a backup cannot be checked"
    code, out, err = cli(capsys, data_dir, "restore", str(copy))
    assert code == 1 and "protected by a passphrase" in err and "--passphrase-env" in err

    code, out, err = cli(capsys, data_dir, "--passphrase-env", "PP", "restore", str(copy))
    assert code == 0, err
    assert "protected by the passphrase the backup was made with" in out
    assert backup.quick_check(database) and encryption.is_encrypted(database)
    assert files_holding(data_dir, MARKER) == []


# -- background work finds the key -------------------------------------------------------------

def test_export_and_merge_of_encrypted_databases_on_background_threads(qtbot, tmp_path):
    from consultation_app.exchange.export import export_package
    from consultation_app.exchange.merge import MERGED, merge_paths
    from consultation_app.ui.background import Background

    field, central = tmp_path / "field" / DATABASE_NAME, tmp_path / "central" / DATABASE_NAME
    for path in (field, central):
        path.parent.mkdir()
        ws = Workspace(path)
        if path == field:
            add_marked_feedback(ws)
        ws.close()
    passphrase.set_passphrase(field, PASS)
    passphrase.set_passphrase(central, NEW_PASS)  # two families, two keys, one process
    encryption.forget()
    encryption.unlock(field, PASS)
    encryption.unlock(central, NEW_PASS)
    with Workspace(field) as field_ws, Workspace(central) as central_ws:
        background = Background()
        out = tmp_path / "field-export.xlsx"
        results, failures, threads = [], [], []

        def on_a_thread(fn):
            def task(progress, cancelled):
                threads.append(threading.current_thread())
                return fn()
            return task

        background.start(on_a_thread(lambda: export_package(field, out, field_ws.reference)),
                         on_result=results.append, on_error=failures.append)
        qtbot.waitUntil(lambda: bool(results or failures), timeout=20_000)
        assert not failures, failures
        assert results[0].counts["feedback"] == 1
        background.start(on_a_thread(lambda: merge_paths(central, [out], central_ws.reference)),
                         on_result=results.append, on_error=failures.append)
        qtbot.waitUntil(lambda: len(results) == 2 or bool(failures), timeout=20_000)
        background.wait()
        assert not failures, failures
        assert threading.main_thread() not in threads
        assert [r.status for r in results[1]] == [MERGED]
        assert MARKER in {r["comment"] for r in central_ws.records.query(FEEDBACK)}
    assert files_holding(tmp_path / "central", MARKER) == []


# -- changing and removing ----------------------------------------------------------------------

def test_change_then_remove_the_passphrase_with_the_backups(data_dir):
    database = encrypted_folder(data_dir, backups=1)
    with pytest.raises(PassphraseRequiredError):
        passphrase.change_passphrase(database, NEW_PASS)
    encryption.unlock(database, PASS)
    with pytest.raises(InputError, match="too short"):
        passphrase.change_passphrase(database, "short")
    result = passphrase.change_passphrase(database, NEW_PASS)
    assert len(result.backups) == 1 and not result.left_as_they_were
    encryption.forget()
    with pytest.raises(WrongPassphraseError):
        encryption.unlock(database, PASS)
    encryption.unlock(database, NEW_PASS)
    assert all(backup.quick_check(info.path) for info in backup.list_backups(data_dir / "backups"))
    with Workspace() as ws:
        assert [r["comment"] for r in ws.records.query(FEEDBACK)] == [MARKER]

    result = passphrase.remove_passphrase(database)
    assert result.action == passphrase.REMOVED and len(result.backups) == 1
    assert not encryption.is_encrypted(database)
    assert not any(encryption.is_encrypted(info.path) for info in backup.list_backups(data_dir / "backups"))
    assert plain_sqlite(database, "SELECT count(*) FROM feedback") == (1,)
    with pytest.raises(InputError, match="not protected by a passphrase"):
        passphrase.remove_passphrase(database)


def test_cli_change_and_remove_exit_codes(capsys, data_dir, monkeypatch):
    encrypted_folder(data_dir, backups=0)
    monkeypatch.setenv("PP", PASS)
    monkeypatch.setenv("NEW_PP", NEW_PASS)
    code, _, err = cli(capsys, data_dir, "passphrase", "change", "--new-env", "NEW_PP")
    assert code == 1 and "protected by a passphrase" in err and "--passphrase-env" in err
    code, _, err = cli(capsys, data_dir, "--passphrase-env", "PP", "passphrase", "set", "--new-env", "NEW_PP")
    assert code == 1 and "already protected" in err
    with pytest.raises(SystemExit) as usage:
        main(["--data-dir", str(data_dir), "passphrase", "change"])
    assert usage.value.code == 2
    capsys.readouterr()
    code, out, err = cli(capsys, data_dir, "--passphrase-env", "PP", "passphrase", "change", "--new-env", "NEW_PP")
    assert code == 0 and "has a new passphrase" in out, err
    encryption.forget()
    monkeypatch.setenv("PP", NEW_PASS)
    code, out, err = cli(capsys, data_dir, "--passphrase-env", "PP", "passphrase", "remove")
    assert code == 0 and "no longer protected" in out, err
    code, _, err = cli(capsys, data_dir, "passphrase", "remove")
    assert code == 1 and "not protected by a passphrase" in err


def test_conversion_refuses_while_another_connection_has_the_database_open(data_dir):
    ws = Workspace()
    add_marked_feedback(ws)
    try:
        with pytest.raises(StorageError, match="the database is in use"):
            passphrase.set_passphrase(ws.database_path, PASS)
        assert not encryption.is_encrypted(ws.database_path)
        assert [r["comment"] for r in ws.records.query(FEEDBACK)] == [MARKER]
        assert not list(data_dir.glob(".*converting*"))
    finally:
        ws.close()
    passphrase.set_passphrase(ws.database_path, PASS)
    with Workspace() as ws:  # the same check with sqlcipher3's connections
        with pytest.raises(StorageError, match="the database is in use"):
            passphrase.remove_passphrase(ws.database_path)
        with pytest.raises(StorageError, match="the database is in use"):
            passphrase.change_passphrase(ws.database_path, NEW_PASS)
        assert [r["comment"] for r in ws.records.query(FEEDBACK)] == [MARKER]
    assert encryption.is_encrypted(ws.database_path)


# -- errors ------------------------------------------------------------------------------------

def test_sqlcipher_errors_get_the_same_messages_as_sqlite_ones(data_dir):
    database = encrypted_folder(data_dir, backups=0)
    encryption.unlock(database, PASS)
    holder = encryption.open_connection(database, isolation_level=None)
    other = encryption.open_connection(database, isolation_level=None, timeout=0.05)
    try:
        holder.execute("BEGIN IMMEDIATE")
        with pytest.raises(errors.DATABASE_ERRORS) as raised:
            other.execute("CREATE TABLE t (a)")
        assert not isinstance(raised.value, sqlite3.Error), "this is sqlcipher3's own class"
        assert isinstance(errors.classify(raised.value, database), DatabaseLockedError)
    finally:
        holder.rollback()
        holder.close()
        other.close()


def test_database_errors_are_caught_through_the_shared_tuple_only():
    """`except sqlite3.Error` would miss sqlcipher3's errors; a `from ... import DATABASE_ERRORS`
    copy would too (bound before sqlcipher3 is loaded). sqlcipher3 is imported in one place."""
    offending = []
    for path in sorted((ROOT / "consultation_app").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        name = str(path.relative_to(ROOT))
        if re.search(r"^\s*except\b[^:\n]*sqlite3\.", text, re.MULTILINE):
            offending.append(f"{name}: except sqlite3.*")
        if re.search(r"^\s*from\s+\S+\s+import[^\n]*\bDATABASE_ERRORS\b", text, re.MULTILINE):
            offending.append(f"{name}: imports DATABASE_ERRORS")
        if ("import sqlcipher3" in text or "from sqlcipher3" in text) and not name.endswith("encryption.py"):
            offending.append(f"{name}: imports sqlcipher3")
    assert offending == []


def test_the_plain_path_never_imports_sqlcipher3(tmp_path):
    code = ("import sys; from consultation_app.cli.main import main; "
            f"code = main(['--data-dir', {str(tmp_path / 'data')!r}, 'summary', '--json']); "
            "print('LOADED' if 'sqlcipher3' in sys.modules else 'NOT LOADED', file=sys.stderr); sys.exit(code)")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60,
                            env={k: v for k, v in os.environ.items() if k != "CONSULTATION_APP_DATA_DIR"})
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == "NOT LOADED"


# -- the desktop app -----------------------------------------------------------------------------

def test_the_app_starts_offscreen_on_an_encrypted_folder_only_with_the_passphrase(data_dir):
    encrypted_folder(data_dir, backups=1)
    before = snapshot(data_dir)
    result = start_app(data_dir, "--smoke-test", env={"CONSULTATION_APP_PASSPHRASE": PASS})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().isdigit() and "Traceback" not in result.stderr

    result = start_app(data_dir, "--smoke-test")
    assert result.returncode == 1 and result.stdout == ""
    [line] = result.stderr.strip().splitlines()
    assert "protected by a passphrase" in line and "CONSULTATION_APP_PASSPHRASE" in line

    during = snapshot(data_dir)
    result = start_app(data_dir, "--smoke-test", env={"CONSULTATION_APP_PASSPHRASE": WRONG})
    assert result.returncode == 1
    [line] = result.stderr.strip().splitlines()
    assert "wrong passphrase" in line and "damaged" not in line and "backup" not in line
    assert snapshot(data_dir) == during, "a wrong passphrase changes nothing"
    assert set(before) <= set(during) and not list(data_dir.glob("damaged-*"))
    assert files_holding(data_dir, MARKER) == []


def test_the_dialog_says_wrong_and_asks_again(qtbot, data_dir):
    from consultation_app.ui.passphrase_dialog import PassphraseDialog

    database = encrypted_folder(data_dir, backups=0)
    dialog = PassphraseDialog(database, lambda text: encryption.unlock(database, text))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.passphrase.echoMode() == dialog.passphrase.EchoMode.Password
    qtbot.keyClicks(dialog.passphrase, WRONG)
    dialog.open_button.click()
    assert dialog.isVisible() and dialog.result() != dialog.DialogCode.Accepted
    assert "Wrong passphrase" in dialog.problem.text() and dialog.passphrase.text() == ""
    assert not encryption.is_unlocked(database)
    qtbot.keyClicks(dialog.passphrase, PASS)
    dialog.open_button.click()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert encryption.is_unlocked(database)


def test_the_file_menu_sets_the_passphrase_and_the_window_keeps_working(qtbot, workspace, monkeypatch):
    from PySide6.QtWidgets import QDialog, QMessageBox

    from consultation_app.ui import passphrase_settings
    from consultation_app.ui.background import Background
    from consultation_app.ui.main_window import MainWindow

    monkeypatch.setattr(Background, "synchronous", True)
    window = MainWindow(workspace, "en")
    qtbot.addWidget(window)
    add_marked_feedback(workspace)
    assert window.findChild(type(window.menuBar().actions()[0]), "action_passphrase") is not None

    def fill(dialog):
        for new, again, ticked, expected in (("short", "short", True, "too short"),
                                             (PASS, PASS + "x", True, "differ"),
                                             (PASS, PASS, False, "Tick the box")):
            dialog.new.setText(new)
            dialog.again.setText(again)
            dialog.understood.setChecked(ticked)
            dialog.accept()
            assert expected in dialog.problem.text() and dialog.result() != QDialog.DialogCode.Accepted
        assert "no way to recover" in dialog.warning.text() and "full-disk encryption" in dialog.warning.text()
        dialog.again.setText(PASS)
        dialog.understood.setChecked(True)
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(passphrase_settings.PassphraseSettingsDialog, "exec", fill)
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: told.append(text))
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: told.append("FAILED " + text))
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: told.append("CRITICAL " + text))
    window.passphrase_settings()
    assert told and told[0].startswith("The database is now protected"), told
    assert encryption.is_encrypted(workspace.database_path)
    add_marked_feedback(workspace, LATER_MARKER)  # the window's connection was opened again
    assert {r["comment"] for r in workspace.records.query(FEEDBACK)} == {MARKER, LATER_MARKER}
    window.autosaver.flush()
    assert files_holding(workspace.database_path.parent, MARKER, LATER_MARKER) == []
