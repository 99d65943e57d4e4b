"""Rows held column by column: how a merge carries 100,000 records from the reader to the
database without a dictionary per row.

A reader converts a sheet one column at a time; the checksum, the row checks and the writer
each want a few whole columns (uuids, revisions, hashes) or every row as a tuple in table
order, and ``zip`` gives those without Python code per row. Passed between processes, lists
of columns also pickle and unpickle in about half the time of a list of dictionaries.
Anything that wants a row as a dictionary still gets one (``rows[i]``, ``for row in rows``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Iterable, Iterator


class ColumnRows(Sequence):
    """Equal-length columns under their keys; reads as a sequence of dictionaries."""

    __slots__ = ("keys", "_columns")

    def __init__(self, keys: Iterable[str], columns: Iterable[list[Any]]):
        self.keys = tuple(keys)
        # Lists are kept as they are, not copied: a reader's converted columns are its own.
        try:
            self._columns = dict(zip(self.keys, (c if type(c) is list else list(c) for c in columns), strict=True))
        except ValueError:
            raise ValueError(f"{len(self.keys)} keys for another number of columns") from None
        if len(self._columns) != len(self.keys):
            raise ValueError("every column needs a key of its own")
        if len({len(column) for column in self._columns.values()}) > 1:
            raise ValueError("columns of different lengths")

    @classmethod
    def from_dicts(cls, keys: Iterable[str], rows: Iterable[dict[str, Any]]) -> "ColumnRows":
        """Columns of the given keys out of row dictionaries (a key a row lacks reads as None)."""
        keys, rows = tuple(keys), list(rows)
        return cls(keys, ([row.get(key) for row in rows] for key in keys))

    def column(self, key: str) -> list[Any]:
        """The column itself, not a copy: callers read it (``set_column`` replaces one)."""
        return self._columns[key]

    def set_column(self, key: str, values: list[Any]) -> None:
        if len(values) != len(self):
            raise ValueError(f"column {key}: {len(values)} values for {len(self)} rows")
        if key not in self._columns:
            self.keys += (key,)
        self._columns[key] = values

    def tuples(self, keys: Iterable[str]) -> Iterator[tuple[Any, ...]]:
        """Each row's values for the given keys, in that order."""
        return zip(*(self._columns[key] for key in keys))

    def take(self, indexes: list[int]) -> "ColumnRows":
        """The rows at these positions, in this order."""
        return ColumnRows(self.keys, ([column[i] for i in indexes] for column in self._columns.values()))

    def __len__(self) -> int:
        return len(self._columns[self.keys[0]]) if self.keys else 0

    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        return {key: column[index] for key, column in self._columns.items()}

    def __iter__(self) -> Iterator[dict[str, Any]]:
        keys = self.keys
        return (dict(zip(keys, values)) for values in zip(*self._columns.values()))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (ColumnRows, list, tuple)):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # mutable, like a list

    def __repr__(self) -> str:
        return f"ColumnRows({len(self)} rows of {', '.join(self.keys)})"

    def __getstate__(self) -> tuple[tuple[str, ...], list[Any]]:
        return self.keys, list(self._columns.values())

    def __setstate__(self, state: tuple[tuple[str, ...], list[Any]]) -> None:
        keys, columns = state
        self.keys = keys
        self._columns = dict(zip(keys, columns))
