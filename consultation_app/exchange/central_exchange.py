"""The central exchange workbook (``upr-central-exchange``, version 1; docs/workbook-format.md):
what one central copy tells another about implementation, signed with the sending copy's key.

Sheets: ``cover`` (for people), ``implementation_revisions`` (every revision of every
implementation record the copy holds, its own and those merged from others, each with its id,
origin and parents: the whole history), ``institutions`` (the whole list, retired ones too)
and ``manifest`` (who, when, the checksum over both data sheets' values, the public key and
the signature; domain/implementation_exchange.py). It is merged by ``consultation-app merge``
like a field export (exchange/central_merge.py); central_exchange_write.py writes it.

This module needs no database: it runs in the merge's reader processes. Every row is
checked on its own (its id against its values, its record id against its catalog and code,
its status, keys and dates), and every problem names the file, sheet, row and column.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from consultation_app.domain import implementation_exchange as exchange_rules
from consultation_app.domain.implementation import (
    INSTITUTION_KEY,
    INSTITUTION_KINDS,
    MAX_SHORT_TEXT,
    STATUSES,
    record_uuid,
)
from consultation_app.errors import said
from consultation_app.exchange.workbook_format import BOOL, DATE, ENUM_LIST, INT, TEXT, TIMESTAMP, Column
from consultation_app.exchange.workbook_reader import (
    Problem,
    WorkbookError,
    _filled_rows,
    _sheet_rows,
    column_letter,
    read_rows,
)

if TYPE_CHECKING:
    from python_calamine import CalamineWorkbook

REVISIONS_SHEET, INSTITUTIONS_SHEET, MANIFEST_SHEET, COVER_SHEET = (
    "implementation_revisions", "institutions", "manifest", "cover")
# Sheets a field export must never carry (exchange/workbook_reader.py refuses them there).
REVISION_CHANGED = "does not match the revision's values: they were changed after the file was written"
IMPLEMENTATION_SHEETS = (REVISIONS_SHEET, INSTITUTIONS_SHEET, "implementation")

REVISION_COLUMNS = (
    Column("catalog_id", TEXT, "Catalog", "បញ្ជីអនុសាសន៍", 14),
    Column("recommendation_code", TEXT, "Code", "លេខកូដ", 12),
    Column("seq", INT, "Revision", "កំណែ", 9),
    Column("status_label", TEXT, "Status", "ស្ថានភាព", 16),
    Column("measures", TEXT, "Measures taken", "វិធានការដែលបានអនុវត្ត", 50),
    Column("institutions", ENUM_LIST, "Responsible institutions (keys)", "ស្ថាប័នទទួលខុសត្រូវ", 26),
    Column("indicator", TEXT, "Indicator", "សូចនាករ", 30),
    Column("indicator_due", DATE, "Due", "កាលកំណត់", 12),
    Column("officer", TEXT, "Changed by", "កែដោយ", 18),
    Column("changed_at", TIMESTAMP, "Changed (UTC)", "កែនៅ (UTC)", 24),
    Column("status", TEXT, "Status key", "កូដស្ថានភាព", 14),
    Column("deleted", BOOL, "Deleted", "បានលុប", 9),
    Column("origin", TEXT, "Made by central copy (device id)", "ធ្វើដោយ (លេខសម្គាល់ឧបករណ៍)", 38),
    Column("parents", ENUM_LIST, "Based on revision(s)", "ផ្អែកលើកំណែ", 40),
    Column("revision_id", TEXT, "Revision id", "លេខសម្គាល់កំណែ", 40),
    Column("record_uuid", TEXT, "Record id", "លេខសម្គាល់កំណត់ត្រា", 38),
    Column("content_hash", TEXT, "Content hash", "Hash", 20),
)
INSTITUTION_COLUMNS = (
    Column("key", TEXT, "Key", "កូដ", 18),
    Column("name", TEXT, "Name", "ឈ្មោះ", 40),
    Column("name_km", TEXT, "Name in Khmer", "ឈ្មោះជាភាសាខ្មែរ", 40),
    Column("kind", TEXT, "Kind", "ប្រភេទ", 14),
    Column("retired", INT, "Retired (1)", "លែងប្រើ", 9),
    Column("updated_at", TIMESTAMP, "Changed (UTC)", "កែនៅ (UTC)", 24),
)
_HASHED = {REVISIONS_SHEET: tuple(c.key for c in REVISION_COLUMNS if c.key != "status_label"),
           INSTITUTIONS_SHEET: tuple(c.key for c in INSTITUTION_COLUMNS)}
MANIFEST_KEYS = ("format", "format_version", "exchange_id", "device_id", "device_name", "officer", "created_at",
                 "app_version", f"rows_{REVISIONS_SHEET}", f"rows_{INSTITUTIONS_SHEET}", "content_sha256",
                 "public_key", "signature")


def content_sha256(revisions: list[dict[str, Any]], institutions: list[dict[str, Any]]) -> str:
    """SHA-256 over both data sheets' canonical values: sheets in a fixed order, rows sorted by
    their line, each line the row's values as compact JSON with sorted keys."""
    digest = hashlib.sha256()
    for sheet, rows in ((REVISIONS_SHEET, revisions), (INSTITUTIONS_SHEET, institutions)):
        lines = sorted(json.dumps({key: _canonical(key, row.get(key)) for key in _HASHED[sheet]},
                                  sort_keys=True, ensure_ascii=False, separators=(",", ":")) for row in rows)
        digest.update("\n".join([f"#{sheet}", *lines, ""]).encode("utf-8"))
    return digest.hexdigest()


