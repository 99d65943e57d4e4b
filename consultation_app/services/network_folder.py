"""Is the data folder somewhere SQLite is unsafe? A network filesystem (SMB/CIFS, NFS, 9p, a
FUSE network or cloud mount) or a cloud-synced folder (OneDrive, Dropbox, Google Drive, iCloud).

SQLite's locks do not hold across computers on network filesystems, and a sync client copies a
database file (and its -wal) while it is open: both are known ways to corrupt it (SQLite's "How
To Corrupt An SQLite Database File", sections 2.1 and 1.4). An office that shares its central
store belongs on a PostgreSQL server (docs/central-postgresql.md). This module only tells: the
CLI prints the warning at start, ``summary`` carries it (``data_folder_warning``), the desktop
app shows it in its status bar.

Linux: the filesystem type of the mount holding the folder, from /proc/self/mountinfo.
Windows: a UNC path (\\\\server\\share) or a drive that GetDriveTypeW calls remote.
"""

from __future__ import annotations

import os
from pathlib import Path, PureWindowsPath
from typing import Callable

MOUNTINFO = Path("/proc/self/mountinfo")
# Filesystem types (mountinfo's, after " - ") of network filesystems.
NETWORK_TYPES = frozenset({
    "cifs", "smb3", "smbfs", "nfs", "nfs4", "9p", "ncpfs", "afs", "ceph", "glusterfs", "lustre", "davfs",
    "fuse.sshfs", "fuse.rclone", "fuse.s3fs", "fuse.gcsfuse", "fuse.davfs2", "fuse.gvfsd-fuse",
    "fuse.google-drive-ocamlfuse", "fuse.onedriver", "fuse.goofys", "fuse.juicefs", "fuse.dropbox",
})
# Folder names sync clients create: a data folder inside one is copied while the app writes it.
CLOUD_FOLDER_NAMES = ("onedrive", "dropbox", "google drive", "googledrive", "icloud drive", "icloudrive",
                      "mobile documents", "pcloud drive", "nextcloud", "owncloud", "sync.com")
DRIVE_REMOTE = 4  # GetDriveTypeW


def mount_type(folder: Path, mountinfo: str) -> str | None:
    """The filesystem type of the mount that holds ``folder`` (the longest mount point above it)."""
    target = str(folder)
    best, best_type = "", None
    for line in mountinfo.splitlines():
        fields = line.split(" ")
        if " - " not in line or len(fields) < 5:
            continue
        point = _unescape(fields[4])
        fs_type = line.split(" - ", 1)[1].split(" ")[0]
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, best_type = point, fs_type
    return best_type


def _unescape(field: str) -> str:
    """mountinfo writes space, tab, newline and backslash in a path as octal escapes (\\040)."""
    for code in ("040", "011", "012", "134"):
        field = field.replace("\\" + code, chr(int(code, 8)))
    return field


def windows_is_remote(folder: str, drive_type: Callable[[str], int] | None = None) -> bool:
    """A UNC path, or a drive letter mapped to a network share."""
    path = PureWindowsPath(folder)
    if path.drive.startswith("\\\\"):
        return True
    if not path.drive:
        return False
    if drive_type is None:
        import ctypes

        drive_type = ctypes.windll.kernel32.GetDriveTypeW  # type: ignore[attr-defined]
    return int(drive_type(path.drive + "\\")) == DRIVE_REMOTE


def unsafe_place(folder: Path) -> str | None:
    """Why SQLite is unsafe in ``folder`` ("a network filesystem (cifs)", "a cloud-synced
    folder (OneDrive)"), or None."""
    resolved = Path(os.path.realpath(folder))
    for part in resolved.parts:
        lowered = part.lower()
        for name in CLOUD_FOLDER_NAMES:
            if lowered == name or lowered.startswith(name + " ") or lowered.startswith(name + "-"):
                return f"a cloud-synced folder ({part})"
    if os.name == "nt":
        try:
            return "a network drive" if windows_is_remote(str(resolved)) else None
        except (OSError, AttributeError):
            return None
    try:
        fs_type = mount_type(resolved, MOUNTINFO.read_text(encoding="utf-8", errors="replace"))
    except OSError:  # not Linux (macOS: no mountinfo), or /proc not mounted
        return None
    if fs_type and (fs_type in NETWORK_TYPES or fs_type.startswith(("nfs", "smb", "fuse.rclone"))):
        return f"a network filesystem ({fs_type})"
    return None


def data_folder_warning(folder: Path) -> str | None:
    """The one-line warning for a data folder where SQLite is unsafe, or None."""
    place = unsafe_place(folder)
    if place is None:
        return None
    return (f"the data folder {folder} is on {place}: SQLite can corrupt its database there (another computer "
            f"or a sync client writing the same file); keep the data folder on a local disk, and for an office "
            f"that shares its central store use a PostgreSQL server: --database postgresql://user@host/db "
            f"(docs/central-postgresql.md)")
