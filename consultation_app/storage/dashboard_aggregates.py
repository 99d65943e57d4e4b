"""The dashboard's figures kept as aggregates, so that a million entries answer in milliseconds.

Every figure the dashboard shows is a sum over consultations: entries add up, and each
consultation counts 0 or 1 in a cell (a consultation has one group, one province, one start
date). So the full pass (storage/dashboard_queries._statement) run over any set of
consultations gives figures that add up exactly with those of any other, disjoint set.

The aggregates keep the full pass's non-zero rows per **bucket** of three partitions of the
consultations: by stakeholder group (plus the bucket '' for feedback of consultations with no
group or that have not arrived), by province, and by month of the start date; and the whole
(partition 'all', the sum of the group buckets). A filter on a group or a province reads its
bucket; a date range reads the months wholly inside it and runs the full pass over the
consultations of the months at its ends only; a catalog filter keeps that catalog's rows and
its own totals (kept per catalog: ``catalog_*`` rows). Several filters on consultations at
once (a group and a province...) narrow the entries enough for the full pass to answer.

Triggers (migration m_dashboard_aggregates_v1, on both engines) note what every write touches
in ``dashboard_dirty``: the consultation of a feedback entry inserted, changed or deleted; the
old buckets of a consultation whose group, province, date or deletion changed; everything
when a catalog changes (codes resolve to other themes). The next read recomputes the noted
buckets (``refresh``) before answering (the merge does not: it pays only the marks). The lists the
values are folded into are fingerprinted: other lists, everything is rebuilt.
"""

from __future__ import annotations

import json
from typing import Any, Iterable

from consultation_app.storage import dashboard_triggers, errors
from consultation_app.storage.dashboard_queries import (
    ASSESSMENTS,
    GROUPS,
    NOT_RECORDED,
    PRIORITIES,
    PROVINCES,
    Filters,
    _statement,
)
from consultation_app.storage.dashboard_run import run_rows
from consultation_app.storage.dashboard_triggers import ALL, CONSULTATION, DIRTY, GROUP, MONTH, PROVINCE
from consultation_app.storage.store import Store

TABLE, STATE = "dashboard_aggregates", "dashboard_aggregate_state"
_COLUMN = {GROUP: "stakeholder_group", PROVINCE: "province"}
_TOTALS = ("group_total", "province_total", "total")
_GRIDS = (("group", GROUPS), ("province", PROVINCES), ("theme_priority", PRIORITIES),
          ("theme_assessment", ASSESSMENTS))
_REC_GRIDS = (("recommendation_priority", PRIORITIES), ("recommendation_assessment", ASSESSMENTS))


def _scope(partition: str, bucket: str) -> tuple[str, dict[str, Any]]:
    """Which feedback a bucket holds, as a condition on feedback ``f`` for the full pass."""
    if partition == GROUP and bucket == "":
        return ("f.consultation_uuid NOT IN (SELECT uuid FROM consultations "
                "WHERE deleted = 1 OR coalesce(stakeholder_group, '') <> '')"), {}
    column = _COLUMN.get(partition, "substr(start_date, 1, 7)")
    return (f"f.consultation_uuid IN (SELECT uuid FROM consultations WHERE deleted = 0 AND {column} = :bucket)",
            {"bucket": bucket})


def _all_buckets(db: Store) -> list[tuple[str, str]]:
    buckets = [(GROUP, "")]
    for partition, column in ((GROUP, "stakeholder_group"), (PROVINCE, "province"),
                              (MONTH, "substr(start_date, 1, 7)")):
        buckets += [(partition, key) for (key,) in db.execute(
            f"SELECT DISTINCT {column} FROM consultations WHERE deleted = 0 AND length({column}) "
            f"{'= 7' if partition == MONTH else '> 0'} ORDER BY 1")]
    return buckets


