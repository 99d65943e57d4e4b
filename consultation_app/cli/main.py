"""`consultation-app`: the desktop app with no command, headless commands otherwise.

The names, flags, JSON keys and exit codes here are a contract that central staff
script against. Every value printed as text (names, paths, messages) goes through
``shown`` (domain.text.printable): a device called ESC[2J cannot clear the terminal, nor a
name with a line break print a result line of its own. JSON output is exact JSON.
Exit codes: 0 done, 1 the command failed for a reason the message gives, 2 the command
line itself was wrong, 3 an internal error (logged).
"""

from __future__ import annotations

import argparse
import sys
import traceback

from consultation_app import __version__, paths
from consultation_app.cli import (
    attachment_commands,
    backup_commands,
    catalog_commands,
    central_commands,
    conflict_commands,
    consent_commands,
    data_commands,
    device_commands,
    exchange_commands,
    implementation_commands,
    passphrase_commands,
    report_commands,
)
from consultation_app.cli.common import EXIT_FAILED, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE  # noqa: F401 (the contract)
from consultation_app.domain.text import printable as shown
from consultation_app.errors import AppError


def _global_options(parser: argparse.ArgumentParser) -> None:
    """The options before any command: all the desktop app takes."""
    parser.add_argument("--version", action="version", version=f"consultation-app {__version__}")
    parser.add_argument("--data-dir", metavar="DIR",
                        help=f"data folder (default: ${paths.DATA_DIR_ENV} or the per-user data folder)")
    parser.add_argument("--database", metavar="URL",
                        help="central office: the store on a PostgreSQL server, postgresql://user@host/db (default: "
                             "$CONSULTATION_APP_DATABASE, else the data folder's own database); put the password in "
                             "~/.pgpass or $PGPASSWORD rather than in the URL")
    parser.add_argument("--passphrase-env", metavar="VAR",
                        help="unlock a database protected by a passphrase with the passphrase held in environment "
                             "variable VAR (never on the command line)")
    parser.add_argument("--smoke-test", action="store_true",
                        help="open the main window, wait until it is idle, print the milliseconds, exit")


def build_parser() -> argparse.ArgumentParser:
    """The full command line: each command module adds its commands, each with its handler
    (``set_defaults(func=...)``), in the order ``--help`` lists them."""
    parser = argparse.ArgumentParser(
        prog="consultation-app",
        description="Offline consultation on UPR recommendations. With no command, opens the desktop app.",
    )
    _global_options(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in (catalog_commands, data_commands, exchange_commands, backup_commands, report_commands,
                   passphrase_commands, conflict_commands, device_commands, implementation_commands,
                   consent_commands, attachment_commands, central_commands):
        module.add_parsers(commands)
    return parser


def run_command(args: argparse.Namespace) -> int:
    return args.func(args)


def _disk_full(error: Exception):
    from consultation_app.storage import errors

    if not isinstance(error, (*errors.DATABASE_ERRORS, OSError)):
        return None
    where = paths.database_path()
    return errors.disk_full_error(where) if errors.is_disk_full(error, where) else None


def _log_internal_error() -> str:
    try:
        log_path = paths.logs_dir() / "errors.log"
        with open(log_path, "a", encoding="utf-8") as handle:
            handle.write(traceback.format_exc() + "\n")
        return str(log_path)
    except Exception:  # no usable logs folder: the report itself must not fail
        return "no log: the logs folder cannot be written"


def _run_desktop_app(smoke_test: bool, database: str | None = None) -> int:
    """Storage before Qt: the database's quick check starts on a worker thread and runs while
    PySide6 loads (and the storage modules, loaded before PySide6, skip its per-module import
    hook). ``database``: --database; with it (or CONSULTATION_APP_DATABASE) the app opens the
    central office's PostgreSQL server instead (ui/central_app.py)."""
    from consultation_app.services.central_database import database_address

    url = database_address(database)
    if url is not None:
        from consultation_app.ui.central_app import run_central_app

        return run_central_app(url, smoke_test=smoke_test)
    from consultation_app.services.workspace import StartupCheck
    from consultation_app.storage import encryption

    data_file = paths.database_path()
    # An encrypted file cannot be checked before its passphrase is known (--passphrase-env, or
    # the window's dialog, after which ui.app begins the check).
    locked = encryption.is_encrypted(data_file) and not encryption.is_unlocked(data_file)
    check = None if locked else StartupCheck(data_file)
    from consultation_app.ui.app import run_app

    return run_app(smoke_test=smoke_test, check=check)


def _recover_at_start() -> None:
    """Before anything opens the database (the desktop app too): what a killed conversion or
    export left is finished or removed (services/recovery.py); a note on stderr says what."""
    folder = paths.data_dir(create=False)
    if not folder.is_dir():
        return
    from consultation_app.services.recovery import recover_at_start

    for line in recover_at_start(folder / paths.DATABASE_NAME):
        print(f"consultation-app: note: {line}", file=sys.stderr)


def _desktop_args(argv: list[str]) -> argparse.Namespace | None:
    """The desktop app's command line (global options, no command) read without building every
    command's parser, a few milliseconds of each start; None for anything else, help and
    mistakes included, which the full parser reads and reports."""
    if any(arg in ("-h", "--help") for arg in argv):
        return None
    parser = argparse.ArgumentParser(prog="consultation-app", add_help=False, exit_on_error=False)
    _global_options(parser)
    try:
        args, rest = parser.parse_known_args(argv)
    except argparse.ArgumentError:
        return None
    if rest:
        return None
    args.command = None
    return args


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    args = _desktop_args(argv) or build_parser().parse_args(argv)
    try:
        if args.data_dir:
            paths.set_data_dir(args.data_dir)
        _recover_at_start()
        passphrase_commands.unlock_from_env(args)
        if args.command is None:
            return _run_desktop_app(args.smoke_test, getattr(args, "database", None))
        return run_command(args)
    except AppError as error:
        print(f"consultation-app: error: {shown(passphrase_commands.explain(error))}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("consultation-app: interrupted", file=sys.stderr)
        return EXIT_FAILED
    except Exception as error:  # a bug: one line for the person, the traceback to the log
        full = _disk_full(error)
        if full is not None:  # wherever a full disk surfaced, it is said as one
            print(f"consultation-app: error: {full}", file=sys.stderr)
            return EXIT_FAILED
        where = _log_internal_error()
        print(f"consultation-app: internal error: {type(error).__name__}: {shown(error)} (details in {shown(where)})",
              file=sys.stderr)
        return EXIT_INTERNAL
