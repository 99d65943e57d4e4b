"""`consultation-app`: the desktop app with no command, headless commands otherwise.

The names, flags, JSON keys and exit codes here are a contract that central staff
script against. Exit codes: 0 done, 1 the command failed for a reason the message
gives, 2 the command line itself was wrong, 3 an internal error (logged).
"""

from __future__ import annotations

import argparse
import json
import sys
import traceback

from consultation_app import __version__, paths
from consultation_app.cli import backup_commands, passphrase_commands, report_commands
from consultation_app.errors import AppError

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


def _global_options(parser: argparse.ArgumentParser) -> None:
    """The options before any command: all the desktop app takes."""
    parser.add_argument("--version", action="version", version=f"consultation-app {__version__}")
    parser.add_argument("--data-dir", metavar="DIR",
                        help=f"data folder (default: ${paths.DATA_DIR_ENV} or the per-user data folder)")
    parser.add_argument("--passphrase-env", metavar="VAR",
                        help="unlock a database protected by a passphrase with the passphrase held in environment "
                             "variable VAR (never on the command line)")
    parser.add_argument("--smoke-test", action="store_true",
                        help="open the main window, wait until it is idle, print the milliseconds, exit")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="consultation-app",
        description="Offline consultation on UPR recommendations. With no command, opens the desktop app.",
    )
    _global_options(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    catalog = commands.add_parser("catalog", help="list, search or import catalogs of recommendations")
    catalog_commands = catalog.add_subparsers(dest="catalog_command", metavar="ACTION", required=True)
    listing = catalog_commands.add_parser("list", help="every recommendation, in the annex's order")
    listing.add_argument("--json", action="store_true", help="print JSON")
    search = catalog_commands.add_parser("search", help="full-text search over codes, texts and themes")
    search.add_argument("query", metavar="QUERY")
    search.add_argument("--json", action="store_true", help="print JSON")
    importing = catalog_commands.add_parser("import", help="load a catalog file, or a newer version of one")
    importing.add_argument("file", metavar="FILE")

    demo = commands.add_parser("demo-data", help="add realistic synthetic consultations (training, benchmarks)")
    demo.add_argument("--consultations", type=int, required=True, metavar="N")
    demo.add_argument("--seed", type=int, default=1, metavar="S")
    demo.add_argument("--feedback-per-consultation", type=int, default=50, metavar="F",
                      help="average feedback entries per consultation (default 50)")

    export = commands.add_parser("export", help="write an export workbook for the central office")
    export.add_argument("--out", required=True, metavar="FILE", help="the .xlsx file to write")
    export.add_argument("--since-last", action="store_true",
                        help="only what changed since the last successful export (default: everything)")
    export.add_argument("--include-sensitive", action="store_true",
                        help="include records marked sensitive and entries that name a person")
    export.add_argument("--password-env", metavar="VAR",
                        help="protect the workbook with the password held in environment variable VAR")
    export.add_argument("--json", action="store_true", help="print the result as JSON")

    template = commands.add_parser("template", help="write a blank capture template for filling in Excel or on paper")
    template.add_argument("--out", required=True, metavar="FILE", help="the .xlsx file to write")

    merge = commands.add_parser("merge", help="central office: merge field workbooks (files or folders)")
    merge.add_argument("paths", nargs="+", metavar="PATH")
    merge.add_argument("--json", action="store_true", help="print the per-file results as JSON")
    merge.add_argument("--password-env", metavar="VAR", help="password of protected workbooks, from variable VAR")
    merge.add_argument("--accept-modified", action="store_true",
                       help="merge workbooks whose values were changed after export (recorded as modified)")
    merge.add_argument("--accept-new-key", action="store_true",
                       help="accept a known device's new signing key (a reinstalled laptop) and merge its files")

    master = commands.add_parser("master-export",
                                 help="central office: one consolidated workbook of everything merged")
    master.add_argument("--out", required=True, metavar="FILE", help="the .xlsx file to write")

    receipt = commands.add_parser("receipt", help="central office: write a merge receipt for one field device")
    receipt.add_argument("--device", required=True, metavar="DEVICE_ID", help="the device id (see the devices sheet)")
    receipt.add_argument("--out", required=True, metavar="FILE", help="the receipt file to write (.json)")

    import_receipt = commands.add_parser("import-receipt",
                                         help="field laptop: record which changes the central office has received")
    import_receipt.add_argument("file", metavar="FILE")

    backup_commands.add_parsers(commands)
    report_commands.add_parsers(commands)
    passphrase_commands.add_parsers(commands)

    summary = commands.add_parser("summary", help="counts of what the data folder holds")
    summary.add_argument("--json", action="store_true", help="print JSON")
    return parser


def _print_json(value) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")


def _recommendation_json(row: dict) -> dict:
    keys = ("code", "catalog_id", "part", "section", "theme", "text", "text_km", "sdgs", "groups",
            "part_km", "section_km", "theme_km")
    return {key: row.get(key) for key in keys}


def _print_recommendations(rows: list[dict], as_json: bool) -> None:
    if as_json:
        _print_json([_recommendation_json(row) for row in rows])
        return
    for row in rows:
        where = " / ".join(dict.fromkeys(p for p in (row["part"], row["section"], row["theme"]) if p))
        sdgs = ", ".join(str(goal) for goal in row["sdgs"])
        print(f"{row['code']}  [{where}]  SDG {sdgs}\n    {row['text']}")


def run_command(args: argparse.Namespace) -> int:
    # Before any Workspace: a damaged database must still be backed up or restored, and a
    # restore needs the database closed.
    if args.command in backup_commands.COMMANDS:
        return backup_commands.run(args)
    if args.command in passphrase_commands.COMMANDS:
        return passphrase_commands.run(args)

    from consultation_app.services.workspace import Workspace, summary
    from consultation_app.storage import catalog_store

    if args.command == "catalog" and args.catalog_command == "import":
        from consultation_app.domain.catalog import read_catalog_file

        catalog = read_catalog_file(args.file)  # validate before opening the store
        with Workspace() as workspace:
            result = catalog_store.load_catalog(workspace.db, catalog)
        messages = {
            "loaded": f"loaded catalog {result.catalog_id} version {result.version}: "
                      f"{result.recommendations} recommendations",
            "updated": f"updated catalog {result.catalog_id} from version {result.previous_version} to "
                       f"{result.version}: {result.recommendations} recommendations, {result.retired} retired; "
                       f"feedback unchanged",
            "unchanged": f"catalog {result.catalog_id} version {result.version} is already loaded; nothing changed",
        }
        print(messages[result.status])
        return EXIT_OK

    with Workspace() as workspace:
        if args.command == "catalog" and args.catalog_command == "list":
            _print_recommendations(catalog_store.list_recommendations(workspace.db), args.json)
        elif args.command == "catalog" and args.catalog_command == "search":
            _print_recommendations(catalog_store.search_recommendations(workspace.db, args.query), args.json)
        elif args.command == "demo-data":
            from consultation_app.services.demo import add_demo_data

            if args.consultations < 0 or args.feedback_per_consultation < 0:
                raise AppError("--consultations and --feedback-per-consultation cannot be negative")
            counts = add_demo_data(workspace, args.consultations, args.seed, args.feedback_per_consultation)
            print(f"added {counts['consultations']} consultations, {counts['feedback']} feedback entries "
                  f"and {counts['notes']} notes (seed {args.seed})")
        elif args.command == "export":
            _export(workspace, args)
        elif args.command == "template":
            from consultation_app.exchange.template import write_template

            result = write_template(args.out, workspace.reference, catalog_store.list_recommendations(workspace.db))
            print(f"wrote a capture template with {result.recommendations} recommendations to {result.path}")
        elif args.command == "merge":
            return _merge(workspace, args)
        elif args.command == "master-export":
            from consultation_app.exchange.master_export import write_master_export

            result = write_master_export(workspace.database_path, args.out, workspace.reference)
            print(f"wrote the master export to {result.path}: " +
                  ", ".join(f"{count} {name}" for name, count in result.counts.items()))
        elif args.command == "receipt":
            from consultation_app.exchange.receipt import write_receipt

            result = write_receipt(workspace.database_path, args.device, args.out)
            print(f"wrote a receipt for {result.device_name or result.device_id} to {result.path}: "
                  f"{sum(result.records.values())} records, exports {', '.join(map(str, result.export_seqs))}")
        elif args.command == "import-receipt":
            from consultation_app.exchange.receipt import import_receipt

            result = import_receipt(workspace.database_path, args.file)
            state = "already imported; nothing changed" if result.already_imported else "imported"
            print(f"receipt {state}: the central office holds {result.records_in_receipt} records from this "
                  f"laptop; {result.unconfirmed_changes} change(s) not yet confirmed")
            if result.exports_not_received:
                print(f"exports not received yet: {', '.join(map(str, result.exports_not_received))}")
        elif args.command == "report":
            return report_commands.run(args, workspace)
        elif args.command == "summary":
            result = summary(workspace)
            if args.json:
                _print_json(result)
            else:
                for key, value in result.items():
                    print(f"{key}: {value}")
    return EXIT_OK


def password_from_env(variable: str | None) -> str | None:
    """Passwords come from the environment, never the command line (visible to other users)."""
    if not variable:
        return None
    import os

    value = os.environ.get(variable)
    if not value:
        raise AppError(f"environment variable {variable} is not set or empty; it must hold the password")
    return value


def _export(workspace, args) -> None:
    from consultation_app.exchange.export import export_package

    result = export_package(workspace.database_path, args.out, workspace.reference, since_last=args.since_last,
                            include_sensitive=args.include_sensitive, password=password_from_env(args.password_env))
    if args.json:
        _print_json({"path": str(result.path), "export_id": result.export_id, "export_seq": result.export_seq,
                     "scope": result.scope, "counts": result.counts, "left_out": result.left_out,
                     "content_sha256": result.content_sha256, "password_protected": result.password_protected})
        return
    counts = result.counts
    print(f"wrote export {result.export_seq} ({result.scope}) to {result.path}: {counts.get('consultations', 0)} "
          f"consultations, {counts.get('feedback', 0)} feedback entries, {counts.get('notes', 0)} notes")
    if sum(result.left_out.values()):
        print(f"left out to protect people: {sum(result.left_out.values())} record(s) "
              f"(use --include-sensitive to send them)")


def _merge(workspace, args) -> int:
    from consultation_app.exchange.merge import ALREADY_MERGED, MERGED, merge_paths

    results = merge_paths(workspace.database_path, args.paths, workspace.reference,
                          password=password_from_env(args.password_env), accept_modified=args.accept_modified,
                          accept_new_key=args.accept_new_key)
    if args.json:
        _print_json({"files": [result.as_json() for result in results]})
    else:
        for result in results:
            print(f"{result.status:15} {result.path}: {result.message}")
            for warning in result.warnings:
                print(f"{'':15} warning: {warning}")
    return EXIT_OK if all(r.status in (MERGED, ALREADY_MERGED) for r in results) else EXIT_FAILED


def _log_internal_error() -> str:
    try:
        log_path = paths.logs_dir() / "errors.log"
        with open(log_path, "a", encoding="utf-8") as handle:
            handle.write(traceback.format_exc() + "\n")
        return str(log_path)
    except Exception:  # no usable logs folder: the report itself must not fail
        return "no log: the logs folder cannot be written"


def _run_desktop_app(smoke_test: bool) -> int:
    """Storage before Qt: the database's quick check starts on a worker thread and runs while
    PySide6 loads (and the storage modules, loaded before PySide6, skip its per-module import
    hook)."""
    from consultation_app.services.workspace import StartupCheck
    from consultation_app.storage import encryption

    database = paths.database_path()
    # An encrypted file cannot be checked before its passphrase is known (--passphrase-env, or
    # the window's dialog, after which ui.app begins the check).
    locked = encryption.is_encrypted(database) and not encryption.is_unlocked(database)
    check = None if locked else StartupCheck(database)
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
            return _run_desktop_app(args.smoke_test)
        return run_command(args)
    except AppError as error:
        print(f"consultation-app: error: {passphrase_commands.explain(error)}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("consultation-app: interrupted", file=sys.stderr)
        return EXIT_FAILED
    except Exception as error:  # a bug: one line for the person, the traceback to the log
        where = _log_internal_error()
        print(f"consultation-app: internal error: {type(error).__name__}: {error} (details in {where})",
              file=sys.stderr)
        return EXIT_INTERNAL
