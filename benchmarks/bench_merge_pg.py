"""Merge on both engines: the merge benchmark's exports (bench_merge.py: 200 field exports,
about 100,000 feedback entries) merged into a fresh SQLite central database and into a fresh
database on a throwaway PostgreSQL server (tests/pg_server.py), interleaved in the same run,
beside python-calamine's bare read of the same files; then the master workbook from both
(``master-export``) beside XlsxWriter (constant_memory) writing the export's cells of the same
records (bench_export.py's baseline), with each process's peak memory.

Run: .venv/bin/python benchmarks/bench_merge_pg.py [--quick] [--repeat N] [--files 2000] [--ab TREE]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for folder in (ROOT, ROOT / "benchmarks"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

import bench_merge  # noqa: E402

_PG_CHILD = r"""
import json, sys, time
from pathlib import Path
folder, url = Path(sys.argv[1]), sys.argv[2]
from consultation_app.exchange.merge import merge_paths
from consultation_app.services.central_database import CentralDatabase
central = CentralDatabase(url)  # migrated, annex loaded (untimed)
reference = central.reference
central.close()
start = time.perf_counter()
results = merge_paths(url, [folder], reference)
elapsed = time.perf_counter() - start
bad = [r.as_json() for r in results if r.status != "merged"]
if bad:
    raise SystemExit(f"merge did not merge every file: {bad[:2]}")
with open("/proc/self/status") as status:
    hwm = next((int(line.split()[1]) / 1024 for line in status if line.startswith("VmHWM")), 0.0)
print(json.dumps({"seconds": elapsed, "work": sum(r.counts["new"] for r in results), "peak_mb": hwm}))
"""

# The master workbook from the server (the SQLite one and XlsxWriter's baseline: bench_export.py).
_PG_MASTER_CHILD = r"""
import json, os, sys, time
from pathlib import Path
url, out = sys.argv[1], Path(sys.argv[2])
from consultation_app.exchange.master_export import write_master_export
from consultation_app.services.reference_lists import default_reference
reference = default_reference()
start = time.perf_counter()
result = write_master_export(url, out, reference)
elapsed = time.perf_counter() - start
with open("/proc/self/status") as status:
    hwm = next((int(line.split()[1]) / 1024 for line in status if line.startswith("VmHWM")), 0.0)
print(json.dumps({"seconds": elapsed, "rows": result.counts["feedback"], "peak_mb": hwm,
                  "bytes": os.path.getsize(out)}))
"""


def _child(script: str, args: list[str], data_dir: Path, root: Path = ROOT) -> dict:
    env = dict(os.environ, PYTHONPATH=str(root), QT_QPA_PLATFORM="offscreen", CONSULTATION_APP_DATA_DIR=str(data_dir))
    done = subprocess.run([sys.executable, "-c", script, *args], env=env, capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(f"PostgreSQL child failed: {done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def run(quick: bool = False, repeat: int = 1, files: int | None = None, other: Path | None = None,
        master: bool = True) -> list[dict]:
    """``other``: another source tree whose PostgreSQL merge runs beside this tree's (A/B)."""
    import bench_export
    import psycopg

    from tests.pg_server import start_server

    files = files or (bench_merge.FILES // 10 if quick else bench_merge.FILES)
    server, stop = start_server()
    times: dict[str, list[dict]] = {name: [] for name in ("read", "sqlite", "postgresql", "other", "master_sqlite",
                                                          "master_postgresql", "xlsxwriter")}
    try:
        with tempfile.TemporaryDirectory(prefix="bench-merge-pg-") as folder:
            base = Path(folder)
            made = bench_merge.make_exports(base, files)
            exports = base / "exports"
            for i in range(repeat):
                times["read"].append(bench_merge.run_child("calamine", exports, base / "unused.sqlite3"))
                data = base / f"data-{i}"
                data.mkdir()
                times["sqlite"].append(bench_merge.run_child("merge", exports, data / "consultations.sqlite3"))
                with psycopg.connect(server.url(), autocommit=True) as admin:
                    admin.execute(f"CREATE DATABASE central_{i}")
                    if other is not None:
                        admin.execute(f"CREATE DATABASE other_{i}")
                times["postgresql"].append(_child(_PG_CHILD, [str(exports), server.url(f"central_{i}")], data))
                if other is not None:
                    times["other"].append(_child(_PG_CHILD, [str(exports), server.url(f"other_{i}")], data, other))
                if master:
                    times["xlsxwriter"].append(bench_export.run_child("xlsxwriter-all", data, base / "base.xlsx"))
                    times["master_sqlite"].append(bench_export.run_child("master", data, base / "m-sqlite.xlsx"))
                    times["master_postgresql"].append(
                        _child(_PG_MASTER_CHILD, [server.url(f"central_{i}"), str(base / "m-pg.xlsx")], data))
    finally:
        stop()
    med = {name: statistics.median(x["seconds"] for x in runs) for name, runs in times.items() if runs}
    peak = {name: max(x["peak_mb"] for x in runs) for name, runs in times.items() if runs}
    row = {"benchmark": f"merge {files} exports, {made['feedback']:,} feedback entries (median of {repeat})",
           "calamine_read_s": round(med["read"], 2), "sqlite_s": round(med["sqlite"], 2),
           "sqlite_ratio": round(med["sqlite"] / med["read"], 2), "postgresql_s": round(med["postgresql"], 2),
           "postgresql_ratio": round(med["postgresql"] / med["read"], 2),
           "sqlite_writer_peak_mb": round(peak["sqlite"]), "postgresql_writer_peak_mb": round(peak["postgresql"]),
           "samples": {name: [round(x["seconds"], 2) for x in runs] for name, runs in times.items() if runs},
           "when": time.strftime("%Y-%m-%d %H:%M")}
    if other is not None:
        row["other_tree"], row["other_postgresql_s"] = str(other), round(med["other"], 2)
    if master:
        row.update({"master_rows": times["master_sqlite"][0]["rows"], "xlsxwriter_s": round(med["xlsxwriter"], 2),
                    "master_sqlite_s": round(med["master_sqlite"], 2),
                    "master_sqlite_ratio": round(med["master_sqlite"] / med["xlsxwriter"], 2),
                    "master_postgresql_s": round(med["master_postgresql"], 2),
                    "master_postgresql_ratio": round(med["master_postgresql"] / med["xlsxwriter"], 2),
                    "master_sqlite_peak_mb": round(peak["master_sqlite"]),
                    "master_postgresql_peak_mb": round(peak["master_postgresql"]),
                    "xlsxwriter_peak_mb": round(peak["xlsxwriter"])})
    return [row]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--files", type=int, help="how many exports (default 200; 2000 is about 1,000,000 entries)")
    parser.add_argument("--ab", type=Path, metavar="TREE", help="also merge into PostgreSQL with another source tree")
    parser.add_argument("--no-master", action="store_true", help="merge only (no master workbook figures)")
    args = parser.parse_args()
    for row in run(args.quick, args.repeat, args.files, args.ab, not args.no_master):
        print(json.dumps(row))


if __name__ == "__main__":
    main()
