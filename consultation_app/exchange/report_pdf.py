"""The report as a printable A4 PDF: Qt's document classes (a QTextDocument laid out for a
QPdfWriter, painted page by page with a footer and page numbers). The only part of the report
that needs Qt: it makes the QGuiApplication when the caller (the command line) has none."""

from __future__ import annotations

import html
import sys
from pathlib import Path

from consultation_app import __version__, paths
from consultation_app.domain.reference import ReferenceLists
from consultation_app.domain.text import clean_text
from consultation_app.errors import AppError
from consultation_app.exchange.report_content import (
    ASSESSMENT_COLOURS,
    FALLBACK_COLOURS,
    KHMER_FONT,
    LATIN_FONTS,
    PRIORITY_COLOURS,
    ReportContent,
    filter_lines,
    quote_source,
    quote_words,
    say,
    short_title,
    value_label,
)
from consultation_app.storage.dashboard_queries import ASSESSMENTS, PRIORITIES

# -- PDF -------------------------------------------------------------------------------------------
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


def _font_stack(language: str) -> str:
    families = [*LATIN_FONTS, KHMER_FONT] if language != "km" else [KHMER_FONT, *LATIN_FONTS]
    return ", ".join(f"'{family}'" for family in families)


def _esc(text: str) -> str:
    return html.escape(clean_text(text or ""), quote=True).replace("\n", "<br>")


def _bar(counts: dict[str, int], colours: dict[str, str], label: str | None, min_share: float = 6) -> str:
    """A stacked bar as a one-row table (crisp vector fills in the PDF), counts inside the
    segments wide enough for them; with a label on its left unless ``label`` is None."""
    total = sum(counts.values())
    if not total:
        return ""
    cells = []
    fallback = iter(FALLBACK_COLOURS * 4)
    for key, count in counts.items():
        if not count:
            continue
        share = count * 100 / total
        colour = colours.get(key) or next(fallback)
        dark = colour in ("#C0392B", "#1E8449", "#E67E22")
        text = str(count) if share >= min_share else ""
        cells.append(f'<td width="{share:.2f}%" bgcolor="{colour}" align="center">'
                     f'<span style="font-size:6.5pt; color:{"#FFFFFF" if dark else "#1B2631"};">{text}</span></td>')
    bar = f'<table width="100%" cellspacing="0" cellpadding="1"><tr>{"".join(cells)}</tr></table>'
    if label is None:
        return bar
    return (f'<table width="100%" cellspacing="0" cellpadding="0" style="margin-top:2px;"><tr>'
            f'<td width="16%"><span class="barlabel">{_esc(label)}</span></td>'
            f'<td width="84%">{bar}</td></tr></table>')


def _legend(reference: ReferenceLists, list_name: str, keys: list[str], colours: dict[str, str],
            language: str) -> str:
    items = [f'<span style="color:{colours.get(key, "#5D6D7E")};">&#9632;</span>&nbsp;'
             f'{_esc(value_label(reference, list_name, key, language))}' for key in keys]
    return "&nbsp;&nbsp; ".join(items)


