"""Frozen-bundle figures: size, `--version` and `--smoke-test` start, each beside its baseline
(the goal, or the same command from source) measured in the same run. Needs a built bundle:
python installers/build.py --no-package
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUNDLE = ROOT / "dist" / "consultation-app"
BINARY = BUNDLE / "consultation-app"


def _wall(cmd: list[str], data_dir: Path, repeat: int) -> float:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = subprocess.run(cmd + ["--data-dir", str(data_dir)], env=env, capture_output=True, text=True, cwd=ROOT)
        if result.returncode:
            raise SystemExit(f"{' '.join(cmd)} failed: {result.stderr.strip()}")
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def run(quick: bool = False, repeat: int = 5) -> list[dict]:
    if not BINARY.exists():
        return [{"benchmark": "installer", "figure": "no bundle: run python installers/build.py", "baseline": "",
                 "ratio": "", "goal": "", "verdict": "—"}]
    size = sum(p.stat().st_size for p in BUNDLE.rglob("*") if p.is_file() and not p.is_symlink()) / 1e6
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "data"
        subprocess.run([str(BINARY), "--data-dir", str(data), "demo-data", "--consultations", "20" if quick else "200"],
                       check=True, capture_output=True)
        version = _wall([str(BINARY), "--version"], data, repeat)
        frozen = source = 0.0
        frozen_samples, source_samples = [], []
        for _ in range(repeat):  # interleaved, so noise hits both alike
            frozen_samples.append(_wall([str(BINARY), "--smoke-test"], data, 1))
            source_samples.append(_wall([sys.executable, "-m", "consultation_app", "--smoke-test"], data, 1))
        frozen, source = statistics.median(frozen_samples), statistics.median(source_samples)
    return [
        {"benchmark": "Linux one-folder bundle size", "figure": f"{size:.1f} MB", "baseline": "goal 120 MB",
         "ratio": f"{size / 120:.2f}x", "goal": "<= 120 MB", "verdict": "pass" if size <= 120 else "FAIL"},
        {"benchmark": f"frozen --version (median of {repeat})", "figure": f"{version * 1000:.0f} ms",
         "baseline": "goal 500 ms", "ratio": f"{version / 0.5:.2f}x", "goal": "<= 0.5 s",
         "verdict": "pass" if version <= 0.5 else "FAIL"},
        {"benchmark": f"frozen --smoke-test, 200 consultations (median of {repeat})",
         "figure": f"{frozen * 1000:.0f} ms", "baseline": f"from source {source * 1000:.0f} ms",
         "ratio": f"{frozen / source:.2f}x", "goal": "<= 1.5x", "verdict": "pass" if frozen / source <= 1.5 else "FAIL"},
    ]


if __name__ == "__main__":
    for row in run():
        print(" | ".join(str(v) for v in row.values()))
