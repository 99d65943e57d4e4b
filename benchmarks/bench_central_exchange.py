"""Merging implementation records between central copies (issue 20): a central exchange file
holding 1,000 recommendations x 5 revisions (5,000 revisions, one institution) written by one
copy and merged by `consultation-app merge` into another that holds the same catalog; then
merged again (every revision known: the already-merged check) and a second file of the same
records (nothing new: every revision looked up). Baseline in the same run: python-calamine's
bare read of the same file (every sheet to Python values), what any merge must at least do.
Each merge runs in a fresh process (the CLI, as staff run it), timed wall to wall, with its
peak resident memory; a merge includes its verified backup afterwards, as every merge does.

Run alone: .venv/bin/python benchmarks/bench_central_exchange.py [--quick]
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

REVISIONS_PER_RECORD = 5
CALAMINE = """
import sys
from python_calamine import CalamineWorkbook
book = CalamineWorkbook.from_path(sys.argv[1])
print(sum(len(book.get_sheet_by_name(name).to_python()) for name in book.sheet_names))
"""


def timed(command: list[str]) -> tuple[float, float, str]:
    """(wall seconds, peak RSS in MB, last line of output) of a fresh process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=ROOT,
                               env={**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"})
    output = process.stdout.read().decode("utf-8", "replace") if process.stdout else ""
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise RuntimeError(output[-2000:])
    return wall, usage.ru_maxrss / 1024, (output.strip().splitlines() or [""])[-1]


def make_copy(folder: Path, name: str, size: int):
    from run_benchmarks import synthetic_catalog

    from consultation_app.domain.catalog import parse_catalog
    from consultation_app.paths import DATABASE_NAME
    from consultation_app.services.workspace import Workspace
    from consultation_app.storage import catalog_store, settings_store

    (folder / name).mkdir()
    workspace = Workspace(folder / name / DATABASE_NAME)
    settings_store.put(workspace.db, settings_store.DEVICE_NAME, name)
    catalog_store.load_catalog(workspace.db, parse_catalog(synthetic_catalog(size), "synthetic"))
    return workspace


def run(quick: bool = False) -> list[dict]:
    from run_benchmarks import row, times

    from consultation_app.exchange.central_exchange_write import write_central_exchange
    from consultation_app.paths import DATABASE_NAME
    from consultation_app.storage import catalog_store
    from consultation_app.storage import implementation_store as store

    size = 100 if quick else 1000
    statuses = ("not_started", "ongoing", "completed", "no_information", "ongoing")
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        tmp = Path(scratch)
        sender = make_copy(tmp, "office-a", size)
        try:
            store.put_institution(sender.db, "moi", "Ministry of Interior", "ក្រសួងមហាផ្ទៃ", "ministry")
            codes = [rec["code"] for rec in catalog_store.list_recommendations(sender.db, "bench")]
            made = time.perf_counter()
            with sender.db.atomic():
                for revision in range(REVISIONS_PER_RECORD):
                    for index, code in enumerate(codes):
                        store.record(sender.db, sender.device_id, f"Officer {revision}", "bench", code,
                                     {"status": statuses[revision], "institutions": ["moi"],
                                      "measures": f"Measure {index}, step {revision}: ពិនិត្យឡើងវិញ " * 3,
                                      "indicator": f"Indicator {revision}"})
            made = time.perf_counter() - made
        finally:
            sender.close()
        start = time.perf_counter()
        written = write_central_exchange(tmp / "office-a" / DATABASE_NAME, tmp / "exchange.xlsx")
        write_s = time.perf_counter() - start
        again = write_central_exchange(tmp / "office-a" / DATABASE_NAME, tmp / "exchange-again.xlsx")
        make_copy(tmp, "office-b", size).close()
        print(f"data: {written.records:,} records, {written.revisions:,} revisions ({made:.0f} s to make); "
              f"file {written.path.stat().st_size / 2**20:.1f} MB written in {write_s:.1f} s", flush=True)
        base_s, base_mb, cells = timed([sys.executable, "-c", CALAMINE, str(written.path)])
        cli = [sys.executable, "-m", "consultation_app", "--data-dir", str(tmp / "office-b")]
        floor_s, _, _ = timed([*cli, "summary"])  # the CLI's own start on this data folder: in every merge
        base = (f"python-calamine bare read {base_s:.2f} s, {base_mb:.0f} MB ({cells} rows); "
                f"CLI start-up floor (summary) {floor_s:.2f} s")
        merge = [*cli, "merge"]
        for name, path in (("first merge", written.path), ("the same file again (already merged)", written.path),
                           ("a second file, every revision known", again.path)):
            wall, rss, output = timed([*merge, str(path)])
            rows.append(row(f"central exchange merge, {name}: {written.records:,} recs x {REVISIONS_PER_RECORD} "
                            f"revisions", f"{wall:.2f} s, {rss:.0f} MB peak", base, times(wall / base_s),
                            seconds=wall, rss_mb=rss, baseline_seconds=base_s, cli_floor_seconds=floor_s,
                            output=output))
            print(rows[-1]["benchmark"], "|", rows[-1]["figure"], "|", base, "|", rows[-1]["ratio"], "|", output,
                  flush=True)
        rows.append(row(f"central exchange write: {written.revisions:,} revisions", f"{write_s:.2f} s, "
                        f"{written.path.stat().st_size / 2**20:.1f} MB file", base, times(write_s / base_s),
                        seconds=write_s, baseline_seconds=base_s))
    return rows


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    run(parser.parse_args().quick)
