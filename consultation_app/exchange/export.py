"""Export packages for the central office: everything on the device (or only what changed
since the last export), written atomically, optionally password-protected, and logged."""

from __future__ import annotations

import uuid as uuid_module
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from consultation_app import __version__
from consultation_app.domain import signing
from consultation_app.domain.privacy import withheld_reason
from consultation_app.domain.records import CONSULTATION, FEEDBACK, NOTE, RecordKind, tombstone, utc_now
from consultation_app.domain.reference import ReferenceLists
from consultation_app.errors import AppError
from consultation_app.exchange import consent_export, cover
from consultation_app.exchange.files import atomic_output, encrypt_into, open_workbook, scratch_job, workbook_target
from consultation_app.exchange.readable_columns import LANGUAGES, Labeller, sheet_layout
from consultation_app.exchange.sheet_writer import DataSheet, Formats, list_ranges, write_lists_sheet
from consultation_app.exchange.workbook_format import (
    CONSULTATIONS,
    FEEDBACK_SHEET,
    FORMAT_NAME,
    FORMAT_VERSION,
    NOTES,
    RECOMMENDATIONS,
    SHEET_COLUMNS,
    ContentHasher,
)
from consultation_app.storage import catalog_store, export_queries, keys_store, settings_store
from consultation_app.storage.connection import open_database

if TYPE_CHECKING:
    from xlsxwriter.workbook import Workbook

    from consultation_app.storage.store import Store

PRIVACY_COLUMNS = ["uuid", "sensitive", "attribution", "attributed_to", "catalog_id", "recommendation_code",
                   "consultation_uuid", "quote", "deleted", "created_at"]
KIND_SHEETS = ((CONSULTATION, CONSULTATIONS), (FEEDBACK, FEEDBACK_SHEET), (NOTE, NOTES))
ENUM_LISTS = ["stakeholder_groups", "provinces", "priorities", "implementation_assessments", "attribution",
              "consent_policies", "consultation_status", "languages"]


LEFT_OUT_KEYS = ("feedback_sensitive", "feedback_named", "notes_sensitive", "feedback_consent")


class ExportCancelled(AppError):
    pass


@dataclass
class ExportResult:
    path: Path
    export_id: str
    export_seq: int
    scope: str
    counts: dict[str, int]
    left_out: dict[str, int]
    content_sha256: str
    password_protected: bool
    manifest: dict[str, Any] = field(default_factory=dict)


def _recommendation_rows(db: Store, codes: set[tuple[str, str]]) -> list[dict]:
    rows = []
    for rec in catalog_store.list_recommendations(db):
        if (rec["catalog_id"], rec["code"]) in codes:
            rows.append({**rec, "sdgs": ", ".join(str(goal) for goal in rec["sdgs"])})
    return rows


def export_package(database_path: Path, out: Path, reference: ReferenceLists, *, since_last: bool = False,
                   include_sensitive: bool = False, password: str | None = None,
                   progress: Callable[[int, int], None] | None = None,
                   cancelled: Callable[[], bool] | None = None, language: str = "en") -> ExportResult:
    """``language``: of the readable columns (labels, for people); the keys are the same in any."""
    if language not in LANGUAGES:
        raise AppError(f"language {language!r}: expected one of {', '.join(LANGUAGES)}")
    out = workbook_target(out, "an export")
    db = open_database(database_path)  # its own connection: exports run off the GUI thread
    try:
        return _export(db, Path(database_path), out, reference, since_last, include_sensitive, password, progress,
                       cancelled, language)
    finally:
        db.conn.close()


@dataclass
class _Plan:
    """What pass 1 found: rows per sheet, what stays on the laptop, the recommendations cited."""
    counts: Counter
    left_out: Counter
    recommendations: list[dict]
    consents: consent_export.ConsentPart = field(default_factory=consent_export.ConsentPart)
    sent_before: str = ""  # the last export's time: a record made before it may be at the office
    withdrawn_from_office: int = 0  # records and attachments sent as tombstones (below)

    def disposition(self, kind: RecordKind, row: dict[str, Any], include_sensitive: bool) -> str | None:
        """What pass 1 and pass 2 both do with a changed record: SEND it, send it as a
        TOMBSTONE, or None (it stays on the laptop). A record now held back (marked sensitive,
        named, beyond its consent) that may have reached the office in an earlier export goes
        as a tombstone: the office then holds no more of it than of a deleted record, and an
        older file arriving later is stale. The laptop keeps it whole; made shareable again,
        it travels whole at its next revision."""
        if not self.consents.withheld_reason(kind, row, include_sensitive, withheld_reason):
            return SEND
        created = str(row.get("created_at") or "")
        if self.sent_before and created and created <= self.sent_before:
            return TOMBSTONE
        return None


