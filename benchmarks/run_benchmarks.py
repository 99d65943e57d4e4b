"""Speed and memory figures for consultation-app, each beside a baseline measured in the same run.

The machine is shared and noisy, so a figure alone means little: the ratio to a plain
baseline timed minutes apart on the same machine is what to compare between runs.
Usage: .venv/bin/python benchmarks/run_benchmarks.py [--only NAME] [--quick] [--repeat N]
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import json
import os
import platform
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from consultation_app import paths
from consultation_app.domain.catalog import parse_catalog
from consultation_app.services import demo
from consultation_app.services.workspace import Workspace
from consultation_app.storage import catalog_store
from consultation_app.storage.connection import open_database

RESULTS = Path(__file__).resolve().parent / "results" / "latest.json"
# The console script pip installed beside this interpreter: what staff actually run.
CLI = [shutil.which("consultation-app", path=str(Path(sys.executable).parent)) or "consultation-app"]
SEARCH_GOAL_MS = 20.0


# -- measuring ---------------------------------------------------------------------------
def p95(samples: list[float]) -> float:
    ordered = sorted(samples)  # nearest rank: a value that was actually observed
    return ordered[max(0, -(-95 * len(ordered) // 100) - 1)]


def run_child(cmd: list[str], data_dir: Path, env: dict | None = None) -> float:
    """Wall seconds of one child process, with its own data folder."""
    env = {**os.environ, paths.DATA_DIR_ENV: str(data_dir), **(env or {})}
    with tempfile.TemporaryFile() as output:
        start = time.perf_counter()
        done = subprocess.run(cmd, env=env, stdout=output, stderr=subprocess.STDOUT)
        wall = time.perf_counter() - start
        if done.returncode:
            output.seek(0)
            raise RuntimeError(f"{cmd} exited {done.returncode}: {output.read().decode(errors='replace')}")
    return wall


# Why not ru_maxrss from wait4: on Linux a child's ru_maxrss starts at the high-water mark of
# the process that spawned it (this big benchmark process), so every child "peaks" at our size.
# VmHWM counts only the child's own address space; this shim reads it as the child exits.
_PEAK_SHIM = """import atexit, os, runpy, sys
def peak():
    with open("/proc/self/status") as status, open(os.environ["BENCH_PEAK_FILE"], "w") as out:
        out.write(next(line.split()[1] for line in status if line.startswith("VmHWM:")))
atexit.register(peak)
sys.argv = sys.argv[1:]
if sys.argv:
    runpy.run_path(sys.argv[0], run_name="__main__")
"""


def peak_rss(cmd: list[str], data_dir: Path) -> int | None:
    """Peak resident memory (bytes) of one run of a Python script, or None off Linux.
    An empty ``cmd`` measures the bare interpreter (the same as ``python -c pass``)."""
    if not os.path.exists("/proc/self/status"):
        return None
    with tempfile.TemporaryDirectory() as tmp:
        peak_file = Path(tmp) / "peak"
        run_child([sys.executable, "-c", _PEAK_SHIM, *cmd], data_dir, {"BENCH_PEAK_FILE": str(peak_file)})
        return int(peak_file.read_text()) * 1024  # kB


def row(name, figure, baseline, ratio, goal="report", verdict="—", **data) -> dict:
    return {"benchmark": name, "figure": figure, "baseline": baseline, "ratio": ratio, "goal": goal,
            "verdict": verdict, "data": data}


def times(x: float) -> str:
    return f"{x:.2g}×" if x < 10 else f"{x:.0f}×"  # 0.0031× and 8.0× and 12×, all readable


def mb(n: int | None) -> str:
    return "n/a" if n is None else f"{n / 2**20:.0f} MB"


# -- 1. demo-data ------------------------------------------------------------------------
SYNC = {"device_id": "bench-device", "revision": 1, "deleted": 0, "content_hash": "0" * 64, "local_seq": 0}


def _plain(value):
    """The generator's Python values as SQLite stores them (no app code involved)."""
    if isinstance(value, (list, tuple)):
        return json.dumps(list(value), ensure_ascii=False)
    return value.isoformat() if isinstance(value, dt.date) else int(value) if isinstance(value, bool) else value


