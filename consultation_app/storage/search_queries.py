"""Finding what people said: words anywhere in feedback and notes, in English or Khmer.

Khmer writes no spaces between words, so this matches substrings of the search key (NFC,
case-folded, zero-width hints removed) rather than whole words. It scans instead of keeping a
second index, so capture and merges pay nothing for it; 50,000 entries take well under a
second, and the consultations list asks only after a pause in typing.
"""

from __future__ import annotations

from consultation_app.domain.text import search_key
from consultation_app.storage.store import Store

_FEEDBACK_TEXT = ("comment", "quote", "quote_translation", "suggested_actions", "responsible_institutions",
                  "attributed_to")
_NOTE_TEXT = ("title", "text", "theme")


def _register(db: Store) -> None:
    db.conn.create_function("search_key", 1, lambda value: search_key(value or ""), deterministic=True)


def _condition(columns: tuple[str, ...], terms: list[str]) -> tuple[str, list[str]]:
    joined = " || char(10) || ".join(f"coalesce({column}, '')" for column in columns)
    return " AND ".join(f"instr(search_key({joined}), ?) > 0" for _ in terms), terms


def consultations_mentioning(db: Store, query: str) -> set[str]:
    """Consultations with live feedback or notes that contain every word of ``query``."""
    terms = search_key(query).split()
    if not terms:
        return set()
    _register(db)
    feedback_where, feedback_params = _condition(_FEEDBACK_TEXT, terms)
    notes_where, notes_params = _condition(_NOTE_TEXT, terms)
    rows = db.execute(
        f"""SELECT consultation_uuid FROM feedback WHERE deleted = 0 AND {feedback_where}
            UNION SELECT consultation_uuid FROM notes WHERE deleted = 0 AND {notes_where}""",
        feedback_params + notes_params)
    return {uuid for (uuid,) in rows}


def feedback_mentioning(db: Store, query: str, limit: int = 500) -> list[str]:
    """uuids of live feedback entries containing every word of ``query``, oldest first."""
    terms = search_key(query).split()
    if not terms:
        return []
    _register(db)
    where, params = _condition(_FEEDBACK_TEXT, terms)
    return [uuid for (uuid,) in db.execute(
        f"SELECT uuid FROM feedback WHERE deleted = 0 AND {where} ORDER BY created_at LIMIT ?", params + [limit])]
