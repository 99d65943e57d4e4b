"""Signed exports: every installation signs its exports with its own Ed25519 key (made once,
kept in its database, never exported); the central office checks the signature before
anything of a file is written, and trusts a device's key on first use. A LibreOffice re-save
still verifies; an edited value needs review; a forged, missing or changed signature or key
does not pass silently; capture templates, signed by nobody, merge with a warning."""

from __future__ import annotations

import base64
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest

from consultation_app.domain import signing
from consultation_app.domain.records import CONSULTATION, FEEDBACK
from consultation_app.exchange.cover import MANIFEST_KEYS
from consultation_app.exchange.export import export_package
from consultation_app.exchange.merge import (
    ALREADY_MERGED,
    MERGED,
    NEEDS_REVIEW,
    REJECTED,
    TEMPLATE_NOT_SIGNED,
    merge_paths,
)
from consultation_app.exchange.template import write_template
from consultation_app.exchange.workbook_format import FEEDBACK_SHEET, MANIFEST
from consultation_app.exchange.workbook_reader import read_export
from consultation_app.services.reference_lists import default_reference
from consultation_app.storage import catalog_store, keys_store, merge_store, settings_store
from tests.conftest import dump, edit_copy, query
from tests.office import libreoffice_resave

CATALOG = "khm-upr3-ohchr-2019"
REFERENCE = default_reference()
KEY_SETTINGS = (keys_store.SIGNING_PRIVATE_KEY, keys_store.SIGNING_PUBLIC_KEY)


# -- helpers -------------------------------------------------------------------------------

def record_some(ws) -> dict:
    c = ws.records.create(CONSULTATION, {"title": "Kep consultation", "catalog_id": CATALOG, "province": "kep",
                                         "stakeholder_group": "civil_society", "start_date": "2024-03-05",
                                         "participants_women": 4, "participants_men": 3, "languages": ["km"]})
    f = ws.records.create(FEEDBACK, {"consultation_uuid": c["uuid"], "catalog_id": CATALOG,
                                     "recommendation_code": "KH3-01", "priority": "high", "comment": "schools"})
    return {"c": c, "f": f}


def export(ws, out: Path, **options):
    return export_package(ws.database_path, out, ws.reference, **options)


def merge(central, *paths, **options):
    return merge_paths(central.database_path, list(paths), REFERENCE, **options)


def merge_file(central, path, **options):
    (result,) = merge(central, path, **options)
    return result


def manifest_cell(book, key: str):
    for row in book[MANIFEST].iter_rows():
        if row[0].value == key:
            return row[1]
    raise KeyError(key)


def set_manifest(key: str, value):
    return lambda book: setattr(manifest_cell(book, key), "value", value)


def remove_manifest_row(key: str):
    def change(book):
        book[MANIFEST].delete_rows(manifest_cell(book, key).row)
    return change


def edit_comment(text: str):
    def change(book):
        ws = book[FEEDBACK_SHEET]
        keys = [cell.value for cell in ws[2]]
        ws.cell(3, keys.index("comment") + 1).value = text
    return change


def stored_keys(ws) -> dict[str, str | None]:
    return {key: settings_store.get(ws.db, key) for key in KEY_SETTINGS}


# -- the signature itself ------------------------------------------------------------------

MANIFEST_SAMPLE = {"format": "upr-consultation-export", "format_version": 1,
                   "export_id": "0b7d6c1e-3f55-4a51-9a55-0d0e3c1d9a10", "export_seq": 3,
                   "device_id": "4a0e4c1b-7a3e-4f6e-8d2c-5b1f7e9d2c33", "device_name": "Kep laptop",
                   "scope": "full", "since_seq": 0, "until_seq": 41, "content_sha256": "ab" * 32,
                   "include_sensitive": False, "created_at": "2024-03-05T08:12:44.120Z"}