def baseline_insert(path: Path, tables: dict[str, list[str]], items: dict[str, list[dict]]) -> float:
    """Plain sqlite3, same pragmas as the app, bare tables (no keys, no indexes), one transaction.
    Writes the same record rows (same column count, same values) and the same revision rows."""
    now = dt.datetime.now(dt.timezone.utc).isoformat()
    rows, revisions = {}, []
    for table, columns in tables.items():
        rows[table] = [[_plain(item[c]) if c in item else SYNC.get(c, now if c.endswith("_at") else "")
                        for c in columns] for item in items[table]]
        revisions += [(table, item["uuid"], 1, "bench-device", "", now, "create", "0" * 64)
                      for item in items[table]]
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    for table, columns in [*tables.items(), ("revisions", [f"c{i}" for i in range(8)])]:
        conn.execute(f"CREATE TABLE {table} ({', '.join(columns)})")
    start = time.perf_counter()
    conn.execute("BEGIN")
    for table, values in [*rows.items(), ("revisions", revisions)]:
        conn.executemany(f"INSERT INTO {table} VALUES ({', '.join('?' * len(values[0]))})", values)
    conn.execute("COMMIT")
    elapsed = time.perf_counter() - start
    conn.close()
    return elapsed


def bench_demo(args, tmp: Path) -> list[dict]:
    count, repeat = (100 if args.quick else 1000), args.repeat or 3
    app_times, gen_times, base_times = [], [], []
    for i in range(repeat):
        paths.set_data_dir(tmp / f"app{i}")  # a fresh data folder per run: same work each time
        with Workspace() as workspace:
            start = time.perf_counter()
            counts = demo.add_demo_data(workspace, count, seed=1)
            app_times.append(time.perf_counter() - start)
            reference = workspace.reference
            recommendations = catalog_store.list_recommendations(workspace.db)
            tables = {t: [r[1] for r in workspace.db.execute(f"PRAGMA table_info({t})")]
                      for t in ("consultations", "feedback", "notes")}
        # Baseline: the same generator output (same seed, so equal values), stored plainly.
        start = time.perf_counter()
        generated = list(demo.generate(reference, recommendations, count, 1))
        gen_times.append(time.perf_counter() - start)
        items = {"consultations": [c for c, _, _ in generated],
                 "feedback": [f for _, fs, _ in generated for f in fs],
                 "notes": [n for _, _, ns in generated for n in ns]}
        base_times.append(baseline_insert(tmp / f"baseline{i}.sqlite3", tables, items))
    paths.set_data_dir(None)
    records = sum(counts.values())
    app, gen, base = (statistics.median(t) for t in (app_times, gen_times, base_times))
    demo_cmd = [*CLI, "demo-data", "--consultations", str(count)]
    cli_wall = run_child(demo_cmd, tmp / "cli")
    cli_rss = peak_rss(demo_cmd, tmp / "cli-memory")  # a second run: the shim must not touch the timing
    idle_rss = peak_rss([*CLI, "summary", "--json"], tmp / "cli-memory")  # same app, no data work
    base_fig = f"sqlite3 {records / base:,.0f} rows/s ({base:.2f} s)"
    return [
        row(f"demo-data {count} consultations, in-process (median of {repeat})",
            f"{records / app:,.0f} rows/s ({app:.2f} s, {records:,} records)", base_fig, times(app / base),
            seconds=app, samples=app_times, baseline_seconds=base, baseline_samples=base_times, **counts),
        row("demo-data: generator alone (part of the above)", f"{gen:.2f} s", base_fig, times(gen / base),
            seconds=gen, samples=gen_times, baseline_seconds=base),
        row("demo-data CLI subprocess (1 run)", f"{records / cli_wall:,.0f} rows/s ({cli_wall:.2f} s)",
            base_fig, times(cli_wall / base), seconds=cli_wall, baseline_seconds=base),
        row("demo-data CLI peak RSS (1 run)", mb(cli_rss), f"summary --json {mb(idle_rss)}",
            times(cli_rss / idle_rss) if cli_rss and idle_rss else "n/a", rss=cli_rss, baseline_rss=idle_rss),
    ]


