"""The merge's reading half: each file read, converted, checksummed and checked without the
database, in reader processes beside the one that writes (merge.py).

No storage import here: a reader process loads only what reading needs.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import multiprocessing.connection
import os
import queue
import sys
import threading
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Iterator, cast

from consultation_app.domain.records import CONSULTATION, FEEDBACK, NOTE
from consultation_app.domain.reference import ReferenceLists
from consultation_app.domain.text import brief
from consultation_app.errors import AppError, InputError
from consultation_app.exchange.central_exchange import CentralPackage, read_central_exchange
from consultation_app.exchange.safety import read_workbook_file
from consultation_app.exchange.workbook_format import CONSULTATIONS, FEEDBACK_SHEET, NOTES, RECOMMENDATIONS
from consultation_app.exchange.workbook_reader import ExportPackage, IsCaptureTemplate, IsCentralExchange, read_export

if TYPE_CHECKING:
    from multiprocessing.sharedctypes import Synchronized
    from multiprocessing.synchronize import BoundedSemaphore

KIND_SHEETS = ((CONSULTATION, CONSULTATIONS), (FEEDBACK, FEEDBACK_SHEET), (NOTE, NOTES))
PARALLEL_FROM = 8  # files: below this, starting a reader process costs more than it saves
# Files read but not yet written, per reader: enough that a reader never waits while the writer
# commits or builds an index (a few tenths of a second), few enough that memory stays flat.
READ_AHEAD = 16
# Reader processes: a core each beside the one that writes (two cores: one reader). Reading a
# file costs more than writing it, so a central office PC with four cores reads with three.
WORKERS = max(1, min(3, (os.cpu_count() or 2) - 1))
PIPE_BYTES = 1024 * 1024  # Linux's default ceiling for an unprivileged process


@dataclass
class Prepared:
    """A file read and checked, before the database is touched (picklable: it may come back
    from a reader process)."""
    path: Path
    file_sha256: str = ""
    package: ExportPackage | None = None
    error: str | None = None
    error_key: str | None = None  # with error_params: the error's message key (errors.AppError.keyed)
    error_params: dict[str, object] | None = None
    is_template: bool = False
    central: CentralPackage | None = None  # a central exchange file (exchange/central_merge.py)


def prepare(path: Path, reference: ReferenceLists, password: str | None) -> Prepared:
    """Everything about a file that needs no database: read, convert, checksum, checks."""
    prepared = Prepared(Path(path))
    try:
        # The file's bytes, read once (hashed here, parsed by read_export); anything but a
        # regular file, or one over the size limit, is refused unread.
        data = read_workbook_file(prepared.path)
        prepared.file_sha256 = hashlib.sha256(data).hexdigest()
        prepared.package = read_export(prepared.path, reference, password, data)
        check_rows(prepared.package)
        # Read for the checksum, which covers it; a merge writes no catalog (the central one is
        # loaded on its own), so the writer is not sent it (about a tenth of an export's cells).
        prepared.package.sheets.pop(RECOMMENDATIONS, None)
    except IsCaptureTemplate:
        prepared.package, prepared.is_template = None, True
    except IsCentralExchange as central:
        try:
            prepared.package, prepared.central = None, read_central_exchange(central.path, central.workbook,
                                                                             central.manifest)
        except InputError as error:
            prepared.error = str(error)
            prepared.error_key, prepared.error_params = error.key, dict(error.params)
    except InputError as error:
        prepared.package, prepared.error = None, str(error)
        prepared.error_key, prepared.error_params = error.key, dict(error.params)
    return prepared


def check_rows(package: ExportPackage) -> None:
    """What a reader cannot know from cell types: every record says what it is and where from."""
    problems = []
    for kind, sheet in KIND_SHEETS:
        rows = package.sheets.get(sheet)
        if not rows:
            continue
        required = ["device_id", "created_at", "updated_at"]
        if kind is not CONSULTATION:
            required.append("consultation_uuid")
        if kind is FEEDBACK:
            required.append("recommendation_code")
        # All present, column by column in C; the names of what is missing only when not.
        if all(all(rows.column(name)) for name in required) and min(rows.column("revision")) >= 1:
            continue
        for index, row in enumerate(rows, start=1):
            missing = [name for name in required[:3] if not row.get(name)]
            if row.get("revision", 0) < 1:
                missing.append("revision")
            missing += [name for name in required[3:] if not row.get(name)]
            if missing:
                problems.append((sheet, brief(row.get("uuid")), index, ", ".join(missing)))
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        sheet, record, index, absent = problems[0]
        raise InputError(f"{package.path.name}: sheet '{sheet}', record {record} (data row {index}): {absent} "
                         f"missing{more}").keyed("records_missing_more" if more else "records_missing",
                                                 file=package.path.name, sheet=sheet, record=record, row=index,
                                                 missing=absent, more=len(problems) - 1)


def prepared_in_order(files: list[Path], reference: ReferenceLists, password: str | None) -> Iterator[Prepared]:
    """Each file prepared, in file order. Reader processes take the files one after another
    (a shared counter) and send each back on a pipe of their own from a thread of their own,
    so a reader goes straight on to its next file while the writer is busy. When the next file
    to write is not back yet, the writer takes the next file nobody has begun and reads it
    itself instead of waiting. At most READ_AHEAD files per reader are in flight (read or being
    read, not yet written), so memory stays flat however many files there are. Small batches
    are read here."""
    if len(files) < PARALLEL_FROM or (os.cpu_count() or 1) < 2:
        for path in files:
            yield prepare(path, reference, password)
        return
    context = multiprocessing.get_context("spawn")  # never fork a process that runs Qt threads
    claimed = context.Value("i", 0)  # the first file nobody has begun
    slots = context.BoundedSemaphore(READ_AHEAD * WORKERS)  # one per file in flight
    readers, pipes = [], []
    for number in range(WORKERS):
        receive, send = context.Pipe(duplex=False)
        _widen(receive)
        reader = context.Process(target=_read_files, args=(files, reference, password, claimed, slots, send),
                                 name=f"merge-reader-{number}", daemon=True)
        reader.start()
        send.close()  # the reader holds the only sending end: if it dies, the pipe ends (EOFError)
        readers.append(reader)
        pipes.append(receive)
    ready: dict[int, Prepared | BaseException] = {}
    finished = False
    try:
        for index in range(len(files)):
            while index not in ready:
                if _receive(pipes, ready, timeout=0):
                    continue
                mine = _claim(claimed, len(files), slots, block=False)
                if mine is not None:
                    ready[mine] = prepare(files[mine], reference, password)
                    continue
                if not pipes:
                    raise AppError("the merge's reader process stopped unexpectedly (exit code "
                                   f"{', '.join(str(reader.exitcode) for reader in readers)}); nothing of the "
                                   f"unfinished files was written: run the merge again")
                _receive(pipes, ready, timeout=None)
            item = ready.pop(index)
            slots.release()
            if isinstance(item, BaseException):
                raise item
            yield item
        finished = True
    finally:
        with claimed.get_lock():
            claimed.value = len(files)  # readers stop taking files (cancelled, or a failure here)
        for reader in readers:
            if finished:
                reader.join(timeout=5)  # every file was taken and handed back: they are leaving
            if reader.is_alive():
                reader.terminate()  # they only read files: nothing of theirs needs finishing
            reader.join()
        for pipe in pipes:
            pipe.close()


def _widen(pipe: Connection) -> None:
    """A larger pipe buffer where the system allows one (Linux): a file's records (about 350 KB
    pickled) then cross in a few writes instead of a writer wake-up every 64 KB."""
    if sys.platform == "win32":  # its pipes size their own buffers
        return
    import fcntl

    setting = getattr(fcntl, "F_SETPIPE_SZ", None)
    if setting is None:
        return
    try:
        fcntl.fcntl(pipe.fileno(), setting, PIPE_BYTES)
    except OSError:  # above /proc/sys/fs/pipe-max-size for this user: the default will do
        pass


def _receive(pipes: list[Connection], ready: dict[int, Prepared | BaseException], timeout: float | None) -> bool:
    """Results that have come back, into ``ready``; a pipe whose reader has gone is dropped
    (a result it was half-way through sending is lost with it). False when nothing came."""
    came = False
    # wait() gives back some of the objects it was given: here, pipes
    for pipe in cast("list[Connection]", multiprocessing.connection.wait(pipes, timeout)):
        try:
            index, item = pipe.recv()
        except (EOFError, OSError):
            pipes.remove(pipe)
            pipe.close()
            continue
        ready[index] = item
        came = True
    return came


def _claim(claimed: Synchronized[int], total: int, slots: BoundedSemaphore, block: bool = True) -> int | None:
    """The next file nobody has begun, once a slot is free; None when every file is taken (or,
    in a reader, when the writing process has gone: nobody would free a slot again)."""
    if not block:
        if not slots.acquire(False):
            return None
    else:
        parent = multiprocessing.parent_process()
        while not slots.acquire(timeout=1.0):
            if parent is not None and not parent.is_alive():
                return None
    with claimed.get_lock():
        index = claimed.value
        if index < total:
            claimed.value = index + 1
            return index
    slots.release()
    return None


def _read_files(files: list[Path], reference: ReferenceLists, password: str | None, claimed: Synchronized[int],
                slots: BoundedSemaphore, send: Connection) -> None:
    """A reader process: the next file nobody has begun, until none is left. Results go to the
    writer from a sending thread, so reading goes on while the writer is busy."""
    outbox: queue.Queue = queue.Queue()

    def deliver() -> None:
        try:
            while (entry := outbox.get()) is not None:
                send.send(entry)
        except OSError:  # the writing process has gone (BrokenPipeError): nobody to send to
            pass
        finally:
            send.close()

    sender = threading.Thread(target=deliver, name="merge-reader-send", daemon=True)
    sender.start()
    try:
        while (index := _claim(claimed, len(files), slots)) is not None:
            try:
                item: Prepared | BaseException = prepare(files[index], reference, password)
            except (KeyboardInterrupt, SystemExit):
                raise
            except BaseException as error:  # a bug, or a panic in a library: this file fails, in the writer
                item = RuntimeError(f"{files[index]}: {type(error).__name__}: {error}")
            outbox.put((index, item))
    finally:
        outbox.put(None)
        sender.join()
