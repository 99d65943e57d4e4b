"""Small helpers shared by the item views."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex


def select_row(view, index: QModelIndex, notify: bool = True) -> None:
    """Make ``index``'s row the view's current, selected row and show it; with ``notify``
    False, without telling the view's listeners (a selection the window restores itself)."""
    selection = view.selectionModel()
    blocked = selection.blockSignals(not notify)
    try:
        selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                                  | QItemSelectionModel.SelectionFlag.Rows)
    finally:
        selection.blockSignals(blocked)
    view.scrollTo(index)
