"""The export workbook format (``upr-consultation-export``), shared by writer and reader.

Machine keys are stable ASCII; English and Khmer labels stand above them. The checksum
covers canonical values only, so a re-save that changes no values (styles, column order,
numbers stored as text, dates as serial numbers) keeps it. See docs/workbook-format.md.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import operator
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Sequence

from consultation_app.domain.column_rows import ColumnRows
from consultation_app.domain.records import CONSULTATION, FEEDBACK, NOTE, RecordKind

FORMAT_NAME = "upr-consultation-export"
# 2: a deleted record travels without its content; 3: a 'consents' sheet, signed through
# extras_sha256 (docs/workbook-format.md)
FORMAT_VERSION = 3
READABLE_FORMAT_VERSIONS = (1, 2, 3)
TEMPLATE_FORMAT_NAME = "upr-capture-template"

COVER, MANIFEST, LISTS = "cover", "manifest", "lists"
CONSULTATIONS, FEEDBACK_SHEET, NOTES, RECOMMENDATIONS = "consultations", "feedback", "notes", "recommendations"
DATA_SHEETS = (CONSULTATIONS, FEEDBACK_SHEET, NOTES, RECOMMENDATIONS)
RECORD_SHEETS = {CONSULTATIONS: CONSULTATION, FEEDBACK_SHEET: FEEDBACK, NOTES: NOTE}

# Column kinds as they appear in a workbook.
TEXT, INT, BOOL, DATE, ENUM, ENUM_LIST, TIMESTAMP = "text", "int", "bool", "date", "enum", "enum_list", "timestamp"


@dataclass(frozen=True)
class Column:
    key: str
    kind: str
    label_en: str
    label_km: str
    width: int = 14
    reference: str | None = None  # the reference list an enumeration draws from

    @property
    def wraps(self) -> bool:
        return self.kind == TEXT and self.width >= 30


_SYNC = (
    Column("uuid", TEXT, "Record id", "លេខសម្គាល់កំណត់ត្រា", 38),
    Column("device_id", TEXT, "Device id", "លេខសម្គាល់ឧបករណ៍", 38),
    Column("revision", INT, "Revision", "កំណែ", 9),
    Column("created_at", TIMESTAMP, "Created (UTC)", "បង្កើតនៅ (UTC)", 24),
    Column("updated_at", TIMESTAMP, "Updated (UTC)", "កែប្រែនៅ (UTC)", 24),
    Column("deleted", BOOL, "Deleted", "បានលុប", 9),
    Column("content_hash", TEXT, "Content hash", "សញ្ញាសម្គាល់ខ្លឹមសារ", 20),
)

_LABELS: dict[str, tuple[str, str, int]] = {
    # key: (English, Khmer, width)
    "title": ("Title", "ចំណងជើង", 34),
    "catalog_id": ("Catalog", "បញ្ជីអនុសាសន៍", 20),
    "stakeholder_group": ("Stakeholder group", "ក្រុមអ្នកពាក់ព័ន្ធ", 22),
    "stakeholder_group_detail": ("Group detail", "ព័ត៌មានលម្អិតអំពីក្រុម", 22),
    "province": ("Province", "ខេត្ត", 18),
    "district": ("District", "ស្រុក", 16),
    "commune": ("Commune", "ឃុំ", 16),
    "venue": ("Venue", "ទីកន្លែង", 20),
    "start_date": ("Start date", "ថ្ងៃចាប់ផ្តើម", 12),
    "end_date": ("End date", "ថ្ងៃបញ្ចប់", 12),
    "facilitator": ("Facilitator", "អ្នកសម្របសម្រួល", 18),
    "note_taker": ("Note-taker", "អ្នកកត់ត្រា", 18),
    "languages": ("Languages used", "ភាសាដែលប្រើ", 16),
    "interpretation": ("Interpretation", "ការបកប្រែផ្ទាល់មាត់", 16),
    "participants_women": ("Women", "ស្ត្រី", 9),
    "participants_men": ("Men", "បុរស", 9),
    "participants_other": ("Other or undisclosed", "ផ្សេងទៀត ឬមិនបញ្ជាក់", 11),
    "participants_youth": ("of whom youth", "ក្នុងនោះយុវជន", 11),
    "participants_disabilities": ("of whom persons with disabilities", "ក្នុងនោះជនមានពិការភាព", 13),
    "participants_indigenous": ("of whom indigenous", "ក្នុងនោះជនជាតិដើមភាគតិច", 13),
    "organisations": ("Organisations represented", "អង្គការដែលចូលរួម", 30),
    "consent_policy": ("Consent and attribution", "ការយល់ព្រម និងការបញ្ជាក់ប្រភព", 24),
    "summary": ("Summary", "សេចក្តីសង្ខេប", 40),
    "status": ("Status", "ស្ថានភាព", 10),
    "consultation_uuid": ("Consultation id", "លេខសម្គាល់ការពិគ្រោះយោបល់", 38),
    "recommendation_code": ("Recommendation", "អនុសាសន៍", 14),
    "priority": ("Priority", "អាទិភាព", 12),
    "implementation_assessment": ("Implementation assessment", "ការវាយតម្លៃការអនុវត្ត", 22),
    "comment": ("Comment", "មតិយោបល់", 50),
    "quote": ("Verbatim quote", "សម្រង់សម្តី", 40),
    "quote_translation": ("Quote translation", "ការបកប្រែសម្រង់", 40),
    "suggested_actions": ("Suggested actions", "សកម្មភាពដែលបានស្នើ", 40),
    "responsible_institutions": ("Responsible institutions", "ស្ថាប័នទទួលខុសត្រូវ", 30),
    "attribution": ("Attribution", "ការបញ្ជាក់ប្រភព", 16),
    "attributed_to": ("Attributed to", "ប្រភពពី", 20),
    "sensitive": ("Sensitive", "រសើប", 10),
    "theme": ("Theme", "ប្រធានបទ", 24),
    "text": ("Text", "អត្ថបទ", 60),
}

_KIND_MAP = {"text": TEXT, "int": INT, "bool": BOOL, "date": DATE, "enum": ENUM, "enum_list": ENUM_LIST}


# Ids a person does not read: after the readable columns, before the sync columns.
_TECHNICAL = ("consultation_uuid", "catalog_id")


def record_columns(kind: RecordKind) -> tuple[Column, ...]:
    """Readable columns first (what a person opens the file for), then ids and sync fields."""
    readable: list[Column] = []
    technical: list[Column] = []
    for field in kind.fields:
        en, km, width = _LABELS[field.name]
        column = Column(field.name, _KIND_MAP[field.kind], en, km, width, field.reference)
        (technical if field.name in _TECHNICAL else readable).append(column)
    return tuple(readable) + tuple(technical) + _SYNC


def readable_column_count(sheet: str) -> int:
    """How many leading columns are for people: the print area of a data sheet."""
    columns = SHEET_COLUMNS[sheet]
    technical = set(_TECHNICAL) | {column.key for column in _SYNC}
    return next((i for i, column in enumerate(columns) if column.key in technical), len(columns))


RECOMMENDATION_COLUMNS = (
    Column("catalog_id", TEXT, "Catalog", "បញ្ជីអនុសាសន៍", 20),
    Column("code", TEXT, "Code", "លេខកូដ", 10),
    Column("part", TEXT, "Part", "ផ្នែក", 30),
    Column("section", TEXT, "Section", "ផ្នែករង", 24),
    Column("theme", TEXT, "Theme", "ប្រធានបទ", 30),
    Column("text", TEXT, "Recommendation", "អនុសាសន៍", 70),
    Column("text_km", TEXT, "Recommendation (Khmer, unofficial)", "អនុសាសន៍ (ខ្មែរ មិនផ្លូវការ)", 60),
    Column("sdgs", TEXT, "SDGs", "គោលដៅអភិវឌ្ឍន៍ប្រកបដោយចីរភាព", 10),
)

SHEET_COLUMNS: dict[str, tuple[Column, ...]] = {
    CONSULTATIONS: record_columns(CONSULTATION),
    FEEDBACK_SHEET: record_columns(FEEDBACK),
    NOTES: record_columns(NOTE),
    RECOMMENDATIONS: RECOMMENDATION_COLUMNS,
}
SHEET_ROW_KEY = {CONSULTATIONS: "uuid", FEEDBACK_SHEET: "uuid", NOTES: "uuid", RECOMMENDATIONS: "code"}
HEADER_ROW = 2  # 1-based: labels in row 1, machine keys in row 2, data from row 3

# Strings a spreadsheet would otherwise take as a formula (OWASP's CSV-injection set).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def canonical(column: Column, value: Any) -> Any:
    """The value as the checksum sees it, whatever its storage (list, tuple, bool, None)."""
    if column.kind == ENUM_LIST:
        return list(value or ())
    if column.kind == BOOL:
        return bool(value)
    if column.kind == INT:
        return int(value or 0)
    if column.kind in (ENUM, DATE):
        return value or None
    return "" if value is None else value


def canonical_row(sheet: str, row: dict[str, Any]) -> dict[str, Any]:
    return {column.key: canonical(column, row.get(column.key)) for column in SHEET_COLUMNS[sheet]}


_SORTED_COLUMNS = {sheet: sorted(columns, key=lambda column: column.key) for sheet, columns in SHEET_COLUMNS.items()}
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def _c_encode() -> Callable[[Any, int], tuple[str, ...]] | None:
    """CPython's C JSON encoder made once, with the settings of ``_ENCODER`` (a merge encodes
    100,000 rows: made at every call it costs 40% more); called as ``encode(values, 0)`` it
    returns the text's pieces. None where the C encoder is missing."""
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:
        return None
    return make(None, _ENCODER.default, json.encoder.encode_basestring, None, ":", ",", False, False, True)


