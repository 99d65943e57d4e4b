"""The full pass's non-zero rows, computed per key of the consultations (a consultation, a group,
a province, a month...) in one statement: what the dashboard's aggregates are built and kept
from (storage/dashboard_aggregates.py).

It counts exactly as ``dashboard_queries._statement`` (the reference), row for row, with the
key carried through every step: each figure is a sum over consultations, so grouping by a
function of the consultation splits every figure into parts that add up to it. Rows are
(key, measure, catalog_id, row_key, value, entries, consultations); only non-zero rows; the
``priority_total`` and ``assessment_total`` rows are left out (they are made from the theme
rows when read) and each catalog's totals are added (``catalog_*``, what a catalog filter
shows).

The entries come from a *source* of rows (cu, fcat, code, pr, ia, n): the feedback itself
(``live_source``), or the copy of it the aggregates were last brought up to date with
(``seen_source``: what a consultation counted for before a write, to take it out again).
"""

from __future__ import annotations

from typing import Any

from consultation_app.storage.dashboard_queries import _LISTS, _fold, _keys_cte, _with_recommendation
from consultation_app.storage.report_queries import NOT_RECORDED

SEEN_FEEDBACK, SEEN_CONSULTATIONS = "dashboard_seen_feedback", "dashboard_seen_consultations"

# keys of the consultation ``c`` (NULL columns when it has not arrived); NULL: in no bucket
KEYS = {
    "cell": "b.cu",
    "all": "''",
    "group": "coalesce(c.grp, '')",
    "province": "CASE WHEN length(c.prov) > 0 THEN c.prov END",
    "group_province": "CASE WHEN length(c.prov) > 0 THEN coalesce(c.grp, '') || :sep || c.prov END",
    "month": "CASE WHEN length(substr(c.sd, 1, 7)) = 7 THEN substr(c.sd, 1, 7) END",
}
SEPARATOR = "\x1f"


def plain_date(column: str) -> str:
    """SQL: ``column`` is a plain date 'YYYY-MM-DD' whose day is 01 to 31 (what the week
    buckets hold; a crafted or timed start date is corrected by the grouped pass): then
    its order among the dates of its month is the order of its day."""
    days = ", ".join(f"'{day:02d}'" for day in range(1, 32))
    return (f"(length({column}) = 10 AND substr({column}, 5, 1) = '-' AND substr({column}, 8, 1) = '-' "
            f"AND substr({column}, 9, 2) IN ({days}))")


# the first day of each week of a month (the fifth: days 29 to 31)
WEEK_STARTS = (1, 8, 15, 22, 29)


def _week(column: str) -> str:
    tail = f"substr({column}, 9, 2)"
    return ("CASE " + " ".join(f"WHEN {tail} < '{start:02d}' THEN '{week}'"
                               for week, start in enumerate(WEEK_STARTS[1:], 1)) + f" ELSE '{len(WEEK_STARTS)}' END")


# week: 'YYYY-MM-' and the week of the month (1 to 5), for plain dates only
KEYS["week"] = f"CASE WHEN {plain_date('c.sd')} THEN substr(c.sd, 1, 8) || {_week('c.sd')} END"


def year_of(column: str) -> str:
    """SQL: the year of a start date whose month key (its first 7 characters) lies between
    'YYYY-01' and 'YYYY-12' of its own year (a crafted month such as 'YYYY-99' has none)."""
    month = f"substr({column}, 1, 7)"
    return (f"CASE WHEN length({month}) = 7 AND {month} BETWEEN substr({column}, 1, 4) || '-01' AND "
            f"substr({column}, 1, 4) || '-12' THEN substr({column}, 1, 4) END")


# a group's year: for a group with dates (its whole years in the range)
KEYS["group_year"] = f"coalesce(c.grp, '') || :sep || {year_of('c.sd')}"


