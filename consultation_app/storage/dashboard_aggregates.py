"""The dashboard's figures kept as aggregates, so that a million entries answer in milliseconds.

Every figure the dashboard shows is a sum over consultations: entries add up, and each
consultation counts 0 or 1 in a cell (a consultation has one group, one province, one start
date). So the full pass (storage/dashboard_queries._statement) run over disjoint sets of
consultations gives figures that add up exactly; storage/dashboard_grouped.py computes them
per key of the consultation in one statement.

The aggregates keep the full pass's non-zero rows (``dashboard_sums``) per **bucket** of these
partitions of the consultations: the whole ('all'), stakeholder group (the bucket '' also
holds feedback of consultations that have not arrived), province, group x province, group x
year, month of the start date, week of a month, and **running totals in two levels**: per year (everything up
to the end of a year) and within a year (the year's months up to a month), so that everything
up to a month is two buckets and a range of whole months four, while a consultation changes
the running totals of its year's later months and of its and later years only (not one per
later month). What was counted, per consultation, is kept too (``dashboard_seen_*``: its
entries grouped by code, priority and assessment, and its group, province and date).

Triggers (storage/dashboard_triggers.py) note the consultations every write touches in
``dashboard_dirty``. The next read (``refresh``) computes, for the noted consultations only,
the rows they counted for before (from the seen copy) and now (from the feedback), and adds
the difference to the buckets they were and are in: the cost follows the consultations
written, not the size of a bucket. A catalog change or other reference lists rebuild all.
"""

from __future__ import annotations

import json
from typing import Any, Iterable

from consultation_app.storage import dashboard_grouped as grouped
from consultation_app.storage import dashboard_triggers, errors
from consultation_app.storage.dashboard_queries import (
    ASSESSMENTS,
    GROUPS,
    NOT_RECORDED,
    PRIORITIES,
    PROVINCES,
    Filters,
)
from consultation_app.storage.dashboard_run import run_rows, run_write
from consultation_app.storage.dashboard_triggers import ALL, CONSULTATION, DIRTY
from consultation_app.storage.store import Store

OLD_TABLE, TABLE, STATE = "dashboard_aggregates", "dashboard_sums", "dashboard_aggregate_state"
SEEN_FEEDBACK, SEEN_CONSULTATIONS = grouped.SEEN_FEEDBACK, grouped.SEEN_CONSULTATIONS
PARTITIONS = ("all", "group", "province", "group_province", "month", "week", "group_year")  # kept by every refresh
# running totals: per year (bucket 'YYYY': every month of that year and before) and within a
# year (bucket 'YYYY-MM': that year's months up to this one)
YEARS, IN_YEAR = "running_year", "running_in_year"
# the buckets kept, in the stored fingerprint: aggregates built with other buckets are rebuilt
LAYOUT = "years-and-months-2"
_TOTALS = ("group_total", "province_total", "total")
_GRIDS = (("group", GROUPS), ("province", PROVINCES), ("theme_priority", PRIORITIES),
          ("theme_assessment", ASSESSMENTS))
_REC_GRIDS = (("recommendation_priority", PRIORITIES), ("recommendation_assessment", ASSESSMENTS))
_COLUMNS = "partition, bucket, measure, catalog_id, row_key, value, nulls, entries, consultations"
_ROW = "measure, catalog_id, row_key, value, nulls"
_KEY_COLUMNS = ("partition", "bucket", "measure", "catalog_id", "row_key", "value", "nulls")
# a difference added to the row it belongs to (both engines)
_ADDED = (f"ON CONFLICT (partition, bucket, {_ROW}) DO UPDATE SET entries = {TABLE}.entries + excluded.entries, "
          f"consultations = {TABLE}.consultations + excluded.consultations")
_CHUNK = 400
_NARROWED_LISTED = 5000  # on PostgreSQL, up to this many consultations of a narrowed pass are listed by uuid
Row = tuple  # (measure, catalog_id, row_key, value, entries, consultations) as the full pass gives


def _fingerprint(lists: dict[str, tuple[str, ...]]) -> str:
    return json.dumps({"layout": LAYOUT, **{name: list(keys) for name, keys in sorted(lists.items())}})


