"""Power cut mid-typing: the app is killed with SIGKILL while someone types without pause.
At most the last second of typing may be missing, and the app reopens where it was."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from consultation_app.domain.records import FEEDBACK
from tests.crash_typing_app import TEXT

ROOT = Path(__file__).resolve().parents[1]


def run_and_kill(data_dir: Path, typing_seconds: float, interval_ms: int = 25):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-m", "tests.crash_typing_app", str(data_dir), str(interval_ms)],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    stamps: list[tuple[float, int]] = []
    assert proc.stdout.readline().strip() == "ready"
    started = time.monotonic()
    for line in proc.stdout:
        stamps.append((time.monotonic(), int(line)))
        if time.monotonic() - started >= typing_seconds:
            break
    proc.send_signal(signal.SIGKILL)
    killed_at = time.monotonic()
    proc.wait()
    proc.stdout.close()
    return stamps, killed_at


@pytest.mark.parametrize("typing_seconds", [1.7, 3.1])
def test_sigkill_mid_typing_loses_at_most_the_last_second(tmp_path, typing_seconds):
    data_dir = tmp_path / "data"
    stamps, killed_at = run_and_kill(data_dir, typing_seconds)
    typed = stamps[-1][1]
    # Characters typed more than a second before the kill must be on disk.
    must_have = max((count for stamp, count in stamps if stamp <= killed_at - 1.0), default=0)
    assert must_have > 20, "the typist typed too little for the test to mean anything"

    from consultation_app import paths
    from consultation_app.services.workspace import Workspace

    paths.set_data_dir(data_dir)
    try:
        workspace = Workspace()
        assert workspace.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        entries = workspace.records.query(FEEDBACK)
        assert len(entries) == 1
        comment = entries[0]["comment"]
        assert TEXT.startswith(comment), "what was saved is exactly what was typed"
        assert must_have <= len(comment) <= typed
        workspace.close()
    finally:
        paths.set_data_dir(None)


def test_app_reopens_where_the_officer_was_after_a_kill(qtbot, tmp_path):
    data_dir = tmp_path / "data"
    run_and_kill(data_dir, 1.6)
    from consultation_app import paths
    from consultation_app.services.workspace import Workspace
    from consultation_app.ui.main_window import RECOMMENDATIONS_TAB, MainWindow

    paths.set_data_dir(data_dir)
    try:
        workspace = Workspace()
        window = MainWindow(workspace)
        qtbot.addWidget(window)
        assert window.consultation is not None
        assert window.tabs.currentIndex() == RECOMMENDATIONS_TAB
        assert window.recs.current_code() == "KH3-44"
        shown = window.feedback.binder.widgets["comment"].toPlainText()
        assert len(shown) > 20 and TEXT.startswith(shown)
        window.close()
        workspace.close()
    finally:
        paths.set_data_dir(None)
