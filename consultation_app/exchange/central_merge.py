"""Merging a central exchange file (exchange/central_exchange.py) into this central copy: the
implementation records, their whole history and the institutions another central copy holds.

Before anything is written, as for field exports (merge.py):

* a file merged already (this copy's exchange id, these values) changes nothing;
* no signature or public key: rejected; a signature that does not verify over the manifest:
  rejected ("edited or forged"); nothing overrides either;
* values that do not match the signed checksum (edited in Excel): rejected, naming the row
  whose values no longer match its revision id when it is a revision; unlike a field export
  there is no --accept-modified: what a central copy says about implementation is taken as it
  signed it or not at all;
* a sender (or a key, or a revision's origin) known here as a field laptop (its field exports
  were merged here): rejected: only central copies may say implementation records;
* a key other than the one on record for the sending copy: needs review, nothing written;
  ``accept_new_key`` records the new key and merges (trust on first use, as for laptops);
* a revision based on one neither in the file nor held here, or naming an institution
  neither list holds: rejected, naming the row and column.

Then, in one transaction: institutions by key (the later change wins; a change is reported);
revisions stored by id (never twice); each record's current version follows its history: a
newer revision based on the one held replaces it; revisions made concurrently on two copies
leave the held version in place and the other kept as a conflict for review (merge_conflicts,
``consultation-app conflicts list``), settled by a decision that is itself a revision.
"""

from __future__ import annotations

import contextlib
from typing import Any, Callable

from consultation_app.domain import implementation_exchange as rules
from consultation_app.domain import signing
from consultation_app.domain.records import utc_now
from consultation_app.domain.text import storable
from consultation_app.errors import said
from consultation_app.exchange.merge_read import Prepared
from consultation_app.exchange.merge_results import (
    ALREADY_MERGED,
    MERGED,
    NEEDS_REVIEW,
    REJECTED,
    FileResult,
    empty_counts,
)
from consultation_app.storage import implementation_revisions as store
from consultation_app.storage import keys_store, merge_store, settings_store
from consultation_app.storage.store import Store

SHOWN = 3


