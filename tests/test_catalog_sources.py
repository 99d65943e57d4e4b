"""Catalogs from the real sources: UHRI XLSX and JSON downloads, UPR Info (Uwazi) CSV, with
their quirks, filters, unreadable rows reported by number, and re-imports that keep feedback."""


import pytest

from consultation_app.domain.records import CONSULTATION, FEEDBACK
from consultation_app.errors import InputError
from consultation_app.exchange import catalog_sources as sources
from consultation_app.services.catalog_import import ImportOptions, apply, plan_import
from consultation_app.storage import catalog_store
from tests.catalog_fixtures import KEY, uhri_row, uhri_rows, write_uhri_json, write_uhri_xlsx, write_uwazi_csv
from tests.test_cli import EXIT_FAILED, EXIT_OK, assert_one_line_error, run, run_json

CAMBODIA_4 = dict(country="Cambodia", cycle=4, body="UPR")


# -- cell quirks --------------------------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("110.23 Ratify the Optional Protocol", ("110.23", "Ratify the Optional Protocol")),
    ("110.24Ensure that all", ("110.24", "Ensure that all")),
    ("110.25. Release all", ("110.25", "Release all")),
    ("Adopt a law (para. 13)", ("", "Adopt a law (para. 13)")),
    ("2030 Agenda is mentioned first", ("", "2030 Agenda is mentioned first")),
    ("110.23", ("", "110.23")),
])
def test_paragraph_prefix_is_split_from_the_text(text, expected):
    assert sources.split_paragraph(text) == expected


def test_multi_value_cells_lose_their_prefix_single_values_too():
    assert sources.multi_values("- Right to education\n- Children: definition") == (
        "Right to education", "Children: definition")
    assert sources.multi_values("- UPR") == ("UPR",)
    assert sources.multi_values("Norway|Chile", "|") == ("Norway", "Chile")
    assert sources.multi_values(None) == ()


def test_sdg_targets_with_their_wording():
    goals, targets = sources.sdg_values(["4.1 - By 2030, ensure that all girls", "16.10 - Ensure public access",
                                         "16.a - Strengthen institutions", "5 - Gender equality", "nonsense"])
    assert goals == (4, 5, 16)
    assert targets == ("4.1", "16.10", "16.a")


def test_dates_are_excel_serial_numbers():
    assert sources.excel_date(45450.0, "d") == "2024-06-07"
    assert sources.excel_date("45450", "d") == "2024-06-07"
    assert sources.excel_date("2024-06-10T00:00:00", "d") == "2024-06-10"
    with pytest.raises(sources.RowError, match="'d'"):
        sources.excel_date("next Tuesday", "d")


@pytest.mark.parametrize("session, cycle", [(1, 1), (12, 1), (13, 2), (26, 2), (27, 3), (32, 3), (40, 3),
                                            (41, 4), (46, 4), (54, 4), (55, 5)])
def test_cycle_from_session(session, cycle):
    assert sources.session_value(f"- {session}th session") == (str(session), cycle)


# -- UHRI XLSX ----------------------------------------------------------------------------------
def test_uhri_xlsx_rows_with_filters_and_bad_rows(tmp_path):
    read = sources.read_uhri_xlsx(write_uhri_xlsx(tmp_path / "uhri.xlsx"), sources.Filters(**CAMBODIA_4))
    assert read.total_rows == 11  # the blank trailing row is not a row
    by_par = {r.paragraph: r for r in read.rows}
    assert sorted(by_par) == ["110.23", "110.24", "110.25", "110.26", "110.29"]
    first = by_par["110.23"]
    assert first.text == "Ratify the Optional Protocol to the Convention against Torture"
    assert first.source_key == KEY.format(1)
    assert first.position == "supported" and by_par["110.25"].position == "noted"
    assert first.recommending_states == ("Norway", "Chile", "Ghana")
    assert first.themes == ("Torture and other cruel, inhuman or degrading treatment", "Right to life")
    assert first.sdgs == (4, 16) and first.sdg_targets == ("4.1", "16.10")
    assert first.affected_persons == ("Children",) and first.document_symbol == "A/HRC/56/12"
    assert (first.session, first.cycle, first.published) == ("46", 4, "2024-06-07")
    assert by_par["110.24"].text.startswith("Ensure that all pending land disputes")
    assert by_par["110.29"].text.startswith("=Strengthen")
    # the row without session has no cycle: left out by --cycle, and said so
    assert read.filtered["country is not Cambodia"] == 1
    assert read.filtered["recommending body is not UPR"] == 1
    assert read.filtered["not cycle 4"] == 1
    assert dict(read.bad_rows).keys() == {9, 10, 11}
    assert "'Text' is empty" in dict(read.bad_rows)[9]
    assert "OHCHR Annotation Id" in dict(read.bad_rows)[10]
    assert "UPR Position" in dict(read.bad_rows)[11]


