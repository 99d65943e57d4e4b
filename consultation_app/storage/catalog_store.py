"""Catalogs of recommendations in SQLite: loading new versions, listing, full-text search."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from consultation_app.domain.catalog import Catalog, Recommendation, version_key
from consultation_app.domain.records import utc_now
from consultation_app.domain.text import search_key
from consultation_app.errors import InputError
from consultation_app.storage.store import Store

LOADED, UPDATED, UNCHANGED = "loaded", "updated", "unchanged"

_LIST_COLUMNS = """
    r.catalog_id, r.code, r.position, r.text, r.text_km, r.sdgs, r.groups, r.heading_key,
    part.title AS part, part.title_km AS part_km,
    section.title AS section, section.title_km AS section_km,
    theme.title AS theme, theme.title_km AS theme_km, r.theme_key,
    r.upr_position, r.recommending_states, r.paragraph, r.source_key, r.themes, r.sdg_targets,
    r.affected_persons, r.document_symbol, r.session, r.km_status, cat.cycle
"""
_LIST_JOINS = """
    FROM recommendations r
    JOIN catalog_headings part ON part.catalog_id = r.catalog_id AND part.key = r.part_key
    LEFT JOIN catalog_headings section ON section.catalog_id = r.catalog_id AND section.key = r.section_key
    JOIN catalog_headings theme ON theme.catalog_id = r.catalog_id AND theme.key = r.theme_key
    JOIN catalogs cat ON cat.catalog_id = r.catalog_id
"""
_JSON_COLUMNS = ("sdgs", "groups", "recommending_states", "themes", "sdg_targets", "affected_persons")


@dataclass(frozen=True)
class LoadResult:
    catalog_id: str
    version: str
    status: str  # loaded, updated or unchanged
    previous_version: str | None
    recommendations: int
    retired: int = 0


def _structure(catalog: Catalog, heading_key: str) -> tuple[str, str | None, str]:
    """(part, section, theme) keys: the top heading, the one below it if any, the deepest."""
    path = catalog.heading_path(heading_key)
    section = path[1].key if len(path) >= 3 else None
    return path[0].key, section, path[-1].key


def _search_text(catalog: Catalog, rec: Recommendation, titles: dict[str, tuple[str, str]]) -> str:
    parts = [rec.code, rec.paragraph, rec.text, rec.text_km, *rec.themes]
    for heading in catalog.heading_path(rec.heading):
        parts.extend(titles[heading.key])
    return search_key("\n".join(p for p in parts if p))


def installed(db: Store, catalog_id: str) -> dict | None:
    """The stored catalog's version, content hash and signer, or None."""
    row = db.execute("SELECT version, content_sha256, signed_by FROM catalogs WHERE catalog_id = ?",
                     [catalog_id]).fetchone()
    return None if row is None else {"version": row[0], "content_sha256": row[1], "signed_by": row[2]}


def codes_by_source_key(db: Store, catalog_id: str) -> dict[str, str]:
    """Source key -> the code feedback already refers to, for every keyed recommendation."""
    return dict(db.execute("SELECT source_key, code FROM recommendations WHERE catalog_id = ? AND source_key != ''",
                           [catalog_id]).fetchall())


def _keep_codes(db: Store, catalog: Catalog) -> Catalog:
    """A recommendation known by its source key keeps the code it was stored under, so the
    feedback given on it stays with it when a newer download numbers it otherwise."""
    known = codes_by_source_key(db, catalog.catalog_id)
    if not known:
        return catalog
    incoming = {rec.code for rec in catalog.recommendations}
    changed = []
    for rec in catalog.recommendations:
        code = known.get(rec.source_key) if rec.source_key else None
        if code and code != rec.code and code not in incoming:
            rec = dataclasses.replace(rec, code=code)
        changed.append(rec)
    return dataclasses.replace(catalog, recommendations=tuple(changed))


