"""The blank capture template: sheets, keys, the 47 pre-filled recommendations read back by
calamine, openpyxl and LibreOffice, drop-downs on every enumeration, print setup, the
command line, and that a failed write leaves nothing behind."""

import re
import uuid
import zipfile

import openpyxl
import pytest
import xlsxwriter
from python_calamine import CalamineWorkbook

from consultation_app.cli.main import EXIT_FAILED, EXIT_OK, main
from consultation_app.errors import AppError
from consultation_app.exchange import template as template_module
from consultation_app.exchange.template import write_template
from consultation_app.exchange.template_layout import DETAILS_COLUMNS, FEEDBACK_COLUMNS, NOTE_COLUMNS, TEMPLATE_LISTS
from consultation_app.exchange.workbook_format import TEMPLATE_FORMAT_NAME
from consultation_app.storage import catalog_store
from tests.office import libreoffice_resave

SHEETS = ["instructions", "details", "feedback", "notes", "lists", "manifest"]
ANNEX_CODES = [f"KH3-{i:02d}" for i in range(1, 48)]
ENUMERATIONS = {  # sheet: {column key: the list its drop-down draws on}
    "details": {"stakeholder_group": "stakeholder_groups", "province": "provinces",
                "consent_policy": "consent_policies", "languages": "languages"},
    "feedback": {"priority": "priorities", "implementation_assessment": "implementation_assessments"},
    "notes": {"theme": "themes"},
}


@pytest.fixture
def recommendations(workspace):
    return catalog_store.list_recommendations(workspace.db)


@pytest.fixture
def template(workspace, recommendations, tmp_path):
    path = tmp_path / "capture template.xlsx"
    result = write_template(path, workspace.reference, recommendations)
    assert result.path == path and result.recommendations == 47
    return path


def calamine_rows(path, sheet):
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python(skip_empty_area=False)


def records(rows):
    """Rows under the key row (the second), as dicts by key; rows with nothing in them skipped."""
    keys = [str(cell) for cell in rows[1]]
    out = []
    for row in rows[2:]:
        if any(cell not in (None, "") for cell in row):
            out.append(dict(zip(keys, row)))
    return out


def cells(letter, first, last):
    """A range as openpyxl writes it: one cell has no colon."""
    return f"{letter}{first}" if first == last else f"{letter}{first}:{letter}{last}"


def key_row(ws):
    return [cell.value for cell in ws[2] if cell.value is not None]


def resolve(workbook, reference):
    """The values of a range such as 'lists!$A$2:$A$5'."""
    sheet, cells = reference.lstrip("=").split("!")
    return [row[0].value for row in workbook[sheet][cells.replace("$", "")]]


def test_sheets_and_key_rows(template):
    workbook = openpyxl.load_workbook(template)
    assert workbook.sheetnames == SHEETS
    assert workbook.active.title == "instructions"
    feedback = key_row(workbook["feedback"])
    assert {"recommendation_code", "theme", "text", "text_km", "priority", "implementation_assessment", "comment",
            "quote", "quote_translation", "suggested_actions", "responsible_institutions"} <= set(feedback)
    details = key_row(workbook["details"])
    assert {"stakeholder_group", "province", "date", "end_date", "district", "commune", "venue", "facilitator",
            "note_taker", "languages", "interpretation", "participants_women", "participants_men",
            "participants_other", "participants_youth", "participants_disabilities", "participants_indigenous",
            "organisations", "consent_policy", "summary"} <= set(details)
    assert key_row(workbook["notes"]) == ["theme", "title", "text"]
    for name in ("details", "feedback", "notes"):
        keys = key_row(workbook[name])
        assert all(re.fullmatch(r"[a-z_]+", key) for key in keys), keys
        labels = [cell.value for cell in workbook[name][1]][:len(keys)]
        assert all(label and "\n" in label and re.search("[\u1780-\u17ff]", label) for label in labels), labels