def test_the_signed_message_is_canonical_and_covers_only_the_identifying_fields():
    private = signing.new_private_key()
    public = signing.public_key_b64(private)
    signature = signing.sign(private, MANIFEST_SAMPLE)
    assert len(base64.b64decode(signature)) == 64
    assert signing.verify(public, MANIFEST_SAMPLE, signature)

    message = signing.signed_message(MANIFEST_SAMPLE).decode("utf-8")
    assert message.startswith("upr-consultation-export signature 1\n{")
    assert '"export_seq":3' in message and '"include_sensitive":false' in message
    assert "Kep laptop" not in message and "created_at" not in message

    # What a spreadsheet may hand back for the same values: numbers as floats or text,
    # booleans as 0/1 or words, text with stray spaces.
    resaved = {**MANIFEST_SAMPLE, "format_version": 1.0, "export_seq": "3", "since_seq": 0.0, "until_seq": "41",
               "include_sensitive": "FALSE", "scope": " full ", "device_name": "renamed", "created_at": None}
    assert signing.signed_message(resaved) == signing.signed_message(MANIFEST_SAMPLE)
    assert signing.verify(public, resaved, signature)
    assert signing.verify(public, {**MANIFEST_SAMPLE, "include_sensitive": 0}, signature)

    for key, value in (("export_seq", 4), ("device_id", "another"), ("include_sensitive", True),
                       ("scope", "since_last"), ("content_sha256", "cd" * 32), ("until_seq", 40),
                       ("export_id", "x"), ("format_version", 2)):
        assert not signing.verify(public, {**MANIFEST_SAMPLE, key: value}, signature), key
    missing = dict(MANIFEST_SAMPLE)
    del missing["since_seq"]
    assert not signing.verify(public, missing, signature)
    with pytest.raises(signing.SigningError, match="since_seq"):
        signing.signed_message(missing)

    other = signing.public_key_b64(signing.new_private_key())
    assert not signing.verify(other, MANIFEST_SAMPLE, signature)
    for bad_key in ("", "not base64!", base64.b64encode(b"short").decode(), None, 42):
        assert not signing.verify(bad_key, MANIFEST_SAMPLE, signature)
    for bad_signature in ("", "%%%", signature[:-4], None, 3.5):
        assert not signing.verify(public, MANIFEST_SAMPLE, bad_signature)
    assert signing.same_key(public, public[:20] + "\n" + public[20:]) and not signing.same_key(public, other)
    assert signing.fingerprint(public) != signing.fingerprint(other) and len(signing.fingerprint(public)) == 19


def test_an_installation_makes_its_key_once_and_keeps_it(open_ws, tmp_path):
    ws = open_ws("laptop")
    assert stored_keys(ws) == dict.fromkeys(KEY_SETTINGS)  # nothing until first use
    private, public = keys_store.ensure_signing_key(ws.db)
    assert len(private) == 32 and public == signing.public_key_b64(private)
    assert stored_keys(ws) == {keys_store.SIGNING_PRIVATE_KEY: base64.b64encode(private).decode("ascii"),
                               keys_store.SIGNING_PUBLIC_KEY: public}
    assert keys_store.ensure_signing_key(ws.db) == (private, public)
    assert keys_store.signing_public_key(ws.db) == public

    record_some(ws)
    first = export(ws, tmp_path / "first.xlsx")
    second = export(ws, tmp_path / "second.xlsx", since_last=True)
    assert first.manifest["public_key"] == second.manifest["public_key"] == public
    assert keys_store.ensure_signing_key(ws.db) == (private, public)

    # The private key never leaves the database: no part of an export holds it.
    secret = stored_keys(ws)[keys_store.SIGNING_PRIVATE_KEY]
    for path in (first.path, second.path):
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                data = archive.read(name)
                assert secret.encode() not in data and private not in data, name

    # A damaged private key is replaced by a new pair (the central office will see the change).
    settings_store.put(ws.db, keys_store.SIGNING_PRIVATE_KEY, "damaged")
    renewed, renewed_public = keys_store.ensure_signing_key(ws.db)
    assert renewed != private and renewed_public != public
    assert stored_keys(ws)[keys_store.SIGNING_PUBLIC_KEY] == renewed_public


def test_an_export_manifest_carries_the_public_key_and_a_signature_that_verifies(open_ws, tmp_path):
    ws = open_ws("laptop", "Kep laptop")
    record_some(ws)
    result = export(ws, tmp_path / "export.xlsx")
    _, public = keys_store.ensure_signing_key(ws.db)

    assert MANIFEST_KEYS[-2:] == ("public_key", "signature")
    book = openpyxl.load_workbook(result.path, read_only=True)
    keys = [row[0] for row in book[MANIFEST].iter_rows(min_row=2, values_only=True)]
    book.close()
    assert keys == list(MANIFEST_KEYS)

    manifest = read_export(result.path, REFERENCE).manifest
    assert manifest["public_key"] == public == result.manifest["public_key"]
    assert manifest["signature"] == result.manifest["signature"]
    assert signing.verify(manifest["public_key"], manifest, manifest["signature"])
    assert not signing.verify(manifest["public_key"], {**manifest, "export_seq": manifest["export_seq"] + 1},
                              manifest["signature"])