SEND, TOMBSTONE = "send", "tombstone"


def _plan(db: Store, since_seq: int, until_seq: int, include_sensitive: bool) -> _Plan:
    """Pass 1, a cheap look at a few columns: tables need their row counts before any row."""
    counts: Counter[str] = Counter()
    left_out: Counter[str] = Counter()
    codes: set[tuple[str, str]] = set()
    sent_before = export_queries.last_export_at(db)
    consents = consent_export.ConsentPart.load(db, since_seq, until_seq, include_sensitive, sent_before)
    plan = _Plan(counts, left_out, [], consents, sent_before, consents.attachments_withdrawn)
    for kind, sheet in KIND_SHEETS:
        for row in export_queries.iter_changed_columns(db, kind, PRIVACY_COLUMNS, since_seq, until_seq):
            action = plan.disposition(kind, row, include_sensitive)
            if action != SEND:
                reason = consents.withheld_reason(kind, row, include_sensitive, withheld_reason)
                left_out[f"{kind.table}_{reason}"] += 1
                if action is None:
                    continue
                plan.withdrawn_from_office += 1
            counts[sheet] += 1
            if kind is FEEDBACK:
                codes.add((row["catalog_id"], row["recommendation_code"]))
    plan.recommendations = _recommendation_rows(db, codes)
    counts[RECOMMENDATIONS] = len(plan.recommendations)
    plan.counts = Counter({sheet: counts[sheet] for sheet in SHEET_COLUMNS})  # zeros too: a stable shape
    plan.left_out = Counter({key: left_out[key] for key in LEFT_OUT_KEYS})
    return plan


def _manifest(db: Store, plan: _Plan, since_last: bool, since_seq: int, until_seq: int, include_sensitive: bool,
              password_protected: bool, public_key: str, language: str) -> dict[str, Any]:
    # The catalogs the feedback refers to, with their versions ("a, b" / "1.0, 2024.11.04"), so
    # the office can tell which of them it holds; the default catalog when there is no feedback.
    cited = list(dict.fromkeys(rec["catalog_id"] for rec in plan.recommendations))
    cited = cited or [catalog_store.default_catalog_id(db) or ""]
    catalog_id = ", ".join(cited)
    catalog_version = ", ".join(export_queries.catalog_version(db, c) for c in cited)
    return {
        "format": FORMAT_NAME, "format_version": FORMAT_VERSION,
        "export_id": str(uuid_module.uuid4()), "export_seq": export_queries.next_export_seq(db),
        "device_id": settings_store.get(db, settings_store.DEVICE_ID, ""),
        "device_name": settings_store.get(db, settings_store.DEVICE_NAME, ""),
        "officer": settings_store.get(db, settings_store.OFFICER_NAME, "") or "",
        "app_version": __version__, "catalog_id": catalog_id,
        "catalog_version": catalog_version,
        "scope": "since_last" if since_last else "full", "since_seq": since_seq, "until_seq": until_seq,
        "created_at": utc_now(), "include_sensitive": include_sensitive, "password_protected": password_protected,
        "language": language,
        **{f"rows_{sheet}": plan.counts[sheet] for sheet in SHEET_COLUMNS},
        "left_out_sensitive": plan.left_out["feedback_sensitive"] + plan.left_out["notes_sensitive"],
        "left_out_named": plan.left_out["feedback_named"],
        **plan.consents.manifest_fields(plan.left_out["feedback_consent"]),
        "withdrawn_from_office": plan.withdrawn_from_office,
        "public_key": public_key,  # the signature is added once content_sha256 is known
    }