def live_source(scope: str = "1 = 1", driver: str | None = None) -> tuple[str, str]:
    """(feedback rows, consultation rows) as the database holds them now: live entries whose
    consultation is not deleted (arrived or not), and live consultations; ``scope``: a condition
    on the consultation uuid, written with ``{cu}`` in its place; or ``driver``: a SELECT of the
    uuids of some consultations (each once), whose entries are then found by joining it."""
    # scoped: found through their consultations (the index by consultation), not by reading the
    # whole index of live entries, which SQLite's planner takes when it can use ``deleted = 0``
    live = "f.deleted = 0" if scope == "1 = 1" and driver is None else "f.deleted + 0 = 0"
    if driver is not None:
        # CROSS JOIN: SQLite keeps the consultations outside (PostgreSQL plans it as any join)
        source, scope = f"({driver}) s CROSS JOIN feedback f", "{cu} = s.uuid"
        consultations_scope = f"uuid IN ({driver})"
    else:
        source, consultations_scope = "feedback f", scope.format(cu="uuid")
    feedback = f"""SELECT f.consultation_uuid AS cu, f.catalog_id AS fcat, f.recommendation_code AS code,
               f.priority AS pr, f.implementation_assessment AS ia, count(*) AS n
        FROM {source}
        WHERE {live} AND {scope.format(cu='f.consultation_uuid')}
          AND f.consultation_uuid NOT IN (SELECT uuid FROM consultations WHERE deleted = 1)
        GROUP BY f.consultation_uuid, f.catalog_id, f.recommendation_code, f.priority, f.implementation_assessment"""
    consultations = f"""SELECT uuid, stakeholder_group AS grp, province AS prov, start_date AS sd
        FROM consultations WHERE deleted = 0 AND {consultations_scope}"""
    return feedback, consultations


def seen_source(scope: str = "1 = 1") -> tuple[str, str]:
    """The same, as the aggregates last counted it."""
    return (f"SELECT cu, fcat, code, pr, ia, n FROM {SEEN_FEEDBACK} WHERE {scope.format(cu='cu')}",
            f"SELECT uuid, grp, prov, sd FROM {SEEN_CONSULTATIONS} WHERE {scope.format(cu='uuid')}")


