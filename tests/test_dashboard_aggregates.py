"""The dashboard's aggregates (storage/dashboard_aggregates.py) give exactly the figures of the
full pass over every entry (dashboard_queries.dashboard_figures_full_pass, the reference) after
random sequences of merges, edits, withdrawals, deletes, consultations arriving late, changing
group, province or date, and catalog changes: on SQLite and on a real PostgreSQL server, where
the figures are also those SQLite gives for the same data."""

from __future__ import annotations

import json
import random

import pytest

from consultation_app.domain.records import CONSULTATION, FEEDBACK
from consultation_app.services.reference_lists import default_reference
from consultation_app.storage import dashboard_aggregates, merge_store
from consultation_app.storage import dashboard_entries as de
from consultation_app.storage.dashboard_queries import Filters, dashboard_figures, dashboard_figures_full_pass
from consultation_app.storage.pg_connection import open_postgresql

CATALOG = "khm-upr3-ohchr-2019"
GROUPS = ("indigenous_communities", "civil_society", "provincial_authorities", None)
PROVINCES = ("ratanakiri", "mondulkiri", "phnom_penh", "kandal", None)
DATES = ("2024-01-10", "2024-01-31", "2024-02-01", "2024-02-15", "2024-03-20", "2024-04-05", "2025-01-01", None)
ODD = {"stakeholder_group": "not_a_group", "province": "atlantis", "start_date": "2024-02-15T09:30",
       "priority": "nonsense"}  # what only a crafted database holds: written past the app's checks
CODES = ("KH3-01", "KH3-34", "KH3-44", "KH3-45", "KH3-99", "NOT-A-CODE")
PRIORITIES = ("high", "medium", "low", None)
ASSESSMENTS = ("not_implemented", "partially_implemented", "worsened", "unknown", None)

FILTERS = [Filters(), Filters(catalog_id=CATALOG), Filters(catalog_id="other-catalog"),
           *[Filters(group=g) for g in (*GROUPS, ODD["stakeholder_group"]) if g],
           Filters(group="indigenous_communities", catalog_id=CATALOG),
           *[Filters(province=p) for p in PROVINCES if p], Filters(province="kandal", catalog_id=CATALOG),
           Filters(date_from="2024-01-10"), Filters(date_to="2024-02-15"),
           Filters(date_from="2024-01-11", date_to="2024-03-31"), Filters(date_from="2024-02-01", date_to="2024-02-29"),
           Filters(date_from="2023-12-01", date_to="2025-06-30", catalog_id=CATALOG),
           Filters(group="civil_society", province="phnom_penh"),
           Filters(group="indigenous_communities", date_from="2024-01-01"),
           # ranges within a month, ending mid-month, across a year, one day; combined filters
           Filters(date_from="2024-01-11", date_to="2024-01-30"), Filters(date_from="2024-02-15", date_to="2024-02-15"),
           Filters(date_from="2024-01-31", date_to="2025-01-01"), Filters(date_to="2024-02-14"),
           Filters(date_from="2024-02-02"), Filters(date_from="2023-01-01", date_to="2026-12-31"),
           Filters(province="kandal", date_from="2024-01-11", date_to="2024-03-31"),
           Filters(group="civil_society", province="phnom_penh", date_to="2024-02-15"),
           Filters(group="civil_society", province="phnom_penh", catalog_id=CATALOG),
           Filters(group="indigenous_communities", date_from="2024-01-31", date_to="2025-01-01", catalog_id=CATALOG),
           # whole weeks and days of the end months (week buckets, the grouped pass for the days); a
           # group or a province with dates, a crafted group and a timed start date on one day
           Filters(date_from="2024-01-08", date_to="2024-01-31"), Filters(date_from="2024-02-01", date_to="2024-02-21"),
           Filters(date_from="2024-01-09", date_to="2024-03-22", catalog_id=CATALOG),
           Filters(group="civil_society", date_from="2024-01-15", date_to="2024-03-20"),
           Filters(province="kandal", date_from="2024-02-01"),
           Filters(province="phnom_penh", date_to="2024-01-31", catalog_id=CATALOG),
           Filters(group=ODD["stakeholder_group"], date_from="2024-02-15", date_to="2024-02-15"),
           # a group's whole years (one end year in the run, the other not; open at one end)
           Filters(group="civil_society", date_from="2024-01-11", date_to="2025-01-01"),
           Filters(group="indigenous_communities", date_from="2023-06-01", date_to="2024-12-31", catalog_id=CATALOG),
           Filters(group="provincial_authorities", date_to="2024-03-20"),
           # a group's dates across weeks at both ends, and within one month
           Filters(group="civil_society", date_from="2024-01-08", date_to="2024-02-14"),
           Filters(group="indigenous_communities", date_from="2024-02-01", date_to="2024-02-14", catalog_id=CATALOG)]


