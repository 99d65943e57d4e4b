"""The triggers that note, in ``dashboard_dirty``, what every write to feedback, consultations
and recommendations touches, so that the dashboard's aggregates (storage/dashboard_aggregates.py)
are brought up to date before they are read. Written once here for both engines; no imports
from the rest of storage, so that the opening check (storage/schema_check.py) can compare a
database's triggers with these, body included, at every start."""

from __future__ import annotations

DIRTY = "dashboard_dirty"
ALL, GROUP, PROVINCE, MONTH, CONSULTATION = "all", "group", "province", "month", "consultation"


def _old_buckets(row: str) -> list[tuple[str, str]]:
    return [(GROUP, f"coalesce({row}.stakeholder_group, '')"), (PROVINCE, f"coalesce({row}.province, '')"),
            (MONTH, f"substr(coalesce({row}.start_date, ''), 1, 7)"), (CONSULTATION, f"{row}.uuid")]


# table, event, the marks (kind, SQL of the key) it leaves, as step m_dashboard_aggregates_v1
# made them (kept as they were: a database at that step is migrated from them). The group,
# province and month marks were never read: a refresh reads the consultation marks (the seen
# copy holds a consultation's old group, province and date) and 'all'.
TRIGGERS_V1 = (
    ("feedback", "INSERT", [(CONSULTATION, "NEW.consultation_uuid")]),
    ("feedback", "DELETE", [(CONSULTATION, "OLD.consultation_uuid")]),
    ("feedback", "UPDATE OF deleted, consultation_uuid, catalog_id, recommendation_code, priority, "
                 "implementation_assessment",
     [(CONSULTATION, "OLD.consultation_uuid"), (CONSULTATION, "NEW.consultation_uuid")]),
    # a consultation arriving takes its feedback out of the bucket of those that had not arrived
    ("consultations", "INSERT", [(CONSULTATION, "NEW.uuid"), (GROUP, "''")]),
    ("consultations", "DELETE", [*_old_buckets("OLD"), (GROUP, "''")]),
    ("consultations", "UPDATE OF deleted, stakeholder_group, province, start_date",
     [*_old_buckets("OLD"), (CONSULTATION, "NEW.uuid")]),
    # codes resolve to other themes: everything is recomputed
    ("recommendations", "INSERT", [(ALL, "''")]),
    ("recommendations", "DELETE", [(ALL, "''")]),
    ("recommendations", "UPDATE", [(ALL, "''")]),
)
# Since step m_dashboard_days_v1: only the marks a refresh reads (the consultation's own mark
# covers its feedback arriving before it, and its old buckets: they are in the seen copy).
TRIGGERS = (
    *TRIGGERS_V1[:3],
    ("consultations", "INSERT", [(CONSULTATION, "NEW.uuid")]),
    ("consultations", "DELETE", [(CONSULTATION, "OLD.uuid")]),
    ("consultations", "UPDATE OF deleted, stakeholder_group, province, start_date",
     [(CONSULTATION, "OLD.uuid"), (CONSULTATION, "NEW.uuid")]),
    *TRIGGERS_V1[6:],
)
CHANGED_BY_DAYS_STEP = ("consultations",)  # the table whose triggers step m_dashboard_days_v1 made again


def trigger_name(table: str, event: str) -> str:
    return f"dashboard_mark_{table}_{event.split()[0].lower()}"


def _values(marks: list[tuple[str, str]]) -> str:
    return ", ".join(f"('{kind}', {key})" for kind, key in marks)


# Not ``INSERT OR IGNORE``: SQLite applies the conflict policy of the statement that fired the
# trigger instead of the trigger's own, so an UPSERT into recommendations (a catalog load) made
# the mark fail as a duplicate (tests/test_catalog_import.py). A mark already there is
# skipped by the NOT EXISTS, whatever the outer statement says.
def _selects(marks: list[tuple[str, str]]) -> str:
    # UNION (not VALUES, whose one-row form loses its column names in a trigger): distinct marks
    return " UNION ".join(f"SELECT '{kind}' AS kind, {key} AS key" for kind, key in marks)


def sqlite_triggers(triggers: tuple = TRIGGERS) -> dict[str, str]:
    return {trigger_name(table, event): (f"CREATE TRIGGER {trigger_name(table, event)} AFTER {event} ON {table} "
                                         f"FOR EACH ROW BEGIN INSERT INTO {DIRTY} (kind, key) "
                                         f"SELECT m.kind, m.key FROM ({_selects(marks)}) AS m "
                                         f"WHERE NOT EXISTS (SELECT 1 FROM {DIRTY} d WHERE d.kind = m.kind "
                                         f"AND d.key = m.key); END")
            for table, event, marks in triggers}


SQLITE_TRIGGERS: dict[str, str] = sqlite_triggers()
SQLITE_TRIGGERS_V1: dict[str, str] = sqlite_triggers(TRIGGERS_V1)


def postgresql_functions(triggers: tuple = TRIGGERS, replace: bool = False) -> dict[str, str]:
    """name -> the plpgsql function its trigger runs (``replace``: a later step swaps a
    function's body in place, its trigger stays)."""
    create = "CREATE OR REPLACE FUNCTION" if replace else "CREATE FUNCTION"
    out = {}
    for table, event, marks in triggers:
        name = trigger_name(table, event)
        out[name] = f"""{create} {name}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO {DIRTY} (kind, key) VALUES {_values(marks)} ON CONFLICT DO NOTHING;
                RETURN NULL;
            END $$"""
    return out


def postgresql_statements(triggers: tuple = TRIGGERS) -> list[str]:
    out = []
    functions = postgresql_functions(triggers)
    for table, event, _marks in triggers:
        name = trigger_name(table, event)
        out.append(functions[name])
        out.append(f"CREATE TRIGGER {name} AFTER {event} ON {table} FOR EACH ROW EXECUTE FUNCTION {name}()")
    return out
