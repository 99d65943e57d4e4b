"""First start on a laptop: name the device and the officer, choose a default province and
the interface language. Shown once, before any capture work."""

from __future__ import annotations

import socket

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout

from consultation_app.domain.reference import ReferenceLists
from consultation_app.ui.binder import fill_combo

LANGUAGES = (("English", "en"), ("ខ្មែរ (Khmer)", "km"))


class FirstRunDialog(QDialog):
    def __init__(self, reference: ReferenceLists, device_name: str = "", parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Welcome"))
        intro = QLabel(self.tr("This laptop keeps consultation records offline. Give it a name the central "
                               "office will recognise, and tell us who you are."))
        intro.setWordWrap(True)
        self.device_name = QLineEdit(device_name or socket.gethostname())
        self.device_name.setAccessibleName(self.tr("Device name"))
        self.officer_name = QLineEdit()
        self.officer_name.setAccessibleName(self.tr("Officer name"))
        self.province = fill_combo(QComboBox(), [(p.en, p.key) for p in reference.items("provinces")])
        self.province.setAccessibleName(self.tr("Default province"))
        self.language = fill_combo(QComboBox(), list(LANGUAGES), blank=None)
        self.language.setAccessibleName(self.tr("Interface language"))
        form = QFormLayout()
        form.addRow(self.tr("Device name"), self.device_name)
        form.addRow(self.tr("Your name (field officer)"), self.officer_name)
        form.addRow(self.tr("Default province"), self.province)
        form.addRow(self.tr("Interface language"), self.language)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self._accept)
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #a01010;")
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)

    def _accept(self) -> None:
        if not self.device_name.text().strip() or not self.officer_name.text().strip():
            self.problem.setText(self.tr("Please give both a device name and your name."))
            return
        self.accept()

    def values(self) -> dict[str, str | None]:
        return {
            "device_name": self.device_name.text().strip(),
            "officer_name": self.officer_name.text().strip(),
            "default_province": self.province.currentData(),
            "interface_language": self.language.currentData(),
        }
