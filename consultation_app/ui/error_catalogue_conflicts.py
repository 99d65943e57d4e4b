"""Why a merge conflict waits for review (issue 18), for ui/error_catalogue.py: the keys the
merge stores beside a conflict's English reason (storage ``merge_conflicts.reason_key`` and
``reason_params``), and the keys of the records those reasons name. Same form as the main
catalogue: key -> (text marked for lupdate in the context "ErrorText", argument names in the
order %1, %2, ... take them). A translation may leave out an argument a reader does not need
(a device's id beside its name)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

CONFLICT_REASONS: dict[str, tuple[object, tuple[str, ...]]] = {
    # exchange/merge_trust.py: a record its file may not speak for
    "conflict_foreign": (QT_TRANSLATE_NOOP("ErrorText", "sent by device %1 (%2) in export %3, but the record "
                                                        "belongs to device %4 (%5): a file speaks only for its "
                                                        "own laptop"),
                         ("sender", "sender_id", "export", "owner", "owner_id")),
    "conflict_foreign_unknown_owner": (QT_TRANSLATE_NOOP("ErrorText", "sent by device %1 (%2) in export %3, but "
                                                                      "the record belongs to an unknown device "
                                                                      "(%5): a file speaks only for its own "
                                                                      "laptop"),
                                       ("sender", "sender_id", "export", "owner", "owner_id")),
    # exchange/merge_trust.py: two laptops sharing one identity, and what showed it
    "conflict_shared_identity": (QT_TRANSLATE_NOOP("ErrorText", "two laptops share one identity (%1, %2): %3"),
                                 ("device", "device_id", "evidence")),
    "shared_two_versions": (QT_TRANSLATE_NOOP("ErrorText", "device %1 sent two different versions of %2 at "
                                                           "revision %3"), ("device", "record", "revision")),
    "shared_unlike_history": (QT_TRANSLATE_NOOP("ErrorText", "device %1 sent a version of %2 at revision %3 "
                                                             "unlike the one held or in its history"),
                              ("device", "record", "revision")),
    # the record such a reason names: by what a person knows it by, not by its id
    "record_consultation": (QT_TRANSLATE_NOOP("ErrorText", "the consultation “%1”"), ("title",)),
    "record_feedback": (QT_TRANSLATE_NOOP("ErrorText", "an entry of the consultation “%1”"), ("title",)),
    "record_note": (QT_TRANSLATE_NOOP("ErrorText", "a note of the consultation “%1”"), ("title",)),
    "untitled": (QT_TRANSLATE_NOOP("ErrorText", "(untitled)"), ()),
    # exchange/central_merge.py: two central copies' implementation records
    "conflict_central_copies": (QT_TRANSLATE_NOOP("ErrorText", "two central copies changed this record's "
                                                               "implementation without seeing each other's change "
                                                               "(met in %1's file %2)"), ("office", "file")),
}