def test_a_libreoffice_resave_still_verifies_and_merges(open_ws, tmp_path):
    ws = open_ws("laptop", "Kep laptop")
    record_some(ws)
    result = export(ws, tmp_path / "export.xlsx", include_sensitive=True)
    resaved = libreoffice_resave(result.path, tmp_path / "libreoffice", tmp_path / "lo")

    package = read_export(resaved, REFERENCE)
    assert package.checksum_matches
    assert signing.verify(package.manifest["public_key"], package.manifest, package.manifest["signature"])

    central = open_ws("central")
    merged = merge_file(central, resaved)
    assert (merged.status, merged.warnings) == (MERGED, []), (merged.message, merged.warnings)
    assert keys_store.device_public_key(central.db, ws.device_id) == result.manifest["public_key"]
    assert merge_file(central, result.path).status == ALREADY_MERGED


def test_an_edited_value_needs_review_and_merges_as_modified_only_when_accepted(open_ws, tmp_path):
    ws, central = open_ws("laptop"), open_ws("central")
    made = record_some(ws)
    result = export(ws, tmp_path / "export.xlsx")
    edited = edit_copy(result.path, tmp_path / "edited.xlsx", edit_comment("changed at the district office"))
    package = read_export(edited, REFERENCE)
    assert not package.checksum_matches
    # The signature covers the manifest as written (with the checksum the device computed):
    # the manifest is genuine, the values are not what the device signed.
    assert signing.verify(package.manifest["public_key"], package.manifest, package.manifest["signature"])

    before = dump(central.database_path)
    review = merge_file(central, edited)
    assert review.status == NEEDS_REVIEW
    assert "checksum does not match" in review.message and "nothing was merged" in review.message
    assert dump(central.database_path) == before
    assert keys_store.device_public_key(central.db, ws.device_id) is None

    accepted = merge_file(central, edited, accept_modified=True)
    assert accepted.status == MERGED, accepted.message
    warning = accepted.warnings[0]
    assert "recorded as modified" in warning and "signature" in warning and "not for these edited values" in warning
    assert merge_store.merged_export(central.db, result.export_id)["modified"] == 1
    assert central.records.get(FEEDBACK, made["f"]["uuid"])["comment"] == "changed at the district office"
    assert keys_store.device_public_key(central.db, ws.device_id) == result.manifest["public_key"]


def test_a_forged_signature_is_rejected_even_when_accepting_modified_files(open_ws, tmp_path):
    ws, central = open_ws("laptop"), open_ws("central")
    record_some(ws)
    result = export(ws, tmp_path / "export.xlsx")
    raw = bytearray(base64.b64decode(result.manifest["signature"]))
    raw[10] ^= 0x01
    forged = edit_copy(result.path, tmp_path / "forged.xlsx",
                       set_manifest("signature", base64.b64encode(bytes(raw)).decode("ascii")))
    assert read_export(forged, REFERENCE).checksum_matches

    # A changed signed field, and values edited with the checksum recomputed to match them.
    renumbered = edit_copy(result.path, tmp_path / "renumbered.xlsx", set_manifest("export_seq", 7))
    rehashed_source = edit_copy(result.path, tmp_path / "rehashed.xlsx", edit_comment("rewritten"))
    checksum = read_export(rehashed_source, REFERENCE).computed_sha256
    rehashed = edit_copy(rehashed_source, tmp_path / "rehashed.xlsx", set_manifest("content_sha256", checksum))
    assert read_export(rehashed, REFERENCE).checksum_matches

    before = dump(central.database_path)
    for path in (forged, renumbered, rehashed):
        for accept in (False, True):
            rejected = merge_file(central, path, accept_modified=accept, accept_new_key=accept)
            assert rejected.status == REJECTED, (path.name, rejected.message)
            assert "signature does not match (edited or forged)" in rejected.message
            assert path.name in rejected.message and "nothing was merged" in rejected.message
            assert "\n" not in rejected.message
    assert dump(central.database_path) == before
    log = query(central.database_path, "SELECT status, message FROM merge_log ORDER BY id")
    assert len(log) == 6 and {status for status, _ in log} == {REJECTED}
    assert merge_file(central, result.path).status == MERGED  # the genuine file is still welcome


