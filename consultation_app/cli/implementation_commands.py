"""Central office: `implementation set|list|history|export` (what is done about each recommendation,
over time), `institution add|list|retire` (the list of responsible institutions) and
`matrix` (the follow-up matrix workbook). Wired into cli/main.py by ``add_parsers``."""

from __future__ import annotations

import argparse

from consultation_app.cli.common import EXIT_OK, database_source, print_json, with_workspace
from consultation_app.domain.implementation import INSTITUTION_KINDS, STATUSES, status_label
from consultation_app.domain.records import ValidationError
from consultation_app.domain.text import printable as shown
from consultation_app.errors import InputError


def add_parsers(commands) -> None:
    implementation = commands.add_parser(
        "implementation", help="central office: record and list what is done about each recommendation",
        description="The implementation status of recommendations, kept over time: each change is a new "
                    f"revision, dated and attributed. Statuses: {', '.join(STATUSES)}.")
    sub = implementation.add_subparsers(dest="action", metavar="ACTION", required=True)
    change = sub.add_parser("set", help="record a change for one recommendation")
    change.add_argument("code", help="the recommendation's code")
    change.add_argument("--catalog", metavar="ID", help="its catalog (needed when several catalogs hold the code)")
    change.add_argument("--status", choices=tuple(STATUSES))
    change.add_argument("--measures", metavar="TEXT", help="the measures taken (replaces the text on file)")
    change.add_argument("--institutions", metavar="K1,K2", help="responsible institutions by key (replaces the "
                                                              "list; '' for none)")
    change.add_argument("--indicator", metavar="TEXT", help="a short indicator")
    change.add_argument("--due", metavar="DATE", help="the indicator's due date (YYYY-MM-DD; '' for none)")
    change.add_argument("--officer", metavar="NAME", help="who makes the change (default: the officer name set "
                                                          "for this installation)")
    change.add_argument("--json", action="store_true")
    change.set_defaults(func=with_workspace(_set))
    listing = sub.add_parser("list", help="the current record of every recommendation that has one")
    listing.add_argument("--catalog", metavar="ID")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(func=with_workspace(_list))
    history = sub.add_parser("history", help="every revision of one recommendation's record")
    history.add_argument("code")
    history.add_argument("--catalog", metavar="ID")
    history.add_argument("--json", action="store_true")
    history.set_defaults(func=with_workspace(_history))
    export = sub.add_parser(
        "export", help="write a central exchange file for another central copy (merge it there with "
                       "consultation-app merge)",
        description="Every implementation record with its whole history, and the list of institutions, signed "
                    "with this copy's key (workbook format upr-central-exchange, docs/workbook-format.md).")
    export.add_argument("--out", required=True, metavar="FILE.xlsx")
    export.add_argument("--json", action="store_true")
    export.set_defaults(func=with_workspace(_export))

    institution = commands.add_parser("institution", help="central office: the list of responsible institutions")
    sub = institution.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = sub.add_parser("add", help="add an institution, or rename one (by its key)")
    add.add_argument("key", help="a stable key: lower-case letters, digits, '-' and '_'")
    add.add_argument("--name", required=True, help="its name in English")
    add.add_argument("--name-km", default="", help="its name in Khmer")
    add.add_argument("--kind", choices=INSTITUTION_KINDS, default="institution")
    add.set_defaults(func=with_workspace(_add_institution))
    listing = sub.add_parser("list", help="the institutions on the list")
    listing.add_argument("--all", action="store_true", help="retired ones too")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(func=with_workspace(_list_institutions))
    retire = sub.add_parser("retire", help="take an institution off the list (records naming it keep it)")
    retire.add_argument("key")
    retire.set_defaults(func=with_workspace(_retire_institution))

    matrix = commands.add_parser(
        "matrix", help="central office: the follow-up matrix (one row per recommendation) as an Excel workbook",
        description="One row per recommendation in catalog order: cluster, text in English and Khmer, position, "
                    "recommending states, responsible institutions, status, measures, and what the consultations "
                    "said (counts, priorities, assessments, up to three non-sensitive quotes).")
    matrix.add_argument("--out", required=True, metavar="FILE.xlsx")
    matrix.add_argument("--catalog", metavar="ID", help="only this catalog")
    matrix.add_argument("--lang", "--language", dest="language", choices=("en", "km"), default="en",
                        help="the language of labels, clusters and statuses (default en)")
    matrix.add_argument("--json", action="store_true")
    matrix.set_defaults(func=with_workspace(_matrix))


def _catalog_of(workspace, code: str, catalog: str | None) -> str:
    if catalog:
        return catalog
    from consultation_app.storage import report_queries

    found = report_queries.catalogs_holding_code(workspace.db, code)
    if len(found) == 1:
        return found[0]
    if not found:
        raise InputError(f"{code!r} is not a recommendation of any loaded catalog")
    raise InputError(f"{code!r} is in several catalogs ({', '.join(found)}): say which with --catalog")