def load_catalog(db: Store, catalog: Catalog, content_sha256: str = "", signed_by: str = "") -> LoadResult:
    """Store a catalog, or update texts to a newer version of it. Feedback is never touched:
    recommendations that a newer version drops are marked retired, not deleted."""
    row = db.execute("SELECT version FROM catalogs WHERE catalog_id = ?", [catalog.catalog_id]).fetchone()
    previous = row[0] if row else None
    if previous is not None:
        catalog = _keep_codes(db, catalog)
    if previous is not None:
        if version_key(catalog.version) == version_key(previous):
            return LoadResult(catalog.catalog_id, previous, UNCHANGED, previous, _count(db, catalog.catalog_id))
        if version_key(catalog.version) < version_key(previous):
            raise InputError(
                f"catalog {catalog.catalog_id} version {catalog.version} is older than the "
                f"version {previous} already loaded; nothing was changed"
            )
    titles = {h.key: (h.title, h.title_km) for h in catalog.headings}
    with db.atomic():
        values = [catalog.catalog_id, catalog.version, catalog.title, catalog.title_km, catalog.source,
                  catalog.date, catalog.country, catalog.cycle, catalog.translation_note, utc_now(), catalog.body,
                  content_sha256, signed_by]
        db.execute(
            """INSERT INTO catalogs (catalog_id, version, title, title_km, source, date, country, cycle,
                   translation_note, loaded_at, body, content_sha256, signed_by)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT(catalog_id) DO UPDATE SET version = excluded.version, title = excluded.title,
                   title_km = excluded.title_km, source = excluded.source, date = excluded.date,
                   country = excluded.country, cycle = excluded.cycle,
                   translation_note = excluded.translation_note, loaded_at = excluded.loaded_at,
                   body = excluded.body, content_sha256 = excluded.content_sha256,
                   signed_by = excluded.signed_by""",
            values,
        )
        db.execute("DELETE FROM catalog_headings WHERE catalog_id = ?", [catalog.catalog_id])
        db.conn.executemany(
            "INSERT INTO catalog_headings (catalog_id, key, parent_key, position, title, title_km) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [(catalog.catalog_id, h.key, h.parent, i, h.title, h.title_km) for i, h in enumerate(catalog.headings)],
        )
        first_id = _first_id(db, catalog.catalog_id)
        if first_id is None and db.engine != "sqlite":  # PostgreSQL assigns no id for a NULL: the next free ones
            next_free = db.execute("SELECT coalesce(max(id), 0) + 1 FROM recommendations").fetchone()[0]
        else:
            next_free = None
        db.execute("UPDATE recommendations SET retired = 1 WHERE catalog_id = ?", [catalog.catalog_id])
        for position, rec in enumerate(catalog.recommendations):
            part, section, theme = _structure(catalog, rec.heading)
            db.execute(
                f"""INSERT INTO recommendations (id, catalog_id, code, heading_key, part_key, section_key, theme_key,
                       position, text, text_km, sdgs, groups, retired, {', '.join(_SOURCE_COLUMNS)})
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, {', '.join('?' * len(_SOURCE_COLUMNS))})
                   ON CONFLICT(catalog_id, code) DO UPDATE SET heading_key = excluded.heading_key,
                       part_key = excluded.part_key, section_key = excluded.section_key,
                       theme_key = excluded.theme_key, position = excluded.position, text = excluded.text,
                       text_km = excluded.text_km, sdgs = excluded.sdgs, groups = excluded.groups, retired = 0,
                       {', '.join(f'{c} = excluded.{c}' for c in _SOURCE_COLUMNS)}""",
                [(None if next_free is None else next_free + position) if first_id is None else first_id + position,
                 catalog.catalog_id, rec.code, rec.heading,
                 part, section, theme, position, rec.text,
                 rec.text_km, json.dumps(list(rec.sdgs)), json.dumps(list(rec.groups)), *_source_values(rec)],
            )
        ids = {code: rid for rid, code in db.execute(
            "SELECT id, code FROM recommendations WHERE catalog_id = ?", [catalog.catalog_id])}
        if db.engine == "sqlite":  # the trigram index is SQLite's (FTS5); none yet on PostgreSQL
            db.execute(
                "DELETE FROM recommendations_fts WHERE rowid IN (SELECT id FROM recommendations WHERE catalog_id = ?)",
                [catalog.catalog_id],
            )
            db.conn.executemany(
                "INSERT INTO recommendations_fts (rowid, search_text) VALUES (?, ?)",
                [(ids[rec.code], _search_text(catalog, rec, titles)) for rec in catalog.recommendations],
            )
        retired = db.execute(
            "SELECT count(*) FROM recommendations WHERE catalog_id = ? AND retired = 1", [catalog.catalog_id]
        ).fetchone()[0]
    return LoadResult(catalog.catalog_id, catalog.version, UPDATED if previous else LOADED, previous,
                      len(catalog.recommendations), retired)


