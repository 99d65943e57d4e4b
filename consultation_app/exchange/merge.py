"""Central merge: many field workbooks into one database, nothing lost, nothing doubled.

Each file is read and checked completely before anything of it is written, then applied in
one transaction. Per record the highest revision wins; an older revision arriving later is
counted as stale; the same revision with different content is a conflict that keeps both
versions for a person to decide. The same export twice, under any name, changes nothing.

Exports are signed (domain/signing.py). Before anything of a file is written, its signature
is checked against the public key it carries, and that key against the one the central
office trusted when it first merged from the device (trust on first use):

* no signature or no public key: rejected ("not signed"); nothing overrides this;
* the signature does not verify over the manifest as written: rejected ("signature does not
  match (edited or forged)"); nothing overrides this either. The signature covers the
  manifest's claimed checksum, so cells edited in Excel leave it valid: it fails only when a
  signed manifest field (export id, device, numbers, scope, checksum...) or the signature
  itself was changed, or the file was signed by another key than the one it carries;
* a key other than the one on record for the device: needs review ("the device's signing key
  changed"), nothing written; ``accept_new_key`` records the new key and merges with a
  warning;
* a checksum that does not match the values (edited after export, manifest intact): needs
  review as before; ``accept_modified`` merges it as modified, with a loud warning that the
  device's signature covers the export as written, not the edited values.

A file whose export (this device's export id, these values) was merged already is reported
as such before these checks: nothing of it is written either way, and old unsigned files
lying in an inbox stay "already merged". The same device's export id with other values needs
review; another device's claim on the id is named, never a reason to skip the file.

What a file passing these checks may change, and how two laptops sharing one identity are
handled, is merge_trust.py's: a file speaks only for its own laptop. Tombstones are stored
without content. Capture templates are signed by no device; they merge with a warning that
says so.
"""

from __future__ import annotations

import contextlib
import functools
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable

from consultation_app.domain import signing
from consultation_app.domain.records import CONSULTATION, FEEDBACK, utc_now
from consultation_app.domain.reference import ReferenceLists
from consultation_app.domain.text import storable
from consultation_app.errors import AppError, said
from consultation_app.exchange import attachment_archive, consent_office, merge_guard
from consultation_app.exchange.central_merge import merge_central
from consultation_app.exchange.merge_read import KIND_SHEETS, Prepared, prepare, prepared_in_order
from consultation_app.exchange.merge_results import (  # noqa: F401 (merge's results, as before)
    ALREADY_MERGED,
    MERGED,
    NEEDS_REVIEW,
    REJECTED,
    FileResult,
    empty_counts,
    summary_text,
)
from consultation_app.exchange.merge_trust import (
    FileTrust,
    clone_evidence,
    diverged,
    keep_foreign,
    recompute_hashes,
    same_id_other_values,
    strip_tombstones,
    when,
)
from consultation_app.exchange.workbook_format import FEEDBACK_SHEET
from consultation_app.exchange.workbook_reader import ExportPackage, IsCaptureTemplate, read_export
from consultation_app.storage import attachment_store, consent_store, keys_store, merge_store
from consultation_app.storage import errors as storage_errors
from consultation_app.storage.backup import BackupInfo
from consultation_app.storage.connection import open_database
from consultation_app.storage.merge_transaction import MergeTransaction, checkpoint_and_truncate_wal
from consultation_app.storage.pg_connection import MergeLockLost, is_postgresql_url, open_postgresql
from consultation_app.storage.pg_connection import one_merge_at_a_time as pg_merge_lock

if TYPE_CHECKING:
    from consultation_app.storage.store import Store

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls")
COMMIT_EVERY_SECONDS = 2.0
BULK_COMMIT_EVERY_SECONDS = 10.0  # bulk batches: each commit rebuilds the deferred indexes
BULK_FROM_RECORDS = 5_000
BULK_SHARE = 0.2  # incoming records at least this share of the feedback held
# A bulk merge's last files go in with the indexes kept up row by row: the deferred ones are
# built again (and committed) once this share of the files is written, while the readers are
# still busy, so the merge does not end waiting for a rebuild and one large commit.
BULK_UNTIL_SHARE = 0.75
GROUP_FILES = 16  # files written under one savepoint (storage/merge_transaction.py)
BYTES_PER_RECORD = 250  # an export's size per record, about (zipped XML): for the estimate only
TEMPLATE_NOT_SIGNED = said("capture template: not signed by a device", "template_not_signed")


