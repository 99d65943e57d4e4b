"""Adding, listing and wiping attachments (use cases over storage/attachment_store.py).

A file is checked before a byte is stored: a plain name, a regular file (a pipe or device is
refused unread), content of a kept type recognised by its first bytes and agreeing with its
name and kind, within the size limits (domain/attachments.py). Images are decoded whole with
Pillow (a fake or truncated JPEG fails here; a decompression bomb is refused from its header
before decoding) and get a thumbnail; a PDF must end as PDFs end. Then the bytes are streamed
into the database in one transaction: nothing is half-written.
"""

from __future__ import annotations

import io
import os
import stat
import uuid as uuid_module
import warnings
from pathlib import Path
from typing import Any, Callable, Iterator

from consultation_app.domain import attachments as rules
from consultation_app.domain.attachments import AttachmentError
from consultation_app.domain.consent import Consent
from consultation_app.domain.records import CONSULTATION
from consultation_app.domain.text import printable
from consultation_app.errors import InputError, NotFoundError, reason, said
from consultation_app.storage import attachment_store
from consultation_app.storage.records_store import RecordStore, wipe_free_space

THUMBNAIL_PIXELS = 160


def shown(path: Path) -> str:
    """A path as a one-line message can carry it (control characters written out)."""
    return printable(str(path))
_PILLOW_FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WEBP", "image/tiff": "TIFF"}
# Kinds whose content consent covers: wiped when consent is withdrawn.
COVERED_BY_CONSENT = {"photo", "audio"}


class AddCancelled(Exception):
    """Adding a file stopped because it was cancelled; nothing of it was stored."""


def _refused(path: Path, error: AttachmentError) -> InputError:
    """``path``'s name and why the rules refuse it, in one line (said in the interface language)."""
    return InputError(f"{shown(path)}: {error}").keyed("at_place", where={"file": shown(path)}, reason=reason(error))


def _open_regular(path: Path) -> tuple[int, int]:
    """An open descriptor and the size of a regular file; refused unread otherwise."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(path, flags)
    except FileNotFoundError:
        raise InputError(f"{shown(path)}: no such file").keyed("file_missing", file=shown(path)) from None
    except IsADirectoryError:
        raise InputError(f"{shown(path)}: is a folder, not a file").keyed("file_is_folder", file=shown(path)) from None
    except OSError as error:
        raise InputError(f"{shown(path)}: cannot be read ({error.strerror or error})").keyed(
            "file_unreadable", file=shown(path), error=error.strerror or error) from None
    status = os.fstat(descriptor)
    if not stat.S_ISREG(status.st_mode):
        os.close(descriptor)
        raise InputError(f"{shown(path)}: not a regular file (a folder, pipe, device or socket); refused unread"
                         ).keyed("file_not_regular", file=shown(path))
    return descriptor, status.st_size


def _image_checked(data: bytes, media_type: str) -> bytes:
    """Decode the whole image (so a fake or damaged one fails); return a PNG thumbnail."""
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                if image.format != _PILLOW_FORMATS[media_type]:
                    raise AttachmentError(said(f"the content is not a valid {media_type} image", "image_invalid",
                                               media_type=media_type))
                width, height = image.size
                if width * height > rules.MAX_PIXELS:
                    raise AttachmentError(said(f"the image is {width} x {height} pixels; the limit is "
                                               f"{rules.MAX_PIXELS // 1_000_000} megapixels", "image_too_many_pixels",
                                               width=width, height=height, limit=rules.MAX_PIXELS // 1_000_000))
                image.load()  # every pixel: a truncated or corrupt file fails here
                image.thumbnail((THUMBNAIL_PIXELS, THUMBNAIL_PIXELS))
                out = io.BytesIO()
                image.convert("RGB").save(out, "PNG")
                return out.getvalue()
    except AttachmentError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise AttachmentError(said(f"the image is larger than {rules.MAX_PIXELS // 1_000_000} megapixels",
                                   "image_too_large", limit=rules.MAX_PIXELS // 1_000_000)) from None
    except Exception as error:  # Pillow raises many types for bad data (OSError, SyntaxError, ValueError...)
        raise AttachmentError(said(f"the content is not a valid {media_type} image ({type(error).__name__})",
                                   "image_damaged", media_type=media_type, error=type(error).__name__)) from None


def _read_up_to(descriptor: int, count: int) -> bytes:
    parts, left = [], count
    while left > 0:
        part = os.read(descriptor, min(left, attachment_store.CHUNK_BYTES))
        if not part:
            break
        parts.append(part)
        left -= len(part)
    return b"".join(parts)


def _chunks(descriptor: int, first: bytes) -> Iterator[bytes]:
    """The file's bytes in whole chunks: ``first`` (already read) and the rest of the file."""
    size = attachment_store.CHUNK_BYTES
    buffer = first
    while True:
        while len(buffer) >= size:
            yield buffer[:size]
            buffer = buffer[size:]
        more = _read_up_to(descriptor, size - len(buffer))
        if not more:
            if buffer:
                yield buffer
            return
        buffer += more


