"""What the office's consent check after each merged file costs (issue 22,
exchange/consent_office.py): a laptop's export of one consultation with recorded consent and N
quoted entries, merged into a fresh SQLite central store with the check and with it switched
off (the same file, a fresh store each time); then the later export that narrows the consent,
whose merge wipes all N entries at the office.

Run alone: .venv/bin/python benchmarks/bench_consent_office.py [--entries 5000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CATALOG = "khm-upr3-ohchr-2019"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    from consultation_app.domain.records import CONSULTATION, FEEDBACK
    from consultation_app.exchange import consent_office
    from consultation_app.exchange.export import export_package
    from consultation_app.exchange.merge import merge_paths
    from consultation_app.paths import DATABASE_NAME
    from consultation_app.services import consent
    from consultation_app.services.reference_lists import default_reference
    from consultation_app.services.workspace import Workspace

    reference = default_reference()
    root = Path(tempfile.mkdtemp(prefix="bench-consent-office-"))
    try:
        (root / "laptop").mkdir()
        laptop = Workspace(root / "laptop" / DATABASE_NAME, reference)
        c = laptop.records.create(CONSULTATION, {"title": "Kampot", "province": "kampot",
                                                 "stakeholder_group": "civil_society", "start_date": "2024-03-06",
                                                 "participants_women": 3})["uuid"]
        scope = {"consultation_uuid": c, "given": "written", "quotes": True, "visibility": "central_office"}
        consent.record(laptop.records, scope)
        laptop.records.create_many(FEEDBACK, ({"consultation_uuid": c, "catalog_id": CATALOG,
                                               "recommendation_code": "KH3-01", "quote": f"quote {i}"}
                                              for i in range(args.entries)))
        (root / "one").mkdir()
        (root / "two").mkdir()
        first = export_package(laptop.database_path, root / "one" / "first.xlsx", reference).path
        consent.record(laptop.records, {**scope, "quotes": False})
        second = export_package(laptop.database_path, root / "two" / "second.xlsx", reference,
                                since_last=True).path
        laptop.close()

        def merge(files: list[Path], run: int, label: str) -> float:
            folder = root / f"central-{label}-{run}"
            folder.mkdir()
            central = Workspace(folder / DATABASE_NAME, reference)
            central.close()
            merge_paths(folder / DATABASE_NAME, files[:-1], reference) if len(files) > 1 else None
            started = time.perf_counter()
            merge_paths(folder / DATABASE_NAME, files[-1:], reference)
            elapsed = time.perf_counter() - started
            if label == "narrow":  # the figure is only worth having if the words went
                check = Workspace(folder / DATABASE_NAME, reference)
                left = check.db.execute("SELECT count(*) FROM feedback WHERE quote <> ''").fetchone()[0]
                check.close()
                assert left == 0, f"{left} quotes still held after the narrowing"
            return elapsed

        real_apply = consent_office.apply
        figures: dict[str, list[float]] = {"first, with the check": [], "first, check off": [],
                                           "narrowing (wipes every entry)": []}
        for run in range(args.repeat):
            figures["first, with the check"].append(merge([first], run, "on"))
            consent_office.apply = lambda db, uuids: consent_office.Applied()  # type: ignore[assignment]
            try:
                figures["first, check off"].append(merge([first], run, "off"))
            finally:
                consent_office.apply = real_apply  # type: ignore[assignment]
            figures["narrowing (wipes every entry)"].append(merge([first, second], run, "narrow"))
        print(f"{args.entries} entries, median of {args.repeat} (merge of one file, its backup included):")
        for label, values in figures.items():
            print(f"  {label}: {statistics.median(values):.2f} s")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
