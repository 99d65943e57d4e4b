"""The blank capture template (``upr-capture-template``): a workbook for facilitators without
a laptop, to fill in Excel or LibreOffice, or to print and fill by hand.

Sheets, in reading order: ``instructions`` (English and Khmer side by side), ``details``
(one row: who, where, when, how many), ``feedback`` (one row per recommendation, the code,
theme and texts filled in and grey), ``notes`` (empty rows), ``lists`` (the allowed values
behind every drop-down) and ``manifest`` (key and value, for the machine).

Like the export's data sheets, each table has a bilingual label row above a grey row of
ASCII machine keys, which is the header of an Excel table. The pre-filled cells and the key
rows are locked by sheet protection without a password (Unprotect Sheet undoes
it); the cells to fill in are not. Every text is written as a string, never a formula.
"""

from __future__ import annotations

import datetime as dt
import math
import unicodedata
import uuid as uuid_module
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from consultation_app import __version__
from consultation_app.domain.records import utc_now
from consultation_app.domain.reference import ReferenceLists
from consultation_app.domain.text import clean_text, needs_cleaning
from consultation_app.exchange.files import atomic_output, open_workbook, workbook_target
from consultation_app.exchange.sheet_writer import list_ranges, write_lists_sheet
from consultation_app.exchange.workbook_format import (
    _LABELS,
    DATE,
    ENUM,
    ENUM_LIST,
    FEEDBACK_SHEET,
    FORMULA_TRIGGERS,
    INT,
    LISTS,
    MANIFEST,
    NOTES,
    TEMPLATE_FORMAT_NAME,
    TEXT,
    Column,
)
from consultation_app.exchange.workbook_reader import column_letter

TEMPLATE_FORMAT_VERSION = 1
INSTRUCTIONS, DETAILS = "instructions", "details"
THEMES = "themes"  # the catalog's themes, a block on the lists sheet after the reference lists
# Reference lists the template draws on, in their order on the lists sheet.
TEMPLATE_LISTS = ["stakeholder_groups", "provinces", "consent_policies", "languages", "priorities",
                  "implementation_assessments"]
NOTE_ROWS = 20
FILL_ROW_HEIGHT = 60  # points: room to write by hand on the printed feedback sheet
MANIFEST_KEYS = ("format", "format_version", "template_id", "catalog_id", "created_at", "app_version",
                 "recommendations")


@dataclass
class TemplateResult:
    path: Path
    recommendations: int
    template_id: str = ""


def _column(key: str, kind: str, width: int, reference: str | None = None, *, en: str | None = None,
            km: str | None = None) -> Column:
    """A column labelled as in the export where the key is the same, unless told otherwise."""
    label_en, label_km, _ = _LABELS.get(key, (key, key, width))
    return Column(key, kind, en or label_en, km or label_km, width, reference)


DETAILS_COLUMNS = (
    _column("title", TEXT, 26, en="Title of the consultation", km="ចំណងជើងនៃការពិគ្រោះយោបល់"),
    _column("stakeholder_group", ENUM, 16, "stakeholder_groups"),
    _column("stakeholder_group_detail", TEXT, 16),
    _column("province", ENUM, 14, "provinces"),
    _column("district", TEXT, 13),
    _column("commune", TEXT, 13),
    _column("venue", TEXT, 16),
    _column("date", DATE, 12, en="Date (YYYY-MM-DD)", km="កាលបរិច្ឆេទ"),
    _column("end_date", DATE, 12, en="End date, if more than one day", km="ថ្ងៃបញ្ចប់ បើច្រើនជាងមួយថ្ងៃ"),
    _column("facilitator", TEXT, 15),
    _column("note_taker", TEXT, 15),
    _column("languages", ENUM_LIST, 13, "languages"),
    _column("interpretation", TEXT, 14),
    _column("participants_women", INT, 9, en="Participants: women", km="អ្នកចូលរួម៖ ស្ត្រី"),
    _column("participants_men", INT, 9, en="Participants: men", km="អ្នកចូលរួម៖ បុរស"),
    _column("participants_other", INT, 10, en="Participants: other or undisclosed",
            km="អ្នកចូលរួម៖ ផ្សេងទៀត ឬមិនបញ្ជាក់"),
    _column("participants_youth", INT, 10),
    _column("participants_disabilities", INT, 11),
    _column("participants_indigenous", INT, 11),
    _column("organisations", TEXT, 22),
    _column("consent_policy", ENUM, 17, "consent_policies"),
    _column("summary", TEXT, 40),
)

