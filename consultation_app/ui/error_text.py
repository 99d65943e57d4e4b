"""Messages from below the interface (storage, exchange, services) in the interface language.

Their English text is the command line's, unchanged; an error or merge result that carries a
message key (errors.AppError.keyed, FileResult.keyed) is said here from the catalogue below,
through Qt's translation (context "ErrorText"), with its arguments put in. One without a key
is shown as it is (English): better than nothing, and a reason to give it a key."""

from __future__ import annotations

import re
from collections.abc import Mapping

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from consultation_app.domain.text import printable
from consultation_app.errors import AppError

CONTEXT = "ErrorText"

# key -> (the text, marked for lupdate; the arguments put in as %1, %2, ... in this order)
_CATALOGUE: dict[str, tuple[object, tuple[str, ...]]] = {  # QT_TRANSLATE_NOOP is typed as object
    # storage
    "disk_full": (QT_TRANSLATE_NOOP("ErrorText", "The disk holding %1 is full: free at least %2 on it and "
                                                 "try again. Nothing was changed."), ("path", "room")),
    "database_locked": (QT_TRANSLATE_NOOP("ErrorText", "The database %1 is busy in another program: close it "
                                                       "and try again."), ("path",)),
    "database_damaged": (QT_TRANSLATE_NOOP("ErrorText", "The database file %1 is damaged."), ("path",)),
    "database_read_only": (QT_TRANSLATE_NOOP("ErrorText", "The database %1 cannot be opened for writing."),
                           ("path",)),
    "passphrase_required": (QT_TRANSLATE_NOOP("ErrorText", "The database %1 is protected by a passphrase, and "
                                                           "it was not given."), ("path",)),
    "wrong_passphrase": (QT_TRANSLATE_NOOP("ErrorText", "Wrong passphrase: it does not open %1. Nothing was "
                                                        "changed."), ("path",)),
    # a central office's PostgreSQL server (storage/pg_connection.py); the server named without its password
    "server_password": (QT_TRANSLATE_NOOP("ErrorText", "The PostgreSQL server %1 refused the user name or password. "
                                                       "Check them (in ~/.pgpass or PGPASSWORD) with whoever "
                                                       "runs the server."), ("server",)),
    "server_unreachable": (QT_TRANSLATE_NOOP("ErrorText", "The PostgreSQL server %1 cannot be reached: it is "
                                                          "stopped, or this computer is not on its network. Try "
                                                          "again later or ask whoever runs it."), ("server",)),
    "server_no_database": (QT_TRANSLATE_NOOP("ErrorText", "The PostgreSQL server %1 has no such database: check "
                                                          "the address."), ("server",)),
    "server_address": (QT_TRANSLATE_NOOP("ErrorText", "%1 is not a usable postgresql:// address."), ("server",)),
    "server_connect": (QT_TRANSLATE_NOOP("ErrorText", "Cannot connect to the PostgreSQL server %1: %2"),
                       ("server", "reason")),
    # backup and restore
    "backup_not_found": (QT_TRANSLATE_NOOP("ErrorText", "There is no backup file %1."), ("path",)),
    "backup_damaged": (QT_TRANSLATE_NOOP("ErrorText", "The backup %1 is damaged: choose another one. Nothing "
                                                      "was changed."), ("path",)),
    "restore_not_in_place": (QT_TRANSLATE_NOOP("ErrorText", "The backup could not be put in place of %1; the "
                                                            "database was left as it was."), ("path",)),
    "backups_folder": (QT_TRANSLATE_NOOP("ErrorText", "The backups folder %1 cannot be made."), ("path",)),
    # files given to the merge
    "word_document": (QT_TRANSLATE_NOOP("ErrorText", "%1 is a Word document, not an export workbook."),
                      ("file",)),
    "powerpoint_document": (QT_TRANSLATE_NOOP("ErrorText", "%1 is a PowerPoint presentation, not an export "
                                                           "workbook."), ("file",)),
    "opendocument_file": (QT_TRANSLATE_NOOP("ErrorText", "%1 is an OpenDocument file (LibreOffice): save it as "
                                                         ".xlsx first if it is an export."), ("file",)),
    "not_a_workbook": (QT_TRANSLATE_NOOP("ErrorText", "%1 is not an Excel workbook."), ("file",)),
    "workbook_damaged": (QT_TRANSLATE_NOOP("ErrorText", "%1 is damaged or incomplete: it is not a readable "
                                                        "workbook."), ("file",)),
    "workbook_password": (QT_TRANSLATE_NOOP("ErrorText", "%1: the password is wrong, or the file was damaged "
                                                         "after it was protected."), ("file",)),
    # merge results
    "merge_already": (QT_TRANSLATE_NOOP("ErrorText", "Already merged on %1 (as %2)."), ("when", "file")),
    "merge_signature": (QT_TRANSLATE_NOOP("ErrorText", "%1: the signature does not match (edited or forged). "
                                                       "Nothing was merged."), ("file",)),
    "merge_not_signed": (QT_TRANSLATE_NOOP("ErrorText", "%1 is not signed, so nothing shows who wrote it. "
                                                        "Nothing was merged: update the app on the laptop and "
                                                        "export again."), ("file",)),
    "merge_modified": (QT_TRANSLATE_NOOP("ErrorText", "%1: values were changed after the export was written. "
                                                      "Nothing was merged."), ("file",)),
    "merge_new_key": (QT_TRANSLATE_NOOP("ErrorText", "%1: the laptop's signing key changed (cloned or "
                                                     "reinstalled laptop, or a forgery). Nothing was merged: ask "
                                                     "the field officer what happened."), ("file",)),
    "merge_counts": (QT_TRANSLATE_NOOP("ErrorText", "%1 new, %2 updated, %3 unchanged, %4 stale, %5 conflicts "
                                                    "to review"), ("new", "updated", "unchanged", "stale",
                                                                   "conflicts")),
}


def keyed_text(key: str | None, params: Mapping[str, object], english: str) -> str:
    """The catalogue's text for ``key`` in the interface language, or ``english`` when the key
    is not known (or is None)."""
    entry = _CATALOGUE.get(key or "")
    if entry is None:
        return english
    source, names = str(entry[0]), entry[1]
    text = QCoreApplication.translate(CONTEXT, source)
    if text == source:  # not translated (English): the full English text, as the command line says it
        return english
    # One pass over the translation, so a value holding "%1" (a file name) is never filled in
    # itself; values shown as a terminal would (control and direction characters written out).
    def value(match: re.Match[str]) -> str:
        number = int(match.group(1))
        if not 1 <= number <= len(names):
            return match.group(0)
        return printable(params.get(names[number - 1], ""))
    return re.sub(r"%(\d+)", value, text)


def error_text(error: BaseException) -> str:
    """What to show for an error a person can act on (an AppError), in the interface language."""
    english = str(error)
    if isinstance(error, AppError):
        return keyed_text(error.key, error.params, english)
    return english


def result_text(result) -> str:
    """A merge result's message (exchange.merge_results.FileResult) in the interface language."""
    return keyed_text(getattr(result, "message_key", None), getattr(result, "message_params", {}) or {},
                      result.message)


def known_keys() -> set[str]:
    return set(_CATALOGUE)

