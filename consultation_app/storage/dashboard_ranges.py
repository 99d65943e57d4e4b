"""Date ranges answered from the dashboard's buckets (storage/dashboard_aggregates.py keeps
them): a run of whole months from running totals (the office's, a group's) or month buckets (a
province's), the end months from week and day buckets, and what no bucket holds (days outside
whole weeks for a group, start dates that are not plain dates, a province's end months) by the
grouped pass over just those consultations. Every part is a sum over consultations, so parts
added and taken away give exactly the full pass's figures."""

from __future__ import annotations

from typing import Any

from consultation_app.storage import dashboard_grouped as grouped
from consultation_app.storage.dashboard_aggregates import (
    _ROW,
    GROUP_RUNNING,
    GROUP_WEEK,
    RUNNING,
    TABLE,
    _decode,
    _months,
    _narrowed,
    _stored,
)
from consultation_app.storage.dashboard_queries import Filters
from consultation_app.storage.dashboard_run import run_rows
from consultation_app.storage.store import Store

_MONTH = "length(substr({d}, 1, 7)) = 7 AND substr({d}, 1, 7)"
_WEEK_ROWS = 2  # a week's bucket holds about twice the rows of a day's (their keys repeat)
Part = tuple  # (partition, buckets, sign): stored buckets summed, added (1) or taken away (-1)


def _days(month: str, first: int, last: int, sign: int) -> list[Part]:
    """Days ``first`` to ``last`` of a month (its plain dates) as stored buckets: its whole weeks,
    and days."""
    weeks = [week for week, start in enumerate(grouped.WEEK_STARTS, 1)
             if start >= first and (grouped.WEEK_STARTS[week] - 1 if week < len(grouped.WEEK_STARTS) else 31) <= last]
    covered = {day for week in weeks for day in range(grouped.WEEK_STARTS[week - 1], 32)
               if week == len(grouped.WEEK_STARTS) or day < grouped.WEEK_STARTS[week]}
    days = [f"{month}-{day:02d}" for day in range(first, last + 1) if day not in covered]
    return [part for part in (("week", [f"{month}-{week}" for week in weeks], sign), ("day", days, sign))
            if part[1]]


def _in_range(filters: Filters) -> tuple[str, dict[str, Any]]:
    """SQL on ``{d}`` (a start date): within the filters' dates."""
    conditions, params = [], {}
    for name, sql in (("date_from", "{d} >= :date_from"), ("date_to", "{d} <= :date_to")):
        if getattr(filters, name):
            conditions.append(sql)
            params[name] = getattr(filters, name)
    return " AND ".join(conditions), params


def _run_bounds(months: list[str], low: str | None, high: str | None, low_in: bool,
                high_in: bool) -> tuple[str, str] | None:
    """The run of whole months: from the low end's month (or the one after it), to the high
    end's (or the one before it); None: no month."""
    first = (low if low_in else next((m for m in months if m > low), None)) if low else (months[0] if months else None)
    last = (high if high_in else next((m for m in reversed(months) if m < high), None)) if high \
        else (months[-1] if months else None)
    if first is None or last is None or first > last:
        return None
    return first, last


def _ends(months: list[str], filters: Filters, week_rows: int, day_rows: int) -> tuple[list[Part], tuple | None]:
    """The cheapest way to count the end months: each in the run of whole months or not, and
    the parts (week and day buckets) that correct it; a week costs ``week_rows``, a day
    ``day_rows``. Returns (parts, run)."""
    low = filters.date_from[:7] if filters.date_from else None
    high = filters.date_to[:7] if filters.date_to else None
    low_day = int(filters.date_from[8:10]) if filters.date_from else 1
    high_day = int(filters.date_to[8:10]) if filters.date_to else 31
    choices = []
    for low_in in ((False, True) if low else (False,)):
        for high_in in ((False, True) if high else (False,)):
            parts: list[Part] = []
            if low and high and low == high and not (low_in or high_in):
                parts += _days(low, low_day, high_day, 1)
            elif low and high and low == high and not (low_in and high_in):
                continue  # one month: in the run or not, as a whole
            else:
                if low:
                    parts += _days(low, 1, low_day - 1, -1) if low_in else _days(low, low_day, 31, 1)
                if high:
                    parts += _days(high, high_day + 1, 31, -1) if high_in else _days(high, 1, high_day, 1)
            run = _run_bounds(months, low, high, low_in, high_in)
            cost = sum(len(buckets) * (week_rows if partition == "week" else day_rows)
                       for partition, buckets, _sign in parts)
            choices.append((cost + (0 if run is None else 1), parts, run))
    _cost_of, parts, run = min(choices, key=lambda choice: choice[0])
    return parts, run


