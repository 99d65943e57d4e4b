"""Render the pages docs/implementation-status.md shows, from the current code: a page of the
follow-up matrix and of the Word draft in English and in Khmer (LibreOffice headless to PDF,
then pdftoppm to PNG), and the pdftotext check of the PDF report's Khmer.

    .venv/bin/python scripts/render_midterm_pages.py [--out docs] [--keep FOLDER]

Data: a fresh data folder with the bundled 2019 catalog, 60 demo consultations and
implementation records (with institutions and Khmer measures) on its first recommendations.
Needs soffice, pdftoppm and pdftotext.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

INSTITUTIONS = [("moi", "Ministry of Interior", "ក្រសួងមហាផ្ទៃ", "ministry"),
                ("moj", "Ministry of Justice", "ក្រសួងយុត្តិធម៌", "ministry"),
                ("chrc", "Cambodian Human Rights Committee", "គណៈកម្មាធិការសិទ្ធិមនុស្សកម្ពុជា", "committee")]
STATUSES = [("ongoing", "Draft law on access to information tabled in the National Assembly",
             "សេចក្តីព្រាងច្បាប់ស្តីពីសិទ្ធិទទួលបានព័ត៌មាន ត្រូវបានដាក់ជូនរដ្ឋសភា", ["moi", "chrc"]),
            ("completed", "Training for 120 commune officials on birth registration",
             "វគ្គបណ្តុះបណ្តាលមន្ត្រីឃុំចំនួន ១២០ នាក់ ស្តីពីការចុះបញ្ជីកំណើត", ["moi"]),
            ("not_started", "", "", ["moj"]),
            ("no_information", "", "", [])]


def build(folder: Path):
    from consultation_app.services.demo import add_demo_data
    from consultation_app.services.reference_lists import default_reference
    from consultation_app.services.workspace import Workspace
    from consultation_app.storage import catalog_store
    from consultation_app.storage import implementation_store as store

    folder.mkdir(parents=True)
    workspace = Workspace(folder / "consultations.db", default_reference())
    add_demo_data(workspace, 60, seed=5, feedback_mean=30)
    for row in INSTITUTIONS:
        store.put_institution(workspace.db, *row)
    recommendations = catalog_store.list_recommendations(workspace.db)
    for index, rec in enumerate(recommendations[:16]):
        status, measures_en, measures_km, institutions = STATUSES[index % len(STATUSES)]
        store.record(workspace.db, workspace.device_id, "Sokha", rec["catalog_id"], rec["code"],
                     {"status": status, "measures": f"{measures_en}\n{measures_km}".strip(),
                      "institutions": institutions, "indicator": "Law adopted / ច្បាប់ត្រូវបានអនុម័ត" if index % 3
                      else "", "indicator_due": "2027-06-30" if index % 3 else None})
    return workspace


def soffice_pdf(source: Path, folder: Path, profile: Path) -> Path:
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation={profile.as_uri()}", "--convert-to", "pdf",
                    "--outdir", str(folder), str(source)], check=True, capture_output=True, timeout=300)
    return folder / (source.stem + ".pdf")


def page_png(pdf: Path, page: int, out: Path, resolution: int = 80, box: tuple[int, int] | None = None) -> Path:
    """One page as a PNG; ``box``: only its top left corner, (width, height) in pixels (the
    matrix's A3 page is legible only at a resolution where the whole page is too large to see)."""
    stem = out.with_suffix("")
    crop = ["-x", "0", "-y", "0", "-W", str(box[0]), "-H", str(box[1])] if box else []
    subprocess.run(["pdftoppm", "-png", "-r", str(resolution), "-f", str(page), "-l", str(page), "-singlefile",
                    *crop, str(pdf), str(stem)], check=True)
    return out


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    parser.add_argument("--keep", type=Path, help="keep the workbooks, documents and PDFs here")
    parser.add_argument("--docx-page", type=int, default=3)
    args = parser.parse_args()
    from consultation_app.exchange.matrix import write_matrix
    from consultation_app.exchange.report import write_report
    from consultation_app.storage import catalog_store

    scratch = Path(tempfile.mkdtemp(prefix="midterm-pages-"))
    keep = args.keep or scratch / "files"
    keep.mkdir(parents=True, exist_ok=True)
    workspace = build(scratch / "data")
    try:
        for language in ("en", "km"):
            matrix = write_matrix(workspace.database_path, keep / f"matrix-{language}.xlsx", workspace.reference,
                                  language=language)
            docx = write_report(workspace.database_path, keep / f"midterm-{language}.docx", workspace.reference,
                                language=language)
            print(matrix, docx)
            page_png(soffice_pdf(keep / f"matrix-{language}.xlsx", keep, scratch / "profile"), 1,
                     args.out / f"matrix-{language}.png", resolution=130, box=(1500, 950))
            page_png(soffice_pdf(keep / f"midterm-{language}.docx", keep, scratch / "profile"), args.docx_page,
                     args.out / f"midterm-docx-{language}.png")
        report = write_report(workspace.database_path, keep / "report-km.pdf", workspace.reference, language="km")
        print(report)
        text = subprocess.run(["pdftotext", str(keep / "report-km.pdf"), "-"], capture_output=True, text=True,
                              check=True).stdout.replace("\n", "")
        texts = {r["code"]: unicodedata.normalize("NFC", r["text_km"])
                 for r in catalog_store.list_recommendations(workspace.db) if r["text_km"]}
        missing = sorted(code for code, khmer in texts.items() if khmer not in text)
        print(f"pdftotext of the Khmer PDF report: {len(texts) - len(missing)} of {len(texts)} Khmer catalog texts "
              f"found exactly as stored (NFC){'; missing: ' + ', '.join(missing) if missing else ''}")
        return 0 if not missing else 1
    finally:
        workspace.close()
        if not args.keep:
            shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
