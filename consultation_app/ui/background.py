"""The one way the app runs long work (exports, merges) off the GUI thread.

A task is a plain function ``fn(progress, cancelled, *args)``: it reports progress with
``progress(done, total)`` and checks ``cancelled()`` between steps (``steps`` does both over a
list), stopping where what it wrote is whole (a transaction ended or rolled back) or raising
``Cancelled``. Results, errors and progress arrive as Qt signals on the GUI thread. Tests may
set ``Background.synchronous`` to run tasks inline and deterministically.

As Anki's aqt/operations: the caller gets a handle (``Task``) it can cancel whether the work
runs with a progress window (``run_with_progress``, whose Cancel button is the handle's) or
without (``start``), also when run inline: the handle exists, wired, before the work starts.
A failure nobody handles is not dropped (``failure_message`` says a user's error in the
interface language, a bug in one short line with its traceback in the log, never a traceback
dialog); a cancelled task is not a failure.
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, Callable, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal

from consultation_app.errors import AppError
from consultation_app.ui.error_text import error_text

if TYPE_CHECKING:
    from PySide6.QtWidgets import QProgressDialog

log = logging.getLogger(__name__)
Item = TypeVar("Item")


class Cancelled(Exception):
    """Raised by a task that stops because it was cancelled (after undoing its partial work)."""


def steps(items: Iterable[Item], progress: Callable[[int, int], None], cancelled: Callable[[], bool],
          total: int | None = None) -> Iterator[Item]:
    """The progress helper: ``items`` one by one, progress reported after each; stops with
    ``Cancelled`` before the next one once the task is cancelled."""
    items = list(items) if total is None else items
    count = len(items) if total is None else total  # type: ignore[arg-type]
    progress(0, count)
    for done, item in enumerate(items, 1):
        if cancelled():
            raise Cancelled()
        yield item
        progress(done, count)


TRACEBACK_TEXT = "__traceback_text__"  # set on a task's exception: its traceback, for the log


def failure_message(error: Exception) -> str:
    """What to tell a person: an AppError's own one-line message; for anything else (a bug) a
    short line, the traceback going to the log."""
    if isinstance(error, AppError):
        return error_text(error)  # in the interface language where the error has a message key
    log.error("%s", getattr(error, TRACEBACK_TEXT, None) or repr(error))
    return QCoreApplication.translate(
        "Background", "This could not be done because of a fault in the app (%1). The details are in the log."
    ).replace("%1", type(error).__name__)


Slot = Callable[..., Any] | None


class TaskSignals(QObject):
    progress = Signal(int, int)
    finished = Signal(object)   # the function's result
    failed = Signal(object)     # the exception
    cancelled = Signal()        # the task stopped on Cancelled
    done = Signal()             # after finished, failed or cancelled, always


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
        except Cancelled:
            self.signals.cancelled.emit()
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

    def start(self, fn: Callable[..., Any], *args: Any, on_result: Slot = None, on_error: Slot = None,
              on_progress: Slot = None, on_done: Slot = None, on_cancelled: Slot = None,
              on_ready: Callable[[Task], None] | None = None) -> Task:
        """Run ``fn`` off the GUI thread (inline when ``synchronous``); the handle returned (and
        given to ``on_ready`` before the work starts) cancels it."""
        task = Task(fn, *args)
        if on_error is None:
            on_error = self.show_failure  # never dropped silently
        for signal, slot in ((task.signals.finished, on_result), (task.signals.failed, on_error),
                             (task.signals.progress, on_progress), (task.signals.done, on_done),
                             (task.signals.cancelled, on_cancelled)):
            if slot is not None:
                signal.connect(slot)
        self._running.add(task)
        task.signals.done.connect(lambda: self._running.discard(task))
        if on_ready is not None:
            on_ready(task)
        if self.synchronous:
            task.run()
        else:
            self._pool.start(task)
        return task

    def cancel(self) -> None:
        """Cancel every task this helper runs (a window closing)."""
        for task in list(self._running):
            task.cancel()

    def show_failure(self, error: Exception, title: str | None = None) -> None:
        """The default failure handler: a message box over the window that runs the work."""
        from PySide6.QtWidgets import QMessageBox, QWidget

        owner = self.parent()
        parent = owner if isinstance(owner, QWidget) else None
        QMessageBox.warning(parent, title or QCoreApplication.translate("Background", "Not done"),
                            failure_message(error))

    def run_with_progress(self, parent: Any, label: str, fn: Callable[..., Any], *args: Any, on_result: Slot = None,
                          on_error: Slot = None, on_cancelled: Slot = None, cancellable: bool = False) -> Task:
        """``fn`` in the background behind a modal progress window (a bar when ``fn`` reports
        progress, busy otherwise), closed when it ends; failures as in ``start``. With
        ``cancellable`` the window's Cancel button cancels the task (its handle, returned)."""
        from PySide6.QtWidgets import QProgressDialog

        progress = QProgressDialog(label, QCoreApplication.translate("Background", "Cancel"), 0, 0, parent)
        progress.setWindowTitle(QCoreApplication.translate("Background", "Please wait"))
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        if not cancellable:
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

        def wire(task: Task) -> None:  # before the work starts: a cancel is never missed
            def cancel() -> None:
                task.cancel()
                progress.setLabelText(QCoreApplication.translate("Background", "Cancelling…"))

            progress.canceled.connect(cancel)

        self.progress = progress  # for tests and for a window that closes first
        return self.start(fn, *args, on_result=on_result, on_error=on_error, on_progress=advance, on_done=close,
                          on_cancelled=on_cancelled, on_ready=wire)

    def busy(self) -> bool:
        return bool(self._running)

    def wait(self, msecs: int = -1) -> bool:
        return self._pool.waitForDone(msecs)