def _buckets_of(db: Store, uuids: list[str]) -> set[tuple[str, str]]:
    """The buckets the feedback of these consultations is counted in now."""
    out: set[tuple[str, str]] = set()
    found: set[str] = set()
    for start in range(0, len(uuids), 500):
        chunk = uuids[start:start + 500]
        for uuid, deleted, group, province, date in db.execute(
                "SELECT uuid, deleted, stakeholder_group, province, start_date FROM consultations "
                f"WHERE uuid IN ({', '.join('?' * len(chunk))})", chunk):
            found.add(uuid)
            if deleted:
                continue
            out.add((GROUP, group or ""))
            if province:
                out.add((PROVINCE, province))
            if date and len(date[:7]) == 7:
                out.add((MONTH, date[:7]))
    if found != set(uuids):
        out.add((GROUP, ""))  # feedback whose consultation has not arrived
    return out


def _bucket_rows(db: Store, lists: dict[str, tuple[str, ...]], partition: str, bucket: str) -> list[tuple]:
    sql, params = _statement(Filters(), lists, scope=_scope(partition, bucket), per_catalog=True)
    return [row for row in run_rows(db, sql, params) if row[4] or row[5]]


def _fingerprint(lists: dict[str, tuple[str, ...]]) -> str:
    return json.dumps({name: list(keys) for name, keys in sorted(lists.items())})


def refresh(db: Store, lists: dict[str, tuple[str, ...]]) -> int:
    """Recompute the buckets the writes since the last refresh touched (all of them for a new
    fingerprint). Returns how many buckets were recomputed."""
    with db.atomic():
        if db.engine == "postgresql":  # one refresher at a time; writers only add marks
            db.execute("SELECT pg_advisory_xact_lock(?)", [0x44415348])
        marks = db.execute(f"DELETE FROM {DIRTY} RETURNING kind, key").fetchall()
        stored = db.execute(f"SELECT value FROM {STATE} WHERE key = 'lists'").fetchone()
        fingerprint = _fingerprint(lists)
        if stored is None or stored[0] != fingerprint or (ALL, "") in marks:
            db.execute(f"DELETE FROM {TABLE}")
            buckets = set(_all_buckets(db))
        else:
            buckets = {(kind, key) for kind, key in marks if kind in (GROUP, PROVINCE, MONTH)}
            buckets |= _buckets_of(db, sorted({key for kind, key in marks if kind == CONSULTATION}))
        buckets = {(p, b) for p, b in buckets if b or p == GROUP}
        if not buckets and stored is not None and stored[0] == fingerprint:
            return 0
        for partition, bucket in sorted(buckets):
            db.execute(f"DELETE FROM {TABLE} WHERE partition = ? AND bucket = ?", [partition, bucket])
            _insert(db, partition, bucket, _bucket_rows(db, lists, partition, bucket))
        if any(partition == GROUP for partition, _ in buckets):  # the whole: the sum of the group buckets
            db.execute(f"DELETE FROM {TABLE} WHERE partition = ?", [ALL])
            db.execute(f"""INSERT INTO {TABLE} (partition, bucket, measure, catalog_id, row_key, value, entries,
                               consultations)
                           SELECT '{ALL}', '', measure, catalog_id, row_key, value, sum(entries), sum(consultations)
                           FROM {TABLE} WHERE partition = '{GROUP}'
                           GROUP BY measure, catalog_id, row_key, value""")
        db.execute(f"DELETE FROM {STATE} WHERE key = 'lists'")
        db.execute(f"INSERT INTO {STATE} (key, value) VALUES ('lists', ?)", [fingerprint])
        return len(buckets)