def _wrong(filters: Filters, run: tuple | None) -> tuple[str, str, dict[str, Any]]:
    """SQL on consultations (``start_date``): counted wrongly by the run (in the range and not
    in the run, or the other way round); the key '+' or '-' of the grouped pass; parameters."""
    in_sql, params = _in_range(filters)
    if run is None:
        wrong = f"({in_sql})"
    else:
        in_run = "(" + _MONTH.format(d="{d}") + " BETWEEN :run_first AND :run_last)"
        params.update(run_first=run[0], run_last=run[1])
        wrong = f"(({in_sql}) AND NOT {in_run} OR {in_run} AND NOT ({in_sql}))"
    return wrong.format(d="start_date"), f"CASE WHEN {in_sql.format(d='c.sd')} THEN '+' ELSE '-' END", params


def date_rows(db: Store, lists: dict[str, tuple[str, ...]], filters: Filters) -> list[tuple]:
    """A date range over the whole office: a run of whole months as the difference of two
    running totals; the end months' plain dates from their week and day buckets (added where
    the run leaves them out, taken away where it counts them wrongly; each end month in the run
    or not, whichever reads fewer buckets); the dates that are not plain (a crafted or timed
    start date, or none of a month) by the grouped pass, which is skipped when there are none."""
    months = _months(db)
    parts, run = _ends(months, filters, _WEEK_ROWS, 1)
    if run is not None and run[0] == run[1]:  # one month: its own bucket
        parts.append(("month", [run[0]], 1))
    elif run is not None:  # the running totals of the months that have one (those with consultations)
        parts.append((RUNNING, [m for m in months if m <= run[1]][-1:], 1))
        parts.append((RUNNING, [m for m in months if m < run[0]][-1:], -1))
    wrong, key, params = _wrong(filters, run)
    plain = grouped.plain_date("coalesce(start_date, '')")
    return _summed(db, parts) + _narrowed(db, lists, [f"NOT {plain}", wrong], params, key)


def group_date_rows(db: Store, lists: dict[str, tuple[str, ...]], filters: Filters) -> list[tuple]:
    """A group with dates: the group's running totals (two), its week buckets of the end months,
    and the grouped pass over the rest of the group's consultations that the run counts wrongly
    (days outside whole weeks, dates that are not plain): a group has no day buckets, so a day
    costs the pass over that day's consultations of the group."""
    months = _months(db)
    prefix = f"{filters.group}{grouped.SEPARATOR}"
    ends, run = _ends(months, filters, 1, 2)
    parts = [(GROUP_WEEK, [prefix + week for week in buckets], sign) for partition, buckets, sign in ends
             if partition == "week"]
    if run is not None:
        parts.append((GROUP_RUNNING, [prefix + m for m in months if m <= run[1]][-1:], 1))
        parts.append((GROUP_RUNNING, [prefix + m for m in months if m < run[0]][-1:], -1))
    wrong, key, params = _wrong(filters, run)
    params["chosen"] = filters.group
    conditions = ["stakeholder_group = :chosen", wrong]
    weeks = [week for partition, buckets, _ in ends if partition == "week" for week in buckets]
    if weeks:  # those of the weeks read are counted already
        params.update({f"w{n}": week for n, week in enumerate(weeks)})
        week_of = grouped.KEYS["week"].replace("c.sd", "start_date")
        conditions.append(f"coalesce({week_of}, '') NOT IN ({', '.join(f':w{n}' for n in range(len(weeks)))})")
    return _summed(db, parts) + _narrowed(db, lists, conditions, params, key)


