"""The capture template's instructions sheet: English and Khmer side by side, section by
section, with the short lists of allowed values."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from consultation_app.domain.reference import ReferenceLists
from consultation_app.exchange.row_heights import text_height

if TYPE_CHECKING:
    from xlsxwriter.format import Format
    from xlsxwriter.worksheet import Worksheet

    from consultation_app.exchange.template import TemplateFormats

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


# -- writing --------------------------------------------------------------------------------

def write_instructions(sheet: Worksheet, formats: TemplateFormats, reference: ReferenceLists, manifest: dict[str, Any],
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

    def pair(english: str, khmer: str, cell_format: Format, size: float, minimum: float = 0) -> None:
        nonlocal row
        height = max(text_height(english, width, size), text_height(khmer, width, size), minimum)
        sheet.set_row(row, math.ceil(height))
        sheet.write_string(row, 0, english, cell_format)
        sheet.write_string(row, 2, khmer, cell_format)
        row += 1

    pair(*_TITLE, formats.title, 16)
    pair(f"Catalog: {manifest['catalog_id'] or '(none loaded)'}  ·  template {manifest['template_id']}  ·  "
         f"{manifest['created_at'][:10]}", f"បញ្ជីអនុសាសន៍៖ {manifest['catalog_id'] or '-'}", formats.subtitle, 9)

    def block(english: tuple[str, str], khmer: tuple[str, str], title_font: Format, text_font: Format,
              sizes: tuple[int, int], cell_format: Format) -> None:
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