def find_workbooks(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given; folders scanned (recursively) for workbooks, skipping Excel's ~$ lock files."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in WORKBOOK_SUFFIXES
                            and not p.name.startswith(("~$", ".")))
        else:
            found.append(path)
    return found


def _apply(db: Store, package: ExportPackage, trust: FileTrust, local_seq: int) -> dict[str, int]:
    counts = empty_counts()
    for kind, sheet in KIND_SHEETS:
        rows = package.sheets.get(sheet)
        if not rows:
            continue
        # A file whose checksum matches carries each record's hash as its device computed it (the
        # checksum covers those too); a file edited since gets every hash recomputed from its values.
        if not package.checksum_matches:
            recompute_hashes(kind, rows)
        strip_tombstones(kind, rows)
        if not trust.any_device:
            claims = rows.column("device_id")
            if any(claim != trust.device_id for claim in claims):  # rows that say they are another's
                theirs = [index for index, claim in enumerate(claims) if claim != trust.device_id]
                keep_foreign(db, kind, rows.take(theirs), trust, counts)
                rows = rows.take([index for index, claim in enumerate(claims) if claim == trust.device_id])
                if not rows:
                    continue
        # The absent records go in first, in one pass, with their history; only when some were
        # held already are the held versions looked up and compared.
        inserted, last_rowid = merge_store.insert_absent(db, kind, rows, local_seq)
        if inserted == len(rows):  # all new: a first merge, or a device's first export
            merge_store.drop_withdrawn_conflicts(db, kind, rows)
            counts["new"] += len(rows)
            continue
        uuids = rows.column("uuid")
        held = merge_store.existing_versions(db, kind, uuids, through_rowid=last_rowid)
        inserted_rows = rows.take([index for index, uuid in enumerate(uuids) if uuid not in held])
        merge_store.drop_withdrawn_conflicts(db, kind, inserted_rows)
        counts["new"] += len(inserted_rows)
        newer, foreign, suspects = [], [], []
        for index, (uuid, revision, digest) in enumerate(zip(uuids, rows.column("revision"),
                                                              rows.column("content_hash"))):
            current = held.get(uuid)
            if current is None:
                continue  # inserted above
            if not trust.owns(current[2]):
                foreign.append(index)
            elif revision == current[0] and digest == current[1]:
                counts["unchanged"] += 1
            elif revision > current[0] and not trust.shared:
                newer.append(index)
            else:  # older, a second version of one revision, or a device that is two laptops
                suspects.append(index)
        if foreign:
            keep_foreign(db, kind, rows.take(foreign), trust, counts, held)
        if suspects:
            newer += diverged(db, kind, rows, suspects, held, trust, counts)
        merge_store.write_rows(db, kind, rows.take(newer), local_seq, replace=True)
        counts["updated"] += len(newer)
    return counts


def _warnings(db: Store, package: ExportPackage, device_id: str, device_name: str, codes: set) -> list[str]:
    warnings = []
    feedback = package.sheets.get(FEEDBACK_SHEET)
    referred = set(zip(feedback.column("catalog_id"), feedback.column("recommendation_code"))) if feedback else set()
    known_codes = {code for _, code in codes}
    # Named with their catalog when the feedback says which (several catalogs share codes such
    # as 110.23); feedback from before catalogs were named matches a code of any catalog.
    unknown = sorted({f"{catalog_id} {code}" if catalog_id else code for catalog_id, code in referred
                      if (catalog_id, code) not in codes and (catalog_id or code not in known_codes)})
    if unknown:
        warnings.append(f"feedback refers to recommendation code(s) the central catalog lacks: "
                        f"{', '.join(unknown[:10])}{' ...' if len(unknown) > 10 else ''}; kept and flagged")
    seqs = merge_store.device_export_seqs(db, device_id)
    if seqs:
        missing = sorted(set(range(1, max(seqs) + 1)) - set(seqs))
        if missing:
            shown = ", ".join(map(str, missing[:20])) + (" ..." if len(missing) > 20 else "")
            warnings.append(f"device {device_name or device_id}: export(s) {shown} not received yet")
    return warnings


