"""Merging a filled capture template: a consultation of its own with its details, only the
feedback rows someone filled in and the notes; everything checked before anything is
written; the same filling twice (renamed, re-saved by LibreOffice) changes nothing; the
command line's JSON and exit codes."""

import datetime as dt
import json
import re
import shutil

import openpyxl
import pytest

from consultation_app.cli.main import EXIT_FAILED, EXIT_OK, main
from consultation_app.domain.records import CONSULTATION, FEEDBACK, NOTE, content_hash
from consultation_app.exchange.merge import merge_paths
from consultation_app.exchange.template import write_template
from consultation_app.storage import catalog_store, merge_store, stats
from tests.office import libreoffice_resave

CATALOG = "khm-upr3-ohchr-2019"
KHMER_COMMENT = "សហគមន៍ត្រូវការសាលារៀននៅជិតភូមិ ហើយគ្រូត្រូវនិយាយភាសាប៊ុនង"
KHMER_QUOTE = "យើងចង់ឱ្យកូនរបស់យើងរៀនជាភាសាខ្មែរ និងភាសាកំណើត។"
DETAILS = {
    "title": "Ou Chum commune meeting",
    "stakeholder_group": "indigenous_communities",
    "stakeholder_group_detail": "Kreung and Tampuan villages",
    "province": "ratanakiri",
    "district": "Ou Chum",
    "venue": "Commune hall",
    "date": dt.date(2025, 3, 14),
    "facilitator": "Facilitator A",
    "languages": "km, bunong",
    "participants_women": 12,
    "participants_men": 9,
    "participants_other": 1,
    "participants_youth": 4,
    "participants_indigenous": 15,
    "consent_policy": "group_only",
    "summary": "ការពិគ្រោះយោបល់អំពីការអប់រំ និងសុខភាព។",
}
FEEDBACK_FILLED = {
    "KH3-05": {"priority": "high", "comment": KHMER_COMMENT, "quote": KHMER_QUOTE,
               "quote_translation": "We want our children to learn in Khmer and in our own language."},
    "KH3-20": {"implementation_assessment": "not_implemented", "comment": "No legal aid reaches the villages.",
               "responsible_institutions": "Ministry of Justice"},
    "KH3-47": {"priority": "low"},
}
NOTE_FILLED = {"theme": "C-health", "title": "Health centre too far", "text": "មណ្ឌលសុខភាពនៅឆ្ងាយពីភូមិ ២០ គីឡូម៉ែត្រ។"}


# -- helpers -------------------------------------------------------------------------

@pytest.fixture
def blank(workspace, tmp_path):
    path = tmp_path / "blank template.xlsx"
    result = write_template(path, workspace.reference, catalog_store.list_recommendations(workspace.db))
    assert result.recommendations == 47
    return path


def keys_of(ws):
    return {cell.value: cell.column for cell in ws[2] if cell.value}


def letter(path, sheet, key):
    return openpyxl.utils.get_column_letter(keys_of(openpyxl.load_workbook(path)[sheet])[key])


def code_row(ws, code):
    keys = keys_of(ws)
    return next(row for row in range(3, ws.max_row + 1)
                if ws.cell(row, keys["recommendation_code"]).value == code)


def fill(blank, out, details=DETAILS, feedback=FEEDBACK_FILLED, notes=(NOTE_FILLED,), extra_rows=()):
    """Fill a copy of the blank template as a person would in Excel: by the key row."""
    workbook = openpyxl.load_workbook(blank)
    ws = workbook["details"]
    keys = keys_of(ws)
    for key, value in details.items():
        ws.cell(3, keys[key], value)
    ws = workbook["feedback"]
    keys = keys_of(ws)
    for code, values in feedback.items():
        row = code_row(ws, code)
        for key, value in values.items():
            ws.cell(row, keys[key], value)
    for offset, values in enumerate(extra_rows):  # typed below the pre-filled rows
        for key, value in values.items():
            ws.cell(50 + offset, keys[key], value)
    ws = workbook["notes"]
    keys = keys_of(ws)
    for offset, values in enumerate(notes):
        for key, value in values.items():
            ws.cell(3 + offset, keys[key], value)
    workbook.save(out)
    return out


