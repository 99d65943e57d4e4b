"""Reading recommendations from the real sources: a UHRI XLSX or JSON download, a UPR Info
(Uwazi) CSV export. Pure parsing: rows in, source rows and row-numbered problems out; nothing
here touches the database (services/catalog_import.py turns the result into a catalog).

The quirks handled are those listed in /docs/catalog-format.md ("Sources"): OHCHR's own
misspelt headers, "- " prefixed lines in multi-value cells, Excel serial-number dates, SDG
targets with their wording, the paragraph number only as a prefix of the text (sometimes with
no space after it), the annotation id as the stable key, empty positions in older cycles.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from consultation_app.domain.catalog import is_sdg_target
from consultation_app.domain.text import MAX_TEXT_LENGTH, clean_text, excel_length
from consultation_app.errors import InputError

UHRI_XLSX, UHRI_JSON, UWAZI_CSV = "uhri-xlsx", "uhri-json", "uwazi-csv"
MAX_JSON_BYTES = 1024 * 1024 * 1024  # the whole index is "hundreds of MB"
MAX_CSV_BYTES = 200 * 1024 * 1024

# OHCHR's headers, misspellings included; the correct spellings are accepted too (a guess:
# OHCHR may fix them one day).
UHRI_COLUMNS = {
    "text": ("text",),
    "countries": ("countries concerned",),
    "body": ("reccomending body", "recommending body"),
    "symbol": ("document symbol",),
    "themes": ("themes",),
    "affected": ("affected persons",),
    "sdgs": ("sdgs",),
    "published": ("document publication date",),
    "states": ("upr reccomending states", "upr recommending states"),
    "position": ("upr position",),
    "type": ("type",),
    "key": ("ohchr annotation id",),
    "session": ("upr session",),
    "uhri_date": ("date of publication on uhri",),
}
UHRI_REQUIRED = ("text", "countries", "body", "key")

_PARAGRAPH = re.compile(r"^\s*(\d{1,3}(?:\.\d{1,3}){1,2})\.?(?=\s|[^\d.]|$)\s*[.:\-–]?\s*")
_UUID = re.compile(r"^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$")
_SESSION = re.compile(r"(\d{1,3})")
_SDG = re.compile(r"^\s*(?:sdg\s*|goal\s*)?(\d{1,2})(?:\.(\d{1,2}|[a-cA-C]))?\b")
_TAG = re.compile(r"<[^>]+>")
_BLOCK_TAG = re.compile(r"</?(?:p|br|div|li)\b[^>]*>", re.IGNORECASE)
EXCEL_EPOCH = dt.date(1899, 12, 30)


@dataclass(frozen=True)
class Filters:
    country: str | None = None
    cycle: int | None = None
    body: str | None = None


@dataclass
class SourceRow:
    """One recommendation as the source gave it, already cleaned."""
    row: int
    text: str
    paragraph: str = ""
    source_key: str = ""
    position: str = ""
    recommending_states: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    sdgs: tuple[int, ...] = ()
    sdg_targets: tuple[str, ...] = ()
    affected_persons: tuple[str, ...] = ()
    document_symbol: str = ""
    session: str = ""
    cycle: int | None = None
    body: str = ""
    countries: tuple[str, ...] = ()
    published: str = ""  # ISO date the source gives (UHRI: publication on UHRI), for versions


@dataclass
class SourceRead:
    """What a source file held: the rows kept, the rows that could not be read (row number and
    why) and how many rows the filters left out, per reason."""
    path: Path
    format: str
    total_rows: int = 0
    rows: list[SourceRow] = field(default_factory=list)
    bad_rows: list[tuple[int, str]] = field(default_factory=list)
    filtered: dict[str, int] = field(default_factory=dict)

    def skip(self, reason: str) -> None:
        self.filtered[reason] = self.filtered.get(reason, 0) + 1


class RowError(ValueError):
    """A cell of one row that cannot be read: the message names the column."""


# -- cell values ----------------------------------------------------------------------------
def cell_text(value: Any) -> str:
    """A cell as text: calamine gives whole numbers as floats (110.0), dates as date objects."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    elif isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()[:10]
    return clean_text(str(value)).strip()


