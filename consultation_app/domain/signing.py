"""Signed exports: each installation signs the manifest of every export it writes with its own
Ed25519 key, so the central office can tell a file the device wrote from one edited or forged
on the way.

What is signed is not the file (a re-save by Excel or LibreOffice rewrites every byte) but a
canonical text of the manifest fields that identify the export and its content. The content
enters through ``content_sha256``, the checksum over the data sheets' canonical values: a
re-save that changes no values keeps both the checksum and the signature; an edited value
breaks the checksum, an edited manifest field breaks the signature.

Plain Python and ``cryptography``: no Qt, no SQL (the keys are kept by storage/keys_store.py).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from typing import Any, Mapping

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

# Fixed for all time within version 1 of the signature: changing any of these invalidates
# every signature already written.
CONTEXT = "upr-consultation-export signature 1"
TEXT_FIELDS = ("format", "export_id", "device_id", "scope", "content_sha256")
INT_FIELDS = ("format_version", "export_seq", "since_seq", "until_seq")
BOOL_FIELDS = ("include_sensitive",)
SIGNED_FIELDS = ("format", "format_version", "export_id", "export_seq", "device_id", "scope", "since_seq",
                 "until_seq", "content_sha256", "include_sensitive")
# From format 3 on the manifest also signs the digest of what travels beside the records
# (the consents sheet): ``extras_sha256``.
EXTRAS_FROM_VERSION = 3
PRIVATE_KEY_BYTES = 32
PUBLIC_KEY_BYTES = 32
SIGNATURE_BYTES = 64

_TRUE, _FALSE = {"true", "yes", "1", "y"}, {"false", "no", "0", "n"}


class SigningError(ValueError):
    """A manifest that cannot be put in canonical form, or a malformed key."""


# -- keys ----------------------------------------------------------------------------------

def new_private_key() -> bytes:
    """A fresh Ed25519 private key: its raw 32 bytes."""
    return Ed25519PrivateKey.generate().private_bytes_raw()


def _private(private_key_bytes: bytes) -> Ed25519PrivateKey:
    if not isinstance(private_key_bytes, (bytes, bytearray)) or len(private_key_bytes) != PRIVATE_KEY_BYTES:
        raise SigningError(f"a private key is {PRIVATE_KEY_BYTES} raw bytes")
    return Ed25519PrivateKey.from_private_bytes(bytes(private_key_bytes))


def public_key_b64(private_key_bytes: bytes) -> str:
    """The public key of a private key: its raw 32 bytes in standard base64."""
    raw = _private(private_key_bytes).public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return base64.b64encode(raw).decode("ascii")


def _b64decode(text: Any, size: int, what: str) -> bytes:
    if not isinstance(text, str):
        raise SigningError(f"the {what} is not text")
    try:
        raw = base64.b64decode("".join(text.split()), validate=True)
    except (binascii.Error, ValueError):
        raise SigningError(f"the {what} is not base64") from None
    if len(raw) != size:
        raise SigningError(f"the {what} is {len(raw)} bytes, expected {size}")
    return raw


def decode_public_key(public_key_b64: Any) -> bytes:
    """The raw 32 bytes of a base64 public key, or SigningError."""
    return _b64decode(public_key_b64, PUBLIC_KEY_BYTES, "public key")


def fingerprint(public_key_b64: Any) -> str:
    """A short, readable name for a public key (for messages): the first 16 hex digits of the
    SHA-256 of its raw bytes, in groups of four; '(malformed key)' when it is not a key."""
    try:
        digest = hashlib.sha256(decode_public_key(public_key_b64)).hexdigest()[:16]
    except SigningError:
        return "(malformed key)"
    return ":".join(digest[i:i + 4] for i in range(0, 16, 4))


def same_key(first: Any, second: Any) -> bool:
    """Two base64 texts naming the same public key (whitespace and line breaks aside)."""
    try:
        return decode_public_key(first) == decode_public_key(second)
    except SigningError:
        return False


# -- the signed message --------------------------------------------------------------------

def _text(key: str, value: Any) -> str:
    if value is None or isinstance(value, bool):
        raise SigningError(f"manifest field {key} is missing")
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a spreadsheet may hand a text of digits back as a number
    text = str(value).strip()
    if not text:
        raise SigningError(f"manifest field {key} is missing")
    return text


def _int(key: str, value: Any) -> int:
    if isinstance(value, bool) or value is None:
        raise SigningError(f"manifest field {key} is not a whole number")
    try:
        number = float(str(value).strip()) if isinstance(value, str) else float(value)
    except (TypeError, ValueError):
        raise SigningError(f"manifest field {key} is not a whole number") from None
    if not number.is_integer():
        raise SigningError(f"manifest field {key} is not a whole number")
    return int(number)


def _bool(key: str, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
        return value.strip().lower() in _TRUE
    raise SigningError(f"manifest field {key} is not yes or no")


def canonical_fields(manifest: Mapping[str, Any]) -> dict[str, Any]:
    """The signed fields in canonical form: text stripped, whole numbers as integers, yes/no
    as booleans, whatever type the spreadsheet handed back. SigningError when one is missing
    or cannot be read."""
    fields: dict[str, Any] = {}
    for key in SIGNED_FIELDS:
        if key not in manifest:
            raise SigningError(f"manifest field {key} is missing")
        value = manifest[key]
        if key in INT_FIELDS:
            fields[key] = _int(key, value)
        elif key in BOOL_FIELDS:
            fields[key] = _bool(key, value)
        else:
            fields[key] = _text(key, value)
    fields["content_sha256"] = fields["content_sha256"].lower()
    if fields["format_version"] >= EXTRAS_FROM_VERSION:  # the consents sheet (and what else travels beside)
        fields["extras_sha256"] = _text("extras_sha256", manifest.get("extras_sha256")).lower()
    return fields


def signed_message(manifest: Mapping[str, Any]) -> bytes:
    """The bytes signed: the line ``upr-consultation-export signature 1``, a line feed, then
    the canonical signed fields as one compact JSON object with sorted keys (UTF-8, non-ASCII
    as is), e.g. ``{"content_sha256":"9f…","device_id":"…","export_id":"…","export_seq":3,
    "format":"upr-consultation-export","format_version":1,"include_sensitive":false,
    "scope":"full","since_seq":0,"until_seq":41}``."""
    body = json.dumps(canonical_fields(manifest), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return (CONTEXT + "\n" + body).encode("utf-8")


def sign(private_key_bytes: bytes, manifest: Mapping[str, Any]) -> str:
    """The Ed25519 signature of the manifest's signed message, in standard base64."""
    return base64.b64encode(_private(private_key_bytes).sign(signed_message(manifest))).decode("ascii")


def verify(public_key_b64: Any, manifest: Mapping[str, Any], signature_b64: Any) -> bool:
    """True when ``signature_b64`` is the signature of the manifest's signed message by the key;
    False for anything else (a wrong or malformed key or signature, a missing field)."""
    try:
        key = Ed25519PublicKey.from_public_bytes(decode_public_key(public_key_b64))
        signature = _b64decode(signature_b64, SIGNATURE_BYTES, "signature")
        key.verify(signature, signed_message(manifest))
    except (SigningError, InvalidSignature, ValueError):
        return False
    return True