def merge(workspace, *paths):
    return merge_paths(workspace.database_path, list(paths), workspace.reference)


def state(workspace):
    """What a merge may change: the records, the merge accounts and the merge log's statuses."""
    db = workspace.db
    return (stats.record_counts(db), db.execute("SELECT count(*) FROM merged_exports").fetchone()[0],
            db.execute("SELECT count(*) FROM record_revisions").fetchone()[0],
            [entry["status"] for entry in merge_store.merge_log(db)])


def records(workspace, kind):
    return workspace.records.query(kind)


def template_id(path):
    ws = openpyxl.load_workbook(path)["manifest"]
    return next(row[1].value for row in ws.iter_rows() if row[0].value == "template_id")


# -- merging -------------------------------------------------------------------------

def test_a_filled_template_merges_as_a_consultation_of_its_own(workspace, blank, tmp_path):
    filled = fill(blank, tmp_path / "capture-ratanakiri-2025-03-14.xlsx",
                  feedback={**FEEDBACK_FILLED, "KH3-30": {"comment": "   "}})  # spaces only: not filled
    (result,) = merge(workspace, filled)
    assert result.status == "merged", result.message
    assert result.counts == {"new": 5, "updated": 0, "stale": 0, "unchanged": 0, "conflicts": 0}
    assert result.message == "5 new, 0 updated, 0 unchanged, 0 stale"
    assert result.warnings == ["filled capture template: recorded as a consultation of its own",
                               "capture template: not signed by a device"]
    device_id = f"template:{template_id(blank)}"
    assert result.device_id == device_id
    key = result.export_id.removeprefix("template:")
    assert re.fullmatch(r"[0-9a-f]{64}", key)

    (consultation,) = records(workspace, CONSULTATION)
    expected = {**{k: v for k, v in DETAILS.items() if k not in ("date", "languages")},
                "start_date": "2025-03-14", "end_date": None, "languages": ("km", "bunong"),
                "participants_disabilities": 0, "commune": "", "catalog_id": CATALOG, "status": "final",
                "device_id": device_id, "revision": 1, "deleted": False}
    assert {k: consultation[k] for k in expected} == expected
    assert consultation["created_at"] == consultation["updated_at"]

    feedback = records(workspace, FEEDBACK)
    assert sorted(row["recommendation_code"] for row in feedback) == ["KH3-05", "KH3-20", "KH3-47"]
    for row in feedback:
        filled_in = FEEDBACK_FILLED[row["recommendation_code"]]
        for name in ("priority", "implementation_assessment"):
            assert row[name] == filled_in.get(name)
        for name in ("comment", "quote", "quote_translation", "suggested_actions", "responsible_institutions"):
            assert row[name] == filled_in.get(name, "")
        assert (row["consultation_uuid"], row["catalog_id"], row["device_id"], row["revision"]) == \
            (consultation["uuid"], CATALOG, device_id, 1)
        assert (row["attribution"], row["sensitive"], row["deleted"]) == ("anonymous", False, False)
    by_code = {row["recommendation_code"]: row for row in feedback}
    assert by_code["KH3-05"]["comment"] == KHMER_COMMENT and by_code["KH3-05"]["quote"] == KHMER_QUOTE

    (note,) = records(workspace, NOTE)
    assert {k: note[k] for k in NOTE_FILLED} == NOTE_FILLED
    assert note["consultation_uuid"] == consultation["uuid"]

    # Stored exactly as the field app stores a record: its hash recomputes from its values.
    for kind, rows in ((CONSULTATION, [consultation]), (FEEDBACK, feedback), (NOTE, [note])):
        for row in rows:
            assert row["content_hash"] == content_hash(kind, row, False)
    held = merge_store.merged_export(workspace.db, result.export_id)
    assert (held["kind"], held["device_id"], held["export_seq"], held["content_sha256"], held["file_name"]) == \
        ("template", device_id, None, key, filled.name)
    assert workspace.db.execute("SELECT device_name FROM devices WHERE device_id = ?",
                                [device_id]).fetchone() == ("capture template",)
    (entry,) = merge_store.merge_log(workspace.db)
    assert (entry["status"], entry["export_id"], entry["device_id"]) == ("merged", result.export_id, device_id)


