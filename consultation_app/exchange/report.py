"""The central office's report: per recommendation, in the annex's order, how often it came up,
how people rated its priority and its implementation, and up to three of their own words.

Two forms of the same content, chosen by the file's suffix:

- ``.pdf``: printable A4, made with Qt's own document classes (QTextDocument laid out for a
  QPdfWriter, painted page by page with a footer and page numbers); a cover with the filters,
  the date and the totals; headings per part, section and theme. Khmer is set in the bundled
  Noto Sans Khmer (loaded from resources/fonts), which the PDF embeds.
- ``.xlsx``: a cover, the per-recommendation table, the per-theme figures, and native Excel
  charts (stacked bars of priorities and of assessments per theme).

It leaves the office, so it never shows content a person could be hurt by: quotes come only
from records that domain.privacy.withheld_reason lets through (not marked sensitive, naming
nobody); counts include every live entry, since a number exposes no one. Figures follow
report_queries (the master export's rules), with the filters applied to the consultations.
"""

from __future__ import annotations

import datetime as dt
import html
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from consultation_app import __version__, paths
from consultation_app.domain.records import utc_now
from consultation_app.domain.reference import ReferenceLists
from consultation_app.domain.text import clean_text
from consultation_app.errors import AppError
from consultation_app.exchange.files import atomic_output, open_workbook
from consultation_app.storage import catalog_store, dashboard_queries, export_queries, report_queries
from consultation_app.storage.connection import open_database
from consultation_app.storage.dashboard_queries import (ASSESSMENTS, GROUPS, NOT_RECORDED, PRIORITIES, PROVINCES,
                                                        Filters)
from consultation_app.targets import check_output_file

PDF, XLSX = ".pdf", ".xlsx"
QUOTES_PER_RECOMMENDATION = 3
KHMER_FONT = "Noto Sans Khmer"
LATIN_FONTS = ["Noto Sans", "Segoe UI", "DejaVu Sans", "Arial", "Helvetica"]

# One colour per value, shared by the dashboard, the PDF and the workbook's charts: warm for
# urgent or bad, green for done, grey for "don't know" and "not recorded".
PRIORITY_COLOURS = {"high": "#C0392B", "medium": "#E67E22", "low": "#F4D03F", "not_stated": "#A6ACAF",
                    NOT_RECORDED: "#D5D8DC"}
ASSESSMENT_COLOURS = {"fully_implemented": "#1E8449", "partially_implemented": "#7DCEA0",
                      "not_implemented": "#E67E22", "worsened": "#C0392B", "unknown": "#A6ACAF",
                      NOT_RECORDED: "#D5D8DC"}
FALLBACK_COLOURS = ["#5D6D7E", "#85929E", "#2E86C1", "#AF7AC5"]

