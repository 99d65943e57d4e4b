"""The store's transactions (storage/store.py): what sqlite-utils' ``atomic()`` did for the app."""

from __future__ import annotations

import sqlite3

import pytest

from consultation_app.storage.store import Store


@pytest.fixture
def store(tmp_path):
    conn = sqlite3.connect(tmp_path / "s.sqlite3", isolation_level=None)  # autocommit, as connect() opens it
    conn.execute("CREATE TABLE t (x INTEGER PRIMARY KEY)")
    yield Store(conn)
    conn.close()


def rows(store: Store) -> list[int]:
    return [x for (x,) in store.execute("SELECT x FROM t ORDER BY x")]


def test_a_statement_outside_atomic_commits_on_its_own(store, tmp_path):
    store.execute("INSERT INTO t VALUES (?)", [1])
    other = sqlite3.connect(tmp_path / "s.sqlite3")
    assert other.execute("SELECT x FROM t").fetchall() == [(1,)]
    other.close()


def test_atomic_is_all_or_nothing(store):
    with store.atomic():
        store.execute("INSERT INTO t VALUES (1)")
        store.execute("INSERT INTO t VALUES (2)")
    with pytest.raises(sqlite3.IntegrityError):
        with store.atomic():
            store.execute("INSERT INTO t VALUES (3)")
            store.execute("INSERT INTO t VALUES (1)")  # a duplicate: the whole block goes
    assert rows(store) == [1, 2] and not store.conn.in_transaction


def test_a_failing_inner_block_takes_back_only_itself(store):
    with store.atomic():
        store.execute("INSERT INTO t VALUES (1)")
        with pytest.raises(RuntimeError):
            with store.atomic():
                store.execute("INSERT INTO t VALUES (2)")
                raise RuntimeError("this file is damaged")
        with store.atomic():
            store.execute("INSERT INTO t VALUES (3)")
        assert store.conn.in_transaction
    assert rows(store) == [1, 3] and not store.conn.in_transaction


def test_a_failing_outer_block_takes_back_its_finished_inner_blocks(store):
    with pytest.raises(KeyboardInterrupt):
        with store.atomic():
            with store.atomic():
                store.execute("INSERT INTO t VALUES (1)")
            raise KeyboardInterrupt
    assert rows(store) == [] and not store.conn.in_transaction


def test_an_error_that_ends_the_transaction_is_not_hidden(store):
    """RAISE(ROLLBACK) ends the transaction inside a savepoint: the caller sees that error,
    not a 'no such savepoint' from cleaning up."""
    store.execute("CREATE TRIGGER no_sevens BEFORE INSERT ON t WHEN NEW.x = 7 "
                  "BEGIN SELECT RAISE(ROLLBACK, 'no sevens'); END")
    with pytest.raises(sqlite3.IntegrityError, match="no sevens"):
        with store.atomic():
            store.execute("INSERT INTO t VALUES (1)")
            with store.atomic():
                store.execute("INSERT INTO t VALUES (7)")
    assert rows(store) == [] and not store.conn.in_transaction


def test_the_store_closes_its_connection_at_the_end_of_a_with_block(tmp_path):
    import sqlite3

    from consultation_app.storage.connection import open_database

    with open_database(tmp_path / "c.sqlite3") as db:
        assert db.execute("SELECT count(*) FROM settings").fetchone() == (0,)
    with pytest.raises(sqlite3.ProgrammingError):
        db.execute("SELECT 1")