def test_bad_rows_refuse_the_import_unless_skipped(capsys, data_dir, tmp_path):
    path = write_uhri_xlsx(tmp_path / "uhri.xlsx")
    code, out, err = run(capsys, data_dir, "catalog", "import", str(path), "--country", "Cambodia", "--cycle", "4")
    assert code == EXIT_FAILED and out == ""
    assert_one_line_error(err, "uhri.xlsx", "3 row(s) cannot be read", "row 9", "--skip-bad-rows")
    assert [c["catalog_id"] for c in run_json(capsys, data_dir, "catalog", "catalogs", "--json")] == [
        "khm-upr3-ohchr-2019"]
    code, out, err = run(capsys, data_dir, "catalog", "import", str(path), "--country", "Cambodia", "--cycle", "4",
                         "--skip-bad-rows", "--body", "UPR")
    assert code == EXIT_OK, err
    assert "skipped row 10: column 'OHCHR Annotation Id'" in out
    assert "left out 1 row(s): country is not Cambodia" in out
    assert "loaded catalog cambodia-upr4-uhri version 2024.06.07: 5 recommendations" in out
    rows = run_json(capsys, data_dir, "catalog", "list", "--catalog", "cambodia-upr4-uhri", "--json")
    assert [r["code"] for r in rows] == ["110.23", "110.24", "110.25", "110.26", "110.29"]
    first = rows[0]
    assert first["position"] == "supported" and first["recommending_states"] == ["Norway", "Chile", "Ghana"]
    assert first["paragraph"] == "110.23" and first["source_key"] == KEY.format(1) and first["cycle"] == 4
    assert first["sdgs"] == [4, 16] and first["sdg_targets"] == ["4.1", "16.10"]
    assert first["theme"] == "Not yet clustered" and first["text_km"] == ""
    catalogs = {c["catalog_id"]: c for c in run_json(capsys, data_dir, "catalog", "catalogs", "--json")}
    assert catalogs["cambodia-upr4-uhri"]["cycle"] == 4
    assert catalogs["cambodia-upr4-uhri"]["recommendations"] == 5
    assert catalogs["cambodia-upr4-uhri"]["with_khmer"] == 0
    assert catalogs["khm-upr3-ohchr-2019"]["with_khmer"] == 47


def test_dry_run_previews_and_changes_nothing(capsys, data_dir, tmp_path):
    path = write_uhri_xlsx(tmp_path / "uhri.xlsx")
    plan = run_json(capsys, data_dir, "catalog", "import", str(path), "--country", "cambodia", "--cycle", "4",
                    "--skip-bad-rows", "--dry-run", "--json", "--id", "khm-upr4", "--title", "4th cycle")
    assert plan["status"] == "new" and plan["imported"] is False and plan["added"] == 5 and plan["rows"] == 11
    assert [b["row"] for b in plan["bad_rows"]] == [9, 10, 11]
    assert plan["filtered"]["country is not cambodia"] == 1
    assert len(run_json(capsys, data_dir, "catalog", "catalogs", "--json")) == 1


def test_not_a_uhri_workbook_is_named(capsys, data_dir, tmp_path):
    path = write_uhri_xlsx(tmp_path / "other.xlsx", rows=[])
    import xlsxwriter

    workbook = xlsxwriter.Workbook(str(path))
    workbook.add_worksheet().write_row(0, 0, ["Name", "Value"])
    workbook.close()
    code, out, err = run(capsys, data_dir, "catalog", "import", str(path))
    assert code == EXIT_FAILED
    assert_one_line_error(err, "other.xlsx", "not a UHRI export", "'Text'")