# The report's own words, in both languages (the exchange layer has no Qt translations).
TEXT = {
    "title": ("Consultations on the UPR recommendations: summary report",
              "របាយការណ៍សង្ខេប៖ ការពិគ្រោះយោបល់លើអនុសាសន៍ UPR"),
    "short_title": ("UPR consultations: summary report", "របាយការណ៍សង្ខេប ការពិគ្រោះយោបល់ UPR"),
    "filters": ("Consultations included", "ការពិគ្រោះយោបល់ដែលបានរាប់បញ្ចូល"),
    "all": ("None: all consultations", "គ្មាន៖ ការពិគ្រោះយោបល់ទាំងអស់"),
    "filters_key": ("Filters", "តម្រង"),
    "group": ("Stakeholder group", "ក្រុមភាគីពាក់ព័ន្ធ"),
    "province": ("Province", "ខេត្ត"),
    "from": ("Started on or after", "ចាប់ផ្ដើមចាប់ពីថ្ងៃ"),
    "to": ("Started on or before", "ចាប់ផ្ដើមមុនឬនៅថ្ងៃ"),
    "generated": ("Generated", "បង្កើតនៅ"),
    "totals": ("Totals", "សរុប"),
    "glance": ("At a glance, per theme", "ទិដ្ឋភាពទូទៅ តាមប្រធានបទ"),
    "consultations_short": ("Consultations", "ការពិគ្រោះយោបល់"),
    "consultations": ("Consultations that gave feedback", "ការពិគ្រោះយោបល់ដែលបានផ្ដល់មតិ"),
    "feedback": ("Feedback entries", "មតិយោបល់"),
    "discussed": ("Recommendations discussed", "អនុសាសន៍ដែលបានពិភាក្សា"),
    "quotes": ("Quotes shown", "សម្រង់សម្ដីដែលបានបង្ហាញ"),
    "of": ("of", "ក្នុងចំណោម"),
    "privacy_title": ("Protecting people", "ការការពារមនុស្ស"),
    "privacy": ("Quotes come only from feedback that is neither marked sensitive nor attributed to a named "
                "person. The counts include every feedback entry, without showing its content.",
                "សម្រង់សម្ដីត្រូវបានដកស្រង់តែពីមតិយោបល់ដែលមិនត្រូវបានសម្គាល់ថារសើប និងមិនបញ្ជាក់ឈ្មោះបុគ្គល។ "
                "ការរាប់រួមបញ្ចូលមតិយោបល់ទាំងអស់ ដោយមិនបង្ហាញខ្លឹមសារ។"),
    "reading": ("Each recommendation shows how many feedback entries it received and from how many consultations, "
                "then two bars: the priority people gave it and their assessment of its implementation.",
                "អនុសាសន៍នីមួយៗបង្ហាញចំនួនមតិយោបល់ និងចំនួនការពិគ្រោះយោបល់ បន្ទាប់មកមានរបារពីរ៖ "
                "អាទិភាព និងការវាយតម្លៃការអនុវត្ត។"),
    "priority": ("Priority", "អាទិភាព"),
    "assessment": ("Implementation", "ការអនុវត្ត"),
    "entries_from": ("{feedback} feedback entries from {consultations} consultations",
                     "មតិយោបល់ {feedback} ពីការពិគ្រោះយោបល់ {consultations}"),
    "no_feedback": ("No feedback recorded.", "មិនទាន់មានមតិយោបល់។"),
    "not_recorded": ("Not recorded", "មិនបានកត់ត្រា"),
    "page": ("Page {page} of {pages}", "ទំព័រ {page} នៃ {pages}"),
    "unknown": ("Codes not in the catalog", "លេខកូដដែលមិនមានក្នុងបញ្ជីអនុសាសន៍"),
    "quote_1": ("Quote 1", "សម្រង់ ១"), "quote_2": ("Quote 2", "សម្រង់ ២"), "quote_3": ("Quote 3", "សម្រង់ ៣"),
    "code": ("Code", "លេខកូដ"), "part": ("Part", "ផ្នែក"), "theme": ("Theme", "ប្រធានបទ"),
    "text": ("Recommendation", "អនុសាសន៍"),
    "chart_label": ("Title in the charts", "ចំណងជើងក្នុងក្រាហ្វិក"),
    "chart_priorities": ("Priority given, per theme (feedback entries)",
                         "អាទិភាពតាមប្រធានបទ (មតិយោបល់)"),
    "chart_assessments": ("Implementation assessed, per theme (feedback entries)",
                          "ការវាយតម្លៃការអនុវត្តតាមប្រធានបទ (មតិយោបល់)"),
}


def say(key: str, language: str, **values: Any) -> str:
    en, km = TEXT[key]
    text = km if language == "km" else en
    return text.format(**values) if values else text


@dataclass(frozen=True)
class ReportResult:
    path: Path
    kind: str                 # "pdf" or "xlsx"
    generated_at: str
    recommendations: int      # rows in the report
    discussed: int            # recommendations with at least one feedback entry
    feedback: int
    consultations: int
    quotes: int
    pages: int | None = None  # the PDF's page count


# -- gathering -------------------------------------------------------------------------------------
@dataclass
class _Content:
    generated_at: str
    filters: Filters
    language: str
    catalogs: list[dict]
    rows: list[dict]           # per recommendation, annex order, with headings and quotes
    themes: list[dict]         # per theme: titles and distributions (the charts)
    priority_columns: list[str]
    assessment_columns: list[str]
    total: dashboard_queries.Cell

    @property
    def discussed(self) -> int:
        return sum(1 for row in self.rows if row["feedback"])

    @property
    def quote_count(self) -> int:
        return sum(len(row["quotes"]) for row in self.rows)