def _canonical(key: str, value: Any) -> Any:
    if key in ("institutions", "parents"):
        return sorted(value or ()) if key == "parents" else list(value or ())
    if key in ("seq", "retired"):
        return int(value or 0)
    if key == "deleted":
        return bool(value)
    if key in ("status", "indicator_due"):
        return value or None
    return "" if value is None else str(value)


# -- reading ----------------------------------------------------------------------------------------

@dataclass
class CentralPackage:
    """A central exchange file read and checked without the database (picklable)."""
    path: Path
    manifest: dict[str, Any]
    revisions: list[dict[str, Any]] = field(default_factory=list)
    institutions: list[dict[str, Any]] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)  # revision id -> its row in the sheet (for messages)
    computed_sha256: str = ""

    @property
    def checksum_matches(self) -> bool:
        return self.computed_sha256 == str(self.manifest.get("content_sha256") or "").strip().lower()

    def where(self, revision_id: str, column: str) -> str:
        """'file, sheet 'implementation_revisions', row N, column X (key)' of a revision's cell."""
        place = self.place(revision_id, column)
        return str(Problem(place["file"], place["sheet"], place["row"], place["column"], "x"))[:-3]

    def place(self, revision_id: str, column: str) -> dict[str, Any]:
        """The same place as parts (a message's ``where``, said in the interface language)."""
        position = next(i for i, c in enumerate(REVISION_COLUMNS) if c.key == column)
        return {"file": self.path.name, "sheet": REVISIONS_SHEET, "row": self.rows.get(revision_id),
                "column": f"{column_letter(position)} ({column})"}


def read_central_exchange(path: Path, workbook: CalamineWorkbook, manifest: dict[str, Any]) -> CentralPackage:
    """Read and check a central exchange file already opened (exchange/safety.py checked its zip)."""
    names = set(workbook.sheet_names)
    if manifest.get("format_version") not in exchange_rules.READABLE_FORMAT_VERSIONS:
        raise WorkbookError([Problem(path.name, MANIFEST_SHEET, None, "format_version",
                                     said(f"version {manifest.get('format_version')} is not one this app reads "
                                          f"({exchange_rules.FORMAT_VERSION}); update the app", "format_too_new",
                                          found=manifest.get("format_version"), reads=exchange_rules.FORMAT_VERSION))])
    problems: list[Problem] = []
    for key in ("exchange_id", "device_id", "content_sha256"):
        if not str(manifest.get(key) or "").strip():
            problems.append(Problem(path.name, MANIFEST_SHEET, None, key, said("is missing", "is_missing")))
    package = CentralPackage(path, manifest)
    sheets: dict[str, list[dict[str, Any]]] = {}
    for sheet, columns in ((REVISIONS_SHEET, REVISION_COLUMNS), (INSTITUTIONS_SHEET, INSTITUTION_COLUMNS)):
        if sheet not in names:
            problems.append(Problem(path.name, sheet, None, None, said("the sheet is missing", "sheet_missing")))
            continue
        cells = _sheet_rows(path, workbook, sheet)
        parsed = read_rows(path, sheet, cells, columns, None, problems)
        sheets[sheet] = list(parsed)
        header = next((i for i, row in enumerate(cells[:10])
                       if {c.key for c in columns} <= {str(v).strip() for v in row if isinstance(v, str)}), 0)
        row_numbers = [index + 1 for index in _filled_rows(cells, header + 1)]
        if sheet == REVISIONS_SHEET:
            _check_revisions(path, sheets[sheet], row_numbers, package, problems)
        else:
            _check_institutions(path, sheets[sheet], row_numbers, problems)
        expected = manifest.get(f"rows_{sheet}")
        if expected is not None and str(expected).split(".")[0] != str(len(parsed)):
            problems.insert(0, Problem(path.name, sheet, None, None,
                                       said(f"holds {len(parsed)} rows but the manifest says {expected}", "row_count",
                                            rows=len(parsed), claimed=expected)))
    if problems:
        raise WorkbookError(problems)
    package.revisions, package.institutions = sheets[REVISIONS_SHEET], sheets[INSTITUTIONS_SHEET]
    for revision in package.revisions:
        revision.pop("status_label", None)
        revision["institutions"] = tuple(revision["institutions"])
    package.computed_sha256 = content_sha256(package.revisions, package.institutions)
    return package


