"""The blank capture template (``upr-capture-template``): a workbook for facilitators without
a laptop, to fill in Excel or LibreOffice, or to print and fill by hand.

Sheets, in reading order: ``instructions`` (English and Khmer side by side), ``details``
(one row: who, where, when, how many), ``feedback`` (one row per recommendation, the code,
theme and texts filled in and grey), ``notes`` (empty rows), ``lists`` (the allowed values
behind every drop-down) and ``manifest`` (key and value, for the machine).

Like the export's data sheets, each table has a bilingual label row above a grey row of
ASCII machine keys, which is the header of an Excel table. The pre-filled cells and the key
rows are locked by sheet protection without a password (Unprotect Sheet undoes
it); the cells to fill in are not. Every text is written as a string, never a formula.

The layout (columns, sheets, manifest keys: what the merge reads back) is template_layout.py;
the instructions sheet and its words, template_instructions.py; row heights, row_heights.py.
"""

from __future__ import annotations

import datetime as dt
import math
import uuid as uuid_module
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from consultation_app import __version__
from consultation_app.domain.records import utc_now
from consultation_app.domain.reference import ReferenceLists
from consultation_app.domain.text import clean_text, needs_cleaning
from consultation_app.exchange.files import atomic_output, open_workbook, workbook_target
from consultation_app.exchange.row_heights import text_height
from consultation_app.exchange.sheet_writer import list_ranges, write_lists_sheet
from consultation_app.exchange.template_instructions import write_instructions
from consultation_app.exchange.template_layout import (
    DETAILS,
    DETAILS_COLUMNS,
    DETAILS_PAGE_BREAK,
    FEEDBACK_COLUMNS,
    FILL_ROW_HEIGHT,
    INSTRUCTIONS,
    MANIFEST_KEYS,
    NOTE_COLUMNS,
    NOTE_ROWS,
    PREFILLED,
    TEMPLATE_FORMAT_VERSION,
    TEMPLATE_LISTS,
    THEMES,
)
from consultation_app.exchange.workbook_format import (
    DATE,
    ENUM,
    ENUM_LIST,
    FEEDBACK_SHEET,
    FORMULA_TRIGGERS,
    INT,
    LISTS,
    MANIFEST,
    NOTES,
    TEMPLATE_FORMAT_NAME,
    Column,
)
from consultation_app.exchange.workbook_reader import column_letter

if TYPE_CHECKING:
    from xlsxwriter.format import Format
    from xlsxwriter.workbook import Workbook
    from xlsxwriter.worksheet import Worksheet


@dataclass
class TemplateResult:
    path: Path
    recommendations: int
    template_id: str = ""


def write_template(out: str | Path, reference: ReferenceLists,
                   recommendations: Iterable[dict[str, Any]]) -> TemplateResult:
    """Write the blank capture template to ``out`` (an .xlsx), atomically."""
    out = workbook_target(out, "a capture template")
    recommendations = list(recommendations)
    catalog_ids = list(dict.fromkeys(rec["catalog_id"] for rec in recommendations))
    themes = _themes(recommendations)
    template_id = str(uuid_module.uuid4())
    manifest = {
        "format": TEMPLATE_FORMAT_NAME, "format_version": TEMPLATE_FORMAT_VERSION,
        "template_id": template_id, "catalog_id": ", ".join(catalog_ids),
        "created_at": utc_now(), "app_version": __version__, "recommendations": len(recommendations),
    }
    with atomic_output(out) as temporary, open_workbook(temporary, constant_memory=False) as workbook:
        _write(workbook, reference, recommendations, themes, manifest)
    return TemplateResult(out, len(recommendations), template_id)


def _themes(recommendations: list[dict[str, Any]]) -> list[tuple[str, str, str]]:
    """(key, English, Khmer) of each theme, in the catalog's order."""
    themes: dict[str, tuple[str, str, str]] = {}
    for rec in recommendations:
        key = rec.get("theme_key") or rec.get("theme")
        if key and key not in themes:
            themes[key] = (key, rec.get("theme") or key, rec.get("theme_km") or "")
    return list(themes.values())


