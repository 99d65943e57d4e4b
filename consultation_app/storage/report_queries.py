"""Read queries behind the central office's outputs (the master workbook): figures per
recommendation, every live record with where it came from, and the accounts of devices.

Counting rules, the same everywhere in this module:

- Live means ``deleted = 0``; feedback of a consultation that is itself deleted is not
  counted. Feedback whose consultation has not arrived yet is counted, with its stakeholder
  group and province "not recorded".
- Feedback belongs to the recommendation with its code in its catalog; feedback with an
  empty catalog id matches the code in any loaded catalog (as the merge's unknown-code
  check does). Codes that match no live recommendation get rows of their own, after the
  catalog's, so the totals add up to every live feedback entry.
- "Consultations that discussed it" counts distinct consultations with at least one live
  feedback entry on the recommendation; the columns per stakeholder group and per province
  count those consultations. The columns per priority and per implementation assessment
  count feedback entries.

Provenance rule: the database does not record which file carried each revision (a merge
stamps its rows with a change number that ``merged_exports`` does not keep), so the export
a record came from cannot be linked exactly. The rule used: if the record's current
revision arrived by a merge (its ``record_revisions`` row says ``merged``, or there is no
row), the export named is the latest one merged from the record's device (by
``merged_at``, then export number). Every export is merged whole or not at all, so that
export was merged no earlier than the revision arrived; with full exports it holds the
record; with "since the last export" exports it may be a later file than the one that
brought it. If the current revision was made in this database (action create, update,
delete or restore), no export brought it: export_id and merged_at are empty.
"""

from __future__ import annotations

from typing import Any, Iterator, Sequence

from consultation_app.domain.records import RecordKind
from consultation_app.storage import catalog_store
from consultation_app.storage.records_store import row_from_db
from consultation_app.storage.store import Store

NOT_RECORDED = ""  # the bucket of a missing (or unlisted) group, province, priority or assessment
DIMENSIONS = ("stakeholder_group", "province", "priority", "implementation_assessment")


def _catalog_of(alias: str) -> str:
    """The catalog of a feedback entry's recommendation, as one value per entry (a join could
    match an empty catalog id twice): its own catalog if the code is live there (the unique
    index answers), else, for an empty catalog id, the first catalog with the code, else its
    own catalog id (a code no live recommendation has)."""
    return (f"coalesce((SELECT catalog_id FROM recommendations WHERE catalog_id = {alias}.catalog_id "
            f"AND code = {alias}.recommendation_code AND retired = 0), "
            f"(SELECT min(catalog_id) FROM recommendations WHERE {alias}.catalog_id = '' "
            f"AND code = {alias}.recommendation_code AND retired = 0), {alias}.catalog_id)")


def _live_feedback(where: str = "") -> str:
    """The live feedback CTE; ``where``: extra conditions on ``f`` and its consultation ``c``
    (" AND ...", e.g. from dashboard_queries.Filters.where)."""
    return f"""
    live AS (
        SELECT {_catalog_of("f")} AS catalog_id, f.recommendation_code AS code,
               f.consultation_uuid, f.priority, f.implementation_assessment,
               c.stakeholder_group, c.province
        FROM feedback f
        LEFT JOIN consultations c ON c.uuid = f.consultation_uuid
        WHERE f.deleted = 0 AND coalesce(c.deleted, 0) = 0{where}
    )"""


_LIVE_FEEDBACK = _live_feedback()

# One statement, one pass over the live feedback per figure: totals, then one GROUP BY per
# dimension (consultations for group and province, entries for priority and assessment).
# Sorted (NULL, "not recorded", first, as SQLite's GROUP BY gives it): the order of each
# dimension's values is the order ties are printed in, and PostgreSQL's hash aggregates have none.
_FIGURES_TEMPLATE = """
    WITH {live}
    SELECT * FROM (
    SELECT catalog_id, code, 'feedback' AS measure, NULL AS value, count(*) AS n FROM live GROUP BY catalog_id, code
    UNION ALL
    SELECT catalog_id, code, 'consultations', NULL, count(DISTINCT consultation_uuid) FROM live
        GROUP BY catalog_id, code
    UNION ALL
    SELECT catalog_id, code, 'stakeholder_group', stakeholder_group, count(DISTINCT consultation_uuid) FROM live
        GROUP BY catalog_id, code, stakeholder_group
    UNION ALL
    SELECT catalog_id, code, 'province', province, count(DISTINCT consultation_uuid) FROM live
        GROUP BY catalog_id, code, province
    UNION ALL
    SELECT catalog_id, code, 'priority', priority, count(*) FROM live GROUP BY catalog_id, code, priority
    UNION ALL
    SELECT catalog_id, code, 'implementation_assessment', implementation_assessment, count(*) FROM live
        GROUP BY catalog_id, code, implementation_assessment
    ) AS figures ORDER BY catalog_id, code, measure, value IS NOT NULL, value
"""
_FIGURES = _FIGURES_TEMPLATE.format(live=_LIVE_FEEDBACK)


