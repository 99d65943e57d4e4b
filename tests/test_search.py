"""Full-text search over recommendations: Khmer inside Khmer sentences, zero-width hints,
short queries, AND semantics, hostile characters, Unicode normalisation, theme titles."""

import unicodedata

import pytest

from consultation_app.domain.catalog import parse_catalog
from consultation_app.storage import catalog_store
from consultation_app.storage.catalog_store import search_recommendations

ZWSP = "\u200b"
KHMER_SENTENCE = "ការពារសិទ្ធិរបស់ជនជាតិដើមភាគតិចក្នុងការទទួលបានដីធ្លី"
ZW_WORDS = ["ធានា", "សិទ្ធិ", "ទទួលបាន", "ទឹកស្អាត"]

TEST_CATALOG = {
    "format": "upr-catalog",
    "format_version": 1,
    "catalog_id": "test",
    "version": "1.0",
    "title": "Search test catalog",
    "source": "tests",
    "headings": [
        {"key": "land", "title": "Land and housing", "title_km": "ដីធ្លី និងលំនៅដ្ឋាន"},
        {"key": "water", "title": "Water and sanitation"},
        {"key": "misc", "title": "Miscellaneous"},
    ],
    "recommendations": [
        {"code": "T-01", "heading": "land", "text": "Protect indigenous land rights.", "text_km": KHMER_SENTENCE},
        {"code": "T-02", "heading": "water", "text": "Guarantee access to clean water.",
         "text_km": ZWSP.join(ZW_WORDS)},
        {"code": "T-03", "heading": "water", "text": "Provide clean water and sanitation in schools.",
         "text_km": "".join(ZW_WORDS[:2])},
        {"code": "T-04", "heading": "misc", "text": "Café owners and crème producers (small businesses) "
                                                     "pay 50% of the fee_rate; say \"no\" to NEAR-misses."},
        {"code": "T-05", "heading": "misc", "text": "Reform the land registry."},
    ],
}


@pytest.fixture
def db(workspace):
    result = catalog_store.load_catalog(workspace.db, parse_catalog(TEST_CATALOG, "test"))
    assert result.status == "loaded"
    return workspace.db


def codes(db, query, catalog_id="test"):
    return [row["code"] for row in search_recommendations(db, query, catalog_id)]


def annex_codes(db, query):
    return [row["code"] for row in search_recommendations(db, query, "khm-upr3-ohchr-2019")]


# -- Khmer -----------------------------------------------------------------------------

def test_khmer_word_inside_a_khmer_sentence(db):
    assert codes(db, "ជនជាតិដើមភាគតិច") == ["T-01"]
    assert codes(db, "ដីធ្លី") == ["T-01"], "a word at the very end of the sentence"
    assert codes(db, "ការពារសិទ្ធិ") == ["T-01"], "a word at the very start"
    assert codes(db, "សុខាភិបាល") == []


def test_khmer_word_in_the_annex(db):
    found = annex_codes(db, "ជនជាតិដើមភាគតិច")
    assert "KH3-44" in found
    rows = {row["code"]: row for row in catalog_store.list_recommendations(db, "khm-upr3-ohchr-2019")}
    for code in found:
        row = rows[code]
        haystack = " ".join(filter(None, (row["text_km"], row["theme_km"], row["section_km"], row["part_km"])))
        assert "ជនជាតិដើមភាគតិច" in haystack, code


def test_khmer_heading_title_is_searchable(db):
    assert codes(db, "លំនៅដ្ឋាន") == ["T-01"]


def test_zero_width_spaces_in_the_text_do_not_stop_a_match(db):
    assert codes(db, "".join(ZW_WORDS)) == ["T-02"]
    assert codes(db, "សិទ្ធិទទួលបាន") == ["T-02"], "across a zero-width hint"
    stored = {row["code"]: row for row in catalog_store.list_recommendations(db, "test")}
    assert ZWSP in stored["T-02"]["text_km"], "stored text keeps the typist's hints"


