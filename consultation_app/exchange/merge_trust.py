"""What a signed export may change at the central office (issue 16), for merge.py.

**A file speaks only for its own laptop.** Every record carries the id of the device that
made it (``device_id``: its origin, which edits never change; see docs/workbook-format.md).
A record *belongs to* a device when that is its origin as the central office first heard it:
the ``device_id`` of the record held here, or, for a record not held yet, the one the row
claims. A signed export may change only records that belong to its signing device (the
manifest's ``device_id``, whose key is the one on record) and that its rows say are the
signing device's. Any other record in it is *foreign*: never applied, whatever the options
(``--accept-modified`` included). A foreign record that says nothing new (the version held,
or an older one the history knows) is counted unchanged or stale; any other is kept in the
review queue (``merge_conflicts``, with its reason) and the file is reported
``needs_review``, naming the records and their owner. The one exception is a device the
office explicitly trusts as another central office (``devices.trusted_office``).

**Two laptops sharing one identity** (a cloned disk or data folder: same device id, same
key) show as a file claiming an export number another export of the device already had, or
as one device sending two different versions of a record at one revision, or an older
revision unlike the one the history holds. In such a file the device's history cannot be
ordered by revision: its records are not overwritten or counted stale; every differing
version is kept for review. A deletion or withdrawal always wins over an edit from the other
laptop: the tombstone is applied (and the words wiped) whichever order the files come in,
and an edit of an entry held deleted is not kept (its words stay on the laptop that sent
it), and is reported. A later file whose number no other export claimed merges as usual
(one laptop made a new device, the other goes on under the old identity): a newer revision
from the other laptop would then replace the one held, as any newer revision does; the
history keeps the replaced version's hash, the laptop its words.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from consultation_app.domain.column_rows import ColumnRows
from consultation_app.domain.records import CONSULTATION, FEEDBACK, RecordKind, content_hash, tombstone
from consultation_app.errors import said
from consultation_app.exchange.workbook_reader import ExportPackage
from consultation_app.storage import merge_store

if TYPE_CHECKING:
    from consultation_app.domain.column_rows import ColumnRows
    from consultation_app.storage.store import Store

SHOWN = 3  # records named in a message; the rest are counted


def strip_tombstones(kind: RecordKind, rows: ColumnRows) -> None:
    """Deleted rows without their content (``records.tombstone``), in place: nothing of a
    tombstone is stored, whatever an older app wrote in it (workbook format 1 kept the text)."""
    deleted = [index for index, flag in enumerate(rows.column("deleted")) if flag]
    if not deleted:
        return
    for index in deleted:
        stripped = tombstone(kind, rows[index])
        for key in (*kind.field_names, "content_hash"):
            if key in rows.keys:
                rows.column(key)[index] = stripped[key]


def recompute_hashes(kind: RecordKind, rows: ColumnRows) -> None:
    rows.set_column("content_hash", [content_hash(kind, row, bool(row["deleted"])) for row in rows])


@dataclass
class FileTrust:
    """One file's standing and what its merge kept aside, for the result's message."""
    device_id: str
    device_label: str
    export_id: str
    detected_at: str
    any_device: bool = False  # a central office this office trusts: its records may be anyone's
    shared: str = ""  # why this device is known to be two laptops, when it is
    foreign: list[tuple[str, str, str]] = field(default_factory=list)  # (table, uuid, owner) kept aside
    foreign_named: list[str] = field(default_factory=list)  # each of those as the message names it (keyed)
    foreign_quiet: int = 0  # foreign records that said nothing new
    diverged: int = 0  # versions of a shared identity kept for review
    withdrawals: int = 0  # deletions applied over an edit from the other laptop
    edits_dropped: int = 0  # edits of entries held deleted, not kept
    foreign_extras: list[tuple[str, str, str]] = field(default_factory=list)  # (what, consultation, owner)
    foreign_extras_named: list[str] = field(default_factory=list)  # each of those as the message names it
    waiting_extras: dict[str, int] = field(default_factory=dict)  # what -> rows of consultations not held yet

    def owns(self, owner: str) -> bool:
        return self.any_device or owner == self.device_id

    def keep_foreign(self, db: Store, kind: RecordKind, row: dict[str, Any], held: tuple | None,
                     known: set[tuple[str, int, str]], names: dict[str, str]) -> bool:
        """A foreign record: kept for review unless it says nothing new. True when kept."""
        owner = held[2] if held else row["device_id"]
        if held and (row["revision"], row["content_hash"]) == held[:2]:
            self.foreign_quiet += 1
            return False
        if held and row["revision"] < held[0] and (row["uuid"], row["revision"], row["content_hash"]) in known:
            self.foreign_quiet += 1
            return False
        label = names.get(owner) or said("an unknown device", "unknown_device")
        reason = said(f"sent by device {self.device_label} ({self.device_id}) in export {self.export_id}, but the "
                      f"record belongs to device {label} ({owner}): a file speaks only for its own laptop",
                      "conflict_foreign" if names.get(owner) else "conflict_foreign_unknown_owner",
                      sender=self.device_label, sender_id=self.device_id, export=self.export_id, owner=label,
                      owner_id=owner)
        merge_store.record_conflict(db, kind, row, held[1] if held else "", self.export_id, self.detected_at, reason,
                                    sender=self.device_id)
        self.foreign.append((kind.table, row["uuid"], f"{label} ({owner})"))
        if len(self.foreign_named) < SHOWN:  # named by title: a query each, for the few the message shows
            self.foreign_named.append(said(f"{kind.table} {row['uuid']} belongs to device {label} ({owner})",
                                           "foreign_belongs" if names.get(owner) else "foreign_belongs_unknown",
                                           record=named_record(db, kind, row), owner=label, owner_id=owner))
        return True

    def keep_diverged(self, db: Store, kind: RecordKind, row: dict[str, Any], held: tuple, why: str) -> str:
        """A version of a record of a device that is two laptops: what was done with it
        ('withdrawn', 'dropped', 'kept', 'unchanged')."""
        incoming_deleted, held_deleted = bool(row["deleted"]), held[3]
        if not self.shared:
            self.shared = why
        if incoming_deleted and not held_deleted:
            self.withdrawals += 1
            return "withdrawn"
        if held_deleted and not incoming_deleted:
            self.edits_dropped += 1
            return "dropped"
        if incoming_deleted and held_deleted:
            return "unchanged"
        merge_store.record_conflict(db, kind, row, held[1], self.export_id, self.detected_at,
                                    said(f"two laptops share one identity ({self.device_label}, {self.device_id}): "
                                         f"{self.shared}", "conflict_shared_identity", device=self.device_label,
                                         device_id=self.device_id, evidence=self.shared))
        self.diverged += 1
        return "kept"

    def extras_to_apply(self, db: Store, what: str, rows: list[dict[str, Any]],
                        consultation_of: Callable[[dict[str, Any]], str] | None = None) -> list[dict[str, Any]]:
        """The consent or attachment rows (``what``) this file may speak for: those of
        consultations held here that belong to its device (``consultation_of`` names a row's
        consultation when the row's own claim is not the one to trust). A consent widens or
        withdraws what a consultation's words may do and an attachment is evidence, so one sent
        for another device's consultation is never applied; one for a consultation not held yet
        waits (applied when this file is merged again after the consultation's), or a laptop
        could claim a consultation's consent before its owner's file arrives."""
        which = [consultation_of(row) if consultation_of else row["consultation_uuid"] for row in rows]
        held = merge_store.existing_versions(db, CONSULTATION, sorted(set(which)))
        names = merge_store.device_names(db, [version[2] for version in held.values()])
        apply = []
        for row, uuid in zip(rows, which):
            version = held.get(uuid)
            if version is None:
                self.waiting_extras[what] = self.waiting_extras.get(what, 0) + 1
            elif self.owns(version[2]):
                apply.append(row)
            else:
                owner = version[2]
                label = names.get(owner) or said("an unknown device", "unknown_device")
                self.foreign_extras.append((what, uuid, f"{label} ({owner})"))
                if len(self.foreign_extras_named) < SHOWN:
                    title = (merge_store.current_record(db, CONSULTATION, uuid) or {}).get("title")
                    self.foreign_extras_named.append(said(
                        f"{what} of consultation {uuid}, which belongs to device {label} ({owner})",
                        "extra_belongs" if names.get(owner) else "extra_belongs_unknown", what=extra_said(what),
                        title=title or said("(untitled)", "untitled"), owner=label, owner_id=owner))
        return apply

    def needs_review(self) -> bool:
        return bool(self.foreign or self.shared or self.foreign_extras)

    def notes(self) -> list[str]:
        """What the result's message says beyond the counts."""
        notes: list[str] = []
        if self.foreign:
            named = ", ".join(f"{table} {uuid} belongs to device {owner}"
                              for table, uuid, owner in self.foreign[:SHOWN])
            more = f" and {len(self.foreign) - SHOWN} more" if len(self.foreign) > SHOWN else ""
            notes.append(said(f"{len(self.foreign)} record(s) of another device kept for review, not applied (a "
                              f"file speaks only for its own laptop): {named}{more}", "foreign_kept",
                              count=len(self.foreign), named=_shown(self.foreign_named, len(self.foreign))))
        if self.foreign_extras:
            named = ", ".join(f"{what} of consultation {uuid}, which belongs to device {owner}"
                              for what, uuid, owner in self.foreign_extras[:SHOWN])
            more = f" and {len(self.foreign_extras) - SHOWN} more" if len(self.foreign_extras) > SHOWN else ""
            notes.append(said(f"{len(self.foreign_extras)} consent or attachment record(s) of another device's "
                              f"consultation not applied (a file speaks only for its own laptop): {named}{more}",
                              "foreign_extras", count=len(self.foreign_extras),
                              named=_shown(self.foreign_extras_named, len(self.foreign_extras))))
        for what, count in sorted(self.waiting_extras.items()):
            notes.append(said(f"{count} {what} record(s) of consultations not held here not applied yet: merge the "
                              f"export that carries the consultation, then this file again", "waiting_extras",
                              count=count, what=extra_said(what)))
        if self.shared:
            done = [said(f"{self.diverged} differing version(s) kept for review instead of being overwritten or "
                         f"counted stale", "shared_diverged", count=self.diverged)] if self.diverged else []
            if self.withdrawals:
                done.append(said(f"{self.withdrawals} deletion(s) or withdrawal(s) applied over the other laptop's "
                                 f"edits", "shared_withdrawals", count=self.withdrawals))
            if self.edits_dropped:
                done.append(said(f"{self.edits_dropped} edit(s) of entries deleted or withdrawn on the other laptop "
                                 f"not kept (the deletion stands; the words stay on the laptop that sent them)",
                                 "shared_edits_dropped", count=self.edits_dropped))
            done_text = f"; {'; '.join(done)}" if done else ""
            notes.append(said(f"two laptops share one identity: {self.shared}{done_text}. Make one of the laptops "
                              f"a new device (consultation-app device new-identity)",
                              "shared_identity_done" if done else "shared_identity", evidence=self.shared, done=done))
        return notes


def extra_said(what: str) -> str:
    """"consent" or "attachment" (what extras_to_apply was given) as a keyed word."""
    return said(what, f"extra_{what}") if what in ("consent", "attachment") else what


def _shown(named: list[str], total: int) -> list[str]:
    """The records named (the first SHOWN of ``total``) and how many more, as parts of a keyed message."""
    more = [said(f"and {total - SHOWN} more", "and_more", count=total - SHOWN)] if total > SHOWN else []
    return [*named[:SHOWN], *more]


def clone_evidence(file_name: str, seq: int | None, label: str, earlier: list[dict[str, Any]]) -> str:
    """Why this file's device is two laptops, before its records are read ('' when nothing
    says so yet): another export already merged under the same export number."""
    if not earlier:
        return ""
    other = earlier[0]
    merged = other["merged_at"][:16].replace("T", " ")
    return said(f"{file_name} and {other['file_name']} (merged {merged}) are different exports that both claim "
                f"export {seq} of device {label}", "clone_evidence", file=file_name, other=other["file_name"],
                when=merged, seq=seq, device=label)


def keep_foreign(db: Store, kind: RecordKind, rows: ColumnRows, trust: FileTrust, counts: dict[str, int],
                 held: dict | None = None) -> None:
    """Records the file may not speak for: kept for review, or counted when they say nothing new."""
    uuids = rows.column("uuid")
    held = held if held is not None else merge_store.existing_versions(db, kind, uuids)
    known = merge_store.known_revision_hashes(db, kind, uuids)
    names = merge_store.device_names(db, [held[uuid][2] if uuid in held else device_id
                                          for uuid, device_id in zip(uuids, rows.column("device_id"))])
    for row in rows:
        if trust.keep_foreign(db, kind, row, held.get(row["uuid"]), known, names):
            counts["conflicts"] += 1
        else:
            counts["unchanged"] += 1


def diverged(db: Store, kind: RecordKind, rows: ColumnRows, indexes: list[int], held: dict, trust: FileTrust,
             counts: dict[str, int]) -> list[int]:
    """Own records whose version does not follow the one held by revision alone: a plain
    conflict or a stale copy for a device of one laptop; for two laptops sharing an identity,
    kept for review (a deletion wins). Returns the rows to write over the held ones."""
    known = merge_store.known_revision_hashes(db, kind, [rows.column("uuid")[index] for index in indexes])
    write = []
    for index in indexes:
        row = rows[index]
        current = held[row["uuid"]]
        same_revision = row["revision"] == current[0]
        history = {digest for uuid, revision, digest in known if uuid == row["uuid"] and revision == row["revision"]}
        if row["deleted"] and current[3] and (same_revision or not trust.shared):
            if same_revision:
                write.append(index)  # a tombstone held with the words an older app sent: wiped now
            counts["unchanged" if same_revision else "stale"] += 1
            continue
        if not trust.shared and not same_revision and (not history or row["content_hash"] in history
                                                        or row["deleted"]):
            counts["stale"] += 1  # an older revision arriving late, as the history knows it (or knows nothing)
            continue
        if not trust.shared and same_revision:
            # One device, two versions at one revision: cloned laptops (see merge_trust).
            record = named_record(db, kind, row)
            trust.shared = said(f"device {trust.device_label} sent two different versions of {record} at revision "
                                f"{row['revision']}", "shared_two_versions", device=trust.device_label,
                                record=record, revision=row["revision"])
        why = trust.shared or unlike_history(db, kind, row, trust.device_label)
        outcome = trust.keep_diverged(db, kind, row, current, why)
        if outcome == "withdrawn":
            if row["revision"] < current[0]:
                rows.column("revision")[index] = current[0]  # above the edit it wins over
            write.append(index)
        elif outcome == "kept":
            counts["conflicts"] += 1
        else:
            counts["unchanged"] += 1
    return write


def unlike_history(db: Store, kind: RecordKind, row: dict[str, Any], device_label: str) -> str:
    record = named_record(db, kind, row)
    return said(f"device {device_label} sent a version of {record} at revision {row['revision']} unlike the one "
                f"held or in its history", "shared_unlike_history", device=device_label, record=record,
                revision=row["revision"])


def named_record(db: Store, kind: RecordKind, row: dict[str, Any]) -> str:
    """A record as the English names it (its table and id), keyed with what a person knows it by
    in the interface: its kind and its consultation's title."""
    if kind is CONSULTATION:
        title = row.get("title")
    else:
        title = (merge_store.current_record(db, CONSULTATION, row.get("consultation_uuid") or "") or {}).get("title")
    return said(f"{kind.table} {row['uuid']}",
                "record_consultation" if kind is CONSULTATION else "record_feedback" if kind is FEEDBACK
                else "record_note", title=title or said("(untitled)", "untitled"))


def same_id_other_values(path: Path, manifest: dict[str, Any], package: ExportPackage,
                          held: dict[str, Any]) -> str:
    """Why a file bearing an export id this device's export was merged under is held."""
    signed = str(manifest.get("content_sha256") or "").strip().lower()
    if held["modified"] and package.checksum_matches and signed == held.get("signed_sha256"):
        return said(f"{path.name}: the original of export {held['export_id']}, with the values its device signed; "
                    f"an edited copy of it was merged on {when(held)} (as {held['file_name']}, with "
                    f"--accept-modified), so the values merged then are not these; nothing was merged. Compare the "
                    f"two files", "original_after_edited", file=path.name, when=when(held), other=held["file_name"])
    return said(f"{path.name}: export {held['export_id']} of this device was merged on {when(held)} (as "
                f"{held['file_name']}) with other values: this file was edited since, or another laptop with the "
                f"same identity and key signed it; nothing was merged. Compare the two files", "same_id_other_values",
                file=path.name, when=when(held), other=held["file_name"])


def when(claim: dict[str, Any]) -> str:
    return claim["merged_at"][:16].replace("T", " ")
