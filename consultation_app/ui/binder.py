"""Binds input widgets to the fields of one record: loads values without echoing them
back as edits, and reports each edit (the window queues it with the autosaver)."""

from __future__ import annotations

import datetime as dt
from functools import cmp_to_key
from typing import Any, Callable, TypeVar

from PySide6.QtCore import QCollator, QLocale, QObject, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from consultation_app.ui.date_field import DateField

_Input = TypeVar("_Input", bound=QWidget)  # bind() gives back the widget it was given, as its own type
READ_ONLY_STYLE = "background-color: palette(window); color: palette(dark);"


def date_edit() -> DateField:
    return DateField()


class FieldBinder(QObject):
    def __init__(self, on_edit: Callable[[str, Any], None], parent: QObject | None = None):
        super().__init__(parent)
        self._on_edit = on_edit
        self.widgets: dict[str, QWidget] = {}
        self._loading = False

    def bind(self, field: str, widget: _Input) -> _Input:
        self.widgets[field] = widget
        emit = lambda *_: self._edited(field)  # noqa: E731
        if isinstance(widget, QLineEdit):
            widget.textEdited.connect(emit)
        elif isinstance(widget, QPlainTextEdit):
            widget.textChanged.connect(emit)
        elif isinstance(widget, QComboBox):
            widget.currentIndexChanged.connect(emit)
        elif isinstance(widget, QSpinBox):
            widget.valueChanged.connect(emit)
        elif isinstance(widget, DateField):
            widget.changed.connect(emit)
        elif isinstance(widget, QCheckBox):
            widget.toggled.connect(emit)
        elif isinstance(widget, QListWidget):
            widget.itemChanged.connect(emit)
        widget.setObjectName(field)
        return widget

    def _edited(self, field: str) -> None:
        if not self._loading:
            self._on_edit(field, self.value(field))

    def value(self, field: str) -> Any:
        widget = self.widgets[field]
        if isinstance(widget, QLineEdit):
            return widget.text()
        if isinstance(widget, QPlainTextEdit):
            return widget.toPlainText()
        if isinstance(widget, QComboBox):
            return widget.currentData()
        if isinstance(widget, QSpinBox):
            return widget.value()
        if isinstance(widget, DateField):
            return widget.iso()
        if isinstance(widget, QCheckBox):
            return widget.isChecked()
        if isinstance(widget, QListWidget):
            return [widget.item(i).data(Qt.ItemDataRole.UserRole) for i in range(widget.count())
                    if widget.item(i).checkState() == Qt.CheckState.Checked]
        raise TypeError(type(widget))

    def load(self, row: dict[str, Any] | None) -> None:
        """Show a record's values (or blanks) without treating them as edits."""
        self._loading = True
        try:
            for field, widget in self.widgets.items():
                value = (row or {}).get(field)
                if isinstance(widget, QLineEdit):
                    widget.setText(value or "")
                elif isinstance(widget, QPlainTextEdit):
                    if widget.toPlainText() != (value or ""):
                        widget.setPlainText(value or "")
                elif isinstance(widget, QComboBox):
                    index = widget.findData(value)
                    widget.setCurrentIndex(index if index >= 0 else 0)
                elif isinstance(widget, QSpinBox):
                    widget.setValue(int(value or 0))
                elif isinstance(widget, DateField):
                    widget.set_iso(value)
                elif isinstance(widget, QCheckBox):
                    widget.setChecked(bool(value))
                elif isinstance(widget, QListWidget):
                    chosen = set(value or ())
                    for i in range(widget.count()):
                        item = widget.item(i)
                        checked = item.data(Qt.ItemDataRole.UserRole) in chosen
                        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        finally:
            self._loading = False

    def set_read_only(self, read_only: bool) -> None:
        """Locked fields look locked (grey), yet their text can still be selected and copied."""
        for widget in self.widgets.values():
            if isinstance(widget, (QLineEdit, QPlainTextEdit, DateField)):
                widget.setReadOnly(read_only)
                target = widget.edit if isinstance(widget, DateField) else widget
                target.setStyleSheet(READ_ONLY_STYLE if read_only else "")
            else:
                widget.setEnabled(not read_only)


def name_from_labels(form: QFormLayout) -> None:
    """Give each input of a form its visible label as accessible name (screen readers, tests)."""
    for row in range(form.rowCount()):
        label_item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
        field_item = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
        label = label_item.widget() if label_item else None
        field = field_item.widget() if field_item else None
        if isinstance(label, QLabel) and field is not None:
            text = label.text().replace("&", "")
            if text:
                field.setAccessibleName(text)


def wrap_when_narrow(form: QFormLayout, width: int, narrow: int) -> None:
    """Labels above their fields when the form is narrow (small screen, 150% scaling, Khmer),
    beside them otherwise: fields keep a usable width and their text is not cut."""
    policy = QFormLayout.RowWrapPolicy.WrapAllRows if width < narrow else QFormLayout.RowWrapPolicy.WrapLongRows
    if form.rowWrapPolicy() != policy:
        form.setRowWrapPolicy(policy)


def collated(items: list[tuple[str, Any]], language: str) -> list[tuple[str, Any]]:
    """(label, key) pairs in the reading order of the interface language (Khmer or English),
    as QCollator sorts them: for lists with no order of their own, such as provinces."""
    collator = QCollator(QLocale(QLocale.Language.Khmer if language == "km" else QLocale.Language.English))

    def compare(a: tuple[str, Any], b: tuple[str, Any]) -> int:
        return collator.compare(a[0], b[0])

    return sorted(items, key=cmp_to_key(compare))


def fill_combo(combo: QComboBox, items: list[tuple[str, Any]], blank: str | None = "—") -> QComboBox:
    # Long labels (provinces, translated terms) must not force a wide window at 150% scaling.
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(8)
    combo.clear()
    if blank is not None:
        combo.addItem(blank, None)
    for label, key in items:
        combo.addItem(label, key)
    return combo


def check_list(items: list[tuple[str, str]]) -> QListWidget:
    widget = QListWidget()
    for label, key in items:
        item = QListWidgetItem(label)
        item.setData(Qt.ItemDataRole.UserRole, key)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Unchecked)
        widget.addItem(item)
    widget.setMaximumHeight(110)
    return widget


def today_iso() -> str:
    return dt.date.today().isoformat()
