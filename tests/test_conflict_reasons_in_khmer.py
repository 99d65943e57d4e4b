"""Issue 18: why a merge conflict waits for review is stored with a message key beside its
English text (m_conflict_reason_keys_v1), so the conflicts window says it in Khmer, with the
values a person knows (device names, the consultation's title), for every kind of conflict a
merge makes; the window's own texts are Khmer too, including "someone else decided this"; a
database migrated from before the step keeps showing its rows' English reasons; the command
line keeps its English. PostgreSQL side by side in tests/test_pg_conflict_reasons.py."""

from __future__ import annotations

import json
import shutil
import sqlite3

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QPushButton

from consultation_app.cli.main import main
from consultation_app.domain import signing
from consultation_app.domain.records import FEEDBACK
from consultation_app.errors import Said
from consultation_app.exchange.central_exchange_write import write_central_exchange
from consultation_app.exchange.merge import NEEDS_REVIEW
from consultation_app.exchange.workbook_format import FEEDBACK_SHEET
from consultation_app.paths import DATABASE_NAME
from consultation_app.storage import merge_store
from consultation_app.ui import i18n
from consultation_app.ui.conflicts_dialog import FIELD_ROLE, ConflictsDialog
from tests.forgery import resign, set_cells
from tests.test_central_exchange import merge as merge_central
from tests.test_central_exchange import record as record_status
from tests.test_central_exchange import two_copies
from tests.test_messages_in_khmer import khmer
from tests.test_trust import QUOTE, _trusted_laptop_merged, export, merge_file, record_some

STRANGER = "9b1c0000-0000-4000-8000-00000000dead"


def unbroken(text: str) -> str:
    return text.replace("\u200b", "")


@pytest.fixture
def in_khmer(qapp):
    assert i18n.install_language("km")
    yield
    i18n.install_language("en")


def reason_shown(dialog: ConflictsDialog) -> str:
    """What the window says after "Why it waits for you:" (in whatever language)."""
    heading = unbroken(dialog.heading.text())
    lead = unbroken(QCoreApplication.translate("ConflictsDialog", "Why it waits for you: %1")).split("%1")[0]
    assert lead in heading, heading
    return heading.split(lead, 1)[1]


def opened(qtbot, ws, language: str = "km") -> ConflictsDialog:
    dialog = ConflictsDialog(ws, language)
    qtbot.addWidget(dialog)
    return dialog


# -- the kinds of conflict a merge makes ----------------------------------------------------------

def foreign_record_kept(open_ws, tmp_path):
    """A file signed by another device rewriting the Kep laptop's entry: kept for review."""
    laptop, made, genuine, central = _trusted_laptop_merged(open_ws, tmp_path)
    forged = resign(genuine.path, tmp_path / "rewritten.xlsx", signing.new_private_key(),
                    set_cells(FEEDBACK_SHEET, made["f"]["uuid"], {"quote": "words never said", "revision": 5}),
                    device_id=STRANGER, device_name="Stranger",
                    export_id="9b1c0000-0000-4000-8000-00000000e009", export_seq=1)
    assert merge_file(central, forged).status == NEEDS_REVIEW
    return central, laptop


def clones_at_one_revision(open_ws, tmp_path):
    """Laptop A's folder copied to B; both edit one entry to revision 2; B's export reaches the
    office with a number A never used: one device, two versions at one revision."""
    a = open_ws("laptop-a", "Kep laptop")
    made = record_some(a)
    central = open_ws("central")
    assert merge_file(central, export(a, tmp_path / "first.xlsx", include_sensitive=True).path).status != "rejected"
    a.close()
    shutil.copytree(tmp_path / "laptop-a", tmp_path / "laptop-b")
    a, b = open_ws("laptop-a"), open_ws("laptop-b")
    target = made["f"]["uuid"]
    a.records.update(FEEDBACK, target, {"quote": "as A heard it"})
    assert merge_file(central, export(a, tmp_path / "a-2.xlsx", since_last=True, include_sensitive=True).path) \
        .status == "merged"
    b.records.update(FEEDBACK, target, {"quote": "as B heard it"})
    export(b, tmp_path / "b-2.xlsx", since_last=True, include_sensitive=True)  # never reaches the office
    from_b = export(b, tmp_path / "b-3.xlsx", include_sensitive=True)
    result = merge_file(central, from_b.path)
    assert result.status == NEEDS_REVIEW, result.message
    return central


