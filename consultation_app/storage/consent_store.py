"""Consent records in the database (table ``consents``, step m_consent_v1): read, write, the
consents in force for a whole export or report, and what a merge brings in.

The rules themselves live in domain/consent.py; here only their storage.
"""

from __future__ import annotations

from typing import Any, Iterator

from consultation_app.domain import consent as rules
from consultation_app.domain.consent import Consent
from consultation_app.domain.records import utc_now
from consultation_app.storage import settings_store
from consultation_app.storage.store import Store

_FLAGS = ("quotes", "photos", "recordings", "withdrawn")
COLUMNS = rules.FIELDS


def _consent(names: list[str], values: tuple[Any, ...]) -> Consent:
    row = dict(zip(names, values))
    return rules.parse({name: row[name] for name in COLUMNS})


def get(db: Store, consultation_uuid: str, subject: str = "") -> Consent | None:
    cursor = db.execute("SELECT * FROM consents WHERE consultation_uuid = ? AND subject = ?",
                        [consultation_uuid, subject])
    values = cursor.fetchone()
    return None if values is None else _consent([d[0] for d in cursor.description], values)


def of_consultation(db: Store, consultation_uuid: str) -> dict[str, Consent]:
    """Every consent recorded for one consultation, by subject ("" the consultation's own)."""
    cursor = db.execute("SELECT * FROM consents WHERE consultation_uuid = ? ORDER BY subject", [consultation_uuid])
    names = [d[0] for d in cursor.description]
    return {row.subject: row for row in (_consent(names, values) for values in cursor)}


def save(db: Store, consent: Consent, device_id: str) -> Consent:
    """Write one consent record (a new revision when it changed); a withdrawn record stays
    withdrawn whatever is saved over it."""
    held = get(db, consent.consultation_uuid, consent.subject)
    if held is not None and held.withdrawn:
        consent = rules.withdrawn(consent)
    if held == consent:
        return held
    row = consent.as_row()
    for name in _FLAGS:
        row[name] = int(row[name])
    with db.atomic():
        revision = db.execute("SELECT revision FROM consents WHERE consultation_uuid = ? AND subject = ?",
                              [consent.consultation_uuid, consent.subject]).fetchone()
        row.update(device_id=device_id, revision=(revision[0] + 1) if revision else 1, updated_at=utc_now(),
                   local_seq=settings_store.next_local_seq(db))
        _upsert(db, row)
        # The consultation travels with its consent's change (the same revision, so the office
        # counts it unchanged): an office that merges this export before an older one then
        # holds the consultation, applies the consent at once, and the older file cannot widen it.
        db.execute("UPDATE consultations SET local_seq = ? WHERE uuid = ?",
                   [settings_store.next_local_seq(db), consent.consultation_uuid])
    return consent


def _upsert(db: Store, row: dict[str, Any]) -> None:
    names = list(row)
    updates = ", ".join(f"{name} = excluded.{name}" for name in names if name not in ("consultation_uuid", "subject"))
    db.execute(f"INSERT INTO consents ({', '.join(names)}) VALUES ({', '.join('?' * len(names))}) "
               f"ON CONFLICT (consultation_uuid, subject) DO UPDATE SET {updates}", list(row.values()))


def past_retention(db: Store, today: str) -> list[Consent]:
    """Consents not yet withdrawn whose keep-until date is before ``today`` (ISO date): what
    they covered must now be wiped (services/consent.sweep)."""
    cursor = db.execute("SELECT * FROM consents WHERE withdrawn = 0 AND retain_until IS NOT NULL "
                        "AND retain_until <> '' AND retain_until < ? ORDER BY consultation_uuid, subject", [today])
    names = [d[0] for d in cursor.description]
    return [_consent(names, values) for values in cursor.fetchall()]


def consents_in_force(db: Store) -> dict[str, dict[str, Consent]]:
    """For every consultation (tombstones included), the consents that govern it, by subject:
    the recorded ones, or else the conservative reading of its old one-field policy."""
    found: dict[str, dict[str, Consent]] = {}
    for uuid, policy in db.execute("SELECT uuid, consent_policy FROM consultations"):
        found[uuid] = {"": rules.from_policy(uuid, policy)}
    cursor = db.execute("SELECT * FROM consents")
    names = [d[0] for d in cursor.description]
    for values in cursor:
        consent = _consent(names, values)
        found.setdefault(consent.consultation_uuid, {})[consent.subject] = consent
    return found


def iter_changed(db: Store, since_seq: int, until_seq: int) -> Iterator[dict[str, Any]]:
    """Consent rows changed in (since_seq, until_seq] as they travel: the record's fields, its
    revision, device and time; in key order."""
    cursor = db.execute(
        f"SELECT {', '.join(COLUMNS)}, revision, device_id, updated_at FROM consents "
        "WHERE local_seq > ? AND local_seq <= ? ORDER BY consultation_uuid, subject", [since_seq, until_seq])
    names = [d[0] for d in cursor.description]
    for values in cursor:
        row = dict(zip(names, values))
        for name in _FLAGS:
            row[name] = bool(row[name])
        yield row


def merge_rows(db: Store, rows: list[dict[str, Any]]) -> int:
    """Apply consent rows from another installation; the caller holds the transaction. A row
    replaces the held one when its revision is higher, or when it withdraws (a withdrawal
    always wins, as it does for records); a held withdrawal is never undone. Returns how many
    were written: merging the same rows again writes none."""
    written = 0
    for row in rows:
        consent = rules.parse(row)
        held = db.execute("SELECT revision, withdrawn FROM consents WHERE consultation_uuid = ? AND subject = ?",
                          [consent.consultation_uuid, consent.subject]).fetchone()
        revision = int(row.get("revision") or 1)
        if held is not None:
            held_revision, held_withdrawn = held
            if held_withdrawn or (revision <= held_revision and not consent.withdrawn):
                continue
            if consent.withdrawn and revision <= held_revision:
                revision = held_revision + 1
        values = consent.as_row()
        for name in _FLAGS:
            values[name] = int(values[name])
        values.update(device_id=str(row.get("device_id") or ""), revision=revision,
                      updated_at=str(row.get("updated_at") or utc_now()), local_seq=settings_store.next_local_seq(db))
        _upsert(db, values)
        written += 1
    return written
