"""At start-up, the passphrase of an encrypted database: asked in a small dialog that checks it
before it closes (a wrong one is said so, and asked again); Quit leaves the app cleanly.

Offscreen (tests, ``--smoke-test`` on a build machine) nobody can type: the passphrase comes
from the environment variable ``PASSPHRASE_ENV``, or the app says so in one line and exits
with 1.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout

from consultation_app.errors import AppError
from consultation_app.storage import encryption
from consultation_app.storage.errors import WrongPassphraseError
from consultation_app.ui.error_text import error_text

PASSPHRASE_ENV = "CONSULTATION_APP_PASSPHRASE"  # offscreen only: nobody can answer a dialog there
ERROR_STYLE = "color: #a01010;"


def nobody_can_answer() -> bool:
    return os.environ.get("QT_QPA_PLATFORM", "") in ("offscreen", "minimal")


def passphrase_field(accessible_name: str) -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName(accessible_name)
    return field


def run_with_wait_cursor(fn: Callable[[], object]) -> object:
    """Key derivation takes a noticeable moment on a field laptop (a few hundred ms)."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        return fn()
    finally:
        QApplication.restoreOverrideCursor()


class PassphraseDialog(QDialog):
    """``unlock(passphrase)`` raises WrongPassphraseError (asked again) or another AppError
    (shown, asked again); the dialog is accepted once it returns."""

    def __init__(self, database_path: Path, unlock: Callable[[str], object], parent=None):
        super().__init__(parent)
        self.unlock = unlock
        self.attempts = 0
        self.setWindowTitle(self.tr("Database passphrase"))
        intro = QLabel(self.tr("The consultation records in %1 are protected by a passphrase. "
                               "Enter it to open them.").replace("%1", str(database_path)))
        intro.setWordWrap(True)
        self.passphrase = passphrase_field(self.tr("Passphrase"))
        self.problem = QLabel()
        self.problem.setObjectName("passphrase_problem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(ERROR_STYLE)
        self.problem.hide()
        form = QFormLayout()
        form.addRow(self.tr("&Passphrase"), self.passphrase)
        self.buttons = QDialogButtonBox()
        self.open_button = self.buttons.addButton(self.tr("&Open"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.quit_button = self.buttons.addButton(self.tr("&Quit"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        # Word-wrapped text: the layout must take the height the wrapped lines need at this width.
        layout.setSizeConstraint(QVBoxLayout.SizeConstraint.SetMinimumSize)
        self.passphrase.setFocus()

    def _show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.show()
        self.passphrase.clear()
        self.passphrase.setFocus()

    def accept(self) -> None:
        text = self.passphrase.text()
        if not text:
            self._show_problem(self.tr("Enter the passphrase."))
            return
        self.attempts += 1
        try:
            run_with_wait_cursor(lambda: self.unlock(text))
        except WrongPassphraseError:
            self._show_problem(self.tr("Wrong passphrase (attempt %1). Check the keyboard language and Caps Lock, "
                                       "then try again.").replace("%1", str(self.attempts)))
            return
        except AppError as error:
            self._show_problem(error_text(error))
            return
        super().accept()


def unlock_at_start(database_path: Path) -> int | None:
    """Unlock the encrypted database before the window opens. None: unlocked, carry on;
    otherwise the exit code: 0 the person chose Quit, 1 nobody could give the passphrase."""
    if nobody_can_answer():
        passphrase = os.environ.get(PASSPHRASE_ENV)
        if not passphrase:
            print(f"consultation-app: {database_path}: the database is protected by a passphrase and nobody can "
                  f"type it here; set the environment variable {PASSPHRASE_ENV} or use --passphrase-env VAR",
                  file=sys.stderr)
            return 1
        try:
            encryption.unlock(database_path, passphrase)
        except AppError as error:
            print(f"consultation-app: {error}", file=sys.stderr)
            return 1
        return None
    dialog = PassphraseDialog(database_path, lambda text: encryption.unlock(database_path, text))
    return None if dialog.exec() == QDialog.DialogCode.Accepted else 0