# -- 2. catalog search -------------------------------------------------------------------
WORDS = ("ensure access education health land rights women children indigenous peoples protect freedom expression "
         "assembly judicial independence detention torture prevent trafficking labour workers disability inclusion "
         "poverty housing evictions consultation journalists defenders media elections corruption police "
         "training budget national strategy implement monitor cooperate civil society").split()
KHMER = ["សិទ្ធិ", "ជនជាតិដើមភាគតិច", "ដីធ្លី", "សុខាភិបាល", "ការអប់រំ",
         "ស្ត្រី", "កុមារ", "យុត្តិធម៌", "សេរីភាព", "ការងារ"]


def synthetic_catalog(n: int, seed: int = 7) -> dict:
    """An upr-catalog file: 10 parts x 10 themes, n recommendations, a third with Khmer text."""
    rng = random.Random(seed)

    def khmer(k: int) -> str:  # Khmer is written without spaces; some typists add U+200B hints
        return ("\u200b" if rng.random() < 0.3 else "").join(rng.choices(KHMER, k=k)) + "។"

    headings = []
    for p in range(1, 11):
        headings.append({"key": f"p{p:02}", "parent": None, "title": f"Part {p}", "title_km": khmer(2)})
        headings += [{"key": f"p{p:02}.t{t:02}", "parent": f"p{p:02}", "title": f"Theme {p}.{t}"}
                     for t in range(1, 11)]
    themes = [h["key"] for h in headings if h["parent"]]
    recs = []
    for i in range(1, n + 1):
        rec = {"code": f"X-{i}", "heading": rng.choice(themes), "sdgs": sorted(rng.sample(range(1, 18), 2)),
               "text": " ".join(rng.choices(WORDS, k=rng.randint(12, 30))).capitalize() + "."}
        if i % 3 == 0:
            rec["text_km"] = khmer(rng.randint(4, 12))
        recs.append(rec)
    return {"format": "upr-catalog", "format_version": 1, "catalog_id": "bench", "version": "1.0",
            "title": "Synthetic benchmark catalog", "source": "benchmarks/run_benchmarks.py",
            "headings": headings, "recommendations": recs}


def bench_search(args, tmp: Path) -> list[dict]:
    n = 1000 if args.quick else 10_000
    iterations = 20 * (args.repeat or 5)  # enough samples per query type for a p95
    db = open_database(tmp / "search.sqlite3")  # the app's own connection, pragmas and schema
    catalog_store.load_catalog(db, parse_catalog(synthetic_catalog(n), "synthetic"))
    texts = db.execute("SELECT code, text, text_km FROM recommendations").fetchall()
    rows = ["\n".join(t).replace("\u200b", "").casefold() for t in texts]  # prepared once, like an index
    queries = {
        "English word": ["education", "indigenous", "protect", "women"],
        "two English words": ["land rights", "women education", "ensure access"],
        "Khmer word": ["ដីធ្លី", "សុខាភិបាល", "កុមារ"],
        "2-char query (LIKE fallback)": ["ri", "ed", "la"],
        "code": [f"X-{max(1, round(n * f))}" for f in (0.1234, 0.5678, 0.9)],
        "no hits": ["zzqxjw", "nonexistentword"],
    }
    # Correctness first: a fast wrong answer is no figure.
    assert catalog_store.search_recommendations(db, queries["code"][0])[0]["code"] == queries["code"][0]
    assert not catalog_store.search_recommendations(db, "zzqxjw")
    assert catalog_store.search_recommendations(db, "ដី\u200bធ្លី"), "U+200B must not stop a Khmer match"

    def py_scan(q):
        terms = q.casefold().split()
        return [r for r in rows if all(t in r for t in terms)]

    def sql_like(q):
        terms = q.split()
        where = " AND ".join(["(code LIKE ? OR text LIKE ? OR text_km LIKE ?)"] * len(terms))
        return db.conn.execute(f"SELECT code FROM recommendations WHERE {where}",
                               [f"%{t}%" for t in terms for _ in range(3)]).fetchall()

    def timed(fn, qs):
        for q in qs:
            fn(q)  # warm-up: steady state, not the first touch of a cold page cache
        samples = []
        for k in range(iterations):
            start = time.perf_counter()
            fn(qs[k % len(qs)])
            samples.append((time.perf_counter() - start) * 1000)
        return samples

    results = []
    for kind, qs in queries.items():
        app = timed(lambda q: catalog_store.search_recommendations(db, q), qs)
        like, py = timed(sql_like, qs), timed(py_scan, qs)
        a50, a95, l50, p50 = statistics.median(app), p95(app), statistics.median(like), statistics.median(py)
        results.append(row(
            f"search {n:,} recs: {kind}", f"p50 {a50:.2f} / p95 {a95:.2f} ms",
            f"LIKE {l50:.2f} / py {p50:.2f} ms (p50)", f"{times(a50 / l50)} LIKE, {times(a50 / p50)} py",
            f"p95 < {SEARCH_GOAL_MS:.0f} ms", "pass" if a95 < SEARCH_GOAL_MS else "FAIL",
            queries=qs, p50_ms=a50, p95_ms=a95, like_p50_ms=l50, like_p95_ms=p95(like), py_p50_ms=p50,
            py_p95_ms=p95(py), samples=len(app)))
    db.conn.close()
    return results


