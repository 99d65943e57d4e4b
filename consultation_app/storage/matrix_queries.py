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
