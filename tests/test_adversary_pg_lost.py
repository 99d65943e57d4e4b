"""Attack (adversary5, point 3): the PostgreSQL server ends the app's sessions
(pg_terminate_backend, what a restart or an administrator does) at a chosen point inside a
merge, a conflict decision and a consent sweep: the file is as if not merged, the decision not
half-made, the sweep not half-done; one keyed line, exit 1; the next command works. And a
statement inside an open transaction never silently runs on a new session.

The point is chosen by wrapping a storage function the command calls inside its transaction,
so the cut lands there every time (the timing-based cuts are in tests/test_adversary_server.py)."""

from __future__ import annotations

import json
import time

import psycopg
import pytest

from consultation_app.cli.main import EXIT_FAILED, EXIT_OK, main
from consultation_app.domain import signing
from consultation_app.exchange.workbook_format import FEEDBACK_SHEET
from consultation_app.services.central_database import CentralDatabase
from consultation_app.storage import merge_store, settings_store
from consultation_app.storage.errors import StorageError
from tests.forgery import resign, set_cells
from tests.test_pg_merge import counts, laptop_export
from tests.test_pg_retention import clock  # noqa: F401  (a fixture)
from tests.test_pg_retention import laptop_export as kampot_export  # noqa: F401  (a fixture)

STRANGER = "9b1c0000-0000-4000-8000-00000000dead"


def end_sessions(url: str) -> int:
    """Every session of the database, ended by the server (waited for: pg_terminate_backend
    only signals the backend)."""
    database = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as admin:
        ended = len(admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s "
                                  "AND pid <> pg_backend_pid()", [database]).fetchall())
        deadline = time.monotonic() + 10
        while admin.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = %s", [database]).fetchone()[0]:
            assert time.monotonic() < deadline, "the sessions did not end"
            time.sleep(0.01)
    return ended


def cut_after(monkeypatch, module, name: str, url: str, calls: int = 1) -> list:
    """``module.name`` does its work, then (at its ``calls``-th call) the server ends every session."""
    original, cuts, called = getattr(module, name), [], []

    def cut(*args, **kwargs):
        result = original(*args, **kwargs)
        called.append(1)
        if len(called) == calls:
            cuts.append(end_sessions(url))
        return result
    monkeypatch.setattr(module, name, cut)
    return cuts


def run(capsys, data_dir, *args) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["--data-dir", str(data_dir), *args])
    out, err = capsys.readouterr()
    return code, out, err


def one_lost_line(code: int, err: str) -> None:
    assert code == EXIT_FAILED, err
    assert len(err.strip().splitlines()) == 1, err
    assert "connection to the PostgreSQL server was lost" in err and "Traceback" not in err, err


def test_a_merge_cut_inside_its_transaction_is_as_if_not_merged_and_merges_after(
        capsys, data_dir, pg_url, open_ws, tmp_path, monkeypatch):
    _, export = laptop_export(open_ws, tmp_path, "takeo", 40)
    CentralDatabase(pg_url).close()
    cuts = cut_after(monkeypatch, merge_store, "insert_absent", pg_url)
    code, out, err = run(capsys, data_dir, "--database", pg_url, "merge", "--json", str(export))
    assert cuts and cuts[0] >= 1
    assert code == EXIT_FAILED, err
    assert "Traceback" not in err and "internal error" not in err.lower(), err
    held = counts(pg_url)
    assert (held["feedback"], held["consultations"], held["merged_exports"], held["record_revisions"]) == (0, 0, 0, 0)
    monkeypatch.undo()
    code, out, err = run(capsys, data_dir, "--database", pg_url, "merge", "--json", str(export))
    assert code == EXIT_OK, err
    assert json.loads(out)["files"][0]["status"] == "merged"
    assert counts(pg_url)["feedback"] == 40


def _conflict_on_the_server(capsys, data_dir, pg_url, open_ws, tmp_path) -> tuple[int, str]:
    laptop, export = laptop_export(open_ws, tmp_path, "kep", 3)
    target = laptop.db.execute("SELECT uuid FROM feedback ORDER BY uuid LIMIT 1").fetchone()[0]
    forged = resign(export, tmp_path / "rewritten.xlsx", signing.new_private_key(),
                    set_cells(FEEDBACK_SHEET, target, {"comment": "words never said", "revision": 5}),
                    device_id=STRANGER, device_name="Stranger", export_id="9b1c0000-0000-4000-8000-00000000e009",
                    export_seq=1)
    for path in (export, forged):
        code, out, err = run(capsys, data_dir, "--database", pg_url, "merge", "--json", str(path))
        assert code in (EXIT_OK, EXIT_FAILED), err
    code, out, err = run(capsys, data_dir, "--database", pg_url, "conflicts", "list", "--json")
    [conflict] = json.loads(out)["conflicts"]
    return conflict["id"], target


