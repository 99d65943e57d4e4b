"""The Import window's account of a merge: one row per file (a thin table model over
FileResult), its status as a coloured label, file names elided in the middle, and the words
shared with the window (status names, the summary line, what to do next)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QRect, Qt
from PySide6.QtGui import QBrush, QColor, QPainter
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from consultation_app.domain.text import printable
from consultation_app.exchange.merge import ALREADY_MERGED, MERGED, NEEDS_REVIEW, REJECTED, FileResult
from consultation_app.ui.error_text import result_text, warning_texts

PATH_ROLE = Qt.ItemDataRole.UserRole + 1
STATUS_ROLE = Qt.ItemDataRole.UserRole + 2
FILE, STATUS, NEW, UPDATED, STALE, CONFLICTS, MESSAGE = range(7)
COUNT_COLUMNS = {NEW: "new", UPDATED: "updated", STALE: "stale", CONFLICTS: "conflicts"}

# status -> (background, text colour): a tint a person can tell apart, text that stays readable.
STATUS_COLOURS = {
    MERGED: ("#d5efd6", "#17561b"),
    ALREADY_MERGED: ("#e4e4e4", "#4a4a4a"),
    NEEDS_REVIEW: ("#ffe3a3", "#6d4700"),
    REJECTED: ("#f7cfcf", "#8a1010"),
}


def status_label(status: str) -> str:
    labels = {MERGED: QCoreApplication.translate("ImportWindow", "Merged"),
              ALREADY_MERGED: QCoreApplication.translate("ImportWindow", "Already merged"),
              NEEDS_REVIEW: QCoreApplication.translate("ImportWindow", "Needs review"),
              REJECTED: QCoreApplication.translate("ImportWindow", "Rejected")}
    return labels.get(status, status)


def summary_text(results: list[FileResult]) -> str:
    counts = {status: sum(1 for r in results if r.status == status)
              for status in (MERGED, ALREADY_MERGED, NEEDS_REVIEW, REJECTED)}
    text = QCoreApplication.translate("ImportWindow", "%1 merged, %2 already merged, %3 need review, %4 rejected")
    return text.replace(
        "%1", str(counts[MERGED])).replace("%2", str(counts[ALREADY_MERGED])).replace(
        "%3", str(counts[NEEDS_REVIEW])).replace("%4", str(counts[REJECTED]))


def hint(result: FileResult) -> str:
    """What to do next, in the window's words (the merge's messages name command-line options)."""
    if result.status == NEEDS_REVIEW and result.counts.get("conflicts"):
        return QCoreApplication.translate("ImportWindow",
                                          "Both versions were kept: use “Review conflicts…” to choose.")
    if result.status == NEEDS_REVIEW:
        return QCoreApplication.translate(
            "ImportWindow",
            "Check the file; to merge it anyway, tick “Accept files edited after export” and merge again.")
    if result.status == REJECTED:
        return QCoreApplication.translate("ImportWindow", "Nothing of this file was merged.")
    return ""


class ResultsModel(QAbstractTableModel):
    """One row per file of the last merge: a thin view over FileResult."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[FileResult] = []

    def set_results(self, results: list[FileResult]) -> None:
        self.beginResetModel()
        self._rows = list(results)
        self.endResetModel()

    def result(self, row: int) -> FileResult:
        return self._rows[row]

    def settle_reviewed(self, exports_with_open_conflicts: set[str]) -> None:
        """Files that waited for review whose conflicts are all resolved now show as merged."""
        for row, result in enumerate(self._rows):
            # Only a file merged with conflicts: one waiting because it was edited after export was not merged.
            if (result.status == NEEDS_REVIEW and result.counts.get("conflicts") and result.export_id
                    and result.export_id not in exports_with_open_conflicts):
                self._rows[row] = dataclasses.replace(result, status=MERGED, message=QCoreApplication.translate(
                    "ImportWindow", "Merged; its conflicts were reviewed."))
                self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def results(self) -> list[FileResult]:
        return list(self._rows)

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else 7

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            headers = (QCoreApplication.translate("ImportWindow", "File"),
                       QCoreApplication.translate("ImportWindow", "Status"),
                       QCoreApplication.translate("ImportWindow", "New"),
                       QCoreApplication.translate("ImportWindow", "Updated"),
                       QCoreApplication.translate("ImportWindow", "Stale"),
                       QCoreApplication.translate("ImportWindow", "Conflicts"),
                       QCoreApplication.translate("ImportWindow", "Message"))
            return headers[section]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            tips = {STALE: QCoreApplication.translate("ImportWindow",
                                                      "Older versions than the ones already held: ignored"),
                    CONFLICTS: QCoreApplication.translate(
                        "ImportWindow", "Same revision, different content: both versions kept for review")}
            return tips.get(section)
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        result = self._rows[index.row()]
        column = index.column()
        if role == STATUS_ROLE:
            return result.status
        if role == PATH_ROLE:
            return result.path
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == FILE:
                return printable(Path(result.path).name)
            if column == STATUS:
                return status_label(result.status)
            if column in COUNT_COLUMNS:
                # Counts mean something only where the file was applied.
                return str(result.counts.get(COUNT_COLUMNS[column], 0)) if result.status in (
                    MERGED, NEEDS_REVIEW) and result.export_id else ""
            if column == MESSAGE:
                return printable(result_text(result))
        if role == Qt.ItemDataRole.ToolTipRole:
            message = result_text(result)
            lines = [result.path, status_label(result.status) + (": " + message if message else "")]
            lines += ["⚠ " + warning for warning in warning_texts(result)]
            if hint(result):
                lines.append(hint(result))
            # as rich text made from the plain lines: Qt takes a tooltip that looks like HTML
            # (a file named "<h2>...") for HTML
            return "<qt>" + "<br>".join(map(html_text, lines)) + "</qt>"
        if role == Qt.ItemDataRole.DecorationRole and column == FILE and result.warnings:
            return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        if column == STATUS and role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
            background, text = STATUS_COLOURS.get(result.status, ("#ffffff", "#000000"))
            return QBrush(QColor(background if role == Qt.ItemDataRole.BackgroundRole else text))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column in COUNT_COLUMNS:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if column == STATUS:
                return int(Qt.AlignmentFlag.AlignCenter)
        return None