def _gather(db, reference: ReferenceLists, filters: Filters, language: str) -> _Content:
    allowed = {"stakeholder_group": reference.keys(GROUPS), "province": reference.keys(PROVINCES),
               "priority": reference.keys(PRIORITIES), "implementation_assessment": reference.keys(ASSESSMENTS)}
    where, params = filters.where()
    figures = report_queries.recommendation_figures(db, allowed, where, params)
    dashboard = dashboard_queries.dashboard_figures(db, reference, filters)
    quotes = dashboard_queries.selected_quotes(db, filters, QUOTES_PER_RECOMMENDATION)
    catalog = {(rec["catalog_id"], rec["code"]): rec for rec in catalog_store.list_recommendations(db)}
    km = language == "km"

    def pick(rec: dict, name: str) -> str:
        return (rec.get(f"{name}_km") if km else None) or rec.get(name) or ""

    rows = []
    for figure in figures:
        rec = catalog.get((figure["catalog_id"], figure["code"]))
        row = dict(figure)
        if rec is None:  # a code no live recommendation has: under a heading of its own
            row.update(part=say("unknown", language), section="", theme="", theme_key="", part_key="",
                       section_key="", text="")
        else:
            row.update(part=pick(rec, "part"), section=pick(rec, "section"), theme=pick(rec, "theme"),
                       theme_key=rec["theme_key"], text=pick(rec, "text"))
        row["priority_counts"] = {key: figure["priority"].get(key, 0) for key in dashboard.priority_columns}
        row["assessment_counts"] = {key: figure["implementation_assessment"].get(key, 0)
                                    for key in dashboard.assessment_columns}
        row["quotes"] = quotes.get((figure["catalog_id"], figure["code"]), [])
        rows.append(row)
    themes = []
    for theme in dashboard.themes:
        key = (theme["catalog_id"], theme["key"])
        title = (theme["title_km"] if km and theme["title_km"] else theme["title"]) if theme["in_catalog"] \
            else say("unknown", language)
        themes.append({"key": key, "title": title, "total": dashboard.theme_totals.get(key, dashboard_queries.Cell()),
                       "priorities": dashboard.theme_priorities.get(key, {}),
                       "assessments": dashboard.theme_assessments.get(key, {})})
    return _Content(utc_now(), filters, language, catalog_store.list_catalogs(db), rows, themes,
                    dashboard.priority_columns, dashboard.assessment_columns, dashboard.total)


def value_label(reference: ReferenceLists, list_name: str, key: str, language: str) -> str:
    return say("not_recorded", language) if key == NOT_RECORDED else reference.label(list_name, key, language)


def _filter_lines(reference: ReferenceLists, filters: Filters, language: str) -> list[tuple[str, str]]:
    lines = []
    if filters.group:
        lines.append((say("group", language), reference.label(GROUPS, filters.group, language)))
    if filters.province:
        lines.append((say("province", language), reference.label(PROVINCES, filters.province, language)))
    if filters.date_from:
        lines.append((say("from", language), filters.date_from))
    if filters.date_to:
        lines.append((say("to", language), filters.date_to))
    return lines or [(say("filters_key", language), say("all", language))]


def _check(reference: ReferenceLists, name: str, value: str | None, what: str) -> None:
    if value and value not in reference.keys(name):
        raise AppError(f"{value!r} is not a {what}; use one of: {', '.join(reference.keys(name))}")


