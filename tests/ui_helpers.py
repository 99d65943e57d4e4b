"""Helpers for driving the desktop app in tests like a person at the keyboard."""

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QInputMethodEvent, QKeyEvent
from PySide6.QtWidgets import QApplication


def type_text(widget, text: str) -> None:
    """Type any text, Khmer included, as an input method would (keyClicks aborts on non-ASCII)."""
    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def press(qtbot, widget, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(widget, key, modifier)


def key_text(widget, text: str) -> None:
    """Type text one character at a time as real key presses carrying text."""
    for char in text:
        QApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_unknown,
                                                 Qt.KeyboardModifier.NoModifier, char))