def _set(args: argparse.Namespace, workspace) -> int:
    from consultation_app.storage import implementation_store, settings_store

    changes: dict = {}
    if args.status is not None:
        changes["status"] = args.status
    if args.measures is not None:
        changes["measures"] = args.measures
    if args.institutions is not None:
        changes["institutions"] = [key.strip() for key in args.institutions.split(",") if key.strip()]
    if args.indicator is not None:
        changes["indicator"] = args.indicator
    if args.due is not None:
        changes["indicator_due"] = args.due
    catalog = _catalog_of(workspace, args.code, args.catalog)
    # The officer name set for the store in use (a data folder's, or the server's on PostgreSQL).
    officer = args.officer if args.officer is not None else \
        settings_store.get(workspace.db, settings_store.OFFICER_NAME, "") or ""
    try:
        row = implementation_store.record(workspace.db, workspace.device_id, officer, catalog, args.code, changes)
    except ValidationError as error:
        raise InputError(f"{catalog} {args.code}: {error}") from None
    if args.json:
        print_json(_public(row))
    else:
        print(f"{shown(catalog)} {shown(args.code)}: revision {row['revision']}, status "
              f"{status_label(row['status']) or '(none)'}")
    return EXIT_OK


def _public(row: dict) -> dict:
    keys = ("catalog_id", "recommendation_code", "status", "measures", "institutions", "indicator", "indicator_due",
            "revision", "updated_at", "officer", "uuid")
    return {key: (list(row[key]) if isinstance(row.get(key), tuple) else row.get(key)) for key in keys if key in row}


def _list(args: argparse.Namespace, workspace) -> int:
    from consultation_app.storage import implementation_store

    rows = [row for row in implementation_store.iter_live(workspace.db)
            if not args.catalog or row["catalog_id"] == args.catalog]
    if args.json:
        print_json([_public(row) for row in rows])
        return EXIT_OK
    for row in rows:
        # Values another central copy may have sent: written out, so that a line stays one line.
        print(f"{shown(row['catalog_id'])}\t{shown(row['recommendation_code'])}\t{status_label(row['status'])}\t"
              f"{shown(', '.join(row['institutions']))}\t{shown(row['updated_at'])}\t{shown(row['officer'])}")
    return EXIT_OK


def _history(args: argparse.Namespace, workspace) -> int:
    from consultation_app.storage import implementation_store

    catalog = _catalog_of(workspace, args.code, args.catalog)
    rows = implementation_store.history(workspace.db, catalog, args.code)
    if args.json:
        print_json([{**row, "institutions": list(row["institutions"])} for row in rows])
        return EXIT_OK
    for row in rows:
        print(f"{row['revision']}\t{shown(row['changed_at'])}\t{shown(row['officer'])}\t"
              f"{status_label(row['status'])}\t{shown(row['measures'])}")
    return EXIT_OK


def _export(args: argparse.Namespace, workspace) -> int:
    from consultation_app.exchange.central_exchange_write import write_central_exchange

    written = write_central_exchange(database_source(workspace), args.out)
    if args.json:
        print_json({"path": str(written.path), "exchange_id": written.exchange_id, "records": written.records,
                    "revisions": written.revisions, "institutions": written.institutions,
                    "content_sha256": written.content_sha256})
    else:
        print(f"wrote {written.path}: {written.records} implementation record(s), {written.revisions} revision(s), "
              f"{written.institutions} institution(s); merge it into another central copy with "
              f"consultation-app merge")
    return EXIT_OK


def _add_institution(args: argparse.Namespace, workspace) -> int:
    from consultation_app.storage import implementation_store

    try:
        row = implementation_store.put_institution(workspace.db, args.key, args.name, args.name_km, args.kind)
    except ValidationError as error:
        raise InputError(f"institution {args.key!r}: {error}") from None
    print(f"institution {shown(row['key'])}: {shown(row['name'])}")
    return EXIT_OK


def _list_institutions(args: argparse.Namespace, workspace) -> int:
    from consultation_app.storage import implementation_store

    rows = implementation_store.list_institutions(workspace.db, include_retired=args.all)
    if args.json:
        print_json(rows)
        return EXIT_OK
    for row in rows:
        print(f"{shown(row['key'])}\t{shown(row['kind'])}\t{shown(row['name'])}\t{shown(row['name_km'])}")
    return EXIT_OK


def _retire_institution(args: argparse.Namespace, workspace) -> int:
    from consultation_app.storage import implementation_store

    implementation_store.retire_institution(workspace.db, args.key)
    print(f"institution {shown(args.key)} retired")
    return EXIT_OK


def _matrix(args: argparse.Namespace, workspace) -> int:
    from consultation_app.exchange.matrix import write_matrix

    result = write_matrix(database_source(workspace), args.out, workspace.reference, catalog_id=args.catalog,
                          language=args.language)
    if args.json:
        print_json({"path": str(result.path), "recommendations": result.recommendations,
                    "with_status": result.with_status, "quotes": result.quotes})
    else:
        print(f"wrote the matrix to {result.path}: {result.recommendations} recommendations, "
              f"{result.with_status} with an implementation status, {result.quotes} quotes")
    return EXIT_OK
