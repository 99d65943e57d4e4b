"""The entries behind the dashboard's figures (its drill-down) and the quotes the report may
print, under the same filters and counting rules as storage/dashboard_queries.py, whose
statement pieces they share."""

from __future__ import annotations

from typing import Any, Callable

from consultation_app.domain.reference import ReferenceLists
from consultation_app.storage.dashboard_queries import (  # the shared pieces of the dashboard's statement
    ASSESSMENTS,
    EXCERPT_CHARACTERS,
    GROUPS,
    NOT_RECORDED,
    PRIORITIES,
    PROVINCES,
    UNKNOWN_THEME,
    Filters,
    _feedback_filter,
    _with_recommendation,
    list_keys,
)
from consultation_app.storage.dashboard_run import run
from consultation_app.storage.store import Store


def _value_condition(column: str, name: str, value: str, keys: tuple[str, ...]) -> tuple[str, dict[str, Any]]:
    """A column equal to a list's key, or (for NOT_RECORDED) missing or outside the list."""
    if value == NOT_RECORDED:
        params = {f"{name}_{i}": key for i, key in enumerate(keys)}
        return f"coalesce({column}, '') NOT IN ({', '.join(':' + p for p in params)})", params
    return f"{column} = :{name}", {name: value}


def _excerpt(text: str, limit: int = EXCERPT_CHARACTERS) -> str:
    """One line of at most ``limit`` characters, cut between characters a reader sees as whole
    (never before a Khmer vowel sign, coeng or mark, which belong to the character before)."""
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return text
    cut = limit
    while cut > 0 and ("\u17b4" <= text[cut] <= "\u17d3" or text[cut] in "\u17dd\u200c\u200d"):
        cut -= 1
    return text[:cut].rstrip() + "…"


def drill_down(db: Store, reference: ReferenceLists, filters: Filters | None = None, *,
               theme: tuple[str, str] | None = None, recommendation: tuple[str, str] | None = None,
               group: str | None = None, province: str | None = None, priority: str | None = None,
               assessment: str | None = None, limit: int | None = 2000) -> list[dict[str, Any]]:
    """The feedback entries behind one cell (any combination of a theme or recommendation and
    a value of group, province, priority or assessment; NOT_RECORDED selects the missing and
    unlisted), newest consultation first. Each row: uuid, consultation_uuid,
    consultation_title, stakeholder_group, province, start_date, catalog_id, theme,
    recommendation_code, priority, implementation_assessment, excerpt (empty for a record
    marked sensitive, with ``withheld`` saying why), withheld."""
    from consultation_app.domain.privacy import SENSITIVE, withheld_reason
    from consultation_app.domain.records import FEEDBACK

    filters = filters or Filters()
    lists = list_keys(reference)
    feedback_filter, params = _feedback_filter(filters)
    conditions: list[str] = []
    if filters.catalog_id:
        conditions.append("x.catalog_id = :catalog")
    if theme is not None:
        conditions.append("x.catalog_id = :theme_catalog AND x.theme = :theme")
        params.update(theme_catalog=theme[0], theme=theme[1])
    if recommendation is not None:
        conditions.append("x.catalog_id = :recommendation_catalog AND x.code = :code")
        params.update(recommendation_catalog=recommendation[0], code=recommendation[1])
    for value, column, name, list_name in ((group, "x.grp", "cell_group", GROUPS),
                                           (province, "x.prov", "cell_province", PROVINCES),
                                           (priority, "x.pr", "cell_priority", PRIORITIES),
                                           (assessment, "x.ia", "cell_assessment", ASSESSMENTS)):
        if value is not None:
            sql, values = _value_condition(column, name, value, lists[list_name])
            conditions.append(sql)
            params.update(values)
    # Narrowing the entries before codes are resolved (the conditions above decide; these only
    # spare reading the rest): the codes of the theme, the code, the consultations of the group.
    narrow = []
    if theme is not None and theme[1] != UNKNOWN_THEME:
        narrow.append("f.recommendation_code IN (SELECT code FROM recommendations WHERE catalog_id = :theme_catalog "
                      "AND theme_key = :theme AND retired = 0)")
    if recommendation is not None:
        narrow.append("f.recommendation_code = :code")
    for value, column, name in ((group, "stakeholder_group", "cell_group"), (province, "province", "cell_province")):
        if value is not None and value != NOT_RECORDED:
            narrow.append(f"f.consultation_uuid IN (SELECT uuid FROM consultations WHERE {column} = :{name})")
    for value, column, name in ((priority, "f.priority", "cell_priority"),
                                (assessment, "f.implementation_assessment", "cell_assessment")):
        if value is not None and value != NOT_RECORDED:
            narrow.append(f"{column} = :{name}")
    source = f"""(SELECT f.uuid, f.consultation_uuid AS cu, f.catalog_id AS fcat, f.recommendation_code AS code,
                         f.priority AS pr, f.implementation_assessment AS ia, f.comment, f.sensitive,
                         f.attribution, f.attributed_to, f.created_at
                  FROM feedback f WHERE f.deleted = 0 AND {feedback_filter}{"".join(" AND " + n for n in narrow)})"""
    columns = "t.uuid, t.cu, t.code, t.pr, t.ia, t.comment, t.sensitive, t.attribution, t.attributed_to, t.created_at"
    names, found = run(db, f"""
        SELECT x.uuid, x.cu AS consultation_uuid, coalesce(c.title, '') AS consultation_title,
               x.grp AS stakeholder_group, x.prov AS province, c.start_date, x.catalog_id, x.theme,
               x.code AS recommendation_code, x.pr AS priority, x.ia AS implementation_assessment,
               substr(x.comment, 1, {EXCERPT_CHARACTERS + 40}) AS comment, x.sensitive, x.attribution,
               x.attributed_to
        FROM ({_with_recommendation(source, columns, "", consultation=True)}) x
        LEFT JOIN consultations c ON c.uuid = x.cu
        WHERE {" AND ".join(conditions) or "1 = 1"}
        ORDER BY (c.start_date IS NULL), c.start_date DESC, c.title, x.code, x.created_at, x.uuid
        {"LIMIT :limit" if limit else ""}""", {**params, "limit": limit} if limit else params)
    rows = []
    for entry in found:
        row: dict[str, Any] = dict(zip(names, entry))
        reason = withheld_reason(FEEDBACK, row)
        row["withheld"] = reason
        row["excerpt"] = "" if reason == SENSITIVE else _excerpt(row.pop("comment"))
        row.pop("comment", None)
        for private in ("attributed_to", "attribution", "sensitive"):
            row.pop(private)
        rows.append(row)
    return rows


