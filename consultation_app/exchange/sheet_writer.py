"""Writing data sheets with XlsxWriter in constant-memory mode: a bilingual label row, the
ASCII key row as the header of an Excel table, frozen panes, widths, wrapped text, real
date cells, drop-downs for enumerations, and text that is never taken for a formula.

XlsxWriter refuses ``add_table`` in constant-memory mode only because a table writes its
header cells, which would land on rows already streamed to disk. We write the key row
ourselves and declare the table before any data row, with the flag lifted for that call.
The tests open the result with calamine, openpyxl and LibreOffice and find the tables.
"""

from __future__ import annotations

import datetime as dt
import inspect
import re
from typing import TYPE_CHECKING, Any, Callable

from xlsxwriter.utility import xl_range
from xlsxwriter.xmlwriter import XMLwriter

from consultation_app.domain.reference import ReferenceLists
from consultation_app.domain.text import clean_text, needs_cleaning, printable
from consultation_app.errors import InputError
from consultation_app.exchange.row_heights import text_height
from consultation_app.exchange.workbook_format import (
    BOOL,
    DATE,
    ENUM,
    FORMULA_TRIGGERS,
    INT,
    LISTS,
    TEXT,
    TIMESTAMP,
    Column,
)

if TYPE_CHECKING:
    from xlsxwriter.workbook import Workbook
    from xlsxwriter.worksheet import Worksheet

TEXT_KIND = "text-like"  # text, enumeration keys and timestamps are all written as strings


class Formats:
    def __init__(self, workbook: Workbook) -> None:
        self.label = workbook.add_format({"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#E8EEF4",
                                          "font_size": 9})
        self.wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
        self.top = workbook.add_format({"valign": "top"})
        self.wrap_quoted = workbook.add_format({"text_wrap": True, "valign": "top", "quote_prefix": True})
        self.quoted = workbook.add_format({"valign": "top", "quote_prefix": True})
        self.date = workbook.add_format({"num_format": "yyyy-mm-dd", "valign": "top"})
        self.title = workbook.add_format({"bold": True, "font_size": 14})
        self.heading = workbook.add_format({"bold": True, "font_size": 11, "text_wrap": True, "valign": "top"})
        self.body = workbook.add_format({"text_wrap": True, "valign": "top"})
        self.key = workbook.add_format({"font_color": "#555555", "valign": "top"})
        self.key_row = workbook.add_format({"font_color": "#666666", "font_size": 8, "valign": "top"})


def list_ranges(reference: ReferenceLists, names: list[str]) -> dict[str, str]:
    """Where write_lists_sheet puts each list's keys: the source of the drop-downs."""
    ranges = {}
    for index, name in enumerate(names):
        letter = _column_letter(index * 3)
        ranges[name] = f"={LISTS}!${letter}$2:${letter}${len(reference.items(name)) + 1}"
    return ranges


def write_lists_sheet(workbook: Workbook, reference: ReferenceLists, names: list[str]) -> None:
    """The allowed values of each enumeration, with their English and Khmer labels."""
    sheet = workbook.add_worksheet(LISTS)
    bold = workbook.add_format({"bold": True, "valign": "top"})
    wrap = workbook.add_format({"text_wrap": True, "valign": "top", "font_size": 9})
    for index, name in enumerate(names):
        col = index * 3
        sheet.write_string(0, col, name, bold)
        sheet.write_string(0, col + 1, "English", bold)
        sheet.write_string(0, col + 2, "ខ្មែរ", bold)
        sheet.set_column(col, col, 22)
        sheet.set_column(col + 1, col + 2, 24, wrap)
    width = max(len(reference.items(name)) for name in names)
    for row in range(width):
        for index, name in enumerate(names):
            items = reference.items(name)
            if row < len(items):
                sheet.write_string(row + 1, index * 3, items[row].key)
                sheet.write_string(row + 1, index * 3 + 1, items[row].en, wrap)
                sheet.write_string(row + 1, index * 3 + 2, items[row].km, wrap)
    # Printed on one page: landscape, all lists across, on however many pages down (one).
    sheet.set_landscape()
    sheet.set_paper(9)
    sheet.fit_to_pages(1, 1)
    sheet.set_margins(left=0.3, right=0.3, top=0.4, bottom=0.4)
    sheet.set_footer(f"&L{LISTS}&RPage &P of &N")


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def add_full_width_table(sheet: Worksheet, name: str, header_row: int, last_row: int, keys: list[str]) -> None:
    """An Excel table over ``keys`` from ``header_row`` to ``last_row``, in constant-memory mode.

    Declared over its header and first data row, then widened: add_table otherwise records
    every cell of its range to refuse overlaps later (a million dict entries and half a
    second for 50,000 rows), and there is only one table per sheet to overlap with.
    """
    sheet.constant_memory = False  # see the module docstring
    try:
        sheet.add_table(header_row, 0, header_row + 1, len(keys) - 1, {
            "name": name, "style": "Table Style Light 9", "columns": [{"header": key} for key in keys]})
    finally:
        sheet.constant_memory = True
    full = xl_range(header_row, 0, last_row, len(keys) - 1)
    table = sheet.tables[-1]
    table["range"] = table["a_range"] = table["autofilter"] = full


