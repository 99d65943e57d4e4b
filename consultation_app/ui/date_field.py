"""A date that can be typed as people write it (2026-12-04, 04/12/2026, 20261204, Khmer digits)
or picked from a calendar that opens at today. Empty means no date.

QDateEdit made officers step through sections, showed January 2000 for an empty date (its
stand-in for "none") and refused typing into an empty "to" date."""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QSizePolicy,
    QToolButton,
    QWidget,
    QWidgetAction,
)

_KHMER_DIGITS = str.maketrans("០១២៣៤៥៦៧៨៩", "0123456789")
_YEAR_FIRST = re.compile(r"^(\d{4})[-/.\s](\d{1,2})[-/.\s](\d{1,2})$")
_DAY_FIRST = re.compile(r"^(\d{1,2})[-/.\s](\d{1,2})[-/.\s](\d{4})$")


def parse_typed_date(text: str) -> dt.date | None:
    """The date typed, or None when the text is empty. Raises ValueError for text that is not
    a date. Day before month (Cambodian and European use): 04/12/2026 is 4 December."""
    text = text.strip().translate(_KHMER_DIGITS)
    if not text:
        return None
    if match := _YEAR_FIRST.match(text):
        year, month, day = match.groups()
    elif match := _DAY_FIRST.match(text):
        day, month, year = match.groups()
    elif re.fullmatch(r"\d{8}", text):
        year, month, day = (text[:4], text[4:6], text[6:]) if int(text[:4]) >= 1900 else (text[4:], text[2:4], text[:2])
    else:
        raise ValueError(text)
    return dt.date(int(year), int(month), int(day))  # ValueError for 31/02/2026


class DateField(QWidget):
    changed = Signal(object)  # the ISO date (str) or None, when typed or picked

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(self.tr("YYYY-MM-DD"))
        self.edit.setToolTip(self.tr("Type a date (2026-12-04, 04/12/2026 or 20261204) or pick it from the calendar"))
        self.edit.textEdited.connect(self._typed)
        self.edit.editingFinished.connect(self._finished)
        digits = self.edit.fontMetrics().horizontalAdvance("0000-00-00")
        self.edit.setMinimumWidth(digits + 16)  # a whole date is always visible
        self.edit.setMaximumWidth(digits * 2)
        self.button = QToolButton()
        self.button.setText("▾")
        self.button.setAccessibleName(self.tr("Calendar"))
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes from date to date
        self.button.clicked.connect(self.open_calendar)
        self.calendar = QCalendarWidget()
        self.calendar.clicked.connect(self._picked)
        self.calendar.activated.connect(self._picked)
        self._menu = QMenu(self)
        action = QWidgetAction(self._menu)
        action.setDefaultWidget(self.calendar)
        self._menu.addAction(action)
        self._value: str | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.button)
        self.setFocusProxy(self.edit)
        # As wide as a date and its button: the button stays beside the date in a wide form.
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)

    def iso(self) -> str | None:
        return self._value

    def set_iso(self, value: str | None) -> None:
        """Show a stored date (not an edit: no signal)."""
        self._value = value or None
        self.edit.setText(self._value or "")
        self._mark(valid=True)

    def setReadOnly(self, read_only: bool) -> None:  # noqa: N802 - as Qt's editors
        self.edit.setReadOnly(read_only)
        self.button.setEnabled(not read_only)

    def open_calendar(self) -> None:
        shown = QDate.fromString(self._value, "yyyy-MM-dd") if self._value else QDate.currentDate()
        self.calendar.setSelectedDate(shown)
        self.calendar.setCurrentPage(shown.year(), shown.month())
        self._menu.popup(self.edit.mapToGlobal(self.edit.rect().bottomLeft()))

    def _picked(self, date: QDate) -> None:
        self._menu.hide()
        self.edit.setText(date.toString("yyyy-MM-dd"))
        self._set(date.toString("yyyy-MM-dd"))

    def _typed(self, text: str) -> None:
        try:
            date = parse_typed_date(text)
        except ValueError:
            return  # still being typed: judged when the officer leaves the box
        self._mark(valid=True)
        self._set(date.isoformat() if date else None)

    def _finished(self) -> None:
        try:
            date = parse_typed_date(self.edit.text())
        except ValueError:
            self._mark(valid=False)
            return
        self._mark(valid=True)
        if date:
            self.edit.setText(date.isoformat())  # shown as it is stored
        self._set(date.isoformat() if date else None)

    def _set(self, value: str | None) -> None:
        if value != self._value:
            self._value = value
            self.changed.emit(value)

    def _mark(self, valid: bool) -> None:
        self.edit.setStyleSheet("" if valid else "border: 1px solid #a01010;")
        self.edit.setToolTip(self.tr("Type a date (2026-12-04, 04/12/2026 or 20261204) or pick it from the calendar")
                             if valid else self.tr("Not a date: type it as 2026-12-04, 04/12/2026 or 20261204"))