def merge_one(db: Store, path: Path, reference: ReferenceLists, password: str | None, accept_modified: bool,
              codes: set, *, accept_new_key: bool = False) -> FileResult:
    return merge_prepared(db, prepare(path, reference, password), reference, password, accept_modified, codes,
                          accept_new_key=accept_new_key)


def _template_log(db: Store, result: FileResult, file_sha256: str) -> None:
    """The log of a capture template's merge: a merged one says that no device vouches for it."""
    if result.status == MERGED and TEMPLATE_NOT_SIGNED not in result.warnings:
        result.warnings.append(TEMPLATE_NOT_SIGNED)
    _log(db, result, file_sha256)


def _signature_problem(path: Path, manifest: dict[str, Any]) -> str | None:
    """Why the file's own signature does not vouch for its manifest, or None when it does."""
    signature, public_key = manifest.get("signature"), manifest.get("public_key")
    if _blank(signature) or _blank(public_key):
        return (f"{path.name}: not signed: its manifest has no device signature, so nothing shows who wrote it; "
                f"nothing was merged. Exports of this version of the app are signed: update the app on the "
                f"laptop and export again")
    if not signing.verify(public_key, manifest, signature):
        return (f"{path.name}: signature does not match (edited or forged): the manifest was changed after the "
                f"export was written, or the file was not signed by the key it carries; nothing was merged")
    return None


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())