def test_an_empty_title_is_made_from_the_details(workspace, blank, tmp_path):
    filled = fill(blank, tmp_path / "filled.xlsx", details={**DETAILS, "title": None})
    assert merge(workspace, filled)[0].status == "merged"
    (consultation,) = records(workspace, CONSULTATION)
    assert consultation["title"] == "Capture template: Indigenous peoples' communities, Ratanakiri, 2025-03-14"


def test_the_same_filling_twice_under_any_name_changes_nothing(workspace, blank, tmp_path):
    filled = fill(blank, tmp_path / "filled.xlsx")
    assert merge(workspace, filled)[0].status == "merged"
    before = state(workspace)
    renamed = tmp_path / "copy from the USB stick.xlsx"
    shutil.copyfile(filled, renamed)
    again, copy = merge(workspace, filled, renamed)
    for result in (again, copy):
        assert result.status == "already_merged", result.message
        assert result.message.startswith("already merged on ") and result.message.endswith("(as filled.xlsx)")
        assert result.counts == {"new": 0, "updated": 0, "stale": 0, "unchanged": 0, "conflicts": 0}
    counts, exports, revisions, statuses = state(workspace)
    assert (counts, exports, revisions) == before[:3]
    assert statuses == before[3] + ["already_merged", "already_merged"]


def test_two_fillings_of_one_blank_template_are_two_consultations(workspace, blank, tmp_path):
    first = fill(blank, tmp_path / "first.xlsx")
    second = fill(blank, tmp_path / "second.xlsx",
                  feedback={**FEEDBACK_FILLED, "KH3-47": {"priority": "medium"}})
    one, two = merge(workspace, first, second)
    assert (one.status, two.status) == ("merged", "merged")
    assert one.device_id == two.device_id and one.export_id != two.export_id
    assert any("another filling of this template was merged" in warning and "first.xlsx" in warning
               for warning in two.warnings), two.warnings
    assert len(records(workspace, CONSULTATION)) == 2
    assert len(records(workspace, FEEDBACK)) == 6
    assert len({row["uuid"] for row in records(workspace, FEEDBACK)}) == 6


def test_the_same_filling_re_saved_by_libreoffice_is_already_merged(workspace, blank, tmp_path):
    filled = fill(blank, tmp_path / "filled.xlsx")
    assert merge(workspace, filled)[0].status == "merged"
    before = state(workspace)
    resaved = libreoffice_resave(filled, tmp_path / "resaved", tmp_path / "lo-profile")
    (result,) = merge(workspace, resaved)
    assert result.status == "already_merged", result.message
    assert state(workspace)[:3] == before[:3]


