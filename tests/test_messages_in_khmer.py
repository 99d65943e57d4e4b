"""Issue 18: what storage and exchange say reaches a Khmer interface in Khmer (merge results in
the Import window, restore, backup, a full disk, a locked database, passphrases), while the
command line keeps its English text exactly."""

import io
import sqlite3
import zipfile

import pytest

from consultation_app.domain.records import CONSULTATION
from consultation_app.errors import AppError
from consultation_app.exchange.export import export_package
from consultation_app.services import passphrase
from consultation_app.services.demo import add_demo_data
from consultation_app.services.workspace import Workspace
from consultation_app.storage import backup, encryption
from consultation_app.storage.errors import DiskFullError, WrongPassphraseError, classify
from consultation_app.ui import i18n
from consultation_app.ui.background import Background, failure_message
from consultation_app.ui.error_text import error_text, known_keys, result_text
from consultation_app.ui.import_window import MESSAGE, ImportWindow


def khmer(text: str) -> bool:
    """Mostly Khmer script, besides the paths and file names it quotes."""
    words = [word for word in text.split() if "/" not in word and "." not in word[:-1]]
    letters = [c for c in "".join(words) if c.isalpha()]
    return sum("\u1780" <= c <= "\u17ff" for c in letters) > len(letters) // 2


@pytest.fixture
def in_khmer(qapp):
    assert i18n.install_language("km")
    yield
    i18n.install_language("en")
    encryption.forget()


def word_document(path):
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    path.write_bytes(data.getvalue())
    return path


def test_merge_results_in_the_import_window_are_in_khmer(qtbot, workspace, tmp_path, in_khmer, monkeypatch):
    monkeypatch.setattr(Background, "synchronous", True)
    with Workspace(database_path=tmp_path / "laptop.sqlite3") as laptop:
        add_demo_data(laptop, 1, 3, feedback_mean=2)
        export = export_package(laptop.database_path, tmp_path / "laptop.xlsx", laptop.reference).path
    minutes = word_document(tmp_path / "minutes.xlsx")
    window = ImportWindow(workspace, Background(), language="km")
    qtbot.addWidget(window)
    window.add_paths([export, minutes])
    window.start()
    first = [window.model.index(row, MESSAGE).data() for row in range(window.model.rowCount())]
    window.start()  # the same files again: the export is already merged
    again = [window.model.index(row, MESSAGE).data() for row in range(window.model.rowCount())]
    shown = {"merged": first[0], "word": first[1], "already": again[0]}
    for what, text in shown.items():
        assert khmer(text), (what, text)
    assert "minutes.xlsx" in shown["word"] and "Word" in shown["word"]
    # The merge's own (English) text is untouched: the command line prints it.
    english = [window.model.result(row) for row in range(window.model.rowCount())]
    assert english[1].message == "minutes.xlsx: a Word document, not an export workbook"
    assert english[0].message.startswith("already merged on ")
    window.table.selectRow(1)
    assert khmer(window.details.toPlainText().split("\n", 2)[-1])


def test_restore_and_backup_problems_are_in_khmer(workspace, tmp_path, in_khmer):
    bad = tmp_path / "consultations-manual.sqlite3"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x07" * 8192)
    for trigger in (lambda: backup.restore(tmp_path / "missing.sqlite3", workspace.database_path),
                    lambda: backup.restore(bad, tmp_path / "other.sqlite3")):
        with pytest.raises(AppError) as raised:
            trigger()
        assert raised.value.key, str(raised.value)
        assert khmer(failure_message(raised.value)), (str(raised.value), failure_message(raised.value))
        assert str(raised.value.params.get("path")) in failure_message(raised.value)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the backups folder should be")
    with pytest.raises(AppError) as raised:
        backup.make_backup(workspace.database_path, backup.MANUAL, folder=blocker / "backups")
    assert khmer(error_text(raised.value)), str(raised.value)


def test_a_full_disk_and_a_locked_database_are_said_in_khmer(workspace, in_khmer):
    path = workspace.database_path
    full = classify(sqlite3.OperationalError("database or disk is full"), path)
    assert isinstance(full, DiskFullError) and khmer(error_text(full))
    assert "MB" in error_text(full) and "free at least" in str(full)  # the CLI's English, unchanged
    holder = sqlite3.connect(path, timeout=0)
    holder.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        other = sqlite3.connect(path, timeout=0)
        with pytest.raises(sqlite3.OperationalError) as raised:
            other.execute("BEGIN IMMEDIATE")
        other.close()
    finally:
        holder.rollback()
        holder.close()
    locked = classify(raised.value, path)
    assert locked is not None and khmer(error_text(locked)), str(locked)
    assert str(locked) == f"{path}: the database is busy in another program; close it and try again"


def test_passphrase_problems_are_said_in_khmer(data_dir, in_khmer):
    ws = Workspace()
    ws.records.create(CONSULTATION, {"title": "t", "stakeholder_group": "civil_society", "province": "kandal",
                                     "start_date": "2024-03-05"})
    ws.close()
    passphrase.set_passphrase(ws.database_path, "mekong river at dawn")
    encryption.forget()
    with pytest.raises(WrongPassphraseError) as wrong:
        encryption.unlock(ws.database_path, "mekong river at dusk")
    with pytest.raises(AppError) as required:
        Workspace()
    for error in (wrong.value, required.value):
        assert khmer(error_text(error)) and str(ws.database_path) in error_text(error), str(error)


def test_every_message_key_has_a_khmer_text(in_khmer):
    from consultation_app.ui.error_catalogue import CATALOGUE
    from consultation_app.ui.error_text import keyed_text

    for key in known_keys():
        given = {name: "1" for name in CATALOGUE[key][1]}  # a text missing its arguments says its English
        if any(letter.isalpha() for letter in str(CATALOGUE[key][0]).replace("%", "")):
            assert khmer(keyed_text(key, given, "English")), key
        else:  # only places and punctuation ("%1: %2"): Khmer writes its own
            assert keyed_text(key, given, "English") != "English", key


def test_english_keeps_the_full_english_text(workspace):
    full = classify(sqlite3.OperationalError("database or disk is full"), workspace.database_path)
    assert error_text(full) == str(full)


def test_a_result_without_a_key_is_shown_as_it_is(in_khmer):
    from consultation_app.exchange.merge_results import FileResult

    assert result_text(FileResult("x.xlsx", "rejected", "x.xlsx: something new")) == "x.xlsx: something new"


def test_a_file_name_holding_a_placeholder_or_control_characters_is_shown_as_it_is(in_khmer):
    """Values are put into the Khmer text in one pass: a file named "%1.xlsx" keeps its name
    (the date is not pasted into it), and an escape character is written out, never sent."""
    from consultation_app.ui.error_text import keyed_text

    text = keyed_text("merge_already", {"when": "2026-12-05", "file": "%1\x1b[2J.xlsx"}, "english")
    assert "%1\\x1b[2J.xlsx" in text and "\x1b" not in text
    assert text.count("2026-12-05") == 1
