"""What the feedback and notes panels share: a list of a consultation's records above an
editor bound to one of them, saved as typed; new, delete, history and withdraw buttons. The
first keystroke in a blank editor creates the record (the window does, then calls
``record_saved``)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMessageBox, QPushButton, QTableView, QWidget

from consultation_app.ui.binder import FieldBinder
from consultation_app.ui.models.record_list_model import RecordListModel
from consultation_app.ui.views import select_row


class RecordEditor(QWidget):
    edited = Signal(str, object)      # field, value (of the current record, or of a new one)
    focus_left = Signal()
    new_requested = Signal()
    delete_requested = Signal(str)
    history_requested = Signal(str)   # uuid: show the record's audit trail
    withdraw_requested = Signal(str)  # uuid, after the officer confirmed: wipe what was said

    # Set by subclasses in __init__.
    model: RecordListModel
    table: QTableView
    binder: FieldBinder
    new_button: QPushButton
    delete_button: QPushButton
    history_button: QPushButton
    withdraw_button: QPushButton

    def __init__(self, parent=None):
        super().__init__(parent)
        self.current_uuid: str | None = None

    # -- what the window tells the panel ------------------------------------------
    def set_records(self, rows: list[dict], select_uuid: str | None = None) -> None:
        self.model.set_rows(rows)
        row = self.model.row_for_uuid(select_uuid) if select_uuid else (0 if rows else -1)
        if row >= 0:
            select_row(self.table, self.model.index(row, 0))
        self._load(self.model.row_data(row) if row >= 0 else None)

    def record_saved(self, row: dict) -> None:
        """The window stored an edit (or created the record): keep the list in step."""
        if self.model.row_for_uuid(row["uuid"]) >= 0:
            self.model.update_row(row)
            return
        self.current_uuid = row["uuid"]
        rows = [self.model.row_data(i) for i in range(self.model.rowCount())] + [row]
        self.model.set_rows(rows)
        self.table.selectionModel().blockSignals(True)
        self.table.selectRow(len(rows) - 1)
        self.table.selectionModel().blockSignals(False)
        # It exists now: it can be deleted (and undone) at once, its history read.
        self.delete_button.setEnabled(self.new_button.isEnabled())
        self._enable_record_buttons()

    def set_editable(self, editable: bool) -> None:
        self.binder.set_read_only(not editable)
        self.new_button.setEnabled(editable)
        self.delete_button.setEnabled(editable and self.current_uuid is not None)
        self._enable_record_buttons()

    def label(self, field: str) -> str:
        """A field's visible label, as the officer reads it."""
        widget = self.binder.widgets.get(field)
        return (widget.accessibleName() if widget is not None else "") or field

    def start_new(self, first_field: str) -> None:
        self.table.clearSelection()
        self._load(None)
        self.binder.widgets[first_field].setFocus()

    # -- internals -----------------------------------------------------------------
    def blank(self) -> dict | None:
        """What a blank editor shows."""
        return None

    def _load(self, row: dict | None) -> None:
        self.current_uuid = row["uuid"] if row else None
        self.binder.load(row or self.blank())
        self.delete_button.setEnabled(self.current_uuid is not None and self.new_button.isEnabled())
        self._enable_record_buttons()

    def _enable_record_buttons(self) -> None:
        # Also in a final consultation: history can be read, and a withdrawal must not wait.
        self.history_button.setEnabled(self.current_uuid is not None)
        self.withdraw_button.setEnabled(self.current_uuid is not None)

    def _row_changed(self, current, previous) -> None:
        if current.isValid():
            self.focus_left.emit()  # write what was typed in the previous record first
            self._load(self.model.row_data(current.row()))

    def _delete_clicked(self) -> None:
        if self.current_uuid:
            self.delete_requested.emit(self.current_uuid)

    def _history_clicked(self) -> None:
        if self.current_uuid:
            self.history_requested.emit(self.current_uuid)

    def _confirm_withdraw(self, title: str, question: str) -> None:
        uuid = self.current_uuid
        if not uuid:
            return
        answer = QMessageBox.question(self, title, question,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                                      QMessageBox.StandardButton.Cancel)
        if answer == QMessageBox.StandardButton.Yes and uuid == self.current_uuid:
            self.withdraw_requested.emit(uuid)
