"""Attachments on a consultation: every attack first (a fake or damaged image, a name with
control characters, an oversized file, a pipe, a decompression bomb, a failure half-way),
then what works: stored whole inside the database (so encrypted with it and in its backups),
listed, wiped with the consent that covered them; and the command line."""

from __future__ import annotations

import io
import json
import os
import wave
from pathlib import Path

import pytest
from PIL import Image

from consultation_app.cli.main import main as cli_main
from consultation_app.domain import attachments as rules
from consultation_app.domain.records import CONSULTATION
from consultation_app.errors import AppError, InputError
from consultation_app.services import attachments as service
from consultation_app.services import consent as consent_service
from consultation_app.storage import attachment_store, backup, encryption
from tests.conftest import query

MARKER = b"Qz9-flipchart-marker-bytes-7731"


def jpeg_bytes(size=(64, 48), colour=(200, 30, 30), marker: bytes = MARKER) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "JPEG", comment=marker)  # the marker rides in a COM segment
    return out.getvalue()


def png_bytes(size=(40, 30), mode="RGB") -> bytes:
    out = io.BytesIO()
    Image.new(mode, size).save(out, "PNG")
    return out.getvalue()


def wav_bytes(seconds: float = 0.2) -> bytes:
    out = io.BytesIO()
    with wave.open(out, "wb") as writer:
        writer.setnchannels(1)
        writer.setsampwidth(2)
        writer.setframerate(8000)
        writer.writeframes(MARKER * int(8000 * seconds * 2 / len(MARKER)))
    return out.getvalue()


def mp3_bytes() -> bytes:
    # An ID3v2 header, then MPEG-1 layer III frame headers with silence.
    return b"ID3\x04\x00\x00\x00\x00\x00\x00" + (b"\xff\xfb\x90\x64" + b"\x00" * 413) * 20 + MARKER


def pdf_bytes() -> bytes:
    return b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n" + MARKER + b"\ntrailer << >>\n%%EOF\n"


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def stored_counts(ws) -> tuple[int, int]:
    return (ws.db.execute("SELECT count(*) FROM attachments").fetchone()[0],
            ws.db.execute("SELECT count(*) FROM attachment_chunks").fetchone()[0])


@pytest.fixture
def meeting(workspace):
    c = workspace.records.create(CONSULTATION, {"title": "Kampot meeting", "province": "kampot",
                                                "stakeholder_group": "civil_society", "start_date": "2024-03-06",
                                                "participants_women": 4})
    return workspace, c["uuid"]


def refused(ws, c_uuid, path, kind="photo", **options) -> str:
    with pytest.raises(InputError) as raised:
        service.add_file(ws.records, c_uuid, path, kind, **options)
    message = str(raised.value)
    assert "\n" not in message and "\x1b" not in message and message.startswith(str(path)[:20])
    assert stored_counts(ws) == (0, 0), "nothing half-written"
    return message


# -- attacks -----------------------------------------------------------------------------------

@pytest.mark.parametrize("content", [
    b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200,          # a Windows program
    b"<html><script>alert(1)</script></html>",            # a web page
    b"",                                                  # nothing
    b"\x00" * 4096,                                       # zeros
])
def test_a_file_that_only_says_jpeg_in_its_name_is_refused(meeting, tmp_path, content):
    ws, c = meeting
    message = refused(ws, c, write(tmp_path, "flipchart.jpg", content))
    assert "content is not" in message


