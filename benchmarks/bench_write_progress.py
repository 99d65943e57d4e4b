"""What the progress reports of the central office's long writes cost (issue 18): the master
export, the matrix and the PDF report written from the same database without a progress
callback (the baseline, as before) and with one that counts its calls and is asked whether to
cancel (what ui/background.py passes); alternated, median of --repeat runs, in this process.
Also how many progress reports each write made (exchange/progress.py caps them at about
REPORTS_PER_RUN: a cross-thread signal each).

Run alone: .venv/bin/python benchmarks/bench_write_progress.py [--consultations 400] [--repeat 3]
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


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--consultations", type=int, default=400)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from consultation_app import paths
    from consultation_app.exchange.master_export import write_master_export
    from consultation_app.exchange.matrix import write_matrix
    from consultation_app.exchange.report import write_report
    from consultation_app.services.demo import add_demo_data
    from consultation_app.services.workspace import Workspace

    with tempfile.TemporaryDirectory() as folder:
        paths.set_data_dir(Path(folder) / "data")
        with Workspace() as workspace:
            made = add_demo_data(workspace, args.consultations, seed=1, feedback_mean=25)
            source, reference = workspace.database_path, workspace.reference
        writers = {
            "master export (.xlsx)": lambda out, **kw: write_master_export(source, out, reference, **kw),
            "matrix (.xlsx)": lambda out, **kw: write_matrix(source, out, reference, **kw),
            "report (.pdf)": lambda out, **kw: write_report(source, out, reference, **kw),
        }
        print(f"{made} | {args.repeat} runs each, alternated")
        print("| write | without progress (s) | with progress (s) | ratio | progress reports |")
        print("|---|---|---|---|---|")
        for name, write in writers.items():
            suffix = ".pdf" if "pdf" in name else ".xlsx"
            plain, counted, reports = [], [], 0
            for run in range(args.repeat):
                start = time.perf_counter()
                write(Path(folder) / f"plain{run}{suffix}")
                plain.append(time.perf_counter() - start)
                calls: list[int] = []
                start = time.perf_counter()
                write(Path(folder) / f"counted{run}{suffix}", cancelled=lambda: False,
                      progress=lambda done, total, calls=calls: calls.append(done))
                counted.append(time.perf_counter() - start)
                reports = len(calls)
            a, b = statistics.median(plain), statistics.median(counted)
            print(f"| {name} | {a:.2f} | {b:.2f} | {b / a:.3f} | {reports} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
