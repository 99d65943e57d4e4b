"""The dashboard's stacked-bar chart: one bar per theme, one colour per value, each theme's
name whole beside its bar.

Qt Charts' own category labels are not used: on a small screen or at 150% scaling they were
cut at the left edge, shortened with "…", and every other one was dropped when they crowded.
The names are drawn here instead, wrapped (Khmer between words) in a column left of the
plot, and the chart asks for the height that gives each name its lines: the tab scrolls
rather than squeeze them."""

from __future__ import annotations

from typing import Any

from PySide6.QtCharts import QBarCategoryAxis, QBarSet, QChart, QChartView, QHorizontalStackedBarSeries, QValueAxis
from PySide6.QtCore import QMargins, QRect, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QGraphicsView, QLabel, QScrollArea, QVBoxLayout, QWidget

from consultation_app.ui.khmer_breaks import with_word_breaks

LABEL_SHARE = (0.3, 0.55)  # of the chart's width, for the theme names: the least, and the most when long
LABEL_WIDTH = (110, 340)   # least and most, in pixels
LABEL_LINES = 3            # the column widens (up to the most) until every name fits in this many lines
LABEL_GAP = 10
FRAME_HEIGHT = 100         # value axis and legend around the bars (about)
LEAST_HEIGHT = 260
WRAP = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class DistributionChart(QChartView):
    """Stacked horizontal bars, one per theme, one colour per value; double-click a segment to
    see its entries."""

    segment_activated = Signal(object, object)  # row key, value key

    def __init__(self, title: str, parent=None):
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(LEAST_HEIGHT)
        self.title = title  # above the chart, wrapped (chart_page): a chart's own title is cut when narrow
        self._chart = QChart()
        self._chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self._chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.setChart(self._chart)
        # The names are painted over the scene, not items in it: a partial repaint (the plot
        # moving as the names' column is fitted) would leave them half drawn.
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.FullViewportUpdate)
        self._chart.plotAreaChanged.connect(lambda area: self.viewport().update())
        self.row_keys: list[Any] = []
        self.labels: list[str] = []  # bottom to top, as the categories (Qt draws the first at the bottom)
        self.label_font = QFont(self.font())
        self.label_font.setPointSizeF(max(7.0, self.label_font.pointSizeF() * 0.85))
        self._label_width = LABEL_WIDTH[0]
        self._fit()

    def set_data(self, rows: list[tuple[Any, str]], values: list[tuple[Any, str, str]],
                 counts: dict[Any, dict[Any, int]]) -> None:
        """rows: (key, label) top to bottom; values: (key, label, colour)."""
        chart = self._chart
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        self.row_keys = [key for key, _ in reversed(rows)]
        self.labels = [with_word_breaks(label) for _, label in reversed(rows)]
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
        categories.append([str(i) for i in range(len(self.row_keys))])  # unique; the names are drawn here
        categories.setLabelsVisible(False)
        amounts = QValueAxis()
        amounts.setLabelFormat("%d")
        amounts.setLabelsFont(self.label_font)
        top = max([sum(counts.get(row, {}).get(key, 0) for key, _, _ in values) for row in self.row_keys] or [0])
        amounts.setRange(0, max(1, top))
        amounts.applyNiceNumbers()
        chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(amounts, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(categories)
        series.attachAxis(amounts)
        chart.legend().setFont(self.label_font)
        chart.legend().setShowToolTips(True)
        self._fit()

    # -- the theme names -------------------------------------------------------------------------
    def label_width(self) -> int:
        return self._label_width

    def _choose_label_width(self) -> int:
        """The narrowest column (from 30% of the width) in which every name fits in
        LABEL_LINES lines, or the widest allowed (55%) when some need more."""
        least, most = LABEL_WIDTH
        narrow = int(min(max(self.width() * LABEL_SHARE[0], least), most))
        wide = int(min(max(self.width() * LABEL_SHARE[1], least), most))
        limit = QFontMetrics(self.label_font).lineSpacing() * LABEL_LINES + 2
        for width in range(narrow, wide, 10):
            if all(self._height_at(text, width) <= limit for text in self.labels):
                return width
        return wide

    def _height_at(self, text: str, width: int) -> int:
        metrics = QFontMetrics(self.label_font)
        return metrics.boundingRect(QRect(0, 0, width, 10_000), int(WRAP), text).height()

    def label_height(self, text: str) -> int:
        """The height ``text`` needs, wrapped to the label column's width."""
        return self._height_at(text, self._label_width)

    def label_rects(self) -> list[tuple[str, QRectF]]:
        """Each name and the rectangle (scene coordinates) it is drawn in: level with its bar,
        in the column left of the plot."""
        plot = self._chart.plotArea()
        count = len(self.labels)
        if not count or plot.height() <= 0:
            return []
        step = plot.height() / count
        left = max(2.0, plot.left() - LABEL_GAP - self.label_width())
        return [(text, QRectF(left, plot.bottom() - (i + 1) * step, plot.left() - LABEL_GAP - left, step))
                for i, text in enumerate(self.labels)]

    def _fit(self) -> None:
        """Room on the left for the names, and the height that gives every name its lines."""
        self._label_width = self._choose_label_width()
        self._chart.setMargins(QMargins(self.label_width() + LABEL_GAP, 4, 8, 4))
        row = max([self.label_height(text) for text in self.labels] or [0]) + 4
        plot = self._chart.plotArea()
        # What surrounds the bars (value axis, a legend that wraps when narrow), as laid out.
        frame = self._chart.size().height() - plot.height() if plot.height() > 0 else FRAME_HEIGHT
        self.setMinimumHeight(int(max(LEAST_HEIGHT, len(self.labels) * row + max(frame, FRAME_HEIGHT) + 8)))

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._fit()

    def drawForeground(self, painter: QPainter, rect) -> None:  # noqa: N802 - Qt's name
        super().drawForeground(painter, rect)
        painter.save()
        painter.setFont(self.label_font)
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        for text, box in self.label_rects():
            painter.drawText(box, int(WRAP), text)
        painter.restore()

    def _activated(self, index: int, key: Any) -> None:
        if 0 <= index < len(self.row_keys):
            self.segment_activated.emit(self.row_keys[index], key)

    def series(self) -> QHorizontalStackedBarSeries | None:
        found = [s for s in self._chart.series() if isinstance(s, QHorizontalStackedBarSeries)]
        return found[0] if found else None


def chart_page(chart: DistributionChart) -> QScrollArea:
    """A chart's tab page: its title wrapped above it, and a scroll bar when it is taller than
    the room (its names are never squeezed)."""
    title = QLabel(chart.title)
    title.setWordWrap(True)
    title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
    font = title.font()
    font.setBold(True)
    title.setFont(font)
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.setContentsMargins(4, 4, 4, 0)
    layout.addWidget(title)
    layout.addWidget(chart, 1)
    holder = QScrollArea()
    holder.setWidget(page)
    holder.setWidgetResizable(True)
    holder.setFrameShape(QScrollArea.Shape.NoFrame)
    holder.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return holder
