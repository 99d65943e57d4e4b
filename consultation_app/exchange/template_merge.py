"""Merging a filled capture template (filled in Excel or LibreOffice, or typed in from paper)
as a consultation of its own.

The details, feedback and notes sheets are read by their key row, like an export. Rows
nobody filled in are skipped: feedback rows whose white columns are all empty (the
recommendations that were not discussed) and note rows with neither title nor text.
Everything is checked before anything is written; every problem names the file, sheet,
row and column. A drop-down accepts its key or, as the instructions allow on paper, the
English or Khmer word of the 'lists' sheet.

The filling's key is a SHA-256 over its canonical values, so the same filled file merged
again, under any name or after a re-save by Excel or LibreOffice, changes nothing, while
two fillings of one blank template are two consultations. Record ids derive from the key.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
import uuid as uuid_module
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable

from consultation_app.domain.records import (
    CONSULTATION,
    FEEDBACK,
    NOTE,
    RecordKind,
    ValidationError,
    check_consultation,
    check_ready_to_finalise,
    content_hash,
    defaults,
    normalise,
    utc_now,
)
from consultation_app.domain.reference import ReferenceLists
from consultation_app.domain.text import excerpt, storable
from consultation_app.errors import InputError, reason, said
from consultation_app.exchange.merge_results import (
    ALREADY_MERGED,
    MERGED,
    REJECTED,
    FileResult,
    empty_counts,
    summary_text,
)
from consultation_app.exchange.template_layout import (
    DETAILS,
    DETAILS_COLUMNS,
    FEEDBACK_COLUMNS,
    NOTE_COLUMNS,
    PREFILLED,
    TEMPLATE_FORMAT_VERSION,
    THEMES,
)
from consultation_app.exchange.workbook_format import ENUM, ENUM_LIST, FEEDBACK_SHEET, LISTS, NOTES, TEXT, Column
from consultation_app.exchange.workbook_reader import Problem, WorkbookError, column_letter, convert
from consultation_app.storage import merge_store

if TYPE_CHECKING:
    from python_calamine import CalamineWorkbook

    from consultation_app.exchange.workbook_reader import IsCaptureTemplate
    from consultation_app.storage.store import Store

# Fixed for all time: record ids of a filling are uuid5(NAMESPACE, ...) of its key.
NAMESPACE = uuid_module.UUID("6b1f0c1e-3d2a-5c4e-9a57-2f0d8e4b7c13")
DEVICE_NAME = "capture template"
KIND = "template"

FILL_COLUMNS = tuple(column.key for column in FEEDBACK_COLUMNS if column.key not in PREFILLED)
# Template key -> record field, where the two differ.
_DETAIL_FIELDS = {"date": "start_date"}
_DETAIL_KEYS = {field: key for key, field in _DETAIL_FIELDS.items()}
_READY_LABELS = {"stakeholder_group": said("stakeholder group", "label_stakeholder_group"),
                 "province": said("province", "label_province"), "start_date": said("date", "label_date"),
                 "participants_women": said("participant counts", "label_participant_counts")}

Log = Callable[[Any, FileResult, str], None]


# -- reading ---------------------------------------------------------------------------------

def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split()).casefold()


class _Choices:
    """The allowed values of one drop-down: its keys, and the English and Khmer words for them."""

    def __init__(self, items: Iterable[tuple[str, str, str]]):
        items = list(items)
        self.keys = {key for key, _, _ in items}
        self.labels: dict[str, str] = {}
        for key, english, khmer in items:
            for label in (key, english, khmer):  # a key in capitals, or a word instead of the key
                if label:
                    self.labels.setdefault(_fold(label), key)

    def find(self, text: str) -> str | None:
        if text in self.keys:
            return text
        return self.labels.get(_fold(text))


@dataclass
class _Row:
    number: int  # as the spreadsheet shows it, 1-based
    cells: dict[str, Any]


@dataclass
class _Table:
    sheet: str
    positions: dict[str, int]
    rows: list[_Row]

    def where(self, key: str) -> str:
        return f"{column_letter(self.positions[key])} ({key})"


class _Reader:
    def __init__(self, path: Path, workbook: CalamineWorkbook, reference: ReferenceLists, themes: _Choices) -> None:
        self.path, self.workbook, self.reference = path, workbook, reference
        self.problems: list[Problem] = []
        self.choices = {THEMES: themes}

    def problem(self, table: _Table | str | None, row: int | None, key: str | None, message: str) -> None:
        sheet = table.sheet if isinstance(table, _Table) else table
        column = table.where(key) if isinstance(table, _Table) and key else key
        self.problems.append(Problem(self.path.name, sheet, row, column, message))

    def sheet_rows(self, sheet: str) -> list[list[Any]] | None:
        if sheet not in self.workbook.sheet_names:
            return None
        try:
            return self.workbook.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
        except Exception as error:  # calamine's own errors: a damaged sheet
            self.problem(sheet, None, None, said(f"the sheet cannot be read ({error})", "sheet_damaged",
                                                 error=type(error).__name__))
            return None

    def table(self, sheet: str, columns: tuple[Column, ...]) -> _Table | None:
        """Find the key row, map the columns by key; the rows with anything in them, unconverted."""
        if sheet not in self.workbook.sheet_names:
            self.problem(sheet, None, None, said("the sheet is missing", "sheet_missing"))
            return None
        rows = self.sheet_rows(sheet)
        if rows is None:
            return None
        required = {column.key for column in columns}
        header = next((index for index, row in enumerate(rows[:10])
                       if required <= {cell.strip() for cell in row if isinstance(cell, str)}), None)
        if header is None:
            found = max(rows[:10], key=lambda r: len(required & {str(c).strip() for c in r}), default=[])
            missing = sorted(required - {str(c).strip() for c in found})
            self.problem(sheet, None, None, said(f"the header row of machine keys is missing column(s) "
                                                 f"{', '.join(missing)}", "template_keys_missing",
                                                 columns=", ".join(missing)))
            return None
        positions: dict[str, int] = {}
        for index, cell in enumerate(rows[header]):
            key = cell.strip() if isinstance(cell, str) else ""
            if key in required and key not in positions:
                positions[key] = index
        table = _Table(sheet, positions, [])
        for index in range(header + 1, len(rows)):
            row = rows[index]
            cells = {key: row[position] if position < len(row) else None for key, position in positions.items()}
            if not all(_blank(value) for value in cells.values()):
                table.rows.append(_Row(index + 1, cells))
        return table

    def value(self, column: Column, cell: Any) -> Any:
        """A cell's value in canonical form, or ValueError saying what is wrong with it."""
        if column.kind == ENUM:
            if _blank(cell):
                return None
            text = convert(column, cell, None)
            key = self._choices(column.reference).find(text)
            if key is None:
                raise ValueError(said(f"{excerpt(text)} is not an allowed value (see the '{LISTS}' sheet)",
                                      "cell_not_allowed", found=excerpt(text)))
            return key
        if column.kind == ENUM_LIST:
            keys: list[str] = []
            unknown: list[str] = []
            for item in convert(column, cell, None):
                key = self._choices(column.reference).find(item)
                (keys if key else unknown).append(key or item)
            if unknown:
                found = ", ".join(map(excerpt, unknown[:5]))
                raise ValueError(said(f"{found} not allowed (see the '{LISTS}' sheet)", "cell_list_not_allowed",
                                      found=found))
            return list(dict.fromkeys(keys))
        if column.kind == TEXT and _blank(cell):
            return ""  # a cell of spaces is an empty cell
        return convert(column, cell, None)

    def _choices(self, name: str | None) -> _Choices:
        if name is None:  # a column with no reference list offers no choices
            return _Choices(())
        if name not in self.choices:
            self.choices[name] = _Choices((item.key, item.en, item.km) for item in self.reference.items(name))
        return self.choices[name]

    def record(self, kind: RecordKind, table: _Table, row: _Row, columns: tuple[Column, ...],
               fields: dict[str, str] | None = None) -> dict[str, Any] | None:
        """Convert and normalise one row as the field app would; None after a problem."""
        fields = fields or {}
        values, failed = {}, False
        for column in columns:
            try:
                values[fields.get(column.key, column.key)] = self.value(column, row.cells.get(column.key))
            except ValueError as error:
                self.problem(table, row.number, column.key, reason(error))
                failed = True
        try:
            values = normalise(kind, values, self.reference)
        except ValidationError as error:
            for name, message in error.problems.items():
                self.problem(table, row.number, _DETAIL_KEYS.get(name, name) if kind is CONSULTATION else name,
                             message)
            return None
        return None if failed else values