def selected_quotes(db: Store, filters: Filters | None = None, per_recommendation: int = 3,
                    allowed: Callable[[dict[str, Any]], bool] | None = None
                    ) -> dict[tuple[str, str], list[dict[str, Any]]]:
    """Up to ``per_recommendation`` quotes per recommendation ((catalog_id, code) -> rows), for
    a report that leaves the office: never from a record marked sensitive or naming a person
    (domain.privacy.withheld_reason decides; SQL only narrows the candidates), only from
    consultations that arrived, at most one per consultation, those with a translation first,
    then the most recent consultations, the same words once; ``allowed`` (given a quote's uuid
    and consultation_uuid) may refuse more, and the next candidate takes the place. Each row:
    uuid, consultation_uuid, quote, quote_translation, consultation_title, stakeholder_group,
    province, start_date, consent_policy."""
    from consultation_app.domain.privacy import withheld_reason
    from consultation_app.domain.records import FEEDBACK

    filters = filters or Filters()
    feedback_filter, params = _feedback_filter(filters)
    catalog_only = "AND catalog_id = :catalog" if filters.catalog_id else ""
    source = f"""(SELECT f.uuid, f.consultation_uuid AS cu, f.catalog_id AS fcat, f.recommendation_code AS code,
                         f.quote, f.quote_translation, f.sensitive, f.attribution, f.attributed_to
                  FROM feedback f
                  WHERE f.deleted = 0 AND trim(f.quote) <> '' AND f.sensitive = 0
                    AND f.attribution <> 'named_with_consent' AND trim(f.attributed_to) = ''
                    AND {feedback_filter})"""
    columns = "t.uuid, t.cu, t.code, t.quote, t.quote_translation, t.sensitive, t.attribution, t.attributed_to"
    names, found = run(db, f"""
        WITH candidates AS (
            SELECT x.*, c.title AS consultation_title, c.stakeholder_group, c.province, c.start_date,
                   c.consent_policy,
                   row_number() OVER (PARTITION BY x.catalog_id, x.code, x.cu
                                      ORDER BY (trim(x.quote_translation) = ''), length(x.quote) DESC, x.uuid)
                       AS in_consultation
            FROM ({_with_recommendation(source, columns, catalog_only)}) x
            JOIN consultations c ON c.uuid = x.cu AND c.deleted = 0
        )
        , distinct_quotes AS (  -- the same words said in two places: quoted once
            SELECT *, row_number() OVER (PARTITION BY catalog_id, code, quote
                                         ORDER BY (trim(quote_translation) = ''), start_date DESC, uuid) AS same_quote
            FROM candidates WHERE in_consultation = 1
        )
        SELECT * FROM (
            SELECT *, row_number() OVER (PARTITION BY catalog_id, code
                                         ORDER BY (trim(quote_translation) = ''), start_date DESC, uuid) AS rank
            FROM distinct_quotes WHERE same_quote = 1) ranked
        WHERE rank <= :candidates
        ORDER BY catalog_id, code, rank""", {**params, "candidates": per_recommendation * 3})
    quotes: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for values in found:
        row = dict(zip(names, values))
        chosen = quotes.setdefault((row["catalog_id"], row["code"]), [])
        if len(chosen) >= per_recommendation or withheld_reason(FEEDBACK, row):
            continue
        if allowed is not None and not allowed({"uuid": row["uuid"], "consultation_uuid": row["cu"]}):
            continue  # its consent does not let it be printed (domain/consent.py, through the caller)
        chosen.append({"consultation_uuid": row["cu"],
                       **{key: row[key] for key in ("uuid", "quote", "quote_translation", "consultation_title",
                                                    "stakeholder_group", "province", "start_date",
                                                    "consent_policy")}})
    return quotes
