"""The catalog workbook: export, edit in a spreadsheet (cluster, translate, fix typos),
import; round trips through LibreOffice; signed packages for field laptops."""

import shutil
import subprocess

import openpyxl
import pytest

from consultation_app.domain.catalog_package import catalog_digest
from consultation_app.domain.records import CONSULTATION, FEEDBACK
from consultation_app.errors import InputError
from consultation_app.exchange.catalog_workbook import read_catalog_workbook
from consultation_app.services.catalog_import import ImportOptions, apply, export_catalog, plan_import
from consultation_app.storage import catalog_store
from tests.catalog_fixtures import write_uhri_xlsx
from tests.test_cli import EXIT_FAILED, EXIT_OK, assert_one_line_error, run, run_json

ANNEX = "khm-upr3-ohchr-2019"


def import_file(workspace, path, **options):
    return apply(workspace.db, plan_import(workspace.db, path, ImportOptions(**options)))


def test_round_trip_of_the_annex_loses_nothing(workspace, tmp_path):
    stored = catalog_store.stored_catalog(workspace.db, ANNEX)
    path = export_catalog(workspace.db, ANNEX, tmp_path / "annex.xlsx")
    back = read_catalog_workbook(path)
    assert back.bad_rows == []
    assert back.catalog == stored
    assert back.content_sha256 == catalog_digest(stored)
    assert import_file(workspace, path).status == "unchanged"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_round_trip_through_a_libreoffice_resave(workspace, tmp_path):
    import_file(workspace, write_uhri_xlsx(tmp_path / "uhri.xlsx"), country="Cambodia", cycle=4,
                skip_bad_rows=True)
    for catalog_id in (ANNEX, "cambodia-upr4-uhri"):
        path = export_catalog(workspace.db, catalog_id, tmp_path / f"{catalog_id}.xlsx")
        out = tmp_path / "resaved"
        subprocess.run(["soffice", "--headless", "--convert-to", "xlsx", "--outdir", str(out), str(path)],
                       check=True, capture_output=True, timeout=180)
        back = read_catalog_workbook(out / path.name)
        assert back.catalog == catalog_store.stored_catalog(workspace.db, catalog_id)
        assert import_file(workspace, out / path.name).status == "unchanged"