def multi_values(value: Any, separator: str = "\n") -> tuple[str, ...]:
    """'- a\\n- b' (UHRI) or 'a|b' (Uwazi) -> ('a', 'b'); the '- ' prefix goes, single values too."""
    text = value if isinstance(value, (list, tuple)) else cell_text(value).split(separator)
    out = []
    for item in text:
        item = cell_text(item)
        if item.startswith(("- ", "-\t", "• ")):
            item = item[2:].strip()
        elif item == "-":
            item = ""
        if item and item not in out:
            out.append(item)
    return tuple(out)


def split_paragraph(text: str) -> tuple[str, str]:
    """'110.23 Ratify...' or '110.23Ratify...' -> ('110.23', 'Ratify...'); no number -> ('', text)."""
    match = _PARAGRAPH.match(text)
    if not match or match.end() >= len(text):
        return "", text
    return match.group(1), text[match.end():].lstrip()


def excel_date(value: Any, column: str) -> str:
    """An Excel serial number (days since 1899-12-30), a date cell or ISO text -> 'YYYY-MM-DD'."""
    if value is None or value == "":
        return ""
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()[:10]
    if isinstance(value, (int, float)) or (isinstance(value, str) and re.fullmatch(r"\s*\d+(\.\d+)?\s*", value)):
        serial = float(value)
        if not 1 <= serial < 2958466:  # Excel's own range: 1900-01-01 to 9999-12-31
            raise RowError(f"column '{column}': {value!r} is not a date")
        return (EXCEL_EPOCH + dt.timedelta(days=int(serial))).isoformat()
    text = cell_text(value)
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})", text)
    if match:
        try:
            return dt.date(*map(int, match.groups())).isoformat()
        except ValueError:
            pass
    raise RowError(f"column '{column}': {text[:40]!r} is not a date")


def sdg_values(values: Iterable[str]) -> tuple[tuple[int, ...], tuple[str, ...]]:
    """'4.1 - By 2030, ensure...' -> goal 4, target '4.1'; '16 - Peace...' -> goal 16 only."""
    goals, targets = set(), []
    for value in values:
        match = _SDG.match(value)
        if not match:
            continue
        goal = int(match.group(1))
        if not 1 <= goal <= 17:
            continue
        goals.add(goal)
        if match.group(2):
            target = f"{goal}.{match.group(2).lower()}"
            if is_sdg_target(target) and target not in targets:
                targets.append(target)
    return tuple(sorted(goals)), tuple(targets)


def position_value(value: Any, column: str) -> str:
    text = cell_text(" ".join(multi_values(value))).casefold()
    if not text:
        return ""  # older cycles: no position recorded
    if text.startswith(("support", "accept")):
        return "supported"
    if text.startswith("noted"):
        return "noted"
    raise RowError(f"column '{column}': {text[:40]!r} is neither Supported nor Noted")


def cycle_of_session(session: int) -> int:
    """UPR Working Group sessions per cycle: 1-12, 13-26, 27-40, 41-54, then 14 a cycle."""
    if session <= 12:
        return 1
    return 2 + (session - 13) // 14


def session_value(value: Any) -> tuple[str, int | None]:
    text = cell_text(" ".join(multi_values(value)))
    match = _SESSION.search(text)
    if not match:
        return "", None
    number = int(match.group(1))
    return str(number), cycle_of_session(number) if number >= 1 else None


def html_text(value: Any) -> str:
    """The JSON export's HTML text as plain text: tags dropped, entities decoded."""
    text = _BLOCK_TAG.sub("\n", str(value or ""))
    text = html.unescape(_TAG.sub("", text))
    text = re.sub(r"[ \t\u00a0]+", " ", text)
    return clean_text(re.sub(r"\n\s*\n+", "\n", text)).strip()


