"""Who must not be exposed: what an export leaves out unless sensitive content is chosen.

A whole record is left out rather than blanked, so the central office never holds a
redacted copy that would later clash with the full one at the same revision.
"""

from __future__ import annotations

from typing import Any

from consultation_app.domain.records import FEEDBACK, NOTE, RecordKind

SENSITIVE = "sensitive"
NAMED = "named"


def withheld_reason(kind: RecordKind, row: dict[str, Any]) -> str | None:
    """Why this record stays on the laptop in a standard export, or None to send it."""
    if kind not in (FEEDBACK, NOTE):
        return None
    if row.get("sensitive"):
        return SENSITIVE
    named = row.get("attribution") == "named_with_consent" or (row.get("attributed_to") or "").strip()
    if kind is FEEDBACK and named:
        return NAMED
    return None
