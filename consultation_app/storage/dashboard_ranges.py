"""Date ranges over the whole office, or of a group, answered from the dashboard's buckets
(storage/dashboard_aggregates.py keeps them): a run of whole months from the running totals
(per year and within a year), the end months' whole weeks from week buckets, and what no bucket
holds (days outside whole weeks, start dates that are not plain dates) by the grouped pass over
just those consultations; a group's whole years from its year buckets, the rest of its range by
the grouped pass. Every part is a sum over consultations, so parts added and taken away
give exactly the full pass's figures."""

from __future__ import annotations

from typing import Any

from consultation_app.storage import dashboard_grouped as grouped
from consultation_app.storage.dashboard_aggregates import (
    _ROW,
    IN_YEAR,
    TABLE,
    YEARS,
    _decode,
    _months,
    _narrowed,
    _stored,
    years_of,
)
from consultation_app.storage.dashboard_queries import Filters
from consultation_app.storage.dashboard_run import run_rows
from consultation_app.storage.store import Store

_MONTH = "length(substr({d}, 1, 7)) = 7 AND substr({d}, 1, 7)"
Part = tuple  # (partition, buckets, sign): stored buckets summed, added (1) or taken away (-1)


def _days(month: str, first: int, last: int, sign: int) -> list[Part]:
    """Days ``first`` to ``last`` of a month (its plain dates): its whole weeks (week buckets)
    and the days left over (no bucket: the caller counts them by the grouped pass)."""
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
    the parts (weeks, and days left to the grouped pass) that correct it; a week costs
    ``week_rows``, a day ``day_rows``. Returns (parts, run)."""
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


def _up_to(months: list[str], month: str | None, sign: int) -> list[Part]:
    """Every month up to ``month`` (a stored month, or None: nothing) as running totals: the
    year's up to it, and the years before it."""
    if month is None:
        return []
    earlier = [year for year in years_of(months) if year < month[:4]]
    return [(IN_YEAR, [month], sign), *([(YEARS, earlier[-1:], sign)] if earlier else [])]


def _netted(parts: list[Part]) -> list[Part]:
    """Parts of one bucket each, a bucket added and taken away left out (two ends in one year
    share the years before it)."""
    signs: dict[tuple[str, str], int] = {}
    for partition, buckets, sign in parts:
        for bucket in buckets:
            signs[(partition, bucket)] = signs.get((partition, bucket), 0) + sign
    return [(partition, [bucket], sign) for (partition, bucket), sign in signs.items() if sign]


def date_rows(db: Store, lists: dict[str, tuple[str, ...]], filters: Filters) -> list[tuple]:
    """A date range over the whole office: a run of whole months from the running totals (one
    month: its bucket; more: everything up to its last month minus everything before its
    first, two buckets each, those of years both ends share cancelling out); the end months'
    whole weeks from their week buckets (added where the run leaves them out, taken away where
    it counts them wrongly; each end month in the run or not, whichever reads fewer buckets, a
    day counted as two weeks); the rest the run counts wrongly (days outside whole weeks, dates
    that are not plain) by the grouped pass over just those consultations, skipped when there
    are none."""
    months = _months(db)
    ends, run = _ends(months, filters, 1, 2)
    parts = [part for part in ends if part[0] == "week"]
    if run is not None and run[0] == run[1]:  # one month: its own bucket
        parts.append(("month", [run[0]], 1))
    elif run is not None:  # the months that have buckets (those with consultations)
        last, before = [m for m in months if m <= run[1]][-1:], [m for m in months if m < run[0]][-1:]
        parts += _netted([*_up_to(months, last[0] if last else None, 1),
                          *_up_to(months, before[0] if before else None, -1)])
    wrong, key, params = _wrong(filters, run)
    conditions = [wrong]
    weeks = [week for partition, buckets, _ in parts if partition == "week" for week in buckets]
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


def group_date_rows(db: Store, lists: dict[str, tuple[str, ...]], filters: Filters) -> list[tuple]:
    """A group with dates: a run of whole years from the group's year buckets (each end year in
    the run or not, whichever leaves fewer of the group's consultations to correct, counted),
    and the grouped pass over the group's consultations the run counts wrongly (in the range and
    not in the run, or the other way round; start dates with no year among them)."""
    in_sql, params = _in_range(filters)
    params["chosen"] = filters.group
    year = grouped.year_of("start_date")
    low = filters.date_from[:4] if filters.date_from else None
    high = filters.date_to[:4] if filters.date_to else None
    ends = sorted({y for y in (low, high) if y is not None})
    counts: dict[tuple[str, int], int] = {}
    if ends:
        listed = ", ".join(f":y{n}" for n in range(len(ends)))
        for found, chosen, n in run_rows(db, f"""
                SELECT {year}, CASE WHEN {in_sql.format(d='start_date')} THEN 1 ELSE 0 END, count(*)
                FROM consultations WHERE deleted = 0 AND stakeholder_group = :chosen AND {year} IN ({listed})
                GROUP BY 1, 2""", {**params, **{f"y{n}": y for n, y in enumerate(ends)}}):
            counts[(found, int(chosen))] = int(n)

    def in_run(end: str) -> bool:  # the year in the run: correct what of it is out of the range
        return counts.get((end, 0), 0) < counts.get((end, 1), 0)

    years = years_of(_months(db))
    first = (low if in_run(low) else next((y for y in years if y > low), None)) if low \
        else (years[0] if years else None)
    last = (high if in_run(high) else next((y for y in reversed(years) if y < high), None)) if high \
        else (years[-1] if years else None)
    parts: list[Part] = []
    wrong = f"({in_sql})"
    if first is not None and last is not None and first <= last:
        prefix = f"{filters.group}{grouped.SEPARATOR}"
        parts.append(("group_year", [prefix + y for y in years if first <= y <= last], 1))
        params.update(run_first=first, run_last=last)
        in_years = f"(coalesce({year}, '') BETWEEN :run_first AND :run_last)"
        wrong = f"(({in_sql}) AND NOT {in_years} OR {in_years} AND NOT ({in_sql}))"
    key = f"CASE WHEN {in_sql.format(d='c.sd')} THEN '+' ELSE '-' END"
    return _summed(db, parts) + _narrowed(db, lists, ["stakeholder_group = :chosen", wrong.format(d="start_date")],
                                          params, key)
