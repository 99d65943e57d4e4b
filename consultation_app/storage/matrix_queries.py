"""Queries the follow-up matrix needs beside the report's: links between recommendations of
two catalogs (cycles) that a person confirmed (the table of schema step m_catalog_sources_v1)."""

from __future__ import annotations

from consultation_app.storage.store import Store


def confirmed_links(db: Store) -> dict[tuple[str, str], list[tuple[str, str]]]:
    """(catalog id, code) -> the recommendations confirmed as linked to it, either way round."""
    if not db.has_table("recommendation_links"):
        return {}
    links: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for from_catalog, from_code, to_catalog, to_code in db.execute(
            "SELECT from_catalog, from_code, to_catalog, to_code FROM recommendation_links "
            "WHERE status = 'confirmed' ORDER BY from_catalog, from_code, to_catalog, to_code"):
        links.setdefault((from_catalog, from_code), []).append((to_catalog, to_code))
        links.setdefault((to_catalog, to_code), []).append((from_catalog, from_code))
    return links


def evidence(db: Store, keys: list[tuple[str, str]]) -> dict[tuple[str, str], tuple[int, int]]:
    """(catalog id, code) -> (live feedback entries, consultations that gave them), counted as
    report_queries counts (an entry with no catalog id counts for the code in any catalog), for
    the few recommendations linked to those a matrix shows."""
    out = {}
    for catalog_id, code in dict.fromkeys(keys):
        entries, consultations = db.execute(
            """SELECT count(*), count(DISTINCT f.consultation_uuid) FROM feedback f
               LEFT JOIN consultations c ON c.uuid = f.consultation_uuid
               WHERE f.deleted = 0 AND coalesce(c.deleted, 0) = 0 AND f.recommendation_code = ?
                 AND f.catalog_id IN (?, '')""", [code, catalog_id]).fetchone()
        out[(catalog_id, code)] = (entries, consultations)
    return out
