"""A team at once on the real PostgreSQL server (tests/pg_server.py): what two people doing the
same thing at the same moment end with (docs/central-postgresql.md)."""

from __future__ import annotations

import threading

from consultation_app.domain.records import CONSULTATION, FEEDBACK, content_hash
from consultation_app.storage import merge_store
from consultation_app.storage.pg_connection import connect_postgresql, open_postgresql

CATALOG = "khm-upr3-ohchr-2019"
WHEN = "2026-12-05T10:00:00Z"
CONFLICTS = 40


def _seed_conflicts(url: str, laptop) -> list[tuple[int, str, str]]:
    """CONFLICTS feedback entries held, each with another device's version waiting for review:
    (conflict id, record uuid, incoming hash)."""
    c = laptop.records.create(CONSULTATION, {"title": "Takeo", "catalog_id": CATALOG})
    seeded = []
    with open_postgresql(url) as db:
        for number in range(CONFLICTS):
            entry = laptop.records.create(FEEDBACK, {"consultation_uuid": c["uuid"], "catalog_id": CATALOG,
                                                     "recommendation_code": "KH3-01", "comment": f"held {number}"})
            held = merge_store.current_record(laptop.db, FEEDBACK, entry["uuid"])
            incoming = {**held, "comment": f"incoming {number}", "device_id": "22222222-2222-4222-8222-222222222222"}
            incoming["content_hash"] = content_hash(FEEDBACK, incoming, False)
            with db.atomic():
                merge_store.write_rows(db, FEEDBACK, [held], 0, replace=False)
                merge_store.record_conflict(db, FEEDBACK, incoming, held["content_hash"], "export-x", WHEN)
        for conflict_id, uuid, digest in db.execute(
                "SELECT id, record_uuid, incoming_hash FROM merge_conflicts ORDER BY id"):
            seeded.append((conflict_id, uuid, digest))
    return seeded


def test_the_same_conflict_decided_by_two_people_at_once_ends_with_one_decision(pg_url, open_ws):
    """Two reviewers go down the same list at the same moment, one taking the incoming versions,
    the other keeping the current ones: each conflict is decided once, by whoever came first;
    the other is told (False: the dialog says someone else decided it) and changed nothing."""
    seeded = _seed_conflicts(pg_url, open_ws("laptop", "Takeo laptop"))
    decided: dict[bool, list[bool]] = {True: [], False: []}
    start = threading.Barrier(2)
    problems: list[BaseException] = []

    def reviewer(take_incoming: bool) -> None:
        try:
            with connect_postgresql(pg_url) as db:
                start.wait()
                for conflict_id, _, _ in seeded:
                    decided[take_incoming].append(merge_store.resolve_conflict(
                        db, FEEDBACK, conflict_id, take_incoming, WHEN))
        except BaseException as error:  # noqa: BLE001 - reported below
            problems.append(error)

    threads = [threading.Thread(target=reviewer, args=(side,)) for side in (True, False)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not problems
    assert [a + b for a, b in zip(decided[True], decided[False])] == [1] * CONFLICTS
    with connect_postgresql(pg_url) as db:
        for (conflict_id, uuid, incoming_hash), took in zip(seeded, decided[True]):
            resolution, = db.execute("SELECT resolution FROM merge_conflicts WHERE id = ?", [conflict_id]).fetchone()
            assert resolution == ("took_incoming" if took else "kept_current")
            held_hash, = db.execute("SELECT content_hash FROM feedback WHERE uuid = ?", [uuid]).fetchone()
            assert (held_hash == incoming_hash) == took
        revisions = db.execute("SELECT count(*) FROM record_revisions").fetchone()[0]
        assert revisions == CONFLICTS + 0  # a version taken is the held revision's content: history keeps one
