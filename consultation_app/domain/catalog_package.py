"""A catalog as the central office distributes it: its canonical content, the checksum over
it and the office's Ed25519 signature of (catalog id, version, checksum).

As with exports (domain/signing.py), what is signed is not the file (a re-save rewrites every
byte) but the catalog's values: a re-save that changes no value keeps the signature, an edited
text breaks the checksum, an edited id or version breaks the signature.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import hashlib
import json

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from consultation_app.domain.catalog import Catalog
from consultation_app.domain.signing import SigningError, decode_public_key

CONTEXT = "upr-catalog-package signature 1"


def canonical(catalog: Catalog) -> dict:
    """Every value of the catalog but its version, as plain JSON types, in a fixed order."""
    data = {name: getattr(catalog, name) for name in
            ("catalog_id", "title", "title_km", "source", "date", "country", "cycle", "translation_note", "body")}
    data["headings"] = [dataclasses.asdict(h) for h in catalog.headings]
    data["recommendations"] = [
        {key: list(value) if isinstance(value, tuple) else value for key, value in dataclasses.asdict(r).items()}
        for r in catalog.recommendations]
    return data


def catalog_digest(catalog: Catalog) -> str:
    body = json.dumps(canonical(catalog), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def _message(catalog_id: str, version: str, digest: str) -> bytes:
    body = json.dumps({"catalog_id": catalog_id, "content_sha256": digest.lower(), "version": version},
                      sort_keys=True, separators=(",", ":"))
    return (CONTEXT + "\n" + body).encode("utf-8")


def sign_catalog(private_key: bytes, catalog: Catalog) -> tuple[str, str]:
    """(content checksum, signature in base64) of a catalog."""
    digest = catalog_digest(catalog)
    signature = Ed25519PrivateKey.from_private_bytes(private_key).sign(
        _message(catalog.catalog_id, catalog.version, digest))
    return digest, base64.b64encode(signature).decode("ascii")


def signature_valid(public_key_b64: str, catalog_id: str, version: str, digest: str, signature_b64: str) -> bool:
    try:
        key = Ed25519PublicKey.from_public_bytes(decode_public_key(public_key_b64))
        key.verify(base64.b64decode(signature_b64, validate=True), _message(catalog_id, version, digest))
    except (SigningError, InvalidSignature, ValueError, binascii.Error, TypeError):
        return False
    return True


def next_version(version: str) -> str:
    """The version after ``version`` for an edit made at the office: '2024.06.01' -> '2024.06.01.1',
    '2024.06.01.1' -> '2024.06.01.2'."""
    head, _, last = version.rpartition(".")
    if head and last.isdigit() and len(version.split(".")) >= 4:
        return f"{head}.{int(last) + 1}"
    if not head and version.isdigit():
        return str(int(version) + 1)
    return version + ".1"
