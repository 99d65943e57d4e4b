"""The throwaway PostgreSQL server the central-office tests run against (tests/pg_server.py)."""

from __future__ import annotations

import psycopg
import pytest


def test_the_server_answers_and_a_fresh_database_is_empty(pg_url):
    with psycopg.connect(pg_url) as conn:
        assert conn.execute("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
                            ).fetchone()[0] == 0
        assert conn.info.server_version >= 130000


def test_the_server_checks_passwords(pg_server):
    """As an office's server does: the tests of a wrong password mean something."""
    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        psycopg.connect(pg_server.url(password="not-the-password")).close()


@pytest.mark.parametrize("ci, outcome", [("", "1 skipped"), ("true", "1 error")])
def test_without_postgresql_the_tests_skip_except_under_ci(tmp_path, ci, outcome):
    """No binaries: a clear skip on a developer's machine; under CI (CI set) a failure, never a skip."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "PG_BINDIR": str(tmp_path / "no-postgresql-here"), "CI": ci}
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider",
                          f"{__file__}::test_the_server_answers_and_a_fresh_database_is_empty"],
                         capture_output=True, text=True, env=env, cwd=os.path.dirname(os.path.dirname(__file__)),
                         timeout=120)
    assert outcome in run.stdout, run.stdout
    assert "no PostgreSQL binaries" in run.stdout or "initdb" in run.stdout