def _fold(value: str) -> str:
    return unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode().casefold().strip()


def country_matches(wanted: str, countries: Iterable[str]) -> bool:
    wanted = _fold(wanted)
    return any(_fold(c) == wanted for c in countries)


def _check_text(text: str, column: str) -> str:
    if not text:
        raise RowError(f"column '{column}' is empty")
    if excel_length(text) > MAX_TEXT_LENGTH:
        raise RowError(f"column '{column}' is longer than {MAX_TEXT_LENGTH:,} characters")
    return text


def _check_key(value: str, column: str) -> str:
    if value and not _UUID.match(value):
        raise RowError(f"column '{column}': {value[:40]!r} is not an annotation id (a UUID)")
    return value.lower()


def _apply_filters(read: SourceRead, row: SourceRow, filters: Filters) -> bool:
    if filters.body and not any(_fold(filters.body) == _fold(b) for b in row.body.split("\n") if b):
        read.skip(f"recommending body is not {filters.body}")
        return False
    if filters.cycle is not None:
        if row.cycle is None:
            read.skip("no UPR session, so no cycle")
            return False
        if row.cycle != filters.cycle:
            read.skip(f"not cycle {filters.cycle}")
            return False
    return True


# -- UHRI XLSX -------------------------------------------------------------------------------
def header_map(path: Path, header: list[Any], columns: dict[str, tuple[str, ...]],
               required: tuple[str, ...], what: str) -> dict[str, int]:
    names = [re.sub(r"\s+", " ", cell_text(h)).casefold() for h in header]
    found = {}
    for key, spellings in columns.items():
        for index, name in enumerate(names):
            if name in spellings:
                found[key] = index
                break
    missing = [columns[key][0] for key in required if key not in found]
    if missing:
        columns_missing = ", ".join(repr(m.title()) for m in missing)
        raise InputError(f"{path.name}: not a {what}: no column {columns_missing} in the first row").keyed(
            "catalog_columns_missing", file=path.name, columns=columns_missing)
    return found


def read_uhri_rows(path: Path, rows: list[list[Any]], filters: Filters) -> SourceRead:
    """The sheet's rows (header first) of a UHRI XLSX export."""
    read = SourceRead(path, UHRI_XLSX)
    if not rows:
        raise InputError(f"{path.name}: the first sheet is empty").keyed("catalog_sheet_empty", file=path.name)
    cols = header_map(path, rows[0], UHRI_COLUMNS, UHRI_REQUIRED, "UHRI export")
    country_col = cols["countries"]
    country = filters.country or ""
    wanted = _fold(country) if country else None
    for number, values in enumerate(rows[1:], start=2):
        if not any(v not in (None, "") for v in values):
            continue  # trailing blank rows
        read.total_rows += 1
        if wanted is not None:
            cell = values[country_col] if country_col < len(values) else None
            # Cheap test first: most rows of a whole-index download are about other countries.
            if not isinstance(cell, str) or wanted not in _fold(cell) or \
                    not country_matches(country, multi_values(cell)):
                read.skip(f"country is not {country}")
                continue

        def get(key: str, values: list[Any] = values) -> Any:
            index = cols.get(key)
            return values[index] if index is not None and index < len(values) else None

        try:
            session, cycle = session_value(get("session"))
            paragraph, text = split_paragraph(cell_text(get("text")))
            goals, targets = sdg_values(multi_values(get("sdgs")))
            row = SourceRow(
                row=number, text=_check_text(text, "Text"), paragraph=paragraph,
                source_key=_check_key(cell_text(get("key")), "OHCHR Annotation Id"),
                position=position_value(get("position"), "UPR Position"),
                recommending_states=multi_values(get("states")), themes=multi_values(get("themes")),
                sdgs=goals, sdg_targets=targets, affected_persons=multi_values(get("affected")),
                document_symbol=" ".join(multi_values(get("symbol"))), session=session, cycle=cycle,
                body="\n".join(multi_values(get("body"))), countries=multi_values(get("countries")),
                published=excel_date(get("uhri_date"), "Date of publication on UHRI"),
            )
        except RowError as error:
            read.bad_rows.append((number, str(error)))
            continue
        if _apply_filters(read, row, filters):
            read.rows.append(row)
    return read