def _write_workbook(workbook: Workbook, db: Store, reference: ReferenceLists, plan: _Plan, manifest: dict[str, Any],
                    include_sensitive: bool, private_key: bytes, progress: Callable[[int, int], None],
                    cancelled: Callable[[], bool]) -> str:
    """Pass 2: the same rows, in the same snapshot (uuid order), onto the sheets and into the
    checksum; then the manifest is signed. Returns the checksum."""
    workbook.set_properties({"title": "UPR consultation export", "author": "consultation-app",
                             "comments": f"{FORMAT_NAME} {FORMAT_VERSION}"})
    formats = Formats(workbook)
    # Sheets in reading order; each streams on its own, so they can be filled in any order.
    cover_sheet = workbook.add_worksheet("cover")
    ranges = list_ranges(reference, ENUM_LISTS)
    layouts = {name: sheet_layout(name) for name in (CONSULTATIONS, FEEDBACK_SHEET, NOTES, RECOMMENDATIONS)}
    sheets = {name: DataSheet(workbook, formats, name, columns, plan.counts[name], ranges, printed,
                              fold_machine_columns=True)
              for name, (columns, printed) in layouts.items()}
    # The readable columns (format 3): labels in the export's language, and on feedback and
    # notes their consultation's title, date, group and province. Not in the checksum.
    labeller = Labeller(reference, manifest["language"], export_queries.consultation_context(db))
    fill = labeller.fill
    write_lists_sheet(workbook, reference, ENUM_LISTS)
    plan.consents.write_sheet(workbook, formats)
    manifest_sheet = workbook.add_worksheet("manifest")
    hasher = ContentHasher()
    done, total = 0, sum(plan.counts.values())
    since_seq, until_seq = manifest["since_seq"], manifest["until_seq"]
    for kind, sheet_name in KIND_SHEETS:
        sheet = sheets[sheet_name]
        for row in export_queries.iter_changed(db, kind, since_seq, until_seq):
            action = plan.disposition(kind, row, include_sensitive)
            if action is None:
                continue
            if row["deleted"] or action == TOMBSTONE:
                row = tombstone(kind, row)  # a deleted record travels without its content (format 2)
            else:
                fill(sheet_name, row)
            sheet.write_row(row)  # first: it may clean text, and the checksum must see what is written
            hasher.add_sorted(sheet_name, row)
            done += 1
            if done % 100 == 0:
                if cancelled():
                    raise ExportCancelled("export cancelled; no file was written")
                progress(done, total)
    for row in plan.recommendations:
        sheets[RECOMMENDATIONS].write_row(row)
        hasher.add(RECOMMENDATIONS, row)
    manifest["content_sha256"] = hasher.hexdigest()
    manifest["signature"] = signing.sign(private_key, manifest)  # over the checksum, so over the values
    cover.write_cover(cover_sheet, formats, manifest, dict(plan.left_out))
    cover.write_manifest(manifest_sheet, formats, manifest)
    cover_sheet.activate()
    return manifest["content_sha256"]


def _export(db: Store, database_path: Path, out: Path, reference: ReferenceLists, since_last: bool,
            include_sensitive: bool, password: str | None, progress: Callable[[int, int], None] | None,
            cancelled: Callable[[], bool] | None, language: str) -> ExportResult:
    progress = progress or (lambda done, total: None)
    cancelled = cancelled or (lambda: False)
    private_key, public_key = keys_store.ensure_signing_key(db)  # made on the first export; never written out
    with export_queries.snapshot(db) as until_seq:
        since_seq = export_queries.last_export_seq(db) if since_last else 0
        plan = _plan(db, since_seq, until_seq, include_sensitive)
        manifest = _manifest(db, plan, since_last, since_seq, until_seq, include_sensitive, bool(password),
                             public_key, language)
        # The plain workbook never touches the target folder (a USB stick) when it is to be
        # protected: it is written in the data folder's scratch, then encrypted into the target.
        with scratch_job(database_path) as job, \
                consent_export.archive_output(out, job, plan.consents.has_files) as archive, \
                atomic_output(out, job) as temporary:
            if archive is not None:  # the attachments' bytes, beside the workbook (exchange/attachment_archive.py)
                plan.consents.write_archive(db, archive, password)
            plain = job.folder / "workbook.xlsx" if password else temporary
            with open_workbook(plain, constant_memory=True, scratch=job.folder) as workbook:
                content_sha256 = _write_workbook(workbook, db, reference, plan, manifest, include_sensitive,
                                                 private_key, progress, cancelled)
            if password:
                encrypt_into(plain, temporary, password)
                plain.unlink()
    total = sum(plan.counts.values())
    progress(total, total)
    # Only a file safely under its final name counts as exported.
    counts, left_out = dict(plan.counts), dict(plan.left_out)
    export_queries.log_export(db, {
        "export_id": manifest["export_id"], "export_seq": manifest["export_seq"],
        "created_at": manifest["created_at"], "file_name": out.name, "scope": manifest["scope"],
        "since_seq": since_seq, "until_seq": until_seq, "counts": counts, "left_out": left_out,
        "content_sha256": content_sha256, "include_sensitive": include_sensitive,
        "password_protected": bool(password)})
    return ExportResult(out, manifest["export_id"], manifest["export_seq"], manifest["scope"], counts,
                        left_out, content_sha256, bool(password), manifest)
