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

    def keyed(self, key: str, **params: object) -> Self:
        self.key, self.params = key, MappingProxyType(dict(params))
        return self


class InputError(AppError):
    """Bad input: a file, a field or an argument; the message says which and where."""


class NotFoundError(AppError):
    """A record, file or catalog that the command names does not exist."""
