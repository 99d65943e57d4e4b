"""Trust in what the central office merges: a file speaks only for its own laptop (issue 16).

Each attack is built as an attacker would: a genuine export made with the app, then forged
with the tools at hand (cells edited in a spreadsheet, the manifest signed again with a
fresh key or a laptop's real one, a data folder copied to a second laptop)."""

from __future__ import annotations

import shutil
from pathlib import Path

from consultation_app.domain import signing
from consultation_app.domain.records import CONSULTATION, FEEDBACK
from consultation_app.domain.reference import default_reference
from consultation_app.exchange.export import export_package
from consultation_app.exchange.merge import ALREADY_MERGED, MERGED, NEEDS_REVIEW, merge_paths
from consultation_app.exchange.workbook_format import FEEDBACK_SHEET
from consultation_app.exchange.workbook_reader import read_export
from consultation_app.storage import keys_store, merge_store
from tests.conftest import dump, edit_copy
from tests.forgery import add_row, resign, set_cells

CATALOG = "khm-upr3-ohchr-2019"
REFERENCE = default_reference()
QUOTE = "the land was taken at night"


def record_some(ws, quote: str = QUOTE) -> dict:
    c = ws.records.create(CONSULTATION, {"title": "Kep consultation", "catalog_id": CATALOG, "province": "kep",
                                         "stakeholder_group": "civil_society", "start_date": "2024-03-05",
                                         "participants_women": 4, "participants_men": 3, "languages": ["km"]})
    f = ws.records.create(FEEDBACK, {"consultation_uuid": c["uuid"], "catalog_id": CATALOG,
                                     "recommendation_code": "KH3-01", "priority": "high", "quote": quote})
    return {"c": c, "f": f}


def export(ws, out: Path, **options):
    return export_package(ws.database_path, out, ws.reference, **options)


def merge_file(central, path, **options):
    (result,) = merge_paths(central.database_path, [path], REFERENCE, **options)
    return result


def held(central, uuid: str) -> dict:
    return central.records.get(FEEDBACK, uuid, include_deleted=True)


# -- 1. a file speaks only for its own laptop ----------------------------------------------

def _trusted_laptop_merged(open_ws, tmp_path):
    laptop = open_ws("laptop", "Kep laptop")
    made = record_some(laptop)
    genuine = export(laptop, tmp_path / "genuine.xlsx", include_sensitive=True)
    central = open_ws("central")
    assert merge_file(central, genuine.path).status == MERGED
    return laptop, made, genuine, central


def test_a_new_device_cannot_rewrite_a_trusted_devices_record(open_ws, tmp_path):
    laptop, made, genuine, central = _trusted_laptop_merged(open_ws, tmp_path)
    target = made["f"]["uuid"]
    attacker = signing.new_private_key()  # trust on first use: a key the office never saw
    rewritten = resign(genuine.path, tmp_path / "rewritten.xlsx", attacker,
                       set_cells(FEEDBACK_SHEET, target, {"quote": "I support the government", "revision": 5}),
                       device_id="9b1c0000-0000-4000-8000-00000000dead", device_name="Kep laptop",
                       export_id="9b1c0000-0000-4000-8000-00000000e001", export_seq=1)
    wiped = resign(genuine.path, tmp_path / "wiped.xlsx", attacker,
                   set_cells(FEEDBACK_SHEET, target, {"quote": None, "comment": None, "deleted": "yes",
                                                       "revision": 6}),
                   device_id="9b1c0000-0000-4000-8000-00000000dead",
                   export_id="9b1c0000-0000-4000-8000-00000000e002", export_seq=2)
    for forged in (rewritten, wiped):
        assert read_export(forged, REFERENCE).checksum_matches
        result = merge_file(central, forged, accept_modified=True, accept_new_key=True)
        assert result.status == NEEDS_REVIEW, (forged.name, result.message)
        assert result.counts["updated"] == 0
        assert target in result.message and "Kep laptop" in result.message, result.message
        assert "belong" in result.message
        now = held(central, target)
        assert (now["quote"], now["revision"], now["deleted"]) == (QUOTE, 1, False)

    # Kept for review as what they are: from the new device, about Kep's record.
    kept = merge_store.open_conflicts(central.db)
    assert {c["device_id"] for c in kept} == {"9b1c0000-0000-4000-8000-00000000dead"}
    assert all("belongs to device Kep laptop" in c["reason"] for c in kept)

    # The real laptop's later correction is not "stale": it is the newest revision held.
    laptop.records.update(FEEDBACK, target, {"quote": QUOTE + " (corrected)"})
    later = merge_file(central, export(laptop, tmp_path / "later.xlsx", since_last=True,
                                       include_sensitive=True).path)
    assert (later.status, later.counts["updated"], later.counts["stale"]) == (MERGED, 1, 0), later.message
    assert held(central, target)["quote"] == QUOTE + " (corrected)"


