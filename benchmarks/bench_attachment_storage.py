"""Where an office keeps attachment bytes (issue 22): the two designs measured on the same
export archive, each from reading the archive to bytes durably stored.

- ``sqlite``: the app's store (storage/attachment_store.add, 1 MiB chunks as blobs, WAL,
  synchronous=FULL, one transaction and its commit), as the merge does it.
- ``files``: a file per SHA-256 beside the database (a temporary, written and fsynced, then
  os.replace and an fsync of the folder), hashed on the way; ``files+aes``: the same with
  each 1 MiB chunk sealed with AES-256-GCM (``cryptography``), as a passphrase would need.

Both read the same members through zipfile with its CRC check; nothing else of the merge
(workbook, signature) is in these figures. Each design runs in its own child process.

Run alone: .venv/bin/python benchmarks/bench_attachment_storage.py ARCHIVE.attachments.zip [--repeat 3]
(an archive written by `consultation-app export`, e.g. by bench_attachments.py's setup).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_CHILD = r"""
import hashlib, json, os, sys, time, zipfile, resource
from pathlib import Path
design, archive, folder = sys.argv[1], sys.argv[2], Path(sys.argv[3])
CHUNK = 1024 * 1024
start = None
with zipfile.ZipFile(archive) as zipped:
    members = [info for info in zipped.infolist() if info.filename.startswith("files/")]
    total = sum(info.file_size for info in members)
    if design == "sqlite":
        os.environ["CONSULTATION_APP_DATA_DIR"] = str(folder)
        from consultation_app.services.workspace import Workspace
        from consultation_app.storage import attachment_store
        from consultation_app.storage.connection import connect
        from consultation_app.paths import DATABASE_NAME
        Workspace().close()
        with connect(folder / DATABASE_NAME) as db:
            start = time.perf_counter()
            with db.atomic():
                for index, info in enumerate(members):
                    sha = info.filename.split("/")[1]
                    def chunks(info=info):
                        with zipped.open(info) as member:
                            while data := member.read(CHUNK):
                                yield data
                    meta = {"uuid": f"u{index}", "consultation_uuid": "c", "kind": "photo", "file_name": "p.jpg",
                            "media_type": "image/jpeg", "caption": "", "sensitive": False, "device_id": "d",
                            "local_seq": 0}
                    attachment_store.add(db, meta, chunks(), lambda _n: None, expected_sha256=sha)
            elapsed = time.perf_counter() - start
    else:
        seal = None
        if design == "files+aes":
            from cryptography.hazmat.primitives.ciphers.aead import AESGCM
            aes = AESGCM(AESGCM.generate_key(bit_length=256))
            def seal(data, sha, seq):
                nonce = os.urandom(12)
                return nonce + aes.encrypt(nonce, data, f"{sha}:{seq}".encode())
        store = folder / "attachments"
        store.mkdir(parents=True)
        start = time.perf_counter()
        for info in members:
            sha = info.filename.split("/")[1]
            digest = hashlib.sha256()
            temporary = store / f".{sha}.part"
            with zipped.open(info) as member, open(temporary, "wb") as out:
                seq = 0
                while data := member.read(CHUNK):
                    digest.update(data)
                    out.write(seal(data, sha, seq) if seal else data)
                    seq += 1
                out.flush()
                os.fsync(out.fileno())
            assert digest.hexdigest() == sha
            os.replace(temporary, store / sha)
        descriptor = os.open(store, os.O_RDONLY)
        os.fsync(descriptor)
        os.close(descriptor)
        elapsed = time.perf_counter() - start
print(json.dumps({"seconds": elapsed, "bytes": total, "files": len(members),
                  "peak_bytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024}))
"""

DESIGNS = ("sqlite", "files", "files+aes")


def run(archive: Path, repeat: int = 3) -> list[dict]:
    samples: dict[str, list[float]] = {design: [] for design in DESIGNS}
    facts: dict[str, dict] = {}
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    for _ in range(repeat):
        for design in DESIGNS:
            with tempfile.TemporaryDirectory(prefix="bench-storage-") as tmp:
                done = subprocess.run([sys.executable, "-c", _CHILD, design, str(archive), tmp], env=env,
                                      capture_output=True, text=True, check=True, cwd=ROOT)
                result = json.loads(done.stdout.strip().splitlines()[-1])
                samples[design].append(result["seconds"])
                facts[design] = result
    rows = []
    for design in DESIGNS:
        median = statistics.median(samples[design])
        rows.append({"benchmark": "attachment storage", "design": design, "median_s": round(median, 2),
                     "samples": [round(v, 3) for v in samples[design]],
                     "mb_per_s": round(facts[design]["bytes"] / 2**20 / median),
                     "peak_mb": round(facts[design]["peak_bytes"] / 2**20), "files": facts[design]["files"],
                     "megabytes": round(facts[design]["bytes"] / 2**20)})
    return rows


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("archive", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rows = run(args.archive, args.repeat)
    print(f"{rows[0]['files']} files, {rows[0]['megabytes']} MB")
    print("| design | median s | MB/s | peak MB | samples |")
    print("| --- | --- | --- | --- | --- |")
    for row in rows:
        print(f"| {row['design']} | {row['median_s']} | {row['mb_per_s']} | {row['peak_mb']} | {row['samples']} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
