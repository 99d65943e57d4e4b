"""Starting the desktop app: smoke test, one instance per data folder, first run."""

import os
import socket
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QLockFile

from consultation_app.storage import settings_store

ROOT = Path(__file__).resolve().parents[1]


def start(data_dir: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("CONSULTATION_APP_DATA_DIR", None)
    return subprocess.run([sys.executable, "-m", "consultation_app", "--data-dir", str(data_dir), *args],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)


def test_smoke_test_opens_the_window_and_reports_milliseconds(tmp_path):
    result = start(tmp_path / "data", "--smoke-test")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().isdigit()
    assert "Traceback" not in result.stderr
    assert (tmp_path / "data" / "consultations.sqlite3").exists()


def test_a_second_instance_on_the_same_folder_says_so_and_exits(tmp_path):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    lock = QLockFile(str(data_dir / "app.lock"))
    assert lock.tryLock(0)
    try:
        result = start(data_dir, "--smoke-test")
    finally:
        lock.unlock()
    assert result.returncode == 1
    assert "already using the data folder" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout.strip() == ""


def test_a_lock_left_by_a_killed_app_does_not_block(tmp_path):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    # QLockFile's format: pid, application name, host name. No process has this pid.
    (data_dir / "app.lock").write_text(f"4194000\nconsultation-app\n{socket.gethostname()}\n")
    result = start(data_dir, "--smoke-test")
    assert result.returncode == 0, result.stderr


def test_first_run_asks_for_device_and_officer(qtbot, workspace):
    from consultation_app.ui.app import apply_first_run
    from consultation_app.ui.first_run import FirstRunDialog

    dialog = FirstRunDialog(workspace.reference, "field-laptop")
    qtbot.addWidget(dialog)
    dialog.officer_name.clear()
    dialog.buttons.accepted.emit()
    assert dialog.result() != FirstRunDialog.DialogCode.Accepted
    assert "your name" in dialog.problem.text()
    qtbot.keyClicks(dialog.officer_name, "Sophea")
    dialog.province.setCurrentIndex(dialog.province.findData("ratanakiri"))
    dialog.buttons.accepted.emit()
    assert dialog.result() == FirstRunDialog.DialogCode.Accepted
    apply_first_run(workspace, dialog.values())
    assert settings_store.get(workspace.db, settings_store.OFFICER_NAME) == "Sophea"
    assert settings_store.get(workspace.db, settings_store.DEVICE_NAME) == "field-laptop"
    assert settings_store.get(workspace.db, settings_store.DEFAULT_PROVINCE) == "ratanakiri"
    assert workspace.records.officer == "Sophea"
