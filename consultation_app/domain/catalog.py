"""A catalog of recommendations: the 2019 annex for Cambodia, or any other country's list.

The file format (``upr-catalog``, see docs/catalog-format.md) is a flat list of
headings (parts, sections, themes; each may name a parent) and a list of
recommendations that each sit under one heading.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from consultation_app.domain.text import MAX_TEXT_LENGTH, clean_text, excel_length
from consultation_app.errors import InputError

CATALOG_FORMAT = "upr-catalog"
CATALOG_FORMAT_VERSION = 1
_KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
MAX_CATALOG_BYTES = 20 * 1024 * 1024
POSITIONS = ("supported", "noted")
KM_STATUSES = ("working", "reviewed")
_SDG_TARGET = re.compile(r"^([1-9]|1[0-7])\.([0-9]{1,2}|[a-c])$")


def is_sdg_target(value: str) -> bool:
    return bool(_SDG_TARGET.match(value))


@dataclass(frozen=True)
class Heading:
    key: str
    parent: str | None
    title: str
    title_km: str = ""


@dataclass(frozen=True)
class Recommendation:
    code: str
    heading: str
    text: str
    text_km: str = ""
    sdgs: tuple[int, ...] = ()
    groups: tuple[str, ...] = ()
    # From the real sources (UHRI, UPR Info): all optional, empty for the 2019 annex.
    position: str = ""  # supported, noted or ""
    recommending_states: tuple[str, ...] = ()
    paragraph: str = ""  # "110.23": the paragraph of the outcome report
    source_key: str = ""  # the UHRI annotation id: stable across downloads
    themes: tuple[str, ...] = ()
    sdg_targets: tuple[str, ...] = ()  # "4.1", "16.10"
    affected_persons: tuple[str, ...] = ()
    document_symbol: str = ""
    session: str = ""
    km_status: str = ""  # "working" (imported, not reviewed), "reviewed" or "" (no Khmer)


@dataclass(frozen=True)
class Catalog:
    catalog_id: str
    version: str
    title: str
    source: str
    date: str
    headings: tuple[Heading, ...]
    recommendations: tuple[Recommendation, ...]
    title_km: str = ""
    country: str = ""
    cycle: int | None = None
    translation_note: str = ""
    body: str = ""  # UPR, CEDAW...: who made the recommendations
    extra: dict = field(default_factory=dict, compare=False)

    def heading_path(self, key: str) -> list[Heading]:
        """From the top-level part down to ``key``."""
        by_key = {h.key: h for h in self.headings}
        path: list[Heading] = []
        current = by_key.get(key)
        while current is not None:
            path.append(current)
            current = by_key.get(current.parent) if current.parent else None
        return list(reversed(path))


def version_key(version: str) -> tuple:
    """'1.10' > '1.9' and '1' == '1.0': compare dotted versions number by number."""
    parts = []
    for piece in re.split(r"[.\-]", version):
        parts.append((0, int(piece), "") if piece.isdigit() else (1, 0, piece))
    while parts and parts[-1] == (0, 0, ""):
        parts.pop()
    return tuple(parts)


def _text(entry: dict, name: str, where: str, required: bool = True) -> str:
    value = entry.get(name)
    if value is not None and not isinstance(value, str):
        raise InputError(f"{where}: '{name}' must be text")
    value = clean_text(value or "").strip()
    if not value:
        if required:
            raise InputError(f"{where}: '{name}' is missing or blank")
        return ""
    if excel_length(value) > MAX_TEXT_LENGTH:
        raise InputError(f"{where}: '{name}' is longer than {MAX_TEXT_LENGTH:,} characters")
    return value


def _key(entry: dict, name: str, where: str) -> str:
    value = _text(entry, name, where)
    if not _KEY.match(value):
        raise InputError(f"{where}: '{name}' {value!r} must be 1-64 letters, digits, '.', '-' or '_'")
    return value


def parse_catalog(data: object, source: str) -> Catalog:
    """Validate a decoded catalog file; every message names the file and the entry."""
    if not isinstance(data, dict):
        raise InputError(f"{source}: a catalog file holds one JSON object")
    if data.get("format") != CATALOG_FORMAT:
        raise InputError(f"{source}: 'format' must be '{CATALOG_FORMAT}'")
    if data.get("format_version") != CATALOG_FORMAT_VERSION:
        raise InputError(
            f"{source}: format_version {data.get('format_version')!r} is not supported "
            f"(this app reads version {CATALOG_FORMAT_VERSION})"
        )
    catalog_id = _key(data, "catalog_id", source)
    version = _text(data, "version", source)
    if not re.match(r"^[0-9A-Za-z]+([.\-][0-9A-Za-z]+)*$", version):
        raise InputError(f"{source}: 'version' {version!r} must look like 1.0 or 2019.2")
    cycle = data.get("cycle")
    if cycle is not None and not isinstance(cycle, int):
        raise InputError(f"{source}: 'cycle' must be a whole number")

    raw_headings = data.get("headings")
    if not isinstance(raw_headings, list) or not raw_headings:
        raise InputError(f"{source}: 'headings' must be a non-empty list")
    headings: list[Heading] = []
    seen: set[str] = set()
    for index, entry in enumerate(raw_headings, start=1):
        where = f"{source}: heading {index}"
        if not isinstance(entry, dict):
            raise InputError(f"{where}: must be an object")
        key = _key(entry, "key", where)
        parent = entry.get("parent")
        if key in seen:
            raise InputError(f"{where}: key {key!r} is used twice")
        if parent is not None and parent not in seen:
            raise InputError(f"{where}: parent {parent!r} must be a heading listed before it")
        seen.add(key)
        headings.append(Heading(key, parent, _text(entry, "title", where), _text(entry, "title_km", where, False)))

    raw_recs = data.get("recommendations")
    if not isinstance(raw_recs, list) or not raw_recs:
        raise InputError(f"{source}: 'recommendations' must be a non-empty list")
    recommendations: list[Recommendation] = []
    codes: set[str] = set()
    for index, entry in enumerate(raw_recs, start=1):
        rec = parse_recommendation(entry, f"{source}: recommendation {index}", seen, with_code=True)
        if rec.code in codes:
            raise InputError(f"{source}: recommendation {index} ({rec.code}): code is used twice")
        codes.add(rec.code)
        recommendations.append(rec)
    return Catalog(
        catalog_id=catalog_id,
        version=version,
        title=_text(data, "title", source),
        title_km=_text(data, "title_km", source, False),
        source=_text(data, "source", source),
        date=_text(data, "date", source, False),
        country=_text(data, "country", source, False),
        cycle=cycle,
        translation_note=_text(data, "translation_note", source, False),
        body=_text(data, "body", source, False),
        headings=tuple(headings),
        recommendations=tuple(recommendations),
    )


def _text_list(entry: dict, name: str, where: str) -> tuple[str, ...]:
    values = entry.get(name, [])
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise InputError(f"{where}: '{name}' must be a list of texts")
    return tuple(clean_text(v).strip() for v in values if clean_text(v).strip())


def _source_fields(entry: dict, where: str) -> dict:
    """The optional keys a catalog from a real source carries (format version 1 allows them)."""
    names = ("position", "paragraph", "source_key", "document_symbol", "session", "km_status")
    fields: dict[str, Any] = {name: _text(entry, name, where, False) for name in names}
    if fields["position"] and fields["position"] not in POSITIONS:
        raise InputError(f"{where}: 'position' must be one of {', '.join(POSITIONS)}")
    if fields["km_status"] and fields["km_status"] not in KM_STATUSES:
        raise InputError(f"{where}: 'km_status' must be one of {', '.join(KM_STATUSES)}")
    for name in ("recommending_states", "themes", "sdg_targets", "affected_persons"):
        fields[name] = _text_list(entry, name, where)
    bad = [t for t in fields["sdg_targets"] if not is_sdg_target(t)]
    if bad:
        raise InputError(f"{where}: 'sdg_targets' {bad[0]!r} is not an SDG target such as 4.1 or 16.a")
    if entry.get("text_km") and not fields["km_status"]:
        fields["km_status"] = "working"
    return fields


def parse_recommendation(entry: object, where: str, heading_keys: set[str] | dict,
                         with_code: bool = False) -> Recommendation:
    """One recommendation entry, checked; InputError names ``where`` (and the code)."""
    if not isinstance(entry, dict):
        raise InputError(f"{where}: must be an object")
    code = _key(entry, "code", where)
    if with_code:
        where = f"{where} ({code})"
    heading = _text(entry, "heading", where)
    if heading not in heading_keys:
        raise InputError(f"{where}: heading {heading!r} is not among the headings")
    sdgs = entry.get("sdgs", [])
    if not isinstance(sdgs, list) or not all(type(g) is int and 1 <= g <= 17 for g in sdgs):
        raise InputError(f"{where}: 'sdgs' must be a list of goal numbers 1-17")
    groups = entry.get("groups", [])
    if not isinstance(groups, list) or not all(isinstance(g, str) for g in groups):
        raise InputError(f"{where}: 'groups' must be a list of group keys")
    return Recommendation(
        code=code,
        heading=heading,
        text=_text(entry, "text", where),
        text_km=_text(entry, "text_km", where, False),
        sdgs=tuple(sorted(set(sdgs))),
        groups=tuple(groups),
        **_source_fields(entry, where),
    )


def read_catalog_file(path: str | Path) -> Catalog:
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_CATALOG_BYTES:
            raise InputError(f"{path}: {size:,} bytes is too large for a catalog file")
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text; a catalog is a UTF-8 JSON file") from None
    except json.JSONDecodeError as error:
        raise InputError(f"{path}: not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})") from None
    except OSError as error:
        raise InputError(f"{path}: cannot be read ({error.strerror})") from None
    return parse_catalog(data, str(path))
