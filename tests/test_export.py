"""Export packages: every field round-trips, hostile text stays text, people are protected,
passwords work and are kept nowhere, since-last exports, the Excel layout, the command line
and a LibreOffice re-save."""

import datetime as dt
import io
import json
import re
import uuid
import zipfile

import msoffcrypto
import openpyxl
import pytest
from python_calamine import CalamineWorkbook

import consultation_app
from consultation_app.cli.main import EXIT_FAILED, EXIT_OK, main
from consultation_app.domain.records import CONSULTATION, FEEDBACK, NOTE, ValidationError, tombstone
from consultation_app.domain.text import MAX_TEXT_LENGTH, clean_text
from consultation_app.errors import AppError, InputError
from consultation_app.exchange.export import export_package
from consultation_app.exchange.workbook_format import (
    CONSULTATIONS,
    DATA_SHEETS,
    DATE,
    ENUM,
    FEEDBACK_SHEET,
    FORMULA_TRIGGERS,
    NOTES,
    RECOMMENDATIONS,
    RECORD_SHEETS,
    SHEET_COLUMNS,
    canonical_row,
)
from consultation_app.exchange.workbook_reader import read_export
from consultation_app.storage import catalog_store, consultation_queries, export_queries, settings_store
from tests.office import libreoffice_resave

CATALOG = "khm-upr3-ohchr-2019"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ERROR_PREFIX = "consultation-app: error: "


# -- helpers -------------------------------------------------------------------------

def consultation(ws, **values):
    base = {"title": "Kep civil society consultation", "catalog_id": CATALOG, "stakeholder_group": "civil_society",
            "province": "kep", "start_date": "2024-03-05", "participants_women": 4, "participants_men": 3}
    base.update(values)
    return ws.records.create(CONSULTATION, base)


def feedback(ws, consultation_uuid, **values):
    base = {"consultation_uuid": consultation_uuid, "catalog_id": CATALOG, "recommendation_code": "KH3-01"}
    base.update(values)
    return ws.records.create(FEEDBACK, base)


def note(ws, consultation_uuid, **values):
    return ws.records.create(NOTE, {"consultation_uuid": consultation_uuid, **values})


def export(ws, out, **options):
    return export_package(ws.database_path, out, ws.reference, **options)


def stored(ws):
    """Every record in the store (tombstones too, as they travel: without their content), as
    each sheet's canonical rows by uuid."""
    return {sheet: {row["uuid"]: canonical_row(sheet, tombstone(kind, row) if row["deleted"] else row)
                    for row in ws.records.query(kind, include_deleted=True)}
            for sheet, kind in RECORD_SHEETS.items()}


def exported(package):
    return {sheet: {row["uuid"]: row for row in package.sheets[sheet]} for sheet in RECORD_SHEETS}


def zip_parts(path):
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def unexported(ws):
    return consultation_queries.unexported_changes(ws.db)


def ooxml_unescape(text):
    """What Excel shows for a cell's stored text: openpyxl leaves OOXML's _xHHHH_ escapes (a CR is
    _x000D_, a literal "_x0041_" is _x005F_x0041_) as they are in the file."""
    return re.sub(r"_x([0-9A-Fa-f]{4})_", lambda match: chr(int(match.group(1), 16)), text)


def cell_map(sheet):
    """{(row key uuid, column key): openpyxl cell} for a data sheet (keys on row 2, data from row 3)."""
    keys = [cell.value for cell in sheet[2]]
    uuid_at = keys.index("uuid") if "uuid" in keys else keys.index("code")
    cells = {}
    for row in sheet.iter_rows(min_row=3):
        for key, cell in zip(keys, row):
            cells[(row[uuid_at].value, key)] = cell
    return cells


