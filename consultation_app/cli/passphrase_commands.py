"""`consultation-app passphrase set|change|remove`, and the global ``--passphrase-env VAR``.

Wired into cli/main.py like the backup commands: ``add_parsers(commands)``, ``run(args)`` when
``args.command`` is "passphrase", ``unlock_from_env(args)`` before any command runs and
``explain(error)`` for the one line main() prints. Passphrases come from environment variables
only: a command line is visible to every user of the laptop (and kept in shell histories).

    consultation-app passphrase set --new-env NEW_PASSPHRASE
    consultation-app --passphrase-env PASSPHRASE passphrase change --new-env NEW_PASSPHRASE
    consultation-app --passphrase-env PASSPHRASE passphrase remove
    consultation-app --passphrase-env PASSPHRASE summary          (any command)

Exit codes as everywhere: 0 done, 1 refused or failed (one line says why), 2 usage.
"""

from __future__ import annotations

import argparse
import os

from consultation_app import paths
from consultation_app.domain.text import printable as shown
from consultation_app.errors import AppError

COMMANDS = ("passphrase",)
EXIT_OK = 0
HOW_TO_GIVE_IT = ("give it with --passphrase-env VAR, VAR being the name of an environment variable that "
                  "holds the passphrase")
REMINDER = ("note: nobody can open this data without the passphrase, and it cannot be recovered if it is "
            "forgotten; full-disk encryption (BitLocker or VeraCrypt) is still needed for exports, "
            "Excel's copies and the page file")


def add_parsers(commands) -> None:
    parser = commands.add_parser(
        "passphrase", help="protect the database (and its backups) with a passphrase, change it or remove it")
    actions = parser.add_subparsers(dest="passphrase_command", metavar="ACTION", required=True)
    for name, text in (("set", "encrypt the database and the backups in its backups folder"),
                       ("change", "give the database and its backups a new passphrase (needs --passphrase-env)")):
        action = actions.add_parser(name, help=text)
        action.add_argument("--new-env", metavar="VAR", required=True,
                            help="the environment variable that holds the new passphrase")
    actions.add_parser("remove", help="store the database and its backups unencrypted again (needs --passphrase-env)")
    parser.set_defaults(func=run)  # before any Workspace: the database must be closed to convert it


def from_env(variable: str, what: str = "the passphrase") -> str:
    value = os.environ.get(variable)
    if not value:
        raise AppError(f"environment variable {variable} is not set or empty; it must hold {what}")
    return value


def unlock_from_env(args: argparse.Namespace) -> None:
    """``--passphrase-env VAR``: unlock the data folder's database (when it is encrypted) for
    every connection this process opens; the passphrase is kept on ``args`` for the backups a
    command may open (restore)."""
    variable = getattr(args, "passphrase_env", None)
    if not variable:
        return
    from consultation_app.storage import encryption

    args.passphrase = from_env(variable)
    encryption.unlock(paths.database_path(), args.passphrase)


def explain(error: AppError) -> str:
    """The one line for an error; a missing passphrase also says how to give it."""
    from consultation_app.storage.errors import PassphraseRequiredError

    if isinstance(error, PassphraseRequiredError):
        return f"{error.path}: the database is protected by a passphrase; {HOW_TO_GIVE_IT}"
    return str(error)


def run(args: argparse.Namespace) -> int:
    from consultation_app.cli.backup_commands import locked_data_folder
    from consultation_app.services import passphrase
    from consultation_app.services.central_database import database_address

    if database_address(getattr(args, "database", None)) is not None:  # not the server's data: refuse
        raise AppError("'passphrase' protects a data folder's database; a PostgreSQL server's data is protected by "
                       "the server (disk encryption, roles, TLS); run it without --database and "
                       "CONSULTATION_APP_DATABASE for the data folder")
    database = paths.database_path()
    action = args.passphrase_command
    new = from_env(args.new_env, "the new passphrase") if action in ("set", "change") else ""
    with locked_data_folder(f"{action} the passphrase"):
        if action == "set":
            result = passphrase.set_passphrase(database, new)
        elif action == "change":
            result = passphrase.change_passphrase(database, new)
        else:
            result = passphrase.remove_passphrase(database)
    for line in result.lines():
        print(shown(line))
    if action != "remove":
        print(REMINDER)
    return EXIT_OK