def recommendation_figures(db: Store, allowed: dict[str, tuple[str, ...]] | None = None, where: str = "",
                           params: Sequence[Any] = (), catalog_id: str | None = None) -> list[dict[str, Any]]:
    """One row per live recommendation in the annex's order (catalog, position), then one per
    feedback code no live recommendation has. Each row: catalog_id, code, part, section,
    theme, text, consultations, feedback, and per dimension a dict value -> count (zeros
    left out). ``allowed`` (dimension -> keys of its reference list) folds values outside a
    list into the NOT_RECORDED bucket. ``where`` and ``params``: extra conditions on the
    feedback ``f`` and its consultation ``c`` (the report's filters); every live
    recommendation still gets its row. ``catalog_id``: only that catalog's rows, read from its
    own feedback (a report of one catalog beside a catalog of 95,000 recommendations reads
    neither the other's recommendations nor its feedback)."""
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    for rec in catalog_store.list_recommendations(db, catalog_id):
        rows[(rec["catalog_id"], rec["code"])] = _figure_row(rec["catalog_id"], rec["code"], rec["part"],
                                                             rec["section"] or "", rec["theme"], rec["text"])
    if catalog_id:
        where, params = f"{where} AND f.catalog_id IN (?, '')", [*params, catalog_id]
    sql = _FIGURES_TEMPLATE.format(live=_live_feedback(where)) if where else _FIGURES
    only = catalog_id
    for catalog_id, code, measure, value, count in db.execute(sql, list(params)):
        row = rows.get((catalog_id, code))
        if row is None:  # a code the loaded catalogs lack: kept by the merge, so reported too
            if only is not None and catalog_id != only:
                continue
            row = rows[(catalog_id, code)] = _figure_row(catalog_id, code, "", "", "", "", unknown=True)
        if measure in ("feedback", "consultations"):
            row[measure] = count
            continue
        value = value or NOT_RECORDED
        if allowed is not None and value not in allowed.get(measure, ()):
            value = NOT_RECORDED
        bucket = row[measure]
        bucket[value] = bucket.get(value, 0) + count
    return list(rows.values())


def _figure_row(catalog_id: str, code: str, part: str, section: str, theme: str, text: str,
                unknown: bool = False) -> dict[str, Any]:
    return {"catalog_id": catalog_id, "code": code, "part": part, "section": section, "theme": theme, "text": text,
            "in_catalog": not unknown, "consultations": 0, "feedback": 0, **{name: {} for name in DIMENSIONS}}


def central_totals(db: Store) -> dict[str, int]:
    """What the cover states: files given, exports merged, devices, live records."""
    row = db.execute("""
        SELECT (SELECT count(*) FROM merge_log),
               (SELECT count(*) FROM merged_exports),
               (SELECT count(*) FROM devices),
               (SELECT count(*) FROM consultations WHERE deleted = 0),
               (SELECT count(*) FROM feedback WHERE deleted = 0),
               (SELECT count(*) FROM notes WHERE deleted = 0),
               (SELECT count(*) FROM feedback WHERE deleted = 0 AND sensitive = 1)
                 + (SELECT count(*) FROM notes WHERE deleted = 0 AND sensitive = 1),
               (SELECT count(*) FROM merge_conflicts WHERE resolved_at IS NULL),
               (SELECT count(*) FROM recommendations WHERE retired = 0)""").fetchone()
    keys = ("files", "exports_merged", "devices", "consultations", "feedback", "notes", "sensitive",
            "open_conflicts", "recommendations")
    return dict(zip(keys, row))


