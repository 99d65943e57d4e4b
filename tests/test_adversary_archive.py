"""Adversary: the companion attachments archive handed to the office, crafted at the zip level.
Each test is an attack; those that pass guard a defence that held. In every case the
workbook's records merge and nothing of the archive is kept."""

from __future__ import annotations

import stat
import struct
import zipfile

import pytest

from consultation_app.exchange.attachment_archive import archive_path
from consultation_app.exchange.merge import MERGED
from consultation_app.storage import attachment_store
from tests import test_attachment_exchange as base
from tests.test_attachment_exchange import archive_members, assert_records_merged_without_attachments, merge

laptop = base.laptop
central = base.central
exported = base.exported


def _write(path, entries):
    path.unlink()
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as archive:
        for info_or_name, data in entries:
            archive.writestr(info_or_name, data)


def test_a_name_listed_twice_with_other_bytes_second_is_refused(exported, central):
    result, photo, _ = exported
    path = archive_path(result.path)
    members = archive_members(path)
    name = f"files/{photo['sha256']}"
    forged = bytearray(members[name])
    forged[-50] ^= 0xFF
    with pytest.warns(UserWarning, match="Duplicate name"):
        _write(path, [*members.items(), (name, bytes(forged))])

    assert_records_merged_without_attachments(central, merge(central, result.path), "twice")


def test_a_symlink_member_is_never_followed(exported, central, tmp_path):
    """A member flagged as a symbolic link to a file on the office's disk: read as its own
    bytes (the link text), which hash to nothing listed."""
    result, photo, _ = exported
    path = archive_path(result.path)
    members = archive_members(path)
    secret = tmp_path / "secret.jpg"
    secret.write_bytes(members[f"files/{photo['sha256']}"])
    link = zipfile.ZipInfo(f"files/{photo['sha256']}")
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    link.create_system = 3
    entries = [(name, data) for name, data in members.items() if name != link.filename]
    _write(path, [*entries, (link, str(secret).encode())])

    assert_records_merged_without_attachments(central, merge(central, result.path), "rejected")


@pytest.mark.parametrize("name", ["CON", "files/NUL", "files/AUX.jpg", "files/COM1", "files\\..\\x"])
def test_windows_device_and_backslash_names_are_refused(exported, central, name):
    result, _, _ = exported
    path = archive_path(result.path)
    _write(path, [*archive_members(path).items(), (name, b"\xff\xd8\xff" + b"x" * 10)])

    assert_records_merged_without_attachments(central, merge(central, result.path), "unexpected member")


def test_a_member_declaring_4_gb_is_refused_unread(exported, central):
    """A central directory that says one member is 4 GB (a sparse file's size): the archive
    is refused on its listed sizes, nothing is read or allocated."""
    result, photo, _ = exported
    path = archive_path(result.path)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(f"files/{photo['sha256']}")
    # patch the uncompressed size (offset 24) of the photo's central directory record
    start = 0
    while True:
        start = data.find(b"PK\x01\x02", start)
        name_length = struct.unpack_from("<H", data, start + 28)[0]
        if data[start + 46:start + 46 + name_length].decode() == info.filename:
            break
        start += 4
    struct.pack_into("<I", data, start + 24, 0xFFFFFFF0)
    path.write_bytes(bytes(data))

    assert_records_merged_without_attachments(central, merge(central, result.path), "rejected")


def test_a_damaged_encrypted_archive_and_a_wrong_password_are_told_apart(laptop, central, tmp_path):
    c = base.meeting(laptop)
    base.attach(laptop, c, tmp_path, "chart.jpg", base.jpeg_bytes((400, 300)), "photo")
    result = base.export(laptop, tmp_path / "locked.xlsx", password="monsoon-2024")
    path = archive_path(result.path)

    wrong = merge(central, result.path, password="monsoon-2025")
    assert wrong.status != MERGED or any("password" in w for w in wrong.warnings), wrong.warnings
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle:middle + 16] = bytes(b ^ 0x5A for b in data[middle:middle + 16])
    path.write_bytes(bytes(data))
    damaged = merge(central, result.path, password="monsoon-2024")
    notes = " ".join(damaged.warnings)
    assert "rejected" in notes and "password" not in notes, notes
    assert attachment_store.listing(central.db) == []


@pytest.mark.parametrize("damage", ["garbage", "truncated"])
def test_an_archive_that_is_no_zip_or_cut_short_is_rejected_with_a_note(exported, central, damage):
    result, _, _ = exported
    path = archive_path(result.path)
    data = path.read_bytes()
    path.write_bytes(b"\x00not a zip" * 50 if damage == "garbage" else data[:len(data) * 2 // 3])

    assert_records_merged_without_attachments(central, merge(central, result.path), "rejected")


def test_the_cli_merge_beside_a_garbage_archive_exits_0_with_the_rejection_on_one_line(exported, central, capsys):
    from consultation_app.cli.main import main as cli_main

    result, _, _ = exported
    archive_path(result.path).write_bytes(b"PK\x03\x04" + b"\x00" * 300)
    code = cli_main(["--data-dir", str(central.database_path.parent), "merge", str(result.path)])
    out, err = capsys.readouterr()
    assert code == 0, (out, err)
    assert "Traceback" not in out + err and "internal error" not in (out + err).lower()
    assert "rejected" in out
