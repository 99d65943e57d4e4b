"""The central office's dashboard: which themes each stakeholder group and each province spoke
about (and which they did not: empty cells are tinted red so a gap such as "no indigenous
input on land" jumps out), how people rated priority and implementation per theme, and,
on a double-click, the feedback entries behind any figure.

The figures come from storage/dashboard_queries.py (one SQL statement); they are computed off
the GUI thread on a connection of their own, and only the newest request is shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCharts import (QBarCategoryAxis, QBarSet, QChart, QChartView, QHorizontalStackedBarSeries,
                              QValueAxis)
from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QMargins, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainter
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QGroupBox, QHBoxLayout, QHeaderView, QLabel,
                               QPushButton, QSplitter, QTableView, QTabWidget, QVBoxLayout, QWidget)

from consultation_app.exchange.report import ASSESSMENT_COLOURS, FALLBACK_COLOURS, PRIORITY_COLOURS, short_title
from consultation_app.storage import catalog_store, dashboard_queries
from consultation_app.storage.connection import connect
from consultation_app.storage.dashboard_queries import (ASSESSMENTS, GROUPS, NOT_RECORDED, PRIORITIES, PROVINCES,
                                                        UNKNOWN_THEME, Cell, DashboardFigures, Filters)
from consultation_app.ui.background import Background
from consultation_app.ui.binder import NO_DATE, collated, date_edit, fill_combo

DRILL_ROLE = Qt.ItemDataRole.UserRole + 1   # the drill-down arguments of a cell (dict), or None
COUNT_ROLE = Qt.ItemDataRole.UserRole + 2   # the number shown, as an int
ZERO_ROLE = Qt.ItemDataRole.UserRole + 3    # True for an empty cell that should stand out

ENTRIES, CONSULTATIONS = "entries", "consultations"
ZERO_BACKGROUND, ZERO_TEXT = QColor("#F5B7B1"), QColor("#7B241C")
TOTAL_BACKGROUND = QColor("#EAEDED")
HEAT_LOW, HEAT_HIGH = QColor("#EBF5FB"), QColor("#5DADE2")


def not_recorded_label() -> str:
    return QCoreApplication.translate("Dashboard", "Not recorded")


def value_label(reference, list_name: str, key: str, language: str) -> str:
    return not_recorded_label() if key == NOT_RECORDED else reference.label(list_name, key, language)


def theme_title(theme: dict, language: str) -> str:
    if not theme.get("in_catalog", True) or theme["key"] == UNKNOWN_THEME:
        return QCoreApplication.translate("Dashboard", "Codes not in the catalog")
    return theme["title_km"] if language == "km" and theme.get("title_km") else theme["title"]


# -- models ------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Header:
    """A row or column: its key, what a person reads, a tooltip, and its part of a drill-down."""
    key: Any
    label: str
    tooltip: str = ""
    drill: dict = field(default_factory=dict)


class FigureTableModel(QAbstractTableModel):
    """A table of counts: column 0 names the row, then one column per value, then a total
    column; a last row of totals. Cells hold a Cell (entries and consultations); ``show``
    chooses which one is displayed. With ``zero_alert``, empty cells get a red tint."""

    def __init__(self, corner: str, parent=None, zero_alert: bool = True):
        super().__init__(parent)
        self.corner = corner
        self.zero_alert = zero_alert
        self.show = ENTRIES
        self.rows: list[Header] = []
        self.columns: list[Header] = []
        self.cells: dict[tuple[Any, Any], Cell] = {}
        self.row_totals: dict[Any, Cell] = {}
        self.column_totals: dict[Any, Cell] = {}
        self.grand = Cell()
        self._max = 1

    def set_figures(self, rows: list[Header], columns: list[Header], cells: dict[tuple[Any, Any], Cell],
                    row_totals: dict[Any, Cell], column_totals: dict[Any, Cell], grand: Cell) -> None:
        self.beginResetModel()
        self.rows, self.columns, self.cells = list(rows), list(columns), dict(cells)
        self.row_totals, self.column_totals, self.grand = dict(row_totals), dict(column_totals), grand
        self._update_max()
        self.endResetModel()

    def set_show(self, show: str) -> None:
        if show != self.show:
            self.show = show
            self._update_max()
            if self.rowCount() and self.columnCount():
                self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))

    def _value(self, cell: Cell | None) -> int:
        cell = cell or Cell()
        return cell.consultations if self.show == CONSULTATIONS else cell.entries

    def _update_max(self) -> None:
        self._max = max([self._value(cell) for cell in self.cells.values()] or [0]) or 1

    # shape
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() or not self.columns else len(self.rows) + 1

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() or not self.columns else len(self.columns) + 2

    def _is_total_row(self, row: int) -> bool:
        return row == len(self.rows)

    def _is_total_column(self, column: int) -> bool:
        return column == len(self.columns) + 1

    def cell(self, row: int, column: int) -> Cell | None:
        """The figures at a position, or None for the label column."""
        if column == 0:
            return None
        total_row, total_column = self._is_total_row(row), self._is_total_column(column)
        if total_row and total_column:
            return self.grand
        if total_row:
            return self.column_totals.get(self.columns[column - 1].key, Cell())
        if total_column:
            return self.row_totals.get(self.rows[row].key, Cell())
        return self.cells.get((self.rows[row].key, self.columns[column - 1].key), Cell())

    def drill(self, row: int, column: int) -> dict | None:
        drill: dict = {}
        if not self._is_total_row(row):
            drill.update(self.rows[row].drill)
        if column and not self._is_total_column(column):
            drill.update(self.columns[column - 1].drill)
        return drill

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or section >= self.columnCount():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if section == 0:
                return self.corner
            if self._is_total_column(section):
                return QCoreApplication.translate("Dashboard", "Total")
            return self.columns[section - 1].label
        if role == Qt.ItemDataRole.ToolTipRole and 0 < section <= len(self.columns):
            return self.columns[section - 1].tooltip or self.columns[section - 1].label
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        total_row = self._is_total_row(row)
        if column == 0:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return QCoreApplication.translate("Dashboard", "Total") if total_row else self.rows[row].label
            if role == Qt.ItemDataRole.ToolTipRole and not total_row:
                return self.rows[row].tooltip or self.rows[row].label
            if role == Qt.ItemDataRole.FontRole and total_row:
                return _bold()
            if role == Qt.ItemDataRole.BackgroundRole and total_row:
                return QBrush(TOTAL_BACKGROUND)
            if role == DRILL_ROLE:
                return self.drill(row, 0)
            return None
        cell = self.cell(row, column)
        value = self._value(cell)
        is_total = total_row or self._is_total_column(column)
        zero = self.zero_alert and not is_total and value == 0
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{value:,}"
        if role == COUNT_ROLE:
            return value
        if role == ZERO_ROLE:
            return zero
        if role == DRILL_ROLE:
            return self.drill(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.FontRole and (is_total or zero):
            return _bold()
        if role == Qt.ItemDataRole.BackgroundRole:
            if is_total:
                return QBrush(TOTAL_BACKGROUND)
            if zero:
                return QBrush(ZERO_BACKGROUND)
            return QBrush(_heat(value / self._max)) if value else None
        if role == Qt.ItemDataRole.ForegroundRole and zero:
            return QBrush(ZERO_TEXT)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            where = " · ".join(part for part in (
                "" if total_row else self.rows[row].label,
                "" if self._is_total_column(column) else self.columns[column - 1].label) if part)
            if zero:
                text = QCoreApplication.translate("Dashboard", "No feedback: nobody here spoke about this")
            elif self.zero_alert:
                text = QCoreApplication.translate("Dashboard", "%1 feedback entries from %2 consultations")
                text = text.replace("%1", f"{cell.entries:,}").replace("%2", f"{cell.consultations:,}")
            else:
                text = QCoreApplication.translate("Dashboard", "%1 feedback entries").replace("%1", f"{value:,}")
            return f"{where}\n{text}" if where else text
        return None


def _bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


def _heat(share: float) -> QColor:
    share = max(0.0, min(1.0, share)) ** 0.6  # small counts still visible against white
    return QColor(round(HEAT_LOW.red() + (HEAT_HIGH.red() - HEAT_LOW.red()) * share),
                  round(HEAT_LOW.green() + (HEAT_HIGH.green() - HEAT_LOW.green()) * share),
                  round(HEAT_LOW.blue() + (HEAT_HIGH.blue() - HEAT_LOW.blue()) * share))


class DrillDownModel(QAbstractTableModel):
    """The feedback entries behind one figure."""

    COLUMNS = ("start_date", "consultation_title", "stakeholder_group", "province", "recommendation_code",
               "priority", "implementation_assessment", "excerpt", "uuid")

    def __init__(self, reference, language: str = "en", parent=None):
        super().__init__(parent)
        self.reference = reference
        self.language = language
        self.entries: list[dict] = []

    def set_entries(self, entries: list[dict]) -> None:
        self.beginResetModel()
        self.entries = list(entries)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self.COLUMNS):
            return (QCoreApplication.translate("Dashboard", "Date"),
                    QCoreApplication.translate("Dashboard", "Consultation"),
                    QCoreApplication.translate("Dashboard", "Group"),
                    QCoreApplication.translate("Dashboard", "Province"),
                    QCoreApplication.translate("Dashboard", "Recommendation"),
                    QCoreApplication.translate("Dashboard", "Priority"),
                    QCoreApplication.translate("Dashboard", "Implementation"),
                    QCoreApplication.translate("Dashboard", "Comment"),
                    QCoreApplication.translate("Dashboard", "Entry id"))[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        entry = self.entries[index.row()]
        key = self.COLUMNS[index.column()]
        withheld = key == "excerpt" and entry.get("withheld") == "sensitive"
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if withheld:
                return QCoreApplication.translate("Dashboard", "(marked sensitive: not shown)")
            value = entry.get(key)
            lists = {"stakeholder_group": GROUPS, "province": PROVINCES, "priority": PRIORITIES,
                     "implementation_assessment": ASSESSMENTS}
            if key in lists:
                return value_label(self.reference, lists[key], value or NOT_RECORDED, self.language) \
                    if value in self.reference.keys(lists[key]) or not value else value
            return value or ""
        if role == Qt.ItemDataRole.ForegroundRole and withheld:
            return QBrush(QColor("#7F8C8D"))
        if role == Qt.ItemDataRole.FontRole and withheld:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.UserRole:
            return entry["uuid"]
        return None


# -- charts --------------------------------------------------------------------------------------------
class DistributionChart(QChartView):
    """Stacked horizontal bars, one per theme, one colour per value; double-click a segment to
    see its entries."""

    segment_activated = Signal(object, object)  # row key, value key

    def __init__(self, title: str, parent=None):
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(260)
        self._chart = QChart()
        self._chart.setTitle(title)
        font = self._chart.titleFont()
        font.setBold(True)
        self._chart.setTitleFont(font)
        self._chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self._chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self._chart.setMargins(QMargins(4, 4, 4, 4))
        self.setChart(self._chart)
        self.row_keys: list[Any] = []

    def set_data(self, rows: list[tuple[Any, str]], values: list[tuple[Any, str, str]],
                 counts: dict[Any, dict[Any, int]]) -> None:
        """rows: (key, label) top to bottom; values: (key, label, colour)."""
        chart = self._chart
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        self.row_keys = [key for key, _ in reversed(rows)]  # Qt draws the first category at the bottom
        series = QHorizontalStackedBarSeries()
        series.setBarWidth(0.72)
        for key, label, colour in values:
            bar_set = QBarSet(label)
            bar_set.setColor(QColor(colour))
            bar_set.setBorderColor(QColor(colour))
            bar_set.append([float(counts.get(row, {}).get(key, 0)) for row in self.row_keys])
            bar_set.doubleClicked.connect(lambda index, key=key: self._activated(index, key))
            series.append(bar_set)
        chart.addSeries(series)
        categories = QBarCategoryAxis()
        categories.append([short_title(label, 30) for _, label in reversed(rows)])
        categories.setTruncateLabels(False)  # the theme names take the room they need
        small = QFont(categories.labelsFont())
        small.setPointSizeF(max(7.0, small.pointSizeF() * 0.85))
        categories.setLabelsFont(small)
        amounts = QValueAxis()
        amounts.setLabelFormat("%d")
        amounts.setLabelsFont(small)
        top = max([sum(counts.get(row, {}).get(key, 0) for key, _, _ in values) for row in self.row_keys] or [0])
        amounts.setRange(0, max(1, top))
        amounts.applyNiceNumbers()
        chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(amounts, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(categories)
        series.attachAxis(amounts)
        chart.legend().setFont(small)
        chart.legend().setShowToolTips(True)

    def _activated(self, index: int, key: Any) -> None:
        if 0 <= index < len(self.row_keys):
            self.segment_activated.emit(self.row_keys[index], key)

    def series(self) -> QHorizontalStackedBarSeries | None:
        found = self._chart.series()
        return found[0] if found else None


# -- the window ----------------------------------------------------------------------------------------
def _compute(progress, cancelled, database_path, reference, filters: Filters) -> DashboardFigures | None:
    """Runs on a worker thread, on a connection of its own."""
    if cancelled():
        return None
    db = connect(database_path)
    try:
        return dashboard_queries.dashboard_figures(db, reference, filters)
    finally:
        db.conn.close()


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
        self._task = None
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
        self.catalog.setMinimumContentsLength(24)
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
            edit.dateChanged.connect(self.schedule_recompute)
        self.show_combo.currentIndexChanged.connect(self._show_changed)
        self.reset_button.clicked.connect(self.reset_filters)
        self.refresh_button.clicked.connect(self.recompute)

        bar = QHBoxLayout()
        for label, widget in ((self.tr("&Group"), self.group), (self.tr("&Province"), self.province),
                              (self.tr("Fr&om"), self.date_from), (self.tr("&To"), self.date_to),
                              (self.tr("C&atalog"), self.catalog), (self.tr("&Count"), self.show_combo)):
            caption = QLabel(label)
            caption.setBuddy(widget)
            bar.addWidget(caption)
            bar.addWidget(widget, 1 if widget in (self.catalog, self.province) else 0)
        bar.addStretch()
        bar.addWidget(self.reset_button)
        bar.addWidget(self.refresh_button)

        self.summary = QLabel()
        self.summary.setObjectName("dashboard_summary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        # matrices
        self.group_model = FigureTableModel(self.tr("Theme"), self)
        self.province_model = FigureTableModel(self.tr("Theme"), self)
        self.recommendation_model = FigureTableModel(self.tr("Recommendation"), self, zero_alert=False)
        self.group_view = self._table(self.group_model, "dashboard_groups",
                                      self.tr("Feedback per theme and stakeholder group"), 118, stretch=True)
        self.province_view = self._table(self.province_model, "dashboard_provinces",
                                         self.tr("Feedback per theme and province"), 64)
        self.recommendation_view = self._table(self.recommendation_model, "dashboard_recommendations",
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
        charts.addTab(self.priority_chart, self.tr("Pr&iority"))
        charts.addTab(self.assessment_chart, self.tr("I&mplementation"))
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

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.summary)
        layout.addWidget(main, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)  # a burst of changes (reset, typing a date) recomputes once
        self._timer.timeout.connect(self.recompute)
        self.resize(1560, 960)

    def _table(self, model: FigureTableModel, name: str, accessible: str, width: int,
               stretch: bool = False) -> QTableView:
        """A figure table: the row names in a wide first column, counts in narrow ones (or, with
        ``stretch``, sharing the width: few columns with long names)."""
        view = QTableView()
        view.setObjectName(name)
        view.setAccessibleName(accessible)
        view.setModel(model)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setWordWrap(False)
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        view.verticalHeader().hide()
        view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setDefaultSectionSize(width)
        header.setMinimumSectionSize(36)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.AlignmentFlag.AlignVCenter)
        header.setTextElideMode(Qt.TextElideMode.ElideNone)  # titles are wrapped to fit (elision flattens them)
        view.activated.connect(lambda index, model=model: self._cell_activated(model, index))  # double-click, Enter
        def fit(view=view, model=model) -> None:
            view.setColumnWidth(0, 330)
            if stretch:
                for column in range(1, model.columnCount()):
                    header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)

        model.modelReset.connect(fit)
        return view

    # -- filters and recomputing -------------------------------------------------------------------
    def filters(self) -> Filters:
        def day(edit) -> str | None:
            return None if edit.date() == NO_DATE else edit.date().toString("yyyy-MM-dd")

        date_from, date_to = day(self.date_from), day(self.date_to)
        if date_from and date_to and date_from > date_to:
            date_from, date_to = date_to, date_from  # read "from 10 May to 1 May" as the span it names
        return Filters(group=self.group.currentData(), province=self.province.currentData(), date_from=date_from,
                       date_to=date_to, catalog_id=self.catalog.currentData())

    def reset_filters(self) -> None:
        for combo in (self.group, self.province):
            combo.setCurrentIndex(0)
        for edit in (self.date_from, self.date_to):
            edit.setDate(NO_DATE)
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
            _compute, self.workspace.database_path, self.reference, self.filters(),
            on_result=lambda figures, generation=generation: self._show(figures, generation),
            on_error=lambda error: self.summary.setText(self.tr("Cannot count: %1").replace("%1", str(error))))

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
        themes = [Header((t["catalog_id"], t["key"]), theme_title(t, language),
                         self._theme_tooltip(t), {"theme": (t["catalog_id"], t["key"])}) for t in figures.themes]

        def columns(list_name: str, keys: list[str], drill: str, sort: bool = False) -> list[Header]:
            items = [(value_label(self.reference, list_name, key, language), key) for key in keys]
            if sort:
                known = collated([item for item in items if item[1] != NOT_RECORDED], language)
                items = known + [item for item in items if item[1] == NOT_RECORDED]
            return [Header(key, _wrap(label), label, {drill: key}) for label, key in items]

        def flat(grid: dict) -> dict:
            return {(row, column): cell for row, cells in grid.items() for column, cell in cells.items()}

        self.group_model.set_figures(themes, columns(GROUPS, figures.group_columns, "group"), flat(figures.by_group),
                                     figures.theme_totals, figures.group_totals, figures.total)
        self.province_model.set_figures(themes, columns(PROVINCES, figures.province_columns, "province", sort=True),
                                        flat(figures.by_province), figures.theme_totals, figures.province_totals,
                                        figures.total)
        recs = [Header((r["catalog_id"], r["code"]), f"{r['code']}  {short_title(self._rec_text(r), 60)}",
                       f"{r['code']}\n{self._rec_text(r)}", {"recommendation": (r["catalog_id"], r["code"])})
                for r in figures.recommendations]
        rec_columns = [Header(("priority", key), _wrap(value_label(self.reference, PRIORITIES, key, language)),
                              value_label(self.reference, PRIORITIES, key, language), {"priority": key})
                       for key in figures.priority_columns]
        rec_columns += [Header(("assessment", key), _wrap(value_label(self.reference, ASSESSMENTS, key, language)),
                               value_label(self.reference, ASSESSMENTS, key, language), {"assessment": key})
                        for key in figures.assessment_columns]
        rec_cells = {}
        for rec in recs:
            for key, count in figures.recommendation_priorities.get(rec.key, {}).items():
                rec_cells[(rec.key, ("priority", key))] = Cell(count, 0)
            for key, count in figures.recommendation_assessments.get(rec.key, {}).items():
                rec_cells[(rec.key, ("assessment", key))] = Cell(count, 0)
        column_totals = {("priority", key): Cell(count, 0) for key, count in figures.priority_totals.items()}
        column_totals.update({("assessment", key): Cell(count, 0) for key, count in figures.assessment_totals.items()})
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

    def _theme_tooltip(self, theme: dict) -> str:
        title = theme_title(theme, self.language)
        km = self.language == "km"
        part = (theme.get("part_km") if km else None) or theme.get("part") or ""
        return title if not part or part == title else f"{part}\n{title}"

    def _rec_text(self, rec: dict) -> str:
        return (rec.get("text_km") if self.language == "km" else None) or rec.get("text") or ""

    # -- drill-down -------------------------------------------------------------------------------
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
        entries = dashboard_queries.drill_down(self.workspace.db, self.reference, filters, limit=limit + 1, **args)
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


def _wrap(label: str, width: int = 12) -> str:
    """A column title on as many lines of about ``width`` characters as it needs: narrow
    columns, whole names."""
    lines: list[str] = []
    for word in label.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "\n".join(lines) or label


def open_dashboard(window) -> DashboardWindow:
    """Show the dashboard of a main window, made once and kept on it."""
    if getattr(window, "dashboard", None) is None:
        window.dashboard = DashboardWindow(window.workspace, window.language, window)
    window.dashboard.show()
    window.dashboard.raise_()
    window.dashboard.activateWindow()
    return window.dashboard
