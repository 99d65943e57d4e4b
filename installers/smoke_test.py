"""Smoke-test the frozen bundle the way a field laptop first meets it: on an empty data folder,
the executable prints its version, finds the bundled catalog (47 recommendations), writes an
export, merges ten copies of it elsewhere (through the merge's reader processes), and opens its
main window offscreen, with nothing unexpected on standard error.

    python installers/smoke_test.py [dist/consultation-app/consultation-app]
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT / "dist" / "consultation-app" / ("consultation-app-cli.exe" if os.name == "nt" else "consultation-app")


def run(binary: Path, *args: str, data_dir: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("CONSULTATION_APP_DATA_DIR", None)
    env.pop("PYTHONPATH", None)
    started = time.perf_counter()
    result = subprocess.run([str(binary), "--data-dir", str(data_dir), *args], env=env, capture_output=True,
                            text=True, timeout=120)
    result.seconds = time.perf_counter() - started
    if result.returncode != 0 or result.stderr.strip():
        raise SystemExit(f"FAILED: {binary.name} {' '.join(args)} -> exit {result.returncode}\n"
                         f"stdout: {result.stdout}\nstderr: {result.stderr}")
    return result


def main() -> int:
    binary = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    if not binary.exists():
        raise SystemExit(f"no bundle at {binary}; build it with: python installers/build.py")
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "data"
        version = run(binary, "--version", data_dir=data)
        print(f"--version: {version.stdout.strip()} ({version.seconds:.2f} s)")
        summary = json.loads(run(binary, "summary", "--json", data_dir=data).stdout)
        if summary["recommendations"] != 47:
            raise SystemExit(f"FAILED: the bundled catalog gave {summary['recommendations']} recommendations")
        print(f"summary: {summary['recommendations']} recommendations from the bundled catalog")
        run(binary, "demo-data", "--consultations", "3", data_dir=data)
        out = Path(folder) / "export.xlsx"
        exported = json.loads(run(binary, "export", "--out", str(out), "--json", data_dir=data).stdout)
        if not out.exists() or exported["counts"]["consultations"] != 3:
            raise SystemExit(f"FAILED: export wrote {exported}")
        print(f"export: {out.stat().st_size:,} bytes, {exported['counts']['feedback']} feedback entries")
        inbox = Path(folder) / "inbox"  # enough files for the merge's reader processes (frozen: freeze_support)
        inbox.mkdir()
        for copy in range(10):
            (inbox / f"copy-{copy}.xlsx").write_bytes(out.read_bytes())
        merged = json.loads(run(binary, "merge", str(inbox), "--json", data_dir=Path(folder) / "central").stdout)
        statuses = sorted(entry["status"] for entry in merged["files"])
        if statuses != ["already_merged"] * 9 + ["merged"]:
            raise SystemExit(f"FAILED: merging ten copies of the export gave {statuses}")
        print("merge: ten copies read by the reader processes, one merged, nine already merged")
        smoke = run(binary, "--smoke-test", data_dir=data)
        print(f"--smoke-test: main window idle after {smoke.stdout.strip()} ms ({smoke.seconds:.2f} s wall)")
    print("frozen bundle smoke test passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
