"""Text rules shared by entry, storage, search and exchange."""

from __future__ import annotations

import re
import unicodedata

# Excel's hard limit for one cell, counted in UTF-16 units as Excel counts (an emoji is two);
# longer text is refused at entry rather than cut later.
MAX_TEXT_LENGTH = 32_767


def excel_length(value: str) -> int:
    """The length Excel sees: UTF-16 code units (counted in C: a 32,767-character cell took
    2 ms character by character, and a hostile workbook has thousands)."""
    if value.isascii():
        return len(value)
    return len(value.encode("utf-16-le", "surrogatepass")) // 2

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


EXCERPT_LENGTH = 40


def excerpt(value: object, limit: int = EXCERPT_LENGTH) -> str:
    """A value quoted in a message: its repr, cut to about ``limit`` characters with its full
    length given, so a refusal never repeats a hostile cell of 32,767 characters."""
    text = value if isinstance(value, str) else str(value)
    if len(text) <= limit:
        return repr(value)
    return f"{text[:limit]!r}... ({len(text):,} characters)"


def brief(value: object, limit: int = EXCERPT_LENGTH) -> str:
    """A value named in a message as it is (an id, a key), or its excerpt when it is long."""
    text = value if isinstance(value, str) else str(value)
    return text if len(text) <= limit else excerpt(text, limit)


# What a terminal would act on rather than show: C0 and C1 controls, DEL, and the bidirectional
# overrides and isolates that reorder what follows them (a name can then read as another).
# Lone surrogates stand for the bytes of a file name that is not UTF-8.
_NOT_PRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _escape(match: re.Match) -> str:
    char = match.group()
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte os.fsdecode could not decode (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    if code <= 0xFF:
        return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(char, f"\\x{code:02x}")
    return f"\\u{code:04x}"


def printable(value: object) -> str:
    """A value as a terminal must show it: every control, escape and direction character
    written out (ESC as \\x1b, a line break as \\n), so a device, officer or file name can
    neither clear the screen nor start a line of its own. Khmer, zero-width word hints and
    all other text are kept as they are. Backslashes are not doubled: this is for people."""
    text = value if isinstance(value, str) else str(value)
    return _NOT_PRINTABLE.sub(_escape, text)


_SURROGATE = re.compile("[\ud800-\udfff]")


def storable(value: str) -> str:
    """Text UTF-8 can carry: the bytes of a file name that is not UTF-8 (which Python reads as
    lone surrogates) written out as \\xNN; everything else kept exactly."""
    return _SURROGATE.sub(_escape, value) if _SURROGATE.search(value) else value