class TemplateFormats:
    def __init__(self, workbook: Workbook) -> None:
        add = workbook.add_format
        border = {"border": 1, "border_color": "#A6A6A6"}
        self.title = add({"bold": True, "font_size": 16, "font_color": "#1F3864", "valign": "vcenter"})
        self.subtitle = add({"italic": True, "font_size": 9, "font_color": "#595959", "valign": "top",
                             "text_wrap": True})
        self.heading_font = add({"bold": True, "font_size": 12, "font_color": "#1F3864"})
        self.body_font = add({"font_size": 11})
        self.section = add({"text_wrap": True, "valign": "top", "top": 1, "top_color": "#1F3864"})
        self.list_title_font = add({"bold": True, "font_size": 10})
        self.list_font = add({"font_size": 10})
        self.list_block = add({"text_wrap": True, "valign": "top", "indent": 2})
        self.value_head = add({"bold": True, "text_wrap": True, "valign": "top", "font_size": 10, "indent": 2})
        self.label = add({"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#DCE6F1",
                          "font_size": 9, **border})
        self.key = add({"font_size": 8, "font_color": "#404040", "bg_color": "#BFBFBF", "valign": "vcenter",
                        **border})
        # Pre-filled cells, grey; each with a twin that keeps a leading = + - @ as text.
        self.prefilled = {}
        for key, size, bold in (("recommendation_code", 11, True), ("theme", 8, False), ("text", 10, False),
                                ("text_km", 11, False)):
            properties = {"text_wrap": True, "valign": "top", "bg_color": "#EDEDED", "font_size": size,
                          "bold": bold, **border}
            self.prefilled[key] = (add(properties), add({**properties, "quote_prefix": True}))
        self.fill = add({"text_wrap": True, "valign": "top", "locked": False, **border})
        self.fill_date = add({"num_format": "yyyy-mm-dd", "valign": "top", "locked": False, **border})
        self.fill_number = add({"num_format": "0", "valign": "top", "locked": False, **border})
        self.unlocked = add({"text_wrap": True, "valign": "top", "locked": False})
        self.manifest_key = add({"bold": True, "bg_color": "#DCE6F1"})


def _fill_format(formats: TemplateFormats, column: Column) -> Format:
    if column.kind == DATE:
        return formats.fill_date
    if column.kind == INT:
        return formats.fill_number
    return formats.fill


def _write(workbook: Workbook, reference: ReferenceLists, recommendations: list[dict[str, Any]],
           themes: list[tuple[str, str, str]], manifest: dict[str, Any]) -> None:
    workbook.set_properties({"title": "UPR consultation capture template", "author": "consultation-app",
                             "comments": f"{TEMPLATE_FORMAT_NAME} {TEMPLATE_FORMAT_VERSION}"})
    formats = TemplateFormats(workbook)
    ranges = list_ranges(reference, TEMPLATE_LISTS)
    if themes:
        letter = column_letter(len(TEMPLATE_LISTS) * 3)
        ranges[THEMES] = f"={LISTS}!${letter}$2:${letter}${len(themes) + 1}"
    footer = f"&L&8&A  ·  template {manifest['template_id'][:8]}&R&8Page &P of &N"

    write_instructions(workbook.add_worksheet(INSTRUCTIONS), formats, reference, manifest, footer)

    details = _table_sheet(workbook, formats, DETAILS, DETAILS_COLUMNS, 1, ranges, reference, footer)
    # On paper, one row of 22 boxes does not fit one page: who, where and when on the first
    # page, how many, consent and summary on the second, each box tall enough to write in.
    details.set_row(2, 220)  # on screen too: not taller than a window
    details.set_v_pagebreaks([DETAILS_PAGE_BREAK])
    details.fit_to_pages(2, 1)
    for index, column in enumerate(DETAILS_COLUMNS):
        details.write_blank(2, index, None, _fill_format(formats, column))
    details.protect("", _PROTECTION)

    rows = max(len(recommendations), 1)  # a table needs at least one data row
    feedback = _table_sheet(workbook, formats, FEEDBACK_SHEET, FEEDBACK_COLUMNS, rows, ranges, reference, footer)
    widths = {column.key: column.width for column in FEEDBACK_COLUMNS}
    for offset, rec in enumerate(recommendations):
        row = 2 + offset
        values = {"recommendation_code": rec.get("code"), "theme": rec.get("theme"), "text": rec.get("text"),
                  "text_km": rec.get("text_km")}
        for index, column in enumerate(FEEDBACK_COLUMNS):
            if column.key in PREFILLED:
                _write_text(feedback, row, index, values[column.key], *formats.prefilled[column.key])
            else:
                feedback.write_blank(row, index, None, _fill_format(formats, column))
        feedback.set_row(row, _feedback_row_height(values, widths))
    if not recommendations:
        for index, column in enumerate(FEEDBACK_COLUMNS):
            feedback.write_blank(2, index, None, _fill_format(formats, column))
        feedback.set_row(2, FILL_ROW_HEIGHT)
    feedback.protect("", _PROTECTION)

    notes = _table_sheet(workbook, formats, NOTES, NOTE_COLUMNS, NOTE_ROWS, ranges, reference, footer)
    for row in range(2, 2 + NOTE_ROWS):
        notes.set_row(row, 48)
        for index, column in enumerate(NOTE_COLUMNS):
            notes.write_blank(row, index, None, _fill_format(formats, column))
    notes.protect("", _PROTECTION)

    write_lists_sheet(workbook, reference, TEMPLATE_LISTS)
    lists = workbook.get_worksheet_by_name(LISTS)
    _write_themes(lists, themes, len(TEMPLATE_LISTS) * 3, workbook)
    lists.freeze_panes(1, 0)
    lists.set_landscape()
    lists.set_paper(9)
    lists.set_v_pagebreaks(list(range(6, len(TEMPLATE_LISTS) * 3 + 1, 6)))  # two lists a page
    lists.fit_to_pages(math.ceil((len(TEMPLATE_LISTS) + 1) / 2), 1)
    lists.repeat_rows(0)
    lists.set_footer(footer)
    lists.protect("", {"select_locked_cells": True, "select_unlocked_cells": True, "format_columns": True})

    _write_manifest(workbook.add_worksheet(MANIFEST), formats, manifest)
    workbook.get_worksheet_by_name(INSTRUCTIONS).activate()