def test_two_cycles_in_one_file_give_duplicate_codes_reported(workspace, tmp_path):
    path = write_uhri_xlsx(tmp_path / "uhri.xlsx", [uhri_row(1, "110.23 A"), uhri_row(5, "110.23 B",
                                                                                      session="- 32nd session")])
    with pytest.raises(InputError, match=r"row 3: code 110.23 is also on row 2.*--cycle"):
        plan_import(workspace.db, path, ImportOptions(country="Cambodia"))


def make_feedback(workspace, catalog_id, code, comment):
    consultation = workspace.records.create(CONSULTATION, {
        "title": "Test", "stakeholder_group": "civil_society", "province": "kampot", "catalog_id": catalog_id,
        "start_date": "2024-05-01", "participants_women": 4, "participants_men": 3})
    return workspace.records.create(FEEDBACK, {
        "consultation_uuid": consultation["uuid"], "catalog_id": catalog_id, "recommendation_code": code,
        "priority": "high", "comment": comment})


def test_newer_download_updates_by_source_key_and_keeps_feedback_and_khmer(workspace, tmp_path):
    options = ImportOptions(skip_bad_rows=True, **CAMBODIA_4)
    first = apply(workspace.db, plan_import(workspace.db, write_uhri_xlsx(tmp_path / "a.xlsx"), options))
    assert first.status == "loaded"
    entry = make_feedback(workspace, "cambodia-upr4-uhri", "110.24", "land is the issue")
    # a translation added at the office (as the catalog workbook does)
    workspace.db.execute("UPDATE recommendations SET text_km = 'ដោះស្រាយវិវាទដីធ្លី', km_status = 'reviewed' "
                         "WHERE code = '110.24'")
    rows = uhri_rows()[:4]
    rows[1] = uhri_row(2, "110.31 Ensure that all pending land disputes are settled fairly, transparently",
                       date=45600.0)  # renumbered and reworded in the newer download
    rows.append(uhri_row(12, "110.40 A recommendation the newer download adds", date=45600.0))
    plan = plan_import(workspace.db, write_uhri_xlsx(tmp_path / "b.xlsx", rows), options)
    assert (plan.status, plan.added, plan.changed, plan.retired) == ("update", 1, 1, 1)
    result = apply(workspace.db, plan)
    assert result.status == "updated" and result.version == "2024.11.04"
    listed = {r["code"]: r for r in catalog_store.list_recommendations(workspace.db, "cambodia-upr4-uhri")}
    assert "110.31" not in listed, "known by its annotation id: keeps the code its feedback refers to"
    assert listed["110.24"]["text"].endswith("settled fairly, transparently")
    assert listed["110.24"]["text_km"] == "ដោះស្រាយវិវាទដីធ្លី"
    assert listed["110.24"]["km_status"] == "working", "English changed: the translation needs review again"
    assert "110.40" in listed and "110.29" not in listed
    assert workspace.records.get(FEEDBACK, entry["uuid"])["comment"] == "land is the issue"
    again = plan_import(workspace.db, write_uhri_xlsx(tmp_path / "c.xlsx", rows), options)
    assert again.status == "unchanged"


# -- UHRI JSON and Uwazi CSV ---------------------------------------------------------------------
def test_uhri_json_html_text_lists_and_bad_records(tmp_path):
    read = sources.read_uhri_json(write_uhri_json(tmp_path / "uhri.json"), sources.Filters(country="Cambodia"))
    assert [r.paragraph for r in read.rows] == ["110.23", "110.24"]
    assert read.rows[0].text == "Ratify the Optional Protocol to the Convention against Torture"
    assert read.rows[1].text == "Settle land disputes fairly"
    assert read.rows[0].themes == ("Torture", "Right to life") and read.rows[0].sdg_targets == ("16.10",)
    assert read.rows[0].cycle == 4 and read.rows[0].position == "supported"
    assert read.filtered == {"country is not Cambodia": 1}
    assert [row for row, _ in read.bad_rows] == [4, 5]


def test_uhri_json_through_the_cli(capsys, data_dir, tmp_path):
    path = write_uhri_json(tmp_path / "uhri.json")
    out = run_json(capsys, data_dir, "catalog", "import", str(path), "--country", "Cambodia", "--skip-bad-rows",
                   "--json")
    assert out["format"] == "uhri-json" and out["recommendations"] == 2 and out["imported"]


