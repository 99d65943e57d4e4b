"""Run by test_crash_kills as ``python -m tests.crash_writer DATA_DIR``: opens a Workspace on
DATA_DIR (continuing whatever earlier runs left there) and writes without pause until killed.

Each change is one committed transaction through ``workspace.records``: consultations and
feedback created, updated and deleted. Right AFTER each commit returns, the change is printed
as ``TABLE UUID REVISION`` and flushed, so every line the test reads is a change the app
reported as saved."""

import random
import sys

from consultation_app import paths
from consultation_app.domain.records import CONSULTATION, FEEDBACK
from consultation_app.services.workspace import Workspace
from consultation_app.storage import catalog_store

PROVINCES = ("ratanakiri", "mondulkiri", "kampot", "siem_reap", "phnom_penh")


def main() -> None:
    paths.set_data_dir(sys.argv[1])
    rng = random.Random()  # seeded from the system: every run writes differently
    workspace = Workspace()
    store = workspace.records
    codes = [rec["code"] for rec in catalog_store.list_recommendations(workspace.db)]
    consultations = [uuid for (uuid,) in workspace.db.execute(
        "SELECT uuid FROM consultations WHERE deleted = 0 AND status = 'draft'")]
    feedback = [uuid for (uuid,) in workspace.db.execute("SELECT uuid FROM feedback WHERE deleted = 0")]
    out = sys.stdout
    print("ready", flush=True)
    counter = 0
    while True:
        counter += 1
        stamp = f"{counter}-{rng.getrandbits(32):08x}"
        roll = rng.random()
        if len(consultations) < 3 or roll < 0.10:
            row = store.create(CONSULTATION, {
                "title": f"Consultation {stamp}", "stakeholder_group": "indigenous_communities",
                "province": rng.choice(PROVINCES), "start_date": "2024-03-05",
                "participants_women": rng.randint(1, 20), "participants_men": rng.randint(1, 20)})
            consultations.append(row["uuid"])
        elif roll < 0.50:
            row = store.create(FEEDBACK, {
                "consultation_uuid": rng.choice(consultations), "recommendation_code": rng.choice(codes),
                "comment": f"The commune council has not answered ({stamp}). " * rng.randint(1, 8)})
            feedback.append(row["uuid"])
        elif roll < 0.80 and feedback:
            row = store.update(FEEDBACK, rng.choice(feedback), {"comment": f"Revised after the meeting {stamp}"})
        elif roll < 0.90:
            row = store.update(CONSULTATION, rng.choice(consultations), {"venue": f"Pagoda hall {stamp}"})
        elif roll < 0.97 and feedback:
            row = store.delete(FEEDBACK, feedback.pop(rng.randrange(len(feedback))))
        else:
            row = store.delete(CONSULTATION, consultations.pop(rng.randrange(len(consultations))))
        table = FEEDBACK.table if "recommendation_code" in row else CONSULTATION.table
        out.write(f"{table} {row['uuid']} {row['revision']}\n")
        out.flush()


if __name__ == "__main__":
    main()
