"""Adversary: a restore while another command line process has the database open (a script
recording implementation changes, an attachment being added). The restore must refuse, or the
other process's later writes must land in the restored database or fail loudly: never a
success reported for a write that went into the file moved aside."""

from __future__ import annotations

import os
import subprocess
import sys

from consultation_app.cli.main import main
from consultation_app.domain.records import CONSULTATION
from consultation_app.storage import backup
from tests.conftest import query

HOLD_OPEN = """
import sys
from consultation_app import paths
from consultation_app.domain.records import CONSULTATION
from consultation_app.services.workspace import Workspace
paths.set_data_dir(sys.argv[1])
with Workspace() as ws:
    ws.records.create(CONSULTATION, {"title": "before", "stakeholder_group": "civil_society", "province": "kampot"})
    print("open", flush=True)
    sys.stdin.readline()
    try:
        ws.records.create(CONSULTATION, {"title": "Written while a restore ran", "stakeholder_group": "civil_society",
                                         "province": "kampot"})
    except Exception as error:
        print("failed", type(error).__name__, flush=True)
        sys.exit(1)
    print("written", flush=True)
"""


def test_a_write_made_after_a_restore_is_never_reported_done_into_the_file_moved_aside(workspace, data_dir,
                                                                                       capsys):
    workspace.records.create(CONSULTATION, {"title": "Koh Kong", "stakeholder_group": "civil_society",
                                            "province": "koh_kong"})
    good = backup.make_backup(workspace.database_path, backup.MANUAL).path
    database = workspace.database_path
    workspace.close()
    holder = subprocess.Popen([sys.executable, "-c", HOLD_OPEN, str(data_dir)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    try:
        assert holder.stdout.readline().strip() == "open"
        code = main(["--data-dir", str(data_dir), "restore", str(good)])
        out, err = capsys.readouterr()
        holder.stdin.write("go\n")
        holder.stdin.flush()
        said = holder.stdout.readline().strip()
    finally:
        holder.stdin.close()
        holder.wait(timeout=60)
        holder.stdout.close()
    titles = {title for (title,) in query(database, "SELECT title FROM consultations")}
    assert code == 1, (out, said, titles)  # before the fix: restored, and the write went to the file moved aside
    assert len(err.strip().splitlines()) == 1 and "open in another process" in err and "Traceback" not in err
    assert "Written while a restore ran" in titles and said == "written"
    assert not list(data_dir.glob("before-restore-*")) and not list(data_dir.glob(".consultations-restore-*"))


def test_the_restore_goes_ahead_once_the_other_process_has_closed(workspace, data_dir, capsys):
    workspace.records.create(CONSULTATION, {"title": "Koh Kong", "stakeholder_group": "civil_society",
                                            "province": "koh_kong"})
    good = backup.make_backup(workspace.database_path, backup.MANUAL).path
    workspace.close()
    done = subprocess.run([sys.executable, "-c", HOLD_OPEN, str(data_dir)], input="go\n", capture_output=True,
                          text=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, timeout=60)
    assert done.returncode == 0, done.stderr

    assert main(["--data-dir", str(data_dir), "restore", str(good)]) == 0, capsys.readouterr()