_PROTECTION = {
    # The key rows and the grey cells stay as they are; everything a person may want to do
    # while filling in is allowed. No password: protection here prevents slips, not intent.
    "select_locked_cells": True, "select_unlocked_cells": True, "format_rows": True, "format_columns": True,
    "autofilter": True, "sort": False, "objects": True, "scenarios": True,
}


def _write_text(sheet: Worksheet, row: int, col: int, value: Any, cell_format: Format,
                quoted_format: Format) -> None:
    text = "" if value is None else str(value)
    if needs_cleaning(text):
        text = clean_text(text)
    if not text:
        sheet.write_blank(row, col, None, cell_format)
    elif text.startswith(FORMULA_TRIGGERS):  # kept as text by any spreadsheet that re-saves it
        sheet.write_string(row, col, text, quoted_format)
    else:
        sheet.write_string(row, col, text, cell_format)


def _table_sheet(workbook: Workbook, formats: TemplateFormats, name: str, columns: tuple[Column, ...], rows: int,
                 ranges: dict[str, str], reference: ReferenceLists, footer: str) -> Worksheet:
    """Label row, key row as a table's header, widths, print setup and validations."""
    sheet = workbook.add_worksheet(name)
    for index, column in enumerate(columns):
        unlocked = name == NOTES  # notes may go on below the table
        sheet.set_column(index, index, column.width, formats.unlocked if unlocked else None)
    labels = [f"{column.label_en}\n{column.label_km}" for column in columns]
    sheet.set_row(0, math.ceil(max(text_height(label, column.width, 9) for label, column in zip(labels, columns))))
    for index, label in enumerate(labels):
        sheet.write_string(0, index, label, formats.label)
    last_row = 1 + rows
    sheet.add_table(1, 0, last_row, len(columns) - 1, {
        "name": f"{name}_table", "style": "Table Style Light 1", "autofilter": name == FEEDBACK_SHEET,
        "banded_rows": False,
        "columns": [{"header": column.key, "header_format": formats.key} for column in columns]})
    sheet.set_row(1, 15)
    sheet.freeze_panes(2, 1 if name == FEEDBACK_SHEET else 0)
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.repeat_rows(0, 1)
    sheet.print_area(0, 0, last_row, len(columns) - 1)
    if name != DETAILS:  # the details sheet prints on two pages, see _write
        sheet.fit_to_pages(1, 0)
    sheet.set_margins(left=0.25, right=0.25, top=0.45, bottom=0.45)
    sheet.set_footer(footer)
    if name == FEEDBACK_SHEET:
        sheet.set_header("&L&9Province / ខេត្ត: ____________________     Date / កាលបរិច្ឆេទ: ______________"
                         "&R&9UPR capture template / ទម្រង់កត់ត្រា")
    for index, column in enumerate(columns):
        _validate(sheet, 2, last_row, index, column, ranges, reference)
    return sheet


