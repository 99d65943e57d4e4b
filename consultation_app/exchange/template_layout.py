"""The capture template's layout: its format version, sheets, columns and manifest keys.

What the writer (template.py) lays out and the merge (template_merge.py) reads back; a change
here is a change of the template's format (docs/).
"""

from __future__ import annotations

from consultation_app.exchange.workbook_format import _LABELS, DATE, ENUM, ENUM_LIST, INT, TEXT, Column

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