@pytest.fixture
def out_dir(tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


# -- every field, every kind ---------------------------------------------------------

def full_data_set(ws):
    """Every field of every kind, every enumeration value, a list of languages, dates,
    counts, booleans, edits and tombstones."""
    ref = ws.reference
    groups, policies = ref.keys("stakeholder_groups"), ref.keys("consent_policies")
    made = {"consultations": [], "feedback": [], "notes": []}
    for index, (group, policy) in enumerate(zip(groups, policies)):
        row = consultation(
            ws, title=f"Consultation {index} ក្រុមប្រឹក្សា", stakeholder_group=group,
            stakeholder_group_detail=f"detail {index}", province=ref.keys("provinces")[index * 5],
            district="Kampong Trach", commune=f"Commune {index}", venue="Pagoda hall",
            start_date=dt.date(2024, 3, 5 + index), end_date=f"2024-03-{6 + index:02d}",
            facilitator="S. Dara", note_taker="L. Sreymom",
            languages=list(ref.keys("languages")) if index == 0 else ["km", "bunong"][: index % 2 + 1],
            interpretation="Khmer-Bunong", participants_women=11 + index, participants_men=9,
            participants_other=1, participants_youth=5, participants_disabilities=2,
            participants_indigenous=3 + index, organisations="NGO Forum; ADHOC", consent_policy=policy,
            summary=f"Summary {index}\nsecond line")
        made["consultations"].append(row)
    first = made["consultations"][0]["uuid"]
    priorities = ref.keys("priorities")
    attributions = ref.keys("attribution")
    for index, assessment in enumerate(ref.keys("implementation_assessments")):
        row = feedback(
            ws, made["consultations"][index % 4]["uuid"], recommendation_code=f"KH3-{index + 10:02d}",
            priority=priorities[index % len(priorities)], implementation_assessment=assessment,
            comment=f"Comment {index}", quote=f"សម្រង់ {index}", quote_translation=f"Quote {index}",
            suggested_actions=f"Act {index}", responsible_institutions="Ministry of Interior",
            attribution=attributions[index % len(attributions)],
            attributed_to="Village chief" if attributions[index % len(attributions)] == "named_with_consent" else "",
            sensitive=index % 2 == 0)
        made["feedback"].append(row)
    made["notes"].append(note(ws, first, theme="land", title="Land", text="Long note\nwith lines", sensitive=True))
    made["notes"].append(note(ws, first, theme="", title="Plain", text="Plain note", sensitive=False))
    # An edit (revision 2), feedback and a note deleted (tombstones), a consultation deleted.
    ws.records.update(FEEDBACK, made["feedback"][1]["uuid"], {"comment": "Edited comment", "priority": None})
    ws.records.delete(FEEDBACK, made["feedback"][2]["uuid"])
    ws.records.delete(NOTE, made["notes"][1]["uuid"])
    gone = consultation(ws, title="Cancelled meeting", stakeholder_group="other", consent_policy=None)
    ws.records.delete(CONSULTATION, gone["uuid"])
    # A final consultation (status enumeration's other value) once its records are in.
    ws.records.update(CONSULTATION, made["consultations"][3]["uuid"], {"status": "final"})
    return made


def test_every_field_of_every_record_round_trips(workspace, out_dir):
    full_data_set(workspace)
    expected = stored(workspace)
    # The data set covers what it claims to: tombstones, every enumeration value, edits.
    held = {sheet: {row["uuid"]: row for row in workspace.records.query(kind, include_deleted=True)}
            for sheet, kind in RECORD_SHEETS.items()}
    assert sum(row["deleted"] for rows in held.values() for row in rows.values()) == 3
    assert {row["status"] for row in held[CONSULTATIONS].values()} == {"draft", "final"}
    assert {row["implementation_assessment"] for row in held[FEEDBACK_SHEET].values()} == set(
        workspace.reference.keys("implementation_assessments"))
    assert {row["attribution"] for row in held[FEEDBACK_SHEET].values()} == set(
        workspace.reference.keys("attribution"))
    assert max(row["revision"] for row in held[FEEDBACK_SHEET].values()) == 2

    result = export(workspace, out_dir / "all.xlsx", include_sensitive=True)
    package = read_export(result.path, workspace.reference)

    assert package.checksum_matches
    assert package.computed_sha256 == result.content_sha256
    got = exported(package)
    for sheet in RECORD_SHEETS:
        assert set(got[sheet]) == set(expected[sheet]), sheet
        for key, row in expected[sheet].items():
            assert got[sheet][key] == row, (sheet, key)
    # Languages come back as a list, in order; every one of them.
    first = next(row for row in expected[CONSULTATIONS].values() if row["title"].startswith("Consultation 0"))
    assert got[CONSULTATIONS][first["uuid"]]["languages"] == list(workspace.reference.keys("languages"))

    # Only the recommendations the feedback refers to, with their catalog texts.
    codes = {row["recommendation_code"] for row in expected[FEEDBACK_SHEET].values()}
    catalog = {rec["code"]: rec for rec in catalog_store.list_recommendations(workspace.db)}
    recs = {row["code"]: row for row in package.sheets[RECOMMENDATIONS]}
    assert set(recs) == codes
    for code, row in recs.items():
        rec = catalog[code]
        assert row == canonical_row(RECOMMENDATIONS, {**rec, "sdgs": ", ".join(map(str, rec["sdgs"]))})

    manifest = package.manifest
    assert manifest["format"] == "upr-consultation-export"
    assert manifest["format_version"] == 3  # 2: tombstones travel without content; 3: consents
    assert manifest["export_id"] == result.export_id and uuid.UUID(manifest["export_id"])
    assert manifest["device_id"] == workspace.device_id
    assert manifest["device_name"] == workspace.device_name != ""
    assert manifest["export_seq"] == result.export_seq == 1
    assert manifest["app_version"] == consultation_app.__version__
    assert manifest["catalog_id"] == CATALOG
    assert manifest["catalog_version"] == "1.0"
    assert manifest["scope"] == result.scope == "full"
    assert manifest["since_seq"] == 0
    assert manifest["until_seq"] == int(settings_store.get(workspace.db, settings_store.LOCAL_SEQ))
    assert manifest["include_sensitive"] is True and manifest["password_protected"] is False
    for sheet in DATA_SHEETS:
        assert int(manifest[f"rows_{sheet}"]) == result.counts[sheet] == len(package.sheets[sheet])
    assert result.counts == {CONSULTATIONS: 5, FEEDBACK_SHEET: 5, NOTES: 2, RECOMMENDATIONS: 5}
    assert int(manifest["left_out_sensitive"]) == int(manifest["left_out_named"]) == 0
    assert manifest["content_sha256"] == result.content_sha256


# -- hostile text ----------------------------------------------------------------------

HOSTILE = {
    "formula": "=1+1",
    "hyperlink": '=HYPERLINK("http://x")',
    "phone": "+33 1 23",
    "minus": "-5",
    "at": "@SUM(A1)",
    "tab": "\tstarts with tab",
    "khmer": "សិទ្ធិមនុស្ស",
    "khmer_zwsp": "សិទ្ធិ\u200bមនុស្ស\u200b និង\u200bការ\u200bអភិវឌ្ឍ",
    "emoji": "👩🏽‍🌾🌾",
    "arabic": "حقوق الإنسان",
    "hebrew": "זכויות האדם",
    "mixed": "UPR \u200fحقوق\u200f / זכויות\u200b / សិទ្ធិ 👩🏽‍🌾 =not a formula",
    "newlines": "first line\nsecond line\n\n  indented fourth\n",
    "spaces": "  leading and trailing  ",
    "number_like": "0012",
    "bool_like": "TRUE",
    "date_like": "2024-01-01",
    "escape_like": "_x0041_ is not an A",
    "xml_like": "<b>&amp;</b> ]]>",
}
LONGEST = ("សិទ្ធិមនុស្ស human rights\n" * 1400)[:MAX_TEXT_LENGTH]


def hostile_data(ws, legacy=True):
    """The hostile strings in consultation, feedback and note text fields; one record each. With
    ``legacy``, two more values hold what only older data can: a text starting with a bare CR and
    a CRLF inside (entry now turns both into newlines), written straight into the database."""
    made = {}
    for name, text in HOSTILE.items():
        c = consultation(ws, title=text, summary=text)
        f = feedback(ws, c["uuid"], comment=text, quote=text, attributed_to="")
        n = note(ws, c["uuid"], title=text, text=text)
        made[name] = (c, f, n)
    longest = consultation(ws, title="longest", summary=LONGEST)
    made["longest"] = (longest, feedback(ws, longest["uuid"], comment=LONGEST), note(ws, longest["uuid"], text=LONGEST))
    if not legacy:
        return made
    legacy = consultation(ws, title="legacy")
    legacy_fb = feedback(ws, legacy["uuid"], comment="placeholder")
    ws.db.execute("UPDATE feedback SET comment = ?, quote = ? WHERE uuid = ?",
                  [LEGACY_CR, "=legacy\r\nwith CRLF", legacy_fb["uuid"]])
    made["legacy"] = (legacy, ws.records.get(FEEDBACK, legacy_fb["uuid"]), None)
    return made


LEGACY_CR = "\rstarts with CR"
CHECKED_FIELDS = {CONSULTATIONS: ("title", "summary"), FEEDBACK_SHEET: ("comment", "quote"), NOTES: ("title", "text")}


def test_hostile_strings_round_trip_exactly_and_are_never_formulas(workspace, out_dir):
    made = hostile_data(workspace)
    assert len(made["longest"][1]["comment"]) == MAX_TEXT_LENGTH, "the limit itself is accepted"
    for name, text in HOSTILE.items():
        assert made[name][1]["comment"] == text, f"{name} stored as typed"
    cr = consultation(workspace, title="\rtyped CR", summary="a\r\nb\rc")
    assert (cr["title"], cr["summary"]) == ("\ntyped CR", "a\nb\nc"), "line breaks are newlines once stored"
    assert made["legacy"][1]["comment"] == LEGACY_CR
    expected = stored(workspace)
    # Older rows that still hold CR line breaks are written with newlines, as entry now stores
    # them (a spreadsheet would rewrite them on a re-save), and the checksum covers what is written.
    legacy_row = expected[FEEDBACK_SHEET][made["legacy"][1]["uuid"]]
    legacy_row["comment"], legacy_row["quote"] = "\nstarts with CR", "=legacy\nwith CRLF"
    result = export(workspace, out_dir / "hostile.xlsx", include_sensitive=True)

    package = read_export(result.path, workspace.reference)
    assert package.checksum_matches
    got = exported(package)
    for sheet in RECORD_SHEETS:
        assert got[sheet] == expected[sheet], sheet

    book = openpyxl.load_workbook(result.path)
    checked, quoted = 0, set()
    for sheet_name, fields in CHECKED_FIELDS.items():
        cells = cell_map(book[sheet_name])
        for key, row in expected[sheet_name].items():
            for field in fields:
                value = row[field]
                if not value:
                    continue
                cell = cells[(key, field)]
                assert cell.data_type == "s", (sheet_name, field, value[:20], cell.data_type)
                trigger = value.startswith(FORMULA_TRIGGERS)
                assert bool(cell.quotePrefix) == trigger, (sheet_name, field, value[:20])
                assert ooxml_unescape(cell.value) == value, (sheet_name, field, value[:20])
                checked += 1
                if trigger:
                    quoted.add(value)
    assert checked == 3 * 2 * len(HOSTILE) + 4 + 3 + 2  # longest, legacy, typed CR
    triggers = {text for text in HOSTILE.values() if text.startswith(FORMULA_TRIGGERS)}
    assert triggers | {"=legacy\nwith CRLF"} == quoted
    assert {"\t", "=", "+", "-", "@"} == {text[0] for text in quoted}
    # No formula anywhere in the data sheets.
    for sheet_name in DATA_SHEETS:
        for row in book[sheet_name].iter_rows():
            assert all(cell.data_type != "f" for cell in row)
    book.close()


def test_text_at_the_limit_with_characters_outside_the_bmp_is_never_cut(workspace, out_dir):
    c = consultation(workspace)
    try:
        fb = feedback(workspace, c["uuid"], comment="🌾" * MAX_TEXT_LENGTH)
    except ValidationError:
        return  # refused at entry: as good as a faithful export
    result = export(workspace, out_dir / "emoji.xlsx", include_sensitive=True)
    package = read_export(result.path, workspace.reference)
    comment = exported(package)[FEEDBACK_SHEET][fb["uuid"]]["comment"]
    assert len(comment) == len(fb["comment"]), "the exported comment was cut"
    assert comment == fb["comment"]
    assert package.checksum_matches


# -- XML-illegal characters and the length limit --------------------------------------------

def test_xml_illegal_characters_are_cleaned_at_entry_and_the_export_opens(workspace, out_dir):
    typed = "a\x00b\x0bc\ud800d\ufffee\x1ff\uffff"
    c = consultation(workspace, title=typed)
    fb = feedback(workspace, c["uuid"], comment=typed, quote="q\x0c")
    n = note(workspace, c["uuid"], text=typed)
    assert c["title"] == fb["comment"] == n["text"] == clean_text(typed) == "abcdef"
    assert fb["quote"] == "q"
    result = export(workspace, out_dir / "clean.xlsx", include_sensitive=True)

    book = openpyxl.load_workbook(result.path)
    assert cell_map(book[FEEDBACK_SHEET])[(fb["uuid"], "comment")].value == "abcdef"
    book.close()
    calamine = CalamineWorkbook.from_path(str(result.path))
    assert "abcdef" in [cell for row in calamine.get_sheet_by_name(NOTES).to_python() for cell in row]
    package = read_export(result.path, workspace.reference)
    assert package.checksum_matches
    assert exported(package)[NOTES][n["uuid"]]["text"] == "abcdef"


def test_a_stored_illegal_character_is_cleaned_on_export_and_the_checksum_matches(workspace, out_dir):
    """Older data or a direct database edit: the export still writes valid XML, and the checksum
    covers what is written."""
    c = consultation(workspace)
    fb = feedback(workspace, c["uuid"], comment="fine")
    workspace.db.execute("UPDATE feedback SET comment = ? WHERE uuid = ?", ["bad\x0bchar\ufffe", fb["uuid"]])
    result = export(workspace, out_dir / "defence.xlsx", include_sensitive=True)
    openpyxl.load_workbook(result.path).close()  # valid XML for openpyxl and calamine alike
    package = read_export(result.path, workspace.reference)
    assert exported(package)[FEEDBACK_SHEET][fb["uuid"]]["comment"] == "badchar"
    assert package.checksum_matches


@pytest.mark.parametrize("kind, field", [(CONSULTATION, "summary"), (FEEDBACK, "comment"), (NOTE, "text")])
def test_text_over_the_limit_is_refused_at_entry_never_cut(workspace, kind, field):
    c = consultation(workspace)
    parent = {"consultation_uuid": c["uuid"]}
    if kind is FEEDBACK:
        parent["recommendation_code"] = "KH3-01"
    too_long = "ក" * (MAX_TEXT_LENGTH + 1)
    values = {field: too_long} if kind is CONSULTATION else {**parent, field: too_long}
    with pytest.raises(ValidationError) as error:
        workspace.records.create(kind, values)
    assert field in error.value.problems and "32,767" in error.value.problems[field]
    record = c if kind is CONSULTATION else workspace.records.create(kind, {**parent, field: "short"})
    with pytest.raises(ValidationError):
        workspace.records.update(kind, record["uuid"], {field: too_long})
    assert workspace.records.get(kind, record["uuid"])[field] == record[field]
    assert workspace.records.update(kind, record["uuid"], {field: too_long[:-1]})[field] == too_long[:-1]


# -- people who must not be exposed ------------------------------------------------------------

def privacy_data(ws):
    c = consultation(ws, title="Public consultation")
    withheld = {
        "sensitive": feedback(ws, c["uuid"], recommendation_code="KH3-40", sensitive=True,
                              comment="MARKER-SENSITIVE-COMMENT", quote="MARKER-SENSITIVE-QUOTE ខ្មែរ",
                              quote_translation="MARKER-SENSITIVE-TRANSLATION"),
        "named": feedback(ws, c["uuid"], recommendation_code="KH3-41", attribution="named_with_consent",
                          attributed_to="MARKER-NAMED-PERSON", comment="MARKER-NAMED-COMMENT"),
        "attributed": feedback(ws, c["uuid"], recommendation_code="KH3-42", attribution="anonymous",
                               attributed_to="MARKER-ATTRIBUTED-PERSON", comment="MARKER-ATTRIBUTED-COMMENT"),
        "deleted_sensitive": feedback(ws, c["uuid"], recommendation_code="KH3-43", sensitive=True,
                                      comment="MARKER-DELETED-SENSITIVE"),
        "note": note(ws, c["uuid"], title="MARKER-NOTE-TITLE", text="MARKER-NOTE-TEXT សម្ងាត់", theme="MARKER-THEME",
                     sensitive=True),
    }
    ws.records.delete(FEEDBACK, withheld["deleted_sensitive"]["uuid"])
    public = {
        "feedback": feedback(ws, c["uuid"], recommendation_code="KH3-01", attribution="by_group",
                             comment="MARKER-PUBLIC-COMMENT"),
        "note": note(ws, c["uuid"], text="MARKER-PUBLIC-NOTE"),
    }
    return c, withheld, public


def withheld_markers(withheld):
    markers = [record["uuid"] for record in withheld.values()]
    markers += ["MARKER-SENSITIVE-COMMENT", "MARKER-SENSITIVE-QUOTE", "MARKER-SENSITIVE-TRANSLATION",
                "MARKER-NAMED-PERSON", "MARKER-NAMED-COMMENT", "MARKER-ATTRIBUTED-PERSON",
                "MARKER-ATTRIBUTED-COMMENT", "MARKER-DELETED-SENSITIVE", "MARKER-NOTE-TITLE", "MARKER-NOTE-TEXT",
                "MARKER-THEME"]
    return markers


def test_a_default_export_leaves_out_sensitive_and_named_content_everywhere(workspace, out_dir):
    c, withheld, public = privacy_data(workspace)
    result = export(workspace, out_dir / "default.xlsx")

    parts = zip_parts(result.path)
    assert {"xl/worksheets/sheet3.xml", "docProps/core.xml", "docProps/app.xml"} <= set(parts)
    for marker in withheld_markers(withheld):
        for name, data in parts.items():
            assert marker.encode("utf-8") not in data, f"{marker} leaked into {name}"
    everything = b"".join(parts.values())
    assert b"MARKER-PUBLIC-COMMENT" in everything and b"MARKER-PUBLIC-NOTE" in everything
    assert c["uuid"].encode() in everything

    package = read_export(result.path, workspace.reference)
    assert package.checksum_matches
    assert set(exported(package)[FEEDBACK_SHEET]) == {public["feedback"]["uuid"]}
    assert set(exported(package)[NOTES]) == {public["note"]["uuid"]}
    assert [row["code"] for row in package.sheets[RECOMMENDATIONS]] == ["KH3-01"], \
        "a recommendation only withheld feedback refers to is not listed"
    assert result.left_out == {"feedback_sensitive": 2, "feedback_named": 2, "notes_sensitive": 1,
                                 "feedback_consent": 0}
    assert int(package.manifest["left_out_sensitive"]) == 3
    assert int(package.manifest["left_out_named"]) == 2
    assert package.manifest["include_sensitive"] is False
    log = export_queries.export_log(workspace.db)
    assert log[-1]["left_out"] == result.left_out and log[-1]["include_sensitive"] == 0

    book = openpyxl.load_workbook(result.path)
    cover = {row[0].value: row[1].value for row in book["cover"].iter_rows() if row[0].value}
    left = next(value for label, value in cover.items() if label.startswith("Left out"))
    assert left.startswith("3 record(s) marked sensitive and 2 feedback entr(ies) naming a person were left out")
    assert "កំណត់ត្រារសើប 3" in left
    book.close()

    full = export(workspace, out_dir / "sensitive.xlsx", include_sensitive=True)
    everything = b"".join(zip_parts(full.path).values())
    for marker in withheld_markers(withheld):
        if marker == "MARKER-DELETED-SENSITIVE":  # a deleted entry travels without its words (issue 16)
            assert marker.encode("utf-8") not in everything
        else:
            assert marker.encode("utf-8") in everything, marker
    assert full.left_out == {"feedback_sensitive": 0, "feedback_named": 0, "notes_sensitive": 0,
                                 "feedback_consent": 0}
    package = read_export(full.path, workspace.reference)
    assert set(exported(package)[FEEDBACK_SHEET]) == {public["feedback"]["uuid"]} | {
        withheld[key]["uuid"] for key in ("sensitive", "named", "attributed", "deleted_sensitive")}
    book = openpyxl.load_workbook(full.path)
    cover = {row[0].value: row[1].value for row in book["cover"].iter_rows() if row[0].value}
    left = next(value for label, value in cover.items() if label.startswith("Left out"))
    assert left.startswith("Nothing. Sensitive content IS included")
    book.close()


def test_nothing_withheld_says_so_on_the_cover(workspace, out_dir):
    c = consultation(workspace)
    feedback(workspace, c["uuid"], attribution="by_organisation", comment="open")
    result = export(workspace, out_dir / "plain.xlsx")
    assert result.left_out == {"feedback_sensitive": 0, "feedback_named": 0, "notes_sensitive": 0,
                                 "feedback_consent": 0}
    book = openpyxl.load_workbook(result.path)
    texts = [cell.value for row in book["cover"].iter_rows() for cell in row if cell.value]
    assert "Nothing was left out.\nគ្មានអ្វីត្រូវបានដកចេញទេ។" in texts
    book.close()


# -- passwords ------------------------------------------------------------------------------

def test_a_password_protected_export_needs_its_password_which_is_kept_nowhere(workspace, data_dir, out_dir):
    password = "correct horse"
    c = consultation(workspace)
    feedback(workspace, c["uuid"], comment="protected words")
    result = export(workspace, out_dir / "locked.xlsx", password=password)
    assert result.password_protected

    data = result.path.read_bytes()
    assert data.startswith(OLE_MAGIC) and not zipfile.is_zipfile(result.path)
    with pytest.raises(zipfile.BadZipFile):
        openpyxl.load_workbook(result.path)
    with pytest.raises(InputError, match="password-protected; give its password"):
        read_export(result.path, workspace.reference)
    with pytest.raises(InputError, match="password is wrong"):
        read_export(result.path, workspace.reference, password="wrong horse")
    package = read_export(result.path, workspace.reference, password=password)
    assert package.checksum_matches
    assert package.manifest["password_protected"] is True
    assert [row["comment"] for row in package.sheets[FEEDBACK_SHEET]] == ["protected words"]

    office = msoffcrypto.OfficeFile(io.BytesIO(data))
    assert office.is_encrypted()
    office.load_key(password=password, verify_password=True)
    plain = io.BytesIO()
    office.decrypt(plain)
    book = openpyxl.load_workbook(io.BytesIO(plain.getvalue()))
    assert book.sheetnames[:5] == ["cover", CONSULTATIONS, FEEDBACK_SHEET, NOTES, RECOMMENDATIONS]
    book.close()

    assert export_queries.export_log(workspace.db)[-1]["password_protected"] == 1
    forms = [password.encode("utf-8"), password.encode("utf-16-le"), password.encode("utf-16-be")]
    stores = [path for path in data_dir.rglob("*") if path.is_file()]
    assert any(path.name.endswith("-wal") for path in stores) and any(path.suffix == ".sqlite3" for path in stores)
    for path in stores + [result.path]:
        content = path.read_bytes()
        for form in forms:
            assert form not in content, f"the password is in {path.name}"
    assert not any(form in plain.getvalue() for form in forms), "nor inside the workbook"


# -- since last ---------------------------------------------------------------------------------

def test_since_last_exports_exactly_what_changed(workspace, out_dir):
    c = consultation(workspace)
    first = feedback(workspace, c["uuid"], recommendation_code="KH3-05", comment="first")
    feedback(workspace, c["uuid"], recommendation_code="KH3-06", comment="second")
    note(workspace, c["uuid"], text="old note")
    assert unexported(workspace) == 4

    full = export(workspace, out_dir / "1.xlsx")
    assert (full.export_seq, full.scope) == (1, "full")
    assert unexported(workspace) == 0
    assert full.counts == {CONSULTATIONS: 1, FEEDBACK_SHEET: 2, NOTES: 1, RECOMMENDATIONS: 2}

    edited = workspace.records.update(FEEDBACK, first["uuid"], {"comment": "first, corrected"})
    added = note(workspace, c["uuid"], text="new note")
    assert unexported(workspace) == 2

    delta = export(workspace, out_dir / "2.xlsx", since_last=True)
    assert (delta.export_seq, delta.scope) == (2, "since_last")
    assert delta.counts == {CONSULTATIONS: 0, FEEDBACK_SHEET: 1, NOTES: 1, RECOMMENDATIONS: 1}
    package = read_export(delta.path, workspace.reference)
    assert package.checksum_matches
    rows = exported(package)
    assert rows[CONSULTATIONS] == {}
    assert rows[FEEDBACK_SHEET] == {edited["uuid"]: canonical_row(FEEDBACK_SHEET, edited)}
    assert rows[FEEDBACK_SHEET][edited["uuid"]]["revision"] == 2
    assert rows[NOTES] == {added["uuid"]: canonical_row(NOTES, added)}
    assert [row["code"] for row in package.sheets[RECOMMENDATIONS]] == ["KH3-05"]
    assert package.manifest["since_seq"] == read_export(full.path, workspace.reference).manifest["until_seq"]
    assert unexported(workspace) == 0

    empty = export(workspace, out_dir / "3.xlsx", since_last=True)
    assert empty.export_seq == 3
    assert empty.counts == {CONSULTATIONS: 0, FEEDBACK_SHEET: 0, NOTES: 0, RECOMMENDATIONS: 0}
    package = read_export(empty.path, workspace.reference)
    assert package.checksum_matches and all(package.sheets[sheet] == [] for sheet in DATA_SHEETS)

    again = export(workspace, out_dir / "4.xlsx")  # a full export still holds everything
    assert again.export_seq == 4
    assert again.counts == {CONSULTATIONS: 1, FEEDBACK_SHEET: 2, NOTES: 2, RECOMMENDATIONS: 2}

    log = export_queries.export_log(workspace.db)
    assert [entry["export_seq"] for entry in log] == [1, 2, 3, 4]
    assert [entry["scope"] for entry in log] == ["full", "since_last", "since_last", "full"]
    assert [entry["file_name"] for entry in log] == ["1.xlsx", "2.xlsx", "3.xlsx", "4.xlsx"]
    for entry, result in zip(log, (full, delta, empty, again)):
        assert entry["export_id"] == result.export_id
        assert entry["counts"] == result.counts
        assert entry["content_sha256"] == result.content_sha256
    assert settings_store.get(workspace.db, export_queries.EXPORT_SEQ) == "4"


# -- Excel layout -------------------------------------------------------------------------------

def test_sheets_have_tables_frozen_headers_drop_downs_and_real_dates(workspace, out_dir):
    c = consultation(workspace, end_date="2024-03-07", languages=["km", "en"], consent_policy="group_only")
    for index in range(3):
        feedback(workspace, c["uuid"], recommendation_code=f"KH3-0{index + 1}", priority="high",
                 implementation_assessment="unknown")
    note(workspace, c["uuid"], text="n")
    result = export(workspace, out_dir / "layout.xlsx")
    book = openpyxl.load_workbook(result.path)
    assert book.sheetnames == ["cover", CONSULTATIONS, FEEDBACK_SHEET, NOTES, RECOMMENDATIONS, "lists", "consents",
                               "attachments",
                               "manifest"]
    rows = {CONSULTATIONS: 1, FEEDBACK_SHEET: 3, NOTES: 1, RECOMMENDATIONS: 3}
    for name, count in rows.items():
        sheet = book[name]
        columns = SHEET_COLUMNS[name]
        tables = list(sheet.tables.values())
        assert len(tables) == 1, name
        last = openpyxl.utils.get_column_letter(len(columns))
        assert tables[0].ref == f"A2:{last}{2 + count}", name
        assert [column.name for column in tables[0].tableColumns] == [column.key for column in columns]
        assert [cell.value for cell in sheet[2]] == [column.key for column in columns]
        assert all("\n" in cell.value for cell in sheet[1]), "English and Khmer labels above the keys"
        assert sheet.freeze_panes == "B3", name
        validations = {str(dv.sqref): dv for dv in sheet.data_validations.dataValidation}
        for index, column in enumerate(columns, start=1):
            letter = openpyxl.utils.get_column_letter(index)
            if column.kind == ENUM:
                dv = validations[f"{letter}3:{letter}{2 + count}" if count > 1 else f"{letter}3"]
                assert dv.type == "list" and dv.formula1.startswith("lists!$"), (name, column.key)
            if column.kind == DATE:
                for row in range(3, 3 + count):
                    cell = sheet[f"{letter}{row}"]
                    assert cell.is_date and cell.number_format == "yyyy-mm-dd", (name, column.key)
        enum_count = sum(column.kind == ENUM for column in columns)
        assert len([dv for dv in validations.values() if dv.formula1.startswith("lists!")]) == enum_count
    dates = book[CONSULTATIONS]
    keys = [cell.value for cell in dates[2]]
    assert dates.cell(3, keys.index("start_date") + 1).value == dt.datetime(2024, 3, 5)
    assert dates.cell(3, keys.index("end_date") + 1).value == dt.datetime(2024, 3, 7)
    # A drop-down's source is exactly the list's keys on the lists sheet.
    priority = next(dv for dv in book[FEEDBACK_SHEET].data_validations.dataValidation
                    if dv.errorTitle == "Priority")
    source = priority.formula1.split("!")[1].replace("$", "")
    assert [cell.value for (cell,) in book["lists"][source]] == list(workspace.reference.keys("priorities"))

    cover = [cell.value for row in book["cover"].iter_rows() for cell in row if isinstance(cell.value, str)]
    text = "\n".join(cover)
    assert "UPR consultation export" in text and "ឯកសារនាំចេញនៃការពិគ្រោះយោបល់ UPR" in text
    assert "Feedback entries\nមតិយោបល់" in cover
    assert any(ord(ch) in range(0x1780, 0x1800) for ch in text)
    assert book.active.title == "cover"
    book.close()


# -- command line -------------------------------------------------------------------------------

def run_cli(capsys, data_dir, *args):
    code = main(["--data-dir", str(data_dir), *args])
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_line_error(err, *fragments):
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(ERROR_PREFIX) and "Traceback" not in err, err
    for fragment in fragments:
        assert fragment in lines[0], (fragment, err)


def test_cli_export_json(workspace, data_dir, out_dir, capsys):
    c = consultation(workspace)
    feedback(workspace, c["uuid"], comment="x")
    feedback(workspace, c["uuid"], comment="y", sensitive=True)
    out = out_dir / "cli.xlsx"
    code, stdout, err = run_cli(capsys, data_dir, "export", "--out", str(out), "--json")
    assert code == EXIT_OK and err == ""
    result = json.loads(stdout)
    assert set(result) == {"path", "export_id", "export_seq", "scope", "counts", "left_out", "content_sha256",
                           "password_protected"}
    assert result["path"] == str(out) and out.is_file()
    assert result["export_seq"] == 1 and result["scope"] == "full" and result["password_protected"] is False
    assert result["counts"] == {CONSULTATIONS: 1, FEEDBACK_SHEET: 1, NOTES: 0, RECOMMENDATIONS: 1}
    assert result["left_out"] == {"feedback_sensitive": 1, "feedback_named": 0, "notes_sensitive": 0,
                                 "feedback_consent": 0}
    package = read_export(out, workspace.reference)
    assert package.manifest["export_id"] == result["export_id"]
    assert package.manifest["content_sha256"] == result["content_sha256"] == package.computed_sha256

    code, stdout, err = run_cli(capsys, data_dir, "export", "--out", str(out_dir / "s.xlsx"), "--since-last",
                                "--include-sensitive", "--json")
    assert code == EXIT_OK
    result = json.loads(stdout)
    assert (result["export_seq"], result["scope"]) == (2, "since_last")
    assert result["counts"][CONSULTATIONS] == 0


def test_cli_export_password_from_the_environment(workspace, data_dir, out_dir, capsys, monkeypatch):
    consultation(workspace)
    out = out_dir / "pw.xlsx"
    monkeypatch.delenv("EXPORT_PW", raising=False)
    code, stdout, err = run_cli(capsys, data_dir, "export", "--out", str(out), "--password-env", "EXPORT_PW")
    assert code == EXIT_FAILED and stdout == ""
    assert_one_line_error(err, "EXPORT_PW", "not set")
    assert not out.exists() and export_queries.export_log(workspace.db) == []

    monkeypatch.setenv("EXPORT_PW", "correct horse")
    code, stdout, err = run_cli(capsys, data_dir, "export", "--out", str(out), "--password-env", "EXPORT_PW",
                                "--json")
    assert code == EXIT_OK, err
    assert json.loads(stdout)["password_protected"] is True
    assert out.read_bytes().startswith(OLE_MAGIC)
    assert read_export(out, workspace.reference, password="correct horse").checksum_matches


@pytest.mark.parametrize("target, fragment", [("missing/folder/x.xlsx", "no such folder"),
                                              ("export.csv", ".xlsx ending")])
def test_cli_export_refuses_a_bad_target(workspace, data_dir, out_dir, capsys, target, fragment):
    consultation(workspace)
    code, stdout, err = run_cli(capsys, data_dir, "export", "--out", str(out_dir / target))
    assert code == EXIT_FAILED and stdout == ""
    assert_one_line_error(err, fragment)
    assert list(out_dir.iterdir()) == []
    assert export_queries.export_log(workspace.db) == []
    with pytest.raises(AppError):
        export(workspace, out_dir / target)


# -- LibreOffice ----------------------------------------------------------------------------------

def test_a_libreoffice_resave_keeps_rows_and_checksum(workspace, tmp_path, out_dir):
    full_data_set(workspace)
    made = hostile_data(workspace, legacy=False)
    # Windows line breaks (pasted from Word): LibreOffice would rewrite CRLF as LF on a re-save,
    # so entry stores newlines and the checksum survives.
    pasted = feedback(workspace, made["khmer"][0]["uuid"], comment="pasted from Word\r\nsecond line\r\n")
    assert pasted["comment"] == "pasted from Word\nsecond line\n"
    expected = stored(workspace)
    result = export(workspace, out_dir / "original.xlsx", include_sensitive=True)
    converted = libreoffice_resave(result.path, tmp_path / "libreoffice", tmp_path / "lo-profile")

    package = read_export(converted, workspace.reference)
    assert package.checksum_matches
    assert exported(package) == expected
    original = read_export(result.path, workspace.reference)
    assert package.sheets[RECOMMENDATIONS] == original.sheets[RECOMMENDATIONS]
    assert package.manifest["export_id"] == result.export_id


def test_a_libreoffice_resave_keeps_the_checksum_of_older_crlf_text(workspace, tmp_path, out_dir):
    c = consultation(workspace)
    fb = feedback(workspace, c["uuid"], comment="placeholder")
    workspace.db.execute("UPDATE feedback SET comment = ? WHERE uuid = ?",
                         ["typed before the fix\r\nsecond line", fb["uuid"]])
    result = export(workspace, out_dir / "crlf.xlsx", include_sensitive=True)
    assert read_export(result.path, workspace.reference).checksum_matches
    converted = libreoffice_resave(result.path, tmp_path / "libreoffice", tmp_path / "lo-profile")
    package = read_export(converted, workspace.reference)
    assert package.checksum_matches