FEEDBACK_COLUMNS = (
    _column("recommendation_code", TEXT, 8, en="Code", km="លេខកូដ"),
    _column("theme", TEXT, 13),
    _column("text", TEXT, 36, en="Recommendation (English, authoritative)", km="អនុសាសន៍ (អង់គ្លេស ផ្លូវការ)"),
    _column("text_km", TEXT, 36, en="Recommendation (Khmer, unofficial)", km="អនុសាសន៍ (ខ្មែរ មិនផ្លូវការ)"),
    _column("priority", ENUM, 9, "priorities"),
    _column("implementation_assessment", ENUM, 12, "implementation_assessments"),
    _column("comment", TEXT, 26),
    _column("quote", TEXT, 18, en="Verbatim quote (anonymous)", km="សម្រង់សម្តី (អនាមិក)"),
    _column("quote_translation", TEXT, 16),
    _column("suggested_actions", TEXT, 18),
    _column("responsible_institutions", TEXT, 15),
)
PREFILLED = ("recommendation_code", "theme", "text", "text_km")

DETAILS_PAGE_BREAK = next(i for i, column in enumerate(DETAILS_COLUMNS) if column.key == "languages")

NOTE_COLUMNS = (
    _column("theme", ENUM, 28, THEMES),
    _column("title", TEXT, 34),
    _column("text", TEXT, 100, en="Note", km="កំណត់ចំណាំ"),
)


# -- the words ------------------------------------------------------------------------------

_TITLE = ("UPR consultation: capture template", "ទម្រង់កត់ត្រាការពិគ្រោះយោបល់ UPR")

