"""A passphrase conversion of a database and its backups as one step that a kill cannot cut.

Each file is first converted into a checked, synced copy beside it (``reencrypt.prepare``);
nothing is replaced yet. Then a record listing every (copy, file) pair is written beside the
database (synced, then renamed into place: it is whole or absent), the copies are renamed over
their files, the database first, and the record is removed last.

At the next start, before anything opens the database, ``recover`` reads a record left by a
killed conversion: one listing copies is finished (every copy it names was complete and checked
before it was written); one listing none (written when the conversion began) is undone: the
copies are removed. Either way the database and every backup open with the same one of the two
passphrases, old or new, and no plain backup stays beside an encrypted database unreported.
The record holds file names and the action only, never a key.

Whoever calls these holds the data folder's lock: no other conversion runs meanwhile.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from consultation_app.storage.durable import fsync_folder, remove_with_side_files, replace
from consultation_app.storage.errors import StorageError
from consultation_app.storage.reencrypt import CONVERTING, remove_side_files, temporaries

RECORD_ENDING = ".conversion.json"
ACTIONS = ("set", "changed", "removed")
_DONE = {"set": "finished setting the passphrase", "changed": "finished changing the passphrase",
         "removed": "finished removing the passphrase"}
_UNDONE = {"set": "undid setting the passphrase (the database and its backups stay unencrypted)",
           "changed": "undid changing the passphrase (the previous passphrase still opens the database "
                      "and its backups)",
           "removed": "undid removing the passphrase (the database and its backups stay protected by it)"}

Pairs = list[tuple[Path, Path]]  # (converted copy, the file it replaces)


def record_path(database: Path) -> Path:
    return database.with_name(f".{database.name}{RECORD_ENDING}")


def begin(database: Path, action: str) -> None:
    """Record that a conversion began: a kill before ``commit`` is undone at the next start."""
    _write_record(database, action, [])


def commit(database: Path, action: str, pairs: Pairs) -> None:
    """Rename every prepared copy over its file (the database's pair first), as one step."""
    _write_record(database, action, pairs)
    try:
        _finish(database, pairs)
    except OSError as error:
        raise StorageError(f"{database}: the converted files could not all be put in place "
                           f"({error.strerror or error}); the conversion is finished when the app "
                           f"starts again") from error


def abandon(database: Path, pairs: Pairs) -> None:
    """Remove the prepared copies and the record: nothing was renamed, so nothing changed."""
    for temporary, _ in pairs:
        remove_with_side_files(temporary)
    _remove_record(database)


def pending(database: Path) -> bool:
    """A record or a converted copy is there: ``recover`` has something to do."""
    record = record_path(database)
    return record.exists() or _unfinished_record(record).exists() or bool(_leftover_copies(database))


def _unfinished_record(record: Path) -> Path:
    return record.with_name(record.name + ".tmp")


def recover(database: Path) -> str | None:
    """Finish or undo a conversion a kill interrupted (see the module's docstring); one line
    saying which, or None when there was none. The database must not be open."""
    record = record_path(database)
    remove_with_side_files(_unfinished_record(record))  # never renamed into place: it counts for nothing
    if not record.exists():
        for leftover in _leftover_copies(database):  # a conversion killed before it kept a record
            remove_with_side_files(leftover)
        return None
    action, pairs = _read_record(database, record)
    try:
        if pairs:
            _finish(database, pairs)
            return f"{database}: a passphrase conversion was interrupted; {_DONE[action]}"
        abandon(database, [])
        for leftover in _leftover_copies(database):
            remove_with_side_files(leftover)
    except OSError as error:
        raise StorageError(f"{database}: cannot finish an interrupted passphrase conversion "
                           f"({error.strerror or error}); nothing else was changed") from error
    return f"{database}: a passphrase conversion was interrupted; {_UNDONE[action]}"


def _finish(database: Path, pairs: Pairs) -> None:
    for temporary, final in pairs:
        if temporary.exists():  # otherwise renamed already, before a kill
            remove_side_files(final)
            replace(temporary, final)  # closes the descriptor kept on the file it replaces
    for folder in {final.parent for _, final in pairs}:
        fsync_folder(folder)
    _remove_record(database)


def _leftover_copies(database: Path) -> list[Path]:
    found = temporaries(database)
    backups = database.parent / "backups"
    if backups.is_dir():
        found += sorted(p for p in backups.iterdir() if p.name.startswith(".") and p.name.endswith(CONVERTING))
    return found


# -- the record --------------------------------------------------------------------------------

def _write_record(database: Path, action: str, pairs: Pairs) -> None:
    record = record_path(database)
    folder = database.parent
    text = json.dumps({"action": action, "files": [[str(t.relative_to(folder)), str(f.relative_to(folder))]
                                                   for t, f in pairs]})
    temporary = _unfinished_record(record)
    with open(temporary, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, record)
    fsync_folder(folder)


def _remove_record(database: Path) -> None:
    try:
        record_path(database).unlink()
    except FileNotFoundError:
        return
    fsync_folder(database.parent)


def _read_record(database: Path, record: Path) -> tuple[str, Pairs]:
    """The action and pairs of a record, each pair checked: a copy named as ``prepare`` names it,
    beside the database or in its backups folder, for the file beside it. Anything else is refused
    (a damaged or forged record must not rename files)."""
    folder = database.parent
    try:
        data = json.loads(record.read_text(encoding="utf-8"))
        action, files = data["action"], data["files"]
        if action not in ACTIONS or not isinstance(files, list):
            raise ValueError("not a conversion record")
        pairs = []
        for temporary_name, final_name in files:
            temporary, final = folder / temporary_name, folder / final_name
            if (final.parent not in (folder, folder / "backups") or temporary.parent != final.parent
                    or not re.fullmatch(rf"\.{re.escape(final.name)}\.\d+{re.escape(CONVERTING)}", temporary.name)):
                raise ValueError(f"unexpected file names {temporary_name!r}, {final_name!r}")
            pairs.append((temporary, final))
        if pairs and pairs[0][1] != database:
            raise ValueError("the database is not its first file")
    except (OSError, ValueError, TypeError, KeyError) as error:
        raise StorageError(f"{record}: the record of an interrupted passphrase conversion cannot be read "
                           f"({error}); move it out of the data folder to open the database as it is") from None
    return action, pairs