def _records(laptop, rng: random.Random, consultations: int, entries: int) -> tuple[list[dict], list[dict]]:
    """Records made by a field laptop's own write path, as a merge receives them."""
    made_c, made_f = [], []
    for _ in range(consultations):
        c = laptop.records.create(CONSULTATION, {
            "title": "meeting", "catalog_id": CATALOG, "stakeholder_group": rng.choice(GROUPS),
            "province": rng.choice(PROVINCES), "start_date": rng.choice(DATES)})
        made_c.append(merge_store.current_record(laptop.db, CONSULTATION, c["uuid"]))
    for _ in range(entries):
        c = rng.choice(made_c)
        f = laptop.records.create(FEEDBACK, {
            "consultation_uuid": c["uuid"], "catalog_id": rng.choice((CATALOG, CATALOG, "")),
            "recommendation_code": rng.choice(CODES), "priority": rng.choice(PRIORITIES),
            "implementation_assessment": rng.choice(ASSESSMENTS), "comment": "said"})
        made_f.append(merge_store.current_record(laptop.db, FEEDBACK, f["uuid"]))
    return made_c, made_f


def _mutate(db, rng: random.Random, consultations: list[dict], feedback: list[dict]) -> None:
    """One random write of the kinds the app makes (merge, edit, withdrawal, wipe, a late
    consultation, a consultation corrected, a catalog change)."""
    kind = rng.randrange(9)
    f, c = rng.choice(feedback), rng.choice(consultations)
    with db.atomic():
        if kind == 0:
            db.execute("UPDATE feedback SET priority = ?, implementation_assessment = ? WHERE uuid = ?",
                       [rng.choice((*PRIORITIES, ODD["priority"])), rng.choice(ASSESSMENTS), f["uuid"]])
        elif kind == 1:
            db.execute("UPDATE feedback SET deleted = ? WHERE uuid = ?", [rng.choice((0, 1)), f["uuid"]])
        elif kind == 2:
            db.execute("DELETE FROM feedback WHERE uuid = ?", [f["uuid"]])
        elif kind == 3:
            db.execute("UPDATE feedback SET recommendation_code = ?, catalog_id = ?, consultation_uuid = ? "
                       "WHERE uuid = ?", [rng.choice(CODES), rng.choice((CATALOG, "")), c["uuid"], f["uuid"]])
        elif kind == 4:
            db.execute("UPDATE consultations SET stakeholder_group = ?, province = ?, start_date = ? WHERE uuid = ?",
                       [rng.choice((*GROUPS, ODD["stakeholder_group"])), rng.choice((*PROVINCES, ODD["province"])),
                        rng.choice((*DATES, ODD["start_date"], "2024")), c["uuid"]])
        elif kind == 5:
            db.execute("UPDATE consultations SET deleted = ? WHERE uuid = ?", [rng.choice((0, 1)), c["uuid"]])
        elif kind == 6:
            db.execute("DELETE FROM consultations WHERE uuid = ?", [c["uuid"]])
        elif kind == 7:  # a later merge brings the consultation as it was sent (again, or after a wipe)
            held = db.execute("SELECT 1 FROM consultations WHERE uuid = ?", [c["uuid"]]).fetchone()
            merge_store.write_rows(db, CONSULTATION, [c], 0, replace=held is not None)
        else:
            db.execute("UPDATE recommendations SET retired = 1 - retired WHERE catalog_id = ? AND code = ?",
                       [CATALOG, rng.choice(CODES)])