_SECTIONS = (
    ("What this is", "នេះជាអ្វី",
     "A blank form to record one stakeholder consultation on the recommendations of the Universal Periodic "
     "Review (UPR), for facilitators who work without a laptop. Fill it in Excel or LibreOffice, or print it "
     "and write by hand. The central office enters it into the consultation database.",
     "ទម្រង់ទទេនេះ សម្រាប់កត់ត្រាការពិគ្រោះយោបល់មួយជាមួយអ្នកពាក់ព័ន្ធ លើអនុសាសន៍នៃការត្រួតពិនិត្យតាមកាលកំណត់ជាសកល "
     "(UPR) សម្រាប់អ្នកសម្របសម្រួលដែលធ្វើការដោយគ្មានកុំព្យូទ័រ។ អាចបំពេញក្នុង Excel ឬ LibreOffice ឬបោះពុម្ព "
     "ហើយសរសេរដោយដៃ។ ការិយាល័យកណ្តាលនឹងបញ្ចូលវាទៅក្នុងមូលដ្ឋានទិន្នន័យនៃការពិគ្រោះយោបល់។"),
    ("How to fill it", "របៀបបំពេញ",
     "1. Sheet 'details': fill the one row under the grey row: the consultation's title, who took part, "
     "where and when. Dates as YYYY-MM-DD, for example 2025-03-14.\n"
     "2. Sheet 'feedback': one row per recommendation. The code, theme and texts (grey) are filled in "
     "already. Write only in the white columns, and only for the recommendations that were discussed; "
     "leave the others empty.\n"
     "3. Sheet 'notes': anything that is not about one recommendation, one note per row.\n"
     "On paper: write clearly inside the boxes. If a box is too small, continue on the back of the page "
     "and write the recommendation code beside it.",
     "១. សន្លឹក 'details'៖ បំពេញជួរតែមួយនៅក្រោមជួរពណ៌ប្រផេះ៖ ចំណងជើងនៃការពិគ្រោះយោបល់ អ្នកចូលរួម ទីកន្លែង "
     "និងពេលវេលា។ សរសេរកាលបរិច្ឆេទជា ឆ្នាំ-ខែ-ថ្ងៃ ឧទាហរណ៍ 2025-03-14។\n"
     "២. សន្លឹក 'feedback'៖ មួយជួរសម្រាប់អនុសាសន៍នីមួយៗ។ លេខកូដ ប្រធានបទ និងអត្ថបទ (ពណ៌ប្រផេះ) "
     "បានបំពេញរួចហើយ។ សូមសរសេរតែក្នុងជួរឈរពណ៌ស និងតែសម្រាប់អនុសាសន៍ដែលបានពិភាក្សាប៉ុណ្ណោះ "
     "ហើយទុកអនុសាសន៍ផ្សេងទៀតឱ្យនៅទទេ។\n"
     "៣. សន្លឹក 'notes'៖ អ្វីដែលមិនទាក់ទងនឹងអនុសាសន៍ណាមួយ មួយកំណត់ចំណាំក្នុងមួយជួរ។\n"
     "លើក្រដាស៖ សូមសរសេរឱ្យច្បាស់នៅក្នុងប្រអប់។ បើប្រអប់តូចពេក សូមសរសេរបន្តនៅខាងក្រោយទំព័រ "
     "ហើយសរសេរលេខកូដអនុសាសន៍នៅក្បែរនោះ។"),
    ("Do not change", "សូមកុំកែប្រែ",
     "Do not change, move or delete the grey row of keys (the second row of each table), the recommendation "
     "codes, or the names of the sheets: the office's software reads the file by them. You may make rows "
     "taller and columns wider.",
     "សូមកុំកែប្រែ ផ្លាស់ទី ឬលុបជួរពណ៌ប្រផេះនៃពាក្យគន្លឹះ (ជួរទីពីរនៃតារាងនីមួយៗ) លេខកូដអនុសាសន៍ "
     "ឬឈ្មោះសន្លឹក ព្រោះកម្មវិធីរបស់ការិយាល័យអានឯកសារតាមរយៈវា។ អ្នកអាចពង្រីកកម្ពស់ជួរដេក "
     "និងទទឹងជួរឈរបាន។"),
    ("Count people, never name them", "រាប់មនុស្ស កុំដាក់ឈ្មោះ",
     "Participants are counted, never named: write how many women, men and other people took part, and how "
     "many of them were youth, persons with disabilities or indigenous, but never their names. Quotes are "
     "anonymous: do not write who said them.",
     "អ្នកចូលរួមត្រូវបានរាប់ មិនត្រូវដាក់ឈ្មោះទេ៖ សូមសរសេរចំនួនស្ត្រី បុរស និងអ្នកផ្សេងទៀតដែលបានចូលរួម "
     "និងចំនួនយុវជន ជនមានពិការភាព ឬជនជាតិដើមភាគតិចក្នុងចំណោមពួកគេ ប៉ុន្តែកុំសរសេរឈ្មោះរបស់ពួកគេ។ "
     "សម្រង់សម្តីគឺអនាមិក៖ កុំសរសេរថាអ្នកណាជាអ្នកនិយាយ។"),
    ("Protect people", "ការពារមនុស្ស",
     "Never write anything that could put someone at risk: no names of people at risk, of victims or of "
     "witnesses, and no details by which they could be recognised (address, workplace, family). If something "
     "sensitive was said, tell the central office in person instead of writing it down.",
     "កុំសរសេរអ្វីដែលអាចធ្វើឱ្យនរណាម្នាក់ប្រឈមនឹងហានិភ័យ៖ កុំសរសេរឈ្មោះមនុស្សដែលប្រឈមនឹងហានិភ័យ ជនរងគ្រោះ "
     "ឬសាក្សី និងព័ត៌មានលម្អិតដែលអាចឱ្យគេស្គាល់ពួកគេ (អាសយដ្ឋាន កន្លែងធ្វើការ គ្រួសារ)។ "
     "បើមានការនិយាយអំពីរឿងរសើប សូមប្រាប់ការិយាល័យកណ្តាលដោយផ្ទាល់ ជំនួសឱ្យការសរសេរ។"),
    ("Return it to the central office", "ការប្រគល់ជូនការិយាល័យកណ្តាល",
     "Save the file with the province and the date in its name (for example "
     "capture-ratanakiri-2025-03-14.xlsx) and hand it to the central office on a USB stick, or send it the "
     "way the office has agreed with you. Hand paper forms to the office in person or in a sealed envelope. "
     "Once the office confirms it has the form, delete or destroy your copies.",
     "រក្សាទុកឯកសារដោយដាក់ឈ្មោះខេត្ត និងកាលបរិច្ឆេទក្នុងឈ្មោះឯកសារ (ឧទាហរណ៍ "
     "capture-ratanakiri-2025-03-14.xlsx) ហើយប្រគល់ជូនការិយាល័យកណ្តាលតាម USB ឬផ្ញើតាមវិធីដែលការិយាល័យ "
     "បានព្រមព្រៀងជាមួយអ្នក។ ទម្រង់ក្រដាស សូមប្រគល់ដោយផ្ទាល់ ឬក្នុងស្រោមសំបុត្របិទជិត។ "
     "នៅពេលការិយាល័យបញ្ជាក់ថាបានទទួលទម្រង់ហើយ សូមលុប ឬបំផ្លាញច្បាប់ចម្លងរបស់អ្នក។"),
    ("Allowed values", "តម្លៃដែលអនុញ្ញាត",
     "Columns with a list (stakeholder group, province, consent, priority, implementation assessment, theme "
     "of a note) take only the values on the 'lists' sheet: in Excel or LibreOffice, pick one with the "
     "drop-down arrow. On paper, write the English or the Khmer word. Participant counts are whole numbers "
     "(0 or more). Languages: one or more keys from the 'lists' sheet, separated by commas (for example: "
     "km, bunong). The short lists:",
     "ជួរឈរដែលមានបញ្ជី (ក្រុមអ្នកពាក់ព័ន្ធ ខេត្ត ការយល់ព្រម អាទិភាព ការវាយតម្លៃការអនុវត្ត ប្រធានបទនៃកំណត់ចំណាំ) "
     "ទទួលយកតែតម្លៃដែលមាននៅក្នុងសន្លឹក 'lists' ប៉ុណ្ណោះ៖ ក្នុង Excel ឬ LibreOffice សូមជ្រើសរើសពីបញ្ជីជម្រើស។ "
     "លើក្រដាស សូមសរសេរពាក្យជាភាសាអង់គ្លេស ឬភាសាខ្មែរ។ ចំនួនអ្នកចូលរួមជាចំនួនគត់ (0 ឬច្រើនជាងនេះ)។ "
     "ភាសា៖ ពាក្យគន្លឹះមួយ ឬច្រើនពីសន្លឹក 'lists' ដោយបំបែកដោយសញ្ញាក្បៀស (ឧទាហរណ៍៖ km, bunong)។ "
     "បញ្ជីខ្លីៗ៖"),
)