def test_a_jpeg_header_on_garbage_or_a_truncated_jpeg_is_refused(meeting, tmp_path):
    ws, c = meeting
    assert "not a valid image/jpeg" in refused(ws, c, write(tmp_path, "a.jpg", b"\xff\xd8\xff\xe0" + os.urandom(3000)))
    real = jpeg_bytes((600, 400))
    assert "not a valid image/jpeg" in refused(ws, c, write(tmp_path, "b.jpg", real[:len(real) // 2]))


def test_content_that_disagrees_with_its_name_or_kind_is_refused(meeting, tmp_path):
    ws, c = meeting
    assert "disagree" in refused(ws, c, write(tmp_path, "chart.jpg", png_bytes()))
    assert "disagree" in refused(ws, c, write(tmp_path, "song.exe", mp3_bytes()), kind="audio")
    assert "cannot be" in refused(ws, c, write(tmp_path, "chart.png", png_bytes()), kind="audio")
    assert "cannot be" in refused(ws, c, write(tmp_path, "talk.mp3", mp3_bytes()), kind="photo")
    assert "content is not" in refused(ws, c, write(tmp_path, "talk.mp3", b"just text " * 50), kind="audio")


@pytest.mark.parametrize("name", ["flip\nchart.jpg", "flip\x1b[2Jchart.jpg", "flip\rchart.jpg",
                                  "gpj.\u202eexe.jpg", "chart\u200b.jpg", "chart\x7f.jpg"])
def test_names_with_control_or_invisible_characters_are_refused(meeting, tmp_path, name):
    ws, c = meeting
    assert "control or invisible character" in refused(ws, c, write(tmp_path, name, jpeg_bytes()))


def test_an_oversized_file_is_refused_before_it_is_read(meeting, tmp_path, monkeypatch):
    ws, c = meeting
    monkeypatch.setitem(rules.MAX_BYTES, rules.AUDIO, 4000)
    read = []
    real_read = os.read
    monkeypatch.setattr(os, "read", lambda fd, n: read.append(n) or real_read(fd, n))
    message = refused(ws, c, write(tmp_path, "long.wav", wav_bytes(1.0)), kind="audio")
    assert "over the 0 MB limit" in message or "limit for an audio file" in message
    assert sum(read) <= rules.HEAD_BYTES, "only the header was read"


def test_a_consultation_cannot_pass_its_total(meeting, tmp_path, monkeypatch):
    ws, c = meeting
    monkeypatch.setattr(rules, "MAX_CONSULTATION_BYTES", 3 * (len(wav_bytes()) + 1))
    for index in range(3):
        service.add_file(ws.records, c, write(tmp_path, f"r{index}.wav", wav_bytes() + bytes([index])), "audio")
    with pytest.raises(InputError) as raised:
        service.add_file(ws.records, c, write(tmp_path, "r9.wav", wav_bytes() + b"9"), "audio")
    assert "would pass its" in str(raised.value)
    assert stored_counts(ws)[0] == 3


def test_a_decompression_bomb_is_refused_from_its_header(meeting, tmp_path):
    ws, c = meeting
    bomb = png_bytes((20_000, 20_000), mode="1")  # 400 megapixels in a few dozen kilobytes
    assert len(bomb) < 2_000_000
    assert "megapixels" in refused(ws, c, write(tmp_path, "bomb.png", bomb))


def test_a_pipe_is_refused_unread_without_hanging(meeting, tmp_path):
    ws, c = meeting
    pipe = tmp_path / "recorder.wav"
    os.mkfifo(pipe)
    assert "not a regular file" in refused(ws, c, pipe, kind="audio")


def test_a_failure_half_way_leaves_nothing_behind(meeting, tmp_path, monkeypatch):
    ws, c = meeting
    monkeypatch.setattr(attachment_store, "CHUNK_BYTES", 1000)

    def breaking(descriptor, first):
        yield first
        yield os.read(descriptor, 1000)
        raise OSError(5, "Input/output error")  # the USB stick pulled out
    monkeypatch.setattr(service, "_chunks", breaking)
    assert "cannot be read" in refused(ws, c, write(tmp_path, "talk.wav", wav_bytes(1.0)), kind="audio")


def test_an_incomplete_pdf_is_refused(meeting, tmp_path):
    ws, c = meeting
    assert "incomplete" in refused(ws, c, write(tmp_path, "form.pdf", pdf_bytes()[:-8]), kind="consent")


def test_a_final_or_unknown_consultation_takes_no_attachment(meeting, tmp_path):
    ws, c = meeting
    with pytest.raises(AppError):
        service.add_file(ws.records, "no-such-consultation", write(tmp_path, "a.jpg", jpeg_bytes()), "photo")
    ws.records.update(CONSULTATION, c, {"status": "final"})
    with pytest.raises(InputError) as raised:
        service.add_file(ws.records, c, write(tmp_path, "a.jpg", jpeg_bytes()), "photo")
    assert "final" in str(raised.value)


# -- what works --------------------------------------------------------------------------------

def test_each_kind_is_stored_whole_with_its_hash_and_a_thumbnail_for_images(meeting, tmp_path):
    import hashlib

    ws, c = meeting
    files = {"photo": ("flipchart.jpg", jpeg_bytes((800, 600))), "attendance": ("sheet.png", png_bytes()),
             "consent": ("form.pdf", pdf_bytes()), "audio": ("talk.mp3", mp3_bytes()),
             "other": ("recording.wav", wav_bytes())}
    for kind, (name, data) in files.items():
        row = service.add_file(ws.records, c, write(tmp_path, name, data), kind, caption=f"the {kind}")
        assert row["sha256"] == hashlib.sha256(data).hexdigest() and row["size"] == len(data)
        assert b"".join(attachment_store.iter_content(ws.db, row["sha256"])) == data
        thumb = attachment_store.thumbnail(ws.db, row["uuid"])
        if kind in ("photo", "attendance"):
            assert max(Image.open(io.BytesIO(thumb)).size) <= service.THUMBNAIL_PIXELS
        else:
            assert thumb is None
    assert [row["kind"] for row in attachment_store.listing(ws.db, c)] == list(files)


def test_a_large_recording_is_stored_in_chunks(meeting, tmp_path):
    ws, c = meeting
    data = wav_bytes(300.0)  # 4.8 MB: five chunks
    row = service.add_file(ws.records, c, write(tmp_path, "talk.wav", data), "audio")
    assert stored_counts(ws)[1] == -(-len(data) // attachment_store.CHUNK_BYTES)
    assert b"".join(attachment_store.iter_content(ws.db, row["sha256"])) == data


def test_the_same_file_twice_is_kept_once(meeting, tmp_path):
    ws, c = meeting
    path = write(tmp_path, "chart.jpg", jpeg_bytes())
    first = service.add_file(ws.records, c, path, "photo")
    second = service.add_file(ws.records, c, path, "photo", caption="again")
    assert first["uuid"] != second["uuid"] and stored_counts(ws) == (2, 1)


def test_withdrawn_consent_wipes_photos_and_recordings_but_not_the_attendance_sheet(meeting, tmp_path):
    ws, c = meeting
    photo = service.add_file(ws.records, c, write(tmp_path, "chart.jpg", jpeg_bytes()), "photo")
    audio = service.add_file(ws.records, c, write(tmp_path, "talk.wav", wav_bytes()), "audio")
    sheet = service.add_file(ws.records, c, write(tmp_path, "sheet.png", png_bytes()), "attendance")
    assert MARKER in ws.database_path.read_bytes() + Path(f"{ws.database_path}-wal").read_bytes()

    done = consent_service.withdraw(ws.records, c)

    assert done.other_withdrawn == 2
    assert {row["uuid"] for row in attachment_store.listing(ws.db, c)} == {sheet["uuid"]}
    for gone in (photo, audio):
        assert not attachment_store.has_content(ws.db, gone["sha256"])
        assert attachment_store.get(ws.db, gone["uuid"])["file_name"] == ""
    raw = b"".join(Path(str(ws.database_path) + s).read_bytes() for s in ("", "-wal")
                   if Path(str(ws.database_path) + s).exists())
    assert MARKER not in raw


def test_backups_hold_the_attachments(meeting, tmp_path):
    ws, c = meeting
    data = jpeg_bytes()
    row = service.add_file(ws.records, c, write(tmp_path, "chart.jpg", data), "photo")
    info = backup.make_backup(ws.database_path, backup.MANUAL, out=tmp_path / "copy.db")
    chunks = query(info.path, "SELECT data FROM attachment_chunks WHERE sha256 = ? ORDER BY seq", [row["sha256"]])
    assert b"".join(bytes(chunk) for (chunk,) in chunks) == data


def test_with_a_passphrase_the_attachment_bytes_are_encrypted(data_dir, tmp_path):
    from consultation_app.services import passphrase
    from consultation_app.services.workspace import Workspace

    encryption.forget()
    ws = Workspace()
    try:
        c = ws.records.create(CONSULTATION, {"title": "Kep"})["uuid"]
        service.add_file(ws.records, c, write(tmp_path, "before.jpg", jpeg_bytes(marker=MARKER + b"-1")), "photo")
    finally:
        ws.close()
    passphrase.set_passphrase(ws.database_path, "ស្ទឹងសែន-2024")
    ws = Workspace()
    try:
        service.add_file(ws.records, c, write(tmp_path, "after.jpg", jpeg_bytes(marker=MARKER + b"-2")), "photo")
        assert len(attachment_store.listing(ws.db, c)) == 2
    finally:
        ws.close()
        encryption.forget()
    for path in data_dir.rglob("*"):
        if path.is_file():
            assert MARKER not in path.read_bytes(), path


# -- the command line ---------------------------------------------------------------------------

def run(capsys, data_dir, *args) -> tuple[int, str, str]:
    code = cli_main(["--data-dir", str(data_dir), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_add_and_list(meeting, tmp_path, capsys, data_dir):
    ws, c = meeting
    path = write(tmp_path, "chart.jpg", jpeg_bytes())
    code, out, err = run(capsys, data_dir, "attachments", "add", "--consultation", c, str(path), "--kind", "photo",
                         "--caption", "Flip chart, group 2", "--sensitive")
    assert code == 0, err
    assert "chart.jpg" in out
    code, out, err = run(capsys, data_dir, "attachments", "list", "--json")
    assert code == 0, err
    [row] = json.loads(out)
    assert row["file_name"] == "chart.jpg" and row["kind"] == "photo" and row["sensitive"] is True
    assert row["caption"] == "Flip chart, group 2" and row["consultation_uuid"] == c and len(row["sha256"]) == 64
    code, out, err = run(capsys, data_dir, "attachments", "list")
    assert code == 0 and "chart.jpg" in out and "photo" in out


def test_cli_refusals_are_one_line_with_the_contract_exit_codes(meeting, tmp_path, capsys, data_dir):
    ws, c = meeting
    fake = write(tmp_path, "chart.jpg", b"not an image at all")
    code, out, err = run(capsys, data_dir, "attachments", "add", "--consultation", c, str(fake))
    assert code == 1 and len(err.strip().splitlines()) == 1 and "chart.jpg" in err
    with pytest.raises(SystemExit) as usage:
        run(capsys, data_dir, "attachments", "add", "--consultation", c, str(fake), "--kind", "video")
    assert usage.value.code == 2
    capsys.readouterr()
    weird = write(tmp_path, "a\x1b[2Jb.jpg", jpeg_bytes())
    code, out, err = run(capsys, data_dir, "attachments", "add", "--consultation", c, str(weird))
    assert code == 1 and "\x1b" not in err and len(err.strip().splitlines()) == 1