class StatusDelegate(QStyledItemDelegate):
    """The status as a coloured label that stays readable on a selected row."""

    def paint(self, painter, option, index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text = opt.text
        opt.text = ""
        opt.backgroundBrush = QBrush()  # the tint goes on the label, not the whole cell
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        background, colour = STATUS_COLOURS.get(index.data(STATUS_ROLE), ("#ffffff", "#000000"))
        metrics = opt.fontMetrics
        width = min(metrics.horizontalAdvance(text) + 18, opt.rect.width() - 8)
        height = min(metrics.height() + 6, opt.rect.height() - 4)
        pill = QRect(0, 0, width, height)
        pill.moveCenter(opt.rect.center())
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QColor(colour).lighter(170))
        painter.setBrush(QColor(background))
        painter.drawRoundedRect(pill, height / 2, height / 2)
        painter.setPen(QColor(colour))
        painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, metrics.elidedText(text, Qt.TextElideMode.ElideRight,
                                                                                   width - 8))
        painter.restore()

    def sizeHint(self, option, index):
        size = super().sizeHint(option, index)
        size.setWidth(size.width() + 24)
        size.setHeight(max(size.height(), option.fontMetrics.height() + 12))
        return size


class MiddleElideDelegate(QStyledItemDelegate):
    """File names differ at their ends (device, number, date): keep both ends visible."""

    def initStyleOption(self, option, index) -> None:
        super().initStyleOption(option, index)
        option.textElideMode = Qt.TextElideMode.ElideMiddle


def html_text(text: str) -> str:
    text = printable(text)  # direction overrides and controls in a name or a quoted value written out
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
