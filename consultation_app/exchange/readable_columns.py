"""The columns of a data sheet written for people (format 3): each enumeration's label in the
export's language where a reader looks first, and on every feedback entry and note its
consultation's title, date, group and province. The machine keys stay, further right.

The checksum and the signature cover the machine columns only (workbook_format.py), so a
readable column is never trusted: the merge stores nothing from it, and checks each one it
can against the keys in the same file (``check_readable``). A label that names another value
than its key (a label "Kampot" over the key ``takeo``), or a title or date that is not its
consultation's, refuses the file; a label the lists do not know (a list corrected since the
file was written) is ignored, with a notice. See docs/workbook-format.md.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Mapping

from consultation_app.domain.column_rows import ColumnRows
from consultation_app.domain.reference import ReferenceLists
from consultation_app.domain.text import clean_text, excerpt
from consultation_app.errors import said
from consultation_app.exchange.workbook_format import (
    _SYNC,
    _TECHNICAL,
    CONSULTATIONS,
    DATE,
    ENUM,
    ENUM_LIST,
    FEEDBACK_SHEET,
    NOTES,
    RECOMMENDATIONS,
    SHEET_COLUMNS,
    TEXT,
    Column,
)

LANGUAGES = ("en", "km")
LABEL_SUFFIX = "_label"
MAX_NOTICES = 5  # ignored labels named one by one; the rest counted


@dataclass(frozen=True)
class Readable:
    """A column for people: ``column`` as written; ``source`` the machine key it restates (of
    the row itself, or with ``context`` of the row's consultation); ``reference`` the list
    whose label it shows (None: the value as it is, a title or a date)."""
    column: Column
    source: str
    reference: str | None = None
    context: bool = False


def _label_column(machine: Column) -> Readable:
    return Readable(replace(machine, key=machine.key + LABEL_SUFFIX, kind=TEXT, reference=None,
                            wrap=True), machine.key, machine.reference)


def _key_column(machine: Column) -> Column:
    """The machine column of an enumeration, moved right: headed as a key."""
    return replace(machine, label_en=f"{machine.label_en} (key)", label_km=f"{machine.label_km} (កូដ)")


CONTEXT = (  # the consultation of a feedback entry or note, repeated on its row
    Readable(Column("consultation_title", TEXT, "Consultation", "ការពិគ្រោះយោបល់", 24, wrap=True), "title",
             context=True),
    Readable(Column("consultation_start_date", DATE, "Date", "កាលបរិច្ឆេទ", 12),
             "start_date", context=True),
    Readable(Column("consultation_group_label", TEXT, "Stakeholder group", "ក្រុមអ្នកពាក់ព័ន្ធ", 15, wrap=True),
             "stakeholder_group", "stakeholder_groups", context=True),
    Readable(Column("consultation_province_label", TEXT, "Province", "ខេត្ត", 13, wrap=True), "province",
             "provinces", context=True),
)
MACHINE_ONLY = set(_TECHNICAL) | {column.key for column in _SYNC}

# What a printed page carries, left to right, with the width (characters) it prints at: the
# columns a reader of one consultation needs, narrow enough that one A4 landscape width prints
# at about two thirds of full size (all fifteen readable feedback columns printed at about 40%, 4-point
# text: measured in tests/test_readable_columns.py). The other
# readable columns follow, on screen, outside the print area. A sheet not listed prints them all.
PRINTED = {
    FEEDBACK_SHEET: {"consultation_title": 17, "consultation_start_date": 11, "consultation_group_label": 12,
                     "consultation_province_label": 11, "recommendation_code": 14, "priority_label": 9,
                     "implementation_assessment_label": 15, "comment": 34, "quote": 28, "quote_translation": 28,
                     "suggested_actions": 27},
    CONSULTATIONS: {"title": 30, "stakeholder_group_label": 18, "province_label": 14, "start_date": 11,
                    "end_date": 11, "participants_women": 8, "participants_men": 8, "participants_other": 8,
                    "participants_youth": 8, "participants_disabilities": 10, "participants_indigenous": 10,
                    "consent_policy_label": 18, "status_label": 10, "summary": 40},
}


def _layout(sheet: str) -> tuple[tuple[Column, ...], tuple[Readable, ...], int, int]:
    """(columns in order, the readable ones, how many are printed, how many are for people)."""
    machine = SHEET_COLUMNS[sheet]
    if sheet == RECOMMENDATIONS:  # no keys to restate; the catalog id, which nobody reads, last
        ordered = tuple(c for c in machine if c.key != "catalog_id") + tuple(c for c in machine
                                                                            if c.key == "catalog_id")
        return ordered, (), len(ordered) - 1, len(ordered) - 1
    readables: list[Readable] = list(CONTEXT) if sheet in (FEEDBACK_SHEET, NOTES) else []
    shown: list[Column] = [readable.column for readable in readables]
    keys: list[Column] = []
    for column in machine:
        if column.key in MACHINE_ONLY:
            continue
        if column.kind in (ENUM, ENUM_LIST):
            readable = _label_column(column)
            readables.append(readable)
            shown.append(readable.column)
            keys.append(_key_column(column))
        else:
            shown.append(column)
    rest = [column for column in machine if column.key in MACHINE_ONLY]
    printed = PRINTED.get(sheet)
    if printed is None:
        return tuple(shown + keys + rest), tuple(readables), len(shown), len(shown)
    by_key = {column.key: column for column in shown}
    # Narrowed for print, a long text column still wraps (Column.wraps goes by width otherwise).
    first = [replace(by_key[key], width=width, wrap=by_key[key].wraps or by_key[key].wrap)
             for key, width in printed.items()]
    readables = [replace(readable, column=next((c for c in first if c.key == readable.column.key), readable.column))
                 for readable in readables]
    others = [column for column in shown if column.key not in printed]
    return tuple(first + others + keys + rest), tuple(readables), len(first), len(shown)


LAYOUTS = {sheet: _layout(sheet) for sheet in (CONSULTATIONS, FEEDBACK_SHEET, NOTES, RECOMMENDATIONS)}


def sheet_layout(sheet: str) -> tuple[tuple[Column, ...], int]:
    """The columns an export writes on ``sheet``, in order, and how many of them (from the
    left) are for people: the print area; the others are grouped at the right."""
    columns, _, printed, _ = LAYOUTS[sheet]
    return columns, printed


def people_columns(sheet: str) -> int:
    """How many columns of ``sheet``, from the left, are for people: the printed ones and the
    readable ones after them (the keys and machine columns follow)."""
    return LAYOUTS[sheet][3]


def readable_columns(sheet: str) -> tuple[Readable, ...]:
    return LAYOUTS[sheet][1] if sheet in LAYOUTS else ()


def readable_keys() -> set[str]:
    return {readable.column.key for layout in LAYOUTS.values() for readable in layout[1]}


# -- writing --------------------------------------------------------------------------------------
class Labeller:
    """Fills a row's readable columns, in one language, from the lists and the consultations."""

    def __init__(self, reference: ReferenceLists, language: str,
                 consultations: Mapping[str, Mapping[str, Any]] | None = None):
        if language not in LANGUAGES:
            raise ValueError(f"language {language!r}: expected one of {', '.join(LANGUAGES)}")
        self.labels = {name: {item.key: item.label(language) for item in reference.items(name)}
                       for name in reference.lists}
        self.consultations = consultations if consultations is not None else {}  # may fill later
        self._plans = {sheet: [(r.column.key, r.source, self.labels.get(r.reference or ""), r.context,
                                r.column.kind == DATE) for r in readable_columns(sheet)]
                       for sheet in LAYOUTS}

    def fill(self, sheet: str, row: dict[str, Any]) -> dict[str, Any]:
        """``row`` with its readable columns set (the machine values untouched)."""
        plan = self._plans[sheet]
        if not plan:
            return row
        parent = self.consultations.get(row.get("consultation_uuid") or "") if sheet != CONSULTATIONS else None
        for key, source, labels, context, is_date in plan:
            if context:
                value = parent.get(source) if parent else None
            else:
                value = row.get(source)
            if labels is not None:
                if isinstance(value, (list, tuple)):
                    row[key] = ", ".join(labels.get(item) or item for item in value)
                else:
                    row[key] = labels.get(value, value) if value else ""
            elif is_date:
                row[key] = value or None
            else:
                row[key] = value or ""
        return row


# -- checking what a file says -----------------------------------------------------------------------
@dataclass
class Found:
    """Where a sheet's data rows are: the key row's cells and each data row's index in ``rows``."""
    header: list[Any]
    body_at: list[int]


def _letter(index: int) -> str:
    letters, index = "", index + 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _as_label(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return clean_text(str(value)).strip()


def _as_date(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 1 <= value < 2958466:
        return (dt.date(1899, 12, 30) + dt.timedelta(days=int(value))).isoformat()
    return str(value).strip()[:10]


class _Names:
    """One list's labels, both languages, to tell which key a label names."""

    def __init__(self, reference: ReferenceLists, name: str):
        items = reference.items(name)
        self.by_language = [{item.key: clean_text(item.label(language)).strip() for item in items}
                            for language in LANGUAGES]
        self.named: dict[str, set[str]] = {}
        for labels in self.by_language:
            for key, label in labels.items():
                self.named.setdefault(label, set()).add(key)

    def agrees(self, text: str, value: Any, is_list: bool) -> bool | None:
        """True: the label is its key's (a list's: its keys', in order, in one language). False:
        it names other values. None: some of it is no label this app knows."""
        keys = [str(key) for key in value or ()] if is_list else ([str(value)] if value else [])
        for labels in self.by_language:
            if keys and all(key in labels for key in keys) and text == ", ".join(labels[key] for key in keys):
                return True
        parts = [part.strip() for part in text.split(", ")] if is_list else [text]
        named = [self.named.get(part) for part in parts]
        if any(keys_named is None for keys_named in named):
            return None
        return len(named) == len(keys) and all(key in (found or ()) for key, found in zip(keys, named))


def check_readable(path: Path, sheet: str, rows: list[list[Any]], found: Found, parsed: ColumnRows,
                   reference: ReferenceLists | None, consultations: Mapping[str, Mapping[str, Any]],
                   problems: list, notices: list[str], problem_type: Any) -> None:
    """Each readable column present on ``sheet`` against the keys its row holds (or its
    consultation's, when that consultation is in the same file): a disagreement is a problem,
    a label not in this app's lists a notice. Absent columns (older formats) are fine."""
    readables = readable_columns(sheet)
    if not readables or reference is None or not len(parsed):
        return
    positions: dict[str, int] = {}
    for index, cell in enumerate(found.header):
        key = cell.strip() if isinstance(cell, str) else ""
        if key and key not in positions:
            positions[key] = index
    names: dict[str, _Names] = {}
    ignored: list[str] = []
    body = [rows[index] for index in found.body_at]
    own_uuids = parsed.column("consultation_uuid") if "consultation_uuid" in parsed.keys else None
    for readable in readables:
        position = positions.get(readable.column.key)
        if position is None:
            continue
        where = f"{_letter(position)} ({readable.column.key})"
        cells = [row[position] if position < len(row) else None for row in body]
        if readable.context:
            if own_uuids is None:
                continue
            values: list[Any] = [(consultations.get(uuid) or {}).get(readable.source, _ABSENT) for uuid in own_uuids]
        else:
            values = parsed.column(readable.source)
        machine = positions.get(readable.source) if not readable.context else None
        source_where = f"column {_letter(machine)} ({readable.source})" if machine is not None else readable.source
        if readable.reference is not None:
            lists = names.setdefault(readable.reference, _Names(reference, readable.reference))
        suspects = _suspect_pairs(cells, values, readable, lists if readable.reference is not None else None)
        if not suspects:
            continue
        for offset, (cell, value) in enumerate(zip(cells, values)):
            if cell is None or cell == "" or value is _ABSENT:
                continue  # nothing said, or the consultation is not in this file: nothing to check it by
            if suspects is not _ALL and (value, cell) not in suspects:
                continue
            row_number = found.body_at[offset] + 1
            if readable.reference is None:
                if readable.column.kind == DATE:
                    shown, held = _as_date(cell), value
                else:
                    shown, held = _as_label(cell), clean_text(str(value or "")).strip()
                if shown != held:
                    problems.append(problem_type(path.name, sheet, row_number, where,
                                                 said(f"says {excerpt(shown)}, but the consultation's "
                                                      f"{readable.source} in this file is {excerpt(held)}; a readable "
                                                      f"column must agree with the data", "readable_disagrees",
                                                      shown=excerpt(shown), source=readable.source,
                                                      held=excerpt(held))))
                continue
            text = _as_label(cell)
            verdict = lists.agrees(text, value, isinstance(value, list))
            if verdict is True:
                continue
            if verdict is None:
                ignored.append(f"row {row_number}, column {where}: {excerpt(text)}")
                continue
            held_text = ", ".join(value) if isinstance(value, list) else (value or "(empty)")
            context = "the consultation's " if readable.context else ""
            problems.append(problem_type(path.name, sheet, row_number, where,
                                         said(f"the label {excerpt(text)} names another value than {context}"
                                              f"{source_where}, which holds {excerpt(held_text)}; a readable label "
                                              f"must agree with its key",
                                              "label_disagrees_consultation" if context else "label_disagrees",
                                              label=excerpt(text), source=source_where, held=excerpt(held_text))))
    if ignored:
        more = f" (and {len(ignored) - MAX_NOTICES} more)" if len(ignored) > MAX_NOTICES else ""
        listed = "; ".join(ignored[:MAX_NOTICES]) + more
        notices.append(said(f"{path.name}, sheet '{sheet}': label(s) this app's lists do not know, ignored (the keys "
                            f"were read): {listed}", "labels_ignored", file=path.name, sheet=sheet, listed=listed))


_ABSENT = object()
_ALL = frozenset({("", "")})  # a marker: look at every row


def _suspect_pairs(cells: list[Any], values: list[Any], readable: Readable, lists: _Names | None) -> frozenset:
    """The (value, cell) pairs of a column that are not plainly right. A column holds few
    distinct pairs (a label per key, a title per consultation), so each is judged once and a
    merge's 100,000 rows cost a set, not a check each; _ALL where values are lists."""
    try:
        distinct = set(zip(values, cells))
    except TypeError:  # a list of keys (languages): unhashable, and only on consultations
        return _ALL
    suspects = set()
    for value, cell in distinct:
        if cell is None or cell == "" or value is _ABSENT:
            continue
        if readable.reference is not None and lists is not None:
            if isinstance(cell, str) and lists.agrees(_as_label(cell), value, False) is True:
                continue
        elif readable.column.kind == DATE:
            if _as_date(cell) == value:
                continue
        elif _as_label(cell) == clean_text(str(value or "")).strip():
            continue
        suspects.add((value, cell))
    return frozenset(suspects)


def consultation_context(parsed: ColumnRows | None) -> dict[str, dict[str, Any]]:
    """The consultations of a file, by uuid (tombstones too: their context is empty), which the
    context columns of its other sheets restate."""
    if parsed is None or not len(parsed):
        return {}
    return {row["uuid"]: row for row in parsed}
