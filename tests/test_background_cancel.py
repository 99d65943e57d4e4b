"""Issue 17.5: the background helper's handle cancels the work with a progress window and
without one, threaded and inline; the work stops, and nothing is half-stored: every workbook
of the merge is in the database whole or not at all."""

import sqlite3
import threading
from pathlib import Path

import pytest

from consultation_app.exchange.export import export_package
from consultation_app.exchange.merge import merge_paths
from consultation_app.services.demo import add_demo_data
from consultation_app.services.workspace import Workspace
from consultation_app.ui.background import Background, Cancelled, steps

FILES = 4


@pytest.fixture(scope="module")
def exports(tmp_path_factory):
    root = tmp_path_factory.mktemp("laptops")
    made = []
    for i in range(FILES):
        with Workspace(database_path=root / f"laptop-{i}.sqlite3") as ws:
            add_demo_data(ws, 2, 40 + i, feedback_mean=5)
            made.append((export_package(ws.database_path, root / f"laptop-{i}.xlsx", ws.reference).path,
                         {row[0] for row in ws.db.execute("SELECT uuid FROM feedback WHERE NOT sensitive")}))
    return made


def stored_feedback(database: Path) -> set[str]:
    conn = sqlite3.connect(database)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return {row[0] for row in conn.execute("SELECT uuid FROM feedback")}
    finally:
        conn.close()


def click_cancel(background: Background) -> None:
    from PySide6.QtWidgets import QPushButton

    button = background.progress.findChild(QPushButton)
    assert button is not None and button.isVisible()
    button.click()


def assert_whole_or_absent(database: Path, exports, merged_files: int) -> None:
    held = stored_feedback(database)
    for index, (_, uuids) in enumerate(exports):
        if index < merged_files:
            assert uuids <= held, f"file {index} merged, all of it"
        else:
            assert not uuids & held, f"file {index} untouched after the cancel"


@pytest.mark.parametrize("synchronous, with_progress", [(False, False), (True, False), (False, True)])
def test_cancel_stops_the_merge_and_leaves_nothing_half_stored(qtbot, workspace, exports, monkeypatch,
                                                               synchronous, with_progress):
    from PySide6.QtWidgets import QWidget

    monkeypatch.setattr(Background, "synchronous", synchronous)
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    background = Background(window)
    database, reference = workspace.database_path, workspace.reference
    gui_saw_first_file = threading.Event()
    outcome: dict = {}

    def work(progress, cancelled):
        def step(done, total):
            progress(done, total)
            if not synchronous:  # the GUI thread acts on the first file's progress before the merge goes on
                gui_saw_first_file.wait(5)
        return merge_paths(database, [path for path, _ in exports], reference, progress=step, cancelled=cancelled)

    handle = {}

    def on_progress(done, total):
        if done == 1 and "cancelled" not in outcome:
            outcome["cancelled"] = True
            if with_progress:
                click_cancel(background)  # the person clicks Cancel in the progress window
            else:
                handle["task"].cancel()
            gui_saw_first_file.set()

    done = []
    if with_progress:
        task = background.run_with_progress(window, "Merging…", work, cancellable=True,
                                            on_result=lambda run: outcome.setdefault("run", run))
        task.signals.progress.connect(on_progress)
        task.signals.done.connect(lambda: done.append(True))  # threaded: connected before it can end
    else:
        background.start(work, on_result=lambda run: outcome.setdefault("run", run), on_progress=on_progress,
                         on_done=lambda: done.append(True), on_ready=lambda task: handle.setdefault("task", task))
    qtbot.waitUntil(lambda: bool(done), timeout=20000)
    run = outcome["run"]
    assert outcome["cancelled"] and len(run) == 1, "stopped after the file being merged"
    assert_whole_or_absent(database, exports, 1)
    assert not background.busy()


def test_cancel_from_an_inline_progress_window(qtbot, workspace, exports, monkeypatch):
    """Inline (tests' mode) too, the progress window's Cancel reaches the running work."""
    from PySide6.QtWidgets import QWidget

    monkeypatch.setattr(Background, "synchronous", True)
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    background = Background(window)
    database, reference = workspace.database_path, workspace.reference
    results = []

    def work(progress, cancelled):
        def step(done, total):
            progress(done, total)
            if done == 1:
                click_cancel(background)  # while the work runs
        return merge_paths(database, [path for path, _ in exports], reference, progress=step, cancelled=cancelled)

    task = background.run_with_progress(window, "Merging…", work, cancellable=True, on_result=results.append)
    assert task.cancelled() and len(results[0]) == 1
    assert_whole_or_absent(database, exports, 1)
    assert background.progress is None  # the window closed


def test_the_progress_helper_stops_with_cancelled_and_a_transaction_is_rolled_back(qtbot, workspace,
                                                                                  monkeypatch):
    """``steps`` raises Cancelled before the next item: what the task wrote in its
    transaction is rolled back, and the cancel is not shown as a failure."""
    from consultation_app.domain.records import CONSULTATION

    monkeypatch.setattr(Background, "synchronous", True)
    shown, cancelled_seen = [], []
    background = Background()
    monkeypatch.setattr(background, "show_failure", lambda error, title=None: shown.append(error))
    before = len(workspace.records.query(CONSULTATION))

    def work(progress, cancelled):
        with workspace.db.atomic():
            for i in steps(range(10), progress, cancelled):
                workspace.records.create(CONSULTATION, {"title": f"c{i}", "start_date": "2026-12-05"})

    background.start(work, on_progress=lambda done, total: done == 3 and background.cancel(),
                     on_cancelled=lambda: cancelled_seen.append(True))
    assert cancelled_seen == [True] and shown == []
    assert len(workspace.records.query(CONSULTATION)) == before, "nothing half-stored"
    with pytest.raises(Cancelled):
        list(steps([1, 2], lambda d, t: None, lambda: True))