def read_uhri_xlsx(path: str | Path, filters: Filters) -> SourceRead:
    from consultation_app.exchange.safety import open_checked

    path = Path(path)
    workbook = open_checked(path)
    try:
        rows = workbook.get_sheet_by_index(0).to_python(skip_empty_area=False)
    except Exception as error:  # calamine's own errors: damaged XML and the like
        raise InputError(f"{path.name}: the first sheet cannot be read ({error})").keyed(
            "catalog_first_sheet", file=path.name, error=error) from None
    return read_uhri_rows(path, rows, filters)


# -- UHRI JSON -------------------------------------------------------------------------------
def _read_bytes(path: Path, limit: int) -> bytes:
    try:
        size = path.stat().st_size
        if size > limit:
            raise InputError(f"{path.name}: {size:,} bytes is too large").keyed("catalog_too_large", file=path.name,
                                                                                size=f"{size:,}")
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file").keyed("file_missing", file=path) from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder, not a file").keyed("file_is_folder", file=path) from None
    except OSError as error:
        raise InputError(f"{path}: cannot be read ({error.strerror or error})").keyed(
            "file_unreadable", file=path, error=error.strerror or error) from None


def _json_list(value: Any) -> tuple[str, ...]:
    """A JSON field that is a list, a list of {"Name": ...} objects, or one '- ' prefixed text."""
    if value is None:
        return ()
    if isinstance(value, list):
        items = [v.get("Name") or v.get("name") or v.get("Title") or "" if isinstance(v, dict) else str(v)
                 for v in value]
        return multi_values(items)
    return multi_values(value)


