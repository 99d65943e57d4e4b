"""The central office's master workbook: figures per recommendation against hand-counted ones,
provenance of every record, the devices and files sheets, the layout, and an atomic write."""

import os

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from consultation_app.domain.records import CONSULTATION, FEEDBACK, NOTE
from consultation_app.errors import AppError
from consultation_app.exchange.export import export_package
from consultation_app.exchange.master_export import write_master_export
from consultation_app.exchange.merge import merge_paths
from consultation_app.services.workspace import Workspace
from consultation_app.storage import catalog_store, merge_store, report_queries, settings_store

CATALOG = "khm-upr3-ohchr-2019"


# -- fixture: two laptops, a few consultations with known groups, provinces and priorities ----------
def laptop(path, name):
    ws = Workspace(path)
    settings_store.put(ws.db, settings_store.DEVICE_NAME, name)
    return ws


def consultation(ws, group, province, title):
    return ws.records.create(CONSULTATION, {"title": title, "catalog_id": CATALOG, "stakeholder_group": group,
                                            "province": province, "start_date": "2024-03-05",
                                            "participants_women": 4, "participants_men": 3})["uuid"]


def feedback(ws, consultation_uuid, code, priority=None, assessment=None, **values):
    return ws.records.create(FEEDBACK, {"consultation_uuid": consultation_uuid, "catalog_id": CATALOG,
                                        "recommendation_code": code, "priority": priority,
                                        "implementation_assessment": assessment, **values})["uuid"]


def export(ws, out, **options):
    return export_package(ws.database_path, out, ws.reference, **options)


@pytest.fixture
def central(data_dir, tmp_path):
    """Laptop A: two consultations, one export with sensitive content, then an edit and a
    second export (since the last). Laptop B: one consultation; exports 1 and 3 reach the
    central office, export 2 does not. Everything merged; export 1 of B given twice."""
    files = tmp_path / "usb"
    files.mkdir()
    a = laptop(tmp_path / "a.sqlite3", "laptop-a")
    c1 = consultation(a, "civil_society", "kep", "Kep civil society")
    c2 = consultation(a, "indigenous_communities", "mondulkiri", "Mondulkiri communities")
    f1 = feedback(a, c1, "KH3-01", "high", "not_implemented")
    feedback(a, c1, "KH3-01", "medium", "partially_implemented")
    feedback(a, c1, "KH3-02", "high", "unknown")
    feedback(a, c2, "KH3-01", "low", "worsened")
    n1 = a.records.create(NOTE, {"consultation_uuid": c2, "title": "Land", "text": "Said in confidence",
                                 "sensitive": True})["uuid"]
    a_first = export(a, files / "a1.xlsx", include_sensitive=True)
    a.records.update(FEEDBACK, f1, {"comment": "Clarified after the meeting"})
    a_second = export(a, files / "a2.xlsx", since_last=True)

    b = laptop(tmp_path / "b.sqlite3", "laptop-b")
    c3 = consultation(b, "civil_society", "ratanakiri", "Ratanakiri civil society")
    feedback(b, c3, "KH3-02", "high", "not_implemented")
    feedback(b, c3, "KH3-01")  # no priority, no assessment: "not recorded"
    secret = feedback(b, c3, "KH3-03", "high", sensitive=True)
    gone = feedback(b, c3, "KH3-03", "low", "worsened")
    b.records.delete(FEEDBACK, gone)  # a tombstone: merged, never counted
    b_first = export(b, files / "b1.xlsx", include_sensitive=True)
    feedback(b, c3, "KH3-04", "low")
    export(b, tmp_path / "b2-lost.xlsx", since_last=True)  # never reaches the central office
    b.records.update(CONSULTATION, c3, {"title": "Ratanakiri civil society forum"})
    b_third = export(b, files / "b3.xlsx", since_last=True)
    (files / "b1-copy.xlsx").write_bytes((files / "b1.xlsx").read_bytes())

    centre = Workspace(tmp_path / "central.sqlite3")
    results = merge_paths(centre.database_path, [files / "a1.xlsx", files / "a2.xlsx", files / "b1.xlsx",
                                                 files / "b1-copy.xlsx", files / "b3.xlsx"], centre.reference)
    assert [r.status for r in results] == ["merged", "merged", "merged", "already_merged", "merged"]
    ids = {"a": a.device_id, "b": b.device_id, "a_first": a_first.export_id, "a_second": a_second.export_id,
           "b_first": b_first.export_id, "b_third": b_third.export_id, "c1": c1, "c2": c2, "c3": c3, "f1": f1,
           "n1": n1, "secret": secret}
    a.close()
    b.close()
    yield centre, ids, tmp_path
    centre.close()


def read_sheet(path, name, header_row=1):
    """Rows of a sheet as dicts keyed by its machine-key row (0-based index ``header_row``)."""
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(name).to_python(skip_empty_area=False)
    keys = rows[header_row]
    return [dict(zip(keys, row)) for row in rows[header_row + 1:] if any(cell not in ("", None) for cell in row)]