def test_words_written_on_paper_are_taken_for_their_keys(workspace, blank, tmp_path):
    details = {**DETAILS, "stakeholder_group": "សហគមន៍ជនជាតិដើមភាគតិច", "province": "Ratanakiri",
               "languages": "Khmer, Bunong", "consent_policy": "Attribution to groups only"}
    filled = fill(blank, tmp_path / "typed from paper.xlsx", details=details,
                  feedback={"KH3-05": {"priority": "ខ្ពស់"},
                            "KH3-20": {"implementation_assessment": "Not implemented"}},
                  notes=({**NOTE_FILLED, "theme": "Right to health"},))
    (result,) = merge(workspace, filled)
    assert result.status == "merged", result.message
    (consultation,) = records(workspace, CONSULTATION)
    assert (consultation["stakeholder_group"], consultation["province"], consultation["languages"],
            consultation["consent_policy"]) == ("indigenous_communities", "ratanakiri", ("km", "bunong"),
                                                "group_only")
    assert {row["recommendation_code"]: (row["priority"], row["implementation_assessment"])
            for row in records(workspace, FEEDBACK)} == {"KH3-05": ("high", None), "KH3-20": (None, "not_implemented")}
    assert records(workspace, NOTE)[0]["theme"] == "C-health"


def test_an_unknown_code_typed_into_a_new_row_is_kept_with_a_warning(workspace, blank, tmp_path):
    filled = fill(blank, tmp_path / "filled.xlsx", extra_rows=[
        {"recommendation_code": "KH3-99", "comment": "A recommendation from the next cycle", "priority": "high"}])
    (result,) = merge(workspace, filled)
    assert result.status == "merged", result.message
    assert result.counts["new"] == 6
    assert any("KH3-99 (row 50)" in warning and "lacks" in warning for warning in result.warnings), result.warnings
    (typed,) = [row for row in records(workspace, FEEDBACK) if row["recommendation_code"] == "KH3-99"]
    assert (typed["comment"], typed["priority"], typed["catalog_id"]) == \
        ("A recommendation from the next cycle", "high", CATALOG)


def test_feedback_alone_is_enough(workspace, blank, tmp_path):
    filled = fill(blank, tmp_path / "filled.xlsx", details={}, notes=())
    (result,) = merge(workspace, filled)
    assert result.status == "merged", result.message
    assert any("does not give the stakeholder group, province, date, participant counts" in warning
               for warning in result.warnings), result.warnings
    (consultation,) = records(workspace, CONSULTATION)
    assert consultation["title"] == f"Capture template: template {template_id(blank)[:8]}"


# -- rejected, nothing written -------------------------------------------------------

def assert_rejected(workspace, path, *patterns):
    before = state(workspace)
    (result,) = merge(workspace, path)
    assert result.status == "rejected", result.message
    for pattern in patterns:
        assert re.search(pattern, result.message), (pattern, result.message)
    counts, exports, revisions, statuses = state(workspace)
    assert (counts, exports, revisions) == before[:3]
    assert statuses == before[3] + ["rejected"]
    assert merge_store.merge_log(workspace.db)[-1]["message"] == result.message
    return result


@pytest.mark.parametrize("sheet, key, value", [
    ("details", "stakeholder_group", "farmers"),
    ("details", "province", "Atlantis"),
    ("details", "consent_policy", "anything goes"),
    ("details", "languages", "km, klingon"),
    ("feedback", "priority", "urgent"),
    ("feedback", "implementation_assessment", "done"),
    ("notes", "theme", "weather"),
])
def test_an_unknown_drop_down_value_is_rejected(workspace, blank, tmp_path, sheet, key, value):
    if sheet == "details":
        filled = fill(blank, tmp_path / "filled.xlsx", details={**DETAILS, key: value})
        row = 3
    elif sheet == "feedback":
        filled = fill(blank, tmp_path / "filled.xlsx",
                      feedback={**FEEDBACK_FILLED, "KH3-12": {key: value, "comment": "x"}})
        row = code_row(openpyxl.load_workbook(filled)["feedback"], "KH3-12")
    else:
        filled = fill(blank, tmp_path / "filled.xlsx", notes=(NOTE_FILLED, {**NOTE_FILLED, key: value}))
        row = 4
    result = assert_rejected(workspace, filled, "not allowed" if key == "languages" else "not an allowed value")
    column = letter(blank, sheet, key)
    assert result.message.startswith(f"filled.xlsx, sheet '{sheet}', row {row}, column {column} ({key}): "
                                      f"'{'klingon' if key == 'languages' else value}'")
    assert "(see the 'lists' sheet)" in result.message and "more)" not in result.message
    assert records(workspace, CONSULTATION) == []


