"""Progress and cancellation for the central office's long writes (report, master export,
matrix), without Qt: the caller passes ``progress(done, total)`` and ``cancelled()`` (the
interface's background runner, ui/background.py, passes its own), the writer moves a
``Ticker`` along its phases and rows. A cancelled write raises ``WriteCancelled`` between two
steps, inside the writer's atomic output: the temporary file is removed and whatever stood at
the target is left as it was."""

from __future__ import annotations

from typing import Callable

from consultation_app.errors import AppError

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]
REPORTS_PER_RUN = 200  # at most about this many progress reports a write: rows are many, signals cost


class WriteCancelled(AppError):
    """The write was cancelled: nothing was written at the target."""


class Ticker:
    """``done`` of ``total`` steps, reported through ``progress`` at most about REPORTS_PER_RUN
    times (and at 0 and at the end); ``cancelled`` is asked at each report."""

    def __init__(self, progress: Progress | None, cancelled: Cancelled | None, total: int, what: str):
        self.progress, self.cancelled, self.what = progress, cancelled, what
        self.total, self.done = max(total, 1), 0
        self._stride = max(1, self.total // REPORTS_PER_RUN)
        self._reported = 0
        self._report()

    def grow(self, more: int) -> None:
        """More steps than first counted (a count learnt only once the data is read)."""
        self.total += max(more, 0)
        self._stride = max(1, self.total // REPORTS_PER_RUN)

    def step(self, count: int = 1) -> None:
        self.done = min(self.done + count, self.total)
        if self.done - self._reported >= self._stride or self.done == self.total:
            self._report()

    def _report(self) -> None:
        if self.cancelled is not None and self.cancelled():
            raise WriteCancelled(f"{self.what}: cancelled; nothing was written")
        self._reported = self.done
        if self.progress is not None:
            self.progress(self.done, self.total)
