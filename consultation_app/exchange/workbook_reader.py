"""Reading export workbooks back: by header key (not position), tolerant of what Excel or
LibreOffice do on a re-save (reordered or added columns and sheets, numbers stored as
text, dates as serial numbers), strict about everything else. Every problem names the
file, sheet, row and column."""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import operator
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from consultation_app.domain.column_rows import ColumnRows
from consultation_app.domain.records import MAX_WHOLE_NUMBER
from consultation_app.domain.reference import ReferenceLists
from consultation_app.domain.text import MAX_TEXT_LENGTH, brief, clean_text, excel_length, excerpt, needs_cleaning
from consultation_app.errors import InputError, said
from consultation_app.exchange.readable_columns import Found, check_readable, consultation_context, readable_keys
from consultation_app.exchange.safety import open_checked
from consultation_app.exchange.workbook_format import (
    BOOL,
    CONSULTATIONS,
    DATA_SHEETS,
    DATE,
    ENUM,
    ENUM_LIST,
    FORMAT_NAME,
    FORMAT_VERSION,
    INT,
    MANIFEST,
    READABLE_FORMAT_VERSIONS,
    RECORD_SHEETS,
    SHEET_COLUMNS,
    SHEET_ROW_KEY,
    TEMPLATE_FORMAT_NAME,
    TEXT,
    TIMESTAMP,
    Column,
    ContentHasher,
)

if TYPE_CHECKING:
    from python_calamine import CalamineWorkbook

_EXCEL_EPOCH = dt.date(1899, 12, 30)
_YES_NO = {"yes": True, "no": False}
MAX_PROBLEMS = 50
# Enumerations a record cannot be without (the database holds them NOT NULL): a blank cell is
# refused here, where the cell can be named, not by the database half-way through a merge.
REQUIRED_ENUMS = {sheet: frozenset(field.name for field in kind.fields
                                   if field.kind == ENUM and field.default is not None)
                  for sheet, kind in RECORD_SHEETS.items()}
# Manifest fields for people, not signed: cleaned like typed text (they reach the devices table).
MANIFEST_TEXT = ("device_name", "officer")
_READABLE_KEYS = frozenset(readable_keys())


@dataclass(frozen=True)
class Problem:
    file: str
    sheet: str | None
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = [self.file]
        if self.sheet:
            where.append(f"sheet '{self.sheet}'")
        if self.row:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column {self.column}")
        return ", ".join(where) + ": " + self.message


class WorkbookError(InputError):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(str(problems[0]) + more)
        first = problems[0]  # said in the interface language: the place, then the reason (errors.Said)
        where = {"file": first.file, "sheet": first.sheet, "row": first.row, "column": first.column}
        if len(problems) > 1:
            self.keyed("at_place_more", where=where, reason=first.message, more=len(problems) - 1)
        else:
            self.keyed("at_place", where=where, reason=first.message)


class IsCentralExchange(InputError):
    """The workbook is a central exchange file (exchange/central_exchange.py), not a field export."""

    def __init__(self, path: Path, workbook: CalamineWorkbook, manifest: dict[str, Any]) -> None:
        self.path, self.workbook, self.manifest = path, workbook, manifest
        super().__init__(f"{path.name}: a central exchange file, not a field export")


# Sheets only a central copy's exchange file may carry: a field export holding one is refused.
IMPLEMENTATION_SHEET_NAMES = ("implementation_revisions", "institutions", "implementation")
CENTRAL_FORMAT_NAME = "upr-central-exchange"  # domain/implementation_exchange.FORMAT_NAME


class IsCaptureTemplate(InputError):
    """The workbook is a capture template, not an export: its reader takes the opened book."""

    def __init__(self, path: Path, workbook: CalamineWorkbook, manifest: dict[str, Any]) -> None:
        self.path, self.workbook, self.manifest = path, workbook, manifest
        super().__init__(f"{path.name}: a capture template, not an export")