@pytest.fixture
def master(central):
    centre, ids, tmp_path = central
    out = tmp_path / "master.xlsx"
    result = write_master_export(centre.database_path, out, centre.reference)
    return result, out, centre, ids


# -- figures ------------------------------------------------------------------------------------------
EXPECTED = {  # counted by hand from the fixture
    "KH3-01": {"consultations": 3, "feedback": 4,
               "group_civil_society": 2, "group_indigenous_communities": 1, "group_provincial_authorities": 0,
               "province_kep": 1, "province_mondulkiri": 1, "province_ratanakiri": 1, "province_kandal": 0,
               "priority_high": 1, "priority_medium": 1, "priority_low": 1, "priority_not_stated": 0,
               "priority_not_recorded": 1,
               "assessment_not_implemented": 1, "assessment_partially_implemented": 1, "assessment_worsened": 1,
               "assessment_unknown": 0, "assessment_not_recorded": 1},
    "KH3-02": {"consultations": 2, "feedback": 2, "group_civil_society": 2, "group_indigenous_communities": 0,
               "province_kep": 1, "province_ratanakiri": 1, "province_mondulkiri": 0,
               "priority_high": 2, "priority_not_recorded": 0,
               "assessment_unknown": 1, "assessment_not_implemented": 1},
    "KH3-03": {"consultations": 1, "feedback": 1, "group_civil_society": 1, "province_ratanakiri": 1,
               "priority_high": 1, "priority_low": 0, "assessment_worsened": 0, "assessment_not_recorded": 1},
}


def test_overview_figures_match_hand_counts(master):
    result, out, centre, _ = master
    rows = read_sheet(out, "overview", header_row=2)
    by_code = {row["code"]: row for row in rows}
    for code, expected in EXPECTED.items():
        found = {key: int(by_code[code][key]) for key in expected}
        assert found == expected, code
    # Every other recommendation: discussed by nobody, every count zero.
    for code, row in by_code.items():
        if code not in EXPECTED:
            assert all(value == 0 for key, value in row.items() if isinstance(value, float)), code
    # Nobody lacks a group or province: those columns are not there; a priority is missing once.
    assert "group_not_recorded" not in rows[0] and "province_not_recorded" not in rows[0]
    assert sum(row["feedback"] for row in rows) == 7 == result.totals["feedback"]
    assert result.counts["overview"] == len(rows) == 47


def test_overview_follows_the_annex_and_names_part_and_theme(master):
    _, out, centre, _ = master
    rows = read_sheet(out, "overview", header_row=2)
    annex = catalog_store.list_recommendations(centre.db)
    assert [row["code"] for row in rows] == [rec["code"] for rec in annex]
    assert [(row["part"], row["theme"], row["text"]) for row in rows] == [
        (rec["part"], rec["theme"], rec["text"]) for rec in annex]


def test_figures_query_counts_in_sql_what_the_sheet_shows(central):
    centre, _, _ = central
    figures = {row["code"]: row for row in report_queries.recommendation_figures(centre.db)}
    kh301 = figures["KH3-01"]
    assert kh301["stakeholder_group"] == {"civil_society": 2, "indigenous_communities": 1}
    assert kh301["priority"] == {"high": 1, "medium": 1, "low": 1, report_queries.NOT_RECORDED: 1}


def test_feedback_on_a_code_the_catalog_lacks_gets_its_own_row(central, tmp_path):
    centre, ids, _ = central
    centre.db.execute("UPDATE feedback SET recommendation_code = 'KH3-99' WHERE uuid = ?", [ids["secret"]])
    out = tmp_path / "unknown.xlsx"
    write_master_export(centre.database_path, out, centre.reference)
    rows = read_sheet(out, "overview", header_row=2)
    assert rows[-1]["code"] == "KH3-99" and rows[-1]["feedback"] == 1
    assert "not in the loaded catalog" in rows[-1]["part"]
    assert sum(row["feedback"] for row in rows) == 7


# -- records and provenance ------------------------------------------------------------------------
def test_every_live_record_with_its_provenance(master):
    result, out, centre, ids = master
    merged_at = dict(centre.db.execute("SELECT export_id, merged_at FROM merged_exports").fetchall())
    consultations = read_sheet(out, "consultations")
    fb = read_sheet(out, "feedback")
    notes = read_sheet(out, "notes")
    assert len(consultations) == 3 and len(fb) == 7 and len(notes) == 1  # the tombstone is not there
    assert result.counts == {"overview": 47, "consultations": 3, "feedback": 7, "notes": 1, "devices": 2,
                             "files": 5, "conflicts": 0, "implementation": 0, "institutions": 0, "attachments": 0}
    # The rule: the latest export merged from the record's device.
    latest = {ids["a"]: ids["a_second"], ids["b"]: ids["b_third"]}
    names = {ids["a"]: "laptop-a", ids["b"]: "laptop-b"}
    for row in consultations + fb + notes:
        assert row["device_name"] == names[row["device_id"]]
        assert row["export_id"] == latest[row["device_id"]]
        assert row["merged_at"] == merged_at[row["export_id"]]
    # Sensitive records present centrally are there, and marked.
    by_uuid = {row["uuid"]: row for row in fb + notes}
    assert by_uuid[ids["secret"]]["sensitive"] == "yes"
    assert by_uuid[ids["n1"]]["sensitive"] == "yes"
    assert sum(row["sensitive"] == "yes" for row in fb + notes) == 2
    # Feedback carries its consultation, and the edited revision.
    assert by_uuid[ids["f1"]]["consultation_title"] == "Kep civil society"
    assert by_uuid[ids["f1"]]["comment"] == "Clarified after the meeting"
    assert int(by_uuid[ids["f1"]]["revision"]) == 2


