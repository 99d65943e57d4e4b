"""The ``consents`` sheet of an export (format 3): the consent records changed since the last
export, so the central office knows what each consultation's people agreed to, and any
withdrawal reaches it.

The sheet is outside the records' content checksum (older readers never look at it); its
digest, with the attachments sheet's, goes into the manifest as ``extras_sha256``, which the
signature covers from format 3 on (domain/signing.py). An export without the sheet (formats 1
and 2) merges as before, and the central office then reads each consultation's old one-field
policy conservatively (domain/consent.from_policy).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any, Iterable

from consultation_app.domain import consent as rules
from consultation_app.errors import reason, said
from consultation_app.exchange.sheet_writer import write_records_sheet
from consultation_app.exchange.workbook_reader import Problem, WorkbookError

CONSENTS = "consents"
# key, English label, Khmer label, width
COLUMNS = (
    ("consultation_uuid", "Consultation id", "លេខសម្គាល់ការពិគ្រោះយោបល់", 38),
    ("subject", "Quoted person (entry id)", "បុគ្គលដែលត្រូវបានដកស្រង់ (លេខសម្គាល់)", 38),
    ("given", "Consent given", "របៀបផ្តល់ការយល់ព្រម", 12),
    ("text_version", "Consent text version", "កំណែអត្ថបទការយល់ព្រម", 18),
    ("quotes", "Quotes", "សម្រង់សម្តី", 9),
    ("attribution", "Attribution", "ការបញ្ជាក់ប្រភព", 14),
    ("photos", "Photos", "រូបថត", 9),
    ("recordings", "Recordings", "ការថតសំឡេង", 11),
    ("visibility", "Who may see it", "អ្នកដែលអាចមើលបាន", 16),
    ("retain_until", "Keep until", "រក្សាទុករហូតដល់", 12),
    ("withdrawn", "Withdrawn", "បានដកការយល់ព្រមវិញ", 10),
    ("revision", "Revision", "កំណែ", 9),
    ("device_id", "Device id", "លេខសម្គាល់ឧបករណ៍", 38),
    ("updated_at", "Updated (UTC)", "កែប្រែនៅ (UTC)", 24),
)
KEYS = tuple(column[0] for column in COLUMNS)
FLAGS = ("quotes", "photos", "recordings", "withdrawn")
MAX_ROWS = 200_000  # a sheet claiming more is not an export of this app


def canonical(row: dict[str, Any]) -> dict[str, Any]:
    """The values the digest sees: the consent's fields as domain/consent.py reads them, the
    revision as a whole number, device and time as text."""
    consent = rules.parse(row).as_row()
    consent.update(revision=int(row.get("revision") or 1), device_id=str(row.get("device_id") or ""),
                   updated_at=str(row.get("updated_at") or ""))
    return consent


def section(rows: Iterable[dict[str, Any]]) -> str:
    """The text the extras digest sees of this sheet: ``#consents``, then the canonical rows as
    sorted compact JSON lines (independent of row order, cell types and styles)."""
    lines = sorted(json.dumps(canonical(row), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
                   for row in rows)
    return "#consents\n" + "".join(line + "\n" for line in lines)


def digest(rows: Iterable[dict[str, Any]]) -> str:
    """SHA-256 of ``section`` alone (what the attachments sheet's extras digest extends)."""
    return hashlib.sha256(section(rows).encode("utf-8")).hexdigest()


def write(workbook: Any, formats: Any, rows: list[dict[str, Any]]) -> None:
    """The sheet: English labels in row 1, machine keys in row 2, a row per consent from row 3.
    Every text is written as a string (never a formula)."""
    write_records_sheet(workbook, formats, CONSENTS, COLUMNS, rows, FLAGS, {"revision": 1})

def _cell(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def read(path: Path, grid: list[list[Any]] | None, manifest: dict[str, Any]) -> list[dict[str, Any]]:
    """The consent rows of a format-3 export, checked; WorkbookError naming sheet, row and column
    when the sheet is missing, holds a bad value, or its row count differs from the manifest's."""
    if grid is None:
        raise WorkbookError([Problem(path.name, CONSENTS, None, None, said("the sheet is missing", "sheet_missing"))])
    if len(grid) < 2 or [str(cell or "").strip() for cell in grid[1][:len(KEYS)]] != list(KEYS):
        raise WorkbookError([Problem(path.name, CONSENTS, 2, None,
                                     said(f"row 2 must hold the keys {', '.join(KEYS)} in that order",
                                          "keys_in_order", keys=", ".join(KEYS)))])
    body = [row for row in grid[2:] if any(cell not in (None, "") for cell in row)]
    if len(body) > MAX_ROWS:
        raise WorkbookError([Problem(path.name, CONSENTS, None, None,
                                     said(f"holds more than {MAX_ROWS:,} rows", "too_many_rows",
                                          rows=f"{MAX_ROWS:,}"))])
    rows, problems, seen = [], [], set()
    for offset, cells in enumerate(body):
        values = {key: _cell(cells[index]) if index < len(cells) else None for index, key in enumerate(KEYS)}
        try:
            row = canonical(values)
        except (rules.ConsentError, ValueError, TypeError) as error:
            problems.append(Problem(path.name, CONSENTS, offset + 3, None, reason(error)))
            continue
        key = (row["consultation_uuid"], row["subject"])
        if key in seen:
            problems.append(Problem(path.name, CONSENTS, offset + 3, "consultation_uuid",
                                    said("the same consultation and person appear twice", "consent_twice")))
        seen.add(key)
        rows.append(row)
    expected = manifest.get("rows_consents")
    if expected is not None and str(_cell(expected)).strip() != str(len(rows) + len(problems)):
        problems.insert(0, Problem(path.name, CONSENTS, None, None,
                                   said(f"holds {len(body)} rows but the manifest says {expected}", "row_count",
                                        rows=len(body), claimed=expected)))
    if problems:
        raise WorkbookError(problems)
    return rows
