"""Central staff without a terminal, on the office's PostgreSQL server: the central window's
Reports menu writes the report (PDF, Excel) and the master export in the background, the same
files, cell for cell and line for line, as the command line writes from the same server; the
file dialogs open in the folder last used; a server stopped midway, a full disk or a read-only
target is one line in the interface language and leaves no file, whole or half, at the target
(docs/central-postgresql.md). Against real servers (tests/pg_server.py): the session's, and
for the stopped server one of the test's own. Only the file-name prompt is replaced."""

from __future__ import annotations

import json
import subprocess
import uuid
from contextlib import closing

import psycopg
import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QProgressDialog

from consultation_app.cli.main import EXIT_OK, main
from consultation_app.exchange.export import export_package
from consultation_app.services.central_database import CentralDatabase
from consultation_app.storage.pg_connection import shown
from consultation_app.ui.background import Background
from consultation_app.ui.i18n import install_language
from tests.pg_server import start_server
from tests.test_dashboard import LAND_TRANSLATION, build_fixture
from tests.test_pg_reports import same_moments, workbook_cells
from tests.test_report import pdf_text

KHMER = range(0x1780, 0x1800)


def cli(capsys, data_dir, *args) -> str:
    code = main(["--data-dir", str(data_dir), *args])
    out, err = capsys.readouterr()
    assert (code, err) == (EXIT_OK, ""), err
    return out


@pytest.fixture
def laptop_export(open_ws, tmp_path):
    """The dashboard fixture's laptop (23 entries, Khmer among them), exported once."""
    laptop = open_ws("laptop", "Ratanakiri laptop")
    build_fixture(laptop)
    return export_package(laptop.database_path, tmp_path / "laptop.xlsx", laptop.reference,
                          include_sensitive=True).path


def merged_on(capsys, data_dir, url: str, export) -> None:
    result = json.loads(cli(capsys, data_dir, "--database", url, "merge", "--json", str(export)))
    assert result["files"][0]["status"] == "merged"


def central_window_on(qtbot, url: str, language: str = "en"):
    from consultation_app.ui.central_window import CentralWindow

    central = CentralDatabase(url)
    install_language(language)
    window = CentralWindow(central, language)
    qtbot.addWidget(window)
    window.show()
    return window, central


def save_as(monkeypatch, *paths):
    """The file-name prompt answers ``paths`` in turn; returns the folders it was opened in."""
    answers, asked_in = iter(paths), []

    def prompt(parent, title, start, filters):
        asked_in.append(start)
        return str(next(answers)), filters.split(";;")[0]

    monkeypatch.setattr(QFileDialog, "getSaveFileName", prompt)
    return asked_in


def trigger(window, name: str) -> None:
    action = window.findChild(type(window.menuBar().actions()[0]), name)
    assert action is not None, name
    reports = window.menuBar().actions()[1].menu()
    assert action in reports.actions(), f"{name} is not in the Reports menu"
    action.trigger()


@pytest.fixture
def english():
    yield
    install_language("en")


def test_the_reports_menu_writes_the_files_the_command_line_writes_from_the_same_server(
        qtbot, capsys, data_dir, pg_url, laptop_export, tmp_path, monkeypatch, english):
    merged_on(capsys, data_dir, pg_url, laptop_export)
    monkeypatch.setattr(Background, "synchronous", True)
    window, central = central_window_on(qtbot, pg_url)
    try:
        ui, by_cli = tmp_path / "from-the-menu", tmp_path / "from-the-cli"
        ui.mkdir(), by_cli.mkdir()
        asked_in = save_as(monkeypatch, ui / "report.pdf", ui / "report.xlsx", ui / "master.xlsx")
        trigger(window, "action_report")
        assert window.save_label.text().endswith(str(ui / "report.pdf")), window.save_label.text()
        trigger(window, "action_report")
        trigger(window, "action_master_export")
        assert window.save_label.text().endswith(str(ui / "master.xlsx")), window.save_label.text()
        assert all(start.startswith(str(ui)) for start in asked_in[1:])  # the folder last used
        assert not [d for d in window.findChildren(QProgressDialog) if d.isVisible()]  # each closed when done
    finally:
        window.close()
        central.close()
    cli(capsys, data_dir, "--database", pg_url, "report", "--out", str(by_cli / "report.pdf"))
    cli(capsys, data_dir, "--database", pg_url, "report", "--out", str(by_cli / "report.xlsx"))
    cli(capsys, data_dir, "--database", pg_url, "master-export", "--out", str(by_cli / "master.xlsx"))
    menu_pdf = same_moments(pdf_text(ui / "report.pdf"))
    assert LAND_TRANSLATION in menu_pdf and "Ratanakiri" in menu_pdf
    assert menu_pdf == same_moments(pdf_text(by_cli / "report.pdf"))
    for name in ("report.xlsx", "master.xlsx"):
        menu_cells = workbook_cells(ui / name)
        assert menu_cells == workbook_cells(by_cli / name), name
    feedback_rows = [row for row in workbook_cells(ui / "master.xlsx")["feedback"][1:] if any(row)]
    assert len(feedback_rows) >= 20  # the merged entries are there, not an empty workbook


