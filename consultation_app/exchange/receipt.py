"""Merge receipts: the central office tells one field laptop what it holds of that laptop's
work, so the laptop knows which changes are safe elsewhere and which exist only on it.

Central side, ``write_receipt``: for one device, every record it made that the central
database holds (tombstones too), each with the highest revision held, plus the device's
exports received (id, number, when merged).

Field side, ``import_receipt``: checks the receipt is intact and is for this laptop, then
records per record the revision confirmed (never lowering one already confirmed). The
same receipt twice changes nothing; an older receipt after a newer one changes nothing.
``receipt_queries.unconfirmed_changes`` then counts what the central office has not
confirmed: every edit after a receipt counts again until the next one.

Why JSON and not a workbook: a receipt is for the machine, not for people, and its values
must come back exactly as written (uuids, whole numbers), with nothing a spreadsheet's
re-save could change; it carries a checksum so a damaged or edited file is refused; and
the merge scans folders for .xlsx/.xlsm/.xls files, so a receipt left on the USB stick
among the exports is never mistaken for one. It stays small (about 60 bytes a record).
"""

from __future__ import annotations

import hashlib
import json
import uuid as uuid_module
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from consultation_app import __version__
from consultation_app.domain.records import utc_now
from consultation_app.errors import AppError, InputError
from consultation_app.exchange.files import atomic_output
from consultation_app.storage import export_queries, receipt_queries, settings_store
from consultation_app.storage.connection import open_database, open_source
from consultation_app.targets import check_output_file

RECEIPT_FORMAT = "upr-merge-receipt"
RECEIPT_FORMAT_VERSION = 1
MAX_RECEIPT_BYTES = 100 * 1024 * 1024
_REQUIRED = ("receipt_id", "device_id", "central_generated_at", "exports", "records", "sha256")


@dataclass
class ReceiptResult:
    path: Path
    receipt_id: str
    device_id: str
    device_name: str
    generated_at: str
    records: dict[str, int]  # per table: records confirmed
    export_seqs: list[int]


@dataclass
class ReceiptImportResult:
    receipt_id: str
    device_id: str
    central_generated_at: str
    already_imported: bool
    records_in_receipt: int
    advanced: int  # records whose confirmed revision went up with this receipt
    unconfirmed_changes: int  # after the import
    exports_received: list[int] = field(default_factory=list)
    exports_not_received: list[int] = field(default_factory=list)  # this laptop's, not in the receipt

    @property
    def message(self) -> str:
        if self.already_imported:
            head = "this receipt was imported before; nothing changed"
        else:
            head = f"the central office confirmed {self.records_in_receipt} record(s)"
        text = f"{head}; {self.unconfirmed_changes} change(s) on this laptop not yet confirmed"
        if self.exports_not_received:
            text += f"; export(s) {', '.join(map(str, self.exports_not_received))} not received there yet"
        return text


def _checksum(payload: dict[str, Any]) -> str:
    body = {key: value for key, value in payload.items() if key != "sha256"}
    blob = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


# -- central side ------------------------------------------------------------------------------
def write_receipt(database_path: Path | str, device_id: str, out: Path) -> ReceiptResult:
    out = Path(out)
    if out.suffix.lower() != ".json":
        raise AppError(f"{out}: a merge receipt is a .json file; give the file name a .json ending")
    check_output_file(out)  # a plain file or nothing: never a link, device, pipe or folder
    db = open_source(database_path)  # the data folder's file, or the central office's server
    try:
        with export_queries.snapshot(db):  # records and exports as of one moment
            device = receipt_queries.central_device(db, device_id)
            if device is None:
                raise AppError(f"no export from device {device_id} has been merged here; there is nothing to "
                               f"confirm to it")
            records = {table: [[uuid, revision] for uuid, revision in receipt_queries.device_records(db, table,
                                                                                                      device_id)]
                       for table in receipt_queries.RECORD_TABLES}
            exports = receipt_queries.device_exports(db, device_id)
            generated_at = utc_now()
    finally:
        db.close()
    payload = {
        "format": RECEIPT_FORMAT, "format_version": RECEIPT_FORMAT_VERSION,
        "receipt_id": str(uuid_module.uuid4()), "device_id": device_id, "device_name": device["device_name"],
        "central_generated_at": generated_at, "app_version": __version__,
        "exports": [{"export_id": e["export_id"], "export_seq": e["export_seq"], "merged_at": e["merged_at"],
                     "file_name": e["file_name"], "modified": bool(e["modified"])} for e in exports],
        "records": records,
    }
    payload["sha256"] = _checksum(payload)
    with atomic_output(out) as temporary:
        text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
        temporary.write_text(text + "\n", encoding="utf-8")
    return ReceiptResult(out, payload["receipt_id"], device_id, device["device_name"], generated_at,
                         {table: len(rows) for table, rows in records.items()},
                         [e["export_seq"] for e in exports if e["export_seq"] is not None])


