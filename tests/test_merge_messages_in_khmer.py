"""Issue 18: the rarer things a merge says (a hostile cell named by sheet, row and column, a
readable label that disagrees with its key, two laptops sharing one identity, records of
another device) reach a Khmer Import window in Khmer, with the place kept exactly; the command
line keeps its English text. And no message key used below the interface lacks its text."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from consultation_app.exchange.merge import REJECTED
from consultation_app.exchange.merge_trust import FileTrust, clone_evidence
from consultation_app.exchange.workbook_format import CONSULTATIONS, FEEDBACK_SHEET
from consultation_app.ui import i18n
from consultation_app.ui.background import Background
from consultation_app.ui.error_catalogue import CATALOGUE
from consultation_app.ui.error_text import said_text
from consultation_app.ui.import_window import MESSAGE, ImportWindow
from tests.conftest import REPO_ROOT, dump, edit_copy
from tests.test_messages_in_khmer import khmer
from tests.test_readable_columns import export, laptop, set_cell, where

BELOW_UI = ("domain", "exchange", "services", "storage")


def unbroken(text: str) -> str:
    """Without the zero-width spaces the Khmer catalogue carries as line-break hints."""
    return text.replace("\u200b", "")


def merged_in_import_window(qtbot, central, path, language: str = "km") -> ImportWindow:
    """``path`` merged through the Import window of ``central``, in ``language``."""
    window = ImportWindow(central, Background(), language=language)
    qtbot.addWidget(window)
    window.add_paths([path])
    window.start()
    return window


@pytest.fixture
def in_khmer(qapp):
    assert i18n.install_language("km")
    yield
    i18n.install_language("en")


def keyed_calls_below_the_interface() -> list[tuple[str, set[str] | None, str]]:
    """(key, the keyword arguments given or None for **params, where) of every ``said(english,
    "key", ...)`` and ``.keyed("key", ...)`` below ui whose key is a literal (every branch of a
    conditional key)."""
    calls = []
    for layer in BELOW_UI:
        for path in sorted((Path(REPO_ROOT) / "consultation_app" / layer).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not isinstance(node, ast.Call):
                    continue
                name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
                position = {"said": 1, "keyed": 0}.get(name)
                if position is None or len(node.args) <= position:
                    continue
                candidates = [node.args[position]]
                while any(isinstance(c, ast.IfExp) for c in candidates):
                    candidates = [part for c in candidates
                                  for part in ([c.body, c.orelse] if isinstance(c, ast.IfExp) else [c])]
                given = {keyword.arg for keyword in node.keywords}
                for candidate in candidates:
                    if isinstance(candidate, ast.Constant) and isinstance(candidate.value, str):
                        calls.append((candidate.value, None if None in given else given,
                                      f"{path.relative_to(REPO_ROOT)}:{node.lineno}"))
    return calls


def keys_used_below_the_interface() -> dict[str, str]:
    """Every message key written as a literal below ui, with where it is."""
    return {key: place for key, _, place in keyed_calls_below_the_interface()}


def test_every_key_said_below_the_interface_has_a_text_in_khmer(in_khmer):
    from PySide6.QtCore import QCoreApplication

    used = keys_used_below_the_interface()
    assert len(used) >= 50, sorted(used)  # the walk finds them (a parse that found none would pass)
    missing = {key: place for key, place in used.items() if key not in CATALOGUE}
    assert not missing, missing
    for key, (source, _) in CATALOGUE.items():
        translated = QCoreApplication.translate("ErrorText", str(source))
        assert translated != source, key  # "%1: %2" too: Khmer writes its own punctuation


def test_a_hostile_cell_is_named_in_khmer_with_its_sheet_row_and_column(qtbot, open_ws, tmp_path, in_khmer,
                                                                          monkeypatch):
    monkeypatch.setattr(Background, "synchronous", True)
    ws, made = laptop(open_ws)
    original = export(ws, tmp_path / "original.xlsx")
    uuid = made["c"]["uuid"]
    hostile = edit_copy(original, tmp_path / "hostile.xlsx", set_cell(CONSULTATIONS, uuid, "participants_women",
                                                                      "many"))
    row, letter = where(hostile, CONSULTATIONS, uuid, "participants_women")
    central = open_ws("central", "Central office")
    before = dump(central.database_path)
    window = merged_in_import_window(qtbot, central, hostile, "km")
    result = window.model.result(0)
    shown = unbroken(window.model.index(0, MESSAGE).data())
    assert result.status == REJECTED
    # The command line's English, unchanged.
    assert result.message.startswith(f"hostile.xlsx, sheet '{CONSULTATIONS}', row {row}, column {letter} "
                                     f"(participants_women): expected a whole number, found 'many'"), result.message
    assert shown.startswith(f"hostile.xlsx, សន្លឹក '{CONSULTATIONS}', ជួរដេកទី {row}, "
                            f"ជួរឈរ {letter} (participants_women)៖ ត្រូវការចំនួនគត់"), shown
    assert "'many'" in shown
    assert dump(central.database_path) == before


def test_a_readable_label_that_disagrees_is_refused_in_khmer(qtbot, open_ws, tmp_path, in_khmer, monkeypatch):
    monkeypatch.setattr(Background, "synchronous", True)
    ws, made = laptop(open_ws)
    original = export(ws, tmp_path / "original.xlsx")
    uuid = made["f"][0]["uuid"]
    hostile = edit_copy(original, tmp_path / "hostile.xlsx", set_cell(FEEDBACK_SHEET, uuid, "priority_label", "Low"))
    row, letter = where(hostile, FEEDBACK_SHEET, uuid, "priority_label")
    window = merged_in_import_window(qtbot, open_ws("central", "Central office"), hostile)
    shown = unbroken(window.model.index(0, MESSAGE).data())
    assert window.model.result(0).status == REJECTED
    assert khmer(shown) and "ស្លាក 'Low'" in shown and "'high'" in shown, shown
    assert f"ជួរដេកទី {row}" in shown and f"ជួរឈរ {letter} (priority_label)" in shown, shown


def test_a_second_problem_is_counted_in_khmer(qtbot, open_ws, tmp_path, in_khmer, monkeypatch):
    monkeypatch.setattr(Background, "synchronous", True)
    ws, made = laptop(open_ws)
    original = export(ws, tmp_path / "original.xlsx")
    uuid = made["c"]["uuid"]

    def two(book):
        set_cell(CONSULTATIONS, uuid, "participants_women", "many")(book)
        set_cell(CONSULTATIONS, uuid, "participants_men", -3)(book)
    hostile = edit_copy(original, tmp_path / "hostile.xlsx", two)
    window = merged_in_import_window(qtbot, open_ws("central", "Central office"), hostile)
    shown = unbroken(window.model.index(0, MESSAGE).data())
    assert window.model.result(0).message.endswith("(and 1 more)")
    assert shown.endswith("ប៉ុន្តែឃើញ 'many' (និងបញ្ហា 1 ទៀត)"), shown


def test_two_laptops_sharing_one_identity_are_told_in_khmer(in_khmer):
    trust = FileTrust("device-1", "Takeo laptop", "export-9", "2026-12-05T10:00:00Z")
    trust.shared = clone_evidence("b.xlsx", 4, "Takeo laptop",
                                  [{"file_name": "a.xlsx", "merged_at": "2026-12-01T09:30:00.000Z"}])
    trust.diverged, trust.withdrawals = 2, 1
    trust.foreign = [("feedback", "1234abcd", "Kampot laptop")]
    notes = trust.notes()
    english = [str(note) for note in notes]
    assert english[1].startswith("two laptops share one identity: b.xlsx and a.xlsx (merged 2026-12-01 09:30)")
    for note in notes:
        text = unbroken(said_text(note))
        assert khmer(text), text
    shared = unbroken(said_text(notes[1]))
    assert "b.xlsx" in shared and "a.xlsx" in shared and "2026-12-01 09:30" in shared
    assert "2 " in shared and "1 " in shared  # the counts of what the merge did, each said


def test_in_english_the_interface_says_the_command_lines_text(qtbot, open_ws, tmp_path, monkeypatch, qapp):
    monkeypatch.setattr(Background, "synchronous", True)
    assert i18n.install_language("en")
    ws, made = laptop(open_ws)
    original = export(ws, tmp_path / "original.xlsx")
    hostile = edit_copy(original, tmp_path / "hostile.xlsx",
                        set_cell(CONSULTATIONS, made["c"]["uuid"], "participants_women", "many"))
    central = open_ws("central", "Central office")
    window = merged_in_import_window(qtbot, central, hostile, "en")
    assert window.model.index(0, MESSAGE).data() == window.model.result(0).message