@dataclass
class ExportPackage:
    path: Path
    manifest: dict[str, Any]
    sheets: dict[str, ColumnRows] = field(default_factory=dict)
    computed_sha256: str = ""
    notices: list[str] = field(default_factory=list)  # readable labels ignored (readable_columns.py)
    consents: list[dict[str, Any]] = field(default_factory=list)  # format 3 on (exchange/consent_sheet.py)
    attachments: list[dict[str, Any]] = field(default_factory=list)  # format 3 on (exchange/attachment_sheet.py)
    extras_match: bool = True  # the consents sheet's digest is the manifest's extras_sha256

    @property
    def checksum_matches(self) -> bool:
        return self.computed_sha256 == self.manifest.get("content_sha256") and self.extras_match


def column_letter(index: int) -> str:
    letters, index = "", index + 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def convert(column: Column, value: Any, reference: ReferenceLists | None) -> Any:
    """A cell's value in canonical form, or ValueError saying what is wrong with it."""
    kind = column.kind
    if isinstance(value, str):
        value = value.strip() if kind != "text" else value
    empty = value is None or value == ""
    if kind == INT:
        if empty:
            return 0
        if isinstance(value, bool):
            raise ValueError(said(f"expected a whole number, found {excerpt(value)}", "cell_whole_number",
                                  found=excerpt(value)))
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise ValueError(said(f"expected a whole number, found {excerpt(value)}", "cell_whole_number",
                                  found=excerpt(value))) from None
        if not number.is_integer() or number < 0:
            raise ValueError(said(f"expected a whole number of 0 or more, found {excerpt(value)}",
                                  "cell_whole_number_min", found=excerpt(value)))
        if number > MAX_WHOLE_NUMBER:
            raise ValueError(said(f"expected a whole number of at most {MAX_WHOLE_NUMBER:,}, found {excerpt(value)}",
                                  "cell_whole_number_max", limit=f"{MAX_WHOLE_NUMBER:,}", found=excerpt(value)))
        return int(number)
    if kind == BOOL:
        if empty:
            return False
        text = _as_text(value).strip().lower()
        if text in ("yes", "true", "1", "y"):
            return True
        if text in ("no", "false", "0", "n"):
            return False
        raise ValueError(said(f"expected yes or no, found {excerpt(value)}", "cell_yes_no", found=excerpt(value)))
    if kind == DATE:
        if empty:
            return None
        if isinstance(value, dt.datetime):
            return value.date().isoformat()
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, (int, float)) and not isinstance(value, bool) and 1 <= value < 2958466:
            return (_EXCEL_EPOCH + dt.timedelta(days=int(value))).isoformat()  # a serial number
        try:
            return dt.date.fromisoformat(str(value)[:10]).isoformat() if len(str(value)) in (10, 19) else \
                dt.date.fromisoformat(str(value)).isoformat()
        except ValueError:
            raise ValueError(said(f"expected a date (YYYY-MM-DD), found {excerpt(value)}", "cell_date",
                              found=excerpt(value))) from None
    if kind == ENUM:
        if empty:
            return None
        text = _as_text(value)
        if reference is not None and column.reference and text not in reference.keys(column.reference):
            raise ValueError(said(f"{excerpt(text)} is not an allowed value (see the 'lists' sheet)",
                                  "cell_not_allowed", found=excerpt(text)))
        return text
    if kind == ENUM_LIST:
        items = [item.strip() for item in _as_text(value).split(",") if item.strip()]
        if reference is not None and column.reference:
            unknown = [item for item in items if item not in reference.keys(column.reference)]
            if unknown:
                found = ", ".join(map(excerpt, unknown[:5]))
                raise ValueError(said(f"{found} not allowed (see the 'lists' sheet)", "cell_list_not_allowed",
                                      found=found))
        return items
    if kind == TIMESTAMP:
        if isinstance(value, dt.datetime):
            return value.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
        return _as_text(value)
    return _as_text(value)