def add_file(records: RecordStore, consultation_uuid: str, path: str | Path, kind: str = "other",
             caption: str = "", sensitive: bool = False,
             progress: Callable[[int, int], None] | None = None,
             cancelled: Callable[[], bool] | None = None) -> dict[str, Any]:
    """Attach the file at ``path`` to a consultation; InputError (one line naming the file and
    the reason) when refused, and then nothing is stored. ``progress(bytes stored, size)`` is
    called after each chunk; once ``cancelled()`` says so, AddCancelled is raised and the
    transaction rolled back (nothing of the file stays)."""
    path = Path(path)
    try:
        name = rules.check_name(path.name)
        caption = rules.check_caption(caption)
        rules.check_kind(kind)
    except AttachmentError as error:
        raise _refused(path, error) from None
    consultation = records.get(CONSULTATION, consultation_uuid)
    if consultation is None:
        raise NotFoundError(f"no consultation {consultation_uuid}").keyed("consultation_gone")
    if consultation["status"] == "final":
        raise InputError("this consultation is final; reopen it before adding attachments").keyed(
            "attachment_consultation_final")
    descriptor, size = _open_regular(path)
    try:
        head = os.read(descriptor, rules.HEAD_BYTES)
        media_type = rules.media_type_of(name, head, kind)
        rules.check_size(size, media_type)
        rules.check_consultation_total(attachment_store.held_bytes(records.db, consultation_uuid), size)
        limit = rules.MAX_BYTES[rules.MEDIA[media_type][0]]
        thumbnail = None
        first = head
        if rules.MEDIA[media_type][0] == rules.IMAGE:
            first = head + _read_up_to(descriptor, limit + 1 - len(head))
            rules.check_size(len(first), media_type)
            thumbnail = _image_checked(first, media_type)
        elif media_type == "application/pdf":
            tail = os.pread(descriptor, 1024, max(0, size - 1024)) if hasattr(os, "pread") else b""
            if b"%%EOF" not in tail:
                raise AttachmentError(said("the PDF is incomplete (it does not end as a PDF ends)", "pdf_incomplete"))

        def check(total: int) -> None:
            if total > limit:  # the file grew while being read
                rules.check_size(total, media_type)
            if cancelled is not None and cancelled():
                raise AddCancelled()
            if progress is not None:
                progress(total, max(size, total))

        meta = {"uuid": str(uuid_module.uuid4()), "consultation_uuid": consultation_uuid, "kind": kind,
                "file_name": name, "media_type": media_type, "caption": caption, "sensitive": sensitive,
                "device_id": records.device_id}
        return attachment_store.add(records.db, meta, _chunks(descriptor, first), check, thumbnail)
    except AttachmentError as error:
        raise _refused(path, error) from None
    except OSError as error:
        raise InputError(f"{shown(path)}: cannot be read ({error.strerror or error})").keyed(
            "file_unreadable", file=shown(path), error=error.strerror or error) from None
    finally:
        os.close(descriptor)


def wipe_covered(records: RecordStore, consent: Consent, wipe_now: bool = True) -> int:
    """After consent was withdrawn: wipe the consultation's photos and recordings (what consent
    covered), and clear the database's free space of their bytes (``wipe_now``; else the
    caller does, once for all it wiped)."""
    if consent.subject:  # one person's consent: attachments belong to the whole consultation
        return 0
    uuids = [row["uuid"] for row in attachment_store.listing(records.db, consent.consultation_uuid)
             if row["kind"] in COVERED_BY_CONSENT]
    count = attachment_store.wipe(records.db, uuids)
    if count and wipe_now:
        wipe_free_space(records.db)
    return count


