"""The central office's files without a terminal: the report (PDF or Excel), the master export
and a merge receipt for a field device, from the File menu, written in the background with a
progress window. File dialogs open in the folder last used."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QObject, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget

from consultation_app.storage import receipt_queries, settings_store

LAST_FOLDER = "ui.last_folder"  # the folder of the last file chosen in a file dialog


def last_folder(db) -> str:
    folder = settings_store.get(db, LAST_FOLDER)
    if folder and Path(folder).is_dir():
        return folder
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())


def remember_folder(db, path: str) -> None:
    settings_store.put(db, LAST_FOLDER, str(Path(path).parent))


def ask_save_path(parent: QWidget, db, title: str, name: str, filters: str) -> str:
    """A save dialog in the last folder used; remembers the folder chosen. '' when cancelled."""
    path, _ = QFileDialog.getSaveFileName(parent, title, str(Path(last_folder(db)) / name), filters)
    if path:
        remember_folder(db, path)
    return path


def ask_open_path(parent: QWidget, db, title: str, filters: str) -> str:
    path, _ = QFileDialog.getOpenFileName(parent, title, last_folder(db), filters)
    if path:
        remember_folder(db, path)
    return path


class CentralOffice(QObject):
    """The File menu's central-office commands for a main window (its workspace, background
    runner and status bar)."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window

    @property
    def db(self):
        return self.window.workspace.db

    def add_actions(self, menu, action: Callable) -> None:
        """Into the File menu, after the import and conflict commands."""
        action(menu, self.tr("&Write a report (PDF or Excel)…"), "", self.write_report, "action_report")
        action(menu, self.tr("&Master export of everything merged…"), "", self.write_master_export,
               "action_master_export")
        action(menu, self.tr("Merge receipt &for a field device…"), "", self.write_receipt, "action_receipt")

    # -- the three files ---------------------------------------------------------------------
    def write_report(self) -> None:
        from consultation_app.exchange.report import write_report

        workspace, language = self.window.workspace, self.window.language
        path = ask_save_path(self.window, self.db, self.tr("Write a report"), "upr-report.pdf",
                             self.tr("PDF to print (*.pdf);;Excel workbook with charts (*.xlsx)"))
        if not path:
            return
        self.window.autosaver.flush()
        self._run(self.tr("Writing the report…"),
                  lambda progress, cancelled: write_report(workspace.database_path, path, workspace.reference,
                                                           language=language),
                  lambda result: self.tr("Report written: %1").replace("%1", str(result.path)))

    def write_master_export(self) -> None:
        from consultation_app.exchange.master_export import write_master_export

        workspace = self.window.workspace
        path = ask_save_path(self.window, self.db, self.tr("Write the master export"), "master-export.xlsx",
                             self.tr("Excel workbook (*.xlsx)"))
        if not path:
            return
        self.window.autosaver.flush()
        self._run(self.tr("Writing the master export…"),
                  lambda progress, cancelled: write_master_export(workspace.database_path, Path(path),
                                                                  workspace.reference),
                  lambda result: self.tr("Master export written: %1").replace("%1", str(result.path)))

    def write_receipt(self) -> None:
        from consultation_app.exchange.receipt import write_receipt

        devices = receipt_queries.merged_devices(self.db)
        if not devices:
            QMessageBox.information(self.window, self.tr("Merge receipt"),
                                    self.tr("No field device's export has been merged here yet: there is "
                                            "nothing to confirm."))
            return
        labels = [(f"{d['device_name'] or d['device_id']} ({d['officer']})" if d["officer"]
                   else d["device_name"] or d["device_id"]) for d in devices]
        label, ok = QInputDialog.getItem(self.window, self.tr("Merge receipt"),
                                         self.tr("Which field device is the receipt for?"), labels, 0, False)
        if not ok:
            return
        device = devices[labels.index(label)]
        safe = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in device["device_name"] or "device")
        path = ask_save_path(self.window, self.db, self.tr("Write a merge receipt"), f"receipt-{safe}.json",
                             self.tr("Merge receipts (*.json)"))
        if not path:
            return
        workspace = self.window.workspace
        self._run(self.tr("Writing the merge receipt…"),
                  lambda progress, cancelled: write_receipt(workspace.database_path, device["device_id"],
                                                            Path(path)),
                  lambda result: self.tr("Merge receipt written for %1: %2").replace("%1", label).replace(
                      "%2", str(result.path)))

    # -- running -----------------------------------------------------------------------------
    def _run(self, busy: str, work: Callable, done: Callable[[Any], str]) -> None:
        """Run ``work`` in the background behind a progress window (these files are written in
        one go: nothing to stop halfway); say the outcome in the status bar, a problem in a
        message box (a bug as a short line, its details in the log)."""
        background = self.window.background
        background.run_with_progress(
            self.window, busy, work, on_result=lambda result: self.window.save_label.setText(done(result)),
            on_error=lambda error: background.show_failure(error, self.tr("Not written")))
