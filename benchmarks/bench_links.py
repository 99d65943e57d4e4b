"""The link suggester (domain/linking.py) measured on the real 2019 annex: precision and recall
at the top 3 against true links made by hand from the annex's texts, beside a baseline
(shared words: Jaccard of the plain word sets) measured on the same sets in the same run.

Two hand-made sets, both read off the annex's 47 texts:
* WITHIN_ANNEX: recommendations of the annex on the same subject (land disputes, resettlement
  and land titles; statelessness and birth registration; ...): suggest-links annex -> annex.
* NEXT_CYCLE: 16 recommendations written here in the style of a later cycle (UHRI wording,
  paragraph numbers), each continuing one or two annex recommendations. These are NOT the
  real 4th-cycle texts (not available offline): a stand-in, said as such in the figures.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from consultation_app.domain.linking import suggest_links

ANNEX = Path(__file__).resolve().parents[1] / "resources" / "catalogs" / "khm-upr3-2019.json"

# Undirected groups of annex recommendations on one subject.
WITHIN_ANNEX = [
    {"KH3-09", "KH3-10", "KH3-11", "KH3-44"},  # land disputes, resettlement, land reform, communal titles
    {"KH3-10", "KH3-45"},  # consulting indigenous communities
    {"KH3-03", "KH3-47", "KH3-46"},  # statelessness, nationality, birth registration
    {"KH3-14", "KH3-15", "KH3-16"},  # judicial independence
    {"KH3-18", "KH3-19", "KH3-39", "KH3-37"},  # violence against women, domestic violence
    {"KH3-26", "KH3-27"},  # trafficking
    {"KH3-28", "KH3-29"},  # trade unions
    {"KH3-22", "KH3-23"},  # release of detained people and political prisoners
    {"KH3-05", "KH3-20"},  # laws restricting expression and association
    {"KH3-24", "KH3-25"},  # democratic space, elections
    {"KH3-34", "KH3-36", "KH3-35"},  # education
    {"KH3-31", "KH3-32"},  # health services
    {"KH3-07", "KH3-08"},  # discrimination
    {"KH3-40", "KH3-41", "KH3-42"},  # children: marriage, CRC legislation, child labour
]

NEXT_CYCLE = [
    ("110.1", "Ratify the Second Optional Protocol to the International Covenant on Civil and Political Rights, "
              "aiming at the abolition of the death penalty", {"KH3-01"}),
    ("110.2", "Ratify the International Convention on the Protection of the Rights of All Migrant Workers", {"KH3-02"}),
    ("110.3", "Establish a national human rights institution in full compliance with the Paris Principles", {"KH3-06"}),
    ("110.4", "Resolve land disputes in a fair and transparent manner and provide adequate compensation to "
              "families affected by evictions", {"KH3-09"}),
    ("110.5", "Speed up the registration of collective land titles of indigenous communities", {"KH3-44", "KH3-10"}),
    ("110.6", "Guarantee the independence of the judiciary and review the laws on the courts and on judges "
              "and prosecutors", {"KH3-15", "KH3-14"}),
    ("110.7", "Reduce the length of pre-trial detention and overcrowding in prisons", {"KH3-17"}),
    ("110.8", "Amend the Law on Associations and Non-Governmental Organizations to ensure freedom of association",
     {"KH3-05", "KH3-20"}),
    ("110.9", "Protect human rights defenders, journalists and environmental activists from harassment",
     {"KH3-21"}),
    ("110.10", "Release all persons detained for the peaceful exercise of their freedom of expression",
     {"KH3-22", "KH3-23"}),
    ("110.11", "Strengthen measures against trafficking in persons and support its victims", {"KH3-26", "KH3-27"}),
    ("110.12", "Bring the Trade Union Law into line with ILO conventions on freedom of association",
     {"KH3-28", "KH3-29"}),
    ("110.13", "Improve access to safe drinking water in rural and poor areas", {"KH3-30"}),
    ("110.14", "Prohibit child marriage and raise the awareness of communities about its harm", {"KH3-40"}),
    ("110.15", "Ensure that all children born in Cambodia are registered at birth and can obtain nationality",
     {"KH3-46", "KH3-47"}),
    ("110.16", "Combat domestic violence and gender-based violence and bring perpetrators to justice",
     {"KH3-18", "KH3-39"}),
]


def annex() -> list[dict]:
    return json.loads(ANNEX.read_text(encoding="utf-8"))["recommendations"]


def within_truth() -> dict[str, set[str]]:
    truth: dict[str, set[str]] = {}
    for group in WITHIN_ANNEX:
        for code in group:
            truth.setdefault(code, set()).update(group - {code})
    return truth


def baseline_suggest(earlier, later, top=3, same_catalog=False):
    """Shared words: Jaccard of the lower-cased word sets, nothing else."""
    def words(text: str) -> set[str]:
        return set(re.findall(r"[a-z]+", text.casefold()))

    out = []
    for rec in later:
        scored = sorted(((len(words(o["text"]) & words(rec["text"])) / len(words(o["text"]) | words(rec["text"])),
                          o["code"]) for o in earlier if not (same_catalog and o["code"] == rec["code"])),
                        reverse=True)[:top]
        out += [(code, rec["code"]) for _, code in scored]
    return out


def precision_recall(pairs: list[tuple[str, str]], truth: dict[str, set[str]], top: int = 3) -> tuple[float, float]:
    """pairs: (earlier code, later code) proposals; truth: later code -> true earlier codes."""
    proposed: dict[str, list[str]] = {}
    for a, b in pairs:
        proposed.setdefault(b, []).append(a)
    hits = sum(len(set(proposed.get(b, [])[:top]) & true) for b, true in truth.items())
    made = sum(min(top, len(proposed.get(b, []))) for b in truth)
    return hits / made if made else 0.0, hits / sum(len(t) for t in truth.values())


def evaluate() -> dict[str, tuple[float, float]]:
    recs = annex()
    later = [{"code": code, "text": text, "sdgs": []} for code, text, _ in NEXT_CYCLE]
    next_truth = {code: true for code, _, true in NEXT_CYCLE}
    within = within_truth()
    queries = [r for r in recs if r["code"] in within]
    app_within = [(s.from_code, s.to_code) for s in suggest_links(recs, queries, top=3, same_catalog=True)]
    app_next = [(s.from_code, s.to_code) for s in suggest_links(recs, later, top=3)]
    return {"within annex (app)": precision_recall(app_within, within),
            "within annex (shared words)": precision_recall(baseline_suggest(recs, queries, same_catalog=True), within),
            "next cycle stand-in (app)": precision_recall(app_next, next_truth),
            "next cycle stand-in (shared words)": precision_recall(baseline_suggest(recs, later), next_truth)}


def run() -> list[dict]:
    from run_benchmarks import row

    figures = evaluate()
    out = []
    for name in ("within annex", "next cycle stand-in"):
        (p, r), (bp, br) = figures[f"{name} (app)"], figures[f"{name} (shared words)"]
        out.append(row(f"link suggester, {name}: P@3 / R@3", f"{p:.2f} / {r:.2f}", f"shared words {bp:.2f} / {br:.2f}",
                       f"{r / br:.2g}× recall" if br else "—", precision=p, recall=r, baseline_precision=bp,
                       baseline_recall=br))
    return out


if __name__ == "__main__":
    for key, (p, r) in evaluate().items():
        print(f"{key}: P@3 {p:.2f}  R@3 {r:.2f}")
