"""What changes on the laptop after a consultation was sent reaches the office (issue 22): an entry
or attachment marked sensitive later, consent narrowed later (quotes, photos taken back). Send,
narrow, send again; the office merges both files in either order and then holds, reports and
master-exports nothing that is no longer allowed. An older file never widens it again, and a file
from another laptop cannot widen a consultation's consent."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest

from consultation_app.domain.records import CONSULTATION, FEEDBACK, NOTE
from consultation_app.exchange.export import export_package
from consultation_app.exchange.master_export import write_master_export
from consultation_app.exchange.merge import ALREADY_MERGED, MERGED, NEEDS_REVIEW, merge_paths
from consultation_app.exchange.report import write_report
from consultation_app.services import attachments as attachment_service
from consultation_app.services import consent as consent_service
from consultation_app.services.reference_lists import default_reference
from consultation_app.storage import attachment_store, consent_store
from tests.conftest import dump
from tests.test_attachments import jpeg_bytes, png_bytes, write

REFERENCE = default_reference()
CATALOG = "khm-upr3-ohchr-2019"
QUOTE = "Qz7 the soldiers came to the village at night"
LATER_SENSITIVE = "Qz7 the commune chief asked for money"
NOTE_TEXT = "Qz7 the officer saw the police at the meeting"
SCOPE = {"given": "written", "quotes": True, "attribution": "group", "photos": True, "visibility": "public"}


def export(ws, out: Path, **options):
    return export_package(ws.database_path, out, REFERENCE, **options)


def merge(central, path: Path) -> object:
    [result] = merge_paths(central.database_path, [path], REFERENCE)
    return result


def held_text(ws) -> str:
    """Every value the office's database holds, as text (merge log aside: it names files only)."""
    return repr(dump(ws.database_path))


def strings(path: Path) -> str:
    book = openpyxl.load_workbook(path)
    return "\n".join(str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row
                     if cell is not None)


def printed(central, folder: Path) -> str:
    write_report(central.database_path, folder / "report.xlsx", REFERENCE)
    write_master_export(central.database_path, folder / "master.xlsx", REFERENCE)
    return strings(folder / "report.xlsx") + strings(folder / "master.xlsx")


@pytest.fixture
def sent_then_narrowed(open_ws, tmp_path):
    """A laptop's first export (quote, comment, photo, attendance sheet, all allowed), then on the
    laptop: quote and photo consent taken back, the comment and the attendance sheet marked
    sensitive; then a second export of what changed."""
    laptop = open_ws("laptop", "Kampot laptop")
    folder = tmp_path / "files"
    folder.mkdir()
    c = laptop.records.create(CONSULTATION, {"title": "Kampot meeting", "province": "kampot",
                                             "stakeholder_group": "civil_society", "start_date": "2024-03-06",
                                             "participants_women": 3})["uuid"]
    consent_service.record(laptop.records, {"consultation_uuid": c, **SCOPE})
    quoted = laptop.records.create(FEEDBACK, {"consultation_uuid": c, "catalog_id": CATALOG,
                                              "recommendation_code": "KH3-01", "quote": QUOTE,
                                              "attribution": "by_group"})
    comment = laptop.records.create(FEEDBACK, {"consultation_uuid": c, "catalog_id": CATALOG,
                                               "recommendation_code": "KH3-02", "comment": LATER_SENSITIVE})
    note = laptop.records.create(NOTE, {"consultation_uuid": c, "title": "Police", "text": NOTE_TEXT})
    photo = attachment_service.add_file(laptop.records, c, write(folder, "chart.jpg", jpeg_bytes()), "photo")
    sheet = attachment_service.add_file(laptop.records, c, write(folder, "sheet.png", png_bytes()), "attendance")
    (tmp_path / "first").mkdir()
    (tmp_path / "second").mkdir()
    first = export(laptop, tmp_path / "first" / "kampot-1.xlsx")
    assert first.manifest["rows_feedback"] == 2 and first.manifest["rows_attachments"] == 2

    consent_service.record(laptop.records, {"consultation_uuid": c, **SCOPE, "quotes": False, "photos": False})
    laptop.records.update(FEEDBACK, comment["uuid"], {"sensitive": True})
    laptop.records.update(NOTE, note["uuid"], {"sensitive": True})
    attachment_service.update(laptop.records, sheet["uuid"], {"sensitive": True})
    second = export(laptop, tmp_path / "second" / "kampot-2.xlsx", since_last=True)
    return laptop, c, first.path, second.path, {"quoted": quoted, "comment": comment, "photo": photo,
                                                "sheet": sheet}


