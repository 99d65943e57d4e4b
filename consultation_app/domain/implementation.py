"""What the central office records about a recommendation's implementation, over time.

One record per recommendation (catalog id and code) in each central copy: its status from
a documented list, the measures taken, the responsible institutions (keys of the office's
own list of institutions), one indicator with an optional due date. Every change is a new
revision kept whole in the implementation history, dated and attributed to the staff member.

The record's uuid is derived from the catalog id and code (uuid5): two central copies that
record the same recommendation hold the same record, so a merge between them meets it as
one record at two revisions (a conflict to decide), never as two records.
"""

from __future__ import annotations

import re
import uuid as uuid_module

from consultation_app.domain.records import DATE, ENUM, ENUM_LIST, TEXT, Field, RecordKind

# The documented list (docs/implementation-status.md): key -> (English, Khmer).
STATUSES: dict[str, tuple[str, str]] = {
    "not_started": ("Not started", "មិនទាន់ចាប់ផ្ដើម"),
    "ongoing": ("Ongoing", "កំពុងអនុវត្ត"),
    "completed": ("Completed", "បានបញ្ចប់"),
    "no_information": ("No information", "គ្មានព័ត៌មាន"),
}
INSTITUTION_KINDS = ("ministry", "committee", "institution", "other")
INSTITUTION_KEY = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
MAX_SHORT_TEXT = 500  # an indicator is a short text

IMPLEMENTATION = RecordKind(
    "implementation_status",
    (
        Field("catalog_id", TEXT, default=""),
        Field("recommendation_code", TEXT),
        Field("status", ENUM, "implementation_statuses"),
        Field("measures", TEXT, default=""),
        Field("institutions", ENUM_LIST, "institutions", default=()),
        Field("indicator", TEXT, default=""),
        Field("indicator_due", DATE),
    ),
)

_NAMESPACE = uuid_module.UUID("7b0c3a52-3f5e-4f43-9a3c-6d1e2f0a9b21")


def record_uuid(catalog_id: str, code: str) -> str:
    """The same recommendation gets the same record id in every central copy."""
    return str(uuid_module.uuid5(_NAMESPACE, f"{catalog_id}\x1f{code}"))


def status_label(key: str | None, language: str = "en") -> str:
    if not key:
        return ""
    en, km = STATUSES.get(key, (key, key))
    return km if language == "km" else en


def check(values: dict, known_institutions: set[str]) -> dict[str, str]:
    """Problems with a record's values (already normalised): field name -> message."""
    problems: dict[str, str] = {}
    status = values.get("status")
    if status and status not in STATUSES:
        problems["status"] = f"{status!r} is not one of {', '.join(STATUSES)}"
    unknown = [key for key in values.get("institutions") or () if key not in known_institutions]
    if unknown:
        problems["institutions"] = (f"{', '.join(unknown)} not in the list of institutions "
                                    f"(add them first: consultation-app institution add)")
    if len(values.get("indicator") or "") > MAX_SHORT_TEXT:
        problems["indicator"] = f"is longer than {MAX_SHORT_TEXT} characters; an indicator is a short text"
    return problems


def check_institution(key: str, name: str, kind: str) -> dict[str, str]:
    problems: dict[str, str] = {}
    if not INSTITUTION_KEY.match(key or ""):
        problems["key"] = f"{key!r} is not a key: lower-case letters, digits, '-' and '_', up to 64"
    if not (name or "").strip():
        problems["name"] = "is required"
    if kind not in INSTITUTION_KINDS:
        problems["kind"] = f"{kind!r} is not one of {', '.join(INSTITUTION_KINDS)}"
    return problems
