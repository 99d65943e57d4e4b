"""The ``attachments`` sheet of an export (format 3): the attachments this export sends (or
whose wiping it reports), one row each with its SHA-256. The bytes travel in the companion
archive (exchange/attachment_archive.py), each member named by its hash and checked against
this signed list. ``extras_digest`` covers this sheet and the consents sheet; the manifest's
``extras_sha256`` holds it and the signature covers it."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any, Iterable

from consultation_app.domain import attachments as rules
from consultation_app.errors import reason, said
from consultation_app.exchange import consent_sheet
from consultation_app.exchange.sheet_writer import write_records_sheet
from consultation_app.exchange.workbook_reader import Problem, WorkbookError

ATTACHMENTS = "attachments"
COLUMNS = (
    ("file_name", "File name", "ឈ្មោះឯកសារ", 30),
    ("kind", "Kind", "ប្រភេទ", 12),
    ("caption", "Caption", "ចំណងជើងរូប", 30),
    ("sensitive", "Sensitive", "រសើប", 10),
    ("size", "Size (bytes)", "ទំហំ (បៃ)", 12),
    ("media_type", "Media type", "ប្រភេទឯកសារ", 14),
    ("sha256", "SHA-256", "SHA-256", 66),
    ("consultation_uuid", "Consultation id", "លេខសម្គាល់ការពិគ្រោះយោបល់", 38),
    ("uuid", "Attachment id", "លេខសម្គាល់ឯកសារភ្ជាប់", 38),
    ("deleted", "Wiped", "បានលុប", 9),
    ("revision", "Revision", "កំណែ", 9),
    ("device_id", "Device id", "លេខសម្គាល់ឧបករណ៍", 38),
    ("created_at", "Added (UTC)", "បានបន្ថែមនៅ (UTC)", 24),
    ("updated_at", "Updated (UTC)", "កែប្រែនៅ (UTC)", 24),
)
KEYS = tuple(column[0] for column in COLUMNS)
_HEX64 = re.compile(r"[0-9a-f]{64}")
MAX_ROWS = 100_000


def canonical(row: dict[str, Any]) -> dict[str, Any]:
    """One row checked and in canonical form; ValueError names what is wrong."""
    uuid = str(row.get("uuid") or "").strip()
    if not uuid or len(uuid) > 64:
        raise ValueError(said("uuid is missing or too long", "uuid_missing"))
    consultation = str(row.get("consultation_uuid") or "").strip()
    if not consultation or len(consultation) > 64:
        raise ValueError(said("consultation_uuid is missing or too long", "consultation_uuid_missing"))
    deleted = _flag("deleted", row.get("deleted"))
    media_type = str(row.get("media_type") or "")
    if media_type not in rules.MEDIA:
        raise ValueError(said(f"media_type {media_type[:40]!r} is not one this app keeps", "media_type_unknown",
                              media_type=repr(media_type[:40])))
    try:
        kind = rules.check_kind(str(row.get("kind") or ""))
        file_name = "" if deleted and not row.get("file_name") else rules.check_name(str(row.get("file_name") or ""))
        caption = rules.check_caption(str(row.get("caption") or ""))
    except rules.AttachmentError as error:
        raise ValueError(*error.args) from None
    size = _whole("size", row.get("size"))
    if size > rules.MAX_BYTES[rules.MEDIA[media_type][0]]:
        raise ValueError(said(f"size {size:,} is over the limit for {media_type}", "size_over_limit",
                              size=f"{size:,}", media_type=media_type))
    sha256 = str(row.get("sha256") or "").strip().lower()
    if not _HEX64.fullmatch(sha256):
        raise ValueError(said("sha256 is not 64 hexadecimal digits", "sha256_malformed"))
    return {"uuid": uuid, "consultation_uuid": consultation, "kind": kind, "file_name": file_name,
            "media_type": media_type, "size": size, "sha256": sha256, "caption": caption,
            "sensitive": _flag("sensitive", row.get("sensitive")), "deleted": deleted,
            "revision": max(1, _whole("revision", row.get("revision") or 1)),
            "device_id": str(row.get("device_id") or "")[:64], "created_at": str(row.get("created_at") or "")[:40],
            "updated_at": str(row.get("updated_at") or "")[:40]}


def _flag(name: str, value: Any) -> bool:
    if isinstance(value, str):
        if value.strip().lower() in ("1", "true", "yes"):
            return True
        if value.strip().lower() in ("", "0", "false", "no"):
            return False
        raise ValueError(said(f"{name} must be yes or no", "must_be_yes_no", name=name))
    return bool(value)


def _whole(name: str, value: Any) -> int:
    if isinstance(value, bool):
        raise ValueError(said(f"{name} must be a whole number", "must_be_whole", name=name))
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValueError(said(f"{name} must be a whole number", "must_be_whole", name=name)) from None
    if not number.is_integer() or number < 0 or number > 2 ** 53:
        raise ValueError(said(f"{name} must be a whole number", "must_be_whole", name=name))
    return int(number)


def extras_digest(consents: Iterable[dict[str, Any]], attachments: Iterable[dict[str, Any]]) -> str:
    """SHA-256 over the consents section (consent_sheet) then ``#attachments`` and one sorted
    compact JSON line per attachment row."""
    lines = sorted(json.dumps(canonical(row), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
                   for row in attachments)
    text = consent_sheet.section(consents) + "#attachments\n" + "".join(line + "\n" for line in lines)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def write(workbook: Any, formats: Any, rows: list[dict[str, Any]], name: str = ATTACHMENTS) -> None:
    write_records_sheet(workbook, formats, name, COLUMNS, rows, ("sensitive", "deleted"), {"size": 0, "revision": 0})

def read(path: Path, grid: list[list[Any]] | None, manifest: dict[str, Any]) -> list[dict[str, Any]]:
    """The listed attachments, checked; an absent sheet lists none (the extras digest then
    tells whether rows were taken away)."""
    if grid is None:
        return []
    if len(grid) < 2 or [str(cell or "").strip() for cell in grid[1][:len(KEYS)]] != list(KEYS):
        raise WorkbookError([Problem(path.name, ATTACHMENTS, 2, None,
                                     said(f"row 2 must hold the keys {', '.join(KEYS)} in that order",
                                          "keys_in_order", keys=", ".join(KEYS)))])
    body = [row for row in grid[2:] if any(cell not in (None, "") for cell in row)]
    if len(body) > MAX_ROWS:
        raise WorkbookError([Problem(path.name, ATTACHMENTS, None, None,
                                     said(f"holds more than {MAX_ROWS:,} rows", "too_many_rows",
                                          rows=f"{MAX_ROWS:,}"))])
    rows, problems, seen = [], [], set()
    for offset, cells in enumerate(body):
        values = {key: cells[index] if index < len(cells) else None for index, key in enumerate(KEYS)}
        try:
            row = canonical(values)
        except ValueError as error:
            problems.append(Problem(path.name, ATTACHMENTS, offset + 3, None, reason(error)))
            continue
        if row["uuid"] in seen:
            problems.append(Problem(path.name, ATTACHMENTS, offset + 3, "uuid",
                                    said("appears twice", "cell_appears_twice")))
        seen.add(row["uuid"])
        rows.append(row)
    expected = manifest.get("rows_attachments")
    if expected is not None and str(int(float(expected)) if isinstance(expected, (int, float)) else expected).strip() \
            != str(len(body)):
        problems.insert(0, Problem(path.name, ATTACHMENTS, None, None,
                                   said(f"holds {len(body)} rows but the manifest says {expected}", "row_count",
                                        rows=len(body), claimed=expected)))
    if problems:
        raise WorkbookError(problems)
    return rows


def write_attachment_list(workbook: Any, formats: Any, db: Any) -> int:
    """The master export's ``attachments`` sheet: every attachment held (file name, hash, kind,
    consultation...), wiped ones left out. Returns the row count."""
    from consultation_app.storage import attachment_store

    rows = attachment_store.listing(db)
    write(workbook, formats, rows)
    return len(rows)
