"""The dashboard's figure tables: the view (every column title whole) and what each of the
three tables shows, made from the computed figures (themes x groups, themes x provinces,
recommendations x priority and assessment)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from consultation_app.exchange.report_content import short_title
from consultation_app.storage.dashboard_queries import ASSESSMENTS, NOT_RECORDED, PRIORITIES, Cell, DashboardFigures
from consultation_app.ui.binder import collated
from consultation_app.ui.dashboard_models import FigureTableModel, Header, theme_title, value_label

if TYPE_CHECKING:
    from consultation_app.ui.dashboard import DashboardWindow


def figure_table(window: DashboardWindow, model: FigureTableModel, name: str, accessible: str, width: int,
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
    view.verticalHeader().setDefaultSectionSize(window.fontMetrics().height() + 8)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setDefaultSectionSize(width)
    header.setMinimumSectionSize(36)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.AlignmentFlag.AlignVCenter)
    header.setTextElideMode(Qt.TextElideMode.ElideNone)  # titles are wrapped to fit (elision flattens them)

    def activated(index: QModelIndex) -> None:  # double-click, Enter
        window._cell_activated(model, index)

    view.activated.connect(activated)

    def fit() -> None:
        # Every column title whole (province and group names, Khmer included, which has no
        # spaces to wrap at); the theme column takes what is left, or a fixed width when
        # there are many columns to scroll through.
        metrics = header.fontMetrics()
        for column in range(1, model.columnCount()):
            title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
            needed = max(metrics.horizontalAdvance(line) for line in title.split("\n")) + 18
            view.setColumnWidth(column, max(width, needed))
        if stretch:
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        else:
            view.setColumnWidth(0, 330)

    model.modelReset.connect(fit)
    return view


def wrap_title(label: str, width: int = 12) -> str:
    """A column title on as many lines of about ``width`` characters as it needs: narrow
    columns, whole names."""
    lines: list[str] = []
    for word in label.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "\n".join(lines) or label


def flat(grid: dict[Any, dict[Any, Cell]]) -> dict[tuple[Any, Any], Cell]:
    return {(row, column): cell for row, cells in grid.items() for column, cell in cells.items()}


def theme_tooltip(theme: dict, language: str) -> str:
    title = theme_title(theme, language)
    part = (theme.get("part_km") if language == "km" else None) or theme.get("part") or ""
    return title if not part or part == title else f"{part}\n{title}"


def theme_headers(figures: DashboardFigures, language: str) -> list[Header]:
    return [Header((t["catalog_id"], t["key"]), theme_title(t, language), theme_tooltip(t, language),
                   {"theme": (t["catalog_id"], t["key"])}) for t in figures.themes]


def coverage_columns(reference: Any, list_name: str, keys: list[str], drill: str, language: str,
                     sort: bool = False) -> list[Header]:
    """The columns of a coverage table (groups or provinces), provinces in reading order."""
    items = [(value_label(reference, list_name, key, language), key) for key in keys]
    if sort:
        known = collated([item for item in items if item[1] != NOT_RECORDED], language)
        items = known + [item for item in items if item[1] == NOT_RECORDED]
    return [Header(key, wrap_title(label), label, {drill: key}) for label, key in items]


def rec_text(rec: dict, language: str) -> str:
    return (rec.get("text_km") if language == "km" else None) or rec.get("text") or ""


def recommendation_table(figures: DashboardFigures, reference: Any, language: str,
                         earlier: dict[tuple[str, str], str]
                         ) -> tuple[list[Header], list[Header], dict[tuple[Any, Any], Cell], dict[Any, Cell]]:
    """Rows, columns, cells and column totals of the recommendations table: each
    recommendation's priorities and assessments (``earlier``: tooltip lines on predecessors)."""
    recs = [Header((r["catalog_id"], r["code"]), f"{r['code']}  {short_title(rec_text(r, language), 60)}",
                   f"{r['code']}\n{rec_text(r, language)}" + earlier.get((r["catalog_id"], r["code"]), ""),
                   {"recommendation": (r["catalog_id"], r["code"])})
            for r in figures.recommendations]
    columns = [Header(("priority", key), wrap_title(value_label(reference, PRIORITIES, key, language)),
                      value_label(reference, PRIORITIES, key, language), {"priority": key})
               for key in figures.priority_columns]
    columns += [Header(("assessment", key), wrap_title(value_label(reference, ASSESSMENTS, key, language)),
                       value_label(reference, ASSESSMENTS, key, language), {"assessment": key})
                for key in figures.assessment_columns]
    cells: dict[tuple[Any, Any], Cell] = {}
    for rec in recs:
        for key, count in figures.recommendation_priorities.get(rec.key, {}).items():
            cells[(rec.key, ("priority", key))] = Cell(count, 0)
        for key, count in figures.recommendation_assessments.get(rec.key, {}).items():
            cells[(rec.key, ("assessment", key))] = Cell(count, 0)
    totals: dict[Any, Cell] = {("priority", key): Cell(count, 0) for key, count in figures.priority_totals.items()}
    totals.update({("assessment", key): Cell(count, 0) for key, count in figures.assessment_totals.items()})
    return recs, columns, cells, totals
