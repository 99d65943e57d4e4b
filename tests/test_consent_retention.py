"""A consent's keep-until date acts: once it has passed, what the consent covered is wiped
through the existing withdraw (wipe + tombstone to the central office), at the start of the
app and of the central commands, on demand (`consent sweep`), and at the office for merged
consents. The clock is faked (``domain.consent.today_iso``): nothing sleeps."""

from __future__ import annotations

import json

import pytest

from consultation_app.domain import consent as rules
from consultation_app.domain.records import CONSULTATION, FEEDBACK
from consultation_app.exchange.export import export_package
from consultation_app.exchange.merge import MERGED, merge_paths
from consultation_app.services import attachments as attachment_service
from consultation_app.services import consent as consent_service
from consultation_app.services.reference_lists import default_reference
from consultation_app.storage import attachment_store, consent_store
from tests.test_attachments import jpeg_bytes, write

CATALOG = "khm-upr3-ohchr-2019"
REFERENCE = default_reference()
QUOTE = "Qz9 the river was fenced off in March"


def meeting(ws, title="Kampot meeting"):
    return ws.records.create(CONSULTATION, {
        "title": title, "stakeholder_group": "civil_society", "province": "kampot", "start_date": "2024-03-06",
        "participants_women": 3, "consent_policy": "individuals_with_consent"})["uuid"]


def quoted(ws, c_uuid, code="KH3-01", quote=QUOTE):
    return ws.records.create(FEEDBACK, {"consultation_uuid": c_uuid, "catalog_id": CATALOG,
                                        "recommendation_code": code, "quote": quote})["uuid"]


def keep_until(ws, c_uuid, day, subject="", **scope):
    return consent_service.record(ws.records, {
        "consultation_uuid": c_uuid, "subject": subject, "given": "written", "quotes": True, "photos": True,
        "attribution": "group", "visibility": "central_office", "retain_until": day, **scope})


@pytest.fixture
def clock(monkeypatch):
    """set(day): the date every rule and sweep sees as today."""
    def set_day(day: str) -> None:
        monkeypatch.setattr(rules, "today_iso", lambda: day)
    return set_day


def test_on_the_keep_until_date_nothing_is_wiped_the_day_after_everything_covered_is(open_ws, tmp_path, clock):
    ws = open_ws("laptop", "Kampot laptop")
    c_uuid = meeting(ws)
    entry = quoted(ws, c_uuid)
    summary = ws.records.create(FEEDBACK, {"consultation_uuid": c_uuid, "catalog_id": CATALOG,
                                           "recommendation_code": "KH3-02", "comment": "an anonymous summary"})
    photo = attachment_service.add_file(ws.records, c_uuid, write(tmp_path, "chart.jpg", jpeg_bytes()), "photo")
    keep_until(ws, c_uuid, "2027-01-31")
    other = meeting(ws, "Kep meeting")
    kept = quoted(ws, other, quote="words kept longer")
    keep_until(ws, other, "2027-06-30")

    clock("2027-01-31")
    assert consent_service.sweep(ws.records) == []
    assert ws.records.get(FEEDBACK, entry)["quote"] == QUOTE

    clock("2027-02-01")
    done = consent_service.sweep(ws.records)

    assert [item.as_dict() for item in done] == [{
        "consultation_uuid": c_uuid, "consultation_title": "Kampot meeting", "person": "",
        "keep_until": "2027-01-31", "entries_withdrawn": 1, "attachments_wiped": 1}]
    assert ws.records.is_withdrawn(FEEDBACK, entry)
    assert ws.records.get(FEEDBACK, summary["uuid"])["comment"] == "an anonymous summary"
    assert attachment_store.get(ws.db, photo["uuid"])["deleted"]
    assert consent_store.get(ws.db, c_uuid).withdrawn
    assert ws.records.get(FEEDBACK, kept)["quote"] == "words kept longer"
    assert consent_service.sweep(ws.records) == []  # idempotent


def test_one_persons_keep_until_wipes_only_their_words(open_ws, clock):
    ws = open_ws("laptop")
    c_uuid = meeting(ws)
    theirs = quoted(ws, c_uuid)
    others = quoted(ws, c_uuid, "KH3-02", "another person's words")
    keep_until(ws, c_uuid, None)
    keep_until(ws, c_uuid, "2027-03-01", subject=theirs, attribution="name")

    clock("2027-03-02")
    done = consent_service.sweep(ws.records)

    assert [(item.subject, item.entries_withdrawn) for item in done] == [(theirs, 1)]
    assert ws.records.is_withdrawn(FEEDBACK, theirs)
    assert ws.records.get(FEEDBACK, others)["quote"] == "another person's words"


def test_the_office_applies_the_retention_of_merged_consents(open_ws, tmp_path, clock):
    laptop, central = open_ws("laptop", "Kampot laptop"), open_ws("central", "Central office")
    c_uuid = meeting(laptop)
    entry = quoted(laptop, c_uuid)
    keep_until(laptop, c_uuid, "2027-01-31")
    clock("2027-01-10")
    exported = export_package(laptop.database_path, tmp_path / "out.xlsx", REFERENCE)
    assert merge_paths(central.database_path, [exported.path], REFERENCE)[0].status == MERGED
    assert central.db.execute("SELECT quote FROM feedback WHERE uuid = ?", [entry]).fetchone()[0] == QUOTE

    clock("2027-02-01")  # the laptop never exported again: the office applies the date itself
    done = consent_service.sweep(central.records)

    assert [item.entries_withdrawn for item in done] == [1]
    assert central.db.execute("SELECT quote, deleted FROM feedback WHERE uuid = ?", [entry]).fetchone() == ("", 1)
    assert consent_store.get(central.db, c_uuid).withdrawn