def files_by_status(db: Store) -> dict[str, int]:
    return dict(db.execute("SELECT status, count(*) FROM merge_log GROUP BY status ORDER BY status").fetchall())


# -- records with provenance ------------------------------------------------------------------
_LATEST_EXPORT = """
    latest AS (
        SELECT device_id, export_id, merged_at FROM (
            SELECT device_id, export_id, merged_at,
                   row_number() OVER (PARTITION BY device_id
                                      ORDER BY merged_at DESC, coalesce(export_seq, 0) DESC) AS newest
            FROM merged_exports) AS ranked
        WHERE newest = 1
    )"""

_ORDER = {
    "consultations": "coalesce(t.start_date, '9999'), t.title, t.uuid",
    "feedback": "(_position IS NULL), _catalog, _position, t.recommendation_code, t.consultation_uuid, "
                "t.created_at, t.uuid",
    "notes": "t.consultation_uuid, t.created_at, t.uuid",
}
# Feedback reads in the annex's order: the sort keys of its recommendation, one value per entry.
_SORT_COLUMNS = {
    "feedback": f", {_catalog_of('t')} AS _catalog, (SELECT position FROM recommendations "
                f"WHERE catalog_id = {_catalog_of('t')} AND code = t.recommendation_code AND retired = 0) AS _position",
}
# PostgreSQL orders by an output column's name only, not by an expression of it.
_POSITION = (f"(SELECT position FROM recommendations WHERE catalog_id = {_catalog_of('t')} "
             f"AND code = t.recommendation_code AND retired = 0)")
_PG_SORT_COLUMNS = {"feedback": f"{_SORT_COLUMNS['feedback']}, {_POSITION} IS NULL AS _unplaced"}
_PG_ORDER = {**_ORDER, "feedback": _ORDER["feedback"].replace("(_position IS NULL)", "_unplaced")}

PROVENANCE_KEYS = ("device_name", "device_id", "export_id", "merged_at")
# Where a feedback entry or note was said, for a reader of one row.
_CONTEXT_COLUMNS = ", c.title AS consultation_title, c.stakeholder_group, c.province"
_CONTEXT_JOIN = "LEFT JOIN consultations c ON c.uuid = t.consultation_uuid"


def count_live(db: Store, kind: RecordKind) -> int:
    return db.execute(f"SELECT count(*) FROM {kind.table} WHERE deleted = 0").fetchone()[0]


def iter_live_with_provenance(db: Store, kind: RecordKind) -> Iterator[dict[str, Any]]:
    """Every live record of one kind, sensitive ones included (whatever the central office
    holds), streamed in reading order, each with device_name, export_id and merged_at (see
    the provenance rule in the module docstring) beside its own fields; feedback and notes
    also with their consultation's title, stakeholder group and province."""
    table = kind.table
    postgresql = db.engine == "postgresql"
    cursor = db.stream(
        f"""WITH {_LATEST_EXPORT}
            SELECT t.*, coalesce(d.device_name, '') AS device_name,
                   CASE WHEN rv.action IS NULL OR rv.action = 'merged' THEN coalesce(l.export_id, '') ELSE '' END
                       AS export_id,
                   CASE WHEN rv.action IS NULL OR rv.action = 'merged' THEN coalesce(l.merged_at, '') ELSE '' END
                       AS merged_at
                   {_CONTEXT_COLUMNS if "consultation_uuid" in kind.field_names else ""}
                   {(_PG_SORT_COLUMNS if postgresql else _SORT_COLUMNS).get(table, '')}
            FROM {table} t
            LEFT JOIN record_revisions rv ON rv.record_table = ? AND rv.record_uuid = t.uuid
                 AND rv.revision = t.revision
            LEFT JOIN latest l ON l.device_id = t.device_id
            LEFT JOIN devices d ON d.device_id = t.device_id
            {_CONTEXT_JOIN if "consultation_uuid" in kind.field_names else ""}
            WHERE t.deleted = 0
            ORDER BY {(_PG_ORDER if postgresql else _ORDER)[table]}""", [table])
    names = [d[0] for d in cursor.description]
    try:
        for values in cursor:
            row = dict(zip(names, values))
            row.pop("_catalog", None)
            row.pop("_position", None)
            row.pop("_unplaced", None)
            yield row_from_db(kind, row)
    finally:
        cursor.close()  # on PostgreSQL a server-side cursor, also when the reader stops early


