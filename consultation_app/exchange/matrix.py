"""The follow-up matrix: one row per recommendation in catalog order, what follow-up teams
work from. Per row: cluster, code, text in English and Khmer, UPR position, recommending
states, responsible institutions, implementation status, measures, indicator, and the
consultations' evidence (consultations and stakeholder groups heard, feedback count, the
priority and assessment distributions, up to three quotes that may leave the office, with
where and when they were said), then the evidence of confirmed links to recommendations of
other cycles. An Excel table (filter buttons on every column), frozen header, wrapped text,
A3 landscape printing with the header repeated.

Content follows report_content.gather (the report's rules: counts from every live entry,
quotes only from entries neither sensitive nor naming a person)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from consultation_app.domain.implementation import status_label
from consultation_app.domain.reference import ReferenceLists
from consultation_app.domain.text import clean_text
from consultation_app.errors import AppError
from consultation_app.exchange.files import atomic_output, open_workbook, scratch_job, workbook_target
from consultation_app.exchange.progress import Cancelled, Progress, Ticker
from consultation_app.exchange.report_content import gather, quote_source, quote_words, say, value_label
from consultation_app.exchange.sheet_writer import add_full_width_table
from consultation_app.storage import export_queries, matrix_queries, report_queries
from consultation_app.storage.connection import local_anchor, open_source
from consultation_app.storage.dashboard_queries import ASSESSMENTS, GROUPS, PRIORITIES, Filters

if TYPE_CHECKING:
    from xlsxwriter.workbook import Workbook

    from consultation_app.exchange.report_content import ReportContent

MAX_CELL = 32_767  # Excel's limit on one cell's text

# (key, label key in report_content.TEXT or literal pair, width)
COLUMNS = (
    ("cluster", "cluster", 20), ("code", "code", 10), ("text_en", "text_en", 48), ("text_km", "text_km", 48),
    ("position", "position", 12), ("states", "states", 22), ("institutions", "institutions", 24),
    ("status", "status", 14), ("updated", "updated", 12), ("measures", "measures", 40),
    ("indicator", "indicator", 24), ("consultations", "consultations_short", 14),
    ("groups", "groups_heard", 28), ("feedback", "feedback", 10), ("priority", "priority", 24),
    ("assessment", "assessment", 28), ("quote_1", "quote_1", 40), ("quote_2", "quote_2", 40),
    ("quote_3", "quote_3", 40), ("linked", "linked", 36),
)
NUMBERS = {"consultations", "feedback"}
Links = dict[tuple[str, str], list[tuple[str, str]]]  # (catalog id, code) -> those confirmed as linked to it


@dataclass(frozen=True)
class MatrixResult:
    path: Path
    recommendations: int
    with_status: int
    quotes: int


def write_matrix(database_path: Path | str, out: Path | str, reference: ReferenceLists, *,
                 catalog_id: str | None = None, language: str = "en", progress: Progress | None = None,
                 cancelled: Cancelled | None = None) -> MatrixResult:
    """``progress(done, total)``: reading, then each row written, then saving; ``cancelled()``
    stops it between two of those (WriteCancelled, nothing written)."""
    out = workbook_target(out, "the matrix")
    if language not in ("en", "km"):
        raise AppError(f"{language!r}: the matrix is written in English (en) or Khmer (km)")
    ticker = Ticker(progress, cancelled, 2, str(out))  # reading and saving; the rows once known
    with open_source(database_path) as db:
        with export_queries.snapshot(db):
            if catalog_id and not report_queries.catalog_loaded(db, catalog_id):
                raise AppError(f"no catalog {catalog_id!r} is loaded (consultation-app catalog catalogs lists them)")
            content = gather(db, reference, Filters(catalog_id=catalog_id or None), language)
            links = matrix_queries.confirmed_links(db)
            shown = {(row["catalog_id"], row["code"]) for row in content.rows}
            linked_keys = [other for key in shown for other in links.get(key, ()) if other not in shown]
            linked_figures = matrix_queries.evidence(db, linked_keys)
    cycles = {c["catalog_id"]: c.get("cycle") for c in content.catalogs}
    by_key = {(row["catalog_id"], row["code"]): row for row in content.rows}
    for key, (entries, consultations) in linked_figures.items():
        by_key.setdefault(key, {"feedback": entries, "consultations": consultations})
    rows = [row for row in content.rows if row["in_catalog"] and (not catalog_id or row["catalog_id"] == catalog_id)]
    ticker.grow(len(rows))
    ticker.step()
    with scratch_job(local_anchor(database_path)) as job, atomic_output(out, job) as temporary:
        with open_workbook(temporary, constant_memory=True, scratch=job.folder) as workbook:
            quotes = _write(workbook, rows, content, reference, language, links, by_key, cycles, ticker.step)
        ticker.step(ticker.total)  # saved: the last step, and the last chance to cancel
    with_status = sum(1 for row in rows if row.get("implementation") and row["implementation"]["status"])
    return MatrixResult(out, len(rows), with_status, quotes)


def _cell(text: Any) -> str:
    text = clean_text(str(text or ""))
    return text if len(text) <= MAX_CELL else text[:MAX_CELL - 1] + "…"


def _values(row: dict, content: ReportContent, reference: ReferenceLists, language: str, links: Links,
            by_key: dict[tuple[str, str], dict[str, Any]], cycles: dict[str, Any]) -> dict:
    record = row.get("implementation") or {}
    groups = ", ".join(f"{value_label(reference, GROUPS, key, language)} ({count})"
                       for key, count in sorted(row["stakeholder_group"].items(), key=lambda item: -item[1]))
    values = {
        "cluster": row["theme"] or row["part"], "code": row["code"], "text_en": row["text_en"],
        "text_km": row["text_km"], "position": row.get("upr_position", ""),
        "states": ", ".join(row.get("recommending_states") or ()),
        "institutions": "; ".join(content.institutions.get(key, key) for key in record.get("institutions") or ()),
        "status": status_label(record.get("status"), language) or say("no_status", language),
        "updated": (record.get("updated_at") or "")[:10], "measures": record.get("measures", ""),
        "indicator": record.get("indicator", "") + (f" ({say('due', language, date=record['indicator_due'])})"
                                                     if record.get("indicator_due") else ""),
        "consultations": row["consultations"], "groups": groups, "feedback": row["feedback"],
        "priority": " · ".join(f"{value_label(reference, PRIORITIES, k, language)} {n}"
                               for k, n in row["priority_counts"].items() if n),
        "assessment": " · ".join(f"{value_label(reference, ASSESSMENTS, k, language)} {n}"
                                 for k, n in row["assessment_counts"].items() if n),
    }
    for index, quote in enumerate(row["quotes"][:3], start=1):
        words, translation = quote_words(quote, language)
        values[f"quote_{index}"] = f"“{words}”" + (f" — “{translation}”" if translation else "") + \
            f" ({quote_source(quote, reference, language)})"
    linked = []
    for other in links.get((row["catalog_id"], row["code"]), ()):
        evidence = by_key.get(other)
        cycle = cycles.get(other[0])
        where = f"{other[1]} ({other[0]}" + (f", cycle {cycle})" if cycle else ")")
        if evidence is None:
            linked.append(where)
            continue
        linked.append(f"{where}: " + say("entries_from", language, feedback=evidence["feedback"],
                                         consultations=evidence["consultations"]))
    values["linked"] = "\n".join(linked)
    return values


def _write(workbook: Workbook, rows: list[dict[str, Any]], content: ReportContent, reference: ReferenceLists,
           language: str, links: Links, by_key: dict[tuple[str, str], dict[str, Any]], cycles: dict[str, Any],
           on_row: Callable[[], None]) -> int:
    workbook.set_properties({"title": "UPR follow-up matrix", "author": "consultation-app"})
    head = workbook.add_format({"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#D6EAF8",
                                "border": 1, "font_name": "Calibri"})
    wrap = workbook.add_format({"text_wrap": True, "valign": "top", "font_name": "Calibri"})
    number = workbook.add_format({"valign": "top", "font_name": "Calibri"})
    sheet = workbook.add_worksheet("matrix")
    for index, (_, _, width) in enumerate(COLUMNS):
        sheet.set_column(index, index, width)
    last_row = max(len(rows), 1)  # a table needs a data row
    headers = [_cell(say(label, language)) for _, label, _ in COLUMNS]
    add_full_width_table(sheet, "matrix_table", 0, last_row, headers)  # filter buttons on every column
    # Khmer lines stand taller (vowels and subscripts above and below): more height per line.
    line = 19.0 if language == "km" else 15.0
    sheet.set_row(0, 2 * line + 8)
    for index, header in enumerate(headers):
        sheet.write_string(0, index, header, head)
    quotes = 0
    for number_row, row in enumerate(rows, start=1):
        values = _values(row, content, reference, language, links, by_key, cycles)
        quotes += len(row["quotes"][:3])
        lines = max(sum(1 + int(len(part) / max(width, 1) * 1.1) for part in str(values.get(key) or "").split("\n"))
                    for key, _, width in COLUMNS)
        sheet.set_row(number_row, min(line * lines + 4, 409.0))
        for column, (key, _, _) in enumerate(COLUMNS):
            value = values.get(key)
            if key in NUMBERS:
                sheet.write_number(number_row, column, int(value or 0), number)
            elif value:
                sheet.write_string(number_row, column, _cell(value), wrap)
        on_row()
    sheet.freeze_panes(1, 2)
    sheet.set_landscape()
    sheet.set_paper(8)  # A3
    sheet.repeat_rows(0)
    sheet.fit_to_pages(1, 0)
    sheet.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.5)
    sheet.set_footer("&LUPR follow-up matrix&RPage &P of &N")
    return quotes
