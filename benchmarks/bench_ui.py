"""Desktop-app figures for run_benchmarks.py (`--only ui`): start-up, the consultations list, memory.

Each figure stands beside a plain Qt or SQL baseline measured in the same run, as in run_benchmarks.py,
whose helpers this module uses. Qt runs with QT_QPA_PLATFORM=offscreen: no display is needed, and a
field laptop's display adds its own cost on top of every figure here.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from run_benchmarks import CLI, mb, p95, peak_rss, row, run_child, times

import consultation_app
from consultation_app import paths
from consultation_app.domain.text import search_key
from consultation_app.services.workspace import Workspace
from consultation_app.storage import settings_store

APP = [sys.executable, "-m", "consultation_app"]  # as tests/test_app_start.py starts it
APP_MAIN = Path(consultation_app.__file__).resolve().parent / "__main__.py"  # the same entry, for the memory shim
START_GOAL = 2.0  # × the bare window
UI_GOAL_MS = 100.0
# The smallest PySide6 program that shows a main window and waits for an idle event loop, as
# --smoke-test does; like --smoke-test it prints a line then (that line is when it was usable).
BARE_WINDOW = """import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setCentralWidget(QLabel("baseline"))
window.show()
def ready():
    print(0, flush=True)
    app.quit()
QTimer.singleShot(0, ready)
sys.exit(app.exec())
"""
# Typed after a province and a status are chosen: facilitators and groups, as staff look them up.
SEARCHES = ["dara", "sophea", "indigenous", "vichet", "civil society", "chanthou", "authorities"]


def smoke_run(cmd: list[str], data_dir: Path) -> tuple[float, float, int | None]:
    """One child, timed from this side: seconds until it printed its line (the window shown and
    the event loop idle: usable), seconds until it had exited, and the milliseconds it printed."""
    env = {**os.environ, paths.DATA_DIR_ENV: str(data_dir)}
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        child = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=errors)
        line = child.stdout.readline()
        ready = time.perf_counter() - start
        child.stdout.read()
        child.wait()
        wall = time.perf_counter() - start
        if child.returncode or not line:
            errors.seek(0)
            raise RuntimeError(f"{cmd} exited {child.returncode}: {errors.read().decode(errors='replace')}")
    printed = line.decode(errors="replace").strip()
    return ready, wall, int(printed) if printed.isdigit() else None


def ms_stats(samples: list[float]) -> str:
    return f"p50 {statistics.median(samples):.1f} / p95 {p95(samples):.1f} / max {max(samples):.1f} ms"


def settle(app) -> None:
    for _ in range(3):
        app.processEvents()


# -- 1. start-up and memory: subprocesses ------------------------------------------------
def start_rows(args, tmp: Path, data: Path, count: int) -> list[dict]:
    from consultation_app.ui.main_window import LAST_CONSULTATION

    repeat = args.repeat or 5
    bare = tmp / "bare_window.py"
    bare.write_text(BARE_WINDOW, encoding="utf-8")
    remembered = tmp / "remembered"  # the same data after a real session: a consultation to reopen
    shutil.copytree(data, remembered)
    run_child([*CLI, "--data-dir", str(tmp / "initialised"), "summary"], tmp / "initialised")  # no consultations
    with Workspace(remembered / paths.DATABASE_NAME) as workspace:
        uuid = workspace.db.execute("SELECT uuid FROM consultations ORDER BY rowid LIMIT 1").fetchone()[0]
        settings_store.put(workspace.db, LAST_CONSULTATION, uuid)
    cases = {"data": lambda i: [*APP, "--data-dir", str(data), "--smoke-test"],
             "remembered": lambda i: [*APP, "--data-dir", str(remembered), "--smoke-test"],
             "initialised": lambda i: [*APP, "--data-dir", str(tmp / "initialised"), "--smoke-test"],
             "empty": lambda i: [*APP, "--data-dir", str(tmp / f"empty{i}"), "--smoke-test"],  # first start
             "baseline": lambda i: [sys.executable, str(bare)]}
    for name, cmd in cases.items():  # untimed: page cache, font cache
        smoke_run(cmd("-warm"), tmp / "bare-data")
    ready = {name: [] for name in cases}
    walls = {name: [] for name in cases}
    printed = {name: [] for name in cases}
    for i in range(repeat):  # interleaved, so a noisy moment hits every case alike
        for name, cmd in cases.items():
            usable, wall, ms = smoke_run(cmd(i), tmp / "bare-data")
            ready[name].append(usable)
            walls[name].append(wall)
            printed[name].append(ms)
    ready_base, walls_base = ready.pop("baseline"), walls.pop("baseline")
    base, base_wall = statistics.median(ready_base), statistics.median(walls_base)
    base_fig = f"bare PySide6 window {base * 1000:.0f} ms usable, {base_wall * 1000:.0f} ms to exit"
    labels = {"data": f"UI start, {count:,} consultations (median of {repeat})",
              "remembered": f"UI start, {count:,} consultations, last one reopened (median of {repeat})",
              "initialised": f"UI start, no consultations, folder initialised (median of {repeat})",
              "empty": f"UI start, empty data folder: first start (median of {repeat})"}
    results = []
    for name, samples in ready.items():
        usable, wall, own = (statistics.median(samples), statistics.median(walls[name]),
                             statistics.median(printed[name]))
        ratio = usable / base
        goal, verdict = ((f"≤ {START_GOAL:.0f}× baseline", "pass" if ratio <= START_GOAL else "FAIL")
                         if name == "data" else ("report", "—"))
        results.append(row(labels[name], f"{usable * 1000:.0f} ms usable ({own:.0f} ms own clock), "
                                         f"{wall * 1000:.0f} ms to exit",
                           base_fig, f"{times(ratio)} ({times(wall / base_wall)} to exit)", goal, verdict,
                           seconds=usable, samples=samples, exit_seconds=wall, exit_samples=walls[name],
                           printed_ms=printed[name], baseline_seconds=base, baseline_samples=ready_base,
                           baseline_exit_seconds=base_wall, baseline_exit_samples=walls_base))
    app_rss = peak_rss([str(APP_MAIN), "--data-dir", str(data), "--smoke-test"], data)
    base_rss = peak_rss([str(bare)], tmp / "bare-data")
    results.append(row(f"UI start peak RSS, {count:,} consultations (1 run)", mb(app_rss),
                       f"bare PySide6 window {mb(base_rss)}",
                       times(app_rss / base_rss) if app_rss and base_rss else "n/a", rss=app_rss,
                       baseline_rss=base_rss))
    return results


# -- 2. the consultations list: in-process -----------------------------------------------
def list_rows(args, tmp: Path, data: Path, count: int) -> list[dict]:
    from PySide6.QtCore import QSortFilterProxyModel, Qt
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QTableView

    from consultation_app.ui.app import ensure_app, load_fonts
    from consultation_app.ui.main_window import DETAILS_TAB, RECOMMENDATIONS_TAB, MainWindow

    repeat = args.repeat or 5
    folder = tmp / "in-process"  # a copy: the window remembers its place in the database it opens
    shutil.copytree(data, folder)
    app = ensure_app()
    load_fonts()
    paths.set_data_dir(folder)
    workspace = Workspace()
    window = MainWindow(workspace, "en")
    window.show()
    settle(app)
    browser = window.browser
    rows = [browser.model.row_data(i) for i in range(browser.model.rowCount())]
    provinces = sorted({r["province"] for r in rows})
    reference = workspace.reference

    def timed(samples: list[float], action) -> None:
        start = time.perf_counter()
        action()
        app.processEvents()
        samples.append((time.perf_counter() - start) * 1000)

    def filter_round(k: int, narrow: list[float], clear: list[float], steps: dict) -> None:
        """Province, status, search text (narrowing), then back to the whole list (clearing)."""
        province, status, text = provinces[k % len(provinces)], ("final", "draft")[k % 2], SEARCHES[k % len(SEARCHES)]
        for name, samples, action in (
                ("province", narrow, lambda: browser.province.setCurrentIndex(browser.province.findData(province))),
                ("status", narrow, lambda: browser.status.setCurrentIndex(browser.status.findData(status))),
                ("search", narrow, lambda: browser.search.setText(text)),
                ("clear search", clear, lambda: browser.search.setText("")),
                ("status All", clear, lambda: browser.status.setCurrentIndex(0)),
                ("province All", clear, lambda: browser.province.setCurrentIndex(0))):
            timed(samples, action)
            steps.setdefault(name, []).append(samples[-1])
            if name == "search":  # a fast wrong answer is no figure
                terms = search_key(text).split()
                expected = sum(r["province"] == province and r["status"] == status
                               and all(t in r["_search"] for t in terms) for r in rows)
                assert browser.proxy.rowCount() == expected, (text, browser.proxy.rowCount(), expected)
        assert browser.proxy.rowCount() == len(rows)

    # (a) filtering as the window opens: no consultation chosen yet, the Details tab in front.
    narrow, clear, steps = [], [], {}
    for k in range(4 * repeat):
        filter_round(k, narrow, clear, steps)

    # Baseline: a plain proxy over the same titles, in a plain table of the same size, walked alike:
    # a province's titles, one group in it (about 10 rows, like the app's search), the whole list.
    model = QStandardItemModel()
    for r in rows:
        model.appendRow(QStandardItem(r["title"]))
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    view = QTableView()
    view.setModel(proxy)
    view.resize(browser.view.size())
    view.show()
    settle(app)
    base_narrow, base_clear = [], []
    for k in range(4 * repeat):
        province = provinces[k % len(provinces)]
        titles = sorted({r["title"] for r in rows if r["province"] == province})
        timed(base_narrow, lambda: proxy.setFilterFixedString(reference.label("provinces", province)))
        timed(base_narrow, lambda: proxy.setFilterFixedString(titles[k % len(titles)]))
        timed(base_clear, lambda: proxy.setFilterFixedString(""))
    assert proxy.rowCount() == len(rows)
    view.close()

    # (b) switching: browser.select for consultations spread over the list, none twice, first with the
    # Details tab in front, then on the capture screen (Recommendations tab, a recommendation chosen).
    n = 10 * repeat
    spread = rows[1::max(1, len(rows) // (2 * n))][:2 * n]
    conn = sqlite3.connect(folder / paths.DATABASE_NAME)
    conn.execute("SELECT * FROM feedback WHERE consultation_uuid = ?", [rows[0]["uuid"]]).fetchall()  # warm
    base_switch = []
    for r in spread:
        start = time.perf_counter()
        conn.execute("SELECT * FROM feedback WHERE consultation_uuid = ?", [r["uuid"]]).fetchall()
        base_switch.append((time.perf_counter() - start) * 1000)
    conn.close()
    switch = {}
    for tab, chosen in ((DETAILS_TAB, spread[0::2]), (RECOMMENDATIONS_TAB, spread[1::2])):
        window.tabs.setCurrentIndex(tab)
        if tab == RECOMMENDATIONS_TAB:
            window.recs.select(window.tree_model.codes_in_order()[0])
        browser.select(rows[0]["uuid"])  # untimed: the first open of the panels on this tab
        settle(app)
        switch[tab] = []
        for r in chosen:
            timed(switch[tab], lambda: browser.select(r["uuid"]))
            assert window.consultation and window.consultation["uuid"] == r["uuid"]

    # (c) filtering again on the capture screen, with a consultation open that the province filter hides.
    open_narrow, open_clear, open_steps = [], [], {}
    for k in range(2 * repeat):
        browser.select(next(r["uuid"] for r in rows if r["province"] != provinces[k % len(provinces)]))
        settle(app)
        filter_round(k, open_narrow, open_clear, open_steps)

    window.close()
    window.deleteLater()
    settle(app)
    workspace.close()
    paths.set_data_dir(None)

    def ui_row(name, samples, base_samples, baseline_name, **data):
        return row(name, ms_stats(samples), f"{baseline_name} {ms_stats(base_samples)}",
                   times(statistics.median(samples) / statistics.median(base_samples)) + " (p50)",
                   f"p95, max ≤ {UI_GOAL_MS:.0f} ms", "pass" if max(samples) <= UI_GOAL_MS else "FAIL",
                   samples_ms=samples, baseline_samples_ms=base_samples, p50_ms=statistics.median(samples),
                   p95_ms=p95(samples), max_ms=max(samples), **data)

    def step_max(steps: dict) -> dict:
        return {name: round(max(s), 1) for name, s in steps.items()}

    feedback = statistics.median(r["feedback_count"] for r in spread)
    return [
        ui_row(f"UI filter {count:,} consultations: province, status, search ({len(narrow)})", narrow,
               base_narrow, "proxy", steps_max_ms=step_max(steps), steps_ms=steps),
        ui_row(f"UI filter: clear search, status, province ({len(clear)})", clear, base_clear, "proxy",
               steps_max_ms=step_max(steps)),
        ui_row(f"UI switch consultation, Details tab ({len(switch[DETAILS_TAB])})", switch[DETAILS_TAB],
               base_switch, "SQL", feedback_per_consultation=feedback),
        ui_row(f"UI switch consultation, Recommendations tab ({len(switch[RECOMMENDATIONS_TAB])})",
               switch[RECOMMENDATIONS_TAB], base_switch, "SQL", feedback_per_consultation=feedback),
        ui_row(f"UI filter, all 6 steps, one open on Recommendations tab ({len(open_narrow + open_clear)})",
               open_narrow + open_clear, base_narrow + base_clear, "proxy", steps_max_ms=step_max(open_steps),
               steps_ms=open_steps),
    ]


def bench_ui(args, tmp: Path) -> list[dict]:
    count = 100 if args.quick else 1000
    saved = os.environ.get("QT_QPA_PLATFORM")
    os.environ["QT_QPA_PLATFORM"] = "offscreen"  # for the children and for this process's QApplication
    try:
        data = tmp / "data"
        run_child([*CLI, "--data-dir", str(data), "demo-data", "--consultations", str(count)], data)  # untimed
        return start_rows(args, tmp, data, count) + list_rows(args, tmp, data, count)
    finally:
        if saved is None:
            os.environ.pop("QT_QPA_PLATFORM", None)
        else:
            os.environ["QT_QPA_PLATFORM"] = saved
