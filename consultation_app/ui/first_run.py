"""First start on a laptop: name the device and the officer, choose a default province and
the interface language. Shown once, before any capture work. It speaks the language chosen in
it, and proposes a device name the central office can recognise (province and officer, not the
host name a shop gave the laptop)."""

from __future__ import annotations

import platform
import re
import unicodedata

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout

from consultation_app.domain.reference import ReferenceLists
from consultation_app.ui.binder import collated, fill_combo
from consultation_app.ui.i18n import install_language

LANGUAGES = (("English", "en"), ("ខ្មែរ (Khmer)", "km"))


def proposed_device_name(province_key: str | None, officer: str) -> str:
    """e.g. "ratanakiri-sophea-chan": Latin letters and digits only (it ends up in file names
    and the central office's lists); a Khmer-only name gives "ratanakiri-laptop"."""
    ascii_name = unicodedata.normalize("NFKD", officer).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:24].strip("-")
    return f"{(province_key or 'field').replace('_', '-')}-{slug or 'laptop'}"


class FirstRunDialog(QDialog):
    def __init__(self, reference: ReferenceLists, device_name: str = "", parent=None):
        super().__init__(parent)
        self.reference = reference
        if device_name == platform.node():
            device_name = ""  # the name a shop gave the computer: the central office cannot tell whose it is
        self._device_name_typed = bool(device_name)  # a name given before is kept, not re-proposed
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.device_name = QLineEdit(device_name)
        self.device_name.textEdited.connect(self._device_name_edited)
        self.officer_name = QLineEdit()
        self.province = QComboBox()
        self.language = fill_combo(QComboBox(), list(LANGUAGES), blank=None)
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.captions = [QLabel() for _ in range(4)]
        for caption, field in zip(self.captions, (self.device_name, self.officer_name, self.province, self.language)):
            caption.setBuddy(field)
            self.form.addRow(caption, field)
        self.buttons = QDialogButtonBox()
        # Not a standard OK button: Qt renames those on a language switch, after _retranslate.
        self.start_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self._accept)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #a01010;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.officer_name.textEdited.connect(self._propose_device_name)
        self.province.currentIndexChanged.connect(self._propose_device_name)
        self.language.currentIndexChanged.connect(self._language_chosen)
        self._retranslate("en")
        self._propose_device_name()

    def _language_chosen(self) -> None:
        """The dialog switches to the language just chosen, as the app will."""
        language = self.language.currentData()
        install_language(language)
        self._retranslate(language)

    def _retranslate(self, language: str) -> None:
        self.setWindowTitle(self.tr("Welcome"))
        self.intro.setText(self.tr("This laptop keeps consultation records offline. Give it a name the central "
                                   "office will recognise, and tell us who you are."))
        labels = (self.tr("Device name"), self.tr("Your name (field officer)"), self.tr("Default province"),
                  self.tr("Interface language"))
        for caption, text in zip(self.captions, labels):
            caption.setText(text)
        for field, name in zip((self.device_name, self.officer_name, self.province, self.language),
                               (self.tr("Device name"), self.tr("Officer name"), self.tr("Default province"),
                                self.tr("Interface language"))):
            field.setAccessibleName(name)
        self.device_name.setToolTip(self.tr("Shown to the central office with everything this laptop exports"))
        chosen = self.province.currentData()
        self.province.blockSignals(True)
        fill_combo(self.province, collated([(p.label(language), p.key) for p in self.reference.items("provinces")],
                                           language))
        self.province.setCurrentIndex(max(self.province.findData(chosen), 0))
        self.province.blockSignals(False)
        self.start_button.setText(self.tr("Start"))
        if self.problem.text():
            self.problem.setText(self.tr("Please give both a device name and your name."))

    def _device_name_edited(self, text: str) -> None:
        self._device_name_typed = bool(text.strip())

    def _propose_device_name(self, *_) -> None:
        if not self._device_name_typed:
            self.device_name.setText(proposed_device_name(self.province.currentData(), self.officer_name.text()))

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