def test_the_annex_fills_47_rows_verbatim(template, recommendations):
    expected = [(rec["code"], rec["theme"], rec["text"], rec["text_km"]) for rec in recommendations]
    assert [code for code, *_ in expected] == ANNEX_CODES
    assert all(text_km for *_, text_km in expected)

    rows = records(calamine_rows(template, "feedback"))
    assert [(row["recommendation_code"], row["theme"], row["text"], row["text_km"]) for row in rows] == expected
    assert all(row[key] in (None, "") for row in rows for key in ("priority", "comment", "quote"))

    ws = openpyxl.load_workbook(template)["feedback"]
    keys = key_row(ws)
    read = [tuple(ws.cell(row, keys.index(key) + 1).value for key in ("recommendation_code", "theme", "text",
                                                                          "text_km"))
            for row in range(3, ws.max_row + 1)]
    assert read == expected


def test_tables_frozen_panes_and_widths(template):
    workbook = openpyxl.load_workbook(template)
    for name, columns, rows in (("details", DETAILS_COLUMNS, 1), ("feedback", FEEDBACK_COLUMNS, 47),
                                ("notes", NOTE_COLUMNS, 20)):
        ws = workbook[name]
        (table,) = ws.tables.values()
        last = openpyxl.utils.get_column_letter(len(columns))
        assert table.ref == f"A2:{last}{2 + rows}", name
        assert [column.name for column in table.tableColumns] == [column.key for column in columns]
        assert ws.freeze_panes in ("A3", "B3"), name
        assert all(ws.column_dimensions[openpyxl.utils.get_column_letter(i + 1)].width >= 7
                   for i in range(len(columns)))
    ws = workbook["feedback"]
    assert ws.cell(3, 3).alignment.wrap_text  # the recommendation's text wraps


def test_drop_downs_on_every_enumeration_draw_on_the_lists_sheet(template, workspace, recommendations):
    workbook = openpyxl.load_workbook(template)
    themes = list(dict.fromkeys(rec["theme_key"] for rec in recommendations))
    for sheet, columns in ENUMERATIONS.items():
        ws = workbook[sheet]
        keys = key_row(ws)
        last_row = ws.tables[f"{sheet}_table"].ref.split(":")[1]
        last_row = int(re.sub("[A-Z]", "", last_row))
        for key, list_name in columns.items():
            letter = openpyxl.utils.get_column_letter(keys.index(key) + 1)
            matching = [dv for dv in ws.data_validations.dataValidation
                        if str(dv.sqref) == cells(letter, 3, last_row)]
            assert len(matching) == 1, (sheet, key, [str(dv.sqref) for dv in ws.data_validations.dataValidation])
            (dv,) = matching
            assert dv.type == "list"
            assert dv.formula1.startswith("lists!$"), dv.formula1
            values = resolve(workbook, dv.formula1)
            expected = themes if list_name == "themes" else list(workspace.reference.keys(list_name))
            assert values == expected, (sheet, key)
            header = dv.formula1.split("!")[1].split(":")[0].replace("$", "").rstrip("0123456789") + "1"
            assert workbook["lists"][header].value == list_name
            if key != "languages":  # several languages, comma-separated, only inform
                assert dv.errorStyle in (None, "stop")
    # Every reference list the template uses is on the lists sheet, whole.
    lists = workbook["lists"]
    headers = {cell.value: cell.column for cell in lists[1] if cell.value}
    for name in TEMPLATE_LISTS:
        column = [lists.cell(row, headers[name]).value for row in range(2, lists.max_row + 1)]
        assert [value for value in column if value] == list(workspace.reference.keys(name))
        assert lists.cell(1, headers[name] + 2).value == "ខ្មែរ"


def test_dates_and_counts_are_validated(template):
    ws = openpyxl.load_workbook(template)["details"]
    keys = key_row(ws)
    by_range = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}

    def validation(key):
        letter = openpyxl.utils.get_column_letter(keys.index(key) + 1)
        return by_range[cells(letter, 3, 3)]

    for key in ("date", "end_date"):
        assert validation(key).type == "date"
        assert ws.cell(3, keys.index(key) + 1).number_format == "yyyy-mm-dd"
    for key in keys:
        if key.startswith("participants_"):
            dv = validation(key)
            assert (dv.type, dv.operator, dv.formula1) == ("whole", "greaterThanOrEqual", "0")


