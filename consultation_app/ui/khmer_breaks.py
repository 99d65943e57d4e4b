"""Khmer is written without spaces between words, and Qt finds no place to break a line inside
a Khmer run: a wrapped label or text box then cut words (even letter clusters) wherever the
line ended. ICU's dictionary-based line breaking knows Khmer words; the ICU library that ships
with Qt is used through ctypes to put a zero-width space (U+200B, the break hint Khmer writers
use themselves) between words. Without that library (another platform's packaging), text is
left as it is."""

from __future__ import annotations

import ctypes
import glob
import os
import re
from functools import lru_cache

ZWSP = "\u200b"
_KHMER = re.compile("[\u1780-\u17ff\u19e0-\u19ff]")
UBRK_LINE = 2


class _Icu:
    def __init__(self) -> None:
        import PySide6

        found = sorted(glob.glob(os.path.join(os.path.dirname(PySide6.__file__), "Qt", "lib", "libicuuc.so.*")))
        if not found:
            raise OSError("no ICU library beside Qt")
        library = ctypes.CDLL(found[0])
        version = found[0].rsplit(".", 1)[-1]

        def function(name, restype, *argtypes):
            bound = getattr(library, f"{name}_{version}")
            bound.restype, bound.argtypes = restype, argtypes
            return bound

        self.open = function("ubrk_open", ctypes.c_void_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_void_p,
                             ctypes.c_int32, ctypes.POINTER(ctypes.c_int))
        self.next = function("ubrk_next", ctypes.c_int32, ctypes.c_void_p)
        self.close = function("ubrk_close", None, ctypes.c_void_p)

    def boundaries(self, text: str) -> list[int]:
        """Line-break opportunities, as offsets in UTF-16 code units."""
        data = text.encode("utf-16-le")
        buffer = ctypes.create_string_buffer(data, len(data) + 2)
        status = ctypes.c_int(0)
        iterator = self.open(UBRK_LINE, b"km", buffer, len(data) // 2, ctypes.byref(status))
        if not iterator or status.value > 0:  # ICU: > 0 is an error, < 0 a warning
            return []
        try:
            found = []
            while (position := self.next(iterator)) != -1:
                found.append(position)
            return found
        finally:
            self.close(iterator)


@lru_cache(maxsize=1)
def _icu() -> _Icu | None:
    try:
        return _Icu()
    except (OSError, AttributeError):
        return None


@lru_cache(maxsize=8192)
def with_word_breaks(text: str) -> str:
    """``text`` with a zero-width space between Khmer words (where a line may break)."""
    icu = _icu()
    if not text or icu is None or not _KHMER.search(text):
        return text
    units = text.encode("utf-16-le")
    cuts = set(icu.boundaries(text))
    out, start = [], 0
    for cut in sorted(cuts):
        piece = units[start * 2:cut * 2].decode("utf-16-le")
        out.append(piece)
        start = cut
        following = units[cut * 2:cut * 2 + 2].decode("utf-16-le", errors="ignore")
        if piece and _KHMER.match(piece[-1]) and following and _KHMER.match(following):
            out.append(ZWSP)
    out.append(units[start * 2:].decode("utf-16-le"))
    return "".join(out)