def assert_office_holds_nothing_withheld(central, c: str, items: dict, folder: Path) -> None:
    consent = consent_store.get(central.db, c)
    assert consent is not None and not consent.quotes and not consent.photos
    text = held_text(central)
    assert QUOTE not in text and LATER_SENSITIVE not in text and NOTE_TEXT not in text
    for name in ("photo", "sheet"):
        assert not attachment_store.has_content(central.db, items[name]["sha256"])
        assert items[name]["uuid"] not in {row["uuid"] for row in attachment_store.listing(central.db)}
    out = printed(central, folder)
    for gone in (QUOTE, LATER_SENSITIVE, NOTE_TEXT, "chart.jpg", "sheet.png"):
        assert gone not in out


@pytest.mark.parametrize("order", ["sent_first", "narrowed_first"])
def test_a_narrowing_after_sending_reaches_the_office_in_either_order(sent_then_narrowed, open_ws, tmp_path, order):
    laptop, c, first, second, items = sent_then_narrowed
    central = open_ws("central", "Central office")
    files = [first, second] if order == "sent_first" else [second, first]

    results = [merge(central, path) for path in files]

    assert [result.status for result in results] == [MERGED, MERGED], [r.message for r in results]
    assert_office_holds_nothing_withheld(central, c, items, tmp_path)
    # merging either file again changes nothing: the older one does not widen anything back
    before = dump(central.database_path)
    assert [merge(central, path).status for path in files] == [ALREADY_MERGED, ALREADY_MERGED]
    assert dump(central.database_path) == before
    # what stays allowed is still there: the consultation, and the entries as tombstones
    assert central.records.get(CONSULTATION, c)["title"] == "Kampot meeting"


def test_the_office_is_told_after_only_the_first_file_was_merged(sent_then_narrowed, open_ws, tmp_path):
    laptop, c, first, second, items = sent_then_narrowed
    central = open_ws("central", "Central office")
    assert merge(central, first).status == MERGED
    out = printed(central, tmp_path)
    assert QUOTE in out and LATER_SENSITIVE in out and NOTE_TEXT in out  # allowed when sent: the report carried them

    assert merge(central, second).status == MERGED

    assert_office_holds_nothing_withheld(central, c, items, tmp_path)


def test_an_entry_made_not_sensitive_again_reaches_the_office_again(sent_then_narrowed, open_ws, tmp_path):
    laptop, c, first, second, items = sent_then_narrowed
    central = open_ws("central", "Central office")
    for path in (first, second):
        assert merge(central, path).status == MERGED
    laptop.records.update(FEEDBACK, items["comment"]["uuid"], {"sensitive": False})
    (tmp_path / "third").mkdir()
    third = export(laptop, tmp_path / "third" / "kampot-3.xlsx", since_last=True).path

    assert merge(central, third).status == MERGED

    entry = central.records.get(FEEDBACK, items["comment"]["uuid"])
    assert entry is not None and entry["comment"] == LATER_SENSITIVE
    assert QUOTE not in held_text(central)


def test_another_laptops_file_cannot_widen_the_consent_again(sent_then_narrowed, open_ws, tmp_path):
    laptop, c, first, second, items = sent_then_narrowed
    central = open_ws("central", "Central office")
    for path in (first, second):
        assert merge(central, path).status == MERGED
    # a second laptop forges a file about the first laptop's consultation: same id, wide consent
    forger = open_ws("forger", "Kep laptop")
    forger.records.create(CONSULTATION, {"title": "Kampot meeting", "province": "kampot",
                                         "stakeholder_group": "civil_society", "start_date": "2024-03-06",
                                         "participants_women": 3}, uuid=c)
    consent_service.record(forger.records, {"consultation_uuid": c, **SCOPE, "attribution": "name"})
    (tmp_path / "forged").mkdir()
    forged = export(forger, tmp_path / "forged" / "kep.xlsx").path

    result = merge(central, forged)

    assert result.status == NEEDS_REVIEW
    assert f"consultation {c}" in result.message and "another device" in result.message
    consent = consent_store.get(central.db, c)
    assert not consent.quotes and not consent.photos and consent.attribution == "group"
    assert QUOTE not in held_text(central)