def _sheet_themes(reader: _Reader) -> list[tuple[str, str, str]]:
    """The themes block of the template's own lists sheet: what the note drop-down offered."""
    rows = reader.sheet_rows(LISTS) or []
    if not rows:
        return []
    heads = [cell.strip() if isinstance(cell, str) else "" for cell in rows[0]]
    if THEMES not in heads:
        return []
    col = heads.index(THEMES)
    themes = []
    for row in rows[1:]:
        cells = [row[i] if i < len(row) else None for i in (col, col + 1, col + 2)]
        if not _blank(cells[0]):
            key, english, khmer = ("" if _blank(cell) else str(cell).strip() for cell in cells)
            themes.append((key, english, khmer))
    return themes


@dataclass
class Filling:
    """What a filled template holds, checked and normalised."""
    details: dict[str, Any]  # record fields of the consultation; empty when the sheet is
    details_row: int | None
    feedback: list[tuple[int, dict[str, Any]]]  # (sheet row, values)
    notes: list[tuple[int, dict[str, Any]]]

    def key(self) -> str:
        """SHA-256 over the canonical filled values, independent of row order and layout."""
        payload = {"details": _plain(self.details),
                   "feedback": sorted((_plain(values) for _, values in self.feedback), key=_dumps),
                   "notes": sorted((_plain(values) for _, values in self.notes), key=_dumps)}
        return hashlib.sha256(_dumps(payload).encode("utf-8")).hexdigest()


