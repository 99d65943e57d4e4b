"""`central move-to` at scale, and the central windows opening on PostgreSQL beside SQLite.

    .venv/bin/python benchmarks/bench_move_to.py [--entries 1000000] [--skip-move] [--skip-windows]

A central SQLite store made by the app's schema steps is filled with ``--entries`` feedback
entries (and as many revision rows), then moved into a fresh database of a throwaway
PostgreSQL server (tests/pg_server.py) in a child process whose peak memory is read from the
kernel (getrusage). Baselines in the same run: a plain SELECT of the same rows out of SQLite,
and psycopg's COPY of the same feedback rows into the server. Then each central window is
opened on the moved store (PostgreSQL) and on the SQLite file: seconds to build and show it.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.pg_server import start_server  # noqa: E402

CATALOG = "khm-upr3-ohchr-2019"
WHEN = "2026-01-01T00:00:00Z"


def build_store(path: Path, entries: int) -> None:
    from consultation_app.storage.connection import open_database

    with open_database(path) as db:
        db.execute("BEGIN")
        db.execute("INSERT INTO consultations (uuid, device_id, created_at, updated_at, content_hash, title, "
                   "catalog_id) VALUES ('c0', 'dev', ?, ?, 'h', 'Bench', ?)", [WHEN, WHEN, CATALOG])
        db.conn.executemany(
            "INSERT INTO feedback (uuid, device_id, created_at, updated_at, content_hash, consultation_uuid, "
            "catalog_id, recommendation_code, priority, comment) VALUES (?, 'dev', ?, ?, ?, 'c0', ?, ?, 'high', ?)",
            ((f"f{i:09d}", WHEN, WHEN, f"h{i}", CATALOG, f"KH3-{i % 170 + 1:02d}",
              f"ការអប់រំ comment number {i} about schools and land 50%") for i in range(entries)))
        db.conn.executemany(
            "INSERT INTO record_revisions (record_table, record_uuid, revision, device_id, changed_at, action, "
            "content_hash) VALUES ('feedback', ?, 1, 'dev', ?, 'create', ?)",
            ((f"f{i:09d}", WHEN, f"h{i}") for i in range(entries)))
        db.execute("COMMIT")


def child(code: str) -> tuple[float, float]:
    """Seconds and peak resident memory (MB) of a child Python running ``code``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # the largest child so far (KB)
    return seconds, max(peak, before) / 1024


def new_database(server, name: str) -> str:
    import psycopg

    with psycopg.connect(server.url(), autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name}")
        admin.execute(f"CREATE DATABASE {name}")
    return server.url(name)


def time_windows(workspace, label: str) -> None:
    from PySide6.QtWidgets import QApplication

    from consultation_app.ui.background import Background
    from consultation_app.ui.conflicts_dialog import ConflictsDialog
    from consultation_app.ui.dashboard import DashboardWindow
    from consultation_app.ui.implementation_window import ImplementationWindow
    from consultation_app.ui.import_window import ImportWindow

    app = QApplication.instance() or QApplication([])
    makers = {
        "import window": lambda: ImportWindow(workspace, Background()),
        "conflict review": lambda: ConflictsDialog(workspace),
        "dashboard (window; figures come after, off the GUI thread)": lambda: DashboardWindow(workspace),
        "implementation status": lambda: ImplementationWindow(workspace, CATALOG),
    }
    if hasattr(workspace, "url"):
        from consultation_app.ui.central_window import CentralWindow

        makers = {"central main window": lambda: CentralWindow(workspace), **makers}
    for name, make in makers.items():
        best = None
        for _ in range(3):
            start = time.perf_counter()
            window = make()
            window.show()
            app.processEvents()
            seconds = time.perf_counter() - start
            best = seconds if best is None else min(best, seconds)
            if hasattr(window, "wait"):
                window.wait(60_000)
            window.close()
            window.deleteLater()
            app.processEvents()
        print(f"| {name} | {label} | {best:.3f} s |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--skip-move", action="store_true")
    parser.add_argument("--skip-windows", action="store_true")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    folder = Path(tempfile.mkdtemp(prefix="bench-move-"))
    os.environ["CONSULTATION_APP_DATA_DIR"] = str(folder / "data")
    (folder / "data").mkdir()
    store = folder / "data" / "consultations.sqlite3"
    start = time.perf_counter()
    build_store(store, args.entries)
    print(f"store: {args.entries:,} feedback entries, {store.stat().st_size / 1e6:.0f} MB, made in "
          f"{time.perf_counter() - start:.0f} s", flush=True)
    server, stop = start_server()
    try:
        url = new_database(server, "moved")
        print("| job | seconds | peak memory |\n| --- | --- | --- |")
        if not args.skip_move:
            seconds, peak = child("import sqlite3\n"
                                  f"c = sqlite3.connect({str(store)!r})\n"
                                  "for t in ('feedback', 'record_revisions'):\n"
                                  "    cur = c.execute(f'SELECT * FROM {t}')\n"
                                  "    while cur.fetchmany(5000): pass\n")
            print(f"| baseline: plain SELECT of feedback and revisions out of SQLite | {seconds:.1f} | {peak:.0f} MB |")
            copy_url = new_database(server, "copied")
            seconds, peak = child(
                "import sqlite3, psycopg\n"
                f"c = sqlite3.connect({str(store)!r})\n"
                f"p = psycopg.connect({copy_url!r})\n"
                "p.execute('CREATE TABLE feedback (uuid text primary key, device_id text, created_at text, "
                "updated_at text, content_hash text, consultation_uuid text, catalog_id text, "
                "recommendation_code text, priority text, comment text)')\n"
                "with p.cursor().copy('COPY feedback FROM STDIN') as copy:\n"
                "    cur = c.execute('SELECT uuid, device_id, created_at, updated_at, content_hash, "
                "consultation_uuid, catalog_id, recommendation_code, priority, comment FROM feedback')\n"
                "    for row in cur: copy.write_row(row)\n"
                "p.commit()\n")
            print(f"| baseline: psycopg COPY of the feedback rows into the server | {seconds:.1f} | {peak:.0f} MB |")
            seconds, peak = child("from pathlib import Path\n"
                                  "from consultation_app.storage.move_to_server import move_to_server\n"
                                  f"report = move_to_server(Path({str(store)!r}), {url!r})\n"
                                  "print(report['feedback'])\n")
            print(f"| central move-to (copy, then streamed SHA-256 of every table on both sides) | {seconds:.1f} | "
                  f"{peak:.0f} MB |", flush=True)
        if not args.skip_windows:
            from consultation_app.services.central_database import CentralDatabase
            from consultation_app.services.workspace import Workspace

            print("\n| window | store | opens in (best of 3) |\n| --- | --- | --- |")
            if args.skip_move:
                from consultation_app.storage.move_to_server import move_to_server

                move_to_server(store, url)
            with CentralDatabase(url) as central:
                time_windows(central, "PostgreSQL 15")
            with Workspace(store) as workspace:
                time_windows(workspace, "SQLite")
    finally:
        stop()


if __name__ == "__main__":
    main()
