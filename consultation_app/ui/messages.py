"""Problems with what was typed, told in the interface language and naming fields by their
labels: the domain's rules speak English with field keys ("participants_indigenous: is more
than the 12 participants"), which no officer should have to read."""

from __future__ import annotations

import re
from typing import Callable

from PySide6.QtCore import QObject

_MORE_THAN = re.compile(r"^is more than the (\d+) participants")
_LONGER = re.compile(r"^is longer than (\d+) characters")
_NOT_A_KEY = re.compile(r"^(.*) is not a key: lower-case letters")
_NOT_LISTED = re.compile(r"^(.*) not in the list of institutions")


class _Problems(QObject):
    """Holds the translatable sentences (lupdate reads self.tr() inside a class)."""

    def sentence(self, label: str, message: str) -> str:
        if match := _MORE_THAN.match(message):
            return self.tr("%1 is more than the %2 participants (women, men and others)").replace(
                "%1", label).replace("%2", match.group(1))
        if message == "is before the start date":
            return self.tr("%1 is before the start date").replace("%1", label)
        if message == "is required before finalising":
            return self.tr("%1 must be filled in before finalising").replace("%1", label)
        if message == "no participants counted":
            return self.tr("No participants are counted: give the number of women, men or others before finalising")
        if message == "is required":
            return self.tr("%1 must be filled in").replace("%1", label)
        if match := _LONGER.match(message):
            return self.tr("%1 is longer than %2 characters").replace("%1", label).replace("%2", match.group(1))
        if match := _NOT_A_KEY.match(message):
            return self.tr("%1: %2 cannot be used; write lower-case Latin letters, digits, - and _ (up to 64)").replace(
                "%1", label).replace("%2", match.group(1))
        if match := _NOT_LISTED.match(message):
            return self.tr("%1: %2 is not in the list of institutions; add it first").replace(
                "%1", label).replace("%2", match.group(1))
        if message.startswith("must be a date"):
            return self.tr("%1 is not a date: type it as 2026-12-04, 04/12/2026 or 20261204").replace("%1", label)
        return self.tr("%1: this value is not accepted (%2)").replace("%1", label).replace("%2", message)


def describe_problems(problems: dict[str, str], label_for: Callable[[str], str]) -> list[str]:
    """One translated sentence per problem, the field named by ``label_for(field)``."""
    words = _Problems()
    return [words.sentence(label_for(field), message) for field, message in problems.items()]
