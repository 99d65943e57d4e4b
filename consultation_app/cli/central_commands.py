"""`consultation-app central move-to postgresql://...`: a central office's SQLite store copied
onto a PostgreSQL server, verified table by table; the data folder's file is left untouched
(storage/move_to_server.py, docs/central-postgresql.md)."""

from __future__ import annotations

import argparse

from consultation_app import paths
from consultation_app.cli.common import EXIT_OK, print_json
from consultation_app.errors import AppError


def add_parsers(commands) -> None:
    central = commands.add_parser("central", help="central office: its store on a PostgreSQL server")
    actions = central.add_subparsers(dest="central_command", metavar="ACTION", required=True)
    move = actions.add_parser("move-to", help="copy the data folder's central store into a new PostgreSQL database, "
                                              "verify every table, leave the data folder's file as it is")
    move.add_argument("url", metavar="URL", help="postgresql://user@host/database (password: ~/.pgpass or PGPASSWORD)")
    move.add_argument("--json", action="store_true", help="print JSON")
    move.set_defaults(func=_move_to)


def _move_to(args: argparse.Namespace) -> int:
    from consultation_app.storage.move_to_server import move_to_server
    from consultation_app.storage.pg_connection import is_postgresql_url, shown

    if not is_postgresql_url(args.url):
        raise AppError("central move-to needs a postgresql://user@host/database address")
    tables = move_to_server(paths.database_path(), args.url)
    if args.json:
        print_json({"database": shown(args.url), "tables": tables})
    else:
        rows = sum(table["rows"] for table in tables.values())
        print(f"moved {rows} rows in {len(tables)} tables to {shown(args.url)}; every table verified (row count "
              f"and SHA-256); the data folder's database was not changed")
        print(f"use it with --database {shown(args.url)} or CONSULTATION_APP_DATABASE")
    return EXIT_OK