def test_every_problem_is_counted_in_the_message(workspace, blank, tmp_path):
    filled = fill(blank, tmp_path / "filled.xlsx", details={**DETAILS, "province": "Atlantis"},
                  feedback={"KH3-01": {"priority": "urgent"}, "KH3-02": {"implementation_assessment": "done"}},
                  notes=({**NOTE_FILLED, "theme": "weather"},))
    result = assert_rejected(workspace, filled, r"^filled\.xlsx, sheet 'details', row 3, column D \(province\): "
                                                r"'Atlantis' is not an allowed value .* \(and 3 more\)$")
    assert result.export_id is None


def test_subsets_larger_than_the_total_are_rejected(workspace, blank, tmp_path):
    details = {**DETAILS, "participants_women": 2, "participants_men": 2, "participants_other": 1,
               "participants_youth": 6}
    filled = fill(blank, tmp_path / "filled.xlsx", details=details)
    column = letter(blank, "details", "participants_youth")
    assert_rejected(workspace, filled, rf"sheet 'details', row 3, column {column} \(participants_youth\): "
                                       r"6 is more than the 5 participants \(women \+ men \+ other\)")


@pytest.mark.parametrize("value, expected", [("14/03/2025", "'14/03/2025'"), ("next Tuesday", "'next Tuesday'")])
def test_a_date_that_is_not_a_date_is_rejected(workspace, blank, tmp_path, value, expected):
    filled = fill(blank, tmp_path / "filled.xlsx", details={**DETAILS, "date": value})
    column = letter(blank, "details", "date")
    assert_rejected(workspace, filled, rf"sheet 'details', row 3, column {column} \(date\): "
                                       rf"expected a date \(YYYY-MM-DD\), found {re.escape(expected)}")


def test_a_negative_count_is_rejected(workspace, blank, tmp_path):
    filled = fill(blank, tmp_path / "filled.xlsx", details={**DETAILS, "participants_men": -3})
    assert_rejected(workspace, filled, r"column \w+ \(participants_men\): expected a whole number of 0 or more")


def test_an_empty_template_is_rejected(workspace, blank, tmp_path):
    assert_rejected(workspace, blank, r"^blank template\.xlsx: nothing filled in")
    only_notes = fill(blank, tmp_path / "notes only.xlsx", details={}, feedback={})
    assert_rejected(workspace, only_notes, "nothing filled in")


# -- the command line ----------------------------------------------------------------

def test_the_command_line(capsys, workspace, data_dir, blank, tmp_path):
    def run(path):
        code = main(["--data-dir", str(data_dir), "merge", str(path), "--json"])
        out, err = capsys.readouterr()
        assert err == ""
        (entry,) = json.loads(out)["files"]
        return code, entry

    filled = fill(blank, tmp_path / "filled.xlsx")
    code, entry = run(filled)
    assert (code, entry["status"], entry["counts"]["new"]) == (EXIT_OK, "merged", 5)
    assert entry["export_id"].startswith("template:") and entry["device_id"].startswith("template:")
    assert entry["warnings"] == ["filled capture template: recorded as a consultation of its own",
                                 "capture template: not signed by a device"]
    code, entry = run(filled)
    assert (code, entry["status"]) == (EXIT_OK, "already_merged")

    bad = fill(blank, tmp_path / "bad.xlsx", feedback={"KH3-01": {"priority": "urgent"}})
    code, entry = run(bad)
    assert (code, entry["status"]) == (EXIT_FAILED, "rejected")
    assert "sheet 'feedback', row 3, column E (priority): 'urgent' is not an allowed value" in entry["message"]
    assert stats.record_counts(workspace.db)["consultations"] == 1
