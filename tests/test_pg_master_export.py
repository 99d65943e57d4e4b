"""`master-export --database postgresql://...`: the central office's master workbook written
from the server, cell for cell the workbook the same store gives on SQLite
(docs/central-postgresql.md)."""

from __future__ import annotations

from python_calamine import CalamineWorkbook

from consultation_app.cli.main import EXIT_OK
from consultation_app.domain.records import FEEDBACK
from consultation_app.paths import DATABASE_NAME
from consultation_app.services.workspace import Workspace
from consultation_app.storage import implementation_store, merge_store
from tests.test_pg_cli import seed_a_conflict
from tests.test_pg_merge import CATALOG, laptop_export
from tests.test_pg_move import run


def cells(path) -> dict[str, list[list]]:
    book = CalamineWorkbook.from_path(str(path))
    return {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}


def test_the_master_workbook_from_postgresql_holds_the_same_cells_as_from_sqlite(capsys, data_dir, pg_url,
                                                                                pg_server, open_ws, tmp_path):
    # One central store, moved onto the server: the same records, times and ids on both engines.
    _, takeo = laptop_export(open_ws, tmp_path, "takeo", 40)
    kampot, _ = laptop_export(open_ws, tmp_path, "kampot", 5)
    assert run(capsys, data_dir, "merge", "--json", str(takeo))[0] == EXIT_OK
    with Workspace(data_dir / DATABASE_NAME) as central:
        held = merge_store.current_record(kampot.db, FEEDBACK, kampot.records.query(FEEDBACK)[0]["uuid"])
        seed_a_conflict(central.db, held)
        implementation_store.record(central.db, central.device_id, "Sokha", CATALOG, "KH3-01",
                                    {"status": "ongoing", "measures": "ការបណ្តុះបណ្តាល 50%"})
    code, out, err = run(capsys, data_dir, "central", "move-to", pg_url)
    assert (code, err) == (EXIT_OK, ""), err

    books = {}
    for engine, extra in (("sqlite", []), ("postgresql", ["--database", pg_url])):
        out_path = tmp_path / f"master-{engine}.xlsx"
        code, out, err = run(capsys, data_dir, *extra, "master-export", "--out", str(out_path))
        assert (code, err) == (EXIT_OK, ""), err
        assert pg_server.password not in out
        books[engine] = cells(out_path)
    sqlite, postgresql = books["sqlite"], books["postgresql"]
    assert list(postgresql) == list(sqlite)
    # The cover's "generated at" is the moment each was written; everything else is the same.
    for book in books.values():
        generated = [row for row in book["cover"] if str(row[0]).startswith("Generated at")]
        assert len(generated) == 1
        generated[0][1] = ""
    for name in sqlite:
        assert postgresql[name] == sqlite[name], name
    assert len(sqlite["feedback"]) == 2 + 41  # the label and key rows, then every entry
    assert any("ការអប់រំ takeo" in str(cell) for row in postgresql["feedback"] for cell in row)
    assert len(postgresql["conflicts"]) > 2 and len(postgresql["devices"]) >= 2 + 2
