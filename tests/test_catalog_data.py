"""The bundled annex: 47 recommendations, verbatim, in the annex's real hierarchy."""

import re
from collections import Counter
from pathlib import Path

import pytest

from consultation_app import paths
from consultation_app.domain.catalog import read_catalog_file
from consultation_app.services.reference_lists import default_reference

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "000_8963a575eebde606.txt"
ANNEX_FILE = "khm-upr3-2019.json"

EXPECTED_THEMES = [
    ("Scope of international obligations and cooperation with international human rights mechanisms and bodies",
     None, 4),
    ("National human rights framework", None, 2),
    ("A. Cross-cutting issues", "Equality and non-discrimination", 2),
    ("A. Cross-cutting issues", "Development, the environment, and business and human rights", 3),
    ("B. Civil and political rights", "Right to life, liberty and security of person", 2),
    ("B. Civil and political rights", "Administration of justice, including impunity, and the rule of law", 6),
    ("B. Civil and political rights", "Fundamental freedoms and the right to participate in public and political life",
     6),
    ("B. Civil and political rights", "Prohibition of all forms of slavery", 2),
    ("C. Economic, social and cultural rights", "Right to work and to just and favourable conditions of work", 2),
    ("C. Economic, social and cultural rights", "Right to an adequate standard of living", 1),
    ("C. Economic, social and cultural rights", "Right to health", 3),
    ("C. Economic, social and cultural rights", "Right to education", 3),
    ("D. Rights of specific persons or groups", "Women", 3),
    ("D. Rights of specific persons or groups", "Children", 3),
    ("D. Rights of specific persons or groups", "Persons with disabilities", 1),
    ("D. Rights of specific persons or groups", "Minorities and indigenous peoples", 3),
    ("D. Rights of specific persons or groups", "Stateless persons", 1),
]


@pytest.fixture(scope="module")
def annex():
    return read_catalog_file(paths.catalogs_dir() / ANNEX_FILE)


def test_annex_has_47_recommendations_in_the_real_hierarchy(annex):
    assert len(annex.recommendations) == 47
    assert annex.date == "2019-08-20"
    seen = []
    for rec in annex.recommendations:
        path = [h.title for h in annex.heading_path(rec.heading)]
        if len(path) == 1:
            key = (path[0], None)
        else:
            assert path[0].startswith("Implementation of international human rights obligations")
            assert len(path) == 3
            key = (path[1], path[2])
        if not seen or seen[-1][0] != key:
            seen.append([key, 0])
        seen[-1][1] += 1
    assert [(a, b, n) for (a, b), n in seen] == EXPECTED_THEMES


def test_codes_are_stable_and_in_annex_order(annex):
    assert [r.code for r in annex.recommendations] == [f"KH3-{i:02d}" for i in range(1, 48)]


def test_every_recommendation_has_sdgs_groups_and_khmer(annex):
    groups = set(default_reference().keys("stakeholder_groups"))
    for rec in annex.recommendations:
        assert rec.sdgs and all(1 <= g <= 17 for g in rec.sdgs), rec.code
        assert rec.groups and set(rec.groups) <= groups, rec.code
        assert re.search("[\u1780-\u17ff]", rec.text_km), rec.code


@pytest.mark.skipif(not SEED.exists(), reason="the shared seed is not beside the checkout")
def test_texts_are_verbatim_from_the_annex(annex):
    seed = SEED.read_text(encoding="utf-8")
    annex_text = seed[seed.index("## Annex"):]
    bullets = [line[2:].rstrip() for line in annex_text.splitlines() if line.startswith("- ")]
    assert [rec.text for rec in annex.recommendations] == bullets


def test_reference_lists():
    reference = default_reference()
    provinces = reference.items("provinces")
    assert len(provinces) == 25
    assert all(re.search("[\u1780-\u17ff]", p.km) for p in provinces)
    assert "ratanakiri" in reference.keys("provinces")
    assert reference.keys("stakeholder_groups") == (
        "provincial_authorities", "indigenous_communities", "civil_society", "other")
    assert Counter(reference.keys("priorities"))["high"] == 1
    assert "partially_implemented" in reference.keys("implementation_assessments")
