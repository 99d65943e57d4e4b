"""The open transaction of a merge run: files written in savepoint groups, committed in batches.

``BEGIN IMMEDIATE`` takes the write lock up front (a plain BEGIN failed at the first write when
another writer was busy). In bulk mode the deferred indexes are dropped first and built again
before each commit, so every committed state has them (merge_store.defer_indexes).

Inside it, files are written in groups of ``group_size`` under one savepoint rather than one
savepoint each. SQLite copies every page a savepoint changes that was there when it began (the
uuid and revision indexes take each file's records at random places: hundreds of pages a file);
per file that was 1.6 GB of copies for a 200-file merge, a fifth of the writer's time. A file
that fails half-way undoes its group, and the group's finished files are written again one by
one, each in a savepoint of its own, so every file stays all or nothing and those before the
failure are kept. What a "file" is and how it is written is the caller's (exchange/merge.py):
here it is an item and a ``write(item, atomic)`` function.
"""

from __future__ import annotations

import time
from typing import Any, Callable, Generic, TypeVar

from consultation_app.storage import merge_store
from consultation_app.storage.store import Store

Item = TypeVar("Item")
Result = TypeVar("Result")

GROUP = "merge_group"


class MergeTransaction(Generic[Item, Result]):
    def __init__(self, db: Store, bulk: bool, write: Callable[..., Result], group_size: int):
        # Bulk mode (dropping and rebuilding an index) is SQLite's: on PostgreSQL the index DDL
        # would lock out every reader of the table for the batch.
        self.db, self.bulk, self._write, self.group_size = db, bulk and db.engine == "sqlite", write, group_size
        self.group: list[Item] = []
        self.started = 0.0
        self.deferred: dict[str, Any] = {}
        self._begin()

    def write(self, item: Item) -> Result:
        """Write one item inside the current group (a new group once this one is full)."""
        if len(self.group) >= self.group_size:
            self.db.execute(f"RELEASE SAVEPOINT {GROUP}")
            self.open_group()
        try:
            result = self._write(item, atomic=False)
        except BaseException:
            self._write_group_again()
            raise
        self.group.append(item)
        return result

    def open_group(self) -> None:
        """A new savepoint group (after a refused item: the items after it start afresh)."""
        self.db.execute(f"SAVEPOINT {GROUP}")
        self.group = []

    def in_transaction(self) -> bool:
        return bool(self.db.conn.in_transaction)

    def _write_group_again(self) -> None:
        """After a failure half-way through an item: the group undone, its finished items again."""
        finished, self.group = self.group, []
        if not self.db.conn.in_transaction:  # the failure ended the transaction itself
            return
        self.db.execute(f"ROLLBACK TO SAVEPOINT {GROUP}")
        self.db.execute(f"RELEASE SAVEPOINT {GROUP}")
        for item in finished:
            self._write(item, atomic=True)

    def end_bulk(self) -> None:
        """Commit with the deferred indexes built again; the batches after keep them up."""
        if self.bulk:
            self.bulk = False
            self.commit(again=True)

    def _begin(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")
        self.started = time.monotonic()
        self.deferred = merge_store.defer_indexes(self.db) if self.bulk else {}
        self.open_group()

    def age(self) -> float:
        return time.monotonic() - self.started

    def commit(self, again: bool) -> None:
        merge_store.restore_indexes(self.db, self.deferred)
        self.deferred = {}
        self.db.execute("COMMIT")  # the group's savepoint with it
        self.group = []
        if again:
            self._begin()

    def keep_what_is_done(self) -> None:
        """After a failure that ends the run: commit the items finished before it."""
        if not self.db.conn.in_transaction:
            return
        try:
            self.commit(again=False)
        except Exception:
            self.db.conn.rollback()  # the deferred indexes come back with the rollback


def checkpoint_and_truncate_wal(db: Store) -> None:
    """Copy the write-ahead log into the database and cut it to nothing: words replaced by
    tombstones must not linger in it."""
    if db.engine == "sqlite":
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
