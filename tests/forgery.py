"""An attacker's tools against signed exports, built from the app's own code: edit cells as in
a spreadsheet, then recompute the checksum and sign the manifest again, with a fresh key of
their own or (a stolen or cloned laptop) with a device's real key."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from consultation_app.domain import signing
from consultation_app.domain.reference import default_reference
from consultation_app.exchange.workbook_format import MANIFEST
from consultation_app.exchange.workbook_reader import read_export
from tests.conftest import edit_copy

REFERENCE = default_reference()


def sheet_keys(book, sheet: str) -> list[str]:
    return [cell.value for cell in book[sheet][2]]


def row_of(book, sheet: str, uuid: str) -> int:
    ws = book[sheet]
    column = sheet_keys(book, sheet).index("uuid") + 1
    for row in range(3, ws.max_row + 1):
        if ws.cell(row, column).value == uuid:
            return row
    raise KeyError(uuid)


def set_cells(sheet: str, uuid: str, values: dict[str, Any]) -> Callable:
    """A change: the cells of one record's row set to ``values`` (by machine key)."""
    def change(book):
        keys, row = sheet_keys(book, sheet), row_of(book, sheet, uuid)
        for key, value in values.items():
            book[sheet].cell(row, keys.index(key) + 1).value = value
    return change


def add_row(sheet: str, values: dict[str, Any]) -> Callable:
    """A change: one more data row, copied from the first and overwritten with ``values``."""
    def change(book):
        ws, keys = book[sheet], sheet_keys(book, sheet)
        source = [ws.cell(3, column + 1).value for column in range(len(keys))]
        row = ws.max_row + 1
        for column, value in enumerate(source):
            ws.cell(row, column + 1).value = values.get(keys[column], value)
    return change


def _set_manifest(values: dict[str, Any]) -> Callable:
    def change(book):
        for row in book[MANIFEST].iter_rows():
            if row[0].value in values:
                row[1].value = values[row[0].value]
    return change


def resign(source: Path, target: Path, private_key: bytes, *changes: Callable, **manifest: Any) -> Path:
    """A copy of an export with ``changes`` made to its cells and ``manifest`` fields set, whose
    checksum is recomputed and whose manifest is signed again with ``private_key`` (its public
    key written beside): a file that passes the checksum and the signature check."""
    edited = edit_copy(source, target, lambda book: [change(book) for change in changes])
    values = {**manifest, "public_key": signing.public_key_b64(private_key)}
    edit_copy(edited, target, _set_manifest(values))
    package = read_export(target, REFERENCE)
    fields = {**package.manifest, "content_sha256": package.computed_sha256}
    return edit_copy(target, target, _set_manifest({"content_sha256": package.computed_sha256,
                                                    "signature": signing.sign(private_key, fields)}))
