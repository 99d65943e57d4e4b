"""The main window of the desktop app opened on a central office's PostgreSQL server
(``--database``, docs/central-postgresql.md): the central windows (Import, conflict review,
dashboard, implementation status) on the server's store, and the central office's files
(report, master export, matrix, merge receipt...) from its Reports menu. Field capture (editing
consultations, exporting field workbooks) stays on the laptops' SQLite data folders and is
not offered here; the window says so. The server is named everywhere without its password."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QKeySequence, QPainter
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QGroupBox,
    QLabel,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from consultation_app.errors import AppError
from consultation_app.storage import catalog_store, conflict_queries, settings_store, stats
from consultation_app.ui.background import Background
from consultation_app.ui.central_office import computer_key
from consultation_app.ui.error_text import error_text
from consultation_app.ui.i18n import LANGUAGES, install_language
from consultation_app.ui.menus import (
    add_central_files,
    add_central_windows,
    add_language_menu,
    adder,
    fit_menu_texts,
)
from consultation_app.ui.window_fit import place_window, remember_window, show_placed

if TYPE_CHECKING:
    from consultation_app.services.central_database import CentralDatabase
    from consultation_app.ui.import_window import ImportWindow

PLACE = "ui.central_window"  # window_fit
translate = QCoreApplication.translate  # for the texts the menus' commands have (ui/central_office.py)


class ElidedLabel(QLabel):
    """A one-line label that may be narrower than its text: drawn shortened with "…" at the end,
    the whole text in its tooltip (a status bar gives its widgets no more than the window's width)."""

    def __init__(self, text: str = "") -> None:
        super().__init__()
        self.setText(text)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        super().setText(text)
        self.setToolTip(text)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(min(super().minimumSizeHint().width(), self.fontMetrics().horizontalAdvance("x" * 12)),
                     super().minimumSizeHint().height())

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        room = self.contentsRect()
        shown = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, room.width())
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.drawText(room, int(self.alignment() | Qt.AlignmentFlag.AlignVCenter), shown)


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
        self.buttons: list[QPushButton] = []
        for index, (text, slot, name) in enumerate((
                (self.tr("&Import field workbooks…"), self.open_import_window, "button_import"),
                (self.tr("Review merge &conflicts…"), self.review_conflicts, "button_conflicts"),
                (self.tr("&Dashboard…"), self.open_dashboard, "button_dashboard"),
                (self.tr("Implementation &status…"), self.open_implementation, "button_implementation"),
                (translate("CentralOffice", "&Write a report (PDF, Excel or Word)…"),
                 lambda: self.central_office.write_report(), "button_report"),
                (translate("CentralOffice", "&Master export of everything merged…"),
                 lambda: self.central_office.write_master_export(), "button_master_export"))):
            button = QPushButton(text)
            button.setObjectName(name)
            button.setMinimumHeight(48)
            button.clicked.connect(slot)
            grid.addWidget(button, index // 2, index % 2)
            self.buttons.append(button)
        self.button_grid, self.button_columns = grid, 2

        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.addWidget(heading)
        layout.addWidget(self.counts_label)
        layout.addWidget(buttons)
        layout.addWidget(self.capture_note)
        layout.addStretch(1)
        # On a 1024x600 screen at 150% the page is taller than the window: it scrolls rather than
        # squeezing the rows of buttons over each other.
        scroll = QScrollArea()
        scroll.setObjectName("central_page")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(page)
        self.setCentralWidget(scroll)
        self.page_scroll = scroll

        self._build_menus()
        # Both share one line at 1024x600 or 150%: each gives way ("…") instead of being cut, whole in its tooltip.
        self.server_label = ElidedLabel(self.tr("Server: %1").replace("%1", central.label))
        self.server_label.setObjectName("server_label")
        self.save_label = ElidedLabel()  # the central windows' outcome lines
        self.statusBar().addWidget(self.save_label, 1)
        self.statusBar().addPermanentWidget(self.server_label)
        place_window(self, central.db, PLACE, QSize(1000, 640))
        self.refresh_counts()

    def _build_menus(self) -> None:
        """File, Reports and View: the central commands of the SQLite main window (ui/menus.py
        builds both), minus field capture."""
        act = adder(self)
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        add_central_windows(self, file_menu, act)
        file_menu.addSeparator()
        act(file_menu, self.tr("&Quit"), QKeySequence.StandardKey.Quit, self.close, "action_quit")
        reports = self.menuBar().addMenu(self.tr("&Reports"))
        self.central_office = add_central_files(self, reports, act)
        view = self.menuBar().addMenu(self.tr("&View"))
        act(view, self.tr("&Dashboard…"), "", self.open_dashboard, "action_dashboard")
        add_language_menu(self, view)
        fit_menu_texts(self.menuBar())

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
    @staticmethod
    def remembered_language(central: CentralDatabase, otherwise: str) -> str:
        """The language last chosen in View > Language on this computer (under this login), kept
        on the server as the main window keeps its own in the data folder; ``otherwise`` (this
        computer's data folder's, or the system's) when none was chosen or the server cannot say."""
        try:
            language = settings_store.get(central.db, computer_key(central.db, settings_store.INTERFACE_LANGUAGE))
        except AppError:
            return otherwise
        return language if language in LANGUAGES else otherwise

    def switch_language(self, language: str) -> "CentralWindow":
        if language == self.language:
            return self
        problem = None
        try:
            settings_store.put(self.workspace.db, computer_key(self.workspace.db, settings_store.INTERFACE_LANGUAGE),
                               language)
        except AppError as error:  # the server went away: the switch still happens, only not kept
            problem = error
        install_language(language)
        remember_window(self, self.workspace.db, PLACE)
        replacement = CentralWindow(self.workspace, language)
        if problem is not None:
            replacement.save_label.setText(error_text(problem))
        show_placed(replacement)
        self.close()
        self.deleteLater()
        return replacement

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self.server_label.setMaximumWidth(max(self.width() * 2 // 5, 160))  # the outcome line has the rest
        self._arrange_buttons()

    def _arrange_buttons(self) -> None:
        """Two columns of buttons where they fit side by side, else one (Khmer at 150% on a
        1024x600 screen): the page then scrolls down, never sideways."""
        grid = self.button_grid
        widest = max(button.sizeHint().width() for button in self.buttons)
        group_margins = grid.contentsMargins().left() + grid.contentsMargins().right() + 8  # the frame
        page_margins = 48 + self.page_scroll.verticalScrollBar().sizeHint().width()
        columns = 2 if 2 * widest + grid.horizontalSpacing() + group_margins + page_margins <= self.width() else 1
        if columns == self.button_columns:
            return
        for button in self.buttons:
            grid.removeWidget(button)
        for index, button in enumerate(self.buttons):
            grid.addWidget(button, index // columns, index % columns)
        self.button_columns = columns

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self.import_window is not None and self.import_window.is_running():
            self.import_window.cancel()
            self.background.wait()
        remember_window(self, self.workspace.db, PLACE)
        super().closeEvent(event)