def test_zero_width_spaces_in_the_query_do_not_stop_a_match(db):
    assert codes(db, ZWSP.join(ZW_WORDS[:2])) == ["T-02", "T-03"]
    assert codes(db, "ធានា" + ZWSP + "សិទ្ធិ" + "\u2060") == ["T-02", "T-03"]
    assert codes(db, "\ufeffជនជាតិ" + ZWSP + "ដើមភាគតិច") == ["T-01"]
    assert codes(db, ZWSP) == []
    assert codes(db, ZWSP * 5) == []


# -- short queries, case, AND ------------------------------------------------------------

def test_short_queries_fall_back_and_still_work(db):
    assert codes(db, "KH", catalog_id=None)[:47] == [f"KH3-{i:02d}" for i in range(1, 48)]
    assert codes(db, "kh") == [], "the test catalog holds no 'kh'"
    assert codes(db, "T-") == ["T-01", "T-02", "T-03", "T-04", "T-05"]
    assert codes(db, "ដី") == ["T-01"]
    assert codes(db, "ទឹ") == ["T-02"]
    assert codes(db, "5") == ["T-04", "T-05"], "'50%' in T-04's text, T-05's code"
    assert codes(db, "q") == []


def test_english_search_is_case_insensitive(db):
    lower = annex_codes(db, "trafficking")
    assert lower and annex_codes(db, "TRAFFICKING") == lower == annex_codes(db, "TrAfFiCkInG")
    assert codes(db, "LAND") == ["T-01", "T-05"]
    assert codes(db, "CAFÉ") == codes(db, "café") == ["T-04"]


def test_multiple_terms_must_all_match(db):
    assert codes(db, "land") == ["T-01", "T-05"]
    assert codes(db, "land registry") == ["T-05"]
    assert codes(db, "registry land") == ["T-05"], "order does not matter"
    assert codes(db, "water") == ["T-02", "T-03"]
    assert codes(db, "water schools") == ["T-03"]
    assert codes(db, "water land") == []
    assert codes(db, "water T-") == ["T-02", "T-03"], "a short and a long term together"
    assert codes(db, "ទឹកស្អាត ធានា") == ["T-02"]
    assert codes(db, "trafficking persons", catalog_id=None) == [
        code for code in annex_codes(db, "trafficking") if code in annex_codes(db, "persons")]


@pytest.mark.parametrize("query", [
    '"', '""', "'", '"water', 'water"', '"clean water"', "%", "_", "%%", "50%", "fee_rate", "*", "water*",
    "(", ")", "()", "(small", "AND", "OR", "NOT", "water AND", "AND water", "NEAR(", "NEAR(water land)",
    "water NEAR land", "-", "--", "^", ":", "col:water", "\\", "\\%", "[x]", "{}", "+", "~", ";", "'; DROP TABLE "
    "recommendations; --", "\t", "   ", "",
])
def test_special_characters_never_raise(db, query):
    rows = search_recommendations(db, query)
    assert isinstance(rows, list)
    # every result really contains every term (literal, as typed), never "everything"
    terms = unicodedata.normalize("NFC", query).casefold().split()
    for row in rows:
        haystack = " ".join(filter(None, (row["code"], row["text"], row["text_km"], row["part"], row["section"],
                                          row["theme"], row["part_km"], row["section_km"],
                                          row["theme_km"]))).casefold()
        for term in terms:
            assert term in haystack, (query, row["code"])
    assert db.execute("SELECT count(*) FROM recommendations").fetchone()[0] == 52


