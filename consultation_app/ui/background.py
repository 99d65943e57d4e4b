"""The one way the app runs long work (exports, merges) off the GUI thread.

A task is a plain function ``fn(progress, cancelled, *args)``: it reports progress with
``progress(done, total)`` and checks ``cancelled()`` between steps. Results, errors and
progress arrive as Qt signals on the GUI thread. Tests may set ``Background.synchronous``
to run tasks inline and deterministically.
"""

from __future__ import annotations

import threading
import traceback
from typing import Any, Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


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
            error.__traceback_text__ = traceback.format_exc()
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

    def start(self, fn: Callable[..., Any], *args: Any, on_result=None, on_error=None, on_progress=None,
              on_done=None) -> Task:
        task = Task(fn, *args)
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

    def busy(self) -> bool:
        return bool(self._running)

    def wait(self, msecs: int = -1) -> bool:
        return self._pool.waitForDone(msecs)
