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


def test_an_unhandled_failure_is_shown_a_user_error_as_it_is_a_bug_in_one_line(qtbot, monkeypatch, caplog):
    """Anki's ergonomics (aqt/operations): with no on_error a failure is not dropped."""
    from PySide6.QtWidgets import QMessageBox, QWidget

    from consultation_app.errors import AppError

    monkeypatch.setattr(Background, "synchronous", True)
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append((parent, text)))
    window = QWidget()
    qtbot.addWidget(window)
    background = Background(window)

    def user_error(progress, cancelled):
        raise AppError("minutes.docx is a Word document, not an export workbook")

    def bug(progress, cancelled):
        return {}["missing"]

    background.start(user_error)
    assert shown == [(window, "minutes.docx is a Word document, not an export workbook")]
    with caplog.at_level("ERROR"):
        background.start(bug)
    assert "KeyError" in shown[-1][1] and "Traceback" not in shown[-1][1] and "\n" not in shown[-1][1]
    assert "Traceback" in caplog.text  # the details, for whoever fixes it


def test_run_with_progress_shows_a_window_while_working_then_closes_it(qtbot, monkeypatch):
    from PySide6.QtWidgets import QWidget

    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    background = Background(window)
    results, seen = [], []

    def work(progress, cancelled):
        for i in range(3):
            progress(i + 1, 3)
            seen.append(background.progress is not None)
        return "done"

    background.run_with_progress(window, "Writing…", work, on_result=results.append)
    qtbot.waitUntil(lambda: results == ["done"], timeout=5000)
    qtbot.waitUntil(lambda: background.progress is None, timeout=5000)  # closed once done
    assert seen == [True, True, True]  # shown while the work ran
