"""Figures behind the central office's dashboard and report: who said something on which theme,
and how they rated it, under filters (stakeholder group, province, dates, catalog).

The counting rules are those of ``report_queries`` (the master export): live means
``deleted = 0``; feedback of a deleted consultation is not counted; feedback whose
consultation has not arrived is counted (group and province "not recorded") unless a filter
on the consultation asks for a group, a province or dates; a code is resolved to its
recommendation in its own catalog, or, with an empty catalog id, in the first catalog that
has it; codes no live recommendation has get a theme row of their own ("not in the
catalog", key ``UNKNOWN_THEME``). Values outside a reference list fall into the
``NOT_RECORDED`` bucket. Consultation counts are distinct consultations; entry counts are
feedback entries. The date filter applies to the consultation's ``start_date`` (ISO text,
both ends inclusive).

All aggregation is done by SQLite, in one statement for everything the dashboard shows
(``dashboard_figures``). It is shaped for speed: the feedback is read once per consultation
and recommendation (a streaming GROUP BY over the index ``feedback_dashboard``, see
migration m007) and once per recommendation, priority and assessment (the index
``feedback_distribution``); recommendations and consultations are looked up on those
aggregates, not on every entry. Zero cells of the coverage matrices come out of SQL too
(every theme crossed with every key of the list).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from consultation_app.domain.reference import ReferenceLists
from consultation_app.errors import AppError
from consultation_app.storage.dashboard_run import run_rows
from consultation_app.storage.report_queries import NOT_RECORDED
from consultation_app.storage.store import Store

UNKNOWN_THEME = ""  # the theme row of codes that no live recommendation has
GROUPS, PROVINCES = "stakeholder_groups", "provinces"
PRIORITIES, ASSESSMENTS = "priorities", "implementation_assessments"
# dimension of a drill-down -> the reference list its keys come from
DIMENSION_LISTS = {"group": GROUPS, "province": PROVINCES, "priority": PRIORITIES, "assessment": ASSESSMENTS}
EXCERPT_CHARACTERS = 160


@dataclass(frozen=True)
class Filters:
    """What the dashboard and the report look at. ``None`` (or "") means no restriction."""

    group: str | None = None
    province: str | None = None
    date_from: str | None = None  # ISO date, inclusive
    date_to: str | None = None    # ISO date, inclusive
    catalog_id: str | None = None

    def __post_init__(self) -> None:
        for name in ("date_from", "date_to"):
            value = getattr(self, name)
            if isinstance(value, (dt.date, dt.datetime)):
                object.__setattr__(self, name, value.isoformat()[:10])
            elif value:
                try:
                    dt.date.fromisoformat(str(value))
                except ValueError as error:
                    raise AppError(f"{value!r} is not a date; write it as YYYY-MM-DD") from error
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise AppError(f"the dates are the wrong way round: from {self.date_from} to {self.date_to}")

    @property
    def on_consultations(self) -> bool:
        """True when only some consultations count (feedback without its consultation never does)."""
        return bool(self.group or self.province or self.date_from or self.date_to)

    def consultation_conditions(self, alias: str = "c") -> tuple[list[str], list[Any]]:
        conditions, params = [], []
        for value, sql in ((self.group, f"{alias}.stakeholder_group = ?"), (self.province, f"{alias}.province = ?"),
                           (self.date_from, f"{alias}.start_date >= ?"), (self.date_to, f"{alias}.start_date <= ?")):
            if value:
                conditions.append(sql)
                params.append(value)
        return conditions, params

    def where(self) -> tuple[str, list[Any]]:
        """An extra condition on live feedback ``f`` joined to its consultation ``c`` (as
        ``report_queries`` joins them), for the filters on consultations."""
        conditions, params = self.consultation_conditions("c")
        return "".join(f" AND {condition}" for condition in conditions), params

    def describe(self, reference: ReferenceLists, language: str = "en") -> dict[str, str]:
        """The filters that are set, as label -> value (for a cover or a heading)."""
        out = {}
        if self.group:
            out["group"] = reference.label(GROUPS, self.group, language)
        if self.province:
            out["province"] = reference.label(PROVINCES, self.province, language)
        if self.date_from:
            out["date_from"] = self.date_from
        if self.date_to:
            out["date_to"] = self.date_to
        if self.catalog_id:
            out["catalog_id"] = self.catalog_id
        return out


@dataclass(frozen=True)
class Cell:
    entries: int = 0
    consultations: int = 0


@dataclass
class DashboardFigures:
    """Everything the dashboard shows for one set of filters.

    Rows are keyed (catalog_id, theme_key) for themes and (catalog_id, code) for
    recommendations, in the annex's order; matrix columns are the reference list's keys in
    its order, with ``NOT_RECORDED`` last only when some cell of it is not zero."""

    filters: Filters
    themes: list[dict[str, Any]]
    recommendations: list[dict[str, Any]]
    group_columns: list[str]
    province_columns: list[str]
    priority_columns: list[str]
    assessment_columns: list[str]
    by_group: dict[tuple[str, str], dict[str, Cell]]
    by_province: dict[tuple[str, str], dict[str, Cell]]
    group_totals: dict[str, Cell]
    province_totals: dict[str, Cell]
    priority_totals: dict[str, int]
    assessment_totals: dict[str, int]
    theme_totals: dict[tuple[str, str], Cell]
    recommendation_totals: dict[tuple[str, str], Cell]
    theme_priorities: dict[tuple[str, str], dict[str, int]]
    theme_assessments: dict[tuple[str, str], dict[str, int]]
    recommendation_priorities: dict[tuple[str, str], dict[str, int]]
    recommendation_assessments: dict[tuple[str, str], dict[str, int]]
    total: Cell = field(default_factory=Cell)


# -- the statement -------------------------------------------------------------------------------
def _keys_cte(name: str, keys: list[str], params: dict[str, Any]) -> str:
    """A CTE of a reference list's keys in its order, then the NOT_RECORDED bucket (bound as
    named parameters, added to ``params``)."""
    values = []
    for position, key in enumerate(keys):
        params[f"{name}_{position}"] = key
        values.append(f"(:{name}_{position}, {position})")
    return f"{name}(key, position) AS (VALUES {', '.join(values)})"


def _fold(column: str, keys_cte: str) -> str:
    """A value of a reference list, or the NOT_RECORDED bucket for missing and unlisted ones."""
    return f"CASE WHEN {column} IN (SELECT key FROM {keys_cte}) THEN {column} ELSE '{NOT_RECORDED}' END"


def _feedback_filter(filters: Filters) -> tuple[str, dict[str, Any]]:
    """Which feedback counts: live (checked by the caller), of the chosen consultations, or of
    any consultation not deleted (arrived or not); of the chosen catalog (a code with an empty
    catalog id may belong to it: decided once the code is resolved). Named parameters:
    :group, :province, :date_from, :date_to, :catalog (the statements share them)."""
    params: dict[str, Any] = {}
    if filters.on_consultations:
        conditions = []
        for name, sql in (("group", "c.stakeholder_group = :group"), ("province", "c.province = :province"),
                          ("date_from", "c.start_date >= :date_from"), ("date_to", "c.start_date <= :date_to")):
            value = getattr(filters, name)
            if value:
                conditions.append(sql)
                params[name] = value
        sql = (f"f.consultation_uuid IN (SELECT c.uuid FROM consultations c WHERE c.deleted = 0 AND "
               f"{' AND '.join(conditions)})")
    else:
        sql = "f.consultation_uuid NOT IN (SELECT uuid FROM consultations WHERE deleted = 1)"
    if filters.catalog_id:
        sql += " AND f.catalog_id IN (:catalog, '')"
        params["catalog"] = filters.catalog_id
    return sql, params


def _with_recommendation(source: str, columns: str, catalog_only: str, consultation: bool = False) -> str:
    """The rows of an aggregate ``t`` (with columns fcat and code) with the catalog and theme of
    their recommendation, resolved as report_queries._catalog_of resolves a code: in its own
    catalog, or, with an empty catalog id, in the first catalog that has the code; a code no
    live recommendation has keeps its own catalog id and gets the theme UNKNOWN_THEME. Only
    rows of the chosen catalog. With ``consultation``, also the group and province of the
    consultation (NULL when it has not arrived)."""
    # The fallback subqueries run only where the exact match found nothing (coalesce stops at
    # the first value), so the common case costs one index lookup per row.
    fallback = "FROM recommendations WHERE t.fcat = '' AND code = t.code AND retired = 0"
    return f"""SELECT * FROM (
            SELECT {columns},
                   coalesce(r.catalog_id, (SELECT min(catalog_id) {fallback}), t.fcat) AS catalog_id,
                   coalesce(r.theme_key, (SELECT theme_key {fallback} ORDER BY catalog_id LIMIT 1),
                            '{UNKNOWN_THEME}') AS theme
                   {", c.stakeholder_group AS grp, c.province AS prov" if consultation else ""}
            FROM {source} t
            LEFT JOIN recommendations r ON r.catalog_id = t.fcat AND r.code = t.code AND r.retired = 0
            {"LEFT JOIN consultations c ON c.uuid = t.cu" if consultation else ""}) resolved
        WHERE 1 = 1 {catalog_only}"""


_LISTS = (("group_keys", GROUPS), ("province_keys", PROVINCES), ("priority_keys", PRIORITIES),
          ("assessment_keys", ASSESSMENTS))


def _grid(measure: str, rows: str, keys: str, source: str, row_column: str, value_column: str,
          consultations: str) -> str:
    """Every row crossed with every key of a list: its figures, or zeros."""
    return f"""SELECT '{measure}', r.catalog_id, r.key, k.key, coalesce(a.n, 0), coalesce(a.k, 0)
        FROM {rows} r CROSS JOIN {keys} k
        LEFT JOIN (SELECT catalog_id, {row_column} AS row_key, {value_column} AS value, sum(n) AS n,
                          {consultations} AS k
                   FROM {source} GROUP BY 1, 2, 3) a
          ON a.catalog_id = r.catalog_id AND a.row_key = r.key AND a.value = k.key"""


# t2 and dist over every entry: two streaming passes over the two covering indexes of m007
_WHOLE_BASE = """t2 AS MATERIALIZED (
        SELECT f.consultation_uuid AS cu, f.catalog_id AS fcat, f.recommendation_code AS code, count(*) AS n
        FROM feedback f WHERE f.deleted = 0 AND {feedback_filter}
        GROUP BY f.consultation_uuid, f.catalog_id, f.recommendation_code
    ),
    dist AS MATERIALIZED (
        SELECT f.catalog_id AS fcat, f.recommendation_code AS code, f.priority AS pr,
               f.implementation_assessment AS ia, count(*) AS n
        FROM feedback f WHERE f.deleted = 0 AND {feedback_filter}
        GROUP BY f.catalog_id, f.recommendation_code, f.priority, f.implementation_assessment
    )"""
# t2 and dist over a few consultations' entries (an aggregate's bucket): the entries are found
# once through their consultations (an index lookup), not by scanning the whole distribution index
_SCOPED_BASE = """base AS MATERIALIZED (
        SELECT f.consultation_uuid AS cu, f.catalog_id AS fcat, f.recommendation_code AS code, f.priority AS pr,
               f.implementation_assessment AS ia, count(*) AS n
        FROM feedback f WHERE f.deleted = 0 AND {feedback_filter}
        GROUP BY f.consultation_uuid, f.catalog_id, f.recommendation_code, f.priority, f.implementation_assessment
    ),
    t2 AS MATERIALIZED (SELECT cu, fcat, code, sum(n) AS n FROM base GROUP BY cu, fcat, code),
    dist AS MATERIALIZED (SELECT fcat, code, pr, ia, sum(n) AS n FROM base GROUP BY fcat, code, pr, ia)"""


def _statement(filters: Filters, lists: dict[str, tuple[str, ...]], scope: tuple[str, dict[str, Any]] | None = None,
               per_catalog: bool = False) -> tuple[str, dict[str, Any]]:
    """The full pass. ``scope``: a condition on feedback ``f`` (and its parameters) used in place
    of the filters' (storage/dashboard_aggregates.py computes its buckets with it);
    ``per_catalog``: also each catalog's totals (what a catalog filter shows), which the
    aggregates keep."""
    feedback_filter, params = scope if scope else _feedback_filter(filters)
    params = dict(params)
    catalog_only = "AND catalog_id = :catalog" if filters.catalog_id else ""
    ctes = ", ".join(_keys_cte(cte, [*lists[name], NOT_RECORDED], params) for cte, name in _LISTS)
    # t2: entries per consultation and code as the feedback names them (a streaming GROUP BY
    # over the index feedback_dashboard); dist: entries per code, priority and assessment
    # (streaming over feedback_distribution); t1: entries per consultation and theme (codes
    # resolved on t2's rows, not on every entry); t0: per consultation, with its group and
    # province; cube: entries and consultations per theme, group and province (each t1 row is
    # one consultation in one theme, so consultation counts add up across groups and
    # provinces); per_code and doubles: consultations per recommendation (t2 has one row per
    # consultation and code; a consultation that named a code both with and without its
    # catalog id is counted once); dist_r: dist with catalog, theme and folded values; themes,
    # recs: every row the dashboard shows (the catalog's, and codes no recommendation has).
    sql = f"""
    WITH {ctes},
    {_SCOPED_BASE.format(feedback_filter=feedback_filter) if scope else _WHOLE_BASE.format(
        feedback_filter=feedback_filter)},
    t1 AS MATERIALIZED (
        SELECT cu, catalog_id, theme, sum(n) AS n
        FROM ({_with_recommendation('t2', 't.cu, t.code, t.n', catalog_only)}) t2r
        GROUP BY cu, catalog_id, theme
    ),
    t0 AS MATERIALIZED (
        SELECT t.cu, {_fold('c.stakeholder_group', 'group_keys')} AS grp,
               {_fold('c.province', 'province_keys')} AS prov, t.n
        FROM (SELECT cu, sum(n) AS n FROM t1 GROUP BY cu) t LEFT JOIN consultations c ON c.uuid = t.cu
    ),
    cube AS MATERIALIZED (  -- values folded by the grids below: a few hundred rows, not one per consultation
        SELECT t1.catalog_id, t1.theme, c.stakeholder_group AS grp, c.province AS prov, sum(t1.n) AS n,
               count(*) AS k
        FROM t1 LEFT JOIN consultations c ON c.uuid = t1.cu GROUP BY 1, 2, 3, 4
    ),
    per_code AS MATERIALIZED (  -- per code as the feedback names it: t2 has one row per consultation
        SELECT fcat, code, sum(n) AS n, count(*) AS k FROM t2 GROUP BY fcat, code
    ),
    doubles AS MATERIALIZED (  -- a consultation naming a code with and without its catalog id counts once
        SELECT x.catalog_id, x.code, count(*) AS d
        FROM ({_with_recommendation("(SELECT * FROM t2 WHERE fcat = '')", 't.cu, t.code', catalog_only)}) x
        WHERE EXISTS (SELECT 1 FROM t2 WHERE t2.cu = x.cu AND t2.code = x.code AND t2.fcat = x.catalog_id)
        GROUP BY 1, 2
    ),
    dist_r AS MATERIALIZED (
        SELECT catalog_id, code, theme, {_fold('pr', 'priority_keys')} AS pr, {_fold('ia', 'assessment_keys')} AS ia, n
        FROM ({_with_recommendation('dist', 't.code, t.pr, t.ia, t.n', catalog_only)}) dr
    ),
    themes AS MATERIALIZED (
        SELECT catalog_id, theme_key AS key FROM recommendations WHERE retired = 0 {catalog_only}
        UNION SELECT catalog_id, theme FROM dist_r
    ),
    recs AS MATERIALIZED (
        SELECT catalog_id, code AS key FROM recommendations WHERE retired = 0 {catalog_only}
        UNION SELECT catalog_id, code FROM dist_r
    )
    {_grid('group', 'themes', 'group_keys', 'cube', 'theme', _fold('grp', 'group_keys'), 'sum(k)')}
    UNION ALL {_grid('province', 'themes', 'province_keys', 'cube', 'theme', _fold('prov', 'province_keys'),
                     'sum(k)')}
    UNION ALL {_grid('theme_priority', 'themes', 'priority_keys', 'dist_r', 'theme', 'pr', '0')}
    UNION ALL {_grid('theme_assessment', 'themes', 'assessment_keys', 'dist_r', 'theme', 'ia', '0')}
    UNION ALL {_grid('recommendation_priority', 'recs', 'priority_keys', 'dist_r', 'code', 'pr', '0')}
    UNION ALL {_grid('recommendation_assessment', 'recs', 'assessment_keys', 'dist_r', 'code', 'ia', '0')}
    UNION ALL SELECT 'theme', r.catalog_id, r.key, NULL, coalesce(a.n, 0), coalesce(a.k, 0) FROM themes r
        LEFT JOIN (SELECT catalog_id, theme, sum(n) AS n, sum(k) AS k FROM cube GROUP BY 1, 2) a
          ON a.catalog_id = r.catalog_id AND a.theme = r.key
    UNION ALL SELECT 'recommendation', r.catalog_id, r.key, NULL, coalesce(a.n, 0), coalesce(a.k, 0) - coalesce(d.d, 0)
        FROM recs r
        LEFT JOIN (SELECT catalog_id, code, sum(n) AS n, sum(k) AS k
                   FROM ({_with_recommendation('per_code', 't.code, t.n, t.k', catalog_only)}) pc
                   GROUP BY 1, 2) a
          ON a.catalog_id = r.catalog_id AND a.code = r.key
        LEFT JOIN doubles d ON d.catalog_id = r.catalog_id AND d.code = r.key
    UNION ALL SELECT 'group_total', NULL, NULL, g.key, coalesce(a.n, 0), coalesce(a.k, 0) FROM group_keys g
        LEFT JOIN (SELECT grp, sum(n) AS n, count(*) AS k FROM t0 GROUP BY grp) a ON a.grp = g.key
    UNION ALL SELECT 'province_total', NULL, NULL, p.key, coalesce(a.n, 0), coalesce(a.k, 0) FROM province_keys p
        LEFT JOIN (SELECT prov, sum(n) AS n, count(*) AS k FROM t0 GROUP BY prov) a ON a.prov = p.key
    UNION ALL SELECT 'priority_total', NULL, NULL, k.key, coalesce(a.n, 0), 0 FROM priority_keys k
        LEFT JOIN (SELECT pr, sum(n) AS n FROM dist_r GROUP BY pr) a ON a.pr = k.key
    UNION ALL SELECT 'assessment_total', NULL, NULL, k.key, coalesce(a.n, 0), 0 FROM assessment_keys k
        LEFT JOIN (SELECT ia, sum(n) AS n FROM dist_r GROUP BY ia) a ON a.ia = k.key
    UNION ALL SELECT 'total', NULL, NULL, NULL, coalesce(sum(n), 0), count(*) FROM t0
    {_PER_CATALOG if per_catalog else ""}
    """
    return sql, params


# Each catalog's totals (for a catalog filter, from stored aggregates): per consultation and
# catalog, with the consultation's folded group and province.
_PER_CATALOG = f"""
    UNION ALL SELECT 'catalog_' || measure, catalog_id, NULL, value, sum(n), count(*) FROM (
        SELECT 'group_total' AS measure, t.catalog_id, {_fold('c.stakeholder_group', 'group_keys')} AS value, t.n
        FROM (SELECT cu, catalog_id, sum(n) AS n FROM t1 GROUP BY cu, catalog_id) t
        LEFT JOIN consultations c ON c.uuid = t.cu
        UNION ALL
        SELECT 'province_total', t.catalog_id, {_fold('c.province', 'province_keys')}, t.n
        FROM (SELECT cu, catalog_id, sum(n) AS n FROM t1 GROUP BY cu, catalog_id) t
        LEFT JOIN consultations c ON c.uuid = t.cu
        UNION ALL
        SELECT 'total', catalog_id, NULL, n FROM (SELECT cu, catalog_id, sum(n) AS n FROM t1 GROUP BY cu, catalog_id) t
    ) per_catalog GROUP BY measure, catalog_id, value"""


# -- reading the figures ---------------------------------------------------------------------------
def list_keys(reference: ReferenceLists) -> dict[str, tuple[str, ...]]:
    return {name: reference.keys(name) for _, name in _LISTS}


def theme_rows(db: Store, catalog_id: str | None = None) -> list[dict[str, Any]]:
    """The themes (deepest headings with recommendations) in the annex's order, with their part
    and section: catalog_id, key, title, title_km, part_key, part, part_km, section, section_km."""
    where, params = ("AND r.catalog_id = ?", [catalog_id]) if catalog_id else ("", [])
    # each theme as its first recommendation (by position) places it (a window: PostgreSQL has
    # no bare columns beside min())
    cursor = db.execute(f"""
        SELECT * FROM (
            SELECT r.catalog_id, r.theme_key AS key, theme.title, theme.title_km,
                   part.key AS part_key, part.title AS part, part.title_km AS part_km,
                   section.title AS section, section.title_km AS section_km, r.position,
                   row_number() OVER (PARTITION BY r.catalog_id, r.theme_key ORDER BY r.position) AS first
            FROM recommendations r
            JOIN catalog_headings theme ON theme.catalog_id = r.catalog_id AND theme.key = r.theme_key
            JOIN catalog_headings part ON part.catalog_id = r.catalog_id AND part.key = r.part_key
            LEFT JOIN catalog_headings section ON section.catalog_id = r.catalog_id AND section.key = r.section_key
            WHERE r.retired = 0 {where}) themes
        WHERE first = 1
        ORDER BY catalog_id, position""", params)
    names = [d[0] for d in cursor.description]
    rows = [dict(zip(names, values)) for values in cursor]
    for row in rows:
        row.pop("position")
        row.pop("first")
        row["in_catalog"] = True
    return rows


def _unknown_theme(catalog_id: str) -> dict[str, Any]:
    return {"catalog_id": catalog_id, "key": UNKNOWN_THEME, "title": "Codes not in the catalog",
            "title_km": "លេខកូដដែលមិនមានក្នុងបញ្ជីអនុសាសន៍", "part_key": "", "part": "", "part_km": "",
            "section": None, "section_km": None, "in_catalog": False}


def dashboard_figures(db: Store, reference: ReferenceLists, filters: Filters | None = None) -> DashboardFigures:
    """Everything the dashboard shows for ``filters``: from the aggregates the writes keep
    (storage/dashboard_aggregates.py) where they answer, else from the full pass."""
    from consultation_app.storage import dashboard_aggregates

    filters = filters or Filters()
    lists = list_keys(reference)
    rows = dashboard_aggregates.figure_rows(db, lists, filters)
    if rows is None:
        rows = full_pass_rows(db, lists, filters)
    return figures_from_rows(db, lists, filters, rows)


def full_pass_rows(db: Store, lists: dict[str, tuple[str, ...]], filters: Filters) -> list[tuple]:
    sql, params = _statement(filters, lists)
    return run_rows(db, sql, params)


def dashboard_figures_full_pass(db: Store, reference: ReferenceLists, filters: Filters | None = None
                                ) -> DashboardFigures:
    """The reference: one pass over every entry (what the aggregates must equal exactly)."""
    filters = filters or Filters()
    lists = list_keys(reference)
    return figures_from_rows(db, lists, filters, full_pass_rows(db, lists, filters))


def figures_from_rows(db: Store, lists: dict[str, tuple[str, ...]], filters: Filters,
                      rows: list[tuple]) -> DashboardFigures:
    """The statement's rows sorted into dictionaries (no counting here)."""
    from consultation_app.storage import catalog_store
    grids: dict[str, dict] = {measure: {} for measure in (
        "group", "province", "theme_priority", "theme_assessment", "recommendation_priority",
        "recommendation_assessment")}
    totals: dict[str, dict] = {measure: {} for measure in ("theme", "recommendation", "group_total",
                                                           "province_total", "priority_total", "assessment_total")}
    total = Cell()
    for measure, catalog_id, row_key, value, entries, consultations in rows:
        entries, consultations = int(entries), int(consultations)  # PostgreSQL's sums are numeric
        if measure in grids:
            cell = Cell(entries, consultations) if measure in ("group", "province") else entries
            grids[measure].setdefault((catalog_id, row_key), {})[value] = cell
        elif measure in ("theme", "recommendation"):
            totals[measure][(catalog_id, row_key)] = Cell(entries, consultations)
        elif measure in ("group_total", "province_total"):
            totals[measure][value] = Cell(entries, consultations)
        elif measure in ("priority_total", "assessment_total"):
            totals[measure][value] = entries
        else:
            total = Cell(entries, consultations)

    themes = theme_rows(db, filters.catalog_id)
    known = {(row["catalog_id"], row["key"]) for row in themes}
    themes += [_unknown_theme(catalog_id) for catalog_id, key in sorted(totals["theme"])
               if (catalog_id, key) not in known]
    recommendations = [dict(rec, in_catalog=True) for rec in catalog_store.list_recommendations(db, filters.catalog_id)]
    known = {(rec["catalog_id"], rec["code"]) for rec in recommendations}
    recommendations += [{"catalog_id": catalog_id, "code": code, "theme_key": UNKNOWN_THEME, "text": "", "text_km": "",
                         "part": "", "section": None, "theme": "", "in_catalog": False}
                        for catalog_id, code in sorted(totals["recommendation"]) if (catalog_id, code) not in known]

    def columns(name: str, *rows: dict) -> list[str]:
        """The list's keys; the NOT_RECORDED bucket only when something is in it."""
        needed = any(_entries(row.get(NOT_RECORDED)) for row in rows)
        return [*lists[name], *([NOT_RECORDED] if needed else [])]

    return DashboardFigures(
        filters=filters, themes=themes, recommendations=recommendations,
        group_columns=columns(GROUPS, totals["group_total"]),
        province_columns=columns(PROVINCES, totals["province_total"]),
        priority_columns=columns(PRIORITIES, totals["priority_total"]),
        assessment_columns=columns(ASSESSMENTS, totals["assessment_total"]),
        by_group=grids["group"], by_province=grids["province"],
        group_totals=totals["group_total"], province_totals=totals["province_total"],
        priority_totals=totals["priority_total"], assessment_totals=totals["assessment_total"],
        theme_totals=totals["theme"], recommendation_totals=totals["recommendation"],
        theme_priorities=grids["theme_priority"], theme_assessments=grids["theme_assessment"],
        recommendation_priorities=grids["recommendation_priority"],
        recommendation_assessments=grids["recommendation_assessment"],
        total=total)


def _entries(value: Cell | int | None) -> int:
    return value.entries if isinstance(value, Cell) else (value or 0)
