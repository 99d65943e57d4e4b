"""Read queries behind the capture screens: the consultations list, per-recommendation
feedback counts, and the 'not yet exported' counter."""

from __future__ import annotations

from consultation_app.storage import settings_store
from consultation_app.storage.store import Store

LAST_EXPORT_SEQ = "last_export_seq"
LAST_EXPORT_AT = "last_export_at"


def consultation_summaries(db: Store) -> list[dict]:
    """One row per live consultation, newest first, with its live feedback and note counts
    (each count read from a covering index)."""
    cursor = db.execute(
        """SELECT c.uuid, c.title, c.stakeholder_group, c.province, c.district, c.start_date, c.end_date,
                  c.status, c.updated_at, c.facilitator,
                  (SELECT count(*) FROM feedback f WHERE f.consultation_uuid = c.uuid AND f.deleted = 0)
                      AS feedback_count,
                  (SELECT count(*) FROM notes n WHERE n.consultation_uuid = c.uuid AND n.deleted = 0)
                      AS notes_count
           FROM consultations c WHERE c.deleted = 0
           ORDER BY coalesce(c.start_date, '9999') DESC, c.created_at DESC"""
    )
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor]


def feedback_counts(db: Store, consultation_uuid: str | None) -> dict[str, int]:
    """Live feedback entries per recommendation code in one consultation."""
    if not consultation_uuid:
        return {}
    return dict(db.execute(
        "SELECT recommendation_code, count(*) FROM feedback WHERE consultation_uuid = ? AND deleted = 0 "
        "GROUP BY recommendation_code", [consultation_uuid]).fetchall())


def unexported_changes(db: Store) -> int:
    """Records changed (created, edited, deleted) since the last successful export."""
    since = int(settings_store.get(db, LAST_EXPORT_SEQ, "0") or 0)
    return sum(db.execute(f"SELECT count(*) FROM {table} WHERE local_seq > ?", [since]).fetchone()[0]
               for table in ("consultations", "feedback", "notes"))


def last_export_at(db: Store) -> str | None:
    return settings_store.get(db, LAST_EXPORT_AT)