def merge_prepared(db: Store, prepared: Prepared, reference: ReferenceLists, password: str | None,
                   accept_modified: bool, codes: set, *, accept_new_key: bool = False,
                   atomic: bool = True) -> FileResult:
    """One file into the database. Its writes are all or nothing: a savepoint of their own, or
    with ``atomic=False`` the caller's (a merge run's group of files, see storage/merge_transaction.py)."""
    path, file_sha256, package = prepared.path, prepared.file_sha256, prepared.package
    result = FileResult(str(path), REJECTED, counts=empty_counts())
    if prepared.is_template:
        from consultation_app.exchange.template_merge import merge_template

        try:
            read_export(path, reference, password)
        except IsCaptureTemplate as template:  # read here: the opened workbook cannot travel between processes
            return merge_template(db, template, reference, result, file_sha256, _template_log)
    if prepared.central is not None and prepared.error is None:  # another central copy's implementation records
        return merge_central(db, prepared, accept_new_key=accept_new_key, atomic=atomic, log=_log)
    if prepared.error is not None or package is None:
        result.message = prepared.error or f"{path.name}: cannot be read"
        result.keyed(prepared.error_key, **(prepared.error_params or {}))
        _log(db, result, "")
        return result
    manifest = package.manifest
    result.export_id, result.device_id = manifest["export_id"], str(manifest["device_id"])
    result.export_seq = manifest.get("export_seq")
    claims = merge_store.export_claims(db, result.export_id)
    mine = next((claim for claim in claims if claim["device_id"] == result.device_id), None)
    if mine and mine["content_sha256"] == package.computed_sha256:
        result.status = ALREADY_MERGED
        # Read again only as signed by the device's key on record: this check passes on the
        # data sheets' values alone, so an edited consents or attachments sheet must not ride on it.
        known_key = keys_store.device_public_key(db, result.device_id)
        vouched = (package.extras_match and known_key is not None and _signature_problem(path, manifest) is None
                   and signing.same_key(known_key, str(manifest.get("public_key") or "")))
        late = FileTrust(result.device_id, "", result.export_id, "",
                         any_device=keys_store.is_trusted_office(db, result.device_id))
        if vouched and (package.consents or package.attachments):
            # consents that waited for their consultation, an archive brought beside later: read now
            with db.atomic() if atomic else contextlib.nullcontext():
                if consent_store.merge_rows(db, late.extras_to_apply(db, "consent", package.consents)):
                    result.warnings.append("consent records that waited for their consultation applied")
                result.warnings += attachment_archive.merge(db, path, _own_attachments(db, late, package),
                                                            password, result.device_id).notes
                result.warnings += consent_office.apply(db, _owned(db, late, package)).notes()
        result.message = f"already merged on {when(mine)} (as {mine['file_name']})"
        result.keyed("merge_already", when=when(mine), file=mine["file_name"])
        _log(db, result, file_sha256)
        return result
    problem = _signature_problem(path, manifest)
    if problem:
        result.message = problem
        result.keyed("merge_not_signed" if problem.startswith(f"{path.name}: not signed") else "merge_signature",
                     file=path.name)
        _log(db, result, file_sha256)
        return result
    device_label = str(manifest.get("device_name") or "").strip() or result.device_id
    if mine:  # this device's export id again, with other values
        result.status = NEEDS_REVIEW
        result.message = same_id_other_values(path, manifest, package, mine)
        _log(db, result, file_sha256)
        return result
    public_key = str(manifest["public_key"]).strip()
    known_key = keys_store.device_public_key(db, result.device_id)
    new_key = known_key is not None and not signing.same_key(known_key, public_key)
    modified = not package.checksum_matches
    reasons, actions = [], []
    if new_key and not accept_new_key:
        reasons.append(f"the device's signing key changed (cloned or reinstalled laptop, or a forgery): device "
                       f"{device_label} signed its earlier exports with key {signing.fingerprint(known_key)}, "
                       f"this file with key {signing.fingerprint(public_key)}")
        actions.append("Ask the field officer what happened to the laptop; if the change is expected, merge the "
                       "file with --accept-new-key.")
    if modified and not accept_modified:
        reasons.append("values were changed after the export was written (its checksum does not match)")
        actions.append("Check the file, then merge it with --accept-modified")
    if reasons:
        result.status = NEEDS_REVIEW
        result.message = f"{path.name}: {'; and '.join(reasons)}; nothing was merged. {' '.join(actions)}"
        result.keyed("merge_modified" if len(reasons) == 1 and modified and not accept_modified
                     else "merge_new_key" if len(reasons) == 1 else None, file=path.name)
        _log(db, result, file_sha256)
        return result
    now = utc_now()
    trust = FileTrust(result.device_id, device_label, result.export_id, now,
                      any_device=not new_key and keys_store.is_trusted_office(db, result.device_id))
    trust.shared = clone_evidence(path.name, result.export_seq, device_label,
                                  merge_store.same_seq_exports(db, result.device_id, result.export_seq,
                                                               result.export_id))
    with db.atomic() if atomic else contextlib.nullcontext():
        # Merged records are not this installation's own changes: they do not count as
        # "not yet exported" (local_seq 0 sorts before every own change).
        result.counts = _apply(db, package, trust, 0)
        # format 3 on; a withdrawal always wins, but only for the consultation's own device
        consent_store.merge_rows(db, trust.extras_to_apply(db, "consent", package.consents))
        result.warnings += attachment_archive.merge(db, path, _own_attachments(db, trust, package), password,
                                                    result.device_id).notes
        # a consent narrowed since the consultation was sent: the office holds nothing beyond it
        result.warnings += consent_office.apply(db, _owned(db, trust, package)).notes()
        merge_store.record_merged_export(db, {
            "export_id": result.export_id, "kind": "export", "device_id": result.device_id,
            "export_seq": result.export_seq, "scope": manifest.get("scope", ""),
            "content_sha256": package.computed_sha256, "file_name": storable(path.name), "merged_at": now,
            "modified": modified, "signed_sha256": str(manifest.get("content_sha256") or "")})
        merge_store.upsert_device(db, result.device_id, str(manifest.get("device_name") or ""), now)
        if known_key is None or new_key:  # trust on first use; a change only when accepted above
            keys_store.record_device_key(db, result.device_id, public_key)
        result.warnings += _warnings(db, package, result.device_id, str(manifest.get("device_name") or ""),
                                     codes)
        result.warnings += package.notices  # readable labels ignored: the keys were merged
        if new_key:
            result.warnings.insert(0, f"merged although the device's signing key changed (--accept-new-key): "
                                      f"key {signing.fingerprint(public_key)} replaces "
                                      f"{signing.fingerprint(known_key)} for device {device_label}; its next "
                                      f"exports must carry the new key")
        if modified:
            result.warnings.insert(0, said("merged although values were changed after export (--accept-modified); "
                                           "recorded as modified. WARNING: the device's signature vouches for the "
                                           "export as it was written, not for these edited values: nothing proves "
                                           "who changed them", "merged_modified"))
        notes = trust.notes()
        others = [claim for claim in claims if claim["device_id"] != result.device_id]
        if others:
            other_device = merge_store.device_name(db, others[0]["device_id"]) or others[0]["device_id"]
            notes.append(said(f"export id {result.export_id} was also claimed by device {other_device} "
                              f"({others[0]['device_id']}, file {others[0]['file_name']}, merged {when(others[0])}): "
                              f"one of the two files is forged or copied; this one was checked on its own and "
                              f"merged", "export_id_claimed", device=other_device, file=others[0]["file_name"],
                              when=when(others[0])))
        review = result.counts["conflicts"] or trust.needs_review() or others
        result.status = NEEDS_REVIEW if review else MERGED
        result.message = "; ".join([summary_text(result.counts), *notes])
        if not notes:
            result.keyed("merge_counts", **result.counts)
        else:
            counts = said(summary_text(result.counts), "merge_counts", **result.counts)
            result.keyed("merge_counts_notes", counts=counts, notes=notes)
        _log(db, result, file_sha256)
    return result


