"""`consultation-app catalog suggest-links|link|unlink|links`: following a recommendation
across cycles (a later catalog's recommendation and the earlier one it continues)."""

from __future__ import annotations

import argparse

from consultation_app.cli.common import print_json, with_workspace
from consultation_app.domain.text import printable as shown


def add_parsers(actions) -> None:
    suggest = actions.add_parser("suggest-links", help="propose links between two catalogs' recommendations")
    suggest.add_argument("--from", dest="from_catalog", required=True, metavar="A", help="the earlier catalog")
    suggest.add_argument("--to", dest="to_catalog", required=True, metavar="B", help="the later catalog")
    suggest.add_argument("--top", type=int, default=3, metavar="N", help="proposals per recommendation (3)")
    suggest.add_argument("--json", action="store_true", help="print JSON")
    suggest.set_defaults(func=with_workspace(_suggest))
    for name, text in (("link", "confirm that CODE_B (later) continues CODE_A (earlier)"),
                       ("unlink", "reject or undo a link between CODE_A and CODE_B")):
        parser = actions.add_parser(name, help=text)
        parser.add_argument("code_a", metavar="CODE_A")
        parser.add_argument("code_b", metavar="CODE_B")
        parser.add_argument("--from", dest="from_catalog", metavar="A", help="CODE_A's catalog (when ambiguous)")
        parser.add_argument("--to", dest="to_catalog", metavar="B", help="CODE_B's catalog (when ambiguous)")
        parser.set_defaults(func=with_workspace(_link if name == "link" else _unlink))
    listing = actions.add_parser("links", help="decided links, and the feedback on confirmed predecessors")
    listing.add_argument("--catalog", metavar="ID", help="only links of this catalog")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(func=with_workspace(_links))


def _catalog_of(workspace, code: str, given: str | None) -> str:
    from consultation_app.errors import InputError, NotFoundError
    from consultation_app.storage import catalog_store

    holders = [c for c in catalog_store.catalogs_with_code(workspace.db, code) if not given or c == given]
    if not holders:
        raise NotFoundError(f"no recommendation {code}" + (f" in catalog {given}" if given else " in any catalog"))
    if len(holders) > 1:
        raise InputError(f"{code} is in several catalogs ({', '.join(holders)}); say which with --from/--to")
    return holders[0]


def _suggest(args: argparse.Namespace, workspace) -> None:
    from consultation_app.domain.linking import suggest_links
    from consultation_app.errors import NotFoundError
    from consultation_app.storage import catalog_store, link_store

    for catalog_id in (args.from_catalog, args.to_catalog):
        if catalog_store.installed(workspace.db, catalog_id) is None:
            raise NotFoundError(f"no catalog {catalog_id!r}; see 'consultation-app catalog catalogs'")
    earlier = catalog_store.list_recommendations(workspace.db, args.from_catalog)
    later = catalog_store.list_recommendations(workspace.db, args.to_catalog)
    suggestions = suggest_links(earlier, later, top=args.top, same_catalog=args.from_catalog == args.to_catalog)
    decided = link_store.decided(workspace.db, args.from_catalog, args.to_catalog)
    rows = [{"from_catalog": args.from_catalog, "from_code": s.from_code, "to_catalog": args.to_catalog,
             "to_code": s.to_code, "score": s.score, "english": s.english, "khmer": s.khmer, "shared": s.shared,
             "status": decided.get((s.from_code, s.to_code), "proposed")} for s in suggestions]
    if args.json:
        print_json(rows)
        return
    for row in rows:
        print(f"{shown(row['to_code']):>10} <- {shown(row['from_code']):<10} {row['score']:.2f}  {row['status']}")


def _decide(args: argparse.Namespace, workspace, status: str) -> None:
    from consultation_app.storage import link_store

    from_catalog = _catalog_of(workspace, args.code_a, args.from_catalog)
    to_catalog = _catalog_of(workspace, args.code_b, args.to_catalog)
    link_store.decide(workspace.db, from_catalog, args.code_a, to_catalog, args.code_b, status)
    print(shown(f"{status} link: {to_catalog} {args.code_b} continues {from_catalog} {args.code_a}"))


def _link(args, workspace) -> None:
    _decide(args, workspace, "confirmed")


def _unlink(args, workspace) -> None:
    _decide(args, workspace, "rejected")


def _links(args: argparse.Namespace, workspace) -> None:
    from consultation_app.storage import link_store

    rows = link_store.links(workspace.db, args.catalog)
    feedback = {}
    for catalog_id in {row["to_catalog"] for row in rows}:
        for entry in link_store.predecessor_feedback(workspace.db, catalog_id):
            feedback[(catalog_id, entry["code"], entry["from_catalog"], entry["from_code"])] = entry
    for row in rows:
        found = feedback.get((row["to_catalog"], row["to_code"], row["from_catalog"], row["from_code"]), {})
        row["predecessor_feedback"] = {k: found.get(k, 0) for k in ("entries", "consultations", "high", "medium",
                                                                     "low")}
    if args.json:
        print_json(rows)
        return
    for row in rows:
        fb = row["predecessor_feedback"]
        print(shown(f"{row['to_catalog']} {row['to_code']} <- {row['from_catalog']} {row['from_code']}  "
                    f"{row['status']}") + f"  ({fb['entries']} feedback entries in {fb['consultations']} "
              f"consultations on the predecessor)")
