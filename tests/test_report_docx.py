"""The mid-term report's Word draft: real heading styles in catalog order, the implementation
status on file beside what the consultations said, chart images, nothing sensitive, Khmer in
the complex-script font slot, and LibreOffice opens and renders it."""

import shutil
import subprocess
import unicodedata
import zipfile

import docx
import pytest

from consultation_app.exchange.report import write_report
from consultation_app.storage import catalog_store
from consultation_app.storage import implementation_store as store
from tests.test_dashboard import CATALOG, IC, LAND_TRANSLATION, build_fixture
from tests.test_report import CODES, PRIVATE

MEASURES = "Draft law on indigenous land titling submitted to the Council of Ministers"


@pytest.fixture
def central(workspace):
    ids = build_fixture(workspace)
    store.put_institution(workspace.db, "moi", "Ministry of Interior", "ក្រសួងមហាផ្ទៃ", "ministry")
    store.record(workspace.db, workspace.device_id, "Dara", CATALOG, "KH3-44",
                 {"status": "ongoing", "measures": MEASURES, "institutions": ["moi"],
                  "indicator": "30 communal land titles", "indicator_due": "2027-06-30"})
    return workspace, ids


def paragraphs(path):
    return [(p.style.name, p.text) for p in docx.Document(str(path)).paragraphs]


def test_draft_has_heading_styles_status_evidence_and_nothing_sensitive(central, tmp_path, qtbot):
    ws, _ = central
    out = tmp_path / "midterm.docx"
    result = write_report(ws.database_path, out, ws.reference)
    assert (result.kind, result.recommendations, result.feedback, result.quotes) == ("docx", 48, 21, 1)
    rows = paragraphs(out)
    headings4 = [text.split()[0] for style, text in rows if style == "Heading 4"]
    assert headings4 == CODES + ["KH3-99"]  # every recommendation, in catalog order, as a real heading
    assert {style for style, _ in rows} >= {"Title", "Heading 1", "Heading 3", "Heading 4", "Quote"}
    text = "\n".join(t for _, t in rows)
    start = text.index("KH3-44")
    block = text[start:text.index("KH3-45")]
    assert "Implementation status: Ongoing" in block and MEASURES in block
    assert "Responsible institutions: Ministry of Interior" in block and "(due 2027-06-30)" in block
    assert "4 feedback entries from 3 consultations" in block and "High 2" in block
    assert "Implementation status: Not recorded yet" in text[text.index("KH3-01"):text.index("KH3-02")]
    assert LAND_TRANSLATION in text
    with zipfile.ZipFile(out) as package:
        everything = "".join(package.read(name).decode("utf-8", "replace") for name in package.namelist()
                             if name.endswith(".xml"))
        images = [name for name in package.namelist() if name.startswith("word/media/")]
    for private in PRIVATE:
        assert private not in everything, private
    assert len(images) >= 3  # a chart per cluster that has feedback (identical charts are stored once)


def test_khmer_draft_uses_the_khmer_font_slot_and_keeps_text_exact(central, tmp_path, qtbot):
    ws, _ = central
    out = tmp_path / "km.docx"
    write_report(ws.database_path, out, ws.reference, group=IC, language="km")
    document = docx.Document(str(out))
    from docx.oxml.ns import qn

    for name in ("Normal", "Heading 1", "Heading 4", "Quote"):
        fonts = document.styles[name].element.rPr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:cs")) == "Khmer UI" and fonts.get(qn("w:cstheme")) is None, name
    text = "\n".join(p.text for p in document.paragraphs)
    recs = {r["code"]: r for r in catalog_store.list_recommendations(ws.db)}
    assert unicodedata.normalize("NFC", recs["KH3-44"]["text_km"]) in text
    assert "ក្រសួងមហាផ្ទៃ" in text and "កំពុងអនុវត្ត" in text  # the institution and the status, in Khmer


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed")
def test_libreoffice_renders_the_draft(central, tmp_path, qtbot):
    ws, _ = central
    out = tmp_path / "midterm.docx"
    write_report(ws.database_path, out, ws.reference)
    done = subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to",
                           "pdf", "--outdir", str(tmp_path), str(out)], capture_output=True, text=True, timeout=180)
    pdf = tmp_path / "midterm.pdf"
    if not pdf.exists() and "could not be loaded" in done.stderr:
        pytest.skip("this LibreOffice has no Writer")
    assert pdf.exists(), done.stderr
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "KH3-44" in text and "Implementation status: Ongoing" in text