def _encode(measure: str, catalog_id: Any, row_key: Any, value: Any) -> tuple:
    """A row's key as stored: NULLs as '' with a bit each in ``nulls`` (a primary key column
    cannot hold NULL on PostgreSQL, and two NULLs are never equal in a unique key)."""
    nulls = (catalog_id is None) | (row_key is None) << 1 | (value is None) << 2
    return (measure, "" if catalog_id is None else catalog_id, "" if row_key is None else row_key,
            "" if value is None else value, nulls)


def _decode(measure: str, catalog_id: str, row_key: str, value: str, nulls: int) -> tuple:
    return (measure, None if nulls & 1 else catalog_id, None if nulls & 2 else row_key,
            None if nulls & 4 else value)


def _encoded_select(partition_sql: str) -> str:
    return (f"SELECT {partition_sql}, g.bk, g.measure, coalesce(g.catalog_id, ''), coalesce(g.row_key, ''), "
            "coalesce(g.value, ''), (CASE WHEN g.catalog_id IS NULL THEN 1 ELSE 0 END + "
            "CASE WHEN g.row_key IS NULL THEN 2 ELSE 0 END + CASE WHEN g.value IS NULL THEN 4 ELSE 0 END), "
            "g.n, g.k")


def _grouped_sql(lists: dict[str, tuple[str, ...]], source: tuple[str, str], key: str,
                 params: dict[str, Any] | None = None) -> tuple[str, dict[str, Any]]:
    return grouped.statement(lists, source, key, params)


# -- building and bringing up to date --------------------------------------------------------------
def _months(db: Store) -> list[str]:
    found = db.execute(f"SELECT value FROM {STATE} WHERE key = 'months'").fetchone()
    return json.loads(found[0]) if found else []


def _set_state(db: Store, key: str, value: str) -> None:
    db.execute(f"DELETE FROM {STATE} WHERE key = ?", [key])
    db.execute(f"INSERT INTO {STATE} (key, value) VALUES (?, ?)", [key, value])


def rebuild(db: Store, lists: dict[str, tuple[str, ...]]) -> None:
    """Everything from the feedback (inside the caller's transaction)."""
    for table in (TABLE, SEEN_FEEDBACK, SEEN_CONSULTATIONS):
        db.execute(f"DELETE FROM {table}")
    feedback, consultations = grouped.live_source()
    run_write(db, f"INSERT INTO {SEEN_FEEDBACK} (cu, fcat, code, pr, ia, n) {feedback}", {})
    run_write(db, f"INSERT INTO {SEEN_CONSULTATIONS} (uuid, grp, prov, sd) {consultations}", {})
    for partition in PARTITIONS:
        sql, params = _grouped_sql(lists, grouped.seen_source(), grouped.KEYS[partition])
        run_write(db, f"INSERT INTO {TABLE} ({_COLUMNS}) {_encoded_select(':partition')} FROM ({sql}) g",
                  {**params, "partition": partition})
    months = [m for (m,) in db.execute(f"SELECT DISTINCT bucket FROM {TABLE} WHERE partition = 'month' "
                                       "ORDER BY 1")]
    previous = None
    for month in months:
        same_year = previous if previous is not None and previous[:4] == month[:4] else None
        _sum_into(db, (IN_YEAR, month), [(IN_YEAR, same_year), ("month", month)])
        previous = month
    previous = None
    for year in years_of(months):
        _sum_into(db, (YEARS, year), [(YEARS, previous), (IN_YEAR, [m for m in months if m[:4] == year][-1])])
        previous = year
    _set_state(db, "months", json.dumps(months))
    _set_state(db, "lists", _fingerprint(lists))


def years_of(months: list[str]) -> list[str]:
    """The years of the running totals per year: those of the months (a month key is 7
    characters, so comparing keys compares years first)."""
    return sorted({month[:4] for month in months})


def _sum_into(db: Store, target: tuple[str, str], sources: list[tuple[str, str | None]]) -> None:
    """A bucket made as the sum of stored buckets (a source's bucket None: left out)."""
    sources = [(partition, bucket) for partition, bucket in sources if bucket is not None]
    if not sources:
        return
    selects = " UNION ALL ".join(f"SELECT {_ROW}, entries, consultations FROM {TABLE} WHERE partition = ? "
                                 "AND bucket = ?" for _ in sources)
    db.execute(f"INSERT INTO {TABLE} ({_COLUMNS}) SELECT ?, ?, {_ROW}, sum(entries), sum(consultations) "
               f"FROM ({selects}) s GROUP BY {_ROW}", [*target, *(key for source in sources for key in source)])