# The short lists shown on the instructions sheet (the long ones are on the lists sheet).
_SHOWN_LISTS = (
    ("stakeholder_groups", "Stakeholder group", "ក្រុមអ្នកពាក់ព័ន្ធ"),
    ("consent_policies", "Consent and attribution", "ការយល់ព្រម និងការបញ្ជាក់ប្រភព"),
    ("priorities", "Priority", "អាទិភាព"),
    ("implementation_assessments", "Implementation assessment", "ការវាយតម្លៃការអនុវត្ត"),
)

_LONG_LISTS = ("Provinces, languages and the themes of notes: see the 'lists' sheet.",
               "ខេត្ត ភាសា និងប្រធានបទនៃកំណត់ចំណាំ៖ សូមមើលសន្លឹក 'lists'។")


# -- writing ----------------------------------------------------------------------------------

def write_template(out: str | Path, reference: ReferenceLists,
                   recommendations: Iterable[dict[str, Any]]) -> TemplateResult:
    """Write the blank capture template to ``out`` (an .xlsx), atomically."""
    out = workbook_target(out, "a capture template")
    recommendations = list(recommendations)
    catalog_ids = list(dict.fromkeys(rec["catalog_id"] for rec in recommendations))
    themes = _themes(recommendations)
    template_id = str(uuid_module.uuid4())
    manifest = {
        "format": TEMPLATE_FORMAT_NAME, "format_version": TEMPLATE_FORMAT_VERSION,
        "template_id": template_id, "catalog_id": ", ".join(catalog_ids),
        "created_at": utc_now(), "app_version": __version__, "recommendations": len(recommendations),
    }
    with atomic_output(out) as temporary, open_workbook(temporary, constant_memory=False) as workbook:
        _write(workbook, reference, recommendations, themes, manifest)
    return TemplateResult(out, len(recommendations), template_id)