def _validate(sheet: Worksheet, first: int, last: int, col: int, column: Column, ranges: dict[str, str],
              reference: ReferenceLists) -> None:
    title = column.label_en[:32]
    if column.kind == ENUM and column.reference in ranges:
        keys = reference.keys(column.reference) if column.reference != THEMES else ()
        shown = ", ".join(keys)
        message = (f"Allowed: {shown}" if keys and len(shown) <= 200 else
                   f"Allowed: the '{column.reference}' list on the '{LISTS}' sheet")
        sheet.data_validation(first, col, last, col, {
            "validate": "list", "source": ranges[column.reference],
            "input_title": title, "input_message": message,
            "error_title": title, "error_message": f"Choose one of the values of '{column.reference}' on the "
                                                   f"'{LISTS}' sheet."})
    elif column.kind == ENUM_LIST and column.reference in ranges:
        # Several keys separated by commas: the list helps, an unlisted entry only warns.
        sheet.data_validation(first, col, last, col, {
            "validate": "list", "source": ranges[column.reference], "error_type": "information",
            "input_title": title, "input_message": "One or more keys from the 'lists' sheet, separated by "
                                                   "commas (for example: km, bunong).",
            "error_title": title, "error_message": "Several languages: keys separated by commas."})
    elif column.kind == DATE:
        sheet.data_validation(first, col, last, col, {
            "validate": "date", "criteria": "between", "minimum": dt.date(2000, 1, 1),
            "maximum": dt.date(2100, 12, 31), "input_title": title, "input_message": "YYYY-MM-DD, e.g. 2025-03-14",
            "error_title": title, "error_message": "A date, written YYYY-MM-DD (for example 2025-03-14)."})
    elif column.kind == INT:
        sheet.data_validation(first, col, last, col, {
            "validate": "integer", "criteria": ">=", "value": 0,
            "error_title": title, "error_message": "A whole number of people, 0 or more. Count, never name."})


def _feedback_row_height(values: dict[str, Any], widths: dict[str, int]) -> float:
    """Tall enough for the longest pre-filled text, and never less than the room to write by hand."""
    needed = max(text_height(values.get(key) or "", widths[key], size)
                 for key, size in (("text", 10), ("text_km", 11), ("theme", 8)))
    return max(FILL_ROW_HEIGHT, math.ceil(needed))


def _write_themes(sheet: Worksheet, themes: list[tuple[str, str, str]], col: int, workbook: Workbook) -> None:
    bold = workbook.add_format({"bold": True})
    sheet.write_string(0, col, THEMES, bold)
    sheet.write_string(0, col + 1, "English", bold)
    sheet.write_string(0, col + 2, "ខ្មែរ", bold)
    sheet.set_column(col, col, 16)
    sheet.set_column(col + 1, col + 2, 40)
    for row, (key, english, khmer) in enumerate(themes, start=1):
        sheet.write_string(row, col, key)
        sheet.write_string(row, col + 1, english)
        sheet.write_string(row, col + 2, khmer)


def _write_manifest(sheet: Worksheet, formats: TemplateFormats, manifest: dict[str, Any]) -> None:
    sheet.set_column(0, 0, 22)
    sheet.set_column(1, 1, 60)
    sheet.write_string(0, 0, "key", formats.manifest_key)
    sheet.write_string(0, 1, "value", formats.manifest_key)
    for row, key in enumerate(MANIFEST_KEYS, start=1):
        value = manifest[key]
        sheet.write_string(row, 0, key)
        if isinstance(value, int) and not isinstance(value, bool):
            sheet.write_number(row, 1, value)
        else:
            sheet.write_string(row, 1, str(value))
    sheet.protect("", {"select_locked_cells": True, "select_unlocked_cells": True, "format_columns": True})
