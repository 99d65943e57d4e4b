"""Errors a user can act on. Anything else is a bug and is logged with its traceback."""

from __future__ import annotations

import json
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


def said_as_json(text: object) -> tuple[str, str]:
    """(key, arguments as JSON) to store beside a message's English text, so that an interface
    in another language can say it later; ('', '{}') for plain text. An argument that is itself
    a keyed message (a reason inside a reason) keeps its key: {"said": english, "key", "params"}."""
    if not isinstance(text, Said):
        return "", "{}"
    return text.key, json.dumps(_storable(dict(text.params)), ensure_ascii=False, default=str)


def said_from_json(english: str, key: str | None, params: str | None) -> str:
    """The stored message again: a Said when it has a key and readable arguments, else its
    English text (an older row, or arguments that are not what said_as_json writes)."""
    if not key:
        return english
    try:
        loaded = json.loads(params or "{}")
    except (ValueError, RecursionError):
        return english
    if not isinstance(loaded, dict):
        return english
    return Said(english, key, {str(name): _loaded(value) for name, value in loaded.items()})


def _storable(value: object) -> object:
    if isinstance(value, Said):
        return {"said": str(value), "key": value.key, "params": _storable(dict(value.params))}
    if isinstance(value, Mapping):
        return {str(name): _storable(item) for name, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_storable(item) for item in value]
    return value


def _loaded(value: object, depth: int = 0) -> object:
    """An argument read back; a nested keyed message becomes a Said again (a few levels at most:
    what a crafted row nests deeper is plain text)."""
    if isinstance(value, dict) and set(value) == {"said", "key", "params"} and depth < 4 \
            and isinstance(value["said"], str) and isinstance(value["key"], str) and isinstance(value["params"], dict):
        return Said(value["said"], value["key"], {str(name): _loaded(item, depth + 1)
                                                  for name, item in value["params"].items()})
    if isinstance(value, list):
        return [_loaded(item, depth + 1) for item in value] if depth < 4 else str(value)
    if isinstance(value, (str, int, float)) or value is None:
        return value
    return str(value)


def reason(error: BaseException) -> str:
    """What ``error`` says: the keyed message it was raised with (a ``Said``, key kept), else its
    text. For the plain exceptions (ValueError...) that carry a rule's refusal upward."""
    if len(error.args) == 1 and isinstance(error.args[0], Said):
        return error.args[0]
    return str(error)