def _themes(recommendations: list[dict[str, Any]]) -> list[tuple[str, str, str]]:
    """(key, English, Khmer) of each theme, in the catalog's order."""
    themes: dict[str, tuple[str, str, str]] = {}
    for rec in recommendations:
        key = rec.get("theme_key") or rec.get("theme")
        if key and key not in themes:
            themes[key] = (key, rec.get("theme") or key, rec.get("theme_km") or "")
    return list(themes.values())


class _Formats:
    def __init__(self, workbook):
        add = workbook.add_format
        border = {"border": 1, "border_color": "#A6A6A6"}
        self.title = add({"bold": True, "font_size": 16, "font_color": "#1F3864", "valign": "vcenter"})
        self.subtitle = add({"italic": True, "font_size": 9, "font_color": "#595959", "valign": "top",
                             "text_wrap": True})
        self.heading_font = add({"bold": True, "font_size": 12, "font_color": "#1F3864"})
        self.body_font = add({"font_size": 11})
        self.section = add({"text_wrap": True, "valign": "top", "top": 1, "top_color": "#1F3864"})
        self.list_title_font = add({"bold": True, "font_size": 10})
        self.list_font = add({"font_size": 10})
        self.list_block = add({"text_wrap": True, "valign": "top", "indent": 2})
        self.value_head = add({"bold": True, "text_wrap": True, "valign": "top", "font_size": 10, "indent": 2})
        self.label = add({"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#DCE6F1",
                          "font_size": 9, **border})
        self.key = add({"font_size": 8, "font_color": "#404040", "bg_color": "#BFBFBF", "valign": "vcenter",
                        **border})
        # Pre-filled cells, grey; each with a twin that keeps a leading = + - @ as text.
        self.prefilled = {}
        for key, size, bold in (("recommendation_code", 11, True), ("theme", 8, False), ("text", 10, False),
                                ("text_km", 11, False)):
            properties = {"text_wrap": True, "valign": "top", "bg_color": "#EDEDED", "font_size": size,
                          "bold": bold, **border}
            self.prefilled[key] = (add(properties), add({**properties, "quote_prefix": True}))
        self.fill = add({"text_wrap": True, "valign": "top", "locked": False, **border})
        self.fill_date = add({"num_format": "yyyy-mm-dd", "valign": "top", "locked": False, **border})
        self.fill_number = add({"num_format": "0", "valign": "top", "locked": False, **border})
        self.unlocked = add({"text_wrap": True, "valign": "top", "locked": False})
        self.manifest_key = add({"bold": True, "bg_color": "#DCE6F1"})


def _fill_format(formats: _Formats, column: Column):
    if column.kind == DATE:
        return formats.fill_date
    if column.kind == INT:
        return formats.fill_number
    return formats.fill


