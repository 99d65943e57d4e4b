"""Adversary: a power cut between a merge's commit and its after-merge backup.

Killed merges (SIGKILL at random points of a 2.4 s run of four files, eight times, then a
full run) left the central database sound and every record merged once (measured, see the
report). One gap: a run killed after its last file committed and before the after-merge
backup leaves the merged rows in no backup, and the next run of the same files finds them
all already merged, changes nothing, and so makes no backup either: the newest good backup
predates the merge until the next daily one. Now a run makes the after-merge backup also when
the newest backup predates the last merged file.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

from consultation_app import paths
from consultation_app.cli.main import main
from consultation_app.paths import DATABASE_NAME
from consultation_app.storage import backup
from tests.test_hostile_merge import laptop_export

DIE_BEFORE_THE_BACKUP = """
import os, sys
from consultation_app.exchange import merge_guard
merge_guard.back_up_after = lambda database_path: os._exit(137)  # the power goes here
from consultation_app.cli.main import main
sys.exit(main(sys.argv[1:]))
"""


def test_a_merge_killed_before_its_backup_is_backed_up_by_the_next_run(data_dir, open_ws, tmp_path, capsys):
    export = laptop_export(open_ws, tmp_path, "laptop-a")
    killed = subprocess.run([sys.executable, "-c", DIE_BEFORE_THE_BACKUP, "--data-dir", str(data_dir),
                             "merge", str(export)], env={**os.environ, "QT_QPA_PLATFORM": "offscreen",
                                                          paths.DATA_DIR_ENV: str(data_dir)},
                            capture_output=True, timeout=120)
    assert killed.returncode == 137
    central = data_dir / DATABASE_NAME
    merged = sqlite3.connect(central).execute("SELECT count(*) FROM consultations").fetchone()[0]
    assert merged == 1, "the merge itself committed before the power went"

    assert main(["--data-dir", str(data_dir), "merge", str(export)]) in (0, 1)
    capsys.readouterr()
    newest = backup.newest_good_backup(data_dir / "backups")
    assert newest is not None, "no backup holds what was merged"
    held = sqlite3.connect(newest.path).execute("SELECT count(*) FROM consultations").fetchone()[0]
    assert held == merged