# -- 3. CLI start ------------------------------------------------------------------------
def bench_cli(args, tmp: Path) -> list[dict]:
    repeat = args.repeat or 5
    run_child([*CLI, "summary"], tmp / "warm")  # create, migrate and load the annex once, untimed
    cases = {"--version": ([*CLI, "--version"], "warm"),
             "summary --json": ([*CLI, "summary", "--json"], "warm"),
             "summary --json, first start": ([*CLI, "summary", "--json"], None),
             "baseline": ([sys.executable, "-c", "pass"], "warm")}
    walls = {name: [] for name in cases}
    for i in range(repeat):  # interleaved, so a noisy moment hits every case alike
        for name, (cmd, folder) in cases.items():
            walls[name].append(run_child(cmd, tmp / (folder or f"fresh{i}")))
    base_wall, base_rss = statistics.median(walls.pop("baseline")), peak_rss([], tmp / "warm")
    results = []
    for name, samples in walls.items():
        cmd, folder = cases[name]
        wall, rss = statistics.median(samples), peak_rss(cmd, tmp / (folder or "fresh-memory"))
        results.append(row(f"CLI {name} (median of {repeat})", f"{wall * 1000:.0f} ms, peak {mb(rss)}",
                           f"python -c pass {base_wall * 1000:.0f} ms, peak {mb(base_rss)}",
                           times(wall / base_wall), seconds=wall, samples=samples,
                           baseline_seconds=base_wall, rss=rss, baseline_rss=base_rss))
    return results


# -- 4. desktop app ---------------------------------------------------------------------
def bench_ui(args, tmp: Path) -> list[dict]:
    from bench_ui import bench_ui as run  # imported here: it imports this module's helpers, and PySide6

    return run(args, tmp)


# -- 5. export ---------------------------------------------------------------------------
def bench_export(args, tmp: Path) -> list[dict]:
    from bench_export import run

    return run(consultations=100 if args.quick else 1000, repeat=args.repeat or 3)


# -- 6. installer ------------------------------------------------------------------------
def bench_installer(args, tmp: Path) -> list[dict]:
    from bench_installer import run

    return run(quick=args.quick, repeat=args.repeat or 5)


# -- 7. central merge --------------------------------------------------------------------
def bench_merge(args, tmp: Path) -> list[dict]:
    from bench_merge import run

    return run(quick=args.quick, repeat=args.repeat or 5)  # a 3 s figure on a noisy machine: five samples


# -- 8. central dashboard ----------------------------------------------------------------
def bench_dashboard(args, tmp: Path) -> list[dict]:
    from bench_dashboard import run

    return run(quick=args.quick, repeat=args.repeat or 9)