def _cell_rows(db: Store, lists: dict[str, tuple[str, ...]], source: tuple[str, str],
               params: dict[str, Any]) -> dict[str, list[tuple]]:
    sql, params = _grouped_sql(lists, source, grouped.KEYS["cell"], params)
    out: dict[str, list[tuple]] = {}
    for cu, *row in run_rows(db, sql, params):
        out.setdefault(cu, []).append(tuple(row))
    return out


def _bucket_keys(db: Store, consultations_sql: str, params: dict[str, Any]) -> dict[str, dict[str, str]]:
    """partition -> bucket of each consultation (as the grouped pass keys them)."""
    keys = ", ".join(f"{grouped.KEYS[p]} AS k{n}" for n, p in enumerate(PARTITIONS))
    rows = run_rows(db, f"SELECT c.uuid, {keys} FROM ({consultations_sql}) c",
                    {**params, "sep": grouped.SEPARATOR})
    return {uuid: {p: k for p, k in zip(PARTITIONS, found) if k is not None} for uuid, *found in rows}


def _update(db: Store, lists: dict[str, tuple[str, ...]], uuids: list[str]) -> None:
    """The noted consultations' rows taken out of the buckets they were in and added to those
    they are in now (inside the caller's transaction)."""
    months = _months(db)
    for start in range(0, len(uuids), _CHUNK):
        chunk = uuids[start:start + _CHUNK]
        params = {f"u{n}": uuid for n, uuid in enumerate(chunk)}
        scope = f"{{cu}} IN ({', '.join(':' + name for name in params)})"
        deltas: dict[tuple, list[int]] = {}
        counted = [(_cell_rows(db, lists, source, params), _bucket_keys(db, source[1], params), sign)
                   for source, sign in ((grouped.seen_source(scope), -1), (grouped.live_source(scope), 1))]
        # months no consultation had before: their running totals made first (as the one
        # before them), so that every difference below reaches them
        for month in sorted({keys["month"] for _, found, _ in counted for keys in found.values()
                             if "month" in keys} - set(months)):
            months = _new_month(db, months, month)
        for cells, keys, sign in counted:
            for cu, rows in cells.items():
                buckets = keys.get(cu, {"all": "", "group": ""})  # not arrived: the whole and group ''
                targets = list(buckets.items())
                own = buckets.get("month")
                if own is not None:  # the running totals holding its month
                    targets += [(IN_YEAR, m) for m in months if m[:4] == own[:4] and m >= own]
                    targets += [(YEARS, year) for year in years_of(months) if year >= own[:4]]
                for measure, catalog_id, row_key, value, n, k in rows:
                    row = _encode(measure, catalog_id, row_key, value)
                    for target in targets:
                        cell = deltas.setdefault((*target, *row), [0, 0])
                        cell[0] += sign * int(n)
                        cell[1] += sign * int(k)
        changes = [(*key, n, k) for key, (n, k) in deltas.items() if n or k]
        # rows that came to nothing go, found by their key (not by reading whole buckets): only
        # a row something was taken from can
        lowered = [change[:7] for change in changes if change[7] < 0 or change[8] < 0]
        if changes and db.engine != "sqlite":
            _apply_on_server(db, changes, lowered)
        elif changes:
            db.conn.executemany(f"INSERT INTO {TABLE} ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) {_ADDED}",
                                changes)
            if lowered:
                db.conn.executemany(
                    f"DELETE FROM {TABLE} WHERE partition = ? AND bucket = ? AND measure = ? AND catalog_id = ? "
                    "AND row_key = ? AND value = ? AND nulls = ? AND entries = 0 AND consultations = 0", lowered)
        in_chunk = f"IN ({', '.join('?' * len(chunk))})"
        db.execute(f"DELETE FROM {SEEN_FEEDBACK} WHERE cu {in_chunk}", chunk)
        db.execute(f"DELETE FROM {SEEN_CONSULTATIONS} WHERE uuid {in_chunk}", chunk)
        feedback, consultations = grouped.live_source(scope)
        run_write(db, f"INSERT INTO {SEEN_FEEDBACK} (cu, fcat, code, pr, ia, n) {feedback}", params)
        run_write(db, f"INSERT INTO {SEEN_CONSULTATIONS} (uuid, grp, prov, sd) {consultations}", params)
    _set_state(db, "months", json.dumps(months))