def test_grey_cells_are_locked_and_the_rest_can_be_filled(template):
    workbook = openpyxl.load_workbook(template)
    ws = workbook["feedback"]
    keys = key_row(ws)
    assert ws.protection.sheet and not ws.protection.password
    for key in keys:
        locked = ws.cell(3, keys.index(key) + 1).protection.locked
        assert locked == (key in ("recommendation_code", "theme", "text", "text_km")), key
    assert ws.cell(2, 1).protection.locked  # the key row
    grey = ws.cell(3, 3).fill.fgColor.rgb
    assert grey.upper().endswith("EDEDED")
    details = workbook["details"]
    assert details.protection.sheet and not details.protection.password
    assert not any(cell.protection.locked for cell in details[3][:len(key_row(details))])
    notes = workbook["notes"]
    assert not any(cell.protection.locked for row in notes.iter_rows(3, 22, 1, 3) for cell in row)


def test_print_setup_for_paper(template):
    workbook = openpyxl.load_workbook(template)
    for name in ("feedback", "notes", "details"):
        ws = workbook[name]
        assert ws.page_setup.orientation == "landscape", name
        assert int(ws.page_setup.paperSize) == 9, name  # A4
        assert ws.print_title_rows == "$1:$2", name
        assert ws.sheet_properties.pageSetUpPr.fitToPage, name
    feedback = workbook["feedback"]
    assert feedback.page_setup.fitToWidth in (1, None) and feedback.page_setup.fitToHeight == 0
    heights = [feedback.row_dimensions[row].height for row in range(3, 50)]
    assert all(height and height >= 60 for height in heights), heights
    # Long recommendations get taller rows than short ones.
    texts = [feedback.cell(row, 3).value for row in range(3, 50)]
    longest, shortest = max(range(47), key=lambda i: len(texts[i])), min(range(47), key=lambda i: len(texts[i]))
    assert heights[longest] > heights[shortest]


def test_manifest(template, recommendations):
    rows = calamine_rows(template, "manifest")
    manifest = {row[0]: row[1] for row in rows[1:] if row and row[0]}
    assert manifest["format"] == TEMPLATE_FORMAT_NAME == "upr-capture-template"
    assert int(manifest["format_version"]) == 1
    assert str(uuid.UUID(manifest["template_id"])) == manifest["template_id"]
    assert manifest["catalog_id"] == recommendations[0]["catalog_id"] == "khm-upr3-ohchr-2019"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z", manifest["created_at"])
    assert manifest["app_version"]
    assert int(manifest["recommendations"]) == 47
    instructions = "\n".join(str(cell) for row in calamine_rows(template, "instructions") for cell in row if cell)
    for words in ("never named", "central office", "at risk", "grey", "lists", "ការិយាល័យកណ្តាល", "ហានិភ័យ"):
        assert words in instructions


def test_text_is_never_taken_for_a_formula(workspace, tmp_path):
    recommendations = [
        {"catalog_id": "test", "code": "T-01", "theme": "=HYPERLINK(\"http://x\")", "theme_key": "t",
         "text": "=1+1", "text_km": "@SUM(A1)"},
        {"catalog_id": "test", "code": "-2", "theme": "+theme", "theme_key": "t", "text": "plain http://x.org",
         "text_km": ""},
    ]
    path = tmp_path / "t.xlsx"
    assert write_template(path, workspace.reference, recommendations).recommendations == 2
    ws = openpyxl.load_workbook(path)["feedback"]
    cells = [ws.cell(row, col) for row in (3, 4) for col in (1, 2, 3, 4)]
    assert all(cell.data_type in ("s", "n") for cell in cells)
    assert [cell.value for cell in cells] == ["T-01", "=HYPERLINK(\"http://x\")", "=1+1", "@SUM(A1)",
                                              "-2", "+theme", "plain http://x.org", None]
    assert all(ws.cell(row, 1).data_type == "s" for row in (3, 4))
    rows = records(calamine_rows(path, "feedback"))
    assert [row["text"] for row in rows] == ["=1+1", "plain http://x.org"]


def test_an_empty_catalog_still_gives_a_template(workspace, tmp_path):
    path = tmp_path / "empty.xlsx"
    assert write_template(path, workspace.reference, []).recommendations == 0
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == SHEETS
    assert workbook["feedback"].tables["feedback_table"].ref == "A2:K3"


@pytest.mark.parametrize("name", ["template.xls", "template.csv", "template"])
def test_refuses_a_name_that_is_not_xlsx(workspace, tmp_path, name):
    with pytest.raises(AppError, match=r"\.xlsx"):
        write_template(tmp_path / name, workspace.reference, [])
    assert list(tmp_path.iterdir()) == [tmp_path / "data"]


