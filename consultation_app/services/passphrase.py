"""Setting, changing and removing the passphrase of a data folder's database, and of the
backups in its backups folder with it, so the folder never mixes plain and encrypted copies:

* set: the database is encrypted (a verified copy renamed over it; the plain file and its
  -wal/-shm are removed) and so is every plain backup in the backups folder, each converted the
  same way: the restore points are kept and the plain copies are gone. Other plain copies
  in the data folder (a ``before-restore-*`` or ``damaged-*.sqlite3`` file set aside by a
  restore: it may hold changes
  made after the last backup) are left alone and listed, for the person to delete.
* change: a copy with the new key of the database and of every backup made with the old passphrase.
* remove: the database and the backups that open with its passphrase become plain again.

Every file is converted into a checked copy first and the copies are renamed together
(storage/conversion.py): a kill at any moment leaves the folder wholly converted or wholly as
it was once the next start has run ``recover``. The caller closes its own connections first
(``Workspace.close``, then ``Workspace.reopen``) and keeps other copies of the app out (the CLI
takes the data folder's lock, as restore does).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from consultation_app.errors import InputError, NotFoundError
from consultation_app.storage import backup, conversion, encryption, reencrypt
from consultation_app.storage.errors import (
    DatabaseCorruptError,
    PassphraseRequiredError,
    StorageError,
    WrongPassphraseError,
)

SET, CHANGED, REMOVED = "set", "changed", "removed"
Progress = Callable[[int, int], None]


@dataclass
class PassphraseResult:
    action: str
    database: Path
    backups: list[Path] = field(default_factory=list)  # backups converted along with the database
    left_as_they_were: list[tuple[Path, str]] = field(default_factory=list)  # backups not converted, and why
    plain_left: list[Path] = field(default_factory=list)  # plain copies that remain in the data folder

    def lines(self) -> list[str]:
        """What happened, one line each, for the CLI (the desktop app words it itself)."""
        done = {SET: "is now protected by a passphrase", CHANGED: "has a new passphrase",
                REMOVED: "is no longer protected by a passphrase"}[self.action]
        how = {SET: "encrypted", CHANGED: "given the new passphrase", REMOVED: "decrypted"}[self.action]
        lines = [f"the database {self.database} {done}; {len(self.backups)} backup(s) in "
                 f"{backup.backups_folder_for(self.database, create=False)} were {how} too"]
        lines += [f"left as it was: {path}: {why}" for path, why in self.left_as_they_were]
        lines += [f"a plain (unencrypted) copy remains: {path}; delete it when it is no longer needed"
                  for path in self.plain_left]
        return lines


def _database(database_path: str | os.PathLike) -> Path:
    path = Path(database_path).expanduser().resolve()
    if not path.is_file() or path.stat().st_size == 0:
        raise NotFoundError(f"{path}: there is no database in this data folder yet")
    return path


def _unlocked(path: Path) -> tuple[bytes, bytes]:
    if not encryption.is_encrypted(path):
        raise InputError(f"{path}: the database is not protected by a passphrase; nothing was changed")
    keyed = encryption.key_for(path)
    if keyed is None:
        raise PassphraseRequiredError(path)
    return keyed


def _backups(path: Path) -> list[Path]:
    return [info.path for info in backup.list_backups(backup.backups_folder_for(path, create=False))]


def _plain_copies(path: Path) -> list[Path]:
    """Plain database files beside the database: set aside by a restore, or a staged restore."""
    found = []
    for pattern in (*backup.ASIDE_PATTERNS, f".{backup.PREFIX}-restore-*.sqlite3"):
        for candidate in sorted(path.parent.glob(pattern)):
            if candidate.is_file() and not encryption.is_encrypted(candidate):
                found.append(candidate)
    return found


def _tick(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None:
        progress(done, total)


def _convert_all(path: Path, result: PassphraseResult, database_copy: Callable[[], Path],
                 backups: list[Path], backup_copy: Callable[[Path], Path | None],
                 progress: Progress | None, registers: tuple[bytes, bytes] | None = None) -> None:
    """Converted copies of the database and of each backup first (``backup_copy`` returns None
    for one left as it was), then all renamed in one step that a kill cannot cut in half
    (storage/conversion.py): the folder is wholly converted or wholly as it was."""
    total = len(backups) + 1
    _tick(progress, 0, total)
    pairs: list[tuple[Path, Path]] = []
    conversion.begin(path, result.action)
    try:
        pairs.append((database_copy(), path))
        _tick(progress, 1, total)
        for number, copy in enumerate(backups, 2):
            temporary = backup_copy(copy)
            if temporary is not None:
                pairs.append((temporary, copy))
                result.backups.append(copy)
            _tick(progress, number, total)
        reencrypt.check_not_in_use(path)
    except BaseException:
        conversion.abandon(path, pairs)
        raise
    if registers is not None:
        encryption.remember(*registers)  # found by the connections opened right after
    conversion.commit(path, result.action, pairs)


def set_passphrase(database_path: str | os.PathLike, passphrase: str,
                   progress: Progress | None = None) -> PassphraseResult:
    """Encrypt the plain database and the plain backups beside it with a key from ``passphrase``."""
    encryption.check_new_passphrase(passphrase)
    path = _database(database_path)
    if encryption.is_encrypted(path):
        raise InputError(f"{path}: the database is already protected by a passphrase; change it instead")
    if not backup.quick_check(path):
        raise DatabaseCorruptError(f"{path}: the database is damaged; restore a backup before setting a passphrase")
    salt = os.urandom(encryption.SALT_BYTES)
    key = encryption.derive_key(passphrase, salt)
    result = PassphraseResult(SET, path)

    def backup_copy(copy: Path) -> Path | None:
        if encryption.is_encrypted(copy):
            result.left_as_they_were.append((copy, "it is protected by an earlier passphrase"))
            return None
        try:
            return reencrypt.prepare(copy, None, (key, salt))
        except StorageError as error:
            result.left_as_they_were.append((copy, f"it could not be encrypted ({error})"))
            result.plain_left.append(copy)
            return None

    _convert_all(path, result, lambda: reencrypt.prepare(path, None, (key, salt)), _backups(path), backup_copy,
                 progress, (salt, key))
    backup.remove_temporaries(backup.backups_folder_for(path, create=False))
    result.plain_left += _plain_copies(path)
    return result


def change_passphrase(database_path: str | os.PathLike, new_passphrase: str,
                      progress: Progress | None = None) -> PassphraseResult:
    """New key for the unlocked database and for the backups made with its current passphrase."""
    encryption.check_new_passphrase(new_passphrase)
    path = _database(database_path)
    old_key, salt = _unlocked(path)
    new_key = encryption.derive_key(new_passphrase, salt)
    if new_key == old_key:
        raise InputError(f"{path}: the new passphrase is the same as the current one; nothing was changed")
    result = PassphraseResult(CHANGED, path)

    def backup_copy(copy: Path) -> Path | None:
        try:
            if not encryption.is_encrypted(copy):
                return reencrypt.prepare(copy, None, (new_key, salt))  # a plain copy does not belong here
            if encryption.read_salt(copy) != salt:
                raise WrongPassphraseError(copy, "this backup")
            return reencrypt.prepare(copy, old_key, (new_key, salt))
        except WrongPassphraseError:
            result.left_as_they_were.append((copy, "it opens only with the passphrase it was made with"))
        except StorageError as error:
            result.left_as_they_were.append((copy, f"it could not be changed ({error})"))
        return None

    _convert_all(path, result, lambda: reencrypt.prepare(path, old_key, (new_key, salt)), _backups(path),
                 backup_copy, progress, (salt, new_key))
    return result


def remove_passphrase(database_path: str | os.PathLike, progress: Progress | None = None) -> PassphraseResult:
    """Make the unlocked database plain again, and the backups that its passphrase opens."""
    path = _database(database_path)
    key, salt = _unlocked(path)
    result = PassphraseResult(REMOVED, path)

    def backup_copy(copy: Path) -> Path | None:
        if not encryption.is_encrypted(copy):
            return None
        try:
            if encryption.read_salt(copy) != salt:
                raise PassphraseRequiredError(copy)
            return reencrypt.prepare(copy, key, None)
        except (PassphraseRequiredError, WrongPassphraseError):
            result.left_as_they_were.append((copy, "it opens only with the passphrase it was made with"))
        except StorageError as error:
            result.left_as_they_were.append((copy, f"it could not be decrypted ({error})"))
        return None

    _convert_all(path, result, lambda: reencrypt.prepare(path, key, None), _backups(path), backup_copy, progress)
    encryption.forget(salt)
    return result
