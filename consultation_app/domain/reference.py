"""Reference lists (provinces, stakeholder groups, priorities...) read from resources/.

They are data, not code: a list can be corrected or translated without a release.
"""

from __future__ import annotations

from dataclasses import dataclass

from consultation_app.errors import InputError

REQUIRED_LISTS = (
    "provinces",
    "stakeholder_groups",
    "priorities",
    "implementation_assessments",
    "attribution",
    "consent_policies",
    "consultation_status",
    "languages",
)


@dataclass(frozen=True)
class ReferenceItem:
    key: str
    en: str
    km: str

    def label(self, language: str = "en") -> str:
        return self.km if language == "km" and self.km else self.en


@dataclass(frozen=True)
class ReferenceLists:
    lists: dict[str, tuple[ReferenceItem, ...]]

    def items(self, name: str) -> tuple[ReferenceItem, ...]:
        return self.lists[name]

    def keys(self, name: str) -> tuple[str, ...]:
        return tuple(item.key for item in self.lists[name])

    def label(self, name: str, key: str | None, language: str = "en") -> str:
        for item in self.lists.get(name, ()):
            if item.key == key:
                return item.label(language)
        return key or ""


def parse_reference(data: object, source: str) -> ReferenceLists:
    if not isinstance(data, dict) or data.get("format") != "reference-lists":
        raise InputError(f"{source}: not a reference-lists file")
    raw_lists = data.get("lists")
    if not isinstance(raw_lists, dict):
        raise InputError(f"{source}: 'lists' is missing")
    lists: dict[str, tuple[ReferenceItem, ...]] = {}
    for name in REQUIRED_LISTS:
        entries = raw_lists.get(name)
        if not isinstance(entries, list) or not entries:
            raise InputError(f"{source}: list '{name}' is missing or empty")
        items = []
        for index, entry in enumerate(entries, start=1):
            if not isinstance(entry, dict) or not entry.get("key") or not entry.get("en"):
                raise InputError(f"{source}: list '{name}', item {index} needs 'key' and 'en'")
            items.append(ReferenceItem(str(entry["key"]), str(entry["en"]), str(entry.get("km", ""))))
        if len({item.key for item in items}) != len(items):
            raise InputError(f"{source}: list '{name}' repeats a key")
        lists[name] = tuple(items)
    return ReferenceLists(lists)
