"""Whether a database holds exactly the schema this app's migrations make: nothing added (a
trigger, a view, a table, an index) and nothing altered or missing.

A database is data and code: a trigger runs on every write. A forged "backup" with a trigger
that clears the sensitive mark on each new entry and copies its words to a shadow table
passes every integrity check, so a restore compares the whole schema (``differences``): the
expected one is made by applying this app's steps to an empty in-memory database, those the
candidate records, in the order it records them (an older backup is an older schema, and is
migrated after the restore), and ``sqlite_master`` is compared entry by entry (type, name,
table, SQL with its whitespace collapsed); FTS5's shadow tables are entries like any other.
That needs sqlite-utils (about 60 ms to load), so opening the database at every start makes
only the cheap half of the check (``foreign_code``): the app makes no trigger and no view
(``TRIGGERS_AND_VIEWS``), so any there was put there by someone else.
"""

from __future__ import annotations

import functools
import sqlite3
from typing import Any

from consultation_app.storage.dashboard_triggers import SQLITE_TRIGGERS, SQLITE_TRIGGERS_V1
from consultation_app.storage.errors import DatabaseCorruptError
from consultation_app.storage.migrations import MIGRATION_SET, STEPS, schema_steps

# The triggers and views the steps make, name -> SQL (whitespace collapsed): the dashboard's
# marks (a test holds this equal to the steps' schema). A trigger of the same name with another
# body is foreign code like any other.
TRIGGERS_AND_VIEWS: dict[str, str] = {name: " ".join(sql.split()) for name, sql in SQLITE_TRIGGERS.items()}
# as they were before step m_dashboard_days_v1 made the consultations' again: a database not yet
# at that step holds these (and is migrated once it passes the check)
_DAYS_STEP = "m_dashboard_days_v1"
_TRIGGERS_BEFORE_DAYS: dict[str, str] = {name: " ".join(sql.split()) for name, sql in SQLITE_TRIGGERS_V1.items()}

_Entry = tuple[str, str, str, str]  # type, name, table, SQL (whitespace collapsed; '' for none)


class ForeignSchemaError(DatabaseCorruptError):
    """The database holds schema this app did not make: it was changed outside the app."""

    def __init__(self, path: object, found: list[str]):
        self.reason = f"the database was changed outside the app: it holds {listed(found)}"
        super().__init__(f"{path}: {self.reason}")
        self.path = path


def _normal(sql: str | None) -> str:
    return " ".join(sql.split()) if sql else ""


def entries(conn: Any) -> frozenset[_Entry]:
    """What ``sqlite_master`` holds, as comparable entries."""
    return frozenset((kind, name, table, _normal(sql))
                     for kind, name, table, sql in conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master"))


@functools.lru_cache(maxsize=16)
def expected_entries(steps: tuple[str, ...]) -> frozenset[_Entry]:
    """The schema this app's ``steps`` make, applied in this order to an empty database.
    ValueError for a step this version does not know or a step named twice."""
    from sqlite_utils import Database, Migrations

    by_name = {step.__name__: step for step in STEPS}
    unknown = [name for name in steps if name not in by_name]
    if unknown:
        raise ValueError(f"unknown schema step {unknown[0]!r}")
    chosen = Migrations(MIGRATION_SET)
    for name in steps:
        chosen(name=name)(by_name[name])  # ValueError when a name comes twice
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        chosen.apply(Database(conn, execute_plugins=False))
        return entries(conn)
    finally:
        conn.close()


def _a(kind: str) -> str:
    return "an" if kind[0] in "aeiou" else "a"


def _describe(kind: str, name: str, table: str) -> str:
    on = f" on {table}" if kind in ("trigger", "index") and table != name else ""
    return f"{kind} {name!r}{on}"


def differences(conn: Any) -> list[str]:
    """What in this database the app's steps did not make, made otherwise, or made and is
    missing, one phrase each ("a trigger 'x' on feedback that the app never makes"); [] when
    it holds exactly their schema. Reads only."""
    steps = tuple(schema_steps(conn))
    if not steps:
        return ["no record of this app's schema steps"]
    try:
        expected = expected_entries(steps)
    except ValueError as error:
        return [str(error)]
    actual = entries(conn)
    expected_by_key = {entry[:3]: entry for entry in expected}
    actual_by_key = {entry[:3]: entry for entry in actual}
    found = []
    for key in sorted(actual_by_key.keys() - expected_by_key.keys()):
        found.append(f"{_a(key[0])} {_describe(*key)} that the app never makes")
    for key in sorted(actual_by_key.keys() & expected_by_key.keys()):
        if actual_by_key[key] != expected_by_key[key]:
            found.append(f"the {_describe(*key)} altered from what the app makes")
    for key in sorted(expected_by_key.keys() - actual_by_key.keys()):
        found.append(f"no {_describe(*key)}, which the app makes")
    return found


def foreign_code(conn: Any) -> list[str]:
    """The triggers and views this app does not make, or makes and are missing, one phrase
    each: the cheap check made at every opening (a read of ``sqlite_master`` and of the steps
    recorded, no sqlite-utils)."""
    rows = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE type IN ('trigger', 'view') "
                        "ORDER BY type, name").fetchall()
    applied = set(schema_steps(conn))
    allowed = TRIGGERS_AND_VIEWS if _DAYS_STEP in applied else _TRIGGERS_BEFORE_DAYS
    found = [f"{_a(kind)} {_describe(kind, name, table)} that the app never makes"
             for kind, name, table, sql in rows if allowed.get(name) != _normal(sql)]
    # and one missing: without it a write leaves no mark and the dashboard's kept figures go stale
    # silently. Only where every step is applied (an older database gets them by migrating).
    if {step.__name__ for step in STEPS} <= applied:
        held = {name for _kind, name, _table, _sql in rows}
        found += [f"no trigger {name!r}, which the app makes" for name in sorted(TRIGGERS_AND_VIEWS.keys() - held)]
    return found


def refuse_foreign_code(conn: Any, path: object) -> None:
    """ForeignSchemaError when the database holds a trigger or view this app does not make."""
    found = foreign_code(conn)
    if found:
        raise ForeignSchemaError(path, found)


def listed(found: list[str], most: int = 3) -> str:
    """Phrases from ``differences`` or ``foreign_code`` on one line (at most ``most`` named)."""
    shown = "; ".join(found[:most])
    return shown if len(found) <= most else f"{shown}; and {len(found) - most} more"