def _insert(db: Store, partition: str, bucket: str, rows: Iterable[tuple]) -> None:
    db.conn.executemany(f"INSERT INTO {TABLE} (partition, bucket, measure, catalog_id, row_key, value, entries, "
                   "consultations) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                   [(partition, bucket, *row) for row in rows])


def _stored(db: Store, partition: str, buckets: list[str] | None) -> list[tuple]:
    where, params = "partition = ?", [partition]
    if buckets is not None:
        where += f" AND bucket IN ({', '.join('?' * len(buckets))})"
        params += buckets
    if partition == ALL:
        return db.execute(f"SELECT measure, catalog_id, row_key, value, entries, consultations FROM {TABLE} "
                          "WHERE partition = ?", [ALL]).fetchall()
    cursor = db.execute(
        f"SELECT measure, catalog_id, row_key, value, sum(entries), sum(consultations) FROM {TABLE} "
        f"WHERE {where} GROUP BY measure, catalog_id, row_key, value", params)
    if db.engine == "sqlite":
        return cursor.fetchall()
    return [(*row[:4], int(row[4]), int(row[5])) for row in cursor]  # PostgreSQL's sum: a numeric


def _month_rows(db: Store, lists: dict[str, tuple[str, ...]], filters: Filters) -> list[tuple]:
    """A date range: the months wholly inside it from the aggregates, its end months by the full
    pass over their consultations (exact for any text in start_date, as the filter compares it)."""
    low, high = (filters.date_from or "")[:7], (filters.date_to or "")[:7]
    inside = ["length(bucket) = 7"] + (["bucket > ?"] if low else []) + (["bucket < ?"] if high else [])
    months = [m for (m,) in db.execute(f"SELECT DISTINCT bucket FROM {TABLE} WHERE partition = ? AND "
                                       f"{' AND '.join(inside)}", [MONTH, *[v for v in (low, high) if v]])]
    rows = _stored(db, MONTH, months) if months else []
    conditions, params = ["deleted = 0"], {}
    if filters.date_from:
        conditions.append("start_date >= :date_from")
        params["date_from"] = filters.date_from
    if filters.date_to:
        conditions.append("start_date <= :date_to")
        params["date_to"] = filters.date_to
    whole = ["length(substr(start_date, 1, 7)) = 7"]
    if low:
        whole.append("substr(start_date, 1, 7) > :low")
        params["low"] = low
    if high:
        whole.append("substr(start_date, 1, 7) < :high")
        params["high"] = high
    scope = (f"f.consultation_uuid IN (SELECT uuid FROM consultations WHERE {' AND '.join(conditions)} "
             f"AND NOT ({' AND '.join(whole)}))", params)
    sql, params = _statement(Filters(), lists, scope=scope, per_catalog=True)
    return rows + [row for row in run_rows(db, sql, params) if row[4] or row[5]]


def figure_rows(db: Store, lists: dict[str, tuple[str, ...]], filters: Filters) -> list[tuple] | None:
    """The full pass's rows for ``filters``, made from the aggregates; None where they do not
    answer (no aggregates in this database, or several filters on consultations at once)."""
    chosen = [bool(filters.group), bool(filters.province), bool(filters.date_from or filters.date_to)]
    if sum(chosen) > 1 or not db.has_table(TABLE):
        return None
    if db.execute(f"SELECT 1 FROM {DIRTY} LIMIT 1").fetchone() is not None or \
            db.execute(f"SELECT 1 FROM {STATE} WHERE key = 'lists' AND value = ?",
                       [_fingerprint(lists)]).fetchone() is None:
        try:
            refresh(db, lists)
        except errors.DATABASE_ERRORS:  # a read-only or busy database: the full pass answers
            return None
    if filters.group:
        rows = _stored(db, GROUP, [filters.group])
    elif filters.province:
        rows = _stored(db, PROVINCE, [filters.province])
    elif chosen[2]:
        rows = _month_rows(db, lists, filters)
    else:
        rows = _stored(db, ALL, None)
    return _complete(db, lists, filters, rows)


def _complete(db: Store, lists: dict[str, tuple[str, ...]], filters: Filters, rows: list[tuple]) -> list[tuple]:
    """Non-zero rows (summed across buckets) -> every row the full pass gives: one catalog's rows
    and totals for a catalog filter, and the zero cells (every theme and recommendation crossed
    with every key of a list)."""
    catalog = filters.catalog_id
    cells: dict[tuple, list[int]] = {}
    for measure, catalog_id, row_key, value, entries, consultations in rows:
        if catalog:
            if measure.startswith("catalog_"):
                if catalog_id != catalog:
                    continue
                measure, catalog_id = measure[len("catalog_"):], None
            elif measure in _TOTALS or catalog_id != catalog:
                continue  # every other measure has the row's catalog
        elif measure.startswith("catalog_"):
            continue
        if measure in ("priority_total", "assessment_total"):
            continue  # made below from the theme rows (the catalog's, for a catalog filter)
        cell = cells.setdefault((measure, catalog_id, row_key, value), [0, 0])
        cell[0] += entries
        cell[1] += consultations
    where, params = ("AND catalog_id = ?", [catalog]) if catalog else ("", [])
    themes = {tuple(r) for r in db.execute(
        f"SELECT DISTINCT catalog_id, theme_key FROM recommendations WHERE retired = 0 {where}", params)}
    recs = {tuple(r) for r in db.execute(
        f"SELECT catalog_id, code FROM recommendations WHERE retired = 0 {where}", params)}
    themes |= {(c, k) for (m, c, k, _v) in cells if m in ("theme", "theme_priority")}
    recs |= {(c, k) for (m, c, k, _v) in cells if m in ("recommendation", "recommendation_priority")}
    out = []
    for measures, keys_of in ((_GRIDS, themes), (_REC_GRIDS, recs)):
        for measure, name in measures:
            keys = (*lists[name], NOT_RECORDED)
            for catalog_id, row_key in keys_of:
                for key in keys:
                    out.append((measure, catalog_id, row_key, key, *cells.get((measure, catalog_id, row_key, key),
                                                                               (0, 0))))
    for measure, keys_of in (("theme", themes), ("recommendation", recs)):
        out += [(measure, c, k, None, *cells.get((measure, c, k, None), (0, 0))) for c, k in keys_of]
    for measure, name in (("group_total", GROUPS), ("province_total", PROVINCES)):
        out += [(measure, None, None, key, *cells.get((measure, None, None, key), (0, 0)))
                for key in (*lists[name], NOT_RECORDED)]
    for measure, grid, name in (("priority_total", "theme_priority", PRIORITIES),
                                ("assessment_total", "theme_assessment", ASSESSMENTS)):
        sums = dict.fromkeys((*lists[name], NOT_RECORDED), 0)
        for (m, _c, _k, value), (entries, _k2) in cells.items():
            if m == grid:
                sums[value] += entries
        out += [(measure, None, None, key, n, 0) for key, n in sums.items()]
    out.append(("total", None, None, None, *cells.get(("total", None, None, None), (0, 0))))
    return out


# -- the schema step (storage/migrations.py lists it) --------------------------------------------
def create_schema(db: Any, engine: str) -> None:
    """The aggregate tables, the triggers that note every write (storage/dashboard_triggers.py),
    and everything marked to be built at the first read."""
    db.execute(f"""CREATE TABLE {TABLE} (
        partition TEXT NOT NULL, bucket TEXT NOT NULL, measure TEXT NOT NULL, catalog_id TEXT, row_key TEXT,
        value TEXT, entries INTEGER NOT NULL, consultations INTEGER NOT NULL)""")
    db.execute(f"CREATE INDEX {TABLE}_by_bucket ON {TABLE} (partition, bucket)")
    # a code with no catalog id resolves to the first catalog that has it: looked up by code
    db.execute("CREATE INDEX recommendations_by_code ON recommendations (code, catalog_id)")
    db.execute(f"CREATE TABLE {DIRTY} (kind TEXT NOT NULL, key TEXT NOT NULL, PRIMARY KEY (kind, key)) WITHOUT ROWID")
    db.execute(f"CREATE TABLE {STATE} (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL)")
    db.execute(f"INSERT INTO {DIRTY} (kind, key) VALUES ('{ALL}', '')")
    statements = (dashboard_triggers.postgresql_statements() if engine == "postgresql"
                  else dashboard_triggers.SQLITE_TRIGGERS.values())
    for sql in statements:
        db.execute(sql)