def _write(workbook, reference: ReferenceLists, recommendations: list[dict[str, Any]],
           themes: list[tuple[str, str, str]], manifest: dict[str, Any]) -> None:
    workbook.set_properties({"title": "UPR consultation capture template", "author": "consultation-app",
                             "comments": f"{TEMPLATE_FORMAT_NAME} {TEMPLATE_FORMAT_VERSION}"})
    formats = _Formats(workbook)
    ranges = list_ranges(reference, TEMPLATE_LISTS)
    if themes:
        letter = column_letter(len(TEMPLATE_LISTS) * 3)
        ranges[THEMES] = f"={LISTS}!${letter}$2:${letter}${len(themes) + 1}"
    footer = f"&L&8&A  ·  template {manifest['template_id'][:8]}&R&8Page &P of &N"

    _write_instructions(workbook.add_worksheet(INSTRUCTIONS), formats, reference, manifest, footer)

    details = _table_sheet(workbook, formats, DETAILS, DETAILS_COLUMNS, 1, ranges, reference, footer)
    # On paper, one row of 22 boxes does not fit one page: who, where and when on the first
    # page, how many, consent and summary on the second, each box tall enough to write in.
    details.set_row(2, 220)  # on screen too: not taller than a window
    details.set_v_pagebreaks([DETAILS_PAGE_BREAK])
    details.fit_to_pages(2, 1)
    for index, column in enumerate(DETAILS_COLUMNS):
        details.write_blank(2, index, None, _fill_format(formats, column))
    details.protect("", _PROTECTION)

    rows = max(len(recommendations), 1)  # a table needs at least one data row
    feedback = _table_sheet(workbook, formats, FEEDBACK_SHEET, FEEDBACK_COLUMNS, rows, ranges, reference, footer)
    widths = {column.key: column.width for column in FEEDBACK_COLUMNS}
    for offset, rec in enumerate(recommendations):
        row = 2 + offset
        values = {"recommendation_code": rec.get("code"), "theme": rec.get("theme"), "text": rec.get("text"),
                  "text_km": rec.get("text_km")}
        for index, column in enumerate(FEEDBACK_COLUMNS):
            if column.key in PREFILLED:
                _write_text(feedback, row, index, values[column.key], *formats.prefilled[column.key])
            else:
                feedback.write_blank(row, index, None, _fill_format(formats, column))
        feedback.set_row(row, _feedback_row_height(values, widths))
    if not recommendations:
        for index, column in enumerate(FEEDBACK_COLUMNS):
            feedback.write_blank(2, index, None, _fill_format(formats, column))
        feedback.set_row(2, FILL_ROW_HEIGHT)
    feedback.protect("", _PROTECTION)

    notes = _table_sheet(workbook, formats, NOTES, NOTE_COLUMNS, NOTE_ROWS, ranges, reference, footer)
    for row in range(2, 2 + NOTE_ROWS):
        notes.set_row(row, 48)
        for index, column in enumerate(NOTE_COLUMNS):
            notes.write_blank(row, index, None, _fill_format(formats, column))
    notes.protect("", _PROTECTION)

    write_lists_sheet(workbook, reference, TEMPLATE_LISTS)
    lists = workbook.get_worksheet_by_name(LISTS)
    _write_themes(lists, themes, len(TEMPLATE_LISTS) * 3, workbook)
    lists.freeze_panes(1, 0)
    lists.set_landscape()
    lists.set_paper(9)
    lists.set_v_pagebreaks(list(range(6, len(TEMPLATE_LISTS) * 3 + 1, 6)))  # two lists a page
    lists.fit_to_pages(math.ceil((len(TEMPLATE_LISTS) + 1) / 2), 1)
    lists.repeat_rows(0)
    lists.set_footer(footer)
    lists.protect("", {"select_locked_cells": True, "select_unlocked_cells": True, "format_columns": True})

    _write_manifest(workbook.add_worksheet(MANIFEST), formats, manifest)
    workbook.get_worksheet_by_name(INSTRUCTIONS).activate()


_PROTECTION = {
    # The key rows and the grey cells stay as they are; everything a person may want to do
    # while filling in is allowed. No password: protection here prevents slips, not intent.
    "select_locked_cells": True, "select_unlocked_cells": True, "format_rows": True, "format_columns": True,
    "autofilter": True, "sort": False, "objects": True, "scenarios": True,
}


def _write_text(sheet, row: int, col: int, value: Any, cell_format, quoted_format) -> None:
    text = "" if value is None else str(value)
    if needs_cleaning(text):
        text = clean_text(text)
    if not text:
        sheet.write_blank(row, col, None, cell_format)
    elif text.startswith(FORMULA_TRIGGERS):  # kept as text by any spreadsheet that re-saves it
        sheet.write_string(row, col, text, quoted_format)
    else:
        sheet.write_string(row, col, text, cell_format)