def _html(content: ReportContent, reference: ReferenceLists) -> str:
    language = content.language
    km = language == "km"
    generated = content.generated_at.replace("T", " ")[:16] + " UTC"
    catalogs = "<br>".join(_esc((c["title_km"] if km and c["title_km"] else c["title"]) +
                                f" ({c['catalog_id']}, version {c['version']})") for c in content.catalogs)
    recommendations = len(content.rows)
    filters = "".join(f"<tr><td class='key'>{_esc(k)}</td><td>{_esc(v)}</td></tr>"
                      for k, v in filter_lines(reference, content.filters, language))
    totals = [
        (say("consultations", language), f"{content.total.consultations:,}"),
        (say("feedback", language), f"{content.total.entries:,}"),
        (say("discussed", language), f"{content.discussed} {say('of', language)} {recommendations}"),
        (say("quotes", language), f"{content.quote_count}"),
    ]
    total_rows = "".join(f"<tr><td class='key'>{_esc(k)}</td><td class='figure'>{_esc(v)}</td></tr>"
                         for k, v in totals)
    legend_priority = _legend(reference, PRIORITIES, content.priority_columns, PRIORITY_COLOURS, language)
    legend_assessment = _legend(reference, ASSESSMENTS, content.assessment_columns, ASSESSMENT_COLOURS, language)
    parts = [f"""
<html><head><style>
body {{ font-family: {_font_stack(language)}; font-size: 9.5pt; color: #1B2631; }}
h1 {{ font-size: 15pt; color: #1A5276; margin-top: 14px; margin-bottom: 4px; }}
h2 {{ font-size: 12pt; color: #1F618D; margin-top: 10px; margin-bottom: 2px; }}
h3 {{ font-size: 10.5pt; color: #2471A3; margin-top: 8px; margin-bottom: 2px; }}
p {{ margin-top: 2px; margin-bottom: 2px; }}
td.key {{ color: #566573; padding-right: 14px; }}
td.figure {{ font-weight: bold; }}
td.glancehead {{ color: #566573; font-size: 7.5pt; border-bottom: 1px solid #AEB6BF; }}
table.glance {{ font-size: 8pt; }}
.code {{ font-weight: bold; color: #1A5276; }}
.figures {{ color: #566573; font-size: 8.5pt; }}
.barlabel {{ color: #566573; font-size: 8pt; }}
.none {{ color: #922B21; font-style: italic; font-size: 8.5pt; }}
.quote {{ font-size: 8.5pt; }}
.source {{ color: #566573; font-size: 7.5pt; }}
.legend {{ font-size: 8pt; color: #424949; }}
</style></head><body>
<p style="font-size:22pt; font-weight:bold; color:#1A5276; margin-top:6px;">{_esc(say("title", language))}</p>
<p style="font-size:13pt; color:#1F618D; margin-bottom:10px;">{_esc(say("title", "km" if not km else "en"))}</p>
<p style="font-size:10pt; margin-bottom:14px;">{catalogs}</p>
<table width="100%" cellspacing="0" cellpadding="0" style="margin-top:12px;"><tr>
<td width="50%" valign="top"><h2>{_esc(say("filters", language))}</h2>
<table cellspacing="0" cellpadding="2">{filters}
<tr><td class='key'>{_esc(say("generated", language))}</td><td>{_esc(generated)}</td></tr></table></td>
<td width="50%" valign="top"><h2>{_esc(say("totals", language))}</h2>
<table cellspacing="0" cellpadding="2">{total_rows}</table></td></tr></table>
<h2>{_esc(say("privacy_title", language))}</h2>
<p>{_esc(say("privacy", language))}</p>
<h2>{_esc(say("glance", language))}</h2>
{_glance(content, language)}
<p style="margin-top:8px;">{_esc(say("reading", language))}</p>
<p class="legend"><b>{_esc(say("priority", language))}:</b> {legend_priority}</p>
<p class="legend"><b>{_esc(say("assessment", language))}:</b> {legend_assessment}</p>
<p style="page-break-after: always;"> </p>
"""]
    part = section = theme = None  # the headings last written
    for row in content.rows:
        if row["part"] != part:
            parts.append(f"<h1>{_esc(row['part'])}</h1>")
            part, section, theme = row["part"], None, None
        if row["section"] and row["section"] != section:
            parts.append(f"<h2>{_esc(row['section'])}</h2>")
            section, theme = row["section"], None
        if row["theme"] and row["theme"] not in (part, section, theme):  # a part without themes is its own
            parts.append(f"<h3>{_esc(row['theme'])}</h3>")
            theme = row["theme"]
        parts.append(_recommendation_html(row, reference, language))
    parts.append("</body></html>")
    return "".join(parts)


def _glance(content: ReportContent, language: str) -> str:
    """Per theme: consultations, entries, and both bars, in one table on the cover."""
    head = (f'<tr><td class="glancehead">{_esc(say("theme", language))}</td>'
            f'<td class="glancehead" align="right">{_esc(say("consultations_short", language))}</td>'
            f'<td class="glancehead" align="right">{_esc(say("feedback", language))}</td>'
            f'<td class="glancehead">{_esc(say("priority", language))}</td>'
            f'<td class="glancehead">{_esc(say("assessment", language))}</td></tr>')
    rows = []
    for theme in content.themes:
        total = theme["total"]
        empty = "" if total.entries else ' style="color:#922B21;"'
        rows.append(
            f'<tr><td width="31%"{empty}>{_esc(short_title(theme["title"], 60))}</td>'
            f'<td width="11%" align="right">{total.consultations:,}</td>'
            f'<td width="10%" align="right">{total.entries:,}</td>'
            f'<td width="24%">{_bar(theme["priorities"], PRIORITY_COLOURS, None, 14)}</td>'
            f'<td width="24%">{_bar(theme["assessments"], ASSESSMENT_COLOURS, None, 14)}</td></tr>')
    return (f'<table width="100%" cellspacing="0" cellpadding="2" class="glance">{head}{"".join(rows)}</table>')


KEEP_TOGETHER = "keep-together-"  # the anchor that opens a recommendation's block (see _keep_together)


def _recommendation_html(row: dict, reference: ReferenceLists, language: str) -> str:
    out = [f'<p style="margin-top:8px;"><a name="{KEEP_TOGETHER}{_esc(row["code"])}">'
           f'<span class="code">{_esc(row["code"])}</span></a>&nbsp; {_esc(row["text"])}</p>']
    for earlier in row.get("predecessors", ()):
        line = say("predecessor", language, code=earlier["from_code"], catalog=earlier["from_catalog"],
                   feedback=f"{earlier['entries']:,}", consultations=f"{earlier['consultations']:,}")
        out.append(f'<p class="figures">{_esc(line)}</p>')
    if not row["feedback"]:
        out.append(f'<p class="none">{_esc(say("no_feedback", language))}</p>')
        return "".join(out)
    figures = say("entries_from", language, feedback=f"{row['feedback']:,}", consultations=f"{row['consultations']:,}")
    out.append(f'<p class="figures">{_esc(figures)}</p>')
    out.append(_bar(row["priority_counts"], PRIORITY_COLOURS, say("priority", language)))
    out.append(_bar(row["assessment_counts"], ASSESSMENT_COLOURS, say("assessment", language)))
    for quote in row["quotes"]:
        words, translation = quote_words(quote, language)
        if translation:
            words = f"“{_esc(words)}” <i>— “{_esc(translation)}”</i>"
        else:
            words = f"“{_esc(words)}”"
        out.append(f'<p class="quote" style="margin-left:18px; margin-top:3px;">{words} '
                   f'<span class="source">({_esc(quote_source(quote, reference, language))})</span></p>')
    return "".join(out)



