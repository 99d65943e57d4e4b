"""A passphrase set, change or remove killed with SIGKILL at every file-system step, and after
random delays (inside SQLite's copying too): the next start recovers on its own, and then the
database and every backup open with exactly one of the two passphrases (the same one for all:
the folder is wholly converted or wholly as before), pass integrity_check and hold every row.
No hot journal, converted copy or conversion record is left, and no plain backup stays beside
an encrypted database.

The kills come from tests/crash_points.py (a kill just before the Nth rename, fsync, removal or
file opened for writing, for every N) and from a timer, run as tests/crash_runs.py says. The
real key derivation runs."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import time
from pathlib import Path

import pytest

from consultation_app import paths
from consultation_app.cli.main import main
from consultation_app.services import passphrase
from consultation_app.storage import backup, conversion, encryption
from consultation_app.storage.errors import WrongPassphraseError
from tests.crash_runs import kill_schedule, marked_folder, run_cli, run_killed, steps_of

OLD = "mekong river at dawn"
NEW = "ស្ទឹងសែន-2024-monsoon"
MARKER = "Qx7Sokha-said-the-soldiers-came-at-night-5521"
FEEDBACK_ROWS = 40
RANDOM_KILLS = 6

pytestmark = [pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)"),
              pytest.mark.usefixtures("forget_keys")]

# action: (CLI arguments, passphrase before, passphrase after); None: no passphrase
ACTIONS = {
    "set": (["passphrase", "set", "--new-env", "NEW_PP"], None, NEW),
    "change": (["--passphrase-env", "OLD_PP", "passphrase", "change", "--new-env", "NEW_PP"], OLD, NEW),
    "remove": (["--passphrase-env", "OLD_PP", "passphrase", "remove"], OLD, None),
}


@pytest.fixture(scope="module")
def folders(tmp_path_factory):
    """A plain data folder (marked feedback, two plain backups) and the same one encrypted."""
    plain = marked_folder(tmp_path_factory.mktemp("plain") / "data", MARKER, FEEDBACK_ROWS,
                          "The land was taken. " * 40, title="Ratanakiri land consultation",
                          stakeholder_group="indigenous_communities", province="ratanakiri")
    for reason in (backup.MANUAL, backup.DAILY):
        backup.make_backup(plain / paths.DATABASE_NAME, reason, folder=plain / "backups")
        time.sleep(1.05)  # backup names carry the second
    encrypted = plain.parent.parent / "encrypted"
    shutil.copytree(plain, encrypted)
    passphrase.set_passphrase(encrypted / paths.DATABASE_NAME, OLD)
    encryption.forget()
    return {None: plain, OLD: encrypted}


def opens_with(path: Path, keys: dict) -> list:
    """The passphrases (keys of ``keys``; None: plain) that open ``path`` read-only, each checked
    with integrity_check; a file that opens but fails the check is reported as damaged."""
    found = []
    for name, key in keys.items():
        try:
            if key is None:
                conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
            else:
                conn = encryption.open_cipher(path, key, read_only=True)
            try:
                rows = conn.execute("PRAGMA integrity_check").fetchall()
            finally:
                conn.close()
        except (sqlite3.DatabaseError, WrongPassphraseError, *encryption.errors.DATABASE_ERRORS):
            continue
        assert rows == [("ok",)], f"{path.name} opens with {name!r} but is damaged: {rows[:3]}"
        found.append(name)
    return found


def marked_rows(path: Path, key: bytes | None) -> int:
    conn = (sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True) if key is None
            else encryption.open_cipher(path, key, read_only=True))
    try:
        return conn.execute("SELECT count(*) FROM feedback WHERE comment LIKE ?", [f"{MARKER}%"]).fetchone()[0]
    finally:
        conn.close()


def next_start(capsys, folder: Path, before: str | None, after: str | None) -> tuple[int, str]:
    """The first command after the kill, as a person would run it: with the passphrase it had
    before, and, if that is refused as wrong (or missing), with the new one."""
    results = []
    for attempt in (before, after):
        args = ["--data-dir", str(folder), "summary", "--json"]
        if attempt is not None:
            os.environ["CRASH_PP"] = attempt
            args = ["--passphrase-env", "CRASH_PP", *args]
        encryption.forget()
        code = main(args)
        out, err = capsys.readouterr()
        results.append((attempt, code, err))
        if code == 0:
            return code, err
        assert "passphrase" in err and "Traceback" not in err, err
    pytest.fail(f"the next start did not open the database with either passphrase: {results}")


def check_folder(folder: Path, before: str | None, after: str | None, where: str) -> str | None:
    """Every file opens with exactly one passphrase, the same for all; returns that one."""
    database = folder / paths.DATABASE_NAME
    salt = encryption.read_salt(database) if encryption.is_encrypted(database) else None
    keys = {None: None}
    for name in (before, after):
        if name is not None and salt is not None:
            keys[name] = encryption.derive_key(name, salt)
    files = [database, *sorted((folder / "backups").glob("*.sqlite3"))]
    assert len(files) == 3, f"{where}: {sorted(p.name for p in folder.rglob('*'))}"
    states = {}
    for path in files:
        opened = opens_with(path, keys)
        assert len(opened) == 1, f"{where}: {path.name} opens with {opened}, not exactly one of the two"
        assert opened[0] in (before, after)
        states[path.name] = opened[0]
    assert len(set(states.values())) == 1, f"{where}: the folder is half converted: {states}"
    state = next(iter(states.values()))
    for path in files:
        assert marked_rows(path, keys[state]) == FEEDBACK_ROWS, f"{where}: {path.name} lost rows"
    leftovers = [p.name for p in folder.rglob("*") if p.name.endswith((".converting", "-journal", ".json", ".tmp"))]
    assert leftovers == [], f"{where}: left behind: {leftovers}"
    assert not conversion.record_path(database).exists()
    return state


def prove(capsys, folders, tmp_path, action: str) -> None:
    args, before, after = ACTIONS[action]
    template = folders[before]
    work = tmp_path / "run"
    shutil.copytree(template, work)
    cli_args, env = ["--data-dir", str(work), *args], {"OLD_PP": OLD, "NEW_PP": NEW}
    code, _, err = run_cli(cli_args, env)
    assert code == 0, err
    steps = steps_of(err)
    assert steps > 10, err
    assert check_folder(work, before, after, "uninterrupted") == after
    outcomes = {before: 0, after: 0}
    notes_seen = 0
    for kind, point in kill_schedule(steps, f"{action}-20261205", (0.3, 2.0), RANDOM_KILLS):
        shutil.rmtree(work)
        shutil.copytree(template, work)
        code, _, err = run_killed(cli_args, env, kind, point)
        assert code in (-signal.SIGKILL, 0), err
        where = f"{action} killed at {kind} {point}"
        next_code, notes = next_start(capsys, work, before, after)
        state = check_folder(work, before, after, where)
        outcomes[state] += 1
        notes_seen += "a passphrase conversion was interrupted" in notes
    assert outcomes[before] and outcomes[after], f"every kill ended on one side: {outcomes}"
    assert notes_seen, "the next start never said it finished or undid a conversion"
    with capsys.disabled():
        print(f"\npassphrase {action}: {steps} steps, killed before each and {RANDOM_KILLS} times at random; "
              f"recovered as before {outcomes[before]} times, as after {outcomes[after]} times; "
              f"{notes_seen} starts said what they finished or undid")


@pytest.mark.parametrize("action", sorted(ACTIONS))
def test_a_conversion_killed_at_any_moment_is_recovered_at_the_next_start(capsys, folders, tmp_path, action):
    prove(capsys, folders, tmp_path, action)


def test_unlock_rolls_back_a_hot_journal_with_the_passphrase_that_wrote_it(folders, tmp_path):
    """What a kill in the middle of a transaction on a rollback-journal file leaves (the file and
    its hot -journal, copied while the transaction is open, as a crash freezes them), as an
    earlier version's in-place ``PRAGMA rekey`` left it: a read-only unlock failed under both
    passphrases ("attempt to write a readonly database")."""
    source = tmp_path / "live" / paths.DATABASE_NAME
    shutil.copytree(folders[OLD], source.parent)
    key = encryption.derive_key(OLD, encryption.read_salt(source))
    conn = encryption.open_cipher(source, key, isolation_level=None)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("PRAGMA cache_size = 2")  # changed pages spill into the file before the commit
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("UPDATE feedback SET comment = 'overwritten' WHERE comment LIKE ?", [f"{MARKER}%"])
    crashed = tmp_path / "crashed" / paths.DATABASE_NAME
    crashed.parent.mkdir()
    for suffix in ("", "-journal"):
        shutil.copyfile(f"{source}{suffix}", f"{crashed}{suffix}")
    conn.execute("ROLLBACK")
    conn.close()
    assert Path(f"{crashed}-journal").stat().st_size > 0

    with pytest.raises(WrongPassphraseError):
        encryption.unlock(crashed, NEW)
    assert encryption.unlock(crashed, OLD)
    assert marked_rows(crashed, key) == FEEDBACK_ROWS
    assert opens_with(crashed, {OLD: key, NEW: encryption.derive_key(NEW, encryption.read_salt(crashed))}) == [OLD]
