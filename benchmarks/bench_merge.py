"""Merge figures: 200 field exports (about 100,000 feedback entries in all) merged by the app
into a fresh central database, beside python-calamine merely reading the same 200 files
(every sheet, to_python) in the same run; peak memory of each.

Each field export is a real one: its own data folder, 10 demo consultations of about 50
feedback entries each, exported once with sensitive content (so every entry travels). The
files are made once per call of ``run`` and shared by its repeats; nothing is kept between
calls. Timed work runs in child processes (one per repeat, merge and baseline interleaved),
so each figure's peak memory (VmHWM) is its own; the merge's is the writing process's plus, for
each reader process it starts, the largest reader's peak. Imports and the fresh database's
creation (schema, annex) happen before the clock starts, in both.

Run alone: .venv/bin/python benchmarks/bench_merge.py [--quick] [--repeat 3] [--profile FILE]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FILES, CONSULTATIONS, FEEDBACK_MEAN = 200, 10, 50
GOAL_RATIO, GOAL_MB = 2.0, 400

_CHILD = r"""
import json, os, sys, time
from pathlib import Path
mode, folder, database = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
files = sorted(folder.glob("*.xlsx"))
if mode in ("merge", "profile"):
    from consultation_app.exchange.merge import merge_paths
    from consultation_app.services.workspace import Workspace
    workspace = Workspace(database)  # a fresh central database: migrated, annex loaded (untimed)
    reference = workspace.reference
    if os.environ.get("CONSULTATION_APP_BENCH_NO_DASHBOARD_TRIGGERS"):  # the merge without the dashboard's marks
        from consultation_app.storage.dashboard_triggers import SQLITE_TRIGGERS
        for name in SQLITE_TRIGGERS:
            workspace.db.execute(f"DROP TRIGGER {name}")
    workspace.close()
    if mode == "profile":
        import cProfile
        profiler = cProfile.Profile()
        profiler.enable()
    start = time.perf_counter()
    results = merge_paths(database, [folder], reference)
    elapsed = time.perf_counter() - start
    if mode == "profile":
        profiler.disable()
        profiler.dump_stats(sys.argv[4])
    bad = [r.as_json() for r in results if r.status != "merged"]
    if bad or len(results) != len(files):
        raise SystemExit(f"merge did not merge every file: {bad[:2]}")
    work = sum(r.counts["new"] for r in results)
else:
    from python_calamine import CalamineWorkbook
    start = time.perf_counter()
    work = 0
    for path in files:
        book = CalamineWorkbook.from_path(str(path))
        for name in book.sheet_names:
            work += sum(len(row) for row in book.get_sheet_by_name(name).to_python())
    elapsed = time.perf_counter() - start
with open("/proc/self/status") as status:
    hwm = next((int(line.split()[1]) / 1024 for line in status if line.startswith("VmHWM")), 0.0)
# The reader processes the merge started (spawned, so their ru_maxrss is their own): the largest.
import resource
readers_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
workers = 0
if mode in ("merge", "profile"):
    from consultation_app.exchange.merge_read import WORKERS as workers
print(json.dumps({"seconds": elapsed, "work": work, "peak_mb": hwm, "reader_peak_mb": readers_mb,
                  "readers": workers}))