# -- 9. catalogs from real sources, several side by side ---------------------------------
def bench_catalog_import(args, tmp: Path) -> list[dict]:
    from bench_catalogs import bench_import

    return bench_import(args.quick, args.repeat or 3)


def bench_catalog_search_5x10k(args, tmp: Path) -> list[dict]:
    from bench_catalogs import bench_search

    return bench_search(args.quick, args.repeat or 5)


def bench_link_suggester(args, tmp: Path) -> list[dict]:
    from bench_links import run

    return run()

# -- 9. mid-term outputs ----------------------------------------------------------------
def bench_central_exchange(args, tmp: Path) -> list[dict]:
    from bench_central_exchange import run

    return run(args.quick)


def bench_midterm(args, tmp: Path) -> list[dict]:
    from bench_midterm import run

    return run(quick=args.quick)


BENCHMARKS = {"demo-data": bench_demo, "catalog-search": bench_search, "cli-start": bench_cli, "ui": bench_ui,
              "export": bench_export, "merge": bench_merge, "dashboard": bench_dashboard,
              "installer": bench_installer, "catalog-import": bench_catalog_import,
              "catalog-search-5x10k": bench_catalog_search_5x10k, "link-suggester": bench_link_suggester,
              "midterm": bench_midterm, "central-exchange": bench_central_exchange}


def machine() -> dict:
    cpu = platform.processor()
    if os.path.exists("/proc/cpuinfo"):
        cpu = next((ln.split(":")[1].strip() for ln in open("/proc/cpuinfo") if ln.startswith("model name")), cpu)
    load = [round(x, 2) for x in os.getloadavg()] if hasattr(os, "getloadavg") else None  # others' work too
    return {"nproc": os.cpu_count(), "cpu": cpu, "python": platform.python_version(),
            "sqlite": sqlite3.sqlite_version, "platform": platform.platform(), "load_avg": load}


def markdown(rows: list[dict]) -> str:
    keys = ["benchmark", "figure", "baseline", "ratio", "goal", "verdict"]
    widths = [max(len(k), *(len(str(r[k])) for r in rows)) for k in keys]
    line = lambda cells: "| " + " | ".join(str(c).ljust(w) for c, w in zip(cells, widths)) + " |"
    return "\n".join([line(keys), line("-" * w for w in widths), *(line(r[k] for k in keys) for r in rows)])


def compile_like_an_install() -> None:
    """Byte-compile the app's modules, as pip and PyInstaller ship them. Without this, where
    PYTHONDONTWRITEBYTECODE is set (this machine and CI set it) every child process compiled
    the app from source at each start: a cost no installed copy pays, and no baseline either."""
    import consultation_app

    compileall.compile_dir(Path(consultation_app.__file__).resolve().parent, quiet=1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=BENCHMARKS, help="run one benchmark")
    parser.add_argument("--quick", action="store_true", help="sizes 10x smaller: a smoke run, not a figure")
    parser.add_argument("--repeat", type=int, metavar="N",
                        help="repetitions: 3 for demo-data, else 5 (search: 20xN samples per query type; "
                             "ui: 12xN filter samples per row, 10xN switches per tab)")
    args = parser.parse_args()
    compile_like_an_install()
    info = machine()
    print(f"machine: {info['nproc']} CPUs ({info['cpu']}), Python {info['python']}, SQLite {info['sqlite']}, "
          f"{info['platform']}, load {info['load_avg']}\n", flush=True)
    rows = []
    for name, bench in BENCHMARKS.items():
        if args.only in (None, name):
            print(f"running {name} ...", file=sys.stderr, flush=True)
            with tempfile.TemporaryDirectory(prefix=f"bench-{name}-") as tmp:
                rows += bench(args, Path(tmp))
    print(markdown(rows))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({"date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
                                   "command": sys.argv, "quick": args.quick, "machine": info, "rows": rows},
                                  ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"\nwritten to {RESULTS}")
    return 1 if any(r["verdict"] == "FAIL" for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
