"""The central office's read and follow-up commands on a PostgreSQL server, side by side with
SQLite: the same field export merged into both, then `report` (PDF, XLSX, DOCX), `matrix`,
`implementation set|list|history|export`, `institution add|list|retire` and `conflicts decide`
run on each; their JSON, exit codes and the files' cell values or text must be the same
(docs/central-postgresql.md)."""

from __future__ import annotations

import json
import re

import docx
import openpyxl
import pytest

from consultation_app.cli.main import EXIT_FAILED, EXIT_OK, main
from consultation_app.exchange.export import export_package
from tests.test_dashboard import LAND_TRANSLATION, build_fixture
from tests.test_pg_cli import held_entry, seed_a_conflict  # noqa: F401 (held_entry is a fixture)
from tests.test_report import pdf_text

ENGINES = ("sqlite", "postgresql")
# What differs between two runs whatever the engine: the moment written, the export's own id.
MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z?( UTC)?")


def run(capsys, data_dir, *args):
    code = main(["--data-dir", str(data_dir), *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def both(capsys, data_dir, pg_url, open_ws, tmp_path):
    """The dashboard fixture's laptop exported once and merged into the data folder's SQLite
    store and into the server; returns engine -> the command-line options that select it."""
    laptop = open_ws("laptop", "Ratanakiri laptop")
    build_fixture(laptop)
    export = export_package(laptop.database_path, tmp_path / "laptop.xlsx", laptop.reference,
                            include_sensitive=True).path
    engines = {"sqlite": [], "postgresql": ["--database", pg_url]}
    for extra in engines.values():
        code, out, err = run(capsys, data_dir, *extra, "merge", "--json", str(export))
        assert code == EXIT_OK, (out, err)
        assert json.loads(out)["files"][0]["status"] == "merged"
    return engines


@pytest.fixture
def dashboard_on_server(pg_url):
    """The report and the matrix take their per-theme figures from storage.dashboard_queries,
    which runs on PostgreSQL with branch i21-agg (its owner's): until that is merged these tests
    are expected to fail there, and only there. Once it is, they run in full."""
    from consultation_app.services.reference_lists import default_reference
    from consultation_app.storage import dashboard_queries
    from consultation_app.storage.pg_connection import connect_postgresql

    with connect_postgresql(pg_url) as db:
        try:
            dashboard_queries.dashboard_figures(db, default_reference())
        except Exception as error:  # noqa: BLE001 - the dialect's refusal or the server's syntax error
            pytest.xfail(f"dashboard_figures does not run on PostgreSQL yet (branch i21-agg): "
                         f"{type(error).__name__}: {str(error).splitlines()[0][:100]}")


def same_moments(text: str) -> str:
    return MOMENT.sub("<moment>", text)


def workbook_cells(path) -> dict[str, list[list]]:
    book = openpyxl.load_workbook(path)
    return {sheet.title: [[same_moments(v) if isinstance(v, str) else v for v in row]
                          for row in sheet.iter_rows(values_only=True)] for sheet in book}


def docx_text(path) -> list[str]:
    document = docx.Document(str(path))
    lines = [same_moments(p.text) for p in document.paragraphs]
    for table in document.tables:
        lines += [same_moments(cell.text) for row in table.rows for cell in row.cells]
    return lines


def test_report_in_every_format_is_the_same_on_postgresql_as_on_sqlite(capsys, data_dir, both, tmp_path, qtbot,
                                                                      dashboard_on_server):
    for kind in ("pdf", "xlsx", "docx"):
        results, files = {}, {}
        for engine, extra in both.items():
            out = tmp_path / engine / f"report.{kind}"
            out.parent.mkdir(exist_ok=True)
            code, printed, err = run(capsys, data_dir, *extra, "report", "--out", str(out), "--json")
            assert (code, err) == (EXIT_OK, ""), err
            result = json.loads(printed)
            assert result.pop("path") == str(out)
            result.pop("generated_at")
            results[engine], files[engine] = result, out
        assert results["postgresql"] == results["sqlite"], kind
        assert (results["sqlite"]["feedback"], results["sqlite"]["consultations"]) == (21, 7)
        if kind == "pdf":
            text = {engine: same_moments(pdf_text(path)) for engine, path in files.items()}
            assert LAND_TRANSLATION in text["postgresql"]
        elif kind == "xlsx":
            text = {engine: workbook_cells(path) for engine, path in files.items()}
        else:
            text = {engine: docx_text(path) for engine, path in files.items()}
        assert text["postgresql"] == text["sqlite"], kind


def test_report_filters_give_the_same_figures_on_both_engines(capsys, data_dir, both, tmp_path,
                                                             dashboard_on_server):
    filters = ["--province", "ratanakiri", "--from", "2024-01-01", "--to", "2024-12-31", "--language", "km"]
    results = {}
    for engine, extra in both.items():
        code, printed, err = run(capsys, data_dir, *extra, "report", "--out", str(tmp_path / f"{engine}.xlsx"),
                                 "--json", *filters)
        assert (code, err) == (EXIT_OK, ""), err
        result = json.loads(printed)
        result.pop("path"), result.pop("generated_at")
        results[engine] = result
    assert results["postgresql"] == results["sqlite"]
    assert (results["sqlite"]["feedback"], results["sqlite"]["consultations"]) == (7, 2)


def record_follow_up(command) -> None:
    """The same implementation records and institutions, by command, on one engine."""
    command("institution", "add", "moj", "--name", "Ministry of Justice", "--name-km", "ក្រសួងយុត្តិធម៌",
            json_out=False)
    command("institution", "add", "moe", "--name", "Ministry of Education", json_out=False)
    command("institution", "retire", "moe", json_out=False)
    first = command("implementation", "set", "KH3-44", "--status", "ongoing", "--institutions", "moj",
                    "--measures", "a land law draft, 50% done ?", "--officer", "Sokha", "--json", name="set 1")
    second = command("implementation", "set", "KH3-44", "--status", "completed", "--indicator",
                     "titles issued", "--due", "2027-06-30", "--officer", "Dara", "--json", name="set 2")
    assert (first["revision"], second["revision"]) == (1, 2)
    command("implementation", "set", "KH3-01", "--status", "not_started", "--json", name="set 3")  # no --officer


def commands_on(capsys, data_dir, extra, got: dict):
    def command(*args, name=None, json_out=True):
        code, printed, err = run(capsys, data_dir, *extra, *args)
        assert (code, err) == (EXIT_OK, ""), (args, err)
        got[name or " ".join(args[:2])] = json.loads(printed) if json_out else printed
        return got[name or " ".join(args[:2])]
    return command


def compare(outputs: dict[str, dict]) -> None:
    sqlite, server = outputs["sqlite"], outputs["postgresql"]
    assert set(server) == set(sqlite)
    for name in sqlite:
        assert _without_ids(server[name]) == _without_ids(sqlite[name]), name


def test_implementation_and_institution_commands_are_the_same_on_postgresql_as_on_sqlite(
        capsys, data_dir, both, tmp_path):
    outputs: dict[str, dict] = {}
    for engine, extra in both.items():
        command = commands_on(capsys, data_dir, extra, outputs.setdefault(engine, {}))
        record_follow_up(command)
        command("institution", "list", "--all", "--json")
        command("institution", "list", name="institution list text", json_out=False)
        command("implementation", "list", "--json")
        command("implementation", "list", name="list text", json_out=False)
        command("implementation", "history", "KH3-44", "--json")
        command("implementation", "history", "KH3-44", name="history text", json_out=False)
        out = tmp_path / f"{engine}-exchange.xlsx"
        exchange = command("implementation", "export", "--out", str(out), "--json")
        assert exchange.pop("path") == str(out)
        for key in ("exchange_id", "content_sha256"):
            exchange.pop(key)  # its own id; the hash covers the revisions' uuids and times, made per engine
        outputs[engine]["exchange cells"] = {sheet: rows for sheet, rows in workbook_cells(out).items()
                                             if sheet != "manifest"}
    compare(outputs)
    assert outputs["postgresql"]["implementation export"] == {"records": 2, "revisions": 3, "institutions": 2}
    assert [row["status"] for row in outputs["postgresql"]["implementation history"]] == ["ongoing", "completed"]


def test_the_matrix_is_the_same_on_postgresql_as_on_sqlite(capsys, data_dir, both, tmp_path, dashboard_on_server):
    outputs: dict[str, dict] = {}
    for engine, extra in both.items():
        command = commands_on(capsys, data_dir, extra, outputs.setdefault(engine, {}))
        record_follow_up(command)
        for language in ("en", "km"):
            out = tmp_path / f"{engine}-{language}-matrix.xlsx"
            matrix = command("matrix", "--out", str(out), "--lang", language, "--json", name=f"matrix {language}")
            assert matrix.pop("path") == str(out)
            outputs[engine][f"matrix {language} cells"] = workbook_cells(out)
    compare(outputs)
    assert outputs["postgresql"]["matrix en"] == {"recommendations": 47, "with_status": 2, "quotes": 1}


UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
REVISION_ID = re.compile(r"\b[0-9a-f]{64}\b")  # a revision's id: it hashes its device and moment


def _without_ids(value):
    """The same content whatever uuids and moments each engine's run made for its own rows."""
    if isinstance(value, dict):
        return {key: item if key == "content_hash" else _without_ids(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_without_ids(item) for item in value]
    if isinstance(value, str):
        return REVISION_ID.sub("<revision>", UUID.sub("<uuid>", same_moments(value)))
    return value


def test_conflicts_decide_gives_the_same_output_and_exit_codes_on_both(capsys, data_dir, pg_url, held_entry):  # noqa: F811
    from consultation_app.paths import DATABASE_NAME
    from consultation_app.services.central_database import CentralDatabase
    from consultation_app.services.workspace import Workspace

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
        listed = json.loads(run(capsys, data_dir, *extra, "conflicts", "list", "--json")[1])["conflicts"]
        conflict_id = str(listed[0]["id"])
        decided = run(capsys, data_dir, *extra, "conflicts", "decide", conflict_id, "--take", "incoming")
        again = run(capsys, data_dir, *extra, "conflicts", "decide", conflict_id, "--take", "current")
        unknown = run(capsys, data_dir, *extra, "conflicts", "decide", "999999", "--take", "current")
        after = json.loads(run(capsys, data_dir, *extra, "summary", "--json")[1])
        outputs[engine] = decided, again, unknown, after["conflicts"]
    assert outputs["postgresql"] == outputs["sqlite"]
    decided, again, unknown, left = outputs["postgresql"]
    assert decided == (EXIT_OK, "conflict 1 decided: took the incoming version\n", "")
    assert again[0] == unknown[0] == EXIT_FAILED and left == 0
    assert len(again[2].strip().splitlines()) == 1 and "no conflict 1 waiting" in again[2]


@pytest.mark.parametrize("command", [["backup"], ["restore", "some-backup.sqlite3"]])
def test_backup_and_restore_given_a_server_say_in_one_line_it_is_backed_up_with_pg_dump(
        capsys, data_dir, workspace, pg_url, pg_server, command):
    """Not a copy of the data folder's own database passed off as the server's backup."""
    backups = data_dir / "backups"
    before = sorted(backups.iterdir()) if backups.exists() else []
    code, out, err = run(capsys, data_dir, "--database", pg_url, *command)
    assert code == EXIT_FAILED and out == ""
    assert len(err.strip().splitlines()) == 1 and "pg_dump" in err and pg_server.password not in err
    assert (sorted(backups.iterdir()) if backups.exists() else []) == before


def test_a_merge_receipt_is_the_same_from_postgresql_as_from_sqlite(capsys, data_dir, both, tmp_path):
    """The receipt a field laptop imports to know what the office holds: the same records,
    revisions and exports whichever engine the office runs."""
    from consultation_app.paths import DATABASE_NAME
    from tests.conftest import query

    (device_id,), = query(data_dir / DATABASE_NAME, "SELECT device_id FROM devices")
    receipts = {}
    for engine, extra in both.items():
        out = tmp_path / f"{engine}-receipt.json"
        code, printed, err = run(capsys, data_dir, *extra, "receipt", "--device", device_id, "--out", str(out))
        assert (code, err) == (EXIT_OK, ""), err
        receipt = json.loads(out.read_text(encoding="utf-8"))
        for key in ("receipt_id", "central_generated_at", "sha256"):
            receipt.pop(key)  # its own id and moment, and the checksum over them
        receipts[engine] = same_moments(json.dumps(receipt)), printed.replace(str(out), "<out>")  # merged_at
    assert receipts["postgresql"] == receipts["sqlite"]
    assert sum(len(rows) for rows in json.loads(receipts["postgresql"][0])["records"].values()) > 20


def test_passphrase_given_a_server_refuses_in_one_line_and_leaves_the_data_folder_alone(
        capsys, data_dir, workspace, pg_url, pg_server, monkeypatch):
    from consultation_app.paths import DATABASE_NAME

    before = (data_dir / DATABASE_NAME).read_bytes()
    monkeypatch.setenv("NEW_PASSPHRASE", "a long enough passphrase")
    code, out, err = run(capsys, data_dir, "--database", pg_url, "passphrase", "set", "--new-env", "NEW_PASSPHRASE")
    assert code == EXIT_FAILED and out == ""
    assert len(err.strip().splitlines()) == 1 and "PostgreSQL server" in err and pg_server.password not in err
    assert (data_dir / DATABASE_NAME).read_bytes() == before
