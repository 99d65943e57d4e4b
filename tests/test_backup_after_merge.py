"""A verified backup after every merge run that changed something, so the newest good backup
never predates a day's merges; the rotation keeps the day's backup from before them too."""

from datetime import datetime, timedelta

from consultation_app.cli.main import main
from consultation_app.exchange.export import export_package
from consultation_app.exchange.merge import merge_paths
from consultation_app.services import demo
from consultation_app.services.reference_lists import default_reference
from consultation_app.storage import backup
from tests.conftest import open_device, query


def field_export(tmp_path, name="laptop", consultations=3, seed=5):
    laptop = open_device(tmp_path / name, name)
    try:
        demo.add_demo_data(laptop, consultations, seed=seed)
        out = tmp_path / f"{name}.xlsx"
        export_package(laptop.database_path, out, laptop.reference)
    finally:
        laptop.close()
    return out


def test_a_merge_that_changed_something_leaves_a_verified_backup_holding_it(tmp_path):
    central = open_device(tmp_path / "central")
    central.close()
    export = field_export(tmp_path)
    run = merge_paths(central.database_path, [export], default_reference())
    assert [r.status for r in run] == ["merged"]
    assert run.backup is not None and run.backup_problem is None
    assert run.backup.reason == backup.AFTER_MERGE and run.backup.checked().verified
    held = query(run.backup.path, "SELECT count(*) FROM consultations")[0][0]
    assert held == query(central.database_path, "SELECT count(*) FROM consultations")[0][0] == 3
    assert query(run.backup.path, "SELECT status FROM merge_log") == [("merged",)]
    newest = backup.newest_good_backup(backup.backups_folder_for(central.database_path))
    assert newest.path == run.backup.path

    again = merge_paths(central.database_path, [export], default_reference())
    assert [r.status for r in again] == ["already_merged"]
    assert again.backup is None, "a run that changed nothing needs no backup"


def test_the_cli_names_the_backup_in_text_and_json(tmp_path, capsys):
    import json

    export = field_export(tmp_path)
    central = tmp_path / "central"
    assert main(["--data-dir", str(central), "merge", str(export), "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["backup"] and printed["backup_problem"] is None
    assert backup.parse_name(printed["backup"])[1] == backup.AFTER_MERGE
    second = field_export(tmp_path, "other", seed=9)
    assert main(["--data-dir", str(central), "merge", str(second)]) == 0
    assert "backup (verified) of what was merged: " in capsys.readouterr().out


def test_a_failed_backup_is_said_and_the_merge_stays(tmp_path, monkeypatch):
    central = open_device(tmp_path / "central")
    central.close()
    folder = backup.backups_folder_for(central.database_path)
    folder.rmdir()
    folder.write_text("a file where the backups folder should be")  # the backup cannot be written
    run = merge_paths(central.database_path, [field_export(tmp_path)], default_reference())
    assert [r.status for r in run] == ["merged"] and run.backup is None
    assert "backups" in run.backup_problem
    assert query(central.database_path, "SELECT count(*) FROM consultations")[0][0] == 3


def test_rotation_keeps_the_days_backup_from_before_its_merges(tmp_path):
    central = open_device(tmp_path / "central")
    try:
        morning = datetime(2026, 12, 4, 8, 0, 0)
        daily = backup.make_backup(central.db, backup.DAILY, clock=lambda: morning)
        merges = [backup.make_backup(central.db, backup.AFTER_MERGE, clock=lambda h=h: morning + timedelta(hours=h))
                  for h in (1, 2, 3)]
    finally:
        central.close()
    deleted = backup.rotate(folder=daily.path.parent, now=morning + timedelta(hours=4))
    assert sorted(deleted) == sorted(info.path for info in merges[:2])
    assert daily.path.exists() and merges[2].path.exists()
