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


# table, event, the marks (kind, SQL of the key) it leaves
TRIGGERS = (
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


SQLITE_TRIGGERS: dict[str, str] = {
    trigger_name(table, event): (f"CREATE TRIGGER {trigger_name(table, event)} AFTER {event} ON {table} "
                                 f"FOR EACH ROW BEGIN INSERT INTO {DIRTY} (kind, key) "
                                 f"SELECT m.kind, m.key FROM ({_selects(marks)}) AS m "
                                 f"WHERE NOT EXISTS (SELECT 1 FROM {DIRTY} d WHERE d.kind = m.kind "
                                 f"AND d.key = m.key); END")
    for table, event, marks in TRIGGERS}


def postgresql_statements() -> list[str]:
    out = []
    for table, event, marks in TRIGGERS:
        name = trigger_name(table, event)
        out.append(f"""CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO {DIRTY} (kind, key) VALUES {_values(marks)} ON CONFLICT DO NOTHING;
                RETURN NULL;
            END $$""")
        out.append(f"CREATE TRIGGER {name} AFTER {event} ON {table} FOR EACH ROW EXECUTE FUNCTION {name}()")
    return out