def test_a_new_device_cannot_slip_another_devices_record_in_as_new(open_ws, tmp_path):
    laptop, made, genuine, central = _trusted_laptop_merged(open_ws, tmp_path)
    attacker = signing.new_private_key()
    planted = "6f1c3d0e-0000-4000-8000-00000000beef"
    forged = resign(genuine.path, tmp_path / "planted.xlsx", attacker,
                    add_row(FEEDBACK_SHEET, {"uuid": planted, "quote": "words never said", "revision": 1}),
                    device_id="9b1c0000-0000-4000-8000-00000000dead", rows_feedback=2,
                    export_id="9b1c0000-0000-4000-8000-00000000e003", export_seq=1)
    result = merge_file(central, forged)
    assert result.status == NEEDS_REVIEW and planted in result.message, result.message
    assert central.records.get(FEEDBACK, planted, include_deleted=True) is None


def test_accepting_an_edited_file_never_lets_it_speak_for_another_device(open_ws, tmp_path):
    laptop, made, genuine, central = _trusted_laptop_merged(open_ws, tmp_path)
    other = open_ws("other", "Takeo laptop")
    theirs = record_some(other, quote="what Takeo heard")
    assert merge_file(central, export(other, tmp_path / "other.xlsx", include_sensitive=True).path).status == MERGED

    # Kep's own export, edited on the way: one row made to be Takeo's record at a higher revision.
    laptop.records.update(FEEDBACK, made["f"]["uuid"], {"comment": "a real change"})
    second = export(laptop, tmp_path / "second.xlsx", since_last=True, include_sensitive=True)
    edited = edit_copy(second.path, tmp_path / "edited.xlsx",
                       set_cells(FEEDBACK_SHEET, made["f"]["uuid"],
                                 {"uuid": theirs["f"]["uuid"], "device_id": other.device_id, "revision": 9,
                                  "quote": "rewritten", "consultation_uuid": theirs["c"]["uuid"]}))
    result = merge_file(central, edited, accept_modified=True)
    assert result.status == NEEDS_REVIEW and theirs["f"]["uuid"] in result.message, result.message
    assert "Takeo laptop" in result.message and result.counts["updated"] == 0
    assert held(central, theirs["f"]["uuid"])["quote"] == "what Takeo heard"
    # The edited row waits for a person, saying whose record it is and who sent it.
    (kept,) = merge_store.open_conflicts(central.db)
    assert (kept["record_uuid"], kept["incoming"]["quote"]) == (theirs["f"]["uuid"], "rewritten")
    assert "Takeo laptop" in kept["reason"] and laptop.device_id in kept["reason"]


# -- 2. an export id belongs to one device and one content ----------------------------------

def test_a_forged_file_claiming_a_genuine_export_id_first_does_not_swallow_the_genuine(open_ws, tmp_path):
    laptop = open_ws("laptop", "Kep laptop")
    made = record_some(laptop)
    genuine = export(laptop, tmp_path / "genuine.xlsx", include_sensitive=True)
    decoy_device = open_ws("decoy", "Decoy")
    record_some(decoy_device, quote="decoy")
    decoy = export(decoy_device, tmp_path / "decoy.xlsx", include_sensitive=True)
    forged = resign(decoy.path, tmp_path / "forged.xlsx", signing.new_private_key(),
                    export_id=genuine.export_id)

    central = open_ws("central")
    assert merge_file(central, forged).status == MERGED  # a new device's own records: nothing to hold yet
    result = merge_file(central, genuine.path)
    assert result.status == NEEDS_REVIEW, result.message
    assert "forged.xlsx" in result.message and genuine.export_id in result.message
    assert held(central, made["f"]["uuid"])["quote"] == QUOTE  # the genuine entries arrived
    assert merge_file(central, genuine.path).status == ALREADY_MERGED  # and are idempotent after
    assert merge_file(central, forged).status == ALREADY_MERGED


