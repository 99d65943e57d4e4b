"""What people agreed to, and the one place that answers "may this leave the laptop, be
attributed, be printed". Export, master export, reports (PDF, DOCX, XLSX) and the matrix ask
here; nothing else decides.

A consent record belongs to a consultation (``subject`` "") or to one quoted person (``subject``
the feedback entry's uuid, whose own consent governs their words over the consultation's). It
says how consent was given, which consent text, its scope (quotes; attribution to nobody, a
group, an organisation or a name; photos; recordings), who may see what it covers (the field
team only, the central office, or the public: reports) and until when it may be kept.

A consultation with only the old one-field policy (``consent_policy``) is read conservatively
(``from_policy``): no attribution beyond what that field said, no photos, no recordings; quotes
as before (reports carried them).

Plain Python: no Qt, no storage, no files.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, replace
from typing import Any, Mapping

from consultation_app.errors import said

GIVEN = ("verbal", "written", "none")
ATTRIBUTION_LEVELS = ("none", "group", "organisation", "name")  # each allows those before it
VISIBILITIES = ("field_team", "central_office", "public")

# What may be covered.
QUOTE, PHOTO, RECORDING = "quote", "photo", "recording"
ATTRIBUTE_GROUP, ATTRIBUTE_ORGANISATION, ATTRIBUTE_NAME = "attribute_group", "attribute_organisation", "attribute_name"
CONTENTS = (QUOTE, ATTRIBUTE_GROUP, ATTRIBUTE_ORGANISATION, ATTRIBUTE_NAME, PHOTO, RECORDING)
# What is done with it: sent to the central office (an export), or printed (reports, matrix,
# master export: files that leave the office).
LEAVE_LAPTOP, PRINT = "leave_laptop", "print"
USES = (LEAVE_LAPTOP, PRINT)
# The audience each use reaches: consent must allow at least that one.
_AUDIENCE = {LEAVE_LAPTOP: "central_office", PRINT: "public"}
_LEVEL_OF = {ATTRIBUTE_GROUP: "group", ATTRIBUTE_ORGANISATION: "organisation", ATTRIBUTE_NAME: "name"}

ATTACHMENT_KINDS = ("photo", "consent", "attendance", "audio", "other")

# The old field's keys (resources/reference/reference.json "consent_policies").
_POLICY_LEVEL = {"no_attribution": "none", "group_only": "group", "organisations_with_consent": "organisation",
                 "individuals_with_consent": "name"}
MAX_TEXT_VERSION = 200


class ConsentError(ValueError):
    """A consent value that is not one of the allowed ones; the message names the field."""


@dataclass(frozen=True)
class Consent:
    consultation_uuid: str
    subject: str = ""  # "" for the consultation; a feedback uuid for one quoted person
    given: str = "none"
    text_version: str = ""
    quotes: bool = False
    attribution: str = "none"
    photos: bool = False
    recordings: bool = False
    visibility: str = "field_team"
    retain_until: str | None = None  # ISO date; after it nothing covered may be used
    withdrawn: bool = False
    legacy: bool = False  # read from the old one-field policy, not recorded as such

    def as_row(self) -> dict[str, Any]:
        row = asdict(self)
        row.pop("legacy")
        return row


FIELDS = tuple(name for name in Consent.__dataclass_fields__ if name != "legacy")


def _field(name: str) -> object:
    """The field as a message names it: its label in the interface language beside its key
    (the consents sheet's column), not the key alone."""
    return said(name, f"consent_field_{name}", key=name)


def _flag(name: str, value: Any) -> bool:
    if isinstance(value, str):
        lowered = value.strip().lower()
        if lowered in ("1", "true", "yes"):
            return True
        if lowered in ("", "0", "false", "no"):
            return False
        raise ConsentError(said(f"{name} must be yes or no, not {value[:40]!r}", "consent_yes_no",
                                name=_field(name), found=repr(value[:40])))
    if value is None:
        return False
    if isinstance(value, (bool, int)) and value in (0, 1):
        return bool(value)
    if isinstance(value, float) and value in (0.0, 1.0):
        return bool(value)
    raise ConsentError(said(f"{name} must be yes or no, not {str(value)[:40]!r}", "consent_yes_no",
                            name=_field(name), found=repr(str(value)[:40])))


def _choice(name: str, value: Any, allowed: tuple[str, ...], default: str) -> str:
    if value in (None, ""):
        return default
    if value not in allowed:
        raise ConsentError(said(f"{name} must be one of {', '.join(allowed)}, not {str(value)[:40]!r}",
                                "consent_one_of", name=_field(name), allowed=", ".join(allowed),
                                found=repr(str(value)[:40])))
    return str(value)


def _date(value: Any) -> str | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    try:
        return dt.date.fromisoformat(str(value).strip()).isoformat()
    except ValueError:
        raise ConsentError(said(f"retain_until must be a date (YYYY-MM-DD), not {str(value)[:40]!r}",
                                "consent_date", found=repr(str(value)[:40]))) from None


def _text(name: str, value: Any, limit: int) -> str:
    text = "" if value is None else str(value).strip()
    if len(text) > limit:
        raise ConsentError(said(f"{name} is {len(text)} characters long; the limit is {limit}", "field_too_long",
                                name=name, length=len(text), limit=limit))
    if any(ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0 for ch in text):
        raise ConsentError(said(f"{name} holds a control character", "field_control", name=name))
    return text


def parse(values: Mapping[str, Any]) -> Consent:
    """A consent record from loose values (a form, a workbook row, a database row); ConsentError
    names the first field that is wrong."""
    uuid = _text("consultation_uuid", values.get("consultation_uuid"), 64)
    if not uuid:
        raise ConsentError(said("consultation_uuid is required", "consultation_uuid_missing"))
    return Consent(
        consultation_uuid=uuid,
        subject=_text("subject", values.get("subject"), 64),
        given=_choice("given", values.get("given"), GIVEN, "none"),
        text_version=_text("text_version", values.get("text_version"), MAX_TEXT_VERSION),
        quotes=_flag("quotes", values.get("quotes")),
        attribution=_choice("attribution", values.get("attribution"), ATTRIBUTION_LEVELS, "none"),
        photos=_flag("photos", values.get("photos")),
        recordings=_flag("recordings", values.get("recordings")),
        visibility=_choice("visibility", values.get("visibility"), VISIBILITIES, "field_team"),
        retain_until=_date(values.get("retain_until")),
        withdrawn=_flag("withdrawn", values.get("withdrawn")),
    )


def from_policy(consultation_uuid: str, policy: str | None) -> Consent:
    """The conservative reading of a consultation that has only the old field: attribution no
    further than it said (none when it said nothing or something unknown), no photos, no
    recordings, quotes and their printing as the app allowed before."""
    return Consent(consultation_uuid, given="verbal", quotes=True, attribution=_POLICY_LEVEL.get(policy or "", "none"),
                   visibility="public", legacy=True)


def withdrawn(consent: Consent) -> Consent:
    """The same record after the person (or group) took consent back: nothing may be used."""
    return replace(consent, withdrawn=True, quotes=False, attribution="none", photos=False, recordings=False,
                   visibility="field_team")


def in_force(consent: Consent | None, today: str) -> bool:
    """Consent exists, was given, is not withdrawn and its retention date has not passed."""
    if consent is None or consent.withdrawn or consent.given == "none":
        return False
    return consent.retain_until is None or consent.retain_until >= today


def _covers(consent: Consent, content: str) -> bool:
    if content == QUOTE:
        return consent.quotes
    if content == PHOTO:
        return consent.photos
    if content == RECORDING:
        return consent.recordings
    level = _LEVEL_OF[content]
    return ATTRIBUTION_LEVELS.index(consent.attribution) >= ATTRIBUTION_LEVELS.index(level)


def permits(consent: Consent | None, content: str, use: str, today: str) -> bool:
    """May ``content`` (QUOTE, ATTRIBUTE_*, PHOTO, RECORDING) be put to ``use`` (LEAVE_LAPTOP,
    PRINT) under this consent, on ``today`` (ISO date)?"""
    if content not in CONTENTS or use not in USES:
        raise ValueError(f"unknown content {content!r} or use {use!r}")
    if consent is None or not in_force(consent, today):
        return False
    audience_ok = VISIBILITIES.index(consent.visibility) >= VISIBILITIES.index(_AUDIENCE[use])
    return audience_ok and _covers(consent, content)


def governing(consents: Mapping[str, Consent], subject: str) -> Consent | None:
    """The consent that governs one entry: the person's own when recorded, else the
    consultation's (key ""), else None. ``consents`` maps subject to record."""
    return consents.get(subject) or consents.get("")


def attribution_needed(row: Mapping[str, Any]) -> str | None:
    """What a feedback entry asks of consent by how it is attributed: a name written in
    "attributed to" or "named with consent" needs ATTRIBUTE_NAME, and so on; None when
    anonymous."""
    if (row.get("attributed_to") or "").strip() or row.get("attribution") == "named_with_consent":
        return ATTRIBUTE_NAME
    return {"by_group": ATTRIBUTE_GROUP, "by_organisation": ATTRIBUTE_ORGANISATION}.get(row.get("attribution") or "")


def entry_may_leave(consent: Consent | None, row: Mapping[str, Any], today: str) -> bool:
    """May a feedback entry go in an export? Not when it quotes someone whose consent does not
    let quotes leave, nor when it is attributed further than consent allows. An entry with no
    quote and no attribution is the officer's own summary: consent does not hold it back."""
    if (row.get("quote") or "").strip() and not permits(consent, QUOTE, LEAVE_LAPTOP, today):
        return False
    needed = attribution_needed(row)
    return needed is None or permits(consent, needed, LEAVE_LAPTOP, today)


def quote_may_be_printed(consent: Consent | None, today: str) -> bool:
    return permits(consent, QUOTE, PRINT, today)


def printed_attribution(consent: Consent | None, today: str) -> str:
    """How far a printed quote may be attributed: "none", "group", "organisation" or "name"."""
    for content in (ATTRIBUTE_NAME, ATTRIBUTE_ORGANISATION, ATTRIBUTE_GROUP):
        if permits(consent, content, PRINT, today):
            return _LEVEL_OF[content]
    return "none"


def attachment_may_leave(consent: Consent | None, kind: str, sensitive: bool, include: bool, today: str) -> bool:
    """May an attachment go in an export's archive? Never under withdrawn consent. Otherwise
    when chosen explicitly (``include``), or when it is not sensitive and, for a photo or a
    recording, consent covers photos or recordings and lets them leave."""
    if consent is not None and consent.withdrawn:
        return False
    if include:
        return True
    if sensitive:
        return False
    if kind == "photo":
        return permits(consent, PHOTO, LEAVE_LAPTOP, today)
    if kind == "audio":
        return permits(consent, RECORDING, LEAVE_LAPTOP, today)
    return True


def today_iso() -> str:
    return dt.date.today().isoformat()
