"""Attack (adversary5, point 4): consent narrowed on the laptop after sending, then files that
try to undo it at the office. The adversary cannot sign as the Kampot laptop: it uses a file
from ANOTHER laptop (its own key), or edits one of the genuine files without signing it again,
and replays old files in any order. Whatever it does, the office ends holding neither the
wiped quote nor the wiped photo, and the consent stays narrowed."""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path

import pytest

from consultation_app.domain.records import CONSULTATION, FEEDBACK
from consultation_app.exchange.consent_sheet import CONSENTS as CONSENTS_SHEET
from consultation_app.exchange.merge import merge_paths
from consultation_app.services import attachments as attachment_service
from consultation_app.services import consent as consent_service
from consultation_app.storage import attachment_store, consent_store
from tests.conftest import edit_copy
from tests.test_attachments import jpeg_bytes, write
from tests.test_consent_after_sending import (
    CATALOG,
    QUOTE,
    REFERENCE,
    SCOPE,
    export,
    merge,
    printed,
    sent_then_narrowed,  # noqa: F401,F811  (a fixture)
)

OTHER_QUOTE = "Qz8 the names of the people who spoke"


def assert_narrowed(central, c: str, items: dict, folder: Path) -> None:
    consent = consent_store.get(central.db, c)
    assert consent is not None and not consent.quotes and not consent.photos, consent
    from tests.conftest import dump
    holding = {table: [row for row in rows if QUOTE in repr(row) or OTHER_QUOTE in repr(row)]
               for table, rows in dump(central.database_path).items()}
    assert {table: rows for table, rows in holding.items() if rows} == {}
    assert not attachment_store.has_content(central.db, items["photo"]["sha256"])
    held_photos = [row for row in attachment_store.listing(central.db, c)
                   if row["kind"] == "photo" and attachment_store.has_content(central.db, row["sha256"])]
    assert held_photos == [], held_photos
    folder.mkdir(exist_ok=True)
    out = printed(central, folder)
    assert QUOTE not in out and OTHER_QUOTE not in out


def forger_of(open_ws, c: str, folder: Path):
    """Another laptop (its own key) that makes the Kampot laptop's consultation its own."""
    forger = open_ws("forger", "Kep laptop")
    forger.records.create(CONSULTATION, {"title": "Kampot meeting", "province": "kampot",
                                         "stakeholder_group": "civil_society", "start_date": "2024-03-06",
                                         "participants_women": 3}, uuid=c)
    consent_service.record(forger.records, {"consultation_uuid": c, **SCOPE, "attribution": "name"})
    folder.mkdir(exist_ok=True)
    return forger


def office_after_both(open_ws, first: Path, second: Path):
    """The central office once the laptop's sent and narrowed exports are both merged."""
    central = open_ws("central", "Central office")
    for path in (first, second):
        merge(central, path)
    return central


def test_another_laptop_cannot_bring_the_wiped_quote_back_at_a_higher_revision(sent_then_narrowed, open_ws,  # noqa: F811
                                                                               tmp_path):
    laptop, c, first, second, items = sent_then_narrowed
    central = office_after_both(open_ws, first, second)
    forger = forger_of(open_ws, c, tmp_path / "forged")
    entry = forger.records.create(FEEDBACK, {"consultation_uuid": c, "catalog_id": CATALOG,
                                             "recommendation_code": "KH3-01", "quote": QUOTE,
                                             "attribution": "by_group"}, uuid=items["quoted"]["uuid"])
    for revision in range(5):  # above the tombstone's revision
        forger.records.update(FEEDBACK, entry["uuid"], {"quote": QUOTE + "." * revision})
    forger.records.update(FEEDBACK, entry["uuid"], {"quote": QUOTE})
    merge(central, export(forger, tmp_path / "forged" / "kep.xlsx").path)
    assert_narrowed(central, c, items, tmp_path / "out")


