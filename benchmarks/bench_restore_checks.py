"""What the checks of issue 15 point 7 cost (storage/schema_check.py, storage/restore_checks.py).

Three rows, each beside a baseline timed in the same run:
* the check made at every opening of the database (``schema_check.foreign_code``: triggers and
  views) against a plain ``SELECT count(*) FROM sqlite_master``;
* the whole-schema comparison (``schema_check.differences``) in a fresh process, sqlite-utils'
  import included (what one restore pays once), against a fresh process that only opens the
  database with sqlite3;
* a whole restore (every check, the staged copy and its second check, the rename) against a
  plain copy of the same database with SQLite's backup API.

Run alone: .venv/bin/python benchmarks/bench_restore_checks.py [--consultations 200] [--repeat 5]
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def _median_ms(fn, repeat: int) -> float:
    fn()  # warm-up
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def _child_ms(code: str, repeat: int) -> float:
    return _median_ms(lambda: subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT), repeat)


def run(consultations: int, repeat: int) -> list[tuple[str, float, str, float]]:
    from consultation_app.services.demo import add_demo_data
    from consultation_app.services.workspace import Workspace
    from consultation_app.storage import backup, schema_check

    folder = Path(tempfile.mkdtemp(prefix="bench-restore-"))
    database = folder / "consultations.sqlite3"
    workspace = Workspace(database)
    add_demo_data(workspace, consultations, seed=1, feedback_mean=50)
    workspace.close()
    good = backup.make_backup(database, backup.MANUAL, out=folder / "good.sqlite3").path
    size_mb = database.stat().st_size / 1024 ** 2

    conn = sqlite3.connect(database)
    opening = _median_ms(lambda: schema_check.foreign_code(conn), repeat * 20)
    plain = _median_ms(lambda: conn.execute("SELECT count(*) FROM sqlite_master").fetchone(), repeat * 20)
    conn.close()

    fresh = _child_ms("import sqlite3, sys; from consultation_app.storage import schema_check; "
                      f"c = sqlite3.connect({str(database)!r}); assert schema_check.differences(c) == []", repeat)
    bare = _child_ms(f"import sqlite3; sqlite3.connect({str(database)!r}).execute('SELECT 1').fetchone()", repeat)

    restore = _median_ms(lambda: backup.restore(good, database), repeat)

    def copy() -> None:
        source, target = sqlite3.connect(good), sqlite3.connect(folder / "copy.sqlite3")
        source.backup(target)
        source.close()
        target.close()
    copied = _median_ms(copy, repeat)
    shutil.rmtree(folder, ignore_errors=True)
    return [
        ("opening check (triggers, views)", opening, "SELECT count(*) FROM sqlite_master", plain),
        ("whole-schema check, fresh process", fresh, "fresh process, sqlite3 open", bare),
        (f"restore of {size_mb:.1f} MB, every check", restore, "backup API copy", copied),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--consultations", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print("| figure | ms (median) | baseline | ms (median) | ratio |\n|---|---|---|---|---|")
    for name, figure, baseline_name, baseline in run(args.consultations, args.repeat):
        print(f"| {name} | {figure:.3f} | {baseline_name} | {baseline:.3f} | {figure / baseline:.1f}x |")


if __name__ == "__main__":
    main()
