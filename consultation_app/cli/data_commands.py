"""`consultation-app summary` and `demo-data`: what a data folder holds, and synthetic data."""

from __future__ import annotations

import argparse

from consultation_app.cli.common import print_json, with_workspace
from consultation_app.domain.text import printable as shown
from consultation_app.errors import AppError


def add_parsers(commands) -> None:
    demo = commands.add_parser("demo-data", help="add realistic synthetic consultations (training, benchmarks)")
    demo.add_argument("--consultations", type=int, required=True, metavar="N")
    demo.add_argument("--seed", type=int, default=1, metavar="S")
    demo.add_argument("--feedback-per-consultation", type=int, default=50, metavar="F",
                      help="average feedback entries per consultation (default 50)")
    demo.set_defaults(func=with_workspace(_demo_data))

    summary = commands.add_parser("summary", help="counts of what the data folder holds")
    summary.add_argument("--json", action="store_true", help="print JSON")
    summary.set_defaults(func=with_workspace(_summary))


def _demo_data(args: argparse.Namespace, workspace) -> None:
    from consultation_app.services.demo import add_demo_data

    if args.consultations < 0 or args.feedback_per_consultation < 0:
        raise AppError("--consultations and --feedback-per-consultation cannot be negative")
    counts = add_demo_data(workspace, args.consultations, args.seed, args.feedback_per_consultation)
    print(f"added {counts['consultations']} consultations, {counts['feedback']} feedback entries "
          f"and {counts['notes']} notes (seed {args.seed})")


def _summary(args: argparse.Namespace, workspace) -> None:
    from consultation_app.services.workspace import summary

    result = summary(workspace)
    if args.json:
        print_json(result)
    else:
        for key, value in result.items():
            print(f"{key}: {shown(value)}")
