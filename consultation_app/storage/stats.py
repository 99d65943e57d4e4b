"""Counts over the whole store, for `summary` and the status bar."""

from __future__ import annotations

from consultation_app.storage.store import Store


def record_counts(db: Store) -> dict[str, int]:
    def count(sql: str) -> int:
        return db.execute(sql).fetchone()[0]

    deleted = sum(count(f"SELECT count(*) FROM {table} WHERE deleted = 1")
                  for table in ("consultations", "feedback", "notes"))
    return {
        "recommendations": count("SELECT count(*) FROM recommendations WHERE retired = 0"),
        "catalogs": count("SELECT count(*) FROM catalogs"),
        "consultations": count("SELECT count(*) FROM consultations WHERE deleted = 0"),
        "feedback": count("SELECT count(*) FROM feedback WHERE deleted = 0"),
        "notes": count("SELECT count(*) FROM notes WHERE deleted = 0"),
        "deleted": deleted,
    }