def merge_central(db: Store, prepared: Prepared, *, accept_new_key: bool, atomic: bool,
                  log: Callable[[Store, FileResult, str], None]) -> FileResult:
    package = prepared.central
    assert package is not None
    path, manifest = prepared.path, package.manifest
    result = FileResult(str(path), REJECTED, counts=empty_counts())
    exchange_id, sender = str(manifest.get("exchange_id")), str(manifest.get("device_id"))
    result.export_id, result.device_id = exchange_id, sender

    def done(status: str, message: str) -> FileResult:
        result.status, result.message = status, message
        log(db, result, prepared.file_sha256)
        return result

    held = store.merged_exchange(db, result.device_id, result.export_id)
    if held and held["content_sha256"] == package.computed_sha256:
        when = held["merged_at"][:16].replace("T", " ")
        return done(ALREADY_MERGED, said(f"already merged on {when} (as {held['file_name']})", "merge_already",
                                         when=when, file=held["file_name"]))
    signature, public_key = manifest.get("signature"), str(manifest.get("public_key") or "").strip()
    if not str(signature or "").strip() or not public_key:
        return done(REJECTED, said(f"{path.name}: not signed: its manifest has no signature of a central copy, so "
                                   f"nothing shows who wrote it; nothing was merged", "central_not_signed",
                                   file=path.name))
    if not rules.verify(public_key, manifest, signature):
        return done(REJECTED, said(f"{path.name}: signature does not match (edited or forged): the manifest was "
                                   f"changed after the file was written, or the file was not signed by the key it "
                                   f"carries; nothing was merged", "merge_signature", file=path.name))
    if not package.checksum_matches:
        return done(REJECTED, said(f"{path.name}: values were changed after the file was written (its checksum "
                                   f"does not match the signed one); a central exchange file is merged only as its "
                                   f"central copy signed it; nothing was merged. Ask for a new file",
                                   "central_modified", file=path.name))
    if held:
        when = held["merged_at"][:16].replace("T", " ")
        return done(REJECTED, said(f"{path.name}: exchange {result.export_id} of this central copy was merged on "
                                   f"{when} with other values; nothing was merged", "central_other_values",
                                   file=path.name, exchange=result.export_id, when=when))
    own = settings_store.get(db, settings_store.DEVICE_ID, "") or ""
    if result.device_id == own:
        if signing.same_key(keys_store.signing_public_key(db), public_key):
            return done(ALREADY_MERGED, said(f"{path.name}: written by this central copy; nothing to merge",
                                             "central_own_file", file=path.name))
        key = signing.fingerprint(public_key)
        return done(REJECTED, said(f"{path.name}: claims to be written by this central copy ({own}) but is signed "
                                   f"with another key ({key}): a forgery; nothing was merged", "central_forged_own",
                                   file=path.name, own=own, key=key))
    label = storable(str(manifest.get("device_name") or "").strip()) or result.device_id
    problem = _field_laptop(db, package, public_key, label)
    if problem:
        return done(REJECTED, said(f"{path.name}: {problem}; only central copies may say implementation records; "
                                   f"nothing was merged", "central_from_field_laptop", file=path.name,
                                   problem=problem))
    known_key = keys_store.device_public_key(db, result.device_id)
    new_key = known_key is not None and not signing.same_key(known_key, public_key)
    if new_key and not accept_new_key:
        old, new = signing.fingerprint(known_key), signing.fingerprint(public_key)
        return done(NEEDS_REVIEW, said(f"{path.name}: the central copy's signing key changed (a reinstalled copy, or "
                                       f"a forgery): {label} signed its earlier files with key {old}, this file "
                                       f"with key {new}; nothing was merged. Ask its staff what happened; if the "
                                       f"change is expected, merge the file with --accept-new-key.",
                                       "central_new_key", file=path.name, label=label, old=old, new=new))
    problem = _missing_links(db, package)
    if problem:
        return done(REJECTED, said(f"{problem}; nothing was merged", "nothing_merged", problem=problem))
    now = utc_now()
    with db.atomic() if atomic else contextlib.nullcontext():
        notes = _apply(db, package, result, exchange_id, now, label)
        store.record_exchange(db, result.export_id, result.device_id, package.computed_sha256, storable(path.name),
                              now)
        merge_store.upsert_device(db, result.device_id, str(manifest.get("device_name") or ""), now)
        if known_key is None or new_key:
            keys_store.record_device_key(db, result.device_id, public_key)
        if new_key:
            old, new = signing.fingerprint(known_key), signing.fingerprint(public_key)
            result.warnings.insert(0, said(f"merged although the central copy's signing key changed "
                                           f"(--accept-new-key): key {new} replaces {old} for {label}",
                                           "central_merged_new_key", new=new, old=old, label=label))
        counts = result.counts
        text = (f"implementation: {counts['new']} new revision(s), {counts['unchanged']} known, "
                f"{counts['updated']} record(s) changed")
        if counts["conflicts"]:
            text += (f", {counts['conflicts']} concurrent change(s) kept as conflicts for review (consultation-app "
                     f"conflicts list)")
        said_counts = said(text, "implementation_counts" if counts["conflicts"]
                           else "implementation_counts_no_conflicts", **counts)
        result.status = NEEDS_REVIEW if counts["conflicts"] else MERGED
        result.message = "; ".join([text, *notes]) if notes else said_counts
        if notes:  # the counts, then what was done to institutions (each said in the interface language)
            result.keyed("merge_counts_notes", counts=said_counts, notes=notes)
        log(db, result, prepared.file_sha256)
    return result


def _field_laptop(db: Store, package: Any, public_key: str, label: str) -> str | None:
    """Why the file comes from, or speaks for, a field laptop; None when it does not."""
    sender = str(package.manifest.get("device_id"))
    if store.field_devices(db, [sender]):
        return said(f"{label} ({sender}) is a field laptop here (its field exports were merged)",
                    "sender_is_field_laptop", label=label, sender=sender)
    laptop = store.field_device_with_key(db, [public_key])
    if laptop:
        device = merge_store.device_name(db, laptop) or laptop
        return said(f"it is signed with the key of field laptop {device} ({laptop})", "signed_with_field_key",
                    device=device, device_id=laptop)
    laptops = store.field_devices(db, {revision["origin"] for revision in package.revisions})
    if laptops:
        revision = next(r for r in package.revisions if r["origin"] in laptops)
        return said(f"{package.where(revision['revision_id'], 'origin')}: the revision says it was made by "
                    f"{revision['origin']}, a field laptop here (its field exports were merged)",
                    "revision_from_field_laptop", where=package.place(revision["revision_id"], "origin"),
                    origin=revision["origin"])
    return None


