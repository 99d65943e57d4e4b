"""A throwaway PostgreSQL server for the tests (docs/central-postgresql.md).

One cluster per test session, made with Debian's ``postgresql`` binaries (``.ci/run`` installs
them) in a temporary folder: ``initdb`` (as the ``postgres`` user when the tests run as root:
initdb refuses root), then ``pg_ctl start`` listening only on a Unix socket in that folder, on a
port number of its own. Password authentication (scram-sha-256) is on even for the socket, so
the tests of a wrong password see what an office's server does. Stopped and deleted at the end.

Without PostgreSQL binaries the tests that need the server are skipped with the reason, except
under CI (the environment variable ``CI`` set), where they fail: CI must run them.
"""

from __future__ import annotations

import glob
import os
import secrets
import shutil
import socket
import subprocess
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Callable
from urllib.parse import quote

import pytest

SUPERUSER = "postgres"


@dataclass
class PgServer:
    folder: Path  # the socket folder (and the cluster's parent)
    port: int
    user: str
    password: str

    def url(self, database: str = "postgres", password: str | None = None, user: str | None = None) -> str:
        """A postgresql:// URL to a database of this server, through its socket folder."""
        secret = self.password if password is None else password
        return (f"postgresql://{quote(user or self.user, safe='')}:{quote(secret, safe='')}@"
                f"{quote(str(self.folder), safe='')}:{self.port}/{database}")


def find_bindir() -> Path | None:
    """The newest installed PostgreSQL's binaries (Debian: /usr/lib/postgresql/N/bin), or those on PATH."""
    override = os.environ.get("PG_BINDIR")
    if override:
        return Path(override)
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("initdb")
    return Path(on_path).parent if on_path else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _run_as(user: str | None, args: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, user=user, capture_output=True, text=True, timeout=120, check=False)


def start_server() -> tuple[PgServer, Callable[[], None]]:
    """Start a cluster; returns it and the function that stops it (and removes its folder)."""
    bindir = find_bindir()
    if bindir is None or not (bindir / "initdb").exists():
        raise FileNotFoundError("no PostgreSQL binaries (initdb) found: install Debian's postgresql package")
    as_user = SUPERUSER if os.geteuid() == 0 else None
    folder = Path(tempfile.mkdtemp(prefix="consultation-pg-"))
    password = secrets.token_urlsafe(16)
    if as_user:
        shutil.chown(folder, user=as_user)
    (folder / "pw").write_text(password)
    if as_user:
        shutil.chown(folder / "pw", user=as_user)
    port = _free_port()
    init = _run_as(as_user, [str(bindir / "initdb"), "-D", str(folder / "db"), "-U", SUPERUSER, "--pwfile",
                             str(folder / "pw"), "--auth=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8"])
    (folder / "pw").unlink()
    if init.returncode != 0:
        raise RuntimeError(f"initdb failed: {init.stderr.strip() or init.stdout.strip()}")
    options = f"-k {folder} -p {port} -c listen_addresses= -c fsync=off -c max_connections=50"
    start = _run_as(as_user, [str(bindir / "pg_ctl"), "-D", str(folder / "db"), "-o", options, "-l",
                              str(folder / "log"), "-w", "start"])
    if start.returncode != 0:
        log = (folder / "log").read_text() if (folder / "log").exists() else ""
        raise RuntimeError(f"pg_ctl start failed: {start.stderr.strip()} {log[-2000:]}")

    def stop() -> None:
        _run_as(as_user, [str(bindir / "pg_ctl"), "-D", str(folder / "db"), "-m", "fast", "-w", "stop"])
        shutil.rmtree(folder, ignore_errors=True)

    return PgServer(folder, port, SUPERUSER, password), stop


@pytest.fixture(scope="session")
def pg_server():
    """The session's PostgreSQL server (skipped without binaries; a failure under CI)."""
    try:
        server, stop = start_server()
    except FileNotFoundError as missing:
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the PostgreSQL tests: {missing}")
        pytest.skip(f"PostgreSQL tests skipped: {missing}")
    try:
        yield server
    finally:
        stop()


@pytest.fixture
def pg_url(pg_server):
    """A fresh, empty database on the session's server for one test: its postgresql:// URL."""
    import psycopg

    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(pg_server.url(), autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    yield pg_server.url(name)
    with psycopg.connect(pg_server.url(), autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
