"""The central office's implementation records and its list of institutions (schema steps
m_implementation_v1, m_implementation_exchange_v1). Every change of a record bumps its revision,
restamps its content hash and local sequence number, and is kept whole as a revision in
implementation_revisions (based on the record's current revision; storage/implementation_revisions.py)
and listed in record_revisions (who, where, when), in one transaction."""

from __future__ import annotations

import json
from typing import Any, Iterator

from consultation_app.domain import implementation as rules_impl
from consultation_app.domain import records as rules
from consultation_app.domain.implementation import IMPLEMENTATION
from consultation_app.domain.implementation_exchange import heads
from consultation_app.domain.records import ValidationError
from consultation_app.domain.text import clean_text
from consultation_app.errors import InputError, NotFoundError
from consultation_app.storage import implementation_revisions as revisions
from consultation_app.storage import settings_store
from consultation_app.storage.store import Store

_CONTENT = IMPLEMENTATION.field_names


# -- institutions ------------------------------------------------------------------------------
def put_institution(db: Store, key: str, name: str, name_km: str = "", kind: str = "institution") -> dict[str, Any]:
    """Add an institution to the list, or rename it (its key stays: records refer to it)."""
    key, name, name_km = (key or "").strip(), clean_text(name or ""), clean_text(name_km or "")
    problems = rules_impl.check_institution(key, name, kind)
    if problems:
        raise ValidationError(problems)
    with db.atomic():
        db.execute("""INSERT INTO institutions (key, name, name_km, kind, retired, updated_at)
                      VALUES (?, ?, ?, ?, 0, ?)
                      ON CONFLICT(key) DO UPDATE SET name = excluded.name, name_km = excluded.name_km,
                          kind = excluded.kind, retired = 0, updated_at = excluded.updated_at""",
                   [key, name, name_km, kind, rules.utc_now()])
    return institution(db, key) or {}


def retire_institution(db: Store, key: str) -> None:
    """Take an institution off the list offered for new choices; records that name it keep it."""
    with db.atomic():
        if db.execute("UPDATE institutions SET retired = 1, updated_at = ? WHERE key = ?",
                      [rules.utc_now(), key]).rowcount == 0:
            raise NotFoundError(f"no institution {key!r} in the list")


def institution(db: Store, key: str) -> dict[str, Any] | None:
    rows = _dicts(db.execute("SELECT key, name, name_km, kind, retired FROM institutions WHERE key = ?", [key]))
    return rows[0] if rows else None


def list_institutions(db: Store, include_retired: bool = False) -> list[dict[str, Any]]:
    where = "" if include_retired else "WHERE retired = 0"
    return _dicts(db.execute(f"SELECT key, name, name_km, kind, retired FROM institutions {where} ORDER BY name"))


def institution_names(db: Store, language: str = "en") -> dict[str, str]:
    """key -> name in the language (English where the Khmer name is missing), retired ones too."""
    return {row["key"]: (row["name_km"] if language == "km" and row["name_km"] else row["name"])
            for row in list_institutions(db, include_retired=True)}


# -- implementation records ---------------------------------------------------------------------
def _from_db(row: dict[str, Any]) -> dict[str, Any]:
    row["institutions"] = tuple(json.loads(row.get("institutions") or "[]"))
    if "deleted" in row:
        row["deleted"] = bool(row["deleted"])
    return row


def _dicts(cursor: Any) -> list[dict[str, Any]]:
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, values)) for values in cursor]


def get(db: Store, catalog_id: str, code: str) -> dict[str, Any] | None:
    rows = _dicts(db.execute("SELECT * FROM implementation_status WHERE catalog_id = ? AND recommendation_code = ?",
                             [catalog_id, code]))
    return _from_db(rows[0]) if rows else None


def _check_recommendation(db: Store, catalog_id: str, code: str) -> None:
    if db.execute("SELECT 1 FROM recommendations WHERE catalog_id = ? AND code = ?", [catalog_id, code]).fetchone():
        return
    if not db.execute("SELECT 1 FROM catalogs WHERE catalog_id = ?", [catalog_id]).fetchone():
        raise InputError(f"no catalog {catalog_id!r} is loaded (consultation-app catalog catalogs lists them)")
    raise InputError(f"{code!r} is not a recommendation of catalog {catalog_id!r}")


def record(db: Store, device_id: str, officer: str, catalog_id: str, code: str,
           changes: dict[str, Any]) -> dict[str, Any]:
    """Record a change of one recommendation's implementation (made on first use): a new
    revision, kept whole in the history. Nothing changed: no new revision."""
    _check_recommendation(db, catalog_id, code)
    changes = rules.normalise(IMPLEMENTATION, {k: v for k, v in changes.items()
                                               if k not in ("catalog_id", "recommendation_code")}, None)
    with db.atomic():
        revisions.lock_record(db, rules_impl.record_uuid(catalog_id, code))  # another person's change first
        current = get(db, catalog_id, code)
        content = rules.defaults(IMPLEMENTATION) if current is None else {n: current[n] for n in _CONTENT}
        content.update(changes)
        content.update(catalog_id=catalog_id, recommendation_code=code)
        known = {row["key"] for row in list_institutions(db, include_retired=True)}
        problems = rules_impl.check(content, known)
        if problems:
            raise ValidationError(problems)
        new_hash = rules.content_hash(IMPLEMENTATION, content, False)
        if current is not None and current["content_hash"] == new_hash and not current["deleted"]:
            return current
        now = rules.utc_now()
        uuid = rules_impl.record_uuid(catalog_id, code) if current is None else current["uuid"]
        # Based on every head showing what was shown (two copies may have made the same change).
        parents = revisions.heads_like(db, current["uuid"], {current["content_hash"]}) if current is not None else []
        if current is not None and current.get("head_revision") and current["head_revision"] not in parents:
            parents.append(current["head_revision"])
        revision = revisions.new_revision(uuid, device_id, officer, now, parents,
                                          1 if current is None else current["revision"] + 1, content)
        revisions.insert(db, [revision])
        revisions.set_current(db, revision, now if current is None else current["created_at"],
                              settings_store.next_local_seq(db))
        revisions.note_revision(db, revision, "create" if current is None else "update")
    return get(db, catalog_id, code) or {}


