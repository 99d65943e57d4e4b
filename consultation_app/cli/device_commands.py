"""`consultation-app device`: this installation's identity (show it; after a cloned disk or
data folder, become a new device) and, at the central office, which devices it trusts as
other central offices. Wired into cli/main.py by ``add_parsers(commands)``."""

from __future__ import annotations

import argparse

from consultation_app.cli.common import EXIT_OK, print_json, with_workspace
from consultation_app.errors import AppError


def add_parsers(commands) -> None:
    device = commands.add_parser("device", help="this installation's device identity; trusted central offices")
    actions = device.add_subparsers(dest="device_command", required=True)
    show = actions.add_parser("show", help="device id, name, signing key and whether the folder was copied")
    show.add_argument("--json", action="store_true", help="print JSON")
    actions.add_parser(
        "new-identity", help="make this installation a new device (after its disk or data folder was copied "
                             "from another laptop): new device id and signing key; records and history kept")
    trust = actions.add_parser("trust-office", help="central office: trust a device as another central office, "
                                                    "whose exports may carry records of any device")
    trust.add_argument("device_id", metavar="DEVICE_ID")
    trust.add_argument("--revoke", action="store_true", help="stop trusting it")
    device.set_defaults(func=with_workspace(run))


def run(args: argparse.Namespace, workspace) -> int:
    from consultation_app.domain import signing
    from consultation_app.storage import identity_store, keys_store

    if args.device_command == "show":
        public = keys_store.signing_public_key(workspace.db)
        shown = {"device_id": workspace.device_id, "device_name": workspace.device_name,
                 "signing_key": signing.fingerprint(public) if public else None,
                 "copied_from_another_computer": workspace.copied_from_another_computer,
                 "previous_device_ids": identity_store.previous_device_ids(workspace.db)}
        if args.json:
            print_json(shown)
        else:
            for key, value in shown.items():
                print(f"{key}: {value}")
    elif args.device_command == "new-identity":
        former, new = workspace.become_new_device()
        print(f"this installation is now device {new} (it was {former}); its next export is signed with a new "
              f"key and numbered 1; the central office sees a new device. Records made before keep their "
              f"history and belong to the device that made them")
    elif args.device_command == "trust-office":
        if not keys_store.set_trusted_office(workspace.db, args.device_id, not args.revoke):
            raise AppError(f"device {args.device_id}: no signed export of it has been merged here, so there is "
                           f"no key on record to trust; merge one of its exports first")
        print(f"device {args.device_id} is {'no longer' if args.revoke else 'now'} trusted as a central office"
              + ("" if args.revoke else ": its exports signed with the key on record may carry any device's records"))
    return EXIT_OK