def update(records: RecordStore, uuid: str, changes: dict[str, Any]) -> dict[str, Any]:
    """Change an attachment's caption, kind or sensitivity; InputError when a value is wrong
    (a kind its content cannot be, a caption with control characters)."""
    row = attachment_store.get(records.db, uuid)
    if row is None or row["deleted"]:
        raise NotFoundError(f"no attachment {uuid}").keyed("attachment_gone")
    try:
        if "caption" in changes:
            changes["caption"] = rules.check_caption(str(changes["caption"] or ""))
        if "kind" in changes:
            kind = rules.check_kind(str(changes["kind"]))
            if rules.MEDIA[row["media_type"]][0] not in rules.KIND_FAMILIES[kind]:
                raise AttachmentError(said(f"a {row['media_type']} file cannot be a '{kind}' attachment",
                                           "attachment_type_kind", media_type=row["media_type"],
                                           kind=rules.kind_said(kind)))
    except AttachmentError as error:
        raise _refused(Path(row["file_name"]), error) from None
    updated = attachment_store.update(records.db, uuid, changes)
    assert updated is not None
    return updated


def thumbnail_of(db: Any, row: dict[str, Any]) -> bytes | None:
    """The PNG thumbnail to show: the one stored, or (a merged image whose laptop sent none)
    one made from the stored bytes, decoded with the same checks as when a file is added (a
    bomb or damaged image gives none). Audio and PDF: None."""
    stored = attachment_store.thumbnail(db, row["uuid"])
    if stored:
        return stored
    family = rules.MEDIA.get(row["media_type"], (None,))[0]
    if family != rules.IMAGE or row["deleted"] or row["size"] > rules.MAX_BYTES[rules.IMAGE]:
        return None
    data = b"".join(attachment_store.iter_content(db, row["sha256"]))
    try:
        return _image_checked(data, row["media_type"])
    except AttachmentError:
        return None


def save_copy(db: Any, row: dict[str, Any], target: str | Path) -> Path:
    """Write one attachment's bytes to ``target`` (a temporary beside it, renamed at the end);
    InputError when the stored bytes do not match their SHA-256 or the file cannot be written."""
    import hashlib
    import tempfile

    target = Path(target)
    if target.is_symlink() or target.is_dir():
        raise InputError(f"{shown(target)}: is a folder or a link; choose a file name").keyed(
            "save_target_folder", path=shown(target))
    try:
        descriptor, temp_name = tempfile.mkstemp(prefix=".attachment-", dir=target.parent)
    except OSError as error:
        raise _not_written(target.parent, error) from None
    digest = hashlib.sha256()
    try:
        with os.fdopen(descriptor, "wb") as handle:
            for chunk in attachment_store.iter_content(db, row["sha256"]):
                digest.update(chunk)
                handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        if digest.hexdigest() != row["sha256"]:
            raise InputError(f"attachment {row['uuid']}: its stored bytes do not match their SHA-256; not "
                             f"saved").keyed("attachment_bytes_damaged", name=printable(row["file_name"]))
        os.replace(temp_name, target)
    except OSError as error:
        Path(temp_name).unlink(missing_ok=True)
        raise _not_written(target, error) from None
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    return target


def _write_failure_key(path: Path, error: OSError) -> tuple[str, dict[str, object]]:
    """Why ``path`` cannot be written, as the interface says it (a full disk, a pulled USB stick,
    no permission...: exchange/files.py sorts them); the English stays the caller's."""
    from consultation_app.exchange.files import write_failure

    failure = write_failure(error, Path(shown(path)))
    assert failure.key is not None
    return failure.key, dict(failure.params)


def _not_written(path: Path, error: OSError) -> InputError:
    key, params = _write_failure_key(path, error)
    return InputError(f"{shown(path)}: cannot be written ({error.strerror or error})").keyed(key, **params)


_OPENED: list[Any] = []  # scratch jobs holding copies handed to the system's viewer


def write_opened_copy(db: Any, row: dict[str, Any]) -> Path:
    """A hash-checked copy for the system's viewer ("Open"). It is written inside the data
    folder's scratch folder, never the system's temporary folder (the copy is decrypted), and
    kept while the app runs (the viewer may still be reading it): ``remove_opened_copies``
    removes it when the app closes, and after a kill the next start does
    (exchange/files.remove_abandoned: the job's lock died with its process)."""
    from consultation_app import paths
    from consultation_app.exchange import attachment_folder
    from consultation_app.exchange.files import ScratchJob

    root = paths.scratch_dir_for(db.file())
    try:
        job = ScratchJob(root)
    except OSError as error:
        key, params = _write_failure_key(root, error)
        raise InputError(f"{shown(root)}: cannot make a folder for the copy ({error.strerror or error})").keyed(
            key, **params) from None
    try:
        copy = save_copy(db, row, job.folder / attachment_folder.safe_name(row["file_name"], set()))
    except BaseException:
        job.end()
        raise
    _OPENED.append(job)
    return copy


def remove_opened_copies() -> int:
    """Remove every copy opened in a viewer by this process; how many there were."""
    count = len(_OPENED)
    while _OPENED:
        _OPENED.pop().end()
    return count