def _check(db, reference, label: str) -> dict:
    seen = {}
    for filters in FILTERS:
        fast = dashboard_figures(db, reference, filters)
        assert fast == dashboard_figures_full_pass(db, reference, filters), f"{label}: {filters}"
        seen[filters] = fast
    return seen


def _history(db, laptop, seed: int) -> list[dict]:
    """Merges of random records, then random writes, checked against the full pass as it goes."""
    rng = random.Random(seed)
    reference = default_reference()
    consultations, feedback = _records(laptop, rng, 14, 160)
    late = consultations[-3:]  # their feedback arrives first
    with db.atomic():
        merge_store.write_rows(db, FEEDBACK, feedback[:80], 0, replace=False)
        merge_store.write_rows(db, CONSULTATION, consultations[:-3], 0, replace=False)
    results = [_check(db, reference, "first merge")]
    with db.atomic():
        merge_store.write_rows(db, FEEDBACK, feedback[80:], 0, replace=False)
        merge_store.write_rows(db, CONSULTATION, late, 0, replace=False)
    results.append(_check(db, reference, "second merge"))
    for step in range(40):
        _mutate(db, rng, consultations, feedback)
        if step % 8 == 7:
            results.append(_check(db, reference, f"after write {step}"))
    return results


def test_aggregates_equal_the_full_pass_after_random_writes_on_sqlite(open_ws):
    laptop, central = open_ws("laptop", "Takeo laptop"), open_ws("central")
    assert central.db.has_table(dashboard_aggregates.TABLE)
    for seed in (1, 2):
        central.db.execute("DELETE FROM feedback")
        central.db.execute("DELETE FROM consultations")
        _history(central.db, laptop, seed)


def test_aggregates_equal_the_full_pass_on_postgresql_and_sqlite_gives_the_same_figures(pg_url, open_ws):
    laptop, central = open_ws("laptop", "Takeo laptop"), open_ws("central")
    on_sqlite = _history(central.db, laptop, 7)
    laptop_again = open_ws("laptop-again", "Takeo laptop")
    with open_postgresql(pg_url) as db:
        from consultation_app.services.central_database import CentralDatabase

        with CentralDatabase(pg_url) as server:
            server.load_bundled_catalogs()
        on_server = _history(db, laptop_again, 7)
    # the same random history (other records: uuids differ) gives the same figures on both engines
    assert on_server == on_sqlite


def test_a_read_only_database_is_answered_by_the_full_pass(open_ws):
    """A write waiting to be folded in, and a database that cannot be written to now: the
    figures are still exact (the full pass answers)."""
    laptop, central = open_ws("laptop", "Takeo laptop"), open_ws("central")
    rng = random.Random(3)
    consultations, feedback = _records(laptop, rng, 4, 30)
    with central.db.atomic():
        merge_store.write_rows(central.db, FEEDBACK, feedback, 0, replace=False)
        merge_store.write_rows(central.db, CONSULTATION, consultations, 0, replace=False)
    central.db.execute("PRAGMA query_only = ON")
    try:
        for filters in FILTERS:
            assert dashboard_figures(central.db, central.reference, filters) == \
                dashboard_figures_full_pass(central.db, central.reference, filters)
    finally:
        central.db.execute("PRAGMA query_only = OFF")


