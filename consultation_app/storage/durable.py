"""Database files on disk: making a finished one survive a power cut (its bytes, then the
folder entry naming it), and removing one with the files SQLite keeps beside it."""

from __future__ import annotations

import os
from pathlib import Path

SIDE_FILES = ("-wal", "-shm", "-journal")  # what SQLite may keep beside a database file


def fsync_file(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def fsync_folder(folder: Path) -> None:
    if not hasattr(os, "O_DIRECTORY"):
        return  # Windows: os.replace is atomic on NTFS; folders cannot be fsynced
    fd = os.open(folder, os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def remove_with_side_files(path: Path) -> None:
    """Remove a database file and its side files, whichever exist (errors ignored: what cannot
    be removed now is tried again by whoever made it)."""
    for suffix in ("", *SIDE_FILES):
        try:
            Path(f"{path}{suffix}").unlink()
        except OSError:
            pass
