"""`consultation-app catalog list|search|import`: the catalogs of recommendations."""

from __future__ import annotations

import argparse

from consultation_app.cli.common import EXIT_OK, print_json, with_workspace
from consultation_app.domain.text import printable as shown

RECOMMENDATION_KEYS = ("code", "catalog_id", "part", "section", "theme", "text", "text_km", "sdgs", "groups",
                       "part_km", "section_km", "theme_km")


def add_parsers(commands) -> None:
    catalog = commands.add_parser("catalog", help="list, search or import catalogs of recommendations")
    actions = catalog.add_subparsers(dest="catalog_command", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="every recommendation, in the annex's order")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(func=with_workspace(_list))
    search = actions.add_parser("search", help="full-text search over codes, texts and themes")
    search.add_argument("query", metavar="QUERY")
    search.add_argument("--json", action="store_true", help="print JSON")
    search.set_defaults(func=with_workspace(_search))
    importing = actions.add_parser("import", help="load a catalog file, or a newer version of one")
    importing.add_argument("file", metavar="FILE")
    importing.set_defaults(func=_import)


def _list(args: argparse.Namespace, workspace) -> None:
    from consultation_app.storage import catalog_store

    _print_recommendations(catalog_store.list_recommendations(workspace.db), args.json)


def _search(args: argparse.Namespace, workspace) -> None:
    from consultation_app.storage import catalog_store

    _print_recommendations(catalog_store.search_recommendations(workspace.db, args.query), args.json)


def _import(args: argparse.Namespace) -> int:
    from consultation_app.domain.catalog import read_catalog_file
    from consultation_app.services.workspace import Workspace
    from consultation_app.storage import catalog_store

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
    print(shown(messages[result.status]))
    return EXIT_OK


def _print_recommendations(rows: list[dict], as_json: bool) -> None:
    if as_json:
        print_json([{key: row.get(key) for key in RECOMMENDATION_KEYS} for row in rows])
        return
    for row in rows:
        where = " / ".join(dict.fromkeys(p for p in (row["part"], row["section"], row["theme"]) if p))
        sdgs = ", ".join(str(goal) for goal in row["sdgs"])
        print(f"{shown(row['code'])}  [{shown(where)}]  SDG {shown(sdgs)}\n    {shown(row['text'])}")
