"""Errors a user can act on. Anything else is a bug and is logged with its traceback."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Self


class AppError(Exception):
    """A problem with a clear, one-line message for the person using the app.

    Its text (``str``) is English: what the command line prints, unchanged. An error the
    interface shows in another language also carries a message key and its arguments
    (``keyed``); ui/error_text.py holds the catalogue of keys and translates them."""

    key: str | None = None
    params: Mapping[str, object] = MappingProxyType({})

    def keyed(self, key: str, /, **params: object) -> Self:
        self.key, self.params = key, MappingProxyType(dict(params))
        return self


class InputError(AppError):
    """Bad input: a file, a field or an argument; the message says which and where."""


class NotFoundError(AppError):
    """A record, file or catalog that the command names does not exist."""


class Said(str):
    """An English message (what the command line prints) that also carries a message key and its
    arguments, for an interface in another language (ui/error_text.py). It is a ``str``: JSON,
    logs and the CLI see the English text unchanged; anything built from it by concatenation
    is plain English again, which is the safe fallback."""

    key: str
    params: Mapping[str, object]

    def __new__(cls, english: str, key: str, params: Mapping[str, object]) -> "Said":
        said = super().__new__(cls, english)
        said.key, said.params = key, MappingProxyType(dict(params))
        return said

    def __reduce__(self) -> tuple[type["Said"], tuple[str, str, dict[str, object]]]:
        # travels between processes (the merge's reader) with its key
        return (Said, (str(self), self.key, dict(self.params)))


def said(english: str, key: str, /, **params: object) -> Said:
    """``english`` with ``key`` and its arguments (see ``Said``)."""
    return Said(english, key, params)


def reason(error: BaseException) -> str:
    """What ``error`` says: the keyed message it was raised with (a ``Said``, key kept), else its
    text. For the plain exceptions (ValueError...) that carry a rule's refusal upward."""
    if len(error.args) == 1 and isinstance(error.args[0], Said):
        return error.args[0]
    return str(error)