def test_special_characters_are_literal_not_operators(db):
    assert codes(db, "%") == ["T-04"], "'%' is a character, not a LIKE wildcard"
    assert codes(db, "50%") == ["T-04"]
    assert codes(db, "_") == ["T-04"], "'_' is a character, not a LIKE wildcard"
    assert codes(db, "fee_rate") == ["T-04"]
    assert codes(db, "fee-rate") == []
    assert codes(db, "(small") == ["T-04"]
    assert codes(db, '"no"') == ["T-04"]
    assert codes(db, "NEAR-misses") == ["T-04"]
    assert codes(db, "NEAR(") == []
    assert codes(db, "water*") == [], "'*' is not a prefix operator"
    # 'AND' / 'OR' are plain letters to look for, not FTS5 operators
    assert codes(db, "AND") == codes(db, "and") == ["T-01", "T-02", "T-03", "T-04", "T-05"]
    assert codes(db, "water OR land") == [], "an OR operator would return T-01, T-02, T-03 and T-05"
    assert codes(db, "NOT land") == [], "a NOT operator would return the non-land ones"


def test_control_characters_in_the_query(db):
    assert codes(db, "wa\x00ter") in ([], ["T-02", "T-03"])
    assert codes(db, "\x00") == []


# -- normalisation, themes ---------------------------------------------------------------

def test_decomposed_query_matches_composed_text(db):
    decomposed = unicodedata.normalize("NFD", "Café crème")
    assert decomposed != "Café crème"
    assert codes(db, decomposed) == ["T-04"]
    assert codes(db, unicodedata.normalize("NFD", "é")) == ["T-04"], "a short decomposed query"
    khmer_nfd = unicodedata.normalize("NFD", "ដីធ្លី")
    assert codes(db, khmer_nfd) == ["T-01"]


def test_decomposed_catalog_text_is_stored_composed(workspace):
    data = dict(TEST_CATALOG, catalog_id="nfd",
                recommendations=[{"code": "N-01", "heading": "misc",
                                  "text": unicodedata.normalize("NFD", "Crème brûlée for all")}])
    catalog_store.load_catalog(workspace.db, parse_catalog(data, "nfd"))
    assert [r["code"] for r in search_recommendations(workspace.db, "brûlée", "nfd")] == ["N-01"]
    row = catalog_store.list_recommendations(workspace.db, "nfd")[0]
    assert row["text"] == unicodedata.normalize("NFC", "Crème brûlée for all")


def test_theme_title_finds_its_recommendations(db):
    rows = catalog_store.list_recommendations(db, "khm-upr3-ohchr-2019")
    health = [row["code"] for row in rows if row["theme"] == "Right to health"]
    assert len(health) == 3
    found = annex_codes(db, "Right to health")
    assert found[:3] == health
    assert annex_codes(db, "right to health") == found
    assert codes(db, "sanitation") == ["T-02", "T-03"], "the theme 'Water and sanitation' is indexed"


def test_section_title_is_searchable(db):
    rows = catalog_store.list_recommendations(db, "khm-upr3-ohchr-2019")
    specific = [row["code"] for row in rows if row["section"] == "D. Rights of specific persons or groups"]
    assert annex_codes(db, "specific persons or groups") == specific


def test_full_code_comes_first(db):
    assert codes(db, "KH3-07", catalog_id=None)[0] == "KH3-07"
    assert codes(db, "t-04") == ["T-04"]
    assert codes(db, "T-0") == ["T-01", "T-02", "T-03", "T-04", "T-05"]


def test_catalog_filter_and_limit(db):
    assert set(codes(db, "land", catalog_id=None)) >= {"T-01", "T-05"}
    assert all(code.startswith("KH3-") for code in annex_codes(db, "land"))
    assert len(search_recommendations(db, "KH", None, limit=5)) == 5


def test_retired_recommendations_are_not_found(db):
    newer = dict(TEST_CATALOG, version="1.1",
                 recommendations=[r for r in TEST_CATALOG["recommendations"] if r["code"] != "T-05"])
    result = catalog_store.load_catalog(db, parse_catalog(newer, "test"))
    assert result.retired == 1
    assert codes(db, "registry") == []
    assert codes(db, "land") == ["T-01"]
    assert codes(db, "T-") == ["T-01", "T-02", "T-03", "T-04"], "the short-term path skips it too"