def read_rows(path: Path, sheet_name: str, rows: list[list[Any]], columns: tuple[Column, ...],
              reference: ReferenceLists | None, problems: list[Problem], found_at: Found | None = None) -> ColumnRows:
    """Find the key row, map columns by key, convert every cell of every non-empty row.
    ``found_at``, when given, receives the key row and where each data row is."""
    required = {column.key for column in columns}
    names = [column.key for column in columns]
    header_index = None
    for index, row in enumerate(rows[:10]):
        keys = {str(cell).strip() for cell in row if isinstance(cell, str)}
        if required <= keys:
            header_index = index
            break
    if header_index is None:
        closest = max(rows[:10], key=lambda r: len(required & {str(c).strip() for c in r}), default=[])
        missing = sorted(required - {str(c).strip() for c in closest})
        problems.append(Problem(path.name, sheet_name, None, None,
                                f"the header row of machine keys is missing column(s) {', '.join(missing)}"))
        return ColumnRows(names, ([] for _ in names))
    positions: dict[str, int] = {}
    for index, cell in enumerate(rows[header_index]):
        key = str(cell).strip() if isinstance(cell, str) else ""
        if key in required and key not in positions:
            positions[key] = index
        elif key in required or (key in _READABLE_KEYS and key in rows[header_index][:index]):
            # Two columns under one key: a person would read one and the merge the other.
            first = positions.get(key, rows[header_index].index(key))
            problems.append(Problem(path.name, sheet_name, header_index + 1, f"{column_letter(index)} ({key})",
                                    f"the key row holds {key} twice (columns {column_letter(first)} and "
                                    f"{column_letter(index)}); each key names one column"))
    body_at = _filled_rows(rows, header_index + 1)
    if found_at is not None:
        found_at.header, found_at.body_at = list(rows[header_index]), body_at
    body = [rows[index] for index in body_at]
    width = max(positions.values()) + 1
    if any(len(row) < width for row in body):  # a short row: its missing cells are empty
        body = [row if len(row) >= width else [*row, *[None] * (width - len(row))] for row in body]
    cells_by_position = list(zip(*body)) if body else [()] * width
    found: list[tuple[int, int, Problem]] = []  # (row, column order, problem): reported row by row
    failures = [0] * len(columns)
    converted = []
    for order, column in enumerate(columns):
        position = positions[column.key]
        allowed = (set(reference.keys(column.reference))
                   if reference is not None and column.kind == ENUM and column.reference is not None else None)

        def report(index: int, message: str, column: Column = column, position: int = position,
                   order: int = order) -> None:
            failures[order] += 1
            if failures[order] <= MAX_PROBLEMS:  # enough per column for the first MAX_PROBLEMS in all
                found.append((body_at[index], order, Problem(
                    path.name, sheet_name, body_at[index] + 1, f"{column_letter(position)} ({column.key})", message)))

        def slow(index: int, cell: Any, column: Column = column, report: Report = report) -> Any:
            try:
                return convert(column, cell, reference)
            except ValueError as error:
                report(index, error.args[0] if error.args and isinstance(error.args[0], str) else str(error))
                return None

        values = _convert_column(column.kind, allowed, cells_by_position[position], slow)
        if column.kind in (TEXT, TIMESTAMP):
            values = _checked_text(values, report)
        elif column.key in REQUIRED_ENUMS.get(sheet_name, ()) and None in values:
            cells = cells_by_position[position]
            for index in itertools.compress(range(len(values)), map(operator.is_, values, itertools.repeat(None))):
                if failures[order] >= MAX_PROBLEMS:
                    break
                if cells[index] is None or str(cells[index]).strip() == "":  # not refused above for its value
                    allowed_keys = ", ".join(reference.keys(column.reference)) if reference and column.reference else ""
                    report(index, said(f"is empty; expected one of {allowed_keys} (see the 'lists' sheet)",
                                       "cell_empty_expected", allowed=allowed_keys) if allowed_keys
                           else said("is empty", "cell_empty"))
        converted.append(values)
    found.sort(key=lambda entry: entry[:2])
    problems += [problem for _, _, problem in found[:max(0, MAX_PROBLEMS - len(problems))]]
    return ColumnRows(names, converted)


