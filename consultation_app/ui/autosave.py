"""Every edit reaches SQLite without a Save button.

Edits are queued per record and written after a short pause in typing, but never
later than MAX_DELAY_MS after the first unsaved keystroke, so a power cut loses at most
about a second of typing even from someone who never pauses. Focus changes, window
close and quit call flush() to write at once.
"""

from __future__ import annotations

import time
from typing import Any, Callable

from PySide6.QtCore import QObject, QTimer, Signal

from consultation_app.domain.records import RecordKind

PAUSE_MS = 400
MAX_DELAY_MS = 900


class Autosaver(QObject):
    saved = Signal(str, str)  # table, uuid
    failed = Signal(str, str, str)  # table, uuid, message

    def __init__(self, write: Callable[[RecordKind, str, dict[str, Any]], Any], parent: QObject | None = None,
                 describe: Callable[[RecordKind, Exception], str] | None = None):
        """``describe(kind, error)`` words a failed write for the officer (labels, not field keys)."""
        super().__init__(parent)
        self._write = write
        self._describe = describe
        self._pending: dict[tuple[str, str], tuple[RecordKind, dict[str, Any]]] = {}
        self._first_pending_at: float | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.flush)

    def queue(self, kind: RecordKind, uuid: str, field: str, value: Any) -> None:
        key = (kind.table, uuid)
        self._pending.setdefault(key, (kind, {}))[1][field] = value
        now = time.monotonic()
        if self._first_pending_at is None:
            self._first_pending_at = now
        waited_ms = (now - self._first_pending_at) * 1000
        self._timer.start(int(max(0, min(PAUSE_MS, MAX_DELAY_MS - waited_ms))))

    def has_pending(self, kind: RecordKind | None = None, uuid: str | None = None) -> bool:
        if kind is None:
            return bool(self._pending)
        return (kind.table, uuid) in self._pending

    def discard(self, kind: RecordKind, uuid: str) -> None:
        self._pending.pop((kind.table, uuid), None)

    def flush(self) -> bool:
        """Write everything queued; True when all of it was stored."""
        self._timer.stop()
        self._first_pending_at = None
        pending, self._pending = self._pending, {}
        ok = True
        for (table, uuid), (kind, changes) in pending.items():
            try:
                self._write(kind, uuid, changes)
            except Exception as error:  # shown to the person; the typed text stays in the widget
                ok = False
                if self._describe is not None:
                    text = self._describe(kind, error)
                else:
                    message = getattr(error, "problems", None)
                    text = "; ".join(f"{k}: {v}" for k, v in message.items()) if message else str(error)
                self.failed.emit(table, uuid, text)
            else:
                self.saved.emit(table, uuid)
        return ok
