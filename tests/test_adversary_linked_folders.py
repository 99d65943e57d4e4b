"""A data folder whose ``backups`` folder is a symbolic link planted by someone who had the data
folder for a moment (a shared account, a copied folder): every backup the app makes would land
wherever the link points (a shared or world-readable folder: a full copy of the words people
said), and rotation would delete backup-named files there. The app refuses the link, naming it,
writes nothing through it, and changes nothing stored."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from consultation_app import paths
from consultation_app.storage import backup
from consultation_app.storage.errors import StorageError
from tests.conftest import REPO_ROOT, dump, open_device


@pytest.fixture
def linked(tmp_path):
    data = tmp_path / "data"
    ws = open_device(data, "laptop")
    from consultation_app.services import demo

    demo.add_demo_data(ws, 2, seed=5)
    ws.close()
    elsewhere = tmp_path / "shared-with-everyone"
    elsewhere.mkdir()
    planted = elsewhere / "consultations-20200101-000000-daily.sqlite3"  # rotation would delete it
    planted.write_bytes(b"someone else's file")
    (data / "backups").symlink_to(elsewhere, target_is_directory=True)
    return data, elsewhere, planted


def _cli(data, *args):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=REPO_ROOT, **{paths.DATA_DIR_ENV: str(data)})
    return subprocess.run([sys.executable, "-m", "consultation_app", *args], env=env, capture_output=True, text=True,
                          timeout=120)


def test_no_backup_is_written_through_a_linked_backups_folder(linked):
    data, elsewhere, planted = linked
    with pytest.raises(StorageError) as raised:
        backup.make_backup(data / paths.DATABASE_NAME, backup.DAILY)
    assert "backups" in str(raised.value) and "link" in str(raised.value)
    assert sorted(p.name for p in elsewhere.iterdir()) == [planted.name]


def test_the_backup_command_and_a_merge_refuse_the_link_in_one_line_and_write_nothing_there(linked, tmp_path):
    from consultation_app.exchange.export import export_package
    from consultation_app.services import demo

    data, elsewhere, planted = linked
    before = dump(data / paths.DATABASE_NAME)
    done = _cli(data, "backup")
    assert done.returncode == 1 and len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert "link" in done.stderr and "Traceback" not in done.stderr
    assert dump(data / paths.DATABASE_NAME) == before

    laptop = open_device(tmp_path / "field", "field")
    demo.add_demo_data(laptop, 2, seed=9)
    export = export_package(laptop.database_path, tmp_path / "field.xlsx", laptop.reference).path
    laptop.close()
    merged = _cli(data, "merge", "--json", str(export))
    assert "Traceback" not in merged.stderr and "internal error" not in merged.stderr, merged.stderr
    assert sorted(p.name for p in elsewhere.iterdir()) == [planted.name]
    assert planted.read_bytes() == b"someone else's file"


def test_a_backups_folder_linked_inside_the_data_folder_is_refused_too(tmp_path):
    """Simple and checkable: the backups folder is a real folder, never a link."""
    data = tmp_path / "data"
    open_device(data, "laptop").close()
    (data / "real").mkdir()
    (data / "backups").symlink_to(data / "real", target_is_directory=True)
    with pytest.raises(StorageError):
        backup.make_backup(data / paths.DATABASE_NAME, backup.DAILY)


def test_setting_a_passphrase_with_a_linked_backups_folder_refuses_before_converting_anything(linked):
    """The conversion re-encrypts the backups with the database: through the link it would
    rewrite (or leave plain) files elsewhere. It refuses, and the database stays as it was."""
    data, elsewhere, planted = linked
    before = (data / paths.DATABASE_NAME).read_bytes()
    env_done = _cli_env(data, {"NEW_PASS": "correct horse battery staple"}, "passphrase", "set", "--new-env",
                        "NEW_PASS")
    assert env_done.returncode == 1 and "link" in env_done.stderr, env_done.stderr
    assert "Traceback" not in env_done.stderr
    assert (data / paths.DATABASE_NAME).read_bytes() == before
    assert sorted(p.name for p in elsewhere.iterdir()) == [planted.name]


def _cli_env(data, extra, *args):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=REPO_ROOT, **{paths.DATA_DIR_ENV: str(data)},
               **extra)
    return subprocess.run([sys.executable, "-m", "consultation_app", *args], env=env, capture_output=True, text=True,
                          timeout=120)