_C_ENCODE = _c_encode()


def _encode_lines(rows: Iterable[Sequence[Any]]) -> Iterable[str]:
    """Each row's values as the same JSON text as ``_ENCODER.encode(list(values))``; with the C
    encoder, without a line of Python per row."""
    if _C_ENCODE is None:
        return map(_dumps, rows)
    return map("".join, map(_C_ENCODE, rows, itertools.repeat(0)))


def _dumps(values: Sequence[Any]) -> str:
    """One row's line: the same text as ``_ENCODER.encode(list(values))``."""
    return "".join(_C_ENCODE(values, 0)) if _C_ENCODE is not None else _ENCODER.encode(list(values))




_SORTED_GETTERS = {sheet: operator.itemgetter(*(column.key for column in columns))
                   for sheet, columns in _SORTED_COLUMNS.items()}


def _line(sheet: str, row: dict[str, Any]) -> tuple[str, str]:
    """One row as the checksum sees it: the canonical values in the order of their sorted keys."""
    values = [canonical(column, row.get(column.key)) for column in _SORTED_COLUMNS[sheet]]
    return str(row.get(SHEET_ROW_KEY[sheet]) or ""), _dumps(values)


def _stored_line(sheet: str, row: dict[str, Any]) -> tuple[str, str]:
    """The same line for a row read from the store, whose values are canonical already (its
    schema has no NULL text or numbers; tuples encode as JSON arrays): the export's hot path.
    The round-trip tests hold the two functions to the same result for every field."""
    return row[SHEET_ROW_KEY[sheet]], _dumps(_SORTED_GETTERS[sheet](row))


