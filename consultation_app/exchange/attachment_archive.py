"""The companion archive of an export: ``<workbook>.attachments.zip`` beside the workbook, one
member per file named ``files/<sha256>`` (never by the name a person gave it), stored without
compression (photos and recordings are compressed already). With the export's password it is
encrypted with AES-256 (WinZip AE-2, pyzipper; 7-Zip and WinZip open it).

The list of what it holds is the workbook's signed ``attachments`` sheet; the merge checks the
archive against it: only ``files/<64 hex>`` members, each listed, each no larger than listed,
each hashing to its name, each of the media type listed. A member that fails any check
rejects the whole archive (nothing of it is kept; the workbook's records still merge). A
member is read at most to its listed size (a zip bomb stops there), and an archive much
larger than its listed files is refused unread.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from consultation_app.domain import attachments as rules
from consultation_app.domain import consent as consent_rules
from consultation_app.domain.text import printable
from consultation_app.errors import InputError, Said, said
from consultation_app.exchange.consent_gate import ConsentGate
from consultation_app.storage import attachment_store
from consultation_app.storage.store import Store

SUFFIX = ".attachments.zip"
MEMBER = re.compile(r"files/([0-9a-f]{64})")
READ_BYTES = 1024 * 1024
# Zip headers per member and the archive's end: what an archive may hold beyond its files.
OVERHEAD_PER_MEMBER, OVERHEAD = 1024, 64 * 1024


def archive_path(workbook: Path) -> Path:
    return workbook.with_name(workbook.name + SUFFIX)


# -- export ---------------------------------------------------------------------------------

def select(db: Store, gate: ConsentGate, since_seq: int, until_seq: int,
           include_sensitive: bool, sent_before: str = "") -> tuple[list[dict[str, Any]], int]:
    """What an export sends: attachments changed since the last export that consent and
    sensitivity let leave (domain/consent.attachment_may_leave), and every wiping (a tombstone
    with no name, caption or bytes). One held back now (marked sensitive since) that was added
    before the last export (``sent_before``), so may be at the office, is listed as a wiping
    there (``withdrawn_from_office``): the office deletes its copy, the laptop keeps the file.
    Returns (rows, how many stayed on the laptop)."""
    rows, left_out = [], 0
    for row in attachment_store.iter_changed(db, since_seq, until_seq):
        if not row["deleted"]:
            consent = gate.governing({"consultation_uuid": row["consultation_uuid"], "uuid": ""})
            if not consent_rules.attachment_may_leave(consent, row["kind"], row["sensitive"], include_sensitive,
                                                      gate.today):
                left_out += 1
                created = str(row["created_at"] or "")
                if not sent_before or not created or created > sent_before:
                    continue
                row = {**row, "deleted": True, "file_name": "", "caption": "", "withdrawn_from_office": True}
        rows.append(row)
    return rows, left_out


def _zip_writer(path: Path, password: str | None) -> zipfile.ZipFile:
    if password:
        import pyzipper

        archive = pyzipper.AESZipFile(path, "w", compression=pyzipper.ZIP_STORED, encryption=pyzipper.WZ_AES)
        archive.setpassword(password.encode("utf-8"))
        return archive
    return zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED)


def write(db: Store, path: Path, rows: list[dict[str, Any]], password: str | None) -> int:
    """Write the live rows' bytes into the archive at ``path`` (a temporary the caller renames);
    each content once. Returns the bytes of content written."""
    written, seen = 0, set()
    with _zip_writer(path, password) as archive:
        for row in rows:
            if row["deleted"] or row["sha256"] in seen:
                continue
            seen.add(row["sha256"])
            # By name: pyzipper's encrypting writer takes no ZipInfo. Stored (the archive's default).
            with archive.open(f"files/{row['sha256']}", "w", force_zip64=row["size"] > 0x7FFF0000) as member:
                digest, size = hashlib.sha256(), 0
                for chunk in attachment_store.iter_content(db, row["sha256"]):
                    member.write(chunk)
                    digest.update(chunk)
                    size += len(chunk)
                written += size
            # A restored or crafted database may have lost or changed a chunk: never send bytes
            # that the office would reject as changed after export.
            if size != row["size"] or digest.hexdigest() != row["sha256"]:
                raise InputError(f"attachment {printable(str(row['file_name']))[:80]} ({row['uuid']}): its stored "
                                 f"bytes are damaged ({size:,} of {row['size']:,} bytes, or not the listed "
                                 "sha256); restore a good backup or delete the attachment")
    return written


# -- merge ----------------------------------------------------------------------------------

class ArchiveRejected(Exception):
    """The archive does not match the signed list; the message says how, in one line."""


@dataclass
class ArchiveOutcome:
    added: int = 0
    already: int = 0
    updated: int = 0
    missing: int = 0
    rejected: str = ""
    notes: list[str] = field(default_factory=list)


@contextmanager
def _open_archive(path: Path, listed_bytes: int, listed_files: int, password: str | None
                  ) -> Iterator[zipfile.ZipFile]:
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    descriptor = os.open(path, flags)
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise ArchiveRejected(said("not a regular file", "archive_not_regular"))
        limit = listed_bytes + listed_files * OVERHEAD_PER_MEMBER + OVERHEAD
        if status.st_size > limit:
            raise ArchiveRejected(said(f"{status.st_size:,} bytes, more than the {listed_bytes:,} bytes of files its "
                                       f"workbook lists", "archive_too_large", size=f"{status.st_size:,}",
                                       listed=f"{listed_bytes:,}"))
        handle = os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise
    with handle:
        import pyzipper

        try:
            archive: zipfile.ZipFile = pyzipper.AESZipFile(handle)
        except _bad_zip(OSError, ValueError, EOFError) as error:
            raise ArchiveRejected(said(f"not a readable zip archive ({type(error).__name__})", "archive_not_zip",
                                       error=type(error).__name__)) from None
        with archive:
            if password:
                archive.setpassword(password.encode("utf-8"))
            yield archive


def _bad_zip(*more: type[Exception]) -> tuple[type[Exception], ...]:
    """A damaged archive as both zip readers say it (and ``more``): pyzipper has a BadZipFile of
    its own (an AES member whose authentication code does not match, a file that is no zip)."""
    import pyzipper

    return (zipfile.BadZipFile, pyzipper.BadZipFile, *more)


def _member_chunks(archive: zipfile.ZipFile, info: zipfile.ZipInfo, row: dict[str, Any]) -> Iterator[bytes]:
    """The member's bytes, read at most to its listed size; its first bytes must announce the
    listed media type."""
    total, first = 0, True
    with archive.open(info) as member:
        while True:
            chunk = member.read(READ_BYTES)
            if not chunk:
                break
            total += len(chunk)
            if total > row["size"]:
                raise ArchiveRejected(said(f"member {info.filename} holds more than its listed {row['size']:,} bytes",
                                           "member_over_size", member=info.filename, size=f"{row['size']:,}"))
            if first and rules.sniff(chunk[:rules.HEAD_BYTES]) != row["media_type"]:
                raise ArchiveRejected(said(f"member {info.filename} is not the {row['media_type']} its workbook "
                                           f"lists", "member_wrong_type", member=info.filename,
                                           media_type=row["media_type"]))
            first = False
            yield chunk
    if total != row["size"]:
        raise ArchiveRejected(said(f"member {info.filename} holds {total:,} bytes, not the listed {row['size']:,}",
                                   "member_size_differs", member=info.filename, total=f"{total:,}",
                                   size=f"{row['size']:,}"))


def merge(db: Store, workbook: Path, rows: list[dict[str, Any]], password: str | None,
          sender: str) -> ArchiveOutcome:
    """Bring in the attachments a merged workbook lists, from the archive beside it; the caller
    holds the transaction. A held attachment follows domain/attachments.merge_metadata (a
    deletion wins; a newer revision updates caption, kind, sensitivity; two laptops' changes
    at one revision: the later caption, the stricter sensitivity, and a note); merging again
    changes nothing. A listed file whose bytes are held already is linked to them only when
    they are held for the sending device (``sender``) itself: a hash is no proof of having the
    bytes, and a row linked to another laptop's photo would keep it after that laptop's
    consent is withdrawn."""
    outcome = ArchiveOutcome()
    wanted: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        held = attachment_store.get(db, row["uuid"])
        if held is not None:
            changed, diverged = attachment_store.apply_newer(db, row)
            if changed:
                outcome.updated += 1
            else:
                outcome.already += 1
            if diverged:
                outcome.notes.append(said(
                    f"attachment {printable(held['file_name'])} ({row['uuid']}) was changed on two laptops: kept "
                    f"the later caption and kind and the stricter sensitivity; check it", "attachment_diverged",
                    name=held["file_name"], uuid=row["uuid"]))
        elif not row["deleted"]:
            if attachment_store.content_held_for(db, row["sha256"], sender):
                attachment_store.link(db, row)
                outcome.added += 1
            else:
                wanted.setdefault(row["sha256"], []).append(row)
        else:
            # A wiping of an attachment not held (its file sent earlier, not merged yet): kept
            # as a tombstone, without name, caption or bytes, so the earlier file cannot bring
            # it in later (a deletion wins).
            attachment_store.link(db, {**row, "file_name": "", "caption": ""})
    if not wanted:
        return outcome
    path = archive_path(workbook)
    count = sum(len(group) for group in wanted.values())
    if not path.exists():
        outcome.missing = count
        outcome.notes.append(said(f"{count} attachment(s) listed but no {printable(path.name)} beside the "
                                  f"workbook: merge again with the archive beside it", "archive_missing",
                                  count=count, archive=path.name))
        return outcome
    try:
        with db.atomic():  # a savepoint: the whole archive or nothing of it
            outcome.added += _bring_in(db, path, rows, wanted, password)
    except ArchiveRejected as error:
        outcome.rejected = str(error)
        reason = error.args[0] if error.args and isinstance(error.args[0], Said) else printable(error)
        outcome.notes.append(said(f"{printable(path.name)} rejected, none of its {count} attachment(s) kept: "
                                  f"{printable(error)}", "archive_rejected", archive=path.name, count=count,
                                  reason=reason))
    except _bad_zip(OSError, RuntimeError, ValueError, EOFError, NotImplementedError) as error:
        reason = "wrong or missing password" if "password" in str(error).lower() else type(error).__name__
        outcome.rejected = reason
        outcome.notes.append(said(f"{printable(path.name)} rejected, none of its {count} attachment(s) kept: "
                                  f"cannot be read ({reason})", "archive_unreadable", archive=path.name, count=count,
                                  reason=said(reason, "wrong_password") if "password" in reason else reason))
    return outcome


def _bring_in(db: Store, path: Path, rows: list[dict[str, Any]], wanted: dict[str, list[dict[str, Any]]],
              password: str | None) -> int:
    listed = {row["sha256"]: row for row in rows if not row["deleted"]}
    listed_bytes = sum(row["size"] for row in listed.values())
    added = 0
    with _open_archive(path, listed_bytes, len(listed), password) as archive:
        members = archive.infolist()
        names = [info.filename for info in members]
        if len(set(names)) != len(names):
            raise ArchiveRejected(said("a member appears twice", "member_twice"))
        for info in members:
            match = MEMBER.fullmatch(info.filename)
            if match is None:
                raise ArchiveRejected(said(f"unexpected member {printable(info.filename)[:80]} (only "
                                           f"files/<sha256>)", "member_unexpected",
                                           member=printable(info.filename)[:80]))
            if match.group(1) not in listed:
                raise ArchiveRejected(said(f"member {info.filename} is not listed in the workbook",
                                           "member_not_listed", member=info.filename))
            if info.file_size != listed[match.group(1)]["size"]:
                listed_size = f"{listed[match.group(1)]['size']:,}"
                raise ArchiveRejected(said(f"member {info.filename} says {info.file_size:,} bytes, the workbook lists "
                                           f"{listed_size}", "member_claims_size", member=info.filename,
                                           size=f"{info.file_size:,}", listed=listed_size))
        by_hash = {MEMBER.fullmatch(info.filename).group(1): info for info in members}  # type: ignore[union-attr]
        for sha256, group in wanted.items():
            found = by_hash.get(sha256)
            if found is None:
                raise ArchiveRejected(said(f"the listed file {sha256[:12]}… is not in the archive",
                                           "listed_not_in_archive", sha256=sha256[:12]))
            first, *others = group
            meta = {**first, "local_seq": 0}

            def check(total: int, limit: int = first["size"]) -> None:
                if total > limit:
                    raise ArchiveRejected(said("a member holds more than its listed size", "member_over_listed"))

            try:
                attachment_store.add(db, meta, _member_chunks(archive, found, first), check, expected_sha256=sha256)
            except attachment_store.ContentMismatch:
                raise ArchiveRejected(said(f"member files/{sha256} does not hash to its name (changed after "
                                           f"export)", "member_hash_differs", sha256=sha256)) from None
            added += 1
            for other in others:
                attachment_store.link(db, other)
                added += 1
    return added