def _owned(db: Store, trust: FileTrust, package: ExportPackage) -> list[str]:
    """The consultations the file speaks of, held here, whatever device they belong to: each is
    brought within the consent the office holds for it, never the file's (a file's consents for
    another device's consultation are not applied). Another laptop's file about a narrowed
    consultation (a copy kept for review, an entry of its own quoting) is held to it too."""
    named = consent_office.consultations_in(package)
    feedback = package.sheets.get(FEEDBACK_SHEET)
    if feedback:  # a version of an entry moved to another consultation: the one the office holds it under too
        named |= merge_store.consultations_of_copies(db, FEEDBACK, [str(uuid) for uuid in feedback.column("uuid")])
    return list(merge_store.existing_versions(db, CONSULTATION, sorted(named)))


def _own_attachments(db: Store, trust: FileTrust, package: ExportPackage) -> list[dict[str, Any]]:
    """The attachment rows the file may speak for: an attachment held here stays with the
    consultation it was first heard of under, whatever a row now says."""
    def consultation_of(row: dict[str, Any]) -> str:
        held = attachment_store.get(db, row["uuid"])
        return str(held["consultation_uuid"]) if held else row["consultation_uuid"]
    return trust.extras_to_apply(db, "attachment", package.attachments, consultation_of)


def _log(db: Store, result: FileResult, file_sha256: str) -> None:
    # Every result passes here: a file name that is not UTF-8 (its bytes decoded as lone
    # surrogates) is written out, so that neither the database nor a terminal refuses it.
    result.path, result.message = storable(result.path), storable(result.message)
    result.warnings = [storable(warning) for warning in result.warnings]
    merge_store.log_file(db, {"merged_at": utc_now(), "path": result.path, "file_sha256": file_sha256,
                              "export_id": result.export_id, "device_id": result.device_id,
                              "export_seq": result.export_seq, "status": result.status, "message": result.message,
                              "counts": result.counts, "warnings": result.warnings})


def _is_bulk(db: Store, files: list[Path]) -> bool:
    """Many records compared with those held (a first merge, a season's files): worth dropping
    the deferred indexes and building them again once per batch (see merge_store)."""
    try:
        incoming = sum(path.stat().st_size for path in files) / BYTES_PER_RECORD
    except OSError:
        return False
    return incoming >= max(BULK_FROM_RECORDS, BULK_SHARE * merge_store.feedback_count(db))


def _refuse(db: Store, prepared: Prepared, error: Exception) -> FileResult:
    """A file a database constraint refused half-way (its group's other files were written
    again): logged as rejected; the files after it go on in a new group."""
    result = FileResult(str(prepared.path), REJECTED, f"{prepared.path.name}: cannot be stored ({error}); "
                                                      f"nothing of it was merged", empty_counts())
    _log(db, result, prepared.file_sha256)
    return result


class MergeRun(list):
    """The per-file results of a merge run (a list of FileResult, as before), with the backup
    made after it: ``backup`` (a BackupInfo, or None when the run changed nothing or it failed)
    and ``backup_problem`` (why it could not be made, or None)."""

    backup: BackupInfo | None = None
    backup_problem: str | None = None


