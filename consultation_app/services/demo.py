"""Realistic synthetic consultations for training sessions and benchmarks.

The same seed gives the same records (UUIDs included), on any machine.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid as uuid_module
from typing import TYPE_CHECKING, Iterator

from consultation_app.domain.records import CONSULTATION, FEEDBACK, NOTE
from consultation_app.errors import AppError
from consultation_app.services import demo_text as text
from consultation_app.storage import catalog_store

if TYPE_CHECKING:
    from consultation_app.domain.reference import ReferenceLists
    from consultation_app.services.workspace import Workspace


def _uuid(rng: random.Random) -> str:
    return str(uuid_module.UUID(int=rng.getrandbits(128), version=4))


def generate(reference: ReferenceLists, recommendations: list[dict], count: int, seed: int,
             feedback_mean: int = 50) -> Iterator[tuple[dict, list[dict], list[dict]]]:
    """Yield (consultation, feedback entries, notes) for ``count`` consultations."""
    rng = random.Random(seed)
    groups = reference.keys("stakeholder_groups")
    provinces = reference.keys("provinces")
    priorities = reference.keys("priorities")
    assessments = reference.keys("implementation_assessments")
    languages = reference.keys("languages")
    policies = reference.keys("consent_policies")
    themes = sorted({rec["theme_key"] for rec in recommendations})
    for _ in range(count):
        group = rng.choice(groups)
        province = rng.choice(provinces)
        start = dt.date(2020, 1, 6) + dt.timedelta(days=rng.randrange(0, 1400))
        women, men, other = rng.randint(3, 30), rng.randint(3, 30), rng.randint(0, 2)
        total = women + men + other
        consultation = {
            "uuid": _uuid(rng),
            "title": f"{reference.label('stakeholder_groups', group)}, {reference.label('provinces', province)}",
            "catalog_id": recommendations[0]["catalog_id"] if recommendations else "",
            "stakeholder_group": group,
            "province": province,
            "district": rng.choice(text.DISTRICTS),
            "commune": f"Commune {rng.randint(1, 12)}",
            "venue": rng.choice(text.VENUES),
            "start_date": start,
            "end_date": start + dt.timedelta(days=rng.choice((0, 0, 1))),
            "facilitator": rng.choice(("S. Dara", "K. Sophea", "M. Vichet", "P. Chanthou")),
            "note_taker": rng.choice(("L. Sreymom", "T. Rithy", "H. Bopha")),
            "languages": ["km"] + ([rng.choice(languages)] if rng.random() < 0.4 else []),
            "interpretation": rng.choice(("", "", "Khmer-Bunong", "Khmer-Tampuan")),
            "participants_women": women,
            "participants_men": men,
            "participants_other": other,
            "participants_youth": rng.randint(0, total // 2),
            "participants_disabilities": rng.randint(0, min(3, total)),
            "participants_indigenous": total if group == "indigenous_communities" else rng.randint(0, total // 4),
            "organisations": rng.choice(text.ORGANISATIONS),
            "consent_policy": rng.choice(policies),
            "summary": rng.choice(text.COMMENTS_EN),
            "status": "final" if rng.random() < 0.6 else "draft",
        }
        # Feedback leans towards the recommendations that concern the group.
        relevant = [rec for rec in recommendations if group in rec["groups"]] or recommendations
        n_feedback = rng.randint(feedback_mean // 2, feedback_mean + feedback_mean // 2) if feedback_mean else 0
        feedback = []
        for _ in range(n_feedback):
            rec = rng.choice(relevant) if rng.random() < 0.7 else rng.choice(recommendations)
            khmer = rng.random() < 0.5
            index = rng.randrange(len(text.COMMENTS_EN))
            quote_index = rng.randrange(len(text.QUOTES_KM))
            has_quote = rng.random() < 0.3
            feedback.append({
                "uuid": _uuid(rng),
                "consultation_uuid": consultation["uuid"],
                "catalog_id": rec["catalog_id"],
                "recommendation_code": rec["code"],
                "priority": rng.choice(priorities),
                "implementation_assessment": rng.choice(assessments),
                "comment": text.COMMENTS_KM[index] if khmer else text.COMMENTS_EN[index],
                "quote": text.QUOTES_KM[quote_index] if has_quote else "",
                "quote_translation": text.QUOTES_EN[quote_index] if has_quote else "",
                "suggested_actions": rng.choice(text.ACTIONS) if rng.random() < 0.5 else "",
                "responsible_institutions": rng.choice(text.INSTITUTIONS),
                "attribution": "by_group" if rng.random() < 0.3 else "anonymous",
                "sensitive": rng.random() < 0.05,
            })
        notes = []
        for _ in range(rng.randint(0, 3)):
            title_en, title_km = rng.choice(text.NOTE_TITLES)
            notes.append({
                "uuid": _uuid(rng),
                "consultation_uuid": consultation["uuid"],
                "theme": rng.choice(themes) if themes else "",
                "title": title_km if rng.random() < 0.5 else title_en,
                "text": rng.choice(text.COMMENTS_KM + text.COMMENTS_EN),
                "sensitive": False,
            })
        yield consultation, feedback, notes


def add_demo_data(workspace: Workspace, count: int, seed: int, feedback_mean: int = 50) -> dict[str, int]:
    recommendations = catalog_store.list_recommendations(workspace.db)
    consultations, feedback, notes = [], [], []
    for consultation, entries, note_list in generate(workspace.reference, recommendations, count, seed,
                                                     feedback_mean):
        consultations.append(consultation)
        feedback.extend(entries)
        notes.extend(note_list)
    store = workspace.records
    if consultations and store.get(CONSULTATION, consultations[0]["uuid"], include_deleted=True):
        raise AppError(f"demo data with seed {seed} is already in this data folder; "
                       f"choose another --seed to add more")
    with workspace.db.atomic():  # all or nothing: a failed run adds nothing
        return {
            "consultations": store.create_many(CONSULTATION, consultations),
            "feedback": store.create_many(FEEDBACK, feedback),
            "notes": store.create_many(NOTE, notes),
        }
