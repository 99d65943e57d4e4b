"""The Recommendations and Notes tabs of the main window, made the first time they are shown or
needed (MainWindow._capture_tabs): a start on the Details tab does not load or build them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from consultation_app.domain.records import FEEDBACK, NOTE
from consultation_app.storage import catalog_store
from consultation_app.ui.main_window import NOTES_TAB, RECOMMENDATIONS_TAB

if TYPE_CHECKING:
    from consultation_app.ui.main_window import MainWindow


class CaptureTabs:
    """The recommendations browser with the feedback panel, and the notes panel, put into
    their tab pages and wired to the window."""

    def __init__(self, window: MainWindow):
        from consultation_app.ui.feedback_panel import FeedbackPanel
        from consultation_app.ui.models.recommendation_tree import RecommendationTreeModel
        from consultation_app.ui.notes_panel import NotesPanel
        from consultation_app.ui.recommendations_browser import RecommendationsBrowser

        db, language = window.workspace.db, window.language
        headings = catalog_store.headings(db, window.catalog_id)
        self.tree_model = RecommendationTreeModel(
            headings, catalog_store.list_recommendations(db, window.catalog_id), window)
        self.tree_model.set_language(language)
        self.recs = RecommendationsBrowser(self.tree_model, window._search_codes)
        self.feedback = FeedbackPanel(window.workspace.reference, language)
        self.notes = NotesPanel([(h["title_km"] if language == "km" and h["title_km"] else h["title"], h["key"])
                                 for h in headings])
        self.catalog_label = QLabel()  # which catalog (cycle) the open consultation is about
        self.catalog_label.setObjectName("catalog_label")
        self.catalog_label.setWordWrap(True)
        # Above the tree, not above both sides: the feedback panel keeps the height for its comment box.
        browse = QWidget()
        browse_layout = QVBoxLayout(browse)
        browse_layout.setContentsMargins(0, 0, 0, 0)
        browse_layout.addWidget(self.catalog_label)
        browse_layout.addWidget(self.recs, 1)
        rec_split = QSplitter(Qt.Orientation.Horizontal)
        rec_split.addWidget(browse)
        rec_split.addWidget(self.feedback)
        rec_split.setStretchFactor(0, 3)
        rec_split.setStretchFactor(1, 2)
        rec_split.setSizes([600, 460])
        self.show_catalog_title(window)
        for tab, content in ((RECOMMENDATIONS_TAB, rec_split), (NOTES_TAB, self.notes)):
            page = window.tabs.widget(tab)
            page_layout = page.layout() if page is not None else None
            assert page_layout is not None  # main_window._page made it
            page_layout.addWidget(content)
            content.show()  # now, not from the event loop: the keys typed next must find them shown

        self.recs.recommendation_chosen.connect(window._recommendation_chosen)
        self.recs.search_accepted.connect(window.focus_feedback_editor)
        self.feedback.new_requested.connect(window.new_feedback)
        self.notes.new_requested.connect(window.new_note)
        for kind, editor in ((FEEDBACK, self.feedback), (NOTE, self.notes)):  # one wiring for both editors
            editor.edited.connect(lambda field, value, kind=kind: window._record_edited(kind, field, value))
            editor.focus_left.connect(window.autosaver.flush)
            editor.delete_requested.connect(lambda uuid, kind=kind: window.delete_record(kind, uuid))
            editor.history_requested.connect(lambda uuid, kind=kind: window.show_history(kind, uuid))
            editor.withdraw_requested.connect(lambda uuid, kind=kind: window.withdraw_record(kind, uuid))

    def show_catalog_title(self, window: MainWindow) -> None:
        row = next((c for c in catalog_store.list_catalogs(window.workspace.db)
                    if c["catalog_id"] == window.catalog_id), None)
        if row is None:
            self.catalog_label.clear()
            return
        title = row["title_km"] if window.language == "km" and row["title_km"] else row["title"]
        text = QCoreApplication.translate("MainWindow", "Catalog: %1 (version %2)")
        self.catalog_label.setText(text.replace("%1", title).replace("%2", row["version"]))
