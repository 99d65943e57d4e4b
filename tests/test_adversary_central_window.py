"""The desktop central window (``consultation-app --database URL``, ui/central_window.py) when
the server goes away while it is open: the dashboard's refresh, a conflict decision and an
import each say so in the interface language (no traceback dialog, no English driver text), the
window stays usable, and once the server is back the same window works again without a restart.

"The server goes away" is played by terminating every session of the test's database from the
server side (what a restart of the server does to them)."""

from __future__ import annotations

import os

import psycopg
import pytest

from consultation_app.services.central_database import CentralDatabase
from consultation_app.storage import merge_store
from consultation_app.ui.background import Background
from consultation_app.ui.i18n import install_language
from tests.test_import_window import field_export
from tests.test_pg_ui import _seed_conflict

KHMER = range(0x1780, 0x1800)


def _khmer(text: str) -> bool:
    return any(ord(ch) in KHMER for ch in text)


def _end_sessions(url: str) -> int:
    database = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as admin:
        return len(admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s "
                                 "AND pid <> pg_backend_pid()", [database]).fetchall())


@pytest.fixture
def central(pg_url, data_dir):
    with CentralDatabase(pg_url) as server:
        yield server


@pytest.fixture
def khmer_window(qtbot, central, monkeypatch):
    from consultation_app.ui.central_window import CentralWindow

    monkeypatch.setattr(Background, "synchronous", True)
    install_language("km")
    window = CentralWindow(central, "km")
    qtbot.addWidget(window)
    window.show()
    yield window
    install_language("en")


def test_a_conflict_decided_after_the_server_restarted_goes_through(qtbot, khmer_window, central, open_ws, pg_url):
    _seed_conflict(central, open_ws)
    dialog = khmer_window.review_conflicts()
    assert dialog.list.count() == 1
    assert _end_sessions(pg_url) >= 1  # the window's session ended while it was idle
    dialog.resolve(True)
    assert "PostgreSQL" not in dialog.message.text(), dialog.message.text()
    assert len(merge_store.open_conflicts(central.db)) == 0


def test_the_dashboard_after_the_server_went_away_counts_again(qtbot, khmer_window, central, pg_url):
    dashboard = khmer_window.open_dashboard()
    qtbot.addWidget(dashboard)
    dashboard.recompute()
    assert dashboard.wait(30000)
    assert dashboard.figures is not None
    _end_sessions(pg_url)
    dashboard.recompute()
    assert dashboard.wait(30000)
    assert "Traceback" not in dashboard.summary.text() and "psycopg" not in dashboard.summary.text()
    assert dashboard.figures is not None


def test_the_counts_after_the_server_went_away_say_so_in_khmer_without_an_exception(qtbot, khmer_window, pg_url):
    _end_sessions(pg_url)
    khmer_window.refresh_counts()  # a slot: an exception here is a traceback dialog in the app
    khmer_window.refresh_counts()
    assert _khmer(khmer_window.counts_label.text())


def test_an_import_after_the_server_went_away_merges(qtbot, khmer_window, central, pg_url, tmp_path):
    export = field_export(tmp_path / "laptops", "laptop-01", seed=401)
    _end_sessions(pg_url)
    importer = khmer_window.open_import_window()
    importer.add_paths([export])
    importer.merge_button.click()
    qtbot.waitUntil(lambda: not importer.is_running(), timeout=60000)
    assert central.db.execute("SELECT count(*) FROM merged_exports").fetchone()[0] == 1


# -- a server that is stopped, then started again ---------------------------------------------

@pytest.fixture
def own_server():
    """A server of this test's own, which it stops and starts again (the session's is shared)."""
    import subprocess

    from tests.pg_server import SUPERUSER, find_bindir, start_server

    server, stop = start_server()
    bindir = find_bindir()
    as_user = SUPERUSER if os.geteuid() == 0 else None
    options = f"-k {server.folder} -p {server.port} -c listen_addresses= -c fsync=off"

    def pg_ctl(*args: str) -> None:
        subprocess.run([str(bindir / "pg_ctl"), "-D", str(server.folder / "db"), *args], user=as_user,
                       capture_output=True, timeout=120, check=True)

    server.halt = lambda: pg_ctl("-m", "immediate", "-w", "stop")
    server.resume = lambda: pg_ctl("-o", options, "-l", str(server.folder / "log"), "-w", "start")
    try:
        yield server
    finally:
        stop()


def test_a_stopped_server_is_said_in_khmer_by_every_central_action_and_the_window_works_once_it_is_back(
        qtbot, own_server, data_dir, open_ws, monkeypatch):
    from consultation_app.ui.central_window import CentralWindow

    monkeypatch.setattr(Background, "synchronous", True)
    central = CentralDatabase(own_server.url())
    try:
        _seed_conflict(central, open_ws)
        install_language("km")
        window = CentralWindow(central, "km")
        qtbot.addWidget(window)
        window.show()
        dialog = window.review_conflicts()
        dashboard = window.open_dashboard()
        qtbot.addWidget(dashboard)
        own_server.halt()

        dialog.resolve(True)  # mid-session: the server is gone
        said = dialog.message.text()
        assert _khmer(said) and central.label in said and own_server.password not in said, said
        window.refresh_counts()
        assert _khmer(window.counts_label.text()) and own_server.password not in window.counts_label.text()
        dashboard.recompute()
        assert dashboard.wait(30000)
        assert _khmer(dashboard.summary.text()) and "Traceback" not in dashboard.summary.text()
        assert own_server.password not in dashboard.summary.text()
        for opener in (window.review_conflicts, window.open_implementation):  # while the server is down
            window.save_label.clear()
            assert opener() is None  # no window, no exception (a traceback dialog in the app)
            assert _khmer(window.save_label.text()) and central.label in window.save_label.text()

        own_server.resume()
        dialog.resolve(True)
        assert len(merge_store.open_conflicts(central.db)) == 0
        window.refresh_counts()
        assert "0" in window.counts_label.text()
        dashboard.recompute()
        assert dashboard.wait(30000) and dashboard.figures is not None
    finally:
        install_language("en")
        central.close()