@pytest.mark.parametrize("engine", ["sqlite", "postgresql"])
def test_drill_down_and_quotes_run_on_both_engines(engine, request, open_ws):
    laptop, central = open_ws("laptop", "Takeo laptop"), open_ws("central")
    rng = random.Random(5)
    consultations, feedback = _records(laptop, rng, 6, 50)
    for entry in feedback[:10]:
        entry["quote"] = f"quoted words {entry['uuid'][:6]}"

    def fill(db):
        with db.atomic():
            merge_store.write_rows(db, FEEDBACK, feedback, 0, replace=False)
            merge_store.write_rows(db, CONSULTATION, consultations, 0, replace=False)
        return (de.drill_down(db, central.reference, Filters(), theme=None, group="civil_society"),
                de.drill_down(db, central.reference, Filters(catalog_id=CATALOG), priority="high"),
                de.selected_quotes(db, Filters()))

    on_sqlite = fill(central.db)
    if engine == "postgresql":
        url = request.getfixturevalue("pg_url")
        from consultation_app.services.central_database import CentralDatabase

        with CentralDatabase(url) as server:
            server.load_bundled_catalogs()
            assert fill(server.db) == on_sqlite
    assert any(on_sqlite[0]) and any(on_sqlite[2])


def test_a_trigger_named_like_the_dashboards_but_doing_more_is_refused_at_opening(tmp_path):
    """The opening check compares the dashboard's triggers body and all: a crafted database
    whose 'dashboard_mark_feedback_insert' also copies each new entry's words elsewhere is
    foreign code, and is not opened."""
    from consultation_app.services.workspace import Workspace
    from consultation_app.storage.connection import connect
    from consultation_app.storage.errors import DamagedDatabaseError

    database = tmp_path / "central.sqlite3"
    Workspace(database).close()
    db = connect(database)
    db.execute("CREATE TABLE leak (words TEXT)")
    db.execute("DROP TRIGGER dashboard_mark_feedback_insert")
    db.execute("CREATE TRIGGER dashboard_mark_feedback_insert AFTER INSERT ON feedback FOR EACH ROW BEGIN "
               "INSERT OR IGNORE INTO dashboard_dirty (kind, key) VALUES ('consultation', NEW.consultation_uuid); "
               "INSERT INTO leak VALUES (NEW.comment); END")
    db.conn.close()
    with pytest.raises(DamagedDatabaseError, match="trigger 'dashboard_mark_feedback_insert' on feedback"):
        Workspace(database)


def test_an_office_moved_to_the_server_shows_the_same_dashboard(pg_url, open_ws):
    """``central move-to`` copies the records, not the aggregates (derived); the server builds
    its own at the first read, and they show what the data folder showed."""
    from consultation_app.storage.move_to_server import move_to_server

    laptop, central = open_ws("laptop", "Takeo laptop"), open_ws("central")
    rng = random.Random(11)
    consultations, feedback = _records(laptop, rng, 8, 60)
    with central.db.atomic():
        merge_store.write_rows(central.db, FEEDBACK, feedback, 0, replace=False)
        merge_store.write_rows(central.db, CONSULTATION, consultations[:-1], 0, replace=False)
    here = {filters: dashboard_figures(central.db, central.reference, filters) for filters in FILTERS}
    moved = move_to_server(central.database_path, pg_url)
    assert "dashboard_aggregates" not in moved and moved["feedback"]["rows"] == 60
    with open_postgresql(pg_url) as db:
        assert {filters: dashboard_figures(db, central.reference, filters) for filters in FILTERS} == here