def _plain(values: dict[str, Any]) -> dict[str, Any]:
    return {name: list(value) if isinstance(value, tuple) else value for name, value in values.items()}


def _dumps(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def read_filling(path: Path, workbook: CalamineWorkbook, manifest: dict[str, Any], reference: ReferenceLists,
                 themes: Iterable[tuple[str, str, str]] = ()) -> Filling:
    """Read and check the filled sheets; raise WorkbookError listing every problem and where."""
    reader = _Reader(path, workbook, reference, _Choices([]))
    reader.choices[THEMES] = _Choices([*_sheet_themes(reader), *themes])
    if manifest.get("format_version") != TEMPLATE_FORMAT_VERSION:
        reader.problem("manifest", None, "format_version",
                       said(f"template version {manifest.get('format_version')} is not one this app reads "
                            f"({TEMPLATE_FORMAT_VERSION}); update the app", "template_version",
                            found=manifest.get("format_version"), readable=TEMPLATE_FORMAT_VERSION))
    if _blank(manifest.get("template_id")):
        reader.problem("manifest", None, "template_id", said("is missing", "is_missing"))

    details: dict[str, Any] = {}
    details_row = None
    table = reader.table(DETAILS, DETAILS_COLUMNS)
    if table is not None and table.rows:
        first, *others = table.rows
        for extra in others:
            reader.problem(table, extra.number, None, said(f"a template records one consultation, on row "
                                                           f"{first.number}; this is a second row of details",
                                                           "template_second_details", row=first.number))
        details_row = first.number
        values = reader.record(CONSULTATION, table, first, DETAILS_COLUMNS, _DETAIL_FIELDS)
        if values is not None:
            details = values
            for name, message in check_consultation(values).items():
                reader.problem(table, first.number, _DETAIL_KEYS.get(name, name),
                               said(f"{values.get(name)} {message}", "template_value_rule", value=values.get(name),
                                    rule=message))

    feedback = []
    table = reader.table(FEEDBACK_SHEET, FEEDBACK_COLUMNS)
    for row in table.rows if table is not None else ():
        assert table is not None  # for the type checker: there are rows only when there is a table
        if all(_blank(row.cells.get(key)) for key in FILL_COLUMNS):
            continue  # a recommendation nobody discussed
        if _blank(row.cells.get("recommendation_code")):
            reader.problem(table, row.number, "recommendation_code",
                           said("this row is filled in but has no recommendation code", "template_no_code"))
            continue
        columns = tuple(column for column in FEEDBACK_COLUMNS
                        if column.key == "recommendation_code" or column.key in FILL_COLUMNS)
        values = reader.record(FEEDBACK, table, row, columns)
        if values is not None:
            values["recommendation_code"] = values["recommendation_code"].strip()
            feedback.append((row.number, values))

    notes = []
    table = reader.table(NOTES, NOTE_COLUMNS)
    for row in table.rows if table is not None else ():
        assert table is not None  # as above
        if _blank(row.cells.get("title")) and _blank(row.cells.get("text")):
            continue
        values = reader.record(NOTE, table, row, NOTE_COLUMNS)
        if values is not None:
            notes.append((row.number, values))

    if not reader.problems and details_row is None and not feedback:
        reader.problem(None, None, None, said("nothing filled in: the details and feedback sheets are both empty"
                                              + (" (a template needs more than notes)" if notes else ""),
                                              "template_only_notes" if notes else "template_empty"))
    if reader.problems:
        raise WorkbookError(reader.problems)
    return Filling(details, details_row, feedback, notes)


# -- merging ---------------------------------------------------------------------------------

def _catalog_ids(manifest: dict[str, Any]) -> list[str]:
    return [part.strip() for part in str(manifest.get("catalog_id") or "").split(",") if part.strip()]


def _title(details: dict[str, Any], reference: ReferenceLists, template_id: str) -> str:
    parts = [reference.label("stakeholder_groups", details.get("stakeholder_group")),
             reference.label("provinces", details.get("province")), details.get("start_date") or ""]
    parts = [part for part in parts if part]
    return "Capture template: " + (", ".join(parts) if parts else f"template {template_id[:8]}")


def _record(kind: RecordKind, uuid: str, values: dict[str, Any], reference: ReferenceLists, device_id: str,
            now: str) -> dict[str, Any]:
    content = defaults(kind)
    content.update(normalise(kind, values, reference))
    return {"uuid": uuid, "device_id": device_id, "revision": 1, "created_at": now, "updated_at": now,
            "deleted": False, "content_hash": content_hash(kind, content, False), **content}


def build_records(filling: Filling, key: str, manifest: dict[str, Any], reference: ReferenceLists,
                  codes: set[tuple[str, str]], now: str) -> tuple[dict[RecordKind, list[dict[str, Any]]], list[str]]:
    """The records of one filling, and the codes (with their rows) the catalogs lack."""
    template_id = str(manifest.get("template_id") or "").strip()
    device_id = f"template:{template_id}"
    manifest_catalogs = _catalog_ids(manifest)
    catalogs_of: dict[str, list[str]] = {}
    for catalog_id, code in sorted(codes):
        catalogs_of.setdefault(code, []).append(catalog_id)

    def catalog_of(code: str) -> str | None:
        found = catalogs_of.get(code, [])
        return next((c for c in manifest_catalogs if c in found), found[0] if found else None)

    known = [catalog_of(values["recommendation_code"]) for _, values in filling.feedback]
    if len(manifest_catalogs) == 1:
        consultation_catalog = manifest_catalogs[0]
    elif len(set(filter(None, known))) == 1:
        consultation_catalog = next(filter(None, known))
    else:
        consultation_catalog = manifest_catalogs[0] if manifest_catalogs else ""

    consultation_uuid = str(uuid_module.uuid5(NAMESPACE, key))
    details = dict(filling.details)
    if not (details.get("title") or "").strip():
        details["title"] = _title(details, reference, template_id)
    details.update(catalog_id=consultation_catalog, status="final")
    records = {CONSULTATION: [_record(CONSULTATION, consultation_uuid, details, reference, device_id, now)],
               FEEDBACK: [], NOTE: []}
    unknown: list[str] = []
    for (row, values), code_catalog in zip(filling.feedback, known):
        code = values["recommendation_code"]
        if code_catalog is None:
            unknown.append(said(f"{code} (row {row})", "code_at_row", code=code, row=row))
        uuid = str(uuid_module.uuid5(NAMESPACE, f"{key}:{code}:{row}"))
        records[FEEDBACK].append(_record(FEEDBACK, uuid, {
            **values, "consultation_uuid": consultation_uuid, "catalog_id": code_catalog or consultation_catalog},
            reference, device_id, now))
    for row, values in filling.notes:
        uuid = str(uuid_module.uuid5(NAMESPACE, f"{key}:note:{row}"))
        records[NOTE].append(_record(NOTE, uuid, {**values, "consultation_uuid": consultation_uuid}, reference,
                                     device_id, now))
    return records, unknown


def _when(timestamp: str) -> str:
    return timestamp[:16].replace("T", " ")


def merge_template(db: Store, template: IsCaptureTemplate, reference: ReferenceLists, result: FileResult,
                   file_sha256: str, log: Log) -> FileResult:
    """Merge one filled capture template (``template`` is the reader's IsCaptureTemplate)."""
    path, manifest = Path(template.path), template.manifest
    template_id = str(manifest.get("template_id") or "").strip()
    if template_id:
        result.device_id = f"template:{template_id}"
    result.counts = empty_counts()
    try:
        filling = read_filling(path, template.workbook, manifest, reference,
                               merge_store.catalog_headings(db, _catalog_ids(manifest)))
    except InputError as error:
        result.status, result.message = REJECTED, str(error)
        result.keyed(error.key, **error.params)
        log(db, result, file_sha256)
        return result

    key = filling.key()
    device_id = f"template:{template_id}"  # as result.device_id: read_filling refuses a template without its id
    result.export_id = f"{KIND}:{key}"
    held = merge_store.merged_export(db, result.export_id)
    if held:
        result.status = ALREADY_MERGED
        result.message = f"already merged on {_when(held['merged_at'])} (as {held['file_name']})"
        result.keyed("merge_already", when=_when(held["merged_at"]), file=held["file_name"])
        log(db, result, file_sha256)
        return result

    now = utc_now()
    records, unknown = build_records(filling, key, manifest, reference, merge_store.known_codes(db), now)
    result.warnings.append(said("filled capture template: recorded as a consultation of its own", "template_filled"))
    for file_name, merged_at in merge_store.earlier_fillings(db, KIND, device_id):
        result.warnings.append(said(f"another filling of this template was merged on {_when(merged_at)} (as "
                                    f"{file_name}); this one is a separate consultation: if it corrects that one, "
                                    f"remove the older", "template_filled_again", when=_when(merged_at),
                                    file=file_name))
    if unknown:
        codes = f"{', '.join(unknown[:10])}{' ...' if len(unknown) > 10 else ''}"
        shown = [*unknown[:10], *(["..."] if len(unknown) > 10 else [])]  # each keyed: "(row 12)" said whole
        result.warnings.append(said(f"feedback refers to recommendation code(s) the central catalog lacks: {codes}; "
                                    f"kept and flagged", "codes_not_in_catalog", codes=shown))
    consultation = records[CONSULTATION][0]
    missing = [label for name, label in _READY_LABELS.items() if name in check_ready_to_finalise(consultation)]
    if missing:
        result.warnings.append(said(f"the details sheet does not give the {', '.join(missing)}; recorded as final "
                                    f"all the same", "template_details_missing", missing=missing))
    with db.atomic():
        local_seq = 0  # merged records are not this installation's own changes (see merge.py)
        counts = empty_counts()
        for kind, rows in records.items():
            held_versions = merge_store.existing_versions(db, kind, [row["uuid"] for row in rows])
            new = [row for row in rows if row["uuid"] not in held_versions]
            merge_store.write_rows(db, kind, new, local_seq, replace=False)
            counts["new"] += len(new)
            counts["unchanged"] += len(rows) - len(new)  # only if the merge record was removed by hand
        merge_store.record_merged_export(db, {
            "export_id": result.export_id, "kind": KIND, "device_id": result.device_id, "export_seq": None,
            "scope": "", "content_sha256": key, "file_name": storable(path.name), "merged_at": now, "modified": False})
        merge_store.upsert_device(db, device_id, DEVICE_NAME, now)
        result.status, result.counts, result.message = MERGED, counts, summary_text(counts)
        result.keyed("merge_counts", **counts)
        log(db, result, file_sha256)
    return result
