"""Consent as exports, reports, the matrix and the master export apply it: the consents in
force loaded once per run, and per entry the answer of domain/consent.py.

An entry beyond its recorded consent is left out whole (like a sensitive one, so the central office
never holds a blanked copy that clashes with the full one later), and even an export that
includes sensitive content leaves it out: consent is not the officer's to override.
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping

from consultation_app.domain import consent as rules
from consultation_app.domain.consent import Consent
from consultation_app.domain.records import FEEDBACK, RecordKind
from consultation_app.storage import consent_store

CONSENT = "consent"  # the reason an entry stays on the laptop, as export counts name it
# What the gate reads of an entry: export's first pass asks for these columns.
COLUMNS = ("uuid", "consultation_uuid", "quote", "attribution", "attributed_to")


class ConsentGate:
    def __init__(self, consents: dict[str, dict[str, Consent]], today: str):
        self.consents, self.today = consents, today

    @classmethod
    def load(cls, db: Any, today: str | None = None) -> "ConsentGate":
        return cls(consent_store.consents_in_force(db), today or rules.today_iso())

    def governing(self, row: Mapping[str, Any]) -> Consent | None:
        held = self.consents.get(str(row.get("consultation_uuid") or ""), {})
        return rules.governing(held, str(row.get("uuid") or ""))

    def withheld_reason(self, kind: RecordKind, row: Mapping[str, Any]) -> str | None:
        """CONSENT when a feedback entry may not leave the laptop under its consent; a
        tombstone (no content) always may."""
        if kind is not FEEDBACK or row.get("deleted"):
            return None
        consent = self.governing(row)
        if consent is None or consent.legacy:
            # Only the old one-field policy: the officer marked each named entry "named, with
            # recorded consent", and the standard privacy rules decide as before.
            return None
        return None if rules.entry_may_leave(consent, row, self.today) else CONSENT

    @property
    def recorded(self) -> bool:
        """Whether any consent was recorded (not only read from the old policy field)."""
        return any(not consent.legacy for held in self.consents.values() for consent in held.values())

    def withheld_count(self, kind: RecordKind, rows: Iterable[Mapping[str, Any]]) -> int:
        return sum(1 for row in rows if self.withheld_reason(kind, row))

    def quote_may_be_printed(self, row: Mapping[str, Any]) -> bool:
        return rules.quote_may_be_printed(self.governing(row), self.today)

    def printed_attribution(self, row: Mapping[str, Any]) -> str:
        return rules.printed_attribution(self.governing(row), self.today)
