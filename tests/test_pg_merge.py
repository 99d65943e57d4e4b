"""Merging field exports into a central office's PostgreSQL server (--database): the same
results as into the data folder's SQLite database, two merges at once, and a merge killed
midway (docs/central-postgresql.md)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import psycopg

from consultation_app.cli.main import EXIT_FAILED, EXIT_OK, main
from consultation_app.domain.records import CONSULTATION, FEEDBACK, NOTE
from consultation_app.exchange.export import export_package
from consultation_app.services.central_database import CentralDatabase

CATALOG = "khm-upr3-ohchr-2019"


def run(capsys, data_dir, *args):
    code = main(["--data-dir", str(data_dir), *args])
    out, err = capsys.readouterr()
    return code, out, err


def laptop_export(open_ws, tmp_path, name: str, entries: int) -> tuple:
    """A laptop with one consultation of ``entries`` feedback entries and a note, exported."""
    laptop = open_ws(name, f"{name} laptop")
    c = laptop.records.create(CONSULTATION, {"title": f"{name} consultation", "catalog_id": CATALOG})
    laptop.records.create_many(FEEDBACK, ({"consultation_uuid": c["uuid"], "catalog_id": CATALOG,
                                           "recommendation_code": "KH3-01", "priority": "high",
                                           "comment": f"ការអប់រំ {name} {number}: 100% ?"}
                                          for number in range(entries)))
    laptop.records.create(NOTE, {"consultation_uuid": c["uuid"], "text": "a note"})
    path = export_package(laptop.database_path, tmp_path / f"{name}.xlsx", laptop.reference).path
    return laptop, path


def counts(url: str) -> dict[str, int]:
    with psycopg.connect(url) as conn:
        return {table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                for table in ("consultations", "feedback", "notes", "record_revisions", "merged_exports",
                              "devices", "merge_conflicts")}


def test_a_merge_gives_the_same_results_on_postgresql_as_on_sqlite(capsys, data_dir, pg_url, open_ws, tmp_path):
    _, export = laptop_export(open_ws, tmp_path, "takeo", 30)
    results = {}
    for engine, extra in (("sqlite", []), ("postgresql", ["--database", pg_url])):
        code, out, err = run(capsys, data_dir, *extra, "merge", "--json", str(export))
        assert (code, err) == (EXIT_OK, ""), err
        first = json.loads(out)
        code, out, err = run(capsys, data_dir, *extra, "merge", "--json", str(export))
        assert code == EXIT_OK
        again = json.loads(out)
        results[engine] = [(f["status"], f["counts"], f["warnings"]) for f in (*first["files"], *again["files"])]
    assert results["postgresql"] == results["sqlite"]
    assert results["postgresql"][0][0] == "merged" and results["postgresql"][1][0] == "already_merged"
    assert counts(pg_url) == {"consultations": 1, "feedback": 30, "notes": 1, "record_revisions": 32,
                              "merged_exports": 1, "devices": 1, "merge_conflicts": 0}


def test_a_rejected_file_exits_1_on_postgresql_too(capsys, data_dir, pg_url, tmp_path):
    bad = tmp_path / "not-a-workbook.xlsx"
    bad.write_bytes(b"PK\x03\x04 this is not a workbook")
    code, out, err = run(capsys, data_dir, "--database", pg_url, "merge", "--json", str(bad))
    assert code == EXIT_FAILED
    assert json.loads(out)["files"][0]["status"] == "rejected"
    assert counts(pg_url)["feedback"] == 0


def _merge_process(data_dir, url: str, *files) -> subprocess.Popen:
    env = {**os.environ, "CONSULTATION_APP_DATA_DIR": str(data_dir), "CONSULTATION_APP_DATABASE": url}
    return subprocess.Popen([sys.executable, "-m", "consultation_app", "merge", "--json", *map(str, files)],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_two_merges_at_once_neither_lose_nor_double_anything(pg_url, open_ws, tmp_path):
    """Two staff merge at the same moment, the same file among theirs: every record once, the
    shared file merged once and 'already merged' for the other."""
    exports = [laptop_export(open_ws, tmp_path, name, 200)[1] for name in ("takeo", "kampot", "kep")]
    (tmp_path / "a").mkdir(), (tmp_path / "b").mkdir()
    first = _merge_process(tmp_path / "a", pg_url, exports[0], exports[2])
    second = _merge_process(tmp_path / "b", pg_url, exports[1], exports[2])
    outputs = [process.communicate(timeout=120) for process in (first, second)]
    assert [process.returncode for process in (first, second)] == [EXIT_OK, EXIT_OK], outputs
    statuses = sorted(f["status"] for out, _ in outputs for f in json.loads(out)["files"])
    assert statuses == ["already_merged", "merged", "merged", "merged"]
    assert counts(pg_url) == {"consultations": 3, "feedback": 600, "notes": 3, "record_revisions": 606,
                              "merged_exports": 3, "devices": 3, "merge_conflicts": 0}


def _writing_transactions(url: str) -> int:
    with psycopg.connect(url) as conn:
        return conn.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                            "AND backend_xid IS NOT NULL AND pid <> pg_backend_pid()").fetchone()[0]


def test_a_merge_killed_midway_leaves_every_file_merged_whole_or_not_at_all(pg_url, open_ws, tmp_path):
    """kill -9 while the merge's transaction is writing; then every file is either wholly held
    (and logged as merged) or not at all, and merging again completes the rest exactly once."""
    exports = [laptop_export(open_ws, tmp_path, f"laptop{number}", 1500)[1] for number in range(4)]
    CentralDatabase(pg_url).close()  # schema, identity and catalogs first: the merge is the only writer
    merge = _merge_process(tmp_path / "data", pg_url, *exports)
    deadline = time.monotonic() + 60
    while _writing_transactions(pg_url) == 0:
        assert merge.poll() is None, "the merge ended before it could be killed midway"
        assert time.monotonic() < deadline
        time.sleep(0.005)
    os.kill(merge.pid, signal.SIGKILL)
    merge.communicate()  # reaped, its pipes closed
    time.sleep(0.5)  # the server notices the lost connection and rolls its transaction back
    with psycopg.connect(pg_url) as conn:
        merged = conn.execute("SELECT count(*) FROM merged_exports").fetchone()[0]
        held = conn.execute("SELECT count(*) FROM feedback").fetchone()[0]
    assert merged < len(exports)  # killed midway indeed
    assert held == merged * 1500
    again = _merge_process(tmp_path / "data", pg_url, *exports)
    out, err = again.communicate(timeout=180)
    assert again.returncode == EXIT_OK, err
    statuses = [f["status"] for f in json.loads(out)["files"]]
    assert statuses.count("already_merged") == merged and statuses.count("merged") == len(exports) - merged
    assert counts(pg_url)["feedback"] == 4 * 1500 and counts(pg_url)["record_revisions"] == 4 * 1502