@pytest.mark.parametrize("early_first", [True, False])
def test_a_refresh_that_brings_a_new_month_carries_every_earlier_write_into_its_running_total(open_ws, early_first):
    """One refresh folds in a consultation of a month no one had (its running total is made
    then) and an entry of an earlier month: the new month's running total holds both, whichever
    consultation the refresh takes first (uuids sorted either way)."""
    from benchmarks.bench_million import CONSULTATION_COLUMNS, FEEDBACK_COLUMNS

    central = open_ws("central")
    db, reference = central.db, central.reference
    when = "2026-12-05T11:00:00Z"

    def consultation(uuid: str, date: str) -> None:
        db.execute(f"INSERT INTO consultations ({', '.join(CONSULTATION_COLUMNS)}) VALUES "
                   f"({', '.join('?' * len(CONSULTATION_COLUMNS))})",
                   [uuid, "dev", 1, when, when, 0, "x", 0, "m", CATALOG, "civil_society", "kandal", date])

    def entry(uuid: str, consultation_uuid: str) -> None:
        db.execute(f"INSERT INTO feedback ({', '.join(FEEDBACK_COLUMNS)}) VALUES "
                   f"({', '.join('?' * len(FEEDBACK_COLUMNS))})",
                   [uuid, "dev", 1, when, when, 0, "x", 0, consultation_uuid, CATALOG, "KH3-01", "high", None, "w"])

    early, late = ("a-early", "z-late") if early_first else ("z-early", "a-late")
    with db.atomic():
        consultation(early, "2024-01-10")
        entry("f-1", early)
    ranges = [Filters(date_from="2024-01-01", date_to="2024-06-30"), Filters(date_from="2024-02-01"), Filters(),
              Filters(group="civil_society", date_from="2024-01-01", date_to="2024-06-30"),
              Filters(group="civil_society", date_from="2024-02-01")]
    for filters in ranges:
        assert dashboard_figures(db, reference, filters) == dashboard_figures_full_pass(db, reference, filters)
    with db.atomic():
        entry("f-2", early)
        consultation(late, "2024-06-20")
        entry("f-3", late)
    for filters in ranges:
        figures = dashboard_figures(db, reference, filters)
        assert figures == dashboard_figures_full_pass(db, reference, filters), filters
    assert dashboard_figures(db, reference, ranges[0]).total.entries == 3


def test_aggregates_built_before_the_day_buckets_are_rebuilt_after_the_step(tmp_path):
    """A database whose aggregates were built before step m_dashboard_days_v1 holds no week
    buckets nor running totals per year and within a year: the step marks everything, so the first read
    after it rebuilds them and a range ending mid-month is still exact."""
    from benchmarks.bench_million import CONSULTATION_COLUMNS, FEEDBACK_COLUMNS
    from consultation_app.storage.connection import apply_steps, connect, open_database

    path = tmp_path / "central.sqlite3"
    old = connect(path)
    apply_steps(old, stop_before="m_dashboard_days_v1")
    reference = default_reference()
    when = "2026-12-05T11:00:00Z"
    with old.atomic():
        for number, (date, group, province) in enumerate((("2024-01-10", "civil_society", "kandal"),
                                                           ("2024-01-20", "civil_society", "kandal"),
                                                           ("2024-02-03", "civil_society", "takeo"))):
            uuid = f"c-{number}"
            old.execute(f"INSERT INTO consultations ({', '.join(CONSULTATION_COLUMNS)}) VALUES "
                        f"({', '.join('?' * len(CONSULTATION_COLUMNS))})",
                        [uuid, "dev", 1, when, when, 0, "x", 0, "m", CATALOG, group, province, date])
            old.execute(f"INSERT INTO feedback ({', '.join(FEEDBACK_COLUMNS)}) VALUES "
                        f"({', '.join('?' * len(FEEDBACK_COLUMNS))})",
                        [f"f-{number}", "dev", 1, when, when, 0, "x", 0, uuid, "", "KH3-01", "high", None, "w"])
    dashboard_figures(old, reference, Filters())  # built
    old.execute("DELETE FROM dashboard_sums WHERE partition IN ('week', 'running_year', 'running_in_year')")
    old.conn.close()  # as the app before the step left them

    db = open_database(path)
    for filters in (Filters(date_from="2024-01-15", date_to="2024-02-10"),
                    Filters(group="civil_society", date_from="2024-01-15"),
                    Filters(province="kandal", date_to="2024-01-31")):
        assert dashboard_figures(db, reference, filters) == dashboard_figures_full_pass(db, reference, filters)


