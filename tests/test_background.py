"""The background-work helper: results, errors, progress and cancel reach the GUI thread."""

import threading

import pytest
from PySide6.QtCore import QThread

from consultation_app.ui.background import Background


def test_result_and_progress_arrive_on_the_gui_thread(qtbot):
    background = Background()
    gui_thread = QThread.currentThread()
    seen = {"progress": [], "threads": set()}

    def work(progress, cancelled, n):
        worker = threading.get_ident()
        for i in range(n):
            progress(i + 1, n)
        return worker

    def on_progress(done, total):
        seen["progress"].append((done, total))
        seen["threads"].add(QThread.currentThread() is gui_thread)

    finished = []  # connected before the task starts: it may finish before the next line runs
    background.start(work, 3, on_progress=on_progress, on_done=lambda: finished.append(True))
    qtbot.waitUntil(lambda: bool(finished), timeout=5000)
    qtbot.waitUntil(lambda: len(seen["progress"]) == 3)
    assert seen["progress"] == [(1, 3), (2, 3), (3, 3)]
    assert seen["threads"] == {True}
    assert not background.busy()


def test_result_is_from_another_thread_and_errors_are_delivered(qtbot):
    background = Background()
    results, errors = [], []
    task = background.start(lambda progress, cancelled: threading.get_ident(), on_result=results.append)
    qtbot.waitUntil(lambda: bool(results), timeout=5000)
    assert results[0] != threading.get_ident()

    def broken(progress, cancelled):
        raise ValueError("disk pulled out")

    background.start(broken, on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert isinstance(errors[0], ValueError) and "disk pulled out" in str(errors[0])
    assert "Traceback" in errors[0].__traceback_text__
    assert task is not None


def test_cancel_stops_between_steps(qtbot):
    background = Background()
    started, steps, results = threading.Event(), [], []
    release = threading.Event()

    def long_job(progress, cancelled):
        started.set()
        release.wait(5)
        for i in range(1000):
            if cancelled():
                return "cancelled"
            steps.append(i)
        return "finished"

    task = background.start(long_job, on_result=results.append)
    assert started.wait(5)
    task.cancel()
    release.set()
    qtbot.waitUntil(lambda: bool(results), timeout=5000)
    assert results == ["cancelled"] and steps == []


@pytest.mark.parametrize("synchronous", [True])
def test_synchronous_mode_for_tests(qtbot, monkeypatch, synchronous):
    monkeypatch.setattr(Background, "synchronous", synchronous)
    background = Background()
    results = []
    background.start(lambda progress, cancelled: 42, on_result=results.append)
    assert results == [42]