def _apply_on_server(db: Store, changes: list[tuple], lowered: list[tuple]) -> None:
    """The differences added on PostgreSQL in one statement (each column one array: a merged
    consultation's ~10,000 differences took one round trip each through executemany), then the
    ``lowered`` rows that came to nothing deleted in another."""
    columns = (*_KEY_COLUMNS, "entries", "consultations")
    arrays = [list(column) for column in zip(*changes)]
    db.conn.execute_native(
        f"INSERT INTO {TABLE} ({_COLUMNS}) SELECT {_COLUMNS} FROM {db.conn.unnest(TABLE, columns)} {_ADDED}", arrays)
    if lowered:
        keys = " AND ".join(f"s.{name} = d.{name}" for name in _KEY_COLUMNS)
        db.conn.execute_native(
            f"DELETE FROM {TABLE} s USING {db.conn.unnest(TABLE, _KEY_COLUMNS, alias='d')} "
            f"WHERE {keys} AND s.entries = 0 AND s.consultations = 0", [list(c) for c in zip(*lowered)])


def _new_month(db: Store, months: list[str], month: str) -> list[str]:
    """A month no consultation had: its running total within its year starts as that of the
    month before it in the year, and a year no month had as the running total of the year
    before it."""
    before = [m for m in months if m < month]
    same_year = [m for m in before if m[:4] == month[:4]]
    _sum_into(db, (IN_YEAR, month), [(IN_YEAR, same_year[-1] if same_year else None)])
    if not same_year and month[:4] not in years_of(months):
        earlier = [year for year in years_of(months) if year < month[:4]]
        _sum_into(db, (YEARS, month[:4]), [(YEARS, earlier[-1] if earlier else None)])
    return sorted([*months, month])


def refresh(db: Store, lists: dict[str, tuple[str, ...]]) -> int:
    """Bring the aggregates up to date with the writes noted since the last refresh (everything
    for other reference lists or a catalog change). Returns how many consultations were
    recounted (-1: everything)."""
    with db.atomic():
        if db.engine == "postgresql":  # one refresher at a time; writers only add marks
            db.execute("SELECT pg_advisory_xact_lock(?)", [0x44415348])
        marks = db.execute(f"DELETE FROM {DIRTY} RETURNING kind, key").fetchall()
        stored = db.execute(f"SELECT value FROM {STATE} WHERE key = 'lists'").fetchone()
        if stored is None or stored[0] != _fingerprint(lists) or (ALL, "") in marks:
            rebuild(db, lists)
            return -1
        # a consultation's group, province or date changing notes the consultation too: its
        # old buckets are in the seen copy
        uuids = sorted({key for kind, key in marks if kind == CONSULTATION})
        _update(db, lists, uuids)
        return len(uuids)


# -- reading -----------------------------------------------------------------------------------------
def _stored(db: Store, partition: str, bucket: str, sign: int = 1) -> list[tuple]:
    cursor = db.execute(f"SELECT {_ROW}, entries, consultations FROM {TABLE} WHERE partition = ? AND bucket = ?",
                        [partition, bucket])
    if sign == 1 and db.engine == "sqlite":  # most rows hold no NULL: decoded only where one is
        return [(*row[:4], row[5], row[6]) if not row[4] else (*_decode(*row[:5]), row[5], row[6])
                for row in cursor]
    return [(*_decode(*row[:5]), sign * int(row[5]), sign * int(row[6])) for row in cursor]


def _narrowed(db: Store, lists: dict[str, tuple[str, ...]], conditions: list[str],
              params: dict[str, Any], key: str = "''") -> list[tuple]:
    """The grouped pass over the consultations meeting ``conditions`` (on consultations);
    ``key`` '+' or '-' per consultation: its rows added or taken away."""
    driver = f"SELECT uuid FROM consultations WHERE deleted = 0 AND {' AND '.join(conditions)}"
    if db.engine == "postgresql":
        # the chosen uuids first, then their entries by the index on consultation: with the
        # conditions inside the pass, the server's planner misjudged how few they are and read
        # the whole feedback table (1.4 to 1.6 s at a million entries for a few days' consultations)
        uuids = [uuid for (uuid,) in run_rows(db, driver, params)]
        if not uuids:
            return []
        if len(uuids) <= _NARROWED_LISTED:
            listed = {f"n{n}": uuid for n, uuid in enumerate(uuids)}
            scope = f"{{cu}} IN ({', '.join(':' + name for name in listed)})"
            sql, params = _grouped_sql(lists, grouped.live_source(scope), key, {**params, **listed})
            return _signed(run_rows(db, sql, params))
    elif not run_rows(db, f"{driver} LIMIT 1", params):  # none (a range of whole months): no pass at all
        return []
    sql, params = _grouped_sql(lists, grouped.live_source(driver=driver), key, params)
    return _signed(run_rows(db, sql, params))


