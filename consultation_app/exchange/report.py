"""The central office's report: per recommendation, in the annex's order, how often it came up,
how people rated its priority and its implementation, and up to three of their own words.

Two forms of the same content (report_content.py), chosen by the file's suffix:

- ``.pdf`` (report_pdf_text.py): printable A4, written with fpdf2 and HarfBuzz, each Khmer run
  carrying its stored text as /ActualText so it copies and searches exactly (Qt's PDF writer
  mapped none of the annex's Khmer texts back); a cover with the filters, the date and the
  totals; headings per part, section and theme; Noto Sans Khmer embedded.
- ``.docx`` (report_docx.py): the editable draft of the mid-term report, with charts as images
  (report_charts.py).
- ``.xlsx`` (report_xlsx.py): a cover, the per-recommendation table, the per-theme figures, and native Excel
  charts (stacked bars of priorities and of assessments per theme).

It leaves the office, so it never shows content a person could be hurt by: quotes come only
from records that domain.privacy.withheld_reason lets through (not marked sensitive, naming
nobody); counts include every live entry, since a number exposes no one. Figures follow
report_queries (the master export's rules), with the filters applied to the consultations.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from consultation_app.domain.reference import ReferenceLists
from consultation_app.errors import AppError
from consultation_app.exchange.files import atomic_output
from consultation_app.exchange.progress import Cancelled, Progress, Ticker
from consultation_app.exchange.report_content import check_value, gather
from consultation_app.storage import export_queries, report_queries
from consultation_app.storage.connection import open_source
from consultation_app.storage.dashboard_queries import GROUPS, PROVINCES, Filters
from consultation_app.targets import check_output_file

if TYPE_CHECKING:
    from consultation_app.storage.store import Store

PDF, XLSX, DOCX = ".pdf", ".xlsx", ".docx"
# A printed report (PDF, Word) lists every recommendation: past this many it would run to
# well over a thousand pages (about five recommendations a page) and take minutes to lay out;
# the command says so before any work and suggests narrowing it. The workbook has no limit.
MAX_PRINTED_RECOMMENDATIONS = 5_000
RECOMMENDATIONS_PER_PAGE = 5


@dataclass(frozen=True)
class ReportResult:
    path: Path
    kind: str                 # "pdf", "xlsx" or "docx"
    generated_at: str
    recommendations: int      # rows in the report
    discussed: int            # recommendations with at least one feedback entry
    feedback: int
    consultations: int
    quotes: int
    pages: int | None = None  # the PDF's page count


def write_report(database_path: Path | str, out: Path | str, reference: ReferenceLists, *, group: str | None = None,
                 province: str | None = None, date_from: str | dt.date | None = None,
                 date_to: str | dt.date | None = None, language: str = "en",
                 catalog_id: str | None = None, progress: Progress | None = None,
                 cancelled: Cancelled | None = None) -> ReportResult:
    """Write the report to ``out`` (.pdf, .xlsx or .docx), atomically, from one snapshot of the
    database. ``progress(done, total)``: reading, then each recommendation laid out, then saving;
    ``cancelled()`` stops it between two of those (WriteCancelled, nothing written)."""
    out = Path(out)
    kind = out.suffix.lower()
    if kind not in (PDF, XLSX, DOCX):
        raise AppError(f"{out}: the report is written as a PDF (.pdf), an Excel workbook (.xlsx) or a Word "
                       f"draft of the mid-term report (.docx); give the file name one of those endings")
    check_output_file(out)  # a plain file or nothing: never a link, device, pipe or folder
    if language not in ("en", "km"):
        raise AppError(f"{language!r}: the report is written in English (en) or Khmer (km)")
    check_value(reference, GROUPS, group, "stakeholder group")
    check_value(reference, PROVINCES, province, "province")
    filters = Filters(group=group or None, province=province or None, date_from=_day_text(date_from),
                      date_to=_day_text(date_to), catalog_id=catalog_id or None)
    ticker = Ticker(progress, cancelled, 2, str(out))  # reading and saving; the rows once known
    with open_source(database_path) as db:  # its own connection: may run off the GUI thread
        from consultation_app.storage import catalog_store

        if catalog_id and catalog_store.installed(db, catalog_id) is None:
            raise AppError(f"no catalog {catalog_id!r}; see 'consultation-app catalog catalogs'")
        with export_queries.snapshot(db):
            _check_size(db, kind, catalog_id)
            content = gather(db, reference, filters, language)
    if catalog_id:
        content.rows = [row for row in content.rows if row["catalog_id"] == catalog_id]
        content.catalogs = [c for c in content.catalogs if c["catalog_id"] == catalog_id]
    ticker.grow(len(content.rows) if kind != XLSX else 0)
    ticker.step()
    pages = None
    with atomic_output(out) as temporary:
        if kind == PDF:
            from consultation_app.exchange.report_pdf_text import write_pdf  # Khmer that copies (see there)

            pages = write_pdf(temporary, content, reference, on_row=ticker.step)
        elif kind == DOCX:
            from consultation_app.exchange.report_docx import write_docx

            write_docx(temporary, content, reference, on_row=ticker.step)
        else:
            from consultation_app.exchange.report_xlsx import write_xlsx

            write_xlsx(temporary, content, reference)
        ticker.step(ticker.total)  # saved: the last step, and the last chance to cancel
    return ReportResult(out, kind.lstrip("."), content.generated_at, len(content.rows), content.discussed,
                        content.total.entries, content.total.consultations, content.quote_count, pages)


def _day_text(day: str | dt.date | None) -> str | None:
    """A date as Filters holds it (ISO text; Filters checks it), None for no restriction."""
    return day.isoformat()[:10] if isinstance(day, dt.date) else day or None


def _check_size(db: Store, kind: str, catalog_id: str | None) -> None:
    """Refuse, before any work, a printed report too long to be of use (see MAX_PRINTED_RECOMMENDATIONS)."""
    if catalog_id and not report_queries.catalog_loaded(db, catalog_id):
        raise AppError(f"no catalog {catalog_id!r} is loaded (consultation-app catalog catalogs lists them)")
    if kind == XLSX:
        return
    count = report_queries.live_recommendation_count(db, catalog_id)
    if count > MAX_PRINTED_RECOMMENDATIONS:
        catalogs = report_queries.live_counts_by_catalog(db)
        listed = ", ".join(f"{cid} ({n:,})" for cid, n in catalogs[:5]) + (", ..." if len(catalogs) > 5 else "")
        raise AppError(f"the report would list {count:,} recommendations (about {count // RECOMMENDATIONS_PER_PAGE:,} "
                       f"pages; the limit is {MAX_PRINTED_RECOMMENDATIONS:,}): choose one catalog with --catalog "
                       f"(loaded: {listed}), or write the .xlsx report or the matrix, which have no limit")