_SOURCE_COLUMNS = ("upr_position", "recommending_states", "paragraph", "source_key", "themes", "sdg_targets",
                   "affected_persons", "document_symbol", "session", "km_status")


def _source_values(rec: Recommendation) -> list[Any]:
    return [rec.position, json.dumps(list(rec.recommending_states), ensure_ascii=False), rec.paragraph,
            rec.source_key, json.dumps(list(rec.themes), ensure_ascii=False), json.dumps(list(rec.sdg_targets)),
            json.dumps(list(rec.affected_persons), ensure_ascii=False), rec.document_symbol, rec.session,
            rec.km_status]


def _count(db: Store, catalog_id: str) -> int:
    return db.execute(
        "SELECT count(*) FROM recommendations WHERE catalog_id = ? AND retired = 0", [catalog_id]
    ).fetchone()[0]


def _rows(cursor: sqlite3.Cursor) -> list[dict]:
    names = [d[0] for d in cursor.description]
    result = []
    # each distinct JSON text parsed once (catalogs repeat them: a thousand recommendations held
    # a few dozen; parsing every one was a third of a dashboard read); every row gets its own copy
    parsed: dict[str, tuple[Any, bool]] = {}
    for values in cursor:
        row = dict(zip(names, values))
        for name in _JSON_COLUMNS:
            text = row[name]
            found = parsed.get(text)
            if found is None:
                value = json.loads(text)
                found = parsed[text] = (value, isinstance(value, list) and all(
                    isinstance(item, (str, int, float)) for item in value))
            row[name] = list(found[0]) if found[1] else json.loads(text)
        row["position_taken"] = row.pop("upr_position")
        result.append(row)
    return result


def list_catalogs(db: Store) -> list[dict]:
    cursor = db.execute(
        "SELECT c.*, (SELECT count(*) FROM recommendations r WHERE r.catalog_id = c.catalog_id "
        "AND r.retired = 0) AS recommendations, (SELECT count(*) FROM recommendations r "
        "WHERE r.catalog_id = c.catalog_id AND r.retired = 0 AND r.text_km != '') AS with_khmer "
        "FROM catalogs c ORDER BY c.catalog_id"
    )
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, values)) for values in cursor]


def list_recommendations(db: Store, catalog_id: str | None = None) -> list[dict]:
    where, params = "WHERE r.retired = 0", []
    if catalog_id:
        where += " AND r.catalog_id = ?"
        params.append(catalog_id)
    return _rows(db.execute(f"SELECT {_LIST_COLUMNS} {_LIST_JOINS} {where} ORDER BY r.catalog_id, r.position",
                            params))


def headings(db: Store, catalog_id: str) -> list[dict]:
    cursor = db.execute(
        "SELECT key, parent_key, title, title_km FROM catalog_headings WHERE catalog_id = ? ORDER BY position",
        [catalog_id],
    )
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, values)) for values in cursor]


