"""Interface languages: Qt's own translation system (.ts sources in resources/i18n, .qm built
from them by `python -m consultation_app.ui.i18n --compile`, which the setup scripts and the
installer build run), a bundled Khmer font, and a pseudo-translation for testing layouts."""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from consultation_app import paths

LANGUAGES = {"en": "English", "km": "ខ្មែរ (Khmer)"}
KHMER_FONT = "Noto Sans Khmer"
_installed: list[QTranslator] = []


def ts_path(language: str) -> Path:
    return paths.resources_dir() / "i18n" / f"consultation_app_{language}.ts"


def qm_path(language: str) -> Path:
    return paths.resources_dir() / "i18n" / f"consultation_app_{language}.qm"


class KhmerTranslator(QTranslator):
    """The .qm's translations with a zero-width space between Khmer words (khmer_breaks): a
    wrapped label breaks between words, never inside one."""

    def translate(self, context, source_text, disambiguation=None, n=-1):  # noqa: N802 - Qt's name
        from consultation_app.ui.khmer_breaks import with_word_breaks

        text = super().translate(context, source_text, disambiguation, n)
        # Not held: None, which Qt reads as "no translation here" and keeps the source text. An
        # empty str would be taken as the translation: Qt's own "Ctrl" of Ctrl+I showed as nothing.
        return with_word_breaks(text) if text else None


class PseudoTranslator(QTranslator):
    """Every string longer by about 40% and accented, placeholders and mnemonics intact:
    shows truncated labels and hard-coded text at a glance (CONSULTATION_APP_PSEUDO=1)."""

    _ACCENTS = str.maketrans("aeiouAEIOUcnsyCNSY", "àéîöûÀÉÎÖÛçñšýÇÑŠÝ")
    _KEEP = re.compile(r"(%\d|%n|&&|&.|<[^>]+>)")

    def translate(self, context, source_text, disambiguation=None, n=-1):  # noqa: N802 - Qt's name
        if not source_text:
            return source_text
        parts = self._KEEP.split(source_text)
        text = "".join(part if self._KEEP.fullmatch(part) else part.translate(self._ACCENTS) for part in parts)
        return f"[{text}{'~' * max(2, len(source_text) * 2 // 5)}]"


def install_language(language: str, pseudo: bool = False) -> bool:
    """Make ``language`` the interface language for widgets created from now on; True when a
    translation was found (English needs none)."""
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("install_language needs the application object: make the QApplication first")
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    found = language == "en"
    if pseudo:
        translator = PseudoTranslator(app)
        app.installTranslator(translator)
        _installed.append(translator)
    elif language != "en":
        translator = KhmerTranslator(app) if language == "km" else QTranslator(app)
        if translator.load(str(qm_path(language))):
            app.installTranslator(translator)
            _installed.append(translator)
            found = True
    QLocale.setDefault(QLocale(QLocale.Language.Khmer if language == "km" else QLocale.Language.English,
                               QLocale.Country.Cambodia))
    if isinstance(app, QApplication):
        apply_font(app, language)
    return found


def apply_font(app: QApplication, language: str) -> None:
    """The system font for Latin text with Noto Sans Khmer behind it; Khmer script is small at
    Latin sizes, so the Khmer interface is a step larger."""
    font = QFont(app.font())
    families = [family for family in font.families() if family != KHMER_FONT]
    if KHMER_FONT in QFontDatabase.families():
        families.append(KHMER_FONT) if language != "km" else families.insert(0, KHMER_FONT)
    font.setFamilies(families or [KHMER_FONT])
    base = 10
    font.setPointSizeF(base * (1.15 if language == "km" else 1.0))
    app.setFont(font)


def compile_translations(quiet: bool = True) -> list[Path]:
    """Build each .qm from its .ts with Qt's lrelease (shipped with PySide6)."""
    import subprocess  # here, not at the top: a build step, kept out of the app's start-up

    lrelease = shutil.which("pyside6-lrelease") or str(Path(sys.executable).with_name("pyside6-lrelease"))
    built = []
    for ts in sorted((paths.resources_dir() / "i18n").glob("*.ts")):
        qm = ts.with_suffix(".qm")
        subprocess.run([lrelease, str(ts), "-qm", str(qm)], check=True,
                       stdout=subprocess.DEVNULL if quiet else None)
        built.append(qm)
    return built


if __name__ == "__main__":
    if "--compile" in sys.argv:
        for path in compile_translations(quiet=False):
            print(f"built {path}")
