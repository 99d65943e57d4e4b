"""File > Database passphrase: protect the database (and its backups) with a passphrase,
change it or remove it. The dialog warns that a forgotten passphrase loses the data for good,
and that full-disk encryption is still needed (docs/database-encryption.md says why).

The work itself (services/passphrase.py) runs on the background helper while a modal progress
dialog is shown; the window's own connection is closed first and opened again afterwards.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QRadioButton,
    QVBoxLayout,
)

from consultation_app.errors import AppError
from consultation_app.services import passphrase
from consultation_app.storage import encryption
from consultation_app.storage.errors import WrongPassphraseError
from consultation_app.ui.error_text import error_text
from consultation_app.ui.passphrase_dialog import ERROR_STYLE, passphrase_field, run_with_wait_cursor

SET, CHANGE, REMOVE = "set", "change", "remove"


class PassphraseSettingsDialog(QDialog):
    """Set (plain database) or change/remove (encrypted one). The current passphrase is asked
    again before a change or a removal: an unlocked laptop left on a table must not be enough."""

    def __init__(self, database_path, encrypted: bool, parent=None):
        super().__init__(parent)
        self.database_path = database_path
        self.encrypted = encrypted
        self.action = CHANGE if encrypted else SET
        self.setWindowTitle(self.tr("Database passphrase"))
        layout = QVBoxLayout(self)
        state = (self.tr("The database %1 is protected by a passphrase.") if encrypted else
                 self.tr("The database %1 is not protected by a passphrase.")).replace("%1", str(database_path))
        intro = QLabel(state)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.change_choice = QRadioButton(self.tr("&Change the passphrase"))
        self.remove_choice = QRadioButton(self.tr("&Remove the passphrase (store the records unencrypted)"))
        if encrypted:
            self.change_choice.setChecked(True)
            layout.addWidget(self.change_choice)
            layout.addWidget(self.remove_choice)
            self.remove_choice.toggled.connect(self._choice_changed)
        self.current = passphrase_field(self.tr("Current passphrase"))
        self.new = passphrase_field(self.tr("New passphrase"))
        self.again = passphrase_field(self.tr("New passphrase again"))
        form = QFormLayout()
        if encrypted:
            form.addRow(self.tr("Curren&t passphrase"), self.current)
        form.addRow(self.tr("&New passphrase"), self.new)
        form.addRow(self.tr("New passphrase a&gain"), self.again)
        layout.addLayout(form)
        self.warning = QLabel(self.tr(
            "If the passphrase is forgotten, nobody can open these consultation records again: there is no "
            "way to recover them. Write it down and keep it somewhere safe, away from the laptop.\n\n"
            "The passphrase protects only the database and its backups. Exports, Excel's own copies of "
            "opened exports and Windows' page file are not covered: full-disk encryption (BitLocker, or "
            "VeraCrypt) is still required on this laptop."))
        self.warning.setWordWrap(True)
        layout.addWidget(self.warning)
        self.understood = QCheckBox(self.tr("I &understand that a forgotten passphrase means the data is lost"))
        layout.addWidget(self.understood)
        self.problem = QLabel()
        self.problem.setObjectName("passphrase_settings_problem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(ERROR_STYLE)
        self.problem.hide()
        layout.addWidget(self.problem)
        self.buttons = QDialogButtonBox()
        self.ok_button = self.buttons.addButton(self.tr("&Protect the database") if not encrypted
                                                else self.tr("&Apply"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(600, 0)

    def _choice_changed(self) -> None:
        self.action = REMOVE if self.remove_choice.isChecked() else CHANGE
        for field in (self.new, self.again):
            field.setEnabled(self.action != REMOVE)
        self.understood.setText(self.tr("I &understand that the records will be stored unencrypted")
                                if self.action == REMOVE else
                                self.tr("I &understand that a forgotten passphrase means the data is lost"))

    def _refuse(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.show()

    def new_passphrase(self) -> str | None:
        return None if self.action == REMOVE else self.new.text()

    def accept(self) -> None:
        if self.action != REMOVE:
            if len(self.new.text()) < encryption.MIN_PASSPHRASE_CHARS or not self.new.text().strip():
                return self._refuse(self.tr("The new passphrase is too short: use at least %1 characters.")
                                    .replace("%1", str(encryption.MIN_PASSPHRASE_CHARS)))
            if self.new.text() != self.again.text():
                return self._refuse(self.tr("The two new passphrases differ."))
        if not self.understood.isChecked():
            return self._refuse(self.tr("Tick the box to confirm that you have read the warning."))
        if self.encrypted:
            try:
                run_with_wait_cursor(lambda: encryption.unlock(self.database_path, self.current.text()))
            except (WrongPassphraseError, AppError):
                self.current.clear()
                return self._refuse(self.tr("The current passphrase is wrong."))
        super().accept()


def result_message(result: passphrase.PassphraseResult) -> str:
    translate = QCoreApplication.translate
    if result.action == passphrase.SET:
        done = translate("PassphraseSettings",
                         "The database is now protected by the passphrase. Backups encrypted with it: %1.")
    elif result.action == passphrase.CHANGED:
        done = translate("PassphraseSettings",
                         "The passphrase was changed. Backups given the new passphrase: %1.")
    else:
        done = translate("PassphraseSettings",
                         "The database is no longer protected by a passphrase. Backups decrypted: %1.")
    parts = [done.replace("%1", str(len(result.backups)))]
    others = [str(path) for path, _ in result.left_as_they_were if path not in result.plain_left]
    if others:
        parts.append(translate("PassphraseSettings", "These backups were left as they were (they open only with "
                                                     "the passphrase they were made with):\n%1")
                     .replace("%1", "\n".join(others)))
    if result.plain_left:
        parts.append(translate("PassphraseSettings", "Unencrypted copies of the database remain; delete them "
                                                     "when they are no longer needed:\n%1")
                     .replace("%1", "\n".join(str(path) for path in result.plain_left)))
    return "\n\n".join(parts)


def open_passphrase_settings(window) -> None:
    """The File menu's entry: ask, then convert on the background helper, then reopen."""
    translate = QCoreApplication.translate
    workspace = window.workspace
    title = translate("PassphraseSettings", "Database passphrase")
    if window.background.busy():
        QMessageBox.information(window, title, translate(
            "PassphraseSettings", "An export, merge or backup is running. Try again once it has finished."))
        return
    dialog = PassphraseSettingsDialog(workspace.database_path, encryption.is_encrypted(workspace.database_path),
                                      window)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    action, new = dialog.action, dialog.new_passphrase()
    window.autosaver.flush()
    workspace.close()
    progress = QProgressDialog(translate("PassphraseSettings", "Converting the database and its backups…"), "",
                               0, 0, window)
    progress.setWindowTitle(title)
    progress.setCancelButton(None)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(0)
    progress.show()

    def work(report, cancelled):
        # new is None only for REMOVE; were it not, "" is refused as an empty passphrase
        if action == SET:
            return passphrase.set_passphrase(workspace.database_path, new or "", report)
        if action == CHANGE:
            return passphrase.change_passphrase(workspace.database_path, new or "", report)
        return passphrase.remove_passphrase(workspace.database_path, report)

    def finish(text: str, failed: bool) -> None:
        progress.close()
        try:
            workspace.reopen()
        except AppError as error:
            QMessageBox.critical(window, title, translate(
                "PassphraseSettings", "The database could not be opened again: %1\n\nThe app will close; "
                                      "start it again.").replace("%1", error_text(error)))
            window.close()
            return
        window.refresh_status_bar()
        (QMessageBox.warning if failed else QMessageBox.information)(window, title, text)

    def failed(error: Exception) -> None:
        if isinstance(error, AppError):
            finish(error_text(error), True)
        else:
            finish(translate("PassphraseSettings", "The passphrase could not be set, changed or removed: %1")
                   .replace("%1", f"{type(error).__name__}: {error}"), True)

    def on_progress(done: int, total: int) -> None:
        progress.setMaximum(total)
        progress.setValue(done)

    window.background.start(work, on_progress=on_progress, on_error=failed,
                            on_result=lambda result: finish(result_message(result), False))
