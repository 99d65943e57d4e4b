"""Row heights for wrapped text in a written workbook (the capture template, the catalog
workbook), Khmer included."""

from __future__ import annotations

import math
import unicodedata


def _visible_length(text: str) -> int:
    """How many characters take room on a line: Khmer marks above or below and subscript
    consonants do not."""
    count, after_coeng = 0, False
    for char in text:
        if after_coeng:
            after_coeng = False
            continue
        if char == "\u17d2":  # coeng: the next consonant goes below the line
            after_coeng = True
            continue
        if unicodedata.category(char) in ("Mn", "Cf"):
            continue
        count += 1
    return count


def _is_khmer(text: str) -> bool:
    return any("\u1780" <= char <= "\u17ff" for char in text)


def text_height(text: str, width: float, font_size: float = 11) -> float:
    """Points a wrapped cell needs. An estimate, on the generous side: neither Excel nor
    LibreOffice grows a row to fit its text on opening a file, so the writer sets heights.
    Measured with LibreOffice's fallback fonts (Noto Sans, Noto Sans Khmer), which are wider
    than Calibri; Khmer lines are taller (marks above and subscripts below)."""
    height = 4.0
    for part in (text or "").split("\n"):
        khmer = _is_khmer(part)
        per_line = max(3.0, width * (0.95 if khmer else 1.1) * 11 / font_size * 0.92)
        lines = max(1, math.ceil(_visible_length(part) / per_line))
        height += lines * font_size * (1.65 if khmer else 1.33)
    return height
