"""The facilitator's main window: consultations on the left; details, recommendations with
feedback, and notes on the right. Everything typed is stored as it is typed."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QMainWindow, QSplitter, QTabWidget, QVBoxLayout, QWidget

from consultation_app.domain.records import CONSULTATION, FEEDBACK, NOTE, RecordKind, ValidationError
from consultation_app.errors import AppError
from consultation_app.services.workspace import Workspace
from consultation_app.storage import catalog_store, consultation_queries, search_queries, settings_store
from consultation_app.ui.attachments_panel import AttachmentsPanel
from consultation_app.ui.autosave import Autosaver
from consultation_app.ui.background import Background
from consultation_app.ui.binder import today_iso
from consultation_app.ui.consent_panel import ConsentPanel
from consultation_app.ui.consultation_form import ConsultationForm
from consultation_app.ui.consultations_browser import ConsultationsBrowser
from consultation_app.ui.error_text import error_text
from consultation_app.ui.i18n import install_language
from consultation_app.ui.main_menus import build_menus, build_status_bar
from consultation_app.ui.main_window_commands import FileCommands
from consultation_app.ui.messages import describe_problems
from consultation_app.ui.undo import DeleteCommand, UndoRouter
from consultation_app.ui.window_fit import place_window, remember_window, show_placed

if TYPE_CHECKING:  # loaded with the capture tabs (ui/capture_tabs.py), not at start-up
    from consultation_app.ui.capture_tabs import CaptureTabs
    from consultation_app.ui.central_office import CentralOffice
    from consultation_app.ui.feedback_panel import FeedbackPanel
    from consultation_app.ui.models.recommendation_tree import RecommendationTreeModel
    from consultation_app.ui.notes_panel import NotesPanel
    from consultation_app.ui.recommendations_browser import RecommendationsBrowser
    from consultation_app.ui.record_editor import RecordEditor

LAST_CONSULTATION, LAST_RECOMMENDATION, LAST_TAB = "ui.last_consultation", "ui.last_recommendation", "ui.last_tab"
WINDOW_PLACE = "ui.main_window"  # "x y width height maximised" (window_fit)
LIST_SHOWN = "ui.consultations_list"  # "1" or "0" once the officer chose; unset: shown when there is room
LIST_NEEDS_WIDTH = 1180  # narrower than this, the list collapses by itself (1024x600, 150% scaling)
DETAILS_TAB, RECOMMENDATIONS_TAB, NOTES_TAB = range(3)


class MainWindow(FileCommands, QMainWindow):  # the File menu's commands mixed in
    current: "MainWindow | None" = None  # the window the app shows (a language switch replaces it)
    # made by ui/main_menus.py
    central_office: CentralOffice
    toggle_list: QAction
    device_label: QLabel
    unexported_label: QLabel
    export_label: QLabel
    save_label: QLabel
    confirm_label: QLabel

    def __init__(self, workspace: Workspace, language: str = "en"):
        super().__init__()
        MainWindow.current = self
        self.workspace = workspace
        self.language = language
        self.consultation: dict | None = None
        self.setWindowTitle(self.tr("UPR consultations"))
        self.autosaver = Autosaver(self._write, self, describe=self._describe_error)
        self.autosaver.failed.connect(self._save_failed)
        self.undo_stack = QUndoStack(self)
        self.background = Background(self)
        self.catalog_id = catalog_store.default_catalog_id(workspace.db) or ""  # the open consultation's
        self._capture: CaptureTabs | None = None  # built when first shown or needed (start-up time)
        self._pending_code: str | None = None  # the remembered recommendation, chosen once they exist

        self.browser = ConsultationsBrowser(
            workspace.reference, language,
            find_in_content=lambda text: search_queries.consultations_mentioning(workspace.db, text))
        self.form = ConsultationForm(workspace.reference, language)
        self.consent_panel = ConsentPanel(workspace.records, language)
        self.form.sections.insertWidget(2, self.consent_panel)  # below the participants
        self.attachments_panel = AttachmentsPanel(workspace.records, language)
        self.form.sections.insertWidget(3, self.attachments_panel)
        self.consent_panel.withdrawn.connect(self._consent_withdrawn)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.form, self.tr("&Details"))
        self.tabs.addTab(_page(), self.tr("&Recommendations and feedback"))
        self.tabs.addTab(_page(), self.tr("&Notes"))
        main_split = QSplitter(Qt.Orientation.Horizontal)
        main_split.addWidget(self.browser)
        main_split.addWidget(self.tabs)
        main_split.setStretchFactor(0, 1)
        main_split.setStretchFactor(1, 3)
        main_split.setSizes([340, 1060])
        self.main_split = main_split
        self.setCentralWidget(main_split)

        self.browser.consultation_chosen.connect(self.open_consultation)
        self.form.edited.connect(lambda field, value: self._queue(CONSULTATION, field, value))
        self.form.finalise_requested.connect(lambda: self.set_status("final"))
        self.form.reopen_requested.connect(lambda: self.set_status("draft"))
        self.tabs.currentChanged.connect(self._tab_changed)
        # Focus moving anywhere writes what was typed at once.
        _app().focusChanged.connect(self._focus_changed)
        self._undo_router = UndoRouter(self)
        _app().installEventFilter(self._undo_router)
        self._watching_focus = True
        build_menus(self)
        build_status_bar(self)
        place_window(self, workspace.db, WINDOW_PLACE, QSize(1400, 860))
        self._apply_list_visibility()
        self.reload_consultations()
        self._restore_place()

    # -- the capture tabs, built on first use ----------------------------------------
    @property
    def recs(self) -> RecommendationsBrowser:
        return self._capture_tabs().recs

    @property
    def feedback(self) -> FeedbackPanel:
        return self._capture_tabs().feedback

    @property
    def notes(self) -> NotesPanel:
        return self._capture_tabs().notes

    @property
    def tree_model(self) -> RecommendationTreeModel:
        return self._capture_tabs().tree_model

    def _tab_changed(self, index: int) -> None:
        if index in (RECOMMENDATIONS_TAB, NOTES_TAB):
            self._capture_tabs()
        self._remember(LAST_TAB, str(index))

    def _capture_tabs(self) -> "CaptureTabs":
        """The Recommendations and Notes tabs, made the first time they are shown or needed:
        a start on the Details tab (about 12 ms less) does not build what it does not show."""
        if self._capture is None:
            from consultation_app.ui.capture_tabs import CaptureTabs

            self._capture = CaptureTabs(self)
            if self._pending_code:
                self._capture.recs.select(self._pending_code, notify=False)
            self._sync_capture_tabs()
        return self._capture

    def _sync_capture_tabs(self) -> None:
        """The capture tabs show the open consultation: its counts, entries and notes."""
        editable = self.consultation is not None and self.consultation["status"] != "final"
        self.feedback.set_editable(editable)
        self.notes.set_editable(editable)
        self._refresh_counts()
        self._recommendation_chosen(self.recs.current_code())
        self.notes.set_notes(self._records(NOTE))

    def _list_toggled(self, checked: bool) -> None:
        """The officer's choice, kept (across a language switch and the next start)."""
        self._remember(LIST_SHOWN, "1" if checked else "0")
        self._apply_list_visibility()

    def _apply_list_visibility(self) -> None:
        choice = settings_store.get(self.workspace.db, LIST_SHOWN)
        shown = choice == "1" if choice in ("0", "1") else self.width() >= LIST_NEEDS_WIDTH
        if self.browser.isVisibleTo(self) != shown:
            self.browser.setVisible(shown)
        self.toggle_list.setChecked(shown)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._apply_list_visibility()

    def refresh_status_bar(self) -> None:
        db = self.workspace.db
        self.device_label.setText(self.tr("Device: %1").replace("%1", self.workspace.device_name))
        self.unexported_label.setText(self.tr("Changes not yet exported: %1").replace(
            "%1", str(consultation_queries.unexported_changes(db))))
        last = consultation_queries.last_export_at(db)
        self.export_label.setText(self.tr("Last export: %1").replace("%1", last[:16].replace("T", " ")
                                                                     if last else self.tr("never")))

    # -- consultations -------------------------------------------------------------
    def reload_consultations(self, select_uuid: str | None = None) -> None:
        rows = consultation_queries.consultation_summaries(self.workspace.db)
        self.browser.set_rows(rows, select_uuid or (self.consultation or {}).get("uuid"))

    def open_consultation(self, uuid: str | None) -> None:
        self.autosaver.flush()
        self.consultation = self.workspace.records.get(CONSULTATION, uuid) if uuid else None
        self.form.load(self.consultation)
        self.consent_panel.load(self.consultation)
        self.attachments_panel.load(self.consultation)
        if self.consultation and self.consultation.get("catalog_id"):
            self.show_catalog(self.consultation["catalog_id"])
        if self._capture is not None:
            self._sync_capture_tabs()
        if uuid:
            self._remember(LAST_CONSULTATION, uuid)

    def show_catalog(self, catalog_id: str) -> None:
        """The recommendations tab, search and template follow the open consultation's catalog."""
        if catalog_id == self.catalog_id or catalog_store.installed(self.workspace.db, catalog_id) is None:
            return
        self.catalog_id = catalog_id
        if self._capture is not None:
            self._capture.tree_model.set_catalog(catalog_store.headings(self.workspace.db, catalog_id),
                                                 catalog_store.list_recommendations(self.workspace.db, catalog_id))
            self._capture.show_catalog_title(self)

    def new_consultation(self) -> None:
        self.autosaver.flush()
        catalog_id = self.choose_catalog()
        if catalog_id is None:
            return
        self.show_catalog(catalog_id)
        settings = self.workspace.db
        row = self.workspace.records.create(CONSULTATION, {
            "title": self.tr("New consultation"),
            "catalog_id": catalog_id,
            "province": settings_store.get(settings, settings_store.DEFAULT_PROVINCE),
            "facilitator": settings_store.get(settings, settings_store.OFFICER_NAME, "") or "",
            "start_date": today_iso(),
        })
        self.browser.search.clear()
        self.reload_consultations(row["uuid"])
        self.open_consultation(row["uuid"])
        self.tabs.setCurrentIndex(DETAILS_TAB)
        title = cast(QLineEdit, self.form.binder.widgets["title"])
        title.setFocus()
        title.selectAll()
        self.after_write()

    def set_status(self, status: str) -> None:
        if not self.consultation:
            return
        self.autosaver.flush()
        try:
            self.workspace.records.update(CONSULTATION, self.consultation["uuid"], {"status": status})
        except ValidationError as error:
            self.form.show_problems(error.problems)
            return
        self.reload_consultations()
        self.open_consultation(self.consultation["uuid"])
        self.after_write()

    # -- recommendations and feedback ----------------------------------------------
    def _search_codes(self, text: str) -> set[str]:
        rows = catalog_store.search_recommendations(self.workspace.db, text, self.catalog_id, limit=10_000)
        return {row["code"] for row in rows}

    def find_recommendation(self) -> None:
        self.tabs.setCurrentIndex(RECOMMENDATIONS_TAB)
        self.recs.search.setFocus()
        self.recs.search.selectAll()

    def focus_feedback_editor(self) -> None:
        if self.feedback.new_button.isEnabled():
            self.feedback.binder.widgets["priority"].setFocus()

    def _refresh_counts(self) -> None:
        uuid = (self.consultation or {}).get("uuid")
        self.tree_model.set_counts(consultation_queries.feedback_counts(self.workspace.db, uuid), bool(uuid))

    def _records(self, kind: RecordKind, code: str | None = None) -> list[dict]:
        if not self.consultation:
            return []
        return self.workspace.records.in_consultation(kind, self.consultation["uuid"], code)

    def _recommendation_chosen(self, code: str | None, select_uuid: str | None = None) -> None:
        self.autosaver.flush()
        self.feedback.show_recommendation(self.tree_model.recommendation(code) if code else None, self.language)
        self.feedback.set_entries(self._records(FEEDBACK, code) if code else [], select_uuid)
        self.feedback.set_editable(bool(code) and self.consultation is not None
                                   and self.consultation["status"] != "final")
        if code:
            self._remember(LAST_RECOMMENDATION, code)

    def new_feedback(self) -> None:
        if not self.consultation or self.consultation["status"] == "final":
            return
        self.autosaver.flush()
        if self.tabs.currentIndex() != RECOMMENDATIONS_TAB:
            self.tabs.setCurrentIndex(RECOMMENDATIONS_TAB)
        if self.recs.current_code() is None:
            self.find_recommendation()
            return
        self.feedback.start_new_entry()

    def save_and_next(self) -> None:
        self.autosaver.flush()
        if self.recs.select_next():
            self.feedback.start_new_entry("priority")

    # -- feedback entries and notes: one editing path -----------------------------
    def _editor(self, kind: RecordKind) -> "RecordEditor":
        return self.feedback if kind is FEEDBACK else self.notes

    def _new_record_values(self, kind: RecordKind) -> dict | None:
        """What a new feedback entry or note starts with; None when there is nowhere to put it."""
        if not self.consultation:
            return None
        if kind is NOTE:
            return {"consultation_uuid": self.consultation["uuid"]}
        code = self.recs.current_code()
        return {"consultation_uuid": self.consultation["uuid"], "catalog_id": self.catalog_id,
                "recommendation_code": code} if code else None

    def _record_edited(self, kind: RecordKind, field: str, value) -> None:
        """The first keystroke in a blank editor creates the record; later ones are autosaved."""
        editor = self._editor(kind)
        if editor.current_uuid is not None:
            self.autosaver.queue(kind, editor.current_uuid, field, value)
            return
        values = self._new_record_values(kind)
        if values is None:
            return
        try:
            row = self.workspace.records.create(kind, {**values, field: value})
        except (AppError, ValidationError) as error:
            message = self._describe_error(kind, error)
            self.feedback.show_status(message) if kind is FEEDBACK else self.save_label.setText(message)
            return
        editor.record_saved(row)
        if kind is FEEDBACK:
            self._refresh_counts()
        self.after_write()

    # -- notes ---------------------------------------------------------------------
    def new_note(self) -> None:
        if not self.consultation or self.consultation["status"] == "final":
            return
        self.autosaver.flush()
        self.tabs.setCurrentIndex(NOTES_TAB)
        self.notes.start_new_note()

    # -- writing -------------------------------------------------------------------
    def _queue(self, kind: RecordKind, field: str, value) -> None:
        if self.consultation:
            self.autosaver.queue(kind, self.consultation["uuid"], field, value)

    def _write(self, kind: RecordKind, uuid: str, changes: dict) -> None:
        row = self.workspace.records.update(kind, uuid, changes)
        if kind is CONSULTATION:
            self.consultation = row
            self.form.show_problems({})
            if set(changes) & {"title", "stakeholder_group", "province", "start_date", "district", "facilitator"}:
                self.reload_consultations()
        else:
            self._editor(kind).record_saved(row)
        self.after_write()

    def _focus_changed(self, old, new) -> None:
        if self.autosaver.has_pending():
            self.autosaver.flush()

    def _describe_error(self, kind: RecordKind, error: Exception) -> str:
        """A failed write in the officer's words: fields named by their labels, translated."""
        problems = getattr(error, "problems", None)
        if not problems:
            return error_text(error)
        label = (self.form if kind is CONSULTATION else self._editor(kind)).label
        return " ".join(describe_problems(problems, label))

    def _save_failed(self, table: str, uuid: str, message: str) -> None:
        self.save_label.setText(self.tr("Not saved: %1").replace("%1", message))
        self.save_label.setStyleSheet("color: #a01010;")
        if table == CONSULTATION.table:
            self.form.problems.setText(message)
            self.form.problems.show()
        elif table == FEEDBACK.table:
            self.feedback.show_status(message)

    def after_write(self) -> None:
        self.save_label.setStyleSheet("")
        self.save_label.setText(self.tr("All changes saved"))
        if self._capture is not None:
            self.feedback.show_status("")
        self.refresh_status_bar()

    def delete_record(self, kind: RecordKind, uuid: str) -> None:
        self.autosaver.flush()
        if not self.consultation or self.consultation["status"] == "final":
            return
        self.undo_stack.push(DeleteCommand(self, kind, uuid))

    def show_history(self, kind: RecordKind, uuid: str):
        from consultation_app.ui.history_dialog import HistoryDialog

        self.autosaver.flush()  # the edit being typed is a revision too
        dialog = HistoryDialog(self.workspace, kind, uuid, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _consent_withdrawn(self, uuid: str) -> None:
        self.undo_stack.clear()  # no undo step may touch a withdrawn entry again
        self.open_consultation(uuid)

    def withdraw_record(self, kind: RecordKind, uuid: str) -> None:
        """The officer confirmed (the panel asked): wipe what the person said, for good."""
        self.autosaver.discard(kind, uuid)  # words typed but not yet saved are never written
        self.autosaver.flush()
        try:
            self.workspace.records.withdraw(kind, uuid)
        except AppError as error:
            self.save_label.setText(error_text(error))
            return
        self.undo_stack.clear()  # no undo step may touch a withdrawn record again
        self.after_structure_change(kind)
        self.save_label.setText(self.tr("What this person said was wiped. Export soon so that the central office "
                                        "wipes it too."))

    def after_structure_change(self, kind: RecordKind, select_uuid: str | None = None) -> None:
        if kind is FEEDBACK:
            self._refresh_counts()
            self._recommendation_chosen(self.recs.current_code(), select_uuid)
        elif kind is NOTE:
            self.notes.set_notes(self._records(NOTE), select_uuid)
        self.reload_consultations()
        self.after_write()

    # -- language ------------------------------------------------------------------
    def switch_language(self, language: str) -> "MainWindow":
        """Rebuild the window in another language, where the officer was: same consultation,
        recommendation and tab (they are remembered as they change), same size and position."""
        if language == self.language:
            return self
        self.autosaver.flush()
        settings_store.put(self.workspace.db, settings_store.INTERFACE_LANGUAGE, language)
        install_language(language)
        remember_window(self, self.workspace.db, WINDOW_PLACE)
        replacement = MainWindow(self.workspace, language)
        show_placed(replacement)
        self.close()
        self.deleteLater()
        return replacement

    # -- place and closing ---------------------------------------------------------
    def _remember(self, key: str, value: str) -> None:
        settings_store.put(self.workspace.db, key, value)

    def _restore_place(self) -> None:
        db = self.workspace.db
        uuid = settings_store.get(db, LAST_CONSULTATION)
        self._pending_code = settings_store.get(db, LAST_RECOMMENDATION)
        if not (uuid and self.browser.select(uuid)):
            self.open_consultation(None)
        self.tabs.setCurrentIndex(int(settings_store.get(db, LAST_TAB, "0") or 0))

    def closeEvent(self, event) -> None:
        self.autosaver.flush()
        remember_window(self, self.workspace.db, WINDOW_PLACE)
        self.browser.stop()  # its pending search, before the database can go (it may be collapsed already)
        if self._watching_focus:
            _app().focusChanged.disconnect(self._focus_changed)
            _app().removeEventFilter(self._undo_router)
            self._watching_focus = False
        super().closeEvent(event)


def _app() -> QApplication:
    return cast(QApplication, QApplication.instance())


def _page() -> QWidget:
    """A tab's page whose content is made later (MainWindow._capture_tabs)."""
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.setContentsMargins(0, 0, 0, 0)
    return page
