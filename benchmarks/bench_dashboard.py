"""Dashboard figures: everything the dashboard window computes for one set of filters (one SQL
statement, storage/dashboard_queries.dashboard_figures), over about 100,000 feedback entries
(2,000 demo consultations of about 50 entries, made once per call of ``run``), unfiltered and
with one filter (a stakeholder group: a quarter of the entries); beside a plain
``SELECT count(*) FROM feedback`` timed in the same run. One more row shows the same
unfiltered figures with the two indexes of migration m007 dropped (inside a transaction
that is rolled back), which is what the migration is for.

Run alone: .venv/bin/python benchmarks/bench_dashboard.py [--quick] [--repeat 9]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

GOAL_MS = 200.0
CONSULTATIONS, FEEDBACK_MEAN = 2000, 50


def _samples(fn, repeat: int) -> list[float]:
    fn()  # warm-up: the steady state of an open window, not the first touch of a cold page cache
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def _p95(samples: list[float]) -> float:
    ordered = sorted(samples)  # nearest rank: a value that was actually observed
    return ordered[max(0, -(-95 * len(ordered) // 100) - 1)]


def run(quick: bool = False, repeat: int = 9) -> list[dict]:
    from consultation_app.services.demo import add_demo_data
    from consultation_app.services.workspace import Workspace
    from consultation_app.storage import dashboard_queries
    from consultation_app.storage.dashboard_queries import Filters

    repeat = repeat or 9
    consultations = 200 if quick else CONSULTATIONS
    with tempfile.TemporaryDirectory() as folder:
        workspace = Workspace(Path(folder) / "central.sqlite3")  # migrated: the m007 indexes are there
        try:
            made = time.perf_counter()
            counts = add_demo_data(workspace, consultations, seed=1, feedback_mean=FEEDBACK_MEAN)
            made = time.perf_counter() - made
            db, reference = workspace.db, workspace.reference
            entries = counts["feedback"]
            group = "indigenous_communities"

            def recompute(filters: Filters):
                figures = dashboard_queries.dashboard_figures(db, reference, filters)
                assert figures.total.entries <= entries
                return figures

            # Correctness first: a fast wrong answer is no figure.
            assert recompute(Filters()).total.entries == entries
            filtered = recompute(Filters(group=group)).total.entries
            assert 0 < filtered < entries
            baseline = _samples(lambda: db.execute("SELECT count(*) FROM feedback").fetchone(), repeat)
            # count(*) alone is answered from the b-tree's page counts; a read of one column of every
            # row shows what a single pass over the entries costs
            row_scan = _samples(lambda: db.execute(
                "SELECT count(*), sum(length(priority)) FROM feedback NOT INDEXED WHERE deleted = 0").fetchone(),
                repeat)
            unfiltered = _samples(lambda: recompute(Filters()), repeat)
            one_filter = _samples(lambda: recompute(Filters(group=group)), repeat)
            db.execute("BEGIN")
            try:  # the same figures as if migration m007 had not run
                db.execute("DROP INDEX feedback_dashboard")
                db.execute("DROP INDEX feedback_distribution")
                without = _samples(lambda: recompute(Filters()), max(3, repeat // 3))
            finally:
                db.execute("ROLLBACK")
        finally:
            workspace.close()

    base, scan = statistics.median(baseline), statistics.median(row_scan)
    rows = []
    for name, samples in ((f"dashboard recompute, {entries:,} entries, unfiltered", unfiltered),
                          (f"dashboard recompute, one filter (group: {filtered:,} entries)", one_filter)):
        median = statistics.median(samples)
        rows.append({
            "benchmark": f"{name} (median of {repeat})",
            "figure": f"p50 {median:.0f} / p95 {_p95(samples):.0f} / max {max(samples):.0f} ms",
            "baseline": f"SELECT count(*) FROM feedback {base:.3f} ms; one pass over every row {scan:.0f} ms",
            "ratio": f"{median / base:,.0f}× count(*), {median / scan:.1f}× one pass",
            "goal": f"≤ {GOAL_MS:.0f} ms", "verdict": "pass" if median <= GOAL_MS else "FAIL",
            "data": {"samples_ms": samples, "baseline_ms": baseline, "row_scan_ms": row_scan, "entries": entries,
                     "consultations": counts["consultations"], "demo_data_seconds": made}})
    median = statistics.median(without)
    rows.append({
        "benchmark": f"dashboard recompute, unfiltered, without the m007 indexes (median of {len(without)})",
        "figure": f"p50 {median:.0f} / max {max(without):.0f} ms",
        "baseline": f"with them: p50 {statistics.median(unfiltered):.0f} ms",
        "ratio": f"{median / statistics.median(unfiltered):.2f}×", "goal": "report", "verdict": "—",
        "data": {"samples_ms": without}})
    return rows


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="200 consultations instead of 2,000")
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()
    for row in run(args.quick, args.repeat):
        print(" | ".join(str(value) for key, value in row.items() if key != "data"))