@pytest.mark.parametrize("removed", ["signature", "public_key"])
def test_an_unsigned_export_is_rejected(open_ws, tmp_path, removed):
    ws, central = open_ws("laptop"), open_ws("central")
    record_some(ws)
    result = export(ws, tmp_path / "export.xlsx")
    unsigned = edit_copy(result.path, tmp_path / "unsigned.xlsx", remove_manifest_row(removed))
    assert removed not in read_export(unsigned, REFERENCE).manifest
    blanked = edit_copy(result.path, tmp_path / "blanked.xlsx", set_manifest(removed, None))

    before = dump(central.database_path)
    for path in (unsigned, blanked):
        rejected = merge_file(central, path, accept_modified=True, accept_new_key=True)
        assert rejected.status == REJECTED and "not signed" in rejected.message, rejected.message
        assert rejected.export_id == result.export_id
    assert dump(central.database_path) == before


def test_trust_on_first_use_and_a_changed_key(open_ws, tmp_path):
    laptop = open_ws("laptop", "Kep laptop")
    made = record_some(laptop)
    first = export(laptop, tmp_path / "first.xlsx")
    original_key = first.manifest["public_key"]

    central = open_ws("central")
    assert keys_store.device_public_key(central.db, laptop.device_id) is None
    merged = merge_file(central, first.path)
    assert (merged.status, merged.warnings) == (MERGED, [])
    assert keys_store.device_public_key(central.db, laptop.device_id) == original_key
    assert query(central.database_path, "SELECT public_key FROM devices WHERE device_id = ?",
                 [laptop.device_id]) == [(original_key,)]

    # The data folder copied to another laptop (a clone, or a reinstall from a backup) whose
    # key pair is gone: it makes a new one, under the same device id.
    laptop.close()
    shutil.copytree(tmp_path / "laptop", tmp_path / "clone")
    clone = open_ws("clone")
    assert clone.device_id == laptop.device_id
    with clone.db.atomic():
        clone.db.execute("DELETE FROM settings WHERE key IN (?, ?)", list(KEY_SETTINGS))
    clone.records.update(FEEDBACK, made["f"]["uuid"], {"comment": "as the clone heard it"})
    from_clone = export(clone, tmp_path / "from-clone.xlsx", since_last=True)
    new_key = from_clone.manifest["public_key"]
    assert new_key != original_key

    before = dump(central.database_path)
    review = merge_file(central, from_clone.path)
    assert review.status == NEEDS_REVIEW
    assert "the device's signing key changed (cloned or reinstalled laptop, or a forgery)" in review.message
    assert "nothing was merged" in review.message and "--accept-new-key" in review.message
    assert signing.fingerprint(original_key) in review.message and signing.fingerprint(new_key) in review.message
    assert "Kep laptop" in review.message
    assert dump(central.database_path) == before
    assert query(central.database_path, "SELECT status FROM merge_log ORDER BY id DESC LIMIT 1") == [(NEEDS_REVIEW,)]
    assert merge_file(central, from_clone.path, accept_modified=True).status == NEEDS_REVIEW  # not that flag

    accepted = merge_file(central, from_clone.path, accept_new_key=True)
    assert accepted.status == MERGED, accepted.message
    assert accepted.counts["updated"] == 1
    assert "signing key changed (--accept-new-key)" in accepted.warnings[0]
    assert signing.fingerprint(new_key) in accepted.warnings[0]
    assert keys_store.device_public_key(central.db, laptop.device_id) == new_key
    assert central.records.get(FEEDBACK, made["f"]["uuid"])["comment"] == "as the clone heard it"

    # The original laptop's key is no longer the one on record: its next export is held in turn.
    laptop = open_ws("laptop")
    laptop.records.update(FEEDBACK, made["f"]["uuid"], {"priority": "low"})
    later = export(laptop, tmp_path / "later.xlsx", since_last=True)
    assert later.manifest["public_key"] == original_key
    assert merge_file(central, later.path).status == NEEDS_REVIEW
    # Files merged already stay "already merged", whatever key signed them.
    assert merge_file(central, first.path).status == ALREADY_MERGED


