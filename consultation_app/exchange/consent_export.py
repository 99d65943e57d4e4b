"""What an export does about consent (a hook in export.py): entries beyond their consent stay
on the laptop, whatever the export includes; the consent records changed since the last
export travel on their own sheet, whose digest the signed manifest carries."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

from consultation_app.domain.records import RecordKind
from consultation_app.exchange import consent_sheet
from consultation_app.exchange.consent_gate import CONSENT, ConsentGate
from consultation_app.storage import consent_store


@dataclass
class ConsentPart:
    gate: ConsentGate = field(default_factory=lambda: ConsentGate({}, "0000-00-00"))
    rows: list[dict[str, Any]] = field(default_factory=list)

    @classmethod
    def load(cls, db: Any, since_seq: int, until_seq: int) -> "ConsentPart":
        """Read inside the export's snapshot: the gate and the rows agree with the records."""
        return cls(ConsentGate.load(db), list(consent_store.iter_changed(db, since_seq, until_seq)))

    def withheld_reason(self, kind: RecordKind, row: Mapping[str, Any], include_sensitive: bool,
                        privacy: Callable[[RecordKind, dict[str, Any]], str | None]) -> str | None:
        """Why the record stays on the laptop: consent first (never overridden), then the
        standard privacy rules unless sensitive content was chosen."""
        reason = self.gate.withheld_reason(kind, row)
        if reason:
            return reason
        return None if include_sensitive else privacy(kind, dict(row))

    def manifest_fields(self, left_out_consent: int) -> dict[str, Any]:
        return {"rows_consents": len(self.rows), "left_out_consent": left_out_consent,
                "extras_sha256": consent_sheet.digest(self.rows)}

    def write_sheet(self, workbook: Any, formats: Any) -> None:
        consent_sheet.write(workbook, formats, self.rows)


__all__ = ["CONSENT", "ConsentPart"]
