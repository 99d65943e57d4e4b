"""Attachments figures (issue 22): export and merge of N consultations with photos, beside a
plain `zip` of the same photo files in the same run; peak memory of each step.

Which plain zip is fair: photos are already compressed, so deflate (`zip -r`, its default)
spends most of its time gaining about nothing, and the export stores them (as `zip -0`). And
export + merge moves the bytes twice: packed on the laptop, unpacked into the office's store.
The plain equivalent of that work is `zip -0` then `unzip` of the result: that is the baseline
the goal (<= 1.5x) is read against (``vs_plain``); `zip -r` and `zip -0` alone are shown too.

The issue's figure is 200 consultations with 2 GB of photos; the default here is scaled down
(--consultations 40 --photos 5 --megabytes 2: 400 MB) to fit the shared machine; pass larger
values to reproduce the full figure. Photos are real JPEGs of noise (incompressible, like
phone photos), each made unique by a comment segment.

Run alone: .venv/bin/python benchmarks/bench_attachments.py [--consultations 200 --photos 5 --megabytes 2]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Each timed step runs in its own child process, so its peak memory is its own.
_CHILD = r"""
import json, os, sys, time, resource
from pathlib import Path
step, data_dir, workbook = sys.argv[1], sys.argv[2], Path(sys.argv[3])
os.environ["CONSULTATION_APP_DATA_DIR"] = data_dir
from consultation_app.services.reference_lists import default_reference
from consultation_app.paths import DATABASE_NAME
database = Path(data_dir) / DATABASE_NAME
start = time.perf_counter()
if step == "export":
    from consultation_app.exchange.export import export_package
    result = export_package(database, workbook, default_reference())
    detail = {"attachments": result.manifest["rows_attachments"]}
else:
    from consultation_app.services.workspace import Workspace
    Workspace().close()  # a central office's database, made before the clock counts the merge
    start = time.perf_counter()
    from consultation_app.exchange.merge import merge_paths
    [result] = merge_paths(database, [workbook], default_reference())
    elapsed = time.perf_counter() - start
    import sqlite3
    held = sqlite3.connect(database).execute("SELECT count(*) FROM attachments").fetchone()[0]
    detail = {"status": result.status, "warnings": result.warnings, "attachments": held}
    print(json.dumps({"seconds": elapsed, "peak_bytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
                      **detail}))
    sys.exit(0)
