"""`consultation-app catalog ...`: the catalogs of recommendations (list, search, import from
the real sources, the catalog workbook, several catalogs side by side, links across cycles)."""

from __future__ import annotations

import argparse

from consultation_app.cli.common import print_json, with_workspace
from consultation_app.domain.text import printable as shown

RECOMMENDATION_KEYS = ("code", "catalog_id", "part", "section", "theme", "text", "text_km", "sdgs", "groups",
                       "part_km", "section_km", "theme_km", "position", "recommending_states", "paragraph",
                       "source_key", "cycle", "themes", "sdg_targets", "affected_persons", "document_symbol",
                       "session", "km_status")
CATALOG_KEYS = ("catalog_id", "version", "title", "title_km", "country", "cycle", "body", "source", "date",
                "recommendations", "with_khmer", "signed", "loaded_at")


def add_parsers(commands) -> None:
    catalog = commands.add_parser("catalog", help="list, search, import or export catalogs of recommendations")
    actions = catalog.add_subparsers(dest="catalog_command", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="every recommendation, in the catalog's order")
    listing.add_argument("--catalog", metavar="ID", help="only this catalog (default: all)")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(func=with_workspace(_list))
    search = actions.add_parser("search", help="full-text search over codes, texts and themes")
    search.add_argument("query", metavar="QUERY")
    search.add_argument("--catalog", metavar="ID", help="only this catalog (default: all)")
    search.add_argument("--json", action="store_true", help="print JSON")
    search.set_defaults(func=with_workspace(_search))
    catalogs = actions.add_parser("catalogs", help="the catalogs held: id, version, cycle, count, Khmer")
    catalogs.add_argument("--json", action="store_true", help="print JSON")
    catalogs.set_defaults(func=with_workspace(_catalogs))

    from consultation_app.services.catalog_import import FORMATS

    importing = actions.add_parser("import", help="load a catalog (file, UHRI download, UPR Info CSV, catalog "
                                                  "workbook or office package), or a newer version of one")
    importing.add_argument("file", metavar="FILE")
    importing.add_argument("--format", choices=FORMATS, default="auto", help="default: from the file")
    importing.add_argument("--country", metavar="NAME", help="only recommendations to this country")
    importing.add_argument("--cycle", type=int, metavar="N", help="only this UPR cycle (from the session)")
    importing.add_argument("--body", metavar="BODY", help="only this recommending body (e.g. UPR)")
    importing.add_argument("--id", dest="catalog_id", metavar="ID", help="the catalog id to import into")
    importing.add_argument("--title", metavar="TEXT", help="the catalog's title")
    importing.add_argument("--skip-bad-rows", action="store_true",
                           help="import the readable rows when some cannot be read (they are listed)")
    importing.add_argument("--accept-new-key", action="store_true",
                           help="accept a package signed by a new office key (the office changed its key)")
    importing.add_argument("--dry-run", action="store_true", help="say what would be imported; change nothing")
    importing.add_argument("--json", action="store_true", help="print the result as JSON")
    importing.set_defaults(func=with_workspace(_import))
    export = actions.add_parser("export", help="write a catalog workbook (signed with this office's key)")
    export.add_argument("--catalog", required=True, metavar="ID")
    export.add_argument("--out", required=True, metavar="FILE", help="the .xlsx file to write")
    export.set_defaults(func=with_workspace(_export))

    from consultation_app.cli import link_commands

    link_commands.add_parsers(actions)


def _list(args: argparse.Namespace, workspace) -> None:
    from consultation_app.storage import catalog_store

    _check_catalog(workspace, args.catalog)
    _print_recommendations(catalog_store.list_recommendations(workspace.db, args.catalog), args.json)


def _search(args: argparse.Namespace, workspace) -> None:
    from consultation_app.storage import catalog_store

    _check_catalog(workspace, args.catalog)
    _print_recommendations(catalog_store.search_recommendations(workspace.db, args.query, args.catalog), args.json)


def _check_catalog(workspace, catalog_id: str | None) -> None:
    from consultation_app.errors import NotFoundError
    from consultation_app.storage import catalog_store

    if catalog_id and catalog_store.installed(workspace.db, catalog_id) is None:
        raise NotFoundError(f"no catalog {catalog_id!r}; see 'consultation-app catalog catalogs'")


def _catalogs(args: argparse.Namespace, workspace) -> None:
    from consultation_app.storage import catalog_store

    rows = catalog_store.list_catalogs(workspace.db)
    for row in rows:
        row["signed"] = bool(row.get("signed_by"))
    if args.json:
        print_json([{key: row.get(key) for key in CATALOG_KEYS} for row in rows])
        return
    for row in rows:
        khmer = f"{row['with_khmer']} with Khmer" if row["with_khmer"] else "no Khmer"
        cycle = f", cycle {row['cycle']}" if row["cycle"] else ""
        print(f"{shown(row['catalog_id'])}  version {shown(row['version'])}{cycle}  {row['recommendations']} "
              f"recommendations ({khmer})\n    {shown(row['title'])}")


def _import(args: argparse.Namespace, workspace) -> None:
    from consultation_app.services.catalog_import import UNCHANGED, ImportOptions, apply, plan_import

    options = ImportOptions(format=args.format, country=args.country, cycle=args.cycle, body=args.body,
                            catalog_id=args.catalog_id, title=args.title, skip_bad_rows=args.skip_bad_rows,
                            accept_new_key=args.accept_new_key)
    plan = plan_import(workspace.db, args.file, options)
    result = None if args.dry_run else apply(workspace.db, plan)
    if args.json:
        print_json({**plan.as_json(), "imported": result is not None and plan.status != UNCHANGED})
        return
    for row, problem in plan.bad_rows:
        print(f"skipped row {row}: {shown(problem)}")
    for reason, count in plan.filtered.items():
        print(f"left out {count} row(s): {shown(reason)}")
    if result is None:
        verb = {"new": "load", UNCHANGED: "change nothing in"}.get(plan.status, plan.status)
        print(f"would {verb} "
              f"catalog {shown(plan.catalog.catalog_id)} version {shown(plan.catalog.version)}: "
              f"{len(plan.catalog.recommendations)} recommendations ({plan.added} new, {plan.changed} changed, "
              f"{plan.retired} retired)")
        return
    messages = {
        "loaded": f"loaded catalog {result.catalog_id} version {result.version}: "
                  f"{result.recommendations} recommendations",
        "updated": f"updated catalog {result.catalog_id} from version {result.previous_version} to "
                   f"{result.version}: {result.recommendations} recommendations, {result.retired} retired; "
                   f"feedback unchanged",
        "unchanged": f"catalog {result.catalog_id} version {result.version} is already loaded; nothing changed",
    }
    print(shown(messages[result.status]))


def _export(args: argparse.Namespace, workspace) -> None:
    from consultation_app.services.catalog_import import export_catalog

    path = export_catalog(workspace.db, args.catalog, args.out)
    print(shown(f"wrote catalog {args.catalog} (signed) to {path}"))


def _print_recommendations(rows: list[dict], as_json: bool) -> None:
    if as_json:
        print_json([{key: row.get("position_taken" if key == "position" else key) for key in RECOMMENDATION_KEYS}
                    for row in rows])
        return
    for row in rows:
        where = " / ".join(dict.fromkeys(p for p in (row["part"], row["section"], row["theme"]) if p))
        sdgs = ", ".join(str(goal) for goal in row["sdgs"])
        print(f"{shown(row['code'])}  [{shown(where)}]  SDG {shown(sdgs)}\n    {shown(row['text'])}")
