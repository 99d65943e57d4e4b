"""What every command module shares: exit codes, JSON output, secrets from the environment,
and the wrapper that opens the data folder's workspace for a command that needs one.

Commands register themselves with ``parser.set_defaults(func=...)``; ``func(args)`` returns
the exit code. Errors a person can act on are raised as AppError (exit 1, one line)."""

from __future__ import annotations

import argparse
import functools
import json
import os
import re
import sys
from typing import Any, Callable

from consultation_app.errors import AppError

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3

Handler = Callable[[argparse.Namespace], int]


# Characters JSON may carry raw that a terminal acts on (C1 controls such as CSI, direction
# overrides that make a name read as another) or cannot write (lone surrogates): escaped as
# \uXXXX, which every JSON reader turns back into the same value. C0 controls JSON escapes itself.
_RAW_IN_JSON = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def json_text(value: Any) -> str:
    """``value`` as the JSON the command line prints: Khmer and other text as it is."""
    text = json.dumps(value, ensure_ascii=False, indent=2)
    return _RAW_IN_JSON.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def print_json(value: Any) -> None:
    sys.stdout.write(json_text(value) + "\n")


def password_from_env(variable: str | None) -> str | None:
    """Passwords come from the environment, never the command line (visible to other users)."""
    if not variable:
        return None
    value = os.environ.get(variable)
    if not value:
        raise AppError(f"environment variable {variable} is not set or empty; it must hold the password")
    return value


COPIED_WARNING = ("this data folder was copied from another computer (its machine fingerprint does not match): "
                  "two laptops may now share one identity; run 'consultation-app device new-identity' on the "
                  "copy, or start the app to decide (services/identity.py)")


# The central commands: before they work, consents whose keep-until date has passed are applied
# (what they covered is wiped; services/consent.sweep), and a line on stderr says what.
RETENTION_COMMANDS = ("merge", "master-export", "summary", "conflicts", "report", "matrix", "receipt")


def _apply_retention(workspace: Any) -> None:
    from consultation_app.cli.consent_commands import retention_line
    from consultation_app.services import consent

    try:
        done = consent.sweep(workspace.records)
    except AppError as error:  # the command still runs: exports and reports refuse content past its date
        print(f"consultation-app: warning: consents past their keep-until date not applied: {error}",
              file=sys.stderr)
        return
    for item in done:
        print(f"consultation-app: notice: {retention_line(item)}", file=sys.stderr)


def database_source(workspace: Any) -> Any:
    """What an exporter opens its own connection to: the server's address for a central office
    on PostgreSQL (services.central_database), else the data folder's SQLite file."""
    return getattr(workspace, "url", None) or workspace.database_path


def with_workspace(handler: Callable[[argparse.Namespace, Any], int | None]) -> Handler:
    """A command that works on the data folder's open (and migrated) workspace."""

    @functools.wraps(handler)
    def run(args: argparse.Namespace) -> int:
        from consultation_app.services import central_database
        from consultation_app.services.workspace import Workspace

        url = central_database.database_address(getattr(args, "database", None))
        if url is not None:  # a central office's PostgreSQL server (docs/central-postgresql.md)
            action = getattr(args, f"{args.command}_command", None)
            if not central_database.runs_on_postgresql(args.command, action):
                name = f"{args.command} {action}" if action else args.command
                raise AppError(f"'{name}' does not run on a PostgreSQL server yet (so far: "
                               f"{central_database.shown_commands()}); run it "
                               f"without --database and {central_database.DATABASE_ENV}")
            with central_database.CentralDatabase(url) as central:
                code = _run_with_retention(args, central, handler)
            return EXIT_OK if code is None else code
        with Workspace() as workspace:
            if workspace.copied_from_another_computer and args.command != "device":
                print(f"consultation-app: warning: {COPIED_WARNING}", file=sys.stderr)
            from consultation_app.services.network_folder import data_folder_warning

            unsafe = data_folder_warning(workspace.database_path.parent)  # SMB/NFS/cloud sync: SQLite at risk
            if unsafe:
                print(f"consultation-app: warning: {unsafe}", file=sys.stderr)
            code = _run_with_retention(args, workspace, handler)
        return EXIT_OK if code is None else code

    return run


def _run_with_retention(args: argparse.Namespace, workspace: Any,
                        handler: Callable[[argparse.Namespace, Any], int | None]) -> int | None:
    """The handler, with the keep-until sweep before a central command and again after a merge
    (merged consents may already be past their date): on a data folder or a server alike."""
    sweep = args.command in RETENTION_COMMANDS
    if sweep:
        _apply_retention(workspace)
    code = handler(args, workspace)
    if sweep and args.command == "merge":
        _apply_retention(workspace)
    return code
