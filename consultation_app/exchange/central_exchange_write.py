"""Writing the central exchange workbook (format: exchange/central_exchange.py)."""

from __future__ import annotations

import uuid as uuid_module
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from consultation_app import __version__
from consultation_app.domain import implementation_exchange as exchange_rules
from consultation_app.domain.implementation import status_label
from consultation_app.domain.records import utc_now
from consultation_app.errors import AppError
from consultation_app.exchange.central_exchange import (
    COVER_SHEET,
    INSTITUTION_COLUMNS,
    INSTITUTIONS_SHEET,
    MANIFEST_KEYS,
    MANIFEST_SHEET,
    REVISION_COLUMNS,
    REVISIONS_SHEET,
    content_sha256,
)
from consultation_app.exchange.files import atomic_output, open_workbook, scratch_job, workbook_target
from consultation_app.exchange.sheet_writer import DataSheet, Formats
from consultation_app.storage import (
    export_queries,
    implementation_revisions,
    implementation_store,
    keys_store,
    settings_store,
)
from consultation_app.storage.connection import local_anchor, open_source, source_label

if TYPE_CHECKING:
    from xlsxwriter.workbook import Workbook
    from xlsxwriter.worksheet import Worksheet


@dataclass
class ExchangeWritten:
    path: Path
    exchange_id: str
    revisions: int
    institutions: int
    records: int
    content_sha256: str


def write_central_exchange(database_path: Path | str, out: Path) -> ExchangeWritten:
    """Every implementation revision and institution this central copy holds, signed with its key."""
    out = workbook_target(out, "a central exchange file")
    with open_source(database_path) as db:
        private_key, public_key = keys_store.ensure_signing_key(db)
        with export_queries.snapshot(db):
            revisions = list(implementation_revisions.iter_all(db))
            institutions = implementation_store.list_institutions(db, include_retired=True)
            updated = implementation_revisions.institutions_by_key(db)
            institutions = [{**row, "updated_at": updated[row["key"]]["updated_at"]} for row in institutions]
            device_id = settings_store.get(db, settings_store.DEVICE_ID, "") or ""
            device_name = settings_store.get(db, settings_store.DEVICE_NAME, "") or ""
            officer = settings_store.get(db, settings_store.OFFICER_NAME, "") or ""
        if not device_id:
            raise AppError(f"{source_label(database_path)}: this installation has no device id yet (start the app "
                           f"or run consultation-app summary once); no file was written")
        manifest: dict[str, Any] = {
            "format": exchange_rules.FORMAT_NAME, "format_version": exchange_rules.FORMAT_VERSION,
            "exchange_id": str(uuid_module.uuid4()), "device_id": device_id, "device_name": device_name,
            "officer": officer, "created_at": utc_now(), "app_version": __version__,
            f"rows_{REVISIONS_SHEET}": len(revisions), f"rows_{INSTITUTIONS_SHEET}": len(institutions),
            "content_sha256": content_sha256(revisions, institutions), "public_key": public_key}
        manifest["signature"] = exchange_rules.sign(private_key, manifest)
        with scratch_job(local_anchor(database_path)) as job, atomic_output(out, job) as temporary:
            with open_workbook(temporary, constant_memory=True, scratch=job.folder) as workbook:
                _write(workbook, manifest, revisions, institutions)
    return ExchangeWritten(out, manifest["exchange_id"], len(revisions), len(institutions),
                           len({r["record_uuid"] for r in revisions}), manifest["content_sha256"])


def _write(workbook: Workbook, manifest: dict[str, Any], revisions: list[dict[str, Any]],
           institutions: list[dict[str, Any]]) -> None:
    workbook.set_properties({"title": "UPR implementation status: central exchange", "author": "consultation-app",
                             "comments": f"{exchange_rules.FORMAT_NAME} {exchange_rules.FORMAT_VERSION}"})
    formats = Formats(workbook)
    cover = workbook.add_worksheet(COVER_SHEET)
    sheet = DataSheet(workbook, formats, REVISIONS_SHEET, REVISION_COLUMNS, len(revisions), {}, 10)
    for revision in revisions:
        sheet.write_row({**revision, "status_label": status_label(revision.get("status"))})
    sheet = DataSheet(workbook, formats, INSTITUTIONS_SHEET, INSTITUTION_COLUMNS, len(institutions), {}, 5)
    for row in institutions:
        sheet.write_row(row)
    listing = workbook.add_worksheet(MANIFEST_SHEET)
    listing.set_column(0, 0, 26)
    listing.set_column(1, 1, 70)
    listing.write_string(0, 0, "key", formats.label)
    listing.write_string(0, 1, "value", formats.label)
    for line, key in enumerate(MANIFEST_KEYS, start=1):
        listing.write_string(line, 0, key)
        value = manifest[key]
        if isinstance(value, int):
            listing.write_number(line, 1, value)
        else:
            listing.write_string(line, 1, str(value))
    _write_cover(cover, formats, manifest)
    cover.activate()


def _write_cover(sheet: Worksheet, formats: Formats, manifest: dict[str, Any]) -> None:
    sheet.set_column(0, 0, 30)
    sheet.set_column(1, 1, 95)
    sheet.hide_gridlines(2)
    rows = [
        ("What this is\nនេះជាអ្វី",
         "The implementation status of UPR recommendations recorded by a central office copy of the app, with "
         "its whole history and the list of responsible institutions, for another central copy.\n"
         "ស្ថានភាពនៃការអនុវត្តអនុសាសន៍ UPR ដែលបានកត់ត្រាដោយការិយាល័យកណ្តាល ជាមួយប្រវត្តិទាំងមូល "
         "និងបញ្ជីស្ថាប័នទទួលខុសត្រូវ។"),
        ("Central copy\nច្បាប់ចម្លងកណ្តាល", str(manifest["device_name"] or manifest["device_id"])),
        ("Written at (UTC)\nសរសេរនៅ (UTC)", manifest["created_at"].replace("T", " ").rstrip("Z")),
        ("Revisions\nកំណែ", str(manifest[f"rows_{REVISIONS_SHEET}"])),
        ("Institutions\nស្ថាប័ន", str(manifest[f"rows_{INSTITUTIONS_SHEET}"])),
        ("What to do with it\nត្រូវធ្វើអ្វី",
         "Another central copy: consultation-app merge FILE. Merging it twice changes nothing. Do not edit it: it "
         "is signed, and an edited file is refused.\nច្បាប់ចម្លងកណ្តាលផ្សេង៖ consultation-app merge FILE។ "
         "សូមកុំកែ៖ ឯកសារដែលបានកែនឹងត្រូវបដិសេធ។"),
    ]
    sheet.write_string(0, 0, "UPR implementation status: central exchange", formats.title)
    for index, (label, value) in enumerate(rows, start=2):
        sheet.set_row(index, 48)
        sheet.write_string(index, 0, label, formats.heading)
        sheet.write_string(index, 1, value, formats.body)
