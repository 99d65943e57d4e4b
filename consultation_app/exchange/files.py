"""Files that are either complete under their final name or not there at all, and the scratch
jobs that keep an export's plain temporary files inside the data folder.

A ``ScratchJob`` is a folder in ``paths.scratch_dir_for(database)`` (XlsxWriter's sheet files,
a workbook before it is encrypted) with a lock file held while the job runs, and a note naming
the temporary it writes in the target folder. The job removes all of them when it ends, however
it ends; ``remove_abandoned`` removes those of jobs whose process died (a kill, a power cut) at
the next start, the target folder's temporary included when that folder is there.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import traceback
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from consultation_app import paths
from consultation_app.errors import AppError
from consultation_app.storage import errors as storage_errors
from consultation_app.storage.durable import fsync_file, fsync_folder
from consultation_app.targets import check_output_file, create_new

if TYPE_CHECKING:
    from types import TracebackType

    from xlsxwriter.workbook import Workbook

_TARGET_TEMPORARY = re.compile(r"^\..+\.[0-9a-f]{8}\.part$")  # how atomic_output names its temporary


def _friendly(error: OSError, path: Path, needed: int | None = None) -> AppError:
    """The failure to write ``path`` as a person can act on it (keyed: ui/error_catalogue.py)."""
    if error.errno in storage_errors.DISK_FULL_ERRNOS:
        megabytes = f"{max(1, round((needed or 0) / 1_048_576)):,}"
        room = f"; free at least {megabytes} MB" if needed else ""
        failure = AppError(f"{path}: not enough space to write the file (disk or USB stick full"
                           f"{room}); nothing was saved")
        return failure.keyed("file_disk_full_room", path=path, room=megabytes) if needed else failure.keyed(
            "file_disk_full", path=path)
    if error.errno in (errno.EIO, errno.ENOENT, errno.ENODEV, errno.ENXIO):
        return AppError(f"{path}: the drive stopped answering (was the USB stick pulled out?); nothing was "
                        f"saved").keyed("file_drive_gone", path=path)
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return AppError(f"{path}: no permission to write here (read-only drive?); nothing was saved").keyed(
            "file_no_permission", path=path)
    reason = error.strerror or str(error)
    return AppError(f"{path}: cannot write the file ({reason}); nothing was saved").keyed(
        "file_not_written", path=path, reason=reason)


write_failure = _friendly  # the same sorting for a file written elsewhere (an attachment's "Save as")


def workbook_target(out: str | Path, what: str) -> Path:
    """Where an .xlsx is to be written, checked before any work: ``what`` names it for people
    ("an export", "a capture template")."""
    out = Path(out)
    if out.suffix.lower() != ".xlsx":
        raise AppError(f"{out}: {what} is an Excel workbook; give the file name an .xlsx ending")
    return check_output_file(out)


# -- scratch jobs ---------------------------------------------------------------------------------

class ScratchJob:
    """One export's scratch folder, lock and note (see the module's docstring); use ``scratch_job``."""

    def __init__(self, root: Path):
        from PySide6.QtCore import QLockFile  # QtCore only: it tells a live owner from a dead one

        self.name = uuid.uuid4().hex
        root.mkdir(parents=True, exist_ok=True)
        self._lock = QLockFile(str(root / f"{self.name}.lock"))
        self._lock.setStaleLockTime(0)  # held while the process lives, however long the export takes
        if not self._lock.tryLock(0):
            raise OSError(errno.EACCES, "cannot take the lock of a scratch folder", str(root))
        self.folder = root / self.name
        self.note = root / f"{self.name}.target"
        try:
            self.folder.mkdir()
        except BaseException:
            self._lock.unlock()
            raise

    def note_target(self, temporary: Path) -> None:
        """Name the temporary written outside the data folder, so a start after a kill finds it."""
        with open(self.note, "w", encoding="utf-8") as handle:
            handle.write(str(Path(temporary).resolve()))
            handle.flush()
            os.fsync(handle.fileno())

    def end(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
        _remove_quietly(self.note)
        self._lock.unlock()


@contextmanager
def scratch_job(database: Path) -> Iterator[ScratchJob]:
    """A scratch job in the data folder of ``database``, removed when the block ends."""
    root = paths.scratch_dir_for(database)
    try:
        job = ScratchJob(root)
    except OSError as error:
        raise AppError(f"{root}: cannot make a scratch folder for the export "
                       f"({error.strerror or error}); nothing was saved") from error
    try:
        yield job
    finally:
        job.end()


def remove_abandoned(database: Path) -> list[Path]:
    """Remove what the scratch jobs of dead processes left: their folders, and the temporaries
    they noted in target folders that can be reached now (a USB stick that is not plugged in is
    tried again at the next start). A job whose process lives is left alone. Returns the
    temporaries removed outside the data folder."""
    root = paths.scratch_dir_for(database)
    try:
        entries = list(root.iterdir())
    except OSError:
        return []
    if not entries:
        return []
    from PySide6.QtCore import QLockFile

    removed: list[Path] = []
    for name in sorted({entry.name.split(".")[0] for entry in entries}):
        lock = QLockFile(str(root / f"{name}.lock"))
        lock.setStaleLockTime(0)
        if not lock.tryLock(0):
            continue  # its export is running
        try:
            shutil.rmtree(root / name, ignore_errors=True)
            note = root / f"{name}.target"
            if note.exists() and not _remove_noted_temporary(note, removed):
                continue  # keeps the note (and so the name) for the next start
            for leftover in root.glob(f"{name}.*"):
                if leftover.name != f"{name}.lock":
                    _remove_quietly(leftover)
        finally:
            lock.unlock()  # removes the lock file
    return removed


def _remove_noted_temporary(note: Path, removed: list[Path]) -> bool:
    """False when the noted file's folder cannot be reached now. Only a file named as
    atomic_output names its temporaries is removed: a forged note deletes nothing else."""
    try:
        temporary = Path(note.read_text(encoding="utf-8").strip())
    except (OSError, ValueError):
        return True
    if not temporary.is_absolute() or not _TARGET_TEMPORARY.match(temporary.name):
        return True
    if not temporary.parent.is_dir():
        return False
    try:
        temporary.unlink()
        removed.append(temporary)
    except FileNotFoundError:
        pass
    except OSError:
        return False
    return True


# -- writing --------------------------------------------------------------------------------------

@contextmanager
def atomic_output(final: Path, job: ScratchJob | None = None) -> Iterator[Path]:
    """Yield a temporary path beside ``final`` (a new empty file, consultation_app.targets); on
    success it is synced and renamed into place, on any failure it is removed and ``final`` is
    left as it was. ``final`` must be a plain file or nothing, before and at the rename. With
    ``job``, the temporary is named in the job's note first, so the start after a kill removes it."""
    final = check_output_file(final)
    temporary = final.with_name(f".{final.name}.{uuid.uuid4().hex[:8]}.part")
    try:
        if job is not None:
            job.note_target(temporary)
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
def open_workbook(path: Path, *, constant_memory: bool, scratch: Path | None = None) -> Iterator:
    """An XlsxWriter workbook writing to ``path`` (use inside atomic_output): closed on success;
    on failure its files are closed, so a full USB stick is not left fuller, and a disk error
    reaches atomic_output as the OSError it is (XlsxWriter wraps it in its own exception). In
    constant-memory mode XlsxWriter writes each sheet to a scratch file first: into ``scratch``
    (a ScratchJob's folder, in the data folder), never the system's temporary folder, where a
    kill would leave the rows in plain text."""
    import xlsxwriter
    from xlsxwriter.exceptions import FileCreateError

    if constant_memory and scratch is None:
        raise ValueError("a constant-memory workbook needs a scratch folder in the data folder")
    options: dict[str, object] = {"constant_memory": constant_memory, "in_memory": not constant_memory,
               "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
    if scratch is not None:
        options["tmpdir"] = str(scratch)
    workbook = xlsxwriter.Workbook(str(path), options)
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


def _abandon(workbook: Workbook, failure: TracebackType | None) -> None:
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
                # ZipFile's private flag: unset, close() writes no central directory.
                handle, value.fp, value._didModify = value.fp, None, False  # type: ignore[attr-defined]
                try:
                    handle.close()
                except OSError:
                    pass  # the bytes that did not fit: the temporary file is removed anyway
            elif type(value).__name__ == "_ZipWriteFile":
                io.BufferedIOBase.close(value)  # marks it closed without finishing the member
        tb = tb.tb_next
    traceback.clear_frames(failure)


def encrypt_into(plain: Path, out: Path, password: str) -> None:
    """Write the .xlsx ``plain`` to ``out`` encrypted with the ECMA-376 agile scheme that Excel
    and LibreOffice open."""
    import msoffcrypto.format.ooxml  # only exports with a password pay for the import

    with open(plain, "rb") as source, open(out, "wb") as target:
        msoffcrypto.format.ooxml.OOXMLFile(source).encrypt(password, target)


def encrypt_file(path: Path, password: str) -> None:
    """Encrypt an .xlsx in place (the tests' hostile workbooks; exports use encrypt_into)."""
    encrypted = path.with_name(path.name + ".enc")
    try:
        encrypt_into(path, encrypted, password)
        os.replace(encrypted, path)
    finally:
        _remove_quietly(encrypted)