def write_report(database_path: Path, out: Path | str, reference: ReferenceLists, *, group: str | None = None,
                 province: str | None = None, date_from: str | dt.date | None = None,
                 date_to: str | dt.date | None = None, language: str = "en") -> ReportResult:
    """Write the report to ``out`` (.pdf or .xlsx), atomically, from one snapshot of the database."""
    out = Path(out)
    kind = out.suffix.lower()
    if kind not in (PDF, XLSX):
        raise AppError(f"{out}: the report is written as a PDF (.pdf) or an Excel workbook (.xlsx); "
                       f"give the file name one of those endings")
    check_output_file(out)  # a plain file or nothing: never a link, device, pipe or folder
    if language not in ("en", "km"):
        raise AppError(f"{language!r}: the report is written in English (en) or Khmer (km)")
    _check(reference, GROUPS, group, "stakeholder group")
    _check(reference, PROVINCES, province, "province")
    filters = Filters(group=group or None, province=province or None, date_from=date_from or None,
                      date_to=date_to or None)
    db = open_database(database_path)  # its own connection: may run off the GUI thread
    try:
        with export_queries.snapshot(db):
            content = _gather(db, reference, filters, language)
    finally:
        db.conn.close()
    pages = None
    with atomic_output(out) as temporary:
        if kind == PDF:
            pages = _write_pdf(temporary, content, reference)
        else:
            _write_xlsx(temporary, content, reference)
    return ReportResult(out, kind.lstrip("."), content.generated_at, len(content.rows), content.discussed,
                        content.total.entries, content.total.consultations, content.quote_count, pages)


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


def _html(content: _Content, reference: ReferenceLists) -> str:
    language = content.language
    km = language == "km"
    generated = content.generated_at.replace("T", " ")[:16] + " UTC"
    catalogs = "<br>".join(_esc((c["title_km"] if km and c["title_km"] else c["title"]) +
                                f" ({c['catalog_id']}, version {c['version']})") for c in content.catalogs)
    recommendations = len(content.rows)
    filters = "".join(f"<tr><td class='key'>{_esc(k)}</td><td>{_esc(v)}</td></tr>"
                      for k, v in _filter_lines(reference, content.filters, language))
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


def _glance(content: _Content, language: str) -> str:
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
    if not row["feedback"]:
        out.append(f'<p class="none">{_esc(say("no_feedback", language))}</p>')
        return "".join(out)
    figures = say("entries_from", language, feedback=f"{row['feedback']:,}", consultations=f"{row['consultations']:,}")
    out.append(f'<p class="figures">{_esc(figures)}</p>')
    out.append(_bar(row["priority_counts"], PRIORITY_COLOURS, say("priority", language)))
    out.append(_bar(row["assessment_counts"], ASSESSMENT_COLOURS, say("assessment", language)))
    for quote in row["quotes"]:
        words, translation = _quote_words(quote, language)
        if translation:
            words = f"“{_esc(words)}” <i>— “{_esc(translation)}”</i>"
        else:
            words = f"“{_esc(words)}”"
        out.append(f'<p class="quote" style="margin-left:18px; margin-top:3px;">{words} '
                   f'<span class="source">({_esc(quote_source(quote, reference, language))})</span></p>')
    return "".join(out)