def read_uhri_json(path: str | Path, filters: Filters) -> SourceRead:
    path = Path(path)
    try:
        data = json.loads(_read_bytes(path, MAX_JSON_BYTES).decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise InputError(f"{path.name}: not UTF-8 text").keyed("catalog_not_utf8", file=path.name) from None
    except json.JSONDecodeError as error:
        raise InputError(f"{path.name}: not valid JSON (line {error.lineno}, column {error.colno}: "
                         f"{error.msg})").keyed("catalog_not_json", file=path.name, line=error.lineno,
                                                column=error.colno) from None
    if isinstance(data, dict):  # an API page: {"value": [...]} or {"data": [...]} (a guess)
        data = next((data[k] for k in ("value", "data", "results", "items") if isinstance(data.get(k), list)),
                    None)
    if not isinstance(data, list):
        raise InputError(f"{path.name}: not a UHRI JSON export (expected a list of records)").keyed(
            "catalog_not_uhri_json", file=path.name)
    read = SourceRead(path, UHRI_JSON)
    for number, record in enumerate(data, start=1):
        read.total_rows += 1
        if not isinstance(record, dict) or "AnnotationId" not in record and "Text" not in record:
            read.bad_rows.append((number, "not a UHRI record (no AnnotationId or Text)"))
            continue
        countries = _json_list(record.get("Countries"))
        if filters.country and not country_matches(filters.country, countries):
            read.skip(f"country is not {filters.country}")
            continue
        try:
            session, cycle = session_value(record.get("UprSession") or record.get("Session"))
            paragraph, text = split_paragraph(html_text(record.get("Text")))
            goals, targets = sdg_values(_json_list(record.get("Sdgs")))
            row = SourceRow(
                row=number, text=_check_text(text, "Text"), paragraph=paragraph,
                source_key=_check_key(cell_text(record.get("AnnotationId")), "AnnotationId"),
                position=position_value(record.get("UprPosition") or record.get("Position"), "UprPosition"),
                recommending_states=_json_list(record.get("UprRecommendingStates") or
                                               record.get("RecommendingStates")),
                themes=_json_list(record.get("Themes")), sdgs=goals, sdg_targets=targets,
                affected_persons=_json_list(record.get("AffectedPersons")),
                document_symbol=cell_text(record.get("Symbol")), session=session, cycle=cycle,
                body="\n".join(_json_list(record.get("Body"))), countries=countries,
                published=excel_date((cell_text(record.get("PublicationDate")) or "")[:10] or None,
                                     "PublicationDate"),
            )
        except RowError as error:
            read.bad_rows.append((number, str(error)))
            continue
        if _apply_filters(read, row, filters):
            read.rows.append(row)
    return read


# -- UPR Info (Uwazi) CSV ---------------------------------------------------------------------
UWAZI_COLUMNS = {
    "title": ("title",),
    "template": ("template",),
    "state": ("state under review", "state under review (sur)", "country"),
    "states": ("recommending state", "recommending states", "recommending state(s)"),
    "position": ("response", "response: supported/noted", "position"),
    "themes": ("issues", "issue", "themes"),
    "session": ("session",),
    "cycle": ("cycle",),
    "date": ("date added",),
    "paragraph": ("paragraph", "recommendation number"),
}


def read_uwazi_csv(path: str | Path, filters: Filters) -> SourceRead:
    path = Path(path)
    data = _read_bytes(path, MAX_CSV_BYTES)
    try:
        text = data.decode("utf-8-sig")  # Uwazi writes UTF-8; Excel re-saves add a BOM
    except UnicodeDecodeError:
        raise InputError(f"{path.name}: not UTF-8 text (save the CSV as UTF-8)").keyed(
            "catalog_not_utf8", file=path.name) from None
    first_line = text.split("\n", 1)[0]
    # A guess: Excel re-saves a CSV with ';' where the decimal separator is a comma.
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise InputError(f"{path.name}: not a readable CSV file ({error})").keyed(
            "catalog_not_csv", file=path.name, error=str(error)) from None
    if not rows:
        raise InputError(f"{path.name}: the file is empty").keyed("catalog_file_empty", file=path.name)
    cols = header_map(path, rows[0], UWAZI_COLUMNS, ("title",), "UPR Info (Uwazi) CSV export")
    read = SourceRead(path, UWAZI_CSV)
    for number, values in enumerate(rows[1:], start=2):
        if not any(v.strip() for v in values):
            continue
        read.total_rows += 1

        def get(key: str, values: list[str] = values) -> str:
            index = cols.get(key)
            return values[index] if index is not None and index < len(values) else ""

        countries = multi_values(get("state"), "|")
        if filters.country and not country_matches(filters.country, countries):
            read.skip(f"country is not {filters.country}")
            continue
        try:
            session, cycle = session_value(get("session"))
            cycle_text = cell_text(get("cycle"))
            if cycle_text:
                match = re.search(r"\d+", cycle_text)
                if not match:
                    raise RowError(f"column 'Cycle': {cycle_text[:40]!r} is not a cycle number")
                cycle = int(match.group())
            paragraph, text = split_paragraph(cell_text(get("title")))
            paragraph = cell_text(get("paragraph")) or paragraph
            row = SourceRow(
                row=number, text=_check_text(text, "Title"), paragraph=paragraph,
                position=position_value(" ".join(multi_values(get("position"), "|")), "Response"),
                recommending_states=multi_values(get("states"), "|"), themes=multi_values(get("themes"), "|"),
                session=session, cycle=cycle, body="UPR", countries=countries,
                published=excel_date(cell_text(get("date"))[:10] or None, "Date added"),
            )
        except RowError as error:
            read.bad_rows.append((number, str(error)))
            continue
        if _apply_filters(read, row, filters):
            read.rows.append(row)
    return read