def _table_sheet(workbook, formats: _Formats, name: str, columns: tuple[Column, ...], rows: int,
                 ranges: dict[str, str], reference: ReferenceLists, footer: str):
    """Label row, key row as a table's header, widths, print setup and validations."""
    sheet = workbook.add_worksheet(name)
    for index, column in enumerate(columns):
        unlocked = name == NOTES  # notes may go on below the table
        sheet.set_column(index, index, column.width, formats.unlocked if unlocked else None)
    labels = [f"{column.label_en}\n{column.label_km}" for column in columns]
    sheet.set_row(0, math.ceil(max(text_height(label, column.width, 9) for label, column in zip(labels, columns))))
    for index, label in enumerate(labels):
        sheet.write_string(0, index, label, formats.label)
    last_row = 1 + rows
    sheet.add_table(1, 0, last_row, len(columns) - 1, {
        "name": f"{name}_table", "style": "Table Style Light 1", "autofilter": name == FEEDBACK_SHEET,
        "banded_rows": False,
        "columns": [{"header": column.key, "header_format": formats.key} for column in columns]})
    sheet.set_row(1, 15)
    sheet.freeze_panes(2, 1 if name == FEEDBACK_SHEET else 0)
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.repeat_rows(0, 1)
    sheet.print_area(0, 0, last_row, len(columns) - 1)
    if name != DETAILS:  # the details sheet prints on two pages, see _write
        sheet.fit_to_pages(1, 0)
    sheet.set_margins(left=0.25, right=0.25, top=0.45, bottom=0.45)
    sheet.set_footer(footer)
    if name == FEEDBACK_SHEET:
        sheet.set_header("&L&9Province / ខេត្ត: ____________________     Date / កាលបរិច្ឆេទ: ______________"
                         "&R&9UPR capture template / ទម្រង់កត់ត្រា")
    for index, column in enumerate(columns):
        _validate(sheet, 2, last_row, index, column, ranges, reference)
    return sheet


def _validate(sheet, first: int, last: int, col: int, column: Column, ranges: dict[str, str],
              reference: ReferenceLists) -> None:
    title = column.label_en[:32]
    if column.kind == ENUM and column.reference in ranges:
        keys = reference.keys(column.reference) if column.reference != THEMES else ()
        shown = ", ".join(keys)
        message = (f"Allowed: {shown}" if keys and len(shown) <= 200 else
                   f"Allowed: the '{column.reference}' list on the '{LISTS}' sheet")
        sheet.data_validation(first, col, last, col, {
            "validate": "list", "source": ranges[column.reference],
            "input_title": title, "input_message": message,
            "error_title": title, "error_message": f"Choose one of the values of '{column.reference}' on the "
                                                   f"'{LISTS}' sheet."})
    elif column.kind == ENUM_LIST and column.reference in ranges:
        # Several keys separated by commas: the list helps, an unlisted entry only warns.
        sheet.data_validation(first, col, last, col, {
            "validate": "list", "source": ranges[column.reference], "error_type": "information",
            "input_title": title, "input_message": "One or more keys from the 'lists' sheet, separated by "
                                                   "commas (for example: km, bunong).",
            "error_title": title, "error_message": "Several languages: keys separated by commas."})
    elif column.kind == DATE:
        sheet.data_validation(first, col, last, col, {
            "validate": "date", "criteria": "between", "minimum": dt.date(2000, 1, 1),
            "maximum": dt.date(2100, 12, 31), "input_title": title, "input_message": "YYYY-MM-DD, e.g. 2025-03-14",
            "error_title": title, "error_message": "A date, written YYYY-MM-DD (for example 2025-03-14)."})
    elif column.kind == INT:
        sheet.data_validation(first, col, last, col, {
            "validate": "integer", "criteria": ">=", "value": 0,
            "error_title": title, "error_message": "A whole number of people, 0 or more. Count, never name."})


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


def _feedback_row_height(values: dict[str, Any], widths: dict[str, int]) -> float:
    """Tall enough for the longest pre-filled text, and never less than the room to write by hand."""
    needed = max(text_height(values.get(key) or "", widths[key], size)
                 for key, size in (("text", 10), ("text_km", 11), ("theme", 8)))
    return max(FILL_ROW_HEIGHT, math.ceil(needed))


