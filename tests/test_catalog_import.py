"""Loading catalogs and newer versions of them: texts change, feedback never does."""

import copy
import json
import shutil

import pytest

from consultation_app import paths
from consultation_app.domain.catalog import parse_catalog, read_catalog_file, version_key
from consultation_app.domain.records import CONSULTATION, FEEDBACK
from consultation_app.errors import InputError
from consultation_app.services.workspace import Workspace
from consultation_app.storage import catalog_store

ANNEX_ID = "khm-upr3-ohchr-2019"

BASE = {
    "format": "upr-catalog",
    "format_version": 1,
    "catalog_id": "tst-upr3",
    "version": "1.0",
    "title": "Test catalog",
    "source": "tests",
    "headings": [
        {"key": "civil", "title": "Civil rights"},
        {"key": "civil-press", "parent": "civil", "title": "Freedom of the press"},
        {"key": "social", "title": "Social rights", "title_km": "សិទ្ធិសង្គម"},
    ],
    "recommendations": [
        {"code": "T-01", "heading": "civil-press", "text": "Protect journalists.", "sdgs": [16]},
        {"code": "T-02", "heading": "social", "text": "Build schools.", "text_km": "សាងសង់សាលារៀន។",
         "sdgs": [4]},
        {"code": "T-03", "heading": "social", "text": "Repair roads.", "sdgs": [9]},
    ],
}


def catalog(version="1.0", **changes):
    data = copy.deepcopy(BASE)
    data["version"] = version
    data.update(changes)
    return parse_catalog(data, "test.json")


def snapshot(db, table):
    cursor = db.execute(f"SELECT * FROM {table} ORDER BY uuid")
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor]


def make_feedback(workspace, code, comment, catalog_id="tst-upr3"):
    consultation = workspace.records.create(CONSULTATION, {
        "title": "Test", "stakeholder_group": "civil_society", "province": "kampot",
        "start_date": "2024-05-01", "participants_women": 4, "participants_men": 3})
    return workspace.records.create(FEEDBACK, {
        "consultation_uuid": consultation["uuid"], "catalog_id": catalog_id, "recommendation_code": code,
        "priority": "high", "comment": comment})


def listed(db, catalog_id="tst-upr3"):
    return {row["code"]: row for row in catalog_store.list_recommendations(db, catalog_id)}


# -- versions -----------------------------------------------------------------------------

def test_first_load_then_same_version_is_unchanged(workspace):
    first = catalog_store.load_catalog(workspace.db, catalog())
    assert (first.status, first.version, first.previous_version, first.recommendations) == ("loaded", "1.0",
                                                                                           None, 3)
    loaded_at = workspace.db.execute("SELECT loaded_at FROM catalogs WHERE catalog_id = 'tst-upr3'").fetchone()
    again = catalog_store.load_catalog(workspace.db, catalog())
    assert (again.status, again.version, again.previous_version, again.recommendations) == ("unchanged", "1.0",
                                                                                           "1.0", 3)
    assert workspace.db.execute(
        "SELECT loaded_at FROM catalogs WHERE catalog_id = 'tst-upr3'").fetchone() == loaded_at
    assert list(listed(workspace.db)) == ["T-01", "T-02", "T-03"]


def test_same_version_with_other_texts_changes_nothing(workspace):
    catalog_store.load_catalog(workspace.db, catalog())
    data = copy.deepcopy(BASE)
    data["recommendations"][0]["text"] = "Something else entirely."
    result = catalog_store.load_catalog(workspace.db, parse_catalog(data, "same.json"))
    assert result.status == "unchanged"
    assert listed(workspace.db)["T-01"]["text"] == "Protect journalists."


