"""Implementation records exchanged between central copies (issue 20): revisions with ids of
their own, the history as a graph, and the signature of a central exchange file.

**A revision is named by its content.** Its id is the SHA-256 of its canonical values: the
record it belongs to, the central copy that made it (``origin``, that copy's device id), the
revisions it was based on (``parents``), when and by whom, and the record's values. Two
copies that meet the same revision hold it under the same id, so merging a file twice, or
files in any order, never doubles it; a revision edited on the way (in Excel) no longer
matches its id and is refused; a revision cannot be "replayed" as newer than it is, because
its place in the history is its parents, not a number a file may claim.

**Concurrent edits are the graph's heads.** A record's current version is the one revision
no other revision is based on. Two copies that changed the same record without seeing each
other's change leave two heads: a conflict a person decides; the decision is a revision
based on both, and it settles the conflict in every copy it reaches.

Plain Python and ``cryptography``: no Qt, no SQL, no files.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from typing import Any, Iterable, Mapping

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from consultation_app.domain import records as rules
from consultation_app.domain.implementation import IMPLEMENTATION
from consultation_app.domain.signing import SIGNATURE_BYTES, SigningError, decode_public_key

FORMAT_NAME = "upr-central-exchange"
FORMAT_VERSION = 1
READABLE_FORMAT_VERSIONS = (1,)
# Fixed for all time within version 1 of the signature; another context than the field
# exports' ("upr-consultation-export signature 1"), so neither signature stands for the other.
CONTEXT = "upr-central-exchange signature 1"
SIGNED_FIELDS = ("format", "format_version", "exchange_id", "device_id", "created_at", "content_sha256")
CONTENT_FIELDS = IMPLEMENTATION.field_names  # catalog_id, recommendation_code, status, measures, ...
REVISION_FIELDS = ("record_uuid", "origin", "parents", "seq", "changed_at", "officer", "deleted", *CONTENT_FIELDS)


def _canonical_value(name: str, value: Any) -> Any:
    if name in ("parents", "institutions"):
        items = [str(item) for item in (value or ())]
        return sorted(items) if name == "parents" else items
    if name == "seq":
        return int(value or 0)
    if name == "deleted":
        return bool(value)
    if name in ("status", "indicator_due"):
        return value or None
    return "" if value is None else str(value)


def canonical_revision(revision: Mapping[str, Any]) -> dict[str, Any]:
    """The values a revision id covers, in canonical form (lists as lists, blanks as None/'')."""
    return {name: _canonical_value(name, revision.get(name)) for name in REVISION_FIELDS}


def revision_id(revision: Mapping[str, Any]) -> str:
    """The revision's id: SHA-256 (hex) of its canonical values as compact JSON, sorted keys."""
    body = json.dumps(canonical_revision(revision), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(("upr-implementation-revision 1\n" + body).encode("utf-8")).hexdigest()


def content_hash(revision: Mapping[str, Any]) -> str:
    """The record's content hash as the field records compute it (domain/records.py)."""
    content = {name: revision.get(name) for name in CONTENT_FIELDS}
    return rules.content_hash(IMPLEMENTATION, content, bool(revision.get("deleted")))


def heads(parents_of: Mapping[str, Iterable[str]]) -> set[str]:
    """The revisions no other revision is based on (``parents_of``: revision id -> parent ids)."""
    named = {parent for parents in parents_of.values() for parent in parents}
    return set(parents_of) - named


def ancestors(revision: str, parents_of: Mapping[str, Iterable[str]]) -> set[str]:
    """Every revision ``revision`` was based on, directly or not (itself excluded)."""
    seen: set[str] = set()
    stack = list(parents_of.get(revision, ()))
    while stack:
        current = stack.pop()
        if current not in seen:
            seen.add(current)
            stack.extend(parents_of.get(current, ()))
    return seen


def display_head(candidates: Iterable[str], revisions: Mapping[str, Mapping[str, Any]]) -> str:
    """Of several heads, the one shown as current where none is held yet: the latest change,
    then the highest id (the same choice in every copy)."""
    return max(candidates, key=lambda rid: (str(revisions[rid].get("changed_at") or ""), rid))


# -- the signed manifest ---------------------------------------------------------------------

def _field(manifest: Mapping[str, Any], key: str) -> Any:
    value = manifest.get(key)
    if key == "format_version":
        if isinstance(value, bool) or value is None:
            raise SigningError("manifest field format_version is not a whole number")
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise SigningError("manifest field format_version is not a whole number") from None
        if not number.is_integer():
            raise SigningError("manifest field format_version is not a whole number")
        return int(number)
    if value is None or isinstance(value, bool) or not str(value).strip():
        raise SigningError(f"manifest field {key} is missing")
    return str(value).strip()


def signed_message(manifest: Mapping[str, Any]) -> bytes:
    """The bytes signed: the context line, a line feed, the signed fields as compact JSON."""
    fields = {key: _field(manifest, key) for key in SIGNED_FIELDS}
    fields["content_sha256"] = fields["content_sha256"].lower()
    body = json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return (CONTEXT + "\n" + body).encode("utf-8")


def sign(private_key: bytes, manifest: Mapping[str, Any]) -> str:
    signature = Ed25519PrivateKey.from_private_bytes(bytes(private_key)).sign(signed_message(manifest))
    return base64.b64encode(signature).decode("ascii")


def verify(public_key_b64: Any, manifest: Mapping[str, Any], signature_b64: Any) -> bool:
    """True when the signature is the key's over the manifest's signed fields; False otherwise."""
    try:
        key = Ed25519PublicKey.from_public_bytes(decode_public_key(public_key_b64))
        if not isinstance(signature_b64, str):
            return False
        signature = base64.b64decode("".join(signature_b64.split()), validate=True)
        if len(signature) != SIGNATURE_BYTES:
            return False
        key.verify(signature, signed_message(manifest))
    except (SigningError, InvalidSignature, ValueError, binascii.Error):
        return False
    return True
