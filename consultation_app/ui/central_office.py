"""The central office's files without a terminal: the report (PDF, Excel or Word), the master
export, the follow-up matrix, the mid-term draft, a merge receipt for a field device and the
implementation status for another central copy, from the menus of either central window (the
main window on a data folder, the central window on a PostgreSQL server), written in the
background with a progress window. File dialogs open in the folder last used. A failure (the
server stopped mid-way, a full disk, no permission to write there) is one line in the
interface language, in the status bar and a message box; the target is then left as it was
(the writers write a temporary file and rename it into place)."""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QCoreApplication, QObject, QStandardPaths, Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget

from consultation_app.errors import AppError
from consultation_app.storage import receipt_queries, settings_store

LAST_FOLDER = "ui.last_folder"  # the folder of the last file chosen in a file dialog


def computer_key(db, key: str) -> str:
    """Where a person's setting ``key`` is kept: as it is in a data folder (the computer's own);
    on a central office's server, whose settings the whole office shares, one per computer and
    login (the last folder, the interface language)."""
    if getattr(db, "engine", "sqlite") != "postgresql":
        return key
    import getpass
    import socket

    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no login name (a container, a service account)
        user = ""
    return f"{key}.{user}@{socket.gethostname()}"


def folder_key(db) -> str:
    return computer_key(db, LAST_FOLDER)


def last_folder(db) -> str:
    folder = settings_store.get(db, folder_key(db))
    if folder and Path(folder).is_dir():
        return folder
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())


def remember_folder(db, path: str) -> None:
    settings_store.put(db, folder_key(db), str(Path(path).parent))


def ask_save_path(parent: QWidget, db, title: str, name: str, filters: str) -> str:
    """A save dialog in the last folder used; remembers the folder chosen. '' when cancelled. A
    name typed without an ending gets the one of the type chosen in the dialog."""
    path, chosen = QFileDialog.getSaveFileName(parent, title, str(Path(last_folder(db)) / name), filters)
    if path:
        ending = re.search(r"\(\*(\.\w+)\)", chosen or "")
        if not Path(path).suffix and ending:
            path += ending.group(1)
        remember_folder(db, path)
    return path


def ask_open_path(parent: QWidget, db, title: str, filters: str) -> str:
    path, _ = QFileDialog.getOpenFileName(parent, title, last_folder(db), filters)
    if path:
        remember_folder(db, path)
    return path


def _says_failures(command: Callable[..., None]) -> Callable[..., None]:
    """A file command whose own reads before the work starts (the last folder, the devices
    merged: on a central office's server) fail, as when the server went away: said as any
    failure (status line and message box), not raised out of the menu's slot unseen."""
    @functools.wraps(command)
    def run(self: CentralOffice, *args: Any) -> None:
        try:
            command(self, *args)
        except AppError as error:
            self._failed(error)
    return run