def test_a_revision_made_centrally_names_no_export(central, tmp_path):
    centre, ids, _ = central
    centre.records.update(NOTE, ids["n1"], {"title": "Land (checked)"})
    out = tmp_path / "edited.xlsx"
    write_master_export(centre.database_path, out, centre.reference)
    note = read_sheet(out, "notes")[0]
    assert note["title"] == "Land (checked)"
    assert note["export_id"] == "" and note["merged_at"] == ""
    assert note["device_id"] == ids["a"]  # still the laptop's record


def test_devices_and_files(master):
    _, out, centre, ids = master
    devices = {row["device_name"]: row for row in read_sheet(out, "devices")}
    assert int(devices["laptop-a"]["exports_received"]) == 2 and devices["laptop-a"]["missing_seqs"] == ""
    assert int(devices["laptop-b"]["exports_received"]) == 2
    assert int(devices["laptop-b"]["missing_count"]) == 1 and devices["laptop-b"]["missing_seqs"] == "2"
    assert int(devices["laptop-b"]["feedback"]) == 3  # live: the tombstone is not counted
    assert devices["laptop-a"]["first_seen_at"] and devices["laptop-a"]["last_seen_at"]
    files = read_sheet(out, "files")
    assert [row["file_name"] for row in files] == ["a1.xlsx", "a2.xlsx", "b1.xlsx", "b1-copy.xlsx", "b3.xlsx"]
    assert [row["status"] for row in files] == ["merged", "merged", "merged", "already_merged", "merged"]
    assert [int(row["new"]) for row in files] == [7, 0, 5, 0, 0]
    assert "already merged" in files[3]["message"]
    assert "export(s) 2 not received yet" in files[4]["warnings"]
    assert len(files) == len(merge_store.merge_log(centre.db))


def test_cover_states_the_totals_in_both_languages(master):
    result, out, _, _ = master
    rows = CalamineWorkbook.from_path(str(out)).get_sheet_by_name("cover").to_python()
    cover = {str(row[0]).split("\n")[0]: str(row[1]) for row in rows if len(row) > 1 and row[0]}
    assert cover["Files received"].startswith("5 (1 already merged, 4 merged)")
    assert cover["Devices"] == "2" and cover["Consultations"] == "3" and cover["Feedback entries"] == "7"
    assert cover["Generated at (UTC)"] == result.generated_at.replace("T", " ").rstrip("Z")
    assert "ការពិគ្រោះយោបល់" in "".join(str(row[0]) for row in rows)
    assert "confidential" in cover["Sensitive content"]


def test_layout_like_an_export(master):
    _, out, _, _ = master
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["cover", "overview", "consultations", "feedback", "notes", "devices", "files",
                               "conflicts", "implementation", "institutions", "attachments", "lists"]
    for name in ("consultations", "feedback", "notes", "devices", "files", "conflicts"):
        sheet = book[name]
        assert sheet.freeze_panes == "B3"
        assert "\n" in sheet.cell(1, 1).value  # English and Khmer labels
        (table,) = sheet.tables.values()
        assert table.ref.startswith("A2:")
    overview = book["overview"]
    assert overview.freeze_panes == "B4"
    (table,) = overview.tables.values()
    assert table.ref.startswith("A3:") and table.ref.endswith(str(3 + 47))
    assert overview.cell(4, 4).alignment.wrap_text  # the recommendation's text wraps


# -- failures ----------------------------------------------------------------------------------------
def test_a_failure_while_writing_leaves_the_previous_file_and_nothing_else(central, monkeypatch):
    centre, _, tmp_path = central
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "master.xlsx"
    out.write_bytes(b"the previous master")

    def broken(db, kind):
        yield from []
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(report_queries, "iter_live_with_provenance", broken)
    with pytest.raises(AppError, match="not enough space"):
        write_master_export(centre.database_path, out, centre.reference)
    assert out.read_bytes() == b"the previous master"
    assert os.listdir(folder) == ["master.xlsx"]


def test_refuses_a_wrong_name_or_folder(central):
    centre, _, tmp_path = central
    with pytest.raises(AppError, match=".xlsx ending"):
        write_master_export(centre.database_path, tmp_path / "master.csv", centre.reference)
    with pytest.raises(AppError, match="no such folder"):
        write_master_export(centre.database_path, tmp_path / "missing" / "master.xlsx", centre.reference)
