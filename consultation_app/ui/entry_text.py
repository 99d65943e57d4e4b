"""The whole of one feedback entry, opened by double-clicking it in the dashboard's list: the
list shows a one-line excerpt. What the dashboard withholds (sensitive entries) stays withheld,
and the name a quote is attributed to is never shown here."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout

from consultation_app.domain.records import CONSULTATION, FEEDBACK


def _html(text: str) -> str:
    return (text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>")


def _record(workspace, kind, uuid: str) -> dict:
    """The record held, from a data folder's records or a central server's store."""
    records = getattr(workspace, "records", None)
    if records is not None:
        return records.get(kind, uuid) or {}
    from consultation_app.storage import merge_store

    return merge_store.current_record(workspace.db, kind, uuid) or {}


class EntryTextDialog(QDialog):
    def __init__(self, workspace, uuid: str, labels: dict[str, str], parent=None):
        """``labels``: the entry's priority, assessment, group and province as the list shows them."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Feedback entry"))
        entry = _record(workspace, FEEDBACK, uuid)
        consultation = _record(workspace, CONSULTATION, entry.get("consultation_uuid") or "")
        self.text = QTextBrowser()
        self.text.setObjectName("entry_text")
        head = [f"<h3>{_html(consultation.get('title') or '')}</h3>",
                "<p>" + " · ".join(_html(part) for part in (
                    consultation.get("start_date") or "", labels.get("group", ""), labels.get("province", ""),
                    entry.get("recommendation_code") or "", labels.get("priority", ""),
                    labels.get("assessment", "")) if part) + "</p>"]
        if entry.get("sensitive"):
            withheld = self.tr("Marked sensitive: its words are not shown.")
            body = [f"<p><i>{_html(withheld)}</i></p>"]
        else:
            body = [f"<p><b>{_html(title)}</b><br>{_html(entry.get(field) or '')}</p>"
                    for title, field in ((self.tr("Comment"), "comment"), (self.tr("Verbatim quote"), "quote"),
                                         (self.tr("Quote translation"), "quote_translation"),
                                         (self.tr("Suggested actions"), "suggested_actions"),
                                         (self.tr("Responsible institutions"), "responsible_institutions"))
                    if (entry.get(field) or "").strip()]
        self.text.setHtml("".join(head + body))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.resize(560, 420)