def test_uwazi_csv(tmp_path, capsys, data_dir):
    path = write_uwazi_csv(tmp_path / "upr-info.csv")
    read = sources.read_uwazi_csv(path, sources.Filters(country="Cambodia", cycle=4))
    assert [(r.paragraph, r.position, r.recommending_states) for r in read.rows] == [
        ("110.23", "supported", ("Norway", "Chile")), ("110.24", "noted", ("Germany",))]
    assert read.rows[0].themes == ("Torture", "Detention")
    assert [row for row, _ in read.bad_rows] == [5]
    code, out, err = run(capsys, data_dir, "catalog", "import", str(path), "--country", "Cambodia",
                         "--skip-bad-rows")
    assert code == EXIT_OK, err
    assert "loaded catalog cambodia-upr4-uprinfo" in out


def test_bad_format_and_missing_columns_say_where(capsys, data_dir, tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("Name,Other\nA,B\n", encoding="utf-8")
    code, out, err = run(capsys, data_dir, "catalog", "import", str(path))
    assert code == EXIT_FAILED
    assert_one_line_error(err, "x.csv", "'Title'")
    bad = tmp_path / "latin1.csv"
    bad.write_bytes("Title\nCôte\n".encode("latin-1"))
    code, out, err = run(capsys, data_dir, "catalog", "import", str(bad))
    assert_one_line_error(err, "latin1.csv", "UTF-8")
    other = tmp_path / "thing.txt"
    other.write_text("hello")
    code, out, err = run(capsys, data_dir, "catalog", "import", str(other))
    assert code == EXIT_FAILED
    assert_one_line_error(err, "thing.txt", "--format")
    code, out, err = run(capsys, data_dir, "catalog", "import", str(other), "--format", "uhri-json")
    assert_one_line_error(err, "thing.txt", "not valid JSON")


def test_uwazi_csv_resaved_by_excel_with_semicolons(tmp_path):
    path = write_uwazi_csv(tmp_path / "upr-info.csv")
    text = path.read_text(encoding="utf-8-sig")
    import csv
    import io

    rows = list(csv.reader(io.StringIO(text)))
    out = io.StringIO()
    csv.writer(out, delimiter=";").writerows(rows)
    resaved = tmp_path / "resaved.csv"
    resaved.write_text(out.getvalue(), encoding="utf-8-sig")
    read = sources.read_uwazi_csv(resaved, sources.Filters(country="Cambodia"))
    assert [r.paragraph for r in read.rows] == ["110.23", "110.24"]
    assert read.rows[0].recommending_states == ("Norway", "Chile")


def test_hostile_source_files_are_refused_in_one_line(capsys, data_dir, tmp_path):
    import zipfile

    fake = tmp_path / "uhri.xlsx"
    fake.write_bytes(b"this is not a workbook at all")
    code, out, err = run(capsys, data_dir, "catalog", "import", str(fake))
    assert code == EXIT_FAILED
    assert_one_line_error(err, "uhri.xlsx", "not an Excel workbook")
    macro = tmp_path / "macro.xlsx"
    with zipfile.ZipFile(write_uhri_xlsx(tmp_path / "src.xlsx")) as source, zipfile.ZipFile(macro, "w") as out_zip:
        for item in source.infolist():
            out_zip.writestr(item, source.read(item))
        out_zip.writestr("xl/vbaProject.bin", b"\0" * 100)
    code, out, err = run(capsys, data_dir, "catalog", "import", str(macro))
    assert_one_line_error(err, "macro.xlsx", "macros")
    huge = tmp_path / "huge.csv"
    huge.write_text("Title,State under Review\n\"" + "x" * 200_000 + "\",Cambodia\n", encoding="utf-8")
    code, out, err = run(capsys, data_dir, "catalog", "import", str(huge))
    assert code == EXIT_FAILED
    assert_one_line_error(err, "huge.csv")
    broken = tmp_path / "uhri.json"
    broken.write_text('[{"AnnotationId": "x", "Text": ', encoding="utf-8")
    code, out, err = run(capsys, data_dir, "catalog", "import", str(broken))
    assert_one_line_error(err, "uhri.json", "not valid JSON")
    assert [c["catalog_id"] for c in run_json(capsys, data_dir, "catalog", "catalogs", "--json")] == [
        "khm-upr3-ohchr-2019"]