class ContentHasher:
    """SHA-256 over the canonical values of every data sheet: sheets in a fixed order, rows
    sorted by their key, columns by name. Independent of layout, style and row order.

    ``add`` takes rows in any order (a file a person re-sorted) and sorts them at the end;
    ``add_sorted`` streams rows that already come in key order (an export reading the
    database in uuid order) and holds nothing in memory.
    """

    def __init__(self) -> None:
        self._digest = hashlib.sha256()
        self._buffered: dict[str, list[tuple[str, str]]] = {sheet: [] for sheet in DATA_SHEETS}
        self._opened = 0  # sheets (in DATA_SHEETS order) already fed to the digest
        self._streaming: str | None = None
        self._last_key: str | None = None

    def _open_through(self, sheet: str) -> None:
        target = DATA_SHEETS.index(sheet)
        while self._opened <= target:
            name = DATA_SHEETS[self._opened]
            lines = sorted(self._buffered.pop(name))
            # One update of the same bytes as a line at a time: "#name", then each line, each ending in \n.
            text = "\n".join([f"#{name}", *map(operator.itemgetter(1), lines), ""])
            self._digest.update(text.encode("utf-8"))
            self._opened += 1

    def add_sorted(self, sheet: str, row: dict[str, Any]) -> None:
        if sheet != self._streaming:
            if DATA_SHEETS.index(sheet) < self._opened:
                raise ValueError(f"rows of {sheet} come after that sheet was finished")
            self._open_through(sheet)
            self._streaming, self._last_key = sheet, None
        key, line = _stored_line(sheet, row)
        if self._last_key is not None and key <= self._last_key:
            raise ValueError(f"{sheet}: add_sorted needs rows in increasing key order")
        self._last_key = key
        self._digest.update(line.encode("utf-8") + b"\n")

    def add(self, sheet: str, row: dict[str, Any]) -> None:
        if DATA_SHEETS.index(sheet) < self._opened:
            raise ValueError(f"rows of {sheet} come after that sheet was finished")
        self._buffered[sheet].append(_line(sheet, row))

    def add_columns(self, sheet: str, rows: ColumnRows) -> None:
        """Like add, for a whole sheet whose values are canonical already (as the reader gives
        them), taken column by column."""
        if DATA_SHEETS.index(sheet) < self._opened:
            raise ValueError(f"rows of {sheet} come after that sheet was finished")
        lines = _encode_lines(rows.tuples(column.key for column in _SORTED_COLUMNS[sheet]))
        self._buffered[sheet].extend(zip(rows.column(SHEET_ROW_KEY[sheet]), lines))

    def add_all(self, sheet: str, rows: Iterable[dict[str, Any]]) -> None:
        for row in rows:
            self.add(sheet, row)

    def hexdigest(self) -> str:
        self._open_through(DATA_SHEETS[-1])
        return self._digest.hexdigest()
