"""At start, when the data folder was copied from another computer (services/identity.py):
ask whether this laptop becomes a new device or is the same computer as before."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox


class CloneQuestion(QMessageBox):
    """Two answers: become a new device (the default: the safe choice when unsure), or this is
    the same computer (a reinstalled system, a new user account)."""

    def __init__(self, workspace, parent=None):
        super().__init__(parent)
        self.workspace = workspace
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle(QCoreApplication.translate("CloneQuestion", "Copied from another laptop?"))
        self.setText(QCoreApplication.translate(
            "CloneQuestion", "This data folder was set up on another computer or user account. If this laptop's "
                             "disk or data folder was copied from another laptop, both now share one identity and "
                             "the central office cannot tell their work apart."))
        self.setInformativeText(QCoreApplication.translate(
            "CloneQuestion", "Make this laptop a new device: it gets its own identity and signing key. Every "
                             "record and its history stay on it; the central office sees a new device at its next "
                             "export."))
        self.new_device_button = self.addButton(
            QCoreApplication.translate("CloneQuestion", "Make this a &new device"), QMessageBox.ButtonRole.AcceptRole)
        self.same_computer_button = self.addButton(
            QCoreApplication.translate("CloneQuestion", "This is the &same computer"),
            QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(self.new_device_button)
        self.buttonClicked.connect(self._answer)

    def _answer(self, button) -> None:
        if button is self.new_device_button:
            self.workspace.become_new_device()
        elif button is self.same_computer_button:
            self.workspace.confirm_same_computer()


def ask_if_copied(workspace, parent=None) -> None:
    """Ask, when the workspace says its folder was copied; either answer is acted on."""
    if workspace.copied_from_another_computer:
        CloneQuestion(workspace, parent).exec()