def test_newer_version_updates_texts_and_never_touches_feedback(workspace):
    db = workspace.db
    catalog_store.load_catalog(db, catalog())
    fb_kept = make_feedback(workspace, "T-01", "Journalists were threatened last year.")
    fb_dropped = make_feedback(workspace, "T-03", "The road to the district is impassable.")
    edited = workspace.records.update(FEEDBACK, fb_kept["uuid"], {"comment": "Journalists were threatened."})
    assert edited["revision"] == 2
    feedback_before = snapshot(db, "feedback")
    revisions_before = db.execute("SELECT * FROM record_revisions ORDER BY id").fetchall()
    seq_before = db.execute("SELECT value FROM settings WHERE key = 'local_seq'").fetchone()

    data = copy.deepcopy(BASE)
    data["version"] = "1.1"
    data["recommendations"][0]["text"] = "Protect journalists and media workers."
    data["recommendations"][1]["text_km"] = "សាងសង់សាលារៀនបន្ថែម។"
    data["recommendations"][1]["sdgs"] = [4, 10]
    del data["recommendations"][2]  # T-03 dropped
    data["recommendations"].append({"code": "T-04", "heading": "civil", "text": "Free the press."})
    result = catalog_store.load_catalog(db, parse_catalog(data, "v1.1.json"))

    assert (result.status, result.previous_version, result.version) == ("updated", "1.0", "1.1")
    assert (result.recommendations, result.retired) == (3, 1)
    rows = listed(db)
    assert list(rows) == ["T-01", "T-02", "T-04"], "the dropped code is retired, not listed"
    assert rows["T-01"]["text"] == "Protect journalists and media workers."
    assert rows["T-02"]["text_km"] == "សាងសង់សាលារៀនបន្ថែម។"
    assert rows["T-02"]["sdgs"] == [4, 10]
    assert rows["T-04"]["theme"] == "Civil rights"
    retired = db.execute("SELECT retired, text FROM recommendations WHERE catalog_id = 'tst-upr3' "
                         "AND code = 'T-03'").fetchone()
    assert retired == (1, "Repair roads."), "a retired recommendation keeps its last text"
    assert db.execute("SELECT version FROM catalogs WHERE catalog_id = 'tst-upr3'").fetchone()[0] == "1.1"

    assert snapshot(db, "feedback") == feedback_before, "rows, revisions and hashes untouched"
    assert db.execute("SELECT * FROM record_revisions ORDER BY id").fetchall() == revisions_before
    assert db.execute("SELECT value FROM settings WHERE key = 'local_seq'").fetchone() == seq_before
    still = workspace.records.get(FEEDBACK, fb_dropped["uuid"])
    assert still["recommendation_code"] == "T-03" and still["revision"] == 1
    assert still["content_hash"] == fb_dropped["content_hash"]
    assert workspace.records.get(FEEDBACK, fb_kept["uuid"])["content_hash"] == edited["content_hash"]
    assert [r["code"] for r in catalog_store.search_recommendations(db, "roads")] == []
    assert [r["code"] for r in catalog_store.search_recommendations(db, "media workers")] == ["T-01"]
    assert [r["code"] for r in catalog_store.search_recommendations(db, "Repair journalists")] == []


def test_a_retired_code_that_comes_back_is_listed_again(workspace):
    db = workspace.db
    catalog_store.load_catalog(db, catalog())
    data = copy.deepcopy(BASE)
    del data["recommendations"][2]
    data["version"] = "1.1"
    assert catalog_store.load_catalog(db, parse_catalog(data, "v1.1")).retired == 1
    result = catalog_store.load_catalog(db, catalog("1.2"))
    assert (result.status, result.retired) == ("updated", 0)
    assert list(listed(db)) == ["T-01", "T-02", "T-03"]
    assert [r["code"] for r in catalog_store.search_recommendations(db, "roads")] == ["T-03"]


def test_older_version_is_refused_and_changes_nothing(workspace):
    db = workspace.db
    catalog_store.load_catalog(db, catalog("2.0"))
    make_feedback(workspace, "T-02", "Too few teachers.")
    tables = ("catalogs", "catalog_headings", "recommendations", "feedback")
    before = {t: db.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall() for t in tables}
    data = copy.deepcopy(BASE)
    data["version"] = "1.9"
    data["recommendations"][0]["text"] = "Old text."
    with pytest.raises(InputError) as error:
        catalog_store.load_catalog(db, parse_catalog(data, "old.json"))
    message = str(error.value)
    assert "tst-upr3" in message and "1.9" in message and "2.0" in message and "older" in message
    assert {t: db.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall() for t in tables} == before


@pytest.mark.parametrize("older, newer", [
    ("1.9", "1.10"), ("1.2", "1.10"), ("1.0", "1.1"), ("1.0", "2.0"), ("2019.2", "2020.1"), ("1.9.9", "1.10"),
    ("1", "2"), ("9", "10"),
])
def test_version_comparison_is_numeric(older, newer):
    assert version_key(newer) > version_key(older)
    assert version_key(older) < version_key(newer)
    assert version_key(newer) == version_key(newer)


