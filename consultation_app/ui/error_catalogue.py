"""The catalogue of messages from below the interface that the interface says in its own
language (ui/error_text.py uses it). Each key: the English text, marked for lupdate in the
context "ErrorText", and the names of its arguments in the order %1, %2, ... take them. The
English here is the interface's; the command line keeps the exchange/storage text itself."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from consultation_app.ui.error_catalogue_conflicts import CONFLICT_REASONS

# key -> (the text, marked for lupdate; the arguments put in as %1, %2, ... in this order)
CATALOGUE: dict[str, tuple[object, tuple[str, ...]]] = {  # QT_TRANSLATE_NOOP is typed as object
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
    "server_lost": (QT_TRANSLATE_NOOP("ErrorText", "The connection to the PostgreSQL server %1 was lost (it was "
                                                   "stopped, restarted or is off the network). What was not finished "
                                                   "was not kept: try again when the server is back."), ("server",)),
    # files written where a person pointed (exchange/files.py): the target is left as it was
    "file_disk_full": (QT_TRANSLATE_NOOP("ErrorText", "%1: not enough space to write the file (disk or USB stick "
                                                      "full). Nothing was saved."), ("path",)),
    "file_disk_full_room": (QT_TRANSLATE_NOOP("ErrorText", "%1: not enough space to write the file (disk or USB "
                                                           "stick full): free at least %2 MB. Nothing was saved."),
                            ("path", "room")),
    "file_drive_gone": (QT_TRANSLATE_NOOP("ErrorText", "%1: the drive stopped answering (was the USB stick pulled "
                                                       "out?). Nothing was saved."), ("path",)),
    "file_no_permission": (QT_TRANSLATE_NOOP("ErrorText", "%1: no permission to write here (a read-only drive or "
                                                          "folder?). Nothing was saved."), ("path",)),
    "file_not_written": (QT_TRANSLATE_NOOP("ErrorText", "%1: the file cannot be written (%2). Nothing was saved."),
                         ("path", "reason")),
    # backup and restore
    "backup_not_found": (QT_TRANSLATE_NOOP("ErrorText", "There is no backup file %1."), ("path",)),
    "backup_damaged": (QT_TRANSLATE_NOOP("ErrorText", "The backup %1 is damaged: choose another one. Nothing "
                                                      "was changed."), ("path",)),
    "restore_not_in_place": (QT_TRANSLATE_NOOP("ErrorText", "The backup could not be put in place of %1; the "
                                                            "database was left as it was."), ("path",)),
    "backups_folder": (QT_TRANSLATE_NOOP("ErrorText", "The backups folder %1 cannot be made."), ("path",)),
    "backups_folder_link": (QT_TRANSLATE_NOOP("ErrorText", "The backups folder %1 is a link to another place, not "
                                                           "a folder: no backup is written through it. Remove the "
                                                           "link."), ("path",)),
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
    # a place in a workbook and what is wrong there (exchange/workbook_reader.Problem)
    "at_place": (QT_TRANSLATE_NOOP("ErrorText", "%1: %2"), ("where", "reason")),
    "at_place_more": (QT_TRANSLATE_NOOP("ErrorText", "%1: %2 (and %3 more problems)"), ("where", "reason", "more")),
    "cell_whole_number": (QT_TRANSLATE_NOOP("ErrorText", "expected a whole number, found %1"), ("found",)),
    "cell_whole_number_min": (QT_TRANSLATE_NOOP("ErrorText", "expected a whole number of 0 or more, found %1"),
                              ("found",)),
    "cell_whole_number_max": (QT_TRANSLATE_NOOP("ErrorText", "expected a whole number of at most %1, found %2"),
                              ("limit", "found")),
    "cell_yes_no": (QT_TRANSLATE_NOOP("ErrorText", "expected yes or no, found %1"), ("found",)),
    "cell_date": (QT_TRANSLATE_NOOP("ErrorText", "expected a date (YYYY-MM-DD), found %1"), ("found",)),
    "cell_not_allowed": (QT_TRANSLATE_NOOP("ErrorText", "%1 is not an allowed value (see the 'lists' sheet)"),
                         ("found",)),
    "cell_list_not_allowed": (QT_TRANSLATE_NOOP("ErrorText", "%1: not allowed (see the 'lists' sheet)"),
                              ("found",)),
    "cell_empty_expected": (QT_TRANSLATE_NOOP("ErrorText", "the cell is empty; expected one of %1 (see the "
                                                           "'lists' sheet)"), ("allowed",)),
    "cell_empty": (QT_TRANSLATE_NOOP("ErrorText", "the cell is empty"), ()),
    "cell_too_long": (QT_TRANSLATE_NOOP("ErrorText", "the text is %1 characters long as Excel counts them; the "
                                                     "limit is %2"), ("length", "limit")),
    "manifest_too_long": (QT_TRANSLATE_NOOP("ErrorText", "the text is %1 characters long; the limit is %2"),
                          ("length", "limit")),
    "manifest_whole_number": (QT_TRANSLATE_NOOP("ErrorText", "expected a whole number of at most %1"), ("limit",)),
    "sheet_damaged": (QT_TRANSLATE_NOOP("ErrorText", "the sheet is damaged and cannot be read (%1)"), ("error",)),
    "not_an_export": (QT_TRANSLATE_NOOP("ErrorText", "not an export of this app: it has no 'manifest' sheet"), ()),
    "field_export_implementation": (QT_TRANSLATE_NOOP("ErrorText", "a field export cannot carry implementation "
                                                                   "records or institutions: only central copies "
                                                                   "may say them. Nothing was merged."), ()),
    "wrong_format": (QT_TRANSLATE_NOOP("ErrorText", "expected '%1', found %2"), ("expected", "found")),
    "wrong_version": (QT_TRANSLATE_NOOP("ErrorText", "format version %1 is not one this app reads (it reads up to "
                                                     "%2): update the app"), ("found", "readable")),
    "is_missing": (QT_TRANSLATE_NOOP("ErrorText", "the value is missing"), ()),
    "sheet_missing": (QT_TRANSLATE_NOOP("ErrorText", "the sheet is missing"), ()),
    "row_without_key": (QT_TRANSLATE_NOOP("ErrorText", "data row %1 has no %2"), ("row", "key")),
    "appears_twice": (QT_TRANSLATE_NOOP("ErrorText", "%1 appears twice"), ("what",)),
    "rows_mismatch": (QT_TRANSLATE_NOOP("ErrorText", "the sheet holds %1 rows but the manifest says %2"),
                      ("rows", "manifest")),
    "records_missing": (QT_TRANSLATE_NOOP("ErrorText", "%1, sheet '%2', record %3 (data row %4): %5 missing"),
                        ("file", "sheet", "record", "row", "missing")),
    "records_missing_more": (QT_TRANSLATE_NOOP("ErrorText", "%1, sheet '%2', record %3 (data row %4): %5 missing "
                                                            "(and %6 more)"),
                             ("file", "sheet", "record", "row", "missing", "more")),
    # readable columns (workbook format 3) against their keys
    "readable_disagrees": (QT_TRANSLATE_NOOP("ErrorText", "the cell says %1, but the consultation's %2 in this "
                                                          "file is %3; a readable column must agree with the data"),
                           ("shown", "source", "held")),
    "label_disagrees": (QT_TRANSLATE_NOOP("ErrorText", "the label %1 names another value than %2, which holds %3; "
                                                       "a readable label must agree with its key"),
                        ("label", "source", "held")),
    "label_disagrees_consultation": (QT_TRANSLATE_NOOP("ErrorText", "the label %1 names another value than the "
                                                                    "consultation's %2, which holds %3; a readable "
                                                                    "label must agree with its key"),
                                     ("label", "source", "held")),
    "labels_ignored": (QT_TRANSLATE_NOOP("ErrorText", "%1, sheet '%2': labels this app's lists do not know were "
                                                      "ignored (the keys were read): %3"), ("file", "sheet", "listed")),
    # what a merge did beyond its counts, and why it held a file
    "merge_counts_notes": (QT_TRANSLATE_NOOP("ErrorText", "%1; %2"), ("counts", "notes")),
    "merged_modified": (QT_TRANSLATE_NOOP("ErrorText", "Merged although values were changed after the export "
                                                       "(recorded as modified). The laptop's signature vouches for "
                                                       "the export as it was written, not for these edited values: "
                                                       "nothing proves who changed them."), ()),
    "export_id_claimed": (QT_TRANSLATE_NOOP("ErrorText", "the same export number was also claimed by device %1 "
                                                         "(file %2, merged %3): one of the two files is forged or "
                                                         "copied; this one was checked on its own and merged"),
                          ("device", "file", "when")),
    "foreign_kept": (QT_TRANSLATE_NOOP("ErrorText", "%1 record(s) of another device kept for review, not applied "
                                                    "(a file speaks only for its own laptop): %2"), ("count", "named")),
    "foreign_extras": (QT_TRANSLATE_NOOP("ErrorText", "%1 consent or attachment record(s) of another device's "
                                                      "consultation not applied (a file speaks only for its own "
                                                      "laptop): %2"), ("count", "named")),
    "waiting_extras": (QT_TRANSLATE_NOOP("ErrorText", "%1 %2 record(s) of consultations not held here not applied "
                                                      "yet: merge the export that carries the consultation, then "
                                                      "this file again"), ("count", "what")),
    "shared_diverged": (QT_TRANSLATE_NOOP("ErrorText", "%1 differing version(s) kept for review instead of being "
                                                       "overwritten"), ("count",)),
    "shared_withdrawals": (QT_TRANSLATE_NOOP("ErrorText", "%1 deletion(s) or withdrawal(s) applied over the other "
                                                          "laptop's edits"), ("count",)),
    "shared_edits_dropped": (QT_TRANSLATE_NOOP("ErrorText", "%1 edit(s) of entries deleted or withdrawn on the "
                                                            "other laptop not kept (the deletion stands)"), ("count",)),
    "shared_identity": (QT_TRANSLATE_NOOP("ErrorText", "two laptops share one identity: %1. Make one of the "
                                                       "laptops a new device (on it: consultation-app device "
                                                       "new-identity)."),
                        ("evidence",)),
    "shared_identity_done": (QT_TRANSLATE_NOOP("ErrorText", "two laptops share one identity: %1; %2. Make one of "
                                                            "the laptops a new device (on it: consultation-app "
                                                            "device new-identity)."), ("evidence", "done")),
    "clone_evidence": (QT_TRANSLATE_NOOP("ErrorText", "%1 and %2 (merged %3) are different exports that both claim "
                                                      "export %4 of device %5"),
                       ("file", "other", "when", "seq", "device")),
    "same_id_other_values": (QT_TRANSLATE_NOOP("ErrorText", "%1: this export of the same laptop was merged on %2 (as "
                                                            "%3) with other values: this file was edited since, or "
                                                            "another laptop with the same identity signed it. "
                                                            "Nothing was merged: compare the two files."),
                             ("file", "when", "other")),
    "original_after_edited": (QT_TRANSLATE_NOOP("ErrorText", "%1: the original of an export whose edited copy was "
                                                             "merged on %2 (as %3), so the values merged then are "
                                                             "not these. Nothing was merged: compare the two files."),
                              ("file", "when", "other")),
}

# Why a merge conflict waits for review (issue 18): a module of their own.
CATALOGUE.update(CONFLICT_REASONS)
# Exchange refusals and notes (central exchange, attachment archive and sheets, consent sheet,
# formula refusals, capture templates) and desktop refusals: their own module, kept apart.
from consultation_app.ui.error_catalogue_exchange import EXCHANGE_CATALOGUE  # noqa: E402

CATALOGUE.update(EXCHANGE_CATALOGUE)
# Files refused on the desktop (workbook safety, templates, attachments saved, receipts, catalogs)
# and the words put inside other messages (issue 18, the last gaps): their own module too.
from consultation_app.ui.error_catalogue_files import FILES_CATALOGUE  # noqa: E402

assert not set(FILES_CATALOGUE) & set(CATALOGUE), set(FILES_CATALOGUE) & set(CATALOGUE)
CATALOGUE.update(FILES_CATALOGUE)