def test_refuses_a_missing_folder(workspace, tmp_path):
    with pytest.raises(AppError, match="no such folder"):
        write_template(tmp_path / "nowhere" / "t.xlsx", workspace.reference, [])


def test_the_command_line(capsys, data_dir, tmp_path):
    path = tmp_path / "capture.xlsx"
    assert main(["--data-dir", str(data_dir), "template", "--out", str(path)]) == EXIT_OK
    out, err = capsys.readouterr()
    assert err == ""
    assert out.strip() == f"wrote a capture template with 47 recommendations to {path}"
    assert [row["recommendation_code"] for row in records(calamine_rows(path, "feedback"))] == ANNEX_CODES

    missing = tmp_path / "no such folder" / "capture.xlsx"
    assert main(["--data-dir", str(data_dir), "template", "--out", str(missing)]) == EXIT_FAILED
    out, err = capsys.readouterr()
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("consultation-app: error: ") and "no such folder" in lines[0]
    assert not missing.parent.exists()


def leftovers(folder):
    return sorted(p.name for p in folder.iterdir() if p.name != "data")


def test_a_failure_while_writing_leaves_nothing(workspace, recommendations, tmp_path, monkeypatch):
    path = tmp_path / "capture.xlsx"
    writestr = zipfile.ZipFile.writestr
    seen = []

    files = []

    def fail_on_the_fifth_part(archive, info, data, *args, **kwargs):
        seen.extend(leftovers(tmp_path))
        if len(seen) >= 5:
            files.append(archive.fp)
            raise OSError(28, "No space left on device")  # the USB stick full half-way through
        return writestr(archive, info, data, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "writestr", fail_on_the_fifth_part)
    with pytest.raises(AppError, match="not enough space") as error:
        write_template(path, workspace.reference, recommendations)
    assert "nothing was saved" in str(error.value)
    assert seen and all(name.startswith(".capture.xlsx.") and name.endswith(".part") for name in seen), seen
    assert leftovers(tmp_path) == []
    assert files[0].closed, "the half-written file must be closed (Windows cannot remove an open file)"


def test_a_failure_before_the_file_is_written_leaves_nothing(workspace, recommendations, tmp_path, monkeypatch):
    def broken(*args):
        raise RuntimeError("a bug half-way through the sheets")

    monkeypatch.setattr(template_module, "_write_themes", broken)
    with pytest.raises(RuntimeError, match="half-way"):
        write_template(tmp_path / "capture.xlsx", workspace.reference, recommendations)
    assert leftovers(tmp_path) == []


def test_a_failure_after_the_file_is_written_keeps_the_old_one(workspace, recommendations, tmp_path, monkeypatch):
    path = tmp_path / "capture.xlsx"
    path.write_bytes(b"the previous template")
    close = xlsxwriter.Workbook.close
    seen = []

    def close_then_fail(workbook):
        close(workbook)  # the temporary file is complete on disk ...
        seen.extend(leftovers(tmp_path))
        raise OSError(28, "No space left on device")  # ... and then the rename never happens

    monkeypatch.setattr(xlsxwriter.Workbook, "close", close_then_fail)
    with pytest.raises(AppError, match="not enough space"):
        write_template(path, workspace.reference, recommendations)
    assert any(name.startswith(".capture.xlsx.") and name.endswith(".part") for name in seen), seen
    assert leftovers(tmp_path) == ["capture.xlsx"]
    assert path.read_bytes() == b"the previous template"


def test_libreoffice_round_trip(template, recommendations, tmp_path):
    converted = libreoffice_resave(template, tmp_path / "converted", tmp_path / "lo-profile")
    rows = records(calamine_rows(converted, "feedback"))
    assert [(row["recommendation_code"], row["text"], row["text_km"]) for row in rows] == \
        [(rec["code"], rec["text"], rec["text_km"]) for rec in recommendations]
    workbook = openpyxl.load_workbook(converted)
    assert workbook.sheetnames == SHEETS
    assert {"stakeholder_group", "province", "date"} <= set(key_row(workbook["details"]))
    types = {dv.type for dv in workbook["feedback"].data_validations.dataValidation}
    assert "list" in types
