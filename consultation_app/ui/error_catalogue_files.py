"""Refusals of files handed to the desktop and the words put into messages (issue 18, the last
gaps), for ui/error_catalogue.py: a workbook refused before it is parsed (exchange/safety.py),
a filled capture template's problems (exchange/template_merge.py) and the field rules they
name (domain/records.py), an attachment's "Save as", "Open" and folder export, a merge receipt,
a merge waiting for another, a catalog file, and the words (a device unknown, an attachment
kind, a kind of file, a record of another device) that a message puts inside another. Same
form as the main catalogue: key -> (text marked for lupdate in the context "ErrorText",
argument names in the order %1, %2, ... take them). A translation may leave out an argument
a reader does not need (a library's English error, a device's id beside its name)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

FILES_CATALOGUE: dict[str, tuple[object, tuple[str, ...]]] = {
    # exchange/safety.py: a workbook refused before any XML is parsed
    "workbook_old_damaged": (QT_TRANSLATE_NOOP("ErrorText", "%1: the file is damaged (an old-format or protected "
                                                            "workbook that cannot be opened)."), ("file",)),
    "workbook_xls": (QT_TRANSLATE_NOOP("ErrorText", "%1 is an old-format Excel file (.xls): save it as .xlsx and "
                                                    "try again."), ("file",)),
    "workbook_needs_password": (QT_TRANSLATE_NOOP("ErrorText", "%1 is protected by a password: give its password."),
                                ("file",)),
    "workbook_unknown_format": (QT_TRANSLATE_NOOP("ErrorText", "%1 is not a workbook this app can read."),
                                ("file",)),
    "workbook_not_decrypted": (QT_TRANSLATE_NOOP("ErrorText", "%1: the file is damaged (a protected workbook that "
                                                              "cannot be decrypted)."), ("file",)),
    "part_outside": (QT_TRANSLATE_NOOP("ErrorText", "%1: part %2 is named outside the archive: refused."),
                     ("file", "part")),
    "part_twice": (QT_TRANSLATE_NOOP("ErrorText", "%1: part %2 appears twice in the archive: refused (programs "
                                                  "disagree on which one counts)."), ("file", "part")),
    "workbook_macros": (QT_TRANSLATE_NOOP("ErrorText", "%1 contains macros: only plain .xlsx exports are "
                                                       "accepted."), ("file",)),
    "workbook_links": (QT_TRANSLATE_NOOP("ErrorText", "%1 links to other files (external links): it is not an "
                                                      "export."), ("file",)),
    "workbook_embedded": (QT_TRANSLATE_NOOP("ErrorText", "%1 contains embedded objects: it is not an export."),
                          ("file",)),
    "part_zip_bomb": (QT_TRANSLATE_NOOP("ErrorText", "%1: part %2 would unpack to %3 bytes from %4: refused as a "
                                                     "zip bomb."), ("file", "part", "size", "packed")),
    "workbook_unpacks_too_large": (QT_TRANSLATE_NOOP("ErrorText", "%1 would unpack to %2 bytes: refused as too "
                                                                  "large."), ("file", "size")),
    "part_damaged": (QT_TRANSLATE_NOOP("ErrorText", "%1: the file is damaged (part %2 cannot be unpacked)."),
                     ("file", "part")),
    "part_dtd": (QT_TRANSLATE_NOOP("ErrorText", "%1: part %2 declares a document type (DTD): refused."),
                 ("file", "part")),
    "workbook_too_large": (QT_TRANSLATE_NOOP("ErrorText", "%1: %2 bytes is too large for an export."),
                           ("file", "size")),
    "workbook_empty": (QT_TRANSLATE_NOOP("ErrorText", "%1: the file is empty."), ("file",)),
    "workbook_unreadable": (QT_TRANSLATE_NOOP("ErrorText", "%1: the workbook cannot be read."),
                            ("file",)),
    # domain/records.py: a value against a field's rule (the field is named where the message is placed)
    "value_whole_number": (QT_TRANSLATE_NOOP("ErrorText", "must be a whole number, not %1"), ("found",)),
    "value_negative": (QT_TRANSLATE_NOOP("ErrorText", "cannot be negative"), ()),
    "value_at_most": (QT_TRANSLATE_NOOP("ErrorText", "must be at most %1, not %2"), ("limit", "found")),
    "value_yes_no": (QT_TRANSLATE_NOOP("ErrorText", "must be yes or no, not %1"), ("found",)),
    "value_date": (QT_TRANSLATE_NOOP("ErrorText", "must be a date (YYYY-MM-DD), not %1"), ("found",)),
    "value_not_one_of": (QT_TRANSLATE_NOOP("ErrorText", "%1 is not one of %2"), ("found", "allowed")),
    "value_not_in_list": (QT_TRANSLATE_NOOP("ErrorText", "%1 is not in its list"), ("found",)),
    "value_more_than_participants": (QT_TRANSLATE_NOOP("ErrorText", "is more than the %1 participants (women, men "
                                                                    "and others)"), ("total",)),
    "value_before_start": (QT_TRANSLATE_NOOP("ErrorText", "is before the start date"), ()),
    # exchange/template_merge.py: a filled capture template
    "template_keys_missing": (QT_TRANSLATE_NOOP("ErrorText", "the header row of machine keys is missing column(s) "
                                                             "%1"), ("columns",)),
    "template_version": (QT_TRANSLATE_NOOP("ErrorText", "template version %1 is not one this app reads (%2): "
                                                        "update the app"), ("found", "readable")),
    "template_second_details": (QT_TRANSLATE_NOOP("ErrorText", "a template records one consultation, on row %1: "
                                                               "this is a second row of details"), ("row",)),
    "template_value_rule": (QT_TRANSLATE_NOOP("ErrorText", "the value %1 %2"), ("value", "rule")),
    "code_at_row": (QT_TRANSLATE_NOOP("ErrorText", "%1 (row %2)"), ("code", "row")),
    "template_no_code": (QT_TRANSLATE_NOOP("ErrorText", "this row is filled in but has no recommendation code"), ()),
    "template_empty": (QT_TRANSLATE_NOOP("ErrorText", "nothing filled in: the details and feedback sheets are both "
                                                      "empty"), ()),
    "template_only_notes": (QT_TRANSLATE_NOOP("ErrorText", "nothing filled in: the details and feedback sheets are "
                                                           "both empty (a template needs more than notes)"), ()),
    # an attachment's "Save as", "Open" and folder export (services/attachments.py, exchange/attachment_folder.py)
    "consultation_gone": (QT_TRANSLATE_NOOP("ErrorText", "This consultation is no longer in the database (deleted "
                                                         "meanwhile?)."), ()),
    "attachment_gone": (QT_TRANSLATE_NOOP("ErrorText", "This attachment is no longer in the database (deleted "
                                                       "meanwhile?)."), ()),
    "save_target_folder": (QT_TRANSLATE_NOOP("ErrorText", "%1 is a folder or a link: choose a file name."),
                           ("path",)),
    "attachment_bytes_damaged": (QT_TRANSLATE_NOOP("ErrorText", "The stored copy of the attachment %1 is damaged "
                                                                "(its bytes do not match their SHA-256). Nothing "
                                                                "was saved."), ("name",)),
    "folder_is_link": (QT_TRANSLATE_NOOP("ErrorText", "%1 is a link: choose a new folder."), ("path",)),
    "folder_is_file": (QT_TRANSLATE_NOOP("ErrorText", "%1 exists and is not a folder: choose a new folder."),
                       ("path",)),
    "folder_not_empty": (QT_TRANSLATE_NOOP("ErrorText", "%1 exists and is not empty: choose a new or empty "
                                                        "folder."), ("path",)),
    "folder_missing": (QT_TRANSLATE_NOOP("ErrorText", "%1: no such folder."), ("path",)),
    # a merge receipt imported on a field laptop (exchange/receipt.py)
    "receipt_too_large": (QT_TRANSLATE_NOOP("ErrorText", "%1 is too large to be a merge receipt."), ("file",)),
    "receipt_not_json": (QT_TRANSLATE_NOOP("ErrorText", "%1 is not a merge receipt, or it is damaged."), ("file",)),
    "receipt_not_receipt": (QT_TRANSLATE_NOOP("ErrorText", "%1 is not a merge receipt of this app."), ("file",)),
    "receipt_version": (QT_TRANSLATE_NOOP("ErrorText", "%1: receipt version %2 is not one this app reads (%3): "
                                                       "update the app."), ("file", "found", "readable")),
    "receipt_damaged": (QT_TRANSLATE_NOOP("ErrorText", "%1: the receipt is damaged (its contents are not in the "
                                                       "expected form). Ask the central office for a new one."),
                        ("file",)),
    "receipt_changed": (QT_TRANSLATE_NOOP("ErrorText", "%1: the receipt was changed or damaged after the central "
                                                       "office wrote it. Ask for a new one."), ("file",)),
    "receipt_other_device": (QT_TRANSLATE_NOOP("ErrorText", "%1 is a receipt for another device, %2 (%3), not this "
                                                            "laptop, %4 (%5). Nothing was recorded: give it to the "
                                                            "laptop it names."),
                             ("file", "device", "device_id", "own", "own_id")),
    # exchange/merge_guard.py: one merge at a time
    "merge_lock_failed": (QT_TRANSLATE_NOOP("ErrorText", "%1: the merge cannot start (the folder may be read-only). "
                                                         "Nothing was merged."), ("path",)),
    "merge_wait_cancelled": (QT_TRANSLATE_NOOP("ErrorText", "Cancelled while another merge was running. Nothing was "
                                                            "merged."), ()),
    "merge_still_running": (QT_TRANSLATE_NOOP("ErrorText", "Another merge is still running after %1 minutes. "
                                                           "Nothing was merged: try again later."), ("minutes",)),
    # a catalog file (exchange/catalog_sources.py, exchange/catalog_workbook.py, services/catalog_import.py)
    "catalog_columns_missing": (QT_TRANSLATE_NOOP("ErrorText", "%1: the first row has no column %2, so this is not "
                                                               "a catalog this app can read."), ("file", "columns")),
    "catalog_sheet_empty": (QT_TRANSLATE_NOOP("ErrorText", "%1: the first sheet is empty."), ("file",)),
    "catalog_too_large": (QT_TRANSLATE_NOOP("ErrorText", "%1: %2 bytes is too large for a catalog."),
                          ("file", "size")),
    "catalog_not_utf8": (QT_TRANSLATE_NOOP("ErrorText", "%1 is not UTF-8 text: save it as UTF-8."), ("file",)),
    "catalog_not_json": (QT_TRANSLATE_NOOP("ErrorText", "%1 is not valid JSON (line %2, column %3)."),
                         ("file", "line", "column")),
    "catalog_not_uhri_json": (QT_TRANSLATE_NOOP("ErrorText", "%1 is not a UHRI JSON export (a list of "
                                                             "recommendations)."), ("file",)),
    "catalog_not_csv": (QT_TRANSLATE_NOOP("ErrorText", "%1 is not a readable CSV file."), ("file",)),
    "catalog_file_empty": (QT_TRANSLATE_NOOP("ErrorText", "%1: the file is empty."), ("file",)),
    "catalog_sheet_missing": (QT_TRANSLATE_NOOP("ErrorText", "%1 is not a catalog workbook (its sheet '%2' is "
                                                             "missing or not a catalog's)."), ("file", "sheet")),
    "catalog_sheet_unreadable": (QT_TRANSLATE_NOOP("ErrorText", "%1: sheet '%2' cannot be read."),
                                 ("file", "sheet")),
    "catalog_version": (QT_TRANSLATE_NOOP("ErrorText", "%1: catalog workbook version %2 is not one this app reads "
                                                       "(%3): update the app."), ("file", "found", "readable")),
    "catalog_named_sheet_empty": (QT_TRANSLATE_NOOP("ErrorText", "%1: sheet '%2' is empty."), ("file", "sheet")),
    "catalog_no_readable_row": (QT_TRANSLATE_NOOP("ErrorText", "%1: sheet '%2' has no recommendation that can be "
                                                               "read. Nothing was imported."), ("file", "sheet")),
    "catalog_file_refused": (QT_TRANSLATE_NOOP("ErrorText", "%1 is not a catalog this app can read (%2). Nothing "
                                                            "was imported."), ("file", "detail")),
    # exchange/master_export.py: a conflict stored before reasons were kept
    "conflict_plain": (QT_TRANSLATE_NOOP("ErrorText", "two versions of this record differ: a person chooses the one "
                                                      "that stands"), ()),
    # words put into other messages, said whole in the interface language
    "unknown_device": (QT_TRANSLATE_NOOP("ErrorText", "an unknown device"), ()),
    "and_more": (QT_TRANSLATE_NOOP("ErrorText", "and %1 more"), ("count",)),
    "foreign_belongs": (QT_TRANSLATE_NOOP("ErrorText", "%1 belongs to device %2 (%3)"),
                        ("record", "owner", "owner_id")),
    "foreign_belongs_unknown": (QT_TRANSLATE_NOOP("ErrorText", "%1 belongs to an unknown device (%3)"),
                                ("record", "owner", "owner_id")),
    "extra_belongs": (QT_TRANSLATE_NOOP("ErrorText", "%1 of the consultation “%2”, which belongs to device %3 (%4)"),
                      ("what", "title", "owner", "owner_id")),
    "extra_belongs_unknown": (QT_TRANSLATE_NOOP("ErrorText", "%1 of the consultation “%2”, which belongs to an "
                                                             "unknown device (%4)"),
                              ("what", "title", "owner", "owner_id")),
    "extra_consent": (QT_TRANSLATE_NOOP("ErrorText", "consent"), ()),
    "extra_attachment": (QT_TRANSLATE_NOOP("ErrorText", "attachment"), ()),
    "kind_photo": (QT_TRANSLATE_NOOP("ErrorText", "photo"), ()),
    "kind_consent": (QT_TRANSLATE_NOOP("ErrorText", "signed consent form"), ()),
    "kind_attendance": (QT_TRANSLATE_NOOP("ErrorText", "attendance sheet"), ()),
    "kind_audio": (QT_TRANSLATE_NOOP("ErrorText", "audio recording"), ()),
    "kind_other": (QT_TRANSLATE_NOOP("ErrorText", "other"), ()),
    "family_image": (QT_TRANSLATE_NOOP("ErrorText", "an image (JPEG, PNG, WebP, TIFF)"), ()),
    "family_document": (QT_TRANSLATE_NOOP("ErrorText", "a PDF document"), ()),
    "family_audio": (QT_TRANSLATE_NOOP("ErrorText", "an audio file (MP3, WAV, M4A, OGG, FLAC, AMR, WMA)"), ()),
    "family_image_short": (QT_TRANSLATE_NOOP("ErrorText", "an image"), ()),
    "family_document_short": (QT_TRANSLATE_NOOP("ErrorText", "a PDF document"), ()),
    "family_audio_short": (QT_TRANSLATE_NOOP("ErrorText", "an audio file"), ()),
    "families_two": (QT_TRANSLATE_NOOP("ErrorText", "%1 or %2"), ("first", "second")),
    "families_three": (QT_TRANSLATE_NOOP("ErrorText", "%1, %2 or %3"), ("first", "second", "third")),
}
