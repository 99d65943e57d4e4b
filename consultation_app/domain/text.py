"""Text rules shared by entry, storage, search and exchange."""

from __future__ import annotations

import re
import unicodedata

# Excel's hard limit for one cell, counted in UTF-16 units as Excel counts (an emoji is two);
# longer text is refused at entry rather than cut later.
MAX_TEXT_LENGTH = 32_767


def excel_length(value: str) -> int:
    """The length Excel sees: UTF-16 code units."""
    return len(value) + sum(1 for char in value if ord(char) > 0xFFFF)

# Zero-width characters that Khmer typists use as invisible word hints. They must not
# stop a search from matching, so search keys drop them (stored text keeps them).
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u2060\ufeff"), None)

# Characters XML 1.0 cannot carry (C0 controls but tab/newline/CR, lone surrogates,
# U+FFFE/U+FFFF): removed at entry so a record can always be exported and read back.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean_text(value: str) -> str:
    """NFC-normalise typed or imported text, make every line break a plain newline (Windows
    CRLF and old Mac CR would be rewritten by spreadsheets on a re-save), and drop characters
    no file format can hold."""
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = _XML_ILLEGAL.sub("", value)
    return unicodedata.normalize("NFC", value)


def needs_cleaning(value: str) -> bool:
    """A cheap check before the costlier clean_text, for hot paths such as exports."""
    return "\r" in value or _XML_ILLEGAL.search(value) is not None


def search_key(value: str) -> str:
    """The form text is compared in when searching: NFC, no zero-width hints, case-folded,
    and none of the characters that clean_text keeps out of stored text."""
    return clean_text(value).translate(_ZERO_WIDTH).casefold()
