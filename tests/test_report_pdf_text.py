"""Khmer that can be copied and searched in the PDF report: pdftotext returns every Khmer
catalog text and quote exactly as stored (after NFC), including across the PDF's line breaks,
in both report languages. (Qt's PDF writer, the earlier route, gave the glyph order instead:
report_pdf_text.py says why it was replaced.)"""

import shutil
import subprocess
import unicodedata

import pytest

from consultation_app.domain.records import CONSULTATION, FEEDBACK
from consultation_app.exchange.report import write_report
from consultation_app.storage import catalog_store
from tests.test_dashboard import CATALOG, build_fixture

# A quote with vowel signs drawn before their consonant, subscripts, and a zero-width space.
KHMER_QUOTE = "ពេលយើងនិយាយអំពីដីធ្លី\u200bសហគមន៍ត្រូវការការគាំទ្រពីក្រសួង និងអាជ្ញាធរខេត្ត"


def pdftotext(path) -> str:
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext is not installed")
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("language", ["km", "en"])
def test_pdftotext_returns_khmer_exactly_as_stored(workspace, tmp_path, language):
    build_fixture(workspace)
    consultation = workspace.records.create(CONSULTATION, {"title": "Stung Treng forum", "catalog_id": CATALOG,
                                                           "start_date": "2024-08-01"})["uuid"]
    workspace.records.create(FEEDBACK, {"consultation_uuid": consultation, "catalog_id": CATALOG,
                                        "recommendation_code": "KH3-20", "priority": "high", "quote": KHMER_QUOTE})
    out = tmp_path / f"report-{language}.pdf"
    write_report(workspace.database_path, out, workspace.reference, language=language)
    joined = pdftotext(out).replace("\n", "")  # the PDF's own line breaks, which the stored text lacks
    assert unicodedata.normalize("NFC", KHMER_QUOTE) in joined
    if language == "km":
        texts = {r["code"]: unicodedata.normalize("NFC", r["text_km"])
                 for r in catalog_store.list_recommendations(workspace.db) if r["text_km"]}
        assert len(texts) == 47
        missing = [code for code, text in texts.items() if text not in joined]
        assert missing == []
        assert "ការពិគ្រោះយោបល់ដែលបានផ្ដល់មតិ" in joined  # the report's own Khmer words too
    if shutil.which("pdffonts"):
        fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
        assert "NotoSansKhmer" in fonts and all(" yes " in line for line in fonts.splitlines()[2:] if line.strip())
