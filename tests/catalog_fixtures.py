"""Source files in each format the catalog import reads, written here (no network), with the
quirks of the real exports (see docs/catalog-format.md, "Sources"): which are checked facts and
which are guesses is said beside each."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import xlsxwriter

# Checked: OHCHR's 16 headers, misspellings included.
UHRI_HEADERS = ["Text", "Countries Concerned", "Reccomending Body", "Document Symbol", "Themes", "Affected Persons",
                "Sdgs", "Document Publication Date", "UPR Reccomending States", "UPR Position", "Type",
                "OHCHR Annotation Id", "UPR Session", "Regions Concerned", "Recommending Regions",
                "Date of publication on UHRI"]
KEY = "0b6f1c52-7d0e-4c61-9a8e-{:012d}"
SDG_41 = ("4.1 - By 2030, ensure that all girls and boys complete free, equitable and quality primary and "
          "secondary education")
SDG_1610 = "16.10 - Ensure public access to information and protect fundamental freedoms"


def uhri_row(n: int, text: str, *, country="- Cambodia", body="- UPR", themes="- Right to education",
             sdgs=SDG_41, states="- Norway", position="- Supported", session="- 46th session", date=45450.0,
             key=None, affected="- Children", symbol="- A/HRC/56/12") -> list:
    return [text, country, body, symbol, themes, affected, sdgs, 45412.0, states, position, "- Recommendation",
            key if key is not None else KEY.format(n), session, "- Asia and the Pacific", "- Western Europe", date]


def uhri_rows() -> list[list]:
    """Cambodia 4th cycle (46th session) with every quirk, a 3rd-cycle row, another country,
    a treaty body row, and three rows that cannot be read."""
    return [
        # checked: paragraph as a prefix of the text; several themes, SDGs and states per cell
        uhri_row(1, "110.23 Ratify the Optional Protocol to the Convention against Torture",
                 themes="- Torture and other cruel, inhuman or degrading treatment\n- Right to life",
                 sdgs=SDG_41 + "\n" + SDG_1610, states="- Norway\n- Chile\n- Ghana"),
        # checked: no space after the paragraph number
        uhri_row(2, "110.24Ensure that all pending land disputes are settled in a fair and transparent manner",
                 themes="- Land and property\n- Indigenous peoples", sdgs="- " + SDG_1610, states="- Germany"),
        # checked: position Noted; single values carry the "- " prefix
        uhri_row(3, "110.25 Release all political prisoners and drop the charges against them",
                 position="- Noted", themes="- Human rights defenders", sdgs="", states="- France"),
        # checked: older cycles may have an empty position; guessed: no session gives no cycle
        uhri_row(4, "110.26 Continue efforts to provide clean water to poor communities", position="",
                 themes="- Right to water and sanitation", sdgs="6.1 - By 2030, achieve universal access to water",
                 affected="- Persons living in poverty"),
        # 3rd cycle (32nd session): left out by --cycle 4
        uhri_row(5, "110.23 An older recommendation of the 3rd cycle", session="- 32nd session", date=43700.0),
        # another country: left out by --country Cambodia
        uhri_row(6, "95.1 Ratify the Convention on migrant workers", country="- Lao People's Democratic Republic"),
        # a treaty body: left out by --body UPR (checked: body is CEDAW, CRC...)
        uhri_row(7, "Adopt a comprehensive anti-discrimination law (CEDAW/C/KHM/CO/6, para. 13)", body="- CEDAW",
                 position="", states="", session=""),
        # rows that cannot be read
        uhri_row(8, "", themes="- Right to education"),  # no text
        uhri_row(9, "110.27 A row with a damaged annotation id", key="not-a-uuid"),
        uhri_row(10, "110.28 A row with a position nobody uses", position="- Maybe"),
        # guessed: text with Khmer-free Unicode, a text that starts like a formula
        uhri_row(11, "110.29 =Strengthen access to justice for women – including in rural areas",
                 themes="- Women's rights\n- Access to justice", sdgs="5.2 - Eliminate all forms of violence"),
        [None] * 16,  # checked (calamine): trailing blank rows
    ]


def write_uhri_xlsx(path: Path, rows: list[list] | None = None) -> Path:
    workbook = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_numbers": False})
    sheet = workbook.add_worksheet("Sheet1")
    for col, header in enumerate(UHRI_HEADERS):
        sheet.write_string(0, col, header)
    for r, row in enumerate(rows if rows is not None else uhri_rows(), start=1):
        for c, value in enumerate(row):
            if isinstance(value, float):
                sheet.write_number(r, c, value)  # checked: dates as serial numbers, not date cells
            elif value:
                sheet.write_string(r, c, value)
    workbook.close()
    return path


def uhri_json_records() -> list[dict]:
    """The JSON export's records (checked field names); the UPR fields inside are a guess."""
    return [
        {"AnnotationId": KEY.format(1), "Text": "<p>110.23 Ratify the Optional Protocol to the Convention "
                                               "against Torture&nbsp;</p>",
         "Symbol": "A/HRC/56/12", "Body": "UPR", "Countries": ["Cambodia"],
         "Themes": [{"Name": "Torture"}, {"Name": "Right to life"}], "Sdgs": [SDG_1610],
         "AffectedPersons": ["Persons deprived of their liberty"], "Regions": ["Asia and the Pacific"],
         "AnnotationType": "Recommendation", "PublicationDate": "2024-06-10T00:00:00",
         "DocumentId": "d-1", "UprPosition": "Supported", "UprSession": "46th session",
         "UprRecommendingStates": ["Norway", "Chile"]},
        {"AnnotationId": KEY.format(2), "Text": "<p>110.24&#160;Settle land disputes <b>fairly</b></p>",
         "Symbol": "A/HRC/56/12", "Body": "UPR", "Countries": ["Cambodia"], "Themes": ["Land and property"],
         "Sdgs": [], "AffectedPersons": [], "PublicationDate": "2024-06-10", "UprSession": "46th session"},
        {"AnnotationId": KEY.format(3), "Text": "<p>5.1 Something to Viet Nam</p>", "Body": "UPR",
         "Countries": ["Viet Nam"], "UprSession": "46th session"},
        {"AnnotationId": "nonsense", "Text": "<p>110.30 A record with a broken id</p>", "Body": "UPR",
         "Countries": ["Cambodia"], "UprSession": "46th session"},
        "not even a record",
    ]


