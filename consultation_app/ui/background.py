"""The one way the app runs long work (exports, merges) off the GUI thread.

A task is a plain function ``fn(progress, cancelled, *args)``: it reports progress with
``progress(done, total)`` and checks ``cancelled()`` between steps. Results, errors and
progress arrive as Qt signals on the GUI thread. Tests may set ``Background.synchronous``
to run tasks inline and deterministically.

As Anki's aqt/operations: a failure nobody handles is not dropped (``failure_message`` says a
user's error as it is, a bug in one short line with its traceback in the log), and
``run_with_progress`` puts a task behind a progress window.
"""

from __future__ import annotations

import logging
import threading
import traceback
from typing import TYPE_CHECKING, Any, Callable

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal

from consultation_app.errors import AppError

if TYPE_CHECKING:
    from PySide6.QtWidgets import QProgressDialog

log = logging.getLogger(__name__)
TRACEBACK_TEXT = "__traceback_text__"  # set on a task's exception: its traceback, for the log


def failure_message(error: Exception) -> str:
    """What to tell a person: an AppError's own one-line message; for anything else (a bug) a
    short line, the traceback going to the log."""
    if isinstance(error, AppError):
        return str(error)
    log.error("%s", getattr(error, TRACEBACK_TEXT, None) or repr(error))
    return QCoreApplication.translate(
        "Background", "This could not be done because of a fault in the app (%1). The details are in the log."
    ).replace("%1", type(error).__name__)


class TaskSignals(QObject):
    progress = Signal(int, int)
    finished = Signal(object)   # the function's result
    failed = Signal(object)     # the exception
    done = Signal()             # after finished or failed, always


class Task(QRunnable):
    def __init__(self, fn: Callable[..., Any], *args: Any):
        super().__init__()
        self.fn, self.args = fn, args
        self.signals = TaskSignals()
        self._cancel = threading.Event()
        self.finished = False
        self.setAutoDelete(False)  # the Background keeps it until done

    def cancel(self) -> None:
        self._cancel.set()

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        try:
            result = self.fn(self.signals.progress.emit, self.cancelled, *self.args)
        except Exception as error:  # delivered to the GUI, which decides what to show
            setattr(error, TRACEBACK_TEXT, traceback.format_exc())
            self.signals.failed.emit(error)
        else:
            self.signals.finished.emit(result)
        finally:
            self.finished = True
            self.signals.done.emit()


class Background(QObject):
    synchronous = False

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # one long job at a time: they share the database file
        self._running: set[Task] = set()
        self.progress: QProgressDialog | None = None  # the progress window of run_with_progress, while it shows

    def start(self, fn: Callable[..., Any], *args: Any, on_result=None, on_error=None, on_progress=None,
              on_done=None) -> Task:
        task = Task(fn, *args)
        if on_error is None:
            on_error = self.show_failure  # never dropped silently
        for signal, slot in ((task.signals.finished, on_result), (task.signals.failed, on_error),
                             (task.signals.progress, on_progress), (task.signals.done, on_done)):
            if slot is not None:
                signal.connect(slot)
        self._running.add(task)
        task.signals.done.connect(lambda: self._running.discard(task))
        if self.synchronous:
            task.run()
        else:
            self._pool.start(task)
        return task

    def show_failure(self, error: Exception, title: str | None = None) -> None:
        """The default failure handler: a message box over the window that runs the work."""
        from PySide6.QtWidgets import QMessageBox, QWidget

        owner = self.parent()
        parent = owner if isinstance(owner, QWidget) else None
        QMessageBox.warning(parent, title or QCoreApplication.translate("Background", "Not done"),
                            failure_message(error))

    def run_with_progress(self, parent, label: str, fn: Callable[..., Any], *args: Any, on_result=None,
                          on_error=None) -> Task:
        """``fn`` in the background behind a modal progress window (a bar when ``fn`` reports
        progress, busy otherwise), closed when it ends; failures as in ``start``."""
        from PySide6.QtWidgets import QProgressDialog

        progress = QProgressDialog(label, "", 0, 0, parent)
        progress.setWindowTitle(QCoreApplication.translate("Background", "Please wait"))
        progress.setCancelButton(None)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)
        progress.show()

        def advance(done: int, total: int) -> None:
            progress.setMaximum(max(total, 1))
            progress.setValue(min(done, total))

        def close() -> None:
            progress.close()
            progress.deleteLater()
            self.progress = None

        self.progress = progress  # for tests and for a window that closes first
        return self.start(fn, *args, on_result=on_result, on_error=on_error, on_progress=advance, on_done=close)

    def busy(self) -> bool:
        return bool(self._running)

    def wait(self, msecs: int = -1) -> bool:
        return self._pool.waitForDone(msecs)