elapsed = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"seconds": elapsed, "peak_bytes": peak, **detail}))
"""


def _noise_jpeg(megabytes: float) -> bytes:
    import random

    from PIL import Image

    side = int((megabytes * 1024 * 1024 / 1.4) ** 0.5)  # noise at quality 95: about 1.4 bytes a pixel
    rng = random.Random(22)
    image = Image.frombytes("RGB", (side, side), bytes(rng.getrandbits(8) for _ in range(side * side * 3)))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=95)
    return out.getvalue()


def _unique(base: bytes, index: int) -> bytes:
    text = f"photo {index}".encode()
    return base[:2] + b"\xff\xfe" + (len(text) + 2).to_bytes(2, "big") + text + base[2:]


def _setup(folder: Path, consultations: int, photos: int, megabytes: float) -> tuple[Path, Path, int]:
    """A laptop with the consultations and photos (photo consent given), and the same photos as
    plain files for the baseline."""
    os.environ["CONSULTATION_APP_DATA_DIR"] = str(folder / "laptop")
    from consultation_app.domain.records import CONSULTATION
    from consultation_app.services import attachments, consent
    from consultation_app.services.workspace import Workspace

    files = folder / "photos"
    files.mkdir()
    base = _noise_jpeg(megabytes)
    total = 0
    ws = Workspace()
    try:
        for c_index in range(consultations):
            c = ws.records.create(CONSULTATION, {"title": f"Consultation {c_index}"})["uuid"]
            consent.record(ws.records, {"consultation_uuid": c, "given": "written", "photos": True,
                                        "visibility": "central_office"})
            for p_index in range(photos):
                path = files / f"c{c_index:03d}-p{p_index}.jpg"
                path.write_bytes(_unique(base, c_index * photos + p_index))
                total += path.stat().st_size
                attachments.add_file(ws.records, c, path, "photo")
    finally:
        ws.close()
    return folder / "laptop", files, total


def _child(step: str, data_dir: Path, workbook: Path) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", _CHILD, step, str(data_dir), str(workbook)], env=env,
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def run(consultations: int = 40, photos: int = 5, megabytes: float = 2.0, repeat: int = 3) -> list[dict]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-attachments-") as tmp:
        folder = Path(tmp)
        laptop, files, total = _setup(folder, consultations, photos, megabytes)
        samples: dict[str, list[float]] = {"zip": [], "zip -0": [], "unzip": [], "export": [], "merge": []}
        peaks: dict[str, int] = {}
        for attempt in range(repeat):
            for name, flags in (("zip", ["-q", "-r"]), ("zip -0", ["-q", "-r", "-0"])):
                out = folder / f"plain-{attempt}.zip"
                start = time.perf_counter()
                subprocess.run(["zip", *flags, str(out), files.name], cwd=folder, check=True)
                samples[name].append(time.perf_counter() - start)
                if name == "zip -0":
                    unpacked = folder / f"unpacked-{attempt}"
                    start = time.perf_counter()
                    subprocess.run(["unzip", "-q", str(out), "-d", str(unpacked)], check=True)
                    samples["unzip"].append(time.perf_counter() - start)
                    shutil.rmtree(unpacked)
                out.unlink()
            workbook = folder / f"export-{attempt}" / "laptop.xlsx"
            workbook.parent.mkdir()
            exported = _child("export", laptop, workbook)
            samples["export"].append(exported["seconds"])
            peaks["export"] = max(peaks.get("export", 0), exported["peak_bytes"])
            central = folder / f"central-{attempt}"
            merged = _child("merge", central, workbook)
            # A fresh central office sees this laptop's export number 2, 3...: "not received yet" is expected.
            assert merged["status"] == "merged" and merged["attachments"] == exported["attachments"], merged
            samples["merge"].append(merged["seconds"])
            peaks["merge"] = max(peaks.get("merge", 0), merged["peak_bytes"])
            shutil.rmtree(central)
            shutil.rmtree(workbook.parent)
        medians = {name: statistics.median(values) for name, values in samples.items()}
        plain = medians["zip -0"] + medians["unzip"]
        for name in ("zip", "zip -0", "unzip", "export", "merge"):
            rows.append({"benchmark": "attachments", "what": name, "median_s": round(medians[name], 2),
                         "samples": [round(v, 3) for v in samples[name]],
                         "peak_mb": round(peaks.get(name, 0) / 2**20) if name in peaks else None,
                         "vs_zip": round(medians[name] / medians["zip"], 2),
                         "vs_plain": round(medians[name] / plain, 2)})
        rows.append({"benchmark": "attachments", "what": "zip -0 + unzip (baseline)", "median_s": round(plain, 2),
                     "vs_zip": round(plain / medians["zip"], 2), "vs_plain": 1.0})
        both = medians["export"] + medians["merge"]
        rows.append({"benchmark": "attachments", "what": "export + merge", "median_s": round(both, 2),
                     "vs_zip": round(both / medians["zip"], 2), "vs_plain": round(both / plain, 2)})
        for row in rows:
            row.update(consultations=consultations, photos=consultations * photos, megabytes=round(total / 2**20))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--consultations", type=int, default=40)
    parser.add_argument("--photos", type=int, default=5, help="photos per consultation")
    parser.add_argument("--megabytes", type=float, default=2.0, help="size of each photo")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rows = run(args.consultations, args.photos, args.megabytes, args.repeat)
    print(f"{rows[0]['photos']} photos, {rows[0]['megabytes']} MB, {rows[0]['consultations']} consultations")
    print("| step | median s | x zip -0 + unzip | x zip -r | peak MB | samples |")
    print("| --- | --- | --- | --- | --- | --- |")
    for row in rows:
        print(f"| {row['what']} | {row['median_s']} | {row['vs_plain']} | {row['vs_zip']} | "
              f"{row.get('peak_mb') or ''} | {row.get('samples', '')} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
