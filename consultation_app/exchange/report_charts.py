"""Charts as PNG images for the Word draft: stacked horizontal bars (priorities, assessments)
with a legend, painted with Qt's QImage (no widgets). The colours are the report's own."""

from __future__ import annotations

import sys

from consultation_app import paths
from consultation_app.errors import AppError
from consultation_app.exchange.report_content import FALLBACK_COLOURS, KHMER_FONT, LATIN_FONTS

WIDTH = 1400  # pixels, inserted 16 cm wide: about 220 dpi


_qt_app = None  # the QGuiApplication made here, kept alive (fonts and painting need one)
_fonts_loaded = False


def _ensure_gui() -> None:
    """Qt lays out and paints text only under a QGuiApplication: make one (offscreen: no screen
    needed) when the caller (the command line) has none; load the bundled fonts (Noto Sans
    Khmer) once, so Khmer is set and embedded even where the system has no Khmer font."""
    global _qt_app, _fonts_loaded
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QFontDatabase, QGuiApplication

    app = QCoreApplication.instance()
    if app is None:
        from PySide6.QtCore import QLoggingCategory

        # Font fallback notes ("OpenType support missing for ... script 32") are Qt's chatter
        # while it picks the Khmer font for Khmer runs; the command line shows none of it.
        QLoggingCategory.setFilterRules("qt.text.font.db=false")
        _qt_app = QGuiApplication([sys.argv[0] if sys.argv else "consultation-app", "-platform", "offscreen"])
    elif not isinstance(app, QGuiApplication):
        raise AppError("the PDF report needs Qt's graphical application; write an .xlsx report instead")
    if not _fonts_loaded:
        for font in sorted((paths.resources_dir() / "fonts").glob("*.ttf")):
            QFontDatabase.addApplicationFont(str(font))
        _fonts_loaded = True
        if KHMER_FONT not in QFontDatabase.families():
            raise AppError(f"the bundled font {KHMER_FONT} cannot be loaded from {paths.resources_dir() / 'fonts'}")


def stacked_bars_png(bars: list[tuple[str, dict[str, int], dict[str, str], dict[str, str]]]) -> bytes:
    """One PNG: per bar (label, counts by key, colours by key, legend label by key) a stacked
    bar with its counts, then its legend line."""
    _ensure_gui()
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
    from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter

    row_height, legend_height, label_width, margin = 70, 46, 300, 16
    font = QFont()
    font.setFamilies([*LATIN_FONTS, KHMER_FONT])
    font.setPixelSize(26)
    metrics = QFontMetrics(font)
    # The legend's items, laid out in lines that fit the width, before the image is sized.
    legends = []
    for _, counts, colours, labels in bars:
        lines: list[list] = []
        line: list = []
        x = float(label_width)
        fallback = iter(FALLBACK_COLOURS * 4)
        for key, count in counts.items():
            text = f"{labels.get(key, key)} ({count})"
            advance = metrics.horizontalAdvance(text)
            if line and x + advance + 28 > WIDTH - margin:
                lines.append(line)
                line = []
                x = float(label_width)
            line.append((x, colours.get(key) or next(fallback), text, advance))
            x += advance + 60
        lines.append(line)
        legends.append(lines)
    height = margin * 2 + len(bars) * row_height + sum(len(lines) for lines in legends) * legend_height
    image = QImage(WIDTH, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#FFFFFF"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setFont(font)
    top = margin
    for (label, counts, colours, _labels), legend in zip(bars, legends):
        painter.setPen(QColor("#1B2631"))
        painter.drawText(QRectF(margin, top, label_width - 2 * margin, row_height),
                         Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap, label)
        total = sum(counts.values())
        left, span = float(label_width), float(WIDTH - label_width - margin)
        fallback = iter(FALLBACK_COLOURS * 4)
        for key, count in counts.items():
            if not count or not total:
                continue
            width = span * count / total
            colour = colours.get(key) or next(fallback)
            painter.fillRect(QRectF(left, top + 8, width, row_height - 16), QColor(colour))
            if width > 40:
                dark = colour in ("#C0392B", "#1E8449", "#E67E22")
                painter.setPen(QColor("#FFFFFF" if dark else "#1B2631"))
                painter.drawText(QRectF(left, top + 8, width, row_height - 16), Qt.AlignmentFlag.AlignCenter,
                                 str(count))
            left += width
        top += row_height
        for line in legend:
            for x, colour, text, advance in line:
                painter.fillRect(QRectF(x, top + 12, 22, 22), QColor(colour))
                painter.setPen(QColor("#424949"))
                painter.drawText(QRectF(x + 28, top, advance + 8, legend_height), Qt.AlignmentFlag.AlignVCenter,
                                 text)
            top += legend_height
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # Light compression (quality 80): a fifth of the default's time, a few KB more. The stub wants
    # bytes for the format; Qt takes only str.
    image.save(buffer, "PNG", 80)  # type: ignore[call-overload]
    buffer.close()
    return bytes(data.data())
