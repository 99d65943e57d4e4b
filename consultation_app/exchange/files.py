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
from typing import Iterator

from consultation_app import paths
from consultation_app.errors import AppError
from consultation_app.storage.durable import fsync_file, fsync_folder

_TARGET_TEMPORARY = re.compile(r"^\..+\.[0-9a-f]{8}\.part$")  # how atomic_output names its temporary


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
    if not out.parent.is_dir():
        raise AppError(f"{out.parent}: no such folder")
    return out


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
    """Yield a temporary path beside ``final``; on success it is synced and renamed into place,
    on any failure it is removed and ``final`` is left as it was. With ``job``, the temporary is
    named in the job's note first, so the start after a kill removes it."""
    final = Path(final)
    temporary = final.with_name(f".{final.name}.{uuid.uuid4().hex[:8]}.part")
    try:
        if job is not None:
            job.note_target(temporary)
        yield temporary
        fsync_file(temporary)
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
def open_workbook(path: Path, *, constant_memory: bool, scratch: Path | None = None) -> Iterator:
    """An XlsxWriter workbook writing to ``path`` (use inside atomic_output): closed on success;
    on failure its files are closed, and a disk error reaches atomic_output as the OSError it is
    (XlsxWriter wraps it in its own exception). In constant-memory mode XlsxWriter writes each
    sheet to a scratch file first: into ``scratch`` (a ScratchJob's folder, in the data folder),
    never the system's temporary folder, where a kill would leave the rows in plain text."""
    import xlsxwriter
    from xlsxwriter.exceptions import FileCreateError

    if constant_memory and scratch is None:
        raise ValueError("a constant-memory workbook needs a scratch folder in the data folder")
    options = {"constant_memory": constant_memory, "in_memory": not constant_memory,
               "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
    if scratch is not None:
        options["tmpdir"] = str(scratch)
    workbook = xlsxwriter.Workbook(str(path), options)
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
