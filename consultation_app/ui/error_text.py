"""Messages from below the interface (storage, exchange, services) in the interface language.

Their English text is the command line's, unchanged; an error or merge result that carries a
message key (errors.AppError.keyed, FileResult.keyed) is said here from the catalogue below,
through Qt's translation (context "ErrorText"), with its arguments put in. One without a key
is shown as it is (English): better than nothing, and a reason to give it a key."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QTranslator

from consultation_app import paths
from consultation_app.domain.text import printable
from consultation_app.errors import AppError, Said
from consultation_app.ui.error_catalogue import CATALOGUE as _CATALOGUE

CONTEXT = "ErrorText"


Translate = Callable[[str], str]  # a catalogue text -> its translation (the source itself when there is none)


def _interface(source: str) -> str:
    return QCoreApplication.translate(CONTEXT, source)


def keyed_text(key: str | None, params: Mapping[str, object], english: str, translate: Translate = _interface) -> str:
    """The catalogue's text for ``key`` in the interface language (or as ``translate`` says it),
    or ``english`` when the key is not known (or is None). An argument that is itself a keyed
    message (errors.Said: the reason inside "file, sheet, row: reason") is said so too."""
    entry = _CATALOGUE.get(key or "")
    if entry is None:
        return english
    source, names = str(entry[0]), entry[1]
    text = translate(source)
    if text == source:  # not translated (English): the full English text, as the command line says it
        return english
    wanted = {int(number) for number in re.findall(r"%(\d+)", text)}
    if any(1 <= number <= len(names) and names[number - 1] not in params for number in wanted):
        return english  # arguments missing (a crafted or damaged stored row): the whole English, not blanks
    # One pass over the translation, so a value holding "%1" (a file name) is never filled in
    # itself; values shown as a terminal would (control and direction characters written out).
    def value(match: re.Match[str]) -> str:
        number = int(match.group(1))
        if not 1 <= number <= len(names):
            return match.group(0)
        given = params.get(names[number - 1], "")
        if names[number - 1] == "where" and isinstance(given, Mapping):
            return _where(given, translate)
        if isinstance(given, (list, tuple)):  # several keyed parts, e.g. what a merge did
            return "; ".join(printable(said_text(part, translate)) for part in given)
        return printable(said_text(given, translate) if isinstance(given, Said) else given)
    return re.sub(r"%(\d+)", value, text)


def said_text(text: object, translate: Translate = _interface) -> str:
    """A message that may carry its own key (errors.Said) in the interface language (or as
    ``translate`` says it); any other text as it is."""
    if isinstance(text, Said):
        return keyed_text(text.key, text.params, str(text), translate)
    return str(text)


def said_in(language: str) -> Callable[[object], str]:
    """``said_text`` in ``language`` whatever the interface's is: for a workbook written in that
    language (the master export's ``--lang``), from the command line too (no application
    object needed). English, or a language without a translation: the English text."""
    translator = QTranslator()  # the .qm that ui/i18n.py installs, read here without its widgets
    if language == "en" or not translator.load(str(paths.resources_dir() / "i18n" / f"consultation_app_{language}.qm")):
        return str

    def translate(source: str) -> str:
        return translator.translate(CONTEXT, source) or source

    return lambda text: said_text(text, translate)


def _where(place: Mapping[str, object], translate: Translate = _interface) -> str:
    """file, sheet, row, column (those given) in the interface language."""
    parts = [printable(place.get("file", ""))]
    for name, source in (("sheet", QT_TRANSLATE_NOOP("ErrorText", "sheet '%1'")),
                         ("row", QT_TRANSLATE_NOOP("ErrorText", "row %1")),
                         ("column", QT_TRANSLATE_NOOP("ErrorText", "column %1"))):
        if place.get(name):
            parts.append(translate(str(source)).replace("%1", printable(place[name])))
    return ", ".join(part for part in parts if part)


def error_text(error: BaseException) -> str:
    """What to show for an error a person can act on (an AppError), in the interface language."""
    english = str(error)
    if isinstance(error, AppError):
        if error.key is None and error.args and isinstance(error.args[0], Said):
            return said_text(error.args[0])
        return keyed_text(error.key, error.params, english)
    return english


def result_text(result) -> str:
    """A merge result's message (exchange.merge_results.FileResult) in the interface language."""
    if getattr(result, "message_key", None) is None:
        return said_text(result.message)
    return keyed_text(result.message_key, getattr(result, "message_params", {}) or {}, result.message)


def warning_texts(result) -> list[str]:
    """A merge result's warnings in the interface language (those that carry a key)."""
    return [said_text(warning) for warning in result.warnings]


def known_keys() -> set[str]:
    return set(_CATALOGUE)

