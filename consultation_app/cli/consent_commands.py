"""`consultation-app consent show|set|withdraw`: what the people of a consultation (or one
quoted person) agreed to (services/consent.py). Withdrawing wipes everything it covered."""

from __future__ import annotations

import argparse

from consultation_app.cli.common import print_json, with_workspace
from consultation_app.domain import consent as rules
from consultation_app.domain.text import printable as shown


def add_parsers(commands) -> None:
    group = commands.add_parser("consent", help="record, show or withdraw consent for a consultation or a person")
    actions = group.add_subparsers(dest="consent_command", metavar="ACTION", required=True)
    show = actions.add_parser("show", help="the consent recorded for a consultation and its quoted people")
    show.add_argument("--consultation", required=True, metavar="UUID")
    show.add_argument("--json", action="store_true", help="print JSON")
    show.set_defaults(func=with_workspace(_show))
    record = actions.add_parser("set", help="record consent (every scope not given is off)")
    record.add_argument("--consultation", required=True, metavar="UUID")
    record.add_argument("--person", metavar="ENTRY_UUID", default="",
                        help="a quoted person's own consent, for their feedback entry")
    record.add_argument("--given", choices=rules.GIVEN, required=True)
    record.add_argument("--text-version", default="", metavar="TEXT", help="which consent text was used")
    record.add_argument("--quotes", action="store_true", help="quotes may be used")
    record.add_argument("--attribution", choices=rules.ATTRIBUTION_LEVELS, default="none")
    record.add_argument("--photos", action="store_true")
    record.add_argument("--recordings", action="store_true")
    record.add_argument("--visibility", choices=rules.VISIBILITIES, default="field_team")
    record.add_argument("--keep-until", metavar="YYYY-MM-DD", help="retention date")
    record.set_defaults(func=with_workspace(_set))
    withdraw = actions.add_parser("withdraw", help="take consent back and wipe everything it covered")
    withdraw.add_argument("--consultation", required=True, metavar="UUID")
    withdraw.add_argument("--person", metavar="ENTRY_UUID", default="")
    withdraw.add_argument("--json", action="store_true", help="print JSON")
    withdraw.set_defaults(func=with_workspace(_withdraw))
    sweep = actions.add_parser("sweep", help="wipe what consents whose keep-until date has passed covered "
                                             "(also done at start of the app and of central commands)")
    sweep.add_argument("--json", action="store_true", help="print JSON")
    sweep.set_defaults(func=with_workspace(_sweep))


def _show(args: argparse.Namespace, workspace) -> None:
    from consultation_app.storage import consent_store

    rows = [consent.as_row() for consent in consent_store.of_consultation(workspace.db, args.consultation).values()]
    if args.json:
        print_json(rows)
        return
    if not rows:
        print("no consent recorded; the consultation's 'Consent and attribution' choice is read strictly")
    for row in rows:
        who = f"person {row['subject']}" if row["subject"] else "consultation"
        scope = ", ".join(name for name in ("quotes", "photos", "recordings") if row[name]) or "nothing"
        print(f"{who}: {row['given']}{' (' + shown(row['text_version']) + ')' if row['text_version'] else ''}; "
              f"agreed to {scope}; attribution {row['attribution']}; seen by {row['visibility']}"
              f"{'; keep until ' + row['retain_until'] if row['retain_until'] else ''}"
              f"{'; WITHDRAWN' if row['withdrawn'] else ''}")


def _set(args: argparse.Namespace, workspace) -> None:
    from consultation_app.services import consent

    consent.record(workspace.records, {
        "consultation_uuid": args.consultation, "subject": args.person, "given": args.given,
        "text_version": args.text_version, "quotes": args.quotes, "attribution": args.attribution,
        "photos": args.photos, "recordings": args.recordings, "visibility": args.visibility,
        "retain_until": args.keep_until})
    print(f"consent recorded for {'person ' + args.person if args.person else 'consultation ' + args.consultation}")


def _withdraw(args: argparse.Namespace, workspace) -> None:
    from consultation_app.services import consent

    result = consent.withdraw(workspace.records, args.consultation, args.person)
    if args.json:
        print_json({"entries_withdrawn": result.entries_withdrawn, "attachments_wiped": result.other_withdrawn})
    else:
        print(f"consent withdrawn: {result.entries_withdrawn} entries and {result.other_withdrawn} attachments "
              f"wiped; the next export carries the withdrawal to the central office")


def retention_line(item) -> str:
    """One line saying what a passed keep-until date wiped (services/consent.Expired)."""
    whose = f"person {item.subject} in " if item.subject else ""
    return (f"the keep-until date {item.retain_until} of the consent for {whose}consultation "
            f"'{shown(item.consultation_title)}' has passed: {item.entries_withdrawn} entries and "
            f"{item.attachments_wiped} attachments wiped")


def _sweep(args: argparse.Namespace, workspace) -> None:
    from consultation_app.services import consent

    done = consent.sweep(workspace.records)
    if args.json:
        print_json({"wiped": [item.as_dict() for item in done]})
        return
    for item in done:
        print(retention_line(item))
    if not done:
        print("no consent is past its keep-until date: nothing wiped")
