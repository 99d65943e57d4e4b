"""The catalog workbook (format ``upr-catalog-workbook``, docs/catalog-format.md): one row per
recommendation that central staff edit in Excel or LibreOffice (clusters, Khmer texts, typos),
and the signed package the office hands to field laptops.

Sheets: ``catalog`` (key/value: id, version, titles, signature), ``headings`` (key, parent,
title, title_km), ``recommendations`` (one row each, ASCII keys in the header row, a filter on
every column) and ``lists`` (the drop-down values). Written with XlsxWriter, read with calamine.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Sequence

from consultation_app.domain.catalog import (
    CATALOG_FORMAT,
    CATALOG_FORMAT_VERSION,
    KM_STATUSES,
    POSITIONS,
    Catalog,
    Recommendation,
    parse_catalog,
    parse_recommendation,
)
from consultation_app.errors import InputError
from consultation_app.exchange.catalog_sources import cell_text, multi_values
from consultation_app.exchange.row_heights import text_height

if TYPE_CHECKING:
    from python_calamine import CalamineWorkbook
    from xlsxwriter.worksheet import Worksheet

WORKBOOK_FORMAT = "upr-catalog-workbook"
WORKBOOK_FORMAT_VERSION = 1
CATALOG_SHEET, HEADINGS_SHEET, RECS_SHEET, LISTS_SHEET = "catalog", "headings", "recommendations", "lists"
META_KEYS = ("catalog_id", "version", "title", "title_km", "source", "date", "country", "cycle", "body",
             "translation_note")
SIGNATURE_KEYS = ("content_sha256", "signed_by", "signature")
# (key, width, what it holds): the header row and docs/catalog-format.md list the same keys.
COLUMNS = (
    ("code", 11), ("part", 28), ("section", 24), ("theme", 28), ("text", 60), ("text_km", 60),
    ("km_status", 11), ("sdgs", 9), ("sdg_targets", 12), ("position", 11), ("recommending_states", 22),
    ("paragraph", 10), ("themes", 28), ("affected_persons", 22), ("document_symbol", 16), ("session", 8),
    ("groups", 18), ("source_key", 38),
)
KEYS = tuple(key for key, _ in COLUMNS)
_TALL = tuple(KEYS.index(key) for key in ("part", "section", "theme", "text", "text_km", "recommending_states",
                                           "themes"))
UNCLUSTERED = ("unclustered", "Not yet clustered", "មិនទាន់ចាត់ជាក្រុម")


@dataclass
class CatalogWorkbook:
    catalog: Catalog
    content_sha256: str = ""
    signed_by: str = ""
    signature: str = ""
    bad_rows: list[tuple[int, str]] = field(default_factory=list)
    total_rows: int = 0


# -- writing ------------------------------------------------------------------------------
def _path_titles(catalog: Catalog, heading: str) -> tuple[str, str, str]:
    path = catalog.heading_path(heading)
    if len(path) == 1:
        return path[0].title, "", ""
    if len(path) == 2:
        return path[0].title, "", path[1].title
    return path[0].title, path[1].title, path[-1].title


def row_values(catalog: Catalog, rec: Recommendation) -> list[str]:
    part, section, theme = _path_titles(catalog, rec.heading)
    return [rec.code, part, section, theme, rec.text, rec.text_km, rec.km_status,
            ", ".join(map(str, rec.sdgs)), "\n".join(rec.sdg_targets), rec.position,
            "\n".join(rec.recommending_states), rec.paragraph, "\n".join(rec.themes),
            "\n".join(rec.affected_persons), rec.document_symbol, rec.session, "\n".join(rec.groups), rec.source_key]


def write_catalog_workbook(out: str | Path, catalog: Catalog, signature: tuple[str, str, str] | None = None) -> Path:
    """``signature``: (content checksum, signer's public key, signature) from the office's key."""
    import xlsxwriter

    out = Path(out)
    workbook = xlsxwriter.Workbook(str(out), {"strings_to_formulas": False, "strings_to_numbers": False,
                                              "strings_to_urls": False})
    bold = workbook.add_format({"bold": True, "bg_color": "#E8EEF4", "valign": "top"})
    wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
    top = workbook.add_format({"valign": "top"})

    meta = workbook.add_worksheet(CATALOG_SHEET)
    meta.set_column(0, 0, 20)
    meta.set_column(1, 1, 90)
    entries = [("format", WORKBOOK_FORMAT), ("format_version", str(WORKBOOK_FORMAT_VERSION))]
    entries += [(key, "" if getattr(catalog, key) is None else str(getattr(catalog, key))) for key in META_KEYS]
    if signature:
        entries += list(zip(SIGNATURE_KEYS, signature))
    _print_setup(meta, 1, len(entries) + 3)
    for row, (key, value) in enumerate(entries):
        meta.write_string(row, 0, key, bold)
        meta.write_string(row, 1, value, wrap)
        meta.set_row(row, text_height(value, 90))
    note = len(entries) + 1
    meta.write_string(note, 0, "how to edit", bold)
    meta.write_string(note, 1, "Edit the recommendations sheet: part/section/theme cluster a recommendation "
                               "(a new title makes a new heading), text_km holds the Khmer text (km_status: "
                               "working until reviewed). Keep code and source_key: feedback refers to them. "
                               "Khmer heading titles are on the headings sheet. See docs/catalog-format.md.", wrap)
    meta.set_row(note, 50)
    meta.set_row(note + 1, 50)
    meta.write_string(note + 1, 1, "កែសម្រួលសន្លឹក recommendations៖ part/section/theme ចាត់ក្រុមអនុសាសន៍ "
                                   "text_km ជាអត្ថបទខ្មែរ (km_status៖ working រហូតដល់ត្រួតពិនិត្យរួច)។ "
                                   "កុំប្ដូរ code និង source_key។", wrap)

    heads = workbook.add_worksheet(HEADINGS_SHEET)
    for col, (key, width) in enumerate((("key", 22), ("parent", 22), ("title", 60), ("title_km", 60))):
        heads.write_string(0, col, key, bold)
        heads.set_column(col, col, width, wrap if key.startswith("title") else top)
    for row, heading in enumerate(catalog.headings, start=1):
        for col, value in enumerate((heading.key, heading.parent or "", heading.title, heading.title_km)):
            heads.write_string(row, col, value)
        heads.set_row(row, max(text_height(heading.title, 60), text_height(heading.title_km, 60)))
    heads.freeze_panes(1, 0)
    _print_setup(heads, 3, len(catalog.headings))

    sheet = workbook.add_worksheet(RECS_SHEET)
    for col, (key, width) in enumerate(COLUMNS):
        sheet.write_string(0, col, key, bold)
        sheet.set_column(col, col, width, wrap)
    widths = [width for _, width in COLUMNS]
    for row, rec in enumerate(catalog.recommendations, start=1):
        values = row_values(catalog, rec)
        for col, value in enumerate(values):
            if value:
                sheet.write_string(row, col, value)
        # Neither Excel nor LibreOffice grows a row to its wrapped text on opening a file.
        sheet.set_row(row, max(text_height(values[i], widths[i]) for i in _TALL))
    last = max(len(catalog.recommendations), 1) + 500  # room for rows added by hand
    sheet.autofilter(0, 0, len(catalog.recommendations), len(COLUMNS) - 1)
    sheet.freeze_panes(1, 1)
    # Printed: code to position, the columns people read.
    _print_setup(sheet, KEYS.index("position"), len(catalog.recommendations))

    lists = workbook.add_worksheet(LISTS_SHEET)
    parts = list(dict.fromkeys(h.title for h in catalog.headings if h.parent is None))
    themes = list(dict.fromkeys(h.title for h in catalog.headings if h.parent is not None))
    dropdowns: tuple[tuple[str, Sequence[str]], ...] = (("position", POSITIONS), ("km_status", KM_STATUSES),
                                                        ("part", parts), ("theme", themes))
    for col, (name, choices) in enumerate(dropdowns):
        lists.write_string(0, col, name, bold)
        for row, value in enumerate(choices, start=1):
            lists.write_string(row, col, value)
        if not choices:
            continue
        letter = chr(ord("A") + col)
        source = f"={LISTS_SHEET}!${letter}$2:${letter}${len(choices) + 1}"
        target = KEYS.index(name)
        # Clusters and themes may be new: a title not in the list is allowed, with a note.
        strict = name in ("position", "km_status")
        sheet.data_validation(1, target, last, target, {
            "validate": "list", "source": source, "ignore_blank": True,
            "error_type": "stop" if strict else "information",
            "error_title": name, "error_message": f"Choose a {name} from the list."
            if strict else f"Not an existing {name}: a new one will be made."})
    workbook.close()
    return out


def _print_setup(sheet: Worksheet, last_col: int, last_row: int) -> None:
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.print_area(0, 0, max(last_row, 1), last_col)  # whole columns ($A:$J) trip openpyxl
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(0)
    sheet.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.5)


# -- reading ------------------------------------------------------------------------------
def _pairs(rows: list[list[Any]]) -> dict[str, str]:
    out = {}
    for row in rows:
        if len(row) >= 2 and cell_text(row[0]):
            out[cell_text(row[0])] = cell_text(row[1])
    return out


def _sheet(workbook: CalamineWorkbook, path: Path, name: str) -> list[list[Any]]:
    if name not in workbook.sheet_names:
        raise InputError(f"{path.name}: not a catalog workbook (no sheet '{name}')").keyed(
            "catalog_sheet_missing", file=path.name, sheet=name)
    try:
        return workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
    except Exception as error:
        raise InputError(f"{path.name}: sheet '{name}' cannot be read ({error})").keyed(
            "catalog_sheet_unreadable", file=path.name, sheet=name, error=str(error)) from None


def _slug(title: str, taken: set[str]) -> str:
    base = re.sub(r"[^A-Za-z0-9]+", "-", title).strip("-")[:40] or "heading"
    key, n = base, 2
    while key in taken:
        key, n = f"{base}-{n}", n + 1
    return key


def is_catalog_workbook(workbook: CalamineWorkbook) -> bool:
    return CATALOG_SHEET in workbook.sheet_names and RECS_SHEET in workbook.sheet_names


def read_catalog_workbook(path: str | Path, workbook: CalamineWorkbook | None = None) -> CatalogWorkbook:
    from consultation_app.exchange.safety import open_checked

    path = Path(path)
    workbook = workbook or open_checked(path)
    meta = _pairs(_sheet(workbook, path, CATALOG_SHEET))
    if meta.get("format") != WORKBOOK_FORMAT:
        raise InputError(f"{path.name}: sheet '{CATALOG_SHEET}': format must be '{WORKBOOK_FORMAT}'").keyed(
            "catalog_sheet_missing", file=path.name, sheet=CATALOG_SHEET)
    if meta.get("format_version") not in (str(WORKBOOK_FORMAT_VERSION),):
        raise InputError(f"{path.name}: catalog workbook format_version {meta.get('format_version')!r} is not "
                         f"supported (this app reads version {WORKBOOK_FORMAT_VERSION})").keyed(
            "catalog_version", file=path.name, found=meta.get("format_version"), readable=WORKBOOK_FORMAT_VERSION)
    headings: list[dict[str, Any]] = []
    for number, row in enumerate(_sheet(workbook, path, HEADINGS_SHEET)[1:], start=2):
        values = [cell_text(v) for v in row] + [""] * 4
        if any(values[:4]):
            headings.append({"key": values[0], "parent": values[1] or None, "title": values[2],
                             "title_km": values[3], "_row": number})
    by_title: dict[tuple[str | None, str], str] = {(h["parent"], h["title"]): h["key"] for h in headings}
    taken: set[str] = {h["key"] for h in headings}

    def heading_for(part: str, section: str, theme: str) -> str:
        parent: str | None = None
        if not part:
            if (None, UNCLUSTERED[1]) not in by_title:
                by_title[(None, UNCLUSTERED[1])] = UNCLUSTERED[0] if UNCLUSTERED[0] not in taken else _slug(
                    UNCLUSTERED[0], taken)
                taken.add(by_title[(None, UNCLUSTERED[1])])
                headings.append({"key": by_title[(None, UNCLUSTERED[1])], "parent": None,
                                 "title": UNCLUSTERED[1], "title_km": UNCLUSTERED[2]})
            parent = by_title[(None, UNCLUSTERED[1])]
        for title in (part, section, theme):
            if not title:
                continue
            key = by_title.get((parent, title))
            if key is None:  # a cluster or theme typed in the workbook: a new heading
                key = _slug(title, taken)
                taken.add(key)
                by_title[(parent, title)] = key
                headings.append({"key": key, "parent": parent, "title": title, "title_km": ""})
            parent = key
        assert parent is not None
        return parent

    rows = _sheet(workbook, path, RECS_SHEET)
    if not rows:
        raise InputError(f"{path.name}: sheet '{RECS_SHEET}' is empty").keyed("catalog_named_sheet_empty",
                                                                               file=path.name, sheet=RECS_SHEET)
    header = [cell_text(v) for v in rows[0]]
    missing = [key for key in ("code", "text") if key not in header]
    if missing:
        raise InputError(f"{path.name}: sheet '{RECS_SHEET}': no column {', '.join(missing)} in the first "
                         f"row").keyed("catalog_columns_missing", file=path.name, columns=", ".join(missing))
    index = {key: header.index(key) for key in KEYS if key in header}
    result_rows: list[dict[str, Any]] = []
    bad: list[tuple[int, str]] = []
    codes: dict[str, int] = {}
    total = 0
    for number, row in enumerate(rows[1:], start=2):
        cells = {key: row[i] if i < len(row) else None for key, i in index.items()}
        if not any(cell_text(v) for v in cells.values()):
            continue
        total += 1
        where = f"{path.name}: sheet '{RECS_SHEET}', row {number}"
        try:
            entry = _entry(cells, where)
            entry["heading"] = heading_for(cell_text(cells.get("part")), cell_text(cells.get("section")),
                                           cell_text(cells.get("theme")))
            rec = parse_recommendation(entry, where, taken)
            if rec.code in codes:
                raise InputError(f"{where}: code {rec.code} is also on row {codes[rec.code]}")
        except InputError as error:
            bad.append((number, str(error).removeprefix(where + ": ")))
            continue
        codes[rec.code] = number
        result_rows.append(entry)
    data = {"format": CATALOG_FORMAT, "format_version": CATALOG_FORMAT_VERSION,
            **{key: meta.get(key, "") for key in META_KEYS},
            "headings": [{k: v for k, v in h.items() if k != "_row"} for h in headings],
            "recommendations": result_rows}
    cycle = meta.get("cycle", "")
    data["cycle"] = int(float(cycle)) if re.fullmatch(r"\d+(\.0)?", cycle) else None
    if not result_rows:
        raise InputError(f"{path.name}: sheet '{RECS_SHEET}' has no recommendation that can be read"
                         + (f" (row {bad[0][0]}: {bad[0][1]})" if bad else "")).keyed(
            "catalog_no_readable_row", file=path.name, sheet=RECS_SHEET)
    catalog = parse_catalog(data, f"{path.name}: sheet '{CATALOG_SHEET}'")
    return CatalogWorkbook(catalog, meta.get("content_sha256", ""), meta.get("signed_by", ""),
                           meta.get("signature", ""), bad, total)


def _entry(cells: dict[str, Any], where: str) -> dict:
    text = {key: cell_text(cells.get(key)) for key in ("code", "text", "text_km", "km_status", "position",
                                                        "paragraph", "document_symbol", "session", "source_key")}
    sdgs = []
    for piece in re.split(r"[,;\s]+", cell_text(cells.get("sdgs"))):
        if not piece:
            continue
        if not piece.isdigit():
            raise InputError(f"{where}: column 'sdgs': {piece!r} is not a goal number 1-17")
        sdgs.append(int(piece))
    lists = {key: list(multi_values(cells.get(key))) for key in ("recommending_states", "themes",
                                                                 "affected_persons", "groups")}
    targets = [t for piece in multi_values(cells.get("sdg_targets")) for t in re.split(r"[,;\s]+", piece) if t]
    if text["position"]:
        text["position"] = text["position"].casefold()
    if text["km_status"]:
        text["km_status"] = text["km_status"].casefold()
    return {**text, "sdgs": sdgs, "sdg_targets": targets, **lists}