def _server_state(url: str, uuid: str) -> tuple:
    with psycopg.connect(url) as conn:
        return (conn.execute("SELECT comment, revision, local_seq FROM feedback WHERE uuid = %s", [uuid]).fetchone(),
                conn.execute("SELECT resolved_at, resolution FROM merge_conflicts").fetchall(),
                conn.execute("SELECT count(*) FROM record_revisions WHERE record_uuid = %s", [uuid]).fetchone())


def test_a_conflict_decision_cut_midway_is_not_half_made_and_can_be_made_after(
        capsys, data_dir, pg_url, open_ws, tmp_path, monkeypatch):
    conflict_id, target = _conflict_on_the_server(capsys, data_dir, pg_url, open_ws, tmp_path)
    before = _server_state(pg_url, target)
    assert before[1] == [(None, None)]
    cuts = cut_after(monkeypatch, merge_store, "drop_withdrawn_conflicts", pg_url)  # inside write_rows
    code, out, err = run(capsys, data_dir, "--database", pg_url, "conflicts", "decide", str(conflict_id),
                         "--take", "incoming")
    assert cuts
    one_lost_line(code, err)
    assert _server_state(pg_url, target) == before  # claimed, half-written: all rolled back
    monkeypatch.undo()
    code, out, err = run(capsys, data_dir, "--database", pg_url, "conflicts", "decide", str(conflict_id),
                         "--take", "incoming")
    assert code == EXIT_OK, err
    after = _server_state(pg_url, target)
    assert after[0][0] == "words never said" and after[1][0][1] == "took_incoming"


def test_a_consent_sweep_cut_midway_is_finished_by_the_next_sweep(capsys, data_dir, pg_url, kampot_export, clock,  # noqa: F811
                                                                  monkeypatch):
    path, consultations, entries, photo = kampot_export
    code, out, err = run(capsys, data_dir, "--database", pg_url, "merge", str(path), "--json")
    assert code == EXIT_OK, err
    clock("2027-02-15")  # Kampot's keep-until date has passed
    # cut inside the first entry's withdrawal (its transaction has begun)
    cuts = cut_after(monkeypatch, settings_store, "next_local_seq", pg_url, calls=3)  # 1st, 2nd: the consent's
    code, out, err = run(capsys, data_dir, "--database", pg_url, "consent", "sweep", "--json")
    assert cuts
    one_lost_line(code, err)
    monkeypatch.undo()
    clock("2027-02-15")
    code, out, err = run(capsys, data_dir, "--database", pg_url, "consent", "sweep", "--json")
    assert code == EXIT_OK, err
    with psycopg.connect(pg_url) as conn:
        quote = conn.execute("SELECT quote, deleted FROM feedback WHERE uuid = %s", [entries["kampot"]]).fetchone()
        withdrawn = conn.execute("SELECT withdrawn FROM consents WHERE consultation_uuid = %s",
                                 [consultations["kampot"]]).fetchall()
    assert withdrawn and all(flag for (flag,) in withdrawn)
    assert quote == ("", 1), "the quote outlived its keep-until date: the cut sweep marked the consent " \
                             "withdrawn and the next sweep no longer saw it"


# -- the connection itself ---------------------------------------------------------------------

@pytest.mark.parametrize("how", ["execute", "execute_native", "executemany", "stream", "COMMIT"])
def test_a_statement_inside_an_open_transaction_never_runs_on_a_new_session(pg_url, how):
    with CentralDatabase(pg_url) as central:
        conn = central.db.conn
        conn.execute("CREATE TABLE probe (x integer)")
        conn.execute("BEGIN")
        conn.execute("INSERT INTO probe VALUES (1)")
        assert end_sessions(pg_url) >= 1
        statements = {
            "execute": lambda: conn.execute("INSERT INTO probe VALUES (2)"),
            "execute_native": lambda: conn.execute_native("INSERT INTO probe VALUES (%s)", [2]),
            "executemany": lambda: conn.executemany("INSERT INTO probe VALUES (?)", [(2,), (3,)]),
            "stream": lambda: list(conn.stream("SELECT x FROM probe", [])),
            "COMMIT": lambda: conn.execute("COMMIT"),
        }
        with pytest.raises(StorageError) as lost:
            statements[how]()
        assert lost.value.key == "server_lost"
        if how != "COMMIT":  # (a COMMIT ends the transaction whether or not it got through)
            with pytest.raises(StorageError):  # still inside the lost transaction: no second chance elsewhere
                conn.execute("INSERT INTO probe VALUES (4)")
        conn.execute("ROLLBACK")  # the server already rolled it back
        assert conn.execute("SELECT count(*) FROM probe").fetchone()[0] == 0  # a new session, nothing kept
        conn.execute("INSERT INTO probe VALUES (5)")  # and it works
        assert conn.execute("SELECT x FROM probe").fetchall() == [(5,)]