def _signed(rows: Iterable[tuple]) -> list[tuple]:
    """The grouped pass's rows keyed '+' or '-': those keyed '-' taken away."""
    return [tuple(row[1:]) if row[0] != "-" else (*row[1:5], -int(row[5]), -int(row[6])) for row in rows]


def figure_rows(db: Store, lists: dict[str, tuple[str, ...]], filters: Filters) -> list[tuple] | None:
    """The full pass's rows for ``filters``, made from the aggregates; None where they do not
    answer (no aggregates in this database, or it cannot be brought up to date now)."""
    if not db.has_table(TABLE):
        return None
    if db.execute(f"SELECT 1 FROM {DIRTY} LIMIT 1").fetchone() is not None or \
            db.execute(f"SELECT 1 FROM {STATE} WHERE key = 'lists' AND value = ?",
                       [_fingerprint(lists)]).fetchone() is None:
        try:
            rebuilt = refresh(db, lists) == -1
        except errors.DATABASE_ERRORS:  # a read-only or busy database: the full pass answers
            return None
        if rebuilt and db.engine == "postgresql" and not db.conn.in_transaction:
            vacuum_after_rebuild(db)
    from consultation_app.storage import dashboard_ranges as ranges  # it reads this module's buckets

    dates = bool(filters.date_from or filters.date_to)
    if dates and not (filters.group or filters.province):
        rows = _net(ranges.date_rows(db, lists, filters))  # parts added and taken away: summed
    elif dates and not filters.province:
        rows = _net(ranges.group_date_rows(db, lists, filters))
    elif dates:  # a province with dates, or both: the grouped pass over its consultations in the range
        conditions, params = [], {}
        for name, sql in (("group", "stakeholder_group = :group"), ("province", "province = :province"),
                          ("date_from", "start_date >= :date_from"), ("date_to", "start_date <= :date_to")):
            if getattr(filters, name):
                conditions.append(sql)
                params[name] = getattr(filters, name)
        rows = _narrowed(db, lists, conditions, params)
    elif filters.group and filters.province:
        rows = _stored(db, "group_province", f"{filters.group}{grouped.SEPARATOR}{filters.province}")
    elif filters.group:
        rows = _stored(db, "group", filters.group)
    elif filters.province:
        rows = _stored(db, "province", filters.province)
    else:
        rows = _stored(db, "all", "")
    return _complete(db, lists, filters, rows)


def vacuum_after_rebuild(db: Store) -> None:
    """After a rebuild on PostgreSQL: the buckets' pages marked all-visible (their primary key
    carries entries and consultations, but an index-only scan still reads the heap page of a
    row on a page not known to be all-visible) and their statistics taken; outside any
    transaction, as VACUUM must be. Only speed depends on it: a refusal (a role that does not
    own the table) leaves it to autovacuum."""
    try:
        db.execute(f"VACUUM (ANALYZE) {TABLE}")
    except errors.DATABASE_ERRORS:
        pass


def _net(rows: Iterable[tuple]) -> list[tuple]:
    """Rows summed by key; rows that come to nothing left out (a difference of running totals)."""
    sums: dict[tuple, list[int]] = {}
    for *key, entries, consultations in rows:
        cell = sums.setdefault(tuple(key), [0, 0])
        cell[0] += entries
        cell[1] += consultations
    return [(*key, n, k) for key, (n, k) in sums.items() if n or k]


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