def test_both_a_changed_key_and_edited_values_are_named_at_once(open_ws, tmp_path):
    laptop, central = open_ws("laptop"), open_ws("central")
    made = record_some(laptop)
    assert merge_file(central, export(laptop, tmp_path / "first.xlsx").path).status == MERGED
    with laptop.db.atomic():
        laptop.db.execute("DELETE FROM settings WHERE key IN (?, ?)", list(KEY_SETTINGS))
    added = laptop.records.create(FEEDBACK, {"consultation_uuid": made["c"]["uuid"], "catalog_id": CATALOG,
                                             "recommendation_code": "KH3-02", "comment": "added later"})
    second = export(laptop, tmp_path / "second.xlsx", since_last=True)
    assert second.counts[FEEDBACK_SHEET] == 1
    edited = edit_copy(second.path, tmp_path / "edited.xlsx", edit_comment("edited"))

    review = merge_file(central, edited)
    assert review.status == NEEDS_REVIEW
    assert "signing key changed" in review.message and "checksum does not match" in review.message
    assert merge_file(central, edited, accept_new_key=True).status == NEEDS_REVIEW
    assert merge_file(central, edited, accept_modified=True).status == NEEDS_REVIEW
    both = merge_file(central, edited, accept_new_key=True, accept_modified=True)
    assert both.status == MERGED, both.message
    assert "recorded as modified" in both.warnings[0] and "signing key changed" in both.warnings[1]
    assert central.records.get(FEEDBACK, added["uuid"])["comment"] == "edited"


def test_a_capture_template_merges_with_a_warning_that_no_device_signed_it(open_ws, tmp_path):
    central = open_ws("central")
    blank = tmp_path / "blank.xlsx"
    write_template(blank, central.reference, catalog_store.list_recommendations(central.db))

    def fill(book):
        ws = book["details"]
        keys = {cell.value: cell.column for cell in ws[2] if cell.value}
        for key, value in {"title": "Ou Chum meeting", "province": "ratanakiri", "participants_women": 3}.items():
            ws.cell(3, keys[key], value)
        ws = book["feedback"]
        keys = {cell.value: cell.column for cell in ws[2] if cell.value}
        ws.cell(3, keys["comment"], "the school is too far")
    filled = edit_copy(blank, tmp_path / "filled.xlsx", fill)

    result = merge_file(central, filled)
    assert result.status == MERGED, result.message
    assert TEMPLATE_NOT_SIGNED == "capture template: not signed by a device"
    assert TEMPLATE_NOT_SIGNED in result.warnings
    assert query(central.database_path, "SELECT warnings FROM merge_log ORDER BY id DESC LIMIT 1")[0][0].count(
        TEMPLATE_NOT_SIGNED) == 1
    assert merge_file(central, filled).status == ALREADY_MERGED


def test_the_import_window_holds_a_new_key_until_its_box_is_ticked(qtbot, open_ws, tmp_path, monkeypatch):
    from consultation_app.ui.background import Background
    from consultation_app.ui.import_window import ImportWindow

    monkeypatch.setattr(Background, "synchronous", True)
    laptop = open_ws("laptop", "Kep laptop")
    made = record_some(laptop)
    first = export(laptop, tmp_path / "first.xlsx")
    central = open_ws("central")
    assert merge_file(central, first.path).status == MERGED
    laptop.close()
    shutil.copytree(tmp_path / "laptop", tmp_path / "clone")
    clone = open_ws("clone")
    with clone.db.atomic():
        clone.db.execute("DELETE FROM settings WHERE key IN (?, ?)", list(KEY_SETTINGS))
    clone.records.update(FEEDBACK, made["f"]["uuid"], {"comment": "as the clone heard it"})
    from_clone = export(clone, tmp_path / "from-clone.xlsx", since_last=True)

    window = ImportWindow(central, Background())
    qtbot.addWidget(window)
    window.add_paths([from_clone.path])
    window.start()
    assert window.model.result(0).status == NEEDS_REVIEW
    window.accept_new_key.setChecked(True)
    window.start()
    assert window.model.result(0).status == MERGED
    assert central.records.get(FEEDBACK, made["f"]["uuid"])["comment"] == "as the clone heard it"