def write_uhri_json(path: Path) -> Path:
    path.write_text(json.dumps(uhri_json_records(), ensure_ascii=False), encoding="utf-8")
    return path


def write_uwazi_csv(path: Path) -> Path:
    """Uwazi's generic CSV (checked: Title, Date added, Template, properties, then Geolocation,
    Documents, Attachments, Published; '|' joins multiple values). Property names: a guess."""
    header = ["Title", "Date added", "Template", "State under Review", "Recommending State", "Response", "Issues",
              "Session", "Cycle", "Geolocation", "Documents", "Attachments", "Published"]
    rows = [
        ["110.23 Ratify the Optional Protocol to the Convention against Torture", "2024-06-11", "Recommendation",
         "Cambodia", "Norway|Chile", "Supported", "Torture|Detention", "46", "4th Cycle", "", "", "", "Published"],
        ["110.24 Settle land disputes", "2024-06-11", "Recommendation", "Cambodia", "Germany", "Noted",
         "Land", "46", "4th Cycle", "", "", "", "Published"],
        ["96.1 Something for Thailand", "2024-06-11", "Recommendation", "Thailand", "Japan", "Supported", "",
         "46", "4th Cycle", "", "", "", "Published"],
        ["110.25 A row with an odd response", "2024-06-11", "Recommendation", "Cambodia", "", "Partially",
         "", "46", "4th Cycle", "", "", "", "Published"],
    ]
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:  # guessed: Excel adds a BOM
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path
