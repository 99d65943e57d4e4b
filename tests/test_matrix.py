"""The follow-up matrix: one row per recommendation in catalog order with the implementation
status on file and the consultations' evidence, filterable (an Excel table), nothing sensitive,
Khmer labels, evidence of linked recommendations, refusals, and the command."""

import json

import openpyxl
import pytest

from consultation_app.cli.main import main
from consultation_app.errors import AppError
from consultation_app.exchange.matrix import write_matrix
from consultation_app.storage import implementation_store as store
from tests.test_dashboard import CATALOG, LAND_QUOTE, build_fixture
from tests.test_report import CODES, PRIVATE


@pytest.fixture
def central(workspace):
    build_fixture(workspace)
    store.put_institution(workspace.db, "moi", "Ministry of Interior", "ក្រសួងមហាផ្ទៃ", "ministry")
    store.record(workspace.db, workspace.device_id, "Dara", CATALOG, "KH3-44",
                 {"status": "ongoing", "measures": "Draft law tabled", "institutions": ["moi"],
                  "indicator": "30 titles", "indicator_due": "2027-06-30"})
    # A confirmed link (as the catalogs' link review records it); here within one catalog.
    workspace.db.execute("INSERT INTO recommendation_links VALUES (?, 'KH3-47', ?, 'KH3-44', 'confirmed', 0.9, "
                         "'2026-12-01')", [CATALOG, CATALOG])
    return workspace


def read(path):
    book = openpyxl.load_workbook(path)
    sheet = book["matrix"]
    header = [cell.value for cell in sheet[1]]
    rows = [dict(zip(header, values)) for values in sheet.iter_rows(min_row=2, values_only=True)]
    return book, sheet, header, rows


def test_one_row_per_recommendation_with_status_and_evidence(central, tmp_path):
    out = tmp_path / "matrix.xlsx"
    result = write_matrix(central.database_path, out, central.reference)
    assert (result.recommendations, result.with_status, result.quotes) == (47, 1, 1)
    book, sheet, header, rows = read(out)
    assert [row["Code"] for row in rows] == CODES
    assert sheet.tables["matrix_table"].ref == f"A1:T{len(rows) + 1}" and sheet.freeze_panes == "C2"
    kh44 = next(row for row in rows if row["Code"] == "KH3-44")
    assert (kh44["Implementation status"], kh44["Measures taken"], kh44["Responsible institutions"]) == (
        "Ongoing", "Draft law tabled", "Ministry of Interior")
    assert kh44["Indicator"] == "30 titles (due 2027-06-30)"
    assert (kh44["Consultations"], kh44["Feedback entries"]) == (3, 4)
    assert kh44["Priority"] == "High 2 · Medium 1 · Low 1" and "Indigenous" in kh44["Consultations and groups heard"]
    assert kh44["Recommendation (Khmer)"] and kh44["Recommendation (English)"].startswith("Simplifying")
    kh09 = next(row for row in rows if row["Code"] == "KH3-09")
    assert LAND_QUOTE in kh09["Quote 1"] and "Banlung civil society" in kh09["Quote 1"]
    kh47 = next(row for row in rows if row["Code"] == "KH3-47")
    assert "KH3-44" in kh47["Earlier-cycle evidence (linked recommendations)"] and "4 feedback entries" in \
        kh47["Earlier-cycle evidence (linked recommendations)"]
    everything = "\n".join(str(v) for row in rows for v in row.values() if v is not None)
    for private in PRIVATE:
        assert private not in everything, private


def test_khmer_matrix_and_refusals(central, tmp_path):
    out = tmp_path / "km.xlsx"
    write_matrix(central.database_path, out, central.reference, language="km", catalog_id=CATALOG)
    _, _, header, rows = read(out)
    assert "ស្ថានភាពអនុវត្ត" in header
    kh44 = next(row for row in rows if row["លេខកូដ"] == "KH3-44")
    assert kh44["ស្ថានភាពអនុវត្ត"] == "កំពុងអនុវត្ត" and kh44["ស្ថាប័នទទួលខុសត្រូវ"] == "ក្រសួងមហាផ្ទៃ"
    with pytest.raises(AppError, match="no catalog 'nope'"):
        write_matrix(central.database_path, tmp_path / "x.xlsx", central.reference, catalog_id="nope")
    with pytest.raises(AppError, match=r"\.xlsx"):
        write_matrix(central.database_path, tmp_path / "x.csv", central.reference)
    assert not (tmp_path / "x.xlsx").exists()


def test_matrix_command(central, tmp_path, capsys):
    out = tmp_path / "m.xlsx"
    code = main(["--data-dir", str(central.database_path.parent), "matrix", "--out", str(out), "--lang", "km",
                 "--json"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert json.loads(captured.out)["recommendations"] == 47 and out.exists()
