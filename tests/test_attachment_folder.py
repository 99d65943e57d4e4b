"""`attachments export --out DIR`: the attachments as a plain folder with an index. Attacks
first (a name that is a path, a reserved name, a folder that exists or is a link, a failure
half-way, a sensitive file or one outside consent), then what works."""

from __future__ import annotations

import hashlib
import json
import os

import pytest

from consultation_app.domain.records import CONSULTATION
from consultation_app.errors import InputError
from consultation_app.exchange import attachment_folder
from consultation_app.exchange.attachment_folder import safe_name
from consultation_app.services import attachments as service
from consultation_app.services import consent as consent_service
from consultation_app.storage import attachment_store
from tests.test_attachments import jpeg_bytes, pdf_bytes, run, wav_bytes, write


@pytest.fixture
def meeting(workspace):
    c = workspace.records.create(CONSULTATION, {"title": "Kampot meeting", "province": "kampot",
                                                "stakeholder_group": "civil_society", "start_date": "2024-03-06"})
    return workspace, c["uuid"]


@pytest.mark.parametrize("name", ["../../etc/passwd", "..\\..\\win.ini", "/abs/path.pdf", ".hidden.pdf",
                                  "a\x00b\x1b[2J.pdf", "..", "", "gpj.\u202eexe.jpg"])
def test_a_file_name_never_becomes_a_path(name):
    made = safe_name(name, set())
    assert made and "/" not in made and "\\" not in made and not made.startswith(".")
    assert all(ch.isprintable() for ch in made) and "\u202e" not in made


def test_reserved_names_and_collisions_are_made_safe():
    taken: set[str] = set()
    assert safe_name("CON.jpg", taken) == "_CON.jpg"
    assert [safe_name("chart.jpg", taken) for _ in range(3)] == ["chart.jpg", "chart-2.jpg", "chart-3.jpg"]
    assert safe_name("Chart.JPG", taken) == "Chart-4.jpg"
    assert safe_name("index.json", taken) == "index-2.json"
    assert safe_name("ការប្រជុំ.pdf", set()) == "ការប្រជុំ.pdf"


def _two_files(ws, c, tmp_path):
    service.add_file(ws.records, c, write(tmp_path, "form.pdf", pdf_bytes()), "consent", "Signed form")
    service.add_file(ws.records, c, write(tmp_path, "secret.pdf", pdf_bytes() + b"x"), "other", sensitive=True)
    service.add_file(ws.records, c, write(tmp_path, "chart.jpg", jpeg_bytes()), "photo", "Flip chart")


def test_export_writes_files_and_an_index_leaving_out_sensitive_and_unconsented(meeting, tmp_path):
    ws, c = meeting
    _two_files(ws, c, tmp_path)
    out = tmp_path / "out"
    result = attachment_folder.export_folder(ws.records, out)
    assert (result["written"], result["left_out"]) == (1, 2)  # the photo has no consent; secret is sensitive
    index = json.loads((out / "index.json").read_text(encoding="utf-8"))
    assert [row["file"] for row in index] == ["form.pdf"]
    assert index[0]["consultation_title"] == "Kampot meeting" and index[0]["caption"] == "Signed form"
    assert hashlib.sha256((out / "form.pdf").read_bytes()).hexdigest() == index[0]["sha256"]
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".attachments-")) == []

    consent_service.record(ws.records, {"consultation_uuid": c, "given": "written", "photos": True,
                                        "visibility": "central_office"})
    every = attachment_folder.export_folder(ws.records, tmp_path / "all", c, include_sensitive=True)
    assert (every["written"], every["left_out"]) == (3, 0)
    assert sorted(p.name for p in (tmp_path / "all").iterdir()) == ["chart.jpg", "form.pdf", "index.json",
                                                                     "secret.pdf"]


def test_a_folder_that_exists_and_is_not_empty_or_is_a_link_is_refused(meeting, tmp_path):
    ws, c = meeting
    _two_files(ws, c, tmp_path)
    full = tmp_path / "full"
    full.mkdir()
    (full / "keep.txt").write_text("mine")
    with pytest.raises(InputError, match="not empty"):
        attachment_folder.export_folder(ws.records, full)
    assert [p.name for p in full.iterdir()] == ["keep.txt"]
    target = tmp_path / "elsewhere"
    target.mkdir()
    os.symlink(target, tmp_path / "link")
    with pytest.raises(InputError, match="is a link"):
        attachment_folder.export_folder(ws.records, tmp_path / "link")
    assert list(target.iterdir()) == []
    empty = tmp_path / "empty"
    empty.mkdir()
    assert attachment_folder.export_folder(ws.records, empty)["written"] == 1


def test_a_failure_half_way_leaves_nothing(meeting, tmp_path, monkeypatch):
    ws, c = meeting
    _two_files(ws, c, tmp_path)
    service.add_file(ws.records, c, write(tmp_path, "talk.wav", wav_bytes()), "other")

    def broken(db, sha256):
        yield b"partial"
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(attachment_store, "iter_content", broken)
    before = sorted(p.name for p in tmp_path.iterdir())
    with pytest.raises(InputError, match="No space left on device") as refused:
        attachment_folder.export_folder(ws.records, tmp_path / "out")
    assert refused.value.key == "file_disk_full"  # one line, said in the interface's language too
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # no out, no temporary folder


def test_cli_export_json_and_refusal(meeting, tmp_path, capsys, data_dir):
    ws, c = meeting
    _two_files(ws, c, tmp_path)
    code, out, err = run(capsys, data_dir, "attachments", "export", "--out", str(tmp_path / "out"),
                         "--consultation", c, "--json")
    assert code == 0, err
    assert json.loads(out)["written"] == 1
    code, out, err = run(capsys, data_dir, "attachments", "export", "--out", str(tmp_path / "out"))
    assert code == 1 and "not empty" in err and len(err.strip().splitlines()) == 1


def test_stored_bytes_that_do_not_match_their_hash_stop_the_export(meeting, tmp_path):
    ws, c = meeting
    _two_files(ws, c, tmp_path)
    with ws.db.atomic():  # a crafted database: the form's bytes swapped
        ws.db.execute("UPDATE attachment_chunks SET data = ? WHERE seq = 0 AND sha256 IN "
                      "(SELECT sha256 FROM attachments WHERE file_name = 'form.pdf')", [b"%PDF-forged"])
    with pytest.raises(InputError, match="do not match their SHA-256"):
        attachment_folder.export_folder(ws.records, tmp_path / "out")
    assert not (tmp_path / "out").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".attachments-")]
