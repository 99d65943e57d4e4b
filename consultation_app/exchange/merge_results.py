"""What a merge says of each file: its status, its counts and the result the CLI prints as
JSON. Shared by the merge of exports (merge.py) and of filled capture templates
(template_merge.py), which both import it and neither imports the other's module."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

MERGED, ALREADY_MERGED, REJECTED, NEEDS_REVIEW = "merged", "already_merged", "rejected", "needs_review"


@dataclass
class FileResult:
    path: str
    status: str
    message: str = ""
    counts: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    export_id: str | None = None
    device_id: str | None = None
    export_seq: int | None = None
    # The message's key and arguments for an interface in another language (errors.AppError.keyed);
    # ``message`` stays the English text the command line prints.
    message_key: str | None = None
    message_params: dict[str, Any] = field(default_factory=dict)

    def keyed(self, key: str | None, /, **params: Any) -> None:
        self.message_key, self.message_params = key, params

    def as_json(self) -> dict[str, Any]:
        return {"path": self.path, "status": self.status, "message": self.message, "counts": self.counts,
                "warnings": self.warnings, "export_id": self.export_id, "device_id": self.device_id,
                "export_seq": self.export_seq}


def empty_counts() -> dict[str, int]:
    return {"new": 0, "updated": 0, "stale": 0, "unchanged": 0, "conflicts": 0}


def summary_text(counts: dict[str, int]) -> str:
    text = (f"{counts['new']} new, {counts['updated']} updated, {counts['unchanged']} unchanged, "
            f"{counts['stale']} stale")
    if counts["conflicts"]:
        text += f", {counts['conflicts']} conflict(s) to review (both versions kept)"
    return text
