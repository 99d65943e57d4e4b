"""A regional office at a million entries (issue 21.5): 20,000 consultations, about 1,000,000
feedback entries in 4 catalogs of 235 recommendations, written by bulk SQL (executemany on
SQLite, COPY on PostgreSQL; the demo path would take an hour), then, on each engine:

- dashboard recompute p50/p95 per filter the dashboard offers (from the aggregates kept by
  storage/dashboard_aggregates.py), beside ``SELECT count(*) FROM feedback`` and the old full
  pass over every entry (``dashboard_figures_full_pass``) timed in the same run;
- the first read after one entry was edited, and after a merge of one export (a new
  consultation and its 50 entries): the refresh of what they touched;
- building the aggregates from nothing (what the first read after migration
  m_dashboard_aggregates_v1 does), its time and its process's peak memory (a child process);
- on SQLite: the dashboard window opening (offscreen Qt, construction to first figures shown),
  and a field capture save with and without the triggers.

The merge's extra cost (200 exports) is measured by benchmarks/bench_merge.py with
``CONSULTATION_APP_BENCH_NO_DASHBOARD_TRIGGERS=1`` against without.

Run alone: .venv/bin/python benchmarks/bench_million.py [--consultations 20000] [--repeat 9] [--no-postgresql]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

GOAL_MS, GOAL_WINDOW_S, GOAL_MB = 200.0, 1.0, 1024
CATALOGS, COPIES = 4, 5  # each catalog: the bundled one's 47 recommendations 5 times (235)
ENTRIES_PER_CONSULTATION = 50
FEEDBACK_COLUMNS = ("uuid", "device_id", "revision", "created_at", "updated_at", "deleted", "content_hash",
                    "local_seq", "consultation_uuid", "catalog_id", "recommendation_code", "priority",
                    "implementation_assessment", "comment")
CONSULTATION_COLUMNS = ("uuid", "device_id", "revision", "created_at", "updated_at", "deleted", "content_hash",
                        "local_seq", "title", "catalog_id", "stakeholder_group", "province", "start_date")


def _p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[max(0, -(-95 * len(ordered) // 100) - 1)]


def _hwm_mb() -> float:
    with open("/proc/self/status") as status:
        return next((int(line.split()[1]) / 1024 for line in status if line.startswith("VmHWM")), 0.0)


def add_catalogs(db) -> list[tuple[str, list[str]]]:
    """CATALOGS catalogs made from the bundled one (headings copied, recommendations copied COPIES
    times with new codes): [(catalog_id, codes)]."""
    (source,) = db.execute("SELECT catalog_id FROM catalogs").fetchone()
    columns = [d[0] for d in db.execute("SELECT * FROM recommendations LIMIT 0").description]
    heading_columns = [d[0] for d in db.execute("SELECT * FROM catalog_headings LIMIT 0").description]
    catalog_columns = [d[0] for d in db.execute("SELECT * FROM catalogs LIMIT 0").description]
    out = []
    with db.atomic():
        for number in range(CATALOGS):
            catalog = f"bench-catalog-{number}"
            db.execute(f"INSERT INTO catalogs ({', '.join(catalog_columns)}) SELECT "
                       + ", ".join("?" if c == "catalog_id" else c for c in catalog_columns)
                       + " FROM catalogs WHERE catalog_id = ?", [catalog, source])
            db.execute(f"INSERT INTO catalog_headings ({', '.join(heading_columns)}) SELECT "
                       + ", ".join("?" if c == "catalog_id" else c for c in heading_columns)
                       + " FROM catalog_headings WHERE catalog_id = ?", [catalog, source])
            for copy in range(COPIES):
                offset = (number * COPIES + copy + 1) * 100_000  # ids given: the server's identity is not advanced
                values = {"id": "id + ?", "catalog_id": "?", "code": "code || ?", "position": "position + ?",
                          "source_key": "source_key || ?"}
                given = {"id": [offset], "catalog_id": [catalog], "code": [f"-{copy}"], "position": [copy * 10_000],
                         "source_key": [f"-{copy}"]}
                db.execute(f"INSERT INTO recommendations ({', '.join(columns)}) SELECT "
                           + ", ".join(values.get(c, c) for c in columns)
                           + " FROM recommendations WHERE catalog_id = ?",
                           [v for c in columns for v in given.get(c, [])] + [source])
            out.append((catalog, [c for (c,) in db.execute(
                "SELECT code FROM recommendations WHERE catalog_id = ? ORDER BY position", [catalog])]))
    return out


def generate(consultations: int, catalogs: list[tuple[str, list[str]]], reference, seed: int = 1):
    """(consultation rows, a generator of feedback rows): groups, provinces, dates over three
    years, 1% consultations deleted, 1% entries withdrawn, 10% entries with no catalog id (old
    exports), 0.5% codes no catalog has, 200 consultations whose feedback arrived without them."""
    rng = random.Random(seed)
    groups = [*reference.keys("stakeholder_groups"), None]
    provinces = list(reference.keys("provinces"))
    priorities = [*reference.keys("priorities"), None]
    assessments = [*reference.keys("implementation_assessments"), None]
    device, when = "11111111-1111-4111-8111-111111111111", "2026-12-05T10:00:00Z"
    rows, plan = [], []
    for number in range(consultations):
        uuid = f"c{number:07d}-0000-4000-8000-000000000000"
        catalog, codes = catalogs[number % len(catalogs)]
        day = 1 + rng.randrange(3 * 365)
        date = f"{2023 + (day - 1) // 365}-{1 + ((day - 1) % 365) // 31 % 12:02d}-{1 + (day - 1) % 28:02d}"
        plan.append((uuid, catalog, codes))
        if number >= consultations - 200:
            continue  # not arrived
        rows.append((uuid, device, 1, when, when, int(rng.random() < 0.01), "x", 0, f"meeting {number}", catalog,
                     rng.choice(groups), rng.choice(provinces), date))

    def feedback():
        serial = 0
        for uuid, catalog, codes in plan:
            for code in rng.sample(codes, ENTRIES_PER_CONSULTATION):
                serial += 1
                unknown = rng.random() < 0.005
                yield (f"f{serial:07d}-0000-4000-8000-000000000000", device, 1, when, when,
                       int(rng.random() < 0.01), "x", 0, uuid, "" if rng.random() < 0.1 else catalog,
                       "NO-SUCH-CODE" if unknown else code, rng.choice(priorities), rng.choice(assessments),
                       "said at the meeting")
    return rows, feedback


def fill_sqlite(db, consultation_rows, feedback) -> None:
    with db.atomic():
        db.conn.executemany(f"INSERT INTO consultations ({', '.join(CONSULTATION_COLUMNS)}) VALUES "
                            f"({', '.join('?' * len(CONSULTATION_COLUMNS))})", consultation_rows)
        db.conn.executemany(f"INSERT INTO feedback ({', '.join(FEEDBACK_COLUMNS)}) VALUES "
                            f"({', '.join('?' * len(FEEDBACK_COLUMNS))})", feedback())


def fill_postgresql(db, consultation_rows, feedback) -> None:
    raw = db.conn.raw
    with db.atomic():
        with raw.cursor() as cursor:
            with cursor.copy(f"COPY consultations ({', '.join(CONSULTATION_COLUMNS)}) FROM STDIN") as copy:
                for row in consultation_rows:
                    copy.write_row(row)
            with cursor.copy(f"COPY feedback ({', '.join(FEEDBACK_COLUMNS)}) FROM STDIN") as copy:
                for row in feedback():
                    copy.write_row(row)
    db.execute("ANALYZE")


def filters_to_time(catalog: str):
    from consultation_app.storage.dashboard_queries import Filters
    return [("unfiltered", Filters()), ("catalog", Filters(catalog_id=catalog)),
            ("group", Filters(group="civil_society")), ("province", Filters(province="kandal")),
            ("dates: one month", Filters(date_from="2024-05-01", date_to="2024-05-31")),
            ("dates: a quarter, mid-month ends", Filters(date_from="2024-04-10", date_to="2024-07-20")),
            ("dates: a year, mid-month ends", Filters(date_from="2024-01-15", date_to="2025-01-14")),
            ("dates: from only", Filters(date_from="2025-03-15")),
            ("dates: one day", Filters(date_from="2024-05-09", date_to="2024-05-09")),
            ("dates: across years, whole months", Filters(date_from="2023-07-01", date_to="2025-06-30")),
            ("catalog + group", Filters(catalog_id=catalog, group="civil_society")),
            ("catalog + a year", Filters(catalog_id=catalog, date_from="2024-01-15", date_to="2025-01-14")),
            ("group + province", Filters(group="civil_society", province="kandal")),
            ("catalog + group + province", Filters(catalog_id=catalog, group="civil_society", province="kandal")),
            ("group + a year", Filters(group="civil_society", date_from="2024-01-15", date_to="2025-01-14")),
            ("province + a year", Filters(province="kandal", date_from="2024-01-15", date_to="2025-01-14")),
            ("group + province + a year", Filters(group="civil_society", province="kandal",
                                                  date_from="2024-01-15", date_to="2025-01-14"))]


def merge_one_export(db, number: int, entries: int = 50) -> None:
    """What a merge of one field export writes: a consultation new to the office and its
    entries, in one transaction (the triggers mark them as the merge's own writes do)."""
    device, when = "22222222-2222-4222-8222-222222222222", "2026-12-05T11:00:00Z"
    uuid = f"m{number:07d}-0000-4000-8000-000000000000"
    codes = [c for (c,) in db.execute("SELECT code FROM recommendations WHERE catalog_id = 'bench-catalog-1' "
                                      "ORDER BY position LIMIT ?", [entries])]
    with db.atomic():
        db.execute(f"INSERT INTO consultations ({', '.join(CONSULTATION_COLUMNS)}) VALUES "
                   f"({', '.join('?' * len(CONSULTATION_COLUMNS))})",
                   [uuid, device, 1, when, when, 0, "x", 0, f"merged {number}", "bench-catalog-1", "civil_society",
                    "kandal", f"2024-05-{1 + number % 28:02d}"])
        for serial, code in enumerate(codes):
            db.execute(f"INSERT INTO feedback ({', '.join(FEEDBACK_COLUMNS)}) VALUES "
                       f"({', '.join('?' * len(FEEDBACK_COLUMNS))})",
                       [f"g{number:04d}{serial:03d}-0000-4000-8000-000000000000", device, 1, when, when, 0, "x", 0,
                        uuid, "bench-catalog-1", code, "high", "worsened", "said at the meeting"])


def _timed(fn, repeat: int) -> list[float]:
    fn()
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


_BUILD_CHILD = r"""
import json, sys, time
sys.path.insert(0, sys.argv[1])
from consultation_app.services.reference_lists import default_reference
from consultation_app.storage import dashboard_aggregates
from consultation_app.storage.dashboard_queries import list_keys
target = sys.argv[2]
if target.startswith("postgresql"):
    from consultation_app.storage.pg_connection import connect_postgresql
    db = connect_postgresql(target)
else:
    from consultation_app.storage.connection import connect
    db = connect(target)
db.execute("INSERT OR IGNORE INTO dashboard_dirty (kind, key) VALUES ('all', '')")
start = time.perf_counter()
buckets = dashboard_aggregates.refresh(db, list_keys(default_reference()))
seconds = time.perf_counter() - start
vacuum = None
if target.startswith("postgresql"):  # as the app's first read after a rebuild does
    start = time.perf_counter()
    dashboard_aggregates.vacuum_after_rebuild(db)
    vacuum = time.perf_counter() - start
rows = db.execute("SELECT count(*) FROM dashboard_sums").fetchone()[0]
seen = db.execute("SELECT count(*) FROM dashboard_seen_feedback").fetchone()[0]
partitions = dict(db.execute("SELECT partition, count(*) FROM dashboard_sums GROUP BY partition").fetchall())
tables = ("dashboard_sums", "dashboard_seen_feedback", "dashboard_seen_consultations")
if target.startswith("postgresql"):
    size = sum(db.execute("SELECT pg_total_relation_size(CAST(? AS regclass))", [t]).fetchone()[0] for t in tables)
    whole = db.execute("SELECT pg_database_size(current_database())").fetchone()[0]
else:
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    try:  # dbstat: each table's and index's pages (when SQLite is built with it)
        size = db.execute("SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'dashboard%'").fetchone()[0]
    except Exception:
        size = None
    whole = db.execute("PRAGMA page_count").fetchone()[0] * db.execute("PRAGMA page_size").fetchone()[0]
with open("/proc/self/status") as status:
    hwm = next((int(line.split()[1]) / 1024 for line in status if line.startswith("VmHWM")), 0.0)
print(json.dumps({"seconds": seconds, "vacuum_seconds": vacuum, "buckets": buckets, "rows": rows, "seen": seen,
                  "peak_mb": hwm,
                  "partitions": partitions, "aggregates_mb": size and size / 2**20, "database_mb": whole / 2**20}))
"""


def build_in_child(target: str) -> dict:
    done = subprocess.run([sys.executable, "-c", _BUILD_CHILD, str(ROOT), target], capture_output=True, text=True,
                          env=dict(os.environ, PYTHONPATH=str(ROOT)))
    if done.returncode:
        raise RuntimeError(done.stderr[-2000:])
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure(engine: str, db, reference, catalog: str, target: str, repeat: int) -> list[dict]:
    from consultation_app.storage.dashboard_queries import Filters, dashboard_figures, dashboard_figures_full_pass

    rows = []
    entries = db.execute("SELECT count(*) FROM feedback").fetchone()[0]
    build = build_in_child(target)
    rows.append({"benchmark": f"{engine}: build the aggregates from nothing ({entries:,} entries)",
                 "figure": f"{build['seconds']:.1f} s"
                           + (f" (then VACUUM {build['vacuum_seconds']:.1f} s)" if build.get("vacuum_seconds") else "")
                           + f", {build['rows']:,} bucket rows, {build['seen']:,} seen rows, "
                           f"aggregates {build['aggregates_mb'] or 0:,.0f} MB of a {build['database_mb']:,.0f} MB "
                           "database",
                 "baseline": "", "ratio": "", "goal": f"peak < {GOAL_MB} MB",
                 "verdict": "pass" if build["peak_mb"] < GOAL_MB else "FAIL", "data": build,
                 "peak": f"{build['peak_mb']:.0f} MB"})
    count = _timed(lambda: db.execute("SELECT count(*) FROM feedback").fetchone(), repeat)
    full = _timed(lambda: dashboard_figures_full_pass(db, reference, Filters()), max(2, repeat // 3))
    base = f"count(*) p50 {statistics.median(count):.1f} ms; full pass p50 {statistics.median(full):.0f} ms"
    for name, filters in filters_to_time(catalog):
        assert dashboard_figures(db, reference, filters) == dashboard_figures_full_pass(db, reference, filters), name
        samples = _timed(lambda f=filters: dashboard_figures(db, reference, f), repeat)
        p95 = _p95(samples)
        rows.append({"benchmark": f"{engine}: dashboard recompute, {name}",
                     "figure": f"p50 {statistics.median(samples):.0f} / p95 {p95:.0f} ms", "baseline": base,
                     "ratio": f"{statistics.median(full) / statistics.median(samples):.0f}x faster than the full pass",
                     "goal": f"p95 ≤ {GOAL_MS:.0f} ms", "verdict": "pass" if p95 <= GOAL_MS else "FAIL",
                     "data": {"samples_ms": samples, "count_ms": count, "full_pass_ms": full}})
    (uuid,) = db.execute("SELECT uuid FROM feedback WHERE deleted = 0 LIMIT 1").fetchone()
    after_edit = []
    for number in range(max(3, repeat // 3)):
        db.execute("UPDATE feedback SET priority = ? WHERE uuid = ?", [("high", "low")[number % 2], uuid])
        start = time.perf_counter()
        dashboard_figures(db, reference, Filters())
        after_edit.append((time.perf_counter() - start) * 1000)
    rows.append(_first_read(engine, "one entry was edited", after_edit, base))
    after_merge = []
    for number in range(max(3, repeat // 3)):
        merge_one_export(db, number)
        start = time.perf_counter()
        dashboard_figures(db, reference, Filters())
        after_merge.append((time.perf_counter() - start) * 1000)
    rows.append(_first_read(engine, "a merge of one export (a new consultation, 50 entries)", after_merge, base))
    return rows


def _first_read(engine: str, what: str, samples: list[float], base: str) -> dict:
    p95 = _p95(samples)
    return {"benchmark": f"{engine}: first dashboard read (unfiltered) after {what}",
            "figure": f"p50 {statistics.median(samples):.0f} / p95 {p95:.0f} ms", "baseline": base, "ratio": "",
            "goal": f"p95 ≤ {GOAL_MS:.0f} ms", "verdict": "pass" if p95 <= GOAL_MS else "FAIL",
            "data": {"samples_ms": samples}}


def window_open(database: Path) -> dict:
    """The dashboard window at a million entries: construction to first figures shown."""
    from PySide6.QtWidgets import QApplication

    from consultation_app.services.workspace import Workspace
    from consultation_app.ui.dashboard import DashboardWindow

    app = QApplication.instance() or QApplication([])
    workspace = Workspace(database)
    try:
        start = time.perf_counter()
        window = DashboardWindow(workspace)
        window.show()
        while window.figures is None and time.perf_counter() - start < 60:
            app.processEvents()
            time.sleep(0.002)
        seconds = time.perf_counter() - start
        window.close()
    finally:
        workspace.close()
    return {"seconds": seconds}


def capture_cost(folder: Path, repeat: int) -> dict:
    """A field capture save (RecordStore.update of one entry, its own transaction) with the
    triggers and without them (dropped), interleaved."""
    from consultation_app.domain.records import CONSULTATION, FEEDBACK
    from consultation_app.services.workspace import Workspace
    from consultation_app.storage.dashboard_triggers import SQLITE_TRIGGERS

    out = {}
    for label in ("with", "without"):
        workspace = Workspace(folder / f"laptop-{label}.sqlite3")
        if label == "without":
            for name in SQLITE_TRIGGERS:
                workspace.db.execute(f"DROP TRIGGER {name}")
        c = workspace.records.create(CONSULTATION, {"title": "Takeo", "stakeholder_group": "civil_society"})
        entries = [workspace.records.create(FEEDBACK, {"consultation_uuid": c["uuid"], "recommendation_code": "KH3-01",
                                                       "comment": "x"})["uuid"] for _ in range(20)]
        out[label] = (workspace, entries)
    samples: dict[str, list[float]] = {"with": [], "without": []}
    for number in range(repeat * 20):
        for label in ("with", "without") if number % 2 else ("without", "with"):
            workspace, entries = out[label]
            start = time.perf_counter()
            workspace.records.update(FEEDBACK, entries[number % 20], {"comment": f"said {number}"})
            samples[label].append((time.perf_counter() - start) * 1000)
    for workspace, _ in out.values():
        workspace.close()
    return samples


def run(consultations: int = 20_000, repeat: int = 9, postgresql: bool = True, sqlite: bool = True) -> list[dict]:
    rows: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="bench-million-") as folder:
        folder = Path(folder)
        if sqlite:
            rows += _sqlite(folder, consultations, repeat)
        if postgresql:
            rows += _postgresql(folder, consultations, repeat)
    rows.append({"benchmark": "this process's peak memory", "figure": f"{_hwm_mb():.0f} MB", "baseline": "",
                 "ratio": "", "goal": f"< {GOAL_MB} MB", "verdict": "pass" if _hwm_mb() < GOAL_MB else "FAIL",
                 "data": {}})
    return rows


def _sqlite(folder: Path, consultations: int, repeat: int) -> list[dict]:
    from consultation_app.services.workspace import Workspace

    rows: list[dict] = []
    database = folder / "central.sqlite3"
    workspace = Workspace(database)
    reference = workspace.reference
    catalogs = add_catalogs(workspace.db)
    start = time.perf_counter()
    consultation_rows, feedback = generate(consultations, catalogs, reference)
    fill_sqlite(workspace.db, consultation_rows, feedback)
    made = time.perf_counter() - start
    rows.append({"benchmark": f"sqlite: generate {consultations:,} consultations by bulk SQL",
                 "figure": f"{made:.0f} s", "baseline": "", "ratio": "", "goal": "minutes", "verdict": "—",
                 "data": {"seconds": made}})
    rows += measure("sqlite", workspace.db, reference, catalogs[0][0], str(database), repeat)
    workspace.close()
    window = window_open(database)
    rows.append({"benchmark": "sqlite: dashboard window opens (offscreen, construction to first figures)",
                 "figure": f"{window['seconds']:.2f} s", "baseline": "", "ratio": "",
                 "goal": f"< {GOAL_WINDOW_S:.0f} s", "verdict": "pass" if window["seconds"] < GOAL_WINDOW_S
                 else "FAIL", "data": window})
    capture = capture_cost(folder, repeat)
    rows.append({"benchmark": "sqlite field laptop: capture save (update of one entry) with the triggers",
                 "figure": f"p50 {statistics.median(capture['with']):.2f} ms",
                 "baseline": f"without them p50 {statistics.median(capture['without']):.2f} ms",
                 "ratio": f"{statistics.median(capture['with']) / statistics.median(capture['without']):.2f}x",
                 "goal": "no measurable cost", "verdict": "—", "data": capture})
    return rows


def _postgresql(folder: Path, consultations: int, repeat: int) -> list[dict]:
    import psycopg

    from consultation_app.services.central_database import CentralDatabase
    from tests.pg_server import start_server  # the tests' throwaway server (fsync off, Unix socket)

    server, stop = start_server()
    with psycopg.connect(server.url(), autocommit=True) as admin:
        admin.execute("CREATE DATABASE million")
    url = server.url("million")
    try:
        with CentralDatabase(url) as central:
            catalogs = add_catalogs(central.db)
            start = time.perf_counter()
            consultation_rows, feedback = generate(consultations, catalogs, central.reference)
            fill_postgresql(central.db, consultation_rows, feedback)
            made = time.perf_counter() - start
            rows = [{"benchmark": f"postgresql: generate {consultations:,} consultations by COPY",
                     "figure": f"{made:.0f} s", "baseline": "", "ratio": "", "goal": "minutes", "verdict": "—",
                     "data": {"seconds": made}}]
            rows += measure("postgresql", central.db, central.reference, catalogs[0][0], url, repeat)
        return rows
    finally:
        stop()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--consultations", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--no-postgresql", action="store_true")
    parser.add_argument("--no-sqlite", action="store_true")
    parser.add_argument("--json", help="also write every row (samples included) to this file")
    args = parser.parse_args()
    results = run(args.consultations, args.repeat, not args.no_postgresql, not args.no_sqlite)
    for row in results:
        print(" | ".join(str(value) for key, value in row.items() if key != "data"), flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1))