class DataSheet:
    """One data sheet; call ``write_row`` exactly ``row_count`` times."""

    def __init__(self, workbook: Workbook, formats: Formats, name: str, columns: tuple[Column, ...], row_count: int,
                 list_ranges: dict[str, str], printed_columns: int | None = None,
                 fold_machine_columns: bool = False) -> None:
        """``printed_columns``: how many columns, from the left, are for people (the print area);
        with ``fold_machine_columns`` the others (keys, ids) are an outline group, folded away:
        the + above them shows them."""
        self.sheet = workbook.add_worksheet(name)
        self.formats = formats
        self.columns = columns
        self.next_row = 2
        # Cell writers without XlsxWriter's wrapper that reads "A1"-style addresses (this code
        # passes row and column numbers): a tenth of an export's time went to it, 900,000 calls.
        self._write_string = _unwrapped(self.sheet, "write_string")
        self._write_number = _unwrapped(self.sheet, "write_number")
        # Every text cell passes XlsxWriter's control-character escaping: two substitutions, one
        # through Python (re._subx) and, once Qt is loaded (exchange/files.py), its import hook.
        # Text that holds nothing to escape is returned as it is after one search instead.
        self.sheet._escape_control_characters = _escape_control_characters
        # And every formatted cell's style number passed the attribute escaping, which finds an
        # int by catching a TypeError: numbers are returned as they are before that.
        self.sheet._escape_attributes = _attribute_escaping(self.sheet)
        self.wrapping = [(column.key, column.width * 1.15) for column in columns if column.wraps]
        # Khmer text over a line sized as Khmer (row_heights.text_height): taller rows, so a sheet
        # that asks for it (the master export's conflicts) prints on more pages than its rows of Latin
        self.khmer_lines = False
        # Per column, decided once: how to write it and with which formats.
        self._plan = [(index, column.key, TEXT_KIND if column.kind in (TEXT, ENUM, TIMESTAMP) else column.kind,
                       formats.wrap if column.wraps else None,
                       formats.wrap_quoted if column.wraps else formats.quoted)
                      for index, column in enumerate(columns)]
        printed_columns = printed_columns or len(columns)
        sheet = self.sheet
        folded = fold_machine_columns and printed_columns < len(columns)
        for index, column in enumerate(columns):
            options = {"level": 1, "hidden": True} if folded and index >= printed_columns else None
            sheet.set_column(index, index, column.width, formats.wrap if column.wraps else formats.top, options)
        if folded:
            sheet.set_column(len(columns), len(columns), None, None, {"collapsed": True})
            sheet.outline_settings(True, False, False, False)  # the + sits left of the folded columns
        sheet.set_row(0, 42)
        for index, column in enumerate(columns):
            sheet.write_string(0, index, f"{column.label_en}\n{column.label_km}", formats.label)
        last_row = 1 + max(row_count, 1)  # a table needs at least one data row
        add_full_width_table(sheet, f"{name}_table", 1, last_row, [column.key for column in columns])
        for index, column in enumerate(columns):
            sheet.write_string(1, index, column.key, formats.key_row)
        sheet.freeze_panes(2, 1)
        # Printed: landscape, the readable columns across one page, labels repeated on each.
        sheet.set_landscape()
        sheet.set_paper(9)  # A4
        sheet.repeat_rows(0, 1)
        sheet.print_area(0, 0, last_row, max(printed_columns, 1) - 1)
        sheet.fit_to_pages(1, 0)
        sheet.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.5)
        sheet.set_footer(f"&L{name}&RPage &P of &N")
        if row_count:
            for index, column in enumerate(columns):
                if column.kind == ENUM and column.reference in list_ranges:
                    sheet.data_validation(2, index, last_row, index, {
                        "validate": "list", "source": list_ranges[column.reference],
                        "error_title": column.label_en,
                        "error_message": f"Choose one of the values listed on the '{LISTS}' sheet."})
                elif column.kind == BOOL:
                    sheet.data_validation(2, index, last_row, index, {"validate": "list", "source": ["yes", "no"]})

    def _row_height(self, values: dict[str, Any]) -> float | None:
        """Spreadsheets do not re-fit row heights when they open a file: estimate the lines."""
        lines, khmer_height = 1, 0.0
        for key, per_line in self.wrapping:
            text = values.get(key)
            if text:
                if self.khmer_lines and isinstance(text, str) and any("\u1780" <= char <= "\u17ff" for char in text):
                    # Khmer lines are taller (marks above, subscripts below) and count otherwise
                    khmer_height = max(khmer_height, text_height(text, per_line / 1.15))
                    continue
                if "\n" in text:
                    count = sum(1 + int(len(part) / per_line) for part in text.split("\n"))
                else:
                    count = 1 + int(len(text) / per_line)
                if count > lines:
                    lines = count
        height = max(15.0 * lines if lines > 1 else 0.0, khmer_height if khmer_height > 23.0 else 0.0)  # past one line
        return min(height, 409.0) if height else None

    def write_row(self, values: dict[str, Any]) -> None:
        """Write one record; text it had to clean is put back into ``values``."""
        sheet, row = self.sheet, self.next_row
        height = self._row_height(values)
        if height:
            sheet.set_row(row, height)
        write_string, write_number = self._write_string, self._write_number
        for index, key, kind, text_format, quoted_format in self._plan:
            value = values.get(key)
            if kind is TEXT_KIND:
                if not value:
                    continue
                text = value if type(value) is str else str(value)
                # The store never holds XML-illegal characters; a file must not depend on that.
                # isprintable() is a fast C check that passes nearly all text straight through.
                if not text.isprintable() and needs_cleaning(text):
                    text = values[key] = clean_text(text)  # the checksum, taken after, sees what is written
            elif kind == BOOL:
                write_string(row, index, "yes" if value else "no")  # reads alike in any spreadsheet
                continue
            elif not value and value != 0:
                continue
            elif kind == INT:
                write_number(row, index, int(value))
                continue
            elif kind == DATE:
                sheet.write_datetime(row, index, _stored_date(value, key, values), self.formats.date)
                continue
            else:
                text = ", ".join(value)  # a list of enumeration keys: plain ASCII
            # A cell's own format, not the column's, decides wrapping when a file is opened.
            if text.startswith(FORMULA_TRIGGERS):
                write_string(row, index, text, quoted_format)
            else:
                write_string(row, index, text, text_format)
        self.next_row += 1


