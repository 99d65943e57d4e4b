"""Adversary: consent records sent by a laptop that does not own the consultation.

A consent governs what may leave, be printed or be attributed. A signed export speaks only for
its own laptop (exchange/merge_trust.py): another laptop (a crafted database, a stolen laptop)
must not widen or withdraw the consent of a consultation it did not make."""

from __future__ import annotations

from consultation_app.domain import consent as rules
from consultation_app.exchange.merge import MERGED, NEEDS_REVIEW, merge_paths
from consultation_app.storage import consent_store
from tests import test_consent_exchange as consent_tests
from tests.conftest import edit_copy


def _crafted_consent(ws, consultation_uuid: str, **scope) -> None:
    """What a laptop with a crafted database holds: a consent for a consultation it never had."""
    values = {"consultation_uuid": consultation_uuid, "subject": "", "given": "written", "text_version": "forged",
              "quotes": True, "attribution": "name", "visibility": "public", **scope}
    consent_store.save(ws.db, rules.parse(values), ws.device_id)
    ws.db.execute("UPDATE consents SET revision = 50 WHERE consultation_uuid = ?", [consultation_uuid])


def _office_with_kampot(open_ws, tmp_path):
    kampot, kep, office = (open_ws("kampot", "Kampot laptop"), open_ws("kep", "Kep laptop"),
                           open_ws("central", "Central office"))
    c = consent_tests.consultation(kampot)
    consent_tests.give(kampot, c["uuid"], attribution="group", visibility="central_office")
    consent_tests.entry(kampot, c["uuid"], quote=consent_tests.QUOTE)
    first = consent_tests.export(kampot, tmp_path / "kampot.xlsx")
    assert merge_paths(office.database_path, [first.path], consent_tests.REFERENCE)[0].status == MERGED
    return kampot, kep, office, c


def _held(office, uuid):
    return consent_store.get(office.db, uuid)


def test_another_laptops_export_cannot_widen_a_consultations_consent(open_ws, tmp_path):
    kampot, kep, office, c = _office_with_kampot(open_ws, tmp_path)
    consent_tests.consultation(kep, title="Kep meeting")  # the Kep laptop's own work travels too
    _crafted_consent(kep, c["uuid"])
    before = _held(office, c["uuid"])

    result = merge_paths(office.database_path, [consent_tests.export(kep, tmp_path / "kep.xlsx").path],
                         consent_tests.REFERENCE)[0]

    held = _held(office, c["uuid"])
    assert held == before and held.attribution == "group" and held.visibility == "central_office"
    assert result.status == NEEDS_REVIEW and "\n" not in result.message
    assert c["uuid"] in result.message and "consent" in result.message
    assert office.db.execute("SELECT count(*) FROM consultations").fetchone()[0] == 2  # Kep's own merged


def test_another_laptops_export_cannot_withdraw_a_consultations_consent(open_ws, tmp_path):
    kampot, kep, office, c = _office_with_kampot(open_ws, tmp_path)
    _crafted_consent(kep, c["uuid"])
    kep.db.execute("UPDATE consents SET withdrawn = 1")

    result = merge_paths(office.database_path, [consent_tests.export(kep, tmp_path / "kep.xlsx").path],
                         consent_tests.REFERENCE)[0]

    assert not _held(office, c["uuid"]).withdrawn
    assert result.status == NEEDS_REVIEW and c["uuid"] in result.message


def test_a_consent_sent_before_the_consultation_cannot_take_it_over(open_ws, tmp_path):
    """Kep's crafted consent reaches the office first; Kampot's consultation arrives later with
    its own (narrower) consent at a lower revision: Kampot's consent governs."""
    kampot, kep, office = (open_ws("kampot", "Kampot laptop"), open_ws("kep", "Kep laptop"),
                           open_ws("central", "Central office"))
    c = consent_tests.consultation(kampot)
    consent_tests.give(kampot, c["uuid"], attribution="group", visibility="central_office")
    _crafted_consent(kep, c["uuid"])
    merge_paths(office.database_path, [consent_tests.export(kep, tmp_path / "kep.xlsx").path],
                consent_tests.REFERENCE)

    merge_paths(office.database_path, [consent_tests.export(kampot, tmp_path / "kampot.xlsx").path],
                consent_tests.REFERENCE)

    held = _held(office, c["uuid"])
    assert held is not None and held.attribution == "group" and held.visibility == "central_office"