def laptop_copied_after_first_export(open_ws, tmp_path):
    """(laptop A, its disk copy B, what A recorded, the office that merged A's first export)."""
    a = open_ws("laptop-a", "Kep laptop")
    made = record_some(a)
    central = open_ws("central")
    merge_file(central, export(a, tmp_path / "first.xlsx", include_sensitive=True).path)
    a.close()
    shutil.copytree(tmp_path / "laptop-a", tmp_path / "laptop-b")
    return open_ws("laptop-a"), open_ws("laptop-b"), made, central


def clones_unlike_history(open_ws, tmp_path):
    """B's old revision unlike the one the office's history holds from A (see test_trust)."""
    a, b, made, central = laptop_copied_after_first_export(open_ws, tmp_path)
    target = made["f"]["uuid"]
    for quote in ("A, revision 2", "A, revision 3"):
        a.records.update(FEEDBACK, target, {"quote": quote})
        merge_file(central, export(a, tmp_path / f"{quote[-1]}.xlsx", since_last=True, include_sensitive=True).path)
    b.records.update(FEEDBACK, target, {"quote": "B, revision 2"})
    for number in (2, 3):
        export(b, tmp_path / f"b-{number}.xlsx", include_sensitive=True)
    assert merge_file(central, export(b, tmp_path / "b-4.xlsx", include_sensitive=True).path).status == NEEDS_REVIEW
    return central


def central_copies_diverged(open_ws, tmp_path):
    a, b = two_copies(open_ws)
    record_status(a, "KH3-44", status="not_started")
    write_central_exchange(a.database_path, tmp_path / "a1.xlsx")
    merge_central(b, tmp_path / "a1.xlsx")
    record_status(a, "KH3-44", status="ongoing", measures="Circular issued")
    record_status(b, "KH3-44", status="completed")
    write_central_exchange(a.database_path, tmp_path / "a2.xlsx")
    assert merge_central(b, tmp_path / "a2.xlsx")[0].status == "needs_review"
    return b


def test_a_record_of_another_device_is_explained_in_khmer_naming_both_devices(qtbot, open_ws, tmp_path, in_khmer):
    central, laptop = foreign_record_kept(open_ws, tmp_path)
    [stored] = merge_store.open_conflicts(central.db)
    assert isinstance(stored["reason"], Said) and stored["reason"].key == "conflict_foreign"
    assert "belongs to device Kep laptop" in stored["reason"]  # the English text, as before
    shown = reason_shown(opened(qtbot, central))
    assert khmer(shown), shown
    assert "Stranger" in shown and "Kep laptop" in shown
    assert STRANGER in shown and laptop.device_id in shown  # two devices may bear one name: their ids tell them apart
    assert "belongs to" not in shown and "a file speaks" not in shown


def test_two_versions_at_one_revision_name_the_consultation_by_its_title_in_khmer(qtbot, open_ws, tmp_path,
                                                                                   in_khmer):
    central = clones_at_one_revision(open_ws, tmp_path)
    [stored] = merge_store.open_conflicts(central.db)
    assert stored["reason"].key == "conflict_shared_identity"
    assert stored["reason"].params["evidence"].key == "shared_two_versions"
    assert f"two different versions of feedback {stored['record_uuid']} at revision 2" in stored["reason"]
    shown = reason_shown(opened(qtbot, central))
    assert khmer(shown), shown
    assert "Kep laptop" in shown and "“Kep consultation”" in shown
    assert stored["record_uuid"] not in shown and "feedback" not in shown  # not the table and id


def test_a_version_unlike_the_history_is_explained_in_khmer(qtbot, open_ws, tmp_path, in_khmer):
    central = clones_unlike_history(open_ws, tmp_path)
    [stored] = merge_store.open_conflicts(central.db)
    assert stored["reason"].params["evidence"].key == "shared_unlike_history"
    shown = reason_shown(opened(qtbot, central))
    assert khmer(shown), shown
    assert "“Kep consultation”" in shown and "unlike the one held" not in shown


