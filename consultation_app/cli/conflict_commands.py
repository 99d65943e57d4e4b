"""`consultation-app conflicts list`: the merge conflicts waiting for review (the same record at
the same revision arrived with other content), each with the fields that differ, both values
and both devices; `conflicts decide ID --take current|incoming` decides one (as the desktop
app's Review merge conflicts does). Wired into
cli/main.py by ``add_parsers(commands)``."""

from __future__ import annotations

from typing import Any

from consultation_app.cli.common import EXIT_OK, print_json, with_workspace
from consultation_app.domain.conflicts import differing_fields
from consultation_app.domain.text import printable as shown
from consultation_app.storage import conflict_queries


def add_parsers(commands) -> None:
    conflicts = commands.add_parser("conflicts", help="central office: merge conflicts waiting for review")
    actions = conflicts.add_subparsers(dest="conflicts_command", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="each conflict: record, fields that differ, both values, both devices")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(func=with_workspace(run))
    decide = actions.add_parser("decide", help="decide one conflict: keep the version held or take the one waiting")
    decide.add_argument("conflict_id", type=int, metavar="ID", help="the conflict's id (conflicts list)")
    decide.add_argument("--take", choices=("current", "incoming"), required=True,
                        help="current: keep the version held; incoming: take the version waiting for review")
    decide.set_defaults(func=with_workspace(_decide))


def conflict_list(db) -> list[dict[str, Any]]:
    """The conflicts as the command prints them (and as its JSON holds them)."""
    listed = []
    for conflict in conflict_queries.open_conflicts_with_held(db):
        current, incoming = conflict["current"], conflict["incoming"]
        listed.append({
            "id": conflict["id"], "record_table": conflict["record_table"], "record_uuid": conflict["record_uuid"],
            "revision": conflict["revision"], "detected_at": conflict["detected_at"],
            "export_id": conflict["export_id"],
            # why it waits for a person ('' for a plain conflict), and its message key ('' for none or an older row)
            "reason": str(conflict["reason"]), "reason_key": getattr(conflict["reason"], "key", ""),
            "current": {"device_id": conflict["current_device_id"], "device_name": conflict["current_device_name"],
                        "updated_at": current["updated_at"] if current else None,
                        "content_hash": current["content_hash"] if current else None},
            "incoming": {"device_id": conflict["incoming_device_id"],
                         "device_name": conflict["incoming_device_name"],
                         "updated_at": incoming.get("updated_at"), "content_hash": incoming.get("content_hash")},
            "fields": [{"field": name, "current": before, "incoming": after}
                       for name, before, after in differing_fields(conflict["record_table"], current, incoming)],
        })
    return listed


def run(args, workspace) -> int:
    listed = conflict_list(workspace.db)
    if args.json:
        print_json({"conflicts": listed})
        return EXIT_OK
    if not listed:
        print("no conflicts waiting for review")
        return EXIT_OK
    print(f"{len(listed)} conflict(s) waiting for review (decide them in the desktop app: Review merge conflicts)")
    for entry in listed:
        print(f"conflict {entry['id']}: {entry['record_table']} {shown(entry['record_uuid'])} revision "
              f"{entry['revision']}, found {shown(entry['detected_at'][:16].replace('T', ' '))}")
        for side in ("current", "incoming"):
            device = entry[side]
            name = f"{shown(device['device_name'])} ({shown(device['device_id'])})" if device["device_name"] \
                else shown(device["device_id"] or "(record no longer held)")
            print(f"    {side + ':':10} device {name}")
        for difference in entry["fields"]:
            print(f"    {difference['field']}:")
            print(f"        current:  {_value(difference['current'])}")
            print(f"        incoming: {_value(difference['incoming'])}")
    return EXIT_OK


def _decide(args, workspace) -> int:
    from consultation_app.domain.conflicts import CONFLICT_KINDS
    from consultation_app.domain.records import utc_now
    from consultation_app.errors import InputError
    from consultation_app.storage import merge_store

    table = conflict_queries.open_conflict_table(workspace.db, args.conflict_id)
    if table is None:
        raise InputError(f"no conflict {args.conflict_id} waiting for review (consultation-app conflicts list)")
    if not merge_store.resolve_conflict(workspace.db, CONFLICT_KINDS[table], args.conflict_id,
                                        args.take == "incoming", utc_now()):
        raise InputError(f"conflict {args.conflict_id} was decided meanwhile (by someone else)")
    taken = "took the incoming" if args.take == "incoming" else "kept the current"
    print(f"conflict {args.conflict_id} decided: {taken} version")
    return EXIT_OK


def _value(value: Any) -> str:
    if isinstance(value, list):
        return shown(", ".join(map(str, value))) or "(empty)"
    if value is None or value == "":
        return "(empty)"
    return shown(value)
