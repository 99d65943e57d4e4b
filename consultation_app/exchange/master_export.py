"""The central office's master workbook: everything merged so far, in one file for people.

Sheets, in reading order: ``cover`` (English and Khmer: what this is, how much it holds),
``overview`` (one row per recommendation in the annex's order, with the figures of the
consultations that discussed it), ``consultations``, ``feedback`` and ``notes`` (every live
record, each with the device and export it came from), ``devices`` (who sent what, and
which exports never arrived), ``files`` (every workbook the central office was given),
``conflicts`` (the versions waiting for review: one row per field that differs, both values,
both devices) and ``lists`` (what the enumeration keys mean).

It looks like an export: a bilingual label row above a row of ASCII keys that heads an Excel
table, frozen panes, set widths, wrapped text, landscape A4 printing. It is read in one
snapshot of the database and written atomically. It is a report, not an exchange file:
nothing reads it back.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from consultation_app import __version__, paths
from consultation_app.domain.conflicts import differing_fields
from consultation_app.domain.records import CONSULTATION, FEEDBACK, NOTE, RecordKind, utc_now
from consultation_app.domain.reference import ReferenceLists
from consultation_app.errors import AppError, said
from consultation_app.exchange.attachment_sheet import write_attachment_list
from consultation_app.exchange.consent_gate import ConsentGate
from consultation_app.exchange.files import atomic_output, open_workbook, scratch_job, workbook_target
from consultation_app.exchange.implementation_sheets import write_implementation_sheets
from consultation_app.exchange.progress import Cancelled, Progress, Ticker
from consultation_app.exchange.readable_columns import LANGUAGES, MACHINE_ONLY, Labeller, people_columns, sheet_layout
from consultation_app.exchange.sheet_writer import DataSheet, Formats, add_full_width_table, write_lists_sheet
from consultation_app.exchange.workbook_format import (
    _LABELS,
    _SYNC,
    _TECHNICAL,
    INT,
    TEXT,
    TIMESTAMP,
    Column,
)
from consultation_app.storage import conflict_queries, export_queries, merge_store, report_queries
from consultation_app.storage.connection import open_database
from consultation_app.storage.pg_connection import is_postgresql_url, open_postgresql

if TYPE_CHECKING:
    from xlsxwriter.workbook import Workbook
    from xlsxwriter.worksheet import Worksheet

    from consultation_app.storage.store import Store

COVER, OVERVIEW, DEVICES, FILES, CONFLICTS = "cover", "overview", "devices", "files", "conflicts"
LIST_NAMES = ["stakeholder_groups", "provinces", "priorities", "implementation_assessments", "attribution",
              "consent_policies", "consultation_status", "languages"]

PROVENANCE_COLUMNS = (
    Column("device_name", TEXT, "Device", "ឧបករណ៍", 18),
    Column("device_id", TEXT, "Device id", "លេខសម្គាល់ឧបករណ៍", 38),
    Column("export_id", TEXT, "Export id (latest from the device, see cover)",
           "លេខសម្គាល់ការនាំចេញ", 38),
    Column("merged_at", TIMESTAMP, "Merged at (UTC)", "បញ្ចូលនៅ (UTC)", 24),
)
_SENSITIVE = Column("sensitive", "bool", *_LABELS["sensitive"])


def master_columns(kind: RecordKind) -> tuple[tuple[Column, ...], int]:
    """A record sheet's columns and how many of them are printed: the sensitive flag first
    (where a reader sees it), then the export's readable columns (the consultation's title,
    date, group and province on feedback and notes; labels for keys), then provenance, the
    keys, ids and sync fields (folded away). The record's own device id is the provenance
    one; ``deleted`` is left out (every record here is live)."""
    columns, shown = sheet_layout(kind.table)
    people = people_columns(kind.table)
    readable = [c for c in columns[:shown] if c.key != "sensitive"]
    unprinted = [c for c in columns[shown:people] if c.key != "sensitive"]
    keys = [c for c in columns[people:] if c.key not in MACHINE_ONLY]
    ids = [c for c in columns[people:] if c.key in _TECHNICAL]
    sync = [c for c in _SYNC if c.key not in ("device_id", "deleted")]
    printed = ([_SENSITIVE] if "sensitive" in kind.field_names else []) + readable
    provenance = list(PROVENANCE_COLUMNS)  # the device name printed; the rest beside the unprinted columns
    return (tuple(printed + provenance[:1] + unprinted + provenance[1:] + keys + ids + sync),
            len(printed) + 1)


DEVICE_COLUMNS = (
    Column("device_name", TEXT, "Device", "ឧបករណ៍", 20),
    Column("first_seen_at", TIMESTAMP, "First seen (UTC)", "ឃើញដំបូង (UTC)", 24),
    Column("last_seen_at", TIMESTAMP, "Last seen (UTC)", "ឃើញចុងក្រោយ (UTC)", 24),
    Column("exports_received", INT, "Exports received", "ការនាំចេញដែលបានទទួល", 11),
    Column("highest_export_seq", INT, "Highest export number", "លេខនាំចេញខ្ពស់បំផុត", 11),
    Column("missing_count", INT, "Exports missing", "ការនាំចេញដែលខ្វះ", 11),
    Column("missing_seqs", TEXT, "Missing export numbers", "លេខនាំចេញដែលខ្វះ", 30),
    Column("consultations", INT, "Consultations", "ការពិគ្រោះយោបល់", 13),
    Column("feedback", INT, "Feedback entries", "មតិយោបល់", 11),
    Column("notes", INT, "Notes", "កំណត់ចំណាំ", 9),
    Column("device_id", TEXT, "Device id", "លេខសម្គាល់ឧបករណ៍", 38),
)
_COUNT_KEYS = ("new", "updated", "unchanged", "stale", "conflicts")
FILE_COLUMNS = (
    Column("merged_at", TIMESTAMP, "Received at (UTC)", "ទទួលនៅ (UTC)", 22),
    Column("file_name", TEXT, "File", "ឯកសារ", 30),
    Column("status", TEXT, "Status", "ស្ថានភាព", 14),
    Column("message", TEXT, "Message", "សារ", 50),
    Column("warnings", TEXT, "Warnings", "ការព្រមាន", 40),
    Column("device_name", TEXT, "Device", "ឧបករណ៍", 18),
    Column("export_seq", INT, "Export number", "លេខនាំចេញ", 9),
    Column("new", INT, "New", "ថ្មី", 8),
    Column("updated", INT, "Updated", "បានកែ", 8),
    Column("unchanged", INT, "Unchanged", "មិនប្រែ", 9),
    Column("stale", INT, "Stale", "ចាស់", 8),
    Column("conflicts", INT, "Conflicts", "ជម្លោះ", 9),
    Column("export_id", TEXT, "Export id", "លេខសម្គាល់ការនាំចេញ", 38),
    Column("device_id", TEXT, "Device id", "លេខសម្គាល់ឧបករណ៍", 38),
    Column("path", TEXT, "Path as given", "ទីតាំងឯកសារ", 40),
    Column("file_sha256", TEXT, "File SHA-256", "SHA-256 នៃឯកសារ", 20),
)

# One row per field that differs between the version held and the one waiting for review.
CONFLICT_COLUMNS = (
    Column("sensitive", "bool", "Sensitive (either version)", "រសើប (កំណែណាមួយ)", 10),
    Column("record_table", TEXT, "Record type", "ប្រភេទកំណត់ត្រា", 13),
    Column("field", TEXT, "Field", "វាល", 20),
    Column("current_value", TEXT, "Value held", "តម្លៃដែលមាន", 40),
    Column("incoming_value", TEXT, "Value waiting for review", "តម្លៃដែលរង់ចាំការពិនិត្យ", 40),
    Column("current_device_name", TEXT, "Device of the value held", "ឧបករណ៍នៃតម្លៃដែលមាន", 18),
    Column("incoming_device_name", TEXT, "Device of the value waiting", "ឧបករណ៍នៃតម្លៃដែលរង់ចាំ", 18),
    Column("detected_at", TIMESTAMP, "Found at (UTC)", "រកឃើញនៅ (UTC)", 22),
    Column("revision", INT, "Revision", "កំណែ", 9),
    Column("conflict_id", INT, "Conflict number", "លេខជម្លោះ", 9),
    Column("record_uuid", TEXT, "Record id", "លេខសម្គាល់កំណត់ត្រា", 38),
    Column("current_device_id", TEXT, "Device id (held)", "លេខសម្គាល់ឧបករណ៍ (មាន)", 38),
    Column("incoming_device_id", TEXT, "Device id (waiting)", "លេខសម្គាល់ឧបករណ៍ (រង់ចាំ)", 38),
    Column("export_id", TEXT, "Export id (waiting)", "លេខសម្គាល់ការនាំចេញ", 38),
    # added last (workbook format notes, docs/workbook-format.md): scripts read the columns before it by place
    Column("reason", TEXT, "Why it waits for review", "ហេតុអ្វីវារង់ចាំការពិនិត្យ", 60),
)
# A conflict stored without a reason (a database from before reasons were kept): what every conflict is.
PLAIN_CONFLICT = said("two versions of this record differ: a person chooses the one that stands", "conflict_plain")

# The overview's breakdowns: (figure dimension, reference list, key prefix, band title en, km).
BREAKDOWNS = (
    ("stakeholder_group", "stakeholder_groups", "group", "Consultations, by stakeholder group",
     "ការពិគ្រោះយោបល់ តាមក្រុមអ្នកពាក់ព័ន្ធ"),
    ("priority", "priorities", "priority", "Feedback entries, by priority", "មតិយោបល់ តាមអាទិភាព"),
    ("implementation_assessment", "implementation_assessments", "assessment",
     "Feedback entries, by implementation assessment", "មតិយោបល់ តាមការវាយតម្លៃការអនុវត្ត"),
    ("province", "provinces", "province", "Consultations, by province", "ការពិគ្រោះយោបល់ តាមខេត្ត"),
)
NOT_RECORDED_LABEL = ("Not recorded", "មិនបានកត់ត្រា")
UNKNOWN_PART = ("(not in the loaded catalog)", "(មិនមាននៅក្នុងបញ្ជីអនុសាសន៍)")


@dataclass
class MasterResult:
    path: Path
    generated_at: str
    counts: dict[str, int]
    totals: dict[str, int] = field(default_factory=dict)


def write_master_export(database_path: Path | str, out: Path, reference: ReferenceLists,
                        language: str = "en", say: Callable[[object], str] = str,
                        progress: Progress | None = None, cancelled: Cancelled | None = None) -> MasterResult:
    """``language``: of the labels in the record sheets' readable columns (en or km); ``say``:
    a conflict's reason (an errors.Said) in that language (ui/error_text.said_in), English by
    default. ``progress(done, total)``: reading, each consultation, entry and note written, the
    other sheets, saving; ``cancelled()`` stops it between two of those (WriteCancelled, nothing
    written).
    ``database_path``: the data folder's database, or a central office's postgresql:// URL
    (its scratch files then go to the data folder, as a SQLite store's do)."""
    if language not in LANGUAGES:
        raise AppError(f"language {language!r}: expected one of {', '.join(LANGUAGES)}")
    out = workbook_target(out, "the master workbook")
    ticker = Ticker(progress, cancelled, 3, str(out))  # reading, the other sheets, saving; the rows once counted
    # Its own connection: may run off the GUI thread.
    if isinstance(database_path, str) and is_postgresql_url(database_path):
        db, database_path = open_postgresql(database_path), Path(paths.data_dir()) / paths.DATABASE_NAME
    else:
        database_path = Path(database_path)
        db = open_database(database_path)
    try:
        with export_queries.snapshot(db):  # one consistent state, however merges write meanwhile
            generated_at = utc_now()
            totals = report_queries.central_totals(db)
            by_status = report_queries.files_by_status(db)
            allowed = {dimension: reference.keys(name) for dimension, name, *_ in BREAKDOWNS}
            figures = report_queries.recommendation_figures(db, allowed)
            devices = report_queries.device_accounts(db)
            files = merge_store.merge_log(db)
            conflicts = conflict_rows(conflict_queries.open_conflicts_with_held(db), say)
            ticker.grow(sum(report_queries.count_live(db, kind) for kind in (CONSULTATION, FEEDBACK, NOTE)))
            ticker.step()
            with scratch_job(database_path) as job, atomic_output(out, job) as temporary:
                with open_workbook(temporary, constant_memory=True, scratch=job.folder) as workbook:
                    counts = _write(workbook, db, reference, generated_at, totals, by_status, figures, devices,
                                    files, conflicts, language, ticker.step)
                ticker.step(ticker.total)  # saved: the last step, and the last chance to cancel
    finally:
        db.conn.close()
    return MasterResult(out, generated_at, counts, totals)


def _write(workbook: Workbook, db: Store, reference: ReferenceLists, generated_at: str, totals: dict[str, int],
           by_status: dict[str, int], figures: list[dict[str, Any]], devices: list[dict[str, Any]],
           files: list[dict[str, Any]], conflicts: list[dict[str, Any]], language: str,
           on_row: Callable[[], None]) -> dict[str, int]:
    workbook.set_properties({"title": "UPR consultations: master workbook", "author": "consultation-app",
                             "comments": f"consultation-app {__version__}, generated {generated_at}"})
    formats = Formats(workbook)
    cover = workbook.add_worksheet(COVER)
    _write_overview(workbook, formats, reference, figures)
    counts = {OVERVIEW: len(figures)}
    names = {device["device_id"]: device["device_name"] for device in devices}
    # The consultations, as they are written, lend their title, date, group and province to
    # the feedback and notes sheets after them.
    context: dict[str, dict[str, Any]] = {}
    labeller = Labeller(reference, language, context)
    gate = ConsentGate.load(db)  # entries beyond their recorded consent are left out here too
    # Asked once: the property looks through every consent held, and a row loop asking it per
    # row spent most of a large master export there (rows x consents).
    recorded = gate.recorded
    for kind in (CONSULTATION, FEEDBACK, NOTE):
        columns, printed = master_columns(kind)
        count = report_queries.count_live(db, kind)
        if recorded:
            count -= gate.withheld_count(kind, report_queries.iter_live_with_provenance(db, kind))
        sheet = DataSheet(workbook, formats, kind.table, columns, count, {}, printed, fold_machine_columns=True)
        written = 0
        for row in report_queries.iter_live_with_provenance(db, kind):
            on_row()
            if recorded and gate.withheld_reason(kind, row):
                continue
            if kind is CONSULTATION:
                context[row["uuid"]] = {key: row[key] for key in ("title", "start_date", "stakeholder_group",
                                                                  "province")}
            sheet.write_row(labeller.fill(kind.table, row))
            written += 1
        if written != count:  # the snapshot makes this impossible; a wrong table range is not an option
            raise AppError(f"{kind.table}: counted {count} records but read {written}")
        counts[kind.table] = count
    on_row()  # the record sheets written; the others follow
    sheet = DataSheet(workbook, formats, DEVICES, DEVICE_COLUMNS, len(devices), {}, 10)
    for device in devices:
        sheet.write_row(device)
    counts[DEVICES] = len(devices)
    sheet = DataSheet(workbook, formats, FILES, FILE_COLUMNS, len(files), {}, 12)
    for entry in files:
        sheet.write_row({**entry, **{key: entry["counts"].get(key, 0) for key in _COUNT_KEYS},
                         "file_name": Path(entry["path"]).name, "device_name": names.get(entry["device_id"], ""),
                         "warnings": "\n".join(entry["warnings"])})
    counts[FILES] = len(files)
    sheet = DataSheet(workbook, formats, CONFLICTS, CONFLICT_COLUMNS, len(conflicts), {}, 9)
    sheet.khmer_lines = True  # the reasons, in Khmer, run over several lines
    for row in conflicts:
        sheet.write_row(row)
    counts[CONFLICTS] = len(conflicts)
    counts.update(write_implementation_sheets(workbook, formats, db))
    counts["attachments"] = write_attachment_list(workbook, formats, db)
    write_lists_sheet(workbook, reference, LIST_NAMES)
    _write_cover(cover, formats, generated_at, totals, by_status)
    cover.activate()
    return counts


def conflict_rows(conflicts: list[dict], say: Callable[[object], str] = str) -> list[dict[str, Any]]:
    """The conflicts sheet's rows: one per field that differs, values as text, and why the
    conflict waits (said by ``say``)."""
    rows = []
    for conflict in conflicts:
        reason = say(conflict.get("reason") or PLAIN_CONFLICT)
        current, incoming = conflict["current"] or {}, conflict["incoming"]
        sensitive = bool(current.get("sensitive") or incoming.get("sensitive"))
        for name, before, after in differing_fields(conflict["record_table"], conflict["current"], incoming):
            rows.append({"sensitive": sensitive, "record_table": conflict["record_table"], "field": name,
                         "current_value": _as_cell_text(before), "incoming_value": _as_cell_text(after),
                         "current_device_name": conflict["current_device_name"],
                         "incoming_device_name": conflict["incoming_device_name"],
                         "detected_at": conflict["detected_at"], "revision": conflict["revision"],
                         "conflict_id": conflict["id"], "record_uuid": conflict["record_uuid"],
                         "current_device_id": conflict["current_device_id"] or "",
                         "incoming_device_id": conflict["incoming_device_id"], "export_id": conflict["export_id"],
                         "reason": reason})
    return rows


def _as_cell_text(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return "" if value is None else str(value)


# -- overview ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Count:
    key: str
    label_en: str
    label_km: str
    dimension: str | None  # None: a total
    value: str | None


def _count_columns(reference: ReferenceLists, figures: list[dict]) -> list[tuple[str, str, str, list[_Count]]]:
    """Per band: (key prefix, title en, title km, columns). Every value of the reference list
    (a stable shape); a 'not recorded' column only when some recommendation needs it."""
    bands = [("total", "Totals", "សរុប", [
        _Count("consultations", "Consultations that discussed it", "ការពិគ្រោះយោបល់ដែលបានពិភាក្សា", None, None),
        _Count("feedback", "Feedback entries", "មតិយោបល់", None, None)])]
    for dimension, list_name, prefix, title_en, title_km in BREAKDOWNS:
        columns = [_Count(f"{prefix}_{item.key}", item.en, item.km, dimension, item.key)
                   for item in reference.items(list_name)]
        if any(row[dimension].get(report_queries.NOT_RECORDED) for row in figures):
            columns.append(_Count(f"{prefix}_not_recorded", *NOT_RECORDED_LABEL, dimension,
                                  report_queries.NOT_RECORDED))
        bands.append((prefix, title_en, title_km, columns))
    return bands


_TEXT_COLUMNS = (  # key, label en, label km, width
    ("code", "Code", "លេខកូដ", 8),
    ("part", "Part", "ផ្នែក", 24),
    ("theme", "Theme", "ប្រធានបទ", 22),
    ("text", "Recommendation", "អនុសាសន៍", 56),
)
_TRAILING = (("section", "Section", "ផ្នែករង", 18), ("catalog_id", "Catalog", "បញ្ជីអនុសាសន៍", 20))
_COUNT_WIDTH, _TOTAL_WIDTH = 4.3, 7.5
_FONT = 9


def _write_overview(workbook: Workbook, formats: Formats, reference: ReferenceLists, figures: list[dict]) -> None:
    sheet = workbook.add_worksheet(OVERVIEW)
    band = workbook.add_format({"bold": True, "font_size": _FONT, "bg_color": "#D5DFEA", "align": "center",
                                "valign": "vcenter", "text_wrap": True, "border": 1, "border_color": "#FFFFFF"})
    label = workbook.add_format({"bold": True, "font_size": _FONT, "bg_color": "#E8EEF4", "text_wrap": True,
                                 "valign": "bottom"})
    upright = workbook.add_format({"bold": True, "font_size": _FONT, "bg_color": "#E8EEF4", "text_wrap": True,
                                   "rotation": 90, "align": "center", "valign": "bottom"})
    text = workbook.add_format({"font_size": _FONT, "text_wrap": True, "valign": "top"})
    code = workbook.add_format({"font_size": _FONT, "bold": True, "valign": "top"})
    total = workbook.add_format({"font_size": _FONT, "bold": True, "valign": "top", "align": "center",
                                 "num_format": "0", "left": 1, "left_color": "#B7C5D6"})
    # Zeros are written (they are figures) but shown blank: a page of zeros hides the counts.
    count = workbook.add_format({"font_size": _FONT, "valign": "top", "align": "center", "num_format": '0;-0;""'})
    first_of_band = workbook.add_format({"font_size": _FONT, "valign": "top", "align": "center",
                                         "num_format": '0;-0;""', "left": 1, "left_color": "#B7C5D6"})
    # Keys are for the machine (the table's header): small and grey, shrunk into narrow columns.
    key_format = workbook.add_format({"font_size": 7, "font_color": "#666666", "valign": "top", "shrink": True})
    unknown = workbook.add_format({"font_size": _FONT, "italic": True, "text_wrap": True, "valign": "top",
                                   "font_color": "#9C0006"})

    bands = _count_columns(reference, figures)
    # Column plan: (key, label en, label km, width, kind) with kind text, total or count.
    plan: list[tuple[str, str, str, float, Any]] = [(k, en, km, w, "text") for k, en, km, w in _TEXT_COLUMNS]
    band_spans = []
    for _, title_en, title_km, columns in bands:
        start = len(plan)
        for index, column in enumerate(columns):
            plan.append((column.key, column.label_en, column.label_km,
                         _TOTAL_WIDTH if column.dimension is None else _COUNT_WIDTH, (column, index == 0)))
        band_spans.append((start, len(plan) - 1, title_en, title_km))
    printed = len(plan)
    plan += [(k, en, km, w, "text") for k, en, km, w in _TRAILING]
    keys = [entry[0] for entry in plan]

    for index, (_, _, _, width, _) in enumerate(plan):
        sheet.set_column(index, index, width)
    # Row 0: what each block of counts counts. Row 1: labels. Row 2: keys, the table's header.
    sheet.set_row(0, 46)
    sheet.merge_range(0, 0, 0, len(_TEXT_COLUMNS) - 1, "Recommendation\nអនុសាសន៍", band)
    for start, end, title_en, title_km in band_spans:
        if end > start:
            sheet.merge_range(0, start, 0, end, f"{title_en}\n{title_km}", band)
        else:
            sheet.write_string(0, start, f"{title_en}\n{title_km}", band)
    sheet.set_row(1, 128)
    for index, (_, en, km, _, kind) in enumerate(plan):
        sheet.write_string(1, index, f"{en}\n{km}", label if kind == "text" else upright)
    last_row = 2 + max(len(figures), 1)
    add_full_width_table(sheet, "overview_table", 2, last_row, keys)
    for index, key in enumerate(keys):
        sheet.write_string(2, index, key, key_format)

    wrapping = [(index, width * 1.3) for index, (_, _, _, width, kind) in enumerate(plan) if kind == "text"]
    for offset, figure in enumerate(figures):
        row = 3 + offset
        values = dict(figure)
        if not figure["in_catalog"]:
            values["part"], values["theme"] = f"{UNKNOWN_PART[0]}\n{UNKNOWN_PART[1]}", ""
        lines = max(1, *(_lines(str(values.get(plan[i][0]) or ""), per_line) for i, per_line in wrapping))
        sheet.set_row(row, min(12.0 * lines + 2, 409.0))
        for index, (key, _, _, _, kind) in enumerate(plan):
            if kind == "text":
                value = str(values.get(key) or "")
                if value:
                    cell_format = code if key == "code" else (unknown if key == "part" and not figure["in_catalog"]
                                                              else text)
                    sheet.write_string(row, index, value, cell_format)
                continue
            column, first = kind
            if column.dimension is None:
                sheet.write_number(row, index, figure[column.key], total)
            else:
                sheet.write_number(row, index, figure[column.dimension].get(column.value, 0),
                                   first_of_band if first else count)

    if figures:  # how often each recommendation came up, at a glance
        consultations = keys.index("consultations")
        sheet.conditional_format(3, consultations, last_row, consultations, {
            # Without Excel 2010's extension (extLst), which openpyxl cannot read.
            "type": "data_bar", "bar_color": "#C5D7EC", "data_bar_2010": False, "min_type": "num", "min_value": 0})
        for start, end, *_ in band_spans[1:]:
            sheet.conditional_format(3, start, last_row, end, {
                "type": "2_color_scale", "min_type": "num", "min_value": 0, "min_color": "#FFFFFF",
                "max_color": "#F4B183"})
    sheet.freeze_panes(3, 1)
    sheet.set_landscape()
    sheet.set_paper(8)  # A3: the recommendation and its 40-odd counts across one page
    sheet.repeat_rows(0, 2)
    sheet.print_area(0, 0, last_row, printed - 1)
    sheet.fit_to_pages(1, 0)
    sheet.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.5)
    sheet.set_footer(f"&L{OVERVIEW}&RPage &P of &N")


def _lines(text: str, per_line: float) -> int:
    return sum(max(1, math.ceil(len(part) / per_line)) for part in text.split("\n")) if text else 1


# -- cover ---------------------------------------------------------------------------------------
def _write_cover(sheet: Worksheet, formats: Formats, generated_at: str, totals: dict[str, int],
                 by_status: dict[str, int]) -> None:
    sheet.set_column(0, 0, 32)
    sheet.set_column(1, 1, 95)
    sheet.hide_gridlines(2)
    sheet.set_paper(9)
    sheet.fit_to_pages(1, 0)
    sheet.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
    statuses = ", ".join(f"{count} {status.replace('_', ' ')}" for status, count in by_status.items()) or "none"
    sensitive = totals["sensitive"]
    if sensitive:
        handling = (f"{sensitive} feedback entr(ies) and note(s) are marked sensitive (column 'sensitive'). "
                    "Handle this file as confidential: people quoted here could be put at risk.\n"
                    f"មតិយោបល់ និងកំណត់ចំណាំ {sensitive} ត្រូវបានសម្គាល់ថារសើប (ជួរឈរ 'sensitive')។ "
                    "សូមរក្សាឯកសារនេះជាការសម្ងាត់។")
    else:
        handling = ("No record here is marked sensitive. Field laptops keep sensitive records unless they are "
                    "exported with 'include sensitive content'.\nគ្មានកំណត់ត្រារសើបនៅទីនេះទេ។")
    rows = [
        ("What this is\nនេះជាអ្វី",
         "Everything the central office has merged from the field laptops: the feedback on the "
         "recommendations of the Universal Periodic Review recorded in stakeholder consultations, with "
         "figures per recommendation ('overview') and where each record came from.\n"
         "អ្វីៗទាំងអស់ដែលការិយាល័យកណ្តាលបានបញ្ចូលពីកុំព្យូទ័រចុះមូលដ្ឋាន៖ មតិយោបល់លើអនុសាសន៍នៃការត្រួតពិនិត្យ"
         "តាមកាលកំណត់ជាសកល ដែលបានកត់ត្រាក្នុងការពិគ្រោះយោបល់ជាមួយអ្នកពាក់ព័ន្ធ ព្រមទាំងតួលេខតាមអនុសាសន៍នីមួយៗ "
         "និងប្រភពនៃកំណត់ត្រានីមួយៗ។", 5),
        ("Generated at (UTC)\nបង្កើតនៅ (UTC)", generated_at.replace("T", " ").rstrip("Z"), 1),
        ("Files received\nឯកសារដែលបានទទួល", f"{totals['files']} ({statuses})", 1),
        ("Exports merged\nការនាំចេញដែលបានបញ្ចូល", str(totals["exports_merged"]), 1),
        ("Devices\nឧបករណ៍", str(totals["devices"]), 1),
        ("Consultations\nការពិគ្រោះយោបល់", str(totals["consultations"]), 1),
        ("Feedback entries\nមតិយោបល់", str(totals["feedback"]), 1),
        ("Notes\nកំណត់ចំណាំ", str(totals["notes"]), 1),
        ("Recommendations\nអនុសាសន៍", str(totals["recommendations"]), 1),
        ("Conflicts waiting for review\nជម្លោះដែលរង់ចាំការពិនិត្យ", str(totals["open_conflicts"]), 1),
        ("Sensitive content\nខ្លឹមសាររសើប", handling, 3),
        ("Where a record came from\nប្រភពនៃកំណត់ត្រា",
         "Columns device_name, device_id, export_id and merged_at. The database does not keep which file "
         "carried each revision, so export_id names the latest export merged from the record's device; with "
         "'since the last export' files the revision may have come in an earlier one from the same device. "
         "Empty when the revision was made here.\nជួរឈរ device_name, device_id, export_id និង merged_at "
         "បង្ហាញឧបករណ៍ និងការនាំចេញចុងក្រោយពីឧបករណ៍នោះ។", 4),
        ("Sheets\nសន្លឹក",
         "overview: one row per recommendation, in the annex's order · consultations, feedback, notes: every "
         "record · devices: exports received and missing · files: every file given to the merge · conflicts: "
         "the versions waiting for review, field by field · lists: what the keys mean\noverview៖ អនុសាសន៍នីមួយៗ · "
         "consultations, feedback, notes៖ កំណត់ត្រាទាំងអស់ · devices៖ ឧបករណ៍ · files៖ ឯកសារទាំងអស់ · conflicts៖ "
         "ជម្លោះដែលរង់ចាំការពិនិត្យ · lists៖ អត្ថន័យនៃពាក្យគន្លឹះ", 4),
    ]
    sheet.set_row(0, 24)
    sheet.set_row(1, 24)
    sheet.write_string(0, 0, "UPR consultations: master workbook", formats.title)  # overflows into B
    sheet.write_string(1, 0, "ឯកសាររួមនៃការពិគ្រោះយោបល់ UPR", formats.title)
    for index, (label, value, lines) in enumerate(rows, start=3):
        sheet.set_row(index, max(32, 17 * lines + 4))
        sheet.write_string(index, 0, label, formats.heading)
        sheet.write_string(index, 1, value, formats.body)