def test_two_central_copies_changing_one_status_are_explained_in_khmer_with_khmer_field_labels(
        qtbot, open_ws, tmp_path, in_khmer):
    b = central_copies_diverged(open_ws, tmp_path)
    [stored] = merge_store.open_conflicts(b.db)
    assert stored["reason"].key == "conflict_central_copies"
    dialog = opened(qtbot, b)
    shown = reason_shown(dialog)
    assert khmer(shown), shown
    assert "Phnom Penh office" in shown and "without seeing" not in shown
    labels = [dialog.fields.item(row, 0).text() for row in range(dialog.fields.rowCount())]
    assert "ស្ថានភាព" in labels[0] or any(khmer(label) for label in labels), labels
    assert not {"status", "measures", "institutions", "Status", "Measures taken"} & set(labels), labels
    incoming = {dialog.fields.item(row, 0).text(): dialog.fields.item(row, 2).text()
                for row in range(dialog.fields.rowCount())}
    assert "Circular issued" in incoming.values()
    assert "ongoing" not in incoming.values() and "Ongoing" not in incoming.values()  # the status by its Khmer label


def test_the_windows_own_texts_and_field_labels_are_khmer(qtbot, open_ws, tmp_path, in_khmer):
    central, _ = foreign_record_kept(open_ws, tmp_path)
    dialog = opened(qtbot, central)
    texts = [dialog.windowTitle(), dialog.counts.text(), dialog.only_differing.text(),
             *(dialog.fields.horizontalHeaderItem(column).text() for column in range(3)),
             *(button.text() for button in dialog.findChildren(QPushButton))]
    for text in texts:
        assert khmer(unbroken(text.replace("&", ""))), texts
    heading = unbroken(dialog.heading.text())
    assert "Kep consultation" in heading and khmer(heading), heading
    labels = [dialog.fields.item(row, 0).text() for row in range(dialog.fields.rowCount())]
    assert labels and all(khmer(label) for label in labels), labels  # field labels, never keys like "quote"
    consultation = next(row for row in range(dialog.fields.rowCount())
                        if dialog.fields.item(row, 1).data(FIELD_ROLE) == "consultation_uuid")
    assert [dialog.fields.item(consultation, column).text() for column in (1, 2)] == ["Kep consultation"] * 2
    dialog.only_differing.setChecked(True)
    differing = [dialog.fields.item(row, 0).text() for row in range(dialog.fields.rowCount())]
    assert differing and all(khmer(label) for label in differing), differing


def test_someone_else_deciding_first_is_told_in_khmer_on_sqlite(qtbot, open_ws, tmp_path, in_khmer):
    central, _ = foreign_record_kept(open_ws, tmp_path)
    first = opened(qtbot, central)
    uuid = first.conflicts[0]["record_uuid"]
    # A colleague on the same data folder (a second app on a shared drive) has it open too.
    colleague = open_ws("central")
    second = opened(qtbot, colleague)
    first.resolve(False)  # keep the laptop's words
    second.resolve(True)  # too late: the forged words are not taken
    english = "Someone else decided this conflict meanwhile; the list is up to date again."
    told = second.message.text()
    assert told == QCoreApplication.translate("ConflictsDialog", english) and told != english
    assert khmer(unbroken(told)), told
    assert second.list.count() == 0 and khmer(unbroken(second.counts.text()))
    assert merge_store.current_record(central.db, FEEDBACK, uuid)["quote"] == QUOTE


# -- older databases and the command line -------------------------------------------------------

