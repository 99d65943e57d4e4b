"""Attack (adversary5, point 1): a crafted or restored database whose merge_conflicts rows carry
hostile reasons (reason, reason_key, reason_params): huge, deeply nested, wrong types, a key
not in the catalogue, a key whose text wants more arguments than the row gives, markup a QLabel
would render, direction controls. The conflicts window and `conflicts list --json` must show
something readable, never crash, never render markup, never hang."""

from __future__ import annotations

import json
import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as GuiQt

from consultation_app.cli.main import main
from consultation_app.storage import merge_store
from consultation_app.ui import i18n
from consultation_app.ui.conflicts_dialog import ConflictsDialog
from tests.test_conflict_reasons_in_khmer import foreign_record_kept

MARKUP = '<img src="file:///etc/passwd"><a href="https://evil.example/">click</a><b>urgent</b>'
RLO = "\u202e"


@pytest.fixture(params=["en", "km"])
def language(request, qapp):
    assert i18n.install_language(request.param)
    yield request.param
    i18n.install_language("en")


def crafted(central, reason: object, key: object, params: object) -> None:
    """What an edited copy of the database, later restored, holds: written past the app."""
    central.db.conn.execute("UPDATE merge_conflicts SET reason = ?, reason_key = ?, reason_params = ?",
                            (reason, key, params))
    central.db.conn.commit()


def shown_plain(label) -> bool:
    """The label shows its text as text (no markup rendered)."""
    return label.textFormat() == Qt.TextFormat.PlainText or (
        label.textFormat() == Qt.TextFormat.AutoText and not GuiQt.mightBeRichText(label.text()))


def nested(depth: int) -> dict:
    said: dict = {"said": "innermost", "key": "untitled", "params": {}}
    for _ in range(depth):
        said = {"said": "outer", "key": "conflict_shared_identity",
                "params": {"device": "D", "device_id": "x", "evidence": said}}
    return said


HOSTILE = {
    "markup, no key": (MARKUP, "", "{}"),
    "markup in the arguments": ("sent by a stranger", "conflict_foreign",
                                json.dumps({"sender": MARKUP, "sender_id": MARKUP, "export": "<i>e</i>",
                                            "owner": "<u>o</u>", "owner_id": "x"})),
    "key not in the catalogue": ("English as stored", "no_such_key_" + "x" * 50, json.dumps({"a": 1})),
    "too few arguments": ("sent by device Stranger, the whole English reason", "conflict_foreign", "{}"),
    "wrong types": ("wrong types", "conflict_foreign",
                    json.dumps({"sender": {"said": 5, "key": [], "params": "no"}, "sender_id": [1, [2, [3, [4]]]],
                                "export": 1e308, "owner": None, "owner_id": {"a": {"b": {}}}})),
    "not an object": ("a list, not an object", "conflict_foreign", "[1, 2, 3]"),
    "not JSON": ("not JSON at all", "conflict_foreign", "{'sender': "),
    "deep JSON": ("deeply nested JSON", "conflict_foreign", "[" * 200_000 + "]" * 200_000),
    "deep keyed reasons": ("keyed reasons inside keyed reasons", "conflict_shared_identity",
                           json.dumps({"device": "D", "device_id": "x", "evidence": nested(300)})),
    "huge numbers": ("a number of 5000 digits", "conflict_foreign", '{"sender": ' + "9" * 5000 + "}"),
    "bidi, no key": (f"sent by {RLO}gnp.exe{RLO}", "", "{}"),
    "bidi in the arguments": ("bidi", "conflict_foreign",
                              json.dumps({"sender": f"{RLO}evil\x1b[2J", "sender_id": "\u2066x\u2069", "export": "e",
                                          "owner": "o", "owner_id": "i"})),
    "key and arguments of other types": ("typed", 42, b"\xff\xfe"),
    "no reason at all": ("", "conflict_foreign", ""),
    "huge text": ("R" * 2_000_000, "conflict_foreign",
                  json.dumps({"sender": "S" * 2_000_000, "sender_id": "i", "export": "e", "owner": "o",
                              "owner_id": "i"})),
}


@pytest.mark.parametrize("case", list(HOSTILE))
def test_a_hostile_stored_reason_is_shown_as_plain_readable_text(qtbot, open_ws, tmp_path, language, case):
    central, _ = foreign_record_kept(open_ws, tmp_path)
    crafted(central, *HOSTILE[case])
    started = time.monotonic()
    dialog = ConflictsDialog(central, language)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.heading.sizeHint()
    assert time.monotonic() - started < 20  # a 2 MB reason must not hang the window's layout
    heading = dialog.heading.text()
    assert shown_plain(dialog.heading), heading[:300]
    assert RLO not in heading and "\x1b" not in heading and "\u2066" not in heading
    assert len(heading) < 20_000  # a person reads a line, not two million characters
    if case == "too few arguments":  # the blanks of a text missing its arguments are not "readable"
        assert "the whole English reason" in heading, heading


@pytest.mark.parametrize("case", list(HOSTILE))
def test_conflicts_list_json_survives_a_hostile_stored_reason(open_ws, tmp_path, capsys, case):
    central, _ = foreign_record_kept(open_ws, tmp_path)
    crafted(central, *HOSTILE[case])
    folder = central.database_path.parent
    central.close()
    capsys.readouterr()
    code = main(["--data-dir", str(folder), "conflicts", "list", "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert RLO not in out and "\x1b" not in out and "\u2066" not in out  # escaped in the JSON text
    [listed] = json.loads(out)["conflicts"]
    assert isinstance(listed["reason"], str) and isinstance(listed["reason_key"], str)
    assert main(["--data-dir", str(folder), "conflicts", "list"]) == 0


def test_the_title_of_the_consultation_in_the_heading_renders_no_markup(qtbot, open_ws, tmp_path, language):
    """The heading's first line names the record by its consultation's title, which a file sets."""
    central, _ = foreign_record_kept(open_ws, tmp_path)
    central.db.conn.execute("UPDATE consultations SET title = ?", (MARKUP,))
    central.db.conn.commit()
    [conflict] = merge_store.open_conflicts(central.db)
    dialog = ConflictsDialog(central, language)
    qtbot.addWidget(dialog)
    assert shown_plain(dialog.heading), dialog.heading.text()
