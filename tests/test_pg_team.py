"""A central team at once on the real PostgreSQL server (tests/pg_server.py), issue 21.2: a
conflict decided while merges run, a snapshot read while two merges write, an implementation
conflict decided by two people at once, and two people recording the same recommendation's
status at once (docs/central-postgresql.md)."""

from __future__ import annotations

import json
import threading

from consultation_app.cli.main import EXIT_OK
from consultation_app.domain import implementation as rules_impl
from consultation_app.domain.records import FEEDBACK
from consultation_app.services.central_database import CentralDatabase
from consultation_app.storage import export_queries, implementation_store, merge_store
from consultation_app.storage import implementation_revisions as revisions
from consultation_app.storage.pg_connection import connect_postgresql
from tests.test_pg_concurrency import CONFLICTS, _seed_conflicts
from tests.test_pg_merge import _merge_process, counts, laptop_export

CATALOG = "khm-upr3-ohchr-2019"
WHEN = "2026-12-05T10:00:00Z"
OTHER_COPY = "33333333-3333-4333-8333-333333333333"


def together(*jobs) -> list[BaseException]:
    """Run the jobs in threads released at the same moment; the exceptions they raised."""
    start = threading.Barrier(len(jobs))
    problems: list[BaseException] = []

    def run(job):
        try:
            start.wait()
            job()
        except BaseException as error:  # noqa: BLE001 - reported by the caller
            problems.append(error)

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    return problems


def test_conflicts_decided_while_two_merges_run_and_a_snapshot_read_meanwhile(pg_url, open_ws, tmp_path):
    """Two merges of three files (one in both), a reviewer deciding 40 conflicts and a reader
    in export_queries.snapshot (what report, matrix and the exchange file read through), all at
    once: every record once, each conflict decided once, and within the snapshot every query
    sees the same state (REPEATABLE READ: under READ COMMITTED the second count would see
    what a merge committed between the two)."""
    seeded = _seed_conflicts(pg_url, open_ws("laptop", "Takeo laptop"))
    exports = [laptop_export(open_ws, tmp_path, name, 800)[1] for name in ("takeo2", "kampot", "kep")]
    (tmp_path / "a").mkdir(), (tmp_path / "b").mkdir()
    decided: list[bool] = []
    snapshots: list[tuple[int, int]] = []
    merging = threading.Event()

    def reviewer():
        with connect_postgresql(pg_url) as db:
            for conflict_id, _, _ in seeded:
                decided.append(merge_store.resolve_conflict(db, FEEDBACK, conflict_id, True, WHEN))

    def reader():
        with connect_postgresql(pg_url) as db:
            while merging.is_set():
                with export_queries.snapshot(db):
                    first = db.execute("SELECT count(*) FROM feedback").fetchone()[0]
                    db.execute("SELECT pg_sleep(0.05)")
                    second = db.execute("SELECT count(*) FROM feedback").fetchone()[0]
                snapshots.append((first, second))

    merging.set()
    first = _merge_process(tmp_path / "a", pg_url, exports[0], exports[2])
    second = _merge_process(tmp_path / "b", pg_url, exports[1], exports[2])
    watcher = threading.Thread(target=reader)
    watcher.start()
    try:
        assert together(reviewer) == []
        outputs = [process.communicate(timeout=300) for process in (first, second)]
    finally:
        merging.clear()
        watcher.join()
    assert [process.returncode for process in (first, second)] == [EXIT_OK, EXIT_OK], outputs
    statuses = sorted(f["status"] for out, _ in outputs for f in json.loads(out)["files"])
    assert statuses == ["already_merged", "merged", "merged", "merged"]
    assert decided == [True] * CONFLICTS
    held = counts(pg_url)
    assert held["feedback"] == CONFLICTS + 3 * 800 and held["merge_conflicts"] == CONFLICTS
    with connect_postgresql(pg_url) as db:
        assert db.execute("SELECT count(*) FROM merge_conflicts WHERE resolved_at IS NULL").fetchone()[0] == 0
    assert snapshots and all(a == b for a, b in snapshots), [s for s in snapshots if s[0] != s[1]]
    assert len({a for a, _ in snapshots}) > 1 or len(snapshots) == 1  # the reader did read during the merges


def _seed_implementation_conflicts(url: str, codes: list[str]) -> list[int]:
    """Each code recorded here, and another central copy's different revision 1 waiting for review."""
    ids = []
    with CentralDatabase(url) as central:
        db = central.db
        for code in codes:
            held = implementation_store.record(db, central.device_id, "Sokha", CATALOG, code, {"status": "ongoing"})
            theirs = revisions.new_revision(rules_impl.record_uuid(CATALOG, code), OTHER_COPY, "Dara", WHEN, [], 1,
                                            {"catalog_id": CATALOG, "recommendation_code": code,
                                             "status": "completed", "measures": f"done {code}",
                                             "institutions": [], "indicator": "", "indicator_due": None})
            with db.atomic():
                revisions.insert(db, [theirs])
                assert revisions.keep_conflict(db, theirs, held["content_hash"], "exchange-x", WHEN, "diverged")
        ids = [conflict_id for (conflict_id,) in db.execute(
            "SELECT id FROM merge_conflicts WHERE record_table = 'implementation_status' ORDER BY id")]
    return ids


