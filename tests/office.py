"""LibreOffice as a second spreadsheet client: re-save a workbook the way a person would."""

import shutil
import subprocess
from pathlib import Path

import pytest


def libreoffice_resave(source: Path, out_dir: Path, profile: Path) -> Path:
    """``source`` converted to .xlsx by LibreOffice headless into ``out_dir`` (a fresh folder),
    with its own user profile; skips the test where LibreOffice is not installed."""
    soffice = shutil.which("soffice")
    if not soffice:
        pytest.skip("LibreOffice (soffice) is not installed")
    out_dir.mkdir()
    completed = subprocess.run([soffice, "--headless", f"-env:UserInstallation={profile.as_uri()}",
                                "--convert-to", "xlsx", "--outdir", str(out_dir), str(source)],
                               capture_output=True, text=True, timeout=180)
    converted = out_dir / (source.stem + ".xlsx")
    assert completed.returncode == 0 and converted.is_file(), completed.stderr
    assert converted.read_bytes() != source.read_bytes()
    return converted
