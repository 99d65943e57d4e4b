"""Deleting an entry or note, undone with Ctrl+Z wherever the focus is.

A text box keeps Ctrl+Z for its own typing while it has any; with nothing of its own to undo
(a box just loaded with another entry, as after a delete) Ctrl+Z goes to the window's undo,
so a deleted entry comes back whatever was clicked last."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtGui import QKeySequence, QUndoCommand
from PySide6.QtWidgets import QAbstractSpinBox, QLineEdit, QPlainTextEdit, QTextEdit

from consultation_app.domain.records import FEEDBACK, RecordKind

if TYPE_CHECKING:
    from consultation_app.ui.main_window import MainWindow


def _excerpt(text: str, length: int = 40) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= length else text[:length - 1] + "…"


class DeleteCommand(QUndoCommand):
    """A soft delete that Ctrl+Z restores (for this session); the status bar says which."""

    def __init__(self, window: "MainWindow", kind: RecordKind, uuid: str):
        row = window.workspace.records.get(kind, uuid, include_deleted=True) or {}
        words = _excerpt(row.get("comment") or row.get("quote") or "") if kind is FEEDBACK else _excerpt(
            row.get("title") or row.get("text") or "")
        self.deleted_text = (QCoreApplication.translate("MainWindow", "Feedback entry deleted") if kind is FEEDBACK
                             else QCoreApplication.translate("MainWindow", "Note deleted")) + (
                                 f": “{words}”" if words else "")
        self.restored_text = (QCoreApplication.translate("MainWindow", "Feedback entry restored") if kind is FEEDBACK
                              else QCoreApplication.translate("MainWindow", "Note restored")) + (
                                  f": “{words}”" if words else "")
        super().__init__(self.deleted_text)
        self.window, self.kind, self.uuid = window, kind, uuid

    def redo(self) -> None:
        self.window.workspace.records.delete(self.kind, self.uuid)
        self.window.after_structure_change(self.kind)
        brings_back = QCoreApplication.translate("MainWindow", "Ctrl+Z brings it back")
        self.window.save_label.setText(self.deleted_text + " — " + brings_back)

    def undo(self) -> None:
        self.window.workspace.records.restore(self.kind, self.uuid)
        self.window.after_structure_change(self.kind, self.uuid)
        self.window.save_label.setText(self.restored_text)


def _own_undo(widget) -> bool | None:
    """Whether a text box has typing of its own to undo (None: not a text box)."""
    if isinstance(widget, QLineEdit):
        return widget.isUndoAvailable() and not widget.isReadOnly()
    if isinstance(widget, (QPlainTextEdit, QTextEdit)):
        return widget.document().isUndoAvailable() and not widget.isReadOnly()
    if isinstance(widget, QAbstractSpinBox):
        return False  # a count is retyped, not undone: Ctrl+Z is the window's
    return None


class UndoRouter(QObject):
    """Lets Ctrl+Z through to the window's undo when the focused text box has nothing to undo."""

    def __init__(self, window: "MainWindow"):
        super().__init__(window)
        self.window = window

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.ShortcutOverride and event.matches(QKeySequence.StandardKey.Undo):
            if _own_undo(watched) is False and self.window.isAncestorOf(watched):
                event.ignore()  # not the box's: the window's Undo shortcut takes it
                return True
        return False