def test_the_master_export_in_khmer_is_the_command_lines_in_khmer(qtbot, capsys, data_dir, pg_url, laptop_export,
                                                                  tmp_path, monkeypatch, english):
    merged_on(capsys, data_dir, pg_url, laptop_export)
    monkeypatch.setattr(Background, "synchronous", True)
    window, central = central_window_on(qtbot, pg_url, "km")
    try:
        save_as(monkeypatch, tmp_path / "menu.xlsx")
        trigger(window, "action_master_export")
        assert any(ord(ch) in KHMER for ch in window.save_label.text())  # said in Khmer
    finally:
        window.close()
        central.close()
    cli(capsys, data_dir, "--database", pg_url, "master-export", "--lang", "km", "--out", str(tmp_path / "cli.xlsx"))
    assert workbook_cells(tmp_path / "menu.xlsx") == workbook_cells(tmp_path / "cli.xlsx")


def failure_shown(window) -> str:
    """The one line the window gives: the status bar's, the same in the message box beside it."""
    line = window.save_label.text()
    box = window.central_office.failure_box
    assert box is not None and box.isVisible() and box.text() == line
    assert "\n" not in line and "Traceback" not in line and "fault in the app" not in line
    box.close()
    return line


def translated(source: str) -> str:
    return QCoreApplication.translate("ErrorText", source)


def _database_on_a_server_of_its_own():
    """(server, stop, URL of a new database) on a PostgreSQL server started for one test, which may
    stop it."""
    try:
        server, stop = start_server()
    except FileNotFoundError as missing:
        pytest.skip(f"PostgreSQL tests skipped: {missing}")
    database = f"t_{uuid.uuid4().hex[:12]}"
    try:
        with psycopg.connect(server.url(), autocommit=True) as admin:
            admin.execute(f"CREATE DATABASE {database}")
    except BaseException:
        stop()
        raise
    return server, stop, server.url(database)


@pytest.mark.parametrize("action, name", [("action_report", "report.pdf"), ("action_master_export", "master.xlsx")])
@pytest.mark.parametrize("language", ["en", "km"])
def test_a_server_stopped_midway_is_one_line_and_leaves_no_file_at_the_target(
        qtbot, capsys, data_dir, laptop_export, tmp_path, monkeypatch, english, action, name, language):
    server, stop, url = _database_on_a_server_of_its_own()  # this test stops it
    stopped = False
    try:
        merged_on(capsys, data_dir, url, laptop_export)
        window, central = central_window_on(qtbot, url, language)  # the real background thread
        target = tmp_path / "out"
        target.mkdir()
        save_as(monkeypatch, target / name)
        # A colleague's long transaction holds the entries: the writer connects, starts its
        # snapshot, and waits there, midway, until the server stops under it.
        with closing(psycopg.connect(url)) as colleague, closing(psycopg.connect(url, autocommit=True)) as watcher:
            colleague.execute("LOCK TABLE feedback IN ACCESS EXCLUSIVE MODE")
            trigger(window, action)
            qtbot.waitUntil(lambda: watcher.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'").fetchone()[0] >= 1,
                timeout=30000)
            assert window.background.busy() and window.background.progress.isVisible()  # the window stays alive
            stop()
            stopped = True
        qtbot.waitUntil(lambda: not window.background.busy(), timeout=30000)
        line = failure_shown(window)
        assert shown(url) in line and server.password not in line
        if language == "km":
            assert any(ord(ch) in KHMER for ch in line)
            assert "connection to the PostgreSQL server" not in line
        else:
            assert "connection to the PostgreSQL server" in line and "was lost" in line
        assert list(target.iterdir()) == []  # no file at the target, whole or half, no temporary left
        window.close()
        central.close()
    finally:
        if not stopped:
            stop()