def test_version_110_is_newer_than_19_when_loading(workspace):
    db = workspace.db
    assert catalog_store.load_catalog(db, catalog("1.9")).status == "loaded"
    result = catalog_store.load_catalog(db, catalog("1.10"))
    assert (result.status, result.previous_version) == ("updated", "1.9")
    with pytest.raises(InputError):
        catalog_store.load_catalog(db, catalog("1.9"))
    assert db.execute("SELECT version FROM catalogs WHERE catalog_id = 'tst-upr3'").fetchone()[0] == "1.10"


def test_two_catalogs_live_side_by_side(workspace):
    db = workspace.db
    catalog_store.load_catalog(db, catalog())
    other = copy.deepcopy(BASE)
    other["catalog_id"] = "other"
    catalog_store.load_catalog(db, parse_catalog(other, "other.json"))
    assert len(catalog_store.list_recommendations(db)) == 47 + 3 + 3
    catalog_store.load_catalog(db, catalog("1.1", recommendations=BASE["recommendations"][:1]))
    assert list(listed(db, "other")) == ["T-01", "T-02", "T-03"], "retiring is per catalog"
    assert list(listed(db)) == ["T-01"]
    assert len(listed(db, ANNEX_ID)) == 47


# -- parse errors --------------------------------------------------------------------------

def _set(path, value):
    def change(data):
        target = data
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value
    return change


def _delete(path):
    def change(data):
        target = data
        for step in path[:-1]:
            target = target[step]
        del target[path[-1]]
    return change


@pytest.mark.parametrize("change, fragments", [
    (lambda d: None, None),  # the base is valid
    (_set(["format"], "upr-katalog"), ["'format' must be 'upr-catalog'"]),
    (_set(["format_version"], 2), ["format_version 2 is not supported"]),
    (_delete(["catalog_id"]), ["'catalog_id' is missing"]),
    (_set(["catalog_id"], "has spaces"), ["'catalog_id'", "has spaces"]),
    (_set(["version"], "v 1"), ["'version'", "v 1"]),
    (_set(["version"], 1.0), ["'version' must be text"]),
    (_set(["cycle"], "three"), ["'cycle' must be a whole number"]),
    (_set(["headings"], []), ["'headings' must be a non-empty list"]),
    (_set(["headings", 1], "civil-press"), ["heading 2", "must be an object"]),
    (_delete(["headings", 1, "title"]), ["heading 2", "'title' is missing"]),
    (_set(["headings", 2, "key"], "civil"), ["heading 3", "'civil' is used twice"]),
    (_set(["headings", 1, "parent"], "social"), ["heading 2", "parent 'social'"]),
    (_set(["recommendations"], {}), ["'recommendations' must be a non-empty list"]),
    (_set(["recommendations", 1], ["T-02"]), ["recommendation 2", "must be an object"]),
    (_delete(["recommendations", 2, "code"]), ["recommendation 3", "'code' is missing"]),
    (_set(["recommendations", 2, "code"], "T-01"), ["recommendation 3 (T-01)", "used twice"]),
    (_set(["recommendations", 1, "heading"], "nowhere"), ["recommendation 2 (T-02)", "'nowhere'"]),
    (_delete(["recommendations", 0, "text"]), ["recommendation 1 (T-01)", "'text' is missing"]),
    (_set(["recommendations", 0, "text"], 42), ["recommendation 1 (T-01)", "'text' must be text"]),
    (_set(["recommendations", 0, "text"], "x" * 40_000), ["recommendation 1 (T-01)", "longer than"]),
    (_set(["recommendations", 2, "sdgs"], [0]), ["recommendation 3 (T-03)", "'sdgs'"]),
    (_set(["recommendations", 2, "sdgs"], [18]), ["recommendation 3 (T-03)", "'sdgs'"]),
    (_set(["recommendations", 2, "sdgs"], "16"), ["recommendation 3 (T-03)", "'sdgs'"]),
    (_set(["recommendations", 2, "groups"], "civil_society"), ["recommendation 3 (T-03)", "'groups'"]),
    (_set(["recommendations", 1, "text"], "   "), ["recommendation 2 (T-02)", "'text' is missing"]),
    (_set(["recommendations", 1, "text"], "\x00\x01"), ["recommendation 2 (T-02)", "'text' is missing"]),
    (_set(["headings", 0, "title"], " \n "), ["heading 1", "'title' is missing"]),
    (_set(["recommendations", 1, "sdgs"], [True]), ["recommendation 2 (T-02)", "'sdgs'"]),
])
def test_parse_errors_name_the_file_and_the_entry(change, fragments):
    data = copy.deepcopy(BASE)
    change(data)
    if fragments is None:
        assert parse_catalog(data, "annex-v2.json").catalog_id == "tst-upr3"
        return
    with pytest.raises(InputError) as error:
        parse_catalog(data, "annex-v2.json")
    message = str(error.value)
    assert message.startswith("annex-v2.json: "), message
    assert "\n" not in message
    for fragment in fragments:
        assert fragment in message, (fragment, message)


