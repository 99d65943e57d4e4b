"""`consultation-app report`: the central office's summary per recommendation, as a printable
PDF or an Excel workbook with charts (exchange/report.py). Wired into cli/main.py by
``add_parsers(commands)``; ``run(args, workspace)`` writes it."""

from __future__ import annotations

import argparse

from consultation_app.cli.common import EXIT_OK, database_source, print_json, with_workspace
from consultation_app.domain.text import printable as shown


def add_parsers(commands) -> None:
    """Add the ``report`` command to the subparsers of the main parser."""
    report = commands.add_parser(
        "report", help="central office: a summary per recommendation (PDF to print, or Excel with charts)",
        description="A summary per recommendation, in the annex's order: how often it came up, the priority and "
                    "the implementation assessment people gave it, and up to three quotes. Quotes never come from "
                    "records marked sensitive or that name a person. The file type follows the name: .pdf, .xlsx "
                    "or .docx.")
    report.add_argument("--out", required=True, metavar="FILE",
                        help="the file to write: FILE.pdf, FILE.xlsx, or FILE.docx (an editable Word draft of the "
                             "mid-term report, with the implementation status on file)")
    report.add_argument("--group", metavar="G", help="only consultations of this stakeholder group (its key, e.g. "
                                                     "indigenous_communities)")
    report.add_argument("--province", metavar="P", help="only consultations in this province (its key, e.g. "
                                                        "ratanakiri)")
    report.add_argument("--from", dest="date_from", metavar="DATE",
                        help="only consultations that started on or after DATE (YYYY-MM-DD)")
    report.add_argument("--to", dest="date_to", metavar="DATE",
                        help="only consultations that started on or before DATE (YYYY-MM-DD)")
    report.add_argument("--catalog", metavar="ID", help="only this catalog's recommendations (default: all)")
    report.add_argument("--language", "--lang", dest="language", choices=("en", "km"), default="en",
                        help="the language of the report's headings and labels (default en)")
    report.add_argument("--json", action="store_true", help="print the result as JSON")
    report.set_defaults(func=with_workspace(run))


def run(args: argparse.Namespace, workspace) -> int:
    """Write the report; errors a person can act on are raised as AppError (exit code 1)."""
    from consultation_app.exchange.report import write_report

    result = write_report(database_source(workspace), args.out, workspace.reference, group=args.group,
                          province=args.province, date_from=args.date_from, date_to=args.date_to,
                          language=args.language, catalog_id=args.catalog)
    if getattr(args, "json", False):
        print_json({
            "path": str(result.path), "kind": result.kind, "generated_at": result.generated_at,
            "recommendations": result.recommendations, "discussed": result.discussed, "feedback": result.feedback,
            "consultations": result.consultations, "quotes": result.quotes, "pages": result.pages,
        })
        return EXIT_OK
    pages = f", {result.pages} pages" if result.pages else ""
    print(f"wrote the report to {shown(result.path)}: {result.recommendations} recommendations ({result.discussed} "
          f"discussed), {result.feedback} feedback entries from {result.consultations} consultations, "
          f"{result.quotes} quotes{pages}")
    return EXIT_OK
