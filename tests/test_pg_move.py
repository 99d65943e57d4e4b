"""`central move-to postgresql://...`: a central office's SQLite store copied onto the server,
verified, the SQLite file untouched (storage/move_to_server.py)."""

from __future__ import annotations

import hashlib
import json

from consultation_app.cli.main import EXIT_FAILED, EXIT_OK, main
from consultation_app.domain.records import FEEDBACK
from consultation_app.paths import DATABASE_NAME
from consultation_app.services.workspace import Workspace
from consultation_app.storage import implementation_store, merge_store
from tests.test_pg_cli import seed_a_conflict
from tests.test_pg_merge import CATALOG, laptop_export


def run(capsys, data_dir, *args):
    code = main(["--data-dir", str(data_dir), *args])
    out, err = capsys.readouterr()
    return code, out, err


def _file_digest(folder) -> dict[str, str]:
    return {path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in sorted(folder.iterdir())
            if path.is_file() and path.name.startswith(DATABASE_NAME)}


def test_a_central_store_moves_whole_and_verified_and_the_sqlite_file_is_untouched(capsys, data_dir, pg_url,
                                                                                  pg_server, open_ws, tmp_path):
    _, takeo = laptop_export(open_ws, tmp_path, "takeo", 40)
    kampot, _ = laptop_export(open_ws, tmp_path, "kampot", 5)
    assert run(capsys, data_dir, "merge", "--json", str(takeo))[0] == EXIT_OK
    with Workspace(data_dir / DATABASE_NAME) as central:
        held = merge_store.current_record(kampot.db, FEEDBACK, kampot.records.query(FEEDBACK)[0]["uuid"])
        seed_a_conflict(central.db, held)
        implementation_store.record(central.db, central.device_id, "Sokha", CATALOG, "KH3-01",
                                    {"status": "ongoing", "measures": "ការបណ្តុះបណ្តាល 50%"})
        implementation_store.record(central.db, central.device_id, "Dara", CATALOG, "KH3-01", {"status": "completed"})
    before = {engine: {} for engine in ("sqlite", "postgresql")}
    for args in (("summary", "--json"), ("conflicts", "list", "--json")):
        before["sqlite"][args[0]] = json.loads(run(capsys, data_dir, *args)[1])
    files_before = _file_digest(data_dir)

    code, out, err = run(capsys, data_dir, "central", "move-to", "--json", pg_url)
    assert (code, err) == (EXIT_OK, ""), err
    moved = json.loads(out)
    assert pg_server.password not in out
    assert moved["tables"]["feedback"]["rows"] == 41 and moved["tables"]["implementation_revisions"]["rows"] == 2
    assert moved["tables"]["merge_log"]["rows"] == 1 and moved["tables"]["merge_conflicts"]["rows"] == 1
    assert _file_digest(data_dir) == files_before

    for args in (("summary", "--json"), ("conflicts", "list", "--json")):
        before["postgresql"][args[0]] = json.loads(run(capsys, data_dir, "--database", pg_url, *args)[1])
    for engine in before:
        before[engine]["summary"].pop("database"), before[engine]["summary"].pop("data_folder_warning")
    assert before["postgresql"] == before["sqlite"]

    # The moved merge log and claims: the same file is known; a new merge continues the ids.
    code, out, err = run(capsys, data_dir, "--database", pg_url, "merge", "--json", str(takeo))
    assert code == EXIT_OK and json.loads(out)["files"][0]["status"] == "already_merged"

    code, out, err = run(capsys, data_dir, "central", "move-to", pg_url)
    assert code == EXIT_FAILED and "already holds data" in err and len(err.strip().splitlines()) == 1
    assert pg_server.password not in err


def test_an_encrypted_store_moves_with_its_passphrase_and_says_how_to_give_it_without(
        capsys, data_dir, pg_url, pg_server, open_ws, tmp_path, monkeypatch, forget_keys):
    from consultation_app.services import passphrase
    from consultation_app.storage import encryption

    _, takeo = laptop_export(open_ws, tmp_path, "takeo", 12)
    assert run(capsys, data_dir, "merge", "--json", str(takeo))[0] == EXIT_OK
    passphrase.set_passphrase(data_dir / DATABASE_NAME, "mekong river at dawn")
    encryption.forget()
    files_before = _file_digest(data_dir)

    code, out, err = run(capsys, data_dir, "central", "move-to", pg_url)
    assert code == EXIT_FAILED and "--passphrase-env" in err and len(err.strip().splitlines()) == 1
    monkeypatch.setenv("CENTRAL_PASSPHRASE", "mekong river at dawn")
    code, out, err = run(capsys, data_dir, "--passphrase-env", "CENTRAL_PASSPHRASE", "central", "move-to", "--json",
                         pg_url)
    assert (code, err) == (EXIT_OK, ""), err
    moved = json.loads(out)["tables"]
    assert moved["feedback"]["rows"] == 12 and moved["merge_log"]["rows"] == 1
    assert "mekong" not in out and pg_server.password not in out
    assert _file_digest(data_dir) == files_before  # still encrypted, byte for byte as it was
    code, out, err = run(capsys, data_dir, "--database", pg_url, "summary", "--json")
    assert code == EXIT_OK and json.loads(out)["feedback"] == 12


def test_a_store_at_an_older_schema_is_refused_with_what_to_do_and_nothing_moves(capsys, data_dir, pg_url):
    from consultation_app.storage.connection import apply_steps, connect
    from consultation_app.storage.migrations import STEP_NAMES

    data_dir.mkdir(parents=True)
    with connect(data_dir / DATABASE_NAME) as old:
        apply_steps(old, stop_before=STEP_NAMES[-1])
    code, out, err = run(capsys, data_dir, "central", "move-to", pg_url)
    assert code == EXIT_FAILED and len(err.strip().splitlines()) == 1
    assert "open it once with this version of the app" in err and "nothing was moved" in err
    import psycopg

    with psycopg.connect(pg_url) as conn:
        assert conn.execute("SELECT to_regclass('feedback')").fetchone()[0] is None