def short_title(title: str, limit: int = 42) -> str:
    """A heading cut at a word to fit beside a bar (charts, tables); the whole one elsewhere."""
    if len(title) <= limit:
        return title
    cut = title.rfind(" ", 0, limit)
    return title[:cut if cut > limit // 2 else limit].rstrip(" ,;:") + "…"


def _quote_words(quote: dict, language: str) -> tuple[str, str]:
    """The words as said, and (for an English reader) their translation when it differs."""
    said = quote["quote"].strip()
    translation = quote["quote_translation"].strip()
    return said, (translation if language != "km" and translation and translation != said else "")


def quote_source(quote: dict, reference: ReferenceLists, language: str) -> str:
    """Where it was said: the consultation, its province (unless the title names it), the date."""
    title = quote["consultation_title"] or ""
    province = reference.label(PROVINCES, quote["province"], language) if quote["province"] else ""
    if province and province.casefold() in title.casefold():
        province = ""
    return ", ".join(part for part in (title, province, quote["start_date"] or "") if part)


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


def _write_pdf(path: Path, content: _Content, reference: ReferenceLists) -> int:
    _ensure_gui()
    from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
    from PySide6.QtGui import (QAbstractTextDocumentLayout, QColor, QFont, QPageLayout, QPageSize, QPainter,
                               QPdfWriter, QTextDocument)

    writer = QPdfWriter(str(path))
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
        painter.end()
    return pages


# -- Excel -----------------------------------------------------------------------------------------
def _write_xlsx(path: Path, content: _Content, reference: ReferenceLists) -> None:
    language = content.language
    with open_workbook(path, constant_memory=False) as workbook:
        workbook.set_properties({"title": say("title", language), "author": "consultation-app",
                                 "comments": f"consultation-app {__version__}, generated {content.generated_at}"})
        bold = workbook.add_format({"bold": True})
        title = workbook.add_format({"bold": True, "font_size": 15, "font_color": "#1A5276"})
        header = workbook.add_format({"bold": True, "text_wrap": True, "valign": "bottom", "bg_color": "#D5DFEA",
                                      "font_size": 9, "border": 1, "border_color": "#FFFFFF"})
        wrap = workbook.add_format({"text_wrap": True, "valign": "top", "font_size": 9})
        code = workbook.add_format({"bold": True, "valign": "top", "font_size": 9})
        number = workbook.add_format({"valign": "top", "font_size": 9, "num_format": '0;-0;""', "align": "center"})
        total = workbook.add_format({"valign": "top", "font_size": 9, "bold": True, "align": "center"})
        muted = workbook.add_format({"font_color": "#566573", "text_wrap": True, "valign": "top"})

        cover = workbook.add_worksheet("cover")
        charts = workbook.add_worksheet("charts")
        summary = workbook.add_worksheet("summary")
        themes = workbook.add_worksheet("themes")

        # cover
        cover.hide_gridlines(2)
        cover.set_column(0, 0, 36)
        cover.set_column(1, 1, 80)
        cover.set_paper(9)
        cover.fit_to_pages(1, 0)
        cover.write_string(0, 0, say("title", language), title)
        cover.write_string(1, 0, say("title", "en" if language == "km" else "km"))
        row = 3
        for key, value in _filter_lines(reference, content.filters, language):
            cover.write_string(row, 0, key, bold)
            cover.write_string(row, 1, value)
            row += 1
        cover.write_string(row, 0, say("generated", language), bold)
        cover.write_string(row, 1, content.generated_at.replace("T", " ")[:16] + " UTC")
        row += 2
        for key, value in ((say("consultations", language), content.total.consultations),
                           (say("feedback", language), content.total.entries),
                           (say("discussed", language), content.discussed),
                           (say("quotes", language), content.quote_count)):
            cover.write_string(row, 0, key, bold)
            cover.write_number(row, 1, value, workbook.add_format({"align": "left"}))
            row += 1
        row += 1
        cover.write_string(row, 0, say("privacy_title", language), bold)
        cover.set_row(row, 45)
        cover.write_string(row, 1, say("privacy", language), muted)

        # per recommendation
        priorities = content.priority_columns
        assessments = content.assessment_columns
        columns = [("code", say("code", language), 8), ("part", say("part", language), 22),
                   ("theme", say("theme", language), 22), ("text", say("text", language), 50),
                   ("consultations", say("consultations", language), 9), ("feedback", say("feedback", language), 9)]
        columns += [(f"priority_{key or 'not_recorded'}",
                     f"{say('priority', language)}: {value_label(reference, PRIORITIES, key, language)}", 8)
                    for key in priorities]
        columns += [(f"assessment_{key or 'not_recorded'}",
                     f"{say('assessment', language)}: {value_label(reference, ASSESSMENTS, key, language)}", 9)
                    for key in assessments]
        columns += [(f"quote_{i}", say(f"quote_{i}", language), 40) for i in range(1, QUOTES_PER_RECOMMENDATION + 1)]
        for index, (_, label, width) in enumerate(columns):
            summary.set_column(index, index, width)
        summary.set_row(0, 60)
        last = len(content.rows)
        summary.add_table(0, 0, max(last, 1), len(columns) - 1, {
            "name": "recommendations", "style": "Table Style Light 1", "autofilter": True,
            "columns": [{"header": label, "header_format": header} for _, label, _ in columns]})
        for offset, rec in enumerate(content.rows, start=1):
            values: dict[str, Any] = {"code": rec["code"], "part": rec["part"], "theme": rec["theme"],
                                      "text": rec["text"], "consultations": rec["consultations"],
                                      "feedback": rec["feedback"]}
            values.update({f"priority_{key or 'not_recorded'}": count for key, count in rec["priority_counts"].items()})
            values.update({f"assessment_{key or 'not_recorded'}": count
                           for key, count in rec["assessment_counts"].items()})
            for i, quote in enumerate(rec["quotes"], start=1):
                said, translation = _quote_words(quote, language)
                words = f"“{said}”" + (f" — “{translation}”" if translation else "")
                values[f"quote_{i}"] = f"{words} ({quote_source(quote, reference, language)})"
            lines = max(1, len(rec["text"]) // 70 + 1, *(len(values.get(f"quote_{i}", "")) // 55 + 1
                                                          for i in range(1, QUOTES_PER_RECOMMENDATION + 1)))
            summary.set_row(offset, min(12 * lines + 3, 400))
            for index, (key, _, _) in enumerate(columns):
                value = values.get(key)
                if isinstance(value, int):
                    summary.write_number(offset, index, value, total if key in ("consultations", "feedback")
                                         else number)
                elif value:
                    summary.write_string(offset, index, clean_text(value), code if key == "code" else wrap)
        summary.freeze_panes(1, 1)
        summary.set_landscape()
        summary.set_paper(9)
        summary.fit_to_pages(1, 0)
        summary.repeat_rows(0)
        summary.set_footer("&L&A&RPage &P of &N")

        # per theme: the charts' data
        theme_columns = [say("theme", language), say("consultations", language), say("feedback", language)]
        theme_columns += [f"{say('priority', language)}: {value_label(reference, PRIORITIES, key, language)}"
                          for key in priorities]
        theme_columns += [f"{say('assessment', language)}: {value_label(reference, ASSESSMENTS, key, language)}"
                          for key in assessments]
        theme_columns.append(say("chart_label", language))  # the charts' categories: short enough for the bars
        label_column = len(theme_columns) - 1
        themes.set_column(0, 0, 44)
        themes.set_column(1, len(theme_columns) - 1, 11)
        themes.set_column(label_column, label_column, 36)
        themes.set_row(0, 45)
        count = len(content.themes)
        themes.add_table(0, 0, max(count, 1), len(theme_columns) - 1, {
            "name": "themes", "style": "Table Style Light 1",
            "columns": [{"header": label, "header_format": header} for label in theme_columns]})
        for offset, theme in enumerate(content.themes, start=1):
            themes.write_string(offset, 0, clean_text(theme["title"]), wrap)
            themes.write_number(offset, 1, theme["total"].consultations, total)
            themes.write_number(offset, 2, theme["total"].entries, total)
            for index, key in enumerate(priorities, start=3):
                themes.write_number(offset, index, theme["priorities"].get(key, 0), number)
            for index, key in enumerate(assessments, start=3 + len(priorities)):
                themes.write_number(offset, index, theme["assessments"].get(key, 0), number)
            themes.write_string(offset, label_column, short_title(clean_text(theme["title"])), wrap)
        themes.freeze_panes(1, 1)

        # native charts: stacked bars per theme
        charts.hide_gridlines(2)
        charts.set_paper(9)
        charts.fit_to_pages(1, 0)
        charts.write_string(0, 0, say("title", language), title)
        height = max(420, 26 * count + 120)
        for position, (name, list_name, keys, first, colours) in enumerate((
                ("chart_priorities", PRIORITIES, priorities, 3, PRIORITY_COLOURS),
                ("chart_assessments", ASSESSMENTS, assessments, 3 + len(priorities), ASSESSMENT_COLOURS))):
            chart = workbook.add_chart({"type": "bar", "subtype": "stacked"})
            for index, key in enumerate(keys):
                column = first + index
                chart.add_series({"name": value_label(reference, list_name, key, language),
                                  "categories": ["themes", 1, label_column, max(count, 1), label_column],
                                  "values": ["themes", 1, column, max(count, 1), column],
                                  "fill": {"color": colours.get(key, FALLBACK_COLOURS[index % 4])},
                                  "border": {"none": True}, "gap": 50})
            chart.set_title({"name": say(name, language), "name_font": {"size": 12}})
            chart.set_y_axis({"reverse": True, "num_font": {"size": 8}})  # the first theme on top
            chart.set_x_axis({"major_gridlines": {"visible": True, "line": {"color": "#E5E8E8"}},
                              "num_font": {"size": 8}})
            chart.set_legend({"position": "bottom"})
            chart.set_size({"width": 980, "height": height})
            charts.insert_chart(2 + position * (height // 20 + 2), 0, chart)
        charts.activate()