def print_records_sheet(sheet: Worksheet, name: str, columns: int, rows: int) -> None:
    """Page setup for a small record sheet (consents, attachments): landscape A4, one page wide,
    the two header rows on every page; without it a spreadsheet prints each column alone."""
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.repeat_rows(0, 1)
    sheet.print_area(0, 0, max(rows + 1, 1), max(columns, 1) - 1)
    sheet.fit_to_pages(1, 0)
    sheet.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.5)
    sheet.set_footer(f"&L{name}&RPage &P of &N")


def write_records_sheet(workbook: Workbook, formats: Formats, name: str,
                        columns: tuple[tuple[str, str, str, int], ...], rows: list[dict[str, Any]],
                        flags: tuple[str, ...], numbers: dict[str, int]) -> None:
    """A small record sheet (consents, attachments): bilingual labels in row 1, machine keys in
    row 2, a row per record from row 3. ``flags`` are written as booleans, ``numbers`` as whole
    numbers (an empty one as its default); every other value as a string, never a formula."""
    sheet = workbook.add_worksheet(name)
    print_records_sheet(sheet, name, len(columns), len(rows))
    for index, (key, label_en, label_km, width) in enumerate(columns):
        sheet.set_column(index, index, width)
        sheet.write_string(0, index, f"{label_en} / {label_km}", formats.label)
        sheet.write_string(1, index, key)
    for row_index, row in enumerate(rows, start=2):
        for index, (key, *_) in enumerate(columns):
            value = row.get(key)
            if key in flags:
                sheet.write_boolean(row_index, index, bool(value))
            elif key in numbers:
                sheet.write_number(row_index, index, int(value or numbers[key]))
            else:
                sheet.write_string(row_index, index, "" if value is None else str(value))


def _stored_date(value: Any, key: str, values: dict[str, Any]) -> dt.date:
    """A stored date as a date. The app saves only real dates; a database restored from a
    crafted backup may hold anything, which stops the file with the record named rather than
    with an internal error."""
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        record = printable(values.get("uuid") or "?")
        raise InputError(
            f"record {record}: {key} {printable(repr(str(value))[:40])} is not a date (YYYY-MM-DD); "
            "correct it in the app, then export again; no file was written") from None


# What XlsxWriter's XMLwriter._escape_control_characters changes: its "_xHHHH_" escapes (which
# it escapes again), control characters other than tab and line feed, and two non-characters.
_TO_ESCAPE = re.compile(r"_x[0-9a-fA-F]{4}_|[\x00-\x08\x0b-\x1f\ufffe\uffff]")


def _escape_control_characters(data: Any) -> Any:
    """XlsxWriter's escaping of a cell's text, unchanged; text with nothing to escape (nearly
    all of it) is settled by one search in C."""
    if type(data) is str and _TO_ESCAPE.search(data) is None:
        return data
    return XMLwriter._escape_control_characters(data)


def _attribute_escaping(sheet: Worksheet) -> Callable[[Any], Any]:
    """XlsxWriter's escaping of an attribute's value, unchanged; a number (a cell's style
    index, the same on every cell) is returned at once, without raising and catching an error."""
    escape = sheet._escape_attributes

    def escape_attribute(attribute: Any) -> Any:
        return attribute if type(attribute) is int else escape(attribute)
    return escape_attribute


def _unwrapped(sheet: Worksheet, name: str) -> Callable[..., Any]:
    """The worksheet method ``name`` without the decorators ``functools.wraps`` records (the
    method itself where there are none), bound to ``sheet``."""
    return inspect.unwrap(getattr(type(sheet), name)).__get__(sheet)
