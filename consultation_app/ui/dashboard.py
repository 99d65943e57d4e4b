"""The central office's dashboard: which themes each stakeholder group and each province spoke
about (and which they did not: empty cells are tinted red so a gap such as "no indigenous
input on land" jumps out), how people rated priority and implementation per theme, and,
on a double-click, the feedback entries behind any figure.

The figures come from storage/dashboard_queries.py (one SQL statement); they are computed off
the GUI thread on a connection of their own, and only the newest request is shown.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex, QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from consultation_app.errors import AppError
from consultation_app.exchange.report_content import ASSESSMENT_COLOURS, FALLBACK_COLOURS, PRIORITY_COLOURS, short_title
from consultation_app.storage import catalog_store, dashboard_entries, dashboard_queries
from consultation_app.storage.connection import connect
from consultation_app.storage.dashboard_queries import (
    ASSESSMENTS,
    GROUPS,
    NOT_RECORDED,
    PRIORITIES,
    PROVINCES,
    DashboardFigures,
    Filters,
)
from consultation_app.storage.pg_connection import connect_postgresql
from consultation_app.ui.background import Background, Task
from consultation_app.ui.binder import collated, date_edit, fill_combo
from consultation_app.ui.dashboard_chart import DistributionChart, chart_page
from consultation_app.ui.dashboard_models import (
    CONSULTATIONS,
    DRILL_ROLE,
    ENTRIES,
    DrillDownModel,
    FigureTableModel,
    theme_title,
    value_label,
)
from consultation_app.ui.dashboard_tables import (
    coverage_columns,
    figure_table,
    flat,
    recommendation_table,
    theme_headers,
)
from consultation_app.ui.error_text import error_text
from consultation_app.ui.window_fit import place_window, remember_window, show_placed


def _compute(progress, cancelled, database_path, reference, filters: Filters) -> DashboardFigures | None:
    """Runs on a worker thread, on a connection of its own (``database_path``: the data
    folder's file, or a central office's postgresql:// address)."""
    if cancelled():
        return None
    opened = connect_postgresql(database_path) if isinstance(database_path, str) else connect(database_path)
    with opened as db:
        return dashboard_queries.dashboard_figures(db, reference, filters)


PLACE = "ui.dashboard_window"  # window_fit


class DashboardWindow(QWidget):
    """Filters on top; coverage matrices and per-recommendation figures on the left; priority
    and implementation per theme on the right; the entries behind a figure below."""

    recomputed = Signal()  # new figures are on screen

    def __init__(self, workspace, language: str = "en", parent=None):
        super().__init__(parent, Qt.WindowType.Window)
        self.workspace = workspace
        self.language = language
        self.reference = workspace.reference
        self.figures: DashboardFigures | None = None
        self.drill_args: dict | None = None
        self.background = Background(self)  # its own queue: never waits behind a merge
        self._task: Task | None = None
        self._generation = 0
        self.setObjectName("dashboard")
        self.setWindowTitle(self.tr("Dashboard: coverage and ratings"))

        # filters
        self.group = fill_combo(QComboBox(), [(i.label(language), i.key) for i in self.reference.items(GROUPS)],
                                blank=self.tr("All groups"))
        self.group.setObjectName("dashboard_group")
        self.group.setAccessibleName(self.tr("Stakeholder group"))
        self.province = fill_combo(QComboBox(), collated([(i.label(language), i.key)
                                                          for i in self.reference.items(PROVINCES)], language),
                                   blank=self.tr("All provinces"))
        self.province.setObjectName("dashboard_province")
        self.province.setAccessibleName(self.tr("Province"))
        self.date_from, self.date_to = date_edit(), date_edit()
        self.date_from.setAccessibleName(self.tr("Consultations from"))
        self.date_to.setAccessibleName(self.tr("Consultations to"))
        self.catalog = QComboBox()
        self.catalog.setObjectName("dashboard_catalog")
        self.catalog.setAccessibleName(self.tr("Catalog of recommendations"))
        catalogs = catalog_store.list_catalogs(workspace.db)
        for row in catalogs:
            title = row["title_km"] if language == "km" and row["title_km"] else row["title"]
            self.catalog.addItem(short_title(title, 40), row["catalog_id"])
            self.catalog.setItemData(self.catalog.count() - 1, self.tr("%1 (version %2)").replace(
                "%1", title).replace("%2", row["version"]), Qt.ItemDataRole.ToolTipRole)
        if len(catalogs) != 1:
            self.catalog.insertItem(0, self.tr("All catalogs"), None)
            self.catalog.setCurrentIndex(0 if not catalogs else 1)
        self.catalog.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.catalog.setMinimumContentsLength(16)
        self.show_combo = QComboBox()
        self.show_combo.setObjectName("dashboard_show")
        self.show_combo.setAccessibleName(self.tr("Count"))
        self.show_combo.addItem(self.tr("Feedback entries"), ENTRIES)
        self.show_combo.addItem(self.tr("Consultations"), CONSULTATIONS)
        self.reset_button = QPushButton(self.tr("&Reset filters"))
        self.refresh_button = QPushButton(self.tr("Re&fresh"))
        for combo in (self.group, self.province, self.catalog):
            combo.currentIndexChanged.connect(self.schedule_recompute)
        for edit in (self.date_from, self.date_to):
            edit.changed.connect(self.schedule_recompute)
        self.show_combo.currentIndexChanged.connect(self._show_changed)
        self.reset_button.clicked.connect(self.reset_filters)
        self.refresh_button.clicked.connect(self.recompute)

        # Two rows: one row of every filter was wider than a 1024-pixel screen (or 150% scaling).
        bar = QVBoxLayout()
        rows = (((self.tr("&Group"), self.group), (self.tr("&Province"), self.province),
                 (self.tr("Fr&om"), self.date_from), (self.tr("&To"), self.date_to)),
                ((self.tr("C&atalog"), self.catalog), (self.tr("&Count"), self.show_combo)))
        for pairs in rows:
            line = QHBoxLayout()
            for label, widget in pairs:
                caption = QLabel(label)
                caption.setBuddy(widget)
                line.addWidget(caption)
                line.addWidget(widget, 1 if widget in (self.catalog, self.province, self.group) else 0)
            bar.addLayout(line)
        line.addStretch()
        line.addWidget(self.reset_button)
        line.addWidget(self.refresh_button)

        self.summary = QLabel()
        self.summary.setObjectName("dashboard_summary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        # matrices
        self.group_model = FigureTableModel(self.tr("Theme"), self)
        self.province_model = FigureTableModel(self.tr("Theme"), self)
        self.recommendation_model = FigureTableModel(self.tr("Recommendation"), self, zero_alert=False)
        self.group_view = figure_table(self, self.group_model, "dashboard_groups",
                                      self.tr("Feedback per theme and stakeholder group"), 118, stretch=True)
        self.province_view = figure_table(self, self.province_model, "dashboard_provinces",
                                         self.tr("Feedback per theme and province"), 64)
        self.recommendation_view = figure_table(self, self.recommendation_model, "dashboard_recommendations",
                                               self.tr("Priority and implementation per recommendation"), 74)
        self.tables = QTabWidget()
        self.tables.addTab(self.group_view, self.tr("Themes × gro&ups"))
        self.tables.addTab(self.province_view, self.tr("Themes × pro&vinces"))
        self.tables.addTab(self.recommendation_view, self.tr("Recommendations"))
        legend = QLabel(self.tr("Red cells: nobody in that group or province gave feedback on the theme. "
                                "Double-click any figure to see the entries behind it."))
        legend.setWordWrap(True)
        legend.setStyleSheet("color: #566573;")
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.tables, 1)
        left_layout.addWidget(legend)

        # charts
        self.priority_chart = DistributionChart(self.tr("Priority given, per theme"))
        self.priority_chart.setObjectName("dashboard_priority_chart")
        self.assessment_chart = DistributionChart(self.tr("Implementation assessed, per theme"))
        self.assessment_chart.setObjectName("dashboard_assessment_chart")
        self.priority_chart.segment_activated.connect(lambda row, key: self.drill_down(theme=row, priority=key))
        self.assessment_chart.segment_activated.connect(lambda row, key: self.drill_down(theme=row, assessment=key))
        charts = QTabWidget()  # one at a time, full height: every theme's name stays readable
        charts.setObjectName("dashboard_charts")
        for chart, name in ((self.priority_chart, self.tr("Pr&iority")),
                            (self.assessment_chart, self.tr("I&mplementation"))):
            charts.addTab(chart_page(chart), name)
        self.charts = charts

        # drill-down
        self.drill_model = DrillDownModel(self.reference, language, self)
        self.drill_view = QTableView()
        self.drill_view.setObjectName("dashboard_drill_down")
        self.drill_view.setAccessibleName(self.tr("Feedback entries behind the chosen figure"))
        self.drill_view.setModel(self.drill_model)
        self.drill_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.drill_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.drill_view.setWordWrap(False)
        self.drill_view.activated.connect(self.open_entry)  # double-click or Enter: the whole text
        self.drill_view.verticalHeader().hide()
        self.drill_view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.drill_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        for column, width in enumerate((84, 230, 200, 130, 110, 84, 170, 420, 96)):
            self.drill_view.setColumnWidth(column, width)
        header.setSectionResizeMode(DrillDownModel.COLUMNS.index("excerpt"), QHeaderView.ResizeMode.Stretch)
        self.drill_title = QLabel(self.tr("Double-click a figure above to list its feedback entries."))
        self.drill_title.setObjectName("dashboard_drill_title")
        self.drill_title.setWordWrap(True)
        drill_box = QGroupBox(self.tr("Entries behind a figure"))
        drill_layout = QVBoxLayout(drill_box)
        drill_layout.addWidget(self.drill_title)
        drill_layout.addWidget(self.drill_view, 1)
        self.attachments_button = QPushButton(self.tr("&Attachments of this entry's consultation…"))
        self.attachments_button.setObjectName("dashboard_attachments")
        self.attachments_button.clicked.connect(self.open_attachments)
        self.all_attachments_button = QPushButton(self.tr("All attachments…"))
        self.all_attachments_button.setObjectName("dashboard_all_attachments")
        self.all_attachments_button.clicked.connect(lambda: self.open_attachments(every=True))
        attachment_row = QHBoxLayout()
        attachment_row.addWidget(self.attachments_button)
        attachment_row.addWidget(self.all_attachments_button)
        if not hasattr(workspace, "records"):  # a central server holds no attachment files (field capture's)
            self.attachments_button.hide()
            self.all_attachments_button.hide()
        attachment_row.addStretch()
        drill_layout.addLayout(attachment_row)

        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(left)
        top.addWidget(charts)
        top.setStretchFactor(0, 3)
        top.setStretchFactor(1, 2)
        top.setSizes([860, 720])
        main = QSplitter(Qt.Orientation.Vertical)
        main.addWidget(top)
        main.addWidget(drill_box)
        main.setStretchFactor(0, 3)
        main.setStretchFactor(1, 1)
        main.setSizes([600, 300])
        main.setChildrenCollapsible(False)
        self.splitter = main

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addLayout(bar)
        layout.addWidget(self.summary)
        layout.addWidget(main, 1)
        scroll = QScrollArea()  # on a screen smaller than its least size it scrolls, never cuts
        scroll.setWidget(content)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)  # a burst of changes (reset, typing a date) recomputes once
        self._timer.timeout.connect(self.recompute)
        place_window(self, workspace.db, PLACE, QSize(1560, 960))

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt's name
        remember_window(self, self.workspace.db, PLACE)
        super().hideEvent(event)

    # -- filters and recomputing -------------------------------------------------------------------
    def filters(self) -> Filters:
        def day(edit) -> str | None:
            return edit.iso()

        date_from, date_to = day(self.date_from), day(self.date_to)
        if date_from and date_to and date_from > date_to:
            date_from, date_to = date_to, date_from  # read "from 10 May to 1 May" as the span it names
        return Filters(group=self.group.currentData(), province=self.province.currentData(), date_from=date_from,
                       date_to=date_to, catalog_id=self.catalog.currentData())

    def reset_filters(self) -> None:
        for combo in (self.group, self.province):
            combo.setCurrentIndex(0)
        for edit in (self.date_from, self.date_to):
            edit.set_iso(None)
        self.schedule_recompute()

    def schedule_recompute(self) -> None:
        self._timer.start()

    def recompute(self) -> None:
        """Compute the figures for the current filters off the GUI thread; only the newest
        request's figures are shown."""
        self._timer.stop()
        self._generation += 1
        generation = self._generation
        if self._task is not None:
            self._task.cancel()  # still queued: it will not run
        self.summary.setText(self.tr("Counting…"))
        self._task = self.background.start(
            _compute, getattr(self.workspace, "url", None) or self.workspace.database_path, self.reference,
            self.filters(),
            on_result=lambda figures, generation=generation: self._show(figures, generation),
            on_error=lambda error: self.summary.setText(self.tr("Cannot count: %1").replace(
                "%1", error_text(error) if isinstance(error, AppError) else str(error))))

    def wait(self, msecs: int = 10_000) -> bool:
        """Block until pending figures are computed (tests, screenshots)."""
        self._timer.stop()
        done = self.background.wait(msecs)
        QCoreApplication.processEvents()
        return done

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.recompute()  # merges may have changed the database since it was last shown

    def _show_changed(self) -> None:
        show = self.show_combo.currentData()
        for model in (self.group_model, self.province_model):
            model.set_show(show)

    def _show(self, figures: DashboardFigures | None, generation: int) -> None:
        if figures is None or generation != self._generation:
            return  # a newer request is on its way
        self.figures = figures
        language = self.language
        themes = theme_headers(figures, language)
        self.group_model.set_figures(themes, coverage_columns(self.reference, GROUPS, figures.group_columns, "group",
                                                              language),
                                     flat(figures.by_group), figures.theme_totals, figures.group_totals, figures.total)
        self.province_model.set_figures(themes, coverage_columns(self.reference, PROVINCES, figures.province_columns,
                                                                 "province", language, sort=True),
                                        flat(figures.by_province), figures.theme_totals, figures.province_totals,
                                        figures.total)
        earlier = self._predecessors({r["catalog_id"] for r in figures.recommendations})
        recs, rec_columns, rec_cells, column_totals = recommendation_table(figures, self.reference, language, earlier)
        self.recommendation_model.set_figures(recs, rec_columns, rec_cells, figures.recommendation_totals,
                                              column_totals, figures.total)
        self._show_changed()

        rows = [(header.key, header.label) for header in themes]
        self.priority_chart.set_data(rows, [(key, value_label(self.reference, PRIORITIES, key, language),
                                             PRIORITY_COLOURS.get(key, FALLBACK_COLOURS[i % 4]))
                                            for i, key in enumerate(figures.priority_columns)],
                                     figures.theme_priorities)
        self.assessment_chart.set_data(rows, [(key, value_label(self.reference, ASSESSMENTS, key, language),
                                               ASSESSMENT_COLOURS.get(key, FALLBACK_COLOURS[i % 4]))
                                              for i, key in enumerate(figures.assessment_columns)],
                                       figures.theme_assessments)
        empty_groups = sum(1 for row in figures.by_group.values() for key, cell in row.items()
                           if key != NOT_RECORDED and not cell.entries)
        self.summary.setText(self.tr("%1 feedback entries from %2 consultations · %3 of %4 theme and group "
                                     "cells have no feedback").replace("%1", f"{figures.total.entries:,}").replace(
            "%2", f"{figures.total.consultations:,}").replace("%3", str(empty_groups)).replace(
            "%4", str(len(themes) * len([k for k in figures.group_columns if k != NOT_RECORDED]))))
        if self.drill_args is not None:
            self.drill_down(**self.drill_args)  # the list follows the filters
        self.recomputed.emit()

    def _predecessors(self, catalog_ids: set[str]) -> dict[tuple[str, str], str]:
        """Tooltip lines: the feedback gathered on a recommendation's confirmed predecessors
        (the earlier cycle's recommendations it continues)."""
        from consultation_app.storage import link_store

        lines: dict[tuple[str, str], str] = {}
        try:
            found = {catalog_id: link_store.predecessor_feedback(self.workspace.db, catalog_id)
                     for catalog_id in catalog_ids}
        except AppError:  # the server went away: the figures show without these lines this time
            return lines
        for catalog_id in catalog_ids:
            for entry in found[catalog_id]:
                key = (catalog_id, entry["code"])
                lines[key] = lines.get(key, "") + "\n" + self.tr(
                    "Earlier cycle, %1 (%2): %3 feedback entries from %4 consultations").replace(
                    "%1", entry["from_code"]).replace("%2", entry["from_catalog"]).replace(
                    "%3", f"{entry['entries']:,}").replace("%4", f"{entry['consultations']:,}")
        return lines

    # -- drill-down -------------------------------------------------------------------------------
    def open_entry(self, index: QModelIndex):
        """The whole text of the entry the list shows an excerpt of."""
        from consultation_app.ui.entry_text import EntryTextDialog

        if not index.isValid():
            return None
        row = index.row()
        column = DrillDownModel.COLUMNS.index
        shown = {name: self.drill_model.index(row, column(key)).data() or "" for name, key in (
            ("group", "stakeholder_group"), ("province", "province"), ("priority", "priority"),
            ("assessment", "implementation_assessment"))}
        dialog = EntryTextDialog(self.workspace, index.data(Qt.ItemDataRole.UserRole), shown, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def open_attachments(self, every: bool = False):
        """The attachments of the chosen entry's consultation (or of all), to look at, open,
        save or export as a folder."""
        from consultation_app.ui.attachments_dialog import AttachmentsDialog

        consultation_uuid = None
        if not every:
            rows = self.drill_view.selectionModel().selectedRows() or (
                [self.drill_view.currentIndex()] if self.drill_view.currentIndex().isValid() else [])
            if not rows:
                return None
            consultation_uuid = self.drill_model.entries[rows[0].row()].get("consultation_uuid")
            if not consultation_uuid:
                return None
        dialog = AttachmentsDialog(self.workspace.records, consultation_uuid, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _cell_activated(self, model: FigureTableModel, index: QModelIndex) -> None:
        args = model.data(index, DRILL_ROLE)
        if args is not None:
            self.drill_down(**args)

    def drill_down(self, **args) -> list[dict]:
        """List the entries behind a figure: any of theme, recommendation, group, province,
        priority, assessment (the dashboard's filters apply too)."""
        self.drill_args = dict(args)
        filters = self.filters()
        limit = 2000
        entries = dashboard_entries.drill_down(self.workspace.db, self.reference, filters, limit=limit + 1, **args)
        shown = entries[:limit]
        self.drill_model.set_entries(shown)
        parts = []
        if "theme" in args:
            theme = next((t for t in (self.figures.themes if self.figures else []) if
                          (t["catalog_id"], t["key"]) == tuple(args["theme"])), None)
            parts.append(theme_title(theme, self.language) if theme else str(args["theme"][1]))
        if "recommendation" in args:
            parts.append(args["recommendation"][1])
        for name, list_name in (("group", GROUPS), ("province", PROVINCES), ("priority", PRIORITIES),
                                ("assessment", ASSESSMENTS)):
            if name in args:
                parts.append(value_label(self.reference, list_name, args[name], self.language))
        where = " · ".join(parts) or self.tr("All feedback")
        if len(entries) > limit:
            text = self.tr("%1: the first %2 entries").replace("%2", f"{limit:,}")
        else:
            text = self.tr("%1: %2 entries").replace("%2", f"{len(shown):,}")
        self.drill_title.setText(text.replace("%1", where))
        return shown


def open_dashboard(window) -> DashboardWindow:
    """Show the dashboard of a main window, made once and kept on it."""
    if getattr(window, "dashboard", None) is None:
        window.dashboard = DashboardWindow(window.workspace, window.language, window)
        show_placed(window.dashboard)
    window.dashboard.show()
    window.dashboard.raise_()
    window.dashboard.activateWindow()
    return window.dashboard
