"""The two sheets around the data: a cover for people (English and Khmer) and a manifest
for the machine (one key and one value per row)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from consultation_app.exchange.workbook_format import CONSULTATIONS, FEEDBACK_SHEET, NOTES, RECOMMENDATIONS

if TYPE_CHECKING:
    from xlsxwriter.worksheet import Worksheet

    from consultation_app.exchange.sheet_writer import Formats

MANIFEST_KEYS = (
    "format", "format_version", "export_id", "export_seq", "device_id", "device_name", "officer", "app_version",
    "catalog_id", "catalog_version", "scope", "since_seq", "until_seq", "created_at", "include_sensitive",
    "password_protected", "rows_consultations", "rows_feedback", "rows_notes", "rows_recommendations",
    "left_out_sensitive", "left_out_named", "content_sha256", "rows_consents", "left_out_consent",
    "rows_attachments", "left_out_attachments", "extras_sha256", "public_key", "signature",
)


def write_manifest(sheet: Worksheet, formats: Formats, manifest: dict[str, Any]) -> None:
    sheet.set_column(0, 0, 22)
    sheet.set_column(1, 1, 70)
    sheet.write_string(0, 0, "key", formats.label)
    sheet.write_string(0, 1, "value", formats.label)
    for row, key in enumerate(MANIFEST_KEYS, start=1):
        value = manifest[key]
        sheet.write_string(row, 0, key)
        if isinstance(value, bool):
            sheet.write_boolean(row, 1, value)
        elif isinstance(value, int):
            sheet.write_number(row, 1, value)
        else:
            sheet.write_string(row, 1, str(value))


def write_cover(sheet: Worksheet, formats: Formats, manifest: dict[str, Any], left_out: dict[str, int]) -> None:
    sheet.set_column(0, 0, 30)
    sheet.set_column(1, 1, 95)
    sheet.hide_gridlines(2)
    sheet.set_paper(9)
    sheet.fit_to_pages(1, 0)
    sheet.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
    full = manifest["scope"] == "full"
    sensitive, named = manifest["left_out_sensitive"], manifest["left_out_named"]
    if sensitive or named:
        left = (f"{sensitive} record(s) marked sensitive and {named} feedback entr(ies) naming a person were "
                f"left out to protect people. They stay on the laptop; a full export (not 'since the last "
                f"export') with 'include sensitive content' sends them.\n"
                f"កំណត់ត្រារសើប {sensitive} និងមតិដែលបញ្ជាក់ឈ្មោះមនុស្ស {named} មិនត្រូវបាន"
                f"ដាក់បញ្ចូលទេ ដើម្បីការពារមនុស្ស។ ពួកវានៅលើកុំព្យូទ័រ។")
    elif manifest["include_sensitive"]:
        left = ("Nothing. Sensitive content IS included: handle this file as confidential, people named or "
                "quoted here could be put at risk.\nមានខ្លឹមសាររសើប។ សូមរក្សាឯកសារនេះជាការសម្ងាត់។")
    else:
        left = "Nothing was left out.\nគ្មានអ្វីត្រូវបានដកចេញទេ។"
    rows = [
        ("What this is\nនេះជាអ្វី",
         "Feedback on the recommendations of the Universal Periodic Review, recorded in stakeholder "
         "consultations on a field laptop.\nមតិយោបល់លើអនុសាសន៍នៃការត្រួតពិនិត្យតាមកាលកំណត់ជាសកល "
         "ដែលបានកត់ត្រាក្នុងការពិគ្រោះយោបល់ជាមួយអ្នកពាក់ព័ន្ធ នៅលើកុំព្យូទ័រចុះមូលដ្ឋាន។", 4),
        ("Device\nឧបករណ៍", manifest["device_name"], 1),
        ("Field officer\nមន្ត្រីចុះមូលដ្ឋាន", manifest["officer"] or "—", 1),
        ("Exported at (UTC)\nនាំចេញនៅ (UTC)", manifest["created_at"].replace("T", " ").rstrip("Z"), 1),
        ("Export number on this device\nលេខរៀងនៃការនាំចេញ", str(manifest["export_seq"]), 1),
        ("What it holds\nខ្លឹមសារ",
         ("Everything recorded on this laptop\nអ្វីៗទាំងអស់ដែលបានកត់ត្រានៅលើកុំព្យូទ័រនេះ" if full else
          "Only what changed since the previous export\nតែអ្វីដែលបានផ្លាស់ប្តូរចាប់តាំងពីការនាំចេញលើកមុន"), 2),
        ("Consultations\nការពិគ្រោះយោបល់", str(manifest[f"rows_{CONSULTATIONS}"]), 1),
        ("Feedback entries\nមតិយោបល់", str(manifest[f"rows_{FEEDBACK_SHEET}"]), 1),
        ("Notes\nកំណត់ចំណាំ", str(manifest[f"rows_{NOTES}"]), 1),
        ("Recommendations referred to\nអនុសាសន៍ដែលពាក់ព័ន្ធ", str(manifest[f"rows_{RECOMMENDATIONS}"]), 1),
        ("Left out\nអ្វីដែលមិនបានដាក់បញ្ចូល", left, 3),
        ("What to do with it\nត្រូវធ្វើអ្វី",
         "Central office: import this file (the Import window, or consultation-app merge FILE). Importing "
         "the same file twice changes nothing. Please do not edit the data sheets: a checksum shows any "
         "change, and an edited file needs review before it is merged.\nការិយាល័យកណ្តាល៖ សូមនាំចូលឯកសារនេះ។ "
         "ការនាំចូលឯកសារដដែលពីរដង មិនផ្លាស់ប្តូរអ្វីទេ។ សូមកុំកែសន្លឹកទិន្នន័យ ព្រោះការកែប្រែនឹងត្រូវបានរកឃើញ។", 5),
        ("Export id\nលេខសម្គាល់ការនាំចេញ", manifest["export_id"], 1),
    ]
    sheet.set_row(0, 24)
    sheet.write_string(0, 0, "UPR consultation export", formats.title)
    sheet.write_string(0, 1, "ឯកសារនាំចេញនៃការពិគ្រោះយោបល់ UPR", formats.title)
    for index, (label, value, lines) in enumerate(rows, start=2):
        sheet.set_row(index, max(32, 17 * lines + 4))
        sheet.write_string(index, 0, label, formats.heading)
        sheet.write_string(index, 1, value, formats.body)
