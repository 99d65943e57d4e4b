"""At start the app applies consents whose keep-until date has passed (services/consent.sweep:
what they covered is wiped as by a withdrawal) and tells the officer what was wiped, in the
interface language: a message box that does not block and a line in the status bar."""

from __future__ import annotations

import logging
import re
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from consultation_app.errors import AppError

log = logging.getLogger(__name__)
translate = QCoreApplication.translate  # lupdate finds translate("Retention", ...)


def apply_at_start(workspace: Any) -> tuple[list, str | None]:
    """Sweep the data folder; (what was wiped, None) or ([], the reason it could not be done:
    shown to the officer, the app still starts)."""
    from consultation_app.services import consent

    try:
        return consent.sweep(workspace.records), None
    except AppError as error:
        from consultation_app.ui.error_text import error_text

        return [], error_text(error)


def apply_after_merge(database_path: Any, records: Any) -> list:
    """After a merge, off the GUI thread on its own connection: consents past their keep-until
    date (merged ones too) are applied; a VACUUM of the whole store when anything is wiped. A
    failure is logged: reports and exports still refuse content past its date."""
    from consultation_app.services import consent
    from consultation_app.storage.connection import connect
    from consultation_app.storage.pg_connection import connect_postgresql, is_postgresql_url
    from consultation_app.storage.records_store import RecordStore

    server = isinstance(database_path, str) and is_postgresql_url(database_path)
    try:
        with (connect_postgresql(database_path) if server else connect(database_path)) as db:
            return consent.sweep(RecordStore(db, records.device_id, records.reference, officer=records.officer))
    except AppError as error:
        log.warning("consents past their keep-until date not applied: %s", error)
        return []


def item_text(item: Any) -> str:
    title = item.consultation_title or item.consultation_uuid
    if item.subject:
        text = translate("Retention", "The consent of one quoted person in \u201c%1\u201d was kept until %2: "
                                      "%3 entries and %4 photos or recordings were wiped.")
    else:
        text = translate("Retention", "The consent for \u201c%1\u201d was kept until %2: %3 entries and %4 "
                                      "photos or recordings were wiped.")
    values = {"%1": title, "%2": item.retain_until, "%3": str(item.entries_withdrawn),
              "%4": str(item.attachments_wiped)}
    # One pass, so a title holding '%2' keeps its text.
    return re.sub(r"%[1-4]", lambda match: values[match.group(0)], text)


def notice_text(items: list) -> str:
    head = translate("Retention", "Consent past its keep-until date: what it covered was wiped, as if the "
                                  "consent had been withdrawn. The next export tells the central office.")
    return "\n\n".join([head, *(item_text(item) for item in items)])


def show(parent: QWidget, items: list, failure: str | None = None) -> QMessageBox | None:
    """A message box that does not block the window (the officer can work at once), and a line
    in the status bar; None when there is nothing to say."""
    if not items and failure is None:
        return None
    box = QMessageBox(parent)
    box.setObjectName("retention_notice")
    box.setWindowTitle(translate("Retention", "Consent past its keep-until date"))
    if failure is not None:
        box.setIcon(QMessageBox.Icon.Warning)
        box.setText(translate("Retention", "Consents past their keep-until date could not be applied: %1")
                    .replace("%1", failure))
    else:
        box.setIcon(QMessageBox.Icon.Information)
        box.setText(notice_text(items))
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setModal(False)
    box.show()
    status = getattr(parent, "statusBar", None)
    if status is not None and items:
        status().showMessage(translate("Retention", "Consent past its keep-until date: %1 consultations wiped "
                                                    "as withdrawn").replace("%1", str(len(items))))
    return box