"""


def _make_export(task: tuple[int, str, str]) -> dict:
    """One field laptop: a data folder of its own, demo consultations, one export."""
    index, folder, out = task
    from consultation_app.exchange.export import export_package
    from consultation_app.services import demo
    from consultation_app.services.workspace import Workspace
    from consultation_app.storage import settings_store

    with Workspace(Path(folder) / f"laptop-{index:03}.sqlite3") as workspace:
        settings_store.put(workspace.db, settings_store.DEVICE_NAME, f"laptop-{index:03}")
        demo.add_demo_data(workspace, CONSULTATIONS, seed=10_000 + index, feedback_mean=FEEDBACK_MEAN)
        result = export_package(workspace.database_path, Path(out), workspace.reference, include_sensitive=True)
    return result.counts


def make_exports(folder: Path, files: int) -> dict:
    """``files`` field exports in ``folder``/exports (laptop databases beside them)."""
    laptops, exports = folder / "laptops", folder / "exports"
    laptops.mkdir()
    exports.mkdir()
    tasks = [(i, str(laptops), str(exports / f"export-{i:03}.xlsx")) for i in range(files)]
    # Spawned, not forked: the benchmark process may hold Qt's threads (the ui benchmark).
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 1, mp_context=multiprocessing.get_context("spawn")) as pool:
        counts = list(pool.map(_make_export, tasks, chunksize=4))
    totals = {key: sum(c[key] for c in counts) for key in ("consultations", "feedback", "notes")}
    totals["bytes"] = sum(p.stat().st_size for p in exports.glob("*.xlsx"))
    return totals


def run_child(mode: str, exports: Path, database: Path, *extra: str, root: Path = ROOT) -> dict:
    """``root``: the source tree the child runs (another checkout for an A/B, by PYTHONPATH)."""
    env = dict(os.environ, PYTHONPATH=str(root), QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-c", _CHILD, mode, str(exports), str(database), *extra], env=env,
                          capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(f"{mode} child failed: {done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def run(quick: bool = False, repeat: int = 3, files: int | None = None, other: Path | None = None) -> list[dict]:
    """``other``: another source tree (main's, copied) whose merge runs interleaved with this
    tree's on the same files, each repeat: a clean A/B (a row of its own)."""
    files = files or (FILES // 10 if quick else FILES)
    repeat = max(1, repeat or 3)
    with tempfile.TemporaryDirectory(prefix="bench-merge-") as folder:
        folder = Path(folder)
        start = time.perf_counter()
        made = make_exports(folder, files)
        setup = time.perf_counter() - start
        merges, reads, others = [], [], []
        for i in range(repeat):  # interleaved, so a noisy moment hits both alike
            reads.append(run_child("calamine", folder / "exports", folder / "unused.sqlite3"))
            merges.append(run_child("merge", folder / "exports", folder / f"central-{i}.sqlite3"))
            if other is not None:
                others.append(run_child("merge", folder / "exports", folder / f"other-{i}.sqlite3", root=other))
    records = made["consultations"] + made["feedback"] + made["notes"]
    if any(m["work"] != records for m in merges):
        raise RuntimeError(f"merged {[m['work'] for m in merges]} records, expected {records}")
    merge_s = statistics.median(m["seconds"] for m in merges)
    read_s = statistics.median(r["seconds"] for r in reads)
    ratio = merge_s / read_s
    peak, read_peak = max(m["peak_mb"] for m in merges), max(r["peak_mb"] for r in reads)
    reader_peak, readers = max(m["reader_peak_mb"] for m in merges), merges[0]["readers"]
    total = peak + readers * reader_peak  # the writing process and its reader processes together
    size = f"{files} exports, {made['feedback']:,} feedback entries"
    ab = []
    if others:
        other_s = [o["seconds"] for o in others]
        ab.append({"benchmark": f"A/B: merge by {other} (interleaved, {repeat} runs)",
                   "figure": f"this tree {', '.join(f'{m:.2f}' for m in (x['seconds'] for x in merges))} s; "
                             f"other {', '.join(f'{o:.2f}' for o in other_s)} s",
                   "baseline": f"python-calamine: {', '.join(f'{r:.2f}' for r in (x['seconds'] for x in reads))} s",
                   "ratio": f"{merge_s / statistics.median(other_s):.2f}x (medians, this / other)", "goal": "report",
                   "verdict": "—", "data": {"this": [m["seconds"] for m in merges], "other": other_s,
                                            "calamine": [r["seconds"] for r in reads]}})
    return [*ab,
        {"benchmark": f"merge {size} (median of {repeat})",
         "figure": f"{merge_s:.2f} s ({records / merge_s:,.0f} records/s, {made['bytes'] / 1e6:.1f} MB of files)",
         "baseline": f"python-calamine reads the same files (all sheets): {read_s:.2f} s",
         "ratio": f"{ratio:.2f}x", "goal": f"<= {GOAL_RATIO:g}x", "verdict": "pass" if ratio <= GOAL_RATIO else "FAIL",
         "data": {"seconds": merge_s, "samples": [m["seconds"] for m in merges], "baseline_seconds": read_s,
                  "baseline_samples": [r["seconds"] for r in reads], "records": records, "setup_seconds": setup,
                  **made}},
        {"benchmark": "merge peak memory (VmHWM), writer and reader processes",
         "figure": f"{total:.0f} MB ({peak:.0f} MB writing, {readers} x {reader_peak:.0f} MB reading)",
         "baseline": f"python-calamine read: {read_peak:.0f} MB", "ratio": f"{total / read_peak:.2f}x",
         "goal": f"< {GOAL_MB} MB", "verdict": "pass" if total < GOAL_MB else "FAIL",
         "data": {"peak_mb": total, "writer_peak_mb": peak, "reader_peak_mb": reader_peak, "readers": readers,
                  "baseline_peak_mb": read_peak}},
    ]


def profile(out: Path, quick: bool = False) -> None:
    """One merge under cProfile, its stats written to ``out`` (read them with pstats)."""
    with tempfile.TemporaryDirectory(prefix="bench-merge-") as folder:
        folder = Path(folder)
        make_exports(folder, FILES // 10 if quick else FILES)
        result = run_child("profile", folder / "exports", folder / "central.sqlite3", str(out))
    print(f"profiled merge: {result['seconds']:.2f} s under cProfile; stats in {out}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="20 exports instead of 200")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--files", type=int, help="how many exports (default 200; 2000 is about 1,000,000 entries)")
    parser.add_argument("--ab", type=Path, metavar="TREE",
                        help="also merge with another source tree (e.g. a copy of main), interleaved")
    parser.add_argument("--profile", type=Path, metavar="FILE", help="profile one merge instead; stats to FILE")
    args = parser.parse_args()
    if args.profile:
        profile(args.profile, args.quick)
    else:
        for row in run(args.quick, args.repeat, args.files, args.ab):
            print(" | ".join(str(value) for key, value in row.items() if key != "data"))
