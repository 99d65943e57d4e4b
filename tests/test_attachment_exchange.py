"""Attachments travel with the export in a companion archive and are merged from it: every
attack first (a tampered member, path traversal, a member larger than listed, an oversized
archive, a mismatched archive, a wrong password, photos without photo consent), then the round
trip, idempotence, a late archive, wiping, and the master export's list."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import openpyxl
import pytest

from consultation_app.domain.records import CONSULTATION
from consultation_app.exchange.attachment_archive import archive_path
from consultation_app.exchange.export import export_package
from consultation_app.exchange.merge import ALREADY_MERGED, MERGED, merge_paths
from consultation_app.services import attachments as service
from consultation_app.services import consent as consent_service
from consultation_app.services.reference_lists import default_reference
from consultation_app.storage import attachment_store
from tests.test_attachments import MARKER, jpeg_bytes, png_bytes, wav_bytes, write

REFERENCE = default_reference()


@pytest.fixture
def laptop(open_ws):
    return open_ws("laptop", "Kampot laptop")


@pytest.fixture
def central(open_ws):
    return open_ws("central", "Central office")


def meeting(ws, photos=True, **scope) -> str:
    c = ws.records.create(CONSULTATION, {"title": "Kampot meeting", "province": "kampot",
                                         "stakeholder_group": "civil_society", "start_date": "2024-03-06",
                                         "participants_women": 3})["uuid"]
    if photos is not None:
        consent_service.record(ws.records, {"consultation_uuid": c, "given": "written", "quotes": True,
                                            "photos": photos, "visibility": "central_office", **scope})
    return c


def attach(ws, c, folder: Path, name: str, data: bytes, kind: str, **options) -> dict:
    return service.add_file(ws.records, c, write(folder, name, data), kind, **options)


def export(ws, out: Path, **options):
    return export_package(ws.database_path, out, REFERENCE, **options)


def merge(central, path: Path, **options):
    [result] = merge_paths(central.database_path, [path], REFERENCE, **options)
    return result


def held(central) -> dict[str, dict]:
    return {row["uuid"]: row for row in attachment_store.listing(central.db)}


@pytest.fixture
def exported(laptop, tmp_path):
    """A laptop export with a photo (photo consent) and an attendance sheet, and its archive."""
    folder = tmp_path / "files"
    folder.mkdir()
    (tmp_path / "out").mkdir()
    c = meeting(laptop)
    photo = attach(laptop, c, folder, "chart.jpg", jpeg_bytes((400, 300)), "photo", caption="Flip chart")
    sheet = attach(laptop, c, folder, "sheet.png", png_bytes(), "attendance")
    result = export(laptop, tmp_path / "out" / "kampot.xlsx")
    return result, photo, sheet


def rewrite_archive(path: Path, members: dict[str, bytes]) -> None:
    path.unlink()
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)


def archive_members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def assert_records_merged_without_attachments(central, result, fragment: str):
    assert result.status == MERGED, result.message
    assert central.db.execute("SELECT count(*) FROM consultations").fetchone()[0] == 1
    assert held(central) == {} and central.db.execute("SELECT count(*) FROM attachment_chunks").fetchone()[0] == 0
    assert any(fragment in warning for warning in result.warnings), result.warnings


# -- attacks -----------------------------------------------------------------------------------

def test_a_tampered_member_rejects_the_archive_but_the_records_merge(exported, central):
    result, photo, _ = exported
    members = archive_members(archive_path(result.path))
    name = f"files/{photo['sha256']}"
    forged = bytearray(members[name])
    forged[-100] ^= 0xFF  # same size, same header, other bytes
    members[name] = bytes(forged)
    rewrite_archive(archive_path(result.path), members)

    assert_records_merged_without_attachments(central, merge(central, result.path), "does not hash to its name")


@pytest.mark.parametrize("evil", ["../../evil.jpg", "/tmp/evil.jpg", "files/../../evil.jpg", "files\\..\\evil.jpg",
                                  "files/" + "a" * 64 + "/x"])
def test_path_traversal_and_unexpected_members_reject_the_archive(exported, central, tmp_path, evil):
    result, photo, _ = exported
    members = archive_members(archive_path(result.path))
    members[evil] = b"\xff\xd8\xff" + b"x" * 10
    rewrite_archive(archive_path(result.path), members)

    assert_records_merged_without_attachments(central, merge(central, result.path), "rejected")
    assert not list(tmp_path.rglob("evil.jpg")) and not Path("/tmp/evil.jpg").exists()


def test_a_zip_bomb_member_is_refused(exported, central):
    """A member that declares a size other than listed, deflated from a mass of zeros."""
    result, photo, _ = exported
    path = archive_path(result.path)
    members = archive_members(path)
    path.unlink()
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data + (b"\x00" * 50_000_000 if "files/" + photo["sha256"] == name else b""))
    assert path.stat().st_size < 1_000_000

    assert_records_merged_without_attachments(central, merge(central, result.path), "says 50,")


def test_an_archive_far_larger_than_its_listed_files_is_refused_unread(exported, central):
    result, _, _ = exported
    path = archive_path(result.path)
    with open(path, "ab") as handle:
        handle.write(b"\x00" * 2_000_000)
    assert_records_merged_without_attachments(central, merge(central, result.path), "more than the")


def test_an_archive_from_another_export_is_rejected(exported, laptop, central, tmp_path):
    result, _, _ = exported
    c = meeting(laptop)
    attach(laptop, c, tmp_path, "other.jpg", jpeg_bytes(colour=(1, 2, 3)), "photo")
    other = export(laptop, tmp_path / "other.xlsx")
    archive_path(result.path).write_bytes(archive_path(other.path).read_bytes())

    assert_records_merged_without_attachments(central, merge(central, result.path), "not listed")


def test_a_member_that_is_not_its_listed_type_is_refused(laptop, central, tmp_path):
    c = meeting(laptop)
    photo = attach(laptop, c, tmp_path, "chart.jpg", jpeg_bytes(), "photo")
    result = export(laptop, tmp_path / "out.xlsx")
    path = archive_path(result.path)
    rewrite_archive(path, {f"files/{photo['sha256']}": b"MZ" + b"\x00" * (photo["size"] - 2)})
    assert_records_merged_without_attachments(central, merge(central, result.path), "not the image/jpeg")


def test_photos_without_photo_consent_and_sensitive_files_stay_unless_included(laptop, tmp_path):
    c = meeting(laptop, photos=False)
    legacy = meeting(laptop, photos=None)  # only the old policy: no photo consent
    attach(laptop, c, tmp_path, "a.jpg", jpeg_bytes(colour=(9, 9, 9)), "photo")
    attach(laptop, legacy, tmp_path, "b.jpg", jpeg_bytes(colour=(8, 8, 8)), "photo")
    attach(laptop, c, tmp_path, "talk.wav", wav_bytes(), "audio")  # no recording consent
    sheet = attach(laptop, c, tmp_path, "sheet.png", png_bytes(), "attendance", sensitive=True)

    plain = export(laptop, tmp_path / "plain.xlsx")
    assert plain.manifest["rows_attachments"] == 0 and plain.manifest["left_out_attachments"] == 4
    assert not archive_path(plain.path).exists()

    chosen = export(laptop, tmp_path / "chosen.xlsx", include_sensitive=True)
    assert chosen.manifest["rows_attachments"] == 4
    assert f"files/{sheet['sha256']}" in archive_members(archive_path(chosen.path))


def test_a_password_encrypts_the_archive_and_the_merge_needs_it(laptop, central, tmp_path):
    c = meeting(laptop)
    photo = attach(laptop, c, tmp_path, "chart.jpg", jpeg_bytes(), "photo")
    result = export(laptop, tmp_path / "locked.xlsx", password="monsoon-2024")
    path = archive_path(result.path)
    assert MARKER not in path.read_bytes()
    with zipfile.ZipFile(path) as archive, pytest.raises(RuntimeError):
        archive.read(f"files/{photo['sha256']}")

    outcome = merge(central, result.path, password="monsoon-2024")
    assert outcome.status == MERGED, outcome.message
    assert b"".join(attachment_store.iter_content(central.db, photo["sha256"])) == \
        b"".join(attachment_store.iter_content(laptop.db, photo["sha256"]))


# -- what works --------------------------------------------------------------------------------

def test_export_and_merge_carry_every_byte_idempotently(exported, central):
    result, photo, sheet = exported
    assert archive_path(result.path).exists() and result.manifest["rows_attachments"] == 2

    first = merge(central, result.path)
    again = merge(central, result.path)

    assert first.status == MERGED and again.status == ALREADY_MERGED
    rows = held(central)
    assert set(rows) == {photo["uuid"], sheet["uuid"]}
    assert rows[photo["uuid"]]["caption"] == "Flip chart" and rows[photo["uuid"]]["file_name"] == "chart.jpg"
    for row in (photo, sheet):
        data = b"".join(attachment_store.iter_content(central.db, row["sha256"]))
        assert hashlib.sha256(data).hexdigest() == row["sha256"]
    assert central.db.execute("SELECT count(*) FROM attachments").fetchone()[0] == 2


def test_a_missing_archive_is_reported_and_a_late_one_still_merges(exported, central, tmp_path):
    result, _, _ = exported
    aside = tmp_path / "aside.zip"
    archive_path(result.path).rename(aside)
    first = merge(central, result.path)
    assert first.status == MERGED and any("no kampot.xlsx.attachments.zip beside" in w for w in first.warnings)
    assert held(central) == {}

    aside.rename(archive_path(result.path))
    second = merge(central, result.path)
    assert second.status == ALREADY_MERGED and len(held(central)) == 2


def test_withdrawn_consent_wipes_the_photo_at_the_office_too(exported, laptop, central, tmp_path):
    result, photo, sheet = exported
    assert merge(central, result.path).status == MERGED
    consent_service.withdraw(laptop.records, photo["consultation_uuid"])
    later = export(laptop, tmp_path / "later.xlsx", since_last=True)
    outcome = merge(central, later.path)
    assert outcome.status in (MERGED, "needs_review"), outcome.message
    assert set(held(central)) == {sheet["uuid"]}
    assert not attachment_store.has_content(central.db, photo["sha256"])


def test_the_master_export_lists_attachments(exported, central, tmp_path):
    from consultation_app.exchange.master_export import write_master_export

    result, photo, sheet = exported
    merge(central, result.path)
    master = write_master_export(central.database_path, tmp_path / "master.xlsx", central.reference)
    sheet_rows = list(openpyxl.load_workbook(master.path)["attachments"].iter_rows(values_only=True))
    keys = sheet_rows[1]
    listed = {row[keys.index("sha256")]: dict(zip(keys, row)) for row in sheet_rows[2:]}
    assert set(listed) == {photo["sha256"], sheet["sha256"]}
    assert listed[photo["sha256"]]["file_name"] == "chart.jpg" and listed[photo["sha256"]]["kind"] == "photo"
    assert listed[photo["sha256"]]["consultation_uuid"] == photo["consultation_uuid"]


# -- two laptops changing one attachment -------------------------------------------------------

def _as_sent(row: dict, **changes) -> dict:
    return {**row, **changes}


@pytest.mark.parametrize("order", ["a_then_b", "b_then_a"])
def test_two_laptops_editing_one_attachment_merge_by_one_rule_in_either_order(open_ws, tmp_path, order):
    """Caption and sensitivity changed on both laptops at the same revision: the later change's
    caption, the stricter sensitivity, a note naming the file; whatever the order of merging."""
    from consultation_app.exchange import attachment_archive

    office = open_ws("office")
    c = office.records.create(CONSULTATION, {"title": "Kampot meeting", "start_date": "2024-03-06"})["uuid"]
    base = attach(office, c, tmp_path, "sheet.png", png_bytes(), "attendance", caption="attendance")
    laptop_a = _as_sent(base, revision=2, caption="signed by 14", sensitive=True, updated_at="2027-01-02T10:00:00Z")
    laptop_b = _as_sent(base, revision=2, caption="day two sheet", sensitive=False,
                        updated_at="2027-01-03T09:00:00Z")
    rows = [laptop_a, laptop_b] if order == "a_then_b" else [laptop_b, laptop_a]
    notes = []
    for row in rows:
        with office.db.atomic():
            notes += attachment_archive.merge(office.db, tmp_path / "x.xlsx", [row], None, row["device_id"]).notes

    held = attachment_store.get(office.db, base["uuid"])
    assert (held["caption"], held["sensitive"], held["revision"]) == ("day two sheet", True, 2)
    assert any("sheet.png" in note and "two laptops" in note for note in notes), notes
    with office.db.atomic():  # merging either again changes nothing
        again = attachment_archive.merge(office.db, tmp_path / "x.xlsx", rows, None, base["device_id"])
    assert again.updated == 0 and attachment_store.get(office.db, base["uuid"]) == held


@pytest.mark.parametrize("order", ["edit_then_delete", "delete_then_edit"])
def test_a_deletion_on_one_laptop_wins_over_an_edit_on_the_other(open_ws, tmp_path, order):
    from consultation_app.exchange import attachment_archive

    office = open_ws("office")
    c = office.records.create(CONSULTATION, {"title": "Kampot meeting", "start_date": "2024-03-06"})["uuid"]
    base = attach(office, c, tmp_path, "sheet.png", png_bytes(), "attendance", caption="attendance")
    edited = _as_sent(base, revision=3, caption="an edit made twice", updated_at="2027-01-05T10:00:00Z")
    deleted = _as_sent(base, revision=2, deleted=True, caption="", file_name="", updated_at="2027-01-02T10:00:00Z")
    rows = [edited, deleted] if order == "edit_then_delete" else [deleted, edited]
    for row in rows:
        with office.db.atomic():
            attachment_archive.merge(office.db, tmp_path / "x.xlsx", [row], None, row["device_id"])

    held = attachment_store.get(office.db, base["uuid"])
    assert held["deleted"] and held["caption"] == "" and held["file_name"] == ""
    assert not attachment_store.has_content(office.db, base["sha256"])