def _checked_text(values: list[Any], report: Report) -> list[Any]:
    """A text column as entry would have stored it: nothing over Excel's cell limit (reported,
    so nothing is cut later), and control characters, carriage returns and non-NFC forms
    cleaned as typing cleans them. A column of ordinary size is joined and settled by one pass
    in C (nothing to do, almost always); a very large one is looked at cell by cell, so that
    it is not held twice."""
    try:
        size, texts = sum(map(len, values)), values
    except TypeError:  # a cell refused for its value (None)
        texts = [value for value in values if isinstance(value, str)]
        size = sum(map(len, texts))
    if size > MAX_TEXT_LENGTH // 2 and max(map(len, texts)) > MAX_TEXT_LENGTH // 2:  # only then too long
        for index, value in enumerate(values):
            if isinstance(value, str) and len(value) > MAX_TEXT_LENGTH // 2 and excel_length(value) > MAX_TEXT_LENGTH:
                length = f"{excel_length(value):,}"
                report(index, said(f"is {length} characters long as Excel counts them; the limit is "
                                   f"{MAX_TEXT_LENGTH:,}", "cell_too_long", length=length,
                                   limit=f"{MAX_TEXT_LENGTH:,}"))
    if size <= _JOINED_UP_TO:
        joined = "\n".join(texts)
        unclean = needs_cleaning(joined) or not unicodedata.is_normalized("NFC", joined)
    else:
        unclean = any(map(needs_cleaning, texts)) or not all(map(_is_nfc, texts))
    if unclean:
        values = [clean_text(value) if isinstance(value, str) else value for value in values]
    return values


Report = Callable[[int, str], None]  # report(row index in the column, message): one problem found
_JOINED_UP_TO = 8 * 1024 * 1024  # characters of a text column checked in one joined pass
_is_nfc = functools.partial(unicodedata.is_normalized, "NFC")  # for map(): no Python frame per cell


def _more_than(count: int, claimed: Any) -> bool:
    try:
        return count > float(claimed)
    except (TypeError, ValueError):
        return False


def _filled(row: list[Any]) -> bool:
    """Not an empty row: a cell that is neither blank nor missing (0 and False count)."""
    return any(row) or any(cell is not None and cell != "" for cell in row)


def _filled_rows(rows: list[list[Any]], start: int) -> list[int]:
    """The positions from ``start`` on of the rows that are not empty. ``any`` settles almost
    every row in C; only a row with no true cell (all blank, or zeros) is looked at closer."""
    positions = range(start, len(rows))
    truthy = list(map(any, itertools.islice(rows, start, None)))
    filled = list(itertools.compress(positions, truthy))
    others = [index for index in itertools.compress(positions, map(operator.not_, truthy)) if _filled(rows[index])]
    return sorted(filled + others) if others else filled


def _convert_column(kind: str, allowed: set | None, cells: tuple, slow: Callable[[int, Any], Any]) -> list[Any]:
    """One column's cells in canonical form. Column by column, a merge's 2.5 million cells take
    the common case (text as text, a listed key, a whole number) in one comprehension each;
    anything else goes through convert() by way of ``slow``, which records what is wrong."""
    if kind == TEXT:
        return [cell if type(cell) is str else "" if cell is None else slow(i, cell) for i, cell in enumerate(cells)]
    if kind == ENUM:
        if allowed is not None:
            return [cell if type(cell) is str and cell in allowed else None if cell is None else slow(i, cell)
                    for i, cell in enumerate(cells)]
        return [None if cell is None else slow(i, cell) for i, cell in enumerate(cells)]
    if kind == DATE:
        return [None if cell is None else slow(i, cell) for i, cell in enumerate(cells)]
    if kind == INT:
        return [int(cell) if type(cell) is float and 0 <= cell <= MAX_WHOLE_NUMBER and cell.is_integer()
                else slow(i, cell)
                for i, cell in enumerate(cells)]
    if kind == BOOL:
        return [_YES_NO[cell] if type(cell) is str and cell in _YES_NO else slow(i, cell)
                for i, cell in enumerate(cells)]
    if kind == TIMESTAMP:
        return [cell if type(cell) is str and cell == cell.strip() else slow(i, cell)
                for i, cell in enumerate(cells)]
    return [slow(i, cell) for i, cell in enumerate(cells)]


