"""Issue 18 on a central office's PostgreSQL server: the same files merged into the server and
into the data folder's SQLite database keep the same conflict reasons with the same message
keys and arguments (m_conflict_reason_keys_v1 runs on both through the DDL translator), and
the conflicts window says them in Khmer the same way on both. Against tests/pg_server.py."""

from __future__ import annotations

import json
import shutil

import pytest

from consultation_app.cli.main import EXIT_OK, main
from consultation_app.domain import signing
from consultation_app.domain.records import FEEDBACK
from consultation_app.errors import said_as_json
from consultation_app.exchange.central_exchange_write import write_central_exchange
from consultation_app.exchange.workbook_format import FEEDBACK_SHEET
from consultation_app.services.central_database import CentralDatabase
from consultation_app.storage import implementation_store, merge_store
from tests.conftest import open_device
from tests.forgery import resign, set_cells
from tests.test_central_exchange import record as record_status
from tests.test_central_exchange import two_copies
from tests.test_conflict_reasons_in_khmer import STRANGER, in_khmer, opened, reason_shown  # noqa: F401
from tests.test_messages_in_khmer import khmer
from tests.test_trust import CATALOG, export, record_some


def foreign_files(open_ws, tmp_path):
    laptop = open_ws("laptop", "Kep laptop")
    made = record_some(laptop)
    genuine = export(laptop, tmp_path / "genuine.xlsx", include_sensitive=True).path
    forged = resign(genuine, tmp_path / "rewritten.xlsx", signing.new_private_key(),
                    set_cells(FEEDBACK_SHEET, made["f"]["uuid"], {"quote": "words never said", "revision": 5}),
                    device_id=STRANGER, device_name="Stranger",
                    export_id="9b1c0000-0000-4000-8000-00000000e009", export_seq=1)
    return [genuine, forged], None


def clone_files(open_ws, tmp_path):
    a = open_ws("laptop-a", "Kep laptop")
    made = record_some(a)
    first = export(a, tmp_path / "first.xlsx", include_sensitive=True).path
    a.close()
    shutil.copytree(tmp_path / "laptop-a", tmp_path / "laptop-b")
    a, b = open_ws("laptop-a"), open_ws("laptop-b")
    a.records.update(FEEDBACK, made["f"]["uuid"], {"quote": "as A heard it"})
    from_a = export(a, tmp_path / "a-2.xlsx", since_last=True, include_sensitive=True).path
    b.records.update(FEEDBACK, made["f"]["uuid"], {"quote": "as B heard it"})
    export(b, tmp_path / "b-2.xlsx", since_last=True, include_sensitive=True)
    from_b = export(b, tmp_path / "b-3.xlsx", include_sensitive=True).path
    return [first, from_a, from_b], None


def central_copy_files(open_ws, tmp_path):
    a, _ = two_copies(open_ws)
    record_status(a, "KH3-44", status="not_started")
    write_central_exchange(a.database_path, tmp_path / "a1.xlsx")
    record_status(a, "KH3-44", status="ongoing", measures="Circular issued")
    write_central_exchange(a.database_path, tmp_path / "a2.xlsx")

    def meanwhile_here(central) -> None:  # the central office records its own change before a2 arrives
        implementation_store.record(central.db, central.device_id, "Vanna", CATALOG, "KH3-44",
                                    {"status": "completed"})
    return [tmp_path / "a1.xlsx", tmp_path / "a2.xlsx"], meanwhile_here


def merged(capsys, data_dir, database: list[str], path) -> str:
    capsys.readouterr()
    assert main(["--data-dir", str(data_dir), *database, "merge", "--json", str(path)]) in (EXIT_OK, 1)
    return json.loads(capsys.readouterr().out)["files"][0]["status"]


@pytest.mark.parametrize("scenario, key", [(foreign_files, "conflict_foreign"),
                                           (clone_files, "conflict_shared_identity"),
                                           (central_copy_files, "conflict_central_copies")])
def test_the_same_files_keep_the_same_keyed_reasons_on_both_engines_and_say_them_in_khmer(
        qtbot, capsys, data_dir, pg_url, open_ws, tmp_path, in_khmer, scenario, key):  # noqa: F811
    files, meanwhile = scenario(open_ws, tmp_path)
    engines = {"sqlite": ([], lambda: open_device(data_dir)),
               "postgresql": (["--database", pg_url], lambda: CentralDatabase(pg_url))}
    stored, shown, opened_centrals = {}, {}, []
    try:
        for engine, (database, open_central) in engines.items():
            statuses = [merged(capsys, data_dir, database, files[0])]
            if meanwhile:
                central = open_central()
                meanwhile(central)
                central.close()
            statuses += [merged(capsys, data_dir, database, path) for path in files[1:]]
            assert statuses[-1] == "needs_review", (engine, statuses)
            central = open_central()
            opened_centrals.append(central)
            [conflict] = merge_store.open_conflicts(central.db)
            assert conflict["reason"].key == key, engine
            stored[engine] = (str(conflict["reason"]), said_as_json(conflict["reason"]))
            shown[engine] = reason_shown(opened(qtbot, central))
        assert stored["postgresql"] == stored["sqlite"]
        assert shown["postgresql"] == shown["sqlite"]
        assert khmer(shown["postgresql"]), shown
    finally:
        for central in opened_centrals:
            central.close()
