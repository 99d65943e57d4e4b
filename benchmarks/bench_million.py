"""The dashboard at a regional office's size (issue 21.5): 20,000 consultations, about 1,000,000
feedback entries in four catalogs (benchmarks/million.py), on SQLite and on PostgreSQL.

Per engine: the time to make the store (bulk SQL), then dashboard recompute
(storage/dashboard_queries.dashboard_figures) p50/p95 for each filter the dashboard offers
(none, group, province, group and province, a year of dates, a month, a catalog, catalog and
group), each beside two baselines timed in the same run: ``SELECT count(*) FROM feedback`` and
one pass reading a column of every live entry. On SQLite also the time from constructing the
dashboard window (offscreen Qt) to its first figures on screen. The process's peak memory
(ru_maxrss) at the end.

Run alone: .venv/bin/python benchmarks/bench_million.py [--consultations 20000] [--repeat 7]
[--engine sqlite|postgresql|both]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

GOAL_MS, WINDOW_GOAL_MS = 200.0, 1000.0


# Warm-up then timed samples, and the nearest-rank p95: the dashboard benchmark's own.
from benchmarks.bench_dashboard import _p95, _samples  # noqa: E402


def filters_offered(catalog_id: str):
    from consultation_app.storage.dashboard_queries import Filters

    return {"none": Filters(), "group": Filters(group="indigenous_communities"),
            "province": Filters(province="ratanakiri"),
            "group + province": Filters(group="civil_society", province="phnom_penh"),
            "dates: one year": Filters(date_from="2024-01-01", date_to="2024-12-31"),
            "dates: one month": Filters(date_from="2024-03-01", date_to="2024-03-31"),
            "dates: from a day on": Filters(date_from="2022-06-15"),
            "catalog": Filters(catalog_id=catalog_id),
            "catalog + group": Filters(catalog_id=catalog_id, group="provincial_authorities")}


def measure(engine: str, db, reference, repeat: int, made: dict) -> list[dict]:
    from consultation_app.storage import dashboard_queries

    catalog_id = db.execute("SELECT min(catalog_id) FROM catalogs").fetchone()[0]
    baseline = statistics.median(_samples(lambda: db.execute("SELECT count(*) FROM feedback").fetchone(), repeat))
    scan = statistics.median(_samples(lambda: db.execute(
        "SELECT count(*), sum(length(priority)) FROM feedback WHERE deleted = 0").fetchone(), repeat))
    rows = []
    for name, filters in filters_offered(catalog_id).items():
        samples = _samples(lambda filters=filters: dashboard_queries.dashboard_figures(db, reference, filters), repeat)
        p50, p95 = statistics.median(samples), _p95(samples)
        rows.append({"benchmark": f"{engine}: dashboard recompute, filter {name} (n={repeat})",
                     "figure": f"p50 {p50:.0f} / p95 {p95:.0f} ms",
                     "baseline": f"count(*) {baseline:.1f} ms; one pass {scan:.0f} ms",
                     "ratio": f"{p95 / scan:.1f}× one pass", "goal": f"p95 ≤ {GOAL_MS:.0f} ms",
                     "verdict": "pass" if p95 <= GOAL_MS else "FAIL",
                     "data": {"samples_ms": samples, "count_ms": baseline, "scan_ms": scan, **made}})
    return rows


def window_open_ms(workspace) -> float:
    """Construction of the dashboard window to its first figures on screen (offscreen Qt, the
    figures computed in the window's background thread as in the app)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from consultation_app.ui.dashboard import DashboardWindow

    app = QApplication.instance() or QApplication([])
    start = time.perf_counter()
    window = DashboardWindow(workspace, "en")
    loop = QEventLoop()
    window.recomputed.connect(loop.quit)
    QTimer.singleShot(120_000, loop.quit)
    window.show()
    loop.exec()
    elapsed = (time.perf_counter() - start) * 1000
    assert window.figures is not None
    window.close()
    app.processEvents()
    return elapsed


def run_sqlite(consultations: int, repeat: int, keep: Path | None = None) -> list[dict]:
    from benchmarks import million
    from consultation_app.services.workspace import Workspace

    with tempfile.TemporaryDirectory() as folder:
        workspace = Workspace(keep or Path(folder) / "central.sqlite3")
        try:
            start = time.perf_counter()
            counts = million.fill(workspace.db, workspace.reference, consultations)
            made = {"make_seconds": time.perf_counter() - start, **counts}
            rows = measure("SQLite", workspace.db, workspace.reference, repeat, made)
            opened = window_open_ms(workspace)
            rows.append({"benchmark": "SQLite: dashboard window, construction to first figures shown",
                         "figure": f"{opened:.0f} ms", "baseline": "—", "ratio": "—",
                         "goal": f"< {WINDOW_GOAL_MS:.0f} ms",
                         "verdict": "pass" if opened < WINDOW_GOAL_MS else "FAIL", "data": {"ms": opened}})
        finally:
            workspace.close()
    return rows


def run_postgresql(consultations: int, repeat: int) -> list[dict]:
    from benchmarks import million
    from consultation_app.services.central_database import CentralDatabase
    from tests.pg_server import start_server

    server, stop = start_server()
    try:
        with CentralDatabase(server.url()) as central:
            start = time.perf_counter()
            counts = million.fill(central.db, central.reference, consultations)
            made = {"make_seconds": time.perf_counter() - start, **counts}
            return measure("PostgreSQL", central.db, central.reference, repeat, made)
    finally:
        stop()


def run(quick: bool = False, repeat: int = 7, engine: str = "both", consultations: int = 20_000,
        keep: Path | None = None, pg_consultations: int | None = None) -> list[dict]:
    consultations = 2_000 if quick else consultations
    rows = []
    if engine in ("sqlite", "both"):
        rows += run_sqlite(consultations, repeat, keep)
    if engine in ("postgresql", "both"):
        rows += run_postgresql(pg_consultations or consultations, repeat)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rows.append({"benchmark": "peak memory of the benchmark process (ru_maxrss)", "figure": f"{peak:.0f} MB",
                 "baseline": "—", "ratio": "—", "goal": "< 1024 MB", "verdict": "pass" if peak < 1024 else "FAIL",
                 "data": {"peak_mb": peak}})
    for row in rows:
        if "make_seconds" in row.get("data", {}):
            row["data"]["made"] = f"{row['data']['feedback']:,} entries in {row['data']['make_seconds']:.0f} s"
    return rows


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="2,000 consultations instead of 20,000")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--consultations", type=int, default=20_000)
    parser.add_argument("--engine", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--pg-consultations", type=int, help="a smaller store on PostgreSQL (its statement is slower)")
    parser.add_argument("--keep", type=Path, help="make the SQLite store at this (new) path and keep it")
    args = parser.parse_args()
    made_rows = set()
    for row in run(args.quick, args.repeat, args.engine, args.consultations, args.keep, args.pg_consultations):
        made = row.get("data", {}).get("made")
        if made and row["benchmark"].split(":")[0] not in made_rows:
            made_rows.add(row["benchmark"].split(":")[0])
            print(f"{row['benchmark'].split(':')[0]}: store made: {made}")
        print(" | ".join(str(value) for key, value in row.items() if key != "data"), flush=True)