def test_an_implementation_conflict_decided_by_two_people_at_once_ends_with_one_decision(pg_url):
    codes = [f"KH3-{n:02}" for n in range(1, 21)]
    conflict_ids = _seed_implementation_conflicts(pg_url, codes)
    assert len(conflict_ids) == len(codes)
    decided: dict[bool, list[bool]] = {True: [], False: []}

    def reviewer(take_incoming: bool):
        def review():
            with connect_postgresql(pg_url) as db:
                for conflict_id in conflict_ids:
                    decided[take_incoming].append(implementation_store.decide_conflict(
                        db, conflict_id, take_incoming, WHEN))
        return review

    assert together(reviewer(True), reviewer(False)) == []
    assert [a + b for a, b in zip(decided[True], decided[False])] == [1] * len(codes)
    with connect_postgresql(pg_url) as db:
        for code, conflict_id, took in zip(codes, conflict_ids, decided[True]):
            resolution, = db.execute("SELECT resolution FROM merge_conflicts WHERE id = ?", [conflict_id]).fetchone()
            assert resolution == ("took_incoming" if took else "kept_current")
            current = implementation_store.get(db, CATALOG, code)
            assert current["status"] == ("completed" if took else "ongoing"), code
            history = implementation_store.history(db, CATALOG, code)
            assert [r["seq"] for r in history] == [1, 1, 2], code  # held, theirs, and one decision
        decisions = db.execute("SELECT count(*) FROM record_revisions WHERE action = 'decide'").fetchone()[0]
        assert decisions == len(codes)


def test_two_people_recording_the_same_recommendation_at_once_keep_every_change(pg_url):
    """Each person records 15 changes of KH3-44 with their own measures text, at the same time:
    all 30 are kept, as revisions 1..30 in one line of history, none lost, none numbered twice."""
    CentralDatabase(pg_url).close()
    changes = 15

    def officer(name: str):
        def work():
            with CentralDatabase(pg_url) as central:
                for number in range(changes):
                    implementation_store.record(central.db, central.device_id, name, CATALOG, "KH3-44",
                                                {"status": "ongoing", "measures": f"{name} {number}"})
        return work

    assert together(officer("Sokha"), officer("Dara")) == []
    with connect_postgresql(pg_url) as db:
        history = implementation_store.history(db, CATALOG, "KH3-44")
        assert [r["seq"] for r in history] == list(range(1, 2 * changes + 1))
        assert sorted(r["measures"] for r in history) == sorted(f"{name} {n}" for name in ("Sokha", "Dara")
                                                                 for n in range(changes))
        for before, after in zip(history, history[1:]):
            assert after["parents"] == [before["revision_id"]]  # each built on the one before: no fork
        current = implementation_store.get(db, CATALOG, "KH3-44")
        assert current["revision"] == 2 * changes and current["head_revision"] == history[-1]["revision_id"]
        assert db.execute("SELECT count(*) FROM merge_conflicts").fetchone()[0] == 0


def test_a_central_exchange_merged_while_someone_records_the_same_recommendation(pg_url, open_ws, tmp_path):
    """Another central copy's file with 40 records (KH3-44 among them) merged on the server
    while an officer records 10 changes of KH3-44: every revision of both is kept, one current
    record, the officer's own changes in one unbroken line, and at most one conflict waiting."""
    from consultation_app.exchange.central_exchange_write import write_central_exchange
    from consultation_app.exchange.merge import merge_paths
    from consultation_app.services.reference_lists import default_reference

    other = open_ws("other", "Other central copy")
    codes = [f"KH3-{n:02}" for n in range(5, 45)]  # KH3-05 .. KH3-44
    for code in codes:
        implementation_store.record(other.db, other.device_id, "Vanna", CATALOG, code,
                                    {"status": "not_started", "measures": f"theirs {code}"})
    exchange = write_central_exchange(other.database_path, tmp_path / "other.xlsx").path
    CentralDatabase(pg_url).close()
    results = []

    def merge():
        results.extend(merge_paths(pg_url, [exchange], default_reference()))

    def officer():
        with CentralDatabase(pg_url) as central:
            for number in range(10):
                implementation_store.record(central.db, central.device_id, "Sokha", CATALOG, "KH3-44",
                                            {"status": "completed", "measures": f"ours {number}"})

    assert together(merge, officer) == []
    assert [r.status for r in results] in (["merged"], ["needs_review"]), [r.message for r in results]
    with connect_postgresql(pg_url) as db:
        history = implementation_store.history(db, CATALOG, "KH3-44")
        assert sorted(r["measures"] for r in history) == sorted(["theirs KH3-44", *(f"ours {n}" for n in range(10))])
        ours = [r for r in history if r["officer"] == "Sokha"]
        for before, after in zip(ours, ours[1:]):
            assert after["parents"] == [before["revision_id"]] and after["seq"] == before["seq"] + 1
        assert db.execute("SELECT count(*) FROM implementation_status").fetchone()[0] == len(codes)
        assert implementation_store.get(db, CATALOG, "KH3-44")["head_revision"] in {r["revision_id"] for r in history}
        waiting = db.execute("SELECT count(*) FROM merge_conflicts WHERE resolved_at IS NULL").fetchone()[0]
        assert waiting <= 1