def test_parse_rejects_something_that_is_not_an_object():
    with pytest.raises(InputError, match=r"^list\.json: a catalog file holds one JSON object$"):
        parse_catalog([BASE], "list.json")


def test_read_catalog_file_errors_name_the_path(tmp_path):
    with pytest.raises(InputError, match="no such file") as error:
        read_catalog_file(tmp_path / "missing.json")
    assert str(tmp_path / "missing.json") in str(error.value)
    latin = tmp_path / "latin1.json"
    latin.write_bytes('{"title": "Café"}'.encode("latin-1"))
    with pytest.raises(InputError, match="not UTF-8"):
        read_catalog_file(latin)
    broken = tmp_path / "broken.json"
    broken.write_text('{\n "format": "upr-catalog"\n "version": "1"\n}', encoding="utf-8")
    with pytest.raises(InputError, match=r"line 3, column 2"):
        read_catalog_file(broken)
    with pytest.raises(InputError, match="cannot be read"):
        read_catalog_file(tmp_path)
    good = tmp_path / "good.json"
    good.write_text(json.dumps(BASE, ensure_ascii=False), encoding="utf-8")
    assert read_catalog_file(good).recommendations[1].text_km == "សាងសង់សាលារៀន។"


# -- the bundled annex and the Workspace ----------------------------------------------------

def _annex_data():
    return json.loads((paths.catalogs_dir() / "khm-upr3-2019.json").read_text(encoding="utf-8"))


def test_workspace_loads_the_bundled_annex_once(data_dir):
    with Workspace() as ws:
        assert [r.status for r in ws.catalog_results] == ["loaded"]
        assert len(catalog_store.list_recommendations(ws.db, ANNEX_ID)) == 47
    with Workspace() as ws:
        assert [r.status for r in ws.catalog_results] == ["unchanged"]


def test_workspace_reopen_keeps_a_newer_catalog_from_central_staff(data_dir):
    data = _annex_data()
    bundled_version = data["version"]
    data["version"] = "1.1" if version_key("1.1") > version_key(bundled_version) else bundled_version + ".1"
    data["recommendations"][0]["text"] = "Updated by central staff."
    data["recommendations"] = data["recommendations"][:-1]  # KH3-47 dropped in the newer version
    with Workspace() as ws:
        fb = make_feedback(ws, "KH3-47", "Statelessness is a real problem here.", catalog_id=ANNEX_ID)
        result = catalog_store.load_catalog(ws.db, parse_catalog(data, "central.json"))
        assert (result.status, result.retired) == ("updated", 1)
    with Workspace() as ws:
        assert ws.catalog_results == [], "the older bundled annex is skipped, not reloaded"
        version = ws.db.execute("SELECT version FROM catalogs WHERE catalog_id = ?", [ANNEX_ID]).fetchone()[0]
        assert version == data["version"]
        rows = listed(ws.db, ANNEX_ID)
        assert len(rows) == 46 and "KH3-47" not in rows
        assert rows["KH3-01"]["text"] == "Updated by central staff."
        assert ws.records.get(FEEDBACK, fb["uuid"])["content_hash"] == fb["content_hash"]


def test_workspace_updates_to_a_newer_bundled_annex(data_dir, tmp_path, monkeypatch):
    with Workspace() as ws:
        fb = make_feedback(ws, "KH3-02", "Migrant workers need protection.", catalog_id=ANNEX_ID)
    resources = tmp_path / "resources"
    shutil.copytree(paths.resources_dir() / "reference", resources / "reference")
    (resources / "catalogs").mkdir(parents=True)
    data = _annex_data()
    data["version"] = "1.1"
    data["recommendations"][1]["text"] = "Ratifying the Migrant Workers Convention (revised)."
    (resources / "catalogs" / "khm-upr3-2019.json").write_text(json.dumps(data, ensure_ascii=False),
                                                               encoding="utf-8")
    monkeypatch.setenv(paths.RESOURCES_ENV, str(resources))
    with Workspace() as ws:
        assert [(r.status, r.version) for r in ws.catalog_results] == [("updated", "1.1")]
        assert listed(ws.db, ANNEX_ID)["KH3-02"]["text"].endswith("(revised).")
        assert ws.records.get(FEEDBACK, fb["uuid"]) == fb
