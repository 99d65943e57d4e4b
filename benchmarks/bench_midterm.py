"""The mid-term outputs at scale: the follow-up matrix (.xlsx), the Word draft (.docx) and the
PDF report for a 1,000-recommendation catalog (plus the bundled 47) with about 100,000 feedback
entries (2,000 demo consultations of about 50) and an implementation record on every
recommendation of it; each written by its own child process, timed wall to wall, with its peak
resident memory. Baseline in the same run: the report's workbook (.xlsx), the output that
existed before. Then a 95,000-recommendation catalog is loaded beside it: a printed report of
everything is refused at once (with the count and a hint), and the Word draft of the
1,000-recommendation catalog alone (--catalog) is timed again: its cost follows what is printed.
Goal (issue 20): each output under 30 s and 500 MB.

Run alone: .venv/bin/python benchmarks/bench_midterm.py [--quick]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for folder in (ROOT, ROOT / "benchmarks"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

GOAL_S, GOAL_MB = 30.0, 500.0
CHILD = """
import sys, os
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from pathlib import Path
from consultation_app.services.reference_lists import default_reference
kind, db, out, catalog = sys.argv[1], Path(sys.argv[2]), sys.argv[3], sys.argv[4] or None
if kind == "matrix":
    from consultation_app.exchange.matrix import write_matrix
    r = write_matrix(db, out, default_reference(), catalog_id=catalog)
else:
    from consultation_app.exchange.report import write_report
    r = write_report(db, out, default_reference(), catalog_id=catalog)
print(r)
"""


def child(kind: str, database: Path, out: Path, catalog: str = "") -> tuple[float, float, str]:
    """(wall seconds, peak RSS in MB, output) of one output written by a fresh process."""
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", CHILD, kind, str(database), str(out), catalog],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=ROOT,
                               env={**os.environ, "PYTHONPATH": str(ROOT)})
    output = process.stdout.read().decode("utf-8", "replace") if process.stdout else ""
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if status != 0:
        raise RuntimeError(f"{kind} failed: {output[-2000:]}")
    return wall, usage.ru_maxrss / 1024, output.strip().splitlines()[-1] if output.strip() else ""


def run(quick: bool = False) -> list[dict]:
    from run_benchmarks import mb, row, synthetic_catalog, times  # noqa: F401 (shared helpers)

    from consultation_app.domain.catalog import parse_catalog
    from consultation_app.services.demo import add_demo_data
    from consultation_app.services.workspace import Workspace
    from consultation_app.storage import catalog_store
    from consultation_app.storage import implementation_store as store

    size, consultations, big = (100, 200, 9_500) if quick else (1000, 2000, 95_000)
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        from consultation_app.paths import DATABASE_NAME

        (tmp / "data").mkdir()
        workspace = Workspace(tmp / "data" / DATABASE_NAME)
        try:
            catalog_store.load_catalog(workspace.db, parse_catalog(synthetic_catalog(size), "synthetic"))
            made = time.perf_counter()
            counts = add_demo_data(workspace, consultations, seed=3, feedback_mean=50)
            made = time.perf_counter() - made
            store.put_institution(workspace.db, "moi", "Ministry of Interior", "ក្រសួងមហាផ្ទៃ", "ministry")
            statuses = ("not_started", "ongoing", "completed", "no_information")
            with workspace.db.atomic():
                for index, rec in enumerate(catalog_store.list_recommendations(workspace.db, "bench")):
                    store.record(workspace.db, workspace.device_id, "bench", "bench", rec["code"],
                                 {"status": statuses[index % 4], "measures": f"Measure {index} " * 8,
                                  "institutions": ["moi"]})
            database = workspace.database_path
        finally:
            workspace.close()
        print(f"data: {counts['feedback']:,} feedback entries, {counts['consultations']:,} consultations "
              f"({made:.0f} s to make)", flush=True)
        base_wall, base_rss, _ = child("report", database, tmp / "baseline.xlsx")
        base = f"report .xlsx {base_wall:.1f} s, {base_rss:.0f} MB"
        for name, kind, out in (("matrix .xlsx", "matrix", tmp / "matrix.xlsx"),
                                ("Word draft .docx", "report", tmp / "draft.docx"),
                                ("PDF report", "report", tmp / "report.pdf")):
            wall, rss, output = child(kind, database, out)
            verdict = "meets" if wall < GOAL_S and rss < GOAL_MB else "misses"
            rows.append(row(f"{name}: {size + 47:,} recommendations, {counts['feedback']:,} entries",
                            f"{wall:.1f} s, {rss:.0f} MB peak, {out.stat().st_size / 2**20:.1f} MB file", base,
                            times(wall / base_wall), goal=f"< {GOAL_S:.0f} s, < {GOAL_MB:.0f} MB", verdict=verdict,
                            seconds=wall, rss_mb=rss, baseline_seconds=base_wall, output=output))
            print(rows[-1]["benchmark"], "|", rows[-1]["figure"], "|", base, flush=True)
        workspace = Workspace(database)
        try:
            huge = synthetic_catalog(big, seed=11)
            huge["catalog_id"] = "huge"
            loaded = time.perf_counter()
            catalog_store.load_catalog(workspace.db, parse_catalog(huge, "synthetic"))
            loaded = time.perf_counter() - loaded
        finally:
            workspace.close()
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "consultation_app", "--data-dir", str(tmp / "data"), "report",
                               "--out", str(tmp / "all.docx")], capture_output=True, text=True, cwd=ROOT)
        refused = time.perf_counter() - start
        rows.append(row(f"printed report of {big + size + 47:,} recommendations: refused",
                        f"{refused:.1f} s (exit {done.returncode})", f"catalog load {loaded:.0f} s", "—",
                        message=(done.stderr or done.stdout).strip()[-400:]))
        print(rows[-1]["benchmark"], "|", rows[-1]["figure"], "|", rows[-1]["data"]["message"], flush=True)
        wall, rss, _ = child("report", database, tmp / "one.docx", "bench")
        rows.append(row(f"Word draft --catalog bench ({size:,}) beside {big:,} others", f"{wall:.1f} s, {rss:.0f} MB",
                        base, times(wall / base_wall), goal=f"< {GOAL_S:.0f} s",
                        verdict="meets" if wall < GOAL_S and rss < GOAL_MB else "misses", seconds=wall, rss_mb=rss))
        print(rows[-1]["benchmark"], "|", rows[-1]["figure"], flush=True)
    return rows


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    run(parser.parse_args().quick)
