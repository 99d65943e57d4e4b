"""Database files on disk: reading a file's first bytes and syncing it without disturbing
SQLite's locks, making a finished file survive a power cut (its bytes, then the folder entry
naming it), and removing one with the files SQLite keeps beside it.

Why descriptors are kept open. On POSIX, closing *any* descriptor of a file releases every
advisory lock the process holds on that file, whoever took it (SQLite's "How To Corrupt An
SQLite Database File", 2.2). A header read with ``open()`` + ``close()`` while one of the app's
connections was open dropped that connection's locks: a CLI process closing its own connection
then believed it was the last user, checkpointed, and deleted the -wal and -shm files under the
app. SQLite avoids this for its own connections by never closing a descriptor while a lock is
held on the file; this module does the same for Python's reads: the first descriptor opened on
a file (an inode) stays open for the life of the process and every later read or sync of that
file goes through it. Only ``release`` closes one, when the app itself removes or replaces the
file. Windows locks belong to a handle, not the process: there a descriptor is opened and
closed as usual (an open one would stop the file from being renamed or deleted).
"""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

SIDE_FILES = ("-wal", "-shm", "-journal")  # what SQLite may keep beside a database file

_KEEP_OPEN = os.name != "nt"
_held: dict[tuple[int, int], int] = {}  # (device, inode) -> a descriptor kept open, see above
_spares: list[int] = []
_lock = threading.Lock()


def _descriptor(path: str | os.PathLike) -> int | None:
    """The descriptor kept for the file at ``path`` (opened on first use); None when ``path``
    is not a regular file (a FIFO would block an open, a device could be endless)."""
    try:
        before = os.stat(path)
    except OSError:
        return None
    if not stat.S_ISREG(before.st_mode):
        return None
    key = (before.st_dev, before.st_ino)
    with _lock:
        if key in _held:
            return _held[key]
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NONBLOCK", 0))
        except OSError:
            return None
        opened = os.fstat(fd)
        found = (opened.st_dev, opened.st_ino)
        if not stat.S_ISREG(opened.st_mode):
            os.close(fd)  # not a file: nobody can hold SQLite locks on it through this name
            return None
        if found in _held:
            # The name was given to a file already held between stat and open (a rename):
            # closing this second descriptor could drop that file's locks, so it stays open,
            # unused. This happens at most once per such race.
            _spares.append(fd)
            return _held[found]
        _held[found] = fd
        return fd


def read_head(path: str | os.PathLike, size: int) -> tuple[bytes, int] | None:
    """The first ``size`` bytes of the regular file at ``path`` and its size in bytes, read
    without closing any descriptor of it (see the module's docstring); None when it is not a
    regular file or cannot be read."""
    if not _KEEP_OPEN:
        try:
            with open(path, "rb") as handle:
                return handle.read(size), os.fstat(handle.fileno()).st_size
        except OSError:
            return None
    fd = _descriptor(path)
    if fd is None:
        return None
    try:
        return os.pread(fd, size, 0), os.fstat(fd).st_size
    except OSError:
        return None


def fsync_file(path: Path) -> None:
    """Flush the file's bytes to the disk. A file whose descriptor is kept (every database file
    the app has opened a connection on: ``encryption.open_connection`` reads its header first)
    is synced through that descriptor (fsync needs no write access on POSIX); any other file (a
    finished workbook, a copy whose connection is closed) through one opened for the purpose."""
    held = _held_descriptor(path) if _KEEP_OPEN else None
    if held is not None:
        os.fsync(held)
        return
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def _held_descriptor(path: str | os.PathLike) -> int | None:
    try:
        current = os.stat(path)
    except OSError:
        return None
    with _lock:
        return _held.get((current.st_dev, current.st_ino))


def release(path: str | os.PathLike) -> None:
    """Close the descriptor kept for the file at ``path``: only when the app is about to remove
    or replace that file and holds no connection on it (its blocks are freed only then)."""
    if not _KEEP_OPEN:
        return
    try:
        current = os.stat(path)
    except OSError:
        return
    with _lock:
        fd = _held.pop((current.st_dev, current.st_ino), None)
    if fd is not None:
        os.close(fd)


def fsync_folder(folder: Path) -> None:
    if not hasattr(os, "O_DIRECTORY"):
        return  # Windows: os.replace is atomic on NTFS; folders cannot be fsynced
    fd = os.open(folder, os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def replace(source: Path, target: Path) -> None:
    """``os.replace`` of a database file: the kept descriptor of the file it replaces is closed
    first, so its blocks are freed."""
    release(target)
    os.replace(source, target)


def remove_with_side_files(path: Path) -> None:
    """Remove a database file and its side files, whichever exist (errors ignored: what cannot
    be removed now is tried again by whoever made it)."""
    for suffix in ("", *SIDE_FILES):
        release(f"{path}{suffix}")
        try:
            Path(f"{path}{suffix}").unlink()
        except OSError:
            pass



def refuse_link(folder: Path) -> None:
    """A folder of the app's own (the backups beside a database) that is a symbolic link or a
    junction: what the app wrote there would land wherever the link points. StorageError."""
    from consultation_app.storage.errors import StorageError

    try:
        linked = folder.is_symlink() or bool(getattr(folder, "is_junction", lambda: False)())
    except OSError:
        return
    if linked:
        raise StorageError(f"{folder}: this folder is a link (to {os.path.realpath(folder)}), not a folder: nothing "
                           f"is written through it; remove the link").keyed("backups_folder_link", path=folder)
