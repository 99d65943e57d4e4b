"""Cheap looks into a workbook's sheet XML before any parser sees it: what a sheet's shared-string
cells would expand to, and where a formula cell is. Byte searches and regular expressions over
the parts as unpacked, no XML parser, no tree: memory stays that of the parts themselves.

The shared-strings bound (see docs/workbook-format.md, "Limits"): a cell of type ``s`` holds
only the index of a string in xl/sharedStrings.xml, and a reader hands every such cell its own
copy of the string. One 32,767-character string referenced by 60,000 cells is a 330 KB file
that expands to 2 GB of text (4 GB of memory in the reader). A workbook whose shared-string
cells expand to more than EXPANSION_RATIO times the bytes of its sheet and shared-string XML
(and more than EXPANSION_FLOOR) is refused, so a reader's memory is bounded by what the file
holds, not by what it expands to. A spreadsheet program's re-save of an export stays far below:
each such cell costs about 30 bytes of XML and mostly refers to short, repeated values (keys,
ids, catalog names, about 36 bytes), so its text is about as large as its XML.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

EXPANSION_RATIO = 4  # expanded shared-string text per byte of sheet and shared-string XML
EXPANSION_FLOOR = 16 * 1024 * 1024  # bytes: small workbooks may repeat a long text this much

_SI = re.compile(rb"<(?:[\w.-]+:)?si\b")
# A cell of type s in any spelling XML allows (quotes, spaces, attribute order), and its value.
_SHARED_CELL_LOOSE = re.compile(rb"""t\s*=\s*["']s["']""")  # no \\b: 5x faster; a few more counted is safe
_SHARED_CELL = re.compile(rb"""\bt\s*=\s*["']s["'][^>]*>\s*<(?:[\w.-]+:)?v\s*>\s*(\d+)\s*<""")
_CELL_START = re.compile(rb"<(?:[\w.-]+:)?c[\s>]")
_CELL_REF = re.compile(rb"""\br\s*=\s*["']([A-Za-z]{1,3})(\d{1,7})["']""")


@dataclass(frozen=True)
class Expansion:
    """A workbook whose shared-string cells would expand past the bound."""
    sheet_part: str  # the sheet that expands most
    expanded: int  # bytes of text, at most (an over-estimate where the XML is unusual)
    xml_bytes: int
    bound: int
    column: str | None  # the first cell there that refers to the longest string, when found
    row: int | None
    key: str | None  # that column's machine key, when found


def shared_string_sizes(sst: bytes) -> list[int]:
    """Per shared string, in index order: the bytes of its <si> element, markup included (an
    over-estimate of its text, which is what the bound needs)."""
    starts = [match.start() for match in _SI.finditer(sst)]
    if not starts:
        return []
    return [end - start for start, end in zip(starts, starts[1:] + [len(sst)])]


_SHORTEST_SHARED_CELL = len(b'<c t="s"><v>0</v></c>')  # bytes of XML a shared-string cell takes, at least
# Below this, a sheet's expansion is taken as (its cells of type s) x (the longest string), an
# upper bound found by counting alone; above, it is summed cell by cell.
_COUNTED_UP_TO = 1024 * 1024


class ExpansionCount:
    """What the shared-string cells of a workbook's sheets expand to, a sheet at a time (each
    sheet's XML can be let go once added). The common case (an export as the app writes it,
    text inline: no cell of type s but in the key rows) is settled by counting."""

    def __init__(self, tables: list[bytes]):
        """``tables``: the shared-string table, or each part a reader might take for it (the
        one the workbook's relationships name, the usual name): each string counted at the
        largest it is in any of them."""
        self.sst = tables[0] if tables else None
        self.sizes = [max(sizes) for sizes in itertools.zip_longest(*map(shared_string_sizes, tables), fillvalue=0)]
        self.longest = max(self.sizes, default=0)
        self.expanded = 0
        self.worst: tuple[int, str, str | None, int | None, str | None] | None = None

    def add(self, part: str, xml: bytes) -> None:
        if not self.sizes:
            return
        if self.longest <= EXPANSION_RATIO * _SHORTEST_SHARED_CELL:
            # No string is long enough to pass the bound however many cells refer to it (the
            # strings of an export as the app writes it are its key rows'): nothing to count.
            self.expanded += len(xml) // _SHORTEST_SHARED_CELL * self.longest
            return
        # Every cell of type s holds its index in a <v> element: counting "v>" (each <v> and
        # </v>, and other elements' ends) bounds them from above, at memchr speed.
        here = xml.count(b"v>") * self.longest
        if here > _COUNTED_UP_TO:
            count = len(_SHARED_CELL_LOOSE.findall(xml))
            here = count * self.longest
        if here > _COUNTED_UP_TO:
            indexes = _SHARED_CELL.findall(xml)
            sizes, total = self.sizes, len(self.sizes)
            # An index past the table is the parser's error to report; a cell the pattern
            # missed (unusual XML) counts as the longest string.
            here = sum(sizes[i] for i in map(int, indexes) if i < total) + (count - len(indexes)) * self.longest
        self.expanded += here
        if self.worst is None or here > self.worst[0]:
            column = row = key = None
            if here > EXPANSION_FLOOR // 4:  # may be refused: find the cell to name while the XML is here
                column, row = _first_reference(xml, self.sizes.index(self.longest))
                key = header_key(xml, self.sst, column) if column else None
            self.worst = (here, part, column, row, key)

    def refusal(self, xml_bytes: int) -> Expansion | None:
        """None when the expansion stays within the bound; ``xml_bytes``: the bytes of the
        workbook's sheet and shared-string XML."""
        bound = max(EXPANSION_FLOOR, EXPANSION_RATIO * xml_bytes)
        if self.expanded <= bound or self.worst is None:
            return None
        _, part, column, row, key = self.worst
        return Expansion(part, self.expanded, xml_bytes, bound, column, row, key)


def _first_reference(xml: bytes, index: int) -> tuple[str | None, int | None]:
    """Column letters and row of the first cell of type s holding ``index``."""
    pattern = re.compile(rb"""\bt\s*=\s*["']s["'][^>]*>\s*<(?:[\w.-]+:)?v\s*>\s*%d\s*<""" % index)
    found = pattern.search(xml)
    return cell_at(xml, found.start()) if found else (None, None)


def cell_at(xml: bytes, position: int) -> tuple[str | None, int | None]:
    """(column letters, row) of the cell element around ``position``, from its r attribute."""
    start = None
    for match in _CELL_START.finditer(xml, max(0, position - 4096), position + 1):
        start = match.start()
    if start is None:
        return None, None
    end = xml.find(b">", start)
    reference = _CELL_REF.search(xml, start, end if end != -1 else start + 512)
    if not reference:
        return None, None
    return reference.group(1).decode("ascii").upper(), int(reference.group(2))


def shared_string_text(sst: bytes | None, index: int) -> str | None:
    """The text of one shared string (markup dropped, entities left as written): for messages."""
    if not sst:
        return None
    starts = [match.start() for match in _SI.finditer(sst)]
    if index >= len(starts):
        return None
    end = starts[index + 1] if index + 1 < len(starts) else len(sst)
    return _text_of(sst[starts[index]:end])


_TEXT = re.compile(rb"<(?:[\w.-]+:)?t\b[^>]*>([^<]*)<")


def _text_of(element: bytes) -> str:
    return b"".join(_TEXT.findall(element)).decode("utf-8", "replace")


_ROW_CELL = r"""<(?:[\w.-]+:)?c\b[^>]*\br\s*=\s*["']{column}{row}["'][^>]*>(.*?)</(?:[\w.-]+:)?c>"""


def header_key(xml: bytes, sst: bytes | None, column: str) -> str | None:
    """The machine key above ``column``: the first of the sheet's first ten rows whose cell in
    that column is an ASCII key (row 2 in the app's workbooks; row 1 holds labels). For
    messages only."""
    for row in range(1, 11):
        found = re.search(_ROW_CELL.format(column=column, row=row).encode(), xml[:1 << 20], re.S)
        if not found:
            continue
        whole = xml[found.start():found.end()]
        body = found.group(1)
        if re.search(rb"""\bt\s*=\s*["']s["']""", whole[:whole.find(b">") + 1]):
            index = re.search(rb"<(?:[\w.-]+:)?v\s*>\s*(\d+)", body)
            text = shared_string_text(sst, int(index.group(1))) if index else None
        else:
            text = _text_of(body) or None
        if text and re.fullmatch(r"[a-z][a-z0-9_]*", text.strip()):
            return text.strip()
    return None