def history(db: Store, catalog_id: str, code: str) -> list[dict[str, Any]]:
    """Every revision of one recommendation's implementation record, oldest first (by revision
    number, then time): those made here and those merged from other central copies, each with
    the copy that made it (``origin``, also as ``device_id``) and the revisions it was based on."""
    uuid = rules_impl.record_uuid(catalog_id, code)
    current = get(db, catalog_id, code)
    if current is not None:
        uuid = current["uuid"]
    found = sorted(revisions.of_record(db, uuid).values(),
                   key=lambda r: (r["seq"], r["changed_at"], r["revision_id"]))
    return [{**r, "revision": r["seq"], "device_id": r["origin"],
             "current": bool(current and current.get("head_revision") == r["revision_id"])} for r in found]


def current_by_recommendation(db: Store, catalog_id: str | None = None) -> dict[tuple[str, str], dict[str, Any]]:
    """(catalog id, code) -> the live implementation record, for every recommendation that has one."""
    where, params = ("deleted = 0", []) if catalog_id is None else ("deleted = 0 AND catalog_id = ?", [catalog_id])
    return {(row["catalog_id"], row["recommendation_code"]): _from_db(row)
            for row in _dicts(db.execute(f"SELECT * FROM implementation_status WHERE {where}", params))}


def iter_live(db: Store) -> Iterator[dict[str, Any]]:
    """Every live implementation record in catalog order, with its officer of the latest change
    (the master export's sheet)."""
    cursor = db.conn.execute(
        """SELECT i.*, coalesce(h.officer, '') AS officer
           FROM implementation_status i
           LEFT JOIN implementation_revisions h ON h.revision_id = i.head_revision
           LEFT JOIN recommendations r ON r.catalog_id = i.catalog_id AND r.code = i.recommendation_code
           WHERE i.deleted = 0
           ORDER BY i.catalog_id, (r.position IS NULL), r.position, i.recommendation_code""")
    names = [d[0] for d in cursor.description]
    for values in cursor:
        yield _from_db(dict(zip(names, values)))


def count_live(db: Store) -> int:
    return db.execute("SELECT count(*) FROM implementation_status WHERE deleted = 0").fetchone()[0]


def decide_conflict(db: Store, conflict_id: int, take_incoming: bool, decided_at: str) -> bool:
    """Decide a conflict between two central copies' versions of a record (kept by
    exchange/central_merge.py): a new revision, made here, based on both the version held and
    the one waiting, with the values of the one chosen; it settles the conflict in every copy
    it reaches. False when the conflict was decided already (by someone else), nothing changed."""
    with db.atomic():
        named = db.execute("SELECT record_uuid FROM merge_conflicts WHERE id = ?", [conflict_id]).fetchone()
        if named is None:
            return False
        revisions.lock_record(db, named[0])  # the record's lock before the conflict's row: a merge's order
        found = revisions.claim_conflict(db, conflict_id, decided_at, take_incoming)  # decided once, first
        if found is None:
            return False
        uuid, incoming = found
        held = db.execute("SELECT head_revision, revision FROM implementation_status WHERE uuid = ?",
                          [uuid]).fetchone()
        known = revisions.of_record(db, uuid)
        chosen = known.get(incoming.get("revision_id", "")) if take_incoming else known.get(held[0] if held else "")
        if chosen is None:
            chosen = incoming if take_incoming else known[max(known, key=lambda rid: known[rid]["seq"])]
        held_hash = known[held[0]]["content_hash"] if held and held[0] in known else ""
        parents = revisions.heads_like(db, uuid, {held_hash, str(incoming.get("content_hash") or "")})
        parents = sorted({*parents, *(rid for rid in (held[0] if held else "", incoming.get("revision_id", ""))
                                      if rid in known)})
        seq = 1 + max((known[rid]["seq"] for rid in parents), default=0)
        device_id = settings_store.get(db, settings_store.DEVICE_ID, "") or ""
        officer = settings_store.get(db, settings_store.OFFICER_NAME, "") or ""
        created = db.execute("SELECT created_at FROM implementation_status WHERE uuid = ?", [uuid]).fetchone()
        revision = revisions.new_revision(uuid, device_id, officer, decided_at, parents, seq,
                                          {name: chosen.get(name) for name in _CONTENT},
                                          bool(chosen.get("deleted")))
        revisions.insert(db, [revision])
        revisions.set_current(db, revision, created[0] if created else decided_at, settings_store.next_local_seq(db))
        revisions.note_revision(db, revision, "decide")
        revisions.close_conflict(db, conflict_id, decided_at, take_incoming)
        known = revisions.of_record(db, uuid)
        others = {known[rid]["content_hash"] for rid in heads({rid: r["parents"] for rid, r in known.items()})}
        for other, digest in revisions.open_conflict_hashes(db, uuid):  # settled by this decision too
            if digest not in others - {revision["content_hash"]}:
                revisions.close_conflict(db, other, decided_at, digest == revision["content_hash"])
    return True