def test_the_same_export_id_with_other_values_is_never_already_merged(open_ws, tmp_path):
    laptop = open_ws("laptop", "Kep laptop")
    made = record_some(laptop)
    genuine = export(laptop, tmp_path / "genuine.xlsx", include_sensitive=True)
    private, _ = keys_store.ensure_signing_key(laptop.db)
    # The device's own key signing other values under the same id (a clone, or a stolen key).
    twin = resign(genuine.path, tmp_path / "twin.xlsx", private,
                  set_cells(FEEDBACK_SHEET, made["f"]["uuid"], {"quote": "other words"}))
    central = open_ws("central")
    assert merge_file(central, genuine.path).status == MERGED
    before = dump(central.database_path)
    result = merge_file(central, twin)
    assert result.status == NEEDS_REVIEW and "genuine.xlsx" in result.message, result.message
    assert dump(central.database_path) == before


def test_after_an_accepted_edited_copy_the_original_is_reported_as_the_original(open_ws, tmp_path):
    laptop = open_ws("laptop", "Kep laptop")
    made = record_some(laptop)
    genuine = export(laptop, tmp_path / "genuine.xlsx", include_sensitive=True)
    edited = edit_copy(genuine.path, tmp_path / "edited.xlsx",
                       set_cells(FEEDBACK_SHEET, made["f"]["uuid"], {"quote": "edited at the district"}))
    central = open_ws("central")
    assert merge_file(central, edited, accept_modified=True).status == MERGED
    result = merge_file(central, genuine.path)
    assert result.status == NEEDS_REVIEW, result.message
    assert "original" in result.message and "edited.xlsx" in result.message
    assert not any("edited since" in warning for warning in result.warnings)
    assert merge_file(central, edited).status == ALREADY_MERGED


# -- 3. cloned laptops -----------------------------------------------------------------------

def _clones(open_ws, tmp_path):
    """Laptop A, its first export merged, and B: A's data folder copied to a second laptop."""
    a = open_ws("laptop-a", "Kep laptop")
    made = record_some(a)
    second = a.records.create(FEEDBACK, {"consultation_uuid": made["c"]["uuid"], "catalog_id": CATALOG,
                                         "recommendation_code": "KH3-02", "quote": "withdraw me later"})
    first = export(a, tmp_path / "first.xlsx", include_sensitive=True)
    central = open_ws("central")
    assert merge_file(central, first.path).status == MERGED
    a.close()
    shutil.copytree(tmp_path / "laptop-a", tmp_path / "laptop-b")
    a, b = open_ws("laptop-a"), open_ws("laptop-b")
    assert (a.device_id, keys_store.signing_public_key(a.db)) == (b.device_id, keys_store.signing_public_key(b.db))
    return a, b, made["f"]["uuid"], second["uuid"], central


def test_clones_exporting_the_same_sequence_are_named_and_no_edit_is_lost(open_ws, tmp_path):
    a, b, target, _, central = _clones(open_ws, tmp_path)
    a.records.update(FEEDBACK, target, {"quote": "A, first"})
    a.records.update(FEEDBACK, target, {"quote": "A, second"})  # revision 3
    b.records.update(FEEDBACK, target, {"quote": "as B heard it"})  # revision 2
    from_a = export(a, tmp_path / "from-a.xlsx", since_last=True, include_sensitive=True)
    from_b = export(b, tmp_path / "from-b.xlsx", since_last=True, include_sensitive=True)
    assert from_a.export_seq == from_b.export_seq == 2

    assert merge_file(central, from_a.path).status == MERGED
    result = merge_file(central, from_b.path)
    assert result.status == NEEDS_REVIEW, result.message
    assert "two laptops share one identity" in result.message
    assert "from-a.xlsx" in result.message and "from-b.xlsx" in result.message
    assert result.counts["stale"] == 0
    assert held(central, target)["quote"] == "A, second"
    kept = [c for c in merge_store.open_conflicts(central.db) if c["record_uuid"] == target]
    assert [c["incoming"]["quote"] for c in kept] == ["as B heard it"]


