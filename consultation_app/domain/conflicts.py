"""A merge conflict as people review it: the same record at the same revision arrived with other
content; which fields differ, and both values of each."""

from __future__ import annotations

from typing import Any

from consultation_app.domain.implementation import IMPLEMENTATION
from consultation_app.domain.records import RECORD_KINDS, RecordKind, canonical_value

# Every kind of record a conflict may hold: the field records, and implementation records met
# in two central copies' versions (exchange/central_merge.py).
CONFLICT_KINDS: dict[str, RecordKind] = {**RECORD_KINDS, IMPLEMENTATION.table: IMPLEMENTATION}


def differing_fields(record_table: str, current: dict[str, Any] | None,
                     incoming: dict[str, Any]) -> list[tuple[str, Any, Any]]:
    """(field, current value, incoming value) for every content field (and the deletion flag)
    whose values differ, in the record kind's field order. With no current record (removed
    since), every field the incoming version fills."""
    kind = CONFLICT_KINDS[record_table]
    names = (*kind.field_names, "deleted")
    current = current or {}
    differences = []
    for name in names:
        before, after = canonical_value(current.get(name)), canonical_value(incoming.get(name))
        if _plain(before) != _plain(after):  # an empty text and no text are the same
            differences.append((name, before, after))
    return differences


def _plain(value: Any) -> Any:
    return None if value in ("", [], None) else value