# -- field side --------------------------------------------------------------------------------
def read_receipt(path: Path) -> dict[str, Any]:
    """The receipt's content, checked: format, version, fields and checksum."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_RECEIPT_BYTES:
            raise InputError(f"{path.name}: too large to be a merge receipt").keyed("receipt_too_large",
                                                                                    file=path.name)
        payload = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"{path}: no such file").keyed("file_missing", file=path) from None
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise InputError(f"{path.name}: not a merge receipt, or damaged (it is not readable JSON)").keyed(
            "receipt_not_json", file=path.name) from None
    except OSError as error:
        raise InputError(f"{path}: cannot be read ({error.strerror or error})").keyed(
            "file_unreadable", file=path, error=error.strerror or error) from None
    if not isinstance(payload, dict) or payload.get("format") != RECEIPT_FORMAT:
        raise InputError(f"{path.name}: not a merge receipt of this app").keyed("receipt_not_receipt", file=path.name)
    if payload.get("format_version") != RECEIPT_FORMAT_VERSION:
        raise InputError(f"{path.name}: receipt version {payload.get('format_version')} is not one this app reads "
                         f"({RECEIPT_FORMAT_VERSION}); update the app").keyed(
            "receipt_version", file=path.name, found=payload.get("format_version"), readable=RECEIPT_FORMAT_VERSION)
    missing = [key for key in _REQUIRED if key not in payload]
    if missing:
        raise InputError(f"{path.name}: the receipt lacks {', '.join(missing)}").keyed("receipt_damaged",
                                                                                       file=path.name)
    if payload["sha256"] != _checksum(payload):
        raise InputError(f"{path.name}: the receipt was changed or damaged after the central office wrote it "
                         f"(its checksum does not match); ask for a new one").keyed("receipt_changed",
                                                                                    file=path.name)
    records = payload["records"]
    if not isinstance(records, dict) or set(records) - set(receipt_queries.RECORD_TABLES):
        raise InputError(f"{path.name}: the receipt's records are not in the expected form").keyed(
            "receipt_damaged", file=path.name)
    for table, rows in records.items():
        if not isinstance(rows, list) or not all(
                isinstance(row, list) and len(row) == 2 and isinstance(row[0], str) and isinstance(row[1], int)
                and not isinstance(row[1], bool) and row[1] >= 1 for row in rows):
            raise InputError(f"{path.name}: the receipt's {table} are not in the expected form").keyed(
                "receipt_damaged", file=path.name)
    return payload


def import_receipt(database_path: Path, path: Path) -> ReceiptImportResult:
    payload = read_receipt(path)
    db = open_database(database_path)
    try:
        own_id = settings_store.get(db, settings_store.DEVICE_ID, "") or ""
        if payload["device_id"] != own_id:
            own_name = settings_store.get(db, settings_store.DEVICE_NAME, "") or ""
            raise InputError(
                f"{Path(path).name}: this receipt is for another device, {payload.get('device_name') or '?'} "
                f"({payload['device_id']}), not this laptop, {own_name or '?'} ({own_id}); nothing was recorded. "
                f"Give it to the laptop it names.").keyed(
                "receipt_other_device", file=Path(path).name, device=payload.get("device_name") or "?",
                device_id=payload["device_id"], own=own_name or "?", own_id=own_id)
        rows = [(table, uuid, revision) for table, pairs in payload["records"].items() for uuid, revision in pairs]
        advanced = receipt_queries.record_receipt(db, payload["receipt_id"], payload["central_generated_at"],
                                                  utc_now(), own_id, rows)
        received = sorted({e["export_seq"] for e in payload["exports"] if isinstance(e, dict)
                           and isinstance(e.get("export_seq"), int)})
        not_received = [seq for seq in receipt_queries.local_export_seqs(db) if seq not in set(received)]
        return ReceiptImportResult(
            payload["receipt_id"], own_id, payload["central_generated_at"], advanced is None, len(rows),
            advanced or 0, receipt_queries.unconfirmed_changes(db), received, not_received)
    finally:
        db.close()
