"""Links between recommendations of two catalogs (a later cycle's recommendation and the
earlier one it continues), as a person confirmed or rejected them, and the feedback gathered
on a recommendation's confirmed predecessors."""

from __future__ import annotations

from consultation_app.domain.records import utc_now
from consultation_app.storage.store import Store

CONFIRMED, REJECTED = "confirmed", "rejected"


def decide(db: Store, from_catalog: str, from_code: str, to_catalog: str, to_code: str, status: str,
           score: float | None = None) -> None:
    with db.atomic():
        db.execute(
            """INSERT INTO recommendation_links (from_catalog, from_code, to_catalog, to_code, status, score,
                   decided_at) VALUES (?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT (from_catalog, from_code, to_catalog, to_code) DO UPDATE SET status = excluded.status,
                   score = coalesce(excluded.score, score), decided_at = excluded.decided_at""",
            [from_catalog, from_code, to_catalog, to_code, status, score, utc_now()])


def links(db: Store, catalog_id: str | None = None) -> list[dict]:
    """Every decided link (touching ``catalog_id`` on either side, when given)."""
    where, params = "", []
    if catalog_id:
        where, params = "WHERE from_catalog = ? OR to_catalog = ?", [catalog_id, catalog_id]
    cursor = db.execute(f"SELECT * FROM recommendation_links {where} ORDER BY to_catalog, to_code, from_code",
                        params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor]


def decided(db: Store, from_catalog: str, to_catalog: str) -> dict[tuple[str, str], str]:
    return {(a, b): status for a, b, status in db.execute(
        "SELECT from_code, to_code, status FROM recommendation_links WHERE from_catalog = ? AND to_catalog = ?",
        [from_catalog, to_catalog])}


def predecessor_feedback(db: Store, catalog_id: str) -> list[dict]:
    """Per recommendation of ``catalog_id`` with confirmed predecessors: each predecessor and
    the live feedback gathered on it (entries, consultations, and entries per priority)."""
    cursor = db.execute(
        """SELECT l.to_code AS code, l.from_catalog, l.from_code, count(f.uuid) AS entries,
                  count(DISTINCT f.consultation_uuid) AS consultations,
                  count(CASE WHEN f.priority = 'high' THEN 1 END) AS high,
                  count(CASE WHEN f.priority = 'medium' THEN 1 END) AS medium,
                  count(CASE WHEN f.priority = 'low' THEN 1 END) AS low
           FROM recommendation_links l
           LEFT JOIN feedback f ON f.catalog_id = l.from_catalog AND f.recommendation_code = l.from_code
                AND f.deleted = 0
           WHERE l.to_catalog = ? AND l.status = 'confirmed'
           GROUP BY l.to_code, l.from_catalog, l.from_code ORDER BY l.to_code, l.from_code""", [catalog_id])
    names = [d[0] for d in cursor.description]
    return [{**dict(zip(names, row)), **{k: row[names.index(k)] or 0 for k in ("high", "medium", "low")}}
            for row in cursor]