def run_cli(capsys, data_dir, *args):
    from consultation_app.cli.main import main as cli_main

    code = cli_main(["--data-dir", str(data_dir), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_consent_sweep_and_central_commands_wipe_past_dates_and_say_what(workspace, data_dir, capsys, clock):
    first, second = meeting(workspace, "Kampot meeting"), meeting(workspace, "Kep meeting")
    one, two = quoted(workspace, first), quoted(workspace, second)
    keep_until(workspace, first, "2027-01-31")
    keep_until(workspace, second, "2027-05-31")
    clock("2027-02-15")

    code, out, err = run_cli(capsys, data_dir, "consent", "sweep", "--json")

    assert code == 0, err
    report = json.loads(out)
    assert [(item["consultation_title"], item["entries_withdrawn"]) for item in report["wiped"]] == [
        ("Kampot meeting", 1)]
    assert workspace.records.is_withdrawn(FEEDBACK, one) and not workspace.records.is_withdrawn(FEEDBACK, two)
    code, out, err = run_cli(capsys, data_dir, "consent", "sweep")
    assert code == 0 and "nothing" in out

    clock("2027-06-01")
    code, out, err = run_cli(capsys, data_dir, "summary", "--json")

    assert code == 0, err
    notice = [line for line in err.splitlines() if "keep-until" in line]
    assert len(notice) == 1 and "Kep meeting" in notice[0] and "1 entries" in notice[0], err
    assert workspace.records.is_withdrawn(FEEDBACK, two)
    json.loads(out)  # the command's own output is unchanged


def test_the_app_applies_a_past_keep_until_date_at_start(tmp_path):
    import os
    import subprocess
    import sys
    from pathlib import Path

    from tests.conftest import open_device

    folder = tmp_path / "data"
    ws = open_device(folder)
    c_uuid = meeting(ws)
    entry = quoted(ws, c_uuid)
    keep_until(ws, c_uuid, "2001-01-31")  # the real clock: long past
    ws.close()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("CONSULTATION_APP_DATA_DIR", None)
    result = subprocess.run([sys.executable, "-m", "consultation_app", "--data-dir", str(folder), "--smoke-test"],
                            cwd=Path(__file__).resolve().parents[1], env=env, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr

    ws = open_device(folder)
    try:
        assert ws.records.is_withdrawn(FEEDBACK, entry)
        assert consent_store.get(ws.db, c_uuid).withdrawn
    finally:
        ws.close()


def test_the_start_notice_names_the_consultation_and_counts_in_khmer(qtbot, workspace, clock):
    from PySide6.QtWidgets import QMessageBox

    from consultation_app.ui import i18n, retention_notice
    from consultation_app.ui.main_window import MainWindow

    c_uuid = meeting(workspace, "Kampot %2 meeting")
    quoted(workspace, c_uuid)
    keep_until(workspace, c_uuid, "2027-01-31")
    clock("2027-02-01")
    i18n.compile_translations()
    assert i18n.install_language("km")
    try:
        expired, failure = retention_notice.apply_at_start(workspace)
        window = MainWindow(workspace, "km")
        qtbot.addWidget(window)
        box = retention_notice.show(window, expired, failure)
        assert isinstance(box, QMessageBox) and box.isVisible() and not box.isModal()
        text = box.text()
        assert "Kampot %2 meeting" in text and "2027-01-31" in text and "1" in text
        assert rules_khmer(text) and "keep-until" not in text
        assert retention_notice.show(window, [], None) is None
        box.close()
    finally:
        i18n.install_language("en")


def rules_khmer(text: str) -> bool:
    return any("\u1780" <= ch <= "\u17ff" for ch in text)


def test_a_sweep_rewrites_the_database_once_not_once_per_wiped_entry(open_ws, clock):
    ws = open_ws("office")
    for number in range(3):
        c_uuid = meeting(ws, f"Meeting {number}")
        quoted(ws, c_uuid)
        quoted(ws, c_uuid, "KH3-02", f"second quote {number}")
        keep_until(ws, c_uuid, "2027-01-31")
    statements: list[str] = []
    ws.db.conn.set_trace_callback(statements.append)
    clock("2027-02-01")
    try:
        done = consent_service.sweep(ws.records)
    finally:
        ws.db.conn.set_trace_callback(None)

    assert sum(item.entries_withdrawn for item in done) == 6
    assert sum(1 for sql in statements if sql.strip().upper() == "VACUUM") == 1
    words = ws.db.execute("SELECT group_concat(quote) FROM feedback").fetchone()[0] or ""
    assert "second quote" not in words and QUOTE not in words
    files = [ws.database_path, ws.database_path.with_name(ws.database_path.name + "-wal")]
    on_disk = b"".join(path.read_bytes() for path in files if path.exists())
    assert b"second quote" not in on_disk and QUOTE.encode() not in on_disk, "no copy left in free space"
