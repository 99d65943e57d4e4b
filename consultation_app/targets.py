"""Files the app writes where a person pointed it (an export, a report, a template, a receipt,
``backup --out``): a plain file, or no file yet, and nothing else.

Every writer writes a temporary file beside the target and renames it into place. A rename
replaces whatever has the target's name, so the target is checked first, and again just
before the rename (``check_output_file``): a symbolic link is refused (the app never writes
through a link to its target), and so are a device node, a pipe (FIFO), a socket and a folder
(as root, a rename over ``/dev/full`` replaced the device node). Only the file's own name is
checked this way: a folder reached through a link is an ordinary place to write. The
temporary itself is made new (``create_new``): O_EXCL and O_NOFOLLOW, so nothing already
there, a planted link included, is ever opened in its place.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from consultation_app.errors import InputError

_KINDS = (
    (stat.S_ISLNK, "is a symbolic link; the app does not write through a link: give the path of the file itself"),
    (stat.S_ISDIR, "is a folder; give the name of the file to write"),
    (stat.S_ISCHR, "is a device, not a file; give the name of a file"),
    (stat.S_ISBLK, "is a device, not a file; give the name of a file"),
    (stat.S_ISFIFO, "is a pipe (FIFO), not a file; give the name of a file"),
    (stat.S_ISSOCK, "is a socket, not a file; give the name of a file"),
)


def check_output_file(path: str | os.PathLike) -> Path:
    """``path`` (with ~ expanded) when a file may be written there: its folder exists and the
    name is free or holds a plain file. InputError, naming the path, otherwise."""
    target = Path(path).expanduser()
    if target.name in ("", ".", "..") or str(path).endswith(os.sep):
        raise InputError(f"{target}: is a folder; give the name of the file to write")
    try:
        mode = os.lstat(target).st_mode
    except FileNotFoundError:
        mode = None
    except NotADirectoryError:
        raise InputError(f"{target.parent}: is not a folder") from None
    except OSError as error:
        raise InputError(f"{target}: cannot be checked ({error.strerror or error})") from None
    if mode is not None:
        for is_kind, what in _KINDS:
            if is_kind(mode):
                raise InputError(f"{target}: {what}")
        if not stat.S_ISREG(mode):
            raise InputError(f"{target}: is not a plain file; give the name of a file")
    if not target.parent.is_dir():
        raise InputError(f"{target.parent}: no such folder")
    return target


def create_new(path: str | os.PathLike, mode: int = 0o666) -> None:
    """Create ``path`` as a new empty file (then closed): FileExistsError when anything, a link
    included, already has the name. ``mode`` is narrowed by the umask, as for any new file."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    os.close(os.open(path, flags, mode))