def _write_themes(sheet, themes: list[tuple[str, str, str]], col: int, workbook) -> None:
    bold = workbook.add_format({"bold": True})
    sheet.write_string(0, col, THEMES, bold)
    sheet.write_string(0, col + 1, "English", bold)
    sheet.write_string(0, col + 2, "ខ្មែរ", bold)
    sheet.set_column(col, col, 16)
    sheet.set_column(col + 1, col + 2, 40)
    for row, (key, english, khmer) in enumerate(themes, start=1):
        sheet.write_string(row, col, key)
        sheet.write_string(row, col + 1, english)
        sheet.write_string(row, col + 2, khmer)


def _write_instructions(sheet, formats: _Formats, reference: ReferenceLists, manifest: dict[str, Any],
                        footer: str) -> None:
    """English on the left, Khmer on the right, section by section."""
    width = 72
    sheet.set_column(0, 0, width)
    sheet.set_column(1, 1, 2)
    sheet.set_column(2, 2, width)
    sheet.hide_gridlines(2)
    sheet.set_landscape()
    sheet.set_paper(9)
    sheet.fit_to_pages(1, 0)
    sheet.set_margins(left=0.5, right=0.5, top=0.5, bottom=0.6)
    sheet.set_footer(footer)
    row = 0

    def pair(english: str, khmer: str, cell_format, size: float, minimum: float = 0) -> None:
        nonlocal row
        height = max(text_height(english, width, size), text_height(khmer, width, size), minimum)
        sheet.set_row(row, math.ceil(height))
        sheet.write_string(row, 0, english, cell_format)
        sheet.write_string(row, 2, khmer, cell_format)
        row += 1

    pair(*_TITLE, formats.title, 16)
    pair(f"Catalog: {manifest['catalog_id'] or '(none loaded)'}  ·  template {manifest['template_id']}  ·  "
         f"{manifest['created_at'][:10]}", f"បញ្ជីអនុសាសន៍៖ {manifest['catalog_id'] or '-'}", formats.subtitle, 9)

    def block(english: tuple[str, str], khmer: tuple[str, str], title_font, text_font, sizes: tuple[int, int],
              cell_format) -> None:
        """A heading and its text in one cell, so that a page never ends between them."""
        nonlocal row
        height = max(text_height(title, width, sizes[0]) + text_height(text, width, sizes[1])
                     for title, text in (english, khmer))
        sheet.set_row(row, math.ceil(height))
        for col, (title, text) in ((0, english), (2, khmer)):
            sheet.write_rich_string(row, col, title_font, title, text_font, "\n" + text, cell_format)
        row += 1

    for heading_en, heading_km, body_en, body_km in _SECTIONS:
        block((heading_en, body_en), (heading_km, body_km), formats.heading_font, formats.body_font, (12, 11),
              formats.section)
        if heading_en == "Allowed values":
            for name, title_en, title_km in _SHOWN_LISTS:
                items = reference.items(name)
                block((title_en, "\n".join(f"{item.key}  —  {item.en}" for item in items)),
                      (title_km, "\n".join(f"{item.key}  —  {item.km or item.en}" for item in items)),
                      formats.list_title_font, formats.list_font, (10, 10), formats.list_block)
            pair(*_LONG_LISTS, formats.value_head, 10, minimum=24)


def _write_manifest(sheet, formats: _Formats, manifest: dict[str, Any]) -> None:
    sheet.set_column(0, 0, 22)
    sheet.set_column(1, 1, 60)
    sheet.write_string(0, 0, "key", formats.manifest_key)
    sheet.write_string(0, 1, "value", formats.manifest_key)
    for row, key in enumerate(MANIFEST_KEYS, start=1):
        value = manifest[key]
        sheet.write_string(row, 0, key)
        if isinstance(value, int) and not isinstance(value, bool):
            sheet.write_number(row, 1, value)
        else:
            sheet.write_string(row, 1, str(value))
    sheet.protect("", {"select_locked_cells": True, "select_unlocked_cells": True, "format_columns": True})