def _summed(db: Store, parts: list[Part]) -> list[tuple]:
    """The stored buckets of ``parts`` summed by row in one statement (signed), rows that come
    to nothing left out."""
    parts = [part for part in parts if part[1]]
    if not parts:
        return []
    if len(parts) == 1 and len(parts[0][1]) == 1:  # one bucket: read as it is stored
        return _stored(db, parts[0][0], parts[0][1][0], parts[0][2])
    params: dict[str, Any] = {}
    selects = []
    for number, (partition, buckets, sign) in enumerate(parts):
        names = [f"b{number}_{n}" for n in range(len(buckets))]
        params.update(zip(names, buckets))
        params[f"p{number}"] = partition
        # one SELECT per part (a UNION ALL): each an index range; an OR of them read the partition whole
        selects.append(f"SELECT {_ROW}, {int(sign)} * entries AS n, {int(sign)} * consultations AS k FROM {TABLE} "
                       f"WHERE partition = :p{number} AND bucket IN ({', '.join(':' + name for name in names)})")
    rows = run_rows(db, f"SELECT {_ROW}, sum(n), sum(k) FROM ({' UNION ALL '.join(selects)}) s GROUP BY {_ROW}",
                    params)
    return [(*_decode(*row[:5]), row[5], row[6]) for row in rows if row[5] or row[6]]


def province_date_rows(db: Store, lists: dict[str, tuple[str, ...]], filters: Filters) -> list[tuple]:
    """A province with dates: the run of whole months from the province's month buckets (a
    twenty-fifth of the office each), the end months' consultations of the province by the
    grouped pass (each end month in the run or not, whichever leaves fewer to correct)."""
    column, value, partition = "province", filters.province, "province_month"
    months = _months(db)
    in_sql, params = _in_range(filters)
    params["chosen"] = value
    low = filters.date_from[:7] if filters.date_from else None
    high = filters.date_to[:7] if filters.date_to else None
    counts: dict[tuple[str, int], int] = {}
    ends = [m for m in {low, high} if m in months]
    if ends:
        listed = ", ".join(f":m{n}" for n in range(len(ends)))
        for month, chosen, n in run_rows(db, f"""
                SELECT substr(start_date, 1, 7), CASE WHEN {in_sql.format(d='start_date')} THEN 1 ELSE 0 END,
                       count(*) FROM consultations
                WHERE deleted = 0 AND {column} = :chosen AND {_MONTH.format(d='start_date')} IN ({listed})
                GROUP BY 1, 2""", {**params, **{f"m{n}": m for n, m in enumerate(ends)}}):
            counts[(month, int(chosen))] = int(n)

    def cheaper_in(month: str | None) -> bool:  # the month in the run: correct what of it is out of the range
        return month in months and counts.get((month, 0), 0) < counts.get((month, 1), 0)

    run = _run_bounds(months, low, high, cheaper_in(low), cheaper_in(high))
    parts: list[Part] = []
    wrong = f"({in_sql})"
    prefix = f"{value}{grouped.SEPARATOR}"
    if run is not None:  # the province's months
        parts.append((partition, [prefix + m for m in months if run[0] <= m <= run[1]], 1))
    if run is not None:
        in_run = "(" + _MONTH.format(d="{d}") + " BETWEEN :run_first AND :run_last)"
        params.update(run_first=run[0], run_last=run[1])
        wrong = f"(({in_sql}) AND NOT {in_run} OR {in_run} AND NOT ({in_sql}))"
    key = f"CASE WHEN {in_sql.format(d='c.sd')} THEN '+' ELSE '-' END"
    return _summed(db, parts) + _narrowed(db, lists, [f"{column} = :chosen", wrong.format(d="start_date")],
                                          params, key)