def test_a_withdrawal_on_one_clone_is_not_defeated_by_an_edit_on_the_other(open_ws, tmp_path):
    a, b, _, withdrawn, central = _clones(open_ws, tmp_path)
    a.records.withdraw(FEEDBACK, withdrawn)  # revision 2, words wiped
    b.records.update(FEEDBACK, withdrawn, {"quote": "withdraw me later, B's words"})
    b.records.update(FEEDBACK, withdrawn, {"priority": "low"})  # revision 3
    from_a = export(a, tmp_path / "from-a.xlsx", since_last=True, include_sensitive=True)
    from_b = export(b, tmp_path / "from-b.xlsx", since_last=True, include_sensitive=True)
    shutil.copytree(tmp_path / "central", tmp_path / "central-2")
    other_central = open_ws("central-2")

    # A's withdrawal first, then B's edit: the withdrawal stands, B's words are not kept.
    assert merge_file(central, from_a.path).status == MERGED
    result = merge_file(central, from_b.path)
    assert result.status == NEEDS_REVIEW and "two laptops share one identity" in result.message, result.message
    assert "withdrawn" in result.message
    now = held(central, withdrawn)
    assert now["deleted"] and now["quote"] == ""
    assert not any("B's words" in str(c["incoming"]) for c in merge_store.open_conflicts(central.db))

    # B's edit first, then A's withdrawal: the withdrawal still wins and wipes the words.
    assert merge_file(other_central, from_b.path).status == MERGED
    result = merge_file(other_central, from_a.path)
    assert result.status == NEEDS_REVIEW and "two laptops share one identity" in result.message, result.message
    now = held(other_central, withdrawn)
    assert now["deleted"] and now["quote"] == ""
    assert not any("B's words" in str(c["incoming"]) for c in merge_store.open_conflicts(other_central.db))


# -- 5. a tombstone carries no content ---------------------------------------------------------

def test_a_deleted_entry_travels_without_its_words(open_ws, tmp_path):
    laptop = open_ws("laptop")
    made = record_some(laptop)
    laptop.records.delete(FEEDBACK, made["f"]["uuid"])
    result = export(laptop, tmp_path / "export.xlsx", include_sensitive=True)
    package = read_export(result.path, REFERENCE)
    assert package.checksum_matches
    (row,) = list(package.sheets[FEEDBACK_SHEET])
    assert row["deleted"] and row["quote"] == "" and row["priority"] is None
    assert row["recommendation_code"] == "KH3-01" and row["consultation_uuid"] == made["c"]["uuid"]
    import zipfile
    with zipfile.ZipFile(result.path) as archive:
        assert not any(QUOTE.encode() in archive.read(name) for name in archive.namelist())


def test_a_tombstone_with_words_from_an_older_app_stores_none_and_wipes_the_held_copy(open_ws, tmp_path):
    laptop = open_ws("laptop")
    made = record_some(laptop)
    first = export(laptop, tmp_path / "first.xlsx", include_sensitive=True)
    central = open_ws("central")
    assert merge_file(central, first.path).status == MERGED
    assert held(central, made["f"]["uuid"])["quote"] == QUOTE
    # What an app of workbook format 1 wrote: the deleted entry with its full text.
    private, _ = keys_store.ensure_signing_key(laptop.db)
    old = resign(first.path, tmp_path / "old-app.xlsx", private,
                 set_cells(FEEDBACK_SHEET, made["f"]["uuid"], {"deleted": "yes", "revision": 2}),
                 format_version=1, export_id="0b7d0000-0000-4000-8000-000000000002", export_seq=2)
    result = merge_file(central, old)
    assert result.status == MERGED and result.counts["updated"] == 1, result.message
    now = held(central, made["f"]["uuid"])
    assert now["deleted"] and now["quote"] == "" and now["priority"] is None


def test_a_record_kept_aside_before_any_version_was_held_can_still_be_taken(open_ws, tmp_path):
    """A person who decides a foreign record is genuine (after asking its owner) can take it."""
    laptop, made, genuine, central = _trusted_laptop_merged(open_ws, tmp_path)
    planted = "6f1c3d0e-0000-4000-8000-00000000cafe"
    forged = resign(genuine.path, tmp_path / "planted.xlsx", signing.new_private_key(),
                    add_row(FEEDBACK_SHEET, {"uuid": planted, "quote": "kept aside", "revision": 1}),
                    device_id="9b1c0000-0000-4000-8000-00000000dead", rows_feedback=2,
                    export_id="9b1c0000-0000-4000-8000-00000000e004", export_seq=1)
    assert merge_file(central, forged).status == NEEDS_REVIEW
    (kept,) = merge_store.open_conflicts(central.db)
    assert kept["current_hash"] == "" and "belongs to device Kep laptop" in kept["reason"]
    assert merge_store.resolve_conflict(central.db, FEEDBACK, kept["id"], take_incoming=True,
                                        resolved_at="2026-01-01T00:00:00.000Z")
    assert held(central, planted)["quote"] == "kept aside"