def test_a_master_export_cut_between_its_reads_is_one_line_and_leaves_no_file(
        capsys, data_dir, pg_url, open_ws, tmp_path, monkeypatch):
    """Cut after the overview is written, before the records are read: the export reads one
    snapshot (a transaction), so it fails rather than reading the rest from a new session."""
    from consultation_app.exchange import master_export

    _, export = laptop_export(open_ws, tmp_path, "takeo", 30)
    code, out, err = run(capsys, data_dir, "--database", pg_url, "merge", "--json", str(export))
    assert code == EXIT_OK, err
    (tmp_path / "out").mkdir()
    cuts = cut_after(monkeypatch, master_export, "_write_overview", pg_url)
    code, out, err = run(capsys, data_dir, "--database", pg_url, "master-export", "--out",
                         str(tmp_path / "out" / "master.xlsx"))
    assert cuts
    one_lost_line(code, err)
    assert list((tmp_path / "out").iterdir()) == []
    monkeypatch.undo()
    code, out, err = run(capsys, data_dir, "--database", pg_url, "master-export", "--out",
                         str(tmp_path / "out" / "master.xlsx"))
    assert code == EXIT_OK, err
    assert (tmp_path / "out" / "master.xlsx").exists()


def test_a_merge_whose_lock_session_was_ended_does_not_go_on_without_its_lock(
        capsys, data_dir, pg_url, open_ws, tmp_path, monkeypatch):
    """The merge's lock lives in a session of its own: the server ending that idle session
    (idle_session_timeout, an administrator, a restart between two batches) frees the lock
    for a second merge; this one must then stop, not go on beside it."""
    from consultation_app.storage.pg_connection import MERGE_LOCK

    _, export = laptop_export(open_ws, tmp_path, "takeo", 40)
    CentralDatabase(pg_url).close()
    database = pg_url.rsplit("/", 1)[1]
    original, taken_by_another = merge_store.insert_absent, []

    def lock_session_ended(*args, **kwargs):
        if not taken_by_another:
            with psycopg.connect(pg_url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as admin:
                admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s "
                              "AND state = 'idle' AND pid <> pg_backend_pid()", [database])
                time.sleep(0.3)
            with psycopg.connect(pg_url, autocommit=True) as other:  # a second merge starting now
                got = other.execute("SELECT pg_try_advisory_lock(%s)", [MERGE_LOCK]).fetchone()[0]
                taken_by_another.append(got)
                if got:
                    other.execute("SELECT pg_advisory_unlock(%s)", [MERGE_LOCK])
        return original(*args, **kwargs)
    monkeypatch.setattr(merge_store, "insert_absent", lock_session_ended)
    code, out, err = run(capsys, data_dir, "--database", pg_url, "merge", "--json", str(export))
    assert taken_by_another
    # either the lock could not be taken by another merge, or this merge stopped (one line, nothing kept)
    assert taken_by_another == [False] or (code == EXIT_FAILED and counts(pg_url)["feedback"] == 0), (code, err)
    if code == EXIT_FAILED:
        one_lost_line(code, err)
        monkeypatch.undo()
        code, out, err = run(capsys, data_dir, "--database", pg_url, "merge", "--json", str(export))
        assert code == EXIT_OK and counts(pg_url)["feedback"] == 40, err


def test_a_merge_that_lost_its_lock_keeps_nothing_when_a_later_file_fails(
        capsys, data_dir, pg_url, open_ws, tmp_path, monkeypatch):
    """A file failing after the lock's session was ended must not commit the files before it
    in the batch (keep_what_is_done): another merge may hold the lock by then."""
    from consultation_app.exchange import merge
    from consultation_app.storage.pg_connection import MERGE_LOCK

    _, first = laptop_export(open_ws, tmp_path, "takeo", 40)
    _, second = laptop_export(open_ws, tmp_path, "kampot", 5)
    CentralDatabase(pg_url).close()
    database = pg_url.rsplit("/", 1)[1]
    original, calls, taken_by_another = merge.merge_prepared, [], []

    def lock_lost_then_a_file_fails(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:  # the second file: the disk of the server fills, say
            raise StorageError("the server's disk is full")
        result = original(*args, **kwargs)
        if len(calls) == 1:  # the first file written in the batch; the lock's idle session ended
            with psycopg.connect(pg_url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as admin:
                admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s "
                              "AND state = 'idle' AND pid <> pg_backend_pid()", [database])
                time.sleep(0.3)
            with psycopg.connect(pg_url, autocommit=True) as other:  # a second merge takes the lock
                taken_by_another.append(other.execute("SELECT pg_try_advisory_lock(%s)", [MERGE_LOCK]).fetchone()[0])
                other.execute("SELECT pg_advisory_unlock(%s)", [MERGE_LOCK])
        return result
    monkeypatch.setattr(merge, "merge_prepared", lock_lost_then_a_file_fails)
    code, out, err = run(capsys, data_dir, "--database", pg_url, "merge", "--json", str(first), str(second))
    assert taken_by_another == [True] and len(calls) >= 2
    assert counts(pg_url)["feedback"] == 0  # the first file's batch rolled back, not committed beside another merge
    one_lost_line(code, err)