def test_clustering_translating_and_fixing_a_typo_in_excel(workspace, tmp_path):
    import_file(workspace, write_uhri_xlsx(tmp_path / "uhri.xlsx"), country="Cambodia", cycle=4,
                skip_bad_rows=True, catalog_id="khm-upr4")
    consultation = workspace.records.create(CONSULTATION, {
        "title": "T", "stakeholder_group": "civil_society", "province": "kampot", "start_date": "2024-05-01",
        "catalog_id": "khm-upr4"})
    entry = workspace.records.create(FEEDBACK, {"consultation_uuid": consultation["uuid"], "catalog_id": "khm-upr4",
                                                "recommendation_code": "110.24", "comment": "land"})
    path = export_catalog(workspace.db, "khm-upr4", tmp_path / "khm-upr4.xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book["recommendations"]
    header = [c.value for c in sheet[1]]
    col = {key: header.index(key) + 1 for key in header}
    rows = {sheet.cell(r, col["code"]).value: r for r in range(2, sheet.max_row + 1)}
    sheet.cell(rows["110.24"], col["part"]).value = "Land and housing"
    sheet.cell(rows["110.24"], col["theme"]).value = "Land disputes"
    sheet.cell(rows["110.24"], col["text_km"]).value = "ធានាថាវិវាទដីធ្លីទាំងអស់ត្រូវបានដោះស្រាយ"
    sheet.cell(rows["110.23"], col["part"]).value = "Land and housing"
    sheet.cell(rows["110.23"], col["text"]).value = "Ratify the Optional Protocol to the Convention against Torture."
    book.save(path)

    plan = plan_import(workspace.db, path, ImportOptions())
    assert plan.format == "workbook" and plan.status == "update" and plan.changed == 2
    result = apply(workspace.db, plan)
    assert result.version == plan.catalog.version and result.version > "2024"
    listed = {r["code"]: r for r in catalog_store.list_recommendations(workspace.db, "khm-upr4")}
    assert (listed["110.24"]["part"], listed["110.24"]["theme"]) == ("Land and housing", "Land disputes")
    assert listed["110.24"]["text_km"].startswith("ធានា") and listed["110.24"]["km_status"] == "working"
    assert listed["110.23"]["part"] == "Land and housing" and listed["110.23"]["text"].endswith("Torture.")
    assert listed["110.25"]["part"] == "Not yet clustered"
    assert workspace.records.get(FEEDBACK, entry["uuid"])["comment"] == "land"


def test_bad_workbook_rows_are_named_and_skippable(workspace, tmp_path):
    path = export_catalog(workspace.db, ANNEX, tmp_path / "annex.xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book["recommendations"]
    header = [c.value for c in sheet[1]]
    sheet.cell(5, header.index("sdgs") + 1).value = "4, nineteen"
    sheet.cell(7, header.index("position") + 1).value = "maybe"
    sheet.cell(9, header.index("code") + 1).value = sheet.cell(8, header.index("code") + 1).value
    book.save(path)
    with pytest.raises(InputError) as error:
        plan_import(workspace.db, path, ImportOptions())
    message = str(error.value)
    assert "3 row(s) cannot be read" in message and "row 5: column 'sdgs'" in message
    assert "row 7: 'position'" in message
    plan = plan_import(workspace.db, path, ImportOptions(skip_bad_rows=True))
    assert [row for row, _ in plan.bad_rows] == [5, 7, 9]
    assert len(plan.catalog.recommendations) == 44


def test_a_formula_in_the_recommendations_sheet_is_refused(workspace, tmp_path):
    path = export_catalog(workspace.db, ANNEX, tmp_path / "annex.xlsx")
    book = openpyxl.load_workbook(path)
    book["recommendations"]["E2"] = '=HYPERLINK("http://example.org","click")'
    book.save(path)
    with pytest.raises(InputError, match=r"annex.xlsx, sheet 'recommendations', row 2, column E \(text\): a formula"):
        plan_import(workspace.db, path, ImportOptions())


# -- distribution to field laptops -----------------------------------------------------------------
def test_a_laptop_takes_the_office_package_and_refuses_a_tampered_one(capsys, tmp_path, monkeypatch):
    office, laptop = tmp_path / "office", tmp_path / "laptop"
    uhri = write_uhri_xlsx(tmp_path / "uhri.xlsx")
    assert run(capsys, office, "catalog", "import", str(uhri), "--country", "Cambodia", "--cycle", "4",
               "--skip-bad-rows", "--id", "khm-upr4")[0] == EXIT_OK
    package = tmp_path / "khm-upr4.xlsx"
    code, out, err = run(capsys, office, "catalog", "export", "--catalog", "khm-upr4", "--out", str(package))
    assert code == EXIT_OK and "signed" in out
    # tampered on the way: one word of one text
    forged = tmp_path / "forged.xlsx"
    book = openpyxl.load_workbook(package)
    sheet = book["recommendations"]
    sheet["E3"] = sheet["E3"].value.replace("fair", "quick")
    book.save(forged)
    code, out, err = run(capsys, laptop, "catalog", "import", str(forged))
    assert code == EXIT_FAILED
    assert_one_line_error(err, "forged.xlsx", "changed after the office signed it")
    # the real one: taken, and its signer trusted from then on
    code, out, err = run(capsys, laptop, "catalog", "import", str(package))
    assert code == EXIT_OK and "loaded catalog khm-upr4" in out
    catalogs = {c["catalog_id"]: c for c in run_json(capsys, laptop, "catalog", "catalogs", "--json")}
    assert catalogs["khm-upr4"]["signed"] is True
    # a package signed by another installation (not the office this laptop trusts) is refused
    other = tmp_path / "other"
    run(capsys, other, "catalog", "import", str(uhri), "--country", "Cambodia", "--cycle", "4",
        "--skip-bad-rows", "--id", "khm-upr4b")
    stranger = tmp_path / "stranger.xlsx"
    run(capsys, other, "catalog", "export", "--catalog", "khm-upr4b", "--out", str(stranger))
    code, out, err = run(capsys, laptop, "catalog", "import", str(stranger))
    assert code == EXIT_FAILED
    assert_one_line_error(err, "stranger.xlsx", "does not trust")
    # an unsigned workbook cannot replace what the office signed
    unsigned = tmp_path / "unsigned.xlsx"
    book = openpyxl.load_workbook(package)
    for row in book["catalog"].iter_rows():
        if row[0].value in ("signature", "signed_by", "content_sha256"):
            row[1].value = None
    book["catalog"]["B4"] = "2099.1"  # version
    book.save(unsigned)
    code, out, err = run(capsys, laptop, "catalog", "import", str(unsigned))
    assert code == EXIT_FAILED
    assert_one_line_error(err, "unsigned.xlsx", "not signed")


def test_a_laptop_that_trusts_an_office_refuses_any_unsigned_workbook(capsys, tmp_path):
    office, laptop = tmp_path / "office", tmp_path / "laptop"
    package = tmp_path / "annex.xlsx"
    assert run(capsys, office, "catalog", "export", "--catalog", ANNEX, "--out", str(package))[0] == EXIT_OK
    # an unsigned annex workbook with one text changed, before and after the laptop trusts an office
    forged = tmp_path / "forged.xlsx"
    book = openpyxl.load_workbook(package)
    for row in book["catalog"].iter_rows():
        if row[0].value in ("signature", "signed_by", "content_sha256"):
            row[1].value = None
    book["recommendations"]["E2"] = "Forged text."
    book.save(forged)
    other = tmp_path / "uhri.xlsx"
    write_uhri_xlsx(other)
    run(capsys, office, "catalog", "import", str(other), "--country", "Cambodia", "--cycle", "4",
        "--skip-bad-rows", "--id", "khm-upr4")
    run(capsys, office, "catalog", "export", "--catalog", "khm-upr4", "--out", str(tmp_path / "p4.xlsx"))
    assert run(capsys, laptop, "catalog", "import", str(tmp_path / "p4.xlsx"))[0] == EXIT_OK
    code, out, err = run(capsys, laptop, "catalog", "import", str(forged))
    assert code == EXIT_FAILED
    assert_one_line_error(err, "forged.xlsx", "not signed", "signed by its office only")
    texts = {r["code"]: r["text"] for r in run_json(capsys, laptop, "catalog", "list", "--catalog", ANNEX, "--json")}
    assert texts["KH3-01"].startswith("Ratifying the Optional Protocols")
