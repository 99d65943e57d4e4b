"""Hostile workbooks: the time and peak memory of merging each file of the generated corpus
(tests/bad_workbooks.py), beside the good export it was made from, in the same run.

Each file is merged alone, with every override a person can give (--accept-modified,
--accept-new-key), into a fresh central database, in a child process of its own, so each
peak (VmHWM, native allocations such as calamine's included) is that file's alone. Imports
and the database's creation happen before the clock starts.

With ``--inline-mb N`` it also measures a probe outside the corpus (too large for the test
suite): an export whose feedback sheet holds inline text cells of 32,000 characters of low
entropy, N MB unpacked from a file about 90 times smaller, within the zip-bomb limits
(safety.MAX_RATIO, MAX_UNPACKED_BYTES). Its cells are refused (over-long text, rows the
manifest does not count) only after they are parsed: the figure shows what the unpacked-size
limit costs a reader at most.

Run: .venv/bin/python benchmarks/bench_hostile.py [--only NAME ...] [--inline-mb N] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_CHILD = r"""
import json, re, sys, time
from pathlib import Path
path, database = Path(sys.argv[1]), Path(sys.argv[2])
from consultation_app.domain.reference import default_reference
from consultation_app.exchange.merge import merge_paths
from consultation_app.services.workspace import Workspace
reference = default_reference()
Workspace(database, reference).close()
started = time.perf_counter()
try:
    results = merge_paths(database, [path], reference, accept_modified=True, accept_new_key=True)
    status, message = results[0].status, results[0].message
except Exception as error:
    status, message = "error", f"{type(error).__name__}: {error}"
seconds = time.perf_counter() - started
peak = int(re.search(r"^VmHWM:\s+(\d+)", open("/proc/self/status").read(), re.M).group(1))
print(json.dumps({"seconds": seconds, "peak_kb": peak, "status": status, "message": message[:160]}))
"""


def _good_export(folder: Path) -> Path:
    from consultation_app.domain.records import CONSULTATION, FEEDBACK, NOTE
    from consultation_app.domain.reference import default_reference
    from consultation_app.exchange.export import export_package
    from consultation_app.services.workspace import Workspace

    (folder / "laptop").mkdir()
    device = Workspace(folder / "laptop" / "consultation.sqlite3", default_reference())
    try:
        c = device.records.create(CONSULTATION, {"title": "Takeo", "catalog_id": "khm-upr3-ohchr-2019",
                                                 "stakeholder_group": "civil_society", "province": "takeo"})
        for n in (1, 2, 3):
            device.records.create(FEEDBACK, {"consultation_uuid": c["uuid"], "catalog_id": "khm-upr3-ohchr-2019",
                                             "recommendation_code": f"KH3-{n:02d}", "comment": f"comment {n}"})
        device.records.create(NOTE, {"consultation_uuid": c["uuid"], "title": "Land", "text": "Land titles"})
        return export_package(device.database_path, folder / "good.xlsx", device.reference).path
    finally:
        device.close()


def inline_text_probe(good: Path, out: Path, megabytes: int) -> Path:
    import os
    import re
    import zipfile

    from tests.bad_workbooks import locate, parts_of, sheet_part, write_parts

    parts = parts_of(good)
    member = sheet_part(parts, "feedback")
    xml = parts[member].decode()
    row, letter, _ = locate(good, "feedback", "comment", -1)
    rare_b = bytes(98 if i == 0 else 97 for i in range(256))  # 'a', and 'b' one time in 256
    cells = [f'<row r="{r}"><c r="{letter}{r}" t="inlineStr"><is><t>'
             f'{os.urandom(32_000).translate(rare_b).decode()}</t></is></c></row>'
             for r in range(row + 1, row + 1 + megabytes * 1_000_000 // 32_000)]
    parts[member] = re.sub("</sheetData>", lambda _: "".join(cells) + "</sheetData>", xml, count=1).encode()
    write_parts(out, parts)
    with zipfile.ZipFile(out) as archive:
        info = archive.getinfo(member)
    print(f"probe: {out.stat().st_size:,} bytes on disk, feedback sheet {info.file_size:,} bytes unpacked "
          f"(ratio {info.file_size / info.compress_size:.0f})")
    return out


def measure(path: Path, scratch: Path) -> dict:
    database = scratch / f"central-{path.name}.sqlite3"
    done = subprocess.run([sys.executable, "-c", _CHILD, str(path), str(database)], capture_output=True,
                          text=True, cwd=ROOT, timeout=600)
    if done.returncode != 0:
        return {"seconds": None, "peak_kb": None, "status": f"exit {done.returncode}",
                "message": done.stderr.strip().splitlines()[-1][:160] if done.stderr.strip() else ""}
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", metavar="NAME", help="corpus file names (default: all)")
    parser.add_argument("--json", metavar="FILE", help="write the rows as JSON too")
    parser.add_argument("--inline-mb", type=int, default=0, metavar="N",
                        help="also measure an inline-text probe of about N MB unpacked")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from tests.bad_workbooks import DIRECTORIES, make_corpus

    with tempfile.TemporaryDirectory(prefix="bench-hostile-") as scratch_name:
        scratch = Path(scratch_name)
        good = _good_export(scratch)
        corpus = make_corpus(scratch / "corpus", good)
        names = [name for name in corpus if name not in DIRECTORIES and (not args.only or name in args.only)]
        rows = [{"file": "(the good export: baseline)", "bytes": good.stat().st_size, **measure(good, scratch)}]
        for name in names:
            path = scratch / "corpus" / name
            rows.append({"file": name, "bytes": path.stat().st_size, **measure(path, scratch)})
        if args.inline_mb:
            probe = inline_text_probe(good, scratch / f"inline_text_{args.inline_mb}mb.xlsx", args.inline_mb)
            rows.append({"file": f"{probe.name} (probe)", "bytes": probe.stat().st_size, **measure(probe, scratch)})
    print(f"| file | bytes | seconds | peak MB | status |\n|---|---:|---:|---:|---|")
    for row in sorted(rows[1:], key=lambda r: -(r["peak_kb"] or 1 << 40)) + rows[:1]:
        seconds = f"{row['seconds']:.2f}" if row["seconds"] is not None else "—"
        peak = f"{row['peak_kb'] / 1024:.0f}" if row["peak_kb"] is not None else "—"
        print(f"| {row['file']} | {row['bytes']:,} | {seconds} | {peak} | {row['status']} |")
    worst = max(rows[1:], key=lambda r: r["peak_kb"] or 1 << 40, default=None)
    slowest = max(rows[1:], key=lambda r: r["seconds"] if r["seconds"] is not None else 1e9, default=None)
    if worst:
        print(f"\nlargest peak: {worst['file']} ({(worst['peak_kb'] or 0) / 1024:.0f} MB, baseline "
              f"{rows[0]['peak_kb'] / 1024:.0f} MB); slowest: {slowest['file']} ({slowest['seconds'] or 0:.2f} s, "
              f"baseline {rows[0]['seconds']:.2f} s)")
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
