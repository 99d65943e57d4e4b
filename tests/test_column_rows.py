"""Rows held column by column (domain/column_rows.py): what the merge passes from its readers
to its writer must read back exactly as the rows went in."""

from __future__ import annotations

import pickle

import pytest

from consultation_app.domain.column_rows import ColumnRows

ROWS = [{"uuid": "a", "revision": 1, "comment": "ការពិគ្រោះ"}, {"uuid": "b", "revision": 3, "comment": ""},
        {"uuid": "c", "revision": 2, "comment": None}]


def test_rows_read_back_as_the_dictionaries_they_came_from():
    rows = ColumnRows.from_dicts(("uuid", "revision", "comment"), ROWS)
    assert len(rows) == 3 and bool(rows)
    assert list(rows) == ROWS and rows == ROWS
    assert rows[1] == ROWS[1] and rows[-1] == ROWS[2] and rows[0:2] == ROWS[:2]
    assert rows.column("revision") == [1, 3, 2]
    assert list(rows.tuples(("revision", "uuid"))) == [(1, "a"), (3, "b"), (2, "c")]
    with pytest.raises(IndexError):
        rows[3]


def test_a_missing_key_reads_as_none_and_an_empty_set_is_false():
    rows = ColumnRows.from_dicts(("uuid", "deleted"), [{"uuid": "a"}])
    assert rows.column("deleted") == [None]
    empty = ColumnRows(("uuid", "revision"), ([], []))
    assert not empty and len(empty) == 0 and list(empty) == [] and empty == []


def test_take_picks_rows_in_the_order_asked_and_leaves_the_original_alone():
    rows = ColumnRows.from_dicts(("uuid", "revision", "comment"), ROWS)
    taken = rows.take([2, 0])
    assert [row["uuid"] for row in taken] == ["c", "a"]
    assert rows.take([]) == [] and len(rows) == 3


def test_a_replaced_column_must_fit_and_a_new_one_gets_a_key():
    rows = ColumnRows.from_dicts(("uuid", "revision"), ROWS)
    rows.set_column("revision", [5, 6, 7])
    rows.set_column("content_hash", ["h1", "h2", "h3"])
    assert rows.keys == ("uuid", "revision", "content_hash")
    assert rows[0] == {"uuid": "a", "revision": 5, "content_hash": "h1"}
    with pytest.raises(ValueError, match="2 values for 3 rows"):
        rows.set_column("revision", [1, 2])


def test_columns_must_be_equal_in_length_and_keys_distinct():
    with pytest.raises(ValueError, match="different lengths"):
        ColumnRows(("uuid", "revision"), (["a", "b"], [1]))
    with pytest.raises(ValueError, match="key of its own"):
        ColumnRows(("uuid", "uuid"), (["a"], ["b"]))
    with pytest.raises(ValueError, match="2 keys for another number of columns"):
        ColumnRows(("uuid", "revision"), (["a"], [1], ["extra"]))


def test_rows_travel_between_processes_unchanged():
    rows = ColumnRows.from_dicts(("uuid", "revision", "comment"), ROWS)
    again = pickle.loads(pickle.dumps(rows))
    assert again == rows and again.keys == rows.keys and again.column("comment") == [r["comment"] for r in ROWS]
