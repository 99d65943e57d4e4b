"""The main window's commands that open other windows and files: the central office's
windows (import, conflicts, dashboard, implementation status), catalogs, exports, templates,
merge receipts and the passphrase. A mixin of MainWindow: one place for what the File menu
opens, apart from capture."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from consultation_app.errors import AppError
from consultation_app.storage import catalog_store
from consultation_app.ui.central_office import ask_open_path, ask_save_path
from consultation_app.ui.error_text import error_text

if TYPE_CHECKING:
    from PySide6.QtWidgets import QLabel, QMainWindow

    from consultation_app.services.workspace import Workspace
    from consultation_app.ui.autosave import Autosaver
    from consultation_app.ui.background import Background
    from consultation_app.ui.capture_tabs import CaptureTabs
    from consultation_app.ui.import_window import ImportWindow

    _Base = QMainWindow  # for the checker: the window these commands are mixed into
else:
    _Base = object

translate = QCoreApplication.translate  # the context is the main window's, for lupdate and at run time


class FileCommands(_Base):
    import_window: ImportWindow | None = None  # kept once made: a window without a reference is collected
    if TYPE_CHECKING:  # what the main window it is mixed into has
        workspace: Workspace
        background: Background
        autosaver: Autosaver
        language: str
        catalog_id: str
        save_label: QLabel
        confirm_label: QLabel
        _capture: CaptureTabs | None

        def _sync_capture_tabs(self) -> None: ...
        def reload_consultations(self, select_uuid: str | None = None) -> None: ...
        def refresh_status_bar(self) -> None: ...

    def open_implementation(self):
        """The central office's implementation-status editor (kept: a window without a reference is collected)."""
        from consultation_app.ui.implementation_window import ImplementationWindow

        self.implementation_window = ImplementationWindow(self.workspace, self.catalog_id,
                                                          getattr(self, "language", "en"), self)
        self.implementation_window.show()
        return self.implementation_window

    def open_dashboard(self):
        """The central office's dashboard, kept on self.dashboard (a window without a reference is collected)."""
        from consultation_app.ui.dashboard import open_dashboard

        self.autosaver.flush()
        return open_dashboard(self)

    def choose_catalog(self) -> str | None:
        """The catalog a new consultation is about: asked when there are several (the newest
        the office distributed first); None when the person cancels."""
        from PySide6.QtWidgets import QInputDialog

        catalogs = catalog_store.list_catalogs(self.workspace.db)
        if len(catalogs) <= 1:
            return catalogs[0]["catalog_id"] if catalogs else ""
        default = catalog_store.default_catalog_id(self.workspace.db)
        catalogs.sort(key=lambda c: c["catalog_id"] != default)
        labels = [translate("MainWindow", "%1 (version %2, %3 recommendations)").replace(
            "%1", c["title_km"] if self.language == "km" and c["title_km"] else c["title"]).replace(
            "%2", c["version"]).replace("%3", str(c["recommendations"])) for c in catalogs]
        label, ok = QInputDialog.getItem(self, translate("MainWindow", "New consultation"),
                                         translate("MainWindow", "Which recommendations is this consultation about?"),
                                         labels, 0, False)
        return catalogs[labels.index(label)]["catalog_id"] if ok else None

    def import_catalog(self):
        from consultation_app.ui.catalog_import_dialog import CatalogImportDialog

        self.autosaver.flush()
        self.catalog_dialog = CatalogImportDialog(self.workspace, self)  # kept: a dialog without a reference goes
        self.catalog_dialog.imported.connect(self._catalog_imported)
        self.catalog_dialog.show()
        return self.catalog_dialog

    def link_catalogs(self):
        from consultation_app.ui.links_dialog import LinksDialog

        self.links_dialog = LinksDialog(self.workspace, self.language, self)  # kept: see import_catalog
        self.links_dialog.show()
        return self.links_dialog

    def _catalog_imported(self, catalog_id: str) -> None:
        if catalog_id == self.catalog_id and self._capture is not None:
            self._capture.tree_model.set_catalog(catalog_store.headings(self.workspace.db, catalog_id),
                                                 catalog_store.list_recommendations(self.workspace.db, catalog_id))
            self._sync_capture_tabs()

    # -- exchange ----------------------------------------------------------------------------
    def export(self) -> None:
        from consultation_app.ui.export_dialog import ExportDialog

        self.autosaver.flush()
        dialog = ExportDialog(self.workspace, self.background, self)
        dialog.exec()
        self.refresh_status_bar()

    def import_receipt(self) -> None:
        from consultation_app.exchange.receipt import import_receipt

        path = ask_open_path(self, self.workspace.db, translate("MainWindow", "Merge receipt"),
                             translate("MainWindow", "Merge receipts (*.json)"))
        if not path:
            return
        try:
            result = import_receipt(self.workspace.database_path, Path(path))
        except AppError as error:
            self.save_label.setText(error_text(error))
            return
        self.refresh_confirmations()
        self.save_label.setText(translate(
            "MainWindow", "Receipt imported: the central office holds %1 records from this laptop.").replace(
            "%1", str(result.records_in_receipt)))

    def refresh_confirmations(self) -> None:
        """What the central office has confirmed receiving (from the last merge receipt): shown
        once a receipt was imported; counted then, not on every autosave."""
        from consultation_app.storage import receipt_queries

        if receipt_queries.receipts_imported(self.workspace.db):
            self.confirm_label.setText(translate("MainWindow", "Not yet confirmed by the central office: %1").replace(
                "%1", str(receipt_queries.unconfirmed_changes(self.workspace.db))))
            self.confirm_label.show()
        else:
            self.confirm_label.hide()

    def save_template(self) -> None:
        from consultation_app.exchange.template import write_template
        from consultation_app.ui.export_dialog import default_export_path

        suggested = default_export_path(self.workspace).with_name("capture-template.xlsx")
        path = ask_save_path(self, self.workspace.db, translate("MainWindow", "Save capture template"), suggested.name,
                             translate("MainWindow", "Excel workbook (*.xlsx)"))
        if not path:
            return
        try:
            result = write_template(path, self.workspace.reference,
                                    catalog_store.list_recommendations(self.workspace.db, self.catalog_id))
        except AppError as error:
            self.save_label.setText(error_text(error))
            return
        self.save_label.setText(translate("MainWindow", "Capture template saved: %1").replace("%1", str(result.path)))

    def _import_window(self):
        from consultation_app.ui.import_window import ImportWindow

        window = self.import_window
        if window is None:
            window = self.import_window = ImportWindow(self.workspace, self.background, self, language=self.language)
            window.merged.connect(self.reload_consultations)
            window.merged.connect(self.refresh_status_bar)
        return window

    def open_import_window(self):
        self.autosaver.flush()
        window = self._import_window()
        window.show()
        window.raise_()
        window.activateWindow()
        return window

    def review_conflicts(self):
        self.autosaver.flush()
        return self._import_window().review_conflicts()

    def passphrase_settings(self) -> None:
        from consultation_app.ui.passphrase_settings import open_passphrase_settings

        open_passphrase_settings(self)
