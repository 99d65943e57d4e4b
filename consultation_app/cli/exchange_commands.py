"""The commands that move workbooks between laptops and the central office: export, template,
merge, master-export, receipt and import-receipt."""

from __future__ import annotations

import argparse
import sys

from consultation_app.cli.common import EXIT_FAILED, EXIT_OK, password_from_env, print_json, with_workspace
from consultation_app.domain.text import printable as shown


def add_parsers(commands) -> None:
    export = commands.add_parser("export", help="write an export workbook for the central office")
    export.add_argument("--out", required=True, metavar="FILE", help="the .xlsx file to write")
    export.add_argument("--since-last", action="store_true",
                        help="only what changed since the last successful export (default: everything)")
    export.add_argument("--include-sensitive", action="store_true",
                        help="include records marked sensitive and entries that name a person")
    export.add_argument("--password-env", metavar="VAR",
                        help="protect the workbook with the password held in environment variable VAR")
    export.add_argument("--lang", "--language", dest="language", choices=("en", "km"), default="en",
                        help="the language of the readable columns' labels (default en; the keys are the same)")
    export.add_argument("--json", action="store_true", help="print the result as JSON")
    export.set_defaults(func=with_workspace(_export))

    template = commands.add_parser("template", help="write a blank capture template for filling in Excel or on paper")
    template.add_argument("--out", required=True, metavar="FILE", help="the .xlsx file to write")
    template.add_argument("--catalog", metavar="ID",
                          help="the catalog to consult on (default: the newest the office distributed)")
    template.set_defaults(func=with_workspace(_template))

    merge = commands.add_parser("merge", help="central office: merge field workbooks (files or folders)")
    merge.add_argument("paths", nargs="+", metavar="PATH")
    merge.add_argument("--json", action="store_true", help="print the per-file results as JSON")
    merge.add_argument("--password-env", metavar="VAR", help="password of protected workbooks, from variable VAR")
    merge.add_argument("--accept-modified", action="store_true",
                       help="merge workbooks whose values were changed after export (recorded as modified)")
    merge.add_argument("--accept-new-key", action="store_true",
                       help="accept a known device's new signing key (a reinstalled laptop) and merge its files")
    merge.set_defaults(func=with_workspace(_merge))

    master = commands.add_parser("master-export",
                                 help="central office: one consolidated workbook of everything merged")
    master.add_argument("--out", required=True, metavar="FILE", help="the .xlsx file to write")
    master.add_argument("--lang", "--language", dest="language", choices=("en", "km"), default="en",
                        help="the language of the record sheets' labels (default en)")
    master.set_defaults(func=with_workspace(_master_export))

    receipt = commands.add_parser("receipt", help="central office: write a merge receipt for one field device")
    receipt.add_argument("--device", required=True, metavar="DEVICE_ID", help="the device id (see the devices sheet)")
    receipt.add_argument("--out", required=True, metavar="FILE", help="the receipt file to write (.json)")
    receipt.set_defaults(func=with_workspace(_receipt))

    import_receipt = commands.add_parser("import-receipt",
                                         help="field laptop: record which changes the central office has received")
    import_receipt.add_argument("file", metavar="FILE")
    import_receipt.set_defaults(func=with_workspace(_import_receipt))


def _export(args: argparse.Namespace, workspace) -> None:
    from consultation_app.exchange.export import export_package

    result = export_package(workspace.database_path, args.out, workspace.reference, since_last=args.since_last,
                            include_sensitive=args.include_sensitive, password=password_from_env(args.password_env),
                            language=args.language)
    if args.json:
        print_json({"path": str(result.path), "export_id": result.export_id, "export_seq": result.export_seq,
                    "scope": result.scope, "counts": result.counts, "left_out": result.left_out,
                    "content_sha256": result.content_sha256, "password_protected": result.password_protected})
        return
    counts = result.counts
    print(f"wrote export {result.export_seq} ({result.scope}) to {shown(result.path)}: "
          f"{counts.get('consultations', 0)} consultations, {counts.get('feedback', 0)} feedback entries, "
          f"{counts.get('notes', 0)} notes")
    if sum(result.left_out.values()):
        print(f"left out to protect people: {sum(result.left_out.values())} record(s) "
              f"(use --include-sensitive to send them)")


