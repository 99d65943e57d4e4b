"""What a start does before anything opens the database: finish or undo a passphrase conversion
that a kill interrupted (storage/conversion.py), and remove the plain scratch files and target
folder temporaries of exports whose process died (exchange/files.py).

The CLI runs it before every command and before the desktop app starts; ``Workspace`` runs it
too, for whoever opens one directly. It costs a few file-system checks when there is nothing
to do (the usual case); Qt's lock file is loaded only when there is.
"""

from __future__ import annotations

import logging
from pathlib import Path

from consultation_app import paths
from consultation_app.storage import conversion
from consultation_app.storage.errors import StorageError

log = logging.getLogger(__name__)


def recover_at_start(database: Path) -> list[str]:
    """One line for each thing finished, undone or removed (English, for the CLI and the log).
    StorageError when a conversion record is there but another live process holds the data
    folder (it may be converting right now): the database must not be opened meanwhile."""
    database = Path(database)
    lines = []
    if conversion.pending(database):
        from PySide6.QtCore import QLockFile

        lock = QLockFile(str(paths.lock_file_for(database)))
        lock.setStaleLockTime(0)
        if lock.tryLock(200):
            try:
                line = conversion.recover(database)
            finally:
                lock.unlock()
            if line:
                lines.append(line)
        elif conversion.record_path(database).exists():
            raise StorageError(f"{database}: a passphrase is being set, changed or removed by another copy of "
                               f"the app, or its conversion was interrupted; close the other copy, then try again"
                               ).keyed("passphrase_conversion_busy", path=database)
    from consultation_app.exchange.files import remove_abandoned

    lines += [f"{path}: removed an unfinished file left by an interrupted export"
              for path in remove_abandoned(database)]
    for line in lines:
        log.info("%s", line)
    return lines
