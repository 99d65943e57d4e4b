"""Query results as plain dicts, the shape the layers above the storage work with."""

from __future__ import annotations

import json
from typing import Any


def dict_rows(cursor: Any, json_columns: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """Every row of ``cursor`` as a dict; ``json_columns`` hold JSON text and come back decoded."""
    names = [d[0] for d in cursor.description]
    rows = []
    for values in cursor:
        row = dict(zip(names, values))
        for column in json_columns:
            row[column] = json.loads(row[column])
        rows.append(row)
    return rows
