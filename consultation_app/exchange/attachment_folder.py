"""Attachments written out as a plain folder (`attachments export --out DIR`), for the central
office to browse or hand on: every file (or one consultation's) under a safe name, and an
index.json (file, sha256, kind, consultation title and uuid, caption).

A file's own name never becomes a path: it is reduced to letters, digits, Khmer script, dot,
dash and underscore, and collisions are numbered. The folder is written into a temporary
folder beside DIR and renamed at the end, so DIR is complete or absent. Sensitive attachments,
and those consent does not let leave, stay out unless ``include_sensitive`` (and withdrawn
consent is never overridden: domain/consent.attachment_may_leave)."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
import unicodedata
from pathlib import Path
from typing import Any

from consultation_app.domain import consent as consent_rules
from consultation_app.domain.records import CONSULTATION
from consultation_app.domain.text import printable
from consultation_app.errors import InputError
from consultation_app.exchange.consent_gate import ConsentGate
from consultation_app.exchange.files import write_failure
from consultation_app.storage import attachment_store
from consultation_app.storage.records_store import RecordStore

INDEX = "index.json"
_MAX_STEM = 80


def _clean(text: str) -> str:
    """Letters (with their combining marks: Khmer vowels and signs), digits, dot, dash and
    underscore kept; any run of anything else becomes one underscore."""
    kept = "".join(ch if unicodedata.category(ch)[0] in "LMN" or ch in ".-_" else "_" for ch in text)
    return re.sub(r"_+", "_", kept)
def safe_name(name: str, taken: set[str]) -> str:
    """A plain, portable file name from ``name``: no folder, no control or reserved
    characters, not hidden, unique in ``taken`` (case-insensitively) by a number."""
    name = unicodedata.normalize("NFC", name)
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] not in ("C", "Z") or ch == " ")
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    stem = _clean(stem).strip("._-")[:_MAX_STEM] or "attachment"
    suffix = _clean(suffix).strip("._-")[:10].lower()
    if stem.upper().split(".")[0] in {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10)),
                                      *(f"LPT{i}" for i in range(10))}:
        stem = "_" + stem
    candidate, number = stem + ("." + suffix if suffix else ""), 1
    while candidate.lower() in taken or candidate.lower() == INDEX:
        number += 1
        candidate = f"{stem}-{number}" + ("." + suffix if suffix else "")
    taken.add(candidate.lower())
    return candidate


def _check_target(out: Path) -> None:
    if out.is_symlink():
        raise InputError(f"{printable(str(out))}: is a link; choose a new folder").keyed(
            "folder_is_link", path=printable(str(out)))
    if out.exists():
        if not out.is_dir():
            raise InputError(f"{printable(str(out))}: exists and is not a folder; choose a new folder").keyed(
                "folder_is_file", path=printable(str(out)))
        if any(out.iterdir()):
            raise InputError(f"{printable(str(out))}: exists and is not empty; choose a new or empty folder").keyed(
                "folder_not_empty", path=printable(str(out)))
    if not out.parent.is_dir():
        raise InputError(f"{printable(str(out.parent))}: no such folder").keyed(
            "folder_missing", path=printable(str(out.parent)))


def export_folder(records: RecordStore, out: str | Path, consultation_uuid: str | None = None,
                  include_sensitive: bool = False) -> dict[str, Any]:
    """Write the attachments into the new folder ``out``; returns {"folder", "written",
    "left_out", "bytes"}. InputError (one line) when ``out`` may not be written."""
    out = Path(out)
    _check_target(out)
    db = records.db
    if consultation_uuid is not None and records.get(CONSULTATION, consultation_uuid) is None:
        raise InputError(f"no consultation {consultation_uuid}").keyed("consultation_gone")
    gate = ConsentGate.load(db)
    try:
        return _write_folder(records, out, consultation_uuid, include_sensitive, gate)
    except OSError as error:  # a full disk, a pulled USB stick...: said as a person can act on it
        failure = write_failure(error, Path(printable(str(out))))
        assert failure.key is not None
        raise InputError(f"{printable(str(out))}: cannot be written ({error.strerror or error}); nothing was "
                         f"written").keyed(failure.key, **failure.params) from None


def _write_folder(records: RecordStore, out: Path, consultation_uuid: str | None, include_sensitive: bool,
                  gate: ConsentGate) -> dict[str, Any]:
    db = records.db
    titles: dict[str, str] = {}
    temp = Path(tempfile.mkdtemp(prefix=".attachments-", dir=out.parent))
    try:
        index: list[dict[str, Any]] = []
        taken: set[str] = set()
        left_out = total = 0
        for row in attachment_store.listing(db, consultation_uuid):
            consent = gate.governing({"consultation_uuid": row["consultation_uuid"], "uuid": ""})
            if not consent_rules.attachment_may_leave(consent, row["kind"], row["sensitive"], include_sensitive,
                                                      gate.today):
                left_out += 1
                continue
            name = safe_name(row["file_name"], taken)
            digest = hashlib.sha256()
            with open(temp / name, "xb") as handle:
                for chunk in attachment_store.iter_content(db, row["sha256"]):
                    digest.update(chunk)
                    handle.write(chunk)
                handle.flush()
                os.fsync(handle.fileno())
            if digest.hexdigest() != row["sha256"]:
                raise InputError(f"attachment {row['uuid']} ({printable(row['file_name'])}): its stored bytes "
                                 "do not match their SHA-256; nothing written").keyed(
                    "attachment_bytes_damaged", name=printable(row["file_name"]))
            total += row["size"]
            if row["consultation_uuid"] not in titles:
                consultation = records.get(CONSULTATION, row["consultation_uuid"]) or {}
                titles[row["consultation_uuid"]] = str(consultation.get("title") or "")
            index.append({"file": name, "sha256": row["sha256"], "size": row["size"], "kind": row["kind"],
                          "media_type": row["media_type"], "original_name": row["file_name"],
                          "caption": row["caption"], "sensitive": row["sensitive"], "uuid": row["uuid"],
                          "consultation_uuid": row["consultation_uuid"],
                          "consultation_title": titles[row["consultation_uuid"]]})
        (temp / INDEX).write_text(json.dumps(index, ensure_ascii=False, indent=2), encoding="utf-8")
        if out.exists():
            out.rmdir()  # empty (checked); replaced by the finished folder
        os.replace(temp, out)
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise
    return {"folder": str(out), "written": len(index), "left_out": left_out, "bytes": total}
