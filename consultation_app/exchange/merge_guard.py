"""What surrounds a merge run: one merge at a time per central database, and a verified backup
once a run has changed something.

One at a time. Two merges into one database at once used to fail: the second, inside a plain
``BEGIN``, met the first's write lock at its first write and SQLite gave up at once ("database
is locked": it does not wait where upgrading a read transaction could deadlock). The writers
now begin with ``BEGIN IMMEDIATE``, which waits; but a merge holds the write lock for seconds at
a time (its batches), longer than the busy timeout, and SQLite's waiting is not fair. So a run
first takes a lock file beside the database (Qt's ``QLockFile``: it tells a live holder from one
left by a killed process, on Windows too) and the second merge waits for the first to finish,
then merges its own files.

The backup. A day of merges must never be lost to a damaged disk or a bad file: the newest good
backup must not predate them. After a run that added or changed anything, a verified backup is
written to the backups folder (reason ``after-merge``), then the folder is rotated.
"""

from __future__ import annotations

import logging
import time
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator

from consultation_app.errors import AppError
from consultation_app.storage import backup, merge_store, settings_store
from consultation_app.storage import errors as storage_errors
from consultation_app.storage.connection import open_database
from consultation_app.storage.errors import StorageError

if TYPE_CHECKING:
    from consultation_app.exchange.merge_results import FileResult

log = logging.getLogger(__name__)

WAIT_SECONDS = 30 * 60  # how long a merge waits for another one before giving up
_POLL_MS = 250


class MergeBusyError(AppError):
    """Another merge kept the database past the wait (or the wait was cancelled)."""


def lock_path(database_path: Path) -> Path:
    return Path(database_path).with_name(f"{Path(database_path).name}.merge-lock")


@contextmanager
def one_merge_at_a_time(database_path: Path, *, waiting: Callable[[], None] | None = None,
                        cancelled: Callable[[], bool] | None = None,
                        wait_seconds: float = WAIT_SECONDS) -> Iterator[None]:
    """Hold the database's merge lock for the block; while another process (or thread) holds
    it, call ``waiting`` once and wait, until ``cancelled()`` or ``wait_seconds`` pass."""
    from PySide6.QtCore import QLockFile

    lock = QLockFile(str(lock_path(database_path)))
    lock.setStaleLockTime(0)  # a merge may run for minutes: only a dead holder's lock is stale
    deadline = time.monotonic() + wait_seconds
    told = False
    while not lock.tryLock(_POLL_MS):
        if lock.error() not in (QLockFile.LockError.LockFailedError, QLockFile.LockError.NoError):
            if storage_errors.free_bytes(database_path) == 0:
                raise storage_errors.disk_full_error(database_path)
            raise MergeBusyError(f"{lock_path(database_path)}: cannot take the merge lock (the folder may be "
                                 f"read-only); nothing was merged").keyed("merge_lock_failed",
                                                                          path=lock_path(database_path))
        if cancelled is not None and cancelled():
            raise MergeBusyError("cancelled while another merge was running; nothing was merged").keyed(
                "merge_wait_cancelled")
        if time.monotonic() >= deadline:
            raise MergeBusyError(f"another merge into {database_path} is still running after "
                                 f"{wait_seconds / 60:.0f} minutes; nothing was merged, try again later").keyed(
                "merge_still_running", minutes=f"{wait_seconds / 60:.0f}")
        if not told and waiting is not None:
            waiting()
        told = True
    try:
        yield
    finally:
        lock.unlock()


def changed_anything(results: Iterable[FileResult]) -> bool:
    """Whether a run's results added or changed records (merged files with new, updated or
    conflicting records, or filled templates)."""
    return any(sum(value for key, value in (result.counts or {}).items()
                   if key in ("new", "updated", "conflicts") and isinstance(value, int)) > 0
               for result in results if result.status == "merged")


def backup_owed(database_path: Path) -> bool:
    """The last backup recorded (after a merge, daily or by hand) predates the last merged file:
    a run was killed (a power cut) after its merge committed and before its backup, and the next
    run, finding its files already merged, changes nothing. True also when that cannot be told
    (a backup is then tried, and says why it cannot be made)."""
    try:
        with open_database(database_path) as db:
            last = merge_store.last_merged_at(db)
            backed_up = settings_store.get(db, backup.LAST_BACKUP_AT)  # local time, whole seconds
        if last is None:
            return False
        if not backed_up:
            return True
        merged = datetime.fromisoformat(last.replace("Z", "+00:00")).astimezone().replace(tzinfo=None)
        return datetime.fromisoformat(backed_up).replace(tzinfo=None) < merged.replace(microsecond=0)
    except (StorageError, ValueError):
        return True


def back_up_after(database_path: Path) -> tuple[backup.BackupInfo | None, str | None]:
    """A verified backup of what a run merged, then rotation: (the backup, None), or (None, why
    it could not be made). The merge itself is committed either way: a failed backup is said,
    not raised."""
    try:
        info = backup.make_backup(database_path, backup.AFTER_MERGE)
        with open_database(database_path) as db:
            backup.record_backup(db, info)  # it counts as the day's backup too
        backup.rotate(folder=info.path.parent)
    except StorageError as error:
        log.warning("no backup after the merge: %s", error)
        return None, str(error)
    log.info("backup after the merge %s (%d bytes, verified)", info.path, info.size)
    return info, None