class CentralOffice(QObject):
    """The central office's file commands for a window: its workspace (a data folder's, or a
    services.central_database.CentralDatabase), background runner, language and status line."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.failure_box: QMessageBox | None = None  # the last failure's message box, while it shows

    @property
    def db(self):
        return self.window.workspace.db

    @property
    def source(self):
        """What the writers open a connection of their own to (they run off the GUI thread): the
        server's address for a central office on PostgreSQL, else the data folder's file."""
        workspace = self.window.workspace
        return getattr(workspace, "url", None) or workspace.database_path

    def add_actions(self, menu, action: Callable) -> None:
        """The six files, into ``menu`` (Reports and exports of the main window, Reports of the central window)."""
        translate = QCoreApplication.translate
        action(menu, self.tr("&Write a report (PDF, Excel or Word)…"), "", lambda: self.write_report(), "action_report")
        action(menu, self.tr("&Master export of everything merged…"), "", lambda: self.write_master_export(),
               "action_master_export")
        action(menu, translate("MainWindow", "Export follow-up matri&x…"), "", lambda: self.write_midterm("matrix"),
               "action_matrix")
        action(menu, translate("MainWindow", "Mid-term report &draft (Word)…"), "",
               lambda: self.write_midterm("draft"), "action_midterm_draft")
        action(menu, self.tr("Merge receipt &for a field device…"), "", lambda: self.write_receipt(),
               "action_receipt")
        action(menu, translate("MainWindow", "Implementation status for another central c&opy…"), "",
               lambda: self.write_midterm("central"), "action_central_exchange")

    def _flush(self) -> None:
        """What is being typed in a capture window is stored before a file is written from the database."""
        autosaver = getattr(self.window, "autosaver", None)
        if autosaver is not None:
            autosaver.flush()

    # -- the files ---------------------------------------------------------------------------
    @_says_failures
    def write_report(self) -> None:
        from consultation_app.exchange.report import write_report

        source, reference, language = self.source, self.window.workspace.reference, self.window.language
        path = ask_save_path(self.window, self.db, self.tr("Write a report"), "upr-report.pdf",
                             self.tr("PDF to print (*.pdf);;Excel workbook with charts (*.xlsx);;"
                                     "Word draft of the mid-term report (*.docx)"))
        if not path:
            return
        self._flush()
        self._run(self.tr("Writing the report…"),
                  lambda progress, cancelled: write_report(source, path, reference, language=language,
                                                           progress=progress, cancelled=cancelled),
                  lambda result: self.tr("Report written: %1").replace("%1", str(result.path)), cancellable=True)

    @_says_failures
    def write_master_export(self) -> None:
        from consultation_app.exchange.master_export import write_master_export
        from consultation_app.ui.error_text import said_in

        source, reference, language = self.source, self.window.workspace.reference, self.window.language
        path = ask_save_path(self.window, self.db, self.tr("Write the master export"), "master-export.xlsx",
                             self.tr("Excel workbook (*.xlsx)"))
        if not path:
            return
        self._flush()
        say = said_in(language)  # conflicts' reasons in the workbook's language
        self._run(self.tr("Writing the master export…"),
                  lambda progress, cancelled: write_master_export(source, Path(path), reference, language, say,
                                                                  progress=progress, cancelled=cancelled),
                  lambda result: self.tr("Master export written: %1").replace("%1", str(result.path)),
                  cancellable=True)

    @_says_failures
    def write_midterm(self, kind: str) -> None:
        """The follow-up matrix ("matrix"), the mid-term report draft ("draft", the report as Word)
        or the implementation status for another central copy ("central": the signed central
        exchange workbook, merged there by Import)."""
        translate = QCoreApplication.translate  # the texts these had in the implementation window
        source, reference, language = self.source, self.window.workspace.reference, self.window.language
        work: Callable[[Any, Any, str], Any]
        if kind == "matrix":
            from consultation_app.exchange.matrix import write_matrix

            title = translate("ImplementationWindow", "Export follow-up matrix")
            pattern = translate("ImplementationWindow", "Excel workbook (*.xlsx)")
            name = "upr-matrix.xlsx"
            work = lambda progress, cancelled, out: write_matrix(  # noqa: E731
                source, out, reference, language=language, progress=progress, cancelled=cancelled)
        elif kind == "central":
            from consultation_app.exchange.central_exchange_write import write_central_exchange

            title = translate("ImplementationWindow", "Implementation status for another central copy")
            pattern = translate("ImplementationWindow", "Excel workbook (*.xlsx)")
            name = "upr-central-exchange.xlsx"
            work = lambda progress, cancelled, out: write_central_exchange(source, Path(out))  # noqa: E731
        else:
            from consultation_app.exchange.report import write_report

            title = translate("ImplementationWindow", "Mid-term report draft")
            pattern = translate("ImplementationWindow", "Word document (*.docx)")
            name = "upr-midterm-draft.docx"
            work = lambda progress, cancelled, out: write_report(  # noqa: E731
                source, out, reference, language=language, progress=progress, cancelled=cancelled)
        path = ask_save_path(self.window, self.db, title, name, pattern)
        if not path:
            return
        self._flush()
        written = translate("ImplementationWindow", "Written: %1")
        self._run(translate("ImplementationWindow", "Writing %1…").replace("%1", path),
                  lambda progress, cancelled: work(progress, cancelled, path),
                  lambda result: written.replace("%1", str(getattr(result, "path", path))),
                  cancellable=kind != "central")

    @_says_failures
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
        source = self.source
        self._run(self.tr("Writing the merge receipt…"),
                  lambda progress, cancelled: write_receipt(source, device["device_id"], Path(path)),
                  lambda result: self.tr("Merge receipt written for %1: %2").replace("%1", label).replace(
                      "%2", str(result.path)))

    # -- running -----------------------------------------------------------------------------
    def _run(self, busy: str, work: Callable, done: Callable[[Any], str], cancellable: bool = False) -> None:
        """Run ``work`` in the background behind a progress window whose bar moves as the writer
        reports (phases and rows); a ``cancellable`` writer stops at its Cancel button, leaving
        the target as it was (exchange/progress.py). The outcome in the status bar, a problem
        also in a message box (a bug as a short line, its details in the log)."""
        from consultation_app.exchange.progress import WriteCancelled
        from consultation_app.ui.background import Cancelled

        def run(progress, cancelled):
            try:
                return work(progress, cancelled)
            except WriteCancelled:
                raise Cancelled() from None

        self.window.background.run_with_progress(
            self.window, busy, run, on_result=lambda result: self._say(done(result)), on_error=self._failed,
            on_cancelled=lambda: self._say(self.tr("Cancelled: nothing was written; the file that was there is "
                                                   "unchanged.")), cancellable=cancellable)

    def _say(self, text: str, problem: bool = False) -> None:
        label = self.window.save_label
        label.setStyleSheet("color: #a01010;" if problem else "")
        label.setText(text)

    def _failed(self, error: Exception) -> None:
        from consultation_app.ui.background import failure_message

        text = self.tr("Not written: %1").replace("%1", failure_message(error))
        self._say(text, problem=True)
        # Not a blocking dialog: the window stays usable, and the line stays in the status bar.
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Not written"), text, QMessageBox.StandardButton.Ok,
                          self.window)
        box.setObjectName("central_office_failure")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda _code: setattr(self, "failure_box", None))
        self.failure_box = box
        box.open()