def test_an_office_this_office_trusts_may_speak_for_any_device_and_no_other_may(open_ws, tmp_path):
    laptop, made, genuine, central = _trusted_laptop_merged(open_ws, tmp_path)
    central.records.create(CONSULTATION, {"title": "Phnom Penh review", "catalog_id": CATALOG})
    own = export(central, tmp_path / "office-1.xlsx", include_sensitive=True)
    # The central office corrects a laptop's entry: the record is still the laptop's.
    central.records.update(FEEDBACK, made["f"]["uuid"], {"quote": QUOTE + " (checked with the speaker)"})
    corrected = export(central, tmp_path / "office-2.xlsx", since_last=True, include_sensitive=True)

    untrusting, trusting = open_ws("regional-1"), open_ws("regional-2")
    for office in (untrusting, trusting):
        assert merge_file(office, genuine.path).status == MERGED
        assert merge_file(office, own.path).status == MERGED
    assert keys_store.set_trusted_office(trusting.db, central.device_id, True)

    held_aside = merge_file(untrusting, corrected.path)
    assert held_aside.status == NEEDS_REVIEW and made["f"]["uuid"] in held_aside.message
    assert held(untrusting, made["f"]["uuid"])["quote"] == QUOTE
    taken = merge_file(trusting, corrected.path)
    assert (taken.status, taken.counts["updated"]) == (MERGED, 1), taken.message
    assert held(trusting, made["f"]["uuid"])["quote"] == QUOTE + " (checked with the speaker)"


def test_clones_are_seen_from_a_version_the_history_holds_otherwise_without_a_shared_number(open_ws, tmp_path):
    """B's first export to arrive carries a number A never used, but an old revision of a record
    unlike the one the office holds from A at that revision: two histories of one device."""
    a, b, target, _, central = _clones(open_ws, tmp_path)
    a.records.update(FEEDBACK, target, {"quote": "A, revision 2"})
    assert merge_file(central, export(a, tmp_path / "a-2.xlsx", since_last=True, include_sensitive=True).path).status \
        == MERGED
    a.records.update(FEEDBACK, target, {"quote": "A, revision 3"})
    assert merge_file(central, export(a, tmp_path / "a-3.xlsx", since_last=True, include_sensitive=True).path).status \
        == MERGED
    b.records.update(FEEDBACK, target, {"quote": "B, revision 2"})
    for number in (2, 3):  # exports that never reach the office
        export(b, tmp_path / f"b-{number}.xlsx", include_sensitive=True)
    from_b = export(b, tmp_path / "b-4.xlsx", include_sensitive=True)
    assert from_b.export_seq == 4

    result = merge_file(central, from_b.path)
    assert result.status == NEEDS_REVIEW and "two laptops share one identity" in result.message, result.message
    assert result.counts["stale"] == 0
    assert held(central, target)["quote"] == "A, revision 3"
    assert [c["incoming"]["quote"] for c in merge_store.open_conflicts(central.db)] == ["B, revision 2"]


def test_the_review_window_says_why_a_record_waits_and_who_sent_it(qtbot, open_ws, tmp_path):
    from consultation_app.ui.conflicts_dialog import ConflictsDialog

    laptop, made, genuine, central = _trusted_laptop_merged(open_ws, tmp_path)
    forged = resign(genuine.path, tmp_path / "rewritten.xlsx", signing.new_private_key(),
                    set_cells(FEEDBACK_SHEET, made["f"]["uuid"], {"quote": "words never said", "revision": 5}),
                    device_id="9b1c0000-0000-4000-8000-00000000dead", device_name="Stranger",
                    export_id="9b1c0000-0000-4000-8000-00000000e009", export_seq=1)
    assert merge_file(central, forged).status == NEEDS_REVIEW
    dialog = ConflictsDialog(central)
    qtbot.addWidget(dialog)
    text = dialog.heading.text()
    assert "came from Stranger" in text and "Why it waits for you:" in text
    assert "belongs to device Kep laptop" in text