def merge_paths(database_path: Path | str, paths: Iterable[str | Path], reference: ReferenceLists, *,
                password: str | None = None, accept_modified: bool = False, accept_new_key: bool = False,
                progress: Callable[[int, int], None] | None = None,
                cancelled: Callable[[], bool] | None = None,
                waiting: Callable[[], None] | None = None) -> MergeRun:
    """Merge the workbooks found in ``paths``; one run at a time per database (``waiting`` is
    called once if this one has to wait for another), then a verified backup when the run
    changed anything (merge_guard)."""
    files = find_workbooks(paths)
    if not files:
        raise AppError("no workbooks found in the given paths")
    if isinstance(database_path, str) and is_postgresql_url(database_path):
        # A central office's server (docs/central-postgresql.md): its lock, no file backup
        # (the server's backups are its administrator's: pg_dump, base backups).
        with pg_merge_lock(database_path, waiting=waiting, cancelled=cancelled) as lock_held:
            return MergeRun(_merge_files(database_path, files, reference, password=password,
                                         accept_modified=accept_modified, accept_new_key=accept_new_key,
                                         progress=progress, cancelled=cancelled, lock_held=lock_held))
    with merge_guard.one_merge_at_a_time(Path(database_path), waiting=waiting, cancelled=cancelled):
        run = MergeRun(_merge_files(Path(database_path), files, reference, password=password,
                                    accept_modified=accept_modified, accept_new_key=accept_new_key,
                                    progress=progress, cancelled=cancelled))
        if merge_guard.changed_anything(run) or merge_guard.backup_owed(Path(database_path)):
            run.backup, run.backup_problem = merge_guard.back_up_after(Path(database_path))
    return run


def _merge_files(database_path: Path | str, files: list[Path], reference: ReferenceLists, *, password: str | None,
                 accept_modified: bool, accept_new_key: bool, progress: Callable[[int, int], None] | None,
                 cancelled: Callable[[], bool] | None,
                 lock_held: Callable[[], None] = lambda: None) -> list[FileResult]:
    opened = open_postgresql(database_path) if isinstance(database_path, str) else open_database(database_path)
    with opened as db:  # its own connection: merges run off the GUI thread
        merge_store.tune_for_merge(db)
        codes = merge_store.known_codes(db)
        results = []
        bulk = _is_bulk(db, files)
        commit_every = BULK_COMMIT_EVERY_SECONDS if bulk else COMMIT_EVERY_SECONDS
        # Files are committed in batches: each file is still all or nothing (a savepoint inside
        # the batch), and a power cut loses at most the last batch, which merges again unchanged.
        write = functools.partial(merge_prepared, db, reference=reference, password=password,
                                  accept_modified=accept_modified, codes=codes, accept_new_key=accept_new_key)
        batch: MergeTransaction[Prepared, FileResult] = MergeTransaction(db, bulk, write, GROUP_FILES)
        try:
            for index, prepared in enumerate(prepared_in_order(files, reference, password)):
                if cancelled and cancelled():
                    break
                try:
                    results.append(batch.write(prepared))
                except Exception as error:
                    # Content no check foresaw that the database refuses: that file is rejected
                    # (its group's other files written again), the run goes on.
                    if not (storage_errors.is_constraint_violation(error) and batch.in_transaction()):
                        raise
                    batch.open_group()
                    results.append(_refuse(db, prepared, error))
                if progress:
                    progress(index + 1, len(files))
                if index + 1 >= BULK_UNTIL_SHARE * len(files):
                    batch.end_bulk()
                if batch.age() > commit_every:
                    lock_held()  # (a server's merge lock lost meanwhile: nothing more is committed)
                    batch.commit(again=True)
            lock_held()
            batch.commit(again=False)
            checkpoint_and_truncate_wal(db)
        except MergeLockLost:
            if db.conn.in_transaction:
                db.conn.rollback()
            raise
        except BaseException as failure:
            # A failing file was rolled back to its savepoint: keep the files finished before it,
            # unless the server's merge lock went meanwhile (that commit is a commit too).
            try:
                lock_held()
            except MergeLockLost as lost:
                if db.conn.in_transaction:
                    db.conn.rollback()
                raise lost from failure
            batch.keep_what_is_done()
            raise
        return results