def test_another_laptop_cannot_add_a_quote_or_a_photo_to_the_narrowed_consultation(sent_then_narrowed, open_ws,  # noqa: F811
                                                                                   tmp_path):
    laptop, c, first, second, items = sent_then_narrowed
    central = office_after_both(open_ws, first, second)
    forger = forger_of(open_ws, c, tmp_path / "forged")
    forger.records.create(FEEDBACK, {"consultation_uuid": c, "catalog_id": CATALOG, "recommendation_code": "KH3-03",
                                     "quote": OTHER_QUOTE, "attribution": "by_group"})
    attachment_service.add_file(forger.records, c, write(tmp_path / "forged", "chart.jpg", jpeg_bytes()), "photo")
    merge(central, export(forger, tmp_path / "forged" / "kep.xlsx").path)
    assert_narrowed(central, c, items, tmp_path / "out")


def _widened_copy(second: Path, target: Path) -> Path:
    """The narrowed file with its consent sheet edited back to wide, not signed again."""
    def widen(book):
        sheet = book[CONSENTS_SHEET]
        keys = [cell.value for cell in sheet[2]]
        for row in range(3, sheet.max_row + 1):
            for name in ("quotes", "photos"):
                if name in keys:
                    sheet.cell(row, keys.index(name) + 1).value = "yes"
    return edit_copy(second, target, widen)


@pytest.mark.parametrize("order", list(itertools.permutations(["first", "second", "widened", "first copy"])))
def test_edited_and_replayed_files_in_any_order_never_widen_it_back(sent_then_narrowed, open_ws, tmp_path, order):  # noqa: F811
    laptop, c, first, second, items = sent_then_narrowed
    central = open_ws("central", "Central office")
    (tmp_path / "edited").mkdir()
    files = {"first": first, "second": second, "widened": _widened_copy(second, tmp_path / "edited" / "kampot-2.xlsx"),
             "first copy": shutil.copy(first, tmp_path / "edited" / "renamed.xlsx")}
    results = {name: merge(central, Path(files[name])) for name in order}
    assert results["widened"].status != "merged", results["widened"].message  # edited: never taken as it is
    assert_narrowed(central, c, items, tmp_path / "out")


def test_an_edited_narrowed_file_accepted_as_modified_does_not_widen_the_consent(sent_then_narrowed, open_ws,  # noqa: F811
                                                                                 tmp_path):
    """Staff tick "accept files edited after export" for a copy of the narrowed file whose consent
    was edited back to wide, after the genuine one was merged: nothing widens. (Merged BEFORE the
    genuine file, the edited copy is what staff chose to accept, and the genuine one then waits
    for review as "merged before with other values": see the report.)"""
    laptop, c, first, second, items = sent_then_narrowed
    central = open_ws("central", "Central office")
    (tmp_path / "edited").mkdir()
    widened = _widened_copy(second, tmp_path / "edited" / "kampot-2.xlsx")
    merge(central, first)
    merge(central, second)
    [result] = merge_paths(central.database_path, [widened], REFERENCE, accept_modified=True)
    assert result.status != "merged", result.message
    assert_narrowed(central, c, items, tmp_path / "out")


def test_another_laptop_cannot_bring_the_wiped_quote_back_under_a_consultation_of_its_own(
        sent_then_narrowed, open_ws, tmp_path):  # noqa: F811
    """The same, with the forged version moved to a consultation of the forger's, whose consent is
    wide: the copy kept for review is still the narrowed consultation's entry, and is held to it."""
    laptop, c, first, second, items = sent_then_narrowed
    central = office_after_both(open_ws, first, second)
    forger = open_ws("forger", "Kep laptop")
    (tmp_path / "forged").mkdir()
    own = forger.records.create(CONSULTATION, {"title": "Kep meeting", "province": "kep",
                                               "stakeholder_group": "civil_society", "start_date": "2024-03-07",
                                               "participants_women": 2})
    consent_service.record(forger.records, {"consultation_uuid": own["uuid"], **SCOPE, "attribution": "name"})
    entry = forger.records.create(FEEDBACK, {"consultation_uuid": own["uuid"], "catalog_id": CATALOG,
                                             "recommendation_code": "KH3-01", "quote": QUOTE,
                                             "attribution": "by_group"}, uuid=items["quoted"]["uuid"])
    for revision in range(5):  # above the tombstone's revision
        forger.records.update(FEEDBACK, entry["uuid"], {"quote": QUOTE + "." * revision})
    forger.records.update(FEEDBACK, entry["uuid"], {"quote": QUOTE})
    merge(central, export(forger, tmp_path / "forged" / "kep.xlsx").path)
    assert_narrowed(central, c, items, tmp_path / "out")