def test_the_owners_later_consent_export_merged_first_still_arrives(open_ws, tmp_path):
    """Not an attack: the owner's consent-only export merged before the export with the
    consultation is applied once that one is merged and it is merged again."""
    kampot, office = open_ws("kampot", "Kampot laptop"), open_ws("central", "Central office")
    c = consent_tests.consultation(kampot)
    consent_tests.give(kampot, c["uuid"], attribution="name", visibility="central_office")
    first = consent_tests.export(kampot, tmp_path / "first.xlsx")
    consent_tests.give(kampot, c["uuid"], attribution="none", visibility="central_office")
    second = consent_tests.export(kampot, tmp_path / "second.xlsx", since_last=True)

    merge_paths(office.database_path, [second.path], consent_tests.REFERENCE)
    merge_paths(office.database_path, [first.path, second.path], consent_tests.REFERENCE)

    assert _held(office, c["uuid"]).attribution == "none"


def test_a_consent_sheet_widened_in_excel_is_not_applied_without_review(open_ws, tmp_path):
    kampot, kep, office, c = _office_with_kampot(open_ws, tmp_path)
    consent_tests.give(kampot, c["uuid"], attribution="group", visibility="field_team")
    narrowed = consent_tests.export(kampot, tmp_path / "narrow.xlsx", since_last=True)

    def widen(book):
        ws = book["consents"]
        keys = [cell.value for cell in ws[2]]
        ws.cell(3, keys.index("visibility") + 1).value = "public"
        ws.cell(3, keys.index("attribution") + 1).value = "name"
    edited = edit_copy(narrowed.path, tmp_path / "widened.xlsx", widen)

    result = merge_paths(office.database_path, [edited], consent_tests.REFERENCE)[0]

    assert result.status == NEEDS_REVIEW and "\n" not in result.message
    held = _held(office, c["uuid"])
    assert held.visibility == "central_office" and held.attribution == "group"


def test_an_already_merged_file_with_an_edited_attachments_sheet_and_digest_changes_nothing(open_ws, tmp_path):
    """The 'already merged' check compares the data sheets only; an attacker edits the
    attachments sheet (a photo caption and a wiping), recomputes the manifest's extras digest
    and leaves the signature as it was: nothing of it is applied."""
    from consultation_app.exchange import attachment_sheet
    from consultation_app.exchange.workbook_reader import read_export
    from tests import test_attachment_exchange as files
    from tests.forgery import _set_manifest

    folder = tmp_path / "files"
    folder.mkdir()
    laptop, office = open_ws("laptop", "Kampot laptop"), open_ws("central", "Central office")
    c = files.meeting(laptop)
    photo = files.attach(laptop, c, folder, "chart.jpg", files.jpeg_bytes((400, 300)), "photo", caption="Flip")
    (tmp_path / "out").mkdir()
    result = files.export(laptop, tmp_path / "out" / "kampot.xlsx")
    assert files.merge(office, result.path).status == MERGED
    before = files.held(office)

    def wipe(book):
        ws = book["attachments"]
        keys = [cell.value for cell in ws[2]]
        ws.cell(3, keys.index("caption") + 1).value = "FORGED caption"
        ws.cell(3, keys.index("revision") + 1).value = 9
    edited = edit_copy(result.path, tmp_path / "out" / "edited.xlsx", wipe)
    package = read_export(edited, consent_tests.REFERENCE)
    digest = attachment_sheet.extras_digest(package.consents, package.attachments)
    edit_copy(edited, edited, _set_manifest({"extras_sha256": digest}))
    assert read_export(edited, consent_tests.REFERENCE).extras_match

    files.merge(office, edited)

    assert files.held(office) == before and before[photo["uuid"]]["caption"] == "Flip"


