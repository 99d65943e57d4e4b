"""The central office's outputs on both engines, at bench_midterm.py's size: a 1,000-recommendation
catalog (plus the bundled 47), about 100,000 feedback entries from 2,000 demo consultations, an
implementation record on every recommendation of it. The SQLite store is made first, then moved
onto a throwaway PostgreSQL server (tests/pg_server.py) with `central move-to` (the same rows on
both); then the report (.xlsx, .pdf), the matrix and the implementation exchange file are each
written by a fresh child process from each engine, interleaved, timed wall to wall with peak
resident memory. An output that fails on one engine is reported with its one-line reason.

Run alone: .venv/bin/python benchmarks/bench_reports_pg.py [--quick] [--repeat N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for folder in (ROOT, ROOT / "benchmarks"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

CHILD = """
import sys, os
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from pathlib import Path
from consultation_app.services.reference_lists import default_reference
kind, source, out = sys.argv[1], sys.argv[2], sys.argv[3]
source = source if source.startswith("postgresql://") else Path(source)
if kind == "matrix":
    from consultation_app.exchange.matrix import write_matrix
    r = write_matrix(source, out, default_reference())
elif kind == "exchange":
    from consultation_app.exchange.central_exchange_write import write_central_exchange
    r = write_central_exchange(source, Path(out))
else:
    from consultation_app.exchange.report import write_report
    r = write_report(source, out, default_reference())
print(r)
# This process's own peak: ru_maxrss would carry the parent's (Linux keeps it across fork + exec).
print("peak_kb", next(l.split()[1] for l in open("/proc/self/status") if l.startswith("VmHWM")))
"""
OUTPUTS = (("report .xlsx", "report", "report.xlsx"), ("report .pdf", "report", "report.pdf"),
           ("matrix .xlsx", "matrix", "matrix.xlsx"), ("implementation export", "exchange", "exchange.xlsx"))


def child(kind: str, source: str, out: Path, data_dir: Path) -> tuple[float, float, str]:
    """(wall seconds, peak RSS MB, '' or the failure's last line) of one output by a fresh process."""
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", CHILD, kind, source, str(out)], stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, cwd=ROOT,
                               env={**os.environ, "PYTHONPATH": str(ROOT), "CONSULTATION_APP_DATA_DIR": str(data_dir)})
    output = process.stdout.read().decode("utf-8", "replace") if process.stdout else ""
    status = process.wait()
    wall = time.perf_counter() - start
    failure = "" if status == 0 else (output.strip().splitlines() or ["(no output)"])[-1][:200]
    peak = [int(line.split()[1]) for line in output.splitlines() if line.startswith("peak_kb ")]
    return wall, peak[-1] / 1024 if peak else float("nan"), failure


def build(data: Path, size: int, consultations: int) -> tuple[Path, int]:
    """bench_midterm's data: the synthetic catalog, demo consultations, implementation records."""
    from run_benchmarks import synthetic_catalog

    from consultation_app.domain.catalog import parse_catalog
    from consultation_app.paths import DATABASE_NAME
    from consultation_app.services.demo import add_demo_data
    from consultation_app.services.workspace import Workspace
    from consultation_app.storage import catalog_store
    from consultation_app.storage import implementation_store as store

    data.mkdir()
    workspace = Workspace(data / DATABASE_NAME)
    try:
        catalog_store.load_catalog(workspace.db, parse_catalog(synthetic_catalog(size), "synthetic"))
        counts = add_demo_data(workspace, consultations, seed=3, feedback_mean=50)
        store.put_institution(workspace.db, "moi", "Ministry of Interior", "ក្រសួងមហាផ្ទៃ", "ministry")
        statuses = ("not_started", "ongoing", "completed", "no_information")
        with workspace.db.atomic():
            for index, rec in enumerate(catalog_store.list_recommendations(workspace.db, "bench")):
                store.record(workspace.db, workspace.device_id, "bench", "bench", rec["code"],
                             {"status": statuses[index % 4], "measures": f"Measure {index} " * 8,
                              "institutions": ["moi"]})
        return workspace.database_path, counts["feedback"]
    finally:
        workspace.close()


def run(quick: bool = False, repeat: int = 1) -> list[dict]:
    import psycopg
    from run_benchmarks import row, times

    from consultation_app.storage.move_to_server import move_to_server
    from tests.pg_server import start_server

    size, consultations = (100, 200) if quick else (1000, 2000)
    rows: list[dict] = []
    server, stop = start_server()
    try:
        with tempfile.TemporaryDirectory() as folder:
            tmp = Path(folder)
            made = time.perf_counter()
            database, entries = build(tmp / "data", size, consultations)
            made = time.perf_counter() - made
            name = f"b_{uuid.uuid4().hex[:8]}"
            with psycopg.connect(server.url(), autocommit=True) as admin:
                admin.execute(f"CREATE DATABASE {name}")
            url = server.url(name)
            moved = time.perf_counter()
            move_to_server(database, url)
            moved = time.perf_counter() - moved
            print(f"data: {entries:,} feedback entries, {size + 47:,} recommendations ({made:.0f} s to make, "
                  f"{moved:.0f} s to move onto the server)", flush=True)
            sources = {"SQLite": str(database), "PostgreSQL": url}
            for label, kind, file_name in OUTPUTS:
                walls: dict[str, list[float]] = {engine: [] for engine in sources}
                peaks: dict[str, float] = {}
                failures: dict[str, str] = {}
                for _ in range(repeat):
                    for engine, source in sources.items():  # interleaved: the machine's noise hits both
                        wall, rss, failure = child(kind, source, tmp / f"{engine}-{file_name}", tmp / "data")
                        walls[engine].append(wall)
                        peaks[engine] = max(peaks.get(engine, 0.0), rss)
                        if failure:
                            failures[engine] = failure
                sqlite_s = statistics.median(walls["SQLite"])
                pg_s = statistics.median(walls["PostgreSQL"])
                if "PostgreSQL" in failures:
                    figure = f"fails on PostgreSQL: {failures['PostgreSQL']}"
                else:
                    figure = f"{pg_s:.1f} s, {peaks['PostgreSQL']:.0f} MB peak"
                base = f"SQLite {sqlite_s:.1f} s, {peaks['SQLite']:.0f} MB peak" + \
                    (f" (fails: {failures['SQLite']})" if "SQLite" in failures else "")
                rows.append(row(f"{label} on PostgreSQL 15: {size + 47:,} recommendations, {entries:,} entries",
                                figure, base, "—" if failures else times(pg_s / sqlite_s), seconds=pg_s,
                                baseline_seconds=sqlite_s, rss_mb=peaks["PostgreSQL"], failures=failures))
                print(rows[-1]["benchmark"], "|", figure, "|", base, flush=True)
    finally:
        stop()
    return rows


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--repeat", type=int, default=1)
    arguments = parser.parse_args()
    run(arguments.quick, arguments.repeat)
