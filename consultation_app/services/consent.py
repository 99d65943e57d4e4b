"""Recording and withdrawing consent (use cases over storage/consent_store.py).

Withdrawing consent takes back everything that consent covered, through the records' own
withdrawal (wipe + tombstone to the central office): for a consultation's consent, every
entry of it that quotes someone or is attributed; for one quoted person's consent, their
entry; and the consultation's photos and recordings (services/attachments.py).

A keep-until date that has passed acts as a withdrawal (``sweep``): the app runs it at start,
the central commands before they work, and ``consent sweep`` on demand.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from consultation_app.domain import consent as rules
from consultation_app.domain.consent import Consent
from consultation_app.domain.records import CONSULTATION, FEEDBACK
from consultation_app.errors import AppError, NotFoundError, reason
from consultation_app.storage import consent_store
from consultation_app.storage.records_store import RecordStore, wipe_free_space


@dataclass
class WithdrawResult:
    consent: Consent
    entries_withdrawn: int
    other_withdrawn: int


@dataclass
class Expired:
    """One consent whose keep-until date passed, and what its sweep wiped."""
    consultation_uuid: str
    consultation_title: str
    subject: str
    retain_until: str
    entries_withdrawn: int
    attachments_wiped: int

    def as_dict(self) -> dict[str, Any]:
        return {"consultation_uuid": self.consultation_uuid, "consultation_title": self.consultation_title,
                "person": self.subject, "keep_until": self.retain_until,
                "entries_withdrawn": self.entries_withdrawn, "attachments_wiped": self.attachments_wiped}


def record(records: RecordStore, values: Mapping[str, Any]) -> Consent:
    """Save a consent record for a consultation (or a quoted person in it); AppError when the
    consultation or the entry is not there or a value is wrong."""
    try:
        consent = rules.parse(values)
    except rules.ConsentError as error:
        raise AppError(f"consent not saved: {error}").keyed("consent_not_saved", reason=reason(error)) from None
    records.require(CONSULTATION, consent.consultation_uuid)
    if consent.subject:
        entry = records.get(FEEDBACK, consent.subject)
        if entry is None or entry["consultation_uuid"] != consent.consultation_uuid:
            raise NotFoundError(f"no feedback entry {consent.subject} in consultation {consent.consultation_uuid}")
    if consent.withdrawn:
        raise AppError("consent not saved: withdraw it with the withdraw command, which also wipes what it covered"
                       ).keyed("consent_withdraw_instead")
    held = consent_store.get(records.db, consent.consultation_uuid, consent.subject)
    if held is not None and held.withdrawn:
        raise AppError("consent not saved: it was withdrawn, and what it covered was wiped; a withdrawal "
                       "cannot be undone (record anything new as a new entry with its own consent)"
                       ).keyed("consent_withdrawn_for_good")
    return consent_store.save(records.db, consent, records.device_id)


def covered_entries(records: RecordStore, consent: Consent) -> list[str]:
    """The uuids of the feedback entries a consent covers: what a person said in their own words
    or with their name, group or organisation on it."""
    if consent.subject:
        return [consent.subject] if records.get(FEEDBACK, consent.subject, include_deleted=True) else []
    own = set(consent_store.of_consultation(records.db, consent.consultation_uuid)) - {""}
    return [row["uuid"] for row in records.in_consultation(FEEDBACK, consent.consultation_uuid)
            if row["uuid"] not in own
            and ((row["quote"] or "").strip() or rules.attribution_needed(row) is not None)]


def withdraw(records: RecordStore, consultation_uuid: str, subject: str = "",
             wipe_now: bool = True) -> WithdrawResult:
    """Take consent back: every entry it covered is withdrawn (wiped, tombstoned), then the
    consent is marked withdrawn (it travels, and wins at the central office), and the database's
    free space is cleared once (VACUUM: a whole rewrite of the file) unless ``wipe_now`` is
    False (the caller then does it once for many). Idempotent."""
    held = consent_store.get(records.db, consultation_uuid, subject)
    if held is None:
        consultation = records.get(CONSULTATION, consultation_uuid, include_deleted=True)
        if consultation is None:
            raise NotFoundError(f"no consultation {consultation_uuid}")
        held = rules.from_policy(consultation_uuid, consultation["consent_policy"])
        held = Consent(consultation_uuid, subject, given=held.given, attribution=held.attribution,
                       quotes=held.quotes)
    entries = covered_entries(records, held)
    # What it covered is wiped first and the consent marked withdrawn last: a withdrawal cut
    # midway (a killed process, a lost server) leaves the consent in force, so the next sweep
    # or withdrawal finds it and finishes. Marked first, a sweep never looked at it again.
    count = 0
    for uuid in entries:
        if not records.is_withdrawn(FEEDBACK, uuid):
            records.withdraw(FEEDBACK, uuid, wipe_now=False)
            count += 1
    from consultation_app.services import attachments  # its photos and recordings

    other = attachments.wipe_covered(records, rules.withdrawn(held), wipe_now=False)
    consent = consent_store.save(records.db, rules.withdrawn(held), records.device_id)
    if wipe_now and (count or other):
        wipe_free_space(records.db)
    return WithdrawResult(consent, count, other)


def sweep(records: RecordStore, today: str | None = None) -> list[Expired]:
    """Withdraw every consent whose keep-until date is before ``today`` (ISO date; the real
    date when None): what it covered is wiped and tombstoned exactly as by ``withdraw``.
    Returns what was wiped, one item per consent; a second sweep finds nothing."""
    day = today or rules.today_iso()
    done = []
    for consent in consent_store.past_retention(records.db, day):
        consultation = records.get(CONSULTATION, consent.consultation_uuid, include_deleted=True)
        title = str((consultation or {}).get("title") or "")
        result = withdraw(records, consent.consultation_uuid, consent.subject, wipe_now=False)
        done.append(Expired(consent.consultation_uuid, title, consent.subject, consent.retain_until or "",
                            result.entries_withdrawn, result.other_withdrawn))
    if any(item.entries_withdrawn or item.attachments_wiped for item in done):
        wipe_free_space(records.db)  # once for all: VACUUM rewrites the whole file
    return done
