"""Keep-until dates act on a central store on a PostgreSQL server as on the data folder's SQLite
(issue 22): `consent sweep --database URL`, and the sweep before the central commands and after
a merge there. Side by side on the real server (tests/pg_server.py); the clock is faked."""

from __future__ import annotations

import json

import pytest

from consultation_app.cli.main import EXIT_OK, main
from consultation_app.domain import consent as rules
from consultation_app.domain.records import FEEDBACK
from consultation_app.exchange.export import export_package
from consultation_app.paths import DATABASE_NAME
from consultation_app.services import attachments as attachment_service
from consultation_app.services.central_database import CentralDatabase
from consultation_app.services.workspace import Workspace
from consultation_app.storage import attachment_store, consent_store
from tests.test_attachments import jpeg_bytes, write
from tests.test_consent_retention import REFERENCE, keep_until, meeting, quoted


@pytest.fixture
def clock(monkeypatch):
    def set_day(day: str) -> None:
        monkeypatch.setattr(rules, "today_iso", lambda: day)
    return set_day


def run(capsys, data_dir, *args):
    code = main(["--data-dir", str(data_dir), *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def laptop_export(open_ws, tmp_path, clock):
    """A laptop's export: Kampot (kept until 2027-01-31, a quote and a photo) and Kep (kept until
    2027-05-31, a quote)."""
    laptop = open_ws("laptop", "Kampot laptop")
    kampot, kep = meeting(laptop, "Kampot meeting"), meeting(laptop, "Kep meeting")
    entries = {"kampot": quoted(laptop, kampot), "kep": quoted(laptop, kep, quote="Qz9 the school closed")}
    keep_until(laptop, kampot, "2027-01-31")
    keep_until(laptop, kep, "2027-05-31")
    photo = attachment_service.add_file(laptop.records, kampot, write(tmp_path, "chart.jpg", jpeg_bytes()), "photo")
    clock("2027-01-10")
    (tmp_path / "out").mkdir()
    exported = export_package(laptop.database_path, tmp_path / "out" / "kampot.xlsx", REFERENCE)
    return exported.path, {"kampot": kampot, "kep": kep}, entries, photo


def state(db, consultations, entries, photo) -> dict:
    return {"withdrawn": {name: consent_store.get(db, uuid).withdrawn for name, uuid in consultations.items()},
            "entries": {name: tuple(db.execute("SELECT quote, deleted FROM feedback WHERE uuid = ?",
                                               [uuid]).fetchone()) for name, uuid in entries.items()},
            "photo held": attachment_store.has_content(db, photo["sha256"])}


def test_consent_sweep_and_the_central_commands_apply_keep_until_dates_on_the_server_as_on_sqlite(
        capsys, data_dir, pg_url, laptop_export, clock):
    path, consultations, entries, photo = laptop_export
    data_dir.mkdir(parents=True)
    Workspace(data_dir / DATABASE_NAME).close()
    servers = (("sqlite", []), ("postgresql", ["--database", pg_url]))
    for _, extra in servers:
        code, out, err = run(capsys, data_dir, *extra, "merge", str(path), "--json")
        assert code == EXIT_OK, out + err
        assert "keep-until" not in err  # nothing past its date yet

    clock("2027-02-15")  # Kampot's date has passed; the laptop never exported again
    swept = {}
    for engine, extra in servers:
        code, out, err = run(capsys, data_dir, *extra, "consent", "sweep", "--json")
        assert (code, err) == (EXIT_OK, ""), err
        swept[engine] = json.loads(out)
    assert swept["postgresql"] == swept["sqlite"]
    assert [(item["consultation_title"], item["entries_withdrawn"], item["attachments_wiped"])
            for item in swept["postgresql"]["wiped"]] == [("Kampot meeting", 1, 1)]

    clock("2027-06-01")  # Kep's date too: the next central command applies it first, and says so
    outputs = {}
    for engine, extra in servers:
        code, out, err = run(capsys, data_dir, *extra, "summary", "--json")
        assert code == EXIT_OK, err
        notices = [line for line in err.splitlines() if line.startswith("consultation-app: notice:")]
        assert len(notices) == 1 and "Kep meeting" in notices[0] and "1 entries" in notices[0], err
        outputs[engine] = json.loads(out)
    assert outputs["postgresql"]["feedback"] == outputs["sqlite"]["feedback"]

    sqlite = Workspace(data_dir / DATABASE_NAME)
    try:
        expected = state(sqlite.db, consultations, entries, photo)
    finally:
        sqlite.close()
    with CentralDatabase(pg_url) as server:
        assert state(server.db, consultations, entries, photo) == expected
        assert expected == {"withdrawn": {"kampot": True, "kep": True},
                            "entries": {"kampot": ("", 1), "kep": ("", 1)}, "photo held": False}
        code, out, err = run(capsys, data_dir, "--database", pg_url, "consent", "sweep")
        assert code == EXIT_OK and "nothing" in out  # a second sweep finds nothing


def test_a_merge_on_the_server_applies_a_merged_consent_already_past_its_date(capsys, data_dir, pg_url,
                                                                             laptop_export, clock):
    path, consultations, entries, photo = laptop_export
    clock("2027-03-01")  # the file arrives after Kampot's date

    code, out, err = run(capsys, data_dir, "--database", pg_url, "merge", str(path))

    assert code == EXIT_OK, out + err
    notices = [line for line in err.splitlines() if "keep-until" in line]
    assert len(notices) == 1 and "Kampot meeting" in notices[0], err
    with CentralDatabase(pg_url) as server:
        assert server.db.execute("SELECT quote, deleted FROM feedback WHERE uuid = ?",
                                 [entries["kampot"]]).fetchone() == ("", 1)
        assert server.records.is_withdrawn(FEEDBACK, entries["kampot"])
        assert not attachment_store.has_content(server.db, photo["sha256"])


def test_other_consent_actions_still_refuse_a_server_address(capsys, data_dir, pg_url):
    code, out, err = run(capsys, data_dir, "--database", pg_url, "consent", "show", "--consultation", "x")
    assert code != EXIT_OK and "does not run on a PostgreSQL server" in err


def test_the_import_window_on_the_server_applies_a_merged_consent_past_its_date_and_says_so(
        qtbot, pg_url, data_dir, laptop_export, clock, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from consultation_app.exchange.merge import MERGED
    from consultation_app.ui.background import Background
    from consultation_app.ui.central_window import CentralWindow
    from tests.test_import_window import statuses

    path, consultations, entries, photo = laptop_export
    clock("2027-03-01")
    monkeypatch.setattr(Background, "synchronous", True)
    with CentralDatabase(pg_url) as central:
        window = CentralWindow(central, "en")
        qtbot.addWidget(window)
        window.show()
        importer = window.open_import_window()
        importer.add_paths([path])
        importer.merge_button.click()  # synchronous: done when click() returns

        assert statuses(importer) == [MERGED], importer.message.text()
        notices = [box for box in importer.findChildren(QMessageBox) if box.objectName() == "retention_notice"]
        assert notices and "Kampot meeting" in notices[0].text()
        assert central.db.execute("SELECT quote, deleted FROM feedback WHERE uuid = ?",
                                  [entries["kampot"]]).fetchone() == ("", 1)
        assert central.records.is_withdrawn(FEEDBACK, entries["kampot"])
        importer.close()
        window.close()  # before the server's connection closes
