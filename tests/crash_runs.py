"""What the kill tests (test_crash_exports.py, test_crash_passphrase.py) share: a data folder
holding marked feedback, the command line run in a child process under tests/crash_points.py
and killed before a file-system step or after a delay, and the schedule of those kills."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from consultation_app import paths
from consultation_app.domain.records import CONSULTATION, FEEDBACK
from consultation_app.services.workspace import Workspace

ROOT = Path(__file__).resolve().parents[1]


def marked_folder(folder: Path, marker: str, rows: int, filler: str, **consultation: Any) -> Path:
    """A new data folder whose database holds one consultation (``consultation``: its title,
    group and province) and ``rows`` feedback entries whose comment starts with ``marker``
    and its number, then ``filler`` (not sensitive: every export carries them)."""
    folder.mkdir()
    ws = Workspace(folder / paths.DATABASE_NAME)
    try:
        created = ws.records.create(CONSULTATION, {
            "start_date": "2024-03-05", "participants_women": 6, "participants_men": 5, **consultation})
        for number in range(rows):
            ws.records.create(FEEDBACK, {"consultation_uuid": created["uuid"], "recommendation_code": "KH3-30",
                                         "comment": f"{marker} {number} " + filler})
    finally:
        ws.close()
    return folder


def run_cli(cli_args: list[str], env: dict[str, str], kill_at: int = 0,
            kill_after: float | None = None) -> tuple[int, str, str]:
    """The command line with ``cli_args`` in a child process (tests/crash_points.py), ``env``
    added to its environment: killed just before its ``kill_at``th file-system step (0: never),
    or with SIGKILL after ``kill_after`` seconds. (return code, stdout, stderr)."""
    child_env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen", **env)
    child_env.pop(paths.DATA_DIR_ENV, None)
    process = subprocess.Popen([sys.executable, "-m", "tests.crash_points", str(kill_at), *cli_args], cwd=ROOT,
                               env=child_env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if kill_after is not None:
        time.sleep(kill_after)
        process.send_signal(signal.SIGKILL)
    out, err = process.communicate(timeout=120)
    return process.returncode, out, err


def steps_of(err: str) -> int:
    """The number of file-system steps an uninterrupted run printed last (``steps: K``)."""
    return int(err.strip().splitlines()[-1].split()[1])


def kill_schedule(steps: int, seed: str, delays: tuple[float, float], random_kills: int) -> list[tuple[str, float]]:
    """A kill before every step, then ``random_kills`` after delays drawn from ``delays``
    (seconds) with ``seed``: ("step", N) or ("timer", seconds)."""
    rng = random.Random(seed)
    return ([("step", n) for n in range(1, steps + 1)]
            + [("timer", rng.uniform(*delays)) for _ in range(random_kills)])


def run_killed(cli_args: list[str], env: dict[str, str], kind: str, point: float) -> tuple[int, str, str]:
    """``run_cli`` killed as one entry of ``kill_schedule`` says."""
    if kind == "step":
        return run_cli(cli_args, env, kill_at=int(point))
    return run_cli(cli_args, env, kill_after=point)