def statement(lists: dict[str, tuple[str, ...]], source: tuple[str, str], key: str,
              params: dict[str, Any] | None = None) -> tuple[str, dict[str, Any]]:
    """The grouped pass: rows (bk, measure, catalog_id, row_key, value, n, k) per key ``key``
    (SQL on ``b.cu`` and the consultation ``c``: grp, prov, sd)."""
    params = dict(params or {})
    params["sep"] = SEPARATOR
    feedback, consultations = source
    ctes = ", ".join(_keys_cte(cte, [*lists[name], NOT_RECORDED], params) for cte, name in _LISTS)
    resolved = _with_recommendation("(SELECT DISTINCT fcat, code FROM base)", "t.fcat AS rf, t.code AS rc", "")
    sql = f"""
    WITH {ctes},
    cons AS MATERIALIZED ({consultations}),
    base AS MATERIALIZED (
        SELECT {key} AS bk, b.cu, b.fcat, b.code, b.pr, b.ia, b.n, c.grp, c.prov
        FROM ({feedback}) b LEFT JOIN cons c ON c.uuid = b.cu
        WHERE {key} IS NOT NULL
    ),
    res AS MATERIALIZED ({resolved}),
    t2 AS MATERIALIZED (SELECT bk, cu, fcat, code, sum(n) AS n FROM base GROUP BY bk, cu, fcat, code),
    t1 AS MATERIALIZED (
        SELECT t2.bk, t2.cu, r.catalog_id, r.theme, sum(t2.n) AS n
        FROM t2 JOIN res r ON r.rf = t2.fcat AND r.rc = t2.code
        GROUP BY t2.bk, t2.cu, r.catalog_id, r.theme
    ),
    t1c AS MATERIALIZED (
        SELECT t1.bk, t1.cu, t1.catalog_id, t1.theme, t1.n, {_fold('c.grp', 'group_keys')} AS grp,
               {_fold('c.prov', 'province_keys')} AS prov
        FROM t1 LEFT JOIN cons c ON c.uuid = t1.cu
    ),
    t0 AS MATERIALIZED (SELECT bk, cu, grp, prov, sum(n) AS n FROM t1c GROUP BY bk, cu, grp, prov),
    per_catalog AS MATERIALIZED (
        SELECT bk, cu, catalog_id, grp, prov, sum(n) AS n FROM t1c GROUP BY bk, cu, catalog_id, grp, prov
    ),
    dist_r AS MATERIALIZED (
        SELECT b.bk, r.catalog_id, b.code, r.theme, {_fold('b.pr', 'priority_keys')} AS pr,
               {_fold('b.ia', 'assessment_keys')} AS ia, b.n
        FROM base b JOIN res r ON r.rf = b.fcat AND r.rc = b.code
    ),
    per_code AS MATERIALIZED (
        SELECT t2.bk, r.catalog_id, t2.code, sum(t2.n) AS n, count(*) AS k
        FROM t2 JOIN res r ON r.rf = t2.fcat AND r.rc = t2.code GROUP BY t2.bk, r.catalog_id, t2.code
    ),
    doubles AS MATERIALIZED (  -- a consultation naming a code with and without its catalog id counts once
        -- as the full pass's EXISTS (a row with no catalog id whose code resolves to catalog C, and
        -- a row of the same consultation and code naming C), by grouping instead of a self-join:
        -- PostgreSQL ran that as a nested loop over the unindexed step (79 s at 1M entries)
        SELECT bk, catalog_id, code, count(*) AS d FROM (
            SELECT t2.bk, t2.cu, r.catalog_id, t2.code,
                   max(CASE WHEN t2.fcat = '' THEN 1 ELSE 0 END) AS blank,
                   max(CASE WHEN t2.fcat = r.catalog_id THEN 1 ELSE 0 END) AS own
            FROM t2 JOIN res r ON r.rf = t2.fcat AND r.rc = t2.code
            GROUP BY t2.bk, t2.cu, r.catalog_id, t2.code) named
        WHERE blank = 1 AND own = 1
        GROUP BY bk, catalog_id, code
    )
    SELECT bk, 'group' AS measure, catalog_id, theme AS row_key, grp AS value, sum(n) AS n, count(*) AS k
        FROM t1c GROUP BY bk, catalog_id, theme, grp
    UNION ALL SELECT bk, 'province', catalog_id, theme, prov, sum(n), count(*) FROM t1c
        GROUP BY bk, catalog_id, theme, prov
    UNION ALL SELECT bk, 'theme', catalog_id, theme, NULL, sum(n), count(*) FROM t1c GROUP BY bk, catalog_id, theme
    UNION ALL SELECT bk, 'theme_priority', catalog_id, theme, pr, sum(n), 0 FROM dist_r
        GROUP BY bk, catalog_id, theme, pr
    UNION ALL SELECT bk, 'theme_assessment', catalog_id, theme, ia, sum(n), 0 FROM dist_r
        GROUP BY bk, catalog_id, theme, ia
    UNION ALL SELECT bk, 'recommendation_priority', catalog_id, code, pr, sum(n), 0 FROM dist_r
        GROUP BY bk, catalog_id, code, pr
    UNION ALL SELECT bk, 'recommendation_assessment', catalog_id, code, ia, sum(n), 0 FROM dist_r
        GROUP BY bk, catalog_id, code, ia
    UNION ALL SELECT p.bk, 'recommendation', p.catalog_id, p.code, NULL, p.n, p.k - coalesce(d.d, 0)
        FROM per_code p LEFT JOIN doubles d ON d.bk = p.bk AND d.catalog_id = p.catalog_id AND d.code = p.code
    UNION ALL SELECT bk, 'group_total', NULL, NULL, grp, sum(n), count(*) FROM t0 GROUP BY bk, grp
    UNION ALL SELECT bk, 'province_total', NULL, NULL, prov, sum(n), count(*) FROM t0 GROUP BY bk, prov
    UNION ALL SELECT bk, 'total', NULL, NULL, NULL, sum(n), count(*) FROM t0 GROUP BY bk
    UNION ALL SELECT bk, 'catalog_group_total', catalog_id, NULL, grp, sum(n), count(*) FROM per_catalog
        GROUP BY bk, catalog_id, grp
    UNION ALL SELECT bk, 'catalog_province_total', catalog_id, NULL, prov, sum(n), count(*) FROM per_catalog
        GROUP BY bk, catalog_id, prov
    UNION ALL SELECT bk, 'catalog_total', catalog_id, NULL, NULL, sum(n), count(*) FROM per_catalog
        GROUP BY bk, catalog_id
    """
    return sql, params
