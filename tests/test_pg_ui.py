"""The desktop app on a central office's PostgreSQL server (``--database`` or
CONSULTATION_APP_DATABASE): its central windows (Import, conflict review, dashboard,
implementation status) work on the server; field capture is not offered there and the window
says so; the server is named without its password; a server that is down or refuses the
password stops the start with one clear message in the interface language
(docs/central-postgresql.md). Against the real server of tests/pg_server.py."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from PySide6.QtWidgets import QLabel

from consultation_app.domain.records import FEEDBACK
from consultation_app.exchange.merge import ALREADY_MERGED, MERGED
from consultation_app.services.central_database import CentralDatabase
from consultation_app.storage import implementation_store, merge_store, settings_store
from consultation_app.storage.pg_connection import shown
from consultation_app.ui.background import Background
from consultation_app.ui.i18n import install_language
from tests.test_import_window import field_export, statuses
from tests.test_pg_cli import seed_a_conflict
from tests.test_pg_merge import CATALOG

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def central(pg_url, data_dir):
    with CentralDatabase(pg_url) as server:
        yield server


@pytest.fixture
def central_window(qtbot, central, monkeypatch):
    from consultation_app.ui.central_window import CentralWindow

    monkeypatch.setattr(Background, "synchronous", True)
    window = CentralWindow(central, "en")
    qtbot.addWidget(window)
    window.show()
    yield window
    install_language("en")


@pytest.fixture(scope="module")
def two_exports(tmp_path_factory):
    root = tmp_path_factory.mktemp("pg-field")
    return [field_export(root / "laptops", f"laptop-{i + 1:02d}", seed=300 + i) for i in range(2)]


def _texts(window) -> str:
    return "\n".join([window.windowTitle(), *(label.text() for label in window.findChildren(QLabel)),
                      *(action.text() for action in window.findChildren(type(window.menuBar().actions()[0])))])


def pg_count(url: str, table: str) -> int:
    with psycopg.connect(url) as conn:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_the_main_window_on_the_server_names_it_without_the_password_and_offers_no_field_capture(
        central_window, pg_url, pg_server):
    label = shown(pg_url)
    assert label in central_window.windowTitle()
    assert central_window.server_label.text().endswith(label)
    assert central_window.server_label in central_window.statusBar().findChildren(QLabel)
    texts = _texts(central_window)
    assert pg_server.password not in texts
    assert "Field capture" in central_window.capture_note.text()
    names = {action.objectName() for action in central_window.findChildren(type(central_window.menuBar().actions()[0]))}
    assert {"action_import", "action_review_conflicts", "action_dashboard", "action_implementation"} <= names
    assert not names & {"action_new_consultation", "action_export", "action_template", "action_passphrase"}


def test_two_files_merge_on_the_server_in_the_import_window_then_again_change_nothing(
        qtbot, central_window, two_exports, pg_url):
    window = central_window.open_import_window()
    window.add_paths(two_exports)
    window.merge_button.click()  # synchronous: done when click() returns
    assert statuses(window) == [MERGED, MERGED], window.message.text()
    merged = pg_count(pg_url, "feedback")
    assert merged > 0 and pg_count(pg_url, "merged_exports") == 2
    assert central_window.counts_label.text().count(str(merged)) >= 1  # the window's figures follow the merge
    window.merge_button.click()
    assert statuses(window) == [ALREADY_MERGED, ALREADY_MERGED]
    assert pg_count(pg_url, "feedback") == merged


def test_a_merge_on_the_server_runs_off_the_gui_thread_and_cancel_stops_between_files(
        qtbot, central, two_exports, tmp_path, pg_url, monkeypatch):
    from consultation_app.ui.import_window import ImportWindow

    more = [field_export(tmp_path / "more", f"more-{i}", seed=700 + i) for i in range(3)]
    window = ImportWindow(central, Background())
    qtbot.addWidget(window)
    window.show()
    window.add_paths([*two_exports, *more])
    progressed = []
    window.progress.valueChanged.connect(progressed.append)

    def cancel_after_the_first(value: int) -> None:
        if value == 1:
            window.cancel()

    window.progress.valueChanged.connect(cancel_after_the_first)
    window.merge_button.click()
    assert window.is_running()
    with qtbot.waitSignal(window.merged, timeout=60000):
        pass
    results = window.model.rowCount()
    assert 1 <= results < 5, "cancel stopped the merge between files"
    assert pg_count(pg_url, "merged_exports") == results
    assert "Cancelled" in window.message.text()


def _seed_conflict(central, open_ws) -> dict:
    from consultation_app.domain.records import CONSULTATION

    laptop = open_ws("laptop", "Takeo laptop")
    c = laptop.records.create(CONSULTATION, {"title": "Takeo", "catalog_id": CATALOG})
    entry = laptop.records.create(FEEDBACK, {"consultation_uuid": c["uuid"], "catalog_id": CATALOG,
                                             "recommendation_code": "KH3-01", "comment": "ការអប់រំ: held",
                                             "priority": "high"})
    held = merge_store.current_record(laptop.db, FEEDBACK, entry["uuid"])
    seed_a_conflict(central.db, held)
    return held


@pytest.mark.parametrize("language", ["en", "km"])
def test_a_conflict_is_decided_once_on_the_server_and_the_second_reviewer_is_told_in_their_language(
        qtbot, central_window, central, open_ws, pg_url, language):
    from PySide6.QtCore import QCoreApplication

    from consultation_app.ui.conflicts_dialog import ConflictsDialog

    held = _seed_conflict(central, open_ws)
    install_language(language)
    first = central_window.review_conflicts()
    assert first.list.count() == 1
    # A colleague at another computer, on the same server, has the same conflict open.
    with CentralDatabase(pg_url) as colleague_server:
        second = ConflictsDialog(colleague_server, language)
        qtbot.addWidget(second)
        assert second.list.count() == 1
        first.resolve(True)  # take incoming
        assert len(merge_store.open_conflicts(central.db)) == 0
        second.resolve(False)  # too late: already decided
        meanwhile = QCoreApplication.translate(
            "ConflictsDialog", "Someone else decided this conflict meanwhile; the list is up to date again.")
        if language == "km":
            assert meanwhile != "Someone else decided this conflict meanwhile; the list is up to date again."
        assert second.message.text() == meanwhile
        assert second.list.count() == 0
    current = merge_store.current_record(central.db, FEEDBACK, held["uuid"])
    assert current["comment"] == "another comment, 50% ' ? done"  # the first decision, and only it
    decided = central.db.execute("SELECT count(*) FROM merge_conflicts WHERE resolved_at IS NOT NULL").fetchone()[0]
    assert decided == 1


def test_the_dashboard_on_the_server_shows_the_figures_sqlite_shows_for_the_same_files(
        qtbot, central_window, two_exports, workspace):
    from consultation_app.exchange.merge import merge_paths
    from consultation_app.storage import dashboard_queries

    importer = central_window.open_import_window()
    importer.add_paths(two_exports)
    importer.merge_button.click()
    dashboard = central_window.open_dashboard()
    qtbot.addWidget(dashboard)
    dashboard.recompute()
    assert dashboard.wait(30000)
    qtbot.waitUntil(lambda: dashboard.figures is not None or "Cannot count" in dashboard.summary.text(),
                    timeout=30000)
    assert dashboard.figures is not None, dashboard.summary.text()
    # The same two files merged into a data folder's SQLite store: the same figures.
    merge_paths(workspace.database_path, two_exports, workspace.reference)
    expected = dashboard_queries.dashboard_figures(workspace.db, workspace.reference, dashboard.filters())
    figures = dashboard.figures
    assert sum(figures.priority_totals.values()) > 0
    assert (figures.priority_totals, figures.assessment_totals) == (expected.priority_totals,
                                                                    expected.assessment_totals)
    assert figures.group_totals == expected.group_totals and figures.province_totals == expected.province_totals
    assert figures.theme_totals == expected.theme_totals


def test_the_implementation_window_opens_on_the_server(qtbot, central_window, central):
    editor = central_window.open_implementation()
    qtbot.addWidget(editor)
    assert editor.recommendation.count() > 0 and editor.recommendation.findData("KH3-44") >= 0
    editor.recommendation.setCurrentIndex(editor.recommendation.findData("KH3-44"))
    assert editor.history.rowCount() == 0 and editor.status.currentData() is None


def test_implementation_status_is_recorded_on_the_server_with_its_history(qtbot, central_window, central,
                                                                           data_dir):
    from PySide6.QtWidgets import QPushButton

    from tests.ui_helpers import type_text

    editor = central_window.open_implementation()
    qtbot.addWidget(editor)
    editor.recommendation.setCurrentIndex(editor.recommendation.findData("KH3-44"))
    editor.status.setCurrentIndex(editor.status.findData("ongoing"))
    type_text(editor.measures, "ច្បាប់ថ្មីត្រូវបានដាក់ជូន")
    editor.findChild(QPushButton, "implementation_save").click()
    editor.status.setCurrentIndex(editor.status.findData("completed"))
    editor.findChild(QPushButton, "implementation_save").click()
    record = implementation_store.get(central.db, CATALOG, "KH3-44")
    assert (record["status"], record["measures"]) == ("completed", "ច្បាប់ថ្មីត្រូវបានដាក់ជូន")
    assert editor.history.rowCount() == 2
    assert "2" in editor.message.text()


# -- starting the app on a server ------------------------------------------------------------

def start(data_dir: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    environment.pop("CONSULTATION_APP_DATA_DIR", None)
    environment.pop("CONSULTATION_APP_DATABASE", None)
    environment.update(env or {})
    return subprocess.run([sys.executable, "-m", "consultation_app", "--data-dir", str(data_dir), *args],
                          cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120)


def test_the_app_starts_on_the_server_from_the_option_or_the_environment(tmp_path, pg_url, pg_server):
    result = start(tmp_path / "data", "--database", pg_url, "--smoke-test")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().isdigit() and "Traceback" not in result.stderr
    assert pg_server.password not in result.stderr + result.stdout
    result = start(tmp_path / "data", "--smoke-test", env={"CONSULTATION_APP_DATABASE": pg_url})
    assert result.returncode == 0, result.stderr
    # The server holds the office's store; the data folder holds no central database.
    assert not (tmp_path / "data" / "consultations.sqlite3").exists()


@pytest.mark.parametrize("language", ["en", "km"])
def test_a_wrong_password_or_a_server_that_is_down_stops_the_start_with_one_clear_message(
        tmp_path, pg_server, pg_url, language):
    data = tmp_path / "data"
    if language == "km":  # the officer's language, from the data folder this computer keeps
        from consultation_app.services.workspace import Workspace

        data.mkdir()
        with Workspace(data / "consultations.sqlite3") as local:
            settings_store.put(local.db, settings_store.INTERFACE_LANGUAGE, "km")
    wrong = pg_url.replace(f":{pg_server.password}@", ":not-the-password@")
    assert wrong != pg_url
    refused = start(data, "--database", wrong, "--smoke-test")
    down = start(data, "--database", pg_url.replace(f":{pg_server.port}/", f":{pg_server.port + 1}/"),
                 "--smoke-test")
    for result in (refused, down):
        assert result.returncode == 1
        assert result.stdout.strip() == ""  # no window was shown (the smoke test prints when it is)
        assert "Traceback" not in result.stderr and "internal error" not in result.stderr
        assert pg_server.password not in result.stderr and "not-the-password" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    if language == "en":
        # English: the command line's own line
        assert "password authentication failed (wrong user name or password)" in refused.stderr
        assert "cannot connect to the PostgreSQL server" in down.stderr
    else:
        assert "password authentication failed" not in refused.stderr
        assert any("\u1780" <= ch <= "\u17ff" for ch in refused.stderr)
        assert any("\u1780" <= ch <= "\u17ff" for ch in down.stderr)
    assert shown(pg_url).split("@")[1].split(":")[0][:10] in down.stderr  # the server is named
