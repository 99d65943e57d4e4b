"""Merge on both engines: the merge benchmark's exports (bench_merge.py: 200 field exports,
about 100,000 feedback entries) merged into a fresh SQLite central database and into a fresh
database on a throwaway PostgreSQL server (tests/pg_server.py), interleaved in the same run,
beside python-calamine's bare read of the same files.

Run: .venv/bin/python benchmarks/bench_merge_pg.py [--quick] [--repeat N]
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
print(json.dumps({"seconds": elapsed, "work": sum(r.counts["new"] for r in results)}))
"""


def _pg_merge(exports: Path, url: str, data_dir: Path) -> dict:
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen", CONSULTATION_APP_DATA_DIR=str(data_dir))
    done = subprocess.run([sys.executable, "-c", _PG_CHILD, str(exports), url], env=env, capture_output=True,
                          text=True)
    if done.returncode:
        raise RuntimeError(f"PostgreSQL merge failed: {done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def run(quick: bool = False, repeat: int = 1) -> list[dict]:
    import psycopg

    from tests.pg_server import start_server

    files = bench_merge.FILES // 10 if quick else bench_merge.FILES
    server, stop = start_server()
    try:
        with tempfile.TemporaryDirectory(prefix="bench-merge-pg-") as folder:
            base = Path(folder)
            made = bench_merge.make_exports(base, files)
            reads, sqlite, postgresql = [], [], []
            for i in range(repeat):
                reads.append(bench_merge.run_child("calamine", base / "exports", base / "unused.sqlite3")["seconds"])
                merged = bench_merge.run_child("merge", base / "exports", base / f"central-{i}.sqlite3")
                sqlite.append(merged["seconds"])
                with psycopg.connect(server.url(), autocommit=True) as admin:
                    admin.execute(f"CREATE DATABASE central_{i}")
                on_server = _pg_merge(base / "exports", server.url(f"central_{i}"), base / f"data-{i}")
                postgresql.append(on_server["seconds"])
    finally:
        stop()
    read_s, sqlite_s, pg_s = (statistics.median(x) for x in (reads, sqlite, postgresql))
    return [{"benchmark": f"merge {files} exports, {made['feedback']:,} feedback entries (median of {repeat})",
             "calamine_read_s": round(read_s, 2), "sqlite_s": round(sqlite_s, 2),
             "sqlite_ratio": round(sqlite_s / read_s, 2), "postgresql_s": round(pg_s, 2),
             "postgresql_ratio": round(pg_s / read_s, 2), "when": time.strftime("%Y-%m-%d %H:%M")}]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    for row in run(args.quick, args.repeat):
        print(json.dumps(row))


if __name__ == "__main__":
    main()