def _sheet_rows(path: Path, workbook: CalamineWorkbook, sheet_name: str) -> list[list[Any]]:
    """A sheet's cells; damaged sheet XML (entities, bad bytes, a missing part) is a refusal."""
    try:
        return workbook.get_sheet_by_name(sheet_name).to_python(skip_empty_area=False)
    except Exception as error:  # python-calamine's XmlError, CalamineError...
        raise WorkbookError([Problem(path.name, sheet_name, None, None,
                                     said(f"the sheet is damaged and cannot be read ({type(error).__name__})",
                                          "sheet_damaged", error=type(error).__name__))]) from None


def read_manifest(path: Path, rows: list[list[Any]]) -> dict[str, Any]:
    manifest = {}
    for row in rows:
        if len(row) >= 2 and isinstance(row[0], str) and row[0].strip():
            manifest[row[0].strip()] = row[1]
    for key, value in manifest.items():
        if isinstance(value, str) and len(value) > MAX_TEXT_LENGTH // 2 and excel_length(value) > MAX_TEXT_LENGTH:
            raise WorkbookError([Problem(path.name, MANIFEST, None, key, said(
                f"is {excel_length(value):,} characters long; the limit is {MAX_TEXT_LENGTH:,}", "manifest_too_long",
                length=f"{excel_length(value):,}", limit=f"{MAX_TEXT_LENGTH:,}"))])
    for key in MANIFEST_TEXT:
        if isinstance(manifest.get(key), str):
            manifest[key] = clean_text(manifest[key])
    for key in ("format_version", "export_seq", "since_seq", "until_seq"):
        if key in manifest:
            try:
                manifest[key] = int(float(manifest[key]))  # OverflowError: infinity
                if abs(manifest[key]) > MAX_WHOLE_NUMBER:
                    raise ValueError
            except (TypeError, ValueError, OverflowError):
                raise WorkbookError([Problem(path.name, MANIFEST, None, key, said(
                    f"expected a whole number of at most {MAX_WHOLE_NUMBER:,}", "manifest_whole_number",
                    limit=f"{MAX_WHOLE_NUMBER:,}"))]) from None
    return manifest


