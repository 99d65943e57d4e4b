"""A regional office's central store at full size, made fast: 20,000 consultations and about
1,000,000 feedback entries in four catalogs, written by bulk SQL (executemany on SQLite, COPY on
PostgreSQL), not by the demo path (which signs and hashes every record: an hour at this size).

The records are shaped like merged field work, with the cases the dashboard's counting rules
care about: about 1% of consultations and entries deleted, 2% of entries naming their code
without a catalog id, 1% naming a code no catalog has, 1% whose consultation has not arrived,
missing and unlisted groups, provinces, priorities and assessments, consultation dates over six
years. Content hashes are placeholders: these stores are for timing queries, never for merging.

Used by benchmarks/bench_million.py.
"""

from __future__ import annotations

import random
import uuid as uuid_module
from typing import Any, Iterator

CATALOG_COPIES = 3  # the bundled catalog and three copies of it under other ids: four catalogs
DEVICE = "00000000-0000-4000-8000-00000000beef"
WHEN = "2026-12-05T10:00:00Z"
SYNC = ("uuid", "device_id", "revision", "created_at", "updated_at", "deleted", "content_hash", "local_seq")
CONSULTATION_COLUMNS = (*SYNC, "title", "catalog_id", "stakeholder_group", "province", "start_date",
                        "consent_policy", "status")
FEEDBACK_COLUMNS = (*SYNC, "consultation_uuid", "catalog_id", "recommendation_code", "priority",
                    "implementation_assessment", "comment", "quote", "quote_translation", "attribution",
                    "attributed_to", "sensitive")
BATCH = 50_000


def add_catalog_copies(db: Any, copies: int = CATALOG_COPIES) -> list[str]:
    """The loaded catalog copied under ``copies`` more ids (same codes, themes and headings):
    returns every catalog id."""
    base = db.execute("SELECT catalog_id FROM catalogs ORDER BY catalog_id").fetchone()[0]
    ids = [base]
    with db.atomic():
        for n in range(1, copies + 1):
            new = f"bench-{n}-{base}"
            db.execute("INSERT INTO catalogs (catalog_id, version, title, title_km, source, date, country, cycle, "
                       "translation_note, loaded_at) SELECT ?, version, title || ?, title_km, source, date, country, "
                       "cycle, translation_note, loaded_at FROM catalogs WHERE catalog_id = ?", [new, f" ({n})", base])
            db.execute("INSERT INTO catalog_headings (catalog_id, key, parent_key, position, title, title_km) "
                       "SELECT ?, key, parent_key, position, title, title_km FROM catalog_headings "
                       "WHERE catalog_id = ?", [new, base])
            db.execute("INSERT INTO recommendations (id, catalog_id, code, heading_key, part_key, section_key, "
                       "theme_key, position, text, text_km, sdgs, groups, retired) "
                       "SELECT id + ?, ?, code, heading_key, part_key, section_key, theme_key, position, text, "
                       "text_km, sdgs, groups, retired FROM recommendations WHERE catalog_id = ?",
                       [n * 1_000_000, new, base])
            ids.append(new)
    return ids


def _uuid(rng: random.Random) -> str:
    return str(uuid_module.UUID(int=rng.getrandbits(128), version=4))


def generate(db: Any, reference: Any, consultations: int, feedback_mean: int, seed: int
             ) -> tuple[list[tuple], Iterator[list[tuple]]]:
    """The consultations' rows, and the feedback rows in batches (made as they are written)."""
    rng = random.Random(seed)
    catalogs: dict[str, list[str]] = {}
    for catalog_id, code in db.execute("SELECT catalog_id, code FROM recommendations WHERE retired = 0"):
        catalogs.setdefault(catalog_id, []).append(code)
    catalog_ids = sorted(catalogs)
    groups = [*reference.keys("stakeholder_groups"), None, "unlisted_group"]
    provinces = [*reference.keys("provinces"), None]
    priorities = [*reference.keys("priorities"), None, "unlisted"]
    assessments = [*reference.keys("implementation_assessments"), None]
    policies = reference.keys("consent_policies")
    rows = []
    for n in range(consultations):
        day = f"{rng.randint(2021, 2026)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        rows.append((_uuid(rng), DEVICE, 1, WHEN, WHEN, int(rng.random() < 0.01), "bench", 0, f"Consultation {n}",
                     rng.choice(catalog_ids), rng.choices(groups, weights=[30] * (len(groups) - 2) + [2, 1])[0],
                     rng.choice(provinces) if rng.random() < 0.98 else None, day if rng.random() < 0.99 else None,
                     rng.choice(policies), "final"))

    def feedback() -> Iterator[list[tuple]]:
        batch: list[tuple] = []
        for consultation in rows:
            cu, catalog_id = consultation[0], consultation[9]
            if rng.random() < 0.01:
                cu = _uuid(rng)  # its consultation has not arrived
            codes = catalogs[catalog_id]
            for _ in range(max(1, int(rng.gauss(feedback_mean, feedback_mean / 4)))):
                code = rng.choice(codes) if rng.random() > 0.01 else f"XX-{rng.randint(1, 50)}"
                fcat = catalog_id if rng.random() > 0.02 else ""
                quote = f"quote {rng.randint(1, 5000)}" if rng.random() < 0.1 else ""
                batch.append((_uuid(rng), DEVICE, 1, WHEN, WHEN, int(rng.random() < 0.01), "bench", 0, cu, fcat,
                              code, rng.choice(priorities), rng.choice(assessments), f"comment {rng.random():.6f}",
                              quote, "", "anonymous", "", int(rng.random() < 0.02)))
                if len(batch) >= BATCH:
                    yield batch
                    batch = []
        if batch:
            yield batch

    return rows, feedback()


def _insert(db: Any, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
    if db.engine == "postgresql":
        with db.conn.raw.cursor().copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
    else:
        db.conn.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                            rows)


def fill(db: Any, reference: Any, consultations: int = 20_000, feedback_mean: int = 50, seed: int = 1
         ) -> dict[str, int]:
    """Four catalogs, ``consultations`` consultations and about ``consultations * feedback_mean``
    entries, in one transaction; returns the counts."""
    add_catalog_copies(db)
    consultation_rows, batches = generate(db, reference, consultations, feedback_mean, seed)
    entries = 0
    with db.atomic():
        _insert(db, "consultations", CONSULTATION_COLUMNS, consultation_rows)
        for batch in batches:
            _insert(db, "feedback", FEEDBACK_COLUMNS, batch)
            entries += len(batch)
    if db.engine == "postgresql":
        db.execute("ANALYZE")
    else:
        db.execute("ANALYZE")
    return {"consultations": len(consultation_rows), "feedback": entries}