def test_after_the_day_step_a_consultation_write_leaves_only_the_marks_a_refresh_reads(tmp_path):
    """Step m_dashboard_days_v1 makes the consultations' triggers again without the group,
    province and month marks (never read): a database at the step before, holding the old
    triggers, still opens, migrates to exactly the app's triggers, and its figures stay exact."""
    import sqlite3

    from benchmarks.bench_million import CONSULTATION_COLUMNS
    from consultation_app.storage.connection import apply_steps, connect, open_database
    from consultation_app.storage.dashboard_triggers import SQLITE_TRIGGERS

    path = tmp_path / "central.sqlite3"
    old = connect(path)
    apply_steps(old, stop_before="m_dashboard_days_v1")
    when = "2026-12-05T11:00:00Z"
    old.execute(f"INSERT INTO consultations ({', '.join(CONSULTATION_COLUMNS)}) VALUES "
                f"({', '.join('?' * len(CONSULTATION_COLUMNS))})",
                ["c-1", "dev", 1, when, when, 0, "x", 0, "m", CATALOG, "civil_society", "kandal", "2024-01-10"])
    old.execute("UPDATE consultations SET province = 'takeo' WHERE uuid = 'c-1'")
    assert {k for (k,) in old.execute("SELECT kind FROM dashboard_dirty")} > {"all", "consultation"}  # the old ones
    old.conn.close()

    db = open_database(path)
    raw = sqlite3.connect(path)
    try:
        held = {name: " ".join(sql.split()) for name, sql in raw.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")}
    finally:
        raw.close()
    assert held == {name: " ".join(sql.split()) for name, sql in SQLITE_TRIGGERS.items()}
    reference = default_reference()
    dashboard_figures(db, reference, Filters())
    with db.atomic():
        db.execute("UPDATE consultations SET stakeholder_group = 'indigenous_communities', start_date = '2024-02-20' "
                   "WHERE uuid = 'c-1'")
        db.execute("DELETE FROM consultations WHERE uuid = 'c-1'")
    assert db.execute("SELECT kind, key FROM dashboard_dirty").fetchall() == [("consultation", "c-1")]
    for filters in (Filters(), Filters(group="civil_society", date_from="2024-01-01")):
        assert dashboard_figures(db, reference, filters) == dashboard_figures_full_pass(db, reference, filters)


def test_a_consultation_of_the_earliest_month_changes_its_year_months_not_every_later_month(open_ws):
    """A write's cost follows the buckets it changes: a consultation merged into the first of 36
    months changes its own buckets (one per partition), the running totals of its year's months
    from its own on and the running totals of the years from its own on (at most 7 + 12 + 3),
    not a running total for every later month (36, and as many again per group); the figures
    stay exact."""
    from benchmarks.bench_million import CONSULTATION_COLUMNS, FEEDBACK_COLUMNS

    central = open_ws("central")
    db, reference = central.db, central.reference
    when = "2026-12-05T11:00:00Z"

    def consultation_with_entry(number: int, date: str) -> None:
        uuid = f"c-{number}"
        db.execute(f"INSERT INTO consultations ({', '.join(CONSULTATION_COLUMNS)}) VALUES "
                   f"({', '.join('?' * len(CONSULTATION_COLUMNS))})",
                   [uuid, "dev", 1, when, when, 0, "x", 0, "m", CATALOG, "civil_society", "kandal", date])
        db.execute(f"INSERT INTO feedback ({', '.join(FEEDBACK_COLUMNS)}) VALUES "
                   f"({', '.join('?' * len(FEEDBACK_COLUMNS))})",
                   [f"f-{number}", "dev", 1, when, when, 0, "x", 0, uuid, CATALOG, "KH3-01", "high", None, "w"])

    with db.atomic():
        for number in range(36):
            consultation_with_entry(number, f"{2023 + number // 12}-{1 + number % 12:02d}-10")
    dashboard_figures(db, reference, Filters())

    def buckets() -> dict:
        out: dict = {}
        for partition, bucket, *row in db.execute("SELECT * FROM dashboard_sums"):
            out.setdefault((partition, bucket), set()).add(tuple(row))
        return out

    before = buckets()
    with db.atomic():
        consultation_with_entry(99, "2023-01-20")
    for filters in (Filters(), Filters(date_from="2023-01-15", date_to="2024-06-30"),
                    Filters(date_from="2023-02-01", date_to="2025-12-31"), Filters(date_to="2023-01-31")):
        assert dashboard_figures(db, reference, filters) == dashboard_figures_full_pass(db, reference, filters)
    after = buckets()
    changed = {key for key in before.keys() | after.keys() if before.get(key) != after.get(key)}
    assert len(changed) <= len(dashboard_aggregates.PARTITIONS) + 12 + 3, sorted(changed)


def test_aggregates_built_with_other_buckets_are_rebuilt_at_the_next_read(open_ws):
    """The stored fingerprint names the buckets kept (dashboard_aggregates.LAYOUT): aggregates
    built by a version that kept other buckets (here: its fingerprint, without the running totals
    per year) are rebuilt at the next read instead of being read as if they held these."""
    from benchmarks.bench_million import CONSULTATION_COLUMNS, FEEDBACK_COLUMNS

    central = open_ws("central")
    db, reference = central.db, central.reference
    when = "2026-12-05T11:00:00Z"
    with db.atomic():
        for number, date in enumerate(("2023-03-10", "2024-02-10", "2024-05-20")):
            db.execute(f"INSERT INTO consultations ({', '.join(CONSULTATION_COLUMNS)}) VALUES "
                       f"({', '.join('?' * len(CONSULTATION_COLUMNS))})",
                       [f"c-{number}", "dev", 1, when, when, 0, "x", 0, "m", CATALOG, "civil_society", "kandal", date])
            db.execute(f"INSERT INTO feedback ({', '.join(FEEDBACK_COLUMNS)}) VALUES "
                       f"({', '.join('?' * len(FEEDBACK_COLUMNS))})",
                       [f"f-{number}", "dev", 1, when, when, 0, "x", 0, f"c-{number}", CATALOG, "KH3-01", "high",
                        None, "w"])
    dashboard_figures(db, reference, Filters())
    lists = json.loads(db.execute("SELECT value FROM dashboard_aggregate_state WHERE key = 'lists'").fetchone()[0])
    del lists["layout"]
    with db.atomic():
        db.execute("UPDATE dashboard_aggregate_state SET value = ? WHERE key = 'lists'", [json.dumps(lists)])
        db.execute("DELETE FROM dashboard_sums WHERE partition = 'running_year'")
    filters = Filters(date_from="2023-01-01", date_to="2024-04-30")
    assert dashboard_figures(db, reference, filters) == dashboard_figures_full_pass(db, reference, filters)
    assert dashboard_figures(db, reference, filters).total.entries == 2


def test_on_postgresql_a_range_sums_its_buckets_from_the_primary_key_alone(pg_url, open_ws):
    """Step m_dashboard_sums_cover_aggday_v1: the server's bucket key carries entries and
    consultations, and the rebuild leaves the buckets vacuumed, so reading a bucket is an
    index-only scan that fetches no heap page (without them each row read was a heap page
    fetch: 155 to 217 ms for a year's buckets at a million entries, against 48 to 67 ms)."""
    laptop = open_ws("laptop", "Takeo laptop")
    consultations, feedback = _records(laptop, random.Random(3), 12, 120)
    with open_postgresql(pg_url) as db:
        from consultation_app.services.central_database import CentralDatabase

        with CentralDatabase(pg_url) as server:
            server.load_bundled_catalogs()
        with db.atomic():
            merge_store.write_rows(db, FEEDBACK, feedback, 0, replace=False)
            merge_store.write_rows(db, CONSULTATION, consultations, 0, replace=False)
        reference = default_reference()
        filters = Filters(date_from="2024-01-11", date_to="2025-01-01")
        assert dashboard_figures(db, reference, filters) == dashboard_figures_full_pass(db, reference, filters)
        (definition,) = db.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'dashboard_sums_pkey'"
                                   ).fetchone()
        assert definition.endswith("INCLUDE (entries, consultations)")
        db.execute("SET enable_seqscan = off")  # a handful of rows: the planner would read the table whole
        plan = "\n".join(row[0] for row in db.execute(
            "EXPLAIN (ANALYZE, COSTS OFF) SELECT measure, sum(entries), sum(consultations) FROM dashboard_sums "
            "WHERE partition = 'month' AND bucket = '2024-01' GROUP BY measure"))
        db.execute("RESET enable_seqscan")
        assert "Index Only Scan using dashboard_sums_pkey" in plan and "Heap Fetches: 0" in plan, plan
