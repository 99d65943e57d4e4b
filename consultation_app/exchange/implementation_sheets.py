"""The master workbook's implementation sheets: ``implementation`` (one row per recommendation
with a record: status, measures, institutions, indicator, who changed it last and when, with
the record's ids and revision so another central copy can be compared) and ``institutions``
(the office's list, with Khmer names)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from consultation_app.domain.implementation import status_label
from consultation_app.exchange.sheet_writer import DataSheet, Formats
from consultation_app.exchange.workbook_format import DATE, ENUM_LIST, INT, TEXT, TIMESTAMP, Column
from consultation_app.storage import implementation_store

if TYPE_CHECKING:
    from xlsxwriter.workbook import Workbook

    from consultation_app.storage.store import Store

IMPLEMENTATION_SHEET, INSTITUTIONS_SHEET = "implementation", "institutions"

IMPLEMENTATION_COLUMNS = (
    Column("catalog_id", TEXT, "Catalog", "បញ្ជីអនុសាសន៍", 14),
    Column("recommendation_code", TEXT, "Code", "លេខកូដ", 12),
    Column("status_label", TEXT, "Status", "ស្ថានភាព", 16),
    Column("measures", TEXT, "Measures taken", "វិធានការដែលបានអនុវត្ត", 50),
    Column("institutions", ENUM_LIST, "Responsible institutions (keys)", "ស្ថាប័នទទួលខុសត្រូវ", 26),
    Column("indicator", TEXT, "Indicator", "សូចនាករ", 30),
    Column("indicator_due", DATE, "Due", "កាលកំណត់", 12),
    Column("officer", TEXT, "Last changed by", "កែចុងក្រោយដោយ", 18),
    Column("updated_at", TIMESTAMP, "Last changed (UTC)", "កែចុងក្រោយ (UTC)", 24),
    Column("status", TEXT, "Status key", "កូដស្ថានភាព", 14),
    Column("revision", INT, "Revision", "កំណែ", 9),
    Column("uuid", TEXT, "Record id", "លេខសម្គាល់កំណត់ត្រា", 38),
    Column("device_id", TEXT, "Device id", "លេខសម្គាល់ឧបករណ៍", 38),
    Column("content_hash", TEXT, "Content hash", "Hash", 20),
)
INSTITUTION_COLUMNS = (
    Column("key", TEXT, "Key", "កូដ", 18),
    Column("name", TEXT, "Name", "ឈ្មោះ", 40),
    Column("name_km", TEXT, "Name in Khmer", "ឈ្មោះជាភាសាខ្មែរ", 40),
    Column("kind", TEXT, "Kind", "ប្រភេទ", 14),
    Column("retired", INT, "Retired (1)", "លែងប្រើ", 9),
)


def write_implementation_sheets(workbook: Workbook, formats: Formats, db: Store) -> dict[str, int]:
    count = implementation_store.count_live(db)
    sheet = DataSheet(workbook, formats, IMPLEMENTATION_SHEET, IMPLEMENTATION_COLUMNS, count, {}, 9)
    written = 0
    for row in implementation_store.iter_live(db):
        sheet.write_row({**row, "status_label": status_label(row["status"])})
        written += 1
    institutions = implementation_store.list_institutions(db, include_retired=True)
    sheet = DataSheet(workbook, formats, INSTITUTIONS_SHEET, INSTITUTION_COLUMNS, len(institutions), {}, 5)
    for row in institutions:
        sheet.write_row(row)
    return {IMPLEMENTATION_SHEET: written, INSTITUTIONS_SHEET: len(institutions)}