def test_what_was_held_back_from_the_start_is_not_even_named_to_the_office(open_ws, tmp_path):
    """Only a record made before the last export may be at the office: one made sensitive from the
    start stays on the laptop whole, not as a tombstone naming it."""
    laptop = open_ws("laptop", "Kampot laptop")
    c = laptop.records.create(CONSULTATION, {"title": "Kampot meeting", "province": "kampot",
                                             "stakeholder_group": "civil_society", "start_date": "2024-03-06",
                                             "participants_women": 3})["uuid"]
    export(laptop, tmp_path / "first.xlsx")
    secret = laptop.records.create(FEEDBACK, {"consultation_uuid": c, "catalog_id": CATALOG,
                                              "recommendation_code": "KH3-04", "comment": LATER_SENSITIVE,
                                              "sensitive": True})
    laptop.records.update(FEEDBACK, secret["uuid"], {"comment": LATER_SENSITIVE + " again"})

    second = export(laptop, tmp_path / "second.xlsx", since_last=True)

    assert (second.manifest["rows_feedback"], second.manifest["withdrawn_from_office"]) == (0, 0), second.manifest
    assert second.left_out["feedback_sensitive"] == 1
    assert secret["uuid"].encode() not in b"".join(
        zipfile.ZipFile(second.path).read(name) for name in zipfile.ZipFile(second.path).namelist())


@pytest.mark.parametrize("order", ["sent_first", "narrowed_first"])
def test_the_same_on_a_postgresql_central_store(sent_then_narrowed, pg_url, data_dir, tmp_path, order):
    from consultation_app.services.central_database import CentralDatabase

    laptop, c, first, second, items = sent_then_narrowed
    files = [first, second] if order == "sent_first" else [second, first]

    results = merge_paths(pg_url, files, REFERENCE)

    assert [result.status for result in results] == [MERGED, MERGED], [r.message for r in results]
    with CentralDatabase(pg_url) as server:
        held = repr([server.db.execute(f"SELECT * FROM {table}").fetchall()
                     for table in ("feedback", "notes", "merge_conflicts", "attachments", "consents")])
        assert QUOTE not in held and LATER_SENSITIVE not in held and NOTE_TEXT not in held
        for name in ("photo", "sheet"):
            assert not attachment_store.has_content(server.db, items[name]["sha256"])
        assert not consent_store.get(server.db, c).photos
    write_master_export(pg_url, tmp_path / "master.xlsx", REFERENCE)
    out = strings(tmp_path / "master.xlsx")
    for gone in (QUOTE, LATER_SENSITIVE, NOTE_TEXT, "chart.jpg", "sheet.png"):
        assert gone not in out


def test_the_office_is_told_what_the_narrowing_wiped_in_its_interface_language(sent_then_narrowed, open_ws,
                                                                                qapp):
    from consultation_app.ui import i18n
    from consultation_app.ui.error_text import warning_texts

    laptop, c, first, second, items = sent_then_narrowed
    central = open_ws("central", "Central office")
    assert merge(central, first).status == MERGED
    result = merge(central, second)
    [told] = [w for w in result.warnings if getattr(w, "key", "") == "consent_narrowed_applied"]
    assert str(told).startswith("consent narrowed on the laptop applied here: ")
    assert told.params["attachments"] >= 1 and told.params["entries"] >= 1
    assert i18n.install_language("km")
    try:
        [shown] = [text for text in warning_texts(result) if str(told.params["attachments"]) in text
                   and "ការយល់ព្រម" in text]
        assert "consent narrowed" not in shown
    finally:
        i18n.install_language("en")