def mount(folder, *options: str) -> bool:
    folder.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", ",".join(("size=4m", *options)), "tmpfs", str(folder)],
                          capture_output=True)
    return done.returncode == 0


@pytest.fixture
def small_folder(tmp_path):
    folder = tmp_path / "usb"
    if not mount(folder):
        pytest.skip("mounting a small tmpfs needs root (CI runs as root)")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


@pytest.mark.parametrize("fault", ["disk full", "read-only"])
@pytest.mark.parametrize("language", ["en", "km"])
def test_a_full_disk_or_a_read_only_target_is_one_line_in_the_interface_language(
        qtbot, capsys, data_dir, pg_url, laptop_export, small_folder, monkeypatch, english, fault, language):
    from tests.test_full_disk import fill

    merged_on(capsys, data_dir, pg_url, laptop_export)
    if fault == "disk full":
        fill(small_folder)
        expected = "not enough space to write the file"
        source = "%1: not enough space to write the file (disk or USB stick full): free at least %2 MB. Nothing " \
                 "was saved."
    else:
        subprocess.run(["mount", "-o", "remount,ro", str(small_folder)], check=True, capture_output=True)
        expected = "no permission to write here"
        source = "%1: no permission to write here (a read-only drive or folder?). Nothing was saved."
    before = sorted(p.name for p in small_folder.iterdir())
    monkeypatch.setattr(Background, "synchronous", True)
    window, central = central_window_on(qtbot, pg_url, language)
    try:
        for action, name in (("action_report", "report.pdf"), ("action_master_export", "master.xlsx")):
            save_as(monkeypatch, small_folder / name)
            trigger(window, action)
            line = failure_shown(window)
            assert str(small_folder / name) in line
            if language == "km":
                khmer = translated(source)
                assert khmer != source, "no Khmer translation"
                assert any(ord(ch) in KHMER for ch in line) and expected not in line
                if fault == "read-only":
                    assert khmer.replace("%1", str(small_folder / name)) in line
            else:
                assert expected in line
            assert sorted(p.name for p in small_folder.iterdir()) == before  # nothing left there
    finally:
        window.close()
        central.close()


def test_the_matrix_the_draft_and_a_merge_receipt_from_the_menu_are_the_command_lines(
        qtbot, capsys, data_dir, pg_url, laptop_export, tmp_path, monkeypatch, english):
    from PySide6.QtWidgets import QInputDialog

    from tests.test_pg_reports import docx_text

    merged_on(capsys, data_dir, pg_url, laptop_export)
    monkeypatch.setattr(Background, "synchronous", True)
    window, central = central_window_on(qtbot, pg_url)
    offered: list[str] = []

    def choose(parent, title, label, items, current, editable):  # the device the receipt is for
        offered.extend(items)
        return items[0], True

    monkeypatch.setattr(QInputDialog, "getItem", choose)
    try:
        save_as(monkeypatch, tmp_path / "menu-matrix.xlsx", tmp_path / "menu-draft.docx", tmp_path / "menu.json")
        for action in ("action_matrix", "action_midterm_draft", "action_receipt"):
            trigger(window, action)
            assert window.save_label.styleSheet() == "", window.save_label.text()
        device_id = central.db.execute("SELECT device_id FROM devices WHERE device_name = ?",
                                       ["Ratanakiri laptop"]).fetchone()[0]
    finally:
        window.close()
        central.close()
    assert offered and offered[0].startswith("Ratanakiri laptop") and device_id not in offered[0]
    cli(capsys, data_dir, "--database", pg_url, "matrix", "--out", str(tmp_path / "cli-matrix.xlsx"))
    cli(capsys, data_dir, "--database", pg_url, "report", "--out", str(tmp_path / "cli-draft.docx"))
    cli(capsys, data_dir, "--database", pg_url, "receipt", "--device", device_id, "--out", str(tmp_path / "cli.json"))
    assert workbook_cells(tmp_path / "menu-matrix.xlsx") == workbook_cells(tmp_path / "cli-matrix.xlsx")
    assert docx_text(tmp_path / "menu-draft.docx") == docx_text(tmp_path / "cli-draft.docx")
    moments = ("receipt_id", "central_generated_at", "sha256")  # what each receipt makes for itself
    menu, by_cli = (json.loads((tmp_path / name).read_text()) for name in ("menu.json", "cli.json"))
    assert {k: v for k, v in menu.items() if k not in moments} == {k: v for k, v in by_cli.items() if k not in moments}
    assert menu["device_id"] == device_id


