"""`consultation-app attachments add|list`: photos, scanned forms and recordings of a
consultation (services/attachments.py)."""

from __future__ import annotations

import argparse

from consultation_app.cli.common import print_json, with_workspace
from consultation_app.domain.attachments import KINDS
from consultation_app.domain.text import printable as shown


def add_parsers(commands) -> None:
    group = commands.add_parser("attachments", help="add or list a consultation's photos, scans and recordings")
    actions = group.add_subparsers(dest="attachments_command", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="attach a file (checked by its content) to a consultation")
    add.add_argument("--consultation", required=True, metavar="UUID", help="the consultation's id")
    add.add_argument("file", metavar="FILE")
    add.add_argument("--kind", choices=KINDS, default="other",
                     help="photo (flip charts), consent (scanned forms), attendance (sheets), audio, other")
    add.add_argument("--caption", default="", metavar="TEXT")
    add.add_argument("--sensitive", action="store_true",
                     help="stays on this laptop unless an export explicitly includes sensitive content")
    add.add_argument("--json", action="store_true", help="print the stored attachment as JSON")
    add.set_defaults(func=with_workspace(_add))
    listing = actions.add_parser("list", help="the attachments held, oldest first")
    listing.add_argument("--consultation", metavar="UUID", help="only this consultation's")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(func=with_workspace(_list))


def _add(args: argparse.Namespace, workspace) -> None:
    from consultation_app.services import attachments

    row = attachments.add_file(workspace.records, args.consultation, args.file, args.kind, args.caption,
                               args.sensitive)
    if args.json:
        print_json(row)
    else:
        print(f"attached {shown(row['file_name'])} ({row['kind']}, {row['media_type']}, {row['size']:,} bytes"
              f"{', sensitive' if row['sensitive'] else ''}) as {row['uuid']}; sha256 {row['sha256']}")


def _list(args: argparse.Namespace, workspace) -> None:
    from consultation_app.storage import attachment_store

    rows = attachment_store.listing(workspace.db, args.consultation)
    if args.json:
        print_json(rows)
        return
    for row in rows:
        print(f"{row['uuid']}  {row['consultation_uuid']}  {row['kind']:<10} {row['size']:>12,}  "
              f"{'sensitive ' if row['sensitive'] else ''}{shown(row['file_name'])}"
              f"{'  — ' + shown(row['caption']) if row['caption'] else ''}")
    print(f"{len(rows)} attachment(s)")
