"""Adversary: what the Import window shows of a hostile file's name and of its refusal.

A cell's value is quoted in the refusal ("found '<excerpt>'"), a file's name is its sender's
choice: the window must show both as the text they are. Qt takes any tooltip whose first line
looks like HTML for HTML, so a file named "<h2>merged: 12 new<p hidden>.xlsx" drew a heading
and hid the real reason in its tooltip; a right-to-left override in a name turned
"report-\u202eslx.2202" into what reads as another file's name in the File column.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtGui import QTextDocument

from consultation_app.exchange.merge import REJECTED, FileResult
from consultation_app.ui.import_window import ResultsModel

FAKE = "<h2>merged: 12 new, 0 updated</h2><p style='display:none'>"
HTML_NAME = "<h2>merged: 12 new<p hidden>.xlsx"  # a file name cannot hold '/', a tag needs none
NAME = "takeo-\u202eslx.2202-keot.xlsx"  # shows as "takeo-xlsx.2202-keot..." reversed


def _as_qt_shows(text: str) -> str:
    """The text a person reads where Qt shows ``text`` as a tooltip (rich text when it looks like it)."""
    document = QTextDocument()
    if GuiQt.mightBeRichText(text):
        document.setHtml(text)
    else:
        document.setPlainText(text)
    return document.toPlainText()


def _model(qapp) -> ResultsModel:
    model = ResultsModel()
    message = f"{NAME}, sheet 'feedback', row 3, column D (comment): found '{FAKE}'"
    model.set_results([FileResult(path=f"/media/stick/{NAME}", status=REJECTED, message=message),
                       FileResult(path=f"/media/stick/{HTML_NAME}", status=REJECTED, message=message)])
    return model


def test_a_refusal_quoting_html_is_shown_as_text_in_the_tooltip(qapp):
    model = _model(qapp)
    for row in (0, 1):
        for column in range(model.columnCount()):
            tip = model.data(model.index(row, column), Qt.ItemDataRole.ToolTipRole)
            assert FAKE in _as_qt_shows(tip), tip
    tip = model.data(model.index(1, 0), Qt.ItemDataRole.ToolTipRole)
    assert HTML_NAME in _as_qt_shows(tip), tip


def test_direction_overrides_in_a_name_are_shown_written_out(qapp):
    model = _model(qapp)
    shown = [model.data(model.index(0, column), role) or ""
             for column in range(model.columnCount())
             for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)]
    assert not any("\u202e" in text for text in shown)
    assert any("takeo-" in text and "202e" in text.lower() for text in shown)
