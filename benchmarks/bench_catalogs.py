"""Catalog figures, each beside a baseline measured in the same run:

* catalog-import: `catalog import` of a 100,000-row UHRI-format XLSX with a country filter
  (read, checked, filtered, parsed and stored, through plan_import + apply) against
  python-calamine's bare read of the same file (open + the sheet as Python values). Goal < 2x.
* catalog-search-5x10k: the app's search over five catalogs of 10,000 recommendations each,
  in all catalogs and in one, against SQL LIKE on the same rows. Goal p95 < 20 ms.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import xlsxwriter
from python_calamine import CalamineWorkbook

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from catalog_fixtures import SDG_41, SDG_1610, UHRI_HEADERS  # noqa: E402

from consultation_app.domain.catalog import parse_catalog  # noqa: E402
from consultation_app.services.catalog_import import ImportOptions, apply, plan_import  # noqa: E402
from consultation_app.storage import catalog_store  # noqa: E402
from consultation_app.storage.connection import open_database  # noqa: E402

COUNTRIES = ["Cambodia", "Viet Nam", "Thailand", "Lao People's Democratic Republic", "Myanmar", "Indonesia",
             "Philippines", "Malaysia", "Kenya", "Chile", "Norway", "France", "Ghana", "Peru", "Nepal"]
WORDS = ("ensure access education health land rights women children indigenous peoples protect freedom "
         "expression assembly judicial independence detention torture prevent trafficking labour workers "
         "disability inclusion poverty housing evictions consultation journalists defenders media").split()


def write_uhri(path: Path, rows: int, seed: int = 3) -> int:
    """A UHRI-format XLSX (the 16 headers, '- ' prefixes, serial dates); returns Cambodia's rows."""
    rng = random.Random(seed)
    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_numbers": False})
    sheet = workbook.add_worksheet()
    sheet.write_row(0, 0, UHRI_HEADERS)
    cambodia = 0
    for r in range(1, rows + 1):
        country = COUNTRIES[r % len(COUNTRIES)] if r % 100 else "Cambodia"
        cambodia += country == "Cambodia"
        session = rng.randint(27, 46)
        text = f"{100 + session}.{r % 300 + 1} " + " ".join(rng.choices(WORDS, k=rng.randint(12, 30))).capitalize()
        values = [text, f"- {country}", "- UPR", f"- A/HRC/{session + 10}/{r % 30}",
                  "- Right to education\n- Children: definition", "- Children", SDG_41 + "\n" + SDG_1610,
                  43000.0 + r % 1500, "- Norway\n- Chile", rng.choice(["- Supported", "- Noted"]),
                  "- Recommendation", f"0b6f1c52-7d0e-4c61-9a8e-{r:012d}", f"- {session}th session",
                  "- Asia and the Pacific", "- Western European and other States", 45000.0 + r % 300]
        for c, value in enumerate(values):
            (sheet.write_number if isinstance(value, float) else sheet.write_string)(r, c, value)
    workbook.close()
    return cambodia


def calamine_read(path: Path) -> int:
    return len(CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python())


def bench_import(quick: bool, repeat: int) -> list[dict]:
    from run_benchmarks import row, times

    n = 10_000 if quick else 100_000
    with tempfile.TemporaryDirectory(prefix="bench-catalog-import-") as tmp:
        tmp = Path(tmp)
        path = tmp / "uhri.xlsx"
        cambodia = write_uhri(path, n)
        app, base = [], []
        for k in range(repeat):
            start = time.perf_counter()
            assert calamine_read(path) == n + 1
            base.append(time.perf_counter() - start)
            db = open_database(tmp / f"import{k}.sqlite3")
            start = time.perf_counter()
            # a 3rd-cycle country filter over several cycles: keep codes unique with --cycle
            plan = plan_import(db, path, ImportOptions(country="Cambodia", cycle=4, skip_bad_rows=True))
            result = apply(db, plan)
            app.append(time.perf_counter() - start)
            assert result.recommendations > 0 and plan.total_rows == n
            db.conn.close()
        a, b = statistics.median(app), statistics.median(base)
        return [row(f"catalog import {n:,}-row UHRI xlsx, --country", f"{a:.2f} s (median of {repeat})",
                    f"calamine bare read {b:.2f} s", times(a / b), "< 2×", "pass" if a / b < 2 else "FAIL",
                    rows=n, cambodia_rows=cambodia, imported=result.recommendations, app_s=app, calamine_s=base,
                    file_bytes=path.stat().st_size)]


def bench_search(quick: bool, repeat: int) -> list[dict]:
    from run_benchmarks import SEARCH_GOAL_MS, p95, row, synthetic_catalog, times

    n = 1000 if quick else 10_000
    iterations = 20 * repeat
    with tempfile.TemporaryDirectory(prefix="bench-catalog-search-") as tmp:
        db = open_database(Path(tmp) / "search.sqlite3")
        for k in range(5):
            data = synthetic_catalog(n, seed=k)
            data["catalog_id"] = f"bench-{k}"
            catalog_store.load_catalog(db, parse_catalog(data, "synthetic"))
        assert db.execute("SELECT count(*) FROM recommendations").fetchone()[0] == 5 * n
        queries = {"English word": ["education", "indigenous", "protect", "women"],
                   "two English words": ["land rights", "women education"],
                   "Khmer word": ["ដីធ្លី", "សុខាភិបាល", "កុមារ"],
                   "2-char query (LIKE fallback)": ["ri", "ed"],
                   "code": ["X-1234", "X-5678"]}
        assert catalog_store.search_recommendations(db, "X-1234", "bench-3")[0]["code"] == "X-1234"

        def like(q, catalog_id):
            terms = q.split()
            where = " AND ".join(["(code LIKE ? OR text LIKE ? OR text_km LIKE ?)"] * len(terms))
            scope = " AND catalog_id = ?" if catalog_id else ""
            return db.conn.execute(f"SELECT code FROM recommendations WHERE {where}{scope} LIMIT 200",
                                   [f"%{t}%" for t in terms for _ in range(3)] + ([catalog_id] if catalog_id else [])
                                   ).fetchall()

        def timed(fn, qs, catalog_id):
            for q in qs:
                fn(q, catalog_id)
            samples = []
            for k in range(iterations):
                start = time.perf_counter()
                fn(qs[k % len(qs)], catalog_id)
                samples.append((time.perf_counter() - start) * 1000)
            return samples

        results = []
        for scope in (None, "bench-2"):
            for kind, qs in queries.items():
                app = timed(lambda q, c: catalog_store.search_recommendations(db, q, c), qs, scope)
                base = timed(like, qs, scope)
                a95, b95 = p95(app), p95(base)
                results.append(row(
                    f"search 5×{n:,} recs, {'one catalog' if scope else 'all catalogs'}: {kind}",
                    f"p50 {statistics.median(app):.2f} / p95 {a95:.2f} ms", f"LIKE p95 {b95:.2f} ms",
                    times(a95 / b95), f"p95 < {SEARCH_GOAL_MS:.0f} ms", "pass" if a95 < SEARCH_GOAL_MS else "FAIL",
                    queries=qs, p95_ms=a95, like_p95_ms=b95, samples=len(app)))
        db.conn.close()
        return results