def read_export(path: str | Path, reference: ReferenceLists | None, password: str | None = None,
                data: bytes | None = None) -> ExportPackage:
    """Read and check a whole export; raise WorkbookError listing what is wrong and where.
    ``data``: the file's bytes, when the caller has read them already."""
    path = Path(path)
    workbook = open_checked(path, password, data)
    names = set(workbook.sheet_names)
    if MANIFEST not in names:
        raise WorkbookError([Problem(path.name, None, None, None,
                                     said("not an export of this app: it has no 'manifest' sheet", "not_an_export"))])
    manifest = read_manifest(path, _sheet_rows(path, workbook, MANIFEST))
    if manifest.get("format") == TEMPLATE_FORMAT_NAME:
        raise IsCaptureTemplate(path, workbook, manifest)
    if manifest.get("format") == CENTRAL_FORMAT_NAME:
        raise IsCentralExchange(path, workbook, manifest)
    carried = [name for name in IMPLEMENTATION_SHEET_NAMES if name in names]
    if carried:
        raise WorkbookError([Problem(path.name, carried[0], None, None,
                                     said("a field export cannot carry implementation records or institutions: "
                                          "only central copies may say them (in a central exchange file, "
                                          "consultation-app implementation export); nothing was merged",
                                          "field_export_implementation"))])
    if manifest.get("format") != FORMAT_NAME:
        raise WorkbookError([Problem(path.name, MANIFEST, None, "format",
                                     said(f"expected '{FORMAT_NAME}', found {excerpt(manifest.get('format'))}",
                                          "wrong_format", expected=FORMAT_NAME,
                                          found=excerpt(manifest.get("format"))))])
    if manifest.get("format_version") not in READABLE_FORMAT_VERSIONS:
        raise WorkbookError([Problem(path.name, MANIFEST, None, "format_version",
                                     said(f"version {manifest.get('format_version')} is not one this app reads "
                                          f"({FORMAT_VERSION}); update the app", "wrong_version",
                                          found=manifest.get("format_version"), readable=FORMAT_VERSION))])
    problems: list[Problem] = []
    for key in ("export_id", "device_id", "content_sha256"):
        if not manifest.get(key):
            problems.append(Problem(path.name, MANIFEST, None, key, said("is missing", "is_missing")))
    package = ExportPackage(path, manifest)
    hasher = ContentHasher()
    context: dict[str, dict[str, Any]] | None = None  # the file's consultations, once read
    for sheet_name in DATA_SHEETS:
        if sheet_name not in names:
            problems.append(Problem(path.name, sheet_name, None, None, said("the sheet is missing", "sheet_missing")))
            continue
        rows = _sheet_rows(path, workbook, sheet_name)
        first_of_sheet = len(problems)
        found = Found([], [])
        parsed = read_rows(path, sheet_name, rows, SHEET_COLUMNS[sheet_name], reference, problems, found)
        if found.header:  # the readable columns (format 3) against the keys; they are not checksummed
            if sheet_name == CONSULTATIONS or context is None:
                context = consultation_context(parsed if sheet_name == CONSULTATIONS else None)
            check_readable(path, sheet_name, rows, found, parsed, reference, context, problems, package.notices,
                           Problem)
        key_name = SHEET_ROW_KEY[sheet_name]
        keys = parsed.column(key_name)
        if not all(keys) or len(set(keys)) < len(keys):  # which rows, only when some are wrong
            seen: set = set()
            for offset, key in enumerate(keys):
                if not key:
                    problems.append(Problem(path.name, sheet_name, None, key_name,
                                            said(f"data row {offset + 1} has no {key_name}", "row_without_key",
                                                 row=offset + 1, key=key_name)))
                elif key in seen:
                    problems.append(Problem(path.name, sheet_name, None, key_name,
                                            said(f"{brief(key)} appears twice", "appears_twice", what=brief(key))))
                seen.add(key)
        package.sheets[sheet_name] = parsed
        expected = manifest.get(f"rows_{sheet_name}")
        if expected is not None and _as_text(expected) != str(len(parsed)):
            # Rows that should not be there are better named first than each of their cells.
            where = first_of_sheet if _more_than(len(parsed), expected) else len(problems)
            problems.insert(where, Problem(path.name, sheet_name, None, None,
                                           said(f"holds {len(parsed)} rows but the manifest says {_as_text(expected)}",
                                                "rows_mismatch", rows=len(parsed), manifest=_as_text(expected))))
    if problems:
        raise WorkbookError(problems)
    for sheet_name in DATA_SHEETS:  # every cell converted: the values are canonical now
        hasher.add_columns(sheet_name, package.sheets[sheet_name])
    package.computed_sha256 = hasher.hexdigest()
    if manifest["format_version"] >= 3:
        from consultation_app.exchange import consent_sheet

        grid = _sheet_rows(path, workbook, consent_sheet.CONSENTS) if consent_sheet.CONSENTS in names else None
        package.consents = consent_sheet.read(path, grid, manifest)
        from consultation_app.exchange import attachment_sheet

        grid = (_sheet_rows(path, workbook, attachment_sheet.ATTACHMENTS)
                if attachment_sheet.ATTACHMENTS in names else None)
        package.attachments = attachment_sheet.read(path, grid, manifest)
        package.extras_match = (attachment_sheet.extras_digest(package.consents, package.attachments)
                                == str(manifest.get("extras_sha256") or ""))
    return package
