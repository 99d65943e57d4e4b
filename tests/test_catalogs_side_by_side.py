"""Several catalogs side by side: the default for a new consultation, templates per catalog,
and the central office merging feedback on a catalog it holds and flagging one it lacks."""

from consultation_app.domain.records import CONSULTATION, FEEDBACK
from consultation_app.exchange.export import export_package
from consultation_app.exchange.merge import merge_paths
from consultation_app.services.catalog_import import ImportOptions, apply, export_catalog, plan_import
from consultation_app.storage import catalog_store
from tests.catalog_fixtures import write_uhri_xlsx
from tests.test_cli import EXIT_FAILED, EXIT_OK, assert_one_line_error, run

ANNEX = "khm-upr3-ohchr-2019"


def import_uhri(ws, path, catalog_id="khm-upr4"):
    return apply(ws.db, plan_import(ws.db, path, ImportOptions(country="Cambodia", cycle=4, skip_bad_rows=True,
                                                               catalog_id=catalog_id)))


def test_default_catalog_is_the_newest_distributed(open_ws, tmp_path):
    office, laptop = open_ws("office"), open_ws("laptop")
    assert catalog_store.default_catalog_id(laptop.db) == ANNEX
    import_uhri(laptop, write_uhri_xlsx(tmp_path / "uhri.xlsx"), "local-upr4")
    assert catalog_store.default_catalog_id(laptop.db) == "local-upr4", "a later cycle before an earlier one"
    import_uhri(office, write_uhri_xlsx(tmp_path / "uhri.xlsx"), "khm-upr4")
    package = export_catalog(office.db, ANNEX, tmp_path / "annex.xlsx")
    plan = plan_import(laptop.db, package, ImportOptions())
    assert plan.status == "unchanged"  # the laptop holds the same annex already
    package = export_catalog(office.db, "khm-upr4", tmp_path / "khm-upr4.xlsx")
    apply(laptop.db, plan_import(laptop.db, package, ImportOptions()))
    assert catalog_store.default_catalog_id(laptop.db) == "khm-upr4", "what the office distributed comes first"


def test_template_per_catalog(capsys, data_dir, tmp_path):
    uhri = write_uhri_xlsx(tmp_path / "uhri.xlsx")
    assert run(capsys, data_dir, "catalog", "import", str(uhri), "--country", "Cambodia", "--cycle", "4",
               "--skip-bad-rows", "--id", "khm-upr4")[0] == EXIT_OK
    code, out, err = run(capsys, data_dir, "template", "--out", str(tmp_path / "t4.xlsx"))
    assert code == EXIT_OK and "with 5 recommendations" in out
    code, out, err = run(capsys, data_dir, "template", "--catalog", ANNEX, "--out", str(tmp_path / "t3.xlsx"))
    assert code == EXIT_OK and "with 47 recommendations" in out
    code, out, err = run(capsys, data_dir, "template", "--catalog", "nope", "--out", str(tmp_path / "t.xlsx"))
    assert code == EXIT_FAILED
    assert_one_line_error(err, "no catalog 'nope'")
    code, out, err = run(capsys, data_dir, "catalog", "list", "--catalog", "nope")
    assert code == EXIT_FAILED


def test_office_merges_feedback_on_a_catalog_it_holds_and_flags_one_it_lacks(open_ws, tmp_path):
    laptop, office, other_office = open_ws("laptop"), open_ws("office"), open_ws("other")
    uhri = write_uhri_xlsx(tmp_path / "uhri.xlsx")
    import_uhri(office, uhri)
    apply(laptop.db, plan_import(laptop.db, export_catalog(office.db, "khm-upr4", tmp_path / "p.xlsx"),
                                 ImportOptions()))
    consultation = laptop.records.create(CONSULTATION, {
        "title": "Kampot", "stakeholder_group": "civil_society", "province": "kampot", "catalog_id": "khm-upr4",
        "start_date": "2026-11-01", "participants_women": 3})
    laptop.records.create(FEEDBACK, {"consultation_uuid": consultation["uuid"], "catalog_id": "khm-upr4",
                                     "recommendation_code": "110.24", "priority": "high", "comment": "land"})
    laptop.records.create(FEEDBACK, {"consultation_uuid": consultation["uuid"], "catalog_id": ANNEX,
                                     "recommendation_code": "KH3-07", "priority": "high", "comment": "annex"})
    export = export_package(laptop.database_path, tmp_path / "export.xlsx", laptop.reference,
                            include_sensitive=True)
    held = merge_paths(office.database_path, [export.path], office.reference)
    assert [r.status for r in held] == ["merged"] and not any("lacks" in w for r in held for w in r.warnings)
    lacking = merge_paths(other_office.database_path, [export.path], other_office.reference)
    assert [r.status for r in lacking] == ["merged"]
    warnings = [w for r in lacking for w in r.warnings]
    assert any("khm-upr4" in w and "110.24" in w for w in warnings), warnings


def test_exports_carry_the_catalogs_and_versions_their_feedback_refers_to(open_ws, tmp_path):
    from python_calamine import CalamineWorkbook

    laptop = open_ws("laptop")
    import_uhri(laptop, write_uhri_xlsx(tmp_path / "uhri.xlsx"))
    consultation = laptop.records.create(CONSULTATION, {"title": "K", "catalog_id": "khm-upr4",
                                                        "start_date": "2026-11-01"})
    for catalog_id, code in (("khm-upr4", "110.24"), (ANNEX, "KH3-07")):
        laptop.records.create(FEEDBACK, {"consultation_uuid": consultation["uuid"], "catalog_id": catalog_id,
                                         "recommendation_code": code, "priority": "high"})
    export = export_package(laptop.database_path, tmp_path / "e.xlsx", laptop.reference, include_sensitive=True)
    assert export.manifest["catalog_id"] == "khm-upr3-ohchr-2019, khm-upr4"
    assert export.manifest["catalog_version"] == "1.0, 2024.06.07"
    rows = CalamineWorkbook.from_path(str(export.path)).get_sheet_by_name("recommendations").to_python()
    cells = {str(v) for row in rows for v in row}
    assert {"khm-upr4", "110.24", ANNEX, "KH3-07"} <= cells