def test_a_report_too_long_to_print_is_refused_before_any_work(central, tmp_path, monkeypatch):
    from consultation_app.errors import AppError
    from consultation_app.exchange import report

    ws, _ = central
    monkeypatch.setattr(report, "MAX_PRINTED_RECOMMENDATIONS", 40)  # the fixture's catalog has 47
    for name in ("long.docx", "long.pdf"):
        with pytest.raises(AppError, match=r"would list 47 recommendations.*--catalog.*khm-upr3-ohchr-2019 \(47\)"):
            write_report(ws.database_path, tmp_path / name, ws.reference)
        assert not (tmp_path / name).exists()
    assert write_report(ws.database_path, tmp_path / "long.xlsx", ws.reference).recommendations == 48
    with pytest.raises(AppError, match="no catalog 'nope'"):
        write_report(ws.database_path, tmp_path / "x.docx", ws.reference, catalog_id="nope")


def test_catalog_filter(central, tmp_path, qtbot):
    ws, _ = central
    result = write_report(ws.database_path, tmp_path / "one.docx", ws.reference, catalog_id=CATALOG)
    assert result.recommendations == 48  # its 47 and the unknown code recorded against it
    assert ("Normal", f"Catalog: {CATALOG}") in paragraphs(tmp_path / "one.docx")  # the filter, on the cover


def test_every_cluster_with_feedback_has_its_chart_even_one_titled_as_its_part(central, tmp_path, qtbot):
    ws, _ = central
    out = tmp_path / "midterm.docx"
    write_report(ws.database_path, out, ws.reference)
    document = docx.Document(str(out))
    # The bundled annex's first cluster ("Scope of international obligations...") is also its part's
    # title: it has no Heading 3 of its own, and its chart went missing with it.
    body = [(p.style.name, p.text, bool(p._element.findall(".//" + docx.oxml.ns.qn("w:drawing"))))
            for p in document.paragraphs]
    first_h1 = next(i for i, (style, _, _) in enumerate(body) if style == "Heading 1")
    first_h4 = next(i for i, (style, _, _) in enumerate(body) if style == "Heading 4")
    assert body[first_h4][1].startswith("KH3-01")
    assert any(drawing for _, _, drawing in body[first_h1:first_h4]), body[first_h1:first_h4]


def test_a_khmer_citation_does_not_repeat_the_province_an_english_title_names():
    from consultation_app.exchange.report_content import quote_source
    from consultation_app.services.reference_lists import default_reference

    quote = {"consent_policy": "named_allowed", "province": "battambang", "stakeholder_group": "civil_society",
             "consultation_title": "Civil society, Battambang", "start_date": "2024-05-01"}
    assert quote_source(quote, default_reference(), "km") == "Civil society, Battambang, 2024-05-01"
    assert quote_source({**quote, "consultation_title": "Youth forum"}, default_reference(), "km") == \
        "Youth forum, បាត់ដំបង, 2024-05-01"


def test_chart_legends_name_every_item(workspace, tmp_path, qtbot, monkeypatch):
    # Every entry with a priority and an assessment: the report has no "not recorded" column, and a
    # cluster's chart showed that empty bucket as a bare "(0)" in its legend.
    from consultation_app.domain.records import CONSULTATION, FEEDBACK
    from consultation_app.exchange import report_charts

    consultation = workspace.records.create(CONSULTATION, {"title": "Forum", "catalog_id": CATALOG,
                                                           "start_date": "2024-08-01"})["uuid"]
    for code in ("KH3-01", "KH3-20"):
        workspace.records.create(FEEDBACK, {"consultation_uuid": consultation, "catalog_id": CATALOG,
                                            "recommendation_code": code, "priority": "high",
                                            "implementation_assessment": "not_implemented"})
    drawn = []
    real = report_charts.stacked_bars_png
    monkeypatch.setattr(report_charts, "stacked_bars_png", lambda bars: drawn.append(bars) or real(bars))
    write_report(workspace.database_path, tmp_path / "d.docx", workspace.reference)
    assert drawn
    for bars in drawn:
        for _, counts, _, labels in bars:
            assert all(labels.get(key) for key in counts), (counts, labels)
