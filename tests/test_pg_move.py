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