def _template(args: argparse.Namespace, workspace) -> None:
    from consultation_app.errors import NotFoundError
    from consultation_app.exchange.template import write_template
    from consultation_app.storage import catalog_store

    catalog_id = args.catalog or catalog_store.default_catalog_id(workspace.db)
    if args.catalog and catalog_store.installed(workspace.db, args.catalog) is None:
        raise NotFoundError(f"no catalog {args.catalog!r}; see 'consultation-app catalog catalogs'")
    result = write_template(args.out, workspace.reference,
                            catalog_store.list_recommendations(workspace.db, catalog_id) if catalog_id else [])
    print(f"wrote a capture template with {result.recommendations} recommendations to {shown(result.path)}")


def _merge(args: argparse.Namespace, workspace) -> int:
    from consultation_app.exchange.merge import ALREADY_MERGED, MERGED, merge_paths

    def waiting() -> None:
        print("another merge into this data folder is running; waiting for it to finish", file=sys.stderr,
              flush=True)

    # A central office's server (--database) or the data folder's database.
    results = merge_paths(getattr(workspace, "url", None) or workspace.database_path, args.paths, workspace.reference,
                          password=password_from_env(args.password_env), accept_modified=args.accept_modified,
                          accept_new_key=args.accept_new_key, waiting=waiting)
    backup_path = str(results.backup.path) if results.backup else None
    if args.json:
        print_json({"files": [result.as_json() for result in results], "backup": backup_path,
                    "backup_problem": results.backup_problem})
    else:
        for result in results:
            print(f"{result.status:15} {shown(result.path)}: {shown(result.message)}")
            for warning in result.warnings:
                print(f"{'':15} warning: {shown(warning)}")
        if backup_path:
            print(f"backup (verified) of what was merged: {shown(backup_path)}")
        elif results.backup_problem:
            print(f"warning: no backup was made after the merge: {shown(results.backup_problem)}")
    return EXIT_OK if all(r.status in (MERGED, ALREADY_MERGED) for r in results) else EXIT_FAILED


def _master_export(args: argparse.Namespace, workspace) -> None:
    from consultation_app.exchange.master_export import write_master_export
    from consultation_app.ui.error_text import said_in  # the conflicts' reasons in the workbook's language

    # A central office's server (--database) or the data folder's database.
    result = write_master_export(getattr(workspace, "url", None) or workspace.database_path, args.out,
                                 workspace.reference, language=args.language, say=said_in(args.language))
    print(f"wrote the master export to {shown(result.path)}: " +
          ", ".join(f"{count} {name}" for name, count in result.counts.items()))


def _receipt(args: argparse.Namespace, workspace) -> None:
    from consultation_app.cli.common import database_source  # the server's address too (central office)
    from consultation_app.exchange.receipt import write_receipt

    result = write_receipt(database_source(workspace), args.device, args.out)
    print(f"wrote a receipt for {shown(result.device_name or result.device_id)} to {shown(result.path)}: "
          f"{sum(result.records.values())} records, exports {', '.join(map(str, result.export_seqs))}")


def _import_receipt(args: argparse.Namespace, workspace) -> None:
    from consultation_app.exchange.receipt import import_receipt

    result = import_receipt(workspace.database_path, args.file)
    state = "already imported; nothing changed" if result.already_imported else "imported"
    print(f"receipt {state}: the central office holds {result.records_in_receipt} records from this "
          f"laptop; {result.unconfirmed_changes} change(s) not yet confirmed")
    if result.exports_not_received:
        print(f"exports not received yet: {', '.join(map(str, result.exports_not_received))}")
