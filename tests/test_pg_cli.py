"""The central commands on a PostgreSQL server (--database / CONSULTATION_APP_DATABASE): the same
names, flags, JSON keys and exit codes as on the data folder's SQLite database, and the URL's
password never shown (docs/central-postgresql.md)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from consultation_app.cli.main import EXIT_FAILED, EXIT_OK, main
from consultation_app.domain.records import CONSULTATION, FEEDBACK, content_hash
from consultation_app.paths import DATABASE_NAME
from consultation_app.services.central_database import DATABASE_ENV, CentralDatabase
from consultation_app.services.workspace import Workspace
from consultation_app.storage import merge_store

CATALOG = "khm-upr3-ohchr-2019"
WHEN = "2026-12-05T10:00:00Z"


def run(capsys, data_dir, *args):
    code = main(["--data-dir", str(data_dir), *args])
    out, err = capsys.readouterr()
    return code, out, err


def seed_a_conflict(db, held: dict) -> None:
    """One feedback entry held, and another device's version of it at the same revision."""
    incoming = {**held, "comment": "another comment, 50% ' ? done", "priority": "low",
                "device_id": "22222222-2222-4222-8222-222222222222"}
    incoming["content_hash"] = content_hash(FEEDBACK, incoming, False)
    with db.atomic():
        merge_store.write_rows(db, FEEDBACK, [held], 0, replace=False)
        merge_store.upsert_device(db, held["device_id"], "Takeo laptop", WHEN)
        merge_store.upsert_device(db, incoming["device_id"], "Kampot laptop", WHEN)
        assert merge_store.record_conflict(db, FEEDBACK, incoming, held["content_hash"], "export-from-kampot", WHEN)


@pytest.fixture
def held_entry(open_ws):
    laptop = open_ws("laptop", "Takeo laptop")
    c = laptop.records.create(CONSULTATION, {"title": "Takeo", "catalog_id": CATALOG})
    entry = laptop.records.create(FEEDBACK, {"consultation_uuid": c["uuid"], "catalog_id": CATALOG,
                                             "recommendation_code": "KH3-01", "comment": "ការអប់រំ: the comment held",
                                             "priority": "high"})
    return merge_store.current_record(laptop.db, FEEDBACK, entry["uuid"])


def test_summary_and_conflicts_give_the_same_json_on_postgresql_as_on_sqlite(capsys, data_dir, pg_url,
                                                                             held_entry):
    data_dir.mkdir(parents=True)
    central = Workspace(data_dir / DATABASE_NAME)
    try:
        seed_a_conflict(central.db, held_entry)
    finally:
        central.close()
    with CentralDatabase(pg_url) as server:
        seed_a_conflict(server.db, held_entry)
    outputs = {}
    for engine, extra in (("sqlite", []), ("postgresql", ["--database", pg_url])):
        code, summary, err = run(capsys, data_dir, *extra, "summary", "--json")
        assert (code, err) == (EXIT_OK, "")
        code, conflicts, err = run(capsys, data_dir, *extra, "conflicts", "list", "--json")
        assert (code, err) == (EXIT_OK, "")
        outputs[engine] = json.loads(summary), json.loads(conflicts)
    (sqlite_summary, sqlite_conflicts), (pg_summary, pg_conflicts) = outputs["sqlite"], outputs["postgresql"]
    assert set(pg_summary) == set(sqlite_summary)
    for key in ("recommendations", "catalogs", "device_id", "device_name", "database"):
        sqlite_summary.pop(key), pg_summary.pop(key)  # the bundled catalogs load into the data folder only
    assert pg_summary == sqlite_summary == {**pg_summary, "feedback": 1, "conflicts": 1}
    assert pg_conflicts == sqlite_conflicts
    fields = {field["field"]: field for field in pg_conflicts["conflicts"][0]["fields"]}
    assert fields["comment"] == {"field": "comment", "current": "ការអប់រំ: the comment held",
                                 "incoming": "another comment, 50% ' ? done"}


def test_the_environment_variable_points_at_the_server_and_the_summary_names_it_without_password(
        capsys, data_dir, pg_url, pg_server, monkeypatch):
    monkeypatch.setenv(DATABASE_ENV, pg_url)
    code, out, err = run(capsys, data_dir, "summary", "--json")
    assert (code, err) == (EXIT_OK, "")
    summary = json.loads(out)
    assert summary["database"].startswith("postgresql://postgres@") and summary["feedback"] == 0
    assert pg_server.password not in out


def test_a_command_not_yet_on_postgresql_refuses_the_server_in_one_line(capsys, data_dir, pg_url, pg_server):
    code, out, err = run(capsys, data_dir, "--database", pg_url, "template", "--out", str(data_dir / "t.xlsx"))
    assert code == EXIT_FAILED and out == ""
    assert len(err.strip().splitlines()) == 1 and "does not run on a PostgreSQL server yet" in err
    assert pg_server.password not in err


def test_an_address_that_is_not_postgresql_is_refused(capsys, data_dir):
    code, out, err = run(capsys, data_dir, "--database", "mysql://u:secret@h/db", "summary")
    assert code == EXIT_FAILED and "must be a postgresql://" in err and "secret" not in err


@pytest.mark.parametrize("case", ["wrong password", "server down", "no such database"])
def test_a_failed_connection_is_one_line_exit_1_and_never_shows_the_password(tmp_path, pg_server, case):
    """The process as staff run it: stdout, stderr and every file in the data folder (logs) are
    searched for the password."""
    secret = "Sekret-" + case.replace(" ", "-") + "-pw"
    url = {"wrong password": pg_server.url(password=secret),
           "server down": pg_server.url(password=secret).replace(f":{pg_server.port}/", f":{pg_server.port + 1}/"),
           "no such database": pg_server.url("no_such_db", password=secret)}[case]
    data = tmp_path / "data"
    env = {**os.environ, "CONSULTATION_APP_DATA_DIR": str(data), DATABASE_ENV: url}
    done = subprocess.run([sys.executable, "-m", "consultation_app", "summary", "--json"], capture_output=True,
                          text=True, env=env, timeout=60)
    assert done.returncode == EXIT_FAILED, done.stderr
    assert done.stdout == "" and len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert "cannot connect to the PostgreSQL server" in done.stderr and "postgres@" in done.stderr
    assert secret not in done.stderr
    for path in data.rglob("*") if data.exists() else []:
        if path.is_file():
            assert secret.encode() not in path.read_bytes(), path
