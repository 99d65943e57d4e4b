"""The report: figures per recommendation against hand counts (test_dashboard's fixture), the
filters, the PDF (pages, codes, Khmer font embedded, page numbers, nothing sensitive), the
workbook (native charts, the figures, nothing sensitive), refusals, and the command."""

import argparse
import shutil
import subprocess

import openpyxl
import pytest

from consultation_app.errors import AppError
from consultation_app.exchange.report import write_report
from tests.test_dashboard import IC, LAND_QUOTE, LAND_TRANSLATION, NAMED_PERSON, NAMED_WORDS, RK, SECRET, build_fixture

CODES = [f"KH3-{n:02}" for n in range(1, 48)]
PRIVATE = (SECRET, NAMED_PERSON, NAMED_WORDS, "comment f11", "comment f14")


@pytest.fixture
def central(workspace):
    return workspace, build_fixture(workspace)


def pdf_text(path) -> str:
    if shutil.which("pdftotext"):
        return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                              check=True).stdout
    pytest.skip("pdftotext is not installed")


def pdf_pages(path) -> int:
    from PySide6.QtPdf import QPdfDocument

    document = QPdfDocument()
    document.load(str(path))
    return document.pageCount()


def workbook_strings(path) -> str:
    book = openpyxl.load_workbook(path)
    return "\n".join(str(cell.value) for sheet in book for row in sheet.iter_rows() for cell in row
                     if cell.value is not None)


def test_pdf_has_a_cover_every_code_page_numbers_and_nothing_sensitive(central, tmp_path, qtbot):
    ws, ids = central
    out = tmp_path / "report.pdf"
    result = write_report(ws.database_path, out, ws.reference)
    assert out.exists() and out.read_bytes().startswith(b"%PDF")
    assert (result.kind, result.recommendations, result.discussed) == ("pdf", 48, 8)  # 47 + the unknown code
    assert (result.feedback, result.consultations, result.quotes) == (21, 7, 1)
    assert 3 <= result.pages <= 10 and pdf_pages(out) == result.pages
    text = pdf_text(out)
    for code in CODES + ["KH3-99"]:
        assert code in text, code
    for private in PRIVATE:
        assert private not in text, private
    assert LAND_TRANSLATION in text and "Banlung civil society" in text  # the one quote that may leave
    assert "Consultations on the UPR recommendations: summary report" in " ".join(text.split())
    assert "None: all consultations" in text and "Feedback entries" in text
    assert f"Page 2 of {result.pages}" in text and f"Page {result.pages} of {result.pages}" in text
    assert "4 feedback entries from 3 consultations" in text  # KH3-44
    assert "No feedback recorded." in text  # most of the annex, with this small fixture
    assert text.index("KH3-01") < text.index("KH3-02") < text.index("KH3-47") < text.index("KH3-99")
    assert "Minorities and indigenous peoples" in text and "D. Rights of spec" in text
    if shutil.which("pdffonts"):
        fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
        assert "NotoSansKhmer" in fonts  # the Khmer quote, set in the bundled font and embedded
        assert all(" yes " in line for line in fonts.splitlines()[2:] if line.strip())


def test_pdf_filters_and_khmer(central, tmp_path, qtbot):
    ws, _ = central
    out = tmp_path / "ratanakiri.pdf"
    result = write_report(ws.database_path, out, ws.reference, province=RK, date_from="2024-01-01",
                          date_to="2024-12-31")
    assert (result.feedback, result.consultations, result.quotes) == (7, 2, 1)
    text = pdf_text(out)
    assert "Ratanakiri" in text and "2024-01-01" in text and "2024-12-31" in text
    khmer = write_report(ws.database_path, tmp_path / "km.pdf", ws.reference, group=IC, language="km")
    assert (khmer.feedback, khmer.consultations, khmer.quotes) == (7, 2, 0)
    text = pdf_text(tmp_path / "km.pdf")
    assert "KH3-44" in text and any("\u1780" <= ch <= "\u17ff" for ch in text)
    for private in PRIVATE:
        assert private not in text


def test_workbook_has_native_charts_the_figures_and_nothing_sensitive(central, tmp_path):
    ws, _ = central
    out = tmp_path / "report.xlsx"
    result = write_report(ws.database_path, out, ws.reference)
    assert result.kind == "xlsx" and result.pages is None
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["cover", "charts", "summary", "themes"]
    charts = book["charts"]._charts
    assert len(charts) == 2
    assert all(chart.grouping == "stacked" and chart.type == "bar" for chart in charts)
    assert len(charts[0].series) == 5 and len(charts[1].series) == 6  # with a "not recorded" series each
    summary = book["summary"]
    header = [cell.value for cell in summary[1]]
    rows = {row[0]: dict(zip(header, row)) for row in summary.iter_rows(min_row=2, values_only=True)}
    assert list(rows) == CODES + ["KH3-99"]
    kh44 = rows["KH3-44"]
    assert (kh44["Consultations that gave feedback"], kh44["Feedback entries"]) == (3, 4)
    assert (kh44["Priority: High"], kh44["Priority: Medium"], kh44["Priority: Low"]) == (2, 1, 1)
    assert kh44["Implementation: Not implemented"] == 2 and kh44["Implementation: Fully implemented"] == 1
    kh01 = rows["KH3-01"]
    assert (kh01["Feedback entries"], kh01["Priority: High"], kh01["Priority: Not recorded"]) == (5, 3, 1)
    assert LAND_QUOTE in rows["KH3-09"]["Quote 1"] and "Banlung civil society" in rows["KH3-09"]["Quote 1"]
    assert rows["KH3-47"]["Feedback entries"] == 0
    themes = {row[0]: row for row in book["themes"].iter_rows(min_row=2, values_only=True)}
    land = themes["Development, the environment, and business and human rights"]
    assert land[1:4] == (4, 5, 3)  # consultations, entries, high
    strings = workbook_strings(out)
    for private in PRIVATE:
        assert private not in strings
    filtered = write_report(ws.database_path, tmp_path / "ic.xlsx", ws.reference, group=IC)
    assert (filtered.feedback, filtered.consultations) == (7, 2)
    rows = {row[0]: row for row in openpyxl.load_workbook(tmp_path / "ic.xlsx")["summary"].iter_rows(
        min_row=2, values_only=True)}
    assert rows["KH3-44"][4:6] == (2, 3) and rows["KH3-09"][5] == 0