# -- devices -------------------------------------------------------------------------------------
_DEVICES = """
    WITH RECURSIVE
    received AS (
        SELECT device_id, count(*) AS exports, max(export_seq) AS top, min(merged_at) AS first_merged,
               max(merged_at) AS last_merged
        FROM merged_exports WHERE kind = 'export' GROUP BY device_id
    ),
    expected (device_id, seq, top) AS (
        SELECT device_id, 1, top FROM received WHERE top >= 1
        UNION ALL
        SELECT device_id, seq + 1, top FROM expected WHERE seq < top
    ),
    missing AS (
        SELECT device_id, group_concat(seq, ', ') AS seqs, count(*) AS n FROM (
            SELECT e.device_id, e.seq FROM expected e
            WHERE NOT EXISTS (SELECT 1 FROM merged_exports m WHERE m.device_id = e.device_id
                              AND m.kind = 'export' AND m.export_seq = e.seq)
            ORDER BY e.device_id, e.seq) AS absent
        GROUP BY device_id
    ),
    held AS (
        SELECT device_id, sum(c) AS consultations, sum(f) AS feedback, sum(n) AS notes FROM (
            SELECT device_id, count(*) AS c, 0 AS f, 0 AS n FROM consultations WHERE deleted = 0 GROUP BY device_id
            UNION ALL
            SELECT device_id, 0, count(*), 0 FROM feedback WHERE deleted = 0 GROUP BY device_id
            UNION ALL
            SELECT device_id, 0, 0, count(*) FROM notes WHERE deleted = 0 GROUP BY device_id) AS counted
        GROUP BY device_id
    )
    SELECT d.device_id, d.device_name, d.first_seen_at, d.last_seen_at,
           coalesce(r.exports, 0) AS exports_received, coalesce(r.top, 0) AS highest_export_seq,
           coalesce(m.n, 0) AS missing_count, coalesce(m.seqs, '') AS missing_seqs,
           coalesce(h.consultations, 0) AS consultations, coalesce(h.feedback, 0) AS feedback,
           coalesce(h.notes, 0) AS notes
    FROM devices d
    LEFT JOIN received r ON r.device_id = d.device_id
    LEFT JOIN missing m ON m.device_id = d.device_id
    LEFT JOIN held h ON h.device_id = d.device_id
    ORDER BY d.device_name, d.device_id
"""
# SQLite 3.40 (Debian 12's) has no string_agg; PostgreSQL has no group_concat.
_PG_DEVICES = _DEVICES.replace("group_concat(seq, ', ')", "string_agg(CAST(seq AS TEXT), ', ' ORDER BY seq)")


def device_accounts(db: Store) -> list[dict[str, Any]]:
    """Per device heard from: first and last seen, exports received, the export numbers below
    the highest received that never arrived, and the live records it contributed."""
    cursor = db.execute(_PG_DEVICES if db.engine == "postgresql" else _DEVICES)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, values)) for values in cursor]


def catalog_loaded(db: Store, catalog_id: str) -> bool:
    return db.execute("SELECT 1 FROM catalogs WHERE catalog_id = ?", [catalog_id]).fetchone() is not None


def live_recommendation_count(db: Store, catalog_id: str | None = None) -> int:
    """Recommendations not retired: of one catalog, or of all."""
    if catalog_id:
        return int(db.execute("SELECT count(*) FROM recommendations WHERE retired = 0 AND catalog_id = ?",
                              [catalog_id]).fetchone()[0])
    return int(db.execute("SELECT count(*) FROM recommendations WHERE retired = 0").fetchone()[0])


def live_counts_by_catalog(db: Store) -> list[tuple[str, int]]:
    return [(cid, int(n)) for cid, n in db.execute(
        "SELECT catalog_id, count(*) FROM recommendations WHERE retired = 0 GROUP BY catalog_id ORDER BY catalog_id")]


def catalogs_holding_code(db: Store, code: str) -> list[str]:
    return [row[0] for row in db.execute(
        "SELECT DISTINCT catalog_id FROM recommendations WHERE code = ? ORDER BY catalog_id", [code])]