def _keep_together(document, page_height: float) -> None:
    """Start a recommendation (with the headings right above it) on a new page when it would
    otherwise be cut by a page end: its text, figures, bars and quotes read as one. Qt's rich
    text has no "page-break-inside: avoid", so the laid-out document is measured and page
    breaks are set, first to last (each one moves what follows)."""
    from PySide6.QtGui import QTextCursor, QTextFormat

    layout = document.documentLayout()
    document.pageCount()  # lays the whole document out: positions below are final ones

    def opens_recommendation(block) -> bool:
        iterator = block.begin()
        while not iterator.atEnd():
            if any(name.startswith(KEEP_TOGETHER) for name in iterator.fragment().charFormat().anchorNames()):
                return True
            iterator += 1
        return False

    starts, block = [], document.begin()
    while block.isValid():  # top-level blocks only: a table's cells are frames of their own
        if block.blockFormat().headingLevel() or opens_recommendation(block):
            starts.append(block)
        block = block.next()
    # chunks: the recommendation's own block with the headings directly above it
    chunks, pending = [], None
    for block in starts:
        if block.blockFormat().headingLevel():
            pending = pending or block
            continue
        chunks.append(pending or block)
        pending = None
    for index, first in enumerate(chunks):
        top = layout.blockBoundingRect(first).top()
        end = layout.blockBoundingRect(chunks[index + 1]).top() if index + 1 < len(chunks) \
            else layout.documentSize().height()
        if end - top >= page_height or int(top // page_height) == int((end - 1) // page_height):
            continue  # fits on its page, or could fit on none
        block_format = first.blockFormat()
        block_format.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
        QTextCursor(first).setBlockFormat(block_format)
        document.pageCount()  # and again, with the new page break


def write_pdf(path: Path, content: ReportContent, reference: ReferenceLists) -> int:
    _ensure_gui()
    # Painted into memory, then written with Python: Qt's PDF writer ignores a failed write (a full
    # disk gave an empty file and "wrote the report"), Python's raises (files.atomic_output says why).
    from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QRectF, QSizeF, Qt
    from PySide6.QtGui import (
        QAbstractTextDocumentLayout,
        QColor,
        QFont,
        QPageLayout,
        QPageSize,
        QPainter,
        QPdfWriter,
        QTextDocument,
    )

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(300)
    writer.setTitle(say("title", content.language))
    writer.setCreator(f"consultation-app {__version__}")
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     QMarginsF(18, 16, 18, 12), QPageLayout.Unit.Millimeter))
    area = writer.pageLayout().paintRectPixels(writer.resolution())
    footer = int(writer.resolution() * 0.35)  # a third of an inch for the page number line
    body = QSizeF(area.width(), area.height() - footer)

    document = QTextDocument()
    document.documentLayout().setPaintDevice(writer)  # lay text out in the PDF's units
    font = QFont()
    font.setFamilies([*LATIN_FONTS, KHMER_FONT] if content.language != "km" else [KHMER_FONT, *LATIN_FONTS])
    font.setPointSizeF(9.5)
    document.setDefaultFont(font)
    document.setDocumentMargin(0)
    document.setHtml(_html(content, reference))
    document.setPageSize(body)
    _keep_together(document, body.height())
    pages = document.pageCount()

    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(f"{path}: cannot write the PDF")
    try:
        footer_font = QFont(font)
        footer_font.setPointSizeF(7.5)
        title = say("short_title", content.language)
        for page in range(pages):
            if page:
                writer.newPage()
            painter.save()
            clip = QRectF(0, page * body.height(), body.width(), body.height())
            painter.translate(0, -clip.top())
            painter.setClipRect(clip)
            context = QAbstractTextDocumentLayout.PaintContext()
            context.clip = clip
            document.documentLayout().draw(painter, context)
            painter.restore()
            if page:  # the cover goes without
                painter.setFont(footer_font)
                painter.setPen(QColor("#7F8C8D"))
                line = QRectF(0, body.height() + footer * 0.3, body.width(), footer * 0.7)
                painter.drawLine(line.topLeft(), line.topRight())
                painter.drawText(line, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)
                painter.drawText(line, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                                 say("page", content.language, page=page + 1, pages=pages))
    finally:
        finished = painter.end()
    if not finished:
        raise OSError(f"{path}: the PDF could not be finished")
    buffer.close()
    with open(path, "wb") as out:
        out.write(bytes(buffer.data()))
    return pages
