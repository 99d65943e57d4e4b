"""The data sheets' cells carry XlsxWriter's own escaping, byte for byte: DataSheet settles text
with nothing to escape by one search and a cell's style number without XlsxWriter's caught
TypeError (sheet_writer._escape_control_characters, _attribute_escaping), and must never write
a cell differently from XlsxWriter itself."""

from __future__ import annotations

import re
import zipfile

import xlsxwriter

from consultation_app.exchange.sheet_writer import DataSheet, Formats
from consultation_app.exchange.workbook_format import TEXT, Column

# What XlsxWriter escapes (its own "_xHHHH_" form, control characters, two non-characters) and
# what it leaves alone (tab, line feed, Khmer with its marks and zero-width space, look-alikes).
TEXTS = ["plain words", "a_x0041_b", "_x00FF_ at the start", "_X0041_ upper x", "_x00zz_ not hex", "bell\x07",
         "nul\x00", "vertical\x0btab", "form\x0cfeed", "carriage\rreturn", "unit\x1fsep", "tab\tand\nline",
         "non\ufffecharacter", "non\uffffcharacter", "ក្រុម\u200bប្រជាជន", "<&> \"quoted\"", " leading space",
         "escape _x005F_x0041_ twice"]
_CELL = re.compile(rb'<c r="A(\d+)"(.*?)</c>', re.S)
_TEXT = re.compile(rb'<is><t[^>]*>(.*?)</t></is>', re.S)


def _cells(book_path, sheet_number: int) -> dict[int, bytes]:
    """Row number -> the whole cell element of column A (its attributes and text), data rows."""
    with zipfile.ZipFile(book_path) as book:
        xml = book.read(f"xl/worksheets/sheet{sheet_number}.xml")
    return {int(row): cell for row, cell in _CELL.findall(xml) if int(row) > 2}


def test_data_sheet_text_cells_are_escaped_exactly_as_xlsxwriter_escapes_them(tmp_path):
    path = tmp_path / "escaping.xlsx"
    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_formulas": False,
                                              "strings_to_urls": False, "strings_to_numbers": False})
    data = DataSheet(workbook, Formats(workbook), "data", (Column("words", TEXT, "Words", "ពាក្យ", 30),),
                     len(TEXTS), {})
    plain = workbook.add_worksheet("plain")
    wrapped = workbook.add_format({"text_wrap": True})
    for row, text in enumerate(TEXTS, start=2):
        data.sheet.write_string(row, 0, text, wrapped)
        plain.write_string(row, 0, text, wrapped)
    workbook.close()
    ours, theirs = _cells(path, 1), _cells(path, 2)
    assert len(theirs) == len(TEXTS)
    assert ours == theirs
    # Compared for real: XlsxWriter escaped its own escape form, and every cell names its style.
    assert _TEXT.search(theirs[3 + TEXTS.index("a_x0041_b")]).group(1) == b"a_x005F_x0041_b"
    assert all(b' s="' in cell for cell in theirs.values())
