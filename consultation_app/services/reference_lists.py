"""The reference lists (provinces, stakeholder groups, priorities ...) read from their file:
the bundled one by default (domain.reference parses them; reading files is not the domain's)."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from consultation_app import paths
from consultation_app.domain.reference import ReferenceLists, parse_reference
from consultation_app.errors import InputError


@lru_cache(maxsize=4)
def load_reference(path: Path) -> ReferenceLists:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise InputError(f"{path}: cannot read reference lists ({error})") from error
    return parse_reference(data, str(path))


def default_reference() -> ReferenceLists:
    return load_reference(paths.reference_file())