def _problem(path: Path, sheet: str, row: int, columns: tuple[Column, ...], key: str, message: str) -> Problem:
    position = next(i for i, c in enumerate(columns) if c.key == key)
    return Problem(path.name, sheet, row, f"{column_letter(position)} ({key})", message)


def _check_revisions(path: Path, rows: list[dict[str, Any]], numbers: list[int], package: CentralPackage,
                     problems: list[Problem]) -> None:
    seen: set[str] = set()
    for row, number in zip(rows, numbers):
        if len(problems) >= 50:
            return

        def bad(key: str, message: str, number: int = number) -> None:
            problems.append(_problem(path, REVISIONS_SHEET, number, REVISION_COLUMNS, key, message))

        rid = row.get("revision_id") or ""
        package.rows[rid] = number
        if not row.get("recommendation_code"):
            bad("recommendation_code", said("is empty", "cell_empty"))
        elif row.get("record_uuid") != record_uuid(row.get("catalog_id") or "", row["recommendation_code"]):
            bad("record_uuid", said("is not the record id of this catalog and code (changed after the file was "
                                    "written)", "record_id_mismatch"))
        if row.get("status") and row["status"] not in STATUSES:
            bad("status", said(f"{row['status']!r} is not one of {', '.join(STATUSES)}", "not_one_of",
                               found=repr(row["status"]), allowed=", ".join(STATUSES)))
        if any(not INSTITUTION_KEY.match(key) for key in row.get("institutions") or ()):
            bad("institutions", said("holds something that is not an institution key", "not_institution_keys"))
        if len(row.get("indicator") or "") > MAX_SHORT_TEXT:
            bad("indicator", said(f"is longer than {MAX_SHORT_TEXT} characters", "longer_than", limit=MAX_SHORT_TEXT))
        if not row.get("origin") or not row.get("changed_at") or (row.get("seq") or 0) < 1:
            bad("origin" if not row.get("origin") else "changed_at" if not row.get("changed_at") else "seq",
                said("is missing", "is_missing"))
        if rid in seen:
            bad("revision_id", said("appears twice", "cell_appears_twice"))
        seen.add(rid)
        if row.get("content_hash") != exchange_rules.content_hash(row):
            bad("content_hash", said(REVISION_CHANGED, "revision_changed"))
        elif rid != exchange_rules.revision_id(row):
            bad("revision_id", said(REVISION_CHANGED, "revision_changed"))


def _check_institutions(path: Path, rows: list[dict[str, Any]], numbers: list[int], problems: list[Problem]) -> None:
    seen: set[str] = set()
    for row, number in zip(rows, numbers):
        def bad(key: str, message: str, number: int = number) -> None:
            problems.append(_problem(path, INSTITUTIONS_SHEET, number, INSTITUTION_COLUMNS, key, message))

        if not INSTITUTION_KEY.match(row.get("key") or ""):
            bad("key", said(f"{row.get('key')!r} is not an institution key", "not_institution_key",
                            found=repr(row.get("key"))))
        elif row["key"] in seen:
            bad("key", said(f"{row['key']!r} appears twice", "key_appears_twice", key=repr(row["key"])))
        seen.add(row.get("key") or "")
        if not (row.get("name") or "").strip():
            bad("name", said("is empty", "cell_empty"))
        if row.get("kind") not in INSTITUTION_KINDS:
            bad("kind", said(f"{row.get('kind')!r} is not one of {', '.join(INSTITUTION_KINDS)}", "not_one_of",
                             found=repr(row.get("kind")), allowed=", ".join(INSTITUTION_KINDS)))
        if row.get("retired") not in (0, 1):
            bad("retired", said("expected 0 or 1", "zero_or_one"))
        if not row.get("updated_at"):
            bad("updated_at", said("is missing", "is_missing"))

