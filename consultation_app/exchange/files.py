"""Files that are either complete under their final name or not there at all."""

from __future__ import annotations

import errno
import os
import tempfile
import traceback
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from consultation_app.errors import AppError
from consultation_app.storage.durable import fsync_file, fsync_folder
from consultation_app.targets import check_output_file, create_new


def _friendly(error: OSError, path: Path) -> AppError:
    if error.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
        return AppError(f"{path}: not enough space to write the file (disk or USB stick full); nothing was saved")
    if error.errno in (errno.EIO, errno.ENOENT, errno.ENODEV, errno.ENXIO):
        return AppError(f"{path}: the drive stopped answering (was the USB stick pulled out?); nothing was saved")
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return AppError(f"{path}: no permission to write here (read-only drive?); nothing was saved")
    return AppError(f"{path}: cannot write the file ({error.strerror or error}); nothing was saved")


def workbook_target(out: str | Path, what: str) -> Path:
    """Where an .xlsx is to be written, checked before any work: ``what`` names it for people
    ("an export", "a capture template")."""
    out = Path(out)
    if out.suffix.lower() != ".xlsx":
        raise AppError(f"{out}: {what} is an Excel workbook; give the file name an .xlsx ending")
    return check_output_file(out)


@contextmanager
def atomic_output(final: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``final`` (a new empty file, consultation_app.targets); on
    success it is synced and renamed into place, on any failure it is removed and ``final`` is
    left as it was. ``final`` must be a plain file or nothing, before and at the rename."""
    final = check_output_file(final)
    temporary = final.with_name(f".{final.name}.{uuid.uuid4().hex[:8]}.part")
    try:
        create_new(temporary)
    except OSError as error:
        raise _friendly(error, final) from error
    try:
        yield temporary
        fsync_file(temporary)
        check_output_file(final)  # again: what has the name now is what the rename replaces
        os.replace(temporary, final)
        fsync_folder(final.parent)
    except OSError as error:
        _remove_quietly(temporary)
        raise _friendly(error, final) from error
    except BaseException:
        _remove_quietly(temporary)
        raise


def _remove_quietly(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


@contextmanager
def open_workbook(path: Path, *, constant_memory: bool) -> Iterator:
    """An XlsxWriter workbook writing to ``path`` (use inside atomic_output): closed on success;
    on failure its scratch files (one per sheet in constant-memory mode) are closed and removed,
    so a full USB stick is not left fuller, and a disk error reaches atomic_output as the
    OSError it is (XlsxWriter wraps it in its own exception)."""
    import xlsxwriter
    from xlsxwriter.exceptions import FileCreateError

    with tempfile.TemporaryDirectory(prefix="consultation-app-") as scratch:
        workbook = xlsxwriter.Workbook(str(path), {
            "constant_memory": constant_memory, "in_memory": not constant_memory, "tmpdir": scratch,
            "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False})
        try:
            yield workbook
            workbook.close()
        except FileCreateError as error:
            _abandon(workbook)
            cause = error.args[0] if error.args else None
            if isinstance(cause, OSError):
                traceback.clear_frames(cause.__traceback__)  # frees the half-written zip's handle
                raise cause from error
            raise
        except BaseException:
            _abandon(workbook)
            raise


def _abandon(workbook) -> None:
    for sheet in workbook.worksheets():
        handle = getattr(sheet, "row_data_fh", None)
        if handle is not None and not handle.closed:
            handle.close()


def encrypt_file(path: Path, password: str) -> None:
    """Encrypt an .xlsx in place with the ECMA-376 agile scheme Excel and LibreOffice open."""
    import msoffcrypto.format.ooxml  # only exports with a password pay for the import

    encrypted = path.with_name(path.name + ".enc")
    try:
        with open(path, "rb") as plain, open(encrypted, "wb") as out:
            msoffcrypto.format.ooxml.OOXMLFile(plain).encrypt(password, out)
        os.replace(encrypted, path)
    finally:
        _remove_quietly(encrypted)
