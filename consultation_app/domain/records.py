"""What the field records: consultations, feedback on recommendations, free notes.

Every record is sync-ready from its first day: a device-made UUID, the id of the
device that made it, a revision that grows with each change, UTC times (for people,
never for ordering merges), a tombstone flag for deletions and a content hash.
Participants are counted, never named.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid as uuid_module
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from consultation_app.domain.reference import ReferenceLists
from consultation_app.domain.text import MAX_TEXT_LENGTH, clean_text, excel_length, excerpt
from consultation_app.errors import reason, said

TEXT, INT, BOOL, DATE, ENUM, ENUM_LIST = "text", "int", "bool", "date", "enum", "enum_list"


@dataclass(frozen=True)
class Field:
    name: str
    kind: str
    reference: str | None = None  # the reference list an enum draws from
    default: Any = None


@dataclass(frozen=True)
class RecordKind:
    table: str
    fields: tuple[Field, ...]

    @cached_property  # asked for on every write: computed once
    def field_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)


PARTICIPANT_TOTAL_PARTS = ("participants_women", "participants_men", "participants_other")
PARTICIPANT_SUBSETS = ("participants_youth", "participants_disabilities", "participants_indigenous")

CONSULTATION = RecordKind(
    "consultations",
    (
        Field("title", TEXT, default=""),
        Field("catalog_id", TEXT, default=""),
        Field("stakeholder_group", ENUM, "stakeholder_groups"),
        Field("stakeholder_group_detail", TEXT, default=""),
        Field("province", ENUM, "provinces"),
        Field("district", TEXT, default=""),
        Field("commune", TEXT, default=""),
        Field("venue", TEXT, default=""),
        Field("start_date", DATE),
        Field("end_date", DATE),
        Field("facilitator", TEXT, default=""),
        Field("note_taker", TEXT, default=""),
        Field("languages", ENUM_LIST, "languages", default=()),
        Field("interpretation", TEXT, default=""),
        *(Field(name, INT, default=0) for name in PARTICIPANT_TOTAL_PARTS + PARTICIPANT_SUBSETS),
        Field("organisations", TEXT, default=""),
        Field("consent_policy", ENUM, "consent_policies"),
        Field("summary", TEXT, default=""),
        Field("status", ENUM, "consultation_status", default="draft"),
    ),
)

FEEDBACK = RecordKind(
    "feedback",
    (
        Field("consultation_uuid", TEXT),
        Field("catalog_id", TEXT, default=""),
        Field("recommendation_code", TEXT),
        Field("priority", ENUM, "priorities"),
        Field("implementation_assessment", ENUM, "implementation_assessments"),
        Field("comment", TEXT, default=""),
        Field("quote", TEXT, default=""),
        Field("quote_translation", TEXT, default=""),
        Field("suggested_actions", TEXT, default=""),
        Field("responsible_institutions", TEXT, default=""),
        Field("attribution", ENUM, "attribution", default="anonymous"),
        Field("attributed_to", TEXT, default=""),
        Field("sensitive", BOOL, default=False),
    ),
)

NOTE = RecordKind(
    "notes",
    (
        Field("consultation_uuid", TEXT),
        Field("theme", TEXT, default=""),
        Field("title", TEXT, default=""),
        Field("text", TEXT, default=""),
        Field("sensitive", BOOL, default=False),
    ),
)

RECORD_KINDS = {kind.table: kind for kind in (CONSULTATION, FEEDBACK, NOTE)}
SYNC_FIELDS = ("uuid", "device_id", "revision", "created_at", "updated_at", "deleted", "content_hash")


class ValidationError(ValueError):
    """One or more fields are wrong; ``problems`` maps field name to message."""

    def __init__(self, problems: dict[str, str]):
        self.problems = problems
        super().__init__("; ".join(f"{name}: {message}" for name, message in problems.items()))


def new_uuid() -> str:
    return str(uuid_module.uuid4())


# The largest whole number kept: a spreadsheet cell (a double) holds whole numbers exactly up to
# here, and SQLite's integers stop at 2**63 - 1 (a larger one stopped a whole merge run).
MAX_WHOLE_NUMBER = 2 ** 53 - 1


def utc_now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _not_whole(value: Any) -> str:
    return said(f"must be a whole number, not {excerpt(value)}", "value_whole_number", found=excerpt(value))


def _coerce(field: Field, value: Any, reference: ReferenceLists | None) -> Any:
    """Return the value in its canonical Python form or raise ValueError with a reason."""
    if field.kind == TEXT:
        if value is None:
            return None if field.default is None else ""
        text = clean_text(str(value))
        if excel_length(text) > MAX_TEXT_LENGTH:
            raise ValueError(said(f"is {excel_length(text):,} characters long as Excel counts them; "
                                  f"the limit is {MAX_TEXT_LENGTH:,}", "cell_too_long",
                                  length=f"{excel_length(text):,}", limit=f"{MAX_TEXT_LENGTH:,}"))
        return text
    if field.kind == INT:
        if value in (None, ""):
            return 0
        if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
            raise ValueError(_not_whole(value))
        try:
            number = int(value)
        except (TypeError, ValueError):
            raise ValueError(_not_whole(value)) from None
        if number < 0:
            raise ValueError(said("cannot be negative", "value_negative"))
        if number > MAX_WHOLE_NUMBER:
            raise ValueError(said(f"must be at most {MAX_WHOLE_NUMBER:,}, not {excerpt(value)}", "value_at_most",
                                  limit=f"{MAX_WHOLE_NUMBER:,}", found=excerpt(value)))
        return number
    if field.kind == BOOL:
        if isinstance(value, str):
            lowered = value.strip().lower()
            if lowered in ("1", "true", "yes"):
                return True
            if lowered in ("", "0", "false", "no"):
                return False
            raise ValueError(said(f"must be yes or no, not {excerpt(value)}", "value_yes_no", found=excerpt(value)))
        return bool(value)
    if field.kind == DATE:
        if value in (None, ""):
            return None
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return value.isoformat()
        try:
            return dt.date.fromisoformat(str(value).strip()).isoformat()
        except ValueError:
            raise ValueError(said(f"must be a date (YYYY-MM-DD), not {excerpt(value)}", "value_date",
                                  found=excerpt(value))) from None
    if field.kind == ENUM:
        if value in (None, ""):
            return None
        value = str(value)
        if reference is not None and field.reference is not None:
            allowed = reference.keys(field.reference)
            if value not in allowed:
                raise ValueError(said(f"{excerpt(value)} is not one of {', '.join(allowed)}", "value_not_one_of",
                                      found=excerpt(value), allowed=", ".join(allowed)))
        return value
    if field.kind == ENUM_LIST:
        if value in (None, ""):
            return ()
        raw_items = value.split(",") if isinstance(value, str) else list(value)
        items = tuple(dict.fromkeys(str(item).strip() for item in raw_items if str(item).strip()))
        if reference is not None and field.reference is not None:
            allowed = reference.keys(field.reference)
            unknown = [item for item in items if item not in allowed]
            if unknown:
                raise ValueError(said(f"{', '.join(unknown)} not in the list of {field.reference}",
                                      "value_not_in_list", found=", ".join(unknown), list=field.reference))
        return items
    raise AssertionError(f"unknown field kind {field.kind}")


def normalise(kind: RecordKind, values: dict[str, Any], reference: ReferenceLists | None) -> dict[str, Any]:
    """Coerce every known field; raise ValidationError naming each bad or unknown field."""
    problems: dict[str, str] = {}
    result: dict[str, Any] = {}
    for name in values:
        if name not in kind.field_names:
            problems[name] = "is not a field of " + kind.table
    for field in kind.fields:
        if field.name not in values:
            continue
        try:
            result[field.name] = _coerce(field, values[field.name], reference)
        except ValueError as error:
            problems[field.name] = reason(error)
    if problems:
        raise ValidationError(problems)
    return result


def defaults(kind: RecordKind) -> dict[str, Any]:
    return {field.name: field.default for field in kind.fields}


def check_consultation(values: dict[str, Any]) -> dict[str, str]:
    """Rules across fields of a consultation (counts add up, dates in order)."""
    problems: dict[str, str] = {}
    total = sum(int(values.get(name) or 0) for name in PARTICIPANT_TOTAL_PARTS)
    for name in PARTICIPANT_SUBSETS:
        if int(values.get(name) or 0) > total:
            problems[name] = said(f"is more than the {total} participants (women + men + other)",
                                  "value_more_than_participants", total=total)
    start, end = values.get("start_date"), values.get("end_date")
    if start and end and end < start:
        problems["end_date"] = said("is before the start date", "value_before_start")
    return problems


def check_ready_to_finalise(values: dict[str, Any]) -> dict[str, str]:
    """What a consultation must hold before it can be marked final."""
    problems = check_consultation(values)
    for name in ("stakeholder_group", "province", "start_date"):
        if not values.get(name):
            problems[name] = "is required before finalising"
    if sum(int(values.get(name) or 0) for name in PARTICIPANT_TOTAL_PARTS) == 0:
        problems["participants_women"] = "no participants counted"
    return problems


def participant_total(values: dict[str, Any]) -> int:
    return sum(int(values.get(name) or 0) for name in PARTICIPANT_TOTAL_PARTS)


def canonical_value(value: Any) -> Any:
    if isinstance(value, tuple):
        return list(value)
    return value


def content_hash(kind: RecordKind, values: dict[str, Any], deleted: bool) -> str:
    """SHA-256 over the record's content fields and tombstone, independent of storage order."""
    payload = {name: canonical_value(values.get(name)) for name in kind.field_names}
    payload["deleted"] = bool(deleted)
    blob = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    import hashlib  # here: its OpenSSL library loads at the first change, not at every start

    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


# What a tombstone (a deleted record, as it travels and as the central office keeps it) still
# says: where something was (its consultation, catalog and recommendation), never what.
TOMBSTONE_KEEPS = ("consultation_uuid", "catalog_id", "recommendation_code")


def tombstone(kind: RecordKind, row: dict[str, Any]) -> dict[str, Any]:
    """A deleted record without its content: ids, sync fields and ``TOMBSTONE_KEEPS`` as they
    are, every other field at its default, the content hash recomputed. The same for a plain
    delete and a withdrawal, and the same on the laptop and at the central office, so a
    tombstone hashes alike wherever it is made."""
    out = dict(row)
    for field in kind.fields:
        if field.name not in TOMBSTONE_KEEPS:
            out[field.name] = field.default
    out["deleted"] = True
    out["content_hash"] = content_hash(kind, out, True)
    return out