# -- the schema steps (storage/migrations.py lists them) ----------------------------------------
def create_schema(db: Any, engine: str) -> None:
    """Step m_dashboard_aggregates_v1 (kept as it was: a database at that step is migrated from
    it): its table, the triggers that note every write (storage/dashboard_triggers.py), and
    everything marked to be built at the first read."""
    db.execute(f"""CREATE TABLE {OLD_TABLE} (
        partition TEXT NOT NULL, bucket TEXT NOT NULL, measure TEXT NOT NULL, catalog_id TEXT, row_key TEXT,
        value TEXT, entries INTEGER NOT NULL, consultations INTEGER NOT NULL)""")
    db.execute(f"CREATE INDEX {OLD_TABLE}_by_bucket ON {OLD_TABLE} (partition, bucket)")
    # a code with no catalog id resolves to the first catalog that has it: looked up by code
    db.execute("CREATE INDEX recommendations_by_code ON recommendations (code, catalog_id)")
    db.execute(f"CREATE TABLE {DIRTY} (kind TEXT NOT NULL, key TEXT NOT NULL, PRIMARY KEY (kind, key)) WITHOUT ROWID")
    db.execute(f"CREATE TABLE {STATE} (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL)")
    db.execute(f"INSERT INTO {DIRTY} (kind, key) VALUES ('{ALL}', '')")
    statements = (dashboard_triggers.postgresql_statements(dashboard_triggers.TRIGGERS_V1) if engine == "postgresql"
                  else dashboard_triggers.SQLITE_TRIGGERS_V1.values())
    for sql in statements:
        db.execute(sql)


def create_sums_schema(db: Any) -> None:
    """Step m_dashboard_sums_aggc_v1: the buckets kept up to date by differences, and the seen
    copy per consultation; the first step's table goes; everything is rebuilt at the next read."""
    db.execute(f"DROP TABLE {OLD_TABLE}")
    db.execute(f"""CREATE TABLE {TABLE} (
        partition TEXT NOT NULL, bucket TEXT NOT NULL, measure TEXT NOT NULL, catalog_id TEXT NOT NULL,
        row_key TEXT NOT NULL, value TEXT NOT NULL, nulls INTEGER NOT NULL, entries INTEGER NOT NULL,
        consultations INTEGER NOT NULL,
        PRIMARY KEY (partition, bucket, measure, catalog_id, row_key, value, nulls)) WITHOUT ROWID""")
    db.execute(f"""CREATE TABLE {SEEN_FEEDBACK} (
        cu TEXT NOT NULL, fcat TEXT NOT NULL, code TEXT NOT NULL, pr TEXT, ia TEXT, n INTEGER NOT NULL)""")
    db.execute(f"CREATE INDEX {SEEN_FEEDBACK}_by_consultation ON {SEEN_FEEDBACK} (cu)")
    db.execute(f"CREATE TABLE {SEEN_CONSULTATIONS} (uuid TEXT PRIMARY KEY NOT NULL, grp TEXT, prov TEXT, sd TEXT)")
    db.execute(f"DELETE FROM {STATE}")
    db.execute(f"INSERT INTO {DIRTY} (kind, key) VALUES ('{ALL}', '') ON CONFLICT DO NOTHING")


def cover_sums_key(db: Any) -> None:
    """Step m_dashboard_sums_cover_aggday_v1, on PostgreSQL: the buckets' primary key also
    carries entries and consultations (INCLUDE), so that summing buckets is an index-only scan
    instead of a heap page per row (on SQLite the WITHOUT ROWID table is that index already)."""
    db.execute(f"ALTER TABLE {TABLE} DROP CONSTRAINT {TABLE}_pkey, ADD CONSTRAINT {TABLE}_pkey "
               f"PRIMARY KEY (partition, bucket, {_ROW}) INCLUDE (entries, consultations)")


def mark_for_rebuild(db: Any, engine: str) -> None:
    """Step m_dashboard_days_v1: other buckets than those stored (the stored state forgotten,
    everything marked): the next read rebuilds them all. The consultations' triggers made again
    with only the marks a refresh reads (storage/dashboard_triggers.py); the others go."""
    changed = [(table, event) for table, event, _marks in dashboard_triggers.TRIGGERS
               if table in dashboard_triggers.CHANGED_BY_DAYS_STEP]
    if engine == "postgresql":
        functions = dashboard_triggers.postgresql_functions(replace=True)
        for table, event in changed:
            db.execute(functions[dashboard_triggers.trigger_name(table, event)])
    else:
        for table, event in changed:
            name = dashboard_triggers.trigger_name(table, event)
            db.execute(f"DROP TRIGGER {name}")
            db.execute(dashboard_triggers.SQLITE_TRIGGERS[name])
    db.execute(f"DELETE FROM {DIRTY} WHERE kind NOT IN ('{ALL}', '{CONSULTATION}')")
    db.execute(f"DELETE FROM {STATE}")
    db.execute(f"INSERT INTO {DIRTY} (kind, key) VALUES ('{ALL}', '') ON CONFLICT DO NOTHING")
