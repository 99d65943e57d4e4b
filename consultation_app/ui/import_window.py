"""The central office's Import window: field workbooks in (chosen or dropped), merged off the
GUI thread with a progress bar and Cancel, and a per-file account of what happened."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStyle,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from consultation_app.errors import AppError
from consultation_app.exchange.merge import (
    ALREADY_MERGED,
    MERGED,
    NEEDS_REVIEW,
    REJECTED,
    FileResult,
    merge_paths,
)
from consultation_app.storage import merge_store, receipt_queries
from consultation_app.ui import retention_notice
from consultation_app.ui.background import Background, Task
from consultation_app.ui.error_text import error_text, result_text, warning_texts
from consultation_app.ui.merge_results_view import (  # noqa: F401 - STATUS_ROLE, ResultsModel: tests use them here
    CONFLICTS,
    FILE,
    MESSAGE,
    NEW,
    PATH_ROLE,
    STALE,
    STATUS,
    STATUS_COLOURS,
    STATUS_ROLE,
    UPDATED,
    MiddleElideDelegate,
    ResultsModel,
    StatusDelegate,
    hint,
    html_text,
    status_label,
    summary_text,
)
from consultation_app.ui.window_fit import place_window, remember_window
from consultation_app.ui.workbook_list import WorkbookList, dropped_workbooks

if TYPE_CHECKING:
    from consultation_app.ui.conflicts_dialog import ConflictsDialog


class _Content(QWidget):
    """The window's content in its scroll area: as tall as the window when it fits, its least
    height when it does not. (QScrollArea sizes a widget whose wrapped labels make it
    height-for-width to its preferred height: the results went below a 150% screen.)"""

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt's name
        layout = self.layout()
        if layout is None:
            return super().heightForWidth(width)
        return max(layout.minimumSize().height(), layout.minimumHeightForWidth(width))


PLACE = "ui.import_window"  # window_fit


class ImportWindow(QWidget):
    """Non-modal: the office can keep working in the main window while files merge."""

    merged = Signal()  # a merge finished (fully or cancelled part-way): the database may have changed

    def __init__(self, workspace, background: Background, parent=None, language: str = "en"):
        super().__init__(parent, Qt.WindowType.Window)
        self.workspace = workspace
        self.language = language
        self.background = background
        self.task: Task | None = None  # the running merge's handle (Background.start)
        self._running = False
        self._expired: list = []  # consents a merge's sweep applied (services/consent.Expired)
        self._total = 0
        self.conflicts_dialog: ConflictsDialog | None = None
        self.setWindowTitle(self.tr("Import field workbooks (central office)"))
        self.setAcceptDrops(True)

        intro = QLabel(self.tr("Merge the workbooks that field laptops exported. Each file is checked completely "
                               "before anything of it is written; merging the same file twice changes nothing."))
        intro.setWordWrap(True)

        self.files = WorkbookList()
        self.files.setAccessibleName(self.tr("Files and folders to merge"))
        self.files.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.files.setMinimumHeight(self.fontMetrics().lineSpacing() * 2 + 16)
        self.files.setMaximumHeight(150)
        self.files.itemSelectionChanged.connect(self._update_buttons)
        self.add_files_button = QPushButton(self.tr("Add &files…"))
        self.add_files_button.clicked.connect(self.choose_files)
        self.add_folder_button = QPushButton(self.tr("Add f&older…"))
        self.add_folder_button.clicked.connect(self.choose_folder)
        self.remove_button = QPushButton(self.tr("&Remove"))
        self.remove_button.clicked.connect(self.remove_selected)
        self.clear_button = QPushButton(self.tr("C&lear"))
        self.clear_button.clicked.connect(self.clear_files)
        file_buttons = QGridLayout()  # two by two: four stacked buttons made the list 150 px tall at 150%
        for index, button in enumerate((self.add_files_button, self.add_folder_button, self.remove_button,
                                        self.clear_button)):
            file_buttons.addWidget(button, index // 2, index % 2)
        file_buttons.setRowStretch(2, 1)
        file_row = QHBoxLayout()
        file_row.addWidget(self.files, 1)
        file_row.addLayout(file_buttons)

        self.accept_modified = QCheckBox(self.tr("&Accept files edited after export"))
        self.accept_modified.setToolTip(self.tr(
            "A file whose values were changed after the laptop wrote it is normally held back for review. "
            "Tick this to merge such files anyway: they are then recorded as modified in the merge log."))
        self.accept_new_key = QCheckBox(self.tr("Accept a known device's &new signing key"))
        self.accept_new_key.setToolTip(self.tr(
            "A laptop that signs with a different key than before (reinstalled, cloned, or a forgery) is "
            "held back for review. Tick this only after checking with the field officer: the new key is "
            "then trusted for that device."))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(self.tr("Password (optional)"))
        self.password.setPlaceholderText(self.tr("only for password-protected files"))
        options = QFormLayout()
        options.addRow("", self.accept_modified)
        options.addRow("", self.accept_new_key)
        password_label = QLabel(self.tr("&Password (optional)"))
        password_label.setBuddy(self.password)
        options.addRow(password_label, self.password)

        top = QGroupBox(self.tr("Workbooks to merge"))
        top_layout = QVBoxLayout(top)
        top_layout.addLayout(file_row)
        top_layout.addLayout(options)

        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Merge progress"))
        self.progress.setFormat(self.tr("%v of %m files"))
        self.progress.hide()
        self.message = QLabel()
        self.message.setObjectName("import_message")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # it quotes names and errors: never HTML
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()

        self.model = ResultsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Merge results, one row per file"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setItemDelegateForColumn(STATUS, StatusDelegate(self.table))
        self.table.setItemDelegateForColumn(FILE, MiddleElideDelegate(self.table))
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 14)
        # the title row and three files at least: the results are what the window is for
        self.table.setMinimumHeight((self.fontMetrics().height() + 14) * 4 + 8)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        # Each column at least as wide as its title (Khmer titles are longer), the status as its longest label.
        titles = header.fontMetrics()
        statuses = max(self.fontMetrics().horizontalAdvance(status_label(status))
                       for status in (MERGED, ALREADY_MERGED, NEEDS_REVIEW, REJECTED)) + 40
        for column, width in ((FILE, 230), (STATUS, max(120, statuses)), (NEW, 56), (UPDATED, 70), (STALE, 56),
                              (CONFLICTS, 76)):
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal) or "")
            self.table.setColumnWidth(column, max(width, titles.horizontalAdvance(title) + 20))
        self.table.selectionModel().currentRowChanged.connect(lambda current, previous: self._show_details())
        self.summary = QLabel()
        self.summary.setObjectName("import_summary")
        font = self.summary.font()
        font.setBold(True)
        self.summary.setFont(font)
        self.details = QTextBrowser()
        self.details.setAccessibleName(self.tr("Details of the selected file"))
        self.details.setPlaceholderText(self.tr("Select a file above to see its full message and warnings."))
        self.details.setOpenLinks(False)
        self.details.setMinimumHeight(50)

        results = QGroupBox(self.tr("Results"))
        results_layout = QVBoxLayout(results)
        results_layout.addWidget(self.summary)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([280, 120])
        splitter.setChildrenCollapsible(False)
        results_layout.addWidget(splitter, 1)

        self.merge_button = QPushButton(self.tr("&Merge"))
        self.merge_button.setDefault(True)
        self.merge_button.clicked.connect(self.start)
        self.cancel_button = QPushButton(self.tr("&Cancel"))
        self.cancel_button.setToolTip(self.tr("Stop after the file being merged now; files merged so far stay merged"))
        self.cancel_button.clicked.connect(self.cancel)
        self.review_button = QPushButton(self.tr("Review conflicts…"))
        self.review_button.setObjectName("review_conflicts")
        self.review_button.clicked.connect(self.review_conflicts)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.review_button)
        buttons.addStretch()
        buttons.addWidget(self.merge_button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.close_button)

        content = _Content()
        layout = QVBoxLayout(content)
        layout.addWidget(intro)
        layout.addWidget(top)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addWidget(results, 1)
        layout.addLayout(buttons)
        scroll = QScrollArea()  # on a screen lower than its least height (1366x768 at 150%) it scrolls, never cuts
        scroll.setWidget(content)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        place_window(self, workspace.db, PLACE, QSize(1040, 720))
        self.refresh_conflicts()
        self._update_buttons()

    # -- choosing files --------------------------------------------------------------
    def paths(self) -> list[str]:
        return [self.files.item(i).data(PATH_ROLE) for i in range(self.files.count())]

    def add_paths(self, paths) -> int:
        """Add files and folders (each once); returns how many were new."""
        held = set(self.paths())
        added = 0
        for path in map(Path, paths):
            key = str(path)
            if key in held:
                continue
            held.add(key)
            item = QListWidgetItem(self.style().standardIcon(
                QStyle.StandardPixmap.SP_DirIcon if path.is_dir() else QStyle.StandardPixmap.SP_FileIcon),
                f"{path.name}  —  {path.parent}" if path.name else key)
            item.setData(PATH_ROLE, key)
            item.setToolTip(key)
            self.files.addItem(item)
            added += 1
        self._update_buttons()
        return added

    def choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Workbooks to merge"), self._start_folder(),
                                                self.tr("Excel workbooks (*.xlsx)"))
        self.add_paths(paths)

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder of workbooks to merge"),
                                                  self._start_folder())
        if folder:
            self.add_paths([folder])

    def _start_folder(self) -> str:
        paths = self.paths()
        return str(Path(paths[-1]).parent) if paths else ""

    def remove_selected(self) -> None:
        for item in self.files.selectedItems():
            self.files.takeItem(self.files.row(item))
        self._update_buttons()

    def clear_files(self) -> None:
        self.files.clear()
        self._update_buttons()

    # -- drag and drop ---------------------------------------------------------------
    def dragEnterEvent(self, event) -> None:
        if not self._running and dropped_workbooks(event.mimeData())[0]:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:  # what is dragged was judged on entering: no disk access per move
        if self._running:
            event.ignore()
        else:
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        if self._running:
            event.ignore()
            return
        usable, ignored = dropped_workbooks(event.mimeData())
        if not usable:
            event.ignore()
            return
        event.acceptProposedAction()
        self.add_paths(usable)
        if ignored:
            self._show(self.tr("Not a workbook or folder, left out: %1").replace("%1", ", ".join(ignored[:5])
                                                                             + (" …" if len(ignored) > 5 else "")),
                       error=True)
        else:
            self._show("")

    # -- merging ---------------------------------------------------------------------
    def _show(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet("color: #a01010;" if error else "")
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _update_buttons(self) -> None:
        running = self._running
        self.merge_button.setEnabled(not running and self.files.count() > 0)
        self.cancel_button.setEnabled(running)
        for widget in (self.add_files_button, self.add_folder_button, self.accept_modified, self.accept_new_key,
                       self.password, self.clear_button):
            widget.setEnabled(not running)
        self.remove_button.setEnabled(not running and bool(self.files.selectedItems()))
        self.files.setEnabled(not running)

    def is_running(self) -> bool:
        return self._running

    def start(self) -> None:
        if self._running or not self.files.count():
            return
        paths = self.paths()
        # the data folder's database, or a central office's server (services/central_database.py)
        database_path = getattr(self.workspace, "url", None) or self.workspace.database_path
        reference = self.workspace.reference
        options: dict[str, Any] = dict(password=self.password.text() or None,
                                       accept_modified=self.accept_modified.isChecked(),
                                       accept_new_key=self.accept_new_key.isChecked())
        self._running = True
        self._total = 0
        self._update_buttons()
        self.model.set_results([])  # no stale rows from the last run while this one goes on
        self.summary.clear()
        self.details.clear()
        self.progress.setRange(0, 0)
        self.progress.show()
        self._show(self.tr("Merging…"))

        # Keep-until dates are applied after the merge, on a data folder's store or a server.
        records = getattr(self.workspace, "records", None)
        self._expired = []

        def work(progress, cancelled):
            results = merge_paths(database_path, paths, reference, progress=progress, cancelled=cancelled, **options)
            if records is not None and any(result.status == MERGED for result in results):
                self._expired = retention_notice.apply_after_merge(database_path, records)
            return results

        # The handle arrives before the work starts (also when run inline): Cancel always reaches it.
        self.background.start(work, on_result=self._finished, on_error=self._failed, on_progress=self._progress,
                              on_done=self._task_done, on_ready=self._started)

    def _started(self, task: Task) -> None:
        self.task = task

    def cancel(self) -> None:
        if not self._running or self.task is None:
            return
        self.task.cancel()
        self.cancel_button.setEnabled(False)
        self._show(self.tr("Cancelling after the file being merged now…"))

    def _progress(self, done: int, total: int) -> None:
        self._total = total
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _finished(self, results: list[FileResult]) -> None:
        self.model.set_results(results)
        self.summary.setText(summary_text(results))
        cancelled = self.task is not None and self.task.cancelled()
        if cancelled and len(results) < self._total:
            self._show(self.tr("Cancelled: %1 of %2 files were processed; the others were not touched.").replace(
                "%1", str(len(results))).replace("%2", str(self._total)))
        elif cancelled and not results:
            self._show(self.tr("Cancelled before any file was merged."))
        else:
            self._show("")
        if results:
            self.table.selectRow(next((i for i, r in enumerate(results) if r.status in (REJECTED, NEEDS_REVIEW)),
                                      0))
        self._show_details()
        if self._expired:  # merged consents already past their keep-until date were applied
            retention_notice.show(self, self._expired)

    def _failed(self, error: Exception) -> None:
        message = error_text(error) if isinstance(error, AppError) else self.tr("The merge failed: %1").replace(
            "%1", f"{type(error).__name__}: {error}")
        self._show(message, error=True)

    def _task_done(self) -> None:
        self.task = None
        self._running = False
        self.progress.hide()
        self._update_buttons()
        self.refresh_conflicts()
        self.merged.emit()

    def _show_details(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            self.details.clear()
            return
        result = self.model.result(index.row())
        background, text = STATUS_COLOURS.get(result.status, ("#ffffff", "#000000"))
        parts = [f"<b>{html_text(Path(result.path).name)}</b> &nbsp;<span style='background:{background};"
                 f"color:{text}'>&nbsp;{html_text(status_label(result.status))}&nbsp;</span>",
                 f"<span style='color:#555'>{html_text(result.path)}</span>"]
        if result.message:
            parts.append(html_text(result_text(result)))
        if hint(result):
            parts.append(f"<i>{html_text(hint(result))}</i>")
        if result.warnings:
            parts.append("<b>" + html_text(self.tr("Warnings")) + "</b><ul style='margin:0'>"
                         + "".join(f"<li>{html_text(w)}</li>" for w in warning_texts(result)) + "</ul>")
        if result.device_id:
            device = receipt_queries.device_label(self.workspace.db, result.device_id)
            parts.append("<span style='color:#555'>" + html_text(self.tr("Device %1, export %2").replace(
                "%1", device).replace("%2", str(result.export_seq or "?"))) + "</span>")
        self.details.setHtml("<br>".join(parts))

    # -- conflicts -------------------------------------------------------------------
    def open_conflict_count(self) -> int:
        return len(merge_store.open_conflicts(self.workspace.db))

    def refresh_conflicts(self) -> None:
        conflicts = merge_store.open_conflicts(self.workspace.db)
        self.model.settle_reviewed({conflict["export_id"] for conflict in conflicts})
        self._show_details()
        count = len(conflicts)
        self.review_button.setEnabled(count > 0)
        self.review_button.setText(self.tr("Review conflicts (%1)…").replace("%1", str(count)) if count
                                   else self.tr("Review conflicts…"))

    def review_conflicts(self):
        from consultation_app.ui.conflicts_dialog import ConflictsDialog

        dialog = self.conflicts_dialog
        if dialog is None:
            dialog = self.conflicts_dialog = ConflictsDialog(self.workspace, self.language, self)
            dialog.resolved.connect(self.refresh_conflicts)
            dialog.resolved.connect(self.merged.emit)  # records changed: the main window reloads
            dialog.finished.connect(lambda code: self.refresh_conflicts())
        dialog.reload()
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    # -- closing ---------------------------------------------------------------------
    def closeEvent(self, event) -> None:  # closing while a merge runs would orphan it
        if self._running:
            self.cancel()
            self.background.wait()
        super().closeEvent(event)

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt's name
        remember_window(self, self.workspace.db, PLACE)
        super().hideEvent(event)
