"""Build the one-folder bundle with PyInstaller into dist/, then package it for this platform.

    python installers/build.py            # dist/consultation-app/ (+ a tarball on Linux)
    python installers/build.py --no-package

Linux: the bundle's 32 MB ICU data library is then replaced by a trimmed, verified one (trim_icu.py).
Windows: then run Inno Setup on installers/windows/consultation-app.iss (the CI workflow does).
macOS: the spec also writes dist/UPR Consultation.app.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

from trim_icu import trim_bundle  # installers/ is sys.path[0] when this file runs as a script

ROOT = Path(__file__).resolve().parents[1]
DIST = ROOT / "dist"
BUNDLE = DIST / "consultation-app"


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def build() -> None:
    started = time.perf_counter()
    from consultation_app.ui.i18n import compile_translations

    compile_translations()  # the bundle carries the .qm files built from resources/i18n/*.ts
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
                    "--distpath", str(DIST), "--workpath", str(ROOT / "build" / "pyinstaller"),
                    str(ROOT / "installers" / "consultation-app.spec")], check=True, cwd=ROOT)
    untrimmed = folder_size(BUNDLE)
    trim_bundle(BUNDLE, ROOT)  # Linux: English/Khmer ICU data only; warns and keeps the full data otherwise
    print(f"built {BUNDLE} in {time.perf_counter() - started:.0f} s: {folder_size(BUNDLE) / 1e6:.1f} MB "
          f"({untrimmed / 1e6:.1f} MB before trimming ICU data)")


def package_linux() -> Path:
    """A tarball of the bundle with a .desktop file and the icon, installable per user."""
    from consultation_app import __version__

    shutil.copy(ROOT / "installers" / "linux" / "consultation-app.desktop", BUNDLE / "consultation-app.desktop")
    shutil.copy(ROOT / "resources" / "icons" / "app.png", BUNDLE / "consultation-app.png")
    shutil.copy(ROOT / "installers" / "linux" / "install.sh", BUNDLE / "install.sh")
    tarball = DIST / f"consultation-app-{__version__}-linux-x86_64.tar.gz"
    with tarfile.open(tarball, "w:gz") as archive:
        archive.add(BUNDLE, arcname="consultation-app")
    print(f"packaged {tarball}: {tarball.stat().st_size / 1e6:.1f} MB")
    return tarball


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-package", action="store_true", help="only the one-folder bundle")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    build()
    if not args.no_package and sys.platform.startswith("linux"):
        package_linux()
    return 0


if __name__ == "__main__":
    sys.exit(main())