def test_another_laptops_export_cannot_add_or_wipe_attachments_of_a_consultation_it_does_not_own(open_ws, tmp_path):
    """The Kep laptop signs, with its own real key, an export whose attachments sheet moves its
    photo into Kampot's consultation and wipes Kampot's photo (its uuid seen in an old export)."""
    from consultation_app.exchange import attachment_sheet
    from consultation_app.exchange.workbook_reader import read_export
    from consultation_app.storage import keys_store
    from tests import test_attachment_exchange as files
    from tests.forgery import resign

    folder = tmp_path / "files"
    folder.mkdir()
    (tmp_path / "out").mkdir()
    kampot, kep, office = (open_ws("kampot", "Kampot laptop"), open_ws("kep", "Kep laptop"),
                           open_ws("central", "Central office"))
    c = files.meeting(kampot)
    photo = files.attach(kampot, c, folder, "chart.jpg", files.jpeg_bytes((400, 300)), "photo", caption="Flip")
    assert files.merge(office, files.export(kampot, tmp_path / "out" / "kampot.xlsx").path).status == MERGED
    theirs = files.meeting(kep)
    planted = files.attach(kep, theirs, folder, "consent.png", files.png_bytes(), "consent", caption="Signed form")
    genuine = files.export(kep, tmp_path / "out" / "kep.xlsx")
    before = files.held(office)

    def move_and_wipe(book):
        ws = book["attachments"]
        keys = [cell.value for cell in ws[2]]
        row = next(r for r in range(3, ws.max_row + 1) if ws.cell(r, keys.index("uuid") + 1).value == planted["uuid"])
        ws.cell(row, keys.index("consultation_uuid") + 1).value = c
        wiping = ws.max_row + 1
        for column in range(1, len(keys) + 1):
            ws.cell(wiping, column).value = ws.cell(row, column).value
        for key, value in {"uuid": photo["uuid"], "deleted": True, "revision": 9, "file_name": "",
                           "caption": "", "sha256": photo["sha256"], "size": photo["size"]}.items():
            ws.cell(wiping, keys.index(key) + 1).value = value
    target = tmp_path / "out" / "forged.xlsx"
    resign(genuine.path, target, keys_store.ensure_signing_key(kep.db)[0], move_and_wipe, rows_attachments=2)
    package = read_export(target, consent_tests.REFERENCE)
    resign(target, target, keys_store.ensure_signing_key(kep.db)[0],
           extras_sha256=attachment_sheet.extras_digest(package.consents, package.attachments))
    files.archive_path(target).write_bytes(files.archive_path(genuine.path).read_bytes())
    assert read_export(target, consent_tests.REFERENCE).checksum_matches

    result = files.merge(office, target)

    held = files.held(office)
    assert held[photo["uuid"]] == before[photo["uuid"]]
    assert planted["uuid"] not in held or held[planted["uuid"]]["consultation_uuid"] != c
    assert result.status == NEEDS_REVIEW and "\n" not in result.message and c in result.message


def test_a_laptop_cannot_claim_bytes_it_never_had_by_listing_their_hash(open_ws, tmp_path):
    """The Kep laptop lists, under its own consultation, an attachment with the SHA-256 of
    Kampot's photo (seen in an old export) and sends no bytes. Linked to the office's copy, it
    would keep Kampot's photo alive after Kampot withdraws consent."""
    from consultation_app.exchange import attachment_sheet
    from consultation_app.exchange.workbook_reader import read_export
    from consultation_app.services import consent as consent_service
    from consultation_app.storage import attachment_store, keys_store
    from tests import test_attachment_exchange as files
    from tests.forgery import resign, set_cells

    folder = tmp_path / "files"
    folder.mkdir()
    (tmp_path / "out").mkdir()
    kampot, kep, office = (open_ws("kampot", "Kampot laptop"), open_ws("kep", "Kep laptop"),
                           open_ws("central", "Central office"))
    c = files.meeting(kampot)
    photo = files.attach(kampot, c, folder, "chart.jpg", files.jpeg_bytes((400, 300)), "photo")
    assert files.merge(office, files.export(kampot, tmp_path / "out" / "kampot.xlsx").path).status == MERGED
    theirs = files.meeting(kep)
    own = files.attach(kep, theirs, folder, "mine.jpg", files.jpeg_bytes((200, 100)), "photo")
    genuine = files.export(kep, tmp_path / "out" / "kep.xlsx")
    key = keys_store.ensure_signing_key(kep.db)[0]
    target = resign(genuine.path, tmp_path / "out" / "claim.xlsx", key,
                    set_cells("attachments", own["uuid"], {"sha256": photo["sha256"], "size": photo["size"]}))
    package = read_export(target, consent_tests.REFERENCE)
    resign(target, target, key, extras_sha256=attachment_sheet.extras_digest(package.consents, package.attachments))
    files.merge(office, target)

    consent_service.withdraw(kampot.records, c)
    assert files.merge(office, files.export(kampot, tmp_path / "out" / "later.xlsx", since_last=True).path).status \
        in (MERGED, NEEDS_REVIEW)

    assert not attachment_store.has_content(office.db, photo["sha256"])
    assert photo["sha256"] not in {row["sha256"] for row in files.held(office).values()}