def _missing_links(db: Store, package: Any) -> str | None:
    """A revision whose parent, or an institution it names, is neither in the file nor held."""
    ids = {revision["revision_id"] for revision in package.revisions}
    named = sorted({parent for revision in package.revisions for parent in revision["parents"]} - ids)
    held = store.known_ids(db, named)
    institutions = set(store.institutions_by_key(db)) | {row["key"] for row in package.institutions}
    for revision in package.revisions:
        missing = [parent for parent in revision["parents"] if parent not in ids and parent not in held]
        if missing:
            return said(f"{package.where(revision['revision_id'], 'parents')}: based on revision "
                        f"{missing[0][:12]}..., which is neither in the file nor held here: the history is "
                        f"incomplete", "revision_parent_missing",
                        where=package.place(revision["revision_id"], "parents"), parent=missing[0][:12])
        unknown = [key for key in revision["institutions"] if key not in institutions]
        if unknown:
            return said(f"{package.where(revision['revision_id'], 'institutions')}: {', '.join(unknown)} not in "
                        f"the institutions sheet nor in this copy's list", "revision_institution_unknown",
                        where=package.place(revision["revision_id"], "institutions"), keys=", ".join(unknown))
    return None


def _merge_institutions(db: Store, incoming: list[dict[str, Any]], label: str) -> list[str]:
    """Institutions by key: new ones added; of two versions of one, the later change wins (the
    same choice in every copy: then the larger values). The changes, for the message."""
    held = store.institutions_by_key(db)
    added, changed = [], []
    for row in incoming:
        mine = held.get(row["key"])
        theirs = {**row, "retired": int(row["retired"])}
        if mine is None:
            store.write_institution(db, theirs)
            added.append(row["key"])
            continue
        fields = ("name", "name_km", "kind", "retired")
        order = (str(theirs["updated_at"]), [str(theirs[f]) for f in fields])
        if order <= (str(mine["updated_at"]), [str(mine[f]) for f in fields]):
            continue
        store.write_institution(db, theirs)  # the later change, even when it says the same (its time counts)
        if any(str(mine[f]) != str(theirs[f]) for f in fields):
            changed.append(f"{row['key']} ({mine['name']} -> {theirs['name']}"
                           f"{', retired' if theirs['retired'] and not mine['retired'] else ''})")
    notes: list[str] = []
    if added:
        keys = f"{', '.join(added[:10])}{' ...' if len(added) > 10 else ''}"
        notes.append(said(f"{len(added)} institution(s) added: {keys}", "institutions_added", count=len(added),
                          keys=keys))
    if changed:
        changes = f"{'; '.join(changed[:SHOWN])}{' ...' if len(changed) > SHOWN else ''}"
        notes.append(said(f"{len(changed)} institution(s) changed by {label} (the later change wins): {changes}",
                          "institutions_changed", count=len(changed), label=label, changes=changes))
    return notes


def _apply(db: Store, package: Any, result: FileResult, exchange_id: str, now: str, label: str) -> list[str]:
    store.lock_all_records(db)  # on a server: no one records or decides meanwhile (PostgreSQL only)
    notes = _merge_institutions(db, package.institutions, label)
    counts = result.counts
    new = store.insert(db, package.revisions, merged_from=exchange_id)
    counts["new"], counts["unchanged"] = new, len(package.revisions) - new
    records = sorted({revision["record_uuid"] for revision in package.revisions})
    held = store.held_heads(db, records)
    reason = said(f"two central copies changed this record's implementation without seeing each other's change "
                  f"(met in {label}'s file {exchange_id})", "conflict_central_copies", office=label, file=exchange_id)
    for uuid in records:
        revisions = store.of_record(db, uuid)
        parents_of = {rid: revision["parents"] for rid, revision in revisions.items()}
        heads = rules.heads(parents_of)
        current_id, current_hash, created = held.get(uuid, ("", "", ""))
        if current_id in heads:
            shown = current_id
        else:
            after = [head for head in heads if current_id and current_id in rules.ancestors(head, parents_of)]
            shown = rules.display_head(after or heads, revisions)
        if shown != current_id:
            first = min((r["changed_at"] for r in revisions.values()), default=now)
            store.set_current(db, revisions[shown], created or first, 0)
            counts["updated"] += 1
            current_hash = revisions[shown]["content_hash"]
        # Heads with the content shown are no conflict (two copies made the same change); one
        # conflict per other content, named by its head of highest id (the same in every copy).
        others: dict[str, str] = {}
        for head in sorted(heads):
            if revisions[head]["content_hash"] != current_hash:
                others[revisions[head]["content_hash"]] = head
        for conflict_id, digest in store.open_conflict_hashes(db, uuid):
            if digest not in others:  # decided elsewhere, or taken in since
                store.close_conflict(db, conflict_id, now, took_incoming=digest == current_hash)
        for head in others.values():
            if store.keep_conflict(db, revisions[head], current_hash, exchange_id, now, reason):
                counts["conflicts"] += 1
    return notes
