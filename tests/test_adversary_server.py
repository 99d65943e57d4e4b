"""Attacks on the central role on a PostgreSQL server (docs/central-postgresql.md): passwords
that must never be printed (in the URL's user part, in its query string, in psycopg's own
messages), a hostile database name, and the server going away in the middle of a master
export, a report or a merge: one clear line, exit 1, no half-written file at the target, and
the file merges cleanly afterwards.

"The server goes away" is played by terminating the command's connections from the server side
(``pg_terminate_backend``, what an administrator or a server restart does to a session), on
the session's shared server so that the other tests keep theirs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest

from consultation_app.cli.main import EXIT_FAILED, EXIT_OK
from consultation_app.services.central_database import DATABASE_ENV, CentralDatabase
from tests.crash_runs import ROOT
from tests.test_full_disk import small_disk  # noqa: F401  (fixture)
from tests.test_pg_merge import counts, laptop_export


def _cli(data: Path, url: str, *args: str, wait: bool = True) -> subprocess.Popen | subprocess.CompletedProcess:
    env = {**os.environ, "CONSULTATION_APP_DATA_DIR": str(data), DATABASE_ENV: url, "PYTHONPATH": str(ROOT)}
    if wait:
        return subprocess.run([sys.executable, "-m", "consultation_app", *args], capture_output=True, text=True,
                              env=env, timeout=300, cwd=ROOT)
    return subprocess.Popen([sys.executable, "-m", "consultation_app", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)


def _never_shown(done, data: Path, secret: str) -> None:
    assert secret not in done.stdout and secret not in done.stderr, done.stderr
    for path in data.rglob("*") if data.exists() else []:
        if path.is_file():
            assert secret.encode() not in path.read_bytes(), path


def _one_line_failure(done) -> None:
    assert done.returncode == EXIT_FAILED, (done.returncode, done.stderr)
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr, done.stderr


# -- passwords --------------------------------------------------------------------------------

def _query_urls(pg_server, secret: str) -> dict[str, str]:
    base = f"postgresql://{pg_server.user}@{quote(str(pg_server.folder), safe='')}:{pg_server.port}/postgres"
    return {
        "wrong password in the query string": f"{base}?password={secret}",
        "malformed password in the query string": f"{base}?password=pa%zz{secret}",
        "malformed password in the user part": base.replace(f"{pg_server.user}@",
                                                            f"{pg_server.user}:pa%zz{secret}@"),
        "unknown host, password in the query string": f"postgresql://u@nohost.invalid/db?password={secret}",
        "unknown host, password in the user part": f"postgresql://u:{secret}@nohost.invalid/db",
        "password and a bad option in the query string": f"{base}?password={secret}&sslmode={secret}",
        "password repeated in a bad port": f"postgresql://u:{secret}@localhost:{secret}/db",
    }


PASSWORD_CASES = ("wrong password in the query string", "malformed password in the query string",
                  "malformed password in the user part", "unknown host, password in the query string",
                  "unknown host, password in the user part", "password and a bad option in the query string",
                  "password repeated in a bad port")


@pytest.mark.parametrize("case", PASSWORD_CASES)
def test_a_password_anywhere_in_the_url_is_never_printed_nor_logged(tmp_path, pg_server, case):
    secret = "Sekret" + str(abs(hash(case)) % 10_000_000) + "pw"
    url = _query_urls(pg_server, secret)[case]
    data = tmp_path / "data"
    for command in (["summary", "--json"], ["master-export", "--out", str(tmp_path / "m.xlsx")]):
        done = _cli(data, url, *command)
        _one_line_failure(done)
        _never_shown(done, data, secret)
        assert done.stdout == ""
    assert not (tmp_path / "m.xlsx").exists()


def test_a_hostile_database_name_is_shown_harmlessly_and_changes_nothing_on_the_server(tmp_path, pg_server):
    """A database name made to break a terminal or a statement: refused or not found, one line,
    control characters not printed raw, nothing created on the server."""
    hostile = 'x"; DROP DATABASE postgres; --\x1b[2J\n\rfake line'
    url = pg_server.url(quote(hostile, safe=""))
    data = tmp_path / "data"
    done = _cli(data, url, "summary", "--json")
    _one_line_failure(done)
    assert "\x1b" not in done.stderr and "\r" not in done.stderr
    with psycopg.connect(pg_server.url(), autocommit=True) as admin:
        names = [name for (name,) in admin.execute("SELECT datname FROM pg_database")]
    assert "postgres" in names and not any("DROP" in name for name in names)


# -- the server going away midway ------------------------------------------------------------

def _server_with_entries(pg_url: str, open_ws, tmp_path, entries: int = 6000) -> list[Path]:
    exports = [laptop_export(open_ws, tmp_path, f"laptop{n}", entries // 2)[1] for n in range(2)]
    data = tmp_path / "seed"
    done = _cli(data, pg_url, "merge", "--json", *map(str, exports))
    assert done.returncode == EXIT_OK, done.stderr
    return exports


def _terminate_when_busy(url: str, process: subprocess.Popen, *, seconds: float = 120,
                         statement: str = "%") -> threading.Thread:
    """Once the process is inside a transaction on the server, on a statement LIKE ``statement``,
    end all its sessions there. (A statement outside a transaction may finish before its backend
    ends: the next one then runs on a new session, by design, and the command succeeds.)"""
    database = url.rsplit("/", 1)[1]
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    ended = []

    def watch() -> None:
        deadline = time.monotonic() + seconds
        with psycopg.connect(admin_url, autocommit=True) as admin:
            while process.poll() is None and time.monotonic() < deadline:
                # inside a transaction of more than one statement: the output or merge under way
                # (not a last count after the file was written, which may finish before the signal)
                busy = admin.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = %s "
                                     "AND (state = 'idle in transaction' OR (state = 'active' "
                                     "AND xact_start < query_start)) AND pid <> pg_backend_pid() "
                                     "AND query LIKE %s", [database, statement]).fetchone()[0]
                if busy:
                    ended.extend(r[0] for r in admin.execute(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s "
                        "AND pid <> pg_backend_pid()", [database]))
                    return
                time.sleep(0.002)

    thread = threading.Thread(target=watch)
    thread.ended = ended  # type: ignore[attr-defined]
    thread.start()
    return thread


def _no_leftovers(folder: Path, keep: set[str]) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name not in keep)


@pytest.mark.parametrize("command", [["master-export", "--out", "{out}.xlsx"],
                                     ["report", "--out", "{out}.xlsx"],
                                     ["report", "--out", "{out}.pdf"],
                                     ["matrix", "--out", "{out}.xlsx"]])
def test_the_server_going_away_mid_output_is_one_line_and_leaves_no_file(pg_url, open_ws, tmp_path, command):
    _server_with_entries(pg_url, open_ws, tmp_path)
    target = tmp_path / "out"
    target.mkdir()
    args = [part.format(out=target / "written") for part in command]
    process = _cli(tmp_path / "data", pg_url, *args, wait=False)
    watcher = _terminate_when_busy(pg_url, process)
    out, err = process.communicate(timeout=300)
    watcher.join()
    if not watcher.ended:  # type: ignore[attr-defined]
        pytest.skip("the command ended before its connection could be cut")
    done = subprocess.CompletedProcess(process.args, process.returncode, out, err)
    if done.returncode == EXIT_OK:
        # the session was ended between two pieces of work that may start afresh (a setting
        # read, a short transaction before the output's own): the command went on, on a new
        # session, and its output must then be whole
        written = target / Path(args[-1]).name
        assert _no_leftovers(target, {written.name}) == [] and written.stat().st_size > 0, err
        # what it wrote is all of it: every entry (master export, report) or recommendation (matrix)
        whole = "47 recommendations" if command[0] == "matrix" else "6000"
        assert whole in out.replace(",", ""), out
        if written.suffix == ".pdf":
            assert written.read_bytes().rstrip().endswith(b"%%EOF"), "a PDF cut short"
        else:
            with zipfile.ZipFile(written) as book:
                assert book.testzip() is None and "xl/workbook.xml" in book.namelist()
        return
    _one_line_failure(done)
    assert "server" in err.lower() or "connection" in err.lower(), err
    assert _no_leftovers(target, set()) == [], "a half-written output was left"


def test_the_server_going_away_mid_merge_leaves_the_file_unmerged_and_it_merges_cleanly_after(
        pg_url, open_ws, tmp_path):
    exports = [laptop_export(open_ws, tmp_path, f"laptop{n}", 3000)[1] for n in range(2)]
    CentralDatabase(pg_url).close()
    process = _cli(tmp_path / "data", pg_url, "merge", "--json", *map(str, exports), wait=False)
    watcher = _terminate_when_busy(pg_url, process, statement="WITH added AS (INSERT%")  # a file's records going in
    out, err = process.communicate(timeout=300)
    watcher.join()
    assert watcher.ended, "the merge ended before its connection could be cut"  # type: ignore[attr-defined]
    assert process.returncode == EXIT_FAILED, (process.returncode, err)
    assert "Traceback" not in err and "internal error" not in err, err
    held = counts(pg_url)
    assert held["feedback"] == held["merged_exports"] * 3000
    again = _cli(tmp_path / "data", pg_url, "merge", "--json", *map(str, exports))
    assert again.returncode == EXIT_OK, again.stderr
    assert sorted(f["status"] for f in json.loads(again.stdout)["files"]).count("merged") == 2 - held["merged_exports"]
    assert counts(pg_url)["feedback"] == 2 * 3000


# -- a full disk at the target --------------------------------------------------------------

@pytest.mark.parametrize("command", [["master-export", "--out", "{out}.xlsx"],
                                     ["report", "--out", "{out}.xlsx"],
                                     ["report", "--out", "{out}.docx"],
                                     ["matrix", "--out", "{out}.xlsx"]])
def test_a_full_disk_at_the_target_of_a_server_output_is_one_line_and_leaves_no_file(
        pg_url, open_ws, tmp_path, small_disk, command):  # noqa: F811 (the fixture)
    from tests.test_full_disk import assert_says_disk_full, fill

    _server_with_entries(pg_url, open_ws, tmp_path, entries=400)
    fill(small_disk)
    before = sorted(p.name for p in small_disk.iterdir())
    args = [part.format(out=small_disk / "written") for part in command]
    done = _cli(tmp_path / "data", pg_url, *args)
    assert_says_disk_full(done)
    assert sorted(p.name for p in small_disk.iterdir()) == before, "a half-written output was left"
    assert "written" not in done.stdout


# -- a master export killed midway --------------------------------------------------------------

def test_a_master_export_from_the_server_killed_midway_leaves_no_partial_file_after_the_next_start(
        pg_url, open_ws, tmp_path):
    import signal

    from consultation_app import paths

    _server_with_entries(pg_url, open_ws, tmp_path)
    target = tmp_path / "usb"
    target.mkdir()
    data = tmp_path / "data"
    process = _cli(data, pg_url, "master-export", "--out", str(target / "master.xlsx"), wait=False)
    database = pg_url.rsplit("/", 1)[1]
    deadline = time.monotonic() + 120
    with psycopg.connect(pg_url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as admin:
        while time.monotonic() < deadline and process.poll() is None:
            if admin.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND state = 'active' "
                             "AND pid <> pg_backend_pid()", [database]).fetchone()[0]:
                break
            time.sleep(0.002)
    time.sleep(0.3)  # well into the export: some sheets written to its scratch
    if process.poll() is not None:
        pytest.skip("the export ended before it could be killed")
    os.kill(process.pid, signal.SIGKILL)
    process.communicate()
    after = _cli(data, pg_url, "summary", "--json")  # the next start tidies what the kill left
    assert after.returncode == EXIT_OK, after.stderr
    assert sorted(p.name for p in target.iterdir()) in ([], ["master.xlsx"])
    scratch = paths.scratch_dir_for(data / paths.DATABASE_NAME)
    assert not scratch.exists() or list(scratch.iterdir()) == [], list(scratch.iterdir())


def test_a_password_in_the_query_string_of_a_working_url_never_reaches_any_output(pg_url, pg_server, open_ws,
                                                                                  tmp_path):
    """Every command that succeeds on the server, --json included, and every file it writes."""
    base, secret = pg_url.replace(f":{quote(pg_server.password, safe='')}@", "@"), pg_server.password
    url = f"{base}?password={quote(secret, safe='')}&application_name=office"
    exports = [laptop_export(open_ws, tmp_path, "takeo", 20)[1]]
    data, out = tmp_path / "data", tmp_path / "out"
    out.mkdir()
    for command in (["merge", "--json", str(exports[0])], ["summary", "--json"], ["conflicts", "list", "--json"],
                    ["report", "--out", str(out / "r.xlsx")], ["master-export", "--out", str(out / "m.xlsx")],
                    ["matrix", "--out", str(out / "x.xlsx")]):
        done = _cli(data, url, *command)
        assert done.returncode == EXIT_OK, (command, done.stderr)
        _never_shown(done, data, secret)
        _never_shown(done, out, secret)
