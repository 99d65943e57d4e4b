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
from consultation_app.storage import errors as storage_errors
from consultation_app.storage.durable import fsync_file, fsync_folder
from consultation_app.targets import check_output_file, create_new


def _friendly(error: OSError, path: Path, needed: int | None = None) -> AppError:
    if error.errno in storage_errors.DISK_FULL_ERRNOS:
        room = f"; free at least {max(1, round((needed or 0) / 1_048_576)):,} MB" if needed else ""
        return AppError(f"{path}: not enough space to write the file (disk or USB stick full"
                        f"{room}); nothing was saved")
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
        needed = _size(temporary) * 2 + (16 << 20)  # what was written before the failure, and more
        _remove_quietly(temporary)
        raise _friendly(error, final, needed) from error
    except BaseException:
        _remove_quietly(temporary)
        raise


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


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
            _abandon(workbook, error.__traceback__)
            cause = error.args[0] if error.args else None
            if isinstance(cause, OSError):
                _abandon(workbook, cause.__traceback__)
                raise cause from error
            raise
        except BaseException as error:
            _abandon(workbook, error.__traceback__)
            raise


def _abandon(workbook, failure) -> None:
    """Close what a failed write left open: the sheets' scratch files, and the half-written zip
    (found in the failure's frames). Its own clean-up would try to finish the zip when it is
    collected, fail again on the full disk and print a traceback ("Exception ignored in ...")."""
    import io
    import zipfile

    for sheet in workbook.worksheets():
        handle = getattr(sheet, "row_data_fh", None)
        if handle is not None and not handle.closed:
            handle.close()
    tb = failure
    while tb is not None:
        for value in list(tb.tb_frame.f_locals.values()):
            if isinstance(value, zipfile.ZipFile) and value.fp is not None:
                handle, value.fp, value._didModify = value.fp, None, False
                try:
                    handle.close()
                except OSError:
                    pass  # the bytes that did not fit: the temporary file is removed anyway
            elif type(value).__name__ == "_ZipWriteFile":
                io.BufferedIOBase.close(value)  # marks it closed without finishing the member
        tb = tb.tb_next
    traceback.clear_frames(failure)


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
