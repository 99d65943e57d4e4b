"""The Import window's list of files and folders to merge, and which of the things dropped
on the window are workbooks or folders."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QListWidget

from consultation_app.exchange.merge import WORKBOOK_SUFFIXES


class WorkbookList(QListWidget):
    """The files and folders to merge; says where to drop them while it is empty."""

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().paintEvent(event)
        if self.count() == 0:
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(self.viewport().rect().adjusted(12, 8, -12, -8),
                             Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                             self.tr("Drop exported workbooks (.xlsx) or whole folders here, "
                                     "or use “Add files…” and “Add folder…”."))
            painter.end()


def dropped_workbooks(mime: QMimeData) -> tuple[list[Path], list[str]]:
    """What was dropped: the local workbooks and folders, and the names of everything else."""
    usable: list[Path] = []
    ignored: list[str] = []
    for url in mime.urls() if mime.hasUrls() else []:
        if not url.isLocalFile():
            ignored.append(url.toString())
            continue
        path = Path(url.toLocalFile())
        if path.is_dir() or path.suffix.lower() in WORKBOOK_SUFFIXES:
            usable.append(path)
        else:
            ignored.append(path.name)
    return usable, ignored
