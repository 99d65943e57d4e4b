"""The catalogue's exchange part (ui/error_catalogue.py takes it in): refusals and notes of a
central exchange file, of an export's consent and attachment sheets and its attachment archive,
formula and shared-strings refusals, filled capture templates, and what the desktop refuses when
attachments, consent, restore or a catalog go wrong. Same form as the catalogue: key -> (the
English text, marked for lupdate in the context "ErrorText"; the arguments put in as %1, %2,
... in this order). An argument named ``where`` is a place (file, sheet, row, column)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

EXCHANGE_CATALOGUE: dict[str, tuple[object, tuple[str, ...]]] = {  # QT_TRANSLATE_NOOP is typed as object
    # central exchange files (exchange/central_exchange.py, central_merge.py)
    "central_not_signed": (
        QT_TRANSLATE_NOOP("ErrorText", "%1 is not signed by a central copy, so nothing shows who wrote it. Nothing "
                                       "was merged."),
        ("file",)),
    "central_modified": (
        QT_TRANSLATE_NOOP("ErrorText", "%1: values were changed after the file was written; a central exchange file "
                                       "is merged only as its central copy signed it. Nothing was merged: ask for a "
                                       "new file."),
        ("file",)),
    "central_other_values": (
        QT_TRANSLATE_NOOP("ErrorText", "%1: exchange %2 of this central copy was merged on %3 with other values. "
                                       "Nothing was merged."),
        ("file", "exchange", "when")),
    "central_own_file": (
        QT_TRANSLATE_NOOP("ErrorText", "%1 was written by this central copy: nothing to merge."),
        ("file",)),
    "central_forged_own": (
        QT_TRANSLATE_NOOP("ErrorText", "%1 claims to be written by this central copy (%2) but is signed with another "
                                       "key (%3): a forgery. Nothing was merged."),
        ("file", "own", "key")),
    "central_from_field_laptop": (
        QT_TRANSLATE_NOOP("ErrorText", "%1: %2; only central copies may give implementation records. Nothing was "
                                       "merged."),
        ("file", "problem")),
    "central_new_key": (
        QT_TRANSLATE_NOOP("ErrorText", "%1: the central copy's signing key changed (a reinstalled copy, or a "
                                       "forgery): %2 signed its earlier files with key %3, this file with key %4. "
                                       "Nothing was merged: ask its staff what happened."),
        ("file", "label", "old", "new")),
    "central_merged_new_key": (
        QT_TRANSLATE_NOOP("ErrorText", "Merged although the central copy's signing key changed (accepted): key %1 "
                                       "replaces %2 for %3."),
        ("new", "old", "label")),
    "nothing_merged": (
        QT_TRANSLATE_NOOP("ErrorText", "%1. Nothing was merged."),
        ("problem",)),
    "implementation_counts": (
        QT_TRANSLATE_NOOP("ErrorText", "implementation: %1 new revisions, %2 known, %3 records changed, %4 concurrent "
                                       "changes kept as conflicts for review"),
        ("new", "unchanged", "updated", "conflicts")),
    "implementation_counts_no_conflicts": (
        QT_TRANSLATE_NOOP("ErrorText", "implementation: %1 new revisions, %2 known, %3 records changed"),
        ("new", "unchanged", "updated")),
    "sender_is_field_laptop": (
        QT_TRANSLATE_NOOP("ErrorText", "%1 (%2) is a field laptop here (its field exports were merged)"),
        ("label", "sender")),
    "signed_with_field_key": (
        QT_TRANSLATE_NOOP("ErrorText", "it is signed with the key of field laptop %1 (%2)"),
        ("device", "device_id")),
    "revision_from_field_laptop": (
        QT_TRANSLATE_NOOP("ErrorText", "%1: the revision says it was made by %2, a field laptop here (its field "
                                       "exports were merged)"),
        ("where", "origin")),
    "revision_parent_missing": (
        QT_TRANSLATE_NOOP("ErrorText", "%1: based on revision %2..., which is neither in the file nor held here: the "
                                       "history is incomplete"),
        ("where", "parent")),
    "revision_institution_unknown": (
        QT_TRANSLATE_NOOP("ErrorText", "%1: %2 not in the institutions sheet nor in this copy's list"),
        ("where", "keys")),
    "institutions_added": (
        QT_TRANSLATE_NOOP("ErrorText", "%1 institutions added: %2"),
        ("count", "keys")),
    "institutions_changed": (
        QT_TRANSLATE_NOOP("ErrorText", "%1 institutions changed by %2 (the later change wins): %3"),
        ("count", "label", "changes")),
    "consent_narrowed_applied": (
        QT_TRANSLATE_NOOP("ErrorText", "consent narrowed on the laptop applied here: %1 entries and %2 photos or "
                                       "recordings wiped, %3 copies kept for review dropped"),
        ("entries", "attachments", "copies")),
    "format_too_new": (
        QT_TRANSLATE_NOOP("ErrorText", "version %1 is not one this app reads (%2): update the app"),
        ("found", "reads")),
    "record_id_mismatch": (
        QT_TRANSLATE_NOOP("ErrorText", "is not the record id of this catalog and code (changed after the file was "
                                       "written)"),
        ()),
    "not_one_of": (
        QT_TRANSLATE_NOOP("ErrorText", "%1 is not one of %2"),
        ("found", "allowed")),
    "not_institution_keys": (
        QT_TRANSLATE_NOOP("ErrorText", "holds something that is not an institution key"),
        ()),
    "not_institution_key": (
        QT_TRANSLATE_NOOP("ErrorText", "%1 is not an institution key"),
        ("found",)),
    "key_appears_twice": (
        QT_TRANSLATE_NOOP("ErrorText", "%1 appears twice"),
        ("key",)),
    "longer_than": (
        QT_TRANSLATE_NOOP("ErrorText", "is longer than %1 characters"),
        ("limit",)),
    "revision_changed": (
        QT_TRANSLATE_NOOP("ErrorText", "does not match the revision's values: they were changed after the file was "
                                       "written"),
        ()),
    "zero_or_one": (
        QT_TRANSLATE_NOOP("ErrorText", "expected 0 or 1"),
        ()),
    "row_count": (
        QT_TRANSLATE_NOOP("ErrorText", "holds %1 rows but the manifest says %2"),
        ("rows", "claimed")),
    "cell_appears_twice": (
        QT_TRANSLATE_NOOP("ErrorText", "appears twice"),
        ()),
    # consent and attachment sheets of an export (exchange/consent_sheet.py, attachment_sheet.py)
    "keys_in_order": (
        QT_TRANSLATE_NOOP("ErrorText", "row 2 must hold the keys %1 in that order"),
        ("keys",)),
    "too_many_rows": (
        QT_TRANSLATE_NOOP("ErrorText", "holds more than %1 rows"),
        ("rows",)),
    "consent_twice": (
        QT_TRANSLATE_NOOP("ErrorText", "the same consultation and person appear twice"),
        ()),
    "uuid_missing": (
        QT_TRANSLATE_NOOP("ErrorText", "uuid is missing or too long"),
        ()),
    "consultation_uuid_missing": (
        QT_TRANSLATE_NOOP("ErrorText", "consultation_uuid is missing or too long"),
        ()),
    "media_type_unknown": (
        QT_TRANSLATE_NOOP("ErrorText", "media_type %1 is not one this app keeps"),
        ("media_type",)),
    "size_over_limit": (
        QT_TRANSLATE_NOOP("ErrorText", "size %1 is over the limit for %2"),
        ("size", "media_type")),
    "sha256_malformed": (
        QT_TRANSLATE_NOOP("ErrorText", "sha256 is not 64 hexadecimal digits"),
        ()),
    "must_be_yes_no": (
        QT_TRANSLATE_NOOP("ErrorText", "%1 must be yes or no"),
        ("name",)),
    "must_be_whole": (
        QT_TRANSLATE_NOOP("ErrorText", "%1 must be a whole number"),
        ("name",)),
    # the attachment archive beside an export (exchange/attachment_archive.py)
    "archive_missing": (
        QT_TRANSLATE_NOOP("ErrorText", "%1 attachments listed but no %2 beside the workbook: merge again with the "
                                       "archive beside it."),
        ("count", "archive")),
    "archive_rejected": (
        QT_TRANSLATE_NOOP("ErrorText", "%1 rejected, none of its %2 attachments kept: %3"),
        ("archive", "count", "reason")),
    "archive_unreadable": (
        QT_TRANSLATE_NOOP("ErrorText", "%1 rejected, none of its %2 attachments kept: cannot be read (%3)"),
        ("archive", "count", "reason")),
    "wrong_password": (
        QT_TRANSLATE_NOOP("ErrorText", "wrong or missing password"),
        ()),
    "archive_not_regular": (
        QT_TRANSLATE_NOOP("ErrorText", "not a regular file"),
        ()),
    "archive_too_large": (
        QT_TRANSLATE_NOOP("ErrorText", "%1 bytes, more than the %2 bytes of files its workbook lists"),
        ("size", "listed")),
    "archive_not_zip": (
        QT_TRANSLATE_NOOP("ErrorText", "not a readable zip archive (%1)"),
        ("error",)),
    "member_over_size": (
        QT_TRANSLATE_NOOP("ErrorText", "member %1 holds more than its listed %2 bytes"),
        ("member", "size")),
    "member_wrong_type": (
        QT_TRANSLATE_NOOP("ErrorText", "member %1 is not the %2 its workbook lists"),
        ("member", "media_type")),
    "member_size_differs": (
        QT_TRANSLATE_NOOP("ErrorText", "member %1 holds %2 bytes, not the listed %3"),
        ("member", "total", "size")),
    "member_twice": (
        QT_TRANSLATE_NOOP("ErrorText", "a member appears twice"),
        ()),
    "member_unexpected": (
        QT_TRANSLATE_NOOP("ErrorText", "unexpected member %1 (only files/<sha256>)"),
        ("member",)),
    "member_not_listed": (
        QT_TRANSLATE_NOOP("ErrorText", "member %1 is not listed in the workbook"),
        ("member",)),
    "member_claims_size": (
        QT_TRANSLATE_NOOP("ErrorText", "member %1 says %2 bytes, the workbook lists %3"),
        ("member", "size", "listed")),
    "listed_not_in_archive": (
        QT_TRANSLATE_NOOP("ErrorText", "the listed file %1… is not in the archive"),
        ("sha256",)),
    "member_over_listed": (
        QT_TRANSLATE_NOOP("ErrorText", "a member holds more than its listed size"),
        ()),
    "member_hash_differs": (
        QT_TRANSLATE_NOOP("ErrorText", "member files/%1 does not hash to its name (changed after export)"),
        ("sha256",)),
    "attachment_diverged": (
        QT_TRANSLATE_NOOP("ErrorText", "attachment %1 (%2) was changed on two laptops: kept the later caption and "
                                       "kind and the stricter sensitivity; check it"),
        ("name", "uuid")),
    # formula and shared-strings refusals, placed by sheet, row and column (exchange/safety.py)
    "formula_refused": (
        QT_TRANSLATE_NOOP("ErrorText", "a formula%1: workbooks are merged as values only. Type the value itself (was "
                                       "the file edited in a spreadsheet?)"),
        ("shown",)),
    "shared_strings_bomb": (
        QT_TRANSLATE_NOOP("ErrorText", "cells refer to shared text that would grow to %1 bytes from %2 bytes of sheet "
                                       "XML (at most %3): refused as a shared-strings bomb"),
        ("expanded", "xml", "bound")),
    # filled capture templates (exchange/template_merge.py, merge.py)
    "template_filled": (
        QT_TRANSLATE_NOOP("ErrorText", "filled capture template: recorded as a consultation of its own"),
        ()),
    "template_filled_again": (
        QT_TRANSLATE_NOOP("ErrorText", "another filling of this template was merged on %1 (as %2); this one is a "
                                       "separate consultation: if it corrects that one, remove the older"),
        ("when", "file")),
    "template_not_signed": (
        QT_TRANSLATE_NOOP("ErrorText", "capture template: not signed by a device"),
        ()),
    "codes_not_in_catalog": (
        QT_TRANSLATE_NOOP("ErrorText", "feedback refers to recommendation code(s) the central catalog lacks: %1; kept "
                                       "and flagged"),
        ("codes",)),
    "template_details_missing": (
        QT_TRANSLATE_NOOP("ErrorText", "the details sheet does not give the %1; recorded as final all the same"),
        ("missing",)),
    "label_stakeholder_group": (
        QT_TRANSLATE_NOOP("ErrorText", "stakeholder group"),
        ()),
    "label_province": (
        QT_TRANSLATE_NOOP("ErrorText", "province"),
        ()),
    "label_date": (
        QT_TRANSLATE_NOOP("ErrorText", "date"),
        ()),
    "label_participant_counts": (
        QT_TRANSLATE_NOOP("ErrorText", "participant counts"),
        ()),
    # consent refused on the desktop (domain/consent.py, services/consent.py)
    # the consent fields as refusals name them: label, then the key (the consents sheet's column)
    "consent_field_given": (QT_TRANSLATE_NOOP("ErrorText", "How consent was given (%1)"), ("key",)),
    "consent_field_quotes": (QT_TRANSLATE_NOOP("ErrorText", "Quotes agreed to (%1)"), ("key",)),
    "consent_field_photos": (QT_TRANSLATE_NOOP("ErrorText", "Photos agreed to (%1)"), ("key",)),
    "consent_field_recordings": (QT_TRANSLATE_NOOP("ErrorText", "Recordings agreed to (%1)"), ("key",)),
    "consent_field_attribution": (QT_TRANSLATE_NOOP("ErrorText", "What is said may be attributed to (%1)"),
                                  ("key",)),
    "consent_field_visibility": (QT_TRANSLATE_NOOP("ErrorText", "Who may see it (%1)"), ("key",)),
    "consent_field_withdrawn": (QT_TRANSLATE_NOOP("ErrorText", "Consent withdrawn (%1)"), ("key",)),
    "consent_yes_no": (
        QT_TRANSLATE_NOOP("ErrorText", "%1 must be yes or no, not %2"),
        ("name", "found")),
    "consent_one_of": (
        QT_TRANSLATE_NOOP("ErrorText", "%1 must be one of %2, not %3"),
        ("name", "allowed", "found")),
    "consent_date": (
        QT_TRANSLATE_NOOP("ErrorText", "the keep-until date must be a date (YYYY-MM-DD), not %1"),
        ("found",)),
    "field_too_long": (
        QT_TRANSLATE_NOOP("ErrorText", "%1 is %2 characters long; the limit is %3"),
        ("name", "length", "limit")),
    "field_control": (
        QT_TRANSLATE_NOOP("ErrorText", "%1 holds a control character"),
        ("name",)),
    "consent_not_saved": (
        QT_TRANSLATE_NOOP("ErrorText", "Consent not saved: %1"),
        ("reason",)),
    "consent_withdraw_instead": (
        QT_TRANSLATE_NOOP("ErrorText", "Consent not saved: to take consent back, use Withdraw consent, which also "
                                       "wipes what it covered."),
        ()),
    "consent_withdrawn_for_good": (
        QT_TRANSLATE_NOOP("ErrorText", "Consent not saved: it was withdrawn, and what it covered was wiped; a "
                                       "withdrawal cannot be undone (record anything new as a new entry with its own "
                                       "consent)."),
        ()),
    # restore refused (storage/restore_checks.py, backup.py) and a passphrase change under way (services/recovery.py)
    "restore_too_large": (
        QT_TRANSLATE_NOOP("ErrorText", "%1: this file (%2) is larger than any backup of this database can be (%3). "
                                       "Nothing was changed."),
        ("path", "size", "limit")),
    "restore_no_folder": (
        QT_TRANSLATE_NOOP("ErrorText", "%1: no such folder. Nothing was changed."),
        ("path",)),
    "restore_read_only": (
        QT_TRANSLATE_NOOP("ErrorText", "%1: the data folder is read-only, so the backup cannot be put in place. "
                                       "Nothing was changed."),
        ("path",)),
    "restore_cannot_write": (
        QT_TRANSLATE_NOOP("ErrorText", "%1: cannot write in the data folder (%2). Nothing was changed."),
        ("path", "error")),
    "backup_not_a_database": (
        QT_TRANSLATE_NOOP("ErrorText", "%1: this backup is damaged: it is not a database, nor protected by the "
                                       "database's passphrase (a backup made under an earlier passphrase opens only "
                                       "with that one). Nothing was changed."),
        ("path",)),
    "restore_in_use": (
        QT_TRANSLATE_NOOP("ErrorText", "%1: the database is in use elsewhere (this app open a second time, or a "
                                       "command or script using this data folder): close it, then restore. Nothing "
                                       "was changed."),
        ("path",)),
    "restore_not_app_backup": (
        QT_TRANSLATE_NOOP("ErrorText", "%1: this is not a backup of this app's database. Nothing was changed."),
        ("path",)),
    "restore_newer_backup": (
        QT_TRANSLATE_NOOP("ErrorText", "%1: this backup was written by a newer version of the app: update the app "
                                       "first. Nothing was changed."),
        ("path",)),
    "restore_foreign_database": (
        QT_TRANSLATE_NOOP("ErrorText", "%1: this is not a database this app wrote: it holds %2. Nothing was changed."),
        ("path", "found")),
    "restore_foreign_values": (
        QT_TRANSLATE_NOOP("ErrorText", "%1: this is not a database this app wrote: %2. Nothing was changed."),
        ("path", "found")),
    "restore_database_itself": (
        QT_TRANSLATE_NOOP("ErrorText", "%1 is the database itself, not a backup of it."),
        ("path",)),
    "passphrase_conversion_busy": (
        QT_TRANSLATE_NOOP("ErrorText", "%1: a passphrase is being set, changed or removed by another copy of the app, "
                                       "or its conversion was interrupted: close the other copy, then try again."),
        ("path",)),
    # an attachment added or changed on the desktop (domain/attachments.py, services/attachments.py)
    "attachment_name_control": (
        QT_TRANSLATE_NOOP("ErrorText", "the file name holds a control or invisible character: rename the file"),
        ()),
    "attachment_name_folder": (
        QT_TRANSLATE_NOOP("ErrorText", "the file name must be a plain name, without a folder"),
        ()),
    "attachment_name_long": (
        QT_TRANSLATE_NOOP("ErrorText", "the file name is %1 characters long; the limit is %2"),
        ("length", "limit")),
    "attachment_caption_control": (
        QT_TRANSLATE_NOOP("ErrorText", "the caption holds a control character"),
        ()),
    "attachment_caption_long": (
        QT_TRANSLATE_NOOP("ErrorText", "the caption is %1 characters long; the limit is %2"),
        ("length", "limit")),
    "attachment_kind": (
        QT_TRANSLATE_NOOP("ErrorText", "the kind must be one of %1, not %2"),
        ("allowed", "found")),
    "attachment_content_unknown": (
        QT_TRANSLATE_NOOP("ErrorText", "the content is not %1 (checked by its first bytes, whatever its name says)"),
        ("families",)),
    "attachment_content_kind": (
        QT_TRANSLATE_NOOP("ErrorText", "the content is %1, which a '%2' attachment cannot be"),
        ("family", "kind")),
    "attachment_name_content": (
        QT_TRANSLATE_NOOP("ErrorText", "the name ends in %1 but the content is %2; a file whose name and content "
                                       "disagree is refused"),
        ("suffix", "media_type")),
    "attachment_too_large": (
        QT_TRANSLATE_NOOP("ErrorText", "%1 bytes is over the %2 MB limit for %3"),
        ("size", "limit", "family")),
    "attachment_empty": (
        QT_TRANSLATE_NOOP("ErrorText", "the file is empty"),
        ()),
    "attachment_consultation_full": (
        QT_TRANSLATE_NOOP("ErrorText", "this consultation already holds %1 MB of attachments; adding %2 MB would pass "
                                       "its %3 MB limit"),
        ("held", "adding", "limit")),
    "file_missing": (
        QT_TRANSLATE_NOOP("ErrorText", "%1: no such file"),
        ("file",)),
    "file_is_folder": (
        QT_TRANSLATE_NOOP("ErrorText", "%1 is a folder, not a file"),
        ("file",)),
    "file_not_regular": (
        QT_TRANSLATE_NOOP("ErrorText", "%1 is not a regular file (a folder, pipe, device or socket): refused unread"),
        ("file",)),
    "file_unreadable": (
        QT_TRANSLATE_NOOP("ErrorText", "%1 cannot be read (%2)"),
        ("file", "error")),
    "image_invalid": (
        QT_TRANSLATE_NOOP("ErrorText", "the content is not a valid %1 image"),
        ("media_type",)),
    "image_too_many_pixels": (
        QT_TRANSLATE_NOOP("ErrorText", "the image is %1 x %2 pixels; the limit is %3 megapixels"),
        ("width", "height", "limit")),
    "image_too_large": (
        QT_TRANSLATE_NOOP("ErrorText", "the image is larger than %1 megapixels"),
        ("limit",)),
    "image_damaged": (
        QT_TRANSLATE_NOOP("ErrorText", "the content is not a valid %1 image (%2)"),
        ("media_type", "error")),
    "attachment_consultation_final": (
        QT_TRANSLATE_NOOP("ErrorText", "This consultation is final: reopen it before adding attachments."),
        ()),
    "pdf_incomplete": (
        QT_TRANSLATE_NOOP("ErrorText", "the PDF is incomplete (it does not end as a PDF ends)"),
        ()),
    "attachment_type_kind": (
        QT_TRANSLATE_NOOP("ErrorText", "a %1 file cannot be a '%2' attachment"),
        ("media_type", "kind")),
    # a catalog import refused (services/catalog_import.py)
    "catalog_unknown_format": (
        QT_TRANSLATE_NOOP("ErrorText", "%1: cannot tell the catalog's format from the file name (.csv, .json or "
                                       ".xlsx)"),
        ("file",)),
    "catalog_no_match": (
        QT_TRANSLATE_NOOP("ErrorText", "%1: no recommendation matched (%2)"),
        ("file", "details")),
    "catalog_first_sheet": (
        QT_TRANSLATE_NOOP("ErrorText", "%1: the first sheet cannot be read (%2)"),
        ("file", "error")),
    "catalog_bad_rows": (
        QT_TRANSLATE_NOOP("ErrorText", "%1: %2 row(s) cannot be read: %3. Nothing was imported."),
        ("file", "count", "first")),
    "catalog_changed": (
        QT_TRANSLATE_NOOP("ErrorText", "%1: the catalog was changed after the office signed it (its values or its "
                                       "signature do not match). Nothing was imported."),
        ("file",)),
    "catalog_untrusted_key": (
        QT_TRANSLATE_NOOP("ErrorText", "%1: signed by a key this laptop does not trust (not the office key it took "
                                       "its catalogs from). Nothing was imported."),
        ("file",)),
    "catalog_unsigned_over_signed": (
        QT_TRANSLATE_NOOP("ErrorText", "%1: catalog %2 came signed by the office and this workbook is not signed. "
                                       "Nothing was imported."),
        ("file", "catalog")),
    "catalog_unsigned": (
        QT_TRANSLATE_NOOP("ErrorText", "%1: the workbook is not signed; this laptop takes catalogs signed by its "
                                       "office only. Nothing was imported."),
        ("file",)),
    "catalog_older": (
        QT_TRANSLATE_NOOP("ErrorText", "Catalog %1 version %2 is older than the version %3 already loaded. Nothing "
                                       "was changed."),
        ("catalog", "version", "held")),
}
