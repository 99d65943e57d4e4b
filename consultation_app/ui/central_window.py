"""The main window of the desktop app opened on a central office's PostgreSQL server
(``--database``, docs/central-postgresql.md): the central windows (Import, conflict review,
dashboard, implementation status) on the server's store. Field capture (editing
consultations, exporting field workbooks) stays on the laptops' SQLite data folders and is
not offered here; the window says so. The server is named everywhere without its password."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QMainWindow, QPushButton, QVBoxLayout, QWidget

from consultation_app.errors import AppError
from consultation_app.storage import catalog_store, conflict_queries, stats
from consultation_app.ui.background import Background
from consultation_app.ui.error_text import error_text
from consultation_app.ui.i18n import LANGUAGES, install_language
from consultation_app.ui.window_fit import place_window, remember_window, show_placed

if TYPE_CHECKING:
    from consultation_app.services.central_database import CentralDatabase
    from consultation_app.ui.import_window import ImportWindow

PLACE = "ui.central_window"  # window_fit


class CentralWindow(QMainWindow):
    current: "CentralWindow | None" = None

    def __init__(self, central: CentralDatabase, language: str = "en"):
        super().__init__()
        CentralWindow.current = self
        self.workspace = central  # what the central windows use of a workspace (db, reference, device_id)
        self.language = language
        self.background = Background(self)
        self.catalog_id = catalog_store.default_catalog_id(central.db) or ""
        self.import_window: ImportWindow | None = None
        self.dashboard = None
        self.setObjectName("central_window")
        self.setWindowTitle(self.tr("UPR consultations — central office on %1").replace("%1", central.label))

        heading = QLabel(self.tr("Central office database on the PostgreSQL server %1").replace("%1", central.label))
        heading.setWordWrap(True)
        font = heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        heading.setFont(font)
        self.counts_label = QLabel()
        self.counts_label.setObjectName("central_counts")
        self.counts_label.setWordWrap(True)
        self.capture_note = QLabel(self.tr(
            "Field capture (editing consultations, exporting field workbooks) is not offered on the server: it "
            "is done on the field laptops, each with its own data folder, whose exports are merged here."))
        self.capture_note.setObjectName("capture_not_offered")
        self.capture_note.setWordWrap(True)

        buttons = QGroupBox(self.tr("Central office"))
        grid = QGridLayout(buttons)
        for index, (text, slot, name) in enumerate((
                (self.tr("&Import field workbooks…"), self.open_import_window, "button_import"),
                (self.tr("Review merge &conflicts…"), self.review_conflicts, "button_conflicts"),
                (self.tr("&Dashboard…"), self.open_dashboard, "button_dashboard"),
                (self.tr("Implementation &status…"), self.open_implementation, "button_implementation"))):
            button = QPushButton(text)
            button.setObjectName(name)
            button.setMinimumHeight(48)
            button.clicked.connect(slot)
            grid.addWidget(button, index // 2, index % 2)

        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.addWidget(heading)
        layout.addWidget(self.counts_label)
        layout.addWidget(buttons)
        layout.addWidget(self.capture_note)
        layout.addStretch(1)
        self.setCentralWidget(page)

        self._build_menus()
        self.server_label = QLabel(self.tr("Server: %1").replace("%1", central.label))
        self.server_label.setObjectName("server_label")
        self.server_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.save_label = QLabel()  # the central windows' outcome lines
        self.statusBar().addWidget(self.save_label, 1)
        self.statusBar().addPermanentWidget(self.server_label)
        place_window(self, central.db, PLACE, QSize(1000, 640))
        self.refresh_counts()

    def _build_menus(self) -> None:
        def add(menu, text: str, shortcut: str | QKeySequence.StandardKey, slot, name: str) -> QAction:
            action = QAction(text, self)
            action.setObjectName(name)
            action.setShortcut(QKeySequence(shortcut))
            action.triggered.connect(slot)
            menu.addAction(action)
            return action

        file_menu = self.menuBar().addMenu(self.tr("&File"))
        add(file_menu, self.tr("&Import field workbooks…"), "Ctrl+I", self.open_import_window, "action_import")
        add(file_menu, self.tr("Review merge &conflicts…"), "", self.review_conflicts, "action_review_conflicts")
        add(file_menu, self.tr("Implementation &status…"), "", self.open_implementation, "action_implementation")
        file_menu.addSeparator()
        add(file_menu, self.tr("&Quit"), QKeySequence.StandardKey.Quit, self.close, "action_quit")
        view = self.menuBar().addMenu(self.tr("&View"))
        add(view, self.tr("&Dashboard…"), "", self.open_dashboard, "action_dashboard")
        languages = view.addMenu(self.tr("&Language"))
        group = QActionGroup(self)
        for code, name in LANGUAGES.items():
            action = languages.addAction(name)
            action.setObjectName(f"action_language_{code}")
            action.setCheckable(True)
            action.setChecked(code == self.language)
            action.triggered.connect(lambda checked=False, code=code: self.switch_language(code))
            group.addAction(action)

    def refresh_counts(self) -> None:
        db = self.workspace.db
        try:
            counts = stats.record_counts(db)
            waiting = conflict_queries.open_conflict_count(db)
        except AppError as error:  # the server went away: said here; the next refresh reconnects
            self.counts_label.setText(error_text(error))
            return
        self.counts_label.setText(self.tr("%1 consultations, %2 feedback entries, %3 conflicts waiting for "
                                          "review.").replace("%1", f"{counts['consultations']:,}").replace(
            "%2", f"{counts['feedback']:,}").replace("%3", str(waiting)))

    # -- the central windows ---------------------------------------------------------------------
    def _opened(self, opener):
        """A window opened on the server, or None with the reason in the status bar (the server
        went away: a line in the interface language, not a traceback dialog)."""
        try:
            return opener()
        except AppError as error:
            self.save_label.setText(error_text(error))
            return None

    def open_import_window(self):
        return self._opened(self._open_import_window)

    def review_conflicts(self):
        return self._opened(self._review_conflicts)

    def open_dashboard(self):
        return self._opened(self._open_dashboard)

    def open_implementation(self):
        return self._opened(self._open_implementation)

    def _open_import_window(self):
        from consultation_app.ui.import_window import ImportWindow

        if self.import_window is None:
            self.import_window = ImportWindow(self.workspace, self.background, self, language=self.language)
            self.import_window.merged.connect(self.refresh_counts)
        self.import_window.show()
        self.import_window.raise_()
        return self.import_window

    def _review_conflicts(self):
        if self.import_window is None:
            from consultation_app.ui.import_window import ImportWindow

            self.import_window = ImportWindow(self.workspace, self.background, self, language=self.language)
            self.import_window.merged.connect(self.refresh_counts)
        return self.import_window.review_conflicts()

    def _open_dashboard(self):
        from consultation_app.ui.dashboard import open_dashboard

        return open_dashboard(self)

    def _open_implementation(self):
        from consultation_app.ui.implementation_window import ImplementationWindow

        self.implementation_window = ImplementationWindow(self.workspace, self.catalog_id, self.language, self)
        self.implementation_window.show()
        return self.implementation_window

    # -- language and closing --------------------------------------------------------------------
    def switch_language(self, language: str) -> "CentralWindow":
        if language == self.language:
            return self
        install_language(language)
        remember_window(self, self.workspace.db, PLACE)
        replacement = CentralWindow(self.workspace, language)
        show_placed(replacement)
        self.close()
        self.deleteLater()
        return replacement

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self.import_window is not None and self.import_window.is_running():
            self.import_window.cancel()
            self.background.wait()
        remember_window(self, self.workspace.db, PLACE)
        super().closeEvent(event)