def test_the_command_line_says_a_server_stopped_midway_in_one_line_too(capsys, data_dir, laptop_export, tmp_path):
    import os
    import sys
    import time

    from tests.conftest import REPO_ROOT

    server, stop, url = _database_on_a_server_of_its_own()
    stopped = False
    try:
        merged_on(capsys, data_dir, url, laptop_export)
        out = tmp_path / "out"
        out.mkdir()
        environment = dict(os.environ, QT_QPA_PLATFORM="offscreen")
        environment.pop("CONSULTATION_APP_DATABASE", None)
        with closing(psycopg.connect(url)) as colleague, closing(psycopg.connect(url, autocommit=True)) as watcher:
            colleague.execute("LOCK TABLE feedback IN ACCESS EXCLUSIVE MODE")
            report = subprocess.Popen([sys.executable, "-m", "consultation_app", "--data-dir", str(data_dir),
                                       "--database", url, "report", "--out", str(out / "report.pdf")],
                                      cwd=REPO_ROOT, env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                      text=True)
            deadline = time.monotonic() + 60
            while watcher.execute("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                                  ).fetchone()[0] < 1:
                assert time.monotonic() < deadline and report.poll() is None, report.communicate()
                time.sleep(0.05)
            stop()
            stopped = True
        printed, said = report.communicate(timeout=60)
        assert report.returncode == 1, said
        assert printed == "" and len(said.strip().splitlines()) == 1, said
        assert "connection to the PostgreSQL server was lost" in said and shown(url) in said
        assert server.password not in said and "internal error" not in said
        assert list(out.iterdir()) == []
    finally:
        if not stopped:
            stop()


def test_the_language_switch_keeps_the_menus_and_the_window_fits_a_small_screen(qtbot, pg_url, data_dir, tmp_path,
                                                                                 monkeypatch, english):
    """Khmer from View > Language: the replacement window has the same commands, in Khmer, and
    they work; a long failure line and the server's address share the status bar of a 150% screen
(900 px) without running off its edge."""
    from consultation_app.storage.errors import StorageError
    from consultation_app.ui.central_window import CentralWindow

    monkeypatch.setattr(Background, "synchronous", True)
    window, central = central_window_on(qtbot, pg_url)
    try:
        english_names = {a.objectName() for a in window.findChildren(type(window.menuBar().actions()[0]))}
        window.findChild(type(window.menuBar().actions()[0]), "action_language_km").trigger()
        khmer = CentralWindow.current
        assert khmer is not window and khmer.language == "km"
        qtbot.addWidget(khmer)
        actions = khmer.findChildren(type(khmer.menuBar().actions()[0]))
        assert {a.objectName() for a in actions} == english_names
        titles = [a.text() for a in khmer.menuBar().actions()]
        assert len(titles) == 3 and all(any(ord(ch) in KHMER for ch in title) for title in titles)
        reports = khmer.menuBar().actions()[1].menu().actions()
        assert len(reports) == 6 and all(any(ord(ch) in KHMER for ch in a.text()) for a in reports)
        save_as(monkeypatch, tmp_path / "master.xlsx")
        trigger(khmer, "action_master_export")
        assert (tmp_path / "master.xlsx").exists()
        # what storage/dialect.py says when the server is lost
        server = central.label + "/a-long-database-name-" + "x" * 80
        khmer.central_office._failed(StorageError(f"{server}: the connection to the PostgreSQL server was lost")
                                     .keyed("server_lost", server=server))
        khmer.central_office.failure_box.close()
        khmer.resize(900, 500)  # a 1366x768 screen at 150%
        QCoreApplication.processEvents()
        bar = khmer.statusBar()
        for label in (khmer.save_label, khmer.server_label):  # each gives way instead of running off the edge
            assert label.minimumSizeHint().width() < bar.width() // 2, label.objectName()
            assert 0 <= label.geometry().left() and label.geometry().right() <= bar.width(), label.objectName()
        assert khmer.save_label.toolTip() == khmer.save_label.text()  # the whole line, where it is shortened
        khmer.close()
    finally:
        central.close()


def test_on_the_server_each_computer_opens_the_file_dialog_in_its_own_last_folder(
        qtbot, capsys, data_dir, pg_url, laptop_export, tmp_path, monkeypatch, english):
    """The server's settings are the whole office's: the folder one colleague last used (on their
    computer, under their name) is not where another computer's dialog opens."""
    import socket

    merged_on(capsys, data_dir, pg_url, laptop_export)
    monkeypatch.setattr(Background, "synchronous", True)
    mine = tmp_path / "sokha-reports"
    mine.mkdir()
    window, central = central_window_on(qtbot, pg_url)
    try:
        save_as(monkeypatch, mine / "report.pdf")
        trigger(window, "action_report")
        asked_in = save_as(monkeypatch, mine / "master.xlsx")
        trigger(window, "action_master_export")
        assert asked_in[0].startswith(str(mine))  # this computer: the folder it used last
        monkeypatch.setattr(socket, "gethostname", lambda: "another-computer")
        asked_in = save_as(monkeypatch, tmp_path / "theirs.xlsx")
        trigger(window, "action_master_export")
        assert not asked_in[0].startswith(str(mine))  # another computer on the same server: not this one's
    finally:
        window.close()
        central.close()


def test_a_name_typed_without_its_ending_gets_the_one_of_the_type_chosen(
        qtbot, capsys, data_dir, pg_url, laptop_export, tmp_path, monkeypatch, english):
    """"report" with "Excel workbook with charts" chosen in the dialog is report.xlsx, not a
    refusal to write a file without an ending."""
    merged_on(capsys, data_dir, pg_url, laptop_export)
    monkeypatch.setattr(Background, "synchronous", True)
    window, central = central_window_on(qtbot, pg_url)
    try:
        def prompt(parent, title, start, filters):
            return str(tmp_path / "report"), next(f for f in filters.split(";;") if "*.xlsx" in f)

        monkeypatch.setattr(QFileDialog, "getSaveFileName", prompt)
        trigger(window, "action_report")
        assert (tmp_path / "report.xlsx").exists(), window.save_label.text()
        assert not (tmp_path / "report").exists()
    finally:
        window.close()
        central.close()


def test_a_server_gone_before_a_file_is_asked_for_is_one_line_not_an_exception(
        qtbot, capsys, data_dir, laptop_export, tmp_path, monkeypatch, english):
    """The server stopped while the window stood open: each file command of the Reports menu
    says so in the window (it reads the last folder, or the devices merged, from the server
    before any work starts), instead of an exception in the menu's slot that shows nothing."""
    server, stop, url = _database_on_a_server_of_its_own()
    stopped = False
    try:
        merged_on(capsys, data_dir, url, laptop_export)
        window, central = central_window_on(qtbot, url)
        (tmp_path / "out").mkdir()
        save_as(monkeypatch, *(tmp_path / "out" / name for name in ("r.pdf", "m.xlsx", "x.xlsx", "d.docx", "c.xlsx",
                                                                   "receipt.json")))
        stop()
        stopped = True
        for action in ("action_report", "action_master_export", "action_matrix", "action_midterm_draft",
                       "action_central_exchange", "action_receipt"):
            window.save_label.clear()
            trigger(window, action)
            qtbot.waitUntil(lambda: not window.background.busy(), timeout=30000)
            line = failure_shown(window)
            assert shown(url) in line and server.password not in line, (action, line)
        assert list((tmp_path / "out").iterdir()) == []
        window.close()
        central.close()
    finally:
        if not stopped:
            stop()