def test_refusals(central, tmp_path):
    ws, _ = central
    for name in ("report.doc", "report", "report.csv"):
        with pytest.raises(AppError, match=r"\.pdf.*\.xlsx.*\.docx"):
            write_report(ws.database_path, tmp_path / name, ws.reference)
    with pytest.raises(AppError, match="not a stakeholder group"):
        write_report(ws.database_path, tmp_path / "r.xlsx", ws.reference, group="farmers")
    with pytest.raises(AppError, match="not a province"):
        write_report(ws.database_path, tmp_path / "r.xlsx", ws.reference, province="Atlantis")
    with pytest.raises(AppError, match="YYYY-MM-DD"):
        write_report(ws.database_path, tmp_path / "r.xlsx", ws.reference, date_from="5 May")
    with pytest.raises(AppError, match="no such folder"):
        write_report(ws.database_path, tmp_path / "missing" / "r.pdf", ws.reference)
    assert list(tmp_path.glob("*.xlsx")) == [] and list(tmp_path.glob(".*.part")) == []


def test_command(central, tmp_path, capsys, qtbot):
    from consultation_app.cli import report_commands

    ws, _ = central
    parser = argparse.ArgumentParser(prog="consultation-app")
    report_commands.add_parsers(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["report", "--out", str(tmp_path / "r.pdf"), "--group", IC, "--from", "2024-01-01",
                              "--to", "2024-03-01"])
    assert report_commands.run(args, ws) == 0
    assert "7 feedback entries from 2 consultations" in capsys.readouterr().out
    args = parser.parse_args(["report", "--out", str(tmp_path / "r.xlsx"), "--province", RK, "--json"])
    assert report_commands.run(args, ws) == 0
    assert '"feedback": 7' in capsys.readouterr().out
    with pytest.raises(SystemExit):
        parser.parse_args(["report"])  # --out is required


def test_command_line_makes_its_own_qt_application(central, tmp_path):
    """The command line has no QApplication: the PDF is made under an offscreen QGuiApplication."""
    import os
    import sys

    ws, _ = central
    out = tmp_path / "cli.pdf"
    code = ("import sys; from pathlib import Path; from consultation_app.exchange.report import write_report; "
            "from consultation_app.services.reference_lists import default_reference; "
            "r = write_report(Path(sys.argv[1]), sys.argv[2], default_reference()); print(r.pages)")
    env = {key: value for key, value in os.environ.items() if key not in ("QT_QPA_PLATFORM", "DISPLAY")}
    done = subprocess.run([sys.executable, "-c", code, str(ws.database_path), str(out)], capture_output=True,
                          text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert int(done.stdout.strip().splitlines()[-1]) >= 3 and out.exists()
    assert "OpenType support missing" not in done.stderr


def test_a_quote_under_group_only_consent_names_group_and_province_never_the_title(central, tmp_path):
    """The title is free text ("Kbal Romeas village meeting"): it can name a village, and so the
    people in it. A consultation whose consent is "attribution to groups only" is cited by
    group and province; "no attribution" by province alone."""
    from consultation_app.domain.records import CONSULTATION

    ws, ids = central
    ws.records.update(CONSULTATION, ids["c4"], {"title": "Kbal Romeas village meeting", "consent_policy": "group_only"})
    out = tmp_path / "report.xlsx"
    write_report(ws.database_path, out, ws.reference)
    book = openpyxl.load_workbook(out)
    summary = book["summary"]
    header = [cell.value for cell in summary[1]]
    rows = {row[0]: dict(zip(header, row)) for row in summary.iter_rows(min_row=2, values_only=True)}
    cited = rows["KH3-09"]["Quote 1"]
    assert LAND_QUOTE in cited
    assert "Kbal Romeas" not in cited and "Kbal Romeas" not in workbook_strings(out)
    assert "Civil society" in cited and "Ratanakiri" in cited

    ws.records.update(CONSULTATION, ids["c4"], {"consent_policy": "no_attribution"})
    write_report(ws.database_path, out, ws.reference)
    summary = openpyxl.load_workbook(out)["summary"]
    rows = {row[0]: dict(zip(header, row)) for row in summary.iter_rows(min_row=2, values_only=True)}
    cited = rows["KH3-09"]["Quote 1"]
    assert "Kbal Romeas" not in cited and "Civil society" not in cited and "Ratanakiri" in cited