def search_recommendations(db: Store, query: str, catalog_id: str | None = None,
                           limit: int = 200) -> list[dict]:
    """Every term must match. Terms of 3+ characters use the trigram index; shorter
    ones (trigram cannot index them) fall back to LIKE over the same search text."""
    terms = search_key(query).split()
    if not terms:
        return []
    long_terms = [t for t in terms if len(t) >= 3]
    short_terms = [t for t in terms if len(t) < 3]
    conditions, params = ["r.retired = 0"], []
    if long_terms:
        conditions.append("f.recommendations_fts MATCH ?")
        params.append(" AND ".join('"' + t.replace('"', '""') + '"' for t in long_terms))
    for term in short_terms:
        conditions.append("f.search_text LIKE ? ESCAPE '\\'")
        params.append("%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
    if catalog_id:
        # A catalog's recommendations hold one block of ids (load_catalog): the trigram index
        # then checks only that block's candidates, five times fewer with five catalogs.
        low, high = db.execute("SELECT min(id), max(id) FROM recommendations WHERE catalog_id = ?",
                               [catalog_id]).fetchone()
        if low is None:
            return []
        conditions += ["f.rowid BETWEEN ? AND ?", "r.catalog_id = ?"]
        params += [low, high, catalog_id]
    # A code typed in full comes first; then the catalogs' own order (ids follow it), so the
    # index is read in rowid order and stops at the limit instead of sorting every match.
    typed = query.strip()
    variants = list(dict.fromkeys([typed, typed.upper(), typed.lower()]))
    scope = [catalog_id] if catalog_id else [c for (c,) in db.execute("SELECT catalog_id FROM catalogs ORDER BY 1")]
    exact = [rid for c in scope for (rid,) in db.execute(  # through UNIQUE (catalog_id, code)
        f"SELECT id FROM recommendations WHERE catalog_id = ? AND code IN ({', '.join('?' * len(variants))}) "
        f"AND retired = 0", [c, *variants])][:limit]
    ids = exact + [rid for (rid,) in db.execute(
        # CROSS JOIN keeps the index outermost (SQLite does not reorder it): read in rowid order.
        f"SELECT f.rowid FROM recommendations_fts f CROSS JOIN recommendations r ON r.id = f.rowid "
        f"WHERE {' AND '.join(conditions)} ORDER BY f.rowid LIMIT ?", params + [limit + len(exact)])
        if rid not in exact]
    ids = ids[:limit]
    if not ids:
        return []
    rows = {row["id"]: row for row in _rows(db.execute(
        f"SELECT r.id, {_LIST_COLUMNS} {_LIST_JOINS} WHERE r.id IN ({', '.join('?' * len(ids))})", ids))}
    return [rows[rid] for rid in ids if rid in rows]


def _first_id(db: Store, catalog_id: str) -> int | None:
    """A new catalog's first id: the start of a fresh block of 2**20 ids, so its recommendations
    are contiguous (search reads one block); None (the next free id) for a catalog already held."""
    if db.execute("SELECT 1 FROM recommendations WHERE catalog_id = ? LIMIT 1", [catalog_id]).fetchone():
        return None
    highest = db.execute("SELECT max(id) FROM recommendations").fetchone()[0]
    return None if highest is None else ((highest >> 20) + 1) << 20


def stored_catalog(db: Store, catalog_id: str) -> Catalog | None:
    """The catalog as stored (its live recommendations), as the domain type: what a catalog
    workbook is written from."""
    from consultation_app.domain.catalog import Heading

    cursor = db.execute("SELECT * FROM catalogs WHERE catalog_id = ?", [catalog_id])
    values = cursor.fetchone()
    if values is None:
        return None
    meta = dict(zip([d[0] for d in cursor.description], values))
    found = tuple(Heading(h["key"], h["parent_key"], h["title"], h["title_km"]) for h in headings(db, catalog_id))
    recs = []
    for row in list_recommendations(db, catalog_id):
        recs.append(Recommendation(
            code=row["code"], heading=row["heading_key"], text=row["text"], text_km=row["text_km"],
            sdgs=tuple(row["sdgs"]), groups=tuple(row["groups"]), position=row["position_taken"],
            recommending_states=tuple(row["recommending_states"]), paragraph=row["paragraph"],
            source_key=row["source_key"], themes=tuple(row["themes"]), sdg_targets=tuple(row["sdg_targets"]),
            affected_persons=tuple(row["affected_persons"]), document_symbol=row["document_symbol"],
            session=row["session"], km_status=row["km_status"]))
    return Catalog(catalog_id=catalog_id, version=meta["version"], title=meta["title"], source=meta["source"],
                   date=meta["date"], headings=found, recommendations=tuple(recs), title_km=meta["title_km"],
                   country=meta["country"], cycle=meta["cycle"], translation_note=meta["translation_note"],
                   body=meta["body"])


def default_catalog_id(db: Store) -> str | None:
    """The catalog a new consultation starts on: the newest one the office distributed (signed),
    else the one of the latest cycle, the most recently loaded first."""
    row = db.execute("SELECT catalog_id FROM catalogs ORDER BY signed_by != '' DESC, coalesce(cycle, 0) DESC, "
                     "loaded_at DESC, catalog_id LIMIT 1").fetchone()
    return row[0] if row else None


def catalogs_with_code(db: Store, code: str) -> list[str]:
    return [c for (c,) in db.execute(
        "SELECT catalog_id FROM recommendations WHERE code = ? AND retired = 0 ORDER BY catalog_id", [code])]
