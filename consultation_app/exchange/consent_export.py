"""What an export does about consent and attachments (a hook in export.py): entries beyond
their consent stay on the laptop, whatever the export includes; the consent records changed
since the last export travel on their own sheet; the attachments consent lets leave are listed
on theirs and written to the companion archive; the signed manifest carries the digest of both
sheets (``extras_sha256``)."""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator, Mapping

from consultation_app.domain.records import RecordKind
from consultation_app.exchange import attachment_archive, attachment_sheet, consent_sheet
from consultation_app.exchange.consent_gate import CONSENT, ConsentGate
from consultation_app.exchange.files import atomic_output
from consultation_app.storage import consent_store


@contextmanager
def archive_output(workbook: Path, job: Any, wanted: bool) -> Iterator[Path | None]:
    """A temporary for the companion archive, renamed into place beside the workbook with it;
    None when nothing is to be sent, and then an archive of that name left by an earlier
    export to the same name is removed (it belonged to the workbook being replaced)."""
    final = attachment_archive.archive_path(workbook)
    if not wanted:
        yield None
        if final.is_file():
            final.unlink()
        return
    with atomic_output(final, job) as temporary:
        temporary.unlink()  # the zip writer makes its own file
        yield temporary


@dataclass
class ConsentPart:
    gate: ConsentGate = field(default_factory=lambda: ConsentGate({}, "0000-00-00"))
    rows: list[dict[str, Any]] = field(default_factory=list)
    attachments: list[dict[str, Any]] = field(default_factory=list)
    attachments_left_out: int = 0
    attachments_withdrawn: int = 0  # held back now, listed as wiped for the office (select)

    @classmethod
    def load(cls, db: Any, since_seq: int, until_seq: int, include_sensitive: bool = False,
             sent_before: str = "") -> "ConsentPart":
        """Read inside the export's snapshot: the gate and the rows agree with the records."""
        gate = ConsentGate.load(db)
        attachments, left_out = attachment_archive.select(db, gate, since_seq, until_seq, include_sensitive,
                                                          sent_before)
        withdrawn = sum(1 for row in attachments if row.get("withdrawn_from_office"))
        return cls(gate, list(consent_store.iter_changed(db, since_seq, until_seq)), attachments, left_out,
                   withdrawn)

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
                "rows_attachments": len(self.attachments), "left_out_attachments": self.attachments_left_out,
                "extras_sha256": attachment_sheet.extras_digest(self.rows, self.attachments)}

    def write_sheet(self, workbook: Any, formats: Any) -> None:
        consent_sheet.write(workbook, formats, self.rows)
        attachment_sheet.write(workbook, formats, self.attachments)

    @property
    def has_files(self) -> bool:
        return any(not row["deleted"] for row in self.attachments)

    def write_archive(self, db: Any, temporary: Path, password: str | None) -> int:
        return attachment_archive.write(db, temporary, self.attachments, password)


__all__ = ["CONSENT", "ConsentPart"]
