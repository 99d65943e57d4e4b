"""Errors a user can act on. Anything else is a bug and is logged with its traceback."""


class AppError(Exception):
    """A problem with a clear, one-line message for the person using the app."""


class InputError(AppError):
    """Bad input: a file, a field or an argument; the message says which and where."""


class NotFoundError(AppError):
    """A record, file or catalog that the command names does not exist."""