def test_a_database_from_before_the_step_migrates_and_shows_its_english_reasons(qtbot, open_ws, tmp_path,
                                                                                   in_khmer):
    central, _ = foreign_record_kept(open_ws, tmp_path)
    english = merge_store.open_conflicts(central.db)[0]["reason"]
    central.close()
    # The database as the app before this step left it: no key columns, the step not recorded.
    with sqlite3.connect(tmp_path / "central" / DATABASE_NAME) as old:
        old.execute("ALTER TABLE merge_conflicts DROP COLUMN reason_key")
        old.execute("ALTER TABLE merge_conflicts DROP COLUMN reason_params")
        old.execute("DELETE FROM _sqlite_migrations WHERE name = 'm_conflict_reason_keys_v1'")
    old.close()
    central = open_ws("central")
    assert central.db.execute("SELECT reason_key, reason_params FROM merge_conflicts").fetchall() == [("", "{}")]
    [stored] = merge_store.open_conflicts(central.db)
    assert type(stored["reason"]) is str and stored["reason"] == english
    shown = reason_shown(opened(qtbot, central))
    assert shown == str(english)  # better English than nothing: the row's own text


@pytest.mark.parametrize("params", ['{"sender": ', '[1, 2]', '{"sender": {"said": "x", "key": "conflict_foreign", '
                                                              '"params": {"sender": {"said": 1}}}}', '7'])
def test_a_crafted_reason_row_shows_text_and_never_fails(qtbot, open_ws, tmp_path, in_khmer, params):
    central, _ = foreign_record_kept(open_ws, tmp_path)
    central.db.execute("UPDATE merge_conflicts SET reason_params = ?", [params])
    [stored] = merge_store.open_conflicts(central.db)
    shown = reason_shown(opened(qtbot, central))
    assert shown  # the English, or the Khmer with what could be read
    assert str(stored["reason"]).startswith("sent by device Stranger")


def test_the_command_line_lists_the_english_reason_and_its_key(open_ws, tmp_path, capsys):
    central, _ = foreign_record_kept(open_ws, tmp_path)
    folder = str(central.database_path.parent)
    capsys.readouterr()
    assert main(["--data-dir", folder, "conflicts", "list", "--json"]) == 0
    [listed] = json.loads(capsys.readouterr().out)["conflicts"]
    assert listed["reason"].startswith("sent by device Stranger (" + STRANGER + ")")
    assert listed["reason_key"] == "conflict_foreign"
    assert {"id", "record_table", "record_uuid", "revision", "current", "incoming", "fields"} <= set(listed)


def test_on_a_short_window_the_field_that_differs_is_in_view(qtbot, open_ws, tmp_path, in_khmer):
    central, _ = foreign_record_kept(open_ws, tmp_path)
    dialog = opened(qtbot, central)
    dialog.resize(900, 420)
    dialog.show()
    qtbot.waitExposed(dialog)
    differing = next(row for row in range(dialog.fields.rowCount())
                     if dialog.fields.item(row, 1).data(FIELD_ROLE) == "quote")
    assert differing > 3  # the quote comes after the consultation, catalog, code, priority...
    qtbot.waitUntil(lambda: dialog.fields.rowAt(0) == differing, timeout=2000)
    assert dialog.is_highlighted("quote")


def test_the_import_window_says_what_showed_two_laptops_in_khmer(qtbot, open_ws, tmp_path, in_khmer, monkeypatch):
    """The file's message: 'two laptops share one identity: <evidence>', the evidence keyed too."""
    from consultation_app.ui.background import Background
    from tests.test_merge_messages_in_khmer import merged_in_import_window

    monkeypatch.setattr(Background, "synchronous", True)
    a, b, made, central = laptop_copied_after_first_export(open_ws, tmp_path)
    a.records.update(FEEDBACK, made["f"]["uuid"], {"quote": "as A heard it"})
    merge_file(central, export(a, tmp_path / "a-2.xlsx", since_last=True, include_sensitive=True).path)
    b.records.update(FEEDBACK, made["f"]["uuid"], {"quote": "as B heard it"})
    export(b, tmp_path / "b-2.xlsx", since_last=True, include_sensitive=True)
    window = merged_in_import_window(qtbot, central, export(b, tmp_path / "b-3.xlsx", include_sensitive=True).path)
    result = window.model.result(0)
    assert result.status == NEEDS_REVIEW
    assert "sent two different versions of feedback" in result.message  # the command line's English
    details = unbroken(window.details.toPlainText())
    assert "“Kep consultation”" in details and "two different versions" not in details, details
    assert khmer(details.split("b-3.xlsx")[-1]), details
