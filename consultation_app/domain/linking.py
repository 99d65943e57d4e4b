"""Following a recommendation across cycles: which recommendations of an earlier catalog a
later one's recommendations continue, proposed by similarity for a person to confirm.

The score (0-1) mixes three signals: the English texts (TF-IDF cosine over word stems), the
Khmer texts when both have one (TF-IDF cosine over character trigrams: Khmer writes no spaces
between words) and shared SDG goals, SDG targets and themes (Jaccard). Plain Python: no Qt,
no storage. Measured on the 2019 annex in benchmarks/bench_links.py.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

STOP = set("""a an and are as at be by for from has have in into is it its of on or that the their them
this to with all any other such which who including include ensure ensuring take taking taken steps step
measures measure efforts effort continue continuing necessary relevant particular particularly order view
line also well both further more its those these through within without among between""".split())
_WORD = re.compile(r"[a-z]+")
_SUFFIXES = ("ations", "ation", "ments", "ment", "ings", "ing", "ions", "ion", "ies", "ed", "es", "s")


def stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    return word[:7]


def english_terms(text: str) -> list[str]:
    return [stem(w) for w in _WORD.findall(text.casefold()) if w not in STOP and len(w) > 2]


def khmer_terms(text: str) -> list[str]:
    letters = re.sub(r"[\s\u200b\u2060\ufeff។៕,.()]+", "", text)
    return [letters[i:i + 3] for i in range(len(letters) - 2)]


@dataclass(frozen=True)
class LinkSuggestion:
    from_code: str
    to_code: str
    score: float
    english: float
    khmer: float | None
    shared: float


def _vectors(docs: list[list[str]]) -> list[dict[str, float]]:
    df = Counter(term for doc in docs for term in set(doc))
    n = len(docs)
    vectors = []
    for doc in docs:
        counts = Counter(doc)
        vector = {t: (1 + math.log(c)) * math.log(1 + n / df[t]) for t, c in counts.items()}
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        vectors.append({t: v / norm for t, v in vector.items()})
    return vectors


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(t, 0.0) for t, v in a.items())


def _facets(rec: dict) -> set[str]:
    facets = {f"goal:{g}" for g in rec.get("sdgs") or ()}
    facets |= {f"target:{t}" for t in rec.get("sdg_targets") or ()}
    facets |= {f"theme:{t.casefold()}" for t in rec.get("themes") or ()}
    return facets


def suggest_links(earlier: list[dict], later: list[dict], top: int = 3, minimum: float = 0.05,
                  same_catalog: bool = False) -> list[LinkSuggestion]:
    """For each recommendation of ``later``, the ``top`` recommendations of ``earlier`` it most
    likely continues, best first. Each is a dict with code, text, text_km, sdgs and optionally
    sdg_targets and themes (as catalog_store lists them). ``same_catalog``: never a code with itself."""
    english = _vectors([english_terms(r["text"]) for r in earlier + later])
    khmer = _vectors([khmer_terms(r.get("text_km") or "") for r in earlier + later])
    facets = [_facets(r) for r in earlier + later]
    n = len(earlier)
    out = []
    for j, rec in enumerate(later, start=n):
        scored = []
        for i, old in enumerate(earlier):
            if same_catalog and old["code"] == rec["code"]:
                continue
            en = _cosine(english[i], english[j])
            km = _cosine(khmer[i], khmer[j]) if khmer[i] and khmer[j] else None
            union = facets[i] | facets[j]
            shared = len(facets[i] & facets[j]) / len(union) if union else 0.0
            score = 0.6 * en + 0.25 * km + 0.15 * shared if km is not None else 0.8 * en + 0.2 * shared
            if score >= minimum:
                scored.append(LinkSuggestion(old["code"], rec["code"], round(score, 4), round(en, 4),
                                             None if km is None else round(km, 4), round(shared, 4)))
        scored.sort(key=lambda s: -s.score)
        out.extend(scored[:top])
    return out
